"""Rencana pengembangan kompetensi: a person's development plan of a cycle (docs/DOMAIN.md, "Development plans").

A plan holds actions: training, coaching, mentoring, a job assignment, self-study, or free text, each with the
competency it serves, planned hours (JP), a due date and who is responsible. A finalized rating proposes actions
(development_proposals.py); the employee and the supervisor edit the plan (`save_plan`) while it is a DRAFT, and
both agree to it (`agree_plan`): the employee for themselves, the assessing official (the direct supervisor, or
ADMIN for a person without one) for the agency. It is AGREED once both have agreed to the same version; a save
after that makes it a DRAFT again and clears both agreements. The employee completes an action of an AGREED plan
with its evidence (hours done, the day, a certificate's number or a link: `complete_action`) and the assessing
official confirms it (`confirm_action`); confirmed hours count towards the year's minimum (development_hours.py).

Who: the plan is read by whoever sees the person; saved by the person, their direct supervisor or ADMIN (as the
SKP is drafted: Access.may_edit_skp); agreed as above; an action completed by the person alone; confirmed by the
assessing official. A person out of the viewer's scope is NOT_FOUND, as an unknown NIP. Plans are not gated by the
cycle's status: a plan made after the year's last rating is carried out the next year. Every write takes the
version the caller read (STALE_VERSION otherwise), adds one, and is audited in its own transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import AsyncIterator, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from kinerja.models import ApiToken, Cycle, DevelopmentAction, DevelopmentPlan, Person
from kinerja.plugins.values import ActionKind
from kinerja.services.core import audit, clock
from kinerja.services.core.access import Access, refusal
from kinerja.services.core.errors import BadArgument, InputError, Problem
from kinerja.services.org.agencies import agency_in_scope
from kinerja.services.skp.document import find_person

STATUSES = ("DRAFT", "AGREED")
ACTION_STATUSES = ("PLANNED", "DONE", "CONFIRMED")
KINDS = tuple(k.value for k in ActionKind)
SOURCES = ("PROPOSED", "RECOMMENDATION", "WRITTEN")
TITLE_MAX = 500
COMPETENCY_MAX = 200
RESPONSIBLE_MAX = 200
EVIDENCE_NUMBER_MAX = 100
URL_MAX = 500
HOURS_MAX = 200  # JP of one action: more than a year's full-time training is a typing error
ACTIONS_MAX = 30  # actions a plan holds
_URL = re.compile(r"https?://[^\s]+", re.IGNORECASE)


@dataclass(frozen=True)
class ActionData:
    """One action as a save gives it: `id` for an action already on the plan, None for a new one."""

    kind: str
    title: str
    competency: str | None = None
    planned_hours: int = 0
    due: dt.date | None = None
    responsible: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class Evidence:
    hours_done: int
    completed_on: dt.date
    number: str | None = None
    url: str | None = None


@dataclass
class Plan:
    """A person's plan of a cycle as read: None fields for a plan not started (no row yet)."""

    person: Person
    cycle: Cycle
    plan: DevelopmentPlan | None
    actions: list[DevelopmentAction]


# -- reading ---------------------------------------------------------------------------------------------------

async def agreeing_official(plan: DevelopmentPlan | None) -> Person | None:
    """Who agreed the plan as its assessing official (the direct supervisor, an acting official, ADMIN signed in
    as a person); None before that, or when an administrator's token without a person agreed."""
    actor = plan.official_agreed_by if plan is not None and plan.official_agreed_at is not None else None
    if actor and actor.startswith("nip:"):  # signed in
        return await Person.get_or_none(nip=actor[4:])
    if actor and actor.startswith("token:") and actor[6:].isdigit():  # an API token standing for a person
        token = await ApiToken.filter(id=int(actor[6:])).only("id", "person_id").first()
        return await Person.get_or_none(id=token.person_id) if token and token.person_id else None
    return None


async def locate(access: Access, nip: str, year: int) -> tuple[Person, Cycle]:
    person = await find_person(access, nip)
    if person is None:
        raise InputError.one(("nip",), "NOT_FOUND", f"no person with NIP {nip!r}", params={"nip": nip})
    cycle = await Cycle.get_or_none(year=year) if -9999 <= year <= 9999 else None
    if cycle is None:
        raise InputError.one(("cycle",), "NOT_FOUND", f"no cycle {year}", params={"what": "cycle", "key": year})
    return person, cycle


