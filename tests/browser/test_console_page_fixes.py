"""The page fixes of issue 19 §5 in the real console: one's own supervisor and assessor readable, "Nilai" only for who
may assess, a confirmation before finalizing, a finalized self-assessment as a summary, the people search by
position and unit, a 360 px person page, focus on the heading, the current link's contrast, Chart.js only where a
chart is drawn, deep links kept across sign-in, print styles, and `hidden` winning over `display`.
(The server side, gzip and caching: tests/test_static_serving.py.)"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.console_helpers import data, wait_rendered
from browser.test_forms_pages import mutate, set_password, to_evaluation

SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
CHART_FILE = "/static/vendor/chartjs-4.6.1/chart.umd.min.js"
WHO = """query($n: String!) { person(nip: $n) { nip name position supervisor { nip name position }
  subordinates { nip name } } }"""
OWN_ASSESSMENTS = """query($n: String!, $p: String!) { assessments(period: $p, nip: $n) { kind
  assessor { nip name position } } }"""


def head_and_staff(server):
    head = server.account("EMPLOYEE")  # the demo's head of DISDIK, who supervises others
    staff = [a for a in server.accounts if a.role == "EMPLOYEE"][-1]  # one of their staff
    assert head.nip != staff.nip
    return head, staff


def focused(page) -> str:
    return page.evaluate("() => { const e = document.activeElement; return e ? e.tagName + '#' + (e.id || '') : ''; }")


# -- 1. one's own supervisor and assessor --------------------------------------------------------------------------

def test_own_profile_shows_the_supervisor_and_the_assessor_by_name(server, page, make_page, use_token, shot):
    admin = server.token("ADMIN")
    head, staff = head_and_staff(server)
    me = data(server, WHO, {"n": staff.nip}, admin)["person"]
    sup = me["supervisor"]
    assert sup["nip"] == head.nip
    token = server.token("EMPLOYEE", nip=staff.nip)
    # an assessed period of this person (the demo's finalized years), with its supervisor's assessment
    cycles = data(server, "{ cycles { year status } }", token=token)["cycles"]
    assessed = next((str(c["year"]) for c in sorted(cycles, key=lambda c: -c["year"])
                     if any(a["kind"] == "SUPERVISOR" for a in data(server, OWN_ASSESSMENTS,
                                                                    {"n": staff.nip, "p": str(c["year"])}, token)
                            ["assessments"])), None)
    assert assessed, "the demo has a supervisor assessment of the staff member"
    assessor = next(a for a in data(server, OWN_ASSESSMENTS, {"n": staff.nip, "p": assessed}, token)["assessments"]
                    if a["kind"] == "SUPERVISOR")["assessor"]
    assert assessor is not None

    use_token(page, token)
    page.goto(f"{server.url}/#/person/{staff.nip}?cycle={assessed}&period={assessed}")
    wait_rendered(page)
    cell = page.locator('#profile [data-col="supervisor"]')
    expect(cell).to_contain_text(sup["name"])
    expect(cell).to_contain_text(sup["position"])
    assert cell.locator("a").count() == 0  # their page is out of this viewer's scope: no link to "not found"
    card = page.locator('[data-assessment="SUPERVISOR"] [data-col="assessor"]')
    expect(card).to_contain_text(assessor["name"])
    if assessor["position"]:
        expect(card).to_contain_text(assessor["position"])
    assert card.locator("a").count() == 0
    assert page.get_by_text("tidak ditemukan").count() == 0
    shot(page, "own-profile")

    # the supervisor's own view of the subordinate links to themselves (in scope) as before
    other = make_page()
    use_token(other, server.token("EMPLOYEE", nip=head.nip))
    other.goto(f"{server.url}/#/person/{staff.nip}")
    wait_rendered(other)
    assert other.locator('#profile [data-col="supervisor"] a').get_attribute("href") == f"#/person/{head.nip}"


# -- 2. "Nilai" only for who may assess -----------------------------------------------------------------------------

def test_assess_button_follows_the_servers_rule(fresh_server, page, make_page, use_token):
    srv = fresh_server
    head, staff = head_and_staff(srv)
    period = str(max(c["year"] for c in data(srv, "{ cycles { year } }", token=srv.token("ADMIN"))["cycles"]))
    # the head is also the agency's admin: signed in as such, the assessing official of their staff, but the
    # server takes the supervisor assessment only from an employee sign-in
    set_password(srv, head.nip, head.password, "AGENCY_ADMIN")
    login = """mutation($n: String!, $p: String!, $r: Role) { login(nip: $n, password: $p, role: $r) { token role
      errors { code } } }"""

    def session(role):
        answer = data(srv, login, {"n": head.nip, "p": head.password, "r": role})["login"]
        assert answer["token"], answer
        return answer["token"], answer["role"]

    as_admin, role = session(None)
    assert role == "AGENCY_ADMIN"
    me = data(srv, "{ me { role person { nip } } }", token=as_admin)["me"]
    assert me["person"]["nip"] == head.nip
    official = data(srv, 'query($n: String!, $p: String!) { person(nip: $n) { assessingOfficial(period: $p) '
                         '{ official { nip } } } }', {"n": staff.nip, "p": period}, as_admin)
    assert official["person"]["assessingOfficial"]["official"]["nip"] == head.nip
    refused = srv.gql("""mutation($i: AssessmentInput!) { submitSupervisorAssessment(input: $i) {
        errors { code } } }""", {"i": {"nip": staff.nip, "period": period, "resultRating": "SESUAI_EKSPEKTASI",
                                       "behaviorRating": "SESUAI_EKSPEKTASI"}}, token=as_admin)
    codes = [e["code"] for e in refused["data"]["submitSupervisorAssessment"]["errors"]]
    assert "FORBIDDEN" in codes, refused

    use_token(page, as_admin)
    page.goto(f"{srv.url}/#/person/{staff.nip}?period={period}")
    wait_rendered(page)
    expect(page.locator("#assessing-official")).to_contain_text(head.name)
    assert page.locator("#assess-link").count() == 0

    # the same person signed in as an employee gets it
    as_employee, role = session("EMPLOYEE")
    assert role == "EMPLOYEE"
    other = make_page()
    use_token(other, as_employee)
    other.goto(f"{srv.url}/#/person/{staff.nip}?period={period}")
    wait_rendered(other)
    assert other.locator("#assess-link").get_attribute("href") == f"#/assess/{staff.nip}/{period}"


# -- 3, 4, 12. confirmation, the read-only self-assessment, deep links (one fresh server) ------------------------

def test_finalize_confirms_then_self_assessment_reads_as_summary_and_deep_links_survive_sign_in(
        fresh_server, page, make_page, use_token, graphql_requests, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    head, staff = head_and_staff(srv)
    set_password(srv, head.nip, head.password, "EMPLOYEE")
    period = "2025-Q1"
    to_evaluation(srv, admin)
    mutate(srv, srv.token("EMPLOYEE", nip=staff.nip), """mutation($i: AssessmentInput!) {
        submitSelfAssessment(input: $i) { errors { code message } } }""", {"i": {
        "nip": staff.nip, "period": period, "resultRating": "DI_ATAS_EKSPEKTASI", "behaviorRating": "SESUAI_EKSPEKTASI",
        "behaviorNotes": [{"value": "AKUNTABEL", "note": "Laporan tepat waktu."}], "comment": "Triwulan yang baik."}})

    # 12. a deep link opened signed out: to the sign-in, then to that very page
    target = f"#/assess/{staff.nip}/{period}"
    page.goto(f"{srv.url}/{target}")
    page.wait_for_url("**/#/login")
    nip_field = page.get_by_label("NIP", exact=True)
    nip_field.wait_for()
    assert nip_field.evaluate("(e) => e === document.activeElement")  # the router leaves the sign-in on its field
    nip_field.fill(head.nip)
    page.get_by_label("Kata sandi", exact=True).fill(head.password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(f"**/{target}")
    expect(page.locator("main h1")).to_contain_text(staff.name)
    page.locator("#assess-result-SESUAI_EKSPEKTASI").check()
    page.locator("#assess-behavior-SESUAI_EKSPEKTASI").check()
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.locator("#assess-saved")).to_contain_text("versi 1")

    # 3. finalizing asks first: "Batal" sends nothing, "Ya, tetapkan" finalizes
    requests = graphql_requests(page)
    override = page.locator("#final-override")
    if override.is_visible():
        override.fill("Sesuai kesepakatan kinerja.")
    page.get_by_role("button", name="Finalisasi", exact=True).click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("tidak dapat diubah lagi")
    expect(dialog).to_contain_text(staff.name)
    assert focused(page) == "BUTTON#final-confirm-yes"
    shot(page, "confirm")
    page.get_by_role("button", name="Batal").click()
    expect(dialog).to_have_count(0)
    assert not [r for r in requests.requests if "finalizeRating" in (r["query"] or "")]
    rated = 'query($n: String!, $p: String!) { person(nip: $n) { rating(period: $p) { predikat } } }'
    assert data(srv, rated, {"n": staff.nip, "p": period}, admin)["person"]["rating"] is None
    for _ in range(2):  # a second round when the curve asks for a justification
        page.get_by_role("button", name="Finalisasi", exact=True).click()
        page.get_by_role("button", name="Ya, tetapkan").click()
        page.locator("#final-result, #final-curve-warning").first.wait_for()
        if page.locator("#final-result").count():
            break
        page.get_by_label("Justifikasi kurva").fill("Capaian sesuai rencana kerja unit.")
    expect(page.locator("#final-result")).to_be_visible()
    assert data(srv, rated, {"n": staff.nip, "p": period}, admin)["person"]["rating"]["predikat"]

    # 4. the employee's self-assessment of the finalized period: a summary, no greyed-out form
    other = make_page()
    use_token(other, srv.token("EMPLOYEE", nip=staff.nip))
    other.goto(f"{srv.url}/#/self/{period}")
    wait_rendered(other)
    expect(other.locator("#self-finalized")).to_be_visible()
    summary = other.locator("#self-summary")
    expect(summary).to_contain_text("Di Atas Ekspektasi")
    expect(summary).to_contain_text("Laporan tepat waktu.")
    expect(summary).to_contain_text("Triwulan yang baik.")
    assert other.locator("#self-form, #self-summary input, #self-summary textarea").count() == 0
    shot(other, "self-summary")

    # 12. signing out on purpose forgets the page; the next sign-in goes home
    page.get_by_role("button", name="Keluar", exact=True).click()
    page.wait_for_url("**/#/login")
    page.get_by_label("NIP", exact=True).fill(head.nip)
    page.get_by_label("Kata sandi", exact=True).fill(head.password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(f"**/#/person/{head.nip}")
    # only the console's own routes are followed: another origin, a script URL or an unknown route lead home
    for planted in ("https://example.org/#/person/1", "//example.org", "javascript:alert(1)", "#/nowhere/at/all",
                    "#/login"):
        page.get_by_role("button", name="Keluar", exact=True).click()
        page.wait_for_url("**/#/login")
        page.evaluate("(v) => sessionStorage.setItem('kinerja.next', v)", planted)
        page.get_by_label("NIP", exact=True).fill(head.nip)
        page.get_by_label("Kata sandi", exact=True).fill(head.password)
        page.get_by_role("button", name="Masuk", exact=True).click()
        page.wait_for_url(f"**/#/person/{head.nip}")
        assert page.url.startswith(srv.url), planted


# -- 5. the people search -----------------------------------------------------------------------------------------

def test_people_search_finds_teachers_by_position(server, page, use_token):
    token = server.token("ADMIN")
    api = data(server, """{ people(filter: {agency: "DISDIK", search: "guru"}, first: 25) { totalCount
        edges { node { nip position unit { name } } } } }""", token=token)["people"]
    assert api["totalCount"] > 0
    assert all("guru" in e["node"]["position"].lower() or "guru" in (e["node"]["unit"] or {}).get("name", "").lower()
               for e in api["edges"])
    by_unit = data(server, """query($s: String!) { people(filter: {agency: "DISDIK", search: $s}, first: 5) {
        totalCount } }""", {"s": api["edges"][0]["node"]["unit"]["name"]}, token)["people"]
    assert by_unit["totalCount"] > 0
    use_token(page, token)
    page.goto(server.url + "/#/agency/DISDIK")
    wait_rendered(page)
    page.get_by_label("Cari nama atau NIP").fill("guru")
    page.get_by_label("Cari nama atau NIP").press("Enter")
    page.locator(f'#people-summary[data-total="{api["totalCount"]}"]').wait_for()
    shown = page.locator("#people-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.nip)")
    assert shown == [e["node"]["nip"] for e in api["edges"]]
    positions = page.locator('#people-table [data-col="position"]').all_inner_texts()
    assert positions and all("guru" in p.lower() for p in positions[:5])


# -- 6. 360 px ------------------------------------------------------------------------------------------------------

def test_person_page_fits_360_px(server, narrow_page, make_page, use_token, shot):
    head, staff = head_and_staff(server)
    for who, nip in ((head.nip, staff.nip), (staff.nip, staff.nip), ("ADMIN", head.nip)):
        if who != head.nip:
            narrow_page = make_page(width=360, height=740, mobile=True)
        token = server.token("ADMIN") if who == "ADMIN" else server.token("EMPLOYEE", nip=who)
        use_token(narrow_page, token)
        narrow_page.goto(f"{server.url}/#/person/{nip}?cycle=2024&period=2024")
        wait_rendered(narrow_page)
        width = narrow_page.evaluate("() => document.scrollingElement.scrollWidth")
        wide = narrow_page.evaluate("""() => [...document.querySelectorAll('main *')]
          .filter(e => e.getBoundingClientRect().right > 361 && !e.closest('.table-wrap'))
          .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className)""")
        assert width <= 360, (nip, width, wide)
        shot(narrow_page, f"person-{nip[-4:]}")


# -- 7. focus ---------------------------------------------------------------------------------------------------------

@SQLITE
def test_navigation_moves_focus_to_the_heading(server, page, use_token):
    use_token(page, server.token("ADMIN"))
    page.goto(server.url + "/#/dashboard")
    wait_rendered(page)
    for name in ("Katalog Indikator", "Dasbor", "Keberatan"):
        page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name=name).focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H1'")
        heading = page.locator("main h1").first
        assert heading.get_attribute("tabindex") == "-1"
        assert page.evaluate("() => document.activeElement === document.querySelector('main h1')")
    # Back: the heading of the page it returns to
    page.go_back()
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H1'"
                           " && document.activeElement.isConnected")


# -- 8. contrast -------------------------------------------------------------------------------------------------------

CONTRAST = """(el) => {
  const rgba = (s) => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const lum = ([r, g, b]) => { const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  // the background as painted: each ancestor's colour over what is below it
  const layers = [];
  for (let e = el; e; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
  let bg = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse()) bg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
  const [fr, fg, fb, fa] = rgba(getComputedStyle(el).color);
  const fgc = [fr * fa + bg[0] * (1 - fa), fg * fa + bg[1] * (1 - fa), fb * fa + bg[2] * (1 - fa)];
  const [l1, l2] = [lum(fgc), lum(bg)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}"""


@SQLITE
def test_the_current_link_has_enough_contrast(server, page, use_token):
    use_token(page, server.token("ADMIN"))
    page.goto(server.url + "/#/catalogue")
    wait_rendered(page)
    current = page.locator('#nav a[aria-current="page"]')
    expect(current).to_have_text("Katalog Indikator")
    assert current.evaluate(CONTRAST) >= 4.5
    for link in page.locator("#nav a:not([aria-current])").all():
        assert link.evaluate(CONTRAST) >= 4.5, link.inner_text()


# -- 9. Chart.js only where a chart is drawn ---------------------------------------------------------------------

@SQLITE
def test_the_chart_library_loads_only_on_pages_with_a_chart(server, page, use_token):
    loaded = []
    page.on("request", lambda r: loaded.append(r.url) if "chart.umd" in r.url else None)
    token = server.token("ADMIN")
    nip = data(server, '{ people(filter: {agency: "DISDIK"}, first: 1) { edges { node { nip } } } }',
               token=token)["people"]["edges"][0]["node"]["nip"]
    use_token(page, token)
    for route in (f"#/person/{nip}", "#/catalogue", "#/keberatan"):
        page.goto(f"{server.url}/{route}")
        wait_rendered(page)
    assert loaded == [] and page.evaluate("() => typeof window.Chart") == "undefined"
    assert page.locator('script[src*="chart"]').count() == 0
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Dasbor").click()
    page.locator("#distribution-chart, #distribution-empty").first.wait_for()
    assert [u for u in loaded if u.endswith(CHART_FILE)] == [server.url + CHART_FILE]
    assert page.evaluate("() => typeof window.Chart") == "function"
    if page.locator("#distribution-chart").count():
        page.wait_for_function("() => window.Chart.getChart(document.getElementById('distribution-chart'))")
    # another visit reuses the loaded library
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Katalog Indikator").click()
    wait_rendered(page)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Dasbor").click()
    page.locator("#distribution-chart, #distribution-empty").first.wait_for()
    assert len([u for u in loaded if u.endswith(CHART_FILE)]) == 1


# -- 13, 14. print, and `hidden` ---------------------------------------------------------------------------------------

@SQLITE
def test_print_styles_and_hidden_wins_over_display(server, page, use_token, shot):
    token = server.token("ADMIN")
    use_token(page, token)
    nip = data(server, '{ people(filter: {agency: "DISDIK"}, first: 1) { edges { node { nip } } } }',
               token=token)["people"]["edges"][0]["node"]["nip"]
    page.goto(f"{server.url}/#/person/{nip}?cycle=2024&period=2024")
    wait_rendered(page)
    # a hidden button or button-link stays hidden whatever its class says
    shown = page.evaluate("""() => ['button', 'a'].map((tag) => {
      const el = document.createElement(tag); el.className = 'button'; el.hidden = true; el.textContent = 'x';
      document.querySelector('main').append(el); const d = getComputedStyle(el).display; el.remove(); return d; })""")
    assert shown == ["none", "none"]
    assert page.locator("#nav").is_visible() and page.locator("main .actions").first.is_visible()
    page.emulate_media(media="print")
    style = page.evaluate("""() => ({
      nav: getComputedStyle(document.getElementById('nav')).display,
      buttons: [...document.querySelectorAll('main button, main .button')].every((b) => getComputedStyle(b).display === 'none'),
      selects: [...document.querySelectorAll('main select')].every((b) => getComputedStyle(b).display === 'none'),
      body: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.querySelector('main h1')).color,
      card: getComputedStyle(document.querySelector('.card')).backgroundColor,
      head: getComputedStyle(document.querySelector('thead') || document.body).display,
      row: getComputedStyle(document.querySelector('tbody tr') || document.body).breakInside,
    })""")
    assert style["nav"] == "none" and style["buttons"] and style["selects"]
    assert style["body"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)") and style["text"] == "rgb(0, 0, 0)"
    assert style["card"] == "rgb(255, 255, 255)"
    if page.locator("thead").count():
        assert style["head"] == "table-header-group" and style["row"] == "avoid"
    assert page.locator("main h1").is_visible() and page.locator("#profile").is_visible()
    pdf_or_shot = page.screenshot(full_page=True)
    assert pdf_or_shot and re.match(rb"\x89PNG", pdf_or_shot)
    page.emulate_media(media="screen")
    assert page.locator("#nav").is_visible()
