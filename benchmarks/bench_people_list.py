"""The admin list query, people(first: 100) with agency, unit, supervisor and rating(period: "2024"), through
the real app (ASGI, httpx), against the floor any Python GraphQL server pays for the same answer.

    python benchmarks/bench_people_list.py --db sqlite:///tmp/kinerja-bench/city.sqlite3
    python benchmarks/bench_people_list.py --db postgres://postgres@127.0.0.1:5432/kinerja_national

The database must hold generated data (benchmarks/generate.py). In one run, over the same pages (an ADMIN
walking the list from the first page, 100 people a page, by the keyset cursor), every page is requested once
untimed (its statements are captured: tortoise's db_client log, counted), then, in ROUNDS passes over every
page, each page is timed three ways in a row, so that the changing speed of this shared machine falls on all
three alike:
1. the app: the request as an admin UI sees it in-process (httpx over ASGI, the app's production settings);
2. the SQL alone: the request's statements with their parameters, replayed one after the other on a raw
   driver connection (asyncpg, or aiosqlite as the app uses);
3. bare graphql-core: parse, validate and execute the same query over the app's own schema (its SDL) with the
   answer given as ready-made dicts, then json.dumps the result.
The floor of a page is 2 + 3; the goal is the app's p50 at most 2x the floor's p50.

`--profile FILE` answers the same pages once more under cProfile and writes the report to FILE.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import results  # noqa: E402

SECTION = "## Admin list: people(first: 100)"
QUERY = """query People($after: String) {
  people(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      nip name position
      agency { code name }
      unit { code name }
      supervisor { nip name }
      rating(period: "2024") { predikat resultRating behaviorRating }
    } }
  }
}"""
GOAL = 2.0
ROUNDS = 3  # timed passes over every page, after one untimed


async def raw_connection(url: str):
    """A driver connection of its own, like the app's (asyncpg; aiosqlite for SQLite)."""
    if results.is_postgres(url):
        conn = await results.pg_connect(url)

        async def run(sql: str, values: list) -> int:
            return len(await conn.fetch(sql, *values))
        return run, conn.close
    import aiosqlite

    conn = await aiosqlite.connect(results.sqlite_path(url))

    async def run(sql: str, values: list) -> int:
        return len(await conn.execute_fetchall(sql, values))
    return run, conn.close


def floor_page(schema, variables: dict, data: dict, query: str = QUERY) -> tuple[float, float]:
    """bare graphql-core for one page: (parse + validate seconds, execute + json.dumps seconds)."""
    import graphql

    t0 = time.perf_counter()
    document = graphql.parse(query)
    errors = graphql.validate(schema, document)
    t1 = time.perf_counter()
    result = graphql.execute(schema, document, root_value=data, variable_values=variables)
    body = json.dumps({"data": result.data})
    t2 = time.perf_counter()
    if errors or result.errors or result.data != data:
        raise RuntimeError(f"graphql-core gave another answer: {errors or result.errors}")
    del body
    return t1 - t0, t2 - t1


async def run(url: str, n_pages: int, profile: str | None = None, rounds: int = ROUNDS) -> dict:
    import graphql

    from kinerja.graphql.schema import build_schema

    async with results.InProcessApp(url) as app:
        # warm-up: every page once, untimed (its cursor for the next; the database's and the driver's caches
        # then hold what the timed pass and the SQL replay read, so both run warm)
        cursors: list[str | None] = [None]
        for i in range(n_pages):
            info = (await app.post(QUERY, {"after": cursors[i]}))["people"]["pageInfo"]
            cursors.append(info["endCursor"] if info["hasNextPage"] else None)
        pages = [{"after": cursors[i]} for i in range(n_pages)]

        # the statements of each page, and its answer (kept as JSON text: a heap of answer dicts would make the
        # app's garbage collections, timed below, slower than a server's)
        captured: list[list[tuple[str, list]]] = []
        answers: list[str] = []
        for variables in pages:
            with results.SqlCapture() as capture:
                answers.append(json.dumps(await app.post(QUERY, variables)))
            captured.append(capture.statements)
        sizes = [len(json.loads(a)["people"]["edges"]) for a in answers]
        schema = graphql.build_schema(str(build_schema(app.settings)))

        # timed, page by page and interleaved, so that the machine's changing speed (it shares its CPUs) falls
        # on the app and its floor alike: the app's request, the same statements on a raw connection, then bare
        # graphql-core over the answer; `rounds` times over every page, the first round untimed
        execute, close = await raw_connection(url)
        latencies: list[float] = []
        sql_times: list[float] = []
        parse_validate: list[float] = []
        gql_execute: list[float] = []
        try:
            for round_ in range(rounds + 1):
                for variables, statements, answer in zip(pages, captured, answers):
                    t0 = time.perf_counter()
                    await app.post(QUERY, variables)
                    t1 = time.perf_counter()
                    for sql, values in statements:
                        await execute(sql, values)
                    t2 = time.perf_counter()
                    pv, ex = floor_page(schema, variables, json.loads(answer))
                    if round_:
                        latencies.append(t1 - t0)
                        sql_times.append(t2 - t1)
                        parse_validate.append(pv)
                        gql_execute.append(ex)
        finally:
            await close()

        if profile:  # the same pages again, under cProfile (not timed)
            with results.Profile() as profiler:
                for variables in pages:
                    await app.post(QUERY, variables)
            Path(profile).write_text(profiler.report(
                f"bench_people_list: the app answering {n_pages} pages of {results.safe_url(url)}"))
            print("profile, own time by package:", profiler.top_packages(10))

        # the harness itself: /healthz through the same client (one SELECT 1)
        health: list[float] = []
        for _ in range(100):
            t0 = time.perf_counter()
            (await app.client.get("/healthz")).raise_for_status()
            health.append(time.perf_counter() - t0)

    gql_total = [a + b for a, b in zip(parse_validate, gql_execute)]
    floor = [s + g for s, g in zip(sql_times, gql_total)]
    counts = Counter(len(s) for s in captured)
    kinds = Counter(results.sql_table(sql) for sql, _ in captured[0])
    return {"pages": n_pages, "sizes": (min(sizes), max(sizes)), "app": results.summary(latencies),
            "health": results.summary(health), "sql": results.summary(sql_times),
            "gql_pv": results.summary(parse_validate), "gql_exec": results.summary(gql_execute),
            "gql": results.summary(gql_total), "floor": results.summary(floor), "statements": counts,
            "kinds": kinds, "rounds": rounds, "ratio": statistics.median(latencies) / statistics.median(floor),
            "page_ratio": statistics.median(a / f for a, f in zip(latencies, floor)),
            "exec_ratio": statistics.median(latencies) / statistics.median(s + g for s, g in zip(sql_times, gql_execute))}


