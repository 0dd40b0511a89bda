"""Report exports: each report as a table (header and rows), written as CSV (HTTP and CLI alike) or aligned text.

The same rows the GraphQL queries give, through the same scoped services. CSV is RFC 4180 (comma, double quotes,
CRLF) in UTF-8 with a header row. A text cell that a spreadsheet would read as a formula (starting with = + - @,
or a tab or carriage return) gets a leading apostrophe; numbers are written as numbers. Follow-ups are read a
page at a time, so an export holds every row without holding them all at once.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, AsyncIterator, Iterable, Mapping, Sequence

from kinerja.services.evaluation import curve
from kinerja.services import reports
from kinerja.services.core.access import Access
from kinerja.services.org.agencies import CODE_RE
from kinerja.services.core.errors import BadArgument
from kinerja.services.evaluation.ratings import info_of_loaded, rating_info, ratings_by_keys, recommendations
from kinerja.services.reports.follow_ups import MAX_PAGE

LIST_SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Arguments:
    """What a report is asked for; None is "not given"."""

    period: str | None = None
    group_by: str | None = None
    agency: str | None = None
    from_period: str | None = None
    to_period: str | None = None


ARGUMENTS = tuple(f.name for f in fields(Arguments))
# the services' argument names (GraphQL's) -> the fields above
_SERVICE_ARGUMENTS = {"period": "period", "groupBy": "group_by", "agency": "agency", "fromPeriod": "from_period",
                      "toPeriod": "to_period"}


@dataclass(frozen=True)
class Report:
    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    header: tuple[str, ...]


_DISTRIBUTION = ("group", "label", "total", "sangatBaik", "baik", "butuhPerbaikan", "kurangMisconduct",
                 "sangatKurang", "orgPredikat", "curveWarnings")
REPORTS: dict[str, Report] = {r.name: r for r in (
    Report("predikat-distribution", ("period",), ("group_by", "agency"), _DISTRIBUTION),
    Report("indicator-achievement", ("period",), ("agency",),
           ("agency", "indicator", "measurements", "averageAchievement", "meetingTarget")),
    Report("satisfaction-by-group", ("period",), ("group_by", "agency"),
           ("group", "label", "period", "respondents", "index", "grade", "gradeLabel", "requiredSample",
            "sufficientSample", *(f"u{i}" for i in range(1, 10)))),
    Report("predikat-trend", ("from_period", "to_period"), ("agency",), _DISTRIBUTION),
    Report("follow-ups", ("period",), ("agency",),
           ("nip", "name", "position", "agency", "unit", "period", "predikat", "resultRating", "behaviorRating",
            "recommendations")),
)}


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
    report = REPORTS[name]
    for field in report.required:
        if not (getattr(args, field) or "").strip():
            raise ExportError(field, f"{{name}} is required for {name}")
    for field in ARGUMENTS:
        if getattr(args, field) is not None and field not in (*report.required, *report.optional):
            raise ExportError(field, f"{{name}} does not apply to {name}")
    return report


async def build(access: Access, catalog: Any, rules: curve.CurveRules, name: str, args: Arguments) -> Table:
    """The report's table for this viewer. AccessDenied for a viewer who may not read reports, ExportError for a
    bad argument (checked here, before any row is written), KeyError for an unknown report."""
    report = REPORTS[name]
    reports.require_reader(access)
    check_arguments(name, args)
    try:
        rows = await _rows(access, catalog, rules, report, args)
    except BadArgument as exc:
        raise ExportError.from_bad_argument(exc) from None
    return Table(report, rows, filename(name, args))


async def _listed(rows: Iterable[list[Any]]) -> AsyncIterator[list[Any]]:
    for row in rows:
        yield row


def _distribution(row: reports.DistributionRow) -> list[Any]:
    c = row.counts
    return [row.group, row.label, row.total, c["SANGAT_BAIK"], c["BAIK"], c["BUTUH_PERBAIKAN"],
            c["KURANG_MISCONDUCT"], c["SANGAT_KURANG"], row.org_predikat, list(row.curve_warnings)]


async def _rows(access: Access, catalog: Any, rules: curve.CurveRules, report: Report, a: Arguments
                ) -> AsyncIterator[list[Any]]:
    group = a.group_by or reports.AGENCY
    if report.name == "predikat-distribution":
        found = await reports.predikat_distribution(access, a.period, group, rules, a.agency)
        return _listed(_distribution(r) for r in found)
    if report.name == "predikat-trend":
        found = await reports.predikat_trend(access, a.agency, a.from_period, a.to_period, rules)
        return _listed(_distribution(r) for r in found)
    if report.name == "indicator-achievement":
        found = await reports.indicator_achievement(access, a.period, a.agency)
        return _listed([r.agency, r.indicator, r.measurements, r.average_achievement, r.meeting_target]
                       for r in found)
    if report.name == "satisfaction-by-group":
        found = await reports.satisfaction_by_group(access, a.period, group, a.agency)
        return _listed([r.group, r.label, i.period, i.respondents, i.index, i.grade, i.label, i.required_sample,
                        i.sufficient_sample, *i.element_averages] for r in found for i in (r.index,))
    # follow-ups: the first page now (it checks the arguments), the others as the rows are written
    period = reports.check_period(a.period)
    first = await reports.follow_ups(access, period, a.agency, MAX_PAGE)
    return _follow_up_rows(access, catalog, period, a.agency, first)


async def _follow_up_rows(access: Access, catalog: Any, period: str, agency: str | None,
                          page: reports.FollowUpPage) -> AsyncIterator[list[Any]]:
    while True:
        found = await ratings_by_keys([(p.id, period) for p in page.people])
        for person in page.people:
            rating = found.get((person.id, period))
            if rating is None:  # reopened since the page was read
                continue
            info = info_of_loaded(rating)
            yield [person.nip, person.name, person.position, info.agency, info.unit, period, rating.predikat,
                   rating.result_rating, rating.behavior_rating,
                   recommendations(catalog, info, rating_info(rating))]
        if not page.has_next or not page.people:
            return
        last = page.people[-1]
        page = await reports.follow_ups(access, period, agency, MAX_PAGE, (last.name, last.id))


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def filename(name: str, a: Arguments) -> str:
    """The attachment's name, e.g. predikat-distribution-2025.csv, predikat-distribution-2025-DISDIK-unit.csv,
    predikat-trend-2025-Q1-2025-Q4.csv: only validated values, only [A-Za-z0-9._-]."""
    parts = [name]
    if name == "predikat-trend":
        parts += [a.from_period or "", a.to_period or ""]
    else:
        parts.append(a.period or "")
    code = (a.agency or "").strip().upper()
    if CODE_RE.match(code):
        parts.append(code)
    if (a.group_by or "").strip().upper() == reports.UNIT:
        parts.append("unit")
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
