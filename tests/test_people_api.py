"""People, cycles, agencies and units through the public GraphQL surface: rules, scopes, audit."""

import base64
import json

import pytest

from kinerja.models import AuditEvent
from world import CLERK, DINKES_HEAD, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, nip

UPSERT = """mutation($input: [PersonInput!]!) { upsertPeople(input: $input) {
  people { nip name employmentType position agency { code } unit { code } supervisor { nip } }
  errors { path code message } } }"""

PERSON = """query($nip: String!) { person(nip: $nip) {
  nip name position agency { code } unit { code } supervisor { nip } subordinates { nip } } }"""

PEOPLE = """query($filter: PersonFilter, $first: Int, $after: String) {
  people(filter: $filter, first: $first, after: $after) {
    edges { cursor node { nip name } } pageInfo { hasNextPage endCursor } totalCount } }"""

COUNT = "{ people(first: 100) { totalCount } }"

# new people of the tests: born 1990, appointed 2015, so they never collide with the world's NIPs
N1, N2, N3, N4 = (nip(s, birth="19900101", appointed="201501") for s in (11, 12, 13, 14))

ALL_NAMES = ["Andi Pratama", "Budi Santoso", "Citra Lestari", "Dewi Anggraini", "Eko Saputra",
             "Fajar Hidayat", "Gita Permata"]


def row(n, name="Pegawai Baru", agency="DISDIK", unit=None, supervisor=None, position="Staf", kind="PNS"):
    return {"nip": n, "name": name, "employmentType": kind, "position": position, "agency": agency,
            "unit": unit, "supervisor": supervisor}


async def upsert(api, token, *rows):
    return (await api.gql(UPSERT, token=token, input=list(rows)))["upsertPeople"]


def problems(payload):
    return [(e["path"], e["code"]) for e in payload["errors"]]


async def person(api, token, n):
    return (await api.gql(PERSON, token=token, nip=n))["person"]


async def total(api, token):
    return (await api.gql(COUNT, token=token))["people"]["totalCount"]


async def page(api, token, **variables):
    return (await api.gql(PEOPLE, token=token, **variables))["people"]


async def person_events(n=None):
    qs = AuditEvent.filter(entity="person")
    return await (qs.filter(entity_id=n) if n else qs).count()


async def assert_rejected(api, world, payload, expected, absent=()):
    """The mutation answered exactly these problems, and nothing of its batch was written."""
    assert problems(payload) == expected, payload["errors"]
    assert payload["people"] == []
    assert all(e["message"] for e in payload["errors"])
    assert await total(api, world.admin) == 7
    for n in absent:
        assert await person(api, world.admin, n) is None


# upsertPeople: creating and updating

async def test_admin_creates_people_in_input_order_with_relations_resolved(api, world):
    out = await upsert(api, world.admin,
                       row(N1, "Zaki Teacher", unit="SDN-001", supervisor=PRINCIPAL, position="Guru Kelas"),
                       row(N2, "Ayu Nurse", agency="DINKES", unit="PKM-BATU10", supervisor=NURSE, kind="PPPK"))
    assert out["errors"] == []
    assert out["people"] == [
        {"nip": N1, "name": "Zaki Teacher", "employmentType": "PNS", "position": "Guru Kelas",
         "agency": {"code": "DISDIK"}, "unit": {"code": "SDN-001"}, "supervisor": {"nip": PRINCIPAL}},
        {"nip": N2, "name": "Ayu Nurse", "employmentType": "PPPK", "position": "Staf",
         "agency": {"code": "DINKES"}, "unit": {"code": "PKM-BATU10"}, "supervisor": {"nip": NURSE}},
    ]
    assert await total(api, world.admin) == 9


async def test_supervisor_may_come_later_in_the_same_batch(api, world):
    out = await upsert(api, world.admin, row(N1, "Staf Baru", supervisor=N2), row(N2, "Kepala Baru", supervisor=HEAD))
    assert out["errors"] == []
    assert [(p["nip"], p["supervisor"]) for p in out["people"]] == [(N1, {"nip": N2}), (N2, {"nip": HEAD})]
    assert (await person(api, world.admin, N2))["subordinates"] == [{"nip": N1}]


