"""Crash safety: a server or an import killed with SIGKILL in the middle of a bulk write leaves the batch whole or
absent, with or without its audit events, and the audit chain and the rollups intact (SQLite and PostgreSQL).

How a kill is known to land mid-write, not before the write or after the commit:
- PostgreSQL: pg_stat_activity shows a backend of the test database with a transaction id (`backend_xid`), which
  PostgreSQL assigns at a transaction's first write; after the kill `pg_xact_status` of that id says `aborted`.
- SQLite: the test's own connection cannot take the write lock (`BEGIN IMMEDIATE` is refused as locked), which a
  connection holds from its transaction's first write to its commit; after the restart nothing of the batch is
  there, so the commit never happened.
- The import: in addition, its progress bar (printed by the transaction after each inserted chunk) has shown rows.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import os
import random
import re
import signal
import sqlite3
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from kinerja.services.org import people
from kinerja.services.core import rollups
from kinerja.services.auth import tokens
from kinerja.services.core.access import SYSTEM, Access
from test_cli import ENV, KINERJA, Server, kinerja, make_agencies, with_db
from world import nip

pytestmark = pytest.mark.slow

HEAD = nip(1)
BATCH = 500  # the most upsertPeople takes
IMPORT_ROWS = 20_000
UPSERT = """mutation($input: [PersonInput!]!, $key: String) { upsertPeople(input: $input, idempotencyKey: $key) {
  people { nip supervisor { nip } } errors { code } } }"""
COUNT = '{ people(filter: {agency: "DISDIK"}, first: 1) { totalCount } }'
SEED = int(os.environ.get("KINERJA_CRASH_SEED", random.randrange(10**6)))


# ---- the database as the test sees it, from outside the process that is killed ---------------------------------

class Probe:
    """A connection of the test's own: is someone inside a write transaction, and what is stored."""

    def __init__(self, url: str):
        self.url = url
        self.sqlite = url.startswith("sqlite://")
        if self.sqlite:
            # timeout 0: a held write lock is reported at once instead of waited for
            self.conn = sqlite3.connect(url.removeprefix("sqlite://"), timeout=0, isolation_level=None)
        else:
            import asyncpg

            self.loop = asyncio.new_event_loop()
            self.conn = self.loop.run_until_complete(asyncpg.connect(url))

    def _pg(self, method: str, sql: str, *args):
        return self.loop.run_until_complete(getattr(self.conn, method)(sql, *args))

    def writer(self) -> str | None:
        """Evidence that another connection is inside a transaction that has written, or None."""
        if self.sqlite:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    return "the write lock is held"
                raise
            self.conn.execute("ROLLBACK")
            return None
        xid = self._pg("fetchval", "SELECT backend_xid::text FROM pg_stat_activity WHERE datname = current_database() "
                                   "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL LIMIT 1")
        return None if xid is None else f"xid {xid}"

    def outcome_of(self, evidence: str, timeout: float = 30) -> str | None:
        """PostgreSQL: what became of the transaction seen writing (committed or aborted) once its backend is gone."""
        if self.sqlite or evidence is None:
            return None
        xid = evidence.split()[1]
        deadline = time.monotonic() + timeout
        while True:
            status = self._pg("fetchval", "SELECT pg_xact_status($1::text::xid8)", xid)
            if status != "in progress" or time.monotonic() > deadline:
                return status
            time.sleep(0.05)

    def count(self, sql: str, value: str) -> int:
        if self.sqlite:
            return self.conn.execute(sql.replace("$1", "?"), (value,)).fetchone()[0]
        return self._pg("fetchval", sql, value)

    def people(self, prefix: str) -> int:
        return self.count("SELECT count(*) FROM person WHERE nip LIKE $1", prefix + "%")

    def person_events(self, prefix: str) -> int:
        return self.count("SELECT count(*) FROM audit_event WHERE entity = 'person' AND entity_id LIKE $1",
                          prefix + "%")

    def keys(self, key: str) -> int:
        """Stored answers of this idempotency key."""
        return self.count("SELECT count(*) FROM idempotency_key WHERE key = $1 AND answer IS NOT NULL", key)

    def close(self) -> None:
        if self.sqlite:
            self.conn.close()
        else:
            self.loop.run_until_complete(self.conn.close())
            self.loop.close()


