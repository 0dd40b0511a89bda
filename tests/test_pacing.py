"""graphql/pacing.py and db.ping: a large answer shares the event loop with everything else.

- The pacer hands the loop back between slices of a large answer, and the answer is the same.
- One large operation at a time: a second waits without holding the loop; small ones never wait.
- Full collections run between large answers while the app runs (and the thresholds come back when it stops).
- /healthz asks a SQLite database on its own connection, so it answers while the ORM's connection is busy.
"""

from __future__ import annotations

import asyncio
import gc

import time

import pytest
from graphql import parse
from tortoise import connections

from conftest import start_api, stop_api
from kinerja.graphql import cost, pacing
from kinerja.services.auth import tokens

# 125 agencies, each with up to 100 units and their parents: 25,125 objects by the estimate (a quarter of the
# default budget is 12,500)
LARGE = "{ agencies(first: 125) { code units(first: 100) { code parent { code } } } }"
SMALL = "{ agencies(first: 2) { code } }"


def estimate(api, query: str) -> int:
    from kinerja.graphql.schema import build_schema

    schema = build_schema(api.settings)._schema
    return cost.operation_cost(schema, parse(query), None, {}, api.settings.max_page_size)


async def test_the_pacer_gives_the_loop_a_turn_once_the_slice_is_used():
    pacer = pacing.Pacer(asyncio.get_running_loop(), slice_seconds=0.0)
    turns = []

    async def ticker():
        for i in range(5):
            turns.append(i)
            await asyncio.sleep(0)

    tick = asyncio.create_task(ticker())
    assert pacer.pass_now()  # the first question of a turn starts its slice
    assert not pacer.pass_now()  # a zero slice is used at once
    before = len(turns)
    assert await pacer.deliver("value") == "value"
    assert len(turns) > before  # the ticker ran while the value waited
    assert pacer.waits >= 1
    await tick


async def test_a_cancelled_wait_leaves_the_others_waiting_for_the_turn():
    pacer = pacing.Pacer(asyncio.get_running_loop(), slice_seconds=60.0)
    pacer._started = time.perf_counter() - 61  # this turn's slice is used: values wait for the next turn
    first = asyncio.create_task(pacer.deliver("first"))
    second = asyncio.create_task(pacer.deliver("second"))
    await asyncio.sleep(0)  # both are waiting now
    assert pacer.waits == 2 and not first.done() and not second.done()
    first.cancel()  # a request that ends (a timeout, a client gone) cancels its own wait only
    await asyncio.sleep(0)
    pacer._new_turn()  # the next turn begins
    assert await second == "second"
    with pytest.raises(asyncio.CancelledError):
        await first


async def test_a_paced_answer_is_the_answer(api, world, monkeypatch):
    token = await tokens.create_token("ADMIN", label="t")
    query = "{ agencies(first: 100) { code units(first: 100) { code name parent { code } } } }"
    whole = await api.gql(query, token=token)
    monkeypatch.setattr(pacing, "_pacers", pacing.weakref.WeakKeyDictionary())
    monkeypatch.setattr(pacing, "SLICE", 0.0)  # every list and awaited object waits for a new turn
    paced = await api.gql(query, token=token)
    assert paced == whole
    assert pacing.pacer().waits > 0  # the pacing path was taken (0 if cost.py or the object fields skip it)


async def test_a_second_large_operation_waits_for_the_first_and_small_ones_do_not(api, world):
    token = await tokens.create_token("ADMIN", label="t")
    assert estimate(api, LARGE) >= api.settings.max_query_cost // 4 > estimate(api, SMALL)
    gate = pacing._large_gate()
    await gate.acquire()  # a large operation is running
    try:
        large = asyncio.create_task(api.gql(LARGE, token=token))
        small = await asyncio.wait_for(api.gql(SMALL, token=token), 10)
        assert small["agencies"]
        await asyncio.sleep(0.2)
        assert not large.done()  # waiting for its turn, without holding the loop (the small one was answered)
    finally:
        gate.release()
    answer = await asyncio.wait_for(large, 30)
    assert answer["agencies"]


async def test_full_collections_run_between_large_answers_while_the_app_runs(database_url, monkeypatch):
    before = gc.get_threshold()
    api, handles = await start_api(database_url, freeze_gc=True)
    full = []

    def seen(phase, info):
        if phase == "stop" and info["generation"] == 2:
            full.append(info)

    try:
        assert gc.get_threshold()[2] == pacing.FULL_COLLECTIONS_AFTER
        token = await tokens.create_token("ADMIN", label="t")
        monkeypatch.setitem(pacing._policy, "last", 0.0)
        gc.callbacks.append(seen)
        try:
            await api.gql(SMALL, token=token)
            assert full == []  # a small operation does not collect
            await api.gql(LARGE, token=token)
            assert len(full) == 1  # a large one does, once it has finished
            await api.gql(LARGE, token=token)
            assert len(full) == 1  # at most once a second
        finally:
            gc.callbacks.remove(seen)
    finally:
        await stop_api(handles)
    assert gc.get_threshold() == before


async def test_healthz_answers_while_the_orm_connection_is_busy(api, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's pool has connections to spare; the single connection is SQLite's")
    client = connections.get("default")
    async with client._lock:  # a request's query holds the ORM's one connection
        response = await asyncio.wait_for(api.client.get("/healthz"), 5)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


async def test_healthz_says_unavailable_when_the_database_file_is_gone(api, database_url, tmp_path):
    if not database_url.startswith("sqlite"):
        pytest.skip("a PostgreSQL database cannot be removed from under a running test")
    path = tmp_path / "kinerja.sqlite3"
    path.rename(tmp_path / "moved.sqlite3")
    response = await api.client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}
    assert not path.exists()  # the check never creates the file


async def test_a_refused_operation_never_waits_for_the_large_one(api, world):
    token = await tokens.create_token("ADMIN", label="t")
    too_costly = "{ agencies(first: 1000) { units(first: 1000) { code } } }"
    assert estimate(api, too_costly) > api.settings.max_query_cost
    gate = pacing._large_gate()
    await gate.acquire()
    try:
        errors = await asyncio.wait_for(api.errors(too_costly, token=token), 10)
    finally:
        gate.release()
    assert [e["extensions"]["code"] for e in errors] == ["QUERY_TOO_COSTLY"]


async def test_a_mutation_never_waits_for_the_large_one(api, world):
    token = await tokens.create_token("ADMIN", label="t")
    # an empty batch: nothing written, but the payload's people and errors are estimated at their bounds
    write = "mutation { upsertPeople(input: []) { people { nip subordinates(first: 50) { nip } } errors { message } } }"
    assert estimate(api, write) >= api.settings.max_query_cost // 4
    gate = pacing._large_gate()
    await gate.acquire()
    try:
        data = await asyncio.wait_for(api.gql(write, token=token), 10)
    finally:
        gate.release()
    assert data["upsertPeople"]["people"] == []
