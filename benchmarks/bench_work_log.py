"""logWork throughput through GraphQL: `kinerja serve --env production` with the workers the machine has (one per
core), clients posting batches of 500 work-log entries at the same time, on PostgreSQL (or SQLite).

    python benchmarks/bench_work_log.py --db postgres://postgres@127.0.0.1:5432/kinerja_bench_worklog
    python benchmarks/bench_work_log.py                     # SQLite in a temporary folder

A PostgreSQL database named by the URL is dropped if it exists, created, migrated and loaded with one agency of
`--people` employees and the 2025 cycle ACTIVE; it is dropped at the end. The platform's date is pinned
(KINERJA_TODAY=2025-12-31) so every entry's day lies in the cycle and not in the future. Each batch has 500 entries
of distinct (person, day) pairs of 30 minutes, so the 24-hour rule is checked but never refuses. Goal (issue 16):
at least 2,000 entries/s on PostgreSQL. Figures go to benchmarks/RESULTS.md, section "logWork throughput".
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import results  # noqa: E402

SECTION = "## logWork throughput"
BATCH = 500
GOAL = 2000.0
AGENCY = "DPMPTSP"
TODAY = "2025-12-31"
LOG = """mutation($input: [WorkLogInput!]!) { logWork(input: $input) { entries { id } errors { path code message } } }"""


def nip(i: int) -> str:
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=i)
    return f"{birth:%Y%m%d}2005011001"


async def load(url: str, n_people: int) -> str:
    from kinerja import db
    from kinerja.services.auth import tokens
    from kinerja.services.core.access import SYSTEM, Access
    from kinerja.services.cycles import workflow as cycles
    from kinerja.services.org import agencies, people

    async with db.database(url, apply_migrations=True):
        access = Access(SYSTEM)
        await agencies.create_agency(access, AGENCY, "Dinas Penanaman Modal dan PTSP Kota Tanjungpinang")
        rows = [people.PersonData(nip=nip(0), name="Kepala Dinas", employment_type="PNS", position="Kepala Dinas",
                                  agency=AGENCY, unit=None, supervisor=None)]
        rows += [people.PersonData(nip=nip(i), name=f"Pegawai {i}", employment_type="PNS", position="Analis",
                                   agency=AGENCY, unit=None, supervisor=nip(0)) for i in range(1, n_people + 1)]
        for start in range(0, len(rows), 500):
            await people.upsert_people(access, rows[start:start + 500])
        await cycles.create_cycle(access, 2025, "QUARTERLY")
        await cycles.set_cycle_status(access, 2025, "ACTIVE")
        return await tokens.create_token("ADMIN", label="benchmark work log")


def batches(n_people: int, n_batches: int):
    """Batch k: 500 entries, (person, day) pairs never repeated across batches."""
    pairs = ((1 + p, dt.date(2025, 1, 1) + dt.timedelta(days=d)) for d in range(365) for p in range(n_people))
    for _ in range(n_batches):
        yield [{"nip": nip(p), "day": day.isoformat(), "text": "Melayani permohonan izin", "minutes": 30}
               for p, day in (next(pairs) for _ in range(BATCH))]


async def drive(base: str, token: str, work: list[list[dict]], n_clients: int) -> tuple[float, list[float]]:
    import httpx

    queue = list(work)
    latencies: list[float] = []

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=120,
                                     headers={"Authorization": f"Bearer {token}"}) as http:
            while queue:
                batch = queue.pop()
                t0 = time.perf_counter()
                response = await http.post("/graphql", json={"query": LOG, "variables": {"input": batch}})
                latencies.append(time.perf_counter() - t0)
                body = response.json()
                payload = (body.get("data") or {}).get("logWork")
                if response.status_code != 200 or not payload or payload["errors"] or body.get("errors"):
                    raise RuntimeError(f"logWork failed: {response.status_code} {str(body)[:500]}")
                assert len(payload["entries"]) == len(batch)

    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(n_clients)))
    return time.perf_counter() - t0, latencies


async def main_async(args: argparse.Namespace) -> None:
    url = args.db or f"sqlite://{Path(tempfile.mkdtemp(prefix='kinerja-worklog-')) / 'bench.sqlite3'}"
    if results.is_postgres(url):
        await results.pg_recreate(url)
    try:
        token = await load(url, args.people)
        os.environ["KINERJA_TODAY"] = TODAY
        work = list(batches(args.people, args.warmup + args.batches))
        workers = args.workers or os.cpu_count() or 1
        with results.server(url, workers) as (base, _pid, log):
            await drive(base, token, work[:args.warmup], args.clients)  # warm-up: connections, caches, plans
            seconds, latencies = await drive(base, token, work[args.warmup:], args.clients)
        log.unlink(missing_ok=True)
    finally:
        if results.is_postgres(url):
            await results.pg_drop(url)
    entries = args.batches * BATCH
    rate = entries / seconds
    lat = results.summary(latencies)
    kind = f"{results.db_kind(url)}, {workers} workers, {args.clients} clients"
    lines = [f"### {kind}", "", *results.header(url),
             f"- data: one agency of {args.people:,} employees, cycle 2025 ACTIVE, KINERJA_TODAY={TODAY}",
             f"- {args.batches} batches of {BATCH} entries after {args.warmup} warm-up batches; "
             f"`kinerja serve --env production --workers {workers}`, {args.clients} concurrent clients",
             "",
             f"- **{rate:,.0f} entries/s** ({entries:,} entries in {seconds:.1f} s); per batch p50 "
             f"{results.ms(lat['p50'])} ms, p99 {results.ms(lat['p99'])} ms. Goal (PostgreSQL): at least "
             f"{GOAL:,.0f} entries/s: " + ("**met**." if rate >= GOAL else "**missed**.")]
    results.publish(SECTION, kind, "\n".join(lines) + "\n", args.no_write)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="a PostgreSQL URL (the database is recreated and dropped); default SQLite")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=4)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=0, help="default: one per core")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    os.chdir(results.REPO)
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
