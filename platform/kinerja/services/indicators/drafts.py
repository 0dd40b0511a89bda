"""Indicator drafts: an agency drafts an indicator (new, or a change of one of its console indicators) in the
console, submits it, and ADMIN (BKPSDM) approves it, when it becomes the indicator's new version for every
process at once, or rejects it with a note. docs/ARCHITECTURE.md, "Indicators from the console".

A draft is always a spec that loads: a save with any problem (the checks of `checkIndicatorSpec`) writes nothing.
Each save raises the draft's `revision`; a save, submit or decision names the revision it saw, so that two people
never overwrite each other's work unseen (STALE_VERSION). An approval also refuses a draft begun on a version of
the indicator that is no longer current (STALE_BASE). Every step is audited; approval and retirement raise the
shared specs generation in their transaction, so every worker reads the catalog again on its next use."""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from kinerja.models import Agency, Indicator, IndicatorDraft, IndicatorVersion
from kinerja.services.core import audit
from kinerja.services.core.access import Access, deny, refusal
from kinerja.services.core.errors import AccessDenied, BadArgument, InputError, Problem
from kinerja.services.indicators import check
from kinerja.services.indicators.sync import CONSOLE, bump_generation, definition
from kinerja.specs.loader import IndicatorSpec

DRAFT, SUBMITTED, APPROVED, REJECTED = "DRAFT", "SUBMITTED", "APPROVED", "REJECTED"
STATUSES = (DRAFT, SUBMITTED, APPROVED, REJECTED)
OPEN = (DRAFT, SUBMITTED, REJECTED)  # counted against the agency's limit (settings.max_indicator_drafts)
NOTE_MAX = 2000  # a rejection's note
REASON_MAX = 1000  # a retirement's reason
LIST_MAX = 200  # indicatorDrafts answers at most this many, newest first


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# --- reads ---------------------------------------------------------------------------------------------------------

async def list_drafts(access: Access, agency_code: str | None = None, status: str | None = None
                      ) -> list[IndicatorDraft]:
    """The drafts the viewer works on: ADMIN every agency's (or one's), an agency admin its own agency's."""
    if not access.may_read_reports:
        raise deny("only ADMIN and agency admins see indicator drafts", params={"action": "read_indicator_drafts"})
    qs = IndicatorDraft.all()
    if agency_code:
        agency = await Agency.get_or_none(code=agency_code.strip().upper())
        if agency is None or not access.can_manage_agency(agency.id):
            return []
        qs = qs.filter(agency_id=agency.id)
    elif not access.is_admin:
        qs = qs.filter(agency_id=access.viewer.agency_id)
    if status:
        qs = qs.filter(status=status)
    return await qs.order_by("-updated_at", "-id").limit(LIST_MAX)


async def get_draft(access: Access, draft_id: int, path: Sequence[str] = ("id",)) -> IndicatorDraft:
    """One draft the viewer may work on; NOT_FOUND otherwise (another agency's draft is not told apart)."""
    draft = await IndicatorDraft.get_or_none(id=draft_id) if access.may_read_reports else None
    if draft is None or not access.can_manage_agency(draft.agency_id):
        raise InputError.one(path, "NOT_FOUND", f"no indicator draft {draft_id}",
                             params={"what": "draft", "key": str(draft_id)})
    return draft


async def load_draft(catalog: Any, draft: IndicatorDraft) -> tuple[IndicatorSpec | None, list[check.SpecProblem]]:
    """The draft's spec as the loader reads it today (a calculator's plugin may have gone since it was saved)."""
    agency = await Agency.get(id=draft.agency_id)
    return check.load_indicator(agency.code, agency.name, draft.yaml, catalog.calculators, catalog.file_indicator)


# --- the agency's steps --------------------------------------------------------------------------------------------

