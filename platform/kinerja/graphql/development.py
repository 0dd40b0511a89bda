"""Rencana pengembangan kompetensi: developmentPlan, saveDevelopmentPlan, agreeDevelopmentPlan,
completeDevelopmentAction, confirmDevelopmentAction, Person.developmentHours and developmentHours
(services/evaluation/development.py, development_hours.py)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Optional

import strawberry

from kinerja import models
from kinerja.graphql.context import Info
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.graphql.inputs import input_id, parse_id
from kinerja.graphql.officials import Official
from kinerja.services.evaluation import development as service
from kinerja.services.evaluation import development_hours as hours_service


@strawberry.enum(description="Where a development plan stands.")
class DevelopmentPlanStatus(Enum):
    DRAFT = strawberry.enum_value("DRAFT", description="Being written: the employee and the supervisor change it; "
                                                       "each agreement holds until the next save.")
    AGREED = strawberry.enum_value("AGREED", description="Agreed by the employee and the assessing official; its "
                                                         "actions are completed and confirmed. A save makes it a "
                                                         "DRAFT again.")


@strawberry.enum(description="What a development action is (forms of competency development, PP 17/2020).")
class DevelopmentActionKind(Enum):
    TRAINING = strawberry.enum_value("TRAINING", description="Training, technical guidance (bimtek) or a course.")
    COACHING = strawberry.enum_value("COACHING", description="Coaching or counselling, mostly by the supervisor.")
    MENTORING = strawberry.enum_value("MENTORING", description="Mentoring by a senior colleague.")
    ASSIGNMENT = strawberry.enum_value("ASSIGNMENT", description="A job assignment: a project, a secondment, a "
                                                                 "task outside the usual work.")
    SELF_STUDY = strawberry.enum_value("SELF_STUDY", description="Self-study, e-learning.")
    OTHER = strawberry.enum_value("OTHER", description="Free text: a recommendation of the rating (the "
                                                       "kinerja_recommendations hook) or anything else.")


@strawberry.enum(description="Where a development action stands.")
class DevelopmentActionStatus(Enum):
    PLANNED = strawberry.enum_value("PLANNED", description="On the plan, not yet done.")
    DONE = strawberry.enum_value("DONE", description="Done, with its evidence; awaiting the assessing official's "
                                                     "confirmation (its hours do not count yet).")
    CONFIRMED = strawberry.enum_value("CONFIRMED", description="Confirmed by the assessing official: its hours count "
                                                               "towards the year's minimum.")


@strawberry.enum(description="Where a development action came from.")
class DevelopmentActionSource(Enum):
    PROPOSED = strawberry.enum_value("PROPOSED", description="Proposed after a rating by the "
                                                             "kinerja_development_actions hook.")
    RECOMMENDATION = strawberry.enum_value("RECOMMENDATION", description="A recommendation sentence of a rating "
                                                                         "(kinerja_recommendations).")
    WRITTEN = strawberry.enum_value("WRITTEN", description="Written on the plan by the employee, the supervisor or "
                                                           "ADMIN.")


@strawberry.type(description="An action of a development plan.")
class DevelopmentAction:
    model: strawberry.Private[models.DevelopmentAction]
    person: strawberry.Private[models.Person]
    plan_status: strawberry.Private[str]
    id: strawberry.ID = strawberry.field(description="The action's id (its audit trail: entity "
                                                     "`development_action`).")
    position: int = strawberry.field(description="Its place on the plan, from 1.")
    kind: DevelopmentActionKind = strawberry.field(description="What it is.")
    title: str = strawberry.field(description=f"What is to be done, at most {service.TITLE_MAX} characters.")
    competency: Optional[str] = strawberry.field(description="The competency it develops; null when not named.")
    planned_hours: int = strawberry.field(description=f"Planned hours in JP (jam pelajaran), 0 to "
                                                      f"{service.HOURS_MAX}.")
    due: Optional[dt.date] = strawberry.field(description="When it is due; null: no date.")
    responsible: Optional[str] = strawberry.field(description="Who is responsible for it (e.g. the direct "
                                                              "supervisor, BKPSDM); null when not named.")
    source: DevelopmentActionSource = strawberry.field(description="Where it came from.")
    source_period: Optional[str] = strawberry.field(description="The period of the rating that proposed it; null "
                                                                "for a written one.")
    status: DevelopmentActionStatus = strawberry.field(description="PLANNED, DONE (awaiting confirmation) or "
                                                                   "CONFIRMED.")
    hours_done: Optional[int] = strawberry.field(description="Hours done in JP, as the employee recorded them; null "
                                                             "while PLANNED.")
    completed_on: Optional[dt.date] = strawberry.field(description="The day it was completed; null while PLANNED.")
    evidence_number: Optional[str] = strawberry.field(description="The evidence's number (a certificate's); null "
                                                                  "when none was given.")
    evidence_url: Optional[str] = strawberry.field(description="A link to the evidence (http or https); null when "
                                                               "none was given.")
    confirmed_at: Optional[dt.datetime] = strawberry.field(description="When the assessing official confirmed it; "
                                                                       "null until then.")

    @classmethod
    def of(cls, m: models.DevelopmentAction, person: models.Person, plan_status: str) -> "DevelopmentAction":
        return cls(model=m, person=person, plan_status=plan_status,
                   id=strawberry.ID(str(m.id)), position=m.position, kind=DevelopmentActionKind(m.kind),
                   title=m.title, competency=m.competency, planned_hours=m.planned_hours, due=m.due,
                   responsible=m.responsible, source=DevelopmentActionSource(m.source), source_period=m.source_period,
                   status=DevelopmentActionStatus(m.status), hours_done=m.hours_done, completed_on=m.completed_on,
                   evidence_number=m.evidence_number, evidence_url=m.evidence_url, confirmed_at=m.confirmed_at)

    @strawberry.field(description="Whether the viewer may complete it now: the employee, on an AGREED plan, while it "
                                  "is not CONFIRMED.")
    def may_complete(self, info: Info) -> bool:
        return service.may_complete(info.context.access, self.person, self.plan_status, self.model)

    @strawberry.field(description="Whether the viewer may confirm it now: the assessing official, while it is DONE.")
    def may_confirm(self, info: Info) -> bool:
        return service.may_confirm(info.context.access, self.person, self.model)


@strawberry.type(description="A person's development plan (rencana pengembangan kompetensi) of a cycle. A person "
                             "without one reads as an empty DRAFT at version 0.")
class DevelopmentPlan:
    plan: strawberry.Private[service.Plan]
    nip: str = strawberry.field(description="The person's NIP.")
    name: str = strawberry.field(description="The person's name.")
    cycle: int = strawberry.field(description="The cycle's year.")
    status: DevelopmentPlanStatus = strawberry.field(description="DRAFT or AGREED.")
    version: int = strawberry.field(description="Its version: every write adds one (0: not started). Send it back "
                                                "with a change; another number is the error STALE_VERSION.")
    required_by: Optional[str] = strawberry.field(
        description="The period of the rating of BUTUH_PERBAIKAN or worse that requires this plan AGREED before the "
                    "person's next rating is finalized; null when no rating requires it.")
    employee_agreed: bool = strawberry.field(description="The employee has agreed to this version.")
    official_agreed: bool = strawberry.field(description="The assessing official has agreed to this version.")
    employee_agreed_at: Optional[dt.datetime] = strawberry.field(
        description="When the employee agreed to this version; null until then.")
    official_agreed_at: Optional[dt.datetime] = strawberry.field(
        description="When the assessing official agreed to this version; null until then.")
    actions: list[DevelopmentAction] = strawberry.field(description=f"Its actions in order (at most "
                                                                    f"{service.ACTIONS_MAX}).")

    @classmethod
    def of(cls, found: service.Plan) -> "DevelopmentPlan":
        plan = found.plan
        status = plan.status if plan else "DRAFT"
        return cls(plan=found, nip=found.person.nip, name=found.person.name, cycle=found.cycle.year,
                   status=DevelopmentPlanStatus(status), version=plan.version if plan else 0,
                   required_by=plan.required_period if plan else None,
                   employee_agreed=bool(plan and plan.employee_agreed_at),
                   official_agreed=bool(plan and plan.official_agreed_at),
                   employee_agreed_at=plan.employee_agreed_at if plan else None,
                   official_agreed_at=plan.official_agreed_at if plan else None,
                   actions=[DevelopmentAction.of(a, found.person, status) for a in found.actions])

    @strawberry.field(description="Who agreed to this version as the assessing official (the direct supervisor, an "
                                  "acting official, or an administrator signed in as a person), by name, NIP and "
                                  "position; null until then, or when an administrator's API token agreed.")
    async def official_agreed_by(self) -> Optional[Official]:
        found = await service.agreeing_official(self.plan.plan)
        return Official(nip=found.nip, name=found.name, position=found.position) if found else None

    @strawberry.field(description="Planned hours of its actions together, in JP.")
    def planned_hours(self) -> int:
        return sum(a.planned_hours for a in self.plan.actions)

    @strawberry.field(description="Hours of its confirmed actions together, in JP.")
    def confirmed_hours(self) -> int:
        return sum(a.hours_done or 0 for a in self.plan.actions if a.status == "CONFIRMED")

    @strawberry.field(description="Whether the viewer may change it: the person, their direct supervisor or ADMIN.")
    def may_edit(self, info: Info) -> bool:
        return info.context.access.may_edit_skp(self.plan.person)

    @strawberry.field(description="Whether the viewer may agree to it now: the person or the assessing official, "
                                  "each once per version, on a plan with actions that is not AGREED yet.")
    def may_agree(self, info: Info) -> bool:
        return service.may_agree(info.context.access, self.plan)


@strawberry.type(description="A person's development hours (JP) in a year against the minimum (PP 17/2020: at least "
                             "20 JP a year; KINERJA_MIN_DEVELOPMENT_HOURS).")
class DevelopmentHours:
    year: int = strawberry.field(description="The calendar year.")
    done: int = strawberry.field(description="Hours of the actions completed in the year and confirmed: what counts "
                                             "towards the minimum.")
    awaiting: int = strawberry.field(description="Hours of the actions completed in the year that await the "
                                                 "assessing official's confirmation.")
    planned: int = strawberry.field(description="Planned hours of the actions not yet completed on the plan of the "
                                                "year's cycle.")
    minimum: int = strawberry.field(description="The hours a year every employee is to have.")
    met: bool = strawberry.field(description="`done` reaches `minimum`.")

    @classmethod
    def of(cls, h: hours_service.Hours) -> "DevelopmentHours":
        return cls(year=h.year, done=h.done, awaiting=h.awaiting, planned=h.planned, minimum=h.minimum, met=h.met)


@strawberry.type(description="An agency's development hours in a year: its people in service now and how many have "
                             "the minimum done.")
class DevelopmentHoursSummary:
    agency: str = strawberry.field(description="The agency's code.")
    year: int = strawberry.field(description="The calendar year.")
    minimum: int = strawberry.field(description="The hours a year every employee is to have.")
    people: int = strawberry.field(description="People of the agency in service now.")
    met: int = strawberry.field(description="Of them, those with at least the minimum done and confirmed.")
    below: int = strawberry.field(description="Of them, those below the minimum.")
    done: int = strawberry.field(description="Their confirmed hours together.")


@strawberry.input(description="One action of a saved plan, in the plan's order.")
class DevelopmentActionInput:
    id: Optional[strawberry.ID] = strawberry.field(default=None, description="An action already on the plan (kept, "
                                                                             "changed while PLANNED); null: a new "
                                                                             "one. A PLANNED action not listed is "
                                                                             "removed; a completed one must be "
                                                                             "listed unchanged.")
    kind: DevelopmentActionKind = strawberry.field(description="What it is.")
    title: str = strawberry.field(description=f"What is to be done: required, trimmed, at most {service.TITLE_MAX} "
                                              f"characters.")
    competency: Optional[str] = strawberry.field(default=None, description=f"The competency it develops, at most "
                                                                           f"{service.COMPETENCY_MAX} characters.")
    planned_hours: int = strawberry.field(default=0, description=f"Planned hours in JP, 0 to {service.HOURS_MAX} "
                                                                 f"(else OUT_OF_RANGE).")
    due: Optional[dt.date] = strawberry.field(default=None, description="When it is due; null: no date.")
    responsible: Optional[str] = strawberry.field(default=None, description=f"Who is responsible, at most "
                                                                            f"{service.RESPONSIBLE_MAX} characters.")


@strawberry.input(description="An action's completion: what was done and its evidence.")
class DevelopmentCompletionInput:
    action: strawberry.ID = strawberry.field(description="The action's id.")
    version: int = strawberry.field(description="The plan's version as read (STALE_VERSION otherwise).")
    hours_done: int = strawberry.field(description=f"Hours done in JP, 0 to {service.HOURS_MAX} (else "
                                                   f"OUT_OF_RANGE).")
    completed_on: dt.date = strawberry.field(description="The day it was completed: not after today "
                                                         "(DATE_IN_FUTURE).")
    evidence_number: Optional[str] = strawberry.field(default=None, description=f"The evidence's number (a "
                                                                                f"certificate's), at most "
                                                                                f"{service.EVIDENCE_NUMBER_MAX}.")
    evidence_url: Optional[str] = strawberry.field(default=None, description="A link to the evidence: http:// or "
                                                                             "https:// (else INVALID_URL).")


@strawberry.type(description="The answer of saveDevelopmentPlan and agreeDevelopmentPlan: the plan after the change, "
                             "or the problems.")
class DevelopmentPlanPayload:
    plan: Optional[DevelopmentPlan] = strawberry.field(description="The plan after the change; null when nothing "
                                                                   "was written.")
    errors: list[UserError] = strawberry.field(description="Typed problems (path, code, message), a refusal "
                                                           "(FORBIDDEN) among them, when nothing was written; empty on "
                                                           "success.")


@strawberry.type(description="The answer of completeDevelopmentAction and confirmDevelopmentAction: the plan after "
                             "the change, or the problems.")
class DevelopmentActionPayload:
    plan: Optional[DevelopmentPlan] = strawberry.field(description="The plan after the change; null when nothing "
                                                                   "was written.")
    errors: list[UserError] = strawberry.field(description="Typed problems (path, code, message), a refusal "
                                                           "(FORBIDDEN) among them, when nothing was written; empty on "
                                                           "success.")


NIP_HELP = "The person's NIP (spaces and dots ignored); one the viewer does not see is NOT_FOUND."
CYCLE_HELP = "The cycle's year."


async def _plan_of(info: Info, nip: str, year: int) -> DevelopmentPlan:
    found = await service.get_plan(info.context.access, nip, year)
    assert found is not None  # the write has just found it
    return DevelopmentPlan.of(found)


async def _plan_of_action(info: Info, action_id: int) -> DevelopmentPlan:
    action = await models.DevelopmentAction.get(id=action_id).select_related("plan__person", "plan__cycle")
    return await _plan_of(info, action.plan.person.nip, action.plan.cycle.year)


@strawberry.type
class Query:
    @strawberry.field(description="A person's development plan of a cycle, for whoever sees the person (an empty "
                                  "DRAFT at version 0 when none is started); null when the viewer does not see the "
                                  "person or there is no such cycle.")
    async def development_plan(
        self, info: Info,
        nip: Annotated[str, strawberry.argument(description=NIP_HELP)],
        cycle: Annotated[int, strawberry.argument(description=CYCLE_HELP)],
    ) -> Optional[DevelopmentPlan]:
        found = await service.get_plan(info.context.access, nip, cycle)
        return DevelopmentPlan.of(found) if found else None

    @strawberry.field(description="An agency's development hours in a year: ADMIN any agency, an agency admin its "
                                  "own (another, or an unknown code, is NOT_FOUND). Each person's: "
                                  "`people(filter: {agency}) { edges { node { developmentHours(year) } } }`.")
    async def development_hours(
        self, info: Info,
        agency: Annotated[str, strawberry.argument(description="The agency's code.")],
        year: Annotated[int, strawberry.argument(description="The calendar year, 1900 to 9999.")],
    ) -> DevelopmentHoursSummary:
        ctx = info.context
        found = await hours_service.summary(ctx.access, agency, year, ctx.settings.min_development_hours)
        return DevelopmentHoursSummary(agency=found.agency, year=found.year, minimum=found.minimum,
                                       people=found.people, met=found.met, below=found.people - found.met,
                                       done=found.done)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Save a development plan's actions as listed, in that order (the person, their "
                                     "direct supervisor or ADMIN). The plan becomes a DRAFT and every agreement is "
                                     "cleared.")
    @handle_errors(refusals=True)
    async def save_development_plan(
        self, info: Info,
        nip: Annotated[str, strawberry.argument(description=NIP_HELP)],
        cycle: Annotated[int, strawberry.argument(description=CYCLE_HELP)],
        version: Annotated[int, strawberry.argument(description="The plan's version as read (0 for a plan not "
                                                                "started); another is STALE_VERSION.")],
        actions: Annotated[list[DevelopmentActionInput], strawberry.argument(
            description=f"Every action of the plan, in order: at most {service.ACTIONS_MAX}.")],
    ) -> DevelopmentPlanPayload:
        data = [service.ActionData(kind=a.kind.value, title=a.title, competency=a.competency,
                                   planned_hours=a.planned_hours, due=a.due, responsible=a.responsible,
                                   id=input_id(a.id, ("actions", str(i), "id"))) for i, a in enumerate(actions)]
        done = await service.save_plan(info.context.access, nip, cycle, version, data)
        return DevelopmentPlanPayload(plan=DevelopmentPlan.of(done), errors=[])

    @strawberry.mutation(description="Agree to a development plan as read: the person for themselves, the assessing "
                                     "official for the agency. AGREED once both have agreed to the same version.")
    @handle_errors(refusals=True)
    async def agree_development_plan(
        self, info: Info,
        nip: Annotated[str, strawberry.argument(description=NIP_HELP)],
        cycle: Annotated[int, strawberry.argument(description=CYCLE_HELP)],
        version: Annotated[int, strawberry.argument(description="The plan's version as read; another is "
                                                                "STALE_VERSION.")],
    ) -> DevelopmentPlanPayload:
        done = await service.agree_plan(info.context.access, nip, cycle, version)
        return DevelopmentPlanPayload(plan=DevelopmentPlan.of(done), errors=[])

    @strawberry.mutation(description="The person records an action of their AGREED plan as done, with its "
                                     "evidence; again while it awaits confirmation.")
    @handle_errors(refusals=True)
    async def complete_development_action(
        self, info: Info,
        input: Annotated[DevelopmentCompletionInput, strawberry.argument(description="The action and its "
                                                                                     "evidence.")],
    ) -> DevelopmentActionPayload:
        action = parse_id(input.action) or 0  # an id no row has: NOT_FOUND, after the evidence's own problems
        await service.complete_action(info.context.access, action, input.version, service.Evidence(
            hours_done=input.hours_done, completed_on=input.completed_on, number=input.evidence_number,
            url=input.evidence_url))
        return DevelopmentActionPayload(plan=await _plan_of_action(info, action), errors=[])

    @strawberry.mutation(description="The assessing official confirms a DONE action: its hours count from then on.")
    @handle_errors(refusals=True)
    async def confirm_development_action(
        self, info: Info,
        action: Annotated[strawberry.ID, strawberry.argument(description="The action's id.")],
        version: Annotated[int, strawberry.argument(description="The plan's version as read; another is "
                                                                "STALE_VERSION.")],
    ) -> DevelopmentActionPayload:
        found = input_id(action, ("action",))
        await service.confirm_action(info.context.access, found, version)
        return DevelopmentActionPayload(plan=await _plan_of_action(info, found), errors=[])
