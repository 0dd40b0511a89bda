"""Satisfaction survey (IKM): SatisfactionIndex, the satisfaction query, submitFeedback (with the respondent's optional
profile) and setServicePopulation."""

from __future__ import annotations

import enum
from typing import Annotated, Optional

import strawberry

from kinerja.graphql.context import Info
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.graphql.idempotency import DESCRIPTION as KEY_DESCRIPTION, keyed
from kinerja.services.survey import ikm, profile
from kinerja.services.survey import form as survey_form
from kinerja.services.survey import satisfaction as service


@strawberry.type(description="The IKM (community satisfaction index) of a period and scope.")
class SatisfactionIndex:
    period: str
    respondents: int
    element_averages: list[float] = strawberry.field(
        description="Nine element averages (NRR), U1..U9, on the 1-4 scale.")
    index: float = strawberry.field(description="IKM on the 25-100 scale; 0 when nobody has answered.")
    grade: str = strawberry.field(description='A, B, C or D; "-" when nobody has answered.')
    label: str
    required_sample: Optional[int] = strawberry.field(
        description="Krejcie-Morgan sample for the service population; null when no population is set.")
    sufficient_sample: bool

    @classmethod
    def from_result(cls, result: service.IndexResult) -> "SatisfactionIndex":
        return cls(period=result.period, respondents=result.respondents,
                   element_averages=list(result.element_averages), index=result.index, grade=result.grade,
                   label=result.label, required_sample=result.required_sample,
                   sufficient_sample=result.sufficient_sample)


def _profile_enum(name: str, dimension: profile.Dimension) -> type[enum.Enum]:
    """The GraphQL enum of one profile question: its value codes, each described by its Indonesian label."""
    members = {code: strawberry.enum_value(code, description=label) for code, label in dimension.values}
    return strawberry.enum(enum.Enum(name, members),  # type: ignore[arg-type]
                           description=f"The respondent's {dimension.code.lower().replace('_', ' ')} "
                                       "(PermenPANRB 14/2017 questionnaire).")


RespondentAgeBand = _profile_enum("RespondentAgeBand", profile.AGE_BAND)
RespondentSex = _profile_enum("RespondentSex", profile.SEX)
RespondentEducation = _profile_enum("RespondentEducation", profile.EDUCATION)
RespondentOccupation = _profile_enum("RespondentOccupation", profile.OCCUPATION)
_OPTIONAL = " Optional: leave it out (or null) when the respondent does not say."


@strawberry.input
class FeedbackInput:
    agency: str
    unit: Optional[str] = None
    period: str
    answers: list[int] = strawberry.field(description="Nine answers, U1..U9, each 1-4.")
    service: Optional[str] = None
    served_by: Optional[str] = strawberry.field(
        default=None, description="NIP of the officer who served, when the respondent names one; a NIP that is not "
                                  "one of the agency's employees is taken as no officer, with the same answer.")
    comment: Optional[str] = None
    age_band: Optional[RespondentAgeBand] = strawberry.field(  # type: ignore[valid-type]
        default=None, description="The respondent's age band (the age in years is never asked)." + _OPTIONAL)
    sex: Optional[RespondentSex] = strawberry.field(  # type: ignore[valid-type]
        default=None, description="The respondent's sex." + _OPTIONAL)
    education: Optional[RespondentEducation] = strawberry.field(  # type: ignore[valid-type]
        default=None, description="The respondent's highest education." + _OPTIONAL)
    occupation: Optional[RespondentOccupation] = strawberry.field(  # type: ignore[valid-type]
        default=None, description="The respondent's occupation." + _OPTIONAL)


@strawberry.type
class FeedbackPayload:
    accepted: bool
    errors: list[UserError]


@strawberry.type(description="How many people an agency (unit null) or a unit serves: N of Krejcie-Morgan.")
class ServicePopulation:
    agency: str
    unit: Optional[str]
    population: int
    required_sample: int


@strawberry.type
class ServicePopulationPayload:
    service_population: Optional[ServicePopulation]
    errors: list[UserError]


@strawberry.type(description="A service unit the survey can be about.")
class SurveyUnit:
    code: str
    name: str


@strawberry.type(description="One of the nine IKM questions (U1..U9).")
class SurveyQuestion:
    code: str
    text: str
    answers: list[str] = strawberry.field(description="The wording of answers 1 to 4, worst to best.")


