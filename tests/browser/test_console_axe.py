"""axe-core on every page of the console, for every role, and on the public survey: no violation at all.

axe-core is vendored for the tests only (tests/browser/vendor/axe-core, its README says where it came from) and
injected into each page; the test's browser context bypasses the app's Content-Security-Policy for that (the app
never serves axe). The addresses are console_routes.py's: every route of js/app.js's ROUTES must have one.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from browser.console_routes import ROLES, Visitor, app_routes, demo, tokens, uncovered, visits

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# every rule axe runs by default (WCAG 2.x A and AA, and its best practices), the page in its first state
AXE_RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ['violations'] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary || '').split('\\n').slice(1).join('; ') })),
  }));
}"""

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # the pages, not the data path


@pytest.fixture(scope="module")
def plan(server):
    d = demo(server)
    return d, tokens(server, d), visits(server, d)


def test_every_route_has_an_address(plan):
    _, _, found = plan
    routes = app_routes()
    missing = uncovered(found, routes)
    assert not missing, f"routes of js/app.js with no address in tests/browser/console_routes.py: {missing}"
    # the check itself: a route with no address is named
    assert uncovered(found, routes + [("nowhere", ":x")]) == ["#/nowhere/:x"]


def violations_of(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text())
    return page.evaluate(AXE_RUN)


def describe(path: str, found: list[dict]) -> str:
    lines = []
    for v in found:
        for node in v["nodes"]:
            lines.append(f"  {path}: {v['id']} ({v['impact']}) {node['target']}: {v['help']}; {node['summary']}")
    return "\n".join(lines)


@pytest.mark.parametrize("role", ROLES)
def test_axe_finds_no_violation(server, plan, role, make_page, use_token):
    _, role_tokens, found = plan
    page = make_page(bypass_csp=True)
    if role in role_tokens:
        use_token(page, role_tokens[role])
    report, started = [], time.monotonic()
    mine = [v for v in found if v.role == role]
    assert mine, role
    visitor = Visitor(page, server)
    for visit in mine:
        visitor.open(visit)
        result = violations_of(page)
        if result:
            report.append(describe(visit.path, result))
    print(f"axe: {len(mine)} pages as {role} in {time.monotonic() - started:.1f} s")
    assert not report, f"axe violations as {role}:\n" + "\n".join(report)


def test_axe_sees_a_violation(server, make_page):
    """A test that cannot fail is a defect: axe, injected this way, reports an image without a text alternative."""
    page = make_page(bypass_csp=True)
    page.goto(server.url + "/#/login")
    page.locator("h1").first.wait_for()
    page.evaluate("document.querySelector('main').append(Object.assign(document.createElement('img'), {src: 'data:,'}))")
    ids = [v["id"] for v in violations_of(page)]
    assert "image-alt" in ids, json.dumps(ids)
