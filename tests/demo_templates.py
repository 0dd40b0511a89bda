"""The demo data loaded once per run and backend, shared by the xdist workers: a SQLite file and a PostgreSQL
database that tests copy (the browser harness's servers, tests/test_demo_targets.py, tests/test_cli.py), with what
the load printed. Loading it takes a minute of CPU; each copy takes well under a second.

Fixtures (registered in tests/conftest.py):
  demo_sqlite_template   session  Template of the SQLite file
  demo_pg_template       session  Template of the PostgreSQL database (skips without KINERJA_TEST_DATABASE_URL)
  demo_database_url      function a fresh copy of the template of its backend (parametrized sqlite | postgres)
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import DEMO_TODAY, PG_URL, RUN_ID, _pg_admin, _pg_url_for, run_sync

REPO = Path(__file__).resolve().parents[1]


def _pg(sql: str) -> None:
    run_sync(_pg_admin(sql))


def _missing(message: str):
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _server_env(extra: dict[str, str]) -> dict[str, str]:
    """This process's environment without the KINERJA_* settings (the harness names what a server gets)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env["KINERJA_SQLITE_SYNCHRONOUS"] = os.environ.get("KINERJA_SQLITE_SYNCHRONOUS", "OFF")  # tests/conftest.py
    env.update(extra)
    return env


def _python(*args: str, cwd: Path, timeout: float, what: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=_server_env({"KINERJA_TODAY": DEMO_TODAY}))
    if done.returncode != 0:
        pytest.fail(f"{what} exited {done.returncode}:\n{done.stdout}\n{done.stderr}", pytrace=False)
    return done


# `kinerja demo`, then the demo's sign-in accounts: demo_accounts() sets their passwords, so it runs on the
# template, before any copy; prints them as JSON (null while demo_accounts does not exist)
_LOAD_SCRIPT = r"""
import asyncio, json, sys
from kinerja import cli, db
if cli.main(["demo", "--db", sys.argv[1]]) != 0:
    sys.exit(1)
try:
    from kinerja.demo.loader import demo_accounts
except ImportError:
    demo_accounts = None

async def accounts():
    if demo_accounts is None:
        return None
    await db.connect(sys.argv[1])
    try:
        found = await demo_accounts()
    finally:
        await db.close()
    keys = ("role", "nip", "name", "password", "about")
    return [{k: getattr(a, k) for k in keys if hasattr(a, k)} for a in found]

print(json.dumps(asyncio.run(accounts()), default=str))
"""


@dataclass
class Template:
    """A database holding the demo data, copied for each server."""

    backend: str
    source: str  # the SQLite file's path, or the PostgreSQL database's name
    seconds: float  # how long loading the demo took
    accounts: list[dict]  # demo_accounts(), [] while it does not exist
    printed: str = ""  # what `kinerja demo` printed (on stderr): its progress, then the console sign-ins


def _load_demo(db_url: str, cwd: Path, backend: str, source: str) -> Template:
    started = time.monotonic()
    done = _python("-c", _LOAD_SCRIPT, db_url, cwd=cwd, timeout=300, what=f"loading the demo into {db_url}")
    lines = done.stdout.strip().splitlines()
    return Template(backend, source, time.monotonic() - started, json.loads(lines[-1]) or [] if lines else [],
                    done.stderr)


def _shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the xdist workers of this run share (pytest-N/ above each popen-gwK/), else this run's own."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def _shared_lock(folder: Path):
    """One worker at a time: the first loads a template, the others wait for it and use it."""
    with (folder / "browser-harness.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def demo_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """A SQLite file with the demo data (and its sign-in accounts), loaded once per run (shared by the workers)."""
    shared = _shared_folder(tmp_path_factory)
    path, about = shared / "browser-demo.sqlite3", shared / "browser-demo.json"
    with _shared_lock(shared):
        if not about.exists():
            path.unlink(missing_ok=True)  # a load that failed half-way
            template = _load_demo(f"sqlite://{path}", tmp_path_factory.mktemp("demo"), "sqlite", str(path))
            about.write_text(json.dumps({"seconds": template.seconds, "accounts": template.accounts,
                                         "printed": template.printed}))
        known = json.loads(about.read_text())
    return Template("sqlite", str(path), known["seconds"], known["accounts"], known["printed"])


@pytest.fixture(scope="session")
def demo_pg_template(tmp_path_factory: pytest.TempPathFactory):
    """A PostgreSQL database with the demo data, loaded once per run; servers get CREATE DATABASE ... TEMPLATE.
    The workers count their use of it; the last one to finish drops it."""
    shared = _shared_folder(tmp_path_factory)
    state_file = shared / "browser-demo-pg.json"
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", RUN_ID)[:8]
    with _shared_lock(shared):
        state = json.loads(state_file.read_text()) if state_file.exists() else None
        if state is None:
            name = f"kinerja_t{run}_webdemo"
            _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # a load that failed half-way
            _pg(f'CREATE DATABASE "{name}"')
            try:
                template = _load_demo(_pg_url_for(name), tmp_path_factory.mktemp("demo_pg"), "postgres", name)
            except BaseException:
                _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                raise
            state = {"name": name, "seconds": template.seconds, "accounts": template.accounts,
                     "printed": template.printed, "users": 0}
        state["users"] += 1
        state_file.write_text(json.dumps(state))
    try:
        yield Template("postgres", state["name"], state["seconds"], state["accounts"], state["printed"])
    finally:
        with _shared_lock(shared):
            state = json.loads(state_file.read_text())
            state["users"] -= 1
            if state["users"] <= 0:
                _pg(f'DROP DATABASE IF EXISTS "{state["name"]}" WITH (FORCE)')
                state_file.unlink()
            else:
                state_file.write_text(json.dumps(state))



_copies = itertools.count(1)


def copy_template(template: Template, folder: Path) -> tuple[str, object]:
    """A fresh copy of the template: its URL, and how to drop it."""
    if template.backend == "sqlite":
        path = folder / "kinerja.sqlite3"
        shutil.copy(template.source, path)
        return f"sqlite://{path}", lambda: None
    name = f"kinerja_t{RUN_ID}_demo{next(_copies)}"
    _pg(f'CREATE DATABASE "{name}" TEMPLATE "{template.source}"')
    return _pg_url_for(name), lambda: _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def demo_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh copy of the demo data on each database (PostgreSQL only where configured); the template it was
    copied from is `request.getfixturevalue("demo_template")`."""
    if request.param == "postgres" and not PG_URL:
        pytest.skip("KINERJA_TEST_DATABASE_URL is not set")
    url, drop = copy_template(demo_template_of(request, request.param), tmp_path)
    yield url
    drop()


def demo_template_of(request: pytest.FixtureRequest, backend: str) -> Template:
    return request.getfixturevalue("demo_sqlite_template" if backend == "sqlite" else "demo_pg_template")
