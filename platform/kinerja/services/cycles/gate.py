"""The cycle gate: may this period's cycle take this write?

Every write that depends on a cycle's status asks here, twice: before its transaction (`cycle_for_period`,
`cycle_problem`: the answer goes back with the write's other problems), and again inside it (`recheck`), where
the status is read once more and, on PostgreSQL, held FOR SHARE until the transaction ends. setCycleStatus
locks the cycle row FOR UPDATE before it updates it, so the two cannot interleave: a status change either
waits for the write to commit, or commits first and the write sees it and is refused. Without the second
check a write that passed the first could commit after a concurrent close.

Periods are named as the cycles name them: YYYY (the annual period), YYYY-Qn (QUARTERLY cycles) or YYYY-MM
(MONTHLY cycles).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient

from kinerja.models import Cycle
from kinerja.services.core import sql
from kinerja.services.core.errors import InputError, Problem

Path = tuple[str, ...]


# -- periods -----------------------------------------------------------------------------------------------------

def period_kind(period: str) -> str | None:
    """"year", "quarter" or "month" for a well-formed period; None otherwise."""
    if re.fullmatch(r"\d{4}", period):
        return "year"
    if re.fullmatch(r"\d{4}-Q[1-4]", period):
        return "quarter"
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period):
        return "month"
    return None


def last_day(period: str) -> dt.date:
    """The last day of a well-formed period: 31 December of a year, the quarter's or the month's last day."""
    year = int(period[:4])
    kind = period_kind(period)
    month = 12 if kind == "year" else 3 * int(period[-1]) if kind == "quarter" else int(period[5:7])
    return dt.date(year, month, calendar.monthrange(year, month)[1])


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


def evaluation_periods_of(year: int, periodicity: str) -> list[str]:
    """The periods assessed and rated: the periodic ones without the last, then the year. The last quarter (or
    December) and the year are one evaluation, "Triwulan IV / Akhir Tahun", stored under the year (the official
    form's periods are TRIWULAN I / II / III / IV-AKHIR; docs/DOMAIN.md, "The year end"). Measurements and the
    survey keep every period."""
    parts = _periods(year, periodicity)
    return [*parts[:-2], parts[-1]]


def is_folded_into_year(period: str) -> bool:
    """The last periodic period of a year (YYYY-Q4, YYYY-12): evaluated as the year."""
    return period_kind(period) in ("quarter", "month") and period[5:] in ("Q4", "12")


# -- the answers -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Wording:
    """How the gate's refusals read for one kind of write (the codes are fixed: INVALID_PERIOD, CYCLE_CLOSED,
    CYCLE_STATE; a year without a cycle is `no_cycle`'s code).

    The cycle_for_period answers may name {period}; no_cycle and foreign also {year}, foreign also {periods} (the
    cycle's, comma separated). The cycle_problem answers, closed and state, may name {year}, {what}, {allowed}
    (joined with " or ") and {status}."""

    malformed: str = "a period is YYYY, YYYY-Qn or YYYY-MM; got {period!r}"
    foreign: str = "{period!r} is not a period of cycle {year} ({periods})"
    folded: str = ("{period!r} is evaluated together with the year: use {year} (the last period and the year are "
                   "one evaluation, Triwulan IV / Akhir Tahun)")
    no_cycle: tuple[str, str] = ("NOT_FOUND", "no cycle {year}")
    closed: str = "cycle {year} is CLOSED: {what} cannot change"
    state: str = "{what} can change only while cycle {year} is {allowed}; it is {status}"


WORDING = Wording()


async def cycle_for_period(period: str, path: Path, wording: Wording = WORDING, *,
                           evaluation: bool = False) -> tuple[Cycle | None, Problem | None]:
    """The cycle `period` belongs to, or the problem: a malformed period (INVALID_PERIOD), a year without a cycle
    (`wording.no_cycle`), a period that is not one of its cycle's (INVALID_PERIOD), and for an `evaluation`
    (assessments, ratings, the organisation predikat) the last periodic period, which is evaluated as the year
    (INVALID_PERIOD, naming the year). The status is not judged: that is cycle_problem."""
    period = period or ""
    if period_kind(period) is None:
        return None, Problem(path, "INVALID_PERIOD", wording.malformed.format(period=period),
                             params=_own(wording, "malformed", {"given": period}))
    year = int(period[:4])
    cycle = await Cycle.get_or_none(year=year)
    if cycle is None:
        code, message = wording.no_cycle
        return None, Problem(path, code, message.format(period=period, year=year),
                             params={"period": period, "year": year} if "{year}" in message else None)
    if not is_period_of(period, year, cycle.periodicity):
        periods = periods_of(year, cycle.periodicity)
        return None, Problem(path, "INVALID_PERIOD", wording.foreign.format(
            period=period, year=year, periods=", ".join(periods)),
            params=_own(wording, "foreign", {"period": period, "year": year, "periods": periods}))
    if evaluation and is_folded_into_year(period):
        return None, Problem(path, "INVALID_PERIOD", wording.folded.format(period=period, year=year),
                             params=_own(wording, "folded", {"period": period, "annual": str(year)}))
    return cycle, None


def _own(wording: Wording, name: str, params: dict) -> dict | None:
    """The params of the default wording's message; none for another wording's (it may say less, as the public
    survey's does), whose Indonesian is then the code's generic sentence."""
    return params if getattr(wording, name) == getattr(WORDING, name) else None


def cycle_problem(cycle: Cycle | None, year: int, allowed: Sequence[str], path: Path, what: str,
                  wording: Wording = WORDING) -> Problem | None:
    """The problem with writing `what` in this cycle now, if any: NOT_FOUND without a cycle, CYCLE_CLOSED while
    it is CLOSED (whatever `allowed` says), CYCLE_STATE while its status is not in `allowed`."""
    if cycle is None:
        return Problem(path, "NOT_FOUND", f"no cycle {year}", params={"what": "cycle", "key": year})
    fields = dict(year=year, what=what, allowed=" or ".join(allowed), status=cycle.status)
    params = {"year": year, "allowed": list(allowed), "status": cycle.status}
    if cycle.status == "CLOSED":
        return Problem(path, "CYCLE_CLOSED", wording.closed.format(**fields), params={"year": year})
    if cycle.status not in allowed:
        return Problem(path, "CYCLE_STATE", wording.state.format(**fields), params=params)
    return None


# -- inside the write's transaction ------------------------------------------------------------------------------

async def recheck(conn: BaseDBAsyncClient, cycle: Cycle, allowed: Sequence[str], path: Path, what: str,
                  wording: Wording = WORDING) -> None:
    """Inside the write's transaction `conn`, before it writes: the cycle's status read again (into `cycle`) and
    held FOR SHARE on PostgreSQL until the transaction ends; InputError with cycle_problem's problem when it no
    longer lets the write through."""
    await recheck_each(conn, [(cycle, path)], allowed, what, wording)


async def recheck_each(conn: BaseDBAsyncClient, uses: Iterable[tuple[Cycle, Path]], allowed: Sequence[str],
                       what: str, wording: Wording = WORDING) -> None:
    """recheck for a write of several items, each with its cycle and its path: the cycles are read once each (in
    id order), and InputError names every item whose cycle no longer lets the write through."""
    uses = list(uses)
    ids = sorted({cycle.id for cycle, _ in uses})
    if not ids:
        return
    lock = " FOR SHARE" if sql.is_postgres(conn) else ""
    rows = await sql.fetch(conn, f"SELECT id, status FROM cycle WHERE id IN ({sql.placeholders(conn, len(ids))}) "
                                 f"ORDER BY id{lock}", ids)
    status = {row["id"]: row["status"] for row in rows}
    problems: list[Problem] = []
    for cycle, path in uses:
        found = cycle if cycle.id in status else None
        if found is not None:
            found.status = status[cycle.id]
        problem = cycle_problem(found, cycle.year, allowed, path, what, wording)
        if problem:
            problems.append(problem)
    if problems:
        raise InputError(problems)
