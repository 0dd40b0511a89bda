"""Editing agencies and units (issue 19): updateAgency (ADMIN renames; the code stays) and updateUnit (whoever may add
the agency's units renames one and moves it under another parent; no loops), each audited with its before and
after; bad input named, nothing half-written. Also Agency.unit(code) and Agency.servicePopulations, the reads the
console's unit page and service-population section use. SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest

from kinerja.models import Agency, AuditEvent, Unit
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.org import agencies

UPDATE_AGENCY = """mutation($code: String!, $name: String!) { updateAgency(input: {code: $code, name: $name}) {
  agency { code name } errors { path code message } } }"""
UPDATE_UNIT = """mutation($agency: String = "DISDIK", $code: String!, $name: String!, $parent: String) {
  updateUnit(input: {agency: $agency, code: $code, name: $name, parent: $parent}) {
    unit { code name parent { code } agency { code } } errors { path code message } } }"""
UNITS = """query($a: String = "DISDIK") { agency(code: $a) { name units { code name parent { code } } } }"""
ONE_UNIT = """query($a: String!, $u: String!) { agency(code: $a) { unit(code: $u) { code name parent { code } } } }"""
POPULATIONS = """query($a: String!) { agency(code: $a) { servicePopulations { agency unit population requiredSample } } }"""
SET_POPULATION = """mutation($a: String!, $u: String, $n: Int!) { setServicePopulation(agency: $a, unit: $u,
  population: $n) { errors { code } } }"""


async def snapshot():
    """Every agency and unit as stored, and the audit log's length: what a refused write must leave as it was."""
    return (await Agency.all().order_by("id").values_list("code", "name"),
            await Unit.all().order_by("id").values_list("agency_id", "code", "name", "parent_id"),
            await AuditEvent.all().count())


def codes(payload):
    return [(e["code"], e["path"]) for e in payload["errors"]]


async def indonesian(api, query: str, token: str, **variables) -> dict:
    response = await api.client.post("/graphql", json={"query": query, "variables": variables},
                                     headers={"Authorization": f"Bearer {token}", "Accept-Language": "id"})
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def deep_tree():
    """DISDIK's SEKRETARIAT with SUBBAG under it and SEKSI under that (SDN-001 stays a top unit)."""
    access = Access(SYSTEM)
    await agencies.create_unit(access, "DISDIK", "SUBBAG", "Subbagian Umum", "SEKRETARIAT")
    await agencies.create_unit(access, "DISDIK", "SEKSI", "Seksi Kurikulum", "SUBBAG")


async def test_admin_renames_an_agency_and_it_is_audited(api, world):
    nothing = await snapshot()
    # refused: every role but ADMIN, and no token; nothing written
    for token in (world.disdik_admin, world.dinkes_admin, world.principal, world.teacher):
        done = (await api.gql(UPDATE_AGENCY, token=token, code="DISDIK", name="Dinas Baru"))["updateAgency"]
        assert codes(done) == [("FORBIDDEN", ["input"])] and done["agency"] is None, token
    assert (await api.errors(UPDATE_AGENCY, code="DISDIK", name="X"))[0]["extensions"]["code"] == "UNAUTHENTICATED"
    # bad input, named
    for variables, expected in [
        ({"code": "DISHUB", "name": "Dinas Perhubungan"}, [("NOT_FOUND", ["input", "code"])]),
        ({"code": "DISDIK", "name": "   "}, [("REQUIRED", ["input", "name"])]),
        ({"code": "DISDIK", "name": "x" * 201}, [("TOO_LONG", ["input", "name"])]),
    ]:
        assert codes((await api.gql(UPDATE_AGENCY, token=world.admin, **variables))["updateAgency"]) == expected
    assert await snapshot() == nothing
    said = await indonesian(api, UPDATE_AGENCY, world.admin, code="DISHUB", name="Dinas Perhubungan")
    assert said["updateAgency"]["errors"][0]["message"] == "Perangkat daerah DISHUB tidak ditemukan."
    said = await indonesian(api, UPDATE_AGENCY, world.disdik_admin, code="DISDIK", name="Dinas Baru")
    assert "mengubah perangkat daerah; hanya untuk Admin BKPSDM" in said["updateAgency"]["errors"][0]["message"]

    # ADMIN renames (the code is read as createAgency reads it: trimmed, upper case); the code stays
    done = (await api.gql(UPDATE_AGENCY, token=world.admin, code=" disdik ", name="  Dinas Pendidikan Kota  "))
    assert done["updateAgency"] == {"agency": {"code": "DISDIK", "name": "Dinas Pendidikan Kota"}, "errors": []}
    assert (await api.gql(UNITS, token=world.disdik_admin))["agency"]["name"] == "Dinas Pendidikan Kota"
    events = await AuditEvent.filter(entity="agency", action="agency.update")
    assert [(e.entity_id, e.before, e.after) for e in events] == [
        ("DISDIK", {"code": "DISDIK", "name": "Dinas Pendidikan Kota Tanjungpinang"},
         {"code": "DISDIK", "name": "Dinas Pendidikan Kota"})]
    # the same name again: nothing written, nothing audited
    count = await AuditEvent.all().count()
    assert (await api.gql(UPDATE_AGENCY, token=world.admin, code="DISDIK", name="Dinas Pendidikan Kota"))[
        "updateAgency"]["errors"] == []
    assert await AuditEvent.all().count() == count


