"""What one viewer may not read elsewhere stays hidden on every other path: a supervisor's measurements reached
through a subordinate's target (Target.parent), and the identities in an audit trail."""

from __future__ import annotations

from world import CLERK, DINKES_HEAD, HEAD, PRINCIPAL, TEACHER_1, nip

INDICATOR = "DISDIK.PARTISIPASI_MASYARAKAT"
SET = """mutation($input: [TargetInput!]!) { setTargets(input: $input) { targets { id } errors { code message } } }"""
RECORD = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) {
  errors { code message } } }"""
MEASURED = "measurements { inputs value achievement }"
CHAIN = f"""query {{ me {{ person {{ targets(cycle: 2025) {{ workResult {MEASURED}
  parent {{ workResult value indicator {{ code }} {MEASURED}
    parent {{ workResult value {MEASURED} }} }} }} }} }} }}"""
OF_PERSON = f"""query($n: String!) {{ person(nip: $n) {{ targets(cycle: 2025) {{ workResult {MEASURED}
  parent {{ workResult {MEASURED} parent {{ workResult {MEASURED} }} }} }} }} }}"""


async def target(api, world, who: str, work_result: str, participants: int, parent: str | None = None) -> str:
    data = await api.gql(SET, token=world.admin, input=[{
        "cycle": 2025, "indicator": INDICATOR, "nip": who, "workResult": work_result, "value": 80,
        "parent": parent}])
    assert data["setTargets"]["errors"] == [], data
    found = data["setTargets"]["targets"][0]["id"]
    return found


async def cascade(api, world) -> None:
    """HEAD's item, PRINCIPAL's under it, TEACHER_1's under that; each with a measurement of 2025-Q1."""
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    head = await target(api, world, HEAD, "Dinas", 0)
    principal = await target(api, world, PRINCIPAL, "Sekolah", 0, head)
    teacher = await target(api, world, TEACHER_1, "Kelas", 0, principal)
    await api.gql("mutation { setCycleStatus(year: 2025, status: ACTIVE) { errors { code } } }", token=world.admin)
    for found, participants in ((head, 91), (principal, 72), (teacher, 53)):
        data = await api.gql(RECORD, token=world.admin, input=[{
            "target": found, "period": "2025-Q1", "inputs": {"participants": participants, "invited": 100}}])
        assert data["recordMeasurements"]["errors"] == [], data


def values(measurements: list[dict]) -> list[float]:
    return [m["value"] for m in measurements]


async def test_a_subordinate_sees_its_supervisors_items_but_not_their_measurements(api, world):
    await cascade(api, world)
    [own] = (await api.gql(CHAIN, token=world.teacher))["me"]["person"]["targets"]
    assert (own["workResult"], values(own["measurements"])) == ("Kelas", [53.0])
    parent = own["parent"]
    # what cascading needs: the supervisor's work result, indicator and value; none of their measurements
    assert (parent["workResult"], parent["value"], parent["indicator"]["code"]) == ("Sekolah", 80.0, INDICATOR)
    assert parent["measurements"] == []
    assert (parent["parent"]["workResult"], parent["parent"]["measurements"]) == ("Dinas", [])
    body = str(await api.post(CHAIN, {}, world.teacher))
    assert "72" not in body and "91" not in body
    # the supervisor sees its own measurements, and its subordinate's, but not its own supervisor's
    [own] = (await api.gql(CHAIN, token=world.principal))["me"]["person"]["targets"]
    assert values(own["measurements"]) == [72.0] and own["parent"]["measurements"] == []
    [below] = (await api.gql(OF_PERSON, token=world.principal, n=TEACHER_1))["person"]["targets"]
    assert values(below["measurements"]) == [53.0] and values(below["parent"]["measurements"]) == [72.0]
    assert below["parent"]["parent"]["measurements"] == []
    # the agency's admin and ADMIN see the whole chain
    for token in (world.disdik_admin, world.admin):
        [chain] = (await api.gql(OF_PERSON, token=token, n=TEACHER_1))["person"]["targets"]
        assert (values(chain["measurements"]), values(chain["parent"]["measurements"]),
                values(chain["parent"]["parent"]["measurements"])) == ([53.0], [72.0], [91.0])


# -- the audit trail -----------------------------------------------------------------------------------------------

TRAIL = """query($entity: String!, $id: String!) { auditTrail(entity: $entity, id: $id) {
  actor action before after hash } }"""
UPSERT = """mutation($input: [PersonInput!]!) { upsertPeople(input: $input) { errors { code message } } }"""
BRIDGE = nip(8)  # a DISDIK person whose supervisor is DINKES_HEAD
ASSESS = """mutation($input: AssessmentInput!) { submitSupervisorAssessment(input: $input) {
  assessment { id } errors { code message } } }"""


