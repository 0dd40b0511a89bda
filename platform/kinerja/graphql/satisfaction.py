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
    period: str = strawberry.field(description="The period: YYYY-Qn or YYYY-MM, or YYYY, which counts its quarters' "
                                               "or months' answers too.")
    respondents: int = strawberry.field(description="Answer sets counted (one per submission).")
    element_averages: list[float] = strawberry.field(
        description="Nine element averages (NRR), U1..U9, on the 1-4 scale.")
    index: float = strawberry.field(description="IKM on the 25-100 scale; 0 when nobody has answered.")
    grade: str = strawberry.field(description='A, B, C or D; "-" when nobody has answered.')
    label: str = strawberry.field(description="The grade in words (Indonesian): Sangat Baik, Baik, Kurang Baik or "
                                              "Tidak Baik; Belum ada responden when nobody has answered.")
    required_sample: Optional[int] = strawberry.field(
        description="Krejcie-Morgan sample for the service population; null when no population is set.")
    sufficient_sample: bool = strawberry.field(description="True when respondents reach requiredSample; false when "
                                                           "no service population is set.")

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


@strawberry.input(description="One respondent's answers to the public IKM survey (PermenPANRB 14/2017) about an "
                              "agency or one of its units, as surveyForm asks them.")
class FeedbackInput:
    agency: str = strawberry.field(description="The agency's code, e.g. DISDIK (an unknown one is NOT_FOUND).")
    unit: Optional[str] = strawberry.field(
        default=None, description="The code of the unit that served, one of surveyForm's units; null or blank: the "
                                  "agency as a whole.")
    period: str = strawberry.field(description="The period the answers go to (surveyForm's period): YYYY, YYYY-Qn or "
                                               "YYYY-MM of a cycle that takes answers (ACTIVE or EVALUATION).")
    answers: list[int] = strawberry.field(description="Nine answers, U1..U9, each 1-4.")
    service: Optional[str] = strawberry.field(default=None, description="The service used, as the respondent names "
                                                                        "it; null or blank: not said.")
    served_by: Optional[str] = strawberry.field(
        default=None, description="NIP of the officer who served, when the respondent names one; a NIP that is not "
                                  "one of the agency's employees is taken as no officer, with the same answer.")
    comment: Optional[str] = strawberry.field(default=None, description="The respondent's comment, plain text; null "
                                                                        "or blank: none.")
    age_band: Optional[RespondentAgeBand] = strawberry.field(  # type: ignore[valid-type]
        default=None, description="The respondent's age band (the age in years is never asked)." + _OPTIONAL)
    sex: Optional[RespondentSex] = strawberry.field(  # type: ignore[valid-type]
        default=None, description="The respondent's sex." + _OPTIONAL)
    education: Optional[RespondentEducation] = strawberry.field(  # type: ignore[valid-type]
        default=None, description="The respondent's highest education." + _OPTIONAL)
    occupation: Optional[RespondentOccupation] = strawberry.field(  # type: ignore[valid-type]
        default=None, description="The respondent's occupation." + _OPTIONAL)


@strawberry.type(description="The answer of submitFeedback: the answers stored, or the errors when nothing was "
                             "stored.")
class FeedbackPayload:
    accepted: bool = strawberry.field(description="True when the answers were stored (or a replay of the same "
                                                  "idempotency key answers so); false with errors.")
    errors: list[UserError] = strawberry.field(
        description="Typed problems (path, code, message) when nothing was stored, e.g. WRONG_COUNT or "
                    "OUT_OF_RANGE (answers), NOT_FOUND (agency or unit), INVALID_PERIOD, RATE_LIMITED; empty when "
                    "accepted.")


@strawberry.type(description="How many people an agency (unit null) or a unit serves: N of Krejcie-Morgan.")
class ServicePopulation:
    agency: str = strawberry.field(description="The agency's code.")
    unit: Optional[str] = strawberry.field(description="The unit's code; null for the agency as a whole.")
    population: int = strawberry.field(description="N: the number of people served, 1 to 100,000,000.")
    required_sample: int = strawberry.field(description="The Krejcie-Morgan sample for N: the respondents a "
                                                        "sufficient sample needs (N 100: 80; N 1,000: 278).")


