"""People: the Person type with its supervisor tree, the keyset-paginated list, and upsertPeople."""

from __future__ import annotations

import dataclasses

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Optional

import strawberry
from strawberry.types.nodes import SelectedField

from kinerja import models
from kinerja.graphql import assignments, cost, credit_points, development, lazy
from kinerja.graphql.agencies import Agency, Unit
from kinerja.graphql.context import Info
from kinerja.graphql.enums import DepartureReason, EmploymentType
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.graphql.idempotency import DESCRIPTION as KEY_DESCRIPTION, keyed, token_caller
from kinerja.services.core.errors import BadArgument
from kinerja.graphql.pagination import PageInfo, check_first, decode_name_id_cursor, encode_cursor
from kinerja.graphql.inputs import bulk_input
from kinerja.services.evaluation import officials as officials_service
from kinerja.services.evaluation import ratings as ratings_service
from kinerja.services.org import agencies as agencies_service
from kinerja.services.org import people as service
from kinerja.services.skp import targets as targets_service

if TYPE_CHECKING:
    from kinerja.graphql.ratings import Rating
    from kinerja.graphql.targets import Target

# SKP items and ratings refer to people: their modules import this one
TargetType = Annotated["Target", strawberry.lazy("kinerja.graphql.targets")]

RatingType = Annotated["Rating", strawberry.lazy("kinerja.graphql.ratings")]


@strawberry.type(description="A person (pegawai) of an agency, addressed by NIP, with where they are today and what "
                             "relates to them. Seen by ADMIN, their agency's admin, themselves and those above them "
                             "in the supervisor tree (an acting official's included); others may meet them by "
                             "identity only (`identityOnly`).")
