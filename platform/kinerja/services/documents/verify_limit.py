"""The verify page's limit per client address: at most LIMIT pages within WINDOW_SECONDS from one address, then
429 until the window ends (a fixed window; docs/DOMAIN.md, "Official documents"). Codes carry 120 random bits, so
the limit is not what keeps them from being guessed: it keeps one address from making the server compute facts
without end.

Counted as the sign-in throttle and the survey's limit count (services/auth/login_throttle.py,
services/survey/feedback_limit.py): a row of the throttle table per keyed hash of the address ("verify:<hash>"; the
address itself is never stored), `failures` the pages shown in the window, `last_failure_at` when the window began,
read and written under the row's lock so that concurrent requests cannot slip past the count.
"""

from __future__ import annotations

import datetime as dt
import math

from tortoise.transactions import in_transaction

from kinerja.models import LoginThrottle
from kinerja.services.core import clock
from kinerja.services.core.client_hash import client_hash

KEY_PREFIX = "verify:"
LIMIT = 30
WINDOW_SECONDS = 60


async def admit(client: str | None, secret: str) -> int | None:
    """None: the page may be shown (and is counted); else the seconds to wait."""
    key = f"{KEY_PREFIX}{client_hash(client, secret)}"
    now = clock.now()
    async with in_transaction() as conn:
        await LoginThrottle.bulk_create([LoginThrottle(key=key, failures=0)], ignore_conflicts=True, using_db=conn)
        row = await LoginThrottle.filter(key=key).using_db(conn).select_for_update().first()
        start = row.last_failure_at
        if start is None or start <= now - dt.timedelta(seconds=WINDOW_SECONDS):
            await LoginThrottle.filter(id=row.id).using_db(conn).update(failures=1, last_failure_at=now)
            return None
        if row.failures >= LIMIT:
            return max(1, math.ceil((start + dt.timedelta(seconds=WINDOW_SECONDS) - now).total_seconds()))
        await LoginThrottle.filter(id=row.id).using_db(conn).update(failures=row.failures + 1)
    return None