@strawberry.type(description="The answer of setServicePopulation: the population as set, or the errors when nothing "
                             "was written.")
class ServicePopulationPayload:
    service_population: Optional[ServicePopulation] = strawberry.field(
        description="The population as now set; null when errors is not empty.")
    errors: list[UserError] = strawberry.field(
        description="Typed problems (path, code, message) when nothing was written, e.g. NOT_FOUND (agency or "
                    "unit), FORBIDDEN, OUT_OF_RANGE (population); empty on success.")


@strawberry.type(description="A service unit the survey can be about.")
class SurveyUnit:
    code: str = strawberry.field(description="The unit's code: the value of FeedbackInput.unit.")
    name: str = strawberry.field(description="The unit's name, as the form shows it.")


@strawberry.type(description="One of the nine IKM questions (U1..U9).")
class SurveyQuestion:
    code: str = strawberry.field(description="U1 to U9: the answer's place in FeedbackInput.answers.")
    text: str = strawberry.field(description="The question as the form asks it (Indonesian).")
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
    choices: list[SurveyChoice] = strawberry.field(description="The answers it offers, in the form's order.")


@strawberry.type(description="What the public survey page of an agency shows.")
class SurveyForm:
    agency: str = strawberry.field(description="The agency's code: the value of FeedbackInput.agency.")
    agency_name: str = strawberry.field(description="The agency's name, as the form's title shows it.")
    period: Optional[str] = strawberry.field(description="The period answers go to now; null when none is open.")
    units: list[SurveyUnit] = strawberry.field(description="The agency's units, by name: the respondent may name the "
                                                           "one that served.")
    questions: list[SurveyQuestion] = strawberry.field(description="The nine IKM questions, U1 to U9 in order.")
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
    async def survey_form(
        self, info: Info,
        agency: Annotated[str, strawberry.argument(description="The agency's code, e.g. DISDIK.")],
    ) -> Optional[SurveyForm]:
        form = await survey_form.survey_form(agency)
        if form is None:
            return None
        return SurveyForm(agency=form.agency, agency_name=form.agency_name, period=form.period,
                          units=[SurveyUnit(code=c, name=n) for c, n in form.units], questions=QUESTIONS,
                          profile=PROFILE)

    @strawberry.field(description="ADMIN: any agency, all together without one; others: their own agency.")
    async def satisfaction(
        self, info: Info,
        period: Annotated[str, strawberry.argument(
            description="The period: YYYY (with its quarters or months), YYYY-Qn or YYYY-MM; any other form is the "
                        "error INVALID_PERIOD.")],
        agency: Annotated[Optional[str], strawberry.argument(
            description="The agency's code (an unknown one, or one the viewer may not see, is the error NOT_FOUND); "
                        "null: ADMIN all agencies together, anyone else their own.")] = None,
        unit: Annotated[Optional[str], strawberry.argument(
            description="Only the answers naming exactly this unit (its code, in the agency: ADMIN gives agency "
                        "too); null: the whole agency.")] = None,
    ) -> SatisfactionIndex:
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
        self, info: Info,
        input: Annotated[FeedbackInput, strawberry.argument(
            description="The respondent's answers: the agency (and unit), the period, the nine answers, and what else "
                        "the respondent chose to say.")],
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
    async def set_service_population(
        self, info: Info,
        agency: Annotated[str, strawberry.argument(description="The agency's code, e.g. DISDIK.")],
        unit: Annotated[Optional[str], strawberry.argument(
            description="The unit's code, in the agency; null or blank: the agency as a whole.")] = None,
        *,
        population: Annotated[int, strawberry.argument(
            description="N, the number of people the agency or unit serves: 1 to 100,000,000 (OUT_OF_RANGE "
                        "otherwise).")],
    ) -> ServicePopulationPayload:
        row = await service.set_service_population(info.context.access, agency, unit, population)
        unit_code = (unit or "").strip().upper() or None
        return ServicePopulationPayload(service_population=ServicePopulation(
            agency=agency.strip().upper(), unit=unit_code, population=row.population,
            required_sample=ikm.required_sample(row.population)), errors=[])
