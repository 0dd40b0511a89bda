"""The unit-head rule (SE MenPANRB 3/2023; docs/DOMAIN.md, "The unit-head rule"): when the person assessed heads a
unit, the unit's results are that person's results rating. The suggestion for a unit head comes from the unit's
organisation predikat of the period when it has one (the configured mapping, KINERJA_UNIT_HEAD_RATINGS), else from
the unit's indicator achievement (its unit targets' measurements of the period); both through the plugin hook
kinerja_suggest_result_rating, which gets the unit as a plain `UnitHead` beside the achievements.

Who heads a unit is assessments.headed_unit's answer; the callers ask it and hand the unit in here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from tortoise.backends.base.client import BaseDBAsyncClient

from kinerja.models import Indicator, Measurement, Unit, UnitOrgRating
from kinerja.plugins import Achievement, Expectation, UnitHead
from kinerja.plugins.values import OrgPredikat
from kinerja.services.skp import suggestions
from kinerja.settings import UNIT_HEAD_RATINGS

ORG_PREDIKAT, ACHIEVEMENTS, PLUGIN, NOTHING = "ORG_PREDIKAT", "ACHIEVEMENTS", "PLUGIN", "NOTHING"
BASES = (ORG_PREDIKAT, ACHIEVEMENTS, PLUGIN, NOTHING)
DEFAULT_MAPPING: Mapping[str, str] = dict(UNIT_HEAD_RATINGS)


@dataclass(frozen=True)
class UnitHeadSuggestion:
    """The suggestion for the head of `unit`: what it rests on (`basis`: ORG_PREDIKAT, the mapped predikat;
    ACHIEVEMENTS, the unit's measurements; PLUGIN, a plugin answered otherwise; NOTHING, neither is there), the
    unit's organisation predikat and the rating the mapping gives for it, and the suggestion itself (its
    measurements are the unit's)."""

    unit: Unit
    org_predikat: str | None
    from_org_predikat: str | None
    basis: str
    suggestion: suggestions.Suggestion

    @property
    def rating(self) -> str | None:
        return self.suggestion.rating


async def unit_predikat(unit_id: int, period: str, conn: BaseDBAsyncClient | None = None) -> str | None:
    """The unit's own organisation predikat of the period, or None; read on `conn` when given."""
    qs = UnitOrgRating.filter(unit_id=unit_id, period=period)
    if conn is not None:
        qs = qs.using_db(conn)
    row = await qs.only("id", "predikat").first()
    return row.predikat if row else None


async def suggest(catalog: Any, unit: Unit, agency_code: str, period: str,
                  mapping: Mapping[str, str] = DEFAULT_MAPPING) -> UnitHeadSuggestion:
    """The suggested results rating of the head of `unit` for `period` (the caller has decided they head it)."""
    org = await unit_predikat(unit.id, period)
    mapped = mapping.get(org) if org else None
    rows = await Measurement.filter(target__unit_id=unit.id, period=period).prefetch_related("target")
    codes = {i.id: i.full_code for i in await Indicator.filter(id__in=sorted({m.target.indicator_id for m in rows}))}
    achievements = [Achievement(indicator=codes[m.target.indicator_id], achievement=m.achievement,
                                rating=Expectation(m.suggested_rating)) for m in rows]
    head = UnitHead(agency=agency_code, unit=unit.code, org_predikat=OrgPredikat(org) if org else None,
                    from_org_predikat=Expectation(mapped) if mapped else None)
    rating = catalog.suggest_result_rating(achievements, head)
    above = sum(a.rating is Expectation.DI_ATAS_EKSPEKTASI for a in achievements)
    below = sum(a.rating is Expectation.DI_BAWAH_EKSPEKTASI for a in achievements)
    counted = (f"{len(achievements)} result(s) of the unit in {period}: {above} above, "
               f"{len(achievements) - above - below} meeting, {below} below expectation")
    where = f"head of unit {agency_code}/{unit.code}"
    if rating is not None and mapped is not None and rating == mapped:
        basis = ORG_PREDIKAT
        reason = (f"{where}: the unit's organisation predikat for {period} is {org}, which the unit-head rule maps "
                  f"to {mapped} (KINERJA_UNIT_HEAD_RATINGS)")
    elif rating is None:
        basis = NOTHING
        reason = (f"{where}: no organisation predikat and no measurements of the unit's targets for {period}: "
                  "nothing to suggest from")
    elif mapped is None and achievements:  # the hook judged the unit's achievements
        basis = ACHIEVEMENTS
        reason = (f"{where}: no organisation predikat for {period}; {counted} (above: most or all above and none "
                  "below; below: most or all below; otherwise meets)")
    else:
        basis = PLUGIN
        reason = f"{where}: a plugin's answer ({counted}; organisation predikat {org or 'not set'})"
    return UnitHeadSuggestion(unit, org, mapped, basis, suggestions.Suggestion(rating, reason, list(rows)))
