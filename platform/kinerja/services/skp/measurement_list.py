"""The measurements of a cycle as one list, a page at a time: what the person page shows of a person's SKP targets
(each target with its measurements), or every measurement in the viewer's scope, for the list's export
(services/reports/lists.py).

Scope: a person is read where `can_see_person` lets the viewer (the person page's own rule; anyone else reads as
NOT_FOUND, exactly as an unknown NIP); without a person, the rows of `Access.list_scope` (ADMIN all, an agency
admin its agency's, an employee its own and its subtree's), as `measurements(period)` reads them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import AsyncIterator

from kinerja.models import Agency, Cycle, Indicator, Measurement, Person, Target
from kinerja.services.core import sql
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.core.nip import normalize_nip
from kinerja.services.cycles.gate import is_period_of, periods_of
from kinerja.services.org.agencies import agency_in_scope
from kinerja.services.skp.work_log import NIP_MAX


@dataclass(frozen=True)
class Row:
    """One target with one of its measurements (a target of the person without any: measurement fields None)."""

    nip: str | None
    name: str | None
    agency: str
    work_result: str
    indicator: str
    indicator_name: str
    unit: str
    target: float
    lower: float | None
    upper: float | None
    period: str | None
    value: float | None
    achievement: float | None
    suggested_rating: str | None
    evidence_url: str | None
    spec_version: str | None
    recorded_at: dt.datetime | None


async def _cycle(year: int) -> Cycle:
    found = await Cycle.get_or_none(year=year)
    if found is None:
        raise BadArgument("cycle", f"no cycle {year}", "NOT_FOUND", params={"what": "cycle", "key": str(year)})
    return found


async def person_in_scope(access: Access, nip: str) -> Person:
    """The person the viewer may see (the person page's rule); NOT_FOUND otherwise, as for an unknown NIP."""
    wanted = normalize_nip(nip or "")
    person = await Person.get_or_none(nip=wanted) if 0 < len(wanted) <= NIP_MAX else None
    if person is None or not await access.can_see_person(person.id, person.agency_id):
        raise BadArgument("nip", f"no person with NIP {nip!r}", "NOT_FOUND", params={"nip": nip})
    return person


async def measurement_pages(access: Access, year: int, page: int, nip: str | None = None,
                            period: str | None = None, agency: str | None = None) -> AsyncIterator[list[Row]]:
    """The list's rows, `page` targets (with a person) or measurements (without) at a time. Unknown or unseen
    arguments are BadArgument before the first page."""
    cycle = await _cycle(year)
    if period is not None:
        period = period.strip().upper()
        if not is_period_of(period, cycle.year, cycle.periodicity):
            raise BadArgument("period", f"{period!r} is not a period of cycle {year} "
                              f"({', '.join(periods_of(cycle.year, cycle.periodicity))})", "INVALID_PERIOD",
                              params={"period": period, "year": year,
                                      "periods": ", ".join(periods_of(cycle.year, cycle.periodicity))})
    if nip:
        person = await person_in_scope(access, nip)
        async for rows in _of_person(person, cycle, page, period):
            yield rows
        return
    query = Measurement.filter(target__cycle_id=cycle.id)
    query = query.filter(await access.list_scope("target__agency_id", "target__person_id"))
    if agency:
        query = query.filter(target__agency_id=(await agency_in_scope(access, agency)).id)
    if period:
        query = query.filter(period=period)
    last = 0
    while True:
        found_rows = await query.filter(id__gt=last).order_by("id").limit(page)
        if found_rows:
            yield await _rows(found_rows)
        if len(found_rows) < page:
            return
        last = found_rows[-1].id


async def _of_person(person: Person, cycle: Cycle, page: int, period: str | None) -> AsyncIterator[list[Row]]:
    """A person's targets in their order, each with its measurements by period (a target without any: one row)."""
    targets = await Target.filter(person_id=person.id, cycle_id=cycle.id).order_by("id")
    agency = await Agency.get(id=person.agency_id).only("id", "code")
    for start in range(0, len(targets), page):
        part = targets[start:start + page]
        indicators = {i.id: i for i in await Indicator.filter(id__in=sorted({t.indicator_id for t in part}))}
        measured: dict[int, list[Measurement]] = {}
        for chunk in sql.chunks([t.id for t in part]):
            query = Measurement.filter(target_id__in=list(chunk))
            if period:
                query = query.filter(period=period)
            for m in await query.order_by("period", "id"):
                measured.setdefault(m.target_id, []).append(m)
        rows: list[Row] = []
        for t in part:
            if not measured.get(t.id) and period:
                continue  # one period asked for: only the targets measured in it
            for m in measured.get(t.id) or [None]:
                rows.append(_row(person, agency.code, t, indicators[t.indicator_id], m))
        yield rows


async def _rows(measurements: list[Measurement]) -> list[Row]:
    targets = {t.id: t for t in await Target.filter(id__in=sorted({m.target_id for m in measurements}))}
    indicators = {i.id: i for i in await Indicator.filter(id__in=sorted({t.indicator_id for t in targets.values()}))}
    people = {p.id: p for p in await Person.filter(
        id__in=sorted({t.person_id for t in targets.values() if t.person_id is not None})).only("id", "nip", "name")}
    agencies = {a.id: a.code for a in await Agency.filter(
        id__in=sorted({t.agency_id for t in targets.values()})).only("id", "code")}
    rows = []
    for m in measurements:
        t = targets[m.target_id]
        rows.append(_row(people.get(t.person_id), agencies[t.agency_id], t, indicators[t.indicator_id], m))
    return rows


def _row(person: Person | None, agency: str, t: Target, indicator: Indicator, m: Measurement | None) -> Row:
    return Row(
        nip=person.nip if person else None, name=person.name if person else None, agency=agency,
        work_result=t.work_result, indicator=indicator.full_code, indicator_name=indicator.name, unit=indicator.unit,
        target=t.value, lower=t.lower_bound, upper=t.upper_bound,
        period=m.period if m else None, value=m.value if m else None, achievement=m.achievement if m else None,
        suggested_rating=m.suggested_rating if m else None, evidence_url=m.evidence_url if m else None,
        spec_version=m.spec_version if m else None, recorded_at=m.recorded_at if m else None)
