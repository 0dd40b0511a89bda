"""The SKP pages in Chromium, on the demo data (every demo person has an SKP of cycle 2025, nearly all approved,
cascaded from the agency heads): an employee whose SKP is still a draft adds an RHK (with bad input first) under
the head's R1 and submits, the head returns it with a note, the employee sees the note, fixes and resubmits, the
head approves, opens a revision and changes a target, and the comparison of the revisions lists the change; the
matrix shows the link and an unlinked RHK; the pages on a phone; an agency head's revision naming the agency's goal,
decided by ADMIN."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data, wait_rendered

SKP = """query($nip: String!) { skp(nip: $nip, cycle: 2025) { status version revision
  items { key parentKey workResult indicators { aspect target text } } revisions { number status returnNote } } }"""
SAVE = """mutation($i: SkpInput!, $v: Int) { saveSkp(input: $i, version: $v) { skp { version } errors { code path } } }"""
PERSON = "query($n: String!) { person(nip: $n) { name supervisor { nip } subordinates { nip name } } }"
STAFF_RHK = "Terlaksananya sosialisasi program sekolah"


def accounts(srv):
    employees = [a for a in srv.accounts if a.role == "EMPLOYEE"]
    head = srv.account("EMPLOYEE")
    staff = next(a for a in employees if a.nip != head.nip)
    return head, staff


def skp_of(srv, nip, token):
    return data(srv, SKP, {"nip": nip}, token)["skp"]


def head_rhk(srv, head, token):
    """The work result of the head's R1 (the demo's approved SKP of the agency head)."""
    skp = skp_of(srv, head.nip, token)
    assert skp is not None and skp["status"] == "APPROVED", skp
    return next(i["workResult"] for i in skp["items"] if i["key"] == "R1")


def staff_by_status(srv, head, token):
    """The head's direct staff with the status of their SKP: [(nip, status)]."""
    subordinates = data(srv, PERSON, {"n": head.nip}, token)["person"]["subordinates"]
    return [(p["nip"], skp_of(srv, p["nip"], token)["status"]) for p in subordinates]


