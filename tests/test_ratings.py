"""Finalized ratings through GraphQL: the 3x3 matrix, who may finalize, override reasons, the distribution curve,
reopening, organisation predikat, Person.rating with its recommendations, the finalized event, statement counts."""

import datetime as dt
import json
import textwrap

import pytest

from conftest import start_api, stop_api
from kinerja.models import Assessment, AuditEvent, Cycle, OrgRating, Person, Rating
from kinerja.plugins.builtin.recommendations import DEVELOPMENT_PLANS
from kinerja.plugins import Predikat
from kinerja.services.core import audit
from kinerja.services.org import people
from kinerja.services.core.access import SYSTEM, Access
from world import CLERK, DINKES_HEAD, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, nip, person

ABOVE, MEETS, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }"
FINALIZE = """mutation($nip: String!, $period: String = "2025", $override: String, $justification: String) {
  finalizeRating(input: {nip: $nip, period: $period, overrideReason: $override, curveJustification: $justification}) {
    rating { person { nip } period resultRating behaviorRating predikat suggestedResultRating suggestionReason
             overrideReason curveJustification curveWarnings finalizedAt recommendations }
    warnings errors { path code message } } }"""
REOPEN = """mutation($nip: String!, $period: String = "2025", $reason: String!) {
  reopenRating(nip: $nip, period: $period, reason: $reason) { rating { predikat } warnings errors { path code } } }"""
ORG = """mutation($agency: String = "DISDIK", $period: String = "2025", $predikat: OrgPredikat!) {
  setOrgPredikat(agency: $agency, period: $period, predikat: $predikat) {
    agency { code orgPredikat(period: $period) } errors { path code message } } }"""
RATING = """query($nip: String!, $period: String = "2025") { person(nip: $nip) { rating(period: $period) {
  person { nip } predikat resultRating behaviorRating recommendations finalizedAt } } }"""
NOT_CHECKED = "the distribution curve was not checked: {} has no organisation predikat for 2025 (setOrgPredikat)"


async def to_evaluation(api, world):
    for status in ("ACTIVE", "EVALUATION"):
        assert (await api.gql(STATUS, token=world.admin, s=status))["setCycleStatus"]["errors"] == []


async def assess(who: str, result: str, behavior: str, period: str = "2025", kind: str = "SUPERVISOR") -> Assessment:
    """An assessment row as the assessments service stores it (its own mutation is tested elsewhere)."""
    p = await Person.get(nip=who)
    cycle = await Cycle.get(year=int(period[:4]))
    return await Assessment.create(kind=kind, person_id=p.id, assessor_id=p.supervisor_id or p.id,
                                   agency_id=p.agency_id, cycle_id=cycle.id, period=period, result_rating=result,
                                   behavior_rating=behavior, recorded_by="test",
                                   updated_at=dt.datetime.now(dt.timezone.utc), acted_by_admin=p.supervisor_id is None)


async def finalize(api, token, who, **variables):
    return (await api.gql(FINALIZE, token=token, nip=who, **variables))["finalizeRating"]


def codes(payload):
    return [(e["code"], e["path"]) for e in payload["errors"]]


async def counts():
    return await Rating.all().count(), await AuditEvent.all().count()


# -- the matrix and the finalized rating -------------------------------------------------------------

@pytest.mark.parametrize("result, behavior, predikat", [
    (ABOVE, BELOW, "KURANG_MISCONDUCT"), (ABOVE, MEETS, "BAIK"), (ABOVE, ABOVE, "SANGAT_BAIK"),
    (MEETS, BELOW, "KURANG_MISCONDUCT"), (MEETS, MEETS, "BAIK"), (MEETS, ABOVE, "BAIK"),
    (BELOW, BELOW, "SANGAT_KURANG"), (BELOW, MEETS, "BUTUH_PERBAIKAN"), (BELOW, ABOVE, "BUTUH_PERBAIKAN"),
])
async def test_the_supervisor_finalizes_every_cell_of_the_matrix(api, world, result, behavior, predikat):
    await to_evaluation(api, world)
    await assess(TEACHER_1, result, behavior)
    done = await finalize(api, world.principal, TEACHER_1)
    assert done["errors"] == [] and done["warnings"] == [NOT_CHECKED.format("DISDIK")]
    r = done["rating"]
    assert (r["person"]["nip"], r["period"], r["resultRating"], r["behaviorRating"], r["predikat"]) == (
        TEACHER_1, "2025", result, behavior, predikat)
    assert r["suggestedResultRating"] is None and r["overrideReason"] is None and r["curveJustification"] is None
    assert r["recommendations"] == list(DEVELOPMENT_PLANS.get(Predikat(predikat), ()))
    stored = await Rating.get(period="2025").prefetch_related("unit", "assessment")
    assert stored.predikat == predikat and stored.unit.code == "SDN-001" and stored.assessment.kind == "SUPERVISOR"
    assert stored.finalized_by == f"nip:{PRINCIPAL}" and stored.curve_warnings == [NOT_CHECKED.format("DISDIK")]
    event = await AuditEvent.get(action="rating.finalize")
    assert (event.entity, event.entity_id, event.before) == ("rating", f"{TEACHER_1}/2025", None)
    assert event.after["predikat"] == predikat and event.after["unit"] == "SDN-001"


