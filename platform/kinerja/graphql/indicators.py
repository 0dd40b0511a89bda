"""Indicators, the loaded plugins and their calculators, the spec errors: types, queries and reloadSpecs."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Optional

import strawberry

from kinerja import models
from kinerja.graphql.agencies import Agency
from kinerja.graphql.context import Info
from kinerja.services.indicators import sync as service
from kinerja.services.core.access import deny
from kinerja.specs import capaian


@strawberry.enum
class Direction(enum.Enum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    BAND = "band"  # the ideal is a range: below it and above it both fall short


@strawberry.enum
class IndicatorLevel(enum.Enum):
    PERSON = "person"
    UNIT = "unit"
    AGENCY = "agency"


@strawberry.enum(description="Where an indicator is defined: FILE (a spec file on the server, \"dari berkas\": not "
                             "editable in the console) or CONSOLE (an approved draft).")
class IndicatorOrigin(enum.Enum):
    FILE = "file"
    CONSOLE = "console"


@strawberry.type
class IndicatorInput:
    name: str
    type: str
    label: Optional[str]
    min: Optional[float]
    max: Optional[float]


@strawberry.type(description="How an achievement is scored (PermenPANRB 8/2021 annex VI): above `over` percent it "
                             "scores `cap`, and a target equal to `best` met in full scores `cap` too.")
class AchievementRule:
    cap: Optional[float] = strawberry.field(description="The score of an achievement above over; null: uncapped.")
    over: float
    best: Optional[float] = strawberry.field(description="The best value the realisation can take (e.g. 100 for a "
                                                         "percentage of a whole, 0 for a rate); null when not given.")


@strawberry.type(description="A version as people read it: its number and since when (the hash is for programs).")
class IndicatorVersionStamp:
    number: int = strawberry.field(description="1 for the indicator's first version, then in the order they were "
                                               "synced or approved.")
    since: dt.datetime = strawberry.field(description="When the version was first synced or approved.")


async def version_stamp(info: Info, version: Optional[str]) -> Optional[IndicatorVersionStamp]:
    found = await info.context.loaders.version_stamp.load(version) if version else None
    return IndicatorVersionStamp(number=found.number, since=found.since) if found else None


@strawberry.type
class Indicator:
    agency_id: strawberry.Private[int]
    code: str = strawberry.field(description="Agency code and indicator code, e.g. DISDIK.KELULUSAN.")
    name: str
    unit: str
    direction: Direction
    level: IndicatorLevel
    version: str = strawberry.field(description="Content hash of the spec that defines it now.")
    inputs: list[IndicatorInput]
    default_target: Optional[float] = strawberry.field(description="The spec's target; a range's midpoint.")
    default_target_lower: Optional[float] = strawberry.field(description="The spec's range target: lower bound.")
    default_target_upper: Optional[float] = strawberry.field(description="The spec's range target: upper bound.")
    achievement: AchievementRule
    periods: list[str]
    formula: Optional[str]
    calculator: Optional[str]
    origin: IndicatorOrigin
    rating_above: Optional[float] = strawberry.field(description="Achievement (percent) from which a measurement "
                                                                 "suggests DI_ATAS_EKSPEKTASI; null: 110.")
    rating_meets: Optional[float] = strawberry.field(description="Achievement from which it suggests "
                                                                 "SESUAI_EKSPEKTASI; null: 100.")

    @classmethod
    def from_model(cls, m: models.Indicator) -> "Indicator":
        d = m.definition
        rule = d.get("achievement") or {}  # a version synced before the rule had the default
        return cls(
            agency_id=m.agency_id, code=m.full_code, name=m.name, unit=m.unit, direction=Direction(m.direction),
            level=IndicatorLevel(m.level), version=m.version, default_target=d.get("target"),
            default_target_lower=d.get("target_lower"), default_target_upper=d.get("target_upper"),
            achievement=AchievementRule(cap=rule.get("cap", capaian.DEFAULT_CAP),
                                        over=rule.get("over", capaian.DEFAULT_OVER), best=rule.get("best")),
            inputs=[IndicatorInput(name=i["name"], type=i["type"], label=i.get("label"), min=i.get("min"),
                                   max=i.get("max")) for i in d["inputs"]],
            periods=list(d["periods"]), formula=d.get("formula"), calculator=d.get("calculator"),
            origin=IndicatorOrigin(m.origin), rating_above=(d.get("rating") or {}).get("above"),
            rating_meets=(d.get("rating") or {}).get("meets"),
        )

    @strawberry.field
    async def agency(self, info: Info) -> Agency:
        return Agency.from_model(await info.context.loaders.agency.load(self.agency_id))

    @strawberry.field(description="The current version's number and date, as the console shows it.")
    async def version_stamp(self, info: Info) -> Optional[IndicatorVersionStamp]:
        return await version_stamp(info, self.version)


@strawberry.type
class PluginInfo:
    name: str
    version: Optional[str]
    hooks: list[str]


@strawberry.type(description="One input a calculator reads, as a spec using it declares it.")
class CalculatorInputInfo:
    name: str
    type: str = strawberry.field(description="integer or number, as a spec input's type.")
    label: Optional[str]
    min: Optional[float]
    max: Optional[float]
    required: bool = strawberry.field(description="A spec naming the calculator must declare it.")


@strawberry.type(description="An installed plugin's calculator, for a formula-less indicator (`calculator: NAME`).")
class CalculatorInfo:
    name: str
    plugin: str = strawberry.field(description="The plugin that gives it.")
    description: Optional[str] = strawberry.field(description="What it computes; null when it has no contract.")
    has_contract: bool = strawberry.field(description="False for a plugin's bare function: its inputs are unknown.")
    inputs: list[CalculatorInputInfo] = strawberry.field(description="Its input contract; empty with no contract.")


@strawberry.type
class SpecError:
    file: str
    line: Optional[int]
    path: Optional[str]
    message: str


@strawberry.type
class ReloadPayload:
    indicators: int
    errors: list[SpecError]


def spec_errors(errors) -> list[SpecError]:
    return [SpecError(file=e.file, line=e.line, path=e.path, message=e.message) for e in errors]


@strawberry.type
class Query:
    @strawberry.field
    async def indicators(self, info: Info, agency: Optional[str] = None) -> list[Indicator]:
        return [Indicator.from_model(i) for i in await service.list_indicators(info.context.access, agency)]

    @strawberry.field
    def plugins(self, info: Info) -> list[PluginInfo]:
        info.context.access  # signed-in viewers only
        return [PluginInfo(name=p.name, version=p.version, hooks=list(p.hooks)) for p in info.context.catalog.plugins]

    @strawberry.field(description="The installed plugins' calculators by name, each with its input contract.")
    def calculators(self, info: Info) -> list[CalculatorInfo]:
        info.context.access  # signed-in viewers only, as plugins: the names and contracts are no secret
        return [CalculatorInfo(name=c.name, plugin=c.plugin, description=c.description, has_contract=c.has_contract,
                               inputs=[CalculatorInputInfo(name=i.name, type=i.type, label=i.label, min=i.min,
                                                           max=i.max, required=i.required) for i in c.inputs or ()])
                for c in info.context.catalog.calculator_infos]

    @strawberry.field
    async def spec_errors(self, info: Info) -> list[SpecError]:
        access = info.context.access
        if not access.may_read_reports:
            raise deny("only ADMIN and agency admins see spec errors", params={"action": "read_spec_errors"})
        await info.context.catalog.ensure_current()  # another worker may have reloaded the specs
        return spec_errors(info.context.catalog.errors)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="ADMIN: read the spec files again and sync them into the database.")
    async def reload_specs(self, info: Info) -> ReloadPayload:
        access = info.context.access
        access.require_admin("reload the specs")
        result = await info.context.catalog.reload(actor=access.viewer.actor)
        return ReloadPayload(indicators=result.indicators, errors=spec_errors(info.context.catalog.errors))
