"""The plugin system: hook specs, the manager factory, the values plugins see, and the default plugins."""

from kinerja import hookimpl

from .hookspecs import hookspec
from .manager import PluginInfo, PluginLoadError, calculators, create_plugin_manager, plugin_infos
from .values import Achievement, Expectation, IndicatorInfo, PersonInfo, Predikat, RatingInfo

__all__ = [
    "Achievement",
    "Expectation",
    "IndicatorInfo",
    "PersonInfo",
    "PluginInfo",
    "PluginLoadError",
    "Predikat",
    "RatingInfo",
    "calculators",
    "create_plugin_manager",
    "hookimpl",
    "hookspec",
    "plugin_infos",
]
