"""Continuous performance feedback (umpan balik berkelanjutan): given on a person's RHK or work-log entry in a
period of the cycle, answered once by that person, and read with the work log's scope (docs/DOMAIN.md,
"Implementation and monitoring")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from kinerja.models import Cycle, PerformanceFeedback, Person, WorkLogEntry
from kinerja.services.core import audit, clock, sql
from kinerja.services.core.access import Access, forbidden
from kinerja.services.core.errors import BadArgument, InputError, Problem
from kinerja.services.core.nip import normalize_nip
from kinerja.services.cycles import gate
from kinerja.services.skp import work_log

TEXT_MAX = 2000
LIST_MAX = 500  # the most feedback performanceFeedback answers (graphql/cost.py BOUNDS)
FEEDBACK_STATUSES = work_log.LOG_STATUSES  # PLANNING, ACTIVE, EVALUATION
PERIOD_MAX = 8


@dataclass(frozen=True)
class FeedbackData:
    nip: str
    period: str
    text: str
    item_key: str | None = None
    work_log_entry: int | None = None


@dataclass(frozen=True)
class FeedbackView:
    """Feedback as the API shows it: with the NIPs of the person and of the giver (None: ADMIN with no person)."""

    id: int
    nip: str
    period: str
    item_key: str | None
    work_log_entry: int | None
    given_by_nip: str | None
    given_by_name: str | None
    text: str
    given_on: dt.date
    answer: str | None
    answered_at: dt.datetime | None


async def shaped(rows: list[PerformanceFeedback]) -> list[FeedbackView]:
    """The rows with their people's NIPs and the givers' names: one statement for any number of rows. Whoever may
    read the feedback sees who gave it, a supervisor outside their own scope included."""
    ids = sorted({r.person_id for r in rows} | {r.given_by_id for r in rows if r.given_by_id})
    people = {p["id"]: p for p in await Person.filter(id__in=ids).values("id", "nip", "name")} if ids else {}
    return [FeedbackView(r.id, people[r.person_id]["nip"], r.period, r.item_key, r.work_log_entry_id,
                         people[r.given_by_id]["nip"] if r.given_by_id else None,
                         people[r.given_by_id]["name"] if r.given_by_id else None, r.text, r.given_on, r.answer,
                         r.answered_at) for r in rows]


def _text(value: str | None, path: tuple[str, ...]) -> tuple[str, list[Problem]]:
    text = (value or "").strip()
    if not text:
        return text, [Problem(path, "REQUIRED", "text must not be empty")]
    if len(text) > TEXT_MAX:
        return text, [Problem(path, "TOO_LONG", f"text is {len(text)} characters; at most {TEXT_MAX}",
                              params={"length": len(text), "limit": TEXT_MAX})]
    return text, []


async def give_feedback(access: Access, data: FeedbackData, peers_allowed: bool = False) -> FeedbackView:
    """Feedback on a person by their direct supervisor, ADMIN, or (peers_allowed: settings.peer_feedback) a
    colleague of the same unit, in a period of a cycle that is PLANNING, ACTIVE or EVALUATION. A person out of the
    viewer's scope reads as an unknown NIP; one it sees but may not give feedback to is FORBIDDEN."""
    problems: list[Problem] = []
    nip = normalize_nip(data.nip or "")
    person = await Person.get_or_none(nip=nip) if nip and len(nip) <= work_log.NIP_MAX else None
    giver = await Person.get_or_none(id=access.viewer.person_id) if access.viewer.person_id else None
    if person is not None and not access.may_give_feedback_to(person, giver, peers_allowed):
        if await access.can_see_person(person.id, person.agency_id):
            problems.append(forbidden(("input", "nip"), "feedback is given by the person's direct supervisor"
                                      + (", a colleague of the same unit" if peers_allowed else "") + " or ADMIN",
                                      params={"action": "give_feedback"}))
        else:
            problems.append(Problem(("input", "nip"), "NOT_FOUND", f"no person with NIP {data.nip!r}",
                                    params={"nip": data.nip}))
        person = None
    elif person is None:
        problems.append(Problem(("input", "nip"), "NOT_FOUND", f"no person with NIP {data.nip!r}",
                                params={"nip": data.nip}))
    cycle, problem = await gate.cycle_for_period((data.period or "").strip(), ("input", "period"))
    if problem is None:
        problem = gate.cycle_problem(cycle, cycle.year, FEEDBACK_STATUSES, ("input", "period"), "feedback")
    if problem is not None:
        problems.append(problem)
        cycle = None
    text, found = _text(data.text, ("input", "text"))
    problems += found
    key = data.item_key.strip().upper() if data.item_key and data.item_key.strip() else None
    if key is not None and len(key) > work_log.ITEM_KEY_MAX:
        problems.append(Problem(("input", "itemKey"), "TOO_LONG",
                                f"item key is {len(key)} characters; at most {work_log.ITEM_KEY_MAX}",
                                params={"length": len(key), "limit": work_log.ITEM_KEY_MAX}))
        key = None
    entry = None
    if data.work_log_entry is not None:
        entry = await WorkLogEntry.get_or_none(id=data.work_log_entry)
        if entry is None or person is None or entry.person_id != person.id:
            problems.append(Problem(("input", "workLogEntry"), "NOT_FOUND",
                                    f"no work-log entry {data.work_log_entry} of this person",
                                    params={"what": "work_log_entry", "key": str(data.work_log_entry)}))
            entry = None
        elif cycle is not None and entry.cycle_id != cycle.id:
            problems.append(Problem(("input", "workLogEntry"), "WRONG_CYCLE",
                                    f"work-log entry {entry.id} is of another cycle than period {data.period}"))
        elif key is not None and entry.item_key is not None and entry.item_key != key:
            problems.append(Problem(("input", "itemKey"), "ITEM_MISMATCH",
                                    f"work-log entry {entry.id} serves RHK {entry.item_key}, not {key}"))
        elif key is None:
            key = entry.item_key
    if key is not None and data.item_key and data.item_key.strip() and person is not None and cycle is not None:
        keys = (await work_log.skp_item_keys(sql.connection(), {(person.id, cycle.id)})).get(
            (person.id, cycle.id))
        if keys is None or key not in keys:
            problems.append(Problem(("input", "itemKey"), "NOT_FOUND",
                                    f"no RHK {data.item_key.strip()!r} in the SKP of NIP {person.nip} for "
                                    f"cycle {cycle.year}", params={"what": "rhk", "key": data.item_key.strip()}))
    if problems:
        raise InputError(problems)
    async with in_transaction() as conn:
        await gate.recheck(conn, cycle, FEEDBACK_STATUSES, ("input", "period"), "feedback")
        row = PerformanceFeedback(person_id=person.id, cycle_id=cycle.id, agency_id=person.agency_id,
                                  period=data.period.strip(), item_key=key,
                                  work_log_entry_id=entry.id if entry else None,
                                  given_by_id=giver.id if giver else None, text=text, given_on=clock.today())
        await row.save(using_db=conn)
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "performance_feedback.give", "performance_feedback", str(row.id), None,
            {"nip": person.nip, "period": row.period, "item_key": key, "work_log_entry": row.work_log_entry_id,
             "text": text, "given_on": row.given_on.isoformat()})])
    return (await shaped([row]))[0]


