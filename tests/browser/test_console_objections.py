"""The console's objections (keberatan) in Chromium against the API's own answers: the employee files one from the
person page (#/person), sees it on #/keberatan; the assessing official adds a statement; the assessing official's
superior decides it on #/keberatan/<id> (a confirmation first: the decision is final) and the rating changes.
The demo at KINERJA_TODAY=2025-11-20: cycle 2025 ACTIVE, moved to EVALUATION here."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data
from browser.test_forms_pages import mutate, to_evaluation

SUBORDINATES = "query($n: String!) { person(nip: $n) { subordinates { nip name } } }"
SUBMIT_SUPERVISOR = """mutation($i: AssessmentInput!) {
  submitSupervisorAssessment(input: $i) { assessment { version } errors { path code message } } }"""
OWN_ASSESSMENT = """query($n: String!) { assessments(period: "2025", nip: $n) { kind version } }"""
FINALIZE = """mutation($n: String!) { finalizeRating(input: {nip: $n, period: "2025",
  overrideReason: "Sesuai hasil pengamatan atasan", curveJustification: "Sesuai kinerja nyata"}) {
  rating { predikat } errors { path code message } } }"""
RATING = """query($n: String!) { person(nip: $n) { rating(period: "2025") { resultRating behaviorRating predikat
  objection { id status newPredikat } } } }"""
OBJECTIONS = """query($awaiting: Boolean = false) { objections(period: "2025", awaitingMe: $awaiting) { id status reason
  statements { role text author { nip } } assessor { nip } decider { nip } } }"""
MEETS, ABOVE = "SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"
REASON = "Capaian RHK utama sudah 100 % dan belum dipertimbangkan."
# what must never reach the screen: the API's English messages, codes and enum values
LEAKS = re.compile(r"\b(must|NOT_FOUND|REQUIRED|FORBIDDEN|OBJECTION_\w+|UNCHANGED|INVALID|OPEN|UPHELD|CHANGED|"
                   r"EMPLOYEE|ASSESSOR|SUPERIOR|SANGAT_BAIK|BAIK|SESUAI_EKSPEKTASI|DI_ATAS_EKSPEKTASI|characters|"
                   r"objection|rating|undefined|null)\b")


def no_leaks(page) -> None:
    text = page.locator("main").inner_text()
    assert not LEAKS.search(text), LEAKS.search(text).group(0)


def fits(page, width: int) -> None:
    """Nothing wider than the viewport (a wide table scrolls inside its .table-wrap)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def chain(srv, admin: str) -> tuple[dict, dict, dict]:
    """(head, assessor, employee): a subordinate of a subordinate of the demo's head of DISDIK, so that the
    assessing official is the subordinate and the one who decides is the head."""
    head = srv.account("EMPLOYEE")
    for sub in data(srv, SUBORDINATES, {"n": head.nip}, admin)["person"]["subordinates"]:
        staff = data(srv, SUBORDINATES, {"n": sub["nip"]}, admin)["person"]["subordinates"]
        if staff:
            return {"nip": head.nip, "name": head.name}, sub, staff[0]
    raise AssertionError(f"no subordinate of {head.nip} supervises anyone")


def rated(srv, admin: str, assessor_token: str, nip: str) -> dict:
    """The 2025 rating of `nip`, assessed and finalized by their supervisor: results as expected, behaviour above."""
    to_evaluation(srv, admin)
    found = [a for a in data(srv, OWN_ASSESSMENT, {"n": nip}, assessor_token)["assessments"]
             if a["kind"] == "SUPERVISOR"]
    mutate(srv, assessor_token, SUBMIT_SUPERVISOR, {"i": {
        "nip": nip, "period": "2025", "resultRating": MEETS, "behaviorRating": ABOVE,
        "version": found[0]["version"] if found else None}})
    mutate(srv, assessor_token, FINALIZE, {"n": nip})
    return data(srv, RATING, {"n": nip}, assessor_token)["person"]["rating"]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set (README)
