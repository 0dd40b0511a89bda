"""HTTP load over loopback against a real server, `kinerja serve --env production` (uvicorn): a closed loop of 16
concurrent keep-alive connections for 30 s per scenario; requests per second, latency percentiles, errors, and
the server's memory (RSS).

    python benchmarks/bench_http.py --db sqlite:///tmp/kinerja-bench/city.sqlite3
    python benchmarks/bench_http.py --db postgres://postgres@127.0.0.1:5432/kinerja_national --workers 2

The database must hold generated data (benchmarks/generate.py). Scenarios (`--scenarios`, default all three):
- `list`: the admin list, people(first: 100) with agency, unit, supervisor and rating(period: "2024"), each
  request one of 50 pages (by keyset cursor) in turn;
- `person`: person(nip:) with agency, unit, supervisor and rating, each request another of 2,000 people;
- `report`: predikatDistribution(period: "2024", groupBy: AGENCY).
Each connection sends its next request when the answer to the last has arrived (bounded: at most 16 in flight);
no new request starts after 30 s, and every answer must arrive within 10 s. An error is any answer other than
200 with data and no GraphQL errors, a broken connection or a timeout. The load client is a small asyncio HTTP/1.1
client in this process (no httpx), so that it takes little of the machine's CPU from the server.
RSS: /proc/PID/status of the server process (and its workers) sampled every 100 ms; VmHWM is the kernel's peak.
Goal: zero errors, and at city scale an RSS under 200 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import results  # noqa: E402
from bench_people_list import QUERY as LIST_QUERY  # noqa: E402
from bench_reports import QUERY as REPORT_QUERY  # noqa: E402

SECTION = "## HTTP load: kinerja serve over loopback"
PERSON_QUERY = """query Person($nip: String!) {
  person(nip: $nip) {
    nip name position agency { code name } unit { code name } supervisor { nip name }
    rating(period: "2024") { predikat resultRating behaviorRating }
  }
}"""
RSS_GOAL_MB = 200.0


# --- the server ------------------------------------------------------------------------------------------

def process_tree(pid: int) -> list[int]:
    """The pid and all its descendants (uvicorn's workers are children of the serve process)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def memory_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) summed over the server's processes, in KiB."""
    rss = hwm = 0
    for p in process_tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm += int(line.split()[1])
        except OSError:
            pass
    return rss, hwm


class RssSampler:
    def __init__(self, pid: int, every: float = 0.1):
        self.pid, self.every = pid, every
        self.peak = 0
        self._task: asyncio.Task | None = None

    async def _run(self) -> None:
        while True:
            self.peak = max(self.peak, memory_kib(self.pid)[0])
            await asyncio.sleep(self.every)

    def __enter__(self) -> "RssSampler":
        self.peak = memory_kib(self.pid)[0]
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc) -> None:
        self._task.cancel()


# --- the load client ------------------------------------------------------------------------------------

def request_bytes(host: str, token: str, query: str, variables: dict) -> bytes:
    body = json.dumps({"query": query, "variables": variables}).encode()
    return (f"POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {token}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
    if "content-length" in headers:
        return status, await reader.readexactly(int(headers["content-length"]))
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                return status, body
            body += chunk[:-2]
    raise RuntimeError(f"an answer without length: {head!r}")


async def load(base: str, requests: list[bytes], concurrency: int, seconds: float, timeout: float) -> dict:
    """A closed loop: `concurrency` connections, each sending its next request once the last is answered."""
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors: list[str] = []
    counter = [0]
    started = time.perf_counter()
    stop_at = started + seconds
    last_done = [started]

    async def connection() -> None:
        reader = writer = None
        while time.perf_counter() < stop_at:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, int(port))
            payload = requests[counter[0] % len(requests)]
            counter[0] += 1
            t0 = time.perf_counter()
            try:
                writer.write(payload)
                status, body = await asyncio.wait_for(read_response(reader), timeout)
            except (asyncio.TimeoutError, OSError, asyncio.IncompleteReadError, RuntimeError) as exc:
                errors.append(f"{type(exc).__name__}: {exc}"[:200])
                writer.close()
                reader = writer = None
                continue
            now = time.perf_counter()
            if status != 200 or b'"errors"' in body or not body.startswith(b'{"data"'):
                errors.append(f"HTTP {status}: {body[:200]!r}")
            else:
                latencies.append(now - t0)
            last_done[0] = now
        if writer is not None:
            writer.close()

    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    await asyncio.gather(*(connection() for _ in range(concurrency)))
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    wall = last_done[0] - started
    return {"ok": len(latencies), "errors": errors, "wall": wall, "rps": len(latencies) / wall,
            "latency": results.summary(latencies) if latencies else None,
            "client_cpu": (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)}


# --- the run ----------------------------------------------------------------------------------------------

async def prepare(url: str, base: str) -> tuple[str, dict[str, list[bytes]]]:
    """An ADMIN token, and each scenario's requests."""
    import httpx

    from kinerja import db
    from kinerja.services.auth import tokens

    async with db.database(url):
        token = await tokens.create_token("ADMIN", label="benchmark http")
        from tortoise import connections

        step = 7
        _, rows = await connections.get("default").execute_query(
            f"SELECT nip FROM person WHERE id % {step} = 0 ORDER BY id LIMIT 2000")
        nips = [r["nip"] for r in rows]
    host = base.removeprefix("http://")
    cursors: list[str | None] = [None]
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        for _ in range(49):  # the first 50 pages' cursors, walked once before timing
            response = await client.post("/graphql", json={"query": LIST_QUERY, "variables": {"after": cursors[-1]}},
                                         headers={"Authorization": f"Bearer {token}"})
            info = response.json()["data"]["people"]["pageInfo"]
            cursors.append(info["endCursor"])
    return token, {
        "list": [request_bytes(host, token, LIST_QUERY, {"after": c}) for c in cursors],
        "person": [request_bytes(host, token, PERSON_QUERY, {"nip": n}) for n in nips],
        "report": [request_bytes(host, token, REPORT_QUERY, {"period": "2024"})],
    }


LABELS = {"list": "admin list: people(first: 100) + agency, unit, supervisor, rating",
          "person": "person(nip:) + agency, unit, supervisor, rating",
          "report": "predikatDistribution(period: \"2024\", groupBy: AGENCY)"}


async def run(url: str, scenarios: list[str], workers: int, concurrency: int, seconds: float, timeout: float
              ) -> dict:
    with results.server(url, workers) as (base, pid, log):
        idle = memory_kib(pid)
        _, requests = await prepare(url, base)
        after_prepare = memory_kib(pid)
        out = {}
        for name in scenarios:
            # a short warm-up at full concurrency, then the timed run
            await load(base, requests[name], concurrency, 2.0, timeout)
            with RssSampler(pid) as sampler:
                figures = await load(base, requests[name], concurrency, seconds, timeout)
            figures["rss_peak_kib"] = sampler.peak
            figures["rss_end_kib"], figures["hwm_kib"] = memory_kib(pid)
            out[name] = figures
            lat = figures["latency"]
            print(f"{name}: {figures['rps']:.1f} req/s, p50 {results.ms(lat['p50'])} ms, "
                  f"p99 {results.ms(lat['p99'])} ms, {len(figures['errors'])} errors, "
                  f"RSS peak {sampler.peak / 1024:.1f} MiB", flush=True)
        processes = len(process_tree(pid))
        log_tail = log.read_text(errors="replace").splitlines()[-3:]
    log.unlink(missing_ok=True)
    return {"scenarios": out, "idle_kib": idle, "prepared_kib": after_prepare, "processes": processes,
            "workers": workers, "concurrency": concurrency, "seconds": seconds, "timeout": timeout,
            "log_tail": log_tail}


def render(kind: str, url: str, r: dict, scale: str, suite: str | None, city: bool) -> str:
    ms = results.ms
    lines = [f"### {kind}", "", *results.header(url, suite=suite),
             f"- data: {scale}",
             f"- server: `kinerja serve --env production --workers {r['workers']}` (uvicorn, its access log on, as "
             f"deployed), {r['processes']} process(es); client: {r['concurrency']} keep-alive connections in a "
             f"closed loop, {r['seconds']:g} s per scenario after a 2 s warm-up, {r['timeout']:g} s timeout, "
             "in the benchmark's process on the same 2-core machine",
             f"- server RSS: {r['idle_kib'][0] / 1024:.1f} MiB after start-up, "
             f"{r['prepared_kib'][0] / 1024:.1f} MiB after the first requests",
             "",
             "| scenario | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | RSS peak MiB | "
             "VmHWM MiB | client CPU s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, f in r["scenarios"].items():
        lat = f["latency"]
        lines.append(f"| {LABELS[name]} | {f['ok']:,} | {len(f['errors'])} | **{f['rps']:,.1f}** | {ms(lat['p50'])} | "
                     f"{ms(lat['p95'])} | **{ms(lat['p99'])}** | {ms(lat['max'])} | {f['rss_peak_kib'] / 1024:.1f} | "
                     f"{f['hwm_kib'] / 1024:.1f} | {f['client_cpu']:.1f} |")
    errors = sum(len(f["errors"]) for f in r["scenarios"].values())
    peak = max(f["hwm_kib"] for f in r["scenarios"].values()) / 1024
    lines += ["", "Zero errors: " + ("**met**." if not errors else f"**missed**: {errors} errors, e.g. "
                                     + "; ".join(sorted({e for f in r['scenarios'].values() for e in f['errors']})[:3]))]
    if city:
        lines.append(f"Server memory under {RSS_GOAL_MB:g} MB at city scale (the kernel's peak, VmHWM, over all "
                     f"server processes): " + (f"**met** ({peak:.1f} MiB)." if peak * 1.048576 < RSS_GOAL_MB else
                                               f"**missed** by {peak * 1.048576 / RSS_GOAL_MB:.2f}x ({peak:.1f} MiB)."))
    return "\n".join(lines) + "\n"


async def main_async(args: argparse.Namespace) -> None:
    counts = await results.generated_counts(args.db)
    if args.workers > 1 and not results.is_postgres(args.db):
        raise SystemExit("--workers above 1 needs PostgreSQL")
    scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = set(scenarios) - set(LABELS)
    if unknown:
        raise SystemExit(f"unknown scenario(s) {', '.join(sorted(unknown))}; known: {', '.join(LABELS)}")
    label = args.label or f"{counts['person']:,} people"
    kind = (f"{results.db_kind(args.db)}, {label}, "
            f"{args.workers} worker{'s' if args.workers > 1 else ''}")
    scale = f"{counts['person']:,} people in {counts['agency']} agencies, {counts['rating']:,} ratings"
    r = await run(args.db, scenarios, args.workers, args.concurrency, args.seconds, args.timeout)
    block = render(kind, args.db, r, scale, args.suite, counts["person"] <= 50_000)
    results.publish(SECTION, kind, block, args.no_write)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a generated database (benchmarks/generate.py)")
    parser.add_argument("--scenarios", default="list,person,report", help="list,person,report (default: all)")
    parser.add_argument("--workers", type=int, default=1, help="kinerja serve --workers N (default 1)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0, help="per scenario (default 30)")
    parser.add_argument("--timeout", type=float, default=10.0, help="per request (default 10 s)")
    parser.add_argument("--label", help="the block's name after the database kind (default: the people count)")
    parser.add_argument("--suite", help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    os.chdir(results.REPO)
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
