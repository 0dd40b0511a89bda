"""The demo's public satisfaction survey (IKM): answers for the service units, per quarter of the demo's years
(every quarter of the closed year, the ended ones of the active year), and each unit's yearly service population;
DPMPTSP's permit service answers better in the last year, after its officers' training (AFTER_TRAINING).

Written in bulk, straight to the tables with their audit events (one survey.submit each, as submitFeedback writes
them) and their rollup deltas, in one transaction; answers are 1-4. Most answers carry a respondent profile (age
band, sex, education, occupation), drawn from a random generator of its own so that the answers are the same with
or without it; about one in eight states none, and one dimension in twelve is left out of the others."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from typing import Any

from tortoise.transactions import in_transaction

from kinerja.demo.bulk import ACTOR, SEED, db_time
from kinerja.models import Agency, Cycle, ServicePopulation, Unit
from kinerja.services.core import audit, rollups, sql
from kinerja.services.core.audit_trail import RESPONDENT_PROFILE
from kinerja.services.survey import profile

# service units asked for the IKM survey: (agency, unit or None, people served a year, answer quality 1-4)
SURVEYED = [
    ("DPMPTSP", "BID-PPNP", 9000, 3.45), ("DISDUKCAPIL", "BID-PPP", 40000, 3.30),
    ("DISDUKCAPIL", "BID-PPS", 12000, 3.15), ("DINKES", "PKM-TANJUNGPINANG", 15000, 3.25),
    ("DINKES", "PKM-KAMPUNGBUGIS", 8000, 3.05), ("DINKES", "PKM-SEIJANG", 10000, 2.85),
    ("DINKES", "PKM-BATU10", 11000, 3.10),
]
# a unit whose answers rise in the demo's last year, after its officers' training in the year before
# (kinerja.demo.development.load_training): the quality added, so that the impact report has a rise to show
AFTER_TRAINING = {("DPMPTSP", "BID-PPNP"): 0.3}
PROFILE_COLUMNS = tuple(d.column for d in profile.DIMENSIONS)
SURVEY_COLUMNS = ("agency_id", "unit_id", "cycle_id", "period", *(f"u{i}" for i in range(1, 10)), "service",
                  "served_by_id", "comment", "client_hash", "submitted_at", *PROFILE_COLUMNS)
# how often each value is drawn, in each dimension's order (a city's service users, roughly)
PROFILE_WEIGHTS = {
    "AGE_BAND": (4, 22, 28, 22, 15, 9),
    "SEX": (48, 52),
    "EDUCATION": (8, 12, 40, 12, 22, 5, 1),
    "OCCUPATION": (14, 4, 30, 20, 12, 20),
}
NO_PROFILE, SKIPPED = 1 / 8, 1 / 12  # answers that state no profile; dimensions left out of the others

Counted = list[tuple[int, int | None, str, Sequence[int], int]]  # the survey rollup's deltas
Profiles = list[tuple[int, str, dict[str, str | None], Sequence[int], int]]  # the profile rollup's deltas


async def load_survey(periods: dict[int, Sequence[str]], say: Callable[[str], None]) -> int:
    """Survey answers for the service units, per quarter (`periods`: year -> its quarters surveyed), and each
    unit's yearly service population (set on 2 January of the first year)."""
    years = sorted(periods)
    population_set_at = dt.datetime(years[0], 1, 2, tzinfo=dt.UTC)
    rng = random.Random(SEED)
    profiles = random.Random(SEED + 1)  # apart from rng: the answers do not depend on the profiles
    agencies = {a.code: a for a in await Agency.all()}
    units = {(u.agency_id, u.code): u for u in await Unit.all()}
    cycles = {c.year: c for c in await Cycle.filter(year__in=list(years))}
    total = 0
    changes: list[audit.Change] = []
    counted: Counted = []
    by_profile: Profiles = []
    async with in_transaction() as conn:
        for code, unit_code, population, quality in SURVEYED:
            agency = agencies.get(code)
            unit = units.get((agency.id, unit_code)) if agency else None
            if unit is None:
                continue
            await ServicePopulation.create(agency_id=agency.id, unit_id=unit.id, population=population,
                                           set_by=ACTOR, set_at=population_set_at, using_db=conn)
            changes.append(audit.Change("service_population.set", "service_population", f"{code}/{unit_code}",
                                        None, {"population": population}))
            for year in years:
                raised = AFTER_TRAINING.get((code, unit_code), 0.0) if year == years[-1] and len(years) > 1 else 0.0
                for quarter in periods[year]:
                    total += await _answers(conn, rng, profiles, agency, unit, cycles[year], year, quarter,
                                            quality + raised, counted, by_profile)
        await rollups.add_survey(conn, counted)
        await rollups.add_survey_profiles(conn, by_profile)
        changes.extend(await _survey_events(conn, agencies, units))
        await audit.append(conn, ACTOR, changes)
    say(f"survey: {total} answers for {len(SURVEYED)} service units")
    return total


