"""Posts, transfers and acting officials: the writes (docs/DOMAIN.md, "Posts, assignments and acting officials").

A transfer (mutasi) or a change of supervisor is one operation with an effective date: the assignment in force
until the day before is kept as an `Assignment` row, and the person row becomes the new one. It never touches an
assessment or a rating. When a unit's head leaves the head post, the people who reported to them report to the
vacant post (their supervisor is then None and `reports_to_post` the post) until someone takes it; whoever takes
the post becomes their supervisor. An acting official (Plt, Plh) holds a head post's authority for a date range,
by decree. Every write is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Sequence

from tortoise.transactions import in_transaction

from kinerja.models import ActingAssignment, Agency, Assessment, Assignment, Credential, Person, Post, Unit
from kinerja.services.core import audit, clock, rollups, sql
from kinerja.services.core.access import Access, forbidden, refusal, subtree_ids
from kinerja.services.core.errors import InputError, Problem, check_name
from kinerja.services.core.nip import normalize_nip
from kinerja.services.org import credit_coefficients, placements
from kinerja.services.org.departures import departed_problem
from kinerja.services.org.placements import ACTING_KINDS, POST_KINDS

REASON_MAX = 500
DECREE_MAX = 200
ACTING_MAX_DAYS = 366  # one decree covers at most a year, counted inclusively; a longer spell is a new decree
EVALUATION = "EVALUATION"


@dataclass(frozen=True)
class PostData:
    agency: str
    name: str
    kind: str
    unit: str | None = None
    heads_unit: bool = False
    coefficient: Any = None  # a FUNGSIONAL post's annual credit-point coefficient (credit_coefficients.py)


@dataclass(frozen=True)
class TransferData:
    """Where a person goes from `effective` on. `supervisor`: a NIP, or None to take the head of the new unit (of its
    parent unit for the unit's new head); `position`: None keeps it, or takes the post's name with a post."""

    nip: str
    effective: dt.date
    reason: str
    unit: str | None
    agency: str | None = None
    post: int | None = None
    position: str | None = None
    supervisor: str | None = None


@dataclass(frozen=True)
class ActingData:
    post: int | None  # None: an ID that names no row
    nip: str
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    decree: str


# -- posts -----------------------------------------------------------------------------------------------------------

async def create_post(access: Access, data: PostData) -> Post:
    """A post of an agency (ADMIN, or the agency's admin); a head post names its unit, which has no head post yet."""
    if not access.may_change_people:
        raise refusal(("input",), "only ADMIN or an agency admin may create posts", params={"action": "create_post"})
    problems = check_name(data.name, ("input", "name"), "the post's name")
    agency = await Agency.get_or_none(code=(data.agency or "").strip().upper())
    if agency is None or not access.can_see_agency(agency.id):
        raise InputError([Problem(("input", "agency"), "NOT_FOUND", f"no agency with code {data.agency!r}",
                                  params={"what": "agency", "key": data.agency}),
                          *problems])
    if not access.can_manage_agency(agency.id):
        raise InputError([forbidden(("input", "agency"), f"not allowed to create posts of {agency.code}",
                                    params={"action": "create_post_of_agency"})])
    if data.kind not in POST_KINDS:
        problems.append(Problem(("input", "kind"), "INVALID_KIND", f"kind must be one of {', '.join(POST_KINDS)}",
                                params={"allowed": POST_KINDS}))
    unit = None
    if data.unit:
        unit = await Unit.get_or_none(agency_id=agency.id, code=data.unit.strip().upper())
        if unit is None:
            problems.append(Problem(("input", "unit"), "NOT_FOUND", f"no unit {data.unit!r} in agency {agency.code}",
                                    params={"what": "unit", "key": data.unit, "agency": agency.code}))
    if data.heads_unit:
        if data.unit is None:
            problems.append(Problem(("input", "unit"), "REQUIRED", "a head post names the unit it heads"))
        elif unit is not None and await Post.exists(head_of_id=unit.id):
            problems.append(Problem(("input", "unit"), "ALREADY_HEADED",
                                    f"unit {unit.code} has a head post already; a unit has one head post"))
        if data.kind != "STRUKTURAL":
            problems.append(Problem(("input", "kind"), "INVALID_KIND", "a unit's head post is STRUKTURAL"))
    coefficient, coefficient_problems = credit_coefficients.check_coefficient(data.coefficient,
                                                                              ("input", "coefficient"))
    problems += coefficient_problems
    wrong_kind = credit_coefficients.kind_problem(data.kind, data.name.strip(), ("input", "coefficient"))
    if data.coefficient is not None and data.kind in POST_KINDS and wrong_kind is not None:
        problems.append(wrong_kind)
    if problems:
        raise InputError(problems)
    async with in_transaction() as conn:
        post = await Post.create(agency_id=agency.id, unit_id=unit.id if unit else None, name=data.name.strip(),
                                 kind=data.kind, head_of_id=unit.id if data.heads_unit and unit else None,
                                 credit_coefficient=coefficient, using_db=conn)
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "post.create", "post", str(post.id), None,
            {"agency": agency.code, "unit": unit.code if unit else None, "name": post.name, "kind": post.kind,
             "head_of": unit.code if data.heads_unit and unit else None,
             **({"coefficient": credit_coefficients.text(coefficient)} if coefficient is not None else {})})])
    return post


