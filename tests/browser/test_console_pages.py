"""The console's agency, person and catalogue pages against the API's answers (read only, one server)."""

from __future__ import annotations

import pytest

from playwright.sync_api import expect

from browser.console_helpers import data, id_number, wait_rendered

PEOPLE = """query($code: String!, $search: String, $after: String) {
  people(filter: {agency: $code, search: $search}, first: 25, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { nip } }
  }
}"""

PERSON = """query($nip: String!, $cycle: Int!, $period: String!) {
  person(nip: $nip) {
    nip name supervisor { nip } subordinates { nip }
    targets(cycle: $cycle) { id value measurements { period value achievement suggestedRating } }
    rating(period: $period) { predikat recommendations }
  }
  assessments(period: $period, nip: $nip) { kind }
}"""

INDICATORS = "{ indicators { code agency { code } } }"
SUPERVISOR = "query($n: String!) { person(nip: $n) { supervisor { nip } } }"


def shown_nips(page) -> list[str]:
    return page.locator("#people-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.nip)")


def api_page(server, token, code, search=None, after=None) -> dict:
    return data(server, PEOPLE, {"code": code, "search": search, "after": after}, token)["people"]


def wait_people(page, total: int, first_nip: str | None) -> None:
    page.locator(f'#people-summary[data-total="{total}"]').wait_for()
    if first_nip:
        page.locator(f'#people-table tbody tr:first-child[data-nip="{first_nip}"]').wait_for()
    page.locator("#people[aria-busy]").wait_for(state="detached")


@pytest.mark.pg_smoke
def test_agency_page_search_and_paging(server, page, use_token, graphql_requests, shot):
    token = server.token("ADMIN")
    agency = data(server, '{ agency(code: "DISDIK") { name headcount units { code } y2024: orgPredikat(period: "2024") } }',
                  token=token)["agency"]
    use_token(page, token)
    requests = graphql_requests(page)
    page.goto(server.url + "/#/agency/DISDIK")
    wait_rendered(page)
    assert page.get_by_role("heading", level=1).inner_text() == agency["name"]
    assert len(requests) <= 3, requests.requests
    assert id_number(page.locator('#agency-facts [data-col="headcount"]').inner_text()) == agency["headcount"]
    assert page.locator("[data-unit]").count() == len(agency["units"])
    assert page.locator('#org-predikat-table tr[data-period="2024"] [data-col="orgPredikat"]') \
        .get_attribute("data-value") == (agency["y2024"] or "")

    # keyset paging: forward twice, back twice, each page the API's
    pages = [api_page(server, token, "DISDIK")]
    assert pages[0]["totalCount"] == agency["headcount"] and pages[0]["pageInfo"]["hasNextPage"]
    pages.append(api_page(server, token, "DISDIK", after=pages[0]["pageInfo"]["endCursor"]))
    pages.append(api_page(server, token, "DISDIK", after=pages[1]["pageInfo"]["endCursor"]))
    nips = [[e["node"]["nip"] for e in p["edges"]] for p in pages]
    wait_people(page, pages[0]["totalCount"], nips[0][0])
    assert shown_nips(page) == nips[0]
    assert page.get_by_role("button", name="Sebelumnya").is_disabled()
    for i in (1, 2):
        page.get_by_role("button", name="Berikutnya").click()
        wait_people(page, pages[0]["totalCount"], nips[i][0])
        assert shown_nips(page) == nips[i]
    shot(page, "agency-page-3")
    for i in (1, 0):
        page.get_by_role("button", name="Sebelumnya").click()
        wait_people(page, pages[0]["totalCount"], nips[i][0])
        assert shown_nips(page) == nips[i]
    assert page.get_by_role("button", name="Sebelumnya").is_disabled()

    # search by part of a name: the API's matches; a row opens the person page
    found = api_page(server, token, "DISDIK", search="sri")
    assert 0 < found["totalCount"] < pages[0]["totalCount"]
    page.get_by_label("Cari nama atau NIP").fill("sri")
    page.get_by_label("Cari nama atau NIP").press("Enter")
    wait_people(page, found["totalCount"], found["edges"][0]["node"]["nip"])
    assert shown_nips(page) == [e["node"]["nip"] for e in found["edges"]]
    shot(page, "agency-search")
    first = found["edges"][0]["node"]["nip"]
    page.locator(f'#people-table tr[data-nip="{first}"] [data-col="name"] a').click()
    page.wait_for_url(f"**/#/person/{first}")
    wait_rendered(page)
    assert page.locator('#profile [data-col="nip"]').inner_text() == first
    # the unit is a link to its page (issue 19 §5)
    unit = page.locator('#profile [data-col="unit"] a')
    name = unit.inner_text()
    unit.click()
    page.wait_for_url("**/#/unit/DISDIK/*")
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)


