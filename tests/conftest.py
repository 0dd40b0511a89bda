"""Shared fixtures: a fresh migrated database per test (SQLite file, and PostgreSQL when configured),
the real ASGI app through its lifespan and httpx, tokens for each role, and a SQL statement counter."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from kinerja import db
from kinerja.app import create_app
from kinerja.settings import Settings

PG_URL = os.environ.get("KINERJA_TEST_DATABASE_URL")
# The tests' SQLite copies live for one test: their commits need not wait for the disk (db.sqlite_pragmas; the
# PostgreSQL copies likewise run with synchronous_commit off). tests/test_db_settings.py checks the default, FULL.
os.environ.setdefault("KINERJA_SQLITE_SYNCHRONOUS", "OFF")
# The platform's date wherever the tests load the demo (its cycles and work log count from it) and serve it: the
# demo's years are then 2024 (CLOSED) and 2025 (ACTIVE, Q1-Q3 measured), whatever the calendar says
DEMO_TODAY = "2025-11-20"
RUN_ID = uuid.uuid4().hex[:8]


def _pg_url_for(database: str) -> str:
    parts = urlsplit(PG_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, ""))


async def _pg_admin(*statements: str) -> None:
    import asyncpg

    parts = urlsplit(PG_URL)
    conn = await asyncpg.connect(
        host=parts.hostname or "127.0.0.1", port=parts.port or 5432, user=parts.username or "postgres",
        password=parts.password, database=parts.path.lstrip("/") or "postgres",
    )
    try:
        for sql in statements:
            await conn.execute(sql)
    finally:
        await conn.close()


def run_sync(coro):
    """asyncio.run on a thread of its own: a session fixture may be set up or torn down inside a browser test, where
    Playwright's sync API has marked this thread's event loop as running (see tests/browser/conftest.py)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="fixture-asyncio") as pool:
        return pool.submit(asyncio.run, coro).result()


async def _migrate(url: str) -> None:
    await db.migrate(url)
    await db.close()


