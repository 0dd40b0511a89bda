"""The IKM per agency, unit or respondent profile group for one period, from the survey rollups, with the arithmetic
of services.satisfaction.

The period covers what satisfaction.period_filter says (a year also its quarters or months); the sums become an
IndexResult through satisfaction.result_from_sums, with the required sample of the agency's (or unit's) service
population. One row per agency (its unit-0 total: every answer to it, with or without a unit) or per unit (the
answers naming exactly that unit) with at least one respondent; ordered by agency code, then unit code.

By a profile dimension (AGE_BAND, SEX, EDUCATION, OCCUPATION; from survey_profile_rollup) the rows are the
dimension's values over the whole scope (the agency named or the viewer's; ADMIN without one: every agency
together), in the form's order, then NOT_STATED (answers that left it out); a group with no respondent has no row.
The small-group rule (services/reports/disclosure.py) withholds small groups: they have no row of their own but
one pooled row WITHHELD at the end, its respondents counted and its IKM null. A group has no service population,
so no required sample.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from tortoise.expressions import Subquery
from tortoise.functions import Sum

from kinerja.models import ServicePopulation, SurveyProfileRollup, SurveyRollup, Unit
from kinerja.models.rollup import WHOLE_AGENCY
from kinerja.models.survey import NOT_STATED
from kinerja.services.survey import ikm, profile
from kinerja.services.core.access import Access
from kinerja.services.reports import disclosure
from kinerja.services.reports.scope import AGENCY, GROUPS, Scope, check_group, check_period, scope_of
from kinerja.services.survey.satisfaction import IndexResult, period_filter, result_from_sums

if TYPE_CHECKING:  # the registry imports this module
    from kinerja.services.reports.registry import Arguments, Context

_U = tuple(f"u{i}" for i in range(1, ikm.ELEMENTS + 1))
GROUP_BY = (*GROUPS, *profile.BY_CODE)  # AGENCY, UNIT, then the profile's dimensions
WITHHELD = "WITHHELD"  # the group of the pooled row of the groups withheld


def check_group_by(value: str | None) -> str:
    """A grouping of this report (BadArgument otherwise): AGENCY, UNIT or a profile dimension."""
    return check_group(value, GROUP_BY)


@dataclass(frozen=True)
class SatisfactionRow:
    group: str  # agency code, "AGENCY/UNIT", a profile value code, NOT_STATED or WITHHELD
    label: str  # agency or unit name, the value's Indonesian label
    index: IndexResult | None  # None: withheld (the small-group rule)
    period: str
    respondents: int
    withheld: bool = False


def _of_index(name: str):
    """A column of the index: its value, None in a withheld row."""
    return lambda row: getattr(row.index, name) if row.index is not None else None


# the report's columns (registry): name -> its value in a row; the index flattened, its element averages u1..u9;
# a withheld row has its group, label, period and respondents, and no index
COLUMNS = {
    "group": attrgetter("group"),
    "label": attrgetter("label"),
    "period": attrgetter("period"),
    "respondents": attrgetter("respondents"),
    "index": _of_index("index"),
    "grade": _of_index("grade"),
    "gradeLabel": _of_index("label"),
    "requiredSample": _of_index("required_sample"),
    "sufficientSample": _of_index("sufficient_sample"),
    **{u: (lambda row, i=i: row.index.element_averages[i] if row.index is not None else None)
       for i, u in enumerate(_U)},
    "withheld": attrgetter("withheld"),
}


def _row(group: str, label: str, index: IndexResult) -> SatisfactionRow:
    return SatisfactionRow(group, label, index, index.period, index.respondents)


async def satisfaction_by_group(access: Access, period: str, group_by: str = AGENCY, agency: str | None = None,
                                min_group: int = disclosure.DEFAULT_MIN_GROUP) -> list[SatisfactionRow]:
    """The rows of the module's doc; `min_group` is the small-group rule's minimum (KINERJA_SURVEY_MIN_GROUP)."""
    scope = await scope_of(access, agency)
    period, group = check_period(period), check_group_by(group_by)
    if scope.empty:
        return []
    if group in profile.BY_CODE:
        return await _by_profile(scope, period, profile.BY_CODE[group], min_group)
    answers = SurveyRollup.filter(period_filter(period))
    if scope.agency_id is not None:
        answers = answers.filter(agency_id=scope.agency_id)
    answers = answers.filter(unit_id=WHOLE_AGENCY) if group == AGENCY else answers.filter(unit_id__gt=WHOLE_AGENCY)
    sums = {f"s{u}": Sum(u) for u in _U}
    keys = ("agency_id", "agency__code", "agency__name") if group == AGENCY else ("agency__code", "unit_id")
    rows = await (answers.annotate(respondents_=Sum("respondents"), **sums).group_by(*keys)
                  .values(*keys, "respondents_", *sums))
    rows = [r for r in rows if int(r["respondents_"] or 0) > 0]
    if not rows:
        return []

    if group == AGENCY:
        populations = ServicePopulation.filter(unit_id__isnull=True)
        if scope.agency_id is not None:
            populations = populations.filter(agency_id=scope.agency_id)
        by_agency = dict(await populations.values_list("agency_id", "population"))
        out = [_row(r["agency__code"], r["agency__name"], _index(period, r, by_agency.get(r["agency_id"])))
               for r in rows]
        return sorted(out, key=lambda row: row.group)

    answered = Subquery(answers.values("unit_id"))
    units = {u["id"]: u for u in await Unit.filter(id__in=answered).values("id", "code", "name")}
    by_unit = dict(await ServicePopulation.filter(unit_id__in=Subquery(answers.values("unit_id")))
                   .values_list("unit_id", "population"))
    rows.sort(key=lambda r: (r["agency__code"], units[r["unit_id"]]["code"]))
    return [_row(f"{r['agency__code']}/{units[r['unit_id']]['code']}", units[r["unit_id"]]["name"],
                 _index(period, r, by_unit.get(r["unit_id"]))) for r in rows]


async def _by_profile(scope: Scope, period: str, dimension: profile.Dimension, min_group: int
                      ) -> list[SatisfactionRow]:
    answers = SurveyProfileRollup.filter(period_filter(period), dimension=dimension.code)
    if scope.agency_id is not None:
        answers = answers.filter(agency_id=scope.agency_id)
    sums = {f"s{u}": Sum(u) for u in _U}
    found = await (answers.annotate(respondents_=Sum("respondents"), **sums).group_by("value")
                   .values("value", "respondents_", *sums))
    by_value = {r["value"]: r for r in found if int(r["respondents_"] or 0) > 0}
    order = [*dimension.codes, NOT_STATED]
    order += sorted(set(by_value) - set(order))  # a code no longer offered still counts (after the others)
    groups = [(value, int(by_value[value]["respondents_"])) for value in order if value in by_value]
    hidden = disclosure.withheld(groups, min_group)
    out = [_row(value, dimension.label_of(value), _index(period, by_value[value], None))
           for value, _ in groups if value not in hidden]
    pooled = sum(n for value, n in groups if value in hidden)
    if pooled:
        out.append(SatisfactionRow(WITHHELD, f"Kelompok kecil, digabung (IKM ditampilkan mulai {min_group} responden)",
                                   None, period, pooled, withheld=True))
    return out


def _index(period: str, row: dict, population: int | None) -> IndexResult:
    return result_from_sums(period, [int(row[f"s{u}"] or 0) for u in _U], int(row["respondents_"]), population)


async def rows(ctx: Context, a: Arguments) -> list[SatisfactionRow]:
    return await satisfaction_by_group(ctx.access, a.period, a.group_by or AGENCY, a.agency, ctx.survey_min_group)
