"""The console's admin tools (issue 19 §1) in Chromium against the API's own answers: the audit trail page (a filter
narrows its rows, actions by Indonesian labels, dates in Indonesian), reopening a finalized rating (a required reason
and a confirmation, then the rating reads as not final), reloading the spec files, a person's own password change,
an agency admin's password reset (the person must change it at the next sign-in; out of scope: the server's refusal
shown), and the role switch of an admin who is also an employee (the nav follows the role, and back). The demo at
KINERJA_TODAY=2025-11-20: 2024 CLOSED (its ratings finalized), 2025 ACTIVE."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data, wait_rendered

SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke test

RAW = re.compile(r"\b(person|rating|token|update|create|finalize|reopen|ADMIN|EMPLOYEE|AGENCY_ADMIN|FORBIDDEN|"
                 r"INVALID_\w+|NOT_FOUND|null|undefined|true|false)\b|\w+\.\w+_?\w*\.")
MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
WHEN = re.compile(rf"^\d{{1,2}} ({MONTHS}) \d{{4}} pukul \d{{2}}\.\d{{2}}\.\d{{2}} WIB$")
SET_STATUS = """mutation($y: Int!, $s: CycleStatus!, $r: String) { setCycleStatus(year: $y, status: $s, reason: $r) {
  errors { code } } }"""
RATING = """query($n: String!) { person(nip: $n) { rating(period: "2024") { predikat objection { status } } } }"""
PEOPLE = """query($a: String!, $after: String) { people(filter: {agency: $a}, first: 40, after: $after) {
  edges { node { nip name subordinates(first: 200) { nip } rating(period: "2024") { predikat objection { status } } } }
  pageInfo { hasNextPage endCursor } } }"""
CYCLES = "{ cycles { year status } }"
LOGIN = """mutation($n: String!, $p: String!) { login(nip: $n, password: $p) { token mustChangePassword
  errors { code } } }"""
TRAIL = """query($e: String!, $i: String!) { auditTrail(entity: $e, id: $i) { action actor after } }"""


def rows(page):
    return page.locator("#audit-events tbody tr")


@SQLITE
def test_the_audit_page_narrows_by_filter_with_indonesian_labels_and_dates(server, page, use_token, shot):
    admin = server.token("ADMIN")
    use_token(page, admin)
    page.goto(server.url + "/#/dashboard")
    wait_rendered(page)
    page.locator("#nav-audit").click()
    page.wait_for_url(re.compile(r".*#/jejak-audit$"))
    wait_rendered(page)
    expect(rows(page)).to_have_count(50)
    everything = rows(page).evaluate_all("rs => rs.map(r => r.dataset.action)")
    # what the API answers, in the same order
    answer = data(server, "{ auditEvents(first: 50) { events { action } nextCursor } }", token=admin)["auditEvents"]
    assert everything == [e["action"] for e in answer["events"]] and answer["nextCursor"]
    for cell in rows(page).locator('[data-col="at"]').all_inner_texts():
        assert WHEN.match(cell), cell
    for text in rows(page).locator('[data-col="action"]').all_inner_texts():
        assert not RAW.search(text), text
    shot(page, "audit-all")

    # a filter narrows: the finalized ratings only, each of them labelled in Indonesian
    page.locator("#audit-action").select_option(label="Penilaian difinalisasi")
    page.locator("#audit-apply").click()
    page.wait_for_url(re.compile(r".*action=rating\.finalize.*"))
    expect(rows(page).first).to_be_visible()
    actions = rows(page).evaluate_all("rs => rs.map(r => r.dataset.action)")
    assert actions and set(actions) == {"rating.finalize"} and set(everything) != {"rating.finalize"}
    assert set(rows(page).locator('[data-col="action"]').all_inner_texts()) == {"Penilaian difinalisasi"}
    assert set(rows(page).locator('[data-col="entity"]').all_inner_texts()) == {"Predikat kinerja"}
    # and one person's record narrows further, to what the API's trail of that rating holds
    rating_id = rows(page).first.locator('[data-col="entityId"]').inner_text()
    page.locator("#audit-entity-id").fill(rating_id)
    page.locator("#audit-apply").click()
    expect(rows(page)).to_have_count(1)
    trail = data(server, TRAIL, {"e": "rating", "i": rating_id}, token=admin)["auditTrail"]
    assert [e["action"] for e in trail].count("rating.finalize") == 1
    shot(page, "audit-filtered")

    # the next page follows without repeating a row
    page.goto(server.url + "/#/jejak-audit")
    expect(rows(page)).to_have_count(50)
    page.locator("#audit-next").click()
    expect(rows(page)).to_have_count(100)
    answer2 = data(server, "query($a: String) { auditEvents(first: 50, after: $a) { events { hash } } }",
                   {"a": answer["nextCursor"]}, token=admin)["auditEvents"]["events"]
    assert len(answer2) == 50

    # a date range the wrong way round is refused at its field before anything is asked
    page.locator("#audit-from").fill("2025-02-01")
    page.locator("#audit-to").fill("2025-01-01")
    page.locator("#audit-apply").click()
    expect(page.locator("#audit-to-error")).to_have_text("Tanggal akhir tidak boleh sebelum tanggal awal.")
    page.locator("#audit-to").fill("")
    page.locator("#audit-actor").fill("123")
    page.locator("#audit-apply").click()
    expect(page.locator("#audit-actor-error")).to_have_text("NIP pelaku terdiri atas 18 angka.")


@SQLITE
def test_an_agency_admin_reads_its_agency_and_an_employee_has_no_audit_page(server, page, use_token):
    token = server.token("AGENCY_ADMIN", agency="DISDIK")
    use_token(page, token)
    page.goto(server.url + "/#/jejak-audit")
    wait_rendered(page)
    expect(page.locator("#audit-agency")).to_have_count(0)  # its own agency only: no choice
    expect(rows(page).first).to_be_visible()
    shown = data(server, "{ auditEvents(first: 50) { events { entity entityId } } }", token=token)["auditEvents"]
    assert len(shown["events"]) == rows(page).count()
    expect(page.locator("main")).to_contain_text("disamarkan")


@SQLITE
def test_employee_nav_has_no_audit_link(server, page, use_token):
    employee = server.account("EMPLOYEE")
    use_token(page, server.token("EMPLOYEE", nip=employee.nip))
    page.goto(server.url + "/#/tugas")
    wait_rendered(page)
    expect(page.locator("#nav-audit")).to_have_count(0)
    expect(page.locator("#nav-password")).to_be_visible()


def reopenable(srv, admin) -> dict:
    """A DISDIK person with a finalized 2024 rating and no objection to it."""
    after = None
    for _ in range(20):
        found = data(srv, PEOPLE, {"a": "DISDIK", "after": after}, token=admin)["people"]
        for edge in found["edges"]:
            rating = edge["node"]["rating"]
            if rating and rating["objection"] is None:
                return edge["node"]
        if not found["pageInfo"]["hasNextPage"]:
            break
        after = found["pageInfo"]["endCursor"]
    raise AssertionError("no finalized 2024 rating without an objection in the demo's DISDIK")


@SQLITE
def test_admin_reopens_a_rating_after_a_reason_and_a_confirmation(fresh_server, page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    person = reopenable(srv, admin)
    # 2024 CLOSED first (the demo closes it, or keeps it in evaluation: then ADMIN closes it here)
    if {c["year"]: c["status"] for c in data(srv, CYCLES, token=admin)["cycles"]}[2024] != "CLOSED":
        assert data(srv, SET_STATUS, {"y": 2024, "s": "CLOSED", "r": None}, token=admin)["setCycleStatus"][
            "errors"] == []
    use_token(page, admin)
    page.goto(srv.url + f"/#/person/{person['nip']}?cycle=2024&period=2024")
    wait_rendered(page)
    expect(page.locator("#rating [data-col=predikat]")).to_be_visible()

    # 2024 is CLOSED: the server refuses, and says why
    page.locator("#reopen-open").click()
    page.locator("#reopen-next").click()
    expect(page.locator("#reopen-reason-error")).to_have_text("Alasan wajib diisi untuk membuka kembali penilaian.")
    page.locator("#reopen-reason").fill("Salah input nilai perilaku")
    page.locator("#reopen-next").click()
    expect(page.locator("#reopen-confirm")).to_contain_text("tidak lagi final")
    page.locator("#reopen-yes").click()
    refusal = page.locator("#reopen-status .error-box")
    expect(refusal).to_contain_text("Penilaian tidak dapat dibuka kembali.")
    assert not re.search(r"\b(CLOSED|CYCLE_LOCKED|cycle|ratings)\b", refusal.inner_text()), refusal.inner_text()
    assert data(srv, RATING, {"n": person["nip"]}, token=admin)["person"]["rating"] is not None

    # the cycle back in evaluation: "Tidak" sends nothing, "Ya" reopens
    assert data(srv, SET_STATUS, {"y": 2024, "s": "EVALUATION", "r": "Koreksi penilaian"},
                token=admin)["setCycleStatus"]["errors"] == []
    page.reload()
    wait_rendered(page)
    page.locator("#reopen-open").click()
    page.locator("#reopen-reason").fill("Salah input nilai perilaku")
    page.locator("#reopen-next").click()
    page.locator("#reopen-no").click()
    expect(page.locator("#reopen-confirm")).to_be_hidden()
    assert data(srv, RATING, {"n": person["nip"]}, token=admin)["person"]["rating"] is not None
    page.locator("#reopen-next").click()
    shot(page, "reopen-confirm")
    page.locator("#reopen-yes").click()
    expect(page.locator("#reopen-done")).to_have_text(
        "Penilaian Triwulan IV / Akhir Tahun 2024 dibuka kembali dan dapat difinalisasi ulang.")
    expect(page.locator("#rating")).to_contain_text("Penilaian periode ini belum difinalisasi.")
    expect(page.locator("#rating [data-col=predikat]")).to_have_count(0)
    assert data(srv, RATING, {"n": person["nip"]}, token=admin)["person"]["rating"] is None
    trail = data(srv, TRAIL, {"e": "rating", "i": f"{person['nip']}/2024"}, token=admin)["auditTrail"]
    assert trail[-1]["action"] == "rating.reopen"
    # after a reload too, and the agency admin is not offered the button
    page.reload()
    wait_rendered(page)
    expect(page.locator("#rating")).to_contain_text("Penilaian periode ini belum difinalisasi.")
    shot(page, "reopened")


@SQLITE
def test_the_agency_admin_has_no_reopen_button(server, page, use_token):
    token = server.token("AGENCY_ADMIN", agency="DISDIK")
    person = reopenable(server, server.token("ADMIN"))
    use_token(page, token)
    page.goto(server.url + f"/#/person/{person['nip']}?cycle=2024&period=2024")
    wait_rendered(page)
    expect(page.locator("#rating [data-col=predikat]")).to_be_visible()
    expect(page.locator("#reopen-open")).to_have_count(0)


@SQLITE
def test_admin_reloads_the_specs_and_reads_the_result(fresh_server, page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    use_token(page, admin)
    page.goto(srv.url + "/#/catalogue")
    wait_rendered(page)
    page.locator("#reload-specs").click()
    result = page.locator("#reload-result")
    expect(result).to_contain_text("Spesifikasi dimuat ulang:")
    count = data(srv, "{ indicators { code } specErrors { file } }", token=admin)
    errors = len(count["specErrors"])
    expected = "tanpa kesalahan berkas spesifikasi." if not errors else f"{errors} kesalahan berkas spesifikasi"
    expect(result).to_contain_text(expected)
    assert re.search(r"\d+ indikator dimuat", result.inner_text())
    shot(page, "specs-reloaded")
    # an agency admin has no such button
    page2 = page.context.new_page()
    page2.add_init_script(f"sessionStorage.setItem('kinerja.token', '{srv.token('AGENCY_ADMIN', agency='DISDIK')}');")
    page2.goto(srv.url + "/#/catalogue")
    wait_rendered(page2)
    expect(page2.locator("#reload-specs")).to_have_count(0)


@SQLITE
def test_a_person_changes_their_own_password_from_the_nav(fresh_server, page, sign_in, shot):
    srv = fresh_server
    account = srv.account("EMPLOYEE")
    sign_in(page, srv, account.nip, account.password)
    page.locator("#nav-password").click()
    page.wait_for_url(re.compile(r".*#/kata-sandi$"))
    page.get_by_role("heading", name="Ganti kata sandi").wait_for()
    new = "kata-sandi-baru-saya-01"
    # a wrong current password: said at its field, in Indonesian
    page.get_by_label("Kata sandi saat ini").fill("bukan-kata-sandinya")
    page.get_by_label("Kata sandi baru", exact=True).fill(new)
    page.get_by_label("Ulangi kata sandi baru").fill(new)
    page.locator("#password-submit").click()
    error = page.locator("#password-current-error")
    expect(error).to_be_visible()
    assert not re.search(r"\b(password|the|INVALID_CREDENTIALS|current)\b", error.inner_text()), error.inner_text()
    # the two entries differ: nothing sent
    page.get_by_label("Kata sandi saat ini").fill(account.password)
    page.get_by_label("Ulangi kata sandi baru").fill(new + "x")
    page.locator("#password-submit").click()
    expect(page.locator("#password-confirm-error")).to_have_text("Kedua isian kata sandi baru tidak sama.")
    page.get_by_label("Ulangi kata sandi baru").fill(new)
    page.locator("#password-submit").click()
    expect(page.locator("#password-done")).to_contain_text("Kata sandi berhasil diganti.")
    shot(page, "own-password-changed")
    # this session goes on; the new password signs in, the old no more
    page.locator("#nav-tasks").click()
    wait_rendered(page)
    assert data(srv, LOGIN, {"n": account.nip, "p": new})["login"]["errors"] == []
    assert data(srv, LOGIN, {"n": account.nip, "p": account.password})["login"]["errors"] == [
        {"code": "INVALID_CREDENTIALS"}]


@SQLITE
def test_an_agency_admin_resets_a_password_and_the_person_must_change_it(fresh_server, page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    people = [e["node"] for e in data(srv, PEOPLE, {"a": "DISDIK"}, token=admin)["people"]["edges"]]
    staff = next(p for p in people if not p["subordinates"])
    boss = next(p for p in people if p["subordinates"])
    use_token(page, srv.token("AGENCY_ADMIN", agency="DISDIK"))

    # a supervisor is out of an agency admin's scope: the server's refusal is shown
    page.goto(srv.url + f"/#/person/{boss['nip']}")
    wait_rendered(page)
    page.locator("#reset-open").click()
    page.get_by_label("Kata sandi sementara", exact=True).fill("sementara-dari-admin-1")
    page.get_by_label("Ulangi kata sandi sementara").fill("sementara-dari-admin-1")
    expect(page.locator("#reset-role")).to_have_count(0)  # an agency admin gives no role
    page.locator("#reset-submit").click()
    refused = page.locator("#reset-refused")
    expect(refused).to_contain_text("Kata sandi tidak dapat diatur ulang.")
    assert not re.search(r"\b(FORBIDDEN|password|only|agency admin)\b", refused.inner_text()), refused.inner_text()
    shot(page, "reset-refused")

    # the staff member: a short password refused at its field before sending, then the reset
    page.goto(srv.url + f"/#/person/{staff['nip']}")
    wait_rendered(page)
    page.locator("#reset-open").click()
    page.get_by_label("Kata sandi sementara", exact=True).fill("pendek")
    page.locator("#reset-submit").click()
    expect(page.locator("#reset-password-error")).to_have_text("Kata sandi sementara minimal 10 karakter.")
    one_time = "sementara-dari-admin-2"
    page.get_by_label("Kata sandi sementara", exact=True).fill(one_time)
    page.get_by_label("Ulangi kata sandi sementara").fill(one_time)
    page.locator("#reset-submit").click()
    expect(page.locator("#reset-done")).to_contain_text("wajib menggantinya saat masuk berikutnya")
    assert data(srv, LOGIN, {"n": staff["nip"], "p": one_time})["login"]["mustChangePassword"] is True

    # the person signs in: the console asks for a new password first
    page.locator("#logout").click()
    page.wait_for_url(re.compile(r".*#/login$"))
    page.get_by_label("NIP", exact=True).fill(staff["nip"])
    page.get_by_label("Kata sandi", exact=True).fill(one_time)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_role("heading", name="Ganti kata sandi").wait_for()
    shot(page, "must-change")


@SQLITE
def test_an_admin_who_is_an_employee_switches_role_and_back(fresh_server, page, sign_in, shot):
    srv = fresh_server
    account = srv.account("ADMIN")
    sign_in(page, srv, account.nip, account.password)
    nav = page.locator("#nav")
    expect(nav.locator("#nav-dashboard")).to_be_visible()
    expect(nav.locator("#nav-self")).to_have_count(0)
    old_token = page.evaluate("sessionStorage.getItem('kinerja.token')")

    page.locator("#role-switch").click()
    expect(page.locator("#role-switch-dialog")).to_be_visible()
    expect(page.locator("#role-switch-title")).to_have_text("Masuk sebagai pegawai")
    page.locator("#role-switch-password").fill("bukan-kata-sandinya")
    page.locator("#role-switch-submit").click()
    expect(page.locator("#role-switch-message")).to_have_text("Kata sandi salah.")
    page.locator("#role-switch-password").fill(account.password)
    page.locator("#role-switch-submit").click()
    expect(nav.locator("#nav-self")).to_have_text("Penilaian Diri")
    expect(nav.locator("#nav-dashboard")).to_have_count(0)
    expect(page.locator("#who")).to_contain_text("Pegawai")
    token = page.evaluate("sessionStorage.getItem('kinerja.token')")
    assert data(srv, "{ me { role } }", token=token)["me"]["role"] == "EMPLOYEE"
    # the admin session it replaced has ended
    assert srv.gql("{ me { role } }", token=old_token)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    shot(page, "as-employee")

    expect(page.locator("#role-switch")).to_have_text("Kembali sebagai Admin")
    page.locator("#role-switch").click()
    page.locator("#role-switch-password").fill(account.password)
    page.locator("#role-switch-submit").click()
    expect(nav.locator("#nav-dashboard")).to_be_visible()
    expect(nav.locator("#nav-self")).to_have_count(0)
    expect(page.locator("#role-switch")).to_have_text("Masuk sebagai pegawai")
    token = page.evaluate("sessionStorage.getItem('kinerja.token')")
    assert data(srv, "{ me { role } }", token=token)["me"]["role"] == "ADMIN"


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
@pytest.mark.pg_smoke
def test_smoke_the_audit_page_on_postgres(server, page, use_token):
    use_token(page, server.token("ADMIN"))
    page.goto(server.url + "/#/jejak-audit?action=rating.finalize")
    wait_rendered(page)
    expect(rows(page).first).to_be_visible()
    assert set(rows(page).evaluate_all("rs => rs.map(r => r.dataset.action)")) == {"rating.finalize"}
