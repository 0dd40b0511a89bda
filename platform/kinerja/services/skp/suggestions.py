"""The suggested results rating of a person for a period, from the achievements of their measurements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kinerja.models import Indicator, Measurement, Person, Skp, SkpIndicator
from kinerja.plugins import Achievement, Expectation
from kinerja.services.core.access import Access
from kinerja.services.core.nip import normalize_nip


@dataclass(frozen=True)
class Suggestion:
    rating: str | None
    reason: str
    measurements: list[Measurement]


async def suggest_result_rating(access: Access, catalog: Any, nip: str, period: str) -> Suggestion | None:
    """None when the person is out of scope; otherwise the hook's answer with a reason in words."""
    person = await Person.get_or_none(nip=normalize_nip(nip or ""))
    if person is None or not await access.can_see_person(person.id, person.agency_id):
        return None
    rows = await Measurement.filter(target__person_id=person.id, period=period).prefetch_related("target")
    if not rows:
        return Suggestion(None, f"no measurements of {person.nip} for period {period}: nothing to suggest from", [])
    codes = {i.id: i.full_code for i in await Indicator.filter(id__in=sorted({m.target.indicator_id for m in rows}))}
    additional = await additional_targets(person.id, {m.target_id for m in rows})
    achievements = [Achievement(indicator=codes[m.target.indicator_id], achievement=m.achievement,
                                rating=Expectation(m.suggested_rating), main=m.target_id not in additional)
                    for m in rows]
    rating = catalog.suggest_result_rating(achievements)
    above = sum(a.rating is Expectation.DI_ATAS_EKSPEKTASI for a in achievements)
    below = sum(a.rating is Expectation.DI_BAWAH_EKSPEKTASI for a in achievements)
    meets = len(achievements) - above - below
    extra = sum(not a.main for a in achievements)
    kinds = f" ({len(achievements) - extra} main, {extra} additional)" if extra else ""
    reason = (f"{len(achievements)} result(s) in {period}{kinds}: {above} above, {meets} meeting, {below} below "
              "expectation (above: most or all above and no main result below; below: most or all below; otherwise "
              "meets; the majority judged on main results, additional ones only raising)")
    return Suggestion(rating, reason, list(rows))


async def additional_targets(person_id: int, target_ids: set[int]) -> set[int]:
    """Of these targets of the person, those that are indicators of an ADDITIONAL RHK (hasil kerja tambahan) in the
    revision in force of the person's SKP of their cycle (the approved one, else the latest). Every other target
    counts as MAIN: one of a MAIN RHK, and a person's target without an SKP (docs/DOMAIN.md, "Suggested results
    rating")."""
    if not target_ids:
        return set()
    skps = await Skp.filter(person_id=person_id, cycle__targets__id__in=sorted(target_ids)).distinct()
    found: set[int] = set()
    for skp in skps:
        found |= set(await SkpIndicator.filter(
            target_id__in=sorted(target_ids), item__kind="ADDITIONAL", item__revision__skp_id=skp.id,
            item__revision__number=skp.approved_revision or skp.revision).values_list("target_id", flat=True))
    return found
