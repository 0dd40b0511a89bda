"""The demo's evaluation of a year: assessments, finalized ratings in a realistic spread, and organisation
ratings (the agencies', and DISDIK's schools', kinerja.demo.unit_predikat). The closed year is evaluated in full;
the year still in EVALUATION partly (PARTIAL: in each evaluation period some people finalized, some assessed by their
supervisor only, some self-assessed only, the rest not yet; `waiting` people have nothing of its last period), its
ratings drawn from the same spread.

Written in bulk, straight to the tables with their audit events and their rollup deltas (in the same
transaction), because the per-item mutations would take minutes for 3,000 people and five periods; the
figures follow the same rules the mutations enforce (the direct supervisor assesses, the predikat comes from
the kinerja_predikat hook, the spread keeps to the agency's curve). The survey answers are kinerja.demo.survey's.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tortoise.transactions import in_transaction

from kinerja.demo import unit_predikat
from kinerja.demo.bulk import ACTOR, SEED, db_time
from kinerja.demo.data import DemoData
from kinerja.demo.pairs import Matrix, pairs_by_predikat, predikat_matrix
from kinerja.demo.spread import SPREAD, spread_for
from kinerja.models import Agency, Assessment, Cycle, OrgRating, Person
from kinerja.services.core import audit, rollups, sql

__all__ = ["NOTES", "ORG_PREDIKAT", "PARTIAL", "SPREAD", "EvaluationSummary", "load_evaluation", "spread_for"]

ABOVE, MEETS, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
# organisation predikat 2024 (set by BKPSDM); the spread of each agency's employee predikat follows it (SPREAD)
ORG_PREDIKAT = {"DPMPTSP": "ISTIMEWA", "DISDUKCAPIL": "ISTIMEWA", "BKPSDM": "ISTIMEWA", "DISHUB": "BUTUH_PERBAIKAN"}
NOTES = {
    "BERORIENTASI_PELAYANAN": "Melayani masyarakat dengan ramah dan cepat",
    "AKUNTABEL": "Menyelesaikan tugas tepat waktu dan dapat dipertanggungjawabkan",
    "KOMPETEN": "Aktif mengikuti pelatihan dan berbagi pengetahuan",
    "HARMONIS": "Menjaga suasana kerja yang baik dengan rekan",
    "LOYAL": "Menjaga nama baik instansi",
    "ADAPTIF": "Cepat menyesuaikan diri dengan aplikasi baru",
    "KOLABORATIF": "Terbuka bekerja sama lintas bidang",
}
# how far each person got in an evaluation period: nothing yet, self-assessed, assessed by the supervisor, finalized
NOTHING, SELF_ONLY, ASSESSED, FINALIZED = range(4)
# a year in EVALUATION, per evaluation period in order (Q1, Q2, Q3, the year): the shares (finalized, assessed by the
# supervisor only, self-assessed only); the rest have nothing yet
PARTIAL = ((0.9, 0.05, 0.03), (0.75, 0.1, 0.08), (0.5, 0.2, 0.15), (0.2, 0.25, 0.25))
ASSESSMENT_COLUMNS = ("kind", "person_id", "assessor_id", "agency_id", "cycle_id", "period", "result_rating",
                      "behavior_rating", "behavior_notes", "result_notes", "comment", "acted_by_admin", "version",
                      "recorded_by", "created_at", "updated_at")
RATING_COLUMNS = ("person_id", "agency_id", "unit_id", "cycle_id", "period", "assessment_id", "result_rating",
                  "behavior_rating", "predikat", "suggested_result_rating", "suggestion_reason", "override_reason",
                  "curve_justification", "curve_warnings", "finalized_by", "finalized_at")


@dataclass(frozen=True)
class EvaluationSummary:
    assessments: int
    ratings: int
    org_ratings: int
    responses: int
    unit_org_ratings: int = 0


@dataclass
class _CycleRun:
    """What every agency's evaluation of one cycle shares."""

    cycle: Cycle
    now: dt.datetime
    rng: random.Random
    matrix: Matrix  # (results rating, behaviour rating) -> predikat, from the kinerja_predikat hook
    pairs: dict[str, list[tuple[str, str]]]  # the matrix inverted: predikat -> the pairs to draw from
    progress: dict[str, tuple[float, float, float]] | None = None  # period -> PARTIAL's shares; None: complete
    waiting: frozenset[int] = frozenset()  # person ids with nothing of the last period (progress only)
    last: str = ""  # the last evaluation period

    def stages(self, period: str, drawn: list[tuple[Person, str, str]]) -> dict[int, int]:
        """How far each drawn person got in `period` (FINALIZED everyone when the evaluation is complete)."""
        if self.progress is None:
            return {p.id: FINALIZED for p, _, _ in drawn}
        finalized, assessed, self_only = self.progress[period]
        draw = random.Random(f"{SEED}-{self.cycle.year}-{period}")  # apart from rng: the ratings stay the same
        out = {}
        for person, _, _ in drawn:
            x = draw.random()
            out[person.id] = (NOTHING if period == self.last and person.id in self.waiting
                              else FINALIZED if x < finalized else ASSESSED if x < finalized + assessed
                              else SELF_ONLY if x < finalized + assessed + self_only else NOTHING)
        return out


