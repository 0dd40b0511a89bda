"""People from and to files through the real app (http/people_files.py, services/org/people_import.py): a CSV or XLSX
file previewed row by row (BARU / UBAH with its fields / SAMA, every row's errors by column, in Indonesian), then
written all or nothing with the preview's digest; the export in the same columns, which imports back as SAMA.

Every refusal is checked to write nothing: the people, their audit events and every other table's rows stay as
they were (`state`). Both databases."""

from __future__ import annotations

import csv
import io
import zipfile
from functools import partial

import pytest
from openpyxl import Workbook, load_workbook

import import_helpers
from import_helpers import Importer, errors_of, export_refuses_strangers, get
from kinerja.models import AuditEvent, Person
from kinerja.services.core import clock
from kinerja.services.org import people_import
from world import CLERK, DINKES_HEAD, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, nip

COLUMNS = ["nip", "name", "employment_type", "position", "agency", "unit", "supervisor"]
XLSX = people_import.XLSX_MEDIA_TYPE
# new people of these tests: born 1991, appointed 2016, never the world's NIPs
N1, N2, N3, N4 = (nip(s, birth="19910101", appointed="201601") for s in (21, 22, 23, 24))

WORLD_ROWS = {  # the world's people as the import's columns (tests/world.py)
    HEAD: [HEAD, "Andi Pratama", "PNS", "Kepala Dinas", "DISDIK", "SEKRETARIAT", ""],
    PRINCIPAL: [PRINCIPAL, "Budi Santoso", "PNS", "Kepala Sekolah", "DISDIK", "SDN-001", HEAD],
    TEACHER_1: [TEACHER_1, "Citra Lestari", "PNS", "Guru Kelas", "DISDIK", "SDN-001", PRINCIPAL],
    TEACHER_2: [TEACHER_2, "Dewi Anggraini", "PNS", "Guru Kelas", "DISDIK", "SDN-001", PRINCIPAL],
    CLERK: [CLERK, "Eko Saputra", "PNS", "Pengadministrasi Umum", "DISDIK", "SEKRETARIAT", HEAD],
    DINKES_HEAD: [DINKES_HEAD, "Fajar Hidayat", "PNS", "Kepala Dinas", "DINKES", "", ""],
    NURSE: [NURSE, "Gita Permata", "PNS", "Perawat", "DINKES", "PKM-BATU10", DINKES_HEAD],
}


csv_file = partial(import_helpers.csv_file, header=COLUMNS)
xlsx_file = partial(import_helpers.xlsx_file, header=COLUMNS)
PEOPLE = Importer("/imports/people", "pegawai.csv")
send, preview, commit, previewed = PEOPLE.send, PEOPLE.preview, PEOPLE.commit, PEOPLE.previewed


async def state() -> tuple:
    """Everything an import could write: every person as stored, and the audit trail."""
    people = await Person.all().order_by("nip").values_list("nip", "name", "employment_type", "position",
                                                            "agency_id", "unit_id", "supervisor_id")
    events = await AuditEvent.all().order_by("id").values_list("id", "action", "entity_id")
    return people, events


def by_nip(body) -> dict[str, dict]:
    return {r["values"]["nip"]: r for r in body["rows"]}


# -- preview and commit --------------------------------------------------------------------------------------------

