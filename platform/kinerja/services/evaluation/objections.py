"""Keberatan (PP 30/2019 article 59; docs/DOMAIN.md, "Objections").

After a rating is finalized the employee may object, with reasons, within `settings.objection_days` (14) of the
finalization (the platform's date, in WIB). The objection goes to the assessing official's own superior (atasan
pejabat penilai), recorded at filing; where the assessing official has no superior in the platform (an agency head's
assessor), ADMIN records the decision on that superior's behalf, with the decision letter's reference. While it is
open the employee, the assessing official and the superior (or ADMIN standing in) add statements; the decision is
UPHELD (the rating stands) or CHANGED (a new results and/or behaviour rating, hence a new predikat through the
kinerja_predikat hook, and the rating rollups follow), with reasons, and it is final.

Who sees an objection: the employee, the assessing official, the deciding superior, the agency's admin and ADMIN;
to anyone else it does not exist (NOT_FOUND, and `Rating.objection` is null). Everything is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, AsyncIterator, Sequence

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from kinerja.models import Agency, Assessment, Objection, ObjectionStatement, Person, Rating
from kinerja.services.core import audit, clock, rollups
from kinerja.services.core.access import Access, deny, refusal
from kinerja.services.core.errors import BadArgument, InputError, Problem
from kinerja.services.core.nip import normalize_nip
from kinerja.services.cycles import gate
from kinerja.services.org.agencies import agency_in_scope
from kinerja.services.skp.work_log import NIP_MAX

STATUSES = ("OPEN", "UPHELD", "CHANGED")
OUTCOMES = ("UPHELD", "CHANGED")
RATINGS = ("DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI")
TEXT_MAX = 2000
REFERENCE_MAX = 200
STATEMENTS_MAX = 50  # statements an objection takes
LIST_MAX = 500  # objections a list answers at most


@dataclass(frozen=True)
class DecisionData:
    objection: int
    outcome: str
    reason: str
    result_rating: str | None = None
    behavior_rating: str | None = None
    reference: str | None = None


def _text(value: str | None, path: tuple[str, ...], what: str, limit: int = TEXT_MAX) -> str:
    text = (value or "").strip()
    if not text:
        raise InputError.one(path, "REQUIRED", f"{what} must not be empty")
    if len(text) > limit:
        raise InputError.one(path, "TOO_LONG", f"{what} is {len(text)} characters; at most {limit}",
                             params={"length": len(text), "limit": limit})
    return text


def _wib_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(clock.WIB).date()


def visible(access: Access, objection: Objection) -> bool:
    """The employee, the assessing official, the deciding superior, the agency's admin and ADMIN."""
    if access.is_admin:
        return True
    if access.is_agency_admin:
        return access.can_manage_agency(objection.agency_id)
    return access.is_employee and access.viewer.person_id is not None and access.viewer.person_id in (
        objection.person_id, objection.assessor_id, objection.decider_id)


def may_decide(access: Access, objection: Objection) -> bool:
    """The superior recorded at filing; ADMIN only where there is none in the platform."""
    if objection.decider_id is None:
        return access.is_admin
    return access.is_employee and access.viewer.person_id == objection.decider_id


def statement_role(access: Access, objection: Objection) -> str | None:
    """The role in which the viewer may add a statement, or None."""
    me = access.viewer.person_id if access.is_employee else None
    if me is not None and me == objection.person_id:
        return "EMPLOYEE"
    if me is not None and me == objection.assessor_id:
        return "ASSESSOR"
    if me is not None and me == objection.decider_id:
        return "SUPERIOR"
    if access.is_admin and objection.decider_id is None:
        return "ADMIN"
    return None


async def _found(access: Access, objection_id: int | None, path: tuple[str, ...]) -> Objection:
    found = await Objection.get_or_none(id=objection_id) if objection_id is not None else None
    if found is None or not visible(access, found):
        raise InputError.one(path, "NOT_FOUND", f"no objection {objection_id}",
                             params={"what": "objection", "key": str(objection_id)})
    return found


