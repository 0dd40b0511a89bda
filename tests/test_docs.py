"""README.md against the code, in the manner of datasette's tests/test_docs.py: every KINERJA_* setting of
settings.SETTINGS has a row in the configuration table, with its flag, its default and its meaning as the
definition gives them, and every hook of plugins/hookspecs.py a row in the plugin hooks table with its arguments;
neither table has a row for something that no longer exists. Each setting and hook is its own test case, so a new
one without a README row fails by name."""

from __future__ import annotations

import argparse
import inspect
import re
from pathlib import Path

import pytest

from kinerja.cli import build_parser
from kinerja.plugins import hookspecs
from kinerja.settings import SETTINGS, Setting

README = Path(__file__).resolve().parent.parent / "README.md"
VARIABLES = [s for s in SETTINGS if s.env]
HOOKS = sorted(name for name, f in inspect.getmembers(hookspecs, inspect.isfunction) if hasattr(f, "kinerja_spec"))


def section(text: str, heading: str) -> str:
    """The text under a Markdown heading (e.g. "## Configuration"), up to the next heading of its level or above."""
    level = len(heading) - len(heading.lstrip("#"))
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines))
                if re.match(rf"#{{1,{level}}} ", lines[i])), len(lines))
    return "\n".join(lines[start:end])


def table(text: str, key: str) -> dict[str, list[str]]:
    """The rows of the Markdown tables in `text` whose first cell starts with `key` in backticks, by the name in
    those backticks (up to a parenthesis): {name: cells}."""
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        found = re.match(rf"`({re.escape(key)}\w*)", cells[0]) if cells else None
        if found:
            rows[found.group(1)] = cells
    return rows


def settings_table(text: str) -> dict[str, list[str]]:
    """README's configuration table: {variable: [variable, flag, default, meaning]}."""
    return table(section(text, "## Configuration"), "KINERJA_")


def hooks_table(text: str) -> dict[str, list[str]]:
    """README's plugin hooks table: {hook: [hook(arguments), returns, what it is for]}."""
    return table(section(text, "### Plugin hooks"), "kinerja_")


def setting_problems(setting: Setting, rows: dict[str, list[str]]) -> list[str]:
    row = rows.get(setting.env or "")
    if row is None:
        return [f"README.md's configuration table has no row for {setting.env}"]
    _, flag, default, meaning = row
    problems = []
    if (flag.split(" ")[0] if flag else None) != (f"`{setting.flag}`" if setting.flag else None):
        problems.append(f"{setting.env}: the README's flag is {flag!r}, the setting's {setting.flag!r}")
    if default != setting.documented_default:
        problems.append(f"{setting.env}: the README's default is {default!r}, the setting's "
                        f"{setting.documented_default!r}")
    if meaning != setting.about:
        problems.append(f"{setting.env}: the README's meaning is {meaning!r}, the setting's {setting.about!r}")
    return problems


def hook_problems(name: str, spec: object, rows: dict[str, list[str]]) -> list[str]:
    row = rows.get(name)
    if row is None:
        return [f"README.md's plugin hooks table has no row for {name}"]
    call = f"`{name}({', '.join(inspect.signature(spec).parameters)})`"  # type: ignore[arg-type]
    problems = [] if row[0] == call else [f"{name}: the README writes {row[0]}, the hookspec is {call}"]
    return problems + [f"{name}: empty cell {i + 1} in the README" for i, cell in enumerate(row) if not cell]


def stale(rows: dict[str, list[str]], names: set[str]) -> list[str]:
    return sorted(set(rows) - names)


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text("utf-8")


# -- the README holds to the code ----------------------------------------------------------------------------------

@pytest.mark.parametrize("setting", VARIABLES, ids=[s.env for s in VARIABLES])
def test_setting_is_documented(readme, setting):
    assert setting_problems(setting, settings_table(readme)) == []


def test_no_stale_settings_in_the_readme(readme):
    assert stale(settings_table(readme), {s.env for s in VARIABLES}) == []


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_documented(readme, hook):
    assert hook_problems(hook, getattr(hookspecs, hook), hooks_table(readme)) == []


def test_no_stale_hooks_in_the_readme(readme):
    assert stale(hooks_table(readme), set(HOOKS)) == []


def test_the_settings_flags_are_the_clis():
    """A setting's flag is an option of some subcommand, under the argparse dest flag_overrides reads."""
    options: set[tuple[str, str]] = set()
    parsers = [build_parser()]
    while parsers:
        parser = parsers.pop()
        for action in parser._actions:
            options |= {(o, action.dest) for o in action.option_strings}
            if isinstance(action, argparse._SubParsersAction):
                parsers += list(action.choices.values())
    for setting in SETTINGS:
        if setting.flag:
            assert (setting.flag, setting.flag_dest) in options, setting.flag


# -- the test of the test: what it must catch ----------------------------------------------------------------------

def test_a_setting_or_hook_without_a_readme_row_is_found(readme):
    new = Setting("feature_x", int, 1, "KINERJA_FEATURE_X", about="something new")
    assert setting_problems(new, settings_table(readme)) == [
        "README.md's configuration table has no row for KINERJA_FEATURE_X"]

    def kinerja_new_hook(person):
        """A hook added to hookspecs.py."""
    assert hook_problems("kinerja_new_hook", kinerja_new_hook, hooks_table(readme)) == [
        "README.md's plugin hooks table has no row for kinerja_new_hook"]


def test_a_changed_default_or_a_stale_row_is_found(readme):
    port = next(s for s in SETTINGS if s.env == "KINERJA_PORT")
    moved = Setting(port.attr, port.type, 8080, port.env, flag=port.flag, parse=port.parse, about=port.about)
    assert setting_problems(moved, settings_table(readme)) == [
        "KINERJA_PORT: the README's default is '`8000`', the setting's '`8080`'"]
    planted = readme.replace("| `KINERJA_PORT` |", "| `KINERJA_OLD_PORT` | | `1` | gone |\n| `KINERJA_PORT` |")
    assert stale(settings_table(planted), {s.env for s in VARIABLES}) == ["KINERJA_OLD_PORT"]
    planted = readme.replace("| `kinerja_predikat(", "| `kinerja_gone()` | x | y |\n| `kinerja_predikat(")
    assert stale(hooks_table(planted), set(HOOKS)) == ["kinerja_gone"]