async def get_plan(access: Access, nip: str, year: int) -> Plan | None:
    """The plan of the person in the cycle (a Plan without a row when none is started); None when the viewer cannot
    see the person or there is no such cycle."""
    try:
        person, cycle = await locate(access, nip, year)
    except InputError:
        return None
    plan = await DevelopmentPlan.get_or_none(person_id=person.id, cycle_id=cycle.id)
    actions = await DevelopmentAction.filter(plan_id=plan.id).order_by("position") if plan else []
    return Plan(person, cycle, plan, list(actions))


def may_agree(access: Access, found: Plan) -> bool:
    """Whether the viewer may agree to the plan now (agree_plan): the person or the assessing official, each once per
    version, on a plan with actions that is not AGREED yet."""
    plan = found.plan
    if plan is None or plan.status == "AGREED" or not found.actions:
        return False
    mine = access.is_person(found.person.id) and plan.employee_agreed_at is None
    return mine or (access.may_decide_skp(found.person) and plan.official_agreed_at is None)


def may_complete(access: Access, person: Person, plan_status: str, action: DevelopmentAction) -> bool:
    """complete_action's rule: the person, on an AGREED plan, while the action is not CONFIRMED."""
    return plan_status == "AGREED" and action.status != "CONFIRMED" and access.is_person(person.id)


def may_confirm(access: Access, person: Person, action: DevelopmentAction) -> bool:
    """confirm_action's rule: the assessing official, while the action is DONE."""
    return action.status == "DONE" and access.may_decide_skp(person)


def state(plan: DevelopmentPlan) -> dict:
    return {"status": plan.status, "version": plan.version, "required_period": plan.required_period,
            "employee_agreed": plan.employee_agreed_at is not None,
            "official_agreed": plan.official_agreed_at is not None}


def action_state(action: DevelopmentAction) -> dict:
    return {"position": action.position, "kind": action.kind, "title": action.title,
            "competency": action.competency, "planned_hours": action.planned_hours,
            "due": action.due.isoformat() if action.due else None, "responsible": action.responsible,
            "source": action.source, "status": action.status, "hours_done": action.hours_done,
            "completed_on": action.completed_on.isoformat() if action.completed_on else None,
            "evidence_number": action.evidence_number, "evidence_url": action.evidence_url}


# -- checks ----------------------------------------------------------------------------------------------------

def _text(value: str | None, path: tuple, what: str, limit: int, problems: list[Problem],
          required: bool = False) -> str | None:
    text = (value or "").strip()
    if not text:
        if required:
            problems.append(Problem(path, "REQUIRED", f"{what} must not be empty"))
        return None
    if len(text) > limit:
        problems.append(Problem(path, "TOO_LONG", f"{what} is {len(text)} characters; at most {limit}",
                                {"length": len(text), "limit": limit}))
    return text


def _hours(value: int | None, path: tuple, problems: list[Problem]) -> int:
    if value is None or not 0 <= value <= HOURS_MAX:
        problems.append(Problem(path, "OUT_OF_RANGE", f"hours must be 0 to {HOURS_MAX} JP, got {value}",
                                {"min": 0, "max": HOURS_MAX, "value": value}))
        return 0
    return value


def check_actions(actions: Sequence[ActionData]) -> list[ActionData]:
    """The actions trimmed, every problem named at its place (`actions`, index, field), or InputError."""
    problems: list[Problem] = []
    if len(actions) > ACTIONS_MAX:
        raise InputError.one(("actions",), "TOO_MANY", f"actions has {len(actions)} items; at most {ACTIONS_MAX}",
                             params={"count": len(actions), "limit": ACTIONS_MAX})
    seen: set[int] = set()
    out: list[ActionData] = []
    for i, a in enumerate(actions):
        at = ("actions", str(i))
        if a.kind not in KINDS:
            problems.append(Problem((*at, "kind"), "INVALID_VALUE", f"kind must be one of {', '.join(KINDS)}",
                                    {"allowed": list(KINDS)}))
        title = _text(a.title, (*at, "title"), "title", TITLE_MAX, problems, required=True)
        competency = _text(a.competency, (*at, "competency"), "competency", COMPETENCY_MAX, problems)
        responsible = _text(a.responsible, (*at, "responsible"), "responsible", RESPONSIBLE_MAX, problems)
        hours = _hours(a.planned_hours, (*at, "plannedHours"), problems)
        if a.id is not None:
            if a.id in seen:
                problems.append(Problem((*at, "id"), "DUPLICATE", f"action {a.id} is listed twice"))
            seen.add(a.id)
        out.append(ActionData(a.kind, title or "", competency, hours, a.due, responsible, a.id))
    if problems:
        raise InputError(problems)
    return out


