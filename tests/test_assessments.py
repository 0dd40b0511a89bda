"""Self and supervisor assessments through GraphQL: who may write them, when, content rules, versions, scoping."""

import datetime as dt

import pytest

from kinerja.models import Assessment, AuditEvent, Person, Rating
from kinerja.services.core import audit
from kinerja.services.auth import tokens
from world import CLERK, DINKES_HEAD, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2

ABOVE, MEETS, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }"
FIELDS = """id kind period resultRating behaviorRating behaviorNotes { value note } comment version updatedAt
  actedByAdmin person { nip } assessor { nip name }"""
SUBMIT = {kind: f"""mutation($input: AssessmentInput!) {{ {name}(input: $input) {{
  assessment {{ {FIELDS} }} errors {{ path code message }} }} }}"""
          for kind, name in (("SELF", "submitSelfAssessment"), ("SUPERVISOR", "submitSupervisorAssessment"))}
LIST = """query($p: String!, $n: String) { assessments(period: $p, nip: $n) {
  kind version person { nip } assessor { nip } } }"""
SET_TARGETS = """mutation($input: [TargetInput!]!) { setTargets(input: $input) { errors { code message } } }"""
CONTEXT = """query($n: String!, $p: String!) { assessmentContext(nip: $n, period: $p) {
  person { nip } selfAssessment { kind version resultRating } supervisorAssessment { kind version assessor { nip } }
  suggestion { rating reason measurements { period } } headsUnit
  unitSatisfaction { period respondents index grade } } }"""


async def to_evaluation(api, world):
    for status in ("ACTIVE", "EVALUATION"):
        assert (await api.gql(STATUS, token=world.admin, s=status))["setCycleStatus"]["errors"] == []


def entry(nip: str, period: str = "2025", result: str = MEETS, behavior: str = MEETS, **extra) -> dict:
    return {"nip": nip, "period": period, "resultRating": result, "behaviorRating": behavior, **extra}


async def submit(api, token: str, kind: str, **input) -> dict:
    data = await api.gql(SUBMIT[kind], token=token, input=input)
    return next(iter(data.values()))


async def ok(api, token: str, kind: str, **input) -> dict:
    payload = await submit(api, token, kind, **input)
    assert payload["errors"] == [], payload["errors"]
    return payload["assessment"]


def codes(payload: dict) -> list[tuple[str, list[str]]]:
    return [(e["code"], e["path"]) for e in payload["errors"]]


async def assessment_events() -> list[AuditEvent]:
    return await AuditEvent.filter(entity="assessment").order_by("id")


# -- happy paths -----------------------------------------------------------------------------------------------------

async def test_employee_self_assesses_and_the_direct_supervisor_assesses_then_updates(api, world):
    await to_evaluation(api, world)
    notes = [{"value": "BERORIENTASI_PELAYANAN", "note": "  Ramah kepada orang tua murid  "},
             {"value": "KOLABORATIF", "note": "Aktif di KKG"}]
    mine = await ok(api, world.teacher, "SELF", **entry(TEACHER_1, result=ABOVE, behaviorNotes=notes,
                                                        comment="Target tercapai"))
    assert (mine["kind"], mine["period"], mine["version"], mine["resultRating"], mine["behaviorRating"]) == (
        "SELF", "2025", 1, ABOVE, MEETS)
    assert mine["behaviorNotes"] == [{"value": "BERORIENTASI_PELAYANAN", "note": "Ramah kepada orang tua murid"},
                                     {"value": "KOLABORATIF", "note": "Aktif di KKG"}]
    assert (mine["person"]["nip"], mine["assessor"]["nip"], mine["comment"], mine["actedByAdmin"]) == (
        TEACHER_1, TEACHER_1, "Target tercapai", False)

    theirs = await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_1, period="2025-Q2"))
    assert (theirs["kind"], theirs["period"], theirs["version"], theirs["assessor"]["nip"]) == (
        "SUPERVISOR", "2025-Q2", 1, PRINCIPAL)
    assert theirs["behaviorNotes"] == [] and theirs["comment"] is None

    updated = await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_1, period="2025-Q2", behavior=ABOVE,
                                                                   comment="Perilaku sangat baik", version=1))
    assert (updated["id"], updated["version"], updated["behaviorRating"], updated["comment"]) == (
        theirs["id"], 2, ABOVE, "Perilaku sangat baik")
    assert updated["updatedAt"] >= theirs["updatedAt"]
    stored = await Assessment.get(id=int(theirs["id"]))
    assert (stored.version, stored.behavior_rating, stored.recorded_by) == (2, ABOVE, f"nip:{PRINCIPAL}")

    events = await assessment_events()
    assert [(e.action, e.entity_id) for e in events] == [
        ("assessment.create", mine["id"]), ("assessment.create", theirs["id"]), ("assessment.update", theirs["id"])]
    assert events[0].actor == f"nip:{TEACHER_1}" and events[2].actor == f"nip:{PRINCIPAL}"
    assert events[1].before is None and events[1].after["version"] == 1
    assert (events[2].before["version"], events[2].before["behavior_rating"], events[2].before["comment"]) == (
        1, MEETS, None)
    assert (events[2].after["version"], events[2].after["behavior_rating"], events[2].after["assessor"]) == (
        2, ABOVE, PRINCIPAL)
    assert (await audit.verify()).ok


