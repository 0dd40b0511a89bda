"""myTasks: what awaits the signed-in viewer now, "Tugas saya" (services/tasks/awaiting.py)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Optional

import strawberry

from kinerja.graphql.context import Info
from kinerja.services.tasks import awaiting as service


@strawberry.enum(description="A kind of task: SELF_ASSESSMENT (the viewer's own, per open evaluation period), "
                             "MEASUREMENTS (the viewer's own targets of ended periods not yet measured), ASSESSMENTS "
                             "(supervisor assessments the viewer writes), RATINGS_TO_FINALIZE (assessed, not "
                             "finalized), SKPS_TO_APPROVE (submitted SKPs the viewer decides), OBJECTIONS_TO_DECIDE "
                             "(open objections the viewer decides), DEVELOPMENT_PLANS_TO_AGREE (development plans the "
                             "viewer agrees, as the employee or the assessing official), DEVELOPMENT_ACTIONS_TO_CONFIRM "
                             "(people with development actions done that the viewer confirms), "
                             "INDICATOR_DRAFTS_TO_APPROVE (ADMIN: submitted "
                             "drafts), INDICATOR_DRAFTS_TO_REWORK (an agency admin: its rejected drafts).")
class TaskKind(Enum):
    SELF_ASSESSMENT = strawberry.enum_value(
        service.SELF_ASSESSMENT, description="The viewer's own self-assessment: one per open evaluation period "
                                             "without it and not yet finalized.")
    MEASUREMENTS = strawberry.enum_value(
        service.MEASUREMENTS, description="The viewer's own targets without a measurement of a period that has "
                                          "ended (items: the targets).")
    ASSESSMENTS = strawberry.enum_value(
        service.ASSESSMENTS, description="The people whose supervisor assessment the viewer writes (as their "
                                         "assessing official, or ADMIN in place of a missing one).")
    RATINGS_TO_FINALIZE = strawberry.enum_value(
        service.RATINGS_TO_FINALIZE, description="The same people as ASSESSMENTS once their supervisor assessment "
                                                 "is written: their rating is not finalized yet.")
    SKPS_TO_APPROVE = strawberry.enum_value(
        service.SKPS_TO_APPROVE, description="SUBMITTED SKPs the viewer approves or returns (period null; cycle the "
                                             "SKP's).")
    OBJECTIONS_TO_DECIDE = strawberry.enum_value(
        service.OBJECTIONS_TO_DECIDE, description="Open objections (keberatan) the viewer decides (items name the "
                                                  "objection's id).")
    DEVELOPMENT_PLANS_TO_AGREE = strawberry.enum_value(
        service.DEVELOPMENT_PLANS_TO_AGREE, description="Development plans with actions, not yet agreed by the viewer: "
                                                        "its own, and those it agrees as the assessing official "
                                                        "(period null; cycle the plan's).")
    DEVELOPMENT_ACTIONS_TO_CONFIRM = strawberry.enum_value(
        service.DEVELOPMENT_ACTIONS_TO_CONFIRM, description="People with development actions done that the viewer "
                                                            "confirms as the assessing official (period null; cycle "
                                                            "the plan's).")
    INDICATOR_DRAFTS_TO_APPROVE = strawberry.enum_value(
        service.INDICATOR_DRAFTS_TO_APPROVE, description="ADMIN: SUBMITTED indicator drafts to approve or reject.")
    INDICATOR_DRAFTS_TO_REWORK = strawberry.enum_value(
        service.INDICATOR_DRAFTS_TO_REWORK, description="An agency admin: its agency's REJECTED indicator drafts to "
                                                        "rework.")


@strawberry.type(description="One thing to do. A person's task names the person (nip, name, position: never a "
                             "Person with its edges); a measurement its target (targetId, workResult, indicator); an "
                             "objection its id; an indicator draft its id, indicator code and agency.")
class TaskItem:
    period: Optional[str] = strawberry.field(description="The period it is about (YYYY, YYYY-Qn or YYYY-MM); null "
                                                         "for an SKP and an indicator draft.")
    cycle: Optional[int] = strawberry.field(description="The cycle's year; null for an indicator draft.")
    nip: Optional[str] = strawberry.field(description="The NIP of the person it is about; null for a measurement "
                                                      "and an indicator draft.")
    name: Optional[str] = strawberry.field(description="The name of the person it is about; null where nip is.")
    position: Optional[str] = strawberry.field(description="The position of the person it is about; null where nip "
                                                           "is.")
    objection_id: Optional[strawberry.ID] = strawberry.field(
        description="The objection to decide (OBJECTIONS_TO_DECIDE); null otherwise.")
    target_id: Optional[strawberry.ID] = strawberry.field(
        description="The target to measure (MEASUREMENTS); null otherwise.")
    work_result: Optional[str] = strawberry.field(description="The target's work result (MEASUREMENTS); null "
                                                              "otherwise.")
    indicator: Optional[str] = strawberry.field(description="The indicator's full code (AGENCY.CODE).")
    indicator_name: Optional[str] = strawberry.field(description="The target's indicator's name (MEASUREMENTS); "
                                                                 "null otherwise.")
    draft_id: Optional[int] = strawberry.field(description="The indicator draft's id (the indicator-draft kinds); "
                                                           "null otherwise.")
    agency: Optional[str] = strawberry.field(description="An indicator draft's agency code.")
    agency_name: Optional[str] = strawberry.field(description="An indicator draft's agency name; null otherwise.")

    @classmethod
    def of(cls, item: service.TaskItem) -> "TaskItem":
        return cls(period=item.period, cycle=item.cycle, nip=item.nip, name=item.name, position=item.position,
                   objection_id=strawberry.ID(str(item.objection_id)) if item.objection_id is not None else None,
                   target_id=strawberry.ID(str(item.target_id)) if item.target_id is not None else None,
                   work_result=item.work_result, indicator=item.indicator, indicator_name=item.indicator_name,
                   draft_id=item.draft_id, agency=item.agency, agency_name=item.agency_name)


@strawberry.type(description="Tasks of one kind about one period (or one cycle's SKPs, or no period: indicator "
                             "drafts): how many, and the first 20.")
class TaskGroup:
    kind: TaskKind = strawberry.field(description="What there is to do.")
    period: Optional[str] = strawberry.field(description="The period it is about (YYYY, YYYY-Qn, YYYY-MM); null for "
                                                         "SKPs (see cycle) and indicator drafts.")
    cycle: Optional[int] = strawberry.field(description="The cycle's year; null for indicator drafts.")
    count: int = strawberry.field(description="How many in all (items holds the first 20).")
    items: list[TaskItem] = strawberry.field(description="The first 20: people by name, targets by id, drafts "
                                                         "oldest first.")


@strawberry.type(description="What awaits the signed-in viewer now, from the platform's date.")
class MyTasks:
    today: dt.date = strawberry.field(description="The platform's date the tasks are counted on.")
    total: int = strawberry.field(description="Every task of every group.")
    groups: list[TaskGroup] = strawberry.field(description="By kind, then oldest period first; kinds with nothing "
                                                           "to do are left out.")


@strawberry.type
class Query:
    @strawberry.field(description="What awaits the signed-in viewer now (\"Tugas saya\"): the self-assessment and "
                                  "measurements due, the assessments to write, ratings to finalize, SKPs to approve, "
                                  "objections to decide and indicator drafts, each with its count and first items. "
                                  "Only the viewer's own tasks.")
    async def my_tasks(self, info: Info) -> MyTasks:
        found = await service.my_tasks(info.context.access)
        return MyTasks(today=found.today, total=found.total, groups=[
            TaskGroup(kind=TaskKind(g.kind), period=g.period, cycle=g.cycle, count=g.count,
                      items=[TaskItem.of(i) for i in g.items]) for g in found.groups])