@dataclass
class _Written:
    """One agency's transaction: what it counted, and the audit events and rating rollup deltas it appends."""

    assessments: int = 0
    self_only: int = 0  # people with a self-assessment and nothing more yet (progress)
    assessed: int = 0  # people with a supervisor's assessment, not finalized (progress)
    ratings: int = 0
    org_ratings: int = 0
    unit_org_ratings: int = 0
    changes: list[audit.Change] = field(default_factory=list)
    counted: list[tuple[int, int | None, str, str, int]] = field(default_factory=list)


async def load_evaluation(catalog: Any, data: DemoData, year: int, periods: Sequence[str],
                          say: Callable[[str], None], *, partial: bool = False, waiting: Sequence[int] = (),
                          at: dt.datetime | None = None) -> EvaluationSummary:
    """Assess and rate everyone who has a supervisor, for each period of `year` (cycle in EVALUATION); `partial`:
    as far as PARTIAL takes each period (`periods` in order), the `waiting` people nothing of the last. Dated `at`
    (else 20 January of the next year)."""
    matrix = predikat_matrix(catalog.predikat)
    ctx = _CycleRun(await Cycle.get(year=year), at or dt.datetime(year + 1, 1, 20, 9, 0, tzinfo=dt.UTC),
                    random.Random(SEED + year), matrix, pairs_by_predikat(matrix),
                    dict(zip(periods, PARTIAL)) if partial else None, frozenset(waiting), periods[-1])
    people = {p.nip: p for p in await Person.all()}
    written = []
    for agency in await Agency.all():
        staff = [people[p.nip] for p in data.people if p.agency == agency.code and p.supervisor]
        headcount = sum(1 for p in data.people if p.agency == agency.code)
        written.append(await _evaluate_agency(ctx, agency, staff, headcount, periods))
    summary = EvaluationSummary(sum(w.assessments for w in written), sum(w.ratings for w in written),
                                sum(w.org_ratings for w in written), 0, sum(w.unit_org_ratings for w in written))
    progress = (f" (in progress: {sum(w.self_only for w in written)} self-assessed only, "
                f"{sum(w.assessed for w in written)} assessed by the supervisor, not finalized)" if partial else "")
    say(f"cycle {year}: {summary.assessments} assessments, {summary.ratings} finalized ratings, "
        f"{summary.org_ratings} organisation ratings, {summary.unit_org_ratings} of DISDIK's schools{progress}")
    return summary


async def _evaluate_agency(ctx: _CycleRun, agency: Agency, staff: list[Person], headcount: int,
                           periods: Sequence[str]) -> _Written:
    """One agency in one transaction: its organisation rating, then its staff's assessments and ratings, for each
    period; then its rollup deltas and audit events."""
    org = ORG_PREDIKAT.get(agency.code, "BAIK")
    written = _Written()
    # DISDIK's schools get their own predikat, and their heads' results follow it (kinerja.demo.unit_predikat)
    schools = await unit_predikat.schools_of(agency) if agency.code == "DISDIK" else {}
    orgs = {unit_id: unit_predikat.year_predikat(n) for n, unit_id in enumerate(schools)}
    async with in_transaction() as conn:
        for period in periods:
            await OrgRating.create(agency_id=agency.id, cycle_id=ctx.cycle.id, period=period, predikat=org,
                                   set_by=ACTOR, set_at=ctx.now, using_db=conn)
            written.changes.append(audit.Change("org_rating.set", "org_rating", f"{agency.code}/{period}", None,
                                                {"predikat": org}))
            written.org_ratings += 1
        for period in periods:
            if schools:
                spread, chosen = unit_predikat.plan_spread(ctx.rng, staff, org, headcount, schools, orgs, ctx.matrix)
                written.unit_org_ratings += await unit_predikat.write_schools(
                    conn, agency, ctx.cycle.id, period, ctx.now, schools, chosen, written.changes)
                drawn = _draw(ctx, staff, spread, lambda person, predikat, chosen=chosen: unit_predikat.head_pair(
                    schools, chosen, person, predikat, ctx.pairs))
            else:
                drawn = _draw(ctx, staff, spread_for(len(staff), headcount, org, ctx.rng))
            stages = ctx.stages(period, drawn)
            ids = await _assess(conn, ctx, agency, period, drawn, stages, written)
            await _rate(conn, ctx, agency, period, [d for d in drawn if stages[d[0].id] == FINALIZED], ids, written)
        await rollups.add_ratings(conn, written.counted)
        await audit.append(conn, ACTOR, written.changes)
    return written


