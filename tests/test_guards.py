"""Guards every request passes (depth, aliases, tokens, no mutations over GET), and what production
hides (GraphiQL, introspection, field suggestions, internal error details)."""

from __future__ import annotations

import logging
import uuid

from kinerja.services.org import agencies as agencies_service
from world import TEACHER_1


def nested(depth: int) -> str:
    """person { supervisor { ... { nip } } } whose leaf is `depth` levels below the root field."""
    k = depth - 1
    return "query($n: String!) { person(nip: $n) { " + "supervisor { " * k + "nip" + " }" * k + " } }"


def aliases(n: int, prefix: str = "a") -> str:
    return " ".join(f"{prefix}{i}: me {{ role }}" for i in range(n))


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def boom(*args, **kwargs):
    raise RuntimeError("secret detail")


# Depth

async def test_query_deeper_than_max_depth_is_rejected(api, world):
    assert api.settings.max_depth == 10
    body = await api.post(nested(11), {"n": TEACHER_1}, world.admin)
    assert body["data"] is None
    assert "depth" in body["errors"][0]["message"]


async def test_depth_is_counted_through_fragments(api, world):
    query = ("query($n: String!) { person(nip: $n) { ...S } } fragment S on Person { "
             + "supervisor { " * 10 + "nip" + " }" * 10 + " }")
    body = await api.post(query, {"n": TEACHER_1}, world.admin)
    assert body["data"] is None
    assert "depth" in body["errors"][0]["message"]


async def test_query_at_max_depth_runs(api, world):
    data = await api.gql(nested(10), token=world.admin, n=TEACHER_1)
    assert data["person"]["supervisor"]["supervisor"] == {"supervisor": None}


async def test_query_of_depth_5_runs(api, world):
    data = await api.gql(nested(5), token=world.admin, n=TEACHER_1)
    assert data["person"]["supervisor"]["supervisor"] == {"supervisor": None}


# Aliases

async def test_31_aliases_are_rejected(api, world):
    body = await api.post("{ %s }" % aliases(31), token=world.admin)
    assert body["data"] is None
    assert "aliases" in body["errors"][0]["message"]


async def test_31_aliases_inside_a_fragment_are_rejected(api, world):
    body = await api.post("{ ...F } fragment F on Query { %s }" % aliases(31), token=world.admin)
    assert body["data"] is None
    assert "aliases" in body["errors"][0]["message"]


async def test_31_aliases_split_over_nested_fragments_are_rejected(api, world):
    query = "{ ...F } fragment F on Query { %s ...G } fragment G on Query { %s }" % (aliases(16), aliases(15, "b"))
    body = await api.post(query, token=world.admin)
    assert body["data"] is None
    assert "aliases" in body["errors"][0]["message"]


async def test_5_aliases_run(api, world):
    data = await api.gql("{ %s }" % aliases(5), token=world.admin)
    assert data == {f"a{i}": {"role": "ADMIN"} for i in range(5)}


# Tokens

async def test_document_over_2000_tokens_is_rejected(api, world):
    assert api.settings.max_tokens == 2000
    body = await api.post("{ me { %s } }" % ("role " * 2001), token=world.admin)
    assert body["data"] is None
    assert "token" in body["errors"][0]["message"].lower()


async def test_document_just_under_2000_tokens_runs(api, world):
    # 2 + 160 * 12 = 1922 tokens: `...Fn` is 2, `fragment Fn on Query { me { role } }` is 10
    spreads = " ".join(f"...F{i}" for i in range(160))
    fragments = " ".join(f"fragment F{i} on Query {{ me {{ role }} }}" for i in range(160))
    data = await api.gql("{ %s } %s" % (spreads, fragments), token=world.admin)
    assert data == {"me": {"role": "ADMIN"}}


# GET

GET_MUTATION = "mutation{createCycle(year:2030){errors{code}}}"


async def cycle_years(api, token: str) -> list[int]:
    return [c["year"] for c in (await api.gql("{ cycles { year } }", token=token))["cycles"]]


async def test_mutation_over_get_is_refused_and_writes_nothing(api, world):
    response = await api.client.get("/graphql", params={"query": GET_MUTATION}, headers=bearer(world.admin))
    assert 400 <= response.status_code < 500
    assert await cycle_years(api, world.admin) == [2025]


async def test_query_over_get_works_in_development(api, world):
    response = await api.client.get("/graphql", params={"query": "{ me { role } }"}, headers=bearer(world.admin))
    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"role": "ADMIN"}}}


async def test_mutation_over_get_is_refused_in_production(prod):
    api, world = prod
    response = await api.client.get("/graphql", params={"query": GET_MUTATION}, headers=bearer(world.admin))
    assert 400 <= response.status_code < 500
    assert await cycle_years(api, world.admin) == [2025]