async def test_a_csv_is_previewed_row_by_row_and_committed_all_at_once(api, world):
    data = csv_file([
        [N1, "Hana Wijaya", "PNS", "Guru Kelas", "DISDIK", "SDN-001", PRINCIPAL],        # BARU
        [N2, "Indra Kusuma", "pppk", "Guru Kelas", "disdik", "sdn-001", N1],             # BARU, under the new one
        [TEACHER_1, "Citra Lestari", "PNS", "Guru Madya", "DISDIK", "SDN-001", HEAD],   # UBAH: position, supervisor
        WORLD_ROWS[TEACHER_2],                                                           # SAMA
        [],                                                                              # an empty line: skipped
        [f" {CLERK[:8]}.{CLERK[8:]} ", " Eko Saputra ", "PNS", "Pengadministrasi Umum", "DISDIK", "SEKRETARIAT",
         HEAD],                                                                          # SAMA, as the upsert reads it
    ])
    before = await state()
    body = await previewed(api, world.admin, data)
    assert await state() == before  # a preview writes nothing
    assert body["ok"] is True and body["errors"] == [] and body["format"] == "csv"
    assert body["filename"] == "pegawai.csv" and body["digest"] == people_import.digest_of(data)
    assert body["columns"] == COLUMNS
    assert body["counts"] == {"rows": 5, "new": 2, "changed": 1, "unchanged": 2, "withErrors": 0}
    rows = body["rows"]
    assert [r["line"] for r in rows] == [2, 3, 4, 5, 7]
    assert [r["action"] for r in rows] == ["BARU", "BARU", "UBAH", "SAMA", "SAMA"]
    assert rows[2]["changes"] == [{"field": "position", "before": "Guru Kelas", "after": "Guru Madya"},
                                  {"field": "supervisor", "before": PRINCIPAL, "after": HEAD}]
    assert rows[0]["changes"] == [] and rows[3]["changes"] == [] and all(not r["errors"] for r in rows)
    assert rows[1]["values"] == dict(zip(COLUMNS, [N2, "Indra Kusuma", "pppk", "Guru Kelas", "disdik", "sdn-001", N1]))

    last = await AuditEvent.all().order_by("-id").first()
    response = await commit(api, world.admin, data, body["digest"])
    assert response.status_code == 200, response.text
    assert response.json() == {"filename": "pegawai.csv", "digest": body["digest"], "ok": True,
                               "counts": {"rows": 5, "new": 2, "changed": 1, "unchanged": 2}, "errors": []}
    hana = await Person.get(nip=N1).prefetch_related("supervisor", "unit")
    indra = await Person.get(nip=N2).prefetch_related("supervisor")
    assert (hana.name, hana.supervisor.nip, hana.unit.code) == ("Hana Wijaya", PRINCIPAL, "SDN-001")
    assert (indra.employment_type, indra.supervisor.nip) == ("PPPK", N1)
    teacher = await Person.get(nip=TEACHER_1).prefetch_related("supervisor")
    assert (teacher.position, teacher.supervisor.nip) == ("Guru Madya", HEAD)
    # what the preview said is what the commit did: its events, one per BARU and UBAH row, and the import's own
    events = await AuditEvent.filter(id__gt=last.id).order_by("id").values("action", "entity_id", "after", "actor")
    assert sorted((e["action"], e["entity_id"]) for e in events if e["action"].startswith("person.")) == sorted(
        [("person.create", N1), ("person.create", N2), ("person.update", TEACHER_1)])
    imported = [e for e in events if e["action"] == "people.import"]
    assert len(imported) == 1 and imported[0]["entity_id"] == body["digest"][:16]
    assert imported[0]["after"] == {"filename": "pegawai.csv", "format": "csv", "digest": body["digest"], "rows": 5,
                                    "created": 2, "updated": 1, "unchanged": 2}
    # the same file again is all SAMA now
    again = await previewed(api, world.admin, data)
    assert [r["action"] for r in again["rows"]] == ["SAMA"] * 5