async def test_second_upsert_updates_name_unit_and_supervisor(api, world):
    await upsert(api, world.admin, row(N1, "Staf Lama", unit="SEKRETARIAT", supervisor=CLERK))
    out = await upsert(api, world.admin, row(N1, "Staf Baru", unit="SDN-001", supervisor=PRINCIPAL, position="Guru"))
    assert out["errors"] == []
    assert await person(api, world.admin, N1) == {
        "nip": N1, "name": "Staf Baru", "position": "Guru", "agency": {"code": "DISDIK"},
        "unit": {"code": "SDN-001"}, "supervisor": {"nip": PRINCIPAL}, "subordinates": []}
    assert await total(api, world.admin) == 8
    assert (await person(api, world.admin, CLERK))["subordinates"] == []


async def test_update_can_remove_unit_and_supervisor(api, world):
    out = await upsert(api, world.admin, row(CLERK, "Eko Saputra", position="Pengadministrasi Umum"))
    assert out["errors"] == []
    found = await person(api, world.admin, CLERK)
    assert (found["unit"], found["supervisor"]) == (None, None)
    assert [p["nip"] for p in (await person(api, world.admin, HEAD))["subordinates"]] == [PRINCIPAL]


async def test_existing_person_may_get_a_supervisor_created_in_the_same_batch(api, world):
    out = await upsert(api, world.admin,
                       row(CLERK, "Eko Saputra", unit="SEKRETARIAT", supervisor=N1, position="Pengadministrasi Umum"),
                       row(N1, "Sekretaris Baru", unit="SEKRETARIAT", supervisor=HEAD))
    assert out["errors"] == []
    assert (await person(api, world.admin, CLERK))["supervisor"] == {"nip": N1}


async def test_nips_with_spaces_and_dots_are_stored_normalized(api, world):
    spaced = f"{N1[:8]} {N1[8:14]} {N1[14]} {N1[15:]}"
    dotted = ".".join([N2[:8], N2[8:14], N2[14], N2[15:]])
    out = await upsert(api, world.admin, row(spaced, "Spasi"), row(dotted, "Titik", supervisor=spaced))
    assert out["errors"] == []
    assert [p["nip"] for p in out["people"]] == [N1, N2]
    assert (await person(api, world.admin, N2))["supervisor"] == {"nip": N1}
    assert (await page(api, world.admin, filter={"search": "Spasi"}))["edges"][0]["node"]["nip"] == N1


async def test_names_are_stripped_and_200_characters_are_accepted(api, world):
    out = await upsert(api, world.admin, row(N1, "  Nama Berspasi  "), row(N2, "x" * 200))
    assert out["errors"] == []
    assert [p["name"] for p in out["people"]] == ["Nama Berspasi", "x" * 200]


async def test_500_people_in_one_call_are_accepted(api, world):
    rows = [row(nip(i, birth="19910101", appointed="201601"), f"Pegawai {i:03d}") for i in range(1, 501)]
    out = await upsert(api, world.admin, *rows)
    assert out["errors"] == []
    assert len(out["people"]) == 500
    assert await total(api, world.admin) == 507


# upsertPeople: every bad input is reported with code and path, and nothing is written

@pytest.mark.parametrize("bad, code", [
    ("19800101200501101", "INVALID_NIP"),      # 17 digits
    ("1980010120050110AB", "INVALID_NIP"),     # letters
    ("198002312005011010", "INVALID_NIP"),     # 31 February
    ("198001012005013010", "INVALID_NIP"),     # gender digit 3
    ("198001012005011000", "INVALID_NIP"),     # sequence 000
])
async def test_invalid_nip_rejects_the_whole_batch(api, world, bad, code):
    out = await upsert(api, world.admin, row(bad, "Salah"), row(N1, "Benar"))
    await assert_rejected(api, world, out, [(["input", "0", "nip"], code)], absent=[N1])


async def test_pppk_nip_checked_as_pns_is_invalid(api, world):
    out = await upsert(api, world.admin, row(N1, "Benar"), row("198507152023212001", "Kontrak", kind="PNS"))
    await assert_rejected(api, world, out, [(["input", "1", "nip"], "INVALID_NIP")], absent=[N1])
    ok = await upsert(api, world.admin, row("198507152023212001", "Kontrak", kind="PPPK"))
    assert ok["errors"] == [] and ok["people"][0]["employmentType"] == "PPPK"


@pytest.mark.parametrize("bad", ["19800101200501100\u00b2", "".join(chr(ord(c) + 0xFEE0) for c in N2)],
                         ids=["superscript", "fullwidth"])
