"""Development plans (issue 23 §1; services/evaluation/development.py): a low rating proposes actions and requires an
agreed plan before the next rating; the employee and the supervisor write and agree it; actions are completed with
evidence and confirmed; confirmed hours count against the year's minimum. Every bad input is a typed error with
nothing written."""

from __future__ import annotations

import datetime as dt

from kinerja.models import AuditEvent, DevelopmentAction, DevelopmentPlan, Rating
from kinerja.plugins.values import ActionKind, PersonInfo, Predikat, ProposedAction, RatingInfo, Expectation
from kinerja.services.core import clock
from kinerja.services.evaluation import development_proposals
from test_reports import ASSESS, BELOW, FINALIZE, MEETS, REOPEN, STATUS, ok, rate
from world import NURSE, PRINCIPAL, TEACHER_1

PLAN = """query($n: String!) { developmentPlan(nip: $n, cycle: 2025) { nip cycle status version requiredBy
  employeeAgreed officialAgreed plannedHours confirmedHours mayEdit mayAgree
  actions { id position kind title competency plannedHours due responsible source sourcePeriod status hoursDone
            completedOn evidenceNumber evidenceUrl mayComplete mayConfirm } } }"""
ERRORS = "errors { path code message }"
PLAN_FIELDS = "plan { version status employeeAgreed officialAgreed actions { id position title status source } }"
SAVE = f"""mutation($n: String!, $v: Int!, $a: [DevelopmentActionInput!]!) {{
  m: saveDevelopmentPlan(nip: $n, cycle: 2025, version: $v, actions: $a) {{ {PLAN_FIELDS} {ERRORS} }} }}"""
AGREE = f"""mutation($n: String!, $v: Int!) {{ m: agreeDevelopmentPlan(nip: $n, cycle: 2025, version: $v) {{
  {PLAN_FIELDS} {ERRORS} }} }}"""
COMPLETE = f"""mutation($input: DevelopmentCompletionInput!) {{ m: completeDevelopmentAction(input: $input) {{
  {PLAN_FIELDS} {ERRORS} }} }}"""
CONFIRM = f"""mutation($a: ID!, $v: Int!) {{ m: confirmDevelopmentAction(action: $a, version: $v) {{
  {PLAN_FIELDS} {ERRORS} }} }}"""
HOURS = """query($n: String!, $y: Int!) { person(nip: $n) { developmentHours(year: $y) { year done awaiting planned
  minimum met } } }"""
SUMMARY = """query($a: String!, $y: Int!) { developmentHours(agency: $a, year: $y) { agency year minimum people met
  below done } }"""
DAY = "2025-06-30"


async def _evaluation(api, world) -> None:
    for status in ("ACTIVE", "EVALUATION"):
        await api.gql(STATUS, token=world.admin, s=status)


async def _plan(api, token, nip=TEACHER_1) -> dict:
    return (await api.gql(PLAN, token=token, n=nip))["developmentPlan"]


async def _errors(api, query, token, **variables) -> list[tuple[str, str]]:
    payload = (await api.gql(query, token=token, **variables))["m"]
    assert payload["plan"] is None, payload
    return [(".".join(e["path"]), e["code"]) for e in payload["errors"]]


async def _low_rating_plan(api, world) -> dict:
    """TEACHER_1 rated BUTUH_PERBAIKAN for 2025-Q1 by PRINCIPAL: the plan it proposes."""
    await _evaluation(api, world)
    await rate(api, world.principal, world.principal, TEACHER_1, "2025-Q1", BELOW, MEETS)
    return await _plan(api, world.teacher)


def _as_input(action: dict, **change) -> dict:
    keep = {k: action[k] for k in ("id", "kind", "title", "competency", "plannedHours", "due", "responsible")}
    return {**keep, **change}


