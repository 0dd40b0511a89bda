"""Impor dan ekspor pegawai (#/pegawai/impor) in Chromium against the API's own answers: the DISDIK admin opens it from
the agency page, chooses a CSV with errors (every row of the preview is shown with its action and its errors by
column, in Indonesian; "Simpan semua" stays disabled and nothing is written), then the corrected file as an Excel
workbook (all rows fine, "Simpan semua" writes them, and the new people are on their pages), and downloads the
export as Excel (a workbook with the new person in it, sent with the session's bearer token)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data, wait_rendered
from browser.import_helpers import (choose, export_xlsx, follow, no_leaks, not_offered, save, sheet_rows,
                                    two_new_rows, two_rows_the_second_refused, xlsx)

PEOPLE = """query { people(filter: {agency: "DISDIK"}, first: 100) { edges { node { nip name unit { code } } } } }"""
PERSON = """query($nip: String!) { person(nip: $nip) { nip name position unit { code } supervisor { nip } } }"""
LEAKS = re.compile(r"\b(BARU|UBAH|SAMA|NOT_FOUND|INVALID_\w+|REQUIRED|employment_type|supervisor|null|undefined|"
                   r"NaN)\b")
HEADER = ["NIP", "Nama", "Jenis Pegawai", "Jabatan", "Kode Perangkat Daerah", "Kode Unit", "NIP Atasan"]
NEW_1 = "199205052018031001"
NEW_2 = "199206062019032002"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set
def test_an_agency_admin_previews_fixes_and_imports_people(fresh_server, page, use_token, shot, browser_errors):
    srv = fresh_server
    browser_errors.allow(r"status of 400 \(Bad Request\).*/imports/people/preview\?filename=foto\.csv")  # refused
    disdik = srv.token("AGENCY_ADMIN", agency="DISDIK")
    boss = next(e["node"] for e in data(srv, PEOPLE, None, disdik)["people"]["edges"] if e["node"]["unit"])
    unit = boss["unit"]["code"]
    use_token(page, disdik)
    follow(page, f"{srv.url}/#/agency/DISDIK", "#people-import-link", r"#/pegawai/impor\?agency=DISDIK$",
           "Impor dan ekspor pegawai")

    # a CSV with errors: each row shown, the errors by column in Indonesian, nothing can be saved
    bad = (f"nip,name,employment_type,position,agency,unit,supervisor\n"
           f"{NEW_1},Rina Marlina,PNS,Guru Kelas,DISDIK,{unit},{boss['nip']}\n"
           f"{NEW_2},Sari Wulandari,HONORER,Guru Kelas,DISDIK,SDN-TIDAK-ADA,{boss['nip']}\n").encode()
    choose(page, "pegawai.csv", bad, "text/csv")
    two_rows_the_second_refused(page, NEW_1, {"name": "Sari Wulandari"}, {
        "employment_type": "Jenis pegawai: Jenis kepegawaian harus PNS atau PPPK.",
        "unit": "Unit: Unit SDN-TIDAK-ADA tidak ditemukan di perangkat daerah DISDIK."})
    no_leaks(page, LEAKS)
    shot(page, "preview-errors")
    assert data(srv, PERSON, {"nip": NEW_1}, disdik)["person"] is None

    # a file that is no spreadsheet: the server's reason, nothing to save
    choose(page, "foto.csv", b"\x89PNG\r\n\x1a\n\x00", "text/csv")
    expect(page.locator("#import-error")).to_have_text(
        "Berkas foto.csv bukan teks UTF-8 (bita ke-1); simpan ulang sebagai CSV UTF-8.")
    expect(page.locator("#import-save")).to_be_disabled()

    # the corrected file as a workbook: every row fine, then saved all at once
    fixed = xlsx(HEADER, [[NEW_1, "Rina Marlina", "PNS", "Guru Kelas", "DISDIK", unit, boss["nip"]],
                          [NEW_2, "Sari Wulandari", "PPPK", "Guru Kelas", "DISDIK", unit, NEW_1]])
    choose(page, "pegawai.xlsx", fixed)
    two_new_rows(page)
    assert data(srv, PERSON, {"nip": NEW_1}, disdik)["person"] is None  # a preview writes nothing
    save(page, "Tersimpan: 2 pegawai baru, 0 diubah, 0 tidak berubah.")
    no_leaks(page, LEAKS)
    stored = data(srv, PERSON, {"nip": NEW_2}, disdik)["person"]
    assert stored == {"nip": NEW_2, "name": "Sari Wulandari", "position": "Guru Kelas", "unit": {"code": unit},
                      "supervisor": {"nip": NEW_1}}

    # the export as Excel holds them; then the new person's own page
    _, exported = export_xlsx(page, r"pegawai-DISDIK-\d{4}-\d{2}-\d{2}\.xlsx")
    rows = sheet_rows(exported)
    assert rows[0] == HEADER
    assert [NEW_1, "Rina Marlina", "PNS", "Guru Kelas", "DISDIK", unit, boss["nip"]] in rows
    page.goto(f"{srv.url}/#/person/{NEW_1}")
    wait_rendered(page)
    expect(page.locator("main h1")).to_contain_text("Rina Marlina")


def test_an_employee_is_not_offered_the_import(server, page, use_token):
    srv = server
    someone = data(srv, PEOPLE, None, srv.token("ADMIN"))["people"]["edges"][0]["node"]["nip"]
    use_token(page, srv.token("EMPLOYEE", nip=someone))
    not_offered(page, f"{srv.url}/#/pegawai/impor", "Halaman ini hanya untuk Admin BKPSDM dan admin perangkat daerah.")
