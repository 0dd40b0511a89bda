"""SKP targets: validated all-or-nothing creation for a person or a unit, and scoped reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from tortoise.transactions import in_transaction

from kinerja.models import Cycle, Indicator, Person, Skp, Target, Unit
from kinerja.services.core import audit
from kinerja.services.core.access import Access, forbidden
from kinerja.services.core.errors import InputError, Problem
from kinerja.services.core.nip import normalize_nip
from kinerja.services.cycles import gate
from kinerja.specs import capaian

MAX_BATCH = 500
WORK_RESULT_MAX = 500
TARGET_STATUSES = ("PLANNING", "ACTIVE")


@dataclass(frozen=True)
class TargetData:
    """A target: a value, or a range of lower and upper (docs/DOMAIN.md, "Targets and achievement (capaian)")."""

    cycle: int
    indicator: str
    work_result: str
    value: float | None = None
    nip: str | None = None
    unit: str | None = None
    parent: int | None = None
    lower: float | None = None
    upper: float | None = None


async def set_targets(access: Access, items: Sequence[TargetData]) -> list[Target]:
    if len(items) > MAX_BATCH:
        raise InputError.one(["input"], "TOO_MANY", f"at most {MAX_BATCH} targets a call, got {len(items)}",
                             params={"limit": MAX_BATCH, "count": len(items)})
    problems: list[Problem] = []
    cycles = {c.year: c for c in await Cycle.filter(year__in=sorted({i.cycle for i in items}))}
    indicators = {i.full_code: i for i in await Indicator.filter(
        full_code__in=sorted({(i.indicator or "").strip().upper() for i in items}), active=True)}
    people = {p.nip: p for p in await Person.filter(nip__in=sorted({normalize_nip(i.nip) for i in items if i.nip}))}
    parents = {t.id: t for t in await Target.filter(id__in=sorted({i.parent for i in items if i.parent}))}
    skps = await _skps_of(people.values(), cycles.values())
    rows: list[Target] = []
    for n, item in enumerate(items):
        path = ("input", str(n))
        found: list[Problem] = []
        cycle = cycles.get(item.cycle)
        problem = gate.cycle_problem(cycle, item.cycle, TARGET_STATUSES, (*path, "cycle"), "targets")
        if problem:
            found.append(problem)
        indicator = indicators.get((item.indicator or "").strip().upper())
        if indicator is None:
            found.append(Problem((*path, "indicator"), "NOT_FOUND", f"no indicator {item.indicator!r}",
                                 params={"what": "indicator", "key": item.indicator}))
        text = (item.work_result or "").strip()
        if not text:
            found.append(Problem((*path, "workResult"), "REQUIRED", "work result must not be empty"))
        elif len(text) > WORK_RESULT_MAX:
            found.append(Problem((*path, "workResult"), "TOO_LONG",
                                 f"work result is {len(text)} characters; at most {WORK_RESULT_MAX}",
                                 params={"length": len(text), "limit": WORK_RESULT_MAX}))
        if indicator is not None:  # 0 only when lower is better; a range's lower at most its upper
            found += [Problem((*path, p.field), p.code, f"{indicator.full_code}: {p.message}")
                      for p in capaian.target_problems(indicator.direction, item.value, item.lower, item.upper)]
        person = unit = None
        if bool(item.nip) == bool(item.unit):
            found.append(Problem(path, "INVALID", "give exactly one of nip and unit"))
        elif item.nip:
            person = people.get(normalize_nip(item.nip))
            if person is None or not await access.can_see_person(person.id, person.agency_id):
                found.append(Problem((*path, "nip"), "NOT_FOUND", f"no person with NIP {item.nip!r}",
                                     params={"nip": item.nip}))
                person = None
            elif not access.may_set_target_for(person):
                found.append(forbidden((*path, "nip"), "targets are set by ADMIN, the agency's admin or the person's supervisor",
                                       params={"action": "set_target"}))
                person = None
            elif cycle is not None and (skp := skps.get((person.id, cycle.id))) is not None and skp_locks(skp):
                found.append(Problem((*path, "nip"), "SKP_LOCKED",
                                     f"the SKP of {person.nip} in cycle {cycle.year} is {skp.status}"
                                     f"{' (an approved revision is in force)' if skp.approved_revision else ''}: "
                                     "its targets change through the SKP: use saveSkp / reviseSkp"))
                person = None
        elif indicator is not None:
            unit = await Unit.get_or_none(agency_id=indicator.agency_id, code=item.unit.strip().upper())
            if unit is None or not access.can_see_agency(unit.agency_id):
                found.append(Problem((*path, "unit"), "NOT_FOUND", f"no unit {item.unit!r} in the indicator's agency",
                                     params={"what": "unit", "key": item.unit}))
                unit = None
            elif not access.can_manage_agency(unit.agency_id):
                found.append(forbidden((*path, "unit"), "unit targets are set by ADMIN or the agency's admin",
                                       params={"action": "set_unit_target"}))
                unit = None
        owner_agency = person.agency_id if person else unit.agency_id if unit else None
        if indicator is not None and owner_agency is not None and indicator.agency_id != owner_agency:
            found.append(Problem((*path, "indicator"), "WRONG_AGENCY",
                                 f"indicator {indicator.full_code} belongs to another agency",
                                 params={"indicator": indicator.full_code}))
        if item.parent is not None:
            parent = parents.get(item.parent)
            if parent is None:
                found.append(Problem((*path, "parent"), "NOT_FOUND", f"no target {item.parent}",
                                     params={"what": "target", "key": str(item.parent)}))
            elif person is None or parent.person_id is None or parent.person_id != person.supervisor_id:
                found.append(Problem((*path, "parent"), "INVALID_PARENT",
                                     "the parent target must belong to the person's direct supervisor"))
            elif cycle is not None and parent.cycle_id != cycle.id:
                found.append(Problem((*path, "parent"), "INVALID_PARENT", "the parent target is of another cycle"))
        problems += found
        if not found:
            ranged = item.lower is not None
            rows.append(Target(cycle_id=cycle.id, indicator_id=indicator.id, person_id=person.id if person else None,
                               unit_id=unit.id if unit else None, agency_id=owner_agency, work_result=text,
                               value=capaian.midpoint(item.lower, item.upper) if ranged else float(item.value),
                               lower_bound=float(item.lower) if ranged else None,
                               upper_bound=float(item.upper) if ranged else None, parent_id=item.parent))
    if problems:
        raise InputError(problems)
    created: list[Target] = []
    async with in_transaction() as conn:
        # the statuses again, held until the commit: a cycle closed since the checks above refuses the batch
        uses = [(cycles[item.cycle], ("input", str(n), "cycle")) for n, item in enumerate(items)]
        await gate.recheck_each(conn, uses, TARGET_STATUSES, "targets")
        for row in rows:  # one by one: each id is needed for the answer and the audit trail
            await row.save(using_db=conn)
            created.append(row)
        await audit.append(conn, access.viewer.actor, [
            audit.Change("target.create", "target", str(t.id), None,
                         {"cycle": items[n].cycle, "indicator": items[n].indicator.strip().upper(),
                          "nip": normalize_nip(items[n].nip) if items[n].nip else None, "unit": items[n].unit,
                          "work_result": t.work_result, "value": t.value, "lower": t.lower_bound,
                          "upper": t.upper_bound, "parent": t.parent_id})
            for n, t in enumerate(created)
        ])
    return created


def skp_locks(skp: Skp) -> bool:
    """A person's SKP takes over their targets once it is SUBMITTED or APPROVED, or has an approved revision in
    force: setTargets then refuses them (SKP_LOCKED)."""
    return skp.status in ("SUBMITTED", "APPROVED") or skp.approved_revision is not None


async def _skps_of(people: Iterable[Person], cycles: Iterable[Cycle]) -> dict[tuple[int, int], Skp]:
    person_ids, cycle_ids = sorted({p.id for p in people}), sorted({c.id for c in cycles})
    if not person_ids or not cycle_ids:
        return {}
    return {(s.person_id, s.cycle_id): s for s in await Skp.filter(person_id__in=person_ids, cycle_id__in=cycle_ids)}


async def targets_of_person(person_id: int, year: int) -> list[Target]:
    """A person's SKP items of a cycle; the caller has already found the person within the viewer's scope."""
    return await Target.filter(person_id=person_id, cycle__year=year).order_by("id")


async def targets_by_ids(ids: Sequence[int]) -> dict[int, Target]:
    """Targets with their cycle loaded (for the cycle year)."""
    return {t.id: t for t in await Target.filter(id__in=sorted(set(ids))).prefetch_related("cycle")}