async def _agreed(api, world) -> dict:
    plan = await _low_rating_plan(api, world)
    plan = (await ok(api, AGREE, world.teacher, n=TEACHER_1, v=plan["version"]))["plan"]
    return (await ok(api, AGREE, world.principal, n=TEACHER_1, v=plan["version"]))["plan"]


async def test_a_low_rating_proposes_actions_and_blocks_the_next_rating_until_the_plan_is_agreed(api, world):
    plan = await _low_rating_plan(api, world)
    assert plan["status"] == "DRAFT" and plan["version"] == 1 and plan["requiredBy"] == "2025-Q1"
    kinds = [(a["source"], a["kind"]) for a in plan["actions"]]
    # the default plugin's coaching and training, then the three recommendation sentences as free text
    assert kinds == [("PROPOSED", "COACHING"), ("PROPOSED", "TRAINING")] + [("RECOMMENDATION", "OTHER")] * 3
    coaching = plan["actions"][0]
    assert coaching["plannedHours"] == 8 and coaching["responsible"] == "Atasan langsung"
    assert coaching["due"] == (clock.today() + dt.timedelta(days=90)).isoformat()
    assert {a["sourcePeriod"] for a in plan["actions"]} == {"2025-Q1"} and plan["plannedHours"] == 28
    assert plan["mayEdit"] and plan["mayAgree"] and not any(a["mayComplete"] for a in plan["actions"])
    assert await AuditEvent.filter(action="development_plan.propose", entity_id=f"{TEACHER_1}/2025").count() == 1
    # the next period's rating waits for an agreed plan: nothing is written
    await ok(api, ASSESS, world.principal, input={"nip": TEACHER_1, "period": "2025-Q2", "resultRating": MEETS,
                                                  "behaviorRating": MEETS})
    refused = (await api.gql(FINALIZE, token=world.principal, nip=TEACHER_1, period="2025-Q2"))["finalizeRating"]
    assert [e["code"] for e in refused["errors"]] == ["DEVELOPMENT_PLAN_REQUIRED"]
    assert not await Rating.exists(person__nip=TEACHER_1, period="2025-Q2")
    # the employee agrees, then the supervisor: AGREED
    one = (await ok(api, AGREE, world.teacher, n=TEACHER_1, v=1))["plan"]
    assert (one["status"], one["employeeAgreed"], one["officialAgreed"], one["version"]) == ("DRAFT", True, False, 2)
    assert await _errors(api, AGREE, world.teacher, n=TEACHER_1, v=2) == [("nip", "ALREADY_AGREED")]
    two = (await ok(api, AGREE, world.principal, n=TEACHER_1, v=2))["plan"]
    assert (two["status"], two["officialAgreed"], two["version"]) == ("AGREED", True, 3)
    # who agreed as the official (the principal, by their token), and when each agreed
    agreed = (await api.gql("""query($n: String!) { developmentPlan(nip: $n, cycle: 2025) { employeeAgreedAt
      officialAgreedAt officialAgreedBy { nip name } } }""", token=world.teacher, n=TEACHER_1))["developmentPlan"]
    assert agreed["officialAgreedBy"] == {"nip": PRINCIPAL, "name": "Budi Santoso"}
    assert agreed["employeeAgreedAt"] <= agreed["officialAgreedAt"], agreed
    done = (await ok(api, FINALIZE, world.principal, nip=TEACHER_1, period="2025-Q2"))["rating"]
    assert done["predikat"] == "BAIK"
    # a good rating proposes nothing and needs no plan
    assert (await _plan(api, world.teacher))["version"] == 3


