"""Leaving the service (services/org/departures.py; docs/DOMAIN.md, "Leaving the service"): retirePerson and
reinstatePerson through the real app on SQLite and PostgreSQL. The good path, each refusal (nothing written), the
scope of an agency admin, sign-in closed after a departure, a departed person out of the people list, monitoring,
others' tasks and the supervisor choices, and the audit trail."""

from __future__ import annotations

import datetime as dt

from kinerja.models import Assignment, AuditEvent, Person, Post
from kinerja.services.auth import sessions, tokens
from kinerja.services.core import clock
from kinerja.services.core.access import SYSTEM, Access
from seeded import table_counts
from world import CLERK, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, nip

RETIRE = """mutation($nip: String!, $reason: DepartureReason!, $date: Date!, $note: String) {
  retirePerson(input: {nip: $nip, reason: $reason, date: $date, note: $note}) {
    person { nip departed leftAt leftReason } errors { path code message } } }"""
REINSTATE = """mutation($nip: String!, $note: String) { reinstatePerson(nip: $nip, note: $note) {
  person { nip departed leftAt leftReason } errors { path code message } } }"""
PERSON = """query($nip: String!) { person(nip: $nip) { nip departed leftAt leftReason } }"""
PEOPLE = """query($filter: PersonFilter) { people(filter: $filter, first: 100) {
  edges { node { nip departed } } totalCount } }"""
COUNTS = """query($agency: String) { skpMonitoring(cycle: 2025, agency: $agency) { agency unit people } }"""
EVERYONE = """query { monitoringPeople(cycle: 2025, has: PEOPLE, agency: "DISDIK", first: 100) { nip } }"""
UPSERT = """mutation($input: [PersonInput!]!) { upsertPeople(input: $input) { people { nip }
  errors { path code message } } }"""
TRANSFER = """mutation($nip: String!, $day: Date!, $sup: String) { transferPerson(input: {nip: $nip, effective: $day,
  unit: "SDN-001", supervisor: $sup, reason: "SK uji"}) { errors { path code message } } }"""
LOGIN = """mutation($nip: String!, $password: String!) { login(nip: $nip, password: $password) {
  token errors { path code message } } }"""
ME = "{ me { role } }"
TASKS = """{ myTasks { groups { kind period items { nip } } } }"""
STATUS = """mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code message } } }"""
PASSWORD = "kata-sandi-guru-7"
TODAY = clock.today()


async def retire(api, token, who, reason="PENSIUN", date=None, note=None) -> dict:
    return (await api.gql(RETIRE, token=token, nip=who, reason=reason, date=str(date or TODAY), note=note))[
        "retirePerson"]


async def reinstate(api, token, who, note=None) -> dict:
    return (await api.gql(REINSTATE, token=token, nip=who, note=note))["reinstatePerson"]


def codes(payload: dict) -> list[tuple[list[str], str]]:
    return [(e["path"], e["code"]) for e in payload["errors"]]


async def listed(api, token, **flt) -> list[str]:
    return sorted(e["node"]["nip"] for e in (await api.gql(PEOPLE, token=token, filter=flt or None))["people"]
                  ["edges"])


async def refused(api, token, query, name, expected, **variables) -> dict:
    """A mutation refused with exactly `expected` (path, code) problems, and no table gained or lost a row."""
    before = await table_counts()
    people = await Person.all().order_by("id").values()
    payload = (await api.gql(query, token=token, **variables))[name]
    assert codes(payload) == expected, payload
    assert await table_counts() == before
    assert await Person.all().order_by("id").values() == people  # no column of anyone changed
    return payload


