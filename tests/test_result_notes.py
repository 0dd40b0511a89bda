"""Evaluation result by result (services/evaluation/result_notes.py): the supervisor rates each RHK of the
person's SKP with its realisation and feedback; the per-RHK ratings suggest the results rating by the form's
rule, and finalizing against another rating needs an override reason."""

from __future__ import annotations

import pytest

from kinerja.models import Cycle, Person, Skp, SkpItem, SkpRevision
from kinerja.services.evaluation.result_notes import suggest
from seeded import table_counts
from test_ratings import STATUS
from world import PRINCIPAL, TEACHER_1, TEACHER_2

ABOVE, MEETS, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
SUBMIT = """mutation($input: AssessmentInput!) { submitSupervisorAssessment(input: $input) {
  assessment { resultRating results { itemKey rating realization feedback } version }
  errors { path code message } } }"""
CONTEXT = """query($nip: String!) { assessmentContext(nip: $nip, period: "2025") {
  rhk { key kind workResult } resultsSuggestion { rating reason } } }"""
FINALIZE = """mutation($nip: String!, $override: String) { finalizeRating(input: {nip: $nip, period: "2025",
  overrideReason: $override}) { rating { resultRating suggestedResultRating suggestionReason } errors { path code } } }"""
KINDS = {"R1": "MAIN", "R2": "MAIN", "R3": "ADDITIONAL"}


def notes(*ratings: str) -> list[dict]:
    return [{"item": f"R{n}", "rating": r} for n, r in enumerate(ratings, start=1)]


@pytest.mark.parametrize("ratings, expected", [
    ((ABOVE, ABOVE, ABOVE), ABOVE),
    ((ABOVE, ABOVE, BELOW), ABOVE),      # most above; the one below is ADDITIONAL
    ((ABOVE, BELOW, ABOVE), MEETS),      # most above, but a MAIN result below
    ((BELOW, BELOW, ABOVE), BELOW),
    ((ABOVE, MEETS, BELOW), MEETS),      # no majority
    ((ABOVE, MEETS), MEETS),             # half is not most
    ((MEETS, MEETS, MEETS), MEETS),
])
def test_the_forms_rule(ratings, expected):
    found = suggest(notes(*ratings), KINDS)
    assert found.rating == expected
    assert found.reason.startswith(f"{len(ratings)} RHK dinilai:")


def test_no_ratings_suggest_nothing():
    assert suggest([], KINDS) is None


@pytest.mark.parametrize("kinds, ratings, expected, why", [
    # the ADDITIONAL R3 above tips one MAIN above and one meeting to above: 2 of 3 in all, no MAIN below
    (KINDS, (ABOVE, MEETS, ABOVE), ABOVE, "dengan RHK tambahan, seluruh RHK sebagian besar di atas ekspektasi"),
    # ... but never over a MAIN RHK below
    (KINDS, (ABOVE, BELOW, ABOVE), MEETS, "RHK utama R2 di bawah ekspektasi"),
    # most MAIN below: an ADDITIONAL above does not rescue it
    (KINDS, (BELOW, BELOW, ABOVE), BELOW, "sebagian besar RHK utama di bawah ekspektasi"),
    # an ADDITIONAL below never lowers: both MAIN above
    (KINDS, (ABOVE, ABOVE, BELOW), ABOVE, "RHK utama sebagian besar di atas ekspektasi"),
    # an unknown key counts as MAIN
    ({}, (ABOVE, ABOVE, BELOW), MEETS, "RHK utama R3 di bawah ekspektasi"),
])
def test_main_and_additional_rhk(kinds, ratings, expected, why):
    found = suggest(notes(*ratings), kinds)
    assert found.rating == expected and why in found.reason, found


def test_only_additional_rhk_rated_suggest_nothing():
    assert suggest([{"item": "R3", "rating": ABOVE}], KINDS) is None
    counts = suggest(notes(ABOVE, MEETS, ABOVE), KINDS).reason
    assert counts.startswith("3 RHK dinilai: 2 di atas, 1 sesuai, 0 di bawah ekspektasi (RHK utama 2: 1 di atas, "
                             "1 sesuai, 0 di bawah)")


async def give_skp(nip: str, items: dict[str, str]) -> None:
    """An approved SKP with these RHK (key -> kind), written directly (the SKP service is tested elsewhere)."""
    p = await Person.get(nip=nip)
    cycle = await Cycle.get(year=2025)
    skp = await Skp.create(person_id=p.id, cycle_id=cycle.id, agency_id=p.agency_id, status="APPROVED",
                           approved_revision=1)
    revision = await SkpRevision.create(skp_id=skp.id, number=1, status="APPROVED")
    for n, (key, kind) in enumerate(items.items()):
        await SkpItem.create(revision_id=revision.id, key=key, position=n, kind=kind, work_result=f"Hasil {key}")


async def evaluation(api, world) -> None:
    for status in ("ACTIVE", "EVALUATION"):
        assert (await api.gql(STATUS, token=world.admin, s=status))["setCycleStatus"]["errors"] == []


def entry(nip: str, result: str, results: list[dict], **more) -> dict:
    return {"nip": nip, "period": "2025", "resultRating": result, "behaviorRating": MEETS, "results": results} | more


