"""Monitoring: counts per agency and unit (approved SKP, work logged in the last 7 and 30 days from the pinned
clock, feedback in the period), the people lacking each, the scope (ADMIN, agency admin, a supervisor's direct
subordinates) and a statement count that does not grow with the people."""

from __future__ import annotations

import pytest

from conftest import start_api, stop_api
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.org import people
from work_log_helpers import GIVE, LOG, TODAY, entry, give_skp
from world import CLERK, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, nip, person

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