async def test_text_at_the_limits_is_accepted(api, world):
    await to_evaluation(api, world)
    notes = [{"value": value, "note": "x" * 2000} for value in (
        "BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF", "KOLABORATIF")]
    saved = await ok(api, world.teacher, "SELF", **entry(TEACHER_1, behaviorNotes=notes, comment="y" * 4000))
    assert len(saved["behaviorNotes"]) == 7 and len(saved["comment"]) == 4000


# -- refusals --------------------------------------------------------------------------------------------------------

NIP_PATH = ["input", "nip"]


async def test_who_may_write_which_assessment(api, world):
    await to_evaluation(api, world)
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    cases = [
        # wrong role or wrong person, in scope: FORBIDDEN
        (world.admin, "SELF", TEACHER_1, "FORBIDDEN"),
        (world.disdik_admin, "SELF", TEACHER_1, "FORBIDDEN"),
        (world.principal, "SELF", TEACHER_1, "FORBIDDEN"),  # a supervisor does not self-assess for a subordinate
        (world.teacher, "SUPERVISOR", TEACHER_1, "FORBIDDEN"),  # nobody is their own supervisor
        (world.disdik_admin, "SUPERVISOR", TEACHER_1, "FORBIDDEN"),
        (head, "SUPERVISOR", TEACHER_1, "FORBIDDEN"),  # above, but not the direct supervisor
        (world.admin, "SUPERVISOR", TEACHER_1, "FORBIDDEN"),  # TEACHER_1 has a supervisor
        # out of the viewer's scope: NOT_FOUND
        (world.teacher, "SELF", TEACHER_2, "NOT_FOUND"),
        (world.teacher, "SUPERVISOR", TEACHER_2, "NOT_FOUND"),
        (world.principal, "SUPERVISOR", CLERK, "NOT_FOUND"),
        (world.principal, "SUPERVISOR", NURSE, "NOT_FOUND"),
        (world.nurse, "SELF", TEACHER_1, "NOT_FOUND"),
        (world.dinkes_admin, "SUPERVISOR", TEACHER_1, "NOT_FOUND"),
        (world.dinkes_admin, "SELF", TEACHER_1, "NOT_FOUND"),
        (world.admin, "SUPERVISOR", "199901012020011999", "NOT_FOUND"),
    ]
    for token, kind, who, code in cases:
        payload = await submit(api, token, kind, **entry(who))
        assert codes(payload) == [(code, NIP_PATH)], (kind, who, payload)
        assert payload["assessment"] is None
    assert await Assessment.all().count() == 0 and await assessment_events() == []


async def test_admin_without_a_person_is_told_to_create_a_token_with_nip(api, world):
    await to_evaluation(api, world)
    payload = await submit(api, world.admin, "SUPERVISOR", **entry(DINKES_HEAD))  # has no supervisor
    assert codes(payload) == [("FORBIDDEN", NIP_PATH)]
    assert "kinerja token create --role ADMIN --nip" in payload["errors"][0]["message"]
    assert await Assessment.all().count() == 0


