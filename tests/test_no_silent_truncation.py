"""Root lists with a service maximum (measurements, assessments, auditTrail) never answer a list cut short: the
service reads one row past the maximum, and the run-time guard of graphql/cost.py answers LIST_TOO_LONG."""

from __future__ import annotations

from conftest import start_api, stop_api
from kinerja.graphql import cost
from kinerja.graphql import schema as schema_module
from kinerja.services.core import audit_trail
from world import build_world

UPSERT = """mutation($input: [PersonInput!]!) { upsertPeople(input: $input) { errors { code message } } }"""
TRAIL = 'query($id: String!) { auditTrail(entity: "person", id: $id) { action } }'
NIP = "199001012015011011"  # a new person of this test (born 1990, appointed 2015)


def person(name: str) -> dict:
    return {"nip": NIP, "name": name, "employmentType": "PNS", "position": "Staf", "agency": "DISDIK"}


async def test_a_trail_longer_than_its_bound_is_an_error_not_cut_short(database_url, monkeypatch):
    # a bound of 2 events instead of 1,000, for the service and for the guard, before the schema is built
    monkeypatch.setattr(audit_trail, "MAX_EVENTS", 2)
    monkeypatch.setitem(cost.BOUNDS, "Query.auditTrail", 2)
    schema_module._build.cache_clear()  # apps share the schema built for their options: build one with the bound
    api, handles = await start_api(database_url)
    try:
        world = await build_world()
        for name in ("Pegawai Satu", "Pegawai Dua"):  # person.create, person.update: 2 events, the bound
            assert (await api.gql(UPSERT, token=world.admin, input=[person(name)]))["upsertPeople"]["errors"] == []
        trail = (await api.gql(TRAIL, token=world.admin, id=NIP))["auditTrail"]
        assert [e["action"] for e in trail] == ["person.create", "person.update"]

        assert (await api.gql(UPSERT, token=world.admin, input=[person("Pegawai Tiga")]))["upsertPeople"]["errors"] == []
        body = await api.post(TRAIL, {"id": NIP}, world.admin)
        assert body["data"] is None
        (error,) = body["errors"]
        assert error["extensions"]["code"] == "LIST_TOO_LONG", error
        assert error["extensions"]["bound"] == 2 and "Query.auditTrail" in error["message"]
    finally:
        await stop_api(handles)
        schema_module._build.cache_clear()  # and none with it for the tests after this one

