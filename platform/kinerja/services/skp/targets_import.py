"""SKP targets from and to files, for the console: a CSV or XLSX file of person targets for one cycle, previewed row
by row, then written all or nothing; and the export of the same columns, so that an exported file can be edited and
imported back (docs/ARCHITECTURE.md, services/skp).

Reading is services/core/sheets.py's (the formats, the limits against hostile files, how a cell reads as text) with
this module's LAYOUT: nip, indicator, work_result, value, lower, upper, or by Indonesian aliases (NIP, indikator /
kode_indikator, rencana_hasil_kerja / hasil_kerja / rhk, target / nilai_target, batas_bawah, batas_atas, and the
export's own XLSX headers). The cycle is not a column: the request names its year, and the cycle must take targets
(PLANNING or ACTIVE; the gate's problem otherwise, for the whole file). A row is a target as setTargets takes it, for
a person (the NIP); a unit's targets and a parent (intervention) stay with setTargets and the SKP. A number is written
with "." or a lone "," as its decimal mark; a value, or a range of lower and upper (never both), as setTargets
decides. A column left out is empty in every row.

What each row does: a row is the stored target of the same person, indicator and work result in the cycle (SAMA when
its value and bounds are the same, UBAH with the fields that change otherwise); else, when the file has exactly one
row left for that person and indicator and exactly one stored target of them is left unmatched, that target, its
work result changed too (UBAH); else a new target (BARU). Nothing is ever deleted. Nothing of a person the importer
may not set targets for is shown: such a row has no action, and setTargets' own problem (NOT_FOUND, FORBIDDEN).

The rules are setTargets' (services/skp/targets.set_targets), never restated here: every row that would write (BARU,
UBAH) and every row of a person out of scope goes through set_targets inside a transaction that is rolled back (a dry
run: the same checks, the access, the cycle gate, SKP_LOCKED, the target's numbers), in batches of its MAX_BATCH;
its problems are the rows' (the path's workResult is the column work_result). A SAMA row writes nothing and is not
asked. `commit` takes the same file again with the digest its preview answered (it covers the cycle year and the
file): another file or another cycle is refused (DIGEST_MISMATCH), a file with any problem is refused with every
row's problems (IMPORT_HAS_ERRORS), and otherwise, in one transaction, the dry run again (held in a savepoint that is
rolled back), then set_targets writes the new targets with its `target.create` events, each changed target is updated
with a `target.update` event (as saveSkp writes it: the work result and numbers before and after), and one
`targets.import` event records the file.

Who may import: whoever may call setTargets for someone: ADMIN, an agency admin (its own agency's people) and an
EMPLOYEE with staff (a supervisor: the people it supervises directly or as Plt/Plh, as may_set_target_for decides
row by row). An EMPLOYEE supervising nobody is refused (FORBIDDEN) before the file is read. The export holds the same
people's targets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from kinerja.models import Cycle, Indicator, Person, Target
from kinerja.services.core import audit, clock, sheet_import, sheets, sql
from kinerja.services.core.access import Access, deny
from kinerja.services.core.errors import BadArgument, InputError, Problem
from kinerja.services.core.nip import normalize_nip
from kinerja.services.core.sheet_import import (  # noqa: F401  (the preview and the commit are sheet_import's)
    CHANGE, NEW, SAME, Action, Committed, FieldChange, ImportRefused, Preview, PreviewRow, Upload,
)
from kinerja.services.core.sheets import Sheet
from kinerja.services.cycles import gate
from kinerja.services.skp.document import target_fields
from kinerja.services.skp.targets import MAX_BATCH, TARGET_STATUSES, TargetData, set_targets
from kinerja.specs import capaian

COLUMNS = ("nip", "indicator", "work_result", "value", "lower", "upper")
REQUIRED = ("nip", "indicator", "work_result")
NUMBERS = ("value", "lower", "upper")
# the XLSX export's header (Indonesian); the CSV export's is COLUMNS
XLSX_HEADERS = {"nip": "NIP", "indicator": "Kode Indikator", "work_result": "Rencana Hasil Kerja", "value": "Target",
                "lower": "Batas Bawah", "upper": "Batas Atas"}
ALIASES = {
    **{c: c for c in COLUMNS},
    "nip_pegawai": "nip",
    "indikator": "indicator", "kode_indikator": "indicator", "indicator_code": "indicator",
    "workresult": "work_result", "rencana_hasil_kerja": "work_result", "hasil_kerja": "work_result",
    "rhk": "work_result",
    "target": "value", "nilai_target": "value", "target_value": "value",
    "batas_bawah": "lower", "target_bawah": "lower", "lower_bound": "lower",
    "batas_atas": "upper", "target_atas": "upper", "upper_bound": "upper",
}
EXPECTED = "nip, indicator/indikator, work_result/rencana_hasil_kerja, value/target, lower/batas_bawah, " \
           "upper/batas_atas"
LAYOUT = sheets.Layout(columns=COLUMNS, aliases=ALIASES, required=REQUIRED, expected=EXPECTED, nip_columns=("nip",),
                       no_rows={"what": "target"})
# a problem of a whole row is the NIP's: a NIP reading found wrong hides set_targets' problems of its row
ROW_CELL = "nip"
# set_targets' field names -> the file's columns (a name not here and not a column: a problem of the whole row)
FIELD_COLUMNS = {"nip": "nip", "indicator": "indicator", "workResult": "work_result", "value": "value",
                 "lower": "lower", "upper": "upper"}


def digest_of(year: int, data: bytes) -> str:
    """The preview's digest: the cycle year and the file."""
    return sheets.digest_of(f"{year}\n".encode("ascii") + data)


