"""Credit points per agency (report `credit-points`: the CSV and XLSX exports, `kinerja report`): the people who held a
functional post of the agency with a coefficient in a year, one row per post held, each with the conversion of the
person's annual predikat and their year's total (services/evaluation/credit_points.py; docs/DOMAIN.md, "Credit
points"). Read a page of people at a time, by (name, id), in the readers' scope (ADMIN, an agency admin its own
agency); an agency and a year are required.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING

from kinerja.services.evaluation import credit_points
from kinerja.services.reports.talent import check_year

if TYPE_CHECKING:  # the registry imports this module
    from kinerja.services.reports.registry import Arguments, Context

CENTS = Decimal("0.01")


@dataclass(frozen=True)
class CreditPointRow:
    """One functional post a person held in the year (a person who held two has two rows, the same total)."""

    nip: str
    name: str
    period: str  # the year
    post: str
    coefficient: Decimal
    days: int
    share: Decimal
    predikat: str | None  # None: not rated yet
    percentage: int | None
    points: Decimal | None  # this post's
    total: Decimal | None  # the person's year


COLUMNS = {
    "nip": attrgetter("nip"),
    "name": attrgetter("name"),
    "period": attrgetter("period"),
    "functionalPost": attrgetter("post"),
    "creditCoefficient": attrgetter("coefficient"),
    "daysHeld": attrgetter("days"),
    "yearShare": attrgetter("share"),
    "predikat": attrgetter("predikat"),
    "creditPercentage": attrgetter("percentage"),
    "creditPoints": attrgetter("points"),
    "creditPointsTotal": attrgetter("total"),
}


async def page(ctx: Context, a: Arguments, first: int, after: tuple[str, int] | None
               ) -> tuple[list[CreditPointRow], tuple[str, int] | None]:
    """The rows of the next `first` people after the (name, id) position `after`, and the position after them (None
    after the last page)."""
    year = int(check_year(a.year or "", "year"))
    found = await credit_points.agency_page(ctx.access, a.agency or "", year, first, after)
    rows = [CreditPointRow(r.nip, r.name, str(year), p.post, p.coefficient.quantize(CENTS), p.days, p.share,
                           r.predikat, r.percentage, p.points, r.points) for r in found.rows for p in r.parts]
    if not found.has_next or not found.rows:
        return rows, None
    return rows, (found.rows[-1].name, found.rows[-1].person_id)
