"""The console's development plan (rencana pengembangan kompetensi, #/pengembangan/<nip>/<cycle>) in Chromium against
the API's own answers: a BUTUH_PERBAIKAN rating proposes actions and requires the plan; the employee opens it from
their person page and agrees; the assessing official agrees, edits the plan (a field error first) and saves, which
clears both agreements; both agree again; the employee records an action's completion (JP 500 first: the server's
error at its field, nothing written) and the official confirms it; the development hours follow.
The demo at KINERJA_TODAY=2025-11-20: cycle 2025 ACTIVE, moved to EVALUATION here; the head of DISDIK rates one of
their staff (the demo's staff sign-in when it has no plan of 2024 waiting to be agreed)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data, wait_rendered
from browser.test_forms_pages import mutate, to_evaluation

SUBORDINATES = "query($n: String!) { person(nip: $n) { subordinates { nip name } } }"
# whether a 2025-Q1 rating of the person can be finalized and propose a plan of its own: not rated yet, no plan of
# 2025, and no plan of an earlier low rating that waits to be agreed (the demo has such plans in 2024)
STANDING = """query($n: String!) { person(nip: $n) { rating(period: "2025-Q1") { predikat } }
  y2024: developmentPlan(nip: $n, cycle: 2024) { requiredBy status }
  y2025: developmentPlan(nip: $n, cycle: 2025) { version } }"""
ASSESS = """mutation($i: AssessmentInput!) { submitSupervisorAssessment(input: $i) {
  assessment { version } errors { path code message } } }"""
FINALIZE = """mutation($n: String!) { finalizeRating(input: {nip: $n, period: "2025-Q1",
  overrideReason: "Sesuai hasil pengamatan atasan", curveJustification: "Sesuai kinerja nyata"}) {
  rating { predikat } errors { path code message } } }"""
PLAN = """query($n: String!) { developmentPlan(nip: $n, cycle: 2025) { status version requiredBy employeeAgreed
  officialAgreed plannedHours confirmedHours
  actions { id position kind title competency plannedHours due responsible source status hoursDone completedOn
            evidenceNumber evidenceUrl } } }"""
HOURS = """query($n: String!) { person(nip: $n) {
  developmentHours(year: 2025) { done awaiting planned minimum met } } }"""
BELOW, MEETS = "DI_BAWAH_EKSPEKTASI", "SESUAI_EKSPEKTASI"
# what must never reach the screen: the API's English messages, codes and enum values, a raw period
LEAKS = re.compile(r"\b(must|hours|characters|NOT_FOUND|REQUIRED|FORBIDDEN|OUT_OF_RANGE|STALE_VERSION|"
                   r"ALREADY_AGREED|DRAFT|AGREED|PLANNED|DONE|CONFIRMED|TRAINING|COACHING|MENTORING|ASSIGNMENT|"
                   r"SELF_STUDY|OTHER|PROPOSED|RECOMMENDATION|WRITTEN|BUTUH_PERBAIKAN|true|false|undefined|null|"
                   r"NaN|\d{4}-Q[1-4])\b")


def no_leaks(page) -> None:
    text = page.locator("main").inner_text()
    found = LEAKS.search(text)
    assert not found, f"{found.group(0)} in {text[max(0, found.start() - 200):found.end() + 100]!r}"


def fits(page, width: int) -> None:
    """Nothing wider than the viewport (the actions table scrolls inside its .table-wrap)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def plan_of(srv, token: str, nip: str) -> dict:
    return data(srv, PLAN, {"n": nip}, token)["developmentPlan"]


def hours_of(srv, token: str, nip: str) -> dict:
    return data(srv, HOURS, {"n": nip}, token)["person"]["developmentHours"]


