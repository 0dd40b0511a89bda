"""The console's dashboard against the API's own report numbers (and its follow-up list), for ADMIN and for an agency
admin."""

from __future__ import annotations

import pytest

from browser.console_helpers import data, default_period, id_number, table, wait_rendered

expect = pytest.importorskip("playwright.sync_api").expect

REPORT = """query($p: String!) {
  predikatDistribution(period: $p) {
    group label total sangatBaik baik butuhPerbaikan kurangMisconduct sangatKurang orgPredikat curveWarnings
  }
  satisfactionByGroup(period: $p) { group label index { index grade label respondents } }
  indicatorAchievement(period: $p) { agency indicator measurements averageAchievement meetingTarget }
}"""
COUNTS = ["total", "sangatBaik", "baik", "butuhPerbaikan", "kurangMisconduct", "sangatKurang"]
FOLLOW_UPS = """query($p: String!) { followUps(period: $p, first: 20) { totalCount edges { node { nip name
  rating(period: $p) { predikat recommendations } } } } }"""
LABELS = {"BUTUH_PERBAIKAN": "Butuh Perbaikan", "KURANG_MISCONDUCT": "Kurang/Misconduct",
          "SANGAT_KURANG": "Sangat Kurang"}


def assert_follow_ups_match(page, api: dict) -> None:
    """The dashboard's "Tindak lanjut": the count of all, the first 20 people as the API pages them."""
    found = api["followUps"]
    if not found["totalCount"]:
        expect(page.locator("#follow-ups-empty")).to_be_visible()
        return
    assert f"{found['totalCount']:,}".replace(",", ".") in page.locator("#follow-ups-count").inner_text()
    rows = page.locator("#follow-ups-table tbody tr")
    assert rows.evaluate_all("rs => rs.map(r => r.dataset.nip)") == [e["node"]["nip"] for e in found["edges"]]
    first = found["edges"][0]["node"]
    row = page.locator(f'#follow-ups-table tr[data-nip="{first["nip"]}"]')
    assert row.locator('[data-col="predikat"]').inner_text() == LABELS[first["rating"]["predikat"]]
    for sentence in first["rating"]["recommendations"]:
        expect(row).to_contain_text(sentence)
    assert (page.locator("#follow-ups-more").count() == 1) == (found["totalCount"] > len(found["edges"]))


def assert_dashboard_matches(page, api: dict) -> None:
    shown = table(page, "#distribution-table")
    assert set(shown) == {r["group"] for r in api["predikatDistribution"]}
    for row in api["predikatDistribution"]:
        cells = shown[row["group"]]
        assert cells["group"] == row["group"]
        assert cells["label"].startswith(row["label"])
        for col in COUNTS:
            assert id_number(cells[col]) == row[col], (row["group"], col)
        assert page.locator(f'#distribution-table tr[data-agency="{row["group"]}"] [data-col="orgPredikat"]') \
            .get_attribute("data-value") == (row["orgPredikat"] or "")
        for warning in row["curveWarnings"]:
            assert warning in cells["curveWarnings"]
        if not row["curveWarnings"]:
            assert cells["curveWarnings"] == "—"
    ikm = api["satisfactionByGroup"]
    if ikm:
        shown_ikm = table(page, "#satisfaction-table")
        assert set(shown_ikm) == {r["group"] for r in ikm}
        for row in ikm:
            cells = shown_ikm[row["group"]]
            assert id_number(cells["index"]) == round(row["index"]["index"], 2)
            assert cells["grade"] == row["index"]["grade"]
            assert cells["gradeLabel"] == row["index"]["label"]
            assert id_number(cells["respondents"]) == row["index"]["respondents"]
    else:
        assert page.locator("#satisfaction-empty").is_visible()
    achievement = api["indicatorAchievement"]
    shown_ach = table(page, "#achievement-table") if achievement else {}
    assert set(shown_ach) == {f'{r["agency"]}|{r["indicator"]}' for r in achievement}
    for row in achievement:
        cells = shown_ach[f'{row["agency"]}|{row["indicator"]}']
        assert id_number(cells["measurements"]) == row["measurements"]
        assert id_number(cells["averageAchievement"]) == round(row["averageAchievement"], 2)
        assert id_number(cells["meetingTarget"]) == row["meetingTarget"]