async def test_a_unit_is_renamed_and_moved_by_its_agencys_admin(api, world):
    await deep_tree()
    # DISDIK's admin renames SDN-001 and puts it under SEKRETARIAT
    done = (await api.gql(UPDATE_UNIT, token=world.disdik_admin, code="sdn-001", name=" SD Negeri 001 ",
                          parent=" sekretariat "))["updateUnit"]
    assert done == {"unit": {"code": "SDN-001", "name": "SD Negeri 001", "parent": {"code": "SEKRETARIAT"},
                             "agency": {"code": "DISDIK"}}, "errors": []}
    # ADMIN moves SEKSI to the top (no parent), keeping its name
    done = (await api.gql(UPDATE_UNIT, token=world.admin, code="SEKSI", name="Seksi Kurikulum"))["updateUnit"]
    assert done["errors"] == [] and done["unit"]["parent"] is None
    units = {u["code"]: (u["name"], (u["parent"] or {}).get("code"))
             for u in (await api.gql(UNITS, token=world.admin))["agency"]["units"]}
    assert units == {"SEKRETARIAT": ("Sekretariat", None), "SDN-001": ("SD Negeri 001", "SEKRETARIAT"),
                     "SUBBAG": ("Subbagian Umum", "SEKRETARIAT"), "SEKSI": ("Seksi Kurikulum", None)}
    events = await AuditEvent.filter(action="unit.update").order_by("id")
    assert [(e.entity, e.entity_id, e.before, e.after) for e in events] == [
        ("unit", "DISDIK/SDN-001",
         {"agency": "DISDIK", "code": "SDN-001", "name": "SD Negeri 001 Tanjungpinang", "parent": None},
         {"agency": "DISDIK", "code": "SDN-001", "name": "SD Negeri 001", "parent": "SEKRETARIAT"}),
        ("unit", "DISDIK/SEKSI",
         {"agency": "DISDIK", "code": "SEKSI", "name": "Seksi Kurikulum", "parent": "SUBBAG"},
         {"agency": "DISDIK", "code": "SEKSI", "name": "Seksi Kurikulum", "parent": None})]
    assert events[0].actor != events[1].actor
    # nothing changes: nothing audited
    count = await AuditEvent.all().count()
    again = await api.gql(UPDATE_UNIT, token=world.admin, code="SDN-001", name="SD Negeri 001", parent="SEKRETARIAT")
    assert again["updateUnit"]["errors"] == [] and await AuditEvent.all().count() == count
    # the unit trail of SDN-001 reads both its events, in order
    trail = (await api.gql("""{ auditTrail(entity: "unit", id: "DISDIK/SDN-001") { action } }""",
                           token=world.disdik_admin))["auditTrail"]
    assert [e["action"] for e in trail] == ["unit.create", "unit.update"]