async def test_rated_result_by_result_and_finalized_against_that_suggestion(api, world):
    await give_skp(TEACHER_2, KINDS)
    await evaluation(api, world)
    context = (await api.gql(CONTEXT, token=world.principal, nip=TEACHER_2))["assessmentContext"]
    assert context["rhk"] == [{"key": "R1", "kind": "MAIN", "workResult": "Hasil R1"},
                              {"key": "R2", "kind": "MAIN", "workResult": "Hasil R2"},
                              {"key": "R3", "kind": "ADDITIONAL", "workResult": "Hasil R3"}]
    assert context["resultsSuggestion"] is None
    results = [{"itemKey": "r1", "rating": ABOVE, "realization": " 12 kelas ", "feedback": "Baik sekali"},
               {"itemKey": "R2", "rating": ABOVE}, {"itemKey": "R3", "rating": BELOW, "feedback": "Terlambat"}]
    saved = (await api.gql(SUBMIT, token=world.principal, input=entry(TEACHER_2, ABOVE, results)))[
        "submitSupervisorAssessment"]
    assert saved["errors"] == []
    assert saved["assessment"]["results"] == [
        {"itemKey": "R1", "rating": ABOVE, "realization": "12 kelas", "feedback": "Baik sekali"},
        {"itemKey": "R2", "rating": ABOVE, "realization": None, "feedback": None},
        {"itemKey": "R3", "rating": BELOW, "realization": None, "feedback": "Terlambat"}]
    context = (await api.gql(CONTEXT, token=world.principal, nip=TEACHER_2))["assessmentContext"]
    assert context["resultsSuggestion"]["rating"] == ABOVE
    done = (await api.gql(FINALIZE, token=world.principal, nip=TEACHER_2))["finalizeRating"]
    assert done["errors"] == []  # the per-RHK suggestion (above) is the rating: no override needed
    assert done["rating"]["suggestedResultRating"] == ABOVE
    assert "sebagian besar di atas ekspektasi" in done["rating"]["suggestionReason"]


async def test_a_rating_other_than_the_per_rhk_suggestion_needs_a_reason(api, world):
    await give_skp(TEACHER_2, KINDS)
    await evaluation(api, world)
    results = [{"itemKey": "R1", "rating": BELOW}, {"itemKey": "R2", "rating": ABOVE},
               {"itemKey": "R3", "rating": ABOVE}]
    saved = (await api.gql(SUBMIT, token=world.principal, input=entry(TEACHER_2, ABOVE, results)))[
        "submitSupervisorAssessment"]
    assert saved["errors"] == []
    refused = (await api.gql(FINALIZE, token=world.principal, nip=TEACHER_2))["finalizeRating"]
    assert [(e["path"], e["code"]) for e in refused["errors"]] == [(["input", "overrideReason"],
                                                                    "OVERRIDE_REASON_REQUIRED")]
    done = (await api.gql(FINALIZE, token=world.principal, nip=TEACHER_2, override="Inovasi di luar RHK"))[
        "finalizeRating"]
    assert done["errors"] == [] and done["rating"]["suggestedResultRating"] == MEETS
    assert "RHK utama R1 di bawah ekspektasi" in done["rating"]["suggestionReason"]


async def test_bad_results_name_their_place_and_write_nothing(api, world):
    await give_skp(TEACHER_2, KINDS)
    await evaluation(api, world)
    before = await table_counts()
    results = [{"itemKey": "R9", "rating": ABOVE}, {"itemKey": "R1", "rating": ABOVE},
               {"itemKey": "R1", "rating": MEETS}]
    out = (await api.gql(SUBMIT, token=world.principal, input=entry(TEACHER_2, ABOVE, results)))[
        "submitSupervisorAssessment"]
    assert [(e["path"], e["code"]) for e in out["errors"]] == [
        (["input", "results", "0", "itemKey"], "NOT_FOUND"), (["input", "results", "2", "itemKey"], "DUPLICATE")]
    assert out["assessment"] is None
    long = [{"itemKey": "R2", "rating": MEETS, "realization": "x" * 2001}]
    out = (await api.gql(SUBMIT, token=world.principal, input=entry(TEACHER_2, ABOVE, long)))[
        "submitSupervisorAssessment"]
    assert [(e["path"], e["code"]) for e in out["errors"]] == [(["input", "results", "0", "realization"], "TOO_LONG")]
    # a person without an SKP cannot be rated result by result
    out = (await api.gql(SUBMIT, token=world.principal, input=entry(TEACHER_1, ABOVE, results[1:2])))[
        "submitSupervisorAssessment"]
    assert [(e["path"], e["code"]) for e in out["errors"]] == [(["input", "results"], "NO_SKP")]
    too_many = [{"itemKey": f"R{n}", "rating": MEETS} for n in range(51)]
    out = (await api.gql(SUBMIT, token=world.principal, input=entry(TEACHER_2, ABOVE, too_many)))[
        "submitSupervisorAssessment"]
    assert [(e["path"], e["code"]) for e in out["errors"]] == [(["input", "results"], "TOO_MANY")]
    assert await table_counts() == before


async def test_a_head_without_a_supervisor_has_no_context_for_themselves(api, world):
    """Scoping is the assessment context's: the employee does not read their own (unchanged by this feature)."""
    await give_skp(PRINCIPAL, {"R1": "MAIN"})
    errors = await api.errors(CONTEXT, token=world.principal, nip=PRINCIPAL)
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


async def test_results_of_a_person_out_of_reach_tell_nothing_of_their_skp(api, world):
    """Whether a person out of scope has an SKP (and which RHK) must not show through the results' answers."""
    await give_skp(TEACHER_2, KINDS)
    await evaluation(api, world)
    probes = {}
    for nip in (TEACHER_2, TEACHER_1):  # with an SKP, without one
        out = (await api.gql(SUBMIT, token=world.nurse, input=entry(nip, ABOVE, [{"itemKey": "R1", "rating": ABOVE}])))[
            "submitSupervisorAssessment"]
        probes[nip] = [(e["path"], e["code"]) for e in out["errors"]]
    assert probes[TEACHER_2] == probes[TEACHER_1] == [(["input", "nip"], "NOT_FOUND")]