def rated_low(srv) -> tuple[object, dict, str, str]:
    """(the head of DISDIK's account, a direct subordinate rated BUTUH_PERBAIKAN for 2025-Q1 by the head, the head's
    token, the subordinate's token): the demo's staff sign-in when free to be rated, else another subordinate."""
    admin = srv.token("ADMIN")
    head, staff = [a for a in srv.accounts if a.role == "EMPLOYEE"][:2]
    people = data(srv, SUBORDINATES, {"n": head.nip}, admin)["person"]["subordinates"]
    people.sort(key=lambda p: p["nip"] != staff.nip)

    def free(nip: str) -> bool:
        found = data(srv, STANDING, {"n": nip}, admin)
        earlier = found["y2024"]
        return (found["person"]["rating"] is None and found["y2025"]["version"] == 0
                and (earlier is None or earlier["requiredBy"] is None or earlier["status"] == "AGREED"))

    employee = next((p for p in people if free(p["nip"])), None)
    assert employee, f"no subordinate of {head.nip} can be rated for 2025-Q1"
    head_token = srv.token("EMPLOYEE", nip=head.nip)
    to_evaluation(srv, admin)
    mutate(srv, head_token, ASSESS, {"i": {"nip": employee["nip"], "period": "2025-Q1", "resultRating": BELOW,
                                           "behaviorRating": MEETS}})
    assert mutate(srv, head_token, FINALIZE, {"n": employee["nip"]})["rating"]["predikat"] == "BUTUH_PERBAIKAN"
    return head, employee, head_token, srv.token("EMPLOYEE", nip=employee["nip"])


def open_plan(page, srv, nip: str) -> None:
    page.goto(f"{srv.url}/#/pengembangan/{nip}/2025")
    wait_rendered(page)


def row(page, action_id: str):
    return page.locator(f'#actions-table tr[data-action="{action_id}"]')


def expect_hours(page, **values: int) -> None:
    for col, value in values.items():
        expect(page.locator(f'#hours-facts [data-col="{col}"]')).to_have_attribute("data-value", str(value))
    expect(page.locator("#development-hours")).not_to_have_attribute("aria-busy", "true")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set (README)
