"""Impor target SKP (#/skp/impor) in Chromium against the API's own answers: the DISDIK admin opens it from the people
import page, chooses the cycle and a CSV with errors (every row of the preview is shown with its action and its
errors by column, in Indonesian; "Simpan semua" stays disabled and nothing is written), then the corrected file as an
Excel workbook (all rows fine, "Simpan semua" writes them, and the person has the targets), downloads the export as
Excel (sent with the session's bearer token) and imports it back: every row unchanged. An employee who supervises
nobody is not offered the page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data
from browser.import_helpers import (choose, export_xlsx, follow, no_leaks, not_offered, save, sheet_rows,
                                    two_new_rows, two_rows_the_second_refused, xlsx)

SKP = """query($nip: String!) { skp(nip: $nip, cycle: 2025) { status } }"""
PERSON = "query($n: String!) { person(nip: $n) { subordinates { nip } } }"
TARGETS = "query($n: String!) { person(nip: $n) { targets(cycle: 2025) { workResult value indicator { code } } } }"
LEAKS = re.compile(r"\b(BARU|UBAH|SAMA|NOT_FOUND|INVALID_\w+|REQUIRED|work_result|indicator|must|null|undefined|"
                   r"NaN)\b")
HEADER = ["NIP", "Kode Indikator", "Rencana Hasil Kerja", "Target", "Batas Bawah", "Batas Atas"]
FIRST = "Tersusunnya laporan partisipasi murni sekolah binaan"
SECOND = "Terlaksananya sosialisasi kelulusan"


def drafter_of(srv) -> str:
    """A member of the demo head's staff whose SKP is still a draft (setTargets takes their targets)."""
    head = srv.account("EMPLOYEE")
    head_token = srv.token("EMPLOYEE", nip=head.nip)
    for p in data(srv, PERSON, {"n": head.nip}, head_token)["person"]["subordinates"]:
        if data(srv, SKP, {"nip": p["nip"]}, head_token)["skp"]["status"] == "DRAFT":
            return p["nip"]
    raise AssertionError("the demo's head has a member of staff with a draft SKP")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set
def test_an_agency_admin_previews_fixes_imports_and_exports_targets(fresh_server, page, use_token, shot,
                                                                   browser_errors):
    srv = fresh_server
    disdik = srv.token("AGENCY_ADMIN", agency="DISDIK")
    nip = drafter_of(srv)
    before = data(srv, TARGETS, {"n": nip}, disdik)["person"]["targets"]
    use_token(page, disdik)
    follow(page, f"{srv.url}/#/pegawai/impor?agency=DISDIK", "#targets-import-link", r"#/skp/impor$",
           "Impor target SKP")
    page.locator("#import-cycle").select_option("2025")

    # a CSV with errors: each row shown, the errors by column in Indonesian, nothing can be saved
    bad = (f"nip,indikator,rencana_hasil_kerja,target\n"
           f"{nip},DISDIK.APM,{FIRST},90\n"
           f"{nip},DISDIK.TIDAK_ADA,{SECOND},sembilan puluh\n").encode()
    choose(page, "target.csv", bad, "text/csv")
    two_rows_the_second_refused(page, nip, {"work_result": SECOND}, {
        "indicator": "Indikator: Indikator DISDIK.TIDAK_ADA tidak ditemukan.",
        "value": "Target: Nilai harus berupa angka (diisi sembilan puluh)."})
    no_leaks(page, LEAKS)
    shot(page, "preview-errors")
    assert data(srv, TARGETS, {"n": nip}, disdik)["person"]["targets"] == before

    # the corrected file as a workbook: every row fine, then saved all at once
    fixed = xlsx(HEADER, [[nip, "DISDIK.APM", FIRST, 90, None, None],
                          [nip, "DISDIK.KELULUSAN", SECOND, 97.5, None, None]])
    choose(page, "target.xlsx", fixed)
    two_new_rows(page)
    assert data(srv, TARGETS, {"n": nip}, disdik)["person"]["targets"] == before  # a preview writes nothing
    save(page, "Tersimpan untuk siklus 2025: 2 target baru, 0 diubah, 0 tidak berubah.")
    no_leaks(page, LEAKS)
    after = data(srv, TARGETS, {"n": nip}, disdik)["person"]["targets"]
    assert {"workResult": FIRST, "value": 90.0, "indicator": {"code": "DISDIK.APM"}} in after
    assert len(after) == len(before) + 2

    # the export as Excel holds them, and imports back with every row unchanged
    name, exported = export_xlsx(page, r"target-skp-2025-DISDIK-\d{4}-\d{2}-\d{2}\.xlsx")
    cells = sheet_rows(exported)
    assert cells[0] == HEADER
    assert [nip, "DISDIK.KELULUSAN", SECOND, 97.5, None, None] in cells
    choose(page, name, exported)
    n = len(cells) - 1
    expect(page.locator("#import-counts")).to_have_text(
        f"{n} baris: 0 baru, 0 diubah, {n} tidak berubah; tidak ada kesalahan.", timeout=30000)
    no_leaks(page, LEAKS)
    shot(page, "export-unchanged")


def test_an_employee_without_staff_is_not_offered_the_import(server, page, use_token):
    srv = server
    head = srv.account("EMPLOYEE")
    token = srv.token("EMPLOYEE", nip=head.nip)
    queue, nip = [head.nip], None
    while nip is None:  # below the head, the first person who supervises nobody
        staff = data(srv, PERSON, {"n": queue.pop(0)}, token)["person"]["subordinates"]
        queue += [p["nip"] for p in staff]
        nip = next((p["nip"] for p in staff
                    if not data(srv, PERSON, {"n": p["nip"]}, token)["person"]["subordinates"]), None)
    use_token(page, srv.token("EMPLOYEE", nip=nip))
    not_offered(page, f"{srv.url}/#/skp/impor", "Halaman ini hanya untuk Admin BKPSDM, admin perangkat daerah dan "
                                                "atasan yang memiliki bawahan.")
