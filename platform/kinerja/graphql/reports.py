"""Cross-agency reports: ReportGroup, SatisfactionGroup, DistributionRow, AchievementRow, SatisfactionRow and their
five queries.

Each query is its report's registry entry (kinerja.services.reports.registry, given as the field's metadata): the
entry checks its arguments, graphql.limits takes their maximum lengths from it (argument_limits), and a row type's
fields are named after the entry's columns and filled from them (from_columns).
"""

from __future__ import annotations

import enum
import functools
import re
from typing import Annotated, Any, Optional

import strawberry
from strawberry.utils.str_converters import to_camel_case

from kinerja.graphql import credit_points
from kinerja.graphql.context import Info
from kinerja.graphql.pagination import check_first, decode_name_id_cursor
from kinerja.graphql.people import PersonConnection, connection
from kinerja.graphql.enums import OrgPredikat, Predikat
from kinerja.graphql.errors import language
from kinerja.graphql.org_ratings import CurveBound
from kinerja.graphql.satisfaction import SatisfactionIndex
from kinerja.services.evaluation import curve
from kinerja.services import reports
from kinerja.services.core import messages
from kinerja.services.org.people import PeoplePage
from kinerja.services.reports import cache as report_cache
from kinerja.services.reports import registry, talent

SCOPE = "ADMIN: every agency; an agency admin: its own (another agency reads as no rows). "
PERIOD_HELP = "The period: YYYY (the year), YYYY-Qn or YYYY-MM; any other form is the error INVALID_PERIOD."
AGENCY_HELP = ("Only this agency (its code, e.g. DISDIK); an unknown one, or one the viewer may not read, gives no "
               "rows. Null: every agency the viewer may read.")


def report_field(report: registry.Report, description: str) -> Any:
    """The query of a report: its entry rides along as the field's metadata (for argument_limits)."""
    return strawberry.field(description=description + SCOPE, metadata={"report": report})


