"""SKP targets and measurements: types, Person.targets, setTargets and recordMeasurements."""

from __future__ import annotations

from typing import Annotated, Optional

import strawberry
from strawberry.scalars import JSON

from kinerja import models
from kinerja.plugins import values
from kinerja.graphql.agencies import Unit
from kinerja.graphql.context import Info
from kinerja.graphql.errors import UserError, user_errors
from kinerja.graphql.idempotency import DESCRIPTION as KEY_DESCRIPTION, keyed, token_caller
from kinerja.graphql.indicators import Indicator
from kinerja.graphql.inputs import bulk_input
from kinerja.services.core.ids import parse_id
from kinerja.services.skp import measurements as measuring
from kinerja.services.skp import suggestions
from kinerja.services.skp import targets as service
from kinerja.services.core.errors import BadArgument, InputError


# the same enum plugins see, exposed to GraphQL (one definition of the official categories)
Expectation = strawberry.enum(values.Expectation)


@strawberry.type(description="One SKP item: a planned work result with its indicator and target.")
class Target:
    id: strawberry.ID
    cycle: int
    work_result: str
    value: float
    indicator_id: strawberry.Private[int]
    parent_id: strawberry.Private[Optional[int]]
    unit_id: strawberry.Private[Optional[int]]

    @classmethod
    def from_model(cls, m: models.Target, year: int) -> "Target":
        return cls(id=strawberry.ID(str(m.id)), cycle=year, work_result=m.work_result, value=m.value,
                   indicator_id=m.indicator_id, parent_id=m.parent_id, unit_id=m.unit_id, person_id=m.person_id)

    person_id: strawberry.Private[Optional[int]] = None

    @strawberry.field
    async def person(self, info: Info) -> Optional[Annotated["Person", strawberry.lazy("kinerja.graphql.people")]]:
        from kinerja.graphql.people import Person

        if self.person_id is None:
            return None
        found = await info.context.loaders.person.load(self.person_id)
        return Person.from_model(found) if found else None

    @strawberry.field
    async def unit(self, info: Info) -> Optional[Unit]:
        if self.unit_id is None:
            return None
        return Unit.from_model(await info.context.loaders.unit.load(self.unit_id))

    @strawberry.field
    async def measurements(self, info: Info) -> list["Measurement"]:
        rows = await info.context.loaders.measurements_of_target.load(int(self.id))
        return [Measurement.from_model(m) for m in rows]

    @strawberry.field
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


@strawberry.type
class Measurement:
    id: strawberry.ID
    target_id: strawberry.Private[int]
    period: str
    inputs: JSON
    value: float
    achievement: float = strawberry.field(description="Capaian, in percent of the target.")
    suggested_rating: Expectation
    spec_version: str
    evidence_url: Optional[str]

    @classmethod
    def from_model(cls, m: models.Measurement) -> "Measurement":
        return cls(id=strawberry.ID(str(m.id)), target_id=m.target_id, period=m.period, inputs=m.inputs,
                   value=m.value, achievement=m.achievement, suggested_rating=Expectation(m.suggested_rating),
                   spec_version=m.spec_version, evidence_url=m.evidence_url)

    @strawberry.field
    async def target(self, info: Info) -> Target:
        target = await info.context.loaders.target.load(self.target_id)
        return Target.from_model(target, target.cycle.year)


@bulk_input
class TargetInput:
    cycle: int
    indicator: str
    work_result: str
    value: float
    nip: Optional[str] = None
    unit: Optional[str] = None
    parent: Optional[strawberry.ID] = None


@bulk_input
class MeasurementInput:
    target: strawberry.ID
    period: str
    inputs: JSON
    evidence_url: Optional[str] = None


@strawberry.type
class TargetsPayload:
    targets: list[Target]
    errors: list[UserError]


@strawberry.type
class MeasurementsPayload:
    measurements: list[Measurement]
    errors: list[UserError]


def _id(value: Optional[str], path: list[str]) -> Optional[int]:
    if value is None:
        return None
    found = parse_id(value)
    if found is None:
        raise InputError.one(path, "NOT_FOUND", f"no such id {value!r}")
    return found


