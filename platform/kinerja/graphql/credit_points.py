"""Credit points (angka kredit): CreditPoints, its parts, the page of `creditPoints(agency, year)` (the field is a
report's, graphql/reports.py) and Person.creditPoints (services/evaluation/credit_points.py; docs/DOMAIN.md, "Credit
points")."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import strawberry

from kinerja.graphql.context import Info
from kinerja.graphql.enums import Predikat
from kinerja.graphql.pagination import PageInfo, check_first, decode_name_id_cursor, encode_cursor
from kinerja.services.evaluation import credit_points as service

YEAR_HELP = "The calendar year, 1900 to 9999 (else OUT_OF_RANGE): its annual rating gives the predikat."


@strawberry.type(description="One functional post with a coefficient held in the year, and what it earns.")
class CreditPointPart:
    post: str = strawberry.field(description="The post's name.")
    coefficient: float = strawberry.field(description="The post's annual credit-point coefficient.")
    first_day: dt.date = strawberry.field(description="The first day held in the year.")
    last_day: dt.date = strawberry.field(description="The last day held in the year (31 December for a post held "
                                                     "today).")
    days_held: int = strawberry.field(description="The days held in the year, both ends included.")
    year_share: float = strawberry.field(description="The share of the year: daysHeld / the days of the year, 4 "
                                                     "decimals.")
    points: Optional[float] = strawberry.field(description="The points: coefficient x yearShare x percentage, 3 "
                                                           "decimals (halves up); null: not rated yet.")


@strawberry.type(description="A person's credit points of a year: the annual predikat's percentage of the "
                             "coefficient of each functional post held, prorated by the days held (an assumption, "
                             "docs/DOMAIN.md). Without a finalized annual rating there are no points (not zero).")
class CreditPoints:
    nip: str = strawberry.field(description="The person's NIP.")
    name: str = strawberry.field(description="The person's name.")
    position: str = strawberry.field(description="Today's position (jabatan).")
    year: int = strawberry.field(description="The calendar year.")
    rated: bool = strawberry.field(description="Whether the annual rating of the year is finalized.")
    predikat: Optional[Predikat] = strawberry.field(description="The annual rating's predikat; null: not rated yet.")
    percentage: Optional[int] = strawberry.field(description="The predikat's percentage of the coefficient "
                                                             "(KINERJA_CREDIT_POINT_PERCENTAGES); null: not rated.")
    days_held: int = strawberry.field(description="The days of the year in the posts, together.")
    year_share: float = strawberry.field(description="The share of the year: daysHeld / the days of the year, 4 "
                                                     "decimals.")
    points: Optional[float] = strawberry.field(description="The credit points of the year: the parts' exact sum, 3 "
                                                           "decimals (halves up); null: not rated yet.")
    parts: list[CreditPointPart] = strawberry.field(description="Each functional post held, in the order held.")

    @classmethod
    def of(cls, found: service.CreditPoints) -> "CreditPoints":
        return cls(nip=found.nip, name=found.name, position=found.position, year=found.year, rated=found.rated,
                   predikat=Predikat(found.predikat) if found.predikat else None, percentage=found.percentage,
                   days_held=found.days, year_share=float(found.share),
                   points=float(found.points) if found.points is not None else None,
                   parts=[CreditPointPart(post=p.post, coefficient=float(p.coefficient), first_day=p.first_day,
                                          last_day=p.last_day, days_held=p.days, year_share=float(p.share),
                                          points=float(p.points) if p.points is not None else None)
                          for p in found.parts])


@strawberry.type(description="One person of a page of creditPoints, with its cursor.")
class CreditPointsEdge:
    node: CreditPoints = strawberry.field(description="The person's credit points.")
    cursor: str = strawberry.field(description="This person's place in the list (opaque), to pass as `after`.")


@strawberry.type(description="A keyset page of an agency's credit points, ordered by name (then an internal id), "
                             "with the total count.")
class CreditPointsConnection:
    edges: list[CreditPointsEdge] = strawberry.field(description="The people of this page, in order.")
    page_info: PageInfo = strawberry.field(description="Whether more people follow, and the cursor to ask for them.")
    total_count: int = strawberry.field(description="How many people the list holds, on every page together.")


FIRST_HELP = "People per page, 1 to 100 (else the error BAD_PAGE_SIZE); null: 50."
AFTER_HELP = "The previous page's pageInfo.endCursor; null: the first page. Any other text is the error BAD_CURSOR."


async def agency_page(info: Info, agency: str, year: int, first: Optional[int], after: Optional[str]
                      ) -> CreditPointsConnection:
    """`creditPoints(agency, year)` (graphql/reports.py, the registry report credit-points): a keyset page."""
    ctx = info.context
    size = check_first(50 if first is None else first, ctx.settings.max_page_size)
    position = decode_name_id_cursor(after)
    page = await service.agency_page(ctx.access, agency, year, size, position,
                                     dict(ctx.settings.credit_point_percentages))
    edges = [CreditPointsEdge(node=CreditPoints.of(r), cursor=encode_cursor(r.name, r.person_id)) for r in page.rows]
    return CreditPointsConnection(edges=edges, total_count=page.total, page_info=PageInfo(
        has_next_page=page.has_next, has_previous_page=after is not None,
        start_cursor=edges[0].cursor if edges else None, end_cursor=edges[-1].cursor if edges else None))


async def of_person(info: Info, person_id: int, year: int) -> Optional[CreditPoints]:
    """Person.creditPoints: through the request's loader (one computation for every person of the answer)."""
    service.check_year(year)
    found = await info.context.loaders.credit_points.load(
        (person_id, year, tuple(info.context.settings.credit_point_percentages)))
    return CreditPoints.of(found) if found is not None else None


__all__ = ["CreditPoints", "CreditPointsConnection", "agency_page", "of_person"]
