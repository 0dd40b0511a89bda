"""Keberatan (services/evaluation/objections.py): the employee objects within the window, the assessing official's
superior decides (ADMIN with the letter's reference where that superior is outside the platform), statements,
the rating changed through the predikat matrix with its rollups, who sees what, and every bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja.models import AuditEvent, Objection, ObjectionStatement, Rating, RatingRollup
from kinerja.services.auth import tokens
from kinerja.services.core import audit, clock
from test_ratings import ABOVE, BELOW, MEETS, REOPEN, assess, finalize, to_evaluation
from world import HEAD, PRINCIPAL, TEACHER_1

FILE = """mutation($nip: String!, $period: String = "2025", $reason: String!) {
  fileObjection(nip: $nip, period: $period, reason: $reason) {
    objection { id status reason oldPredikat oldResultRating person { nip } assessor { nip } decider { nip }
                mayDecide mayAddStatement }
    errors { path code message } } }"""
STATEMENT = """mutation($id: ID!, $text: String!) { addObjectionStatement(id: $id, text: $text) {
  objection { statements { role text author { nip } } } errors { path code message } } }"""
DECIDE = """mutation($input: ObjectionDecisionInput!) { decideObjection(input: $input) {
  objection { status newResultRating newBehaviorRating newPredikat decisionReason decisionReference }
  errors { path code message } } }"""
LIST = """query($awaiting: Boolean = false) { objections(awaitingMe: $awaiting) { id status person { nip } } }"""
RATING = """query($nip: String!) { person(nip: $nip) { rating(period: "2025") { predikat resultRating
  objection { id status newPredikat } } } }"""
COUNTS = """{ objectionCounts(period: "2025") { agency open upheld changed } }"""
REASON = "Capaian RHK 2 sudah 100 % dan tidak dipertimbangkan"


async def rated(api, world, who=TEACHER_1, token=None, result=MEETS, behavior=MEETS):
    """The person's 2025 rating finalized by their supervisor (or ADMIN for a head)."""
    await to_evaluation(api, world)
    await assess(who, result, behavior)
    done = await finalize(api, token or world.principal, who)
    assert done["errors"] == [], done


async def filed(api, token, who=TEACHER_1, reason=REASON) -> dict:
    done = (await api.gql(FILE, token=token, nip=who, reason=reason))["fileObjection"]
    assert done["errors"] == [], done
    return done["objection"]


async def test_filed_heard_and_changed_by_the_assessors_superior(api, world):
    await rated(api, world)
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    objection = await filed(api, world.teacher)
    assert (objection["status"], objection["oldPredikat"], objection["person"]["nip"], objection["assessor"]["nip"],
            objection["decider"]["nip"]) == ("OPEN", "BAIK", TEACHER_1, PRINCIPAL, HEAD)
    assert (objection["mayDecide"], objection["mayAddStatement"]) == (False, True)
    # the open objection shows on the rating, to those who see it
    shown = (await api.gql(RATING, token=world.teacher, nip=TEACHER_1))["person"]["rating"]["objection"]
    assert shown == {"id": objection["id"], "status": "OPEN", "newPredikat": None}
    # statements from the employee and the assessing official; the head sees it awaiting them
    for token, text in ((world.teacher, "Bukti terlampir di catatan kerja"), (world.principal, "Capaian RHK 2 95 %")):
        done = (await api.gql(STATEMENT, token=token, id=objection["id"], text=text))["addObjectionStatement"]
        assert done["errors"] == [], done
    assert [(s["role"], s["author"]["nip"]) for s in done["objection"]["statements"]] == [
        ("EMPLOYEE", TEACHER_1), ("ASSESSOR", PRINCIPAL)]
    awaiting = (await api.gql(LIST, token=head, awaiting=True))["objections"]
    assert [o["id"] for o in awaiting] == [objection["id"]]
    assert (await api.gql(LIST, token=world.principal, awaiting=True))["objections"] == []
    # reopening waits for the decision
    reopened = (await api.gql(REOPEN, token=world.admin, nip=TEACHER_1, reason="salah input"))["reopenRating"]
    assert [e["code"] for e in reopened["errors"]] == ["OBJECTION_OPEN"]
    # the head changes the results rating: the predikat follows the matrix, the rollups follow the predikat
    decided = (await api.gql(DECIDE, token=head, input={
        "id": objection["id"], "outcome": "CHANGED", "resultRating": ABOVE, "reason": "RHK 2 tercapai penuh"}))[
        "decideObjection"]
    assert decided["errors"] == [], decided
    assert decided["objection"] == {"status": "CHANGED", "newResultRating": ABOVE, "newBehaviorRating": MEETS,
                                    "newPredikat": "BAIK", "decisionReason": "RHK 2 tercapai penuh",
                                    "decisionReference": None}
    rating = await Rating.get(person__nip=TEACHER_1, period="2025")
    assert (rating.result_rating, rating.behavior_rating, rating.predikat) == (ABOVE, MEETS, "BAIK")
    # final: no second decision, no more statements
    again = (await api.gql(DECIDE, token=head, input={"id": objection["id"], "outcome": "UPHELD", "reason": "x"}))[
        "decideObjection"]
    assert [e["code"] for e in again["errors"]] == ["OBJECTION_DECIDED"]
    late = (await api.gql(STATEMENT, token=world.teacher, id=objection["id"], text="lagi"))["addObjectionStatement"]
    assert [e["code"] for e in late["errors"]] == ["OBJECTION_DECIDED"]
    actions = [e.action for e in await AuditEvent.filter(entity="objection").order_by("id")]
    assert actions == ["objection.file", "objection.statement", "objection.statement", "objection.decide"]
    assert await AuditEvent.filter(action="rating.change").count() == 1
    assert (await audit.verify()).ok
    counted = (await api.gql(COUNTS, token=world.disdik_admin))["objectionCounts"]
    assert counted == [{"agency": "DISDIK", "open": 0, "upheld": 0, "changed": 1}]


