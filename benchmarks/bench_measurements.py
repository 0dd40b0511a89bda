"""recordMeasurements throughput through the real app (GraphQL over ASGI, httpx), on SQLite or PostgreSQL.

Run from the repository root (so ./indicator_specs and ./plugins load):

    python benchmarks/bench_measurements.py                      # a fresh SQLite file in a temp folder
    python benchmarks/bench_measurements.py --db postgres://postgres@127.0.0.1:5432/kinerja_bench

With a PostgreSQL URL the named database is dropped if it exists, created fresh, and dropped at the end.
Figures are printed and written to benchmarks/RESULTS.md, section "recordMeasurements throughput".
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from kinerja import db
from kinerja.app import create_app
from kinerja.services import agencies, cycles, people, tokens
from kinerja.services.access import SYSTEM, Access
from kinerja.settings import Settings

AGENCY = "DPMPTSP"
INDICATOR = "DPMPTSP.IZIN_TEPAT_WAKTU"
YEAR = 2025
BATCH = 500
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## recordMeasurements throughput"

SET = """mutation($input: [TargetInput!]!) { setTargets(input: $input) {
  targets { id } errors { path code message } } }"""
RECORD = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) {
  measurements { id period value achievement suggestedRating } errors { path code message } } }"""


def nip(i: int) -> str:
    """A valid PNS NIP, distinct per i: birth date 1970-01-01 + i days, appointed 2005-01, sequence 001."""
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=i)
    return f"{birth:%Y%m%d}2005011001"


# --- PostgreSQL database lifecycle -------------------------------------------------------------------

async def _pg_admin(url: str, sql: str) -> None:
    import asyncpg

    parts = urlsplit(url)
    conn = await asyncpg.connect(host=parts.hostname or "127.0.0.1", port=parts.port or 5432,
                                 user=parts.username or "postgres", password=parts.password, database="postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _pg_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name or ""):
        raise SystemExit(f"give a plain database name in the URL, got {name!r}")
    return name


# --- the benchmark -----------------------------------------------------------------------------------

async def post(client: httpx.AsyncClient, token: str, query: str, variables: dict) -> dict:
    response = await client.post("/graphql", json={"query": query, "variables": variables},
                                 headers={"Authorization": f"Bearer {token}"})
    response.raise_for_status()
    body = response.json()
    if body.get("errors"):
        raise RuntimeError(f"GraphQL errors: {body['errors']}")
    return body["data"]


async def load(n_people: int) -> str:
    """Agency, people (n_people + 1 for the check), a MONTHLY cycle set ACTIVE; returns an ADMIN token."""
    access = Access(SYSTEM)
    await agencies.create_agency(access, AGENCY, "Dinas Penanaman Modal dan PTSP Kota Tanjungpinang")
    await agencies.create_unit(access, AGENCY, "PELAYANAN", "Bidang Pelayanan Perizinan", None)
    rows = [people.PersonData(nip=nip(0), name="Kepala Dinas", employment_type="PNS", position="Kepala Dinas",
                              agency=AGENCY, unit=None, supervisor=None)]
    rows += [people.PersonData(nip=nip(i), name=f"Pegawai {i}", employment_type="PNS", position="Analis Perizinan",
                               agency=AGENCY, unit="PELAYANAN", supervisor=nip(0)) for i in range(1, n_people + 2)]
    for start in range(0, len(rows), 500):
        await people.upsert_people(access, rows[start:start + 500])
    await cycles.create_cycle(access, YEAR, "MONTHLY")
    await cycles.set_cycle_status(access, YEAR, "ACTIVE")
    return await tokens.create_token("ADMIN", label="benchmark")


async def timed_rounds(client, token, batches: list[list[dict]], label: str) -> dict:
    times: list[float] = []
    answers: list[dict] = []
    for batch in batches:
        t0 = time.perf_counter()
        response = await client.post("/graphql", json={"query": RECORD, "variables": {"input": batch}},
                                     headers={"Authorization": f"Bearer {token}"})
        body = response.json()
        times.append(time.perf_counter() - t0)
        answers.append(body)
    for batch, body in zip(batches, answers):  # checked after the clock, so checking costs nothing
        if body.get("errors") or body["data"]["recordMeasurements"]["errors"]:
            raise RuntimeError(f"{label}: a batch failed: {str(body)[:2000]}")
        if len(body["data"]["recordMeasurements"]["measurements"]) != len(batch):
            raise RuntimeError(f"{label}: a batch answered {len(body['data']['recordMeasurements']['measurements'])}"
                               f" measurements for {len(batch)} inputs")
    total = sum(len(b) for b in batches)
    wall = sum(times)
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered) + 0.5) - 1))]
    return {"label": label, "measurements": total, "batches": len(batches), "wall": wall,
            "rate": total / wall, "p50": statistics.median(times), "p95": p95, "max": ordered[-1],
            "first": statistics.mean(times[:4]), "last": statistics.mean(times[-4:])}


