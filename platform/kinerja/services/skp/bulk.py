"""SKPs written in bulk, straight to the tables, with one audit event each: for migration 0012 (a person's targets
become their SKP, services/skp/from_targets.py) and for the demo (kinerja.demo.skp), where the per-document
mutations would take minutes for thousands of people.

Plain SQL only: a migration runs it, where the ORM's queries are not set up. The caller has checked what the
mutations check (keys R1, R2, ... unique in a revision, a parent key that is an RHK of the supervisor's SKP of the
same cycle); each SKP has one revision, numbered 1, in the status given.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient

from kinerja.services.core import audit, sql


@dataclass(frozen=True)
class PlannedIndicator:
    aspect: str  # QUANTITY | QUALITY | TIME | COST
    indicator_id: int | None = None  # quantitative: the indicator, its target value and its Target row
    target_value: float | None = None
    target_id: int | None = None
    text: str | None = None  # qualitative: a text and the expected output
    expected_output: str | None = None
    target_lower: float | None = None  # a range target: both bounds (target_value its midpoint)
    target_upper: float | None = None


@dataclass(frozen=True)
class PlannedItem:
    key: str
    kind: str  # MAIN | ADDITIONAL
    work_result: str
    parent_key: str | None = None
    intervention: str | None = None
    indicators: Sequence[PlannedIndicator] = ()


@dataclass(frozen=True)
class PlannedSkp:
    person_id: int
    nip: str
    cycle_id: int
    year: int
    agency_id: int
    status: str  # DRAFT | SUBMITTED | APPROVED | RETURNED
    items: Sequence[PlannedItem]
    expectations: Sequence[tuple[str, str]] = ()  # (BerAKHLAK value, the leader's expectation)
    attachments: dict[str, list[str]] = field(default_factory=dict)
    submitted_by: str | None = None
    decided_by: str | None = None
    return_note: str | None = None


SKP_COLUMNS = ("person_id", "cycle_id", "agency_id", "status", "version", "revision", "approved_revision",
               "created_at", "updated_at")
REVISION_COLUMNS = ("skp_id", "number", "status", "attachments", "return_note", "submitted_by", "submitted_at",
                    "decided_by", "decided_at", "created_at")
ITEM_COLUMNS = ("revision_id", "key", "position", "kind", "work_result", "parent_key", "intervention")
INDICATOR_COLUMNS = ("item_id", "position", "aspect", "indicator_id", "target_value", "target_id", "text",
                     "expected_output")
# written only when a plan has a range target: migration 0012 runs this before 0017 adds the columns
BOUND_COLUMNS = ("target_lower", "target_upper")
EXPECTATION_COLUMNS = ("revision_id", "value", "text")


async def write_skps(conn: BaseDBAsyncClient, plans: Sequence[PlannedSkp], actor: str, at: dt.datetime,
                     action: str = "skp.create") -> dict[tuple[int, int], int]:
    """Insert the SKPs with their revision 1 and its content; returns (person id, cycle id) -> SKP id."""
    if not plans:
        return {}
    when = sql.db_datetime(at)
    await sql.insert_many(conn, "skp", SKP_COLUMNS, [
        (p.person_id, p.cycle_id, p.agency_id, p.status, 1, 1, 1 if p.status == "APPROVED" else None, when, when)
        for p in plans])
    skp_ids = await _ids(conn, "skp", "person_id", "cycle_id", "cycle_id", sorted({p.cycle_id for p in plans}))
    await sql.insert_many(conn, "skp_revision", REVISION_COLUMNS, [
        (skp_ids[(p.person_id, p.cycle_id)], 1, p.status, json.dumps(p.attachments), p.return_note,
         p.submitted_by if p.status != "DRAFT" else None, when if p.status != "DRAFT" else None,
         p.decided_by if p.status in ("APPROVED", "RETURNED") else None,
         when if p.status in ("APPROVED", "RETURNED") else None, when)
        for p in plans])
    revision_ids = {skp: rev for (skp, _), rev in (await _ids(conn, "skp_revision", "skp_id", "number", "skp_id",
                                                              sorted(skp_ids.values()))).items()}
    revision_of = {(p.person_id, p.cycle_id): revision_ids[skp_ids[(p.person_id, p.cycle_id)]] for p in plans}
    await sql.insert_many(conn, "skp_item", ITEM_COLUMNS, [
        (revision_of[(p.person_id, p.cycle_id)], item.key, n, item.kind, item.work_result, item.parent_key,
         item.intervention) for p in plans for n, item in enumerate(p.items)])
    item_ids = await _ids(conn, "skp_item", "revision_id", "key", "revision_id", sorted(revision_of.values()))
    indicators = [(item_ids[(revision_of[(p.person_id, p.cycle_id)], item.key)], m, i)
                   for p in plans for item in p.items for m, i in enumerate(item.indicators)]
    bounds = any(i.target_lower is not None for _, _, i in indicators)
    await sql.insert_many(conn, "skp_indicator", INDICATOR_COLUMNS + (BOUND_COLUMNS if bounds else ()), [
        (item_id, m, i.aspect, i.indicator_id, i.target_value, i.target_id, i.text, i.expected_output,
         *((i.target_lower, i.target_upper) if bounds else ()))
        for item_id, m, i in indicators])
    await sql.insert_many(conn, "skp_expectation", EXPECTATION_COLUMNS, [
        (revision_of[(p.person_id, p.cycle_id)], value, text) for p in plans for value, text in p.expectations])
    await audit.append(conn, actor, [
        audit.Change(action, "skp", str(skp_ids[(p.person_id, p.cycle_id)]), None, {
            "status": p.status, "version": 1, "revision": 1,
            "approved_revision": 1 if p.status == "APPROVED" else None, "nip": p.nip, "cycle": p.year,
            "items": [item.key for item in p.items]})
        for p in plans])
    return {pair: skp_ids[pair] for pair in ((p.person_id, p.cycle_id) for p in plans)}


async def _ids(conn: BaseDBAsyncClient, table: str, first: str, second: str, where: str,
               values: Sequence[Any]) -> dict[tuple[Any, Any], int]:
    """(first, second) -> id of the table's rows whose `where` column is one of `values`."""
    found: dict[tuple[Any, Any], int] = {}
    for chunk in sql.chunks(list(values)):
        rows = await sql.fetch(conn, f"SELECT id, {first}, {second} FROM {table} WHERE {where} IN "
                                     f"({sql.placeholders(conn, len(chunk))})", chunk)
        found.update({(r[first], r[second]): r["id"] for r in rows})
    return found
