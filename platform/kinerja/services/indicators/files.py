"""Console indicators and spec files together (issue 18, "Files and the database together"): `kinerja specs export`
writes the database's console indicators as spec files in the format of indicator_specs/, and `kinerja specs import`
saves the indicators of spec files as drafts of their agencies.

Export: one file per agency (`<agency code, lower case>.yaml`), its console indicators that are not retired, each as
its current version's approved YAML text, the same text the catalog loads (services/indicators/console_specs.py).
Before anything is written every document is loaded again with the spec files' loader, and each indicator must give
the database's content hash (Indicator.version); a file's indicators are not exported (they are files already).

Import: each file goes through the spec files' loader, then each of its indicators through `save_draft` (the same
checks as the console's: a code a file defines, a check that can never hold, the drafts limit, ...). All or nothing:
one transaction, the drafts' own nested in it; any problem in any file and nothing is written. An indicator whose
content is the current version of its console indicator is left out (there is nothing to approve), and said so.
The draft's text is the indicator's entry as the file writes it (comments kept), so its content hash is the file's.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import yaml
from tortoise.transactions import in_transaction

from kinerja.models import Agency, Indicator, IndicatorVersion
from kinerja.services.core.access import Access
from kinerja.services.core.errors import AccessDenied, BadArgument, InputError
from kinerja.services.indicators import check, drafts
from kinerja.services.indicators.sync import CONSOLE
from kinerja.specs.loader import load_spec_text
from kinerja.specs.yaml_reader import LOADER

SUFFIX = ".yaml"


@dataclass(frozen=True)
class FileProblem:
    """One problem of an export or an import, where it is: file, line, key path (e.g. `indicators.2.code`)."""

    file: str
    line: int | None
    path: str | None
    code: str | None
    message: str
    indicator: str | None = None  # the full code, when the problem is one indicator's

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where, self.indicator, self.path, f"{self.message}" + (f" ({self.code})" if self.code else "")]
        return ": ".join(p for p in parts if p)


class SpecFilesError(Exception):
    """The export or import has problems; nothing was written."""

    def __init__(self, problems: Sequence[FileProblem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


# --- export --------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExportedFile:
    agency: str
    path: Path
    indicators: tuple[str, ...]  # full codes, in the file's order


@dataclass(frozen=True)
class ExportResult:
    files: list[ExportedFile]
    file_indicators: dict[str, int]  # agency code -> its active indicators of spec files, not exported


async def export_specs(access: Access, catalog: Any, directory: Path, agency_code: str | None = None
                       ) -> ExportResult:
    """Write the console indicators (active ones) of every agency the viewer manages, or of one, into `directory`
    (an existing folder; a file of the same name is replaced)."""
    if not access.may_read_reports:
        raise AccessDenied("only ADMIN and agency admins export indicator specs", params={"action": "export_specs"})
    if not directory.is_dir():
        raise SpecFilesError([FileProblem(str(directory), None, None, "NOT_FOUND",
                                          "no such folder (create it first)" if not directory.exists()
                                          else "not a folder")])
    agencies = Agency.all()
    if agency_code:
        code = agency_code.strip().upper()
        agencies = agencies.filter(code=code)
    found = [a for a in await agencies.order_by("code") if access.can_manage_agency(a.id)]
    if agency_code and not found:
        raise SpecFilesError([FileProblem("--agency", None, None, "NOT_FOUND", f"no agency {code}")])
    by_id = {a.id: a for a in found}
    rows = await Indicator.filter(agency_id__in=list(by_id), active=True).order_by("code")
    console = [i for i in rows if i.origin == CONSOLE]
    file_counts: dict[str, int] = {}
    for i in rows:
        if i.origin != CONSOLE:
            file_counts[by_id[i.agency_id].code] = file_counts.get(by_id[i.agency_id].code, 0) + 1
    texts = {(v.indicator_id, v.version): v.yaml for v in await IndicatorVersion.filter(
        indicator_id__in=[i.id for i in console]).only("indicator_id", "version", "yaml")}
    problems: list[FileProblem] = []
    documents: list[tuple[ExportedFile, str]] = []
    for agency in found:
        mine = [i for i in console if i.agency_id == agency.id]
        if not mine:
            continue
        path = directory / f"{agency.code.lower()}{SUFFIX}"
        entries = []
        for i in mine:
            text = texts.get((i.id, i.version))
            if text is None:
                problems.append(FileProblem(str(path), None, None, "NO_TEXT",
                                            f"version {i.version} has no stored text", i.full_code))
            else:
                entries.append(text)
        if len(entries) < len(mine):
            continue
        document = spec_document(agency.code, agency.name, entries)
        problems += _export_problems(document, path, mine, catalog.calculators)
        documents.append((ExportedFile(agency.code, path, tuple(i.full_code for i in mine)), document))
    if problems:
        raise SpecFilesError(problems)
    for exported, document in documents:
        _write(exported.path, document)
    return ExportResult([e for e, _ in documents], file_counts)


def spec_document(agency: str, name: str, entries: Sequence[str]) -> str:
    """A spec file of one agency listing the entries (each an indicator's YAML text) as its indicators."""
    lines = [f"# The console indicators of {agency} as `kinerja specs export` wrote them from the database.",
             "# `kinerja specs import FILE` saves them as drafts. Do not put this file in a spec folder while the",
             "# indicators live in the console: a file cannot define a console indicator's code.",
             f"agency: {{code: {json.dumps(agency)}, name: {json.dumps(name, ensure_ascii=False)}}}",
             "indicators:"]
    for entry in entries:
        lines += _list_item(entry)
    return "\n".join(lines) + "\n"


def _list_item(text: str) -> list[str]:
    """An entry indented as a list item: every line by four spaces, as check.load_indicator reads a draft."""
    body = text.splitlines()
    while body and not body[-1].strip():
        body.pop()
    first = body[0] if body else ""
    if first.strip() and not first.startswith((" ", "#")):
        return [f"  - {first}", *("    " + line if line.strip() else "" for line in body[1:])]
    return ["  -", *("    " + line if line.strip() else "" for line in body)]


def _export_problems(document: str, path: Path, indicators: Sequence[Indicator], calculators: Any
                     ) -> list[FileProblem]:
    spec, errors = load_spec_text(document, str(path), calculators)
    if spec is None:
        return [FileProblem(e.file, e.line, e.path, None, e.message) for e in errors]
    loaded = {s.code: s.version for s in spec.indicators}
    return [FileProblem(str(path), None, None, "VERSION_DIFFERS", f"loads as version {loaded.get(i.code)}, not the "
                        f"database's {i.version} (a calculator's plugin may be missing here)", i.full_code)
            for i in indicators if loaded.get(i.code) != i.version]


def _write(path: Path, text: str) -> None:
    """Replace the file at once: a reader never sees half of it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


# --- import --------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ImportedDraft:
    file: str
    indicator: str  # full code
    draft_id: int
    base_version: str | None  # the version of the indicator it changes; None: a new indicator
    version: str  # its content hash


@dataclass(frozen=True)
class Unchanged:
    file: str
    indicator: str
    version: str


@dataclass(frozen=True)
class ImportResult:
    drafts: list[ImportedDraft]
    unchanged: list[Unchanged]


async def import_specs(access: Access, catalog: Any, files: Sequence[Path], limit: int = 20) -> ImportResult:
    """Save every indicator of the files as a draft of its agency (DRAFT: its agency submits it, ADMIN approves it),
    or nothing: SpecFilesError lists every problem of every file."""
    problems: list[FileProblem] = []
    loaded: list[tuple[str, Any, yaml.Node, str]] = []  # (file, AgencySpec, its root node, text)
    for path in files:
        name = str(path)
        if not path.is_file():
            problems.append(FileProblem(name, None, None, "NOT_FOUND",
                                        "not a file" if path.exists() else "no such file"))
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(FileProblem(name, None, None, "UNREADABLE", f"cannot read: {exc}"))
            continue
        spec, errors = load_spec_text(text, name, catalog.calculators)
        if spec is None:
            problems += [FileProblem(e.file, e.line, e.path, None, e.message) for e in errors]
            continue
        loaded.append((name, spec, yaml.compose(text, Loader=LOADER), text))
    result = ImportResult([], [])
    async with in_transaction():  # save_draft's own transactions nest in this one (savepoints)
        for name, spec, root, text in loaded:
            await _import_file(access, catalog, name, spec, root, text, limit, problems, result)
        if problems:
            raise SpecFilesError(problems)  # rolls back the drafts saved so far
    return result


async def _import_file(access: Access, catalog: Any, name: str, spec: Any, root: yaml.Node, text: str, limit: int,
                       problems: list[FileProblem], result: ImportResult) -> None:
    items = _mapping_value(root, "indicators").value
    try:
        agency = await check.drafting_agency(access, spec.code)
    except (BadArgument, AccessDenied) as exc:
        node = _mapping_value(_mapping_value(root, "agency"), "code")
        problems.append(FileProblem(name, node.start_mark.line + 1, "agency.code", exc.code, str(exc)))
        return
    for index, (indicator, node) in enumerate(_entries(spec, items)):
        where = f"indicators.{index}"
        entry_text = entry_of(text, node, lambda t: _version_of(agency, t, catalog) == indicator.version)
        if entry_text is None:
            problems.append(FileProblem(name, node.start_mark.line + 1, where, "NOT_EXTRACTABLE",
                                        "this entry does not load alone as it loads in the file: write it "
                                        "out in full", indicator.full_code))
            continue
        current = await Indicator.get_or_none(agency_id=agency.id, code=indicator.code)
        if (current is not None and current.origin == CONSOLE and current.active
                and current.version == indicator.version):
            result.unchanged.append(Unchanged(name, indicator.full_code, indicator.version))
            continue
        try:
            draft = await drafts.save_draft(access, catalog, agency_code=agency.code, text=entry_text, limit=limit)
        except InputError as exc:
            problems += [_located(name, node, where, indicator.full_code, p) for p in exc.problems]
            continue
        result.drafts.append(ImportedDraft(name, indicator.full_code, draft.id, draft.base_version,
                                           indicator.version))


def _entries(spec: Any, items: Sequence[yaml.Node]) -> list[tuple[Any, yaml.Node]]:
    """Each loaded indicator with its node (a file that loads has one indicator per entry, in order)."""
    return list(zip(spec.indicators, items))


def _version_of(agency: Agency, text: str, catalog: Any) -> str | None:
    spec, _ = check.load_indicator(agency.code, agency.name, text, catalog.calculators, lambda code: None)
    return spec.version if spec is not None else None


def entry_of(source: str, node: yaml.Node, same: Callable[[str], bool]) -> str | None:
    """One list item's text on its own: the file's own lines (comments kept), else the node written out again;
    `same(text)` must hold of it (it loads with the file's content hash). None when neither does."""
    sliced = _sliced(source, node)
    if sliced is not None and same(sliced):
        return sliced
    written = yaml.serialize(node, Dumper=yaml.SafeDumper, allow_unicode=True, width=10_000)
    return written if same(written) else None


def _sliced(source: str, node: yaml.Node) -> str | None:
    """The entry's lines, dedented: with the comments between its `-` and its first key (an entry written as
    `-` alone on its line) and those inside it, not the ones less indented than it (they are the file's)."""
    start, end = node.start_mark, node.end_mark
    indent = start.column
    lines = source[:end.index].split("\n")
    first = start.line
    if not lines[first][:indent].strip():  # the `-` is on an earlier line: take the comments after it too
        while first > 0 and lines[first - 1].strip().startswith("#") and \
                not lines[first - 1][:indent].strip():
            first -= 1
    out: list[tuple[str, bool]] = []  # (the line dedented, whether it is less indented than the entry)
    for n, line in enumerate(lines[first:], start=first):
        if n == start.line:
            line = " " * indent + line[indent:]  # the entry's first line, without its `- `
        if not line[:indent].strip():
            out.append((line[indent:].rstrip(), False))
        elif line.lstrip().startswith("#"):
            out.append((line.strip(), True))
        else:
            return None  # less indented than the entry: flow content laid out freely
    while out and (not out[-1][0] or out[-1][1]):
        out.pop()  # blank lines and outer comments before the next entry are the file's, not this one's
    return "\n".join(text for text, _ in out) + "\n" if out else None


def _located(file: str, node: yaml.Node, where: str, indicator: str, problem: Any) -> FileProblem:
    """A save_draft problem at its place in the file: ("input", "yaml", ...) is inside the entry."""
    path = tuple(problem.path)
    if path[:2] == ("input", "yaml"):
        parts = path[2:]
        return FileProblem(file, _line(node, parts), ".".join((where, *parts)), problem.code, problem.message,
                           indicator)
    if path[:2] == ("input", "agency"):
        return FileProblem(file, None, "agency.code", problem.code, problem.message, indicator)
    return FileProblem(file, node.start_mark.line + 1, where, problem.code, problem.message, indicator)


def _line(node: yaml.Node, parts: Sequence[str]) -> int:
    """The line of the node at `parts` below `node` (as deep as the path goes)."""
    for part in parts:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            found = node.value[int(part)]
        else:
            found = None
        if found is None:
            break
        node = found
    return node.start_mark.line + 1


def _mapping_value(node: yaml.Node, key: str) -> yaml.Node:
    return next(v for k, v in node.value if k.value == key)
