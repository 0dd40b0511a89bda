"""Credit points (angka kredit) of functional posts: the annual predikat scales the annual coefficient of the
functional posts a person held in the year (PermenPANRB 1/2023; docs/DOMAIN.md, "Credit points").

A post's days in the year are read from the person's dated assignments as services/org/placements.py reads them:
today's is the person row (since `assigned_since`), earlier ones are `Assignment` rows; the earliest record counts as
held since before the records (a person imported in March was somewhere in January). A part is one post: its
coefficient x (days held in the year / days in the year) x the percentage of the year's annual predikat
(KINERJA_CREDIT_POINT_PERCENTAGES); each part and the total (the sum of the exact parts) are rounded to 3 decimals,
halves up. Without a finalized annual rating there are no points (not rated, never zero).

The agency's list (`agency_page`) pages the people, by (name, id), who held a post of the agency with a coefficient
on a day of the year, in the reader's scope (ADMIN: everyone; an agency admin: its agency's people now), in one SQL
statement a page; their parts are that agency's posts only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterator, Mapping, Sequence

from kinerja.models import Agency, Assignment, Person, Post, Rating
from kinerja.services.core import sql
from kinerja.services.core.access import Access, deny
from kinerja.services.core.errors import BadArgument
from kinerja.settings import CREDIT_POINT_PERCENTAGES as DEFAULT_PERCENTAGES

YEAR_MIN, YEAR_MAX = 1900, 9999
PARTS_MAX = 366  # a post a day at most
MAX_PAGE = 1000  # the service's own cap (the exports page with it); GraphQL caps `first` lower
POINTS = Decimal("0.001")
SHARE = Decimal("0.0001")

_configured: tuple[tuple[str, int], ...] = DEFAULT_PERCENTAGES


@contextlib.contextmanager
def configured(percentages: Sequence[tuple[str, int]]) -> Iterator[None]:
    """KINERJA_CREDIT_POINT_PERCENTAGES while the block runs (an app's or a command's lifetime), then the one before
    it again: what the exports and the documents read (GraphQL passes its settings' own)."""
    global _configured
    before = _configured
    _configured = tuple(percentages)
    try:
        yield
    finally:
        _configured = before


def percentages() -> dict[str, int]:
    return dict(_configured)


@dataclass(frozen=True)
class Part:
    """One functional post held in the year."""

    post_id: int
    post: str  # its name
    agency_id: int
    coefficient: Decimal
    first_day: dt.date  # the first and last day held in the year
    last_day: dt.date
    days: int
    share: Decimal  # days / days in the year, 4 decimals
    points: Decimal | None  # None: not rated


@dataclass(frozen=True)
class CreditPoints:
    person_id: int
    nip: str
    name: str
    position: str
    year: int
    predikat: str | None  # the annual rating's; None: not yet rated
    percentage: int | None
    days: int
    share: Decimal
    points: Decimal | None
    parts: tuple[Part, ...]

    @property
    def rated(self) -> bool:
        return self.predikat is not None


def check_year(year: int) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        raise BadArgument("year", f"year must be {YEAR_MIN} to {YEAR_MAX}, got {year}", "OUT_OF_RANGE",
                          {"min": YEAR_MIN, "max": YEAR_MAX, "value": year})
    return year


def days_in(year: int) -> int:
    return (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1


def points(coefficient: Decimal, days: int, year_days: int, percentage: int) -> Decimal:
    """coefficient x days / year_days x percentage %, exact (Decimal's 28 digits)."""
    return coefficient * days * percentage / (100 * year_days)


def rounded(value: Decimal, places: Decimal = POINTS) -> Decimal:
    return value.quantize(places, rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> Decimal:
    """12.50 as 12.5, 25.00 as 25 (never 2.5E+1)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _segments(person: Mapping[str, Any], past: Sequence[Mapping[str, Any]]
              ) -> list[tuple[int | None, dt.date | None, dt.date | None]]:
    """(post id, first day or None: since before the records, last day or None: today's) of every assignment."""
    rows = sorted(past, key=lambda r: (_day(r["ends_on"]), r["id"]))
    out: list[tuple[int | None, dt.date | None, dt.date | None]] = [
        (r["post_id"], None if n == 0 else _day(r["starts_on"]), _day(r["ends_on"])) for n, r in enumerate(rows)]
    out.append((person["post_id"], _day(person["assigned_since"]) if rows else None, None))
    return out


def _parts(segments: Sequence[tuple[int | None, dt.date | None, dt.date | None]], posts: Mapping[int, Mapping],
           year: int, percentage: int | None, agency_id: int | None) -> tuple[Part, ...]:
    start, end, year_days = dt.date(year, 1, 1), dt.date(year, 12, 31), days_in(year)
    held: dict[int, list[dt.date | int]] = {}  # post id -> [first day, last day, days]
    for post_id, first, last in segments:
        post = posts.get(post_id) if post_id is not None else None
        if post is None or (agency_id is not None and post["agency_id"] != agency_id):
            continue
        lo, hi = max(first or start, start), min(last or end, end)
        if hi < lo:
            continue
        slot = held.setdefault(post_id, [lo, hi, 0])
        slot[0], slot[1] = min(slot[0], lo), max(slot[1], hi)  # type: ignore[type-var]
        slot[2] += (hi - lo).days + 1  # type: ignore[operator]
    parts = []
    for post_id, (first, last, days) in sorted(held.items(), key=lambda kv: (kv[1][0], kv[0])):
        post = posts[post_id]
        coefficient = plain(Decimal(str(post["credit_coefficient"])))
        parts.append(Part(post_id, post["name"], post["agency_id"], coefficient, first, last, days,  # type: ignore
                          rounded(Decimal(days) / year_days, SHARE),
                          rounded(points(coefficient, days, year_days, percentage))  # type: ignore[arg-type]
                          if percentage is not None else None))
    return tuple(parts)


async def compute(person_ids: Sequence[int], year: int, table: Mapping[str, int] | None = None,
                  agency_id: int | None = None) -> dict[int, CreditPoints]:
    """Person id -> their credit points of `year` (only those who held a post with a coefficient on a day of it; of
    `agency_id`'s posts only when given), in four statements a chunk of people."""
    table = percentages() if table is None else table
    found: dict[int, CreditPoints] = {}
    year_days = days_in(year)
    for part in sql.chunks(sorted(set(person_ids)), sql.CHUNK - 1):
        people = await Person.filter(id__in=list(part)).values("id", "nip", "name", "position", "post_id",
                                                               "assigned_since")
        past = await Assignment.filter(person_id__in=list(part)).values("id", "person_id", "post_id", "starts_on",
                                                                        "ends_on")
        post_ids = sorted({r["post_id"] for r in (*people, *past) if r["post_id"] is not None})
        posts = {p["id"]: p for p in await Post.filter(id__in=post_ids, credit_coefficient__isnull=False).values(
            "id", "name", "agency_id", "credit_coefficient")} if post_ids else {}
        if not posts:
            continue
        rated = dict(await Rating.filter(person_id__in=list(part), period=str(year)).values_list("person_id",
                                                                                                 "predikat"))
        by_person: dict[int, list[dict]] = {}
        for row in past:
            by_person.setdefault(row["person_id"], []).append(row)
        for person in people:
            predikat = rated.get(person["id"])
            percentage = table.get(predikat) if predikat is not None else None
            parts = _parts(_segments(person, by_person.get(person["id"], [])), posts, year, percentage, agency_id)
            if not parts:
                continue
            days = sum(p.days for p in parts)
            total = None if percentage is None else rounded(sum(
                (points(p.coefficient, p.days, year_days, percentage) for p in parts), Decimal(0)))
            found[person["id"]] = CreditPoints(person["id"], person["nip"], person["name"], person["position"], year,
                                               predikat, percentage, days, rounded(Decimal(days) / year_days, SHARE),
                                               total, parts)
    return found


async def of_people(keys: Sequence[tuple[int, int, tuple[tuple[str, int], ...]]]
                    ) -> dict[tuple[int, int, tuple[tuple[str, int], ...]], CreditPoints | None]:
    """(person id, year, percentages) -> their CreditPoints or None (no post with a coefficient that year): the
    loader's batch, one compute per year and table."""
    out: dict = {}
    for year, table in sorted({(k[1], k[2]) for k in keys}):
        ids = [k[0] for k in keys if (k[1], k[2]) == (year, table)]
        found = await compute(ids, year, dict(table)) if YEAR_MIN <= year <= YEAR_MAX else {}
        for person_id in ids:
            out[(person_id, year, table)] = found.get(person_id)
    return out


# -- an agency's list -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    rows: list[CreditPoints]
    has_next: bool
    total: int


def _holders(p: sql.Params, conn: Any, agency_id: int, year: int, scope_agency: int | None) -> str:
    """The WHERE of the people who held a post of the agency with a coefficient on a day of the year (the reading of
    _segments and _parts, in SQL)."""
    start, end = sql.db_date(conn, dt.date(year, 1, 1)), sql.db_date(conn, dt.date(year, 12, 31))

    def posts() -> str:
        return f"SELECT q.id FROM post q WHERE q.agency_id = {p(agency_id)} AND q.credit_coefficient IS NOT NULL"

    scope = f"p.agency_id = {p(scope_agency)} AND " if scope_agency is not None else ""
    return (f"{scope}((p.post_id IN ({posts()}) AND (p.assigned_since IS NULL OR p.assigned_since <= {p(end)} "
            "OR NOT EXISTS (SELECT 1 FROM assignment e WHERE e.person_id = p.id))) "
            f"OR EXISTS (SELECT 1 FROM assignment a WHERE a.person_id = p.id AND a.post_id IN ({posts()}) "
            f"AND a.ends_on >= {p(start)} AND (a.starts_on IS NULL OR a.starts_on <= {p(end)} OR NOT EXISTS ("
            "SELECT 1 FROM assignment e WHERE e.person_id = p.id AND e.ends_on < a.ends_on))))")


async def agency_page(access: Access, agency: str, year: int, first: int, after: tuple[str, int] | None = None,
                      table: Mapping[str, int] | None = None) -> Page:
    """One page of `first` people of the agency's credit points of `year` after the (name, id) position `after`:
    ADMIN and agency admins (an employee: FORBIDDEN); another agency, or an unknown code, has no rows."""
    if not access.may_read_reports:
        raise deny("credit points of an agency are read by ADMIN and agency admins", {"action": "read_reports"})
    check_year(year)
    if not 1 <= first <= MAX_PAGE:
        raise BadArgument("first", f"first must be between 1 and {MAX_PAGE}, got {first}", "BAD_PAGE_SIZE",
                          params={"max": MAX_PAGE})
    found = await Agency.filter(code=(agency or "").strip().upper()[:32]).only("id").first()
    if found is None or not access.can_see_agency(found.id):
        return Page([], False, 0)
    conn = sql.connection()
    scope_agency = None if access.is_admin else access.viewer.agency_id
    p = sql.Params(conn)
    where = _holders(p, conn, found.id, year, scope_agency)
    count = await sql.fetch(conn, f"SELECT COUNT(*) AS n FROM person p WHERE {where}", p.values)
    p = sql.Params(conn)
    where = _holders(p, conn, found.id, year, scope_agency)
    if after is not None:
        name, pid = after
        where += f" AND (p.name > {p(name)} OR (p.name = {p(name)} AND p.id > {p(pid)}))"
    rows = await sql.fetch(conn, f"SELECT p.id AS id FROM person p WHERE {where} ORDER BY p.name, p.id "
                                 f"LIMIT {p(first + 1)}", p.values)
    ids = [r["id"] for r in rows]
    computed = await compute(ids[:first], year, table, found.id)
    return Page([computed[i] for i in ids[:first] if i in computed], len(ids) > first, int(count[0]["n"] or 0))


__all__ = ["CreditPoints", "Page", "Part", "agency_page", "check_year", "compute", "configured", "of_people",
           "percentages"]
