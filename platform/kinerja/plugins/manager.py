"""The plugin manager factory: defaults, entry points and plugin folders, checked at start; no global manager."""

from __future__ import annotations

import difflib
import hashlib
import importlib.util
import inspect
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from kinerja import __version__ as core_version

from . import hookspecs
from .builtin import DEFAULT_PLUGINS
from .values import Calculator, CalculatorInput

PROJECT = "kinerja"
ENTRY_POINT_GROUP = "kinerja"
MODULE_PREFIX = "kinerja_plugin_"
MAX_CALCULATORS = 500  # all plugins together: the bound of the GraphQL `calculators` list (graphql/cost.py)


class PluginLoadError(Exception):
    """A plugin cannot be used; the message names the file(s) (and, where known, the line) at fault."""

    def __init__(self, message: str, files: Iterable[Path | str | None] = ()) -> None:
        super().__init__(message)
        self.files: tuple[Path, ...] = tuple(Path(f) for f in files if f)


@dataclass(frozen=True)
class PluginInfo:
    """One registered plugin, as `kinerja plugins` and the GraphQL `plugins` query list it."""

    name: str
    version: str | None
    hooks: tuple[str, ...]
    file: Path | None


def create_plugin_manager(plugin_dirs: Sequence[Path] = (), *, entry_points: bool = True) -> pluggy.PluginManager:
    """A new plugin manager: the hook specs, the default plugins, the installed distributions' entry
    points (group "kinerja") when `entry_points`, then every module and package in `plugin_dirs`
    (folders that do not exist are skipped). Raises PluginLoadError for a plugin that cannot be
    imported, has an unknown (misspelt) hook or a hook the core cannot call."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    for name, module in DEFAULT_PLUGINS:
        pm.register(module, name=name)
    if entry_points:
        try:
            pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        except pluggy.PluginValidationError as exc:
            raise _validation_error(exc) from exc
        except Exception as exc:
            raise PluginLoadError(f"entry point group {ENTRY_POINT_GROUP!r}: cannot load a plugin: "
                                  f"{type(exc).__name__}: {exc}") from exc
    seen: set[Path] = set()
    for folder in plugin_dirs:
        folder = Path(folder)
        if not folder.is_dir() or folder.resolve() in seen:
            continue
        seen.add(folder.resolve())
        for path in _plugin_paths(folder):
            _register(pm, _import_plugin(folder, path), path)
    _check_hooks(pm)
    return pm


@dataclass(frozen=True)
class CalculatorInfo:
    """One installed calculator, as the GraphQL `calculators` query lists it: its name, the plugin that gives it,
    and its contract (`inputs`; None when the plugin gives a bare function: "no contract")."""

    name: str
    plugin: str
    description: str | None
    inputs: tuple[CalculatorInput, ...] | None

    @property
    def has_contract(self) -> bool:
        return self.inputs is not None


def calculators(pm: pluggy.PluginManager) -> dict[str, Callable[..., float]]:
    """All plugins' `kinerja_calculators` merged into one dict; a name claimed twice is a
    PluginLoadError naming both plugins and their files. A value is a bare function or a `Calculator`
    (callable too, and carrying its input contract)."""
    return {name: function for name, _, function in _calculator_entries(pm)}


def calculator_infos(pm: pluggy.PluginManager) -> list[CalculatorInfo]:
    """The installed calculators by name, each with its plugin and contract (None for a bare function)."""
    return sorted((CalculatorInfo(name=name, plugin=plugin,
                                  description=function.description if isinstance(function, Calculator) else None,
                                  inputs=function.inputs if isinstance(function, Calculator) else None)
                   for name, plugin, function in _calculator_entries(pm)), key=lambda c: c.name)


def _calculator_entries(pm: pluggy.PluginManager) -> list[tuple[str, str, Callable[..., float]]]:
    """(name, plugin name, function or Calculator) for every calculator, in call order, checked."""
    entries: list[tuple[str, str, Callable[..., float]]] = []
    owner: dict[str, Any] = {}
    for impl in reversed(pm.hook.kinerja_calculators.get_hookimpls()):  # call order
        try:
            result = impl.function()
        except (TypeError, ValueError) as exc:  # e.g. a Calculator contract built wrongly inside the hook
            raise PluginLoadError(f"{_describe(impl.plugin_name, impl.plugin)}: kinerja_calculators failed: "
                                  f"{type(exc).__name__}: {exc}", [_plugin_file(impl.plugin)]) from exc
        if result is None:
            continue
        if not isinstance(result, dict):
            raise PluginLoadError(f"{_describe(impl.plugin_name, impl.plugin)}: kinerja_calculators must return "
                                  f"a dict of name -> function, not {type(result).__name__}",
                                  [_plugin_file(impl.plugin)])
        for name, function in result.items():
            if not isinstance(name, str) or not callable(function):
                raise PluginLoadError(f"{_describe(impl.plugin_name, impl.plugin)}: calculator {name!r} must be "
                                      "a name (str) mapped to a function or a Calculator",
                                      [_plugin_file(impl.plugin)])
            if name in owner:
                first = owner[name]
                raise PluginLoadError(
                    f"calculator {name!r} is defined by two plugins: "
                    f"{_describe(first.plugin_name, first.plugin)} and {_describe(impl.plugin_name, impl.plugin)}",
                    [_plugin_file(first.plugin), _plugin_file(impl.plugin)])
            owner[name] = impl
            entries.append((name, impl.plugin_name, function))
    if len(entries) > MAX_CALCULATORS:
        raise PluginLoadError(f"the plugins give {len(entries)} calculators; at most {MAX_CALCULATORS} are served",
                              [_plugin_file(impl.plugin) for impl in pm.hook.kinerja_calculators.get_hookimpls()])
    return entries


def plugin_infos(pm: pluggy.PluginManager) -> list[PluginInfo]:
    """The registered plugins in registration order, each with its version, hooks (sorted) and file."""
    versions = {id(plugin): dist.version for plugin, dist in pm.list_plugin_distinfo()}
    infos = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:  # blocked
            continue
        version = getattr(plugin, "__version__", None)
        if any(plugin is module for _, module in DEFAULT_PLUGINS):
            version = core_version  # built-in behaviour ships with the core
        elif version is None:
            version = versions.get(id(plugin))
        hooks = tuple(sorted({caller.name for caller in pm.get_hookcallers(plugin) or ()}))
        infos.append(PluginInfo(name=name, version=None if version is None else str(version),
                                hooks=hooks, file=_plugin_file(plugin)))
    return infos


# -- loading folders -------------------------------------------------------------------------------

def _plugin_paths(folder: Path) -> list[Path]:
    """Modules (*.py) and packages (folders with __init__.py) in `folder`, by name; `_`/`.` names skipped."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(("_", ".")):
            continue
        if path.is_file() and path.suffix == ".py":
            found.append(path)
        elif path.is_dir() and (path / "__init__.py").is_file():
            found.append(path)
    return found


