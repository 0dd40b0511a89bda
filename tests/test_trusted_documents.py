"""Trusted documents (issue 21 §4, graphql/trusted_documents.py): the console's operations collected into the
committed manifest by `kinerja trusted-documents` (a stale manifest fails here), the console's own ids (sha256.js) the
manifest's, and /graphql running `documentId`s in both modes and, with KINERJA_TRUSTED_DOCUMENTS=only, nothing else,
refused before it is parsed. The console in Chromium on a server in `only` mode: tests/browser/test_trusted_console.py;
every other browser flow fails on a document missing from the manifest (its 400 is a browser error)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import start_api, stop_api
from kinerja.graphql import trusted_documents as trusted
from world import build_world

JS = trusted.WEB / "static" / "js"
VIEWER = "{ me { role agency { code name } person { nip name } } cycles { year status periods evaluationPeriods } myTasks { total } }"


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if not found:
        pytest.fail("the trusted documents' collector needs node on PATH (Debian: apt-get install nodejs; .ci/run "
                    "installs it)")
    return found


def test_the_committed_manifest_is_the_consoles_documents(node):
    found = trusted.collect(node)
    assert trusted.MANIFEST.read_text(encoding="utf-8") == trusted.manifest_text(found), (
        "the manifest is stale: run `kinerja trusted-documents` and commit platform/kinerja/web/trusted_documents.json")
    assert len(found) > 100
    assert trusted.document_id(VIEWER) in found  # the viewer's query (session_documents.js)
    # the run-time variants: the agency page for a monthly cycle (13 periods), both unit predikat documents
    assert any("$p12: String!" in text and text.startswith("query Agency(") for text in found.values())
    assert sum(text.startswith("query UnitOrg(") for text in found.values()) == 2


def test_the_consoles_ids_are_the_manifests(node):
    documents = list(trusted.load().values())
    script = ("import { sha256Hex } from '" + (JS / "sha256.js").as_uri() + "';\n"
              "const texts = JSON.parse(process.argv[1]);\n"
              "console.log(JSON.stringify(texts.map((t) => 'sha256:' + sha256Hex(t))));")
    done = subprocess.run([node, "--input-type=module", "-e", script, json.dumps(documents)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [trusted.document_id(t) for t in documents]


def test_page_scripts_keep_no_document_of_their_own():
    """The modules the collector cannot import hold no GraphQL document (theirs live in *_documents.js)."""
    for name in trusted.PAGE_SCRIPTS:
        text = (JS / name).read_text(encoding="utf-8")
        assert not re.search(r"[`'\"]\s*(query|mutation)\b[^`'\"]*[{(]", text), name
        assert not re.search(r"[`'\"]\s*\{\s*\w+\s*[({]", text), name


def test_a_manifest_entry_that_is_not_its_documents_id_is_refused(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"documents": {"sha256:" + "0" * 64: "{ me { role } }"}}))
    with pytest.raises(trusted.CollectError, match="is not the id of its document"):
        trusted.load(path)


async def post(api, body: dict, token: str | None = None, **headers: str):
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return await api.client.post("/graphql", json=body, headers=headers)


async def test_allow_runs_ids_and_documents(api, world):
    viewer = trusted.document_id(VIEWER)
    r = await post(api, {"documentId": viewer, "variables": {}}, world.admin)
    assert r.status_code == 200 and r.json()["data"]["me"]["role"] == "ADMIN", r.text
    r = await post(api, {"query": "{ me { role } }"}, world.admin)
    assert r.json() == {"data": {"me": {"role": "ADMIN"}}}
    for body, code in (({"documentId": "sha256:" + "0" * 64}, "PERSISTED_QUERY_NOT_FOUND"),
                       ({"documentId": 12}, "PERSISTED_QUERY_NOT_FOUND"),
                       ({"documentId": viewer, "query": VIEWER}, "BAD_REQUEST")):
        r = await post(api, body, world.admin, **{"Accept-Language": "id"})
        assert (r.status_code, r.json()["errors"][0]["extensions"]["code"]) == (400, code), r.text
    assert r.json()["errors"][0]["message"]


@pytest.fixture
async def only(database_url):
    api, handles = await start_api(database_url, trusted_documents="only")
    try:
        yield api, await build_world()
    finally:
        await stop_api(handles)


async def test_only_runs_the_manifest_and_refuses_the_rest_before_parsing(only):
    api, world = only
    r = await post(api, {"documentId": trusted.document_id(VIEWER)}, world.admin)
    assert r.status_code == 200 and r.json()["data"]["me"]["role"] == "ADMIN", r.text
    for query in ("{ me { role } }", "{ this is not GraphQL", "query { " + "a " * 100_000 + "}"):
        r = await post(api, {"query": query}, world.admin)
        assert r.status_code == 400, r.text
        assert r.json()["errors"][0]["extensions"]["code"] == "TRUSTED_DOCUMENT_REQUIRED"  # never a parse error
    r = await api.client.get("/graphql", params={"query": "{ __typename }"}, headers={"Accept": "application/json"})
    assert r.status_code == 400 and r.json()["errors"][0]["extensions"]["code"] == "TRUSTED_DOCUMENT_REQUIRED"
    r = await post(api, {"documentId": "sha256:" + "f" * 64}, world.admin)
    assert r.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    # the survey's public form by id, without a token
    form = next(k for k, t in trusted.load().items() if t.startswith("query SurveyForm("))
    r = await post(api, {"documentId": form, "variables": {"agency": "DISDIK"}})
    assert r.status_code == 200 and "errors" not in r.json(), r.text
