"""Self and supervisor assessments: who writes them, when, their content rules, versioned updates, scoped reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from kinerja.models import Agency, Assessment, Cycle, Person, Rating, Unit
from kinerja.plugins import Expectation, values
from kinerja.services.core import audit, clock, sql
from kinerja.services.evaluation import officials, result_notes
from kinerja.services.evaluation import unit_head as unit_head_rule
from kinerja.services.skp import suggestions
from kinerja.services.core.access import SYSTEM, Access, deny, forbidden
from kinerja.services.cycles import gate
from kinerja.services.org import placements
from kinerja.services.core.errors import BadArgument, InputError, Problem
from kinerja.services.core.nip import normalize_nip

SELF, SUPERVISOR = "SELF", "SUPERVISOR"
KINDS = (SELF, SUPERVISOR)
ASSESS_STATUSES = ("EVALUATION",)
NOTE_MAX = 2000
COMMENT_MAX = 4000
LIST_MAX = 500
EXPECTATIONS = tuple(e.value for e in Expectation)


CoreValue = values.CoreValue  # the seven BerAKHLAK core values, defined beside Expectation (plugins/values.py)


CORE_VALUES = tuple(v.value for v in CoreValue)


@dataclass(frozen=True)
class NoteData:
    value: str
    note: str


@dataclass(frozen=True)
class AssessmentData:
    nip: str
    period: str
    result_rating: str
    behavior_rating: str
    behavior_notes: Sequence[NoteData] = ()
    comment: str | None = None
    version: int | None = None  # the version last read, to update; None to create
    results: Sequence[result_notes.ResultNoteData] = ()  # per RHK of the person's SKP (result_notes.py)


@dataclass(frozen=True)
class Assessor:
    """Who the assessment is recorded as given by, and whether an ADMIN stood in for a missing supervisor."""

    person_id: int
    acted_by_admin: bool


# -- checks ----------------------------------------------------------------------------------------------------------

def _content(data: AssessmentData) -> tuple[list[dict], str | None, list[Problem]]:
    """The behaviour notes and comment as stored, or the problems with them."""
    problems: list[Problem] = []
    for name, value in (("resultRating", data.result_rating), ("behaviorRating", data.behavior_rating)):
        if value not in EXPECTATIONS:
            problems.append(Problem(("input", name), "INVALID_VALUE",
                                    f"{name} must be one of {', '.join(EXPECTATIONS)}, got {value!r}",
                                    params={"allowed": EXPECTATIONS, "value": value}))
    notes: list[dict] = []
    seen: dict[str, int] = {}
    for n, item in enumerate(data.behavior_notes or ()):
        path = ("input", "behaviorNotes", str(n))
        if item.value not in CORE_VALUES:
            problems.append(Problem((*path, "value"), "INVALID_VALUE",
                                    f"value must be one of {', '.join(CORE_VALUES)}, got {item.value!r}",
                                    params={"allowed": CORE_VALUES, "value": item.value}))
        elif item.value in seen:
            problems.append(Problem((*path, "value"), "DUPLICATE",
                                    f"{item.value} has a note already (behaviorNotes {seen[item.value]}): one note "
                                    "per core value"))
        else:
            seen[item.value] = n
        text = (item.note or "").strip()
        if not text:
            problems.append(Problem((*path, "note"), "REQUIRED", "a behaviour note must not be empty"))
        elif len(text) > NOTE_MAX:
            problems.append(Problem((*path, "note"), "TOO_LONG",
                                    f"the note is {len(text)} characters; at most {NOTE_MAX}",
                                    params={"length": len(text), "limit": NOTE_MAX}))
        notes.append({"value": item.value, "note": text})
    comment = (data.comment or "").strip() or None
    if comment is not None and len(comment) > COMMENT_MAX:
        problems.append(Problem(("input", "comment"), "TOO_LONG",
                                f"the comment is {len(comment)} characters; at most {COMMENT_MAX}",
                                params={"length": len(comment), "limit": COMMENT_MAX}))
    return notes, comment, problems


def _assessor(access: Access, kind: str, person: Person, official: officials.Official | None,
              period: str) -> Assessor | Problem:
    """The assessor this viewer may be for this person and kind, or why not (FORBIDDEN). The supervisor assessment
    is the assessing official's of the period (officials.of_period: the supervisor then, or the acting official)."""
    v = access.viewer
    path = ("input", "nip")
    if kind == SELF:
        if access.is_person(person.id):
            return Assessor(person.id, False)
        return forbidden(path, "a self-assessment is written by the employee themselves "
                                          "(an EMPLOYEE token of that NIP)", params={"action": "write_self_assessment"})
    if officials.is_viewer(access, official):
        return Assessor(v.person_id, False)
    if access.is_admin and official is None:
        if v.person_id is None:
            return forbidden(path, f"{person.nip} has no assessing official for {period}, so ADMIN may assess in "
                           "their place, but this ADMIN token stands for no person and an assessment needs an "
                           "accountable assessor: create one with `kinerja token create --role ADMIN --nip "
                           "<assessor's NIP>`", params={"action": "admin_token_without_person"})
        if v.person_id == person.id:
            return forbidden(path, "nobody assesses themselves as supervisor: use an ADMIN token "
                                              "that stands for another person", params={"action": "assess_self"})
        return Assessor(v.person_id, True)
    if access.is_admin:
        return forbidden(path, f"{person.nip} has an assessing official for {period}, who writes the supervisor "
                               "assessment (ADMIN stands in only where there is none)",
                         params={"action": "stand_in_assessor"})
    return forbidden(path, f"the supervisor assessment of {period} is written by the person's assessing official "
                           "for it: their direct supervisor on the period's last day, or the acting official (Plt, "
                           "Plh) in that supervisor's post then", params={"action": "write_supervisor_assessment"})


