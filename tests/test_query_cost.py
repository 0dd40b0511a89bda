"""The number of SQL statements of the admin list query does not grow with the page size."""

from kinerja.models import AuditEvent
from kinerja.services.core import audit
from kinerja.services.org import people
from kinerja.services.core.access import SYSTEM, Access
from world import nip

QUERY = """query($n: Int) { people(first: $n) { edges { node {
  nip name agency { name } unit { name } supervisor { name } } } } }"""


async def test_people_page_statement_count_is_flat(api, world, sql_counter):
    # 120 more DISDIK people, each supervised by the one before, spread over two units
    extra = [
        people.PersonData(nip=nip(100 + i, birth="19900101", appointed="201501"), name=f"Pegawai {i:03d}",
                          employment_type="PNS", position="Staf", agency="DISDIK",
                          unit="SDN-001" if i % 2 else "SEKRETARIAT",
                          supervisor=nip(99 + i, birth="19900101", appointed="201501") if i else None)
        for i in range(120)
    ]
    await people.upsert_people(Access(SYSTEM), extra)

    counts = {}
    for n in (10, 100):
        with sql_counter:
            data = await api.gql(QUERY, token=world.admin, n=n)
        assert len(data["people"]["edges"]) == n
        assert all(e["node"]["agency"]["name"] for e in data["people"]["edges"])
        counts[n] = sql_counter.count
    assert counts[10] == counts[100], counts
    # token, page, then one batch each for agencies, units and supervisors
    assert counts[100] == 5, sql_counter.statements


SET = """mutation($input: [TargetInput!]!) { setTargets(input: $input) { targets { id } errors { message } } }"""
RECORD = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) {
  measurements { id value achievement suggestedRating } errors { path message } } }"""


async def test_record_measurements_statement_count_does_not_grow_with_the_batch(api, world, sql_counter):
    extra = [people.PersonData(nip=nip(300 + i, birth="19910101", appointed="201601"), name=f"Guru {i:03d}",
                               employment_type="PNS", position="Guru", agency="DISDIK", unit="SDN-001",
                               supervisor=None) for i in range(120)]
    await people.upsert_people(Access(SYSTEM), extra)
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    data = await api.gql(SET, token=world.admin, input=[{
        "cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "nip": p.nip, "workResult": "Sosialisasi",
        "value": 75} for p in extra])
    assert data["setTargets"]["errors"] == []
    ids = [t["id"] for t in data["setTargets"]["targets"]]
    await api.gql("mutation { setCycleStatus(year: 2025, status: ACTIVE) { errors { code } } }", token=world.admin)

    def batch(targets, period, invited=80):
        return [{"target": t, "period": period, "inputs": {"participants": 60, "invited": invited}} for t in targets]

    counts = {}
    for label, items in [("new 5", batch(ids[:5], "2025-Q1")), ("new 115", batch(ids[5:], "2025-Q1")),
                         ("replace 5", batch(ids[:5], "2025-Q1", 75)),
                         ("replace 115", batch(ids[5:], "2025-Q1", 75))]:
        with sql_counter:
            data = await api.gql(RECORD, token=world.admin, input=items)
        assert data["recordMeasurements"]["errors"] == [] and len(data["recordMeasurements"]["measurements"]) == len(items)
        counts[label] = sql_counter.count
    assert counts["new 5"] == counts["new 115"] and counts["replace 5"] == counts["replace 115"], counts
    # token; targets, cycles, indicators, people; existing rows; one INSERT or one executemany UPDATE;
    # one UPSERT of the achievement rollup; last audit hash and one executemany INSERT of events (plus the
    # advisory lock on PostgreSQL)
    assert counts["new 115"] <= 11, sql_counter.statements
    # the bulk-written events chain in id order, and each replacement kept the old values
    result = await audit.verify()
    assert result.ok and result.checked == await AuditEvent.all().count(), result
    assert await AuditEvent.filter(action="measurement.create").count() == 120
    replaced = await AuditEvent.filter(action="measurement.replace").order_by("id")
    assert len(replaced) == 120 and all(e.before["inputs"]["invited"] == 80 and e.after["inputs"]["invited"] == 75
                                        for e in replaced)
