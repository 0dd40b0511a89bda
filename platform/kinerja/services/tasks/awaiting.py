"""What awaits the signed-in viewer now ("Tugas saya", docs/DOMAIN.md, "What awaits me"): each kind of task with
its count, the period or cycle it is about and its first items, from the platform's clock (clock.today()).

Every kind asks the rule of the domain that decides it, never one of its own:
- SELF_ASSESSMENT (an EMPLOYEE): each open evaluation period (below) of a cycle in EVALUATION
  (assessments.ASSESS_STATUSES) without the viewer's SELF assessment and not finalized (a finalized rating takes no
  assessment: assessments._refuse_if_finalized);
- MEASUREMENTS (an EMPLOYEE): each period of a cycle taking measurements (measurements.MEASURE_STATUSES) that has
  ended (its last day before today), of a kind the indicator is measured in (`periods`), for each of the viewer's
  own targets of an active indicator without a measurement of that period;
- ASSESSMENTS: the people whose assessing official for an open evaluation period is the viewer
  (officials.assessed_by: the supervisor, or the acting official, on the period's last day or today), without a
  SUPERVISOR assessment and not finalized; for ADMIN signed in as a person, those who have no assessing official
  (ADMIN stands in: assessments._assessor), never the ADMIN's own person;
- RATINGS_TO_FINALIZE: the same people with a SUPERVISOR assessment and no rating yet (ratings.finalize_rating: the
  assessing official, or ADMIN; ADMIN's task only where it stands in, never its own rating);
- SKPS_TO_APPROVE: SUBMITTED SKPs of a cycle that takes SKP writes (document.WRITE_STATUSES) that the viewer may
  decide (Access.may_decide_skp);
- OBJECTIONS_TO_DECIDE: open objections the viewer decides (objections.awaiting, objections.may_decide);
- DEVELOPMENT_PLANS_TO_AGREE: development plans of an open cycle that are DRAFT with actions and not yet agreed by
  the viewer: the viewer's own (as the employee), and those the viewer agrees as the assessing official
  (development.agree_plan: Access.may_decide_skp);
- DEVELOPMENT_ACTIONS_TO_CONFIRM: the people with actions DONE that the viewer confirms (development.confirm_action:
  Access.may_decide_skp), whatever the cycle's status (a plan outlives its cycle);
- INDICATOR_DRAFTS_TO_APPROVE (ADMIN): SUBMITTED indicator drafts; INDICATOR_DRAFTS_TO_REWORK (an agency admin):
  its agency's REJECTED drafts.
Items about other people name people in service only: a person who left the service (services/org/departures.py)
awaits nobody's assessment, rating, SKP decision or objection decision.
EMPLOYEE viewers have the first six, ADMIN assessments, ratings, SKPs and objections where it stands in for a missing
superior and the drafts to approve, an agency admin its drafts to rework.

The open evaluation periods of a cycle in EVALUATION are its evaluation periods (gate.evaluation_periods_of) that
have begun by today; the annual period (Triwulan IV / Akhir Tahun) begins with the last quarter (or December) it
folds in.

Cheap: a fixed number of SQL statements (about thirty at most) whatever the number of people, periods or tasks.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from tortoise.expressions import Q

from kinerja.models import (Assessment, Cycle, DevelopmentAction, DevelopmentPlan, IndicatorDraft, Measurement,
                            Objection, Person, Rating, Skp, Target)
from kinerja.services.core import clock
from kinerja.services.core.access import Access
from kinerja.services.cycles import gate
from kinerja.services.evaluation import assessments, objections, officials, ratings
from kinerja.services.indicators import drafts
from kinerja.services.skp import document, measurements

SELF_ASSESSMENT = "SELF_ASSESSMENT"
MEASUREMENTS = "MEASUREMENTS"
ASSESSMENTS = "ASSESSMENTS"
RATINGS_TO_FINALIZE = "RATINGS_TO_FINALIZE"
SKPS_TO_APPROVE = "SKPS_TO_APPROVE"
OBJECTIONS_TO_DECIDE = "OBJECTIONS_TO_DECIDE"
INDICATOR_DRAFTS_TO_APPROVE = "INDICATOR_DRAFTS_TO_APPROVE"
INDICATOR_DRAFTS_TO_REWORK = "INDICATOR_DRAFTS_TO_REWORK"
DEVELOPMENT_PLANS_TO_AGREE = "DEVELOPMENT_PLANS_TO_AGREE"
DEVELOPMENT_ACTIONS_TO_CONFIRM = "DEVELOPMENT_ACTIONS_TO_CONFIRM"
KINDS = (SELF_ASSESSMENT, MEASUREMENTS, ASSESSMENTS, RATINGS_TO_FINALIZE, SKPS_TO_APPROVE, OBJECTIONS_TO_DECIDE,
         DEVELOPMENT_PLANS_TO_AGREE, DEVELOPMENT_ACTIONS_TO_CONFIRM, INDICATOR_DRAFTS_TO_APPROVE,
         INDICATOR_DRAFTS_TO_REWORK)

ITEMS_MAX = 20  # the first items of a group; `count` counts them all
GROUPS_MAX = 200  # a kind per period of the open cycles: more (a dozen monthly cycles open at once) is LIST_TOO_LONG
OPEN_CYCLE_STATUSES = ("PLANNING", "ACTIVE", "EVALUATION")


@dataclass(frozen=True)
class TaskItem:
    """One thing to do. A person's task names the person (nip, name, position); a measurement its target; an
    objection and an indicator draft their ids."""

    period: str | None = None
    cycle: int | None = None
    nip: str | None = None
    name: str | None = None
    position: str | None = None
    objection_id: int | None = None
    target_id: int | None = None
    work_result: str | None = None
    indicator: str | None = None  # the indicator's full code (a target's, a draft's)
    indicator_name: str | None = None
    draft_id: int | None = None
    agency: str | None = None  # a draft's agency code
    agency_name: str | None = None


@dataclass(frozen=True)
class TaskGroup:
    kind: str
    period: str | None  # the period it is about (None: a cycle's, or no period)
    cycle: int | None  # the cycle's year (None for indicator drafts)
    count: int
    items: tuple[TaskItem, ...]  # the first ITEMS_MAX


@dataclass(frozen=True)
class Tasks:
    today: dt.date
    groups: tuple[TaskGroup, ...]

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)


# -- periods ---------------------------------------------------------------------------------------------------------

def first_day(period: str, periodicity: str) -> dt.date:
    """The first day of an evaluation period; the annual period's is that of the last quarter (or December) it
    folds in (docs/DOMAIN.md, "The year end")."""
    year, kind = int(period[:4]), gate.period_kind(period)
    if kind == "year":
        return dt.date(year, 12 if periodicity == "MONTHLY" else 10, 1)
    if kind == "quarter":
        return dt.date(year, 3 * int(period[-1]) - 2, 1)
    return dt.date(year, int(period[5:7]), 1)


def open_evaluation_periods(cycle: Any, today: dt.date, statuses: tuple[str, ...] = assessments.ASSESS_STATUSES
                            ) -> list[str]:
    """The evaluation periods of a cycle in one of `statuses` (EVALUATION) that have begun by `today`, in order."""
    if cycle.status not in statuses:
        return []
    return [p for p in gate.evaluation_periods_of(cycle.year, cycle.periodicity)
            if first_day(p, cycle.periodicity) <= today]


def ended_periods(cycle: Any, today: dt.date) -> list[str]:
    """The periods of a cycle taking measurements whose last day is before `today`, in order."""
    if cycle.status not in measurements.MEASURE_STATUSES:
        return []
    return [p for p in gate.periods_of(cycle.year, cycle.periodicity) if gate.last_day(p) < today]


def _period_key(period: str | None, cycle: int | None) -> tuple[int, int]:
    """Oldest first: by year, then by the month a period ends in (a quarter its last month, the year after all)."""
    if not period:
        return (cycle or 0, 0)
    kind = gate.period_kind(period)
    end = 3 * int(period[-1]) if kind == "quarter" else int(period[5:7]) if kind == "month" else 13
    return (int(period[:4]), end)


# -- the groups ------------------------------------------------------------------------------------------------------

def _person_item(person: Any, period: str | None, cycle: int | None, **more: Any) -> TaskItem:
    return TaskItem(period=period, cycle=cycle, nip=person.nip, name=person.name, position=person.position, **more)


def _in_service(person: Any) -> bool:
    """Someone else's task is about a person in service: those who left (services/org/departures.py) are left out."""
    return person.left_at is None


