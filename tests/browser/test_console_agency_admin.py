"""Agencies and units from the console (issue 19 §1 and §5) in Chromium, against the API's own answers: ADMIN adds an
agency on #/perangkat-daerah and renames it in place (a bad code and a taken one said in Indonesian at the field,
nothing written), adds units on its page and edits one (name and parent; the parent choices leave out the unit and
what lies below it); a unit of the agency page opens its page with its head, sub-units and people (each linking to
the person); ADMIN sets DISDIK's organisation predikat of a period with the reference curve against the actual spread
beside it; a service population is set (an out-of-range one refused at its field). An agency admin gets the unit
forms and the population but neither the agencies page's link nor the predikat. The predikat is set for the periods
of the cycle under evaluation, else of the newest one still open."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data, wait_rendered

AGENCIES = "{ agencies(first: 1000) { code name } }"
UNITS = """query($a: String!) { agency(code: $a) { units(first: 1000) { code name parent { code } } } }"""
EVENTS = """query($e: String!, $id: String!) { auditTrail(entity: $e, id: $id) { action before after } }"""
PEOPLE = """query($a: String!, $u: String!) { people(filter: {agency: $a, unit: $u}, first: 100) {
  totalCount edges { node { nip name } } } }"""
HEAD = """{ agency(code: "DISDIK") { unit(code: "SDN-001") { parent { code name }
  headAt { official { nip name } } } } }"""
CYCLES = "{ cycles { year status evaluationPeriods } }"
ORG = """query($p: String!) { agency(code: "DISDIK") { orgPredikat(period: $p) }
  predikatDistribution(period: $p, agency: "DISDIK") { group total orgPredikat
    curveReference { predikat kind percent count limit total actual breached } } }"""
POPULATIONS = """{ agency(code: "DISDIK") { servicePopulations { unit population requiredSample } } }"""
# what must never reach these screens: codes and enum values, the API's English
LEAKS = re.compile(r"\b(ISTIMEWA|BUTUH_PERBAIKAN|SANGAT_\w+|KURANG_MISCONDUCT|MAXIMUM|MINIMUM|MORE_THAN|MIN_COUNT|"
                   r"UNIT_LOOP|NOT_FOUND|DUPLICATE|INVALID_CODE|OUT_OF_RANGE|FORBIDDEN|true|false|null|undefined|"
                   r"agency|unit code|must|population)\b")


def no_leaks(text: str) -> None:
    found = LEAKS.search(text)
    assert not found, (found.group(0), text[max(0, found.start() - 80):found.end() + 80])


def units_of(srv, token, agency: str) -> dict[str, tuple[str, str | None]]:
    return {u["code"]: (u["name"], (u["parent"] or {}).get("code"))
            for u in data(srv, UNITS, {"a": agency}, token)["agency"]["units"]}


def open_tree(page) -> None:
    """The agency page's unit tree is folded past 30 units: open it."""
    tree = page.locator("details.card", has=page.locator("ul.tree.root"))
    if tree.get_attribute("open") is None:
        tree.locator("summary").first.click()


def people(n: int) -> str:
    """A count as the console writes it (id-ID: 1.205)."""
    return f"{n:,}".replace(",", ".")


def period_label(period: str) -> str:
    """ui.js periodLabel for a year or a quarter: "2024" -> "Tahun 2024", "2024-Q2" -> "Triwulan II 2024"."""
    if "-Q" in period:
        year, quarter = period.split("-Q")
        return f"Triwulan {['I', 'II', 'III', 'IV'][int(quarter) - 1]} {year}"
    assert period.isdigit(), period
    return f"Tahun {period}"


def verdict(b: dict) -> str:
    """The console's words for the server's verdict of one rule (org_predikat_ui.js)."""
    if b["kind"] == "MAXIMUM":
        return "Melampaui acuan" if b["breached"] else "Sesuai acuan"
    if b["breached"]:
        return "Tidak dapat terpenuhi lagi"
    return "Terpenuhi" if b["actual"] >= b["limit"] else "Belum terpenuhi"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # every flow on SQLite; PostgreSQL: the smoke set
