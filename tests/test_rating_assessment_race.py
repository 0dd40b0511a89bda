"""A supervisor assessment updated while its rating is finalized: the stored rating always agrees with the stored
assessment (the predikat is the matrix cell of the assessment as stored), whichever request commits first."""

import asyncio

from kinerja.models import Assessment, Rating
from test_assessments import SUBMIT, entry
from test_ratings import ABOVE, BELOW, FINALIZE, REOPEN, assess, to_evaluation
from world import TEACHER_1

TRIALS = 30
PREDIKAT = {(ABOVE, ABOVE): "SANGAT_BAIK", (BELOW, ABOVE): "BUTUH_PERBAIKAN"}


def payload(body: dict, name: str) -> dict:
    assert "errors" not in body, body["errors"]  # a user error in the payload, never a GraphQL (500-like) error
    return body["data"][name]


async def test_a_rating_is_always_computed_from_the_assessment_as_stored(api, world):
    await to_evaluation(api, world)
    outcomes = set()
    for trial in range(TRIALS):
        row = await assess(TEACHER_1, ABOVE, ABOVE)  # version 1: SANGAT_BAIK
        update = entry(TEACHER_1, result=BELOW, behavior=ABOVE, version=1)  # to BUTUH_PERBAIKAN
        both = asyncio.Event()

        async def released(coro):
            await both.wait()
            return await coro

        tasks = [asyncio.ensure_future(released(api.post(SUBMIT["SUPERVISOR"], {"input": update}, world.principal))),
                 asyncio.ensure_future(released(api.post(FINALIZE, {"nip": TEACHER_1}, world.principal)))]
        await asyncio.sleep(0)
        both.set()
        updated, finalized = await asyncio.gather(*tasks)
        updated = payload(updated, "submitSupervisorAssessment")
        finalized = payload(finalized, "finalizeRating")
        stored = await Assessment.get(id=row.id)
        rating = await Rating.filter(person_id=row.person_id, period="2025").first()
        assert rating is not None and finalized["errors"] == [], finalized
        assert (rating.result_rating, rating.behavior_rating) == (stored.result_rating, stored.behavior_rating), trial
        assert rating.predikat == PREDIKAT[(stored.result_rating, stored.behavior_rating)], trial
        assert finalized["rating"]["predikat"] == rating.predikat
        if updated["errors"]:  # finalized first: the update is refused and changes nothing
            assert [e["code"] for e in updated["errors"]] == ["FINALIZED"], updated
            assert stored.version == 1 and rating.predikat == "SANGAT_BAIK"
        else:  # updated first: the rating is of the update
            assert stored.version == 2 and rating.predikat == "BUTUH_PERBAIKAN"
        outcomes.add(rating.predikat)
        reopened = await api.gql(REOPEN, token=world.admin, nip=TEACHER_1, reason="ulang")
        assert reopened["reopenRating"]["errors"] == []
        await Assessment.filter(id=row.id).delete()
    assert outcomes  # which one wins is up to the database; the agreement above is what is asserted


async def test_finalize_with_an_outdated_version_is_a_conflict(api, world):
    await to_evaluation(api, world)
    row = await assess(TEACHER_1, ABOVE, ABOVE)
    updated = await api.gql(SUBMIT["SUPERVISOR"], token=world.principal,
                            input=entry(TEACHER_1, result=BELOW, behavior=ABOVE, version=1))
    assert updated["submitSupervisorAssessment"]["errors"] == []
    query = FINALIZE.replace("$justification: String)", "$justification: String, $version: Int)").replace(
        "curveJustification: $justification}", "curveJustification: $justification, version: $version}")
    stale = payload(await api.post(query, {"nip": TEACHER_1, "version": 1}, world.principal), "finalizeRating")
    assert [(e["code"], e["path"]) for e in stale["errors"]] == [("CONFLICT", ["input", "version"])]
    assert "at version 2, not 1" in stale["errors"][0]["message"] and stale["rating"] is None
    assert await Rating.all().count() == 0
    done = payload(await api.post(query, {"nip": TEACHER_1, "version": 2}, world.principal), "finalizeRating")
    assert done["errors"] == [] and done["rating"]["predikat"] == "BUTUH_PERBAIKAN"
    assert (await Rating.get(person_id=row.person_id)).predikat == "BUTUH_PERBAIKAN"
