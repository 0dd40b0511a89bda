"""A small world for tests, built through the services: two agencies, a supervisor tree, tokens."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise import connections

from kinerja.models import Person
from kinerja.services.org import agencies
from kinerja.services.org.head_posts import create_head_posts
from kinerja.services.cycles import workflow as cycles
from kinerja.services.org import people
from kinerja.services.auth import tokens
from kinerja.services.core.access import SYSTEM, Access


def nip(seq: int, birth: str = "19800101", appointed: str = "200501", gender: int = 1) -> str:
    """A valid PNS NIP: birth date, appointment month, gender digit, sequence."""
    return f"{birth}{appointed}{gender}{seq:03d}"


HEAD = nip(1)          # Kepala Dinas Pendidikan
PRINCIPAL = nip(2)     # Kepala SD Negeri 001, under HEAD
TEACHER_1 = nip(3)     # under PRINCIPAL
TEACHER_2 = nip(4, gender=2)  # under PRINCIPAL
CLERK = nip(5)         # Sekretariat staff, under HEAD
DINKES_HEAD = nip(6)   # Kepala Dinas Kesehatan
NURSE = nip(7, gender=2)  # under DINKES_HEAD


@dataclass
class World:
    admin: str
    disdik_admin: str
    dinkes_admin: str
    principal: str   # EMPLOYEE token of PRINCIPAL: supervises the teachers
    teacher: str     # EMPLOYEE token of TEACHER_1: supervises nobody
    nurse: str


def person(n: str, name: str, agency: str, unit: str | None, supervisor: str | None,
           position: str = "Staf", employment_type: str = "PNS") -> people.PersonData:
    return people.PersonData(nip=n, name=name, employment_type=employment_type, position=position,
                             agency=agency, unit=unit, supervisor=supervisor)


async def build_world() -> World:
    access = Access(SYSTEM)
    await agencies.create_agency(access, "DISDIK", "Dinas Pendidikan Kota Tanjungpinang")
    await agencies.create_agency(access, "DINKES", "Dinas Kesehatan Kota Tanjungpinang")
    await agencies.create_unit(access, "DISDIK", "SEKRETARIAT", "Sekretariat", None)
    await agencies.create_unit(access, "DISDIK", "SDN-001", "SD Negeri 001 Tanjungpinang", None)
    await agencies.create_unit(access, "DINKES", "PKM-BATU10", "Puskesmas Batu 10", None)
    await people.upsert_people(access, [
        person(HEAD, "Andi Pratama", "DISDIK", "SEKRETARIAT", None, "Kepala Dinas"),
        person(PRINCIPAL, "Budi Santoso", "DISDIK", "SDN-001", HEAD, "Kepala Sekolah"),
        person(TEACHER_1, "Citra Lestari", "DISDIK", "SDN-001", PRINCIPAL, "Guru Kelas"),
        person(TEACHER_2, "Dewi Anggraini", "DISDIK", "SDN-001", PRINCIPAL, "Guru Kelas"),
        person(CLERK, "Eko Saputra", "DISDIK", "SEKRETARIAT", HEAD, "Pengadministrasi Umum"),
        person(DINKES_HEAD, "Fajar Hidayat", "DINKES", None, None, "Kepala Dinas"),
        person(NURSE, "Gita Permata", "DINKES", "PKM-BATU10", DINKES_HEAD, "Perawat"),
    ])
    await cycles.create_cycle(access, 2025, "QUARTERLY")
    await Person.all().update(assigned_since=None)  # in place since before the records
    await create_head_posts(connections.get("default"), "test world")  # as migration 0016 makes them
    return World(
        admin=await tokens.create_token("ADMIN"),
        disdik_admin=await tokens.create_token("AGENCY_ADMIN", agency="DISDIK"),
        dinkes_admin=await tokens.create_token("AGENCY_ADMIN", agency="DINKES"),
        principal=await tokens.create_token("EMPLOYEE", nip=PRINCIPAL),
        teacher=await tokens.create_token("EMPLOYEE", nip=TEACHER_1),
        nurse=await tokens.create_token("EMPLOYEE", nip=NURSE),
    )
