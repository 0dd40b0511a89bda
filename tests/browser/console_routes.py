"""Every page of the console, as concrete addresses per role, for the tests that visit them all
(test_console_axe.py, test_console_no_raw_values.py).

The routes are read from js/app.js (ROUTES); `visits(server)` builds the addresses from the demo data, for: ADMIN
(BKPSDM's head, a person), AGENCY_ADMIN of DISDIK, a supervisor (DISDIK's head), a plain employee (one of the
head's staff who supervises nobody, with an objection of their own where the demo has one), and signed out (the
login and the public survey). `uncovered(visits)` names each route no address reaches: a new page needs its
address here, or both tests fail.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from browser.console_helpers import data

APP_JS = Path(__file__).resolve().parents[2] / "platform" / "kinerja" / "web" / "static" / "js" / "app.js"
ROLES = ("ADMIN", "AGENCY_ADMIN", "SUPERVISOR", "EMPLOYEE", "SIGNED_OUT")
AGENCY = "DISDIK"  # the demo's agency with the sign-in accounts



@dataclass(frozen=True)
class Visit:
    role: str  # one of ROLES
    path: str  # appended to the server's URL: "/#/dashboard", "/survey/DISDIK"

    @property
    def segments(self) -> list[str] | None:
        """The hash's path segments, as app.js's parseHash reads them (None: not a console address)."""
        if not self.path.startswith("/#/"):
            return None
        return [s for s in self.path[3:].split("?")[0].split("/") if s]


def app_routes(source: str | None = None) -> list[tuple[str, ...]]:
    """The patterns of ROUTES in app.js, in order, e.g. ("assess", ":nip", ":period")."""
    text = APP_JS.read_text() if source is None else source
    block = re.search(r"const ROUTES = \[(.*?)\n\];", text, re.S)
    assert block, f"no `const ROUTES = [...]` in {APP_JS}"
    patterns = [tuple(re.findall(r"'([^']*)'", p)) for p in re.findall(r"pattern:\s*\[([^\]]*)\]", block.group(1))]
    assert patterns, "ROUTES has no pattern"
    return patterns


def route_of(segments: list[str], routes: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The first route whose pattern matches (app.js's match())."""
    for pattern in routes:
        if len(pattern) == len(segments) and all(p.startswith(":") or p == s for p, s in zip(pattern, segments)):
            return pattern
    return None


def uncovered(visits: list[Visit], routes: list[tuple[str, ...]]) -> list[str]:
    """The routes no visit reaches, as '#/a/:b'."""
    reached = {route_of(v.segments, routes) for v in visits if v.segments is not None}
    return ["#/" + "/".join(p) for p in routes if p not in reached]


@dataclass(frozen=True)
class Demo:
    """What the addresses are built from: people, periods and ids of the demo data."""

    admin: str  # NIPs
    agency_admin: str
    supervisor: str
    staff: str  # a subordinate of the supervisor
    plain: str  # a subordinate of the supervisor who supervises nobody
    active: int  # the ACTIVE cycle's year
    closed: int  # the latest CLOSED (else EVALUATION) cycle's year
    quarter: str  # a quarter of the active cycle
    indicator: str  # an indicator code of AGENCY
    unit: str  # a unit code of AGENCY
    draft: int | None  # an indicator draft's id
    objections: dict[str, str]  # id -> the NIP of the person who filed it
    plans: tuple[str, ...] = ()  # NIPs of the head's staff with a development plan of `closed` (one in each state)


PEOPLE = "query($n: String!) { person(nip: $n) { nip subordinates { nip } } }"
PLAN = "query($n: String!, $c: Int!) { developmentPlan(nip: $n, cycle: $c) { actions { id } } }"
OVERVIEW = """{ cycles { year status periods }
  indicators(agency: "%s") { code }
  agency(code: "%s") { units { code } }
  indicatorDrafts { id }
  objections(awaitingMe: false, first: 50) { id person { nip } } }""" % (AGENCY, AGENCY)