@pytest.fixture(scope="session", autouse=True)
def _documents_renderers():
    """The official documents' render workers (spawned processes) stop with this test process: an xdist worker ends
    without running atexit, and they would outlive it."""
    yield
    from kinerja.services.documents import delivery

    delivery.shutdown_renderers()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file; each test gets a copy (much faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    run_sync(_migrate(f"sqlite://{path}"))
    return path


@pytest.fixture(scope="session")
def pg_template() -> str | None:
    """A migrated PostgreSQL database of this run, used as CREATE DATABASE ... TEMPLATE."""
    if not PG_URL:
        return None
    name = f"kinerja_t{RUN_ID}_tpl"
    run_sync(_pg_admin(f'CREATE DATABASE "{name}"'))
    run_sync(_migrate(_pg_url_for(name)))
    yield name
    run_sync(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


_counter = iter(range(1, 10**9))


# The schema of a database as the tests may change it (tables, their columns and types, indexes, views, sequences) and
# the migrations recorded: a database whose fingerprint is not the template's is not reused.
FINGERPRINT = """SELECT md5(coalesce(string_agg(c.relname || ':' || c.relkind::text || ':' || coalesce(a.attname, '') || ':'
    || coalesce(a.atttypid::text, ''), ',' ORDER BY c.relname, a.attnum), '')
    || (SELECT count(*) FROM tortoise_migrations)::text)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE n.nspname = 'public'"""
TABLES = """SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'tortoise_migrations'
  ORDER BY tablename"""


async def _pg_connect(database: str):
    import asyncpg

    parts = urlsplit(PG_URL)
    return await asyncpg.connect(host=parts.hostname or "127.0.0.1", port=parts.port or 5432,
                                 user=parts.username or "postgres", password=parts.password, database=database)


async def _pg_fingerprint(database: str) -> str:
    conn = await _pg_connect(database)
    try:
        return await conn.fetchval(FINGERPRINT)
    finally:
        await conn.close()


async def _pg_recycle(name: str, template: str, fingerprint: str) -> None:
    """The database `name` as its template left it: its sessions ended, then, if its schema is still the
    template's, the tables that have rows emptied and every sequence back at its start; otherwise dropped and copied
    again. The rows are deleted, not truncated: a TRUNCATE of the few tables a test filled took 0.34 s of the
    database's time here (new files for each table and what refers to it), a DELETE of their rows 1 ms; autovacuum
    clears the dead rows as it does in production."""
    await _pg_admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' "
                    "AND pid <> pg_backend_pid()")
    conn = await _pg_connect(name)
    try:
        same = await conn.fetchval(FINGERPRINT) == fingerprint
        if same:
            tables = [r[0] for r in await conn.fetch(TABLES)]
            probe = " UNION ALL ".join(f"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM {t})" for t in tables)
            filled = [r[0] for r in await conn.fetch(probe)]
            if filled:  # every filled table emptied at once: the foreign keys' and the tables' triggers off
                await conn.execute("BEGIN; SET LOCAL session_replication_role = replica; "
                                   + "".join(f"DELETE FROM {t}; " for t in filled) + "COMMIT")
            await conn.execute("SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, start_value, false) "
                               "FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL")
    finally:
        await conn.close()
    if not same:
        await _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', *_pg_copy(name, template))


def _pg_copy(name: str, template: str) -> tuple[str, str]:
    # commits need not wait for the disk in a database that lives for tests (a crash of PostgreSQL itself would lose
    # the last ones; the app's view of what is committed is the same)
    return (f'CREATE DATABASE "{name}" TEMPLATE "{template}"',
            f'ALTER DATABASE "{name}" SET synchronous_commit TO off')


class PgDatabases:
    """This worker's test databases, on a thread of their own: each test takes one nobody is using, as the template
    left it, and gives it back when done; the thread then empties it (the rows of the tables a test filled deleted, the
    sequences reset: _pg_recycle) while the next tests run, or, should a test have changed its schema, copies it
    again. CREATE DATABASE waits on the disk and copies every file of the template (0.3-0.6 s here, and CPU that the
    tests then lack); emptying the few tables a test filled costs a fraction of that."""

    AHEAD = 2

    def __init__(self, template: str) -> None:
        self.template = template
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-databases")
        self.fingerprint = self.pool.submit(asyncio.run, _pg_fingerprint(template)).result()
        self.coming: list[tuple[str, concurrent.futures.Future]] = []
        self.names: list[str] = []
        for _ in range(self.AHEAD):
            self._prepare()

    def _prepare(self) -> None:
        name = f"kinerja_t{RUN_ID}_{next(_counter)}"
        self.names.append(name)
        self.coming.append((name, self.pool.submit(asyncio.run, _pg_admin(*_pg_copy(name, self.template)))))

    def take(self) -> str:
        if not self.coming:  # more taken at once than AHEAD (a test with a second database)
            self._prepare()
        name, ready = self.coming.pop(0)
        ready.result()
        return name

    def drop(self, name: str) -> None:
        """Give the database back: emptied on the thread, then taken again."""
        self.coming.append((name, self.pool.submit(asyncio.run, _pg_recycle(name, self.template,
                                                                            self.fingerprint))))

    def close(self) -> None:
        for _, ready in self.coming:
            try:
                ready.result()
            except Exception:  # noqa: BLE001 - dropped below whatever happened to it
                pass
        self.coming.clear()
        for name in self.names:
            self.pool.submit(asyncio.run, _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')).result()
        self.pool.shutdown()


@pytest.fixture(scope="session")
def pg_databases(pg_template: str | None):
    if pg_template is None:
        yield None
        return
    databases = PgDatabases(pg_template)
    yield databases
    databases.close()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, migrated database for this test; PostgreSQL runs only where configured."""
    if request.param == "sqlite":
        path = tmp_path / "kinerja.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite://{path}"
        return
    if not PG_URL:
        pytest.skip("KINERJA_TEST_DATABASE_URL is not set")
    databases: PgDatabases = request.getfixturevalue("pg_databases")
    name = databases.take()
    yield _pg_url_for(name)
    databases.drop(name)


class SqlCounter(logging.Handler):
    """Counts the SQL statements tortoise sends (its db_client logger, at DEBUG)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.statements.append(record.getMessage())

    def __enter__(self) -> "SqlCounter":
        self.statements.clear()
        logger = logging.getLogger("tortoise.db_client")
        self._level = logger.level
        logger.setLevel(logging.DEBUG)
        logger.addHandler(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        logger = logging.getLogger("tortoise.db_client")
        logger.removeHandler(self)
        logger.setLevel(self._level)

    @property
    def count(self) -> int:
        return len(self.statements)


@dataclass
class Api:
    """The real app, driven through httpx: `await api.gql(query, token=..., **variables)`."""

    client: httpx.AsyncClient
    settings: Settings

    async def post(self, query: str, variables: dict | None = None, token: str | None = None) -> dict:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.client.post("/graphql", json={"query": query, "variables": variables or {}},
                                          headers=headers)
        assert response.status_code == 200, response.text
        return response.json()

    async def gql(self, query: str, token: str | None = None, **variables: Any) -> dict:
        """The data of a query that must succeed without GraphQL errors."""
        body = await self.post(query, variables, token)
        assert "errors" not in body, body["errors"]
        return body["data"]

    async def errors(self, query: str, token: str | None = None, **variables: Any) -> list[dict]:
        """The GraphQL errors of a query that must fail."""
        body = await self.post(query, variables, token)
        assert body.get("errors"), body
        return body["errors"]


def forget_dialect() -> None:
    """Tortoise caches INSERT statements per connection name, not per dialect; tests switch dialects."""
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    EXECUTOR_CACHE.clear()


async def start_api(database_url: str, **settings: Any):
    forget_dialect()
    settings.setdefault("freeze_gc", False)  # see Settings.freeze_gc; tests/test_app_start.py turns it on
    s = Settings(database_url=database_url, **settings)
    app = create_app(s)
    lifespan = app.router.lifespan_context(app)
    await lifespan.__aenter__()
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")
    return Api(client, s), (client, lifespan)


async def stop_api(handles: tuple) -> None:
    client, lifespan = handles
    await client.aclose()
    await lifespan.__aexit__(None, None, None)


@pytest.fixture
async def prod(database_url):
    """The app started with env=production, and the world in its database."""
    from world import build_world

    api, handles = await start_api(database_url, env="production")
    try:
        yield api, await build_world()
    finally:
        await stop_api(handles)


@pytest.fixture
async def api(database_url: str):
    api, handles = await start_api(database_url)
    yield api
    await stop_api(handles)


@pytest.fixture
def sql_counter() -> SqlCounter:
    return SqlCounter()


@pytest.fixture
async def world(api: Api):
    from world import build_world

    return await build_world()


# the demo data loaded once per run, and copies of it (tests/demo_templates.py)
from demo_templates import demo_database_url, demo_pg_template, demo_sqlite_template  # noqa: E402, F401
