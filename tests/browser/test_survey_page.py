"""The public survey page /survey/<agency> on a phone: answering and sending, the problems shown next to their
fields, the rate limit's polite notice, an unknown agency, a survey not open, a lost connection. What was stored
is read back through the API."""

from __future__ import annotations

import re

import pytest

from browser.console_helpers import data as api_data
from browser.console_helpers import document_of

expect = pytest.importorskip("playwright.sync_api").expect

AGENCY = "DISDUKCAPIL"
OTHER_AGENCY = "DINKES"
# the UI-only cases (the page's own checks, stubbed answers) run once, on SQLite
sqlite_only = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

FORM = """query ($agency: String!) { surveyForm(agency: $agency) {
  agency agencyName period units { code name } questions { code text answers } } }"""
SATISFACTION = """query ($period: String!, $agency: String, $unit: String) {
  satisfaction(period: $period, agency: $agency, unit: $unit) { respondents elementAverages } }"""
SUBMIT = """mutation ($input: FeedbackInput!) { submitFeedback(input: $input) { accepted errors { path code } } }"""
PEOPLE = """query ($agency: String!) { people(filter: {agency: $agency}, first: 1) { edges { node { nip } } } }"""


def data(server, query: str, token: str | None = None, **variables) -> dict:
    """console_helpers.data with the variables as keywords."""
    return api_data(server, query, variables, token)


def survey_form(server) -> dict:
    form = data(server, FORM, agency=AGENCY)["surveyForm"]
    assert form and form["period"], f"the demo's {AGENCY} survey should take answers now: {form}"
    return form


def satisfaction(server, period: str, unit: str | None = None) -> dict:
    return data(server, SATISFACTION, server.token("ADMIN"), period=period, agency=AGENCY, unit=unit)["satisfaction"]


def officer_of(server, agency: str) -> str:
    return data(server, PEOPLE, server.token("ADMIN"), agency=agency)["people"]["edges"][0]["node"]["nip"]


def open_survey(page, server, agency: str = AGENCY) -> None:
    page.goto(f"{server.url}/survey/{agency}")
    expect(page.get_by_role("button", name="Kirim", exact=True)).to_be_visible()


def question(page, q: dict):
    return page.get_by_role("group", name=q["text"])


def answer(page, q: dict, value: int) -> None:
    question(page, q).get_by_label(q["answers"][value - 1], exact=True).check()


def assert_fits_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page scrolls sideways on a phone"


@pytest.fixture
def chosen() -> list[int]:
    return [4, 3, 2, 1, 4, 3, 2, 3, 4]


def test_a_phone_answers_and_sends_the_survey(fresh_server, narrow_page, shot, chosen):
    page, server = narrow_page, fresh_server
    form = survey_form(server)
    period, questions = form["period"], form["questions"]
    unit = next(u for u in form["units"] if satisfaction(server, period, u["code"])["respondents"] == 0)
    before = satisfaction(server, period)["respondents"]
    officer = officer_of(server, AGENCY)

    open_survey(page, server)
    expect(page.get_by_role("heading", level=1)).to_have_text("Survei Kepuasan Masyarakat")
    expect(page.get_by_text(form["agencyName"], exact=True)).to_be_visible()
    assert_fits_phone(page)
    shot(page, "form")

    unit_field = page.get_by_label("Unit layanan (opsional)")
    unit_field.select_option(unit["code"])
    unit_field.focus()
    # the first four questions by keyboard: Tab into the group, Space picks the first answer, arrows move on
    for q, value in zip(questions[:4], chosen):
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        for _ in range(value - 1):
            page.keyboard.press("ArrowDown")
        expect(question(page, q).get_by_label(q["answers"][value - 1], exact=True)).to_be_focused()
    for q, value in zip(questions[4:], chosen[4:]):
        answer(page, q, value)
    for q, value in zip(questions, chosen):
        expect(question(page, q).get_by_label(q["answers"][value - 1], exact=True)).to_be_checked()
    page.get_by_label("Jenis layanan").fill("Pembuatan KTP-el")
    page.get_by_label("NIP petugas yang melayani (opsional)").fill(officer)
    page.get_by_label("Saran dan masukan").fill("Antrean tertib, petugas ramah.")
    page.keyboard.press("Tab")  # from the comment to the button
    expect(page.get_by_role("button", name="Kirim", exact=True)).to_be_focused()
    page.keyboard.press("Enter")

    thanks = page.get_by_role("region", name="Terima kasih atas partisipasi Anda")
    expect(thanks).to_be_visible()
    expect(thanks).to_be_focused()
    assert_fits_phone(page)
    shot(page, "thanks")

    stored = satisfaction(server, period, unit["code"])
    assert stored["respondents"] == 1
    assert stored["elementAverages"] == [float(v) for v in chosen]
    assert satisfaction(server, period)["respondents"] == before + 1


