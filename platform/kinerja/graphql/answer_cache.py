"""Whole answers of report-only operations, kept per generation of the data (issue 21 §5).

A report asked again with the same document, operation, variables, viewer scope, language and settings, while no
write has advanced the data's generation (services/reports/cache.py: the newest audit event), is answered from the
answer the first request produced, kept as its encoded body: no parse, validation, cost check, resolver or JSON
encoding runs, and the only statements are the token's and the generation's. services/reports/cache.py keeps the
report's rows beneath it, so another document asking for the same report (other fields, other aliases) still skips the report's SQL.

Which operations: a query whose top-level fields are all in ANSWERS (the reports whose answer depends on the viewer's
scope alone) or `__typename`, named directly (no fragment spread at the top). followUps is not one: it pages people,
whose fields depend on who reads them. Only an answer without errors is kept, so every refusal (no token, a one-time
password, no right to read reports, a bad argument, the cost budget) is decided again by the full path every time;
a kept answer is served only to a viewer who may read reports now (the token is resolved on every request).

Bounded: at most MAX_ENTRIES answers and MAX_BYTES of their JSON per worker, the least recently used dropped first;
an answer over a quarter of MAX_BYTES is not kept. A document over MAX_DOCUMENT characters is not looked at (the
full path parses it under the token limit).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any, Hashable

from graphql import FieldNode, GraphQLError, OperationDefinitionNode, OperationType, parse

from kinerja.services.core import clock
from kinerja.services.reports import cache as report_cache

# the report queries whose whole answer depends only on the viewer's role and agency (graphql/reports.py)
ANSWERS = frozenset({"predikatDistribution", "indicatorAchievement", "satisfactionByGroup", "predikatTrend"})
MAX_ENTRIES = 256
MAX_BYTES = 32 * 1024 * 1024
MAX_DOCUMENT = 4000
_SHAPES = 512  # documents whose eligibility is remembered

_answers: "OrderedDict[Hashable, bytes]" = OrderedDict()  # key -> the answer's encoded body
_bytes = 0
_eligible: "OrderedDict[tuple[str, str | None, int], bool]" = OrderedDict()
stats = {"hits": 0, "misses": 0}  # for the tests and the benchmark


def eligible(query: str | None, operation_name: str | None, max_tokens: int) -> bool:
    """Whether the operation `operation_name` of `query` (the only one when None) is a report-only query."""
    if not query or len(query) > MAX_DOCUMENT:
        return False
    shape = (query, operation_name, max_tokens)
    found = _eligible.get(shape)
    if found is None:
        found = _report_only(query, operation_name, max_tokens)
        _eligible[shape] = found
        while len(_eligible) > _SHAPES:
            _eligible.popitem(last=False)
    return found


def _report_only(query: str, operation_name: str | None, max_tokens: int) -> bool:
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError:
        return False  # the full path reports it
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [o for o in operations if operation_name is None or (o.name and o.name.value == operation_name)]
    if len(chosen) != 1 or chosen[0].operation != OperationType.QUERY:
        return False
    fields = chosen[0].selection_set.selections
    return bool(fields) and all(
        isinstance(f, FieldNode) and (f.name.value in ANSWERS or f.name.value == "__typename") for f in fields)


def scope(ctx: Any) -> tuple | None:
    """The viewer's report scope, or None when the viewer may not read reports now (the full path says why)."""
    found = ctx._access
    if found is None or not found.may_act or not found.may_read_reports:
        return None
    return report_cache.scope_of(found)


async def key(ctx: Any, query: str, operation_name: str | None, variables: Any) -> Hashable | None:
    """The answer's key, or None when the request must take the full path."""
    viewer = scope(ctx)
    if viewer is None:
        return None
    try:
        given = json.dumps(variables or {}, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):
        return None
    setup = (*report_cache.setup_of(ctx.settings), ctx.settings.production, clock.today())
    ctx.data_generation = await report_cache.generation()  # the report rows' cache reads it from here
    return (query, operation_name, given, viewer, ctx.language, setup, ctx.data_generation)


def get(answer_key: Hashable) -> bytes | None:
    """The kept answer's body, encoded as the view encodes it ({"data": ...}), or None."""
    found = _answers.get(answer_key)
    if found is None:
        stats["misses"] += 1
        return None
    _answers.move_to_end(answer_key)
    stats["hits"] += 1
    return found


def encode(data: Any) -> bytes:
    """The body of an answer with `data` and no errors, byte for byte as strawberry's view encodes it."""
    return json.dumps({"data": data}, separators=(",", ":")).encode()


def put(answer_key: Hashable, data: Any) -> bytes | None:
    """Keep the answer with `data`; its encoded body (the view sends it as it is), or None when it is not kept."""
    global _bytes
    try:
        body = encode(data)
    except (TypeError, ValueError):  # not plain JSON: the view's own encoding says why, every time
        return None
    if len(body) > MAX_BYTES // 4:
        return None
    if answer_key in _answers:
        _bytes -= len(_answers.pop(answer_key))
    _answers[answer_key] = body
    _bytes += len(body)
    while len(_answers) > MAX_ENTRIES or _bytes > MAX_BYTES:
        _bytes -= len(_answers.popitem(last=False)[1])
    return body


def clear() -> None:
    global _bytes
    _answers.clear()
    _eligible.clear()
    _bytes = 0
