"""Leaving the service (docs/DOMAIN.md, "Leaving the service"): a person retires, is dismissed, dies, moves out of
the platform's government or is made inactive (`retire_person`), and may come back (`reinstate_person`).

A departure is a mark on the person row (left_at, left_reason, left_note, left_by), never a deletion: their targets,
SKPs, assessments, ratings and assignments stay as they are. From the departure on:
- their open sign-in sessions are ended and they cannot sign in (services/auth/sessions.login), nor use any token
  that stands for them (services/auth/tokens.resolve_token);
- they are left out of the default `people` list (PeopleFilter.include_departed), of their last supervisor's
  `subordinates` (services/org/people.subordinates_of; the record keeps who it was), of monitoring's counts and lists
  (services/skp/monitoring.py) and of other people's "Tugas saya" (services/tasks/awaiting.py);
- nobody can be given them as a new supervisor (upsertPeople, transferPerson: SUPERVISOR_DEPARTED), and they cannot
  be transferred until reinstated (PERSON_DEPARTED);
- a unit's head post they held is left vacant from the departure day (their assignment until the day before is kept,
  as a transfer keeps it), so that someone else may take it.

Rules: ADMIN anywhere, an agency admin within its agency (Access.may_change_people, can_manage_agency). A person
who still supervises anyone in service, or who acts (Plt, Plh) in a head post today or later, is refused: move the
staff (or end the acting assignment) first. The departure day is today or earlier (a departure known in advance is
recorded on its day), and not before the person's current assignment began. Every write is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.transactions import in_transaction

from kinerja.models import ActingAssignment, ApiToken, Assignment, Person
from kinerja.services.core import audit, clock, sql
from kinerja.services.core.access import Access, forbidden, refusal
from kinerja.services.core.errors import InputError, Problem
from kinerja.services.core.nip import normalize_nip
from kinerja.services.org import placements

# why a person left: pensiun (retired at the age limit or early), berhenti (dismissed or resigned), meninggal
# (deceased), pindah instansi (moved to a government outside this platform), nonaktif (out of service for a while:
# unpaid leave, a suspension, study leave; the usual one to reinstate)
PENSIUN, BERHENTI, MENINGGAL, PINDAH_INSTANSI, NONAKTIF = REASONS = (
    "PENSIUN", "BERHENTI", "MENINGGAL", "PINDAH_INSTANSI", "NONAKTIF")
NOTE_MAX = 1000


def _note_problems(note: str | None, path: tuple[str, ...]) -> list[Problem]:
    text = (note or "").strip()
    if len(text) > NOTE_MAX:
        return [Problem(path, "TOO_LONG", f"the note is {len(text)} characters; at most {NOTE_MAX}",
                        {"length": len(text), "limit": NOTE_MAX})]
    if "\x00" in text:
        return [Problem(path, "INVALID_TEXT", "the note must not contain NUL characters")]
    return []


async def _person_to_write(access: Access, nip: str, what: str, action: str, path: tuple[str, ...],
                           problems: list[Problem]) -> Person:
    """The person by NIP, within what the viewer may write (refused before anything is looked up otherwise); a
    person of an agency the viewer cannot see reads as unknown, reported with the input's other `problems`."""
    if not access.may_change_people:
        raise refusal(path[:-1], f"only ADMIN or an agency admin may {what}", params={"action": action})
    person = await Person.get_or_none(nip=normalize_nip(nip or "")) if nip else None
    if person is None or not access.can_see_agency(person.agency_id):
        raise InputError([Problem(path, "NOT_FOUND", f"no person with NIP {nip!r}", params={"nip": nip}),
                          *problems])
    if not access.can_manage_agency(person.agency_id):
        raise InputError([forbidden(path, f"NIP {person.nip} cannot be written by this account",
                                    params={"action": "write_person"})])
    return person


async def _still_supervised(conn: Any, person_id: int) -> int:
    """How many people in service have this person as their direct supervisor."""
    return await Person.filter(supervisor_id=person_id, left_at__isnull=True).using_db(conn).count()


def _supervises_problem(person: Person, count: int) -> Problem:
    return Problem(("input", "nip"), "STILL_SUPERVISES",
                   f"{person.nip} still supervises {count} people in service: move them to another supervisor "
                   "(transferPerson) first", params={"nip": person.nip, "count": count})


def _snapshot(person: Person) -> dict:
    return {"left_at": person.left_at.isoformat() if person.left_at else None, "reason": person.left_reason,
            "note": person.left_note}