async def may_import(access: Access) -> bool:
    """Whoever may set someone's targets: ADMIN and agency admins, and a viewer who supervises someone (directly or
    as Plt/Plh today: its subtree holds more than itself)."""
    if access.may_change_people:
        return True
    if access.viewer.person_id is None:
        return False
    return len(await access.subtree()) > 1 or bool(await access.acting_staff())


async def require_importer(access: Access) -> None:
    if not await may_import(access):
        raise deny("only ADMIN, an agency admin or a supervisor may import SKP targets",
                   {"action": "import_targets"})


async def cycle_of(year: int, writing: bool) -> Cycle:
    """The cycle of the request; for an import (`writing`) one that takes targets now (the gate's problem)."""
    cycle = await Cycle.get_or_none(year=year)
    if cycle is None:
        raise BadArgument("cycle", f"no cycle {year}", "NOT_FOUND", {"what": "cycle", "key": year})
    if writing:
        problem = gate.cycle_problem(cycle, year, TARGET_STATUSES, ("cycle",), "targets")
        if problem is not None:
            raise InputError([problem])
    return cycle


# -- a row as set_targets takes it ----------------------------------------------------------------------------------

def number(text: str) -> float | None:
    """A cell's number ("" -> None); ValueError for text that is no finite number."""
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    if not raw:
        return None
    if "," in raw and "." not in raw and raw.count(",") == 1:
        raw = raw.replace(",", ".")
    found = float(raw)
    if not math.isfinite(found):
        raise ValueError(raw)
    return found


def _items(year: int, sheet: Sheet) -> list[TargetData]:
    """Each row as a TargetData, its cells' problems added to the row (a number that is none, an empty NIP, the same
    target twice). Once for a sheet: it adds to the rows' problems."""
    items: list[TargetData] = []
    seen: dict[tuple[str, str, str], int] = {}
    for index, row in enumerate(sheet.rows):
        values = row.values
        numbers: dict[str, float | None] = {}
        for column in NUMBERS:
            cell = values.get(column, "")
            try:
                numbers[column] = number(cell)
            except ValueError:
                numbers[column] = None
                if not any(len(p.path) > 2 and p.path[2] == column for p in row.problems):
                    row.problems.append(Problem(("input", str(index), column), "INVALID_TYPE",
                                                f"{column} must be a number, got {cell.strip()!r}",
                                                {"given": cell.strip()}))
        nip = normalize_nip(values.get("nip", ""))
        if not nip and not any(len(p.path) > 2 and p.path[2] == "nip" for p in row.problems):
            row.problems.append(Problem(("input", str(index), "nip"), "REQUIRED", "nip must not be empty"))
        indicator = values.get("indicator", "").strip().upper()
        work_result = values.get("work_result", "").strip()
        key = (nip, indicator, work_result)
        if nip and indicator and work_result:
            if key in seen:
                row.problems.append(Problem(("input", str(index)), "DUPLICATE_ROW",
                                            f"the same target (NIP, indicator, work result) is on line {seen[key]} "
                                            "already", {"line": seen[key]}))
            else:
                seen[key] = row.line
        items.append(TargetData(cycle=year, indicator=values.get("indicator", ""),
                                work_result=values.get("work_result", ""), value=numbers["value"], nip=nip or None,
                                lower=numbers["lower"], upper=numbers["upper"]))
    return items


