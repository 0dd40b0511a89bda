"""The schema is the documentation (issue 21 §3): every type, field, argument, enum value and input field of the live
schema has a description a UI developer can act on, as graphql-schema-linter's rules ask, minus alphabetical order:
types-have-descriptions, fields-have-descriptions, arguments-have-descriptions, enum-values-have-descriptions,
input-object-values-have-descriptions, descriptions-are-capitalized, deprecations-have-a-reason,
types-are-capitalized, fields-are-camel-cased, input-object-values-are-camel-cased, enum-values-all-caps. Built-in
scalars and introspection types are graphql's own.

`python tests/test_schema_descriptions.py [TypeName ...]` lists what is missing (of those types)."""

from __future__ import annotations

import re
import sys

from graphql import (GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType,
                     GraphQLScalarType, GraphQLSchema, specified_scalar_types)

BUILT_IN = set(specified_scalar_types)
CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
TYPE_NAME = re.compile(r"^[A-Z][a-zA-Z0-9]*$")
ALL_CAPS = re.compile(r"^[A-Z][A-Z0-9_]*$")


def _described(where: str, text: str | None, out: list[str]) -> None:
    if not (text or "").strip():
        out.append(f"{where}: no description")
    elif not text.strip()[0].isupper() and not text.strip()[0].isdigit() and not text.strip().startswith(("`", '"')):
        out.append(f"{where}: description does not start with a capital: {text[:40]!r}")


def _deprecation(where: str, thing, out: list[str]) -> None:
    reason = getattr(thing, "deprecation_reason", None)
    if reason is not None and not reason.strip():
        out.append(f"{where}: deprecated without a reason")


def problems(schema: GraphQLSchema, only: set[str] | None = None) -> list[str]:
    out: list[str] = []
    for name, t in sorted(schema.type_map.items()):
        if name.startswith("__") or name in BUILT_IN or (only and name not in only):
            continue
        if not TYPE_NAME.match(name):
            out.append(f"{name}: a type name is capitalized camel case")
        _described(name, t.description, out)
        if isinstance(t, (GraphQLObjectType, GraphQLInterfaceType)):
            for fname, field in t.fields.items():
                where = f"{name}.{fname}"
                if not CAMEL.match(fname):
                    out.append(f"{where}: a field name is camel case")
                _described(where, field.description, out)
                _deprecation(where, field, out)
                for aname, arg in field.args.items():
                    _described(f"{where}({aname})", arg.description, out)
                    _deprecation(f"{where}({aname})", arg, out)
        elif isinstance(t, GraphQLInputObjectType):
            for fname, field in t.fields.items():
                where = f"{name}.{fname}"
                if not CAMEL.match(fname):
                    out.append(f"{where}: an input field name is camel case")
                _described(where, field.description, out)
                _deprecation(where, field, out)
        elif isinstance(t, GraphQLEnumType):
            for vname, value in t.values.items():
                where = f"{name}.{vname}"
                if not ALL_CAPS.match(vname):
                    out.append(f"{where}: an enum value is all caps")
                _described(where, value.description, out)
                _deprecation(where, value, out)
        elif isinstance(t, GraphQLScalarType):
            pass  # described above; specifiedBy is checked below for the date scalars
    return out


def live_schema() -> GraphQLSchema:
    from kinerja.graphql.schema import build_schema
    from kinerja.settings import Settings

    return build_schema(Settings.from_env({}))._schema


def test_every_part_of_the_schema_is_described():
    found = problems(live_schema())
    assert found == [], f"{len(found)} problems, the first: " + "\n".join(found[:40])


def test_the_checker_finds_what_is_missing():
    from graphql import build_schema as from_sdl

    schema = from_sdl('''
        "A thing." type Query { "The thing." ok: Int, bare: Int, snake_case: Int "lower case" low: Int }
        enum color { red }
        input In { x: Int }
    ''')
    found = problems(schema)
    assert "Query.bare: no description" in found
    assert "Query.snake_case: a field name is camel case" in found
    assert any(p.startswith("Query.low: description does not start with a capital") for p in found)
    assert "color: a type name is capitalized camel case" in found and "color.red: an enum value is all caps" in found
    assert "In: no description" in found and "In.x: no description" in found
    assert not any(p.startswith("Query.ok") for p in found)


def test_the_date_scalars_name_their_specification():
    from kinerja.graphql.scalars import DATE_SPEC, DATETIME_SPEC

    schema = live_schema()
    assert schema.type_map["Date"].specified_by_url == DATE_SPEC
    assert schema.type_map["DateTime"].specified_by_url == DATETIME_SPEC


def test_pageinfo_follows_the_relay_spec():
    """relay-page-info-spec: PageInfo's four fields, non-null booleans and nullable cursors."""
    fields = live_schema().type_map["PageInfo"].fields
    assert {name: str(f.type) for name, f in fields.items()} == {
        "hasNextPage": "Boolean!", "hasPreviousPage": "Boolean!", "startCursor": "String", "endCursor": "String"}
    people = live_schema().query_type.fields["people"]
    assert {"first", "after", "last", "before"} <= set(people.args)


if __name__ == "__main__":
    listed = problems(live_schema(), set(sys.argv[1:]) or None)
    print("\n".join(listed))
    print(f"{len(listed)} problems", file=sys.stderr)