async def retire_person(access: Access, nip: str, reason: str, date: dt.date, note: str | None = None) -> Person:
    """Record that the person leaves the service on `date` for `reason` (one of REASONS); module docstring."""
    path = ("input", "nip")
    problems = _note_problems(note, ("input", "note"))
    person = await _person_to_write(access, nip, "record that someone leaves the service", "retire_person", path,
                                    problems)
    reason = (reason or "").strip().upper()
    if reason not in REASONS:
        problems.append(Problem(("input", "reason"), "INVALID_VALUE",
                                f"the reason is one of {', '.join(REASONS)}, got {reason!r}",
                                params={"allowed": REASONS, "value": reason}))
    if person.left_at is not None:
        problems.append(Problem(path, "ALREADY_DEPARTED",
                                f"{person.nip} left the service on {person.left_at.isoformat()} already",
                                params={"nip": person.nip, "day": person.left_at.isoformat()}))
    today = clock.today()
    if date > today:
        problems.append(Problem(("input", "date"), "IN_THE_FUTURE",
                                f"{person.nip} leaves on {date.isoformat()}, after today ({today.isoformat()}): "
                                "record a departure on its day", params={"nip": person.nip,
                                                                         "day": date.isoformat(),
                                                                         "today": today.isoformat()}))
    if person.assigned_since is not None and date < person.assigned_since:
        problems.append(Problem(("input", "date"), "BEFORE_CURRENT",
                                f"{person.nip} would leave on {date.isoformat()}, before their current assignment "
                                f"began on {person.assigned_since.isoformat()}",
                                params={"nip": person.nip, "day": date.isoformat(),
                                        "since": person.assigned_since.isoformat()}))
    supervised = await _still_supervised(None, person.id)
    if supervised:
        problems.append(_supervises_problem(person, supervised))
    acting = await ActingAssignment.filter(person_id=person.id, ends_on__gte=today).order_by("ends_on").first()
    if acting is not None:
        problems.append(Problem(path, "STILL_ACTING",
                                f"{person.nip} acts as {acting.kind} in post {acting.post_id} until "
                                f"{acting.ends_on.isoformat()}: end that acting assignment (endActing) first",
                                params={"nip": person.nip, "kind": acting.kind, "day": acting.ends_on.isoformat()}))
    if problems:
        raise InputError(problems)
    head_post = await placements.head_post_of(person.post_id)
    text = (note or "").strip() or None
    actor = access.viewer.actor
    now = dt.datetime.now(dt.timezone.utc)
    async with in_transaction() as conn:
        if sql.is_postgres(conn):  # a concurrent change of this person (a transfer, a departure) waits for this one
            await sql.fetch(conn, "SELECT id FROM person WHERE id = $1 FOR UPDATE", [person.id])
        fresh = await Person.filter(id=person.id).using_db(conn).first()
        if (fresh.left_at, fresh.assigned_since, fresh.post_id) != (None, person.assigned_since, person.post_id):
            raise InputError.one(path, "CONFLICT", f"{person.nip} was changed at the same time by another request; "
                                 "read them again and send the departure again")
        supervised = await _still_supervised(conn, person.id)  # someone may have been placed under them meanwhile
        if supervised:
            raise InputError([_supervises_problem(person, supervised)])
        before = {**_snapshot(person), "post": person.post_id}
        fields = ["left_at", "left_reason", "left_note", "left_by", "updated_at"]
        if head_post is not None:  # the head post is vacant from the departure day on
            if person.assigned_since is None or person.assigned_since < date:
                await Assignment.create(
                    person_id=person.id, agency_id=person.agency_id, unit_id=person.unit_id, post_id=person.post_id,
                    position=person.position, supervisor_id=person.supervisor_id,
                    reports_to_post_id=person.reports_to_post_id, starts_on=person.assigned_since,
                    ends_on=date - dt.timedelta(days=1), reason=f"{reason}: {text}" if text else reason,
                    recorded_by=actor, recorded_at=now, using_db=conn)
            person.post_id, person.assigned_since = None, date
            fields += ["post_id", "assigned_since"]
        person.left_at, person.left_reason, person.left_note, person.left_by = date, reason, text, actor
        person.updated_at = now
        await person.save(using_db=conn, update_fields=fields)
        revoked = await ApiToken.filter(person_id=person.id, session=True, revoked_at=None).using_db(conn).update(
            revoked_at=now)
        await audit.append(conn, actor, [audit.Change(
            "person.depart", "person", person.nip, before,
            {**_snapshot(person), "post": person.post_id, "sessions_revoked": revoked})])
    return person


async def reinstate_person(access: Access, nip: str, note: str | None = None) -> Person:
    """A departed person is back in service where they were (their unit, position and supervisor; a head post they
    left stays with whoever holds it now: transfer them to give it back). The departure is kept in the audit
    trail; their sessions stay ended (they sign in again)."""
    path = ("nip",)
    problems = _note_problems(note, ("note",))
    person = await _person_to_write(access, nip, "reinstate someone", "reinstate_person", path, problems)
    if person.left_at is None:
        problems.append(Problem(path, "NOT_DEPARTED", f"{person.nip} is in service: there is nothing to reinstate",
                                params={"nip": person.nip}))
    if problems:
        raise InputError(problems)
    text = (note or "").strip() or None
    now = dt.datetime.now(dt.timezone.utc)
    async with in_transaction() as conn:
        before = _snapshot(person)
        updated = await Person.filter(id=person.id, left_at=person.left_at).using_db(conn).update(
            left_at=None, left_reason=None, left_note=None, left_by=None, updated_at=now)
        if not updated:
            raise InputError.one(path, "CONFLICT", f"{person.nip} was changed at the same time by another request; "
                                 "read them again")
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "person.reinstate", "person", person.nip, before, {"left_at": None, "note": text})])
    person.left_at = person.left_reason = person.left_note = person.left_by = None
    return person


def departed_problem(path: tuple[str, ...], person: Any, role: str = "supervisor") -> Problem | None:
    """The refusal of a departed person where someone in service is needed: a new supervisor
    (SUPERVISOR_DEPARTED), or the person a transfer moves (PERSON_DEPARTED); None for a person in service."""
    if person is None or getattr(person, "left_at", None) is None:
        return None
    day = person.left_at.isoformat()
    if role == "supervisor":
        return Problem(path, "SUPERVISOR_DEPARTED", f"{person.nip} left the service on {day}: choose a supervisor "
                                                    "who is in service", params={"nip": person.nip, "day": day})
    return Problem(path, "PERSON_DEPARTED", f"{person.nip} left the service on {day}: reinstate them first",
                   params={"nip": person.nip, "day": day})


__all__ = ["REASONS", "departed_problem", "reinstate_person", "retire_person"]
