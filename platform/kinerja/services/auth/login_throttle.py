"""Failed sign-ins per NIP and per client address: after SLOW_AFTER failures each attempt must wait (1, 2, 4 ...
seconds, at most MAX_WAIT) since the last one; after the lock limit the key is locked for the lock time.

A client address (kept only as its keyed hash: `secret` is the KINERJA_SECRET setting, "" a key made once per
process) gets ADDRESS_FACTOR times the NIP's limits, since an office's people share one address. Counters start
again once the last failure is older than the lock time."""

from __future__ import annotations

import datetime as dt
import math

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from kinerja.models import LoginThrottle
from kinerja.services.core.errors import InputError
from kinerja.services.core.client_hash import client_hash

SLOW_AFTER = 3
MAX_WAIT = 60
ADDRESS_FACTOR = 5


def _nip_key(nip: str) -> str:
    return f"nip:{nip}"


def _address_key(client: str | None, secret: str) -> str:
    return f"addr:{client_hash(client, secret)}"


def _keys(nip: str, client: str | None, lock_failures: int, secret: str) -> dict[str, tuple[int, int]]:
    """key -> (failures after which it is slowed, failures after which it is locked)."""
    return {_nip_key(nip): (SLOW_AFTER, lock_failures),
            _address_key(client, secret): (SLOW_AFTER * ADDRESS_FACTOR, lock_failures * ADDRESS_FACTOR)}


def wait_after(failures: int, slow_after: int) -> int:
    """Seconds an attempt must wait after the last failure, with `failures` counted so far."""
    if failures < slow_after:
        return 0
    return min(MAX_WAIT, 2 ** (failures - slow_after))


async def admit(nip: str, client: str | None, lock_failures: int, lock_seconds: int, secret: str) -> None:
    """Count this attempt as a failure, or refuse it (TOO_MANY_ATTEMPTS, LOCKED) without counting it."""
    now = dt.datetime.now(dt.timezone.utc)
    keys = _keys(nip, client, lock_failures, secret)
    async with in_transaction() as conn:
        await LoginThrottle.bulk_create([LoginThrottle(key=key, failures=0) for key in keys], ignore_conflicts=True,
                                        using_db=conn)
        rows = {r.key: r for r in await LoginThrottle.filter(key__in=list(keys)).using_db(conn)
                .select_for_update().order_by("key")}
        refusal: InputError | None = None
        for key, (slow_after, lock_after) in keys.items():
            row = rows[key]
            if row.last_failure_at is not None and (now - row.last_failure_at).total_seconds() >= lock_seconds:
                row.failures, row.locked_until = 0, None  # quiet for a whole lock time: start again
            what = "this NIP" if key == _nip_key(nip) else "this address"
            if row.locked_until is not None and row.locked_until > now:
                left = math.ceil((row.locked_until - now).total_seconds())
                refusal = InputError.one(["nip"], "LOCKED", f"too many failed sign-ins for {what}: locked, try again "
                                                            f"in {_duration(left)}")
                break
            wait = wait_after(row.failures, slow_after)
            if wait and row.last_failure_at is not None:
                left = math.ceil(wait - (now - row.last_failure_at).total_seconds())
                if left > 0:
                    refusal = InputError.one(["nip"], "TOO_MANY_ATTEMPTS", f"too many failed sign-ins for {what}: "
                                                                           f"try again in {_duration(left)}")
                    break
        if refusal is not None:
            raise refusal
        for key, (_, lock_after) in keys.items():
            row = rows[key]
            row.failures += 1
            row.last_failure_at = now
            if row.failures >= lock_after:
                row.locked_until = now + dt.timedelta(seconds=lock_seconds)
            await LoginThrottle.filter(id=row.id).using_db(conn).update(
                failures=row.failures, last_failure_at=now, locked_until=row.locked_until)


async def succeed(conn: BaseDBAsyncClient, nip: str, client: str | None, secret: str) -> None:
    """The attempt was right: the NIP starts again; the address forgets this one attempt only."""
    await forget(conn, nip)
    row = await LoginThrottle.filter(key=_address_key(client, secret)).using_db(conn).select_for_update().first()
    if row is not None and row.failures > 0:
        await LoginThrottle.filter(id=row.id).using_db(conn).update(failures=row.failures - 1)


async def forget(conn: BaseDBAsyncClient, nip: str) -> None:
    """Clear the NIP's counter and lock (a right password, or a password set anew)."""
    await LoginThrottle.filter(key=_nip_key(nip)).using_db(conn).delete()


def _duration(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    return f"{math.ceil(seconds / 60)} minutes"
