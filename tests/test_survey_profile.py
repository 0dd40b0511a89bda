"""The respondent's profile of the survey (PermenPANRB 14/2017 questionnaire: age band, sex, education, occupation):
stored with the answer; each bad value refused at its field with nothing written; satisfactionByGroup by each
dimension hand-worked; the small-group rule at its boundary; who may read the breakdown; the audit trail keeping
the profile from anyone but ADMIN; the CSV export; the rollup kept exact (and filled by migration 0014)."""

from __future__ import annotations

import importlib
import types

import pytest
from conftest import start_api, stop_api
from kinerja.models import AuditEvent, SurveyProfileRollup, SurveyResponse, SurveyRollup
from kinerja.services.core import rollups, sql
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.core.errors import AccessDenied, BadArgument, InputError
from kinerja.services.cycles import workflow as cycles
from kinerja.services.reports import satisfaction_by_group
from kinerja.services.survey import satisfaction
from kinerja.services.survey.satisfaction import FeedbackData
from tortoise.transactions import in_transaction
from world import World, build_world

ADMIN = Access(SYSTEM)
FEEDBACK = """mutation($input: FeedbackInput!) { submitFeedback(input: $input) {
  accepted errors { path code message } } }"""
BY_GROUP = """query($period: String!, $groupBy: SatisfactionGroup, $agency: String) {
  satisfactionByGroup(period: $period, groupBy: $groupBy, agency: $agency) {
    group label respondents withheld index { respondents index grade elementAverages requiredSample } } }"""
TRAIL = """query($id: String!) { auditTrail(entity: "survey_response", id: $id) { action after } }"""
MIN_GROUP = 3  # the app's KINERJA_SURVEY_MIN_GROUP in these tests

# (agency, period, profile, answers): the answers every test here starts from, hand-worked below
ANSWERS = [
    ("DISDIK", "2025-Q1", {"sex": "PEREMPUAN", "education": "S3", "age_band": "AGE_26_35", "occupation": "PNS"},
     [4] * 9),                                                                            # A: 36
    ("DISDIK", "2025-Q1", {"sex": "PEREMPUAN", "education": "SMA", "age_band": "AGE_26_35", "occupation": "SWASTA"},
     [3] * 9),                                                                            # B: 27
    ("DISDIK", "2025-Q1", {"sex": "LAKI_LAKI", "education": "SMA", "age_band": "AGE_17_25", "occupation": "SWASTA"},
     [4, 3, 2, 1, 4, 3, 2, 1, 4]),                                                        # C: 24
    ("DISDIK", "2025-Q1", {"sex": "LAKI_LAKI", "education": "SMA", "occupation": "WIRAUSAHA"}, [2] * 9),  # D: 18
    ("DISDIK", "2025-Q1", {}, [1] * 9),                                                   # E: 9, nothing stated
    ("DISDIK", "2025-Q2", {"sex": "PEREMPUAN", "education": "D4_S1", "age_band": "AGE_26_35", "occupation": "PNS"},
     [4, 4, 4, 4, 4, 4, 4, 4, 1]),                                                        # F: 33
    ("DINKES", "2025-Q1", {"sex": "PEREMPUAN", "education": "SMA", "age_band": "AGE_46_55", "occupation": "LAINNYA"},
     [4] * 9),                                                                            # G: 36
]


@pytest.fixture
async def api(database_url: str):
    api, handles = await start_api(database_url, feedback_limit=1000, survey_min_group=MIN_GROUP)
    yield api
    await stop_api(handles)


async def open_cycle() -> None:
    await cycles.set_cycle_status(ADMIN, 2025, "ACTIVE")


async def submit(agency: str, period: str, answers: list[int], address: str = "10.9.9.9", **profile) -> None:
    await satisfaction.submit_feedback(FeedbackData(agency=agency, period=period, answers=answers, **profile),
                                       address, 1000, 3600)


@pytest.fixture
async def answered(api) -> World:
    world = await build_world()
    await open_cycle()
    for agency, period, profile, answers in ANSWERS:
        await submit(agency, period, answers, **profile)
    return world


def shown(rows) -> list[tuple]:
    """(group, respondents, index or None) of each service row."""
    return [(r.group, r.respondents, r.index.index if r.index else None) for r in rows]


