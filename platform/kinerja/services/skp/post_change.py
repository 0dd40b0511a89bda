"""An SKP per post (the reference, "Evaluation": a person who moves during the year has an SKP per post; docs/DOMAIN.md,
"Posts, assignments and acting officials").

An SKP is kept as numbered revisions, an approved one locked. When a transfer moves a person to another unit, post or
supervisor, `open_for_new_post` records on the assignment that ended the revision in force then (the SKP of that
post: its RHK, targets and measurements stay as they were, readable as that revision) and opens a new DRAFT revision
from it for the new post, which the person drafts with the new supervisor and the new assessing official approves.
A cycle that is CLOSED, or an SKP never approved (still being drafted, now with the new supervisor), is left alone.
Called by the transfer inside its transaction (services/org/transfers.py takes it as `after_move`).
"""

from __future__ import annotations

import datetime as dt

from tortoise.backends.base.client import BaseDBAsyncClient

from kinerja.models import Assignment, Cycle, Skp, SkpRevision
from kinerja.services.core import audit
from kinerja.services.skp import document
from kinerja.services.skp.approval import copy_revision


async def open_for_new_post(conn: BaseDBAsyncClient, person_id: int, nip: str, day: dt.date,
                            assignment_id: int) -> list[audit.Change]:
    skp = await Skp.filter(person_id=person_id, cycle__year=day.year).using_db(conn).select_for_update().first()
    if skp is None or skp.approved_revision is None:
        return []
    cycle = await Cycle.filter(id=skp.cycle_id).using_db(conn).first()
    if cycle.status == "CLOSED":
        return []
    in_force = await SkpRevision.filter(skp_id=skp.id, number=skp.approved_revision).using_db(conn).first()
    await Assignment.filter(id=assignment_id).using_db(conn).update(skp_revision_id=in_force.id)
    before = document.state(skp)
    opened = None
    if skp.status == "APPROVED" and skp.revision < document.MAX_REVISIONS:
        opened = await copy_revision(conn, skp, in_force)
        skp.version += 1
        await skp.save(using_db=conn, update_fields=["status", "version", "revision", "updated_at"])
    return [audit.Change("skp.new_post", "skp", str(skp.id), before,
                         {**document.state(skp), "nip": nip, "cycle": cycle.year, "since": day.isoformat(),
                          "post_revision": in_force.number, "opened": opened.number if opened else None})]
