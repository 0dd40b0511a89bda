"""GraphiQL where the platform runs (issue 21 §1): GET /graphql from a browser is the package's own page (its scripts
from vendor/, none from the internet, no inline script) under the console's Content-Security-Policy; production
serves no IDE. The browser check (offline) is tests/browser/test_graphiql_offline.py."""

from __future__ import annotations

import re

from conftest import start_api, stop_api
from kinerja.http.web import SECURITY_HEADERS, STATIC

HTML = {"Accept": "text/html,application/xhtml+xml"}


def test_the_page_loads_only_its_own_files():
    page = (STATIC / "graphiql.html").read_text(encoding="utf-8")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/static/") for s in sources), sources
    assert "<script>" not in page and "style=" not in page  # nothing inline: the CSP allows none
    for source in sources:
        assert (STATIC / source.removeprefix("/static/")).is_file(), source
    for folder, version in (("graphiql-3.8.3", "3.8.3"), ("react-18.2.0", "18.2.0")):
        assert (STATIC / "vendor" / folder / "LICENSE").is_file()
        assert f"**{version}**" in (STATIC / "vendor" / folder / "README.md").read_text(encoding="utf-8")
    css = (STATIC / "vendor" / "graphiql-3.8.3" / "graphiql.min.css").read_text(encoding="utf-8")
    assert "data:font" not in css and "http://" not in css and "https://" not in css
    for font in re.findall(r"url\((font-[0-9a-f]{12}\.woff2?)\)", css):
        assert (STATIC / "vendor" / "graphiql-3.8.3" / font).is_file(), font
    script = (STATIC / "js" / "graphiql_page.js").read_text(encoding="utf-8")
    assert "localStorage" not in script and "sessionStorage" in script


async def test_development_serves_the_page_under_the_console_policy(api):
    response = await api.client.get("/graphql", headers=HTML)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert response.text == (STATIC / "graphiql.html").read_text(encoding="utf-8")
    assert response.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert "unpkg.com" not in response.text and "cdn" not in response.text.lower()
    font = re.search(r"url\((font-[0-9a-f]{12}\.woff2)\)",
                     (STATIC / "vendor" / "graphiql-3.8.3" / "graphiql.min.css").read_text(encoding="utf-8"))
    served = await api.client.get(f"/static/vendor/graphiql-3.8.3/{font.group(1)}")
    assert served.status_code == 200 and served.headers["content-type"] == "font/woff2"


async def test_production_serves_no_ide(database_url):
    api, handles = await start_api(database_url, env="production")
    try:
        response = await api.client.get("/graphql", headers=HTML)
        assert "GraphiQL" not in response.text and response.status_code in (400, 404, 405)
    finally:
        await stop_api(handles)
