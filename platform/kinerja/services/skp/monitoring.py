"""Monitoring the year (docs/DOMAIN.md, "Implementation and monitoring"): per agency and unit, how many people have
an approved SKP, logged work in the last 7 and 30 days (from clock.today()) and had feedback in the period, and the
people lacking one of these, in keyset pages. Each answer is one SQL statement (plus the look-ups of its
arguments), whatever the number of people.

Scope: ADMIN any agency, an agency admin its own, an EMPLOYEE only its direct subordinates (the agency argument
then optional and narrowing them); an agency or unit out of scope reads as unknown (NOT_FOUND)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kinerja.models import Agency, Cycle, Person, Unit
from kinerja.services.core import clock, sql
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.cycles import gate
from kinerja.services.skp.work_log import day_value, q

GAPS = ("SKP_NOT_APPROVED", "NO_LOG_7_DAYS", "NO_LOG_30_DAYS", "NO_FEEDBACK")
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


@dataclass(frozen=True)
class MonitoredPerson:
    id: int
    nip: str
    name: str
    agency: str
    unit: str | None


@dataclass(frozen=True)
class _Scope:
    where: str
    params: list[Any]
    agency: Agency | None
    unit: Unit | None
    cycle: Cycle
    period: str | None


async def _scope(access: Access, agency: str | None, unit: str | None, cycle: int, period: str | None) -> _Scope:
    found = await Cycle.get_or_none(year=cycle) if isinstance(cycle, int) and 0 < cycle < 10000 else None
    if found is None:
        raise BadArgument("cycle", f"no cycle {cycle}", "NOT_FOUND")
    if period is not None:
        period = period.strip()
        if gate.period_kind(period) is None or not gate.is_period_of(period, found.year, found.periodicity):
            raise BadArgument("period", f"{period!r} is not a period of cycle {found.year} "
                                        f"({', '.join(gate.periods_of(found.year, found.periodicity))})",
                              "INVALID_PERIOD")
    where, params = ["1 = 1"], []
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
    return _Scope(" AND ".join(where), params, chosen_agency, chosen_unit, found, period)


def _facts(conn: Any, scope: _Scope) -> tuple[dict[str, str], list[Any]]:
    """The SQL condition of each fact about a person p (an EXISTS), and their parameters in GAPS order."""
    today = clock.today()
    feedback_period = "AND f.period = ?" if scope.period else ""
    facts = {
        "SKP_NOT_APPROVED": "EXISTS (SELECT 1 FROM skp s WHERE s.person_id = p.id AND s.cycle_id = ? "
                            "AND s.approved_revision IS NOT NULL)",
        "NO_LOG_7_DAYS": "EXISTS (SELECT 1 FROM work_log_entry w WHERE w.person_id = p.id AND w.day > ? "
                         "AND w.day <= ?)",
        "NO_LOG_30_DAYS": "EXISTS (SELECT 1 FROM work_log_entry w WHERE w.person_id = p.id AND w.day > ? "
                          "AND w.day <= ?)",
        "NO_FEEDBACK": "EXISTS (SELECT 1 FROM performance_feedback f WHERE f.person_id = p.id AND f.cycle_id = ? "
                       f"{feedback_period})",
    }
    params = {
        "SKP_NOT_APPROVED": [scope.cycle.id],
        "NO_LOG_7_DAYS": [day_value(conn, today - dt.timedelta(days=7)), day_value(conn, today)],
        "NO_LOG_30_DAYS": [day_value(conn, today - dt.timedelta(days=30)), day_value(conn, today)],
        "NO_FEEDBACK": [scope.cycle.id, *([scope.period] if scope.period else [])],
    }
    return facts, params


async def monitoring(access: Access, agency: str | None, unit: str | None, cycle: int,
                     period: str | None = None) -> list[MonitoringRow]:
    """The counts: without an agency, one row per agency in scope; with an agency, its total (unit None) and one
    row per unit; with a unit, that unit's row. One grouped statement."""
    scope = await _scope(access, agency, unit, cycle, period)
    conn = sql.connection()
    facts, params = _facts(conn, scope)
    counts = ", ".join(f"SUM(CASE WHEN {facts[g]} THEN 1 ELSE 0 END) AS c{n}" for n, g in enumerate(GAPS))
    rows = await sql.fetch(conn, q(conn,
        f"SELECT a.code AS agency, u.code AS unit, COUNT(*) AS people, {counts} FROM person p "
        "JOIN agency a ON a.id = p.agency_id LEFT JOIN unit u ON u.id = p.unit_id "
        f"WHERE {scope.where} GROUP BY a.code, u.code ORDER BY a.code, u.code"),
        [*(v for g in GAPS for v in params[g]), *scope.params])
    groups = [MonitoringRow(r["agency"], r["unit"], int(r["people"]), *(int(r[f"c{n}"] or 0) for n in range(4)))
              for r in rows]
    if scope.unit is not None:
        return [g for g in groups if g.unit == scope.unit.code] or [
            MonitoringRow(scope.agency.code, scope.unit.code, 0, 0, 0, 0, 0)]
    totals: dict[str, list[int]] = {}
    for g in groups:  # each person is in exactly one group: an agency's total is the sum of its groups
        total = totals.setdefault(g.agency, [0] * 5)
        for i, v in enumerate((g.people, g.approved_skp, g.logged_7_days, g.logged_30_days, g.had_feedback)):
            total[i] += v
    if scope.agency is None:
        return [MonitoringRow(code, None, *total) for code, total in sorted(totals.items())]
    total = totals.get(scope.agency.code, [0] * 5)
    return [MonitoringRow(scope.agency.code, None, *total), *(g for g in groups if g.unit is not None)]


async def monitoring_people(access: Access, agency: str | None, unit: str | None, cycle: int, missing: str,
                            first: int, after: tuple[str, int] | None = None,
                            period: str | None = None) -> list[MonitoredPerson]:
    """The people in scope lacking `missing` (one of GAPS), by name then id, at most first + 1 after the keyset
    position `after` (name, id): the caller pages with the extra one. One statement."""
    if missing not in GAPS:
        raise BadArgument("missing", f"missing is one of {', '.join(GAPS)}", "BAD_ARGUMENT")
    scope = await _scope(access, agency, unit, cycle, period)
    conn = sql.connection()
    facts, params = _facts(conn, scope)
    where, values = f"{scope.where} AND NOT {facts[missing]}", [*scope.params, *params[missing]]
    if after is not None:
        where += " AND (p.name > ? OR (p.name = ? AND p.id > ?))"
        values += [after[0], after[0], after[1]]
    rows = await sql.fetch(conn, q(conn,
        "SELECT p.id, p.nip, p.name, a.code AS agency, u.code AS unit FROM person p "
        "JOIN agency a ON a.id = p.agency_id LEFT JOIN unit u ON u.id = p.unit_id "
        f"WHERE {where} ORDER BY p.name, p.id LIMIT {int(first) + 1}"), values)
    return [MonitoredPerson(r["id"], r["nip"], r["name"], r["agency"], r["unit"]) for r in rows]