def check_version(plan: DevelopmentPlan | None, version: int | None, path: tuple = ("version",)) -> None:
    current = plan.version if plan else 0
    if (version or 0) != current:
        raise InputError.one(path, "STALE_VERSION",
                             f"the development plan is at version {current}, not {version}: it changed since it was "
                             "read; reload it and try again", params={"current": current, "version": version})


async def _lock(conn: BaseDBAsyncClient, person_id: int, cycle_id: int) -> DevelopmentPlan | None:
    return await DevelopmentPlan.filter(person_id=person_id, cycle_id=cycle_id).using_db(conn) \
        .select_for_update().first()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# -- save -------------------------------------------------------------------------------------------------------

async def save_plan(access: Access, nip: str, year: int, version: int | None,
                    actions: Sequence[ActionData]) -> Plan:
    """The plan's actions as listed, in that order: listed ids keep their action (a completed one unchanged), new
    ones are WRITTEN and PLANNED, a PLANNED action not listed is removed; a completed action cannot be removed or
    changed (ACTION_COMPLETED). `version`: the plan's as read (0 or None for a plan not started). The plan becomes
    a DRAFT and any agreement is cleared."""
    wanted = check_actions(actions)  # the input's own problems first, whoever asks
    person, cycle = await locate(access, nip, year)
    if not access.may_edit_skp(person):
        raise refusal(("nip",), "a development plan is written by the person, their direct supervisor or ADMIN",
                      params={"action": "write_development_plan"})
    async with in_transaction() as conn:
        plan = await _lock(conn, person.id, cycle.id)
        check_version(plan, version)
        before = state(plan) if plan else None
        if plan is None:
            plan = await DevelopmentPlan.create(person_id=person.id, cycle_id=cycle.id, agency_id=person.agency_id,
                                                status="DRAFT", version=1, using_db=conn)
        else:
            plan.version += 1
        existing = {a.id: a for a in await DevelopmentAction.filter(plan_id=plan.id).using_db(conn)}
        changes = _apply(existing, wanted)
        # positions: renumbered in the list's order, through negatives so that the unique (plan, position) holds
        for a in existing.values():
            await DevelopmentAction.filter(id=a.id).using_db(conn).update(position=-a.id)
        for removed in changes.removed:
            await DevelopmentAction.filter(id=removed.id).using_db(conn).delete()
        kept: list[DevelopmentAction] = []
        for position, (data, found) in enumerate(changes.listed, start=1):
            if found is None:
                found = await DevelopmentAction.create(
                    plan_id=plan.id, position=position, kind=data.kind, title=data.title,
                    competency=data.competency, planned_hours=data.planned_hours, due=data.due,
                    responsible=data.responsible, source="WRITTEN", status="PLANNED", using_db=conn)
            else:
                found.position = position
                if found.status == "PLANNED":
                    found.kind, found.title, found.competency = data.kind, data.title, data.competency
                    found.planned_hours, found.due, found.responsible = data.planned_hours, data.due, \
                        data.responsible
                await found.save(using_db=conn)
            kept.append(found)
        plan.status = "DRAFT"
        plan.employee_agreed_at = plan.official_agreed_at = plan.official_agreed_by = None
        await plan.save(using_db=conn)
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "development_plan.save", "development_plan", f"{person.nip}/{cycle.year}", before,
            {**state(plan), "actions": [action_state(a) for a in kept],
             "removed": [action_state(a) for a in changes.removed]})])
    return Plan(person, cycle, plan, kept)


@dataclass
class _Changes:
    listed: list[tuple[ActionData, DevelopmentAction | None]]
    removed: list[DevelopmentAction]


def _apply(existing: dict[int, DevelopmentAction], wanted: list[ActionData]) -> _Changes:
    problems: list[Problem] = []
    listed: list[tuple[ActionData, DevelopmentAction | None]] = []
    for i, data in enumerate(wanted):
        found = None
        if data.id is not None:
            found = existing.get(data.id)
            if found is None:
                problems.append(Problem(("actions", str(i), "id"), "NOT_FOUND",
                                        f"the plan has no action {data.id}", {"what": "development_action",
                                                                               "key": data.id}))
            elif found.status != "PLANNED" and _changed(found, data):
                problems.append(Problem(("actions", str(i)), "ACTION_COMPLETED",
                                        f"action {found.position} ({found.title}) is {found.status}: it is kept as "
                                        "completed", {"status": found.status}))
        listed.append((data, found))
    ids = {d.id for d in wanted if d.id is not None}
    removed = [a for a in existing.values() if a.id not in ids]
    for a in removed:
        if a.status != "PLANNED":
            problems.append(Problem(("actions",), "ACTION_COMPLETED",
                                    f"action {a.position} ({a.title}) is {a.status}: a completed action stays on the "
                                    "plan", {"status": a.status}))
    if problems:
        raise InputError(problems)
    return _Changes(listed, removed)


