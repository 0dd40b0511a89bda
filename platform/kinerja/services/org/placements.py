"""Who was where on a date: a person's assignment in force, who holds or acts in a post, who heads a unit, and who
is a person's assessing official on a date (docs/DOMAIN.md, "Posts, assignments and acting officials").

A person's assignment in force today is the person row (since `assigned_since`); earlier ones are `Assignment`
rows. Before the first recorded assignment, the earliest one holds (the records begin somewhere: a person imported
in March was somewhere in January, and the first thing known of them is the best answer).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Q

from kinerja.models import ActingAssignment, Assignment, Person, Post, Unit

PLT, PLH = "PLT", "PLH"
ACTING_KINDS = (PLT, PLH)
POST_KINDS = ("STRUKTURAL", "FUNGSIONAL", "PELAKSANA")


@dataclass(frozen=True)
class Placement:
    """One assignment of a person: the current one (`ends_on` None) or a past one."""

    person_id: int
    agency_id: int
    unit_id: int | None
    post_id: int | None
    position: str
    supervisor_id: int | None
    reports_to_post_id: int | None
    starts_on: dt.date | None  # None: since before the records
    ends_on: dt.date | None  # None: in force today
    reason: str | None = None
    recorded_by: str | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.starts_on is None or self.starts_on <= day) and (self.ends_on is None or day <= self.ends_on)


@dataclass(frozen=True)
class Official:
    """Who holds a post's authority on a date: the holder, or an acting official (`acting`: PLT | PLH)."""

    person_id: int
    post_id: int | None = None
    acting: str | None = None
    decree: str | None = None
    acting_id: int | None = None


def current(person: Any) -> Placement:
    return Placement(person.id, person.agency_id, person.unit_id, person.post_id, person.position,
                     person.supervisor_id, person.reports_to_post_id, person.assigned_since, None)


def _past(row: Assignment) -> Placement:
    return Placement(row.person_id, row.agency_id, row.unit_id, row.post_id, row.position, row.supervisor_id,
                     row.reports_to_post_id, row.starts_on, row.ends_on, row.reason, row.recorded_by)


async def placement_at(person: Any, day: dt.date) -> Placement:
    """The person's assignment in force on `day` (before the records: the earliest)."""
    if person.assigned_since is None or day >= person.assigned_since:
        return current(person)
    rows = await Assignment.filter(person_id=person.id).order_by("ends_on", "id")
    for row in rows:
        if (row.starts_on is None or row.starts_on <= day) and day <= row.ends_on:
            return _past(row)
    return _past(rows[0]) if rows else current(person)


async def holder_at(post_id: int, day: dt.date) -> int | None:
    """The person who held the post (not acting) on `day`, or None when it was vacant."""
    past = await Assignment.filter(Q(starts_on__lte=day) | Q(starts_on__isnull=True), post_id=post_id,
                                   ends_on__gte=day).order_by("ends_on").first()
    if past is not None:
        return past.person_id
    now = await Person.filter(post_id=post_id).only("id", "assigned_since").first()
    if now is not None and (now.assigned_since is None or now.assigned_since <= day):
        return now.id
    return None


async def acting_at(post_id: int, day: dt.date) -> ActingAssignment | None:
    """The acting assignment in force on the post on `day` (the latest appointed when two overlap)."""
    return await ActingAssignment.filter(post_id=post_id, starts_on__lte=day, ends_on__gte=day).order_by(
        "-starts_on", "-id").first()


async def post_authority_at(post_id: int, day: dt.date) -> Official | None:
    """Who holds the post's authority on `day`: an acting official (Plh: the holder is away; Plt: the post is
    vacant) before the holder; None when the post is vacant and nobody acts."""
    acting = await acting_at(post_id, day)
    if acting is not None:
        return Official(acting.person_id, post_id, acting.kind, acting.decree, acting.id)
    holder = await holder_at(post_id, day)
    return Official(holder, post_id) if holder is not None else None


async def head_at(unit_id: int, day: dt.date) -> Official | None:
    """Who heads the unit on `day`: read from its head post (no head post, or vacant and nobody acting: None)."""
    post = await Post.filter(head_of_id=unit_id).only("id").first()
    return await post_authority_at(post.id, day) if post is not None else None


async def head_post_of(post_id: int | None) -> Post | None:
    """The post when it is a unit's head post."""
    if post_id is None:
        return None
    return await Post.filter(id=post_id, head_of_id__isnull=False).first()


async def _supervised_in(person_id: int, agency_id: int, day: dt.date) -> bool:
    """The person reported, on `day`, to someone (or to a post) of this agency."""
    person = await Person.get(id=person_id)
    placed = await placement_at(person, day)
    if placed.supervisor_id is not None:
        supervisor = await Person.get_or_none(id=placed.supervisor_id)
        return supervisor is not None and (await placement_at(supervisor, day)).agency_id == agency_id
    if placed.reports_to_post_id is not None:
        return await Post.filter(id=placed.reports_to_post_id, agency_id=agency_id).exists()
    return False