async def nothing_written() -> None:
    assert await SurveyResponse.all().count() == 0
    assert await AuditEvent.filter(action="survey.submit").count() == 0
    assert await SurveyRollup.all().count() == 0 and await SurveyProfileRollup.all().count() == 0


# -- stored ----------------------------------------------------------------------------------------------------------

async def test_the_profile_is_stored_with_the_answer_and_counted(api):
    world = await build_world()
    await open_cycle()
    data = await api.gql(FEEDBACK, input={"agency": "DISDIK", "period": "2025-Q1", "answers": [4] * 9,
                                          "ageBand": "AGE_OVER_55", "sex": "PEREMPUAN", "education": "D1_D3",
                                          "occupation": "PELAJAR_MAHASISWA"})
    assert data["submitFeedback"] == {"accepted": True, "errors": []}
    data = await api.gql(FEEDBACK, input={"agency": "DISDIK", "period": "2025-Q1", "answers": [3] * 9,
                                          "sex": None, "education": "SMP"})  # each part is optional
    assert data["submitFeedback"]["accepted"]
    first, second = await SurveyResponse.all().order_by("id")
    assert (first.age_band, first.sex, first.education, first.occupation) == (
        "AGE_OVER_55", "PEREMPUAN", "D1_D3", "PELAJAR_MAHASISWA")
    assert (second.age_band, second.sex, second.education, second.occupation) == (None, None, "SMP", None)
    # the audit event holds it (ADMIN reads it in the trail), each answer adds one row per dimension to the rollup
    event = await AuditEvent.filter(action="survey.submit", entity_id=str(first.id)).get()
    assert event.after["respondent_profile"] == {"age_band": "AGE_OVER_55", "sex": "PEREMPUAN",
                                                 "education": "D1_D3", "occupation": "PELAJAR_MAHASISWA"}
    counted = {(r.dimension, r.value): (r.respondents, r.u1) for r in await SurveyProfileRollup.all()}
    assert counted == {("AGE_BAND", "AGE_OVER_55"): (1, 4), ("SEX", "PEREMPUAN"): (1, 4),
                       ("EDUCATION", "D1_D3"): (1, 4), ("OCCUPATION", "PELAJAR_MAHASISWA"): (1, 4),
                       ("AGE_BAND", "NOT_STATED"): (1, 3), ("SEX", "NOT_STATED"): (1, 3),
                       ("EDUCATION", "SMP"): (1, 3), ("OCCUPATION", "NOT_STATED"): (1, 3)}
    assert await rollups.check() == []
    assert world.admin  # the world's tokens are not needed: the form is public


async def test_codes_are_read_trimmed_in_any_case_and_blank_is_not_stated(api):
    await build_world()
    await open_cycle()
    await submit("DISDIK", "2025-Q1", [4] * 9, sex=" perempuan ", education="", age_band="  ", occupation="tni_polri")
    row = await SurveyResponse.get()
    assert (row.sex, row.education, row.age_band, row.occupation) == ("PEREMPUAN", None, None, "TNI_POLRI")


# -- refused ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("column, value, field, code", [
    ("age_band", "AGE_99", "ageBand", "UNKNOWN_VALUE"),
    ("age_band", "25", "ageBand", "UNKNOWN_VALUE"),  # an age in years is no band
    ("age_band", 25, "ageBand", "INVALID_TYPE"),
    ("sex", "L", "sex", "UNKNOWN_VALUE"),
    ("sex", 1, "sex", "INVALID_TYPE"),
    ("sex", True, "sex", "INVALID_TYPE"),
    ("education", "SMK", "education", "UNKNOWN_VALUE"),
    ("education", ["S1"], "education", "INVALID_TYPE"),
    ("occupation", "PETANI", "occupation", "UNKNOWN_VALUE"),
    ("occupation", {"code": "PNS"}, "occupation", "INVALID_TYPE"),
])
async def test_each_bad_value_is_refused_at_its_field_and_nothing_is_written(api, column, value, field, code):
    await build_world()
    await open_cycle()
    with pytest.raises(InputError) as refused:
        await submit("DISDIK", "2025-Q1", [4] * 9, **{column: value})
    problem, = refused.value.problems
    assert (problem.path, problem.code) == (("input", field), code)
    assert field in problem.message and repr(value)[:20] in problem.message
    if field == "sex":  # the message names what the field takes
        assert "LAKI_LAKI, PEREMPUAN" in problem.message
    await nothing_written()