async def test_a_changed_predikat_moves_the_rollups(api, world):
    await rated(api, world, result=BELOW, behavior=MEETS)  # BUTUH_PERBAIKAN
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    objection = await filed(api, world.teacher)
    decided = (await api.gql(DECIDE, token=head, input={"id": objection["id"], "outcome": "CHANGED",
                                                         "resultRating": MEETS, "reason": "dinilai ulang"}))
    assert decided["decideObjection"]["objection"]["newPredikat"] == "BAIK"
    agency = {r.predikat: r.ratings for r in await RatingRollup.filter(period="2025", unit_id=0)}
    assert (agency.get("BAIK"), agency.get("BUTUH_PERBAIKAN", 0)) == (1, 0)
    rating = await Rating.get(person__nip=TEACHER_1, period="2025")
    assert (rating.result_rating, rating.predikat) == (MEETS, "BAIK")


async def test_upheld_keeps_the_rating_and_admin_records_for_an_outside_superior(api, world):
    """PRINCIPAL's rating was given by HEAD, who has no superior in the platform: ADMIN records the decision, with
    the letter's reference."""
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    await rated(api, world, who=PRINCIPAL, token=head)
    objection = await filed(api, world.principal, who=PRINCIPAL)
    assert objection["decider"] is None and objection["assessor"]["nip"] == HEAD
    refused = (await api.gql(DECIDE, token=head, input={"id": objection["id"], "outcome": "UPHELD",
                                                         "reason": "tetap"}))["decideObjection"]
    assert [e["code"] for e in refused["errors"]] == ["FORBIDDEN"]
    missing = (await api.gql(DECIDE, token=world.admin, input={"id": objection["id"], "outcome": "UPHELD",
                                                                "reason": "tetap"}))["decideObjection"]
    assert [(e["code"], e["path"]) for e in missing["errors"]] == [("REFERENCE_REQUIRED", ["input", "reference"])]
    done = (await api.gql(DECIDE, token=world.admin, input={
        "id": objection["id"], "outcome": "UPHELD", "reason": "Penilaian sesuai bukti",
        "reference": "800/123/BKPSDM/2026"}))["decideObjection"]
    assert done["errors"] == [], done
    assert (done["objection"]["status"], done["objection"]["decisionReference"]) == ("UPHELD", "800/123/BKPSDM/2026")
    rating = await Rating.get(person__nip=PRINCIPAL, period="2025")
    assert (rating.result_rating, rating.predikat) == (MEETS, "BAIK")


async def test_only_those_involved_see_it(api, world):
    await rated(api, world)
    objection = await filed(api, world.teacher)
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    seen = {name: [o["id"] for o in (await api.gql(LIST, token=token))["objections"]]
            for name, token in (("teacher", world.teacher), ("principal", world.principal), ("head", head),
                                ("disdik_admin", world.disdik_admin), ("admin", world.admin),
                                ("dinkes_admin", world.dinkes_admin), ("nurse", world.nurse))}
    assert seen == {"teacher": [objection["id"]], "principal": [objection["id"]], "head": [objection["id"]],
                    "disdik_admin": [objection["id"]], "admin": [objection["id"]], "dinkes_admin": [],
                    "nurse": []}
    one = "query($id: ID!) { objection(id: $id) { reason } }"
    assert (await api.gql(one, token=world.nurse, id=objection["id"]))["objection"] is None
    assert (await api.gql(one, token=world.dinkes_admin, id=objection["id"]))["objection"] is None
    # a colleague who sees the teacher's rating does not see the objection on it
    colleague = await tokens.create_token("EMPLOYEE", nip=HEAD)  # HEAD sees it: the decider
    assert (await api.gql(RATING, token=colleague, nip=TEACHER_1))["person"]["rating"]["objection"] is not None
    statement = (await api.gql(STATEMENT, token=world.disdik_admin, id=objection["id"], text="catatan"))
    assert [e["code"] for e in statement["addObjectionStatement"]["errors"]] == ["FORBIDDEN"]
    unknown = (await api.gql(STATEMENT, token=world.nurse, id=objection["id"], text="x"))["addObjectionStatement"]
    assert [e["code"] for e in unknown["errors"]] == ["NOT_FOUND"]  # outside: it does not exist
    counts = (await api.errors(COUNTS, token=world.teacher))
    assert counts[0]["extensions"]["code"] == "FORBIDDEN"


