"""Plain attribute fields are resolved by one getattr (graphql/schema.py), not strawberry's three calls; if a
strawberry upgrade renames or changes its wrapper, this fails instead of the speed-up silently stopping."""

from __future__ import annotations

from graphql import GraphQLObjectType

from kinerja.graphql.schema import build_schema, plain_attribute_resolvers
from kinerja.settings import Settings


def _resolvers(schema) -> dict[str, str]:
    return {f"{t.name}.{name}": getattr(f.resolve, "__name__", "")
            for t in schema.type_map.values() if isinstance(t, GraphQLObjectType) and not t.name.startswith("__")
            for name, f in t.fields.items()}


def test_every_plain_field_reads_its_attribute_directly():
    schema = build_schema(Settings.from_env())._schema
    resolvers = _resolvers(schema)
    assert not [k for k, v in resolvers.items() if v == "_get_basic_result"]
    assert resolvers["DistributionRow.sangatBaik"] == "attribute_sangat_baik"
    assert resolvers["Person.nip"] == "attribute_nip"
    # fields with a resolver of their own keep it
    assert resolvers["Query.people"] != "" and not resolvers["Query.people"].startswith("attribute_")
    assert plain_attribute_resolvers(schema) == 0  # nothing left to change


def test_an_attribute_resolver_answers_what_strawberry_would():
    schema = build_schema(Settings.from_env())._schema
    field = schema.type_map["DistributionRow"].fields["butuhPerbaikan"]

    class Row:
        butuh_perbaikan = 7

    assert field.resolve(Row(), None) == 7
