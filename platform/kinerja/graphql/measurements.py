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
from kinerja.graphql.pagination import (CONNECTION_AFTER, CONNECTION_DEFAULT, CONNECTION_FIRST, Connection,
                                        check_first, decode_cursor, forward_page)
from kinerja.graphql.targets import Target
from kinerja.services.core import messages
from kinerja.services.core.errors import BadArgument
from kinerja.services.skp import measurements as service
from kinerja.services.evaluation import assessments
from kinerja.services.skp import suggestions


@strawberry.type(description="The realisation of a target in one period: the inputs recorded, the value the "
                             "indicator computed from them and its achievement (capaian). One a target and period.")
class Measurement:
    id: strawberry.ID = strawberry.field(description="The measurement's id.")
    target_id: strawberry.Private[int]
    period: str = strawberry.field(description="The period measured (YYYY, YYYY-Qn or YYYY-MM).")
    inputs: JSON = strawberry.field(description="The inputs as recorded: an object of the indicator's input names to "
                                                "numbers.")
    value: float = strawberry.field(description="The realisation the indicator's formula (or calculator) computed "
                                                "from the inputs, in the indicator's unit.")
    achievement: float = strawberry.field(description="Capaian, in percent of the target.")
    suggested_rating: Expectation = strawberry.field(
        description="The rating the achievement suggests, by the indicator's thresholds (by default an achievement "
                    "of 110 or more is above expectation, 100 or more meets it, less is below).")
    spec_version: str = strawberry.field(description="The content hash of the indicator version that computed it "
                                                     "(an old measurement keeps its old version).")
    evidence_url: Optional[str] = strawberry.field(description="An http(s) link to the evidence; null when none "
                                                               "was given.")

    @classmethod
    def from_model(cls, m: models.Measurement) -> "Measurement":
        return cls(id=strawberry.ID(str(m.id)), target_id=m.target_id, period=m.period, inputs=m.inputs,
                   value=m.value, achievement=m.achievement, suggested_rating=Expectation(m.suggested_rating),
                   spec_version=m.spec_version, evidence_url=m.evidence_url)

    @strawberry.field(description="`specVersion` as people read it: its number and date; null when the version is "
                                  "not in the indicator's history.")
    async def spec_version_stamp(self, info: Info) -> Optional[IndicatorVersionStamp]:
        return await version_stamp(info, self.spec_version)

    @strawberry.field(description="The target it measures.")
    async def target(self, info: Info) -> Target:
        target = await info.context.loaders.target.load(self.target_id)
        return Target.from_model(target, target.cycle.year)


@bulk_input
class MeasurementInput:
    target: strawberry.ID = strawberry.field(description="The id of the target measured (Target.id).")
    period: str = strawberry.field(description="A period of the target's cycle (YYYY, YYYY-Qn or YYYY-MM) of a kind "
                                               "the indicator is measured per.")
    inputs: JSON = strawberry.field(description="An object of the indicator's input names to numbers, checked "
                                                "against its spec (required, type, min and max).")
    evidence_url: Optional[str] = strawberry.field(default=None, description="An http:// or https:// link to the "
                                                                             "evidence; null: none.")


MeasurementInput.__strawberry_definition__.description = (
    "One measurement for recordMeasurements: a target's inputs for a period; it replaces that target's measurement "
    "of the period, if any.")


@strawberry.type(description="What recordMeasurements answers: the measurements written, or the errors.")
class MeasurementsPayload:
    measurements: list[Measurement] = strawberry.field(
        description="The measurements as stored, in the input's order; [] when errors is not empty.")
    errors: list[UserError] = strawberry.field(
        description="Typed problems (path, code, message), e.g. NOT_FOUND, INVALID_PERIOD, CHECK_FAILED; when there "
                    "are any, nothing was written. Empty on success.")


@strawberry.type(description="A suggested results rating with what it was computed from.")
class Suggestion:
    rating: Optional[Expectation] = strawberry.field(description="The suggested rating; null when there is none "
                                                                 "(e.g. no measurements of the period).")
    english_reason: strawberry.Private[str]
    measurements: list[Measurement] = strawberry.field(
        description="The measurements it was computed from: the person's of the period (for a unit head judged by "
                    "the unit-head rule, the unit's).")

    @strawberry.field(description="What the suggestion was computed from, in the request's language "
                                  "(Accept-Language).")
    def reason(self, info: Info) -> str:
        return messages.translate(self.english_reason, language(info))

    @classmethod
    def from_result(cls, found: suggestions.Suggestion) -> "Suggestion":
        return cls(rating=Expectation(found.rating) if found.rating else None, english_reason=found.reason,
                   measurements=[Measurement.from_model(m) for m in found.measurements])


# the arguments measurements and measurementsConnection share
PeriodArgument = Annotated[str, strawberry.argument(description="The period measured (YYYY, YYYY-Qn or YYYY-MM).")]
AgencyArgument = Annotated[Optional[str], strawberry.argument(
    description="An agency's code; null: every agency in scope.")]
IndicatorArgument = Annotated[Optional[str], strawberry.argument(
    description="An indicator's full code (AGENCY.CODE); null: every indicator.")]


@strawberry.type
class Query:
    @strawberry.field(description="Measurements of a period in the viewer's scope (at most 1,000).",
                      deprecation_reason="Use measurementsConnection: pages of any length, with a cursor and "
                                         "whether more follow (this list stops at 1,000 with LIST_TOO_LONG).")
    async def measurements(
        self, info: Info,
        period: PeriodArgument,
        agency: AgencyArgument = None,
        indicator: IndicatorArgument = None,
    ) -> list[Measurement]:
        rows = await service.list_measurements(info.context.access, period, agency, indicator)
        return [Measurement.from_model(m) for m in rows]

    @strawberry.field(description="Measurements of a period in the viewer's scope, by id, in keyset pages.")
    async def measurements_connection(
        self, info: Info,
        period: PeriodArgument,
        agency: AgencyArgument = None,
        indicator: IndicatorArgument = None,
        first: Annotated[Optional[int], strawberry.argument(description=CONNECTION_FIRST)] = None,
        after: Annotated[Optional[str], strawberry.argument(description=CONNECTION_AFTER)] = None,
    ) -> Connection[Measurement]:
        size = check_first(CONNECTION_DEFAULT if first is None else first, info.context.settings.max_page_size)
        position = decode_cursor(after, (int,))
        rows = await service.list_measurements(info.context.access, period, agency, indicator, size,
                                               position[0] if position else None)
        return forward_page(rows, size, after, Measurement.from_model, lambda m: (m.id,))

    @strawberry.field(description="Suggested results rating of a person for a period, from indicator achievement: "
                                  "for a unit head, the unit-head rule's (the unit's organisation predikat or its "
                                  "achievement) when it gives one.")
    async def suggested_result_rating(
        self, info: Info,
        nip: Annotated[str, strawberry.argument(description="The NIP of the person assessed; NOT_FOUND for an unknown "
                                                            "one or one out of scope.")],
        period: Annotated[str, strawberry.argument(description="The period (YYYY, YYYY-Qn or YYYY-MM).")],
    ) -> Suggestion:
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
        self, info: Info,
        input: Annotated[list[MeasurementInput], strawberry.argument(
            description="The measurements, all written or none.")],
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
