"""Trusted documents (issue 21 §4; SECURITY.md, "Trusted documents"): the console's GraphQL operations, collected
from its sources into a committed manifest (id -> document), which the server runs by id.

- The id of a document is `sha256:` and the hex SHA-256 of its exact UTF-8 text, as the console sends it
  (web/static/js/sha256.js computes the same); the console sends `{"documentId": ..., "variables": ...}`.
- `kinerja trusted-documents` collects the manifest (web/collect_documents.mjs imports every console module under
  node and lists its exported documents, the run-time variants included) and writes it to MANIFEST;
  `--check` says whether the committed one is stale. tests/test_trusted_documents.py fails on a stale manifest.
- KINERJA_TRUSTED_DOCUMENTS: `allow` (the default) runs a request's `documentId` from the manifest or its `query`;
  `only` runs documents of the manifest only, refusing any other before it is parsed (http/guard.py).
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

from graphql import GraphQLError, parse

WEB = Path(__file__).resolve().parents[1] / "web"
MANIFEST = WEB / "trusted_documents.json"
COLLECTOR = WEB / "collect_documents.mjs"
PREFIX = "sha256:"
MODES = ("allow", "only")
# the console modules that cannot be imported outside a page: each keeps its documents in another module
PAGE_SCRIPTS = frozenset({"app.js", "role_switch.js", "graphiql_page.js"})


class CollectError(RuntimeError):
    """The console's documents could not be collected (no node, a module failing, a document that does not parse)."""


def document_id(text: str) -> str:
    return PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=4)
def load(path: Path = MANIFEST) -> dict[str, str]:
    """The manifest, id -> document; every id checked against its document."""
    documents = json.loads(path.read_text(encoding="utf-8"))["documents"]
    for key, text in documents.items():
        if document_id(text) != key:
            raise CollectError(f"{path}: {key} is not the id of its document")
    return documents


def collect(node: str | None = None) -> dict[str, str]:
    """Every document the console can send, id -> text, sorted by id: run COLLECTOR under node."""
    node = node or shutil.which("node")
    if not node:
        raise CollectError("collecting the console's documents needs node on PATH (Debian: apt-get install nodejs)")
    done = subprocess.run([node, str(COLLECTOR)], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise CollectError(f"{COLLECTOR.name} failed: {done.stderr.strip()[-2000:]}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    unexpected = sorted(set(found["failed"]) - PAGE_SCRIPTS)
    if unexpected:
        raise CollectError(f"console modules that could not be imported: {', '.join(unexpected)} (keep a page "
                           "script's documents in a module without effects, as session_documents.js)")
    documents: dict[str, str] = {}
    for text in found["documents"]:
        try:
            parse(text)
        except GraphQLError as exc:
            raise CollectError(f"a console document does not parse ({exc.message}): {text[:200]!r}") from None
        documents[document_id(text)] = text
    return dict(sorted(documents.items()))


def manifest_text(documents: dict[str, str]) -> str:
    return json.dumps({"about": "The console's GraphQL documents by id (sha256 of the exact text); written by "
                                "`kinerja trusted-documents`, checked by tests/test_trusted_documents.py.",
                       "documents": documents}, ensure_ascii=False, indent=1) + "\n"


def write(documents: dict[str, str], path: Path = MANIFEST) -> None:
    path.write_text(manifest_text(documents), encoding="utf-8")
    load.cache_clear()
