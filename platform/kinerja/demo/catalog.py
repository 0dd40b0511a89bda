"""The catalog the demo's targets need: the working folder's specs, else the repository's."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import kinerja
from kinerja.demo.targets import DEMO_INDICATORS
from kinerja.plugins import PluginLoadError
from kinerja.services.indicators.catalog import Catalog
from kinerja.settings import Settings

REPO = Path(kinerja.__file__).resolve().parents[2]


def _missing(catalog: Catalog) -> list[str]:
    return [code for code in DEMO_INDICATORS if catalog.indicator(code) is None]


def demo_catalog(settings: Settings | None = None) -> tuple[Catalog, Settings]:
    """The catalog for the demo's targets, and the settings it was loaded with.

    The working folder's ./indicator_specs and ./plugins (and the configured folders) come first;
    when they lack the DISDIK/DPMPTSP indicators, the repository's own folders are added (`serve
    --demo` hands the returned settings on to the server, so it serves the same specs)."""
    settings = settings or Settings()
    catalog = Catalog.load(settings)
    if not _missing(catalog):
        return catalog, settings
    specs, plugins = REPO / "indicator_specs", REPO / "plugins"
    known = {p.resolve() for p in [*settings.spec_folders(), *settings.plugin_folders()]}
    extra_specs = (specs,) if specs.is_dir() and specs.resolve() not in known else ()
    extra_plugins = (plugins,) if plugins.is_dir() and plugins.resolve() not in known else ()
    if not extra_specs and not extra_plugins:
        return catalog, settings
    wider = replace(settings, specs_dirs=(*settings.specs_dirs, *extra_specs),
                    plugins_dirs=(*settings.plugins_dirs, *extra_plugins))
    try:
        fallback = Catalog.load(wider)
    except PluginLoadError:  # the repository's plugins clash with the working folder's: keep what we had
        return catalog, settings
    if len(_missing(fallback)) < len(_missing(catalog)):
        return fallback, wider
    return catalog, settings
