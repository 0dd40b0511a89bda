"""Posts, transfers and acting officials in the console, in Chromium against the API's own answers (the demo at
KINERJA_TODAY=2025-11-20: a teacher moved from SDN-001 to SDN-002 on 1 July 2025; DISPORA's head left on 1 September
2025 and the secretary is Plt until 31 December):
- the moved teacher's person page: the assignment history, and the assessing official per period (the first
  principal for Triwulan II, the second for Triwulan III);
- the DISDIK admin transfers a teacher with the form (an empty form, then a future date refused in Indonesian, then
  saved after a confirmation), and the history and the API follow;
- on the agency page the admin appoints a Plh (a Plt on a held post refused first) and ends it;
- the Plt of DISPORA sees "Nilai" on the person page of the head's former staff."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data

MOVED = """query { people(filter: {agency: "DISDIK", unit: "SDN-002"}, first: 50) { edges { node { nip name
  assignments { since until } } } } }"""
SCHOOL = """query($unit: String!) { people(filter: {agency: "DISDIK", unit: $unit}, first: 50) { edges { node {
  nip name position } } } }"""
HISTORY = """query($n: String!) { person(nip: $n) { unit { code } assignments { since until unitCode reason } } }"""
OFFICIAL = """query($n: String!, $p: String!) { person(nip: $n) { assessingOfficial(period: $p) {
  official { nip name } acting } } }"""
ACTING = """query($a: String!) { actingAssignments(agency: $a) { id kind endsOn official { nip name } post { id name
  headsUnit } } }"""
POSTS = """query { posts(agency: "DISDIK", first: 1000) { id name headsUnit } }"""
LEAKS = re.compile(r"\b(must|NOT_FOUND|REQUIRED|FORBIDDEN|IN_THE_FUTURE|POST_HELD|POST_VACANT|PLT|PLH|STRUKTURAL|"
                   r"undefined|null|transfer|acting|assignment)\b")


def no_leaks(page) -> None:
    text = page.locator("main").inner_text()
    found = LEAKS.search(text)
    assert not found, text[max(0, found.start() - 200):found.end() + 100]


def moved_teacher(srv, admin: str) -> dict:
    for edge in data(srv, MOVED, None, admin)["people"]["edges"]:
        if len(edge["node"]["assignments"]) > 1:
            return edge["node"]
    raise AssertionError("the demo moved no teacher to SDN-002")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set (README)
def test_history_transfer_and_acting_officials(fresh_server, page, make_page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    disdik = srv.token("AGENCY_ADMIN", agency="DISDIK")
    teacher = moved_teacher(srv, admin)
    q2 = data(srv, OFFICIAL, {"n": teacher["nip"], "p": "2025-Q2"}, admin)["person"]["assessingOfficial"]
    q3 = data(srv, OFFICIAL, {"n": teacher["nip"], "p": "2025-Q3"}, admin)["person"]["assessingOfficial"]
    assert q2["official"]["nip"] != q3["official"]["nip"]

    # the moved teacher's page: two assignments, and the assessing official of each quarter
    use_token(page, disdik)
    page.goto(f"{srv.url}/#/person/{teacher['nip']}?cycle=2025&period=2025-Q3")
    rows = page.locator("#assignments-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("1 Juli 2025")
    expect(rows.nth(0)).to_contain_text("Sekarang")
    expect(rows.nth(1)).to_contain_text("30 Juni 2025")
    expect(rows.nth(1)).to_contain_text("Sebelum pencatatan")
    expect(rows.nth(1).locator('[data-col="reason"]')).to_contain_text("Mutasi Guru")
    expect(page.locator("#assessing-official")).to_contain_text("Triwulan III 2025")
    expect(page.locator("#assessing-official")).to_contain_text(q3["official"]["name"])
    no_leaks(page)
    shot(page, "history")
    page.goto(f"{srv.url}/#/person/{teacher['nip']}?cycle=2025&period=2025-Q2")
    expect(page.locator("#assessing-official")).to_contain_text(q2["official"]["name"])

    # a transfer with the form: another teacher of SDN-001 to SDN-002. The demo's year before is still in
    # EVALUATION and the teacher has assessments in it, so only ADMIN may change their supervisor now
    # (services/org/transfers.py): ADMIN fills the form in
    disdik_page, page = page, make_page()
    use_token(page, admin)
    other = next(e["node"] for e in data(srv, SCHOOL, {"unit": "SDN-001"}, admin)["people"]["edges"]
                 if e["node"]["position"].startswith("Guru"))
    page.goto(f"{srv.url}/#/person/{other['nip']}?cycle=2025&period=2025")
    page.locator("#transfer summary").click()
    expect(page.locator("#transfer-unit option")).not_to_have_count(0)
    page.get_by_role("button", name="Simpan mutasi").click()  # empty: marked before anything is sent
    expect(page.locator("#transfer-effective-error")).to_contain_text("Wajib diisi")
    expect(page.get_by_label("Tanggal berlaku")).to_be_focused()
    page.get_by_label("Tanggal berlaku").fill("2025-12-01")  # after the platform's date
    page.get_by_label("Unit tujuan", exact=True).select_option("SDN-002")
    page.get_by_label("Alasan dan nomor surat keputusan").fill("Keputusan Kepala Dinas 800/77/MUTASI/2025")
    page.get_by_role("button", name="Simpan mutasi").click()
    expect(page.locator("#transfer-confirm")).to_contain_text("1 Desember 2025")
    page.get_by_role("button", name="Ya, simpan").click()
    expect(page.locator("#transfer-effective-error")).to_contain_text("tidak boleh melewati hari ini")
    assert len(data(srv, HISTORY, {"n": other["nip"]}, admin)["person"]["assignments"]) == 1  # nothing stored
    no_leaks(page)
    shot(page, "future-date")
    page.get_by_label("Tanggal berlaku").fill("2025-11-01")
    page.get_by_role("button", name="Simpan mutasi").click()
    page.get_by_role("button", name="Ya, simpan").click()
    expect(page.locator("#assignments-table tbody tr")).to_have_count(2)
    expect(page.locator("#assignments-table tbody tr").nth(0)).to_contain_text("1 November 2025")
    stored = data(srv, HISTORY, {"n": other["nip"]}, admin)["person"]
    assert stored["unit"] == {"code": "SDN-002"}
    assert [(a["since"], a["until"], a["unitCode"]) for a in stored["assignments"]] == [
        ("2025-11-01", None, "SDN-002"), (None, "2025-10-31", "SDN-001")]
    assert stored["assignments"][1]["reason"] == "Keputusan Kepala Dinas 800/77/MUTASI/2025"
    # the SKP of the post left: the revision in force then (the demo approved most SKPs of the year)
    kept = data(srv, """query($n: String!) { person(nip: $n) { assignments { skpRevision } } }""",
                {"n": other["nip"]}, admin)["person"]["assignments"][1]["skpRevision"]
    assert kept == 1
    expect(page.locator("#assignments-table tbody tr").nth(1).locator('[data-col="skpRevision"]')).to_have_text(
        " · SKP jabatan ini: revisi 1")
    no_leaks(page)

    # acting officials on the agency page: a Plt on a held post is refused, a Plh is appointed, then ended
    page = disdik_page
    posts = data(srv, POSTS, None, admin)["posts"]
    school_post = next(p for p in posts if p["headsUnit"] == "SDN-003")
    deputy = next(e["node"] for e in data(srv, SCHOOL, {"unit": "SDN-003"}, admin)["people"]["edges"]
                  if e["node"]["position"].startswith("Guru"))
    page.goto(f"{srv.url}/#/agency/DISDIK")
    page.locator("#acting-appoint summary").click()
    page.locator("#acting-appoint").get_by_label("Jabatan", exact=True).select_option(school_post["id"])
    page.locator("#acting-appoint").get_by_label("NIP pelaksana").fill(deputy["nip"])
    page.locator("#acting-appoint").get_by_label("Jenis").select_option("PLT")
    page.locator("#acting-appoint").get_by_label("Mulai").fill("2025-11-24")
    page.locator("#acting-appoint").get_by_label("Sampai").fill("2025-12-05")
    page.locator("#acting-appoint").get_by_label("Nomor surat keputusan").fill("800/90/DISDIK/2025")
    page.get_by_role("button", name="Tunjuk").click()
    expect(page.locator("#acting-kind-error")).to_contain_text("Plt hanya untuk jabatan yang kosong")
    no_leaks(page)
    page.locator("#acting-appoint").get_by_label("Jenis").select_option("PLH")
    page.get_by_role("button", name="Tunjuk").click()
    expect(page.locator("#acting-done")).to_contain_text("ditunjuk")
    row = page.locator("#acting-table tbody tr").filter(has_text=deputy["name"])
    expect(row.locator('[data-col="kind"]')).to_have_text("Plh (pelaksana harian)")
    no_leaks(page)
    shot(page, "acting")
    acting = [a for a in data(srv, ACTING, {"a": "DISDIK"}, admin)["actingAssignments"]
              if a["official"]["nip"] == deputy["nip"]]
    assert [(a["kind"], a["endsOn"], a["post"]["headsUnit"]) for a in acting] == [("PLH", "2025-12-05", "SDN-003")]
    page.once("dialog", lambda dialog: dialog.accept())
    row.locator('input[name="lastDay"]').fill("2025-11-30")
    row.get_by_role("button", name="Akhiri").click()
    expect(page.locator("#acting-table tbody tr").filter(has_text=deputy["name"]).locator(
        '[data-col="endsOn"]')).to_have_text("30 November 2025")
    assert [a["endsOn"] for a in data(srv, ACTING, {"a": "DISDIK"}, admin)["actingAssignments"]
            if a["official"]["nip"] == deputy["nip"]] == ["2025-11-30"]

    # DISPORA's Plt assesses the head's former staff: "Nilai" on their page, the badge beside the name
    (plt,) = data(srv, ACTING, {"a": "DISPORA"}, admin)["actingAssignments"]
    assert plt["kind"] == "PLT"
    plt_token = srv.token("EMPLOYEE", nip=plt["official"]["nip"])
    staff = data(srv, """query($a: String!) { people(filter: {agency: $a}, first: 50) { edges { node { nip
      assessingOfficial(period: "2025-Q3") { official { nip } acting } } } } }""", {"a": "DISPORA"}, admin)
    led = next(e["node"] for e in staff["people"]["edges"] if e["node"]["assessingOfficial"]
               and e["node"]["assessingOfficial"]["acting"] == "PLT")
    boss = make_page(360, 740, mobile=True)
    use_token(boss, plt_token)
    boss.goto(f"{srv.url}/#/person/{led['nip']}?cycle=2025&period=2025-Q3")
    expect(boss.locator("#assessing-official")).to_contain_text(plt["official"]["name"])
    expect(boss.locator('#assessing-official [data-acting="PLT"]')).to_have_text("Plt")
    expect(boss.locator("#assess-link")).to_be_visible()
    expect(boss.locator("#transfer")).to_have_count(0)  # transfers are the admins'
    no_leaks(boss)
    wide = boss.evaluate("""() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 361)
      .map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)""")
    assert boss.evaluate("document.documentElement.scrollWidth") <= 360, wide
    shot(boss, "plt-phone")
