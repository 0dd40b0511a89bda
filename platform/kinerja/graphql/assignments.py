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
from kinerja.services.org import credit_coefficients, transfers
from kinerja.services.skp import post_change
from kinerja.services.org.placements import Official as Held


@strawberry.enum(description="The kind of a post: STRUKTURAL (a unit's head, and other structural posts), "
                             "FUNGSIONAL (a functional post, e.g. a teacher), PELAKSANA (an executor).")
class PostKind(Enum):
    STRUKTURAL = strawberry.enum_value("STRUKTURAL", description="A structural post (jabatan struktural); a unit's "
                                                                 "head post is one.")
    FUNGSIONAL = strawberry.enum_value("FUNGSIONAL", description="A functional post (jabatan fungsional), e.g. a "
                                                                 "teacher.")
    PELAKSANA = strawberry.enum_value("PELAKSANA", description="An executor's post (jabatan pelaksana).")


@strawberry.enum(description="An acting official: PLT (pelaksana tugas, the post is vacant) or PLH (pelaksana "
                             "harian, the holder is away).")
class ActingKind(Enum):
    PLT = strawberry.enum_value("PLT", description="Pelaksana tugas: fills a head post that is vacant on the first "
                                                   "day.")
    PLH = strawberry.enum_value("PLH", description="Pelaksana harian: stands in for a head post's holder who is "
                                                   "away.")


@strawberry.type(description="A post (jabatan) of an agency; a unit's head post names the unit it heads.")
class Post:
    id: strawberry.ID = strawberry.field(description="The post's ID, as TransferInput.post and ActingInput.post take "
                                                     "it.")
    name: str = strawberry.field(description="The post's name: the position of whoever is placed in it, unless "
                                             "their transfer names another.")
    kind: PostKind = strawberry.field(description="Structural, functional or executor's post.")
    agency_code: str = strawberry.field(description="The code of the agency the post belongs to.")
    unit_code: Optional[str] = strawberry.field(description="The unit the post belongs to, if any.")
    heads_unit: Optional[str] = strawberry.field(description="The code of the unit this post heads, if it is a "
                                                             "head post.")
    credit_coefficient: Optional[float] = strawberry.field(
        description="A functional post's annual credit-point coefficient (koefisien angka kredit, e.g. 12.5 for Ahli "
                    "Pertama); null: none (docs/DOMAIN.md, \"Credit points\").")

    @classmethod
    def of(cls, p: reads.PostRow) -> "Post":
        return cls(id=strawberry.ID(str(p.id)), name=p.name, kind=PostKind(p.kind), agency_code=p.agency_code,
                   unit_code=p.unit_code, heads_unit=p.heads_unit,
                   credit_coefficient=float(p.credit_coefficient) if p.credit_coefficient is not None else None)


@strawberry.type(description="Who holds a post's authority on a date: its holder, or an acting official (Plt, "
                             "Plh) with the decree.")
class PostAuthority:
    official: Official = strawberry.field(description="The holder or the acting official, by name, NIP and position.")
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
    agency_code: str = strawberry.field(description="The code of the agency the person was in.")
    unit_code: Optional[str] = strawberry.field(description="The code of the unit the person was in; null: no unit.")
    unit_name: Optional[str] = strawberry.field(description="That unit's name as recorded today; null: no unit.")
    post: Optional[Post] = strawberry.field(description="The post the person held; null: none recorded.")
    position: str = strawberry.field(description="The position (jabatan) the person held, as text.")
    supervisor: Optional[Official] = strawberry.field(
        description="The direct supervisor (name, NIP and position as recorded today); null: none, e.g. while "
                    "reporting to a vacant post (`reportsToPost`).")
    reports_to_post: Optional[Post] = strawberry.field(description="While the supervisor's post was vacant: that "
                                                                   "post (its holder or acting official assessed).")
    reason: Optional[str] = strawberry.field(description="Why it ended (the transfer's reason).")
    skp_revision: Optional[int] = strawberry.field(description="The SKP of this post: the number of the SKP revision "
                                                               "in force when it ended (the SKP per post).")


