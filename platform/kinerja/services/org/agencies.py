"""Agencies and their unit trees: create, and read within the viewer's scope."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Sequence

from tortoise.transactions import in_transaction

from kinerja.models import Agency, HeadcountRollup, Unit
from kinerja.models.rollup import WHOLE_AGENCY
from kinerja.services.core import audit
from kinerja.services.core.access import Access, refusal
from kinerja.services.core.errors import NAME_MAX, BadArgument, InputError, Problem, check_name  # noqa: F401 (NAME_MAX: graphql/limits)

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")


def check_code(value: str, path: Sequence[str], what: str) -> list[Problem]:
    if not CODE_RE.match(value or ""):
        return [
            Problem(
                tuple(path), "INVALID_CODE",
                f"{what} code must be 1-32 characters of A-Z, 0-9, '-' or '_', starting with a letter or digit; got {value!r}",
                params={"what": what, "value": value},
            )
        ]
    return []


def agency_snapshot(agency: Agency) -> dict:
    return {"code": agency.code, "name": agency.name}


async def create_agency(access: Access, code: str, name: str) -> Agency:
    if not access.is_admin:
        raise refusal(["input"], "only ADMIN may create agencies", params={"action": "create_agency"})
    code = (code or "").strip().upper()
    problems = check_code(code, ["input", "code"], "agency") + check_name(name, ["input", "name"])
    if problems:
        raise InputError(problems)
    if await Agency.exists(code=code):
        raise InputError.one(["input", "code"], "DUPLICATE", f"an agency with code {code!r} exists already",
                             params={"what": "agency", "key": code})
    async with in_transaction() as conn:
        agency = await Agency.create(code=code, name=name.strip(), using_db=conn)
        await audit.append(
            conn, access.viewer.actor, [audit.Change("agency.create", "agency", code, None, agency_snapshot(agency))]
        )
    return agency


async def create_unit(access: Access, agency_code: str, code: str, name: str, parent: str | None) -> Unit:
    agency = await Agency.get_or_none(code=(agency_code or "").strip().upper())
    if agency is None or not access.can_see_agency(agency.id):
        raise InputError.one(["input", "agency"], "NOT_FOUND", f"no agency with code {agency_code!r}",
                             params={"what": "agency", "key": agency_code})
    if not access.can_manage_agency(agency.id):
        raise refusal(["input", "agency"], "only ADMIN or this agency's admin may add units",
                      params={"action": "add_unit"})
    code = (code or "").strip().upper()
    problems = check_code(code, ["input", "code"], "unit") + check_name(name, ["input", "name"])
    parent_unit = None
    if parent:
        parent_unit = await Unit.get_or_none(agency_id=agency.id, code=parent.strip().upper())
        if parent_unit is None:
            problems.append(
                Problem(("input", "parent"), "NOT_FOUND", f"no unit {parent!r} in agency {agency.code}",
                        params={"what": "unit", "key": parent, "agency": agency.code})
            )
    if problems:
        raise InputError(problems)
    if await Unit.exists(agency_id=agency.id, code=code):
        raise InputError.one(["input", "code"], "DUPLICATE", f"agency {agency.code} has a unit {code!r} already",
                             params={"what": "unit", "key": code})
    async with in_transaction() as conn:
        unit = await Unit.create(agency=agency, code=code, name=name.strip(), parent=parent_unit, using_db=conn)
        after = {"agency": agency.code, "code": code, "name": unit.name, "parent": parent_unit.code if parent_unit else None}
        await audit.append(conn, access.viewer.actor, [audit.Change("unit.create", "unit", f"{agency.code}/{code}", None, after)])
    return unit


async def update_agency(access: Access, code: str, name: str) -> Agency:
    """Rename an agency (its code stays): ADMIN only, as creating one; audited, nothing written when the name is
    the same."""
    if not access.is_admin:
        raise refusal(["input"], "only ADMIN may edit agencies", params={"action": "edit_agency"})
    key = (code or "").strip().upper()
    agency = await Agency.get_or_none(code=key)
    if agency is None:
        raise InputError.one(["input", "code"], "NOT_FOUND", f"no agency with code {code!r}",
                             params={"what": "agency", "key": code})
    problems = check_name(name, ["input", "name"])
    if problems:
        raise InputError(problems)
    async with in_transaction() as conn:
        row = await Agency.filter(id=agency.id).using_db(conn).select_for_update().first()
        before = agency_snapshot(row)
        if row.name == name.strip():
            return row  # nothing changes, nothing to audit
        row.name = name.strip()
        await row.save(using_db=conn, update_fields=["name"])
        await audit.append(conn, access.viewer.actor,
                           [audit.Change("agency.update", "agency", row.code, before, agency_snapshot(row))])
    return row


def _loops(unit_id: int, parent_id: int, parents: dict[int, int | None]) -> bool:
    """Whether making `parent_id` the parent of `unit_id` closes a loop: the new parent is the unit itself or lies
    below it (its chain of parents reaches the unit). `parents`: every unit of the agency by id -> its parent id."""
    seen: set[int] = set()
    current: int | None = parent_id
    while current is not None and current not in seen:
        if current == unit_id:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


async def update_unit(access: Access, agency_code: str, code: str, name: str, parent: str | None) -> Unit:
    """Rename a unit and set its parent (none: a top unit); its code stays. Whoever may add the agency's units
    (create_unit's rule: ADMIN or this agency's admin); another agency reads as not found. A parent that is the unit
    itself or one of its sub-units is refused (UNIT_LOOP), checked under a lock of the agency's row so that two
    concurrent moves cannot close a loop between them. Audited; nothing written when nothing changes."""
    agency = await Agency.get_or_none(code=(agency_code or "").strip().upper())
    if agency is None or not access.can_see_agency(agency.id):
        raise InputError.one(["input", "agency"], "NOT_FOUND", f"no agency with code {agency_code!r}",
                             params={"what": "agency", "key": agency_code})
    if not access.can_manage_agency(agency.id):
        raise refusal(["input", "agency"], "only ADMIN or this agency's admin may edit its units",
                      params={"action": "edit_unit"})
    unit = await Unit.get_or_none(agency_id=agency.id, code=(code or "").strip().upper())
    problems = check_name(name, ["input", "name"])
    if unit is None:
        problems.insert(0, Problem(("input", "code"), "NOT_FOUND", f"no unit {code!r} in agency {agency.code}",
                                   params={"what": "unit", "key": code, "agency": agency.code}))
    parent_code = (parent or "").strip().upper() or None
    if parent_code and not await Unit.exists(agency_id=agency.id, code=parent_code):
        problems.append(Problem(("input", "parent"), "NOT_FOUND", f"no unit {parent!r} in agency {agency.code}",
                                params={"what": "unit", "key": parent, "agency": agency.code}))
    if problems:
        raise InputError(problems)
    async with in_transaction() as conn:
        await Agency.filter(id=agency.id).using_db(conn).select_for_update().first()  # one move of a tree at a time
        units = await Unit.filter(agency_id=agency.id).using_db(conn).all()
        by_code = {u.code: u for u in units}
        row = by_code.get(unit.code)
        parent_unit = by_code.get(parent_code) if parent_code else None
        if parent_code and parent_unit is None:
            raise InputError.one(["input", "parent"], "NOT_FOUND", f"no unit {parent!r} in agency {agency.code}",
                                 params={"what": "unit", "key": parent, "agency": agency.code})
        if parent_unit is not None and _loops(row.id, parent_unit.id, {u.id: u.parent_id for u in units}):
            raise InputError.one(
                ["input", "parent"], "UNIT_LOOP",
                f"unit {parent_unit.code} is {row.code} itself or below it: a unit cannot be its own parent",
                params={"parent": parent_unit.code, "unit": row.code})
        by_id = {u.id: u for u in units}
        before = {"agency": agency.code, "code": row.code, "name": row.name,
                  "parent": by_id[row.parent_id].code if row.parent_id in by_id else None}
        after = {**before, "name": name.strip(), "parent": parent_unit.code if parent_unit else None}
        if after == before:
            return row  # nothing changes, nothing to audit
        row.name, row.parent_id = after["name"], parent_unit.id if parent_unit else None
        await row.save(using_db=conn, update_fields=["name", "parent_id"])
        await audit.append(conn, access.viewer.actor,
                           [audit.Change("unit.update", "unit", f"{agency.code}/{row.code}", before, after)])
    return row


async def get_unit(access: Access, agency_id: int, code: str) -> Unit | None:
    """One unit of an agency the viewer sees, or None (another agency's reads as none)."""
    if not access.can_see_agency(agency_id):
        return None
    return await Unit.get_or_none(agency_id=agency_id, code=(code or "").strip().upper())


async def list_agencies(access: Access) -> list[Agency]:
    return await Agency.filter(access.agency_filter()).order_by("code")


async def get_agency(access: Access, code: str) -> Agency | None:
    agency = await Agency.get_or_none(code=(code or "").strip().upper())
    if agency is None or not access.can_see_agency(agency.id):
        return None
    return agency


async def agency_in_scope(access: Access, code: str, argument: str = "agency") -> Agency:
    """get_agency, or NOT_FOUND naming the argument: an agency out of scope reads as one that does not exist."""
    agency = await get_agency(access, code)
    if agency is None:
        raise BadArgument(argument, f"no agency {code!r}", "NOT_FOUND", params={"what": "agency", "key": code})
    return agency


# Batch loaders: one query for many keys (used by the GraphQL DataLoaders).

async def agencies_by_ids(ids: Sequence[int]) -> dict[int, Agency]:
    return {a.id: a for a in await Agency.filter(id__in=list(set(ids)))}


async def units_by_ids(ids: Sequence[int]) -> dict[int, Unit]:
    return {u.id: u for u in await Unit.filter(id__in=list(set(ids)))}


async def units_of_agencies(agency_ids: Sequence[int]) -> dict[int, list[Unit]]:
    grouped: dict[int, list[Unit]] = defaultdict(list)
    for unit in await Unit.filter(agency_id__in=list(set(agency_ids))).order_by("code"):
        grouped[unit.agency_id].append(unit)
    return grouped


async def headcounts(agency_ids: Sequence[int]) -> dict[int, int]:
    """People per agency now, from the agencies' headcount rollup rows (unit 0); absent agencies have none."""
    rows = await HeadcountRollup.filter(agency_id__in=sorted(set(agency_ids)), unit_id=WHOLE_AGENCY).values(
        "agency_id", "people")
    return {r["agency_id"]: r["people"] for r in rows}
