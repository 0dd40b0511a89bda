"""The cross-agency reports through GraphQL: numbers from data written through the real mutations (ratings,
survey answers, targets and measurements) against hand counts, scoping by role (also nested and aliased),
bad arguments, and statement counts that do not grow with the rows."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from tortoise.functions import Count

from conftest import start_api, stop_api
from kinerja.models import AchievementRollup, HeadcountRollup, Rating, RatingRollup, SurveyRollup
from kinerja.plugins import Predikat
from kinerja.plugins.builtin.recommendations import DEVELOPMENT_PLANS
from kinerja.services.auth import tokens
from world import CLERK, DINKES_HEAD, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, World, nip

ABOVE, MEETS, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
DPM = nip(21)  # the one DPMPTSP employee

STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code message } } }"
ASSESS = """mutation($input: AssessmentInput!) { submitSupervisorAssessment(input: $input) {
  assessment { id } errors { path code message } } }"""
# HEAD's SANGAT_BAIK is 1 of DISDIK's 5 (20 %) over the 10 % maximum of a BUTUH_PERBAIKAN agency: justified
FINALIZE = """mutation($nip: String!, $period: String!) { finalizeRating(input: {nip: $nip, period: $period,
  overrideReason: "penilaian atasan", curveJustification: "Prestasi kepala dinas tingkat nasional"}) {
  rating { predikat } warnings errors { path code message } } }"""
REOPEN = """mutation($nip: String!, $period: String!) { reopenRating(nip: $nip, period: $period, reason: "koreksi") {
  errors { code message } } }"""
ORG = """mutation($agency: String!, $period: String!, $predikat: OrgPredikat!) {
  setOrgPredikat(agency: $agency, period: $period, predikat: $predikat) { errors { code message } } }"""
FEEDBACK = """mutation($input: FeedbackInput!) { submitFeedback(input: $input) { accepted errors { code message } } }"""
POPULATION = """mutation($agency: String!, $unit: String, $n: Int!) {
  setServicePopulation(agency: $agency, unit: $unit, population: $n) { errors { code message } } }"""
TARGETS = """mutation($input: [TargetInput!]!) { setTargets(input: $input) {
  targets { id } errors { code message } } }"""
MEASURE = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) {
  measurements { achievement } errors { path code message } } }"""

ROW = "group label total sangatBaik baik butuhPerbaikan kurangMisconduct sangatKurang orgPredikat curveWarnings"
DISTRIBUTION = f"""query($period: String!, $groupBy: ReportGroup, $agency: String) {{
  predikatDistribution(period: $period, groupBy: $groupBy, agency: $agency) {{ {ROW} }} }}"""
TREND = f"""query($agency: String, $from: String!, $to: String!) {{
  predikatTrend(agency: $agency, fromPeriod: $from, toPeriod: $to) {{ {ROW} }} }}"""
ACHIEVEMENT = """query($period: String!, $agency: String) { indicatorAchievement(period: $period, agency: $agency) {
  agency indicator measurements averageAchievement meetingTarget } }"""
SATISFACTION = """query($period: String!, $groupBy: SatisfactionGroup, $agency: String) {
  satisfactionByGroup(period: $period, groupBy: $groupBy, agency: $agency) { group label index {
    period respondents elementAverages index grade label requiredSample sufficientSample } } }"""
FOLLOW_UPS = """query($period: String!, $agency: String, $first: Int, $after: String) {
  followUps(period: $period, agency: $agency, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { nip name agency { code } rating(period: $period) { predikat recommendations } } } } }"""
INDEX = """query($period: String!, $agency: String, $unit: String) { satisfaction(period: $period, agency: $agency,
  unit: $unit) { period respondents elementAverages index grade label requiredSample sufficientSample } }"""


@pytest.fixture
async def api(database_url: str):
    """The real app with room for the survey answers these tests send from one address."""
    api, handles = await start_api(database_url, feedback_limit=1000)
    yield api
    await stop_api(handles)


