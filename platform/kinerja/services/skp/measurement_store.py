"""Writing a batch of measurements: new rows in one multi-row INSERT, replacements in one executemany UPDATE.

Plain SQL rather than ORM models: building a tortoise model costs tens of microseconds a row, which was most
of a 500-measurement batch (see benchmarks/RESULTS.md). Reads fetch only the batch's (target, period) pairs.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient

from kinerja.services.core import sql
from kinerja.services.core.sql import placeholders

# Rows per INSERT statement: 10 parameters each, well under SQLite's and PostgreSQL's limits.
INSERT_ROWS = 500
_COLUMNS = ("target_id", "period", "inputs", "value", "achievement", "suggested_rating", "spec_version",
            "evidence_url", "recorded_by", "recorded_at")
OLD_FIELDS = ("inputs", "value", "achievement", "spec_version", "evidence_url", "recorded_by")


@dataclass
class StoredMeasurement:
    """A measurement as written: the fields the API shows, without a model instance."""

    id: int
    target_id: int
    period: str
    inputs: dict
    value: float
    achievement: float
    suggested_rating: str
    spec_version: str
    evidence_url: str | None
    recorded_by: str
    recorded_at: dt.datetime




async def existing(conn: BaseDBAsyncClient, pairs: set[tuple[int, str]]) -> dict[tuple[int, str], dict]:
    """The stored measurements of the given (target, period) pairs, locked for update on PostgreSQL."""
    if not pairs:
        return {}
    target_ids = sorted({t for t, _ in pairs})
    periods = sorted({p for _, p in pairs})
    statement = (f"SELECT id, target_id, period, {', '.join(OLD_FIELDS)} FROM measurement "
                 f"WHERE target_id IN ({placeholders(conn, len(target_ids))}) "
                 f"AND period IN ({placeholders(conn, len(periods), len(target_ids) + 1)})")
    if sql.is_postgres(conn):
        statement += " FOR UPDATE"
    rows = await conn.execute_query_dict(statement, [*target_ids, *periods])
    found: dict[tuple[int, str], dict] = {}
    for row in rows:
        key = (row["target_id"], row["period"])
        if key in pairs:
            inputs = row["inputs"]
            found[key] = {**row, "inputs": json.loads(inputs) if isinstance(inputs, str) else inputs}
    return found


# PostgreSQL takes a batch as one array per column: one statement, parsed and planned once.
_PG_TYPES = ("int", "text", "jsonb", "float8", "float8", "text", "text", "text", "text", "timestamptz")


def _values(r: StoredMeasurement, at: Any) -> list[Any]:
    return [r.target_id, r.period, json.dumps(r.inputs), r.value, r.achievement, r.suggested_rating,
            r.spec_version, r.evidence_url, r.recorded_by, at]


async def insert(conn: BaseDBAsyncClient, rows: Sequence[StoredMeasurement]) -> None:
    """Insert new measurements and set their ids."""
    if not rows:
        return
    at = sql.db_datetime(rows[0].recorded_at)  # one batch, one time
    for start in range(0, len(rows), INSERT_ROWS):
        chunk = rows[start:start + INSERT_ROWS]
        if sql.is_postgres(conn):
            columns = list(zip(*(_values(r, at) for r in chunk)))
            arrays = ", ".join(f"${n}::{t}[]" for n, t in enumerate(_PG_TYPES, start=1))
            statement = (f"INSERT INTO measurement ({', '.join(_COLUMNS)}) SELECT * FROM unnest({arrays}) "
                   "RETURNING id, target_id, period")
            params: list[Any] = [list(c) for c in columns]
        else:
            groups = ", ".join(f"({placeholders(conn, len(_COLUMNS))})" for _ in chunk)
            statement = (f"INSERT INTO measurement ({', '.join(_COLUMNS)}) VALUES {groups} "
                   "RETURNING id, target_id, period")
            params = [v for r in chunk for v in _values(r, at)]
        ids = {(x["target_id"], x["period"]): x["id"] for x in await conn.execute_query_dict(statement, params)}
        for r in chunk:
            r.id = ids[(r.target_id, r.period)]


async def update(conn: BaseDBAsyncClient, rows: Sequence[StoredMeasurement]) -> None:
    """Replace stored measurements (their ids set) with the rows' values."""
    if not rows:
        return
    at = sql.db_datetime(rows[0].recorded_at)
    names = _COLUMNS[2:]
    values = [[*_values(r, at)[2:], r.id] for r in rows]
    if sql.is_postgres(conn):
        arrays = ", ".join(f"${n}::{t}[]" for n, t in enumerate((*_PG_TYPES[2:], "int"), start=1))
        statement = (f"UPDATE measurement AS m SET {', '.join(f'{name} = v.{name}' for name in names)} "
               f"FROM unnest({arrays}) AS v({', '.join(names)}, id) WHERE m.id = v.id")
        await conn.execute_query(statement, [list(c) for c in zip(*values)])
    else:
        statement = f"UPDATE measurement SET {', '.join(f'{name} = ?' for name in names)} WHERE id = ?"
        await conn.execute_many(statement, values)
