"""Organisation ratings (predikat kinerja organisasi): set per agency and period by ADMIN, audited; batch reads."""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from kinerja.models import Agency, OrgRating
from kinerja.services.core import audit
from kinerja.services.core.access import Access, refusal
from kinerja.services.evaluation.curve import ORG_PREDIKATS
from kinerja.services.core.errors import InputError
from kinerja.services.cycles import gate
from kinerja.services.evaluation.ratings import OPEN_STATUSES, PERIOD_WORDING


async def set_org_predikat(access: Access, agency_code: str, period: str, predikat: str) -> Agency:
    """Create or replace the agency's predikat for a period of an existing cycle that is not CLOSED."""
    if not access.is_admin:
        raise refusal(("agency",), "the organisation predikat is set by ADMIN (the level above)")
    agency = await Agency.get_or_none(code=(agency_code or "").strip().upper())
    if agency is None:
        raise InputError.one(("agency",), "NOT_FOUND", f"no agency with code {agency_code!r}")
    if predikat not in ORG_PREDIKATS:
        raise InputError.one(("predikat",), "INVALID_PREDIKAT", f"predikat must be one of {', '.join(ORG_PREDIKATS)}")
    cycle, problem = await gate.cycle_for_period(period, ("period",), PERIOD_WORDING, evaluation=True)
    problem = problem or gate.cycle_problem(cycle, cycle.year, OPEN_STATUSES, ("period",), "organisation ratings")
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


async def org_predikats(keys: Sequence[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """Organisation predikat by (agency id, period), in one statement."""
    wanted = set(keys)
    rows = await OrgRating.filter(agency_id__in=sorted({k[0] for k in wanted}),
                                  period__in=sorted({k[1] for k in wanted})).values_list("agency_id", "period",
                                                                                          "predikat")
    return {(a, p): predikat for a, p, predikat in rows if (a, p) in wanted}
