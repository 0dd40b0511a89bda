"""Cross-agency reports: ReportGroup, DistributionRow, AchievementRow, SatisfactionRow and their five queries."""

from __future__ import annotations

import enum
from typing import Optional

import strawberry

from kinerja.graphql.context import Info
from kinerja.graphql.pagination import check_first, decode_name_id_cursor
from kinerja.graphql.people import PersonConnection, connection
from kinerja.graphql.ratings import OrgPredikat
from kinerja.graphql.satisfaction import SatisfactionIndex
from kinerja.services.evaluation import curve
from kinerja.services import reports
from kinerja.services.org.people import PeoplePage

SCOPE = "ADMIN: every agency; an agency admin: its own (another agency reads as no rows). "


@strawberry.enum
class ReportGroup(enum.Enum):
    AGENCY = "AGENCY"
    UNIT = "UNIT"


@strawberry.type(description="Finalized ratings of one agency, unit or period, by predikat.")
class DistributionRow:
    group: str = strawberry.field(description='Agency code, "AGENCY/UNIT" for a unit, or the period (trend).')
    label: str = strawberry.field(description="Agency name, unit name, or the period (trend).")
    total: int
    sangat_baik: int
    baik: int
    butuh_perbaikan: int
    kurang_misconduct: int
    sangat_kurang: int
    org_predikat: Optional[OrgPredikat] = strawberry.field(
        description="The agency's organisation predikat of the period; null for units and when none is set.")
    curve_warnings: list[str] = strawberry.field(
        description="What the agency's distribution curve says of this spread (its headcount now).")

    @classmethod
    def from_row(cls, row: reports.DistributionRow) -> "DistributionRow":
        c = row.counts
        return cls(group=row.group, label=row.label, total=row.total, sangat_baik=c["SANGAT_BAIK"], baik=c["BAIK"],
                   butuh_perbaikan=c["BUTUH_PERBAIKAN"], kurang_misconduct=c["KURANG_MISCONDUCT"],
                   sangat_kurang=c["SANGAT_KURANG"],
                   org_predikat=OrgPredikat(row.org_predikat) if row.org_predikat else None,
                   curve_warnings=list(row.curve_warnings))


@strawberry.type(description="Measurements of one indicator of one agency in a period.")
class AchievementRow:
    agency: str
    indicator: str = strawberry.field(description="Full code, e.g. DISDIK.KELULUSAN.")
    measurements: int
    average_achievement: float = strawberry.field(description="Mean capaian in percent, rounded to 2 decimals.")
    meeting_target: int = strawberry.field(description="Measurements with a capaian of at least 100 %.")


@strawberry.type(description="The IKM of one agency or unit.")
class SatisfactionRow:
    group: str
    label: str
    index: SatisfactionIndex


def _group(value: Optional[ReportGroup]) -> str:
    return (value or ReportGroup.AGENCY).value


@strawberry.type
class Query:
    @strawberry.field(description="Finalized ratings of the period by predikat, per agency (with its organisation "
                                  "predikat and curve warnings) or per unit. " + SCOPE)
    async def predikat_distribution(self, info: Info, period: str, group_by: Optional[ReportGroup] = ReportGroup.AGENCY,
                                    agency: Optional[str] = None) -> list[DistributionRow]:
        ctx = info.context
        rows = await reports.predikat_distribution(ctx.access, period, _group(group_by),
                                                   curve.rules_for(ctx.settings.curve_file), agency)
        return [DistributionRow.from_row(r) for r in rows]

    @strawberry.field(description="Measurements of the period per agency and indicator. " + SCOPE)
    async def indicator_achievement(self, info: Info, period: str, agency: Optional[str] = None
                                    ) -> list[AchievementRow]:
        rows = await reports.indicator_achievement(info.context.access, period, agency)
        return [AchievementRow(agency=r.agency, indicator=r.indicator, measurements=r.measurements,
                               average_achievement=r.average_achievement, meeting_target=r.meeting_target)
                for r in rows]

    @strawberry.field(description="The IKM of the period per agency or unit (a year includes its quarters or "
                                  "months). " + SCOPE)
    async def satisfaction_by_group(self, info: Info, period: str,
                                    group_by: Optional[ReportGroup] = ReportGroup.AGENCY,
                                    agency: Optional[str] = None) -> list[SatisfactionRow]:
        rows = await reports.satisfaction_by_group(info.context.access, period, _group(group_by), agency)
        return [SatisfactionRow(group=r.group, label=r.label, index=SatisfactionIndex.from_result(r.index))
                for r in rows]

    @strawberry.field(description="One row per period (group = the period) from fromPeriod to toPeriod, same kind "
                                  "of period. " + SCOPE)
    async def predikat_trend(self, info: Info, from_period: str, to_period: str, agency: Optional[str] = None
                             ) -> list[DistributionRow]:
        ctx = info.context
        rows = await reports.predikat_trend(ctx.access, agency, from_period, to_period,
                                            curve.rules_for(ctx.settings.curve_file))
        return [DistributionRow.from_row(r) for r in rows]

    @strawberry.field(description="People rated BUTUH_PERBAIKAN or worse in the period; their rating carries the "
                                  "recommendations. Keyset-paginated like people. " + SCOPE)
    async def follow_ups(self, info: Info, period: str, agency: Optional[str] = None, first: Optional[int] = 50,
                         after: Optional[str] = None) -> PersonConnection:
        ctx = info.context
        reports.require_reader(ctx.access)
        first = check_first(50 if first is None else first, ctx.settings.max_page_size)
        position = decode_name_id_cursor(after)
        page = await reports.follow_ups(ctx.access, period, agency, first, position)
        return connection(PeoplePage(page.people, page.has_next), page.queryset)