async def test_two_bad_fields_are_two_problems_alongside_the_others(api):
    await build_world()
    await open_cycle()
    with pytest.raises(InputError) as refused:
        await submit("DISDIK", "2025-Q1", [4] * 8, sex="X", occupation=7)
    assert sorted((p.path, p.code) for p in refused.value.problems) == [
        (("input", "answers"), "WRONG_COUNT"), (("input", "occupation"), "INVALID_TYPE"),
        (("input", "sex"), "UNKNOWN_VALUE")]
    await nothing_written()


@pytest.mark.parametrize("field, value, named", [
    ("sex", "L", "RespondentSex"),
    ("ageBand", "AGE_17_24", "RespondentAgeBand"),
    ("education", 3, "RespondentEducation"),
    ("occupation", ["PNS"], "RespondentOccupation"),
])
async def test_graphql_refuses_a_value_outside_the_enum_naming_the_field(api, field, value, named):
    await build_world()
    await open_cycle()
    errors = await api.errors(FEEDBACK, input={"agency": "DISDIK", "period": "2025-Q1", "answers": [4] * 9,
                                               field: value})
    assert len(errors) == 1 and field in errors[0]["message"] and named in errors[0]["message"], errors
    await nothing_written()


# -- grouped, hand-worked --------------------------------------------------------------------------------------------

async def test_grouped_by_each_dimension_hand_worked(answered):
    """DISDIK 2025 (its quarters Q1 and Q2), every group shown (a minimum of 1). IKM = 25 x sum / (9 x n)."""
    async def rows(group: str, agency: str | None = "DISDIK", period: str = "2025"):
        return shown(await satisfaction_by_group(ADMIN, period, group, agency, min_group=1))

    # PEREMPUAN A+B+F: 96 / 27 x 25 = 88.888.. ; LAKI_LAKI C+D: 42 / 18 x 25 = 58.33; E alone: 25
    assert await rows("SEX") == [("LAKI_LAKI", 2, 58.33), ("PEREMPUAN", 3, 88.89), ("NOT_STATED", 1, 25.0)]
    assert await rows("SEX", period="2025-Q1") == [  # without F: A+B 63 / 18 x 25 = 87.5
        ("LAKI_LAKI", 2, 58.33), ("PEREMPUAN", 2, 87.5), ("NOT_STATED", 1, 25.0)]
    # the form's order: SMA 69 / 27 x 25 = 63.89, D4_S1 F 33 / 9 x 25 = 91.67, S3 A 100
    assert await rows("EDUCATION") == [("SMA", 3, 63.89), ("D4_S1", 1, 91.67), ("S3", 1, 100.0),
                                       ("NOT_STATED", 1, 25.0)]
    # C 24 / 9 x 25 = 66.67; A+B+F 88.89; D+E 27 / 18 x 25 = 37.5
    assert await rows("AGE_BAND") == [("AGE_17_25", 1, 66.67), ("AGE_26_35", 3, 88.89), ("NOT_STATED", 2, 37.5)]
    # A+F 69 / 18 x 25 = 95.83; B+C 51 / 18 x 25 = 70.83; D 50; E 25
    assert await rows("OCCUPATION") == [("PNS", 2, 95.83), ("SWASTA", 2, 70.83), ("WIRAUSAHA", 1, 50.0),
                                        ("NOT_STATED", 1, 25.0)]
    # ADMIN without an agency: every agency together; PEREMPUAN A+B+F+G 132 / 36 x 25 = 91.67
    assert await rows("SEX", agency=None) == [("LAKI_LAKI", 2, 58.33), ("PEREMPUAN", 4, 91.67),
                                              ("NOT_STATED", 1, 25.0)]
    assert await rows("SEX", period="2025-Q3") == []  # nobody answered
    # the element averages and the grade, and a group has no sample to reach
    perempuan = (await satisfaction_by_group(ADMIN, "2025", "SEX", "DISDIK", min_group=1))[1].index
    assert [round(a, 4) for a in perempuan.element_averages] == [3.6667] * 8 + [2.6667]
    assert (perempuan.grade, perempuan.label, perempuan.required_sample) == ("A", "Sangat Baik", None)


