"""Shared helpers of the benchmarks: RESULTS.md sections, machine description, percentiles, database URLs."""

from __future__ import annotations

import contextlib
import os
import platform
import re
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Iterator, Sequence
from urllib.parse import urlsplit, urlunsplit

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
REPO = Path(__file__).resolve().parent.parent
# PostgreSQL databases the benchmarks must never create, fill or drop
PROTECTED = re.compile(r"^(test|root|postgres|template\d*|kinerja_t.*)$")


# --- describing the run ----------------------------------------------------------------------------------

def sh(cmd: str) -> str:
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10).stdout.strip()
    except Exception:
        return "?"


def machine() -> str:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines()
                       if ln.startswith("MemTotal")))
        mem = f", {kib / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{os.cpu_count()} CPUs (nproc {sh('nproc')}), {cpu}{mem}, Python {platform.python_version()}"


def date() -> str:
    return sh("date -u")


def command() -> str:
    """This process's command line as typed from the repository root."""
    return "python " + " ".join(shlex.quote(a) for a in sys.argv)


def safe_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    return url


def calibration() -> str:
    """How fast this machine runs Python right now (its speed varies between runs, and other work shares it): the
    best of three runs of a fixed loop, and the load average."""
    import time

    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i * i
        best = min(best, time.perf_counter() - t0)
    try:
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        load = "?"
    return f"a fixed 1M-step Python loop took {best * 1000:.0f} ms (best of 3); load average {load}"


def header(url: str, cmd: str | None = None, suite: str | None = None) -> list[str]:
    """The lines every result block opens with: date, machine and its speed now, database, command."""
    lines = [f"- date: {date()}", f"- machine: {machine()}; {calibration()}", f"- database: {describe_db(url)}",
             f"- command: `{cmd or command()}`"]
    if suite:
        lines.append(f"- run by: `{suite}`")
    return lines


def describe_db(url: str) -> str:
    if is_postgres(url):
        # the server's version through the maintenance database: a scratch database may be gone already
        version = sh(f"psql {shlex.quote(pg_dsn(pg_url_for(url, 'postgres')))} -Atc 'SHOW server_version'") or "?"
        return f"PostgreSQL {version} ({safe_url(url)})"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version} ({url})"


# --- figures ---------------------------------------------------------------------------------------------

def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of the values."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
    return ordered[rank - 1]


def summary(values: Sequence[float]) -> dict[str, float]:
    return {"n": len(values), "p50": statistics.median(values), "p95": percentile(values, 95),
            "p99": percentile(values, 99), "mean": statistics.fmean(values), "max": max(values),
            "min": min(values)}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


# --- databases -------------------------------------------------------------------------------------------

def is_postgres(url: str) -> bool:
    return url.split("://", 1)[0] in ("postgres", "postgresql", "asyncpg")


def sqlite_path(url: str) -> Path:
    return Path(url.split("://", 1)[1])


def pg_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name or ""):
        raise SystemExit(f"give a plain database name in the URL, got {name!r}")
    return name


def pg_check_allowed(url: str) -> str:
    name = pg_name(url)
    if PROTECTED.match(name):
        raise SystemExit(f"refusing to use database {name!r}: it is not a benchmark database")
    return name