async def test_an_xlsx_with_indonesian_headers_is_previewed_and_committed(api, world):
    header = ["NIP", "Nama", "Jenis Pegawai", "Jabatan", "Perangkat Daerah", "Unit", "Atasan"]
    data = xlsx_file([[N1, "Hana Wijaya", "PNS", "Guru Kelas", "DISDIK", "SDN-001", PRINCIPAL],
                      [None] * 7,
                      [N2, "Indra Kusuma", "PNS", "Staf", "DISDIK", None, None],
                      [NURSE, "Gita Permata", "PNS", "Perawat Ahli", "DINKES", "PKM-BATU10", DINKES_HEAD]],
                     header=header)
    before = await state()
    body = await previewed(api, world.admin, data, XLSX, "pegawai.xlsx")
    assert await state() == before
    assert body["format"] == "xlsx" and body["ok"] is True and body["columns"] == COLUMNS
    assert [(r["line"], r["action"]) for r in body["rows"]] == [(2, "BARU"), (4, "BARU"), (5, "UBAH")]
    assert body["rows"][2]["changes"] == [{"field": "position", "before": "Perawat", "after": "Perawat Ahli"}]
    assert body["rows"][1]["values"]["unit"] == "" and body["rows"][1]["values"]["supervisor"] == ""
    response = await commit(api, world.admin, data, body["digest"], XLSX, "pegawai.xlsx")
    assert response.status_code == 200, response.text
    assert response.json()["counts"] == {"rows": 3, "new": 2, "changed": 1, "unchanged": 0}
    assert (await Person.get(nip=N2)).unit_id is None
    assert (await Person.get(nip=NURSE)).position == "Perawat Ahli"
    # application/octet-stream and a name ending in .xlsx: read as a workbook too; a zip is one whatever its name
    assert (await previewed(api, world.admin, data, "application/octet-stream", "x.xlsx"))["format"] == "xlsx"
    assert (await previewed(api, world.admin, data, "text/csv", "x.csv"))["format"] == "xlsx"


async def test_a_column_left_out_keeps_what_is_stored_and_semicolons_separate_too(api, world):
    header = ["nip", "nama", "jenis_pegawai", "jabatan", "perangkat_daerah"]  # no unit, no supervisor
    data = csv_file([[TEACHER_1, "Citra Lestari", "PNS", "Guru Pertama", "DISDIK"]], header=header, delimiter=";")
    body = await previewed(api, world.admin, data)
    assert body["columns"] == ["nip", "name", "employment_type", "position", "agency"]
    assert body["rows"][0]["changes"] == [{"field": "position", "before": "Guru Kelas", "after": "Guru Pertama"}]
    assert (await commit(api, world.admin, data, body["digest"])).status_code == 200
    teacher = await Person.get(nip=TEACHER_1).prefetch_related("supervisor", "unit")
    assert (teacher.position, teacher.unit.code, teacher.supervisor.nip) == ("Guru Pertama", "SDN-001", PRINCIPAL)


# -- row errors ----------------------------------------------------------------------------------------------------