async def test_an_earlier_period_and_a_reopened_rating_are_not_blocked(api, world):
    await _evaluation(api, world)
    await rate(api, world.principal, world.principal, TEACHER_1, "2025-Q2", BELOW, MEETS)
    # an earlier period ends before the low one: not blocked
    await rate(api, world.principal, world.principal, TEACHER_1, "2025-Q1", MEETS, MEETS)
    # reopened: the low rating no longer requires the plan, and finalized again it proposes nothing twice
    await ok(api, REOPEN, world.admin, nip=TEACHER_1, period="2025-Q2")
    plan = await _plan(api, world.teacher)
    assert plan["requiredBy"] is None and len(plan["actions"]) == 5
    await rate(api, world.principal, world.principal, TEACHER_1, "2025", MEETS, MEETS)
    await ok(api, FINALIZE, world.principal, nip=TEACHER_1, period="2025-Q2")
    assert len((await _plan(api, world.teacher))["actions"]) == 5


async def test_the_plan_is_written_as_listed_and_bad_saves_write_nothing(api, world):
    plan = await _low_rating_plan(api, world)
    first, second, *rest = plan["actions"]
    actions = [_as_input(second, plannedHours=24), _as_input(first),
               {"kind": "SELF_STUDY", "title": "  Kursus daring manajemen kelas  ", "plannedHours": 10,
                "due": "2025-12-31", "competency": "Pengelolaan kelas"}]
    saved = (await ok(api, SAVE, world.principal, n=TEACHER_1, v=1, a=actions))["plan"]
    assert saved["version"] == 2 and saved["status"] == "DRAFT"
    assert [(a["title"][:6], a["position"], a["source"]) for a in saved["actions"]] == [
        (second["title"][:6], 1, "PROPOSED"), (first["title"][:6], 2, "PROPOSED"), ("Kursus", 3, "WRITTEN")]
    assert await DevelopmentAction.filter(id__in=[int(a["id"]) for a in rest]).count() == 0  # not listed: removed
    before = await _state()
    # every bad save names its place and writes nothing
    bad = [
        ({"v": 1, "a": actions}, [("version", "STALE_VERSION")]),
        ({"v": 2, "a": [{"kind": "TRAINING", "title": " ", "plannedHours": -1}]},
         [("actions.0.title", "REQUIRED"), ("actions.0.plannedHours", "OUT_OF_RANGE")]),
        ({"v": 2, "a": [{"kind": "TRAINING", "title": "Bimtek", "plannedHours": 201}]},
         [("actions.0.plannedHours", "OUT_OF_RANGE")]),
        ({"v": 2, "a": [{"kind": "TRAINING", "title": "x" * 501}]}, [("actions.0.title", "TOO_LONG")]),
        ({"v": 2, "a": [{"kind": "TRAINING", "title": "Bimtek"}] * 31}, [("actions", "TOO_MANY")]),
        ({"v": 2, "a": [{"id": "999999", "kind": "TRAINING", "title": "Bimtek"}]}, [("actions.0.id", "NOT_FOUND")]),
        ({"v": 2, "a": [_as_input(saved["actions"][0] | {"kind": "COACHING", "title": "a", "competency": None,
                                                         "plannedHours": 1, "due": None, "responsible": None}),
                        {"id": saved["actions"][0]["id"], "kind": "TRAINING", "title": "b"}]},
         [("actions.1.id", "DUPLICATE")]),
    ]
    for variables, expected in bad:
        assert await _errors(api, SAVE, world.principal, n=TEACHER_1, **variables) == expected, variables
    # who may write: the person, the direct supervisor, ADMIN; not an agency admin; out of scope is NOT_FOUND
    assert await _errors(api, SAVE, world.disdik_admin, n=TEACHER_1, v=2, a=actions) == [("nip", "FORBIDDEN")]
    assert await _errors(api, SAVE, world.dinkes_admin, n=TEACHER_1, v=2, a=actions) == [("nip", "NOT_FOUND")]
    assert await _errors(api, SAVE, world.nurse, n=TEACHER_1, v=2, a=actions) == [("nip", "NOT_FOUND")]
    assert await _state() == before