def _by_name(items: Iterable[TaskItem]) -> list[TaskItem]:
    return sorted(items, key=lambda i: ((i.name or "").casefold(), i.nip or "", i.objection_id or 0))


def _groups(kind: str, items: Iterable[TaskItem], *, by: str = "period", sort=_by_name) -> list[TaskGroup]:
    """The items grouped by period (or cycle), each group sorted and cut to its first ITEMS_MAX, `count` all."""
    grouped: dict[Any, list[TaskItem]] = defaultdict(list)
    for item in items:
        grouped[item.period if by == "period" else item.cycle].append(item)
    found = []
    for key, rows in grouped.items():
        period = key if by == "period" else None
        cycle = int(key[:4]) if by == "period" else key
        found.append(TaskGroup(kind, period, cycle, len(rows), tuple(sort(rows)[:ITEMS_MAX])))
    return sorted(found, key=lambda g: _period_key(g.period, g.cycle))


async def my_tasks(access: Access) -> Tasks:
    """What awaits the viewer today (module docstring)."""
    today = clock.today()
    cycles = {c.id: c for c in await Cycle.filter(status__in=OPEN_CYCLE_STATUSES).order_by("year")}
    evaluation = [p for c in cycles.values() for p in open_evaluation_periods(c, today)]
    finalizing = [p for c in cycles.values() for p in open_evaluation_periods(c, today, ratings.FINALIZE_STATUSES)]
    me = access.viewer.person_id
    groups: list[TaskGroup] = []
    if access.is_employee and me is not None:
        person = await Person.get(id=me)
        groups += await _self_assessments(person, evaluation)
        groups += await _measurements(person, cycles, today)
    if (access.is_employee and me is not None) or access.is_admin:
        groups += await _assessments(access, evaluation, finalizing)
        groups += await _skps(access, cycles)
        groups += await _objections(access)
        groups += await _development(access, cycles)
    groups += await _drafts(access)
    rank = {kind: n for n, kind in enumerate(KINDS)}
    groups.sort(key=lambda g: rank[g.kind])  # stable: each kind's groups stay in period order
    return Tasks(today, tuple(groups))


