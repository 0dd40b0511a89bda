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
from typing import Any, AsyncIterator, Callable, Iterable

from kinerja.models import Agency, ApiToken, Assessment, AuditEvent, Person, SurveyResponse, Target
from kinerja.services.core import clock, sql
from kinerja.services.core.access import Access, deny
from kinerja.services.core.errors import BadArgument
from kinerja.services.core.ids import parse_id
from kinerja.services.core.nip import normalize_nip

MAX_ID = 64
MAX_EVENTS = 1000


def _code(text: str) -> str | None:
    return text.strip().upper() or None


def _prefix(separator: str) -> Callable[[str], str | None]:
    """Ids that start with the agency code: "DISDIK/SDN-001" (unit), "DISDIK.KELULUSAN" (indicator)."""
    def code(entity_id: str) -> str | None:
        head, found, _ = entity_id.partition(separator)
        return _code(head) if found else None

    return code


def _nip(entity_id: str) -> str | None:
    """A NIP, alone or before "/period" (a rating: "NIP/2025")."""
    return normalize_nip(entity_id.partition("/")[0]) or None


def _head_id(entity_id: str) -> int | None:
    """A row id, alone or before "/period" (a measurement: "12/2025-Q1")."""
    return parse_id(entity_id.partition("/")[0])


# entity → (the table its id leads to, the key in it): the agency is that row's. Entities not listed (cycle, ...)
# are ADMIN's only.
AGENCY_OF: dict[str, tuple[str, Callable[[str], Any]]] = {
    "agency": ("agency", _code),
    "unit": ("agency", _prefix("/")),
    "indicator": ("agency", _prefix(".")),
    "person": ("person", _nip),
    "rating": ("person", _nip),
    "development_plan": ("person", _nip),  # NIP/YEAR
    "development_action": ("person", _nip),  # NIP/ACTION ID
    "target": ("target", _head_id),
    "measurement": ("target", _head_id),
    "assessment": ("assessment", parse_id),
    "org_rating": ("agency", _prefix("/")),
    "unit_org_rating": ("agency", _prefix("/")),  # AGENCY/UNIT/PERIOD
    "service_population": ("agency", lambda i: _code(i.partition("/")[0])),
    "survey_response": ("survey_response", parse_id),
}

# table → (model, its key column): one query a table (in chunks) for any number of ids
_TABLES = {"agency": (Agency, "code"), "person": (Person, "nip"), "target": (Target, "id"),
           "assessment": (Assessment, "id"), "survey_response": (SurveyResponse, "id")}


async def agencies_of(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int | None]:
    """The agency of each (entity, entity id) by AGENCY_OF (None: no agency's, or no such row), one query per
    table involved."""
    pairs = set(pairs)
    keyed: dict[tuple[str, str], tuple[str, Any]] = {}
    for entity, entity_id in pairs:
        rule = AGENCY_OF.get(entity)
        key = rule[1](entity_id) if rule else None
        if key is not None:
            keyed[(entity, entity_id)] = (rule[0], key)
    found: dict[tuple[str, Any], int] = {}
    for table in {t for t, _ in keyed.values()}:
        model, column = _TABLES[table]
        wanted = sorted({k for t, k in keyed.values() if t == table})
        for part in sql.chunks(wanted):
            for row in await model.filter(**{f"{column}__in": list(part)}).only("id", column, *(
                    () if model is Agency else ("agency_id",))):
                found[(table, getattr(row, column))] = row.id if model is Agency else row.agency_id
    return {pair: found.get(keyed[pair]) if pair in keyed else None for pair in pairs}


async def trail(access: Access, entity: str, entity_id: str, limit: int = MAX_EVENTS,
                after_id: int | None = None) -> list[TrailEvent]:
    """The entity's events, oldest first (after the event `after_id` when given: a keyset page), at most `limit` and
    one more when there are more; out of the viewer's scope it reads as having none."""
    entity, entity_id = (entity or "").strip(), (entity_id or "").strip()
    for name, value in (("entity", entity), ("id", entity_id)):
        if not value or len(value) > MAX_ID:
            raise BadArgument(name, f"{name} must be 1-{MAX_ID} characters")
    if not access.may_read_reports:
        raise deny("the audit trail is for ADMIN and agency admins", params={"action": "read_audit_trail"})
    if not access.is_admin:
        if (await agencies_of([(entity, entity_id)]))[(entity, entity_id)] != access.viewer.agency_id:
            return []
    # one more than the bound when there are more: the caller reports an over-long trail (LIST_TOO_LONG), never a
    # trail cut short
    query = AuditEvent.filter(entity=entity, entity_id=entity_id)
    if after_id is not None:
        query = query.filter(id__gt=after_id)
    return await _shown(access, await query.order_by("id").limit(limit + 1))



# -- the trail across entities (auditEvents): filters, newest first, in pages ------------------------------------

PAGE_DEFAULT = 50
PAGE_MAX = 100
MAX_ACTOR = 200  # AuditEvent.actor's length
# Each page examines a window of event ids below its position, so that a filter matching few events never walks
# the whole chain in one request: the database filters WINDOW ids, or AGENCY_WINDOW when each event's agency is
# looked up (an agency admin, or the agency filter), AGENCY_BATCH at a time. A page may so hold fewer events than
# asked for and still have a next one. A trail of one entity (entity and entityId) reads its index: no window.
WINDOW = 20_000
AGENCY_WINDOW = 5_000
AGENCY_BATCH = 500


