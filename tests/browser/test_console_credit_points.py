"""Credit points on the agency page in Chromium (read-only demo): the teachers in functional posts with a coefficient,
each with the annual predikat's conversion as the API answers the same reader, in Indonesian (no raw codes), another
year on demand, and the whole list as a file (docs/DOMAIN.md, "Credit points")."""

from __future__ import annotations

import pytest

from browser.console_helpers import csv_rows, data, no_token_in_urls, wait_rendered

expect = pytest.importorskip("playwright.sync_api").expect

CREDIT = """query($a: String!, $y: Int!) { creditPoints(agency: $a, year: $y, first: 100) { totalCount edges { node {
  nip rated predikat percentage points parts { post } } } } }"""
CYCLES = "{ cycles { year status } }"
PREDIKAT = {"SANGAT_BAIK": "Sangat Baik", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan",
            "KURANG_MISCONDUCT": "Kurang/Misconduct", "SANGAT_KURANG": "Sangat Kurang"}


def shown(value: float) -> str:
    """As the console's num(x, 3) writes it (id-ID): 18.75 -> "18,75"."""
    return f"{value:.3f}".rstrip("0").rstrip(".").replace(".", ",")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_agency_page_lists_credit_points_of_functional_posts(server, page, use_token):
    token = server.token("AGENCY_ADMIN", agency="DISDIK")
    seen: list = []
    page.on("request", lambda r: seen.append(r) if "/reports/" in r.url else None)
    use_token(page, token)
    page.goto(f"{server.url}/#/agency/DISDIK")
    wait_rendered(page)

    cycles = data(server, CYCLES, None, token)["cycles"]
    evaluated = sorted(c["year"] for c in cycles if c["status"] in ("EVALUATION", "CLOSED"))
    expect(page.locator("#credit-year")).to_have_value(str(evaluated[-1]))
    # the closed year: every teacher rated, their points as the API gives them
    closed = evaluated[0]
    page.locator("#credit-year").select_option(str(closed))
    found = data(server, CREDIT, {"a": "DISDIK", "y": closed}, token)["creditPoints"]
    people = [e["node"] for e in found["edges"]]
    assert people and all(p["rated"] for p in people), "the demo's teachers in functional posts are rated"
    expect(page.locator("#credit-count")).to_contain_text(f"{found['totalCount']} pegawai")
    rows = page.locator("#credit-table tbody tr")
    expect(rows).to_have_count(len(people))
    for i, person in enumerate(people):
        row = rows.nth(i)
        assert row.get_attribute("data-nip") == person["nip"]
        expect(row.locator("[data-col=predikat]")).to_have_text(PREDIKAT[person["predikat"]])
        expect(row.locator("[data-col=percentage]")).to_have_text(f"{person['percentage']} %")
        expect(row.locator("[data-col=points]")).to_have_text(shown(person["points"]))
    text = page.locator("#credit-points").inner_text()
    assert "Guru Ahli Pertama (koefisien 12,5; 365 hari)" in text and "_" not in text  # no raw codes
    with page.expect_download() as download:
        page.locator("#credit-export-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    parts = sum(len(p["parts"]) for p in people)
    assert len(csv_rows(server, "/reports/credit-points.csv", token, agency="DISDIK", year=str(closed))) == parts + 1
    no_token_in_urls(seen, token)
