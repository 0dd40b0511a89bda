"""The audit trail: append events chained by SHA-256, and verify the chain."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable

from tortoise.backends.base.client import BaseDBAsyncClient

from kinerja.models import AuditEvent

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


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _timestamp(at: dt.datetime) -> str:
    return at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def event_hash(prev_hash: str, at: dt.datetime, actor: str, change: Change) -> str:
    payload = _canonical(
        [prev_hash, _timestamp(at), actor, change.action, change.entity, change.entity_id, change.before, change.after]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


async def append(conn: BaseDBAsyncClient, actor: str, changes: Iterable[Change]) -> int:
    """Append events inside the caller's transaction `conn`; returns how many were written."""
    changes = list(changes)
    if not changes:
        return 0
    if conn.capabilities.dialect == "postgres":
        await conn.execute_query("SELECT pg_advisory_xact_lock($1)", [_PG_AUDIT_LOCK])
    last = await AuditEvent.all().using_db(conn).order_by("-id").only("hash").first()
    prev = last.hash if last else GENESIS
    at = dt.datetime.now(dt.timezone.utc)
    events = []
    for change in changes:
        digest = event_hash(prev, at, actor, change)
        events.append(
            AuditEvent(
                at=at,
                actor=actor,
                action=change.action,
                entity=change.entity,
                entity_id=change.entity_id,
                before=change.before,
                after=change.after,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    await AuditEvent.bulk_create(events, batch_size=1000, using_db=conn)
    return len(events)


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


async def trail(entity: str, entity_id: str) -> list[AuditEvent]:
    return await AuditEvent.filter(entity=entity, entity_id=entity_id).order_by("id")
