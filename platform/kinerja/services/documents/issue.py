"""Issuing official documents and verifying them (docs/DOMAIN.md, "Official documents").

Each document printed gets a code of 120 random bits (24 base32 characters: codes cannot be guessed) and an
`IssuedDocument` row holding the canonical facts it printed (JSON, sorted keys) and their SHA-256, when (the
project's clock) and by whom; issuing writes `document.issue` events to the audit chain, in the same transaction as
the rows (a bulk issue: one transaction and one append per batch).

`verify(code)` reads the row, computes the facts again from the records as they stand now and compares the hashes:
the same, the paper still says what the record says; different, it has been superseded (a rating reopened, changed
by an objection, a name corrected since), and the latest audit event about its subject after the issue says when.
The hash covers the facts, not the PDF's bytes: a PDF edited to print other facts under a genuine code is shown up
by the verify page, which shows the facts stored at issue.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any, Sequence

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from kinerja.models import AuditEvent, IssuedDocument
from kinerja.services.core import audit, clock
from kinerja.services.documents.kinds import KINDS

CODE_BYTES = 15  # 120 bits: at least 80 asked (issue 20, section 2); base32 of 15 bytes is 24 characters, no padding
CODE_LENGTH = 24
ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def new_code() -> str:
    return base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii")


def normal_code(text: str) -> str | None:
    """A code as typed or scanned (any case, with or without the printed dashes and spaces), or None when it cannot
    be one."""
    code = "".join((text or "").split()).replace("-", "").upper()
    return code if len(code) == CODE_LENGTH and set(code) <= ALPHABET else None


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical(facts: dict[str, Any]) -> str:
    """The facts' canonical text: JSON, keys sorted, no spaces, UTF-8 as it is."""
    return _ENCODER.encode(facts)


def digest(facts: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(facts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Draft:
    """A document about to be issued: its kind, subject and facts."""

    kind: str
    agency_id: int
    unit_code: str | None
    nip: str | None
    period: str
    facts: dict[str, Any]


async def issue(actor: str, drafts: Sequence[Draft]) -> list[IssuedDocument]:
    """Issue the documents, in order, in one transaction with their audit events; their codes and issue time."""
    if not drafts:
        return []
    at = clock.now()
    rows = [IssuedDocument(code=new_code(), kind=d.kind, agency_id=d.agency_id, unit_code=d.unit_code, nip=d.nip,
                           period=d.period, facts=json.loads(canonical(d.facts)), facts_hash=digest(d.facts),
                           issued_at=at, issued_by=actor) for d in drafts]
    async with in_transaction() as conn:
        await IssuedDocument.bulk_create(rows, using_db=conn)
        await audit.append(conn, actor, [audit.Change(
            "document.issue", "issued_document", row.code, None,
            {"kind": row.kind, "nip": row.nip, "period": row.period, "facts_hash": row.facts_hash})
            for row in rows])
    return rows


@dataclass(frozen=True)
class Verification:
    document: IssuedDocument
    subject: list[tuple[str, str]]  # what the page shows, label and value: from the facts stored at issue
    current: bool  # the record still gives the same facts
    superseded_at: dt.datetime | None  # when not current: the latest event about the subject after the issue


async def _events_after(doc: IssuedDocument) -> dt.datetime | None:
    """When the subject's record last changed after the issue: the latest audit event about what the document's
    kind reads (its `audit_keys`: a rating, an assessment, the person, an SKP, the organisation predikat)."""
    keys = await KINDS[doc.kind].audit_keys(doc)
    if not keys:
        return None
    where = Q()
    for entity, entity_id in keys:
        where |= Q(entity=entity, entity_id=entity_id)
    event = await AuditEvent.filter(where, at__gt=doc.issued_at).order_by("-id").first()
    return event.at if event else None


async def current_facts(doc: IssuedDocument, catalog: Any) -> dict[str, Any] | None:
    """The document's facts computed again from the records now (None: there is no longer a document to give)."""
    return await KINDS[doc.kind].facts_again(doc, catalog)


async def verify(code: str, catalog: Any) -> Verification | None:
    """The issued document of this code and whether the record still says the same; None for an unknown code.
    `catalog`: the plugin catalog, for the kinds that print what plugins give."""
    found = normal_code(code)
    doc = await IssuedDocument.get_or_none(code=found) if found else None
    if doc is None or doc.kind not in KINDS:
        return None
    now = await current_facts(doc, catalog)
    current = now is not None and digest(now) == doc.facts_hash
    when = None if current else await _events_after(doc)
    return Verification(doc, KINDS[doc.kind].subject(doc.facts), current, when)
