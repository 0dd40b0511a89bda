"""Shared by the work-log, feedback and monitoring tests: the app with its clock pinned, SKP rows written directly
through the models (the SKP service is another module's), row counts and small GraphQL helpers."""

from __future__ import annotations

from typing import Any

from tortoise import connections

from kinerja.models import Cycle, Person, Skp, SkpItem, SkpRevision
from seeded import table_counts

TODAY = "2025-05-20"
STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }"
LOG = """mutation($input: [WorkLogInput!]!) { logWork(input: $input) {
  entries { id nip day itemKey text minutes evidenceUrl recordedBy } errors { path code message } } }"""
GIVE = """mutation($input: PerformanceFeedbackInput!) { givePerformanceFeedback(input: $input) {
  feedback { id nip period itemKey workLogEntry givenBy givenByName text givenOn answer } errors { path code message } } }"""
ANSWER = """mutation($id: ID!, $text: String!) { answerPerformanceFeedback(id: $id, text: $text) {
  feedback { id answer answeredAt } errors { path code message } } }"""


async def activate(api: Any, world: Any, status: str = "ACTIVE") -> None:
    for step in ("ACTIVE", "EVALUATION", "CLOSED"):
        assert (await api.gql(STATUS, token=world.admin, s=step))["setCycleStatus"]["errors"] == []
        if step == status:
            return


async def give_skp(nip: str, revisions: list[list[str]], approved: int | None = None, year: int = 2025) -> Skp:
    """An SKP of `nip` in cycle `year` with one revision per list of RHK keys (numbered from 1)."""
    person = await Person.get(nip=nip)
    cycle = await Cycle.get(year=year)
    skp = await Skp.create(person_id=person.id, cycle_id=cycle.id, agency_id=person.agency_id,
                           status="APPROVED" if approved else "DRAFT", revision=len(revisions),
                           approved_revision=approved)
    for number, keys in enumerate(revisions, start=1):
        revision = await SkpRevision.create(skp_id=skp.id, number=number,
                                            status="APPROVED" if number == approved else "DRAFT")
        for position, key in enumerate(keys):
            await SkpItem.create(revision_id=revision.id, key=key, position=position, kind="MAIN",
                                 work_result=f"Hasil kerja {key}")
    return skp


async def counts() -> dict[str, int]:
    """table_counts and this part's tables: what a refused mutation must leave as it was."""
    found = await table_counts()
    rows = await connections.get("default").execute_query_dict(
        'SELECT (SELECT COUNT(*) FROM "work_log_entry") AS w, (SELECT COUNT(*) FROM "performance_feedback") AS f')
    return {**found, "WorkLogEntry": int(rows[0]["w"]), "PerformanceFeedback": int(rows[0]["f"])}


def problems(payload: dict) -> list[tuple[list[str], str]]:
    return [(e["path"], e["code"]) for e in payload["errors"]]


def entry(nip: str, day: str = TODAY, text: str = "Menyusun laporan", minutes: int = 60, **more: Any) -> dict:
    return {"nip": nip, "day": day, "text": text, "minutes": minutes, **more}
