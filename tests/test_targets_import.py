"""SKP targets from and to files through the real app (http/target_files.py, services/skp/targets_import.py): a CSV
or XLSX file of one cycle's person targets previewed row by row (BARU / UBAH with its fields / SAMA, every row's
errors by column, in Indonesian), then written all or nothing with the preview's digest, by setTargets' own rules;
the export in the same columns, which imports back as SAMA.

Every refusal is checked to write nothing: every domain table's rows and the audit trail stay as they were
(`state`). Both databases."""

from __future__ import annotations

import csv
import io
from functools import partial

from openpyxl import load_workbook

import import_helpers
from import_helpers import Importer, errors_of, export_refuses_strangers, get
from kinerja.models import AuditEvent, Target
from kinerja.services.auth import tokens
from kinerja.services.core import clock
from kinerja.services.skp import targets_import
from seeded import table_counts
from world import CLERK, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, nip

COLUMNS = ["nip", "indicator", "work_result", "value", "lower", "upper"]
HEADER_ID = ["NIP", "Kode Indikator", "Rencana Hasil Kerja", "Target", "Batas Bawah", "Batas Atas"]
XLSX = targets_import.sheets.XLSX_MEDIA_TYPE
NOBODY = nip(99, birth="19910101", appointed="201601")
SET = """mutation($input: [TargetInput!]!) { setTargets(input: $input) { targets { id } errors { path code } } }"""
STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code message } } }"

LULUS = "Kelulusan siswa kelas 6"
APK = "Partisipasi kasar SD"


csv_file = partial(import_helpers.csv_file, header=COLUMNS)
xlsx_file = partial(import_helpers.xlsx_file, header=HEADER_ID)
TARGETS = Importer("/imports/targets", "target.csv", cycle=2025)
send, preview, commit, previewed = TARGETS.send, TARGETS.preview, TARGETS.commit, TARGETS.previewed


async def committed(api, token, data, media="text/csv", filename="target.csv") -> dict:
    response = await commit(api, token, data, targets_import.digest_of(2025, data), media, filename)
    assert response.status_code == 200, response.text
    return response.json()


async def state() -> tuple:
    """Everything an import could write: every table's count, every target as stored, and the audit trail."""
    targets = await Target.all().order_by("id").values_list("id", "person_id", "indicator_id", "work_result", "value",
                                                            "lower_bound", "upper_bound")
    events = await AuditEvent.all().order_by("id").values_list("id", "action", "entity_id")
    return await table_counts(), targets, events


async def seeded(api, world) -> None:
    """The specs loaded, and two stored targets: a value (TEACHER_1) and a range (TEACHER_2)."""
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    data = (await api.gql(SET, token=world.admin, input=[
        {"cycle": 2025, "indicator": "DISDIK.KELULUSAN", "nip": TEACHER_1, "workResult": LULUS, "value": 95},
        {"cycle": 2025, "indicator": "DISDIK.APK", "nip": TEACHER_2, "workResult": APK, "lower": 95, "upper": 105},
    ]))["setTargets"]
    assert data["errors"] == []


# -- preview and commit --------------------------------------------------------------------------------------------