@pytest.mark.parametrize("parent", ["SEKRETARIAT", "SUBBAG", "SEKSI"])
async def test_a_unit_cannot_go_below_itself(api, world, parent):
    await deep_tree()
    nothing = await snapshot()
    done = (await api.gql(UPDATE_UNIT, token=world.admin, code="SEKRETARIAT", name="Sekretariat",
                          parent=parent))["updateUnit"]
    assert codes(done) == [("UNIT_LOOP", ["input", "parent"])] and done["unit"] is None
    assert f"unit {parent} is SEKRETARIAT itself or below it" in done["errors"][0]["message"]
    assert await snapshot() == nothing
    said = await indonesian(api, UPDATE_UNIT, world.disdik_admin, code="SEKRETARIAT", name="Sekretariat",
                            parent=parent)
    assert said["updateUnit"]["errors"][0]["message"] == (
        f"Unit {parent} adalah unit SEKRETARIAT sendiri atau salah satu sub-unitnya; pilih unit induk lain.")


async def test_a_move_sideways_or_up_is_no_loop(api, world):
    await deep_tree()
    # SEKSI (below SUBBAG below SEKRETARIAT) under SDN-001, then SUBBAG under SEKSI: neither closes a loop
    for code, name, parent in [("SEKSI", "Seksi Kurikulum", "SDN-001"), ("SUBBAG", "Subbagian Umum", "SEKSI")]:
        done = (await api.gql(UPDATE_UNIT, token=world.disdik_admin, code=code, name=name, parent=parent))
        assert done["updateUnit"]["errors"] == [], done
    # now SDN-001 under SUBBAG would: SUBBAG is below SEKSI, below SDN-001
    done = (await api.gql(UPDATE_UNIT, token=world.disdik_admin, code="SDN-001", name="SD", parent="SUBBAG"))
    assert codes(done["updateUnit"]) == [("UNIT_LOOP", ["input", "parent"])]


async def test_unknown_codes_bad_names_and_scope(api, world):
    nothing = await snapshot()
    cases = [
        # token, variables, expected problems
        (world.disdik_admin, {"code": "SDN-999", "name": "SD"}, [("NOT_FOUND", ["input", "code"])]),
        (world.disdik_admin, {"code": "SDN-001", "name": "SD", "parent": "SDN-999"},
         [("NOT_FOUND", ["input", "parent"])]),
        (world.disdik_admin, {"code": "SDN-001", "name": "SD", "parent": "PKM-BATU10"},  # another agency's unit
         [("NOT_FOUND", ["input", "parent"])]),
        (world.disdik_admin, {"code": "PKM-BATU10", "name": "Puskesmas"}, [("NOT_FOUND", ["input", "code"])]),
        (world.disdik_admin, {"code": "SDN-999", "name": " ", "parent": "SDN-998"},
         [("NOT_FOUND", ["input", "code"]), ("REQUIRED", ["input", "name"]), ("NOT_FOUND", ["input", "parent"])]),
        (world.disdik_admin, {"code": "SDN-001", "name": "", "parent": "SDN-998"},
         [("REQUIRED", ["input", "name"]), ("NOT_FOUND", ["input", "parent"])]),
        (world.admin, {"agency": "DISHUB", "code": "SDN-001", "name": "SD"}, [("NOT_FOUND", ["input", "agency"])]),
        # scope: another agency's admin does not see DISDIK; an employee sees it but may not edit it
        (world.dinkes_admin, {"code": "SDN-001", "name": "SD"}, [("NOT_FOUND", ["input", "agency"])]),
        (world.disdik_admin, {"agency": "DINKES", "code": "PKM-BATU10", "name": "P"},
         [("NOT_FOUND", ["input", "agency"])]),
        (world.principal, {"code": "SDN-001", "name": "SD"}, [("FORBIDDEN", ["input", "agency"])]),
        (world.teacher, {"code": "SDN-001", "name": "SD"}, [("FORBIDDEN", ["input", "agency"])]),
    ]
    for token, variables, expected in cases:
        done = (await api.gql(UPDATE_UNIT, token=token, **variables))["updateUnit"]
        assert codes(done) == expected and done["unit"] is None, (variables, done)
    assert (await api.errors(UPDATE_UNIT, code="SDN-001", name="SD"))[0]["extensions"]["code"] == "UNAUTHENTICATED"
    # over-long input is refused before the service (graphql/limits.py), in the payload
    done = (await api.gql(UPDATE_UNIT, token=world.admin, code="SDN-001", name="SD", parent="X" * 33))["updateUnit"]
    assert [e["code"] for e in done["errors"]] == ["TOO_LONG"]
    assert await snapshot() == nothing
    said = await indonesian(api, UPDATE_UNIT, world.disdik_admin, code="SDN-001", name="SD", parent="SDN-999")
    assert said["updateUnit"]["errors"][0]["message"] == "Unit SDN-999 tidak ditemukan di perangkat daerah DISDIK."
    said = await indonesian(api, UPDATE_UNIT, world.principal, code="SDN-001", name="SD")
    assert "mengubah unit pada perangkat daerah ini" in said["updateUnit"]["errors"][0]["message"]


