"""The demo's SKP targets and measurements: DISDIK schools and PIMPINAN, DPMPTSP staff, in each of its three cycles
(at DEMO_TODAY 2025-11-20: 2023 CLOSED, 2024 EVALUATION, 2025 ACTIVE; read from demo_years); APK a band target, APS
one per age band, some schools aiming at no dropouts, graduation measured for the year only; the evaluations, the
objections, and something on every demo sign-in's "Tugas saya"."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from conftest import DEMO_TODAY
from kinerja import db
from kinerja.demo.data import build_demo
from kinerja.demo.accounts import demo_employee
from kinerja.demo.loader import demo_years
from kinerja.demo.skp import current_period
from kinerja.demo.measurements import DUE_EVERY
from kinerja.demo.accounts import demo_accounts
from demo_templates import demo_template_of
from kinerja.models import (ActingAssignment, Assessment, Assignment, AuditEvent, Cycle, DevelopmentPlan,
                            IndicatorDraft, Measurement,
                            Objection, OrgRating, PerformanceFeedback, Person, Rating, ServicePopulation, Skp, SkpItem,
                            SurveyResponse, Target, UnitOrgRating, WorkLogEntry)
from kinerja.services.auth import tokens
from kinerja.services.core import clock
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.cycles.gate import evaluation_periods_of
from kinerja.services.tasks.awaiting import my_tasks
from kinerja.services.evaluation import credit_points, development_hours, unit_head
from kinerja.services.reports import impact
from kinerja.services.evaluation.assessments import headed_unit
from kinerja.services.core import audit, rollups
from kinerja.services.evaluation import curve
from kinerja.services.indicators.catalog import Catalog
from kinerja.demo.loader import DEMO_INDICATORS, demo_catalog, load_demo, plan_measurements, plan_targets
from kinerja.settings import Settings
from kinerja.specs.capaian import Scoring, achievement

pytestmark = pytest.mark.slow

SCHOOLS = 42  # SDN-* and SMPN-* of DISDIK
STAFF = 53  # DPMPTSP people with a supervisor
AGENCY = ("DISDIK.APK", "DISDIK.APM", "DISDIK.APS_7_12", "DISDIK.APS_13_15", "DISDIK.APS_16_18")  # PIMPINAN's
TARGETS_PER_CYCLE = SCHOOLS * 2 + len(AGENCY) + STAFF * 2  # KELULUSAN + PUTUS_SEKOLAH, AGENCY, the two permit ones
# the demo's years at DEMO_TODAY, oldest first: CLOSED, EVALUATION, ACTIVE (with the quarters that have ended)
(CLOSED, _, _, _), (EVALUATING, _, _, _), (ACTIVE, ENDED, _, _) = demo_years(dt.date.fromisoformat(DEMO_TODAY))
# a year before: KELULUSAN, PUTUS_SEKOLAH and AGENCY for the year, DPMPTSP Q1-Q4 + year; the active year DPMPTSP's
# ended quarters only, every DUE_EVERY-th officer's last one still due
LATE = STAFF // DUE_EVERY
FULL_YEAR = SCHOOLS * 2 + len(AGENCY) + STAFF * 2 * 5
MEASUREMENTS = {CLOSED: FULL_YEAR, EVALUATING: FULL_YEAR, ACTIVE: STAFF * 2 * len(ENDED) - LATE * 2}
YEARS = (CLOSED, EVALUATING, ACTIVE)
ZERO_TARGET_SCHOOLS = 7  # every sixth of the 42 schools aims at no dropouts
# plausible values per indicator
VALUES = {
    "DISDIK.KELULUSAN": (85, 100), "DISDIK.PUTUS_SEKOLAH": (0, 3), "DISDIK.APK": (95, 110),
    "DISDIK.APM": (85, 100), "DISDIK.APS_7_12": (97, 100), "DISDIK.APS_13_15": (94, 100),
    "DISDIK.APS_16_18": (80, 95), "DPMPTSP.IZIN_TEPAT_WAKTU": (80, 100), "DPMPTSP.RATA_HARI_PROSES": (3, 8),
}


def forget_dialect() -> None:
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    EXECUTOR_CACHE.clear()


async def load(url: str, catalog: Catalog | None = None, printed: str | None = None) -> tuple[list[str], dict]:
    """Load the demo into `url` and read what it made; or, given what `kinerja demo` printed, read a copy of the
    demo the run loaded once (tests/demo_templates.py)."""
    forget_dialect()
    await db.connect(url)
    try:
        lines: list[str] = []
        if printed is not None:
            lines = printed.splitlines()
        else:
            assert await load_demo(progress=lines.append,
                                   catalog=catalog or demo_catalog(Settings(database_url=url))[0],
                                   today=dt.date.fromisoformat(DEMO_TODAY))
        tasks = {}
        with clock.pinned(DEMO_TODAY):
            for account in await demo_accounts():
                viewer = await tokens.resolve_token(await tokens.create_token(
                    account.role, nip=None if account.role == "AGENCY_ADMIN" else account.nip,
                    agency="DISDIK" if account.role == "AGENCY_ADMIN" else None, label="test"))
                tasks[account.password] = await my_tasks(Access(viewer))
        targets = await Target.all().prefetch_related("cycle", "indicator", "unit", "person")
        measurements = await Measurement.all().prefetch_related("target__cycle", "target__indicator")
        cycles = {c.year: c.status for c in await Cycle.all()}
        evaluation = {
            "people": {p.id: p for p in await Person.all()},
            "past": await Assignment.all(),
            "acting": await ActingAssignment.all(),
            "ratings": await Rating.all().prefetch_related("assessment"),
            "orgs": await OrgRating.all().prefetch_related("agency"),
            "unit_orgs": await UnitOrgRating.all().prefetch_related("unit"),
            "unit_org_events": await AuditEvent.filter(action="unit_org_rating.set").count(),
            "heads": {u.id: p.id for p in await Person.filter(agency__code="DISDIK")
                      for u in [await headed_unit(p)] if u is not None},
            "responses": await SurveyResponse.all(),
            "populations": await ServicePopulation.all(),
            "verify": await audit.verify(),
            "rating_events": await AuditEvent.filter(action="rating.finalize").count(),
            "survey_events": await AuditEvent.filter(action="survey.submit").count(),
            "rollup_differences": await rollups.check(),
            "skps": await Skp.all().prefetch_related("person", "cycle"),
            "items": await SkpItem.all().prefetch_related("revision__skp", "indicators"),
            "work_log": await WorkLogEntry.all().prefetch_related("agency"),
            "feedback": await PerformanceFeedback.all(),
            "head": await demo_employee(),
            "objections": await Objection.all().order_by("id"),
            "assessments": set(await Assessment.all().values_list("person_id", "period", "kind")),
            "drafts": {(d.agency.code, d.code): d.status for d in await IndicatorDraft.all().prefetch_related("agency")},
            "tasks": tasks,
            "plans": await DevelopmentPlan.all().prefetch_related("person", "cycle", "actions").order_by("id"),
        }
        evaluation["development_hours"] = await development_hours.hours_of(
            [(p.person_id, EVALUATING, Settings().min_development_hours) for p in evaluation["plans"]])
        with clock.pinned(DEMO_TODAY):  # the agency whose IKM rose after training (issue 23 §3)
            evaluation["impact"] = await impact.impact(Access(SYSTEM), "DPMPTSP", EVALUATING, ACTIVE)
        with clock.pinned(DEMO_TODAY):  # the teachers in functional posts (issue 23 §2)
            evaluation["credit"] = await credit_points.agency_page(Access(SYSTEM), "DISDIK", CLOSED, 100)
            evaluation["credit_active"] = await credit_points.agency_page(Access(SYSTEM), "DISDIK", ACTIVE, 100)
        return lines, {"targets": targets, "measurements": measurements, "cycles": cycles, **evaluation}
    finally:
        await db.close()


def quarters(year: int, which: tuple[str, ...] = ("Q1", "Q2", "Q3", "Q4")) -> list[str]:
    return [f"{year}-{q}" for q in which]


async def test_targets_and_measurements_of_the_three_years(demo_database_url, request):
    template = demo_template_of(request, "sqlite" if demo_database_url.startswith("sqlite") else "postgres")
    lines, found = await load(demo_database_url, printed=template.printed)
    assert "demo data loaded" in lines
    assert found["cycles"] == {CLOSED: "CLOSED", EVALUATING: "EVALUATION", ACTIVE: "ACTIVE"}
    assert (CLOSED, EVALUATING, ACTIVE) == (2023, 2024, 2025)  # DEMO_TODAY's year and the two before it
    for year in (CLOSED, EVALUATING):
        assert f"cycle {year}: {TARGETS_PER_CYCLE} targets, {MEASUREMENTS[year]} measurements " \
               f"({', '.join([*quarters(year), str(year)])})" in lines, lines
    assert f"cycle {ACTIVE}: {TARGETS_PER_CYCLE} targets, {MEASUREMENTS[ACTIVE]} measurements " \
           f"({', '.join(quarters(ACTIVE, ENDED))})" in lines, lines

    targets = found["targets"]
    per_cycle = Counter((t.cycle.year, t.indicator.full_code) for t in targets)
    for year in YEARS:
        assert per_cycle[(year, "DISDIK.KELULUSAN")] == SCHOOLS
        assert per_cycle[(year, "DISDIK.PUTUS_SEKOLAH")] == SCHOOLS
        for code in AGENCY:
            assert per_cycle[(year, code)] == 1
        assert (year, "DISDIK.APS") not in per_cycle  # APS per age band, never pooled
        assert per_cycle[(year, "DPMPTSP.IZIN_TEPAT_WAKTU")] == STAFF
        assert per_cycle[(year, "DPMPTSP.RATA_HARI_PROSES")] == STAFF
    assert len(targets) == len(YEARS) * TARGETS_PER_CYCLE
    apk = [t for t in targets if t.indicator.full_code == "DISDIK.APK"]
    assert {(t.value, t.lower_bound, t.upper_bound) for t in apk} == {(100.0, 95.0, 105.0)}  # a band
    zero = [t for t in targets if t.indicator.full_code == "DISDIK.PUTUS_SEKOLAH" and t.value == 0]
    assert len(zero) == len(YEARS) * ZERO_TARGET_SCHOOLS  # no dropouts at all, each year
    assert all(t.lower_bound is None for t in targets if t.indicator.full_code != "DISDIK.APK")
    for t in targets:
        if t.indicator.full_code.startswith("DISDIK."):
            assert t.person is None and t.unit is not None
            assert t.unit.code.startswith(("SDN-", "SMPN-")) or (
                t.unit.code == "PIMPINAN" and t.indicator.level == "agency"), (t.unit.code, t.indicator.full_code)
        else:
            assert t.unit is None and t.person is not None and t.person.supervisor_id is not None
    # the same targets every year; staff targets hang under their supervisor's of the same indicator
    same = [Counter((t.indicator.full_code, t.work_result, t.value) for t in targets if t.cycle.year == year)
            for year in YEARS]
    assert same[0] == same[1] == same[2]
    by_id = {t.id: t for t in targets}
    children = [t for t in targets if t.parent_id]
    assert len(children) == len(YEARS) * (STAFF - 1) * 2  # all but the head, two indicators, every year
    for t in children:
        parent = by_id[t.parent_id]
        assert parent.person_id == t.person.supervisor_id
        assert (parent.cycle_id, parent.indicator_id) == (t.cycle_id, t.indicator_id)

    measurements = found["measurements"]
    assert len(measurements) == sum(MEASUREMENTS.values())
    periods = Counter(m.period for m in measurements)
    assert sorted(periods) == sorted([*quarters(CLOSED), str(CLOSED), *quarters(EVALUATING), str(EVALUATING),
                                      *quarters(ACTIVE, ENDED)])
    for year in (CLOSED, EVALUATING):
        assert periods[str(year)] == SCHOOLS * 2 + len(AGENCY) + STAFF * 2
        for q in quarters(year):  # graduation, dropouts and participation are annual
            assert periods[q] == STAFF * 2
    # the active year: every ended quarter measured, but for a few officers' last one (their own targets: due)
    assert [periods[q] for q in quarters(ACTIVE, ENDED)] == [STAFF * 2] * (len(ENDED) - 1) + [(STAFF - LATE) * 2]
    for m in measurements:
        code = m.target.indicator.full_code
        assert m.period.startswith(str(m.target.cycle.year))
        low, high = VALUES[code]
        assert low <= m.value <= high, (code, m.period, m.value)
        assert 0 <= m.achievement <= 120, (code, m.period, m.achievement)  # the cap
        t, rule = m.target, m.target.indicator.definition["achievement"]
        expected = achievement(m.value, t.value, t.indicator.direction, t.lower_bound, t.upper_bound,
                               Scoring(cap=rule["cap"], over=rule["over"], best=rule["best"]))
        assert m.achievement == pytest.approx(expected), (code, m.period)
        if t.indicator.direction == "higher_is_better":  # lower_is_better spans 0-120 %
            assert 75 <= m.achievement <= 120, (code, m.period, m.achievement)
        assert m.recorded_by == "system"
    # the cap is there to see: achievements above 110 % scored 120, and schools that graduated everyone against a
    # target of 100 % (the maximum) scored 120 as well
    assert any(m.achievement == 120.0 for m in measurements if m.target.indicator.full_code.startswith("DPMPTSP."))
    assert any(m.achievement == 120.0 and m.target.value == 100 and m.value == 100
               for m in measurements if m.target.indicator.full_code == "DISDIK.KELULUSAN")
    # annual figures are the sums of the quarters
    by_period = {(m.target_id, m.period): m.inputs for m in measurements}
    for m in measurements:
        if m.period in (str(CLOSED), str(EVALUATING)) and m.target.indicator.full_code in (
                "DPMPTSP.IZIN_TEPAT_WAKTU", "DPMPTSP.RATA_HARI_PROSES"):
            for name, total in m.inputs.items():
                assert total == sum(by_period[(m.target_id, f"{m.period}-Q{q}")][name] for q in range(1, 5))
    # a spread of ratings, not one
    ratings = Counter(m.suggested_rating for m in measurements)
    assert set(ratings) == {"DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"}, ratings
    check_evaluation(lines, found)
    check_unit_predikat(lines, found)
    check_skps(found)
    check_objections(found)
    check_moves(lines, found)
    check_credit_points(lines, found)
    check_tasks(found)
    check_development(lines, found)


def check_development(lines: list[str], found: dict) -> None:
    """kinerja.demo.development: five DISDIK plans of the year in evaluation, one per state, each proposed by a
    rating of BUTUH_PERBAIKAN or worse (the default plugin's actions, then the recommendations), required by it;
    the hours met by one and short for another; the head of DISDIK and its staff member find plans on their tasks.
    Beside them, DPMPTSP's permit officers were trained (no low rating requires those plans), and the impact report
    shows the agency's IKM rising the year after."""
    plans = [p for p in found["plans"] if p.required_period]
    assert f"cycle {EVALUATING}: 5 development plans (draft, employee_agreed, done_awaiting, hours_met, " \
           f"hours_short)" in lines, lines
    assert [p.cycle.year for p in plans] == [EVALUATING] * 5
    assert all(p.person.agency_id == plans[0].person.agency_id and p.required_period for p in plans)
    lows = {(r.person_id, r.period): r.predikat for r in found["ratings"]}
    assert all(lows[(p.person_id, p.required_period)] in ("BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG")
               for p in plans)
    states = [(p.status, p.employee_agreed_at is not None, p.official_agreed_at is not None,
               sorted(a.status for a in p.actions if a.status != "PLANNED")) for p in plans]
    assert states == [("DRAFT", False, False, []), ("DRAFT", True, False, []), ("AGREED", True, True, ["DONE"]),
                      ("AGREED", True, True, ["CONFIRMED", "CONFIRMED"]), ("AGREED", True, True, ["CONFIRMED"])]
    for p in plans:
        sources = [a.source for a in sorted(p.actions, key=lambda a: a.position)]
        assert sources[0] == "PROPOSED" and sources[-1] == "RECOMMENDATION", sources
    hours = found["development_hours"]
    met, short = (hours[(p.person_id, EVALUATING, 20)] for p in plans[3:])
    assert (met.done, met.met, short.done, short.met) == (24, True, 8, False)
    assert hours[(plans[2].person_id, EVALUATING, 20)].awaiting == 6
    kinds = {password: {g.kind for g in tasks.groups} for password, tasks in found["tasks"].items()}
    development = {"DEVELOPMENT_PLANS_TO_AGREE", "DEVELOPMENT_ACTIONS_TO_CONFIRM"}
    assert kinds["demo-kepala-disdik"] & development or kinds["demo-staf-disdik"] & development, kinds
    trained = [p for p in found["plans"] if not p.required_period]
    assert f"cycle {EVALUATING}: {len(trained)} DPMPTSP officers trained (24 JP each, confirmed)" in lines, lines
    assert len(trained) == 9 and all(p.status == "AGREED" and [(a.kind, a.status, a.hours_done) for a in p.actions]
                                     == [("TRAINING", "CONFIRMED", 24)] for p in trained)
    years = {r.year: r for r in found["impact"].rows if r.unit is None}
    assert years[EVALUATING].hours_done == 24 * 9 and years[EVALUATING].hours_met == 9
    assert years[ACTIVE].ikm > years[EVALUATING].ikm + 2, (years[EVALUATING].ikm, years[ACTIVE].ikm)
    counter = {(r.year, r.unit): r for r in found["impact"].rows}
    assert counter[(ACTIVE, "BID-PPNP")].ikm > counter[(EVALUATING, "BID-PPNP")].ikm


def check_tasks(found: dict) -> None:
    """Every demo sign-in has something on "Tugas saya": ADMIN the Sekda to assess (nobody else may) and the
    submitted draft, the DISDIK admin its returned draft, the head their own self-assessment, their staff's
    assessments, an SKP and objections of both years; the Sekretaris (the staff sign-in) her self-assessment, her
    staff's assessments and an objection. A few DPMPTSP officers have their own targets' last quarter to record."""
    kinds = {password: {g.kind for g in tasks.groups} for password, tasks in found["tasks"].items()}
    assert set(kinds) == {"demo-bkpsdm-admin", "demo-disdik-admin", "demo-kepala-disdik", "demo-staf-disdik"}
    assert all(kinds.values()), kinds
    assert {"ASSESSMENTS", "INDICATOR_DRAFTS_TO_APPROVE"} <= kinds["demo-bkpsdm-admin"]
    assert kinds["demo-disdik-admin"] == {"INDICATOR_DRAFTS_TO_REWORK"}
    assert found["drafts"][("DISDIK", "GURU_SERTIFIKASI")] == "REJECTED"
    assert {"SELF_ASSESSMENT", "ASSESSMENTS", "SKPS_TO_APPROVE", "OBJECTIONS_TO_DECIDE"} <= kinds["demo-kepala-disdik"]
    assert {"SELF_ASSESSMENT", "ASSESSMENTS", "OBJECTIONS_TO_DECIDE"} <= kinds["demo-staf-disdik"]
    head = found["tasks"]["demo-kepala-disdik"]
    assert {g.cycle for g in head.groups if g.kind == "OBJECTIONS_TO_DECIDE"} == {CLOSED, EVALUATING}
    assert {g.period for g in head.groups if g.kind == "SELF_ASSESSMENT"} == {str(EVALUATING)}
    # own targets: the DUE_EVERY-th officers' last ended quarter is not yet measured
    last = quarters(ACTIVE, ENDED)[-1]
    measured = {m.target.person_id for m in found["measurements"] if m.period == last and m.target.person_id}
    holders = {t.person_id for t in found["targets"] if t.cycle.year == ACTIVE and t.person_id}
    assert len(holders - measured) == LATE


def check_moves(lines: list[str], found: dict) -> None:
    """kinerja.demo.moves at 2025-11-20: a teacher moved on 1 July, DISPORA's head left on 1 September and the
    secretary acts (Plt) until 31 December; the head's staff report to the vacant post."""
    people, past = found["people"], found["past"]
    (teacher,) = [a for a in past if a.reason and "Mutasi Guru" in a.reason]
    assert (teacher.starts_on, teacher.ends_on) == (None, dt.date(2025, 6, 30))
    assert people[teacher.person_id].assigned_since == dt.date(2025, 7, 1)
    assert people[teacher.person_id].unit_id != teacher.unit_id
    (plt,) = found["acting"]
    assert (plt.kind, plt.starts_on, plt.ends_on) == ("PLT", dt.date(2025, 9, 1), dt.date(2025, 12, 31))
    vacant = [p for p in people.values() if p.reports_to_post_id == plt.post_id]
    assert vacant and all(p.supervisor_id is None and p.assigned_since == dt.date(2025, 9, 1) for p in vacant)
    assert plt.person_id in {p.id for p in vacant}  # the secretary reported to the head too
    assert not any(p.post_id == plt.post_id for p in people.values())  # nobody holds the post
    assert any(line.startswith("acting: ") for line in lines) and any(line.startswith("moved: ") for line in lines)


def check_credit_points(lines: list[str], found: dict) -> None:
    """kinerja.demo.moves: three teachers are Guru Ahli Pertama (12.5) all of the closed year, rated for it, so they
    have credit points (12.5 x the predikat's percentage); one is Guru Ahli Muda (25) from 1 July of the active
    year, not rated yet."""
    closed = found["credit"].rows
    assert len(closed) == 3 and any(line.startswith("functional posts: 3 teachers") for line in lines), lines
    percent = dict(credit_points.DEFAULT_PERCENTAGES)
    for row in closed:
        assert row.rated and [(p.post, p.days) for p in row.parts] == [("Guru Ahli Pertama", 365)], row
        assert row.points == credit_points.rounded(credit_points.Decimal("12.5") * percent[row.predikat] / 100)
    promoted = [r for r in found["credit_active"].rows if len(r.parts) == 2]
    assert len(promoted) == 1 and not promoted[0].rated
    assert [(p.post, p.first_day) for p in promoted[0].parts] == [
        ("Guru Ahli Pertama", dt.date(2025, 1, 1)), ("Guru Ahli Muda", dt.date(2025, 7, 1))]


def check_unit_predikat(lines: list[str], found: dict) -> None:
    """DISDIK's schools have their own predikat: the closed and the evaluated year's evaluation periods (most BAIK,
    a few ISTIMEWA and BUTUH_PERBAIKAN), in the closed year with each school's spread keeping its curve and its
    head's results following it, and the active year's ended quarters from the schools' results; every one
    audited."""
    unit_orgs, ratings, people = found["unit_orgs"], found["ratings"], found["people"]
    assert {u.unit.code[:4] for u in unit_orgs} <= {"SDN-", "SMPN"}
    per_period = Counter(u.period for u in unit_orgs)
    assert per_period == {p: SCHOOLS for p in [*evaluated(CLOSED), *evaluated(EVALUATING), *quarters(ACTIVE, ENDED)]}
    for year in (CLOSED, EVALUATING):
        assert {u.predikat for u in unit_orgs if u.period == str(year)} == {"ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN"}
    assert found["unit_org_events"] == len(unit_orgs)
    assert f"cycle {ACTIVE}: {SCHOOLS * len(ENDED)} organisation predikat of DISDIK's schools " \
           f"({', '.join(quarters(ACTIVE, ENDED))})" in lines, lines
    changed = {(o.person_id, o.period) for o in found["objections"] if o.status == "CHANGED"}
    headcount = Counter(p.unit_id for p in people.values())
    heads = found["heads"]
    for u in unit_orgs:
        if u.period not in evaluated(CLOSED):
            continue
        mine = [r for r in ratings if r.unit_id == u.unit_id and r.period == u.period]
        if any((r.person_id, r.period) in changed for r in mine):
            continue  # re-rated by an objection since
        counts = Counter(r.predikat for r in mine)
        assert curve.check(curve.DEFAULT_RULES, u.predikat, counts, headcount[u.unit_id], "unit") == [], (
            u.unit.code, u.period, u.predikat, counts)
        head = next(r for r in mine if r.person_id == heads[u.unit_id])
        assert head.result_rating == unit_head.DEFAULT_MAPPING[u.predikat], (u.unit.code, u.period)


def check_objections(found: dict) -> None:
    """Three objections to the closed year's annual ratings, two levels below the head of DISDIK: open (the head
    decides), upheld, changed (the rating row holds the new ratings); two open ones to finalized ratings of the year
    in evaluation, decided by the head's first staff member (the staff sign-in) and by the head."""
    objections, people, head = found["objections"], found["people"], found["head"]
    closed = [o for o in objections if o.cycle_id == objections[0].cycle_id]
    assert [(o.period, o.status) for o in closed] == [(str(CLOSED), s) for s in ("OPEN", "UPHELD", "CHANGED")]
    for o in closed:
        assessor = people[o.assessor_id]
        assert (people[o.person_id].supervisor_id, assessor.supervisor_id, o.decider_id) == (
            assessor.id, head.id, head.id)
    secretary = min((p for p in people.values() if p.supervisor_id == head.id), key=lambda p: p.id)
    open_ones = objections[len(closed):]
    assert [o.status for o in open_ones] == ["OPEN", "OPEN"]
    assert [o.decider_id for o in open_ones] == [secretary.id, head.id]
    rated = {(r.person_id, r.period): r for r in found["ratings"]}
    for o in open_ones:
        assert o.period in evaluated(EVALUATING) and (o.person_id, o.period) in rated
        assert (people[o.person_id].supervisor_id, people[o.assessor_id].supervisor_id) == (o.assessor_id,
                                                                                             o.decider_id)
    changed = closed[2]
    rating = next(r for r in found["ratings"] if r.person_id == changed.person_id and r.period == str(CLOSED))
    assert (rating.result_rating, rating.predikat) == (changed.new_result_rating, changed.new_predikat)
    assert changed.new_result_rating != changed.old_result_rating


def check_skps(found: dict) -> None:
    """Everyone has an SKP of the ACTIVE cycle, cascaded from the heads; a named handful not approved; DISDIK and
    DPMPTSP logged four weeks of work back from the platform's date, and got feedback."""
    people, skps, today = found["people"], found["skps"], dt.date.fromisoformat(DEMO_TODAY)
    assert {s.cycle.year for s in skps} == {ACTIVE} and len(skps) == len(people)
    states = Counter(s.status for s in skps)
    assert states == {"APPROVED": len(people) - 4, "RETURNED": 1, "SUBMITTED": 2, "DRAFT": 1}, states
    staff = sorted((p for p in people.values() if p.supervisor_id == found["head"].id), key=lambda p: p.id)
    by_person = {s.person_id: s for s in skps}
    assert [by_person[p.id].status for p in staff[:3]] == ["RETURNED", "SUBMITTED", "DRAFT"]
    assert all(s.approved_revision == (1 if s.status == "APPROVED" else None) for s in skps)
    items: dict[int, list] = {}
    for item in found["items"]:
        items.setdefault(item.revision.skp.person_id, []).append(item)
    for person in people.values():
        mine = items[person.id]
        assert [i.key for i in sorted(mine, key=lambda i: i.position)] == [f"R{n + 1}" for n in range(len(mine))]
        main = [i for i in mine if i.kind == "MAIN"]
        assert main and all(i.indicators for i in mine)
        supervisor = people.get(person.supervisor_id)
        if supervisor is None or supervisor.agency_id != person.agency_id:  # the head: the agency's goals
            assert all(i.intervention and i.parent_key is None for i in main)
        else:  # each MAIN RHK under one of the supervisor's MAIN RHK
            above = {i.key for i in items[supervisor.id] if i.kind == "MAIN"}
            assert all(i.parent_key in above for i in main), (person.nip, [i.parent_key for i in main], above)
    # DPMPTSP's permit targets are the quantitative indicators of their holders' SKP
    quantitative = [x for item in found["items"] for x in item.indicators if x.target_id is not None]
    assert len(quantitative) == STAFF * 2
    log = found["work_log"]
    assert {e.agency.code for e in log} == {"DISDIK", "DPMPTSP"}
    assert all(today - dt.timedelta(days=27) <= e.day <= today and e.day.weekday() < 5 for e in log)
    loggers = {e.person_id for e in log}
    recent = {e.person_id for e in log if (today - e.day).days < 7}
    assert len(log) > 2000 and 0 < len(loggers - recent) < len(loggers) // 4
    keys = {(p, i.key) for p, mine in items.items() for i in mine}
    assert all((e.person_id, e.item_key) in keys for e in log)
    feedback = found["feedback"]
    assert {f.period for f in feedback} == {str(ACTIVE)}  # the last quarter is the year's evaluation
    assert any(f.work_log_entry_id for f in feedback) and any(f.answer for f in feedback)
    assert all(f.given_by_id == people[f.person_id].supervisor_id for f in feedback)


def test_the_demo_counts_its_years_from_the_platforms_date():
    (closed, every, annual, then), (evaluating, every1, annual1, then1), (active, measured, annual2, then2) = \
        demo_years(dt.date(2026, 12, 3))
    assert (closed, list(every), annual, list(then)) == (2024, ["Q1", "Q2", "Q3", "Q4"], True,
                                                         ["EVALUATION", "CLOSED"])
    assert (evaluating, list(every1), annual1, list(then1)) == (2025, ["Q1", "Q2", "Q3", "Q4"], True, ["EVALUATION"])
    assert (active, list(measured), annual2, list(then2)) == (2026, ["Q1", "Q2", "Q3"], False, [])
    assert list(demo_years(dt.date(2027, 2, 1))[-1][1]) == []  # no quarter of 2027 has ended
    assert [current_period(dt.date(2026, m, 1)) for m in (1, 4, 9, 12)] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026"]


MATRIX = {("DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"): "SANGAT_BAIK",
          ("DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI"): "BAIK", ("SESUAI_EKSPEKTASI", "SESUAI_EKSPEKTASI"): "BAIK",
          ("SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"): "BAIK",
          ("DI_BAWAH_EKSPEKTASI", "SESUAI_EKSPEKTASI"): "BUTUH_PERBAIKAN",
          ("DI_BAWAH_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"): "BUTUH_PERBAIKAN",
          ("DI_ATAS_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"): "KURANG_MISCONDUCT",
          ("SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"): "KURANG_MISCONDUCT",
          ("DI_BAWAH_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"): "SANGAT_KURANG"}
def evaluated(year: int) -> list[str]:
    """Assessed, rated and given an organisation predikat: Q4 is evaluated as the year (measured all the same)."""
    return sorted(evaluation_periods_of(year, "QUARTERLY"))


def check_evaluation(lines: list[str], found: dict) -> None:
    """The closed year is evaluated: everyone with a supervisor assessed and rated in each evaluation period (Q1-Q3
    and the year, which holds Q4), the curve kept. The year in evaluation is under way: in each period some finalized,
    some assessed by the supervisor only, some self-assessed only, some nothing yet (fewer finalized period by
    period), the EMPLOYEE sign-ins nothing of its last period."""
    changed = {(o.person_id, o.period): (o.old_result_rating, o.old_behavior_rating)
               for o in found["objections"] if o.status == "CHANGED"}
    people, ratings = found["people"], found["ratings"]
    # the supervisors at the end of both years: today's, but for those who moved in the active year
    # (kinerja.demo.moves)
    year_end = dt.date(EVALUATING, 12, 31)
    supervisor = {p.id: p.supervisor_id for p in people.values()}
    for a in found["past"]:
        if (a.starts_on is None or a.starts_on <= year_end) and a.ends_on >= year_end:
            supervisor[a.person_id] = a.supervisor_id
    supervised = {pid for pid, sup in supervisor.items() if sup}
    assert len(supervised) == 3048 - 1  # all but the Sekda, whom the mayor assesses outside the platform
    per_period = Counter(r.period for r in ratings)
    assert sorted(per_period) == sorted(evaluated(CLOSED) + evaluated(EVALUATING))
    assert {per_period[p] for p in evaluated(CLOSED)} == {len(supervised)}
    assert {r.person_id for r in ratings if r.period == str(CLOSED)} == supervised
    check_progress(found, supervised)
    for r in ratings:
        a = r.assessment
        assert (a.kind, a.person_id, a.period) == ("SUPERVISOR", r.person_id, r.period)
        assert a.assessor_id == supervisor[r.person_id]
        # the assessment is what the rating was finalized from; an objection decided CHANGED re-rated it since
        was = changed.get((r.person_id, r.period), (r.result_rating, r.behavior_rating))
        assert (a.result_rating, a.behavior_rating) == was
        assert MATRIX[(r.result_rating, r.behavior_rating)] == r.predikat
    spread = Counter(r.predikat for r in ratings if r.period == str(CLOSED))
    assert set(spread) == set(MATRIX.values()) and spread["BAIK"] > spread["SANGAT_BAIK"] > spread["SANGAT_KURANG"]
    orgs = found["orgs"]
    assert len(orgs) == 32 * 4 * 2 and {o.period for o in orgs} == set(evaluated(CLOSED) + evaluated(EVALUATING))
    headcount = Counter(p.agency_id for p in people.values())
    for o in orgs:  # every agency's spread keeps the curve of its organisation predikat, in every closed period
        if o.period not in evaluated(CLOSED):
            continue
        counts = Counter(r.predikat for r in ratings if r.agency_id == o.agency_id and r.period == o.period)
        assert curve.check(curve.DEFAULT_RULES, o.predikat, counts, headcount[o.agency_id]) == [], (o.period, counts)
    assert {o.predikat for o in orgs} == {"ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN"}
    assert found["rating_events"] == len(ratings) and found["verify"].ok
    # survey answers for the service units, every quarter of the two years before and the active year's ended ones,
    # each answer 1-4
    responses = found["responses"]
    assert {r.period for r in responses} == {*quarters(CLOSED), *quarters(EVALUATING), *quarters(ACTIVE, ENDED)}
    assert all(1 <= getattr(r, f"u{i}") <= 4 for r in responses for i in range(1, 10))
    assert len(found["populations"]) == len({(r.agency_id, r.unit_id) for r in responses}) == 7
    assert any(line.startswith("survey: ") for line in lines), lines
    assert found["survey_events"] == len(responses)  # one survey.submit event per answer, as submitFeedback
    # most answers state a respondent profile, some none, some leave a question out; every value of a
    # dimension but the rarest shows; the profile rollup agrees with the answers
    stated = [r for r in responses if r.sex or r.age_band or r.education or r.occupation]
    assert 0.8 < len(stated) / len(responses) < 0.95, len(stated)
    assert any(r.sex is None for r in stated) and any(r.education is None for r in stated)
    assert {r.sex for r in stated} == {"LAKI_LAKI", "PEREMPUAN", None}
    assert len({r.age_band for r in stated}) == 7 and len({r.occupation for r in stated}) == 7
    assert found["rollup_differences"] == []


def check_progress(found: dict, supervised: set[int]) -> None:
    """The year in evaluation: a rating only on a supervisor's assessment, that only after a self-assessment."""
    done = found["assessments"]
    rated = {(r.person_id, r.period) for r in found["ratings"]}
    head = found["head"]
    secretary = min((p.id for p in found["people"].values() if p.supervisor_id == head.id))
    shares = []
    for period in gate_order(EVALUATING):
        selfs = {pid for pid, p, kind in done if p == period and kind == "SELF"}
        assessed = {pid for pid, p, kind in done if p == period and kind == "SUPERVISOR"}
        finalized = {pid for pid, p in rated if p == period}
        assert finalized <= assessed <= selfs <= supervised, period
        assert finalized and assessed - finalized and selfs - assessed and supervised - selfs, period
        shares.append(len(finalized) / len(supervised))
        if period == str(EVALUATING):  # the sign-ins have their own self-assessment to write, and are to be assessed
            assert not {head.id, secretary} & selfs
    assert shares == sorted(shares, reverse=True) and shares[0] > 0.8 and shares[-1] < 0.3, shares


def gate_order(year: int) -> list[str]:
    return evaluation_periods_of(year, "QUARTERLY")


def test_figures_are_deterministic():
    data = build_demo()
    available = set(DEMO_INDICATORS)
    first = plan_targets(data, 2024, available)
    assert first == plan_targets(data, 2024, available)
    assert [p.data.value for p in first] == [p.data.value for p in plan_targets(data, 2025, available)]
    ids = {p.key: n for n, p in enumerate(first, 1)}
    quarters = ("Q1", "Q2", "Q3", "Q4")
    assert plan_measurements(data, 2024, quarters, True, ids) == plan_measurements(data, 2024, quarters, True, ids)
    assert plan_measurements(data, 2024, quarters, True, ids) != plan_measurements(data, 2025, quarters, True, ids)


async def test_without_specs_the_targets_are_skipped(database_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./indicator_specs, no ./plugins
    lines, found = await load(database_url, catalog=Catalog.load(Settings(database_url=database_url)))
    assert any("demo targets skipped" in line for line in lines), lines
    assert found["targets"] == [] and found["measurements"] == []
    assert found["cycles"] == {CLOSED: "CLOSED", EVALUATING: "EVALUATION", ACTIVE: "ACTIVE"}
