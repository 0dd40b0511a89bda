"""The organisation predikat of units and the reference curve in Chromium, against the API's own answers: DISDIK's
admin sets a school's predikat on the agency page (and is told in Indonesian why a CLOSED year's cannot change); the
dashboard and the agency page show each predikat's reference curve beside the actual spread (a chart and a table
column, in words); the assessment page of a school's head shows the unit-head rule. The demo at
KINERJA_TODAY=2025-11-20: 2023 CLOSED and 2024 in EVALUATION with the schools' predikat, 2025 ACTIVE with Q1-Q3's
(the closed year read from the cycles)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data, default_period, table, wait_rendered

UNIT = """query($p: String!) { agency(code: "DISDIK") { units(first: 1000) { code name orgPredikat(period: $p) } } }"""
EVENTS = """{ auditTrail(entity: "unit_org_rating", id: "DISDIK/SDN-001/2025") { action before after } }"""
REFERENCE = """query($p: String!, $g: ReportGroup, $a: String) {
  predikatDistribution(period: $p, groupBy: $g, agency: $a) {
  group orgPredikat curveReference { predikat kind percent count limit total actual breached } } }"""
CONTEXT = """query($n: String!, $p: String!) { assessmentContext(nip: $n, period: $p) {
  unitHead { unit { code name } orgPredikat fromOrgPredikat basis suggestion { rating measurements { period } } } } }"""
PEOPLE = """{ people(filter: {agency: "DISDIK", unit: "SDN-001"}, first: 100) { edges { node { nip name position
  supervisor { unit { code } } } } } }"""
# what must never reach these screens: codes and enum values, the API's English
LEAKS = re.compile(r"\b(ISTIMEWA|BAIK|BUTUH_PERBAIKAN|KURANG|SANGAT_\w+|KURANG_MISCONDUCT|MAXIMUM|MINIMUM|MORE_THAN|"
                   r"MIN_COUNT|ORG_PREDIKAT|ACHIEVEMENTS|NOTHING|PLUGIN|DI_ATAS_EKSPEKTASI|SESUAI_EKSPEKTASI|"
                   r"DI_BAWAH_EKSPEKTASI|CYCLE_CLOSED|FORBIDDEN|true|false|null|undefined|head|exceeds|falls short|"
                   r"organisation|rating)\b")
ORG_LABEL = {"ISTIMEWA": "Istimewa", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan", "KURANG": "Kurang",
             "SANGAT_KURANG": "Sangat Kurang"}


def people(n: int) -> str:
    """A count as the console writes it (id-ID: 1.205)."""
    return f"{n:,}".replace(",", ".")


def no_leaks(text: str) -> None:
    found = LEAKS.search(text)
    assert not found, (found.group(0), text[max(0, found.start() - 80):found.end() + 80])


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set
def test_the_agency_admin_sets_a_units_predikat_and_sees_the_reference_curve(fresh_server, page, use_token, shot):
    srv = fresh_server
    token = srv.token("AGENCY_ADMIN", agency="DISDIK")
    assert {u["code"]: u["orgPredikat"] for u in data(srv, UNIT, {"p": "2025"}, token)["agency"]["units"]}[
        "SDN-001"] is None  # the demo sets the quarters of 2025, not the year
    use_token(page, token)
    page.goto(srv.url + "/#/agency/DISDIK")
    wait_rendered(page)
    section = page.locator("#unit-org")
    row = section.locator('tr[data-unit-org="SDN-001"]')
    row.wait_for()
    assert page.get_by_label("Periode", exact=True).last.input_value() == "2025"  # the open cycle's year
    expect(row.locator('[data-col="orgPredikat"]')).to_have_text("Belum ditetapkan")

    # set: Butuh Perbaikan, saved through setUnitOrgPredikat, shown, audited
    row.get_by_label("Predikat organisasi SD Negeri 001 Tanjungpinang").select_option("BUTUH_PERBAIKAN")
    row.get_by_role("button", name="Tetapkan").click()
    row = section.locator('tr[data-unit-org="SDN-001"]')
    expect(row.locator('[data-col="orgPredikat"]')).to_have_text("Butuh Perbaikan")
    units = {u["code"]: u["orgPredikat"] for u in data(srv, UNIT, {"p": "2025"}, token)["agency"]["units"]}
    assert units["SDN-001"] == "BUTUH_PERBAIKAN"
    events = data(srv, EVENTS, token=srv.token("ADMIN"))["auditTrail"]
    assert [(e["action"], e["before"], e["after"]) for e in events] == [
        ("unit_org_rating.set", None, {"predikat": "BUTUH_PERBAIKAN"})]
    # its reference curve, in words, from the server's rules (no ratings of 2025 yet)
    reference = row.locator('[data-col="curveReference"]')
    expect(reference).to_contain_text("Sangat Baik paling banyak 10 %; Butuh Perbaikan paling sedikit 60 %")
    no_leaks(section.inner_text())
    shot(page, "unit-predikat-set")

    # a CLOSED year's predikat cannot change: said in Indonesian, nothing written
    (closed,) = [str(c["year"]) for c in data(srv, "{ cycles { year status } }", token=token)["cycles"]
                 if c["status"] == "CLOSED"]
    page.locator("#unit-org-period").select_option(closed)
    row = section.locator('tr[data-unit-org="SDN-001"]')
    before = {u["code"]: u["orgPredikat"] for u in data(srv, UNIT, {"p": closed}, token)["agency"]["units"]}
    expect(row.locator('[data-col="orgPredikat"]')).to_have_text(ORG_LABEL[before["SDN-001"]])
    other = next(p for p in ORG_LABEL if p != before["SDN-001"])
    row.get_by_label("Predikat organisasi SD Negeri 001 Tanjungpinang").select_option(other)
    row.get_by_role("button", name="Tetapkan").click()
    expect(row.get_by_role("alert")).to_contain_text("Siklus periode ini sudah ditutup")
    assert {u["code"]: u["orgPredikat"] for u in data(srv, UNIT, {"p": closed}, token)["agency"]["units"]} == before
    # the closed year has ratings: each school's spread beside its reference, chart and table
    page.locator("#unit-reference-chart").wait_for()
    api = {r["group"]: r for r in data(srv, REFERENCE, {"p": closed, "g": "UNIT", "a": "DISDIK"}, token)[
        "predikatDistribution"]}
    school = api["DISDIK/SDN-001"]
    assert school["curveReference"] and school["orgPredikat"] == before["SDN-001"]
    cell = row.locator('[data-col="curveReference"]')
    assert cell.get_attribute("data-value") == str(len(school["curveReference"]))
    for bound, item in zip(school["curveReference"], cell.locator("li").all()):
        assert f"dari {people(bound['total'])}, ada {people(bound['actual'])}" in item.inner_text()
    no_leaks(section.inner_text().replace(page.get_by_role("alert").inner_text(), ""))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_dashboard_shows_the_reference_curve_beside_the_actual(server, page, use_token, shot):
    token = server.token("ADMIN")
    cycles = data(server, "{ cycles { year status periods } }", token=token)["cycles"]
    period = default_period(cycles)
    api = data(server, REFERENCE, {"p": period}, token)["predikatDistribution"]
    with_predikat = [r for r in api if r["orgPredikat"]]
    assert with_predikat, "the demo gives every agency a predikat"
    use_token(page, token)
    page.goto(server.url + "/#/dashboard")
    wait_rendered(page)
    page.locator("#distribution-table").wait_for()
    # the chart of the actual spread, and beside it the chart of actual against reference
    assert page.locator("canvas#distribution-chart").count() == 1
    assert page.locator("canvas#reference-chart[aria-label]").count() == 1
    expect(page.locator("#reference-title")).to_have_text("Kurva acuan di samping sebaran aktual")
    bars = page.evaluate("""() => { const c = Chart.getChart('reference-chart');
      return c.data.datasets.map(d => ({label: d.label, data: d.data})); }""")
    assert [d["label"] for d in bars] == ["Aktual (%)", "Batas acuan (%)"]
    bounds = [b for r in api for b in r["curveReference"]]
    assert len(bars[0]["data"]) == len(bounds)
    for bound, actual, limit in zip(bounds, bars[0]["data"], bars[1]["data"]):
        assert actual == pytest.approx(100 * bound["actual"] / bound["total"])
        assert limit == pytest.approx(bound["percent"] if bound["kind"] != "MIN_COUNT"
                                      else 100 * bound["limit"] / bound["total"])
    # the table's "Kurva Acuan" column: each agency's rules in words, each with its people for the headcount
    shown = table(page, "#distribution-table")
    assert page.get_by_role("columnheader", name="Kurva Acuan").count() == 1
    for row in api:
        cell = shown[row["group"]]["curveReference"]
        if not row["curveReference"]:
            assert cell == "Belum ada predikat organisasi"
            continue
        for bound in row["curveReference"]:
            assert f"dari {people(bound['total'])}, ada {people(bound['actual'])}" in cell, (row["group"], cell)
    istimewa = next(r for r in with_predikat if r["orgPredikat"] == "ISTIMEWA")
    assert "Sangat Baik lebih dari 50 %, paling banyak 70 %" in shown[istimewa["group"]]["curveReference"]
    no_leaks(" ".join(c["curveReference"] for c in shown.values()))
    shot(page, "dashboard-reference-curve")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_assessment_page_of_a_unit_head_shows_the_unit_head_rule(server, page, use_token, shot):
    token = server.token("AGENCY_ADMIN", agency="DISDIK")
    people = [e["node"] for e in data(server, PEOPLE, token=token)["people"]["edges"]]
    principal = next(p for p in people if (p["supervisor"]["unit"] or {}).get("code") != "SDN-001")
    found = data(server, CONTEXT, {"n": principal["nip"], "p": "2025-Q1"}, token)["assessmentContext"]["unitHead"]
    assert (found["unit"]["code"], found["basis"]) == ("SDN-001", "ORG_PREDIKAT") and found["orgPredikat"]
    use_token(page, token)
    page.goto(server.url + f"/#/assess/{principal['nip']}/2025-Q1")
    wait_rendered(page)
    card = page.locator("#assess-unit-head")
    card.wait_for()
    expect(card.get_by_role("heading")).to_have_text(
        "Kepala unit: hasil kerja mengikuti kinerja unit SD Negeri 001 Tanjungpinang")
    assert card.get_attribute("data-basis") == "ORG_PREDIKAT"
    assert card.get_attribute("data-rating") == found["suggestion"]["rating"]
    expect(card.locator("#unit-head-org")).to_have_text(ORG_LABEL[found["orgPredikat"]])
    expect(card.locator("#unit-head-basis")).to_contain_text(
        f'Saran mengikuti predikat organisasi unit "{ORG_LABEL[found["orgPredikat"]]}"')
    # the unit's suggestion is the one the form starts from and marks
    assert page.locator('input[name="assess-result"]:checked').get_attribute("value") == found["suggestion"]["rating"]
    assert page.locator("#assess-suggestion").count() == 0  # the person's own suggestion is not the basis
    no_leaks(card.inner_text())
    shot(page, "assessment-unit-head")