@dataclass
class Tokens:
    world: World
    head: str           # EMPLOYEE HEAD: supervises PRINCIPAL and CLERK
    dinkes_head: str    # EMPLOYEE DINKES_HEAD: supervises NURSE
    admin_as_head: str  # ADMIN standing for HEAD: assesses DINKES_HEAD, who has no supervisor
    admin_as_dinkes: str  # ADMIN standing for DINKES_HEAD: assesses HEAD
    last_disdik_warnings: list[str]  # what the last finalization of DISDIK 2025 returned


def counts(sb=0, b=0, bp=0, km=0, sk=0) -> dict:
    return {"sangatBaik": sb, "baik": b, "butuhPerbaikan": bp, "kurangMisconduct": km, "sangatKurang": sk,
            "total": sb + b + bp + km + sk}


def row(group, label, org=None, warnings=(), **spread) -> dict:
    return {"group": group, "label": label, **counts(**spread), "orgPredikat": org, "curveWarnings": list(warnings)}


async def ok(api, query, token=None, **variables) -> dict:
    """The payload of a mutation that must succeed."""
    payload = next(iter((await api.gql(query, token=token, **variables)).values()))
    assert not payload.get("errors"), payload
    return payload


async def rate(api, assessor: str, finalizer: str, who: str, period: str, result: str, behavior: str) -> list[str]:
    """The supervisor assessment, then finalizeRating: the real mutations. Returns the curve warnings."""
    await ok(api, ASSESS, assessor, input={"nip": who, "period": period, "resultRating": result,
                                           "behaviorRating": behavior})
    return (await ok(api, FINALIZE, finalizer, nip=who, period=period))["warnings"]