async def test_who_may_finalize_and_when(api, world):
    await assess(TEACHER_1, MEETS, MEETS)
    await assess(TEACHER_2, MEETS, MEETS, kind="SELF")
    # the cycle must be in EVALUATION
    assert codes(await finalize(api, world.principal, TEACHER_1)) == [("CYCLE_STATE", ["input", "period"])]
    await to_evaluation(api, world)
    before = await counts()
    cases = [
        (world.teacher, TEACHER_1, {}, "FORBIDDEN", ["input", "nip"]),          # oneself
        (world.teacher, TEACHER_2, {}, "NOT_FOUND", ["input", "nip"]),          # a colleague: out of scope
        (world.disdik_admin, TEACHER_1, {}, "FORBIDDEN", ["input", "nip"]),  # the agency admin sees but does not rate
        (world.dinkes_admin, TEACHER_1, {}, "NOT_FOUND", ["input", "nip"]),
        (world.principal, "199901011", {}, "NOT_FOUND", ["input", "nip"]),
        (world.principal, TEACHER_1, {"period": "2025-13"}, "INVALID_PERIOD", ["input", "period"]),
        (world.principal, TEACHER_1, {"period": "2025-01"}, "INVALID_PERIOD", ["input", "period"]),  # quarterly cycle
        (world.principal, TEACHER_1, {"period": "2031"}, "INVALID_PERIOD", ["input", "period"]),
        (world.principal, TEACHER_1, {"period": "2025-Q1"}, "ASSESSMENT_REQUIRED", ["input", "nip"]),
        (world.principal, TEACHER_2, {}, "ASSESSMENT_REQUIRED", ["input", "nip"]),  # a self-assessment is not enough
        (world.principal, TEACHER_1, {"override": "x" * 2001}, "TOO_LONG", ["input", "overrideReason"]),
        (world.principal, TEACHER_1, {"justification": "x" * 2001}, "TOO_LONG", ["input", "curveJustification"]),
    ]
    for token, who, variables, code, path in cases:
        done = await finalize(api, token, who, **variables)
        assert codes(done) == [(code, path)], (who, variables, done)
        assert done["rating"] is None and done["warnings"] == []
    assert await counts() == before
    errors = await api.errors(FINALIZE, nip=TEACHER_1)
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    # ADMIN may finalize anyone, also a head of agency (who has no supervisor)
    await assess(HEAD, ABOVE, ABOVE)
    assert (await finalize(api, world.admin, HEAD))["rating"]["predikat"] == "SANGAT_BAIK"
    assert (await finalize(api, world.principal, TEACHER_1))["rating"]["predikat"] == "BAIK"


