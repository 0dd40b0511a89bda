"""Retry safety: keyed bulk mutations and submitFeedback have one effect per caller and key, replays answer the
first answer, a reused key with another input is refused, and a race between two requests with one key is decided
by the unique constraint (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Awaitable, Callable

import httpx
import pytest

from kinerja.models import Agency, ApiToken, AuditEvent, IdempotencyKey, SurveyResponse, Target
from kinerja.services.org import agencies
from kinerja.services.core import idempotency
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.auth.tokens import hash_token
from world import HEAD, TEACHER_1, nip

KEY = "retry-0001_abc"
NEW = [nip(100 + k, birth="19900101", appointed="201501") for k in range(3)]

UPSERT = """mutation($input: [PersonInput!]!, $key: String) { upsertPeople(input: $input, idempotencyKey: $key) {
  people { nip name position agency { code } supervisor { nip } } errors { path code message } } }"""
SET = """mutation($input: [TargetInput!]!, $key: String) { setTargets(input: $input, idempotencyKey: $key) {
  targets { id cycle workResult value person { nip } } errors { path code message } } }"""
RECORD = """mutation($input: [MeasurementInput!]!, $key: String) {
  recordMeasurements(input: $input, idempotencyKey: $key) {
    measurements { id period inputs value achievement suggestedRating specVersion target { id } }
    errors { path code message } } }"""
SUBMIT = """mutation($input: FeedbackInput!, $key: String) { submitFeedback(input: $input, idempotencyKey: $key) {
  accepted errors { path code message } } }"""
STATUS = "mutation { setCycleStatus(year: 2025, status: ACTIVE) { errors { code } } }"
INDICATOR = "DISDIK.PARTISIPASI_MASYARAKAT"


def people_input(name: str = "Pegawai Baru") -> list[dict]:
    return [{"nip": n, "name": f"{name} {k}", "employmentType": "PNS", "position": "Guru Kelas", "agency": "DISDIK",
             "unit": "SDN-001", "supervisor": NEW[0] if k else HEAD} for k, n in enumerate(NEW)]


def target_input(work: str = "Sosialisasi program sekolah") -> list[dict]:
    return [{"cycle": 2025, "indicator": INDICATOR, "nip": TEACHER_1, "workResult": work, "value": 75.0}]


def feedback_input(first: int = 4) -> dict:
    return {"agency": "DISDIK", "period": "2025-Q1", "answers": [first, 3, 4, 4, 3, 4, 4, 3, 4]}


async def active(api, world) -> str:
    """Cycle 2025 ACTIVE with the specs synced; the id of a target of TEACHER_1 set without a key."""
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    assert (await api.gql(STATUS, token=world.admin))["setCycleStatus"]["errors"] == []
    data = await api.gql(SET, token=world.admin, input=target_input("Target for measurements"))
    return data["setTargets"]["targets"][0]["id"]


@dataclass
class Case:
    """One keyed mutation: how to call it, a second input, and the count of what one run of it adds."""

    field: str
    query: str
    token: str | None  # attribute of World; None: public
    first: Callable[[str], object]  # target id -> input
    other: Callable[[str], object]
    effect: Callable[[], Awaitable[int]]
    rerun_shows: bool = True  # running the first input again adds to `effect` (an upsert of the same data does not)


async def person_events() -> int:
    return await AuditEvent.filter(entity="person", entity_id__in=NEW).count()


async def measurement_events() -> int:
    return await AuditEvent.filter(entity="measurement").count()


CASES = [
    Case("upsertPeople", UPSERT, "admin", lambda t: people_input(), lambda t: people_input("Nama Lain"),
         person_events, rerun_shows=False),
    Case("setTargets", SET, "admin", lambda t: target_input(), lambda t: target_input("Another work result"),
         lambda: Target.all().count()),
    Case("recordMeasurements", RECORD, "teacher",
         lambda t: [{"target": t, "period": "2025-Q1", "inputs": {"participants": 60, "invited": 80}}],
         lambda t: [{"target": t, "period": "2025-Q1", "inputs": {"participants": 61, "invited": 80}}],
         measurement_events),
    Case("submitFeedback", SUBMIT, None, lambda t: feedback_input(), lambda t: feedback_input(1),
         lambda: SurveyResponse.all().count()),
]


def token_of(world, case: Case) -> str | None:
    return getattr(world, case.token) if case.token else None


@pytest.mark.parametrize("case", CASES, ids=[c.field for c in CASES])
async def test_a_replay_has_one_effect_and_the_first_answer(api, world, case):
    target = await active(api, world)
    token = token_of(world, case)
    before, events = await case.effect(), await AuditEvent.all().count()
    first = await api.post(case.query, {"input": case.first(target), "key": KEY}, token)
    assert "errors" not in first and first["data"][case.field]["errors"] == [], first
    after, events_after = await case.effect(), await AuditEvent.all().count()
    assert after > before and events_after > events
    for _ in range(2):
        assert await api.post(case.query, {"input": case.first(target), "key": KEY}, token) == first
    assert await case.effect() == after
    assert await AuditEvent.all().count() == events_after  # one set of audit events
    if case.rerun_shows:  # a second run would have shown: without the key the same input is a new request
        again = await api.post(case.query, {"input": case.first(target)}, token)
        assert again["data"][case.field]["errors"] == []
        assert await case.effect() > after


async def test_a_replay_answers_what_was_true_then_and_does_not_undo_a_later_change(api, world):
    first = await api.post(UPSERT, {"input": people_input(), "key": KEY}, world.admin)
    assert first["data"]["upsertPeople"]["people"][1]["name"] == "Pegawai Baru 1"
    renamed = people_input()
    renamed[1]["name"] = "Pegawai Berganti Nama"
    assert (await api.gql(UPSERT, token=world.admin, input=renamed))["upsertPeople"]["errors"] == []
    # run again, the replay would rename the person back; it answers the stored first answer instead
    assert await api.post(UPSERT, {"input": people_input(), "key": KEY}, world.admin) == first
    person = await api.gql("query($n: String!) { person(nip: $n) { name } }", token=world.admin, n=NEW[1])
    assert person["person"]["name"] == "Pegawai Berganti Nama"
    assert await AuditEvent.filter(entity="person", entity_id=NEW[1]).count() == 2  # create, rename


@pytest.mark.parametrize("case", CASES, ids=[c.field for c in CASES])
async def test_the_same_key_with_another_input_is_refused_and_changes_nothing(api, world, case):
    target = await active(api, world)
    token = token_of(world, case)
    first = await api.post(case.query, {"input": case.first(target), "key": KEY}, token)
    assert first["data"][case.field]["errors"] == []
    effect, events = await case.effect(), await AuditEvent.all().count()
    data = await api.gql(case.query, token=token, input=case.other(target), key=KEY)
    assert [(e["code"], e["path"]) for e in data[case.field]["errors"]] == [
        ("IDEMPOTENCY_KEY_REUSED", ["idempotencyKey"])]
    assert (await case.effect(), await AuditEvent.all().count()) == (effect, events)
    # and the first input still replays
    assert await api.post(case.query, {"input": case.first(target), "key": KEY}, token) == first


async def test_the_input_hash_ignores_how_the_input_is_spelt(api, world):
    await active(api, world)
    first = await api.post(SET, {"input": target_input(), "key": KEY}, world.admin)
    # inline instead of variables, another field order, 75 for 75.0, an omitted optional field
    inline = ('mutation { setTargets(idempotencyKey: "%s", input: [{value: 75, workResult: "Sosialisasi program '
              'sekolah", nip: "%s", indicator: "%s", cycle: 2025, unit: null}]) { targets { id cycle workResult '
              'value person { nip } } errors { path code message } } }' % (KEY, TEACHER_1, INDICATOR))
    assert await api.post(inline, {}, world.admin) == first
    assert await Target.all().count() == 2  # the target of `active` and this one


@pytest.mark.parametrize("bad", ["short", "has space 123", "x" * 129, "ümlaut-key", "semi;colon1"])
async def test_a_bad_key_is_a_user_error_and_nothing_is_written(api, world, bad):
    await active(api, world)
    count = await Target.all().count()
    data = await api.gql(SET, token=world.admin, input=target_input(), key=bad)
    errors = data["setTargets"]["errors"]
    assert [(e["code"], e["path"]) for e in errors] == [("INVALID_IDEMPOTENCY_KEY", ["idempotencyKey"])], errors
    assert await Target.all().count() == count
    data = await api.gql(SUBMIT, input=feedback_input(), key=bad)
    assert data["submitFeedback"]["errors"][0]["code"] == "INVALID_IDEMPOTENCY_KEY"
    assert await SurveyResponse.all().count() == 0
    assert await IdempotencyKey.all().count() == 0


async def test_the_longest_and_shortest_keys_are_taken(api, world):
    await active(api, world)
    for key in ("A" * 8, "z_-9" * 32):
        data = await api.gql(SET, token=world.admin, input=target_input(key), key=key)
        assert data["setTargets"]["errors"] == []
    assert await IdempotencyKey.all().count() == 2


async def test_the_header_is_a_key_too(api, world):
    await active(api, world)
    headers = {"Authorization": f"Bearer {world.admin}", "Idempotency-Key": KEY}
    body = {"query": SET, "variables": {"input": target_input()}}
    first = (await api.client.post("/graphql", json=body, headers=headers)).json()
    assert first["data"]["setTargets"]["errors"] == []
    assert (await api.client.post("/graphql", json=body, headers=headers)).json() == first
    # the header and the argument name one key
    assert await api.post(SET, {"input": target_input(), "key": KEY}, world.admin) == first
    assert await Target.all().count() == 2
    # both given, different: refused
    body["variables"]["key"] = "another-key-1"
    refused = (await api.client.post("/graphql", json=body, headers=headers)).json()
    assert refused["data"]["setTargets"]["errors"][0]["code"] == "INVALID_IDEMPOTENCY_KEY"
    assert await Target.all().count() == 2


async def test_different_callers_use_the_same_key_independently(api, world):
    await active(api, world)
    a = await api.gql(SET, token=world.admin, input=target_input("By ADMIN"), key=KEY)
    b = await api.gql(SET, token=world.disdik_admin, input=target_input("By the agency admin"), key=KEY)
    c = await api.gql(SET, token=world.principal, input=target_input("By the principal"), key=KEY)
    for data in (a, b, c):
        assert data["setTargets"]["errors"] == []
    ids = {d["setTargets"]["targets"][0]["id"] for d in (a, b, c)}
    assert len(ids) == 3 and await Target.all().count() == 4
    # the same key on another mutation of the same caller is another request too
    data = await api.gql(UPSERT, token=world.admin, input=people_input(), key=KEY)
    assert data["upsertPeople"]["errors"] == []


async def test_public_callers_are_told_apart_by_their_address(api, world):
    await active(api, world)
    assert (await api.gql(SUBMIT, input=feedback_input(), key=KEY))["submitFeedback"]["accepted"] is True
    # another client address (another ASGI client) with the same key and another input: its own answer
    other = httpx.AsyncClient(transport=httpx.ASGITransport(app=api.client._transport.app, client=("10.0.0.9", 1)),
                              base_url="http://testserver")
    try:
        body = {"query": SUBMIT, "variables": {"input": feedback_input(2), "key": KEY}}
        result = (await other.post("/graphql", json=body)).json()
        assert result["data"]["submitFeedback"] == {"accepted": True, "errors": []}
        assert (await other.post("/graphql", json=body)).json() == result
    finally:
        await other.aclose()
    assert await SurveyResponse.all().count() == 2
    callers = await IdempotencyKey.all().values_list("caller", flat=True)
    assert len(set(callers)) == 2 and all(c.startswith("client:") and len(c) == 71 for c in callers)
    assert not any("127.0.0.1" in c or "10.0.0.9" in c for c in callers)  # the address itself is not kept


async def test_a_request_with_user_errors_stores_nothing_and_the_key_can_be_used_again(api, world):
    await active(api, world)
    bad = target_input()
    bad[0]["value"] = -1
    data = await api.gql(SET, token=world.admin, input=bad, key=KEY)
    assert data["setTargets"]["errors"][0]["code"] == "INVALID_VALUE"
    assert await IdempotencyKey.all().count() == 0
    data = await api.gql(SET, token=world.admin, input=target_input(), key=KEY)  # corrected, same key
    assert data["setTargets"]["errors"] == []
    assert await IdempotencyKey.all().count() == 1 and await Target.all().count() == 2


async def test_the_rate_limit_is_not_stored_either(api, world):
    await active(api, world)
    for k in range(api.settings.feedback_limit):
        assert (await api.gql(SUBMIT, input=feedback_input()))["submitFeedback"]["accepted"] is True, k
    data = await api.gql(SUBMIT, input=feedback_input(), key=KEY)
    assert data["submitFeedback"]["errors"][0]["code"] == "RATE_LIMITED"
    assert await IdempotencyKey.all().count() == 0


async def test_a_key_expires_after_a_day(api, world):
    await active(api, world)
    first = await api.gql(SET, token=world.admin, input=target_input(), key=KEY)
    row = await IdempotencyKey.get()
    admin = await ApiToken.get(token_hash=hash_token(world.admin))
    assert (row.caller, row.mutation, row.key) == (f"token:{admin.id}", "setTargets", KEY)
    # a day later the key is forgotten: the same request runs again, and the old row is cleaned up
    await IdempotencyKey.filter(id=row.id).update(created_at=row.created_at - idempotency.TTL)
    second = await api.gql(SET, token=world.admin, input=target_input(), key=KEY)
    assert second["setTargets"]["targets"][0]["id"] != first["setTargets"]["targets"][0]["id"]
    assert await Target.all().count() == 3
    assert [r.id for r in await IdempotencyKey.all()] != [row.id]
    assert await IdempotencyKey.all().count() == 1


@pytest.mark.parametrize("field", ["setTargets", "submitFeedback"])
async def test_concurrent_requests_with_one_key_have_one_effect(api, world, field):
    await active(api, world)
    count = Target.all().count if field == "setTargets" else SurveyResponse.all().count
    before = await count()
    query, token, item = ((SET, world.admin, target_input()) if field == "setTargets"
                          else (SUBMIT, None, feedback_input()))
    answers = await asyncio.gather(*(api.post(query, {"input": item, "key": KEY}, token) for _ in range(6)))
    assert all(a == answers[0] for a in answers), answers
    assert answers[0]["data"][field]["errors"] == []
    assert await count() == before + 1
    assert await IdempotencyKey.all().count() == 1


async def effect_agencies() -> list[str]:
    return sorted(await Agency.filter(code__startswith="RACE").values_list("code", flat=True))


@pytest.mark.parametrize("lookup_misses", [False, True], ids=["lookup", "lookup-misses"])
async def test_the_unique_constraint_decides_a_race(api, lookup_misses, monkeypatch):
    """The first request is inside its transaction (key inserted, not committed) when the second arrives.

    With `lookup_misses` the second's lookup is made to miss (as it does when both look at the same moment): then
    only the unique constraint stops it; on PostgreSQL its INSERT waits for the first transaction, then fails."""
    runs: list[str] = []
    entered, release = asyncio.Event(), asyncio.Event()

    async def effect(name: str) -> dict:
        runs.append(name)
        found = await agencies.create_agency(Access(SYSTEM), f"RACE{len(runs)}", f"Race {name}")
        return {"agency": found.code, "by": name}

    async def first_run() -> dict:
        entered.set()
        await release.wait()
        return await effect("first")

    if lookup_misses:
        real, misses = idempotency._stored, {"left": 1}

        async def stored(*args):
            if len(runs) == 0 and entered.is_set() and misses["left"]:
                misses["left"] -= 1
                return None
            return await real(*args)

        monkeypatch.setattr(idempotency, "_stored", stored)
    first = asyncio.create_task(idempotency.once("token:1", "setTargets", KEY, {"a": 1}, first_run))
    await entered.wait()
    second = asyncio.create_task(idempotency.once("token:1", "setTargets", KEY, {"a": 1},
                                                  lambda: effect("second")))
    await asyncio.sleep(0.3)  # the second is waiting (for the first's row lock, or SQLite's one writer)
    assert not second.done()
    release.set()
    answers = await asyncio.gather(first, second)
    assert runs == ["first"]
    assert answers == [{"agency": "RACE1", "by": "first"}] * 2
    assert await effect_agencies() == ["RACE1"]
    if lookup_misses:
        assert misses["left"] == 0  # the second really went past its lookup to the INSERT


async def test_an_effect_is_never_committed_without_its_answer(api):
    """The service's own transaction nests in the key's: a failure after it (storing the answer) undoes it."""
    async def run() -> dict:
        await agencies.create_agency(Access(SYSTEM), "RACE1", "Committed only with its answer")
        raise RuntimeError("crash before the answer is stored")

    with pytest.raises(RuntimeError):
        await idempotency.once("token:1", "setTargets", KEY, {"a": 1}, run)
    assert await effect_agencies() == []
    assert await IdempotencyKey.all().count() == 0
    # and the key is free: the retry runs
    async def retry() -> dict:
        await agencies.create_agency(Access(SYSTEM), "RACE1", "Second try")
        return {"ok": True}

    assert await idempotency.once("token:1", "setTargets", KEY, {"a": 1}, retry) == {"ok": True}
    assert await effect_agencies() == ["RACE1"]
    stored = await IdempotencyKey.get()
    assert stored.answer == '{"ok":true}' and stored.request_hash == idempotency.request_hash({"a": 1})
