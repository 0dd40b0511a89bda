"""The web console's dashboard in a real browser: from navigation start to the distribution table and chart of
every agency shown, on the demo data, in headless Debian Chromium driven by Playwright.

    python benchmarks/bench_console.py                      # loads the demo into a temporary SQLite file
    python benchmarks/bench_console.py --db postgres://postgres@127.0.0.1:5432/kinerja_console_demo

The server is `kinerja serve --env production` (uvicorn) in a subprocess. Each round opens a fresh browser context
(nothing cached: `cold`) with an ADMIN token already in session storage, then loads the same page again in that
context (`warm`: scripts revalidated, the answer not cached). "Ready" is performance.now() when a MutationObserver
sees one table row per agency of the API's answer and the chart's canvas: no polling in between. Also counted: the
GraphQL requests of each load. Goal (issue 7): the dashboard renders in under a second on this machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import results  # noqa: E402

SECTION = "## Web console: the dashboard in Chromium"
REPO = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
# Records when the dashboard is whole: a row per agency in the distribution table and the chart drawn.
OBSERVER = """
(() => {
  const want = %d;
  const check = () => {
    if (window.__ready) return;
    const rows = document.querySelectorAll('table [data-col="total"]').length;
    const canvas = document.querySelector('canvas');
    if (rows >= want && canvas && canvas.width > 0) window.__ready = performance.now();
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""


def kinerja(*args: str, stdin: str | None = None) -> str:
    done = subprocess.run([sys.executable, "-m", "kinerja.cli", *args], capture_output=True, text=True, input=stdin,
                          cwd=REPO, timeout=600)
    if done.returncode:
        raise SystemExit(f"kinerja {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done.stdout.strip()


def measure(url: str, period: str, rounds: int, chromium: str) -> dict:
    import httpx
    from playwright.sync_api import sync_playwright

    token = kinerja("token", "create", "--role", "ADMIN", "--label", "bench_console", "--db", url)
    with results.server(url, workers=1) as (base, _pid, _log):
        answer = httpx.post(base + "/graphql", headers={"Authorization": f"Bearer {token}"}, json={
            "query": "query($p: String!) { predikatDistribution(period: $p) { group } }",
            "variables": {"p": period}}).json()
        agencies = len(answer["data"]["predikatDistribution"])
        cold, warm, requests = [], [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=FLAGS)
            for _ in range(rounds):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                context.add_init_script(f"sessionStorage.setItem('kinerja.token', {token!r});"
                                        "sessionStorage.setItem('kinerja.expiresAt', '2999-01-01T00:00:00Z');")
                context.add_init_script(OBSERVER % agencies)
                page = context.new_page()
                seen: list[str] = []
                page.on("request", lambda r: seen.append(r.url) if r.url.endswith("/graphql") else None)
                for times in (cold, warm):
                    seen.clear()
                    page.goto(f"{base}/#/dashboard?period={period}")
                    page.wait_for_function("() => window.__ready !== undefined", timeout=30_000)
                    times.append(page.evaluate("window.__ready") / 1000)
                    requests.append(len(seen))
                    page.evaluate("window.__ready = undefined")
                    page.goto("about:blank")
                context.close()
            version = browser.version
            browser.close()
    return {"agencies": agencies, "cold": cold, "warm": warm, "requests": sorted(set(requests)), "browser": version}


def render(kind: str, url: str, period: str, r: dict) -> str:
    lines = [f"### {kind}", "", *results.header(url), f"- browser: headless Chromium {r['browser']}",
             f"- page: `#/dashboard?period={period}`, {r['agencies']} agencies; GraphQL requests per load: "
             f"{', '.join(map(str, r['requests']))}", "",
             "| load | rounds | p50 ms | p95 ms | max ms |", "|---|---|---|---|---|"]
    for name in ("cold", "warm"):
        s = results.summary(r[name])
        lines.append(f"| {name} | {len(r[name])} | {results.ms(s['p50'])} | {results.ms(s['p95'])} | "
                     f"{results.ms(s['max'])} |")
    verdict = "met" if results.summary(r["cold"])["p95"] < 1.0 else "missed"
    lines += ["", f"Goal (under a second, cold p95): **{verdict}**.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="a database with the demo data (default: the demo loaded into a temporary "
                                     "SQLite file)")
    parser.add_argument("--period", default="2024")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--chromium", default=os.environ.get("KINERJA_CHROMIUM") or shutil.which("chromium"))
    parser.add_argument("--no-write", action="store_true", help="print the block only")
    args = parser.parse_args()
    if not args.chromium:
        raise SystemExit("Debian's chromium is needed: apt-get install chromium (or --chromium PATH)")
    url = args.db
    scratch = None
    if url is None:
        scratch = tempfile.mkdtemp(prefix="kinerja-console-")
        url = f"sqlite://{scratch}/demo.sqlite3"
        kinerja("demo", "--db", url)
    try:
        r = measure(url, args.period, args.rounds, args.chromium)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    kind = f"{results.db_kind(url)}, demo data"
    results.publish(SECTION, kind, render(kind, url, args.period, r), args.no_write)


if __name__ == "__main__":
    main()
