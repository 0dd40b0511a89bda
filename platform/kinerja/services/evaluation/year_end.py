"""The year end as one evaluation: fold the last periodic period's assessments and ratings into the year's.

The official evaluation form's periods are TRIWULAN I / II / III / IV-AKHIR: the last quarter (or December) is the
annual evaluation, not a fifth one (docs/DOMAIN.md, "The year end"). Since this rule, assessments, ratings and the
organisation predikat take the year's period and refuse the last periodic one (cycles/gate.py,
`evaluation_periods_of`). Data written before it is folded once, by migration 0010, with `fold`:

1. Ratings first (a finalized rating is what counts). A last-period rating becomes the year's when the person has
   no rating of the year, and takes its assessment with it (a year's SUPERVISOR assessment that was never
   finalized is then archived); where both exist, the year's stays and the other is archived.
2. The remaining last-period assessments: each becomes the year's of its kind, or is archived where the year's
   exists.
3. Organisation predikat likewise: the year's stays, else the last period's becomes it.
4. The rating rollups are rebuilt from the rows.

"Archived" means deleted with an audit event whose `before` holds the whole row, so nothing is lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from kinerja.services.core import audit, rollups, sql
from kinerja.services.cycles.gate import periods_of

ACTOR = "migration 0010_year_end_fold"


@dataclass
class Folded:
    """What `fold` did, per kind of row: moved to the year, or archived (the year's already existed)."""

    moved: dict[str, int] = field(default_factory=lambda: {"rating": 0, "assessment": 0, "org_rating": 0})
    archived: dict[str, int] = field(default_factory=lambda: {"rating": 0, "assessment": 0, "org_rating": 0})


def _plain(row: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v for k, v in row.items()}


async def fold(conn: BaseDBAsyncClient) -> Folded:
    """Fold every cycle's last periodic period into its year, inside the caller's transaction `conn`. Plain SQL:
    it runs inside a migration, where the ORM's query builder is not set up."""
    done = Folded()
    changes: list[audit.Change] = []
    p1, p2, p3 = (sql.placeholders(conn, 1, start=n) for n in (1, 2, 3))

    async def rows(table: str, where: str, *params: Any) -> list[dict]:
        return await sql.fetch(conn, f"SELECT * FROM {table} WHERE {where} ORDER BY id", params)

    async def nip(person_id: int) -> str:
        return (await sql.fetch(conn, f"SELECT nip FROM person WHERE id = {p1}", [person_id]))[0]["nip"]

    async def archive(kind: str, row: dict, entity_id: str, year: str) -> None:
        changes.append(audit.Change(f"{kind}.archive", kind, entity_id, _plain(row),
                                    {"reason": f"the last period is evaluated as the year {year}; the year's "
                                               f"{kind.replace('_', ' ')} stays"}))
        await conn.execute_query(f"DELETE FROM {kind} WHERE id = {p1}", [row["id"]])
        done.archived[kind] += 1

    async def move(kind: str, row_id: int, entity_id: str, last: str, year: str) -> None:
        await conn.execute_query(f"UPDATE {kind} SET period = {p1} WHERE id = {p2}", [year, row_id])
        changes.append(audit.Change(f"{kind}.fold", kind, entity_id, {"period": last}, {"period": year}))
        done.moved[kind] += 1

    for cycle in await sql.fetch(conn, "SELECT year, periodicity FROM cycle ORDER BY year", []):
        last, year = periods_of(cycle["year"], cycle["periodicity"])[-2:]
        moved_assessments: set[int] = set()
        for rating in await rows("rating", f"period = {p1}", last):
            who = await nip(rating["person_id"])
            if await rows("rating", f"person_id = {p1} AND period = {p2}", rating["person_id"], year):
                await archive("rating", rating, f"{who}/{last}", year)
                continue
            assessment = (await rows("assessment", f"id = {p1}", rating["assessment_id"]))[0]
            if assessment["period"] == last:
                for other in await rows("assessment", f"person_id = {p1} AND kind = {p2} AND period = {p3}",
                                        assessment["person_id"], assessment["kind"], year):
                    await archive("assessment", other, f"{who}/{year}/{other['kind']}", year)
                await move("assessment", assessment["id"], f"{who}/{last}/{assessment['kind']}", last, year)
                moved_assessments.add(assessment["id"])
            await move("rating", rating["id"], f"{who}/{last}", last, year)
        for assessment in await rows("assessment", f"period = {p1}", last):
            if assessment["id"] in moved_assessments:
                continue
            who = await nip(assessment["person_id"])
            if await rows("assessment", f"person_id = {p1} AND kind = {p2} AND period = {p3}",
                          assessment["person_id"], assessment["kind"], year):
                await archive("assessment", assessment, f"{who}/{last}/{assessment['kind']}", year)
            else:
                await move("assessment", assessment["id"], f"{who}/{last}/{assessment['kind']}", last, year)
        for org in await rows("org_rating", f"period = {p1}", last):
            if await rows("org_rating", f"agency_id = {p1} AND period = {p2}", org["agency_id"], year):
                await archive("org_rating", org, f"{org['agency_id']}/{last}", year)
            else:
                await move("org_rating", org["id"], f"{org['agency_id']}/{last}", last, year)
    if changes:
        await audit.append(conn, ACTOR, changes)
        await rollups.rebuild(conn)
    return done