@pytest.mark.pg_smoke
def test_admin_dashboard_equals_the_api(server, page, use_token, graphql_requests, shot):
    token = server.token("ADMIN")
    cycles = data(server, "{ cycles { year status periods } }", token=token)["cycles"]
    period = default_period(cycles)
    api = data(server, REPORT, {"p": period}, token)
    assert len(api["predikatDistribution"]) > 1  # the demo rates every agency

    use_token(page, token)
    requests = graphql_requests(page)
    page.goto(server.url + "/")
    page.wait_for_url("**/#/dashboard")
    wait_rendered(page)
    page.locator("#distribution-table").wait_for()
    assert page.get_by_label("Periode", exact=True).input_value() == period
    assert page.locator("canvas#distribution-chart[aria-label]").count() == 1
    assert len(requests) <= 3, requests.requests
    assert_dashboard_matches(page, api)
    follow_ups = data(server, FOLLOW_UPS, {"p": period}, token)
    assert follow_ups["followUps"]["totalCount"] > 0  # the demo's spread has people to follow up
    assert_follow_ups_match(page, follow_ups)
    with page.expect_download() as caught:
        page.locator("#follow-ups-download-xlsx").click()
    assert caught.value.suggested_filename == f"follow-ups-{period}.xlsx"
    expect(page.locator("#follow-ups-download-done")).to_contain_text("telah diunduh")
    # every agency row links to its agency page
    first = api["predikatDistribution"][0]["group"]
    assert page.locator(f'#distribution-table tr[data-agency="{first}"] a').get_attribute("href") == f"#/agency/{first}"
    shot(page, "dashboard-admin")

    # another period: chosen in the select, kept in the hash, numbers of that period
    other = next(p for c in cycles for p in c["periods"] if p != period and c["status"] in ("CLOSED", "EVALUATION"))
    requests.clear()
    page.get_by_label("Periode", exact=True).select_option(other)
    page.wait_for_url(f"**/#/dashboard?period={other}")
    wait_rendered(page)
    page.locator("#distribution-table, #distribution-empty").first.wait_for()
    assert len(requests) <= 3, requests.requests
    assert_dashboard_matches(page, data(server, REPORT, {"p": other}, token))
    assert_follow_ups_match(page, data(server, FOLLOW_UPS, {"p": other}, token))


def test_agency_admin_sees_only_its_agency(server, page, use_token, graphql_requests, shot):
    token = server.token("AGENCY_ADMIN", agency="DISDIK")
    cycles = data(server, "{ cycles { year status periods } }", token=token)["cycles"]
    api = data(server, REPORT, {"p": default_period(cycles)}, token)
    assert {r["group"] for r in api["predikatDistribution"]} == {"DISDIK"}

    use_token(page, token)
    requests = graphql_requests(page)
    page.goto(server.url + "/#/dashboard")
    wait_rendered(page)
    page.locator("#distribution-table").wait_for()
    assert len(requests) <= 3, requests.requests
    assert_dashboard_matches(page, api)
    assert_follow_ups_match(page, data(server, FOLLOW_UPS, {"p": default_period(cycles)}, token))
    nav = page.get_by_role("navigation", name="Navigasi utama")
    assert nav.get_by_role("link", name="Dasbor").is_visible()
    assert nav.get_by_role("link", name="Penilaian Diri").count() == 0
    shot(page, "dashboard-agency-admin")

    # another agency's page shows nothing of it
    page.goto(server.url + "/#/agency/DINKES")
    page.get_by_role("alert").wait_for()
    assert "di luar akses" in page.get_by_role("alert").inner_text()
    assert page.locator("#people-table").count() == 0


BY_GROUP = """query($p: String!, $g: SatisfactionGroup) { satisfactionByGroup(period: $p, groupBy: $g) {
  group label respondents withheld index { index grade label } } }"""
RAW_CODES = ("LAKI_LAKI", "PEREMPUAN", "NOT_STATED", "WITHHELD", "AGE_", "D4_S1", "D1_D3", "PELAJAR_MAHASISWA",
             "TNI_POLRI", "AGE_BAND", "EDUCATION", "OCCUPATION")


def test_the_ikm_by_the_respondents_profile_is_shown_in_indonesian(server, page, use_token, graphql_requests, shot):
    token = server.token("ADMIN")
    cycles = data(server, "{ cycles { year status periods } }", token=token)["cycles"]
    period = default_period(cycles)
    use_token(page, token)
    page.goto(server.url + "/#/dashboard")
    wait_rendered(page)
    group_by = page.get_by_label("Kelompokkan menurut", exact=True)
    expect(group_by).to_have_value("AGENCY")
    requests = graphql_requests(page)
    for value, label in (("SEX", "Jenis kelamin responden"), ("EDUCATION", "Pendidikan responden"),
                         ("AGE_BAND", "Usia responden"), ("OCCUPATION", "Pekerjaan responden")):
        api = data(server, BY_GROUP, {"p": period, "g": value}, token)["satisfactionByGroup"]
        assert api and sum(r["respondents"] for r in api) > 100, value  # the demo fills most profiles
        group_by.select_option(label=label)
        table_ = page.locator(f'#satisfaction-table[data-group-by="{value}"]')
        expect(table_).to_be_visible()
        expect(table_.locator("caption")).to_contain_text(f"menurut {label.lower()}")
        shown = table(page, "#satisfaction-table")
        assert set(shown) == {r["group"] for r in api}
        for row in api:
            cells = shown[row["group"]]
            assert cells["label"] == row["label"]  # the server's Indonesian label
            assert id_number(cells["respondents"]) == row["respondents"]
            if row["withheld"]:
                assert cells["index"] == "—" and cells["gradeLabel"] == "Tidak ditampilkan (kelompok kecil)"
            else:
                assert id_number(cells["index"]) == round(row["index"]["index"], 2)
                assert cells["gradeLabel"] == row["index"]["label"]
        text = page.locator("#satisfaction").inner_text()
        assert not [code for code in RAW_CODES if code in text], text
        assert "Tidak disebutkan" in text  # the demo leaves some profiles out
    expect(page.locator("#satisfaction-note")).to_contain_text("tidak ditampilkan")
    shot(page, "ikm-by-occupation")
    assert len(requests) == 4, requests.requests  # one small request per grouping, not the whole dashboard
    group_by.select_option("AGENCY")  # back to the agencies, from the dashboard's own answer
    expect(page.locator('#satisfaction-table[data-group-by="AGENCY"]')).to_be_visible()
    assert len(requests) == 4
