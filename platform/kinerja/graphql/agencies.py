"""Agencies and units: types, queries and mutations."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import strawberry

from kinerja import models
from kinerja.graphql import assignments, cost
from kinerja.graphql.satisfaction import ServicePopulation
from kinerja.graphql.context import Info
from kinerja.graphql.enums import OrgPredikat
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.services.core import clock
from kinerja.services.org import agencies as service
from kinerja.services.org import assignment_reads, placements
from kinerja.services.survey import ikm
from kinerja.services.survey import satisfaction as survey


@strawberry.type
class Unit:
    id: strawberry.Private[int]
    agency_id: strawberry.Private[int]
    parent_id: strawberry.Private[Optional[int]]
    code: str
    name: str

    @classmethod
    def from_model(cls, m: models.Unit) -> "Unit":
        return cls(id=m.id, agency_id=m.agency_id, parent_id=m.parent_id, code=m.code, name=m.name)

    @strawberry.field
    async def agency(self, info: Info) -> "Agency":
        return Agency.from_model(await info.context.loaders.agency.load(self.agency_id))

    @strawberry.field
    async def parent(self, info: Info) -> Optional["Unit"]:
        if self.parent_id is None:
            return None
        return Unit.from_model(await info.context.loaders.unit.load(self.parent_id))

    @strawberry.field(description="The unit's head post (jabatan struktural), or null when none is recorded.")
    async def head_post(self, info: Info) -> Optional[assignments.Post]:
        found = await assignment_reads.head_post_row(self.id)
        return assignments.Post.of(found) if found else None

    @strawberry.field(description="Who heads the unit on `date` (default today): its head post's holder, or the "
                                  "acting official (Plt, Plh) then; null when the post is vacant with nobody acting, "
                                  "or the unit has no head post.")
    async def head_at(self, info: Info, date: Optional[dt.date] = None) -> Optional[assignments.PostAuthority]:
        return await assignments.authority(await placements.head_at(self.id, date or clock.today()))

    @strawberry.field(description="The unit's own predikat kinerja organisasi of that period (set by the level "
                                  "above: the agency's admin or ADMIN), or null when none is set.")
    async def org_predikat(self, info: Info, period: str) -> Optional[OrgPredikat]:
        value = await info.context.loaders.unit_org_predikat.load((self.id, period))
        return OrgPredikat(value) if value else None


@strawberry.type
class Agency:
    id: strawberry.Private[int]
    code: str
    name: str

    @classmethod
    def from_model(cls, m: models.Agency) -> "Agency":
        return cls(id=m.id, code=m.code, name=m.name)

    @strawberry.field
    async def units(
        self, info: Info, first: Annotated[Optional[int], strawberry.argument(description=cost.PAGE_HELP)] = 100
    ) -> list[Unit]:
        first = cost.first_of("Agency.units", first, info.context.settings.max_page_size)
        return [Unit.from_model(u) for u in (await info.context.loaders.units_of_agency.load(self.id))[:first + 1]]

    @strawberry.field(description="Number of people in the agency.")
    async def headcount(self, info: Info) -> int:
        return await info.context.loaders.headcount.load(self.id)

    @strawberry.field(description="The predikat kinerja organisasi of that period, or null when none is set.")
    async def org_predikat(self, info: Info, period: str) -> Optional[OrgPredikat]:
        value = await info.context.loaders.org_predikat.load((self.id, period))
        return OrgPredikat(value) if value else None

    @strawberry.field(description="One unit of the agency by its code, or null when it has none.")
    async def unit(self, info: Info, code: str) -> Optional[Unit]:
        found = await service.get_unit(info.context.access, self.id, code)
        return Unit.from_model(found) if found else None

    @strawberry.field(description="The service populations set in the agency (for the IKM sample): the agency's "
                                  "as a whole first (unit null), then its units'. ADMIN or the agency's admin; "
                                  "anyone else is refused (FORBIDDEN).")
    async def service_populations(
        self, info: Info, first: Annotated[Optional[int], strawberry.argument(description=cost.PAGE_HELP)] = 100
    ) -> list[ServicePopulation]:
        first = cost.first_of("Agency.servicePopulations", first, info.context.settings.max_page_size)
        rows = await survey.populations_of_agency(info.context.access, self.id)
        return [ServicePopulation(agency=self.code, unit=unit, population=n, required_sample=ikm.required_sample(n))
                for unit, n in rows[:first + 1]]


@strawberry.input
class AgencyInput:
    code: str
    name: str


@strawberry.input
class UnitInput:
    agency: str
    code: str
    name: str
    parent: Optional[str] = None


@strawberry.type
class AgencyPayload:
    agency: Optional[Agency]
    errors: list[UserError]


@strawberry.type
class UnitPayload:
    unit: Optional[Unit]
    errors: list[UserError]


@strawberry.type
class Query:
    @strawberry.field
    async def agencies(
        self, info: Info, first: Annotated[Optional[int], strawberry.argument(description=cost.PAGE_HELP)] = 100
    ) -> list[Agency]:
        first = cost.first_of("Query.agencies", first, info.context.settings.max_page_size)
        return [Agency.from_model(a) for a in (await service.list_agencies(info.context.access))[:first + 1]]

    @strawberry.field
    async def agency(self, info: Info, code: str) -> Optional[Agency]:
        found = await service.get_agency(info.context.access, code)
        return Agency.from_model(found) if found else None


@strawberry.type
class Mutation:
    @strawberry.mutation
    @handle_errors
    async def create_agency(self, info: Info, input: AgencyInput) -> AgencyPayload:
        agency = await service.create_agency(info.context.access, input.code, input.name)
        return AgencyPayload(agency=Agency.from_model(agency), errors=[])

    @strawberry.mutation
    @handle_errors
    async def create_unit(self, info: Info, input: UnitInput) -> UnitPayload:
        unit = await service.create_unit(info.context.access, input.agency, input.code, input.name, input.parent)
        return UnitPayload(unit=Unit.from_model(unit), errors=[])

    @strawberry.mutation(description="ADMIN: renames an agency (its code stays).")
    @handle_errors
    async def update_agency(self, info: Info, input: AgencyInput) -> AgencyPayload:
        agency = await service.update_agency(info.context.access, input.code, input.name)
        return AgencyPayload(agency=Agency.from_model(agency), errors=[])

    @strawberry.mutation(description="ADMIN or the agency's admin: renames a unit and sets its parent (null: a top "
                                     "unit); its code stays. A parent that is the unit or below it is UNIT_LOOP.")
    @handle_errors
    async def update_unit(self, info: Info, input: UnitInput) -> UnitPayload:
        unit = await service.update_unit(info.context.access, input.agency, input.code, input.name, input.parent)
        return UnitPayload(unit=Unit.from_model(unit), errors=[])
