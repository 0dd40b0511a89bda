"""The console's work log (#/catatan-kerja), the person page's feedback card and monitoring (#/monitoring) in
Chromium against the API's own answers, on a server whose clock is pinned to Tuesday 2025-05-20 (week 19-25 May)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data

TODAY = "2025-05-20"
LOG = """mutation($i: [WorkLogInput!]!) { logWork(input: $i) { entries { id } errors { path code message } } }"""
READ_LOG = """query($n: String!) { workLog(nip: $n, from: "2025-05-01", to: "2025-05-31") {
  day itemKey text minutes evidenceUrl } }"""
FEEDBACK = """query($n: String!, $p: String!) { performanceFeedback(nip: $n, period: $p) {
  id text givenBy itemKey answer } }"""
SAVE_SKP = """mutation($i: SkpInput!, $v: Int) { saveSkp(input: $i, version: $v) { skp { version }
  errors { path code message } } }"""
# what must never reach the screen: the API's English messages, codes and enum values
LEAKS = re.compile(r"\b(must|NOT_FOUND|DAY_IN_FUTURE|INVALID_URL|REQUIRED|OUT_OF_RANGE|NO_LOG_7_DAYS|"
                   r"SKP_NOT_APPROVED|NO_FEEDBACK|characters|evidence|undefined|null)\b")


def pinned(server_factory):
    return server_factory(env={"KINERJA_TODAY": TODAY})


def mutate(srv, token: str, query: str, variables: dict) -> dict:
    (payload,) = data(srv, query, variables, token).values()
    assert not payload.get("errors"), payload
    return payload


def no_leaks(page) -> None:
    text = page.locator("main").inner_text()
    assert not LEAKS.search(text), LEAKS.search(text).group(0)


def fits(page, width: int) -> None:
    """Nothing wider than the viewport (a wide table scrolls inside its .table-wrap)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set (README)
