"""CSV import of people: documented columns, all-or-nothing, errors by CSV line and column.

For an existing person an empty `unit` or `supervisor` cell clears it (the file states the row as it is to be),
while a column left out of the header keeps what is stored (README, "Importing people"). The rules of who may
change a supervisor are upsert_people's (Access.may_change_supervisor): the CLI imports as ADMIN, any other
Access gets the same refusals as upsertPeople."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Callable

from kinerja.services.core.access import Access
from kinerja.services.core.errors import InputError
from kinerja.services.org.people import FIELDS, UNCHANGED, PersonData, upsert_people

REQUIRED_COLUMNS = ("nip", "name", "employment_type", "position", "agency")
OPTIONAL_COLUMNS = ("unit", "supervisor")  # left out of the header: unchanged for an existing person
COLUMNS = FIELDS  # nip,name,employment_type,position,agency,unit,supervisor
MAX_FIELD = 1000


class CsvError(Exception):
    """The file cannot be read as a people CSV; the message names the line and column."""


def read_people_csv(path: Path) -> tuple[list[PersonData], list[int]]:
    """The rows as PersonData, with the CSV line number of each."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CsvError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise CsvError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise CsvError(f"{path}: cannot read: {exc.strerror or exc}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise CsvError(f"{path}: line 1: missing column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}")
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise CsvError(f"{path}: line 1: unknown column(s) {', '.join(unknown)}; expected {','.join(COLUMNS)}")
    items: list[PersonData] = []
    lines: list[int] = []
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                raise CsvError(f"{path}: line {line}: more fields than the header has")
            if all(not (v or "").strip() for v in row.values()):
                continue
            for column, value in row.items():
                if value is not None and len(value) > MAX_FIELD:
                    raise CsvError(f"{path}: line {line}, column {column}: longer than {MAX_FIELD} characters")
            items.append(PersonData(**{c: (row.get(c) or "") if c in header else UNCHANGED for c in COLUMNS}))
            lines.append(line)
    except csv.Error as exc:
        raise CsvError(f"{path}: line {reader.line_num}: {exc}") from None
    return items, lines


def located(exc: InputError, lines: list[int]) -> list[str]:
    """Problems as 'line N, column C: message', in file order."""
    out = []
    for p in sorted(exc.problems, key=lambda p: (int(p.path[1]) if len(p.path) > 1 and p.path[1].isdigit() else -1)):
        if len(p.path) >= 3 and p.path[1].isdigit():
            out.append(f"line {lines[int(p.path[1])]}, column {p.path[2]}: {p.message} [{p.code}]")
        else:
            out.append(f"{p.message} [{p.code}]")
    return out


async def import_people(access: Access, path: Path, progress: Callable[[int, int], None] | None = None) -> int:
    items, lines = read_people_csv(path)
    if not items:
        raise CsvError(f"{path}: no rows to import")
    total = len(items)
    await upsert_people(access, items, max_items=None, returning=False,
                        progress=(lambda done: progress(done, total)) if progress else None)
    return total
