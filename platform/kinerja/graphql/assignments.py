"""Posts, assignments and acting officials: Person.assignments, Person.assessingOfficial, Unit.headPost,
Unit.headAt, the posts and actingAssignments lists, and createPost, transferPerson, appointActing, endActing
(services/org/transfers.py, services/org/placements.py; docs/DOMAIN.md, "Posts, assignments and acting officials").

Officials (supervisors, heads, acting officials) appear as `Official` (name, NIP, position), never as a Person with
its edges: reading one's own history or one's assessor gives no way into their records."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Optional

import strawberry

from kinerja.graphql import cost
from kinerja.graphql.context import Info
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.graphql.inputs import input_id, parse_id
from kinerja.graphql.officials import Official
from kinerja.services.org import assignment_reads as reads
from kinerja.services.org import transfers
from kinerja.services.skp import post_change
from kinerja.services.org.placements import Official as Held


@strawberry.enum(description="The kind of a post: STRUKTURAL (a unit's head, and other structural posts), "
                             "FUNGSIONAL (a functional post, e.g. a teacher), PELAKSANA (an executor).")
class PostKind(Enum):
    STRUKTURAL = "STRUKTURAL"
    FUNGSIONAL = "FUNGSIONAL"
    PELAKSANA = "PELAKSANA"


@strawberry.enum(description="An acting official: PLT (pelaksana tugas, the post is vacant) or PLH (pelaksana "
                             "harian, the holder is away).")
class ActingKind(Enum):
    PLT = "PLT"
    PLH = "PLH"


@strawberry.type(description="A post (jabatan) of an agency; a unit's head post names the unit it heads.")
class Post:
    id: strawberry.ID
    name: str
    kind: PostKind
    agency_code: str
    unit_code: Optional[str] = strawberry.field(description="The unit the post belongs to, if any.")
    heads_unit: Optional[str] = strawberry.field(description="The code of the unit this post heads, if it is a "
                                                             "head post.")

    @classmethod
    def of(cls, p: reads.PostRow) -> "Post":
        return cls(id=strawberry.ID(str(p.id)), name=p.name, kind=PostKind(p.kind), agency_code=p.agency_code,
                   unit_code=p.unit_code, heads_unit=p.heads_unit)


@strawberry.type(description="Who holds a post's authority on a date: its holder, or an acting official (Plt, "
                             "Plh) with the decree.")
class PostAuthority:
    official: Official
    acting: Optional[ActingKind] = strawberry.field(description="PLT or PLH when an acting official; null for the "
                                                                "holder.")
    decree: Optional[str] = strawberry.field(description="The acting official's decree number.")
    post: Optional[Post] = strawberry.field(description="The post whose authority this is, if any (a supervisor "
                                                        "without a head post has none).")


@strawberry.type(description="One assignment of a person: where they were, in which post, under whom, from when "
                             "to when. Today's has no end.")
class Assignment:
    since: Optional[dt.date] = strawberry.field(description="The first day; null: since before the records.")
    until: Optional[dt.date] = strawberry.field(description="The last day; null: in force today.")
    agency_code: str
    unit_code: Optional[str]
    unit_name: Optional[str]
    post: Optional[Post]
    position: str
    supervisor: Optional[Official]
    reports_to_post: Optional[Post] = strawberry.field(description="While the supervisor's post was vacant: that "
                                                                   "post (its holder or acting official assessed).")
    reason: Optional[str] = strawberry.field(description="Why it ended (the transfer's reason).")
    skp_revision: Optional[int] = strawberry.field(description="The SKP of this post: the number of the SKP revision "
                                                               "in force when it ended (the SKP per post).")


@strawberry.type(description="An acting assignment: a Plt or Plh in a unit's head post, by decree, for a range of "
                             "days.")
class ActingAssignment:
    id: strawberry.ID
    kind: ActingKind
    post: Post
    official: Official
    starts_on: dt.date
    ends_on: dt.date
    decree: str


async def authority(held: Optional[Held]) -> Optional[PostAuthority]:
    if held is None:
        return None
    found = await reads.authority_view(held)
    return PostAuthority(official=Official(**found.official), acting=ActingKind(held.acting) if held.acting else None,
                         decree=held.decree, post=Post.of(found.post) if found.post else None)


def _acting(row: reads.ActingRow) -> ActingAssignment:
    return ActingAssignment(id=strawberry.ID(str(row.id)), kind=ActingKind(row.kind), post=Post.of(row.post),
                            official=Official(**row.official), starts_on=row.starts_on, ends_on=row.ends_on,
                            decree=row.decree)


async def history_of(person_id: int, first: int) -> list[Assignment]:
    """At most `first` of the person's assignments, today's first (the caller sees the person)."""
    return [Assignment(since=r.since, until=r.until, agency_code=r.agency_code, unit_code=r.unit_code,
                       unit_name=r.unit_name, post=Post.of(r.post) if r.post else None, position=r.position,
                       supervisor=Official(**r.supervisor) if r.supervisor else None,
                       reports_to_post=Post.of(r.reports_to_post) if r.reports_to_post else None, reason=r.reason,
                       skp_revision=r.skp_revision)
            for r in await reads.history(person_id, first)]


@strawberry.input(description="Where a person goes from an effective date (a transfer, a change of post or of "
                              "supervisor).")
class TransferInput:
    nip: str
    effective: dt.date = strawberry.field(description="The first day of the new assignment: today or earlier, and "
                                                      "not before the current one began.")
    reason: str = strawberry.field(description="Why (the decree's number and date, for example).")
    unit: Optional[str] = strawberry.field(description="The unit's code in the (new) agency; null: no unit.")
    agency: Optional[str] = strawberry.field(default=None, description="The new agency's code; omitted: the same "
                                                                       "agency (moving between agencies is ADMIN's).")
    post: Optional[strawberry.ID] = strawberry.field(default=None, description="A post of the agency (a unit's head "
                                                                               "post must be vacant); omitted: none.")
    position: Optional[str] = strawberry.field(default=None, description="The position's name; omitted: the post's "
                                                                         "name, or the position kept.")
    supervisor: Optional[str] = strawberry.field(
        default=None, description="The new supervisor's NIP; omitted: the head of the new unit (of its parent unit "
                                  "for the unit's new head), or the vacant head post reported to.")


@strawberry.input(description="A new post of an agency.")
class PostInput:
    agency: str
    name: str
    kind: PostKind
    unit: Optional[str] = None
    heads_unit: bool = strawberry.field(default=False, description="The unit's head post (one per unit; STRUKTURAL).")


@strawberry.input(description="A Plt or Plh in a unit's head post.")
class ActingInput:
    post: strawberry.ID
    nip: str
    kind: ActingKind
    starts_on: dt.date
    ends_on: dt.date
    decree: str


@strawberry.type
class TransferPayload:
    assignments: Optional[list[Assignment]] = strawberry.field(description="The person's assignments after the "
                                                                           "transfer, today's first (at most 20).")
    errors: list[UserError]


@strawberry.type
class PostPayload:
    post: Optional[Post]
    errors: list[UserError]


@strawberry.type
class ActingPayload:
    acting: Optional[ActingAssignment]
    errors: list[UserError]


@strawberry.type
class Query:
    @strawberry.field(description="The posts of an agency (ADMIN, the agency's admin), head posts first.")
    async def posts(self, info: Info, agency: str,
                    first: Annotated[Optional[int], strawberry.argument(description=cost.PAGE_HELP)] = 200
                    ) -> list[Post]:
        first = cost.first_of("Query.posts", first, info.context.settings.max_page_size)
        return [Post.of(p) for p in await reads.posts(info.context.access, agency, first)]

    @strawberry.field(description="The acting assignments (Plt, Plh) of an agency in force on `activeOn` (default "
                                  "today) or later (ADMIN, the agency's admin).")
    async def acting_assignments(
        self, info: Info, agency: str, active_on: Optional[dt.date] = None,
        first: Annotated[Optional[int], strawberry.argument(description=cost.PAGE_HELP)] = 100,
    ) -> list[ActingAssignment]:
        first = cost.first_of("Query.actingAssignments", first, info.context.settings.max_page_size)
        rows = await reads.acting_assignments(info.context.access, agency, active_on, first)
        return [_acting(r) for r in rows]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="A post of an agency (ADMIN, the agency's admin); audited.")
    @handle_errors(refusals=True)
    async def create_post(self, info: Info, input: PostInput) -> PostPayload:
        done = await transfers.create_post(info.context.access, transfers.PostData(
            agency=input.agency, name=input.name, kind=input.kind.value, unit=input.unit,
            heads_unit=input.heads_unit))
        return PostPayload(post=Post.of(await reads.post_row(done.id)), errors=[])

    @strawberry.mutation(description="Move a person from an effective date: unit, post, position, supervisor, "
                                     "agency (ADMIN, the agency's admin). The assignment until the day before is "
                                     "kept; past assessments stay as they are; audited.")
    @handle_errors(refusals=True)
    async def transfer_person(self, info: Info, input: TransferInput) -> TransferPayload:
        done = await transfers.transfer(info.context.access, transfers.TransferData(
            nip=input.nip, effective=input.effective, reason=input.reason, unit=input.unit, agency=input.agency,
            post=input_id(input.post, ("input", "post")), position=input.position, supervisor=input.supervisor),
            after_move=post_change.open_for_new_post)
        return TransferPayload(assignments=await history_of(done.id, 20), errors=[])

    @strawberry.mutation(description="Appoint a Plt (vacant post) or Plh (holder away) in a unit's head post for a "
                                     "range of days, by decree (ADMIN, the agency's admin); audited.")
    @handle_errors(refusals=True)
    async def appoint_acting(self, info: Info, input: ActingInput) -> ActingPayload:
        post = parse_id(input.post)  # an ID that names no row is NOT_FOUND beside the input's other problems
        done = await transfers.appoint_acting(info.context.access, transfers.ActingData(
            post=post, nip=input.nip, kind=input.kind.value, starts_on=input.starts_on, ends_on=input.ends_on,
            decree=input.decree))
        return ActingPayload(acting=_acting(await reads.acting_row(done.id)), errors=[])

    @strawberry.mutation(description="End an acting assignment early: its last day moves to `lastDay` (not before "
                                     "yesterday); audited.")
    @handle_errors(refusals=True)
    async def end_acting(self, info: Info, id: strawberry.ID, last_day: dt.date) -> ActingPayload:
        done = await transfers.end_acting(info.context.access, input_id(id, ("id",)), last_day)
        return ActingPayload(acting=_acting(await reads.acting_row(done.id)), errors=[])


__all__ = ["ActingAssignment", "Assignment", "Mutation", "Post", "PostAuthority", "Query", "authority", "history_of"]