async def test_a_csv_is_previewed_row_by_row_and_committed_all_at_once(api, world):
    await seeded(api, world)
    data = csv_file([
        [TEACHER_1, "DISDIK.KELULUSAN", LULUS, "97", "", ""],                                   # UBAH: value
        [TEACHER_2, "disdik.apk", f" {APK} ", "", "95", "105"],                                # SAMA (a range)
        [],                                                                                      # skipped
        [f"{CLERK[:8]} {CLERK[8:]}", "DISDIK.PARTISIPASI_MASYARAKAT", "Sosialisasi", "75,5", "", ""],  # BARU
        [TEACHER_1, "DISDIK.PUTUS_SEKOLAH", "Tanpa putus sekolah", "0", "", ""],                 # BARU
    ])
    before = await state()
    body = await previewed(api, world.admin, data)
    assert await state() == before  # a preview writes nothing
    assert body["ok"] is True and body["errors"] == [] and body["format"] == "csv" and body["cycle"] == 2025
    assert body["filename"] == "target.csv" and body["digest"] == targets_import.digest_of(2025, data)
    assert body["digest"] != targets_import.digest_of(2026, data)
    assert body["columns"] == COLUMNS
    assert body["counts"] == {"rows": 4, "new": 2, "changed": 1, "unchanged": 1, "withErrors": 0}
    rows = body["rows"]
    assert [r["line"] for r in rows] == [2, 3, 5, 6]
    assert [r["action"] for r in rows] == ["UBAH", "SAMA", "BARU", "BARU"]
    assert rows[0]["changes"] == [{"field": "value", "before": "95", "after": "97"}]
    assert all(r["changes"] == [] for r in rows[1:]) and all(not r["errors"] for r in rows)

    last = await AuditEvent.all().order_by("-id").first()
    response = await commit(api, world.admin, data, body["digest"])
    assert response.status_code == 200, response.text
    assert response.json() == {"filename": "target.csv", "digest": body["digest"], "cycle": 2025, "ok": True,
                               "counts": {"rows": 4, "new": 2, "changed": 1, "unchanged": 1}, "errors": []}
    stored = {(t.person.nip, t.indicator.full_code): t
              for t in await Target.all().prefetch_related("person", "indicator")}
    assert len(stored) == 4
    assert stored[(TEACHER_1, "DISDIK.KELULUSAN")].value == 97.0
    assert (stored[(CLERK, "DISDIK.PARTISIPASI_MASYARAKAT")].value,
            stored[(CLERK, "DISDIK.PARTISIPASI_MASYARAKAT")].work_result) == (75.5, "Sosialisasi")
    assert stored[(TEACHER_1, "DISDIK.PUTUS_SEKOLAH")].value == 0.0
    # the events: setTargets' own for the new targets, an update for the changed one, and the import's
    events = await AuditEvent.filter(id__gt=last.id).order_by("id").values("action", "entity_id", "before", "after")
    assert sorted(e["action"] for e in events) == ["target.create", "target.create", "target.update",
                                                   "targets.import"]
    update = next(e for e in events if e["action"] == "target.update")
    assert update["entity_id"] == str(stored[(TEACHER_1, "DISDIK.KELULUSAN")].id)
    assert update["before"] == {"work_result": LULUS, "value": 95.0, "lower": None, "upper": None}
    assert update["after"] == {"work_result": LULUS, "value": 97.0, "lower": None, "upper": None,
                               "import": body["digest"][:16]}
    imported = next(e for e in events if e["action"] == "targets.import")
    assert imported["entity_id"] == body["digest"][:16]
    assert imported["after"] == {"filename": "target.csv", "format": "csv", "digest": body["digest"], "cycle": 2025,
                                 "rows": 4, "created": 2, "updated": 1, "unchanged": 1}
    # the same file again is all SAMA now, and committing it writes nothing but the import's event
    again = await previewed(api, world.admin, data)
    assert [r["action"] for r in again["rows"]] == ["SAMA"] * 4
    last = await AuditEvent.all().order_by("-id").first()
    assert (await committed(api, world.admin, data))["counts"] == {"rows": 4, "new": 0, "changed": 0, "unchanged": 4}
    assert [e.action for e in await AuditEvent.filter(id__gt=last.id)] == ["targets.import"]
    assert await Target.all().count() == 4