async def test_an_agency_admin_retires_a_person_who_leaves_lists_and_comes_back(api, world):
    day = TODAY - dt.timedelta(days=3)
    events = await AuditEvent.filter(entity="person", entity_id=TEACHER_2).count()
    assert TEACHER_2 in await listed(api, world.disdik_admin)
    counts = {(r["agency"], r["unit"]): r["people"] for r in (await api.gql(COUNTS, token=world.admin,
                                                                            agency="DISDIK"))["skpMonitoring"]}
    done = await retire(api, world.disdik_admin, TEACHER_2, "MENINGGAL", day, "  Surat keterangan  ")
    assert done == {"person": {"nip": TEACHER_2, "departed": True, "leftAt": str(day), "leftReason": "MENINGGAL"},
                    "errors": []}
    stored = await Person.get(nip=TEACHER_2)
    assert (stored.left_at, stored.left_reason, stored.left_note) == (day, "MENINGGAL", "Surat keterangan")
    assert stored.left_by.startswith("token:")
    # the person reads as departed wherever they are read; the default list leaves them out
    for token in (world.admin, world.disdik_admin, world.principal):
        assert (await api.gql(PERSON, token=token, nip=TEACHER_2))["person"]["departed"] is True
    assert TEACHER_2 not in await listed(api, world.disdik_admin)
    assert TEACHER_2 not in await listed(api, world.principal)
    assert TEACHER_2 in await listed(api, world.disdik_admin, includeDeparted=True)
    # nor are they their last supervisor's staff any more (the record keeps who it was)
    staff = "query($nip: String!) { person(nip: $nip) { subordinates { nip } } }"
    for token in (world.admin, world.principal):
        found = (await api.gql(staff, token=token, nip=PRINCIPAL))["person"]["subordinates"]
        assert [p["nip"] for p in found] == [TEACHER_1]
    assert stored.supervisor_id == (await Person.get(nip=PRINCIPAL)).id
    everyone = (await api.gql(PEOPLE, token=world.admin, filter={"includeDeparted": True}))["people"]
    assert everyone["totalCount"] == 7
    assert (await api.gql(PEOPLE, token=world.admin))["people"]["totalCount"] == 6
    # monitoring counts and lists people in service
    after = {(r["agency"], r["unit"]): r["people"] for r in (await api.gql(COUNTS, token=world.admin,
                                                                           agency="DISDIK"))["skpMonitoring"]}
    assert after[("DISDIK", None)] == counts[("DISDIK", None)] - 1
    assert after[("DISDIK", "SDN-001")] == counts[("DISDIK", "SDN-001")] - 1
    assert TEACHER_2 not in [r["nip"] for r in (await api.gql(EVERYONE, token=world.admin))["monitoringPeople"]]
    # audited: before and after
    event = await AuditEvent.filter(entity="person", entity_id=TEACHER_2).order_by("-id").first()
    assert event.action == "person.depart"
    assert event.before["left_at"] is None
    assert event.after["left_at"] == str(day) and event.after["reason"] == "MENINGGAL"
    # and back
    back = await reinstate(api, world.disdik_admin, TEACHER_2, "SK dibatalkan")
    assert back == {"person": {"nip": TEACHER_2, "departed": False, "leftAt": None, "leftReason": None},
                    "errors": []}
    assert TEACHER_2 in await listed(api, world.disdik_admin)
    event = await AuditEvent.filter(entity="person", entity_id=TEACHER_2).order_by("-id").first()
    assert event.action == "person.reinstate" and event.before["left_at"] == str(day)
    assert await AuditEvent.filter(entity="person", entity_id=TEACHER_2).count() == events + 2
    stored = await Person.get(nip=TEACHER_2)
    assert (stored.left_at, stored.left_reason, stored.left_note, stored.left_by) == (None, None, None, None)


