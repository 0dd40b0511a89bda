"""A unit's own organisation predikat (SE MenPANRB 3/2023): who sets it (the level above the unit: its agency's
admin or ADMIN), its audit, the curve checked per unit against it beside the agency's (finalizeRating and the
distribution report, with the reference curve), and curveRules. Hand-worked on a unit of five."""

from __future__ import annotations

import pytest

from kinerja.models import AuditEvent, UnitOrgRating
from kinerja.services.auth import sessions
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.evaluation import curve
from kinerja.services.org import people
from test_ratings import ABOVE, BELOW, MEETS, NOT_CHECKED, assess, finalize, to_evaluation
from world import CLERK, PRINCIPAL, TEACHER_1, TEACHER_2, nip, person

SET = """mutation($agency: String = "DISDIK", $unit: String = "SDN-001", $period: String = "2025",
  $predikat: OrgPredikat!) {
  setUnitOrgPredikat(agency: $agency, unit: $unit, period: $period, predikat: $predikat) {
    unit { code orgPredikat(period: $period) } errors { path code message } } }"""
ORG = """mutation($agency: String = "DISDIK", $predikat: OrgPredikat!) {
  setOrgPredikat(agency: $agency, period: "2025", predikat: $predikat) { errors { code } } }"""
UNITS = """{ agency(code: "DISDIK") { units { code orgPredikat(period: "2025") } } }"""
DISTRIBUTION = """query($g: ReportGroup, $a: String) { predikatDistribution(period: "2025", groupBy: $g, agency: $a) {
  group total sangatBaik baik butuhPerbaikan orgPredikat curveWarnings
  curveReference { predikat kind percent count limit total actual breached } } }"""
TEACHER_3, TEACHER_4 = nip(30), nip(31, gender=2)


async def state():
    return (await UnitOrgRating.all().order_by("id").values_list("unit_id", "period", "predikat"),
            await AuditEvent.all().count())


def codes(payload):
    return [(e["code"], e["path"]) for e in payload["errors"]]


async def set_unit(api, token, **variables):
    return (await api.gql(SET, token=token, **variables))["setUnitOrgPredikat"]


async def test_the_level_above_the_unit_sets_it_and_it_is_audited(api, world):
    nothing = await state()
    # refused: employees (a head of the unit included), another agency's admin; nothing written
    for token, code, path in [(world.teacher, "FORBIDDEN", ["unit"]), (world.principal, "FORBIDDEN", ["unit"]),
                              (world.dinkes_admin, "NOT_FOUND", ["agency"])]:
        done = await set_unit(api, token, predikat="ISTIMEWA")
        assert codes(done) == [(code, path)] and done["unit"] is None, (token, done)
    # another agency's admin naming its own agency's unit through DISDIK, or DISDIK's admin naming DINKES's
    assert codes(await set_unit(api, world.dinkes_admin, unit="PKM-BATU10", predikat="BAIK")) == [
        ("NOT_FOUND", ["agency"])]
    assert codes(await set_unit(api, world.disdik_admin, agency="DINKES", unit="PKM-BATU10", predikat="BAIK")) == [
        ("NOT_FOUND", ["agency"])]
    assert (await api.errors(SET, predikat="BAIK"))[0]["extensions"]["code"] == "UNAUTHENTICATED"
    # bad input: every problem named at once, nothing written
    cases = [
        ({"unit": "SDN-999"}, [("NOT_FOUND", ["unit"])]),
        ({"unit": "PKM-BATU10"}, [("NOT_FOUND", ["unit"])]),  # DINKES's unit is not one of DISDIK's
        ({"period": "2025-Q4"}, [("INVALID_PERIOD", ["period"])]),  # the last quarter is evaluated as the year
        ({"period": "2031"}, [("INVALID_PERIOD", ["period"])]),  # no cycle 2031
        ({"period": "2025-13"}, [("INVALID_PERIOD", ["period"])]),
        ({"unit": "SDN-999", "period": "2025-Q4"}, [("NOT_FOUND", ["unit"]), ("INVALID_PERIOD", ["period"])]),
    ]
    for variables, expected in cases:
        assert codes(await set_unit(api, world.disdik_admin, predikat="BAIK", **variables)) == expected, variables
    assert await state() == nothing

    # the agency's admin sets it, ADMIN changes it; the same value again writes nothing
    done = await set_unit(api, world.disdik_admin, unit=" sdn-001 ", predikat="BAIK")
    assert done == {"unit": {"code": "SDN-001", "orgPredikat": "BAIK"}, "errors": []}
    assert (await set_unit(api, world.admin, predikat="ISTIMEWA"))["unit"]["orgPredikat"] == "ISTIMEWA"
    after = await AuditEvent.all().count()
    assert (await set_unit(api, world.admin, predikat="ISTIMEWA"))["errors"] == []
    assert await AuditEvent.all().count() == after
    events = await AuditEvent.filter(entity="unit_org_rating").order_by("id")
    assert [(e.action, e.entity_id, e.before, e.after) for e in events] == [
        ("unit_org_rating.set", "DISDIK/SDN-001/2025", None, {"predikat": "BAIK"}),
        ("unit_org_rating.set", "DISDIK/SDN-001/2025", {"predikat": "BAIK"}, {"predikat": "ISTIMEWA"})]
    assert events[0].actor.startswith("token:") and events[0].actor != events[1].actor
    row = await UnitOrgRating.get(period="2025").prefetch_related("unit", "agency", "cycle")
    assert (row.unit.code, row.agency.code, row.cycle.year, row.predikat) == ("SDN-001", "DISDIK", 2025, "ISTIMEWA")
    # the agency's own predikat is another thing: untouched
    assert (await api.gql('{ agency(code: "DISDIK") { orgPredikat(period: "2025") } }', token=world.admin)) == {
        "agency": {"orgPredikat": None}}
    # read: Unit.orgPredikat, within the viewer's scope
    units = {u["code"]: u["orgPredikat"] for u in (await api.gql(UNITS, token=world.disdik_admin))["agency"]["units"]}
    assert units == {"SDN-001": "ISTIMEWA", "SEKRETARIAT": None}
    assert (await api.gql(UNITS, token=world.dinkes_admin)) == {"agency": None}
    # a CLOSED cycle takes no predikat
    for status in ("ACTIVE", "EVALUATION", "CLOSED"):
        await api.gql(f"mutation {{ setCycleStatus(year: 2025, status: {status}) {{ errors {{ code }} }} }}",
                      token=world.admin)
    before = await state()
    assert codes(await set_unit(api, world.admin, predikat="KURANG")) == [("CYCLE_CLOSED", ["period"])]
    assert await state() == before