async def test_admin_with_a_person_assesses_someone_without_a_supervisor(api, world):
    await to_evaluation(api, world)
    admin_head = await tokens.create_token("ADMIN", nip=HEAD, label="Kepala BKPSDM")
    me = await api.gql("{ me { role person { nip } } }", token=admin_head)
    assert me == {"me": {"role": "ADMIN", "person": {"nip": HEAD}}}
    saved = await ok(api, admin_head, "SUPERVISOR", **entry(DINKES_HEAD, result=ABOVE))
    assert (saved["assessor"]["nip"], saved["actedByAdmin"], saved["person"]["nip"]) == (HEAD, True, DINKES_HEAD)
    row = await Assessment.get(id=int(saved["id"])).prefetch_related("assessor")
    assert (row.assessor.nip, row.acted_by_admin, row.recorded_by.startswith("token:")) == (HEAD, True, True)
    [event] = await assessment_events()
    assert (event.action, event.after["assessor"], event.after["acted_by_admin"]) == (
        "assessment.create", HEAD, True)
    assert event.actor == row.recorded_by
    # the assessed employee sees the assessment; its assessor works in an agency they cannot see, so it reads as
    # absent (and with it that agency's units, headcount and predikat); actedByAdmin says ADMIN stood in
    dinkes_head = await tokens.create_token("EMPLOYEE", nip=DINKES_HEAD)
    listed = await api.gql(LIST, token=dinkes_head, p="2025", n=None)
    assert listed["assessments"] == [{"kind": "SUPERVISOR", "version": 1, "person": {"nip": DINKES_HEAD},
                                      "assessor": None}]
    # such a token still acts for a missing supervisor only, and never for itself
    for who in (TEACHER_1, HEAD):
        assert codes(await submit(api, admin_head, "SUPERVISOR", **entry(who))) == [("FORBIDDEN", NIP_PATH)]
    # and it is still an ADMIN token: every person, and not a self-assessment
    people = await api.gql("{ people { totalCount } }", token=admin_head)
    assert people["people"]["totalCount"] == 7
    assert codes(await submit(api, admin_head, "SELF", **entry(HEAD))) == [("FORBIDDEN", NIP_PATH)]


@pytest.mark.parametrize("period, code", [
    ("2025-01", "INVALID_PERIOD"),  # a month of a QUARTERLY cycle
    ("2025-Q5", "INVALID_PERIOD"),
    ("25", "INVALID_PERIOD"),
    ("", "INVALID_PERIOD"),
    ("2031", "NOT_FOUND"),  # no cycle 2031
    ("2031-Q1", "NOT_FOUND"),
])
async def test_the_period_must_be_one_of_its_cycle(api, world, period, code):
    await to_evaluation(api, world)
    payload = await submit(api, world.teacher, "SELF", **entry(TEACHER_1, period=period))
    assert codes(payload) == [(code, ["input", "period"])]
    assert await Assessment.all().count() == 0


async def test_assessments_are_written_only_while_the_cycle_is_in_evaluation(api, world):
    for kind, token in (("SELF", world.teacher), ("SUPERVISOR", world.principal)):
        payload = await submit(api, token, kind, **entry(TEACHER_1))  # PLANNING
        assert codes(payload) == [("CYCLE_STATE", ["input", "period"])]
        assert "EVALUATION" in payload["errors"][0]["message"]
    # reported together with any other problem of the input
    payload = await submit(api, world.teacher, "SELF", **entry(TEACHER_1, comment="y" * 4001))
    assert codes(payload) == [("TOO_LONG", ["input", "comment"]), ("CYCLE_STATE", ["input", "period"])]
    await api.gql(STATUS, token=world.admin, s="ACTIVE")
    assert codes(await submit(api, world.teacher, "SELF", **entry(TEACHER_1))) == [("CYCLE_STATE", ["input", "period"])]
    await api.gql(STATUS, token=world.admin, s="EVALUATION")
    await ok(api, world.teacher, "SELF", **entry(TEACHER_1))
    await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_1))
    await api.gql(STATUS, token=world.admin, s="CLOSED")
    for kind, token, version in (("SELF", world.teacher, 1), ("SUPERVISOR", world.principal, 1),
                                 ("SELF", world.teacher, None)):
        payload = await submit(api, token, kind, **entry(TEACHER_1, result=ABOVE, version=version))
        assert codes(payload) == [("CYCLE_CLOSED", ["input", "period"])], (kind, version)
    assert {(a.version, a.result_rating) for a in await Assessment.all()} == {(1, MEETS)}
    assert len(await assessment_events()) == 2