@strawberry.type(description="One choice of a question of the respondent's profile.")
class SurveyChoice:
    code: str = strawberry.field(description="The value to send, e.g. PEREMPUAN.")
    label: str = strawberry.field(description="What the form shows (Indonesian).")


@strawberry.type(description="One optional question of the respondent's profile (PermenPANRB 14/2017).")
class SurveyProfileQuestion:
    code: str = strawberry.field(description="AGE_BAND, SEX, EDUCATION or OCCUPATION: as satisfactionByGroup groups.")
    field: str = strawberry.field(description="The FeedbackInput field that answers it, e.g. ageBand.")
    label: str = strawberry.field(description="The question (Indonesian).")
    choices: list[SurveyChoice]


@strawberry.type(description="What the public survey page of an agency shows.")
class SurveyForm:
    agency: str
    agency_name: str
    period: Optional[str] = strawberry.field(description="The period answers go to now; null when none is open.")
    units: list[SurveyUnit]
    questions: list[SurveyQuestion]
    profile: list[SurveyProfileQuestion] = strawberry.field(
        description="The respondent's profile, asked after the questions; each question may be left unanswered.")


QUESTIONS = [SurveyQuestion(code=code, text=text, answers=list(answers))
             for code, text, answers in survey_form.QUESTIONS]
PROFILE = [SurveyProfileQuestion(code=d.code, field=d.field, label=d.label,
                                 choices=[SurveyChoice(code=c, label=label) for c, label in d.values])
           for d in survey_form.PROFILE]


@strawberry.type
class Query:
    @strawberry.field(description="Public: the survey form of an agency; null for an unknown agency.")
    async def survey_form(self, info: Info, agency: str) -> Optional[SurveyForm]:
        form = await survey_form.survey_form(agency)
        if form is None:
            return None
        return SurveyForm(agency=form.agency, agency_name=form.agency_name, period=form.period,
                          units=[SurveyUnit(code=c, name=n) for c, n in form.units], questions=QUESTIONS,
                          profile=PROFILE)

    @strawberry.field(description="ADMIN: any agency, all together without one; others: their own agency.")
    async def satisfaction(self, info: Info, period: str, agency: Optional[str] = None,
                           unit: Optional[str] = None) -> SatisfactionIndex:
        result = await service.satisfaction(info.context.access, period, agency, unit)
        return SatisfactionIndex.from_result(result)


def _profile_of(input: FeedbackInput) -> dict[str, Optional[str]]:
    """The profile's codes of the input (its enums by value), None where it was left out."""
    return {d.column: (value.value if (value := getattr(input, d.column)) is not None else None)
            for d in profile.DIMENSIONS}


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Public: needs no token. At most KINERJA_FEEDBACK_LIMIT submissions from one "
                                     "address within its window, refused ones included (RATE_LIMITED).")
    @handle_errors
    async def submit_feedback(
        self, info: Info, input: FeedbackInput,
        idempotency_key: Annotated[Optional[str], strawberry.argument(description=KEY_DESCRIPTION)] = None,
    ) -> FeedbackPayload:
        # public: never touch info.context.access, which demands a token
        settings = info.context.settings
        data = service.FeedbackData(agency=input.agency, period=input.period, answers=input.answers,
                                    unit=input.unit, service=input.service, served_by=input.served_by,
                                    comment=input.comment, **_profile_of(input))
        address = info.context.client_address

        async def around(write) -> dict:
            async def run() -> dict:
                await write()
                return {"accepted": True}

            # the public caller is the keyed hash of its address: the one the rate limit counts by
            return await keyed(info, f"client:{service.client_hash(address, settings.secret)}", "submitFeedback",
                               idempotency_key, data, run)

        # the service counts the submission against the address's limit outside the key's transaction, so that a
        # refused one stays counted
        answer = await service.submit_feedback(data, address, settings.feedback_limit,
                                               settings.feedback_window_seconds, settings.secret, around=around)
        return FeedbackPayload(accepted=answer["accepted"], errors=[])

    @strawberry.mutation(description="ADMIN or the agency's admin; the unit's population when unit is given.")
    @handle_errors
    async def set_service_population(self, info: Info, agency: str, unit: Optional[str] = None, *,
                                     population: int) -> ServicePopulationPayload:
        row = await service.set_service_population(info.context.access, agency, unit, population)
        unit_code = (unit or "").strip().upper() or None
        return ServicePopulationPayload(service_population=ServicePopulation(
            agency=agency.strip().upper(), unit=unit_code, population=row.population,
            required_sample=ikm.required_sample(row.population)), errors=[])