def test_person_page_shows_targets_measurements_and_rating(server, page, use_token, graphql_requests, shot):
    token = server.token("ADMIN")
    # the demo's closed year, evaluated in full (README, "Demo")
    (cycle,) = [c["year"] for c in data(server, "{ cycles { year status } }", token=token)["cycles"]
                if c["status"] == "CLOSED"]
    period = str(cycle)
    # someone whose targets of that year have measurements
    measured = data(server, 'query($p: String!) { measurements(period: $p) { target { person { nip } } } }',
                    {"p": f"{cycle}-Q1"}, token=token)
    nip = next(m["target"]["person"]["nip"] for m in measured["measurements"] if m["target"]["person"])
    api = data(server, PERSON, {"nip": nip, "cycle": cycle, "period": period}, token)
    person = api["person"]
    assert person["targets"] and person["rating"]

    use_token(page, token)
    requests = graphql_requests(page)
    page.goto(server.url + f"/#/person/{nip}?cycle={cycle}&period={period}")
    wait_rendered(page)
    assert len(requests) <= 3, requests.requests
    assert page.get_by_role("heading", level=1).inner_text() == person["name"]
    assert page.locator("[data-target]").count() == len(person["targets"])
    for target in person["targets"]:
        card = page.locator(f'[data-target="{target["id"]}"]')
        assert float(card.locator('dd[data-col="value"]').get_attribute("data-value")) == target["value"]
        rows = card.locator("tbody tr")
        assert rows.count() == len(target["measurements"])
        for m in target["measurements"]:
            row = card.locator(f'tr[data-period="{m["period"]}"]')
            assert id_number(row.locator('[data-col="achievement"]').inner_text()) == round(m["achievement"], 2)
            assert row.locator('[data-col="suggestedRating"]').get_attribute("data-value") == m["suggestedRating"]
    assert page.locator('#rating [data-col="predikat"]').get_attribute("data-value") == person["rating"]["predikat"]
    assert page.locator("#recommendations li").count() == len(person["rating"]["recommendations"])
    assert page.locator("[data-assessment]").count() == len(api["assessments"])
    assert page.locator("#subordinates li").count() == len(person["subordinates"])
    if person["supervisor"]:
        assert page.locator('#profile [data-col="supervisor"] a').get_attribute("href") == \
            f'#/person/{person["supervisor"]["nip"]}'
    # an ADMIN without a person of its own gets neither "Nilai" nor the employee's links
    assert page.locator("#assess-link, #self-link, #measurements-link").count() == 0
    shot(page, "person")


def test_employee_sees_own_links_and_the_assess_link_of_a_subordinate(server, page, use_token, graphql_requests, shot):
    admin = server.token("ADMIN")

    def supervisor_of(nip: str) -> str | None:
        person = data(server, SUPERVISOR, {"n": nip}, admin)["person"]
        return person["supervisor"]["nip"] if person and person["supervisor"] else None

    account_nips = {a.nip for a in server.accounts}
    staff = next(a for a in server.accounts if a.role == "EMPLOYEE" and supervisor_of(a.nip) in account_nips)
    head = supervisor_of(staff.nip)
    token = server.token("EMPLOYEE", nip=head)
    cycles = data(server, "{ cycles { year periods } }", token=token)["cycles"]
    latest = max(cycles, key=lambda c: c["year"])
    annual = str(latest["year"])

    use_token(page, token)
    requests = graphql_requests(page)
    page.goto(server.url + "/")
    page.wait_for_url(f"**/#/person/{head}")
    wait_rendered(page)
    assert len(requests) <= 3, requests.requests
    nav = page.get_by_role("navigation", name="Navigasi utama")
    for name in ("Katalog Indikator", "Profil Saya", "Penilaian Diri", "Isi Capaian"):
        assert nav.get_by_role("link", name=name).is_visible(), name
    assert nav.get_by_role("link", name="Dasbor").count() == 0
    assert page.locator("#self-link").get_attribute("href") == f"#/self/{annual}"
    assert page.locator("#measurements-link").get_attribute("href").startswith("#/measurements")
    assert page.locator("#assess-link").count() == 0
    shot(page, "own-page")

    requests.clear()
    page.locator(f'#subordinates li[data-nip="{staff.nip}"] a').click()
    page.wait_for_url(f"**/#/person/{staff.nip}")
    wait_rendered(page)
    assert len(requests) <= 3, requests.requests
    assert page.get_by_role("link", name="Nilai", exact=True).get_attribute("href") == f"#/assess/{staff.nip}/{annual}"
    assert page.locator("#self-link, #measurements-link").count() == 0

    # the catalogue as an employee: its agency's indicators, no spec errors and no error for them
    requests.clear()
    nav.get_by_role("link", name="Katalog Indikator").click()
    wait_rendered(page)
    indicators = data(server, INDICATORS, token=token)["indicators"]
    assert page.locator("article[data-indicator]").count() == len(indicators)
    assert page.locator("#spec-errors").count() == 0 and page.get_by_role("alert").count() == 0
    assert len(requests) <= 3, requests.requests


def test_catalogue_lists_every_indicator_by_agency(server, page, use_token, graphql_requests, shot):
    token = server.token("ADMIN")
    api = data(server, "{ indicators { code formula calculator agency { code } } specErrors { file } }", token=token)
    use_token(page, token)
    requests = graphql_requests(page)
    page.goto(server.url + "/#/catalogue")
    wait_rendered(page)
    assert len(requests) <= 3, requests.requests
    shown = page.locator("article[data-indicator]").evaluate_all("els => els.map(e => e.dataset.indicator)")
    assert sorted(shown) == sorted(i["code"] for i in api["indicators"])
    for ind in api["indicators"]:
        card = page.locator(f'section[data-agency="{ind["agency"]["code"]}"] article[data-indicator="{ind["code"]}"]')
        assert card.count() == 1
        if ind["formula"]:
            assert card.locator('[data-col="formula"]').inner_text() == ind["formula"]
        if ind["calculator"]:
            assert card.locator('[data-col="calculator"]').inner_text() == ind["calculator"]
    assert page.locator("#spec-errors").count() == (1 if api["specErrors"] else 0)
    shot(page, "catalogue")
