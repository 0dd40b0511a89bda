"""The predikat reports: the spread of finalized ratings per agency or unit, and per period (the trend).

Both read rating_rollup (see kinerja.models.rollup), never the rating table: one GROUP BY statement pivots the
five predikat into columns. Which rows appear:
- by agency: every agency in scope with at least one finalized rating in the period, or with an organisation
  predikat for it (so that an agency whose ratings have not started still shows its predikat and any curve
  minimum it can no longer meet); zero rollup rows (ratings reopened) count as no ratings;
- by unit: every unit with at least one rating given in it, or with an organisation predikat of its own for the
  period; ratings of people without a unit count in their agency's row only, so the unit rows of an agency may add
  up to less than its total. A unit row carries the unit's own predikat and what its curve says of the unit's
  spread with the unit's headcount now (the people in the unit itself, not in the units below it);
- the trend: exactly one row per period from fromPeriod to toPeriod, zeros included.
Rows are ordered by agency code, then unit code.

The curve warnings are what kinerja.services.evaluation.curve.check says of the spread with the agency's headcount now
(headcount_rollup), as finalizeRating does; an agency without an organisation predikat has none. Beside them each row
with a predikat carries its reference curve (`reference`: every rule of its predikat with the people it allows or
needs for that headcount, curve.bounds), so that the reference is shown beside the actual spread.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Mapping

from kinerja.models import OrgRating
from kinerja.models.rollup import WHOLE_AGENCY
from kinerja.services.evaluation import curve
from kinerja.services.core import sql
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.cycles.gate import period_kind
from kinerja.services.evaluation.ratings import headcount_of
from kinerja.services.reports.scope import AGENCY, Params, check_group, check_period, scope_of

if TYPE_CHECKING:  # the registry imports this module
    from kinerja.services.reports.registry import Arguments, Context

PREDIKATS = curve.PREDIKATS  # SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG_MISCONDUCT, SANGAT_KURANG
MAX_TREND = 240  # periods in one trend: twenty years of months


@dataclass(frozen=True)
class DistributionRow:
    group: str  # agency code, "AGENCY/UNIT", or the period (trend)
    label: str  # agency name, unit name, or the period
    counts: Mapping[str, int]  # predikat -> finalized ratings
    org_predikat: str | None = None
    curve_warnings: tuple[str, ...] = ()
    reference: tuple[curve.Bound, ...] = ()  # the rules of org_predikat for this headcount (curve.bounds)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def camel(name: str) -> str:
    """SANGAT_BAIK as sangatBaik: a predikat's column name."""
    first, *rest = name.lower().split("_")
    return first + "".join(word.title() for word in rest)


# the columns of both predikat reports (registry): name -> its value in a row; one per predikat, e.g. sangatBaik
COLUMNS = {
    "group": attrgetter("group"),
    "label": attrgetter("label"),
    "total": attrgetter("total"),
    **{camel(name): (lambda row, name=name: row.counts[name]) for name in PREDIKATS},
    "orgPredikat": attrgetter("org_predikat"),
    "curveWarnings": lambda row: list(row.curve_warnings),
    "curveReference": lambda row: [bound_text(b) for b in row.reference],
}


def bound_text(b: curve.Bound) -> str:
    """A rule of the reference curve with its limit for the headcount, e.g. "SANGAT_BAIK more than 50 %: at least 4
    of 6 (3 now)" (the CSV's words; the console says it in Indonesian from the GraphQL fields)."""
    r = b.rule
    pct = lambda v: f"{v:g}"  # noqa: E731
    if r.max_percent is not None:
        return f"{r.label} at most {pct(r.max_percent)} %: at most {b.limit} of {b.total} ({b.count} now)"
    rule = (f"at least {pct(r.min_percent)} %" if r.min_percent is not None
            else f"more than {pct(r.more_than_percent)} %" if r.more_than_percent is not None
            else f"at least {r.min_count}")
    return f"{r.label} {rule}: at least {b.limit} of {b.total} ({b.count} now)"


