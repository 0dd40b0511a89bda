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
from kinerja.graphql.pagination import (CONNECTION_AFTER, CONNECTION_DEFAULT, CONNECTION_FIRST, Connection,
                                        check_first, decode_name_id_cursor, encode_cursor, forward_page)
from kinerja.graphql.people import Person
from kinerja.services.core import clock
from kinerja.services.skp import monitoring as monitoring_service
from kinerja.services.skp import performance_feedback as feedback_service
from kinerja.services.skp import work_log as service


# -- the work log --------------------------------------------------------------------------------------------------

@strawberry.type(description="A work-log entry (catatan kinerja): what a person did on a day, for an RHK.")
class WorkLogEntry:
    id: strawberry.ID = strawberry.field(description="The entry's id (PerformanceFeedbackInput.workLogEntry).")
    nip: str = strawberry.field(description="The NIP of the person whose work it is.")
    day: dt.date = strawberry.field(description="The day the work was done (YYYY-MM-DD).")
    item_key: Optional[str] = strawberry.field(description="The RHK it serves (its key in the person's SKP).")
    text: str = strawberry.field(description="What was done.")
    minutes: int = strawberry.field(description="Time spent, in minutes (1 to 1,440).")
    evidence_url: Optional[str] = strawberry.field(description="An http(s) link to the evidence; null when none was "
                                                               "given.")
    recorded_by: str = strawberry.field(description="Who recorded it, as the audit trail names actors: nip:<NIP> for "
                                                    "a person, token:<id> for an API token.")
    recorded_at: dt.datetime = strawberry.field(description="When it was recorded (ISO 8601 date-time).")
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
    nip: str = strawberry.field(description="The NIP of the person whose work it is: the caller's own (ADMIN: "
                                            "anyone's).")
    day: dt.date = strawberry.field(description="The day of the work (YYYY-MM-DD): today or earlier, in a cycle "
                                                "that is PLANNING, ACTIVE or EVALUATION.")
    text: str = strawberry.field(description="What was done; not empty.")
    minutes: int = strawberry.field(description="Time spent, in whole minutes from 1 to 1,440; a person's entries "
                                                "of one day, stored and new, total at most 1,440.")
    item_key: Optional[str] = strawberry.field(
        default=None, description="The key of an RHK (R1, R2, ...) of any revision of the person's SKP of the day's "
                                  "cycle; null: no RHK.")
    evidence_url: Optional[str] = strawberry.field(default=None, description="An http:// or https:// link to the "
                                                                             "evidence; null: none.")


WorkLogInput.__strawberry_definition__.description = "One entry for logWork: what a person did on a day."


@strawberry.type(description="What logWork answers: the entries written, or the errors.")
class WorkLogPayload:
    entries: list[WorkLogEntry] = strawberry.field(description="The entries as stored, in the input's order; [] when "
                                                               "errors is not empty.")
    errors: list[UserError] = strawberry.field(description=(
        "Typed problems (path, code, message), e.g. DAY_IN_FUTURE, DAY_OVER_24_HOURS, FORBIDDEN; when there are any, "
        "nothing was written. Empty on success."))


# -- feedback ------------------------------------------------------------------------------------------------------

@strawberry.type(description="Continuous performance feedback (umpan balik berkelanjutan) and the person's answer.")
class PerformanceFeedback:
    id: strawberry.ID = strawberry.field(description="The feedback's id (answerPerformanceFeedback takes it).")
    nip: str = strawberry.field(description="The person the feedback is about.")
    period: str = strawberry.field(description="The period it was given in (YYYY, YYYY-Qn or YYYY-MM).")
    item_key: Optional[str] = strawberry.field(
        description="The key of the RHK it is about (given, or the work-log entry's); null: none.")
    work_log_entry: Optional[strawberry.ID] = strawberry.field(description="The work-log entry it is about.")
    given_by: Optional[str] = strawberry.field(description="NIP of who gave it (null: ADMIN with no person).")
    given_by_name: Optional[str] = strawberry.field(description="The name of who gave it (null: ADMIN with no "
                                                                "person).")
    text: str = strawberry.field(description="The feedback.")
    given_on: dt.date = strawberry.field(description="The platform's date it was given on (YYYY-MM-DD).")
    answer: Optional[str] = strawberry.field(description="The person's answer; null until answered (once).")
    answered_at: Optional[dt.datetime] = strawberry.field(
        description="When it was answered (ISO 8601 date-time); null until answered.")

    @classmethod
    def from_view(cls, f: feedback_service.FeedbackView) -> "PerformanceFeedback":
        return cls(id=strawberry.ID(str(f.id)), nip=f.nip, period=f.period, item_key=f.item_key,
                   work_log_entry=strawberry.ID(str(f.work_log_entry)) if f.work_log_entry else None,
                   given_by=f.given_by_nip, given_by_name=f.given_by_name, text=f.text, given_on=f.given_on,
                   answer=f.answer, answered_at=f.answered_at)


