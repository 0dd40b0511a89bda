"""The demo's evaluation of cycle 2024: assessments, finalized ratings in a realistic spread, organisation
ratings, and public satisfaction answers for the service units (2024 and 2025).

Written in bulk, straight to the tables with their audit events and their rollup deltas (in the same
transaction), because the per-item mutations would take minutes for 3,000 people and five periods; the
figures follow the same rules the mutations enforce (the direct supervisor assesses, the predikat comes from
the kinerja_predikat hook, the spread keeps to the agency's curve, answers are 1-4).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from tortoise.transactions import in_transaction

from kinerja.demo.data import DemoData
from kinerja.models import Agency, Assessment, Cycle, OrgRating, Person, Rating, ServicePopulation, Unit
from kinerja.plugins import Expectation
from kinerja.services.core import audit
from kinerja.services.evaluation import curve
from kinerja.services.core import rollups
from kinerja.services.core import sql

SEED = 20241231
ACTOR = "demo"
ABOVE, MEETS, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
# the (results, behaviour) pairs that give each predikat under the 3x3 matrix of DOMAIN.md
PAIRS = {
    "SANGAT_BAIK": [(ABOVE, ABOVE)],
    "BAIK": [(MEETS, MEETS), (MEETS, MEETS), (ABOVE, MEETS), (MEETS, ABOVE)],
    "BUTUH_PERBAIKAN": [(BELOW, MEETS), (BELOW, ABOVE)],
    "KURANG_MISCONDUCT": [(MEETS, BELOW), (ABOVE, BELOW)],
    "SANGAT_KURANG": [(BELOW, BELOW)],
}
# organisation predikat 2024 (set by BKPSDM), and the share of each employee predikat that keeps to its curve
ORG_PREDIKAT = {"DPMPTSP": "ISTIMEWA", "DISDUKCAPIL": "ISTIMEWA", "BKPSDM": "ISTIMEWA", "DISHUB": "BUTUH_PERBAIKAN"}
SPREAD = {
    "ISTIMEWA": {"SANGAT_BAIK": 0.35, "BAIK": 0.55, "BUTUH_PERBAIKAN": 0.08, "KURANG_MISCONDUCT": 0.02},
    "BAIK": {"SANGAT_BAIK": 0.15, "BAIK": 0.65, "BUTUH_PERBAIKAN": 0.15, "KURANG_MISCONDUCT": 0.04,
             "SANGAT_KURANG": 0.01},
    "BUTUH_PERBAIKAN": {"SANGAT_BAIK": 0.05, "BAIK": 0.25, "BUTUH_PERBAIKAN": 0.65, "KURANG_MISCONDUCT": 0.05},
}
NOTES = {
    "BERORIENTASI_PELAYANAN": "Melayani masyarakat dengan ramah dan cepat",
    "AKUNTABEL": "Menyelesaikan tugas tepat waktu dan dapat dipertanggungjawabkan",
    "KOMPETEN": "Aktif mengikuti pelatihan dan berbagi pengetahuan",
    "HARMONIS": "Menjaga suasana kerja yang baik dengan rekan",
    "LOYAL": "Menjaga nama baik instansi",
    "ADAPTIF": "Cepat menyesuaikan diri dengan aplikasi baru",
    "KOLABORATIF": "Terbuka bekerja sama lintas bidang",
}
# service units asked for the IKM survey: (agency, unit or None, people served a year, answer quality 1-4)
SURVEYED = [
    ("DPMPTSP", "BID-PPNP", 9000, 3.45), ("DISDUKCAPIL", "BID-PPP", 40000, 3.30),
    ("DISDUKCAPIL", "BID-PPS", 12000, 3.15), ("DINKES", "PKM-TANJUNGPINANG", 15000, 3.25),
    ("DINKES", "PKM-KAMPUNGBUGIS", 8000, 3.05), ("DINKES", "PKM-SEIJANG", 10000, 2.85),
    ("DINKES", "PKM-BATU10", 11000, 3.10),
]
SURVEY_PERIODS = {2024: ("Q1", "Q2", "Q3", "Q4"), 2025: ("Q1", "Q2", "Q3")}
ASSESSMENT_COLUMNS = ("kind", "person_id", "assessor_id", "agency_id", "cycle_id", "period", "result_rating",
                      "behavior_rating", "behavior_notes", "comment", "acted_by_admin", "version", "recorded_by",
                      "created_at", "updated_at")
RATING_COLUMNS = ("person_id", "agency_id", "unit_id", "cycle_id", "period", "assessment_id", "result_rating",
                  "behavior_rating", "predikat", "suggested_result_rating", "suggestion_reason", "override_reason",
                  "curve_justification", "curve_warnings", "finalized_by", "finalized_at")
SURVEY_COLUMNS = ("agency_id", "unit_id", "cycle_id", "period", *(f"u{i}" for i in range(1, 10)), "service",
                  "served_by_id", "comment", "client_hash", "submitted_at")


def _db_time(value: dt.datetime) -> Any:
    """A datetime as tortoise binds it, so raw rows read back like ORM rows."""
    return Rating._meta.fields_map["finalized_at"].to_db_value(value, Rating)


@dataclass(frozen=True)
class EvaluationSummary:
    assessments: int
    ratings: int
    org_ratings: int
    responses: int


def spread_for(n: int, headcount: int, org: str, rng: random.Random, rules: Any = curve.DEFAULT_RULES) -> list[str]:
    """n predikat in the shares of SPREAD[org] (largest remainders), moved one at a time until the agency keeps
    its curve (`rules`, counted as finalizeRating counts them), shuffled. The demo and benchmarks/generate.py both
    spread ratings with it."""
    shares = SPREAD[org]
    exact = {p: share * n for p, share in shares.items()}
    counts = {p: int(v) for p, v in exact.items()}
    for p in sorted(exact, key=lambda p: exact[p] - counts[p], reverse=True)[:n - sum(counts.values())]:
        counts[p] += 1
    by_share = sorted(shares, key=shares.get, reverse=True)
    for _ in range(2 * n + 1):
        findings = curve.check(rules, org, counts, headcount)
        if not findings:
            break
        rule = findings[0].rule
        inside = [p for p in by_share if p in rule.predikat] or list(rule.predikat)
        outside = [p for p in by_share if p not in rule.predikat]
        if rule.is_maximum:  # one fewer inside the capped group, one more in the largest share outside it
            source, target = max(inside, key=lambda p: counts.get(p, 0)), outside[0]
        else:  # one more inside the group that falls short, from the largest group outside it
            source, target = max(outside, key=lambda p: counts.get(p, 0)), inside[0]
        counts[source] -= 1
        counts[target] = counts.get(target, 0) + 1
    out = [p for p, k in counts.items() for _ in range(k)]
    rng.shuffle(out)
    return out


async def load_evaluation(catalog: Any, data: DemoData, year: int, periods: Sequence[str],
                          say: Callable[[str], None]) -> EvaluationSummary:
    """Assess and rate everyone who has a supervisor, for each period of `year` (cycle in EVALUATION)."""
    rng = random.Random(SEED + year)
    cycle = await Cycle.get(year=year)
    agencies = {a.code: a for a in await Agency.all()}
    people = {p.nip: p for p in await Person.all()}
    now = dt.datetime(year + 1, 1, 20, 9, 0, tzinfo=dt.timezone.utc)
    assessments = ratings = orgs = 0
    for code, agency in agencies.items():
        staff = [people[p.nip] for p in data.people if p.agency == code and p.supervisor]
        headcount = sum(1 for p in data.people if p.agency == code)
        org = ORG_PREDIKAT.get(code, "BAIK")
        changes: list[audit.Change] = []
        counted: list[tuple[int, int | None, str, str, int]] = []  # the rating rollup's deltas
        async with in_transaction() as conn:
            for period in periods:
                row = await OrgRating.create(agency_id=agency.id, cycle_id=cycle.id, period=period, predikat=org,
                                             set_by=ACTOR, set_at=now, using_db=conn)
                changes.append(audit.Change("org_rating.set", "org_rating", f"{code}/{period}", None,
                                            {"predikat": org}))
                orgs += 1
            for period in periods:
                spread = spread_for(len(staff), headcount, org, rng)
                made: list[tuple[Person, str, str, str]] = []
                for person, wanted in zip(staff, spread):
                    result, behavior = rng.choice(PAIRS[wanted])
                    made.append((person, result, behavior, wanted))
                at = _db_time(now)
                rows = [("SELF", p.id, p.id, _hopeful(r, rng), _hopeful(b, rng), "[]") for p, r, b, _ in made]
                rows += [("SUPERVISOR", p.id, p.supervisor_id, r, b, json.dumps(_notes(rng))) for p, r, b, _ in made]
                await sql.insert_many(conn, "assessment", ASSESSMENT_COLUMNS, [
                    (kind, person, assessor, agency.id, cycle.id, period, result, behavior, notes, None, False, 1,
                     ACTOR, at, at) for kind, person, assessor, result, behavior, notes in rows])
                ids = {(pid, kind): aid for aid, pid, kind in await Assessment.filter(
                    period=period, agency_id=agency.id).using_db(conn).values_list("id", "person_id", "kind")}
                rating_rows = []
                for person, result, behavior, wanted in made:
                    predikat = catalog.pm.hook.kinerja_predikat(result_rating=Expectation(result),
                                                                behavior_rating=Expectation(behavior))
                    predikat = getattr(predikat, "value", predikat)
                    rating_rows.append((person.id, agency.id, person.unit_id, cycle.id, period,
                                        ids[(person.id, "SUPERVISOR")], result, behavior, predikat, None, None, None,
                                        None, "[]", ACTOR, at))
                    counted.append((agency.id, person.unit_id, period, predikat, 1))
                    changes.append(audit.Change("rating.finalize", "rating", f"{person.nip}/{period}", None,
                                                {"result_rating": result, "behavior_rating": behavior,
                                                 "predikat": predikat}))
                await sql.insert_many(conn, "rating", RATING_COLUMNS, rating_rows)
                assessments += len(rows)
                ratings += len(rating_rows)
            await rollups.add_ratings(conn, counted)
            await audit.append(conn, ACTOR, changes)
    say(f"cycle {year}: {assessments} assessments, {ratings} finalized ratings, {orgs} organisation ratings")
    return EvaluationSummary(assessments, ratings, orgs, 0)


def _hopeful(rating: str, rng: random.Random) -> str:
    """A self-assessment: the supervisor's rating, or one step higher now and then."""
    if rng.random() < 0.3:
        return {BELOW: MEETS, MEETS: ABOVE}.get(rating, rating)
    return rating