def pg_url_for(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def pg_dsn(url: str) -> str:
    """The URL as libpq (psql) takes it."""
    parts = urlsplit(url)
    return urlunsplit(("postgresql", parts.netloc, parts.path, "", ""))


async def pg_connect(url: str, database: str | None = None):
    import asyncpg

    parts = urlsplit(url)
    return await asyncpg.connect(host=parts.hostname or "127.0.0.1", port=parts.port or 5432,
                                 user=parts.username or "postgres", password=parts.password,
                                 database=database or pg_name(url))


async def pg_admin(url: str, sql: str) -> None:
    conn = await pg_connect(url, "postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def pg_recreate(url: str) -> None:
    """Drop (if it exists) and create the database the URL names; protected names are refused."""
    name = pg_check_allowed(url)
    await pg_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await pg_admin(url, f'CREATE DATABASE "{name}"')


async def pg_drop(url: str) -> None:
    name = pg_check_allowed(url)
    await pg_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def pg_exists(url: str) -> bool:
    conn = await pg_connect(url, "postgres")
    try:
        return bool(await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", pg_name(url)))
    finally:
        await conn.close()


# --- RESULTS.md ------------------------------------------------------------------------------------------

GENERATED = ("### SQLite", "### PostgreSQL")


def db_kind(url: str) -> str:
    """What a block is named by first: the database's kind."""
    return "PostgreSQL" if is_postgres(url) else "SQLite"


async def generated_counts(url: str) -> dict[str, int]:
    """Rows per table of a database made by benchmarks/generate.py; exits naming the database when it is not one."""
    from generate import count_rows

    counts = await count_rows(url)
    if not counts.get("rating"):
        raise SystemExit(f"{safe_url(url)} holds no ratings: run benchmarks/generate.py first")
    return counts


def publish(section: str, kind: str, block: str, no_write: bool) -> None:
    """Print a result block, and write it to RESULTS.md unless --no-write."""
    print(block)
    if not no_write:
        write_results(section, kind, block)
        print(f"written to {RESULTS}")


def write_results(section: str, kind: str, block: str, path: Path = RESULTS) -> None:
    """Replace (or add) the `### kind` block inside the `section` ("## ..."); every other text of the file is
    kept. A new block goes after the section's other generated blocks (### SQLite..., ### PostgreSQL...) and
    before any hand-written subsection (e.g. "### Analysis")."""
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.strip() == section), None)
    if start is None:
        if not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "\n" + section + "\n\n" + block)
        return
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    body_lines = lines[start + 1:end]
    sub = next((i for i, ln in enumerate(body_lines) if ln.strip() == f"### {kind}"), None)
    if sub is None:
        insert_at = next((i for i, ln in enumerate(body_lines) if ln.startswith("### ")
                          and not ln.startswith(GENERATED)), len(body_lines))
        while insert_at > 0 and not body_lines[insert_at - 1].strip():
            insert_at -= 1
        body_lines[insert_at:insert_at] = ["\n", block]
    else:
        sub_end = next((i for i in range(sub + 1, len(body_lines)) if body_lines[i].startswith("### ")),
                       len(body_lines))
        body_lines[sub:sub_end] = [block, "\n"] if sub_end < len(body_lines) else [block]
    body = "\n" + "".join(body_lines).lstrip("\n")
    tail = "".join(lines[end:])
    path.write_text("".join(lines[:start + 1]) + body.rstrip("\n") + "\n" + ("\n" + tail if tail else ""))


# --- the app as deployed: `kinerja serve` in a subprocess ----------------------------------------------

@contextlib.contextmanager
def server(url: str, workers: int) -> Iterator[tuple[str, int, Path]]:
    """`kinerja serve --env production` on a free port; yields (base URL, pid, log file) once /healthz answers."""
    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = Path(tempfile.mkstemp(prefix="kinerja-serve-", suffix=".log")[1])
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "kinerja.cli", "serve", "--db", url, "--port", str(port),
                                 "--workers", str(workers), "--env", "production"],
                                stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        yield base, proc.pid, log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


# --- the app, in this process ----------------------------------------------------------------------------

def app_settings(url: str, production: bool = True):
    """Settings as `kinerja serve --env production` runs them, with the repository's specs and plugins."""
    from kinerja.settings import Settings

    return Settings(database_url=url, env="production" if production else "development",
                    specs_dirs=(REPO / "indicator_specs",), plugins_dirs=(REPO / "plugins",))


class InProcessApp:
    """The real app through its lifespan, driven by httpx over ASGI (as bench_measurements.py does)."""

    def __init__(self, url: str, production: bool = True):
        self.url = url
        self.settings = app_settings(url, production)
        self.client = None
        self.token = ""

    async def __aenter__(self) -> "InProcessApp":
        import httpx

        from kinerja.app import create_app
        from kinerja.services.auth import tokens

        self.app = create_app(self.settings)
        self._lifespan = self.app.router.lifespan_context(self.app)
        await self._lifespan.__aenter__()
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app), base_url="http://bench",
                                        timeout=600)
        self.token = await tokens.create_token("ADMIN", label="benchmark")
        return self

    async def __aexit__(self, *exc) -> None:
        await self.client.aclose()
        await self._lifespan.__aexit__(*exc)

    async def post(self, query: str, variables: dict | None = None) -> dict:
        response = await self.client.post("/graphql", json={"query": query, "variables": variables or {}},
                                          headers={"Authorization": f"Bearer {self.token}"})
        response.raise_for_status()
        body = response.json()
        if body.get("errors"):
            raise RuntimeError(f"GraphQL errors: {str(body['errors'])[:2000]}")
        return body["data"]