async def test_a_supervisor_is_refused_until_their_staff_move_and_their_head_post_is_left_vacant(api, world):
    payload = await refused(api, world.disdik_admin, RETIRE, "retirePerson",
                            [(["input", "nip"], "STILL_SUPERVISES")], nip=PRINCIPAL, reason="PENSIUN",
                            date=str(TODAY))
    assert "2 people" in payload["errors"][0]["message"]
    indonesian = await api.client.post("/graphql", json={"query": RETIRE, "variables": {
        "nip": PRINCIPAL, "reason": "PENSIUN", "date": str(TODAY)}},
        headers={"Authorization": f"Bearer {world.disdik_admin}", "Accept-Language": "id"})
    message = indonesian.json()["data"]["retirePerson"]["errors"][0]["message"]
    assert message.startswith(f"NIP {PRINCIPAL} masih menjadi atasan langsung 2 pegawai aktif")
    # one subordinate left: still refused, counting the one in service
    assert (await retire(api, world.disdik_admin, TEACHER_1))["errors"] == []
    payload = await refused(api, world.admin, RETIRE, "retirePerson", [(["input", "nip"], "STILL_SUPERVISES")],
                            nip=PRINCIPAL, reason="PENSIUN", date=str(TODAY))
    assert "1 people" in payload["errors"][0]["message"]
    assert (await retire(api, world.disdik_admin, TEACHER_2))["errors"] == []
    post = await Post.get(head_of__code="SDN-001")
    assert (await Person.get(nip=PRINCIPAL)).post_id == post.id
    day = TODAY - dt.timedelta(days=1)
    assert (await retire(api, world.disdik_admin, PRINCIPAL, "PENSIUN", day))["errors"] == []
    principal = await Person.get(nip=PRINCIPAL)
    assert (principal.post_id, principal.assigned_since, principal.left_at) == (None, day, day)
    kept = await Assignment.get(person_id=principal.id)
    assert (kept.post_id, kept.starts_on, kept.ends_on, kept.reason) == (post.id, None, day - dt.timedelta(days=1),
                                                                         "PENSIUN")
    # the post is free: someone else may take it
    taken = await api.gql("""mutation($day: Date!, $post: ID!) { transferPerson(input: {nip: "%s", effective: $day,
      unit: "SDN-001", post: $post, reason: "SK uji"}) { errors { code message } } }""" % CLERK,
                          token=world.disdik_admin, day=str(TODAY), post=str(post.id))
    assert taken["transferPerson"]["errors"] == []


async def test_every_refusal_names_its_problem_and_writes_nothing(api, world):
    tomorrow = TODAY + dt.timedelta(days=1)
    await refused(api, world.disdik_admin, RETIRE, "retirePerson", [(["input", "date"], "IN_THE_FUTURE")],
                  nip=TEACHER_1, reason="PENSIUN", date=str(tomorrow))
    await refused(api, world.disdik_admin, RETIRE, "retirePerson", [(["input", "note"], "TOO_LONG")],
                  nip=TEACHER_1, reason="PENSIUN", date=str(TODAY), note="x" * 1001)
    await refused(api, world.disdik_admin, RETIRE, "retirePerson",
                  [(["input", "nip"], "NOT_FOUND"), (["input", "note"], "TOO_LONG")],
                  nip=nip(99), reason="PENSIUN", date=str(TODAY), note="x" * 1001)
    await refused(api, world.disdik_admin, REINSTATE, "reinstatePerson", [(["nip"], "NOT_DEPARTED")], nip=TEACHER_1)
    # the day may not be before the current assignment began
    moved = await api.gql(TRANSFER, token=world.disdik_admin, nip=TEACHER_1, day=str(TODAY - dt.timedelta(days=3)),
                          sup=HEAD)
    assert moved["transferPerson"]["errors"] == []
    payload = await refused(api, world.disdik_admin, RETIRE, "retirePerson", [(["input", "date"], "BEFORE_CURRENT")],
                            nip=TEACHER_1, reason="PENSIUN", date=str(TODAY - dt.timedelta(days=4)))
    assert str(TODAY - dt.timedelta(days=3)) in payload["errors"][0]["message"]
    # an acting official (Plh) in a head post today
    post = await Post.get(head_of__code="SDN-001")
    acting = await api.gql("""mutation($post: ID!, $from: Date!, $to: Date!) { appointActing(input: {post: $post,
      nip: "%s", kind: PLH, startsOn: $from, endsOn: $to, decree: "SK uji"}) { errors { code } } }""" % TEACHER_2,
                           token=world.disdik_admin, post=str(post.id), **{"from": str(TODAY),
                                                                          "to": str(TODAY + dt.timedelta(days=5))})
    assert acting["appointActing"]["errors"] == []
    await refused(api, world.disdik_admin, RETIRE, "retirePerson", [(["input", "nip"], "STILL_ACTING")],
                  nip=TEACHER_2, reason="NONAKTIF", date=str(TODAY))
    # gone already
    assert (await retire(api, world.disdik_admin, CLERK, "BERHENTI"))["errors"] == []
    await refused(api, world.admin, RETIRE, "retirePerson", [(["input", "nip"], "ALREADY_DEPARTED")],
                  nip=CLERK, reason="PENSIUN", date=str(TODAY))
    # an unknown reason is the schema's refusal
    errors = await api.errors(RETIRE, token=world.admin, nip=NURSE, reason="LIBUR", date=str(TODAY))
    assert "LIBUR" in errors[0]["message"]
    assert (await Person.get(nip=NURSE)).left_at is None


