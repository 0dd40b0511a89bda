"""Dinas Pendidikan (Education Office) plugin: the net enrolment ratio's calculator and its input check.

APS is one plain formula per age band in indicator_specs/dinas-pendidikan.yaml (BPS reports each band; a pool of
bands is not APS), so the plugin no longer has a calculator for it.
"""

from __future__ import annotations

from typing import Mapping

from kinerja import hookimpl
from kinerja.plugins import Calculator, CalculatorInput

__version__ = "1.1.0"


def apm(inputs: Mapping[str, float]) -> float:
    """Angka Partisipasi Murni: pupils at the level who are of the level's age band, against that band's population.
    Pupils outside the band are left out by what is counted, not by an input: the spec asks only for those inside."""
    return inputs["pupils_in_band"] / inputs["population_age_band"] * 100


# The inputs APM reads, with the labels of indicator_specs/dinas-pendidikan.yaml: a spec naming the calculator must
# declare both (the loader checks), and the console's calculator list shows them.
APM = Calculator(
    apm,
    inputs=(CalculatorInput("pupils_in_band", "integer", "Jumlah siswa pada jenjang yang berusia sesuai jenjang", min=0),
            CalculatorInput("population_age_band", "integer", "Jumlah penduduk usia jenjang", min=1)),
    description="Partisipasi murni: siswa pada jenjang yang berusia sesuai jenjang dibagi penduduk usia jenjang, "
                "dikali 100.",
)


@hookimpl
def kinerja_calculators():
    return {"pendidikan.apm": APM}


@hookimpl
def kinerja_validate_inputs(indicator, inputs):
    """Pupils of the age band cannot outnumber the population of that band, at any level."""
    problems = []
    if indicator.code.endswith("APM") and inputs.get("pupils_in_band", 0) > inputs.get("population_age_band", 0):
        problems.append("pupils_in_band cannot exceed population_age_band")
    return problems
