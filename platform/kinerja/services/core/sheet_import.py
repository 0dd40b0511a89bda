"""Importing a file of rows, previewed and then written all or nothing (services/org/people_import.py,
services/skp/targets_import.py): what every import does the same way. Reading the file is services/core/sheets.py's;
what a row means, what checks it and what writes it is the import's `Rows`.

The preview is a dry run: the import's `check` runs inside a transaction (a savepoint within the caller's) that is
always rolled back, so it may run the very write it checks, and a preview and a commit cannot disagree. Each row
comes back with what it would do (NEW, CHANGE with the fields that change, SAME; None for a row the importer may
not see) and its problems: those reading found, then the check's, less a check's problem of a cell reading already
found wrong. The commit takes the file again with the digest its preview answered (another file is refused:
DIGEST_MISMATCH), refuses a file with any problem with every row's problems (ImportRefused: IMPORT_HAS_ERRORS), and
otherwise runs the import's `write` and appends the import's own audit event in one transaction; a `write` that finds its
rows' problems raises RowProblems and nothing is written. An export in the same columns covers the people of
`export_scope`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Iterable, Protocol, Sequence, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from kinerja.models import Agency, Person
from kinerja.services.core import audit, sheets
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument, Problem
from kinerja.services.core.sheets import Sheet

NEW, CHANGE, SAME = "BARU", "UBAH", "SAMA"

T = TypeVar("T")


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Action:
    action: str | None  # NEW, CHANGE or SAME; None for a row the importer may not write (its problem says so)
    changes: tuple[FieldChange, ...] = ()
    stored_id: int | None = None  # the stored record a CHANGE or SAME row is, where the import needs it


@dataclass(frozen=True)
class PreviewRow:
    line: int
    values: dict[str, str]
    action: str | None
    changes: tuple[FieldChange, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Preview:
    filename: str
    kind: str
    digest: str
    columns: tuple[str, ...]
    rows: tuple[PreviewRow, ...]
    cycle: int | None = None  # the cycle year of an import of one cycle

    @property
    def rows_with_problems(self) -> int:
        return sum(1 for r in self.rows if r.problems)

    @property
    def ok(self) -> bool:
        return self.rows_with_problems == 0

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action and not r.problems)


class ImportRefused(Exception):
    """A commit refused for its rows' problems: nothing was written. `preview` has every row and its problems."""

    def __init__(self, preview: Preview):
        self.preview = preview
        self.problem = Problem(("file",), "IMPORT_HAS_ERRORS",
                               f"{preview.rows_with_problems} row(s) have errors; nothing was written",
                               {"count": preview.rows_with_problems})
        super().__init__(self.problem.message)


class RowProblems(Exception):
    """Raised by a `write` inside the commit's transaction: the rows' problems it found (with what each row would
    do); the transaction rolls back and the commit is refused with them."""

    def __init__(self, actions: Sequence[Action], problems: Iterable[Problem]):
        self.actions = actions
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s)")


@dataclass(frozen=True)
class Committed:
    filename: str
    digest: str
    rows: int
    created: int
    updated: int
    unchanged: int
    cycle: int | None = None


class Rows(Protocol):
    """An import's rows: its own logic."""

    async def check(self) -> tuple[Sequence[Action], Sequence[Problem]]:
        """What each row would do and the rows' problems; run inside a transaction that is rolled back."""

    async def write(self, conn: BaseDBAsyncClient) -> tuple[Sequence[Action], list[audit.Change]]:
        """Every row written inside the commit's transaction `conn`: what each row did and the audit events still
        to append (before the import's own); RowProblems for rows that cannot be written."""


