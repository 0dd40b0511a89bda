"""The benchmark suite at one scale: generate the data, then time the admin list, the report, HTTP load and the
import; every step writes its figures to benchmarks/RESULTS.md. Run it from the repository root.

    python benchmarks/run.py --scale city                    # SQLite: /tmp/kinerja-bench/city.sqlite3
    python benchmarks/run.py --scale city --db postgres://postgres@127.0.0.1:5432/kinerja_city
    python benchmarks/run.py --scale national --db postgres://postgres@127.0.0.1:5432/kinerja_national
    python benchmarks/run.py --scale national --db postgres://... --reuse     # keep the data generated before

Scales: city 15,000 people (35 agencies), national 4,700,000 people (620 agencies; PostgreSQL only). Steps, in
order (`--only` and `--skip` take a comma-separated list of them):
  generate  benchmarks/generate.py --fresh (skipped with --reuse when the database holds the scale's people)
  people    benchmarks/bench_people_list.py: people(first: 100) + agency, unit, supervisor, rating; vs the floor
  reports   benchmarks/bench_reports.py: predikatDistribution by agency vs the plain GROUP BY
  http      benchmarks/bench_http.py: kinerja serve, 16 connections, 30 s a scenario; req/s, p99, errors, RSS
  import    benchmarks/bench_import.py: 100,000 people through `kinerja import people` into a fresh city database
            (a scratch database: /tmp/kinerja-bench/import.sqlite3, or <name>_import beside a PostgreSQL --db);
            by default at city scale only
A step that fails is reported and the next one runs; the exit code is 1 when any failed.
"""

from __future__ import annotations

import argparse
import asyncio
import shlex
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import results  # noqa: E402

HERE = Path(__file__).resolve().parent
SCALES = {
    "city": {"people": 15_000, "label": "city scale (15,000 people)", "default_db": "sqlite:///tmp/kinerja-bench/city.sqlite3",
             "steps": ("generate", "people", "reports", "http", "import")},
    "national": {"people": 4_700_000, "label": "national scale (4,700,000 people)", "default_db": None,
                 "steps": ("generate", "people", "reports", "http")},
}
STEPS = ("generate", "people", "reports", "http", "import")


def step_commands(args: argparse.Namespace, scale: dict, suite: str) -> dict[str, list[str]]:
    py = sys.executable
    db, label = args.db, scale["label"]
    if results.is_postgres(db):
        import_db = results.pg_url_for(db, f"{results.pg_name(db)}_import")
    else:
        import_db = "sqlite:///tmp/kinerja-bench/import.sqlite3"
    common = ["--suite", suite] + (["--no-write"] if args.no_write else [])
    http = [py, str(HERE / "bench_http.py"), "--db", db, "--label", label, "--workers", str(args.workers),
            "--seconds", str(args.http_seconds)]
    return {
        "generate": [py, str(HERE / "generate.py"), "--db", db, "--people", str(scale["people"]), "--fresh", *common],
        "people": [py, str(HERE / "bench_people_list.py"), "--db", db, "--label", label, *common]
        + (["--profile", str(Path(args.profiles) / f"people-{args.scale}.txt")] if args.profiles else []),
        "reports": [py, str(HERE / "bench_reports.py"), "--db", db, "--label", label, *common]
        + (["--profile", str(Path(args.profiles) / f"reports-{args.scale}.txt")] if args.profiles else []),
        "http": http + common,
        "import": [py, str(HERE / "bench_import.py"), "--db", import_db, *common]
        + (["--profile", str(Path(args.profiles) / f"import-{args.scale}.txt")] if args.profiles else []),
    }


def chosen_steps(args: argparse.Namespace, scale: dict) -> list[str]:
    def parse(value: str | None) -> list[str]:
        names = [s.strip() for s in (value or "").split(",") if s.strip()]
        unknown = set(names) - set(STEPS)
        if unknown:
            raise SystemExit(f"unknown step(s) {', '.join(sorted(unknown))}; steps: {', '.join(STEPS)}")
        return names

    steps = parse(args.only) or list(scale["steps"])
    skip = set(parse(args.skip))
    return [s for s in STEPS if s in steps and s not in skip]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=sorted(SCALES), required=True)
    parser.add_argument("--db", help="the database to fill and time (city default: "
                                     f"{SCALES['city']['default_db']}; national: a postgres:// URL, required)")
    parser.add_argument("--reuse", action="store_true",
                        help="skip generation when the database already holds the scale's people and ratings")
    parser.add_argument("--only", help="run only these steps (comma-separated)")
    parser.add_argument("--skip", help="skip these steps (comma-separated)")
    parser.add_argument("--workers", type=int, default=1, help="kinerja serve --workers N for the HTTP load")
    parser.add_argument("--http-seconds", type=float, default=30.0, help="seconds per HTTP scenario (30)")
    parser.add_argument("--profiles", metavar="DIR", help="also profile (cProfile) people, reports and import into DIR")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    scale = SCALES[args.scale]
    args.db = args.db or scale["default_db"]
    if not args.db:
        raise SystemExit("--scale national needs --db postgres://user@host:5432/<name> (it is created fresh)")
    if args.scale == "national" and not results.is_postgres(args.db):
        raise SystemExit("the national scale runs on PostgreSQL: give --db postgres://...")
    if results.is_postgres(args.db):
        results.pg_check_allowed(args.db)
    if args.profiles:
        Path(args.profiles).mkdir(parents=True, exist_ok=True)
    suite = results.command()
    steps = chosen_steps(args, scale)
    if "generate" in steps and args.reuse:
        from generate import count_rows

        try:
            counts = asyncio.run(count_rows(args.db))
        except Exception:  # no such database or no tables yet
            counts = {}
        if counts.get("person") == scale["people"] and counts.get("rating"):
            print(f"--reuse: {results.safe_url(args.db)} holds {counts['person']:,} people and "
                  f"{counts['rating']:,} ratings: not generated again", flush=True)
            steps.remove("generate")
    commands = step_commands(args, scale, suite)
    outcome: list[tuple[str, int, float]] = []
    for step in steps:
        cmd = commands[step]
        print(f"\n=== {step}: {' '.join(shlex.quote(c) for c in cmd)}", flush=True)
        t0 = time.perf_counter()
        code = subprocess.run(cmd, cwd=results.REPO).returncode
        outcome.append((step, code, time.perf_counter() - t0))
    print("\n=== suite: " + suite)
    for step, code, seconds in outcome:
        print(f"  {step:10s} {'ok' if code == 0 else f'FAILED ({code})':12s} {seconds:8.1f} s")
    sys.exit(1 if any(code for _, code, _ in outcome) else 0)


if __name__ == "__main__":
    main()
