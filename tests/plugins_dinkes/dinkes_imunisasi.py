"""A test plugin for the console's indicator drafts (tests/browser/test_console_indicator_drafts.py): the Dinas
Kesehatan's hepatitis B (HB-0) immunisation coverage as a calculator with an input contract, so a formula-less
indicator can be built from the console's form. Loaded only by the tests that start a server with this folder as
a plugins folder (KINERJA_PLUGINS_DIR)."""

from __future__ import annotations

from typing import Mapping

from kinerja import hookimpl
from kinerja.plugins import Calculator, CalculatorInput

__version__ = "0.1.0"


def hb0(inputs: Mapping[str, float]) -> float:
    """Newborns given HB-0 within 24 hours, against live births, as a percentage."""
    return inputs["bayi_hb0"] / inputs["lahir_hidup"] * 100


HB0 = Calculator(
    hb0,
    inputs=(CalculatorInput("bayi_hb0", "integer", "Bayi baru lahir mendapat HB-0 kurang dari 24 jam", min=0),
            CalculatorInput("lahir_hidup", "integer", "Jumlah lahir hidup", min=1)),
    description="Cakupan imunisasi HB-0: bayi yang mendapat HB-0 dalam 24 jam dibagi jumlah lahir hidup, dikali 100.",
)


@hookimpl
def kinerja_calculators():
    return {"dinkes.hb0": HB0}
