"""The browser harness itself: a real server on the demo data, Chromium opening the console."""

from __future__ import annotations

import pytest


def test_console_opens(server, page, shot):
    page.goto(server.url + "/")
    page.locator("main").wait_for(state="attached")
    assert page.locator("main").count() == 1
    shot(page, "console")


def test_server_answers_graphql_with_a_token(server):
    token = server.token("ADMIN")
    body = server.gql("{ me { role } }", token=token)
    assert body["data"]["me"]["role"] == "ADMIN", body


@pytest.mark.pg_smoke
def test_the_demo_accounts_can_sign_in(server):
    account = server.account("ADMIN")
    body = server.gql("mutation ($nip: String!, $password: String!) { login(nip: $nip, password: $password) "
                      "{ token errors { code } } }", {"nip": account.nip, "password": account.password})
    assert body["data"]["login"]["token"], body


def test_use_token_puts_the_session_in_place_before_the_page_loads(server, page, use_token, graphql_requests):
    token = server.token("ADMIN")
    use_token(page, token)
    requests = graphql_requests(page)
    with page.expect_request(lambda r: r.url.endswith("/graphql")) as first:
        page.goto(server.url + "/")
    assert first.value.headers.get("authorization") == f"Bearer {token}"
    assert page.evaluate("sessionStorage.getItem('kinerja.token')") == token
    assert len(requests) >= 1