async def test_an_xlsx_with_indonesian_headers_renames_a_work_result_and_turns_a_value_into_a_range(api, world):
    await seeded(api, world)
    data = xlsx_file([[TEACHER_1, "DISDIK.KELULUSAN", "Kelulusan siswa kelas 6 SDN 001", 95, None, None],
                      [None] * 6,
                      [TEACHER_2, "DISDIK.APK", APK, 100, None, None],
                      [PRINCIPAL, "DISDIK.APM", "Partisipasi murni", 87.5, None, None]])
    before = await state()
    body = await previewed(api, world.admin, data, XLSX, "target.xlsx")
    assert await state() == before
    assert body["format"] == "xlsx" and body["ok"] is True and body["columns"] == COLUMNS
    assert [(r["line"], r["action"]) for r in body["rows"]] == [(2, "UBAH"), (4, "UBAH"), (5, "BARU")]
    assert body["rows"][0]["changes"] == [{"field": "work_result", "before": LULUS,
                                           "after": "Kelulusan siswa kelas 6 SDN 001"}]
    assert body["rows"][1]["changes"] == [{"field": "value", "before": None, "after": "100"},
                                          {"field": "lower", "before": "95", "after": None},
                                          {"field": "upper", "before": "105", "after": None}]
    assert body["rows"][2]["values"]["value"] == "87.5"
    response = await commit(api, world.admin, data, body["digest"], XLSX, "target.xlsx")
    assert response.status_code == 200, response.text
    assert response.json()["counts"] == {"rows": 3, "new": 1, "changed": 2, "unchanged": 0}
    apk = await Target.get(person__nip=TEACHER_2)
    assert (apk.value, apk.lower_bound, apk.upper_bound) == (100.0, None, None)
    assert (await Target.get(person__nip=TEACHER_1)).work_result == "Kelulusan siswa kelas 6 SDN 001"
    assert await Target.all().count() == 3
    # application/octet-stream and a name ending in .xlsx: read as a workbook too
    assert (await previewed(api, world.admin, data, "application/octet-stream", "x.xlsx"))["format"] == "xlsx"


# -- row errors ----------------------------------------------------------------------------------------------------

async def test_every_row_error_is_named_by_row_and_column_in_indonesian(api, world):
    await seeded(api, world)
    rows = [
        [NOBODY, "DISDIK.KELULUSAN", "Tidak ada orangnya", "90", "", ""],             # 2 unknown NIP
        [TEACHER_1, "DISDIK.TIDAK_ADA", "Indikator tak dikenal", "90", "", ""],        # 3 unknown indicator
        [TEACHER_1, "DISDIK.APM", "Angka salah", "sembilan puluh", "", ""],           # 4 bad number
        [TEACHER_1, "DISDIK.APM", "", "90", "", ""],                                   # 5 no work result
        ["", "DISDIK.APM", "Tanpa NIP", "90", "", ""],                                 # 6 no NIP
        [TEACHER_2, "DISDIK.APM", "Dua kali", "90", "", ""],                           # 7
        [TEACHER_2, "disdik.apm", " Dua kali ", "91", "", ""],                         # 8 the same target again
        [TEACHER_2, "DISDIK.KELULUSAN", "Nol", "0", "", ""],                           # 9 0 for higher is better
        [TEACHER_2, "DISDIK.APK", "Rentang terbalik", "", "105", "95"],                # 10 lower above upper
        [TEACHER_2, "DISDIK.APS_7_12", "Sel lebih", "90", "", "", "x"],                # 11 a cell outside
        [TEACHER_1, "DISDIK.KELULUSAN", LULUS, "=1+1", "", ""],                        # 12 a formula's text
    ]
    data = csv_file(rows)
    before = await state()
    body = await previewed(api, world.admin, data)
    assert await state() == before
    found = errors_of(body)
    assert body["ok"] is False and body["counts"]["rows"] == 11 and body["counts"]["withErrors"] == 10
    assert found[2] == [("nip", "NOT_FOUND", f"Pegawai dengan NIP {NOBODY} tidak ditemukan.")]
    assert found[3] == [("indicator", "NOT_FOUND", "Indikator DISDIK.TIDAK_ADA tidak ditemukan.")]
    assert found[4] == [("value", "INVALID_TYPE", "Nilai harus berupa angka (diisi sembilan puluh).")]
    assert found[5] == [("work_result", "REQUIRED", "Rencana hasil kerja wajib diisi.")]
    assert found[6] == [("nip", "REQUIRED", "NIP wajib diisi.")]
    assert 7 not in found
    assert found[8] == [(None, "DUPLICATE_ROW", "Target yang sama (NIP, indikator dan rencana hasil kerja) sudah "
                                                "ada pada baris 7.")]
    assert [e[:2] for e in found[9]] == [("value", "INVALID_VALUE")]
    assert [e[:2] for e in found[10]] == [("lower", "INVALID_TARGET_RANGE")]
    assert found[10][0][2].startswith("Rentang target tidak valid: batas bawah tidak boleh melebihi batas atas")
    assert found[11] == [(None, "EXTRA_CELLS", "Baris ini memuat 1 isian di luar kolom yang bernama di baris judul.")]
    assert found[12] == [("value", "INVALID_TYPE", "Nilai harus berupa angka (diisi =1+1).")]
    # each row still says what it would do (the reversed range: TEACHER_2's one APK target, its work result
    # changed); an unknown person's row none
    assert [r["action"] for r in body["rows"]] == [None, "BARU", "BARU", "BARU", None, "BARU", "BARU", "BARU",
                                                   "UBAH", "BARU", "UBAH"]
    # the same in English without Accept-Language; the commit refused with the same rows (10), writing nothing
    await TARGETS.refused_alike(api, world.admin, data, body, found, 5, [("work_result", "REQUIRED", "work result must not be empty")])
    assert await state() == before