# -- transfers -------------------------------------------------------------------------------------------------------

@dataclass
class _Plan:
    person: Person
    agency: Agency
    unit: Unit | None
    post: Post | None
    position: str
    supervisor: Person | None
    reports_to_post: int | None


async def _derived_supervisor(person: Person, unit: Unit | None, post: Post | None, day: dt.date
                              ) -> tuple[int | None, int | None]:
    """(supervisor id, vacant post reported to) when the caller names no supervisor: the head of the new unit, or,
    for the unit's new head, the head of its parent unit; a vacant head post is reported to; with no head post
    to read, the person's supervisor stays (None)."""
    heads = post is not None and unit is not None and post.head_of_id == unit.id
    target = unit.parent_id if heads else (unit.id if unit else None)
    if target is None:
        return person.supervisor_id, person.reports_to_post_id
    head_post = await Post.filter(head_of_id=target).first()
    if head_post is None:
        return person.supervisor_id, person.reports_to_post_id
    holder = await placements.holder_at(head_post.id, day)
    if holder is None or holder == person.id:
        return None, head_post.id
    return holder, None


async def _assessed_in_evaluation(ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for part in sql.chunks(sorted(set(ids))):
        found.update(await Assessment.filter(person_id__in=list(part), cycle__status=EVALUATION)
                     .distinct().values_list("person_id", flat=True))
    return found


async def _plan(access: Access, data: TransferData) -> _Plan:
    if not access.may_change_people:
        raise refusal(("input",), "only ADMIN or an agency admin may transfer people",
                      params={"action": "transfer_people"})
    problems = check_name(data.reason, ("input", "reason"), "the reason (for example the decree's number)",
                          REASON_MAX)
    if data.position is not None:
        problems += check_name(data.position, ("input", "position"), "position")
    person = await Person.get_or_none(nip=normalize_nip(data.nip or ""))
    if person is None or not access.can_see_agency(person.agency_id):
        raise InputError([Problem(("input", "nip"), "NOT_FOUND", f"no person with NIP {data.nip!r}",
                                  params={"nip": data.nip}), *problems])
    if not access.can_manage_agency(person.agency_id):
        raise InputError([forbidden(("input", "nip"), f"NIP {person.nip} cannot be written by this account",
                                    params={"action": "write_person"})])
    gone = departed_problem(("input", "nip"), person, "person")  # a departed person is reinstated first
    if gone is not None:
        problems.append(gone)
    today = clock.today()
    day = data.effective
    if day > today:
        problems.append(Problem(("input", "effective"), "IN_THE_FUTURE",
                                f"a transfer takes effect today ({today.isoformat()}) or earlier; record one that "
                                f"takes effect on {day.isoformat()} on that day",
                                params={"today": today.isoformat(), "day": day.isoformat()}))
    if person.assigned_since is not None and day < person.assigned_since:
        problems.append(Problem(("input", "effective"), "BEFORE_CURRENT",
                                f"{person.nip}'s current assignment began on {person.assigned_since.isoformat()}; "
                                "a transfer takes effect on or after that day",
                                params={"nip": person.nip, "day": person.assigned_since.isoformat()}))
    agency = await Agency.get(id=person.agency_id)
    if data.agency and data.agency.strip().upper() != agency.code:
        agency = await Agency.get_or_none(code=data.agency.strip().upper())
        if agency is None or not access.can_see_agency(agency.id):
            raise InputError(problems + [Problem(("input", "agency"), "NOT_FOUND",
                                                 f"no agency with code {data.agency!r}",
                                                 params={"what": "agency", "key": data.agency})])
        if not access.can_manage_agency(agency.id):
            raise InputError(problems + [forbidden(("input", "agency"),
                                                   f"not allowed to move people into {agency.code}",
                                                   params={"action": "move_into_agency"})])
    unit = None
    if data.unit:
        unit = await Unit.get_or_none(agency_id=agency.id, code=data.unit.strip().upper())
        if unit is None:
            problems.append(Problem(("input", "unit"), "NOT_FOUND", f"no unit {data.unit!r} in agency {agency.code}",
                                    params={"what": "unit", "key": data.unit, "agency": agency.code}))
    post = None
    if data.post is not None:
        post = await Post.get_or_none(id=data.post, agency_id=agency.id)
        if post is None:
            problems.append(Problem(("input", "post"), "NOT_FOUND", f"no post {data.post} in agency {agency.code}",
                                    params={"what": "post", "key": str(data.post), "agency": agency.code}))
        elif post.head_of_id is not None:
            if unit is None or post.head_of_id != unit.id:
                problems.append(Problem(("input", "post"), "WRONG_UNIT",
                                        f"post {post.id} ({post.name}) heads another unit: its holder works in it"))
            holder = await Person.filter(post_id=post.id).exclude(id=person.id).only("id", "nip").first()
            if holder is not None:
                problems.append(Problem(("input", "post"), "POST_HELD",
                                        f"post {post.id} ({post.name}) is held by {holder.nip}; transfer them "
                                        "out of it first"))
    position = (data.position or "").strip() or (post.name if post is not None else person.position)
    if data.position is None:
        problems += check_name(position, ("input", "position"), "position")
    supervisor = None
    reports_to = None
    if data.supervisor:
        supervisor = await Person.get_or_none(nip=normalize_nip(data.supervisor))
        if supervisor is None or not access.can_manage_agency(supervisor.agency_id):
            problems.append(Problem(("input", "supervisor"), "NOT_FOUND",
                                    f"no person with NIP {data.supervisor!r} to be the supervisor",
                                    params={"nip": data.supervisor}))
            supervisor = None
        elif supervisor.id == person.id:
            problems.append(Problem(("input", "supervisor"), "SELF_SUPERVISOR", "nobody supervises themselves"))
            supervisor = None
    elif not problems:
        sup_id, reports_to = await _derived_supervisor(person, unit, post, day)
        supervisor = await Person.get_or_none(id=sup_id) if sup_id is not None else None
    if supervisor is not None and supervisor.left_at is not None:  # named, or the head post's holder then
        problems.append(departed_problem(("input", "supervisor"), supervisor))
        supervisor = None
    if supervisor is not None:
        if supervisor.id in set(await subtree_ids(person.id)):
            problems.append(Problem(("input", "supervisor"), "SUPERVISOR_LOOP",
                                    f"{supervisor.nip} is below {person.nip} in the supervisor tree",
                                    params={"supervisor": supervisor.nip, "nip": person.nip}))
    if problems:
        raise InputError(problems)
    return _Plan(person, agency, unit, post, position, supervisor, reports_to)


def _snapshot(p: Any, codes: dict) -> dict:
    return {"agency": codes["agency"].get(p.agency_id), "unit": codes["unit"].get(p.unit_id), "post": p.post_id,
            "position": p.position, "supervisor": codes["nip"].get(p.supervisor_id),
            "reports_to_post": p.reports_to_post_id,
            "since": p.assigned_since.isoformat() if p.assigned_since else None}


AfterMove = Callable[[Any, int, str, dt.date, int], Awaitable[list[audit.Change]]]


async def transfer(access: Access, data: TransferData, after_move: AfterMove | None = None) -> Person:
    """Move a person (unit, post, position, supervisor, agency) from `effective` on; see the module's docstring.
    `after_move(conn, person id, NIP, day, id of the assignment kept)`, inside the transaction, when the unit, post
    or supervisor changed and the assignment until the day before was kept: the SKP per post
    (services/skp/post_change.py), which this tier may not import; its audit events are appended with the move's."""
    plan = await _plan(access, data)
    person, day = plan.person, data.effective
    leaving = person.post_id if person.post_id != (plan.post.id if plan.post else None) else None
    leaving = leaving if await placements.head_post_of(leaving) is not None else None
    taking = plan.post.id if plan.post is not None and plan.post.head_of_id is not None and \
        plan.post.id != person.post_id else None
    staff_out = await Person.filter(supervisor_id=person.id) if leaving else []
    staff_in = await Person.filter(reports_to_post_id=taking).exclude(id=person.id) if taking else []
    sup_changes = [*staff_out, *staff_in]
    if plan.supervisor is not None and plan.supervisor.id != person.supervisor_id or (
            plan.supervisor is None and person.supervisor_id is not None):
        sup_changes.append(person)
    if not access.is_admin and sup_changes:
        assessed = await _assessed_in_evaluation([p.id for p in sup_changes])
        problems = [forbidden(("input", "nip") if p.id == person.id else ("input", "staff", p.nip),
                              f"{p.nip} has assessments in a cycle in EVALUATION: only ADMIN may change their "
                              "supervisor now", params={"action": "change_supervisor_in_evaluation"})
                    for p in sup_changes if p.id in assessed]
        # nobody gains rating power through data they manage (SECURITY.md): the new supervisor, and the person
        # taking a head post that staff report to, by the rule upsertPeople applies
        for path, becomes in ((("input", "supervisor"), plan.supervisor if plan.supervisor is not None
                               and plan.supervisor.id != person.supervisor_id else None),
                              (("input", "post"), person if staff_in else None)):
            if becomes is None:
                continue
            controlled = await Credential.exists(person_id=becomes.id, set_by_agency_admin=True)
            why = access.may_change_supervisor(becomes.id, assessed_in_evaluation=False,
                                               set_by_agency_admin=controlled)
            if why:
                problems.append(forbidden(path, why, {"action": "change_supervisor"}))
        if problems:
            raise InputError(problems)
    after_values = dict(agency_id=plan.agency.id, unit_id=plan.unit.id if plan.unit else None,
                        post_id=plan.post.id if plan.post else None, position=plan.position,
                        supervisor_id=plan.supervisor.id if plan.supervisor else None,
                        reports_to_post_id=plan.reports_to_post)
    if all(getattr(person, k) == v for k, v in after_values.items()):
        raise InputError.one(("input",), "NOTHING_CHANGES",
                             f"{person.nip} is already there: the transfer changes nothing")
    ids = {person.agency_id, plan.agency.id}
    codes = {"agency": dict(await Agency.filter(id__in=sorted(ids)).values_list("id", "code")),
             "unit": dict(await Unit.filter(id__in=sorted({u for u in (person.unit_id, after_values["unit_id"])
                                                              if u})).values_list("id", "code")),
             "nip": {}}
    sup_ids = sorted({x for x in (person.supervisor_id, after_values["supervisor_id"], person.id) if x})
    codes["nip"] = dict(await Person.filter(id__in=sup_ids).values_list("id", "nip"))
    actor = access.viewer.actor
    now = dt.datetime.now(dt.timezone.utc)
    async with in_transaction() as conn:
        if sql.is_postgres(conn):
            await sql.fetch(conn, "SELECT id FROM person WHERE id = $1 FOR UPDATE", [person.id])
        fresh = await Person.filter(id=person.id).using_db(conn).first()
        if (fresh.assigned_since, fresh.supervisor_id, fresh.post_id, fresh.unit_id) != (
                person.assigned_since, person.supervisor_id, person.post_id, person.unit_id):
            raise InputError.one(("input", "nip"), "CONFLICT", f"{person.nip} was changed at the same time by "
                                 "another request; read them again and send the transfer again")
        before = _snapshot(person, codes)
        moves = []
        if (person.agency_id, person.unit_id) != (after_values["agency_id"], after_values["unit_id"]):
            moves = [(person.agency_id, person.unit_id, -1), (after_values["agency_id"], after_values["unit_id"], 1)]
        relation = (person.unit_id, person.post_id, person.supervisor_id, person.reports_to_post_id)
        kept = await _move(conn, person, after_values, day, data.reason.strip(), actor, now)
        changes = [audit.Change("person.transfer", "person", person.nip, before,
                                {**_snapshot(person, codes), "reason": data.reason.strip()})]
        if after_move is not None and kept is not None and relation != (
                person.unit_id, person.post_id, person.supervisor_id, person.reports_to_post_id):
            changes += await after_move(conn, person.id, person.nip, day, kept.id)
        for p in staff_out:
            changes.append(await _cascade(conn, p, dict(supervisor_id=None, reports_to_post_id=leaving), day,
                                          f"atasan pindah: {person.nip} meninggalkan jabatan", actor, now))
        for p in staff_in:
            changes.append(await _cascade(conn, p, dict(supervisor_id=person.id, reports_to_post_id=None), day,
                                          f"jabatan atasan terisi: {person.nip}", actor, now))
        if taking:  # a Plt fills a vacancy: the post filled, the Plt's last day is the day before
            for plt in await ActingAssignment.filter(post_id=taking, kind="PLT", starts_on__lt=day,
                                                     ends_on__gte=day).using_db(conn):
                changes.append(audit.Change("acting.end", "acting_assignment", str(plt.id),
                                            {"ends_on": plt.ends_on.isoformat()},
                                            {"ends_on": (day - dt.timedelta(days=1)).isoformat(),
                                             "reason": f"jabatan terisi: {person.nip}"}))
                plt.ends_on = day - dt.timedelta(days=1)
                await plt.save(using_db=conn, update_fields=["ends_on"])
        await rollups.add_people(conn, moves)
        await audit.append(conn, actor, changes)
    return person


async def _move(conn: Any, person: Person, values: dict, day: dt.date, reason: str, actor: str,
                now: dt.datetime) -> Assignment | None:
    """The person's assignment until the day before kept as a row (unless it began that same day: it is then
    corrected in place), and the person row made the new one from `day`. The row kept, if any."""
    kept = None
    if person.assigned_since is None or person.assigned_since < day:
        kept = await Assignment.create(person_id=person.id, agency_id=person.agency_id, unit_id=person.unit_id,
                                post_id=person.post_id, position=person.position,
                                supervisor_id=person.supervisor_id, reports_to_post_id=person.reports_to_post_id,
                                starts_on=person.assigned_since, ends_on=day - dt.timedelta(days=1), reason=reason,
                                recorded_by=actor, recorded_at=now, using_db=conn)
    for key, value in values.items():
        setattr(person, key, value)
    person.assigned_since, person.updated_at = day, now
    await person.save(using_db=conn, update_fields=[*values, "assigned_since", "updated_at"])
    return kept


async def _cascade(conn: Any, person: Person, values: dict, day: dt.date, reason: str, actor: str,
                   now: dt.datetime) -> audit.Change:
    before = {"supervisor_id": person.supervisor_id, "reports_to_post": person.reports_to_post_id}
    await _move(conn, person, values, day, reason, actor, now)
    return audit.Change("person.transfer", "person", person.nip, before,
                        {"supervisor_id": person.supervisor_id, "reports_to_post": person.reports_to_post_id,
                         "since": day.isoformat(), "reason": reason})


# -- the HR import (upsertPeople) ------------------------------------------------------------------------------------

MOVE_FIELDS = ("agency_id", "unit_id", "position", "supervisor_id")


def moved(before: dict, person: Person) -> bool:
    """Whether an upsert changed where the person is (agency, unit, position, supervisor)."""
    return any(before[k] != getattr(person, k) for k in MOVE_FIELDS)


async def record_upsert_moves(conn: Any, moved_people: Sequence[tuple[dict, Person]], actor: str,
                              now: dt.datetime) -> None:
    """upsertPeople's changes of where people are take effect today: each person's assignment until yesterday is
    kept as a row (one multi-row INSERT), and their head post is dropped when they leave its unit."""
    today = clock.today()
    rows = []
    for before, person in moved_people:
        if before["assigned_since"] is None or before["assigned_since"] < today:
            rows.append([person.id, before["agency_id"], before["unit_id"], before["post_id"], before["position"],
                         before["supervisor_id"], before["reports_to_post_id"], before["assigned_since"],
                         today - dt.timedelta(days=1), "upsertPeople", actor, sql.db_datetime(now)])
        person.assigned_since = today
        if person.supervisor_id is not None:
            person.reports_to_post_id = None  # a supervisor named: nobody reports to a vacant post any more
        if person.post_id is not None and before["unit_id"] != person.unit_id:
            person.post_id = None
    await sql.insert_many(conn, "assignment", ("person_id", "agency_id", "unit_id", "post_id", "position",
                                               "supervisor_id", "reports_to_post_id", "starts_on", "ends_on",
                                               "reason", "recorded_by", "recorded_at"), rows)


# -- acting officials (Plt / Plh) ------------------------------------------------------------------------------------

async def appoint_acting(access: Access, data: ActingData) -> ActingAssignment:
    """A Plt or Plh in a unit's head post for a date range, by decree (ADMIN, or the post's agency admin). A Plh
    stands in for an absent holder, so the post has one; a Plt fills a vacancy, so the post has none on the first
    day. The acting official is of the same agency, and not the holder."""
    if not access.may_change_people:
        raise refusal(("input",), "only ADMIN or an agency admin may appoint acting officials",
                      params={"action": "appoint_acting"})
    problems = check_name(data.decree, ("input", "decree"), "the decree's number", DECREE_MAX)
    post = await Post.get_or_none(id=data.post) if data.post is not None else None
    if post is None or not access.can_see_agency(post.agency_id):
        raise InputError([Problem(("input", "post"), "NOT_FOUND", f"no post {data.post}",
                                  params={"what": "post", "key": str(data.post)}), *problems])
    if not access.can_manage_agency(post.agency_id):
        raise InputError([forbidden(("input", "post"), f"post {post.id} cannot be written by this account",
                                    params={"action": "write_post"})])
    if post.head_of_id is None:
        problems.append(Problem(("input", "post"), "NOT_A_HEAD_POST",
                                f"post {post.id} ({post.name}) heads no unit: only a unit's head post has acting "
                                "officials"))
    if data.kind not in ACTING_KINDS:
        problems.append(Problem(("input", "kind"), "INVALID_KIND", "kind must be PLT (a vacant post) or PLH (the "
                                                                   "holder is away)"))
    person = await Person.get_or_none(nip=normalize_nip(data.nip or ""))
    if person is None or person.agency_id != post.agency_id:
        problems.append(Problem(("input", "nip"), "NOT_FOUND",
                                f"no person with NIP {data.nip!r} in the post's agency", params={"nip": data.nip}))
    elif person.left_at is not None:  # nobody out of service acts in a post (services/org/departures.py)
        problems.append(departed_problem(("input", "nip"), person, "person"))
    if data.ends_on < data.starts_on:
        problems.append(Problem(("input", "endsOn"), "BEFORE_START",
                                f"the last day {data.ends_on.isoformat()} is before the first "
                                f"{data.starts_on.isoformat()}",
                                params={"end": data.ends_on.isoformat(), "start": data.starts_on.isoformat()}))
    elif (data.ends_on - data.starts_on).days + 1 > ACTING_MAX_DAYS:
        problems.append(Problem(("input", "endsOn"), "TOO_LONG",
                                f"one decree covers at most {ACTING_MAX_DAYS} days; record a longer spell as a "
                                "new decree", params={"days": ACTING_MAX_DAYS}))
    if not problems and person is not None:
        holder = await placements.holder_at(post.id, data.starts_on)
        if holder == person.id:
            problems.append(Problem(("input", "nip"), "HOLDS_POST", f"{person.nip} holds the post: nobody acts for "
                                                                    "themselves"))
        elif data.kind == "PLT" and holder is not None:
            problems.append(Problem(("input", "kind"), "POST_HELD",
                                    f"the post is held on {data.starts_on.isoformat()}: a Plt fills a vacant post; "
                                    "for a holder who is away appoint a Plh"))
        elif data.kind == "PLH" and holder is None:
            problems.append(Problem(("input", "kind"), "POST_VACANT",
                                    f"the post is vacant on {data.starts_on.isoformat()}: a Plh stands in for a "
                                    "holder who is away; for a vacant post appoint a Plt"))
        overlap = await ActingAssignment.filter(post_id=post.id, starts_on__lte=data.ends_on,
                                                ends_on__gte=data.starts_on).first()
        if overlap is not None:
            problems.append(Problem(("input", "startsOn"), "OVERLAPS",
                                    f"acting assignment {overlap.id} already covers {overlap.starts_on.isoformat()} "
                                    f"to {overlap.ends_on.isoformat()} in this post",
                                    params={"start": overlap.starts_on, "end": overlap.ends_on}))
    if problems:
        raise InputError(problems)
    async with in_transaction() as conn:
        row = await ActingAssignment.create(post_id=post.id, person_id=person.id, agency_id=post.agency_id,
                                            kind=data.kind, starts_on=data.starts_on, ends_on=data.ends_on,
                                            decree=data.decree.strip(), recorded_by=access.viewer.actor,
                                            recorded_at=dt.datetime.now(dt.timezone.utc), using_db=conn)
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "acting.appoint", "acting_assignment", str(row.id), None,
            {"post": post.id, "nip": person.nip, "kind": row.kind, "starts_on": row.starts_on.isoformat(),
             "ends_on": row.ends_on.isoformat(), "decree": row.decree})])
    return row


