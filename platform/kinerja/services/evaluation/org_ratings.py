"""Organisation ratings (predikat kinerja organisasi), set per period by the level above and audited: an agency's by
ADMIN, a unit's by the agency's admin or ADMIN (SE MenPANRB 3/2023; docs/DOMAIN.md, "Organisation predikat and the
distribution curve"); batch reads for the loaders and the curve."""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from kinerja.models import Agency, OrgRating, Person, Unit, UnitOrgRating
from kinerja.services.core import audit
from kinerja.services.core.access import Access, refusal
from kinerja.services.evaluation.curve import ORG_PREDIKATS
from kinerja.services.core.errors import InputError, Problem
from kinerja.services.cycles import gate
from kinerja.services.evaluation.ratings import OPEN_STATUSES, PERIOD_WORDING


def _predikat_problem(predikat: str) -> Problem | None:
    if predikat in ORG_PREDIKATS:
        return None
    return Problem(("predikat",), "INVALID_PREDIKAT", f"predikat must be one of {', '.join(ORG_PREDIKATS)}",
                   params={"allowed": ORG_PREDIKATS})


async def _open_cycle(period: str) -> tuple[object, Problem | None]:
    cycle, problem = await gate.cycle_for_period(period, ("period",), PERIOD_WORDING, evaluation=True)
    return cycle, problem or gate.cycle_problem(cycle, cycle.year, OPEN_STATUSES, ("period",), "organisation ratings")


async def set_org_predikat(access: Access, agency_code: str, period: str, predikat: str) -> Agency:
    """Create or replace the agency's predikat for a period of an existing cycle that is not CLOSED."""
    if not access.may_set_org_predikat():
        raise refusal(("agency",), "the organisation predikat is set by ADMIN (the level above)",
                      params={"action": "set_org_predikat"})
    agency = await Agency.get_or_none(code=(agency_code or "").strip().upper())
    if agency is None:
        raise InputError.one(("agency",), "NOT_FOUND", f"no agency with code {agency_code!r}",
                             params={"what": "agency", "key": agency_code})
    if problem := _predikat_problem(predikat):
        raise InputError([problem])
    cycle, problem = await _open_cycle(period)
    if problem:
        raise InputError([problem])
    now = dt.datetime.now(dt.timezone.utc)
    try:
        async with in_transaction() as conn:
            await gate.recheck(conn, cycle, OPEN_STATUSES, ("period",), "organisation ratings")
            row = await OrgRating.filter(agency_id=agency.id, period=period).using_db(conn).select_for_update().first()
            before = {"predikat": row.predikat} if row else None
            if row is not None and row.predikat == predikat:
                return agency  # nothing changes, nothing to audit
            if row is None:
                await OrgRating.create(agency_id=agency.id, cycle_id=cycle.id, period=period, predikat=predikat,
                                       set_by=access.viewer.actor, set_at=now, using_db=conn)
            else:
                row.predikat, row.set_by, row.set_at = predikat, access.viewer.actor, now
                await row.save(using_db=conn, update_fields=["predikat", "set_by", "set_at"])
            await audit.append(conn, access.viewer.actor, [audit.Change(
                "org_rating.set", "org_rating", f"{agency.code}/{period}", before, {"predikat": predikat})])
    except IntegrityError:
        raise InputError.one(("period",), "CONFLICT", f"the predikat of {agency.code} for {period} was set at the "
                             "same time by another request; send it again") from None
    return agency


async def _works_in(access: Access, unit_id: int) -> bool:
    """The person this viewer stands for (a sign-in's) works in the unit."""
    if access.viewer.person_id is None:
        return False
    return await Person.filter(id=access.viewer.person_id, unit_id=unit_id).exists()


async def set_unit_org_predikat(access: Access, agency_code: str, unit_code: str, period: str, predikat: str
                                ) -> Unit:
    """Create or replace a unit's predikat for a period of an existing cycle that is not CLOSED: by the level above
    the unit (Access.may_set_unit_org_predikat). Another agency's unit reads as not found; nothing is written on
    any problem."""
    agency = await Agency.get_or_none(code=(agency_code or "").strip().upper())
    if agency is None or not access.can_see_agency(agency.id):
        raise InputError.one(("agency",), "NOT_FOUND", f"no agency with code {agency_code!r}",
                             params={"what": "agency", "key": agency_code})
    if not access.may_set_unit_org_predikat(agency.id, works_in_unit=False):
        raise refusal(("unit",), "a unit's organisation predikat is set by the level above: the agency's admin or "
                                 "ADMIN", params={"action": "set_unit_predikat"})
    problems: list[Problem] = []
    unit = await Unit.get_or_none(agency_id=agency.id, code=(unit_code or "").strip().upper())
    if unit is None:
        problems.append(Problem(("unit",), "NOT_FOUND", f"no unit {unit_code!r} in agency {agency.code}",
                                params={"what": "unit", "key": unit_code, "agency": agency.code}))
    elif not access.may_set_unit_org_predikat(agency.id, works_in_unit=await _works_in(access, unit.id)):
        raise refusal(("unit",), f"you work in unit {unit.code}: its organisation predikat is set by the level "
                                 "above it (another agency admin, or ADMIN)",
                      params={"action": "set_own_unit_predikat"})
    if problem := _predikat_problem(predikat):
        problems.append(problem)
    cycle, problem = await _open_cycle(period)
    if problem:
        problems.append(problem)
    if problems:
        raise InputError(problems)
    key = f"{agency.code}/{unit.code}/{period}"
    now = dt.datetime.now(dt.timezone.utc)
    try:
        async with in_transaction() as conn:
            await gate.recheck(conn, cycle, OPEN_STATUSES, ("period",), "organisation ratings")
            row = await UnitOrgRating.filter(unit_id=unit.id, period=period).using_db(conn).select_for_update().first()
            before = {"predikat": row.predikat} if row else None
            if row is not None and row.predikat == predikat:
                return unit  # nothing changes, nothing to audit
            if row is None:
                await UnitOrgRating.create(agency_id=agency.id, unit_id=unit.id, cycle_id=cycle.id, period=period,
                                           predikat=predikat, set_by=access.viewer.actor, set_at=now, using_db=conn)
            else:
                row.predikat, row.set_by, row.set_at = predikat, access.viewer.actor, now
                await row.save(using_db=conn, update_fields=["predikat", "set_by", "set_at"])
            await audit.append(conn, access.viewer.actor, [audit.Change(
                "unit_org_rating.set", "unit_org_rating", key, before, {"predikat": predikat})])
    except IntegrityError:
        raise InputError.one(("period",), "CONFLICT", f"the predikat of unit {agency.code}/{unit.code} for {period} "
                             "was set at the same time by another request; send it again") from None
    return unit


async def org_predikats(keys: Sequence[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """Organisation predikat by (agency id, period), in one statement."""
    wanted = set(keys)
    rows = await OrgRating.filter(agency_id__in=sorted({k[0] for k in wanted}),
                                  period__in=sorted({k[1] for k in wanted})).values_list("agency_id", "period",
                                                                                          "predikat")
    return {(a, p): predikat for a, p, predikat in rows if (a, p) in wanted}


async def unit_org_predikats(keys: Sequence[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """A unit's own organisation predikat by (unit id, period), in one statement."""
    wanted = set(keys)
    rows = await UnitOrgRating.filter(unit_id__in=sorted({k[0] for k in wanted}),
                                      period__in=sorted({k[1] for k in wanted})).values_list("unit_id", "period",
                                                                                              "predikat")
    return {(u, p): predikat for u, p, predikat in rows if (u, p) in wanted}
