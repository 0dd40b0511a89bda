"""What a rating leads to, on the agency page in Chromium (read-only demo): the people rated low in a row with their
history, and the talent list of a year, each the same as the API answers the same reader, in Indonesian (no raw
codes), with the whole list as a file; an employee's page shows neither."""

from __future__ import annotations

import pytest

from browser.console_helpers import csv_rows, data, no_token_in_urls, wait_rendered

expect = pytest.importorskip("playwright.sync_api").expect

LOW = """query($a: String!) { consecutiveLowPredikat(agency: $a) { nip lowRun runPeriods } }"""
TALENT = """query($p: String!, $a: String) { talentList(period: $p, agency: $a, first: 100) { totalCount
  edges { node { nip } } } }"""
CYCLES = "{ cycles { year status } }"


def test_the_agency_page_lists_low_runs_and_the_talent_list(server, page, use_token, tmp_path):
    token = server.token("AGENCY_ADMIN", agency="DISDIK")
    seen: list = []
    page.on("request", lambda r: seen.append(r) if "/reports/" in r.url else None)
    use_token(page, token)
    page.goto(f"{server.url}/#/agency/DISDIK")
    wait_rendered(page)

    low = data(server, LOW, {"a": "DISDIK"}, token)["consecutiveLowPredikat"]
    assert low, "the demo has people rated low in a row (its closed and evaluated years)"
    rows = page.locator("#low-predikat-table tbody tr")
    expect(rows).to_have_count(len(low))
    assert [rows.nth(i).get_attribute("data-nip") for i in range(len(low))] == [r["nip"] for r in low]
    first = rows.first.inner_text()
    assert "berturut-turut" in first and "_" not in first  # Indonesian words, no raw codes
    assert "Triwulan" in first or "Akhir Tahun" in first
    with page.expect_download() as download:
        page.locator("#low-predikat-export-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert len(csv_rows(server, "/reports/consecutive-low-predikat.csv", token, agency="DISDIK")) == len(low) + 1

    cycles = data(server, CYCLES, None, token)["cycles"]
    year = str(max(c["year"] for c in cycles if c["status"] in ("EVALUATION", "CLOSED")))
    expect(page.locator("#talent-year")).to_have_value(year)
    talent = data(server, TALENT, {"p": year, "a": "DISDIK"}, token)["talentList"]
    assert talent["totalCount"] > 0
    expect(page.locator("#talent-count")).to_contain_text(f"{talent['totalCount']} pegawai")
    shown = page.locator("#talent-table tbody tr")
    expect(shown).to_have_count(min(50, talent["totalCount"]))
    # another year: its own list
    older = str(int(year) - 1)
    page.locator("#talent-year").select_option(older)
    again = data(server, TALENT, {"p": older, "a": "DISDIK"}, token)["talentList"]
    expect(page.locator("#talent-count")).to_contain_text(f"{again['totalCount']} pegawai")
    expect(page.locator("#talent")).to_contain_text(f"Tahun {older}")
    no_token_in_urls(seen, token)


def test_an_employee_sees_neither_list(server, page, use_token):
    token = server.token("EMPLOYEE", nip=server.account("EMPLOYEE").nip)  # the head of DISDIK: sees the agency page
    use_token(page, token)
    page.goto(f"{server.url}/#/agency/DISDIK")
    wait_rendered(page)
    expect(page.locator("#low-predikat")).to_have_count(0)
    expect(page.locator("#talent")).to_have_count(0)
