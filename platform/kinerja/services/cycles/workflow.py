"""Cycles: creation with derived periods, and the status workflow (forward one step, back with a reason)."""

from __future__ import annotations

import functools

from tortoise.transactions import in_transaction

from kinerja.models import Cycle
from kinerja.services.core import audit
from kinerja.services.core.access import Access
from kinerja.services.core.errors import InputError

STATUSES = ("PLANNING", "ACTIVE", "EVALUATION", "CLOSED")
PERIODICITIES = ("QUARTERLY", "MONTHLY")
MIN_YEAR, MAX_YEAR = 2000, 2100
REASON_MAX = 1000


def periods_of(year: int, periodicity: str) -> list[str]:
    """The periodic evaluations of the year in order, then the annual period."""
    return list(_periods(year, periodicity))


@functools.lru_cache(maxsize=256)
def _periods(year: int, periodicity: str) -> tuple[str, ...]:
    if periodicity == "MONTHLY":
        parts = [f"{year}-{m:02d}" for m in range(1, 13)]
    else:
        parts = [f"{year}-Q{q}" for q in range(1, 5)]
    return (*parts, str(year))


def is_period_of(period: str, year: int, periodicity: str) -> bool:
    return period in _periods(year, periodicity)


def _snapshot(cycle: Cycle) -> dict:
    return {"year": cycle.year, "periodicity": cycle.periodicity, "status": cycle.status}


async def list_cycles() -> list[Cycle]:
    return await Cycle.all().order_by("year")


async def create_cycle(access: Access, year: int, periodicity: str) -> Cycle:
    if not access.is_admin:
        raise InputError.one(["year"], "FORBIDDEN", "only ADMIN may create cycles")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError.one(["year"], "INVALID_YEAR", f"year must be {MIN_YEAR}-{MAX_YEAR}, got {year}")
    if periodicity not in PERIODICITIES:
        raise InputError.one(["periodicity"], "INVALID_PERIODICITY", f"periodicity must be QUARTERLY or MONTHLY")
    if await Cycle.exists(year=year):
        raise InputError.one(["year"], "DUPLICATE", f"cycle {year} exists already")
    async with in_transaction() as conn:
        cycle = await Cycle.create(year=year, periodicity=periodicity, status="PLANNING", using_db=conn)
        await audit.append(conn, access.viewer.actor,
                           [audit.Change("cycle.create", "cycle", str(year), None, _snapshot(cycle))])
    return cycle


async def set_cycle_status(access: Access, year: int, status: str, reason: str | None = None) -> Cycle:
    """Forward one step at a time; backwards any number of steps, but only with a reason."""
    if not access.is_admin:
        raise InputError.one(["status"], "FORBIDDEN", "only ADMIN may change a cycle's status")
    if status not in STATUSES:
        raise InputError.one(["status"], "INVALID_STATUS", f"status must be one of {', '.join(STATUSES)}")
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise InputError.one(["reason"], "TOO_LONG", f"reason is {len(reason)} characters; at most {REASON_MAX}")
    async with in_transaction() as conn:
        cycle = await Cycle.filter(year=year).using_db(conn).select_for_update().first()
        if cycle is None:
            raise InputError.one(["year"], "NOT_FOUND", f"no cycle {year}")
        now, want = STATUSES.index(cycle.status), STATUSES.index(status)
        if want == now:
            raise InputError.one(["status"], "INVALID_TRANSITION", f"cycle {year} is {status} already")
        if want > now + 1:
            raise InputError.one(["status"], "INVALID_TRANSITION",
                                 f"cycle {year} moves forward one step at a time: {cycle.status} -> {STATUSES[now + 1]}")
        if want < now and not reason:
            raise InputError.one(["reason"], "REASON_REQUIRED",
                                 f"moving cycle {year} back from {cycle.status} to {status} needs a reason")
        before = _snapshot(cycle)
        cycle.status = status
        await cycle.save(using_db=conn, update_fields=["status", "updated_at"])
        after = _snapshot(cycle) | ({"reason": reason} if reason else {})
        await audit.append(conn, access.viewer.actor, [audit.Change("cycle.status", "cycle", str(year), before, after)])
    return cycle