async def file_objection(access: Access, settings: Any, nip: str, period: str, reason: str) -> Objection:
    """The employee objects to their own finalized rating of `period`."""
    normalized = normalize_nip(nip or "")
    person = await Person.get_or_none(nip=normalized) if normalized and len(normalized) <= NIP_MAX else None
    if person is None or not await access.can_see_person(person.id, person.agency_id):
        raise InputError.one(("nip",), "NOT_FOUND", f"no person with NIP {nip!r}", params={"nip": nip})
    if not access.is_person(person.id):
        raise refusal(("nip",), "an objection is filed by the employee whose rating it is",
                      params={"action": "file_objection"})
    cycle, problem = await gate.cycle_for_period((period or "").strip(), ("period",), evaluation=True)
    if problem:
        raise InputError([problem])
    period = period.strip()
    text = _text(reason, ("reason",), "reason")
    rating = await Rating.get_or_none(person_id=person.id, period=period)
    if rating is None:
        raise InputError.one(("period",), "NOT_FOUND", f"{person.nip} has no finalized rating for {period}",
                             params={"what": "finalized_rating", "nip": person.nip, "period": period})
    days = settings.objection_days
    last_day = _wib_date(rating.finalized_at) + dt.timedelta(days=days)
    if clock.today() > last_day:
        finalized = _wib_date(rating.finalized_at)
        raise InputError.one(("period",), "OBJECTION_PERIOD_OVER",
                             f"the rating of {period} was finalized on {finalized.isoformat()}: "
                             f"objections were open for {days} days, until {last_day.isoformat()}",
                             {"period": period, "finalized": finalized, "days": days, "until": last_day})
    assessment = await Assessment.get(id=rating.assessment_id)
    assessor = None if assessment.acted_by_admin else await Person.get_or_none(id=assessment.assessor_id)
    decider = await Person.get_or_none(id=assessor.supervisor_id) if assessor and assessor.supervisor_id else None
    async with in_transaction() as conn:
        if await Objection.filter(person_id=person.id, period=period).using_db(conn).exists():
            raise InputError.one(("period",), "OBJECTION_EXISTS",
                                 f"{person.nip} has already objected to the rating of {period}",
                                 params={"nip": person.nip, "period": period})
        objection = await Objection.create(
            person_id=person.id, agency_id=rating.agency_id, cycle_id=cycle.id, period=period, rating_id=rating.id,
            assessor_id=assessor.id if assessor else None, decider_id=decider.id if decider else None, reason=text,
            status="OPEN", old_result_rating=rating.result_rating, old_behavior_rating=rating.behavior_rating,
            old_predikat=rating.predikat, filed_at=dt.datetime.now(dt.timezone.utc), using_db=conn)
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "objection.file", "objection", str(objection.id), None,
            {"nip": person.nip, "period": period, "reason": text, "predikat": rating.predikat,
             "assessor": assessor.nip if assessor else None, "decider": decider.nip if decider else None})])
    return objection


async def add_statement(access: Access, objection_id: int | None, text: str) -> Objection:
    objection = await _found(access, objection_id, ("id",))
    role = statement_role(access, objection)
    if role is None:
        raise refusal(("id",), "statements are added by the employee, the assessing official and the superior who "
                               "decides", params={"action": "add_statement"})
    body = _text(text, ("text",), "statement")
    async with in_transaction() as conn:
        current = await Objection.filter(id=objection.id).using_db(conn).select_for_update().first()
        if current.status != "OPEN":
            raise InputError.one(("id",), "OBJECTION_DECIDED",
                                 f"objection {objection.id} was decided ({current.status}): it takes no statements")
        if await ObjectionStatement.filter(objection_id=objection.id).using_db(conn).count() >= STATEMENTS_MAX:
            raise InputError.one(("id",), "TOO_MANY", f"an objection takes at most {STATEMENTS_MAX} statements",
                                 params={"limit": STATEMENTS_MAX})
        row = await ObjectionStatement.create(objection_id=objection.id, author_id=access.viewer.person_id
                                              if role != "ADMIN" else None, role=role, text=body,
                                              at=dt.datetime.now(dt.timezone.utc), using_db=conn)
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "objection.statement", "objection", str(objection.id), None,
            {"statement": row.id, "role": role, "text": body})])
    return current