# -- what each row would do -----------------------------------------------------------------------------------------

def shown(value: float | None) -> str:
    """A number as the export writes it: 75, 12.5; "" for none."""
    if value is None:
        return ""
    if float(value).is_integer() and abs(value) < 2 ** 53:
        return str(int(value))
    return repr(float(value))


def _wanted(item: TargetData) -> dict[str, float | None]:
    """The value and bounds a row stores, as set_targets stores them (a range: its midpoint and its bounds)."""
    if item.lower is not None:
        return target_fields(capaian.midpoint(item.lower, item.upper), item.lower, item.upper)
    return target_fields(item.value, None, None)


def _changes(stored: Target, item: TargetData) -> tuple[FieldChange, ...]:
    """What differs between the stored target and the row, in the file's terms (the cells an export of the stored
    target would hold: a range has no value, its bounds are the target)."""
    ranged = stored.lower_bound is not None
    before = {"work_result": stored.work_result, "value": None if ranged else stored.value,
              "lower": stored.lower_bound, "upper": stored.upper_bound}
    after = {"work_result": item.work_result.strip(), "value": item.value, "lower": item.lower, "upper": item.upper}
    return tuple(FieldChange(name, before[name] if name == "work_result" else shown(before[name]) or None,
                             after[name] if name == "work_result" else shown(after[name]) or None)
                 for name in ("work_result", "value", "lower", "upper") if before[name] != after[name])


async def _actions(access: Access, cycle: Cycle, items: Sequence[TargetData]) -> list[Action]:
    nips = sorted({i.nip for i in items if i.nip})
    people: dict[str, Person] = {}
    for part in sql.chunks(nips):
        people.update({p.nip: p for p in await Person.filter(nip__in=list(part))})
    writable: dict[str, Person] = {}
    for nip, person in people.items():
        if await access.can_see_person(person.id, person.agency_id) and access.may_set_target_for(person):
            writable[nip] = person
    codes = sorted({(i.indicator or "").strip().upper() for i in items})
    indicators = {i.full_code: i.id for i in await Indicator.filter(full_code__in=codes)} if codes else {}
    stored: list[Target] = []
    for part in sql.chunks(sorted({p.id for p in writable.values()})):
        stored += await Target.filter(cycle_id=cycle.id, person_id__in=list(part)).order_by("id")
    by_key: dict[tuple[int, int, str], list[Target]] = {}
    for t in stored:
        by_key.setdefault((t.person_id, t.indicator_id, t.work_result), []).append(t)
    used: set[int] = set()
    out: list[Action | None] = [None] * len(items)
    left: dict[tuple[int, int], list[int]] = {}  # (person, indicator) -> rows not matched by their work result
    for n, item in enumerate(items):
        person = writable.get(item.nip or "")
        if person is None:
            out[n] = Action(None)
            continue
        indicator = indicators.get((item.indicator or "").strip().upper())
        if indicator is None:
            out[n] = Action(NEW)
            continue
        match = next((t for t in by_key.get((person.id, indicator, item.work_result.strip()), [])
                      if t.id not in used), None)
        if match is None:
            left.setdefault((person.id, indicator), []).append(n)
            continue
        used.add(match.id)
        changes = _changes(match, item)
        out[n] = Action(CHANGE if changes else SAME, changes, match.id)
    for (person_id, indicator), rows in left.items():
        free = [t for t in stored if t.person_id == person_id and t.indicator_id == indicator and t.id not in used]
        if len(rows) == 1 and len(free) == 1:
            used.add(free[0].id)
            changes = _changes(free[0], items[rows[0]])
            out[rows[0]] = Action(CHANGE if changes else SAME, changes, free[0].id)
        else:
            for n in rows:
                out[n] = Action(NEW)
    return [a if a is not None else Action(None) for a in out]