def _changed(found: DevelopmentAction, data: ActionData) -> bool:
    return (found.kind, found.title, found.competency, found.planned_hours, found.due, found.responsible) != (
        data.kind, data.title, data.competency, data.planned_hours, data.due, data.responsible)


# -- agree -------------------------------------------------------------------------------------------------------

async def agree_plan(access: Access, nip: str, year: int, version: int) -> Plan:
    """The viewer's agreement to the plan as read: the person's own, or the assessing official's; AGREED once both
    have agreed."""
    person, cycle = await locate(access, nip, year)
    as_employee = access.is_person(person.id)
    as_official = access.may_decide_skp(person)
    if not (as_employee or as_official):
        raise refusal(("nip",), "a development plan is agreed by the person and their assessing official",
                      params={"action": "agree_development_plan"})
    async with in_transaction() as conn:
        plan = await _lock(conn, person.id, cycle.id)
        if plan is None:
            raise InputError.one(("nip",), "NOT_FOUND", f"{person.nip} has no development plan in cycle {cycle.year}",
                                 params={"what": "development_plan", "nip": person.nip, "year": cycle.year})
        check_version(plan, version)
        actions = list(await DevelopmentAction.filter(plan_id=plan.id).using_db(conn).order_by("position"))
        if not actions:
            raise InputError.one(("nip",), "PLAN_EMPTY", "a development plan is agreed with at least one action")
        if plan.status == "AGREED" or (as_employee and plan.employee_agreed_at and not as_official) or (
                as_official and plan.official_agreed_at and not as_employee):
            raise InputError.one(("nip",), "ALREADY_AGREED", "you have agreed to this plan already")
        before = state(plan)
        now = _now()
        if as_employee:
            plan.employee_agreed_at = now
        if as_official:
            plan.official_agreed_at = now
            plan.official_agreed_by = access.viewer.actor[:64]
        if plan.employee_agreed_at and plan.official_agreed_at:
            plan.status = "AGREED"
        plan.version += 1
        await plan.save(using_db=conn)
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "development_plan.agree", "development_plan", f"{person.nip}/{cycle.year}", before,
            {**state(plan), "as": "EMPLOYEE" if as_employee else "OFFICIAL"})])
    return Plan(person, cycle, plan, actions)


# -- complete and confirm -------------------------------------------------------------------------------------------

async def _action_in_scope(access: Access, action_id: int, path: tuple = ("action",)
                          ) -> tuple[DevelopmentAction, DevelopmentPlan, Person]:
    action = await DevelopmentAction.get_or_none(id=action_id).select_related("plan", "plan__cycle")
    person = await Person.get_or_none(id=action.plan.person_id) if action else None
    if action is None or person is None or not await access.can_see_person(person.id, person.agency_id):
        raise InputError.one(path, "NOT_FOUND", f"no development action {action_id}",
                             params={"what": "development_action", "key": action_id})
    return action, action.plan, person