def _pivot(p: Params) -> str:
    """The five predikat columns c0..c4, summed from rating_rollup r."""
    return ", ".join(f"COALESCE(SUM(CASE WHEN r.predikat = {p(name)} THEN r.ratings ELSE 0 END), 0) AS c{i}"
                     for i, name in enumerate(PREDIKATS))


_COLUMNS = tuple((name, f"c{i}") for i, name in enumerate(PREDIKATS))


def _counts(row: Mapping) -> dict[str, int]:
    return {name: int(row[column] or 0) for name, column in _COLUMNS}


def _row(group: str, label: str, counts: dict[str, int], rules: curve.CurveRules, org: str | None, headcount: int,
         of: str = "agency") -> DistributionRow:
    """A row with its organisation predikat's warnings and reference curve (none without a predikat)."""
    if org is None:
        return DistributionRow(group, label, counts)
    return DistributionRow(group, label, counts, org,
                           tuple(f.message for f in curve.check(rules, org, counts, headcount, of)),
                           tuple(curve.bounds(rules, org, counts, headcount)))


async def predikat_distribution(access: Access, period: str, group_by: str = AGENCY,
                                rules: curve.CurveRules = curve.DEFAULT_RULES, agency: str | None = None
                                ) -> list[DistributionRow]:
    """Finalized ratings of the period per agency (with its organisation predikat and curve warnings) or unit."""
    scope = await scope_of(access, agency)
    period, group = check_period(period), check_group(group_by)
    if scope.empty:
        return []
    conn = sql.connection()
    p = Params(conn)
    if group == AGENCY:
        # one statement: the spread, the organisation predikat and the headcount of each agency
        pivot = _pivot(p)
        query = (f"SELECT a.code, a.name, o.predikat AS org, COALESCE(h.people, 0) AS headcount, {pivot} "
                 f"FROM agency a "
                 f"LEFT JOIN rating_rollup r ON r.agency_id = a.id AND r.unit_id = {p(WHOLE_AGENCY)} "
                 f"AND r.period = {p(period)} "
                 f"LEFT JOIN org_rating o ON o.agency_id = a.id AND o.period = {p(period)} "
                 f"LEFT JOIN headcount_rollup h ON h.agency_id = a.id AND h.unit_id = {p(WHOLE_AGENCY)} "
                 + (f"WHERE a.id = {p(scope.agency_id)} " if scope.agency_id is not None else "")
                 + "GROUP BY a.id, a.code, a.name, o.predikat, h.people "
                 "HAVING COALESCE(SUM(r.ratings), 0) > 0 OR o.predikat IS NOT NULL")
        rows = await sql.fetch(conn, query, p.values)
        out = [_row(r["code"], r["name"], _counts(r), rules, r["org"], int(r["headcount"])) for r in rows]
        return sorted(out, key=lambda row: row.group)
    # one statement: the spread, the unit's own organisation predikat and its headcount of each unit
    pivot = _pivot(p)
    query = (f"SELECT a.code AS agency, u.code AS unit, u.name, o.predikat AS org, COALESCE(h.people, 0) AS headcount, "
             f"{pivot} FROM unit u JOIN agency a ON a.id = u.agency_id "
             f"LEFT JOIN rating_rollup r ON r.unit_id = u.id AND r.agency_id = u.agency_id AND r.period = {p(period)} "
             f"LEFT JOIN unit_org_rating o ON o.unit_id = u.id AND o.period = {p(period)} "
             f"LEFT JOIN headcount_rollup h ON h.agency_id = u.agency_id AND h.unit_id = u.id "
             + (f"WHERE u.agency_id = {p(scope.agency_id)} " if scope.agency_id is not None else "")
             + "GROUP BY a.code, u.id, u.code, u.name, o.predikat, h.people "
             "HAVING COALESCE(SUM(r.ratings), 0) > 0 OR o.predikat IS NOT NULL")
    rows = await sql.fetch(conn, query, p.values)
    rows.sort(key=lambda r: (r["agency"], r["unit"]))
    return [_row(f"{r['agency']}/{r['unit']}", r["name"], _counts(r), rules, r["org"], int(r["headcount"]), "unit")
            for r in rows]


