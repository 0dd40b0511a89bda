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
                             "(open objections the viewer decides), INDICATOR_DRAFTS_TO_APPROVE (ADMIN: submitted "
                             "drafts), INDICATOR_DRAFTS_TO_REWORK (an agency admin: its rejected drafts).")
class TaskKind(Enum):
    SELF_ASSESSMENT = service.SELF_ASSESSMENT
    MEASUREMENTS = service.MEASUREMENTS
    ASSESSMENTS = service.ASSESSMENTS
    RATINGS_TO_FINALIZE = service.RATINGS_TO_FINALIZE
    SKPS_TO_APPROVE = service.SKPS_TO_APPROVE
    OBJECTIONS_TO_DECIDE = service.OBJECTIONS_TO_DECIDE
    INDICATOR_DRAFTS_TO_APPROVE = service.INDICATOR_DRAFTS_TO_APPROVE
    INDICATOR_DRAFTS_TO_REWORK = service.INDICATOR_DRAFTS_TO_REWORK


@strawberry.type(description="One thing to do. A person's task names the person (nip, name, position: never a "
                             "Person with its edges); a measurement its target (targetId, workResult, indicator); an "
                             "objection its id; an indicator draft its id, indicator code and agency.")
class TaskItem:
    period: Optional[str]
    cycle: Optional[int]
    nip: Optional[str]
    name: Optional[str]
    position: Optional[str]
    objection_id: Optional[strawberry.ID]
    target_id: Optional[strawberry.ID]
    work_result: Optional[str]
    indicator: Optional[str] = strawberry.field(description="The indicator's full code (AGENCY.CODE).")
    indicator_name: Optional[str]
    draft_id: Optional[int]
    agency: Optional[str] = strawberry.field(description="An indicator draft's agency code.")
    agency_name: Optional[str]

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
    kind: TaskKind
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
