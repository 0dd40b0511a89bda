"""Follow-ups (tindak lanjut): the people rated BUTUH_PERBAIKAN or worse in a period, keyset-paginated like `people`.

This report lists people, so it reads the rating table itself (joined to person through a semi-join), not a
rollup. The rating's agency (where it was given) decides the agency, as in the predikat reports; on top of
that only people the viewer may see appear (an agency admin: people of its agency now). Ordered by
(name, id) with the `people` list's cursors.

Indexes (the existing ones suffice; PostgreSQL plans checked on the demo data): with an agency, rating
(agency_id, period, predikat) finds its follow-ups, which are then sorted (one agency's, not everyone's); across
all agencies, the planner walks person (name, id) from the cursor in page order and probes the unique rating
(person_id, period) for each, stopping when the page is full. A period with very few follow-ups among millions
of people would make that walk long; a (period, person name, person id) index of the follow-ups themselves
(denormalised) would be the remedy then.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from kinerja.models import Person, Rating
from kinerja.services.org import people
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.evaluation.ratings import info_of_loaded, rating_info, ratings_by_keys
from kinerja.services.reports.scope import check_period, scope_of

if TYPE_CHECKING:  # the registry imports this module
    from kinerja.services.reports.registry import Arguments, Context

FOLLOW_UP_PREDIKATS = ("BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG")
MAX_PAGE = 1000  # the services' own cap (exports page with it); GraphQL caps `first` lower


@dataclass(frozen=True)
class FollowUpPage:
    people: list[Person]
    has_next: bool
    queryset: QuerySet | None  # the whole list (for totalCount); None when the scope is empty


@dataclass(frozen=True)
class FollowUpRow:
    """A person to follow up with the rating of the period (as exported)."""

    nip: str
    name: str
    position: str
    agency: str  # where the rating was given
    unit: str | None
    period: str
    predikat: str
    result_rating: str
    behavior_rating: str
    recommendations: list[str]


# the report's columns (registry): name -> its value in a row
COLUMNS = {
    "nip": attrgetter("nip"),
    "name": attrgetter("name"),
    "position": attrgetter("position"),
    "agency": attrgetter("agency"),
    "unit": attrgetter("unit"),
    "period": attrgetter("period"),
    "predikat": attrgetter("predikat"),
    "resultRating": attrgetter("result_rating"),
    "behaviorRating": attrgetter("behavior_rating"),
    "recommendations": attrgetter("recommendations"),
}


async def rated_people(access: Access, period: str, predikats: tuple[str, ...], agency: str | None = None
                       ) -> QuerySet | None:
    """The people the viewer may see with a rating of `period` (already checked) of one of `predikats`, given in
    the agency (or the viewer's agencies), as a Person queryset (None: nothing the viewer may see). Follow-ups and
    the talent list (talent.py) are such lists."""
    scope = await scope_of(access, agency)
    if scope.empty:
        return None
    rated = Rating.filter(period=period, predikat__in=predikats)
    if scope.agency_id is not None:
        rated = rated.filter(agency_id=scope.agency_id)
    return Person.filter(await access.people_filter()).filter(id__in=Subquery(rated.values("person_id")))


async def people_page(access: Access, qs: QuerySet | None, first: int,
                      after: tuple[str, int] | None = None) -> FollowUpPage:
    """One page of `first` people of `qs` after the (name, id) position `after`."""
    if not 1 <= first <= MAX_PAGE:
        raise BadArgument("first", f"first must be between 1 and {MAX_PAGE}, got {first}", "BAD_PAGE_SIZE",
                          params={"max": MAX_PAGE})
    page = await people.list_people(access, qs, first, after)
    return FollowUpPage(page.people, page.has_next, qs)


async def follow_ups_queryset(access: Access, period: str, agency: str | None = None) -> QuerySet | None:
    """The people to follow up, as a Person queryset (None: nothing the viewer may see)."""
    return await rated_people(access, check_period(period), FOLLOW_UP_PREDIKATS, agency)


async def follow_ups(access: Access, period: str, agency: str | None, first: int,
                     after: tuple[str, int] | None = None) -> FollowUpPage:
    """One page of `first` people after the (name, id) position `after`."""
    return await people_page(access, await follow_ups_queryset(access, period, agency), first, after)


async def page(ctx: Context, a: Arguments, first: int, after: tuple[str, int] | None
               ) -> tuple[list[FollowUpRow], tuple[str, int] | None]:
    """One page of the report's rows (the registry reads it a page at a time): the next `first` people after the
    (name, id) position `after`, each with the rating and its recommendations, and the position after the page
    (None after the last one). A person whose rating was reopened since the page was read is left out."""
    period = check_period(a.period)
    found = await follow_ups(ctx.access, period, a.agency, first, after)
    ratings = await ratings_by_keys([(p.id, period) for p in found.people])
    out: list[FollowUpRow] = []
    for person in found.people:
        rating = ratings.get((person.id, period))
        if rating is None:  # reopened since the page was read
            continue
        info = info_of_loaded(rating)
        out.append(FollowUpRow(person.nip, person.name, person.position, info.agency, info.unit, period,
                               rating.predikat, rating.result_rating, rating.behavior_rating,
                               ctx.catalog.recommendations(info, rating_info(rating))))
    if not found.has_next or not found.people:
        return out, None
    last = found.people[-1]
    return out, (last.name, last.id)
