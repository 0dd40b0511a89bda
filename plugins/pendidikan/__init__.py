"""Dinas Pendidikan (Education Office) plugin: participation-rate calculators per age band."""

from __future__ import annotations

from typing import Mapping

from kinerja import hookimpl

__version__ = "1.0.0"


def apm(inputs: Mapping[str, float]) -> float:
    """Angka Partisipasi Murni: only pupils inside the level's age band count, against that band's population."""
    return inputs["pupils_in_band"] / inputs["population_age_band"] * 100


def aps(inputs: Mapping[str, float]) -> float:
    """Angka Partisipasi Sekolah over the SD (7-12) and SMP (13-15) bands together: everyone of those ages
    in school at any level, against the whole population of both bands (each band weighted by its size)."""
    in_school = inputs["in_school_sd_band"] + inputs["in_school_smp_band"]
    population = inputs["population_sd_band"] + inputs["population_smp_band"]
    return in_school / population * 100


@hookimpl
def kinerja_calculators():
    return {"pendidikan.apm": apm, "pendidikan.aps": aps}


@hookimpl
def kinerja_validate_inputs(indicator, inputs):
    """Pupils of the age band cannot outnumber the population of that band, at any level."""
    problems = []
    if indicator.code.endswith("APM") and inputs.get("pupils_in_band", 0) > inputs.get("population_age_band", 0):
        problems.append("pupils_in_band cannot exceed population_age_band")
    return problems