async def test_an_agency_admin_does_not_set_the_predikat_of_its_own_unit(api, world):
    # PRINCIPAL signed in as DISDIK's admin: SDN-001 is their own unit (its predikat sets their suggestion)
    await sessions.set_password(Access(SYSTEM), PRINCIPAL, "kata-sandi-uji", "AGENCY_ADMIN")
    policy = sessions.LoginPolicy(session_hours=1, lock_failures=10, lock_seconds=60)
    token = (await sessions.login(PRINCIPAL, "kata-sandi-uji", "127.0.0.1", policy)).token
    before = await state()
    done = await set_unit(api, token, predikat="ISTIMEWA")
    assert codes(done) == [("FORBIDDEN", ["unit"])] and "you work in unit SDN-001" in done["errors"][0]["message"]
    assert await state() == before
    # another unit of the agency is theirs to set, and ADMIN sets SDN-001's
    assert (await set_unit(api, token, unit="SEKRETARIAT", predikat="BAIK"))["errors"] == []
    assert (await set_unit(api, world.admin, predikat="ISTIMEWA"))["errors"] == []


async def five_in_sdn_001() -> None:
    """SDN-001 of five: PRINCIPAL, TEACHER_1, TEACHER_2 and two more teachers; DISDIK is then seven."""
    await people.upsert_people(Access(SYSTEM), [
        person(TEACHER_3, "Hendra Gunawan", "DISDIK", "SDN-001", PRINCIPAL, "Guru Kelas"),
        person(TEACHER_4, "Intan Permatasari", "DISDIK", "SDN-001", PRINCIPAL, "Guru Kelas")])


UNIT_SB = ("unit DISDIK/SDN-001: SANGAT_BAIK 1 of 5 (20 %) exceeds the 10 % maximum for a BUTUH_PERBAIKAN unit: at "
           "most 0 of 5")