async def test_non_ascii_digit_nip_is_an_invalid_nip(api, world, bad):
    body = await api.post(UPSERT, {"input": [row(bad, "Bukan ASCII"), row(N1, "Benar")]}, world.admin)
    assert "errors" not in body, body["errors"]
    await assert_rejected(api, world, body["data"]["upsertPeople"], [(["input", "0", "nip"], "INVALID_NIP")],
                          absent=[N1])


async def test_duplicate_nip_in_one_batch_is_reported_on_the_second_occurrence(api, world):
    spaced = f"{N1[:8]} {N1[8:]}"
    out = await upsert(api, world.admin, row(N1, "Satu"), row(N2, "Dua"), row(spaced, "Tiga"))
    await assert_rejected(api, world, out, [(["input", "2", "nip"], "DUPLICATE")], absent=[N1, N2])


async def test_501_people_are_too_many(api, world):
    rows = [row(nip(i, birth="19910101", appointed="201601"), f"Pegawai {i:03d}") for i in range(1, 502)]
    out = await upsert(api, world.admin, *rows)
    await assert_rejected(api, world, out, [(["input"], "TOO_MANY")], absent=[rows[0]["nip"]])


@pytest.mark.parametrize("field, value", [
    ("agency", "DINSOS"),
    ("unit", "SDN-999"),
    ("unit", "PKM-BATU10"),          # a unit of another agency
    ("supervisor", N4),              # nobody has this NIP
])
async def test_unknown_reference_is_not_found_at_its_path(api, world, field, value):
    bad = row(N2, "Salah") | {field: value}
    out = await upsert(api, world.admin, row(N1, "Benar"), bad)
    await assert_rejected(api, world, out, [(["input", "1", field], "NOT_FOUND")], absent=[N1, N2])


async def test_self_supervision_is_rejected(api, world):
    out = await upsert(api, world.admin, row(N1, "Benar"), row(N2, "Diri Sendiri", supervisor=f"{N2[:8]} {N2[8:]}"))
    await assert_rejected(api, world, out, [(["input", "1", "supervisor"], "SELF_SUPERVISOR")], absent=[N1, N2])


async def test_supervisor_loop_inside_one_batch_is_rejected(api, world):
    out = await upsert(api, world.admin, row(N1, "A", supervisor=N2), row(N2, "B", supervisor=N1))
    await assert_rejected(api, world, out, [(["input", "0", "supervisor"], "SUPERVISOR_LOOP"),
                                            (["input", "1", "supervisor"], "SUPERVISOR_LOOP")], absent=[N1, N2])


async def test_supervisor_loop_against_existing_data_is_rejected(api, world):
    # HEAD <- PRINCIPAL <- TEACHER_1 exists; HEAD under TEACHER_1 would close the circle
    out = await upsert(api, world.admin, row(N1, "Benar"),
                       row(HEAD, "Andi Pratama", unit="SEKRETARIAT", supervisor=TEACHER_1, position="Kepala Dinas"))
    await assert_rejected(api, world, out, [(["input", "1", "supervisor"], "SUPERVISOR_LOOP")], absent=[N1])
    assert (await person(api, world.admin, HEAD))["supervisor"] is None


async def test_several_problems_are_all_reported_with_their_paths(api, world):
    out = await upsert(api, world.admin, row("123", "Salah"), row(N1, "Benar"), row(N2, "Benar Juga"),
                       row(N3, "Salah Unit", unit="NOPE"))
    await assert_rejected(api, world, out, [(["input", "0", "nip"], "INVALID_NIP"),
                                            (["input", "3", "unit"], "NOT_FOUND")], absent=[N1, N2, N3])


@pytest.mark.parametrize("name, code", [("", "REQUIRED"), ("   ", "REQUIRED"), ("x" * 201, "TOO_LONG")])
async def test_bad_name_is_rejected(api, world, name, code):
    out = await upsert(api, world.admin, row(N1, "Benar"), row(N2, name))
    await assert_rejected(api, world, out, [(["input", "1", "name"], code)], absent=[N1, N2])


async def test_bad_update_leaves_existing_person_unchanged(api, world):
    out = await upsert(api, world.admin, row(CLERK, "Nama Baru", unit="SEKRETARIAT", supervisor=HEAD),
                       row(N1, "Salah", unit="NOPE"))
    await assert_rejected(api, world, out, [(["input", "1", "unit"], "NOT_FOUND")], absent=[N1])
    assert (await person(api, world.admin, CLERK))["name"] == "Eko Saputra"