async def test_only_admin_and_the_persons_agency_admin_may_retire_or_reinstate(api, world):
    forbidden = [(["input"], "FORBIDDEN")]
    for token in (world.teacher, world.principal, world.nurse):
        await refused(api, token, RETIRE, "retirePerson", forbidden, nip=TEACHER_1, reason="PENSIUN", date=str(TODAY))
    # another agency's admin: a person of DISDIK reads as unknown, as any NIP it cannot see
    await refused(api, world.dinkes_admin, RETIRE, "retirePerson", [(["input", "nip"], "NOT_FOUND")],
                  nip=TEACHER_1, reason="PENSIUN", date=str(TODAY))
    await refused(api, world.disdik_admin, RETIRE, "retirePerson", [(["input", "nip"], "NOT_FOUND")],
                  nip=NURSE, reason="PENSIUN", date=str(TODAY))
    assert (await retire(api, world.admin, NURSE))["errors"] == []  # ADMIN anywhere
    assert (await retire(api, world.disdik_admin, TEACHER_1))["errors"] == []
    await refused(api, world.dinkes_admin, REINSTATE, "reinstatePerson", [(["nip"], "NOT_FOUND")], nip=TEACHER_1)
    await refused(api, world.principal, REINSTATE, "reinstatePerson", [([], "FORBIDDEN")], nip=TEACHER_1)
    assert (await api.post(ME, token=world.teacher))["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await reinstate(api, world.dinkes_admin, NURSE))["errors"] == []
    assert (await reinstate(api, world.admin, TEACHER_1))["errors"] == []
    # a DINKES person is out of DISDIK's admin's sight, departed or not
    assert (await api.gql(PERSON, token=world.disdik_admin, nip=NURSE))["person"] is None


async def test_sign_in_is_closed_and_open_sessions_end_when_a_person_leaves(api, world):
    await sessions.set_password(Access(SYSTEM), TEACHER_2, PASSWORD)
    session = (await api.gql(LOGIN, nip=TEACHER_2, password=PASSWORD))["login"]
    assert session["errors"] == []
    api_token = await tokens.create_token("EMPLOYEE", nip=TEACHER_2)
    for bearer in (session["token"], api_token):
        assert (await api.gql(ME, token=bearer))["me"]["role"] == "EMPLOYEE"
    assert (await retire(api, world.disdik_admin, TEACHER_2, "PINDAH_INSTANSI"))["errors"] == []
    for bearer in (session["token"], api_token):
        assert (await api.post(ME, token=bearer))["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    event = await AuditEvent.filter(entity="person", entity_id=TEACHER_2, action="person.depart").first()
    assert event.after["sessions_revoked"] == 1
    denied = (await api.gql(LOGIN, nip=TEACHER_2, password=PASSWORD))["login"]
    assert denied["token"] is None and codes(denied) == [(["nip"], "ACCOUNT_INACTIVE")]
    indonesian = await api.client.post("/graphql", json={"query": LOGIN, "variables": {
        "nip": TEACHER_2, "password": PASSWORD}}, headers={"Accept-Language": "id"})
    message = indonesian.json()["data"]["login"]["errors"][0]["message"]
    assert message.startswith(f"NIP {TEACHER_2} sudah tidak aktif sejak ") and "tidak dapat digunakan untuk masuk" in message
    # a wrong password says nothing of the departure
    wrong = (await api.gql(LOGIN, nip=TEACHER_2, password="salah-sandi-99"))["login"]
    assert codes(wrong) == [(["nip"], "INVALID_CREDENTIALS")]
    assert (await reinstate(api, world.disdik_admin, TEACHER_2))["errors"] == []
    again = (await api.gql(LOGIN, nip=TEACHER_2, password=PASSWORD))["login"]
    assert again["errors"] == [] and (await api.gql(ME, token=again["token"]))["me"]["role"] == "EMPLOYEE"


async def test_a_departed_person_is_no_new_supervisor_and_is_not_transferred(api, world):
    assert (await retire(api, world.disdik_admin, TEACHER_2))["errors"] == []
    newcomer = {"nip": nip(50, birth="19920101", appointed="201801"), "name": "Hana Putri", "employmentType": "PNS",
                "position": "Guru", "agency": "DISDIK", "unit": "SDN-001", "supervisor": TEACHER_2}
    payload = await refused(api, world.disdik_admin, UPSERT, "upsertPeople",
                            [(["input", "0", "supervisor"], "SUPERVISOR_DEPARTED")], input=[newcomer])
    assert TEACHER_2 in payload["errors"][0]["message"]
    await refused(api, world.admin, UPSERT, "upsertPeople", [(["input", "0", "supervisor"], "SUPERVISOR_DEPARTED")],
                  input=[{"nip": TEACHER_1, "name": "Citra Lestari", "employmentType": "PNS", "position": "Guru Kelas",
                          "agency": "DISDIK", "unit": "SDN-001", "supervisor": TEACHER_2}])
    await refused(api, world.disdik_admin, TRANSFER, "transferPerson",
                  [(["input", "supervisor"], "SUPERVISOR_DEPARTED")], nip=TEACHER_1, day=str(TODAY), sup=TEACHER_2)
    await refused(api, world.disdik_admin, TRANSFER, "transferPerson", [(["input", "nip"], "PERSON_DEPARTED")],
                  nip=TEACHER_2, day=str(TODAY), sup=PRINCIPAL)
    # editing the departed person's own data (their supervisor kept) goes on
    edit = await api.gql(UPSERT, token=world.disdik_admin, input=[{
        "nip": TEACHER_2, "name": "Dewi Anggraini Putri", "employmentType": "PNS", "position": "Guru Kelas",
        "agency": "DISDIK"}])
    assert edit["upsertPeople"]["errors"] == []
    assert (await Person.get(nip=TEACHER_2)).left_at == TODAY
    # and a supervisor in service is chosen as before
    newcomer["supervisor"] = PRINCIPAL
    assert (await api.gql(UPSERT, token=world.disdik_admin, input=[newcomer]))["upsertPeople"]["errors"] == []


async def test_others_tasks_leave_a_departed_person_out(api, world):
    for status in ("ACTIVE", "EVALUATION"):
        assert (await api.gql(STATUS, token=world.admin, s=status))["setCycleStatus"]["errors"] == []

    async def assessed() -> set[str]:
        groups = (await api.gql(TASKS, token=world.principal))["myTasks"]["groups"]
        return {i["nip"] for g in groups if g["kind"] == "ASSESSMENTS" for i in g["items"]}

    assert await assessed() == {TEACHER_1, TEACHER_2}
    assert (await retire(api, world.disdik_admin, TEACHER_2))["errors"] == []
    assert await assessed() == {TEACHER_1}
    assert (await reinstate(api, world.disdik_admin, TEACHER_2))["errors"] == []
    assert await assessed() == {TEACHER_1, TEACHER_2}


async def test_a_departure_keeps_the_persons_records(api, world):
    """Nothing of the person is deleted: their row, assignments and audit trail stay, and ADMIN still reads them."""
    before = await table_counts()
    assert (await retire(api, world.admin, NURSE, "NONAKTIF"))["errors"] == []
    after = await table_counts()
    assert {k: after[k] - before[k] for k in before if after[k] != before[k]} == {"AuditEvent": 1}
    assert (await api.gql(PERSON, token=world.admin, nip=NURSE))["person"]["leftReason"] == "NONAKTIF"