async def test_every_row_error_is_named_by_row_and_column_in_indonesian(api, world):
    rows = [
        ["19910101201601", "Nip Pendek", "PNS", "Staf", "DISDIK", "", ""],                       # 2
        [N1, "Jenis Salah", "HONORER", "Staf", "DISDIK", "", ""],                                 # 3
        [N2, "", "PNS", "Staf", "DISDIK", "", ""],                                                # 4
        [N3, "Jabatan Panjang", "PNS", "J" * 201, "DISDIK", "", ""],                              # 5
        [N4, "Dinas Tak Ada", "PNS", "Staf", "DISHUB", "", ""],                                   # 6
        [nip(31, birth="19910101", appointed="201601"), "Unit Tak Ada", "PNS", "Staf", "DISDIK", "SDN-999", ""],
        [nip(32, birth="19910101", appointed="201601"), "Atasan Tak Ada", "PNS", "Staf", "DISDIK", "",
         nip(99, birth="19910101", appointed="201601")],                                          # 8
        [nip(33, birth="19910101", appointed="201601"), "Atasan Sendiri", "PNS", "Staf", "DISDIK", "",
         nip(33, birth="19910101", appointed="201601")],                                          # 9
        [nip(34, birth="19910101", appointed="201601"), "Dua Kali", "PNS", "Staf", "DISDIK", "", ""],
        [nip(34, birth="19910101", appointed="201601"), "Dua Kali", "PNS", "Staf", "DISDIK", "", ""],  # 11
        [nip(35, birth="19910101", appointed="201601"), "Sel Lebih", "PNS", "Staf", "DISDIK", "", "", "x", "y"],
        [nip(36, birth="19910101", appointed="201601"), "N" * 1001, "PNS", "Staf", "DISDIK", "", ""],  # 13
    ]
    data = csv_file(rows)
    before = await state()
    body = await previewed(api, world.admin, data)
    assert await state() == before
    assert body["ok"] is False and body["counts"]["withErrors"] == 11 and body["counts"]["rows"] == 12
    found = errors_of(body)
    assert found[2] == [("nip", "INVALID_NIP", "NIP “19910101201601” tidak valid: NIP terdiri atas 18 angka.")]
    assert found[3] == [("employment_type", "INVALID_EMPLOYMENT_TYPE", "Jenis kepegawaian harus PNS atau PPPK.")]
    assert found[4] == [("name", "REQUIRED", "Nama wajib diisi.")]
    assert found[5] == [("position", "TOO_LONG", "Jabatan berisi 201 karakter; paling banyak 200 karakter.")]
    assert found[6] == [("agency", "NOT_FOUND", "Perangkat daerah DISHUB tidak ditemukan.")]
    assert found[7] == [("unit", "NOT_FOUND", "Unit SDN-999 tidak ditemukan di perangkat daerah DISDIK.")]
    assert found[8] == [("supervisor", "NOT_FOUND",
                         f"Pegawai dengan NIP {nip(99, birth='19910101', appointed='201601')} tidak ditemukan.")]
    assert found[9] == [("supervisor", "SELF_SUPERVISOR", "Pegawai tidak dapat menjadi atasan langsung dirinya sendiri.")]
    assert 10 not in found
    assert found[11] == [("nip", "DUPLICATE", "NIP diberikan lebih dari sekali.")]
    assert found[12] == [(None, "EXTRA_CELLS", "Baris ini memuat 2 isian di luar kolom yang bernama di baris judul.")]
    # a cell over the reader's limit: its own problem only, not the upsert's of the same cell
    assert found[13] == [("name", "TOO_LONG", "Nama berisi 1001 karakter; paling banyak 1000 karakter.")]
    assert len(body["rows"][-1]["values"]["name"]) == 1000
    # each row still says what it would do
    assert {r["action"] for r in body["rows"]} == {"BARU"}
    # the same in English without Accept-Language; the commit refused with the same rows (11), writing nothing
    await PEOPLE.refused_alike(api, world.admin, data, body, found, 4, [("name", "REQUIRED", "name must not be empty")])
    assert await state() == before


async def test_a_supervisor_loop_and_numbers_for_nips_in_a_workbook(api, world):
    # the loop is the upsert's last check: a file with nothing else wrong
    loop = csv_file([[N1, "Satu", "PNS", "Staf", "DISDIK", "", N2], [N2, "Dua", "PNS", "Staf", "DISDIK", "", N1]])
    found = errors_of(await previewed(api, world.admin, loop))
    assert [e[:2] for e in found[2]] == [("supervisor", "SUPERVISOR_LOOP")]
    assert found[2][0][2].startswith("Rantai atasan berputar kembali ke pegawai ini")
    # an 18-digit NIP typed as a number into Excel is a float that lost its last digits; a formula reads as its
    # value (none cached here: an empty cell), never as its text
    data = xlsx_file([[float(N1), "Angka", "PNS", "Staf", "DISDIK", None, float(PRINCIPAL)],
                      [N2, "=CONCAT(\"Ru\",\"mus\")", "PNS", "Staf", "DISDIK", None, None],
                      [N3, "Teks", "PNS", 12, "DISDIK", None, None]])
    before = await state()
    body = await previewed(api, world.admin, data, XLSX, "angka.xlsx")
    found = errors_of(body)
    assert [e[:2] for e in found[2]] == [("nip", "NIP_AS_NUMBER"), ("supervisor", "NIP_AS_NUMBER")]
    assert found[2][0][2] == ("NIP tersimpan sebagai angka di Excel sehingga digit terakhirnya dapat berubah; format "
                              "kolom sebagai Teks lalu ketik ulang.")
    assert found[2][1][2].startswith("Atasan langsung tersimpan sebagai angka")
    assert found[3] == [("name", "REQUIRED", "Nama wajib diisi.")]
    assert 4 not in found and body["rows"][2]["values"]["position"] == "12"  # a number elsewhere: its text
    assert (await commit(api, world.admin, data, body["digest"], XLSX)).status_code == 422
    assert await state() == before