async def _answers(conn: Any, rng: random.Random, profiles: random.Random, agency: Agency, unit: Unit, cycle: Cycle,
                   year: int, quarter: str, quality: float, counted: Counted, by_profile: Profiles) -> int:
    """60-140 answers to the nine questions for one unit and quarter, around `quality`, most with a respondent
    profile; returns how many."""
    at = dt.datetime(year, 3 * int(quarter[1]), 15, 10, 0, tzinfo=dt.UTC)
    rows = []
    for n in range(rng.randint(60, 140)):
        answers = [min(4, max(1, round(rng.gauss(quality, 0.6)))) for _ in range(9)]
        stated = _profile(profiles)
        rows.append((agency.id, unit.id, cycle.id, f"{year}-{quarter}", *answers, None, None,
                     None, f"demo-{agency.code}-{unit.code}-{year}{quarter}-{n}", db_time(at),
                     *(stated[d.code] for d in profile.DIMENSIONS)))
        by_profile.append((agency.id, f"{year}-{quarter}", stated, answers, 1))
    await sql.insert_many(conn, "survey_response", SURVEY_COLUMNS, rows)
    counted += [(agency.id, unit.id, row[3], row[4:13], 1) for row in rows]
    return len(rows)


def _profile(rng: random.Random) -> dict[str, str | None]:
    """A respondent's profile {dimension: code or None}: none at all (NO_PROFILE), else each dimension drawn by
    PROFILE_WEIGHTS and left out with the chance SKIPPED."""
    if rng.random() < NO_PROFILE:
        return {d.code: None for d in profile.DIMENSIONS}
    return {d.code: None if rng.random() < SKIPPED else rng.choices(d.codes, PROFILE_WEIGHTS[d.code])[0]
            for d in profile.DIMENSIONS}


async def _survey_events(conn: Any, agencies: dict[str, Agency], units: dict[tuple[int, str], Unit]
                         ) -> list[audit.Change]:
    """One survey.submit event per demo answer, as submitFeedback writes them (read back for their ids)."""
    codes = {a.id: a.code for a in agencies.values()}
    unit_codes = {u.id: u.code for u in units.values()}
    columns = ", ".join(["id", "agency_id", "unit_id", "period", *(f"u{n}" for n in range(1, 10)), *PROFILE_COLUMNS])
    rows = await sql.fetch(conn, f"SELECT {columns} FROM survey_response WHERE client_hash LIKE 'demo-%' "
                                 "ORDER BY id", [])
    return [audit.Change("survey.submit", "survey_response", str(r["id"]), None, {
        "agency": codes[r["agency_id"]], "unit": unit_codes.get(r["unit_id"]), "period": r["period"],
        "answers": [r[f"u{n}"] for n in range(1, 10)], "service": None, "served_by": None, "comment": None,
        RESPONDENT_PROFILE: {c: r[c] for c in PROFILE_COLUMNS}})
        for r in rows]