def render(kind: str, url: str, r: dict, scale: str, suite: str | None) -> str:
    ms = results.ms
    met = r["ratio"] <= GOAL
    counts = ", ".join(f"{n} statements in {k} request(s)" for n, k in sorted(r["statements"].items()))
    lines = [f"### {kind}", "", *results.header(url, suite=suite),
             f"- data: {scale}",
             f"- query: `people(first: 100, after: $after)` with pageInfo and, per person, nip, name, position, "
             f"agency {{code name}}, unit {{code name}}, supervisor {{nip name}}, rating(period: \"2024\") "
             f"{{predikat resultRating behaviorRating}}; an ADMIN token; {r['pages']} consecutive pages from the "
             f"first ({r['sizes'][0]}-{r['sizes'][1]} people each); every page requested once untimed, then "
             f"{r['rounds']} timed rounds over all pages, each page timed three ways in a row (the app, its SQL "
             f"replayed, bare graphql-core) so that the machine's changing speed falls on all three alike",
             f"- SQL statements per request: {counts} ({', '.join(f'{k} x{v}' for k, v in r['kinds'].items())})",
             "",
             "| what (per page) | p50 ms | p95 ms |",
             "|---|---:|---:|",
             f"| **the app** (httpx over ASGI, production settings) | **{ms(r['app']['p50'])}** | "
             f"{ms(r['app']['p95'])} |",
             f"| the SQL alone (the request's statements replayed on a raw connection) | {ms(r['sql']['p50'])} | "
             f"{ms(r['sql']['p95'])} |",
             f"| bare graphql-core: parse + validate | {ms(r['gql_pv']['p50'])} | {ms(r['gql_pv']['p95'])} |",
             f"| bare graphql-core: execute over ready-made dicts + json.dumps | {ms(r['gql_exec']['p50'])} | "
             f"{ms(r['gql_exec']['p95'])} |",
             f"| **floor** = SQL + graphql-core | **{ms(r['floor']['p50'])}** | {ms(r['floor']['p95'])} |",
             f"| the harness: GET /healthz through the same client | {ms(r['health']['p50'])} | "
             f"{ms(r['health']['p95'])} |",
             "",
             f"App p50 / floor p50 = **{r['ratio']:.2f}x**: goal (at most {GOAL:g}x) "
             + ("**met**." if met else f"**missed** by {r['ratio'] / GOAL:.2f}x (the app would need to be "
                                       f"{r['ratio'] / GOAL:.2f} times as fast)."),
             "",
             f"The median of the per-page ratios is {r['page_ratio']:.2f}x. The app parses and validates each "
             f"distinct document once (ParserCache, ValidationCache); against a floor without parse + validate "
             f"(SQL + execute + json.dumps) the app p50 is {r['exec_ratio']:.2f}x."]
    return "\n".join(lines) + "\n"


def kind_of(url: str, label: str) -> str:
    return f"{results.db_kind(url)}, {label}"


async def main_async(args: argparse.Namespace) -> None:
    counts = await results.generated_counts(args.db)
    label = args.label or f"{counts['person']:,} people"
    scale = (f"{counts['person']:,} people in {counts['agency']} agencies, {counts['rating']:,} ratings "
             f"(benchmarks/generate.py)")
    r = await run(args.db, args.pages, args.profile)
    block = render(kind_of(args.db, label), args.db, r, scale, args.suite)
    if args.profile:
        print(f"profile written to {args.profile}")
    results.publish(SECTION, kind_of(args.db, label), block, args.no_write)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a generated database (benchmarks/generate.py)")
    parser.add_argument("--pages", type=int, default=200, help="pages timed (default 200)")
    parser.add_argument("--label", help="the block's name after the database kind (default: the people count)")
    parser.add_argument("--profile", metavar="FILE", help="profile the app's pages (cProfile) into FILE")
    parser.add_argument("--suite", help=argparse.SUPPRESS)  # the run.py command that started this one
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
