"""Recognition: the talent list, the people whose annual rating of a year is SANGAT_BAIK, per agency (docs/DOMAIN.md,
"Recognition"). Keyset-paginated like `people` and follow-ups (services/reports/follow_ups.py, whose reading it
shares): the rating's agency (where it was given) decides the agency; only people the viewer may see appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.evaluation.ratings import info_of_loaded, ratings_by_keys
from kinerja.services.reports.follow_ups import FollowUpPage, people_page, rated_people

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


async def talent_page(access: Access, year: str, agency: str | None, first: int,
                      after: tuple[str, int] | None = None) -> FollowUpPage:
    """One page of `first` people of the talent list after the (name, id) position `after`."""
    qs = await rated_people(access, check_year(year), (TALENT,), agency)
    return await people_page(access, qs, first, after)


async def page(ctx: Context, a: Arguments, first: int, after: tuple[str, int] | None
               ) -> tuple[list[TalentRow], tuple[str, int] | None]:
    year = check_year(a.period)
    found = await talent_page(ctx.access, year, a.agency, first, after)
    ratings = await ratings_by_keys([(p.id, year) for p in found.people])
    out = []
    for person in found.people:
        rating = ratings.get((person.id, year))
        if rating is None:  # reopened since the page was read
            continue
        info = info_of_loaded(rating)
        out.append(TalentRow(person.nip, person.name, person.position, info.agency, info.unit, year,
                             rating.predikat))
    if not found.has_next or not found.people:
        return out, None
    return out, (found.people[-1].name, found.people[-1].id)