class Person:
    id: strawberry.Private[int]
    agency_id: strawberry.Private[int]
    unit_id: strawberry.Private[Optional[int]]
    supervisor_id: strawberry.Private[Optional[int]]
    nip: str = strawberry.field(description="The person's NIP: 18 digits, stored without spaces or dots.")
    name: str = strawberry.field(description="The person's name.")
    employment_type: EmploymentType = strawberry.field(description="PNS or PPPK.")
    position: str = strawberry.field(description="Today's position (jabatan), as text.")
    # a departure (services/org/departures.py): the day they left, and why; None while in service
    left_on: strawberry.Private[Optional[dt.date]] = None
    left_reason_code: strawberry.Private[Optional[str]] = None

    # relations loaded for a whole page by Query.people ("agency", "unit", "supervisor", ("rating", period)):
    # those fields then resolve synchronously; anything not preloaded goes through the per-request loaders
    preloaded: strawberry.Private[Optional[dict]] = None

    @classmethod
    def from_model(cls, m: models.Person) -> "Person":
        return cls(id=m.id, agency_id=m.agency_id, unit_id=m.unit_id, supervisor_id=m.supervisor_id,
                   nip=m.nip, name=m.name, employment_type=EmploymentType(m.employment_type), position=m.position,
                   left_on=m.left_at, left_reason_code=m.left_reason)

    @classmethod
    def from_row(cls, r: dict) -> "Person":
        """From a row of service.PERSON_COLUMNS."""
        return cls(id=r["id"], agency_id=r["agency_id"], unit_id=r["unit_id"], supervisor_id=r["supervisor_id"],
                   nip=r["nip"], name=r["name"], employment_type=EmploymentType(r["employment_type"]),
                   position=r["position"], left_on=r.get("left_at"), left_reason_code=r.get("left_reason"))

    @strawberry.field(description="The person left the service (retired, dismissed, deceased, moved out, made "
                                  "inactive): their records stay, they cannot sign in.")
    def departed(self) -> bool:
        return self.left_on is not None

    @strawberry.field(description="The day the person left the service (the first day out of it); null while in "
                                  "service.")
    def left_at(self) -> Optional[dt.date]:
        return self.left_on

    @strawberry.field(description="Why the person left the service; null while in service.")
    def left_reason(self) -> Optional[DepartureReason]:
        return DepartureReason(self.left_reason_code) if self.left_reason_code else None

    @strawberry.field(description="The agency the person is in today.")
    def agency(self, info: Info) -> Agency:
        pre = self.preloaded
        if pre is not None and "agency" in pre:
            return pre["agency"]
        return self._load_agency(info)

    async def _load_agency(self, info: Info) -> Agency:
        return Agency.from_model(await info.context.loaders.agency.load(self.agency_id))

    @strawberry.field(description="The unit the person is in today; null: none.")
    def unit(self, info: Info) -> Optional[Unit]:
        if self.unit_id is None:
            return None
        pre = self.preloaded
        if pre is not None and "unit" in pre:
            return pre["unit"]
        return self._load_unit(info)

    async def _load_unit(self, info: Info) -> Unit:
        return Unit.from_model(await info.context.loaders.unit.load(self.unit_id))

    @strawberry.field(description="The direct supervisor, when the viewer may see them; to the person themselves "
                                  "always by identity (name, NIP, position, agency, unit: `identityOnly`), when "
                                  "in an agency the viewer can see.")
    def supervisor(self, info: Info) -> Optional["Person"]:
        if self.supervisor_id is None:
            return None
        pre = self.preloaded
        if pre is not None and "supervisor" in pre and (pre["supervisor"] is not None or not self._own(info)):
            return pre["supervisor"]
        return self._load_supervisor(info)

    def _own(self, info: Info) -> bool:
        return self.id > 0 and info.context.access.stands_for(self.id)

    async def _load_supervisor(self, info: Info) -> Optional["Person"]:
        found = await info.context.loaders.person.load(self.supervisor_id)
        if found is not None:
            return Person.from_model(found)
        if not self._own(info):
            return None
        # one's own supervisor, above the viewer's scope: who they are, nothing through them (as an assessor)
        found = await info.context.loaders.assessor.load(self.supervisor_id)
        if found is None or not info.context.access.can_see_agency(found.agency_id):
            return None
        return identity_only(Person.from_model(found))

    @strawberry.field(description="True for a person shown by identity only (one's own supervisor, an assessor "
                                  "above the viewer): name, NIP, position, agency and unit; everything reached "
                                  "through them is empty, and `person(nip)` does not find them for this viewer.")
    def identity_only(self) -> bool:
        return self.id < 0

    @strawberry.field(description="The person's assignments (unit, post, position, supervisor, from when to when), "
                                  "today's first, then back in time.")
    async def assignments(self, info: Info,
                          first: Annotated[Optional[int], strawberry.argument(description=cost.PAGE_HELP)] = 20
                          ) -> list[assignments.Assignment]:
        first = cost.first_of("Person.assignments", first, info.context.settings.max_page_size)
        if self.id < 0:  # shown by identity only: nothing through them
            return []
        return await assignments.history_of(self.id, first + 1)

    @strawberry.field(description="Who assesses the person for `period`: their supervisor on the period's last "
                                  "day (today while it runs), or the acting official (Plt, Plh) in that "
                                  "supervisor's post then; null when nobody does (ADMIN stands in).")
    async def assessing_official(self, info: Info, period: str) -> Optional[assignments.PostAuthority]:
        if self.id < 0:  # shown by identity only: nothing through them
            return None
        return await assignments.authority(await officials_service.of_period_by_id(self.id, period))

    @strawberry.field(description="SKP items of this person in the cycle of that year.")
    async def targets(self, info: Info,
                      cycle: Annotated[int, strawberry.argument(description="The cycle's year, e.g. 2025.")],
                      first: Annotated[Optional[int], strawberry.argument(description=cost.PAGE_HELP)] = 100
                      ) -> list[TargetType]:
        first = cost.first_of("Person.targets", first, info.context.settings.max_page_size)
        rows = await targets_service.targets_of_person(self.id, cycle)
        target = lazy.resolve(TargetType)
        return [target.from_model(t, cycle) for t in rows[:first + 1]]

    @strawberry.field(description="Direct subordinates the viewer may see, by name.")
    async def subordinates(
        self, info: Info, first: Annotated[Optional[int], strawberry.argument(description=cost.PAGE_HELP)] = 100
    ) -> list["Person"]:
        first = cost.first_of("Person.subordinates", first, info.context.settings.max_page_size)
        return [Person.from_model(p) for p in (await info.context.loaders.subordinates.load(self.id))[:first + 1]]

    @strawberry.field(description="Development hours (JP) of the calendar year against the minimum "
                                  "(KINERJA_MIN_DEVELOPMENT_HOURS); null for a person shown by identity only.")
    async def development_hours(
        self, info: Info, year: Annotated[int, strawberry.argument(description="The calendar year.")],
    ) -> Optional[development.DevelopmentHours]:
        if self.id < 0:
            return None
        found = await info.context.loaders.development_hours.load(
            (self.id, year, info.context.settings.min_development_hours))
        return development.DevelopmentHours.of(found)

    @strawberry.field(description="Credit points (angka kredit) of the calendar year from the functional posts with a "
                                  "coefficient the person held in it; null when none was held, or for a person "
                                  "shown by identity only.")
    async def credit_points(
        self, info: Info, year: Annotated[int, strawberry.argument(description=credit_points.YEAR_HELP)],
    ) -> Optional[credit_points.CreditPoints]:
        if self.id < 0:
            return None
        return await credit_points.of_person(info, self.id, year)

    @strawberry.field(description="The finalized rating of that period, or null.")
    def rating(self, info: Info, period: str) -> Optional[RatingType]:
        pre = self.preloaded
        if pre is not None and ("rating", period) in pre:
            return pre[("rating", period)]
        return self._load_rating(info, period)

    async def _load_rating(self, info: Info, period: str) -> Optional[Rating]:
        row = await info.context.loaders.rating.load((self.id, period))
        return lazy.resolve(RatingType).from_loaded(row) if row else None