@functools.lru_cache(maxsize=256)
def _snake(column: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", column).lower()


def from_columns(cls: type, report: registry.Report, row: Any, **given: Any) -> Any:
    """A `cls` (a row type) of a service row: each field named after one of the report's columns (sangatBaik:
    sangat_baik) gets that column's value; `given` gives the others, and replaces a column's value."""
    names = {f.python_name for f in cls.__strawberry_definition__.fields if f.base_resolver is None}
    values = {name: value for column, value in report.values(row).items()
              if (name := _snake(column)) in names and name not in given}
    return cls(**values, **given)


async def _fetch(info: Info, report: registry.Report, rules: bool = False, **args: Any) -> list:
    """The report's rows for the viewer (its arguments checked by its entry); `rules`: with the curve in force."""
    ctx = info.context
    context = registry.Context(ctx.access, survey_min_group=ctx.settings.survey_min_group)
    if rules:  # read only where needed, as a curve file that cannot be read fails the queries that use it
        context = registry.Context(ctx.access, curve.rules_for(ctx.settings.curve_file))
    arguments = registry.Arguments(**args)

    async def compute() -> list:
        return list(await report.fetch(context, arguments))

    # kept per generation of the data (services/reports/cache.py): a repeated report is one statement
    return await report_cache.cached(report.name, tuple(sorted(args.items())), ctx.access,
                                     getattr(ctx, "language", "en"), report_cache.setup_of(ctx.settings), compute,
                                     ctx.data_generation)


@strawberry.enum(description="What predikatDistribution groups by: one row per agency, or per unit.")
class ReportGroup(enum.Enum):
    AGENCY = strawberry.enum_value("AGENCY", description="One row per agency with finalized ratings in the period "
                                                         "or an organisation predikat for it: all its ratings, and "
                                                         "its predikat.")
    UNIT = strawberry.enum_value("UNIT", description="One row per unit with ratings given in it or a predikat of "
                                                     "its own: the ratings of the unit itself (not of the units "
                                                     "below it), and its own predikat.")


@strawberry.enum(description="What satisfactionByGroup groups by: agencies, units, or a question of the respondent's "
                             "profile (PermenPANRB 14/2017), one row per answer to it.")
class SatisfactionGroup(enum.Enum):
    AGENCY = strawberry.enum_value("AGENCY", description="One row per agency answered: every answer to it, naming a "
                                                         "unit or not.")
    UNIT = strawberry.enum_value("UNIT", description="One row per unit answered: the answers naming exactly that "
                                                     "unit.")
    AGE_BAND = strawberry.enum_value("AGE_BAND", description="One row per age band given (RespondentAgeBand), then "
                                                             "NOT_STATED; small groups pooled as WITHHELD.")
    SEX = strawberry.enum_value("SEX", description="One row per sex given (RespondentSex), then NOT_STATED; small "
                                                   "groups pooled as WITHHELD.")
    EDUCATION = strawberry.enum_value("EDUCATION", description="One row per education given (RespondentEducation), "
                                                               "then NOT_STATED; small groups pooled as WITHHELD.")
    OCCUPATION = strawberry.enum_value("OCCUPATION", description="One row per occupation given "
                                                                 "(RespondentOccupation), then NOT_STATED; small "
                                                                 "groups pooled as WITHHELD.")


@strawberry.type(description="Finalized ratings of one agency, unit or period, by predikat.")
class DistributionRow:
    group: str = strawberry.field(description='Agency code, "AGENCY/UNIT" for a unit, or the period (trend).')
    label: str = strawberry.field(description="Agency name, unit name, or the period (trend).")
    total: int = strawberry.field(description="Finalized ratings counted: the sum of the five predikat columns.")
    sangat_baik: int = strawberry.field(description="Finalized ratings with the predikat SANGAT_BAIK.")
    baik: int = strawberry.field(description="Finalized ratings with the predikat BAIK.")
    butuh_perbaikan: int = strawberry.field(description="Finalized ratings with the predikat BUTUH_PERBAIKAN.")
    kurang_misconduct: int = strawberry.field(description="Finalized ratings with the predikat KURANG_MISCONDUCT.")
    sangat_kurang: int = strawberry.field(description="Finalized ratings with the predikat SANGAT_KURANG.")
    org_predikat: Optional[OrgPredikat] = strawberry.field(
        description="The organisation predikat of the period: the agency's, or for a unit row the unit's own; null "
                    "when none is set.")
    english_curve_warnings: strawberry.Private[list[str]]
    reference: strawberry.Private[list[CurveBound]]

    @strawberry.field(description="What the curve of that organisation predikat says of this spread (its headcount "
                                  "now), in the request's language (Accept-Language).")
    def curve_warnings(self, info: Info) -> list[str]:
        return [messages.translate(w, language(info)) for w in self.english_curve_warnings]

    @strawberry.field(description="The reference curve beside the spread: every rule of the organisation predikat "
                                  "with the people it allows or needs for this headcount; empty without a predikat "
                                  "(the export's column says each in words).")
    def curve_reference(self) -> list[CurveBound]:
        return self.reference

    @classmethod
    def from_row(cls, report: registry.Report, row: reports.DistributionRow) -> "DistributionRow":
        return from_columns(cls, report, row, org_predikat=OrgPredikat(row.org_predikat) if row.org_predikat else None,
                            reference=[CurveBound.of(b) for b in row.reference],
                            english_curve_warnings=list(row.curve_warnings))


@strawberry.type(description="Measurements of one indicator of one agency in a period.")
class AchievementRow:
    agency: str = strawberry.field(description="The agency's code.")
    indicator: str = strawberry.field(description="Full code, e.g. DISDIK.KELULUSAN.")
    measurements: int = strawberry.field(description="Measurements of the indicator in the period (an annual period "
                                                     "does not add up its quarters or months).")
    average_achievement: float = strawberry.field(description="Mean capaian in percent, rounded to 2 decimals.")
    meeting_target: int = strawberry.field(description="Measurements with a capaian of at least 100 %.")


@strawberry.type(description="The IKM of one agency, unit or group of respondents.")
class SatisfactionRow:
    group: str = strawberry.field(description='Agency code, "AGENCY/UNIT", or by a profile question the answer\'s '
                                              'code (e.g. PEREMPUAN), NOT_STATED (left unanswered) or WITHHELD '
                                              '(the small groups, pooled).')
    label: str = strawberry.field(description="Agency or unit name, or the answer's label (Indonesian).")
    respondents: int = strawberry.field(description="Respondents counted in the row (in the WITHHELD row, those of "
                                                    "the pooled groups together).")
    withheld: bool = strawberry.field(
        description="The small groups pooled (fewer than KINERJA_SURVEY_MIN_GROUP respondents each, and as many "
                    "more as keep the pool at that size): no IKM is shown.")
    index: Optional[SatisfactionIndex] = strawberry.field(description="Null when withheld.")


@strawberry.enum(description="How a run of low predikat is consecutive.")
class LowPredikatRun(enum.Enum):
    PERIODS = strawberry.enum_value("PERIODS", description="Adjacent evaluation periods (Triwulan I, II, III, then the "
                                                           "year as Triwulan IV / Akhir Tahun, then the next year's).")
    YEARS = strawberry.enum_value("YEARS", description="The annual ratings of adjacent years.")


@strawberry.type(description="A person rated BUTUH_PERBAIKAN or worse in consecutive periods or years, with the "
                             "longest such run (the latest of equal ones) and every low rating of theirs.")
class LowPredikatRow:
    nip: str = strawberry.field(description="The person's NIP.")
    name: str = strawberry.field(description="The person's name.")
    position: str = strawberry.field(description="Today's position (jabatan).")
    agency: str = strawberry.field(description="The agency where the run's latest rating was given.")
    low_run: LowPredikatRun = strawberry.field(description="Consecutive periods, or consecutive years.")
    run_length: int = strawberry.field(description="How many ratings the run holds (at least 2).")
    run_periods: list[str] = strawberry.field(description="The run's periods, oldest first.")
    run_predikats: list[Predikat] = strawberry.field(description="The run's predikat, in the order of runPeriods.")
    low_history: list[str] = strawberry.field(description='Every low rating of the person, oldest first, as '
                                                          '"PERIOD PREDIKAT" (e.g. "2025-Q1 BUTUH_PERBAIKAN").')


FIRST_HELP = "People per page, 1 to 100 (else the error BAD_PAGE_SIZE); null: 50."
AFTER_HELP = "The previous page's pageInfo.endCursor; null: the first page. Any other text is the error BAD_CURSOR."


async def _people_report(info: Info, report: registry.Report, page_of: Any, period: str, agency: Optional[str],
                         first: Optional[int], after: Optional[str]) -> PersonConnection:
    """A report that lists people, as a connection (not the export's rows): the entry checks the arguments, the
    service (`page_of`: follow_ups, talent_page) pages."""
    ctx = info.context
    reports.require_reader(ctx.access)
    size = check_first(50 if first is None else first, ctx.settings.max_page_size)
    position = decode_name_id_cursor(after)
    report.check(registry.Arguments(period=period, agency=agency))
    page = await page_of(ctx.access, period, agency, size, position)
    return connection(PeoplePage(page.people, page.has_next), page.queryset)


def _group(value: Optional[ReportGroup | SatisfactionGroup]) -> str:
    return (value or ReportGroup.AGENCY).value


@strawberry.type
class Query:
    @report_field(registry.PREDIKAT_DISTRIBUTION, "Finalized ratings of the period by predikat, per agency or per "
                                                  "unit, each with its own organisation predikat, curve warnings "
                                                  "and reference curve. ")
    async def predikat_distribution(
        self, info: Info,
        period: Annotated[str, strawberry.argument(description=PERIOD_HELP)],
        group_by: Annotated[Optional[ReportGroup], strawberry.argument(
            description="Rows per agency or per unit; null: AGENCY.")] = ReportGroup.AGENCY,
        agency: Annotated[Optional[str], strawberry.argument(description=AGENCY_HELP)] = None,
    ) -> list[DistributionRow]:
        report = registry.PREDIKAT_DISTRIBUTION
        rows = await _fetch(info, report, rules=True, period=period, group_by=_group(group_by), agency=agency)
        return [DistributionRow.from_row(report, r) for r in rows]

    @report_field(registry.INDICATOR_ACHIEVEMENT, "Measurements of the period per agency and indicator. ")
    async def indicator_achievement(
        self, info: Info,
        period: Annotated[str, strawberry.argument(description=PERIOD_HELP)],
        agency: Annotated[Optional[str], strawberry.argument(description=AGENCY_HELP)] = None,
    ) -> list[AchievementRow]:
        report = registry.INDICATOR_ACHIEVEMENT
        rows = await _fetch(info, report, period=period, agency=agency)
        return [from_columns(AchievementRow, report, r) for r in rows]

    @report_field(registry.SATISFACTION_BY_GROUP, "The IKM of the period per agency or unit, or per answer to a "
                                                  "question of the respondent's profile over the agency (all "
                                                  "agencies together for ADMIN without one), small groups pooled "
                                                  "and withheld (a year includes its quarters or months). ")
    async def satisfaction_by_group(
        self, info: Info,
        period: Annotated[str, strawberry.argument(description=PERIOD_HELP)],
        group_by: Annotated[Optional[SatisfactionGroup], strawberry.argument(
            description="Rows per agency, per unit, or per answer to one question of the respondent's profile; "
                        "null: AGENCY.")] = SatisfactionGroup.AGENCY,
        agency: Annotated[Optional[str], strawberry.argument(description=AGENCY_HELP)] = None,
    ) -> list[SatisfactionRow]:
        report = registry.SATISFACTION_BY_GROUP
        rows = await _fetch(info, report, period=period, group_by=_group(group_by), agency=agency)
        # group, label, respondents and withheld are columns; the index is one object here, where the export spreads
        # it over columns
        return [from_columns(SatisfactionRow, report, r, index=SatisfactionIndex.from_result(r.index)
                             if r.index is not None else None) for r in rows]

    @report_field(registry.PREDIKAT_TREND, "One row per period (group = the period) from fromPeriod to toPeriod, "
                                           "same kind of period. ")
    async def predikat_trend(
        self, info: Info,
        from_period: Annotated[str, strawberry.argument(
            description="The first period, YYYY, YYYY-Qn or YYYY-MM (INVALID_PERIOD otherwise).")],
        to_period: Annotated[str, strawberry.argument(
            description="The last period, of the same kind as fromPeriod and not before it; at most 240 periods "
                        "in all.")],
        agency: Annotated[Optional[str], strawberry.argument(description=AGENCY_HELP)] = None,
    ) -> list[DistributionRow]:
        report = registry.PREDIKAT_TREND
        rows = await _fetch(info, report, rules=True, from_period=from_period, to_period=to_period, agency=agency)
        return [DistributionRow.from_row(report, r) for r in rows]

    @report_field(registry.FOLLOW_UPS, "People rated BUTUH_PERBAIKAN or worse in the period; their rating carries "
                                       "the recommendations. Keyset-paginated like people. ")
    async def follow_ups(
        self, info: Info,
        period: Annotated[str, strawberry.argument(description=PERIOD_HELP)],
        agency: Annotated[Optional[str], strawberry.argument(description=AGENCY_HELP)] = None,
        first: Annotated[Optional[int], strawberry.argument(description=FIRST_HELP)] = 50,
        after: Annotated[Optional[str], strawberry.argument(description=AFTER_HELP)] = None,
    ) -> PersonConnection:
        return await _people_report(info, registry.FOLLOW_UPS, reports.follow_ups, period, agency, first, after)


    @report_field(registry.CONSECUTIVE_LOW_PREDIKAT, "An agency's people rated BUTUH_PERBAIKAN or worse in "
                                                     "consecutive evaluation periods or years (at least two), with "
                                                     "their history, for the follow-up PP 30/2019 sets out. ")
    async def consecutive_low_predikat(
        self, info: Info, agency: Annotated[str, strawberry.argument(description=AGENCY_HELP.split(" Null")[0])],
    ) -> list[LowPredikatRow]:
        rows = await _fetch(info, registry.CONSECUTIVE_LOW_PREDIKAT, agency=agency)
        return [LowPredikatRow(nip=r.nip, name=r.name, position=r.position, agency=r.agency,
                               low_run=LowPredikatRun(r.run), run_length=r.run_length, run_periods=list(r.run_periods),
                               run_predikats=[Predikat(p) for p in r.run_predikats], low_history=list(r.history))
                for r in rows]

    @report_field(registry.TALENT_LIST, "The talent list: people whose annual rating of the year is SANGAT_BAIK, "
                                        "keyset-paginated like people (their rating: `rating(period: <year>)`). ")
    async def talent_list(
        self, info: Info,
        period: Annotated[str, strawberry.argument(description="The year (YYYY) of the annual rating; any other "
                                                               "form is the error INVALID_PERIOD.")],
        agency: Annotated[Optional[str], strawberry.argument(description=AGENCY_HELP)] = None,
        first: Annotated[Optional[int], strawberry.argument(description=FIRST_HELP)] = 50,
        after: Annotated[Optional[str], strawberry.argument(description=AFTER_HELP)] = None,
    ) -> PersonConnection:
        return await _people_report(info, registry.TALENT_LIST, talent.talent_page, period, agency, first, after)

    @report_field(registry.CREDIT_POINTS, "Credit points (angka kredit) of an agency's functional posts in a year: "
                                          "the people who held a post of the agency with a coefficient on a day of "
                                          "the year (its posts' parts only), each with the conversion of their annual "
                                          "predikat; keyset-paginated. ")
    async def credit_points(
        self, info: Info,
        agency: Annotated[str, strawberry.argument(description="The agency's code, e.g. DISDIK; another agency, or "
                                                               "an unknown code, gives no rows.")],
        year: Annotated[int, strawberry.argument(description=credit_points.YEAR_HELP)],
        first: Annotated[Optional[int], strawberry.argument(description=FIRST_HELP)] = 50,
        after: Annotated[Optional[str], strawberry.argument(description=AFTER_HELP)] = None,
    ) -> credit_points.CreditPointsConnection:
        return await credit_points.agency_page(info, agency, year, first, after)


def argument_limits() -> dict[str, int]:
    """graphql.limits' entries of the report queries: "Query.<field>.<argument>" -> the longest value the argument's
    registry entry allows."""
    out: dict[str, int] = {}
    for field in Query.__strawberry_definition__.fields:
        report = field.metadata.get("report") if field.metadata else None
        for argument in report.arguments if report is not None else ():
            if argument.max_length is not None:
                out[f"Query.{to_camel_case(field.python_name)}.{argument.name}"] = argument.max_length
    return out
