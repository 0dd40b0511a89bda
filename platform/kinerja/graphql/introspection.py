"""Production's introspection (SECURITY.md, "GraphQL over HTTP"): `__schema` is refused before anything runs, and
`__type(name:)` is answered with null whatever the name, so the schema stays undiscoverable while a client's ordinary
`__type` probe (a GraphQL over HTTP audit checks variables with one) gets an answer instead of an error.
`__typename` is untouched. Development keeps full introspection (GraphiQL's documentation reads it)."""

from __future__ import annotations

import functools
from typing import Any

from graphql import FieldNode, GraphQLError, GraphQLField, GraphQLSchema, TypeMetaFieldDef, ValidationRule
from strawberry.extensions import AddValidationRules

MESSAGE = "GraphQL introspection has been disabled, but the requested query contained the field '__schema'."


class NoSchemaField(ValidationRule):
    """Refuses `__schema` anywhere in the document (through fragments too: validation visits them)."""

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.name.value == "__schema":
            self.report_error(GraphQLError(MESSAGE, node))


# the extension, as strawberry wants it: a factory called per operation
RefuseSchemaIntrospection = functools.partial(AddValidationRules, [NoSchemaField])


def _nothing(*_: Any, **__: Any) -> None:
    return None


def hide_types(schema: GraphQLSchema) -> None:
    """`__type(name:)` on this schema (this instance only: development's is another) resolves to null."""
    hidden = GraphQLField(TypeMetaFieldDef.type, args=TypeMetaFieldDef.args, resolve=_nothing,
                          description="Null in production, whatever the name: the schema is not discoverable.")
    looked_up = schema.get_field

    def get_field(parent_type: Any, field_name: str) -> GraphQLField | None:
        if field_name == "__type" and parent_type is schema.query_type:
            return hidden
        return looked_up(parent_type, field_name)

    schema.get_field = get_field  # type: ignore[method-assign]
