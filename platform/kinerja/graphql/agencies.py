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


@strawberry.type(description="A unit (unit kerja) of an agency, in the agency's unit tree; addressed by its code "
                             "within the agency.")
class Unit:
    id: strawberry.Private[int]
    agency_id: strawberry.Private[int]
    parent_id: strawberry.Private[Optional[int]]
    code: str = strawberry.field(description="The unit's code, unique in its agency: 1-32 characters of A-Z, 0-9, "
                                             "'-' and '_'; it never changes.")
    name: str = strawberry.field(description="The unit's name.")

    @classmethod
    def from_model(cls, m: models.Unit) -> "Unit":
        return cls(id=m.id, agency_id=m.agency_id, parent_id=m.parent_id, code=m.code, name=m.name)

    @strawberry.field(description="The agency the unit belongs to.")
    async def agency(self, info: Info) -> "Agency":
        return Agency.from_model(await info.context.loaders.agency.load(self.agency_id))

    @strawberry.field(description="The unit above it in the tree; null for a top unit.")
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
    async def head_at(
        self, info: Info,
        date: Annotated[Optional[dt.date], strawberry.argument(description="The day (YYYY-MM-DD); null: today.")
                        ] = None,
    ) -> Optional[assignments.PostAuthority]:
        return await assignments.authority(await placements.head_at(self.id, date or clock.today()))

    @strawberry.field(description="The unit's own predikat kinerja organisasi of that period (set by the level "
                                  "above: the agency's admin or ADMIN), or null when none is set.")
    async def org_predikat(self, info: Info, period: str) -> Optional[OrgPredikat]:
        value = await info.context.loaders.unit_org_predikat.load((self.id, period))
        return OrgPredikat(value) if value else None


@strawberry.type(description="An agency (perangkat daerah) of the city, with its units; addressed by its code.")
class Agency:
    id: strawberry.Private[int]
    code: str = strawberry.field(description="The agency's code, e.g. DISDIK: 1-32 characters of A-Z, 0-9, '-' and "
                                             "'_'; it never changes.")
    name: str = strawberry.field(description="The agency's name.")

    @classmethod
    def from_model(cls, m: models.Agency) -> "Agency":
        return cls(id=m.id, code=m.code, name=m.name)

    @strawberry.field(description="The agency's units, every level of the tree, by code.")
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


@strawberry.input(description="An agency: its code (upper-cased; createAgency: 1-32 characters of A-Z, 0-9, '-' "
                              "and '_', starting with a letter or digit) and its name (at most 200 characters, not "
                              "empty). updateAgency finds the agency by the code and sets the name.")
class AgencyInput:
    code: str
    name: str


@strawberry.input(description="A unit: its agency's code, its own code (upper-cased; createUnit: 1-32 characters "
                              "of A-Z, 0-9, '-' and '_', starting with a letter or digit), its name (at most 200 "
                              "characters, not empty) and its parent's code (null: a top unit). updateUnit finds the "
                              "unit by agency and code and sets the name and the parent.")
class UnitInput:
    agency: str
    code: str
    name: str
    parent: Optional[str] = None


@strawberry.type(description="The answer of createAgency and updateAgency: the agency as stored, or the input's "
                             "problems.")
class AgencyPayload:
    agency: Optional[Agency] = strawberry.field(description="The agency as stored; null when nothing was written.")
    errors: list[UserError] = strawberry.field(description="What is wrong with the input (path, code, message) when "
                                                           "nothing was written; empty on success.")


@strawberry.type(description="The answer of createUnit and updateUnit: the unit as stored, or the input's "
                             "problems.")
class UnitPayload:
    unit: Optional[Unit] = strawberry.field(description="The unit as stored; null when nothing was written.")
    errors: list[UserError] = strawberry.field(description="What is wrong with the input (path, code, message) when "
                                                           "nothing was written; empty on success.")


@strawberry.type
class Query:
    @strawberry.field(description="The agencies the viewer sees, by code: every agency for ADMIN, else the viewer's "
                                  "own.")
    async def agencies(
        self, info: Info, first: Annotated[Optional[int], strawberry.argument(description=cost.PAGE_HELP)] = 100
    ) -> list[Agency]:
        first = cost.first_of("Query.agencies", first, info.context.settings.max_page_size)
        return [Agency.from_model(a) for a in (await service.list_agencies(info.context.access))[:first + 1]]

    @strawberry.field(description="One agency by its code (any case), or null when there is none or the viewer does "
                                  "not see it.")
    async def agency(self, info: Info, code: str) -> Optional[Agency]:
        found = await service.get_agency(info.context.access, code)
        return Agency.from_model(found) if found else None


@strawberry.type
class Mutation:
    @strawberry.mutation(description="ADMIN: adds an agency; a code in use is DUPLICATE. Audited.")
    @handle_errors
    async def create_agency(
        self, info: Info,
        input: Annotated[AgencyInput, strawberry.argument(description="The new agency's code and name.")],
    ) -> AgencyPayload:
        agency = await service.create_agency(info.context.access, input.code, input.name)
        return AgencyPayload(agency=Agency.from_model(agency), errors=[])

    @strawberry.mutation(description="ADMIN or the agency's admin: adds a unit to an agency, below `parent` or at the "
                                     "top; a code in use in the agency is DUPLICATE. Audited.")
    @handle_errors
    async def create_unit(
        self, info: Info,
        input: Annotated[UnitInput, strawberry.argument(description="The agency, the new unit's code and name, and "
                                                                    "its parent.")],
    ) -> UnitPayload:
        unit = await service.create_unit(info.context.access, input.agency, input.code, input.name, input.parent)
        return UnitPayload(unit=Unit.from_model(unit), errors=[])

    @strawberry.mutation(description="ADMIN: renames an agency (its code stays).")
    @handle_errors
    async def update_agency(
        self, info: Info,
        input: Annotated[AgencyInput, strawberry.argument(description="The agency's code and its new name.")],
    ) -> AgencyPayload:
        agency = await service.update_agency(info.context.access, input.code, input.name)
        return AgencyPayload(agency=Agency.from_model(agency), errors=[])

    @strawberry.mutation(description="ADMIN or the agency's admin: renames a unit and sets its parent (null: a top "
                                     "unit); its code stays. A parent that is the unit or below it is UNIT_LOOP.")
    @handle_errors
    async def update_unit(
        self, info: Info,
        input: Annotated[UnitInput, strawberry.argument(description="The agency and unit codes, the new name and the "
                                                                    "new parent.")],
    ) -> UnitPayload:
        unit = await service.update_unit(info.context.access, input.agency, input.code, input.name, input.parent)
        return UnitPayload(unit=Unit.from_model(unit), errors=[])
