"""Access: out-of-scope objects read as not found, whatever the path; roles limit mutations;
only a valid, live bearer token signs a request in, and tokens are stored only as hashes."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja.models import ApiToken, AuditEvent
from kinerja.services.auth import tokens
from world import CLERK, DINKES_HEAD, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, nip

ALL_NIPS = {HEAD, PRINCIPAL, TEACHER_1, TEACHER_2, CLERK, DINKES_HEAD, NURSE}
DISDIK_NIPS = {HEAD, PRINCIPAL, TEACHER_1, TEACHER_2, CLERK}
DINKES_NIPS = {DINKES_HEAD, NURSE}
BRIDGE = nip(8)  # a DISDIK person whose supervisor is DINKES_HEAD (made by make_bridge)

PEOPLE = "query($f: PersonFilter) { people(filter: $f) { totalCount edges { node { nip } } } }"
UPSERT = """mutation($input: [PersonInput!]!) { upsertPeople(input: $input) {
  people { nip } errors { path code message } } }"""


async def raw(api, query: str, token: str | None, **variables) -> str:
    """The response body as text, for checks that a value appears nowhere in it."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await api.client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    return response.text


async def people_nips(api, token: str, **flt) -> tuple[int, set[str]]:
    data = await api.gql(PEOPLE, token=token, f=flt or None)
    return data["people"]["totalCount"], {e["node"]["nip"] for e in data["people"]["edges"]}


async def make_bridge(api, world) -> None:
    """As ADMIN, a DISDIK person supervised across agencies by DINKES_HEAD."""
    data = await api.gql(UPSERT, token=world.admin, input=[{
        "nip": BRIDGE, "name": "Hadi Wibowo", "employmentType": "PNS", "position": "Staf",
        "agency": "DISDIK", "supervisor": DINKES_HEAD}])
    assert data["upsertPeople"]["errors"] == []


async def snapshot(api, world) -> dict:
    """Everything the mutations below could have written, as ADMIN sees it (plus the audit log size)."""
    data = await api.gql("""{ agencies { code units { code } }
      people(first: 100) { totalCount edges { node { nip name position supervisor { nip } } } }
      cycles { year status } }""", token=world.admin)
    return {"data": data, "audit": await AuditEvent.all().count()}


# ADMIN

async def test_admin_sees_all_people_and_agencies(api, world):
    total, nips = await people_nips(api, world.admin)
    assert (total, nips) == (7, ALL_NIPS)
    data = await api.gql("{ agencies { code } }", token=world.admin)
    assert [a["code"] for a in data["agencies"]] == ["DINKES", "DISDIK"]


# AGENCY_ADMIN

async def test_agency_admin_lists_only_its_agency(api, world):
    data = await api.gql('{ agencies { code } agency(code: "DINKES") { code } }', token=world.disdik_admin)
    assert data == {"agencies": [{"code": "DISDIK"}], "agency": None}


async def test_agency_admin_reads_other_agency_person_as_not_found(api, world):
    data = await api.gql("query($n: String!) { person(nip: $n) { name } }", token=world.disdik_admin, n=NURSE)
    assert data == {"person": None}


async def test_agency_admin_filter_on_other_agency_is_empty(api, world):
    assert await people_nips(api, world.disdik_admin, agency="DINKES") == (0, set())


async def test_agency_admin_people_are_its_agency_only(api, world):
    assert await people_nips(api, world.disdik_admin) == (5, DISDIK_NIPS)


async def test_agency_admin_aliases_of_other_agency_people_are_null(api, world):
    query = "query($a: String!, $b: String!) { a: person(nip: $a) { name } b: person(nip: $b) { name } }"
    data = await api.gql(query, token=world.disdik_admin, a=NURSE, b=DINKES_HEAD)
    assert data == {"a": None, "b": None}


