"""Report answers kept in each worker's memory (issue 21 §5): a report's rows for the same report, arguments, scope and
language are computed once per generation of the data.

The generation is the id of the newest audit event. Every write the platform makes appends to the audit chain in the
write's own transaction (tests/test_audit_coverage.py), ratings, organisation predikat, service populations,
measurements, survey answers, people and specs among them, so a write that can change a report's answer advances it;
other writes do too, which costs a recomputation, never a stale answer. Reading it is one indexed statement, shared by
every worker through the database, so a write made through one worker is seen by the others at their next request;
no cache server.

The key: the report, its arguments, the viewer's scope (role and agency: the reports are scoped by those alone), the
answer's language, the settings it depends on (the database, the curve file, the survey's smallest group) and the
generation. At most MAX_ENTRIES answers are kept, the least recently used dropped first.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Awaitable, Callable, Hashable

from kinerja.services.core import sql
from kinerja.services.core.access import Access

MAX_ENTRIES = 256

_entries: "OrderedDict[Hashable, Any]" = OrderedDict()
stats = {"hits": 0, "misses": 0}  # for the tests and the benchmark


async def generation() -> tuple[int, str]:
    """The id and hash of the newest audit event ((0, "") before any): the hash tells two chains apart that reached
    the same id (a database emptied and filled again), since it covers every event before it."""
    rows = await sql.fetch(None, "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1", [])
    return (rows[0]["id"], rows[0]["hash"]) if rows else (0, "")


def setup_of(settings: Any) -> tuple:
    """What a report's answer depends on besides the data: the database, the curve file, the survey's smallest group."""
    return (settings.database_url, str(settings.curve_file), settings.survey_min_group)


def scope_of(access: Access) -> tuple:
    return (str(access.viewer.role), access.viewer.agency_id)


async def cached(report: str, arguments: Hashable, access: Access, language: str, setup: Hashable,
                 compute: Callable[[], Awaitable[Any]], known: tuple[int, str] | None = None) -> Any:
    """The report's answer for this key, computed by `compute` when this generation has none yet. `setup`: what
    else the answer depends on (the database, the curve file, the survey's smallest group); `known`: the generation
    the request has read already (graphql/answer_cache.py), so that it is read once a request."""
    key = (report, arguments, scope_of(access), language, setup, known or await generation())
    if key in _entries:
        _entries.move_to_end(key)
        stats["hits"] += 1
        return _entries[key]
    stats["misses"] += 1
    value = await compute()
    _entries[key] = value
    while len(_entries) > MAX_ENTRIES:
        _entries.popitem(last=False)
    return value


def clear() -> None:
    _entries.clear()