def test_plan_is_agreed_edited_completed_and_confirmed(fresh_server, page, make_page, use_token, shot):
    srv = fresh_server
    # the head rates a staff member BUTUH_PERBAIKAN for 2025-Q1: the rating proposes the plan and requires it
    head, employee, head_token, staff_token = rated_low(srv)
    staff = SimpleNamespace(**employee)
    plan = plan_of(srv, staff_token, staff.nip)
    assert (plan["status"], plan["version"], plan["requiredBy"], len(plan["actions"])) == ("DRAFT", 1, "2025-Q1", 5)
    coaching, training, *recommendations = plan["actions"]
    assert (coaching["kind"], training["kind"]) == ("COACHING", "TRAINING")
    base = hours_of(srv, staff_token, staff.nip)  # 2025's hours: none of the demo's plans completed in 2025
    assert (base["done"], base["awaiting"], base["planned"], base["minimum"]) == (0, 0, 28, 20)

    # the employee: the rating on their person page leads to the plan
    use_token(page, staff_token)
    page.goto(f"{srv.url}/#/person/{staff.nip}?cycle=2025&period=2025-Q1")
    wait_rendered(page)
    expect(page.locator("#development-link")).to_have_attribute("href", f"#/pengembangan/{staff.nip}/2025")
    page.locator("#rating-development-link").click()
    wait_rendered(page)
    expect(page.locator("main h1")).to_contain_text("Rencana pengembangan kompetensi")
    expect(page.locator("main h1")).to_contain_text(staff.name)
    required = page.locator("#plan-required")
    expect(required).to_contain_text("Wajib disepakati sebelum penilaian periode berikutnya difinalisasi")
    expect(required).to_contain_text("Triwulan I 2025")
    facts = page.locator("#plan-facts")
    expect(facts.locator('[data-col="status"] .badge')).to_have_text("Draf")
    expect(facts.locator('[data-col="employeeAgreed"]')).to_contain_text("Belum menyetujui")
    expect(facts.locator('[data-col="officialAgreed"]')).to_contain_text(head.name)
    expect(facts.locator('[data-col="plannedHours"]')).to_have_text("28 JP")
    expect(page.locator("#actions-table tbody tr")).to_have_count(5)
    first = row(page, coaching["id"])
    expect(first.locator('[data-col="kind"]')).to_have_text("Bimbingan atasan (coaching)")
    expect(first.locator('[data-col="title"]')).to_have_text(coaching["title"])
    expect(first.locator('[data-col="plannedHours"]')).to_have_text("8")
    expect(first.locator('[data-col="responsible"]')).to_have_text("Atasan langsung")
    expect(first.locator('[data-col="source"]')).to_have_text("Usulan penilaian Triwulan I 2025")
    expect(first.locator('[data-col="status"] .badge')).to_have_text("Direncanakan")
    expect(row(page, recommendations[0]["id"]).locator('[data-col="kind"]')).to_have_text("Lainnya")
    expect(row(page, recommendations[0]["id"]).locator('[data-col="source"]')).to_have_text(
        "Rekomendasi penilaian Triwulan I 2025")
    expect(page.locator("#complete-open-" + coaching["id"])).to_have_count(0)  # not agreed yet: nothing to record
    expect(page.locator("#hours-title")).to_have_text("Jam pengembangan kompetensi tahun 2025")
    expect_hours(page, done=0, awaiting=0, planned=28, minimum=20)
    expect(page.locator("#hours-met")).to_contain_text("Belum memenuhi minimum 20 JP setahun: kurang 20 JP")
    no_leaks(page)
    shot(page, "proposed")
    page.get_by_role("button", name="Setujui rencana").click()
    expect(page.locator("#plan-done")).to_contain_text("Persetujuan Anda tersimpan")
    expect(facts.locator('[data-col="employeeAgreed"]')).to_have_attribute("data-value", "true")
    expect(facts.locator('[data-col="employeeAgreed"]')).to_contain_text("Sudah menyetujui")
    expect(page.locator("#plan-agree")).to_have_count(0)
    expect(page.locator("#plan-agreement")).to_contain_text("Menunggu persetujuan pejabat penilai.")
    assert plan_of(srv, staff_token, staff.nip)["employeeAgreed"] is True

    # the assessing official: the next quarter's rating is refused until the plan is agreed, the refusal leads to it
    boss = make_page()
    use_token(boss, head_token)
    mutate(srv, head_token, ASSESS, {"i": {"nip": staff.nip, "period": "2025-Q2", "resultRating": MEETS,
                                           "behaviorRating": MEETS}})
    boss.goto(f"{srv.url}/#/assess/{staff.nip}/2025-Q2")
    wait_rendered(boss)
    if boss.locator("#final-override").is_visible():
        boss.locator("#final-override").fill("Sesuai hasil pengamatan atasan.")
    boss.get_by_role("button", name="Finalisasi", exact=True).click()
    boss.get_by_role("button", name="Ya, tetapkan").click()
    expect(boss.locator('[data-code="DEVELOPMENT_PLAN_REQUIRED"]')).to_contain_text("Triwulan I 2025")
    boss.locator("#final-development-plan a").click()
    wait_rendered(boss)
    assert boss.url.endswith(f"#/pengembangan/{staff.nip}/2025")
    # ... and agrees: AGREED
    boss_facts = boss.locator("#plan-facts")
    expect(boss_facts.locator('[data-col="employeeAgreed"]')).to_contain_text("Sudah menyetujui")
    boss.get_by_role("button", name="Setujui rencana").click()
    expect(boss.locator("#plan-done")).to_contain_text("Rencana disepakati pegawai dan pejabat penilai.")
    expect(boss_facts.locator('[data-col="status"] .badge')).to_have_text("Disepakati")
    expect(boss_facts.locator('[data-col="officialAgreed"]')).to_contain_text(head.name)  # who agreed, and when
    expect(boss_facts.locator('[data-col="officialAgreed"]')).to_contain_text(re.compile(r"\d{1,2} \w{3} \d{4}"))
    expect(boss.locator("#plan-required")).to_contain_text("sudah disepakati")
    assert plan_of(srv, head_token, staff.nip)["status"] == "AGREED"

    # ... then edits it: the training's hours, a new self-study action (its title forgotten first), the last
    # recommendation removed
    boss.locator("#plan-edit").click()
    expect(boss.locator("#plan-edit-warning")).to_contain_text("membatalkan persetujuan")
    expect(boss.locator("#plan-form fieldset.development-action")).to_have_count(5)
    boss.get_by_label("JP rencana").nth(1).fill("24")
    boss.locator("#action-4-remove").click()
    expect(boss.locator("#plan-form fieldset.development-action")).to_have_count(4)
    boss.locator("#plan-add").click()
    expect(boss.locator("#action-4-kind")).to_be_focused()
    boss.locator("#action-4-kind").select_option(label="Belajar mandiri")
    boss.locator("#action-4-competency").fill("Pengelolaan arsip digital")
    boss.locator("#action-4-hours").fill("10")
    boss.locator("#action-4-due").fill("2025-12-31")
    before = plan_of(srv, head_token, staff.nip)
    boss.locator("#plan-save").click()  # no title: the server's REQUIRED at the field
    expect(boss.locator("#action-4-title-error")).to_have_text("Wajib diisi.")
    expect(boss.locator("#action-4-title")).to_have_attribute("aria-invalid", "true")
    expect(boss.locator("#action-4-title")).to_be_focused()
    expect(boss.locator("#plan-edit-errors")).to_contain_text("Rencana belum tersimpan.")
    assert plan_of(srv, head_token, staff.nip) == before  # nothing written
    no_leaks(boss)
    shot(boss, "edit-error")
    boss.locator("#action-4-title").fill("Kursus daring pengelolaan arsip digital")
    boss.locator("#plan-save").click()
    expect(boss.locator("#plan-done")).to_contain_text("Rencana tersimpan sebagai draf")
    expect(boss_facts.locator('[data-col="status"] .badge')).to_have_text("Draf")
    expect(boss_facts.locator('[data-col="employeeAgreed"]')).to_have_attribute("data-value", "false")
    expect(boss_facts.locator('[data-col="officialAgreed"]')).to_have_attribute("data-value", "false")
    expect(boss.locator("#plan-required")).to_contain_text("Wajib disepakati")
    saved = plan_of(srv, head_token, staff.nip)
    assert [(a["kind"], a["plannedHours"], a["source"]) for a in saved["actions"]] == [
        ("COACHING", 8, "PROPOSED"), ("TRAINING", 24, "PROPOSED"), ("OTHER", 0, "RECOMMENDATION"),
        ("OTHER", 0, "RECOMMENDATION"), ("SELF_STUDY", 10, "WRITTEN")]
    assert saved["actions"][4]["title"] == "Kursus daring pengelolaan arsip digital"
    assert (saved["actions"][4]["competency"], saved["actions"][4]["due"]) == ("Pengelolaan arsip digital",
                                                                                "2025-12-31")
    assert recommendations[2]["id"] not in [a["id"] for a in saved["actions"]]
    added = saved["actions"][4]
    new_row = row(boss, added["id"])
    expect(new_row.locator('[data-col="kind"]')).to_have_text("Belajar mandiri")
    expect(new_row.locator('[data-col="source"]')).to_have_text("Ditulis pada rencana")
    expect(new_row.locator('[data-col="due"]')).to_have_text("31 Desember 2025")
    expect(row(boss, training["id"]).locator('[data-col="plannedHours"]')).to_have_text("24")
    expect(boss_facts.locator('[data-col="plannedHours"]')).to_have_text("42 JP")
    expect_hours(boss, planned=42)
    no_leaks(boss)
    boss.get_by_role("button", name="Setujui rencana").click()
    expect(boss.locator("#plan-agreement")).to_contain_text("Menunggu persetujuan pegawai.")

    # the employee agrees again (the page read before the save: reloaded), then records the training done
    page.reload()
    wait_rendered(page)
    expect(facts.locator('[data-col="officialAgreed"]')).to_have_attribute("data-value", "true")
    page.get_by_role("button", name="Setujui rencana").click()
    expect(facts.locator('[data-col="status"] .badge')).to_have_text("Disepakati")
    training_row = row(page, training["id"])
    training_row.get_by_role("button", name="Catat pelaksanaan").click()
    expect(page.locator("#complete-hours")).to_be_focused()
    expect(page.locator("#complete-title")).to_have_text("Catat pelaksanaan tindakan 2")
    page.get_by_label("JP terlaksana").fill("500")
    page.get_by_label("Tanggal selesai").fill("2025-11-10")
    page.get_by_label("Nomor sertifikat atau bukti").fill("SERT/2025/001")
    page.get_by_label("Tautan bukti").fill("https://diklat.example.go.id/sertifikat/001")
    agreed = plan_of(srv, staff_token, staff.nip)
    page.get_by_role("button", name="Simpan pelaksanaan").click()
    expect(page.locator("#complete-hours-error")).to_have_text("Jumlah JP harus antara 0 dan 200 (diisi 500).")
    expect(page.get_by_label("JP terlaksana")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("JP terlaksana")).to_be_focused()
    expect(page.locator("#complete-errors")).to_contain_text("Pelaksanaan belum tercatat.")
    expect(training_row).to_have_attribute("data-status", "PLANNED")
    expect(training_row.locator('[data-col="status"] .badge')).to_have_text("Direncanakan")
    assert plan_of(srv, staff_token, staff.nip) == agreed  # nothing written
    no_leaks(page)
    shot(page, "completion-error")
    page.get_by_label("JP terlaksana").fill("24")
    page.get_by_role("button", name="Simpan pelaksanaan").click()
    expect(page.locator("#plan-done")).to_contain_text("Pelaksanaan tindakan 2 tercatat")
    expect(training_row).to_have_attribute("data-status", "DONE")
    expect(training_row.locator('[data-col="status"] .badge')).to_have_text("Terlaksana, menunggu konfirmasi")
    expect(training_row.locator('[data-col="hoursDone"]')).to_have_text("24")
    expect(training_row.locator('[data-col="evidence"]')).to_contain_text("Selesai 10 November 2025")
    expect(training_row.locator('[data-col="evidence"]')).to_contain_text("SERT/2025/001")
    expect(training_row.get_by_role("link", name="Tautan bukti")).to_have_attribute(
        "href", "https://diklat.example.go.id/sertifikat/001")
    expect(page.locator("#complete-form")).to_have_count(0)
    expect_hours(page, done=0, awaiting=24, planned=18)
    expect(page.locator("#hours-met")).to_have_attribute("data-value", "false")
    done = plan_of(srv, staff_token, staff.nip)["actions"][1]
    assert (done["status"], done["hoursDone"], done["completedOn"], done["evidenceNumber"]) == (
        "DONE", 24, "2025-11-10", "SERT/2025/001")
    no_leaks(page)
    shot(page, "done")

    # the official confirms it (the page read again): its hours count, the minimum is met
    boss.reload()
    wait_rendered(boss)
    boss_row = row(boss, training["id"])
    expect(row(boss, coaching["id"]).get_by_role("button", name="Konfirmasi")).to_have_count(0)  # not done
    boss_row.get_by_role("button", name="Konfirmasi").click()
    expect(boss.locator("#plan-done")).to_contain_text("dikonfirmasi")
    expect(boss_row).to_have_attribute("data-status", "CONFIRMED")
    expect(boss_row.locator('[data-col="status"] .badge')).to_have_text("Dikonfirmasi")
    expect(boss_row.get_by_role("button", name="Konfirmasi")).to_have_count(0)
    expect(boss_facts.locator('[data-col="confirmedHours"]')).to_have_text("24 JP")
    expect_hours(boss, done=24, awaiting=0, planned=18, minimum=20)
    expect(boss.locator("#hours-met")).to_have_attribute("data-value", "true")
    expect(boss.locator("#hours-met")).to_contain_text("Minimum 20 JP setahun sudah terpenuhi.")
    assert hours_of(srv, head_token, staff.nip) == {"done": 24, "awaiting": 0, "planned": 18, "minimum": 20,
                                                    "met": True}
    no_leaks(boss)
    shot(boss, "confirmed")

    # the employee's page read again: confirmed, nothing more to record on it
    page.reload()
    wait_rendered(page)
    expect(training_row).to_have_attribute("data-status", "CONFIRMED")
    expect(training_row.get_by_role("button", name="Catat pelaksanaan")).to_have_count(0)
    expect(row(page, coaching["id"]).get_by_role("button", name="Catat pelaksanaan")).to_be_visible()
    expect_hours(page, done=24, awaiting=0)

    # a phone: the plan and its table, nothing wider than the screen
    phone = make_page(360, 740, mobile=True)
    use_token(phone, staff_token)
    open_plan(phone, srv, staff.nip)
    expect(phone.locator("#actions-table tbody tr")).to_have_count(5)
    fits(phone, 360)
    no_leaks(phone)
    shot(phone, "phone")


