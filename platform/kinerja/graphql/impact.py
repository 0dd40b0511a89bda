"""Impact (issue 23 §3): `impact(agency, from, to, unit)`, an agency's IKM, annual predikat, development hours and the
predikat of the people with a plan before and after it, per year and unit (services/reports/impact.py)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from kinerja.graphql.context import Info
from kinerja.graphql.enums import Predikat
from kinerja.graphql.errors import language
from kinerja.services.core import messages
from kinerja.services.reports import cache as report_cache
from kinerja.services.reports import impact as service

CAVEAT_EN = messages.text_english(service.CAVEAT)


@strawberry.type(description="One year of an agency (unit null) or of one of its units: the IKM, the annual "
                             "predikat, the development hours and the people with a development plan.")
class ImpactRow:
    year: int = strawberry.field(description="The calendar year.")
    agency: str = strawberry.field(description="The agency's code.")
    unit: str | None = strawberry.field(description="The unit's code; null: the agency as a whole.")
    label: str = strawberry.field(description="The agency's or the unit's name.")
    respondents: int = strawberry.field(description="Survey answers of the year (its quarters and months included): "
                                                    "the agency's every answer, a unit's those naming it.")
    ikm: float | None = strawberry.field(description="The IKM (25-100) of those answers; null without any.")
    ikm_grade: str | None = strawberry.field(description="The IKM's grade, A to D; null without answers.")
    ikm_label: str | None = strawberry.field(description="The grade in words (Indonesian); null without answers.")
    total: int = strawberry.field(description="Annual ratings of the year (the year's period) given in the agency "
                                              "or the unit.")
    sangat_baik: int = strawberry.field(description="Of them, SANGAT_BAIK.")
    baik: int = strawberry.field(description="Of them, BAIK.")
    butuh_perbaikan: int = strawberry.field(description="Of them, BUTUH_PERBAIKAN.")
    kurang_misconduct: int = strawberry.field(description="Of them, KURANG_MISCONDUCT.")
    sangat_kurang: int = strawberry.field(description="Of them, SANGAT_KURANG.")
    people: int = strawberry.field(description="People of the agency (the unit) in service now, by their unit now.")
    hours_met: int = strawberry.field(description="Of them, those with at least the minimum hours confirmed in "
                                                  "the year.")
    hours_done: int = strawberry.field(description="Their confirmed development hours (JP) of actions completed in "
                                                   "the year.")
    plans: int = strawberry.field(description="Development plans of the year's cycle that a low rating given here "
                                              "requires: improved + same + worse + notYetRated.")
    improved: int = strawberry.field(description="Of them, the person's next rating is a better predikat.")
    same: int = strawberry.field(description="Of them, the next rating is the same predikat.")
    worse: int = strawberry.field(description="Of them, the next rating is a worse predikat.")
    not_yet_rated: int = strawberry.field(description="Of them, the person has no rating after the low one yet.")

    @classmethod
    def of(cls, r: service.ImpactRow) -> ImpactRow:
        c, o = r.counts, r.outcomes
        return cls(year=r.year, agency=r.agency, unit=r.unit, label=r.label, respondents=r.respondents, ikm=r.ikm,
                   ikm_grade=r.ikm_grade, ikm_label=r.ikm_label, total=r.total, sangat_baik=c["SANGAT_BAIK"],
                   baik=c["BAIK"], butuh_perbaikan=c["BUTUH_PERBAIKAN"], kurang_misconduct=c["KURANG_MISCONDUCT"],
                   sangat_kurang=c["SANGAT_KURANG"], people=r.people, hours_met=r.hours_met,
                   hours_done=r.hours_done, plans=r.plans, improved=o[service.IMPROVED], same=o[service.SAME],
                   worse=o[service.WORSE], not_yet_rated=o[service.NOT_YET_RATED])


@strawberry.type(description="How many people with a development plan of a year went from the low rating that "
                             "required it to their next rating.")
class ImpactTransition:
    year: int = strawberry.field(description="The plan's cycle.")
    before: Predikat = strawberry.field(description="The low rating that required the plan.")
    after: Predikat | None = strawberry.field(description="The person's next rating (of a period ending later); "
                                                             "null: not rated again yet.")
    people: int = strawberry.field(description="How many people.")


@strawberry.type(description="Did it work? An agency's IKM, annual predikat, development hours, and the predikat of "
                             "the people with a development plan before and after it, per year: an association, "
                             "not proof of cause (`caveat`).")
class Impact:
    agency: str = strawberry.field(description="The agency's code.")
    agency_name: str = strawberry.field(description="The agency's name.")
    unit: str | None = strawberry.field(description="The unit asked for; null: the agency and each unit.")
    from_year: int = strawberry.field(description="The first year.")
    to_year: int = strawberry.field(description="The last year.")
    minimum_hours: int = strawberry.field(description="The development hours a year every employee is to have "
                                                      "(KINERJA_MIN_DEVELOPMENT_HOURS).")
    rows: list[ImpactRow] = strawberry.field(description="Per year, oldest first: the agency's row (unit null), then "
                                                         "each unit with something to count, by code; with `unit`, "
                                                         "that unit's row of each year.")
    transitions: list[ImpactTransition] = strawberry.field(description="Per year, before and after, the people "
                                                                       "with a plan (of the agency, or the unit).")

    @strawberry.field(description="What the figures can and cannot say, in the request's language "
                                  f"(Accept-Language). In English: \"{CAVEAT_EN}\"")
    def caveat(self, info: Info) -> str:
        return messages.translate(CAVEAT_EN, language(info))


@strawberry.type
class Query:
    @strawberry.field(description="Impact of an agency over the years from..to (at most 10): per year and unit the "
                                  "IKM, the annual predikat, the development hours done and, for the people with a "
                                  "development plan, their predikat before and after it. ADMIN any agency, an "
                                  "agency admin its own (another, or an unknown code or unit, is NOT_FOUND); an "
                                  "employee is FORBIDDEN. As files: /exports/impact.csv and .xlsx.")
    async def impact(
        self, info: Info,
        agency: Annotated[str, strawberry.argument(description="The agency's code.")],
        from_: Annotated[int, strawberry.argument(name="from", description="The first year, 1900 to 9999.")],
        to: Annotated[int, strawberry.argument(description=f"The last year: not before `from`, at most "
                                                           f"{service.MAX_YEARS} years in all.")],
        unit: Annotated[str | None, strawberry.argument(description="Only this unit of the agency (its code); "
                                                                       "null: the agency and every unit.")] = None,
    ) -> Impact:
        ctx = info.context
        minimum = ctx.settings.min_development_hours

        async def compute() -> service.Impact:
            return await service.impact(ctx.access, agency, from_, to, unit, minimum)

        # kept per generation of the data, as the reports' rows (services/reports/cache.py)
        found = await report_cache.cached("impact", (agency, from_, to, unit, minimum), ctx.access,
                                          getattr(ctx, "language", "en"), report_cache.setup_of(ctx.settings),
                                          compute, ctx.data_generation)
        return Impact(agency=found.agency, agency_name=found.agency_name, unit=found.unit, from_year=found.from_year,
                      to_year=found.to_year, minimum_hours=found.minimum, rows=[ImpactRow.of(r) for r in found.rows],
                      transitions=[ImpactTransition(year=t.year, before=Predikat(t.before),
                                                    after=Predikat(t.after) if t.after else None, people=t.people)
                                   for t in found.transitions])
