"""An indicator's history (every version, who and when, the difference between any two) and its retirement
(issue 18). Services: services/indicators/history.py, services/indicators/drafts.py (retire)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import strawberry
from strawberry.scalars import JSON

from kinerja import models
from kinerja.graphql.context import Info
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.graphql.indicators import IndicatorOrigin
from kinerja.services.core import audit_trail
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument, InputError
from kinerja.services.indicators import drafts, history as service


@strawberry.type(description="One version of an indicator: its definition from a spec file, or an approved draft.")
class IndicatorVersionInfo:
    version: str = strawberry.field(description="The content hash; measurements name the one that computed them.")
    created_at: dt.datetime = strawberry.field(description="When the version was first synced or approved.")
    origin: IndicatorOrigin = strawberry.field(description="FILE for a version synced from a spec file, CONSOLE for "
                                                           "an approved draft.")
    drafted_by: Optional[str] = strawberry.field(description="Who last saved the approved draft's text, as the audit "
                                                             "trail shows them to the viewer (`nip:hidden` for "
                                                             "someone the viewer may not see); null for a file's "
                                                             "version.")
    approved_by: Optional[str] = strawberry.field(description="The ADMIN who approved the draft, shown as draftedBy; "
                                                              "null for a file's version.")
    draft: Optional[int] = strawberry.field(description="The draft it was approved from.")
    yaml: Optional[str] = strawberry.field(description="The approved text; null for a file's version.")
    definition: JSON = strawberry.field(description="The version as plain data: inputs, periods, formula or "
                                                    "calculator, target, rating, achievement.")
    current: bool = strawberry.field(description="The version the indicator has now.")


@strawberry.type(description="One field that differs between two versions (an input by its name, e.g. "
                             "inputs.peserta.max).")
class IndicatorFieldChange:
    path: str = strawberry.field(description="The field, its keys joined by dots, e.g. formula, target_upper or "
                                             "inputs.peserta.max.")
    before: Optional[JSON] = strawberry.field(description="Its value in the `from` version; null when it had none.")
    after: Optional[JSON] = strawberry.field(description="Its value in the `to` version; null when it has none.")


@strawberry.type(description="What differs between two versions of an indicator.")
class IndicatorVersionDiff:
    changes: list[IndicatorFieldChange] = strawberry.field(description="Every field whose value differs, by path; "
                                                                       "empty when the two are the same.")
    text: list[str] = strawberry.field(description="The unified difference of the two versions' YAML, when both "
                                                   "were approved in the console (at most 400 lines).")


@strawberry.type(description="An indicator with every version it has had, retired ones too.")
class IndicatorHistory:
    code: str = strawberry.field(description="Agency code and indicator code, e.g. DISDIK.KELULUSAN.")
    name: str = strawberry.field(description="The indicator's name (Indonesian), as its current version gives it.")
    origin: IndicatorOrigin = strawberry.field(description="Where it is defined now: a spec file, or the console.")
    active: bool = strawberry.field(description="False once retired (retireIndicator for a console indicator, taken "
                                                "out of its file for a file's): it takes no new targets or "
                                                "measurements.")
    version: str = strawberry.field(description="The current version.")
    retired_at: Optional[dt.datetime] = strawberry.field(description="When retireIndicator retired it; null while "
                                                                     "active, and for a file's indicator.")
    retired_by: Optional[str] = strawberry.field(description="Who retired it, as the audit trail shows them to the "
                                                             "viewer; null as retiredAt.")
    retire_reason: Optional[str] = strawberry.field(description="The reason given to retireIndicator; null as "
                                                                "retiredAt.")
    versions: list[IndicatorVersionInfo] = strawberry.field(description="Oldest first.")
    _versions: strawberry.Private[list]

    @strawberry.field(description="What changed from one version (`from`) to another (`to`).")
    def diff(
        self,
        from_: Annotated[str, strawberry.argument(
            name="from", description="The version to compare from: its content hash, as versions gives it (an "
                                     "unknown one is the error NOT_FOUND).")],
        to: Annotated[str, strawberry.argument(description="The version to compare to, as `from`.")],
    ) -> IndicatorVersionDiff:
        try:
            changes = service.changes(self._versions, from_, to)
        except InputError as exc:  # an unknown version: the argument it names
            problem = exc.problems[0]
            raise BadArgument(problem.path[0], problem.message, problem.code) from None
        return IndicatorVersionDiff(
            changes=[IndicatorFieldChange(path=c.path, before=c.before, after=c.after) for c in changes],
            text=service.text_diff(self._versions, from_, to))


async def _history(access: Access, indicator: models.Indicator, versions: list[models.IndicatorVersion]
                   ) -> IndicatorHistory:
    """The history as this viewer may read it: who drafted, approved and retired shown by the audit trail's rule."""
    shown = await audit_trail.shown_actors(access, [indicator.retired_by, *(
        a for v in versions for a in (v.drafted_by, v.approved_by))])
    return IndicatorHistory(
        code=indicator.full_code, name=indicator.name, origin=IndicatorOrigin(indicator.origin),
        active=indicator.active, version=indicator.version, retired_at=indicator.retired_at,
        retired_by=shown.get(indicator.retired_by), retire_reason=indicator.retire_reason, _versions=versions,
        versions=[IndicatorVersionInfo(
            version=v.version, created_at=v.created_at,
            origin=IndicatorOrigin.CONSOLE if v.yaml is not None else IndicatorOrigin.FILE,
            drafted_by=shown.get(v.drafted_by), approved_by=shown.get(v.approved_by), draft=v.draft_id, yaml=v.yaml,
            definition=v.definition, current=v.version == indicator.version) for v in versions])


