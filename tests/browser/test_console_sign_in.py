"""Signing in and out of the console through its login form (on a fresh server: sign-ins write sessions)."""

from __future__ import annotations

import pytest

from browser.console_helpers import data, document_of, wait_rendered


@pytest.mark.pg_smoke
def test_sign_in_wrong_password_then_right_then_sign_out(fresh_server, page, graphql_requests, shot):
    server = fresh_server
    admin = server.account("ADMIN")

    page.goto(server.url + "/#/dashboard")
    page.wait_for_url("**/#/login")  # no session: the login form
    nip = page.get_by_label("NIP", exact=True)
    password = page.get_by_label("Kata sandi", exact=True)
    assert password.get_attribute("type") == "password"
    assert password.get_attribute("autocomplete") == "current-password"
    assert page.get_by_role("navigation", name="Navigasi utama").is_hidden()

    nip.fill(admin.nip)
    password.fill(admin.password + "-salah")
    page.get_by_role("button", name="Masuk", exact=True).click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "NIP atau kata sandi salah" in alert.inner_text()
    assert alert.get_attribute("data-code") == "INVALID_CREDENTIALS"
    assert page.evaluate("sessionStorage.getItem('kinerja.token')") is None
    shot(page, "login-error")

    requests = graphql_requests(page)
    nip.fill(admin.nip)
    password.fill(admin.password)
    password.press("Enter")  # the form works from the keyboard
    page.wait_for_url("**/#/dashboard")
    wait_rendered(page)
    page.locator("#distribution-table").wait_for()
    assert len(requests) <= 3, requests.requests  # login, the viewer, the dashboard
    token = page.evaluate("sessionStorage.getItem('kinerja.token')")
    assert token and page.evaluate("sessionStorage.getItem('kinerja.expiresAt')")
    assert data(server, "{ me { role } }", token=token)["me"]["role"] == "ADMIN"
    shot(page, "dashboard-after-sign-in")

    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/#/login")
    page.get_by_label("NIP", exact=True).wait_for()
    assert page.evaluate("sessionStorage.getItem('kinerja.token')") is None
    body = server.gql("{ me { role } }", token=token)
    assert body.get("errors") and body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", body
    # the pages need a session again
    page.goto(server.url + "/#/catalogue")
    page.wait_for_url("**/#/login")


# Counts, in the page, the JSON bodies the console has finished reading. The console's work on a body runs in
# microtasks of the same task, so once the count is seen (a later task) the console has acted on the answer.
COUNT_JSON_BODIES = """(() => {
  const json = Response.prototype.json;
  window.__kinerjaBodiesRead = 0;
  Response.prototype.json = function () {
    return json.call(this).then((body) => { window.__kinerjaBodiesRead += 1; return body; });
  };
})();"""


def test_a_navigation_made_while_signing_in_wins_over_the_home_redirect(server, page, use_token):
    """The address changes at once on a navigation, its hashchange comes a task later: the viewer's answer
    arriving in between must not send the browser home over the user's navigation (issue 22's flake)."""
    head = server.account("EMPLOYEE")
    use_token(page, server.token("EMPLOYEE", nip=head.nip))
    page.add_init_script(COUNT_JSON_BODIES)
    held = []
    page.route("**/graphql", lambda route: held.append(route) if "me {" in document_of(route.request.post_data)
               else route.continue_())
    with page.expect_request(lambda r: "me {" in document_of(r.post_data)):
        page.goto(server.url + "/#/")  # '#/' waits for the viewer, then redirects home
    # the user's navigation: the address is the catalogue's, its hashchange not yet delivered
    page.evaluate("history.pushState(null, '', '#/catalogue')")
    held.pop().continue_()
    page.wait_for_function("() => window.__kinerjaBodiesRead >= 1")  # the console has read the viewer's answer
    page.evaluate("window.dispatchEvent(new HashChangeEvent('hashchange'))")  # ... and now the hashchange comes
    page.get_by_role("heading", level=1, name="Katalog Indikator").wait_for()
    assert page.url.endswith("#/catalogue")
    assert page.locator('#nav a[aria-current="page"]').get_attribute("id") == "nav-catalogue"
