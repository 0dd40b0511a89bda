"""The console's "Tugas saya" (#/tugas) and the count beside its link, in Chromium against the API's own answer
(myTasks), on SQLite and PostgreSQL. The demo at KINERJA_TODAY=2025-11-20: 2023 CLOSED with an open objection the
head of DISDIK decides, 2024 in EVALUATION (partly assessed, with open objections), 2025 ACTIVE with a submitted SKP
of the head's staff, a submitted DINKES indicator draft and a DISDIK one returned to rework (every demo sign-in has
something to do). A fresh server moves 2025 to EVALUATION for the assessments a supervisor writes."""

from __future__ import annotations

import re

from browser.console_helpers import data, wait_rendered
from browser.test_forms_pages import mutate, to_evaluation

TASKS = """{ myTasks { today total groups { kind period cycle count items { period cycle nip name objectionId
  targetId draftId indicator } } } }"""
# what must never reach the screen: the kinds' codes, raw statuses and periods, English
LEAKS = re.compile(r"\b(SELF_ASSESSMENT|MEASUREMENTS|ASSESSMENTS|RATINGS_TO_FINALIZE|SKPS_TO_APPROVE|"
                   r"OBJECTIONS_TO_DECIDE|INDICATOR_DRAFTS_\w+|SUBMITTED|REJECTED|OPEN|EVALUATION|ACTIVE|"
                   r"\d{4}-Q\d|task|tasks|null|undefined|NaN)\b")
ASSESS = """mutation($i: AssessmentInput!) { submitSupervisorAssessment(input: $i) { errors { code message } } }"""
FINALIZE = """mutation($n: String!) { finalizeRating(input: {nip: $n, period: "2025",
  overrideReason: "Sesuai hasil pengamatan atasan", curveJustification: "Sesuai kinerja nyata"}) {
  errors { code message } } }"""
YEAR = ("2025-Q1", "2025-Q2", "2025-Q3", "2025")
KIND_TITLES = {"SKPS_TO_APPROVE": "SKP yang menunggu persetujuan Anda",
               "OBJECTIONS_TO_DECIDE": "Keberatan yang menunggu keputusan Anda",
               "ASSESSMENTS": "Penilaian atasan yang harus Anda tulis",
               "SELF_ASSESSMENT": "Penilaian diri",
               "INDICATOR_DRAFTS_TO_APPROVE": "Draf indikator yang menunggu persetujuan"}


def no_leaks(page) -> None:
    text = page.locator("main").inner_text() + " " + page.locator("#nav").inner_text()
    found = LEAKS.search(text)
    assert not found, found.group(0)


def groups_of(answer: dict, kind: str) -> list[dict]:
    return [g for g in answer["groups"] if g["kind"] == kind]


def badge(page) -> str | None:
    found = page.locator("#nav-tasks-count")
    return found.inner_text() if found.count() else None


def heading(page, text: str) -> None:
    """The page whose heading starts with `text` has rendered (not the one before it, whose heading stays until the
    router's hashchange comes)."""
    page.locator("main h1", has_text=re.compile("^" + re.escape(text))).wait_for()
    wait_rendered(page)


def open_tasks(page) -> None:
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Tugas saya").click()
    page.wait_for_url("**/#/tugas")
    heading(page, "Tugas saya")
    page.locator("#tasks-summary").wait_for()


def check_cards(page, answer: dict) -> None:
    """Each kind of the answer is one card with its count, each group its period, each item its line."""
    kinds = {g["kind"] for g in answer["groups"]}
    assert page.locator("article[data-kind]").count() == len(kinds)
    for kind in kinds:
        card = page.locator(f'article[data-kind="{kind}"]')
        count = sum(g["count"] for g in groups_of(answer, kind))
        assert card.locator(".task-count").get_attribute("data-count") == str(count)
        if kind in KIND_TITLES:
            assert KIND_TITLES[kind] in card.locator("h2").inner_text()
        for g in groups_of(answer, kind):
            for item in g["items"]:
                if item["objectionId"]:
                    assert card.locator(f'li[data-objection="{item["objectionId"]}"]').count() == 1
                elif item["draftId"]:
                    assert card.locator(f'li[data-draft="{item["draftId"]}"]').count() == 1
                elif item["targetId"]:
                    assert card.locator(f'li[data-target="{item["targetId"]}"]').count() == 1
                elif kind != "SELF_ASSESSMENT":
                    assert card.locator(f'li[data-nip="{item["nip"]}"]').count() >= 1