async def _state() -> tuple:
    plans = [(p.version, p.status) for p in await DevelopmentPlan.all().order_by("id")]
    actions = [(a.id, a.position, a.title, a.status, a.hours_done)
               for a in await DevelopmentAction.all().order_by("id")]
    return plans, actions, await AuditEvent.all().count()


async def test_actions_are_completed_with_evidence_and_confirmed_and_their_hours_count(api, world):
    plan = await _agreed(api, world)
    training = plan["actions"][1]
    version = plan["version"]
    good = {"action": training["id"], "version": version, "hoursDone": 24, "completedOn": DAY,
            "evidenceNumber": "SERT/2025/001", "evidenceUrl": "https://diklat.example.go.id/sertifikat/001"}
    before = await _state()
    tomorrow = (clock.today() + dt.timedelta(days=1)).isoformat()
    for change, expected in [
        ({"hoursDone": -1}, [("input.hoursDone", "OUT_OF_RANGE")]),
        ({"hoursDone": 5000}, [("input.hoursDone", "OUT_OF_RANGE")]),
        ({"evidenceUrl": "ftp://diklat/x"}, [("input.evidenceUrl", "INVALID_URL")]),
        ({"completedOn": tomorrow}, [("input.completedOn", "DATE_IN_FUTURE")]),
        ({"version": version - 1}, [("input.version", "STALE_VERSION")]),
        ({"action": "999999"}, [("input.action", "NOT_FOUND")]),
    ]:
        assert await _errors(api, COMPLETE, world.teacher, input={**good, **change}) == expected, change
    # only the person completes their action: the supervisor is refused, someone out of scope finds nothing
    assert await _errors(api, COMPLETE, world.principal, input=good) == [("input.action", "FORBIDDEN")]
    assert await _errors(api, COMPLETE, world.nurse, input=good) == [("input.action", "NOT_FOUND")]
    assert await _errors(api, COMPLETE, world.dinkes_admin, input=good) == [("input.action", "NOT_FOUND")]
    # confirming what is not done yet
    assert await _errors(api, CONFIRM, world.principal, a=training["id"], v=version) == [
        ("action", "ACTION_NOT_DONE")]
    assert await _state() == before

    done = (await ok(api, COMPLETE, world.teacher, input=good))["plan"]
    assert done["version"] == version + 1 and done["actions"][1]["status"] == "DONE"
    hours = (await api.gql(HOURS, token=world.teacher, n=TEACHER_1, y=2025))["person"]["developmentHours"]
    assert hours == {"year": 2025, "done": 0, "awaiting": 24, "planned": 8, "minimum": 20, "met": False}
    # the employee cannot confirm their own; the supervisor does
    assert await _errors(api, CONFIRM, world.teacher, a=training["id"], v=version + 1) == [("action", "FORBIDDEN")]
    confirmed = (await ok(api, CONFIRM, world.principal, a=training["id"], v=version + 1))["plan"]
    assert confirmed["actions"][1]["status"] == "CONFIRMED"
    hours = (await api.gql(HOURS, token=world.principal, n=TEACHER_1, y=2025))["person"]["developmentHours"]
    assert (hours["done"], hours["awaiting"], hours["met"]) == (24, 0, True)
    assert (await api.gql(HOURS, token=world.teacher, n=TEACHER_1, y=2024))["person"]["developmentHours"][
        "done"] == 0
    # confirmed: it stays as it is, and stays on the plan
    again = {**good, "version": version + 2}
    assert await _errors(api, COMPLETE, world.teacher, input=again) == [("input.action", "ACTION_CONFIRMED")]
    others = [_as_input(a) for a in (await _plan(api, world.teacher))["actions"] if a["id"] != training["id"]]
    assert await _errors(api, SAVE, world.teacher, n=TEACHER_1, v=version + 2, a=others) == [
        ("actions", "ACTION_COMPLETED")]
    # the agency's summary: ADMIN and its agency admin; another agency's admin finds nothing, an employee is refused
    summary = (await api.gql(SUMMARY, token=world.disdik_admin, a="DISDIK", y=2025))["developmentHours"]
    assert (summary["met"], summary["done"], summary["minimum"]) == (1, 24, 20)
    assert summary["people"] == summary["met"] + summary["below"] and summary["people"] > 1
    assert (await api.errors(SUMMARY, token=world.dinkes_admin, a="DISDIK", y=2025))[0]["extensions"][
        "code"] == "NOT_FOUND"
    assert (await api.errors(SUMMARY, token=world.teacher, a="DISDIK", y=2025))[0]["extensions"][
        "code"] == "FORBIDDEN"