class SqlCapture:
    """The SQL statements tortoise sends (its db_client logger at DEBUG), with their parameters."""

    def __init__(self) -> None:
        import logging

        class Handler(logging.Handler):
            def emit(inner, record: logging.LogRecord) -> None:
                args = record.args if isinstance(record.args, tuple) else ()
                if len(args) == 2:
                    self.statements.append((str(args[0]), list(args[1] or [])))
                else:
                    self.statements.append((record.getMessage(), []))

        self.statements: list[tuple[str, list]] = []
        self._handler = Handler(logging.DEBUG)

    def __enter__(self) -> "SqlCapture":
        import logging

        self.statements = []
        logger = logging.getLogger("tortoise.db_client")
        self._level = logger.level
        logger.setLevel(logging.DEBUG)
        logger.addHandler(self._handler)
        return self

    def __exit__(self, *exc) -> None:
        import logging

        logger = logging.getLogger("tortoise.db_client")
        logger.removeHandler(self._handler)
        logger.setLevel(self._level)


def sql_table(statement: str) -> str:
    """A short name for a statement: its verb and first table."""
    m = re.search(r'\bFROM\s+"?(\w+)"?', statement, re.I)
    verb = statement.strip().split(None, 1)[0].upper() if statement.strip() else "?"
    return f"{verb} {m.group(1)}" if m else verb


# --- profiles ----------------------------------------------------------------------------------------------
# cProfile (deterministic, every Python call of the profiled thread): its own overhead inflates call-heavy code
# about twofold, so the shares matter, not the seconds. Time the thread spends blocked in select/epoll (waiting for
# the database, its thread, or the network) is shown apart as "(waiting)".

def _package(path: str) -> str:
    if path == "~":
        return "(builtins)"
    parts = Path(path).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    if "kinerja" in parts:
        return "kinerja"
    if "benchmarks" in parts:
        return "(benchmark)"
    if "asyncio" in parts:
        return "asyncio"
    return "stdlib " + Path(path).stem if "/lib/python" in path else "(other)"


class Profile:
    """cProfile of one thread: `with Profile() as p: ...`, then p.report(title) or p.packages()."""

    def __enter__(self) -> "Profile":
        import cProfile

        self._profile = cProfile.Profile()
        self._profile.enable()
        return self

    def __exit__(self, *exc) -> None:
        import pstats

        self._profile.disable()
        self.stats = pstats.Stats(self._profile)

    def packages(self) -> tuple[Counter, float]:
        by: Counter = Counter()
        for (path, _, name), (_, _, tottime, _, _) in self.stats.stats.items():
            if path == "~" and "poll" in name and ("epoll" in name or "select" in name):
                by["(waiting)"] += tottime
            else:
                by[_package(path)] += tottime
        return by, sum(by.values()) or 1.0

    def top_packages(self, n: int = 8) -> str:
        by, total = self.packages()
        return ", ".join(f"{p} {s / total:.0%}" for p, s in by.most_common(n))

    def report(self, title: str, rows: int = 35) -> str:
        import io
        import pstats

        by, total = self.packages()
        lines = [f"# {title}", f"# cProfile, {total:.2f} s of profiled time (cProfile itself slows call-heavy code "
                               "about twofold: read the shares)", "", "## own time by package", ""]
        lines += [f"{s:8.3f} s {100 * s / total:5.1f} %  {p}" for p, s in by.most_common(20)]
        for order, label in (("tottime", "own time"), ("cumulative", "cumulative time")):
            out = io.StringIO()
            pstats.Stats(self._profile, stream=out).strip_dirs().sort_stats(order).print_stats(rows)
            text = out.getvalue()
            lines += ["", f"## top functions by {label}", "", text[text.find("ncalls"):].rstrip()]
        return "\n".join(lines) + "\n"