@dataclass(frozen=True)
class Upload:
    """A file of rows as read: its name, its digest (what a commit must name), its sheet, the cycle it is for, and
    `row_cell`: the column whose reading problem also hides the check's problems of the whole row (None: none)."""

    filename: str
    digest: str
    sheet: Sheet
    cycle: int | None = None
    row_cell: str | None = None

    def preview(self, actions: Sequence[Action], problems: Iterable[Problem]) -> Preview:
        """Each row with its reading problems and the check's; where reading found a cell wrong, the check's problem
        of the same cell (made of the cell as it could be read) is left out."""
        sheet = self.sheet
        by_row: dict[int, list[Problem]] = {i: list(r.problems) for i, r in enumerate(sheet.rows)}
        read_cells = {(i, p.path[2]) for i, r in enumerate(sheet.rows) for p in r.problems if len(p.path) > 2}
        for p in problems:
            if len(p.path) >= 2 and p.path[0] == "input" and str(p.path[1]).isdigit() and int(p.path[1]) in by_row:
                index = int(p.path[1])
                cell = p.path[2] if len(p.path) > 2 else self.row_cell
                if cell is not None and (index, cell) in read_cells:
                    continue
                by_row[index].append(p)
            else:  # not a row's (never expected: the access and the cycle were asked first); shown on every row
                for found in by_row.values():
                    found.append(p)
        rows = tuple(PreviewRow(r.line, r.values, actions[i].action, actions[i].changes, tuple(by_row[i]))
                     for i, r in enumerate(sheet.rows))
        return Preview(self.filename, sheet.kind, self.digest, sheet.columns, rows, self.cycle)


class _DryRun(Exception):
    """Rolls the dry run's transaction (or savepoint) back."""


async def rolled_back(work: Callable[[], Awaitable[T]]) -> T:
    """What `work` answers, run inside a transaction (a savepoint within the caller's) that is always rolled back."""
    result: list[T] = []
    try:
        async with in_transaction():
            result.append(await work())
            raise _DryRun
    except _DryRun:
        pass
    return result[0]


async def preview(upload: Upload, rows: Rows) -> Preview:
    """Every row of the file: what it would do and what is wrong with it. Nothing is kept, whatever it finds."""
    actions, found = await rolled_back(rows.check)
    return upload.preview(actions, found)


def check_digest(expected: str | None, digest: str) -> None:
    """A commit names the digest its preview answered: another file is refused."""
    if (expected or "").strip().lower() != digest:
        raise sheets.file_problem("DIGEST_MISMATCH", "the file differs from the previewed one: preview it again")


async def commit(access: Access, upload: Upload, rows: Rows,
                 recorded: Callable[[str, dict[str, Any]], audit.Change]) -> Committed:
    """Write every row, or none: refused for any problem of any row (ImportRefused, with the whole preview).
    Audited: what `write` appends, then the import's own event recording the file: recorded(the digest's first 16
    characters, the file's name, format, digest, cycle and counts)."""
    sheet = upload.sheet
    if any(r.problems for r in sheet.rows):
        raise ImportRefused(await preview(upload, rows))
    try:
        async with in_transaction() as conn:
            actions, events = await rows.write(conn)
            done = Committed(upload.filename, upload.digest, len(actions), sum(a.action == NEW for a in actions),
                             sum(a.action == CHANGE for a in actions), sum(a.action == SAME for a in actions),
                             upload.cycle)
            cycle = {} if upload.cycle is None else {"cycle": upload.cycle}
            events.append(recorded(upload.digest[:16], {
                "filename": upload.filename, "format": sheet.kind, "digest": upload.digest, **cycle,
                "rows": done.rows, "created": done.created, "updated": done.updated, "unchanged": done.unchanged}))
            await audit.append(conn, access.viewer.actor, events)
    except RowProblems as exc:
        raise ImportRefused(upload.preview(exc.actions, exc.problems)) from None
    return done


async def export_scope(access: Access, agency: str | None) -> tuple[QuerySet[Person], str]:
    """The people an export covers, of those the viewer may see: one agency's (`agency`, its code; one out of scope
    reads as not found), else everyone's; and the agency code the file's name gives (an agency admin's own agency
    when none is asked; "" for everyone)."""
    qs = Person.filter(await access.people_filter())
    code = (agency or "").strip().upper()
    if code:
        found = await Agency.get_or_none(code=code)
        if found is None or not access.can_see_agency(found.id):
            raise BadArgument("agency", f"no agency {code}", "NOT_FOUND", {"what": "agency", "key": code})
        qs = qs.filter(agency_id=found.id)
    elif access.viewer.agency_id is not None and not access.is_admin:
        own = await Agency.get_or_none(id=access.viewer.agency_id)
        code = own.code if own else ""
    return qs, code