async def test_content_rules_are_each_reported_and_nothing_is_written(api, world):
    await to_evaluation(api, world)
    note = {"value": "AKUNTABEL", "note": "Disiplin"}
    cases = [
        ({"behaviorNotes": [note, {"value": "KOMPETEN", "note": "x"}, {"value": "AKUNTABEL", "note": "lagi"}]},
         [("DUPLICATE", ["input", "behaviorNotes", "2", "value"])]),
        ({"behaviorNotes": [{"value": "LOYAL", "note": "   "}]},
         [("REQUIRED", ["input", "behaviorNotes", "0", "note"])]),
        ({"behaviorNotes": [note, {"value": "LOYAL", "note": "x" * 2001}]},
         [("TOO_LONG", ["input", "behaviorNotes", "1", "note"])]),
        ({"comment": "y" * 4001}, [("TOO_LONG", ["input", "comment"])]),
        ({"version": 0}, [("INVALID_VERSION", ["input", "version"])]),
        ({"version": 1}, [("NOT_FOUND", ["input", "version"])]),  # nothing to update yet
        # every problem of one input at once
        ({"behaviorNotes": [note, note], "comment": "y" * 4001, "period": "2025-13"},
         [("DUPLICATE", ["input", "behaviorNotes", "1", "value"]), ("TOO_LONG", ["input", "comment"]),
          ("INVALID_PERIOD", ["input", "period"])]),
    ]
    for extra, expected in cases:
        payload = await submit(api, world.principal, "SUPERVISOR", **{**entry(TEACHER_1), **extra})
        assert codes(payload) == expected, (extra, payload)
    assert await Assessment.all().count() == 0 and await assessment_events() == []


async def test_an_unknown_core_value_is_a_graphql_validation_error(api, world):
    await to_evaluation(api, world)
    errors = await api.errors(SUBMIT["SELF"], token=world.teacher, input=entry(
        TEACHER_1, behaviorNotes=[{"value": "JUJUR", "note": "x"}]))
    assert "JUJUR" in errors[0]["message"]


# -- versions --------------------------------------------------------------------------------------------------------

async def test_versions_guard_against_silent_overwrites(api, world):
    await to_evaluation(api, world)
    first = await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_1))
    # creating again: it exists
    payload = await submit(api, world.principal, "SUPERVISOR", **entry(TEACHER_1, result=BELOW))
    assert codes(payload) == [("CONFLICT", ["input", "version"])]
    assert "already exists at version 1: send version 1" in payload["errors"][0]["message"]
    second = await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_1, result=ABOVE, version=1))
    assert (second["id"], second["version"]) == (first["id"], 2)
    events = len(await assessment_events())
    # a stale version, and one from the future: CONFLICT naming the stored version, nothing changed
    for version in (1, 3):
        payload = await submit(api, world.principal, "SUPERVISOR", **entry(TEACHER_1, result=BELOW, version=version))
        assert codes(payload) == [("CONFLICT", ["input", "version"])]
        assert f"at version 2, not {version}" in payload["errors"][0]["message"]
    row = await Assessment.get(id=int(first["id"]))
    assert (row.version, row.result_rating) == (2, ABOVE)
    assert len(await assessment_events()) == events
    third = await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_1, version=2))
    assert third["version"] == 3
    # the two kinds have their own versions
    assert (await ok(api, world.teacher, "SELF", **entry(TEACHER_1)))["version"] == 1


