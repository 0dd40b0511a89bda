"""The plugin system: hook specs, the manager factory, the values plugins see, and the default plugins."""

from kinerja import hookimpl

from .hookspecs import hookspec
from .manager import (CalculatorInfo, PluginInfo, PluginLoadError, calculator_infos, calculators,
                      create_plugin_manager, plugin_infos)
from .values import (Achievement, Calculator, CalculatorInput, Expectation, IndicatorInfo, OrgPredikat, PersonInfo,
                     Predikat, RatingInfo, UnitHead)

__all__ = [
    "Achievement",
    "Calculator",
    "CalculatorInfo",
    "CalculatorInput",
    "Expectation",
    "IndicatorInfo",
    "OrgPredikat",
    "PersonInfo",
    "PluginInfo",
    "PluginLoadError",
    "Predikat",
    "RatingInfo",
    "UnitHead",
    "calculator_infos",
    "calculators",
    "create_plugin_manager",
    "hookimpl",
    "hookspec",
    "plugin_infos",
]