def _module_name(folder: Path, path: Path) -> str:
    digest = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:10]
    stem = re.sub(r"\W", "_", path.stem if path.is_file() else path.name)
    return f"{MODULE_PREFIX}{digest}_{stem}"


def _import_plugin(folder: Path, path: Path) -> ModuleType:
    """Import a plugin module or package afresh under a unique name, kept in sys.modules."""
    name = _module_name(folder, path)
    if path.is_dir():
        spec = importlib.util.spec_from_file_location(name, path / "__init__.py",
                                                      submodule_search_locations=[str(path)])
    else:
        spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise PluginLoadError(f"{path}: cannot import plugin: not a Python module", [path])
    module = importlib.util.module_from_spec(spec)
    for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
        del sys.modules[key]  # a fresh import: a reload picks up edited files
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException as exc:
        for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
            del sys.modules[key]
        if not isinstance(exc, Exception):
            raise
        where = _error_location(exc, path)
        raise PluginLoadError(f"{where}: cannot import plugin: {type(exc).__name__}: {exc}", [path]) from exc
    return module


def _error_location(exc: BaseException, path: Path) -> str:
    """`file:line` of the deepest traceback frame inside the plugin (or of a syntax error)."""
    root = path.resolve()
    if isinstance(exc, SyntaxError) and exc.filename and exc.lineno:
        return f"{exc.filename}:{exc.lineno}"
    location = str(path)
    for frame in traceback.extract_tb(exc.__traceback__):
        frame_path = Path(frame.filename).resolve()
        if frame_path == root or root in frame_path.parents:
            location = f"{frame.filename}:{frame.lineno}"
    return location


