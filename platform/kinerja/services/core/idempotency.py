"""Idempotency keys: a keyed mutation has one effect per caller and key, and a replay gets the first answer.

`once(caller, mutation, key, request, run)` runs `run()` (the mutation's service call, which returns the answer as
plain JSON values) inside one transaction that first inserts the key's row and finally stores the answer in it:
the effect and its answer are committed together or not at all. The unique constraint on (caller, mutation,
key) decides between two requests that carry the same key at the same time: PostgreSQL makes the second INSERT
wait for the first transaction and then fail (SQLite runs one write transaction at a time and the second finds
the row), and the loser rolls back whatever it did and answers from the winner's row.

Only successful answers are stored: when `run()` raises (user errors, nothing written) the transaction rolls
back with the key's row, so the same key can be sent again with corrected input. Keys expire after `TTL`; the
expired rows are deleted by the next keyed write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any, Awaitable, Callable

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from kinerja.models import IdempotencyKey
from kinerja.services.core.errors import InputError

TTL = dt.timedelta(hours=24)
KEY_RE = re.compile(r"[A-Za-z0-9_-]{8,128}")
PATH = ("idempotencyKey",)
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
_ATTEMPTS = 3


class _Taken(Exception):
    """Another request inserted this key first (its transaction has committed)."""


def check_key(key: str) -> str:
    if not KEY_RE.fullmatch(key):
        raise InputError.one(PATH, "INVALID_IDEMPOTENCY_KEY",
                             "an idempotency key is 8-128 characters of A-Z, a-z, 0-9, '_' and '-'")
    return key


def request_hash(request: Any) -> str:
    """SHA-256 of the canonical JSON of the normalized input (keys sorted, no whitespace)."""
    return hashlib.sha256(_ENCODER.encode(request).encode("utf-8")).hexdigest()


async def once(caller: str, mutation: str, key: str | None, request: Any,
               run: Callable[[], Awaitable[Any]]) -> Any:
    """The answer of `run()`, run at most once per (caller, mutation, key) within TTL; without a key, just run."""
    if key is None:
        return await run()
    check_key(key)
    digest = request_hash(request)
    for _ in range(_ATTEMPTS):
        found = await _stored(caller, mutation, key)
        if found is not None:
            return _replay(found, digest)
        await IdempotencyKey.filter(created_at__lte=_now() - TTL).delete()  # forget expired keys
        try:
            return await _first(caller, mutation, key, digest, run)
        except _Taken:
            continue  # the winner committed: its row is there now
    raise RuntimeError(f"idempotency key {key!r} of {caller} for {mutation} neither stored nor storable")


async def _first(caller: str, mutation: str, key: str, digest: str, run: Callable[[], Awaitable[Any]]) -> Any:
    async with in_transaction() as conn:
        try:
            # first statement of the transaction: a concurrent request with this key waits here (PostgreSQL) or
            # cannot start its transaction (SQLite) until this one has committed or rolled back
            row = await IdempotencyKey.create(caller=caller, mutation=mutation, key=key, request_hash=digest,
                                              created_at=_now(), using_db=conn)
        except IntegrityError:
            raise _Taken() from None
        answer = _ENCODER.encode(await run())  # the service's own transaction nests in this one (a savepoint)
        await IdempotencyKey.filter(id=row.id).using_db(conn).update(answer=answer)
    # the caller builds its payload from the stored text, exactly as a replay will
    return json.loads(answer)


async def _stored(caller: str, mutation: str, key: str) -> IdempotencyKey | None:
    return await IdempotencyKey.filter(caller=caller, mutation=mutation, key=key,
                                       created_at__gt=_now() - TTL).first()


def _replay(found: IdempotencyKey, digest: str) -> Any:
    if found.request_hash != digest:
        raise InputError.one(PATH, "IDEMPOTENCY_KEY_REUSED",
                             "this idempotency key was used for a different input; use a new key for a new request")
    return json.loads(found.answer)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