BY_GROUP = """query ($period: String!, $agency: String, $groupBy: SatisfactionGroup) {
  satisfactionByGroup(period: $period, agency: $agency, groupBy: $groupBy) { group label respondents withheld } }"""


def test_a_phone_fills_the_respondent_profile(server_factory, narrow_page, shot, chosen):
    """The optional profile: three of its four selects chosen, one left at "Tidak ingin menyebutkan"; the answer is
    counted in each group (every group shown: KINERJA_SURVEY_MIN_GROUP=1)."""
    page, server = narrow_page, server_factory({"KINERJA_SURVEY_MIN_GROUP": "1"})
    form = survey_form(server)
    period = form["period"]

    def groups(dimension: str) -> dict[str, int]:
        rows = data(server, BY_GROUP, server.token("ADMIN"), period=period, agency=AGENCY,
                    groupBy=dimension)["satisfactionByGroup"]
        return {r["group"]: r["respondents"] for r in rows}

    before = {d: groups(d) for d in ("AGE_BAND", "SEX", "EDUCATION", "OCCUPATION")}
    open_survey(page, server)
    for q, value in zip(form["questions"], chosen):
        answer(page, q, value)
    profile = page.get_by_role("group", name="Profil responden (opsional)")
    expect(profile).to_be_visible()
    selects = {label: profile.get_by_label(label, exact=True)
               for label in ("Usia", "Jenis kelamin", "Pendidikan terakhir", "Pekerjaan")}
    for select in selects.values():  # nothing is chosen for the respondent
        expect(select).to_have_value("")
        expect(select.locator("option").first).to_have_text("Tidak ingin menyebutkan")
    selects["Usia"].select_option(label="26–35 tahun")
    selects["Jenis kelamin"].select_option(label="Perempuan")
    selects["Pendidikan terakhir"].select_option(label="S3")
    selects["Pendidikan terakhir"].scroll_into_view_if_needed()
    assert_fits_phone(page)
    shot(page, "profile")
    page.get_by_role("button", name="Kirim", exact=True).click()
    expect(page.get_by_role("region", name="Terima kasih atas partisipasi Anda")).to_be_visible()

    def plus_one(dimension: str, group: str) -> dict[str, int]:
        return {**before[dimension], group: before[dimension].get(group, 0) + 1}

    assert groups("AGE_BAND") == plus_one("AGE_BAND", "AGE_26_35")
    assert groups("SEX") == plus_one("SEX", "PEREMPUAN")
    assert groups("EDUCATION") == plus_one("EDUCATION", "S3")
    assert groups("OCCUPATION") == plus_one("OCCUPATION", "NOT_STATED")  # left at "Tidak ingin menyebutkan"


@sqlite_only
def test_each_unanswered_question_says_so_and_gets_the_focus(server, narrow_page, shot, graphql_requests):
    page = narrow_page
    questions = survey_form(server)["questions"]
    requests = graphql_requests(page)
    open_survey(page, server)
    answer(page, questions[0], 3)
    answer(page, questions[2], 2)
    page.get_by_role("button", name="Kirim", exact=True).click()

    for i, q in enumerate(questions):
        group = question(page, q)
        if i in (0, 2):
            expect(group.get_by_text("Pilih salah satu jawaban")).to_have_count(0)
        else:
            expect(group.get_by_text("Pilih salah satu jawaban")).to_be_visible()
            expect(group.get_by_label(q["answers"][0], exact=True)).to_have_accessible_description(
                re.compile("Pilih salah satu jawaban"))
    expect(question(page, questions[1]).get_by_label(questions[1]["answers"][0], exact=True)).to_be_focused()
    expect(page.get_by_text("7 pertanyaan belum dijawab.")).to_be_visible()
    assert_fits_phone(page)
    shot(page, "unanswered")
    assert len(requests) == 1, "nothing is sent while questions are unanswered"


def test_an_officer_of_another_agency_is_thanked_like_any_other(fresh_server, narrow_page, shot, chosen):
    """The form does not tell who works where (SECURITY.md): another agency's NIP gets the same thanks as one of
    this agency, and the answers count, without an officer."""
    page, server = narrow_page, fresh_server
    form = survey_form(server)
    before = satisfaction(server, form["period"])["respondents"]
    outsider = officer_of(server, OTHER_AGENCY)

    open_survey(page, server)
    for q, value in zip(form["questions"], chosen):
        answer(page, q, value)
    nip_field = page.get_by_label("NIP petugas yang melayani (opsional)")
    nip_field.fill(outsider)
    page.get_by_role("button", name="Kirim", exact=True).click()

    thanks = page.get_by_role("region", name="Terima kasih atas partisipasi Anda")
    expect(thanks).to_be_visible()
    expect(page.get_by_text("Tidak ada petugas dengan NIP ini")).to_have_count(0)
    assert_fits_phone(page)
    shot(page, "officer-unknown")
    assert satisfaction(server, form["period"])["respondents"] == before + 1, "the answers count"