# -- the preview and the commit ------------------------------------------------------------------------------------

def _asked(actions: Sequence[Action]) -> list[int]:
    """The rows set_targets checks: those that would write, and those of a person unknown or out of scope."""
    return [n for n, a in enumerate(actions) if a.action != SAME]


async def _check(access: Access, items: Sequence[TargetData], rows: Sequence[int]) -> list[Problem]:
    """set_targets on these rows, in batches, inside a transaction (a savepoint within the caller's) rolled back:
    its problems with the rows' own indexes and the file's column names."""
    async def batches() -> list[Problem]:
        found: list[Problem] = []
        for part in sql.chunks(list(rows), MAX_BATCH):
            try:
                await set_targets(access, [items[n] for n in part])
            except InputError as exc:
                found += [_renamed(p, part) for p in exc.problems]
        return found

    return await sheet_import.rolled_back(batches)


def _renamed(p: Problem, part: Sequence[int]) -> Problem:
    """A set_targets problem of ("input", <index in the batch>, <field>) as the file's row and column."""
    if len(p.path) >= 2 and p.path[0] == "input" and str(p.path[1]).isdigit() and int(p.path[1]) < len(part):
        row = str(part[int(p.path[1])])
        column = FIELD_COLUMNS.get(str(p.path[2])) if len(p.path) > 2 else None
        return Problem(("input", row, column) if column else ("input", row), p.code, p.message, p.params)
    return p


@dataclass(frozen=True)
class _Rows:
    """The file's targets for sheet_import: set_targets checks every row that would write (in the dry run, and
    again in the commit's transaction, in a savepoint), then the new ones are set and the changed ones updated."""

    access: Access
    cycle: Cycle
    items: list[TargetData]
    digest: str

    async def check(self) -> tuple[list[Action], list[Problem]]:
        actions = await _actions(self.access, self.cycle, self.items)
        return actions, await _check(self.access, self.items, _asked(actions))

    async def write(self, conn) -> tuple[list[Action], list[audit.Change]]:
        access, cycle, items = self.access, self.cycle, self.items
        actions, found = await self.check()
        if found:  # changed since the preview: nothing is written
            raise sheet_import.RowProblems(actions, found)
        new = [n for n, a in enumerate(actions) if a.action == NEW]
        for part in sql.chunks(new, MAX_BATCH):
            await set_targets(access, [items[n] for n in part])
        changed = [(n, a) for n, a in enumerate(actions) if a.action == CHANGE]
        if changed:
            await gate.recheck(conn, cycle, TARGET_STATUSES, ("cycle",), "targets")
        stored = {t.id: t for t in await Target.filter(id__in=[a.stored_id for _, a in changed])
                  .using_db(conn)} if changed else {}
        events: list[audit.Change] = []
        for n, a in changed:
            target, item = stored[a.stored_id], items[n]
            before = {"work_result": target.work_result,
                      **target_fields(target.value, target.lower_bound, target.upper_bound)}
            wanted = _wanted(item)
            target.work_result = item.work_result.strip()
            target.value, target.lower_bound, target.upper_bound = wanted["value"], wanted["lower"], wanted["upper"]
            await target.save(using_db=conn, update_fields=["value", "lower_bound", "upper_bound", "work_result"])
            events.append(audit.Change("target.update", "target", str(target.id), before,
                                       {"work_result": target.work_result, **wanted, "import": self.digest[:16]}))
        return actions, events


