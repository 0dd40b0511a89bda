"""GraphiQL at /graphql where the platform runs, without internet (issue 21 §1): every request to anything but this
server is blocked, and the IDE still loads from the package's own files, its documentation explorer shows the schema,
and a query with the token pasted into the bar is answered. The token is kept in session storage only."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


@SQLITE
def test_graphiql_works_offline_with_the_token_in_session_storage(server, page):
    own = urlsplit(server.url).netloc
    outside: list[str] = []

    def only_here(route):
        if urlsplit(route.request.url).netloc == own or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_here)
    response = page.goto(f"{server.url}/graphql")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".graphiql-container").wait_for()

    token = server.token("ADMIN")
    page.locator("#ide-token").fill(token)
    page.locator("#ide-token-save").click()
    expect(page.locator("#ide-token-state")).to_have_text("Token dipakai (tab ini saja).")
    page.locator(".graphiql-execute-button").click()
    expect(page.locator(".graphiql-response")).to_contain_text('"role": "ADMIN"', timeout=15000)

    # the documentation explorer reads the schema (introspection in development)
    page.get_by_label("Show Documentation Explorer").click()
    explorer = page.locator(".graphiql-doc-explorer")
    expect(explorer).to_contain_text("Query")
    explorer.get_by_text("Query", exact=True).first.click()
    expect(explorer).to_contain_text("me")

    stored = page.evaluate("() => ({ local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) })")
    assert token not in stored["local"] and token in stored["session"]
    assert token not in page.url
    assert outside == [], outside  # nothing was asked of the internet
