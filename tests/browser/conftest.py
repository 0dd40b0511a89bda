"""The browser harness: Debian's Chromium driven by Playwright (sync API) against a real `kinerja serve`
subprocess on a copy of the demo data (SQLite, and PostgreSQL when KINERJA_TEST_DATABASE_URL is set).

Fixtures (see each one's docstring):
  chromium_path                  session  the Chromium binary (KINERJA_CHROMIUM, else `chromium` on PATH)
  backend                        session  "sqlite" | "postgres" (parametrized; postgres skips without a database)
  server                         session  a read-only server on the demo data: never write through it
  fresh_server                   function a server on its own fresh copy of the demo data: for tests that write
  server_factory(env=None)       function starts more servers (e.g. env={"KINERJA_FEEDBACK_LIMIT": "1/3600"})
  browser                        session  one Chromium per worker
  make_page(width=1280, height=800, mobile=False)   function  new context + page, checked for browser errors
  page                           function 1280x800
  narrow_page                    function 360x740, mobile (meta viewport honoured, touch)
  browser_errors                 function the console/page errors collected; .allow(regex) for expected ones
  shot(page, name)               function full-page screenshot -> test-artifacts/screenshots/<test>-<name>.png
  sign_in(page, server, nip, password), use_token(page, token), graphql_requests(page)   the helpers below
A Server has .url .db_url .backend .gql(query, variables=None, token=None) -> JSON body,
.token(role, agency=None, nip=None) and .accounts / .account(role) (the demo's sign-in accounts).
The demo data is loaded once per run and backend (the xdist workers share it) and copied for each server.
A test that checks only the page itself can run once, on SQLite:
    @pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

Playwright's sync API marks its event loop as *running* on this thread between calls, which makes asyncio.run()
and pytest-asyncio's tests fail ("cannot be called from a running event loop"). The hooks below set that mark
only while a browser test runs and clear it afterwards, so the other tests of the same xdist worker are unaffected;
this harness's own asyncio work (PostgreSQL admin) runs on a thread of its own.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable
from urllib.parse import urlsplit

import httpx
import pytest

from conftest import DEMO_TODAY, PG_URL, run_sync
from demo_templates import Template, _server_env, copy_template, demo_template_of
from kinerja.graphql import trusted_documents

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SERVER_START_TIMEOUT = 30.0
PAGE_TIMEOUT_MS = 10_000  # a browser test waits at most this long for one thing (Playwright's default is 30 s)
FAR_FUTURE = "2999-12-31T23:59:59Z"


# --------------------------------------------------------------------------------------------------------------
# Playwright's running-loop mark (see the module docstring)
# --------------------------------------------------------------------------------------------------------------

_pw_loop: list[asyncio.AbstractEventLoop] = []  # this worker's Playwright loop, once started


def _mark_loop(running: bool) -> None:
    if _pw_loop and not _pw_loop[0].is_closed():
        asyncio._set_running_loop(_pw_loop[0] if running else None)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item: pytest.Item):
    _mark_loop(True)
    return (yield)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_call(item: pytest.Item):
    _mark_loop(True)
    result = yield
    # the test passed: fail it on any browser console error or page error (CSP violations show there)
    for collector in item.stash.get(_ERRORS, []):
        collector.check()
    return result


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    _mark_loop(True)
    try:
        return (yield)
    finally:
        _mark_loop(False)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


# --------------------------------------------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------------------------------------------

def _missing(message: str):
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium: $KINERJA_CHROMIUM, else `chromium` on PATH. Missing: skip, or fail when CI=true."""
    configured = os.environ.get("KINERJA_CHROMIUM")
    if configured:
        if not Path(configured).is_file():
            _missing(f"KINERJA_CHROMIUM={configured} does not exist")
        return configured
    found = shutil.which("chromium")
    if not found:
        _missing("Debian's chromium is not installed: apt-get install chromium")
    return found