@pytest.mark.pg_smoke
def test_skp_drafted_returned_approved_revised_and_compared(fresh_server, make_page, use_token, shot):
    srv = fresh_server
    head, _ = accounts(srv)
    head_token = srv.token("EMPLOYEE", nip=head.nip)
    head_work = head_rhk(srv, head, head_token)
    team = staff_by_status(srv, head, head_token)
    # the demo leaves one of the head's staff with a draft SKP (revision 1): they add an RHK to it
    drafter = next((nip for nip, status in team if status == "DRAFT"), None)
    assert drafter, f"the demo's head has a member of staff with a draft SKP: {team}"
    staff_token = srv.token("EMPLOYEE", nip=drafter)
    before = skp_of(srv, drafter, staff_token)
    assert (before["status"], before["revision"]) == ("DRAFT", 1)
    n = len(before["items"])  # the new RHK's place in the form
    old_keys = [i["key"] for i in before["items"]]
    new_key = f"R{n + 1}"  # the next unused key (the demo's keys are R1..Rn)
    assert new_key not in old_keys

    # -- the employee adds an RHK to their draft: bad input first (nothing written), then a valid one --------------
    emp = make_page()
    use_token(emp, staff_token)
    emp.goto(f"{srv.url}/#/person/{drafter}")
    wait_rendered(emp)
    emp.locator("#nav-skp").click()  # "SKP saya": the ACTIVE cycle 2025
    expect(emp.locator("main h1")).to_contain_text("SKP")
    expect(emp.locator("#skp-status")).to_have_text("Draf")
    expect(emp.locator("#skp-revision")).to_have_text("1")
    expect(emp.locator("#skp-item-0-workResult")).to_have_value(before["items"][0]["workResult"])
    emp.get_by_role("button", name="Tambah RHK utama").click()
    expect(emp.locator(f"#skp-item-{n}-workResult")).to_be_focused()
    emp.locator(f"#skp-item-{n}-ind-0-target").fill("delapan")
    emp.get_by_role("button", name="Simpan").click()
    expect(emp.locator(f"#skp-item-{n}-ind-0-target-error")).to_have_text("Target harus berupa angka.")
    # a number now, but no work result and no indicator chosen: the server's errors at their fields
    emp.locator(f"#skp-item-{n}-ind-0-target").fill("80")
    emp.get_by_role("button", name="Simpan").click()
    expect(emp.locator(f"#skp-item-{n}-workResult-error")).to_have_text("Wajib diisi.")
    expect(emp.locator("#skp-errors")).to_be_visible()
    assert skp_of(srv, drafter, staff_token) == before  # nothing written
    shot(emp, "errors")

    emp.locator(f"#skp-item-{n}-workResult").fill(STAFF_RHK)
    parent = emp.locator(f"#skp-item-{n}-parentKey")
    expect(parent.locator("option[value='R1']")).to_have_text(f"R1 · {head_work}")
    parent.select_option("R1")
    indicator = emp.locator(f"#skp-item-{n}-ind-0-indicator")
    indicator.select_option(index=1)
    emp.get_by_label("Akuntabel").fill("Laporan kegiatan tepat waktu")
    emp.get_by_label("Dukungan sumber daya").fill("Ruang rapat\nProyektor")
    emp.get_by_role("button", name="Simpan").click()
    expect(emp.locator("#skp-done")).to_have_text("SKP tersimpan.")
    expect(emp.locator("#skp-status")).to_have_text("Draf")
    expect(emp.locator(f"#skp-item-{n}-workResult-error")).to_have_count(0)
    saved = skp_of(srv, drafter, staff_token)
    assert (saved["status"], saved["revision"], saved["version"]) == ("DRAFT", 1, before["version"] + 1)
    assert [i["key"] for i in saved["items"]] == [*old_keys, new_key]
    added = saved["items"][n]
    assert (added["key"], added["parentKey"], added["workResult"], added["indicators"][0]["target"]) == (
        new_key, "R1", STAFF_RHK, 80.0)

    emp.get_by_role("button", name="Ajukan").click()
    expect(emp.locator("#skp-status")).to_have_text("Diajukan")
    expect(emp.locator("#skp-decision")).to_contain_text("menunggu keputusan")
    expect(emp.locator("#skp-form")).to_have_count(0)  # a submitted SKP is read-only
    expect(emp.locator(f".skp-item[data-key='{new_key}'] [data-col='parent']")).to_have_text(f"R1 · {head_work}")

    # -- the head returns it with a note (the note is required) --------------------------------------------------
    boss = make_page()
    use_token(boss, head_token)
    boss.goto(f"{srv.url}/#/person/{drafter}")
    wait_rendered(boss)
    boss.locator("#skp-link").click()
    expect(boss.locator("#skp-status")).to_have_text("Diajukan")
    expect(boss.locator(f".skp-item[data-key='{new_key}'] [data-col='parent']")).to_contain_text(head_work)
    boss.get_by_role("button", name="Kembalikan").click()
    expect(boss.locator("#skp-return-note-input-error")).to_contain_text("catatan")
    assert skp_of(srv, drafter, head_token)["status"] == "SUBMITTED"
    boss.get_by_label("Catatan pengembalian (wajib bila dikembalikan)").fill("Tambahkan indikator waktu")
    boss.get_by_role("button", name="Kembalikan").click()
    expect(boss.locator("#skp-status")).to_have_text("Dikembalikan")
    expect(boss.locator("#skp-revisions tbody tr[data-revision='1']")).to_contain_text("Tambahkan indikator waktu")

    # -- the employee sees the note, adds a qualitative TIME indicator and resubmits -----------------------------
    emp.reload()
    wait_rendered(emp)
    expect(emp.locator("#skp-return-note")).to_contain_text("Tambahkan indikator waktu")
    expect(emp.locator("#skp-status")).to_have_text("Dikembalikan")
    emp.get_by_role("button", name=f"Tambah indikator pada RHK {new_key}").click()
    emp.locator(f"#skp-item-{n}-ind-1-aspect").select_option("TIME")
    emp.locator(f"#skp-item-{n}-ind-1-type").select_option("QUAL")
    emp.locator(f"#skp-item-{n}-ind-1-text").fill("Sosialisasi selesai sebelum semester berakhir")
    emp.locator(f"#skp-item-{n}-ind-1-expectedOutput").fill("Jadwal dan daftar hadir")
    emp.get_by_role("button", name="Ajukan").click()
    expect(emp.locator("#skp-status")).to_have_text("Diajukan")
    read = skp_of(srv, drafter, staff_token)
    assert [(d["aspect"], d["text"]) for d in read["items"][n]["indicators"]] == [
        ("QUANTITY", None), ("TIME", "Sosialisasi selesai sebelum semester berakhir")]

    # -- the head approves, opens a revision, changes the target; the comparison lists it -----------------------
    boss.reload()
    wait_rendered(boss)
    boss.get_by_role("button", name="Setujui").click()
    expect(boss.locator("#skp-status")).to_have_text("Disetujui")
    boss.get_by_role("button", name="Buat revisi").click()
    expect(boss.locator("#skp-status")).to_have_text("Draf")
    expect(boss.locator("#skp-revision")).to_have_text("2")
    boss.locator(f"#skp-item-{n}-ind-0-target").fill("90")
    boss.get_by_role("button", name="Simpan").click()
    expect(boss.locator("#skp-done")).to_have_text("SKP tersimpan.")
    expect(boss.locator("#skp-revisions tbody tr")).to_have_count(2)
    expect(boss.locator("#skp-revisions tbody tr[data-revision='1'] [data-col='status']")).to_have_text("Disetujui")
    boss.get_by_role("button", name="Bandingkan").click()
    changes = boss.locator("#skp-changes li")
    expect(changes).to_have_count(1)
    expect(changes.first).to_have_text(
        f"Indikator ke-1 pada RHK {new_key}: target diubah dari “80” menjadi “90”")
    shot(boss, "compared")

    # -- a stale version: the employee's page still holds the old one -------------------------------------------
    emp.reload()
    wait_rendered(emp)
    boss.locator(f"#skp-item-{n}-ind-0-target").fill("95")
    boss.get_by_role("button", name="Simpan").click()
    expect(boss.locator("#skp-done")).to_be_visible()
    emp.get_by_role("button", name="Simpan").click()
    expect(emp.locator("#skp-errors")).to_contain_text("Muat ulang")
    emp.get_by_role("button", name="Muat ulang").click()
    expect(emp.locator(f"#skp-item-{n}-ind-0-target")).to_have_value("95")

    # -- the matrix: the new RHK under the head's R1; another subordinate's new RHK unlinked -------------------------
    # the demo returned the SKP of the staff sign-in: still editable, the head saves an RHK naming no RHK of theirs
    loose = next((nip for nip, status in team if status == "RETURNED" and nip != drafter), None)
    assert loose, f"the demo's head has a member of staff with a returned SKP: {team}"
    version = skp_of(srv, loose, head_token)["version"]
    written = data(srv, SAVE, {"v": version, "i": {"nip": loose, "cycle": 2025, "items": [
        {"kind": "MAIN", "workResult": "Administrasi arsip tertib", "indicators": [
            {"aspect": "QUALITY", "text": "Arsip rapi", "expectedOutput": "Daftar arsip"}]}]}}, head_token)
    assert written["saveSkp"]["errors"] == []
    loose_key = skp_of(srv, loose, head_token)["items"][0]["key"]
    boss.goto(f"{srv.url}/#/person/{head.nip}")
    wait_rendered(boss)
    boss.locator("#skp-matrix-link").click()
    expect(boss.locator("main h1")).to_contain_text("Matriks peran hasil")
    row = boss.locator(f".matrix-row[data-key='R1'] tr[data-nip='{drafter}'][data-key='{new_key}']")
    expect(row).to_contain_text(STAFF_RHK)
    expect(boss.locator(".matrix-row[data-key='R1'] h2")).to_contain_text(head_work)
    flagged = boss.locator(f"#matrix-unlinked tr[data-nip='{loose}'][data-key='{loose_key}']")
    expect(flagged).to_contain_text("Administrasi arsip tertib")
    expect(flagged.locator("[data-col='flag']")).to_have_text("belum terhubung")
    expect(boss.locator(f".matrix-row[data-key] tr[data-nip='{loose}']")).to_have_count(0)
    shot(boss, "matrix")