async def decide(access: Access, catalog: Any, data: DecisionData) -> Objection:
    objection = await _found(access, data.objection, ("input", "id"))
    if not may_decide(access, objection):
        raise refusal(("input", "id"), "the objection is decided by the assessing official's superior (ADMIN "
                                       "records it only where that superior is outside the platform)",
                      params={"action": "decide_objection"})
    problems: list[Problem] = []
    outcome = (data.outcome or "").strip().upper()
    if outcome not in OUTCOMES:
        problems.append(Problem(("input", "outcome"), "INVALID", f"outcome must be one of {', '.join(OUTCOMES)}",
                                params={"allowed": OUTCOMES}))
    reason = reference = None
    try:
        reason = _text(data.reason, ("input", "reason"), "reason")
    except InputError as exc:
        problems += exc.problems
    if objection.decider_id is None:  # ADMIN on behalf of a superior outside the platform
        try:
            reference = _text(data.reference, ("input", "reference"), "the decision letter's reference",
                              REFERENCE_MAX)
        except InputError as exc:
            problems += [Problem(p.path, "REFERENCE_REQUIRED" if p.code == "REQUIRED" else p.code, p.message)
                         for p in exc.problems]
    elif data.reference and data.reference.strip():
        reference = _text(data.reference, ("input", "reference"), "reference", REFERENCE_MAX)
    new_result = data.result_rating or None
    new_behavior = data.behavior_rating or None
    for value, name in ((new_result, "resultRating"), (new_behavior, "behaviorRating")):
        if value is not None and value not in RATINGS:
            problems.append(Problem(("input", name), "INVALID", f"{name} must be one of {', '.join(RATINGS)}",
                                    params={"allowed": RATINGS}))
    if outcome == "UPHELD" and (new_result or new_behavior):
        problems.append(Problem(("input", "outcome"), "INVALID",
                                "UPHELD keeps the rating: give no resultRating or behaviorRating"))
    if outcome == "CHANGED":
        result = new_result or objection.old_result_rating
        behavior = new_behavior or objection.old_behavior_rating
        if (result, behavior) == (objection.old_result_rating, objection.old_behavior_rating):
            problems.append(Problem(("input", "resultRating"), "UNCHANGED",
                                    "CHANGED needs a results or behaviour rating other than the rating's"))
    if problems:
        raise InputError(problems)
    now = dt.datetime.now(dt.timezone.utc)
    async with in_transaction() as conn:
        current = await Objection.filter(id=objection.id).using_db(conn).select_for_update().first()
        if current.status != "OPEN":
            raise InputError.one(("input", "id"), "OBJECTION_DECIDED",
                                 f"objection {objection.id} was already decided ({current.status}): it is final")
        rating = await Rating.filter(id=current.rating_id).using_db(conn).first() if current.rating_id else None
        if rating is None:
            raise InputError.one(("input", "id"), "NOT_FOUND", f"the rating of objection {objection.id} is gone")
        changes = []
        person = await Person.get(id=current.person_id).using_db(conn)
        if outcome == "CHANGED":
            predikat = catalog.predikat(result, behavior)
            before = {"result_rating": rating.result_rating, "behavior_rating": rating.behavior_rating,
                      "predikat": rating.predikat}
            old_predikat = rating.predikat
            rating.result_rating, rating.behavior_rating, rating.predikat = result, behavior, predikat
            await rating.save(using_db=conn, update_fields=["result_rating", "behavior_rating", "predikat"])
            if predikat != old_predikat:
                await rollups.add_ratings(conn, [(rating.agency_id, rating.unit_id, rating.period, old_predikat, -1),
                                                 (rating.agency_id, rating.unit_id, rating.period, predikat, 1)])
            current.new_result_rating, current.new_behavior_rating, current.new_predikat = result, behavior, predikat
            changes.append(audit.Change("rating.change", "rating", f"{person.nip}/{rating.period}", before,
                                        {"result_rating": result, "behavior_rating": behavior,
                                         "predikat": predikat, "objection": current.id}))
        current.status = outcome
        current.decision_reason, current.decision_reference = reason, reference
        current.decided_by, current.decided_at = access.viewer.actor, now
        await current.save(using_db=conn, update_fields=[
            "status", "new_result_rating", "new_behavior_rating", "new_predikat", "decision_reason",
            "decision_reference", "decided_by", "decided_at"])
        changes.insert(0, audit.Change("objection.decide", "objection", str(current.id), {"status": "OPEN"}, {
            "status": outcome, "reason": reason, "reference": reference, "nip": person.nip,
            "period": current.period, "predikat": current.new_predikat or current.old_predikat}))
        await audit.append(conn, access.viewer.actor, changes)
    return current


# -- reads --------------------------------------------------------------------------------------------------------

def _scope(access: Access) -> Q:
    if access.is_admin:
        return Q()
    if access.is_agency_admin:
        return Q(agency_id=access.viewer.agency_id)
    me = access.viewer.person_id if access.is_employee else None
    if me is None:
        return Q(id=-1)
    return Q(person_id=me) | Q(assessor_id=me) | Q(decider_id=me)


async def _listed(access: Access, period: str | None, agency: str | None, status: str | None) -> QuerySet[Objection]:
    """The objections a list shows the viewer, narrowed by each filter given; an agency unknown or out of scope is
    NOT_FOUND, a status that is none BAD_ARGUMENT."""
    query = Objection.filter(_scope(access))
    if period:
        query = query.filter(period=period.strip())
    if agency:
        query = query.filter(agency_id=(await agency_in_scope(access, agency)).id)
    if status:
        if status not in STATUSES:
            raise BadArgument("status", f"status must be one of {', '.join(STATUSES)}, got {status!r}",
                              params={"allowed": ", ".join(STATUSES)})
        query = query.filter(status=status)
    return query


