"""The unit-head rule (SE MenPANRB 3/2023): when the person assessed heads a unit, the unit's results are that
person's results rating. The suggestion follows the unit's organisation predikat when it has one (the configurable
mapping), else the unit's indicator achievement through the hook; assessmentContext shows it and finalizeRating checks
the rating against it. A plugin written with the hook's old signature keeps working."""

from __future__ import annotations

import textwrap

import pytest

from conftest import start_api, stop_api
from kinerja.models import Rating
from kinerja.services.auth import tokens
from kinerja.settings import Settings, SettingsError
from world import HEAD, PRINCIPAL, TEACHER_1, build_world

CONTEXT = """query($nip: String!, $period: String!) { assessmentContext(nip: $nip, period: $period) {
  headsUnit suggestion { rating reason measurements { target { unit { code } person { nip } } } }
  unitHead { unit { code name } orgPredikat fromOrgPredikat basis
    suggestion { rating reason measurements { period achievement suggestedRating target { unit { code } } } } } } }"""
TARGETS = """mutation($input: [TargetInput!]!) { setTargets(input: $input) { targets { id }
  errors { code message } } }"""
MEASURE = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) {
  measurements { suggestedRating } errors { path code message } } }"""
STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }"
UNIT_ORG = """mutation($predikat: OrgPredikat!, $period: String = "2025") { setUnitOrgPredikat(agency: "DISDIK",
  unit: "SDN-001", period: $period, predikat: $predikat) { errors { code } } }"""
ASSESS = """mutation($input: AssessmentInput!) { submitSupervisorAssessment(input: $input) { assessment { version }
  errors { code message } } }"""
FINALIZE = """mutation($nip: String!, $override: String) { finalizeRating(input: {nip: $nip, period: "2025",
  overrideReason: $override}) { rating { suggestedResultRating suggestionReason resultRating overrideReason }
  errors { path code message } } }"""
SUGGESTED = """query($nip: String!, $period: String!) { suggestedResultRating(nip: $nip, period: $period) {
  rating reason } }"""
ABOVE, MEETS, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"


async def ok(api, query, token, **variables) -> dict:
    payload = next(iter((await api.gql(query, token=token, **variables)).values()))
    assert not payload.get("errors"), payload
    return payload


async def school_results(api, world) -> None:
    """SDN-001's graduation target (80 %) measured for the year at 99 of 100 (above expectation), and TEACHER_1's
    own participation target measured in 2025-Q1; the cycle then ACTIVE."""
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    created = await ok(api, TARGETS, world.admin, input=[
        {"cycle": 2025, "indicator": "DISDIK.KELULUSAN", "unit": "SDN-001", "workResult": "Kelulusan", "value": 80},
        {"cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "nip": TEACHER_1, "workResult": "Sosialisasi",
         "value": 75}])
    school, teacher = (t["id"] for t in created["targets"])
    await ok(api, STATUS, world.admin, s="ACTIVE")
    done = await ok(api, MEASURE, world.admin, input=[
        {"target": school, "period": "2025", "inputs": {"graduates": 99, "final_year_students": 100}},
        {"target": teacher, "period": "2025-Q1", "inputs": {"participants": 60, "invited": 80}}])
    assert done["measurements"][0]["suggestedRating"] == ABOVE


async def context(api, token, who=PRINCIPAL, period="2025") -> dict:
    return (await api.gql(CONTEXT, token=token, nip=who, period=period))["assessmentContext"]


async def test_the_unit_head_suggestion_follows_the_predikat_else_the_units_achievements(api, world):
    await school_results(api, world)
    # no predikat: the unit's achievements through the hook (one result, above: above)
    found = await context(api, world.disdik_admin)
    head = found["unitHead"]
    assert found["headsUnit"] is True
    assert (head["unit"], head["orgPredikat"], head["fromOrgPredikat"], head["basis"]) == (
        {"code": "SDN-001", "name": "SD Negeri 001 Tanjungpinang"}, None, None, "ACHIEVEMENTS")
    assert head["suggestion"]["rating"] == ABOVE
    assert [(m["period"], m["target"]["unit"]["code"]) for m in head["suggestion"]["measurements"]] == [
        ("2025", "SDN-001")]
    assert "head of unit DISDIK/SDN-001: no organisation predikat for 2025" in head["suggestion"]["reason"]
    # the suggestion the rating is checked against is the unit's: the principal has no measurements of their own
    assert found["suggestion"]["rating"] == ABOVE
    assert found["suggestion"]["measurements"][0]["target"] == {"unit": {"code": "SDN-001"}, "person": None}

    # a period with neither a predikat nor a unit measurement: nothing from the unit, the person's own suggestion
    empty = await context(api, world.disdik_admin, period="2025-Q1")
    assert (empty["unitHead"]["basis"], empty["unitHead"]["suggestion"]["rating"]) == ("NOTHING", None)
    assert empty["unitHead"]["suggestion"]["measurements"] == []
    assert empty["suggestion"]["rating"] is None and "no measurements of" in empty["suggestion"]["reason"]

    # the unit's predikat decides, whatever its achievements say: BUTUH_PERBAIKAN -> below (the default mapping)
    await ok(api, UNIT_ORG, world.disdik_admin, predikat="BUTUH_PERBAIKAN")
    head = (await context(api, world.disdik_admin))["unitHead"]
    assert (head["orgPredikat"], head["fromOrgPredikat"], head["basis"], head["suggestion"]["rating"]) == (
        "BUTUH_PERBAIKAN", BELOW, "ORG_PREDIKAT", BELOW)
    assert len(head["suggestion"]["measurements"]) == 1  # still shown: the unit's achievements
    for org, mapped in (("ISTIMEWA", ABOVE), ("BAIK", MEETS), ("KURANG", BELOW), ("SANGAT_KURANG", BELOW)):
        await ok(api, UNIT_ORG, world.admin, predikat=org)
        assert (await context(api, world.admin))["unitHead"]["suggestion"]["rating"] == mapped, org

    # who is not a unit head has none; another agency's admin sees no context at all
    teacher = await context(api, world.principal, who=TEACHER_1)
    assert (teacher["headsUnit"], teacher["unitHead"]) == (False, None)
    assert await context(api, world.dinkes_admin) is None


async def test_finalizing_a_unit_head_checks_the_rating_against_the_unit(api, world):
    await school_results(api, world)
    await ok(api, UNIT_ORG, world.disdik_admin, predikat="BUTUH_PERBAIKAN")
    await ok(api, STATUS, world.admin, s="EVALUATION")
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    await ok(api, ASSESS, head, input={"nip": PRINCIPAL, "period": "2025", "resultRating": "SESUAI_EKSPEKTASI",
                                       "behaviorRating": "SESUAI_EKSPEKTASI"})
    refused = (await api.gql(FINALIZE, token=head, nip=PRINCIPAL))["finalizeRating"]
    assert [(e["code"], e["path"]) for e in refused["errors"]] == [
        ("OVERRIDE_REASON_REQUIRED", ["input", "overrideReason"])]
    assert ("differs from the suggested DI_BAWAH_EKSPEKTASI (head of unit DISDIK/SDN-001: the unit's organisation "
            "predikat for 2025 is BUTUH_PERBAIKAN") in refused["errors"][0]["message"]
    assert not await Rating.exists()
    done = (await api.gql(FINALIZE, token=head, nip=PRINCIPAL, override="Sekolah membaik di semester kedua"))
    rating = done["finalizeRating"]["rating"]
    assert (rating["resultRating"], rating["suggestedResultRating"]) == (MEETS, BELOW)
    assert "maps to DI_BAWAH_EKSPEKTASI" in rating["suggestionReason"]
    assert rating["overrideReason"] == "Sekolah membaik di semester kedua"


@pytest.fixture
async def configured(database_url, request):
    """The app with the settings of the test's parameter, and the world."""
    api, handles = await start_api(database_url, **request.param)
    try:
        yield api, await build_world()
    finally:
        await stop_api(handles)


