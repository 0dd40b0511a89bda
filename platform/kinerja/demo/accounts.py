"""Who signs in to the loaded demo: API tokens (serve --demo) and console accounts with printed passwords."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.models import Agency, Person
from kinerja.services.auth import tokens
from kinerja.services.core.access import SYSTEM, Access


@dataclass(frozen=True)
class DemoTokens:
    admin: str
    agency_admin: str
    employee: str
    employee_nip: str
    employee_name: str


@dataclass(frozen=True)
class DemoAccount:
    role: str
    nip: str
    name: str
    password: str
    about: str


async def demo_employee() -> Person:
    """The head of the Education Office: an EMPLOYEE who supervises others."""
    return await agency_head("DISDIK")


async def agency_head(code: str) -> Person:
    """The first person of the agency whose supervisor is outside it (or who has none) and who supervises others."""
    agency = await Agency.get(code=code)
    staff = await Person.filter(agency_id=agency.id).order_by("id")
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


async def demo_accounts() -> list[DemoAccount]:
    """Console sign-ins for the demo (the passwords are printed: demo data only): BKPSDM's head as ADMIN, a DISDIK
    officer as its AGENCY_ADMIN, the Education Office's head (supervises others) and one of their staff. A
    password is set only where none is, so one changed in the console stays."""
    from kinerja.models import Credential
    from kinerja.services.auth.sessions import set_password

    head = await demo_employee()
    bkpsdm_head = await agency_head("BKPSDM")
    staff = await Person.filter(supervisor_id=head.id).order_by("id")
    officer = await Person.filter(agency_id=head.agency_id).exclude(id=head.id).exclude(
        id__in=[p.id for p in staff]).order_by("id").first()
    chosen = [(bkpsdm_head, "ADMIN", "demo-bkpsdm-admin", "ADMIN (BKPSDM, all agencies)"),
              (officer, "AGENCY_ADMIN", "demo-disdik-admin", "AGENCY_ADMIN of DISDIK"),
              (head, "EMPLOYEE", "demo-kepala-disdik", "EMPLOYEE, head of DISDIK (supervises others)"),
              (staff[0], "EMPLOYEE", "demo-staf-disdik", "EMPLOYEE, reports to the head of DISDIK")]
    accounts = []
    for person, role, password, about in chosen:
        if not await Credential.filter(person_id=person.id).exists():
            await set_password(Access(SYSTEM), person.nip, password, role, actor="demo")
        accounts.append(DemoAccount(role, person.nip, person.name, password, about))
    return accounts
