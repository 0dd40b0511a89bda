"""Small helpers for the few raw SQL statements the ORM cannot express (recursive CTEs)."""

from __future__ import annotations

from typing import Any, Iterator, Sequence

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

# Stay well under SQLite's limit on bound parameters in one statement.
CHUNK = 900


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def placeholders(conn: BaseDBAsyncClient, count: int, start: int = 1) -> str:
    if conn.capabilities.dialect == "postgres":
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
