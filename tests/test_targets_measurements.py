"""SKP targets and measurements through GraphQL: value, capaian, suggested rating, replacement, bad inputs."""

from kinerja.models import AuditEvent, Measurement
from world import TEACHER_1

SET = """mutation($input: [TargetInput!]!) { setTargets(input: $input) {
  targets { id cycle workResult value indicator { code } person { nip } unit { code } } errors { path code message } } }"""
RECORD = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) {
  measurements { id period inputs value achievement suggestedRating specVersion evidenceUrl target { id } }
  errors { path code message } } }"""
STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }"


async def teacher_target(api, world, value=75.0):
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    data = await api.gql(SET, token=world.principal, input=[{
        "cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "nip": TEACHER_1,
        "workResult": "Sosialisasi program sekolah kepada orang tua", "value": value}])
    assert data["setTargets"]["errors"] == []
    return data["setTargets"]["targets"][0]


async def test_supervisor_sets_target_and_employee_records_a_measurement(api, world):
    target = await teacher_target(api, world)
    assert target["person"]["nip"] == TEACHER_1 and target["indicator"]["code"] == "DISDIK.PARTISIPASI_MASYARAKAT"
    await api.gql(STATUS, token=world.admin, s="ACTIVE")
    data = await api.gql(RECORD, token=world.teacher, input=[{
        "target": target["id"], "period": "2025-Q1", "inputs": {"participants": 60, "invited": 80},
        "evidenceUrl": "https://sd001.example/absensi.pdf"}])
    m = data["recordMeasurements"]["measurements"][0]
    assert data["recordMeasurements"]["errors"] == []
    assert (m["value"], m["achievement"], m["suggestedRating"]) == (75.0, 100.0, "SESUAI_EKSPEKTASI")
    assert len(m["specVersion"]) == 16
    # a later measurement for the same target and period replaces it; the old values go to the audit trail. 100 %
    # against 75 is 133.33 % raw: above 110 % it scores the cap, 120
    data = await api.gql(RECORD, token=world.principal, input=[{
        "target": target["id"], "period": "2025-Q1", "inputs": {"participants": 80, "invited": 80}}])
    m2 = data["recordMeasurements"]["measurements"][0]
    assert (m2["id"], m2["value"], m2["achievement"], m2["suggestedRating"]) == (
        m["id"], 100.0, 120.0, "DI_ATAS_EKSPEKTASI")
    assert await Measurement.all().count() == 1
    replaced = await AuditEvent.filter(action="measurement.replace").first()
    assert replaced.before["inputs"] == {"participants": 60, "invited": 80}


async def test_calculator_indicator_and_unit_target(api, world):
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    data = await api.gql(SET, token=world.disdik_admin, input=[{
        "cycle": 2025, "indicator": "DISDIK.KELULUSAN", "unit": "SDN-001", "workResult": "Kelulusan", "value": 95}])
    target = data["setTargets"]["targets"][0]
    assert target["unit"]["code"] == "SDN-001" and data["setTargets"]["errors"] == []
    await api.gql(STATUS, token=world.admin, s="ACTIVE")
    data = await api.gql(RECORD, token=world.disdik_admin, input=[{
        "target": target["id"], "period": "2025", "inputs": {"graduates": 57, "final_year_students": 60}}])
    assert data["recordMeasurements"]["measurements"][0]["value"] == 95.0


async def test_bad_measurements_are_each_reported_and_nothing_is_stored(api, world):
    target = await teacher_target(api, world)
    await api.gql(STATUS, token=world.admin, s="ACTIVE")
    cases = [
        ({"participants": 90, "invited": 80}, "2025-Q1", None, "CHECK_FAILED", ["input", "0", "inputs"]),
        ({"participants": "sixty", "invited": 80}, "2025-Q1", None, "INVALID_TYPE",
         ["input", "0", "inputs", "participants"]),
        ({"participants": 1.5, "invited": 80}, "2025-Q1", None, "INVALID_TYPE", ["input", "0", "inputs", "participants"]),
        ({"participants": -1, "invited": 80}, "2025-Q1", None, "OUT_OF_RANGE", ["input", "0", "inputs", "participants"]),
        ({"participants": 1}, "2025-Q1", None, "REQUIRED", ["input", "0", "inputs", "invited"]),
        ({"participants": 1, "invited": 2, "x": 1}, "2025-Q1", None, "UNKNOWN_INPUT", ["input", "0", "inputs", "x"]),
        ({"participants": 1, "invited": 2}, "2025-01", None, "INVALID_PERIOD", ["input", "0", "period"]),
        ({"participants": 1, "invited": 2}, "2024-Q1", None, "INVALID_PERIOD", ["input", "0", "period"]),
        ({"participants": 1, "invited": 2}, "2025-Q1", "ftp://x/y", "INVALID_URL", ["input", "0", "evidenceUrl"]),
    ]
    for inputs, period, url, code, path in cases:
        data = await api.gql(RECORD, token=world.teacher, input=[
            {"target": target["id"], "period": "2025-Q2", "inputs": {"participants": 1, "invited": 2}},
            {"target": target["id"], "period": period, "inputs": inputs, "evidenceUrl": url}])
        errors = data["recordMeasurements"]["errors"]
        assert [(e["code"], e["path"]) for e in errors] == [(code, ["input", "1", *path[2:]])], (inputs, errors)
    assert await Measurement.all().count() == 0
    # another agency's admin and an unrelated employee
    for token in (world.dinkes_admin, world.nurse):
        data = await api.gql(RECORD, token=token, input=[
            {"target": target["id"], "period": "2025-Q1", "inputs": {"participants": 1, "invited": 2}}])
        assert data["recordMeasurements"]["errors"][0]["code"] == "NOT_FOUND"


async def test_closed_cycle_refuses_measurements_and_targets(api, world):
    target = await teacher_target(api, world)
    for status in ("ACTIVE", "EVALUATION", "CLOSED"):
        await api.gql(STATUS, token=world.admin, s=status)
    data = await api.gql(RECORD, token=world.admin, input=[
        {"target": target["id"], "period": "2025-Q1", "inputs": {"participants": 1, "invited": 2}}])
    assert data["recordMeasurements"]["errors"][0]["code"] == "CYCLE_CLOSED"
    data = await api.gql(SET, token=world.admin, input=[{
        "cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "nip": TEACHER_1, "workResult": "x", "value": 1}])
    assert data["setTargets"]["errors"][0]["code"] == "CYCLE_CLOSED"


async def test_target_rules(api, world):
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    base = {"cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "workResult": "x", "value": 10}
    cases = [
        (world.dinkes_admin, {**base, "nip": TEACHER_1}, "NOT_FOUND", ["input", "0", "nip"]),
        (world.teacher, {**base, "nip": TEACHER_1}, "FORBIDDEN", ["input", "0", "nip"]),
        (world.admin, {**base, "nip": TEACHER_1, "unit": "SDN-001"}, "INVALID", ["input", "0"]),
        (world.admin, {**base, "nip": TEACHER_1, "indicator": "DISDIK.NOPE"}, "NOT_FOUND", ["input", "0", "indicator"]),
        (world.admin, {**base, "nip": TEACHER_1, "value": 0}, "INVALID_VALUE", ["input", "0", "value"]),
        (world.admin, {**base, "nip": TEACHER_1, "cycle": 2031}, "NOT_FOUND", ["input", "0", "cycle"]),
        (world.admin, {**base, "nip": TEACHER_1, "parent": "999"}, "NOT_FOUND", ["input", "0", "parent"]),
    ]
    for token, item, code, path in cases:
        data = await api.gql(SET, token=token, input=[item])
        assert [(e["code"], e["path"]) for e in data["setTargets"]["errors"]] == [(code, path)], item
    person = await api.gql("query($n: String!) { person(nip: $n) { targets(cycle: 2025) { id } } }",
                           token=world.admin, n=TEACHER_1)
    assert person["person"]["targets"] == []


SUGGEST = """query($n: String!, $p: String!) { suggestedResultRating(nip: $n, period: $p) {
  rating reason measurements { period achievement } } }"""


async def test_suggested_result_rating_follows_the_measurements(api, world):
    target = await teacher_target(api, world)
    none = (await api.gql(SUGGEST, token=world.principal, n=TEACHER_1, p="2025-Q1"))["suggestedResultRating"]
    assert none["rating"] is None and "no measurements" in none["reason"] and none["measurements"] == []
    await api.gql(STATUS, token=world.admin, s="ACTIVE")
    await api.gql(RECORD, token=world.teacher, input=[
        {"target": target["id"], "period": "2025-Q1", "inputs": {"participants": 80, "invited": 80}}])
    got = (await api.gql(SUGGEST, token=world.principal, n=TEACHER_1, p="2025-Q1"))["suggestedResultRating"]
    assert got["rating"] == "DI_ATAS_EKSPEKTASI" and "1 above, 0 meeting, 0 below" in got["reason"]
    assert [m["period"] for m in got["measurements"]] == ["2025-Q1"]
    errors = await api.errors(SUGGEST, token=world.dinkes_admin, n=TEACHER_1, p="2025-Q1")
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


async def test_parent_must_be_the_direct_supervisors_target(api, world):
    from world import PRINCIPAL, TEACHER_2

    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    item = {"cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "workResult": "Program sekolah", "value": 80}
    principal_target = (await api.gql(SET, token=world.admin, input=[{**item, "nip": PRINCIPAL}]))[
        "setTargets"]["targets"][0]["id"]
    data = await api.gql(SET, token=world.principal, input=[{**item, "nip": TEACHER_1, "parent": principal_target}])
    assert data["setTargets"]["errors"] == []
    teacher_target_id = data["setTargets"]["targets"][0]["id"]
    # a colleague's target is not a supervisor's
    data = await api.gql(SET, token=world.principal, input=[{**item, "nip": TEACHER_2, "parent": teacher_target_id}])
    assert [(e["code"], e["path"]) for e in data["setTargets"]["errors"]] == [
        ("INVALID_PARENT", ["input", "0", "parent"])]


async def test_measurements_query_is_scoped(api, world):
    target = await teacher_target(api, world)
    await api.gql(STATUS, token=world.admin, s="ACTIVE")
    await api.gql(RECORD, token=world.teacher, input=[
        {"target": target["id"], "period": "2025-Q1", "inputs": {"participants": 60, "invited": 80}}])
    q = """query($a: String, $i: String) { measurements(period: "2025-Q1", agency: $a, indicator: $i) {
           value target { id } } }"""
    assert len((await api.gql(q, token=world.admin))["measurements"]) == 1
    assert len((await api.gql(q, token=world.disdik_admin, i="DISDIK.PARTISIPASI_MASYARAKAT"))["measurements"]) == 1
    assert (await api.gql(q, token=world.disdik_admin, i="DISDIK.KELULUSAN"))["measurements"] == []
    assert (await api.gql(q, token=world.dinkes_admin))["measurements"] == []
    assert (await api.gql(q, token=world.admin, a="DINKES"))["measurements"] == []
    assert len((await api.gql(q, token=world.principal))["measurements"]) == 1
    assert (await api.gql(q, token=world.nurse))["measurements"] == []