@pytest.mark.parametrize("minimum, expected", [
    # LAKI_LAKI 2, PEREMPUAN 3, NOT_STATED 1 (DISDIK 2025)
    (1, [("LAKI_LAKI", 2, 58.33), ("PEREMPUAN", 3, 88.89), ("NOT_STATED", 1, 25.0)]),
    # NOT_STATED (1) is withheld; alone it would be the total minus the rows shown: LAKI_LAKI (2, the smallest
    # shown) goes with it
    (2, [("PEREMPUAN", 3, 88.89), ("WITHHELD", 3, None)]),
    # PEREMPUAN has the minimum (3): shown; LAKI_LAKI and NOT_STATED pooled hold 3 already
    (3, [("PEREMPUAN", 3, 88.89), ("WITHHELD", 3, None)]),
    # PEREMPUAN is one short of the minimum (4): withheld too; nothing is shown
    (4, [("WITHHELD", 6, None)]),
])
async def test_the_small_group_rule_at_its_boundary(answered, minimum, expected):
    assert shown(await satisfaction_by_group(ADMIN, "2025", "SEX", "DISDIK", min_group=minimum)) == expected


async def test_the_one_s3_respondent_is_never_shown(answered):
    """A (PEREMPUAN, S3) is the only S3 respondent: by EDUCATION it is pooled with the other small groups."""
    rows = await satisfaction_by_group(ADMIN, "2025", "EDUCATION", "DISDIK", min_group=MIN_GROUP)
    assert shown(rows) == [("SMA", 3, 63.89), ("WITHHELD", 3, None)]
    pooled = rows[-1]
    assert pooled.withheld and pooled.index is None and "3 responden" in pooled.label


async def test_graphql_breakdown_with_the_setting_and_indonesian_labels(api, answered):
    rows = (await api.gql(BY_GROUP, token=answered.admin, period="2025", groupBy="SEX",
                          agency="DISDIK"))["satisfactionByGroup"]
    assert rows == [
        {"group": "PEREMPUAN", "label": "Perempuan", "respondents": 3, "withheld": False,
         "index": {"respondents": 3, "index": 88.89, "grade": "A",
                   "elementAverages": [pytest.approx(11 / 3)] * 8 + [pytest.approx(8 / 3)], "requiredSample": None}},
        {"group": "WITHHELD", "label": "Kelompok kecil, digabung (IKM ditampilkan mulai 3 responden)",
         "respondents": 3, "withheld": True, "index": None}]
    age = (await api.gql(BY_GROUP, token=answered.admin, period="2025", groupBy="AGE_BAND",
                         agency="DISDIK"))["satisfactionByGroup"]
    assert [(r["group"], r["label"], r["respondents"]) for r in age] == [
        ("AGE_26_35", "26–35 tahun", 3), ("WITHHELD", age[-1]["label"], 3)]
    # agency and unit rows are as before: never withheld
    agencies = (await api.gql(BY_GROUP, token=answered.admin, period="2025"))["satisfactionByGroup"]
    assert [(r["group"], r["respondents"], r["withheld"]) for r in agencies] == [("DINKES", 1, False),
                                                                                 ("DISDIK", 6, False)]


async def test_the_rollup_agrees_and_the_migration_fills_it(answered):
    assert await rollups.check() == []
    await SurveyProfileRollup.all().delete()
    # DISDIK Q1 (A-E): 3 age bands, 3 sexes, 3 educations, 4 occupations; DISDIK Q2 (F) and DINKES Q1 (G): 4 each
    assert len(await rollups.check()) == 13 + 4 + 4
    module = importlib.import_module("kinerja.migrations.0014_survey_respondent_profile")
    async with in_transaction() as conn:
        await module.fill_profile_rollup(None, types.SimpleNamespace(client=conn))
    assert await rollups.check() == []
    assert module.Migration.dependencies == [("models", "0013_objections")]


async def test_a_rebuild_before_migration_0014_leaves_the_later_table_alone(answered):
    """Migrations 0004 and 0010 call rebuild() on the schema of their time, without survey_profile_rollup."""
    conn = sql.connection()
    await conn.execute_query("DROP TABLE survey_profile_rollup")
    await conn.execute_query("DELETE FROM survey_rollup")
    async with in_transaction() as conn:
        await rollups.rebuild(conn)
    assert await SurveyRollup.filter(unit_id=0).count() == 3  # DISDIK Q1, Q2, DINKES Q1