# upsertPeople: who may

async def test_employee_may_not_upsert_people(api, world):
    out = await upsert(api, world.principal, row(N1, "Benar", supervisor=PRINCIPAL))
    await assert_rejected(api, world, out, [(["input"], "FORBIDDEN")], absent=[N1])


async def test_agency_admin_upserts_people_of_its_own_agency(api, world):
    out = await upsert(api, world.disdik_admin, row(N1, "Guru Baru", unit="SDN-001", supervisor=PRINCIPAL))
    assert out["errors"] == []
    assert out["people"][0]["supervisor"] == {"nip": PRINCIPAL}
    assert await total(api, world.disdik_admin) == 6


async def test_agency_admin_cannot_add_people_to_another_agency(api, world):
    # docs/ARCHITECTURE.md ("Access"): out-of-scope objects read as not found, so the other agency is NOT_FOUND
    out = await upsert(api, world.disdik_admin, row(N1, "Benar"), row(N2, "Salah", agency="DINKES"))
    await assert_rejected(api, world, out, [(["input", "1", "agency"], "NOT_FOUND")], absent=[N1, N2])


async def test_agency_admin_cannot_take_over_a_nip_of_another_agency(api, world):
    out = await upsert(api, world.disdik_admin, row(N1, "Benar"), row(NURSE, "Gita Permata"))
    await assert_rejected(api, world, out, [(["input", "1", "nip"], "FORBIDDEN")], absent=[N1])
    nurse = await person(api, world.admin, NURSE)
    assert (nurse["agency"], nurse["supervisor"]) == ({"code": "DINKES"}, {"nip": DINKES_HEAD})


async def test_agency_admin_cannot_name_a_supervisor_of_another_agency(api, world):
    out = await upsert(api, world.disdik_admin, row(N1, "Benar", supervisor=DINKES_HEAD))
    await assert_rejected(api, world, out, [(["input", "0", "supervisor"], "NOT_FOUND")], absent=[N1])


async def test_upsert_without_token_is_unauthenticated(api, world):
    errors = await api.errors(UPSERT, input=[row(N1, "Benar")])
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert await person(api, world.admin, N1) is None


# upsertPeople: audit

async def test_create_and_update_each_append_one_audit_event(api, world):
    await upsert(api, world.admin, row(N1, "Staf"), row(N2, "Staf Dua"))
    assert (await person_events(N1), await person_events(N2)) == (1, 1)
    await upsert(api, world.admin, row(N1, "Staf Berganti Nama"), row(N2, "Staf Dua"))
    assert (await person_events(N1), await person_events(N2)) == (2, 1)
    last = await AuditEvent.filter(entity="person", entity_id=N1).order_by("-id").first()
    assert last.action == "person.update"
    assert (last.before["name"], last.after["name"]) == ("Staf", "Staf Berganti Nama")


async def test_unchanged_reupsert_adds_no_audit_event(api, world):
    before = await person_events()
    out = await upsert(api, world.admin, row(TEACHER_1, "Citra Lestari", unit="SDN-001", supervisor=PRINCIPAL,
                                             position="Guru Kelas"))
    assert out["errors"] == []
    assert await person_events() == before


async def test_supervisor_change_alone_is_audited(api, world):
    out = await upsert(api, world.admin, row(TEACHER_2, "Dewi Anggraini", unit="SDN-001", supervisor=HEAD,
                                             position="Guru Kelas"))
    assert out["errors"] == []
    last = await AuditEvent.filter(entity="person", entity_id=TEACHER_2).order_by("-id").first()
    assert (last.before["supervisor"], last.after["supervisor"]) == (PRINCIPAL, HEAD)


async def test_failed_batch_adds_no_audit_event(api, world):
    before = await AuditEvent.all().count()
    out = await upsert(api, world.admin, row(N1, "Benar"), row(CLERK, "Nama Baru", unit="SEKRETARIAT"),
                       row(N2, "Salah", unit="NOPE"))
    assert problems(out) == [(["input", "2", "unit"], "NOT_FOUND")]
    assert await AuditEvent.all().count() == before


# people query

async def nips_of(api, token, **variables):
    return [e["node"]["nip"] for e in (await page(api, token, **variables))["edges"]]