async def objections(access: Access, period: str | None, agency: str | None, status: str | None,
                     awaiting_me: bool, first: int) -> list[Objection]:
    query = await _listed(access, period, agency, status)
    if awaiting_me:
        mine = awaiting(access)
        if mine is None:
            return []
        query = query.filter(mine)
    return await query.order_by("-filed_at", "-id").limit(min(first, LIST_MAX))


async def objection_pages(access: Access, page: int, period: str | None = None, agency: str | None = None,
                          status: str | None = None) -> AsyncIterator[list[Objection]]:
    """Every objection the viewer may see (the list's scope and filters), newest first, `page` at a time by a
    keyset on (filed_at, id): the console list's export (services/reports/lists.py). The filters are checked
    before the first page."""
    query = await _listed(access, period, agency, status)
    last: Objection | None = None
    while True:
        step = query if last is None else query.filter(
            Q(filed_at__lt=last.filed_at) | Q(filed_at=last.filed_at, id__lt=last.id))
        rows = await step.order_by("-filed_at", "-id").limit(page)
        if rows:
            yield rows
        if len(rows) < page:
            return
        last = rows[-1]


@dataclass(frozen=True)
class Shown:
    people: dict[int, Person]  # the objecting people the viewer may see (id, nip, name)
    agencies: dict[int, str]  # agency id -> code


async def shown_with(access: Access, objections: Sequence[Objection]) -> Shown:
    """What a list of objections names beside each: the objecting person where the viewer may see them (the
    `person` field's rule, can_see_person) and the agency's code. Two statements."""
    ids = sorted({o.person_id for o in objections})
    people = {p.id: p for p in await Person.filter(id__in=ids).only("id", "nip", "name", "agency_id")} if ids else {}
    seen = {pid: p for pid, p in people.items() if await access.can_see_person(p.id, p.agency_id)}
    agency_ids = sorted({o.agency_id for o in objections})
    agencies = {a.id: a.code for a in await Agency.filter(id__in=agency_ids).only("id", "code")} if agency_ids else {}
    return Shown(seen, agencies)


def awaiting(access: Access) -> Q | None:
    """The open objections this viewer decides (may_decide: the superior recorded at filing; ADMIN those with none in
    the platform), as a filter; None for a viewer who decides none. `objections(awaiting_me=True)` and the viewer's
    tasks (services/tasks) read it."""
    if access.is_admin:
        return Q(status="OPEN", decider_id__isnull=True)
    if access.is_employee and access.viewer.person_id is not None:
        return Q(status="OPEN", decider_id=access.viewer.person_id)
    return None


async def objection_of(access: Access, objection_id: int) -> Objection | None:
    found = await Objection.get_or_none(id=objection_id)
    return found if found is not None and visible(access, found) else None


async def objections_of_ratings(access: Access, keys: Sequence[tuple[int, str]]) -> dict[tuple[int, str], Objection]:
    """(person id, period) -> the objection to that rating, where the viewer may see it."""
    if not keys:
        return {}
    wanted = set(keys)
    found = await Objection.filter(person_id__in=sorted({p for p, _ in wanted}),
                                   period__in=sorted({period for _, period in wanted}))
    return {(o.person_id, o.period): o for o in found if (o.person_id, o.period) in wanted and visible(access, o)}


async def statements_of(objection_id: int) -> list[ObjectionStatement]:
    return await ObjectionStatement.filter(objection_id=objection_id).order_by("id").limit(STATEMENTS_MAX)


async def counts(access: Access, period: str) -> list[dict]:
    """Objections per agency and outcome in `period`, for the viewer's agencies (ADMIN: all; an agency admin: its
    own)."""
    if not (access.is_admin or access.is_agency_admin):
        raise deny("objection counts are read by ADMIN and agency admins", params={"action": "read_objection_counts"})
    rows: dict[int, dict] = {}
    for o in await Objection.filter(_scope(access), period=(period or "").strip()).values("agency_id", "status"):
        row = rows.setdefault(o["agency_id"], {"OPEN": 0, "UPHELD": 0, "CHANGED": 0})
        row[o["status"]] += 1
    agencies = {a.id: a.code for a in await Agency.filter(id__in=list(rows))}
    return [{"agency": agencies[a], "open": r["OPEN"], "upheld": r["UPHELD"], "changed": r["CHANGED"]}
            for a, r in sorted(rows.items(), key=lambda item: agencies[item[0]])]


async def open_objection_exists(person_id: int, period: str) -> bool:
    return await Objection.filter(person_id=person_id, period=period, status="OPEN").exists()
