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
