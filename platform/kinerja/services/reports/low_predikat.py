"""Consecutive low predikat: the people of an agency rated BUTUH_PERBAIKAN or worse in consecutive evaluation
periods, or in the annual ratings of consecutive years, with their history, so that the follow-up PP 30/2019 sets
out can be decided (docs/DOMAIN.md, "Consecutive low predikat").

Consecutive periods: adjacent in the sequence of every cycle's evaluation periods (gate.evaluation_periods_of:
Triwulan I, II, III, then the year as Triwulan IV / Akhir Tahun, then the next cycle's), both rated low; consecutive
years: the annual ratings of two adjacent years, both low. A run of at least `MIN_RUN` (2) counts. A person is
listed once, with the longest run (the latest of equal ones) and every low rating of theirs.

The rating's agency (where it was given) decides the agency, as in the predikat reports; only people the viewer may
see appear. One statement for the ratings and one for the people, whatever the number of people.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from kinerja.models import Cycle, Person, Rating
from kinerja.services.cycles import gate
from kinerja.services.reports.scope import scope_of

if TYPE_CHECKING:  # the registry imports this module
    from kinerja.services.reports.registry import Arguments, Context

LOW = ("BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG")
MIN_RUN = 2
PERIODS, YEARS = "PERIODS", "YEARS"


@dataclass(frozen=True)
class LowRow:
    nip: str
    name: str
    position: str
    agency: str  # where the latest low rating of the run was given
    run: str  # PERIODS or YEARS
    run_length: int
    run_periods: list[str]  # the run's periods, oldest first
    run_predikats: list[str]
    history: list[str]  # every low rating of the person, "PERIOD PREDIKAT", oldest first


COLUMNS = {
    "nip": attrgetter("nip"),
    "name": attrgetter("name"),
    "position": attrgetter("position"),
    "agency": attrgetter("agency"),
    "lowRun": attrgetter("run"),
    "runLength": attrgetter("run_length"),
    "runPeriods": attrgetter("run_periods"),
    "runPredikats": attrgetter("run_predikats"),
    "lowHistory": attrgetter("history"),
}


def _runs(sequence: list[str], rated: dict[str, str]) -> list[list[str]]:
    """The runs of adjacent periods of `sequence` that are all in `rated`."""
    runs: list[list[str]] = []
    current: list[str] = []
    for period in sequence:
        if period in rated:
            current.append(period)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def longest_run(rated: dict[str, str], cycles: dict[int, str], min_run: int = MIN_RUN) -> tuple[str, list[str]] | None:
    """(kind, periods) of the longest run of low ratings (the latest of equal length), or None under `min_run`.
    `rated`: period -> predikat of the person's low ratings; `cycles`: year -> periodicity."""
    years = sorted(cycles)
    sequence = [p for y in years for p in gate.evaluation_periods_of(y, cycles[y])]
    annual = [str(y) for y in range(years[0], years[-1] + 1)] if years else []
    found = [(PERIODS, run) for run in _runs(sequence, rated)] + [(YEARS, run) for run in _runs(annual, rated)]
    order = {p: n for n, p in enumerate(sequence)}
    best = max((r for r in found if len(r[1]) >= min_run),
               key=lambda r: (len(r[1]), order.get(r[1][-1], -1), r[0] == PERIODS), default=None)
    return best


async def rows(ctx: Context, a: Arguments) -> list[LowRow]:
    scope = await scope_of(ctx.access, a.agency)
    if scope.empty:
        return []
    cycles = {c.year: c.periodicity for c in await Cycle.all()}
    query = Rating.filter(predikat__in=LOW)
    if scope.agency_id is not None:
        query = query.filter(agency_id=scope.agency_id)
    found = await query.values_list("person_id", "period", "predikat", "agency__code")
    by_person: dict[int, dict[str, tuple[str, str]]] = {}
    for person_id, period, predikat, agency in found:
        by_person.setdefault(person_id, {})[period] = (predikat, agency)
    listed: dict[int, tuple[str, list[str]]] = {}
    for person_id, ratings in by_person.items():
        run = longest_run({p: v[0] for p, v in ratings.items()}, cycles)
        if run is not None:
            listed[person_id] = run
    if not listed:
        return []
    people = {p.id: p for p in await Person.filter(await ctx.access.people_filter())
              .filter(id__in=sorted(listed)).only("id", "nip", "name", "position")}
    out = []
    for person_id, (kind, periods) in listed.items():
        person = people.get(person_id)
        if person is None:  # out of the viewer's scope now
            continue
        ratings = by_person[person_id]
        history = sorted(ratings, key=lambda p: (gate.last_day(p), len(p)))
        out.append(LowRow(person.nip, person.name, person.position, ratings[periods[-1]][1], kind, len(periods),
                          periods, [ratings[p][0] for p in periods], [f"{p} {ratings[p][0]}" for p in history]))
    return sorted(out, key=lambda r: (r.agency, r.name.casefold(), r.nip))
