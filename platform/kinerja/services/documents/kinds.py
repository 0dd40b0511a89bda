"""The kinds of official document (docs/DOMAIN.md, "Official documents"). Each is a module with the same parts:

- `KIND`: its name, stored with every issue and in the routes (`/documents/<kind>/...`);
- `facts_again(doc, catalog)`: the facts computed again from the records as they stand now, for an issued document
  (its agency, unit code, NIP and period), or None when there is no longer such a document to give; `catalog` is the
  plugin catalog (plugins/catalog.py) for a kind that prints what plugins give (recommendations);
- `subject(facts)`: what the verify page shows of it, as (label, value) rows: only what the paper prints at its top;
- `audit_keys(doc)`: the audit trail's (entity, entity_id) pairs whose later events supersede it;
- `render(facts, stamp, issued, place)`: the PDF's bytes, from the facts alone (it runs in a worker process);
- `filename(facts)`: the file's name.
- optionally `SUPERSEDED_WHY`: what the verify page says may have changed a superseded one's record (an
  evaluation's wording otherwise: a rating reopened or changed by an objection).
"""

from __future__ import annotations

from types import ModuleType

from kinerja.services.documents import evaluasi, kurva, skp, tahunan, tindak_lanjut

KINDS: dict[str, ModuleType] = {module.KIND: module for module in (evaluasi, tahunan, skp, kurva,
                                                                  tindak_lanjut)}
