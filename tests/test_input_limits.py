"""Every string, ID and JSON input has a documented maximum length and every list input a maximum size; more is
a UserError (mutations) or a TOO_LONG / TOO_MANY error (queries), never a 500 and never a truncation.

The requests are built from the live schema: for each limited argument or input field, a request with every
required value filled in minimally and that one value one over its limit."""

from __future__ import annotations

import pytest
from graphql import (GraphQLEnumType, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLObjectType,
                     GraphQLScalarType, GraphQLInterfaceType, GraphQLUnionType, get_named_type)

from kinerja.graphql.limits import CHECKED_BY_SERVICE, LIMITS, MEASURED, nested_types
from kinerja.graphql.schema import build_schema
from kinerja.models import Agency, AuditEvent
from kinerja.settings import Settings

SCHEMA = build_schema(Settings())._schema


def unwrap(t):
    return t.of_type if isinstance(t, GraphQLNonNull) else t


def limited(t) -> bool:
    t = unwrap(t)
    return isinstance(t, GraphQLList) or (isinstance(t, GraphQLScalarType) and t.name in MEASURED)


def live_entries() -> dict[str, object]:
    """Every limited input of the schema: key -> its GraphQL type."""
    found: dict[str, object] = {}
    for root in (SCHEMA.query_type, SCHEMA.mutation_type, *nested_types(SCHEMA)):  # root and nested fields
        for name, field in root.fields.items():
            for arg_name, arg in field.args.items():
                if limited(arg.type):
                    found[f"{root.name}.{name}.{arg_name}"] = arg.type
    for t in SCHEMA.type_map.values():
        if isinstance(t, GraphQLInputObjectType) and not t.name.startswith("__"):
            for name, field in t.fields.items():
                if limited(field.type):
                    found[f"{t.name}.{name}"] = field.type
    return found


def test_every_limited_input_of_the_schema_has_its_limit_in_the_table():
    live = set(live_entries())
    assert live - set(LIMITS) == set(), f"inputs without a limit: {sorted(live - set(LIMITS))}"
    assert set(LIMITS) - live == set(), f"limits of inputs the schema lacks: {sorted(set(LIMITS) - live)}"


def test_every_limit_is_stated_in_the_schema_description():
    for key, t in live_entries().items():
        parts = key.split(".")
        if len(parts) == 3:
            description = SCHEMA.type_map[parts[0]].fields[parts[1]].args[parts[2]].description
        else:
            description = SCHEMA.type_map[parts[0]].fields[parts[1]].description
        unit = "items" if isinstance(unwrap(t), GraphQLList) else "characters"
        assert f"At most {LIMITS[key]} {unit}" in (description or ""), (key, description)


# -- building a request from the schema ----------------------------------------------------------------------------

def minimal(t, over: tuple[str, ...] | None = None, key: str = "") -> object:
    """A minimal valid-looking value of input type t; `over` is the path (inside t) of the value to oversize."""
    t = unwrap(t)
    if over == ():
        limit = LIMITS[key]
        if isinstance(t, GraphQLList):
            return [minimal(t.of_type)] * (limit + 1)
        return {"k": "x" * limit} if t.name == "JSON" else "x" * (limit + 1)
    if isinstance(t, GraphQLList):
        return [minimal(t.of_type, over[1:] if over else None, key)] if over else [minimal(t.of_type)]
    if isinstance(t, GraphQLInputObjectType):
        value = {name: minimal(f.type) for name, f in t.fields.items() if isinstance(f.type, GraphQLNonNull)}
        if over:
            value[over[0]] = minimal(t.fields[over[0]].type, over[1:], f"{t.name}.{over[0]}")
        return value
    if isinstance(t, GraphQLEnumType):
        return next(iter(t.values))
    return {"Int": 1, "Float": 1.0, "Boolean": False, "JSON": {}, "Date": "2025-01-01"}.get(t.name, "x")


def path_to(t, target: str, seen=()) -> tuple[str, ...] | None:
    """The input-field path from input type t down to input type `target` (lists crossed as item 0)."""
    t = unwrap(t)
    if isinstance(t, GraphQLList):
        inner = path_to(t.of_type, target, seen)
        return None if inner is None else ("0", *inner)
    if not isinstance(t, GraphQLInputObjectType) or t.name in seen:
        return None
    if t.name == target:
        return ()
    for name, f in t.fields.items():
        inner = path_to(f.type, target, (*seen, t.name))
        if inner is not None:
            return (name, *inner)
    return None


def selection(t) -> str:
    named = get_named_type(t)
    return " { __typename }" if isinstance(named, (GraphQLObjectType, GraphQLInterfaceType, GraphQLUnionType)) else ""


