"""The catalog a process serves: its plugin manager, calculators, the valid specs and the spec errors.

Every process (each worker of `kinerja serve --workers N`) has its own catalog. It remembers the database's
`specs_generation` it matches; when another process's sync changed the database (reloadSpecs), the next
use that depends on the specs finds the difference and reads the spec files again (`ensure_current`), and a
measurement whose indicator's synced version differs from the loaded spec does the same before computing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pluggy

from kinerja.plugins import calculators, create_plugin_manager, plugin_infos
from kinerja.plugins.manager import PluginInfo
from kinerja.services.indicators.sync import SyncResult, specs_generation, sync_specs, unsynced
from kinerja.settings import Settings
from kinerja.specs.loader import AgencySpec, IndicatorSpec, SpecError, load_specs

log = logging.getLogger("kinerja.specs")


@dataclass
class Catalog:
    pm: pluggy.PluginManager
    spec_paths: list[Path]
    calculators: dict[str, Callable] = field(default_factory=dict)
    plugins: list[PluginInfo] = field(default_factory=list)
    specs: list[AgencySpec] = field(default_factory=list)
    file_errors: list[SpecError] = field(default_factory=list)  # files left out
    sync_errors: list[SpecError] = field(default_factory=list)  # valid files not synced (no such agency)
    generation: int | None = None  # the database's specs_generation these specs match (None: not synced yet)
    _by_code: dict[str, IndicatorSpec] = field(default_factory=dict, repr=False)

    @property
    def errors(self) -> list[SpecError]:
        return [*self.file_errors, *self.sync_errors]

    @classmethod
    def load(cls, settings: Settings) -> "Catalog":
        """Plugins first (a broken plugin stops start-up: PluginLoadError), then the spec files."""
        pm = create_plugin_manager(settings.plugin_folders())
        hook_paths = [Path(p) for paths in pm.hook.kinerja_spec_paths() for p in paths or ()]
        catalog = cls(pm=pm, spec_paths=[*settings.spec_folders(), *hook_paths],
                      calculators=calculators(pm), plugins=plugin_infos(pm))
        catalog.read_specs()
        return catalog

    def read_specs(self) -> None:
        self.specs, self.file_errors = load_specs(self.spec_paths, self.calculators)
        self._by_code = {spec.full_code: spec for agency in self.specs for spec in agency.indicators}
        for error in self.file_errors:
            log.warning("spec left out: %s", error)

    async def sync(self, actor: str = "system") -> SyncResult:
        result, self.sync_errors = await sync_specs(self.specs, actor)
        for error in self.sync_errors:
            log.warning("spec not synced: %s", error)
        self.generation = await specs_generation()
        return result

    async def refresh(self) -> None:
        """Read the spec files again and match the database's generation, writing nothing (another process
        synced them)."""
        generation = await specs_generation()
        self.read_specs()
        self.sync_errors = await unsynced(self.specs)
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
        return self._by_code.get(full_code)