@dataclasses.dataclass(frozen=True)
class TrailFilter:
    """What auditEvents narrows to; each text exact (agency: its code), dates in the platform's time zone."""

    agency: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    action: str | None = None
    actor: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


@dataclasses.dataclass(frozen=True)
class TrailPage:
    events: list[TrailEvent]
    next_before: int | None  # the next page: events below this id; None when no older event is left to examine


def _start_of(day: dt.date) -> dt.datetime:
    """The day's first instant in WIB, in UTC (as the events are stored: SQLite compares their text)."""
    return dt.datetime.combine(day, dt.time(), clock.WIB).astimezone(dt.timezone.utc)


async def page(access: Access, wanted: TrailFilter, first: int = PAGE_DEFAULT,
               before: int | None = None) -> TrailPage:
    """Events of every entity the viewer may read (as `trail` decides for one), newest first, narrowed by
    `wanted`, at most `first` of them below the event id `before`."""
    if not access.may_read_reports:
        raise deny("the audit trail is for ADMIN and agency admins", params={"action": "read_audit_trail"})
    if not 1 <= first <= PAGE_MAX:
        raise BadArgument("first", f"first must be between 1 and {PAGE_MAX}, got {first}", "BAD_PAGE_SIZE",
                          params={"max": PAGE_MAX})
    texts: dict[str, str | None] = {}
    for name, value, limit in (("agency", wanted.agency, MAX_ID), ("entity", wanted.entity, MAX_ID),
                               ("entityId", wanted.entity_id, MAX_ID), ("action", wanted.action, MAX_ID),
                               ("actor", wanted.actor, MAX_ACTOR)):
        text = (value or "").strip()
        if len(text) > limit:
            raise BadArgument(name, f"{name} must be at most {limit} characters")
        texts[name] = text or None
    if wanted.since and wanted.until and wanted.until < wanted.since:
        raise BadArgument("to", f"to ({wanted.until.isoformat()}) is before from ({wanted.since.isoformat()})",
                          "INVALID_RANGE", params={"end": wanted.until.isoformat(), "start": wanted.since.isoformat()})
    agency_id = None if access.is_admin else access.viewer.agency_id
    if texts["agency"]:
        row = await Agency.filter(code=texts["agency"].upper()).only("id").first()
        if row is None or not access.can_see_agency(row.id):
            raise BadArgument("agency", f"no agency with code {texts['agency']!r}", "NOT_FOUND",
                              params={"what": "agency", "key": texts["agency"]})
        agency_id = row.id
    actor = texts["actor"]
    if actor and not access.is_admin and (await shown_actors(access, [actor]))[actor] != actor:
        return TrailPage([], None)  # an actor the viewer may not see reads as having done nothing
    query = AuditEvent.all()
    for column, name in (("entity", "entity"), ("entity_id", "entityId"), ("action", "action"), ("actor", "actor")):
        if texts[name]:
            query = query.filter(**{column: texts[name]})
    if wanted.since:
        query = query.filter(at__gte=_start_of(wanted.since))
    if wanted.until:
        query = query.filter(at__lt=_start_of(wanted.until + dt.timedelta(days=1)))
    if agency_id is not None:
        query = query.filter(entity__in=sorted(AGENCY_OF))
    window = None if texts["entity"] and texts["entityId"] else WINDOW if agency_id is None else AGENCY_WINDOW
    if before is None and window is not None:
        top = await AuditEvent.all().order_by("-id").only("id").first()
        before = top.id + 1 if top else 1
    low = before - window if window is not None and before is not None else None
    if before is not None:
        query = query.filter(id__lt=before)
    if low is not None:
        query = query.filter(id__gte=low)
    query = query.order_by("-id")
    if agency_id is None:
        kept = list(await query.limit(first + 1))
    else:
        kept, position = [], before
        while len(kept) <= first:
            batch = await (query.filter(id__lt=position) if position is not None else query).limit(AGENCY_BATCH)
            agencies = await agencies_of((e.entity, e.entity_id) for e in batch)
            kept += [e for e in batch if agencies[(e.entity, e.entity_id)] == agency_id]
            if len(batch) < AGENCY_BATCH:
                break
            position = batch[-1].id
    if len(kept) > first:
        kept, next_before = kept[:first], kept[first - 1].id
    elif low is not None and low > 1 and await AuditEvent.filter(id__lt=low).exists():
        next_before = low
    else:
        next_before = None
    return TrailPage(await _shown(access, kept), next_before)

async def event_pages(access: Access, wanted: TrailFilter, size: int = PAGE_MAX) -> AsyncIterator[list[TrailEvent]]:
    """Every event `page` answers for the filter, newest first, a page of at most `size` at a time (its checks
    before the first): the audit page's export (services/reports/lists.py). A page may be empty while older events
    are still to be examined (page's windows); those are not yielded."""
    before: int | None = None
    while True:
        found = await page(access, wanted, size, before)
        if found.events:
            yield found.events
        if found.next_before is None:
            return
        before = found.next_before


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
    id: int = 0  # the event's place in the chain (a page's keyset)


def _event(e: AuditEvent, actor: str, before: Any, after: Any) -> TrailEvent:
    return TrailEvent(at=e.at, actor=actor, action=e.action, entity=e.entity, entity_id=e.entity_id, before=before,
                      after=after, prev_hash=e.prev_hash, hash=e.hash, id=e.id)


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
