"""The suggested results rating of a person for a period, from the achievements of their measurements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kinerja.models import Indicator, Measurement, Person
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
    achievements = [Achievement(indicator=codes[m.target.indicator_id], achievement=m.achievement,
                                rating=Expectation(m.suggested_rating)) for m in rows]
    rating = catalog.suggest_result_rating(achievements)
    above = sum(a.rating is Expectation.DI_ATAS_EKSPEKTASI for a in achievements)
    below = sum(a.rating is Expectation.DI_BAWAH_EKSPEKTASI for a in achievements)
    meets = len(achievements) - above - below
    reason = (f"{len(achievements)} result(s) in {period}: {above} above, {meets} meeting, {below} below expectation"
              " (above: most or all above and none below; below: most or all below; otherwise meets)")
    return Suggestion(rating, reason, list(rows))