async def test_a_formula_in_a_workbook_reads_as_its_value_and_a_nip_as_a_number_is_refused(api, world):
    await seeded(api, world)
    data = xlsx_file([[TEACHER_1, "DISDIK.APM", "Rumus", "=40+50", None, None],          # no cached value: empty
                      [float(TEACHER_2), "DISDIK.APM", "Angka", 90, None, None]])
    before = await state()
    body = await previewed(api, world.admin, data, XLSX, "rumus.xlsx")
    found = errors_of(body)
    assert [e[:2] for e in found[2]] == [("value", "REQUIRED")]
    assert found[3][0][:2] == ("nip", "NIP_AS_NUMBER") and len(found[3]) == 1
    assert (await commit(api, world.admin, data, body["digest"], XLSX, "rumus.xlsx")).status_code == 422
    assert await state() == before


# -- who may import ------------------------------------------------------------------------------------------------

async def test_an_agency_admin_and_a_supervisor_import_for_their_own_people_only(api, world):
    await seeded(api, world)
    data = csv_file([
        [TEACHER_1, "DISDIK.KELULUSAN", LULUS, "96", "", ""],                 # 2 fine (UBAH)
        [NURSE, "DISDIK.APM", "Perawat", "90", "", ""],                        # 3 another agency's person
    ])
    before = await state()
    body = await previewed(api, world.disdik_admin, data)
    found = errors_of(body)
    assert 2 not in found and body["rows"][0]["action"] == "UBAH"
    assert found[3] == [("nip", "NOT_FOUND", f"Pegawai dengan NIP {NURSE} tidak ditemukan.")]
    assert body["rows"][1]["action"] is None and body["rows"][1]["changes"] == []
    assert (await commit(api, world.disdik_admin, data, body["digest"])).status_code == 422
    # the DINKES admin: its own nurse, but a DISDIK indicator; the DISDIK teacher is not found
    body = await previewed(api, world.dinkes_admin, data)
    found = errors_of(body)
    assert found[2] == [("nip", "NOT_FOUND", f"Pegawai dengan NIP {TEACHER_1} tidak ditemukan.")]
    assert body["rows"][0]["action"] is None and "95" not in str(body["rows"][0])  # nothing stored is shown
    assert [e[:2] for e in found[3]] == [("indicator", "WRONG_AGENCY")]
    # a supervisor: its own staff (TEACHER_1, TEACHER_2), not the clerk beside them nor its own targets
    staff = csv_file([[TEACHER_1, "DISDIK.KELULUSAN", LULUS, "96", "", ""],
                      [CLERK, "DISDIK.APM", "Arsip", "90", "", ""],
                      [PRINCIPAL, "DISDIK.APM", "Diri sendiri", "90", "", ""]])
    body = await previewed(api, world.principal, staff)
    found = errors_of(body)
    assert 2 not in found and body["rows"][0]["action"] == "UBAH"
    assert found[3] == [("nip", "NOT_FOUND", f"Pegawai dengan NIP {CLERK} tidak ditemukan.")]
    assert found[4] == [("nip", "FORBIDDEN", "Anda tidak berwenang menetapkan target pegawai ini; target ditetapkan "
                                             "oleh Admin BKPSDM, admin perangkat daerah atau atasan pegawai.")]
    assert await state() == before
    # their own rows alone: written
    own = csv_file([[TEACHER_1, "DISDIK.KELULUSAN", LULUS, "96", "", ""]])
    assert (await committed(api, world.principal, own))["counts"]["changed"] == 1
    assert (await Target.get(person__nip=TEACHER_1)).value == 96.0
    # the head supervises the principal, not the teachers below him
    head = await previewed(api, await tokens.create_token("EMPLOYEE", nip=HEAD), csv_file([
        [PRINCIPAL, "DISDIK.APM", "Sekolah", "90", "", ""], [TEACHER_2, "DISDIK.APM", "Kelas", "90", "", ""]]))
    found = errors_of(head)
    assert 2 not in found and [e[:2] for e in found[3]] == [("nip", "FORBIDDEN")]


