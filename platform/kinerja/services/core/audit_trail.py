"""Reading the audit trail of one entity: for ADMIN, and for the admin of the agency the entity belongs to."""

from __future__ import annotations

from typing import Awaitable, Callable

from kinerja.models import Agency, Assessment, AuditEvent, Person, SurveyResponse, Target
from kinerja.services.core.access import Access, deny
from kinerja.services.core.errors import BadArgument
from kinerja.services.core.ids import parse_id
from kinerja.services.core.nip import normalize_nip

MAX_ID = 64
MAX_EVENTS = 1000


async def _agency_by_code(code: str) -> int | None:
    row = await Agency.filter(code=code.strip().upper()).only("id").first()
    return row.id if row else None


async def _by_prefix(entity_id: str, separator: str) -> int | None:
    """Ids that start with the agency code: "DISDIK/SDN-001" (unit), "DISDIK.KELULUSAN" (indicator)."""
    code, found, _ = entity_id.partition(separator)
    return await _agency_by_code(code) if found else None


async def _person(entity_id: str) -> int | None:
    """A NIP, alone or before "/period" (a rating: "NIP/2025")."""
    nip = normalize_nip(entity_id.partition("/")[0])
    row = await Person.filter(nip=nip).only("id", "agency_id").first()
    return row.agency_id if row else None


async def _target(entity_id: str) -> int | None:
    """A target id, alone or before "/period" (a measurement: "12/2025-Q1")."""
    head = parse_id(entity_id.partition("/")[0])
    if head is None:
        return None
    row = await Target.filter(id=head).only("id", "agency_id").first()
    return row.agency_id if row else None


def _by_id(model) -> Callable[[str], Awaitable[int | None]]:
    async def agency_of(entity_id: str) -> int | None:
        found = parse_id(entity_id)
        if found is None:
            return None
        row = await model.filter(id=found).only("id", "agency_id").first()
        return row.agency_id if row else None

    return agency_of


# entity → how its id leads to its agency; entities not listed (cycle, ...) are ADMIN's only
AGENCY_OF: dict[str, Callable[[str], Awaitable[int | None]]] = {
    "agency": _agency_by_code,
    "unit": lambda i: _by_prefix(i, "/"),
    "indicator": lambda i: _by_prefix(i, "."),
    "person": _person,
    "rating": _person,
    "target": _target,
    "measurement": _target,
    "assessment": _by_id(Assessment),
    "org_rating": lambda i: _by_prefix(i, "/"),
    "service_population": lambda i: _agency_by_code(i.partition("/")[0]),
    "survey_response": _by_id(SurveyResponse),
}


async def trail(access: Access, entity: str, entity_id: str) -> list[AuditEvent]:
    """The entity's events, oldest first; out of the viewer's scope it reads as having none."""
    entity, entity_id = (entity or "").strip(), (entity_id or "").strip()
    for name, value in (("entity", entity), ("id", entity_id)):
        if not value or len(value) > MAX_ID:
            raise BadArgument(name, f"{name} must be 1-{MAX_ID} characters")
    if not access.may_read_reports:
        raise deny("the audit trail is for ADMIN and agency admins")
    if not access.is_admin:
        resolve = AGENCY_OF.get(entity)
        if resolve is None or await resolve(entity_id) != access.viewer.agency_id:
            return []
    return await AuditEvent.filter(entity=entity, entity_id=entity_id).order_by("id").limit(MAX_EVENTS)