async def complete_action(access: Access, action_id: int, version: int, evidence: Evidence) -> DevelopmentAction:
    """The person records an action of their AGREED plan as DONE, with its evidence (again while it is DONE)."""
    problems: list[Problem] = []  # the evidence's own problems first, whoever asks
    hours = _hours(evidence.hours_done, ("input", "hoursDone"), problems)
    number = _text(evidence.number, ("input", "evidenceNumber"), "evidence number", EVIDENCE_NUMBER_MAX, problems)
    url = _text(evidence.url, ("input", "evidenceUrl"), "evidence URL", URL_MAX, problems)
    if url and not _URL.fullmatch(url):
        problems.append(Problem(("input", "evidenceUrl"), "INVALID_URL", "the evidence URL must start with http:// or "
                                                                 "https:// and hold no spaces"))
    if evidence.completed_on > clock.today():
        problems.append(Problem(("input", "completedOn"), "DATE_IN_FUTURE",
                                f"completedOn {evidence.completed_on.isoformat()} is after today",
                                {"date": evidence.completed_on, "today": clock.today()}))
    if problems:
        raise InputError(problems)
    action, plan, person = await _action_in_scope(access, action_id, ("input", "action"))
    if not access.is_person(person.id):
        raise refusal(("input", "action"), "an action is completed by the person whose plan it is",
                      params={"action": "complete_development_action"})
    async with in_transaction() as conn:
        plan = await _lock(conn, plan.person_id, plan.cycle_id)
        check_version(plan, version, ("input", "version"))
        if plan.status != "AGREED":
            raise InputError.one(("input", "action"), "PLAN_NOT_AGREED", "the plan is agreed before its actions are "
                                                                 "completed")
        action = await DevelopmentAction.get(id=action_id).using_db(conn)
        if action.status == "CONFIRMED":
            raise InputError.one(("input", "action"), "ACTION_CONFIRMED",
                                 "the action is confirmed already: it stays as it is")
        before = action_state(action)
        action.status, action.hours_done, action.completed_on = "DONE", hours, evidence.completed_on
        action.evidence_number, action.evidence_url = number, url
        await action.save(using_db=conn)
        plan.version += 1
        await plan.save(using_db=conn, update_fields=["version", "updated_at"])
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "development_action.complete", "development_action", f"{person.nip}/{action.id}", before,
            {**action_state(action), "nip": person.nip})])
    return action


async def confirm_action(access: Access, action_id: int, version: int) -> DevelopmentAction:
    """The assessing official confirms a DONE action: its hours count from now on."""
    action, plan, person = await _action_in_scope(access, action_id)
    if not access.may_decide_skp(person):
        raise refusal(("action",), "an action is confirmed by the person's assessing official",
                      params={"action": "confirm_development_action"})
    async with in_transaction() as conn:
        plan = await _lock(conn, plan.person_id, plan.cycle_id)
        check_version(plan, version)
        action = await DevelopmentAction.get(id=action_id).using_db(conn)
        if action.status != "DONE":
            raise InputError.one(("action",), "ACTION_NOT_DONE", f"the action is {action.status}: the person "
                                                                 "completes it first", {"status": action.status})
        before = action_state(action)
        action.status, action.confirmed_at = "CONFIRMED", _now()
        action.confirmed_by = access.viewer.actor[:64]
        await action.save(using_db=conn)
        plan.version += 1
        await plan.save(using_db=conn, update_fields=["version", "updated_at"])
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "development_action.confirm", "development_action", f"{person.nip}/{action.id}", before,
            {**action_state(action), "nip": person.nip})])
    return action


# -- the list as a file ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ListedAction:
    """One action of the plans of a cycle, with its plan and person: a row of /exports/development-plans."""

    nip: str
    name: str
    agency: str
    cycle: int
    plan_status: str
    required_by: str | None
    action: DevelopmentAction


async def action_pages(access: Access, year: int, page: int, nip: str | None = None, agency: str | None = None
                       ) -> AsyncIterator[list[ListedAction]]:
    """The actions of the cycle's plans the viewer sees (a person's, an agency's, or all in scope), `page` at a
    time in the order of the plans and their actions. Unknown or unseen arguments are BadArgument before the first
    page (NOT_FOUND for what the viewer may not see, as for what does not exist)."""
    cycle = await Cycle.get_or_none(year=year) if -9999 <= year <= 9999 else None
    if cycle is None:
        raise BadArgument("cycle", f"no cycle {year}", "NOT_FOUND", {"what": "cycle", "key": year})
    query = DevelopmentAction.filter(plan__cycle_id=cycle.id)
    query = query.filter(await access.list_scope("plan__agency_id", "plan__person_id"))
    if nip:
        person = await find_person(access, nip)
        if person is None:
            raise BadArgument("nip", f"no person with NIP {nip!r}", "NOT_FOUND", {"nip": nip})
        query = query.filter(plan__person_id=person.id)
    if agency:
        query = query.filter(plan__agency_id=(await agency_in_scope(access, agency)).id)
    last = (0, 0)
    while True:
        found = await query.filter(Q(plan_id__gt=last[0]) | Q(plan_id=last[0], position__gt=last[1])) \
            .order_by("plan_id", "position").limit(page).select_related("plan__person", "plan__agency")
        yield [ListedAction(a.plan.person.nip, a.plan.person.name, a.plan.agency.code, year, a.plan.status,
                            a.plan.required_period, a) for a in found]
        if len(found) < page:
            return
        last = (found[-1].plan_id, found[-1].position)