@strawberry.input(description="Feedback to give with givePerformanceFeedback, on the person's work in a period, "
                              "an RHK or a work-log entry.")
class PerformanceFeedbackInput:
    nip: str = strawberry.field(description="The NIP of the person the feedback is about.")
    period: str = strawberry.field(description="A period of the cycle: 2025-Q2, 2025-05 or 2025.")
    text: str = strawberry.field(description="The feedback; not empty.")
    item_key: Optional[str] = strawberry.field(
        default=None, description="The key of an RHK of the person's SKP of the period's cycle; null: the work-log "
                                  "entry's RHK, or none.")
    work_log_entry: Optional[strawberry.ID] = strawberry.field(
        default=None, description="The id of a work-log entry of the person, of the period's cycle, that it is "
                                  "about; null: none.")


@strawberry.type(description="What givePerformanceFeedback and answerPerformanceFeedback answer: the feedback as "
                             "stored, or the errors.")
class PerformanceFeedbackPayload:
    feedback: Optional[PerformanceFeedback] = strawberry.field(
        description="The feedback after the write; null when errors is not empty.")
    errors: list[UserError] = strawberry.field(description=(
        "Typed problems (path, code, message), e.g. NOT_FOUND, FORBIDDEN, ALREADY_ANSWERED; when there are any, "
        "nothing was written. Empty on success."))


# -- monitoring ----------------------------------------------------------------------------------------------------

@strawberry.type(description="Counts of one agency (unit null: all of it) or one of its units. The people behind "
                              "each count: monitoringPeople(has:) with the fact named after the field.")
class MonitoringRow:
    agency: str = strawberry.field(description="The agency's code.")
    unit: Optional[str] = strawberry.field(description="The unit's code; null on an agency's row (all its people, "
                                                       "those without a unit included).")
    people: int = strawberry.field(description="The headcount: the people in scope where they are today.")
    approved_skp: int = strawberry.field(description="People whose SKP of the cycle has an approved revision.")
    logged_last_7_days: int = strawberry.field(description="People with a work-log entry in the 7 days to today.")
    logged_last_30_days: int = strawberry.field(description="People with a work-log entry in the 30 days to "
                                                            "today.")
    had_feedback: int = strawberry.field(description="People who had feedback in the period (or the cycle).")
    self_assessed: int = strawberry.field(description="People who assessed themselves in `evaluationPeriod`.")
    supervisor_assessed: int = strawberry.field(
        description="People assessed by their assessing official (or ADMIN in their place) in `evaluationPeriod`.")
    finalized: int = strawberry.field(description="People whose rating of `evaluationPeriod` is finalized.")
    objections_open: int = strawberry.field(
        description="People whose objection (keberatan) to that rating still awaits the superior's decision.")
    development_hours_met: int = strawberry.field(
        description="People whose confirmed development hours (JP) of the cycle's year reach the minimum "
                    "(KINERJA_MIN_DEVELOPMENT_HOURS).")
    evaluation_period: str = strawberry.field(
        description="The period the assessments, ratings and objections are counted in: `period`, or the year when "
                    "`period` is not given or is the year's last quarter or month (they are one evaluation, "
                    "Triwulan IV / Akhir Tahun).")


@strawberry.type(description="A person monitoringPeople lists.")
class MonitoredPerson:
    id: strawberry.Private[int]
    nip: str = strawberry.field(description="The person's NIP.")
    name: str = strawberry.field(description="The person's name.")
    position: str = strawberry.field(description="The person's position (jabatan).")
    agency: str = strawberry.field(description="The code of the person's agency.")
    agency_name: str = strawberry.field(description="The name of the person's agency.")
    unit: Optional[str] = strawberry.field(description="The code of the person's unit; null without one.")
    unit_name: Optional[str] = strawberry.field(description="The name of the person's unit; null without one.")
    cursor: str = strawberry.field(description="Give it as monitoringPeople's `after` for the people after this "
                                               "one.")

    @strawberry.field(description="The person, with their edges; null if the viewer may not see them.")
    async def person(self, info: Info) -> Optional[Person]:
        found = await info.context.loaders.person.load(self.id)
        return Person.from_model(found) if found else None