def trend_periods(from_period: str, to_period: str) -> list[str]:
    """Every period from..to of one kind (years, quarters or months), in order; BadArgument naming the culprit."""
    start, end = check_period(from_period, "fromPeriod"), check_period(to_period, "toPeriod")
    kind = period_kind(start)
    if period_kind(end) != kind:
        raise BadArgument("toPeriod", f"toPeriod must be the same kind of period as fromPeriod ({_FORMS[kind]}), "
                                      f"got {to_period!r}")
    first, last = _ordinal(start, kind), _ordinal(end, kind)
    if first > last:
        raise BadArgument("fromPeriod", f"fromPeriod {start} is after toPeriod {end}")
    if last - first + 1 > MAX_TREND:
        raise BadArgument("toPeriod", f"toPeriod is {last - first + 1} periods from fromPeriod; at most {MAX_TREND}")
    return [_name(n, kind) for n in range(first, last + 1)]


_FORMS = {"year": "YYYY", "quarter": "YYYY-Qn", "month": "YYYY-MM"}
_PER_YEAR = {"year": 1, "quarter": 4, "month": 12}


def _ordinal(period: str, kind: str) -> int:
    """Periods of one kind counted from year 0: 2025-Q1 is 2025 * 4 + 0."""
    step = 0 if kind == "year" else int(period[6:] if kind == "quarter" else period[5:]) - 1
    return int(period[:4]) * _PER_YEAR[kind] + step


def _name(ordinal: int, kind: str) -> str:
    year, step = divmod(ordinal, _PER_YEAR[kind])
    return {"year": f"{year:04d}", "quarter": f"{year:04d}-Q{step + 1}", "month": f"{year:04d}-{step + 1:02d}"}[kind]


async def predikat_trend(access: Access, agency: str | None, from_period: str, to_period: str,
                         rules: curve.CurveRules = curve.DEFAULT_RULES) -> list[DistributionRow]:
    """One row per period from..to: the spread of the agency (its organisation predikat and curve warnings per
    period), or of every agency together when ADMIN names none. An AGENCY_ADMIN reads its own agency."""
    scope = await scope_of(access, agency)
    periods = trend_periods(from_period, to_period)
    if scope.empty:
        return []
    conn = sql.connection()
    p = Params(conn)
    pivot = _pivot(p)
    query = (f"SELECT r.period, {pivot} FROM rating_rollup r "
             f"WHERE r.unit_id = {p(WHOLE_AGENCY)} AND r.period IN ({p.many(periods)}) "
             + (f"AND r.agency_id = {p(scope.agency_id)} " if scope.agency_id is not None else "")
             + "GROUP BY r.period")
    spreads = {r["period"]: _counts(r) for r in await sql.fetch(conn, query, p.values)}
    orgs: dict[str, str] = {}
    headcount = 0
    if scope.agency_id is not None:
        orgs = dict(await OrgRating.filter(agency_id=scope.agency_id, period__in=periods)
                    .values_list("period", "predikat"))
        if orgs:
            headcount = await headcount_of(conn, scope.agency_id)
    empty = {name: 0 for name in PREDIKATS}
    return [_row(period, period, dict(counts), rules, orgs.get(period), headcount)
            for period in periods for counts in (spreads.get(period, empty),)]


async def distribution_rows(ctx: Context, a: Arguments) -> list[DistributionRow]:
    return await predikat_distribution(ctx.access, a.period, a.group_by or AGENCY, ctx.rules, a.agency)


async def trend_rows(ctx: Context, a: Arguments) -> list[DistributionRow]:
    return await predikat_trend(ctx.access, a.agency, a.from_period, a.to_period, ctx.rules)