def demo(server) -> Demo:
    token = server.token("ADMIN")
    account = {}
    for a in server.accounts:
        account.setdefault(a.role, []).append(a.nip)
    head = account["EMPLOYEE"][0]  # demo_accounts(): the head of DISDIK, then one of their staff
    overview = data(server, OVERVIEW, token=token)

    def below(nip: str) -> list[str]:
        return sorted(p["nip"] for p in data(server, PEOPLE, {"n": nip}, token)["person"]["subordinates"])

    # someone below the head who supervises nobody: one who filed an objection where there is one
    filed = sorted({o["person"]["nip"] for o in overview["objections"]})
    plain = next((n for n in filed if not below(n)), None)
    if plain is None:
        plain, under = head, below(head)
        while under:
            plain, under = under[0], below(under[0])
        assert plain != head, f"{head} supervises nobody"
    cycles = sorted(overview["cycles"], key=lambda c: c["year"])
    active = next(c for c in cycles if c["status"] == "ACTIVE")
    closed = next(c for c in reversed(cycles) if c["status"] in ("CLOSED", "EVALUATION"))
    quarter = next(p for p in active["periods"] if "-Q" in p)
    # the development plans of the year in evaluation: the demo writes them for the people the head or their first
    # staff member assess (kinerja.demo.development)
    assessed = below(head) + below(account["EMPLOYEE"][1])
    plans = tuple(n for n in assessed
                  if (data(server, PLAN, {"n": n, "c": closed["year"]}, token)["developmentPlan"] or {}).get("actions"))
    return Demo(admin=account["ADMIN"][0], agency_admin=account["AGENCY_ADMIN"][0], supervisor=head,
                staff=account["EMPLOYEE"][1], plain=plain, active=active["year"], closed=closed["year"],
                quarter=quarter, indicator=overview["indicators"][0]["code"],
                unit=sorted(u["code"] for u in overview["agency"]["units"])[0],
                draft=overview["indicatorDrafts"][0]["id"] if overview["indicatorDrafts"] else None,
                objections={o["id"]: o["person"]["nip"] for o in overview["objections"]}, plans=plans)


def tokens(server, d: Demo) -> dict[str, str]:
    """One API token per signed-in role (each standing for the person of that role's demo account)."""
    return {"ADMIN": server.token("ADMIN", nip=d.admin),
            "AGENCY_ADMIN": server.token("AGENCY_ADMIN", agency=AGENCY, nip=d.agency_admin),
            "SUPERVISOR": server.token("EMPLOYEE", nip=d.supervisor),
            "EMPLOYEE": server.token("EMPLOYEE", nip=d.plain)}