def _notes(rng: random.Random) -> list[dict[str, str]]:
    return [{"value": value, "note": NOTES[value]} for value in rng.sample(sorted(NOTES), rng.randint(1, 2))]


async def load_survey(years: Sequence[int], say: Callable[[str], None]) -> int:
    """Survey answers for the service units, per quarter, and each unit's yearly service population."""
    rng = random.Random(SEED)
    agencies = {a.code: a for a in await Agency.all()}
    units = {(u.agency_id, u.code): u for u in await Unit.all()}
    cycles = {c.year: c for c in await Cycle.filter(year__in=list(years))}
    total = 0
    changes: list[audit.Change] = []
    counted: list[tuple[int, int | None, str, Sequence[int], int]] = []  # the survey rollup's deltas
    async with in_transaction() as conn:
        for code, unit_code, population, quality in SURVEYED:
            agency = agencies.get(code)
            unit = units.get((agency.id, unit_code)) if agency else None
            if unit is None:
                continue
            await ServicePopulation.create(agency_id=agency.id, unit_id=unit.id, population=population,
                                           set_by=ACTOR, set_at=dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc),
                                           using_db=conn)
            changes.append(audit.Change("service_population.set", "service_population", f"{code}/{unit_code}",
                                        None, {"population": population}))
            for year in years:
                for quarter in SURVEY_PERIODS.get(year, ()):
                    month = 3 * int(quarter[1])
                    at = dt.datetime(year, month, 15, 10, 0, tzinfo=dt.timezone.utc)
                    rows = []
                    for n in range(rng.randint(60, 140)):
                        answers = [min(4, max(1, round(rng.gauss(quality, 0.6)))) for _ in range(9)]
                        rows.append((agency.id, unit.id, cycles[year].id, f"{year}-{quarter}", *answers, None, None,
                                     None, f"demo-{code}-{unit_code}-{year}{quarter}-{n}", _db_time(at)))
                    await sql.insert_many(conn, "survey_response", SURVEY_COLUMNS, rows)
                    counted += [(agency.id, unit.id, row[3], row[4:13], 1) for row in rows]
                    total += len(rows)
        await rollups.add_survey(conn, counted)
        changes.extend(await _survey_events(conn, agencies, units))
        await audit.append(conn, ACTOR, changes)
    say(f"survey: {total} answers for {len(SURVEYED)} service units")
    return total


async def _survey_events(conn: Any, agencies: dict[str, Agency], units: dict[tuple[int, str], Unit]
                         ) -> list[audit.Change]:
    """One survey.submit event per demo answer, as submitFeedback writes them (read back for their ids)."""
    codes = {a.id: a.code for a in agencies.values()}
    unit_codes = {u.id: u.code for u in units.values()}
    columns = ", ".join(["id", "agency_id", "unit_id", "period", *(f"u{n}" for n in range(1, 10))])
    rows = await sql.fetch(conn, f"SELECT {columns} FROM survey_response WHERE client_hash LIKE 'demo-%' "
                                 "ORDER BY id", [])
    return [audit.Change("survey.submit", "survey_response", str(r["id"]), None, {
        "agency": codes[r["agency_id"]], "unit": unit_codes.get(r["unit_id"]), "period": r["period"],
        "answers": [r[f"u{n}"] for n in range(1, 10)], "service": None, "served_by": None, "comment": None})
        for r in rows]
