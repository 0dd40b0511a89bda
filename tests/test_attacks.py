"""Attacks on /graphql through the real ASGI app: introspection, IDE, suggestions, depth, fragment cycles and
fan-out, aliases, body size, page size, batching, mutations over GET, CSRF content types, CORS, internal errors and
slow requests. test_guards.py holds the plain guard checks; these are the hostile variants."""

from __future__ import annotations

import asyncio
import json
import logging
import time

import pytest

from conftest import start_api, stop_api
from kinerja.app import KinerjaGraphQL
from kinerja.graphql import context as context_module
from kinerja.services.org import agencies as agencies_service
from kinerja.services.core import audit
from kinerja.settings import Settings, SettingsError
from test_guards import GET_MUTATION, aliases, bearer, nested
from world import TEACHER_1, build_world

CREATE_2030 = "mutation { createCycle(year: 2030) { errors { code } } }"
QUICK = 2.0  # seconds: a validation error, a refusal, or an answer that must not wait for a slow request


async def post_raw(api, content: bytes, content_type: str | None, token: str | None = None, **headers: str):
    if content_type is not None:
        headers["Content-Type"] = content_type
    if token:
        headers.update(bearer(token))
    return await api.client.post("/graphql", content=content, headers=headers)


async def cycle_years(api, token: str) -> list[int]:
    return [c["year"] for c in (await api.gql("{ cycles { year } }", token=token))["cycles"]]