async def test_a_finalized_rating_freezes_both_assessments(api, world):
    await to_evaluation(api, world)
    sup = await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_1))
    await ok(api, world.teacher, "SELF", **entry(TEACHER_1))
    row = await Assessment.get(id=int(sup["id"]))
    rating = await Rating.create(person_id=row.person_id, agency_id=row.agency_id, cycle_id=row.cycle_id, period="2025",
                                 assessment_id=row.id, result_rating=MEETS, behavior_rating=MEETS, predikat="BAIK",
                                 finalized_by="test", finalized_at=dt.datetime.now(dt.timezone.utc))
    events = len(await assessment_events())
    for token, kind in ((world.principal, "SUPERVISOR"), (world.teacher, "SELF")):
        for version in (1, None):
            payload = await submit(api, token, kind, **entry(TEACHER_1, result=ABOVE, version=version))
            assert codes(payload) == [("FINALIZED", NIP_PATH)], (kind, version)
            assert "reopen it first" in payload["errors"][0]["message"]
    # another period of the same person is not finalized
    await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_1, period="2025-Q1"))
    assert {(a.period, a.version, a.result_rating) for a in await Assessment.filter(period="2025")} == {
        ("2025", 1, MEETS)}
    assert len(await assessment_events()) == events + 1
    await rating.delete()  # reopened
    assert (await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_1, result=ABOVE, version=1)))["version"] == 2


# -- reading ---------------------------------------------------------------------------------------------------------

async def scoping_world(api, world) -> dict[str, str]:
    await to_evaluation(api, world)
    extra = {n: await tokens.create_token("EMPLOYEE", nip=n) for n in (HEAD, CLERK, TEACHER_2, DINKES_HEAD)}
    await ok(api, world.teacher, "SELF", **entry(TEACHER_1))
    await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_1))
    await ok(api, extra[TEACHER_2], "SELF", **entry(TEACHER_2))
    await ok(api, world.principal, "SELF", **entry(PRINCIPAL))
    await ok(api, extra[HEAD], "SUPERVISOR", **entry(PRINCIPAL))
    await ok(api, extra[CLERK], "SELF", **entry(CLERK))
    await ok(api, world.nurse, "SELF", **entry(NURSE))
    await ok(api, extra[DINKES_HEAD], "SUPERVISOR", **entry(NURSE))
    await ok(api, world.nurse, "SELF", **entry(NURSE, period="2025-Q1"))
    return extra


def listed(data) -> list[tuple[str, str]]:
    return [(a["person"]["nip"], a["kind"]) for a in data["assessments"]]


# by person name: Budi (PRINCIPAL), Citra (TEACHER_1), Dewi (TEACHER_2), Eko (CLERK), Gita (NURSE); SELF first
ALL_2025 = [(PRINCIPAL, "SELF"), (PRINCIPAL, "SUPERVISOR"), (TEACHER_1, "SELF"), (TEACHER_1, "SUPERVISOR"),
            (TEACHER_2, "SELF"), (CLERK, "SELF"), (NURSE, "SELF"), (NURSE, "SUPERVISOR")]


async def test_assessments_are_scoped_for_each_role(api, world):
    extra = await scoping_world(api, world)
    seen = {
        "admin": (world.admin, ALL_2025),
        "disdik admin": (world.disdik_admin, ALL_2025[:6]),
        "dinkes admin": (world.dinkes_admin, ALL_2025[6:]),
        "head": (extra[HEAD], ALL_2025[:6]),
        "principal": (world.principal, ALL_2025[:5]),
        "teacher": (world.teacher, [(TEACHER_1, "SELF"), (TEACHER_1, "SUPERVISOR")]),
        "clerk": (extra[CLERK], [(CLERK, "SELF")]),
        "nurse": (world.nurse, [(NURSE, "SELF"), (NURSE, "SUPERVISOR")]),
    }
    for who, (token, expected) in seen.items():
        assert listed(await api.gql(LIST, token=token, p="2025", n=None)) == expected, who
    assert listed(await api.gql(LIST, token=world.nurse, p="2025-Q1", n=None)) == [(NURSE, "SELF")]
    assert listed(await api.gql(LIST, token=world.admin, p="2025-Q3", n=None)) == []
    # one person: within scope, or nothing
    for token, who, expected in [
        (world.principal, TEACHER_1, [(TEACHER_1, "SELF"), (TEACHER_1, "SUPERVISOR")]),
        (world.admin, NURSE, [(NURSE, "SELF"), (NURSE, "SUPERVISOR")]),
        (world.teacher, TEACHER_2, []), (world.teacher, PRINCIPAL, []), (world.principal, CLERK, []),
        (world.dinkes_admin, TEACHER_1, []), (world.disdik_admin, NURSE, []), (world.admin, "1999", []),
    ]:
        assert listed(await api.gql(LIST, token=token, p="2025", n=who)) == expected, (who, expected)
    errors = await api.errors(LIST, token=world.admin, p="last year", n=None)
    assert errors[0]["extensions"]["code"] == "INVALID_PERIOD"


