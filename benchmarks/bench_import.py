"""Import of 100,000 people through `kinerja import people` (CSV, all or nothing) into a city-scale database.

    python benchmarks/bench_import.py                                   # SQLite, a scratch file
    python benchmarks/bench_import.py --db postgres://postgres@127.0.0.1:5432/kinerja_import

The scratch database is created fresh (a PostgreSQL database of that name is dropped first) and filled by
benchmarks/generate.py with a city (15,000 people in 35 agencies). The CSV holds 100,000 new people with valid
NIPs, in the city's agencies and seksi units: in each unit the first new person answers to the unit's head
already in the database, and the others to that first new person (a supervisor in the same file) or to the
head, in turn. The timed command is the real one, `python -m kinerja.cli import people FILE --db URL --quiet`,
as a subprocess: start-up, migrations check, reading, checking and writing (people and their audit events) in
one transaction. The run checks that every row arrived. Goal: under 20 s.

`--profile FILE` imports once more into a fresh database, in this process, under cProfile.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
import results  # noqa: E402

SECTION = "## Import: kinerja import people (CSV)"
GOAL_S = 20.0
BASE_PEOPLE = 15_000
DEFAULT_SQLITE = "sqlite:///tmp/kinerja-bench/import.sqlite3"


async def base_database(url: str, seed: int) -> dict:
    """A fresh city, and what the CSV needs of it: each seksi unit's code, agency code and head's NIP."""
    summary = await generate.generate(url, BASE_PEOPLE, seed=seed, fresh=True, quiet=True)
    sql = ("SELECT a.code AS agency, u.code AS unit, p.nip AS head FROM unit u JOIN agency a ON a.id = u.agency_id "
           "JOIN person p ON p.unit_id = u.id AND p.position LIKE 'Kepala %' "
           "WHERE u.parent_id IS NOT NULL ORDER BY u.id")
    if results.is_postgres(url):
        conn = await results.pg_connect(url)
        try:
            rows = [tuple(r) for r in await conn.fetch(sql)]
        finally:
            await conn.close()
    else:
        import sqlite3

        with sqlite3.connect(results.sqlite_path(url)) as c:
            rows = c.execute(sql).fetchall()
    return {"summary": summary, "units": rows}


def write_csv(path: Path, units: list[tuple[str, str, str]], people: int, seed: int) -> None:
    """`people` new people over the units, numbered after the base's so that every NIP is new."""
    rng = random.Random(f"{seed}:import")
    first_in_unit: dict[int, str] = {}
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["nip", "name", "employment_type", "position", "agency", "unit", "supervisor"])
        for k in range(people):
            u = k % len(units)
            agency, unit, head = units[u]
            pppk = rng.random() < 0.1
            nip = generate.nip_of(BASE_PEOPLE + k, seed, pppk)
            if u not in first_in_unit:
                first_in_unit[u] = nip
                supervisor = head
            else:
                supervisor = first_in_unit[u] if (k // len(units)) % 2 else head
            female = nip[14] == "2"
            out.writerow([nip, generate._name(rng, female), "PPPK" if pppk else "PNS",
                          rng.choice(generate.GENERAL_POSITIONS), agency, unit, supervisor])


async def people_count(url: str) -> tuple[int, int]:
    sql = "SELECT (SELECT COUNT(*) FROM person), (SELECT COUNT(*) FROM audit_event WHERE action = 'person.create')"
    if results.is_postgres(url):
        conn = await results.pg_connect(url)
        try:
            return tuple(await conn.fetchrow(sql))
        finally:
            await conn.close()
    import sqlite3

    with sqlite3.connect(results.sqlite_path(url)) as c:
        return tuple(c.execute(sql).fetchone())


def timed_import(url: str, csv_path: Path) -> tuple[float, str]:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kinerja.cli", "import", "people", str(csv_path), "--db", url,
                           "--quiet"], capture_output=True, text=True, cwd=results.REPO)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"kinerja import people failed ({done.returncode}): {done.stderr[-3000:]}")
    return seconds, done.stderr.strip()


