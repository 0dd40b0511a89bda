"""bulk_input builds the same values as Strawberry's own conversion, and converts non-scalar fields normally."""


import enum
from typing import Optional

import strawberry
from strawberry.scalars import JSON

from kinerja.graphql.inputs import bulk_input


@strawberry.enum
class Colour(enum.Enum):
    RED = "RED"
    BLUE = "BLUE"


@strawberry.input
class Inner:
    label: str
    size: int = 1


def make_schema(decorator):
    @decorator
    class Item:
        target: strawberry.ID
        period: str
        inputs: JSON
        evidence_url: Optional[str] = None
        colour: Optional[Colour] = None
        inner: Optional[Inner] = None
        tags: Optional[list[str]] = None
        ratio: float = 1.5
        nullable_no_default: Optional[int] = strawberry.UNSET

    seen: list = []

    @strawberry.type
    class Query:
        @strawberry.field
        def take(self, items: list[Item]) -> int:
            seen.extend(items)
            return len(items)

    return strawberry.Schema(query=Query), seen


QUERY = """query($items: [Item!]!) { take(items: $items) }"""
ITEMS = [
    {"target": "7", "period": "2025-Q1", "inputs": {"a": 1, "b": [2.5]}, "evidenceUrl": "https://x.test/1",
     "colour": "BLUE", "inner": {"label": "L"}, "tags": ["p", "q"], "ratio": 3},
    {"target": 8, "period": "2025", "inputs": {}, "evidenceUrl": None},
]


def _run(decorator):
    schema, seen = make_schema(decorator)
    result = schema.execute_sync(QUERY, variable_values={"items": ITEMS})
    assert result.errors is None, result.errors
    return [{k: v for k, v in vars(item).items()} for item in seen], seen


def test_bulk_input_equals_strawberry_conversion():
    expected, _ = _run(strawberry.input)
    got, items = _run(bulk_input)
    # enum and nested input objects compare by value after normal conversion
    assert [repr(x) for x in got] == [repr(x) for x in expected]
    first = items[0]
    assert first.target == "7" and first.colour is Colour.BLUE and isinstance(first.inner, Inner)
    assert first.inner.size == 1 and first.ratio == 3.0 and first.tags == ["p", "q"]
    second = items[1]
    assert second.target == "8" and second.evidence_url is None and second.colour is None and second.ratio == 1.5


def test_bulk_input_still_rejects_bad_values():
    schema, seen = make_schema(bulk_input)
    result = schema.execute_sync(QUERY, variable_values={"items": [{"target": "1", "period": 5, "inputs": {}}]})
    assert result.errors and "period" in result.errors[0].message and not seen