async def test_one_unit_by_code_within_scope(api, world):
    found = (await api.gql(ONE_UNIT, token=world.teacher, a="DISDIK", u="sdn-001"))["agency"]["unit"]
    assert found == {"code": "SDN-001", "name": "SD Negeri 001 Tanjungpinang", "parent": None}
    assert (await api.gql(ONE_UNIT, token=world.admin, a="DISDIK", u="SDN-999"))["agency"]["unit"] is None
    # DINKES's unit through DISDIK is none; DISDIK itself is out of DINKES's admin's sight
    assert (await api.gql(ONE_UNIT, token=world.admin, a="DISDIK", u="PKM-BATU10"))["agency"]["unit"] is None
    assert (await api.gql(ONE_UNIT, token=world.dinkes_admin, a="DISDIK", u="SDN-001"))["agency"] is None


async def test_service_populations_are_read_by_whoever_sets_them(api, world):
    assert (await api.gql(POPULATIONS, token=world.disdik_admin, a="DISDIK"))["agency"]["servicePopulations"] == []
    for unit, n in [("SDN-001", 900), (None, 12000), ("SEKRETARIAT", 40)]:
        done = await api.gql(SET_POPULATION, token=world.disdik_admin, a="DISDIK", u=unit, n=n)
        assert done["setServicePopulation"]["errors"] == []
    await api.gql(SET_POPULATION, token=world.admin, a="DINKES", u="PKM-BATU10", n=5000)
    rows = (await api.gql(POPULATIONS, token=world.disdik_admin, a="DISDIK"))["agency"]["servicePopulations"]
    assert [(r["agency"], r["unit"], r["population"]) for r in rows] == [
        ("DISDIK", None, 12000), ("DISDIK", "SDN-001", 900), ("DISDIK", "SEKRETARIAT", 40)]
    assert [r["requiredSample"] for r in rows] == [373, 270, 37]  # Krejcie-Morgan, rounded up (tests/test_ikm.py)
    assert (await api.gql(POPULATIONS, token=world.admin, a="DISDIK"))["agency"]["servicePopulations"] == rows
    # an employee of the agency is refused; another agency's admin does not see the agency at all
    for token in (world.teacher, world.principal):
        errors = await api.errors(POPULATIONS, token=token, a="DISDIK")
        assert [e["extensions"]["code"] for e in errors] == ["FORBIDDEN"]
    assert (await api.gql(POPULATIONS, token=world.dinkes_admin, a="DISDIK"))["agency"] is None


async def test_two_moves_at_once_cannot_close_a_loop(api, world):
    """SEKRETARIAT under SDN-001 and SDN-001 under SEKRETARIAT, sent together: each alone is fine, both would make
    a loop. The agency's row is locked while a move is checked and written, so one of them sees the other."""
    for _ in range(3):
        for code, name in (("SEKRETARIAT", "Sekretariat"), ("SDN-001", "SD Negeri 001 Tanjungpinang")):
            await api.gql(UPDATE_UNIT, token=world.admin, code=code, name=name)  # both top units again
        answers = await asyncio.gather(
            api.gql(UPDATE_UNIT, token=world.admin, code="SEKRETARIAT", name="Sekretariat", parent="SDN-001"),
            api.gql(UPDATE_UNIT, token=world.disdik_admin, code="SDN-001", name="SD Negeri 001 Tanjungpinang",
                    parent="SEKRETARIAT"))
        outcomes = sorted(tuple(e["code"] for e in a["updateUnit"]["errors"]) for a in answers)
        assert outcomes == [(), ("UNIT_LOOP",)], answers
        parents = {u["code"]: (u["parent"] or {}).get("code")
                   for u in (await api.gql(UNITS, token=world.admin))["agency"]["units"]}
        assert [parents["SEKRETARIAT"], parents["SDN-001"]].count(None) == 1, parents
