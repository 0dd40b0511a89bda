"""The demo's public satisfaction survey (IKM): answers for the service units, per quarter of the demo's years
(every quarter of the closed year, the ended ones of the active year), and each unit's yearly service population.

Written in bulk, straight to the tables with their audit events (one survey.submit each, as submitFeedback writes
them) and their rollup deltas, in one transaction; answers are 1-4."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from typing import Any

from tortoise.transactions import in_transaction

from kinerja.demo.bulk import ACTOR, SEED, db_time
from kinerja.models import Agency, Cycle, ServicePopulation, Unit
from kinerja.services.core import audit, rollups, sql

# service units asked for the IKM survey: (agency, unit or None, people served a year, answer quality 1-4)
SURVEYED = [
    ("DPMPTSP", "BID-PPNP", 9000, 3.45), ("DISDUKCAPIL", "BID-PPP", 40000, 3.30),
    ("DISDUKCAPIL", "BID-PPS", 12000, 3.15), ("DINKES", "PKM-TANJUNGPINANG", 15000, 3.25),
    ("DINKES", "PKM-KAMPUNGBUGIS", 8000, 3.05), ("DINKES", "PKM-SEIJANG", 10000, 2.85),
    ("DINKES", "PKM-BATU10", 11000, 3.10),
]
SURVEY_COLUMNS = ("agency_id", "unit_id", "cycle_id", "period", *(f"u{i}" for i in range(1, 10)), "service",
                  "served_by_id", "comment", "client_hash", "submitted_at")

Counted = list[tuple[int, int | None, str, Sequence[int], int]]  # the survey rollup's deltas


async def load_survey(periods: dict[int, Sequence[str]], say: Callable[[str], None]) -> int:
    """Survey answers for the service units, per quarter (`periods`: year -> its quarters surveyed), and each
    unit's yearly service population (set on 2 January of the first year)."""
    years = sorted(periods)
    population_set_at = dt.datetime(years[0], 1, 2, tzinfo=dt.UTC)
    rng = random.Random(SEED)
    agencies = {a.code: a for a in await Agency.all()}
    units = {(u.agency_id, u.code): u for u in await Unit.all()}
    cycles = {c.year: c for c in await Cycle.filter(year__in=list(years))}
    total = 0
    changes: list[audit.Change] = []
    counted: Counted = []
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
                for quarter in periods[year]:
                    total += await _answers(conn, rng, agency, unit, cycles[year], year, quarter, quality, counted)
        await rollups.add_survey(conn, counted)
        changes.extend(await _survey_events(conn, agencies, units))
        await audit.append(conn, ACTOR, changes)
    say(f"survey: {total} answers for {len(SURVEYED)} service units")
    return total


async def _answers(conn: Any, rng: random.Random, agency: Agency, unit: Unit, cycle: Cycle, year: int, quarter: str,
                   quality: float, counted: Counted) -> int:
    """60-140 answers to the nine questions for one unit and quarter, around `quality`; returns how many."""
    at = dt.datetime(year, 3 * int(quarter[1]), 15, 10, 0, tzinfo=dt.UTC)
    rows = []
    for n in range(rng.randint(60, 140)):
        answers = [min(4, max(1, round(rng.gauss(quality, 0.6)))) for _ in range(9)]
        rows.append((agency.id, unit.id, cycle.id, f"{year}-{quarter}", *answers, None, None,
                     None, f"demo-{agency.code}-{unit.code}-{year}{quarter}-{n}", db_time(at)))
    await sql.insert_many(conn, "survey_response", SURVEY_COLUMNS, rows)
    counted += [(agency.id, unit.id, row[3], row[4:13], 1) for row in rows]
    return len(rows)


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
