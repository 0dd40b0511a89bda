"""The `kinerja` command, run as a real subprocess: tokens, migrate, people import, audit verify, serve."""

from __future__ import annotations

import asyncio
import csv
import getpass
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from kinerja import db
from kinerja.services.org import agencies
from kinerja.services.org import people
from kinerja.services.core.access import SYSTEM, Access
from demo_templates import demo_template_of
from world import nip

KINERJA = [sys.executable, "-m", "kinerja.cli"]
# the commands must not pick up a developer's KINERJA_* settings (production mode, another database)
ENV = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")} | {
    "PYTHONUNBUFFERED": "1", "KINERJA_SQLITE_SYNCHRONOUS": os.environ.get("KINERJA_SQLITE_SYNCHRONOUS", "OFF")}
FIELDS = ["nip", "name", "employment_type", "position", "agency", "unit", "supervisor"]
N = 50
NIPS = [nip(k + 1, birth="19850101", appointed="201001") for k in range(N)]


# helpers

def kinerja(*args: str, db_url: str | None = None, cwd: Path | None = None, timeout: float = 120,
            env: dict[str, str] | None = None):
    command = [*KINERJA, *args] + (["--db", db_url] if db_url else [])
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=ENV | (env or {}), cwd=cwd)


def assert_user_error(result, *words: str) -> str:
    """Exit 1, one line on stderr naming `words`, no traceback; returns that line."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], result.stderr
    assert result.stdout == ""
    return lines[0]


def with_db(url: str, work):
    """Run `work()` against the database from this (test) process."""
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    async def main():
        EXECUTOR_CACHE.clear()  # tortoise caches statements per connection name, across dialects
        await db.connect(url)
        try:
            return await work()
        finally:
            await db.close()

    return asyncio.run(main())


def make_agencies(url: str) -> None:
    async def work():
        access = Access(SYSTEM)
        await agencies.create_agency(access, "DISDIK", "Dinas Pendidikan Kota Tanjungpinang")
        await agencies.create_unit(access, "DISDIK", "SEKRETARIAT", "Sekretariat", None)
        await agencies.create_unit(access, "DISDIK", "SDN-001", "SD Negeri 001 Tanjungpinang", None)

    with_db(url, work)


def count_people(url: str) -> int:
    async def work():
        return await people.count_people(await people.people_queryset(Access(SYSTEM), None))

    return with_db(url, work)


def staff() -> list[dict]:
    """N people of DISDIK, the head last: every supervisor appears later in the file than its staff."""
    rows = []
    for k in range(N):
        rank = N - 1 - k  # 0 is the head; rank r reports to rank (r - 1) // 3
        rows.append({
            "nip": NIPS[k],
            "name": "Dra. Ayu Lestari, M.Si." if k == 7 else f"Pegawai {k + 1:02d}",
            "employment_type": "PPPK" if k % 10 == 3 else "PNS",
            "position": "Kepala Dinas" if rank == 0 else "Guru Kelas",
            "agency": "DISDIK",
            "unit": "" if k % 5 == 0 else ("SDN-001" if k % 2 else "SEKRETARIAT"),
            "supervisor": "" if rank == 0 else NIPS[N - 1 - (rank - 1) // 3],
        })
    return rows


def write_csv(path: Path, rows: list[dict], fields: list[str] = FIELDS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def import_people(url: str, path: Path, *flags: str):
    return kinerja("import", "people", str(path), *flags, db_url=url)


def corrupt_audit_event(url: str, event_id: int) -> None:
    sql = "UPDATE audit_event SET actor = 'mallory' WHERE id = {}"
    if url.startswith("sqlite://"):
        with sqlite3.connect(url.removeprefix("sqlite://")) as conn:
            assert conn.execute(sql.format("?"), (event_id,)).rowcount == 1
        return
    import asyncpg

    async def main():
        conn = await asyncpg.connect(url)
        try:
            assert await conn.execute(sql.format("$1"), event_id) == "UPDATE 1"
        finally:
            await conn.close()

    asyncio.run(main())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`kinerja serve` as a child process: stdout collected line by line, stderr in a log file."""

    def __init__(self, tmp_path: Path, *args: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp_path / "serve.log"
        self._log = self.log_path.open("w")
        self.proc = subprocess.Popen([*KINERJA, "serve", "--port", str(self.port), *args], stdout=subprocess.PIPE,
                                     stderr=self._log, text=True, env=ENV, cwd=tmp_path)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def log(self) -> str:
        return self.log_path.read_text()

    def healthy(self) -> bool:
        try:
            return httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    def wait_until(self, ready, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            assert self.proc.poll() is None, f"server exited {self.proc.returncode}:\n{self.log()}"
            assert time.monotonic() < deadline, f"server not ready in {timeout}s:\n{self.lines}\n{self.log()}"
            time.sleep(0.2)

    def graphql(self, query: str, token: str | None = None) -> dict:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = httpx.post(f"{self.base}/graphql", json={"query": query}, headers=headers, timeout=30)
        assert response.status_code == 200, response.text
        return response.json()

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode


# token create

def test_token_create_admin_prints_the_token_alone(database_url):
    result = kinerja("token", "create", "--role", "ADMIN", db_url=database_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("\n") and result.stdout.count("\n") == 1
    assert re.fullmatch(r"knj_[A-Za-z0-9_-]{20,}", result.stdout.strip()), result.stdout


def test_token_create_agency_admin_for_an_existing_agency(database_url):
    make_agencies(database_url)
    result = kinerja("token", "create", "--role", "AGENCY_ADMIN", "--agency", "disdik", db_url=database_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("knj_") and result.stdout.count("\n") == 1


def test_token_create_is_audited_without_the_secret(database_url):
    make_agencies(database_url)
    secret = kinerja("token", "create", "--role", "AGENCY_ADMIN", "--agency", "disdik", "--label", "console",
                     db_url=database_url).stdout.strip()

    async def events():
        from kinerja.models import ApiToken, AuditEvent

        token = await ApiToken.get(label="console")
        return token.id, token.token_hash, [(e.action, e.entity, e.entity_id, e.actor, e.before, e.after)
                                            for e in await AuditEvent.filter(entity="api_token")]

    token_id, token_hash, found = with_db(database_url, events)
    assert found == [("token.create", "api_token", str(token_id), f"cli:{getpass.getuser()}",
                      None, {"role": "AGENCY_ADMIN", "agency": "DISDIK", "nip": None, "label": "console"})]
    assert secret not in repr(found) and token_hash not in repr(found)
    assert kinerja("audit", "verify", db_url=database_url).returncode == 0


@pytest.mark.parametrize("args, words", [
    (["--role", "AGENCY_ADMIN"], ["--agency"]),
    (["--role", "AGENCY_ADMIN", "--agency", "NOPE"], ["agency", "NOPE"]),
    (["--role", "EMPLOYEE"], ["--nip"]),
    (["--role", "EMPLOYEE", "--nip", NIPS[0]], ["NIP", NIPS[0]]),
    (["--role", "ADMIN", "--agency", "DISDIK"], ["--agency"]),
    (["--role", "ADMIN", "--nip", NIPS[0]], ["NIP", NIPS[0]]),
], ids=["agency-admin-without-agency", "unknown-agency", "employee-without-nip", "unknown-nip", "admin-with-agency",
        "admin-with-unknown-nip"])
def test_token_create_refusals_are_one_line_errors(database_url, args, words):
    assert_user_error(kinerja("token", "create", *args, db_url=database_url), *words)


def test_token_create_admin_with_nip_stands_for_that_person(database_url):
    make_agencies(database_url)
    head = staff()[-1]
    with_db(database_url, lambda: people.upsert_people(Access(SYSTEM), [people.PersonData(**{
        k: head[k] or None for k in FIELDS})]))
    result = kinerja("token", "create", "--role", "ADMIN", "--nip", NIPS[-1], db_url=database_url)
    assert result.returncode == 0, result.stderr
    secret = result.stdout.strip()
    assert secret.startswith("knj_") and result.stdout.count("\n") == 1

    async def work():
        from kinerja.services.auth.tokens import resolve_token

        viewer = await resolve_token(secret)
        person = await people.get_person(Access(viewer), NIPS[-1])
        return viewer.role, viewer.person_id, person.id, person.nip

    role, person_id, found_id, found_nip = with_db(database_url, work)
    assert (role, person_id, found_nip) == ("ADMIN", found_id, NIPS[-1])


# migrate and bad databases

def test_migrate_is_idempotent(database_url):
    for _ in range(2):
        result = kinerja("migrate", db_url=database_url)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr


def test_migrate_creates_a_new_sqlite_database(tmp_path):
    url = f"sqlite://{tmp_path / 'new.sqlite3'}"
    assert kinerja("migrate", db_url=url).returncode == 0
    assert (tmp_path / "new.sqlite3").exists()
    assert kinerja("token", "create", "--role", "ADMIN", db_url=url).stdout.startswith("knj_")


def test_sqlite_file_in_a_missing_folder_is_a_one_line_error(tmp_path):
    url = f"sqlite://{tmp_path / 'no-such-folder' / 'kinerja.sqlite3'}"
    assert_user_error(kinerja("token", "create", "--role", "ADMIN", db_url=url, timeout=20), "no-such-folder")


def test_unsupported_database_url_is_a_one_line_error():
    assert_user_error(kinerja("migrate", db_url="mysql://x"), "mysql://x")


def test_unreachable_postgres_is_a_one_line_error():
    url = "postgres://postgres@127.0.0.1:1/nope"
    assert_user_error(kinerja("token", "create", "--role", "ADMIN", db_url=url, timeout=60), "127.0.0.1")


# import people

def test_import_people_with_supervisors_later_in_the_file(database_url, tmp_path):
    make_agencies(database_url)
    result = import_people(database_url, write_csv(tmp_path / "people.csv", staff()))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"imported {N} people"), result.stderr
    assert count_people(database_url) == N
    token = kinerja("token", "create", "--role", "EMPLOYEE", "--nip", NIPS[-1], db_url=database_url)
    assert token.returncode == 0, token.stderr
    assert token.stdout.startswith("knj_")


def test_import_people_shows_progress_on_stderr_only(database_url, tmp_path):
    make_agencies(database_url)
    result = import_people(database_url, write_csv(tmp_path / "people.csv", staff()))
    assert result.returncode == 0, result.stderr
    assert "importing people" in result.stderr
    assert result.stdout == ""


def test_import_people_quiet_has_no_progress(database_url, tmp_path):
    make_agencies(database_url)
    result = import_people(database_url, write_csv(tmp_path / "people.csv", staff()), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "importing people" not in result.stderr
    assert f"imported {N} people" in result.stderr
    assert result.stdout == ""


def test_import_people_twice_is_idempotent(database_url, tmp_path):
    make_agencies(database_url)
    path = write_csv(tmp_path / "people.csv", staff())
    for _ in range(2):
        result = import_people(database_url, path, "--quiet")
        assert result.returncode == 0, result.stderr
    assert count_people(database_url) == N
    assert kinerja("audit", "verify", db_url=database_url).returncode == 0


def test_import_people_bad_row_names_line_and_column_and_imports_nothing(database_url, tmp_path):
    make_agencies(database_url)
    rows = staff()
    rows[24]["nip"] = rows[24]["nip"][:-1] + "X"  # the 25th data row is line 26; nobody reports to it
    result = import_people(database_url, write_csv(tmp_path / "people.csv", rows))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert re.findall(r"\bline (\d+)", result.stderr) == ["26"], result.stderr
    assert "line 26, column nip" in result.stderr
    assert "nothing imported" in result.stderr
    assert count_people(database_url) == 0
    refused = kinerja("token", "create", "--role", "EMPLOYEE", "--nip", NIPS[0], db_url=database_url)
    assert refused.returncode == 1


def test_import_people_moves_an_existing_person_under_a_new_supervisor(database_url, tmp_path):
    make_agencies(database_url)
    rows = staff()
    first = [r | {"supervisor": ""} for r in rows[:-1]]  # everyone but the head, nobody supervised yet
    assert import_people(database_url, write_csv(tmp_path / "first.csv", first), "--quiet").returncode == 0
    result = import_people(database_url, write_csv(tmp_path / "people.csv", rows), "--quiet")  # the head arrives
    assert result.returncode == 0, result.stderr
    assert count_people(database_url) == N
    assert kinerja("audit", "verify", db_url=database_url).returncode == 0


def test_import_people_unknown_supervisor_names_line_and_column(database_url, tmp_path):
    make_agencies(database_url)
    rows = staff()
    rows[10]["supervisor"] = nip(999, birth="19700101")  # in neither the file nor the database
    result = import_people(database_url, write_csv(tmp_path / "people.csv", rows))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "line 12, column supervisor" in result.stderr
    assert count_people(database_url) == 0


def test_import_people_reports_every_bad_row(database_url, tmp_path):
    make_agencies(database_url)
    rows = staff()
    rows[2]["employment_type"] = "HONORER"
    rows[40]["unit"] = "NO-SUCH-UNIT"
    result = import_people(database_url, write_csv(tmp_path / "people.csv", rows))
    assert result.returncode == 1, result.stderr
    assert "line 4, column employment_type" in result.stderr
    assert "line 42, column unit" in result.stderr
    assert count_people(database_url) == 0


FILE_CASES = {
    "missing-column": (lambda p: write_csv(p, staff(), [f for f in FIELDS if f != "position"]), "position"),
    "unknown-column": (lambda p: write_csv(p, [r | {"email": "x@y"} for r in staff()], FIELDS + ["email"]), "email"),
    "not-utf8": (lambda p: p.write_bytes(f"{','.join(FIELDS)}\n{NIPS[0]},Jos\xe9,PNS,Guru,DISDIK,,\n"
                                         .encode("latin-1")), "UTF-8"),
    "missing-file": (lambda p: None, "no such file"),
    "header-only": (lambda p: write_csv(p, []), "no rows"),
    "empty-file": (lambda p: p.write_text(""), "nip"),
    "a-folder": (lambda p: p.mkdir(), "people.csv"),
}


@pytest.mark.parametrize("case", FILE_CASES)
def test_import_people_rejects_unusable_file(database_url, tmp_path, case):
    make_agencies(database_url)
    prepare, word = FILE_CASES[case]
    path = tmp_path / "people.csv"
    prepare(path)
    assert_user_error(import_people(database_url, path), word, str(path))
    assert count_people(database_url) == 0


# audit verify

def test_audit_verify_names_the_corrupted_event(database_url, tmp_path):
    make_agencies(database_url)
    assert import_people(database_url, write_csv(tmp_path / "people.csv", staff()), "--quiet").returncode == 0
    intact = kinerja("audit", "verify", db_url=database_url)
    assert intact.returncode == 0, intact.stderr
    corrupt_audit_event(database_url, 3)
    assert re.search(r"\bevent 3\b", assert_user_error(kinerja("audit", "verify", db_url=database_url)))


# demo

@pytest.mark.slow
def test_demo_loads_once(demo_database_url, request):
    # the first `kinerja demo` is the one that made the run's demo data (tests/demo_templates.py): this is a copy
    first = demo_template_of(request, "sqlite" if demo_database_url.startswith("sqlite") else "postgres").printed
    database_url = demo_database_url
    assert "demo data loaded" in first
    # the printed console sign-ins work: each NIP with its password gives a session of its role
    printed = re.findall(r"^  ([0-9]{18})  (\S+) +.*: (ADMIN|AGENCY_ADMIN|EMPLOYEE)\b", first, re.M)
    assert [role for *_, role in printed] == ["ADMIN", "AGENCY_ADMIN", "EMPLOYEE", "EMPLOYEE"], first

    async def sign_in():
        from kinerja.services.auth import sessions

        policy = sessions.LoginPolicy(session_hours=1, lock_failures=10, lock_seconds=60)
        return [(await sessions.login(nip, password, "127.0.0.1", policy)).role for nip, password, _ in printed]

    assert with_db(database_url, sign_in) == [role for *_, role in printed]
    again = kinerja("demo", db_url=database_url, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "not loaded" in again.stderr
    assert kinerja("token", "create", "--role", "AGENCY_ADMIN", "--agency", "DISDIK",
                   db_url=database_url).returncode == 0


# serve

@pytest.mark.slow
def test_serve_answers_graphql_through_the_real_lifespan(database_url, tmp_path):
    make_agencies(database_url)
    token = kinerja("token", "create", "--role", "ADMIN", db_url=database_url).stdout.strip()
    server = Server(tmp_path, "--db", database_url)
    try:
        server.wait_until(server.healthy, timeout=20)
        assert server.graphql("{ agencies { code } }", token) == {"data": {"agencies": [{"code": "DISDIK"}]}}
        anonymous = server.graphql("{ agencies { code } }")
        assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", anonymous
    finally:
        code = server.stop()
    assert code in (0, -signal.SIGTERM), server.log()  # uvicorn re-raises SIGTERM once it has shut down
    assert "Traceback" not in server.log()
    assert "Application shutdown complete" in server.log()


@pytest.mark.slow
def test_serve_with_two_workers_answers_on_postgres(database_url, tmp_path):
    if not database_url.startswith("postgres"):
        pytest.skip("several workers need PostgreSQL; SQLite's refusal is tested below")
    make_agencies(database_url)
    token = kinerja("token", "create", "--role", "ADMIN", db_url=database_url).stdout.strip()
    server = Server(tmp_path, "--db", database_url, "--workers", "2")
    try:
        server.wait_until(server.healthy, timeout=30)
        for _ in range(6):  # spread over both workers
            assert server.graphql("{ agencies { code } }", token) == {"data": {"agencies": [{"code": "DISDIK"}]}}
        server.wait_until(lambda: server.log().count("Application startup complete") == 2, timeout=30)
    finally:
        server.stop()
    assert "Traceback" not in server.log()


SPEC = """\
agency: {code: DISDIK, name: Dinas Pendidikan}
indicators:
  - {code: RASIO, name: Rasio, unit: percent, direction: higher_is_better, level: person, periods: [quarter],
     inputs: {a: {type: number}, b: {type: number}}, formula: FORMULA, target: 100}
"""


@pytest.mark.slow
def test_a_reload_on_one_worker_reaches_every_worker(database_url, tmp_path):
    if not database_url.startswith("postgres"):
        pytest.skip("several workers need PostgreSQL")
    make_agencies(database_url)
    token = kinerja("token", "create", "--role", "ADMIN", db_url=database_url).stdout.strip()
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "disdik.yaml").write_text(SPEC.replace("FORMULA", "a / b * 100"), encoding="utf-8")
    server = Server(tmp_path, "--db", database_url, "--workers", "2", "--specs-dir", str(specs))
    try:
        server.wait_until(server.healthy, timeout=30)
        server.wait_until(lambda: server.log().count("Application startup complete") == 2, timeout=30)
        (specs / "disdik.yaml").write_text(SPEC.replace("FORMULA", "a / b * 50"), encoding="utf-8")
        (specs / "broken.yaml").write_text(SPEC.replace("FORMULA", "a +").replace("DISDIK", "DINKES"),
                                           encoding="utf-8")
        reload = server.graphql("mutation { reloadSpecs { errors { file } } }", token)
        assert reload["data"]["reloadSpecs"]["errors"] == [{"file": str(specs / "broken.yaml")}]
        for _ in range(12):  # new connections, so both workers answer some
            body = server.graphql("{ specErrors { file } }", token)
            assert body["data"]["specErrors"] == [{"file": str(specs / "broken.yaml")}], body
        assert "specs read again" in server.log()  # the worker that did not reload read the files again
    finally:
        server.stop()
    assert "Traceback" not in server.log()


@pytest.mark.parametrize("args, words", [
    (["--workers", "2"], "--workers 2 needs PostgreSQL"),
    (["--workers", "0"], "--workers must be at least 1"),
])
def test_serve_refuses_bad_worker_counts(tmp_path, args, words):
    result = kinerja("serve", "--db", f"sqlite://{tmp_path / 'k.sqlite3'}", *args)
    assert_user_error(result, words)
    assert not (tmp_path / "k.sqlite3").exists()  # refused before anything was created


def test_serve_refuses_a_curve_file_it_cannot_use(tmp_path):
    bad = tmp_path / "curve.yaml"
    bad.write_text("ISTIMEWA: [{predikat: SANGAT_BAIK, max_percent: 170}]\n", encoding="utf-8")
    result = kinerja("serve", "--db", f"sqlite://{tmp_path / 'k.sqlite3'}", env={"KINERJA_CURVE_FILE": str(bad)})
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("kinerja: error: invalid curve file:") and f"{bad}:1" in result.stderr, result.stderr
    assert "ISTIMEWA.0.max_percent: must be a percentage from 0 to 100, got 170" in result.stderr
    assert not (tmp_path / "k.sqlite3").exists()  # refused before anything was created


def demo_tokens(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        match = re.match(r"\s*(AGENCY_ADMIN|ADMIN|EMPLOYEE)\b.*\b(knj_\S+)\s*$", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


@pytest.mark.slow
def test_serve_demo_prints_working_tokens(tmp_path):
    server = Server(tmp_path, "--demo", "--db", f"sqlite://{tmp_path / 'demo.sqlite3'}")
    try:
        server.wait_until(lambda: len(demo_tokens(server.lines)) == 3 and server.healthy(), timeout=90)
        assert any(f"GraphiQL: http://127.0.0.1:{server.port}/graphql" in line for line in server.lines), server.lines
        tokens = demo_tokens(server.lines)

        admin = server.graphql("{ agencies { code } }", tokens["ADMIN"])
        assert len(admin["data"]["agencies"]) >= 25, admin
        disdik = server.graphql("{ agencies { code } }", tokens["AGENCY_ADMIN"])
        assert disdik == {"data": {"agencies": [{"code": "DISDIK"}]}}
        me = server.graphql("{ me { person { subordinates { nip } } } }", tokens["EMPLOYEE"])
        assert me["data"]["me"]["person"]["subordinates"], me
    finally:
        server.stop()
