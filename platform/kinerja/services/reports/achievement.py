"""Indicator achievement per agency and indicator for one period, from achievement_rollup.

One row per (agency, indicator) with at least one measurement of exactly that period (an annual period does
not add up its quarters: an indicator measured yearly has its own annual measurement). The average is the
exact integer sum of achievement_e4 over the measurements, in percent, rounded half up to 2 decimals; a
measurement meets its target when its achievement is at least 100. Ordered by agency code, then indicator.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from operator import attrgetter
from typing import TYPE_CHECKING

from kinerja.models import AchievementRollup
from kinerja.services.survey import ikm
from kinerja.services.core.access import Access
from kinerja.services.reports.scope import check_period, scope_of

if TYPE_CHECKING:  # the registry imports this module
    from kinerja.services.reports.registry import Arguments, Context

E4 = 10_000  # achievement_e4 is the achievement (percent) times this


@dataclass(frozen=True)
class AchievementRow:
    agency: str  # agency code
    indicator: str  # full code, e.g. DISDIK.KELULUSAN
    measurements: int
    average_achievement: float  # percent, 2 decimals
    meeting_target: int


# the report's columns (registry): name -> its value in a row
COLUMNS = {
    "agency": attrgetter("agency"),
    "indicator": attrgetter("indicator"),
    "measurements": attrgetter("measurements"),
    "averageAchievement": attrgetter("average_achievement"),
    "meetingTarget": attrgetter("meeting_target"),
}


def average(achievement_e4: int, measurements: int) -> float:
    """The mean achievement in percent, rounded half up to 2 decimals from the exact integer sum."""
    if measurements <= 0:
        return 0.0
    return float(ikm.round_index(Fraction(int(achievement_e4), int(measurements) * E4)))


async def indicator_achievement(access: Access, period: str, agency: str | None = None) -> list[AchievementRow]:
    scope = await scope_of(access, agency)
    period = check_period(period)
    if scope.empty:
        return []
    qs = AchievementRollup.filter(period=period, measurements__gt=0)
    if scope.agency_id is not None:
        qs = qs.filter(agency_id=scope.agency_id)
    rows = await qs.values("agency__code", "indicator__full_code", "measurements", "achievement_e4", "meeting_target")
    out = [AchievementRow(r["agency__code"], r["indicator__full_code"], int(r["measurements"]),
                          average(r["achievement_e4"], r["measurements"]), int(r["meeting_target"])) for r in rows]
    return sorted(out, key=lambda row: (row.agency, row.indicator))


async def rows(ctx: Context, a: Arguments) -> list[AchievementRow]:
    return await indicator_achievement(ctx.access, a.period, a.agency)
