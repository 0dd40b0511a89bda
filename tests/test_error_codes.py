"""Every request error carries an extensions.code a client can act on without reading the message (issue 21 §2):
a syntax error, the token limit, a document that does not fit the schema, introspection turned off in production and
a variable that cannot be coerced, besides the codes the guards, the limits and the cost budget already give."""

from __future__ import annotations

from kinerja.graphql.errors import REQUEST_CODES, request_code
from kinerja.services.core import messages


def codes(body: dict) -> list[str | None]:
    return [(e.get("extensions") or {}).get("code") for e in body["errors"]]


async def test_development_request_errors_have_codes(api, world):
    cases = {
        "{ cycles { year ": "GRAPHQL_PARSE_FAILED",
        "query { me { %s } }" % ("role " * 2001): "TOO_MANY_TOKENS",
        "{ nope }": "GRAPHQL_VALIDATION_FAILED",
        "query($a: Int!) { cycles { year } }": "GRAPHQL_VALIDATION_FAILED",  # $a is never used
        "{ people(first: 100) { edges { node { subordinates(first: 100) { targets(cycle: 2025, first: 100) { id } } } } } }":
            "QUERY_TOO_COSTLY",
    }
    for query, code in cases.items():
        body = await api.post(query, token=world.admin)
        assert body["data"] is None, (query[:40], body)
        assert codes(body) and set(codes(body)) == {code}, (query[:40], body)
    # a variable that cannot be coerced: no data, BAD_VARIABLES
    body = await api.post("query($n: String!) { person(nip: $n) { nip } }", {"n": 5}, world.admin)
    assert body["data"] is None and set(codes(body)) == {"BAD_VARIABLES"}, body
    body = await api.post("query($n: String!) { person(nip: $n) { nip } }", {}, world.admin)
    assert set(codes(body)) == {"BAD_VARIABLES"}, body
    # a field's own error keeps its path and its own code; a good query has no errors at all
    body = await api.post("{ me { role } }", token=world.admin)
    assert "errors" not in body


async def test_production_says_introspection_is_off_with_a_code(prod):
    api, world = prod
    body = await api.post("{ __schema { types { name } } }", token=world.admin)
    assert body["data"] is None and set(codes(body)) == {"INTROSPECTION_DISABLED"}, body
    body = await api.post("{ nope }", token=world.admin)
    assert set(codes(body)) == {"GRAPHQL_VALIDATION_FAILED"}, body


def test_every_request_code_is_in_the_catalog_and_told_apart():
    assert all(code in messages.CATALOG for code in REQUEST_CODES)
    assert request_code("parse", "Syntax Error: Unexpected <EOF>.", True) == "GRAPHQL_PARSE_FAILED"
    assert request_code("parse", "Document contains more than 2000 tokens. Parsing aborted.", True) == (
        "TOO_MANY_TOKENS")
    assert request_code("validate", "GraphQL introspection has been disabled, but the requested query contained "
                                    "the field '__schema'.", True) == "INTROSPECTION_DISABLED"
    assert request_code(None, "Variable '$y' got invalid value 'x'; Int cannot represent", True) == "BAD_VARIABLES"
    assert request_code(None, "Variable '$y' got invalid value", False) is None  # with data: not a request error
    assert request_code(None, "something else", True) is None
