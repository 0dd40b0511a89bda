"""Whole answers of report-only queries kept per generation (graphql/answer_cache.py, issue 21 §5): asked again with
nothing written, the same document, variables, scope and language is answered without running GraphQL (the token's
and the generation's statements only); a refused viewer, an answer with errors, a mixed operation and a write each
take the full path."""

from __future__ import annotations

from types import SimpleNamespace

from kinerja.graphql import answer_cache
from kinerja.services.reports import cache as row_cache
from test_reports import DISTRIBUTION, FOLLOW_UPS, ORG, report_data

SHORT = """query($period: String!) { predikatDistribution(period: $period) { group total } }"""
ALIASED = """query($period: String!) { a: predikatDistribution(period: $period) { group total } __typename }"""


async def test_the_same_request_is_answered_from_the_kept_answer(api, world, sql_counter):
    await report_data(api, world)
    first = await api.gql(DISTRIBUTION, token=world.admin, period="2025")
    hits = answer_cache.stats["hits"]
    with sql_counter:
        again = await api.gql(DISTRIBUTION, token=world.admin, period="2025")
    assert again == first and answer_cache.stats["hits"] == hits + 1
    assert sql_counter.count == 2, sql_counter.statements  # the token and the generation
    # other variables, another document over the same report: no kept answer, but the rows are (one statement more
    # than a hit: none of the report's own)
    rows_hits = row_cache.stats["hits"]
    with sql_counter:
        aliased = await api.gql(ALIASED, token=world.admin, period="2025")
    assert answer_cache.stats["hits"] == hits + 1 and row_cache.stats["hits"] == rows_hits + 1
    assert sql_counter.count == 2, sql_counter.statements
    assert aliased["__typename"] == "Query"
    assert [(r["group"], r["total"]) for r in aliased["a"]] == [(r["group"], r["total"]) for r in
                                                                  first["predikatDistribution"]]
    # a write that changes the answer is seen at once
    done = await api.gql(ORG, token=world.admin, agency="DISDIK", period="2025", predikat="ISTIMEWA")
    assert not next(iter(done.values()))["errors"], done
    after = await api.gql(DISTRIBUTION, token=world.admin, period="2025")
    assert {r["group"]: r["orgPredikat"] for r in after["predikatDistribution"]}["DISDIK"] == "ISTIMEWA"
    assert answer_cache.stats["hits"] == hits + 1


async def test_scopes_and_languages_never_share_an_answer(api, world):
    await report_data(api, world)
    every = await api.gql(DISTRIBUTION, token=world.admin, period="2025")
    own = await api.gql(DISTRIBUTION, token=world.disdik_admin, period="2025")
    assert len(every["predikatDistribution"]) == 2
    assert [r["group"] for r in own["predikatDistribution"]] == ["DISDIK"]
    other = await api.gql(DISTRIBUTION, token=world.dinkes_admin, period="2025")
    assert [r["group"] for r in other["predikatDistribution"]] == ["DINKES"]
    # Indonesian and English curve warnings: each its own answer
    english = await api.post(DISTRIBUTION, {"period": "2025"}, world.admin)
    indonesian = (await api.client.post("/graphql", json={"query": DISTRIBUTION, "variables": {"period": "2025"}},
                                        headers={"Authorization": f"Bearer {world.admin}",
                                                 "Accept-Language": "id"})).json()
    warnings = lambda body: [w for r in body["data"]["predikatDistribution"] for w in r["curveWarnings"]]  # noqa
    assert warnings(english) and warnings(indonesian) and warnings(english) != warnings(indonesian)


async def test_a_refused_viewer_never_reads_a_kept_answer(api, world):
    await report_data(api, world)
    await api.gql(DISTRIBUTION, token=world.admin, period="2025")
    await api.gql(DISTRIBUTION, token=world.admin, period="2025")  # kept now
    hits = answer_cache.stats["hits"]
    for token, code in [(world.teacher, "FORBIDDEN"), (None, "UNAUTHENTICATED"), ("not-a-token", "UNAUTHENTICATED")]:
        errors = await api.errors(DISTRIBUTION, token=token, period="2025")
        assert errors[0]["extensions"]["code"] == code, (token, errors)
    assert answer_cache.stats["hits"] == hits


async def test_errors_are_never_kept_and_mixed_operations_run_in_full(api, world):
    await report_data(api, world)
    hits = answer_cache.stats["hits"]
    for _ in range(2):
        errors = await api.errors(DISTRIBUTION, token=world.admin, period="2025-13")
        assert errors[0]["extensions"]["code"] == "INVALID_PERIOD"
    assert answer_cache.stats["hits"] == hits
    # followUps pages people (their fields depend on the reader): never kept, alone or beside a report
    mixed = FOLLOW_UPS.replace("followUps(", "predikatDistribution(period: $period) { total } followUps(", 1)
    for query in (FOLLOW_UPS, mixed):
        for _ in range(2):
            await api.gql(query, token=world.admin, period="2025", first=2)
    assert answer_cache.stats["hits"] == hits