def only_error(response, status: int, code: str) -> dict:
    """The single error of a refusal answered before GraphQL ran: status, JSON body, code."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/json")
    errors = response.json()["errors"]
    assert len(errors) == 1 and errors[0]["extensions"]["code"] == code, errors
    return errors[0]


async def timed(coro) -> tuple[object, float]:
    start = time.monotonic()
    result = await coro
    return result, time.monotonic() - start


# Introspection and the IDE (production)

INTROSPECTIONS = {
    "schema": "{ __schema { types { name } } }",
    "aliased": "{ s: __schema { queryType { name } } }",
    "in a fragment": "{ ...F } fragment F on Query { __schema { types { name } } }",
    "in an inline fragment": "{ ... on Query { __schema { queryType { name } } } }",
    "beside a real field": "{ me { role } __schema { types { name } } }",
}


@pytest.mark.parametrize("query", INTROSPECTIONS.values(), ids=INTROSPECTIONS.keys())
async def test_production_refuses_introspection_by_every_path(prod, query):
    api, world = prod
    body = await api.post(query, token=world.admin)
    assert body["data"] is None
    assert all("introspection has been disabled" in e["message"] for e in body["errors"]), body


TYPE_PROBES = {
    "type": '{ __type(name: "Person") { fields { name } } }',
    "the query type": '{ __type(name: "Query") { name fields { name } } }',
    "aliased": '{ t: __type(name: "Mutation") { name } }',
    "in an inline fragment": '{ ... on Query { __type(name: "Mutation") { name } } }',
    "in a fragment": '{ ...F } fragment F on Query { __type(name: "Objection") { name } }',
    "a name that is none": '{ __type(name: "sometype") { name } }',
}


@pytest.mark.parametrize("query", TYPE_PROBES.values(), ids=TYPE_PROBES.keys())
async def test_production_answers_every_type_probe_with_null(prod, query):
    """`__type` is answered, never revealing a type: null whatever the name (graphql/introspection.py)."""
    api, world = prod
    body = await api.post(query, token=world.admin)
    assert "errors" not in body, body
    assert list(body["data"].values()) == [None], body


async def test_production_still_answers_typename(prod):
    api, world = prod
    assert await api.gql("{ __typename me { role } }", token=world.admin) == {"__typename": "Query",
                                                                              "me": {"role": "ADMIN"}}


@pytest.mark.parametrize("accept", ["text/html", "*/*", "text/html,application/xhtml+xml,*/*;q=0.8"])
async def test_production_serves_no_ide(prod, accept):
    api, _ = prod
    response = await api.client.get("/graphql", headers={"Accept": accept})
    assert response.status_code == 404
    assert "<html" not in response.text.lower() and "graphiql" not in response.text.lower()
    # `/` is the web console: its own page, no IDE in it
    root = await api.client.get("/", headers={"Accept": accept})
    assert root.status_code == 200 and "graphiql" not in root.text.lower()
    assert root.headers["content-security-policy"].startswith("default-src 'self'")


# No suggestions (production): each of these says "Did you mean ...?" in development

SUGGESTIONS = {
    # name: (query, variables, the name a suggestion would reveal)
    "field": ("{ agencis { code } }", {}, "'agencies'"),
    "argument": ("{ people(frist: 5) { totalCount } }", {}, "'first'"),
    "type": ("{ ...F } fragment F on Querry { me { role } }", {}, "'Query'"),
    "enum literal": ("mutation { setCycleStatus(year: 2025, status: EVALUATON) { errors { code } } }", {},
                     "'EVALUATION'"),
    "enum variable": ("mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }",
                      {"s": "EVALUATON"}, "'EVALUATION'"),
    "input field": ('{ people(filter: {agencyy: "DISDIK"}, first: 5) { totalCount } }', {}, "'agency'"),
}


@pytest.mark.parametrize("case", SUGGESTIONS.values(), ids=SUGGESTIONS.keys())
async def test_production_error_messages_suggest_nothing(prod, case):
    api, world = prod
    query, variables, revealed = case
    body = await api.post(query, variables, world.admin)
    assert body["data"] is None and body["errors"]
    for error in body["errors"]:
        assert "Did you mean" not in error["message"], error
        assert revealed not in error["message"], error


@pytest.mark.parametrize("case", SUGGESTIONS.values(), ids=SUGGESTIONS.keys())
async def test_development_error_messages_do_suggest(api, world, case):
    """The other side of the test above: the same documents, with the suggestion, outside production."""
    query, variables, revealed = case
    errors = await api.errors(query, world.admin, **variables)
    assert "Did you mean" in errors[0]["message"] and revealed in errors[0]["message"], errors


# Depth, fragment cycles, fan-out

def depth_error(body: dict) -> dict:
    assert body["data"] is None
    error = body["errors"][0]
    assert "exceeds maximum operation depth of 10" in error["message"], error
    assert error["extensions"]["code"] == "QUERY_TOO_DEEP"
    return error


async def test_30_deep_query_is_rejected(api, world):
    body, seconds = await timed(api.post(nested(30), {"n": TEACHER_1}, world.admin))
    assert "it is 30 deep" in depth_error(body)["message"]
    assert seconds < QUICK


async def test_30_deep_query_through_a_chain_of_fragments_is_rejected(api, world):
    chain = " ".join(f"fragment F{i} on Person {{ supervisor {{ ...F{i + 1} }} }}" for i in range(29))
    query = "query($n: String!) { person(nip: $n) { ...F0 } } " + chain + " fragment F29 on Person { nip }"
    body, seconds = await timed(api.post(query, {"n": TEACHER_1}, world.admin))
    assert "it is 30 deep" in depth_error(body)["message"]
    assert seconds < QUICK


CYCLES = {
    "self": "{ ...A } fragment A on Query { me { role } ...A }",
    "self, nested": "{ me { person { ...A } } } fragment A on Person { nip supervisor { ...A } }",
    "A and B": "{ ...A } fragment A on Query { me { role } ...B } fragment B on Query { ...A }",
    "A, B and C": "{ ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A }",
    "unused cycle": "{ me { role } } fragment A on Query { ...B } fragment B on Query { ...A }",
}


@pytest.mark.parametrize("query", CYCLES.values(), ids=CYCLES.keys())
async def test_circular_fragments_are_a_quick_validation_error(prod, query):
    api, world = prod
    body, seconds = await timed(api.post(query, token=world.admin))
    assert body["data"] is None
    assert any("Cannot spread fragment 'A' within itself" in e["message"] for e in body["errors"]), body
    assert seconds < QUICK


async def test_unknown_fragment_is_named_not_a_bare_key_error(prod):
    """strawberry's depth limiter failed on it with KeyError('Nope'), and the message was just "'Nope'"."""
    api, world = prod
    body = await api.post("{ ...Nope }", token=world.admin)
    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == ["Unknown fragment 'Nope'."]