async def answer_feedback(access: Access, feedback_id: int | None, text: str) -> FeedbackView:
    """The answer of the person the feedback is about, once (a second: ALREADY_ANSWERED). Feedback the viewer
    cannot read is NOT_FOUND, one it reads but is not about it FORBIDDEN."""
    row = await PerformanceFeedback.get_or_none(id=feedback_id) if feedback_id is not None else None
    person = await Person.get_or_none(id=row.person_id) if row is not None else None
    if row is None or person is None or not access.may_follow_work_of(person):
        raise InputError.one(["id"], "NOT_FOUND", f"no feedback {feedback_id}",
                             params={"what": "feedback", "key": str(feedback_id)})
    if not access.may_answer_feedback(person):
        raise InputError([forbidden(("id",), "only the person the feedback is about may answer it",
                                    params={"action": "answer_feedback"})])
    answer, problems = _text(text, ("text",))
    cycle = await Cycle.get(id=row.cycle_id)
    closed = gate.cycle_problem(cycle, cycle.year, FEEDBACK_STATUSES, ("id",), "feedback")
    if closed is not None:
        problems.append(closed)
    if row.answer is not None:
        problems.append(Problem(("id",), "ALREADY_ANSWERED", f"feedback {row.id} has been answered already"))
    if problems:
        raise InputError(problems)
    at = dt.datetime.now(dt.timezone.utc)
    async with in_transaction() as conn:
        await gate.recheck(conn, cycle, FEEDBACK_STATUSES, ("id",), "feedback")
        # only while unanswered: of two answers at once, one is written
        changed = await PerformanceFeedback.filter(id=row.id, answer__isnull=True).using_db(conn).update(
            answer=answer, answered_at=at)
        if not changed:
            raise InputError.one(["id"], "ALREADY_ANSWERED", f"feedback {row.id} has been answered already")
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "performance_feedback.answer", "performance_feedback", str(row.id), None, {"answer": answer})])
    row.answer, row.answered_at = answer, at
    return (await shaped([row]))[0]


async def feedback_of(access: Access, nip: str, period: str, first: int) -> list[FeedbackView]:
    """The feedback a person received in a period (oldest first), at most first + 1 (the caller's guard reports
    more as too long). Scoped as the work log (may_follow_work_of); a malformed period is INVALID_PERIOD."""
    period = (period or "").strip()
    if gate.period_kind(period) is None:
        raise BadArgument("period", f"a period is YYYY, YYYY-Qn or YYYY-MM; got {period!r}", "INVALID_PERIOD",
                          params={"given": period})
    person = await work_log.person_in_reach(access, nip)
    return await shaped(await PerformanceFeedback.filter(person_id=person.id, period=period).order_by(
        "given_on", "id").limit(first + 1))
