"""Development hours (JP) of a year against the minimum (PP 11/2017 as amended by PP 17/2020, art. 203: at least 20
JP a year; KINERJA_MIN_DEVELOPMENT_HOURS; docs/DOMAIN.md, "Development hours").

A year's hours are the hours done of the actions completed (completedOn) in that calendar year: `done` once the
assessing official has confirmed them, `awaiting` while they wait for that; `planned` are the planned hours of the
actions not yet completed on the plan of that year's cycle. Only `done` counts towards the minimum.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from kinerja.models import Agency
from kinerja.services.core import clock, sql
from kinerja.services.core.access import Access, deny
from kinerja.services.core.errors import BadArgument


@dataclass(frozen=True)
class Hours:
    year: int
    done: int
    awaiting: int
    planned: int
    minimum: int

    @property
    def met(self) -> bool:
        return self.done >= self.minimum


@dataclass(frozen=True)
class Summary:
    agency: str
    year: int
    minimum: int
    people: int  # in service in the agency now
    met: int  # of them, with at least the minimum done
    done: int  # their hours done, together


def _bounds(conn, year: int) -> tuple:
    return sql.db_date(conn, dt.date(year, 1, 1)), sql.db_date(conn, dt.date(year, 12, 31))


async def hours_of(keys: Sequence[tuple[int, int, int]]) -> dict[tuple[int, int, int], Hours]:
    """(person id, year, minimum) -> Hours, in two statements a chunk of people (the loader's batch)."""
    wanted = set(keys)
    if not wanted:
        return {}
    conn = sql.connection()
    people = sorted({k[0] for k in wanted})
    years = sorted({k[1] for k in wanted})
    done: dict[tuple[int, int], list[int]] = {}
    for part in sql.chunks(people, sql.CHUNK - 2):
        marks = sql.placeholders(conn, len(part))
        start, end = _bounds(conn, years[0])[0], _bounds(conn, years[-1])[1]
        n = len(part)
        rows = await sql.fetch(conn, (
            "SELECT pl.person_id AS person, a.status AS status, a.completed_on AS day, a.hours_done AS hours "
            "FROM development_action a JOIN development_plan pl ON pl.id = a.plan_id "
            f"WHERE pl.person_id IN ({marks}) AND a.status IN ('DONE', 'CONFIRMED') "
            f"AND a.completed_on >= {sql.placeholders(conn, 1, n + 1)} "
            f"AND a.completed_on <= {sql.placeholders(conn, 1, n + 2)}"), [*part, start, end])
        for r in rows:
            day = r["day"] if isinstance(r["day"], dt.date) else dt.date.fromisoformat(str(r["day"])[:10])
            slot = done.setdefault((r["person"], day.year), [0, 0])
            slot[0 if r["status"] == "CONFIRMED" else 1] += r["hours"] or 0
        year_marks = sql.placeholders(conn, len(years), n + 1)
        for r in await sql.fetch(conn, (
                "SELECT pl.person_id AS person, c.year AS year, SUM(a.planned_hours) AS hours "
                "FROM development_action a JOIN development_plan pl ON pl.id = a.plan_id "
                "JOIN cycle c ON c.id = pl.cycle_id "
                f"WHERE pl.person_id IN ({marks}) AND c.year IN ({year_marks}) AND a.status = 'PLANNED' "
                "GROUP BY pl.person_id, c.year"), [*part, *years]):
            done.setdefault((r["person"], r["year"]), [0, 0]).append(int(r["hours"] or 0))
    out = {}
    for key in wanted:
        found = done.get(key[:2], [0, 0])
        out[key] = Hours(key[1], found[0], found[1], found[2] if len(found) > 2 else 0, key[2])
    return out


async def summary(access: Access, agency: str, year: int, minimum: int) -> Summary:
    """The agency's people in service and how many have the minimum done in `year`: ADMIN any agency, an agency
    admin its own (another, or an unknown code: NOT_FOUND)."""
    if not access.may_read_reports:
        raise deny("development hours of an agency are read by ADMIN and agency admins",
                   {"action": "read_reports"})
    found = await Agency.get_or_none(code=(agency or "").strip().upper()[:32])
    if found is None or not access.can_see_agency(found.id):
        raise BadArgument("agency", f"no agency {agency!r}", "NOT_FOUND", {"what": "agency", "key": agency})
    if not 1900 <= year <= 9999:
        raise BadArgument("year", f"year must be 1900 to 9999, got {year}", "OUT_OF_RANGE",
                          {"min": 1900, "max": 9999, "value": year})
    conn = sql.connection()
    start, end = _bounds(conn, year)
    marks = [sql.placeholders(conn, 1, i) for i in (1, 2, 3, 4, 5)]
    rows = await sql.fetch(conn, (
        "SELECT COUNT(*) AS people, "
        f"SUM(CASE WHEN COALESCE(h.done, 0) >= {marks[0]} THEN 1 ELSE 0 END) AS met, "
        "COALESCE(SUM(h.done), 0) AS done FROM person p LEFT JOIN ("
        "SELECT pl.person_id AS person_id, SUM(a.hours_done) AS done FROM development_action a "
        "JOIN development_plan pl ON pl.id = a.plan_id WHERE a.status = 'CONFIRMED' "
        f"AND a.completed_on >= {marks[1]} AND a.completed_on <= {marks[2]} GROUP BY pl.person_id) h "
        f"ON h.person_id = p.id WHERE p.agency_id = {marks[3]} AND (p.left_at IS NULL OR p.left_at > {marks[4]})"),
        [minimum, start, end, found.id, sql.db_date(conn, clock.today())])
    row = rows[0]
    return Summary(found.code, year, minimum, int(row["people"] or 0), int(row["met"] or 0), int(row["done"] or 0))