def fan_out(n: int, leaf: str) -> str:
    """Fragment Fi spreads F(i+1) twice: 2^n paths through n + 1 fragments."""
    frags = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(n))
    return "{ ...F0 } " + frags + f" fragment F{n} on Query {{ {leaf} }}"


async def test_fragment_fan_out_with_an_alias_is_rejected_at_once(api, world):
    """2^20 aliases: strawberry's limiters walked every path, 2^n steps for n fragments (here about 12 s of blocked
    event loop; 30 fragments would take hours). Counted once per fragment now."""
    body, seconds = await timed(api.post(fan_out(20, "a: me { role }"), token=world.admin))
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "TOO_MANY_ALIASES"
    assert "1,048,576 aliases found" in body["errors"][0]["message"]
    assert seconds < QUICK


async def test_fragment_fan_out_without_aliases_is_validated_in_linear_time(api, world):
    body, seconds = await timed(api.post(fan_out(20, "__typename"), token=world.admin))
    assert body == {"data": {"__typename": "Query"}}
    assert seconds < QUICK
    # an object under the fan-out: the cost budget counts it at each of the 2^20 spreads (graphql/cost.py)
    body, seconds = await timed(api.post(fan_out(20, "me { role }"), token=world.admin))
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert seconds < QUICK


# Aliases: 200 of them, however they are hidden

ALIASES_200 = {
    "plain": "{ %s }" % aliases(200),
    "in one fragment": "{ ...F } fragment F on Query { %s }" % aliases(200),
    "in an inline fragment": "{ ... on Query { %s } }" % aliases(200),
    "over nested fragments": "{ ...F } fragment F on Query { %s ...G } fragment G on Query { %s }"
                             % (aliases(100), aliases(100, "b")),
    # 10 aliased fields, each spreading F with its 19 aliases: 10 + 10 * 19
    "one fragment spread 10 times": "{ me { person { %s } } } fragment F on Person { %s }"
                                    % (" ".join(f"s{i}: supervisor {{ ...F }}" for i in range(10)),
                                       " ".join(f"n{i}: nip" for i in range(19))),
}


@pytest.mark.parametrize("query", ALIASES_200.values(), ids=ALIASES_200.keys())
async def test_200_aliases_are_rejected(api, world, query):
    body, seconds = await timed(api.post(query, token=world.admin))
    assert body["data"] is None
    error = body["errors"][0]
    assert error["message"].startswith("200 aliases found"), error
    assert error["extensions"]["code"] == "TOO_MANY_ALIASES"
    assert seconds < QUICK


async def test_30_aliases_spread_over_fragments_run(api, world):
    query = "{ ...F ...G } fragment F on Query { %s } fragment G on Query { %s }" % (aliases(15), aliases(15, "b"))
    data = await api.gql(query, token=world.admin)
    assert len(data) == 30 and data["b14"] == {"role": "ADMIN"}


# Body size

async def test_1mb_document_is_refused_before_the_view_runs(prod, monkeypatch):
    api, world = prod
    calls = []
    original = KinerjaGraphQL.run

    async def spy(self, *args, **kwargs):
        calls.append(args)
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(KinerjaGraphQL, "run", spy)
    document = "{ me { role } }" + " " * 1_000_000
    response = await api.client.post("/graphql", json={"query": document}, headers=bearer(world.admin))
    error = only_error(response, 413, "BODY_TOO_LARGE")
    assert f"larger than {api.settings.max_body_bytes:,} bytes" in error["message"]
    assert calls == []
    small = await api.client.post("/graphql", json={"query": "{ me { role } }"}, headers=bearer(world.admin))
    assert small.json() == {"data": {"me": {"role": "ADMIN"}}} and len(calls) == 1