def _snapshot(row: Assessment, nip: str, assessor_nip: str) -> dict:
    return {"kind": row.kind, "nip": nip, "period": row.period, "assessor": assessor_nip,
            "acted_by_admin": row.acted_by_admin, "result_rating": row.result_rating,
            "behavior_rating": row.behavior_rating, "behavior_notes": row.behavior_notes,
            "result_notes": row.result_notes, "comment": row.comment, "version": row.version}


# -- the write -------------------------------------------------------------------------------------------------------

async def submit_assessment(access: Access, kind: str, data: AssessmentData) -> Assessment:
    """Create (no version) or update (the version last read) the SELF or SUPERVISOR assessment of a person."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    notes, comment, problems = _content(data)
    period = (data.period or "").strip()
    person, official = await officials.person_for(access, data.nip, period, with_official=kind == SUPERVISOR)
    assessor: Assessor | None = None
    if person is None:
        problems.append(Problem(("input", "nip"), "NOT_FOUND", f"no person with NIP {data.nip!r}",
                                params={"nip": data.nip}))
    else:
        found = _assessor(access, kind, person, official, period)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            assessor = found
    cycle, problem = await gate.cycle_for_period(period, ("input", "period"), evaluation=True)
    problem = problem or gate.cycle_problem(cycle, cycle.year, ASSESS_STATUSES, ("input", "period"), "assessments")
    if problem:
        problems.append(problem)
    results: list[dict] = []
    if data.results:
        known = person is not None and cycle is not None and not any(p.path == ("input", "nip") for p in problems)
        kinds = await result_notes.skp_item_kinds(person.id, cycle.id) if known else None
        results, found = result_notes.checked(data.results, kinds)
        problems += found
    if data.version is not None and data.version < 1:
        problems.append(Problem(("input", "version"), "INVALID_VERSION",
                                f"version starts at 1, got {data.version}; omit it to create"))
    if problems:
        raise InputError(problems)
    assessor_nip = person.nip if assessor.person_id == person.id else (
        await Person.filter(id=assessor.person_id).only("id", "nip").first()).nip
    what = f"the {kind} assessment of {person.nip} for {period}"
    try:
        return await _write(access, kind, person, cycle, period, assessor, assessor_nip, notes, comment, data, what,
                            results)
    except IntegrityError:
        # the unique (person, period, kind) held against a request that created the same assessment meanwhile
        raise InputError.one(("input", "version"), "CONFLICT",
                             f"{what} was created at the same time by another request: read it and send its "
                             "version to update it") from None


async def _write(access: Access, kind: str, person: Person, cycle: Cycle, period: str, assessor: Assessor,
                 assessor_nip: str, notes: list[dict], comment: str | None, data: AssessmentData, what: str,
                 results: list[dict]) -> Assessment:
    actor = access.viewer.actor
    now = dt.datetime.now(dt.timezone.utc)
    values = dict(assessor_id=assessor.person_id, acted_by_admin=assessor.acted_by_admin,
                  result_rating=data.result_rating, behavior_rating=data.behavior_rating, behavior_notes=notes,
                  result_notes=results, comment=comment, recorded_by=actor, updated_at=now)
    async with in_transaction() as conn:
        await gate.recheck(conn, cycle, ASSESS_STATUSES, ("input", "period"), "assessments")
        if kind == SELF:  # the lock finalizeRating takes, in the same order (after the cycle's)
            await locked_supervisor_assessment(conn, person.id, period)
        await _refuse_if_finalized(conn, person, period)
        old = await stored(conn, person.id, period, kind)
        if data.version is None:
            if old is not None:
                raise InputError.one(("input", "version"), "CONFLICT",
                                     f"{what} already exists at version {old.version}: send version {old.version} "
                                     "to update it", params={"current": old.version})
            row = await Assessment.create(kind=kind, person_id=person.id, agency_id=person.agency_id,
                                          cycle_id=cycle.id, period=period, version=1, using_db=conn, **values)
            before = None
        else:
            if old is None:
                raise InputError.one(("input", "version"), "NOT_FOUND",
                                     f"{what} does not exist yet: omit version to create it")
            updated = 0
            if old.version == data.version:
                # atomic: of two updates from the same version, the database lets exactly one through
                updated = await Assessment.filter(id=old.id, version=data.version).using_db(conn).update(
                    version=data.version + 1, **values)
            if updated != 1:
                current = await Assessment.filter(id=old.id).using_db(conn).first()
                raise InputError.one(("input", "version"), "CONFLICT",
                                     f"{what} is at version {current.version}, not {data.version}: it changed since "
                                     f"it was read; read it again and send version {current.version}",
                                     params={"current": current.version, "version": data.version})
            # `old` was read at data.version, the version the update replaced: it is the state before
            before = _snapshot(old, person.nip, await _nip_of(conn, old.assessor_id, person, assessor, assessor_nip))
            row = await Assessment.filter(id=old.id).using_db(conn).first()
        # again under the row lock: a SUPERVISOR update's UPDATE waited for a finalization holding the row FOR
        # UPDATE, whose rating this statement now sees (docs/ARCHITECTURE.md, "The cycle gate": the same pattern)
        await _refuse_if_finalized(conn, person, period)
        after = _snapshot(row, person.nip, assessor_nip)
        await audit.append(conn, actor, [audit.Change(
            f"assessment.{'create' if before is None else 'update'}", "assessment", str(row.id), before,
            after)])
    return row


async def _refuse_if_finalized(conn: BaseDBAsyncClient, person: Person, period: str) -> None:
    if await Rating.filter(person_id=person.id, period=period).using_db(conn).exists():
        raise InputError.one(("input", "nip"), "FINALIZED",
                             f"the rating of {person.nip} for {period} is finalized: its assessments cannot "
                             "change (ADMIN may reopen it first)", params={"nip": person.nip, "period": period})


async def locked_supervisor_assessment(conn: BaseDBAsyncClient, person_id: int, period: str) -> Assessment | None:
    """The supervisor assessment as it stands, read inside the writing transaction and locked FOR UPDATE on
    PostgreSQL (SQLite runs one write transaction at a time). finalizeRating computes the rating from this row; an
    update of the row (its UPDATE takes the same row lock) or of the SELF assessment (which takes this lock)
    checks for a rating after it holds the lock, so it either commits before the rating reads the row or sees the
    rating and is refused."""
    qs = Assessment.filter(person_id=person_id, period=period, kind=SUPERVISOR).using_db(conn)
    if sql.is_postgres(conn):
        qs = qs.select_for_update()
    return await qs.first()


async def stored(conn: BaseDBAsyncClient, person_id: int, period: str, kind: str) -> Assessment | None:
    """The stored assessment, read inside the writing transaction (not locked: the UPDATE decides)."""
    return await Assessment.filter(person_id=person_id, period=period, kind=kind).using_db(conn).first()


async def _nip_of(conn: BaseDBAsyncClient, person_id: int, person: Person, assessor: Assessor,
                  assessor_nip: str) -> str:
    if person_id == person.id:
        return person.nip
    if person_id == assessor.person_id:
        return assessor_nip
    found = await Person.filter(id=person_id).using_db(conn).only("id", "nip").first()
    return found.nip if found else str(person_id)


# -- reads -----------------------------------------------------------------------------------------------------------

def check_period(period: str) -> str:
    period = (period or "").strip()
    if gate.period_kind(period) is None:
        raise BadArgument("period", f"period must be YYYY, YYYY-Qn or YYYY-MM, got {period!r}", "INVALID_PERIOD",
                          params={"given": period})
    return period


async def list_assessments(access: Access, period: str, nip: str | None = None,
                           limit: int = LIST_MAX, after: tuple[str, int, str] | None = None) -> list[Assessment]:
    """Assessments of a period within the viewer's scope (all people, or one), by person name then kind (after the
    keyset position `after`, (name, person id, kind), when given: a page): at most `limit`, and one more when there
    are more, so that the caller reports an over-long list (GraphQL: LIST_TOO_LONG) or a next page instead of
    cutting it short."""
    period = check_period(period)
    qs = Assessment.filter(period=period)
    if after is not None:
        name, pid, kind = after
        qs = qs.filter(Q(person__name__gt=name) | Q(person__name=name, person_id__gt=pid)
                       | Q(person__name=name, person_id=pid, kind__gt=kind))
    if nip is not None:
        person = await Person.get_or_none(nip=normalize_nip(nip))
        if person is None:
            return []
        if not await access.can_see_person(person.id, person.agency_id):
            if not access.is_employee or access.viewer.person_id is None:
                return []  # out of scope reads as not found: no assessments
            qs = qs.filter(assessor_id=access.viewer.person_id)  # only what this former assessor gave
        qs = qs.filter(person_id=person.id)
    else:
        qs = qs.filter(await access.list_scope("agency_id", "person_id"))
    return await qs.order_by("person__name", "person_id", "kind").limit(limit + 1)


async def names_of(person_ids: Sequence[int]) -> dict[int, str]:
    """Person id -> name (a page's keyset positions: the people of assessments the viewer was shown)."""
    wanted = sorted(set(person_ids))
    return {r["id"]: r["name"] for r in await Person.filter(id__in=wanted).values("id", "name")} if wanted else {}


async def people_by_ids_unscoped(ids: Sequence[int]) -> dict[int, Person]:
    """People by id whatever the viewer's scope: for the assessor of an assessment the viewer can see."""
    from kinerja.services.org.people import people_by_ids

    return await people_by_ids(Access(SYSTEM), ids)


@dataclass(frozen=True)
class AssessmentContext:
    """What the supervisor sees when assessing: both assessments, the suggestion, and for a unit head the unit-head
    rule's suggestion and the unit's IKM."""

    person: Person
    self_assessment: Assessment | None
    supervisor_assessment: Assessment | None
    suggestion: suggestions.Suggestion  # the unit-head rule's when it gives a rating, else from the person's own
    heads_unit: bool
    unit_satisfaction: Any = None  # kinerja.services.survey.satisfaction.IndexResult when the person heads a unit
    rhk: Sequence[result_notes.Rhk] = ()  # the RHK of the person's SKP, to rate result by result
    results_suggestion: result_notes.ResultsSuggestion | None = None  # from the supervisor's per-RHK ratings
    unit_head: unit_head_rule.UnitHeadSuggestion | None = None  # when the person heads a unit


async def headed_unit(person: Person, day: dt.date | None = None) -> Unit | None:
    """The unit whose head post the person holds on `day` (today), or None: read from the posts (docs/DOMAIN.md,
    "Posts, assignments and acting officials"), no longer guessed. The one place that decides it: every rule that
    needs a unit's head asks here."""
    return await placements.headed_unit(person, day or clock.today())


async def heads_unit(person: Person) -> bool:
    """Whether the person heads a unit (headed_unit)."""
    return await headed_unit(person) is not None


async def unit_head_suggestion(catalog: Any, person: Person, period: str,
                               mapping: Mapping[str, str] = unit_head_rule.DEFAULT_MAPPING
                               ) -> unit_head_rule.UnitHeadSuggestion | None:
    """The unit-head rule's suggestion for the person, None when they head no unit on the period's last day (today
    while it runs)."""
    unit = await headed_unit(person, officials.day_of(period) if gate.period_kind(period or "") else None)
    if unit is None:
        return None
    code = await Agency.filter(id=person.agency_id).first().values_list("code", flat=True)
    return await unit_head_rule.suggest(catalog, unit, code, period, mapping)


async def suggested_result_rating(access: Access, catalog: Any, nip: str, period: str,
                                  mapping: Mapping[str, str] = unit_head_rule.DEFAULT_MAPPING
                                  ) -> suggestions.Suggestion | None:
    """The suggestion an assessor is given (docs/DOMAIN.md, "The unit-head rule"): for a unit head, the unit-head
    rule's when it gives a rating; otherwise the person's own. None when the person is out of scope."""
    own = await suggestions.suggest_result_rating(access, catalog, nip, period)
    if own is None or not gate.period_kind(period or ""):
        return own
    person = await Person.get(nip=normalize_nip(nip))
    head = await unit_head_suggestion(catalog, person, period, mapping)
    return head.suggestion if head is not None and head.rating is not None else own


async def assessment_context(access: Access, catalog: Any, nip: str, period: str,
                             mapping: Mapping[str, str] = unit_head_rule.DEFAULT_MAPPING) -> AssessmentContext | None:
    """None when the person is out of scope; AccessDenied for the person themselves (it is the assessor's view)."""
    period = check_period(period)
    person = await Person.get_or_none(nip=normalize_nip(nip or ""))
    if person is None or not await access.can_see_person(person.id, person.agency_id):
        return None
    if not access.may_see_assessment_context(person):
        raise deny("the assessment context is for the person's supervisors, the agency's admin and ADMIN; "
                           "your own assessments are in `assessments`", params={"action": "read_assessment_context"})
    rows = {a.kind: a for a in await Assessment.filter(person_id=person.id, period=period)}
    suggestion = await suggestions.suggest_result_rating(access, catalog, person.nip, period)
    head = await unit_head_suggestion(catalog, person, period, mapping)
    satisfaction = None
    if head is not None:
        from kinerja.services.survey.satisfaction import compute_index

        satisfaction = await compute_index(period, person.agency_id, person.unit_id)
        if head.rating is not None:  # the unit's results are the head's
            suggestion = head.suggestion
    cycle = await Cycle.get_or_none(year=int(period[:4]))
    rhk = await result_notes.skp_items(person.id, cycle.id) if cycle else []
    supervisor = rows.get(SUPERVISOR)
    results = result_notes.suggest(supervisor.result_notes if supervisor else (), {r.key: r.kind for r in rhk})
    return AssessmentContext(person=person, self_assessment=rows.get(SELF), supervisor_assessment=supervisor,
                             suggestion=suggestion, unit_satisfaction=satisfaction, heads_unit=head is not None,
                             rhk=rhk, results_suggestion=results, unit_head=head)
