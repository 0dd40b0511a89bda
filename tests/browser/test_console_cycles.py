"""The cycles page (#/siklus, issue 19 §1) in Chromium against the API's own answers: ADMIN creates the next year's
cycle, moves 2025 forward one step (after a confirmation that says what the step opens), and back with a reason
(an empty reason is refused at its field, in Indonesian, before anything is sent); each step is in the audit trail.
An agency admin reads the page without its buttons. The demo at KINERJA_TODAY=2025-11-20: 2023 CLOSED, 2024 in
EVALUATION, 2025 ACTIVE."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data, wait_rendered

CYCLES = "{ cycles { year status periodicity } }"
EVENTS = """query($id: String!) { auditTrail(entity: "cycle", id: $id) { action before after } }"""
LEAKS = re.compile(r"\b(PLANNING|ACTIVE|EVALUATION|CLOSED|QUARTERLY|MONTHLY|REASON_REQUIRED|INVALID_\w+|true|false|"
                   r"null|undefined|cycle|reason)\b")  # "status" is Indonesian too


LABELS = {"PLANNING": "Perencanaan", "ACTIVE": "Berjalan", "EVALUATION": "Evaluasi", "CLOSED": "Ditutup"}


def status_of(srv, token, year: int) -> str | None:
    return {c["year"]: c["status"] for c in data(srv, CYCLES, None, token)["cycles"]}.get(year)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set
def test_admin_creates_a_cycle_and_moves_one_forward_and_back(fresh_server, page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    assert status_of(srv, admin, 2025) == "ACTIVE" and status_of(srv, admin, 2026) is None
    use_token(page, admin)
    page.goto(srv.url + "/#/siklus")
    wait_rendered(page)
    statuses = {c["year"]: c["status"] for c in data(srv, CYCLES, None, admin)["cycles"]}
    assert {"CLOSED", "EVALUATION", "ACTIVE"} <= set(statuses.values())  # the demo's years (README, "Demo")
    for year, status in statuses.items():
        expect(page.locator(f'article[data-cycle="{year}"] [data-status]')).to_have_text(LABELS[status])

    # create 2026 (the form offers the year after the last one)
    expect(page.locator("#new-cycle-year")).to_have_value("2026")
    page.locator("#new-cycle-create").click()
    expect(page.locator("#cycles-notice")).to_have_text("Siklus 2026 dibuat dengan status Perencanaan.")
    expect(page.locator('article[data-cycle="2026"] [data-status]')).to_have_text("Perencanaan")
    assert status_of(srv, admin, 2026) == "PLANNING"

    # forward: 2025 ACTIVE -> EVALUATION, only after the confirmation, which says what opens
    card = page.locator('article[data-cycle="2025"]')
    card.locator("#c-2025-forward").click()
    confirm = card.locator("#c-2025-confirm")
    expect(confirm).to_contain_text("Pindahkan siklus 2025 ke status Evaluasi?")
    expect(confirm).to_contain_text("Penilaian diri, penilaian atasan dan finalisasi predikat")
    assert status_of(srv, admin, 2025) == "ACTIVE"  # nothing sent before the confirmation
    card.locator("#c-2025-confirm-yes").click()
    expect(page.locator("#cycles-notice")).to_have_text("Siklus 2025 kini berstatus Evaluasi.")
    assert status_of(srv, admin, 2025) == "EVALUATION"

    # back: a reason is required (refused at its field before any request), then EVALUATION -> ACTIVE
    card = page.locator('article[data-cycle="2025"]')
    card.locator("summary").click()
    card.locator("#c-2025-back-to").select_option("ACTIVE")
    card.locator("#c-2025-back").click()
    expect(page.locator("#c-2025-reason-error")).to_have_text("Alasan wajib diisi untuk memundurkan status siklus.")
    assert status_of(srv, admin, 2025) == "EVALUATION"
    card.locator("#c-2025-reason").fill("Capaian triwulan III belum lengkap")
    card.locator("#c-2025-back").click()
    expect(page.locator("#cycles-notice")).to_have_text("Siklus 2025 dimundurkan ke Berjalan.")
    assert status_of(srv, admin, 2025) == "ACTIVE"
    events = data(srv, EVENTS, {"id": "2025"}, admin)["auditTrail"]
    assert [e["action"] for e in events][-2:] == ["cycle.status", "cycle.status"]
    assert events[-1]["after"]["reason"] == "Capaian triwulan III belum lengkap"
    shot(page, "cycles")
    found = LEAKS.search(page.locator("main").inner_text())
    assert not found, found.group(0)


def test_an_agency_admin_reads_the_cycles_without_buttons(server, page, use_token):
    use_token(page, server.token("AGENCY_ADMIN", agency="DISDIK"))
    page.goto(server.url + "/#/siklus")
    wait_rendered(page)
    expect(page.locator('article[data-cycle="2025"] [data-status]')).to_have_text("Berjalan")
    expect(page.locator('article[data-cycle="2025"] [data-col="opens"]')).to_contain_text("capaian diisi")
    assert page.locator("#new-cycle-create").count() == 0 and page.locator("#c-2025-forward").count() == 0
    assert page.locator("#nav-cycles").count() == 1
    found = LEAKS.search(page.locator("main").inner_text())
    assert not found, found.group(0)
