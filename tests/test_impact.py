"""Impact (issue 23 §3; services/reports/impact.py): an agency's IKM, annual predikat, development hours and the
predikat before and after a development plan, per year and unit, from data written through the real mutations; the
readers' scope, the bad inputs as typed errors, the export, and statements that do not grow with the years."""

from __future__ import annotations

import csv
import io

import openpyxl
from kinerja.services.reports.impact import (
    IMPROVED,
    NOT_YET_RATED,
    SAME,
    WORSE,
    outcome,
)
from test_development_plans import AGREE, COMPLETE, CONFIRM, _evaluation, _plan
from test_reports import BELOW, FEEDBACK, MEETS, ok, rate
from world import HEAD, PRINCIPAL, TEACHER_1, TEACHER_2

ROW = """year agency unit label respondents ikm ikmGrade ikmLabel total sangatBaik baik butuhPerbaikan
  kurangMisconduct sangatKurang people hoursMet hoursDone plans improved same worse notYetRated"""
IMPACT = f"""query($a: String!, $f: Int!, $t: Int!, $u: String) {{ impact(agency: $a, from: $f, to: $t, unit: $u) {{
  agency agencyName unit fromYear toYear minimumHours caveat rows {{ {ROW} }}
  transitions {{ year before after people }} }} }}"""
CYCLE_2026 = """mutation { c: createCycle(year: 2026) { errors { code } } }"""
ACTIVE_2026 = """mutation { s: setCycleStatus(year: 2026, status: ACTIVE) { errors { code } } }"""


def test_before_and_after_are_compared_best_first():
    assert outcome("BUTUH_PERBAIKAN", "BAIK") == IMPROVED
    assert outcome("SANGAT_KURANG", "KURANG_MISCONDUCT") == IMPROVED
    assert outcome("BUTUH_PERBAIKAN", "BUTUH_PERBAIKAN") == SAME
    assert outcome("BUTUH_PERBAIKAN", "SANGAT_KURANG") == WORSE
    assert outcome("KURANG_MISCONDUCT", None) == NOT_YET_RATED


async def _impact_data(api, world) -> None:
    """2025: SDN-001's survey answers all 4 and all 3 (IKM 87.5); TEACHER_1 rated BUTUH_PERBAIKAN in 2025-Q1, the
    plan agreed, its training (24 JP) done and confirmed, then BAIK in 2025-Q2 and in the year; TEACHER_2 rated
    SANGAT_KURANG in 2025-Q1, the plan not agreed (not rated again); PRINCIPAL BAIK in the year. 2026 (ACTIVE):
    SDN-001's answers all 4 (IKM 100)."""
    from kinerja.services.auth import tokens

    await _evaluation(api, world)
    for period, answers in (("2025-Q1", [4] * 9), ("2025-Q1", [3] * 9)):
        await ok(api, FEEDBACK, input={"agency": "DISDIK", "unit": "SDN-001", "period": period, "answers": answers})
    await rate(api, world.principal, world.principal, TEACHER_1, "2025-Q1", BELOW, MEETS)
    await rate(api, world.principal, world.principal, TEACHER_2, "2025-Q1", BELOW, BELOW)
    plan = await _plan(api, world.teacher)
    plan = (await ok(api, AGREE, world.teacher, n=TEACHER_1, v=plan["version"]))["plan"]
    plan = (await ok(api, AGREE, world.principal, n=TEACHER_1, v=plan["version"]))["plan"]
    training = next(a for a in plan["actions"] if a["title"] and a["position"] == 2)
    plan = (await ok(api, COMPLETE, world.teacher, input={
        "action": training["id"], "version": plan["version"], "hoursDone": 24, "completedOn": "2025-06-30",
        "evidenceNumber": "SERT/2025/001", "evidenceUrl": "https://diklat.example.go.id/sertifikat/001"}))["plan"]
    await ok(api, CONFIRM, world.principal, a=training["id"], v=plan["version"])
    await rate(api, world.principal, world.principal, TEACHER_1, "2025-Q2", MEETS, MEETS)
    await rate(api, world.principal, world.principal, TEACHER_1, "2025", MEETS, MEETS)
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    await rate(api, head, head, PRINCIPAL, "2025", MEETS, MEETS)
    await ok(api, CYCLE_2026, world.admin)
    await ok(api, ACTIVE_2026, world.admin)
    await ok(api, FEEDBACK, input={"agency": "DISDIK", "unit": "SDN-001", "period": "2026-Q1", "answers": [4] * 9})


