"""Failed sign-ins counted three ways (docs: SECURITY.md, "Sign-in"):

- per NIP and client address (the pair): after SLOW_AFTER failures each attempt must wait (1, 2, 4 ... seconds, at
  most MAX_WAIT) since the last one; after the lock limit the pair is locked for the lock time. A stranger who
  guesses wrong locks only their own address out of the account, never the person at another address;
- per client address, across NIPs: ADDRESS_FACTOR times the pair's limits (an office's people share one address),
  slowed then locked the same way;
- per NIP, across addresses: never refused nor locked, only slowed. Once the NIP has as many failures as the lock
  limit, every attempt for it is held NIP_DELAY_STEP, 2, 4 ... times that before its password is checked, at most
  NIP_MAX_DELAY seconds: guessing one account from many addresses costs time per guess, and its person still gets
  in, a few seconds later.

A client address is kept only as its keyed hash (`secret` is the KINERJA_SECRET setting, "" a key made once per
process). Counters start again once the last failure is older than the lock time."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import math

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from kinerja.models import LoginThrottle
from kinerja.services.core import clock
from kinerja.services.core.errors import InputError
from kinerja.services.core.client_hash import client_hash

log = logging.getLogger("kinerja.sessions")

SLOW_AFTER = 3
MAX_WAIT = 60
ADDRESS_FACTOR = 5
NIP_DELAY_STEP = 0.5
NIP_MAX_DELAY = 4.0
PAIR_HASH = 32  # characters of the address's hash in a pair's key: the key fits its column with a 40-character NIP


def _nip_key(nip: str) -> str:
    return f"nip:{nip}"


def _pair_key(nip: str, client: str | None, secret: str) -> str:
    return f"pair:{nip}:{client_hash(client, secret)[:PAIR_HASH]}"


def _address_key(client: str | None, secret: str) -> str:
    return f"addr:{client_hash(client, secret)}"


def _keys(nip: str, client: str | None, lock_failures: int, secret: str) -> dict[str, tuple[int, int] | None]:
    """key -> (failures after which it is slowed, failures after which it is locked); None for the NIP's own key,
    which only delays."""
    return {_pair_key(nip, client, secret): (SLOW_AFTER, lock_failures),
            _address_key(client, secret): (SLOW_AFTER * ADDRESS_FACTOR, lock_failures * ADDRESS_FACTOR),
            _nip_key(nip): None}


def wait_after(failures: int, slow_after: int) -> int:
    """Seconds an attempt must wait after the last failure, with `failures` counted so far."""
    if failures < slow_after:
        return 0
    return min(MAX_WAIT, 2 ** (failures - slow_after))


def nip_delay(failures: int, lock_failures: int) -> float:
    """Seconds an attempt for a NIP is held before its password is checked, with `failures` counted for the NIP
    from every address: none below the lock limit, then doubling up to NIP_MAX_DELAY."""
    if failures < lock_failures:
        return 0.0
    return min(NIP_MAX_DELAY, NIP_DELAY_STEP * 2 ** min(failures - lock_failures, 16))


async def hold(seconds: float) -> None:
    """The NIP's delay (a module function, so that tests can watch it without waiting)."""
    await asyncio.sleep(seconds)


async def admit(nip: str, client: str | None, lock_failures: int, lock_seconds: int, secret: str) -> None:
    """Count this attempt as a failure, or refuse it (TOO_MANY_ATTEMPTS, LOCKED) without counting it; then hold
    it for the NIP's delay."""
    now = clock.now()
    keys = _keys(nip, client, lock_failures, secret)
    async with in_transaction() as conn:
        await LoginThrottle.bulk_create([LoginThrottle(key=key, failures=0) for key in keys], ignore_conflicts=True,
                                        using_db=conn)
        rows = {r.key: r for r in await LoginThrottle.filter(key__in=list(keys)).using_db(conn)
                .select_for_update().order_by("key")}
        refusal: InputError | None = None
        for key, limits in keys.items():
            row = rows[key]
            if row.last_failure_at is not None and (now - row.last_failure_at).total_seconds() >= lock_seconds:
                row.failures, row.locked_until = 0, None  # quiet for a whole lock time: start again
            if limits is None or refusal is not None:
                continue
            what = "this NIP from this address" if key.startswith("pair:") else "this address"
            if row.locked_until is not None and row.locked_until > now:
                left = math.ceil((row.locked_until - now).total_seconds())
                refusal = InputError.one(["nip"], "LOCKED", f"too many failed sign-ins for {what}: locked, try again "
                                                            f"in {_duration(left)}", {"seconds": left})
                continue
            wait = wait_after(row.failures, limits[0])
            if wait and row.last_failure_at is not None:
                left = math.ceil(wait - (now - row.last_failure_at).total_seconds())
                if left > 0:
                    refusal = InputError.one(["nip"], "TOO_MANY_ATTEMPTS", f"too many failed sign-ins for {what}: "
                                                                           f"try again in {_duration(left)}",
                                             {"seconds": left})
        if refusal is not None:
            raise refusal
        for key, limits in keys.items():
            row = rows[key]
            row.failures += 1
            row.last_failure_at = now
            if limits is not None and row.failures >= limits[1]:
                row.locked_until = now + dt.timedelta(seconds=lock_seconds)
            await LoginThrottle.filter(id=row.id).using_db(conn).update(
                failures=row.failures, last_failure_at=now, locked_until=row.locked_until)
    delay = nip_delay(rows[_nip_key(nip)].failures - 1, lock_failures)
    if delay:
        if rows[_nip_key(nip)].failures - 1 == lock_failures:
            log.warning("failed sign-ins for NIP %s from several addresses reached %d: its sign-ins are now slowed",
                        nip, lock_failures)
        await hold(delay)


async def succeed(conn: BaseDBAsyncClient, nip: str, client: str | None, secret: str) -> None:
    """The attempt was right: the NIP (and its pair with this address) starts again; the address forgets this one
    attempt only."""
    await LoginThrottle.filter(key__in=[_nip_key(nip), _pair_key(nip, client, secret)]).using_db(conn).delete()
    row = await LoginThrottle.filter(key=_address_key(client, secret)).using_db(conn).select_for_update().first()
    if row is not None and row.failures > 0:
        await LoginThrottle.filter(id=row.id).using_db(conn).update(failures=row.failures - 1)


async def forget(conn: BaseDBAsyncClient, nip: str) -> None:
    """Clear the NIP's counters and locks, from every address (a password set anew)."""
    await LoginThrottle.filter(key=_nip_key(nip)).using_db(conn).delete()
    await LoginThrottle.filter(key__startswith=f"pair:{nip}:").using_db(conn).delete()


def _duration(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    return f"{math.ceil(seconds / 60)} minutes"