async def test_completing_needs_an_agreed_plan(api, world):
    plan = await _low_rating_plan(api, world)
    action = plan["actions"][0]
    assert await _errors(api, COMPLETE, world.teacher, input={
        "action": action["id"], "version": plan["version"], "hoursDone": 2, "completedOn": DAY}) == [
        ("input.action", "PLAN_NOT_AGREED")]
    # an empty plan cannot be agreed
    await ok(api, SAVE, world.teacher, n=TEACHER_1, v=plan["version"], a=[])
    assert await _errors(api, AGREE, world.teacher, n=TEACHER_1, v=plan["version"] + 1) == [("nip", "PLAN_EMPTY")]
    # nobody else agrees: another agency admin finds nothing, the agency admin is refused
    assert await _errors(api, AGREE, world.disdik_admin, n=TEACHER_1, v=plan["version"] + 1) == [("nip", "FORBIDDEN")]
    assert await _errors(api, AGREE, world.dinkes_admin, n=TEACHER_1, v=plan["version"] + 1) == [("nip", "NOT_FOUND")]


async def test_reading_a_plan(api, world):
    await _low_rating_plan(api, world)
    assert (await _plan(api, world.principal))["mayAgree"] is True
    agency = await _plan(api, world.disdik_admin)
    assert len(agency["actions"]) == 5 and agency["mayEdit"] is False and agency["mayAgree"] is False
    assert await _plan(api, world.dinkes_admin) is None and await _plan(api, world.nurse) is None
    empty = await _plan(api, world.dinkes_admin, nip=NURSE)
    assert (empty["status"], empty["version"], empty["actions"]) == ("DRAFT", 0, [])
    assert (await api.gql(PLAN.replace("cycle: 2025", "cycle: 1999"), token=world.admin, n=TEACHER_1))[
        "developmentPlan"] is None


class _Catalog:
    def __init__(self, actions, sentences=()):
        self.actions, self.sentences = actions, sentences

    def development_actions(self, person, rating):
        return self.actions

    def recommendations(self, person, rating):
        return list(self.sentences)


def test_a_plugin_proposal_the_plan_cannot_take_is_skipped_and_the_rest_kept(caplog):
    person = PersonInfo(nip=PRINCIPAL, name="Kepala", position="Guru", agency="DISDIK", unit=None)
    rating = RatingInfo(period="2025", result_rating=Expectation.DI_BAWAH_EKSPEKTASI,
                        behavior_rating=Expectation.SESUAI_EKSPEKTASI, predikat=Predikat.BUTUH_PERBAIKAN)
    catalog = _Catalog([ProposedAction(ActionKind.TRAINING, " "), ProposedAction(ActionKind.TRAINING, "a", hours=500),
                        ProposedAction(ActionKind.TRAINING, "b", due_in_days=0),
                        ProposedAction(ActionKind.MENTORING, "  Mentoring  ", "Kepemimpinan", 6, 30, "BKPSDM")],
                       ["  Ikuti bimtek.  ", " "])
    found = development_proposals.proposals(catalog, person, rating, dt.date(2026, 1, 1))
    assert [(a.kind, a.title, a.planned_hours, a.due, source) for a, source in found] == [
        ("MENTORING", "Mentoring", 6, dt.date(2026, 1, 31), "PROPOSED"), ("OTHER", "Ikuti bimtek.", 0, None,
                                                                          "RECOMMENDATION")]
    assert caplog.text.count("was skipped") == 3


