"""The public survey's limit per client address (KINERJA_FEEDBACK_LIMIT): at most `limit` submissions within the
window from one address, accepted or refused (SECURITY.md, "Survey flooding" and "The survey tells who works
where").

Accepted answers are counted from their rows (survey_response.client_hash and submitted_at: a sliding window).
A refused submission writes no answer: refusals are counted in the throttle table's row "survey:<keyed hash of the
address>" (`failures`, `last_failure_at`), which starts again once the last counted refusal is older than the
window. Each submission is counted by `admit` before its input is looked at, in a transaction of its own, one
address at a time, as a refusal; the transaction that stores its answer takes it back (`taken`), and a replay of
a stored answer gives it back (`release`). So a refusal's count sticks whatever its own transaction does (an
idempotency key's transaction around it rolls back), and concurrent submissions cannot slip past the count. A
submission over the limit is refused (RATE_LIMITED) before anything else, and that refusal is not counted.
"""

from __future__ import annotations

import datetime as dt
import math

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from kinerja.models import LoginThrottle, SurveyResponse
from kinerja.services.core import sql
from kinerja.services.core.errors import InputError

KEY_PREFIX = "survey:"
# PostgreSQL advisory lock (two-int4 key space, apart from the audit chain's bigint lock): one per client hash
# while its submissions are counted
PG_LOCK = 4_260_101
_OLDEST = 1000  # accepted answers read to say when the next submission is taken


def _key(digest: str) -> str:
    return f"{KEY_PREFIX}{digest}"


async def admit(digest: str, limit: int, window_seconds: int) -> None:
    """Count one submission of this address (as a refusal, until its answer is stored), or refuse it as
    RATE_LIMITED, uncounted, when the address has had `limit` submissions within the window."""
    now = dt.datetime.now(dt.timezone.utc)
    since = now - dt.timedelta(seconds=window_seconds)
    key = _key(digest)
    async with in_transaction() as conn:
        if sql.is_postgres(conn):  # the submissions of one address are counted one at a time
            await conn.execute_query("SELECT pg_advisory_xact_lock($1, $2)", [PG_LOCK, int(digest[:8], 16) - 2**31])
        await LoginThrottle.bulk_create([LoginThrottle(key=key, failures=0)], ignore_conflicts=True, using_db=conn)
        row = await LoginThrottle.filter(key=key).using_db(conn).select_for_update().first()
        refused, last = row.failures, row.last_failure_at
        if last is None or last <= since:
            refused = 0  # quiet for a whole window: the refusals start again
        accepted = SurveyResponse.filter(client_hash=digest, submitted_at__gt=since).using_db(conn)
        count = await accepted.count()
        if count + refused >= limit:
            oldest = await accepted.order_by("submitted_at").limit(_OLDEST).values_list("submitted_at", flat=True)
            wait = _wait(limit, count, list(oldest), refused, last, window_seconds, now)
            raise InputError.one(["input"], "RATE_LIMITED", _message(limit, window_seconds, wait),
                                 {"limit": limit, "window_seconds": window_seconds, "seconds": wait})
        await LoginThrottle.filter(id=row.id).using_db(conn).update(failures=refused + 1, last_failure_at=now)


async def taken(conn: BaseDBAsyncClient, digest: str) -> None:
    """In the transaction that stores the submission's answer: it is counted as that answer now."""
    await LoginThrottle.filter(key=_key(digest), failures__gt=0).using_db(conn).update(failures=F("failures") - 1)


async def release(digest: str) -> None:
    """The submission was a replay of a stored answer (an idempotency key): it is not a new submission."""
    async with in_transaction() as conn:
        await taken(conn, digest)


def _wait(limit: int, count: int, oldest: list[dt.datetime], refused: int, last: dt.datetime | None, window: int,
          now: dt.datetime) -> int:
    """Seconds until the address has fewer than `limit` submissions in the window: accepted answers leave it one by
    one, the refusals all at once."""
    span = dt.timedelta(seconds=window)
    drops = sorted([(at + span, 1) for at in oldest] + ([(last + span, refused)] if refused and last else []))
    total = count + refused
    for at, n in drops:
        total -= n
        if total < limit:
            return max(1, math.ceil((at - now).total_seconds()))
    return window


def _message(limit: int, window: int, wait: int) -> str:
    return (f"Thank you for your answers. At most {limit} answers are taken from one address within "
            f"{_duration(window)}; please try again in {_duration(wait)}.")


def _duration(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    if seconds < 7200:
        return f"{math.ceil(seconds / 60)} minutes"
    return f"{math.ceil(seconds / 3600)} hours"
