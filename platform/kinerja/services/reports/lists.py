"""The console's lists as files: the objections, the audit trail, a person's work log, the development plans of a
cycle (every action, with its plan) and the measurements of a cycle (a person's SKP targets with their measurements,
or every measurement in scope), each as CSV or, the same rows, as XLSX (services/reports/xlsx.py), for whoever sees
the list on its page and with that page's scope.

Each list is an entry of LISTS: its parameters (the query string's; `required` among them), its columns and a
`read` that checks the parameters through the list's own service, the one its page's query calls, and answers the
rows a page at a time. The CSV's header is the columns' names and its cells the raw values (codes, ISO dates and
times in WIB), as the reports' CSVs are, for scripts; the XLSX's headers, enum labels and the audit trail's words
are Indonesian by the one mapping of services/reports/labels.py.

A file is written whole to a temporary file before anything is sent, so that a list longer than MAX_ROWS is a
refusal naming the limit (KINERJA_EXPORT_MAX_ROWS) and how to narrow the list (EXPORT_TOO_LARGE), never a file
silently cut short, and a problem found on a later page is a refusal too, never half a file. The first page is read before the temporary
file is opened: an unusable or unseen argument is the list's own BadArgument (NOT_FOUND for what the viewer may not
see, exactly as for what does not exist) or AccessDenied.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import tempfile
from dataclasses import dataclass
from typing import IO, Any, AsyncIterator, Awaitable, Callable, Mapping, Sequence

from kinerja.services.core import clock
from kinerja.services.core.access import Access
from kinerja.services.core.audit_trail import PAGE_MAX, TrailFilter, event_pages
from kinerja.services.core.errors import BadArgument
from kinerja.services.evaluation import development
from kinerja.services.evaluation import objections as objection_service
from kinerja.services.reports import impact, labels, xlsx
from kinerja.services.reports.export import csv_line
from kinerja.services.skp import measurement_list, work_log

MAX_ROWS = 100_000  # rows a file holds by default (KINERJA_EXPORT_MAX_ROWS; an XLSX sheet holds 1,048,576)
PAGE = 500  # rows a statement reads
MAX_VALUE = 100  # characters of a parameter

Rows = AsyncIterator[Sequence[Any]]


@dataclass(frozen=True)
class ConsoleList:
    name: str  # the address's: /exports/<name>.csv
    parameters: tuple[str, ...]
    required: tuple[str, ...]
    columns: tuple[str, ...]
    read: Callable[..., Awaitable[Rows]]  # (access, values, **its `needs`)
    words: Callable[[Mapping[str, str]], Sequence[str]]  # the file name's parts after the list's name
    needs: tuple[str, ...] = ()  # the settings' values `read` takes besides (write's keyword arguments)


def too_large(limit: int) -> BadArgument:
    """The refusal of a list longer than a file holds."""
    return BadArgument("rows", f"the list has more than {limit} rows; narrow it (a period, an agency, dates) and "
                               "export again", "EXPORT_TOO_LARGE", params={"limit": limit})


def _wib(at: dt.datetime | None) -> dt.datetime | None:
    """A stored instant in the platform's time zone, to the second."""
    if at is None:
        return None
    at = at if at.tzinfo else at.replace(tzinfo=dt.timezone.utc)
    return at.astimezone(clock.WIB).replace(microsecond=0)


def _year(values: Mapping[str, str], name: str = "cycle") -> int:
    text = values.get(name, "").strip()
    if not re.fullmatch(r"\d{4}", text):
        raise BadArgument(name, f"{name} must be a year (4 digits), got {text!r}")
    return int(text)


