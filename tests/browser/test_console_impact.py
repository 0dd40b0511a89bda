"""The impact page (#/dampak/<agency>, issue 23 §3) in Chromium against the API's own answers, on the read-only demo
(KINERJA_TODAY=2025-11-20: 2023 CLOSED, 2024 EVALUATION, 2025 ACTIVE): DPMPTSP's permit officers were trained in
2024 and its IKM rose in 2025; the page, opened from the agency page, states the caveat, shows per year the IKM, the
predikat, the hours and the plans' before and after, per unit too, in Indonesian (no raw codes), narrows to a unit and
offers the table as a file; an employee is refused in Indonesian."""

from __future__ import annotations

import re

import pytest

from browser.console_helpers import csv_rows, data, no_token_in_urls, wait_rendered

expect = pytest.importorskip("playwright.sync_api").expect

IMPACT = """query($a: String!, $f: Int!, $t: Int!, $u: String) { impact(agency: $a, from: $f, to: $t, unit: $u) {
  rows { year unit ikm hoursDone hoursMet plans } transitions { year } } }"""
RAW = re.compile(r"\b(SANGAT_BAIK|BUTUH_PERBAIKAN|KURANG_MISCONDUCT|SANGAT_KURANG|NOT_FOUND|FORBIDDEN|IMPROVED|"
                 r"NOT_YET_RATED|TRAINING)\b|\d{4}-Q[1-4]")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_impact_page_shows_an_agencys_ikm_rising_after_training(server, page, use_token):
    token = server.token("ADMIN")
    seen: list = []
    page.on("request", lambda r: seen.append(r) if "/exports/" in r.url else None)
    use_token(page, token)
    page.goto(f"{server.url}/#/agency/DPMPTSP")
    wait_rendered(page)
    page.locator("#impact-link").click()
    wait_rendered(page)
    assert page.url.endswith("#/dampak/DPMPTSP")
    expect(page.locator("#impact-caveat")).to_contain_text("bukan bukti sebab-akibat")

    found = data(server, IMPACT, {"a": "DPMPTSP", "f": 2023, "t": 2025}, token)["impact"]
    years = {r["year"]: r for r in found["rows"] if r["unit"] is None}
    assert sorted(years) == [2023, 2024, 2025] and years[2025]["ikm"] > years[2024]["ikm"]
    ikm = page.locator("#impact-ikm tbody tr")
    expect(ikm).to_have_count(3)
    assert [float(ikm.nth(i).locator("[data-col=ikm]").get_attribute("data-value")) for i in range(3)] == [
        years[y]["ikm"] for y in (2023, 2024, 2025)]
    expect(page.locator("#impact-ikm tr[data-year='2025'] [data-col=change]")).to_contain_text("naik")
    hours = page.locator("#impact-hours tr[data-year='2024'] [data-col=hoursDone]")
    expect(hours).to_have_attribute("data-value", str(years[2024]["hoursDone"]))
    assert years[2024]["hoursDone"] > 0 and years[2024]["hoursMet"] > 0
    unit_rows = [r for r in found["rows"] if r["unit"] is not None]
    expect(page.locator("#impact-units tbody tr")).to_have_count(len(unit_rows))
    text = page.locator("main").inner_text()
    assert not RAW.search(text), RAW.search(text)
    assert "Kepuasan masyarakat" in text and "Sebelum dan sesudah rencana pengembangan" in text

    # one unit from 2024: its rows only; the table as a file, the same rows as the API's
    page.locator("#impact-from").select_option("2024")
    page.locator("#impact-unit").select_option("BID-PPNP")
    page.locator("#impact-form button[type=submit]").click()
    wait_rendered(page)
    assert "unit=BID-PPNP" in page.url and "dari=2024" in page.url
    expect(page.locator("#impact-ikm tbody tr")).to_have_count(2)
    expect(page.locator("#impact-units")).to_have_count(0)
    with page.expect_download() as download:
        page.locator("#impact-export-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    rows = csv_rows(server, "/exports/impact.csv", token, agency="DPMPTSP", unit="BID-PPNP", **{"from": "2024",
                                                                                             "to": "2025"})
    assert [r[:3] for r in rows[1:]] == [["2024", "DPMPTSP", "BID-PPNP"], ["2025", "DPMPTSP", "BID-PPNP"]]
    no_token_in_urls(seen, token)

    # an employee: refused, in Indonesian
    employee = server.token("EMPLOYEE", nip=server.account("EMPLOYEE").nip)
    page.evaluate("t => sessionStorage.setItem('kinerja.token', t)", employee)
    page.goto(f"{server.url}/#/dampak/DPMPTSP")
    page.reload()
    wait_rendered(page)
    expect(page.locator("main")).to_contain_text("tidak berwenang")
    assert not RAW.search(page.locator("main").inner_text())