AGREE = """mutation($n: String!, $v: Int!) { agreeDevelopmentPlan(nip: $n, cycle: 2025, version: $v) {
  plan { version } errors { path code message } } }"""
COMPLETE = """mutation($i: DevelopmentCompletionInput!) { completeDevelopmentAction(input: $i) {
  plan { version } errors { path code message } } }"""


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # the page's states, not the data path
def test_the_plans_forms_and_errors_pass_axe(fresh_server, make_page, use_token):
    """axe-core (test_console_axe.py's) on the states the route visits of console_routes.py never reach: a plan with
    actions, the completion form with a field error, the confirmation button and the editor with a field error."""
    from browser.test_console_axe import describe, violations_of

    srv = fresh_server
    _, employee, head_token, staff_token = rated_low(srv)
    staff = SimpleNamespace(**employee)
    version = plan_of(srv, staff_token, staff.nip)["version"]
    version = mutate(srv, staff_token, AGREE, {"n": staff.nip, "v": version})["plan"]["version"]
    version = mutate(srv, head_token, AGREE, {"n": staff.nip, "v": version})["plan"]["version"]
    coaching, training = plan_of(srv, staff_token, staff.nip)["actions"][:2]
    mutate(srv, staff_token, COMPLETE, {"i": {"action": coaching["id"], "version": version, "hoursDone": 8,
                                              "completedOn": "2025-11-01"}})
    report = []

    def check(page, state: str) -> None:
        found = violations_of(page)
        if found:
            report.append(describe(state, found))

    own = make_page(bypass_csp=True)
    use_token(own, staff_token)
    open_plan(own, srv, staff.nip)
    check(own, "the employee's plan")
    row(own, training["id"]).get_by_role("button", name="Catat pelaksanaan").click()
    own.get_by_label("JP terlaksana").fill("500")
    own.get_by_label("Tanggal selesai").fill("2025-11-10")
    own.get_by_role("button", name="Simpan pelaksanaan").click()
    expect(own.locator("#complete-hours-error")).to_be_visible()
    check(own, "the completion form with an error")

    official = make_page(bypass_csp=True)
    use_token(official, head_token)
    open_plan(official, srv, staff.nip)
    expect(row(official, coaching["id"]).get_by_role("button", name="Konfirmasi")).to_be_visible()
    check(official, "the official's plan")
    official.locator("#plan-edit").click()
    official.locator("#plan-add").click()
    official.locator("#plan-save").click()
    expect(official.locator("#action-5-title-error")).to_be_visible()
    check(official, "the editor with an error")
    assert not report, "axe violations:\n" + "\n".join(report)
