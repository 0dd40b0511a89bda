"""GraphQL of the audit trail: the chained events of one entity."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import strawberry
from strawberry.scalars import JSON

from kinerja import models
from kinerja.graphql.context import Info
from kinerja.graphql.pagination import (CONNECTION_AFTER, CONNECTION_DEFAULT, CONNECTION_FIRST, Connection,
                                        check_first, decode_cursor, decode_name_id_cursor, encode_cursor,
                                        forward_page)
from kinerja.services.core import audit_trail
from kinerja.services.core.errors import BadArgument


@strawberry.type(description="One event of the audit trail: who did what to which entity, with its content before "
                             "and after, chained by hashes. For anyone but ADMIN, identities the viewer may not see "
                             "elsewhere are hidden.")
class AuditEvent:
    at: dt.datetime = strawberry.field(description="When it happened.")
    actor: str = strawberry.field(
        description="Who did it: nip:<NIP>, token:<id>, cli:<user>, or a fixed word (system, public, demo); "
                    "nip:hidden, token:hidden or cli:hidden where the viewer may not see that identity.")
    action: str = strawberry.field(description="What was done, as entity.verb, e.g. assessment.create, "
                                               "rating.finalize, cycle.status.")
    entity: str = strawberry.field(description="The kind of entity, e.g. agency, unit, person, cycle, assessment, "
                                               "rating, objection, org_rating.")
    entity_id: str = strawberry.field(description="The entity's id in its kind's form, e.g. a rating's NIP/PERIOD, "
                                                  "a unit's CODE/UNIT (auditTrail lists them).")
    before: Optional[JSON] = strawberry.field(
        description="What the entity held before the event; null when it records no earlier state (a creation). "
                    "A NIP the viewer may not see is null, and a survey respondent's profile is null for anyone but "
                    "ADMIN.")
    after: Optional[JSON] = strawberry.field(
        description="What the entity holds after the event, or what the event recorded (e.g. a reason), hidden "
                    "as `before` is; null when it records nothing.")
    prev_hash: str = strawberry.field(description="Hash of the event before this one in the chain.")
    hash: str = strawberry.field(description="SHA-256 over the previous hash and this event's content.")

    @classmethod
    def from_model(cls, e: models.AuditEvent | audit_trail.TrailEvent) -> "AuditEvent":
        return cls(at=e.at, actor=e.actor, action=e.action, entity=e.entity, entity_id=e.entity_id,
                   before=e.before, after=e.after, prev_hash=e.prev_hash, hash=e.hash)


@strawberry.type(description="A page of auditEvents, newest first, with the cursor of the next page.")
class AuditEventPage:
    events: list[AuditEvent] = strawberry.field(description="Newest first.")
    next_cursor: Optional[str] = strawberry.field(description=(
        "Give it as `after` for the next page; null when no older event is left. A page examines a window of "
        "events, so it may hold fewer than `first` (even none) and still have a next one."))


CURSOR_NAME = "audit"


def _before(after: str | None) -> int | None:
    found = decode_name_id_cursor(after)
    if found is None:
        return None
    if found[0] != CURSOR_NAME:
        raise BadArgument("after", "after is not a cursor of this list; use a nextCursor", "BAD_CURSOR")
    return found[1]


# the arguments auditTrail and auditTrailConnection share
TrailEntity = Annotated[str, strawberry.argument(description="The kind of entity, e.g. rating.")]
TrailId = Annotated[str, strawberry.argument(description="The entity's id in its kind's form, e.g. "
                                                         "199001012015011001/2025.")]


@strawberry.type
class Query:
    @strawberry.field(description="Events of one entity, oldest first (at most 1,000). Entities and their ids: "
                                  "agency CODE, unit CODE/UNIT, person NIP, cycle YEAR, indicator CODE.INDICATOR, "
                                  "target ID, measurement TARGET/PERIOD, assessment ID, rating NIP/PERIOD, "
                                  "org_rating CODE/PERIOD. ADMIN sees every trail, an agency admin its agency's, "
                                  "with the identities it may not see elsewhere hidden (a NIP null, an actor "
                                  "nip:hidden, token:hidden or cli:hidden).",
                      deprecation_reason="Use auditTrailConnection: pages of any length, with a cursor and whether "
                                         "more follow (this list stops at 1,000 with LIST_TOO_LONG).")
    async def audit_trail(
        self, info: Info,
        entity: TrailEntity,
        id: TrailId,
    ) -> list[AuditEvent]:
        return [AuditEvent.from_model(e) for e in await audit_trail.trail(info.context.access, entity, id)]

    @strawberry.field(description="Events of one entity, oldest first, in keyset pages; entities, ids and who sees "
                                  "what as auditTrail.")
    async def audit_trail_connection(
        self, info: Info,
        entity: TrailEntity,
        id: TrailId,
        first: Annotated[Optional[int], strawberry.argument(description=CONNECTION_FIRST)] = None,
        after: Annotated[Optional[str], strawberry.argument(description=CONNECTION_AFTER)] = None,
    ) -> Connection[AuditEvent]:
        size = check_first(CONNECTION_DEFAULT if first is None else first, info.context.settings.max_page_size)
        position = decode_cursor(after, (int,))
        rows = await audit_trail.trail(info.context.access, entity, id, size, position[0] if position else None)
        return forward_page(rows, size, after, AuditEvent.from_model, lambda e: (e.id,))

    @strawberry.field(description=(
        "Events of every entity the viewer may read, newest first, narrowed by each argument given (all exact: "
        "agency code, entity kind, entity id, action, actor; from and to are dates in WIB). ADMIN reads every "
        "event, an agency admin its agency's (by auditTrail's rule, with the same identities hidden); an actor it "
        "may not see reads as having done nothing. first: 1 to 100, default 50."))
    async def audit_events(
        self, info: Info,
        agency: Annotated[Optional[str], strawberry.argument(
            description="Only events of this agency's entities (its code; NOT_FOUND when unknown or out of "
                        "scope).")] = None,
        entity: Annotated[Optional[str], strawberry.argument(
            description="Only this kind of entity, e.g. rating.")] = None,
        entity_id: Annotated[Optional[str], strawberry.argument(
            description="Only this entity id; with `entity`, one entity's events.")] = None,
        action: Annotated[Optional[str], strawberry.argument(
            description="Only this action, e.g. rating.finalize.")] = None,
        actor: Annotated[Optional[str], strawberry.argument(
            description="Only events by this actor, e.g. nip:199001012015011001.")] = None,
        from_: Annotated[Optional[dt.date], strawberry.argument(
            name="from", description="Only events on or after this day (YYYY-MM-DD, WIB); null: from the "
                                     "first.")] = None,
        to: Annotated[Optional[dt.date], strawberry.argument(
            description="Only events on or before this day (YYYY-MM-DD, WIB); not before `from` "
                        "(INVALID_RANGE).")] = None,
        first: Annotated[Optional[int], strawberry.argument(
            description=f"Most events on the page: 1 to {audit_trail.PAGE_MAX}, default "
                        f"{audit_trail.PAGE_DEFAULT} (BAD_PAGE_SIZE otherwise).")] = None,
        after: Annotated[Optional[str], strawberry.argument(
            description="The previous page's `nextCursor`; null for the newest events.")] = None,
    ) -> AuditEventPage:
        wanted = audit_trail.TrailFilter(agency=agency, entity=entity, entity_id=entity_id, action=action,
                                         actor=actor, since=from_, until=to)
        found = await audit_trail.page(info.context.access, wanted,
                                       audit_trail.PAGE_DEFAULT if first is None else first, _before(after))
        return AuditEventPage(events=[AuditEvent.from_model(e) for e in found.events],
                              next_cursor=encode_cursor(CURSOR_NAME, found.next_before)
                              if found.next_before is not None else None)
