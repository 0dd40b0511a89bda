"""The SKP pages in Chromium: an employee drafts (with bad input first) and submits their SKP in the form, the head
returns it with a note, the employee sees the note, fixes and resubmits, the head approves, opens a revision and
changes a target, and the comparison of the revisions lists the change; the matrix shows the link and an unlinked
RHK; the pages on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data, wait_rendered

SKP = """query($nip: String!) { skp(nip: $nip, cycle: 2025) { status version revision
  items { key parentKey indicators { aspect target text } } revisions { number status returnNote } } }"""
SAVE = """mutation($i: SkpInput!, $v: Int) { saveSkp(input: $i, version: $v) { skp { version } errors { code path } } }"""
OPTIONS = "query($n: String!) { skpParentOptions(nip: $n, cycle: 2025) { hasSupervisor items { key } } }"
PERSON = "query($n: String!) { person(nip: $n) { name supervisor { nip } subordinates { nip name } } }"
HEAD_RHK = "Meningkatkan mutu layanan pendidikan dasar"
STAFF_RHK = "Terlaksananya sosialisasi program sekolah"


def accounts(srv):
    employees = [a for a in srv.accounts if a.role == "EMPLOYEE"]
    head = srv.account("EMPLOYEE")
    staff = next(a for a in employees if a.nip != head.nip)
    return head, staff


def head_skp(srv, head, token):
    """The head's SKP (a draft is enough for the subordinates' intervensi): R1."""
    has_supervisor = data(srv, OPTIONS, {"n": head.nip}, token)["skpParentOptions"]["hasSupervisor"]
    item = {"kind": "MAIN", "workResult": HEAD_RHK,
            "indicators": [{"aspect": "QUALITY", "text": "Mutu layanan", "expectedOutput": "Laporan mutu"}]}
    if not has_supervisor:
        item["intervention"] = "Meningkatnya kualitas pendidikan kota"
    saved = data(srv, SAVE, {"i": {"nip": head.nip, "cycle": 2025, "items": [item]}}, token)["saveSkp"]
    assert saved["errors"] == [], saved


def test_skp_drafted_returned_approved_revised_and_compared(fresh_server, make_page, use_token, shot):
    srv = fresh_server
    head, staff = accounts(srv)
    head_token = srv.token("EMPLOYEE", nip=head.nip)
    staff_token = srv.token("EMPLOYEE", nip=staff.nip)
    head_skp(srv, head, head_token)

    # -- the employee drafts: bad input first (nothing written), then a valid draft ------------------------------
    emp = make_page()
    use_token(emp, staff_token)
    emp.goto(f"{srv.url}/#/person/{staff.nip}")
    wait_rendered(emp)
    emp.locator("#nav-skp").click()  # "SKP saya": the ACTIVE cycle 2025
    expect(emp.locator("main h1")).to_contain_text("SKP")
    expect(emp.locator("#skp-status")).to_have_text("Belum dibuat")
    emp.get_by_role("button", name="Tambah RHK utama").click()
    expect(emp.locator("#skp-item-0-workResult")).to_be_focused()
    emp.locator("#skp-item-0-ind-0-target").fill("delapan")
    emp.get_by_role("button", name="Buat SKP").click()
    expect(emp.locator("#skp-item-0-ind-0-target-error")).to_have_text("Target harus berupa angka.")
    # a number now, but no work result and no indicator chosen: the server's errors at their fields
    emp.locator("#skp-item-0-ind-0-target").fill("80")
    emp.get_by_role("button", name="Buat SKP").click()
    expect(emp.locator("#skp-item-0-workResult-error")).to_have_text("Wajib diisi.")
    expect(emp.locator("#skp-errors")).to_be_visible()
    assert data(srv, SKP, {"nip": staff.nip}, staff_token)["skp"] is None  # nothing written
    shot(emp, "errors")

    emp.locator("#skp-item-0-workResult").fill(STAFF_RHK)
    parent = emp.get_by_label("Intervensi: RHK atasan yang didukung")
    expect(parent.locator("option[value='R1']")).to_have_text(f"R1 · {HEAD_RHK}")
    parent.select_option("R1")
    indicator = emp.locator("#skp-item-0-ind-0-indicator")
    indicator.select_option(index=1)
    emp.get_by_label("Akuntabel").fill("Laporan kegiatan tepat waktu")
    emp.get_by_label("Dukungan sumber daya").fill("Ruang rapat\nProyektor")
    emp.get_by_role("button", name="Buat SKP").click()
    expect(emp.locator("#skp-done")).to_have_text("SKP tersimpan.")
    expect(emp.locator("#skp-status")).to_have_text("Draf")
    expect(emp.locator("#skp-item-0-workResult-error")).to_have_count(0)
    saved = data(srv, SKP, {"nip": staff.nip}, staff_token)["skp"]
    assert (saved["status"], saved["revision"]) == ("DRAFT", 1)
    assert [(i["key"], i["parentKey"], i["indicators"][0]["target"]) for i in saved["items"]] == [("R1", "R1", 80.0)]

    emp.get_by_role("button", name="Ajukan").click()
    expect(emp.locator("#skp-status")).to_have_text("Diajukan")
    expect(emp.locator("#skp-decision")).to_contain_text("menunggu keputusan")
    expect(emp.locator("#skp-form")).to_have_count(0)  # a submitted SKP is read-only
    expect(emp.locator(".skp-item[data-key='R1'] [data-col='parent']")).to_have_text(f"R1 · {HEAD_RHK}")

    # -- the head returns it with a note (the note is required) --------------------------------------------------
    boss = make_page()
    use_token(boss, head_token)
    boss.goto(f"{srv.url}/#/person/{staff.nip}")
    wait_rendered(boss)
    boss.locator("#skp-link").click()
    expect(boss.locator("#skp-status")).to_have_text("Diajukan")
    expect(boss.locator(".skp-item[data-key='R1'] [data-col='parent']")).to_contain_text(HEAD_RHK)
    boss.get_by_role("button", name="Kembalikan").click()
    expect(boss.locator("#skp-return-note-input-error")).to_contain_text("catatan")
    assert data(srv, SKP, {"nip": staff.nip}, head_token)["skp"]["status"] == "SUBMITTED"
    boss.get_by_label("Catatan pengembalian (wajib bila dikembalikan)").fill("Tambahkan indikator waktu")
    boss.get_by_role("button", name="Kembalikan").click()
    expect(boss.locator("#skp-status")).to_have_text("Dikembalikan")
    expect(boss.locator("#skp-revisions tbody tr[data-revision='1']")).to_contain_text("Tambahkan indikator waktu")

    # -- the employee sees the note, adds a qualitative TIME indicator and resubmits -----------------------------
    emp.reload()
    wait_rendered(emp)
    expect(emp.locator("#skp-return-note")).to_contain_text("Tambahkan indikator waktu")
    expect(emp.locator("#skp-status")).to_have_text("Dikembalikan")
    emp.get_by_role("button", name="Tambah indikator pada RHK R1").click()
    emp.locator("#skp-item-0-ind-1-aspect").select_option("TIME")
    emp.locator("#skp-item-0-ind-1-type").select_option("QUAL")
    emp.get_by_label("Uraian indikator").fill("Sosialisasi selesai sebelum semester berakhir")
    emp.get_by_label("Output yang diharapkan").fill("Jadwal dan daftar hadir")
    emp.get_by_role("button", name="Ajukan").click()
    expect(emp.locator("#skp-status")).to_have_text("Diajukan")
    read = data(srv, SKP, {"nip": staff.nip}, staff_token)["skp"]
    assert [(d["aspect"], d["text"]) for d in read["items"][0]["indicators"]] == [
        ("QUANTITY", None), ("TIME", "Sosialisasi selesai sebelum semester berakhir")]

    # -- the head approves, opens a revision, changes the target; the comparison lists it -----------------------
    boss.reload()
    wait_rendered(boss)
    boss.get_by_role("button", name="Setujui").click()
    expect(boss.locator("#skp-status")).to_have_text("Disetujui")
    boss.get_by_role("button", name="Buat revisi").click()
    expect(boss.locator("#skp-status")).to_have_text("Draf")
    expect(boss.locator("#skp-revision")).to_have_text("2")
    boss.locator("#skp-item-0-ind-0-target").fill("90")
    boss.get_by_role("button", name="Simpan").click()
    expect(boss.locator("#skp-done")).to_have_text("SKP tersimpan.")
    expect(boss.locator("#skp-revisions tbody tr")).to_have_count(2)
    expect(boss.locator("#skp-revisions tbody tr[data-revision='1'] [data-col='status']")).to_have_text("Disetujui")
    boss.get_by_role("button", name="Bandingkan").click()
    changes = boss.locator("#skp-changes li")
    expect(changes).to_have_count(1)
    expect(changes.first).to_have_text("Indikator ke-1 pada RHK R1: target diubah dari “80” menjadi “90”")
    shot(boss, "compared")

    # -- a stale version: the employee's page still holds the old one -------------------------------------------
    emp.reload()
    wait_rendered(emp)
    boss.locator("#skp-item-0-ind-0-target").fill("95")
    boss.get_by_role("button", name="Simpan").click()
    expect(boss.locator("#skp-done")).to_be_visible()
    emp.get_by_role("button", name="Simpan").click()
    expect(emp.locator("#skp-errors")).to_contain_text("Muat ulang")
    emp.get_by_role("button", name="Muat ulang").click()
    expect(emp.locator("#skp-item-0-ind-0-target")).to_have_value("95")

    # -- the matrix: the staff's RHK under the head's R1; another subordinate's RHK unlinked ------------------------
    others = [p for p in data(srv, PERSON, {"n": head.nip}, head_token)["person"]["subordinates"]
              if p["nip"] != staff.nip]
    assert others, "the demo's head supervises more than the staff account"
    loose = data(srv, SAVE, {"i": {"nip": others[0]["nip"], "cycle": 2025, "items": [
        {"kind": "MAIN", "workResult": "Administrasi arsip tertib", "indicators": [
            {"aspect": "QUALITY", "text": "Arsip rapi", "expectedOutput": "Daftar arsip"}]}]}}, head_token)
    assert loose["saveSkp"]["errors"] == []
    boss.goto(f"{srv.url}/#/person/{head.nip}")
    wait_rendered(boss)
    boss.locator("#skp-matrix-link").click()
    expect(boss.locator("main h1")).to_contain_text("Matriks peran hasil")
    row = boss.locator(f".matrix-row[data-key='R1'] tr[data-nip='{staff.nip}']")
    expect(row).to_contain_text(STAFF_RHK)
    expect(boss.locator(".matrix-row[data-key='R1'] h2")).to_contain_text(HEAD_RHK)
    flagged = boss.locator(f"#matrix-unlinked tr[data-nip='{others[0]['nip']}']")
    expect(flagged).to_contain_text("Administrasi arsip tertib")
    expect(flagged.locator("[data-col='flag']")).to_have_text("belum terhubung")
    shot(boss, "matrix")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_skp_pages_on_a_phone(fresh_server, narrow_page, use_token, shot):
    srv = fresh_server
    head, staff = accounts(srv)
    head_token = srv.token("EMPLOYEE", nip=head.nip)
    head_skp(srv, head, head_token)
    page = narrow_page
    use_token(page, head_token)
    page.goto(f"{srv.url}/#/skp/{head.nip}/2025")
    wait_rendered(page)
    expect(page.locator("#skp-form")).to_be_visible()
    expect(page.locator("#skp-item-0-workResult")).to_have_value(HEAD_RHK)
    # no English and no raw codes on screen
    text = page.locator("main").inner_text()
    for raw in ("DRAFT", "MAIN", "QUALITY", "QUANTITY", "Draft", "Save", "Submit"):
        assert raw not in text, raw
    wide = page.evaluate("""() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 360)
        .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"the page scrolls sideways on a phone: {wide}"
    shot(page, "skp-phone")
    page.goto(f"{srv.url}/#/skp-matrix/{head.nip}/2025")
    wait_rendered(page)
    expect(page.locator(".matrix-row[data-key='R1'] h2")).to_contain_text(HEAD_RHK)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the matrix scrolls sideways on a phone"
    # an unknown person: the same answer as one out of scope
    page.goto(f"{srv.url}/#/skp/000000000000000000/2025")
    wait_rendered(page)
    expect(page.locator("main [role='alert']")).to_contain_text("tidak ditemukan")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set (README)
