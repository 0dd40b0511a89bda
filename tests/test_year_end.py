"""The last quarter and the year are one evaluation (services/evaluation/year_end.py, cycles/gate.py):
assessments, ratings and the organisation predikat refuse the last periodic period and name the year; data
written before the rule is folded into the year's by migration 0010 (`year_end.fold`), nothing lost."""

from __future__ import annotations

import datetime as dt

from tortoise.transactions import in_transaction

from kinerja.models import Assessment, AuditEvent, Cycle, OrgRating, Person, Rating
from kinerja.services.core import audit, rollups
from kinerja.services.evaluation import year_end
from test_ratings import ORG, STATUS, assess
from world import DINKES_HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2

SELF = """mutation($period: String!) { submitSelfAssessment(input: {nip: "%s", period: $period,
  resultRating: SESUAI_EKSPEKTASI, behaviorRating: SESUAI_EKSPEKTASI}) { errors { path code message } } }"""
FINALIZE = """mutation($nip: String!, $period: String!) { finalizeRating(input: {nip: $nip, period: $period}) {
  errors { path code message } } }"""
CYCLES = "{ cycles { year periods evaluationPeriods } }"
MEETS, ABOVE = "SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"


async def test_the_cycle_names_its_evaluation_periods(api, world):
    data = await api.gql(CYCLES, token=world.teacher)
    assert data["cycles"] == [{"year": 2025, "periods": ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2025"],
                               "evaluationPeriods": ["2025-Q1", "2025-Q2", "2025-Q3", "2025"]}]


async def test_the_last_quarter_is_refused_for_assessments_ratings_and_the_org_predikat(api, world):
    for status in ("ACTIVE", "EVALUATION"):
        assert (await api.gql(STATUS, token=world.admin, s=status))["setCycleStatus"]["errors"] == []
    refused = (await api.gql(SELF % TEACHER_1, token=world.teacher, period="2025-Q4"))["submitSelfAssessment"]
    assert [(e["path"], e["code"]) for e in refused["errors"]] == [(["input", "period"], "INVALID_PERIOD")]
    assert "use 2025" in refused["errors"][0]["message"]
    await assess(TEACHER_2, MEETS, MEETS, period="2025")
    refused = (await api.gql(FINALIZE, token=world.principal, nip=TEACHER_2, period="2025-Q4"))["finalizeRating"]
    assert [(e["path"], e["code"]) for e in refused["errors"]] == [(["input", "period"], "INVALID_PERIOD")]
    refused = (await api.gql(ORG, token=world.admin, period="2025-Q4", predikat="BAIK"))["setOrgPredikat"]
    assert [(e["path"], e["code"]) for e in refused["errors"]] == [(["period"], "INVALID_PERIOD")]
    # the other quarters and the year are taken
    for period in ("2025-Q3", "2025"):
        ok = (await api.gql(SELF % TEACHER_1, token=world.teacher, period=period))["submitSelfAssessment"]
        assert ok["errors"] == [], ok
    assert (await api.gql(FINALIZE, token=world.principal, nip=TEACHER_2, period="2025"))["finalizeRating"][
        "errors"] == []


async def _rating(who: str, assessment: Assessment, period: str, predikat: str = "BAIK") -> Rating:
    p = await Person.get(nip=who)
    return await Rating.create(person_id=p.id, agency_id=p.agency_id, unit_id=p.unit_id,
                               cycle_id=assessment.cycle_id, period=period, assessment_id=assessment.id,
                               result_rating=assessment.result_rating, behavior_rating=assessment.behavior_rating,
                               predikat=predikat, finalized_by="test", finalized_at=dt.datetime.now(dt.timezone.utc))