async def run(url: str, n_people: int, max_batches: int | None, replace_periods: int) -> tuple[list[dict], dict]:
    await db.migrate(url)
    await db.close()
    app = create_app(Settings(database_url=url))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench",
                                     timeout=600) as client:
            t_load = time.perf_counter()
            token = await load(n_people)
            specs = await post(client, token, "mutation { reloadSpecs { indicators } }", {})
            if not specs["reloadSpecs"]["indicators"]:
                raise RuntimeError(f"no indicator loaded: {specs}")
            nips = [nip(i) for i in range(1, n_people + 2)]  # the last one is for the check only
            target_ids: list[str] = []
            for start in range(0, len(nips), BATCH):
                data = await post(client, token, SET, {"input": [
                    {"cycle": YEAR, "indicator": INDICATOR, "nip": n, "workResult": "Izin terbit tepat waktu",
                     "value": 90} for n in nips[start:start + BATCH]]})
                if data["setTargets"]["errors"]:
                    raise RuntimeError(f"setTargets: {data['setTargets']['errors'][:5]}")
                target_ids += [t["id"] for t in data["setTargets"]["targets"]]
            check_target, target_ids = target_ids[-1], target_ids[:-1]
            load_s = time.perf_counter() - t_load

            # one answer checked before timing: 9 of 10 on time = 90 %, target 90 -> capaian 100 %, meets (95..105)
            data = await post(client, token, RECORD, {"input": [
                {"target": check_target, "period": f"{YEAR}-01", "inputs": {"on_time": 9, "issued": 10}}]})
            got = data["recordMeasurements"]
            m = got["measurements"][0] if got["measurements"] else {}
            if got["errors"] or (m.get("value"), m.get("achievement"), m.get("suggestedRating")) != (
                    90.0, 100.0, "SESUAI_EKSPEKTASI"):
                raise RuntimeError(f"the check measurement is wrong: {got}")

            periods = [f"{YEAR}-{mo:02d}" for mo in range(1, 13)] + [str(YEAR)]

            def batches_for(period_list: list[str]) -> list[list[dict]]:
                out = []
                for j, period in enumerate(period_list, start=1):
                    items = [{"target": tid, "period": period, "inputs": {"on_time": k % 50, "issued": k % 50 + j}}
                             for k, tid in enumerate(target_ids)]
                    out += [items[s:s + BATCH] for s in range(0, len(items), BATCH)]
                return out

            inserts = batches_for(periods)
            if max_batches is not None:
                inserts = inserts[:max_batches]
            used = list(dict.fromkeys(b[0]["period"] for b in inserts))  # in insert order
            results = [await timed_rounds(client, token, inserts, "insert (new rows)")]
            # a replacement round: the same targets and periods again, with other inputs
            replace = [[{**item, "inputs": {"on_time": item["inputs"]["on_time"], "issued": item["inputs"]["issued"] + 1}}
                        for item in batch] for batch in inserts if batch[0]["period"] in used[:replace_periods]]
            results.append(await timed_rounds(client, token, replace, "replace (existing rows)"))
    info = {"targets": len(target_ids), "load_s": load_s, "periods": used, "replaced": used[:replace_periods]}
    return results, info


# --- report ------------------------------------------------------------------------------------------

def machine() -> str:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs (nproc {_sh('nproc')}), {cpu}, Python {platform.python_version()}"


def _sh(cmd: str) -> str:
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10).stdout.strip()
    except Exception:
        return "?"


