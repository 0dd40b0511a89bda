"""Ratings: the Rating type, Person.rating's loader, finalizeRating, reopenRating and setOrgPredikat."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Annotated, Optional

import strawberry
from strawberry.dataloader import DataLoader

from kinerja import models
from kinerja.graphql.agencies import Agency
from kinerja.graphql.context import Info
from kinerja.graphql.errors import UserError, user_errors
from kinerja.graphql.targets import Expectation
from kinerja.plugins import PersonInfo, RatingInfo, values
from kinerja.services.evaluation import curve
from kinerja.services.evaluation import org_ratings
from kinerja.services.evaluation import ratings as service
from kinerja.services.core.errors import AccessDenied, InputError

# the same enums plugins and the curve use, exposed to GraphQL (one definition of the official categories)
Predikat = strawberry.enum(values.Predikat)
OrgPredikat = strawberry.enum(curve.OrgPredikat)


@strawberry.type(description="The finalized rating of one person for one period.")
class Rating:
    person_id: strawberry.Private[int]
    person_info: strawberry.Private[PersonInfo]
    rating_info: strawberry.Private[RatingInfo]
    period: str
    result_rating: Expectation
    behavior_rating: Expectation
    predikat: Predikat
    suggested_result_rating: Optional[Expectation]
    suggestion_reason: Optional[str] = strawberry.field(description="What the suggestion was computed from.")
    override_reason: Optional[str]
    curve_justification: Optional[str]
    curve_warnings: list[str] = strawberry.field(description="The distribution curve's warnings at finalization.")
    finalized_at: dt.datetime

    @classmethod
    def from_model(cls, m: models.Rating, person: PersonInfo) -> "Rating":
        suggested = m.suggested_result_rating
        return cls(person_id=m.person_id, person_info=person, rating_info=service.rating_info(m), period=m.period,
                   result_rating=Expectation(m.result_rating), behavior_rating=Expectation(m.behavior_rating),
                   predikat=Predikat(m.predikat),
                   suggested_result_rating=Expectation(suggested) if suggested else None,
                   suggestion_reason=m.suggestion_reason, override_reason=m.override_reason,
                   curve_justification=m.curve_justification, curve_warnings=list(m.curve_warnings or []),
                   finalized_at=m.finalized_at)

    @strawberry.field
    async def person(self, info: Info) -> Annotated["Person", strawberry.lazy("kinerja.graphql.people")]:
        from kinerja.graphql.people import Person

        return Person.from_model(await info.context.loaders.person.load(self.person_id))

    @strawberry.field(description="Development follow-up from the kinerja_recommendations hook.")
    def recommendations(self, info: Info) -> list[str]:
        return service.recommendations(info.context.catalog, self.person_info, self.rating_info)


async def rating_of(info: Info, person_id: int, period: str) -> Optional[Rating]:
    """Person.rating: one batched statement per request, whatever the number of people."""
    async def load(keys: list[tuple[int, str]]) -> list[Optional[models.Rating]]:
        found = await service.ratings_by_keys(keys)
        return [found.get(k) for k in keys]

    row = await info.context.loader("rating", lambda access: DataLoader(load)).load((person_id, period))
    return Rating.from_model(row, service.info_of_loaded(row)) if row else None


async def ratings_of_people(person_ids: list[int], period: str) -> dict[int, Rating]:
    """Person.rating for a whole page at once: person id -> finalized rating of that period."""
    rows = await service.rating_rows_of_people(person_ids, period)
    return {pid: _rating_of_row(r) for pid, r in rows.items()}


def _rating_of_row(r: dict) -> Rating:
    person = PersonInfo(nip=r["person_nip"], name=r["person_name"], position=r["person_position"],
                        agency=r["agency_code"], unit=r["unit_code"])
    suggested = r["suggested_result_rating"]
    return Rating(person_id=r["person_id"], person_info=person,
                  rating_info=service.rating_info(SimpleNamespace(**r)), period=r["period"],
                  result_rating=Expectation(r["result_rating"]), behavior_rating=Expectation(r["behavior_rating"]),
                  predikat=Predikat(r["predikat"]),
                  suggested_result_rating=Expectation(suggested) if suggested else None,
                  suggestion_reason=r["suggestion_reason"], override_reason=r["override_reason"],
                  curve_justification=r["curve_justification"], curve_warnings=list(r["curve_warnings"] or []),
                  finalized_at=r["finalized_at"])


async def org_predikat_of(info: Info, agency_id: int, period: str) -> Optional[OrgPredikat]:
    """Agency.orgPredikat: one batched statement per request."""
    async def load(keys: list[tuple[int, str]]) -> list[Optional[str]]:
        found = await org_ratings.org_predikats(keys)
        return [found.get(k) for k in keys]

    value = await info.context.loader("org_predikat", lambda access: DataLoader(load)).load((agency_id, period))
    return OrgPredikat(value) if value else None


@strawberry.input
class FinalizeInput:
    nip: str
    period: str
    override_reason: Optional[str] = strawberry.field(
        default=None, description="Required when the results rating differs from the suggested one.")
    curve_justification: Optional[str] = strawberry.field(
        default=None, description="Required when the rating breaks a maximum of the agency's distribution curve.")


@strawberry.type
class RatingPayload:
    rating: Optional[Rating]
    warnings: list[str]
    errors: list[UserError]


@strawberry.type
class OrgPredikatPayload:
    agency: Optional[Agency]
    errors: list[UserError]


def _errors(exc: Exception) -> list[UserError]:
    if isinstance(exc, InputError):
        return user_errors(exc)
    return [UserError(path=[], code=getattr(exc, "code", "FORBIDDEN"), message=str(exc))]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="The direct supervisor or ADMIN, while the cycle is EVALUATION; once only.")
    async def finalize_rating(self, info: Info, input: FinalizeInput) -> RatingPayload:
        ctx = info.context
        try:
            rules = curve.rules_for(ctx.settings.curve_file)
            done = await service.finalize_rating(ctx.access, ctx.catalog, rules, service.FinalizeData(
                nip=input.nip, period=input.period, override_reason=input.override_reason,
                curve_justification=input.curve_justification))
        except (InputError, AccessDenied) as exc:
            warnings = exc.warnings if isinstance(exc, service.CurveBreach) else []
            return RatingPayload(rating=None, warnings=warnings, errors=_errors(exc))
        return RatingPayload(rating=Rating.from_model(done.rating, done.person), warnings=done.warnings, errors=[])

    @strawberry.mutation(description="ADMIN only, with a reason, while the cycle is not CLOSED: removes the finalized "
                                     "rating (the audit trail keeps it) so that it can be finalized again.")
    async def reopen_rating(self, info: Info, nip: str, period: str, reason: str) -> RatingPayload:
        try:
            await service.reopen_rating(info.context.access, nip, period, reason)
        except (InputError, AccessDenied) as exc:
            return RatingPayload(rating=None, warnings=[], errors=_errors(exc))
        return RatingPayload(rating=None, warnings=[], errors=[])

    @strawberry.mutation(description="ADMIN only: the agency's predikat for a period of a cycle that is not CLOSED.")
    async def set_org_predikat(self, info: Info, agency: str, period: str, predikat: OrgPredikat
                               ) -> OrgPredikatPayload:
        try:
            found = await org_ratings.set_org_predikat(info.context.access, agency, period, predikat.value)
        except (InputError, AccessDenied) as exc:
            return OrgPredikatPayload(agency=None, errors=_errors(exc))
        return OrgPredikatPayload(agency=Agency.from_model(found), errors=[])