@strawberry.type(description="An acting assignment: a Plt or Plh in a unit's head post, by decree, for a range of "
                             "days.")
class ActingAssignment:
    id: strawberry.ID = strawberry.field(description="The acting assignment's ID, as endActing takes it.")
    kind: ActingKind = strawberry.field(description="PLT (the post is vacant) or PLH (its holder is away).")
    post: Post = strawberry.field(description="The unit's head post acted in.")
    official: Official = strawberry.field(description="The acting official, by name, NIP and position.")
    starts_on: dt.date = strawberry.field(description="The first day acting (YYYY-MM-DD), included.")
    ends_on: dt.date = strawberry.field(description="The last day acting (YYYY-MM-DD), included; moved earlier by "
                                                    "endActing, or for a Plt when someone takes the post.")
    decree: str = strawberry.field(description="The number of the decree that appoints the acting official.")


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
    kind: PostKind = strawberry.field(description="The post's kind; a head post (`headsUnit`) is STRUKTURAL.")
    unit: Optional[str] = None
    heads_unit: bool = strawberry.field(default=False, description="The unit's head post (one per unit; STRUKTURAL).")
    coefficient: Optional[float] = strawberry.field(
        default=None, description="A FUNGSIONAL post's annual credit-point coefficient: more than 0, at most 100, two "
                                  "decimals at most (else OUT_OF_RANGE, INVALID_VALUE; another kind: "
                                  "NOT_FUNCTIONAL_POST); omitted: none.")


@strawberry.input(description="A Plt or Plh in a unit's head post.")
class ActingInput:
    post: strawberry.ID
    nip: str
    kind: ActingKind = strawberry.field(description="PLT for a post that is vacant on `startsOn`, PLH for a post that "
                                                    "is held then (the holder away).")
    starts_on: dt.date = strawberry.field(description="The first day acting (YYYY-MM-DD), included.")
    ends_on: dt.date = strawberry.field(description="The last day acting (YYYY-MM-DD), included: not before "
                                                    "`startsOn`, at most 366 days in all, and not overlapping "
                                                    "another acting assignment of the post.")
    decree: str


@strawberry.type(description="The answer of transferPerson: the person's assignments after the move, or the "
                             "input's problems.")
class TransferPayload:
    assignments: Optional[list[Assignment]] = strawberry.field(description="The person's assignments after the "
                                                                           "transfer, today's first (at most 20).")
    errors: list[UserError] = strawberry.field(description="What is wrong with the input (path, code, message) when "
                                                           "nothing was written; empty on success.")


@strawberry.type(description="The answer of createPost: the new post, or the input's problems.")
class PostPayload:
    post: Optional[Post] = strawberry.field(description="The post created; null when nothing was written.")
    errors: list[UserError] = strawberry.field(description="What is wrong with the input (path, code, message) when "
                                                           "nothing was written; empty on success.")


@strawberry.type(description="The answer of appointActing and endActing: the acting assignment as stored, or the "
                             "input's problems.")