async def _self_assessments(person: Person, periods: list[str]) -> list[TaskGroup]:
    if not periods:
        return []
    done = set(await Assessment.filter(person_id=person.id, kind=assessments.SELF, period__in=periods)
               .values_list("period", flat=True))
    done |= set(await Rating.filter(person_id=person.id, period__in=periods).values_list("period", flat=True))
    return _groups(SELF_ASSESSMENT, [_person_item(person, p, int(p[:4])) for p in periods if p not in done])


async def _measurements(person: Person, cycles: dict[int, Any], today: dt.date) -> list[TaskGroup]:
    due = {cid: ended_periods(c, today) for cid, c in cycles.items()}
    wanted = [cid for cid, periods in due.items() if periods]
    if not wanted:
        return []
    targets = await Target.filter(person_id=person.id, cycle_id__in=wanted, indicator__active=True).select_related(
        "indicator").order_by("id")
    if not targets:
        return []
    measured = set(await Measurement.filter(target_id__in=[t.id for t in targets]).values_list("target_id", "period"))
    items = []
    for target in targets:
        kinds = set((target.indicator.definition or {}).get("periods") or ())
        for period in due[target.cycle_id]:
            if gate.period_kind(period) in kinds and (target.id, period) not in measured:
                items.append(TaskItem(period=period, cycle=cycles[target.cycle_id].year, target_id=target.id,
                                      work_result=target.work_result, indicator=target.indicator.full_code,
                                      indicator_name=target.indicator.name))
    return _groups(MEASUREMENTS, items, sort=lambda rows: sorted(rows, key=lambda i: i.target_id))


async def _assessments(access: Access, writing: list[str], finalizing: list[str]) -> list[TaskGroup]:
    """The supervisor assessments to write (periods `writing`) and the ratings to finalize (`finalizing`): module
    docstring."""
    periods = sorted(set(writing) | set(finalizing))
    if not periods:
        return []
    me = access.viewer.person_id
    # ADMIN stands in where nobody is the assessing official; an EMPLOYEE is the official
    assessed = await officials.assessed_by(None if access.is_admin else me, periods)
    people = {p.id: p for rows in assessed.values() for p in rows
              if not (access.is_admin and p.id == me) and _in_service(p)}
    if not people:
        return []
    ids = sorted(people)
    written = set(await Assessment.filter(person_id__in=ids, period__in=periods, kind=assessments.SUPERVISOR)
                  .values_list("person_id", "period"))
    rated = set(await Rating.filter(person_id__in=ids, period__in=periods).values_list("person_id", "period"))
    to_write, to_finalize = [], []
    may_write = me is not None  # ADMIN assesses only as a person (an accountable assessor)
    for period, rows in assessed.items():
        for person in rows:
            key = (person.id, period)
            if person.id not in people or key in rated:
                continue
            if key in written:
                if period in finalizing:
                    to_finalize.append(_person_item(person, period, int(period[:4])))
            elif may_write and period in writing:
                to_write.append(_person_item(person, period, int(period[:4])))
    return _groups(ASSESSMENTS, to_write) + _groups(RATINGS_TO_FINALIZE, to_finalize)


