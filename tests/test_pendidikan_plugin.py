"""The Education Office's calculators and input check, against hand-worked numbers."""

import importlib.util
from pathlib import Path

import pytest

from kinerja.plugins import IndicatorInfo

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("pendidikan_under_test", ROOT / "plugins" / "pendidikan" / "__init__.py")
pendidikan = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pendidikan)


def test_apm_counts_only_pupils_inside_the_band():
    # 4,750 pupils aged 7-12 in SD out of 5,000 children aged 7-12 -> 95 %
    assert pendidikan.apm({"pupils_in_band": 4750, "pupils_outside_band": 300, "population_age_band": 5000}) == 95.0


def test_aps_weights_each_band_by_its_population():
    # (5,880 + 2,790) / (6,000 + 3,000) * 100 = 96.333... (not the mean of 98 % and 93 %, which is 95.5)
    got = pendidikan.aps({"in_school_sd_band": 5880, "in_school_smp_band": 2790,
                          "population_sd_band": 6000, "population_smp_band": 3000})
    assert got == pytest.approx(8670 / 9000 * 100)
    assert got != pytest.approx(95.5)


def test_calculators_are_registered_by_name():
    assert set(pendidikan.kinerja_calculators()) == {"pendidikan.apm", "pendidikan.aps"}


def test_pupils_cannot_outnumber_the_band_population():
    info = IndicatorInfo(code="DISDIK.APM", agency="DISDIK", name="APM", unit="percent",
                         direction="higher_is_better", level="agency")
    assert pendidikan.kinerja_validate_inputs(info, {"pupils_in_band": 11, "population_age_band": 10}) == [
        "pupils_in_band cannot exceed population_age_band"]
    assert pendidikan.kinerja_validate_inputs(info, {"pupils_in_band": 10, "population_age_band": 10}) == []