MAPPING = (("ISTIMEWA", ABOVE), ("BAIK", ABOVE), ("BUTUH_PERBAIKAN", MEETS), ("KURANG", BELOW),
           ("SANGAT_KURANG", BELOW))


@pytest.mark.parametrize("configured", [{"unit_head_ratings": MAPPING}], indirect=True)
async def test_the_mapping_is_configurable(configured):
    api, world = configured
    await ok(api, UNIT_ORG, world.admin, predikat="BAIK")
    head = (await context(api, world.admin))["unitHead"]
    assert (head["fromOrgPredikat"], head["suggestion"]["rating"]) == (ABOVE, ABOVE)
    await ok(api, UNIT_ORG, world.admin, predikat="BUTUH_PERBAIKAN")
    assert (await context(api, world.admin))["unitHead"]["suggestion"]["rating"] == MEETS


def test_the_mapping_setting_names_every_predikat_once():
    env = "KINERJA_UNIT_HEAD_RATINGS"
    full = "ISTIMEWA=DI_ATAS_EKSPEKTASI,BAIK=DI_ATAS_EKSPEKTASI,BUTUH_PERBAIKAN=SESUAI_EKSPEKTASI," \
           "KURANG=DI_BAWAH_EKSPEKTASI,SANGAT_KURANG=DI_BAWAH_EKSPEKTASI"
    assert Settings.from_env({env: full}).unit_head_ratings == MAPPING
    assert Settings.from_env({env: full.lower().replace(",", " , ")}).unit_head_ratings == MAPPING
    assert Settings.from_env({}).unit_head_ratings == (
        ("ISTIMEWA", ABOVE), ("BAIK", MEETS), ("BUTUH_PERBAIKAN", BELOW), ("KURANG", BELOW), ("SANGAT_KURANG", BELOW))
    for text, message in [
        (full.replace(",SANGAT_KURANG=DI_BAWAH_EKSPEKTASI", ""), "missing: SANGAT_KURANG"),
        (full + ",BAIK=SESUAI_EKSPEKTASI", "names BAIK twice"),
        (full.replace("ISTIMEWA=", "LUAR_BIASA="), "'LUAR_BIASA=DI_ATAS_EKSPEKTASI' is not one"),
        (full.replace("KURANG=DI_BAWAH_EKSPEKTASI,", "KURANG=JELEK,"), "'KURANG=JELEK' is not one"),
        (full.replace("BAIK=DI_ATAS_EKSPEKTASI,", "BAIK,"), "'BAIK' is not one"),
    ]:
        with pytest.raises(SettingsError, match=env) as caught:
            Settings.from_env({env: text})
        assert message in str(caught.value), (text, caught.value)