def profile_import(url: str, csv_path: Path, out: Path) -> str:
    from kinerja import cli

    with results.Profile() as profiler:
        code = cli.main(["import", "people", str(csv_path), "--db", url, "--quiet"])
    if code != 0:
        raise RuntimeError(f"the profiled import failed ({code})")
    out.write_text(profiler.report(f"kinerja import people of {csv_path.name} into {results.safe_url(url)}"))
    return profiler.top_packages(8)


async def main_async(args: argparse.Namespace) -> None:
    url = args.db
    if results.is_postgres(url):
        results.pg_check_allowed(url)
    with tempfile.TemporaryDirectory(prefix="kinerja-import-") as folder:
        csv_path = Path(folder) / f"people-{args.people}.csv"
        t0 = time.perf_counter()
        base = await base_database(url, args.seed)
        write_csv(csv_path, base["units"], args.people, args.seed)
        prep = time.perf_counter() - t0
        before = await people_count(url)
        seconds, message = timed_import(url, csv_path)
        after = await people_count(url)
        if (after[0] - before[0], after[1] - before[1]) != (args.people, args.people):
            raise RuntimeError(f"expected {args.people} new people and events, got {after[0] - before[0]} people "
                               f"and {after[1] - before[1]} events")
        # the fixed cost of the command: the same import of a 10-row file into the same database
        small = Path(folder) / "people-10.csv"
        write_csv(small, base["units"], 10, args.seed + 1)
        small_seconds, _ = timed_import(url, small)
        size = csv_path.stat().st_size
        profile_note = None
        if args.profile:
            await base_database(url, args.seed)
            profile_note = await asyncio.to_thread(profile_import, url, csv_path, Path(args.profile))
        if results.is_postgres(url) and not args.keep:
            await results.pg_drop(url)
    kind = f"{results.db_kind(url)}, {args.people:,} people"
    met = seconds < GOAL_S
    lines = [f"### {kind}", "", *results.header(url, suite=args.suite),
             f"- data: a fresh city of {BASE_PEOPLE:,} people in 35 agencies (benchmarks/generate.py, "
             f"{prep:.1f} s with the CSV, not timed); the CSV: {args.people:,} new people ({size / 2**20:.1f} MiB) "
             f"in {len(base['units']):,} seksi units, each unit's first new person supervised by the unit's head "
             "(in the database), the others by that first new person (in the file) or the head, in turn",
             f"- timed: `python -m kinerja.cli import people FILE --db URL --quiet`, a subprocess, wall clock; "
             f"it said: {message!r}; afterwards the database held {after[0]:,} people and "
             f"{after[1] - before[1]:,} new person.create audit events",
             "",
             "| import | wall s | people/s |",
             "|---|---:|---:|",
             f"| **{args.people:,} people** | **{seconds:.1f}** | {args.people / seconds:,.0f} |",
             f"| 10 people (the command's fixed cost: start-up, migrations check, specs, plugins) | "
             f"{small_seconds:.1f} | |",
             "",
             f"Goal (under {GOAL_S:g} s): " + (f"**met** ({seconds:.1f} s)." if met else
                                               f"**missed** by {seconds / GOAL_S:.2f}x ({seconds:.1f} s).")]
    if profile_note:
        lines.append(f"Profile of one more import (in-process, cProfile): own time by package: {profile_note}.")
    block = "\n".join(lines) + "\n"
    results.publish(SECTION, kind, block, args.no_write)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=DEFAULT_SQLITE,
                        help=f"the scratch database, created fresh (default {DEFAULT_SQLITE})")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--profile", metavar="FILE", help="profile one more import (cProfile) into FILE")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL scratch database")
    parser.add_argument("--suite", help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    os.chdir(results.REPO)
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