def _row(year, unit, label, respondents=0, ikm=None, grade=None, grade_label=None, baik=0, people=0, met=0, done=0,
         improved=0, not_yet=0) -> dict:
    return {"year": year, "agency": "DISDIK", "unit": unit, "label": label, "respondents": respondents, "ikm": ikm,
            "ikmGrade": grade, "ikmLabel": grade_label, "total": baik, "sangatBaik": 0, "baik": baik,
            "butuhPerbaikan": 0, "kurangMisconduct": 0, "sangatKurang": 0, "people": people, "hoursMet": met,
            "hoursDone": done, "plans": improved + not_yet, "improved": improved, "same": 0, "worse": 0,
            "notYetRated": not_yet}


async def test_an_agencys_ikm_predikat_hours_and_plans_per_year_and_unit(api, world, sql_counter):
    await _impact_data(api, world)
    found = (await api.gql(IMPACT, token=world.disdik_admin, a="disdik", f=2025, t=2026))["impact"]
    name, school, office = "Dinas Pendidikan Kota Tanjungpinang", "SD Negeri 001 Tanjungpinang", "Sekretariat"
    assert (found["agency"], found["agencyName"], found["unit"], found["fromYear"], found["toYear"],
            found["minimumHours"]) == ("DISDIK", name, None, 2025, 2026, 20)
    assert found["caveat"].startswith("These figures show an association over time, not proof of cause")
    assert found["rows"] == [
        _row(2025, None, name, 2, 87.5, "B", "Baik", baik=2, people=5, met=1, done=24, improved=1, not_yet=1),
        _row(2025, "SDN-001", school, 2, 87.5, "B", "Baik", baik=2, people=3, met=1, done=24, improved=1, not_yet=1),
        _row(2025, "SEKRETARIAT", office, people=2),
        _row(2026, None, name, 1, 100.0, "A", "Sangat Baik", people=5),
        _row(2026, "SDN-001", school, 1, 100.0, "A", "Sangat Baik", people=3),
        _row(2026, "SEKRETARIAT", office, people=2),
    ]
    assert found["transitions"] == [
        {"year": 2025, "before": "BUTUH_PERBAIKAN", "after": "BAIK", "people": 1},
        {"year": 2025, "before": "SANGAT_KURANG", "after": None, "people": 1}]
    # ADMIN reads the same; one unit: its rows only; the caveat in Indonesian for an Indonesian request
    assert (await api.gql(IMPACT, token=world.admin, a="DISDIK", f=2025, t=2026))["impact"] == found
    one = (await api.gql(IMPACT, token=world.admin, a="DISDIK", f=2025, t=2025, u="sdn-001"))["impact"]
    assert one["unit"] == "SDN-001" and one["rows"] == [found["rows"][1]] and one["transitions"] == found[
        "transitions"]
    answer = await api.client.post("/graphql", json={"query": IMPACT, "variables": {"a": "DISDIK", "f": 2025,
                                                                                   "t": 2025}},
                                   headers={"Authorization": f"Bearer {world.admin}", "Accept-Language": "id"})
    assert answer.json()["data"]["impact"]["caveat"].startswith("Angka ini menunjukkan keterkaitan")

    # statements: the same for one year or ten, a unit or all (token, generation, agency, units, survey, ratings,
    # hours, plans)
    counts = []
    for variables in ({"f": 2017, "t": 2026}, {"f": 2025, "t": 2025}, {"f": 2024, "t": 2025, "u": "SDN-001"}):
        with sql_counter:
            await api.gql(IMPACT, token=world.admin, a="DISDIK", **variables)
        counts.append(sql_counter.count)
    assert counts == [8, 8, 8], sql_counter.statements

    # the file: the same rows, the XLSX in Indonesian
    headers = {"Authorization": f"Bearer {world.disdik_admin}"}
    got = await api.client.get("/exports/impact.csv", params={"agency": "DISDIK", "from": "2025", "to": "2026"},
                               headers=headers)
    assert got.status_code == 200, got.text
    rows = list(csv.reader(io.StringIO(got.text)))
    assert rows[0][:6] == ["year", "agency", "unit", "label", "respondents", "ikm"]
    assert [(r[0], r[2], r[5]) for r in rows[1:]] == [
        ("2025", "", "87.50"), ("2025", "SDN-001", "87.50"), ("2025", "SEKRETARIAT", ""), ("2026", "", "100.00"),
        ("2026", "SDN-001", "100.00"), ("2026", "SEKRETARIAT", "")]
    got = await api.client.get("/exports/impact.xlsx", params={"agency": "DISDIK", "from": "2025", "to": "2025",
                                                               "unit": "SDN-001"}, headers=headers)
    sheet = openpyxl.load_workbook(io.BytesIO(got.content)).worksheets[0]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][:3] == ["Tahun", "Kode Perangkat Daerah", "Kode Unit (kosong: seluruh perangkat daerah)"]
    assert "Predikat Naik" in cells[0] and cells[1][:3] == [2025, "DISDIK", "SDN-001"] and len(cells) == 2
    assert got.headers["content-disposition"].endswith('dampak-DISDIK-SDN-001-2025-2025.xlsx"')


