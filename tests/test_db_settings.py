"""The connection settings the app relies on: SQLite in WAL with synchronous FULL (a committed batch survives a
crash), PostgreSQL with custom plans for every execution (a generic plan scans the skewed rollup tables)."""

from kinerja import db
from kinerja.services.core import sql


async def test_connections_are_set_up_for_safety_and_plans(database_url):
    await db.connect(database_url)
    try:
        conn = sql.connection()
        if conn.capabilities.dialect == "postgres":
            rows = await sql.fetch(None, "SELECT current_setting('plan_cache_mode') AS mode", [])
            assert rows == [{"mode": "force_custom_plan"}]
        else:
            assert (await sql.fetch(None, "PRAGMA journal_mode", []))[0]["journal_mode"] == "wal"
            assert (await sql.fetch(None, "PRAGMA synchronous", []))[0]["synchronous"] == 2  # FULL
    finally:
        await db.close()