async def test_a_unit_of_five_is_checked_against_its_own_predikat(api, world):
    await five_in_sdn_001()
    await to_evaluation(api, world)
    assert (await api.gql(ORG, token=world.admin, predikat="BAIK"))["setOrgPredikat"]["errors"] == []
    assert (await set_unit(api, world.disdik_admin, predikat="BUTUH_PERBAIKAN"))["errors"] == []
    # BUTUH_PERBAIKAN for 5: SANGAT_BAIK at most floor(10 % x 5) = 0; BUTUH_PERBAIKAN at least ceil(60 % x 5) = 3.
    # DISDIK (BAIK, 7 people): BAIK more than half (4) and at most floor(70 % x 7) = 4, one BP or KM: all still open.
    await assess(TEACHER_1, ABOVE, ABOVE)  # SANGAT_BAIK: 1 of 5 in the unit is over its maximum of 0
    before = await state()
    refused = await finalize(api, world.principal, TEACHER_1)
    assert codes(refused) == [("CURVE_JUSTIFICATION_REQUIRED", ["input", "curveJustification"])]
    assert UNIT_SB in refused["errors"][0]["message"] and refused["warnings"] == [UNIT_SB]
    assert await state() == before and refused["rating"] is None
    done = await finalize(api, world.principal, TEACHER_1, justification="Juara olimpiade sains tingkat nasional")
    assert done["errors"] == [] and done["warnings"] == [UNIT_SB]
    assert done["rating"]["curveWarnings"] == [UNIT_SB]
    # the minimum of BUTUH_PERBAIKAN: 3 of 5 needed; reported only once it can no longer be met
    await assess(TEACHER_2, MEETS, MEETS)  # BAIK: 2 rated, 3 to go, 0 + 3 >= 3: still possible
    done = await finalize(api, world.principal, TEACHER_2)
    assert done["warnings"] == [UNIT_SB]
    await assess(TEACHER_3, MEETS, MEETS)  # BAIK: 3 rated, 2 to go, 0 + 2 < 3: short
    done = await finalize(api, world.principal, TEACHER_3)
    short = ("unit DISDIK/SDN-001: BUTUH_PERBAIKAN 0 of 5 (0 %) falls short of the 60 % minimum for a BUTUH_PERBAIKAN "
             "unit: at least 3 of 5, and only 2 not yet rated")
    assert done["warnings"] == [UNIT_SB, short]
    # a rating in a unit without a predikat of its own gets the agency's findings only
    await assess(CLERK, BELOW, MEETS)
    done = await finalize(api, world.admin, CLERK)
    assert done["errors"] == [] and done["warnings"] == []
    # the agency's findings come first, each the agency's words; a unit's name the unit
    assert (await api.gql(ORG, token=world.admin, predikat="SANGAT_KURANG"))["setOrgPredikat"]["errors"] == []
    await assess(TEACHER_4, ABOVE, ABOVE)
    refused = await finalize(api, world.principal, TEACHER_4)
    agency_sb = ("SANGAT_BAIK 2 of 7 (28.6 %) exceeds the 0 % maximum for a SANGAT_KURANG agency: at most 0 of 7")
    assert refused["warnings"][0] == agency_sb
    assert "unit DISDIK/SDN-001: SANGAT_BAIK 2 of 5 (40 %) exceeds the 10 % maximum" in refused["warnings"][-2]
    assert codes(refused) == [("CURVE_JUSTIFICATION_REQUIRED", ["input", "curveJustification"])]