async def save_draft(access: Access, catalog: Any, *, agency_code: str, text: str, draft_id: int | None = None,
                     version: int | None = None, limit: int = 20) -> IndicatorDraft:
    """Create a draft (draft_id None) or save a new text into one (`version`: the revision last read)."""
    agency = await _agency(access, agency_code, ("input", "agency"))
    draft = None
    if draft_id is not None:
        draft = await get_draft(access, draft_id, ("input", "id"))
        if draft.agency_id != agency.id:
            raise InputError.one(("input", "agency"), "INVALID_AGENCY", "a draft stays with the agency it was begun "
                                                                       "for; begin a new draft for another agency")
        _fresh(draft, version)
        if draft.status == APPROVED:
            raise InputError.one(("input", "id"), "ALREADY_DECIDED", f"draft {draft.id} is approved; begin a new "
                                                                     "draft to change the indicator again")
    if len(text) > check.MAX_TEXT:
        raise InputError.one(("input", "yaml"), "TOO_LONG", f"the spec is {len(text)} characters; at most "
                                                            f"{check.MAX_TEXT}",
                             params={"length": len(text), "limit": check.MAX_TEXT})
    spec, problems = check.load_indicator(agency.code, agency.name, text, catalog.calculators,
                                          catalog.file_indicator)
    _raise_problems(problems, ("input", "yaml"))
    indicator = await Indicator.get_or_none(agency_id=agency.id, code=spec.code)
    if indicator is not None and indicator.origin != CONSOLE:  # a file's indicator the catalog did not load
        raise InputError.one(("input", "yaml", "code"), check.FROM_FILE,
                             f"{spec.full_code} is defined in a spec file; it cannot be drafted: change the file "
                             "or pick another code", params={"indicator": spec.full_code})
    others = IndicatorDraft.filter(agency_id=agency.id, code=spec.code, status__in=OPEN)
    if draft is not None:
        others = others.exclude(id=draft.id)
    other = await others.first()
    if other is not None:
        raise InputError.one(("input", "yaml", "code"), "DUPLICATE_DRAFT",
                             f"draft {other.id} already drafts {spec.full_code}; open that one")
    if draft is None and await IndicatorDraft.filter(agency_id=agency.id, status__in=OPEN).count() >= limit:
        raise InputError.one(("input",), "TOO_MANY_DRAFTS", f"{agency.code} has {limit} open drafts, the most an "
                                                            "agency may have; submit or discard one first",
                             params={"agency": agency.code, "limit": limit})
    actor = access.viewer.actor
    async with in_transaction() as conn:
        if draft is None:
            draft = await IndicatorDraft.create(
                agency_id=agency.id, code=spec.code, indicator_id=indicator.id if indicator else None,
                base_version=indicator.version if indicator else None, yaml=text, status=DRAFT,
                created_by=actor, updated_by=actor, using_db=conn)
            before = None
        else:
            before = {"code": draft.code, "status": draft.status, "revision": draft.revision}
            if draft.code != spec.code or draft.indicator_id != (indicator.id if indicator else None):
                draft.indicator_id = indicator.id if indicator else None  # a new code: another indicator
                draft.base_version = indicator.version if indicator else None
            updated = await IndicatorDraft.filter(id=draft.id, revision=draft.revision).using_db(conn).update(
                code=spec.code, indicator_id=draft.indicator_id, base_version=draft.base_version, yaml=text,
                status=DRAFT, revision=draft.revision + 1, updated_by=actor, updated_at=_now())
            if updated != 1:
                raise _stale_error(draft.id)
            draft = await IndicatorDraft.get(id=draft.id).using_db(conn)
        await audit.append(conn, actor, [audit.Change("indicator_draft.save", "indicator_draft", str(draft.id), before,
                                                      {"code": spec.full_code, "status": DRAFT,
                                                       "revision": draft.revision, "content": spec.version})])
    return draft


async def submit_draft(access: Access, catalog: Any, draft_id: int, version: int | None) -> IndicatorDraft:
    """The agency asks BKPSDM to approve the draft (DRAFT or REJECTED -> SUBMITTED)."""
    draft = await get_draft(access, draft_id)
    _fresh(draft, version)
    if draft.status not in (DRAFT, REJECTED):
        raise InputError.one(("id",), "INVALID_STATUS", f"draft {draft.id} is {draft.status}; only a draft or a "
                                                        "rejected draft can be submitted",
                             params={"what": "draft", "key": str(draft.id), "status": draft.status})
    spec, problems = await load_draft(catalog, draft)
    _raise_problems(problems, ("id",))
    return await _move(access, draft, SUBMITTED, "indicator_draft.submit",
                       submitted_by=access.viewer.actor, submitted_at=_now())


async def discard_draft(access: Access, draft_id: int, version: int | None) -> IndicatorDraft:
    """The agency drops a draft that was not approved (its row goes; the audit trail keeps its steps)."""
    draft = await get_draft(access, draft_id)
    _fresh(draft, version)
    if draft.status == APPROVED:
        raise InputError.one(("id",), "ALREADY_DECIDED", f"draft {draft.id} is approved: it is the indicator's "
                                                         "history now")
    async with in_transaction() as conn:
        if await IndicatorDraft.filter(id=draft.id, revision=draft.revision).using_db(conn).delete() != 1:
            raise _stale_error(draft.id)
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "indicator_draft.discard", "indicator_draft", str(draft.id),
            {"code": draft.code, "status": draft.status, "revision": draft.revision}, None)])
    return draft


# --- BKPSDM's decision ---------------------------------------------------------------------------------------------

