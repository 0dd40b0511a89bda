"""The demo's SKP targets: the DISDIK schools' (graduation, dropouts: some schools aim at none), DISDIK's own
(participation rates on its PIMPINAN unit: APK a band around 100, APS one per age band) and the DPMPTSP staff's
(permits on time, days per permit), each linked to its supervisor's."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from kinerja.demo.data import DemoData, DemoPerson, DemoUnit
from kinerja.services.core.access import Access
from kinerja.services.skp.targets import TargetData, set_targets

BATCH = 500  # items per service call
SEED = 20240101  # the targets' and measurements' figures; the people have build_demo's own seed
SCHOOL_PREFIXES = ("SDN-", "SMPN-")
SCHOOL_INDICATORS = ("DISDIK.KELULUSAN", "DISDIK.PUTUS_SEKOLAH")
APS_BANDS = ("DISDIK.APS_7_12", "DISDIK.APS_13_15", "DISDIK.APS_16_18")
AGENCY_INDICATORS = ("DISDIK.APK", "DISDIK.APM", *APS_BANDS)  # unit targets of DISDIK's PIMPINAN
STAFF_INDICATORS = ("DPMPTSP.IZIN_TEPAT_WAKTU", "DPMPTSP.RATA_HARI_PROSES")
DEMO_INDICATORS = (*SCHOOL_INDICATORS, *AGENCY_INDICATORS, *STAFF_INDICATORS)
# (indicator, target value or (lower, upper), work result)
AGENCY_TARGETS: tuple[tuple[str, float | tuple[float, float], str], ...] = (
    ("DISDIK.APK", (95, 105), "Terjaganya angka partisipasi kasar pendidikan dasar Kota Tanjungpinang di sekitar 100"),
    ("DISDIK.APM", 95, "Meningkatnya angka partisipasi murni pendidikan dasar Kota Tanjungpinang"),
    ("DISDIK.APS_7_12", 99, "Meningkatnya angka partisipasi sekolah penduduk usia 7-12 tahun"),
    ("DISDIK.APS_13_15", 97, "Meningkatnya angka partisipasi sekolah penduduk usia 13-15 tahun"),
    ("DISDIK.APS_16_18", 90, "Meningkatnya angka partisipasi sekolah penduduk usia 16-18 tahun"),
)
ZERO_DROPOUT_EVERY = 6  # every sixth school aims at no dropouts at all (a lower-is-better target of 0)


@dataclass(frozen=True)
class PlannedTarget:
    key: tuple  # ("unit", code, indicator) or ("person", nip, indicator)
    data: TargetData
    depth: int = 0  # a person's depth below the agency's head: parents are set first
    supervisor: str | None = None


def schools(data: DemoData) -> list[DemoUnit]:
    """DISDIK's SD and SMP units, in the order of the demo data."""
    return [u for u in data.units if u.agency == "DISDIK" and u.code.startswith(SCHOOL_PREFIXES)]


def permit_staff(data: DemoData) -> list[DemoPerson]:
    """The DPMPTSP people who have a supervisor (supervisors come before their staff)."""
    return [p for p in data.people if p.agency == "DPMPTSP" and p.supervisor]


def plan_targets(data: DemoData, year: int, available: set[str]) -> list[PlannedTarget]:
    """The demo's targets of one cycle, in a fixed order; values are the same every year."""
    rng = random.Random(SEED)  # the same targets every year
    planned = _school_targets(data, year, available, rng)
    if any(u.agency == "DISDIK" and u.code == "PIMPINAN" for u in data.units):
        planned += [_unit_target("PIMPINAN", year, code, value, text)
                    for code, value, text in AGENCY_TARGETS if code in available]
    return planned + _staff_targets(data, year, available, rng)


def _unit_target(unit: str, year: int, code: str, value: float | tuple[float, float], text: str) -> PlannedTarget:
    if isinstance(value, tuple):  # a range target
        data = TargetData(cycle=year, indicator=code, work_result=text, lower=value[0], upper=value[1], unit=unit)
    else:
        data = TargetData(cycle=year, indicator=code, work_result=text, value=value, unit=unit)
    return PlannedTarget(("unit", unit, code), data)


def _school_targets(data: DemoData, year: int, available: set[str], rng: random.Random) -> list[PlannedTarget]:
    planned = []
    for n, school in enumerate(schools(data)):
        graduation = rng.choice((95, 95, 97, 98, 100))
        dropout = rng.choice((1.0, 1.0, 1.5))
        if n % ZERO_DROPOUT_EVERY == 0:
            dropout = 0.0
        for code, value, text in (
            ("DISDIK.KELULUSAN", graduation, f"Meningkatnya angka kelulusan siswa {school.name}"),
            ("DISDIK.PUTUS_SEKOLAH", dropout, f"Menurunnya angka putus sekolah di {school.name}"),
        ):
            if code in available:
                planned.append(_unit_target(school.code, year, code, value, text))
    return planned


def _staff_targets(data: DemoData, year: int, available: set[str], rng: random.Random) -> list[PlannedTarget]:
    planned = []
    depth: dict[str, int] = {}
    for person in permit_staff(data):  # supervisors come before their staff in data.people
        depth[person.nip] = depth[person.supervisor] + 1 if person.supervisor in depth else 0
        on_time = rng.choice((90, 90, 95))
        days = rng.choice((5, 5, 4))
        for code, value, text in (
            ("DPMPTSP.IZIN_TEPAT_WAKTU", on_time, "Izin diterbitkan tepat waktu sesuai standar pelayanan"),
            ("DPMPTSP.RATA_HARI_PROSES", days, "Waktu proses perizinan makin singkat"),
        ):
            if code in available:
                planned.append(PlannedTarget(("person", person.nip, code),
                                             TargetData(cycle=year, indicator=code, work_result=text, value=value,
                                                        nip=person.nip),
                                             depth=depth[person.nip], supervisor=person.supervisor))
    return planned


async def set_planned_targets(access: Access, planned: list[PlannedTarget]) -> dict[tuple, int]:
    """Creates the targets, shallowest first, each person's linked to its supervisor's of the same indicator;
    returns key -> target id."""
    ids: dict[tuple, int] = {}
    for level in sorted({p.depth for p in planned}):
        items = []
        for p in planned:
            if p.depth != level:
                continue
            parent = ids.get(("person", p.supervisor, p.data.indicator)) if p.supervisor else None
            items.append((p.key, replace(p.data, parent=parent)))
        for start in range(0, len(items), BATCH):
            chunk = items[start:start + BATCH]
            created = await set_targets(access, [d for _, d in chunk])
            ids.update({key: t.id for (key, _), t in zip(chunk, created)})
    return ids
