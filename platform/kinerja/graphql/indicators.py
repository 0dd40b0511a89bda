"""Indicators, the loaded plugins and their calculators, the spec errors: types, queries and reloadSpecs."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Optional

import strawberry

from kinerja import models
from kinerja.graphql.agencies import Agency
from kinerja.graphql.context import Info
from kinerja.services.indicators import sync as service
from kinerja.services.core.access import deny
from kinerja.specs import capaian


@strawberry.enum(description="Which way an indicator's realisation is good (the spec's `direction`); it decides "
                             "how the achievement (capaian) is computed from the realisation and the target.")
class Direction(enum.Enum):
    HIGHER_IS_BETTER = strawberry.enum_value(
        "higher_is_better", description="More is better: achievement = realisation / target x 100 (a range target: "
                                        "100 inside it, else against the nearer bound).")
    LOWER_IS_BETTER = strawberry.enum_value(
        "lower_is_better", description="Less is better: achievement = (2 - realisation / target) x 100, never below "
                                       "0; a target of 0 is allowed (a realisation of 0 meets it, any above scores "
                                       "0).")
    # the ideal is a range: below it and above it both fall short
    BAND = strawberry.enum_value(
        "band", description="The ideal is the range of the target (a single target: that value): inside it scores "
                            "100, below it and above it both fall short, so it never scores above 100.")


@strawberry.enum(description="Whose result an indicator measures, as its spec declares it (`level`).")
class IndicatorLevel(enum.Enum):
    PERSON = strawberry.enum_value("person", description="An employee's own work result.")
    UNIT = strawberry.enum_value("unit", description="A unit's result.")
    AGENCY = strawberry.enum_value("agency", description="The agency's result as a whole.")


@strawberry.enum(description="Where an indicator is defined: FILE (a spec file on the server, \"dari berkas\": not "
                             "editable in the console) or CONSOLE (an approved draft).")
class IndicatorOrigin(enum.Enum):
    FILE = strawberry.enum_value("file", description="Defined in a spec file on the server (indicator_specs/*.yaml "
                                                     "or a plugin's): changed or retired only by editing the file "
                                                     "and reloading the specs.")
    CONSOLE = strawberry.enum_value("console", description="Defined by a draft ADMIN approved in the console: "
                                                           "changed by a new draft, retired by retireIndicator.")


@strawberry.type(description="One input a measurement of the indicator gives (a key of recordMeasurements' "
                             "`inputs`), as its spec declares it.")
class IndicatorInput:
    name: str = strawberry.field(description="The key in a measurement's `inputs`: a lower-case identifier, e.g. "
                                             "lulus.")
    type: str = strawberry.field(description="`integer` (a whole number) or `number` (any finite number).")
    label: Optional[str] = strawberry.field(description="What a form shows for it (Indonesian); null when the spec "
                                                        "gives none (show the name).")
    min: Optional[float] = strawberry.field(description="The lowest value a measurement may give; null: no lower "
                                                        "bound.")
    max: Optional[float] = strawberry.field(description="The highest value a measurement may give; null: no upper "
                                                        "bound.")


@strawberry.type(description="How an achievement is scored (PermenPANRB 8/2021 annex VI): above `over` percent it "
                             "scores `cap`, and a target equal to `best` met in full scores `cap` too.")
class AchievementRule:
    cap: Optional[float] = strawberry.field(description="The score of an achievement above over; null: uncapped.")
    over: float = strawberry.field(description="The achievement (percent) above which the score is `cap`: 110 "
                                               "unless the spec says otherwise (100 to 1000).")
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


@strawberry.type(description="An active indicator: what is measured, from which inputs and how, as its spec (a "
                             "file's or an approved console draft's) defines it now.")
class Indicator:
    agency_id: strawberry.Private[int]
    code: str = strawberry.field(description="Agency code and indicator code, e.g. DISDIK.KELULUSAN.")
    name: str = strawberry.field(description="The indicator's name (Indonesian), as its spec gives it.")
    unit: str = strawberry.field(description="The unit of measure of its realisation and targets, e.g. % or orang.")
    direction: Direction = strawberry.field(description="Which way its realisation is good: how achievement is "
                                                        "computed.")
    level: IndicatorLevel = strawberry.field(description="Whose result it measures: a person, a unit or the agency.")
    version: str = strawberry.field(description="Content hash of the spec that defines it now.")
    inputs: list[IndicatorInput] = strawberry.field(description="What a measurement gives, in the spec's order (at "
                                                                "least 1, at most 20).")
    default_target: Optional[float] = strawberry.field(description="The spec's target; a range's midpoint.")
    default_target_lower: Optional[float] = strawberry.field(description="The spec's range target: lower bound.")
    default_target_upper: Optional[float] = strawberry.field(description="The spec's range target: upper bound.")
    achievement: AchievementRule = strawberry.field(description="How an achievement is scored (the spec's "
                                                                "`achievement`, its defaults filled in).")
    periods: list[str] = strawberry.field(description="The kinds of period it is measured in: month, quarter and/or "
                                                      "year (a measurement's period must be of one of them).")
    formula: Optional[str] = strawberry.field(description="The formula computing the realisation from the inputs, "
                                                          "e.g. lulus / peserta * 100; null when a calculator does.")
    calculator: Optional[str] = strawberry.field(description="The plugin calculator computing the realisation (see "
                                                             "calculators); null when a formula does.")
    origin: IndicatorOrigin = strawberry.field(description="Where it is defined: a spec file, or the console.")
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

    @strawberry.field(description="The agency the indicator belongs to.")
    async def agency(self, info: Info) -> Agency:
        return Agency.from_model(await info.context.loaders.agency.load(self.agency_id))

    @strawberry.field(description="The current version's number and date, as the console shows it.")
    async def version_stamp(self, info: Info) -> Optional[IndicatorVersionStamp]:
        return await version_stamp(info, self.version)


@strawberry.type(description="A registered plugin (built-in, installed or from a plugin folder), as the `kinerja "
                             "plugins` command lists it.")
class PluginInfo:
    name: str = strawberry.field(description="The name it is registered under.")
    version: Optional[str] = strawberry.field(description="Its version: the core's for a built-in plugin, else its "
                                                          "module's __version__ or its package's; null when unknown.")
    hooks: list[str] = strawberry.field(description="The hooks it implements, e.g. kinerja_calculators, sorted by "
                                                    "name.")


@strawberry.type(description="One input a calculator reads, as a spec using it declares it.")
class CalculatorInputInfo:
    name: str = strawberry.field(description="The spec input name it reads (a key of the spec's `inputs`).")
    type: str = strawberry.field(description="`integer` or `number`, as a spec input's type.")
    label: Optional[str] = strawberry.field(description="A label a console form may show (Indonesian); null when the "
                                                        "plugin gives none.")
    min: Optional[float] = strawberry.field(description="The lowest value a form may offer; null: no lower bound.")
    max: Optional[float] = strawberry.field(description="The highest value a form may offer; null: no upper bound.")
    required: bool = strawberry.field(description="A spec naming the calculator must declare it.")


@strawberry.type(description="An installed plugin's calculator, for a formula-less indicator (`calculator: NAME`).")
class CalculatorInfo:
    name: str = strawberry.field(description="The name a spec gives as `calculator: NAME`.")
    plugin: str = strawberry.field(description="The plugin that gives it.")
    description: Optional[str] = strawberry.field(description="What it computes; null when it has no contract.")
    has_contract: bool = strawberry.field(description="False for a plugin's bare function: its inputs are unknown.")
    inputs: list[CalculatorInputInfo] = strawberry.field(description="Its input contract; empty with no contract.")


@strawberry.type(description="A problem that keeps an indicator spec out of use: a spec file (or an entry of it) "
                             "left out or not synced, or a console indicator that no longer loads.")
class SpecError:
    file: str = strawberry.field(description="The spec file's path on the server, or konsol:AGENCY.CODE for an "
                                             "indicator approved in the console.")
    line: Optional[int] = strawberry.field(description="The line in the file (1 the first), where known.")
    path: Optional[str] = strawberry.field(description="The keys down to the faulty value, joined by dots: e.g. "
                                                       "indicators.0.achievement.cap in a file, inputs.lulus.min for "
                                                       "a console indicator; null when it is the whole file or entry.")
    message: str = strawberry.field(description="What is wrong, in English.")


@strawberry.type(description="What reloadSpecs did: the spec files' indicators synced, and every spec error after "
                             "it. The valid specs are synced even when others have errors.")
class ReloadPayload:
    indicators: int = strawberry.field(description="The file indicators in the valid specs of existing agencies, "
                                                   "now in the database (changed or not).")
    errors: list[SpecError] = strawberry.field(description="Every spec error after the reload, as specErrors "
                                                           "answers them; empty when every spec is in use.")


def spec_errors(errors) -> list[SpecError]:
    return [SpecError(file=e.file, line=e.line, path=e.path, message=e.message) for e in errors]


@strawberry.type
class Query:
    @strawberry.field(description="The active (not retired) indicators by code: ADMIN every agency's, anyone else "
                                  "their own agency's.")
    async def indicators(
        self, info: Info,
        agency: Annotated[Optional[str], strawberry.argument(
            description="Only this agency's (its code, e.g. DISDIK); an agency the viewer may not read gives none. "
                        "Null: all the viewer may read.")] = None,
    ) -> list[Indicator]:
        return [Indicator.from_model(i) for i in await service.list_indicators(info.context.access, agency)]

    @strawberry.field(description="The registered plugins, built-in ones included, in registration order (any "
                                  "signed-in viewer).")
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

    @strawberry.field(description="ADMIN and agency admins: why spec files, entries or console indicators are not "
                                  "in use (files left out, valid files not synced, console indicators that no "
                                  "longer load); empty when every spec is in use.")
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