def _draw(ctx: _CycleRun, staff: list[Person], spread: list[str],
          fixed: Callable[[Person, str], tuple[str, str] | None] = lambda person, predikat: None
          ) -> list[tuple[Person, str, str]]:
    """Each person's (results rating, behaviour rating): a pair that gives the predikat the spread wants (the
    `fixed` one where it names one: a school head's, following the school's predikat)."""
    drawn = []
    for person, wanted in zip(staff, spread):
        if not ctx.pairs.get(wanted):
            raise RuntimeError(f"no (results, behaviour) rating gives the predikat {wanted} under the "
                               "kinerja_predikat hook: the demo cannot keep its spread")
        result, behavior = fixed(person, wanted) or ctx.rng.choice(ctx.pairs[wanted])
        drawn.append((person, result, behavior))
    return drawn


async def _assess(conn: Any, ctx: _CycleRun, agency: Agency, period: str, drawn: list[tuple[Person, str, str]],
                  stages: dict[int, int], written: _Written) -> dict[tuple[int, str], int]:
    """The self-assessments, then the supervisors' (of those `stages` takes so far); returns (person id, kind) ->
    assessment id."""
    rng, at = ctx.rng, db_time(ctx.now)
    rows = [("SELF", p.id, p.id, _hopeful(r, rng), _hopeful(b, rng), "[]") for p, r, b in drawn
            if stages[p.id] >= SELF_ONLY]
    rows += [("SUPERVISOR", p.id, p.supervisor_id, r, b, json.dumps(_notes(rng))) for p, r, b in drawn
             if stages[p.id] >= ASSESSED]
    written.self_only += sum(1 for s in stages.values() if s == SELF_ONLY)
    written.assessed += sum(1 for s in stages.values() if s == ASSESSED)
    await sql.insert_many(conn, "assessment", ASSESSMENT_COLUMNS, [
        (kind, person, assessor, agency.id, ctx.cycle.id, period, result, behavior, notes, "[]", None, False, 1,
         ACTOR, at, at) for kind, person, assessor, result, behavior, notes in rows])
    written.assessments += len(rows)
    return {(pid, kind): aid for aid, pid, kind in await Assessment.filter(
        period=period, agency_id=agency.id).using_db(conn).values_list("id", "person_id", "kind")}


async def _rate(conn: Any, ctx: _CycleRun, agency: Agency, period: str, drawn: list[tuple[Person, str, str]],
                ids: dict[tuple[int, str], int], written: _Written) -> None:
    """The finalized ratings, on the supervisors' assessments, with the predikat of the matrix."""
    at = db_time(ctx.now)
    rows = []
    for person, result, behavior in drawn:
        predikat = ctx.matrix[(result, behavior)]
        rows.append((person.id, agency.id, person.unit_id, ctx.cycle.id, period, ids[(person.id, "SUPERVISOR")],
                     result, behavior, predikat, None, None, None, None, "[]", ACTOR, at))
        written.counted.append((agency.id, person.unit_id, period, predikat, 1))
        written.changes.append(audit.Change("rating.finalize", "rating", f"{person.nip}/{period}", None,
                                            {"result_rating": result, "behavior_rating": behavior,
                                             "predikat": predikat}))
    await sql.insert_many(conn, "rating", RATING_COLUMNS, rows)
    written.ratings += len(rows)


def _hopeful(rating: str, rng: random.Random) -> str:
    """A self-assessment: the supervisor's rating, or one step higher now and then."""
    if rng.random() < 0.3:
        return {BELOW: MEETS, MEETS: ABOVE}.get(rating, rating)
    return rating


def _notes(rng: random.Random) -> list[dict[str, str]]:
    return [{"value": value, "note": NOTES[value]} for value in rng.sample(sorted(NOTES), rng.randint(1, 2))]
