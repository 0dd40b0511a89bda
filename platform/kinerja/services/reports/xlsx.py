"""The XLSX writer of the exports: a report's table (services/reports/export.py) or a monitoring list
(services/reports/monitoring_export.py) as one worksheet, the rows the CSV writes, only written differently.

openpyxl's write-only mode: each row goes to the worksheet's temporary file as it comes, so a large export holds
one page of rows in memory, not the whole table; the workbook is then zipped into a temporary file (in a thread,
off the event loop) and sent from there a chunk at a time.

The sheet: the Indonesian headers of services/reports/labels.py in a bold first row that is frozen and carries an
autofilter; enum values as their labels and yes/no as Ya/Tidak (labels.value); integers as integer cells, other
numbers as numbers with their column's format (labels.NUMBER_FORMATS, else two decimals); dates and times as date
cells; every text as a text cell, never a formula: a text that starts like one (= + - @) is stored as text with
the quote prefix, so that editing the cell does not turn it into a formula either. Characters XML cannot hold
(control characters other than tab and line breaks) are dropped.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, AsyncIterator, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from kinerja.services.reports import labels

if TYPE_CHECKING:
    from kinerja.services.reports import export, monitoring_export

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@")
INTEGER_FORMAT = "0"
DECIMAL_FORMAT = "0.00"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
CHUNK = 64 * 1024  # bytes of the file sent at a time
MAX_WIDTH = 60  # the widest column, in characters
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def safe_title(title: str) -> str:
    """A worksheet title a spreadsheet takes: no []:*?/\\, at most 31 characters."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip() or "Data"
    return cleaned[:31]


class Sheet:
    """One worksheet written row by row: `append` the rows (values in the headers' order), then `finish`."""

    def __init__(self, title: str, headers: Sequence[str], formats: Sequence[str | None] = (),
                 document_title: str | None = None):
        self.workbook = Workbook(write_only=True)
        if document_title:
            self.workbook.properties.title = document_title
        self.sheet = self.workbook.create_sheet(safe_title(title))
        self.columns = len(headers)
        self.formats = list(formats) + [None] * (self.columns - len(formats))
        self.rows = 0
        for i, text in enumerate(headers, 1):  # widths before any row (a write-only sheet's rule)
            self.sheet.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, max(10, len(text) + 4))
        self.sheet.freeze_panes = "A2"
        self.sheet.append([self._header(text) for text in headers])

    def _header(self, text: str) -> WriteOnlyCell:
        cell = self._text(text)
        cell.font = _BOLD
        cell.alignment = _WRAP
        return cell

    def _text(self, text: str) -> WriteOnlyCell:
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
        cell = WriteOnlyCell(self.sheet, value=text)
        cell.data_type = "s"  # never a formula, whatever it starts with
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # and editing it keeps it text
        return cell

    def cell(self, value: Any, number_format: str | None = None) -> WriteOnlyCell | None:
        """A value as its cell (None: an empty cell)."""
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return self._text(labels.BOOLEAN[value])
        if isinstance(value, int):
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.number_format = number_format or INTEGER_FORMAT
            return cell
        if isinstance(value, (float, Decimal)):
            cell = WriteOnlyCell(self.sheet, value=float(value))
            cell.number_format = number_format or DECIMAL_FORMAT
            return cell
        if isinstance(value, dt.datetime):
            cell = WriteOnlyCell(self.sheet, value=value.replace(tzinfo=None) if value.tzinfo else value)
            cell.number_format = DATETIME_FORMAT
            return cell
        if isinstance(value, dt.date):
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.number_format = DATE_FORMAT
            return cell
        return self._text(str(value))

    def append(self, values: Sequence[Any]) -> None:
        self.sheet.append([self.cell(v, f) for v, f in zip(values, self.formats)])
        self.rows += 1

    def discard(self) -> None:
        """Give the sheet up (a list refused part way): its temporary file closed and removed."""
        try:
            self.sheet.close()
        except Exception:  # noqa: BLE001 (already closed or never written: nothing is left either way)
            pass

    def finish(self) -> IO[bytes]:
        """The workbook as a temporary file, read from its start (the caller closes it)."""
        last = get_column_letter(max(self.columns, 1))
        self.sheet.auto_filter.ref = f"A1:{last}{self.rows + 1}"
        out = tempfile.TemporaryFile()
        try:
            self.workbook.save(out)
        except BaseException:
            out.close()
            raise
        out.seek(0)
        return out


async def write(sheet: Sheet, rows: AsyncIterator[Sequence[Any]] | Iterable[Sequence[Any]]) -> IO[bytes]:
    """Every row into the sheet, then the file (zipped in a thread)."""
    if hasattr(rows, "__aiter__"):
        async for row in rows:  # type: ignore[union-attr]
            sheet.append(row)
    else:
        for row in rows:  # type: ignore[union-attr]
            sheet.append(row)
    return await asyncio.to_thread(sheet.finish)


async def chunks(file: IO[bytes]) -> AsyncIterator[bytes]:
    """The file's bytes a chunk at a time; the file is closed at the end (or when the client goes away)."""
    try:
        while True:
            chunk = await asyncio.to_thread(file.read, CHUNK)
            if not chunk:
                return
            yield chunk
    finally:
        file.close()


def report_sheet(report_name: str, columns: Sequence[str]) -> Sheet:
    """The sheet of a registry report: its headers and number formats by labels."""
    return Sheet(labels.SHEET_TITLES.get(report_name, report_name),
                 [_header(report_name, c) for c in columns],
                 [labels.NUMBER_FORMATS.get(c) for c in columns])


def _header(report_name: str, column: str) -> str:
    """The column's Indonesian header; a column without one (a report registered by a test) by its name."""
    try:
        return labels.header(report_name, column)
    except KeyError:
        return column


async def report_rows(columns: Sequence[str], rows: AsyncIterator[list[Any]]) -> AsyncIterator[list[Any]]:
    """A report's CSV cells (report.cells) as the XLSX shows them (labels.value)."""
    async for row in rows:
        yield [labels.value(c, v) for c, v in zip(columns, row)]


def filename(csv_name: str) -> str:
    """The XLSX's name beside the CSV's: predikat-distribution-2025.csv -> predikat-distribution-2025.xlsx."""
    return (csv_name[:-4] if csv_name.endswith(".csv") else csv_name) + ".xlsx"


async def report_file(table: "export.Table") -> IO[bytes]:
    """A report's table (export.build: the CSV's rows) as an XLSX file."""
    columns = table.header
    return await write(report_sheet(table.report.name, columns), report_rows(columns, table.rows))


async def monitoring_file(done: "monitoring_export.Export") -> IO[bytes]:
    """A monitoring list (monitoring_export.export: the CSV's rows) as an XLSX file; its headers are Indonesian
    already."""
    sheet = Sheet(labels.MONITORING_SHEET, done.header, document_title=done.title or None)
    return await write(sheet, done.rows)
