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


class PgDatabases:
    """This worker's test databases, copied from the template a few tests ahead and dropped after use, on a thread
    of their own: CREATE DATABASE waits on the disk (0.2-0.5 s here), which then overlaps the tests instead of
    preceding each. Every test still gets a database nobody has used."""

    AHEAD = 2

    def __init__(self, template: str) -> None:
        self.template = template
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-databases")
        self.coming: list[tuple[str, concurrent.futures.Future]] = []
        self.dropping: list[concurrent.futures.Future] = []
        for _ in range(self.AHEAD):
            self._prepare()

    def _prepare(self) -> None:
        name = f"kinerja_t{RUN_ID}_{next(_counter)}"
        # commits need not wait for the disk in a database that lives for one test (a crash of PostgreSQL itself
        # would lose the last ones; the app's view of what is committed is the same)
        sql = (f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"',
               f'ALTER DATABASE "{name}" SET synchronous_commit TO off')
        self.coming.append((name, self.pool.submit(asyncio.run, _pg_admin(*sql))))

    def take(self) -> str:
        name, ready = self.coming.pop(0)
        self._prepare()
        ready.result()
        return name

    def drop(self, name: str) -> None:
        sql = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        self.dropping.append(self.pool.submit(asyncio.run, _pg_admin(sql)))

    def close(self) -> None:
        for name, ready in self.coming:
            ready.result()
            self.drop(name)
        self.coming.clear()
        for done in self.dropping:
            done.result()
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
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A fresh, migrated database for this test; PostgreSQL runs only where configured."""
    if request.param == "sqlite":
        path = tmp_path / "kinerja.sqlite3"
        shutil.copy(sqlite_template, path)
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
