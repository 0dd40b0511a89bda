"""An indicator approved in the console is seen by every worker of `kinerja serve --workers 2` (issue 18), without a
restart: the server runs as a real subprocess on a fresh PostgreSQL database with KINERJA_WORKER_HEADER on, so each
answer names the process that gave it. One connection (one worker) saves, submits and approves a draft; then fresh
connections are opened until both workers have answered, and on each one the new indicator takes a target and a
measurement computed with the approved version. An edit is approved the same way and both workers compute with it.

`--workers` needs PostgreSQL: without KINERJA_TEST_DATABASE_URL this test skips, and fails under CI=true."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from conftest import PG_URL, _pg_url_for, start_api, stop_api
from test_cli import ENV, KINERJA, free_port, with_db
from world import NURSE, build_world
from indicator_texts import IMMUNISATION

DRAFT = """mutation($a: String!, $y: String!) { saveIndicatorDraft(input: {agency: $a, yaml: $y}) {
  draft { id version } errors { path code message } } }"""
SUBMIT = """mutation($id: Int!, $v: Int) { submitIndicatorDraft(id: $id, version: $v) {
  draft { id version status } errors { path code message } } }"""
APPROVE = """mutation($id: Int!, $v: Int) { approveIndicatorDraft(id: $id, version: $v) {
  draft { status approvedVersion } errors { path code message } } }"""
STATUS = "mutation { setCycleStatus(year: 2025, status: ACTIVE) { errors { code message } } }"
SET = """mutation($input: [TargetInput!]!) { setTargets(input: $input) {
  targets { id } errors { path code message } } }"""
RECORD = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) {
  measurements { value achievement suggestedRating specVersion } errors { path code message } } }"""

EDITED = IMMUNISATION.replace("rating: {above: 105, meets: 95}", "rating: {above: 110, meets: 101}")
INPUTS = {"diimunisasi": 190, "sasaran": 200}  # 95 against a target of 95: achievement 100
PROBE_SECONDS = 15  # fresh connections until both workers have answered


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> str:
    """A fresh, migrated PostgreSQL database; a skip without one, a failure under CI=true."""
    if not PG_URL:
        message = "KINERJA_TEST_DATABASE_URL is not set: `kinerja serve --workers 2` needs PostgreSQL"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    databases = request.getfixturevalue("pg_databases")
    name = databases.take()
    yield _pg_url_for(name)
    databases.drop(name)