def test_admin_adds_and_renames_an_agency_and_its_units(fresh_server, page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    before = {a["code"]: a["name"] for a in data(srv, AGENCIES, token=admin)["agencies"]}
    assert "DISUJI" not in before
    use_token(page, admin)
    page.goto(srv.url + "/#/dashboard")
    wait_rendered(page)
    page.locator("#nav-agencies").click()
    wait_rendered(page)
    expect(page.locator("main h1")).to_have_text("Perangkat Daerah")
    expect(page.locator("#agencies-table tbody tr")).to_have_count(len(before))

    # a bad code, then a taken one: said at the code field in Indonesian, nothing written
    page.locator("#agency-new-code").fill("dinas baru!")
    page.locator("#agency-new-name").fill("Dinas Uji Coba")
    page.locator("#agency-new-save").click()
    expect(page.locator("#agency-new-code-error")).to_contain_text("Kode perangkat daerah harus 1-32 karakter")
    page.locator("#agency-new-code").fill("DISDIK")
    page.locator("#agency-new-save").click()
    expect(page.locator("#agency-new-code-error")).to_have_text("Perangkat daerah DISDIK sudah ada.")
    assert {a["code"]: a["name"] for a in data(srv, AGENCIES, token=admin)["agencies"]} == before

    # added, then renamed in place (audited with before and after)
    page.locator("#agency-new-code").fill("disuji")
    page.locator("#agency-new-save").click()
    expect(page.locator("#agencies-notice")).to_have_text("Perangkat daerah Dinas Uji Coba (DISUJI) ditambahkan.")
    row = page.locator('#agencies-table tr[data-agency="DISUJI"]')
    row.get_by_role("button", name="Ubah nama Dinas Uji Coba").click()
    row.get_by_label("Nama perangkat daerah DISUJI").fill("  ")
    row.get_by_role("button", name="Simpan").click()
    expect(row.locator(".field-error").first).to_have_text("Nama wajib diisi.")
    row.get_by_label("Nama perangkat daerah DISUJI").fill("Dinas Uji Coba Kota Tanjungpinang")
    row.get_by_role("button", name="Simpan").click()
    expect(row.locator("a")).to_have_text("Dinas Uji Coba Kota Tanjungpinang")
    assert {a["code"]: a["name"] for a in data(srv, AGENCIES, token=admin)["agencies"]}["DISUJI"] == (
        "Dinas Uji Coba Kota Tanjungpinang")
    events = data(srv, EVENTS, {"e": "agency", "id": "DISUJI"}, admin)["auditTrail"]
    assert [(e["action"], e["after"]["name"]) for e in events] == [
        ("agency.create", "Dinas Uji Coba"), ("agency.update", "Dinas Uji Coba Kota Tanjungpinang")]
    no_leaks(page.locator("main").inner_text())
    shot(page, "agencies")

    # its page: two units, the second under the first
    row.locator("a").click()
    wait_rendered(page)
    expect(page.locator("main h1")).to_have_text("Dinas Uji Coba Kota Tanjungpinang")
    for code, name, parent in [("SEKRETARIAT", "Sekretariat", ""), ("BIDANG-LLAJ", "Bidang Lalu Lintas", "SEKRETARIAT")]:
        page.locator("#unit-admin summary").click()
        page.locator("#unit-new-code").fill(code)
        page.locator("#unit-new-name").fill(name)
        page.locator("#unit-new-parent").select_option(parent)
        page.locator("#unit-new-save").click()
        expect(page.locator("#unit-admin-notice")).to_have_text(f"Unit {name} ({code}) ditambahkan.")
    expect(page.locator('li[data-unit="SEKRETARIAT"] li[data-unit="BIDANG-LLAJ"]')).to_have_count(1)
    assert units_of(srv, admin, "DISUJI") == {"SEKRETARIAT": ("Sekretariat", None),
                                               "BIDANG-LLAJ": ("Bidang Lalu Lintas", "SEKRETARIAT")}
    # a taken unit code: at its field, nothing written
    page.locator("#unit-admin summary").click()
    page.locator("#unit-new-code").fill("SEKRETARIAT")
    page.locator("#unit-new-name").fill("Sekretariat Lain")
    page.locator("#unit-new-save").click()
    expect(page.locator("#unit-new-code-error")).to_have_text("Unit SEKRETARIAT sudah ada.")
    assert len(units_of(srv, admin, "DISUJI")) == 2

    # edit SEKRETARIAT: it cannot go below itself or BIDANG-LLAJ (not offered); renamed, moved under nothing
    page.locator('button[data-edit-unit="SEKRETARIAT"]').click()
    form = page.locator("#unit-edit-SEKRETARIAT")
    offered = form.locator("#unit-edit-SEKRETARIAT-parent option").evaluate_all("os => os.map(o => o.value)")
    assert offered == [""]
    form.get_by_label("Nama unit SEKRETARIAT").fill("Sekretariat Dinas")
    form.get_by_role("button", name="Simpan").click()
    expect(page.locator("#unit-admin-notice")).to_have_text("Unit Sekretariat Dinas (SEKRETARIAT) disimpan.")
    expect(page.locator('li[data-unit="SEKRETARIAT"] > a')).to_have_text("Sekretariat Dinas")
    # BIDANG-LLAJ to the top
    page.locator('button[data-edit-unit="BIDANG-LLAJ"]').click()
    page.locator("#unit-edit-BIDANG-LLAJ-parent").select_option("")
    page.locator("#unit-edit-BIDANG-LLAJ").get_by_role("button", name="Simpan").click()
    expect(page.locator("#unit-admin-notice")).to_have_text("Unit Bidang Lalu Lintas (BIDANG-LLAJ) disimpan.")
    expect(page.locator('li[data-unit="SEKRETARIAT"] li[data-unit="BIDANG-LLAJ"]')).to_have_count(0)
    assert units_of(srv, admin, "DISUJI") == {"SEKRETARIAT": ("Sekretariat Dinas", None),
                                               "BIDANG-LLAJ": ("Bidang Lalu Lintas", None)}
    events = data(srv, EVENTS, {"e": "unit", "id": "DISUJI/BIDANG-LLAJ"}, admin)["auditTrail"]
    assert [(e["action"], e["before"] and e["before"]["parent"], e["after"]["parent"]) for e in events] == [
        ("unit.create", None, "SEKRETARIAT"), ("unit.update", "SEKRETARIAT", None)]
    no_leaks(page.locator("main").inner_text())
    shot(page, "agency-units")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_unit_of_the_agency_page_opens_its_page_with_its_people(server, page, use_token, shot):
    token = server.token("ADMIN")
    people = data(server, PEOPLE, {"a": "DISDIK", "u": "SDN-001"}, token)["people"]
    assert people["totalCount"] > 0
    name = units_of(server, token, "DISDIK")["SDN-001"][0]
    use_token(page, token)
    page.goto(server.url + "/#/agency/DISDIK")
    wait_rendered(page)
    open_tree(page)
    page.locator('li[data-unit="SDN-001"] > a').click()
    wait_rendered(page)
    assert page.url.endswith("#/unit/DISDIK/SDN-001")
    expect(page.locator("main h1")).to_have_text(name)
    expect(page.locator('#unit-facts [data-col="code"]')).to_have_text("SDN-001")
    expect(page.locator('#unit-facts [data-col="agency"]')).to_have_text(re.compile("Dinas Pendidikan"))
    expect(page.locator("#unit-people-summary")).to_have_attribute("data-total", str(people["totalCount"]))
    shown = page.locator("#unit-people-table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.nip)")
    assert shown == [e["node"]["nip"] for e in people["edges"]][:25]
    no_leaks(page.locator("main").inner_text())
    shot(page, "unit")
    # its head, from the API; its parent's page lists it among the parent's sub-units, as the API's tree has them
    found = data(server, HEAD, token=token)["agency"]["unit"]
    assert found["headAt"], "the demo's schools have heads"
    expect(page.locator('#unit-facts [data-col="head"]')).to_contain_text(found["headAt"]["official"]["name"])
    parent = found["parent"]
    page.locator('#unit-facts [data-col="parent"] a').click()
    wait_rendered(page)
    expect(page.locator("main h1")).to_have_text(parent["name"])
    siblings = sorted(c for c, (_, p) in units_of(server, token, "DISDIK").items() if p == parent["code"])
    assert "SDN-001" in siblings
    expect(page.locator("#sub-units li")).to_have_count(len(siblings))
    assert sorted(page.locator("#sub-units li").evaluate_all("ls => ls.map(l => l.dataset.unit)")) == siblings
    page.locator('#sub-units li[data-unit="SDN-001"] a').click()
    wait_rendered(page)
    expect(page.locator("main h1")).to_have_text(name)
    first = people["edges"][0]["node"]
    page.locator(f'#unit-people-table tr[data-nip="{first["nip"]}"] a').click()
    wait_rendered(page)
    assert page.url.endswith(f"#/person/{first['nip']}")
    # an unknown unit says so
    page.goto(server.url + "/#/unit/DISDIK/TIDAK-ADA")
    wait_rendered(page)
    expect(page.get_by_role("alert")).to_contain_text("Unit tidak ditemukan atau di luar akses Anda.")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_admin_sets_the_org_predikat_beside_the_curve_and_a_service_population(fresh_server, page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    cycles = sorted(data(srv, CYCLES, token=admin)["cycles"], key=lambda c: -c["year"])
    # the cycle under evaluation, else the newest still open (org_predikat_ui.js), and its first period
    chosen = next((c for c in cycles if c["status"] == "EVALUATION"), None) or next(
        c for c in cycles if c["status"] != "CLOSED")
    period = chosen["evaluationPeriods"][0]
    saved = data(srv, ORG, {"p": period}, admin)["agency"]["orgPredikat"]
    target = "ISTIMEWA" if saved != "ISTIMEWA" else "BAIK"
    label = {"ISTIMEWA": "Istimewa", "BAIK": "Baik"}[target]
    use_token(page, admin)
    page.goto(srv.url + "/#/agency/DISDIK")
    wait_rendered(page)
    page.locator("#org-set-details > summary").click()  # folded: read when opened
    section = page.locator("#org-set")
    cards = section.locator("article[data-org-period]")
    expect(cards).to_have_count(len(chosen["evaluationPeriods"]))
    card = section.locator(f'article[data-org-period="{period}"]')
    expect(card.locator('[data-col="current"]')).to_have_attribute("data-value", saved or "")

    # choosing shows the chosen predikat's reference curve beside the actual spread, before anything is saved
    card.get_by_label(f"Predikat organisasi {period_label(period)}").select_option(target)
    table = card.locator("table.org-curve")
    expect(table.locator("caption")).to_contain_text(f"Kurva acuan {label} dan sebaran aktual")
    expect(table.locator("caption")).to_contain_text("pratinjau, belum disimpan")
    assert data(srv, ORG, {"p": period}, admin)["agency"]["orgPredikat"] == saved
    if target == "ISTIMEWA":
        expect(table.locator('tbody tr[data-rule="0"] [data-col="reference"]')).to_have_text("lebih dari 50 %")
    card.get_by_role("button", name="Simpan").click()
    expect(section.locator("#org-set-notice")).to_have_text(
        f"Predikat organisasi {period_label(period)} disimpan: {label}.")
    card = section.locator(f'article[data-org-period="{period}"]')
    expect(card.locator('[data-col="current"]')).to_have_text(label)
    api = data(srv, ORG, {"p": period}, admin)
    assert api["agency"]["orgPredikat"] == target
    # the page's own table follows; the curve's verdicts are the server's, rule by rule
    expect(page.locator(f'#org-predikat-table tr[data-period="{period}"] [data-col="orgPredikat"]')).to_have_text(label)
    table = card.locator("table.org-curve")
    expect(table.locator("caption")).not_to_contain_text("pratinjau")
    row = next(r for r in api["predikatDistribution"] if r["group"] == "DISDIK")
    states = table.locator('tbody [data-col="state"]').all_inner_texts()
    assert states == [verdict(b) for b in row["curveReference"]] and states
    actual = table.locator('tbody [data-col="actual"]').all_inner_texts()
    for bound, text in zip(row["curveReference"], actual):
        assert text.startswith(f"{people(bound['actual'])} dari {people(row['total'])} ("), (bound, text)
    events = data(srv, EVENTS, {"e": "org_rating", "id": f"DISDIK/{period}"}, admin)["auditTrail"]
    assert events[-1]["action"] == "org_rating.set" and events[-1]["after"] == {"predikat": target}
    no_leaks(section.inner_text())
    shot(page, "org-predikat")

    # a service population: out of range refused at its field, then set for a school
    assert data(srv, POPULATIONS, token=admin)["agency"]["servicePopulations"] == []
    page.locator("#population-details > summary").click()
    expect(page.locator("#population-empty")).to_be_visible()
    form = page.locator("#population-form")
    form.locator("#population-service").select_option("SDN-001")
    form.locator("#population-value").fill("0")
    form.locator("#population-save").click()
    expect(page.locator("#population-value-error")).to_contain_text("harus di antara 1 dan")
    assert data(srv, POPULATIONS, token=admin)["agency"]["servicePopulations"] == []
    form.locator("#population-value").fill("900")
    form.locator("#population-save").click()
    expect(page.locator("#population-notice")).to_contain_text("disimpan: 900 orang (sampel minimal 270 responden)")
    row = page.locator('#population-table tr[data-population="SDN-001"]')
    expect(row.locator('[data-col="population"]')).to_have_text("900")
    expect(row.locator('[data-col="requiredSample"]')).to_have_text("270")
    assert data(srv, POPULATIONS, token=admin)["agency"]["servicePopulations"] == [
        {"unit": "SDN-001", "population": 900, "requiredSample": 270}]
    expect(page.locator("#population-value")).to_have_value("900")  # the chosen service's value, prefilled
    no_leaks(page.locator("#population-title").locator("..").inner_text())
    shot(page, "service-population")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_an_agency_admin_gets_the_unit_forms_but_not_the_agencies_nor_the_predikat(server, page, use_token):
    use_token(page, server.token("AGENCY_ADMIN", agency="DISDIK"))
    page.goto(server.url + "/#/agency/DISDIK")
    wait_rendered(page)
    page.locator("#unit-admin").wait_for()
    page.locator("#population-details > summary").click()
    page.locator("#population-form").wait_for()
    assert page.locator('button[data-edit-unit="SDN-001"]').count() == 1
    assert page.locator("#org-set-details").count() == 0 and page.locator("#nav-agencies").count() == 0
    # the agencies page shows its own agency only, without the forms
    page.goto(server.url + "/#/perangkat-daerah")
    wait_rendered(page)
    expect(page.locator("#agencies-table tbody tr")).to_have_count(1)
    assert page.locator("#agency-new").count() == 0 and page.locator("[data-edit-agency]").count() == 0


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)  # the smoke set on PostgreSQL
@pytest.mark.pg_smoke
def test_smoke_postgres_a_unit_edited_and_its_page(fresh_server, page, use_token):
    srv = fresh_server
    admin = srv.token("ADMIN")
    use_token(page, admin)
    page.goto(srv.url + "/#/agency/DISDIK")
    wait_rendered(page)
    open_tree(page)
    page.locator('button[data-edit-unit="SDN-001"]').click()
    page.locator("#unit-edit-SDN-001-parent").select_option("")
    page.locator("#unit-edit-SDN-001").get_by_label("Nama unit SDN-001").fill("SD Negeri 001")
    page.locator("#unit-edit-SDN-001").get_by_role("button", name="Simpan").click()
    expect(page.locator("#unit-admin-notice")).to_have_text("Unit SD Negeri 001 (SDN-001) disimpan.")
    assert units_of(srv, admin, "DISDIK")["SDN-001"] == ("SD Negeri 001", None)
    open_tree(page)
    page.locator('li[data-unit="SDN-001"] > a').click()
    wait_rendered(page)
    expect(page.locator("main h1")).to_have_text("SD Negeri 001")


PERSON = """query($n: String!) { person(nip: $n) { nip name position employmentType unit { code }
  supervisor { nip } } }"""
STAFF = """{ people(filter: {agency: "DISDIK", unit: "SDN-001"}, first: 100) { totalCount
  edges { node { nip name subordinates { nip } } } } }"""


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_an_agency_admin_adds_one_person_on_the_agency_page(fresh_server, page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    school = data(srv, STAFF, {}, admin)["people"]
    principal = next(e["node"] for e in school["edges"] if e["node"]["subordinates"])
    known = next(e["node"] for e in school["edges"] if not e["node"]["subordinates"])
    new_nip = "199001012015031001"  # born 1 Jan 1990, appointed March 2015, male, first of them
    assert data(srv, PERSON, {"n": new_nip}, admin)["person"] is None
    use_token(page, srv.token("AGENCY_ADMIN", agency="DISDIK"))
    page.goto(srv.url + "/#/agency/DISDIK")
    wait_rendered(page)
    page.locator("#person-new summary").click()
    form = page.locator("#person-new-form")

    # the form's own checks, then a NIP on record: named with a link to its page, nothing written
    form.get_by_role("button", name="Tambah pegawai").click()
    expect(page.locator("#person-new-nip-error")).to_have_text("NIP wajib diisi.")
    expect(page.locator("#person-new-nip")).to_be_focused()
    page.locator("#person-new-nip").fill(known["nip"])
    page.locator("#person-new-name").fill("Dewi Anggraini, S.Pd.")
    page.locator("#person-new-position").fill("Guru Kelas")
    form.get_by_role("button", name="Tambah pegawai").click()
    expect(page.locator("#person-new-exists")).to_contain_text(f"sudah terdaftar atas nama {known['name']}")
    assert data(srv, PERSON, {"n": known["nip"]}, admin)["person"]["name"] == known["name"]

    # a NIP that cannot be one: the server's Indonesian message at the field
    page.locator("#person-new-nip").fill("199013452015031001")  # month 13
    form.get_by_role("button", name="Tambah pegawai").click()
    expect(page.locator("#person-new-nip-error")).not_to_be_empty()
    no_leaks(page.locator("#person-new").inner_text())
    assert data(srv, PERSON, {"n": "199013452015031001"}, admin)["person"] is None
    shot(page, "person-new-refused")

    # the new person, in a unit under a supervisor: their page opens
    page.locator("#person-new-nip").fill("19900101 201503 1 001")
    page.locator("#person-new-kind").select_option("PPPK")
    page.locator("#person-new-unit").select_option("SDN-001")
    page.locator("#person-new-supervisor").fill(principal["nip"])
    form.get_by_role("button", name="Tambah pegawai").click()
    page.wait_for_url(f"**/#/person/{new_nip}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dewi Anggraini, S.Pd.")
    stored = data(srv, PERSON, {"n": new_nip}, admin)["person"]
    assert stored == {"nip": new_nip, "name": "Dewi Anggraini, S.Pd.", "position": "Guru Kelas",
                      "employmentType": "PPPK", "unit": {"code": "SDN-001"}, "supervisor": {"nip": principal["nip"]}}
    assert data(srv, STAFF, {}, admin)["people"]["totalCount"] == school["totalCount"] + 1
    shot(page, "person-new-added")
