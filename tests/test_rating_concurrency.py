"""Concurrent finalizations: one rating per person and period, the curve held across requests, never a 500."""

import asyncio
import contextlib
import datetime as dt

from kinerja.models import AuditEvent, Cycle, Rating
from kinerja.services.core import audit
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.evaluation import ratings as ratings_service
from kinerja.services.org import people
from test_ratings import ABOVE, FINALIZE, MEETS, ORG, assess, to_evaluation
from world import DINKES_HEAD, NURSE, TEACHER_1, nip, person


def payload(body: dict) -> dict:
    assert "errors" not in body, body["errors"]  # a user error in the payload, never a GraphQL (500-like) error
    return body["data"]["finalizeRating"]


async def test_two_concurrent_finalizations_store_one_rating(api, world):
    await to_evaluation(api, world)
    await assess(TEACHER_1, ABOVE, MEETS)
    for round_ in range(3):
        bodies = await asyncio.gather(
            api.post(FINALIZE, {"nip": TEACHER_1}, world.principal),
            api.post(FINALIZE, {"nip": TEACHER_1}, world.admin))
        results = [payload(b) for b in bodies]
        assert await Rating.all().count() == 1
        won = [r for r in results if r["errors"] == []]
        lost = [r for r in results if r["errors"]]
        assert len(won) == 1 and len(lost) == 1, results
        assert won[0]["rating"]["predikat"] == "BAIK" and lost[0]["rating"] is None
        assert [e["code"] for e in lost[0]["errors"]] in (["ALREADY_FINALIZED"], ["CONFLICT"])
        assert await AuditEvent.filter(action="rating.finalize").count() == round_ + 1
        assert (await audit.verify()).ok
        reopened = await api.gql("""mutation($nip: String!) { reopenRating(nip: $nip, period: "2025", reason: "ulang")
                                    { errors { code } } }""", token=world.admin, nip=TEACHER_1)
        assert reopened["reopenRating"]["errors"] == []


async def test_a_request_that_loses_the_race_after_its_checks_gets_already_finalized(api, world, monkeypatch):
    """The unique (person, period) decides: another request stores the rating between this one's checks and its
    insert (simulated here, deterministically), and this one answers ALREADY_FINALIZED, storing nothing."""
    await to_evaluation(api, world)
    assessment = await assess(TEACHER_1, ABOVE, MEETS)
    original = ratings_service.suggestions.suggest_result_rating

    async def suggest_then_lose_the_race(*args, **kwargs):
        found = await original(*args, **kwargs)
        await Rating.create(person_id=assessment.person_id, agency_id=assessment.agency_id,
                            cycle_id=assessment.cycle_id, period="2025", assessment_id=assessment.id,
                            result_rating=ABOVE, behavior_rating=MEETS, predikat="BAIK",
                            finalized_by="the other request", finalized_at=dt.datetime.now(dt.timezone.utc))
        return found

    monkeypatch.setattr(ratings_service.suggestions, "suggest_result_rating", suggest_then_lose_the_race)
    events = await AuditEvent.all().count()
    result = payload(await api.post(FINALIZE, {"nip": TEACHER_1}, world.principal))
    assert [e["code"] for e in result["errors"]] == ["ALREADY_FINALIZED"]
    assert "at the same time" in result["errors"][0]["message"]
    assert [r.finalized_by for r in await Rating.all()] == ["the other request"]
    assert await AuditEvent.all().count() == events


async def test_concurrent_finalizations_cannot_both_pass_a_curve_maximum(api, world, monkeypatch):
    """DINKES with a third person has 3: an ISTIMEWA agency may have 2 SANGAT_BAIK (floor 2.1). One is finalized;
    two more at once: one needs a justification.
    Each request waits (up to half a second) for the other before counting the spread, so that without the
    per-agency lock both would count only their own rating."""
    original, arrived, both = ratings_service.spread, [], asyncio.Event()

    async def spread_side_by_side(conn, agency_id, period):
        arrived.append(agency_id)
        if len(arrived) >= 2:
            both.set()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(both.wait(), 0.5)
        return await original(conn, agency_id, period)

    monkeypatch.setattr(ratings_service, "spread", spread_side_by_side)
    await to_evaluation(api, world)
    data = await api.gql(ORG, token=world.admin, agency="DINKES", predikat="ISTIMEWA")
    assert data["setOrgPredikat"]["errors"] == []
    await people.upsert_people(Access(SYSTEM), [person(nip(8), "Hana Putri", "DINKES", "PKM-BATU10", DINKES_HEAD)])
    for who in (DINKES_HEAD, NURSE, nip(8)):
        await assess(who, ABOVE, ABOVE)
    monkeypatch.setattr(ratings_service, "spread", original)
    first = payload(await api.post(FINALIZE, {"nip": nip(8)}, world.admin))
    assert first["errors"] == []
    monkeypatch.setattr(ratings_service, "spread", spread_side_by_side)
    bodies = await asyncio.gather(*(api.post(FINALIZE, {"nip": who}, world.admin) for who in (DINKES_HEAD, NURSE)))
    codes = sorted(tuple(e["code"] for e in payload(b)["errors"]) for b in bodies)
    assert codes == [(), ("CURVE_JUSTIFICATION_REQUIRED",)]
    assert await Rating.filter(predikat="SANGAT_BAIK").count() == 2


async def test_a_cycle_closed_while_finalizing_stores_nothing(api, world, monkeypatch):
    """The cycle is read again inside the transaction: closed between the checks and the write (simulated), the
    finalization answers CYCLE_CLOSED and nothing is stored."""
    await to_evaluation(api, world)
    await assess(TEACHER_1, ABOVE, MEETS)
    original = ratings_service.suggestions.suggest_result_rating

    async def suggest_then_close(*args, **kwargs):
        found = await original(*args, **kwargs)
        await Cycle.filter(year=2025).update(status="CLOSED")
        return found

    monkeypatch.setattr(ratings_service.suggestions, "suggest_result_rating", suggest_then_close)
    events = await AuditEvent.all().count()
    result = payload(await api.post(FINALIZE, {"nip": TEACHER_1}, world.principal))
    assert [(e["code"], e["path"]) for e in result["errors"]] == [("CYCLE_CLOSED", ["input", "period"])]
    assert await Rating.all().count() == 0 and await AuditEvent.all().count() == events
