"""Tortoise configuration, connecting and closing, and applying the committed migrations."""

from __future__ import annotations

import os
import sqlite3
from contextlib import asynccontextmanager, closing
from pathlib import Path
from typing import Any, AsyncIterator

from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.context import get_current_context
from tortoise.migrations.api import migrate as tortoise_migrate

APP = "models"
MODELS_MODULE = "kinerja.models"
MIGRATIONS_MODULE = "kinerja.migrations"

# SQLite durability: WAL with synchronous FULL survives a killed process; wait for locks.
SQLITE_PRAGMAS = {"journal_mode": "WAL", "synchronous": "FULL", "foreign_keys": "ON", "busy_timeout": 10000}
# A throwaway database (the test suite's copies) may trade that for speed: KINERJA_SQLITE_SYNCHRONOUS=OFF skips the
# flush to disk at each commit, which a crash of the machine (not of the process) could then lose
SQLITE_SYNCHRONOUS = ("FULL", "NORMAL", "OFF")


def sqlite_pragmas() -> dict[str, Any]:
    chosen = os.environ.get("KINERJA_SQLITE_SYNCHRONOUS", "FULL").upper()
    if chosen not in SQLITE_SYNCHRONOUS:
        raise ValueError(f"KINERJA_SQLITE_SYNCHRONOUS must be one of {', '.join(SQLITE_SYNCHRONOUS)}, got {chosen!r}")
    return {**SQLITE_PRAGMAS, "synchronous": chosen}


def is_postgres(url: str) -> bool:
    return url.split("://", 1)[0] in ("postgres", "postgresql", "asyncpg")


def tortoise_config(database_url: str) -> dict[str, Any]:
    connection = expand_db_url(database_url)
    if connection["engine"].endswith("sqlite"):
        connection["credentials"].update(sqlite_pragmas())
        _check_sqlite_folder(connection["credentials"]["file_path"])
    else:
        # asyncpg prepares every statement; after five runs PostgreSQL may switch to a generic plan that ignores
        # the values, which for skewed tables (the rollups: few agency rows, millions of unit rows) scans millions
        # of rows: 66 ms instead of 6 ms for predikatDistribution at national scale (benchmarks/RESULTS.md)
        settings = connection["credentials"].setdefault("server_settings", {})
        settings.setdefault("plan_cache_mode", "force_custom_plan")
    return {
        "connections": {"default": connection},
        "apps": {
            APP: {
                "models": [MODELS_MODULE],
                "default_connection": "default",
                "migrations": MIGRATIONS_MODULE,
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _check_sqlite_folder(file_path: str) -> None:
    """Fail fast: tortoise 1.x hangs (a lock never released) when SQLite cannot open the file."""
    if file_path == ":memory:":
        return
    folder = Path(file_path).resolve().parent
    if not folder.is_dir():
        raise OSError(f"folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise OSError(f"folder {folder} is not writable")


# For `tortoise makemigrations` (pyproject [tool.tortoise]); the URL is never connected to.
MIGRATIONS_CONFIG = tortoise_config("sqlite://:memory:")


async def migrate(database_url: str) -> None:
    """Apply every committed migration that the database does not have yet."""
    await tortoise_migrate(config=tortoise_config(database_url))


async def connect(database_url: str, *, apply_migrations: bool = False) -> None:
    """Open the ORM for this process; requests in other tasks see it (global fallback)."""
    if apply_migrations:
        await migrate(database_url)
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)


async def close() -> None:
    """Close this process's connections and release the global context (so a later init may set it)."""
    ctx = get_current_context()
    if ctx is not None:
        await ctx.close_connections()


@asynccontextmanager
async def database(database_url: str, *, apply_migrations: bool = False) -> AsyncIterator[None]:
    await connect(database_url, apply_migrations=apply_migrations)
    try:
        yield
    finally:
        await close()


async def ping() -> None:
    """Raise if the database does not answer.

    On a SQLite file it asks on a connection of its own: the ORM keeps one connection that serves one
    query at a time, so a check queued behind a busy request's queries would report a healthy database as slow
    (and a liveness probe would restart a server that is only busy). PostgreSQL's pool has connections to spare."""
    client = connections.get("default")
    path = getattr(client, "filename", None)
    if not path or path == ":memory:":
        await client.execute_query("SELECT 1")
        return
    _ping_sqlite_file(Path(path))


def _ping_sqlite_file(path: Path) -> None:
    """Read the schema page on a read-only connection that never creates the file, on the loop itself: it takes
    about 0.1 ms, while a hop to a thread waits for the interpreter lock behind busy requests (benchmarks/
    RESULTS.md, cost budget). With WAL a reader does not wait for writers; a database another process holds locked
    is there, so it passes (the wait for it is capped at 0.2 s)."""
    try:
        with closing(sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=0.2)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
