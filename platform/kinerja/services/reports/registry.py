"""The reports, one entry each: its name, its arguments (each with its check), its columns and its rows.

Whatever serves a report reads its entry: the CSV exports (GET /reports/<name>.csv and `kinerja report`, through
kinerja.services.reports.export) its name, the arguments it requires or allows, its columns (the header and each
row's cells), its rows and the checks of its arguments; its GraphQL query (kinerja.graphql.reports) the checks and
the limits of its arguments and its columns (the fields of its row type are named after them).

Adding a report: its module in this package (the rows, a COLUMNS table of column name -> the value in a row, and
an `async rows(context, arguments)` giving every row, or `async page(context, arguments, first, after)` giving up
to `first` rows after the position `after` and the position after them, None after the last page), one
`register(...)` line at the end of this file, and its GraphQL field. A test may register a report and
unregister it again.

A report may take its own variant of an argument: the same field and name with its own check (satisfaction-by-group's
groupBy also takes the profile's dimensions). Checks raise BadArgument naming the argument as the services do
(GraphQL's names, e.g. fromPeriod); the export turns that into the caller's names. An argument's check sees only a
given value (not None); whether an argument is required or allowed at all is the export's business, as GraphQL's
schema is the query's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import partial
from typing import Any, Awaitable, Callable, Mapping, Sequence

from kinerja.services.core.access import Access
from kinerja.services.evaluation import curve
from kinerja.services.reports import achievement, disclosure, low_predikat, predikat, satisfaction, talent
from kinerja.services.reports import credit_points
# by name: the package's attribute `follow_ups` is the function of that name, not the module
from kinerja.services.reports.follow_ups import COLUMNS as FOLLOW_UP_COLUMNS, page as follow_up_page
from kinerja.services.reports.scope import check_group, check_period, require_reader

PERIOD_MAX = 16  # the longest period a report query takes (YYYY-Qn is 7)
CODE_MAX = 32  # the longest agency code (kinerja.services.org.agencies.CODE_RE)


@dataclass(frozen=True)
class Argument:
    """An argument a report may take."""

    field: str  # its Arguments field
    name: str  # as the services and GraphQL name it (BadArgument); the CSV exports map it to their own names
    check: Callable[[str], object] | None = None  # BadArgument for a value the report cannot use; None: any
    max_length: int | None = None  # the longest value GraphQL takes (graphql.limits); None: not a free string


@dataclass(frozen=True)
class Arguments:
    """What a report is asked for; None is "not given"."""

    period: str | None = None
    group_by: str | None = None
    agency: str | None = None
    from_period: str | None = None
    to_period: str | None = None
    year: str | None = None  # a calendar year (credit-points: GraphQL's Int, the export's text)


PERIOD = Argument("period", "period", check_period, PERIOD_MAX)
GROUP_BY = Argument("group_by", "groupBy", check_group)  # an enum in GraphQL
AGENCY = Argument("agency", "agency", None, CODE_MAX)  # any code: the scope decides (another agency's: no rows)
FROM_PERIOD = Argument("from_period", "fromPeriod", partial(check_period, argument="fromPeriod"), PERIOD_MAX)
TO_PERIOD = Argument("to_period", "toPeriod", partial(check_period, argument="toPeriod"), PERIOD_MAX)
YEAR = Argument("year", "year", partial(talent.check_year, argument="year"))  # an Int in GraphQL
ARGUMENTS = (PERIOD, GROUP_BY, AGENCY, FROM_PERIOD, TO_PERIOD, YEAR)  # every argument, in the order they are checked
FIELDS = tuple(a.field for a in ARGUMENTS)
if FIELDS != tuple(f.name for f in fields(Arguments)):
    raise RuntimeError("registry.ARGUMENTS and registry.Arguments name different arguments")
# satisfaction-by-group's groupBy: AGENCY, UNIT or a dimension of the respondent's profile
SATISFACTION_GROUP_BY = Argument("group_by", "groupBy", satisfaction.check_group_by)


@dataclass(frozen=True)
class Context:
    """Who asks, and what rows may need besides the arguments."""

    access: Access
    rules: curve.CurveRules = field(default_factory=lambda: curve.DEFAULT_RULES)  # the predikat reports' curve
    catalog: Any = None  # the indicator catalog with its plugins: the follow-ups' recommendations
    # the smallest profile group whose IKM satisfaction-by-group shows (KINERJA_SURVEY_MIN_GROUP)
    survey_min_group: int = disclosure.DEFAULT_MIN_GROUP


Rows = Callable[[Context, Arguments], Awaitable[Sequence[Any]]]
Page = Callable[[Context, Arguments, int, Any], Awaitable[tuple[Sequence[Any], Any]]]


@dataclass(frozen=True)
class Report:
    name: str  # e.g. predikat-distribution: /reports/<name>.csv, `kinerja report <name>`
    required: tuple[Argument, ...]
    optional: tuple[Argument, ...]
    columns: Mapping[str, Callable[[Any], Any]]  # column name -> its value in a row, in the columns' order
    rows: Rows | None = None  # every row at once
    page: Page | None = None  # or a page at a time: (rows, the position after them or None after the last)

    def __post_init__(self) -> None:
        if (self.rows is None) == (self.page is None):
            raise ValueError(f"report {self.name}: give rows or page, not both or neither")
        if not self.columns:
            raise ValueError(f"report {self.name}: no columns")
        named = [(a.field, a.name) for a in (*self.required, *self.optional)]
        unknown = [n for n in named if n not in {(a.field, a.name) for a in ARGUMENTS}]
        if unknown or len(set(named)) != len(named):
            raise ValueError(f"report {self.name}: arguments are registry.ARGUMENTS (or a variant), each once")

    @property
    def arguments(self) -> tuple[Argument, ...]:
        """The arguments it takes (its own variants), in the order of ARGUMENTS."""
        own = {a.field: a for a in (*self.required, *self.optional)}
        return tuple(own[field] for field in FIELDS if field in own)

    def takes(self, field: str) -> bool:
        """Whether it takes the argument of that Arguments field."""
        return any(a.field == field for a in (*self.required, *self.optional))

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(self.columns)

    def cells(self, row: Any) -> list[Any]:
        """The row's values, one per column."""
        return [value(row) for value in self.columns.values()]

    def values(self, row: Any) -> dict[str, Any]:
        """The row's values by column name."""
        return {name: value(row) for name, value in self.columns.items()}

    def check(self, args: Arguments) -> None:
        """BadArgument for the first given argument whose value this report cannot use."""
        for argument in self.arguments:
            value = getattr(args, argument.field)
            if value is not None and argument.check is not None:
                argument.check(value)

    async def fetch(self, ctx: Context, args: Arguments) -> Sequence[Any]:
        """Every row (a report read at once): AccessDenied for a viewer who may not read reports, BadArgument for
        an argument the report cannot use."""
        if self.rows is None:
            raise TypeError(f"report {self.name} is read a page at a time (fetch_page)")
        require_reader(ctx.access)
        self.check(args)
        return await self.rows(ctx, args)

    async def fetch_page(self, ctx: Context, args: Arguments, first: int, after: Any = None
                         ) -> tuple[Sequence[Any], Any]:
        """Up to `first` rows after the position `after` (a report read a page at a time) and the position after
        them, None after the last page; AccessDenied and BadArgument as fetch."""
        if self.page is None:
            raise TypeError(f"report {self.name} is read at once (fetch)")
        require_reader(ctx.access)
        self.check(args)
        return await self.page(ctx, args, first, after)