async def test_the_assessed_employee_sees_the_assessor_but_nothing_beyond(api, world):
    # the principal has a target, a supervisor, subordinates and a finalized rating: none of it is the teacher's
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    data = await api.gql(SET_TARGETS, token=world.admin, input=[{
        "cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "nip": PRINCIPAL, "workResult": "Rapat komite",
        "value": 80}])
    assert data["setTargets"]["errors"] == []
    extra = await scoping_world(api, world)
    principal = await Person.get(nip=PRINCIPAL)
    row = await Assessment.get(person_id=principal.id, kind="SUPERVISOR")
    await Rating.create(person_id=principal.id, agency_id=principal.agency_id, cycle_id=row.cycle_id, period="2025",
                        assessment_id=row.id, result_rating=MEETS, behavior_rating=MEETS, predikat="BAIK",
                        finalized_by="test", finalized_at=dt.datetime.now(dt.timezone.utc))
    query = """query($n: String) { assessments(period: "2025", nip: $n) { kind assessor {
      nip name position agency { code } unit { code } supervisor { nip } subordinates { nip }
      targets(cycle: 2025) { workResult } rating(period: "2025") { predikat } } } }"""
    data = await api.gql(query, token=world.teacher, n=TEACHER_1)
    sup = next(a for a in data["assessments"] if a["kind"] == "SUPERVISOR")
    assert sup["assessor"] == {"nip": PRINCIPAL, "name": "Budi Santoso", "position": "Kepala Sekolah",
                               "agency": {"code": "DISDIK"}, "unit": {"code": "SDN-001"}, "supervisor": None,
                               "subordinates": [], "targets": [], "rating": None}
    assert (await api.gql("query($n: String!) { person(nip: $n) { nip } }", token=world.teacher, n=PRINCIPAL)) == {
        "person": None}
    # for a viewer who may see the assessor, it is the whole person
    data = await api.gql(query, token=extra[HEAD], n=TEACHER_1)
    sup = next(a for a in data["assessments"] if a["kind"] == "SUPERVISOR")
    assert sup["assessor"]["supervisor"] == {"nip": HEAD} and sup["assessor"]["rating"] == {"predikat": "BAIK"}
    assert sup["assessor"]["targets"] == [{"workResult": "Rapat komite"}]
    assert {p["nip"] for p in sup["assessor"]["subordinates"]} == {TEACHER_1, TEACHER_2}


# -- the supervisor's view -------------------------------------------------------------------------------------------

async def test_the_supervisor_sees_both_assessments_and_the_suggestion(api, world):
    await scoping_world(api, world)
    data = (await api.gql(CONTEXT, token=world.principal, n=TEACHER_1, p="2025"))["assessmentContext"]
    assert data["person"] == {"nip": TEACHER_1}
    assert data["selfAssessment"] == {"kind": "SELF", "version": 1, "resultRating": MEETS}
    assert data["supervisorAssessment"] == {"kind": "SUPERVISOR", "version": 1, "assessor": {"nip": PRINCIPAL}}
    assert data["suggestion"]["rating"] is None and "no measurements" in data["suggestion"]["reason"]
    assert (data["headsUnit"], data["unitSatisfaction"]) == (False, None)  # a teacher heads no unit
    # before anything is written, both are null
    empty = (await api.gql(CONTEXT, token=world.principal, n=TEACHER_2, p="2025-Q3"))["assessmentContext"]
    assert (empty["selfAssessment"], empty["supervisorAssessment"]) == (None, None)