async def trail(api, token: str, entity: str, entity_id: str) -> list[dict]:
    return (await api.gql(TRAIL, token=token, entity=entity, id=entity_id))["auditTrail"]


async def test_an_agency_admin_reads_no_identity_of_another_agency_in_a_trail(api, world):
    data = await api.gql(UPSERT, token=world.admin, input=[{
        "nip": BRIDGE, "name": "Hadi Wibowo", "employmentType": "PNS", "position": "Staf", "agency": "DISDIK",
        "supervisor": DINKES_HEAD}])
    assert data["upsertPeople"]["errors"] == []
    data = await api.gql(UPSERT, token=world.disdik_admin, input=[{
        "nip": BRIDGE, "name": "Hadi Wibowo", "employmentType": "PNS", "position": "Staf Ahli", "agency": "DISDIK",
        "supervisor": DINKES_HEAD}])
    assert data["upsertPeople"]["errors"] == []
    # ADMIN reads everything as it was written
    admin = await trail(api, world.admin, "person", BRIDGE)
    assert [(e["action"], e["after"]["supervisor"]) for e in admin] == [
        ("person.create", DINKES_HEAD), ("person.update", DINKES_HEAD)]
    assert admin[0]["actor"].startswith("token:") and admin[0]["actor"] != "token:hidden"
    # DISDIK's admin: the person, yes; their supervisor in DINKES, whom it reads as null elsewhere, no
    own = await trail(api, world.disdik_admin, "person", BRIDGE)
    assert [(e["action"], e["after"]["nip"], e["after"]["supervisor"]) for e in own] == [
        ("person.create", BRIDGE, None), ("person.update", BRIDGE, None)]
    assert own[1]["before"]["supervisor"] is None and own[1]["before"]["position"] == "Staf"
    body = str(await api.post(TRAIL, {"entity": "person", "id": BRIDGE}, world.disdik_admin))
    assert DINKES_HEAD not in body
    person = await api.gql("query($n: String!) { person(nip: $n) { supervisor { nip } } }", token=world.disdik_admin,
                           n=BRIDGE)
    assert person == {"person": {"supervisor": None}}  # as it reads elsewhere
    # actors: ADMIN's API token (no agency, no person) is hidden; the agency's own admin token is shown
    assert own[0]["actor"] == "token:hidden" and own[1]["actor"] == admin[1]["actor"] != "token:hidden"
    # the hashes are the stored events'
    assert [e["hash"] for e in own] == [e["hash"] for e in admin]


async def test_an_assessor_standing_in_from_another_agency_is_hidden_from_the_agency_admin(api, world):
    from kinerja.services.auth import tokens

    for status in ("ACTIVE", "EVALUATION"):
        await api.gql("mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }",
                      token=world.admin, s=status)
    # an ADMIN who is a person of DINKES stands in for the missing supervisor of DISDIK's head
    standing_in = await tokens.create_token("ADMIN", nip=DINKES_HEAD, label="Kepala BKPSDM")
    data = await api.gql(ASSESS, token=standing_in, input={
        "nip": HEAD, "period": "2025", "resultRating": "SESUAI_EKSPEKTASI", "behaviorRating": "SESUAI_EKSPEKTASI"})
    assert data["submitSupervisorAssessment"]["errors"] == [], data
    found = data["submitSupervisorAssessment"]["assessment"]["id"]
    [admin] = await trail(api, world.admin, "assessment", found)
    assert (admin["after"]["assessor"], admin["after"]["nip"]) == (DINKES_HEAD, HEAD)
    [own] = await trail(api, world.disdik_admin, "assessment", found)
    assert (own["after"]["assessor"], own["after"]["nip"], own["actor"]) == (None, HEAD, "token:hidden")
    assert DINKES_HEAD not in str(own) and admin["actor"] not in str(own)
    # the rest of the event is as written
    assert {k: v for k, v in own["after"].items() if k != "assessor"} == {
        k: v for k, v in admin["after"].items() if k != "assessor"}
    # the same viewer reads that assessor as null elsewhere
    listed = await api.gql("""query { assessments(period: "2025") { assessor { nip } } }""",
                           token=world.disdik_admin)
    assert listed["assessments"] == [{"assessor": None}]
    # a person of the viewer's agency keeps their NIP: DISDIK's head assesses the clerk
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    data = await api.gql(ASSESS, token=head, input={
        "nip": CLERK, "period": "2025", "resultRating": "SESUAI_EKSPEKTASI", "behaviorRating": "SESUAI_EKSPEKTASI"})
    found = data["submitSupervisorAssessment"]["assessment"]["id"]
    [own] = await trail(api, world.disdik_admin, "assessment", found)
    assert (own["actor"], own["after"]["assessor"], own["after"]["nip"]) == (f"nip:{HEAD}", HEAD, CLERK)