def test_the_head_of_disdik_sees_the_skp_and_the_objection_awaiting_them(server, page, sign_in, shot):
    head = server.account("EMPLOYEE")  # the first: the head of DISDIK, who supervises others
    answer = data(server, TASKS, token=server.token("EMPLOYEE", nip=head.nip))["myTasks"]
    (skps,) = groups_of(answer, "SKPS_TO_APPROVE")
    objections = groups_of(answer, "OBJECTIONS_TO_DECIDE")
    (closed,) = [c["year"] for c in data(server, "{ cycles { year status } }", token=server.token("ADMIN"))["cycles"]
                 if c["status"] == "CLOSED"]
    assert skps["cycle"] == 2025 and skps["count"] >= 1 and objections[0]["period"] == str(closed)
    sign_in(page, server, head.nip, head.password)
    nav = page.get_by_role("navigation", name="Navigasi utama")
    link = nav.get_by_role("link", name="Tugas saya")
    assert link.is_visible() and badge(page) == str(answer["total"])
    assert f"({answer['total']} tugas menunggu)" in link.text_content()  # what a screen reader says

    open_tasks(page)
    assert page.locator("main h1").inner_text() == "Tugas saya"
    assert page.locator('#nav a[aria-current="page"]').get_attribute("id") == "nav-tasks"
    assert page.locator("#tasks-summary").inner_text() == f"{answer['total']} tugas menunggu Anda per 20 November 2025."
    check_cards(page, answer)
    objection_card = page.locator('article[data-kind="OBJECTIONS_TO_DECIDE"]')
    assert f"Triwulan IV / Akhir Tahun {closed}" in objection_card.inner_text()
    assert "Siklus 2025" in page.locator('article[data-kind="SKPS_TO_APPROVE"]').inner_text()
    no_leaks(page)
    shot(page, "tasks-head")

    # the SKP's line leads to the SKP, where the head approves or returns it
    first = skps["items"][0]
    line = page.locator(f'article[data-kind="SKPS_TO_APPROVE"] li[data-nip="{first["nip"]}"] a')
    assert line.inner_text() == first["name"]
    line.click()
    page.wait_for_url(f"**/#/skp/{first['nip']}/2025")
    heading(page, f"SKP {first['name']}")
    # back, and the objection's line leads to the objection
    page.go_back()
    page.wait_for_url("**/#/tugas")
    heading(page, "Tugas saya")
    objection = objections[0]["items"][0]
    page.locator(f'li[data-objection="{objection["objectionId"]}"] a').click()
    page.wait_for_url(f"**/#/keberatan/{objection['objectionId']}")
    heading(page, f"Keberatan {objection['name']}")


def test_admin_has_the_submitted_draft_and_an_agency_admin_the_returned_one(server, page, sign_in, make_page):
    admin = server.account("ADMIN")
    answer = data(server, TASKS, token=server.token("ADMIN", nip=admin.nip))["myTasks"]
    (drafts,) = groups_of(answer, "INDICATOR_DRAFTS_TO_APPROVE")
    assert drafts["count"] >= 1 and drafts["items"][0]["indicator"].startswith("DINKES.")
    sign_in(page, server, admin.nip, admin.password)
    assert badge(page) == str(answer["total"])
    open_tasks(page)
    check_cards(page, answer)
    no_leaks(page)
    card = page.locator('article[data-kind="INDICATOR_DRAFTS_TO_APPROVE"]')
    assert drafts["items"][0]["indicator"] in card.inner_text()
    card.get_by_role("link", name="Buka daftar draf indikator").click()
    page.wait_for_url("**/#/indikator/draf")
    page.locator(f'[data-decide="{drafts["items"][0]["draftId"]}"]').wait_for()  # where ADMIN decides it

    # DISDIK's admin: the draft BKPSDM returned, to rework
    officer = server.account("AGENCY_ADMIN")
    theirs = data(server, TASKS, token=server.token("AGENCY_ADMIN", agency="DISDIK"))["myTasks"]
    (rework,) = groups_of(theirs, "INDICATOR_DRAFTS_TO_REWORK")
    assert [g["kind"] for g in theirs["groups"]] == ["INDICATOR_DRAFTS_TO_REWORK"]
    assert rework["count"] >= 1 and rework["items"][0]["indicator"].startswith("DISDIK.")
    other = make_page()
    sign_in(other, server, officer.nip, officer.password)
    assert badge(other) == str(theirs["total"])
    open_tasks(other)
    assert other.locator("#tasks-empty").count() == 0
    check_cards(other, theirs)
    no_leaks(other)


