"""While a cycle is CLOSED every write for it is refused with CYCLE_CLOSED, and nothing is written."""

import pytest

from kinerja.models import Assessment, AuditEvent, Measurement, OrgRating, Rating, SurveyResponse, Target
from world import PRINCIPAL, TEACHER_1

STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code message } } }"
SET = """mutation($input: [TargetInput!]!) { setTargets(input: $input) { targets { id } errors { code } } }"""
ASSESS = """{ resultRating: SESUAI_EKSPEKTASI, behaviorRating: SESUAI_EKSPEKTASI }"""

# (name, mutation, token attribute of the world, variables); each answers with errors { code }
WRITES = [
    ("setTargets", SET, "principal", {"input": [{"cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT",
                                                  "nip": TEACHER_1, "workResult": "Sosialisasi", "value": 75}]}),
    ("recordMeasurements", """mutation($t: ID!) { recordMeasurements(input: [{target: $t, period: "2025-Q1",
        inputs: {participants: 60, invited: 80}}]) { errors { code } } }""", "teacher", {}),
    ("submitSelfAssessment", """mutation($nip: String!) { submitSelfAssessment(input: {nip: $nip, period: "2025",
        resultRating: SESUAI_EKSPEKTASI, behaviorRating: SESUAI_EKSPEKTASI}) { errors { code } } }""", "teacher",
     {"nip": TEACHER_1}),
    ("submitSupervisorAssessment", """mutation($nip: String!) { submitSupervisorAssessment(input: {nip: $nip,
        period: "2025", resultRating: SESUAI_EKSPEKTASI, behaviorRating: SESUAI_EKSPEKTASI}) { errors { code } } }""",
     "principal", {"nip": TEACHER_1}),
    ("finalizeRating", """mutation($nip: String!) { finalizeRating(input: {nip: $nip, period: "2025"}) {
        errors { code } } }""", "principal", {"nip": TEACHER_1}),
    ("reopenRating", """mutation($nip: String!) { reopenRating(nip: $nip, period: "2025", reason: "salah input") {
        errors { code } } }""", "admin", {"nip": PRINCIPAL}),
    ("setOrgPredikat", """mutation { setOrgPredikat(agency: "DISDIK", period: "2025", predikat: BAIK) {
        errors { code } } }""", "admin", {}),
    ("submitFeedback", """mutation { submitFeedback(input: {agency: "DISDIK", unit: "SDN-001", period: "2025-Q1",
        answers: [4, 4, 3, 4, 3, 4, 4, 3, 4]}) { accepted errors { code } } }""", None, {}),
]


@pytest.mark.parametrize("name, mutation, token, variables", WRITES, ids=[w[0] for w in WRITES])
async def test_a_closed_cycle_refuses_every_write(api, world, name, mutation, token, variables):
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    data = await api.gql(SET, token=world.principal, input=WRITES[0][3]["input"])
    target = data["setTargets"]["targets"][0]["id"]
    for status in ("ACTIVE", "EVALUATION", "CLOSED"):
        assert (await api.gql(STATUS, token=world.admin, s=status))["setCycleStatus"]["errors"] == []
    counts = [await m.all().count() for m in (Target, Measurement, Assessment, Rating, OrgRating, SurveyResponse,
                                               AuditEvent)]
    data = await api.gql(mutation, token=getattr(world, token) if token else None,
                         **({"t": target} if name == "recordMeasurements" else variables))
    payload = next(iter(data.values()))
    assert [e["code"] for e in payload["errors"]] == ["CYCLE_CLOSED"], payload
    assert payload.get("accepted") in (None, False)
    assert counts == [await m.all().count() for m in (Target, Measurement, Assessment, Rating, OrgRating,
                                                      SurveyResponse, AuditEvent)]
