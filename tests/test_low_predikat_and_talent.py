"""What a rating leads to (issue 23 §2): the people rated low in consecutive periods or years (an agency's, with the
history) and the talent list (SANGAT_BAIK in a year's annual rating), as queries and as files, in the readers'
scope (services/reports/low_predikat.py, talent.py)."""

from __future__ import annotations

import csv
import io

import openpyxl

from kinerja.services.reports.low_predikat import PERIODS, YEARS, longest_run
from test_development_plans import AGREE, _evaluation, _plan
from test_reports import ABOVE, BELOW, MEETS, ok, rate
from world import DINKES_HEAD, HEAD, TEACHER_1

QUARTERLY = {2024: "QUARTERLY", 2025: "QUARTERLY"}
LOW = """query($a: String!) { consecutiveLowPredikat(agency: $a) { nip name agency lowRun runLength runPeriods
  runPredikats lowHistory } }"""
TALENT = """query($p: String!, $a: String) { talentList(period: $p, agency: $a) { totalCount
  edges { node { nip rating(period: $p) { predikat } } } } }"""


def test_runs_are_adjacent_evaluation_periods_or_adjacent_years():
    bp, sk = "BUTUH_PERBAIKAN", "SANGAT_KURANG"
    # the third quarter and the year (Triwulan IV / Akhir Tahun) are adjacent; so is the year and the next Q1
    assert longest_run({"2024-Q3": bp, "2024": bp}, QUARTERLY) == (PERIODS, ["2024-Q3", "2024"])
    assert longest_run({"2024-Q3": bp, "2024": sk, "2025-Q1": bp}, QUARTERLY) == (
        PERIODS, ["2024-Q3", "2024", "2025-Q1"])
    assert longest_run({"2024": bp, "2025": sk}, QUARTERLY) == (YEARS, ["2024", "2025"])
    assert longest_run({"2024-Q1": bp, "2024-Q3": bp}, QUARTERLY) is None  # Q2 between was not low
    assert longest_run({"2025-Q2": bp}, QUARTERLY) is None
    assert longest_run({}, {}) is None
    # of two runs of the same length, the latest
    assert longest_run({"2024-Q1": bp, "2024-Q2": bp, "2025-Q1": sk, "2025-Q2": sk}, QUARTERLY) == (
        PERIODS, ["2025-Q1", "2025-Q2"])


async def test_an_agency_sees_who_was_rated_low_in_a_row(api, world):
    await _evaluation(api, world)
    await rate(api, world.principal, world.principal, TEACHER_1, "2025-Q2", BELOW, MEETS)
    plan = await _plan(api, world.teacher)  # the next rating waits for an agreed plan (development plans)
    plan = (await ok(api, AGREE, world.teacher, n=TEACHER_1, v=plan["version"]))["plan"]
    await ok(api, AGREE, world.principal, n=TEACHER_1, v=plan["version"])
    await rate(api, world.principal, world.principal, TEACHER_1, "2025-Q3", BELOW, BELOW)
    found = (await api.gql(LOW, token=world.disdik_admin, a="DISDIK"))["consecutiveLowPredikat"]
    assert found == [{"nip": TEACHER_1, "name": "Citra Lestari", "agency": "DISDIK", "lowRun": "PERIODS",
                      "runLength": 2, "runPeriods": ["2025-Q2", "2025-Q3"],
                      "runPredikats": ["BUTUH_PERBAIKAN", "SANGAT_KURANG"],
                      "lowHistory": ["2025-Q2 BUTUH_PERBAIKAN", "2025-Q3 SANGAT_KURANG"]}]
    assert (await api.gql(LOW, token=world.admin, a="disdik"))["consecutiveLowPredikat"] == found
    # another agency's admin: no rows; an employee: refused
    assert (await api.gql(LOW, token=world.dinkes_admin, a="DISDIK"))["consecutiveLowPredikat"] == []
    assert (await api.errors(LOW, token=world.principal, a="DISDIK"))[0]["extensions"]["code"] == "FORBIDDEN"
    # the file: the same rows; the XLSX in Indonesian
    headers = {"Authorization": f"Bearer {world.disdik_admin}"}
    got = await api.client.get("/reports/consecutive-low-predikat.csv", params={"agency": "DISDIK"}, headers=headers)
    rows = list(csv.reader(io.StringIO(got.text)))
    assert rows[0][:3] == ["nip", "name", "position"] and [r[0] for r in rows[1:]] == [TEACHER_1]
    got = await api.client.get("/reports/consecutive-low-predikat.xlsx", params={"agency": "DISDIK"},
                               headers=headers)
    sheet = openpyxl.load_workbook(io.BytesIO(got.content)).worksheets[0]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "Periode penilaian berturut-turut" in cells[1] and "Triwulan II 2025: Butuh Perbaikan | Triwulan III 2025: " \
                                                               "Sangat Kurang" in cells[1]
    missing = await api.client.get("/reports/consecutive-low-predikat.csv", headers=headers)
    assert missing.status_code == 400


async def test_the_talent_list_is_sangat_baik_in_the_annual_rating(api, world):
    from kinerja.services.auth import tokens

    await _evaluation(api, world)
    admin_as_other = await tokens.create_token("ADMIN", nip=DINKES_HEAD)  # nobody assesses themselves
    await ok(api, """mutation { m: setOrgPredikat(agency: "DISDIK", period: "2025", predikat: ISTIMEWA) {
      errors { code } } }""", world.admin)
    await rate(api, admin_as_other, world.admin, HEAD, "2025", ABOVE, ABOVE)
    await rate(api, world.principal, world.principal, TEACHER_1, "2025", MEETS, MEETS)
    found = (await api.gql(TALENT, token=world.disdik_admin, p="2025"))["talentList"]
    assert found["totalCount"] == 1
    assert [(e["node"]["nip"], e["node"]["rating"]["predikat"]) for e in found["edges"]] == [(HEAD, "SANGAT_BAIK")]
    assert (await api.gql(TALENT, token=world.dinkes_admin, p="2025", a="DISDIK"))["talentList"]["edges"] == []
    for bad in ("2025-Q1", "20x5"):
        assert (await api.errors(TALENT, token=world.admin, p=bad))[0]["extensions"]["code"] == "INVALID_PERIOD"
    got = await api.client.get("/reports/talent-list.csv", params={"period": "2025"},
                               headers={"Authorization": f"Bearer {world.admin}"})
    rows = list(csv.reader(io.StringIO(got.text)))
    assert [r[0] for r in rows[1:]] == [HEAD] and rows[1][-1] == "SANGAT_BAIK"
