"""Cycles: creation with derived periods, and the status workflow (forward one step, back with a reason)."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from kinerja.models import Cycle
from kinerja.services.core import audit
from kinerja.services.core.access import Access, refusal
from kinerja.services.core.errors import InputError
from kinerja.services.cycles.gate import (evaluation_periods_of, is_period_of,  # noqa: F401 (this module's API)
                                         periods_of)

STATUSES = ("PLANNING", "ACTIVE", "EVALUATION", "CLOSED")
PERIODICITIES = ("QUARTERLY", "MONTHLY")
MIN_YEAR, MAX_YEAR = 2000, 2100
REASON_MAX = 1000


def _snapshot(cycle: Cycle) -> dict:
    return {"year": cycle.year, "periodicity": cycle.periodicity, "status": cycle.status}


async def list_cycles() -> list[Cycle]:
    return await Cycle.all().order_by("year")


async def create_cycle(access: Access, year: int, periodicity: str) -> Cycle:
    if not access.is_admin:
        raise refusal(["year"], "only ADMIN may create cycles", params={"action": "create_cycle"})
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError.one(["year"], "INVALID_YEAR", f"year must be {MIN_YEAR}-{MAX_YEAR}, got {year}",
                             params={"min": MIN_YEAR, "max": MAX_YEAR, "value": year})
    if periodicity not in PERIODICITIES:
        raise InputError.one(["periodicity"], "INVALID_PERIODICITY", "periodicity must be QUARTERLY or MONTHLY")
    if await Cycle.exists(year=year):
        raise InputError.one(["year"], "DUPLICATE", f"cycle {year} exists already",
                             params={"what": "cycle", "key": year})
    async with in_transaction() as conn:
        cycle = await Cycle.create(year=year, periodicity=periodicity, status="PLANNING", using_db=conn)
        await audit.append(conn, access.viewer.actor,
                           [audit.Change("cycle.create", "cycle", str(year), None, _snapshot(cycle))])
    return cycle


async def set_cycle_status(access: Access, year: int, status: str, reason: str | None = None) -> Cycle:
    """Forward one step at a time; backwards any number of steps, but only with a reason."""
    if not access.is_admin:
        raise refusal(["status"], "only ADMIN may change a cycle's status", params={"action": "set_cycle_status"})
    if status not in STATUSES:
        raise InputError.one(["status"], "INVALID_STATUS", f"status must be one of {', '.join(STATUSES)}",
                             params={"allowed": STATUSES})
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise InputError.one(["reason"], "TOO_LONG", f"reason is {len(reason)} characters; at most {REASON_MAX}",
                             params={"length": len(reason), "limit": REASON_MAX})
    async with in_transaction() as conn:
        # FOR UPDATE: waits for the writes that hold the cycle FOR SHARE (gate.recheck) and holds off new ones
        cycle = await Cycle.filter(year=year).using_db(conn).select_for_update().first()
        if cycle is None:
            raise InputError.one(["year"], "NOT_FOUND", f"no cycle {year}", params={"what": "cycle", "key": year})
        now, want = STATUSES.index(cycle.status), STATUSES.index(status)
        if want == now:
            raise InputError.one(["status"], "INVALID_TRANSITION", f"cycle {year} is {status} already",
                                 params={"year": year, "status": status})
        if want > now + 1:
            raise InputError.one(["status"], "INVALID_TRANSITION",
                                 f"cycle {year} moves forward one step at a time: {cycle.status} -> {STATUSES[now + 1]}",
                                 params={"year": year, "status": cycle.status, "to": STATUSES[now + 1]})
        if want < now and not reason:
            raise InputError.one(["reason"], "REASON_REQUIRED",
                                 f"moving cycle {year} back from {cycle.status} to {status} needs a reason",
                                 params={"year": year, "status": cycle.status, "to": status})
        before = _snapshot(cycle)
        cycle.status = status
        await cycle.save(using_db=conn, update_fields=["status", "updated_at"])
        after = _snapshot(cycle) | ({"reason": reason} if reason else {})
        await audit.append(conn, access.viewer.actor, [audit.Change("cycle.status", "cycle", str(year), before, after)])
    return cycle
