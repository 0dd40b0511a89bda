"""Measurements and suggested ratings: the Measurement and Suggestion types, the measurements and
suggestedResultRating queries, and recordMeasurements."""

from __future__ import annotations

from typing import Annotated, Optional

import strawberry
from strawberry.scalars import JSON

from kinerja import models
from kinerja.graphql.context import Info
from kinerja.graphql.enums import Expectation
from kinerja.graphql.errors import UserError, handle_errors, language
from kinerja.graphql.idempotency import DESCRIPTION as KEY_DESCRIPTION, keyed, token_caller
from kinerja.graphql.indicators import IndicatorVersionStamp, version_stamp
from kinerja.graphql.inputs import bulk_input, input_id
from kinerja.graphql.targets import Target
from kinerja.services.core import messages
from kinerja.services.core.errors import BadArgument
from kinerja.services.skp import measurements as service
from kinerja.services.evaluation import assessments
from kinerja.services.skp import suggestions


@strawberry.type
class Measurement:
    id: strawberry.ID
    target_id: strawberry.Private[int]
    period: str
    inputs: JSON
    value: float
    achievement: float = strawberry.field(description="Capaian, in percent of the target.")
    suggested_rating: Expectation
    spec_version: str = strawberry.field(description="The content hash of the indicator version that computed it "
                                                     "(an old measurement keeps its old version).")
    evidence_url: Optional[str]

    @classmethod
    def from_model(cls, m: models.Measurement) -> "Measurement":
        return cls(id=strawberry.ID(str(m.id)), target_id=m.target_id, period=m.period, inputs=m.inputs,
                   value=m.value, achievement=m.achievement, suggested_rating=Expectation(m.suggested_rating),
                   spec_version=m.spec_version, evidence_url=m.evidence_url)

    @strawberry.field(description="specVersion as people read it: its number and date.")
    async def spec_version_stamp(self, info: Info) -> Optional[IndicatorVersionStamp]:
        return await version_stamp(info, self.spec_version)

    @strawberry.field
    async def target(self, info: Info) -> Target:
        target = await info.context.loaders.target.load(self.target_id)
        return Target.from_model(target, target.cycle.year)


@bulk_input
class MeasurementInput:
    target: strawberry.ID
    period: str
    inputs: JSON
    evidence_url: Optional[str] = None


@strawberry.type
class MeasurementsPayload:
    measurements: list[Measurement]
    errors: list[UserError]


@strawberry.type(description="A suggested results rating with what it was computed from.")
class Suggestion:
    rating: Optional[Expectation]
    english_reason: strawberry.Private[str]
    measurements: list[Measurement]

    @strawberry.field(description="What the suggestion was computed from, in the request's language "
                                  "(Accept-Language).")
    def reason(self, info: Info) -> str:
        return messages.translate(self.english_reason, language(info))

    @classmethod
    def from_result(cls, found: suggestions.Suggestion) -> "Suggestion":
        return cls(rating=Expectation(found.rating) if found.rating else None, english_reason=found.reason,
                   measurements=[Measurement.from_model(m) for m in found.measurements])


@strawberry.type
class Query:
    @strawberry.field(description="Measurements of a period in the viewer's scope (at most 1,000).")
    async def measurements(self, info: Info, period: str, agency: Optional[str] = None,
                           indicator: Optional[str] = None) -> list[Measurement]:
        rows = await service.list_measurements(info.context.access, period, agency, indicator)
        return [Measurement.from_model(m) for m in rows]

    @strawberry.field(description="Suggested results rating of a person for a period, from indicator achievement: "
                                  "for a unit head, the unit-head rule's (the unit's organisation predikat or its "
                                  "achievement) when it gives one.")
    async def suggested_result_rating(self, info: Info, nip: str, period: str) -> Suggestion:
        ctx = info.context
        found = await assessments.suggested_result_rating(ctx.access, ctx.catalog, nip, period,
                                                          dict(ctx.settings.unit_head_ratings))
        if found is None:
            raise BadArgument("nip", f"no person with NIP {nip!r}", "NOT_FOUND", params={"nip": nip})
        return Suggestion.from_result(found)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="All or nothing; while the cycle is ACTIVE or EVALUATION.")
    @handle_errors
    async def record_measurements(
        self, info: Info, input: list[MeasurementInput],
        idempotency_key: Annotated[Optional[str], strawberry.argument(description=KEY_DESCRIPTION)] = None,
    ) -> MeasurementsPayload:
        async def run() -> dict:
            items = [service.MeasurementData(target=input_id(i.target, ["input", str(n), "target"]),
                                             period=i.period, inputs=i.inputs, evidence_url=i.evidence_url)
                     for n, i in enumerate(input)]
            saved = await service.record_measurements(info.context.access, info.context.catalog, items)
            return {"measurements": [{"id": m.id, "target_id": m.target_id, "period": m.period, "inputs": m.inputs,
                                      "value": m.value, "achievement": m.achievement,
                                      "suggested_rating": m.suggested_rating, "spec_version": m.spec_version,
                                      "evidence_url": m.evidence_url} for m in saved]}

        answer = await keyed(info, token_caller(info), "recordMeasurements", idempotency_key, input, run)
        return MeasurementsPayload(measurements=[
            Measurement(**{**m, "id": strawberry.ID(str(m["id"])),
                           "suggested_rating": Expectation(m["suggested_rating"])})
            for m in answer["measurements"]], errors=[])
