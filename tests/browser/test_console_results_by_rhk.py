"""The assessment page rates RHK by RHK: the supervisor sees the person's SKP's RHK on #/assess, rates each with
its realisation and feedback, and after saving the page shows the suggestion the per-RHK ratings make (the form's
rule, in Indonesian), which finalizing is checked against; the period reads "Triwulan IV / Akhir Tahun"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data
from browser.test_forms_pages import editable_subordinate, mutate, to_evaluation

SAVE = """mutation($i: SkpInput!, $v: Int) { saveSkp(input: $i, version: $v) { skp { version }
  errors { code path message } } }"""
STEP = """mutation($n: String!, $v: Int!) { %s(nip: $n, cycle: 2025, version: $v) { skp { version status }
  errors { code message } } }"""
RESULTS = """query($n: String!) { assessments(period: "2025", nip: $n) { kind resultRating
  results { itemKey rating realization feedback } } }"""


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set (README)
def test_supervisor_rates_each_rhk_and_sees_the_suggestion(fresh_server, page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    head = srv.account("EMPLOYEE")  # the demo's head of DISDIK
    sub = editable_subordinate(srv, head.nip, admin)
    head_token = srv.token("EMPLOYEE", nip=head.nip)
    items = [{"kind": "MAIN", "workResult": "Pembelajaran tuntas",
              "indicators": [{"aspect": "QUALITY", "text": "Ketuntasan", "expectedOutput": "Laporan"}]},
             {"kind": "MAIN", "workResult": "Administrasi kelas tertib",
              "indicators": [{"aspect": "TIME", "text": "Tepat waktu", "expectedOutput": "Rekap"}]},
             {"kind": "ADDITIONAL", "workResult": "Pembina ekstrakurikuler",
              "indicators": [{"aspect": "QUANTITY", "text": "Kegiatan", "expectedOutput": "Daftar hadir"}]}]
    # the head redrafts the SKP the demo left in DRAFT or RETURNED (README, "Demo"), keeping its RHK keys R1-R3
    for n, item in enumerate(items):
        item["key"] = f"R{n + 1}"
    saved = mutate(srv, head_token, SAVE, {"i": {"nip": sub["nip"], "cycle": 2025, "items": items},
                                           "v": sub["skp"]["version"]})
    version = saved["skp"]["version"]
    version = mutate(srv, head_token, STEP % "submitSkp", {"n": sub["nip"], "v": version})["skp"]["version"]
    assert mutate(srv, head_token, STEP % "approveSkp", {"n": sub["nip"], "v": version})["skp"]["status"] == "APPROVED"
    to_evaluation(srv, admin)

    use_token(page, head_token)
    page.goto(f"{srv.url}/#/assess/{sub['nip']}/2025")
    expect(page.locator("main h1")).to_contain_text(sub["name"])
    expect(page.locator("main .lead")).to_have_text("Periode Triwulan IV / Akhir Tahun 2025")
    rows = page.locator("#assess-rhk .rhk-row")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("R1 · Utama: Pembelajaran tuntas")
    expect(rows.nth(2)).to_contain_text("R3 · Tambahan: Pembina ekstrakurikuler")
    page.select_option("#assess-rhk-R1-rating", "DI_ATAS_EKSPEKTASI")
    page.fill("#assess-rhk-R1-realization", "Ketuntasan 96 %")
    page.fill("#assess-rhk-R1-feedback", "Pertahankan")
    page.select_option("#assess-rhk-R2-rating", "DI_ATAS_EKSPEKTASI")
    page.select_option("#assess-rhk-R3-rating", "DI_BAWAH_EKSPEKTASI")
    page.locator("#assess-result-DI_ATAS_EKSPEKTASI").check()
    page.locator("#assess-behavior-SESUAI_EKSPEKTASI").check()
    page.locator("#assess-save").click()
    expect(page.locator("#assess-version")).to_contain_text("versi 1")
    stored = [a for a in data(srv, RESULTS, {"n": sub["nip"]}, admin)["assessments"] if a["kind"] == "SUPERVISOR"]
    assert stored[0]["results"] == [
        {"itemKey": "R1", "rating": "DI_ATAS_EKSPEKTASI", "realization": "Ketuntasan 96 %", "feedback": "Pertahankan"},
        {"itemKey": "R2", "rating": "DI_ATAS_EKSPEKTASI", "realization": None, "feedback": None},
        {"itemKey": "R3", "rating": "DI_BAWAH_EKSPEKTASI", "realization": None, "feedback": None}]

    page.reload()  # the suggestion comes from the stored per-RHK ratings
    card = page.locator("#assess-suggestion")
    expect(card).to_have_attribute("data-basis", "rhk")
    expect(card).to_contain_text("3 RHK dinilai: 2 di atas, 0 sesuai, 1 di bawah ekspektasi")
    expect(page.locator("#assess-rhk-R1-rating")).to_have_value("DI_ATAS_EKSPEKTASI")
    expect(page.locator("#assess-rhk-R1-feedback")).to_have_value("Pertahankan")
    shot(page, "rated-by-rhk")
