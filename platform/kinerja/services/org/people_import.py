"""People from and to files, for the console: a CSV or XLSX file previewed row by row, then written all or nothing;
and the export of the same columns, so that an exported file can be edited and imported back.

Reading (`read_sheet`, by services/core/sheets.py with this module's LAYOUT): the first row names the columns, as
the CLI's CSV (services/org/importer.py: nip, name, employment_type, position, agency, unit, supervisor) or by
Indonesian aliases (ALIASES: nip, nama, jenis_pegawai, jabatan, perangkat_daerah, unit, atasan, and the export's own
XLSX headers). A column left out of the header keeps what is stored (unit, supervisor), an empty cell clears it: the
importer's rule. The file formats, the limits against hostile files and how a cell reads as text are sheets.py's,
the same for every import. A file that cannot be read at all is an InputError with one problem at ("file",); a
cell that cannot be used is a problem of its row ("input", <index>, <column>), as upsert_people names its own.

The rules are upsert_people's, never restated here: `preview` runs it inside a transaction that is always rolled
back (a dry run: the same checks, the same write, nothing kept), so a preview and a commit cannot disagree. What
each row would do (BARU, UBAH with the changed fields, SAMA) is read from the stored rows by the upsert's own
normalisation and snapshot. `commit` takes the file again with the digest its preview answered: another file is
refused (DIGEST_MISMATCH), a file with any problem is refused with every row's problems (IMPORT_HAS_ERRORS), and
otherwise the upsert writes everything with its audit events, plus one `people.import` event, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from kinerja.models import Agency, Person, Unit
from kinerja.services.core import audit, clock, sheet_import, sheets, sql
from kinerja.services.core.access import Access, deny
from kinerja.services.core.errors import InputError, Problem
# the reading of a file is services/core/sheets.py's, for every import; its names stay reachable from here
from kinerja.services.core.sheets import (  # noqa: F401
    CSV, CSV_MEDIA_TYPES, FORMULA_STARTS, MAX_FILE_BYTES, MAX_FILENAME, MAX_HEADER_CELLS, MAX_ROWS, MAX_SCANNED_ROWS,
    MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, XLSX, XLSX_MEDIA_TYPE, Sheet, SheetRow, digest_of, kind_of,
    text as _text,
)
# the preview and the commit are services/core/sheet_import.py's, for every import
from kinerja.services.core.sheet_import import (  # noqa: F401
    CHANGE, NEW, SAME, Action, Committed, FieldChange, ImportRefused, Preview, PreviewRow, Upload,
)
from kinerja.services.org.importer import COLUMNS, MAX_FIELD, REQUIRED_COLUMNS
from kinerja.services.org.people import UNCHANGED, PersonData, _normalize, snapshot, upsert_people

# the XLSX export's header (Indonesian); the CSV export's is COLUMNS, the CLI importer's
XLSX_HEADERS = {"nip": "NIP", "name": "Nama", "employment_type": "Jenis Pegawai", "position": "Jabatan",
                "agency": "Kode Perangkat Daerah", "unit": "Kode Unit", "supervisor": "NIP Atasan"}
# a header cell, lowercased with every run of other characters than letters and digits as "_" -> its column
ALIASES = {
    **{c: c for c in COLUMNS},
    "nama": "name", "jenis_pegawai": "employment_type", "jenis_kepegawaian": "employment_type",
    "jabatan": "position", "perangkat_daerah": "agency", "kode_perangkat_daerah": "agency", "kode_unit": "unit",
    "atasan": "supervisor", "nip_atasan": "supervisor", "atasan_langsung": "supervisor",
}
EXPECTED = "nip, name/nama, employment_type/jenis_pegawai, position/jabatan, agency/perangkat_daerah, unit, " \
           "supervisor/atasan"
LAYOUT = sheets.Layout(columns=tuple(COLUMNS), aliases=ALIASES, required=tuple(REQUIRED_COLUMNS), expected=EXPECTED,
                       nip_columns=("nip", "supervisor"), max_field=MAX_FIELD)


def require_importer(access: Access) -> None:
    if not access.may_change_people:
        raise deny("only ADMIN or an agency admin may import people", {"action": "import_people"})


def read_sheet(kind: str, filename: str, data: bytes) -> Sheet:
    """The file's rows by the people's columns (sheets.read_sheet)."""
    return sheets.read_sheet(LAYOUT, kind, filename, data)


def items_of(sheet: Sheet) -> list[PersonData]:
    """The rows as upsert_people takes them: a column the header leaves out is UNCHANGED."""
    return [PersonData(**{c: r.values.get(c, "") if c in sheet.columns else UNCHANGED for c in COLUMNS})
            for r in sheet.rows]


# -- what each row would do ---------------------------------------------------------------------------------------

async def _actions(access: Access, items: Sequence[PersonData]) -> list[Action]:
    """BARU, UBAH (with the fields that change) or SAMA for each item, by the upsert's own normalisation and the
    stored person's snapshot; None where the NIP is a person the viewer may not write (nothing of it is shown)."""
    rows = [_normalize(i, item) for i, item in enumerate(items)]
    nips = sorted({r.nip for r in rows})
    stored: dict[str, dict] = {}
    for part in sql.chunks(nips):
        for p in await Person.filter(nip__in=list(part)).values("id", "nip", "name", "employment_type", "position",
                                                                "agency_id", "unit_id", "supervisor_id"):
            stored[p["nip"]] = p
    agency_codes = dict(await Agency.filter(id__in=sorted({p["agency_id"] for p in stored.values()}))
                        .values_list("id", "code")) if stored else {}
    unit_ids = sorted({p["unit_id"] for p in stored.values() if p["unit_id"]})
    unit_codes = dict(await Unit.filter(id__in=unit_ids).values_list("id", "code")) if unit_ids else {}
    supervisor_nips: dict[int, str] = {}
    for part in sql.chunks(sorted({p["supervisor_id"] for p in stored.values() if p["supervisor_id"]})):
        supervisor_nips.update(dict(await Person.filter(id__in=list(part)).values_list("id", "nip")))
    out: list[Action] = []
    for r in rows:
        old = stored.get(r.nip)
        if old is None:
            out.append(Action(NEW))
            continue
        if not access.can_manage_agency(old["agency_id"]):
            out.append(Action(None))
            continue
        before = snapshot(_Stored(old), agency_codes.get(old["agency_id"]), unit_codes.get(old["unit_id"]),
                          supervisor_nips.get(old["supervisor_id"]))
        after = {"nip": r.nip, "name": r.name, "employment_type": r.employment_type, "position": r.position,
                 "agency": r.agency, "unit": before["unit"] if r.unit is UNCHANGED else r.unit,
                 "supervisor": before["supervisor"] if r.supervisor is UNCHANGED else r.supervisor}
        changes = tuple(FieldChange(f, before[f], after[f]) for f in COLUMNS if before[f] != after[f])
        out.append(Action(CHANGE if changes else SAME, changes))
    return out