# -- refusals of the commit ----------------------------------------------------------------------------------------

async def test_a_commit_of_another_file_than_the_previewed_one_is_refused(api, world):
    first = csv_file([[N1, "Hana Wijaya", "PNS", "Staf", "DISDIK", "", ""]])
    other = csv_file([[N1, "Hana Wijaya", "PNS", "Kepala", "DISDIK", "", ""]])
    digest = (await previewed(api, world.admin, first))["digest"]
    before = await state()
    await PEOPLE.mismatched(api, world.admin, ((other, digest, {}), (first, None, {}), (first, "0" * 64, {})))
    assert await state() == before
    # the digest may come as a header too
    response = await send(api, "/imports/people", world.admin, first, headers={"X-Preview-Digest": digest})
    assert response.status_code == 200 and await Person.filter(nip=N1).exists()


async def test_an_agency_admin_imports_its_own_agency_only(api, world):
    data = csv_file([
        [N1, "Hana Wijaya", "PNS", "Guru Kelas", "DISDIK", "SDN-001", PRINCIPAL],     # 2 fine
        [N2, "Orang Dinkes", "PNS", "Perawat", "DINKES", "", ""],                     # 3 another agency
        [NURSE, "Gita Permata", "PNS", "Perawat", "DISDIK", "", ""],                  # 4 a NIP of another agency
        [N3, "Atasan Dinkes", "PNS", "Staf", "DISDIK", "", DINKES_HEAD],              # 5 a supervisor there
    ])
    before = await state()
    body = await previewed(api, world.disdik_admin, data)
    assert await state() == before
    found = errors_of(body)
    assert 2 not in found and body["rows"][0]["action"] == "BARU"
    assert found[3] == [("agency", "NOT_FOUND", "Perangkat daerah DINKES tidak ditemukan.")]
    assert found[4] == [("nip", "FORBIDDEN", "Anda tidak berwenang mengubah data pegawai ini.")]
    assert found[5] == [("supervisor", "NOT_FOUND", f"Pegawai dengan NIP {DINKES_HEAD} tidak ditemukan.")]
    # nothing of the other agency's person is shown: no action, no stored values
    assert body["rows"][2]["action"] is None and body["rows"][2]["changes"] == []
    assert "PKM-BATU10" not in str(body) and "Perawat Ahli" not in str(body)
    assert (await commit(api, world.disdik_admin, data, body["digest"])).status_code == 422
    assert await state() == before
    # its own agency's rows alone: written
    own = csv_file([[N1, "Hana Wijaya", "PNS", "Guru Kelas", "DISDIK", "SDN-001", PRINCIPAL]])
    response = await commit(api, world.disdik_admin, own, people_import.digest_of(own))
    assert response.status_code == 200 and await Person.filter(nip=N1).exists()


