"""The connection settings the app relies on: SQLite in WAL with synchronous FULL (a committed batch survives a
crash), PostgreSQL with custom plans for every execution (a generic plan scans the skewed rollup tables)."""

from kinerja import db
from kinerja.services.core import sql


async def test_connections_are_set_up_for_safety_and_plans(database_url, monkeypatch):
    monkeypatch.delenv("KINERJA_SQLITE_SYNCHRONOUS")  # the default (tests/conftest.py turns it off for the suite)
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


def test_a_throwaway_database_may_skip_the_flush_and_nothing_else(monkeypatch):
    monkeypatch.setenv("KINERJA_SQLITE_SYNCHRONOUS", "off")
    assert db.sqlite_pragmas() == {**db.SQLITE_PRAGMAS, "synchronous": "OFF"}
    monkeypatch.setenv("KINERJA_SQLITE_SYNCHRONOUS", "sometimes")
    try:
        db.sqlite_pragmas()
    except ValueError as error:
        assert str(error) == "KINERJA_SQLITE_SYNCHRONOUS must be one of FULL, NORMAL, OFF, got 'SOMETIMES'"
    else:
        raise AssertionError("an unknown value was accepted")
    monkeypatch.delenv("KINERJA_SQLITE_SYNCHRONOUS")
    assert db.sqlite_pragmas()["synchronous"] == "FULL"