async def _skps(access: Access, cycles: dict[int, Any]) -> list[TaskGroup]:
    open_ids = [cid for cid, c in cycles.items() if c.status in document.WRITE_STATUSES]
    if not open_ids:
        return []
    query = Skp.filter(status="SUBMITTED", cycle_id__in=open_ids)
    if access.is_admin:
        query = query.filter(person__supervisor_id__isnull=True)  # ADMIN decides for a person with no supervisor
    else:  # the direct subordinates, and the staff of a head post the viewer acts in today
        acting = sorted(await access.acting_staff())
        mine = Q(person__supervisor_id=access.viewer.person_id)
        query = query.filter(mine | Q(person_id__in=acting) if acting else mine)
    rows = await query.select_related("person")
    items = [_person_item(s.person, None, cycles[s.cycle_id].year) for s in rows
             if access.may_decide_skp(s.person) and _in_service(s.person)]
    return _groups(SKPS_TO_APPROVE, items, by="cycle")


async def _objections(access: Access) -> list[TaskGroup]:
    mine = objections.awaiting(access)
    if mine is None:
        return []
    rows = await Objection.filter(mine).select_related("person")
    items = [_person_item(o.person, o.period, int(o.period[:4]), objection_id=o.id) for o in rows
             if objections.may_decide(access, o) and _in_service(o.person)]
    return _groups(OBJECTIONS_TO_DECIDE, items)


async def _development(access: Access, cycles: dict[int, Any]) -> list[TaskGroup]:
    """Plans to agree and actions to confirm (module docstring): two statements."""
    me = access.viewer.person_id
    acting = [] if access.is_admin else sorted(await access.acting_staff())

    def theirs(prefix: str) -> Q:
        """The people whose plans the viewer agrees and confirms: ADMIN for a person with no supervisor; an EMPLOYEE
        for its direct subordinates and the staff of a head post it acts in today."""
        if access.is_admin:
            return Q(**{f"{prefix}supervisor_id__isnull": True})
        mine = Q(**{f"{prefix}supervisor_id": me})
        return mine | Q(**{f"{prefix}id__in": acting}) if acting else mine

    scope = theirs("person__")
    if access.is_employee and me is not None:
        scope = scope | Q(person_id=me)
    plans = await DevelopmentPlan.filter(scope, status="DRAFT", cycle_id__in=list(cycles)) \
        .select_related("person", "cycle")
    with_actions = set(await DevelopmentAction.filter(plan_id__in=[p.id for p in plans])
                       .values_list("plan_id", flat=True)) if plans else set()
    to_agree = []
    for plan in plans:
        if plan.id not in with_actions or not _in_service(plan.person):
            continue
        mine = access.is_person(plan.person_id) and plan.employee_agreed_at is None
        official = access.may_decide_skp(plan.person) and plan.official_agreed_at is None
        if mine or official:
            to_agree.append(_person_item(plan.person, None, plan.cycle.year))
    done = await DevelopmentAction.filter(theirs("plan__person__"), status="DONE") \
        .select_related("plan__person", "plan__cycle")
    people: dict[tuple[int, int], TaskItem] = {}
    for action in done:
        person = action.plan.person
        if access.may_decide_skp(person) and _in_service(person):
            people.setdefault((person.id, action.plan.cycle.year),
                              _person_item(person, None, action.plan.cycle.year))
    return (_groups(DEVELOPMENT_PLANS_TO_AGREE, to_agree, by="cycle")
            + _groups(DEVELOPMENT_ACTIONS_TO_CONFIRM, list(people.values()), by="cycle"))


async def _drafts(access: Access) -> list[TaskGroup]:
    if access.is_admin:
        kind, query = INDICATOR_DRAFTS_TO_APPROVE, IndicatorDraft.filter(status=drafts.SUBMITTED)
    elif access.is_agency_admin and access.viewer.agency_id is not None:
        kind, query = INDICATOR_DRAFTS_TO_REWORK, IndicatorDraft.filter(status=drafts.REJECTED,
                                                                        agency_id=access.viewer.agency_id)
    else:
        return []
    count = await query.count()
    if not count:
        return []
    rows = await query.select_related("agency").order_by("updated_at", "id").limit(ITEMS_MAX)
    items = tuple(TaskItem(draft_id=d.id, indicator=f"{d.agency.code}.{d.code}", agency=d.agency.code,
                           agency_name=d.agency.name) for d in rows if access.can_manage_agency(d.agency_id))
    return [TaskGroup(kind, None, None, count, items)]