async def test_who_may_import_and_export(api, world):
    data = csv_file([[N1, "Hana Wijaya", "PNS", "Staf", "DISDIK", "", ""]])
    before = await state()
    for path in ("/imports/people/preview", "/imports/people"):
        await PEOPLE.refuses_strangers(api, path, data, world.teacher, world.admin, "Anda tidak berwenang mengimpor "
                                       "data pegawai; hanya untuk Admin BKPSDM dan admin perangkat daerah.")
    for path in ("/exports/people.csv", "/exports/people.xlsx"):
        await export_refuses_strangers(api, path, {}, world.principal, world.admin, world.disdik_admin,
                                       "mengekspor data pegawai")
        response = await api.client.get(path, params={"agenc": "X"}, headers={"Authorization": f"Bearer {world.admin}"})
        assert response.status_code == 400 and response.json()["errors"][0]["code"] == "BAD_ARGUMENT"
    assert await state() == before


# -- files that cannot be read -------------------------------------------------------------------------------------

def zip_of(**parts: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name.replace("__", "/").replace("_dot_", "."), content)
    return out.getvalue()


async def test_hostile_and_broken_files_are_refused_and_write_nothing(api, world):
    good_row = [N1, "Hana Wijaya", "PNS", "Staf", "DISDIK", "", ""]
    many = csv_file([[nip(1 + i % 999, birth="19910101", appointed="201601"), "Nama", "PNS", "Staf", "DISDIK", "",
                      ""] for i in range(people_import.MAX_ROWS + 1)])
    bomb = zip_of(xl__worksheets__sheet1_dot_xml=b"0" * (people_import.MAX_UNZIPPED_BYTES + 1))
    cases = [
        # (body, media type, file name, status, code, Indonesian message)
        (b"x" * (people_import.MAX_FILE_BYTES + 1), "text/csv", "besar.csv", 413, "FILE_TOO_LARGE",
         "Berkas lebih besar dari 5 MiB; bagi menjadi beberapa berkas."),
        (many, "text/csv", "banyak.csv", 400, "TOO_MANY_ROWS",
         "Berkas memuat lebih dari 20.000 baris data; bagi menjadi beberapa berkas."),
        (bomb, XLSX, "bom.xlsx", 413, "FILE_TOO_LARGE",
         "Isi buku kerja ini lebih dari 64 MiB setelah dibuka; bagi menjadi beberapa berkas."),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "application/pdf", "surat.pdf", 415, "UNSUPPORTED_FILE_TYPE",
         "Berkas surat.pdf bukan berkas CSV (.csv) atau buku kerja Excel (.xlsx)."),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", XLSX, "surat.xlsx", 400, "NOT_A_SPREADSHEET",
         "Berkas surat.xlsx bukan teks CSV atau buku kerja Excel (.xlsx) yang dapat dibaca."),
        (zip_of(readme_dot_txt=b"bukan buku kerja"), XLSX, "arsip.xlsx", 400, "NOT_A_SPREADSHEET",
         "Berkas arsip.xlsx bukan teks CSV atau buku kerja Excel (.xlsx) yang dapat dibaca."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text/csv", "foto.csv", 400, "NOT_A_SPREADSHEET",
         "Berkas foto.csv bukan teks UTF-8 (bita ke-1); simpan ulang sebagai CSV UTF-8."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "application/vnd.ms-excel", "lama.xls", 400,
         "NOT_A_SPREADSHEET", "Berkas lama.xls bukan teks CSV atau buku kerja Excel (.xlsx) yang dapat dibaca."),
        (b"nip,name\x00,x\n", "text/csv", "nul.csv", 400, "NOT_A_SPREADSHEET",
         "Berkas nul.csv bukan teks CSV atau buku kerja Excel (.xlsx) yang dapat dibaca."),
        ("nip,name\nAndi,Pr\xe4t".encode("latin-1"), "text/csv", "latin.csv", 400, "NOT_A_SPREADSHEET",
         "Berkas latin.csv bukan teks UTF-8 (bita ke-17); simpan ulang sebagai CSV UTF-8."),
        (csv_file([good_row])[:-3] + b'"x\n' + csv_file([good_row]).split(b"\n", 1)[1], "text/csv", "kutip.csv", 400,
         "CSV_MALFORMED", "Baris 3 berkas CSV tidak dapat dibaca; periksa tanda kutipnya."),
        (b"", "text/csv", "kosong.csv", 400, "NO_ROWS", "Berkas tidak memuat baris data pegawai di bawah baris judul."),
        (csv_file([]), "text/csv", "judul.csv", 400, "NO_ROWS",
         "Berkas tidak memuat baris data pegawai di bawah baris judul."),
        (xlsx_file([], header=["NIP", "Nama"]), XLSX, "judul.xlsx", 400, "BAD_HEADER",
         "Baris judul tidak memuat kolom employment_type, position dan agency; kolom yang dikenal: nip, name/nama, "
         "employment_type/jenis_pegawai, position/jabatan, agency/perangkat_daerah, unit, supervisor/atasan."),
    ]
    before = await state()
    for body, media, name, status, code, message in cases:
        for path in ("/imports/people/preview", "/imports/people"):
            extra = {"digest": people_import.digest_of(body)} if path == "/imports/people" else {}
            response = await send(api, path, world.admin, body, media, name, **extra)
            assert response.status_code == status, (name, path, response.text)
            assert response.json()["errors"] == [{"code": code, "message": message}], (name, path)
            assert response.headers["x-error-code"] == code
    # every problem of a header at once
    header = csv_file([good_row], header=["nip", "nama", "name", "jenis", "jabatan", "agency", "catatan"])
    response = await preview(api, world.admin, header)
    assert response.status_code == 400
    assert [e["message"] for e in response.json()["errors"]] == [
        "Baris judul tidak memuat kolom employment_type; kolom yang dikenal: nip, name/nama, "
        "employment_type/jenis_pegawai, position/jabatan, agency/perangkat_daerah, unit, supervisor/atasan.",
        "Kolom jenis dan catatan di baris judul tidak dikenal; kolom yang dikenal: nip, name/nama, "
        "employment_type/jenis_pegawai, position/jabatan, agency/perangkat_daerah, unit, supervisor/atasan.",
        "Kolom name muncul lebih dari sekali di baris judul."]
    assert await state() == before
    # exactly MAX_ROWS rows are read (the limit is the limit, not one less)
    assert len(people_import.read_sheet("csv", "x.csv", csv_file([good_row] * people_import.MAX_ROWS)).rows) \
        == people_import.MAX_ROWS