async def test_who_may_import_and_export(api, world):
    await seeded(api, world)
    data = csv_file([[TEACHER_1, "DISDIK.APM", "Kelas", "90", "", ""]])
    before = await state()
    for path in ("/imports/targets/preview", "/imports/targets"):
        # no token, an employee who supervises nobody, a token in the address
        await TARGETS.refuses_strangers(api, path, data, world.teacher, world.admin, "Anda tidak berwenang mengimpor "
                                        "target SKP; hanya untuk Admin BKPSDM, admin perangkat daerah dan atasan "
                                        "yang memiliki bawahan.")
        # the cycle: required, a year, known, taking targets
        response = await send(api, path, world.admin, data, cycle=None)
        assert response.status_code == 400 and response.json()["errors"] == [
            {"code": "REQUIRED", "message": "Siklus wajib diisi."}]
        response = await send(api, path, world.admin, data, cycle="dua")
        assert response.status_code == 400 and response.json()["errors"][0]["code"] == "INVALID_YEAR"
        response = await send(api, path, world.admin, data, cycle=2030,
                              **({"digest": "x"} if path == "/imports/targets" else {}))
        assert response.status_code == 404 and response.json()["errors"] == [
            {"code": "NOT_FOUND", "message": "Siklus 2030 tidak ditemukan."}]
    for path in ("/exports/targets.csv", "/exports/targets.xlsx"):
        await export_refuses_strangers(api, path, {"cycle": 2025}, world.teacher, world.admin, world.disdik_admin,
                                       "mengekspor target SKP")
        response = await api.client.get(path, params={"agency": "DISDIK"},
                                        headers={"Authorization": f"Bearer {world.admin}"})
        assert response.status_code == 400 and response.json()["errors"][0]["code"] == "REQUIRED"
        response = await api.client.get(path, params={"cycle": 2025, "x": "1"},
                                        headers={"Authorization": f"Bearer {world.admin}"})
        assert response.status_code == 400 and response.json()["errors"][0]["code"] == "BAD_ARGUMENT"
    assert await state() == before
    # a cycle past planning and its activity takes no targets: the whole file is refused
    assert (await api.gql(STATUS, token=world.admin, s="ACTIVE"))["setCycleStatus"]["errors"] == []
    assert (await preview(api, world.admin, data)).status_code == 200
    assert (await api.gql(STATUS, token=world.admin, s="EVALUATION"))["setCycleStatus"]["errors"] == []
    before = await state()
    for path in ("/imports/targets/preview", "/imports/targets"):
        extra = {"digest": targets_import.digest_of(2025, data)} if path == "/imports/targets" else {}
        response = await send(api, path, world.admin, data, **extra)
        assert response.status_code == 400 and response.json()["errors"][0]["code"] == "CYCLE_STATE"
    assert await state() == before


# -- refusals of the commit and of the file ------------------------------------------------------------------------