@pytest.mark.parametrize("flt, expected", [
    ({"agency": "DINKES"}, [DINKES_HEAD, NURSE]),
    ({"agency": "dinkes"}, [DINKES_HEAD, NURSE]),
    ({"unit": "SDN-001"}, [PRINCIPAL, TEACHER_1, TEACHER_2]),
    ({"agency": "DISDIK", "unit": "SEKRETARIAT"}, [HEAD, CLERK]),
    ({"search": "citra"}, [TEACHER_1]),
    ({"search": "LESTARI"}, [TEACHER_1]),
    ({"search": "an"}, [HEAD, PRINCIPAL, TEACHER_1, TEACHER_2]),  # names, and SD Negeri 001 Tanjungpinang
    ({"search": "2007"}, [NURSE]),
    ({"search": "2 007"}, [NURSE]),
    ({"search": "%"}, []),
    ({"supervisor": PRINCIPAL}, [TEACHER_1, TEACHER_2]),
    ({"supervisor": HEAD, "unit": "SEKRETARIAT"}, [CLERK]),
    ({"agency": "NOPE"}, []),
    ({"supervisor": N1}, []),
])
async def test_people_filters(api, world, flt, expected):
    result = await page(api, world.admin, filter=flt)
    assert [e["node"]["nip"] for e in result["edges"]] == expected
    assert result["totalCount"] == len(expected)


async def test_people_are_scoped_to_the_viewer(api, world):
    assert await nips_of(api, world.disdik_admin) == [HEAD, PRINCIPAL, TEACHER_1, TEACHER_2, CLERK]
    assert await nips_of(api, world.principal) == [PRINCIPAL, TEACHER_1, TEACHER_2]
    assert await nips_of(api, world.teacher) == [TEACHER_1]
    assert await nips_of(api, world.disdik_admin, filter={"agency": "DINKES"}) == []


async def test_keyset_walk_with_two_per_page_visits_everyone_once_in_name_order(api, world):
    seen, after, pages = [], None, 0
    while True:
        result = await page(api, world.admin, first=2, after=after)
        pages += 1
        assert result["totalCount"] == 7
        assert len(result["edges"]) == (2 if pages < 4 else 1)
        assert result["pageInfo"]["endCursor"] == result["edges"][-1]["cursor"]
        seen += [e["node"]["name"] for e in result["edges"]]
        if not result["pageInfo"]["hasNextPage"]:
            break
        after = result["pageInfo"]["endCursor"]
    assert pages == 4
    assert seen == ALL_NAMES


async def test_keyset_walk_orders_equal_names_by_id(api, world):
    await upsert(api, world.admin, row(N1, "Budi Santoso"), row(N2, "Budi Santoso"))
    seen, after = [], None
    while True:
        result = await page(api, world.admin, first=1, after=after, filter={"search": "budi"})
        seen += [e["node"]["nip"] for e in result["edges"]]
        if not result["pageInfo"]["hasNextPage"]:
            break
        after = result["pageInfo"]["endCursor"]
    assert seen == [PRINCIPAL, N1, N2]


async def test_page_sizes_up_to_100_work(api, world):
    result = await page(api, world.admin, first=100)
    assert (len(result["edges"]), result["pageInfo"]["hasNextPage"]) == (7, False)
    result = await page(api, world.admin, first=1)
    assert (len(result["edges"]), result["pageInfo"]["hasNextPage"]) == (1, True)


@pytest.mark.parametrize("first", [1000, 0, 101, -1])
async def test_bad_page_size_is_a_coded_error(api, world, first):
    body = await api.post(PEOPLE, {"first": first}, world.admin)
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_PAGE_SIZE"]
    assert body["errors"][0]["path"] == ["people"]