async def report_data(api, world: World) -> Tokens:
    """Everything the reports count, written through the GraphQL mutations.

    Ratings 2025 (DISDIK's organisation predikat BUTUH_PERBAIKAN): HEAD SANGAT_BAIK (SEKRETARIAT), PRINCIPAL BAIK
    (SDN-001), TEACHER_1 BUTUH_PERBAIKAN (SDN-001), TEACHER_2 SANGAT_KURANG (SDN-001), CLERK KURANG_MISCONDUCT
    (SEKRETARIAT); DINKES (no predikat): DINKES_HEAD BAIK (no unit), NURSE BUTUH_PERBAIKAN (PKM-BATU10).
    2025-Q1 TEACHER_1 BAIK (DISDIK ISTIMEWA), 2025-Q2 TEACHER_2 SANGAT_BAIK, 2025-Q3 NURSE rated and reopened and
    DISDIK has the predikat BAIK and no ratings; 2025-Q4 has nothing (the last quarter is evaluated as the year).
    Survey: DISDIK SDN-001 2025-Q1 all 4 and all 3, DISDIK without unit 2025-Q2 all 2, DINKES PKM-BATU10 2025 eight 4
    and a 1; populations DISDIK 100, SDN-001 2.
    Measurements 2025-Q1: PARTISIPASI_MASYARAKAT of TEACHER_1 (75 %, then replaced) and CLERK (50 %); KELULUSAN of
    SDN-001 for the year 2025 (90 of 95: it is annual); 2025-Q2 TEACHER_1 120 % (100 of a 75 target: 133.33 % raw,
    above 110 % it scores the cap); DPMPTSP.IZIN_TEPAT_WAKTU of DPM 2025-Q1 (100 %).
    """
    admin = world.admin
    t = Tokens(world, head=await tokens.create_token("EMPLOYEE", nip=HEAD),
               dinkes_head=await tokens.create_token("EMPLOYEE", nip=DINKES_HEAD),
               admin_as_head=await tokens.create_token("ADMIN", nip=HEAD),
               admin_as_dinkes=await tokens.create_token("ADMIN", nip=DINKES_HEAD), last_disdik_warnings=[])
    # DPMPTSP and its indicators (the spec ships with the project), one employee
    await ok(api, """mutation { createAgency(input: {code: "DPMPTSP", name: "Dinas Penanaman Modal dan PTSP"}) {
      agency { code } errors { code message } } }""", admin)
    await ok(api, """mutation($nip: String!) { upsertPeople(input: [{nip: $nip, name: "Hadi Wijaya",
      employmentType: PNS, position: "Analis Perizinan", agency: "DPMPTSP"}]) { people { nip } errors { code } } }""",
             admin, nip=DPM)
    await api.gql("mutation { reloadSpecs { indicators } }", token=admin)

    # PLANNING: targets
    created = await ok(api, TARGETS, admin, input=[
        {"cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "nip": TEACHER_1, "workResult": "Sosialisasi",
         "value": 75},
        {"cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "nip": CLERK, "workResult": "Sosialisasi",
         "value": 60},
        {"cycle": 2025, "indicator": "DISDIK.KELULUSAN", "unit": "SDN-001", "workResult": "Kelulusan", "value": 95},
        {"cycle": 2025, "indicator": "DPMPTSP.IZIN_TEPAT_WAKTU", "nip": DPM, "workResult": "Izin", "value": 90},
    ])
    teacher, clerk, school, permits = (x["id"] for x in created["targets"])

    # ACTIVE: measurements and survey answers
    await ok(api, STATUS, admin, s="ACTIVE")
    await ok(api, MEASURE, admin, input=[
        {"target": teacher, "period": "2025-Q1", "inputs": {"participants": 60, "invited": 80}},
        {"target": clerk, "period": "2025-Q1", "inputs": {"participants": 30, "invited": 100}},
        {"target": school, "period": "2025", "inputs": {"graduates": 90, "final_year_students": 100}},
        {"target": permits, "period": "2025-Q1", "inputs": {"on_time": 45, "issued": 50}},
        {"target": teacher, "period": "2025-Q2", "inputs": {"participants": 80, "invited": 80}},
    ])
    # replaced: the rollup takes the old achievement out
    await ok(api, MEASURE, admin, input=[
        {"target": teacher, "period": "2025-Q1", "inputs": {"participants": 45, "invited": 80}}])
    for agency, unit, period, answers in [("DISDIK", "SDN-001", "2025-Q1", [4] * 9),
                                          ("DISDIK", "SDN-001", "2025-Q1", [3] * 9),
                                          ("DISDIK", None, "2025-Q2", [2] * 9),
                                          ("DINKES", "PKM-BATU10", "2025", [4] * 8 + [1])]:
        result = await ok(api, FEEDBACK, input={"agency": agency, "unit": unit, "period": period,
                                                "answers": answers})
        assert result["accepted"] is True
    await ok(api, POPULATION, world.disdik_admin, agency="DISDIK", n=100)
    await ok(api, POPULATION, world.disdik_admin, agency="DISDIK", unit="SDN-001", n=2)

    # EVALUATION: organisation predikat, assessments, ratings
    await ok(api, STATUS, admin, s="EVALUATION")
    for agency, period, predikat in [("DISDIK", "2025", "BUTUH_PERBAIKAN"), ("DISDIK", "2025-Q1", "ISTIMEWA"),
                                     ("DISDIK", "2025-Q3", "BAIK")]:
        await ok(api, ORG, admin, agency=agency, period=period, predikat=predikat)
    await rate(api, t.admin_as_dinkes, admin, HEAD, "2025", ABOVE, ABOVE)
    await rate(api, t.head, t.head, PRINCIPAL, "2025", MEETS, MEETS)
    await rate(api, world.principal, world.principal, TEACHER_1, "2025", BELOW, MEETS)
    await rate(api, world.principal, admin, TEACHER_2, "2025", BELOW, BELOW)
    t.last_disdik_warnings = await rate(api, t.head, t.head, CLERK, "2025", MEETS, BELOW)
    await rate(api, t.admin_as_head, admin, DINKES_HEAD, "2025", MEETS, MEETS)
    await rate(api, t.dinkes_head, t.dinkes_head, NURSE, "2025", BELOW, ABOVE)
    await rate(api, world.principal, world.principal, TEACHER_1, "2025-Q1", MEETS, MEETS)
    await rate(api, world.principal, world.principal, TEACHER_2, "2025-Q2", ABOVE, ABOVE)
    await rate(api, t.dinkes_head, admin, NURSE, "2025-Q3", BELOW, MEETS)
    await ok(api, REOPEN, admin, nip=NURSE, period="2025-Q3")
    return t


async def rollups_filled() -> bool:
    """Whether the writes kept the rollup tables (the other half of this feature) current."""
    return (await RatingRollup.exists() and await SurveyRollup.exists() and await AchievementRollup.exists()
            and await HeadcountRollup.exists())


