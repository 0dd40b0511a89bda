"""Monitoring the year (docs/DOMAIN.md, "Implementation and monitoring"): per agency and unit, how many people have
an approved SKP, logged work in the last 7 and 30 days (from clock.today()), had feedback in the period, and, in the
evaluation period (`evaluation_period`), assessed themselves, were assessed by their assessing official, have a
finalized rating and an objection still open, and have the development hours of the cycle's year (confirmed, at least
KINERJA_MIN_DEVELOPMENT_HOURS); the people behind each count (`has`) and the people lacking one of
these (`missing`, a gap), in keyset pages. Each answer is one SQL statement (plus the look-ups of its arguments),
whatever the number of people.

The assessments, ratings and objections are the evaluation's (tier 4, above this one): they are read here by raw SQL
on their tables, with their stored values written out below (SELF, SUPERVISOR, OPEN), never through an import of
that tier (docs/ARCHITECTURE.md, "The dependency rule"; tests/test_monitoring.py checks the values agree).

People who left the service (services/org/departures.py) are neither counted nor listed.

Scope: ADMIN any agency, an agency admin its own, an EMPLOYEE only its direct subordinates (the agency argument
then optional and narrowing them); an agency or unit out of scope reads as unknown (NOT_FOUND)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, AsyncIterator

from kinerja.models import Agency, Cycle, Person, Unit
from kinerja.services.core import clock, sql
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.cycles import gate
from kinerja.services.skp.work_log import day_value, q

# the facts counted of each person, in the order of MonitoringRow's counts after `people`
FACTS = ("APPROVED_SKP", "LOGGED_LAST_7_DAYS", "LOGGED_LAST_30_DAYS", "HAD_FEEDBACK", "SELF_ASSESSED",
         "SUPERVISOR_ASSESSED", "FINALIZED", "OBJECTION_OPEN", "DEVELOPMENT_HOURS_MET")
EVERYONE = "PEOPLE"  # monitoring_people(has=EVERYONE): the people counted in `people`
# the gaps monitoring_people lists (`missing`): the fact each is about, and whether it lists the people lacking the
# fact (True) or having it (False: an open objection is what needs attention)
GAPS = {
    "SKP_NOT_APPROVED": ("APPROVED_SKP", True),
    "NO_LOG_7_DAYS": ("LOGGED_LAST_7_DAYS", True),
    "NO_LOG_30_DAYS": ("LOGGED_LAST_30_DAYS", True),
    "NO_FEEDBACK": ("HAD_FEEDBACK", True),
    "NOT_SELF_ASSESSED": ("SELF_ASSESSED", True),
    "NOT_ASSESSED": ("SUPERVISOR_ASSESSED", True),
    "NOT_FINALIZED": ("FINALIZED", True),
    "OBJECTION_OPEN": ("OBJECTION_OPEN", False),
    "DEVELOPMENT_HOURS_BELOW": ("DEVELOPMENT_HOURS_MET", True),
}
# the evaluation's stored values (services/evaluation/assessments.py SELF, SUPERVISOR; objections.py STATUSES;
# development.py ACTION_STATUSES)
SELF, SUPERVISOR, OPEN, CONFIRMED = "SELF", "SUPERVISOR", "OPEN", "CONFIRMED"
DEFAULT_MIN_HOURS = 20  # settings.min_development_hours' default; the callers pass the setting
ROWS_MAX = 1000  # skpMonitoring's rows (graphql/cost.py BOUNDS): agencies, or an agency's units and its total


@dataclass(frozen=True)
class MonitoringRow:
    agency: str
    unit: str | None
    people: int
    approved_skp: int
    logged_7_days: int
    logged_30_days: int
    had_feedback: int
    self_assessed: int = 0
    supervisor_assessed: int = 0
    finalized: int = 0
    objections_open: int = 0
    development_hours_met: int = 0  # confirmed development hours of the cycle's year at least the minimum
    evaluation_period: str = ""  # the period the last four count in (evaluation_period)


@dataclass(frozen=True)
class MonitoredPerson:
    id: int
    nip: str
    name: str
    agency: str
    unit: str | None
    position: str = ""
    agency_name: str = ""
    unit_name: str | None = None


@dataclass(frozen=True)
class _Scope:
    where: str
    params: list[Any]
    agency: Agency | None
    unit: Unit | None
    cycle: Cycle
    period: str | None
    minimum: int = DEFAULT_MIN_HOURS


async def _scope(access: Access, agency: str | None, unit: str | None, cycle: int, period: str | None,
                 minimum: int = DEFAULT_MIN_HOURS) -> _Scope:
    found = await Cycle.get_or_none(year=cycle) if isinstance(cycle, int) and 0 < cycle < 10000 else None
    if found is None:
        raise BadArgument("cycle", f"no cycle {cycle}", "NOT_FOUND")
    if period is not None:
        period = period.strip()
        if gate.period_kind(period) is None or not gate.is_period_of(period, found.year, found.periodicity):
            raise BadArgument("period", f"{period!r} is not a period of cycle {found.year} "
                                        f"({', '.join(gate.periods_of(found.year, found.periodicity))})",
                              "INVALID_PERIOD")
    where, params = ["p.left_at IS NULL"], []  # people in service only (services/org/departures.py)
    chosen_agency = chosen_unit = None
    if agency is not None:
        chosen_agency = await Agency.get_or_none(code=agency.strip().upper())
        visible = chosen_agency is not None and access.can_manage_agency(chosen_agency.id)
        if chosen_agency is not None and access.monitors_subordinates_only():
            # a supervisor's own agency, or one where a direct subordinate of theirs works
            visible = access.can_see_agency(chosen_agency.id) or await Person.filter(
                supervisor_id=access.viewer.person_id, agency_id=chosen_agency.id).exists()
        if not visible:
            raise BadArgument("agency", f"no agency {agency!r}", "NOT_FOUND")
        where.append("p.agency_id = ?")
        params.append(chosen_agency.id)
    elif not access.is_admin and not access.monitors_subordinates_only():
        where.append("p.agency_id = ?")  # an agency admin: its own agency
        params.append(access.viewer.agency_id)
    if unit is not None:
        if chosen_agency is None:
            raise BadArgument("unit", "a unit is chosen within an agency: give agency as well", "AGENCY_REQUIRED")
        chosen_unit = await Unit.get_or_none(agency_id=chosen_agency.id, code=unit.strip().upper())
        if chosen_unit is None:
            raise BadArgument("unit", f"no unit {unit!r} in agency {chosen_agency.code}", "NOT_FOUND")
        where.append("p.unit_id = ?")
        params.append(chosen_unit.id)
    if access.monitors_subordinates_only():
        where.append("p.supervisor_id = ?")
        params.append(access.viewer.person_id if access.viewer.person_id is not None else -1)
    return _Scope(" AND ".join(where), params, chosen_agency, chosen_unit, found, period, minimum)


def evaluation_period(year: int, period: str | None) -> str:
    """The period assessments, ratings and objections are counted in: `period`, or the year when no period is given
    or `period` is the year's last quarter or month (they are one evaluation, "Triwulan IV / Akhir Tahun": docs/
    DOMAIN.md, "The year end")."""
    return str(year) if period is None or gate.is_folded_into_year(period) else period


def _facts(conn: Any, scope: _Scope) -> tuple[dict[str, str], dict[str, list[Any]]]:
    """The SQL condition of each fact about a person p (an EXISTS), and the parameters of each."""
    today = clock.today()
    evaluated = evaluation_period(scope.cycle.year, scope.period)
    feedback_period = "AND f.period = ?" if scope.period else ""
    facts = {
        "APPROVED_SKP": "EXISTS (SELECT 1 FROM skp s WHERE s.person_id = p.id AND s.cycle_id = ? "
                        "AND s.approved_revision IS NOT NULL)",
        "LOGGED_LAST_7_DAYS": "EXISTS (SELECT 1 FROM work_log_entry w WHERE w.person_id = p.id AND w.day > ? "
                              "AND w.day <= ?)",
        "LOGGED_LAST_30_DAYS": "EXISTS (SELECT 1 FROM work_log_entry w WHERE w.person_id = p.id AND w.day > ? "
                               "AND w.day <= ?)",
        "HAD_FEEDBACK": "EXISTS (SELECT 1 FROM performance_feedback f WHERE f.person_id = p.id AND f.cycle_id = ? "
                        f"{feedback_period})",
        # (person, period, kind), (person, period) of rating and objection: unique, so each EXISTS is one index probe
        "SELF_ASSESSED": "EXISTS (SELECT 1 FROM assessment e WHERE e.person_id = p.id AND e.period = ? "
                         "AND e.kind = ?)",
        "SUPERVISOR_ASSESSED": "EXISTS (SELECT 1 FROM assessment e WHERE e.person_id = p.id AND e.period = ? "
                               "AND e.kind = ?)",
        "FINALIZED": "EXISTS (SELECT 1 FROM rating r WHERE r.person_id = p.id AND r.period = ?)",
        "OBJECTION_OPEN": "EXISTS (SELECT 1 FROM objection o WHERE o.person_id = p.id AND o.period = ? "
                          "AND o.status = ?)",
        # the year's confirmed hours (services/evaluation/development_hours.py: by the day completed)
        "DEVELOPMENT_HOURS_MET": "(SELECT COALESCE(SUM(da.hours_done), 0) FROM development_action da "
                                 "JOIN development_plan dp ON dp.id = da.plan_id WHERE dp.person_id = p.id "
                                 "AND da.status = ? AND da.completed_on >= ? AND da.completed_on <= ?) >= ?",
    }
    params = {
        "APPROVED_SKP": [scope.cycle.id],
        "LOGGED_LAST_7_DAYS": [day_value(conn, today - dt.timedelta(days=7)), day_value(conn, today)],
        "LOGGED_LAST_30_DAYS": [day_value(conn, today - dt.timedelta(days=30)), day_value(conn, today)],
        "HAD_FEEDBACK": [scope.cycle.id, *([scope.period] if scope.period else [])],
        "SELF_ASSESSED": [evaluated, SELF],
        "SUPERVISOR_ASSESSED": [evaluated, SUPERVISOR],
        "FINALIZED": [evaluated],
        "OBJECTION_OPEN": [evaluated, OPEN],
        "DEVELOPMENT_HOURS_MET": [CONFIRMED, day_value(conn, dt.date(scope.cycle.year, 1, 1)),
                                  day_value(conn, dt.date(scope.cycle.year, 12, 31)), scope.minimum],
    }
    return facts, params


async def monitoring(access: Access, agency: str | None, unit: str | None, cycle: int,
                     period: str | None = None, minimum: int = DEFAULT_MIN_HOURS) -> list[MonitoringRow]:
    """The counts: without an agency, one row per agency in scope; with an agency, its total (unit None) and one
    row per unit; with a unit, that unit's row. One grouped statement. `minimum`: the development hours a year
    (KINERJA_MIN_DEVELOPMENT_HOURS)."""
    scope = await _scope(access, agency, unit, cycle, period, minimum)
    conn = sql.connection()
    facts, params = _facts(conn, scope)
    counts = ", ".join(f"SUM(CASE WHEN {facts[f]} THEN 1 ELSE 0 END) AS c{n}" for n, f in enumerate(FACTS))
    rows = await sql.fetch(conn, q(conn,
        f"SELECT a.code AS agency, u.code AS unit, COUNT(*) AS people, {counts} FROM person p "
        "JOIN agency a ON a.id = p.agency_id LEFT JOIN unit u ON u.id = p.unit_id "
        f"WHERE {scope.where} GROUP BY a.code, u.code ORDER BY a.code, u.code"),
        [*(v for f in FACTS for v in params[f]), *scope.params])
    evaluated = evaluation_period(scope.cycle.year, scope.period)

    def row(agency_code: str, unit_code: str | None, values: list[int]) -> MonitoringRow:
        return MonitoringRow(agency_code, unit_code, *values, evaluation_period=evaluated)

    width = 1 + len(FACTS)  # people, then each fact
    groups = [row(r["agency"], r["unit"], [int(r["people"]), *(int(r[f"c{n}"] or 0) for n in range(len(FACTS)))])
              for r in rows]
    if scope.unit is not None:
        return [g for g in groups if g.unit == scope.unit.code] or [
            row(scope.agency.code, scope.unit.code, [0] * width)]
    totals: dict[str, list[int]] = {}
    for g in groups:  # each person is in exactly one group: an agency's total is the sum of its groups
        total = totals.setdefault(g.agency, [0] * width)
        for i, v in enumerate(_counts(g)):
            total[i] += v
    if scope.agency is None:
        return [row(code, None, total) for code, total in sorted(totals.items())]
    total = totals.get(scope.agency.code, [0] * width)
    return [row(scope.agency.code, None, total), *(g for g in groups if g.unit is not None)]


def _counts(r: MonitoringRow) -> tuple[int, ...]:
    """people, then the count of each fact in FACTS order."""
    return (r.people, r.approved_skp, r.logged_7_days, r.logged_30_days, r.had_feedback, r.self_assessed,
            r.supervisor_assessed, r.finalized, r.objections_open, r.development_hours_met)


def check_list(missing: str | None, has: str | None) -> tuple[str | None, bool]:
    """The fact a list is about (None: everyone counted) and whether it lists the people lacking it, from `missing`
    (a gap) or `has` (a fact, or EVERYONE): exactly one of them. BadArgument otherwise."""
    if missing is not None and has is not None:
        raise BadArgument("has", "give either missing (a gap) or has (a fact), not both", "BAD_ARGUMENT")
    if missing is None and has is None:
        raise BadArgument("missing", "give either missing (a gap) or has (a fact)", "BAD_ARGUMENT")
    if missing is not None:
        if missing not in GAPS:
            raise BadArgument("missing", f"missing is one of {', '.join(GAPS)}", "BAD_ARGUMENT")
        return GAPS[missing]
    if has != EVERYONE and has not in FACTS:
        raise BadArgument("has", f"has is one of {', '.join((EVERYONE, *FACTS))}", "BAD_ARGUMENT")
    return (None if has == EVERYONE else has), False


async def monitoring_people(access: Access, agency: str | None, unit: str | None, cycle: int, missing: str | None,
                            first: int, after: tuple[str, int] | None = None,
                            period: str | None = None, has: str | None = None,
                            minimum: int = DEFAULT_MIN_HOURS) -> list[MonitoredPerson]:
    """The people in scope lacking `missing` (one of GAPS; OBJECTION_OPEN: having one open), or having `has` (one of
    FACTS, or EVERYONE: the people counted): the people behind a count of `monitoring`. Exactly one of the two. By
    name then id, at most first + 1 after the keyset position `after` (name, id): the caller pages with the extra
    one. One statement."""
    fact, lacking = check_list(missing, has)
    scope = await _scope(access, agency, unit, cycle, period, minimum)
    return await _listed(scope, fact, lacking, first, after)


async def monitoring_people_pages(access: Access, agency: str | None, unit: str | None, cycle: int,
                                  missing: str | None, page: int, period: str | None = None,
                                  has: str | None = None, minimum: int = DEFAULT_MIN_HOURS
                                  ) -> AsyncIterator[list[MonitoredPerson]]:
    """Every person monitoring_people lists, `page` at a time (one statement each, the arguments looked up once).
    Its first page raises what monitoring_people raises."""
    fact, lacking = check_list(missing, has)
    scope = await _scope(access, agency, unit, cycle, period, minimum)
    after = None
    while True:
        rows = await _listed(scope, fact, lacking, page, after)
        yield rows[:page]
        if len(rows) <= page:
            return
        after = (rows[page - 1].name, rows[page - 1].id)


async def _listed(scope: _Scope, fact: str | None, lacking: bool, first: int,
                  after: tuple[str, int] | None) -> list[MonitoredPerson]:
    conn = sql.connection()
    where, values = scope.where, [*scope.params]
    if fact is not None:
        facts, params = _facts(conn, scope)
        where += f" AND {'NOT ' if lacking else ''}{facts[fact]}"
        values += params[fact]
    if after is not None:
        where += " AND (p.name > ? OR (p.name = ? AND p.id > ?))"
        values += [after[0], after[0], after[1]]
    rows = await sql.fetch(conn, q(conn,
        "SELECT p.id, p.nip, p.name, p.position, a.code AS agency, a.name AS agency_name, u.code AS unit, "
        "u.name AS unit_name FROM person p "
        "JOIN agency a ON a.id = p.agency_id LEFT JOIN unit u ON u.id = p.unit_id "
        f"WHERE {where} ORDER BY p.name, p.id LIMIT {int(first) + 1}"), values)
    return [MonitoredPerson(r["id"], r["nip"], r["name"], r["agency"], r["unit"], r["position"], r["agency_name"],
                            r["unit_name"]) for r in rows]