async def test_the_context_is_for_the_supervisor_chain_and_the_admins(api, world):
    extra = await scoping_world(api, world)
    for token in (world.principal, extra[HEAD], world.disdik_admin, world.admin):
        data = await api.gql(CONTEXT, token=token, n=TEACHER_1, p="2025")
        assert data["assessmentContext"]["person"] == {"nip": TEACHER_1}
    for token in (extra[TEACHER_2], extra[CLERK], world.nurse, world.dinkes_admin):
        assert await api.gql(CONTEXT, token=token, n=TEACHER_1, p="2025") == {"assessmentContext": None}
    errors = await api.errors(CONTEXT, token=world.teacher, n=TEACHER_1, p="2025")
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    errors = await api.errors(CONTEXT, token=world.principal, n=TEACHER_1, p="Q1")
    assert errors[0]["extensions"]["code"] == "INVALID_PERIOD"


FEEDBACK = """mutation($input: FeedbackInput!) { submitFeedback(input: $input) { accepted errors { code } } }"""


async def test_a_unit_head_comes_with_the_ikm_of_the_unit(api, world):
    extra = await scoping_world(api, world)
    for answer in (4, 3):
        data = await api.gql(FEEDBACK, input={"agency": "DISDIK", "unit": "SDN-001", "period": "2025-Q1",
                                              "answers": [answer] * 9})
        assert data["submitFeedback"] == {"accepted": True, "errors": []}
    # the principal heads SDN-001: the supervisor (HEAD) works in another unit
    data = (await api.gql(CONTEXT, token=extra[HEAD], n=PRINCIPAL, p="2025"))["assessmentContext"]
    assert data["headsUnit"] is True
    assert data["unitSatisfaction"] == {"period": "2025", "respondents": 2, "index": 87.5, "grade": "B"}
    data = (await api.gql(CONTEXT, token=extra[HEAD], n=PRINCIPAL, p="2025-Q2"))["assessmentContext"]
    assert data["unitSatisfaction"]["respondents"] == 0
    # the nurse heads the puskesmas (her supervisor has no unit); the head heads the secretariat (no supervisor);
    # the clerk works in the head's unit, and the Kepala Dinas Kesehatan has no unit
    for token, who, heads in ((world.dinkes_admin, NURSE, True), (world.admin, HEAD, True),
                              (extra[HEAD], CLERK, False), (world.admin, DINKES_HEAD, False)):
        data = (await api.gql(CONTEXT, token=token, n=who, p="2025"))["assessmentContext"]
        assert data["headsUnit"] is heads, who
        assert (data["unitSatisfaction"] is not None) is heads, who


async def test_listing_statement_count_does_not_grow_with_the_rows(api, world, sql_counter):
    extra = await scoping_world(api, world)
    query = """{ assessments(period: "2025") { kind person { nip unit { code } } assessor { nip agency { code } } } }"""

    async def statements(token: str) -> tuple[int, int]:
        with sql_counter:
            data = await api.gql(query, token=token)
        return len(data["assessments"]), sql_counter.count

    before = {name: await statements(token) for name, token in (("admin", world.admin), ("head", extra[HEAD]))}
    await ok(api, extra[HEAD], "SUPERVISOR", **entry(CLERK))
    await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_2))
    await ok(api, extra[HEAD], "SELF", **entry(HEAD))
    await ok(api, extra[DINKES_HEAD], "SELF", **entry(DINKES_HEAD))
    after = {name: await statements(token) for name, token in (("admin", world.admin), ("head", extra[HEAD]))}
    for name in before:
        assert after[name][0] > before[name][0] and after[name][1] == before[name][1], (name, before, after)
    # the teacher's supervisor assessment has an assessor out of the teacher's scope: one more loader, once
    rows, count = await statements(world.teacher)
    assert rows == 2 and count <= after["head"][1] + 1, (count, after)
