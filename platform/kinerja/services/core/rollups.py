"""Report rollups: deltas applied in the writer's own transaction, a full rebuild, and a check against the base tables.

Why: the cross-agency reports (headcount, ratings by predikat, the IKM, achievements) must not scan every person,
rating, answer and measurement of the country on each request. Each write adds its own small delta to a few
rollup rows, with an UPSERT, inside the transaction that writes the base row; so the rollups commit or roll back
with it and are exact at every commit. The tables are described in kinerja.models.rollup.

Keys: `unit_id` 0 (WHOLE_AGENCY) is the agency's total row. A write with a unit adds to its unit's row AND to
the agency row; a write without a unit adds to the agency row only. An agency total is then one row, whatever
the unit tree. Counts that fall to zero stay as zero rows; absent and zero mean the same (check() treats them so).

The UPSERT, `INSERT ... ON CONFLICT (key columns) DO UPDATE SET x = table.x + excluded.x`, is the same text on
SQLite (3.24+) and PostgreSQL; every write puts all its deltas of one table into one statement (one row per
key, keys sorted, so that concurrent writers lock the rows of a table in the same order and a key never appears
twice in one statement, which PostgreSQL forbids). The agency rows are hot: writers of one agency and period
wait for each other on them until commit (ratings already do, by their per-agency lock).

Rounding of achievement_e4, the one definition used by the deltas and by the SQL of rebuild() and check():
    e4(achievement) = floor(achievement * 10000 + 0.5)
in IEEE double arithmetic (round half up, also below zero). Python's round() (half to even) and SQL ROUND
(half away from zero, and on PostgreSQL's numeric) differ at the halves, so neither is used. SQLite has no
FLOOR without its math extension, so there it is CAST(y AS INTEGER) - (y < CAST(y AS INTEGER)); on PostgreSQL
CAST(FLOOR(y) AS BIGINT). Both compute y in double precision from the stored double, as Python does.

rebuild(conn) throws every rollup row away and recomputes them from the base tables (INSERT ... SELECT ...
GROUP BY): for bulk loaders that write base rows directly, and for repair. check(conn) compares the stored
rollups with the same plain aggregates and lists every difference. Migrations run rebuild() too (0004, and the
year-end fold of 0010), on the schema of their time: a rollup table added later (LATER) is left alone where it
does not exist yet, and the migration that adds it fills it (0014: survey_profile_rollup).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient

from kinerja.models.rollup import WHOLE_AGENCY
from kinerja.models.survey import NOT_STATED, PROFILE_COLUMNS
from kinerja.services.core import sql

ELEMENTS = 9
_U = tuple(f"u{i}" for i in range(1, ELEMENTS + 1))
MEETS_TARGET = 100.0  # an achievement (capaian, percent) at least this meets its target
# The largest achievement (percent, either sign) a measurement may store; the measurements service refuses more
# (OUT_OF_RANGE) before anything is written. achievement_e4 is a BIGINT (+-9.22e18) summing e4() of every
# measurement of one agency, indicator and period: at most 1e10 each, so it holds 9.2e8 of them, far more than an
# agency has people times periods. Without the bound one achievement of 9.2e14 % filled the column alone.
ACHIEVEMENT_MAX = 1e6


def e4(achievement: float) -> int:
    """An achievement in ten-thousandths of a percent: floor(achievement * 10000 + 0.5), see the module doc."""
    return math.floor(achievement * 10000 + 0.5)


def e4_sql(conn: BaseDBAsyncClient, column: str) -> str:
    """The SQL of e4() for a double precision expression, in the connection's dialect."""
    y = f"({column} * 10000 + 0.5)"
    if sql.is_postgres(conn):
        return f"CAST(FLOOR({y}) AS BIGINT)"
    return f"(CAST({y} AS INTEGER) - ({y} < CAST({y} AS INTEGER)))"



@dataclass(frozen=True)
class _Table:
    name: str
    keys: tuple[str, ...]
    values: tuple[str, ...]


