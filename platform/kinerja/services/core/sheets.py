"""Reading a CSV or XLSX file of rows for an import (services/org/people_import.py, services/skp/targets_import.py):
what kind of file it is, its rows as text by the columns its header names, and its digest. What the columns are is
the importer's `Layout`; everything else here is the same for every import.

The first row that is not empty names the columns, by the layout's names or aliases (case, spaces and hyphens do not
matter). CSV is UTF-8 (a BOM is skipped), comma- or semicolon-separated (Excel writes ";" in an Indonesian locale);
XLSX is read with openpyxl in read-only mode, values only (a formula reads as its cached value, external links are
not loaded), the first sheet. Hostile files are refused before they cost much: at most MAX_FILE_BYTES, at most
MAX_ROWS rows of data (MAX_SCANNED_ROWS counting empty ones), a workbook that unpacks to at most
MAX_UNZIPPED_BYTES in at most MAX_ZIP_ENTRIES parts (a zip bomb is refused before openpyxl reads it); XML entity
expansion is bounded by expat itself. A file that cannot be read at all is an InputError with one problem at
("file",); a cell that cannot be used is a problem of its row ("input", <index>, <column>).
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterator, Mapping, Sequence

from kinerja.services.core.errors import InputError, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000  # rows of data, the header not counted
MAX_SCANNED_ROWS = 2 * MAX_ROWS  # rows read at all, empty ones included
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
MAX_HEADER_CELLS = 100
MAX_FILENAME = 255

CSV, XLSX = "csv", "xlsx"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPES = ("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel")
# a text cell a spreadsheet would take for a formula: written with a leading apostrophe (as services/reports/export.py
# writes its CSV), which the import drops again, as a spreadsheet does
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .xls workbook (and other OLE2 files)


@dataclass(frozen=True)
class Layout:
    """An import's columns: their order, the header names each is known by, those the header must name, how the
    header problems describe them, the NIP columns (a NIP typed as a number loses digits) and a cell's limit."""

    columns: tuple[str, ...]
    aliases: Mapping[str, str]  # a header cell, lowercased with every other run of characters as "_" -> its column
    required: tuple[str, ...]
    expected: str  # the columns as a header problem lists them
    nip_columns: tuple[str, ...] = ()
    max_field: int = 1000
    no_rows: Mapping[str, str] | None = None  # params of NO_ROWS (what rows the file should hold)


def file_problem(code: str, message: str, params: dict | None = None) -> InputError:
    """A file that cannot be read at all (its one problem is at ("file",))."""
    return InputError([Problem(("file",), code, message, params)])


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class SheetRow:
    line: int  # the CSV line or the sheet row where the row begins
    values: dict[str, str]  # column -> the cell's text as read (the columns of the header)
    problems: list[Problem] = field(default_factory=list)  # what reading found wrong in a cell or the row


@dataclass
class Sheet:
    kind: str
    columns: tuple[str, ...]  # the columns the header names, in the layout's order
    rows: list[SheetRow]


def kind_of(filename: str, media_type: str | None, data: bytes) -> str:
    """CSV or XLSX: a zip archive is read as XLSX whatever it is called; else the media type, else the name's
    extension decides."""
    if data.startswith(_ZIP_MAGIC):
        return XLSX
    media = (media_type or "").split(";", 1)[0].strip().lower()
    if media == XLSX_MEDIA_TYPE:
        return XLSX
    if media in CSV_MEDIA_TYPES:
        return CSV
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if media in ("", "application/octet-stream") and extension in (CSV, XLSX):
        return extension
    raise file_problem("UNSUPPORTED_FILE_TYPE", f"{filename} is neither a .csv nor an .xlsx file "
                                                f"(Content-Type {media or 'none'})", {"filename": filename})


