"""Loads the deterministic Tanjungpinang demo data (kinerja.demo.data) through the services: agencies, units,
people, the 2024 (CLOSED) and 2025 (ACTIVE) cycles, and SKP targets with their measurements for the
DISDIK schools and the DPMPTSP staff; then 2024's evaluation and the survey answers (demo_evaluation)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

import kinerja
from kinerja.demo.data import DemoData, build_demo
from kinerja.models import Agency, Person
from kinerja.plugins import PluginLoadError
from kinerja.services.org import agencies
from kinerja.services.cycles import workflow as cycles
from kinerja.demo import evaluation as demo_evaluation
from kinerja.services.org import people
from kinerja.services.auth import tokens
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.indicators.catalog import Catalog
from kinerja.services.skp.measurements import MeasurementData, record_measurements
from kinerja.services.skp.targets import TargetData, set_targets
from kinerja.settings import Settings

BATCH = 500
SEED = 20240101  # the targets' and measurements' figures; the people have build_demo's own seed
SCHOOL_PREFIXES = ("SDN-", "SMPN-")
SCHOOL_INDICATORS = ("DISDIK.KELULUSAN", "DISDIK.PUTUS_SEKOLAH")
AGENCY_INDICATORS = ("DISDIK.APK", "DISDIK.APM", "DISDIK.APS")  # unit targets of DISDIK's PIMPINAN
STAFF_INDICATORS = ("DPMPTSP.IZIN_TEPAT_WAKTU", "DPMPTSP.RATA_HARI_PROSES")
DEMO_INDICATORS = (*SCHOOL_INDICATORS, *AGENCY_INDICATORS, *STAFF_INDICATORS)
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
# (year, quarters measured, annual period measured, statuses after ACTIVE): 2025 is in progress
YEARS = ((2024, QUARTERS, True, ("EVALUATION", "CLOSED")), (2025, QUARTERS[:3], False, ()))
REPO = Path(kinerja.__file__).resolve().parents[2]


@dataclass(frozen=True)
class DemoTokens:
    admin: str
    agency_admin: str
    employee: str
    employee_nip: str
    employee_name: str


# --------------------------------------------------------------------------------------------
# The catalog: the working folder's specs, else the repository's
# --------------------------------------------------------------------------------------------

def _missing(catalog: Catalog) -> list[str]:
    return [code for code in DEMO_INDICATORS if catalog.indicator(code) is None]


def demo_catalog(settings: Settings | None = None) -> tuple[Catalog, Settings]:
    """The catalog for the demo's targets, and the settings it was loaded with.

    The working folder's ./indicator_specs and ./plugins (and the configured folders) come first;
    when they lack the DISDIK/DPMPTSP indicators, the repository's own folders are added (`serve
    --demo` hands the returned settings on to the server, so it serves the same specs)."""
    settings = settings or Settings()
    catalog = Catalog.load(settings)
    if not _missing(catalog):
        return catalog, settings
    specs, plugins = REPO / "indicator_specs", REPO / "plugins"
    known = {p.resolve() for p in [*settings.spec_folders(), *settings.plugin_folders()]}
    extra_specs = (specs,) if specs.is_dir() and specs.resolve() not in known else ()
    extra_plugins = (plugins,) if plugins.is_dir() and plugins.resolve() not in known else ()
    if not extra_specs and not extra_plugins:
        return catalog, settings
    wider = replace(settings, specs_dirs=(*settings.specs_dirs, *extra_specs),
                    plugins_dirs=(*settings.plugins_dirs, *extra_plugins))
    try:
        fallback = Catalog.load(wider)
    except PluginLoadError:  # the repository's plugins clash with the working folder's: keep what we had
        return catalog, settings
    if len(_missing(fallback)) < len(_missing(catalog)):
        return fallback, wider
    return catalog, settings


# --------------------------------------------------------------------------------------------
# Figures: plausible, from one random.Random
# --------------------------------------------------------------------------------------------

def _between(rng: random.Random, total: int, low: float, high: float) -> int:
    """A whole number in [low*total, high*total] (rounded inwards)."""
    return rng.randint(math.ceil(low * total), math.floor(high * total))


def _sum(parts: Sequence[dict[str, int]]) -> dict[str, int]:
    return {key: sum(p[key] for p in parts) for key in parts[0]}


def _graduation(rng: random.Random, smp: bool) -> dict[str, int]:
    students = rng.randint(30, 110) if smp else rng.randint(15, 60)
    return {"graduates": _between(rng, students, 0.85, 1.0), "final_year_students": students}


def _dropouts(rng: random.Random, smp: bool) -> dict[str, int]:
    enrolment = rng.randint(300, 900) if smp else rng.randint(150, 600)
    rate = min(0.03, rng.triangular(0.0, 0.03, 0.004))
    return {"dropouts": math.floor(rate * enrolment), "enrolment_start": enrolment}


def _permits(rng: random.Random) -> tuple[dict[str, int], dict[str, int]]:
    """One quarter of one officer: permits on time, and working days, of the same permits."""
    issued = rng.randint(12, 90)
    on_time = _between(rng, issued, 0.80, 1.0)
    days = rng.triangular(3.0, 8.0, 4.3)
    working_days = min(max(round(days * issued), math.ceil(3 * issued)), math.floor(8 * issued))
    return {"on_time": on_time, "issued": issued}, {"working_days": working_days, "issued": issued}


def _participation(rng: random.Random) -> dict[str, dict[str, int]]:
    """The city's SD+SMP participation rates for one year."""
    sd, smp = rng.randint(26000, 28000), rng.randint(12500, 13500)
    population = sd + smp
    return {
        "DISDIK.APK": {"pupils_at_level": _between(rng, population, 0.98, 1.06), "population_age_band": population},
        "DISDIK.APM": {"pupils_in_band": _between(rng, population, 0.91, 0.97),
                       "pupils_outside_band": _between(rng, population, 0.02, 0.07), "population_age_band": population},
        "DISDIK.APS": {"in_school_sd_band": _between(rng, sd, 0.975, 0.995),
                       "in_school_smp_band": _between(rng, smp, 0.95, 0.99),
                       "population_sd_band": sd, "population_smp_band": smp},
    }


# --------------------------------------------------------------------------------------------
# Targets and measurements
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Planned:
    key: tuple  # ("unit", code, indicator) or ("person", nip, indicator)
    data: TargetData
    depth: int = 0  # a person's depth below the agency's head: parents are set first
    supervisor: str | None = None


def plan_targets(data: DemoData, year: int, available: set[str]) -> list[_Planned]:
    """The demo's targets of one cycle, in a fixed order; values are the same every year."""
    rng = random.Random(SEED)  # the same targets every year
    units = {(u.agency, u.code): u for u in data.units}
    planned: list[_Planned] = []
    schools = [u for u in data.units if u.agency == "DISDIK" and u.code.startswith(SCHOOL_PREFIXES)]
    for school in schools:
        graduation = rng.choice((95, 95, 97, 98, 100))
        dropout = rng.choice((1.0, 1.0, 1.5))
        for code, value, text in (
            ("DISDIK.KELULUSAN", graduation, f"Meningkatnya angka kelulusan siswa {school.name}"),
            ("DISDIK.PUTUS_SEKOLAH", dropout, f"Menurunnya angka putus sekolah di {school.name}"),
        ):
            if code in available:
                planned.append(_Planned(("unit", school.code, code),
                                        TargetData(cycle=year, indicator=code, work_result=text, value=value,
                                                   unit=school.code)))
    if ("DISDIK", "PIMPINAN") in units:
        for code, value, text in (
            ("DISDIK.APK", 100, "Meningkatnya angka partisipasi kasar pendidikan dasar Kota Tanjungpinang"),
            ("DISDIK.APM", 95, "Meningkatnya angka partisipasi murni pendidikan dasar Kota Tanjungpinang"),
            ("DISDIK.APS", 98, "Meningkatnya angka partisipasi sekolah penduduk usia 7-15 tahun"),
        ):
            if code in available:
                planned.append(_Planned(("unit", "PIMPINAN", code),
                                        TargetData(cycle=year, indicator=code, work_result=text, value=value,
                                                   unit="PIMPINAN")))
    staff = [p for p in data.people if p.agency == "DPMPTSP" and p.supervisor]
    depth: dict[str, int] = {}
    for person in staff:  # supervisors come before their staff in data.people
        depth[person.nip] = depth[person.supervisor] + 1 if person.supervisor in depth else 0
        on_time = rng.choice((90, 90, 95))
        days = rng.choice((5, 5, 4))
        for code, value, text in (
            ("DPMPTSP.IZIN_TEPAT_WAKTU", on_time, "Izin diterbitkan tepat waktu sesuai standar pelayanan"),
            ("DPMPTSP.RATA_HARI_PROSES", days, "Waktu proses perizinan makin singkat"),
        ):
            if code in available:
                planned.append(_Planned(("person", person.nip, code),
                                        TargetData(cycle=year, indicator=code, work_result=text, value=value,
                                                   nip=person.nip),
                                        depth=depth[person.nip], supervisor=person.supervisor))
    return planned


async def _set_targets(access: Access, planned: list[_Planned]) -> dict[tuple, int]:
    """Creates the targets, shallowest first, each person's linked to its supervisor's of the same indicator."""
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


def plan_measurements(data: DemoData, year: int, quarters: Sequence[str], annual: bool,
                      ids: dict[tuple, int]) -> list[MeasurementData]:
    """The measurements of one cycle for the targets in `ids`, figures from a seed of that year."""
    rng = random.Random(SEED + year)
    out: list[MeasurementData] = []

    def add(key: tuple, period: str, inputs: dict[str, int]) -> None:
        if key in ids:
            out.append(MeasurementData(target=ids[key], period=period, inputs=inputs))

    for school in (u for u in data.units if u.agency == "DISDIK" and u.code.startswith(SCHOOL_PREFIXES)):
        smp = school.code.startswith("SMPN-")
        key = ("unit", school.code, "DISDIK.KELULUSAN")
        parts = [_graduation(rng, smp) for _ in quarters]
        for q, inputs in zip(quarters, parts):
            add(key, f"{year}-{q}", inputs)
        dropouts = _dropouts(rng, smp)
        if annual:
            add(key, str(year), _sum(parts))
            add(("unit", school.code, "DISDIK.PUTUS_SEKOLAH"), str(year), dropouts)
    rates = _participation(rng)
    if annual:
        for code, inputs in rates.items():
            add(("unit", "PIMPINAN", code), str(year), inputs)
    for person in (p for p in data.people if p.agency == "DPMPTSP" and p.supervisor):
        parts = [_permits(rng) for _ in quarters]
        for q, (on_time, days) in zip(quarters, parts):
            add(("person", person.nip, "DPMPTSP.IZIN_TEPAT_WAKTU"), f"{year}-{q}", on_time)
            add(("person", person.nip, "DPMPTSP.RATA_HARI_PROSES"), f"{year}-{q}", days)
        if annual:
            add(("person", person.nip, "DPMPTSP.IZIN_TEPAT_WAKTU"), str(year), _sum([a for a, _ in parts]))
            add(("person", person.nip, "DPMPTSP.RATA_HARI_PROSES"), str(year), _sum([b for _, b in parts]))
    return out


async def _record(access: Access, catalog: Catalog, items: list[MeasurementData]) -> None:
    for start in range(0, len(items), BATCH):
        await record_measurements(access, catalog, items[start:start + BATCH])


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------

async def load_demo(progress: Callable[[str], None] | None = None, catalog: Catalog | None = None,
                    settings: Settings | None = None) -> bool:
    """Load the demo data into an empty database; returns False (and does nothing) if it has agencies.

    `catalog` (else one loaded by demo_catalog(settings)) supplies the indicators of the targets;
    without the DISDIK/DPMPTSP specs the people and cycles are loaded, the targets skipped."""
    if await Agency.exists():
        return False
    say = progress or (lambda _msg: None)
    access = Access(SYSTEM)
    data = build_demo()
    if catalog is None:
        catalog, _ = demo_catalog(settings)
    for a in data.agencies:
        await agencies.create_agency(access, a.code, a.name)
    for u in data.units:
        await agencies.create_unit(access, u.agency, u.code, u.name, u.parent)
    say(f"{len(data.agencies)} agencies, {len(data.units)} units")
    items = data.people
    for start in range(0, len(items), BATCH):
        await people.upsert_people(access, items[start:start + BATCH])
        say(f"people: {min(start + BATCH, len(items))}/{len(items)}")
    result = await catalog.sync()
    available = {code for code in DEMO_INDICATORS if catalog.indicator(code) is not None}
    if not available:
        say("indicator specs of DISDIK and DPMPTSP not found (no ./indicator_specs): demo targets skipped")
    else:
        say(f"indicators: {result.indicators} synced")
        missing = sorted(set(DEMO_INDICATORS) - available)
        if missing:
            say(f"indicators not loaded, their demo targets skipped: {', '.join(missing)}")
    for year, quarters, annual, then in YEARS:
        await cycles.create_cycle(access, year, "QUARTERLY")
        ids = await _set_targets(access, plan_targets(data, year, available)) if available else {}
        await cycles.set_cycle_status(access, year, "ACTIVE")
        measured = plan_measurements(data, year, quarters, annual, ids)
        await _record(access, catalog, measured)
        for status in then:
            if status == "CLOSED":  # evaluated before it closes
                await demo_evaluation.load_evaluation(catalog, data, year, [*(f"{year}-{q}" for q in quarters),
                                                                           str(year)], say)
            await cycles.set_cycle_status(access, year, status)
        if available:
            periods = [*(f"{year}-{q}" for q in quarters), *([str(year)] if annual else [])]
            say(f"cycle {year}: {len(ids)} targets, {len(measured)} measurements ({', '.join(periods)})")
    await demo_evaluation.load_survey([year for year, *_ in YEARS], say)
    say("cycles: 2024 CLOSED, 2025 ACTIVE")
    return True


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


@dataclass(frozen=True)
class DemoAccount:
    role: str
    nip: str
    name: str
    password: str
    about: str


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
