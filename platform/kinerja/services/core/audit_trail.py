"""Reading the audit trail of one entity: for ADMIN, and for the admin of the agency the entity belongs to.

The trail shows what its viewer may see elsewhere, nothing more (SECURITY.md): for anyone but ADMIN, every identity
in an event that the viewer could not read on another path is hidden. A NIP (the actor `nip:<NIP>`, and the fields
NIP_FIELDS wherever they are in `before` and `after`) is shown when the viewer may see that person
(`Access.can_see_person`), else it is null (an actor: `nip:hidden`). A token (`token:<id>`) is shown when it is a
token of a person the viewer may see, or a person-less token of an agency it may see; else `token:hidden`. The
operator's account (`cli:<user>`) is `cli:hidden`. Fixed words (`system`, `public`, `demo`) are no identity. A
survey respondent's profile (PRIVATE_FIELDS) is null for anyone but ADMIN. The events' hashes are those of the
stored events: `kinerja audit verify` checks the chain."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Awaitable, Callable, Iterable

from kinerja.models import Agency, ApiToken, Assessment, AuditEvent, Person, SurveyResponse, Target
from kinerja.services.core import sql
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
    "unit_org_rating": lambda i: _by_prefix(i, "/"),  # AGENCY/UNIT/PERIOD
    "service_population": lambda i: _agency_by_code(i.partition("/")[0]),
    "survey_response": _by_id(SurveyResponse),
}


async def trail(access: Access, entity: str, entity_id: str) -> list[TrailEvent]:
    """The entity's events, oldest first; out of the viewer's scope it reads as having none."""
    entity, entity_id = (entity or "").strip(), (entity_id or "").strip()
    for name, value in (("entity", entity), ("id", entity_id)):
        if not value or len(value) > MAX_ID:
            raise BadArgument(name, f"{name} must be 1-{MAX_ID} characters")
    if not access.may_read_reports:
        raise deny("the audit trail is for ADMIN and agency admins", params={"action": "read_audit_trail"})
    if not access.is_admin:
        resolve = AGENCY_OF.get(entity)
        if resolve is None or await resolve(entity_id) != access.viewer.agency_id:
            return []
    # one more than the bound when there are more: the caller reports an over-long trail (LIST_TOO_LONG), never a
    # trail cut short
    events = await AuditEvent.filter(entity=entity, entity_id=entity_id).order_by("id").limit(MAX_EVENTS + 1)
    return await _shown(access, events)


# -- what of an event the viewer may see ---------------------------------------------------------------------------

# fields of `before` and `after` that hold a person's NIP, and those that hold an actor (who did it), at any depth
NIP_FIELDS = frozenset({"nip", "supervisor", "assessor", "served_by"})
ACTOR_FIELDS = frozenset({"actor", "finalized_by", "set_by", "recorded_by"})
# a survey respondent's profile (survey.submit): anyone but ADMIN reads it as null, at any depth. The reports show
# the profile only in groups of at least KINERJA_SURVEY_MIN_GROUP answers; next to an answer's own nine answers it
# would tell one person's answers by their profile (SECURITY.md)
RESPONDENT_PROFILE = "respondent_profile"
PRIVATE_FIELDS = frozenset({RESPONDENT_PROFILE})
HIDDEN = "hidden"


@dataclasses.dataclass(frozen=True)
class TrailEvent:
    """An audit event as one viewer may read it (its identities hidden where that viewer may not see them)."""

    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: Any
    after: Any
    prev_hash: str
    hash: str


def _event(e: AuditEvent, actor: str, before: Any, after: Any) -> TrailEvent:
    return TrailEvent(at=e.at, actor=actor, action=e.action, entity=e.entity, entity_id=e.entity_id, before=before,
                      after=after, prev_hash=e.prev_hash, hash=e.hash)


def _walk(value: Any, on_nip: Callable[[str], Any], on_actor: Callable[[str], Any]) -> Any:
    """The JSON value with each string of a NIP field passed through on_nip and of an actor field through on_actor."""
    if isinstance(value, dict):
        shown = {}
        for key, item in value.items():
            if isinstance(item, str) and key in NIP_FIELDS:
                shown[key] = on_nip(item)
            elif isinstance(item, str) and key in ACTOR_FIELDS:
                shown[key] = on_actor(item)
            else:
                shown[key] = _walk(item, on_nip, on_actor)
        return shown
    if isinstance(value, list):
        return [_walk(item, on_nip, on_actor) for item in value]
    return value


def _actor_parts(actor: str) -> tuple[str, str | None]:
    kind, found, rest = actor.partition(":")
    return (kind, rest) if found else (actor, None)


async def _shown(access: Access, events: list[AuditEvent]) -> list[TrailEvent]:
    if access.is_admin:  # ADMIN may see everyone: nothing is hidden
        return [_event(e, e.actor, e.before, e.after) for e in events]
    nips: set[str] = set()
    token_ids: set[int] = set()

    def collect_actor(actor: str) -> str:
        kind, rest = _actor_parts(actor)
        if kind == "nip" and rest:
            nips.add(normalize_nip(rest))
        elif kind == "token" and rest and (found := parse_id(rest)) is not None:
            token_ids.add(found)
        return actor

    def collect_nip(value: str) -> str:
        nips.add(normalize_nip(value))
        return value

    for e in events:
        collect_actor(e.actor)
        _walk(e.before, collect_nip, collect_actor)
        _walk(e.after, collect_nip, collect_actor)
    seen_nips, seen_tokens = await _seen(access, nips, token_ids)

    def show_nip(value: str) -> str | None:
        return value if normalize_nip(value) in seen_nips else None

    def show_actor(actor: str) -> str:
        return _show_actor(actor, seen_nips, seen_tokens)

    return [_event(e, show_actor(e.actor), _private(_walk(e.before, show_nip, show_actor)),
                   _private(_walk(e.after, show_nip, show_actor))) for e in events]


async def _seen(access: Access, nips: set[str], token_ids: set[int]) -> tuple[set[str], set[int]]:
    """Of these NIPs and token ids, the ones the viewer may see (a token: its person, or its agency)."""
    tokens = [t for part in sql.chunks(sorted(token_ids))
              for t in await ApiToken.filter(id__in=list(part)).only("id", "agency_id", "person_id")]
    by_id = {p.id: p for part in sql.chunks(sorted(nips))
             for p in await Person.filter(nip__in=list(part)).only("id", "nip", "agency_id")}
    missing = sorted({t.person_id for t in tokens if t.person_id is not None} - set(by_id))
    for part in sql.chunks(missing):
        by_id.update({p.id: p for p in await Person.filter(id__in=list(part)).only("id", "nip", "agency_id")})
    seen_ids = {p.id for p in by_id.values() if await access.can_see_person(p.id, p.agency_id)}
    seen_nips = {p.nip for p in by_id.values() if p.id in seen_ids}
    seen_tokens = {t.id for t in tokens if (t.person_id in seen_ids if t.person_id is not None
                                            else t.agency_id is not None and access.can_see_agency(t.agency_id))}
    return seen_nips, seen_tokens


def _show_actor(actor: str, seen_nips: set[str], seen_tokens: set[int]) -> str:
    kind, rest = _actor_parts(actor)
    if rest is None:
        return actor  # a fixed word (system, public, demo): no identity
    if kind == "nip" and normalize_nip(rest) in seen_nips:
        return actor
    if kind == "token" and parse_id(rest) in seen_tokens:
        return actor
    return f"{kind}:{HIDDEN}"


async def shown_actors(access: Access, actors: Iterable[str | None]) -> dict[str, str]:
    """Each actor (who did something, e.g. who drafted or approved an indicator) as this viewer may read it: the
    audit trail's rule, so no other field tells more than the trail does."""
    found = {a for a in actors if a}
    if access.is_admin:
        return {a: a for a in found}
    nips: set[str] = set()
    token_ids: set[int] = set()
    for actor in found:
        kind, rest = _actor_parts(actor)
        if kind == "nip" and rest:
            nips.add(normalize_nip(rest))
        elif kind == "token" and rest and (tid := parse_id(rest)) is not None:
            token_ids.add(tid)
    seen_nips, seen_tokens = await _seen(access, nips, token_ids)
    return {a: _show_actor(a, seen_nips, seen_tokens) for a in found}


def _private(value: Any) -> Any:
    """The JSON value with every PRIVATE_FIELDS entry, at any depth, null."""
    if isinstance(value, dict):
        return {key: None if key in PRIVATE_FIELDS else _private(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_private(item) for item in value]
    return value
