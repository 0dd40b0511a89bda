"""Editing a person and leaving the service in the console (the person page's admin forms, js/person_admin.js), in
Chromium against the API's own answers on the demo (KINERJA_TODAY=2025-11-20):
- DISDIK's admin edits a teacher's name and position (an empty name marked before anything is sent);
- retires the teacher: an empty form marked, a day after today refused in Indonesian at the date, a cancelled
  confirmation sends nothing, then the confirmed departure shows the badge "Tidak aktif sejak ..." and the person
  leaves the people list; a principal who still supervises teachers is refused with the count;
- reinstates the teacher after a confirmation: the badge goes;
- an employee's view of a person has none of these forms."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data

SCHOOL = """query($unit: String!) { people(filter: {agency: "DISDIK", unit: $unit}, first: 100) { edges { node {
  nip name position subordinates { nip } } } } }"""
PERSON = """query($n: String!) { person(nip: $n) { name position employmentType departed leftAt leftReason } }"""
LISTED = """query($n: String!, $all: Boolean!) { people(filter: {search: $n, includeDeparted: $all}) { totalCount } }"""
LEAKS = re.compile(r"\b(PENSIUN|BERHENTI|NONAKTIF|PINDAH_INSTANSI|MENINGGAL|STILL_SUPERVISES|IN_THE_FUTURE|REQUIRED|"
                   r"FORBIDDEN|NOT_FOUND|must|undefined|null|departed|retire)\b")


def no_leaks(page) -> None:
    text = page.locator("main").inner_text()
    found = LEAKS.search(text)
    assert not found, text[max(0, found.start() - 200):found.end() + 100]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set (README)
def test_admin_edits_retires_and_reinstates_a_person(fresh_server, page, make_page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    disdik = srv.token("AGENCY_ADMIN", agency="DISDIK")
    school = [e["node"] for e in data(srv, SCHOOL, {"unit": "SDN-001"}, admin)["people"]["edges"]]
    teacher = next(p for p in school if p["position"].startswith("Guru") and not p["subordinates"])
    principal = next(p for p in school if p["subordinates"])
    kind = data(srv, PERSON, {"n": teacher["nip"]}, admin)["person"]["employmentType"]
    use_token(page, disdik)

    # edit: an empty name is marked, then the new name and position are stored
    page.goto(f"{srv.url}/#/person/{teacher['nip']}?cycle=2025&period=2025")
    expect(page.locator("#departed-badge")).to_have_count(0)
    page.locator("#person-edit summary").click()
    page.get_by_label("Nama", exact=True).fill("  ")
    page.get_by_role("button", name="Simpan perubahan").click()
    expect(page.locator("#person-edit-name-error")).to_contain_text("Nama wajib diisi")
    expect(page.get_by_label("Nama", exact=True)).to_be_focused()
    assert data(srv, PERSON, {"n": teacher["nip"]}, admin)["person"]["name"] == teacher["name"]
    page.get_by_label("Nama", exact=True).fill("Rina Marlina Putri")
    page.get_by_label("Jabatan", exact=True).fill("Guru Ahli Muda")
    page.get_by_role("button", name="Simpan perubahan").click()
    expect(page.locator("main h1")).to_have_text("Rina Marlina Putri")
    expect(page.locator('#profile [data-col="position"]')).to_have_text("Guru Ahli Muda")
    stored = data(srv, PERSON, {"n": teacher["nip"]}, admin)["person"]
    assert (stored["name"], stored["position"], stored["employmentType"]) == ("Rina Marlina Putri", "Guru Ahli Muda",
                                                                             kind)

    # retire: the form's own checks, a future day refused by the server, a cancelled confirmation
    page.locator("#retire summary").click()
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.locator("#retire-reason-error")).to_contain_text("Pilih alasan")
    expect(page.locator("#retire-date-error")).to_contain_text("Tanggal wajib diisi")
    page.get_by_label("Alasan", exact=True).select_option("PENSIUN")
    page.locator("#retire-date").fill("2025-11-21")
    page.locator("#retire-note").fill("SK Pensiun 800/12/BKPSDM/2025")
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.locator("#retire-confirm")).to_contain_text("21 November 2025")
    expect(page.locator("#retire-confirm")).to_contain_text("karena pensiun")
    page.get_by_role("button", name="Ya, nonaktifkan").click()
    expect(page.locator("#retire-date-error")).to_contain_text("melewati hari ini")
    assert data(srv, PERSON, {"n": teacher["nip"]}, admin)["person"]["departed"] is False
    no_leaks(page)
    shot(page, "future-day")
    page.locator("#retire-date").fill("2025-11-20")
    page.get_by_role("button", name="Lanjutkan").click()
    page.locator("#retire-confirm-no").click()
    expect(page.locator("#retire-confirm")).to_be_empty()
    assert data(srv, PERSON, {"n": teacher["nip"]}, admin)["person"]["departed"] is False
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_role("button", name="Ya, nonaktifkan").click()
    expect(page.locator("#departed-badge")).to_have_text("Tidak aktif sejak 20 November 2025 (pensiun)")
    expect(page.locator("#reinstate")).to_be_visible()
    expect(page.locator("#retire")).to_have_count(0)
    stored = data(srv, PERSON, {"n": teacher["nip"]}, admin)["person"]
    assert (stored["departed"], stored["leftAt"], stored["leftReason"]) == (True, "2025-11-20", "PENSIUN")
    assert data(srv, LISTED, {"n": teacher["nip"], "all": False}, admin)["people"]["totalCount"] == 0
    assert data(srv, LISTED, {"n": teacher["nip"], "all": True}, admin)["people"]["totalCount"] == 1
    no_leaks(page)
    shot(page, "departed")

    # the agency's people list leaves them out unless asked for, then marks them
    page.goto(f"{srv.url}/#/agency/DISDIK")
    page.locator("#people-search").fill(teacher["nip"])
    page.get_by_role("button", name="Cari").click()
    expect(page.locator("#people-summary")).to_have_text("Tidak ada pegawai yang cocok.")
    page.get_by_label("Termasuk yang sudah pensiun atau nonaktif").check()
    page.get_by_role("button", name="Cari").click()
    row = page.locator(f'#people-table tr[data-nip="{teacher["nip"]}"]')
    expect(row.locator('[data-col="departed"]')).to_have_text("tidak aktif sejak 20 November 2025")
    no_leaks(page)

    # a principal who still supervises teachers is refused, naming how many
    page.goto(f"{srv.url}/#/person/{principal['nip']}?cycle=2025&period=2025")
    page.locator("#retire summary").click()
    page.get_by_label("Alasan", exact=True).select_option("BERHENTI")
    page.locator("#retire-date").fill("2025-11-20")
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_role("button", name="Ya, nonaktifkan").click()
    in_service = len(principal["subordinates"]) - 1  # the teacher retired above
    expect(page.locator("#retire-status")).to_contain_text(f"masih menjadi atasan langsung {in_service} pegawai aktif")
    assert data(srv, PERSON, {"n": principal["nip"]}, admin)["person"]["departed"] is False
    no_leaks(page)

    # reinstate, after a confirmation
    page.goto(f"{srv.url}/#/person/{teacher['nip']}?cycle=2025&period=2025")
    expect(page.locator("#departed-badge")).to_be_visible()
    page.locator("#reinstate-note").fill("Pensiun dibatalkan")
    page.get_by_role("button", name="Aktifkan kembali").click()
    expect(page.locator("#reinstate-confirm")).to_contain_text("Aktifkan kembali Rina Marlina Putri")
    page.get_by_role("button", name="Ya, aktifkan kembali").click()
    expect(page.locator("#retire")).to_be_visible()
    expect(page.locator("#departed-badge")).to_have_count(0)
    assert data(srv, PERSON, {"n": teacher["nip"]}, admin)["person"]["departed"] is False

    # an employee sees none of this
    other = make_page()
    use_token(other, srv.token("EMPLOYEE", nip=principal["nip"]))
    other.goto(f"{srv.url}/#/person/{teacher['nip']}?cycle=2025&period=2025")
    expect(other.locator("#profile")).to_be_visible()
    expect(other.locator("#person-admin")).to_have_count(0)
