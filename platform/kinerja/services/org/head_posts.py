"""Head posts from the supervisor tree: for migration 0016 and the demo loader (docs/DOMAIN.md, "Posts, assignments
and acting officials").

Before posts existed a unit's head was guessed on every read: the person of the unit whose supervisor is absent or
works in another unit. `create_head_posts` turns that guess into data once: every unit without a head post for which
the guess names exactly one person who holds no post gets a head post (STRUKTURAL, named after that person's
position) held by them. A unit where the guess names nobody or several people gets none: its head is recorded by
hand (createPost, then transferPerson into it). Plain SQL, as a migration needs; one audit event per post.
"""

from __future__ import annotations

import datetime as dt

from tortoise.backends.base.client import BaseDBAsyncClient

from kinerja.services.core import audit, sql

STRUKTURAL = "STRUKTURAL"


async def create_head_posts(conn: BaseDBAsyncClient, actor: str, at: dt.datetime | None = None) -> int:
    """The head posts the supervisor tree determines, created and held; returns how many."""
    rows = await sql.fetch(conn, """
        SELECT p.id, p.nip, p.unit_id, p.agency_id, p.position, u.code AS unit_code, a.code AS agency_code
        FROM person p JOIN unit u ON u.id = p.unit_id JOIN agency a ON a.id = p.agency_id
        LEFT JOIN person s ON s.id = p.supervisor_id
        WHERE p.post_id IS NULL AND (p.supervisor_id IS NULL OR s.unit_id IS NULL OR s.unit_id <> p.unit_id)
          AND NOT EXISTS (SELECT 1 FROM post h WHERE h.head_of_id = p.unit_id)
        ORDER BY p.unit_id, p.id""", [])
    by_unit: dict[int, list[dict]] = {}
    for row in rows:
        by_unit.setdefault(row["unit_id"], []).append(row)
    heads = [found[0] for found in by_unit.values() if len(found) == 1]
    if not heads:
        return 0
    at = at or dt.datetime.now(dt.timezone.utc)
    stamp = sql.db_datetime(at)
    post_ids: dict[int, int] = {}
    for part in sql.chunks(heads, 500):
        values: list = []
        for h in part:
            values += [h["agency_id"], h["unit_id"], h["position"], STRUKTURAL, h["unit_id"], stamp]
        groups = sql.value_groups(conn, len(part), 6)
        for r in await conn.execute_query_dict(
                f"INSERT INTO post (agency_id, unit_id, name, kind, head_of_id, created_at) VALUES {groups} "
                "RETURNING id, head_of_id", values):
            post_ids[r["head_of_id"]] = r["id"]
    await conn.execute_many(_update_sql(conn), [[post_ids[h["unit_id"]], h["id"]] for h in heads])
    await audit.append(conn, actor, [
        audit.Change("post.create", "post", str(post_ids[h["unit_id"]]), None,
                     {"agency": h["agency_code"], "unit": h["unit_code"], "name": h["position"], "kind": STRUKTURAL,
                      "head_of": h["unit_code"], "holder": h["nip"]}) for h in heads])
    return len(heads)


def _update_sql(conn: BaseDBAsyncClient) -> str:
    return f"UPDATE person SET post_id = {sql.placeholders(conn, 1)} WHERE id = {sql.placeholders(conn, 1, start=2)}"
