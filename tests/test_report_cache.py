"""Report answers kept per generation of the data (services/reports/cache.py, issue 21 §5): asked again with nothing
written, a report is answered from memory (the statement counts: tests/test_reports.py); any write that changes it
(a rating reopened, an organisation predikat set, a survey answer) is seen at once; scopes, languages and databases
never share an answer."""

from __future__ import annotations

from kinerja.services.reports import cache
from test_reports import DISTRIBUTION, ORG, report_data

SATISFACTION = """query($p: String!) { satisfactionByGroup(period: $p) { group respondents } }"""


async def test_a_write_is_seen_at_once_and_scopes_do_not_share(api, world):
    await report_data(api, world)
    admin = world.admin
    first = await api.gql(DISTRIBUTION, token=admin, period="2025")
    hits = cache.stats["hits"]
    # another document over the same report (the same one again is a kept answer: tests/test_answer_cache.py)
    again = await api.gql(DISTRIBUTION.replace("query(", "query Again(", 1), token=admin, period="2025")
    assert again == first and cache.stats["hits"] == hits + 1
    # an agency admin asks the same: its own scope's answer, not ADMIN's
    own = await api.gql(DISTRIBUTION, token=world.disdik_admin, period="2025")
    assert [r["group"] for r in own["predikatDistribution"]] == ["DISDIK"]
    assert len(first["predikatDistribution"]) == 2
    # a write that changes the report: the organisation predikat of DISDIK
    before = {r["group"]: r["orgPredikat"] for r in first["predikatDistribution"]}
    assert before["DISDIK"] == "BUTUH_PERBAIKAN"
    done = await api.gql(ORG, token=admin, agency="DISDIK", period="2025", predikat="ISTIMEWA")
    assert not next(iter(done.values()))["errors"], done
    after = await api.gql(DISTRIBUTION, token=admin, period="2025")
    assert {r["group"]: r["orgPredikat"] for r in after["predikatDistribution"]}["DISDIK"] == "ISTIMEWA"
    # a survey answer moves the IKM report at once too
    ikm = await api.gql(SATISFACTION, token=admin, p="2025-Q1")
    await api.gql("""mutation($input: FeedbackInput!) { submitFeedback(input: $input) { accepted } }""",
                  input={"agency": "DISDIK", "unit": "SDN-001", "period": "2025-Q1", "answers": [4] * 9})
    again = await api.gql(SATISFACTION, token=admin, p="2025-Q1")
    total = lambda d: sum(r["respondents"] for r in d["satisfactionByGroup"])  # noqa: E731
    assert total(again) == total(ikm) + 1


async def test_the_generation_tells_databases_and_refills_apart(api, world):
    one = await cache.generation()
    assert one[0] > 0 and len(one[1]) == 64  # the newest event's id and its chain hash
    await api.gql("""mutation { createAgency(input: {code: "DUKCAPIL", name: "Dinas Dukcapil"}) {
      errors { code } } }""", token=world.admin)
    two = await cache.generation()
    assert two[0] > one[0] and two[1] != one[1]