async def test_chunked_body_over_the_limit_is_refused_without_reading_it_all(prod):
    api, world = prod
    chunk, count = 64 * 1024, 16  # 1 MiB in all, without Content-Length
    pulled = 0

    async def body():
        nonlocal pulled
        yield b'{"query": "{ me { role } }", "x": "'
        for _ in range(count):
            pulled += 1
            yield b"x" * chunk
        yield b'"}'

    response = await api.client.post("/graphql", content=body(),
                                     headers={"Content-Type": "application/json", **bearer(world.admin)})
    only_error(response, 413, "BODY_TOO_LARGE")
    assert pulled <= api.settings.max_body_bytes // chunk + 1 < count


async def test_body_size_limit_is_exact_and_configurable(database_url):
    api, handles = await start_api(database_url, max_body_bytes=2048)
    try:
        world = await build_world()
        head = b'{"query": "{ me { role } }", "variables": {"pad": "'
        for size, status in ((2048, 200), (2049, 413)):
            content = head + b"p" * (size - len(head) - 3) + b'"}}'
            assert len(content) == size
            response = await post_raw(api, content, "application/json", world.admin)
            assert response.status_code == status, response.text
    finally:
        await stop_api(handles)


def test_default_body_limit_takes_the_largest_people_upload():
    """upsertPeople takes 500 people a call; with 200-character names and positions that is about 280 KB."""
    person = {"nip": "19800101 200501 1 010", "name": "N" * 200, "employmentType": "PPPK", "position": "P" * 200,
              "agency": "A" * 32, "unit": "U" * 32, "supervisor": "198001012005011002"}
    body = json.dumps({"query": "mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { errors { code } } }",
                       "variables": {"p": [person] * 500}})
    assert len(body.encode()) < Settings().max_body_bytes < 1_000_000


# Page size

PAGED = {
    "people": "query($first: Int) { people(first: $first) { totalCount } }",
    "followUps": 'query($first: Int) { followUps(period: "2025", first: $first) { totalCount } }',
}


@pytest.mark.parametrize("field", PAGED.keys())
@pytest.mark.parametrize("first", [99999999, 101, 0, -1])
async def test_page_size_outside_1_to_100_is_refused(api, world, field, first):
    errors = await api.errors(PAGED[field], world.admin, first=first)
    assert errors[0]["extensions"] == {"code": "BAD_PAGE_SIZE", "argument": "first"}
    assert f"first must be between 1 and 100, got {first}" == errors[0]["message"]


@pytest.mark.parametrize("field", PAGED.keys())
async def test_page_size_in_a_literal_is_refused_too(api, world, field):
    errors = await api.errors(PAGED[field].replace("query($first: Int) ", "").replace("$first", "99999999"),
                              world.admin)
    assert errors[0]["extensions"]["code"] == "BAD_PAGE_SIZE"


@pytest.mark.parametrize("field", PAGED.keys())
async def test_page_size_100_runs(api, world, field):
    data = await api.gql(PAGED[field], world.admin, first=100)
    assert isinstance(next(iter(data.values()))["totalCount"], int)


# Batching

@pytest.mark.parametrize("prefix", [b"", b" \n\t", b"\xef\xbb\xbf"], ids=["plain", "whitespace", "bom"])
async def test_batched_operations_are_refused_and_none_runs(api, world, prefix):
    batch = json.dumps([{"query": CREATE_2030}, {"query": "{ me { role } }"}]).encode()
    response = await post_raw(api, prefix + batch, "application/json", world.admin)
    error = only_error(response, 400, "BATCHING_NOT_SUPPORTED")
    assert "one operation per request" in error["message"]
    assert await cycle_years(api, world.admin) == [2025]


