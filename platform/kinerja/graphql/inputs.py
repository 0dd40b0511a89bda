"""Input types for bulk mutations, built without Strawberry's generic per-field conversion; ids of their items.

Strawberry converts every input object field by field, resolving each field's type again for every item; for a
batch of 500 measurements that was about a quarter of the request (benchmarks/RESULTS.md). `bulk_input` uses
Strawberry's `from_input` hook: scalar fields (graphql-core has already parsed and validated them) are passed
through as they are, and any other field is converted the usual way.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, Mapping, Optional, Sequence, TypeVar

import strawberry
from strawberry.types.arguments import InputContext
from strawberry.types.base import StrawberryOptional, StrawberryType
from strawberry.types.lazy_type import LazyType

from kinerja.services.core.errors import InputError
from kinerja.services.core.ids import parse_id

T = TypeVar("T", bound=type)


def _is_scalar(type_: Any, ctx: InputContext) -> bool:
    if type(type_) is StrawberryOptional:  # not a Maybe, which wraps its value in Some
        return _is_scalar(type_.of_type, ctx)
    if isinstance(type_, (StrawberryType, LazyType)):  # lists, enums, Maybe, ...
        return False
    return type_ in ctx.scalar_registry or type_ in (str, int, float, bool)


def _builder(definition: Any) -> Callable[[type, Mapping[str, Any], InputContext], Any]:
    plan: list[tuple[str, str, Any, bool]] | None = None
    implicit_none: dict[str, None] = {}

    def from_input(cls: type, value: Mapping[str, Any], ctx: InputContext) -> Any:
        nonlocal plan
        if plan is None:
            plan = []
            for field in definition.fields:
                type_ = field.resolve_type(type_definition=definition)
                plan.append((ctx.config.name_converter.from_field(field), field.python_name, type_,
                             _is_scalar(type_, ctx)))
                if field.default_value is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
                    implicit_none[field.python_name] = None
        kwargs: dict[str, Any] = dict(implicit_none)
        for graphql_name, python_name, type_, scalar in plan:
            if graphql_name in value:
                raw = value[graphql_name]
                kwargs[python_name] = raw if scalar or raw is None else ctx.convert(raw, type_, graphql_name)
        return cls(**kwargs)

    return from_input


def bulk_input(cls: T) -> T:
    """`strawberry.input` with the fast `from_input` builder above."""
    cls = strawberry.input(cls)
    definition = cls.__strawberry_definition__
    definition.from_input = _builder(definition)
    return cls


def input_id(value: Optional[str], path: Sequence[str]) -> Optional[int]:
    """The row id an ID of an input item stands for; NOT_FOUND at `path` when no row can have it."""
    if value is None:
        return None
    found = parse_id(value)
    if found is None:
        raise InputError.one(path, "NOT_FOUND", f"no such id {value!r}", params={"what": "id", "key": str(value)})
    return found