def requests() -> list[tuple[str, str, str, dict, list[str]]]:
    """(key, root, query, variables, expected error path) for every limited input."""
    out = []
    for key in sorted(LIMITS):
        parts = key.split(".")
        for root in (SCHEMA.query_type, SCHEMA.mutation_type):
            for name, field in root.fields.items():
                for arg_name, arg in field.args.items():
                    if len(parts) == 3:
                        if (root.name, name, arg_name) != tuple(parts):
                            continue
                        over, shown = (), [arg_name]
                    else:
                        inner = path_to(arg.type, parts[0])
                        if inner is None:
                            continue
                        over, shown = (*inner, parts[1]), [arg_name, *inner, parts[1]]
                    variables = {a: minimal(d.type) for a, d in field.args.items() if isinstance(d.type, GraphQLNonNull)}
                    variables[arg_name] = minimal(arg.type, over, key)
                    declared = ", ".join(f"${a}: {field.args[a].type}" for a in variables)
                    passed = ", ".join(f"{a}: ${a}" for a in variables)
                    picked = (" { errors { path code message } }" if root is SCHEMA.mutation_type
                              else selection(field.type))
                    query = (f"{'mutation' if root is SCHEMA.mutation_type else 'query'}({declared}) "
                             f"{{ {name}({passed}){picked} }}")
                    out.append((key, root.name, query, variables, shown))
                    break
                else:
                    continue
                break
            else:
                continue
            break
    return out


def literal(t) -> str:
    """A minimal GraphQL literal of a required argument on the way to a nested field."""
    t = unwrap(t)
    if isinstance(t, GraphQLEnumType):
        return next(iter(t.values))
    return {"Int": "1", "Float": "1.0", "Boolean": "false"}.get(t.name, '"x"')


def way_to(type_name: str) -> list[str] | None:
    """The shortest chain of query fields from Query down to an object of type `type_name`, each with its required
    arguments as minimal literals (the objects need not exist: nested arguments are measured before execution)."""
    queue = [(SCHEMA.query_type, [])]
    seen = {SCHEMA.query_type.name}
    while queue:
        t, way = queue.pop(0)
        if t.name == type_name:
            return way
        for name, field in t.fields.items():
            target = get_named_type(field.type)
            if not isinstance(target, (GraphQLObjectType, GraphQLInterfaceType)) or target.name in seen:
                continue
            required = [(a, d.type) for a, d in field.args.items() if isinstance(d.type, GraphQLNonNull)]
            if any(isinstance(get_named_type(d), GraphQLInputObjectType) for _, d in required):
                continue
            passed = ", ".join(f"{a}: {literal(d)}" for a, d in required)
            seen.add(target.name)
            queue.append((target, [*way, f"{name}({passed})" if passed else name]))
    return None


def nested_requests() -> list[tuple[str, str, str, dict, list[str]]]:
    """(key, "Query", query, variables, expected error path) for every limited argument of a nested field."""
    out = []
    for key in sorted(LIMITS):
        parts = key.split(".")
        if len(parts) != 3 or parts[0] in ("Query", "Mutation"):
            continue
        field = SCHEMA.type_map[parts[0]].fields[parts[1]]
        way = way_to(parts[0])
        variables = {a: minimal(d.type) for a, d in field.args.items() if isinstance(d.type, GraphQLNonNull)}
        variables[parts[2]] = minimal(field.args[parts[2]].type, (), key)
        declared = ", ".join(f"${a}: {field.args[a].type}" for a in variables)
        passed = ", ".join(f"{a}: ${a}" for a in variables)
        inner = f"{parts[1]}({passed}){selection(field.type)}"
        for hop in reversed(way or []):
            inner = f"{hop} {{ {inner} }}"
        out.append((key, "Query", f"query({declared}) {{ {inner} }}", variables, [parts[2]]))
    return out


REQUESTS = requests() + nested_requests()


def test_every_limit_has_a_request():
    assert sorted(r[0] for r in REQUESTS) == sorted(LIMITS)


async def test_one_over_each_limit_is_refused_and_nothing_is_written(api, world):
    events = await AuditEvent.all().count()
    entries = live_entries()
    for key, root, query, variables, shown in REQUESTS:
        body = await api.post(query, variables, token=world.admin)
        expected = "TOO_MANY" if isinstance(unwrap(entries[key]), GraphQLList) else "TOO_LONG"
        if root == "Mutation":  # a UserError in the payload
            assert "errors" not in body, (key, body)
            found = [(e["code"], e["path"]) for e in next(iter(body["data"].values()))["errors"]]
            where = shown
        else:  # a coded error naming the argument
            found = [(e["extensions"]["code"], e["extensions"].get("argument")) for e in body.get("errors") or []]
            where = shown[0]
        if key in CHECKED_BY_SERVICE:  # the service's own code (INVALID_CODE, BAD_CURSOR, ...), at that place
            assert any(place == where for _, place in found), (key, body)
        else:
            assert (expected, where) in found, (key, body)
    assert await AuditEvent.all().count() == events  # nothing of any refused mutation was written


async def test_at_the_limit_a_value_is_stored_whole(api, world):
    name = "N" * LIMITS["AgencyInput.name"]
    done = await api.gql("""mutation($name: String!) { createAgency(input: {code: "DISPORA", name: $name}) {
        errors { code } } }""", token=world.admin, name=name)
    assert done["createAgency"]["errors"] == []
    assert (await Agency.get(code="DISPORA")).name == name


@pytest.mark.parametrize("limit_key", ["Mutation.upsertPeople.input", "FeedbackInput.comment"])
async def test_an_oversized_mutation_names_the_limit_and_writes_nothing(api, world, limit_key):
    key, root, query, variables, shown = next(r for r in REQUESTS if r[0] == limit_key)
    body = await api.post(query, variables, token=world.admin)
    errors = next(iter(body["data"].values()))["errors"]
    assert any(e["path"] == shown and f"at most {LIMITS[limit_key]}" in e["message"] for e in errors), errors
