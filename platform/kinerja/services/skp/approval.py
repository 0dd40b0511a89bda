"""The SKP workflow: submit (DRAFT -> SUBMITTED), approve (SUBMITTED -> APPROVED, the revision in force, locked),
return (SUBMITTED -> RETURNED with a note; a save brings it back to DRAFT) and revise (APPROVED -> a new DRAFT
revision with the content copied and the keys kept; the approved one stays in force until the new one is approved).

Each transition takes the version the caller read (STALE_VERSION otherwise), adds one, runs in one transaction with
the SKP row locked, is audited with the status and revision before and after, and happens only while the cycle is
PLANNING or ACTIVE. A transition from the wrong status is SKP_NOT_<STATUS> (the status it needs). Who: the person,
their direct supervisor or ADMIN submit and revise (Access.may_edit_skp); the assessing official decides
(Access.may_decide_skp)."""

from __future__ import annotations

import datetime as dt
from typing import Awaitable, Callable

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from kinerja.models import Cycle, Person, Skp, SkpExpectation, SkpIndicator, SkpItem, SkpRevision, Target
from kinerja.services.core import audit
from kinerja.services.core.access import Access, refusal
from kinerja.services.core.errors import InputError
from kinerja.services.cycles import gate
from kinerja.services.skp import document

NOTE_MAX = 1000

Step = Callable[[BaseDBAsyncClient, Skp, SkpRevision, Person, Cycle], Awaitable[list[audit.Change]]]


# the code of a transition from another status than the one it needs
NOT_IN = {"DRAFT": "SKP_NOT_DRAFT", "SUBMITTED": "SKP_NOT_SUBMITTED", "APPROVED": "SKP_NOT_APPROVED"}


async def _transition(access: Access, nip: str, year: int, version: int, action: str, needs: str,
                      allowed: Callable[[Person], bool], who: str, step: Step) -> Skp:
    person, cycle = await document.locate(access, nip, year, ("nip",), ("cycle",))
    if not allowed(person):
        raise refusal(("nip",), who, {"action": "change_skp_status"})
    problem = gate.cycle_problem(cycle, cycle.year, document.WRITE_STATUSES, ("cycle",), "the SKP")
    if problem:
        raise InputError([problem])
    async with in_transaction() as conn:
        await gate.recheck(conn, cycle, document.WRITE_STATUSES, ("cycle",), "the SKP")
        skp = await document.lock(conn, person.id, cycle.id)
        if skp is None:
            raise InputError.one(("nip",), "NOT_FOUND", f"{person.nip} has no SKP in cycle {cycle.year}",
                                 params={"what": "skp", "nip": person.nip, "year": cycle.year})
        document.check_version(skp, version)
        if skp.status != needs:
            code = "SKP_LOCKED" if needs in ("DRAFT",) and skp.status == "APPROVED" else NOT_IN[needs]
            raise InputError.one(("nip",), code, f"the SKP of {person.nip} is {skp.status} (revision {skp.revision})"
                                                 f": it must be {needs} to {action}")
        before = document.state(skp)
        revision = await SkpRevision.filter(skp_id=skp.id, number=skp.revision).using_db(conn).first()
        changes = await step(conn, skp, revision, person, cycle)
        skp.version += 1
        await skp.save(using_db=conn, update_fields=["status", "version", "revision", "approved_revision",
                                                     "updated_at"])
        changes.insert(0, audit.Change(f"skp.{action}", "skp", str(skp.id), before,
                                       {**document.state(skp), "nip": person.nip, "cycle": cycle.year}))
        await audit.append(conn, access.viewer.actor, changes)
    skp.person = person  # the caller names it by NIP
    return skp


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


async def submit_skp(access: Access, nip: str, year: int, version: int) -> Skp:
    """DRAFT -> SUBMITTED, when it has a MAIN RHK and every MAIN RHK has an indicator."""

    async def step(conn, skp, revision, person, cycle):
        content = await document.content_of(revision, conn)
        main = [i for i in content.items if i.kind == "MAIN"]
        if not main:
            raise InputError.one(("nip",), "SKP_EMPTY", "an SKP is submitted with at least one MAIN RHK")
        bare = [i.key for i in main if not i.indicators]
        if bare:
            raise InputError.one(("nip",), "SKP_INCOMPLETE",
                                 f"every MAIN RHK needs an indicator; {', '.join(bare)} has none",
                                 params={"keys": bare})
        revision.status = skp.status = "SUBMITTED"
        revision.submitted_by, revision.submitted_at = document.actor_name(access), _now()
        await revision.save(using_db=conn, update_fields=["status", "submitted_by", "submitted_at"])
        return []

    return await _transition(access, nip, year, version, "submit", "DRAFT", access.may_edit_skp,
                             "an SKP is submitted by the person, their direct supervisor or ADMIN", step)


async def approve_skp(access: Access, nip: str, year: int, version: int) -> Skp:
    """SUBMITTED -> APPROVED: the revision comes into force and its quantitative indicators' values go to their
    Targets (new indicators get a Target)."""

    async def step(conn, skp, revision, person, cycle):
        revision.status = skp.status = "APPROVED"
        revision.decided_by, revision.decided_at = document.actor_name(access), _now()
        await revision.save(using_db=conn, update_fields=["status", "decided_by", "decided_at"])
        skp.approved_revision = revision.number
        return await _targets_in_force(conn, skp, revision, person, cycle)

    return await _transition(access, nip, year, version, "approve", "SUBMITTED", access.may_decide_skp,
                             "an SKP is approved by the assessing official (the direct supervisor; ADMIN for a "
                             "person without one)", step)