async def test_bad_inputs_are_typed_errors_and_only_readers_read(api, world):
    for variables, argument, code in [
        ({"f": 2026, "t": 2025}, "to", "INVALID_RANGE"),
        ({"f": 2015, "t": 2025}, "to", "RANGE_TOO_LONG"),
        ({"f": 1800, "t": 2025}, "from", "INVALID_YEAR"),
        ({"a": "NOPE"}, "agency", "NOT_FOUND"),
        ({"u": "SDN-999"}, "unit", "NOT_FOUND"),
        ({"u": "X" * 33}, "unit", "TOO_LONG"),
    ]:
        errors = await api.errors(IMPACT, token=world.admin, **{"a": "DISDIK", "f": 2024, "t": 2025, **variables})
        assert [(e["extensions"]["code"], e["extensions"].get("argument")) for e in errors] == [(code, argument)], \
            errors
    # in Indonesian for an Indonesian request
    answer = await api.client.post("/graphql", json={"query": IMPACT, "variables": {"a": "DISDIK", "f": 2026,
                                                                                   "t": 2025}},
                                   headers={"Authorization": f"Bearer {world.admin}", "Accept-Language": "id"})
    assert answer.json()["errors"][0]["message"] == "Tahun akhir (2025) tidak boleh sebelum tahun awal (2026)."
    # another agency's admin finds no such agency, an employee is refused, nobody signed in is unauthenticated
    assert (await api.errors(IMPACT, token=world.dinkes_admin, a="DISDIK", f=2025, t=2025))[0]["extensions"][
        "code"] == "NOT_FOUND"
    assert (await api.errors(IMPACT, token=world.principal, a="DISDIK", f=2025, t=2025))[0]["extensions"][
        "code"] == "FORBIDDEN"
    assert (await api.errors(IMPACT, a="DISDIK", f=2025, t=2025))[0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await api.gql(IMPACT, token=world.dinkes_admin, a="DINKES", f=2025, t=2025))["impact"]["rows"][0][
        "label"] == "Dinas Kesehatan Kota Tanjungpinang"
    # the file: the same refusals, in the file's terms
    for token, params, status in ((world.dinkes_admin, {"agency": "DISDIK", "from": "2025", "to": "2025"}, 404),
                                  (world.principal, {"agency": "DISDIK", "from": "2025", "to": "2025"}, 403),
                                  (world.admin, {"agency": "DISDIK", "from": "2025"}, 400),
                                  (world.admin, {"agency": "DISDIK", "from": "2026", "to": "2025"}, 400)):
        got = await api.client.get("/exports/impact.csv", params=params, headers={"Authorization": f"Bearer {token}"})
        assert got.status_code == status, (params, got.text)
