"""Cycles: type, query and the two mutations (create, move through the workflow)."""

from __future__ import annotations

from typing import Optional

import strawberry

from kinerja import models
from kinerja.graphql.context import Info
from kinerja.graphql.enums import CycleStatus, Periodicity
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.services.cycles import workflow as service


@strawberry.type
class Cycle:
    year: int
    periodicity: Periodicity
    status: CycleStatus
    periods: list[str] = strawberry.field(description="Every period of the cycle: the periodic ones, then the year "
                                                      "(measurements and the survey use each).")
    evaluation_periods: list[str] = strawberry.field(
        description="The periods assessed and rated: the periodic ones without the last, then the year, which is "
                    "the last period's evaluation too (Triwulan IV / Akhir Tahun).")

    @classmethod
    def from_model(cls, m: models.Cycle) -> "Cycle":
        return cls(year=m.year, periodicity=Periodicity(m.periodicity), status=CycleStatus(m.status),
                   periods=service.periods_of(m.year, m.periodicity),
                   evaluation_periods=service.evaluation_periods_of(m.year, m.periodicity))


@strawberry.type
class CyclePayload:
    cycle: Optional[Cycle]
    errors: list[UserError]


@strawberry.type
class Query:
    @strawberry.field
    async def cycles(self, info: Info) -> list[Cycle]:
        info.context.access  # signed-in viewers only
        return [Cycle.from_model(c) for c in await service.list_cycles()]


@strawberry.type
class Mutation:
    @strawberry.mutation
    @handle_errors
    async def create_cycle(
        self, info: Info, year: int, periodicity: Optional[Periodicity] = Periodicity.QUARTERLY
    ) -> CyclePayload:
        cycle = await service.create_cycle(info.context.access, year, (periodicity or Periodicity.QUARTERLY).value)
        return CyclePayload(cycle=Cycle.from_model(cycle), errors=[])

    @strawberry.mutation(description="ADMIN only: forward one step at a time; backwards only with a reason.")
    @handle_errors
    async def set_cycle_status(
        self, info: Info, year: int, status: CycleStatus, reason: Optional[str] = None
    ) -> CyclePayload:
        cycle = await service.set_cycle_status(info.context.access, year, status.value, reason)
        return CyclePayload(cycle=Cycle.from_model(cycle), errors=[])