async def agency_head_post(agency_id: int, day: dt.date) -> Post | None:
    """The head post of the agency on `day`: the head post of its root unit (a unit without a parent). Where the
    agency has several root units (a Pimpinan unit beside the Sekretariat and the Bidang), the one whose holder then
    reports to nobody in the agency (their superior is outside it, or there is none), or, when every held one
    reports within the agency, the only vacant one (its Plt acts as the head). None when that names no single post."""
    posts = await Post.filter(agency_id=agency_id, head_of__parent_id=None,
                              head_of__agency_id=agency_id).order_by("head_of_id")
    if len(posts) <= 1:
        return posts[0] if posts else None
    top, vacant = [], []
    for post in posts:
        holder = await holder_at(post.id, day)
        if holder is None:
            vacant.append(post)
        elif not await _supervised_in(holder, agency_id, day):
            top.append(post)
    if len(top) == 1:
        return top[0]
    return vacant[0] if not top and len(vacant) == 1 else None


async def assessing_official(person: Any, day: dt.date) -> Official | None:
    """The person's assessing official on `day` (docs/DOMAIN.md): their supervisor then, unless the supervisor's
    head post had an acting official then (the acting official); while the supervisor's post was vacant, whoever
    held or acted in that post then. None: nobody (an agency head whose superior is outside the platform, or a vacant
    post with nobody acting): ADMIN stands in."""
    placed = await placement_at(person, day)
    if placed.supervisor_id is not None:
        supervisor = await Person.filter(id=placed.supervisor_id).first()
        their_post = (await placement_at(supervisor, day)).post_id if supervisor is not None else None
        if await head_post_of(their_post) is not None:
            acting = await acting_at(their_post, day)
            if acting is not None and acting.person_id != person.id:
                return Official(acting.person_id, their_post, acting.kind, acting.decree, acting.id)
        return Official(placed.supervisor_id, their_post)
    if placed.reports_to_post_id is not None:
        official = await post_authority_at(placed.reports_to_post_id, day)
        if official is not None and official.person_id != person.id:
            return official
    return None


async def headed_unit(person: Any, day: dt.date) -> Unit | None:
    """The unit whose head post the person held on `day` (not acting), or None."""
    placed = await placement_at(person, day)
    post = await head_post_of(placed.post_id)
    return await Unit.get_or_none(id=post.head_of_id) if post is not None else None


# -- the same rules for many people and days at once (a fixed number of statements) ---------------------------------

def _placement_in(person: Any, rows: list[Assignment], day: dt.date) -> Placement:
    """placement_at with the person's past assignments already read (ordered by ends_on, id)."""
    if person.assigned_since is None or day >= person.assigned_since:
        return current(person)
    for row in rows:
        if (row.starts_on is None or row.starts_on <= day) and day <= row.ends_on:
            return _past(row)
    return _past(rows[0]) if rows else current(person)


async def _histories(people: list[Any], days: set[dt.date]) -> dict[int, list[Assignment]]:
    """The past assignments of those of `people` whose current one began after one of `days` (one statement)."""
    first = min(days)
    ids = sorted({p.id for p in people if p.assigned_since is not None and first < p.assigned_since})
    found: dict[int, list[Assignment]] = {}
    if ids:
        for row in await Assignment.filter(person_id__in=ids).order_by("person_id", "ends_on", "id"):
            found.setdefault(row.person_id, []).append(row)
    return found


def _acting_in(rows: list[ActingAssignment], post_id: int, day: dt.date) -> ActingAssignment | None:
    """acting_at over rows already read: the latest appointed in force that day."""
    best = None
    for row in rows:
        if row.post_id == post_id and row.starts_on <= day <= row.ends_on and (
                best is None or (row.starts_on, row.id) > (best.starts_on, best.id)):
            best = row
    return best


