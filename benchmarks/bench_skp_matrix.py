"""The console's "Matriks peran hasil" (#/skp-matrix/<nip>/2025) for a supervisor with 40 subordinates, in a real
browser: from navigation start to every row of the matrix shown, in headless Debian Chromium driven by Playwright.

    python benchmarks/bench_skp_matrix.py                   # SQLite in a temporary folder
    python benchmarks/bench_skp_matrix.py --db postgres://postgres@127.0.0.1:5432/kinerja_bench_matrix

The data is loaded through the app's services (Access SYSTEM) into a fresh database: one agency, its head and
`--subordinates` (40) staff under the head, cycle 2025 ACTIVE. The head's SKP has `--rhk` (5) RHK, each staff
member's SKP 3 RHK linked (parentKey) to the head's, spread evenly; every tenth staff member's third RHK is linked to
none (the matrix flags it "belum terhubung"). Every SKP is saved, submitted and approved (qualitative indicators).
A PostgreSQL database named by the URL is dropped if it exists, created, and dropped at the end; a SQLite file goes
into a temporary folder. The platform's date is pinned (KINERJA_TODAY=2025-11-20).

The server is `kinerja serve --env production` (uvicorn, one worker) in a subprocess. The viewer is the head
(an EMPLOYEE token for the head's NIP in session storage). Each round opens a fresh browser context (nothing cached:
`cold`), then loads the same page again in it (`warm`). "Ready" is performance.now() when a MutationObserver sees a
section per row of the API's answer (the head's RHK and the unlinked block) and a table row per subordinate RHK:
no polling in between. Also recorded: the GraphQL requests of each load (what they ask, when they start and end
after navigation start, from the browser's resource timing), and afterwards each of those requests alone over HTTP
(httpx, keep-alive): the server's share. Goal (issue): the matrix in at most 3 GraphQL requests and under a second
in the browser. Figures go to benchmarks/RESULTS.md, section "SKP matrix: a supervisor with 40 subordinates".
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import results  # noqa: E402

SECTION = "## SKP matrix: a supervisor with 40 subordinates"
AGENCY = "DPMPTSP"
TODAY = "2025-11-20"
CYCLE = 2025
PER_SUBORDINATE = 3
UNLINKED_EVERY = 10  # every tenth subordinate's last RHK is linked to none of the head's
MAX_REQUESTS, MAX_SECONDS = 3, 1.0
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
# Records when the matrix is whole: a section per row (the head's RHK, the unlinked block) and a table row per
# subordinate RHK. The page fills its root in one replaceChildren, so both appear in the same mutation.
OBSERVER = """
(() => {
  const sections = %d, contributions = %d;
  const check = () => {
    if (window.__ready) return;
    const failed = document.querySelector('.error-box');
    if (failed) window.__failed = failed.textContent;
    if (document.querySelectorAll('section.matrix-row').length >= sections
        && document.querySelectorAll('table.skp-matrix tbody tr[data-key]').length >= contributions) {
      window.__ready = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true});
})();
"""
# the page's own query (platform/kinerja/web/static/js/pages/skp_matrix.js), to time it alone over HTTP
MATRIX = """query SkpMatrix($nip: String!, $cycle: Int!) {
  person(nip: $nip) { nip name }
  skpMatrix(nip: $nip, cycle: $cycle) {
    key workResult unlinked contributions { nip name key workResult status }
  }
}"""
# the console shell's (platform/kinerja/web/static/js/app.js), once per page load
VIEWER = "{ me { role agency { code name } person { nip name } } cycles { year status periods evaluationPeriods } }"


def nip(i: int) -> str:
    """Distinct valid PNS NIPs: birth date 1975-01-01 + i days."""
    birth = dt.date(1975, 1, 1) + dt.timedelta(days=i)
    return f"{birth:%Y%m%d}2005011001"


@dataclass
class Plan:
    head: str
    subordinates: int
    rhk: int
    token: str = ""

    @property
    def unlinked(self) -> int:
        return len(range(UNLINKED_EVERY, self.subordinates + 1, UNLINKED_EVERY))

    @property
    def sections(self) -> int:  # the head's RHK, and the block of unlinked ones
        return self.rhk + (1 if self.unlinked else 0)

    @property
    def contributions(self) -> int:
        return self.subordinates * PER_SUBORDINATE


async def load(url: str, n_subordinates: int = 40, n_rhk: int = 5) -> Plan:
    """The agency, its head and staff, cycle 2025 ACTIVE and every SKP approved, through the services; returns the
    plan with an EMPLOYEE token for the head."""
    from kinerja import db
    from kinerja.models import Person
    from kinerja.services.auth import tokens
    from kinerja.services.core.access import EMPLOYEE, SYSTEM, Access, Viewer
    from kinerja.services.cycles import workflow as cycles
    from kinerja.services.org import agencies, people
    from kinerja.services.skp import approval, document
    from kinerja.services.skp.document import IndicatorData, ItemData, SkpData

    def qual(n: int) -> IndicatorData:
        return IndicatorData(aspect="QUALITY", text=f"Dokumen ke-{n} diterima tepat waktu",
                             expected_output=f"Laporan kegiatan {n}")

    async def approved(access: Access, who: str, items: list[ItemData], approver: Access) -> None:
        skp = await document.save_skp(access, SkpData(nip=who, cycle=CYCLE, items=items), None)
        skp = await approval.submit_skp(access, who, CYCLE, skp.version)
        await approval.approve_skp(approver, who, CYCLE, skp.version)

    plan = Plan(nip(0), n_subordinates, n_rhk)
    async with db.database(url, apply_migrations=True):
        access = Access(SYSTEM)
        await agencies.create_agency(access, AGENCY, "Dinas Penanaman Modal dan PTSP Kota Tanjungpinang")
        rows = [people.PersonData(nip=plan.head, name="Kepala Dinas Penanaman Modal", employment_type="PNS",
                                  position="Kepala Dinas", agency=AGENCY, unit=None, supervisor=None)]
        rows += [people.PersonData(nip=nip(i), name=f"Pegawai {i:03d}", employment_type="PNS",
                                   position="Analis Perizinan", agency=AGENCY, unit=None, supervisor=plan.head)
                 for i in range(1, n_subordinates + 1)]
        await people.upsert_people(access, rows)
        await cycles.create_cycle(access, CYCLE, "QUARTERLY")
        await cycles.set_cycle_status(access, CYCLE, "ACTIVE")
        await approved(access, plan.head, [
            ItemData(kind="MAIN", work_result=f"Sasaran kinerja dinas ke-{k} tercapai",
                     intervention="Meningkatnya kualitas pelayanan perizinan", indicators=[qual(k)])
            for k in range(1, n_rhk + 1)], access)  # ADMIN decides for a person without a supervisor
        # the subordinates' SKPs are approved by their assessing official, the head, as the head's token would
        head = await Person.get(nip=plan.head)
        as_head = Access(Viewer(role=EMPLOYEE, agency_id=head.agency_id, person_id=head.id,
                                actor=f"nip:{head.nip}"))
        for i in range(1, n_subordinates + 1):
            items = []
            for j in range(PER_SUBORDINATE):
                linked = not (i % UNLINKED_EVERY == 0 and j == PER_SUBORDINATE - 1)
                parent = f"R{(i * PER_SUBORDINATE + j) % n_rhk + 1}" if linked else None
                items.append(ItemData(kind="MAIN", work_result=f"Berkas perizinan tahap {j + 1} selesai ({i:03d})",
                                      parent_key=parent, indicators=[qual(j + 1)]))
            await approved(access, nip(i), items, as_head)
        plan.token = await tokens.create_token("EMPLOYEE", nip=plan.head, label="benchmark skp matrix")
    return plan


def operation(post_data: str | None) -> str:
    """A GraphQL request named by its top-level fields: `me + cycles`, `person + skpMatrix`."""
    try:
        query = json.loads(post_data or "{}").get("query", "")
    except ValueError:
        return "?"
    fields, depth, parens, word = [], 0, 0, ""
    for ch in query + " ":
        if ch.isalnum() or ch == "_":
            word += ch
            continue
        if word and depth == 1 and not parens and (not fields or fields[-1] != ":"):
            fields.append(word)
        elif word and fields and fields[-1] == ":":
            fields[-1] = word  # an alias: the field after it
        word = ""
        depth += (ch == "{") - (ch == "}")
        parens += (ch == "(") - (ch == ")")
        if ch == ":" and depth == 1 and not parens and fields:
            fields[-1] = ":"  # that was an alias: the field's name comes next
    return " + ".join(fields) or "?"


def measure(url: str, plan: Plan, rounds: int, chromium: str, http_repeats: int) -> dict:
    import httpx
    from playwright.sync_api import sync_playwright

    path = f"#/skp-matrix/{plan.head}/{CYCLE}"
    with results.server(url, workers=1) as (base, _pid, _log):
        auth = {"Authorization": f"Bearer {plan.token}"}
        answer = httpx.post(base + "/graphql", headers=auth, timeout=60, json={
            "query": MATRIX, "variables": {"nip": plan.head, "cycle": CYCLE}}).json()
        if answer.get("errors"):
            raise SystemExit(f"skpMatrix failed: {answer['errors']}")
        matrix = answer["data"]["skpMatrix"]
        shown = {"sections": len(matrix), "unlinked": sum(len(r["contributions"]) for r in matrix if r["unlinked"]),
                 "contributions": sum(len(r["contributions"]) for r in matrix),
                 "bytes": len(json.dumps(answer, separators=(",", ":")))}
        if (shown["sections"], shown["contributions"], shown["unlinked"]) != (plan.sections, plan.contributions,
                                                                               plan.unlinked):
            raise SystemExit(f"the matrix is not what was loaded: {shown} for {plan}")
        loads: dict[str, list[dict]] = {"cold": [], "warm": []}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=FLAGS)
            for _ in range(rounds):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                context.add_init_script(f"sessionStorage.setItem('kinerja.token', {plan.token!r});"
                                        "sessionStorage.setItem('kinerja.expiresAt', '2999-01-01T00:00:00Z');")
                context.add_init_script(OBSERVER % (plan.sections, plan.contributions))
                page = context.new_page()
                seen: list[str] = []
                page.on("request", lambda r: seen.append(operation(r.post_data))
                        if r.url.endswith("/graphql") and r.method == "POST" else None)
                for kind in ("cold", "warm"):
                    seen.clear()
                    page.goto(f"{base}/{path}")
                    page.wait_for_function("() => window.__ready !== undefined || window.__failed", timeout=30_000)
                    if page.evaluate("window.__failed || ''"):
                        raise SystemExit(f"the page shows an error: {page.evaluate('window.__failed')}")
                    ready = page.evaluate("window.__ready") / 1000
                    timing = page.evaluate(
                        "performance.getEntriesByType('resource').filter(e => e.name.endsWith('/graphql'))"
                        ".map(e => [e.startTime, e.responseEnd])")
                    nav = page.evaluate("(() => { const n = performance.getEntriesByType('navigation')[0];"
                                        " const m = performance.getEntriesByType('resource').find("
                                        "e => e.name.includes('/pages/skp_matrix.js'));"
                                        " return [n.responseEnd, n.domContentLoadedEventEnd,"
                                        " m ? m.responseEnd : NaN]; })()")
                    loads[kind].append({"ready": ready, "requests": list(seen), "html": nav[0] / 1000,
                                        "dom": nav[1] / 1000, "module": nav[2] / 1000,
                                        "graphql": [(s / 1000, e / 1000) for s, e in timing]})
                    page.evaluate("window.__ready = undefined")
                    page.goto("about:blank")
                context.close()
            version = browser.version
            browser.close()
        # each request of the page alone, over one keep-alive connection: the server's share of a load
        server: dict[str, list[float]] = {}
        with httpx.Client(base_url=base, headers=auth, timeout=60) as http:
            for name, body in (("me + cycles", {"query": VIEWER}),
                               ("person + skpMatrix", {"query": MATRIX,
                                                       "variables": {"nip": plan.head, "cycle": CYCLE}})):
                times = []
                for _ in range(http_repeats + 3):
                    t0 = time.perf_counter()
                    response = http.post("/graphql", json=body)
                    times.append(time.perf_counter() - t0)
                    if response.status_code != 200 or response.json().get("errors"):
                        raise SystemExit(f"{name} failed: {response.text[:500]}")
                server[name] = times[3:]  # the first ones warm the connection and the plans
    return {"loads": loads, "shown": shown, "server": server, "browser": version, "path": path}


def render(kind: str, url: str, plan: Plan, r: dict) -> str:
    loads, shown = r["loads"], r["shown"]
    per_load = sorted({len(x["requests"]) for k in loads for x in loads[k]})
    asked = sorted({" -> ".join(x["requests"]) for k in loads for x in loads[k]})
    lines = [f"### {kind}", "", *results.header(url), f"- browser: headless Chromium {r['browser']}",
             f"- data: one agency, the head and {plan.subordinates} subordinates, cycle {CYCLE} ACTIVE, "
             f"KINERJA_TODAY={TODAY}; every SKP APPROVED: the head's with {plan.rhk} RHK, each subordinate's with "
             f"{PER_SUBORDINATE} RHK linked to the head's, {plan.unlinked} of them linked to none",
             f"- page: `{r['path']}` as the head (EMPLOYEE token); shown: {shown['sections']} sections "
             f"({plan.rhk} RHK of the head{', 1 block of unlinked RHK' if plan.unlinked else ''}), "
             f"{shown['contributions']} subordinate RHK rows ({shown['unlinked']} flagged \"belum terhubung\"); "
             f"the matrix answer is {shown['bytes']:,} bytes of JSON",
             f"- GraphQL requests per load: {', '.join(map(str, per_load))} "
             f"({'; '.join(f'`{a}`' for a in asked)}, one after the other)",
             "",
             "| load | rounds | ready: median ms | ready: max ms | HTML received | DOMContentLoaded | "
             "`pages/skp_matrix.js` received | GraphQL requests: start-end |",
             "|---|---|---|---|---|---|---|---|"]
    for name in ("cold", "warm"):
        xs = loads[name]
        ready = [x["ready"] for x in xs]
        spans = []
        for n in range(max(len(x["graphql"]) for x in xs)):
            got = [x["graphql"][n] for x in xs if len(x["graphql"]) > n]
            label = xs[0]["requests"][n] if len(xs[0]["requests"]) > n else "?"
            spans.append(f"{label}: {results.ms(statistics.median(s for s, _ in got))}-"
                         f"{results.ms(statistics.median(e for _, e in got))}")
        lines.append(f"| {name} | {len(xs)} | {results.ms(statistics.median(ready))} | {results.ms(max(ready))} | "
                     f"{results.ms(statistics.median(x['html'] for x in xs))} | "
                     f"{results.ms(statistics.median(x['dom'] for x in xs))} | "
                     f"{results.ms(statistics.median(x['module'] for x in xs))} | {'; '.join(spans)} |")
    lines += ["", "Ready is from navigation start to the matrix whole on screen; the other columns are medians in ms "
                  "after navigation start, from the browser's navigation and resource timing."]
    server = "; ".join(f"`{name}` p50 {results.ms(results.summary(t)['p50'])} ms, max "
                       f"{results.ms(results.summary(t)['max'])} ms" for name, t in r["server"].items())
    lines += ["", f"Each request alone over HTTP (httpx, keep-alive, {len(next(iter(r['server'].values())))} "
                  f"times each after 3 warm-up requests): {server}.", ""]
    cold_max = max(x["ready"] for x in loads["cold"])
    met_requests = max(per_load) <= MAX_REQUESTS
    met_time = cold_max < MAX_SECONDS
    verdict = "met" if met_requests and met_time else "missed"
    lines += [f"Goal (at most {MAX_REQUESTS} GraphQL requests, and under a second: every cold load's ready time): "
              f"**{verdict}**: {max(per_load)} requests, cold max {results.ms(cold_max)} ms.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="a PostgreSQL URL (the database is recreated and dropped); default SQLite "
                                     "in a temporary folder")
    parser.add_argument("--subordinates", type=int, default=40)
    parser.add_argument("--rhk", type=int, default=5, help="the head's RHK")
    parser.add_argument("--rounds", type=int, default=10, help="fresh browser contexts (a cold and a warm load each)")
    parser.add_argument("--http-repeats", type=int, default=20)
    parser.add_argument("--chromium", default=os.environ.get("KINERJA_CHROMIUM") or shutil.which("chromium"))
    parser.add_argument("--no-write", action="store_true", help="print the block only")
    args = parser.parse_args()
    if not args.chromium:
        raise SystemExit("Debian's chromium is needed: apt-get install chromium (or --chromium PATH)")
    os.chdir(results.REPO)
    os.environ["KINERJA_TODAY"] = TODAY  # this process's services and the server alike
    scratch = None
    url = args.db
    if url is None:
        scratch = tempfile.mkdtemp(prefix="kinerja-matrix-")
        url = f"sqlite://{scratch}/bench.sqlite3"
    elif results.is_postgres(url):
        asyncio.run(results.pg_recreate(url))
    try:
        t0 = time.perf_counter()
        plan = asyncio.run(load(url, args.subordinates, args.rhk))
        print(f"loaded in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        r = measure(url, plan, args.rounds, args.chromium, args.http_repeats)
        block = render(results.db_kind(url), url, plan, r)  # before the drop: the header asks the server
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
        elif results.is_postgres(url):
            asyncio.run(results.pg_drop(url))
    results.publish(SECTION, results.db_kind(url), block, args.no_write)


if __name__ == "__main__":
    main()
