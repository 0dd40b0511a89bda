"""The organisation predikat of DISDIK's schools, so that a unit's own curve and the unit-head rule can be seen
(docs/DOMAIN.md, "Organisation predikat and the distribution curve", "The unit-head rule").

- The closed year (written with its evaluation, kinerja.demo.evaluation): each school has a predikat for the year
  (most BAIK, a few ISTIMEWA and BUTUH_PERBAIKAN, by the order of the schools), and each period its staff's spread is
  drawn to keep that predikat's curve (spread_for, per school; the rest of the agency as a group of its own), so the
  schools' findings stay few. If the agency as a whole would then break its own curve, the agency's spread is drawn
  as a whole instead and each school gets the predikat its share keeps best. Each principal's predikat is swapped
  with a colleague's, where needed, for one that the results rating the unit-head rule maps the school's predikat to
  can give: the head's results follow the unit.
- The active year's ended evaluation periods: through the service, audited, from what the school's latest
  measurements suggest (the achievements rule through the hook: the period's, else the year before's, as graduation
  and dropouts are measured once a year), read back: above -> ISTIMEWA, meets -> BAIK, below -> BUTUH_PERBAIKAN.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kinerja.demo.bulk import ACTOR
from kinerja.demo.spread import spread_for
from kinerja.models import Agency, Measurement, Person, Unit, UnitOrgRating
from kinerja.plugins import Achievement, Expectation
from kinerja.services.core import audit
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.evaluation import curve, org_ratings, unit_head
from kinerja.services.evaluation.assessments import headed_unit

SCHOOL_PREFIXES = ("SDN-", "SMPN-")
PREFERRED = ("BAIK", "ISTIMEWA", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")  # of equally good fits
FROM_RATING = {"DI_ATAS_EKSPEKTASI": "ISTIMEWA", "SESUAI_EKSPEKTASI": "BAIK", "DI_BAWAH_EKSPEKTASI": "BUTUH_PERBAIKAN"}
EVERY = 14  # of each 14 schools (in the demo's order) the 4th is ISTIMEWA and the 10th BUTUH_PERBAIKAN


@dataclass(frozen=True)
class School:
    unit: Unit
    head_id: int  # the person who heads it (assessments.headed_unit)
    people: int  # its headcount


def year_predikat(n: int) -> str:
    """The predikat of the n-th school (0-based) for the closed year."""
    return {3: "ISTIMEWA", 9: "BUTUH_PERBAIKAN"}.get(n % EVERY, "BAIK")


def best_fit(counts: Counter, headcount: int, rules: curve.CurveRules = curve.DEFAULT_RULES) -> str:
    """The organisation predikat whose curve a spread keeps best (fewest findings; PREFERRED of equals)."""
    return min(PREFERRED, key=lambda org: (len(curve.check(rules, org, counts, headcount, "unit")),
                                           PREFERRED.index(org)))


async def schools_of(agency: Agency) -> dict[int, School]:
    """The agency's schools by unit id, in the order of their codes, with their heads and headcounts."""
    units = {u.id: u for u in await Unit.filter(agency_id=agency.id).order_by("id")
             if u.code.startswith(SCHOOL_PREFIXES)}
    members = await Person.filter(agency_id=agency.id, unit_id__in=sorted(units))
    people = Counter(p.unit_id for p in members)
    heads: dict[int, int] = {}
    for person in members:
        unit = await headed_unit(person)
        if unit is not None:
            heads[unit.id] = person.id
    return {u: School(units[u], heads[u], people[u]) for u in units if u in heads}