async def assessing_officials(wanted: list[tuple[Any, dt.date]]) -> dict[tuple[int, dt.date], Official | None]:
    """assessing_official for many (person, day) pairs at once: the same rule (docs/DOMAIN.md, "Posts, assignments
    and acting officials"), read in at most eight statements whatever the number of people and days (the tasks of a
    supervisor: services/tasks). Keyed (person id, day)."""
    if not wanted:
        return {}
    days = {day for _, day in wanted}
    people = list({p.id: p for p, _ in wanted}.values())
    history = await _histories(people, days)
    placed = {(p.id, day): _placement_in(p, history.get(p.id, []), day) for p, day in wanted}
    sup_ids = sorted({pl.supervisor_id for pl in placed.values() if pl.supervisor_id is not None})
    supervisors = {p.id: p for p in await Person.filter(id__in=sup_ids)} if sup_ids else {}
    sup_history = await _histories(list(supervisors.values()), days) if supervisors else {}
    their_post: dict[tuple[int, dt.date], int | None] = {}
    for (pid, day), pl in placed.items():
        sup = supervisors.get(pl.supervisor_id) if pl.supervisor_id is not None else None
        if sup is not None:
            their_post[(pid, day)] = _placement_in(sup, sup_history.get(sup.id, []), day).post_id
    sup_posts = sorted({post for post in their_post.values() if post is not None})
    head_posts = set(await Post.filter(id__in=sup_posts, head_of_id__isnull=False).values_list("id", flat=True)
                     ) if sup_posts else set()
    vacant = sorted({pl.reports_to_post_id for pl in placed.values()
                     if pl.supervisor_id is None and pl.reports_to_post_id is not None})
    acted_on = sorted(head_posts | set(vacant))
    acting = await ActingAssignment.filter(post_id__in=acted_on, starts_on__lte=max(days),
                                           ends_on__gte=min(days)) if acted_on else []
    past_holders: list[Assignment] = []
    now_holders: list[Any] = []
    if vacant:
        past_holders = await Assignment.filter(post_id__in=vacant, ends_on__gte=min(days)).order_by("ends_on", "id")
        now_holders = await Person.filter(post_id__in=vacant).only("id", "post_id", "assigned_since").order_by("id")

    def holder(post_id: int, day: dt.date) -> int | None:  # holder_at over the rows read
        for row in past_holders:
            if row.post_id == post_id and (row.starts_on is None or row.starts_on <= day) and row.ends_on >= day:
                return row.person_id
        now = next((p for p in now_holders if p.post_id == post_id), None)
        if now is not None and (now.assigned_since is None or now.assigned_since <= day):
            return now.id
        return None

    found: dict[tuple[int, dt.date], Official | None] = {}
    for (pid, day), pl in placed.items():
        official: Official | None = None
        if pl.supervisor_id is not None:
            post = their_post.get((pid, day))
            row = _acting_in(acting, post, day) if post in head_posts else None
            if row is not None and row.person_id != pid:
                official = Official(row.person_id, post, row.kind, row.decree, row.id)
            else:
                official = Official(pl.supervisor_id, post)
        elif pl.reports_to_post_id is not None:
            post = pl.reports_to_post_id
            row = _acting_in(acting, post, day)
            if row is not None:
                authority = Official(row.person_id, post, row.kind, row.decree, row.id)
            else:
                held = holder(post, day)
                authority = Official(held, post) if held is not None else None
            if authority is not None and authority.person_id != pid:
                official = authority
        found[(pid, day)] = official
    return found


async def assessed_candidates(official_id: int | None, days: set[dt.date]) -> list[Person]:
    """Everyone whose assessing official on one of `days` may be this person (official_id), or may be nobody
    (official_id None: ADMIN stands in): a superset, each to be decided by assessing_officials. Their supervisor
    or the post they reported to then was the official's, or a post the official acted in, or held by someone
    whose head post the official acted in. A fixed number of statements (at most eight)."""
    if not days:
        return []
    first, last = min(days), max(days)
    person_q: list[Q] = []
    past_q: list[Q] = []
    if official_id is None:
        person_q.append(Q(supervisor_id__isnull=True))
        past_q.append(Q(supervisor_id__isnull=True))
    else:
        acting = await ActingAssignment.filter(person_id=official_id, starts_on__lte=last, ends_on__gte=first)
        acted = sorted({a.post_id for a in acting})
        me = await Person.filter(id=official_id).only("id", "post_id").first()
        held = {me.post_id} if me is not None and me.post_id is not None else set()
        held |= set(await Assignment.filter(person_id=official_id, ends_on__gte=first, post_id__isnull=False)
                    .values_list("post_id", flat=True))
        supervisors = {official_id}
        if acted:  # whoever held a post the official acted in: their staff are the official's then
            supervisors |= set(await Person.filter(post_id__in=acted).values_list("id", flat=True))
            supervisors |= set(await Assignment.filter(post_id__in=acted, ends_on__gte=first)
                               .values_list("person_id", flat=True))
        posts = sorted(held | set(acted))
        person_q.append(Q(supervisor_id__in=sorted(supervisors)))
        past_q.append(Q(supervisor_id__in=sorted(supervisors)))
        if posts:
            person_q.append(Q(reports_to_post_id__in=posts))
            past_q.append(Q(reports_to_post_id__in=posts))
    now = {p.id: p for p in await Person.filter(Q(*person_q, join_type=Q.OR))}
    earlier = set(await Assignment.filter(Q(*past_q, join_type=Q.OR), ends_on__gte=first)
                  .values_list("person_id", flat=True)) - set(now)
    if earlier:
        now.update({p.id: p for p in await Person.filter(id__in=sorted(earlier))})
    return sorted(now.values(), key=lambda p: p.id)