async def test_a_commit_of_another_file_or_cycle_than_the_previewed_one_is_refused(api, world):
    await seeded(api, world)
    await api.gql("mutation { createCycle(year: 2026) { errors { code } } }", token=world.admin)
    first = csv_file([[TEACHER_1, "DISDIK.APM", "Kelas", "90", "", ""]])
    other = csv_file([[TEACHER_1, "DISDIK.APM", "Kelas", "91", "", ""]])
    digest = (await previewed(api, world.admin, first))["digest"]
    before = await state()
    await TARGETS.mismatched(api, world.admin, ((other, digest, {"cycle": 2025}), (first, None, {}),
                                                (first, "0" * 64, {"cycle": 2025}), (first, digest, {"cycle": 2026})))
    assert await state() == before
    # the digest may come as a header too
    response = await send(api, "/imports/targets", world.admin, first, headers={"X-Preview-Digest": digest})
    assert response.status_code == 200 and await Target.filter(work_result="Kelas").exists()


async def test_a_row_that_fails_at_the_commit_refuses_the_whole_file(api, world):
    """The preview's checks run again in the commit's transaction: a person moved out of the importer's reach since
    the preview refuses every row."""
    await seeded(api, world)
    data = csv_file([[TEACHER_1, "DISDIK.APM", "Kelas", "90", "", ""],
                     [TEACHER_2, "DISDIK.APM", "Kelas", "90", "", ""]])
    digest = (await previewed(api, world.principal, data))["digest"]
    await api.gql("""mutation($n: String!, $s: String!) { upsertPeople(input: [{nip: $n, name: "Dewi Anggraini",
        employmentType: PNS, position: "Guru Kelas", agency: "DISDIK", unit: "SDN-001", supervisor: $s}]) {
        errors { code } } }""", token=world.admin, n=TEACHER_2, s=HEAD)
    before = await state()
    response = await commit(api, world.principal, data, digest)
    assert response.status_code == 422, response.text
    assert [e[:2] for e in errors_of(response.json())[3]] == [("nip", "NOT_FOUND")]
    assert await state() == before


async def test_broken_files_are_refused_and_write_nothing(api, world):
    await seeded(api, world)
    good = [TEACHER_1, "DISDIK.APM", "Kelas", "90", "", ""]
    cases = [
        (b"x" * (targets_import.sheets.MAX_FILE_BYTES + 1), "text/csv", "besar.csv", 413, "FILE_TOO_LARGE",
         "Berkas lebih besar dari 5 MiB; bagi menjadi beberapa berkas."),
        (b"%PDF-1.7\n", "application/pdf", "surat.pdf", 415, "UNSUPPORTED_FILE_TYPE",
         "Berkas surat.pdf bukan berkas CSV (.csv) atau buku kerja Excel (.xlsx)."),
        (csv_file([]), "text/csv", "judul.csv", 400, "NO_ROWS",
         "Berkas tidak memuat baris data target di bawah baris judul."),
        (csv_file([good[1:]], header=COLUMNS[1:]), "text/csv", "tanpa-nip.csv", 400, "BAD_HEADER",
         "Baris judul tidak memuat kolom nip; kolom yang dikenal: nip, indicator/indikator, "
         "work_result/rencana_hasil_kerja, value/target, lower/batas_bawah, upper/batas_atas."),
        (xlsx_file([good], header=["NIP", "Indikator", "RHK", "Target", "Catatan"]), XLSX, "catatan.xlsx", 400,
         "BAD_HEADER", "Kolom Catatan di baris judul tidak dikenal; kolom yang dikenal: nip, indicator/indikator, "
                       "work_result/rencana_hasil_kerja, value/target, lower/batas_bawah, upper/batas_atas."),
    ]
    before = await state()
    for body, media, name, status, code, message in cases:
        for path in ("/imports/targets/preview", "/imports/targets"):
            extra = {"digest": targets_import.digest_of(2025, body)} if path == "/imports/targets" else {}
            response = await send(api, path, world.admin, body, media, name, **extra)
            assert response.status_code == status, (name, path, response.text)
            assert response.json()["errors"] == [{"code": code, "message": message}], (name, path)
    assert await state() == before


