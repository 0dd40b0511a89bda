"""SKP targets: the Target type (Person.targets) and setTargets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import strawberry

from kinerja import models
from kinerja.graphql import cost, lazy
from kinerja.graphql.agencies import Unit
from kinerja.graphql.context import Info
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.graphql.idempotency import DESCRIPTION as KEY_DESCRIPTION, keyed, token_caller
from kinerja.graphql.indicators import Indicator
from kinerja.graphql.inputs import bulk_input, input_id
from kinerja.graphql.people import Person
from kinerja.services.skp import targets as service

if TYPE_CHECKING:
    from kinerja.graphql.measurements import Measurement

# measurements refer to their target: their module imports this one
MeasurementType = Annotated["Measurement", strawberry.lazy("kinerja.graphql.measurements")]


@strawberry.type(description="One SKP item: a planned work result with its indicator and target.")
class Target:
    id: strawberry.ID = strawberry.field(description="The target's id (MeasurementInput.target, TargetInput.parent).")
    cycle: int = strawberry.field(description="The cycle's year.")
    work_result: str = strawberry.field(description="The planned work result (at most 500 characters).")
    value: float = strawberry.field(description="The target value; for a range, its midpoint (lower and upper "
                                                "are the target).")
    lower: Optional[float] = strawberry.field(description="A range target's lower bound: below it the achievement "
                                                          "is judged against it; null for a single value.")
    upper: Optional[float] = strawberry.field(description="A range target's upper bound: above it the achievement "
                                                          "is judged against it; null for a single value.")
    indicator_id: strawberry.Private[int]
    parent_id: strawberry.Private[Optional[int]]
    unit_id: strawberry.Private[Optional[int]]

    @classmethod
    def from_model(cls, m: models.Target, year: int) -> "Target":
        return cls(id=strawberry.ID(str(m.id)), cycle=year, work_result=m.work_result, value=m.value,
                   lower=m.lower_bound, upper=m.upper_bound, indicator_id=m.indicator_id, parent_id=m.parent_id, unit_id=m.unit_id, person_id=m.person_id)

    person_id: strawberry.Private[Optional[int]] = None

    @strawberry.field(description="The person whose target it is; null for a unit's target, or a person the viewer "
                                  "may not see.")
    async def person(self, info: Info) -> Optional[Person]:
        if self.person_id is None:
            return None
        found = await info.context.loaders.person.load(self.person_id)
        return Person.from_model(found) if found else None

    @strawberry.field(description="The unit whose target it is; null for a person's target.")
    async def unit(self, info: Info) -> Optional[Unit]:
        if self.unit_id is None:
            return None
        return Unit.from_model(await info.context.loaders.unit.load(self.unit_id))

    @strawberry.field(description="Its measurements; [] for the item of a person the viewer cannot see (a "
                                  "supervisor's item reached through parent shows what cascading needs, not its "
                                  "person's measurements).")
    async def measurements(
        self, info: Info, first: Annotated[Optional[int], strawberry.argument(description=cost.PAGE_HELP)] = 20
    ) -> list[MeasurementType]:
        first = cost.first_of("Target.measurements", first, info.context.settings.max_page_size)
        # the person loader is scoped by Access (can_see_person's rule): out of scope, the person reads as absent
        if self.person_id is not None and await info.context.loaders.person.load(self.person_id) is None:
            return []
        rows = await info.context.loaders.measurements_of_target.load(int(self.id))
        measurement = lazy.resolve(MeasurementType)
        return [measurement.from_model(m) for m in rows[:first + 1]]

    @strawberry.field(description="The indicator the target is measured by.")
    async def indicator(self, info: Info) -> Indicator:
        return Indicator.from_model(await info.context.loaders.indicator.load(self.indicator_id))

    @strawberry.field(description="The supervisor's item this one contributes to (intervensi); null when it "
                                  "belongs to an agency the viewer cannot see (a supervisor in another agency).")
    async def parent(self, info: Info) -> Optional["Target"]:
        if self.parent_id is None:
            return None
        parent = await info.context.loaders.target.load(self.parent_id)
        # within the agency, everyone on the target may see the item it contributes to; another agency's
        # target is that agency's data
        if not info.context.access.can_see_agency(parent.agency_id):
            return None
        return Target.from_model(parent, parent.cycle.year)


@bulk_input
class TargetInput:
    cycle: int = strawberry.field(description="The cycle's year; the cycle must be PLANNING or ACTIVE.")
    indicator: str = strawberry.field(description="The full code (AGENCY.CODE) of an active indicator of the "
                                                  "person's or unit's agency.")
    work_result: str = strawberry.field(description="The planned work result; not empty.")
    value: Optional[float] = strawberry.field(default=None, description="The target; 0 only when lower is better. "
                                                                        "Or give lower and upper (a range).")
    nip: Optional[str] = strawberry.field(
        default=None, description="A person's target: their NIP (exactly one of nip and unit). Refused (SKP_LOCKED) "
                                  "once the person's SKP is SUBMITTED or APPROVED or has an approved revision.")
    unit: Optional[str] = strawberry.field(
        default=None, description="A unit's target: the code of a unit of the indicator's agency (exactly one of nip "
                                  "and unit).")
    parent: Optional[strawberry.ID] = strawberry.field(
        default=None, description="The id of the direct supervisor's target of the same cycle this one contributes "
                                  "to (intervensi); null: none.")
    lower: Optional[float] = strawberry.field(default=None, description="A range target's lower bound, with upper "
                                                                        "(instead of value).")
    upper: Optional[float] = strawberry.field(default=None, description="A range target's upper bound, with lower "
                                                                        "(at least lower).")


TargetInput.__strawberry_definition__.description = (
    "One target for setTargets: of a person (nip) or a unit (unit), with a value or a range (lower and upper).")


@strawberry.type(description="What setTargets answers: the targets created, or the errors.")
class TargetsPayload:
    targets: list[Target] = strawberry.field(description="The targets created, in the input's order; [] when errors "
                                                          "is not empty.")
    errors: list[UserError] = strawberry.field(
        description="Typed problems (path, code, message), e.g. NOT_FOUND, WRONG_AGENCY, SKP_LOCKED; when there are "
                    "any, nothing was written. Empty on success.")


@strawberry.type
class Mutation:
    @strawberry.mutation(description="All or nothing; while the cycle is PLANNING or ACTIVE.")
    @handle_errors
    async def set_targets(
        self, info: Info,
        input: Annotated[list[TargetInput], strawberry.argument(description="The targets, all created or none.")],
        idempotency_key: Annotated[Optional[str], strawberry.argument(description=KEY_DESCRIPTION)] = None,
    ) -> TargetsPayload:
        async def run() -> dict:
            items = [service.TargetData(cycle=i.cycle, indicator=i.indicator, work_result=i.work_result,
                                        value=i.value, nip=i.nip, unit=i.unit, lower=i.lower, upper=i.upper,
                                        parent=input_id(i.parent, ["input", str(n), "parent"]))
                     for n, i in enumerate(input)]
            saved = await service.set_targets(info.context.access, items)
            years = {i.cycle for i in input}
            by_id = {c.id: c.year for c in await models.Cycle.filter(year__in=sorted(years))}
            return {"targets": [{"id": t.id, "cycle": by_id[t.cycle_id], "work_result": t.work_result,
                                 "value": t.value, "lower": t.lower_bound, "upper": t.upper_bound,
                                 "indicator_id": t.indicator_id, "parent_id": t.parent_id,
                                 "unit_id": t.unit_id, "person_id": t.person_id} for t in saved]}

        answer = await keyed(info, token_caller(info), "setTargets", idempotency_key, input, run)
        return TargetsPayload(targets=[Target(**{**t, "id": strawberry.ID(str(t["id"]))}) for t in answer["targets"]],
                              errors=[])
