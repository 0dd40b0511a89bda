"""Monitoring: counts per agency and unit (approved SKP, work logged in the last 7 and 30 days from the pinned
clock, feedback in the period; in the evaluation period self-assessed, assessed, finalized, objections open), the
people behind each count and those lacking it, the scope (ADMIN, agency admin, a supervisor's direct subordinates),
the CSV export of every list, and a statement count that does not grow with the people."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import start_api, stop_api
from kinerja.graphql.enums import MonitoringFact, MonitoringGap
from kinerja.services.auth import tokens
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.cycles import workflow
from kinerja.services.evaluation import assessments, development, objections
from kinerja.settings import Settings
from kinerja.services.org import people
from kinerja.services.reports import monitoring_export
from kinerja.services.skp import monitoring
from test_ratings import assess
from work_log_helpers import GIVE, LOG, TODAY, activate, entry, give_skp
from world import CLERK, DINKES_HEAD, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, nip, person

COUNTS = """query($cycle: Int!, $agency: String, $unit: String, $period: String) {
  skpMonitoring(cycle: $cycle, agency: $agency, unit: $unit, period: $period) {
    agency unit people approvedSkp loggedLast7Days loggedLast30Days hadFeedback } }"""
LACKING = """query($missing: MonitoringGap!, $agency: String, $unit: String, $first: Int, $after: String) {
  monitoringPeople(cycle: 2025, missing: $missing, agency: $agency, unit: $unit, first: $first, after: $after) {
    nip name agency unit cursor person { nip } } }"""


@pytest.fixture
async def api(database_url):
    api, handles = await start_api(database_url, today=TODAY)
    yield api
    await stop_api(handles)


async def year_so_far(api, world) -> None:
    """TEACHER_1: approved SKP, logged 2 days ago; CLERK: logged 20 days ago; TEACHER_2: a draft SKP, feedback in
    2025-Q2; NURSE: logged 8 days ago, feedback in 2025-Q1."""
    await give_skp(TEACHER_1, [["R1"]], approved=1)
    await give_skp(TEACHER_2, [["R1"]])
    done = (await api.gql(LOG, token=world.admin, input=[
        entry(TEACHER_1, "2025-05-18"), entry(CLERK, "2025-04-30"), entry(NURSE, "2025-05-12"),
        entry(HEAD, "2025-04-20")]))["logWork"]  # HEAD: 30 days ago, just outside
    assert done["errors"] == []
    for who, period in ((TEACHER_2, "2025-Q2"), (NURSE, "2025-Q1")):
        given = (await api.gql(GIVE, token=world.admin, input={"nip": who, "period": period, "text": "Bagus"}))
        assert given["givePerformanceFeedback"]["errors"] == []


def row(agency, unit, people, approved, log7, log30, feedback) -> dict:
    return {"agency": agency, "unit": unit, "people": people, "approvedSkp": approved, "loggedLast7Days": log7,
            "loggedLast30Days": log30, "hadFeedback": feedback}


async def test_counts_per_agency_and_per_unit(api, world):
    await year_so_far(api, world)
    rows = (await api.gql(COUNTS, token=world.admin, cycle=2025))["skpMonitoring"]
    assert rows == [row("DINKES", None, 2, 0, 0, 1, 1), row("DISDIK", None, 5, 1, 1, 2, 1)]
    rows = (await api.gql(COUNTS, token=world.admin, cycle=2025, period="2025-Q2"))["skpMonitoring"]
    assert rows == [row("DINKES", None, 2, 0, 0, 1, 0), row("DISDIK", None, 5, 1, 1, 2, 1)]
    rows = (await api.gql(COUNTS, token=world.disdik_admin, cycle=2025, agency="disdik"))["skpMonitoring"]
    assert rows == [row("DISDIK", None, 5, 1, 1, 2, 1), row("DISDIK", "SDN-001", 3, 1, 1, 1, 1),
                    row("DISDIK", "SEKRETARIAT", 2, 0, 0, 1, 0)]
    rows = (await api.gql(COUNTS, token=world.disdik_admin, cycle=2025, agency="DISDIK", unit="SEKRETARIAT"))
    assert rows["skpMonitoring"] == [row("DISDIK", "SEKRETARIAT", 2, 0, 0, 1, 0)]
    # an agency admin without an agency: its own
    rows = (await api.gql(COUNTS, token=world.dinkes_admin, cycle=2025))["skpMonitoring"]
    assert rows == [row("DINKES", None, 2, 0, 0, 1, 1)]


async def test_a_supervisor_sees_only_their_direct_subordinates(api, world):
    await year_so_far(api, world)
    rows = (await api.gql(COUNTS, token=world.principal, cycle=2025))["skpMonitoring"]
    assert rows == [row("DISDIK", None, 2, 1, 1, 1, 1)]  # TEACHER_1 and TEACHER_2, not the principal
    lacking = (await api.gql(LACKING, token=world.principal, missing="SKP_NOT_APPROVED"))["monitoringPeople"]
    assert [p["nip"] for p in lacking] == [TEACHER_2]
    assert (await api.gql(COUNTS, token=world.teacher, cycle=2025))["skpMonitoring"] == []  # supervises nobody
    rows = (await api.gql(COUNTS, token=world.principal, cycle=2025, agency="DISDIK"))["skpMonitoring"]
    assert rows[0] == row("DISDIK", None, 2, 1, 1, 1, 1)
    # an agency where none of their subordinates works reads as unknown
    errors = await api.errors(COUNTS, token=world.principal, cycle=2025, agency="DINKES")
    assert (errors[0]["extensions"]["code"], errors[0]["message"]) == ("NOT_FOUND", "no agency 'DINKES'")
    # a direct subordinate in another agency opens that agency (limited to them)
    await people.upsert_people(Access(SYSTEM), [person(nip(60), "Hadi Kurnia", "DINKES", None, PRINCIPAL)])
    rows = (await api.gql(COUNTS, token=world.principal, cycle=2025, agency="DINKES"))["skpMonitoring"]
    assert rows == [row("DINKES", None, 1, 0, 0, 0, 0)]


async def test_out_of_scope_agencies_and_bad_arguments_are_refused(api, world):
    for token, args, code in (
            (world.dinkes_admin, {"agency": "DISDIK"}, "NOT_FOUND"),
            (world.dinkes_admin, {"agency": "NOPE"}, "NOT_FOUND"),
            (world.admin, {"agency": "NOPE"}, "NOT_FOUND"),
            (world.admin, {"agency": "DISDIK", "unit": "PKM-BATU10"}, "NOT_FOUND"),  # a unit of another agency
            (world.admin, {"unit": "SDN-001"}, "AGENCY_REQUIRED"),
            (world.admin, {"period": "2025-05"}, "INVALID_PERIOD"),
            (world.admin, {"period": "2024"}, "INVALID_PERIOD"),
            (world.admin, {"cycle": 2031}, "NOT_FOUND")):
        errors = await api.errors(COUNTS, token=token, **{"cycle": 2025, **args})
        assert errors[0]["extensions"]["code"] == code, (args, errors)
    foreign = await api.errors(COUNTS, token=world.dinkes_admin, cycle=2025, agency="DISDIK")
    unknown = await api.errors(COUNTS, token=world.dinkes_admin, cycle=2025, agency="NOPE")
    assert foreign[0]["message"].replace("DISDIK", "NOPE") == unknown[0]["message"]
    errors = await api.errors(LACKING, token=world.admin, missing="NO_FEEDBACK", first=101)
    assert errors[0]["extensions"]["code"] == "BAD_PAGE_SIZE"
    errors = await api.errors(LACKING, token=world.admin, missing="NO_FEEDBACK", after="garbage")
    assert errors[0]["extensions"]["code"] == "BAD_CURSOR"


async def test_people_lacking_each_fact_in_pages(api, world):
    await year_so_far(api, world)

    async def lacking(missing, **args) -> list[str]:
        return [p["nip"] for p in (await api.gql(LACKING, token=world.disdik_admin, missing=missing, agency="DISDIK",
                                                 **args))["monitoringPeople"]]

    # by name: Andi (HEAD), Budi (PRINCIPAL), Citra (TEACHER_1), Dewi (TEACHER_2), Eko (CLERK)
    assert await lacking("SKP_NOT_APPROVED") == [HEAD, PRINCIPAL, TEACHER_2, CLERK]
    assert await lacking("NO_LOG_7_DAYS") == [HEAD, PRINCIPAL, TEACHER_2, CLERK]
    assert await lacking("NO_LOG_30_DAYS") == [HEAD, PRINCIPAL, TEACHER_2]
    assert await lacking("NO_FEEDBACK") == [HEAD, PRINCIPAL, TEACHER_1, CLERK]
    assert await lacking("NO_FEEDBACK", unit="SDN-001") == [PRINCIPAL, TEACHER_1]
    page = (await api.gql(LACKING, token=world.disdik_admin, missing="NO_FEEDBACK", first=3))["monitoringPeople"]
    assert [p["nip"] for p in page] == [HEAD, PRINCIPAL, TEACHER_1] and page[0]["person"]["nip"] == HEAD
    rest = (await api.gql(LACKING, token=world.disdik_admin, missing="NO_FEEDBACK", first=3,
                          after=page[-1]["cursor"]))["monitoringPeople"]
    assert [p["nip"] for p in rest] == [CLERK]
    everyone = (await api.gql(LACKING, token=world.admin, missing="NO_FEEDBACK"))["monitoringPeople"]
    assert {p["agency"] for p in everyone} == {"DISDIK", "DINKES"} and NURSE not in [p["nip"] for p in everyone]


async def test_the_statement_count_does_not_grow_with_the_people(api, world, sql_counter):
    await year_so_far(api, world)

    async def statements() -> tuple[int, int]:
        with sql_counter:
            await api.gql(COUNTS, token=world.disdik_admin, cycle=2025, agency="DISDIK", period="2025-Q2")
        counted = sql_counter.count
        with sql_counter:
            await api.gql(LACKING, token=world.disdik_admin, missing="NO_LOG_7_DAYS", agency="DISDIK", first=100)
        return counted, sql_counter.count

    few = await statements()
    await people.upsert_people(Access(SYSTEM), [
        person(nip(100 + n, birth="19910101", appointed="201601"), f"Pegawai {n:02d}", "DISDIK",
               "SDN-001" if n % 2 else "SEKRETARIAT", PRINCIPAL) for n in range(30)])
    await api.gql(LOG, token=world.admin, input=[entry(nip(100 + n, birth="19910101", appointed="201601"))
                                                 for n in range(0, 30, 3)])
    many = await statements()
    assert many[0] == few[0]
    assert many[1] == few[1]  # the person field: one loader batch for the page
    rows = (await api.gql(COUNTS, token=world.disdik_admin, cycle=2025, agency="DISDIK"))["skpMonitoring"]
    assert rows[0]["people"] == 35 and rows[0]["loggedLast7Days"] == 11


# -- the evaluation: self-assessed, assessed, finalized, objections open -----------------------------------------------

EVALUATION = """query($cycle: Int!, $agency: String, $unit: String, $period: String) {
  skpMonitoring(cycle: $cycle, agency: $agency, unit: $unit, period: $period) {
    agency unit people approvedSkp loggedLast7Days loggedLast30Days hadFeedback selfAssessed supervisorAssessed
    finalized objectionsOpen developmentHoursMet evaluationPeriod } }"""
LIST = """query($missing: MonitoringGap, $has: MonitoringFact, $agency: String, $unit: String, $period: String,
                $first: Int, $after: String) {
  monitoringPeople(cycle: 2025, missing: $missing, has: $has, agency: $agency, unit: $unit, period: $period,
                   first: $first, after: $after) {
    nip name position agency agencyName unit unitName cursor } }"""
SUBMIT = {kind: f"""mutation($input: AssessmentInput!) {{ {name}(input: $input) {{ errors {{ path code message }} }} }}"""
          for kind, name in (("SELF", "submitSelfAssessment"), ("SUPERVISOR", "submitSupervisorAssessment"))}
FINALIZE = """mutation($nip: String!) { finalizeRating(input: {nip: $nip, period: "2025"}) {
  errors { path code message } } }"""
FILE = """mutation($nip: String!) { fileObjection(nip: $nip, period: "2025", reason: "Capaian tidak dipertimbangkan") {
  objection { id } errors { path code message } } }"""
DECIDE = """mutation($id: ID!) { decideObjection(input: {id: $id, outcome: UPHELD, reason: "Tetap"}) {
  errors { path code message } } }"""
MEETS = "SESUAI_EKSPEKTASI"
# the facts of a row and of monitoringPeople(has:), and each gap with the fact it is about (False: lists those having it)
FACT_FIELDS = {"APPROVED_SKP": "approvedSkp", "LOGGED_LAST_7_DAYS": "loggedLast7Days",
               "LOGGED_LAST_30_DAYS": "loggedLast30Days", "HAD_FEEDBACK": "hadFeedback",
               "SELF_ASSESSED": "selfAssessed", "SUPERVISOR_ASSESSED": "supervisorAssessed",
               "FINALIZED": "finalized", "OBJECTION_OPEN": "objectionsOpen",
               "DEVELOPMENT_HOURS_MET": "developmentHoursMet"}
GAP_FACTS = {"SKP_NOT_APPROVED": ("APPROVED_SKP", True), "NO_LOG_7_DAYS": ("LOGGED_LAST_7_DAYS", True),
             "NO_LOG_30_DAYS": ("LOGGED_LAST_30_DAYS", True), "NO_FEEDBACK": ("HAD_FEEDBACK", True),
             "NOT_SELF_ASSESSED": ("SELF_ASSESSED", True), "NOT_ASSESSED": ("SUPERVISOR_ASSESSED", True),
             "NOT_FINALIZED": ("FINALIZED", True), "OBJECTION_OPEN": ("OBJECTION_OPEN", False),
             "DEVELOPMENT_HOURS_BELOW": ("DEVELOPMENT_HOURS_MET", True)}


async def ok(api, token, query, **variables) -> dict:
    payload = next(iter((await api.gql(query, token=token, **variables)).values()))
    assert payload["errors"] == [], payload["errors"]
    return payload


async def evaluated(api, world) -> None:
    """year_so_far, then cycle 2025 in EVALUATION: in 2025 (the year) TEACHER_1 assessed themselves, was assessed by
    PRINCIPAL, finalized, and objected (open); TEACHER_2 the same, their objection upheld by HEAD (decided, not open);
    CLERK assessed themselves only; PRINCIPAL was assessed by HEAD, not finalized; HEAD nothing. NURSE (DINKES)
    assessed themselves in 2025-Q1 only."""
    await year_so_far(api, world)
    await activate(api, world, "EVALUATION")
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    teacher_2 = await tokens.create_token("EMPLOYEE", nip=TEACHER_2)
    clerk = await tokens.create_token("EMPLOYEE", nip=CLERK)
    rated = {"resultRating": MEETS, "behaviorRating": MEETS}
    for token, who in ((world.teacher, TEACHER_1), (teacher_2, TEACHER_2), (clerk, CLERK)):
        await ok(api, token, SUBMIT["SELF"], input={"nip": who, "period": "2025", **rated})
    await ok(api, world.nurse, SUBMIT["SELF"], input={"nip": NURSE, "period": "2025-Q1", **rated})
    for token, who in ((world.principal, TEACHER_1), (world.principal, TEACHER_2), (head, PRINCIPAL)):
        await ok(api, token, SUBMIT["SUPERVISOR"], input={"nip": who, "period": "2025", **rated})
    for who in (TEACHER_1, TEACHER_2):
        await ok(api, world.principal, FINALIZE, nip=who)
    await ok(api, world.teacher, FILE, nip=TEACHER_1)
    upheld = await ok(api, teacher_2, FILE, nip=TEACHER_2)
    await ok(api, head, DECIDE, id=upheld["objection"]["id"])


def evaluation_row(agency, unit, people, self_assessed, assessed, finalized, objections, period="2025") -> dict:
    return {"agency": agency, "unit": unit, "people": people, "selfAssessed": self_assessed,
            "supervisorAssessed": assessed, "finalized": finalized, "objectionsOpen": objections,
            "evaluationPeriod": period}


def evaluation_of(rows: list[dict]) -> list[dict]:
    keys = ("agency", "unit", "people", "selfAssessed", "supervisorAssessed", "finalized", "objectionsOpen",
            "evaluationPeriod")
    return [{k: r[k] for k in keys} for r in rows]


async def test_the_evaluation_is_counted_per_agency_and_unit_in_the_evaluation_period(api, world):
    await evaluated(api, world)
    rows = (await api.gql(EVALUATION, token=world.admin, cycle=2025))["skpMonitoring"]
    assert evaluation_of(rows) == [evaluation_row("DINKES", None, 2, 0, 0, 0, 0),
                                   evaluation_row("DISDIK", None, 5, 3, 3, 2, 1)]
    # the earlier facts are as they were
    assert [r["approvedSkp"] for r in rows] == [0, 1] and [r["hadFeedback"] for r in rows] == [1, 1]
    rows = (await api.gql(EVALUATION, token=world.disdik_admin, cycle=2025, agency="DISDIK"))["skpMonitoring"]
    assert evaluation_of(rows) == [evaluation_row("DISDIK", None, 5, 3, 3, 2, 1),
                                   evaluation_row("DISDIK", "SDN-001", 3, 2, 3, 2, 1),
                                   evaluation_row("DISDIK", "SEKRETARIAT", 2, 1, 0, 0, 0)]
    # a quarter is its own evaluation: only NURSE's self-assessment is of 2025-Q1
    rows = (await api.gql(EVALUATION, token=world.admin, cycle=2025, period="2025-Q1"))["skpMonitoring"]
    assert evaluation_of(rows) == [evaluation_row("DINKES", None, 2, 1, 0, 0, 0, "2025-Q1"),
                                   evaluation_row("DISDIK", None, 5, 0, 0, 0, 0, "2025-Q1")]
    # the last quarter is evaluated with the year (Triwulan IV / Akhir Tahun); its feedback is its own
    rows = (await api.gql(EVALUATION, token=world.admin, cycle=2025, period="2025-Q4"))["skpMonitoring"]
    assert evaluation_of(rows) == [evaluation_row("DINKES", None, 2, 0, 0, 0, 0),
                                   evaluation_row("DISDIK", None, 5, 3, 3, 2, 1)]
    assert [r["hadFeedback"] for r in rows] == [0, 0]
    rows = (await api.gql(EVALUATION, token=world.admin, cycle=2025, period="2025"))["skpMonitoring"]
    assert evaluation_of(rows)[1] == evaluation_row("DISDIK", None, 5, 3, 3, 2, 1)
    # a monthly cycle: December is evaluated with the year, November on its own
    await workflow.create_cycle(Access(SYSTEM), 2026, "MONTHLY")
    for period, expected in ((None, "2026"), ("2026-12", "2026"), ("2026-11", "2026-11"), ("2026", "2026")):
        rows = (await api.gql(EVALUATION, token=world.admin, cycle=2026, period=period))["skpMonitoring"]
        assert {r["evaluationPeriod"] for r in rows} == {expected}, period
        assert [(r["people"], r["selfAssessed"], r["finalized"]) for r in rows] == [(2, 0, 0), (5, 0, 0)]


async def test_the_people_behind_each_count_and_those_lacking_it(api, world):
    await evaluated(api, world)

    async def listed(token=world.disdik_admin, **args) -> list[str]:
        return [p["nip"] for p in (await api.gql(LIST, token=token, **args))["monitoringPeople"]]

    # by name: Andi (HEAD), Budi (PRINCIPAL), Citra (TEACHER_1), Dewi (TEACHER_2), Eko (CLERK)
    assert await listed(missing="NOT_SELF_ASSESSED", agency="DISDIK") == [HEAD, PRINCIPAL]
    assert await listed(missing="NOT_ASSESSED", agency="DISDIK") == [HEAD, CLERK]
    assert await listed(missing="NOT_FINALIZED", agency="DISDIK") == [HEAD, PRINCIPAL, CLERK]
    assert await listed(missing="OBJECTION_OPEN", agency="DISDIK") == [TEACHER_1]  # having one: the upheld is not
    assert await listed(has="OBJECTION_OPEN", agency="DISDIK") == [TEACHER_1]
    assert await listed(has="FINALIZED", agency="DISDIK") == [TEACHER_1, TEACHER_2]
    assert await listed(has="SELF_ASSESSED", agency="DISDIK", unit="SDN-001") == [TEACHER_1, TEACHER_2]
    assert await listed(has="PEOPLE", agency="DISDIK", unit="SEKRETARIAT") == [HEAD, CLERK]
    assert await listed(token=world.admin, has="SELF_ASSESSED", period="2025-Q1") == [NURSE]
    assert await listed(token=world.admin, missing="NOT_SELF_ASSESSED", period="2025-Q1", agency="DINKES") == [
        DINKES_HEAD]
    # the row of a person: where they are, named
    first = (await api.gql(LIST, token=world.disdik_admin, has="OBJECTION_OPEN"))["monitoringPeople"][0]
    assert {k: first[k] for k in ("nip", "name", "position", "agency", "agencyName", "unit", "unitName")} == {
        "nip": TEACHER_1, "name": "Citra Lestari", "position": "Guru Kelas", "agency": "DISDIK",
        "agencyName": "Dinas Pendidikan Kota Tanjungpinang", "unit": "SDN-001", "unitName": "SD Negeri 001 Tanjungpinang"}
    # every count of every row, in every period, is its list's length; a gap's list is the rest (or the same people)
    for token, agency in ((world.admin, None), (world.admin, "DINKES"), (world.disdik_admin, "DISDIK"),
                          (world.principal, None)):
        for period in (None, "2025-Q1", "2025-Q2"):
            rows = (await api.gql(EVALUATION, token=token, cycle=2025, agency=agency, period=period))["skpMonitoring"]
            assert rows, (agency, period)
            for r in rows:
                scope = {"agency": r["agency"] if agency or token != world.principal else None,
                         "unit": r["unit"], "period": period}
                everyone = set(await listed(token=token, has="PEOPLE", **scope))
                assert len(everyone) == r["people"], (r, scope)
                for fact, field in FACT_FIELDS.items():
                    having = await listed(token=token, has=fact, **scope)
                    assert len(having) == r[field] and set(having) <= everyone, (fact, r, scope)
                for gap, (fact, lacking) in GAP_FACTS.items():
                    gapped = set(await listed(token=token, missing=gap, **scope))
                    having = set(await listed(token=token, has=fact, **scope))
                    assert gapped == (everyone - having if lacking else having), (gap, r, scope)


async def test_the_evaluation_is_scoped_as_the_rest_of_the_monitoring(api, world):
    await evaluated(api, world)
    # a supervisor: their direct subordinates only (TEACHER_1 and TEACHER_2, not the principal's own assessment)
    rows = (await api.gql(EVALUATION, token=world.principal, cycle=2025))["skpMonitoring"]
    assert evaluation_of(rows) == [evaluation_row("DISDIK", None, 2, 2, 2, 2, 1)]
    listed = (await api.gql(LIST, token=world.principal, missing="NOT_FINALIZED"))["monitoringPeople"]
    assert listed == []
    listed = (await api.gql(LIST, token=world.principal, has="PEOPLE"))["monitoringPeople"]
    assert [p["nip"] for p in listed] == [TEACHER_1, TEACHER_2]
    # HEAD supervises PRINCIPAL and CLERK: neither finalized
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    listed = (await api.gql(LIST, token=head, missing="NOT_FINALIZED"))["monitoringPeople"]
    assert [p["nip"] for p in listed] == [PRINCIPAL, CLERK]
    # nobody to supervise: nothing
    assert (await api.gql(LIST, token=world.teacher, has="PEOPLE"))["monitoringPeople"] == []
    # an agency admin: its own agency; another reads as unknown, whichever list is asked
    rows = (await api.gql(EVALUATION, token=world.dinkes_admin, cycle=2025))["skpMonitoring"]
    assert evaluation_of(rows) == [evaluation_row("DINKES", None, 2, 0, 0, 0, 0)]
    assert [p["nip"] for p in (await api.gql(LIST, token=world.dinkes_admin, has="PEOPLE"))["monitoringPeople"]] == [
        DINKES_HEAD, NURSE]
    for args in ({"has": "OBJECTION_OPEN"}, {"missing": "NOT_ASSESSED"}):
        foreign = await api.errors(LIST, token=world.dinkes_admin, agency="DISDIK", **args)
        unknown = await api.errors(LIST, token=world.dinkes_admin, agency="NOPE", **args)
        assert foreign[0]["extensions"]["code"] == unknown[0]["extensions"]["code"] == "NOT_FOUND"
        assert foreign[0]["message"].replace("DISDIK", "NOPE") == unknown[0]["message"]
    # without a token: nothing at all
    errors = await api.errors(LIST, has="PEOPLE")
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_list_is_either_missing_or_has(api, world):
    for args, argument in (({}, "missing"), ({"missing": "NOT_FINALIZED", "has": "FINALIZED"}, "has")):
        errors = await api.errors(LIST, token=world.admin, **args)
        assert errors[0]["extensions"]["code"] == "BAD_ARGUMENT", errors
        assert errors[0]["message"].startswith("give either missing (a gap) or has (a fact)"), errors
    for args in ({"missing": "FINALIZED"}, {"has": "NOT_FINALIZED"}, {"has": "NOPE"}):
        errors = await api.errors(LIST, token=world.admin, **args)
        assert "MonitoringGap" in errors[0]["message"] or "MonitoringFact" in errors[0]["message"], errors
    errors = await api.errors(LIST, token=world.admin, has="PEOPLE", period="2024")
    assert errors[0]["extensions"]["code"] == "INVALID_PERIOD"
    errors = await api.errors(LIST, token=world.admin, has="PEOPLE", first=0)
    assert errors[0]["extensions"]["code"] == "BAD_PAGE_SIZE"
    # the service checks what GraphQL's enums already keep out (its other callers: the CSV export)
    with pytest.raises(BadArgument) as raised:
        monitoring.check_list("NOPE", None)
    assert (raised.value.argument, raised.value.code) == ("missing", "BAD_ARGUMENT")
    with pytest.raises(BadArgument) as raised:
        monitoring.check_list(None, "NOT_FINALIZED")
    assert (raised.value.argument, raised.value.code) == ("has", "BAD_ARGUMENT")


def test_the_evaluation_values_are_the_evaluation_tiers_own():
    """monitoring (tier 3) writes out the values the evaluation (tier 4) stores: they must agree."""
    assert (monitoring.SELF, monitoring.SUPERVISOR) == (assessments.SELF, assessments.SUPERVISOR)
    assert monitoring.OPEN == objections.STATUSES[0] == "OPEN"
    assert monitoring.CONFIRMED in development.ACTION_STATUSES
    assert monitoring.DEFAULT_MIN_HOURS == Settings().min_development_hours
    assert set(monitoring.GAPS) == {g.value for g in MonitoringGap}
    assert {monitoring.EVERYONE, *monitoring.FACTS} == {f.value for f in MonitoringFact}
    assert set(FACT_FIELDS) == set(monitoring.FACTS) and GAP_FACTS == monitoring.GAPS


async def test_the_evaluation_counts_and_lists_stay_one_statement(api, world, sql_counter):
    await evaluated(api, world)

    async def statements() -> tuple[int, ...]:
        counted = []
        for query, args in ((EVALUATION, {"cycle": 2025, "agency": "DISDIK"}),
                            (EVALUATION, {"cycle": 2025}),
                            (LIST, {"missing": "NOT_FINALIZED", "agency": "DISDIK", "first": 100}),
                            (LIST, {"has": "SUPERVISOR_ASSESSED", "agency": "DISDIK", "first": 100}),
                            (LIST, {"has": "PEOPLE", "first": 100})):
            with sql_counter:
                await api.gql(query, token=world.disdik_admin if "agency" in args else world.admin, **args)
            counted.append(sql_counter.count)
        return tuple(counted)

    few = await statements()
    more = [nip(200 + n, birth="19920101", appointed="201701") for n in range(30)]
    await people.upsert_people(Access(SYSTEM), [person(n, f"Pegawai {i:02d}", "DISDIK", "SDN-001", PRINCIPAL)
                                                for i, n in enumerate(more)])
    for n in more[::2]:  # half of them assessed by the principal (rows as the service stores them)
        await assess(n, MEETS, MEETS)
    many = await statements()
    assert many == few
    rows = (await api.gql(EVALUATION, token=world.disdik_admin, cycle=2025, agency="DISDIK"))["skpMonitoring"]
    assert (rows[0]["people"], rows[0]["supervisorAssessed"]) == (35, 18)
    # the counts: the look-ups of the arguments (cycle, agency) and one statement, whatever the facts
    with sql_counter:
        await api.gql(EVALUATION, token=world.admin, cycle=2025)
    counted = [s for s in sql_counter.statements if "FROM person p" in s]
    assert len(counted) == 1 and all(t in counted[0] for t in ("assessment", "rating", "objection", "skp"))


# -- the CSV export -------------------------------------------------------------------------------------------------

CSV = "/monitoring/people.csv"


async def get_csv(api, token: str | None = None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await api.client.get(CSV, params=params, headers=headers)


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.text)))


HEADER = ["NIP", "Nama", "Jabatan", "Kode Perangkat Daerah", "Perangkat Daerah", "Kode Unit", "Unit Kerja"]


async def test_the_list_behind_a_count_is_exported_as_csv(api, world):
    await evaluated(api, world)
    response = await get_csv(api, world.disdik_admin, cycle="2025", agency="DISDIK", has="FINALIZED")
    assert response.headers["content-disposition"] == (
        'attachment; filename="pemantauan-2025-DISDIK-sudah-difinalisasi.csv"')
    assert response.headers["cache-control"] == "no-store"
    assert csv_rows(response) == [HEADER,
                                  [TEACHER_1, "Citra Lestari", "Guru Kelas", "DISDIK",
                                   "Dinas Pendidikan Kota Tanjungpinang", "SDN-001", "SD Negeri 001 Tanjungpinang"],
                                  [TEACHER_2, "Dewi Anggraini", "Guru Kelas", "DISDIK",
                                   "Dinas Pendidikan Kota Tanjungpinang", "SDN-001", "SD Negeri 001 Tanjungpinang"]]
    # a gap, a unit, a quarter; a person without a unit has empty unit cells
    response = await get_csv(api, world.admin, cycle="2025", period="2025-Q1", agency="DINKES",
                             missing="NOT_SELF_ASSESSED")
    assert 'filename="pemantauan-2025-2025-Q1-DINKES-belum-menilai-diri.csv"' in response.headers[
        "content-disposition"]
    assert csv_rows(response)[1:] == [[DINKES_HEAD, "Fajar Hidayat", "Kepala Dinas", "DINKES",
                                       "Dinas Kesehatan Kota Tanjungpinang", "", ""]]
    rows = csv_rows(await get_csv(api, world.admin, cycle="2025", agency="DISDIK", unit="SEKRETARIAT",
                                  missing="NOT_FINALIZED"))
    assert [r[0] for r in rows[1:]] == [HEAD, CLERK]
    # the same people as the query, for every list
    for args in ({"has": "PEOPLE"}, {"missing": "OBJECTION_OPEN"}, {"has": "SELF_ASSESSED"},
                 {"missing": "NO_FEEDBACK"}):
        listed = [p["nip"] for p in (await api.gql(LIST, token=world.admin, **args))["monitoringPeople"]]
        assert [r[0] for r in csv_rows(await get_csv(api, world.admin, cycle="2025", **args))[1:]] == listed, args
    # a supervisor exports their direct subordinates; somebody supervising nobody, just the header
    rows = csv_rows(await get_csv(api, world.principal, cycle="2025", has="PEOPLE"))
    assert [r[0] for r in rows[1:]] == [TEACHER_1, TEACHER_2]
    assert csv_rows(await get_csv(api, world.teacher, cycle="2025", has="PEOPLE")) == [HEADER]


async def test_the_export_holds_every_page_and_neutralises_formulas(api, world, monkeypatch, sql_counter):
    await people.upsert_people(Access(SYSTEM), [
        person(nip(300 + n, birth="19930101", appointed="201801"), f"Guru {n:02d}", "DISDIK", "SDN-001", PRINCIPAL)
        for n in range(7)] + [person(nip(399, birth="19930101", appointed="201801"), "=HYPERLINK(\"x\") Sumarni",
                                     "DISDIK", "SDN-001", PRINCIPAL, position="+Guru")])
    everyone = [p["nip"] for p in (await api.gql(LIST, token=world.admin, has="PEOPLE", first=100))["monitoringPeople"]]
    with sql_counter:
        whole = csv_rows(await get_csv(api, world.admin, cycle="2025", has="PEOPLE"))
    one_page = sql_counter.count
    monkeypatch.setattr(monitoring_export, "PAGE", 3)
    with sql_counter:
        paged = csv_rows(await get_csv(api, world.admin, cycle="2025", has="PEOPLE"))
    assert paged == whole and [r[0] for r in paged[1:]] == everyone and len(everyone) == 15
    assert sql_counter.count == one_page + 4  # 15 people, 3 a page: four more pages (the last one holds the rest)
    odd = next(r for r in whole if r[0] == nip(399, birth="19930101", appointed="201801"))
    assert (odd[1], odd[2]) == ("'=HYPERLINK(\"x\") Sumarni", "'+Guru")


async def test_bad_export_requests_are_refused_naming_the_problem(api, world):
    response = await get_csv(api, None, cycle="2025", has="PEOPLE")
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    response = await get_csv(api, "not-a-token", cycle="2025", has="PEOPLE")
    assert response.status_code == 401
    for params, status, words in (
            ({"has": "PEOPLE"}, 400, "cycle is required"),
            ({"cycle": "20x5", "has": "PEOPLE"}, 400, "cycle must be a year"),
            ({"cycle": "2025"}, 400, "give either missing (a gap) or has (a fact)"),
            ({"cycle": "2025", "has": "PEOPLE", "missing": "NOT_FINALIZED"}, 400, "not both"),
            ({"cycle": "2025", "has": "NOPE"}, 400, "has is one of PEOPLE, APPROVED_SKP"),
            ({"cycle": "2025", "missing": "FINALIZED"}, 400, "missing is one of SKP_NOT_APPROVED"),
            ({"cycle": "2025", "has": "PEOPLE", "period": "2025-05"}, 400, "'2025-05' is not a period of cycle 2025"),
            ({"cycle": "2025", "has": "PEOPLE", "unit": "SDN-001"}, 400, "give agency as well"),
            ({"cycle": "2025", "has": "PEOPLE", "nip": "x"}, 400, "unknown parameter 'nip'"),
            ({"cycle": "2025", "has": "PEOPLE", "agency": "X" * 101}, 400, "agency is longer than 100 characters"),
            ({"cycle": "2031", "has": "PEOPLE"}, 404, "no cycle 2031"),
            ({"cycle": "2025", "has": "PEOPLE", "agency": "NOPE"}, 404, "no agency 'NOPE'"),
            ({"cycle": "2025", "has": "PEOPLE", "agency": "DISDIK", "unit": "PKM-BATU10"}, 404, "no unit")):
        response = await get_csv(api, world.admin, **params)
        assert (response.status_code, response.headers["content-type"]) == (
            status, "text/plain; charset=utf-8"), (params, response.text)
        assert words in response.text, (params, response.text)
    repeated = await api.client.get(CSV + "?cycle=2025&has=PEOPLE&has=FINALIZED",
                                    headers={"Authorization": f"Bearer {world.admin}"})
    assert repeated.status_code == 400 and "has is given 2 times" in repeated.text
    # another agency reads as an unknown one
    foreign = await get_csv(api, world.dinkes_admin, cycle="2025", agency="DISDIK", has="PEOPLE")
    unknown = await get_csv(api, world.dinkes_admin, cycle="2025", agency="NOPE", has="PEOPLE")
    assert foreign.status_code == unknown.status_code == 404
    assert foreign.text.replace("DISDIK", "NOPE") == unknown.text