# -- the export ----------------------------------------------------------------------------------------------------

async def test_an_export_imports_back_as_unchanged_and_an_edited_one_as_its_changes(api, world):
    await seeded(api, world)
    # a work result a spreadsheet would take for a formula: neutralised in the CSV, text in the workbook
    odd = csv_file([[CLERK, "DISDIK.APM", "=HYPERLINK(\"http://x\")", "12.5", "", ""]])
    await committed(api, world.admin, odd)

    response = await get(api, "/exports/targets.csv", world.admin, cycle=2025)
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == \
        f'attachment; filename="target-skp-2025-semua-{clock.today()}.csv"'
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == COLUMNS
    assert sorted(lines[1:]) == sorted([[TEACHER_1, "DISDIK.KELULUSAN", LULUS, "95", "", ""],
                                        [TEACHER_2, "DISDIK.APK", APK, "", "95", "105"],
                                        [CLERK, "DISDIK.APM", "'=HYPERLINK(\"http://x\")", "12.5", "", ""]])
    body = await previewed(api, world.admin, response.content)
    assert body["ok"] and {r["action"] for r in body["rows"]} == {"SAMA"} and body["counts"]["unchanged"] == 3

    response = await get(api, "/exports/targets.xlsx", world.admin, cycle=2025)
    assert response.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.title == "Target SKP" and sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F4"
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert cells[0] == HEADER_ID
    assert sheet["A2"].data_type == "s" and sheet["A2"].number_format == "@"
    assert [CLERK, "DISDIK.APM", "=HYPERLINK(\"http://x\")", 12.5, None, None] in cells
    body = await previewed(api, world.admin, response.content, XLSX, "ekspor.xlsx")
    assert body["ok"] and {r["action"] for r in body["rows"]} == {"SAMA"} and len(body["rows"]) == 3

    # an agency admin: its own agency; a supervisor: its staff's; ADMIN: one agency by name
    for token, params, nips in ((world.disdik_admin, {}, {TEACHER_1, TEACHER_2, CLERK}),
                                (world.admin, {"agency": "disdik"}, {TEACHER_1, TEACHER_2, CLERK}),
                                (world.dinkes_admin, {}, set()),
                                (world.principal, {}, {TEACHER_1, TEACHER_2})):
        response = await get(api, "/exports/targets.csv", token, cycle=2025, **params)
        found = {r[0] for r in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))} - {"nip"}
        assert found == nips, token
    # an edited export is an import: one change
    response = await get(api, "/exports/targets.xlsx", world.principal, cycle=2025)
    rows = [list(r) for r in load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True)][1:]
    rows[[r[0] for r in rows].index(TEACHER_2)][4:6] = [90, 110]
    edited = xlsx_file(rows)
    body = await previewed(api, world.principal, edited, XLSX, "edit.xlsx")
    assert [(r["values"]["nip"], r["action"], r["changes"]) for r in body["rows"] if r["action"] != "SAMA"] == [
        (TEACHER_2, "UBAH", [{"field": "lower", "before": "95", "after": "90"},
                             {"field": "upper", "before": "105", "after": "110"}])]
    response = await commit(api, world.principal, edited, body["digest"], XLSX, "edit.xlsx")
    assert response.status_code == 200 and response.json()["counts"]["changed"] == 1
    apk = await Target.get(person__nip=TEACHER_2)
    assert (apk.value, apk.lower_bound, apk.upper_bound) == (100.0, 90.0, 110.0)


def test_numbers_read_with_a_point_or_a_lone_comma():
    assert [targets_import.number(t) for t in ("", " 12 ", "12.5", "12,5", "1e2", "-3")] == [
        None, 12.0, 12.5, 12.5, 100.0, -3.0]
    for bad in ("1.000,5", "1,000,000", "nan", "inf", "dua", "12%"):
        try:
            targets_import.number(bad)
        except ValueError:
            continue
        raise AssertionError(bad)