OLD_PLUGIN = """\
    from kinerja import hookimpl
    from kinerja.plugins import Expectation

    @hookimpl
    def kinerja_suggest_result_rating(achievements):
        # written before the hook had unit_head: meets, whatever the achievements, when there are any
        return Expectation.SESUAI_EKSPEKTASI if achievements else None
"""


@pytest.fixture
def plugin_folder(tmp_path):
    (tmp_path / "old_rule.py").write_text(textwrap.dedent(OLD_PLUGIN), encoding="utf-8")
    return tmp_path


@pytest.fixture
async def with_old_plugin(database_url, plugin_folder):
    api, handles = await start_api(database_url, plugins_dirs=(plugin_folder,))
    try:
        yield api, await build_world()
    finally:
        await stop_api(handles)


async def test_a_plugin_with_the_old_signature_still_works(with_old_plugin):
    api, world = with_old_plugin
    plugins = (await api.gql("{ plugins { name hooks } }", token=world.admin))["plugins"]
    assert {"name": "old_rule", "hooks": ["kinerja_suggest_result_rating"]} in plugins
    await school_results(api, world)
    # a person's own suggestion goes through it as before
    mine = (await api.gql(SUGGESTED, token=world.admin, nip=TEACHER_1, period="2025-Q1"))["suggestedResultRating"]
    assert mine["rating"] == MEETS
    # it judges the unit's achievements for the unit's head (above by the default rule, meets by this plugin)
    head = (await context(api, world.admin))["unitHead"]
    assert (head["basis"], head["suggestion"]["rating"]) == ("ACHIEVEMENTS", MEETS)
    # but it cannot overturn the unit's organisation predikat: the unit-head rule answers first
    await ok(api, UNIT_ORG, world.admin, predikat="ISTIMEWA")
    head = (await context(api, world.admin))["unitHead"]
    assert (head["basis"], head["suggestion"]["rating"]) == ("ORG_PREDIKAT", ABOVE)
    # the standalone query gives the principal the same suggestion as the assessment context
    standalone = (await api.gql(SUGGESTED, token=world.admin, nip=PRINCIPAL, period="2025"))["suggestedResultRating"]
    assert (standalone["rating"], standalone["reason"]) == (ABOVE, head["suggestion"]["reason"])