# -- the export ----------------------------------------------------------------------------------------------------

async def test_an_export_imports_back_as_unchanged(api, world):
    # a name a spreadsheet would take for a formula: neutralised in the CSV, plain text in the workbook, the same
    # person when imported back
    odd = csv_file([[N1, "=HYPERLINK(\"http://x\")", "PNS", "-", "DISDIK", "", HEAD]])
    assert (await commit(api, world.admin, odd, people_import.digest_of(odd))).status_code == 200

    response = await get(api, "/exports/people.csv", world.admin)
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == f'attachment; filename="pegawai-semua-{clock.today()}.csv"'
    text = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == COLUMNS
    assert lines[1:] == sorted([*WORLD_ROWS.values(), [N1, "'=HYPERLINK(\"http://x\")", "PNS", "'-", "DISDIK", "",
                                                        HEAD]], key=lambda r: (r[4], r[1].lstrip("'"), r[0]))
    body = await previewed(api, world.admin, response.content)
    assert body["ok"] and {r["action"] for r in body["rows"]} == {"SAMA"} and body["counts"]["unchanged"] == 8

    response = await get(api, "/exports/people.xlsx", world.admin)
    assert response.headers["content-type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert sheet.title == "Pegawai" and sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:G9"
    cells = list(sheet.iter_rows(values_only=True))
    assert list(cells[0]) == ["NIP", "Nama", "Jenis Pegawai", "Jabatan", "Kode Perangkat Daerah", "Kode Unit",
                              "NIP Atasan"]
    assert sheet["A1"].font.b and sheet["A2"].data_type == "s" and sheet["A2"].number_format == "@"
    odd_row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == N1)
    assert odd_row[1].value == "=HYPERLINK(\"http://x\")" and odd_row[1].data_type == "s"  # text, not a formula
    body = await previewed(api, world.admin, response.content, XLSX, "ekspor.xlsx")
    assert body["ok"] and {r["action"] for r in body["rows"]} == {"SAMA"} and len(body["rows"]) == 8

    # an agency admin: its own agency, by default and by name; ADMIN: one agency by name
    for token, params in ((world.disdik_admin, {}), (world.disdik_admin, {"agency": "disdik"}),
                          (world.admin, {"agency": "DISDIK"})):
        response = await get(api, "/exports/people.csv", token, **params)
        assert "pegawai-DISDIK-" in response.headers["content-disposition"]
        nips = [r[0] for r in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))][1:]
        assert sorted(nips) == sorted([N1, HEAD, PRINCIPAL, TEACHER_1, TEACHER_2, CLERK])
        body = await previewed(api, token, response.content)
        assert {r["action"] for r in body["rows"]} == {"SAMA"} and body["ok"]
    response = await get(api, "/exports/people.xlsx", world.dinkes_admin)
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))[1:]
    assert sorted(r[0] for r in rows) == sorted([DINKES_HEAD, NURSE])
    # an edited export is an import: one change
    rows = [list(r) for r in rows]
    rows[[r[0] for r in rows].index(NURSE)][3] = "Perawat Ahli"
    edited = xlsx_file(rows, header=list(people_import.XLSX_HEADERS.values()))
    body = await previewed(api, world.dinkes_admin, edited, XLSX, "edit.xlsx")
    assert [(r["values"]["nip"], r["action"]) for r in body["rows"] if r["action"] != "SAMA"] == [(NURSE, "UBAH")]
    response = await commit(api, world.dinkes_admin, edited, body["digest"], XLSX, "edit.xlsx")
    assert response.status_code == 200 and response.json()["counts"]["changed"] == 1
    assert (await Person.get(nip=NURSE)).position == "Perawat Ahli"


