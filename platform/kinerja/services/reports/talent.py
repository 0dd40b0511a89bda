"""Recognition: the talent list, the people whose annual rating of a year is SANGAT_BAIK, per agency (docs/DOMAIN.md,
"Recognition"). Keyset-paginated like `people` and follow-ups (services/reports/follow_ups.py, whose reading it
shares): the rating's agency (where it was given) decides the agency; only people the viewer may see appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from kinerja.models import Person, Rating
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.evaluation.ratings import info_of_loaded, ratings_by_keys
from kinerja.services.org import people
from kinerja.services.reports.follow_ups import MAX_PAGE
from kinerja.services.reports.scope import scope_of

if TYPE_CHECKING:  # the registry imports this module
    from kinerja.services.reports.registry import Arguments, Context

TALENT = "SANGAT_BAIK"


def check_year(value: str, argument: str = "period") -> str:
    """A year (YYYY): the annual rating's period."""
    year = (value or "").strip()
    if not re.fullmatch(r"\d{4}", year):
        raise BadArgument(argument, f"{argument} is a year (YYYY): the annual rating's, got {value!r}",
                          "INVALID_PERIOD", params={"given": value, "form": "YYYY"})
    return year


@dataclass(frozen=True)
class TalentRow:
    nip: str
    name: str
    position: str
    agency: str
    unit: str | None
    period: str
    predikat: str


COLUMNS = {
    "nip": attrgetter("nip"),
    "name": attrgetter("name"),
    "position": attrgetter("position"),
    "agency": attrgetter("agency"),
    "unit": attrgetter("unit"),
    "period": attrgetter("period"),
    "predikat": attrgetter("predikat"),
}


async def talent_queryset(access: Access, year: str, agency: str | None = None) -> QuerySet | None:
    scope = await scope_of(access, agency)
    year = check_year(year)
    if scope.empty:
        return None
    rated = Rating.filter(period=year, predikat=TALENT)
    if scope.agency_id is not None:
        rated = rated.filter(agency_id=scope.agency_id)
    return Person.filter(await access.people_filter()).filter(id__in=Subquery(rated.values("person_id")))


async def talent_page(access: Access, year: str, agency: str | None, first: int,
                      after: tuple[str, int] | None = None) -> tuple[list[Person], bool, QuerySet | None]:
    qs = await talent_queryset(access, year, agency)
    if not 1 <= first <= MAX_PAGE:
        raise BadArgument("first", f"first must be between 1 and {MAX_PAGE}, got {first}", "BAD_PAGE_SIZE",
                          params={"max": MAX_PAGE})
    page = await people.list_people(access, qs, first, after)
    return page.people, page.has_next, qs


async def page(ctx: Context, a: Arguments, first: int, after: tuple[str, int] | None
               ) -> tuple[list[TalentRow], tuple[str, int] | None]:
    year = check_year(a.period)
    found, has_next, _ = await talent_page(ctx.access, year, a.agency, first, after)
    ratings = await ratings_by_keys([(p.id, year) for p in found])
    out = []
    for person in found:
        rating = ratings.get((person.id, year))
        if rating is None:  # reopened since the page was read
            continue
        info = info_of_loaded(rating)
        out.append(TalentRow(person.nip, person.name, person.position, info.agency, info.unit, year,
                             rating.predikat))
    if not has_next or not found:
        return out, None
    return out, (found[-1].name, found[-1].id)