def test_in_evaluation_a_supervisor_writes_assessments_and_the_badge_follows(fresh_server, page, sign_in, shot):
    srv = fresh_server
    to_evaluation(srv, srv.token("ADMIN"))
    head = srv.account("EMPLOYEE")
    token = srv.token("EMPLOYEE", nip=head.nip)
    answer = data(srv, TASKS, token=token)["myTasks"]
    # 20 November: Q1-Q3 are over and the year's evaluation (Triwulan IV / Akhir Tahun) has begun (the year before,
    # still in EVALUATION too, has its own groups)
    assert [g["period"] for g in groups_of(answer, "SELF_ASSESSMENT") if g["cycle"] == 2025] == list(YEAR)
    written = [g for g in groups_of(answer, "ASSESSMENTS") if g["cycle"] == 2025]
    assert {g["period"] for g in written} <= set(YEAR) and written[-1]["period"] == "2025"
    yearly = written[-1]
    sign_in(page, srv, head.nip, head.password)
    assert badge(page) == str(answer["total"])
    open_tasks(page)
    check_cards(page, answer)
    no_leaks(page)
    card = page.locator('article[data-kind="ASSESSMENTS"]')
    assert "Triwulan IV / Akhir Tahun 2025" in card.inner_text()
    own = page.locator('article[data-kind="SELF_ASSESSMENT"]')
    assert own.get_by_role("link", name="Isi penilaian diri Triwulan I 2025").get_attribute("href") == "#/self/2025-Q1"
    shot(page, "tasks-evaluation")

    # the first person of the year's evaluation: their assessment page
    first = yearly["items"][0]
    page.locator(f'article[data-kind="ASSESSMENTS"] section[data-period="2025"] li[data-nip="{first["nip"]}"] a').click()
    page.wait_for_url(f"**/#/assess/{first['nip']}/2025")
    page.locator("main h1", has_text=first["name"]).wait_for()
    wait_rendered(page)
    # assessed: it moves to the ratings to finalize; finalized: it is done, and the badge follows the page
    mutate(srv, token, ASSESS, {"i": {"nip": first["nip"], "period": "2025", "resultRating": "SESUAI_EKSPEKTASI",
                                      "behaviorRating": "SESUAI_EKSPEKTASI"}})
    open_tasks(page)
    middle = data(srv, TASKS, token=token)["myTasks"]
    assert middle["total"] == answer["total"]  # one fewer to write, one more to finalize
    assert [g["items"][0]["nip"] for g in groups_of(middle, "RATINGS_TO_FINALIZE") if g["cycle"] == 2025] == [
        first["nip"]]
    check_cards(page, middle)
    line = page.locator(f'article[data-kind="RATINGS_TO_FINALIZE"] li[data-nip="{first["nip"]}"] a')
    assert line.get_attribute("href") == f"#/assess/{first['nip']}/2025"
    mutate(srv, token, FINALIZE, {"n": first["nip"]})
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Katalog Indikator").click()
    heading(page, "Katalog Indikator")
    assert badge(page) == str(answer["total"])  # nothing asked on the way: the count read last
    open_tasks(page)
    after = data(srv, TASKS, token=token)["myTasks"]
    assert after["total"] == answer["total"] - 1
    assert not [g for g in groups_of(after, "RATINGS_TO_FINALIZE") if g["cycle"] == 2025]
    assert page.locator('article[data-kind="RATINGS_TO_FINALIZE"] section[data-period="2025"]').count() == 0
    assert badge(page) == str(after["total"])
    check_cards(page, after)
