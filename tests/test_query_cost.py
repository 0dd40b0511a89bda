"""The number of SQL statements of the admin list query does not grow with the page size."""

from kinerja.services import people
from kinerja.services.access import SYSTEM, Access
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
