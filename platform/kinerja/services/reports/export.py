"""Report exports: each report as a table (header and rows), written as CSV (HTTP and CLI alike) or aligned text.

The same rows the GraphQL queries give, through the same scoped services: the report, its arguments, columns and
rows are its registry entry (kinerja.services.reports.registry). CSV is RFC 4180 (comma, double quotes, CRLF) in
UTF-8 with a header row. A text cell that a spreadsheet would read as a formula (starting with = + - @, or a tab or
carriage return) gets a leading apostrophe; numbers are written as numbers. A report read a page at a time
(follow-ups) is read MAX_PAGE rows at a time, so an export holds every row without holding them all at once.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, AsyncIterator, Iterable, Mapping, Sequence

from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.evaluation import curve
from kinerja.services.org.agencies import CODE_RE
from kinerja.services.reports import disclosure, registry
from kinerja.services.reports.registry import Arguments, Report
from kinerja.services.reports.scope import AGENCY, require_reader

LIST_SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_PAGE = 1000  # rows per page of a report read a page at a time (follow-ups' own maximum)

ARGUMENTS = tuple(a.field for a in registry.ARGUMENTS)
# the services' argument names (GraphQL's) -> the Arguments fields
_SERVICE_ARGUMENTS = {a.name: a.field for a in registry.ARGUMENTS}
# the arguments that name the file, in this order, after the report's name
_PERIODS = (registry.PERIOD, registry.FROM_PERIOD, registry.TO_PERIOD, registry.YEAR)


class ExportError(Exception):
    """A parameter the report cannot use; `field` is one of ARGUMENTS and `template` says it with {name}."""

    def __init__(self, field: str, template: str):
        self.field = field
        self.template = template
        super().__init__(template.format(name=field))

    def message(self, names: Mapping[str, str]) -> str:
        """The problem, naming the parameters as the caller's surface calls them (names: field -> name)."""
        text = self.template.format(name=names.get(self.field, self.field))
        for argument, field in _SERVICE_ARGUMENTS.items():
            if argument != field:  # camelCase names of other arguments mentioned in the text
                text = re.sub(rf"\b{argument}\b", names.get(field, field), text)
        return text

    @classmethod
    def from_bad_argument(cls, exc: BadArgument) -> "ExportError":
        field = _SERVICE_ARGUMENTS.get(exc.argument, exc.argument)
        text = str(exc).replace("{", "{{").replace("}", "}}")
        if text.startswith(exc.argument):
            text = "{name}" + text[len(exc.argument):]
        return cls(field, text)


@dataclass
class Table:
    report: Report
    rows: AsyncIterator[list[Any]]
    filename: str

    @property
    def header(self) -> tuple[str, ...]:
        return self.report.header


def check_arguments(name: str, args: Arguments) -> Report:
    """The report, once its required arguments are there and no argument is foreign to it (ExportError); KeyError
    for an unknown report."""
    report = registry.REPORTS[name]
    for argument in report.required:
        if not (getattr(args, argument.field) or "").strip():
            raise ExportError(argument.field, f"{{name}} is required for {name}")
    for argument in registry.ARGUMENTS:
        if getattr(args, argument.field) is not None and not report.takes(argument.field):
            raise ExportError(argument.field, f"{{name}} does not apply to {name}")
    return report


async def build(access: Access, catalog: Any, rules: curve.CurveRules, name: str, args: Arguments,
                survey_min_group: int = disclosure.DEFAULT_MIN_GROUP) -> Table:
    """The report's table for this viewer. AccessDenied for a viewer who may not read reports, ExportError for a
    bad argument (checked here, before any row is written), KeyError for an unknown report. survey_min_group:
    KINERJA_SURVEY_MIN_GROUP (satisfaction-by-group's small-group rule)."""
    report = registry.REPORTS[name]
    require_reader(access)
    check_arguments(name, args)
    context = registry.Context(access, rules, catalog, survey_min_group)
    try:
        rows = await _rows(context, report, args)
    except BadArgument as exc:
        raise ExportError.from_bad_argument(exc) from None
    return Table(report, rows, filename(name, args))