REPORTS: dict[str, Report] = {}  # name -> entry, in the order they were registered (the order lists show)


def register(report: Report) -> Report:
    """Add a report; ValueError if its name is taken."""
    if report.name in REPORTS:
        raise ValueError(f"a report {report.name!r} is registered already")
    REPORTS[report.name] = report
    return report


def unregister(name: str) -> Report:
    """Take a report out again (KeyError if there is none): for tests that register one."""
    return REPORTS.pop(name)


# ---- the reports --------------------------------------------------------------------------------------------------

PREDIKAT_DISTRIBUTION = register(Report("predikat-distribution", (PERIOD,), (GROUP_BY, AGENCY), predikat.COLUMNS,
                                        rows=predikat.distribution_rows))
INDICATOR_ACHIEVEMENT = register(Report("indicator-achievement", (PERIOD,), (AGENCY,), achievement.COLUMNS,
                                        rows=achievement.rows))
SATISFACTION_BY_GROUP = register(Report("satisfaction-by-group", (PERIOD,), (SATISFACTION_GROUP_BY, AGENCY),
                                        satisfaction.COLUMNS, rows=satisfaction.rows))
PREDIKAT_TREND = register(Report("predikat-trend", (FROM_PERIOD, TO_PERIOD), (AGENCY,), predikat.COLUMNS,
                                 rows=predikat.trend_rows))
FOLLOW_UPS = register(Report("follow-ups", (PERIOD,), (AGENCY,), FOLLOW_UP_COLUMNS, page=follow_up_page))
# issue 23 §2: who has been rated low in consecutive periods or years (an agency's), and the talent list
CONSECUTIVE_LOW_PREDIKAT = register(Report("consecutive-low-predikat", (AGENCY,), (), low_predikat.COLUMNS,
                                           rows=low_predikat.rows))
TALENT_LIST = register(Report("talent-list", (Argument("period", "period", talent.check_year, PERIOD_MAX),),
                              (AGENCY,), talent.COLUMNS, page=talent.page))
# issue 23 §2: credit points of an agency's functional posts in a year (the period is the year)
CREDIT_POINTS = register(Report("credit-points", (AGENCY, YEAR), (), credit_points.COLUMNS, page=credit_points.page))
