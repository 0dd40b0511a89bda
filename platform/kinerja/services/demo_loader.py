"""Loads the deterministic Tanjungpinang demo data (kinerja.demo) through the services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from kinerja.demo import build_demo
from kinerja.models import Agency, Person
from kinerja.services import agencies, cycles, people, tokens
from kinerja.services.access import SYSTEM, Access

BATCH = 500


@dataclass(frozen=True)
class DemoTokens:
    admin: str
    agency_admin: str
    employee: str
    employee_nip: str
    employee_name: str


async def load_demo(progress: Callable[[str], None] | None = None) -> bool:
    """Load the demo data into an empty database; returns False (and does nothing) if it has agencies."""
    if await Agency.exists():
        return False
    say = progress or (lambda _msg: None)
    access = Access(SYSTEM)
    data = build_demo()
    for a in data.agencies:
        await agencies.create_agency(access, a.code, a.name)
    for u in data.units:
        await agencies.create_unit(access, u.agency, u.code, u.name, u.parent)
    say(f"{len(data.agencies)} agencies, {len(data.units)} units")
    items = data.people
    for start in range(0, len(items), BATCH):
        await people.upsert_people(access, items[start:start + BATCH])
        say(f"people: {min(start + BATCH, len(items))}/{len(items)}")
    await cycles.create_cycle(access, 2024, "QUARTERLY")
    for status in ("ACTIVE", "EVALUATION", "CLOSED"):
        await cycles.set_cycle_status(access, 2024, status)
    await cycles.create_cycle(access, 2025, "QUARTERLY")
    await cycles.set_cycle_status(access, 2025, "ACTIVE")
    say("cycles: 2024 CLOSED, 2025 ACTIVE")
    return True


async def demo_employee() -> Person:
    """The head of the Education Office: an EMPLOYEE who supervises others."""
    disdik = await Agency.get(code="DISDIK")
    staff = await Person.filter(agency_id=disdik.id).order_by("id")
    ids = {p.id for p in staff}
    supervisors = {p.supervisor_id for p in staff}
    return next(p for p in staff if p.supervisor_id not in ids and p.id in supervisors)


async def demo_tokens() -> DemoTokens:
    employee = await demo_employee()
    return DemoTokens(
        admin=await tokens.create_token("ADMIN", label="demo admin"),
        agency_admin=await tokens.create_token("AGENCY_ADMIN", agency="DISDIK", label="demo DISDIK admin"),
        employee=await tokens.create_token("EMPLOYEE", nip=employee.nip, label="demo employee"),
        employee_nip=employee.nip,
        employee_name=employee.name,
    )