def too_large() -> InputError:
    return file_problem("FILE_TOO_LARGE", f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB",
                        {"megabytes": MAX_FILE_BYTES // (1024 * 1024)})


def read_sheet(layout: Layout, kind: str, filename: str, data: bytes) -> Sheet:
    """The file's rows, or an InputError at ("file",) when it cannot be read at all (synchronous: run it in a
    thread, openpyxl takes a while for a large workbook)."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large()
    table = _csv_table(filename, data) if kind == CSV else _xlsx_table(filename, data)
    return _sheet(layout, kind, table)


async def read(layout: Layout, filename: str, data: bytes, media_type: str | None) -> Sheet:
    """read_sheet in a thread, once the kind is known and the size is within the limit."""
    kind = kind_of(filename, media_type, data)
    if len(data) > MAX_FILE_BYTES:  # before a thread is started
        raise too_large()
    return await asyncio.to_thread(read_sheet, layout, kind, filename, data)


def _csv_table(filename: str, data: bytes) -> Iterator[tuple[int, list[Any]]]:
    if data.startswith(_OLE_MAGIC):
        raise file_problem("NOT_A_SPREADSHEET", f"{filename} is not a CSV text or an XLSX workbook (an old .xls "
                                                "workbook: save it as .xlsx)", {"filename": filename})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise file_problem("NOT_A_SPREADSHEET", f"{filename} is not UTF-8 text (byte {exc.start + 1})",
                           {"filename": filename, "byte": exc.start + 1}) from None
    if "\x00" in text:
        raise file_problem("NOT_A_SPREADSHEET", f"{filename} is not a CSV text or an XLSX workbook (it holds NUL "
                                                "bytes)", {"filename": filename})
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    try:
        for cells in reader:
            yield line, [_unquoted(c) for c in cells]
            line = reader.line_num + 1
    except csv.Error as exc:
        raise file_problem("CSV_MALFORMED", f"line {reader.line_num} cannot be read as CSV: {exc}",
                           {"line": reader.line_num}) from None


def _unquoted(cell: str) -> str:
    """A cell as a spreadsheet reads it: "'=x" is the text "=x"."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _xlsx_table(filename: str, data: bytes) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook  # imported when a workbook comes: the rest of the app never needs it

    not_xlsx = f"{filename} is not a CSV text or an XLSX workbook"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise file_problem("NOT_A_SPREADSHEET", f"{not_xlsx}: {exc}", {"filename": filename}) from None
    # a part's declared size bounds what zipfile will inflate of it (it stops there and fails the CRC)
    if len(parts) > MAX_ZIP_ENTRIES or sum(p.file_size for p in parts) > MAX_UNZIPPED_BYTES:
        raise file_problem("FILE_TOO_LARGE", f"the workbook unpacks to more than "
                                             f"{MAX_UNZIPPED_BYTES // (1024 * 1024)} MiB (or more than "
                                             f"{MAX_ZIP_ENTRIES} parts)",
                           {"unzipped": MAX_UNZIPPED_BYTES // (1024 * 1024)})
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False, keep_vba=False)
    except Exception as exc:  # openpyxl raises many kinds for a zip that is no workbook (KeyError, InvalidFile...)
        raise file_problem("NOT_A_SPREADSHEET", f"{not_xlsx}: {type(exc).__name__}: {exc}",
                           {"filename": filename}) from None
    try:
        if not book.worksheets:
            raise file_problem("NOT_A_SPREADSHEET", f"{not_xlsx}: it has no worksheet", {"filename": filename})
        sheet = book.worksheets[0]
        try:
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(cells)
        except InputError:
            raise
        except Exception as exc:  # a damaged sheet part (bad XML, a bad cell type)
            raise file_problem("NOT_A_SPREADSHEET", f"{not_xlsx}: {type(exc).__name__}: {exc}",
                               {"filename": filename}) from None
    finally:
        book.close()


def header_name(value: Any) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(value if value is not None else "").strip().lower()).strip("_")


def _sheet(layout: Layout, kind: str, table: Iterator[tuple[int, list[Any]]]) -> Sheet:
    header: list[str | None] | None = None
    rows: list[SheetRow] = []
    scanned = 0
    for line, cells in table:
        if header is None:
            if any(text(v).strip() for v in cells):  # the first row that is not empty names the columns
                header = _header(layout, cells)
            continue
        scanned += 1
        texts = [text(v) for v in cells]
        if all(not t.strip() for t in texts):
            if scanned > MAX_SCANNED_ROWS:
                raise file_problem("TOO_MANY_ROWS", f"more than {MAX_ROWS} rows", {"limit": MAX_ROWS})
            continue
        if len(rows) >= MAX_ROWS or scanned > MAX_SCANNED_ROWS:
            raise file_problem("TOO_MANY_ROWS", f"more than {MAX_ROWS} rows", {"limit": MAX_ROWS})
        rows.append(_row(layout, len(rows), line, header, cells, texts))
    if header is None or not rows:
        raise file_problem("NO_ROWS", "the file has no rows to import below its header row",
                           dict(layout.no_rows) if layout.no_rows else None)
    return Sheet(kind, tuple(c for c in layout.columns if c in header), rows)


def _header(layout: Layout, cells: Sequence[Any]) -> list[str | None]:
    """The column of each header cell (None: an empty cell); every problem of the header at once."""
    names = [header_name(v) for v in cells[:MAX_HEADER_CELLS + 1]]
    while names and not names[-1]:
        names.pop()
    columns = [layout.aliases.get(n) if n else None for n in names]
    unknown = [str(cells[i]).strip() for i, n in enumerate(names) if n and columns[i] is None]
    seen: set[str] = set()
    duplicate = sorted({c for c in columns if c is not None and (c in seen or seen.add(c))})
    missing = [c for c in layout.required if c not in columns]
    expected = layout.expected
    problems = []
    if missing:
        problems.append(Problem(("file",), "BAD_HEADER", f"missing column(s) {', '.join(missing)}; columns are "
                                                         f"{expected}", {"missing": missing, "expected": expected}))
    if unknown:
        problems.append(Problem(("file",), "BAD_HEADER", f"unknown column(s) {', '.join(unknown[:10])}; columns are "
                                                         f"{expected}", {"unknown": unknown[:10], "expected": expected}))
    if duplicate:
        problems.append(Problem(("file",), "BAD_HEADER", f"column {', '.join(duplicate)} is given more than once",
                                {"duplicate": duplicate}))
    if problems:
        raise InputError(problems)
    return columns


def text(value: Any) -> str:
    """A cell's value as the text a spreadsheet shows."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return str(int(value))
    if isinstance(value, float) and value.is_integer():  # beyond 2**53: as a spreadsheet shows it (15 digits)
        return str(int(Decimal(f"{value:.15g}")))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _row(layout: Layout, index: int, line: int, header: list[str | None], cells: Sequence[Any],
         texts: list[str]) -> SheetRow:
    row = SheetRow(line, {})
    outside = 0
    limit = layout.max_field
    for i, found in enumerate(texts):
        column = header[i] if i < len(header) else None
        if column is None:
            outside += bool(found.strip())
            continue
        path = ("input", str(index), column)
        value = cells[i]
        if column in layout.nip_columns and isinstance(value, float) and not (value.is_integer()
                                                                              and abs(value) < 2 ** 53):
            row.problems.append(Problem(path, "NIP_AS_NUMBER", f"{column} is stored as a number and may have lost "
                                                                f"digits ({found}); format the column as text"))
        if len(found) > limit:
            row.problems.append(Problem(path, "TOO_LONG", f"{column} is {len(found)} characters; at most {limit}",
                                        {"length": len(found), "limit": limit}))
            found = found[:limit]
        row.values[column] = found
    for column in header:
        if column is not None:
            row.values.setdefault(column, "")
    if outside:
        row.problems.append(Problem(("input", str(index)), "EXTRA_CELLS",
                                    f"{outside} cell(s) outside the named columns", {"count": outside}))
    return row


def safe(value: str) -> str:
    """A CSV cell a spreadsheet would take for a formula, with the apostrophe that keeps it text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """UTF-8 with a BOM (so that a spreadsheet reads it as UTF-8), RFC 4180."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([safe(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(title: str, header: Sequence[str], widths: Sequence[int], rows: Sequence[Sequence[Any]],
               text_columns: Sequence[int] = ()) -> bytes:
    """One sheet: the header in bold, frozen, an autofilter, a text cell always text (the 1-based `text_columns` formatted as
    text, so that a NIP typed over stays 18 digits), never a formula. Synchronous: run it in a thread. A workbook in
    memory (not openpyxl's write-only mode): its strings are shared, which a spreadsheet and the import read several
    times faster than write-only mode's inline strings."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.append(list(header))
    bold = Font(bold=True)
    for c in sheet[1]:
        c.font = bold
    for n, row in enumerate(rows, start=2):
        sheet.append(list(row))
        for i, value in enumerate(row, start=1):
            if isinstance(value, str) and value.startswith("="):  # openpyxl took it for a formula: it is text
                sheet.cell(n, i).data_type = "s"
        for i in text_columns:
            sheet.cell(n, i).number_format = "@"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
