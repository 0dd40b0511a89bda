"""Impact ("dampak positif", issue 23 §3): per year, for an agency and each of its units, the IKM, the spread of the
annual predikat, the development hours done, and for the people with a development plan their predikat before the
plan (the low rating that required it) and after it (their next rating), counted as improved, the same, worse or not
yet rated (docs/DOMAIN.md, "Impact").

The figures sit side by side; they show an association over time, never that development caused a change: the
answer carries that caveat (CAVEAT, a text of services/core/messages.py, said in the request's language).

Per year Y of from..to:
- the IKM: the survey rollup of Y and its quarters or months (survey/satisfaction.period_filter), the agency's row
  from every answer to it, a unit's from the answers naming exactly that unit, by the arithmetic of survey/ikm.py;
- the predikat: the annual ratings (period Y: the year, which holds the last quarter, "The year end") from
  rating_rollup, the unit being the one the rating was given in (as predikatDistribution);
- the hours: the confirmed hours of the actions completed in Y, and how many people have at least the minimum, over
  the people of the agency in service now, by their unit now (as developmentHours(agency, year));
- the plans: the plans of cycle Y that a rating still standing requires (DevelopmentPlan.required_period), by that
  rating's agency and unit; "after" is the person's first rating of a period ending after the low one (the gate
  refuses that rating until the plan is agreed, so it is the first rating made under an agreed plan), in any year.

One statement each for the agency, the units, the survey, the ratings, the hours and the plans, whatever the number
of people or years (at most MAX_YEARS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import attrgetter, or_
from typing import Any

from kinerja.models import Agency, RatingRollup, SurveyRollup, Unit
from kinerja.models.rollup import WHOLE_AGENCY
from kinerja.services.core import clock, sql
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.cycles import gate
from kinerja.services.evaluation import curve
from kinerja.services.reports.predikat import camel
from kinerja.services.reports.scope import Params, require_reader
from kinerja.services.survey import ikm
from kinerja.services.survey.satisfaction import period_filter, result_from_sums

MAX_YEARS = 10  # years in one answer
MIN_YEAR, MAX_YEAR = 1900, 9999
CAVEAT = "IMPACT_CAVEAT"  # the key of the caveat's text in messages.TEXTS
PREDIKATS = curve.PREDIKATS  # best first: SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG_MISCONDUCT, SANGAT_KURANG
IMPROVED, SAME, WORSE, NOT_YET_RATED = "IMPROVED", "SAME", "WORSE", "NOT_YET_RATED"
OUTCOMES = (IMPROVED, SAME, WORSE, NOT_YET_RATED)
_U = tuple(f"u{i}" for i in range(1, ikm.ELEMENTS + 1))


@dataclass(frozen=True)
class ImpactRow:
    """One year of the agency (unit None) or of one unit."""

    year: int
    agency: str
    unit: str | None  # the unit's code; None: the agency as a whole
    label: str  # the agency's or the unit's name
    respondents: int
    ikm: float | None  # None without respondents
    ikm_grade: str | None  # A-D
    ikm_label: str | None  # the grade's words (Indonesian)
    counts: Mapping[str, int]  # predikat -> annual ratings of the year
    people: int  # in service now (hours)
    hours_met: int  # of them, with at least the minimum confirmed in the year
    hours_done: int  # confirmed hours of actions completed in the year
    outcomes: Mapping[str, int] = field(default_factory=dict)  # IMPROVED, SAME, WORSE, NOT_YET_RATED -> plans

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def plans(self) -> int:
        return sum(self.outcomes.values())


@dataclass(frozen=True)
class Transition:
    """How many people with a plan of the year went from one predikat (the low rating) to another (None: not yet
    rated again)."""

    year: int
    before: str
    after: str | None
    people: int


@dataclass(frozen=True)
class Impact:
    agency: str
    agency_name: str
    unit: str | None
    from_year: int
    to_year: int
    minimum: int  # the hours a year (KINERJA_MIN_DEVELOPMENT_HOURS)
    rows: list[ImpactRow]
    transitions: list[Transition]
    caveat: str = CAVEAT


# the export's columns (services/reports/lists.py "impact"): name -> its value in a row
COLUMNS = {
    "year": attrgetter("year"),
    "agency": attrgetter("agency"),
    "unit": attrgetter("unit"),
    "label": attrgetter("label"),
    "respondents": attrgetter("respondents"),
    "ikm": attrgetter("ikm"),
    "ikmGrade": attrgetter("ikm_grade"),
    "total": attrgetter("total"),
    **{camel(name): (lambda row, name=name: row.counts.get(name, 0)) for name in PREDIKATS},
    "people": attrgetter("people"),
    "hoursMet": attrgetter("hours_met"),
    "hoursDone": attrgetter("hours_done"),
    "plans": attrgetter("plans"),
    **{camel(o): (lambda row, o=o: row.outcomes.get(o, 0)) for o in OUTCOMES},
}


def outcome(before: str, after: str | None) -> str:
    """IMPROVED, SAME, WORSE (by the order of PREDIKATS, best first) or NOT_YET_RATED."""
    if after is None:
        return NOT_YET_RATED
    rank = {p: n for n, p in enumerate(PREDIKATS)}
    b, a = rank.get(before), rank.get(after)
    if a is None or b is None or a == b:
        return SAME
    return IMPROVED if a < b else WORSE


def check_years(from_year: int, to_year: int) -> list[int]:
    """The years from..to; BadArgument for a year outside MIN_YEAR..MAX_YEAR, to before from, or more than MAX_YEARS."""
    for name, year in (("from", from_year), ("to", to_year)):
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise BadArgument(name, f"year must be {MIN_YEAR}-{MAX_YEAR}, got {year}", "INVALID_YEAR",
                              {"min": MIN_YEAR, "max": MAX_YEAR, "value": year})
    if to_year < from_year:
        raise BadArgument("to", f"the year to ({to_year}) is before the year from ({from_year})", "INVALID_RANGE",
                          {"to_year": to_year, "from_year": from_year})
    if to_year - from_year + 1 > MAX_YEARS:
        raise BadArgument("to", f"a range is at most {MAX_YEARS} years; this one is {to_year - from_year + 1}",
                          "RANGE_TOO_LONG", {"limit": MAX_YEARS, "years": to_year - from_year + 1})
    return list(range(from_year, to_year + 1))


async def impact(access: Access, agency: str, from_year: int, to_year: int, unit: str | None = None,
                 minimum: int = 20) -> Impact:
    """The figures of the module's doc: ADMIN any agency, an agency admin its own (another agency, or an unknown
    code, is NOT_FOUND; so is a unit the agency does not have); an employee is refused (FORBIDDEN)."""
    require_reader(access)
    years = check_years(from_year, to_year)
    code = (agency or "").strip().upper()
    found = await Agency.get_or_none(code=code[:32]) if code else None
    if found is None or not access.can_see_agency(found.id):
        raise BadArgument("agency", f"no agency {agency!r}", "NOT_FOUND", {"what": "agency", "key": agency})
    units = {u["id"]: u for u in await Unit.filter(agency_id=found.id).order_by("code").values("id", "code", "name")}
    only: int | None = None
    if unit is not None and unit.strip():
        wanted = unit.strip().upper()
        only = next((i for i, u in units.items() if u["code"].upper() == wanted), None)
        if only is None:
            raise BadArgument("unit", f"no unit {unit!r} in agency {found.code}", "NOT_FOUND",
                              {"what": "unit", "key": unit, "agency": found.code})
    ikms = await _ikm(found.id, years, only)
    spreads = await _spreads(found.id, years, only)
    hours = await _hours(found.id, years, only, minimum)
    plans = await _plans(found.id, years, only)

    rows: list[ImpactRow] = []
    for year in years:
        groups = [only] if only is not None else [None, *units]
        for group in groups:
            key = (year, WHOLE_AGENCY if group is None else group)
            sums, respondents = ikms.get(key, ((0,) * ikm.ELEMENTS, 0))
            index = result_from_sums(str(year), sums, respondents, None) if respondents else None
            people, met, done = hours.get((year, group), (0, 0, 0)) if group is not None else _total(hours, year)
            outcomes = (plans.outcomes.get((year, group), {}) if group is not None
                        else _sum_outcomes(plans.outcomes, year))
            counts = {p: spreads.get(key, {}).get(p, 0) for p in PREDIKATS}
            if group is not None and only is None and not (respondents or sum(counts.values()) or people
                                                           or sum(outcomes.values())):
                continue  # a unit with nothing in the year
            rows.append(ImpactRow(
                year, found.code, units[group]["code"] if group is not None else None,
                units[group]["name"] if group is not None else found.name, respondents,
                index.index if index else None, index.grade if index else None, index.label if index else None,
                counts, people, met, done, {o: outcomes.get(o, 0) for o in OUTCOMES}))
    transitions = [Transition(year, before, after, n) for (year, before, after), n in sorted(
        plans.transitions.items(), key=lambda kv: (kv[0][0], PREDIKATS.index(kv[0][1]) if kv[0][1] in PREDIKATS
                                                   else 99, PREDIKATS.index(kv[0][2]) if kv[0][2] in PREDIKATS
                                                   else 99))]
    return Impact(found.code, found.name, units[only]["code"] if only is not None else None, years[0], years[-1],
                  minimum, rows, transitions)


def _total(hours: Mapping[tuple[int, int | None], tuple[int, int, int]], year: int) -> tuple[int, int, int]:
    """The agency's: every unit's, and the people without a unit."""
    parts = [v for (y, _), v in hours.items() if y == year]
    return tuple(sum(p[i] for p in parts) for i in range(3))  # type: ignore[return-value]


def _sum_outcomes(by: Mapping[tuple[int, int | None], Mapping[str, int]], year: int) -> dict[str, int]:
    out = {o: 0 for o in OUTCOMES}
    for (y, _), counted in by.items():
        if y == year:
            for o, n in counted.items():
                out[o] += n
    return out


async def _ikm(agency_id: int, years: Sequence[int], unit_id: int | None
               ) -> dict[tuple[int, int], tuple[tuple[int, ...], int]]:
    """(year, unit id or WHOLE_AGENCY) -> (the nine sums, respondents) of the year and its quarters or months."""
    answers = SurveyRollup.filter(reduce(or_, (period_filter(str(y)) for y in years)), agency_id=agency_id)
    answers = answers.filter(unit_id=unit_id) if unit_id is not None else answers
    out: dict[tuple[int, int], tuple[tuple[int, ...], int]] = {}
    for r in await answers.values("unit_id", "period", "respondents", *_U):
        key = (int(r["period"][:4]), r["unit_id"])
        sums, n = out.get(key, ((0,) * ikm.ELEMENTS, 0))
        out[key] = (tuple(s + int(r[u] or 0) for s, u in zip(sums, _U)), n + int(r["respondents"] or 0))
    return out


async def _spreads(agency_id: int, years: Sequence[int], unit_id: int | None) -> dict[tuple[int, int], dict[str, int]]:
    """(year, unit id or WHOLE_AGENCY) -> predikat -> annual ratings."""
    found = RatingRollup.filter(agency_id=agency_id, period__in=[str(y) for y in years])
    found = found.filter(unit_id=unit_id) if unit_id is not None else found
    out: dict[tuple[int, int], dict[str, int]] = {}
    for r in await found.values("unit_id", "period", "predikat", "ratings"):
        spread = out.setdefault((int(r["period"]), r["unit_id"]), {})
        spread[r["predikat"]] = spread.get(r["predikat"], 0) + int(r["ratings"] or 0)
    return out


async def _hours(agency_id: int, years: Sequence[int], unit_id: int | None, minimum: int
                 ) -> dict[tuple[int, int | None], tuple[int, int, int]]:
    """(year, unit id now or None) -> (people in service now, of them with the minimum confirmed in the year, their
    confirmed hours of the year): one statement, a pair of columns per year."""
    conn = sql.connection()
    p = Params(conn)  # "?" on SQLite: the parameters in the order the statement names them
    outer = ", ".join(f"SUM(CASE WHEN COALESCE(h.d{n}, 0) >= {p(minimum)} THEN 1 ELSE 0 END) AS m{n}, "
                      f"COALESCE(SUM(h.d{n}), 0) AS s{n}" for n in range(len(years)))
    per_year = ", ".join(
        f"SUM(CASE WHEN a.completed_on >= {p(sql.db_date(conn, dt.date(y, 1, 1)))} "
        f"AND a.completed_on <= {p(sql.db_date(conn, dt.date(y, 12, 31)))} THEN a.hours_done ELSE 0 END) AS d{n}"
        for n, y in enumerate(years))
    start, end = p(sql.db_date(conn, dt.date(years[0], 1, 1))), p(sql.db_date(conn, dt.date(years[-1], 12, 31)))
    query = (f"SELECT p.unit_id AS unit, COUNT(*) AS people, {outer} FROM person p LEFT JOIN ("
             f"SELECT pl.person_id AS person_id, {per_year} FROM development_action a "
             "JOIN development_plan pl ON pl.id = a.plan_id WHERE a.status = 'CONFIRMED' "
             f"AND a.completed_on >= {start} AND a.completed_on <= {end} GROUP BY pl.person_id) h "
             f"ON h.person_id = p.id WHERE p.agency_id = {p(agency_id)} "
             f"AND (p.left_at IS NULL OR p.left_at > {p(sql.db_date(conn, clock.today()))}) "
             + (f"AND p.unit_id = {p(unit_id)} " if unit_id is not None else "")
             + "GROUP BY p.unit_id")
    out: dict[tuple[int, int | None], tuple[int, int, int]] = {}
    for r in await sql.fetch(conn, query, p.values):
        for n, year in enumerate(years):
            out[(year, r["unit"])] = (int(r["people"] or 0), int(r[f"m{n}"] or 0), int(r[f"s{n}"] or 0))
    return out


@dataclass
class _Plans:
    outcomes: dict[tuple[int, int | None], dict[str, int]] = field(default_factory=dict)  # (year, unit id) -> ...
    transitions: dict[tuple[int, str, str | None], int] = field(default_factory=dict)  # (year, before, after) -> n


async def _plans(agency_id: int, years: Sequence[int], unit_id: int | None) -> _Plans:
    """The plans of the years' cycles a standing rating of the agency requires, each with its rating (before) and
    the person's later ratings, in one statement; the first of those (by the period's last day) is "after"."""
    conn = sql.connection()
    p = Params(conn)
    query = ("SELECT pl.id AS plan_id, c.year AS cycle_year, pl.required_period AS before_period, "
             "r.predikat AS before_predikat, r.unit_id AS unit_id, n.period AS next_period, "
             "n.predikat AS next_predikat FROM development_plan pl "
             "JOIN cycle c ON c.id = pl.cycle_id "
             "JOIN rating r ON r.person_id = pl.person_id AND r.period = pl.required_period "
             f"LEFT JOIN rating n ON n.person_id = pl.person_id AND n.period <> pl.required_period "
             f"AND n.period >= {p(str(years[0]))} "
             f"WHERE pl.required_period IS NOT NULL AND r.agency_id = {p(agency_id)} "
             f"AND c.year >= {p(years[0])} AND c.year <= {p(years[-1])} "
             + (f"AND r.unit_id = {p(unit_id)}" if unit_id is not None else ""))
    plans: dict[int, dict[str, Any]] = {}
    for r in await sql.fetch(conn, query, p.values):
        plan = plans.setdefault(r["plan_id"], {"year": int(r["cycle_year"]), "before": r["before_predikat"],
                                               "unit": r["unit_id"],
                                            "end": gate.last_day(r["before_period"]), "after": None})
        period = r["next_period"]
        if period is None or gate.period_kind(period) is None or gate.last_day(period) <= plan["end"]:
            continue
        order = (gate.last_day(period), len(period))
        if plan["after"] is None or order < plan["after"][0]:
            plan["after"] = (order, r["next_predikat"])
    out = _Plans()
    for plan in plans.values():
        after = plan["after"][1] if plan["after"] else None
        counted = out.outcomes.setdefault((plan["year"], plan["unit"]), {o: 0 for o in OUTCOMES})
        counted[outcome(plan["before"], after)] += 1
        key = (plan["year"], plan["before"], after)
        out.transitions[key] = out.transitions.get(key, 0) + 1
    return out


async def impact_rows(access: Access, values: Mapping[str, str], minimum: int) -> AsyncIterator[list[Any]]:
    """The export's rows (services/reports/lists.py): the table of impact() as COLUMNS, one row a year and unit."""
    found = await impact(access, values.get("agency", ""), _year(values, "from"), _year(values, "to"),
                         values.get("unit") or None, minimum)

    async def rows() -> AsyncIterator[list[Any]]:
        for row in found.rows:
            yield [value(row) for value in COLUMNS.values()]

    return rows()


def _year(values: Mapping[str, str], name: str) -> int:
    text = (values.get(name) or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise BadArgument(name, f"{name} must be a year (4 digits), got {text!r}", "INVALID_YEAR",
                          {"min": MIN_YEAR, "max": MAX_YEAR, "value": text})
    return int(text)
