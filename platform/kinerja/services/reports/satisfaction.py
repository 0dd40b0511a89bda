"""The IKM per agency or unit for one period, from survey_rollup, with the arithmetic of services.satisfaction.

The period covers what satisfaction.period_filter says (a year also its quarters or months); the sums become an
IndexResult through satisfaction.result_from_sums, with the required sample of the agency's (or unit's) service
population. One row per agency (its unit-0 total: every answer to it, with or without a unit) or per unit (the
answers naming exactly that unit) with at least one respondent; ordered by agency code, then unit code.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from tortoise.expressions import Subquery
from tortoise.functions import Sum

from kinerja.models import ServicePopulation, SurveyRollup, Unit
from kinerja.models.rollup import WHOLE_AGENCY
from kinerja.services.survey import ikm
from kinerja.services.core.access import Access
from kinerja.services.reports.scope import AGENCY, check_group, check_period, scope_of
from kinerja.services.survey.satisfaction import IndexResult, period_filter, result_from_sums

if TYPE_CHECKING:  # the registry imports this module
    from kinerja.services.reports.registry import Arguments, Context

_U = tuple(f"u{i}" for i in range(1, ikm.ELEMENTS + 1))


@dataclass(frozen=True)
class SatisfactionRow:
    group: str  # agency code or "AGENCY/UNIT"
    label: str  # agency or unit name
    index: IndexResult


# the report's columns (registry): name -> its value in a row; the index flattened, its element averages u1..u9
COLUMNS = {
    "group": attrgetter("group"),
    "label": attrgetter("label"),
    "period": attrgetter("index.period"),
    "respondents": attrgetter("index.respondents"),
    "index": attrgetter("index.index"),
    "grade": attrgetter("index.grade"),
    "gradeLabel": attrgetter("index.label"),
    "requiredSample": attrgetter("index.required_sample"),
    "sufficientSample": attrgetter("index.sufficient_sample"),
    **{u: (lambda row, i=i: row.index.element_averages[i]) for i, u in enumerate(_U)},
}


async def satisfaction_by_group(access: Access, period: str, group_by: str = AGENCY, agency: str | None = None
                                ) -> list[SatisfactionRow]:
    scope = await scope_of(access, agency)
    period, group = check_period(period), check_group(group_by)
    if scope.empty:
        return []
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
        out = [SatisfactionRow(r["agency__code"], r["agency__name"], _index(period, r, by_agency.get(r["agency_id"])))
               for r in rows]
        return sorted(out, key=lambda row: row.group)

    answered = Subquery(answers.values("unit_id"))
    units = {u["id"]: u for u in await Unit.filter(id__in=answered).values("id", "code", "name")}
    by_unit = dict(await ServicePopulation.filter(unit_id__in=Subquery(answers.values("unit_id")))
                   .values_list("unit_id", "population"))
    rows.sort(key=lambda r: (r["agency__code"], units[r["unit_id"]]["code"]))
    return [SatisfactionRow(f"{r['agency__code']}/{units[r['unit_id']]['code']}", units[r["unit_id"]]["name"],
                            _index(period, r, by_unit.get(r["unit_id"]))) for r in rows]


def _index(period: str, row: dict, population: int | None) -> IndexResult:
    return result_from_sums(period, [int(row[f"s{u}"] or 0) for u in _U], int(row["respondents_"]), population)


async def rows(ctx: Context, a: Arguments) -> list[SatisfactionRow]:
    return await satisfaction_by_group(ctx.access, a.period, a.group_by or AGENCY, a.agency)
