"""The development actions a finalized rating proposes, and the plan it requires (docs/DOMAIN.md, "Development
plans").

Inside the finalization's transaction: the kinerja_development_actions hook's actions, then each
kinerja_recommendations sentence as an OTHER action, land on the person's plan of the rating's cycle after those
already there (the plan is made when there is none). A rating of BUTUH_PERBAIKAN or worse marks the plan required:
the person's next rating (any period that ends later) is not finalized until the plan is AGREED
(`required_plan_problem`). A rating finalized again after a reopen proposes nothing twice: actions already proposed
by that period are not repeated. Ratings finalized before this existed mark nothing, so they block nothing. The plan records the latest-ending low rating that requires it; a reopened one hands the requirement
back to the next latest still standing.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient

from kinerja.models import Cycle, DevelopmentAction, DevelopmentPlan, Person, Rating
from kinerja.plugins.values import PersonInfo, ProposedAction, RatingInfo
from kinerja.services.core import audit
from kinerja.services.core.errors import Problem
from kinerja.services.cycles import gate
from kinerja.services.evaluation import development

log = logging.getLogger("kinerja")

LOW = ("BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG")
DUE_MAX_DAYS = 730


def _accepted(item: ProposedAction, today: dt.date) -> development.ActionData | None:
    """A proposed action as the plan takes it; None (logged) for one it cannot take."""
    title = (item.title or "").strip()[:development.TITLE_MAX]
    hours = item.hours if isinstance(item.hours, int) else -1
    days = item.due_in_days
    if not title or not 0 <= hours <= development.HOURS_MAX or (
            days is not None and not (isinstance(days, int) and 1 <= days <= DUE_MAX_DAYS)):
        log.warning("a proposed development action was skipped (a blank title, hours outside 0-%d or days until due "
                    "outside 1-%d): %r", development.HOURS_MAX, DUE_MAX_DAYS, item)
        return None
    return development.ActionData(
        kind=item.kind.value, title=title, competency=(item.competency or "").strip()[:development.COMPETENCY_MAX]
        or None, planned_hours=hours, due=None if days is None else today + dt.timedelta(days=days),
        responsible=(item.responsible or "").strip()[:development.RESPONSIBLE_MAX] or None)


def proposals(catalog: Any, person: PersonInfo, rating: RatingInfo, today: dt.date
              ) -> list[tuple[development.ActionData, str]]:
    """(action, source) of every plugin's proposal, then every recommendation sentence; due dates from `today`."""
    out: list[tuple[development.ActionData, str]] = []
    for item in catalog.development_actions(person, rating):
        found = _accepted(item, today)
        if found is not None:
            out.append((found, "PROPOSED"))
    for sentence in catalog.recommendations(person, rating):
        text = sentence.strip()[:development.TITLE_MAX]
        if text:
            out.append((development.ActionData("OTHER", text), "RECOMMENDATION"))
    return out


async def propose(conn: BaseDBAsyncClient, actor: str, catalog: Any, person: Person, info: PersonInfo,
                  rating: Rating, rating_info: RatingInfo, cycle: Cycle, today: dt.date) -> list[audit.Change]:
    """The rating's proposals on the person's plan of `cycle` (and its requirement for a low predikat); the audit
    changes, for the caller to append with the rating's."""
    low = rating.predikat in LOW
    found = proposals(catalog, info, rating_info, today)
    if not found and not low:
        return []
    plan = await DevelopmentPlan.filter(person_id=person.id, cycle_id=cycle.id).using_db(conn) \
        .select_for_update().first()
    before = development.state(plan) if plan else None
    if plan is None:
        plan = await DevelopmentPlan.create(person_id=person.id, cycle_id=cycle.id, agency_id=person.agency_id,
                                            status="DRAFT", version=1, using_db=conn)
    existing = list(await DevelopmentAction.filter(plan_id=plan.id).using_db(conn))
    if any(a.source_period == rating.period for a in existing):
        found = []  # finalized again after a reopen: proposed once
    room = development.ACTIONS_MAX - len(existing)
    position = max((a.position for a in existing), default=0)
    added: list[DevelopmentAction] = []
    for data, source in found[:max(room, 0)]:
        position += 1
        added.append(await DevelopmentAction.create(
            plan_id=plan.id, position=position, kind=data.kind, title=data.title, competency=data.competency,
            planned_hours=data.planned_hours, due=data.due, responsible=data.responsible, source=source,
            source_period=rating.period, status="PLANNED", using_db=conn))
    if low and (plan.required_period is None
                or gate.last_day(rating.period) > gate.last_day(plan.required_period)):
        plan.required_period = rating.period  # the latest-ending low rating requires it
    if added and plan.status == "AGREED":  # new actions: the plan is agreed again
        plan.status = "DRAFT"
        plan.employee_agreed_at = plan.official_agreed_at = plan.official_agreed_by = None
    if added or low:
        plan.version += 1 if before else 0
        await plan.save(using_db=conn)
    return [audit.Change("development_plan.propose", "development_plan", f"{person.nip}/{cycle.year}", before,
                         {**development.state(plan), "period": rating.period,
                          "actions": [development.action_state(a) for a in added]})]


async def required_plan_problem(person_id: int, period: str, path: Sequence[str]) -> Problem | None:
    """A plan a low rating requires, not yet AGREED, blocks the rating of any later-ending period."""
    for plan in await DevelopmentPlan.filter(person_id=person_id, required_period__not_isnull=True) \
            .exclude(status="AGREED").select_related("cycle"):
        required = plan.required_period
        if required != period and gate.last_day(required) < gate.last_day(period):
            return Problem(tuple(path), "DEVELOPMENT_PLAN_REQUIRED",
                           f"the rating of {required} requires an agreed development plan (cycle {plan.cycle.year}) "
                           f"before the rating of {period} is finalized",
                           {"period": required, "period2": period, "year": plan.cycle.year})
    return None


async def release(conn: BaseDBAsyncClient, person_id: int, period: str) -> list[audit.Change]:
    """A reopened rating no longer requires its plan (a new finalization decides again); another low rating of the
    cycle finalized while the plan existed still does, the latest-ending of them."""
    changes: list[audit.Change] = []
    for plan in await DevelopmentPlan.filter(person_id=person_id, required_period=period).using_db(conn) \
            .select_related("person", "cycle"):
        before = development.state(plan)
        # finalized since the plan was made (the rating whose finalization made it, a moment before, included):
        # earlier ratings are from before plans were required
        since = plan.created_at - dt.timedelta(minutes=1)
        others = await Rating.filter(person_id=person_id, cycle_id=plan.cycle_id, predikat__in=LOW,
                                     finalized_at__gte=since).exclude(period=period) \
            .using_db(conn).values_list("period", flat=True)
        plan.required_period = max(others, key=gate.last_day, default=None)
        plan.version += 1  # every write adds one
        await plan.save(using_db=conn, update_fields=["required_period", "version", "updated_at"])
        changes.append(audit.Change("development_plan.release", "development_plan",
                                    f"{plan.person.nip}/{plan.cycle.year}", before, development.state(plan)))
    return changes
