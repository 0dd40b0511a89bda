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

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from kinerja.models import Person, Rating
from kinerja.services.org import people
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.reports.scope import check_period, scope_of

FOLLOW_UP_PREDIKATS = ("BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG")
MAX_PAGE = 1000  # the services' own cap (exports page with it); GraphQL caps `first` lower


@dataclass(frozen=True)
class FollowUpPage:
    people: list[Person]
    has_next: bool
    queryset: QuerySet | None  # the whole list (for totalCount); None when the scope is empty


async def follow_ups_queryset(access: Access, period: str, agency: str | None = None) -> QuerySet | None:
    """The people to follow up, as a Person queryset (None: nothing the viewer may see)."""
    scope = await scope_of(access, agency)
    period = check_period(period)
    if scope.empty:
        return None
    rated = Rating.filter(period=period, predikat__in=FOLLOW_UP_PREDIKATS)
    if scope.agency_id is not None:
        rated = rated.filter(agency_id=scope.agency_id)
    return Person.filter(await access.people_filter()).filter(id__in=Subquery(rated.values("person_id")))


async def follow_ups(access: Access, period: str, agency: str | None, first: int,
                     after: tuple[str, int] | None = None) -> FollowUpPage:
    """One page of `first` people after the (name, id) position `after`."""
    qs = await follow_ups_queryset(access, period, agency)
    if not 1 <= first <= MAX_PAGE:
        raise BadArgument("first", f"first must be between 1 and {MAX_PAGE}, got {first}", "BAD_PAGE_SIZE")
    page = await people.list_people(access, qs, first, after)
    return FollowUpPage(page.people, page.has_next, qs)
