"""The demo's measurements: plausible figures for the targets of kinerja.demo.targets, per quarter and for the
year (graduation, dropouts and participation rates only for the year, as they are measured), all drawn from one
random.Random seeded with the year. In the ACTIVE year every DUE_EVERY-th permit officer has not yet recorded the
last quarter that has ended (their own targets' measurements are due: "Tugas saya")."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from kinerja.demo.data import DemoData
from kinerja.demo.targets import BATCH, SEED, permit_staff, schools
from kinerja.services.core.access import Access
from kinerja.services.indicators.catalog import Catalog
from kinerja.services.skp.measurements import MeasurementData, record_measurements
DUE_EVERY = 6  # of the permit officers (in the demo's order) the 6th, 12th, ...: the active year's last quarter due


def plan_measurements(data: DemoData, year: int, quarters: Sequence[str], annual: bool,
                      ids: dict[tuple, int], due: bool = False) -> list[MeasurementData]:
    """The measurements of one cycle for the targets in `ids`, figures from a seed of that year; `due`: every
    DUE_EVERY-th permit officer's last quarter left out (still to be recorded)."""
    rng = random.Random(SEED + year)
    out: list[MeasurementData] = []

    def add(key: tuple, period: str, inputs: dict[str, int]) -> None:
        if key in ids:
            out.append(MeasurementData(target=ids[key], period=period, inputs=inputs))

    for school in schools(data):
        smp = school.code.startswith("SMPN-")
        graduation = _graduation(rng, smp)  # annual: one graduation a school year
        dropouts = _dropouts(rng, smp)
        if annual:
            add(("unit", school.code, "DISDIK.KELULUSAN"), str(year), graduation)
            add(("unit", school.code, "DISDIK.PUTUS_SEKOLAH"), str(year), dropouts)
    rates = _participation(rng)
    if annual:
        for code, inputs in rates.items():
            add(("unit", "PIMPINAN", code), str(year), inputs)
    for n, person in enumerate(permit_staff(data)):
        parts = [_permits(rng) for _ in quarters]
        late = due and n % DUE_EVERY == DUE_EVERY - 1
        for q, (on_time, days) in zip(quarters[:-1] if late else quarters, parts):
            add(("person", person.nip, "DPMPTSP.IZIN_TEPAT_WAKTU"), f"{year}-{q}", on_time)
            add(("person", person.nip, "DPMPTSP.RATA_HARI_PROSES"), f"{year}-{q}", days)
        if annual:
            add(("person", person.nip, "DPMPTSP.IZIN_TEPAT_WAKTU"), str(year), _sum([a for a, _ in parts]))
            add(("person", person.nip, "DPMPTSP.RATA_HARI_PROSES"), str(year), _sum([b for _, b in parts]))
    return out


async def record(access: Access, catalog: Catalog, items: list[MeasurementData]) -> None:
    for start in range(0, len(items), BATCH):
        await record_measurements(access, catalog, items[start:start + BATCH])


# -- figures: plausible, from one random.Random -------------------------------------------------------------------

def _between(rng: random.Random, total: int, low: float, high: float) -> int:
    """A whole number in [low*total, high*total] (rounded inwards)."""
    return rng.randint(math.ceil(low * total), math.floor(high * total))


def _sum(parts: Sequence[dict[str, int]]) -> dict[str, int]:
    return {key: sum(p[key] for p in parts) for key in parts[0]}


def _graduation(rng: random.Random, smp: bool) -> dict[str, int]:
    """One school year's final-year pupils and graduates (some schools graduate everyone)."""
    students = rng.randint(120, 440) if smp else rng.randint(60, 240)
    graduates = students if rng.random() < 0.2 else _between(rng, students, 0.85, 1.0)
    return {"graduates": graduates, "final_year_students": students}


def _dropouts(rng: random.Random, smp: bool) -> dict[str, int]:
    """The year's dropouts among the pupils enrolled at its start (the Dinas's definition); sometimes none."""
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
    """The city's participation rates for one year: APK and APM of basic education (SD+SMP), APS per age band."""
    sd, smp, sma = rng.randint(26000, 28000), rng.randint(12500, 13500), rng.randint(11500, 12500)
    population = sd + smp
    return {
        "DISDIK.APK": {"pupils_at_level": _between(rng, population, 0.98, 1.09), "population_age_band": population},
        "DISDIK.APM": {"pupils_in_band": _between(rng, population, 0.91, 0.97), "population_age_band": population},
        "DISDIK.APS_7_12": {"in_school": _between(rng, sd, 0.975, 0.995), "population": sd},
        "DISDIK.APS_13_15": {"in_school": _between(rng, smp, 0.95, 0.99), "population": smp},
        "DISDIK.APS_16_18": {"in_school": _between(rng, sma, 0.82, 0.94), "population": sma},
    }
