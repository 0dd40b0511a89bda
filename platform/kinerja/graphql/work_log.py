"""Through the year: the work log (logWork, workLog), continuous performance feedback (givePerformanceFeedback,
answerPerformanceFeedback, performanceFeedback) and monitoring (skpMonitoring, monitoringPeople)."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Annotated, Optional

import strawberry

from kinerja.graphql import cost
from kinerja.graphql.context import Info
from kinerja.graphql.enums import MonitoringFact, MonitoringGap
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.graphql.inputs import bulk_input, input_id
from kinerja.graphql.pagination import decode_name_id_cursor, encode_cursor
from kinerja.graphql.people import Person
from kinerja.services.core import clock
from kinerja.services.skp import monitoring as monitoring_service
from kinerja.services.skp import performance_feedback as feedback_service
from kinerja.services.skp import work_log as service


# -- the work log --------------------------------------------------------------------------------------------------

@strawberry.type(description="A work-log entry (catatan kinerja): what a person did on a day, for an RHK.")
class WorkLogEntry:
    id: strawberry.ID
    nip: str
    day: dt.date
    item_key: Optional[str] = strawberry.field(description="The RHK it serves (its key in the person's SKP).")
    text: str
    minutes: int
    evidence_url: Optional[str]
    recorded_by: str
    recorded_at: dt.datetime
    cursor: str = strawberry.field(description="Give it as workLog's `after` for the entries after this one.")

    @classmethod
    def from_entry(cls, e: service.StoredEntry) -> "WorkLogEntry":
        return cls(id=strawberry.ID(str(e.id)), nip=e.nip, day=e.day, item_key=e.item_key, text=e.text,
                   minutes=e.minutes, evidence_url=e.evidence_url, recorded_by=e.recorded_by,
                   recorded_at=e.recorded_at, cursor=_day_cursor(e.day, e.id))


def _day_cursor(day: dt.date, entry_id: int) -> str:
    """encode_cursor(day ISO text, id), written out: a batch answers 500 of them."""
    raw = f'["{day.isoformat()}",{int(entry_id)}]'.encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


@bulk_input
class WorkLogInput:
    nip: str
    day: dt.date
    text: str
    minutes: int
    item_key: Optional[str] = None
    evidence_url: Optional[str] = None


@strawberry.type
class WorkLogPayload:
    entries: list[WorkLogEntry]
    errors: list[UserError]


# -- feedback ------------------------------------------------------------------------------------------------------

@strawberry.type(description="Continuous performance feedback (umpan balik berkelanjutan) and the person's answer.")
class PerformanceFeedback:
    id: strawberry.ID
    nip: str = strawberry.field(description="The person the feedback is about.")
    period: str
    item_key: Optional[str]
    work_log_entry: Optional[strawberry.ID] = strawberry.field(description="The work-log entry it is about.")
    given_by: Optional[str] = strawberry.field(description="NIP of who gave it (null: ADMIN with no person).")
    given_by_name: Optional[str]
    text: str
    given_on: dt.date
    answer: Optional[str]
    answered_at: Optional[dt.datetime]

    @classmethod
    def from_view(cls, f: feedback_service.FeedbackView) -> "PerformanceFeedback":
        return cls(id=strawberry.ID(str(f.id)), nip=f.nip, period=f.period, item_key=f.item_key,
                   work_log_entry=strawberry.ID(str(f.work_log_entry)) if f.work_log_entry else None,
                   given_by=f.given_by_nip, given_by_name=f.given_by_name, text=f.text, given_on=f.given_on,
                   answer=f.answer, answered_at=f.answered_at)


@strawberry.input
class PerformanceFeedbackInput:
    nip: str
    period: str = strawberry.field(description="A period of the cycle: 2025-Q2, 2025-05 or 2025.")
    text: str
    item_key: Optional[str] = None
    work_log_entry: Optional[strawberry.ID] = None


@strawberry.type
class PerformanceFeedbackPayload:
    feedback: Optional[PerformanceFeedback]
    errors: list[UserError]


# -- monitoring ----------------------------------------------------------------------------------------------------

@strawberry.type(description="Counts of one agency (unit null: all of it) or one of its units. The people behind "
                              "each count: monitoringPeople(has:) with the fact named after the field.")
class MonitoringRow:
    agency: str
    unit: Optional[str]
    people: int = strawberry.field(description="The headcount: the people in scope where they are today.")
    approved_skp: int = strawberry.field(description="People whose SKP of the cycle has an approved revision.")
    logged_last_7_days: int = strawberry.field(description="People with a work-log entry in the 7 days to today.")
    logged_last_30_days: int
    had_feedback: int = strawberry.field(description="People who had feedback in the period (or the cycle).")
    self_assessed: int = strawberry.field(description="People who assessed themselves in `evaluationPeriod`.")
    supervisor_assessed: int = strawberry.field(
        description="People assessed by their assessing official (or ADMIN in their place) in `evaluationPeriod`.")
    finalized: int = strawberry.field(description="People whose rating of `evaluationPeriod` is finalized.")
    objections_open: int = strawberry.field(
        description="People whose objection (keberatan) to that rating still awaits the superior's decision.")
    evaluation_period: str = strawberry.field(
        description="The period the assessments, ratings and objections are counted in: `period`, or the year when "
                    "`period` is not given or is the year's last quarter or month (they are one evaluation, "
                    "Triwulan IV / Akhir Tahun).")


@strawberry.type(description="A person monitoringPeople lists.")
class MonitoredPerson:
    id: strawberry.Private[int]
    nip: str
    name: str
    position: str
    agency: str
    agency_name: str
    unit: Optional[str]
    unit_name: Optional[str]
    cursor: str

    @strawberry.field
    async def person(self, info: Info) -> Optional[Person]:
        found = await info.context.loaders.person.load(self.id)
        return Person.from_model(found) if found else None


PAGE = ("Entries a page (1 to 100, default 50); the next page starts after the last one's `cursor`.")
MONITORING_PERIOD = ("A period of the cycle: the feedback counted, and the evaluation period of the assessments, "
                     "ratings and objections (the year for its last quarter or month). Not given: feedback of the "
                     "whole cycle, the year's evaluation.")
FEEDBACK_PAGE = ("Most items to answer (1 to 500, default 100); more feedback than that is the error LIST_TOO_LONG, "
                 "never cut short.")


def _position(after: Optional[str]) -> Optional[tuple[str, int]]:
    return decode_name_id_cursor(after)


@strawberry.type
class Query:
    @strawberry.field(description="The platform's today (KINERJA_TODAY when pinned): the console's weeks and periods "
                                  "start from it.")
    def today(self, info: Info) -> dt.date:
        _ = info.context.access  # signed-in only (UNAUTHENTICATED otherwise), as every other field
        return clock.today()

    @strawberry.field(description="A person's work log from `from` to `to` (at most 366 days), newest first. For the "
                                  "person, their supervisor, their agency's admin and ADMIN.")
    async def work_log(
        self, info: Info, nip: str, from_: Annotated[dt.date, strawberry.argument(name="from")], to: dt.date,
        first: Annotated[Optional[int], strawberry.argument(description=PAGE)] = 50,
        after: Optional[str] = None,
    ) -> list[WorkLogEntry]:
        size = cost.first_of("Query.workLog", first, info.context.settings.max_page_size)
        rows = await service.work_log(info.context.access, nip, from_, to, size, _position(after))
        return [WorkLogEntry.from_entry(e) for e in rows[:size]]

    @strawberry.field(description="The feedback a person received in a period, oldest first; scoped as the work log.")
    async def performance_feedback(
        self, info: Info, nip: str, period: str,
        first: Annotated[Optional[int], strawberry.argument(description=FEEDBACK_PAGE)] = 100,
    ) -> list[PerformanceFeedback]:
        size = cost.first_of("Query.performanceFeedback", first, info.context.settings.max_page_size)
        rows = await feedback_service.feedback_of(info.context.access, nip, period, size)
        return [PerformanceFeedback.from_view(f) for f in rows]  # one more than asked: LIST_TOO_LONG

    @strawberry.field(description="Per agency (or an agency's units): the headcount, approved SKPs, work logged in "
                                  "the last 7 and 30 days, feedback in the period, and in the evaluation period "
                                  "self-assessed, assessed, finalized and objections open. ADMIN any agency, an "
                                  "agency admin its own, a supervisor its direct subordinates.")
    async def skp_monitoring(
        self, info: Info, cycle: int, agency: Optional[str] = None, unit: Optional[str] = None,
        period: Annotated[Optional[str], strawberry.argument(description=MONITORING_PERIOD)] = None,
    ) -> list[MonitoringRow]:
        rows = await monitoring_service.monitoring(info.context.access, agency, unit, cycle, period)
        return [MonitoringRow(agency=r.agency, unit=r.unit, people=r.people, approved_skp=r.approved_skp,
                              logged_last_7_days=r.logged_7_days, logged_last_30_days=r.logged_30_days,
                              had_feedback=r.had_feedback, self_assessed=r.self_assessed,
                              supervisor_assessed=r.supervisor_assessed, finalized=r.finalized,
                              objections_open=r.objections_open, evaluation_period=r.evaluation_period)
                for r in rows]

    @strawberry.field(description="The people in scope lacking `missing`, or having `has` (the people behind a count "
                                  "of skpMonitoring): exactly one of the two. By name; scoped as skpMonitoring. "
                                  "Every page as CSV: GET /monitoring/people.csv with the same arguments.")
    async def monitoring_people(
        self, info: Info, cycle: int,
        missing: Annotated[Optional[MonitoringGap], strawberry.argument(
            description="The people lacking this (OBJECTION_OPEN: having one open).")] = None,
        has: Annotated[Optional[MonitoringFact], strawberry.argument(
            description="The people having this: the people behind that count of skpMonitoring.")] = None,
        agency: Optional[str] = None, unit: Optional[str] = None,
        period: Annotated[Optional[str], strawberry.argument(description=MONITORING_PERIOD)] = None,
        first: Annotated[Optional[int], strawberry.argument(description=PAGE.replace("Entries", "People"))] = 50,
        after: Optional[str] = None,
    ) -> list[MonitoredPerson]:
        size = cost.first_of("Query.monitoringPeople", first, info.context.settings.max_page_size)
        rows = await monitoring_service.monitoring_people(
            info.context.access, agency, unit, cycle, missing.value if missing else None, size, _position(after),
            period, has.value if has else None)
        return [MonitoredPerson(id=r.id, nip=r.nip, name=r.name, position=r.position, agency=r.agency,
                                agency_name=r.agency_name, unit=r.unit, unit_name=r.unit_name,
                                cursor=encode_cursor(r.name, r.id)) for r in rows[:size]]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Up to 500 work-log entries, all or nothing: each the person's own (or ADMIN's), "
                                     "on a day up to today in a cycle that is PLANNING, ACTIVE or EVALUATION, at "
                                     "most 24 hours a person a day.")
    @handle_errors
    async def log_work(self, info: Info, input: list[WorkLogInput]) -> WorkLogPayload:
        entries = [service.WorkLogData(nip=i.nip, day=i.day, text=i.text, minutes=i.minutes, item_key=i.item_key,
                                       evidence_url=i.evidence_url) for i in input]
        saved = await service.log_work(info.context.access, entries)
        return WorkLogPayload(entries=[WorkLogEntry.from_entry(e) for e in saved], errors=[])

    @strawberry.mutation(description="By the person's direct supervisor, ADMIN, or (KINERJA_PEER_FEEDBACK) a "
                                     "colleague of the same unit.")
    @handle_errors
    async def give_performance_feedback(self, info: Info, input: PerformanceFeedbackInput
                                        ) -> PerformanceFeedbackPayload:
        data = feedback_service.FeedbackData(
            nip=input.nip, period=input.period, text=input.text, item_key=input.item_key,
            work_log_entry=input_id(input.work_log_entry, ["input", "workLogEntry"]))
        saved = await feedback_service.give_feedback(info.context.access, data,
                                                     info.context.settings.peer_feedback)
        return PerformanceFeedbackPayload(feedback=PerformanceFeedback.from_view(saved), errors=[])

    @strawberry.mutation(description="The answer of the person the feedback is about, once.")
    @handle_errors
    async def answer_performance_feedback(self, info: Info, id: strawberry.ID, text: str
                                          ) -> PerformanceFeedbackPayload:
        saved = await feedback_service.answer_feedback(info.context.access, input_id(id, ["id"]), text)
        return PerformanceFeedbackPayload(feedback=PerformanceFeedback.from_view(saved), errors=[])