def test_employee_objects_the_assessor_states_and_the_superior_changes_the_rating(
        fresh_server, page, make_page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    head, assessor, employee = chain(srv, admin)
    assessor_token = srv.token("EMPLOYEE", nip=assessor["nip"])
    employee_token = srv.token("EMPLOYEE", nip=employee["nip"])
    head_token = srv.token("EMPLOYEE", nip=head["nip"])
    rating = rated(srv, admin, assessor_token, employee["nip"])
    assert (rating["resultRating"], rating["behaviorRating"], rating["predikat"], rating["objection"]) == (
        MEETS, ABOVE, "BAIK", None)

    # the employee, on their own person page: the finalized rating offers "Ajukan keberatan"
    use_token(page, employee_token)
    page.goto(f"{srv.url}/#/person/{employee['nip']}?cycle=2025&period=2025")
    box = page.locator("#rating-objection")
    box.get_by_role("button", name="Ajukan keberatan").click()
    expect(page.get_by_label("Alasan keberatan")).to_be_focused()
    expect(page.locator("#objection-open")).to_be_hidden()
    page.get_by_role("button", name="Kirim keberatan").click()  # empty: the server's REQUIRED at the field
    expect(page.locator("#objection-reason-error")).to_contain_text("Wajib diisi")
    expect(page.get_by_label("Alasan keberatan")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Alasan keberatan")).to_be_focused()
    assert data(srv, OBJECTIONS, {}, employee_token)["objections"] == []  # nothing stored
    no_leaks(page)
    shot(page, "empty-reason")
    page.get_by_label("Alasan keberatan").fill(REASON)
    page.get_by_role("button", name="Kirim keberatan").click()
    expect(page.locator("#objection-filed")).to_contain_text("Keberatan terkirim")
    expect(box).to_contain_text("Menunggu keputusan")
    stored = data(srv, OBJECTIONS, {}, employee_token)["objections"]
    assert [(o["status"], o["reason"], o["assessor"]["nip"], o["decider"]["nip"]) for o in stored] == [
        ("OPEN", REASON, assessor["nip"], head["nip"])]
    objection_id = stored[0]["id"]
    expect(box.locator("#objection-link")).to_have_attribute("href", f"#/keberatan/{objection_id}")
    no_leaks(page)
    shot(page, "filed")
    page.reload()  # the rating now carries its objection: its status and link, no button
    expect(page.locator("#objection-link")).to_be_visible()
    expect(page.locator("#objection-open")).to_have_count(0)

    # ... and on #/keberatan: not awaiting them (the head decides), in the list of what they see
    page.locator("#nav-objections").click()
    expect(page.locator("main h1")).to_have_text("Keberatan")
    expect(page.locator("#nav-objections")).to_have_attribute("aria-current", "page")
    expect(page.locator("#awaiting")).to_contain_text("Tidak ada keberatan yang menunggu keputusan Anda.")
    row = page.locator(f'#visible-table tr[data-objection="{objection_id}"]')
    expect(row.locator('[data-col="person"]')).to_contain_text(employee["name"])
    expect(row.locator('[data-col="person"]')).to_contain_text(employee["nip"])
    expect(row.locator('[data-col="period"]')).to_have_text("Triwulan IV / Akhir Tahun 2025")
    expect(row.locator('[data-col="oldPredikat"]')).to_have_text("Baik")
    expect(row.locator('[data-col="status"]')).to_have_text("Menunggu keputusan")
    no_leaks(page)
    row.get_by_role("link").click()
    page.wait_for_url(f"**/#/keberatan/{objection_id}")
    facts = page.locator("#objection-facts")
    expect(facts.locator('[data-col="assessor"]')).to_contain_text(assessor["name"])
    expect(facts.locator('[data-col="decider"]')).to_contain_text(head["name"])
    expect(facts.locator('[data-col="reason"]')).to_have_text(REASON)
    expect(page.locator("#decide-form")).to_have_count(0)  # the employee states, never decides
    expect(page.locator("#statement-form")).to_be_visible()

    # the assessing official adds a statement
    official = make_page()
    use_token(official, assessor_token)
    official.goto(f"{srv.url}/#/keberatan/{objection_id}")
    expect(official.locator("#statements")).to_contain_text("Belum ada pernyataan.")
    official.get_by_role("button", name="Kirim pernyataan").click()  # empty first
    expect(official.locator("#statement-text-error")).to_contain_text("Wajib diisi")
    official.get_by_label("Pernyataan Anda").fill("Capaian RHK utama 95 % menurut laporan triwulan.")
    official.get_by_role("button", name="Kirim pernyataan").click()
    statement = official.locator('#statement-list [data-role="ASSESSOR"]')
    expect(statement).to_contain_text("Pejabat penilai")
    expect(statement).to_contain_text(assessor["name"])
    expect(statement).to_contain_text("Capaian RHK utama 95 % menurut laporan triwulan.")
    expect(official.locator("#decide-form")).to_have_count(0)
    no_leaks(official)
    official.close()

    # the head: awaiting them; decides "Penilaian diubah" with a new results rating, after a confirmation
    boss = make_page()
    use_token(boss, head_token)
    boss.goto(f"{srv.url}/#/keberatan")
    waiting = boss.locator(f'#awaiting-table tr[data-objection="{objection_id}"]')
    expect(waiting.locator('[data-col="status"]')).to_have_text("Menunggu keputusan")
    no_leaks(boss)
    shot(boss, "awaiting")
    waiting.get_by_role("link").click()
    boss.wait_for_url(f"**/#/keberatan/{objection_id}")
    expect(boss.locator('#statement-list [data-role="ASSESSOR"]')).to_contain_text("95 %")
    form = boss.locator("#decide-form")
    expect(form).to_contain_text("bersifat final")
    expect(boss.locator("#decide-ratings")).to_be_hidden()
    boss.get_by_label("Penilaian diubah").check()
    expect(boss.locator("#decide-ratings")).to_be_visible()
    boss.get_by_label("Penilaian hasil kerja baru").select_option(ABOVE)
    boss.get_by_label("Alasan keputusan").fill("RHK utama tercapai penuh menurut bukti.")
    boss.get_by_role("button", name="Lanjutkan").click()
    confirm = boss.locator("#decide-confirm")
    expect(confirm).to_contain_text("bersifat final")
    expect(confirm).to_contain_text("Di Atas Ekspektasi")
    expect(boss.locator("#decide-confirm-title")).to_be_focused()
    expect(boss.get_by_role("button", name="Lanjutkan")).to_be_hidden()
    expect(boss.get_by_label("Alasan keputusan")).to_be_disabled()  # as confirmed, until "Kembali"
    assert data(srv, RATING, {"n": employee["nip"]}, head_token)["person"]["rating"]["predikat"] == "BAIK"
    no_leaks(boss)
    shot(boss, "confirm")
    confirm.get_by_role("button", name="Ya, kirim keputusan").click()
    expect(boss.locator("#objection-result")).to_contain_text("Keputusan tersimpan")
    decided = boss.locator("#objection-facts")
    expect(decided.locator('[data-col="status"]')).to_have_text("Penilaian diubah")
    expect(decided.locator('[data-col="newResultRating"]')).to_have_text("Di Atas Ekspektasi")
    expect(decided.locator('[data-col="newPredikat"]')).to_have_text("Sangat Baik")
    expect(decided.locator('[data-col="decisionReason"]')).to_have_text("RHK utama tercapai penuh menurut bukti.")
    expect(boss.locator("#decide-form")).to_have_count(0)
    expect(boss.locator("#statement-form")).to_have_count(0)  # decided: final
    no_leaks(boss)
    shot(boss, "decided")
    # the API agrees: the rating changed, the objection is decided and no longer awaits the head
    after = data(srv, RATING, {"n": employee["nip"]}, head_token)["person"]["rating"]
    assert (after["resultRating"], after["behaviorRating"], after["predikat"]) == (ABOVE, ABOVE, "SANGAT_BAIK")
    assert after["objection"] == {"id": objection_id, "status": "CHANGED", "newPredikat": "SANGAT_BAIK"}
    awaiting = data(srv, "{ objections(awaitingMe: true) { id } }", None, head_token)["objections"]
    assert objection_id not in [o["id"] for o in awaiting]  # the demo's own objections (of every year) await the head
    boss.goto(f"{srv.url}/#/keberatan")
    expect(boss.locator("#awaiting-table tbody tr, #awaiting .empty")).to_have_count(max(len(awaiting), 1))
    expect(boss.locator(f'#awaiting-table tr[data-objection="{objection_id}"]')).to_have_count(0)
    expect(boss.locator(f'#visible-table tr[data-objection="{objection_id}"] [data-col="status"]')).to_contain_text(
        "Penilaian diubah")

    # the employee's person page follows: the new predikat, the decided objection
    page.goto(f"{srv.url}/#/person/{employee['nip']}?cycle=2025&period=2025")
    expect(page.locator('#rating [data-col="predikat"]')).to_have_text("Sangat Baik")
    expect(page.locator("#rating-objection")).to_contain_text("Penilaian diubah")

    # a phone: the objection and the list, nothing wider than the screen
    phone = make_page(360, 740, mobile=True)
    use_token(phone, head_token)
    phone.goto(f"{srv.url}/#/keberatan/{objection_id}")
    expect(phone.locator('#objection-facts [data-col="newPredikat"]')).to_have_text("Sangat Baik")
    fits(phone, 360)
    no_leaks(phone)
    shot(phone, "phone-objection")
    phone.goto(f"{srv.url}/#/keberatan")
    expect(phone.locator(f'#visible-table tr[data-objection="{objection_id}"]')).to_be_visible()
    fits(phone, 360)
    shot(phone, "phone-list")