class Server:
    """`kinerja serve --workers 2` with the worker header on; its output in a log file."""

    def __init__(self, tmp_path: Path, db_url: str) -> None:
        self.base = f"http://127.0.0.1:{free_port()}"
        self.log_path = tmp_path / "serve.log"
        self._log = self.log_path.open("w")
        self.proc = subprocess.Popen([*KINERJA, "serve", "--db", db_url, "--port", self.base.rsplit(":", 1)[1],
                                      "--workers", "2"], stdout=self._log, stderr=subprocess.STDOUT, cwd=tmp_path,
                                     env=ENV | {"KINERJA_WORKER_HEADER": "true"})

    def log(self) -> str:
        return self.log_path.read_text()

    def wait_started(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while self.log().count("Application startup complete") < 2:
            assert self.proc.poll() is None, f"server exited {self.proc.returncode}:\n{self.log()}"
            assert time.monotonic() < deadline, f"two workers not started in {timeout}s:\n{self.log()}"
            time.sleep(0.1)  # polling the start-up, not timing the test

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()


class Connection:
    """One HTTP connection kept alive, so one worker: every answer must name the same process."""

    def __init__(self, base: str) -> None:
        self.client = httpx.Client(base_url=base, timeout=30,
                                   limits=httpx.Limits(max_connections=1, max_keepalive_connections=1))
        self.pid: int | None = None

    def gql(self, query: str, token: str, **variables) -> dict:
        response = self.client.post("/graphql", json={"query": query, "variables": variables},
                                    headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, response.text
        pid = int(response.headers["x-kinerja-worker"])
        assert self.pid in (None, pid), f"one connection, two workers: {self.pid} then {pid}"
        self.pid = pid
        body = response.json()
        assert "errors" not in body, body
        (payload,) = body["data"].values()
        assert payload.get("errors", []) == [], payload
        return payload

    def close(self) -> None:
        self.client.close()


def approve(conn: Connection, world, text: str) -> str:
    """Save, submit and approve a draft on one connection; the approved version."""
    draft = conn.gql(DRAFT, world.dinkes_admin, a="DINKES", y=text)["draft"]
    draft = conn.gql(SUBMIT, world.dinkes_admin, id=draft["id"], v=draft["version"])["draft"]
    approved = conn.gql(APPROVE, world.admin, id=draft["id"], v=draft["version"])["draft"]
    assert approved["status"] == "APPROVED", approved
    return approved["approvedVersion"]


def on_each_worker(base: str, prove) -> dict[int, object]:
    """Fresh connections until two workers have answered; prove(connection) on the first connection to each."""
    proven: dict[int, object] = {}
    deadline = time.monotonic() + PROBE_SECONDS
    while len(proven) < 2:
        assert time.monotonic() < deadline, f"only workers {sorted(proven)} answered in {PROBE_SECONDS}s"
        conn = Connection(base)
        try:
            response = conn.client.get("/healthz")
            pid = int(response.headers["x-kinerja-worker"])
            conn.pid = pid
            if pid not in proven:
                proven[pid] = prove(conn)
        finally:
            conn.close()
    return proven


@pytest.mark.slow
def test_an_approval_is_seen_by_both_workers(pg_url, tmp_path):
    world = with_db(pg_url, build_world)
    server = Server(tmp_path, pg_url)
    try:
        server.wait_started()
        main = Connection(server.base)
        main.gql(STATUS, world.admin)
        first = approve(main, world, IMMUNISATION)
        approver = main.pid
        targets: list[int] = []

        def target_and_measure(conn: Connection) -> dict:
            """The new indicator takes a target and a measurement on this worker, computed with its version."""
            target = conn.gql(SET, world.dinkes_admin, input=[{
                "cycle": 2025, "indicator": "DINKES.IMUNISASI", "nip": NURSE, "value": 95,
                "workResult": f"Imunisasi dasar lengkap, pekerja {conn.pid}"}])["targets"][0]["id"]
            targets.append(target)
            return conn.gql(RECORD, world.nurse, input=[{"target": target, "period": "2025-Q1",
                                                         "inputs": INPUTS}])["measurements"][0]

        seen = on_each_worker(server.base, target_and_measure)
        assert approver in seen and len(seen) == 2
        for m in seen.values():
            assert m == {"value": 95.0, "achievement": 100.0, "suggestedRating": "SESUAI_EKSPEKTASI",
                         "specVersion": first}, seen

        # an edit of the thresholds, approved on one worker: both compute the next quarter with it
        second = approve(main, world, EDITED)
        assert second != first
        main.close()
        unused = list(targets)

        def measure(conn: Connection) -> dict:
            return conn.gql(RECORD, world.nurse, input=[{"target": unused.pop(), "period": "2025-Q2",
                                                         "inputs": INPUTS}])["measurements"][0]

        seen = on_each_worker(server.base, measure)
        assert len(seen) == 2
        for m in seen.values():
            assert m == {"value": 95.0, "achievement": 100.0, "suggestedRating": "DI_BAWAH_EKSPEKTASI",
                         "specVersion": second}, seen
    finally:
        server.stop()
    assert "Traceback" not in server.log()


# the header itself: off unless the setting turns it on

async def test_the_worker_header_is_off_by_default(api):
    response = await api.client.get("/healthz")
    assert response.status_code == 200 and "x-kinerja-worker" not in response.headers


async def test_the_worker_header_names_the_process(database_url):
    api, handles = await start_api(database_url, worker_header=True)
    try:
        for response in (await api.client.get("/healthz"),
                         await api.client.post("/graphql", json={"query": "{ __typename }"})):
            assert response.headers["x-kinerja-worker"] == str(os.getpid())
    finally:
        await stop_api(handles)
