"""graphql/execution.py completes plain fields without graphql-core's field machinery: the answers and the errors must
be graphql-core's own, byte for byte (the same documents through the real app with the shortcut and without it; and
on a small schema, the edge cases: nulls, values a type refuses, lists with nulls, aliases, order, fragments)."""

from __future__ import annotations

import asyncio
import enum
import gc
import warnings
from typing import Optional

import pytest
import strawberry

from kinerja.graphql import execution
from kinerja.graphql.schema import plain_attribute_resolvers
from test_reports import DISTRIBUTION, report_data

FULL_REPORT = """query($period: String!) {
  predikatDistribution(period: $period, groupBy: AGENCY) {
    __typename total group t2: total label ...Counts
    curveReference { predikat kind percent count limit total actual breached ... on CurveBound { k: kind } }
    orgPredikat curveWarnings
  }
  u: predikatDistribution(period: $period, groupBy: UNIT) { group total orgPredikat }
}
fragment Counts on DistributionRow { sangatBaik baik butuhPerbaikan kurangMisconduct sangatKurang }"""
PEOPLE = """{ people(first: 50) { totalCount edges { cursor node { nip name position employmentType
  agency { code name } unit { code name } supervisor { nip name } } } pageInfo { hasNextPage endCursor } } }"""


def _off(monkeypatch) -> None:
    monkeypatch.setattr(execution, "shortcut", lambda field_def, source: execution._MISSING)


async def test_the_app_answers_the_same_bytes_with_and_without_the_shortcut(api, world, monkeypatch):
    from kinerja.graphql import answer_cache

    await report_data(api, world)
    cases = [(FULL_REPORT, {"period": "2025"}), (DISTRIBUTION, {"period": "2025"}), (PEOPLE, {}),
             ("{ me { nip name agency { code } } }", {})]
    headers = {"Authorization": f"Bearer {world.admin}", "Accept-Encoding": "identity"}

    async def bodies() -> list[bytes]:
        answer_cache.clear()  # computed each time, not kept
        out = []
        for query, variables in cases:
            response = await api.client.post("/graphql", json={"query": query, "variables": variables},
                                             headers=headers)
            assert response.status_code == 200
            out.append(response.content)
        return out

    with_shortcut = await bodies()
    assert all(b'"errors"' not in body for body in with_shortcut[:3]), with_shortcut
    assert b'"curveReference":[{"predikat":[' in with_shortcut[0]
    _off(monkeypatch)
    assert await bodies() == with_shortcut


# -- a small schema: the edge cases ----------------------------------------------------------------------------------

@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Item:
    name: str
    count: int
    maybe: Optional[int]
    colour: Colour
    colours: list[Colour]
    flags: list[Optional[bool]]
    ratio: float


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return [Item(name="a", count=1, maybe=None, colour=Colour.RED, colours=[Colour.BLUE, Colour.RED],
                     flags=[True, None], ratio=0.5),
                Item(name="b", count=2 ** 31, maybe=3, colour=Colour.BLUE, colours=[], flags=[], ratio=1),
                Item(name=None, count=None, maybe=True, colour="not a colour", colours=[None], flags=[False],  # type: ignore
                     ratio="x")]  # type: ignore


@strawberry.type
class Slow:
    name: str
    fails: bool

    @strawberry.field
    async def later(self) -> str:
        await asyncio.sleep(0 if self.fails else 0.01)
        if self.fails:
            raise ValueError("refused")
        return self.name


@strawberry.type
class SlowQuery:
    @strawberry.field
    def slows(self) -> list[Slow]:
        return [Slow(name="a", fails=False), Slow(name="b", fails=True), Slow(name="c", fails=False)]


def _schema(shortcut: bool, query: type = Query) -> strawberry.Schema:
    kwargs = {"execution_context_class": execution.KinerjaExecutionContext} if shortcut else {}
    schema = strawberry.Schema(query=query, **kwargs)
    plain_attribute_resolvers(schema._schema)
    return schema


def _answer(result) -> tuple:
    return (result.data, sorted((e.message, tuple(e.path or ())) for e in result.errors or ()))


@pytest.mark.parametrize("query", [
    "{ items { name count maybe colour ratio } }",
    "{ items { colours flags } }",
    "{ items { b: ratio a: name ...F __typename name } } fragment F on Item { colour n: name }",
    "{ items { maybe } }",
])
async def test_answers_and_errors_are_graphql_cores_own(query):
    plain = _answer(await _schema(False).execute(query))
    fast = _answer(await _schema(True).execute(query))
    assert fast == plain
    if "count" in query:  # 2**31 refused, null in a non-null field: graphql-core's errors, where they happened
        assert any("Int cannot represent non 32-bit signed integer" in m for m, _ in plain[1])


async def test_a_failing_sibling_leaves_no_field_unawaited():
    """A non-null item that fails cancels its siblings (graphql-core's gather_with_cancel): the answer and the error
    are graphql-core's own, and no coroutine is left unawaited."""
    query = "{ slows { name later } }"
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        fast = _answer(await _schema(True, SlowQuery).execute(query))
        await asyncio.sleep(0.05)
        gc.collect()
    assert fast == _answer(await _schema(False, SlowQuery).execute(query))
    assert fast[0] is None and fast[1] == [("refused", ("slows", 1, "later"))]
    assert [str(w.message) for w in seen if "never awaited" in str(w.message)] == []


def test_only_plain_fields_of_scalar_or_enum_types_take_the_shortcut():
    schema = _schema(True)._schema
    item, query = schema.type_map["Item"], schema.type_map["Query"]
    one = Item(name="a", count=1, maybe=None, colour=Colour.RED, colours=[], flags=[], ratio=0.5)
    assert execution.shortcut(item.fields["count"], one) == 1
    assert execution.shortcut(item.fields["colour"], one) == "RED"
    assert execution.shortcut(item.fields["maybe"], one) \
        is execution._MISSING  # a null: graphql-core decides
    assert execution.shortcut(query.fields["items"], None) is execution._MISSING  # a resolver of its own
    # a list of scalars without a declared bound (graphql/cost.py marks the bounded ones): graphql-core's way
    assert execution.shortcut(item.fields["colours"], one) \
        is execution._MISSING