async def test_cross_agency_supervisor_edge_is_hidden_from_each_side(api, world):
    await make_bridge(api, world)
    query = "query($n: String!) { person(nip: $n) { nip supervisor { nip } subordinates { nip } } }"
    disdik = await api.gql(query, token=world.disdik_admin, n=BRIDGE)
    assert disdik["person"] == {"nip": BRIDGE, "supervisor": None, "subordinates": []}
    dinkes = await api.gql(query, token=world.dinkes_admin, n=DINKES_HEAD)
    assert dinkes["person"]["subordinates"] == [{"nip": NURSE}]
    admin = await api.gql(query, token=world.admin, n=DINKES_HEAD)
    assert {s["nip"] for s in admin["person"]["subordinates"]} == {NURSE, BRIDGE}


async def test_agency_admin_supervisor_filter_shows_only_its_agency(api, world):
    await make_bridge(api, world)
    assert await people_nips(api, world.disdik_admin, supervisor=DINKES_HEAD) == (1, {BRIDGE})
    assert await people_nips(api, world.dinkes_admin, supervisor=DINKES_HEAD) == (1, {NURSE})


async def test_no_disdik_scoped_response_contains_a_dinkes_nip(api, world):
    await make_bridge(api, world)
    queries = [
        ("{ me { role agency { code name headcount } person { nip } } }", {}),
        ("{ agencies { code name headcount units { code name agency { code } } } }", {}),
        ('{ agency(code: "DINKES") { code } }', {}),
        ("{ people(first: 100) { totalCount edges { node { nip name supervisor { nip }"
         " subordinates { nip subordinates { nip } } agency { code } unit { code } } } } }", {}),
        (PEOPLE, {"f": {"agency": "DINKES"}}),
        (PEOPLE, {"f": {"supervisor": DINKES_HEAD}}),
        (PEOPLE, {"f": {"search": "Permata"}}),
        (PEOPLE, {"f": {"search": NURSE}}),
        (PEOPLE, {"f": {"unit": "PKM-BATU10"}}),
        ("query($a: String!, $b: String!) { a: person(nip: $a) { nip } b: person(nip: $b) { nip } }",
         {"a": NURSE, "b": DINKES_HEAD}),
        ("query($n: String!) { person(nip: $n) { nip supervisor { nip subordinates { nip } } } }", {"n": BRIDGE}),
    ]
    for token in (world.disdik_admin, world.principal, world.teacher):
        for query, variables in queries:
            text = await raw(api, query, token, **variables)
            for n in DINKES_NIPS:
                assert n not in text, (query, text)


# EMPLOYEE

async def test_employee_me_is_its_role_and_person(api, world):
    data = await api.gql("{ me { role agency { code } person { nip } } }", token=world.principal)
    assert data["me"] == {"role": "EMPLOYEE", "agency": {"code": "DISDIK"}, "person": {"nip": PRINCIPAL}}


async def test_employee_sees_itself_and_its_subordinates(api, world):
    assert await people_nips(api, world.principal) == (3, {PRINCIPAL, TEACHER_1, TEACHER_2})


async def test_employee_reads_its_supervisor_by_identity_and_peers_as_not_found(api, world):
    """One's own supervisor shows by who they are (issue 19 §5), nothing through them; by NIP neither they nor a
    peer are found."""
    query = """query($head: String!, $clerk: String!, $me: String!) {
      head: person(nip: $head) { nip } clerk: person(nip: $clerk) { nip }
      self: person(nip: $me) { nip supervisor { nip identityOnly supervisor { nip } subordinates { nip }
        targets(cycle: 2025) { id } } } }"""
    data = await api.gql(query, token=world.principal, head=HEAD, clerk=CLERK, me=PRINCIPAL)
    assert data == {"head": None, "clerk": None, "self": {"nip": PRINCIPAL, "supervisor": {
        "nip": HEAD, "identityOnly": True, "supervisor": None, "subordinates": [], "targets": []}}}


async def test_employee_without_subordinates_sees_only_itself(api, world):
    assert await people_nips(api, world.teacher) == (1, {TEACHER_1})
    data = await api.gql("query($n: String!) { person(nip: $n) { nip } }", token=world.teacher, n=TEACHER_2)
    assert data == {"person": None}


async def test_employee_agencies_is_its_own_agency(api, world):
    data = await api.gql("{ agencies { code } }", token=world.principal)
    assert data == {"agencies": [{"code": "DISDIK"}]}
    data = await api.gql('{ agencies { code } agency(code: "DISDIK") { code } }', token=world.nurse)
    assert data == {"agencies": [{"code": "DINKES"}], "agency": None}


