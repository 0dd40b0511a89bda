"""Indicator drafts in the console (issue 18): the drafts, their steps (save, submit, approve, reject, discard) and
the previews. Services: services/indicators/drafts.py, services/skp/indicator_preview.py."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Optional

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
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@strawberry.type(description="An agency's draft of an indicator: its spec as YAML (an entry of `indicators:` in the "
                             "spec files' format) and where it is in its approval.")
class IndicatorDraft:
    id: int
    agency_id: strawberry.Private[int]
    code: str = strawberry.field(description="The indicator code the draft gives, without the agency's.")
    full_code: str = strawberry.field(description="Agency code and indicator code, e.g. DINKES.IMUNISASI.")
    changes_indicator: bool = strawberry.field(description="True when the draft changes an existing indicator "
                                                           "(its history can be previewed); false for a new one.")
    base_version: Optional[str] = strawberry.field(description="The indicator's version the draft was begun on.")
    yaml: str
    status: IndicatorDraftStatus
    version: int = strawberry.field(description="The draft's revision: give it to the next save, submit or "
                                                "decision (a stale one is STALE_VERSION).")
    created_by: str = strawberry.field(description="Who, as the audit trail shows them to the viewer (`nip:hidden` "
                                                   "for someone the viewer may not see).")
    created_at: dt.datetime
    updated_by: str
    updated_at: dt.datetime
    submitted_by: Optional[str]
    submitted_at: Optional[dt.datetime]
    decided_by: Optional[str]
    decided_at: Optional[dt.datetime]
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

    @strawberry.field
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


@strawberry.type
class IndicatorDraftPayload:
    draft: Optional[IndicatorDraft]
    errors: list[UserError]


@strawberry.type(description="One part of a formula and its value for the sample inputs, innermost first.")
class FormulaStep:
    expression: str
    value: Optional[float] = strawberry.field(description="Null when this part cannot be evaluated (see problem); "
                                                          "a comparison is 1 (true) or 0 (false).")
    problem: Optional[str]


@strawberry.type(description="What one measurement would store: value, achievement (capaian, percent) and the "
                             "suggested rating; or its problems.")
class PreviewOutcome:
    value: Optional[float]
    achievement: Optional[float]
    suggested_rating: Optional[str] = strawberry.field(description="DI_ATAS_EKSPEKTASI, SESUAI_EKSPEKTASI or "
                                                                   "DI_BAWAH_EKSPEKTASI; null without a target.")
    problems: list[UserError]


@strawberry.type(description="A draft on sample inputs.")
class IndicatorPreview:
    outcome: PreviewOutcome
    steps: list[FormulaStep]
    target: Optional[float] = strawberry.field(description="The target used: the one given, else the draft's.")
    target_lower: Optional[float]
    target_upper: Optional[float]


@strawberry.type(description="One measurement of the period, through the current version and through the draft.")
class HistoryPreviewRow:
    target: int
    work_result: str
    nip: Optional[str]
    person_name: Optional[str]
    inputs: JSON
    stored_version: str = strawberry.field(description="The version that computed the stored measurement.")
    current: PreviewOutcome
    draft: PreviewOutcome
    changed: list[str] = strawberry.field(description="What the draft would change: value, achievement, "
                                                      "suggestedRating.")


@strawberry.type(description="A draft that changes an indicator, run on a period's stored inputs.")
class IndicatorHistoryPreview:
    indicator: str
    period: Optional[str] = strawberry.field(description="The period compared; null when nothing was measured.")
    current_version: str
    rows: list[HistoryPreviewRow]
    total: int = strawberry.field(description="Measurements of the period; rows holds the first 200.")
    changed: int = strawberry.field(description="Rows the draft would change.")


def _outcome(o: preview_service.Outcome) -> PreviewOutcome:
    return PreviewOutcome(value=o.value, achievement=o.achievement, suggested_rating=o.suggested_rating,
                          problems=[UserError.of(p) for p in o.problems])


def _number(value: float | bool | None) -> float | None:
    return None if value is None else float(value)


@strawberry.type(description="A preview's answer: the preview, or why there is none.")
class IndicatorPreviewResult:
    preview: Optional[IndicatorPreview]
    errors: list[UserError]


@strawberry.type
class IndicatorHistoryPreviewResult:
    preview: Optional[IndicatorHistoryPreview]
    errors: list[UserError]


def _errors(exc: InputError) -> list[UserError]:
    return [UserError.of(p) for p in exc.problems]


@strawberry.type
class Query:
    @strawberry.field(description="Indicator drafts, newest first (at most 200): ADMIN every agency's or one's, an "
                                  "agency admin its own agency's.")
    async def indicator_drafts(self, info: Info, agency: Optional[str] = None,
                               status: Optional[IndicatorDraftStatus] = None) -> list[IndicatorDraft]:
        rows = await service.list_drafts(info.context.access, agency, status.value if status else None)
        return await _drafts(info, rows)

    @strawberry.field(description="One indicator draft (null when there is none the viewer may work on).")
    async def indicator_draft(self, info: Info, id: int) -> Optional[IndicatorDraft]:
        try:
            return await _draft(info, await service.get_draft(info.context.access, id))
        except InputError:
            return None

    @strawberry.field(description="A draft on sample inputs, writing nothing: the value with the formula's steps, "
                                  "the achievement against the target given (else the draft's) and the suggested "
                                  "rating.")
    async def preview_indicator(self, info: Info, id: int, inputs: JSON, target: Optional[float] = None,
                                target_lower: Optional[float] = None,
                                target_upper: Optional[float] = None) -> IndicatorPreviewResult:
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
    async def preview_indicator_on_history(self, info: Info, id: int,
                                           period: Optional[str] = None) -> IndicatorHistoryPreviewResult:
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
    async def save_indicator_draft(self, info: Info, input: IndicatorDraftInput,
                                   version: Optional[int] = None) -> IndicatorDraftPayload:
        ctx = info.context
        d = await service.save_draft(ctx.access, ctx.catalog, agency_code=input.agency, text=input.yaml,
                                     draft_id=input.id, version=version, limit=ctx.settings.max_indicator_drafts)
        return IndicatorDraftPayload(draft=await _draft(info, d), errors=[])

    @strawberry.mutation(description="The agency asks BKPSDM to approve the draft.")
    @handle_errors(refusals=True)
    async def submit_indicator_draft(self, info: Info, id: int, version: Optional[int] = None
                                     ) -> IndicatorDraftPayload:
        d = await service.submit_draft(info.context.access, info.context.catalog, id, version)
        return IndicatorDraftPayload(draft=await _draft(info, d), errors=[])

    @strawberry.mutation(description="ADMIN: the submitted draft becomes the indicator's new version (or a new "
                                     "indicator), for every worker at once, without a restart.")
    @handle_errors(refusals=True)
    async def approve_indicator_draft(self, info: Info, id: int, version: Optional[int] = None
                                      ) -> IndicatorDraftPayload:
        d = await service.approve_draft(info.context.access, info.context.catalog, id, version)
        return IndicatorDraftPayload(draft=await _draft(info, d), errors=[])

    @strawberry.mutation(description="ADMIN: the submitted draft goes back to the agency with a note.")
    @handle_errors(refusals=True)
    async def reject_indicator_draft(self, info: Info, id: int, note: str, version: Optional[int] = None
                                     ) -> IndicatorDraftPayload:
        d = await service.reject_draft(info.context.access, id, note, version)
        return IndicatorDraftPayload(draft=await _draft(info, d), errors=[])

    @strawberry.mutation(description="The agency drops a draft that was not approved.")
    @handle_errors(refusals=True)
    async def discard_indicator_draft(self, info: Info, id: int, version: Optional[int] = None
                                      ) -> IndicatorDraftPayload:
        d = await service.discard_draft(info.context.access, id, version)
        return IndicatorDraftPayload(draft=await _draft(info, d), errors=[])