async def test_bad_input_writes_nothing(api, world):
    await rated(api, world)
    before = (await Objection.all().count(), await ObjectionStatement.all().count(), await AuditEvent.all().count())
    cases = [
        (world.principal, {"nip": TEACHER_1, "reason": REASON}, "FORBIDDEN", ["nip"]),  # not the employee's own
        (world.teacher, {"nip": TEACHER_1, "reason": "   "}, "REQUIRED", ["reason"]),
        (world.teacher, {"nip": TEACHER_1, "reason": REASON, "period": "2025-Q1"}, "NOT_FOUND", ["period"]),
        (world.teacher, {"nip": TEACHER_1, "reason": REASON, "period": "2025-Q4"}, "INVALID_PERIOD", ["period"]),
        (world.teacher, {"nip": "199901012020011999", "reason": REASON}, "NOT_FOUND", ["nip"]),
    ]
    for token, variables, code, path in cases:
        done = (await api.gql(FILE, token=token, **variables))["fileObjection"]
        assert [(e["code"], e["path"]) for e in done["errors"]] == [(code, path)], (variables, done)
    assert (await Objection.all().count(), await ObjectionStatement.all().count(),
            await AuditEvent.all().count()) == before
    objection = await filed(api, world.teacher)
    before = (await ObjectionStatement.all().count(), await AuditEvent.all().count())
    empty = (await api.gql(STATEMENT, token=world.teacher, id=objection["id"], text="  "))["addObjectionStatement"]
    assert [(e["code"], e["path"]) for e in empty["errors"]] == [("REQUIRED", ["text"])]
    assert (await ObjectionStatement.all().count(), await AuditEvent.all().count()) == before
    twice = (await api.gql(FILE, token=world.teacher, nip=TEACHER_1, reason=REASON))["fileObjection"]
    assert [e["code"] for e in twice["errors"]] == ["OBJECTION_EXISTS"]
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    bad = [({"outcome": "UPHELD", "reason": "x", "resultRating": ABOVE}, "INVALID", ["input", "outcome"]),
           ({"outcome": "CHANGED", "reason": "x", "resultRating": MEETS}, "UNCHANGED", ["input", "resultRating"]),
           ({"outcome": "CHANGED", "reason": " ", "resultRating": ABOVE}, "REQUIRED", ["input", "reason"])]
    for variables, code, path in bad:
        done = (await api.gql(DECIDE, token=head, input={"id": objection["id"], **variables}))["decideObjection"]
        assert [(e["code"], e["path"]) for e in done["errors"]] == [(code, path)], (variables, done)
    assert (await Objection.get(id=int(objection["id"]))).status == "OPEN"
    principal = (await api.gql(DECIDE, token=world.principal, input={"id": objection["id"], "outcome": "UPHELD",
                                                                      "reason": "x"}))["decideObjection"]
    assert [e["code"] for e in principal["errors"]] == ["FORBIDDEN"]  # the assessor never decides their own


async def test_the_window_closes_after_the_configured_days(api, world):
    await rated(api, world)
    rating = await Rating.get(person__nip=TEACHER_1, period="2025")
    finalized_on = rating.finalized_at.astimezone(clock.WIB).date()
    try:
        clock.pin(finalized_on + dt.timedelta(days=15))
        late = (await api.gql(FILE, token=world.teacher, nip=TEACHER_1, reason=REASON))["fileObjection"]
        assert [e["code"] for e in late["errors"]] == ["OBJECTION_PERIOD_OVER"]
        assert str(finalized_on + dt.timedelta(days=14)) in late["errors"][0]["message"]
        clock.pin(finalized_on + dt.timedelta(days=14))  # the last day is still in
        assert (await filed(api, world.teacher))["status"] == "OPEN"
    finally:
        clock.pin(None)


@pytest.mark.parametrize("value, ok", [("1", True), ("365", True), ("0", False), ("366", False), ("x", False)])
def test_the_window_is_a_setting(value, ok):
    from kinerja.settings import Settings, SettingsError

    if ok:
        assert Settings.from_env({"KINERJA_OBJECTION_DAYS": value}).objection_days == int(value)
    else:
        with pytest.raises(SettingsError, match="KINERJA_OBJECTION_DAYS"):
            Settings.from_env({"KINERJA_OBJECTION_DAYS": value})