HEADCOUNT = _Table("headcount_rollup", ("agency_id", "unit_id"), ("people",))
RATINGS = _Table("rating_rollup", ("agency_id", "unit_id", "period", "predikat"), ("ratings",))
SURVEY = _Table("survey_rollup", ("agency_id", "unit_id", "period"), ("respondents", *_U))
ACHIEVEMENTS = _Table("achievement_rollup", ("agency_id", "indicator_id", "period"),
                      ("measurements", "achievement_e4", "meeting_target"))
SURVEY_PROFILE = _Table("survey_profile_rollup", ("agency_id", "dimension", "value", "period"), ("respondents", *_U))
TABLES = (HEADCOUNT, RATINGS, SURVEY, ACHIEVEMENTS, SURVEY_PROFILE)
LATER = frozenset({SURVEY_PROFILE.name})  # added after migration 0004 (by 0014): may be absent while migrating


def _levels(agency_id: int, unit_id: int | None) -> tuple[tuple[int, int], ...]:
    """The rows a write of this agency and unit adds to: the agency's (unit 0), and its unit's when it has one."""
    if unit_id:
        return (agency_id, WHOLE_AGENCY), (agency_id, unit_id)
    return ((agency_id, WHOLE_AGENCY),)


async def _upsert(conn: BaseDBAsyncClient, table: _Table, deltas: dict[tuple, list[int]]) -> int:
    """Add the deltas (key -> one number per value column) in one statement (a few for a huge batch); all-zero
    deltas are left out. Returns the number of statements sent."""
    rows = sorted((key, values) for key, values in deltas.items() if any(values))
    if not rows:
        return 0
    width = len(table.keys) + len(table.values)
    columns = ", ".join((*table.keys, *table.values))
    sets = ", ".join(f"{c} = {table.name}.{c} + excluded.{c}" for c in table.values)
    sent = 0
    for part in sql.chunks(rows, max(1, sql.CHUNK // width)):
        groups = sql.value_groups(conn, len(part), width)
        params = [v for key, values in part for v in (*key, *values)]
        await conn.execute_query(f"INSERT INTO {table.name} ({columns}) VALUES {groups} "
                                 f"ON CONFLICT ({', '.join(table.keys)}) DO UPDATE SET {sets}", params)
        sent += 1
    return sent


# ---- deltas: each takes the changes of one write (a batch) and sends one UPSERT ---------------------------------

async def add_people(conn: BaseDBAsyncClient, changes: Iterable[tuple[int, int | None, int]]) -> int:
    """(agency_id, unit_id or None, +n or -n): people who came to or left an agency and unit."""
    deltas: dict[tuple, list[int]] = defaultdict(lambda: [0])
    for agency_id, unit_id, n in changes:
        for key in _levels(agency_id, unit_id):
            deltas[key][0] += n
    return await _upsert(conn, HEADCOUNT, deltas)


async def add_ratings(conn: BaseDBAsyncClient, changes: Iterable[tuple[int, int | None, str, str, int]]) -> int:
    """(agency_id, unit_id or None, period, predikat, +n or -n): ratings finalized (+) or reopened (-), by the
    agency and unit stored on the rating (the person's at finalization)."""
    deltas: dict[tuple, list[int]] = defaultdict(lambda: [0])
    for agency_id, unit_id, period, predikat, n in changes:
        for key in _levels(agency_id, unit_id):
            deltas[(*key, period, predikat)][0] += n
    return await _upsert(conn, RATINGS, deltas)


async def add_survey(conn: BaseDBAsyncClient,
                     changes: Iterable[tuple[int, int | None, str, Sequence[int], int]]) -> int:
    """(agency_id, unit_id or None, period, the nine answers, +1 or -1): survey answers by their own period."""
    deltas: dict[tuple, list[int]] = defaultdict(lambda: [0] * (1 + ELEMENTS))
    for agency_id, unit_id, period, answers, n in changes:
        for key in _levels(agency_id, unit_id):
            row = deltas[(*key, period)]
            row[0] += n
            for i, a in enumerate(answers):
                row[1 + i] += n * int(a)
    return await _upsert(conn, SURVEY, deltas)


async def add_survey_profiles(conn: BaseDBAsyncClient,
                              changes: Iterable[tuple[int, str, dict[str, str | None], Sequence[int], int]]) -> int:
    """(agency_id, period, the profile {dimension: value or None}, the nine answers, +1 or -1): one row of each
    dimension of PROFILE_COLUMNS per answer, a dimension missing or None counted as NOT_STATED."""
    deltas: dict[tuple, list[int]] = defaultdict(lambda: [0] * (1 + ELEMENTS))
    for agency_id, period, profile, answers, n in changes:
        for dimension in PROFILE_COLUMNS:
            row = deltas[(agency_id, dimension, profile.get(dimension) or NOT_STATED, period)]
            row[0] += n
            for i, a in enumerate(answers):
                row[1 + i] += n * int(a)
    return await _upsert(conn, SURVEY_PROFILE, deltas)


async def add_achievements(conn: BaseDBAsyncClient,
                           changes: Iterable[tuple[int, int, str, float, int]]) -> int:
    """(target's agency_id, indicator_id, period, achievement, +1 or -1): a measurement stored (+1), or one
    replaced (-1 with its old achievement, +1 with the new)."""
    deltas: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    for agency_id, indicator_id, period, achievement, n in changes:
        if n > 0 and not (math.isfinite(achievement) and abs(achievement) <= ACHIEVEMENT_MAX):
            raise ValueError(f"achievement {achievement!r} is beyond +-{ACHIEVEMENT_MAX:g} percent: the caller checks "
                             "it before the write (measurements.bounded_achievement)")
        row = deltas[(agency_id, indicator_id, period)]
        row[0] += n
        row[1] += n * e4(achievement)
        row[2] += n * (achievement >= MEETS_TARGET)
    return await _upsert(conn, ACHIEVEMENTS, deltas)


# ---- the plain aggregates, for rebuild() and check() -----------------------------------------------------------

def _select(table: _Table, expressions: Sequence[str], rest: str) -> str:
    """SELECT the expressions, named as the table's columns (keys then values), then FROM ... GROUP BY ..."""
    named = ", ".join(f"{e} AS {c}" for e, c in zip(expressions, (*table.keys, *table.values), strict=True))
    return f"SELECT {named} {rest}"


def _aggregates(conn: BaseDBAsyncClient) -> dict[str, list[str]]:
    """Table name -> SELECTs whose columns are the table's keys then its values, one SELECT per level."""
    sums = [f"SUM({u})" for u in _U]
    agency, unit = ["agency_id", str(WHOLE_AGENCY)], ["agency_id", "unit_id"]
    return {
        HEADCOUNT.name: [
            _select(HEADCOUNT, [*agency, "COUNT(*)"], "FROM person GROUP BY agency_id"),
            _select(HEADCOUNT, [*unit, "COUNT(*)"],
                    "FROM person WHERE unit_id IS NOT NULL GROUP BY agency_id, unit_id"),
        ],
        RATINGS.name: [
            _select(RATINGS, [*agency, "period", "predikat", "COUNT(*)"],
                    "FROM rating GROUP BY agency_id, period, predikat"),
            _select(RATINGS, [*unit, "period", "predikat", "COUNT(*)"],
                    "FROM rating WHERE unit_id IS NOT NULL GROUP BY agency_id, unit_id, period, predikat"),
        ],
        SURVEY.name: [
            _select(SURVEY, [*agency, "period", "COUNT(*)", *sums], "FROM survey_response GROUP BY agency_id, period"),
            _select(SURVEY, [*unit, "period", "COUNT(*)", *sums],
                    "FROM survey_response WHERE unit_id IS NOT NULL GROUP BY agency_id, unit_id, period"),
        ],
        SURVEY_PROFILE.name: [
            _select(SURVEY_PROFILE, ["agency_id", f"'{dimension}'", f"COALESCE({column}, '{NOT_STATED}')", "period",
                                     "COUNT(*)", *sums],
                    f"FROM survey_response GROUP BY agency_id, COALESCE({column}, '{NOT_STATED}'), period")
            for dimension, column in PROFILE_COLUMNS.items()
        ],
        ACHIEVEMENTS.name: [
            _select(ACHIEVEMENTS, ["t.agency_id", "t.indicator_id", "m.period", "COUNT(*)",
                                   f"SUM({e4_sql(conn, 'm.achievement')})",
                                   f"SUM(CASE WHEN m.achievement >= {MEETS_TARGET} THEN 1 ELSE 0 END)"],
                    "FROM measurement m JOIN target t ON t.id = m.target_id "
                    "GROUP BY t.agency_id, t.indicator_id, m.period"),
        ],
    }


async def _present(conn: BaseDBAsyncClient, tables: Sequence[_Table]) -> list[_Table]:
    """The tables without those of LATER that the database does not have yet (a migration before 0014)."""
    out = []
    for table in tables:
        if table.name in LATER:
            query = ("SELECT to_regclass($1) IS NOT NULL AS here" if sql.is_postgres(conn)
                     else "SELECT COUNT(*) AS here FROM sqlite_master WHERE type = 'table' AND name = ?")
            if not (await sql.fetch(conn, query, [table.name]))[0]["here"]:
                continue
        out.append(table)
    return out


async def rebuild(conn: BaseDBAsyncClient, tables: Sequence[_Table] = TABLES) -> None:
    """Delete every rollup row of the tables (all of them unless told) and recompute them from the base tables (one
    INSERT ... SELECT per table and level). Run it inside a transaction; on PostgreSQL it first blocks writers of
    the base tables until commit."""
    tables = await _present(conn, tables)
    if sql.is_postgres(conn):
        await conn.execute_query("LOCK TABLE person, rating, survey_response, measurement, target IN SHARE MODE")
        await conn.execute_query(f"LOCK TABLE {', '.join(t.name for t in tables)} IN EXCLUSIVE MODE")
    aggregates = _aggregates(conn)
    for table in tables:
        await conn.execute_query(f"DELETE FROM {table.name}")
        columns = ", ".join((*table.keys, *table.values))
        for select in aggregates[table.name]:
            await conn.execute_query(f"INSERT INTO {table.name} ({columns}) {select}")


async def check(conn: BaseDBAsyncClient | None = None) -> list[str]:
    """Every difference between the stored rollups and a fresh plain aggregate of the base tables, one line each
    (empty when they agree). A zero rollup row equals an absent aggregate row."""
    conn = sql.connection(conn)
    aggregates = _aggregates(conn)
    found: list[str] = []
    for table in TABLES:
        columns = ", ".join((*table.keys, *table.values))

        def keyed(rows: list[dict], table: _Table = table) -> dict[tuple, tuple[int, ...]]:
            out = {}
            for row in rows:
                values = tuple(int(row[c] or 0) for c in table.values)
                if any(values):
                    out[tuple(row[c] for c in table.keys)] = values
            return out

        stored = keyed(await sql.fetch(conn, f"SELECT {columns} FROM {table.name}", []))
        actual: dict[tuple, tuple[int, ...]] = {}
        for select in aggregates[table.name]:
            actual.update(keyed(await sql.fetch(conn, select, [])))
        for key in sorted(stored.keys() | actual.keys(), key=repr):
            have, want = stored.get(key), actual.get(key)
            if have != want:
                zero = (0,) * len(table.values)
                found.append(f"{table.name} {dict(zip(table.keys, key))}: stored "
                             f"{dict(zip(table.values, have or zero))}, base tables give "
                             f"{dict(zip(table.values, want or zero))}")
    return found
