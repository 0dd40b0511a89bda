"""Sharing the event loop between a large answer and everything else (/healthz, the next sign-in).

A query the cost budget allows may still resolve tens of thousands of objects. graphql-core completes a list's items
synchronously, and the fields of many objects that become ready together (a DataLoader's batch wakes every field
that waited for it) all run in one turn of the event loop, so one such request could hold the loop for 100 ms or
more while other requests wait.

The pacer gives each turn of the loop a time slice (`SLICE`, 10 ms). `graphql/cost.py` asks it before an object
list is completed and before an object that came through an await is completed; once the turn has used its slice,
that work waits for the loop's next turn (in which it polls its sockets and answers what arrived). The slice is
measured from the first such question in a turn, across all requests of the process.

It changes when work runs, never what an answer holds. Scalar resolvers are untouched (they stay synchronous); only
a value that arrives after the turn's slice is delivered through an awaitable.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import inspect
import time
import weakref
from typing import Any, AsyncIterator, Iterator

from graphql import GraphQLList, GraphQLObjectType, GraphQLSchema, get_nullable_type, is_composite_type
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

SLICE = 0.005  # seconds of one loop turn; benchmarks/bench_cost.py measures /healthz with it (RESULTS.md)


class Pacer:
    """The time slice of the current turn of one event loop, and a shared wait for the next turn."""

    def __init__(self, loop: asyncio.AbstractEventLoop, slice_seconds: float = SLICE):
        self.loop = loop
        self.slice = slice_seconds
        self._started: float | None = None  # when the first paced work of this turn asked
        self._waiters: list[asyncio.Future] = []  # one per value waiting, each resolved when the next turn begins
        self.waits = 0  # how many values waited for a turn (tests and benchmarks read it)

    def pass_now(self) -> bool:
        """Whether more work fits in this turn's slice."""
        now = time.perf_counter()
        if self._started is None:
            self._started = now
            self.loop.call_soon(self._new_turn)  # runs in the next turn, after the loop has polled its sockets
            return True
        return now - self._started < self.slice

    async def deliver(self, value: Any) -> Any:
        """`value`, in a turn that has room for the work that follows it."""
        while not self.pass_now():
            self.waits += 1
            waiter = self.loop.create_future()  # its own: a cancelled request cancels only its own wait
            self._waiters.append(waiter)
            await waiter
        return value

    def _new_turn(self) -> None:
        self._started = None
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)


_pacers: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Pacer]" = weakref.WeakKeyDictionary()


def pacer() -> Pacer | None:
    """The running loop's pacer (None outside a running loop: a synchronous execution has nobody to share with)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    found = _pacers.get(loop)
    if found is None:
        found = _pacers[loop] = Pacer(loop, SLICE)
    return found


def paced(value: Any) -> Any:
    """`value` now when this turn has room, else an awaitable of it for a later turn."""
    turns = pacer()
    if turns is None or turns.pass_now():
        return value
    return turns.deliver(value)


def pace_object_fields(schema: GraphQLSchema) -> int:
    """Pace every field that returns one object through an await (a DataLoader's, mostly): when the await is over,
    the object's own fields are completed in a turn with room. Lists are paced where they are counted
    (graphql/cost.py). Returns how many fields were wrapped."""
    changed = 0
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for field in type_.fields.values():
            nullable = get_nullable_type(field.type)
            if isinstance(nullable, GraphQLList) or not is_composite_type(nullable) or field.resolve is None:
                continue
            field.resolve = _paced_resolver(field.resolve)
            changed += 1
    return changed


def _paced_resolver(resolve: Any) -> Any:
    async def later(pending: Any) -> Any:
        value = await pending
        turns = pacer()
        if turns is None or turns.pass_now():
            return value
        return await turns.deliver(value)

    def resolver(source: Any, info: Any, **args: Any) -> Any:
        result = resolve(source, info, **args)
        return later(result) if inspect.isawaitable(result) else result

    resolver.__name__ = f"paced_{getattr(resolve, '__name__', 'resolve')}"
    return resolver


class LargeQueries(SchemaExtension):
    """One large query at a time per process: a query whose cost estimate (graphql/cost.py) is at least `threshold`
    waits, without holding the loop, until the large one before it has finished. Mutations never wait (their
    estimate is dominated by the bound of their error lists, not by what they read).

    Pacing keeps each turn of the loop short, but the objects of every large answer in flight stay alive until it is
    sent, and the garbage collector's full collections walk all of them: with four 40,000-object answers in flight,
    collections of 50 to 150 ms stalled every request (benchmarks/RESULTS.md, cost budget). One at a time bounds
    that heap, and with it both the pauses and the memory; small operations never wait."""

    def __init__(self, *, threshold: int):
        self.threshold = threshold

    async def on_execute(self) -> AsyncIterator[None]:
        ec = self.execution_context
        if (ec.result is not None or getattr(ec.context, "query_cost", 0) < self.threshold
                or ec.operation_type is not OperationType.QUERY):  # refused, small, or a write (bounded by its
            yield                                                      # error lists, not by what it reads)
            return
        async with _large_gate():
            yield
        _collect_between()


_gates: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock]" = weakref.WeakKeyDictionary()


def _large_gate() -> asyncio.Lock:
    loop = asyncio.get_running_loop()
    found = _gates.get(loop)
    if found is None:
        found = _gates[loop] = asyncio.Lock()
    return found



# -- the garbage collector's full collections: between large answers, not during them ------------------------------

FULL_COLLECTIONS_AFTER = 1000  # collections of generation 1 before Python starts a full one itself (its default: 10)
FULL_COLLECTION_EVERY = 1.0    # seconds: at most one full collection after large operations in this interval
_policy = {"on": False, "last": 0.0}


@contextlib.contextmanager
def collection_policy() -> Iterator[None]:
    """While the server runs: what start-up built is frozen (never walked again), Python's own full collections are
    rare, and a full collection runs after a large operation has finished (at most once a second), when the heap
    holds no large answer in the making. A full collection in the middle of one walked 300,000 objects for 50 to
    90 ms; between them it takes 10 to 15 ms (benchmarks/RESULTS.md, cost budget). Generations 0 and 1 are
    collected as usual."""
    gc.collect()
    gc.freeze()
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], FULL_COLLECTIONS_AFTER)
    _policy["on"] = True
    try:
        yield
    finally:
        _policy["on"] = False
        gc.set_threshold(*before)
        gc.unfreeze()


def _collect_between() -> None:
    if not _policy["on"]:
        return
    now = time.monotonic()
    if now - _policy["last"] >= FULL_COLLECTION_EVERY:
        _policy["last"] = now
        gc.collect()