def _day(values: Mapping[str, str], name: str) -> dt.date:
    text = values.get(name, "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:  # 2025-13-01
            pass
    raise BadArgument(name, f"{name} must be a date (YYYY-MM-DD), got {text!r}")


def _optional(values: Mapping[str, str], name: str) -> str | None:
    return values.get(name, "").strip() or None


async def _first_then_rest(pages: AsyncIterator[Sequence[Any]], row: Callable[[Any], Sequence[Any]],
                           prepare: Callable[[Sequence[Any]], Awaitable[Any]] | None = None) -> Rows:
    """The rows of `pages`; the first page is read now (its checks raise here), the rest as they are written."""
    first = await anext(pages, None)

    async def rows() -> Rows:
        page = first
        while page is not None:
            context = await prepare(page) if prepare else None
            for item in page:
                yield row(item) if prepare is None else row((item, context))
            page = await anext(pages, None)

    return rows()


# -- objections (#/keberatan) -----------------------------------------------------------------------------------

async def _objections(access: Access, values: Mapping[str, str]) -> Rows:
    pages = objection_service.objection_pages(access, PAGE, _optional(values, "period"), _optional(values, "agency"),
                                              _optional(values, "status"))

    def row(pair: tuple[Any, objection_service.Shown]) -> list[Any]:
        o, seen = pair
        person = seen.people.get(o.person_id)
        return [o.id, person.nip if person else None, person.name if person else None, seen.agencies[o.agency_id],
                o.period, o.old_predikat, o.new_predikat, o.status, _wib(o.filed_at), _wib(o.decided_at)]

    return await _first_then_rest(pages, row, lambda page: objection_service.shown_with(access, page))


# -- the audit trail (#/jejak-audit) ------------------------------------------------------------------------------

async def _audit_events(access: Access, values: Mapping[str, str]) -> Rows:
    wanted = TrailFilter(agency=_optional(values, "agency"), entity=_optional(values, "entity"),
                         entity_id=_optional(values, "entityId"), action=_optional(values, "action"),
                         actor=_optional(values, "actor"),
                         since=_day(values, "from") if _optional(values, "from") else None,
                         until=_day(values, "to") if _optional(values, "to") else None)
    return await _first_then_rest(event_pages(access, wanted, min(PAGE, PAGE_MAX)), lambda e: [
        _wib(e.at), e.actor, e.action, e.entity, e.entity_id])


# -- a person's work log (#/catatan-kerja) ------------------------------------------------------------------------

async def _work_log(access: Access, values: Mapping[str, str]) -> Rows:
    start, end = _day(values, "from"), _day(values, "to")
    pages = work_log.work_log_pages(access, values.get("nip", ""), start, end, PAGE)
    first = await anext(pages)  # the range and the person are checked here
    person = await work_log.person_in_reach(access, values.get("nip", ""))
    results = await work_log.item_results(person.id, range(start.year, end.year + 1))

    async def rows() -> Rows:
        page: Sequence[work_log.StoredEntry] | None = first
        while page is not None:
            for e in page:
                yield [person.nip, person.name, e.day, e.item_key, results.get((e.day.year, e.item_key or "")),
                       e.text, e.minutes, e.evidence_url, _wib(e.recorded_at)]
            page = await anext(pages, None)

    return rows()


# -- measurements (#/person/<nip>: the SKP targets of a cycle and their measurements) ------------------------------

async def _measurements(access: Access, values: Mapping[str, str]) -> Rows:
    pages = measurement_list.measurement_pages(access, _year(values), PAGE, _optional(values, "nip"),
                                               _optional(values, "period"), _optional(values, "agency"))
    return await _first_then_rest(pages, lambda r: [
        r.nip, r.name, r.agency, r.work_result, r.indicator, r.indicator_name, r.unit, r.target, r.lower, r.upper,
        r.period, r.value, r.achievement, r.suggested_rating, r.evidence_url, r.spec_version, _wib(r.recorded_at)])


# -- development plans (#/pengembangan/<nip>/<cycle>; issue 23) --------------------------------------------------------

async def _development_plans(access: Access, values: Mapping[str, str]) -> Rows:
    pages = development.action_pages(access, _year(values), PAGE, _optional(values, "nip"),
                                     _optional(values, "agency"))

    def row(r: development.ListedAction) -> list[Any]:
        a = r.action
        return [r.nip, r.name, r.agency, r.cycle, r.plan_status, r.required_by, a.position, a.kind, a.title,
                a.competency, a.planned_hours, a.due, a.responsible, a.source, a.source_period, a.status,
                a.hours_done, a.completed_on, a.evidence_number, a.evidence_url]

    return await _first_then_rest(pages, row)


LISTS: Mapping[str, ConsoleList] = {c.name: c for c in (
    ConsoleList("objections", ("period", "agency", "status"), (),
                ("objection", "nip", "name", "agency", "period", "oldPredikat", "newPredikat", "objectionStatus",
                 "filedAt", "decidedAt"),
                _objections, lambda v: (v.get("period", ""), v.get("agency", ""), v.get("status", ""))),
    ConsoleList("audit-events", ("agency", "entity", "entityId", "action", "actor", "from", "to"), (),
                ("at", "actor", "action", "entity", "entityId"),
                _audit_events, lambda v: (v.get("agency", ""), v.get("entity", ""), v.get("from", ""),
                                          v.get("to", ""))),
    ConsoleList("work-log", ("nip", "from", "to"), ("nip", "from", "to"),
                ("nip", "name", "day", "itemKey", "workResult", "text", "minutes", "evidenceUrl", "recordedAt"),
                _work_log, lambda v: (v.get("nip", ""), v.get("from", ""), v.get("to", ""))),
    ConsoleList("measurements", ("cycle", "nip", "period", "agency"), ("cycle",),
                ("nip", "name", "agency", "workResult", "indicator", "indicatorName", "indicatorUnit", "target",
                 "targetLower", "targetUpper", "period", "value", "achievement", "suggestedRating", "evidenceUrl",
                 "specVersion", "recordedAt"),
                _measurements, lambda v: (v.get("cycle", ""), v.get("period", ""), v.get("nip", ""),
                                          v.get("agency", ""))),
    ConsoleList("development-plans", ("cycle", "nip", "agency"), ("cycle",),
                ("nip", "name", "agency", "cycle", "planStatus", "requiredBy", "actionNo", "actionKind",
                 "actionTitle", "competency", "plannedHours", "due", "responsible", "actionSource", "sourcePeriod",
                 "actionStatus", "hoursDone", "completedOn", "evidenceNumber", "evidenceUrl"),
                _development_plans, lambda v: (v.get("cycle", ""), v.get("nip", ""), v.get("agency", ""))),
    # an agency's impact (#/dampak/<agency>; issue 23 §3): a row a year for the agency and each unit
    ConsoleList("impact", ("agency", "from", "to", "unit"), ("agency", "from", "to"), tuple(impact.COLUMNS),
                lambda access, values, minimum_hours: impact.impact_rows(access, values, minimum_hours),
                lambda v: (v.get("agency", ""), v.get("unit", ""), v.get("from", ""), v.get("to", "")),
                needs=("minimum_hours",)),
)}

# the file names' words (Indonesian: the files are read by the people who act on the lists)
FILE_WORDS = {"objections": "keberatan", "audit-events": "jejak-audit", "work-log": "catatan-kerja",
              "measurements": "capaian", "development-plans": "rencana-pengembangan", "impact": "dampak"}
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Written:
    file: IO[bytes]  # read from its start; the caller closes it
    filename: str
    rows: int


def check(name: str, values: Mapping[str, str]) -> ConsoleList:
    """The list, with its required parameters given (BadArgument naming the first missing one)."""
    found = LISTS[name]
    for required in found.required:
        if not values.get(required, "").strip():
            raise BadArgument(required, f"{required} must not be empty", "REQUIRED", params={"field": required})
    return found


def filename(console_list: ConsoleList, values: Mapping[str, str], ending: str) -> str:
    """e.g. catatan-kerja-199001012015011001-2026-11-30-2026-12-06.csv: the list's word, then its arguments (only
    [A-Za-z0-9._-]); a list of no argument says the day it was made."""
    parts = [_SAFE.sub("", p.strip()) for p in console_list.words(values)]
    parts = [p for p in parts if p] or [clock.today().isoformat()]
    return "-".join([FILE_WORDS[console_list.name], *parts]) + ending


async def write(access: Access, name: str, values: Mapping[str, str], as_xlsx: bool,
                max_rows: int = MAX_ROWS, **settings: Any) -> Written:
    """The list as a file: the parameters checked, every row read and written, at most `max_rows` of them
    (settings.export_max_rows); `settings`: the values a list needs (ConsoleList.needs, e.g. minimum_hours)."""
    console_list = check(name, values)
    rows = await console_list.read(access, values, **{n: settings[n] for n in console_list.needs})
    if as_xlsx:
        sheet = xlsx.report_sheet(name, console_list.columns)
        try:
            await _fill(rows, max_rows, sheet.append,
                        lambda row: [labels.value(c, v) for c, v in zip(console_list.columns, row)])
        except BaseException:
            sheet.discard()
            raise
        file = await asyncio.to_thread(sheet.finish)
        return Written(file, filename(console_list, values, ".xlsx"), sheet.rows)
    file = tempfile.TemporaryFile()
    try:
        file.write(csv_line(console_list.columns, header=True).encode())
        count = await _fill(rows, max_rows, lambda line: file.write(line), lambda row: csv_line(row).encode())
    except BaseException:
        file.close()
        raise
    file.seek(0)
    return Written(file, filename(console_list, values, ".csv"), count)


async def _fill(rows: Rows, max_rows: int, put: Callable[[Any], Any], shape: Callable[[Sequence[Any]], Any]) -> int:
    count = 0
    async for row in rows:
        count += 1
        if count > max_rows:
            raise too_large(max_rows)
        put(shape(row))
    return count
