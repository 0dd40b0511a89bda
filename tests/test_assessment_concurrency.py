"""Concurrent assessment writes: of two updates from one version exactly one wins, a double create is a CONFLICT."""

import asyncio
import contextlib

import pytest

from kinerja.models import Assessment, AuditEvent, Cycle
from kinerja.services.evaluation import assessments as service
from kinerja.services.core import audit
from test_assessments import ABOVE, BELOW, MEETS, SUBMIT, entry, ok, to_evaluation
from world import TEACHER_1


def payload(body: dict) -> dict:
    assert "errors" not in body, body["errors"]  # a user error in the payload, never a GraphQL (500-like) error
    return body["data"]["submitSupervisorAssessment"]


@pytest.fixture
def side_by_side(monkeypatch):
    """Each write waits (up to half a second) after reading the stored assessment until the other has read it too,
    so that on PostgreSQL both requests go on from the same version and the database has to pick the winner.
    (SQLite runs one transaction at a time: the second reads after the first committed, and the wait times out.)"""
    original, arrived, both = service.stored, [], asyncio.Event()

    async def read_then_wait(*args, **kwargs):
        found = await original(*args, **kwargs)
        arrived.append(found.version if found else None)
        if len(arrived) % 2 == 0:
            both.set()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(both.wait(), 0.5)
        return found

    monkeypatch.setattr(service, "stored", read_then_wait)

    def reset() -> list:
        """Start a round; the list fills with the version each request read."""
        arrived.clear()
        both.clear()
        return arrived

    return reset


async def test_two_concurrent_updates_from_the_same_version_have_one_winner(api, world, side_by_side, database_url):
    await to_evaluation(api, world)
    created = await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_1))
    for version in (1, 2, 3):
        read = side_by_side()
        updates = [entry(TEACHER_1, result=ABOVE, comment=f"A{version}", version=version),
                   entry(TEACHER_1, result=BELOW, comment=f"B{version}", version=version)]
        bodies = await asyncio.gather(*(api.post(SUBMIT["SUPERVISOR"], {"input": u}, world.principal)
                                        for u in updates))
        results = [payload(b) for b in bodies]
        won = [r for r in results if r["errors"] == []]
        lost = [r for r in results if r["errors"]]
        assert len(won) == 1 and len(lost) == 1, results
        assert [(e["code"], e["path"]) for e in lost[0]["errors"]] == [("CONFLICT", ["input", "version"])]
        assert f"at version {version + 1}, not {version}" in lost[0]["errors"][0]["message"]
        assert lost[0]["assessment"] is None
        row = await Assessment.get(id=int(created["id"]))
        assert row.version == version + 1 == won[0]["assessment"]["version"]
        assert row.comment == won[0]["assessment"]["comment"]  # the winner's content, whole
        assert row.result_rating == won[0]["assessment"]["resultRating"]
        assert await AuditEvent.filter(action="assessment.update").count() == version
        # PostgreSQL: both read the same version, so the UPDATE ... WHERE version decided; SQLite: one after the other
        assert read == ([version, version] if database_url.startswith("postgres") else [version, version + 1])
    assert (await audit.verify()).ok


async def test_two_concurrent_creates_store_one_assessment(api, world, side_by_side, database_url):
    await to_evaluation(api, world)
    read = side_by_side()
    bodies = await asyncio.gather(*(api.post(SUBMIT["SUPERVISOR"], {"input": entry(TEACHER_1, result=r)},
                                             world.principal) for r in (ABOVE, MEETS)))
    results = [payload(b) for b in bodies]
    won = [r for r in results if r["errors"] == []]
    lost = [r for r in results if r["errors"]]
    assert len(won) == 1 and len(lost) == 1, results
    assert [(e["code"], e["path"]) for e in lost[0]["errors"]] == [("CONFLICT", ["input", "version"])]
    [row] = await Assessment.all()
    assert (row.version, row.result_rating) == (1, won[0]["assessment"]["resultRating"])
    assert await AuditEvent.filter(action="assessment.create").count() == 1
    # PostgreSQL: neither saw the other's row, so the unique (person, period, kind) decided
    assert read == ([None, None] if database_url.startswith("postgres") else [None, 1])
    assert (await audit.verify()).ok


async def test_an_update_that_loses_the_race_after_its_read_changes_nothing(api, world, monkeypatch):
    """Deterministic on both databases: another request updates the assessment between this request's read and
    its UPDATE (simulated inside this request's transaction); the UPDATE ... WHERE version = 1 then matches no
    row, and the request answers CONFLICT instead of overwriting."""
    await to_evaluation(api, world)
    created = await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_1))
    original = service.stored

    async def read_then_lose_the_race(conn, *args):
        found = await original(conn, *args)
        await Assessment.filter(id=found.id).using_db(conn).update(version=2, comment="the other request")
        return found

    monkeypatch.setattr(service, "stored", read_then_lose_the_race)
    events = await AuditEvent.all().count()
    result = payload(await api.post(SUBMIT["SUPERVISOR"], {"input": entry(TEACHER_1, result=BELOW, version=1)},
                                    world.principal))
    assert [e["code"] for e in result["errors"]] == ["CONFLICT"]
    assert "at version 2, not 1" in result["errors"][0]["message"]
    # the simulated write shared this request's transaction, so it was rolled back with it: nothing changed
    row = await Assessment.get(id=int(created["id"]))
    assert (row.version, row.comment, row.result_rating) == (1, None, MEETS)
    assert await AuditEvent.all().count() == events


async def test_a_cycle_closed_after_the_checks_is_seen_inside_the_transaction(api, world, monkeypatch):
    """The cycle was EVALUATION when the request checked it, and another request closed it before the write:
    the status read again inside the transaction (held FOR SHARE on PostgreSQL) refuses the write."""
    await to_evaluation(api, world)
    await ok(api, world.principal, "SUPERVISOR", **entry(TEACHER_1))
    original = service.gate.cycle_for_period

    async def check_then_close(*args, **kwargs):
        found = await original(*args, **kwargs)
        await Cycle.filter(year=2025).update(status="CLOSED")
        return found

    monkeypatch.setattr(service.gate, "cycle_for_period", check_then_close)
    events = await AuditEvent.all().count()
    for version in (None, 1):
        result = payload(await api.post(SUBMIT["SUPERVISOR"], {"input": entry(TEACHER_1, result=BELOW,
                                                                              version=version)}, world.principal))
        assert [(e["code"], e["path"]) for e in result["errors"]] == [("CYCLE_CLOSED", ["input", "period"])]
    assert [(a.version, a.result_rating) for a in await Assessment.all()] == [(1, MEETS)]
    assert await AuditEvent.all().count() == events