@strawberry.type(description="One person of a page of `people`, with its cursor.")
class PersonEdge:
    node: Person = strawberry.field(description="The person.")
    cursor: str = strawberry.field(description="This person's place in the list (opaque), to pass as `after` for the "
                                               "people after them.")


@strawberry.type(description="A keyset page of people, ordered by name (then by an internal id), with the total "
                             "count.")
class PersonConnection:
    edges: list[PersonEdge] = strawberry.field(description="The people of this page, in order.")
    page_info: PageInfo = strawberry.field(description="Whether more people follow, and the cursor to ask for them.")
    _queryset: strawberry.Private[object]

    @strawberry.field(description="How many people match the filter, on every page together (within the viewer's "
                                  "scope).")
    async def total_count(self) -> int:
        return await service.count_people(self._queryset)


@strawberry.input(description="Which people `people` lists: every filter given applies, always within the viewer's "
                              "scope. A filter naming an unknown agency, unit or supervisor lists nobody.")
class PersonFilter:
    agency: Optional[str] = strawberry.field(default=None, description="An agency's code: its people only.")
    unit: Optional[str] = strawberry.field(default=None, description="A unit's code: its people only (of `agency` "
                                                                     "when given, else of any agency seen).")
    search: Optional[str] = strawberry.field(default=None, description=(
        "Case-insensitive: every word (at most 5) in the name, position or unit's name, a word of digits also in "
        "the NIP; or the text's digits in the NIP."))
    supervisor: Optional[str] = strawberry.field(default=None, description="A NIP: the people whose direct "
                                                                           "supervisor that person is.")
    include_departed: bool = strawberry.field(
        default=False, description="Also list people who left the service (left out by default).")


@bulk_input
class PersonInput:
    nip: str
    name: str
    employment_type: EmploymentType = strawberry.field(description="PNS or PPPK; the NIP is checked by its rules "
                                                                   "(INVALID_NIP).")
    position: str
    agency: str
    # left out: an existing person keeps what is stored (a new person has none); null clears it
    unit: Optional[str] = strawberry.field(
        default=strawberry.UNSET, description="Code of a unit of the agency. Left out: unchanged; null: no unit.")
    supervisor: Optional[str] = strawberry.field(
        default=strawberry.UNSET,
        description="NIP of the direct supervisor. Left out: unchanged (kept even where the supervisor is outside "
                    "the caller's agency); null: no supervisor.")


# bulk_input takes no description: it is set on the input's strawberry definition before any schema is built
PersonInput.__strawberry_definition__.description = (  # type: ignore[attr-defined]
    "A person for upsertPeople, by NIP: a NIP not yet known creates the person, a known one updates them (ADMIN, or "
    "an agency admin within its agency).")


