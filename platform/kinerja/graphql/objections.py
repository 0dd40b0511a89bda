"""Keberatan: the Objection type (objections, objection, objectionCounts, Rating.objection) and fileObjection,
addObjectionStatement, decideObjection (services/evaluation/objections.py)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Optional

import strawberry

from kinerja import models
from kinerja.graphql import cost
from kinerja.graphql.context import Info
from kinerja.graphql.enums import Expectation, Predikat
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.graphql.inputs import input_id, parse_id
from kinerja.graphql.officials import Official
from kinerja.graphql.people import Person
from kinerja.services.evaluation import objections as service


@strawberry.enum(description="Where an objection stands: OPEN until the superior decides; then UPHELD (the rating "
                             "stands) or CHANGED (a new rating). A decision is final.")
class ObjectionStatus(Enum):
    OPEN = strawberry.enum_value("OPEN", description="Filed and awaiting the superior's decision; statements may be "
                                                     "added.")
    UPHELD = strawberry.enum_value("UPHELD", description="Decided: the rating stands.")
    CHANGED = strawberry.enum_value("CHANGED", description="Decided: the rating was changed (a new results and/or "
                                                           "behaviour rating, hence a new predikat).")


@strawberry.enum(description="The decision on an objection.")
class ObjectionOutcome(Enum):
    UPHELD = strawberry.enum_value("UPHELD", description="The rating stands: give no resultRating or "
                                                         "behaviorRating.")
    CHANGED = strawberry.enum_value("CHANGED", description="A new results and/or behaviour rating, at least one "
                                                           "other than the rating's; the predikat follows from the "
                                                           "matrix.")


@strawberry.enum(description="Who made a statement on an objection.")
class ObjectionRole(Enum):
    EMPLOYEE = strawberry.enum_value("EMPLOYEE", description="The employee who objects.")
    ASSESSOR = strawberry.enum_value("ASSESSOR", description="The assessing official who gave the rating.")
    SUPERIOR = strawberry.enum_value("SUPERIOR", description="The assessing official's superior, who decides.")
    ADMIN = strawberry.enum_value("ADMIN", description="ADMIN, on behalf of a superior outside the platform.")


@strawberry.type(description="A statement on an objection, asked of the employee or the assessing official.")
class ObjectionStatement:
    author_id: strawberry.Private[Optional[int]]
    role: ObjectionRole = strawberry.field(description="The role in which the author wrote it.")
    text: str = strawberry.field(description=f"The statement, trimmed: at most {service.TEXT_MAX} characters.")
    at: dt.datetime = strawberry.field(description="When it was added.")

    @strawberry.field(description="Who wrote it (null: ADMIN, on behalf of a superior outside the platform).")
    async def author(self, info: Info) -> Optional[Official]:
        if self.author_id is None:
            return None
        found = await info.context.loaders.assessor.load(self.author_id)
        return Official(nip=found.nip, name=found.name, position=found.position) if found else None


def _expectation(value: Optional[str]) -> Optional[Expectation]:
    return Expectation(value) if value else None


@strawberry.type(description="An employee's objection (keberatan) to a finalized rating, PP 30/2019 article 59. "
                             "Seen by the employee, the assessing official, the deciding superior, the agency's "
                             "admin and ADMIN only.")
class Objection:
    model: strawberry.Private[models.Objection]
    id: strawberry.ID = strawberry.field(description="The objection's id (its audit trail: entity `objection`, this "
                                                     "id).")
    period: str = strawberry.field(description="The period of the rating objected to: YYYY, YYYY-Qn or YYYY-MM.")
    reason: str = strawberry.field(description="The employee's reasons, as filed.")
    status: ObjectionStatus = strawberry.field(description="OPEN until decided, then UPHELD or CHANGED (final).")
    filed_at: dt.datetime = strawberry.field(description="When the employee filed it.")
    old_result_rating: Expectation = strawberry.field(description="The results rating objected to, as it was at "
                                                                  "filing.")
    old_behavior_rating: Expectation = strawberry.field(description="The behaviour rating objected to, as it was at "
                                                                    "filing.")
    old_predikat: Predikat = strawberry.field(description="The predikat objected to, as it was at filing.")
    new_result_rating: Optional[Expectation] = strawberry.field(
        description="The results rating after a CHANGED decision (the old one where only the behaviour rating "
                    "changed); null while OPEN and when UPHELD.")
    new_behavior_rating: Optional[Expectation] = strawberry.field(
        description="The behaviour rating after a CHANGED decision (the old one where only the results rating "
                    "changed); null while OPEN and when UPHELD.")
    new_predikat: Optional[Predikat] = strawberry.field(
        description="The predikat after a CHANGED decision, from the matrix; null while OPEN and when UPHELD.")
    decision_reason: Optional[str] = strawberry.field(description="The reasons given with the decision; null while "
                                                                  "OPEN.")
    decision_reference: Optional[str] = strawberry.field(
        description="The decision letter's reference, where ADMIN recorded the decision of a superior outside the "
                    "platform.")
    decided_at: Optional[dt.datetime] = strawberry.field(description="When it was decided; null while OPEN.")

    @classmethod
    def of(cls, m: models.Objection) -> "Objection":
        return cls(model=m, id=strawberry.ID(str(m.id)), period=m.period, reason=m.reason,
                   status=ObjectionStatus(m.status), filed_at=m.filed_at,
                   old_result_rating=Expectation(m.old_result_rating),
                   old_behavior_rating=Expectation(m.old_behavior_rating), old_predikat=Predikat(m.old_predikat),
                   new_result_rating=_expectation(m.new_result_rating),
                   new_behavior_rating=_expectation(m.new_behavior_rating),
                   new_predikat=Predikat(m.new_predikat) if m.new_predikat else None,
                   decision_reason=m.decision_reason, decision_reference=m.decision_reference,
                   decided_at=m.decided_at)

    async def _person(self, info: Info, person_id: Optional[int]) -> Optional[Person]:
        if person_id is None:
            return None
        found = await info.context.loaders.person.load(person_id)
        return Person.from_model(found) if found else None

    @strawberry.field(description="The employee who objects.")
    async def person(self, info: Info) -> Optional[Person]:
        return await self._person(info, self.model.person_id)

    async def _official(self, info: Info, person_id: Optional[int]) -> Optional["Official"]:
        # named to everyone who sees the objection, even where the person lies outside their scope (the employee
        # and the superior above their supervisor): only the name, NIP and position, never the person's records
        if person_id is None:
            return None
        found = await info.context.loaders.assessor.load(person_id)
        return Official(nip=found.nip, name=found.name, position=found.position) if found else None

    @strawberry.field(description="The assessing official (null: ADMIN stood in for a missing supervisor).")
    async def assessor(self, info: Info) -> Optional["Official"]:
        return await self._official(info, self.model.assessor_id)

    @strawberry.field(description="The superior who decides (null: outside the platform; ADMIN records the "
                                  "decision with the letter's reference).")
    async def decider(self, info: Info) -> Optional["Official"]:
        return await self._official(info, self.model.decider_id)

    @strawberry.field(description="The statements, oldest first.")
    async def statements(self, info: Info) -> list[ObjectionStatement]:
        return [ObjectionStatement(author_id=s.author_id, role=ObjectionRole(s.role), text=s.text, at=s.at)
                for s in await service.statements_of(self.model.id)]

    @strawberry.field(description="Whether the viewer may decide it now.")
    def may_decide(self, info: Info) -> bool:
        return self.model.status == "OPEN" and service.may_decide(info.context.access, self.model)

    @strawberry.field(description="Whether the viewer may add a statement now.")
    def may_add_statement(self, info: Info) -> bool:
        return self.model.status == "OPEN" and service.statement_role(info.context.access, self.model) is not None


@strawberry.type(description="Objections of one agency in a period, by where they stand.")
class ObjectionCount:
    agency: str = strawberry.field(description="The agency's code (an agency without objections in the period is "
                                               "not listed).")
    open: int = strawberry.field(description="Objections still OPEN.")
    upheld: int = strawberry.field(description="Objections decided UPHELD.")
    changed: int = strawberry.field(description="Objections decided CHANGED.")


@strawberry.type(description="The answer of fileObjection, addObjectionStatement and decideObjection: the "
                             "objection as it stands after the change, or the problems.")
class ObjectionPayload:
    objection: Optional[Objection] = strawberry.field(description="The objection after the change; null when "
                                                                  "nothing was written.")
    errors: list[UserError] = strawberry.field(description="Typed problems (path, code, message), a refusal "
                                                           "(FORBIDDEN) among them, when nothing was written; empty "
                                                           "on success.")


@strawberry.input(description="The superior's decision: UPHELD keeps the rating; CHANGED gives a new results "
                              "and/or behaviour rating (the predikat follows from the matrix).")
class ObjectionDecisionInput:
    id: strawberry.ID = strawberry.field(description="The objection's id.")
    outcome: ObjectionOutcome = strawberry.field(description="UPHELD (the rating stands) or CHANGED (a new rating).")
    reason: str = strawberry.field(description="The reasons for the decision: required, trimmed.")
    result_rating: Optional[Expectation] = strawberry.field(
        default=None, description="For CHANGED, the new results rating; null keeps the rating's. Null for UPHELD.")
    behavior_rating: Optional[Expectation] = strawberry.field(
        default=None, description="For CHANGED, the new behaviour rating; null keeps the rating's. Null for "
                                  "UPHELD.")
    reference: Optional[str] = strawberry.field(
        default=None, description="The decision letter's reference: required where ADMIN records the decision.")


LIST_DESCRIPTION = "Most objections to answer (1 to 500, default 100), newest first."


async def _reloaded(objection_id: int) -> Objection:
    return Objection.of(await models.Objection.get(id=objection_id))


@strawberry.type
class Query:
    @strawberry.field(description="Objections the viewer may see (the employee's own, those they assessed or "
                                  "decide, an agency admin's agency, ADMIN all), newest first. `awaitingMe`: the "
                                  "open ones the viewer decides.")
    async def objections(
        self, info: Info,
        period: Annotated[Optional[str], strawberry.argument(
            description="Only objections to ratings of this period (YYYY, YYYY-Qn or YYYY-MM); null: every "
                        "period.")] = None,
        agency: Annotated[Optional[str], strawberry.argument(
            description="Only this agency's (its code; NOT_FOUND when unknown or out of scope); null: every agency "
                        "the viewer sees.")] = None,
        status: Annotated[Optional[ObjectionStatus], strawberry.argument(
            description="Only objections with this status; null: any status.")] = None,
        awaiting_me: Annotated[bool, strawberry.argument(
            description="True: only the OPEN ones the viewer decides (the superior recorded at filing; for ADMIN, "
                        "those whose superior is outside the platform).")] = False,
        first: Annotated[Optional[int], strawberry.argument(description=LIST_DESCRIPTION)] = 100,
    ) -> list[Objection]:
        size = cost.first_of("Query.objections", first, info.context.settings.max_page_size)
        rows = await service.objections(info.context.access, period, agency, status.value if status else None,
                                        awaiting_me, size + 1)
        return [Objection.of(o) for o in rows]

    @strawberry.field(description="One objection, if the viewer may see it.")
    async def objection(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="The objection's id.")],
    ) -> Optional[Objection]:
        found_id = parse_id(id)
        found = await service.objection_of(info.context.access, found_id) if found_id is not None else None
        return Objection.of(found) if found else None

    @strawberry.field(description="Objections per agency and outcome in a period: ADMIN all agencies, an agency "
                                  "admin its own.")
    async def objection_counts(
        self, info: Info, period: Annotated[str, strawberry.argument(description="The period: YYYY, YYYY-Qn or "
                                                                                 "YYYY-MM.")],
    ) -> list[ObjectionCount]:
        return [ObjectionCount(**row) for row in await service.counts(info.context.access, period)]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="The employee objects to their own finalized rating of `period`, within "
                                     "KINERJA_OBJECTION_DAYS (14) of its finalization; once per rating.")
    @handle_errors(refusals=True)
    async def file_objection(
        self, info: Info,
        nip: Annotated[str, strawberry.argument(description="The employee's own NIP.")],
        period: Annotated[str, strawberry.argument(description="The period of the finalized rating: YYYY, YYYY-Qn "
                                                               "or YYYY-MM.")],
        reason: Annotated[str, strawberry.argument(description="Why the employee objects: required, trimmed.")],
    ) -> ObjectionPayload:
        done = await service.file_objection(info.context.access, info.context.settings, nip, period, reason)
        return ObjectionPayload(objection=Objection.of(done), errors=[])

    @strawberry.mutation(description="A statement on an open objection: by the employee, the assessing official "
                                     "or the superior who decides.")
    @handle_errors(refusals=True)
    async def add_objection_statement(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="The objection's id.")],
        text: Annotated[str, strawberry.argument(description="The statement: required, trimmed.")],
    ) -> ObjectionPayload:
        done = await service.add_statement(info.context.access, input_id(id, ("id",)), text)
        return ObjectionPayload(objection=await _reloaded(done.id), errors=[])

    @strawberry.mutation(description="The assessing official's superior decides an open objection (ADMIN records "
                                     "it, with the letter's reference, where that superior is outside the "
                                     "platform). Final.")
    @handle_errors(refusals=True)
    async def decide_objection(
        self, info: Info, input: Annotated[ObjectionDecisionInput, strawberry.argument(
            description="The decision: the objection, the outcome, the reasons, for CHANGED the new rating(s), and "
                        "where ADMIN records it the letter's reference.")],
    ) -> ObjectionPayload:
        ctx = info.context
        done = await service.decide(ctx.access, ctx.catalog, service.DecisionData(
            objection=input_id(input.id, ("input", "id")), outcome=input.outcome.value, reason=input.reason,
            result_rating=input.result_rating.value if input.result_rating else None,
            behavior_rating=input.behavior_rating.value if input.behavior_rating else None,
            reference=input.reference))
        return ObjectionPayload(objection=Objection.of(done), errors=[])