def visits(server, d: Demo | None = None) -> list[Visit]:
    """Every address each role is offered (its navigation and the links of its pages), over the routes of
    ROUTES."""
    d = d or demo(server)
    a, c, q = d.active, d.closed, d.quarter
    objection_ids = sorted(d.objections, key=int)
    own_objection = next((i for i, nip in d.objections.items() if nip == d.plain), None)
    admin_pages = [
        "#/dashboard", f"#/dashboard?period={q}", f"#/agency/{AGENCY}", f"#/agency/{AGENCY}?period={c}",
        f"#/person/{d.admin}", f"#/person/{d.staff}?cycle={c}&period={c}", "#/catalogue",
        f"#/indikator/{d.indicator}/riwayat", "#/indikator/draf", "#/indikator/draf/baru", "#/measurements",
        f"#/skp/{d.staff}/{a}", f"#/skp-matrix/{d.supervisor}/{a}", f"#/pengembangan/{d.staff}/{a}",
        f"#/assess/{d.plain}/{c}",
        "#/monitoring", f"#/monitoring?cycle={c}", f"#/monitoring?agency={AGENCY}",
        "#/keberatan", *[f"#/keberatan/{i}" for i in objection_ids], "#/tugas", "#/siklus",
        *[f"#/pengembangan/{n}/{c}" for n in d.plans], f"#/dampak/{AGENCY}"]
    if d.draft is not None:
        admin_pages.append(f"#/indikator/draf/{d.draft}")
    by_role = {
        "ADMIN": admin_pages,
        "AGENCY_ADMIN": [
            "#/dashboard", f"#/agency/{AGENCY}", f"#/person/{d.agency_admin}", f"#/person/{d.supervisor}",
            "#/catalogue", "#/indikator/draf", "#/indikator/draf/baru", "#/measurements", f"#/skp/{d.staff}/{a}",
            f"#/pengembangan/{d.staff}/{a}", *[f"#/pengembangan/{n}/{c}" for n in d.plans[:1]], "#/monitoring",
            "#/keberatan",
            *[f"#/keberatan/{i}" for i in objection_ids[:1]], "#/tugas", "#/siklus", f"#/dampak/{AGENCY}"],
        "SUPERVISOR": [
            f"#/person/{d.supervisor}", f"#/person/{d.staff}", f"#/person/{d.plain}?cycle={c}&period={c}",
            f"#/assess/{d.plain}/{c}", f"#/assess/{d.plain}/{a}", f"#/self/{a}", f"#/self/{c}", "#/measurements",
            f"#/skp/{d.supervisor}/{a}", f"#/skp/{d.staff}/{a}", f"#/skp-matrix/{d.supervisor}/{a}",
            f"#/pengembangan/{d.staff}/{a}", f"#/pengembangan/{d.plain}/{c}",
            *[f"#/pengembangan/{n}/{c}" for n in d.plans], "#/catatan-kerja", "#/monitoring",
            "#/keberatan", "#/tugas", "#/catalogue"],
        "EMPLOYEE": [
            f"#/person/{d.plain}", f"#/person/{d.plain}?cycle={c}&period={c}", f"#/self/{a}", f"#/self/{c}",
            "#/measurements", f"#/skp/{d.plain}/{a}", f"#/skp/{d.plain}/{c}", f"#/skp-matrix/{d.plain}/{a}",
            f"#/pengembangan/{d.plain}/{a}", f"#/pengembangan/{d.plain}/{c}", "#/catatan-kerja", "#/keberatan",
            *([f"#/keberatan/{own_objection}"] if own_objection else []), "#/tugas", "#/catalogue"],
        "SIGNED_OUT": ["#/login"],
    }
    # the administration pages of issue 19
    administration = ["#/perangkat-daerah", f"#/unit/{AGENCY}/{d.unit}", "#/pegawai/impor", "#/skp/impor",
                      "#/jejak-audit", "#/kata-sandi", f"#/jabatan/{AGENCY}"]
    for role, paths in {"ADMIN": administration, "AGENCY_ADMIN": administration,
                        "SUPERVISOR": ["#/skp/impor", "#/kata-sandi"], "EMPLOYEE": ["#/kata-sandi"]}.items():
        by_role[role] += paths
    found = [Visit(role, "/" + path) for role, paths in by_role.items() for path in paths]
    found.append(Visit("SIGNED_OUT", f"/survey/{AGENCY}"))
    return found


# -- visiting ----------------------------------------------------------------------------------------------------

SETTLE_SECONDS = 10.0  # a page's requests end within this (the harness's PAGE_TIMEOUT_MS)


class Visitor:
    """Opens the addresses of one role in one page, as a user moves through the console: a console address after
    another is a change of the hash (the router renders the page anew), anything else a new document. `open`
    returns once the new page's heading is rendered, nothing shows as loading and no request is in flight."""

    def __init__(self, page, server) -> None:
        self.page, self.server, self.in_flight = page, server, 0
        page.on("request", lambda _r: self._count(1))
        page.on("requestfinished", lambda _r: self._count(-1))
        page.on("requestfailed", lambda _r: self._count(-1))

    def _count(self, step: int) -> None:
        self.in_flight = max(0, self.in_flight + step)

    def open(self, visit: Visit) -> None:
        page = self.page
        in_console = visit.path.startswith("/#/") and page.url.startswith(self.server.url + "/#/")
        if in_console:
            # the page shown now is marked; the router replaces it with a new one for the new address
            page.evaluate("() => document.querySelectorAll('#main > .page').forEach((p) => { p.dataset.left = '1'; })")
            page.evaluate("(hash) => { location.hash = hash; }", visit.path[2:])
            page.locator("#main > .page:not([data-left]) h1").first.wait_for()
        else:
            page.goto(self.server.url + visit.path)
            page.locator("h1").first.wait_for()
        self.settle()

    def settle(self) -> None:
        page = self.page
        busy = page.locator(".loading, [aria-busy='true']").first
        busy.wait_for(state="detached")
        deadline = time.monotonic() + SETTLE_SECONDS
        while self.in_flight and time.monotonic() < deadline:
            page.wait_for_timeout(25)  # lets Playwright deliver the request events; not a wait for a state
        assert not self.in_flight, f"{self.in_flight} requests still in flight on {page.url}"
        busy.wait_for(state="detached")