# -- who reads it ----------------------------------------------------------------------------------------------------

async def test_who_may_read_the_breakdown(api, answered):
    world = answered

    async def groups(token: str | None, **variables) -> list[tuple[str, int]]:
        rows = (await api.gql(BY_GROUP, token=token, period="2025", groupBy="OCCUPATION",
                              **variables))["satisfactionByGroup"]
        return [(r["group"], r["respondents"]) for r in rows]

    # DISDIK: PNS 2, SWASTA 2, WIRAUSAHA 1, NOT_STATED 1; DINKES: LAINNYA 1
    assert await groups(world.admin) == [("WITHHELD", 7)]
    assert await groups(world.disdik_admin) == [("WITHHELD", 6)]  # its own agency without naming it
    assert await groups(world.disdik_admin, agency="DINKES") == []  # another agency reads as no rows
    assert await groups(world.dinkes_admin) == [("WITHHELD", 1)]
    for token in (world.teacher, world.principal):  # employees read no reports
        errors = await api.errors(BY_GROUP, token=token, period="2025", groupBy="SEX")
        assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    errors = await api.errors(BY_GROUP, period="2025", groupBy="SEX")
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    with pytest.raises(AccessDenied):
        await satisfaction_by_group(Access(await _viewer(world.teacher)), "2025", "SEX")


async def _viewer(token: str):
    from kinerja.services.auth.tokens import resolve_authorization
    return await resolve_authorization(f"Bearer {token}")


async def test_bad_groupings_are_named(api, answered):
    with pytest.raises(BadArgument) as bad:
        await satisfaction_by_group(ADMIN, "2025", "REGION")
    assert str(bad.value) == ("groupBy must be AGENCY, UNIT, AGE_BAND, SEX, EDUCATION or OCCUPATION, "
                              "got 'REGION'") and bad.value.argument == "groupBy"
    errors = await api.errors("""{ predikatDistribution(period: "2025", groupBy: SEX) { group } }""",
                              token=answered.admin)
    assert "ReportGroup" in errors[0]["message"]  # the profile is the survey's, not the ratings'


async def test_the_audit_trail_shows_the_profile_to_admin_only(api, answered):
    answer = await SurveyResponse.filter(sex="PEREMPUAN", education="S3").get()
    by_admin, = (await api.gql(TRAIL, token=answered.admin, id=str(answer.id)))["auditTrail"]
    assert by_admin["after"]["respondent_profile"]["education"] == "S3"
    by_agency, = (await api.gql(TRAIL, token=answered.disdik_admin, id=str(answer.id)))["auditTrail"]
    assert by_agency["after"]["respondent_profile"] is None
    assert by_agency["after"]["answers"] == [4] * 9  # the rest as before


# -- the CSV export --------------------------------------------------------------------------------------------------

async def test_the_csv_export_groups_by_the_profile_too(api, answered):
    headers = {"Authorization": f"Bearer {answered.admin}"}
    response = await api.client.get("/reports/satisfaction-by-group.csv", headers=headers,
                                    params={"period": "2025", "groupBy": "sex", "agency": "DISDIK"})
    assert response.status_code == 200, response.text
    assert 'filename="satisfaction-by-group-2025-DISDIK-sex.csv"' in response.headers["content-disposition"]
    header, perempuan, pooled, end = response.text.split("\r\n")
    assert header.split(",")[:4] == ["group", "label", "period", "respondents"] and header.endswith(",withheld")
    assert perempuan.startswith("PEREMPUAN,Perempuan,2025,3,88.89,A,Sangat Baik,,false,3.67,")
    assert perempuan.endswith(",2.67,false")
    assert pooled == ("WITHHELD,\"Kelompok kecil, digabung (IKM ditampilkan mulai 3 responden)\",2025,3,"
                      + "," * 14 + "true") and end == ""
    refused = await api.client.get("/reports/predikat-distribution.csv", headers=headers,
                                   params={"period": "2025", "groupBy": "SEX"})
    assert refused.status_code == 400 and "groupBy must be AGENCY or UNIT, got 'SEX'" in refused.text
    refused = await api.client.get("/reports/satisfaction-by-group.csv", headers=headers,
                                   params={"period": "2025", "groupBy": "REGION"})
    assert refused.status_code == 400 and "AGE_BAND, SEX, EDUCATION or OCCUPATION" in refused.text
