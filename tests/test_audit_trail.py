"""auditTrail: the chained events of one entity, for ADMIN and the entity's own agency admin only."""

from kinerja.models import AuditEvent
from kinerja.services.core import audit
from world import CLERK, NURSE

TRAIL = """query($entity: String!, $id: String!) { auditTrail(entity: $entity, id: $id) {
  at actor action entity entityId before after prevHash hash } }"""
UPSERT = """mutation($input: [PersonInput!]!) { upsertPeople(input: $input) { errors { code message } } }"""


async def rename_clerk(api, world, name="Staf Sekretariat Baru"):
    data = await api.gql(UPSERT, token=world.admin, input=[{
        "nip": CLERK, "name": name, "employmentType": "PNS", "position": "Staf", "agency": "DISDIK",
        "unit": "SEKRETARIAT", "supervisor": None}])
    assert data["upsertPeople"]["errors"] == []


async def test_admin_reads_a_persons_trail_with_before_and_after(api, world):
    await rename_clerk(api, world)
    events = (await api.gql(TRAIL, token=world.admin, entity="person", id=CLERK))["auditTrail"]
    assert [e["action"] for e in events] == ["person.create", "person.update"]
    created, updated = events
    assert created["before"] is None and created["after"]["nip"] == CLERK
    assert updated["before"]["name"] != updated["after"]["name"] == "Staf Sekretariat Baru"
    assert updated["actor"].startswith("token:") and updated["entityId"] == CLERK
    # each event's hash is what the chain says it is
    stored = await AuditEvent.filter(entity="person", entity_id=CLERK).order_by("id")
    for shown, row in zip(events, stored):
        change = audit.Change(row.action, row.entity, row.entity_id, row.before, row.after)
        assert shown["hash"] == row.hash == audit.event_hash(row.prev_hash, row.at, row.actor, change)


async def test_agency_admin_reads_its_own_agency_only(api, world):
    await rename_clerk(api, world)
    own = (await api.gql(TRAIL, token=world.disdik_admin, entity="person", id=CLERK))["auditTrail"]
    assert len(own) == 2
    # another agency's person, and entities without an agency, read as having no trail
    assert (await api.gql(TRAIL, token=world.dinkes_admin, entity="person", id=CLERK))["auditTrail"] == []
    assert (await api.gql(TRAIL, token=world.disdik_admin, entity="person", id=NURSE))["auditTrail"] == []
    assert (await api.gql(TRAIL, token=world.disdik_admin, entity="cycle", id="2025"))["auditTrail"] == []
    assert (await api.gql(TRAIL, token=world.admin, entity="cycle", id="2025"))["auditTrail"] != []
    # the agency and its units by code
    assert (await api.gql(TRAIL, token=world.disdik_admin, entity="agency", id="DISDIK"))["auditTrail"]
    assert (await api.gql(TRAIL, token=world.disdik_admin, entity="unit", id="DISDIK/SDN-001"))["auditTrail"]
    assert (await api.gql(TRAIL, token=world.dinkes_admin, entity="unit", id="DISDIK/SDN-001"))["auditTrail"] == []


async def test_employees_and_anonymous_callers_are_refused(api, world):
    errors = await api.errors(TRAIL, token=world.teacher, entity="person", id=CLERK)
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    errors = await api.errors(TRAIL, entity="person", id=CLERK)
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_bad_arguments_name_the_argument(api, world):
    errors = await api.errors(TRAIL, token=world.admin, entity="person", id="x" * 65)
    assert errors[0]["extensions"]["code"] == "BAD_ARGUMENT" and "id" in errors[0]["message"]
    errors = await api.errors(TRAIL, token=world.admin, entity=" ", id=CLERK)
    assert errors[0]["extensions"]["code"] == "BAD_ARGUMENT" and "entity" in errors[0]["message"]


async def test_a_measurements_trail_keeps_the_replaced_values(api, world):
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    data = await api.gql("""mutation($input: [TargetInput!]!) { setTargets(input: $input) { targets { id } } }""",
                         token=world.disdik_admin, input=[{"cycle": 2025, "indicator": "DISDIK.KELULUSAN",
                                                           "unit": "SDN-001", "workResult": "Kelulusan", "value": 95}])
    target = data["setTargets"]["targets"][0]["id"]
    await api.gql("mutation { setCycleStatus(year: 2025, status: ACTIVE) { errors { code } } }", token=world.admin)
    record = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) { errors { message } } }"""
    for graduates in (57, 58):
        await api.gql(record, token=world.disdik_admin, input=[{
            "target": target, "period": "2025", "inputs": {"graduates": graduates, "final_year_students": 60}}])
    events = (await api.gql(TRAIL, token=world.disdik_admin, entity="measurement", id=f"{target}/2025"))["auditTrail"]
    assert [e["action"] for e in events] == ["measurement.create", "measurement.replace"]
    assert events[1]["before"]["inputs"]["graduates"] == 57 and events[1]["after"]["inputs"]["graduates"] == 58
    assert (await api.gql(TRAIL, token=world.dinkes_admin, entity="measurement", id=f"{target}/2025"))[
        "auditTrail"] == []