class _Stored:
    """A stored person's row as people.snapshot reads a Person."""

    def __init__(self, row: dict):
        self.nip, self.name = row["nip"], row["name"]
        self.employment_type, self.position = row["employment_type"], row["position"]


@dataclass(frozen=True)
class _Rows:
    """The file's people for sheet_import: upsert_people checks them (in the dry run) and writes them."""

    access: Access
    items: list[PersonData]

    async def check(self) -> tuple[list[Action], list[Problem]]:
        actions = await _actions(self.access, self.items)
        try:
            await upsert_people(self.access, self.items, max_items=None, returning=False)
        except InputError as exc:
            return actions, exc.problems
        return actions, []

    async def write(self, conn) -> tuple[list[Action], list[audit.Change]]:
        actions, problems = await self.check()  # the upsert's write, kept this time
        if problems:
            raise sheet_import.RowProblems(actions, problems)
        return actions, []  # the upsert appended its own events


async def _read(filename: str, data: bytes, media_type: str | None) -> Sheet:
    return await sheets.read(LAYOUT, filename, data, media_type)


async def preview(access: Access, filename: str, data: bytes, media_type: str | None = None) -> Preview:
    """Every row of the file: what it would do and what is wrong with it. upsert_people runs on all of it inside a
    transaction that is rolled back: nothing is kept, whatever it finds."""
    require_importer(access)
    sheet = await _read(filename, data, media_type)
    return await sheet_import.preview(Upload(filename, digest_of(data), sheet), _Rows(access, items_of(sheet)))


async def commit(access: Access, filename: str, data: bytes, expected_digest: str | None,
                 media_type: str | None = None) -> Committed:
    """Write every row, or none: refused for another file than the previewed one (the digest) and for any
    problem of any row (ImportRefused, with the whole preview). Audited: the upsert's events and `people.import`."""
    require_importer(access)
    digest = digest_of(data)
    sheet_import.check_digest(expected_digest, digest)
    sheet = await _read(filename, data, media_type)
    return await sheet_import.commit(access, Upload(filename, digest, sheet), _Rows(access, items_of(sheet)),
                                     _recorded)


def _recorded(digest: str, after: dict) -> audit.Change:
    return audit.Change("people.import", "people_import", digest, None, after)


# -- the export ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PeopleExport:
    stem: str  # the file name without its extension
    rows: list[tuple[str, ...]]  # COLUMNS order


async def export_people(access: Access, agency: str | None) -> PeopleExport:
    """The people the viewer may change (ADMIN: everyone, or one agency's; an agency admin: its own agency's), in
    the import's columns, ordered by agency, name and NIP. An agency out of scope reads as not found."""
    if not access.may_change_people:
        raise deny("only ADMIN or an agency admin may export people", {"action": "export_people"})
    qs, code = await sheet_import.export_scope(access, agency)
    found_rows = await qs.order_by("agency__code", "name", "nip").values_list(
        "nip", "name", "employment_type", "position", "agency__code", "unit__code", "supervisor__nip")
    rows = [tuple("" if v is None else str(v) for v in r) for r in found_rows]
    return PeopleExport(f"pegawai-{code or 'semua'}-{clock.today().isoformat()}", rows)


def export_csv(export: PeopleExport) -> bytes:
    """UTF-8 with a BOM (so that a spreadsheet reads it as UTF-8), RFC 4180, the import's header."""
    return sheets.csv_bytes(COLUMNS, export.rows)


def export_xlsx(export: PeopleExport) -> bytes:
    """One sheet "Pegawai": Indonesian headers in bold, the header row frozen, an autofilter, every cell text (a NIP
    cell formatted as text, so that one typed over stays 18 digits), never a formula. Synchronous: run it in a
    thread (sheets.xlsx_bytes)."""
    widths = {"nip": 21, "name": 32, "employment_type": 14, "position": 32, "agency": 22, "unit": 16,
              "supervisor": 21}
    return sheets.xlsx_bytes("Pegawai", [XLSX_HEADERS[c] for c in COLUMNS], [widths[c] for c in COLUMNS],
                             export.rows, (COLUMNS.index("nip") + 1, COLUMNS.index("supervisor") + 1))