@strawberry.type(description="The answer of retireIndicator: the indicator with its history after the retirement, "
                             "or the errors when nothing was written.")
class RetireIndicatorPayload:
    indicator: Optional[IndicatorHistory] = strawberry.field(description="The retired indicator (active false); null "
                                                                         "when errors is not empty.")
    errors: list[UserError] = strawberry.field(
        description="Typed problems (path, code, message) when nothing was written, e.g. NOT_FOUND, CODE_FROM_FILE "
                    "(a file's indicator), ALREADY_RETIRED, FORBIDDEN or a REQUIRED reason; empty on success.")


@strawberry.type
class Query:
    @strawberry.field(description="An indicator's versions, who made each and when, and the difference between any "
                                  "two (anyone who may see its agency; retired indicators too). Null when there is "
                                  "no such indicator the viewer may see.")
    async def indicator_history(
        self, info: Info,
        code: Annotated[str, strawberry.argument(
            description="The indicator's full code, agency code and indicator code, e.g. DISDIK.KELULUSAN.")],
    ) -> Optional[IndicatorHistory]:
        try:
            indicator, versions = await service.indicator_with_versions(info.context.access, code)
        except InputError:
            return None
        return await _history(info.context.access, indicator, versions)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="ADMIN or the agency's admin: a console indicator takes no new targets or "
                                     "measurements; its history, targets and measurements stay. A file's indicator "
                                     "is retired by taking it out of its file.")
    @handle_errors(refusals=True)
    async def retire_indicator(
        self, info: Info,
        code: Annotated[str, strawberry.argument(
            description="The console indicator's full code, e.g. DINKES.IMUNISASI.")],
        reason: Annotated[str, strawberry.argument(
            description="Why it is retired (required, not blank); kept in its history.")],
    ) -> RetireIndicatorPayload:
        ctx = info.context
        await drafts.retire_indicator(ctx.access, ctx.catalog, code, reason)
        indicator, versions = await service.indicator_with_versions(ctx.access, code)
        return RetireIndicatorPayload(indicator=await _history(ctx.access, indicator, versions), errors=[])
