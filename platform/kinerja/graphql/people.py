"""People: the Person type with its supervisor tree, the keyset-paginated list, and upsertPeople."""

from __future__ import annotations

from typing import Annotated, Optional

import strawberry

from kinerja import models
from kinerja.graphql.agencies import Agency, Unit
from kinerja.graphql.context import Info
from kinerja.graphql.enums import EmploymentType
from kinerja.graphql.errors import UserError, user_errors
from kinerja.graphql.idempotency import DESCRIPTION as KEY_DESCRIPTION, keyed, token_caller
from kinerja.graphql.targets import Target
from kinerja.graphql.pagination import PageInfo, check_first, decode_name_id_cursor, encode_cursor
from kinerja.graphql.inputs import bulk_input
from kinerja.services import people as service
from kinerja.services import targets as targets_service
from kinerja.services.errors import InputError


@strawberry.type
class Person:
    id: strawberry.Private[int]
    agency_id: strawberry.Private[int]
    unit_id: strawberry.Private[Optional[int]]
    supervisor_id: strawberry.Private[Optional[int]]
    nip: str
    name: str
    employment_type: EmploymentType
    position: str

    @classmethod
    def from_model(cls, m: models.Person) -> "Person":
        return cls(id=m.id, agency_id=m.agency_id, unit_id=m.unit_id, supervisor_id=m.supervisor_id,
                   nip=m.nip, name=m.name, employment_type=EmploymentType(m.employment_type), position=m.position)

    @strawberry.field
    async def agency(self, info: Info) -> Agency:
        return Agency.from_model(await info.context.loaders.agency.load(self.agency_id))

    @strawberry.field
    async def unit(self, info: Info) -> Optional[Unit]:
        if self.unit_id is None:
            return None
        return Unit.from_model(await info.context.loaders.unit.load(self.unit_id))

    @strawberry.field(description="The direct supervisor, when the viewer may see them.")
    async def supervisor(self, info: Info) -> Optional["Person"]:
        if self.supervisor_id is None:
            return None
        found = await info.context.loaders.person.load(self.supervisor_id)
        return Person.from_model(found) if found else None

    @strawberry.field(description="SKP items of this person in the cycle of that year.")
    async def targets(self, info: Info, cycle: int) -> list[Target]:
        rows = await targets_service.targets_of_person(info.context.access, self.id, cycle)
        return [Target.from_model(t, cycle) for t in rows]

    @strawberry.field(description="Direct subordinates the viewer may see, by name.")
    async def subordinates(self, info: Info) -> list["Person"]:
        return [Person.from_model(p) for p in await info.context.loaders.subordinates.load(self.id)]

    @strawberry.field(description="The finalized rating of that period, or null.")
    async def rating(self, info: Info, period: str
                     ) -> Optional[Annotated["Rating", strawberry.lazy("kinerja.graphql.ratings")]]:
        from kinerja.graphql.ratings import rating_of

        return await rating_of(info, self.id, period)


@strawberry.type
class PersonEdge:
    node: Person
    cursor: str


@strawberry.type
class PersonConnection:
    edges: list[PersonEdge]
    page_info: PageInfo
    _queryset: strawberry.Private[object]

    @strawberry.field
    async def total_count(self) -> int:
        return await service.count_people(self._queryset)


@strawberry.input
class PersonFilter:
    agency: Optional[str] = None
    unit: Optional[str] = None
    search: Optional[str] = strawberry.field(default=None, description="Case-insensitive part of the name or NIP.")
    supervisor: Optional[str] = None


@bulk_input
class PersonInput:
    nip: str
    name: str
    employment_type: EmploymentType
    position: str
    agency: str
    unit: Optional[str] = None
    supervisor: Optional[str] = strawberry.field(default=None, description="NIP of the direct supervisor.")


@strawberry.type
class PeoplePayload:
    people: list[Person]
    errors: list[UserError]


def connection(page: service.PeoplePage, queryset: object) -> PersonConnection:
    edges = [PersonEdge(node=Person.from_model(p), cursor=encode_cursor(p.name, p.id)) for p in page.people]
    return PersonConnection(
        edges=edges,
        page_info=PageInfo(has_next_page=page.has_next, end_cursor=edges[-1].cursor if edges else None),
        _queryset=queryset,
    )


@strawberry.type
class Query:
    @strawberry.field(description="Keyset-paginated; first is capped at 100.")
    async def people(
        self, info: Info, filter: Optional[PersonFilter] = None, first: Optional[int] = 50, after: Optional[str] = None
    ) -> PersonConnection:
        ctx = info.context
        first = check_first(50 if first is None else first, ctx.settings.max_page_size)
        position = decode_name_id_cursor(after)
        flt = service.PeopleFilter(**vars(filter)) if filter else None
        qs = await service.people_queryset(ctx.access, flt)
        return connection(await service.list_people(ctx.access, qs, first, position), qs)

    @strawberry.field
    async def person(self, info: Info, nip: str) -> Optional[Person]:
        found = await service.get_person(info.context.access, nip)
        return Person.from_model(found) if found else None


@strawberry.type
class Mutation:
    @strawberry.mutation(description="At most 500 people a call; all or nothing.")
    async def upsert_people(
        self, info: Info, input: list[PersonInput],
        idempotency_key: Annotated[Optional[str], strawberry.argument(description=KEY_DESCRIPTION)] = None,
    ) -> PeoplePayload:
        items = [
            service.PersonData(nip=i.nip, name=i.name, employment_type=i.employment_type.value, position=i.position,
                               agency=i.agency, unit=i.unit, supervisor=i.supervisor)
            for i in input
        ]

        async def run() -> dict:
            saved = await service.upsert_people(info.context.access, items)
            return {"people": [_answer(p) for p in saved]}

        try:
            answer = await keyed(info, token_caller(info), "upsertPeople", idempotency_key, items, run)
        except InputError as exc:
            return PeoplePayload(people=[], errors=user_errors(exc))
        return PeoplePayload(people=[Person(**{**p, "employment_type": EmploymentType(p["employment_type"])})
                                     for p in answer["people"]], errors=[])


def _answer(m: models.Person) -> dict:
    """A person of the payload as JSON values: what an idempotency key stores and a replay answers."""
    return {"id": m.id, "agency_id": m.agency_id, "unit_id": m.unit_id, "supervisor_id": m.supervisor_id,
            "nip": m.nip, "name": m.name, "employment_type": m.employment_type, "position": m.position}