def _safe(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    return url


def render(kind: str, url: str, command: str, results: list[dict], info: dict) -> str:
    lines = [f"### {kind}", "",
             f"- date: {_sh('date -u')}",
             f"- machine: {machine()}",
             f"- database: {kind} ({_safe(url)})" + (f", server {info['server']}" if info.get("server") else ""),
             f"- command: `{command}`",
             f"- data: {info['targets']} people of DPMPTSP, one target each on {INDICATOR}; "
             f"inserted periods, in order: {', '.join(info['periods'])} (MONTHLY cycle: its periods are the "
             f"months and the year); replaced: {', '.join(info['replaced'])}; batches of {BATCH}; "
             f"loading people and targets took {info['load_s']:.1f} s (not timed)",
             "",
             "| round | measurements | batches | wall s | measurements/s | p50 batch s | p95 batch s | max batch s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['label']} | {r['measurements']} | {r['batches']} | {r['wall']:.2f} | "
                     f"**{r['rate']:,.0f}** | {r['p50']:.3f} | {r['p95']:.3f} | {r['max']:.3f} |")
    lines += ["", "Mean batch time, first 4 vs last 4 batches (shows growth with rows already stored): " + "; ".join(
        f"{r['label']}: {r['first']:.3f} s -> {r['last']:.3f} s" for r in results) + "."]
    return "\n".join(lines) + "\n"


def write_results(kind: str, block: str) -> None:
    """Replace (or add) the `### kind` block inside the section; every other text of the file is kept."""
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.strip() == SECTION), None)
    if start is None:
        if not text.endswith("\n"):
            text += "\n"
        RESULTS.write_text(text + "\n" + SECTION + "\n\n" + block)
        return
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    section = lines[start + 1:end]
    sub = next((i for i, ln in enumerate(section) if ln.strip() == f"### {kind}"), None)
    if sub is None:
        # new database blocks go before any hand-written subsection (e.g. "### Analysis")
        insert_at = next((i for i, ln in enumerate(section) if ln.startswith("### ")
                          and ln.strip() not in ("### SQLite", "### PostgreSQL")), len(section))
        while insert_at > 0 and not section[insert_at - 1].strip():
            insert_at -= 1
        section[insert_at:insert_at] = ["\n", block]
    else:
        sub_end = next((i for i in range(sub + 1, len(section)) if section[i].startswith("### ")), len(section))
        section[sub:sub_end] = [block, "\n"] if sub_end < len(section) else [block]
    body = "".join(section)
    body = "\n" + body.lstrip("\n")
    tail = "".join(lines[end:])
    RESULTS.write_text("".join(lines[:start + 1]) + body.rstrip("\n") + "\n" + ("\n" + tail if tail else ""))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="postgres://user@host:5432/<name> (created fresh, dropped at the end); "
                                     "default: a fresh SQLite file in a temp folder")
    parser.add_argument("--batches", type=int, default=None,
                        help="insert batches to time (default: every period, 13 x people/500)")
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--replace-periods", type=int, default=1,
                        help="periods the replacement round covers (default 1: one round over every target)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    if not Path("indicator_specs/dpmptsp.yaml").exists():
        raise SystemExit("run from the repository root (./indicator_specs/dpmptsp.yaml is needed)")
    command = "python " + " ".join(shlex.quote(a) for a in sys.argv)
    info_extra: dict = {}
    if args.db:
        if not db.is_postgres(args.db):
            raise SystemExit("--db takes a postgres:// URL (SQLite is the default)")
        name = _pg_name(args.db)
        await _pg_admin(args.db, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await _pg_admin(args.db, f'CREATE DATABASE "{name}"')
        try:
            import asyncpg

            parts = urlsplit(args.db)
            conn = await asyncpg.connect(host=parts.hostname, port=parts.port or 5432,
                                         user=parts.username or "postgres", password=parts.password, database=name)
            info_extra["server"] = "PostgreSQL " + await conn.fetchval("SHOW server_version")
            await conn.close()
            results, info = await run(args.db, args.people, args.batches, args.replace_periods)
        finally:
            await _pg_admin(args.db, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        url, kind = args.db, "PostgreSQL"
    else:
        with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as folder:
            url = f"sqlite://{Path(folder) / 'bench.sqlite3'}"
            results, info = await run(url, args.people, args.batches, args.replace_periods)
        kind = "SQLite"
        import sqlite3
        info_extra["server"] = f"SQLite {sqlite3.sqlite_version}"
    info.update(info_extra)
    block = render(kind, url, command, results, info)
    print(block)
    if not args.no_write:
        write_results(kind, block)
        print(f"written to {RESULTS}")


if __name__ == "__main__":
    asyncio.run(main())