@strawberry.type(description="A suggested results rating with what it was computed from.")
class Suggestion:
    rating: Optional[Expectation]
    reason: str
    measurements: list[Measurement]


@strawberry.type
class Query:
    @strawberry.field(description="Measurements of a period in the viewer's scope (at most 1,000).")
    async def measurements(self, info: Info, period: str, agency: Optional[str] = None,
                           indicator: Optional[str] = None) -> list[Measurement]:
        rows = await measuring.list_measurements(info.context.access, period, agency, indicator)
        return [Measurement.from_model(m) for m in rows]

    @strawberry.field(description="Suggested results rating of a person for a period, from indicator achievement.")
    async def suggested_result_rating(self, info: Info, nip: str, period: str) -> Suggestion:
        found = await suggestions.suggest_result_rating(info.context.access, info.context.catalog, nip, period)
        if found is None:
            raise BadArgument("nip", f"no person with NIP {nip!r}", "NOT_FOUND")
        return Suggestion(rating=Expectation(found.rating) if found.rating else None, reason=found.reason,
                          measurements=[Measurement.from_model(m) for m in found.measurements])


@strawberry.type
class Mutation:
    @strawberry.mutation(description="All or nothing; while the cycle is PLANNING or ACTIVE.")
    async def set_targets(
        self, info: Info, input: list[TargetInput],
        idempotency_key: Annotated[Optional[str], strawberry.argument(description=KEY_DESCRIPTION)] = None,
    ) -> TargetsPayload:
        async def run() -> dict:
            items = [service.TargetData(cycle=i.cycle, indicator=i.indicator, work_result=i.work_result,
                                        value=i.value, nip=i.nip, unit=i.unit,
                                        parent=_id(i.parent, ["input", str(n), "parent"]))
                     for n, i in enumerate(input)]
            saved = await service.set_targets(info.context.access, items)
            years = {i.cycle for i in input}
            by_id = {c.id: c.year for c in await models.Cycle.filter(year__in=sorted(years))}
            return {"targets": [{"id": t.id, "cycle": by_id[t.cycle_id], "work_result": t.work_result,
                                 "value": t.value, "indicator_id": t.indicator_id, "parent_id": t.parent_id,
                                 "unit_id": t.unit_id, "person_id": t.person_id} for t in saved]}

        try:
            answer = await keyed(info, token_caller(info), "setTargets", idempotency_key, input, run)
        except InputError as exc:
            return TargetsPayload(targets=[], errors=user_errors(exc))
        return TargetsPayload(targets=[Target(**{**t, "id": strawberry.ID(str(t["id"]))}) for t in answer["targets"]],
                              errors=[])

    @strawberry.mutation(description="All or nothing; while the cycle is ACTIVE or EVALUATION.")
    async def record_measurements(
        self, info: Info, input: list[MeasurementInput],
        idempotency_key: Annotated[Optional[str], strawberry.argument(description=KEY_DESCRIPTION)] = None,
    ) -> MeasurementsPayload:
        async def run() -> dict:
            items = [measuring.MeasurementData(target=_id(i.target, ["input", str(n), "target"]), period=i.period,
                                               inputs=i.inputs, evidence_url=i.evidence_url)
                     for n, i in enumerate(input)]
            saved = await measuring.record_measurements(info.context.access, info.context.catalog, items)
            return {"measurements": [{"id": m.id, "target_id": m.target_id, "period": m.period, "inputs": m.inputs,
                                      "value": m.value, "achievement": m.achievement,
                                      "suggested_rating": m.suggested_rating, "spec_version": m.spec_version,
                                      "evidence_url": m.evidence_url} for m in saved]}

        try:
            answer = await keyed(info, token_caller(info), "recordMeasurements", idempotency_key, input, run)
        except InputError as exc:
            return MeasurementsPayload(measurements=[], errors=user_errors(exc))
        return MeasurementsPayload(measurements=[
            Measurement(**{**m, "id": strawberry.ID(str(m["id"])),
                           "suggested_rating": Expectation(m["suggested_rating"])})
            for m in answer["measurements"]], errors=[])