def plan_spread(rng: random.Random, staff: Sequence[Person], org: str, headcount: int,
                schools: dict[int, School], orgs: dict[int, str], matrix: dict[tuple[str, str], str]
                ) -> tuple[list[str], dict[int, str]]:
    """Each staff member's predikat (in the order of `staff`) and each school's predikat for a period: per school
    when the agency then keeps its curve, else the agency's spread as a whole and each school's best fit."""
    groups: dict[int | None, list[Person]] = {}
    for person in staff:
        groups.setdefault(person.unit_id if person.unit_id in schools else None, []).append(person)
    wanted: dict[int, str] = {}
    for unit_id, members in groups.items():
        if unit_id is None:
            spread = spread_for(len(members), len(members), org, rng)
        else:
            spread = spread_for(len(members), schools[unit_id].people, orgs[unit_id], rng)
        wanted.update({p.id: predikat for p, predikat in zip(members, spread)})
    chosen = dict(orgs)
    if curve.check(curve.DEFAULT_RULES, org, Counter(wanted.values()), headcount):
        spread = spread_for(len(staff), headcount, org, rng)
        wanted = {p.id: predikat for p, predikat in zip(staff, spread)}
        for unit_id, members in groups.items():
            if unit_id is not None:
                chosen[unit_id] = best_fit(Counter(wanted[p.id] for p in members), schools[unit_id].people)
    for unit_id, members in groups.items():  # the head's predikat one their mapped results rating can give
        if unit_id is None:
            continue
        result = unit_head.DEFAULT_MAPPING[chosen[unit_id]]
        can = {predikat for (r, _), predikat in matrix.items() if r == result}
        head = schools[unit_id].head_id
        if head in wanted and wanted[head] not in can:
            other = next((p.id for p in members if p.id != head and wanted[p.id] in can), None)
            if other is not None:
                wanted[head], wanted[other] = wanted[other], wanted[head]
    return [wanted[p.id] for p in staff], chosen


async def write_schools(conn: Any, agency: Agency, cycle_id: int, period: str, now: dt.datetime,
                        schools: dict[int, School], chosen: dict[int, str], changes: list[audit.Change]) -> int:
    """The schools' predikat of one period, with their audit events appended to `changes`."""
    await UnitOrgRating.bulk_create([
        UnitOrgRating(agency_id=agency.id, unit_id=unit_id, cycle_id=cycle_id, period=period, predikat=org,
                      set_by=ACTOR, set_at=now) for unit_id, org in chosen.items()], using_db=conn)
    changes += [audit.Change("unit_org_rating.set", "unit_org_rating",
                             f"{agency.code}/{schools[u].unit.code}/{period}", None, {"predikat": org})
                for u, org in chosen.items()]
    return len(chosen)


def head_pair(schools: dict[int, School], chosen: dict[int, str], person: Person, predikat: str,
              pairs: dict[str, list[tuple[str, str]]]) -> tuple[str, str] | None:
    """A school head's (results, behaviour) pair: the usual one of their predikat whose results rating is the one
    the unit-head rule maps their school's predikat to; None for anyone else (or when the matrix has none)."""
    school = schools.get(person.unit_id)
    if school is None or school.head_id != person.id:
        return None
    result = unit_head.DEFAULT_MAPPING[chosen[person.unit_id]]
    return next((pair for pair in pairs.get(predikat, ()) if pair[0] == result), None)


async def latest_results(catalog: Any, unit: Unit, periods: Sequence[str]) -> str | None:
    """What the unit's measurements of the first of `periods` that has any suggest (the achievements rule through
    the hook), or None."""
    for period in periods:
        rows = await Measurement.filter(target__unit_id=unit.id, period=period).values_list(
            "target__indicator__full_code", "achievement", "suggested_rating")
        if rows:
            return catalog.suggest_result_rating([
                Achievement(indicator=code, achievement=value, rating=Expectation(rating))
                for code, value, rating in rows])
    return None


async def rate_schools_of_active_year(catalog: Any, year: int, periods: Sequence[str],
                                      say: Callable[[str], None]) -> int:
    """The active year's ended evaluation periods, through setUnitOrgPredikat's service (audited): from the school's
    measurements of the period, else of the year before (its school year's results, measured once a year)."""
    agency = await Agency.get_or_none(code="DISDIK")
    if agency is None or not periods:
        return 0
    access, written = Access(SYSTEM), 0
    for school in (await schools_of(agency)).values():
        unit = school.unit
        for period in periods:
            rating = await latest_results(catalog, unit, (period, str(year - 1)))
            if rating is None:
                continue
            await org_ratings.set_unit_org_predikat(access, agency.code, unit.code, period, FROM_RATING[rating])
            written += 1
    say(f"cycle {year}: {written} organisation predikat of DISDIK's schools ({', '.join(periods)})")
    return written