async def return_skp(access: Access, nip: str, year: int, version: int, note: str) -> Skp:
    """SUBMITTED -> RETURNED, with a note saying what to change."""
    text = (note or "").strip()
    if not text:
        raise InputError.one(("note",), "REQUIRED", "a returned SKP needs a note saying what to change")
    if len(text) > NOTE_MAX:
        raise InputError.one(("note",), "TOO_LONG", f"the note is {len(text)} characters; at most {NOTE_MAX}",
                             params={"length": len(text), "limit": NOTE_MAX})

    async def step(conn, skp, revision, person, cycle):
        revision.status = skp.status = "RETURNED"
        revision.return_note = text
        revision.decided_by, revision.decided_at = document.actor_name(access), _now()
        await revision.save(using_db=conn, update_fields=["status", "return_note", "decided_by", "decided_at"])
        return []

    return await _transition(access, nip, year, version, "return", "SUBMITTED", access.may_decide_skp,
                             "an SKP is returned by the assessing official (the direct supervisor; ADMIN for a "
                             "person without one)", step)


async def revise_skp(access: Access, nip: str, year: int, version: int) -> Skp:
    """APPROVED -> a new DRAFT revision, the content copied (keys and Target links kept)."""

    async def step(conn, skp, revision, person, cycle):
        if skp.revision >= document.MAX_REVISIONS:
            raise InputError.one(("nip",), "TOO_MANY", f"an SKP has at most {document.MAX_REVISIONS} revisions",
                                 params={"limit": document.MAX_REVISIONS})
        await copy_revision(conn, skp, revision)
        return []

    return await _transition(access, nip, year, version, "revise", "APPROVED", access.may_edit_skp,
                             "a new revision is opened by the person, their direct supervisor or ADMIN", step)


async def copy_revision(conn: BaseDBAsyncClient, skp: Skp, revision: SkpRevision) -> SkpRevision:
    """A new DRAFT revision of the SKP with the content of `revision` (keys and Target links kept); the SKP's
    revision and status follow (the caller saves the SKP)."""
    new = await SkpRevision.create(skp_id=skp.id, number=skp.revision + 1, status="DRAFT",
                                   attachments=revision.attachments or {}, using_db=conn)
    items = await SkpItem.filter(revision_id=revision.id).using_db(conn).order_by("position")
    copies = {}
    for item in items:
        copies[item.id] = await SkpItem.create(
            revision_id=new.id, key=item.key, position=item.position, kind=item.kind,
            work_result=item.work_result, parent_key=item.parent_key, intervention=item.intervention,
            using_db=conn)
    indicators = await SkpIndicator.filter(item_id__in=list(copies)).using_db(conn) if copies else []
    if indicators:
        await SkpIndicator.bulk_create([SkpIndicator(
            item_id=copies[i.item_id].id, position=i.position, aspect=i.aspect, indicator_id=i.indicator_id,
            target_value=i.target_value, target_lower=i.target_lower, target_upper=i.target_upper,
            target_id=i.target_id, text=i.text, expected_output=i.expected_output)
            for i in indicators], using_db=conn)
    expectations = await SkpExpectation.filter(revision_id=revision.id).using_db(conn)
    if expectations:
        await SkpExpectation.bulk_create([SkpExpectation(revision_id=new.id, value=e.value, text=e.text)
                                          for e in expectations], using_db=conn)
    skp.revision, skp.status = new.number, "DRAFT"
    return new


async def _targets_in_force(conn: BaseDBAsyncClient, skp: Skp, revision: SkpRevision, person: Person,
                            cycle: Cycle) -> list[audit.Change]:
    """The approved revision's quantitative indicators written to their Targets: values and work results updated,
    a Target created for an indicator without one. Targets no longer in force stay (never a measured one deleted;
    the earlier revisions still refer to them)."""
    changes: list[audit.Change] = []
    items = {i.id: i for i in await SkpItem.filter(revision_id=revision.id).using_db(conn)}
    if not items:
        return changes
    rows = await SkpIndicator.filter(item_id__in=list(items), indicator_id__not_isnull=True).using_db(conn) \
        .prefetch_related("indicator")
    targets = {t.id: t for t in await Target.filter(id__in=[r.target_id for r in rows if r.target_id])
               .using_db(conn)}
    for row in rows:
        work_result = items[row.item_id].work_result
        target = targets.get(row.target_id) if row.target_id else None
        wanted = document.target_fields(row.target_value, row.target_lower, row.target_upper)
        if target is None:
            target = await Target.create(cycle_id=cycle.id, indicator_id=row.indicator_id, person_id=person.id,
                                         agency_id=person.agency_id, work_result=work_result,
                                         value=row.target_value, lower_bound=row.target_lower,
                                         upper_bound=row.target_upper, using_db=conn)
            row.target_id = target.id
            await row.save(using_db=conn, update_fields=["target_id"])
            changes.append(audit.Change("target.create", "target", str(target.id), None, {
                "cycle": cycle.year, "indicator": row.indicator.full_code, "nip": person.nip,
                "work_result": work_result, **wanted, "skp": skp.id}))
        elif document.target_fields(target.value, target.lower_bound, target.upper_bound) != wanted or \
                target.work_result != work_result:
            before = {"work_result": target.work_result,
                      **document.target_fields(target.value, target.lower_bound, target.upper_bound)}
            target.value, target.lower_bound, target.upper_bound = wanted["value"], wanted["lower"], wanted["upper"]
            target.work_result = work_result
            await target.save(using_db=conn, update_fields=["value", "lower_bound", "upper_bound", "work_result"])
            changes.append(audit.Change("target.update", "target", str(target.id), before,
                                        {"work_result": work_result, **wanted, "skp": skp.id}))
    return changes