async def test_fold_moves_what_the_year_lacks_and_archives_the_rest(api, world):
    """Rows as an earlier version wrote them (Q4 and the year side by side), folded once."""
    cycle = await Cycle.get(year=2025)
    # TEACHER_1: Q4 only (self, supervisor, rating) -> all become the year's
    t1_self = await assess(TEACHER_1, MEETS, MEETS, period="2025-Q4", kind="SELF")
    t1_sup = await assess(TEACHER_1, ABOVE, MEETS, period="2025-Q4")
    t1_rating = await _rating(TEACHER_1, t1_sup, "2025-Q4")
    # TEACHER_2: Q4 and the year both rated -> the year's stays, Q4's rating and assessment archived
    t2_q4 = await assess(TEACHER_2, ABOVE, ABOVE, period="2025-Q4")
    await _rating(TEACHER_2, t2_q4, "2025-Q4", "SANGAT_BAIK")
    t2_year = await assess(TEACHER_2, MEETS, MEETS, period="2025")
    t2_rating = await _rating(TEACHER_2, t2_year, "2025")
    # PRINCIPAL: a Q4 rating, and an unfinalized supervisor assessment of the year -> the rated Q4 one wins
    p_q4 = await assess(PRINCIPAL, MEETS, MEETS, period="2025-Q4")
    p_rating = await _rating(PRINCIPAL, p_q4, "2025-Q4")
    p_year = await assess(PRINCIPAL, ABOVE, ABOVE, period="2025")
    # NURSE: a self-assessment of Q4 and of the year, nothing rated -> the year's stays
    n_q4 = await assess(NURSE, MEETS, MEETS, period="2025-Q4", kind="SELF")
    n_year = await assess(NURSE, ABOVE, MEETS, period="2025", kind="SELF")
    # organisation predikat: DISDIK Q4 only -> moved; DINKES both -> Q4 archived
    disdik = (await Person.get(nip=TEACHER_1)).agency_id
    dinkes = (await Person.get(nip=DINKES_HEAD)).agency_id
    now = dt.datetime.now(dt.timezone.utc)
    org_moved = await OrgRating.create(agency_id=disdik, cycle_id=cycle.id, period="2025-Q4", predikat="BAIK",
                                       set_by="test", set_at=now)
    await OrgRating.create(agency_id=dinkes, cycle_id=cycle.id, period="2025-Q4", predikat="ISTIMEWA",
                           set_by="test", set_at=now)
    await OrgRating.create(agency_id=dinkes, cycle_id=cycle.id, period="2025", predikat="BAIK", set_by="test",
                           set_at=now)
    events_before = await AuditEvent.all().count()

    async with in_transaction() as conn:
        done = await year_end.fold(conn)

    assert done.moved == {"rating": 2, "assessment": 3, "org_rating": 1}
    assert done.archived == {"rating": 1, "assessment": 3, "org_rating": 1}
    assert not await Assessment.filter(period="2025-Q4").exists()
    assert not await Rating.filter(period="2025-Q4").exists()
    assert not await OrgRating.filter(period="2025-Q4").exists()
    # moved rows keep their ids and content
    assert (await Rating.get(id=t1_rating.id)).period == "2025"
    assert {a.id for a in await Assessment.filter(person__nip=TEACHER_1, period="2025")} == {t1_self.id, t1_sup.id}
    assert (await Rating.get(id=p_rating.id)).assessment_id == p_q4.id
    assert (await Assessment.get(id=p_q4.id)).period == "2025"
    assert not await Assessment.filter(id=p_year.id).exists()
    assert (await Rating.get(person__nip=TEACHER_2, period="2025")).id == t2_rating.id
    assert (await Assessment.get(person__nip=NURSE, kind="SELF", period="2025")).id == n_year.id
    assert (await OrgRating.get(id=org_moved.id)).period == "2025"
    assert (await OrgRating.get(agency_id=dinkes, period="2025")).predikat == "BAIK"
    # nothing lost: each archived row is in the trail whole; each move is audited; the chain and rollups hold
    archived = await AuditEvent.filter(id__gt=0, action__endswith=".archive").order_by("id")
    assert {(e.action, e.entity_id) for e in archived} == {
        ("rating.archive", f"{TEACHER_2}/2025-Q4"), ("assessment.archive", f"{TEACHER_2}/2025-Q4/SUPERVISOR"),
        ("assessment.archive", f"{PRINCIPAL}/2025/SUPERVISOR"), ("assessment.archive", f"{NURSE}/2025-Q4/SELF"),
        ("org_rating.archive", f"{dinkes}/2025-Q4")}
    nurse_row = next(e for e in archived if e.entity_id == f"{NURSE}/2025-Q4/SELF").before
    assert nurse_row["id"] == n_q4.id and nurse_row["result_rating"] == MEETS and nurse_row["kind"] == "SELF"
    assert await AuditEvent.all().count() == events_before + 5 + 6
    assert all(e.actor == year_end.ACTOR for e in await AuditEvent.filter(id__gt=0).order_by("-id").limit(11))
    assert (await audit.verify()).ok
    assert await rollups.check() == []

    async with in_transaction() as conn:  # a second run finds nothing to do
        again = await year_end.fold(conn)
    assert sum(again.moved.values()) + sum(again.archived.values()) == 0
    assert await AuditEvent.all().count() == events_before + 11