class ActingPayload:
    acting: Optional[ActingAssignment] = strawberry.field(description="The acting assignment as stored after the "
                                                                      "change; null when nothing was written.")
    errors: list[UserError] = strawberry.field(description="What is wrong with the input (path, code, message) when "
                                                           "nothing was written; empty on success.")


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
        self, info: Info, agency: str,
        active_on: Annotated[Optional[dt.date], strawberry.argument(
            description="The day (YYYY-MM-DD) from which on: those ending on or after it, by first day; null: "
                        "today.")] = None,
        first: Annotated[Optional[int], strawberry.argument(description=cost.PAGE_HELP)] = 100,
    ) -> list[ActingAssignment]:
        first = cost.first_of("Query.actingAssignments", first, info.context.settings.max_page_size)
        rows = await reads.acting_assignments(info.context.access, agency, active_on, first)
        return [_acting(r) for r in rows]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="A post of an agency (ADMIN, the agency's admin); audited.")
    @handle_errors(refusals=True)
    async def create_post(
        self, info: Info,
        input: Annotated[PostInput, strawberry.argument(description="The agency, name and kind of the post, and the "
                                                                    "unit it belongs to or heads.")],
    ) -> PostPayload:
        done = await transfers.create_post(info.context.access, transfers.PostData(
            agency=input.agency, name=input.name, kind=input.kind.value, unit=input.unit,
            heads_unit=input.heads_unit, coefficient=input.coefficient))
        return PostPayload(post=Post.of(await reads.post_row(done.id)), errors=[])

    @strawberry.mutation(description="Set or clear a FUNGSIONAL post's annual credit-point coefficient (ADMIN, the "
                                     "post's agency admin); audited. Credit points read it for every year "
                                     "(docs/DOMAIN.md, \"Credit points\").")
    @handle_errors(refusals=True)
    async def set_post_credit_coefficient(
        self, info: Info,
        post: Annotated[strawberry.ID, strawberry.argument(description="The post's ID (`posts`); another agency's "
                                                                       "reads as NOT_FOUND.")],
        coefficient: Annotated[Optional[float], strawberry.argument(
            description="The annual coefficient: more than 0, at most 100, two decimals at most (else OUT_OF_RANGE, "
                        "INVALID_VALUE); null (or left out) clears it. A post that is not FUNGSIONAL: "
                        "NOT_FUNCTIONAL_POST.")] = None,
        reason: Annotated[Optional[str], strawberry.argument(description="Why (the regulation or decree), kept in "
                                                                         "the audit trail.")] = None,
    ) -> PostPayload:
        post_id = parse_id(post)  # an ID that names no row is NOT_FOUND beside the input's other problems
        done = await credit_coefficients.set_coefficient(info.context.access, post_id, coefficient, reason)
        return PostPayload(post=Post.of(await reads.post_row(done.id)), errors=[])

    @strawberry.mutation(description="Move a person from an effective date: unit, post, position, supervisor, "
                                     "agency (ADMIN, the agency's admin). The assignment until the day before is "
                                     "kept; past assessments stay as they are; audited.")
    @handle_errors(refusals=True)
    async def transfer_person(
        self, info: Info,
        input: Annotated[TransferInput, strawberry.argument(description="Who moves, from which day, where to and "
                                                                        "why.")],
    ) -> TransferPayload:
        done = await transfers.transfer(info.context.access, transfers.TransferData(
            nip=input.nip, effective=input.effective, reason=input.reason, unit=input.unit, agency=input.agency,
            post=input_id(input.post, ("input", "post")), position=input.position, supervisor=input.supervisor),
            after_move=post_change.open_for_new_post)
        return TransferPayload(assignments=await history_of(done.id, 20), errors=[])

    @strawberry.mutation(description="Appoint a Plt (vacant post) or Plh (holder away) in a unit's head post for a "
                                     "range of days, by decree (ADMIN, the agency's admin); audited.")
    @handle_errors(refusals=True)
    async def appoint_acting(
        self, info: Info,
        input: Annotated[ActingInput, strawberry.argument(description="The head post, the acting official, the kind, "
                                                                      "the days and the decree.")],
    ) -> ActingPayload:
        post = parse_id(input.post)  # an ID that names no row is NOT_FOUND beside the input's other problems
        done = await transfers.appoint_acting(info.context.access, transfers.ActingData(
            post=post, nip=input.nip, kind=input.kind.value, starts_on=input.starts_on, ends_on=input.ends_on,
            decree=input.decree))
        return ActingPayload(acting=_acting(await reads.acting_row(done.id)), errors=[])

    @strawberry.mutation(description="End an acting assignment early: its last day moves to `lastDay` (not before "
                                     "yesterday); audited.")
    @handle_errors(refusals=True)
    async def end_acting(
        self, info: Info, id: strawberry.ID,
        last_day: Annotated[dt.date, strawberry.argument(
            description="The new last day (YYYY-MM-DD), included: within the assignment's days, and yesterday or "
                        "later.")],
    ) -> ActingPayload:
        done = await transfers.end_acting(info.context.access, input_id(id, ("id",)), last_day)
        return ActingPayload(acting=_acting(await reads.acting_row(done.id)), errors=[])


__all__ = ["ActingAssignment", "Assignment", "Mutation", "Post", "PostAuthority", "Query", "authority", "history_of"]