# Mutations by role

MUTATIONS = {
    "createAgency": 'mutation { m: createAgency(input: {code: "DISHUB", name: "Dinas Perhubungan"}) '
                    "{ agency { code } errors { code } } }",
    "createUnit": 'mutation { m: createUnit(input: {agency: "DISDIK", code: "SDN-002", name: "SD Negeri 002"}) '
                  "{ unit { code } errors { code } } }",
    "upsertPeople": 'mutation { m: upsertPeople(input: [{nip: "%s", name: "Budi Diganti", employmentType: PNS, '
                    'position: "Staf", agency: "DISDIK"}]) { people { nip } errors { code } } }' % PRINCIPAL,
    "createCycle": "mutation { m: createCycle(year: 2026) { cycle { year } errors { code } } }",
    "setCycleStatus": "mutation { m: setCycleStatus(year: 2025, status: ACTIVE) { cycle { status } errors { code } } }",
}


@pytest.mark.parametrize("name", list(MUTATIONS))
async def test_employee_mutation_is_forbidden_and_writes_nothing(api, world, name):
    before = await snapshot(api, world)
    data = await api.gql(MUTATIONS[name], token=world.principal)
    assert [e["code"] for e in data["m"]["errors"]] == ["FORBIDDEN"]
    assert await snapshot(api, world) == before


@pytest.mark.parametrize("name", ["createAgency", "createCycle", "setCycleStatus"])
async def test_agency_admin_admin_only_mutation_is_forbidden(api, world, name):
    before = await snapshot(api, world)
    data = await api.gql(MUTATIONS[name], token=world.disdik_admin)
    assert [e["code"] for e in data["m"]["errors"]] == ["FORBIDDEN"]
    assert await snapshot(api, world) == before


# Authentication