TASKS = "{ myTasks { groups { kind cycle count items { nip cycle } } } }"


async def _tasks(api, token, kind) -> list[tuple[str, int]]:
    groups = (await api.gql(TASKS, token=token))["myTasks"]["groups"]
    return [(i["nip"], i["cycle"]) for g in groups if g["kind"] == kind for i in g["items"]]


async def test_what_awaits_the_employee_and_the_supervisor(api, world):
    plan = await _low_rating_plan(api, world)
    agree = "DEVELOPMENT_PLANS_TO_AGREE"
    assert await _tasks(api, world.teacher, agree) == [(TEACHER_1, 2025)]
    assert await _tasks(api, world.principal, agree) == [(TEACHER_1, 2025)]
    assert await _tasks(api, world.nurse, agree) == [] and await _tasks(api, world.admin, agree) == []
    plan = (await ok(api, AGREE, world.teacher, n=TEACHER_1, v=plan["version"]))["plan"]
    assert await _tasks(api, world.teacher, agree) == [] and await _tasks(api, world.principal, agree) == [
        (TEACHER_1, 2025)]
    plan = (await ok(api, AGREE, world.principal, n=TEACHER_1, v=plan["version"]))["plan"]
    assert await _tasks(api, world.principal, agree) == []
    confirm = "DEVELOPMENT_ACTIONS_TO_CONFIRM"
    assert await _tasks(api, world.principal, confirm) == []
    await ok(api, COMPLETE, world.teacher, input={"action": plan["actions"][0]["id"], "version": plan["version"],
                                                  "hoursDone": 8, "completedOn": DAY})
    assert await _tasks(api, world.principal, confirm) == [(TEACHER_1, 2025)]
    assert await _tasks(api, world.teacher, confirm) == []
    await ok(api, CONFIRM, world.principal, a=plan["actions"][0]["id"], v=plan["version"] + 1)
    assert await _tasks(api, world.principal, confirm) == []


MONITORING = """query($a: String) { skpMonitoring(cycle: 2025, agency: $a) { agency unit people developmentHoursMet } }"""
MET = """query($f: MonitoringFact, $g: MonitoringGap) { met: monitoringPeople(cycle: 2025, agency: "DISDIK", has: $f) {
  nip } below: monitoringPeople(cycle: 2025, agency: "DISDIK", missing: $g, first: 100) { nip } }"""


async def test_the_monitoring_counts_who_has_the_minimum_done(api, world):
    plan = await _agreed(api, world)
    action = plan["actions"][1]
    await ok(api, COMPLETE, world.teacher, input={"action": action["id"], "version": plan["version"],
                                                  "hoursDone": 20, "completedOn": DAY})
    rows = (await api.gql(MONITORING, token=world.disdik_admin, a="DISDIK"))["skpMonitoring"]
    assert rows[0]["developmentHoursMet"] == 0  # done, not yet confirmed
    await ok(api, CONFIRM, world.principal, a=action["id"], v=plan["version"] + 1)
    rows = (await api.gql(MONITORING, token=world.disdik_admin, a="DISDIK"))["skpMonitoring"]
    total = rows[0]
    assert (total["unit"], total["developmentHoursMet"]) == (None, 1)
    assert [r["developmentHoursMet"] for r in rows if r["unit"] == "SDN-001"] == [1]
    lists = await api.gql(MET, token=world.disdik_admin, f="DEVELOPMENT_HOURS_MET", g="DEVELOPMENT_HOURS_BELOW")
    assert [p["nip"] for p in lists["met"]] == [TEACHER_1]
    assert TEACHER_1 not in {p["nip"] for p in lists["below"]} and len(lists["below"]) == total["people"] - 1
    # the files of the list: the same people, its Indonesian name
    got = await api.client.get("/monitoring/people.csv", params={"cycle": "2025", "agency": "DISDIK",
                                                                 "has": "DEVELOPMENT_HOURS_MET"},
                               headers={"Authorization": f"Bearer {world.disdik_admin}"})
    assert got.status_code == 200 and TEACHER_1 in got.text and "jp-pengembangan-terpenuhi" in got.headers[
        "content-disposition"]