KEYS = {"SANGAT_BAIK": "sangatBaik", "BAIK": "baik", "BUTUH_PERBAIKAN": "butuhPerbaikan",
        "KURANG_MISCONDUCT": "kurangMisconduct", "SANGAT_KURANG": "sangatKurang"}
DISDIK_NAME, DINKES_NAME = "Dinas Pendidikan Kota Tanjungpinang", "Dinas Kesehatan Kota Tanjungpinang"


# -- the numbers ----------------------------------------------------------------------------------------------------

async def test_predikat_distribution_and_trend_count_what_was_finalized(api, world):
    t = await report_data(api, world)
    assert await rollups_filled(), "the writes left the rollup tables empty"
    admin = world.admin
    # the curve of a BUTUH_PERBAIKAN agency: SANGAT_BAIK 1 of 5 over its 10 % maximum (justified), and 1 of 5 rated
    # BUTUH_PERBAIKAN where 3 are needed
    assert len(t.last_disdik_warnings) == 2, t.last_disdik_warnings
    assert "SANGAT_BAIK 1 of 5" in t.last_disdik_warnings[0] and "BUTUH_PERBAIKAN 1 of 5" in t.last_disdik_warnings[1]
    data = await api.gql(DISTRIBUTION, token=admin, period="2025")
    assert data["predikatDistribution"] == [
        row("DINKES", DINKES_NAME, b=1, bp=1),
        row("DISDIK", DISDIK_NAME, "BUTUH_PERBAIKAN", t.last_disdik_warnings, sb=1, b=1, bp=1, km=1, sk=1),
    ]
    data = await api.gql(DISTRIBUTION, token=admin, period="2025", groupBy="UNIT")
    assert data["predikatDistribution"] == [
        row("DINKES/PKM-BATU10", "Puskesmas Batu 10", bp=1),  # DINKES_HEAD has no unit: in DINKES's total only
        row("DISDIK/SDN-001", "SD Negeri 001 Tanjungpinang", b=1, bp=1, sk=1),
        row("DISDIK/SEKRETARIAT", "Sekretariat", sb=1, km=1),
    ]
    # a period with a predikat and no ratings (its one rating, DINKES's NURSE, was reopened); the last quarter,
    # evaluated as the year, holds no rating and no predikat; an empty period
    assert (await api.gql(DISTRIBUTION, token=admin, period="2025-Q3"))["predikatDistribution"] == [
        row("DISDIK", DISDIK_NAME, "BAIK")]
    assert (await api.gql(DISTRIBUTION, token=admin, period="2025-Q3", agency="DINKES"))["predikatDistribution"] == []
    assert (await api.gql(DISTRIBUTION, token=admin, period="2025-Q4"))["predikatDistribution"] == []
    assert (await api.gql(DISTRIBUTION, token=admin, period="2024-05"))["predikatDistribution"] == []
    data = await api.gql(DISTRIBUTION, token=admin, period="2025-Q1", groupBy="AGENCY", agency="disdik")
    assert data["predikatDistribution"] == [row("DISDIK", DISDIK_NAME, "ISTIMEWA", b=1)]

    data = await api.gql(TREND, token=admin, agency="DISDIK", **{"from": "2025-Q1", "to": "2025-Q4"})
    assert data["predikatTrend"] == [row("2025-Q1", "2025-Q1", "ISTIMEWA", b=1), row("2025-Q2", "2025-Q2", sb=1),
                                     row("2025-Q3", "2025-Q3", "BAIK"), row("2025-Q4", "2025-Q4")]
    data = await api.gql(TREND, token=admin, **{"from": "2024", "to": "2025"})  # every agency together
    assert data["predikatTrend"] == [row("2024", "2024"), row("2025", "2025", sb=1, b=2, bp=2, km=1, sk=1)]
    data = await api.gql(TREND, token=admin, agency="DISDIK", **{"from": "2025", "to": "2025"})
    assert data["predikatTrend"] == [row("2025", "2025", "BUTUH_PERBAIKAN", t.last_disdik_warnings,
                                         sb=1, b=1, bp=1, km=1, sk=1)]
    # the rollups give what a plain GROUP BY of the rating table gives, in every period
    for period in ("2025", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"):
        plain = await (Rating.filter(period=period).annotate(n=Count("id")).group_by("agency__code", "predikat")
                       .values("agency__code", "predikat", "n"))
        expected = {(r["agency__code"], KEYS[r["predikat"]]): r["n"] for r in plain}
        rows = (await api.gql(DISTRIBUTION, token=admin, period=period))["predikatDistribution"]
        assert {(r["group"], key): r[key] for r in rows for key in KEYS.values() if r[key]} == expected, period


async def test_indicator_achievement_and_satisfaction_by_group(api, world):
    await report_data(api, world)
    admin = world.admin
    data = await api.gql(ACHIEVEMENT, token=admin, period="2025-Q1")
    assert data["indicatorAchievement"] == [
        # TEACHER_1's 100 % replaced by 45 of 80 against 75: 75 %; CLERK 30 against 60: 50 %
        {"agency": "DISDIK", "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "measurements": 2,
         "averageAchievement": 62.5, "meetingTarget": 0},
        {"agency": "DPMPTSP", "indicator": "DPMPTSP.IZIN_TEPAT_WAKTU", "measurements": 1,
         "averageAchievement": 100.0, "meetingTarget": 1},
    ]
    data = await api.gql(ACHIEVEMENT, token=admin, period="2025-Q2", agency="DISDIK")
    assert data["indicatorAchievement"] == [  # 80 of 80 invited against 75: 133.33 % raw, above 110 %: 120
        {"agency": "DISDIK", "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "measurements": 1,
         "averageAchievement": 120.0, "meetingTarget": 1}]
    assert (await api.gql(ACHIEVEMENT, token=admin, period="2025"))["indicatorAchievement"] == [
        # KELULUSAN is annual: 90 of a 95 target, 94.7368... %
        {"agency": "DISDIK", "indicator": "DISDIK.KELULUSAN", "measurements": 1, "averageAchievement": 94.74,
         "meetingTarget": 0}]

    def index(period, respondents, averages, value, grade, label, required=None, sufficient=False):
        return {"period": period, "respondents": respondents, "elementAverages": averages, "index": value,
                "grade": grade, "label": label, "requiredSample": required, "sufficientSample": sufficient}

    dinkes = index("2025", 1, [4.0] * 8 + [1.0], 91.67, "A", "Sangat Baik")  # 25 x 33/9
    data = await api.gql(SATISFACTION, token=admin, period="2025")  # the year includes its quarters
    assert data["satisfactionByGroup"] == [
        {"group": "DINKES", "label": DINKES_NAME, "index": dinkes},
        {"group": "DISDIK", "label": DISDIK_NAME, "index": index("2025", 3, [3.0] * 9, 75.0, "C", "Kurang Baik", 80)},
    ]
    data = await api.gql(SATISFACTION, token=admin, period="2025", groupBy="UNIT")
    assert data["satisfactionByGroup"] == [
        {"group": "DINKES/PKM-BATU10", "label": "Puskesmas Batu 10", "index": dinkes},
        {"group": "DISDIK/SDN-001", "label": "SD Negeri 001 Tanjungpinang",
         "index": index("2025", 2, [3.5] * 9, 87.5, "B", "Baik", 2, True)},
    ]
    data = await api.gql(SATISFACTION, token=admin, period="2025-Q1")
    assert [(r["group"], r["index"]["respondents"], r["index"]["index"]) for r in data["satisfactionByGroup"]] == [
        ("DISDIK", 2, 87.5)]
    assert (await api.gql(SATISFACTION, token=admin, period="2025-Q3"))["satisfactionByGroup"] == []
    # the same numbers as the satisfaction query, which adds up the answers themselves
    for period, agency, unit, group, by in [("2025", "DISDIK", None, "DISDIK", "AGENCY"),
                                            ("2025", "DISDIK", "SDN-001", "DISDIK/SDN-001", "UNIT"),
                                            ("2025-Q2", "DISDIK", None, "DISDIK", "AGENCY")]:
        direct = (await api.gql(INDEX, token=admin, period=period, agency=agency, unit=unit))["satisfaction"]
        rows = (await api.gql(SATISFACTION, token=admin, period=period, groupBy=by))["satisfactionByGroup"]
        assert {r["group"]: r["index"] for r in rows}[group] == direct


async def test_follow_ups_page_through_people_rated_butuh_perbaikan_or_worse(api, world):
    await report_data(api, world)
    admin = world.admin
    everyone = [(TEACHER_1, "BUTUH_PERBAIKAN"), (TEACHER_2, "SANGAT_KURANG"), (CLERK, "KURANG_MISCONDUCT"),
                (NURSE, "BUTUH_PERBAIKAN")]  # by name: Citra, Dewi, Eko, Gita

    def people(data):
        return [(e["node"]["nip"], e["node"]["rating"]["predikat"]) for e in data["followUps"]["edges"]]

    first = await api.gql(FOLLOW_UPS, token=admin, period="2025", first=2)
    assert people(first) == everyone[:2] and first["followUps"]["totalCount"] == 4
    assert first["followUps"]["pageInfo"]["hasNextPage"] is True
    rest = await api.gql(FOLLOW_UPS, token=admin, period="2025", first=2,
                         after=first["followUps"]["pageInfo"]["endCursor"])
    assert people(rest) == everyone[2:] and rest["followUps"]["pageInfo"]["hasNextPage"] is False
    for edge in first["followUps"]["edges"] + rest["followUps"]["edges"]:
        rating = edge["node"]["rating"]
        assert rating["recommendations"] == list(DEVELOPMENT_PLANS[Predikat(rating["predikat"])])
    data = await api.gql(FOLLOW_UPS, token=admin, period="2025", agency="DINKES")
    assert people(data) == [(NURSE, "BUTUH_PERBAIKAN")] and data["followUps"]["totalCount"] == 1
    # BAIK and SANGAT_BAIK are no follow-ups; a reopened rating is none either
    assert people(await api.gql(FOLLOW_UPS, token=admin, period="2025-Q1")) == []
    assert (await api.gql(FOLLOW_UPS, token=admin, period="2025-Q3"))["followUps"]["totalCount"] == 0


# -- scoping ---------------------------------------------------------------------------------------------------------

ALL_REPORTS = [
    ("predikatDistribution", DISTRIBUTION, {"period": "2025"}),
    ("predikatTrend", TREND, {"from": "2025", "to": "2025"}),
    ("indicatorAchievement", ACHIEVEMENT, {"period": "2025-Q1"}),
    ("satisfactionByGroup", SATISFACTION, {"period": "2025"}),
    ("followUps", FOLLOW_UPS, {"period": "2025"}),
]


async def test_each_role_sees_its_own_rows(api, world):
    t = await report_data(api, world)

    async def groups(token, name, query, **variables):
        data = (await api.gql(query, token=token, **variables))[name]
        if name == "followUps":
            return [e["node"]["agency"]["code"] for e in data["edges"]]
        if name == "indicatorAchievement":
            return [r["agency"] for r in data]
        if name == "predikatTrend":
            return [r["total"] for r in data]
        return [r["group"].split("/")[0] for r in data]

    admin_sees = {"predikatDistribution": ["DINKES", "DISDIK"], "predikatTrend": [7],
                  "indicatorAchievement": ["DISDIK", "DPMPTSP"], "satisfactionByGroup": ["DINKES", "DISDIK"],
                  "followUps": ["DISDIK", "DISDIK", "DISDIK", "DINKES"]}
    disdik_sees = {"predikatDistribution": ["DISDIK"], "predikatTrend": [5],
                   "indicatorAchievement": ["DISDIK"], "satisfactionByGroup": ["DISDIK"],
                   "followUps": ["DISDIK", "DISDIK", "DISDIK"]}
    dinkes_sees = {"predikatDistribution": ["DINKES"], "predikatTrend": [2], "indicatorAchievement": [],
                   "satisfactionByGroup": ["DINKES"], "followUps": ["DINKES"]}
    for name, query, variables in ALL_REPORTS:
        assert await groups(world.admin, name, query, **variables) == admin_sees[name], name
        assert await groups(world.disdik_admin, name, query, **variables) == disdik_sees[name], name
        assert await groups(world.disdik_admin, name, query, agency="DISDIK", **variables) == disdik_sees[name], name
        assert await groups(world.dinkes_admin, name, query, **variables) == dinkes_sees[name], name
        # another agency, and an unknown one, read as no rows alike
        for agency in ("DINKES", "NOPE", "not a code!"):
            assert await groups(world.disdik_admin, name, query, agency=agency, **variables) == [], (name, agency)
        assert await groups(world.admin, name, query, agency="NOPE", **variables) == [], name
        # EMPLOYEE: refused, whatever it supervises; no token: unauthenticated
        for token in (world.principal, t.head):
            errors = await api.errors(query, token=token, **variables)
            assert [e["extensions"]["code"] for e in errors] == ["FORBIDDEN"], (name, errors)
        errors = await api.errors(query, **variables)
        assert [e["extensions"]["code"] for e in errors] == ["UNAUTHENTICATED"], (name, errors)
        errors = await api.errors(query, token="knj_not-a-token", **variables)
        assert [e["extensions"]["code"] for e in errors] == ["UNAUTHENTICATED"], (name, errors)
    assert (await api.gql(FOLLOW_UPS, token=world.dinkes_admin, period="2025", agency="DISDIK"))["followUps"][
        "totalCount"] == 0


async def test_nested_and_aliased_queries_stay_in_the_agency(api, world):
    await report_data(api, world)
    query = """query {
      mine: predikatDistribution(period: "2025", groupBy: UNIT) { group }
      theirs: predikatDistribution(period: "2025", groupBy: UNIT, agency: "DINKES") { group }
      trend: predikatTrend(agency: "DINKES", fromPeriod: "2025", toPeriod: "2025") { total }
      ikm: satisfactionByGroup(period: "2025", groupBy: UNIT, agency: "DINKES") { group }
      other: followUps(period: "2025", agency: "DINKES") { totalCount edges { node { nip } } }
      own: followUps(period: "2025") { totalCount edges { node {
        nip agency { code } unit { code } supervisor { nip agency { code } } subordinates { nip }
        rating(period: "2025") { predikat person { nip agency { code } } } } } }
    }"""
    data = await api.gql(query, token=world.disdik_admin)
    assert [r["group"] for r in data["mine"]] == ["DISDIK/SDN-001", "DISDIK/SEKRETARIAT"]
    assert data["theirs"] == [] and data["trend"] == [] and data["ikm"] == []
    assert data["other"] == {"totalCount": 0, "edges": []}
    nodes = [e["node"] for e in data["own"]["edges"]]
    assert data["own"]["totalCount"] == 3 and [n["nip"] for n in nodes] == [TEACHER_1, TEACHER_2, CLERK]
    assert {n["agency"]["code"] for n in nodes} == {"DISDIK"}
    assert {n["supervisor"]["agency"]["code"] for n in nodes} == {"DISDIK"}
    assert {n["rating"]["person"]["agency"]["code"] for n in nodes} == {"DISDIK"}
    # the nurse's head, seen by the DINKES admin through a follow-up, is DINKES's; DISDIK's people never show
    data = await api.gql("""{ followUps(period: "2025") { edges { node { nip supervisor { nip }
      subordinates { nip } } } } }""", token=world.dinkes_admin)
    assert data["followUps"]["edges"] == [{"node": {"nip": NURSE, "supervisor": {"nip": DINKES_HEAD},
                                                    "subordinates": []}}]


# -- bad arguments ---------------------------------------------------------------------------------------------------

async def test_bad_arguments_are_named(api, world):
    admin = world.admin

    async def error(query, **variables):
        errors = await api.errors(query, token=admin, **variables)
        assert len(errors) == 1, errors
        return errors[0]["extensions"].get("code"), errors[0]["extensions"].get("argument")

    for bad in ("2025-Q5", "2025-13", "25", "2025/Q1", "", " 2025-q1", "2025-1"):
        for name, query, variables in ALL_REPORTS:
            if name == "predikatTrend":
                assert await error(query, **{"from": bad, "to": "2025"}) == ("INVALID_PERIOD", "fromPeriod"), bad
                assert await error(query, **{"from": "2025", "to": bad}) == ("INVALID_PERIOD", "toPeriod"), bad
            else:
                assert await error(query, **{**variables, "period": bad}) == ("INVALID_PERIOD", "period"), (name, bad)
    assert await error(TREND, **{"from": "2025", "to": "2025-Q4"}) == ("BAD_ARGUMENT", "toPeriod")
    assert await error(TREND, **{"from": "2025-Q1", "to": "2025-03"}) == ("BAD_ARGUMENT", "toPeriod")
    assert await error(TREND, **{"from": "2025-Q2", "to": "2025-Q1"}) == ("BAD_ARGUMENT", "fromPeriod")
    assert await error(TREND, **{"from": "2026", "to": "2025"}) == ("BAD_ARGUMENT", "fromPeriod")
    assert await error(TREND, **{"from": "2000-01", "to": "2025-12"}) == ("BAD_ARGUMENT", "toPeriod")  # 312 months
    assert len((await api.gql(TREND, token=admin, **{"from": "2024-11", "to": "2025-02"}))["predikatTrend"]) == 4
    for first in (0, -1, 101):
        assert await error(FOLLOW_UPS, period="2025", first=first) == ("BAD_PAGE_SIZE", "first")
    assert await error(FOLLOW_UPS, period="2025", after="garbage") == ("BAD_CURSOR", "after")
    errors = await api.errors("""{ predikatDistribution(period: "2025", groupBy: REGION) { group } }""", token=admin)
    assert "REGION" in errors[0]["message"]


# -- statement counts ------------------------------------------------------------------------------------------------

async def test_statement_counts_do_not_grow_with_the_rows(api, world, sql_counter):
    await report_data(api, world)
    admin = world.admin

    async def statements(query, expect_rows, token=admin, **variables) -> int:
        with sql_counter:
            data = await api.gql(query, token=token, **variables)
        found = next(iter(data.values()))
        size = len(found["edges"]) if isinstance(found, dict) else len(found)
        assert size == expect_rows, (variables, found)
        return sql_counter.count

    # (query, [(variables, rows)], statements): the same count whatever the number of rows. A report computed
    # reads the data generation too (services/reports/cache.py); followUps is not kept
    cases = [
        (DISTRIBUTION, [({"period": "2025"}, 2), ({"period": "2025-Q3"}, 1), ({"period": "2025-Q1"}, 1)], 3),
        (DISTRIBUTION, [({"period": "2025", "groupBy": "UNIT"}, 3), ({"period": "2025-Q2", "groupBy": "UNIT"}, 1)],
         3),
        (TREND, [({"from": "2025-Q1", "to": "2025-Q4", "agency": "DISDIK"}, 4),
                 ({"from": "2025", "to": "2025", "agency": "DISDIK"}, 1)], 6),
        (TREND, [({"from": "2024-01", "to": "2025-12"}, 24), ({"from": "2025", "to": "2025"}, 1)], 3),
        (ACHIEVEMENT, [({"period": "2025-Q1"}, 2), ({"period": "2025-Q2"}, 1)], 3),
        (SATISFACTION, [({"period": "2025"}, 2), ({"period": "2025-Q1"}, 1)], 4),
        (SATISFACTION, [({"period": "2025", "groupBy": "UNIT"}, 2), ({"period": "2025-Q1", "groupBy": "UNIT"}, 1)],
         5),
        # token, page, count; then one batch each: agencies, ratings
        (FOLLOW_UPS, [({"period": "2025", "first": 4}, 4), ({"period": "2025", "first": 1}, 1)], 5),
    ]
    for query, runs, expected in cases:
        found = [await statements(query, rows, **variables) for variables, rows in runs]
        assert found == [expected] * len(runs), (query, runs, found, sql_counter.statements)
    # an agency admin: the same statements (its agency is known from its token)
    assert await statements(DISTRIBUTION, 1, token=world.disdik_admin, period="2025") == 3
    # asked again with nothing written since: the token and the generation only
    assert await statements(DISTRIBUTION, 2, period="2025") == 2
    assert await statements(TREND, 24, **{"from": "2024-01", "to": "2025-12"}) == 2
