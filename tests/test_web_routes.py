"""The web routes through the real ASGI app: the console at `/`, the survey at `/survey/<code>`, the static files, each
with the security headers, and nothing that a page would fetch from anywhere but the app itself."""

import re
from pathlib import Path

import pytest

from kinerja.http.web import SECURITY_HEADERS, STATIC

PAGES = {"/": "index.html", "/survey/DISDIK": "survey.html", "/survey/tidak-ada": "survey.html"}
# attributes that make a browser fetch something
FETCHING = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']*)["']""")


def assert_secure(response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value, name
    csp = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp and "frame-ancestors 'none'" in csp


@pytest.mark.parametrize("path, page", PAGES.items())
async def test_the_pages_are_served_with_the_security_headers(api, path, page):
    response = await api.client.get(path)
    assert response.status_code == 200 and response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text == (STATIC / page).read_text(encoding="utf-8")
    assert_secure(response)


async def test_production_serves_the_same_pages(prod):
    api, _ = prod
    for path, page in PAGES.items():
        response = await api.client.get(path)
        assert response.status_code == 200 and response.text == (STATIC / page).read_text(encoding="utf-8")
        assert_secure(response)


async def test_every_file_a_page_loads_is_served_by_the_app(api):
    for page in ("index.html", "survey.html"):
        html = (STATIC / page).read_text(encoding="utf-8")
        assert not re.search(r"<script>|<style|\sstyle\s*=|\son[a-z]+\s*=", html), \
            f"{page} has an inline script, style or event handler: the CSP would refuse it"
        for url in FETCHING.findall(html):
            if url.startswith(("#", "data:")):
                continue
            assert url.startswith("/static/"), f"{page} loads {url} from elsewhere"
            response = await api.client.get(url)
            assert response.status_code == 200, url
            assert_secure(response)


async def test_modules_import_only_files_of_the_app(api):
    """Every `import ... from '...'` of the console's and the survey's modules resolves to a file the app serves."""
    scripts = sorted((STATIC / "js").rglob("*.js"))
    assert len(scripts) >= 8
    for script in scripts:
        source = script.read_text(encoding="utf-8")
        for target in re.findall(r"""^\s*import\b[^;]*?from\s+['"]([^'"]+)['"]""", source, re.M | re.S):
            assert not re.match(r"[a-z]+:", target), f"{script.name} imports {target} from elsewhere"
            resolved = (script.parent / target).resolve()
            assert resolved.is_file() and STATIC in resolved.parents, f"{script.name} imports missing {target}"
            url = "/static/" + resolved.relative_to(STATIC).as_posix()
            response = await api.client.get(url)
            assert response.status_code == 200 and "javascript" in response.headers["content-type"], url


@pytest.mark.parametrize("path", ["/static/../../http/web.py", "/static/%2e%2e/%2e%2e/http/web.py", "/static/nope.js",
                                  "/static/", "/static/js/../../app.py"])
async def test_nothing_outside_the_static_folder_is_served(api, path):
    response = await api.client.get(path)
    assert response.status_code == 404, (path, response.text[:200])


def test_the_vendored_chart_library_carries_its_licence_and_version():
    folder = STATIC / "vendor" / "chartjs-4.6.1"  # the version in the address (tests/test_static_serving.py)
    assert "MIT" in (folder / "LICENSE.md").read_text(encoding="utf-8")
    note = (folder / "README.md").read_text(encoding="utf-8")
    assert re.search(r"Version: \*\*4\.\d+\.\d+\*\*", note)
    assert (folder / "chart.umd.min.js").stat().st_size < 256 * 1024


def test_the_static_folder_is_package_data():
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"web/static/**/*"' in pyproject
