"""Organisation ratings: setOrgPredikat (an agency's), setUnitOrgPredikat (a unit's) and curveRules, the distribution
curve's rules in force (Agency.orgPredikat and Unit.orgPredikat read the predikat through their loaders; a report
row's reference curve is a list of CurveBound)."""

from __future__ import annotations

import enum
from typing import Annotated, Optional

import strawberry

from kinerja.graphql.agencies import Agency, Unit
from kinerja.graphql.context import Info
from kinerja.graphql.enums import OrgPredikat, Predikat
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.services.evaluation import curve
from kinerja.services.evaluation import org_ratings as service


@strawberry.enum(description="How a rule of the distribution curve bounds the share of its predikat.")
class CurveRuleKind(enum.Enum):
    MAXIMUM = strawberry.enum_value(  # at most `percent` %
        "MAXIMUM", description="At most `percent` % of the N people (the headcount, or the people rated when "
                               "more): floor(percent x N), never below a minimum of the same predikat. Finalizing "
                               "a rating that breaks it needs a curveJustification.")
    MINIMUM = strawberry.enum_value(  # at least `percent` %
        "MINIMUM", description="At least `percent` % of the N people: ceil(percent x N); reported only once it can no "
                               "longer be met.")
    MORE_THAN = strawberry.enum_value(  # more than `percent` % ("most": more than half)
        "MORE_THAN", description="More than `percent` % of the N people (the regulation's \"most\": more than half): "
                                 "floor(percent x N) + 1; reported only once it can no longer be met.")
    MIN_COUNT = strawberry.enum_value(  # at least `count` people
        "MIN_COUNT", description="At least `count` people; reported only once it can no longer be met.")


def _kind(rule: curve.Rule) -> tuple[CurveRuleKind, float | None, int | None]:
    if rule.max_percent is not None:
        return CurveRuleKind.MAXIMUM, rule.max_percent, None
    if rule.min_percent is not None:
        return CurveRuleKind.MINIMUM, rule.min_percent, None
    if rule.more_than_percent is not None:
        return CurveRuleKind.MORE_THAN, rule.more_than_percent, None
    return CurveRuleKind.MIN_COUNT, None, int(rule.min_count or 0)


@strawberry.type(description="One rule of an organisation predikat's distribution curve: the employee predikat it "
                             "bounds, taken together, and the bound.")
class CurveRule:
    predikat: list[Predikat] = strawberry.field(description="The employee predikat the rule bounds, counted "
                                                            "together.")
    kind: CurveRuleKind = strawberry.field(description="How the rule bounds their share.")
    percent: Optional[float] = strawberry.field(description="The share in percent; null for MIN_COUNT.")
    count: Optional[int] = strawberry.field(description="MIN_COUNT's number of people; null otherwise.")

    @classmethod
    def of(cls, rule: curve.Rule) -> "CurveRule":
        kind, percent, count = _kind(rule)
        return cls(predikat=[Predikat(p) for p in rule.predikat], kind=kind, percent=percent, count=count)


@strawberry.type(description="A rule of the reference curve applied to one row's headcount: the people it allows "
                             "(MAXIMUM) or needs (the others) among `total`, beside the people there are.")
class CurveBound:
    predikat: list[Predikat] = strawberry.field(description="The employee predikat the rule bounds, counted "
                                                            "together.")
    kind: CurveRuleKind = strawberry.field(description="How the rule bounds their share.")
    percent: Optional[float] = strawberry.field(description="The rule's share in percent; null for MIN_COUNT.")
    count: Optional[int] = strawberry.field(description="MIN_COUNT's number of people; null otherwise.")
    limit: int = strawberry.field(description="People the rule allows at most (MAXIMUM) or needs at least.")
    total: int = strawberry.field(description="The denominator: the headcount now, or the people rated when more.")
    actual: int = strawberry.field(description="People rated with these predikat.")
    breached: bool = strawberry.field(description="The spread breaks the rule (a minimum: can no longer be met).")

    @classmethod
    def of(cls, bound: curve.Bound) -> "CurveBound":
        kind, percent, count = _kind(bound.rule)
        return cls(predikat=[Predikat(p) for p in bound.rule.predikat], kind=kind, percent=percent, count=count,
                   limit=bound.limit, total=bound.total, actual=bound.count, breached=bound.breached)