def _register(pm: pluggy.PluginManager, module: ModuleType, path: Path) -> None:
    name = path.stem if path.is_file() else path.name
    existing = pm.get_plugin(name)
    if existing is not None:
        raise PluginLoadError(f"two plugins are named {name!r}: {_plugin_file(existing) or existing!r} and {path}",
                              [_plugin_file(existing), path])
    try:
        pm.register(module, name=name)
    except pluggy.PluginValidationError as exc:
        raise _validation_error(exc) from exc


# -- checks ----------------------------------------------------------------------------------------

def _check_hooks(pm: pluggy.PluginManager) -> None:
    """Every hook implementation must match a spec (no misspelt hooks), be synchronous, and declare
    no default for an argument (pluggy never passes those). All problems are reported together."""
    spec_names = [name for name in vars(hookspecs) if name.startswith(f"{PROJECT}_")]
    problems: list[str] = []
    files: list[Path | None] = []
    for hook_name in sorted(vars(pm.hook)):
        if hook_name.startswith("_"):
            continue
        caller = getattr(pm.hook, hook_name)
        for impl in caller.get_hookimpls():
            where = _impl_location(impl)
            who = _describe(impl.plugin_name, impl.plugin)
            if not caller.has_spec():
                if impl.optionalhook:
                    continue
                close = difflib.get_close_matches(hook_name, spec_names, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(f"{where}: unknown hook {hook_name!r} in plugin {who}{hint}")
                files.append(_impl_file(impl))
                continue
            if inspect.iscoroutinefunction(impl.function) or inspect.isasyncgenfunction(impl.function):
                problems.append(f"{where}: hook {hook_name!r} in plugin {who} is async; hooks must be synchronous")
                files.append(_impl_file(impl))
            assert caller.spec is not None
            defaulted = sorted(set(impl.kwargnames) & set(caller.spec.argnames))
            if defaulted:
                problems.append(f"{where}: hook {hook_name!r} in plugin {who}: argument(s) {', '.join(defaulted)} "
                                "have a default value, so they would never be passed; remove the default")
                files.append(_impl_file(impl))
    if problems:
        raise PluginLoadError("\n".join(problems), files)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:  # pragma: no cover - the loop above finds these first
        raise _validation_error(exc) from exc


def _validation_error(exc: pluggy.PluginValidationError) -> PluginLoadError:
    file = _plugin_file(exc.plugin)
    return PluginLoadError(f"{file or repr(exc.plugin)}: {exc}", [file])


# -- naming plugins and files ----------------------------------------------------------------------

def _plugin_file(plugin: object) -> Path | None:
    file = getattr(plugin, "__file__", None)
    if file is None:
        try:
            file = inspect.getsourcefile(plugin if inspect.isclass(plugin) else type(plugin))  # type: ignore[arg-type]
        except TypeError:
            file = None
    return Path(file) if file else None


def _impl_file(impl: pluggy.HookImpl) -> Path | None:
    code = getattr(inspect.unwrap(impl.function), "__code__", None)
    return Path(code.co_filename) if code is not None else _plugin_file(impl.plugin)


def _impl_location(impl: pluggy.HookImpl) -> str:
    code = getattr(inspect.unwrap(impl.function), "__code__", None)
    if code is not None:
        return f"{code.co_filename}:{code.co_firstlineno}"
    return str(_plugin_file(impl.plugin) or repr(impl.plugin))


def _describe(name: str, plugin: object) -> str:
    file = _plugin_file(plugin)
    return f"{name!r} ({file})" if file else repr(name)


__all__ = ["CalculatorInfo", "PluginInfo", "PluginLoadError", "calculator_infos", "calculators", "create_plugin_manager",
           "plugin_infos"]
