"""The catalog a process serves: its plugin manager, calculators, the valid specs and the spec errors.

Every process (each worker of `kinerja serve --workers N`) has its own catalog. It remembers the database's
`specs_generation` it matches; when another process's sync changed the database (reloadSpecs, or an indicator
approved or retired in the console), the next use that depends on the specs finds the difference and reads the spec files again (`ensure_current`), and a
measurement whose indicator's synced version differs from the loaded spec does the same before computing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import pluggy

from kinerja.plugins import calculator_infos, calculators, create_plugin_manager, plugin_infos
from kinerja.plugins.values import (Achievement, Expectation, IndicatorInfo, PersonInfo, Predikat, ProposedAction,
                                    RatingInfo, UnitHead)
from kinerja.plugins.manager import CalculatorInfo, PluginInfo
from kinerja.services.indicators import console_specs
from kinerja.services.indicators.sync import SyncResult, specs_generation, sync_specs, unsynced
from kinerja.settings import Settings
from kinerja.specs.loader import AgencySpec, IndicatorSpec, SpecError, load_specs

log = logging.getLogger("kinerja.specs")


@dataclass
class Catalog:
    pm: pluggy.PluginManager
    spec_paths: list[Path]
    calculators: dict[str, Callable] = field(default_factory=dict)  # a function or a Calculator (callable too)
    calculator_infos: list[CalculatorInfo] = field(default_factory=list)  # by name, with their contracts
    plugins: list[PluginInfo] = field(default_factory=list)
    specs: list[AgencySpec] = field(default_factory=list)
    file_errors: list[SpecError] = field(default_factory=list)  # files left out
    sync_errors: list[SpecError] = field(default_factory=list)  # valid files not synced (no such agency)
    generation: int | None = None  # the database's specs_generation these specs match (None: not synced yet)
    console: dict[str, IndicatorSpec] = field(default_factory=dict)  # active indicators approved in the console
    console_codes: frozenset[str] = frozenset()  # every console indicator's code, retired ones too
    console_errors: list[SpecError] = field(default_factory=list)  # console indicators that no longer load
    _by_code: dict[str, IndicatorSpec] = field(default_factory=dict, repr=False)

    @property
    def errors(self) -> list[SpecError]:
        return [*self.file_errors, *self.sync_errors, *self.console_errors]

    @classmethod
    def load(cls, settings: Settings) -> "Catalog":
        """Plugins first (a broken plugin stops start-up: PluginLoadError), then the spec files."""
        pm = create_plugin_manager(settings.plugin_folders())
        catalog = cls(pm=pm, spec_paths=list(settings.spec_folders()), calculators=calculators(pm),
                      calculator_infos=calculator_infos(pm), plugins=plugin_infos(pm))
        catalog.spec_paths += catalog.spec_paths_of_plugins()
        catalog.read_specs()
        return catalog

    def read_specs(self) -> None:
        self.specs, self.file_errors = load_specs(self.spec_paths, self.calculators)
        self._by_code = {spec.full_code: spec for agency in self.specs for spec in agency.indicators}
        for error in self.file_errors:
            log.warning("spec left out: %s", error)

    async def read_console(self) -> None:
        """The indicators approved in the console, from the database (services/indicators/console_specs.py)."""
        self.console, self.console_codes, self.console_errors = await console_specs.load(self.calculators)
        for error in self.console_errors:
            log.warning("console indicator left out: %s", error)

    async def sync(self, actor: str = "system") -> SyncResult:
        result, self.sync_errors = await sync_specs(self.specs, actor)
        for error in self.sync_errors:
            log.warning("spec not synced: %s", error)
        generation = await specs_generation()  # before reading the console: a later approval is read next time
        await self.read_console()
        self.generation = generation
        return result

    async def refresh(self) -> None:
        """Read the spec files and the console's indicators again and match the database's generation, writing
        nothing (another process synced them, or approved or retired an indicator in the console)."""
        generation = await specs_generation()
        self.read_specs()
        self.sync_errors = await unsynced(self.specs)
        await self.read_console()
        self.generation = generation
        log.info("specs read again: the database is at specs generation %s", generation)

    async def ensure_current(self) -> None:
        """One small read: refresh when another process's sync changed the database since ours."""
        if await specs_generation() != self.generation:
            await self.refresh()

    async def reload(self, actor: str) -> SyncResult:
        self.read_specs()
        return await self.sync(actor)

    def indicator(self, full_code: str) -> IndicatorSpec | None:
        """The loaded spec of an indicator: a console indicator's, else a file's (a file cannot take over a code
        the console defined, retired or not)."""
        if full_code in self.console_codes:
            return self.console.get(full_code)
        return self._by_code.get(full_code)

    def file_indicator(self, full_code: str) -> IndicatorSpec | None:
        """The spec a file gives this code (a code a file defines cannot be drafted in the console)."""
        return self._by_code.get(full_code)

    # The plugin hooks the services ask, each behind one method: the services never call pm.hook themselves.

    def spec_paths_of_plugins(self) -> list[Path]:
        return [Path(p) for paths in self.pm.hook.kinerja_spec_paths() for p in paths or ()]

    def input_problems(self, indicator: IndicatorInfo, inputs: Mapping[str, Any]) -> list[str]:
        """Every plugin's kinerja_validate_inputs messages for one measurement's inputs."""
        return [str(m) for messages in self.pm.hook.kinerja_validate_inputs(indicator=indicator, inputs=dict(inputs))
                for m in messages or ()]

    def suggest_result_rating(self, achievements: Sequence[Achievement], unit_head: UnitHead | None = None
                              ) -> str | None:
        """The first kinerja_suggest_result_rating answer, as an Expectation value (None: no suggestion);
        `unit_head` when the person heads a unit (the achievements are then the unit's)."""
        result = self.pm.hook.kinerja_suggest_result_rating(achievements=list(achievements), unit_head=unit_head)
        return result.value if isinstance(result, Expectation) else (str(result) if result else None)

    def predikat(self, result_rating: str, behavior_rating: str) -> str:
        """The predikat the kinerja_predikat hook gives (first answer wins; the default is the 3x3 matrix)."""
        found = self.pm.hook.kinerja_predikat(result_rating=Expectation(result_rating),
                                              behavior_rating=Expectation(behavior_rating))
        return Predikat(getattr(found, "value", found)).value

    def recommendations(self, person: PersonInfo, rating: RatingInfo) -> list[str]:
        """Every plugin's kinerja_recommendations, flattened in the order pluggy calls them."""
        return [str(item) for items in self.pm.hook.kinerja_recommendations(person=person, rating=rating)
                for item in items or ()]

    def development_actions(self, person: PersonInfo, rating: RatingInfo) -> list[Any]:
        """Every plugin's kinerja_development_actions (ProposedAction values), flattened in the order pluggy calls
        them; what is not a ProposedAction is skipped and logged (services/evaluation/development_proposals.py
        checks the rest)."""
        found: list[Any] = []
        for items in self.pm.hook.kinerja_development_actions(person=person, rating=rating):
            for item in items or ():
                if isinstance(item, ProposedAction):
                    found.append(item)
                else:
                    log.warning("a kinerja_development_actions answer is not a ProposedAction: %r (skipped)", item)
        return found

    def rating_finalized(self, person: PersonInfo, rating: RatingInfo) -> None:
        """Tell the plugins a rating is stored (exceptions propagate: the caller decides what they mean)."""
        self.pm.hook.kinerja_rating_finalized(person=person, rating=rating)