def test_employee_logs_work_in_the_week_view(server_factory, page, make_page, use_token, shot):
    srv = pinned(server_factory)
    staff = [a for a in srv.accounts if a.role == "EMPLOYEE"][-1]  # the demo's staff member of DISDIK
    token = srv.token("EMPLOYEE", nip=staff.nip)
    # the demo returned this person's SKP to them (README, "Demo"): they redraft it, its R1 a new work result
    skp = data(srv, "query($n: String!) { skp(nip: $n, cycle: 2025) { status version } }", {"n": staff.nip},
               token)["skp"]
    assert skp["status"] == "RETURNED"
    mutate(srv, token, SAVE_SKP, {"i": {"nip": staff.nip, "cycle": 2025, "items": [
        {"key": "R1", "kind": "MAIN", "workResult": "Tersusunnya modul ajar"}]}, "v": skp["version"]})
    mutate(srv, token, LOG, {"i": [{"nip": staff.nip, "day": "2025-05-19", "text": "Rapat guru", "minutes": 90,
                                    "itemKey": "R1"}]})
    use_token(page, token)
    page.goto(f"{srv.url}/#/catatan-kerja")
    expect(page.locator("main h1")).to_have_text("Catatan kerja")
    expect(page.locator("#nav-work-log")).to_have_attribute("aria-current", "page")
    expect(page.locator("#week-table caption")).to_contain_text("19 Mei 2025 – 25 Mei 2025")
    expect(page.locator("#week-table tbody tr")).to_have_count(7)
    monday = page.locator('#week-table tr[data-day="2025-05-19"]')
    expect(monday).to_contain_text("Senin")
    expect(monday.locator('[data-col="minutes"]')).to_have_text("1 jam 30 menit")
    expect(monday).to_contain_text("Rapat guru")
    expect(monday).to_contain_text("R1: Tersusunnya modul ajar")
    expect(page.locator('#week-table tr[data-day="2025-05-20"]')).to_contain_text("hari ini")
    expect(page.locator("#week-next")).to_have_count(0)  # no week after the current one
    expect(page.get_by_label("Tanggal")).to_have_value(TODAY)
    shot(page, "week")

    # bad input: a day after today, no text, an ftp link: each named at its field, in Indonesian, nothing stored
    page.get_by_label("Tanggal").fill("2025-05-21")
    page.get_by_label("Jam").fill("1")
    page.get_by_label("Tautan bukti").fill("ftp://contoh.id/foto")
    page.get_by_role("button", name="Simpan catatan").click()
    expect(page.locator("#log-day-error")).to_contain_text("tidak boleh melewati hari ini")
    expect(page.locator("#log-text-error")).to_contain_text("Wajib diisi")
    expect(page.locator("#log-evidence-error")).to_contain_text("http:// atau https://")
    expect(page.get_by_label("Tanggal")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#log-errors")).to_contain_text("Catatan belum tersimpan")
    no_leaks(page)
    shot(page, "errors")
    # no duration at all: the server's range, at the minutes box
    page.get_by_label("Tanggal").fill(TODAY)
    page.get_by_label("Uraian kegiatan").fill("Menyusun modul ajar kelas 5")
    page.get_by_label("Tautan bukti").fill("https://contoh.id/modul")
    page.get_by_label("Jam").fill("")
    page.get_by_role("button", name="Simpan catatan").click()
    expect(page.locator("#log-minutes-error")).to_contain_text("antara 1 menit dan 24 jam")
    expect(page.locator("#log-day-error")).to_have_count(0)
    assert [e["day"] for e in data(srv, READ_LOG, {"n": staff.nip}, token)["workLog"]] == ["2025-05-19"]

    page.get_by_label("Jam").fill("2")
    page.get_by_label("Menit", exact=True).fill("15")
    page.get_by_label("Rencana hasil kerja (RHK)").select_option("R1")
    page.get_by_role("button", name="Simpan catatan").click()
    expect(page.locator("#log-result")).to_contain_text("Selasa, 20 Mei 2025")
    today = page.locator('#week-table tr[data-day="2025-05-20"]')
    expect(today.locator('[data-col="minutes"]')).to_have_text("2 jam 15 menit")
    expect(today).to_contain_text("Menyusun modul ajar kelas 5")
    expect(today.get_by_role("link", name="Bukti")).to_have_attribute("href", "https://contoh.id/modul")
    expect(page.locator("#week-total")).to_have_text("3 jam 45 menit")
    expect(page.get_by_label("Uraian kegiatan")).to_have_value("")  # ready for the next one
    stored = data(srv, READ_LOG, {"n": staff.nip}, token)["workLog"]
    assert [(e["day"], e["minutes"], e["itemKey"], e["evidenceUrl"]) for e in stored] == [
        ("2025-05-20", 135, "R1", "https://contoh.id/modul"), ("2025-05-19", 90, "R1", None)]

    # the weeks around it
    page.locator("#week-prev").click()
    page.wait_for_url("**/#/catatan-kerja?minggu=2025-05-12")
    expect(page.locator("#week-table caption")).to_contain_text("12 Mei 2025 – 18 Mei 2025")
    expect(page.locator("#week-total")).to_have_text("0 menit")
    expect(page.locator("main h1")).to_have_attribute("tabindex", "-1")  # the router's focus target
    page.locator("#week-next").click()
    expect(page.locator('#week-table tr[data-day="2025-05-20"] [data-col="minutes"]')).to_have_text("2 jam 15 menit")

    # a phone: the same week, nothing wider than the screen
    phone = make_page(360, 740, mobile=True)
    use_token(phone, token)
    phone.goto(f"{srv.url}/#/catatan-kerja?minggu=2025-05-21")
    expect(phone.locator('#week-table tr[data-day="2025-05-19"] [data-col="minutes"]')).to_have_text("1 jam 30 menit")
    fits(phone, 360)
    shot(phone, "phone")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set (README)
def test_head_gives_feedback_and_the_employee_answers(server_factory, page, make_page, use_token, shot):
    srv = pinned(server_factory)
    admin = srv.token("ADMIN")
    head = srv.account("EMPLOYEE")  # the demo's head of DISDIK
    sub = data(srv, "query($n: String!) { person(nip: $n) { subordinates { nip name } } }", {"n": head.nip},
               admin)["person"]["subordinates"][0]
    period = "2025-Q2"
    use_token(page, srv.token("EMPLOYEE", nip=head.nip))
    page.goto(f"{srv.url}/#/person/{sub['nip']}?cycle=2025&period={period}")
    card = page.locator("#feedback")
    expect(card.get_by_role("heading", name="Umpan balik kinerja · Triwulan II 2025")).to_be_visible()
    expect(card).to_contain_text("Belum ada umpan balik pada periode ini.")
    card.get_by_role("button", name="Kirim umpan balik").click()  # empty: the server's REQUIRED at the field
    expect(page.locator("#fb-text-error")).to_contain_text("Wajib diisi")
    expect(page.get_by_label("Umpan balik", exact=True)).to_be_focused()
    assert data(srv, FEEDBACK, {"n": sub["nip"], "p": period}, admin)["performanceFeedback"] == []
    page.get_by_label("Umpan balik", exact=True).fill("Laporan bulanan rapi, pertahankan.")
    card.get_by_role("button", name="Kirim umpan balik").click()
    expect(page.locator("#fb-result")).to_contain_text("Umpan balik terkirim")
    item = card.locator("[data-feedback]")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Laporan bulanan rapi, pertahankan.")
    expect(item).to_contain_text("20 Mei 2025")
    expect(item).to_contain_text(head.name)
    expect(item).to_contain_text("Belum ditanggapi.")  # only the person answers
    expect(item.get_by_role("button", name="Kirim tanggapan")).to_have_count(0)
    stored = data(srv, FEEDBACK, {"n": sub["nip"], "p": period}, admin)["performanceFeedback"]
    assert [(f["text"], f["givenBy"], f["answer"]) for f in stored] == [
        ("Laporan bulanan rapi, pertahankan.", head.nip, None)]
    no_leaks(page)
    shot(page, "given")

    # the employee: sees it on their own page and answers it once; no form to give feedback
    own = make_page()
    use_token(own, srv.token("EMPLOYEE", nip=sub["nip"]))
    own.goto(f"{srv.url}/#/person/{sub['nip']}?cycle=2025&period={period}")
    mine = own.locator(f'#feedback [data-feedback="{stored[0]["id"]}"]')
    expect(mine).to_contain_text("Laporan bulanan rapi, pertahankan.")
    expect(own.locator("#fb-form")).to_have_count(0)
    mine.get_by_role("button", name="Kirim tanggapan").click()  # empty answer
    expect(mine.locator(".field-error")).to_contain_text("Wajib diisi")
    mine.get_by_label("Tanggapan Anda").fill("Terima kasih, Pak.")
    mine.get_by_role("button", name="Kirim tanggapan").click()
    expect(mine.locator(".answer-text")).to_have_text("Terima kasih, Pak.")
    expect(mine.get_by_role("button", name="Kirim tanggapan")).to_have_count(0)
    assert data(srv, FEEDBACK, {"n": sub["nip"], "p": period}, admin)["performanceFeedback"][0]["answer"] == (
        "Terima kasih, Pak.")
    no_leaks(own)
    shot(own, "answered")
    page.reload()  # the head sees the answer
    expect(page.locator(f'#feedback [data-feedback="{stored[0]["id"]}"] .answer-text')).to_have_text(
        "Terima kasih, Pak.")

    # the head's monitoring of their direct subordinates: the one who had feedback is not listed as lacking it
    subs = data(srv, "query($n: String!) { person(nip: $n) { subordinates { nip } } }", {"n": head.nip},
                admin)["person"]["subordinates"]
    page.goto(f"{srv.url}/#/person/{head.nip}")
    page.locator("#monitoring-link").click()
    expect(page.locator("main h1")).to_have_text("Pemantauan")
    expect(page.locator("main")).to_contain_text("Anda melihat bawahan langsung Anda.")
    people = page.locator('#monitoring-table tbody [data-col="people"]')
    assert sum(int(v) for v in people.evaluate_all("els => els.map(e => e.dataset.value)")) == len(subs)
    # the API's own list for the head (the demo gave feedback to some of them already, README "Demo")
    expected = [p["nip"] for p in data(srv, LACKING, {"a": None, "m": "NO_FEEDBACK"},
                                         srv.token("EMPLOYEE", nip=head.nip))["monitoringPeople"]]
    assert sub["nip"] not in expected and len(expected) < len(subs)
    lacking = page.locator("#gap-NO_FEEDBACK li[data-nip]")
    expect(lacking).to_have_count(len(expected))
    assert sorted(lacking.evaluate_all("els => els.map(e => e.dataset.nip)")) == sorted(expected)
    expect(page.locator(f'#gap-NO_FEEDBACK li[data-nip="{sub["nip"]}"]')).to_have_count(0)
    no_leaks(page)


MONITORING = """query($a: String) { skpMonitoring(cycle: 2025, agency: $a) { agency unit people approvedSkp
  loggedLast7Days loggedLast30Days hadFeedback } }"""
LACKING = """query($a: String, $m: MonitoringGap!) { monitoringPeople(cycle: 2025, agency: $a, missing: $m, first: 100) {
  nip name } }"""


def test_agency_admin_sees_counts_and_who_has_no_work_log(server_factory, page, use_token, shot):
    srv = pinned(server_factory)
    admin = srv.token("ADMIN")
    head = srv.account("EMPLOYEE")
    mutate(srv, admin, LOG, {"i": [{"nip": head.nip, "day": "2025-05-18", "text": "Rapat pimpinan", "minutes": 60}]})
    agency_admin = srv.token("AGENCY_ADMIN", agency="DISDIK")
    rows = data(srv, MONITORING, {"a": "DISDIK"}, agency_admin)["skpMonitoring"]
    total = next(r for r in rows if r["unit"] is None)
    assert total["loggedLast7Days"] == 1
    lacking = data(srv, LACKING, {"a": "DISDIK", "m": "NO_LOG_7_DAYS"}, agency_admin)["monitoringPeople"]
    assert len(lacking) == 100 and head.nip not in {p["nip"] for p in lacking}  # 1205 people, by name

    use_token(page, agency_admin)
    page.goto(f"{srv.url}/#/")
    page.locator("#nav-monitoring").click()
    expect(page.locator("main h1")).to_have_text("Pemantauan")
    table = page.locator("#monitoring-table")
    expect(table.locator("caption")).to_contain_text("siklus 2025")
    expect(table.locator("tbody tr")).to_have_count(len(rows))
    for r in rows:
        row = table.locator(f'tbody tr[data-unit="{r["unit"] or ""}"]')
        for key in ("people", "approvedSkp", "loggedLast7Days", "loggedLast30Days", "hadFeedback"):
            expect(row.locator(f'[data-col="{key}"]')).to_have_attribute("data-value", str(r[key]))
    expect(table.locator('tbody tr[data-unit=""] [data-col="loggedLast7Days"]')).to_contain_text("1")
    shot(page, "counts")

    gap = page.locator("#gap-NO_LOG_7_DAYS")
    shown = gap.locator("li[data-nip]")
    expect(shown).to_have_count(10)
    nips = lambda: shown.evaluate_all("els => els.map(e => e.dataset.nip)")
    assert nips() == [p["nip"] for p in lacking[:10]]
    for count in (20, 30):
        gap.get_by_role("button", name="Muat lebih banyak").click()
        expect(shown).to_have_count(count)
        expect(shown.nth(count - 10).get_by_role("link")).to_be_focused()  # the first of the new ones
    assert nips() == [p["nip"] for p in lacking[:30]]
    expect(gap.locator(f'li[data-nip="{head.nip}"]')).to_have_count(0)
    no_leaks(page)

    # a unit's drill-down, then a person of the list
    unit_row = table.locator('tbody tr:not([data-unit=""])').first
    if unit_row.count():
        unit_row.locator("th a").click()  # the unit (its counts link to their lists)
        expect(page.locator("#mon-unit")).not_to_have_value("")
        expect(page.locator("#monitoring-table tbody tr")).to_have_count(1)
    first = page.locator("#gap-NO_LOG_7_DAYS li[data-nip] a").first
    name = first.inner_text()
    first.click()
    expect(page.locator("main h1")).to_have_text(name)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set (README)
def test_admin_monitors_agencies_and_a_period_on_a_phone(server_factory, narrow_page, use_token, shot):
    srv = pinned(server_factory)
    admin = srv.token("ADMIN")
    head = srv.account("EMPLOYEE")
    sub = data(srv, "query($n: String!) { person(nip: $n) { subordinates { nip } } }", {"n": head.nip},
               admin)["person"]["subordinates"][0]
    mutate(srv, admin, """mutation($i: PerformanceFeedbackInput!) { givePerformanceFeedback(input: $i) {
        errors { path code message } } }""", {"i": {"nip": sub["nip"], "period": "2025-Q2", "text": "Bagus."}})
    agencies = data(srv, MONITORING, {"a": None}, admin)["skpMonitoring"]
    page = narrow_page
    use_token(page, admin)
    page.goto(f"{srv.url}/#/monitoring")
    table = page.locator("#monitoring-table")
    expect(table.locator("tbody tr")).to_have_count(len(agencies))
    for r in agencies:
        row = table.locator(f'tbody tr[data-agency="{r["agency"]}"]')
        expect(row.locator('[data-col="people"]')).to_have_attribute("data-value", str(r["people"]))
        expect(row.locator('[data-col="hadFeedback"]')).to_have_attribute("data-value", str(r["hadFeedback"]))
    # the demo's own feedback is of the year's evaluation (2025): in the second quarter only this one counts
    in_q2 = data(srv, """query { skpMonitoring(cycle: 2025, period: "2025-Q2") { agency hadFeedback } }""", {},
                 admin)["skpMonitoring"]
    assert next(r for r in in_q2 if r["agency"] == "DISDIK")["hadFeedback"] == 1
    fits(page, 360)
    shot(page, "agencies")
    # feedback of another period does not count for the first quarter
    page.get_by_label("Periode umpan balik").select_option("2025-Q1")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url("**/#/monitoring?cycle=2025&period=2025-Q1")
    expect(table.locator("caption")).to_contain_text("umpan balik Triwulan I 2025")
    expect(table.locator('tr[data-agency="DISDIK"] [data-col="hadFeedback"]')).to_have_attribute("data-value", "0")
    # an agency's units
    table.locator('tr[data-agency="DISDIK"] th a').click()
    page.wait_for_url("**/#/monitoring?cycle=2025&period=2025-Q1&agency=DISDIK")
    units = data(srv, MONITORING, {"a": "DISDIK"}, admin)["skpMonitoring"]
    expect(page.locator("#monitoring-table tbody tr")).to_have_count(len(units))
    expect(page.get_by_label("Perangkat daerah")).to_have_value("DISDIK")
    fits(page, 360)
    no_leaks(page)