async def test_the_plans_of_a_cycle_as_files_in_each_viewers_scope(api, world):
    import csv
    import io

    import openpyxl

    plan = await _agreed(api, world)
    await ok(api, COMPLETE, world.teacher, input={"action": plan["actions"][1]["id"], "version": plan["version"],
                                                  "hoursDone": 24, "completedOn": DAY, "evidenceNumber": "SERT/1"})

    async def get(token, ending=".csv", **params):
        return await api.client.get(f"/exports/development-plans{ending}", params={"cycle": "2025", **params},
                                    headers={"Authorization": f"Bearer {token}"})

    found = await get(world.disdik_admin)
    assert found.status_code == 200, found.text
    rows = list(csv.reader(io.StringIO(found.text)))
    assert rows[0][:9] == ["nip", "name", "agency", "cycle", "planStatus", "requiredBy", "actionNo", "actionKind",
                           "actionTitle"]
    assert [(r[0], r[4], r[6], r[7], r[15], r[16]) for r in rows[1:3]] == [
        (TEACHER_1, "AGREED", "1", "COACHING", "PLANNED", ""), (TEACHER_1, "AGREED", "2", "TRAINING", "DONE", "24")]
    assert len(rows) == 1 + 5
    assert 'filename="rencana-pengembangan-2025.csv"' in found.headers["content-disposition"]
    # the same rows as XLSX, in Indonesian
    sheet = openpyxl.load_workbook(io.BytesIO((await get(world.disdik_admin, ".xlsx")).content)).worksheets[0]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][4] == "Status Rencana" and cells[2][4] == "Disepakati"
    assert cells[2][7] == "Pelatihan / bimbingan teknis"
    assert cells[2][15] == "Terlaksana, menunggu konfirmasi" and cells[2][16] == 24
    # each viewer's scope: the teacher its own, the nurse nothing of DISDIK, another agency's admin NOT_FOUND
    own = list(csv.reader(io.StringIO((await get(world.teacher, nip=TEACHER_1)).text)))
    assert len(own) == 6
    assert len(list(csv.reader(io.StringIO((await get(world.nurse)).text)))) == 1  # the header only
    assert (await get(world.nurse, nip=TEACHER_1)).status_code == 404
    assert (await get(world.dinkes_admin, agency="DISDIK")).status_code == 404
    assert (await get(world.admin, cycle="1999")).status_code == 404
    missing = await api.client.get("/exports/development-plans.csv", headers={
        "Authorization": f"Bearer {world.admin}"})
    assert missing.status_code == 400


async def test_the_plan_is_required_by_the_latest_ending_low_rating_and_a_reopen_hands_it_back(api, world):
    await _evaluation(api, world)
    await rate(api, world.principal, world.principal, TEACHER_1, "2025", BELOW, MEETS)  # the year: low
    await rate(api, world.principal, world.principal, TEACHER_1, "2025-Q3", BELOW, BELOW)  # Q3, earlier: low
    assert (await _plan(api, world.teacher))["requiredBy"] == "2025"  # still the year, the latest-ending
    await ok(api, REOPEN, world.admin, nip=TEACHER_1, period="2025")
    assert (await _plan(api, world.teacher))["requiredBy"] == "2025-Q3"  # Q3 still stands and still requires it
    await ok(api, REOPEN, world.admin, nip=TEACHER_1, period="2025-Q3")
    assert (await _plan(api, world.teacher))["requiredBy"] is None