def test_agency_head_skp_names_the_agency_goal_and_admin_decides(fresh_server, page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    head, _ = accounts(srv)
    top = head.nip  # up the supervisor tree to a person without supervisor
    while True:
        up = data(srv, "query($n: String!) { person(nip: $n) { supervisor { nip } } }", {"n": top}, admin)
        if up["person"]["supervisor"] is None:
            break
        top = up["person"]["supervisor"]["nip"]
    use_token(page, admin)
    page.goto(f"{srv.url}/#/skp/{top}/2025")
    wait_rendered(page)
    page.get_by_role("button", name="Tambah RHK utama").click()
    page.locator("#skp-item-0-workResult").fill("Tata kelola pemerintahan yang akuntabel")
    expect(page.locator("#skp-item-0-parentKey")).to_have_count(0)  # no supervisor: no supervisor's RHK to name
    page.get_by_label("Intervensi: sasaran perangkat daerah yang didukung").fill("Meningkatnya kualitas pelayanan publik")
    page.get_by_label("Aspek").select_option(label="Kualitas")
    page.locator("#skp-item-0-ind-0-type").select_option("QUAL")
    page.get_by_label("Uraian indikator").fill("Laporan kinerja tersusun")
    page.get_by_label("Output yang diharapkan").fill("LKjIP")
    page.get_by_role("button", name="Buat SKP").click()
    expect(page.locator("#skp-status")).to_have_text("Draf")
    skp = data(srv, "query($n: String!) { skp(nip: $n, cycle: 2025) { items { parentKey intervention } } }",
               {"n": top}, admin)["skp"]
    assert skp["items"] == [{"parentKey": None, "intervention": "Meningkatnya kualitas pelayanan publik"}]
    page.get_by_role("button", name="Ajukan").click()
    expect(page.locator("#skp-status")).to_have_text("Diajukan")
    # ADMIN stands in for the missing supervisor: approves
    page.get_by_role("button", name="Setujui").click()
    expect(page.locator("#skp-status")).to_have_text("Disetujui")
    expect(page.locator(".skp-item[data-key='R1'] [data-col='parent']")).to_have_text(
        "Meningkatnya kualitas pelayanan publik")
    expect(page.locator(".skp-item[data-key='R1'] [data-col='kind']")).to_have_text("Utama")
    expect(page.locator(".skp-item[data-key='R1'] td[data-col='aspect']")).to_have_text("Kualitas")
    shot(page, "approved")
