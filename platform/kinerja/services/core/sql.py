"""Small helpers for the raw SQL statements the ORM cannot express (recursive CTEs, bulk writes, locks): the
dialect, placeholders, chunks, rows, and datetimes bound as tortoise binds them."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator, Sequence

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from kinerja.models import AuditEvent

# Stay well under SQLite's limit on bound parameters in one statement.
CHUNK = 900


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def is_postgres(conn: BaseDBAsyncClient) -> bool:
    """The connection speaks PostgreSQL (else SQLite): row locks, advisory locks, COPY and $n placeholders."""
    return conn.capabilities.dialect == "postgres"


def db_datetime(value: dt.datetime) -> Any:
    """A datetime as tortoise binds it, so rows written by raw statements read back like ORM rows."""
    return AuditEvent._meta.fields_map["at"].to_db_value(value, AuditEvent)


def db_date(conn: BaseDBAsyncClient, value: dt.date) -> Any:
    """A date as a raw statement binds it: a date for asyncpg, its ISO text for SQLite (how tortoise stores it)."""
    return value if is_postgres(conn) else value.isoformat()


def placeholders(conn: BaseDBAsyncClient, count: int, start: int = 1) -> str:
    if is_postgres(conn):
        return ", ".join(f"${i}" for i in range(start, start + count))
    return ", ".join("?" for _ in range(count))


def value_groups(conn: BaseDBAsyncClient, rows: int, width: int) -> str:
    """`(?, ?), (?, ?)` / `($1, $2), ($3, $4)`: the VALUES of a multi-row INSERT of `rows` rows of `width`."""
    return ", ".join(f"({placeholders(conn, width, start=1 + n * width)})" for n in range(rows))


def connection(conn: BaseDBAsyncClient | None = None) -> BaseDBAsyncClient:
    return conn or connections.get("default")


async def fetch(conn: BaseDBAsyncClient | None, sql: str, params: Sequence[Any]) -> list[dict]:
    _, rows = await connection(conn).execute_query(sql, list(params))
    return [dict(r) for r in rows]


async def insert_many(conn: BaseDBAsyncClient, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
                      ) -> None:
    """INSERT plain rows (values already as the driver takes them) with one executemany: no ORM models."""
    if not rows:
        return
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders(conn, len(columns))})"
    await conn.execute_many(sql, [list(r) for r in rows])


class Params:
    """Bound parameters of a raw statement, numbered for the connection's dialect ($n on PostgreSQL, ? on SQLite)."""

    def __init__(self, conn: BaseDBAsyncClient):
        self._pg = is_postgres(conn)
        self.values: list[Any] = []

    def __call__(self, value: Any) -> str:
        self.values.append(value)
        return f"${len(self.values)}" if self._pg else "?"

    def many(self, values: Sequence[Any]) -> str:
        return ", ".join(self(v) for v in values)