async def auth_error_code(api, headers: dict, query: str = "{ agencies { code } }") -> str:
    response = await api.client.post("/graphql", json={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body.get("data") is None, body
    return body["errors"][0]["extensions"]["code"]


async def test_query_without_token_is_unauthenticated(api, world):
    assert await auth_error_code(api, {}) == "UNAUTHENTICATED"


async def test_mutation_without_token_is_unauthenticated_and_writes_nothing(api, world):
    before = await snapshot(api, world)
    assert await auth_error_code(api, {}, MUTATIONS["createCycle"]) == "UNAUTHENTICATED"
    assert await auth_error_code(api, {}, MUTATIONS["createAgency"]) == "UNAUTHENTICATED"
    assert await snapshot(api, world) == before


@pytest.mark.parametrize("header", [
    "Bearer nonsense", "Basic abc", "Bearer ", "Bearer", "bearer  ", "Token knj_abc",
    "Bearer knj_" + "a" * 200,
], ids=["garbage", "basic", "empty-bearer", "bare-scheme", "blank-bearer", "other-scheme", "too-long"])
async def test_bad_authorization_header_is_unauthenticated(api, world, header):
    assert await auth_error_code(api, {"Authorization": header}) == "UNAUTHENTICATED"


async def test_admin_secret_with_extra_characters_over_200_is_unauthenticated(api, world):
    long_token = world.admin + "x" * (201 - len(world.admin))
    assert await auth_error_code(api, {"Authorization": f"Bearer {long_token}"}) == "UNAUTHENTICATED"


async def test_revoked_token_is_unauthenticated(api, world):
    secret = await tokens.create_token("ADMIN", label="to revoke")
    assert await api.gql("{ me { role } }", token=secret) == {"me": {"role": "ADMIN"}}
    await ApiToken.filter(token_hash=tokens.hash_token(secret)).update(revoked_at=dt.datetime.now(dt.timezone.utc))
    assert await auth_error_code(api, {"Authorization": f"Bearer {secret}"}) == "UNAUTHENTICATED"


async def test_expired_token_is_unauthenticated(api, world):
    secret = await tokens.create_token("AGENCY_ADMIN", agency="DISDIK")
    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1)
    await ApiToken.filter(token_hash=tokens.hash_token(secret)).update(expires_at=past)
    assert await auth_error_code(api, {"Authorization": f"Bearer {secret}"}) == "UNAUTHENTICATED"


async def test_token_expiring_in_the_future_still_works(api, world):
    secret = await tokens.create_token("EMPLOYEE", nip=TEACHER_1)
    future = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
    await ApiToken.filter(token_hash=tokens.hash_token(secret)).update(expires_at=future)
    assert await api.gql("{ me { role } }", token=secret) == {"me": {"role": "EMPLOYEE"}}


async def test_tokens_are_stored_only_as_hashes(api, world):
    secrets = [world.admin, world.disdik_admin, world.dinkes_admin, world.principal, world.teacher, world.nurse]
    rows = await ApiToken.all().values()
    assert len(rows) == len(secrets)
    stored = " ".join(str(v) for row in rows for v in row.values())
    for secret in secrets:
        assert secret not in stored
        assert secret.removeprefix(tokens.PREFIX) not in stored


# Mutations name out-of-scope objects as not found too

async def test_agency_admin_unit_in_other_agency_reads_as_not_found(api, world):
    query = 'mutation($a: String!) { m: createUnit(input: {agency: $a, code: "X1", name: "X"}) { errors { code } } }'
    other = await api.gql(query, token=world.disdik_admin, a="DINKES")
    unknown = await api.gql(query, token=world.disdik_admin, a="NOPE")
    assert other == unknown == {"m": {"errors": [{"code": "NOT_FOUND"}]}}


async def test_agency_admin_supervisor_in_other_agency_reads_as_not_found(api, world):
    def person(supervisor: str) -> list[dict]:
        return [{"nip": BRIDGE, "name": "Hadi Wibowo", "employmentType": "PNS", "position": "Staf",
                 "agency": "DISDIK", "supervisor": supervisor}]

    other = await api.gql(UPSERT, token=world.disdik_admin, input=person(DINKES_HEAD))
    unknown = await api.gql(UPSERT, token=world.disdik_admin, input=person(nip(99)))
    assert [e["code"] for e in other["upsertPeople"]["errors"]] == ["NOT_FOUND"]
    # the same answer as for a NIP nobody has, apart from the NIP the caller sent
    assert str(other).replace(DINKES_HEAD, "?") == str(unknown).replace(nip(99), "?")


async def test_a_parent_target_in_another_agency_reads_as_null(api, world):
    """BRIDGE (DISDIK) contributes to a target of DINKES_HEAD, its supervisor across agencies: DISDIK's admin
    and BRIDGE's own supervisor chain inside DISDIK see BRIDGE's target but not DINKES's item; ADMIN sees both."""
    from kinerja.models import Cycle, Indicator, Person, Target

    await make_bridge(api, world)
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    head = await Person.get(nip=DINKES_HEAD)
    indicator = await Indicator.get(full_code="DISDIK.PARTISIPASI_MASYARAKAT")
    cycle = await Cycle.get(year=2025)
    # DINKES has no indicator spec in the test world: its item is written directly (the API checks agencies)
    item = await Target.create(cycle=cycle, indicator=indicator, person=head, agency_id=head.agency_id,
                               work_result="Rahasia Dinkes", value=90)
    data = await api.gql("""mutation($input: [TargetInput!]!) { setTargets(input: $input) {
        targets { id } errors { code path message } } }""", token=world.admin, input=[{
        "cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "nip": BRIDGE, "workResult": "Program",
        "value": 80, "parent": str(item.id)}])
    assert data["setTargets"]["errors"] == []
    query = """query($n: String!) { person(nip: $n) { targets(cycle: 2025) { workResult
               parent { id workResult } } } }"""
    admin = await api.gql(query, token=world.admin, n=BRIDGE)
    assert admin["person"]["targets"] == [{"workResult": "Program",
                                           "parent": {"id": str(item.id), "workResult": "Rahasia Dinkes"}}]
    disdik = await api.post(query, {"n": BRIDGE}, world.disdik_admin)
    assert "errors" not in disdik and disdik["data"]["person"]["targets"] == [
        {"workResult": "Program", "parent": None}]
    assert "Rahasia Dinkes" not in str(disdik)