async def test_a_finalized_rating_does_not_change_until_admin_reopens_it(api, world):
    await to_evaluation(api, world)
    await assess(TEACHER_1, BELOW, MEETS)
    first = await finalize(api, world.principal, TEACHER_1)
    assert first["rating"]["predikat"] == "BUTUH_PERBAIKAN"
    # a second finalization, even by ADMIN and after the assessment changed, is refused
    await Assessment.filter(kind="SUPERVISOR").update(result_rating=MEETS)
    for token in (world.principal, world.admin):
        assert codes(await finalize(api, token, TEACHER_1)) == [("ALREADY_FINALIZED", ["input", "nip"])]
    before = await counts()
    for token, reason, code, path in [
        (world.principal, "salah input", "FORBIDDEN", ["nip"]),
        (world.disdik_admin, "salah input", "FORBIDDEN", ["nip"]),
        (world.admin, "  ", "REASON_REQUIRED", ["reason"]),
        (world.admin, "x" * 2001, "TOO_LONG", ["reason"]),
    ]:
        data = (await api.gql(REOPEN, token=token, nip=TEACHER_1, reason=reason))["reopenRating"]
        assert codes(data) == [(code, path)], (reason, data)
    data = (await api.gql(REOPEN, token=world.admin, nip=TEACHER_2, reason="salah input"))["reopenRating"]
    assert codes(data) == [("NOT_FOUND", ["nip"])]
    data = (await api.gql(REOPEN, token=world.admin, nip=TEACHER_1, period="2030", reason="x"))["reopenRating"]
    assert codes(data) == [("INVALID_PERIOD", ["period"])]
    assert await counts() == before

    data = (await api.gql(REOPEN, token=world.admin, nip=TEACHER_1, reason="Nilai hasil kerja salah input"))
    assert data["reopenRating"] == {"rating": None, "warnings": [], "errors": []}
    assert await Rating.all().count() == 0
    event = await AuditEvent.get(action="rating.reopen")
    assert (event.entity, event.entity_id) == ("rating", f"{TEACHER_1}/2025")
    assert event.after == {"reason": "Nilai hasil kerja salah input"}
    finalized = await AuditEvent.get(action="rating.finalize")
    # the whole rating as it was stored (the finalize event adds who was the supervisor and how they became so)
    assert event.before == {k: v for k, v in finalized.after.items() if k != "supervisor"}
    assert finalized.after["supervisor"]["nip"] == PRINCIPAL
    assert event.before["predikat"] == "BUTUH_PERBAIKAN" and event.before["finalized_at"]
    assert (await audit.verify()).ok
    # finalized again, from the assessment as it is now
    again = await finalize(api, world.principal, TEACHER_1)
    assert again["errors"] == [] and again["rating"]["predikat"] == "BAIK"
    trail = await api.gql("""query($id: String!) { auditTrail(entity: "rating", id: $id) { action } }""",
                          token=world.admin, id=f"{TEACHER_1}/2025")
    assert [e["action"] for e in trail["auditTrail"]] == ["rating.finalize", "rating.reopen", "rating.finalize"]
    # not once the cycle is CLOSED
    await api.gql(STATUS, token=world.admin, s="CLOSED")
    data = (await api.gql(REOPEN, token=world.admin, nip=TEACHER_1, reason="x"))["reopenRating"]
    assert codes(data) == [("CYCLE_CLOSED", ["period"])] and await Rating.all().count() == 1


# -- the suggested results rating and the override reason -------------------------------------------------

