"""Shared helpers of the browser tests: reading the console's tables and numbers, and the API's answers."""

from __future__ import annotations

import csv
import io
import re

import httpx

# every [data-col] cell of each row of a table body, as {row key: {column: text}}; the key is the row's agency (or
# its group where it has none) and indicator
ROWS_JS = """rows => rows.map(r => ({
  key: (r.dataset.agency || r.dataset.group) + (r.dataset.indicator ? '|' + r.dataset.indicator : ''),
  cells: Object.fromEntries([...r.querySelectorAll('[data-col]')].map(c => [c.dataset.col, c.textContent.trim()])),
}))"""


def table(page, selector: str) -> dict[str, dict[str, str]]:
    rows = page.locator(f"{selector} tbody tr").evaluate_all(ROWS_JS)
    return {row["key"]: row["cells"] for row in rows}


def id_number(text: str) -> float:
    """A number as the console shows it (id-ID: '1.205' is 1205, '76,04' is 76.04)."""
    cleaned = text.replace("\u00a0", "").replace(".", "").replace(",", ".")
    assert re.fullmatch(r"-?\d+(\.\d+)?", cleaned), f"not a number: {text!r}"
    return float(cleaned)


def default_period(cycles: list[dict]) -> str:
    """The dashboard's default: the annual period of the latest CLOSED or EVALUATION cycle, else of the latest."""
    ordered = sorted(cycles, key=lambda c: -c["year"])
    chosen = next((c for c in ordered if c["status"] in ("CLOSED", "EVALUATION")), ordered[0])
    return str(chosen["year"]) if str(chosen["year"]) in chosen["periods"] else chosen["periods"][-1]


def data(server, query: str, variables: dict | None = None, token: str | None = None) -> dict:
    """The `data` of a GraphQL answer that must have no errors."""
    body = server.gql(query, variables, token=token)
    assert not body.get("errors"), body
    return body["data"]


def wait_rendered(page) -> None:
    """The page for the current address (app.js marks <main data-route> with the address it renders) has its heading
    and no loading state left. Waiting on a heading alone passes on the previous page's one: a link's click changes
    the address at once, but the router runs a task later."""
    page.wait_for_function("() => document.getElementById('main').dataset.route === location.hash")
    page.locator("main h1").first.wait_for()
    page.locator("main .loading").wait_for(state="detached")


def csv_rows(server, path: str, token: str, **params) -> list[list[str]]:
    """An export's CSV over HTTP (the bearer header), as rows."""
    response = httpx.get(f"{server.url}{path}", params=params, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    return list(csv.reader(io.StringIO(response.text)))


def no_token_in_urls(requests, token: str) -> None:
    """Every export request the page made sent the token in its header, never in its address."""
    assert requests
    for r in requests:
        assert token not in r.url and "token" not in r.url.lower(), r.url
        assert r.headers.get("authorization") == f"Bearer {token}", r.url


def document_of(post_data: str | None) -> str:
    """The GraphQL document of a /graphql POST body: its `query`, or the trusted document its `documentId` names
    (the console sends ids: graphql/trusted_documents.py); "" for anything else."""
    import json

    from kinerja.graphql import trusted_documents

    try:
        body = json.loads(post_data or "{}")
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    return body.get("query") or trusted_documents.load().get(body.get("documentId"), "")
