"""Document guards: depth and alias limits counted through fragments in linear time, and no suggestions.

strawberry's QueryDepthLimiter and MaxAliasesLimiter walk every path through the fragments again: a chain of
fragments each spreading the next one twice costs 2^n steps (18 fragments took 3 s of blocked event loop, 30 would
take hours), and the depth limiter fails with a bare KeyError on an unknown fragment. Here each fragment is measured
once and each spread adds its measure: the same numbers, linear time. Cycles and unknown fragments count as empty;
graphql-core's NoFragmentCycles and KnownFragmentNames report them.
"""

from __future__ import annotations

import functools

import re
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from graphql import value_from_ast_untyped
from graphql import (FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLError, InlineFragmentNode,
                     OperationDefinitionNode, SelectionSetNode, ValidationContext, ValidationRule)
from strawberry.extensions import AddValidationRules, SchemaExtension


@dataclass(frozen=True)
class Measure:
    aliases: int  # aliased fields, a fragment counted once per spread
    depth: int    # nested fields with a selection set; introspection fields (__schema, __type) count 0


EMPTY = Measure(0, 0)


class _Measurer:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode]):
        self.fragments = fragments
        self.done: dict[str, Measure] = {}
        self.visiting: set[str] = set()

    def selection_set(self, node: SelectionSetNode | None) -> Measure:
        if node is None:
            return EMPTY
        aliases = depth = 0
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                inner = self.selection_set(selection.selection_set)
                aliases += inner.aliases + (1 if selection.alias else 0)
                if selection.selection_set is not None and not selection.name.value.startswith("__"):
                    depth = max(depth, inner.depth + 1)
            elif isinstance(selection, InlineFragmentNode):
                inner = self.selection_set(selection.selection_set)
                aliases, depth = aliases + inner.aliases, max(depth, inner.depth)
            elif isinstance(selection, FragmentSpreadNode):
                inner = self.fragment(selection.name.value)
                aliases, depth = aliases + inner.aliases, max(depth, inner.depth)
        return Measure(aliases, depth)

    def fragment(self, name: str) -> Measure:
        if name in self.done:
            return self.done[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return EMPTY
        self.visiting.add(name)
        try:
            measure = self.selection_set(definition.selection_set)
        finally:
            self.visiting.discard(name)
        self.done[name] = measure
        return measure


def _count(n: int) -> str:
    return f"{n:,}" if n < 10**9 else "over a billion"


@functools.lru_cache(maxsize=None)
def document_limits_rule(max_depth: int, max_aliases: int) -> type[ValidationRule]:
    """One rule class per pair of limits, the same for every request (ValidationCache keys on the rules)."""
    class DocumentLimits(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            definitions = context.document.definitions
            measurer = _Measurer({d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)})
            aliases = 0
            for operation in definitions:
                if not isinstance(operation, OperationDefinitionNode):
                    continue
                name = operation.name.value if operation.name else "anonymous"
                try:
                    measure = measurer.selection_set(operation.selection_set)
                except RecursionError:
                    context.report_error(GraphQLError(f"'{name}' is nested too deeply to measure", operation,
                                                      extensions={"code": "QUERY_TOO_DEEP"}))
                    return
                if measure.depth > max_depth:
                    context.report_error(GraphQLError(
                        f"'{name}' exceeds maximum operation depth of {max_depth} (it is {_count(measure.depth)} deep)",
                        operation, extensions={"code": "QUERY_TOO_DEEP"}))
                aliases += measure.aliases
            if aliases > max_aliases:
                context.report_error(GraphQLError(
                    f"{_count(aliases)} aliases found (each fragment counted once per spread). Allowed: {max_aliases}",
                    extensions={"code": "TOO_MANY_ALIASES"}))

    return DocumentLimits


class DocumentLimits(AddValidationRules):
    """The depth and alias limits as one validation rule (pass a factory: functools.partial)."""

    def __init__(self, *, max_depth: int, max_aliases: int) -> None:
        super().__init__([document_limits_rule(max_depth, max_aliases)])


# graphql-core's suggestion text: " Did you mean 'x', 'y' or 'z'?" / " Did you mean the enum value 'X'?"; the names
# it suggests are GraphQL names, which never hold a '?'.
SUGGESTION = re.compile(r" ?Did you mean [^?]*\?")


def without_suggestions(message: str) -> str:
    return SUGGESTION.sub("", message)


class HideSuggestions(SchemaExtension):
    """Remove every "Did you mean ...?" (fields, arguments, types, enum values, input fields, variables), which
    would otherwise spell out the schema that production hides. strawberry's disable_field_suggestions covers
    fields only."""

    def on_operation(self) -> Iterator[None]:
        yield
        for error in getattr(self.execution_context.result, "errors", None) or ():
            if "Did you mean" in error.message:
                error.message = without_suggestions(error.message)


def chosen_operation(document: Any, operation_name: str | None
                     ) -> tuple[OperationDefinitionNode, dict[str, FragmentDefinitionNode]] | None:
    """The operation a request runs (the named one, or the only one) and the document's fragments by name; None
    when there is no such single operation (graphql-core then refuses the request itself)."""
    definitions = document.definitions
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name is not None and o.name.value == operation_name]
    return (operations[0], fragments) if len(operations) == 1 else None


def variable_values(operation: OperationDefinitionNode, variables: Mapping[str, Any] | None) -> dict[str, Any]:
    """The request's variables, with the operation's defaults for those not given."""
    values = dict(variables or {})
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if values.get(name) is None and definition.default_value is not None:
            try:
                values[name] = value_from_ast_untyped(definition.default_value)
            except Exception:  # pragma: no cover - validation has checked the literal
                pass
    return values