async def end_acting(access: Access, acting_id: int, last_day: dt.date) -> ActingAssignment:
    """End an acting assignment early (the holder is back, the post is filled): its last day moves earlier, never
    before its first day; the days already past stay as they were."""
    if not access.may_change_people:
        raise refusal(("input",), "only ADMIN or an agency admin may end acting assignments",
                      params={"action": "end_acting"})
    row = await ActingAssignment.get_or_none(id=acting_id)
    if row is None or not access.can_manage_agency(row.agency_id):
        raise InputError.one(("id",), "NOT_FOUND", f"no acting assignment {acting_id}",
                             params={"what": "acting", "key": str(acting_id)})
    if last_day < row.starts_on or last_day > row.ends_on:
        raise InputError.one(("lastDay",), "OUT_OF_RANGE",
                             f"the new last day must be between {row.starts_on.isoformat()} and "
                             f"{row.ends_on.isoformat()}",
                             params={"min": row.starts_on.isoformat(), "max": row.ends_on.isoformat()})
    if last_day < clock.today() - dt.timedelta(days=1):
        raise InputError.one(("lastDay",), "IN_THE_PAST", "an acting assignment ends today or later (yesterday at "
                                                          "the earliest): the days already past stay as they were")
    before = row.ends_on
    async with in_transaction() as conn:
        row.ends_on = last_day
        await row.save(using_db=conn, update_fields=["ends_on"])
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "acting.end", "acting_assignment", str(row.id), {"ends_on": before.isoformat()},
            {"ends_on": last_day.isoformat()})])
    return row


__all__ = ["ActingData", "PostData", "TransferData", "appoint_acting", "create_post", "end_acting",
           "record_upsert_moves", "transfer"]
