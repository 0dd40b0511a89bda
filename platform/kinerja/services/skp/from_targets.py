"""A person's targets of a cycle become their SKP (migration 0012; docs/DOMAIN.md, "The SKP document").

Before the SKP, a person's plan was a list of targets (an indicator, a work result, a value, the supervisor's target
it serves). For every (person, cycle) with person targets and no SKP yet, `convert` writes one SKP:
- one RHK (MAIN) per distinct work result, in the order of the targets, keyed R1, R2, ...; each of its targets is a
  QUANTITY indicator of that RHK, pointing to the Target row, so the measurements stay where they are;
- the RHK's intervensi is the supervisor's RHK that holds the parent target (the first target's, where the targets
  of one work result name different parents); a parent target that is not the supervisor's is left out;
- its status: DRAFT while the cycle is PLANNING (the plan is still being made), else APPROVED, revision 1 in force
  (the targets were in force: measured and rated against).
Unit targets (a unit, no person) stay unit targets. Each SKP gets an audit event `skp.migrate`. A second run finds
nothing to do. Plain SQL, as a migration needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient

from kinerja.services.core import sql
from kinerja.services.skp.bulk import PlannedIndicator, PlannedItem, PlannedSkp, write_skps

ACTOR = "migration 0012_skp_from_targets"


@dataclass(frozen=True)
class Converted:
    skps: int
    approved: int
    items: int
    indicators: int


async def convert(conn: BaseDBAsyncClient, at: dt.datetime | None = None) -> Converted:
    targets = await sql.fetch(conn, """
        SELECT t.id, t.person_id, t.cycle_id, t.indicator_id, t.work_result, t.value, t.parent_id,
               p.nip, p.agency_id AS person_agency, p.supervisor_id, c.year, c.status AS cycle_status
        FROM target t JOIN person p ON p.id = t.person_id JOIN cycle c ON c.id = t.cycle_id
        WHERE t.person_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM skp s WHERE s.person_id = t.person_id AND s.cycle_id = t.cycle_id)
        ORDER BY t.cycle_id, t.person_id, t.id""", [])
    if not targets:
        return Converted(0, 0, 0, 0)
    by_owner: dict[tuple[int, int], list[dict]] = {}
    for t in targets:
        by_owner.setdefault((t["person_id"], t["cycle_id"]), []).append(t)
    # RHK keys: by work result, in the order of the targets
    key_of: dict[int, str] = {}  # target id -> its RHK key
    for rows in by_owner.values():
        keys: dict[str, str] = {}
        for t in rows:
            key_of[t["id"]] = keys.setdefault(t["work_result"].strip(), f"R{len(keys) + 1}")
    key_of.update(await _keys_in_existing_skps(conn, {t["parent_id"] for t in targets if t["parent_id"]} - set(key_of)))
    owner_of = {t["id"]: t["person_id"] for t in targets}
    owner_of.update(await _owners(conn, {t["parent_id"] for t in targets if t["parent_id"]} - set(owner_of)))
    plans = []
    for (person_id, cycle_id), rows in by_owner.items():
        first = rows[0]
        items: dict[str, dict] = {}
        for t in rows:
            item = items.setdefault(key_of[t["id"]], {"work_result": t["work_result"].strip(), "parent": None,
                                                       "indicators": []})
            parent = t["parent_id"]
            if (item["parent"] is None and parent is not None and first["supervisor_id"] is not None
                    and owner_of.get(parent) == first["supervisor_id"] and parent in key_of):
                item["parent"] = key_of[parent]
            item["indicators"].append(PlannedIndicator("QUANTITY", indicator_id=t["indicator_id"],
                                                       target_value=float(t["value"]), target_id=t["id"]))
        status = "DRAFT" if first["cycle_status"] == "PLANNING" else "APPROVED"
        plans.append(PlannedSkp(
            person_id=person_id, nip=first["nip"], cycle_id=cycle_id, year=first["year"],
            agency_id=first["person_agency"], status=status,
            items=[PlannedItem(key, "MAIN", item["work_result"][:500], parent_key=item["parent"],
                               indicators=item["indicators"]) for key, item in items.items()],
            submitted_by=ACTOR, decided_by=ACTOR))
    await write_skps(conn, plans, ACTOR, at or dt.datetime.now(dt.timezone.utc), action="skp.migrate")
    return Converted(len(plans), sum(p.status == "APPROVED" for p in plans), sum(len(p.items) for p in plans),
                     sum(len(i.indicators) for p in plans for i in p.items))


async def _keys_in_existing_skps(conn: BaseDBAsyncClient, target_ids: set[int]) -> dict[int, str]:
    """Parent targets already in an SKP (the supervisor had one before the migration): the key of their RHK in the
    revision in force, else in the latest revision."""
    found: dict[int, str] = {}
    for chunk in sql.chunks(sorted(target_ids)):
        rows = await sql.fetch(conn, f"""
            SELECT i.target_id, it.key, r.number, s.approved_revision, s.revision
            FROM skp_indicator i JOIN skp_item it ON it.id = i.item_id JOIN skp_revision r ON r.id = it.revision_id
            JOIN skp s ON s.id = r.skp_id
            WHERE i.target_id IN ({sql.placeholders(conn, len(chunk))})""", chunk)
        for r in rows:
            if r["number"] == (r["approved_revision"] or r["revision"]):
                found[r["target_id"]] = r["key"]
    return found


async def _owners(conn: BaseDBAsyncClient, target_ids: set[int]) -> dict[int, int | None]:
    found: dict[int, int | None] = {}
    for chunk in sql.chunks(sorted(target_ids)):
        rows = await sql.fetch(conn, f"SELECT id, person_id FROM target WHERE id IN "
                                     f"({sql.placeholders(conn, len(chunk))})", chunk)
        found.update({r["id"]: r["person_id"] for r in rows})
    return found
