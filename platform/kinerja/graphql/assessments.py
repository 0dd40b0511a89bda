"""Assessments: types, the assessments and assessmentContext queries, submitSelf/SupervisorAssessment."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Optional

import strawberry

from kinerja import models
from kinerja.graphql.context import Info
from kinerja.graphql.officials import Official
from kinerja.graphql.agencies import Unit
from kinerja.graphql.enums import Expectation, OrgPredikat, RhkKind
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.graphql.measurements import Suggestion
from kinerja.graphql.pagination import (CONNECTION_AFTER, CONNECTION_DEFAULT, CONNECTION_FIRST, Connection,
                                        check_first, decode_cursor, forward_page)
from kinerja.graphql.people import Person, identity_only  # identity_only: an assessor above the viewer
from kinerja.graphql.satisfaction import SatisfactionIndex
from kinerja.services.evaluation import assessments as service
from kinerja.services.evaluation import result_notes
from kinerja.services.core.errors import BadArgument

CoreValue = strawberry.enum(service.CoreValue, description="The seven BerAKHLAK core values.")


@strawberry.enum(description="Whose assessment it is: the employee's own (SELF) or the assessing official's "
                             "(SUPERVISOR), from which the rating is finalized.")
class AssessmentKind(enum.Enum):
    SELF = strawberry.enum_value("SELF", description="The self-assessment, written by the employee themselves.")
    SUPERVISOR = strawberry.enum_value(
        "SUPERVISOR", description="The supervisor assessment, written by the person's assessing official for the "
                                  "period (their direct supervisor on its last day, or the acting official then), or "
                                  "by ADMIN standing in where there is none; finalizeRating rates from it.")


@strawberry.type(description="The assessor's note on one BerAKHLAK core value, beside the behaviour rating.")
class BehaviorNote:
    value: CoreValue = strawberry.field(description="The core value the note is about (at most one note per value).")
    note: str = strawberry.field(description=f"The note, trimmed: 1 to {service.NOTE_MAX} characters.")


@strawberry.type(description="The rating of one RHK (planned work result) of the person's SKP, as the evaluation "
                             "form has it.")
class ResultNote:
    item_key: str = strawberry.field(description="The RHK's key in the person's SKP (R1, R2, ...).")
    rating: Expectation = strawberry.field(description="The rating of this RHK against expectation.")
    realization: Optional[str] = strawberry.field(
        description="What was realised for this RHK (realisasi), as written in the assessment; null when not given.")
    feedback: Optional[str] = strawberry.field(
        description="The feedback on this RHK (umpan balik), as written in the assessment; null when not given.")


@strawberry.type(description="A planned work result (Rencana Hasil Kerja) of the person's SKP.")
class Rhk:
    key: str = strawberry.field(description="The RHK's key in the SKP (R1, R2, ...): the `itemKey` that rates it in "
                                            "ResultNoteInput.")
    kind: RhkKind = strawberry.field(description="MAIN (utama) or ADDITIONAL (tambahan).")
    work_result: str = strawberry.field(description="The planned work result as the SKP states it.")


@strawberry.type(description="The results rating that the supervisor assessment's per-RHK ratings suggest, by the "
                             "evaluation form's rule (PermenPANRB 6/2022).")
class ResultsSuggestion:
    rating: Expectation = strawberry.field(description="The suggested results rating.")
    reason: str = strawberry.field(description="How it was reached (how many RHK are above, meeting and below "
                                               "expectation), in Indonesian whatever the request's language.")


@strawberry.type(description="A self or supervisor assessment of one person for one period: the results and "
                             "behaviour ratings against expectation, with notes. Read by those who may see the "
                             "person; a former assessing official also reads the ones they gave.")
class Assessment:
    id: strawberry.ID = strawberry.field(description="The assessment's id (its audit trail: entity `assessment`, "
                                                     "this id).")
    kind: AssessmentKind = strawberry.field(description="SELF (the employee's) or SUPERVISOR (the assessing "
                                                        "official's).")
    period: str = strawberry.field(description="The period assessed: YYYY-Qn or YYYY-MM, or YYYY for the year (also "
                                               "the evaluation of its last quarter or month).")
    result_rating: Expectation = strawberry.field(description="The rating of the work results against expectation.")
    behavior_rating: Expectation = strawberry.field(description="The rating of work behaviour (the BerAKHLAK core "
                                                                "values) against expectation.")
    behavior_notes: list[BehaviorNote] = strawberry.field(description="Notes per core value, at most one per value, "
                                                                      "in the order given; empty when none.")
    results: list[ResultNote] = strawberry.field(description="Per RHK of the person's SKP: its rating, realisation "
                                                             "and feedback (empty when not rated result by result).")
    comment: Optional[str] = strawberry.field(description="The general comment, trimmed; null when none.")
    version: int = strawberry.field(description="Optimistic-concurrency version: send it back to update.")
    updated_at: dt.datetime = strawberry.field(description="When it was created or last updated.")
    acted_by_admin: bool = strawberry.field(
        description="True when ADMIN assessed in place of a missing supervisor (the assessor is the person its "
                    "token stands for).")
    person_id: strawberry.Private[int]
    assessor_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, m: models.Assessment) -> "Assessment":
        return cls(id=strawberry.ID(str(m.id)), kind=AssessmentKind(m.kind), period=m.period,
                   result_rating=Expectation(m.result_rating), behavior_rating=Expectation(m.behavior_rating),
                   behavior_notes=[BehaviorNote(value=CoreValue(n["value"]), note=n["note"])
                                   for n in m.behavior_notes or ()],
                   results=[ResultNote(item_key=n["item"], rating=Expectation(n["rating"]),
                                       realization=n.get("realization"), feedback=n.get("feedback"))
                            for n in m.result_notes or ()],
                   comment=m.comment, version=m.version, updated_at=m.updated_at, acted_by_admin=m.acted_by_admin,
                   person_id=m.person_id, assessor_id=m.assessor_id)

    @strawberry.field(description="The person assessed, with their records. A NOT_FOUND error where the person is "
                                  "outside the viewer's scope (a former assessing official): read `subject` then.")
    async def person(self, info: Info) -> Person:
        found = await info.context.loaders.person.load(self.person_id)
        if found is None:  # assessments are listed only for people in scope
            raise BadArgument("person", "the person of this assessment is out of scope", "NOT_FOUND")
        return Person.from_model(found)

    @strawberry.field(description="The person assessed by name, NIP and position: readable by whoever sees the "
                                  "assessment, their former assessing official included, who no longer sees the "
                                  "person (`person` is then out of scope).")
    async def subject(self, info: Info) -> Official:
        found = await info.context.loaders.assessor.load(self.person_id)
        return Official(nip=found.nip, name=found.name, position=found.position)

    @strawberry.field(description="Who assessed: the person (SELF), the direct supervisor, or the person an ADMIN "
                                  "token stands for. Shown even when above the viewer in the same agency (who they "
                                  "are, nothing further through them); null when the assessor works in an agency "
                                  "the viewer cannot see (an ADMIN standing in for a missing supervisor).")
    async def assessor(self, info: Info) -> Optional[Person]:
        in_scope = await info.context.loaders.person.load(self.assessor_id)
        if in_scope is not None:
            return Person.from_model(in_scope)
        found = await info.context.loaders.assessor.load(self.assessor_id)
        if found is None or not info.context.access.can_see_agency(found.agency_id):
            return None  # out of scope reads as absent: another agency's person, and through it that agency
        return identity_only(Person.from_model(found))


@strawberry.input(description="A note on one BerAKHLAK core value, beside the behaviour rating.")
class BehaviorNoteInput:
    value: CoreValue = strawberry.field(description="The core value the note is about: once per assessment "
                                                    "(DUPLICATE otherwise).")
    note: str = strawberry.field(description=f"1-{service.NOTE_MAX} characters (trimmed).")


@strawberry.input(description="The rating of one RHK of the person's SKP, with the evaluation form's realisation "
                              "and feedback.")
class ResultNoteInput:
    item_key: str = strawberry.field(description="The RHK's key in the person's SKP (R1, R2, ...): once each.")
    rating: Expectation = strawberry.field(description="The rating of this RHK against expectation.")
    realization: Optional[str] = strawberry.field(default=None, description=f"At most {result_notes.TEXT_MAX} "
                                                                            "characters.")
    feedback: Optional[str] = strawberry.field(default=None, description=f"At most {result_notes.TEXT_MAX} "
                                                                         "characters.")


@strawberry.input(description="A self or supervisor assessment to create (without `version`) or to update (with "
                              "the version last read). An update replaces the whole content: an omitted comment, "
                              "notes or results are cleared.")
class AssessmentInput:
    nip: str = strawberry.field(description="The NIP of the person assessed (for a self-assessment, the viewer's "
                                            "own).")
    period: str = strawberry.field(description="The period: YYYY-Qn or YYYY-MM of the cycle (not its last quarter "
                                               "or month, which is assessed as the year) or YYYY; its cycle must be "
                                               "EVALUATION.")
    result_rating: Expectation = strawberry.field(description="The rating of the work results against expectation.")
    behavior_rating: Expectation = strawberry.field(description="The rating of work behaviour (the BerAKHLAK core "
                                                                "values) against expectation.")
    behavior_notes: Optional[list[BehaviorNoteInput]] = strawberry.field(
        default_factory=list,
        description=f"At most one note per core value; each note 1-{service.NOTE_MAX} characters.")
    comment: Optional[str] = strawberry.field(default=None, description=f"At most {service.COMMENT_MAX} characters.")
    results: Optional[list[ResultNoteInput]] = strawberry.field(
        default_factory=list,
        description=f"Per RHK of the person's SKP, at most {result_notes.MAX_RESULTS}: replaces the stored ones.")
    version: Optional[int] = strawberry.field(
        default=None, description="The version last read, to update an existing assessment; omit to create.")


@strawberry.type(description="The answer of submitSelfAssessment and submitSupervisorAssessment: the assessment "
                             "as stored, or the problems.")
class AssessmentPayload:
    assessment: Optional[Assessment] = strawberry.field(description="The assessment as stored, with its new "
                                                                    "version; null when nothing was written.")
    errors: list[UserError] = strawberry.field(description="Typed problems (path, code, message) when nothing was "
                                                           "written, e.g. CONFLICT on a stale version; empty on "
                                                           "success.")


@strawberry.enum(description="What a unit head's suggested results rating rests on: the unit's organisation "
                             "predikat (ORG_PREDIKAT, mapped by KINERJA_UNIT_HEAD_RATINGS), the unit's indicator "
                             "achievement (ACHIEVEMENTS), a plugin's other answer (PLUGIN), or nothing yet (NOTHING).")
class UnitHeadBasis(enum.Enum):
    ORG_PREDIKAT = strawberry.enum_value(
        "ORG_PREDIKAT", description="The unit's organisation predikat of the period, mapped to a results rating by "
                                    "KINERJA_UNIT_HEAD_RATINGS.")
    ACHIEVEMENTS = strawberry.enum_value(
        "ACHIEVEMENTS", description="No organisation predikat: the unit's indicator achievement (its unit targets' "
                                    "measurements of the period).")
    PLUGIN = strawberry.enum_value(
        "PLUGIN", description="A plugin (kinerja_suggest_result_rating) answered other than the mapping or the "
                              "achievements would.")
    NOTHING = strawberry.enum_value(
        "NOTHING", description="No suggested rating: the unit has neither an organisation predikat nor measurements "
                               "for the period (or no answer came).")


@strawberry.type(description="The unit-head rule (SE MenPANRB 3/2023): the person heads `unit`, whose results are "
                             "theirs. The suggestion follows the unit's organisation predikat of the period when it "
                             "has one, else the unit's indicator achievement (its unit targets' measurements).")
class UnitHeadSuggestion:
    unit: Unit = strawberry.field(description="The unit the person heads on the period's last day (today while the "
                                              "period runs).")
    org_predikat: Optional[OrgPredikat] = strawberry.field(
        description="The unit's own organisation predikat of the period; null when none is set.")
    from_org_predikat: Optional[Expectation] = strawberry.field(
        description="The results rating the unit-head mapping gives for that predikat; null without one.")
    basis: UnitHeadBasis = strawberry.field(description="What the suggestion rests on.")
    suggestion: Suggestion = strawberry.field(
        description="The suggested results rating, its reason, and the unit's measurements it was computed from.")

    @classmethod
    def from_result(cls, found: service.unit_head_rule.UnitHeadSuggestion) -> "UnitHeadSuggestion":
        return cls(unit=Unit.from_model(found.unit),
                   org_predikat=OrgPredikat(found.org_predikat) if found.org_predikat else None,
                   from_org_predikat=Expectation(found.from_org_predikat) if found.from_org_predikat else None,
                   basis=UnitHeadBasis(found.basis), suggestion=Suggestion.from_result(found.suggestion))


@strawberry.type(description="What the assessor sees: the self-assessment, the supervisor assessment so far, the "
                             "suggested results rating, and when the person heads a unit the unit-head rule's "
                             "suggestion and the unit's IKM.")
class AssessmentContext:
    person: Person = strawberry.field(description="The person being assessed.")
    self_assessment: Optional[Assessment] = strawberry.field(
        description="The person's self-assessment for the period; null until they submit one.")
    supervisor_assessment: Optional[Assessment] = strawberry.field(
        description="The supervisor assessment for the period so far; null until one is submitted.")
    suggestion: Suggestion = strawberry.field(
        description="The suggestion the rating is checked against when there are no per-RHK ratings: the unit-head "
                    "rule's when the person heads a unit and it gives a rating (the unit's results are the head's), "
                    "else from the person's own indicator achievement.")
    heads_unit: bool = strawberry.field(
        description="The person has a unit and their supervisor is absent or works in another unit (units have no "
                    "head field; this is how a head is recognised).")
    unit_head: Optional[UnitHeadSuggestion] = strawberry.field(
        description="The unit-head rule's suggestion when the person heads a unit, else null.")
    unit_satisfaction: Optional[SatisfactionIndex] = strawberry.field(
        description="The IKM of the person's unit for the period when they head it, else null.")
    rhk: list[Rhk] = strawberry.field(description="The RHK of the person's SKP (the revision in force, else the "
                                                  "latest), to rate result by result.")
    results_suggestion: Optional[ResultsSuggestion] = strawberry.field(
        description="The results rating the supervisor's per-RHK ratings suggest (most or all above and no MAIN "
                    "below: above; most or all below: below; otherwise meets), with the reason in Indonesian; null "
                    "without per-RHK ratings.")


def _data(input: AssessmentInput) -> service.AssessmentData:
    return service.AssessmentData(
        nip=input.nip, period=input.period, result_rating=input.result_rating.value,
        behavior_rating=input.behavior_rating.value,
        behavior_notes=[service.NoteData(value=n.value.value, note=n.note) for n in input.behavior_notes or ()],
        results=[result_notes.ResultNoteData(item_key=n.item_key, rating=n.rating.value, realization=n.realization,
                                             feedback=n.feedback) for n in input.results or ()],
        comment=input.comment, version=input.version)


@handle_errors
async def _submit(info: Info, kind: str, input: AssessmentInput) -> AssessmentPayload:
    saved = await service.submit_assessment(info.context.access, kind, _data(input))
    return AssessmentPayload(assessment=Assessment.from_model(saved), errors=[])


@strawberry.type
class Query:
    @strawberry.field(description=f"Assessments of a period in the viewer's scope, by person name (at most "
                                  f"{service.LIST_MAX}); with nip, that person's only.",
                      deprecation_reason="Use assessmentsConnection: pages of any length, with a cursor and whether "
                                         "more follow (this list stops at its maximum with LIST_TOO_LONG).")
    async def assessments(
        self, info: Info,
        period: Annotated[str, strawberry.argument(description="The period: YYYY, YYYY-Qn or YYYY-MM.")],
        nip: Annotated[Optional[str], strawberry.argument(
            description="Only this person's (their NIP); null: every person in scope.")] = None,
    ) -> list[Assessment]:
        rows = await service.list_assessments(info.context.access, period, nip)
        return [Assessment.from_model(a) for a in rows]

    @strawberry.field(description="Assessments of a period in the viewer's scope, by person name then kind, in "
                                  "keyset pages; with nip, that person's only.")
    async def assessments_connection(
        self, info: Info,
        period: Annotated[str, strawberry.argument(description="The period: YYYY, YYYY-Qn or YYYY-MM.")],
        nip: Annotated[Optional[str], strawberry.argument(
            description="Only this person's (their NIP); null: every person in scope.")] = None,
        first: Annotated[Optional[int], strawberry.argument(description=CONNECTION_FIRST)] = None,
        after: Annotated[Optional[str], strawberry.argument(description=CONNECTION_AFTER)] = None,
    ) -> Connection[Assessment]:
        size = check_first(CONNECTION_DEFAULT if first is None else first, info.context.settings.max_page_size)
        position = decode_cursor(after, (str, int, str))
        rows = await service.list_assessments(info.context.access, period, nip, size, position)
        names = await service.names_of([a.person_id for a in rows[:size]])
        return forward_page(rows, size, after, Assessment.from_model,
                            lambda a: (names.get(a.person_id, ""), a.person_id, a.kind))

    @strawberry.field(description="The supervisor's view of a person's assessment for a period; null when the "
                                  "person is out of scope. For the supervisor chain, the agency admin and ADMIN.")
    async def assessment_context(
        self, info: Info, nip: Annotated[str, strawberry.argument(description="The NIP of the person assessed.")],
        period: Annotated[str, strawberry.argument(description="The period: YYYY, YYYY-Qn or YYYY-MM.")],
    ) -> Optional[AssessmentContext]:
        ctx = info.context
        found = await service.assessment_context(ctx.access, ctx.catalog, nip, period,
                                                 dict(ctx.settings.unit_head_ratings))
        if found is None:
            return None
        return AssessmentContext(
            person=Person.from_model(found.person),
            self_assessment=Assessment.from_model(found.self_assessment) if found.self_assessment else None,
            supervisor_assessment=(Assessment.from_model(found.supervisor_assessment)
                                   if found.supervisor_assessment else None),
            suggestion=Suggestion.from_result(found.suggestion),
            heads_unit=found.heads_unit,
            unit_head=UnitHeadSuggestion.from_result(found.unit_head) if found.unit_head else None,
            rhk=[Rhk(key=r.key, kind=RhkKind(r.kind), work_result=r.work_result) for r in found.rhk],
            results_suggestion=(ResultsSuggestion(rating=Expectation(found.results_suggestion.rating),
                                                  reason=found.results_suggestion.reason)
                                if found.results_suggestion else None),
            unit_satisfaction=(SatisfactionIndex.from_result(found.unit_satisfaction)
                               if found.unit_satisfaction is not None else None))


INPUT_HELP = ("The assessment: the person (nip), the period, the ratings and notes; `version` to update an "
              "existing one.")


@strawberry.type
class Mutation:
    @strawberry.mutation(description="By the employee for themselves, while the period's cycle is EVALUATION; "
                                     "omit version to create, send the version last read to update.")
    async def submit_self_assessment(
        self, info: Info, input: Annotated[AssessmentInput, strawberry.argument(description=INPUT_HELP)],
    ) -> AssessmentPayload:
        return await _submit(info, service.SELF, input)

    @strawberry.mutation(description="By the person's direct supervisor (ADMIN, with a token that stands for a "
                                     "person, when there is none), while the period's cycle is EVALUATION; omit "
                                     "version to create, send the version last read to update.")
    async def submit_supervisor_assessment(
        self, info: Info, input: Annotated[AssessmentInput, strawberry.argument(description=INPUT_HELP)],
    ) -> AssessmentPayload:
        return await _submit(info, service.SUPERVISOR, input)