@strawberry.type(description="The answer of upsertPeople: the people as stored, or every problem of the batch.")
class PeoplePayload:
    people: list[Person] = strawberry.field(description="The people as stored, in the input's order; empty when "
                                                        "nothing was written.")
    errors: list[UserError] = strawberry.field(description="What is wrong with the input (path, code, message) when "
                                                           "nothing was written; empty on success.")


def identity_only(person: Person) -> Person:
    """A person out of the viewer's scope shown by who they are (one's own supervisor, an assessor above the viewer):
    name, NIP, position, agency and unit, and nothing reachable through them. Person's relations (targets, rating,
    subordinates, supervisor, ...) are keyed by its private id and supervisor id; hiding both makes every one of
    them read as empty, today's fields and any added later alike (`identityOnly` tells the console)."""
    person.id = -1
    person.supervisor_id = None
    return person


def connection(page: service.PeoplePage, queryset: object) -> PersonConnection:
    """A connection of a page of plain rows (service.list_people_rows) or of models (service.list_people)."""
    edges = [PersonEdge(node=Person.from_row(p), cursor=encode_cursor(p["name"], p["id"])) if isinstance(p, dict)
             else PersonEdge(node=Person.from_model(p), cursor=encode_cursor(p.name, p.id)) for p in page.people]
    return PersonConnection(
        edges=edges,
        page_info=PageInfo(has_next_page=page.has_next, has_previous_page=page.has_previous,
                           start_cursor=edges[0].cursor if edges else None,
                           end_cursor=edges[-1].cursor if edges else None),
        _queryset=queryset,
    )


def _children(selections: list, name: str) -> list[SelectedField]:
    """The fields called `name` among these selections, looking into fragments."""
    found = []
    for s in selections:
        if isinstance(s, SelectedField):
            if s.name == name:
                found.append(s)
        else:  # FragmentSpread, InlineFragment
            found += _children(s.selections, name)
    return found


async def _preload(info: Info, nodes: list[Person]) -> None:
    """Load the relations the selection asks of edges.node for the whole page, one statement each, so that
    they resolve synchronously: scoped exactly as the loaders behind the fields scope them."""
    if not nodes:
        return
    edges = [e for f in info.selected_fields for e in _children(f.selections, "edges")]
    wanted = [n for e in edges for n in _children(e.selections, "node")]
    asked = {name: [f for n in wanted for f in _children(n.selections, name)]
             for name in ("agency", "unit", "supervisor", "rating")}
    if not any(asked.values()):
        return
    loaded: dict = {}
    if asked["agency"]:
        found = await agencies_service.agencies_by_ids(sorted({p.agency_id for p in nodes}))
        info.context.loaders.agency.prime_many(found)  # nested uses (supervisor { agency }) need no statement
        by_id = {k: Agency.from_model(v) for k, v in found.items()}
        for p in nodes:
            loaded.setdefault(p.id, {})["agency"] = by_id[p.agency_id]
    if asked["unit"]:
        ids = sorted({p.unit_id for p in nodes if p.unit_id is not None})
        found = await agencies_service.units_by_ids(ids) if ids else {}
        info.context.loaders.unit.prime_many(found)
        by_id = {k: Unit.from_model(v) for k, v in found.items()}
        for p in nodes:
            if p.unit_id is not None:
                loaded.setdefault(p.id, {})["unit"] = by_id[p.unit_id]
    if asked["supervisor"]:
        ids = sorted({p.supervisor_id for p in nodes if p.supervisor_id is not None})
        rows = await service.people_rows_by_ids(info.context.access, ids) if ids else {}
        by_id = {k: Person.from_row(r) for k, r in rows.items()}
        for p in nodes:
            if p.supervisor_id is not None:
                loaded.setdefault(p.id, {})["supervisor"] = by_id.get(p.supervisor_id)
    periods = {f.arguments.get("period") for f in asked["rating"]}
    if periods:
        rating = lazy.resolve(RatingType)
        ids = [p.id for p in nodes]
        for period in sorted(x for x in periods if isinstance(x, str)):
            rows = await ratings_service.rating_rows_of_people(ids, period)
            for p in nodes:
                row = rows.get(p.id)
                loaded.setdefault(p.id, {})[("rating", period)] = rating.from_row(row) if row else None
    for p in nodes:
        p.preloaded = loaded.get(p.id)