async def test_the_distribution_report_per_unit_with_its_reference(api, world):
    await five_in_sdn_001()
    await to_evaluation(api, world)
    assert (await set_unit(api, world.disdik_admin, predikat="BUTUH_PERBAIKAN"))["errors"] == []
    # DINKES's unit has a predikat and no rating: its row shows all the same (DINKES's admin cannot set it through
    # DISDIK's admin; ADMIN can)
    assert (await set_unit(api, world.admin, agency="DINKES", unit="PKM-BATU10", predikat="ISTIMEWA"))["errors"] == []
    await assess(TEACHER_1, ABOVE, ABOVE)
    await finalize(api, world.principal, TEACHER_1, justification="Juara olimpiade")
    for who in (TEACHER_2, TEACHER_3):
        await assess(who, MEETS, MEETS)
        await finalize(api, world.principal, who)
    await assess(CLERK, BELOW, MEETS)
    await finalize(api, world.admin, CLERK)
    rows = {r["group"]: r for r in (await api.gql(DISTRIBUTION, token=world.admin, g="UNIT"))["predikatDistribution"]}
    assert set(rows) == {"DINKES/PKM-BATU10", "DISDIK/SDN-001", "DISDIK/SEKRETARIAT"}
    school = rows["DISDIK/SDN-001"]
    assert (school["total"], school["sangatBaik"], school["baik"], school["orgPredikat"]) == (3, 1, 2,
                                                                                             "BUTUH_PERBAIKAN")
    assert school["curveWarnings"] == [
        "SANGAT_BAIK 1 of 5 (20 %) exceeds the 10 % maximum for a BUTUH_PERBAIKAN unit: at most 0 of 5",
        "BUTUH_PERBAIKAN 0 of 5 (0 %) falls short of the 60 % minimum for a BUTUH_PERBAIKAN unit: at least 3 of 5, "
        "and only 2 not yet rated"]
    assert school["curveReference"] == [
        {"predikat": ["SANGAT_BAIK"], "kind": "MAXIMUM", "percent": 10.0, "count": None, "limit": 0, "total": 5,
         "actual": 1, "breached": True},
        {"predikat": ["BUTUH_PERBAIKAN"], "kind": "MINIMUM", "percent": 60.0, "count": None, "limit": 3, "total": 5,
         "actual": 0, "breached": True}]
    # the secretariat has no predikat of its own: no warnings, no reference
    assert rows["DISDIK/SEKRETARIAT"]["orgPredikat"] is None and rows["DISDIK/SEKRETARIAT"]["curveReference"] == []
    # a unit with a predikat and no ratings yet (1 person: more than half of 1 is 1; at most 70 % raised to it)
    puskesmas = rows["DINKES/PKM-BATU10"]
    assert (puskesmas["total"], puskesmas["orgPredikat"], puskesmas["curveWarnings"]) == (0, "ISTIMEWA", [])
    assert [(b["kind"], b["limit"], b["total"], b["actual"], b["breached"]) for b in puskesmas["curveReference"]] == [
        ("MORE_THAN", 1, 1, 0, False), ("MAXIMUM", 1, 1, 0, False)]
    # by agency: each agency's own reference (DISDIK has no predikat here)
    by_agency = {r["group"]: r for r in (await api.gql(DISTRIBUTION, token=world.admin))["predikatDistribution"]}
    assert by_agency["DISDIK"]["orgPredikat"] is None and by_agency["DISDIK"]["curveReference"] == []
    # an agency's admin reads its own agency's units only
    mine = (await api.gql(DISTRIBUTION, token=world.disdik_admin, g="UNIT"))["predikatDistribution"]
    assert {r["group"] for r in mine} == {"DISDIK/SDN-001", "DISDIK/SEKRETARIAT"}
    assert (await api.gql(DISTRIBUTION, token=world.dinkes_admin, g="UNIT", a="DISDIK"))["predikatDistribution"] == []


async def test_curve_rules_are_the_ones_in_force(api, world, tmp_path):
    rules = {c["orgPredikat"]: c["rules"] for c in (await api.gql(
        "{ curveRules { orgPredikat rules { predikat kind percent count } } }", token=world.teacher))["curveRules"]}
    assert list(rules) == ["ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"]
    assert rules["BAIK"] == [
        {"predikat": ["BAIK"], "kind": "MORE_THAN", "percent": 50.0, "count": None},
        {"predikat": ["BAIK"], "kind": "MAXIMUM", "percent": 70.0, "count": None},
        {"predikat": ["BUTUH_PERBAIKAN", "KURANG_MISCONDUCT"], "kind": "MIN_COUNT", "percent": None, "count": 1}]
    assert (await api.errors("{ curveRules { orgPredikat } }"))[0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_curve_file_has_at_most_ten_rules_per_predikat(tmp_path):
    rules = "\n".join(f"    - {{predikat: SANGAT_BAIK, max_percent: {n}}}" for n in range(11))
    path = tmp_path / "curve.yaml"
    path.write_text("ISTIMEWA:\n" + rules + "\nBAIK: []\nBUTUH_PERBAIKAN: []\nKURANG: []\nSANGAT_KURANG: []\n")
    with pytest.raises(curve.CurveFileError, match="ISTIMEWA: has 11 rules; at most 10"):
        curve.load_rules(path)
    path.write_text("ISTIMEWA:\n" + "\n".join(rules.splitlines()[:10])
                    + "\nBAIK: []\nBUTUH_PERBAIKAN: []\nKURANG: []\nSANGAT_KURANG: []\n")
    assert len(curve.load_rules(path)["ISTIMEWA"]) == 10


async def test_not_checked_without_the_agencys_predikat_but_the_unit_still_is(api, world):
    await five_in_sdn_001()
    await to_evaluation(api, world)
    assert (await set_unit(api, world.disdik_admin, predikat="BUTUH_PERBAIKAN"))["errors"] == []
    await assess(TEACHER_1, ABOVE, ABOVE)
    done = await finalize(api, world.principal, TEACHER_1, justification="Juara olimpiade")
    assert done["warnings"] == [NOT_CHECKED.format("DISDIK"), UNIT_SB]