def test_which_documents_are_report_only():
    ok = answer_cache.eligible
    assert ok(SHORT, None, 2000) and ok(ALIASED, None, 2000)
    assert ok("query A { __typename } query B { predikatTrend(fromPeriod: \"2025\", toPeriod: \"2025\") { total } }",
              "B", 2000)
    assert not ok("query A { __typename } query B { me { nip } }", "B", 2000)
    assert not ok("query A { predikatDistribution(period: \"2025\") { total } } query B { me { nip } }", None, 2000)
    assert not ok(FOLLOW_UPS, None, 2000)
    assert not ok("query { ...F } fragment F on Query { predikatDistribution(period: \"2025\") { total } }", None,
                  2000)
    assert not ok("mutation { logout }", None, 2000)
    assert not ok("{ predikatDistribution(period: ", None, 2000)  # does not parse: the full path says why
    assert not ok(SHORT, None, 5)  # over the token limit
    assert not ok("query { __typename }" + " " * answer_cache.MAX_DOCUMENT, None, 2000)
    assert not ok(None, None, 2000)


def test_a_viewer_who_may_not_act_or_read_reports_has_no_scope():
    def ctx(role: str, may_act: bool = True):
        viewer = SimpleNamespace(role=role, agency_id=1)
        access = SimpleNamespace(viewer=viewer, may_act=may_act, may_read_reports=role in ("ADMIN", "AGENCY_ADMIN"))
        return SimpleNamespace(_access=access)

    assert answer_cache.scope(ctx("ADMIN")) == ("ADMIN", 1)
    assert answer_cache.scope(ctx("ADMIN", may_act=False)) is None  # a one-time password awaits its change
    assert answer_cache.scope(ctx("EMPLOYEE")) is None
    assert answer_cache.scope(SimpleNamespace(_access=None)) is None


def test_the_cache_is_bounded_by_entries_and_bytes(monkeypatch):
    answer_cache.clear()
    monkeypatch.setattr(answer_cache, "MAX_ENTRIES", 3)
    monkeypatch.setattr(answer_cache, "MAX_BYTES", 400)
    for n in range(5):
        answer_cache.put(("k", n), {"n": n})
    assert [k for k in answer_cache._answers] == [("k", 2), ("k", 3), ("k", 4)]
    # kept as the body the view sends, byte for byte
    assert answer_cache.get(("k", 0)) is None and answer_cache.get(("k", 2)) == b'{"data":{"n":2}}'
    answer_cache.put(("big",), {"x": "y" * 150})  # a body over a quarter of MAX_BYTES: not kept
    assert answer_cache.get(("big",)) is None
    monkeypatch.setattr(answer_cache, "MAX_ENTRIES", 10)
    for n in range(5, 10):
        answer_cache.put(("k", n), {"x": "y" * 70})  # 87 bytes each: the oldest go once 400 is passed
    assert answer_cache._bytes == sum(len(b) for b in answer_cache._answers.values()) <= 400
    assert answer_cache.get(("k", 2)) is None and answer_cache.get(("k", 9)) is not None
    answer_cache.put(("odd",), {"x": object()})  # not JSON: never kept (the view's own encoding says why)
    assert answer_cache.get(("odd",)) is None
    answer_cache.clear()


async def test_a_kept_answer_is_the_computed_answer_byte_for_byte_in_either_media_type(api, world, monkeypatch):
    await report_data(api, world)
    headers = {"Authorization": f"Bearer {world.admin}", "Accept-Encoding": "identity"}
    body = {"query": DISTRIBUTION, "variables": {"period": "2025"}}
    with monkeypatch.context() as off:  # the answer as the view encodes it, no cache involved
        off.setattr(answer_cache, "eligible", lambda *args: False)
        computed = await api.client.post("/graphql", json=body, headers=headers)
    first = await api.client.post("/graphql", json=body, headers=headers)  # computed, kept, sent as kept
    assert first.content == computed.content
    hits = answer_cache.stats["hits"]
    kept = await api.client.post("/graphql", json=body, headers=headers)
    assert answer_cache.stats["hits"] == hits + 1
    assert kept.status_code == computed.status_code == 200 and kept.content == computed.content
    assert kept.headers["content-type"] == computed.headers["content-type"] == "application/json"
    wanted = await api.client.post("/graphql", json=body,
                                   headers={**headers, "Accept": "application/graphql-response+json"})
    assert answer_cache.stats["hits"] == hits + 2
    assert wanted.headers["content-type"].startswith("application/graphql-response+json")
    assert wanted.content == computed.content