@strawberry.type(description="The distribution curve of one organisation predikat.")
class OrgCurve:
    org_predikat: OrgPredikat = strawberry.field(description="The organisation predikat (an agency's or a unit's) "
                                                             "the rules apply to.")
    rules: list[CurveRule] = strawberry.field(description="Its rules; empty when it has none.")


@strawberry.type(description="The answer of setOrgPredikat: the agency whose predikat was set, or the problems.")
class OrgPredikatPayload:
    agency: Optional[Agency] = strawberry.field(description="The agency (read the predikat with its "
                                                            "orgPredikat(period:)); null when nothing was written.")
    errors: list[UserError] = strawberry.field(description="Typed problems (path, code, message), a refusal "
                                                           "(FORBIDDEN) among them, when nothing was written; empty "
                                                           "on success.")


@strawberry.type(description="The answer of setUnitOrgPredikat: the unit whose predikat was set, or the problems.")
class UnitOrgPredikatPayload:
    unit: Optional[Unit] = strawberry.field(description="The unit (read the predikat with its orgPredikat(period:)); "
                                                        "null when nothing was written.")
    errors: list[UserError] = strawberry.field(description="Typed problems (path, code, message), a refusal "
                                                           "(FORBIDDEN) among them, when nothing was written; empty "
                                                           "on success.")


@strawberry.type
class Query:
    @strawberry.field(description="The distribution curve's rules in force (the defaults, or KINERJA_CURVE_FILE's), "
                                  "one entry per organisation predikat. Any signed-in viewer.")
    async def curve_rules(self, info: Info) -> list[OrgCurve]:
        ctx = info.context
        ctx.access  # signed-in viewers only
        rules = curve.rules_for(ctx.settings.curve_file)
        return [OrgCurve(org_predikat=OrgPredikat(org), rules=[CurveRule.of(r) for r in rules.get(org, ())])
                for org in curve.ORG_PREDIKATS]


PERIOD_HELP = ("The period: YYYY-Qn or YYYY-MM of the cycle (not its last quarter or month, which is rated as the "
               "year) or YYYY; its cycle must not be CLOSED.")


@strawberry.type
class Mutation:
    @strawberry.mutation(description="ADMIN only: the agency's predikat for a period of a cycle that is not CLOSED.")
    @handle_errors(refusals=True)
    async def set_org_predikat(
        self, info: Info, agency: Annotated[str, strawberry.argument(description="The agency's code.")],
        period: Annotated[str, strawberry.argument(description=PERIOD_HELP)],
        predikat: Annotated[OrgPredikat, strawberry.argument(
            description="The agency's organisation predikat (predikat kinerja organisasi); replaces any set "
                        "before for the period.")],
    ) -> OrgPredikatPayload:
        found = await service.set_org_predikat(info.context.access, agency, period, predikat.value)
        return OrgPredikatPayload(agency=Agency.from_model(found), errors=[])

    @strawberry.mutation(description="The level above the unit, the agency's admin or ADMIN: a unit's own predikat for "
                                     "a period of a cycle that is not CLOSED (the unit's curve is checked against "
                                     "it, and its head's results follow it).")
    @handle_errors(refusals=True)
    async def set_unit_org_predikat(
        self, info: Info, agency: Annotated[str, strawberry.argument(description="The agency's code.")],
        unit: Annotated[str, strawberry.argument(description="The unit's code in that agency.")],
        period: Annotated[str, strawberry.argument(description=PERIOD_HELP)],
        predikat: Annotated[OrgPredikat, strawberry.argument(
            description="The unit's own organisation predikat; replaces any set before for the period.")],
    ) -> UnitOrgPredikatPayload:
        found = await service.set_unit_org_predikat(info.context.access, agency, unit, period, predikat.value)
        return UnitOrgPredikatPayload(unit=Unit.from_model(found), errors=[])