def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every browser flow runs on SQLite; on PostgreSQL only the smoke set, the flows marked `pg_smoke` (sign-in, the
    demo sign-ins, the dashboard against the API, the agency page's search, assessing and finalizing, monitoring, the
    SKP's flow, the audit page and an agency's unit): the pages are the same on both, and the API behind every page
    runs on both in tests/. The other flows' PostgreSQL variants are deselected."""
    here = Path(__file__).resolve().parent
    keep, dropped = [], []
    for item in items:
        spec = getattr(item, "callspec", None)
        on_postgres = spec is not None and spec.params.get("backend") == "postgres"
        if on_postgres and here in Path(str(item.path)).resolve().parents and not item.get_closest_marker("pg_smoke"):
            dropped.append(item)
        else:
            keep.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, chromium_path: str) -> str:
    """The database of the servers: every browser test runs on SQLite, and on PostgreSQL where configured."""
    if request.param == "postgres" and not PG_URL:
        pytest.skip("KINERJA_TEST_DATABASE_URL is not set")
    return request.param


# --------------------------------------------------------------------------------------------------------------
# Servers
# --------------------------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running `kinerja serve` on its own database."""

    url: str
    db_url: str
    backend: str
    log: Path
    template: Template
    process: subprocess.Popen
    workdir: Path
    _tokens: dict = field(default_factory=dict)

    def gql(self, query: str, variables: dict | None = None, token: str | None = None) -> dict:
        """POST /graphql; the JSON body (data and errors), whatever the status."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = httpx.post(f"{self.url}/graphql", json={"query": query, "variables": variables or {}},
                              headers=headers, timeout=30)
        return response.json()

    def token(self, role: str, agency: str | None = None, nip: str | None = None) -> str:
        """An API token of this server's database, made once per role/agency/nip as `kinerja token create` makes it
        (its service, in this process: a `kinerja` subprocess per token cost a second of CPU each, and the CLI
        itself is tested in tests/test_cli.py)."""
        key = (role, agency, nip)
        if key not in self._tokens:
            self._tokens[key] = run_sync(_create_token(self.db_url, role, agency, nip))
        return self._tokens[key]

    @property
    def accounts(self) -> list[SimpleNamespace]:
        """The demo's sign-in accounts (.role .nip .name .password .about), from demo_accounts(); [] until it
        exists."""
        return [SimpleNamespace(**a) for a in self.template.accounts]

    def account(self, role: str) -> SimpleNamespace:
        """The first demo account of a role; skips the test while demo_accounts() does not exist."""
        for account in self.accounts:
            if account.role == role:
                return account
        pytest.skip(f"no demo sign-in account of role {role} (kinerja.demo.loader.demo_accounts)")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


async def _create_token(db_url: str, role: str, agency: str | None, nip: str | None) -> str:
    from conftest import forget_dialect
    from kinerja import db
    from kinerja.cli import cli_access
    from kinerja.services.auth.tokens import create_token
    from kinerja.services.core import clock

    forget_dialect()
    await db.connect(db_url)
    try:
        with clock.pinned(DEMO_TODAY):
            return await create_token(role, agency=agency, nip=nip, label="browser test",
                                      actor=cli_access().viewer.actor)
    finally:
        await db.close()
        forget_dialect()


def _start_server(template: Template, folder: Path, env: dict[str, str] | None) -> tuple[Server, Callable]:
    db_url, drop = copy_template(template, folder)
    # --plugins-dir overrides KINERJA_PLUGINS_DIR: a test's plugins folder given in env is passed as a flag too
    plugin_flags = ["--plugins-dir", str(REPO / "plugins")]
    if env and env.get("KINERJA_PLUGINS_DIR"):
        plugin_flags += ["--plugins-dir", env["KINERJA_PLUGINS_DIR"]]
    for attempt in range(3):  # another process may take the free port before the server binds it
        port = _free_port()
        log = folder / f"server-{port}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "kinerja.cli", "serve", "--db", db_url, "--port", str(port),
                 "--specs-dir", str(REPO / "indicator_specs"), *plugin_flags],
                cwd=folder, stdout=out, stderr=subprocess.STDOUT, env=_server_env({"KINERJA_TODAY": DEMO_TODAY, **(env or {})}))
        server = Server(f"http://127.0.0.1:{port}", db_url, template.backend, log, template, process, folder)
        if _wait_healthy(server):
            return server, drop
        server.stop()
        if "address already in use" not in log.read_text(errors="replace"):
            break
    drop()
    pytest.fail(f"kinerja serve did not start:\n{log.read_text(errors='replace')[-4000:]}", pytrace=False)


def _wait_healthy(server: Server) -> bool:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            if httpx.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.05)  # polling the start-up, not timing a test
    return False


@pytest.fixture(scope="session")
def server(request: pytest.FixtureRequest, backend: str, tmp_path_factory: pytest.TempPathFactory):
    """A server on the demo data shared by all the worker's browser tests of a backend: never write through it
    (beyond signing in); tests that write use fresh_server."""
    srv, drop = _start_server(demo_template_of(request, backend), tmp_path_factory.mktemp("server"), None)
    yield srv
    srv.stop()
    drop()


@pytest.fixture
def server_factory(request: pytest.FixtureRequest, backend: str, tmp_path_factory: pytest.TempPathFactory):
    """start(env=None) -> a new Server on a fresh copy of the demo data, with extra environment
    (e.g. {"KINERJA_FEEDBACK_LIMIT": "1/3600"}); all stopped and dropped after the test."""
    started: list[tuple[Server, Callable]] = []

    def start(env: dict[str, str] | None = None) -> Server:
        started.append(_start_server(demo_template_of(request, backend), tmp_path_factory.mktemp("server"), env))
        return started[-1][0]

    yield start
    for srv, drop in started:
        srv.stop()
        drop()


@pytest.fixture
def fresh_server(server_factory) -> Server:
    """A server on its own fresh copy of the demo data: for tests that write."""
    return server_factory()


# --------------------------------------------------------------------------------------------------------------
# The browser and pages
# --------------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser(chromium_path: str):
    """One headless Chromium per worker (Debian's: Playwright downloads no browser)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed: pip install -e '.[test]'")
    pw = sync_playwright().start()
    _pw_loop[:] = [pw._loop]
    try:
        chromium = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
    except BaseException:
        pw.stop()
        raise
    yield chromium
    _mark_loop(True)  # the session may end in another folder's test, outside the hooks above
    try:
        chromium.close()
    finally:
        pw.stop()
        _pw_loop.clear()
        asyncio._set_running_loop(None)


_ERRORS = pytest.StashKey[list]()
_FAILED = pytest.StashKey[bool]()


class BrowserErrors:
    """Console messages of type "error" and uncaught page errors of a test's pages.

    A passing test fails on any of them; `allow(pattern)` accepts the ones a test provokes on purpose (regex,
    searched in the message)."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self._allowed: list[re.Pattern] = []

    def allow(self, pattern: str) -> None:
        self._allowed.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [m for m in self.messages if not any(p.search(m) for p in self._allowed)]

    def check(self) -> None:
        bad = self.unexpected()
        if bad:
            pytest.fail("browser errors:\n" + "\n".join(f"  {m}" for m in bad), pytrace=False)

    def _on_console(self, msg) -> None:
        url = msg.location.get("url", "")
        # Chromium asks for /favicon.ico by itself (no page event shows it); a page without an icon is no error
        if msg.type != "error" or urlsplit(url).path == "/favicon.ico":
            return
        self.messages.append(f"console: {msg.text} ({url}:{msg.location.get('lineNumber', '')})")

    def watch(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.messages.append(f"page error: {exc}"))


@pytest.fixture
def browser_errors(request: pytest.FixtureRequest) -> BrowserErrors:
    errors = BrowserErrors()
    request.node.stash.setdefault(_ERRORS, []).append(errors)
    return errors


def _artifact_name(request: pytest.FixtureRequest, name: str) -> Path:
    test = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")
    folder = request.config.rootpath / "test-artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{test}-{name}.png"


@pytest.fixture
def make_page(request: pytest.FixtureRequest, browser, browser_errors: BrowserErrors):
    """new(width=1280, height=800, mobile=False, bypass_csp=False) -> a Page in a new context (fresh
    sessionStorage), watched for browser errors; a failing test leaves a screenshot <test>-failure.png.
    bypass_csp: the context ignores the app's Content-Security-Policy, for a test that injects a script of its own
    (axe-core in test_console_axe.py); never for a test of the page's own behaviour."""
    contexts = []
    for old in _artifact_name(request, "failure").parent.glob(_artifact_name(request, "failure").stem + "*.png"):
        old.unlink()  # a failure of an earlier run, not of this one

    def new(width: int = 1280, height: int = 800, mobile: bool = False, bypass_csp: bool = False):
        options: dict[str, Any] = {"viewport": {"width": width, "height": height}, "locale": "id-ID",
                                   "timezone_id": "Asia/Jakarta", "bypass_csp": bypass_csp}
        if mobile:
            options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
        context = browser.new_context(**options)
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        browser_errors.watch(page)
        return page

    yield new
    if request.node.stash.get(_FAILED, False):
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                try:
                    page.screenshot(path=_artifact_name(request, f"failure{i or ''}{j or ''}"), full_page=True)
                except Exception:  # a crashed page: the failure itself is what matters
                    pass
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page):
    """A 1280x800 page in a fresh context."""
    return make_page()


