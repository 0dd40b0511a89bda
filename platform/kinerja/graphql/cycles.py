"""Cycles: type, query and the two mutations (create, move through the workflow)."""

from __future__ import annotations

from typing import Annotated, Optional

import strawberry

from kinerja import models
from kinerja.graphql.context import Info
from kinerja.graphql.enums import CycleStatus, Periodicity
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.services.cycles import workflow as service


@strawberry.type(description="A performance cycle: one calendar year, its periodicity and where it stands in the "
                             "workflow PLANNING -> ACTIVE -> EVALUATION -> CLOSED.")
class Cycle:
    year: int = strawberry.field(description="The cycle's year; one cycle per year.")
    periodicity: Periodicity = strawberry.field(description="QUARTERLY (periods YYYY-Q1 to YYYY-Q4) or MONTHLY "
                                                            "(YYYY-01 to YYYY-12), for every agency.")
    status: CycleStatus = strawberry.field(
        description="Where the cycle stands, which decides what may be written: targets while PLANNING or ACTIVE, "
                    "measurements while ACTIVE or EVALUATION, assessments and ratings while EVALUATION; nothing "
                    "once CLOSED.")
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


@strawberry.type(description="The answer of createCycle and setCycleStatus: the cycle as it stands after the "
                             "change, or the problems.")
class CyclePayload:
    cycle: Optional[Cycle] = strawberry.field(description="The cycle after the change; null when nothing was "
                                                          "written.")
    errors: list[UserError] = strawberry.field(description="Typed problems (path, code, message) when nothing was "
                                                           "written; empty on success.")


@strawberry.type
class Query:
    @strawberry.field(description="Every cycle, by year. Any signed-in viewer.")
    async def cycles(self, info: Info) -> list[Cycle]:
        info.context.access  # signed-in viewers only
        return [Cycle.from_model(c) for c in await service.list_cycles()]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="ADMIN only: creates the cycle of a year, in PLANNING, its periods following "
                                     "from the periodicity.")
    @handle_errors
    async def create_cycle(
        self, info: Info,
        year: Annotated[int, strawberry.argument(
            description=f"The calendar year, {service.MIN_YEAR} to {service.MAX_YEAR}; one cycle per year "
                        "(DUPLICATE otherwise).")],
        periodicity: Annotated[Optional[Periodicity], strawberry.argument(
            description="QUARTERLY or MONTHLY: the periods within the year; null means QUARTERLY.")
        ] = Periodicity.QUARTERLY
    ) -> CyclePayload:
        cycle = await service.create_cycle(info.context.access, year, (periodicity or Periodicity.QUARTERLY).value)
        return CyclePayload(cycle=Cycle.from_model(cycle), errors=[])

    @strawberry.mutation(description="ADMIN only: forward one step at a time; backwards only with a reason.")
    @handle_errors
    async def set_cycle_status(
        self, info: Info, year: Annotated[int, strawberry.argument(description="The cycle's year.")],
        status: Annotated[CycleStatus, strawberry.argument(
            description="The status to move to: the next one, or any earlier one with a reason.")],
        reason: Annotated[Optional[str], strawberry.argument(
            description="Why the status changes: required to move backwards, optional forwards; kept in the "
                        "audit trail.")] = None
    ) -> CyclePayload:
        cycle = await service.set_cycle_status(info.context.access, year, status.value, reason)
        return CyclePayload(cycle=Cycle.from_model(cycle), errors=[])