RAW_CODES = ("DRAFT", "APPROVED", "MAIN", "ADDITIONAL", "QUALITY", "QUANTITY", "TIME", "Draft", "Approved", "Save",
             "Submit", "Revise")


def no_english_and_no_sideways_scroll(page, what):
    text = page.locator("main").inner_text()
    for raw in RAW_CODES:
        assert raw not in text, (what, raw)
    wide = page.evaluate("""() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 360)
        .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"{what} scrolls sideways on a phone: {wide}"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_skp_pages_on_a_phone(fresh_server, narrow_page, use_token, shot):
    srv = fresh_server
    head, _ = accounts(srv)
    head_token = srv.token("EMPLOYEE", nip=head.nip)
    head_work = head_rhk(srv, head, head_token)
    page = narrow_page
    use_token(page, head_token)
    # the head's approved SKP, read-only
    page.goto(f"{srv.url}/#/skp/{head.nip}/2025")
    wait_rendered(page)
    expect(page.locator("#skp-status")).to_have_text("Disetujui")
    expect(page.locator("#skp-form")).to_have_count(0)
    expect(page.locator(".skp-item[data-key='R1'] h3")).to_have_text(f"R1 · {head_work}")
    no_english_and_no_sideways_scroll(page, "the approved SKP")
    shot(page, "skp-phone-approved")
    # a revision of it: the form, on a phone too
    page.get_by_role("button", name="Buat revisi").click()
    expect(page.locator("#skp-status")).to_have_text("Draf")
    expect(page.locator("#skp-revision")).to_have_text("2")
    expect(page.locator("#skp-form")).to_be_visible()
    expect(page.locator("#skp-item-0-workResult")).to_have_value(head_work)
    no_english_and_no_sideways_scroll(page, "the SKP form")
    shot(page, "skp-phone")
    page.goto(f"{srv.url}/#/skp-matrix/{head.nip}/2025")
    wait_rendered(page)
    expect(page.locator(".matrix-row[data-key='R1'] h2")).to_contain_text(head_work)
    expect(page.locator(".matrix-row[data-key='R1'] tbody tr").first).to_be_visible()  # the staff's RHK under R1
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
    items_query = "query($n: String!) { skp(nip: $n, cycle: 2025) { status revision items { key kind parentKey intervention } } }"
    before = data(srv, items_query, {"n": top}, admin)["skp"]
    # the demo's approved SKP of the head: each MAIN RHK names an agency goal, none a supervisor's RHK
    assert (before["status"], before["revision"]) == ("APPROVED", 1)
    mains = [i for i in before["items"] if i["kind"] == "MAIN"]
    assert mains and all(i["parentKey"] is None and i["intervention"] for i in mains), before
    n = len(before["items"])
    use_token(page, admin)
    page.goto(f"{srv.url}/#/skp/{top}/2025")
    wait_rendered(page)
    expect(page.locator("#skp-status")).to_have_text("Disetujui")
    expect(page.locator(".skp-item[data-key='R1'] [data-col='parent']")).to_have_text(mains[0]["intervention"])
    # ADMIN revises it (the head has no supervisor) and adds an RHK naming another agency goal
    page.get_by_role("button", name="Buat revisi").click()
    expect(page.locator("#skp-status")).to_have_text("Draf")
    expect(page.locator("#skp-revision")).to_have_text("2")
    expect(page.locator("#skp-item-0-intervention")).to_have_value(mains[0]["intervention"])
    page.get_by_role("button", name="Tambah RHK utama").click()
    page.locator(f"#skp-item-{n}-workResult").fill("Tata kelola pemerintahan yang akuntabel")
    expect(page.locator("[id$='-parentKey']")).to_have_count(0)  # no supervisor: no supervisor's RHK to name
    page.locator(f"#skp-item-{n}-intervention").fill("Meningkatnya kualitas pelayanan publik")
    page.locator(f"#skp-item-{n}-ind-0-aspect").select_option(label="Kualitas")
    page.locator(f"#skp-item-{n}-ind-0-type").select_option("QUAL")
    page.locator(f"#skp-item-{n}-ind-0-text").fill("Laporan kinerja tersusun")
    page.locator(f"#skp-item-{n}-ind-0-expectedOutput").fill("LKjIP")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("#skp-done")).to_have_text("SKP tersimpan.")
    expect(page.locator("#skp-status")).to_have_text("Draf")
    skp = data(srv, items_query, {"n": top}, admin)["skp"]
    assert skp["revision"] == 2
    assert [i["key"] for i in skp["items"][:n]] == [i["key"] for i in before["items"]]
    added = skp["items"][n]
    assert (added["kind"], added["parentKey"], added["intervention"]) == (
        "MAIN", None, "Meningkatnya kualitas pelayanan publik")
    key = added["key"]
    assert key not in {i["key"] for i in before["items"]}
    page.get_by_role("button", name="Ajukan").click()
    expect(page.locator("#skp-status")).to_have_text("Diajukan")
    # ADMIN stands in for the missing supervisor: approves
    page.get_by_role("button", name="Setujui").click()
    expect(page.locator("#skp-status")).to_have_text("Disetujui")
    expect(page.locator("#skp-revision")).to_have_text("2")
    expect(page.locator(f".skp-item[data-key='{key}'] [data-col='parent']")).to_have_text(
        "Meningkatnya kualitas pelayanan publik")
    expect(page.locator(f".skp-item[data-key='{key}'] [data-col='kind']")).to_have_text("Utama")
    expect(page.locator(f".skp-item[data-key='{key}'] td[data-col='aspect']")).to_have_text("Kualitas")
    shot(page, "approved")
