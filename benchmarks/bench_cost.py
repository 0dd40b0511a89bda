"""The cost budget under load: `kinerja serve --env production` on the demo while 4 clients send, for 30 s, a mix of
queries the budget refuses (the supervisor-tree attack, alone and as three aliases) and the most expensive queries
it still allows; meanwhile a prober asks /healthz every 50 ms. Measures /healthz latency (p50/p99/max), the
server's RSS (sampled every 100 ms, and the kernel's peak), the answers per kind, and the CPU the clients took.

    python benchmarks/bench_cost.py                       # SQLite demo at /tmp/kinerja-bench/cost-demo.sqlite3
    python benchmarks/bench_cost.py --db sqlite:///path/demo.sqlite3 --seconds 30 --no-write

The database is loaded with `kinerja demo` when the SQLite file does not exist yet. Goal: /healthz p99 under
100 ms and server RSS under 300 MB. Before the fix the attack alone took 36 s with /healthz unanswered and RSS
96 -> 643 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import results  # noqa: E402
from bench_http import RssSampler, memory_kib, read_response, request_bytes  # noqa: E402

SECTION = "## Cost budget under load: refused and most expensive allowed queries"
HEALTH_P99_GOAL_MS = 100.0
RSS_GOAL_MB = 300.0

ATTACK = """query($nip: String) { people(filter: {supervisor: $nip}, first: 100) { edges { node {
  supervisor { subordinates { supervisor { subordinates { supervisor { subordinates { nip } } } } } } } } } }"""
ATTACK_3 = "query($nip: String) {" + " ".join(
    f"a{i}: people(filter: {{supervisor: $nip}}, first: 100) {{ edges {{ node {{ supervisor {{ subordinates {{ "
    f"supervisor {{ subordinates {{ supervisor {{ subordinates {{ nip }} }} }} }} }} }} }} }} }}" for i in range(3)) + "}"
# the most expensive the budget allows: two pages of 100 people, each with its supervisor's 100 subordinates
TREE = "{ " + " ".join(
    f"{a}: people(first: 100{after}) {{ edges {{ node {{ nip supervisor {{ nip subordinates(first: 100) {{ nip name "
    f"supervisor {{ nip }} }} }} }} }} }}" for a, after in (("a", ""), ("b", ', filter: {agency: "DISDIK"}'))) + " }"
# every agency with every unit and its parent, twice over (by alias)
ORG = "{ " + " ".join(f"{a}: agencies(first: 100) {{ code headcount units(first: 100) {{ code name parent {{ code }} }} }}"
                      for a in ("a", "b")) + " }"
CATALOGUE = """{ indicators { code name agency { code name } unit direction level version
    inputs { name type label min max } defaultTarget periods formula calculator } specErrors { file message } }"""


def demo_database(url: str) -> None:
    path = results.sqlite_path(url)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"loading the demo into {path}", flush=True)
    subprocess.run([sys.executable, "-m", "kinerja.cli", "demo", "--db", url], check=True, cwd=results.REPO,
                   stdout=subprocess.DEVNULL)


async def tokens_and_supervisor(url: str) -> tuple[str, str, str]:
    """An ADMIN token, and the EMPLOYEE token and NIP of the person with the most direct subordinates."""
    from tortoise import connections

    from kinerja import db
    from kinerja.services.auth import tokens

    async with db.database(url):
        _, rows = await connections.get("default").execute_query(
            "SELECT p.nip AS nip, COUNT(*) AS n FROM person s JOIN person p ON s.supervisor_id = p.id "
            "GROUP BY p.id, p.nip ORDER BY n DESC, p.id LIMIT 1")
        nip = rows[0]["nip"]
        admin = await tokens.create_token("ADMIN", label="benchmark cost")
        employee = await tokens.create_token("EMPLOYEE", nip=nip, label="benchmark cost")
    return admin, employee, nip


def costs(queries: dict[str, tuple[str, dict]]) -> dict[str, int]:
    from graphql import parse

    from kinerja.graphql import cost
    from kinerja.graphql.schema import build_schema
    from kinerja.settings import Settings

    schema = build_schema(Settings())._schema
    return {name: cost.operation_cost(schema, parse(q), None, v, Settings().max_page_size)
            for name, (q, v) in queries.items()}


async def clients(base: str, mix: list[tuple[str, bytes, bool]], n: int, seconds: float, timeout: float) -> dict:
    host, port = base.removeprefix("http://").split(":")
    stop_at = time.perf_counter() + seconds
    counter = [0]
    tally: dict[str, dict] = {}

    async def client() -> None:
        reader = writer = None
        while time.perf_counter() < stop_at:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, int(port))
            name, payload, refused = mix[counter[0] % len(mix)]
            counter[0] += 1
            row = tally.setdefault(name, {"ok": 0, "wrong": [], "latency": []})
            t0 = time.perf_counter()
            try:
                writer.write(payload)
                status, body = await asyncio.wait_for(read_response(reader), timeout)
            except (asyncio.TimeoutError, OSError, asyncio.IncompleteReadError, RuntimeError) as exc:
                row["wrong"].append(f"{type(exc).__name__}: {exc}"[:200])
                writer.close()
                reader = writer = None
                continue
            row["latency"].append(time.perf_counter() - t0)
            answer = json.loads(body) if status == 200 else {}
            codes = [e.get("extensions", {}).get("code") for e in answer.get("errors") or ()]
            good = codes == ["QUERY_TOO_COSTLY"] if refused else (answer.get("data") is not None and not codes)
            if good:
                row["ok"] += 1
            else:
                row["wrong"].append(f"HTTP {status}: {body[:200]!r}")
        if writer is not None:
            writer.close()

    await asyncio.gather(*(client() for _ in range(n)))
    return tally


async def prober(base: str, stop: asyncio.Event, every: float = 0.05) -> list[float]:
    """GET /healthz every `every` seconds on its own keep-alive connection: the latencies (a failure counts 10 s)."""
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    request = f"GET /healthz HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
    out: list[float] = []
    while not stop.is_set():
        t0 = time.perf_counter()
        try:
            writer.write(request)
            status, _ = await asyncio.wait_for(read_response(reader), 10)
            out.append(time.perf_counter() - t0 if status == 200 else 10.0)
        except (asyncio.TimeoutError, OSError, asyncio.IncompleteReadError):
            out.append(10.0)
            writer.close()
            reader, writer = await asyncio.open_connection(host, int(port))
        await asyncio.sleep(max(0.0, every - (time.perf_counter() - t0)))
    writer.close()
    return out


async def run(url: str, n_clients: int, seconds: float, timeout: float) -> dict:
    admin, employee, nip = await tokens_and_supervisor(url)
    queries = {  # name -> (document, variables), with the token and whether the budget refuses it
        "attack": (ATTACK, {"nip": nip}), "attack x3 (aliases)": (ATTACK_3, {"nip": nip}),
        "tree: 2 x people(first: 100) > supervisor > subordinates(first: 100)": (TREE, {}),
        "org: 2 x agencies(first: 100) > units(first: 100) > parent": (ORG, {}),
        "catalogue: indicators > agency, inputs; specErrors": (CATALOGUE, {}),
    }
    estimate = costs(queries)
    refused = {"attack", "attack x3 (aliases)"}
    from kinerja.settings import Settings

    limit = Settings().max_query_cost
    for name, c in estimate.items():
        assert (c > limit) == (name in refused), (name, c, limit)
    with results.server(url, 1) as (base, pid, log):
        host = base.removeprefix("http://")
        mix = []
        for name, (q, v) in queries.items():
            token = employee if name in refused else admin
            mix.append((name, request_bytes(host, token, q, v), name in refused))
        # refused and allowed alternate: attack, tree, attack x3, org, attack, catalogue, ...
        bad = [m for m in mix if m[2]]
        good = [m for m in mix if not m[2]]
        mix = [x for pair in zip(bad * len(good), good * len(bad)) for x in pair]
        idle = memory_kib(pid)
        # the baseline: /healthz alone for 5 s, on this machine at this time (other work may share it)
        stop = asyncio.Event()
        probe = asyncio.get_running_loop().create_task(prober(base, stop))
        await asyncio.sleep(5.0)
        stop.set()
        baseline = await probe
        # the refused queries alone for 10 s: what the attack costs now
        stop = asyncio.Event()
        probe = asyncio.get_running_loop().create_task(prober(base, stop))
        refused_only = await clients(base, bad, n_clients, 10.0, timeout)
        stop.set()
        refused_health = await probe
        await clients(base, mix, n_clients, 2.0, timeout)  # warm-up
        stop = asyncio.Event()
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        with RssSampler(pid) as sampler:
            probe = asyncio.get_running_loop().create_task(prober(base, stop))
            tally = await clients(base, mix, n_clients, seconds, timeout)
            stop.set()
            health = await probe
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        rss_end, hwm = memory_kib(pid)
    log.unlink(missing_ok=True)
    return {"tally": tally, "health": health, "baseline": baseline, "refused_health": refused_health,
            "refused_only": refused_only, "estimate": estimate, "limit": limit, "idle_kib": idle[0],
            "rss_peak_kib": sampler.peak, "rss_end_kib": rss_end, "hwm_kib": hwm, "refused": refused,
            "client_cpu": (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime),
            "clients": n_clients, "seconds": seconds, "nip": nip}


def render(kind: str, url: str, r: dict, scale: str) -> str:
    ms = results.ms
    health = results.summary(r["health"])
    lines = [f"### {kind}", "", *results.header(url),
             f"- data: {scale}",
             f"- server: `kinerja serve --env production --workers 1`, `KINERJA_MAX_QUERY_COST` {r['limit']:,}; "
             f"{r['clients']} client connections in a closed loop for {r['seconds']:g} s (after a 2 s warm-up), "
             f"alternating a refused and an allowed query; a prober GETs /healthz every 50 ms on its own connection",
             f"- the attack uses the EMPLOYEE token of {r['nip']}, the person with the most direct subordinates; the "
             f"allowed queries an ADMIN token",
             "",
             "| query | cost estimate | answers as expected | other answers | p50 ms | p99 ms |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, row in r["tally"].items():
        lat = results.summary(row["latency"]) if row["latency"] else {"p50": 0.0, "p99": 0.0}
        expected = "QUERY_TOO_COSTLY" if name in r["refused"] else "data"
        lines.append(f"| {name} | {r['estimate'][name]:,} | {row['ok']:,} ({expected}) | {len(row['wrong'])} | "
                     f"{ms(lat['p50'])} | {ms(lat['p99'])} |")
    base = results.summary(r["baseline"])
    refused = results.summary(r["refused_health"])
    rss_mb = max(r["rss_peak_kib"], r["hwm_kib"]) / 1024 * 1.048576
    lines += [
        "",
        f"- /healthz: {len(r['health']):,} probes, p50 {ms(health['p50'])} ms, **p99 {ms(health['p99'])} ms**, "
        f"max {ms(health['max'])} ms: goal under {HEALTH_P99_GOAL_MS:g} ms "
        + ("**met**." if health["p99"] * 1000 < HEALTH_P99_GOAL_MS else "**missed**.")
        + f" Baseline, /healthz alone for 5 s before the load: p50 {ms(base['p50'])} ms, p99 {ms(base['p99'])} ms."
        f" With the {r['clients']} clients sending only the refused queries for 10 s "
        f"({sum(t['ok'] for t in r['refused_only'].values()):,} refusals, "
        f"{sum(len(t['wrong']) for t in r['refused_only'].values())} other answers): p50 {ms(refused['p50'])} ms, "
        f"**p99 {ms(refused['p99'])} ms**.",
        "- the prober waits for each answer, so while the server is busy it sends fewer probes (it does not correct "
        "for coordinated omission): the percentiles are of the probes sent.",
        f"- server RSS: {r['idle_kib'] / 1024:.1f} MiB after start-up, peak {r['rss_peak_kib'] / 1024:.1f} MiB "
        f"sampled, VmHWM {r['hwm_kib'] / 1024:.1f} MiB, {r['rss_end_kib'] / 1024:.1f} MiB at the end: goal under "
        f"{RSS_GOAL_MB:g} MB " + ("**met**." if rss_mb < RSS_GOAL_MB else "**missed**."),
        f"- client CPU (the 4 clients and the prober, this process): {r['client_cpu']:.1f} s over "
        f"{r['seconds']:g} s",
    ]
    return "\n".join(lines) + "\n"


async def main_async(args: argparse.Namespace) -> None:
    if not results.is_postgres(args.db):
        demo_database(args.db)
    counts = await results.generated_counts(args.db)
    scale = f"the demo: {counts['person']:,} people in {counts['agency']} agencies"
    r = await run(args.db, args.clients, args.seconds, args.timeout)
    kind = f"{results.db_kind(args.db)}, demo, {args.clients} clients"
    results.publish(SECTION, kind, render(kind, args.db, r, scale), args.no_write)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite:////tmp/kinerja-bench/cost-demo.sqlite3",
                        help="the demo database (a missing SQLite file is loaded with `kinerja demo`)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=30.0, help="per request (default 30 s)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    os.chdir(results.REPO)
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