@strawberry.type
class Query:
    @strawberry.field(description="People the viewer sees, by name, in keyset pages (the Relay connection spec): "
                                  "forwards with `first` and `after`, or backwards with `last` and `before`; not "
                                  "both directions at once. A page holds at most 100.")
    async def people(
        self, info: Info,
        filter: Annotated[Optional[PersonFilter], strawberry.argument(
            description="Which people; null: everyone the viewer sees who is in service.")] = None,
        first: Annotated[Optional[int], strawberry.argument(
            description="Page size paging forwards, 1 to 100; null: 50 (unless `last` is given). Outside that is "
                        "the error BAD_PAGE_SIZE.")] = None,
        after: Annotated[Optional[str], strawberry.argument(
            description="The people after this cursor (a `pageInfo.endCursor`); null: from the first.")] = None,
        last: Annotated[Optional[int], strawberry.argument(
            description="Page size paging backwards, 1 to 100: the last people (before `before` when given). "
                        "Not with `first` or `after`.")] = None,
        before: Annotated[Optional[str], strawberry.argument(
            description="The people before this cursor (a `pageInfo.startCursor`), with `last`.")] = None,
    ) -> PersonConnection:
        ctx = info.context
        backwards = last is not None or before is not None
        if backwards and (first is not None or after is not None):
            raise BadArgument("last", "page forwards (first, after) or backwards (last, before), not both")
        flt = service.PeopleFilter(**vars(filter)) if filter else None
        if backwards:
            size = check_first(50 if last is None else last, ctx.settings.max_page_size, "last")
            position = decode_name_id_cursor(before, "before")
            qs = await service.people_queryset(ctx.access, flt)
            page = await service.list_people_rows_before(ctx.access, qs, size, position)
        else:
            size = check_first(50 if first is None else first, ctx.settings.max_page_size)
            position = decode_name_id_cursor(after)
            qs = await service.people_queryset(ctx.access, flt)
            page = dataclasses.replace(await service.list_people_rows(ctx.access, qs, size, position),
                                       has_previous=after is not None)
        conn = connection(page, qs)
        await _preload(info, [e.node for e in conn.edges])
        return conn

    @strawberry.field(description="One person by NIP (spaces and dots ignored), or null when there is none or the "
                                  "viewer does not see them.")
    async def person(self, info: Info, nip: str) -> Optional[Person]:
        found = await service.get_person(info.context.access, nip)
        return Person.from_model(found) if found else None


@strawberry.type
class Mutation:
    @strawberry.mutation(description="At most 500 people a call; all or nothing.")
    @handle_errors
    async def upsert_people(
        self, info: Info, input: list[PersonInput],
        idempotency_key: Annotated[Optional[str], strawberry.argument(description=KEY_DESCRIPTION)] = None,
    ) -> PeoplePayload:
        items = [
            service.PersonData(nip=i.nip, name=i.name, employment_type=i.employment_type.value, position=i.position,
                               agency=i.agency, unit=_given(i.unit), supervisor=_given(i.supervisor))
            for i in input
        ]

        async def run() -> dict:
            saved = await service.upsert_people(info.context.access, items)
            return {"people": [_answer(p) for p in saved]}

        answer = await keyed(info, token_caller(info), "upsertPeople", idempotency_key, items, run)
        return PeoplePayload(people=[Person(**{**p, "employment_type": EmploymentType(p["employment_type"]),
                                               "left_on": dt.date.fromisoformat(p["left_on"])
                                               if p.get("left_on") else None})
                                     for p in answer["people"]], errors=[])


def _given(value: Optional[str]) -> Optional[str] | service.Unchanged:
    """A PersonInput field as the service takes it: left out (UNSET) is service.UNCHANGED, null is None."""
    return service.UNCHANGED if value is strawberry.UNSET else value


def _answer(m: models.Person) -> dict:
    """A person of the payload as JSON values: what an idempotency key stores and a replay answers."""
    return {"id": m.id, "agency_id": m.agency_id, "unit_id": m.unit_id, "supervisor_id": m.supervisor_id,
            "nip": m.nip, "name": m.name, "employment_type": m.employment_type, "position": m.position,
            "left_on": m.left_at.isoformat() if m.left_at else None, "left_reason_code": m.left_reason}
