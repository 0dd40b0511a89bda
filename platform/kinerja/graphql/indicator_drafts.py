"""Indicator drafts in the console (issue 18): the drafts, their steps (save, submit, approve, reject, discard) and
the previews. Services: services/indicators/drafts.py, services/skp/indicator_preview.py."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Optional

import strawberry
from strawberry.scalars import JSON

from kinerja import models
from kinerja.graphql.agencies import Agency
from kinerja.graphql.context import Info
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.services.core import audit_trail
from kinerja.services.core.errors import InputError
from kinerja.services.indicators import drafts as service
from kinerja.services.skp import indicator_preview as preview_service


@strawberry.enum(description="Where a draft is: DRAFT (the agency edits it), SUBMITTED (awaiting BKPSDM), APPROVED "
                             "(it became a version of the indicator), REJECTED (back to the agency, with a note).")
class IndicatorDraftStatus(enum.Enum):
    DRAFT = strawberry.enum_value("DRAFT", description="The agency is editing it: it can be saved, submitted or "
                                                       "discarded.")
    SUBMITTED = strawberry.enum_value("SUBMITTED", description="Awaiting BKPSDM (ADMIN), who approves or rejects "
                                                               "it; the agency may still save it (back to DRAFT) or "
                                                               "discard it.")
    APPROVED = strawberry.enum_value("APPROVED", description="It became a version of the indicator: final, no step "
                                                             "changes it.")
    REJECTED = strawberry.enum_value("REJECTED", description="Sent back with a note: it can be saved, submitted "
                                                             "again or discarded.")


@strawberry.type(description="An agency's draft of an indicator: its spec as YAML (an entry of `indicators:` in the "
                             "spec files' format) and where it is in its approval.")
class IndicatorDraft:
    id: int = strawberry.field(description="The draft's id, as indicatorDraft and the draft mutations take it.")
    agency_id: strawberry.Private[int]
    code: str = strawberry.field(description="The indicator code the draft gives, without the agency's.")
    full_code: str = strawberry.field(description="Agency code and indicator code, e.g. DINKES.IMUNISASI.")
    changes_indicator: bool = strawberry.field(description="True when the draft changes an existing indicator "
                                                           "(its history can be previewed); false for a new one.")
    base_version: Optional[str] = strawberry.field(description="The indicator's version the draft was begun on.")
    yaml: str = strawberry.field(description="The indicator entry as YAML, as last saved (at most 20000 "
                                             "characters).")
    status: IndicatorDraftStatus = strawberry.field(description="Where the draft is in its approval.")
    version: int = strawberry.field(description="The draft's revision: give it to the next save, submit or "
                                                "decision (a stale one is STALE_VERSION).")
    created_by: str = strawberry.field(description="Who, as the audit trail shows them to the viewer (`nip:hidden` "
                                                   "for someone the viewer may not see).")
    created_at: dt.datetime = strawberry.field(description="When the draft was begun.")
    updated_by: str = strawberry.field(description="Who last saved its text, shown as createdBy.")
    updated_at: dt.datetime = strawberry.field(description="When it last changed: saved, submitted, approved or "
                                                           "rejected.")
    submitted_by: Optional[str] = strawberry.field(description="Who last submitted it, shown as createdBy; null "
                                                               "until it is first submitted.")
    submitted_at: Optional[dt.datetime] = strawberry.field(description="When it was last submitted; null until it "
                                                                       "is first submitted.")
    decided_by: Optional[str] = strawberry.field(description="The ADMIN who last approved or rejected it, shown as "
                                                             "createdBy; null before any decision.")
    decided_at: Optional[dt.datetime] = strawberry.field(description="When it was last approved or rejected; null "
                                                                     "before any decision.")
    note: Optional[str] = strawberry.field(description="BKPSDM's note when it rejected the draft.")
    approved_version: Optional[str] = strawberry.field(description="The indicator version the approval made.")

    @classmethod
    def from_model(cls, d: models.IndicatorDraft, agency_code: str, shown: dict[str, str]) -> "IndicatorDraft":
        """`shown`: each actor as the viewer may read it (the audit trail's rule)."""
        return cls(id=d.id, agency_id=d.agency_id, code=d.code, full_code=f"{agency_code}.{d.code}",
                   changes_indicator=d.indicator_id is not None, base_version=d.base_version, yaml=d.yaml,
                   status=IndicatorDraftStatus(d.status), version=d.revision, created_by=shown[d.created_by],
                   created_at=d.created_at, updated_by=shown[d.updated_by], updated_at=d.updated_at,
                   submitted_by=shown.get(d.submitted_by), submitted_at=d.submitted_at,
                   decided_by=shown.get(d.decided_by),
                   decided_at=d.decided_at, note=d.note, approved_version=d.approved_version)

    @strawberry.field(description="The agency the draft is for (a draft stays with it).")
    async def agency(self, info: Info) -> Agency:
        return Agency.from_model(await info.context.loaders.agency.load(self.agency_id))


async def _drafts(info: Info, rows: list[models.IndicatorDraft]) -> list[IndicatorDraft]:
    shown = await audit_trail.shown_actors(info.context.access, [a for d in rows for a in (
        d.created_by, d.updated_by, d.submitted_by, d.decided_by)])
    agencies = {d.agency_id: await info.context.loaders.agency.load(d.agency_id) for d in rows}
    return [IndicatorDraft.from_model(d, agencies[d.agency_id].code, shown) for d in rows]


async def _draft(info: Info, d: models.IndicatorDraft) -> IndicatorDraft:
    return (await _drafts(info, [d]))[0]


@strawberry.input(description="A draft's text: a new draft (no id) or a new text for one (id).")
class IndicatorDraftInput:
    agency: str = strawberry.field(description="The agency's code (an agency admin: its own).")
    yaml: str = strawberry.field(description="The indicator entry as YAML, as checkIndicatorSpec takes it.")
    id: Optional[int] = strawberry.field(default=None, description="The draft to save into; none: a new draft.")


@strawberry.type(description="The answer of a draft mutation: the draft after the step, or the errors when nothing "
                             "was written.")
class IndicatorDraftPayload:
    draft: Optional[IndicatorDraft] = strawberry.field(
        description="The draft as the step left it (discardIndicatorDraft: as it was before it was dropped); null "
                    "when errors is not empty.")
    errors: list[UserError] = strawberry.field(
        description="Typed problems (path, code, message) when nothing was written, e.g. STALE_VERSION, "
                    "INVALID_STATUS or the spec's problems under input.yaml; empty on success.")


@strawberry.type(description="One part of a formula and its value for the sample inputs, innermost first.")
class FormulaStep:
    expression: str = strawberry.field(description="The part of the formula as text, e.g. lulus / peserta * 100 (the "
                                                   "last step is the whole formula); for a calculator its name with "
                                                   "the inputs it was given.")
    value: Optional[float] = strawberry.field(description="Null when this part cannot be evaluated (see problem); "
                                                          "a comparison is 1 (true) or 0 (false).")
    problem: Optional[str] = strawberry.field(description="Why this part has no value, in English (e.g. division "
                                                          "by zero); null when it has one.")


@strawberry.type(description="What one measurement would store: value, achievement (capaian, percent) and the "
                             "suggested rating; or its problems.")
class PreviewOutcome:
    value: Optional[float] = strawberry.field(description="The realisation the formula or calculator computes, in "
                                                          "the indicator's unit; null when the inputs or the "
                                                          "computation have problems.")
    achievement: Optional[float] = strawberry.field(description="The scored achievement (capaian) in percent, as a "
                                                                "measurement stores it; null without a target or "
                                                                "with problems.")
    suggested_rating: Optional[str] = strawberry.field(description="DI_ATAS_EKSPEKTASI, SESUAI_EKSPEKTASI or "
                                                                   "DI_BAWAH_EKSPEKTASI; null without a target.")
    problems: list[UserError] = strawberry.field(
        description="Why nothing would be stored, each at its path (e.g. [\"inputs\", \"lulus\"]): the inputs' "
                    "problems, the computation's or the achievement's; at most 20 (the last then says how many more, "
                    "TOO_MANY_PROBLEMS). Empty when it computes.")


@strawberry.type(description="A draft on sample inputs.")
class IndicatorPreview:
    outcome: PreviewOutcome = strawberry.field(description="What a measurement of the sample inputs would store, or "
                                                           "its problems.")
    steps: list[FormulaStep] = strawberry.field(description="A formula's parts with their values, innermost first "
                                                            "(the last 50 at most), empty when the outcome has "
                                                            "problems; a calculator's one step once it has a value.")
    target: Optional[float] = strawberry.field(description="The target used: the one given, else the draft's.")
    target_lower: Optional[float] = strawberry.field(description="The range target used: its lower bound; null "
                                                                 "for a single target or none.")
    target_upper: Optional[float] = strawberry.field(description="The range target used: its upper bound; null "
                                                                 "for a single target or none.")


@strawberry.type(description="One measurement of the period, through the current version and through the draft.")
class HistoryPreviewRow:
    target: int = strawberry.field(description="The id of the target (SKP item) measured.")
    work_result: str = strawberry.field(description="The target's work result (RHK text).")
    nip: Optional[str] = strawberry.field(description="The NIP of the person whose target it is; null for a unit's "
                                                      "target.")
    person_name: Optional[str] = strawberry.field(description="That person's name; null for a unit's target.")
    inputs: JSON = strawberry.field(description="The measurement's stored inputs, an object of input name to "
                                                "number.")
    stored_version: str = strawberry.field(description="The version that computed the stored measurement.")
    current: PreviewOutcome = strawberry.field(description="The stored inputs through the indicator's current "
                                                           "version, against the target.")
    draft: PreviewOutcome = strawberry.field(description="The same inputs through the draft.")
    changed: list[str] = strawberry.field(description="What the draft would change: value, achievement, "
                                                      "suggestedRating.")


@strawberry.type(description="A draft that changes an indicator, run on a period's stored inputs.")
class IndicatorHistoryPreview:
    indicator: str = strawberry.field(description="The indicator's full code, e.g. DINKES.IMUNISASI.")
    period: Optional[str] = strawberry.field(description="The period compared; null when nothing was measured.")
    current_version: str = strawberry.field(description="The indicator's current version (content hash), the one "
                                                        "`current` uses.")
    rows: list[HistoryPreviewRow] = strawberry.field(description="The period's measurements by target id, at most "
                                                                 "200; empty when nothing was measured.")
    total: int = strawberry.field(description="Measurements of the period; rows holds the first 200.")
    changed: int = strawberry.field(description="Rows the draft would change.")


def _outcome(o: preview_service.Outcome) -> PreviewOutcome:
    return PreviewOutcome(value=o.value, achievement=o.achievement, suggested_rating=o.suggested_rating,
                          problems=[UserError.of(p) for p in o.problems])


def _number(value: float | bool | None) -> float | None:
    return None if value is None else float(value)


@strawberry.type(description="A preview's answer: the preview, or why there is none.")
class IndicatorPreviewResult:
    preview: Optional[IndicatorPreview] = strawberry.field(description="Null when errors says why there is none.")
    errors: list[UserError] = strawberry.field(
        description="Why there is no preview, e.g. NOT_FOUND (no such draft the viewer may work on), the draft's "
                    "own spec problems, or REQUIRED for a range with one bound; empty with a preview (the sample "
                    "inputs' problems are in preview.outcome).")


@strawberry.type(description="A history preview's answer: the preview, or why there is none.")
class IndicatorHistoryPreviewResult:
    preview: Optional[IndicatorHistoryPreview] = strawberry.field(description="Null when errors says why there is "
                                                                              "none.")
    errors: list[UserError] = strawberry.field(
        description="Why there is no preview, e.g. NOT_FOUND, NOT_AN_EDIT (a draft of a new indicator has no "
                    "history), INDICATOR_UNAVAILABLE (the current version does not load) or the draft's own spec "
                    "problems; empty with a preview.")


VERSION_HELP = ("The draft's `version` as last read; required (null is REQUIRED, an older one STALE_VERSION: read "
                "the draft again).")


def _errors(exc: InputError) -> list[UserError]:
    return [UserError.of(p) for p in exc.problems]


@strawberry.type
class Query:
    @strawberry.field(description="Indicator drafts, newest first (at most 200): ADMIN every agency's or one's, an "
                                  "agency admin its own agency's.")
    async def indicator_drafts(
        self, info: Info,
        agency: Annotated[Optional[str], strawberry.argument(
            description="Only this agency's drafts (its code); an agency the viewer may not manage gives none. "
                        "Null: all the viewer may work on.")] = None,
        status: Annotated[Optional[IndicatorDraftStatus], strawberry.argument(
            description="Only drafts in this status; null: every status.")] = None,
    ) -> list[IndicatorDraft]:
        rows = await service.list_drafts(info.context.access, agency, status.value if status else None)
        return await _drafts(info, rows)

    @strawberry.field(description="One indicator draft (null when there is none the viewer may work on).")
    async def indicator_draft(
        self, info: Info, id: Annotated[int, strawberry.argument(description="The draft's id.")]
    ) -> Optional[IndicatorDraft]:
        try:
            return await _draft(info, await service.get_draft(info.context.access, id))
        except InputError:
            return None

    @strawberry.field(description="A draft on sample inputs, writing nothing: the value with the formula's steps, "
                                  "the achievement against the target given (else the draft's) and the suggested "
                                  "rating.")
    async def preview_indicator(
        self, info: Info,
        id: Annotated[int, strawberry.argument(description="The draft to preview (its id).")],
        inputs: Annotated[JSON, strawberry.argument(
            description="Sample inputs, as recordMeasurements takes them: an object of input name to number, e.g. "
                        "{\"lulus\": 180, \"peserta\": 200}.")],
        target: Annotated[Optional[float], strawberry.argument(
            description="A single target to score against, in the indicator's unit. Null, and no range: the "
                        "draft's default target (none: the value only).")] = None,
        target_lower: Annotated[Optional[float], strawberry.argument(
            description="A range target's lower bound, given with targetUpper (one alone is REQUIRED); a range "
                        "takes the place of target.")] = None,
        target_upper: Annotated[Optional[float], strawberry.argument(
            description="A range target's upper bound, given with targetLower.")] = None,
    ) -> IndicatorPreviewResult:
        try:
            p = await preview_service.preview(info.context.access, info.context.catalog, id, inputs, target,
                                              target_lower, target_upper)
        except InputError as exc:
            return IndicatorPreviewResult(preview=None, errors=_errors(exc))
        steps = [FormulaStep(expression=s.expression, value=_number(s.value), problem=s.problem) for s in p.steps]
        return IndicatorPreviewResult(preview=IndicatorPreview(
            outcome=_outcome(p.outcome), steps=steps, target=p.target, target_lower=p.target_lower,
            target_upper=p.target_upper), errors=[])

    @strawberry.field(description="A draft that changes an indicator, on the stored inputs of one period (the most "
                                  "recently measured when not given): the current version and the draft side by "
                                  "side, per target. Writes nothing.")
    async def preview_indicator_on_history(
        self, info: Info,
        id: Annotated[int, strawberry.argument(
            description="The draft, one that changes an existing indicator (changesIndicator true).")],
        period: Annotated[Optional[str], strawberry.argument(
            description="The period whose measurements to run (YYYY, YYYY-Qn or YYYY-MM); null: the one measured "
                        "most recently.")] = None,
    ) -> IndicatorHistoryPreviewResult:
        try:
            h = await preview_service.preview_on_history(info.context.access, info.context.catalog, id, period)
        except InputError as exc:
            return IndicatorHistoryPreviewResult(preview=None, errors=_errors(exc))
        rows = [HistoryPreviewRow(target=r.target_id, work_result=r.work_result, nip=r.nip,
                                  person_name=r.person_name, inputs=r.inputs, stored_version=r.stored_version,
                                  current=_outcome(r.current), draft=_outcome(r.draft), changed=list(r.changed))
                for r in h.rows]
        return IndicatorHistoryPreviewResult(preview=IndicatorHistoryPreview(
            indicator=h.indicator, period=h.period, current_version=h.current_version, rows=rows, total=h.total,
            changed=h.changed), errors=[])


@strawberry.type
class Mutation:
    @strawberry.mutation(description="An agency admin (or ADMIN) saves a draft: new (no id) or a new text "
                                     "(`version`: the draft's version last read). A text with any problem that "
                                     "checkIndicatorSpec reports is refused, nothing written.")
    @handle_errors(refusals=True)
    async def save_indicator_draft(
        self, info: Info,
        input: Annotated[IndicatorDraftInput, strawberry.argument(
            description="The agency, the YAML text, and the draft to save into (no id: a new draft).")],
        version: Annotated[Optional[int], strawberry.argument(
            description="Saving into a draft (input.id): its `version` as last read, required (null is REQUIRED, "
                        "an older one STALE_VERSION). Not used for a new draft.")] = None,
    ) -> IndicatorDraftPayload:
        ctx = info.context
        d = await service.save_draft(ctx.access, ctx.catalog, agency_code=input.agency, text=input.yaml,
                                     draft_id=input.id, version=version, limit=ctx.settings.max_indicator_drafts)
        return IndicatorDraftPayload(draft=await _draft(info, d), errors=[])

    @strawberry.mutation(description="The agency asks BKPSDM to approve the draft.")
    @handle_errors(refusals=True)
    async def submit_indicator_draft(
        self, info: Info,
        id: Annotated[int, strawberry.argument(description="The draft to submit: one in DRAFT or REJECTED.")],
        version: Annotated[Optional[int], strawberry.argument(description=VERSION_HELP)] = None,
    ) -> IndicatorDraftPayload:
        d = await service.submit_draft(info.context.access, info.context.catalog, id, version)
        return IndicatorDraftPayload(draft=await _draft(info, d), errors=[])

    @strawberry.mutation(description="ADMIN: the submitted draft becomes the indicator's new version (or a new "
                                     "indicator), for every worker at once, without a restart.")
    @handle_errors(refusals=True)
    async def approve_indicator_draft(
        self, info: Info,
        id: Annotated[int, strawberry.argument(description="The draft to approve: a SUBMITTED one.")],
        version: Annotated[Optional[int], strawberry.argument(description=VERSION_HELP)] = None,
    ) -> IndicatorDraftPayload:
        d = await service.approve_draft(info.context.access, info.context.catalog, id, version)
        return IndicatorDraftPayload(draft=await _draft(info, d), errors=[])

    @strawberry.mutation(description="ADMIN: the submitted draft goes back to the agency with a note.")
    @handle_errors(refusals=True)
    async def reject_indicator_draft(
        self, info: Info,
        id: Annotated[int, strawberry.argument(description="The draft to reject: a SUBMITTED one.")],
        note: Annotated[str, strawberry.argument(
            description="Why it is rejected, for the agency to act on (required, not blank).")],
        version: Annotated[Optional[int], strawberry.argument(description=VERSION_HELP)] = None,
    ) -> IndicatorDraftPayload:
        d = await service.reject_draft(info.context.access, id, note, version)
        return IndicatorDraftPayload(draft=await _draft(info, d), errors=[])

    @strawberry.mutation(description="The agency drops a draft that was not approved.")
    @handle_errors(refusals=True)
    async def discard_indicator_draft(
        self, info: Info,
        id: Annotated[int, strawberry.argument(description="The draft to drop: any but an APPROVED one.")],
        version: Annotated[Optional[int], strawberry.argument(description=VERSION_HELP)] = None,
    ) -> IndicatorDraftPayload:
        d = await service.discard_draft(info.context.access, id, version)
        return IndicatorDraftPayload(draft=await _draft(info, d), errors=[])
