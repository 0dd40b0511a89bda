"""Ratings: the Rating type (Person.rating), finalizeRating and reopenRating."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace
from typing import TYPE_CHECKING, Annotated, Optional

import strawberry

from kinerja import models
from kinerja.graphql import lazy
from kinerja.graphql.context import Info
from kinerja.graphql.enums import Expectation, Predikat
from kinerja.graphql.errors import UserError, handle_errors, language
from kinerja.graphql.people import Person
from kinerja.plugins import PersonInfo, RatingInfo
from kinerja.services.core import messages
from kinerja.services.evaluation import curve
from kinerja.services.evaluation import ratings as service


if TYPE_CHECKING:
    from kinerja.graphql.objections import Objection

ObjectionType = Annotated["Objection", strawberry.lazy("kinerja.graphql.objections")]


@strawberry.type(description="The finalized rating of one person for one period.")
class Rating:
    person_id: strawberry.Private[int]
    person_info: strawberry.Private[PersonInfo]
    rating_info: strawberry.Private[RatingInfo]
    period: str = strawberry.field(description="The period rated: YYYY-Qn or YYYY-MM, or YYYY for the year (also the "
                                               "evaluation of its last quarter or month).")
    result_rating: Expectation = strawberry.field(
        description="The results rating: the supervisor assessment's at finalization, or as a CHANGED objection "
                    "decision set it.")
    behavior_rating: Expectation = strawberry.field(
        description="The behaviour rating: the supervisor assessment's at finalization, or as a CHANGED objection "
                    "decision set it.")
    predikat: Predikat = strawberry.field(description="The predikat kinerja pegawai the results x behaviour matrix "
                                                      "gives for the two ratings (the kinerja_predikat hook).")
    suggested_result_rating: Optional[Expectation] = strawberry.field(
        description="The results rating suggested at finalization (the unit-head rule, the per-RHK ratings or the "
                    "indicator achievement); null when there was nothing to suggest from.")
    english_suggestion_reason: strawberry.Private[Optional[str]]
    override_reason: Optional[str] = strawberry.field(
        description="Why the results rating differs from the suggested one, as the finalizer wrote it; null when "
                    "none was given.")
    curve_justification: Optional[str] = strawberry.field(
        description="The finalizer's justification for breaking a maximum of the distribution curve; null when "
                    "none was given.")
    english_curve_warnings: strawberry.Private[list[str]]
    finalized_at: dt.datetime = strawberry.field(
        description="When it was finalized; the employee may object until KINERJA_OBJECTION_DAYS (14) days after "
                    "its date in WIB.")

    @strawberry.field(description="What the suggestion was computed from, in the request's language "
                                  "(Accept-Language).")
    def suggestion_reason(self, info: Info) -> Optional[str]:
        return messages.translate(self.english_suggestion_reason, language(info)) if self.english_suggestion_reason \
            else self.english_suggestion_reason

    @strawberry.field(description="The distribution curve's warnings at finalization, in the request's language.")
    def curve_warnings(self, info: Info) -> list[str]:
        return [messages.translate(w, language(info)) for w in self.english_curve_warnings]

    @classmethod
    def from_model(cls, m: models.Rating, person: PersonInfo) -> "Rating":
        suggested = m.suggested_result_rating
        return cls(person_id=m.person_id, person_info=person, rating_info=service.rating_info(m), period=m.period,
                   result_rating=Expectation(m.result_rating), behavior_rating=Expectation(m.behavior_rating),
                   predikat=Predikat(m.predikat),
                   suggested_result_rating=Expectation(suggested) if suggested else None,
                   english_suggestion_reason=m.suggestion_reason, override_reason=m.override_reason,
                   curve_justification=m.curve_justification, english_curve_warnings=list(m.curve_warnings or []),
                   finalized_at=m.finalized_at)

    @classmethod
    def from_loaded(cls, m: models.Rating) -> "Rating":
        """A rating of the rating loader (person, agency and unit loaded with it)."""
        return cls.from_model(m, service.info_of_loaded(m))

    @classmethod
    def from_row(cls, r: dict) -> "Rating":
        """A row of service.rating_rows_of_people (Person.rating preloaded for a page of people)."""
        person = PersonInfo(nip=r["person_nip"], name=r["person_name"], position=r["person_position"],
                            agency=r["agency_code"], unit=r["unit_code"])
        suggested = r["suggested_result_rating"]
        return cls(person_id=r["person_id"], person_info=person,
                   rating_info=service.rating_info(SimpleNamespace(**r)), period=r["period"],
                   result_rating=Expectation(r["result_rating"]), behavior_rating=Expectation(r["behavior_rating"]),
                   predikat=Predikat(r["predikat"]),
                   suggested_result_rating=Expectation(suggested) if suggested else None,
                   english_suggestion_reason=r["suggestion_reason"], override_reason=r["override_reason"],
                   curve_justification=r["curve_justification"],
                   english_curve_warnings=list(r["curve_warnings"] or []),
                   finalized_at=r["finalized_at"])

    @strawberry.field(description="The person rated.")
    async def person(self, info: Info) -> Person:
        return Person.from_model(await info.context.loaders.person.load(self.person_id))

    @strawberry.field(description="The employee's objection to this rating (keberatan), open or decided; null "
                                  "when there is none or the viewer is not among those who see it (the employee, "
                                  "the assessing official, the deciding superior, the agency's admin, ADMIN).")
    async def objection(self, info: Info) -> Optional[ObjectionType]:
        found = await info.context.loaders.objection_of_rating.load((self.person_id, self.period))
        return lazy.resolve(ObjectionType).of(found) if found else None

    @strawberry.field(description="Development follow-up from the kinerja_recommendations hook.")
    def recommendations(self, info: Info) -> list[str]:
        return info.context.catalog.recommendations(self.person_info, self.rating_info)


@strawberry.input(description="The rating to finalize, one person's for one period, from their supervisor "
                              "assessment as stored, with the reasons the checks may require.")
class FinalizeInput:
    nip: str = strawberry.field(description="The NIP of the person rated.")
    period: str = strawberry.field(description="The period: YYYY-Qn or YYYY-MM of the cycle (not its last quarter or "
                                               "month, which is rated as the year) or YYYY; its cycle must be "
                                               "EVALUATION.")
    override_reason: Optional[str] = strawberry.field(
        default=None, description="Required when the results rating differs from the suggested one.")
    curve_justification: Optional[str] = strawberry.field(
        default=None, description="Required when the rating breaks a maximum of the agency's distribution curve.")
    version: Optional[int] = strawberry.field(
        default=None, description="The supervisor assessment's version the finalizer saw: a CONFLICT when it has "
                                  "changed since. Omitted: the assessment as it stands when the rating commits.")


@strawberry.type(description="The answer of finalizeRating and reopenRating: the rating finalized and the "
                             "distribution curve's warnings, or the problems.")
class RatingPayload:
    rating: Optional[Rating] = strawberry.field(description="The rating as finalized; null when nothing was "
                                                            "written, and after reopenRating (the rating is "
                                                            "removed).")
    errors: list[UserError] = strawberry.field(
        description="Typed problems (path, code, message), a refusal (FORBIDDEN) among them, when nothing was "
                    "written; empty on success. On CURVE_JUSTIFICATION_REQUIRED, `warnings` lists the curve's "
                    "findings.")
    english_warnings: strawberry.Private[list[str]] = dataclasses.field(default_factory=list)

    @strawberry.field(description="The distribution curve's warnings, in the request's language (Accept-Language).")
    def warnings(self, info: Info) -> list[str]:
        return [messages.translate(w, language(info)) for w in self.english_warnings or []]


def _breach_warnings(exc: Exception) -> dict:
    """A refusal for the distribution curve carries its findings, to be read before justifying."""
    return {"english_warnings": exc.warnings} if isinstance(exc, service.CurveBreach) else {}


@strawberry.type
class Mutation:
    @strawberry.mutation(description="The direct supervisor or ADMIN, while the cycle is EVALUATION; once only.")
    @handle_errors(refusals=True, carry=_breach_warnings)
    async def finalize_rating(
        self, info: Info, input: Annotated[FinalizeInput, strawberry.argument(
            description="The person and period to finalize, with the reasons the checks may require.")],
    ) -> RatingPayload:
        ctx = info.context
        rules = curve.rules_for(ctx.settings.curve_file)
        done = await service.finalize_rating(ctx.access, ctx.catalog, rules, service.FinalizeData(
            nip=input.nip, period=input.period, override_reason=input.override_reason,
            curve_justification=input.curve_justification, version=input.version), dict(ctx.settings.unit_head_ratings))
        return RatingPayload(rating=Rating.from_model(done.rating, done.person), english_warnings=done.warnings,
                             errors=[])

    @strawberry.mutation(description="ADMIN only, with a reason, while the cycle is not CLOSED: removes the finalized "
                                     "rating (the audit trail keeps it) so that it can be finalized again.")
    @handle_errors(refusals=True)
    async def reopen_rating(
        self, info: Info, nip: Annotated[str, strawberry.argument(description="The NIP of the person rated.")],
        period: Annotated[str, strawberry.argument(description="The period of the rating: YYYY, YYYY-Qn or "
                                                               "YYYY-MM.")],
        reason: Annotated[str, strawberry.argument(description="Why it is reopened: required, kept in the audit "
                                                               "trail.")],
    ) -> RatingPayload:
        await service.reopen_rating(info.context.access, nip, period, reason)
        return RatingPayload(rating=None, errors=[])
