"""Cross-agency reports, scoped by role and aggregated in SQL from the rollup tables: the public entry points."""

from kinerja.services.reports.achievement import AchievementRow, indicator_achievement
from kinerja.services.reports.follow_ups import FOLLOW_UP_PREDIKATS, FollowUpPage, follow_ups, follow_ups_queryset
from kinerja.services.reports.predikat import DistributionRow, predikat_distribution, predikat_trend, trend_periods
from kinerja.services.reports.satisfaction import SatisfactionRow, satisfaction_by_group
from kinerja.services.reports.scope import (AGENCY, GROUPS, UNIT, Scope, check_group, check_period, require_reader,
                                            scope_of)

__all__ = ["AGENCY", "AchievementRow", "DistributionRow", "FOLLOW_UP_PREDIKATS", "FollowUpPage", "GROUPS",
           "SatisfactionRow", "Scope", "UNIT", "check_group", "check_period", "follow_ups", "follow_ups_queryset",
           "indicator_achievement", "predikat_distribution", "predikat_trend", "require_reader",
           "satisfaction_by_group", "scope_of", "trend_periods"]
