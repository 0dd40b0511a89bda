"""The audit trail: append events chained by SHA-256, and verify the chain."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable

from tortoise.backends.base.client import BaseDBAsyncClient

from kinerja.models import AuditEvent
from kinerja.services.core import sql

GENESIS = "0" * 64
# Any constant: PostgreSQL advisory lock that serializes appends to the chain.
_PG_AUDIT_LOCK = 7_240_511


@dataclass(frozen=True)
class Change:
    """One audited write, before it is chained."""

    action: str
    entity: str
    entity_id: str
    before: Any = None
    after: Any = None


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _canonical(value: Any) -> str:
    return _ENCODER.encode(value)


def _timestamp(at: dt.datetime) -> str:
    return at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def event_hash(prev_hash: str, at: dt.datetime, actor: str, change: Change) -> str:
    """SHA-256 of the canonical JSON list [prev_hash, at, actor, action, entity, entity_id, before, after]."""
    return _hash(prev_hash, _canonical([_timestamp(at), actor]), change, _canonical(change.before),
                 _canonical(change.after))


def _hash(prev_hash: str, at_actor: str, change: Change, before: str, after: str) -> str:
    # Built from parts: under these separators JSON joins a list's items with ",", so this is the canonical
    # text of the whole list, while the parts shared by a batch (time, actor) and the parts stored as well
    # (before, after) are encoded once.
    payload = (f'["{prev_hash}",{at_actor[1:-1]},{_canonical(change.action)},{_canonical(change.entity)},'
               f"{_canonical(change.entity_id)},{before},{after}]")
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


async def append(conn: BaseDBAsyncClient, actor: str, changes: Iterable[Change]) -> int:
    """Append events inside the caller's transaction `conn`; returns how many were written."""
    changes = list(changes)
    if not changes:
        return 0
    if sql.is_postgres(conn):
        await conn.execute_query("SELECT pg_advisory_xact_lock($1)", [_PG_AUDIT_LOCK])
    # plain SQL: a migration appends too (services/evaluation/year_end.py), where the ORM's queries are not set up
    _, last = await conn.execute_query("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1")
    prev = last[0]["hash"] if last else GENESIS
    at = dt.datetime.now(dt.timezone.utc)
    at_db = AuditEvent._meta.fields_map["at"].to_db_value(at, AuditEvent)
    at_actor = _canonical([_timestamp(at), actor])
    rows = []
    for change in changes:
        before, after = _canonical(change.before), _canonical(change.after)
        digest = _hash(prev, at_actor, change, before, after)
        rows.append([at_db, actor, change.action, change.entity, change.entity_id,
                     None if change.before is None else before, None if change.after is None else after,
                     prev, digest])
        prev = digest
    # Plain SQL: building an AuditEvent model a row cost more than hashing it. PostgreSQL takes the events as
    # one array per column in one statement; SQLite's executemany stays in C.
    if sql.is_postgres(conn):
        await conn.execute_query(_INSERT_PG, [list(column) for column in zip(*rows)])
    else:
        await conn.execute_many(_INSERT_SQLITE, rows)
    return len(rows)


_EVENT_COLUMNS = "at, actor, action, entity, entity_id, before, after, prev_hash, hash"
_PG_TYPES = ("timestamptz", "text", "text", "text", "text", "jsonb", "jsonb", "text", "text")
# ORDER BY the array position: ids (the order `verify` walks the chain in) follow the chain's order
_INSERT_PG = (f"INSERT INTO audit_event ({_EVENT_COLUMNS}) SELECT {_EVENT_COLUMNS} FROM unnest("
              f"{', '.join(f'${n}::{t}[]' for n, t in enumerate(_PG_TYPES, start=1))}) WITH ORDINALITY "
              f"AS e({_EVENT_COLUMNS}, position) ORDER BY position")
_INSERT_SQLITE = f"INSERT INTO audit_event ({_EVENT_COLUMNS}) VALUES ({', '.join('?' * 9)})"


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    bad_event_id: int | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.bad_event_id is None


async def verify(batch: int = 5000) -> VerifyResult:
    """Walk the chain in id order; report the first event whose links or hash do not hold."""
    prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = await AuditEvent.filter(id__gt=last_id).order_by("id").limit(batch)
        if not rows:
            return VerifyResult(checked)
        for ev in rows:
            if ev.prev_hash != prev:
                return VerifyResult(checked, ev.id, "its previous-hash does not match the event before it")
            change = Change(ev.action, ev.entity, ev.entity_id, ev.before, ev.after)
            if event_hash(ev.prev_hash, ev.at, ev.actor, change) != ev.hash:
                return VerifyResult(checked, ev.id, "its content does not match its hash")
            prev = ev.hash
            checked += 1
            last_id = ev.id


async def last_setting(conn: BaseDBAsyncClient, entity: str, entity_id: str, field: str, value: Any,
                       actions: Iterable[str]) -> AuditEvent | None:
    """The latest of the entity's events among `actions` whose `after` set `field` to `value` (its `before` had
    another value, or there was none): how the entity's field came to hold what it holds now."""
    events = await (AuditEvent.filter(entity=entity, entity_id=entity_id, action__in=sorted(set(actions)))
                    .using_db(conn).order_by("-id"))
    for ev in events:
        after = ev.after if isinstance(ev.after, dict) else {}
        before = ev.before if isinstance(ev.before, dict) else {}
        if field in after and after[field] == value and (field not in before or before[field] != value):
            return ev
    return None


def reference(ev: AuditEvent) -> dict:
    """An event as another event's record names it: id, action, actor and time."""
    return {"event": ev.id, "action": ev.action, "actor": ev.actor, "at": _timestamp(ev.at)}


async def trail(entity: str, entity_id: str) -> list[AuditEvent]:
    return await AuditEvent.filter(entity=entity, entity_id=entity_id).order_by("id")