# Production hides what development shows

async def test_development_serves_graphiql(api):
    response = await api.client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_production_does_not_serve_graphiql(prod):
    api, _ = prod
    response = await api.client.get("/graphql", headers={"Accept": "text/html"})
    assert "graphiql" not in response.text.lower()


async def test_production_refuses_introspection(prod):
    api, world = prod
    body = await api.post("{ __schema { types { name } } }", token=world.admin)
    assert body["errors"]
    assert not (body.get("data") or {}).get("__schema")
    assert "introspection" in body["errors"][0]["message"].lower()


async def test_development_allows_introspection(api, world):
    data = await api.gql("{ __schema { types { name } } }", token=world.admin)
    assert "Person" in {t["name"] for t in data["__schema"]["types"]}


async def test_development_suggests_fields(api, world):
    errors = await api.errors("{ agencis { code } }", token=world.admin)
    assert "Did you mean" in errors[0]["message"]


async def test_production_does_not_suggest_fields(prod):
    api, world = prod
    body = await api.post("{ agencis { code } }", token=world.admin)
    assert body["errors"]
    assert all("Did you mean" not in e["message"] for e in body["errors"])
    assert "agencies" not in str(body)


async def test_production_masks_internal_errors_and_logs_them(prod, monkeypatch, caplog):
    api, world = prod
    monkeypatch.setattr(agencies_service, "list_agencies", boom)
    with caplog.at_level(logging.ERROR, logger="kinerja.graphql"):
        response = await api.client.post("/graphql", json={"query": "{ agencies { code } }"},
                                         headers=bearer(world.admin))
    assert response.status_code == 200
    assert "secret detail" not in response.text
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL"
    request_id = error["extensions"]["requestId"]
    assert request_id and request_id in error["message"]
    assert response.headers["X-Request-ID"] == request_id
    logged = [r for r in caplog.records if r.name == "kinerja.graphql" and request_id in r.getMessage()]
    assert logged and logged[0].exc_info is not None
    assert "secret detail" in caplog.text and "Traceback" in caplog.text


async def test_development_internal_error_has_code_internal(api, world, monkeypatch, caplog):
    monkeypatch.setattr(agencies_service, "list_agencies", boom)
    with caplog.at_level(logging.ERROR, logger="kinerja.graphql"):
        errors = await api.errors("{ agencies { code } }", token=world.admin)
    assert errors[0]["extensions"]["code"] == "INTERNAL"
    assert errors[0]["extensions"]["requestId"] in caplog.text


# Plumbing

async def test_healthz_is_ok(api):
    response = await api.client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


async def test_graphql_responses_carry_a_request_id(api, world):
    ok = await api.client.post("/graphql", json={"query": "{ me { role } }"}, headers=bearer(world.admin))
    failed = await api.client.post("/graphql", json={"query": "{ me { role } }"})
    ids = {ok.headers.get("X-Request-ID"), failed.headers.get("X-Request-ID")}
    assert None not in ids and len(ids) == 2


# Caches: each distinct document is parsed and validated once, and what validation refuses stays refused

def _cache_counts() -> tuple[int, int, int, int]:
    from strawberry.extensions.parser_cache import _get_parse_cache
    from strawberry.extensions.validation_cache import _get_validate_cache

    from kinerja.graphql.schema import DOCUMENT_CACHE

    parse, validate = _get_parse_cache(DOCUMENT_CACHE).cache_info(), _get_validate_cache(DOCUMENT_CACHE).cache_info()
    return parse.hits, parse.misses, validate.hits, validate.misses


async def test_a_repeated_document_is_parsed_and_validated_once(api, world):
    # a document no other test sends: the caches key on its syntax tree, where a comment is not kept (an alias is),
    # and the process shares one schema among apps with the same options
    alias = "p" + uuid.uuid4().hex
    query = "query($n: String!) { %s: person(nip: $n) { nip name } }" % alias
    before = _cache_counts()
    for _ in range(3):
        data = await api.gql(query, token=world.admin, n=TEACHER_1)
        assert data[alias]["nip"] == TEACHER_1
    after = _cache_counts()
    assert [a - b for a, b in zip(after, before)] == [2, 1, 2, 1]


async def test_a_refused_document_is_refused_again_from_the_cache(api, world):
    query = nested(11).replace("{ person(", "{ p%s: person(" % uuid.uuid4().hex)  # a document of its own
    before = _cache_counts()
    for _ in range(2):
        body = await api.post(query, {"n": TEACHER_1}, world.admin)
        assert body["data"] is None and "depth" in body["errors"][0]["message"]
    after = _cache_counts()
    assert after[2] - before[2] == 1  # the second answer came from the validation cache