async def approve_draft(access: Access, catalog: Any, draft_id: int, version: int | None) -> IndicatorDraft:
    """ADMIN: the submitted draft becomes the indicator's new version (or a new indicator), at once for every
    process: the catalog of this one is read again here, the others' on their next use (specs generation)."""
    if not access.is_admin:
        raise refusal(("id",), "only ADMIN (BKPSDM) approves indicator drafts", params={"action": "approve_draft"})
    draft = await get_draft(access, draft_id)
    _fresh(draft, version)
    if draft.status != SUBMITTED:
        raise InputError.one(("id",), "INVALID_STATUS", f"draft {draft.id} is {draft.status}; only a submitted "
                                                        "draft can be approved",
                             params={"what": "draft", "key": str(draft.id), "status": draft.status})
    spec, problems = await load_draft(catalog, draft)
    _raise_problems(problems, ("id",))
    indicator = await Indicator.get_or_none(agency_id=draft.agency_id, code=spec.code)
    if indicator is not None and indicator.origin != CONSOLE:
        raise InputError.one(("id",), check.FROM_FILE, f"{spec.full_code} is now defined in a spec file",
                             params={"indicator": spec.full_code})
    current = indicator.version if indicator else None
    if current != draft.base_version:
        raise InputError.one(("id",), "STALE_BASE", f"{spec.full_code} changed since this draft was begun (it was "
                                                    f"version {draft.base_version or 'new'}, it is {current}); "
                                                    "the agency opens the draft again and submits it anew")
    if indicator is not None and indicator.active and indicator.version == spec.version:
        raise InputError.one(("id",), "NO_CHANGE", f"the draft is the same as {spec.full_code}'s current version")
    actor = access.viewer.actor
    now = _now()
    fields = dict(name=spec.name, unit=spec.unit, direction=spec.direction, level=spec.level, version=spec.version,
                  definition=definition(spec), active=True, origin=CONSOLE, retired_at=None, retired_by=None,
                  retire_reason=None)
    try:
        async with in_transaction() as conn:
            moved = await IndicatorDraft.filter(id=draft.id, revision=draft.revision, status=SUBMITTED).using_db(
                conn).update(status=APPROVED, decided_by=actor, decided_at=now, approved_version=spec.version,
                             revision=draft.revision + 1, updated_at=now)
            if moved != 1:
                raise _stale_error(draft.id)
            if indicator is None:
                indicator = await Indicator.create(agency_id=draft.agency_id, code=spec.code,
                                                   full_code=spec.full_code, using_db=conn, **fields)
                change = audit.Change("indicator.create", "indicator", spec.full_code, None,
                                      {"version": spec.version, "origin": CONSOLE, "draft": draft.id})
            else:
                before = {"version": indicator.version, "active": indicator.active}
                if await Indicator.filter(id=indicator.id, version=indicator.version).using_db(conn).update(
                        **fields, updated_at=now) != 1:
                    raise _stale_error(draft.id)
                change = audit.Change("indicator.update", "indicator", spec.full_code, before,
                                      {"version": spec.version, "active": True, "draft": draft.id})
            if not await IndicatorVersion.filter(indicator_id=indicator.id, version=spec.version).using_db(
                    conn).exists():
                await IndicatorVersion.create(indicator_id=indicator.id, version=spec.version,
                                              definition=fields["definition"], yaml=draft.yaml,
                                              drafted_by=draft.updated_by, approved_by=actor, draft_id=draft.id,
                                              using_db=conn)
            await audit.append(conn, actor, [
                audit.Change("indicator_draft.approve", "indicator_draft", str(draft.id), {"status": SUBMITTED},
                             {"status": APPROVED, "version": spec.version}), change])
            await bump_generation(conn)
    except IntegrityError:  # another approval created the same code at the same moment
        raise _stale_error(draft.id) from None
    await catalog.refresh()
    return await IndicatorDraft.get(id=draft.id)


async def reject_draft(access: Access, draft_id: int, note: str, version: int | None) -> IndicatorDraft:
    """ADMIN: the submitted draft goes back to the agency with a note (it can be changed and submitted again)."""
    if not access.is_admin:
        raise refusal(("id",), "only ADMIN (BKPSDM) rejects indicator drafts", params={"action": "reject_draft"})
    draft = await get_draft(access, draft_id)
    _fresh(draft, version)
    text = (note or "").strip()
    if not text:
        raise InputError.one(("note",), "REQUIRED", "say why the draft is rejected, so the agency can change it")
    if len(text) > NOTE_MAX:
        raise InputError.one(("note",), "TOO_LONG", f"the note is {len(text)} characters; at most {NOTE_MAX}",
                             params={"length": len(text), "limit": NOTE_MAX})
    if draft.status != SUBMITTED:
        raise InputError.one(("id",), "INVALID_STATUS", f"draft {draft.id} is {draft.status}; only a submitted "
                                                        "draft can be rejected",
                             params={"what": "draft", "key": str(draft.id), "status": draft.status})
    return await _move(access, draft, REJECTED, "indicator_draft.reject", decided_by=access.viewer.actor,
                       decided_at=_now(), note=text)