@pytest.fixture
def narrow_page(make_page):
    """A phone: 360x740, mobile (the meta viewport applies), touch."""
    return make_page(360, 740, mobile=True)


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable:
    """shot(page, name): a full-page screenshot saved as test-artifacts/screenshots/<test name>-<name>.png."""

    def take(page, name: str) -> Path:
        path = _artifact_name(request, name)
        page.screenshot(path=path, full_page=True)
        return path

    return take


# --------------------------------------------------------------------------------------------------------------
# Helpers (also fixtures of the same name, returning the function)
# --------------------------------------------------------------------------------------------------------------

def sign_in(page, server: Server, nip: str, password: str) -> None:
    """Sign in through the console's login form and wait for what a user sees once signed in: the navigation
    with its sign-out button, and the home page (its link marked current) rendered. Leaving #/login is not
    enough: the console passes through #/ on its way home."""
    page.goto(server.url + "/#/login")
    page.get_by_label("NIP", exact=True).fill(nip)
    page.get_by_label("Kata sandi", exact=True).fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_role("button", name="Keluar", exact=True).wait_for()
    page.locator('#nav a[aria-current="page"]').wait_for()
    page.locator("main h1").first.wait_for()
    page.locator("main .loading").wait_for(state="detached")


def use_token(page, token: str, expires_at: str = FAR_FUTURE) -> None:
    """Before each document of the page loads, put the token in sessionStorage as a signed-in console would
    (once: after a sign-out the page stays signed out)."""
    page.add_init_script(
        "if (!sessionStorage.getItem('kinerja.test.seeded')) {"
        f" sessionStorage.setItem('kinerja.token', {json.dumps(token)});"
        f" sessionStorage.setItem('kinerja.expiresAt', {json.dumps(expires_at)});"
        " sessionStorage.setItem('kinerja.test.seeded', '1'); }")


