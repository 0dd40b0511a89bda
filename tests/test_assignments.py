"""Posts, transfers with an effective date, acting officials (Plt, Plh) and the assessing official of a period
(services/org/transfers.py, placements.py, services/evaluation/officials.py; docs/DOMAIN.md, "Posts, assignments and
acting officials"), through the real app, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from tortoise import connections

from kinerja.models import ActingAssignment, Assignment, AuditEvent, Person, Post
from kinerja.services.auth import tokens
from kinerja.services.core import clock
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.org import agencies, people
from kinerja.services.org.head_posts import create_head_posts
from test_assessments import MEETS, entry, submit, to_evaluation
from world import CLERK, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, nip, person

PRINCIPAL_2 = nip(21)  # Kepala SD Negeri 002, under HEAD

TRANSFER = """mutation($input: TransferInput!) { transferPerson(input: $input) {
  assignments { since until unitCode position supervisor { nip } reportsToPost { name } reason }
  errors { path code message } } }"""
ACTING = """mutation($input: ActingInput!) { appointActing(input: $input) {
  acting { id kind official { nip } post { name headsUnit } startsOn endsOn decree } errors { path code message } } }"""
END_ACTING = """mutation($id: ID!, $day: Date!) { endActing(id: $id, lastDay: $day) {
  acting { endsOn } errors { path code message } } }"""
CREATE_POST = """mutation($input: PostInput!) { createPost(input: $input) {
  post { id name kind unitCode headsUnit } errors { path code message } } }"""
OFFICIAL = """query($nip: String!, $period: String!) { person(nip: $nip) {
  assessingOfficial(period: $period) { official { nip } acting decree post { headsUnit } } } }"""
HEAD_AT = """query($date: Date) { agency(code: "DISDIK") { units { code headPost { id name }
  headAt(date: $date) { official { nip } acting } } } }"""
HISTORY = """query($nip: String!) { person(nip: $nip) { assignments { since until unitCode supervisor { nip }
  reason } } }"""
POSTS = """query { posts(agency: "DISDIK") { id name headsUnit } }"""
SK = "SK Wali Kota 800/123/2025"
GIVE = """mutation($input: AssessmentInput!) { submitSupervisorAssessment(input: $input) {
  assessment { subject { nip } assessor { nip } } errors { path code message } } }"""
LIST_GIVEN = """query($nip: String!) { assessments(period: "2025-Q2", nip: $nip) { kind subject { nip } } }"""


@pytest.fixture
async def posts(api, world):
    """The world with SD Negeri 002 and its head, everyone's records beginning before 2025, and the head posts the
    supervisor tree determines (as migration 0016 makes them)."""
    access = Access(SYSTEM)
    await agencies.create_unit(access, "DISDIK", "SDN-002", "SD Negeri 002 Tanjungpinang", None)
    await people.upsert_people(access, [person(PRINCIPAL_2, "Hana Wijaya", "DISDIK", "SDN-002", HEAD,
                                               "Kepala Sekolah")])
    await Person.all().update(assigned_since=None)
    made = await create_head_posts(connections.get("default"), "test")  # SDN-002's (the world made the others)
    ids = {p.head_of_id: p.id for p in await Post.all()}
    return made, ids


async def _post_of(code: str) -> int:
    return (await Post.get(head_of__code=code)).id


async def transfer(api, token, **input):
    return (await api.gql(TRANSFER, token=token, input=input))["transferPerson"]


def codes(payload):
    return sorted((e["code"], e["path"][-1]) for e in payload["errors"])


async def written() -> tuple[int, int, int]:
    return await Assignment.all().count(), await ActingAssignment.all().count(), await AuditEvent.all().count()


async def test_head_posts_come_from_the_supervisor_tree(api, world, posts):
    made, _ = posts
    heads = {p.head_of_id: p for p in await Post.all().prefetch_related("head_of")}
    held = {p.post_id: p.nip for p in await Person.filter(post_id__isnull=False)}
    by_unit = {post.head_of.code: (post.name, held[post.id], post.kind) for post in heads.values()}
    # HEAD (no supervisor), each principal (supervisor in another unit), the nurse (supervisor in no unit)
    assert by_unit == {"SEKRETARIAT": ("Kepala Dinas", HEAD, "STRUKTURAL"),
                       "SDN-001": ("Kepala Sekolah", PRINCIPAL, "STRUKTURAL"),
                       "SDN-002": ("Kepala Sekolah", PRINCIPAL_2, "STRUKTURAL"),
                       "PKM-BATU10": ("Perawat", NURSE, "STRUKTURAL")}
    assert made == 1  # the world's build made the other three
    assert await create_head_posts(connections.get("default"), "test") == 0  # a second run finds nothing
    assert await AuditEvent.filter(action="post.create").count() == 4
    # read, not guessed: the agency's units name their head today
    with clock.pinned("2025-07-10"):
        units = {u["code"]: u for u in (await api.gql(HEAD_AT, token=world.disdik_admin))["agency"]["units"]}
    assert units["SDN-001"]["headAt"] == {"official": {"nip": PRINCIPAL}, "acting": None}
    assert units["SEKRETARIAT"]["headAt"]["official"]["nip"] == HEAD


async def test_a_teacher_moved_mid_year_is_assessed_per_period_by_the_official_then(api, world, posts):
    principal_2 = await tokens.create_token("EMPLOYEE", nip=PRINCIPAL_2)
    with clock.pinned("2025-07-10"):
        moved = await transfer(api, world.disdik_admin, nip=TEACHER_1, effective="2025-07-01", unit="SDN-002",
                               reason=SK)
    assert moved["errors"] == []
    assert moved["assignments"] == [
        {"since": "2025-07-01", "until": None, "unitCode": "SDN-002", "position": "Guru Kelas",
         "supervisor": {"nip": PRINCIPAL_2}, "reportsToPost": None, "reason": None},
        {"since": None, "until": "2025-06-30", "unitCode": "SDN-001", "position": "Guru Kelas",
         "supervisor": {"nip": PRINCIPAL}, "reportsToPost": None, "reason": SK}]
    with clock.pinned("2025-10-05"):
        await to_evaluation(api, world)
        q2 = (await api.gql(OFFICIAL, token=world.admin, nip=TEACHER_1, period="2025-Q2"))["person"]
        q3 = (await api.gql(OFFICIAL, token=world.admin, nip=TEACHER_1, period="2025-Q3"))["person"]
        assert q2["assessingOfficial"]["official"] == {"nip": PRINCIPAL}
        assert q3["assessingOfficial"]["official"] == {"nip": PRINCIPAL_2}
        # the former principal no longer sees the teacher, yet assesses the quarter they were in post for
        assert (await api.post('query { person(nip: "%s") { nip } }' % TEACHER_1, token=world.principal)
                )["data"]["person"] is None
        done = (await api.gql(GIVE, token=world.principal, input=entry(TEACHER_1, "2025-Q2"))
                )["submitSupervisorAssessment"]
        assert done["errors"] == [] and done["assessment"] == {"subject": {"nip": TEACHER_1},
                                                               "assessor": {"nip": PRINCIPAL}}
        # ...and reads it back (what they gave, nothing else of the teacher)
        listed = (await api.gql(LIST_GIVEN, token=world.principal, nip=TEACHER_1))["assessments"]
        assert listed == [{"kind": "SUPERVISOR", "subject": {"nip": TEACHER_1}}]
        refused = await submit(api, principal_2, "SUPERVISOR", **entry(TEACHER_1, "2025-Q2"))  # in scope, not theirs
        assert [e["code"] for e in refused["errors"]] == ["FORBIDDEN"]
        assert (await submit(api, principal_2, "SUPERVISOR", **entry(TEACHER_1, "2025-Q3")))["errors"] == []
        refused = await submit(api, world.principal, "SUPERVISOR", **entry(TEACHER_1, "2025-Q3"))
        assert [e["code"] for e in refused["errors"]] == ["NOT_FOUND"]  # out of scope for Q3: reads as unknown
    # the move never rewrote the assessment of the quarter before it
    event = await AuditEvent.filter(action="person.transfer", entity_id=TEACHER_1).first()
    assert event.after["unit"] == "SDN-002" and event.before["unit"] == "SDN-001"


async def test_a_head_leaves_the_post_a_plt_acts_then_a_new_head_takes_it(api, world, posts):
    _, ids = posts
    sdn1 = await _post_of("SDN-001")
    principal_2 = await tokens.create_token("EMPLOYEE", nip=PRINCIPAL_2)
    with clock.pinned("2025-08-10"):
        out = await transfer(api, world.disdik_admin, nip=PRINCIPAL, effective="2025-08-01", unit="SEKRETARIAT",
                             position="Analis Kebijakan", reason=SK)
        assert out["errors"] == []
        assert out["assignments"][0]["supervisor"] == {"nip": HEAD}  # the head of the new unit
        # the teachers report to the vacant post, from the same day
        for teacher in (TEACHER_1, TEACHER_2):
            history = (await api.gql(HISTORY, token=world.admin, nip=teacher))["person"]["assignments"]
            assert history[0]["since"] == "2025-08-01" and history[0]["supervisor"] is None
            assert history[1]["until"] == "2025-07-31" and history[1]["supervisor"] == {"nip": PRINCIPAL}
        units = {u["code"]: u for u in (await api.gql(HEAD_AT, token=world.admin))["agency"]["units"]}
        assert units["SDN-001"]["headAt"] is None  # vacant, nobody acting
        # a Plh is for a holder who is away: refused on a vacant post; a Plt is appointed
        plh = (await api.gql(ACTING, token=world.disdik_admin, input={
            "post": str(sdn1), "nip": PRINCIPAL_2, "kind": "PLH", "startsOn": "2025-08-10", "endsOn": "2025-12-31",
            "decree": SK}))["appointActing"]
        assert codes(plh) == [("POST_VACANT", "kind")]
        plt = (await api.gql(ACTING, token=world.disdik_admin, input={
            "post": str(sdn1), "nip": PRINCIPAL_2, "kind": "PLT", "startsOn": "2025-08-10", "endsOn": "2025-12-31",
            "decree": SK}))["appointActing"]
        assert plt["errors"] == [] and plt["acting"]["official"] == {"nip": PRINCIPAL_2}
        assert plt["acting"]["post"] == {"name": "Kepala Sekolah", "headsUnit": "SDN-001"}
        # the Plt sees the post's staff today; the day before the decree began, nobody acted
        assert (await api.gql('query { person(nip: "%s") { nip } }' % TEACHER_2, token=principal_2)
                )["person"] == {"nip": TEACHER_2}
        units = {u["code"]: u for u in (await api.gql(HEAD_AT, token=world.admin, date="2025-08-09"))["agency"]["units"]}
        assert units["SDN-001"]["headAt"] is None
        units = {u["code"]: u for u in (await api.gql(HEAD_AT, token=world.admin, date="2025-08-10"))["agency"]["units"]}
        assert units["SDN-001"]["headAt"] == {"official": {"nip": PRINCIPAL_2}, "acting": "PLT"}
    with clock.pinned("2025-10-05"):
        await to_evaluation(api, world)
        found = (await api.gql(OFFICIAL, token=world.admin, nip=TEACHER_2, period="2025-Q3"))["person"]
        assert found["assessingOfficial"] == {"official": {"nip": PRINCIPAL_2}, "acting": "PLT", "decree": SK,
                                              "post": {"headsUnit": "SDN-001"}}
        assert (await submit(api, principal_2, "SUPERVISOR", **entry(TEACHER_2, "2025-Q3")))["errors"] == []
        # Q2 ended while PRINCIPAL held the post: theirs
        found = (await api.gql(OFFICIAL, token=world.admin, nip=TEACHER_2, period="2025-Q2"))["person"]
        assert found["assessingOfficial"]["official"] == {"nip": PRINCIPAL} and found["assessingOfficial"]["acting"] is None
        # a new head takes the post: the teachers report to them from that day
        new_head = nip(22)
        await people.upsert_people(Access(SYSTEM), [person(new_head, "Irma Sari", "DISDIK", "SEKRETARIAT", HEAD)])
        taken = await transfer(api, world.admin, nip=new_head, effective="2025-10-05", unit="SDN-001",
                               post=str(sdn1), reason=SK)
        assert taken["errors"] == [] and taken["assignments"][0]["position"] == "Kepala Sekolah"
        assert (await Person.get(nip=TEACHER_2)).supervisor_id == (await Person.get(nip=new_head)).id
        # the post filled, the Plt ends the day before (audited); the new head assesses from then
        plt_row = await ActingAssignment.get(id=int(plt["acting"]["id"]))
        assert plt_row.ends_on.isoformat() == "2025-10-04"
        assert await AuditEvent.filter(action="acting.end", entity_id=plt["acting"]["id"]).count() == 1
        units = {u["code"]: u for u in (await api.gql(HEAD_AT, token=world.admin, date="2025-10-05"))["agency"]["units"]}
        assert units["SDN-001"]["headAt"] == {"official": {"nip": new_head}, "acting": None}
        units = {u["code"]: u for u in (await api.gql(HEAD_AT, token=world.admin, date="2025-10-04"))["agency"]["units"]}
        assert units["SDN-001"]["headAt"] == {"official": {"nip": PRINCIPAL_2}, "acting": "PLT"}
        # ending it earlier still works through endActing (not before yesterday)
        ended = (await api.gql(END_ACTING, token=world.disdik_admin, id=plt["acting"]["id"], day="2025-10-04")
                 )["endActing"]
        assert ended["errors"] == [] and ended["acting"]["endsOn"] == "2025-10-04"


async def test_a_plh_stands_in_for_an_absent_head_to_the_day(api, world, posts):
    sekretariat = await _post_of("SEKRETARIAT")
    with clock.pinned("2025-08-20"):
        plh = (await api.gql(ACTING, token=world.disdik_admin, input={
            "post": str(sekretariat), "nip": CLERK, "kind": "PLH", "startsOn": "2025-09-01", "endsOn": "2025-09-30",
            "decree": SK}))["appointActing"]
        assert plh["errors"] == []
        plt = (await api.gql(ACTING, token=world.disdik_admin, input={
            "post": str(sekretariat), "nip": PRINCIPAL, "kind": "PLT", "startsOn": "2025-10-01",
            "endsOn": "2025-10-02", "decree": SK}))["appointActing"]
        assert codes(plt) == [("POST_HELD", "kind")]  # held: a Plt fills a vacancy only
    # Q3 ends on 30 September, the Plh's last day: the Plh assesses the principal (whose supervisor is away)
    with clock.pinned("2025-10-05"):
        found = (await api.gql(OFFICIAL, token=world.admin, nip=PRINCIPAL, period="2025-Q3"))["person"]
    assert found["assessingOfficial"]["official"] == {"nip": CLERK}
    assert found["assessingOfficial"]["acting"] == "PLH"
    # a day shorter and the head is back for the quarter's end
    await ActingAssignment.filter(id=int(plh["acting"]["id"])).update(ends_on="2025-09-29")
    with clock.pinned("2025-10-05"):
        found = (await api.gql(OFFICIAL, token=world.admin, nip=PRINCIPAL, period="2025-Q3"))["person"]
    assert found["assessingOfficial"] == {"official": {"nip": HEAD}, "acting": None, "decree": None,
                                          "post": {"headsUnit": "SEKRETARIAT"}}


async def test_the_hr_import_moves_people_from_today(api, world, posts):
    with clock.pinned("2025-05-02"):
        await people.upsert_people(Access(SYSTEM), [person(TEACHER_2, "Dewi Anggraini", "DISDIK", "SDN-002",
                                                           PRINCIPAL_2, "Guru Kelas")])
        history = (await api.gql(HISTORY, token=world.admin, nip=TEACHER_2))["person"]["assignments"]
    assert history == [{"since": "2025-05-02", "until": None, "unitCode": "SDN-002",
                        "supervisor": {"nip": PRINCIPAL_2}, "reason": None},
                       {"since": None, "until": "2025-05-01", "unitCode": "SDN-001",
                        "supervisor": {"nip": PRINCIPAL}, "reason": "upsertPeople"}]
    # moved again the same day: corrected in place, no second row
    with clock.pinned("2025-05-02"):
        await people.upsert_people(Access(SYSTEM), [person(TEACHER_2, "Dewi Anggraini", "DISDIK", "SDN-001",
                                                           PRINCIPAL, "Guru Kelas")])
    assert await Assignment.filter(person__nip=TEACHER_2).count() == 1


async def test_every_bad_transfer_is_refused_and_nothing_is_written(api, world, posts):
    sdn1, sdn2 = await _post_of("SDN-001"), await _post_of("SDN-002")
    before = await written()
    with clock.pinned("2025-07-10"):
        cases = [
            (dict(nip=TEACHER_1, effective="2025-07-11", unit="SDN-002", reason=SK), [("IN_THE_FUTURE", "effective")]),
            (dict(nip=TEACHER_1, effective="2025-07-01", unit="SDN-404", reason=" "),
             [("NOT_FOUND", "unit"), ("REQUIRED", "reason")]),
            (dict(nip=TEACHER_1, effective="2025-07-01", unit="SDN-002", post=str(sdn2), reason=SK),
             [("POST_HELD", "post")]),
            (dict(nip=TEACHER_1, effective="2025-07-01", unit="SDN-002", post=str(sdn1), reason=SK),
             [("POST_HELD", "post"), ("WRONG_UNIT", "post")]),
            (dict(nip=PRINCIPAL, effective="2025-07-01", unit="SDN-001", supervisor=TEACHER_1, reason=SK),
             [("SUPERVISOR_LOOP", "supervisor")]),
            (dict(nip=TEACHER_1, effective="2025-07-01", unit="SDN-001", supervisor=TEACHER_1, reason=SK),
             [("SELF_SUPERVISOR", "supervisor")]),
            (dict(nip=TEACHER_1, effective="2025-07-01", unit="SDN-001", reason=SK), [("NOTHING_CHANGES", "input")]),
            (dict(nip=TEACHER_1, effective="2025-07-01", unit="SDN-002", agency="NOPE", reason=SK),
             [("NOT_FOUND", "agency")]),
            (dict(nip="199001012015011999", effective="2025-07-01", unit="SDN-002", reason=SK), [("NOT_FOUND", "nip")]),
        ]
        for input, expected in cases:
            assert codes(await transfer(api, world.disdik_admin, **input)) == expected, input
        # another agency's admin: the NIP reads as unknown to it; an employee may not transfer at all
        assert codes(await transfer(api, world.dinkes_admin, nip=TEACHER_1, effective="2025-07-01", unit="SDN-002",
                                    reason=SK)) == [("NOT_FOUND", "nip")]
        assert codes(await transfer(api, world.principal, nip=TEACHER_1, effective="2025-07-01", unit="SDN-002",
                                    reason=SK)) == [("FORBIDDEN", "input")]
        assert codes(await transfer(api, world.disdik_admin, nip=TEACHER_1, effective="2025-07-01", unit="PKM-BATU10",
                                    agency="DINKES", reason=SK)) == [("NOT_FOUND", "agency")]
        # a move, then one dated before it began
        assert (await transfer(api, world.disdik_admin, nip=TEACHER_1, effective="2025-07-01", unit="SDN-002",
                               reason=SK))["errors"] == []
        moved = await written()
        assert codes(await transfer(api, world.disdik_admin, nip=TEACHER_1, effective="2025-06-30", unit="SDN-001",
                                    reason=SK)) == [("BEFORE_CURRENT", "effective")]
        assert await written() == moved
    assert moved[0] == before[0] + 1 and moved[1] == before[1]


async def test_every_bad_acting_appointment_is_refused_and_nothing_is_written(api, world, posts):
    sdn1 = await _post_of("SDN-001")
    staff_post = (await api.gql(CREATE_POST, token=world.disdik_admin, input={
        "agency": "DISDIK", "name": "Guru Kelas", "kind": "FUNGSIONAL", "unit": "SDN-001"}))["createPost"]
    assert staff_post["errors"] == [] and staff_post["post"]["headsUnit"] is None
    bad_post = (await api.gql(CREATE_POST, token=world.disdik_admin, input={
        "agency": "DISDIK", "name": "Kepala Sekolah", "kind": "FUNGSIONAL", "unit": "SDN-001", "headsUnit": True})
                )["createPost"]
    assert codes(bad_post) == [("ALREADY_HEADED", "unit"), ("INVALID_KIND", "kind")]
    before = await written()
    base = {"post": str(sdn1), "nip": CLERK, "kind": "PLH", "startsOn": "2025-09-01", "endsOn": "2025-09-30",
            "decree": SK}
    cases = [
        ({"endsOn": "2025-08-31"}, [("BEFORE_START", "endsOn")]),
        ({"endsOn": "2026-09-02"}, [("TOO_LONG", "endsOn")]),
        ({"decree": ""}, [("REQUIRED", "decree")]),
        ({"nip": PRINCIPAL}, [("HOLDS_POST", "nip")]),
        ({"nip": NURSE}, [("NOT_FOUND", "nip")]),
        ({"post": staff_post["post"]["id"]}, [("NOT_A_HEAD_POST", "post")]),
        ({"post": "999999"}, [("NOT_FOUND", "post")]),
    ]
    with clock.pinned("2025-08-20"):
        for change, expected in cases:
            payload = (await api.gql(ACTING, token=world.disdik_admin, input={**base, **change}))["appointActing"]
            assert codes(payload) == expected, change
        refused = (await api.gql(ACTING, token=world.dinkes_admin, input=base))["appointActing"]
        assert codes(refused) == [("NOT_FOUND", "post")]  # another agency's post reads as unknown
        assert await written() == (before[0], before[1], before[2])
        # the longest a decree covers: 1 September to 1 September, 366 days counted inclusively (one more: TOO_LONG)
        longest = (await api.gql(ACTING, token=world.disdik_admin, input={**base, "endsOn": "2026-09-01"}))
        assert longest["appointActing"]["errors"] == []
        overlap = (await api.gql(ACTING, token=world.disdik_admin, input={**base, "startsOn": "2025-09-30",
                                                                          "endsOn": "2025-10-10"}))["appointActing"]
        assert codes(overlap) == [("OVERLAPS", "startsOn")]
        listed = (await api.gql('query { actingAssignments(agency: "DISDIK") { kind official { nip } } }',
                                token=world.disdik_admin))["actingAssignments"]
        assert listed == [{"kind": "PLH", "official": {"nip": CLERK}}]
        assert [p["headsUnit"] for p in (await api.gql(POSTS, token=world.disdik_admin))["posts"]][-1] is None
        errors = await api.errors('query { actingAssignments(agency: "DISDIK") { kind } }', token=world.teacher)
        assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert await AuditEvent.filter(action="acting.appoint").count() == 1
    assert await AuditEvent.filter(action="post.create").count() == 4 + 1


async def test_assessing_official_period_must_be_well_formed(api, world, posts):
    errors = await api.errors(OFFICIAL, token=world.admin, nip=TEACHER_1, period="2025-Q5")
    assert "period" in errors[0]["message"]
    assert MEETS


async def test_a_transfer_gives_no_rating_power_through_an_account_an_agency_admin_controls(api, world, posts):
    """DISDIK's admin set TEACHER_1's password (an account it may control): it may not make TEACHER_1 anyone's
    supervisor by a transfer, nor make them take a vacant head post that staff report to; ADMIN may."""
    reset = """mutation($nip: String!) { setPassword(nip: $nip, password: "sementara-dari-admin") { errors { code } } }"""
    assert (await api.gql(reset, token=world.disdik_admin, nip=TEACHER_1))["setPassword"]["errors"] == []
    sdn1 = await _post_of("SDN-001")
    with clock.pinned("2025-08-10"):
        before = await written()
        refused = await transfer(api, world.disdik_admin, nip=TEACHER_2, effective="2025-08-01", unit="SDN-001",
                                 supervisor=TEACHER_1, reason=SK)
        assert codes(refused) == [("FORBIDDEN", "supervisor")]
        # the principal leaves the head post (the teachers report to it, vacant); TEACHER_1 may not take it
        assert (await transfer(api, world.disdik_admin, nip=PRINCIPAL, effective="2025-08-01", unit="SEKRETARIAT",
                               position="Analis", reason=SK))["errors"] == []
        moved = await written()
        refused = await transfer(api, world.disdik_admin, nip=TEACHER_1, effective="2025-08-02", unit="SDN-001",
                                 post=str(sdn1), reason=SK)
        assert codes(refused) == [("FORBIDDEN", "post")]
        assert await written() == moved and moved[0] > before[0]
        taken = await transfer(api, world.admin, nip=TEACHER_1, effective="2025-08-02", unit="SDN-001",
                               post=str(sdn1), reason=SK)
        assert taken["errors"] == []
    assert (await Person.get(nip=TEACHER_2)).supervisor_id == (await Person.get(nip=TEACHER_1)).id


async def test_a_move_keeps_the_skp_of_the_post_and_opens_one_for_the_new(api, world, posts):
    """TEACHER_1's approved SKP (revision 1, PRINCIPAL's approval): moved to SDN-002 on 1 July, the assignment that
    ended keeps revision 1 as the SKP of that post, and a DRAFT revision 2 is opened for the new post, which the
    teacher submits and the new principal approves."""
    from skp_world import APPROVE, READ, SUBMIT, skp_approved, step

    await skp_approved(api, world)
    principal_2 = await tokens.create_token("EMPLOYEE", nip=PRINCIPAL_2)
    with clock.pinned("2025-07-10"):
        moved = await transfer(api, world.disdik_admin, nip=TEACHER_1, effective="2025-07-01", unit="SDN-002",
                               reason=SK)
        assert moved["errors"] == []
        history = (await api.gql("""query($n: String!) { person(nip: $n) { assignments { until skpRevision } } }""",
                                 token=world.admin, n=TEACHER_1))["person"]["assignments"]
        assert history == [{"until": None, "skpRevision": None}, {"until": "2025-06-30", "skpRevision": 1}]
        skp = (await api.gql(READ, token=world.admin, nip=TEACHER_1, cycle=2025))["skp"]
        assert (skp["status"], skp["revision"], skp["approvedRevision"], skp["version"]) == ("DRAFT", 2, 1, 4)
        event = await AuditEvent.filter(action="skp.new_post").first()
        assert (event.after["post_revision"], event.after["opened"], event.after["since"]) == (1, 2, "2025-07-01")
        # the teacher submits the new post's SKP; the old principal may no longer approve it, the new one does
        assert (await step(api, world.teacher, SUBMIT, nip=TEACHER_1, version=4))["errors"] == []
        refused = await step(api, world.principal, APPROVE, nip=TEACHER_1, version=5)
        assert refused["errors"] and refused["errors"][0]["code"] in ("FORBIDDEN", "NOT_FOUND")
        assert (await step(api, principal_2, APPROVE, nip=TEACHER_1, version=5))["errors"] == []
        skp = (await api.gql(READ, token=world.admin, nip=TEACHER_1, cycle=2025))["skp"]
        assert (skp["status"], skp["approvedRevision"]) == ("APPROVED", 2)
        # a change of position only keeps the post's SKP as it is
        same = await transfer(api, world.disdik_admin, nip=TEACHER_1, effective="2025-07-10", unit="SDN-002",
                              position="Guru Kelas Ahli Muda", reason=SK)
        assert same["errors"] == [] and await AuditEvent.filter(action="skp.new_post").count() == 1