def b64(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


@pytest.mark.parametrize("cursor", [
    "garbage", "!!!", "", b64({"name": "x", "id": 1}), b64(5), b64(["x", "notanint"]), b64(["x", True]),
    b64(["x", 1, 2]), b64([1, 1]), "x" * 2000,
    b64(["Andi Pratama", 10**30]),   # a number no database id column can hold
    b64(["Andi Pratama", 2**31]),    # over the 32-bit id column of PostgreSQL
])
async def test_malformed_cursor_is_a_coded_error(api, world, cursor):
    body = await api.post(PEOPLE, {"first": 2, "after": cursor}, world.admin)
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_CURSOR"], body["errors"]


# person(nip)

async def test_person_shows_supervisor_and_subordinates_by_name(api, world):
    assert await person(api, world.admin, PRINCIPAL) == {
        "nip": PRINCIPAL, "name": "Budi Santoso", "position": "Kepala Sekolah", "agency": {"code": "DISDIK"},
        "unit": {"code": "SDN-001"}, "supervisor": {"nip": HEAD}, "subordinates": [{"nip": TEACHER_1},
                                                                                   {"nip": TEACHER_2}]}
    assert (await person(api, world.admin, HEAD))["subordinates"] == [{"nip": PRINCIPAL}, {"nip": CLERK}]


async def test_person_by_spaced_nip(api, world):
    assert (await person(api, world.admin, f"{NURSE[:8]} {NURSE[8:14]} {NURSE[14]} {NURSE[15:]}"))["nip"] == NURSE


async def test_unknown_or_out_of_scope_person_is_null(api, world):
    assert await person(api, world.admin, N1) is None
    assert await person(api, world.disdik_admin, NURSE) is None
    assert await person(api, world.teacher, PRINCIPAL) is None


async def test_supervisor_outside_the_viewers_scope_reads_as_identity_only(api, world):
    """One's own supervisor is above one's scope: shown by who they are (name, NIP, position), nothing through them
    (tests/test_static_serving.py follows every edge)."""
    assert (await person(api, world.principal, PRINCIPAL))["supervisor"]["nip"] == HEAD
    assert (await person(api, world.teacher, TEACHER_1))["supervisor"]["nip"] == PRINCIPAL
    found = await api.gql('query($n: String!) { person(nip: $n) { supervisor { identityOnly subordinates { nip } } } }',
                          token=world.teacher, n=TEACHER_1)
    assert found["person"]["supervisor"] == {"identityOnly": True, "subordinates": []}


# cycles

CREATE_CYCLE = """mutation($year: Int!, $periodicity: Periodicity) {
  createCycle(year: $year, periodicity: $periodicity) {
    cycle { year periodicity status periods } errors { path code message } } }"""
CREATE_CYCLE_DEFAULT = """mutation($year: Int!) { createCycle(year: $year) {
  cycle { year periodicity status periods } errors { path code message } } }"""
SET_STATUS = """mutation($year: Int!, $status: CycleStatus!, $reason: String) {
  setCycleStatus(year: $year, status: $status, reason: $reason) {
    cycle { year status } errors { path code message } } }"""


async def create_cycle(api, token, year, periodicity=None):
    if periodicity is None:
        return (await api.gql(CREATE_CYCLE_DEFAULT, token=token, year=year))["createCycle"]
    return (await api.gql(CREATE_CYCLE, token=token, year=year, periodicity=periodicity))["createCycle"]


async def set_status(api, token, year, status, reason=None):
    return (await api.gql(SET_STATUS, token=token, year=year, status=status, reason=reason))["setCycleStatus"]


async def cycle_events(year):
    return await AuditEvent.filter(entity="cycle", entity_id=str(year)).order_by("id")


async def test_quarterly_cycle_is_the_default_and_has_four_quarters_then_the_year(api, world):
    out = await create_cycle(api, world.admin, 2026)
    assert out == {"cycle": {"year": 2026, "periodicity": "QUARTERLY", "status": "PLANNING",
                             "periods": ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026"]}, "errors": []}
    assert [c["year"] for c in (await api.gql("{ cycles { year } }", token=world.teacher))["cycles"]] == [2025, 2026]
    assert [e.action for e in await cycle_events(2026)] == ["cycle.create"]


async def test_monthly_cycle_has_twelve_months_then_the_year(api, world):
    out = await create_cycle(api, world.admin, 2026, "MONTHLY")
    assert out["errors"] == []
    assert out["cycle"]["periods"] == [f"2026-{m:02d}" for m in range(1, 13)] + ["2026"]


@pytest.mark.parametrize("token, year, expected", [
    ("admin", 2025, (["year"], "DUPLICATE")),
    ("admin", 1999, (["year"], "INVALID_YEAR")),
    ("admin", 2101, (["year"], "INVALID_YEAR")),
    ("disdik_admin", 2026, (["year"], "FORBIDDEN")),
    ("teacher", 2026, (["year"], "FORBIDDEN")),
])
async def test_create_cycle_rejections(api, world, token, year, expected):
    out = await create_cycle(api, getattr(world, token), year, "MONTHLY")
    assert (out["cycle"], problems(out)) == (None, [expected])
    cycles = (await api.gql("{ cycles { year periodicity } }", token=world.admin))["cycles"]
    assert cycles == [{"year": 2025, "periodicity": "QUARTERLY"}]


async def test_cycle_moves_forward_one_step_and_is_audited(api, world):
    out = await set_status(api, world.admin, 2025, "ACTIVE")
    assert out == {"cycle": {"year": 2025, "status": "ACTIVE"}, "errors": []}
    event = (await cycle_events(2025))[-1]
    assert event.action == "cycle.status"
    assert (event.before["status"], event.after["status"]) == ("PLANNING", "ACTIVE")
    assert event.actor.startswith("token:")


@pytest.mark.parametrize("status", ["EVALUATION", "CLOSED", "PLANNING"])
async def test_skipping_or_repeating_a_status_is_an_invalid_transition(api, world, status):
    before = len(await cycle_events(2025))
    out = await set_status(api, world.admin, 2025, status)
    assert (out["cycle"], problems(out)) == (None, [(["status"], "INVALID_TRANSITION")])
    assert len(await cycle_events(2025)) == before
    assert (await api.gql("{ cycles { status } }", token=world.admin))["cycles"] == [{"status": "PLANNING"}]


async def test_moving_back_needs_a_reason_which_is_audited(api, world):
    await set_status(api, world.admin, 2025, "ACTIVE")
    await set_status(api, world.admin, 2025, "EVALUATION")
    for reason in (None, "   "):
        out = await set_status(api, world.admin, 2025, "ACTIVE", reason)
        assert (out["cycle"], problems(out)) == (None, [(["reason"], "REASON_REQUIRED")])
    out = await set_status(api, world.admin, 2025, "PLANNING", "Target salah input")
    assert out == {"cycle": {"year": 2025, "status": "PLANNING"}, "errors": []}
    event = (await cycle_events(2025))[-1]
    assert event.before["status"] == "EVALUATION"
    assert event.after == {"year": 2025, "periodicity": "QUARTERLY", "status": "PLANNING",
                           "reason": "Target salah input"}


@pytest.mark.parametrize("token, year, expected", [
    ("disdik_admin", 2025, (["status"], "FORBIDDEN")),
    ("principal", 2025, (["status"], "FORBIDDEN")),
    ("admin", 2030, (["year"], "NOT_FOUND")),
])
async def test_set_cycle_status_rejections(api, world, token, year, expected):
    out = await set_status(api, getattr(world, token), year, "ACTIVE")
    assert (out["cycle"], problems(out)) == (None, [expected])
    assert (await api.gql("{ cycles { status } }", token=world.admin))["cycles"] == [{"status": "PLANNING"}]


# agencies and units

CREATE_AGENCY = """mutation($code: String!, $name: String!) { createAgency(input: {code: $code, name: $name}) {
  agency { code name units { code } headcount } errors { path code message } } }"""
CREATE_UNIT = """mutation($agency: String!, $code: String!, $name: String!, $parent: String) {
  createUnit(input: {agency: $agency, code: $code, name: $name, parent: $parent}) {
    unit { code name agency { code } parent { code } } errors { path code message } } }"""
AGENCY = "query($code: String!) { agency(code: $code) { code name headcount units { code } } }"


async def create_agency(api, token, code, name="Dinas Kependudukan dan Pencatatan Sipil"):
    return (await api.gql(CREATE_AGENCY, token=token, code=code, name=name))["createAgency"]


async def create_unit(api, token, agency, code, name="Unit Baru", parent=None):
    return (await api.gql(CREATE_UNIT, token=token, agency=agency, code=code, name=name, parent=parent))["createUnit"]


async def agency_codes(api, world):
    return [a["code"] for a in (await api.gql("{ agencies { code } }", token=world.admin))["agencies"]]


async def test_admin_creates_an_agency_with_its_code_upper_cased(api, world):
    out = await create_agency(api, world.admin, " dukcapil ")
    assert out == {"agency": {"code": "DUKCAPIL", "name": "Dinas Kependudukan dan Pencatatan Sipil", "units": [],
                              "headcount": 0}, "errors": []}
    assert await agency_codes(api, world) == ["DINKES", "DISDIK", "DUKCAPIL"]
    assert (await api.gql(AGENCY, token=world.admin, code="DISDIK"))["agency"]["headcount"] == 5


@pytest.mark.parametrize("token, code, name, expected", [
    ("admin", "A B", "Nama", (["input", "code"], "INVALID_CODE")),
    ("admin", "A" * 40, "Nama", (["input", "code"], "INVALID_CODE")),
    ("admin", "-DASH", "Nama", (["input", "code"], "INVALID_CODE")),
    ("admin", "", "Nama", (["input", "code"], "INVALID_CODE")),
    ("admin", "DUKCAPIL", " ", (["input", "name"], "REQUIRED")),
    ("admin", "disdik", "Dinas Lain", (["input", "code"], "DUPLICATE")),
    ("disdik_admin", "DUKCAPIL", "Nama", (["input"], "FORBIDDEN")),
    ("teacher", "DUKCAPIL", "Nama", (["input"], "FORBIDDEN")),
])
async def test_create_agency_rejections(api, world, token, code, name, expected):
    out = await create_agency(api, getattr(world, token), code, name)
    assert (out["agency"], problems(out)) == (None, [expected])
    assert await agency_codes(api, world) == ["DINKES", "DISDIK"]


async def test_agency_code_of_32_characters_is_accepted(api, world):
    out = await create_agency(api, world.admin, "A" * 32)
    assert (out["errors"], out["agency"]["code"]) == ([], "A" * 32)


async def test_admin_creates_nested_units(api, world):
    out = await create_unit(api, world.admin, "disdik", "smpn-004", "SMP Negeri 4")
    assert out == {"unit": {"code": "SMPN-004", "name": "SMP Negeri 4", "agency": {"code": "DISDIK"},
                            "parent": None}, "errors": []}
    out = await create_unit(api, world.admin, "DISDIK", "SMPN-004-TU", "Tata Usaha", parent="smpn-004")
    assert out["errors"] == [] and out["unit"]["parent"] == {"code": "SMPN-004"}
    units = (await api.gql(AGENCY, token=world.admin, code="DISDIK"))["agency"]["units"]
    assert [u["code"] for u in units] == ["SDN-001", "SEKRETARIAT", "SMPN-004", "SMPN-004-TU"]


async def test_same_unit_code_may_exist_in_two_agencies(api, world):
    out = await create_unit(api, world.admin, "DINKES", "SEKRETARIAT", "Sekretariat Dinkes")
    assert out["errors"] == [] and out["unit"]["agency"] == {"code": "DINKES"}


async def test_agency_admin_creates_units_in_its_own_agency(api, world):
    out = await create_unit(api, world.disdik_admin, "DISDIK", "SDN-002", "SD Negeri 002", parent="SDN-001")
    assert out["errors"] == [] and out["unit"]["code"] == "SDN-002"


@pytest.mark.parametrize("token, agency, code, parent, expected", [
    ("admin", "DISDIK", "A B", None, (["input", "code"], "INVALID_CODE")),
    ("admin", "DISDIK", "U" * 40, None, (["input", "code"], "TOO_LONG")),  # over the input limit of 32
    ("admin", "DISDIK", "sdn-001", None, (["input", "code"], "DUPLICATE")),
    ("admin", "DISDIK", "SDN-002", "NOPE", (["input", "parent"], "NOT_FOUND")),
    ("admin", "DISDIK", "SDN-002", "PKM-BATU10", (["input", "parent"], "NOT_FOUND")),  # parent of another agency
    ("admin", "DINSOS", "SDN-002", None, (["input", "agency"], "NOT_FOUND")),
    ("disdik_admin", "DINKES", "PKM-2", None, (["input", "agency"], "NOT_FOUND")),
    ("teacher", "DISDIK", "SDN-002", None, (["input", "agency"], "FORBIDDEN")),
])
async def test_create_unit_rejections(api, world, token, agency, code, parent, expected):
    out = await create_unit(api, getattr(world, token), agency, code, "Unit Baru", parent)
    assert (out["unit"], problems(out)) == (None, [expected])
    units = {a["code"]: [u["code"] for u in a["units"]]
             for a in (await api.gql("{ agencies { code units { code } } }", token=world.admin))["agencies"]}
    assert units == {"DINKES": ["PKM-BATU10"], "DISDIK": ["SDN-001", "SEKRETARIAT"]}