async def _rows(context: registry.Context, report: Report, args: Arguments) -> AsyncIterator[list[Any]]:
    if report.page is None:
        return _listed(report.cells(row) for row in await report.fetch(context, args))
    # the first page now (it checks the arguments), the others as the rows are written
    rows, after = await report.fetch_page(context, args, MAX_PAGE)
    return _paged(context, report, args, rows, after)


async def _listed(rows: Iterable[list[Any]]) -> AsyncIterator[list[Any]]:
    for row in rows:
        yield row


async def _paged(context: registry.Context, report: Report, args: Arguments, rows: Sequence[Any], after: Any
                 ) -> AsyncIterator[list[Any]]:
    while True:
        for row in rows:
            yield report.cells(row)
        if after is None:
            return
        rows, after = await report.fetch_page(context, args, MAX_PAGE, after)


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def filename(name: str, a: Arguments) -> str:
    """The attachment's name, e.g. predikat-distribution-2025.csv, predikat-distribution-2025-DISDIK-unit.csv,
    satisfaction-by-group-2025-age_band.csv, predikat-trend-2025-Q1-2025-Q4.csv: the report's periods, the agency,
    the grouping when it is not by agency (unit, age_band, sex, ...); only validated values, only [A-Za-z0-9._-]."""
    report = registry.REPORTS[name]
    parts = [name, *(getattr(a, argument.field) or "" for argument in _PERIODS if report.takes(argument.field))]
    code = (a.agency or "").strip().upper()
    if CODE_RE.match(code):
        parts.append(code)
    group = (a.group_by or "").strip().upper()
    if group and group != AGENCY and CODE_RE.match(group):
        parts.append(group.lower())
    return "-".join(p for p in (_SAFE.sub("", part.strip()) for part in parts) if p) + ".csv"


# ---- cells and writers -----------------------------------------------------------------------------------------

def _number(value: float) -> str:
    """A float with 2 decimals, halves up (from its shortest decimal form)."""
    return str(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def text(value: Any) -> str:
    """A cell as text: numbers plainly (floats with 2 decimals), lists joined, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(text(v) for v in value)
    return str(value)


def csv_cell(value: Any) -> str:
    """A CSV cell: text cells a spreadsheet would take for a formula are prefixed with an apostrophe."""
    cell = text(value)
    if isinstance(value, (str, list, tuple)) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_line(values: Sequence[Any], *, header: bool = False) -> str:
    out = io.StringIO()
    csv.writer(out).writerow(list(values) if header else [csv_cell(v) for v in values])
    return out.getvalue()


async def csv_chunks(table: Table, rows_per_chunk: int = 500) -> AsyncIterator[str]:
    """The CSV text: the header line, then the rows a few hundred at a time."""
    yield csv_line(table.header, header=True)
    buffer: list[str] = []
    async for row in table.rows:
        buffer.append(csv_line(row))
        if len(buffer) >= rows_per_chunk:
            yield "".join(buffer)
            buffer = []
    if buffer:
        yield "".join(buffer)


async def aligned(table: Table) -> str:
    """The table as aligned text: a header, a rule, one line per row; numbers right-aligned."""
    rows = [row async for row in table.rows]
    cells = [list(table.header), *([text(v) for v in row] for row in rows)]
    numeric = [all(isinstance(row[i], (int, float)) and not isinstance(row[i], bool) for row in rows) and bool(rows)
               for i in range(len(table.header))]
    widths = [max(len(line[i]) for line in cells) for i in range(len(table.header))]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    out = [line(cells[0]), "  ".join("-" * w for w in widths), *(line(c) for c in cells[1:])]
    return "\n".join(out) + "\n"
