"""The SKP document: the Skp type (skp, skpMatrix, skpChanges) and its workflow (saveSkp, submitSkp, approveSkp,
returnSkp, reviseSkp). Rules, scoping and the workflow are the services' (services/skp/document.py, approval.py,
revision_diff.py, matrix.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Optional

import strawberry

from kinerja import models
from kinerja.graphql import cost
from kinerja.graphql.context import Info
from kinerja.graphql.enums import IndicatorAspect, RhkKind, SkpStatus
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.graphql.indicators import Indicator
from kinerja.graphql.measurements import Measurement
from kinerja.services.core.errors import BadArgument
from kinerja.services.skp import approval, document, matrix, parents, revision_diff


@strawberry.type(description="A quantitative indicator (an indicator of the agency's specs with a target, whose "
                             "measurements attach to targetId) or a qualitative one (text and expectedOutput).")
class SkpIndicator:
    aspect: IndicatorAspect = strawberry.field(description="The aspect it measures: QUANTITY, QUALITY, TIME or COST.")
    target: Optional[float] = strawberry.field(description="The target value; for a range, its midpoint.")
    target_lower: Optional[float] = strawberry.field(description="A range target's lower bound (the nearer bound "
                                                                 "counts); null for a single value.")
    target_upper: Optional[float] = strawberry.field(description="A range target's upper bound.")
    text: Optional[str] = strawberry.field(description="A qualitative indicator's text; null for a quantitative one.")
    expected_output: Optional[str] = strawberry.field(
        description="A qualitative indicator's expected output; null for a quantitative one.")
    target_id: Optional[strawberry.ID] = strawberry.field(
        description="The Target row its measurements attach to (recordMeasurements); null for a qualitative "
                    "indicator, and for a new one of a revision not yet approved.")
    indicator_id: strawberry.Private[Optional[int]]

    @strawberry.field(description="A quantitative indicator's indicator (of the person's agency, as the revision "
                                  "names it); null for a qualitative one.")
    async def indicator(self, info: Info) -> Optional[Indicator]:
        if self.indicator_id is None:
            return None
        return Indicator.from_model(await info.context.loaders.indicator.load(self.indicator_id))

    @strawberry.field(description="The measurements of its Target, as Target.measurements answers them.")
    async def measurements(
        self, info: Info, first: Annotated[Optional[int], strawberry.argument(description=cost.PAGE_HELP)] = 20
    ) -> list[Measurement]:
        first = cost.first_of("SkpIndicator.measurements", first, info.context.settings.max_page_size)
        if self.target_id is None:
            return []
        rows = await info.context.loaders.measurements_of_target.load(int(self.target_id))
        return [Measurement.from_model(m) for m in rows[:first + 1]]


@strawberry.type(description="A rencana hasil kerja (RHK): its key (R1, R2, ...) stays the same across revisions.")
class SkpItem:
    key: str = strawberry.field(description="R1, R2, ...: given on the RHK's first save and kept in every later "
                                            "revision; RHKs of two revisions with one key are the same RHK.")
    kind: RhkKind = strawberry.field(description="MAIN (hasil kerja utama) or ADDITIONAL (hasil kerja tambahan).")
    work_result: str = strawberry.field(description="The planned work result (hasil kerja), at most 500 characters.")
    parent_key: Optional[str] = strawberry.field(
        description="The key of the direct supervisor's RHK it contributes to (intervensi).")
    intervention: Optional[str] = strawberry.field(
        description="For a person without a supervisor (an agency head): the agency's goal it serves.")
    indicators: list[SkpIndicator] = strawberry.field(description="Its indicators in order (at most 10).")


@strawberry.type(description="Ekspektasi khusus pimpinan: the leader's expectation for one BerAKHLAK value.")
class SkpExpectation:
    value: str = strawberry.field(description="A BerAKHLAK core value, e.g. AKUNTABEL.")
    text: str = strawberry.field(description="What the leader expects of the person for that value (at most 1,000 "
                                             "characters).")


@strawberry.type(description="Lampiran: dukungan sumber daya, skema pertanggungjawaban, konsekuensi.")
class SkpAttachments:
    resources: list[str] = strawberry.field(description="Dukungan sumber daya: the resources the plan relies on, "
                                                        "one text each (at most 20, in order).")
    accountability: list[str] = strawberry.field(description="Skema pertanggungjawaban: how the results are "
                                                             "accounted for, one text each (at most 20, in order).")
    consequences: list[str] = strawberry.field(description="Konsekuensi: the consequences of meeting or missing "
                                                           "the plan, one text each (at most 20, in order).")


@strawberry.type(description="One revision of an SKP and its workflow: who submitted it, who decided it "
                             "(approved or returned it) and when.")
class SkpRevisionInfo:
    number: int = strawberry.field(description="The revision's number: 1 for the first, one more for each reviseSkp.")
    status: SkpStatus = strawberry.field(description="The revision's status; an earlier approved revision stays "
                                                     "APPROVED.")
    return_note: Optional[str] = strawberry.field(
        description="The assessing official's note of the last returnSkp (what to change); null if it was never "
                    "returned.")
    submitted_by: Optional[str] = strawberry.field(
        description="Who last submitted it: a NIP, or the caller's actor name (e.g. token:12) when no person did; "
                    "null until submitted.")
    submitted_at: Optional[dt.datetime] = strawberry.field(
        description="When it was last submitted (ISO 8601 date-time); null until submitted.")
    decided_by: Optional[str] = strawberry.field(
        description="Who last approved or returned it: a NIP, or the caller's actor name when no person did; null "
                    "until decided.")
    decided_at: Optional[dt.datetime] = strawberry.field(
        description="When it was last approved or returned (ISO 8601 date-time); null until decided.")


def _item(i: document.ItemView) -> SkpItem:
    return SkpItem(key=i.key, kind=RhkKind(i.kind), work_result=i.work_result, parent_key=i.parent_key,
                   intervention=i.intervention, indicators=[SkpIndicator(
                       aspect=IndicatorAspect(d.aspect), target=d.target_value, target_lower=d.target_lower,
                       target_upper=d.target_upper, text=d.text,
                       expected_output=d.expected_output,
                       target_id=strawberry.ID(str(d.target_id)) if d.target_id else None,
                       indicator_id=d.indicator_id) for d in i.indicators])


REVISION_HELP = ("A revision number, 1 to `revision`; null: the latest. NOT_FOUND for a revision the SKP does not "
                 "have.")


@strawberry.type(description="A person's SKP in a cycle. status and revision are the latest revision's; "
                             "approvedRevision is the one in force.")
class Skp:
    nip: str = strawberry.field(description="The NIP of the person whose SKP it is.")
    cycle: int = strawberry.field(description="The cycle's year, e.g. 2025.")
    status: SkpStatus = strawberry.field(description="The status of the latest revision.")
    version: int = strawberry.field(description="Give it back to the next write: a stale one is STALE_VERSION.")
    revision: int = strawberry.field(description="The number of the latest revision (from 1).")
    approved_revision: Optional[int] = strawberry.field(
        description="The number of the revision in force (the last approved); null until a revision is approved.")
    skp_id: strawberry.Private[int]
    contents: strawberry.Private[dict] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_model(cls, m: models.Skp, nip: str, year: int) -> "Skp":
        return cls(nip=nip, cycle=year, status=SkpStatus(m.status), version=m.version, revision=m.revision,
                   approved_revision=m.approved_revision, skp_id=m.id)

    async def _content(self, number: Optional[int]) -> document.Content:
        number = self.revision if number is None else number
        if number not in self.contents:
            found = await document.revision_content(self.skp_id, number) if 1 <= number <= self.revision else None
            if found is None:
                raise BadArgument("revision", f"the SKP has no revision {number} (1 to {self.revision})",
                                  "NOT_FOUND", params={"what": "revision", "key": str(number)})
            self.contents[number] = found
        return self.contents[number]

    @strawberry.field(description="The RHK of a revision (default: the latest).")
    async def items(
        self, revision: Annotated[Optional[int], strawberry.argument(description=REVISION_HELP)] = None,
    ) -> list[SkpItem]:
        return [_item(i) for i in (await self._content(revision)).items]

    @strawberry.field(description="The leader's expectations of a revision (default: the latest).")
    async def expectations(
        self, revision: Annotated[Optional[int], strawberry.argument(description=REVISION_HELP)] = None,
    ) -> list[SkpExpectation]:
        return [SkpExpectation(value=v, text=t) for v, t in (await self._content(revision)).expectations]

    @strawberry.field(description="The attachments of a revision (default: the latest).")
    async def attachments(
        self, revision: Annotated[Optional[int], strawberry.argument(description=REVISION_HELP)] = None,
    ) -> SkpAttachments:
        found = (await self._content(revision)).attachments
        return SkpAttachments(**{name: list(found.get(name, [])) for name in document.ATTACHMENT_LISTS})

    @strawberry.field(description="Every revision of the SKP, oldest first.")
    async def revisions(self) -> list[SkpRevisionInfo]:
        return [SkpRevisionInfo(number=r.number, status=SkpStatus(r.status), return_note=r.return_note,
                                submitted_by=r.submitted_by, submitted_at=r.submitted_at, decided_by=r.decided_by,
                                decided_at=r.decided_at) for r in await document.revisions_of(self.skp_id)]


@strawberry.type(description="A subordinate's RHK in the matrix.")
class SkpContribution:
    nip: str = strawberry.field(description="The subordinate's NIP.")
    name: str = strawberry.field(description="The subordinate's name.")
    key: str = strawberry.field(description="The key of the subordinate's RHK (R1, R2, ...).")
    work_result: str = strawberry.field(description="The subordinate's RHK's work result.")
    status: SkpStatus = strawberry.field(description="The status of the latest revision of the subordinate's SKP, "
                                                     "which the RHK is read from.")


@strawberry.type(description="Matriks peran hasil: one RHK of the supervisor with the subordinates' RHKs linked to "
                             "it; key null (unlinked true) for the subordinates' RHKs linked to none of them.")
class SkpMatrixRow:
    key: Optional[str] = strawberry.field(description="The supervisor's RHK key (of the revision in force, else the "
                                                      "latest); null on the unlinked row.")
    work_result: Optional[str] = strawberry.field(description="The supervisor's RHK's work result; null on the "
                                                              "unlinked row.")
    unlinked: bool = strawberry.field(description="True on the last row, which holds the subordinates' RHKs whose "
                                                  "parentKey names none of the supervisor's RHKs (or is empty).")
    items: strawberry.Private[list]

    @strawberry.field(description="The direct subordinates' RHKs (of their latest revision) linked to it, by "
                                  "subordinate name then RHK order; only subordinates the viewer may see.")
    def contributions(
        self, info: Info, first: Annotated[Optional[int], strawberry.argument(description=cost.PAGE_HELP)] = 100
    ) -> list[SkpContribution]:
        first = cost.first_of("SkpMatrixRow.contributions", first, info.context.settings.max_page_size)
        return [SkpContribution(nip=c.nip, name=c.name, key=c.key, work_result=c.work_result,
                                status=SkpStatus(c.status)) for c in self.items[:first + 1]]


@strawberry.type(description="One difference between two revisions.")
class SkpChange:
    change: str = strawberry.field(description="ITEM_ADDED, ITEM_REMOVED, ITEM_CHANGED, INDICATOR_ADDED, "
                                               "INDICATOR_REMOVED, INDICATOR_CHANGED, EXPECTATION_ADDED, "
                                               "EXPECTATION_REMOVED, EXPECTATION_CHANGED or ATTACHMENT_CHANGED.")
    key: str = strawberry.field(description="The RHK key; an expectation's value; an attachment list's name.")
    indicator: Optional[int] = strawberry.field(description="The indicator's position in its RHK, from 1.")
    field: Optional[str] = strawberry.field(
        description="The changed field, camelCase as the API names it (kind, workResult, parentKey, intervention; "
                    "aspect, indicator, target, targetLower, targetUpper, text, expectedOutput; text for an "
                    "expectation; the list's name for an attachment list); null for an added or removed RHK or "
                    "indicator.")
    old: Optional[str] = strawberry.field(
        description="The value in `from`, as text (an indicator as its code, a list as JSON, a whole number without "
                    "decimals); for a removed RHK its work result, a removed indicator its code or text; null when "
                    "there was none.")
    new: Optional[str] = strawberry.field(
        description="The value in `to`, as text like `old`; for an added RHK its work result, an added indicator its "
                    "code or text; null when there is none.")


@strawberry.type(description="An RHK of the direct supervisor that an RHK's parentKey may name.")
class SkpParentItem:
    key: str = strawberry.field(description="The supervisor's RHK key: the value to give as parentKey.")
    work_result: str = strawberry.field(description="The supervisor's RHK's work result.")


@strawberry.type(description="What a person's RHK may name as intervensi: hasSupervisor false (an agency head) means "
                             "the agency's goal in free text (intervention); otherwise a key of items.")
class SkpParentOptions:
    has_supervisor: bool = strawberry.field(
        description="False for a person without a direct supervisor (an agency head): their RHKs give intervention "
                    "(free text) instead of parentKey.")
    items: list[SkpParentItem] = strawberry.field(
        description="The supervisor's RHK of the cycle (approved revision in force, else latest); empty without an "
                    "SKP.")


@strawberry.input(description="One indicator of an RHK: quantitative (indicator with target, or with targetLower "
                              "and targetUpper) or qualitative (text with expectedOutput), never both.")
class SkpIndicatorInput:
    aspect: IndicatorAspect = strawberry.field(description="The aspect it measures: QUANTITY, QUALITY, TIME or COST.")
    indicator: Optional[str] = strawberry.field(default=None, description="Quantitative: an indicator code of "
                                                                          "the person's agency, with target.")
    target: Optional[float] = strawberry.field(
        default=None, description="Quantitative: the target value, a finite number up to 1e12 in size, above 0 (0 "
                                  "allowed when the indicator's lower is better). Null for a range or a qualitative "
                                  "indicator.")
    target_lower: Optional[float] = strawberry.field(default=None, description="Quantitative, instead of target: a "
                                                     "range's lower bound, with targetUpper.")
    target_upper: Optional[float] = strawberry.field(
        default=None, description="Quantitative, with targetLower: the range's upper bound, at least targetLower "
                                  "(the same number rules as target).")
    text: Optional[str] = strawberry.field(default=None, description="Qualitative: a text, with expectedOutput.")
    expected_output: Optional[str] = strawberry.field(
        default=None, description="Qualitative, with text: the output expected.")


@strawberry.input(description="One RHK of saveSkp's input, in the order the SKP lists them.")
class SkpItemInput:
    kind: RhkKind = strawberry.field(description="MAIN (hasil kerja utama) or ADDITIONAL (hasil kerja tambahan); "
                                                 "submitSkp needs at least one MAIN RHK, each with an indicator.")
    work_result: str = strawberry.field(description="The planned work result (hasil kerja); not empty.")
    key: Optional[str] = strawberry.field(default=None, description="An existing RHK's key; omitted for a new "
                                                                    "one (it gets the next R<n>).")
    parent_key: Optional[str] = strawberry.field(
        default=None, description="The key of the direct supervisor's RHK it contributes to (intervensi), from "
                                  "skpParentOptions; only for a person with a supervisor. Null: none.")
    intervention: Optional[str] = strawberry.field(
        default=None, description="Only for a person without a supervisor (an agency head): the agency's goal it "
                                  "serves. Null: none.")
    indicators: list[SkpIndicatorInput] = strawberry.field(default_factory=list,
                                                           description="Its indicators, in order.")


@strawberry.input(description="The leader's expectation (ekspektasi khusus pimpinan) for one BerAKHLAK value; "
                              "each value at most once.")
class SkpExpectationInput:
    value: str = strawberry.field(description="A BerAKHLAK core value: BERORIENTASI_PELAYANAN, AKUNTABEL, KOMPETEN, "
                                              "HARMONIS, LOYAL, ADAPTIF or KOLABORATIF.")
    text: str = strawberry.field(description="What the leader expects for that value; not empty.")


@strawberry.input(description="The lampiran of saveSkp's input: three lists of texts, each text not empty and at "
                              "most 500 characters; a save replaces them all.")
class SkpAttachmentsInput:
    resources: list[str] = strawberry.field(default_factory=list,
                                            description="Dukungan sumber daya: the resources the plan relies on.")
    accountability: list[str] = strawberry.field(default_factory=list,
                                                 description="Skema pertanggungjawaban: how the results are "
                                                             "accounted for.")
    consequences: list[str] = strawberry.field(default_factory=list,
                                               description="Konsekuensi: the consequences of meeting or missing the "
                                                           "plan.")


@strawberry.input(description="The whole content of the SKP's latest revision: a save replaces it.")
class SkpInput:
    nip: str = strawberry.field(description="The NIP of the person whose SKP it is: drafted by the person, their "
                                            "direct supervisor or ADMIN.")
    cycle: int = strawberry.field(description="The cycle's year; the cycle must be PLANNING or ACTIVE.")
    items: list[SkpItemInput] = strawberry.field(description="The RHKs, in order; they replace the revision's.")
    expectations: list[SkpExpectationInput] = strawberry.field(
        default_factory=list, description="The leader's expectations, one a BerAKHLAK value; they replace the "
                                          "revision's.")
    attachments: Optional[SkpAttachmentsInput] = strawberry.field(
        default=None, description="The lampiran; null or left out: all three lists empty.")


@strawberry.type(description="What saveSkp, submitSkp, approveSkp, returnSkp and reviseSkp answer: the SKP as "
                             "written, or the errors.")
class SkpPayload:
    skp: Optional[Skp] = strawberry.field(description="The SKP after the write, with its new version; null when "
                                                      "errors is not empty.")
    errors: list[UserError] = strawberry.field(
        description="Typed problems (path, code, message), e.g. STALE_VERSION, SKP_NOT_DRAFT, FORBIDDEN; when there "
                    "are any, nothing was written. Empty on success.")


def _data(i: SkpInput) -> document.SkpData:
    attachments = i.attachments or SkpAttachmentsInput()
    return document.SkpData(
        nip=i.nip, cycle=i.cycle,
        items=[document.ItemData(kind=it.kind.value, work_result=it.work_result, key=it.key, parent_key=it.parent_key,
                                 intervention=it.intervention, indicators=[document.IndicatorData(
                                     aspect=d.aspect.value, indicator=d.indicator, target=d.target, text=d.text,
                                     expected_output=d.expected_output, target_lower=d.target_lower,
                                     target_upper=d.target_upper) for d in it.indicators])
               for it in i.items],
        expectations=[document.ExpectationData(value=e.value, text=e.text) for e in i.expectations],
        attachments={name: list(getattr(attachments, name)) for name in document.ATTACHMENT_LISTS})


def _payload(skp: models.Skp, person_nip: str, year: int) -> SkpPayload:
    return SkpPayload(skp=Skp.from_model(skp, person_nip, year), errors=[])


NIP_HELP = "The NIP of the person whose SKP it is."
CYCLE_HELP = "The cycle's year, e.g. 2025."
VERSION_HELP = "The Skp.version last read; STALE_VERSION when the SKP changed since."


@strawberry.type
class Query:
    @strawberry.field(description="The person's SKP of the cycle; null for an unknown NIP, one out of scope, or no "
                                  "SKP yet.")
    async def skp(self, info: Info, nip: Annotated[str, strawberry.argument(description=NIP_HELP)],
                  cycle: Annotated[int, strawberry.argument(description=CYCLE_HELP)]) -> Optional[Skp]:
        access = info.context.access
        found = await document.get_skp(access, nip, cycle)
        return Skp.from_model(found, found.person.nip, cycle) if found else None

    @strawberry.field(description="Matriks peran hasil of a supervisor: NOT_FOUND for an unknown NIP or one out of "
                                  "scope.")
    async def skp_matrix(self, info: Info,
                         nip: Annotated[str, strawberry.argument(description="The supervisor's NIP.")],
                         cycle: Annotated[int, strawberry.argument(description=CYCLE_HELP)]) -> list[SkpMatrixRow]:
        rows = await matrix.skp_matrix(info.context.access, nip, cycle)
        return [SkpMatrixRow(key=r.key, work_result=r.work_result, unlinked=r.unlinked, items=r.contributions)
                for r in rows]

    @strawberry.field(description="What the person's RHK may name as intervensi (the direct supervisor's RHK keys "
                                  "and work results): NOT_FOUND for an unknown NIP or one out of scope.")
    async def skp_parent_options(
        self, info: Info,
        nip: Annotated[str, strawberry.argument(description="The NIP of the person whose RHKs are drafted.")],
        cycle: Annotated[int, strawberry.argument(description=CYCLE_HELP)],
    ) -> SkpParentOptions:
        found = await parents.parent_options(info.context.access, nip, cycle)
        return SkpParentOptions(has_supervisor=found.has_supervisor,
                                items=[SkpParentItem(key=k, work_result=w) for k, w in found.items])

    @strawberry.field(description="What changed from one revision of the SKP to another.")
    async def skp_changes(
        self, info: Info, nip: Annotated[str, strawberry.argument(description=NIP_HELP)],
        cycle: Annotated[int, strawberry.argument(description=CYCLE_HELP)],
        from_: Annotated[int, strawberry.argument(
            name="from", description="The revision number to compare from (1 to Skp.revision); NOT_FOUND for one the "
                                     "SKP does not have.")],
        to: Annotated[int, strawberry.argument(description="The revision number to compare to, usually a later one; "
                                                           "NOT_FOUND for one the SKP does not have.")],
    ) -> list[SkpChange]:
        changes = await revision_diff.skp_changes(info.context.access, nip, cycle, from_, to)
        return [SkpChange(change=c.change, key=c.key, indicator=c.indicator, field=c.field, old=c.old, new=c.new)
                for c in changes]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Creates the SKP (version omitted) or replaces the content of its DRAFT or "
                                     "RETURNED revision; all or nothing, while the cycle is PLANNING or ACTIVE.")
    @handle_errors
    async def save_skp(
        self, info: Info,
        input: Annotated[SkpInput, strawberry.argument(description="The whole content of the latest revision.")],
        version: Annotated[Optional[int], strawberry.argument(
            description="The Skp.version last read; null or left out to create the SKP (STALE_VERSION when it "
                        "exists already or changed since).")] = None,
    ) -> SkpPayload:
        saved = await document.save_skp(info.context.access, _data(input), version)
        return _payload(saved, saved.person.nip, input.cycle)

    @strawberry.mutation(description="DRAFT -> SUBMITTED: at least one MAIN RHK, each MAIN RHK with an indicator.")
    @handle_errors
    async def submit_skp(self, info: Info, nip: Annotated[str, strawberry.argument(description=NIP_HELP)],
                         cycle: Annotated[int, strawberry.argument(description=CYCLE_HELP)],
                         version: Annotated[int, strawberry.argument(description=VERSION_HELP)]) -> SkpPayload:
        saved = await approval.submit_skp(info.context.access, nip, cycle, version)
        return _payload(saved, saved.person.nip, cycle)

    @strawberry.mutation(description="SUBMITTED -> APPROVED, by the assessing official: the revision comes into "
                                     "force and is locked.")
    @handle_errors
    async def approve_skp(self, info: Info, nip: Annotated[str, strawberry.argument(description=NIP_HELP)],
                         cycle: Annotated[int, strawberry.argument(description=CYCLE_HELP)],
                         version: Annotated[int, strawberry.argument(description=VERSION_HELP)]) -> SkpPayload:
        saved = await approval.approve_skp(info.context.access, nip, cycle, version)
        return _payload(saved, saved.person.nip, cycle)

    @strawberry.mutation(description="SUBMITTED -> RETURNED with a note, by the assessing official.")
    @handle_errors
    async def return_skp(self, info: Info, nip: Annotated[str, strawberry.argument(description=NIP_HELP)],
                         cycle: Annotated[int, strawberry.argument(description=CYCLE_HELP)],
                         version: Annotated[int, strawberry.argument(description=VERSION_HELP)],
                         note: Annotated[str, strawberry.argument(
                             description="What to change; not empty.")]) -> SkpPayload:
        saved = await approval.return_skp(info.context.access, nip, cycle, version, note)
        return _payload(saved, saved.person.nip, cycle)

    @strawberry.mutation(description="APPROVED -> a new DRAFT revision with the content copied; the approved one "
                                     "stays in force until the new one is approved.")
    @handle_errors
    async def revise_skp(self, info: Info, nip: Annotated[str, strawberry.argument(description=NIP_HELP)],
                         cycle: Annotated[int, strawberry.argument(description=CYCLE_HELP)],
                         version: Annotated[int, strawberry.argument(description=VERSION_HELP)]) -> SkpPayload:
        saved = await approval.revise_skp(info.context.access, nip, cycle, version)
        return _payload(saved, saved.person.nip, cycle)