PAGE = ("Entries a page (1 to 100, default 50); the next page starts after the last one's `cursor`.")
MONITORING_PERIOD = ("A period of the cycle: the feedback counted, and the evaluation period of the assessments, "
                     "ratings and objections (the year for its last quarter or month). Not given: feedback of the "
                     "whole cycle, the year's evaluation.")
AFTER = "The `cursor` of the last item of the previous page; null: the first page."
CYCLE = "The cycle's year, e.g. 2025."
FEEDBACK_PAGE = ("Most items to answer (1 to 500, default 100); more feedback than that is the error LIST_TOO_LONG, "
                 "never cut short.")


def _position(after: Optional[str]) -> Optional[tuple[str, int]]:
    return decode_name_id_cursor(after)


# the arguments workLog and workLogConnection share
LogNip = Annotated[str, strawberry.argument(description="The NIP of the person whose work log it is.")]
LogFrom = Annotated[dt.date, strawberry.argument(name="from", description="The first day (YYYY-MM-DD).")]
LogTo = Annotated[dt.date, strawberry.argument(description="The last day (YYYY-MM-DD), not before `from`: at most 366 "
                                                           "days in all.")]


@strawberry.type
class Query:
    @strawberry.field(description="The platform's today (KINERJA_TODAY when pinned): the console's weeks and periods "
                                  "start from it.")
    def today(self, info: Info) -> dt.date:
        _ = info.context.access  # signed-in only (UNAUTHENTICATED otherwise), as every other field
        return clock.today()

    @strawberry.field(description="A person's work log from `from` to `to` (at most 366 days), newest first. For the "
                                  "person, their supervisor, their agency's admin and ADMIN.",
                      deprecation_reason="Use workLogConnection: the same pages, with pageInfo saying whether more "
                                         "follow.")
    async def work_log(
        self, info: Info,
        nip: LogNip,
        from_: LogFrom,
        to: LogTo,
        first: Annotated[Optional[int], strawberry.argument(description=PAGE)] = 50,
        after: Annotated[Optional[str], strawberry.argument(description=AFTER)] = None,
    ) -> list[WorkLogEntry]:
        size = cost.first_of("Query.workLog", first, info.context.settings.max_page_size)
        rows = await service.work_log(info.context.access, nip, from_, to, size, _position(after))
        return [WorkLogEntry.from_entry(e) for e in rows[:size]]

    @strawberry.field(description="A person's work log from `from` to `to` (at most 366 days), newest first, in "
                                  "keyset pages; scoped as workLog.")
    async def work_log_connection(
        self, info: Info,
        nip: LogNip,
        from_: LogFrom,
        to: LogTo,
        first: Annotated[Optional[int], strawberry.argument(description=CONNECTION_FIRST)] = None,
        after: Annotated[Optional[str], strawberry.argument(description=CONNECTION_AFTER)] = None,
    ) -> Connection[WorkLogEntry]:
        size = check_first(CONNECTION_DEFAULT if first is None else first, info.context.settings.max_page_size)
        rows = await service.work_log(info.context.access, nip, from_, to, size, _position(after))
        return forward_page(rows, size, after, WorkLogEntry.from_entry, lambda e: (e.day.isoformat(), e.id))

    @strawberry.field(description="The feedback a person received in a period, oldest first; scoped as the work log.")
    async def performance_feedback(
        self, info: Info,
        nip: Annotated[str, strawberry.argument(description="The NIP of the person the feedback is about.")],
        period: Annotated[str, strawberry.argument(description="The period (YYYY, YYYY-Qn or YYYY-MM).")],
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
        self, info: Info, cycle: Annotated[int, strawberry.argument(description=CYCLE)],
        agency: Annotated[Optional[str], strawberry.argument(
            description="The code of an agency in scope; null: a row per agency in scope.")] = None,
        unit: Annotated[Optional[str], strawberry.argument(
            description="The code of a unit of `agency` (give agency too): that unit's row only; null: the agency's "
                        "row and a row per unit.")] = None,
        period: Annotated[Optional[str], strawberry.argument(description=MONITORING_PERIOD)] = None,
    ) -> list[MonitoringRow]:
        rows = await monitoring_service.monitoring(info.context.access, agency, unit, cycle, period,
                                                   info.context.settings.min_development_hours)
        return [MonitoringRow(agency=r.agency, unit=r.unit, people=r.people, approved_skp=r.approved_skp,
                              logged_last_7_days=r.logged_7_days, logged_last_30_days=r.logged_30_days,
                              had_feedback=r.had_feedback, self_assessed=r.self_assessed,
                              supervisor_assessed=r.supervisor_assessed, finalized=r.finalized,
                              objections_open=r.objections_open, development_hours_met=r.development_hours_met,
                              evaluation_period=r.evaluation_period)
                for r in rows]

    @strawberry.field(description="The people in scope lacking `missing`, or having `has` (the people behind a count "
                                  "of skpMonitoring): exactly one of the two. By name; scoped as skpMonitoring. "
                                  "Every page as CSV: GET /monitoring/people.csv with the same arguments.")
    async def monitoring_people(
        self, info: Info, cycle: Annotated[int, strawberry.argument(description=CYCLE)],
        missing: Annotated[Optional[MonitoringGap], strawberry.argument(
            description="The people lacking this (OBJECTION_OPEN: having one open).")] = None,
        has: Annotated[Optional[MonitoringFact], strawberry.argument(
            description="The people having this: the people behind that count of skpMonitoring.")] = None,
        agency: Annotated[Optional[str], strawberry.argument(
            description="The code of an agency in scope; null: everyone in scope.")] = None,
        unit: Annotated[Optional[str], strawberry.argument(
            description="The code of a unit of `agency` (give agency too).")] = None,
        period: Annotated[Optional[str], strawberry.argument(description=MONITORING_PERIOD)] = None,
        first: Annotated[Optional[int], strawberry.argument(description=PAGE.replace("Entries", "People"))] = 50,
        after: Annotated[Optional[str], strawberry.argument(description=AFTER)] = None,
    ) -> list[MonitoredPerson]:
        size = cost.first_of("Query.monitoringPeople", first, info.context.settings.max_page_size)
        rows = await monitoring_service.monitoring_people(
            info.context.access, agency, unit, cycle, missing.value if missing else None, size, _position(after),
            period, has.value if has else None, info.context.settings.min_development_hours)
        return [MonitoredPerson(id=r.id, nip=r.nip, name=r.name, position=r.position, agency=r.agency,
                                agency_name=r.agency_name, unit=r.unit, unit_name=r.unit_name,
                                cursor=encode_cursor(r.name, r.id)) for r in rows[:size]]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Up to 500 work-log entries, all or nothing: each the person's own (or ADMIN's), "
                                     "on a day up to today in a cycle that is PLANNING, ACTIVE or EVALUATION, at "
                                     "most 24 hours a person a day.")
    @handle_errors
    async def log_work(
        self, info: Info,
        input: Annotated[list[WorkLogInput], strawberry.argument(description="The entries, all written or none.")],
    ) -> WorkLogPayload:
        entries = [service.WorkLogData(nip=i.nip, day=i.day, text=i.text, minutes=i.minutes, item_key=i.item_key,
                                       evidence_url=i.evidence_url) for i in input]
        saved = await service.log_work(info.context.access, entries)
        return WorkLogPayload(entries=[WorkLogEntry.from_entry(e) for e in saved], errors=[])

    @strawberry.mutation(description="By the person's direct supervisor, ADMIN, or (KINERJA_PEER_FEEDBACK) a "
                                     "colleague of the same unit.")
    @handle_errors
    async def give_performance_feedback(
        self, info: Info,
        input: Annotated[PerformanceFeedbackInput, strawberry.argument(description="The feedback to give.")],
    ) -> PerformanceFeedbackPayload:
        data = feedback_service.FeedbackData(
            nip=input.nip, period=input.period, text=input.text, item_key=input.item_key,
            work_log_entry=input_id(input.work_log_entry, ["input", "workLogEntry"]))
        saved = await feedback_service.give_feedback(info.context.access, data,
                                                     info.context.settings.peer_feedback)
        return PerformanceFeedbackPayload(feedback=PerformanceFeedback.from_view(saved), errors=[])

    @strawberry.mutation(description="The answer of the person the feedback is about, once.")
    @handle_errors
    async def answer_performance_feedback(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="The feedback's id.")],
        text: Annotated[str, strawberry.argument(description="The answer; not empty.")],
    ) -> PerformanceFeedbackPayload:
        saved = await feedback_service.answer_feedback(info.context.access, input_id(id, ["id"]), text)
        return PerformanceFeedbackPayload(feedback=PerformanceFeedback.from_view(saved), errors=[])