def test_the_header_is_the_first_row_that_is_not_empty_and_lines_are_the_files():
    data = b"\r\n,,\r\n" + csv_file([[N1, "Hana", "PNS", "Staf", "DISDIK", "", ""], [], [N2, "Indra", "PNS", "Staf",
                                                                                  "DISDIK", "", ""]])
    sheet = people_import.read_sheet("csv", "x.csv", data)
    assert [(r.line, r.values["name"]) for r in sheet.rows] == [(4, "Hana"), (6, "Indra")]
    book = Workbook()
    book.active.append([])
    book.active.append(["NIP", "Nama", "Jenis Pegawai", "Jabatan", "Perangkat Daerah"])
    book.active.append([N1, "Hana", "PNS", "Staf", "DISDIK"])
    out = io.BytesIO()
    book.save(out)
    sheet = people_import.read_sheet("xlsx", "x.xlsx", out.getvalue())
    assert [(r.line, r.values["nip"]) for r in sheet.rows] == [(3, N1)]
    assert sheet.columns == ("nip", "name", "employment_type", "position", "agency")


@pytest.mark.parametrize("cells, expected", [
    ([None, "", "  "], ["", "", "  "]),
    ([True, 12, 12.0, 1.5], ["TRUE", "12", "12", "1.5"]),
    # an integer (a tool other than Excel may store one) is exact; a float of 18 digits is not
    ([199101012016010023, 1.9910101201601e+17], ["199101012016010023", "199101012016010000"]),
])
def test_cells_read_as_text(cells, expected):
    assert [people_import._text(v) for v in cells] == expected
