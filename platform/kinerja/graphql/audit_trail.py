"""GraphQL of the audit trail: the chained events of one entity."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import strawberry
from strawberry.scalars import JSON

from kinerja import models
from kinerja.graphql.context import Info
from kinerja.services.core import audit_trail


@strawberry.type
class AuditEvent:
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: Optional[JSON]
    after: Optional[JSON]
    prev_hash: str = strawberry.field(description="Hash of the event before this one in the chain.")
    hash: str = strawberry.field(description="SHA-256 over the previous hash and this event's content.")

    @classmethod
    def from_model(cls, e: models.AuditEvent | audit_trail.TrailEvent) -> "AuditEvent":
        return cls(at=e.at, actor=e.actor, action=e.action, entity=e.entity, entity_id=e.entity_id,
                   before=e.before, after=e.after, prev_hash=e.prev_hash, hash=e.hash)


@strawberry.type
class Query:
    @strawberry.field(description="Events of one entity, oldest first (at most 1,000). Entities and their ids: "
                                  "agency CODE, unit CODE/UNIT, person NIP, cycle YEAR, indicator CODE.INDICATOR, "
                                  "target ID, measurement TARGET/PERIOD, assessment ID, rating NIP/PERIOD, "
                                  "org_rating CODE/PERIOD. ADMIN sees every trail, an agency admin its agency's, "
                                  "with the identities it may not see elsewhere hidden (a NIP null, an actor "
                                  "nip:hidden, token:hidden or cli:hidden).")
    async def audit_trail(self, info: Info, entity: str, id: str) -> list[AuditEvent]:
        return [AuditEvent.from_model(e) for e in await audit_trail.trail(info.context.access, entity, id)]