SET = """mutation($input: [TargetInput!]!) { setTargets(input: $input) { targets { id } errors { code } } }"""
RECORD = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) { errors { code } } }"""


async def measured_above(api, world, who=TEACHER_1):
    """A measurement of `who` for 2025 whose suggested results rating is DI_ATAS_EKSPEKTASI; cycle in EVALUATION."""
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    data = await api.gql(SET, token=world.admin, input=[{"cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT",
                                                         "nip": who, "workResult": "Sosialisasi", "value": 75}])
    target = data["setTargets"]["targets"][0]["id"]
    await api.gql(STATUS, token=world.admin, s="ACTIVE")
    data = await api.gql(RECORD, token=world.admin, input=[
        {"target": target, "period": "2025", "inputs": {"participants": 80, "invited": 80}}])
    assert data["recordMeasurements"]["errors"] == []
    await api.gql(STATUS, token=world.admin, s="EVALUATION")


async def test_an_override_of_the_suggestion_needs_a_reason_which_is_stored(api, world):
    await measured_above(api, world)
    await assess(TEACHER_1, MEETS, MEETS)
    before = await counts()
    done = await finalize(api, world.principal, TEACHER_1)
    assert codes(done) == [("OVERRIDE_REASON_REQUIRED", ["input", "overrideReason"])]
    assert "DI_ATAS_EKSPEKTASI" in done["errors"][0]["message"]
    assert codes(await finalize(api, world.principal, TEACHER_1, override="   ")) == [
        ("OVERRIDE_REASON_REQUIRED", ["input", "overrideReason"])]
    assert await counts() == before
    done = await finalize(api, world.principal, TEACHER_1, override="  Capaian tinggi karena target terlalu rendah ")
    r = done["rating"]
    assert done["errors"] == [] and r["predikat"] == "BAIK"
    assert (r["resultRating"], r["suggestedResultRating"]) == (MEETS, ABOVE)
    assert r["overrideReason"] == "Capaian tinggi karena target terlalu rendah"
    assert "1 result(s) in 2025: 1 above" in r["suggestionReason"]
    stored = await Rating.get(period="2025")
    assert (stored.suggested_result_rating, stored.override_reason) == (ABOVE, r["overrideReason"])
    assert stored.suggestion_reason == r["suggestionReason"]


async def test_agreeing_with_the_suggestion_needs_no_reason(api, world):
    await measured_above(api, world)
    await assess(TEACHER_1, ABOVE, ABOVE)
    done = await finalize(api, world.principal, TEACHER_1)
    assert done["errors"] == [] and done["rating"]["suggestedResultRating"] == ABOVE
    assert done["rating"]["overrideReason"] is None and done["rating"]["predikat"] == "SANGAT_BAIK"


# -- the distribution curve -------------------------------------------------------------------------------

async def set_org(api, world, predikat, agency="DISDIK", period="2025"):
    data = (await api.gql(ORG, token=world.admin, agency=agency, period=period, predikat=predikat))["setOrgPredikat"]
    assert data["errors"] == [] and data["agency"]["orgPredikat"] == predikat


DISDIK_ALL = [HEAD, PRINCIPAL, TEACHER_1, TEACHER_2, CLERK]  # headcount 5


async def test_a_breached_maximum_needs_a_justification_which_is_stored(api, world):
    await to_evaluation(api, world)
    await set_org(api, world, "ISTIMEWA")
    for who in DISDIK_ALL:
        await assess(who, ABOVE, ABOVE if who != CLERK else MEETS)
    # ISTIMEWA: SANGAT_BAIK at most 70 % of 5 people = 3 (floor 3.5)
    for who in DISDIK_ALL[:3]:
        done = await finalize(api, world.admin, who)
        assert done["errors"] == [] and done["warnings"] == [], done
    before = await counts()
    done = await finalize(api, world.admin, TEACHER_2)
    assert codes(done) == [("CURVE_JUSTIFICATION_REQUIRED", ["input", "curveJustification"])]
    breach = "SANGAT_BAIK 4 of 5 (80 %) exceeds the 70 % maximum for an ISTIMEWA agency: at most 3 of 5"
    assert breach in done["errors"][0]["message"] and done["rating"] is None
    assert done["warnings"] == [breach]  # the findings come with the refusal, to be read before justifying
    assert await counts() == before  # nothing stored, nothing audited
    done = await finalize(api, world.admin, TEACHER_2, justification="Juara guru berprestasi tingkat nasional")
    assert done["errors"] == [] and done["warnings"] == [breach]
    assert done["rating"]["curveJustification"] == "Juara guru berprestasi tingkat nasional"
    assert done["rating"]["curveWarnings"] == [breach]
    stored = await Rating.get(person__nip=TEACHER_2)
    assert stored.curve_justification == "Juara guru berprestasi tingkat nasional" and stored.curve_warnings == [breach]
    # a BAIK rating adds nothing to the breach: warned, but no justification needed
    done = await finalize(api, world.admin, CLERK)
    assert done["errors"] == [] and done["warnings"] == [breach] and done["rating"]["curveJustification"] is None


async def test_minimums_are_warnings_once_they_can_no_longer_be_met(api, world):
    await to_evaluation(api, world)
    await set_org(api, world, "BUTUH_PERBAIKAN")
    for who in DISDIK_ALL:
        await assess(who, MEETS, MEETS)
    # BUTUH_PERBAIKAN: at least 60 % of 5 = 3 BUTUH_PERBAIKAN; BAIK is not bounded
    warnings = [(await finalize(api, world.admin, who))["warnings"] for who in DISDIK_ALL]
    assert warnings[:2] == [[], []]  # 3 or more people still to rate could reach it
    assert warnings[2] == ["BUTUH_PERBAIKAN 0 of 5 (0 %) falls short of the 60 % minimum for a BUTUH_PERBAIKAN "
                           "agency: at least 3 of 5, and only 2 not yet rated"]
    assert warnings[4] == ["BUTUH_PERBAIKAN 0 of 5 (0 %) falls short of the 60 % minimum for a BUTUH_PERBAIKAN "
                           "agency: at least 3 of 5"]
    assert await Rating.filter(curve_justification=None).count() == 5


async def test_a_baik_agency_needs_one_butuh_perbaikan_or_misconduct(api, world):
    await to_evaluation(api, world)
    await set_org(api, world, "BAIK")
    for who, result in zip(DISDIK_ALL, (ABOVE, MEETS, MEETS, MEETS, ABOVE)):
        await assess(who, result, result)
    warnings = [(await finalize(api, world.admin, who))["warnings"] for who in DISDIK_ALL]
    assert warnings[:4] == [[], [], [], []]
    assert warnings[4] == ["BUTUH_PERBAIKAN + KURANG_MISCONDUCT 0 of 5 (0 %) falls short of the minimum of 1 for a "
                           "BAIK agency: at least 1 of 5"]


async def test_small_agencies_round_a_maximum_down(api, world):
    """DINKES has 3 people: ISTIMEWA allows 2 SANGAT_BAIK (floor 2.1, and "most" is 2), BUTUH_PERBAIKAN none (10 %
    of 3 is 0.3: one would be 33 %), SANGAT_KURANG none."""
    await people.upsert_people(Access(SYSTEM), [person(nip(8), "Hana Putri", "DINKES", "PKM-BATU10", DINKES_HEAD)])
    third = nip(8)
    await to_evaluation(api, world)
    for who in (DINKES_HEAD, NURSE, third):
        await assess(who, ABOVE, ABOVE)
    for org, allowed in (("ISTIMEWA", 2), ("BUTUH_PERBAIKAN", 0), ("SANGAT_KURANG", 0)):
        await set_org(api, world, org, agency="DINKES")
        results = []
        for who in (DINKES_HEAD, NURSE, third):
            done = await finalize(api, world.admin, who)
            results.append([e["code"] for e in done["errors"]])
        assert results == [[]] * allowed + [["CURVE_JUSTIFICATION_REQUIRED"]] * (3 - allowed), (org, results)
        for who in (DINKES_HEAD, NURSE, third)[:allowed]:
            await api.gql(REOPEN, token=world.admin, nip=who, reason="uji kurva")
        assert await Rating.all().count() == 0


async def test_without_an_org_predikat_the_curve_is_not_checked(api, world):
    await to_evaluation(api, world)
    await set_org(api, world, "SANGAT_KURANG", agency="DINKES")  # another agency's predikat does not count
    await set_org(api, world, "SANGAT_KURANG", period="2025-Q1")  # nor another period's
    await assess(TEACHER_1, ABOVE, ABOVE)
    done = await finalize(api, world.principal, TEACHER_1)
    assert done["errors"] == [] and done["warnings"] == [NOT_CHECKED.format("DISDIK")]


async def test_a_curve_file_replaces_the_default_rules(database_url, tmp_path):
    from world import build_world

    path = tmp_path / "curve.yaml"
    path.write_text(textwrap.dedent("""\
        ISTIMEWA: [{predikat: SANGAT_BAIK, max_percent: 20}]
        BAIK: []
        BUTUH_PERBAIKAN: []
        KURANG: []
        SANGAT_KURANG: []
        """), encoding="utf-8")
    api, handles = await start_api(database_url, curve_file=path)
    try:
        world = await build_world()
        await to_evaluation(api, world)
        await set_org(api, world, "ISTIMEWA")
        await assess(HEAD, ABOVE, ABOVE)
        await assess(CLERK, ABOVE, ABOVE)
        assert (await finalize(api, world.admin, HEAD))["errors"] == []  # 20 % of 5: 1
        done = await finalize(api, world.admin, CLERK)
        assert codes(done) == [("CURVE_JUSTIFICATION_REQUIRED", ["input", "curveJustification"])]
        assert "exceeds the 20 % maximum for an ISTIMEWA agency: at most 1 of 5" in done["errors"][0]["message"]
    finally:
        await stop_api(handles)


# -- organisation predikat ----------------------------------------------------------------------------

async def test_only_admin_sets_the_org_predikat_and_it_is_audited(api, world):
    for token in (world.disdik_admin, world.dinkes_admin, world.principal):
        data = (await api.gql(ORG, token=token, predikat="BAIK"))["setOrgPredikat"]
        assert codes(data) == [("FORBIDDEN", ["agency"])] and data["agency"] is None
    for variables, code, path in [({"agency": "NOPE"}, "NOT_FOUND", ["agency"]),
                                  ({"period": "2031"}, "INVALID_PERIOD", ["period"]),
                                  ({"period": "2025-05"}, "INVALID_PERIOD", ["period"]),
                                  ({"period": "Q1"}, "INVALID_PERIOD", ["period"])]:
        data = (await api.gql(ORG, token=world.admin, predikat="BAIK", **variables))["setOrgPredikat"]
        assert codes(data) == [(code, path)]
    assert await OrgRating.all().count() == 0
    # any cycle status but CLOSED (here PLANNING); upserted
    await set_org(api, world, "BAIK")
    await set_org(api, world, "ISTIMEWA")
    await set_org(api, world, "ISTIMEWA")  # unchanged: not audited again
    await set_org(api, world, "KURANG", period="2025-Q2")
    assert await OrgRating.all().count() == 2
    events = await AuditEvent.filter(entity="org_rating", entity_id="DISDIK/2025").order_by("id")
    assert [(e.action, e.before, e.after) for e in events] == [
        ("org_rating.set", None, {"predikat": "BAIK"}),
        ("org_rating.set", {"predikat": "BAIK"}, {"predikat": "ISTIMEWA"})]
    q = """query($code: String!) { agency(code: $code) {
           a: orgPredikat(period: "2025") b: orgPredikat(period: "2025-Q2") c: orgPredikat(period: "2025-Q3") } }"""
    assert (await api.gql(q, token=world.disdik_admin, code="DISDIK"))["agency"] == {
        "a": "ISTIMEWA", "b": "KURANG", "c": None}
    assert (await api.gql(q, token=world.dinkes_admin, code="DISDIK"))["agency"] is None
    assert (await api.gql(q, token=world.admin, code="DINKES"))["agency"] == {"a": None, "b": None, "c": None}
    for status in ("ACTIVE", "EVALUATION", "CLOSED"):
        await api.gql(STATUS, token=world.admin, s=status)
    data = (await api.gql(ORG, token=world.admin, predikat="BAIK"))["setOrgPredikat"]
    assert codes(data) == [("CYCLE_CLOSED", ["period"])]
    assert (await OrgRating.get(period="2025")).predikat == "ISTIMEWA"


# -- Person.rating ----------------------------------------------------------------------------------

async def test_person_rating_with_its_recommendations_is_scoped_like_the_person(api, world):
    await to_evaluation(api, world)
    await assess(TEACHER_1, BELOW, MEETS)
    await assess(TEACHER_2, MEETS, ABOVE)
    for who in (TEACHER_1, TEACHER_2):
        assert (await finalize(api, world.principal, who))["errors"] == []
    weak = (await api.gql(RATING, token=world.principal, nip=TEACHER_1))["person"]["rating"]
    assert weak["predikat"] == "BUTUH_PERBAIKAN" and weak["person"]["nip"] == TEACHER_1
    assert weak["recommendations"] == list(DEVELOPMENT_PLANS[Predikat.BUTUH_PERBAIKAN])
    assert any("pelatihan" in r for r in weak["recommendations"])
    good = (await api.gql(RATING, token=world.principal, nip=TEACHER_2))["person"]["rating"]
    assert good["predikat"] == "BAIK" and good["recommendations"] == []
    # the person themself, the agency admin and ADMIN see it; out of scope the person reads as absent
    for token in (world.teacher, world.disdik_admin, world.admin):
        assert (await api.gql(RATING, token=token, nip=TEACHER_1))["person"]["rating"]["predikat"] == "BUTUH_PERBAIKAN"
    for token in (world.nurse, world.dinkes_admin):
        assert (await api.gql(RATING, token=token, nip=TEACHER_1))["person"] is None
    # another period, and a person without a rating
    assert (await api.gql(RATING, token=world.admin, nip=TEACHER_1, period="2025-Q1"))["person"]["rating"] is None
    assert (await api.gql(RATING, token=world.admin, nip=CLERK))["person"]["rating"] is None


PAGE = """query($n: Int) { people(first: $n) { edges { node { nip
  rating(period: "2025") { predikat recommendations } } } } }"""


async def test_people_page_ratings_cost_one_statement_whatever_the_page_size(api, world, sql_counter):
    extra = [person(nip(100 + i, birth="19900101", appointed="201501"), f"Pegawai {i:03d}", "DISDIK", "SDN-001",
                    PRINCIPAL) for i in range(120)]
    await people.upsert_people(Access(SYSTEM), extra)
    await to_evaluation(api, world)
    cycle = await Cycle.get(year=2025)
    staff = await Person.filter(supervisor__nip=PRINCIPAL)
    now = dt.datetime.now(dt.timezone.utc)
    await Assessment.bulk_create([Assessment(kind="SUPERVISOR", person_id=p.id, assessor_id=p.supervisor_id,
                                             agency_id=p.agency_id, cycle_id=cycle.id, period="2025",
                                             result_rating=BELOW if p.id % 2 else MEETS, behavior_rating=MEETS,
                                             recorded_by="test", updated_at=now) for p in staff])
    assessments = await Assessment.all()
    await Rating.bulk_create([Rating(person_id=a.person_id, agency_id=a.agency_id, cycle_id=cycle.id, period="2025",
                                     assessment_id=a.id, result_rating=a.result_rating,
                                     behavior_rating=a.behavior_rating,
                                     predikat="BUTUH_PERBAIKAN" if a.result_rating == BELOW else "BAIK",
                                     finalized_by="test", finalized_at=now) for a in assessments])
    statements = {}
    for n in (10, 100):
        with sql_counter:
            data = await api.gql(PAGE, token=world.admin, n=n)
        nodes = [e["node"] for e in data["people"]["edges"]]
        assert len(nodes) == n and sum(1 for node in nodes if node["rating"]) >= n - 5
        assert any(node["rating"] and node["rating"]["recommendations"] for node in nodes)
        statements[n] = sql_counter.count
    assert statements[10] == statements[100], statements
    assert statements[100] == 3, sql_counter.statements  # token, page, ratings (with person, agency and unit)


# -- the finalized event ----------------------------------------------------------------------------

LISTENER = '''
"""Test plugin: records kinerja_rating_finalized, then fails; adds a recommendation for everyone."""
import json
from kinerja import hookimpl

@hookimpl
def kinerja_rating_finalized(person, rating):
    with open({log!r}, "a", encoding="utf-8") as out:
        out.write(json.dumps({{"person": type(person).__name__, "rating": type(rating).__name__,
                              "nip": person.nip, "agency": person.agency, "unit": person.unit,
                              "period": rating.period, "predikat": rating.predikat.value}}) + "\\n")
    raise RuntimeError("listener down")

@hookimpl
def kinerja_recommendations(person, rating):
    return [f"Bagikan praktik baik di {{person.unit}}"]
'''


async def test_the_finalized_event_gets_plain_values_and_cannot_fail_the_request(database_url, tmp_path):
    from world import build_world

    log = tmp_path / "events.jsonl"
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "listener.py").write_text(LISTENER.format(log=str(log)), encoding="utf-8")
    api, handles = await start_api(database_url, plugins_dirs=(plugins,))
    try:
        world = await build_world()
        await to_evaluation(api, world)
        await assess(TEACHER_1, BELOW, ABOVE)
        done = await finalize(api, world.principal, TEACHER_1)
        assert done["errors"] == [] and await Rating.all().count() == 1
        assert json.loads(log.read_text(encoding="utf-8")) == {
            "person": "PersonInfo", "rating": "RatingInfo", "nip": TEACHER_1, "agency": "DISDIK", "unit": "SDN-001",
            "period": "2025", "predikat": "BUTUH_PERBAIKAN"}
        # every plugin's recommendations, flattened: the agency plugin's first, then the default plan
        assert done["rating"]["recommendations"] == ["Bagikan praktik baik di SDN-001",
                                                     *DEVELOPMENT_PLANS[Predikat.BUTUH_PERBAIKAN]]
    finally:
        await stop_api(handles)
