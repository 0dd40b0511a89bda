"""Matriks peran hasil: for a supervisor, each RHK of their SKP (the revision in force, else the latest) with the
direct subordinates' RHKs linked to it (parentKey), and the subordinates' RHKs linked to none of them, flagged.

Three SQL statements whatever the number of subordinates: the supervisor (found in the viewer's scope), the
supervisor's RHKs, and every subordinate's RHKs (of their latest revision) in one join."""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.services.core import sql
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.skp import document

MAX_ROWS = document.MAX_ITEMS + 1  # the supervisor's RHKs, then the unlinked ones


@dataclass
class Contribution:
    nip: str
    name: str
    key: str
    work_result: str
    status: str  # the status of the subordinate's latest revision


@dataclass
class MatrixRow:
    key: str | None  # the supervisor's RHK; None for the subordinates' RHKs linked to none of them
    work_result: str | None
    contributions: list[Contribution] = field(default_factory=list)

    @property
    def unlinked(self) -> bool:
        return self.key is None


async def skp_matrix(access: Access, nip: str, year: int) -> list[MatrixRow]:
    person = await document.find_person(access, nip)
    if person is None:
        raise BadArgument("nip", f"no person with NIP {nip!r}", "NOT_FOUND", params={"nip": nip})
    conn = sql.connection()
    first, second = sql.placeholders(conn, 2).split(", ")
    own = await sql.fetch(conn, (
        "SELECT i.key AS key, i.work_result AS work_result FROM skp s JOIN cycle c ON c.id = s.cycle_id "
        "JOIN skp_revision r ON r.skp_id = s.id AND r.number = COALESCE(s.approved_revision, s.revision) "
        "JOIN skp_item i ON i.revision_id = r.id "
        f"WHERE s.person_id = {first} AND c.year = {second} ORDER BY i.position"), [person.id, year])
    theirs = await sql.fetch(conn, (
        "SELECT p.id AS person_id, p.agency_id AS agency_id, p.nip AS nip, p.name AS name, r.status AS status, "
        "i.key AS key, i.work_result AS work_result, i.parent_key AS parent_key "
        "FROM person p JOIN skp s ON s.person_id = p.id JOIN cycle c ON c.id = s.cycle_id "
        "JOIN skp_revision r ON r.skp_id = s.id AND r.number = s.revision "
        "JOIN skp_item i ON i.revision_id = r.id "
        f"WHERE p.supervisor_id = {first} AND c.year = {second} ORDER BY p.name, p.id, i.position"), [person.id, year])
    rows = {r["key"]: MatrixRow(r["key"], r["work_result"]) for r in own}
    unlinked = MatrixRow(None, None)
    for r in theirs:
        if not await access.can_see_person(r["person_id"], r["agency_id"]):
            continue  # a subordinate in an agency the viewer does not administer
        row = rows.get(r["parent_key"]) if r["parent_key"] else None
        (row or unlinked).contributions.append(Contribution(r["nip"], r["name"], r["key"], r["work_result"],
                                                            r["status"]))
    return [*rows.values(), *([unlinked] if unlinked.contributions else [])]