def prepare(url: str) -> str:
    """DISDIK with two units, its head (the supervisor the batches report to), and an ADMIN token."""
    make_agencies(url)

    async def work() -> str:
        access = Access(SYSTEM)
        await people.upsert_people(access, [people.PersonData(nip=HEAD, name="Andi Pratama", employment_type="PNS",
                                                              position="Kepala Dinas", agency="DISDIK")])
        return await tokens.create_token("ADMIN")

    return with_db(url, work)


def batch(day: int, size: int) -> list[dict]:
    """`size` new people born on 1 January 1975 + `day` (a day more for each 900): a tree under HEAD, staff first."""
    rows = []
    for k in range(size):
        birth = (dt.date(1975, 1, 1) + dt.timedelta(days=day + k // 900)).strftime("%Y%m%d")
        rows.append({"nip": nip(k % 900 + 1, birth=birth, appointed="200501"), "name": f"Pegawai {day}-{k}",
                     "employmentType": "PNS", "position": "Guru Kelas", "agency": "DISDIK",
                     "unit": "SDN-001" if k % 2 else "SEKRETARIAT"})
    for k, row in enumerate(rows):
        row["supervisor"] = HEAD if k == 0 else rows[(k - 1) // 10]["nip"]
    return rows[::-1]


@dataclass
class Round:
    how: str
    evidence: str | None = None  # what showed a write transaction in progress just before the kill
    answered: bool = False  # the client got the mutation's answer before the kill
    people: int = 0
    events: int = 0
    xact: str | None = None  # PostgreSQL: committed / aborted
    took: float = 0.0  # `answer`: seconds from sending to the answer
    window: float = 0.0  # `answer`: seconds between the first and the last sight of its write transaction
    body: dict | None = field(default=None, repr=False)  # the answer, when the client got it

    @property
    def mid_write(self) -> bool:
        """Killed after the transaction's first write and before its commit."""
        return self.evidence is not None and self.people == 0 and self.xact in (None, "aborted")


def check_consistent(url: str, probe: Probe, rnd: Round, prefix: str, size: int) -> None:
    rnd.people, rnd.events = probe.people(prefix), probe.person_events(prefix)
    assert (rnd.people, rnd.events) in ((0, 0), (size, size)), rnd  # whole, with its audit events, or absent
    if rnd.answered:
        assert rnd.people == size, rnd  # an answer the client got is never lost
    if rnd.xact is not None:  # the transaction seen writing: committed exactly when the batch is there
        assert rnd.xact == ("committed" if rnd.people else "aborted"), rnd
    verify = kinerja("audit", "verify", db_url=url)
    assert verify.returncode == 0 and "audit chain intact" in verify.stderr, verify.stderr
    assert with_db(url, rollups.check) == []  # the headcount rollup moved with the batch, or not at all


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


# ---- a server killed during upsertPeople ------------------------------------------------------------------------

def test_a_server_killed_during_upsert_people_leaves_the_batch_whole_or_absent(database_url, tmp_path):
    if database_url.startswith("sqlite://"):
        check_sqlite_durability(database_url)
    token = prepare(database_url)
    probe = Probe(database_url)
    rng = random.Random(SEED)
    rounds: list[Round] = []
    whole = 1  # HEAD
    server = start(tmp_path, database_url, 0)
    try:
        # first a batch left to finish (killed right after its answer), which also times its write transaction;
        # then kills inside the write transaction: at its first write (of people, when there is no idempotency key;
        # of the key's row, when there is one), at random moments of it; and one at a random moment of the request
        window = duration = 0.0
        plan = [("answer", True), ("watch", False), ("watch", False), ("watch", True), ("random", True)]
        for n, (how, keyed) in enumerate(plan, start=1):
            rows, key = batch(n * 40, BATCH), f"crash-round-{n}" if keyed else None
            moment = (0.0 if how == "answer" or n == 2 else rng.uniform(0, window) if how == "watch"
                      else rng.uniform(0, duration))
            rnd = upsert_and_kill(server, token, probe, rows, key, how, moment)
            if how == "answer":
                window, duration = rnd.window, rnd.took
            server = start(tmp_path, database_url, n)  # the restart finds the database as the crash left it
            check_consistent(database_url, probe, rnd, rows[0]["nip"][:8], BATCH)
            assert server.graphql(COUNT, token)["data"]["people"]["totalCount"] == whole + rnd.people, rnd
            if key:  # the answer of the idempotency key was committed with the batch, or not at all
                assert probe.keys(key) == (1 if rnd.people else 0), rnd
            # so the client's retry (with the same key) completes the batch once, or answers what it did
            retry = post(server, token, rows, key)
            assert retry["data"]["upsertPeople"]["errors"] == [], retry
            assert len(retry["data"]["upsertPeople"]["people"]) == BATCH
            if key:
                assert rnd.body is None or retry == rnd.body, rnd
                assert post(server, token, rows, key) == retry
                assert probe.keys(key) == 1
            assert (probe.people(rows[0]["nip"][:8]), probe.person_events(rows[0]["nip"][:8])) == (BATCH, BATCH)
            whole += BATCH
            rounds.append(rnd)
    finally:
        server.stop()
        probe.close()
    print(f"seed {SEED}:", *rounds, sep="\n  ")
    assert rounds[0].answered and rounds[0].people == BATCH  # killed right after its answer: kept
    assert rounds[0].window > 0, rounds[0]  # the probe does see a write transaction when there is one
    assert any(r.mid_write for r in rounds), rounds  # at least one kill provably landed mid-write


def start(tmp_path: Path, url: str, n: int) -> Server:
    folder = tmp_path / f"serve{n}"
    folder.mkdir()
    server = Server(folder, "--db", url)
    server.wait_until(server.healthy, timeout=60)
    return server


def post(server: Server, token: str, rows: list[dict], key: str | None) -> dict:
    response = httpx.post(f"{server.base}/graphql", json={"query": UPSERT, "variables": {"input": rows, "key": key}},
                          headers={"Authorization": f"Bearer {token}"}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def upsert_and_kill(server: Server, token: str, probe: Probe, rows: list[dict], key: str | None, how: str,
                    moment: float) -> Round:
    """Send the batch and kill the server with SIGKILL: `answer`, once it has answered; `watch`, `moment` seconds
    after a write transaction is first seen (if it is still seen then); `random`, `moment` seconds after sending."""
    rnd = Round((how if how == "answer" else f"{how} {moment * 1000:.0f} ms") + (", keyed" if key else ""))
    result: dict = {}

    def send() -> None:
        try:
            result["body"] = post(server, token, rows, key)
        except Exception as exc:  # noqa: BLE001 - checked below: the server died under it
            result["error"] = exc

    began = time.monotonic()
    sender = threading.Thread(target=send)
    sender.start()
    if how == "random":
        time.sleep(moment)
    else:
        first = last = None
        deadline = began + 30
        while sender.is_alive() and time.monotonic() < deadline:
            if probe.writer():
                last = time.monotonic()
                first = first or last
            elif first is not None and how == "watch":
                break  # the transaction is over: committed
            if how == "watch" and first is not None and last - first >= moment:
                break
            time.sleep(0.002)  # the probe holds SQLite's write lock for an instant: leave the server room
        if how == "answer":
            sender.join()
            rnd.took = time.monotonic() - began
            rnd.window = (last - first) if first else 0.0
    rnd.evidence = probe.writer()  # just before the kill
    kill(server.proc)
    server._log.close()
    sender.join()
    assert isinstance(result.get("error"), (httpx.TransportError, type(None))), result
    if "body" in result:
        body = result["body"]
        assert body["data"]["upsertPeople"]["errors"] == [], body
        rnd.answered, rnd.body = True, body
    rnd.xact = probe.outcome_of(rnd.evidence)
    return rnd


def check_sqlite_durability(url: str) -> None:
    """The server's SQLite connections run in WAL mode with synchronous FULL (db.py sets both)."""
    async def pragmas():
        from tortoise import connections

        conn = connections.get("default")
        return [(await conn.execute_query_dict(f"PRAGMA {p}"))[0][p] for p in ("journal_mode", "synchronous")]

    from unittest import mock

    with mock.patch.dict(os.environ):  # the default, as the server here runs (tests/conftest.py turns it off)
        os.environ.pop("KINERJA_SQLITE_SYNCHRONOUS", None)
        assert with_db(url, pragmas) == ["wal", 2]  # 2 is FULL


# ---- an import killed half way ----------------------------------------------------------------------------------

def test_an_import_killed_half_way_leaves_nothing_or_everything(database_url, tmp_path):
    prepare(database_url)
    rows = [{"nip": r["nip"], "name": r["name"], "employment_type": r["employmentType"], "position": r["position"],
             "agency": r["agency"], "unit": r["unit"], "supervisor": r["supervisor"]} for r in batch(0, IMPORT_ROWS)]
    path = tmp_path / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    prefix = "197501"  # born in January 1975: every NIP of the file, no one else
    probe = Probe(database_url)
    rounds: list[Round] = []
    try:
        rng = random.Random(SEED)
        for attempt in range(2):
            rnd = import_and_kill(database_url, path, probe, rng.randrange(1, IMPORT_ROWS // 1000 + 1) * 1000)
            rnd.people, rnd.events = probe.people(prefix), probe.person_events(prefix)
            assert (rnd.people, rnd.events) in ((0, 0), (IMPORT_ROWS, IMPORT_ROWS)), rnd
            if rnd.xact is not None:
                assert rnd.xact == ("committed" if rnd.people else "aborted"), rnd
            verify = kinerja("audit", "verify", db_url=database_url)
            assert verify.returncode == 0 and "audit chain intact" in verify.stderr, verify.stderr
            assert with_db(database_url, rollups.check) == []
            rounds.append(rnd)
            if rnd.mid_write or rnd.people:
                break
    finally:
        probe.close()
    print(f"seed {SEED}:", *rounds, sep="\n  ")
    assert any(r.mid_write for r in rounds), rounds


def import_and_kill(url: str, path: Path, probe: Probe, rows: int) -> Round:
    """Run `kinerja import people`; SIGKILL it once its progress bar shows `rows` inserted (the bar is drawn inside
    the transaction, after each chunk; the last one before the supervisors, rollups and audit events are written)
    and a write transaction is seen."""
    proc = subprocess.Popen([*KINERJA, "import", "people", str(path), "--db", url], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=ENV)
    err = bytearray()

    def read() -> None:
        while chunk := os.read(proc.stderr.fileno(), 4096):
            err.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    rnd = Round("import")
    shown = re.compile(rb"\] ([1-9][0-9]*)/%d" % IMPORT_ROWS)
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if any(int(done) >= rows for done in shown.findall(bytes(err))):
            rnd.evidence = probe.writer()
            if rnd.evidence:
                break
        time.sleep(0.01)
    progress = shown.findall(bytes(err))
    kill(proc)
    reader.join(timeout=10)
    assert proc.returncode == -signal.SIGKILL, (proc.returncode, bytes(err).decode(errors="replace"))
    rnd.how = f"import, killed after {progress[-1].decode() if progress else 0} rows were shown inserted"
    rnd.xact = probe.outcome_of(rnd.evidence)
    return rnd