def test_the_rate_limit_thanks_and_asks_to_come_back_later(server_factory, narrow_page, shot, chosen):
    page = narrow_page
    server = server_factory({"KINERJA_FEEDBACK_LIMIT": "1/3600"})
    form = survey_form(server)
    before = satisfaction(server, form["period"])["respondents"]

    # the first answer from this address (the test's, like the browser's, comes from 127.0.0.1) through the API
    first = data(server, SUBMIT, input={"agency": AGENCY, "period": form["period"], "answers": chosen})
    assert first["submitFeedback"] == {"accepted": True, "errors": []}

    open_survey(page, server)
    for q, value in zip(form["questions"], reversed(chosen)):
        answer(page, q, value)
    page.get_by_role("button", name="Kirim", exact=True).click()

    notice = page.get_by_role("status").filter(has_text="Terima kasih atas partisipasi Anda.")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(re.compile(r"[Ss]ilakan coba lagi dalam \d+ (menit|jam|detik)\."))
    expect(notice).to_be_focused()
    expect(page.get_by_role("alert")).to_have_count(0)
    assert_fits_phone(page)
    shot(page, "rate-limited")
    assert satisfaction(server, form["period"])["respondents"] == before + 1


@sqlite_only
def test_an_unknown_agency_is_named_as_such(server, narrow_page, shot):
    page = narrow_page
    page.goto(f"{server.url}/survey/TIDAK-ADA")
    expect(page.get_by_role("heading", name="Instansi tidak ditemukan")).to_be_visible()
    expect(page.get_by_text("TIDAK-ADA")).to_be_visible()
    expect(page.get_by_role("button", name="Kirim")).to_have_count(0)
    assert_fits_phone(page)
    shot(page, "unknown-agency")


@sqlite_only
def test_a_survey_without_an_open_period_says_it_is_not_open(server, narrow_page, shot):
    page = narrow_page

    def no_period(route):
        response = route.fetch()
        body = response.json()
        body["data"]["surveyForm"]["period"] = None
        route.fulfill(response=response, json=body)

    page.route("**/graphql", no_period)
    page.goto(f"{server.url}/survey/{AGENCY}")
    expect(page.get_by_role("heading", name="Survei belum dibuka")).to_be_visible()
    expect(page.get_by_role("button", name="Kirim")).to_have_count(0)
    shot(page, "not-open")


@sqlite_only
def test_a_lost_connection_can_be_retried_with_the_same_answers(server, narrow_page, browser_errors, shot, chosen):
    """The retry sends the same idempotency key, so an answer that did arrive is not counted twice (stubbed here:
    the read-only server must not store anything)."""
    page = narrow_page
    browser_errors.allow(r"ERR_FAILED|ERR_INTERNET_DISCONNECTED")
    form = survey_form(server)
    sent: list[dict] = []

    def flaky(route):
        body = route.request.post_data_json
        if "submitFeedback" not in document_of(route.request.post_data):
            route.continue_()
            return
        sent.append(body["variables"])
        if len(sent) == 1:
            route.abort("internetdisconnected")
        else:
            route.fulfill(json={"data": {"submitFeedback": {"accepted": True, "errors": []}}})

    page.route("**/graphql", flaky)
    open_survey(page, server)
    for q, value in zip(form["questions"], chosen):
        answer(page, q, value)
    page.get_by_role("button", name="Kirim", exact=True).click()

    problem = page.get_by_role("alert").filter(has_text="Jawaban Anda belum terkirim")
    expect(problem).to_be_visible()
    expect(problem).to_contain_text("Tidak dapat terhubung ke server")
    expect(question(page, form["questions"][0]).get_by_label(form["questions"][0]["answers"][chosen[0] - 1],
                                                             exact=True)).to_be_checked()
    shot(page, "offline")
    page.get_by_role("button", name="Coba kirim lagi").click()
    expect(page.get_by_role("region", name="Terima kasih atas partisipasi Anda")).to_be_visible()
    assert len(sent) == 2
    assert sent[0] == sent[1] and sent[0]["key"], "the retry sends the same answers with the same key"
    assert sent[0]["input"]["answers"] == chosen