@pytest.mark.parametrize("content", [b"42", b"null", b'"{ me { role } }"', b"true"])
async def test_body_that_is_not_a_json_object_is_a_400(api, world, content):
    """A bare number used to crash strawberry (AttributeError: 'int' object has no attribute 'get'): a 500."""
    response = await post_raw(api, content, "application/json", world.admin)
    assert "JSON object" in only_error(response, 400, "BAD_REQUEST")["message"]


# Mutations over GET

async def test_mutation_over_get_is_refused_when_chosen_by_operation_name(api, world):
    document = "query Q { me { role } } mutation M { createCycle(year: 2030) { errors { code } } }"
    response = await api.client.get("/graphql", params={"query": document, "operationName": "M"},
                                    headers=bearer(world.admin))
    error = only_error(response, 405, "METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == "POST"
    assert error["message"].startswith("mutations are taken over POST only")
    assert await cycle_years(api, world.admin) == [2025]
    query = await api.client.get("/graphql", params={"query": document, "operationName": "Q"},
                                 headers=bearer(world.admin))
    assert query.json() == {"data": {"me": {"role": "ADMIN"}}}


async def test_mutation_over_get_is_405_json_with_allow_post(api, world):
    for document in (GET_MUTATION, "mutation { createCycle(year: 2030) { errors { code } } }"):
        response = await api.client.get("/graphql", params={"query": document}, headers=bearer(world.admin))
        error = only_error(response, 405, "METHOD_NOT_ALLOWED")
        assert response.headers["allow"] == "POST"
        assert "POST" in error["message"]
    assert await cycle_years(api, world.admin) == [2025]
    # what names no single operation is still strawberry's to answer (it runs nothing either)
    unnamed = await api.client.get("/graphql", params={"query": "query A { me { role } } mutation B { x }"},
                                   headers=bearer(world.admin))
    assert unnamed.json()["errors"] and not unnamed.json().get("data"), unnamed.text


async def test_production_refuses_every_operation_over_get(prod):
    api, world = prod
    for document in ("{ me { role } }", GET_MUTATION):
        response = await api.client.get("/graphql", params={"query": document}, headers=bearer(world.admin))
        only_error(response, 405, "METHOD_NOT_ALLOWED")
        assert response.headers["allow"] == "POST"
    assert await cycle_years(api, world.admin) == [2025]


# CSRF: only application/json POSTs are executed

CSRF_BODIES = {
    "form": (b"query=" + CREATE_2030.replace(" ", "+").encode(), "application/x-www-form-urlencoded"),
    "multipart": (b'--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
                  + json.dumps({"query": CREATE_2030}).encode() + b"\r\n--b--\r\n", "multipart/form-data; boundary=b"),
    "text/plain": (json.dumps({"query": CREATE_2030}).encode(), "text/plain"),
    "text/plain naming json": (json.dumps({"query": CREATE_2030}).encode(), "text/plain; charset=application/json"),
    "no content type": (json.dumps({"query": CREATE_2030}).encode(), None),
    "graphql": (CREATE_2030.encode(), "application/graphql"),
}


@pytest.mark.parametrize("case", CSRF_BODIES.values(), ids=CSRF_BODIES.keys())
async def test_post_that_is_not_application_json_is_refused_and_not_executed(prod, case):
    api, world = prod
    content, content_type = case
    response = await post_raw(api, content, content_type, world.admin)
    error = only_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert "application/json only" in error["message"]
    assert await cycle_years(api, world.admin) == [2025]


async def test_application_json_with_charset_is_executed(prod):
    api, world = prod
    response = await post_raw(api, json.dumps({"query": CREATE_2030}).encode(), "Application/JSON; charset=utf-8",
                              world.admin)
    assert response.json() == {"data": {"createCycle": {"errors": []}}}
    assert await cycle_years(api, world.admin) == [2025, 2030]


# CORS

ALLOWED, OTHER = "https://kinerja.tanjungpinangkota.go.id", "https://evil.example"


@pytest.fixture
async def cors_api(database_url):
    settings = Settings.from_env({"KINERJA_CORS_ORIGINS": f"{ALLOWED}, https://bkpsdm.example",
                                  "KINERJA_ENV": "production"})
    api, handles = await start_api(database_url, env=settings.env, cors_origins=settings.cors_origins)
    try:
        yield api, await build_world()
    finally:
        await stop_api(handles)


def preflight(origin: str) -> dict:
    return {"Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type"}


async def test_cors_preflight_allows_only_configured_origins(cors_api):
    api, _ = cors_api
    refused = await api.client.options("/graphql", headers=preflight(OTHER))
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    allowed = await api.client.options("/graphql", headers=preflight(ALLOWED))
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in allowed.headers["access-control-allow-methods"]
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()


async def test_cors_simple_request_from_another_origin_gets_no_allow_origin(cors_api):
    api, world = cors_api
    other = await api.client.post("/graphql", json={"query": "{ me { role } }"},
                                  headers={"Origin": OTHER, **bearer(world.admin)})
    assert "access-control-allow-origin" not in other.headers
    allowed = await api.client.post("/graphql", json={"query": "{ me { role } }"},
                                    headers={"Origin": ALLOWED, **bearer(world.admin)})
    assert allowed.headers["access-control-allow-origin"] == ALLOWED
    assert "X-Request-ID" in allowed.headers["access-control-expose-headers"]  # a browser UI may read the id


async def test_without_configured_origins_no_origin_is_allowed(prod):
    api, world = prod
    for origin in (ALLOWED, OTHER, "null"):
        response = await api.client.post("/graphql", json={"query": "{ me { role } }"},
                                         headers={"Origin": origin, **bearer(world.admin)})
        assert "access-control-allow-origin" not in response.headers
        assert "access-control-allow-origin" not in (await api.client.options("/graphql",
                                                                                headers=preflight(origin))).headers


# Internal errors: masked, with a request id, logged with the traceback

def boom(*args, **kwargs):
    raise RuntimeError("secret detail")


async def test_internal_error_outside_resolvers_is_masked_with_a_request_id(prod, monkeypatch, caplog):
    """Reading the token fails (say the database went away): before, starlette's bare 500 text without an id."""
    api, world = prod
    monkeypatch.setattr(context_module, "resolve_authorization", boom)
    with caplog.at_level(logging.ERROR, logger="kinerja.http"):
        response = await api.client.post("/graphql", json={"query": "{ me { role } }"}, headers=bearer(world.admin))
    error = only_error(response, 500, "INTERNAL")
    assert "secret detail" not in response.text
    request_id = error["extensions"]["requestId"]
    assert error["message"] == f"Internal error (request id {request_id})"
    assert response.headers["X-Request-ID"] == request_id
    logged = [r for r in caplog.records if request_id in r.getMessage()]
    assert logged and logged[0].exc_info is not None and "secret detail" in caplog.text


async def test_internal_error_in_a_mutation_is_masked_with_a_request_id(prod, monkeypatch, caplog):
    api, world = prod
    from kinerja.services.cycles import workflow as cycles_service

    async def fail(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(cycles_service, "create_cycle", fail)
    with caplog.at_level(logging.ERROR, logger="kinerja.graphql"):
        response = await api.client.post("/graphql", json={"query": CREATE_2030}, headers=bearer(world.admin))
    assert response.status_code == 200 and "secret detail" not in response.text
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL"
    assert response.headers["X-Request-ID"] == error["extensions"]["requestId"]
    assert error["extensions"]["requestId"] in caplog.text and "Traceback" in caplog.text


# Slow requests: cut by the timeout, the server keeps answering, nothing half-written

@pytest.fixture
async def fast_timeout(database_url):
    api, handles = await start_api(database_url, env="production", request_timeout_seconds=1.0)
    try:
        yield api, await build_world()
    finally:
        await stop_api(handles)


async def test_slow_query_is_cut_while_others_are_answered(fast_timeout, monkeypatch, caplog):
    api, world = fast_timeout
    cancelled = asyncio.Event()

    async def slow(*args, **kwargs):
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    monkeypatch.setattr(agencies_service, "list_agencies", slow)
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="kinerja.http"):
        slow_request = asyncio.create_task(
            api.client.post("/graphql", json={"query": "{ agencies { code } }"}, headers=bearer(world.admin)))
        await asyncio.sleep(0.05)
        other, other_seconds = await timed(api.gql("{ me { role } }", token=world.admin))
        assert other == {"me": {"role": "ADMIN"}}
        assert not slow_request.done() and other_seconds < 1.0  # answered while the slow one still ran
        response = await slow_request
    elapsed = time.monotonic() - start
    error = only_error(response, 504, "TIMEOUT")
    assert "longer than 1 s" in error["message"]
    assert 1.0 <= elapsed < 1.0 + QUICK
    assert cancelled.is_set()  # the work was stopped, not left running
    assert "stopped after" in caplog.text and "/graphql" in caplog.text
    assert await api.gql("{ me { role } }", token=world.admin) == {"me": {"role": "ADMIN"}}


async def test_timed_out_mutation_leaves_nothing_half_written(fast_timeout, monkeypatch):
    """createCycle inserts the cycle and its audit event in one transaction; it hangs after both, before commit."""
    api, world = fast_timeout
    original = audit.append
    reached = asyncio.Event()

    async def append_then_hang(conn, actor, changes):
        result = await original(conn, actor, changes)
        reached.set()
        await asyncio.sleep(60)
        return result

    monkeypatch.setattr(audit, "append", append_then_hang)
    response = await api.client.post("/graphql", json={"query": CREATE_2030}, headers=bearer(world.admin))
    only_error(response, 504, "TIMEOUT")
    assert reached.is_set()  # both rows had been written inside the transaction
    monkeypatch.setattr(audit, "append", original)

    assert await cycle_years(api, world.admin) == [2025]
    trail = await api.gql('{ auditTrail(entity: "cycle", id: "2030") { action } }', token=world.admin)
    assert trail == {"auditTrail": []}
    assert (await audit.verify()).ok
    data = await api.gql("mutation { createCycle(year: 2031) { errors { code } } }", token=world.admin)
    assert data == {"createCycle": {"errors": []}}  # the connection and its lock were given back
    assert await cycle_years(api, world.admin) == [2025, 2031]


# Settings of the guards

def test_guard_settings_come_from_the_environment():
    settings = Settings.from_env({"KINERJA_MAX_BODY_BYTES": "65536", "KINERJA_REQUEST_TIMEOUT": "2.5"})
    assert (settings.max_body_bytes, settings.request_timeout_seconds) == (65536, 2.5)
    assert (Settings().max_body_bytes, Settings().request_timeout_seconds) == (512 * 1024, 30.0)


@pytest.mark.parametrize("name, value", [
    ("KINERJA_MAX_BODY_BYTES", "lots"), ("KINERJA_MAX_BODY_BYTES", "100"), ("KINERJA_MAX_BODY_BYTES", "1.5"),
    ("KINERJA_REQUEST_TIMEOUT", "soon"), ("KINERJA_REQUEST_TIMEOUT", "0"), ("KINERJA_REQUEST_TIMEOUT", "-1"),
    ("KINERJA_REQUEST_TIMEOUT", "nan"), ("KINERJA_REQUEST_TIMEOUT", "inf"),
])
def test_unusable_guard_settings_are_refused_by_name(name, value):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})