# --- retirement ----------------------------------------------------------------------------------------------------

async def retire_indicator(access: Access, catalog: Any, code: str, reason: str) -> Indicator:
    """ADMIN, or the agency's admin: a console indicator takes no new targets or measurements; its versions,
    targets and measurements stay (a file's indicator is retired by taking it out of its file)."""
    full_code = (code or "").strip().upper()
    indicator = await Indicator.get_or_none(full_code=full_code)
    if indicator is None or not (access.may_read_reports and access.can_manage_agency(indicator.agency_id)):
        if indicator is not None and access.can_see_agency(indicator.agency_id):
            raise refusal(("code",), "only ADMIN and the agency's admin retire its indicators",
                          params={"action": "retire_indicator"})
        raise InputError.one(("code",), "NOT_FOUND", f"no indicator {full_code}",
                             params={"what": "indicator", "key": full_code})
    text = (reason or "").strip()
    if not text:
        raise InputError.one(("reason",), "REQUIRED", "say why the indicator is retired")
    if len(text) > REASON_MAX:
        raise InputError.one(("reason",), "TOO_LONG", f"the reason is {len(text)} characters; at most {REASON_MAX}",
                             params={"length": len(text), "limit": REASON_MAX})
    if indicator.origin != CONSOLE:
        raise InputError.one(("code",), check.FROM_FILE, f"{full_code} is defined in a spec file: take it out of "
                                                         "the file and reload the specs to retire it",
                             params={"indicator": full_code})
    if not indicator.active:
        raise InputError.one(("code",), "ALREADY_RETIRED", f"{full_code} is already retired",
                             params={"indicator": full_code})
    now = _now()
    async with in_transaction() as conn:
        if await Indicator.filter(id=indicator.id, active=True).using_db(conn).update(
                active=False, retired_at=now, retired_by=access.viewer.actor, retire_reason=text,
                updated_at=now) != 1:
            raise InputError.one(("code",), "ALREADY_RETIRED", f"{full_code} is already retired",
                                 params={"indicator": full_code})
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "indicator.retire", "indicator", full_code, {"active": True}, {"active": False, "reason": text})])
        await bump_generation(conn)
    await catalog.refresh()
    return await Indicator.get(id=indicator.id)


# --- helpers -------------------------------------------------------------------------------------------------------

async def _agency(access: Access, code: str, path: Sequence[str]) -> Agency:
    try:
        return await check.drafting_agency(access, code)
    except BadArgument as exc:  # no such agency (ADMIN)
        raise InputError.one(path, exc.code, str(exc), exc.params) from None
    except AccessDenied as exc:  # another agency's, or not an admin: the mutation's UserError at the field
        if exc.code != "FORBIDDEN":
            raise
        raise refusal(path, str(exc), exc.params) from None


def _fresh(draft: IndicatorDraft, version: int | None) -> None:
    if version is None:
        raise InputError.one(("version",), "REQUIRED", f"give the version of draft {draft.id} you last read "
                                                       f"(it is {draft.revision})")
    if version != draft.revision:
        raise InputError.one(("version",), "STALE_VERSION", f"draft {draft.id} was changed since you read it "
                                                            f"(version {version}, now {draft.revision}); open it again",
                             params={"current": draft.revision, "version": version})


def _stale_error(draft_id: int) -> InputError:
    return InputError.one(("version",), "STALE_VERSION", f"draft {draft_id} or its indicator was changed at the "
                                                         "same time by another request; open it again")


def _raise_problems(problems: Sequence[check.SpecProblem], path: Sequence[str]) -> None:
    if problems:
        raise InputError([Problem((*path, *p.path), p.code, p.message) for p in problems])


async def _move(access: Access, draft: IndicatorDraft, status: str, action: str, **fields: Any) -> IndicatorDraft:
    async with in_transaction() as conn:
        moved = await IndicatorDraft.filter(id=draft.id, revision=draft.revision, status=draft.status).using_db(
            conn).update(status=status, revision=draft.revision + 1, updated_at=_now(), **fields)
        if moved != 1:
            raise _stale_error(draft.id)
        await audit.append(conn, access.viewer.actor, [audit.Change(
            action, "indicator_draft", str(draft.id), {"status": draft.status}, {"status": status})])
    return await IndicatorDraft.get(id=draft.id)
