"""The execution context of the schema: graphql-core's, with a shortcut for the commonest fields.

A field that is a plain attribute (graphql/schema.plain_attribute_resolvers: no resolver of its own, no extension)
of a scalar or enum type, or a list of them within its declared bound (graphql/cost.guard_lists), is completed here
with one getattr and the type's own output coercion, instead of graphql-core's way through resolve info, argument
values, an awaitable check and complete_value. The answer is the same; any other field, a null (in the list too), a
value the type refuses, a list over its bound, and every field while middleware is installed take graphql-core's own
way, so its answers and errors stay its own (tests/test_execution_shortcut.py compares the two). A report of 620
agencies has about 25,000 such fields: its cold answer took 142 ms through graphql-core alone and 104 ms with this
(benchmarks/RESULTS.md). execute_fields below is graphql-core 3.3's own with the shortcut in its loop; should a later
graphql-core change its own, tests/test_execution_shortcut.py compares the answers and errors with graphql-core's.
"""

from __future__ import annotations

from typing import Any

from graphql import (GraphQLBoolean, GraphQLEnumType, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull,
                     GraphQLScalarType, GraphQLString, Undefined)
from graphql.pyutils import Path, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

ATTRIBUTE = "_kinerja_attribute"  # on the resolver of a plain attribute: the Python name it reads
LEAF_LIST = "_kinerja_leaf_list"  # on a bounded list's resolver over such an attribute: (name, bound, key)
_MISSING = object()


def _leaf(type_: Any) -> Any:
    """The scalar or enum type of `type_` (non-null or not); None for any other."""
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    return inner if isinstance(inner, (GraphQLScalarType, GraphQLEnumType)) else None


# values graphql-core's own scalars give back unchanged: an int within 32 bits, any str, a bool (not an int subclass)
_INT_RANGE = range(-(2 ** 31), 2 ** 31)
_UNCHANGED = {"Int": lambda v: type(v) is int and v in _INT_RANGE, "String": lambda v: type(v) is str,
              "Boolean": lambda v: type(v) is bool, "ID": lambda v: type(v) is str}


def _coercer(leaf: Any) -> Any:
    same = _UNCHANGED.get(leaf.name) if leaf.name in _UNCHANGED and leaf is _STANDARD.get(leaf.name) else None
    coerce = leaf.coerce_output_value

    def coerced(value: Any) -> Any:
        if value is None:
            return _MISSING
        if same is not None and same(value):
            return value
        try:
            found = coerce(value)
        except Exception:  # graphql-core's way reports it where it happened
            return _MISSING
        return _MISSING if found is None or found is Undefined else found

    return coerced


_STANDARD = {"Int": GraphQLInt, "String": GraphQLString, "Boolean": GraphQLBoolean, "ID": GraphQLID}
_plans: dict[int, tuple] = {}  # id(field definition) -> (field definition, kind, name, coercer, bound)


def _plan(field_def: Any) -> tuple:
    """How a field is completed here: ("one", name, coercer), ("list", name, coercer, bound) or ("no",)."""
    resolve = field_def.resolve
    name = getattr(resolve, ATTRIBUTE, None)
    if name is not None:
        leaf = _leaf(field_def.type)
        return ("one", name, _coercer(leaf)) if leaf is not None else ("no",)
    listed = getattr(resolve, LEAF_LIST, None)
    if listed is None:
        return ("no",)
    name, bound, _ = listed
    list_type = field_def.type.of_type if isinstance(field_def.type, GraphQLNonNull) else field_def.type
    leaf = _leaf(list_type.of_type) if isinstance(list_type, GraphQLList) else None
    return ("list", name, _coercer(leaf), bound) if leaf is not None else ("no",)


def shortcut(field_def: Any, source: Any) -> Any:
    """The completed value of a plain field of `source`, or _MISSING where graphql-core must complete it."""
    found = _plans.get(id(field_def))
    if found is None or found[0] is not field_def:  # an id reused by another schema's field
        found = _plans[id(field_def)] = (field_def, *_plan(field_def))
    kind = found[1]
    if kind == "one":
        return found[3](getattr(source, found[2], None))
    if kind == "no":
        return _MISSING
    values = getattr(source, found[2], None)
    if not isinstance(values, (list, tuple)) or len(values) > found[4]:
        return _MISSING
    coerced = found[3]
    out = [coerced(value) for value in values]
    return _MISSING if _MISSING in out else out


class KinerjaExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def execute_fields(self, parent_type: Any, source_value: Any, path: Any, grouped_field_set: Any,
                       position_context: Any) -> Any:
        """graphql-core 3.3's execute_fields, with the plain fields completed in its loop: its gathering of the
        other fields' awaitables, its cancelling and its settling stay exactly its own (a wrapper around its answer
        once left them unawaited when cancelled), and a plain field costs no Path and no call."""
        middleware = self.middleware_manager
        if middleware is not None and middleware.middlewares:  # strawberry's manager is there, and empty
            return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)
        fields = parent_type.fields
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list in grouped_field_set.items():
                node = field_details_list[0].node
                field_def = None if node.arguments else fields.get(node.name.value)
                if field_def is not None:
                    found = shortcut(field_def, source_value)
                    if found is not _MISSING:
                        results[response_name] = found
                        continue
                result = self.execute_field(parent_type, source_value, field_details_list,
                                            Path(path, response_name, parent_type.name), position_context)
                if result is not Undefined:
                    results[response_name] = result
                    if is_awaitable(result):
                        awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise
        if not awaitable_fields:
            return results

        async def get_results() -> dict[str, Any]:
            if len(awaitable_fields) == 1:
                field = awaitable_fields[0]
                results[field] = await results[field]
            else:
                awaited = await gather_with_cancel(*(results[field] for field in awaitable_fields))
                results.update(zip(awaitable_fields, awaited, strict=True))
            return results

        return get_results()