async def _read(filename: str, data: bytes, media_type: str | None) -> Sheet:
    return await sheets.read(LAYOUT, filename, data, media_type)


async def preview(access: Access, year: int, filename: str, data: bytes, media_type: str | None = None) -> Preview:
    """Every row of the file: what it would do and what is wrong with it. Nothing is kept, whatever it finds."""
    await require_importer(access)
    cycle = await cycle_of(year, writing=True)
    sheet = await _read(filename, data, media_type)
    digest = digest_of(year, data)
    return await sheet_import.preview(Upload(filename, digest, sheet, year, ROW_CELL),
                                      _Rows(access, cycle, _items(year, sheet), digest))


async def commit(access: Access, year: int, filename: str, data: bytes, expected_digest: str | None,
                 media_type: str | None = None) -> Committed:
    """Write every row, or none: refused for another file or cycle than the previewed one (the digest) and for any
    problem of any row (ImportRefused, with the whole preview). Audited: set_targets' `target.create` events, a
    `target.update` for each changed target, and `targets.import`."""
    await require_importer(access)
    cycle = await cycle_of(year, writing=True)
    digest = digest_of(year, data)
    sheet_import.check_digest(expected_digest, digest)
    sheet = await _read(filename, data, media_type)
    rows = _Rows(access, cycle, _items(year, sheet), digest)
    return await sheet_import.commit(access, Upload(filename, digest, sheet, year, ROW_CELL), rows, _recorded)


def _recorded(digest: str, after: dict) -> audit.Change:
    return audit.Change("targets.import", "targets_import", digest, None, after)


# -- the export -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TargetsExport:
    stem: str  # the file name without its extension
    rows: list[tuple[str, ...]]  # COLUMNS order, the numbers as the import reads them back


async def export_targets(access: Access, year: int, agency: str | None) -> TargetsExport:
    """The person targets of the cycle of the people the viewer may set targets for (ADMIN: everyone's, or one
    agency's; an agency admin: its own agency's; a supervisor: its staff's), in the import's columns, ordered by
    agency, name, NIP and the order they were set in. An agency out of scope reads as not found."""
    if not await may_import(access):
        raise deny("only ADMIN, an agency admin or a supervisor may export SKP targets", {"action": "export_targets"})
    cycle = await cycle_of(year, writing=False)
    qs, code = await sheet_import.export_scope(access, agency)
    people = [p for p in await qs.order_by("agency__code", "name", "nip") if access.may_set_target_for(p)]
    order = {p.id: n for n, p in enumerate(people)}
    targets: list[Target] = []
    for part in sql.chunks(sorted(order)):
        targets += await Target.filter(cycle_id=cycle.id, person_id__in=list(part)).prefetch_related("indicator")
    targets.sort(key=lambda t: (order[t.person_id], t.id))
    nips = {p.id: p.nip for p in people}
    rows = []
    for t in targets:
        ranged = t.lower_bound is not None
        rows.append((nips[t.person_id], t.indicator.full_code, t.work_result, "" if ranged else shown(t.value),
                     shown(t.lower_bound), shown(t.upper_bound)))
    return TargetsExport(f"target-skp-{year}-{code or 'semua'}-{clock.today().isoformat()}", rows)


def export_csv(export: TargetsExport) -> bytes:
    """UTF-8 with a BOM, RFC 4180, the import's header (COLUMNS)."""
    return sheets.csv_bytes(COLUMNS, export.rows)


def export_xlsx(export: TargetsExport) -> bytes:
    """One sheet "Target SKP": Indonesian headers, the numbers as numbers, the NIP as text. Synchronous: run it in a
    thread."""
    def cell(column: str, value: str):
        return (float(value) if not float(value).is_integer() else int(float(value))) \
            if column in NUMBERS and value else value

    rows = [[cell(c, v) for c, v in zip(COLUMNS, row)] for row in export.rows]
    return sheets.xlsx_bytes("Target SKP", [XLSX_HEADERS[c] for c in COLUMNS], [21, 28, 60, 12, 12, 12], rows,
                             (COLUMNS.index("nip") + 1,))