class GraphqlRequests:
    """The POSTs to /graphql a page sends: .requests [{query, variables}] (a documentId as its document), len(),
    .clear()."""

    def __init__(self, page) -> None:
        self.requests: list[dict] = []
        page.on("request", self._on_request)

    def _on_request(self, request) -> None:
        if request.method == "POST" and urlsplit(request.url).path == "/graphql":
            try:
                body = json.loads(request.post_data or "{}")
            except ValueError:
                body = {"raw": request.post_data}
            query = body.get("query") or trusted_documents.load().get(body.get("documentId"))  # the console sends ids
            self.requests.append({"query": query, "variables": body.get("variables")})

    def __len__(self) -> int:
        return len(self.requests)

    @property
    def count(self) -> int:
        return len(self.requests)

    def clear(self) -> None:
        self.requests.clear()


def graphql_requests(page) -> GraphqlRequests:
    """Start recording the page's /graphql requests (call before the navigation to count)."""
    return GraphqlRequests(page)


@pytest.fixture(name="sign_in")
def sign_in_fixture() -> Callable:
    return sign_in


@pytest.fixture(name="use_token")
def use_token_fixture() -> Callable:
    return use_token


@pytest.fixture(name="graphql_requests")
def graphql_requests_fixture() -> Callable:
    return graphql_requests
