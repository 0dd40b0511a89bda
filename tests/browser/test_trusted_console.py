"""The console on a server that runs trusted documents only (KINERJA_TRUSTED_DOCUMENTS=only, issue 21 §4): every
request it makes is a `documentId` of the committed manifest, so its pages work there, and nothing it sends is a
document's text. (Every other browser flow runs with `allow` and fails on a document missing from the manifest: the
server's 400 is a browser error.)"""

from __future__ import annotations

import json

import pytest

from browser.console_helpers import wait_rendered

expect = pytest.importorskip("playwright.sync_api").expect


def test_the_console_runs_on_trusted_documents_only(server_factory, page, sign_in):
    srv = server_factory(env={"KINERJA_TRUSTED_DOCUMENTS": "only"})
    bodies: list[dict] = []
    page.on("request", lambda r: bodies.append(json.loads(r.post_data)) if r.url.endswith("/graphql")
            and r.method == "POST" else None)
    admin = srv.account("ADMIN")
    sign_in(page, srv, admin.nip, admin.password)
    for hash_ in ("#/dashboard", "#/monitoring", "#/keberatan", "#/jejak-audit", "#/catalogue", "#/siklus",
                  "#/perangkat-daerah", "#/agency/DISDIK", "#/tugas"):
        page.goto(f"{srv.url}/{hash_}")
        wait_rendered(page)
        expect(page.locator("main .error-box")).to_have_count(0)
    assert len(bodies) > 10
    assert all("documentId" in b and "query" not in b for b in bodies), [b for b in bodies if "query" in b][:1]
    # a text sent anyway is refused before it is parsed
    refused = srv.gql("{ me { role } }", token=srv.token("ADMIN"))
    assert refused["errors"][0]["extensions"]["code"] == "TRUSTED_DOCUMENT_REQUIRED"
