"""The Education Office's calculator, input check and spec, against hand-worked numbers: APM counts only the
pupils of the band; APS is one formula per age band, never a pool; KELULUSAN is annual; APK is a band."""

import importlib.util
from pathlib import Path

import pytest

from kinerja.plugins import IndicatorInfo
from kinerja.specs.capaian import achievement
from kinerja.specs.loader import load_spec_file

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("pendidikan_under_test", ROOT / "plugins" / "pendidikan" / "__init__.py")
pendidikan = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pendidikan)


def test_apm_counts_only_pupils_inside_the_band():
    # 4,750 pupils aged 7-12 in SD out of 5,000 children aged 7-12 -> 95 %
    assert pendidikan.apm({"pupils_in_band": 4750, "population_age_band": 5000}) == 95.0


def test_calculators_are_registered_by_name():
    # APS needs no calculator: one formula per age band in the spec
    assert set(pendidikan.kinerja_calculators()) == {"pendidikan.apm"}


def shipped() -> dict:
    spec, errors = load_spec_file(ROOT / "indicator_specs" / "dinas-pendidikan.yaml", pendidikan.kinerja_calculators())
    assert errors == []
    return {i.code: i for i in spec.indicators}


@pytest.mark.parametrize("code, in_school, population, expected", [
    ("APS_7_12", 5880, 6000, 98.0),      # 5,880 of 6,000 children aged 7-12 in school
    ("APS_13_15", 2790, 3000, 93.0),     # 2,790 of 3,000 aged 13-15
    ("APS_16_18", 2250, 3000, 75.0),     # 2,250 of 3,000 aged 16-18
])
def test_aps_is_reported_per_age_band(code, in_school, population, expected):
    aps = shipped()[code]
    assert aps.formula.evaluate({"in_school": in_school, "population": population}) == pytest.approx(expected)
    assert aps.checks[0].evaluate({"in_school": population + 1, "population": population}) is False
    assert aps.calculator is None and aps.periods == ("year",)


def test_the_specs_own_rules():
    specs = shipped()
    assert "APS" not in specs  # the pooled APS of two bands is gone
    assert specs["KELULUSAN"].periods == ("year",)  # graduation is annual
    assert [i.name for i in specs["APM"].inputs] == ["pupils_in_band", "population_age_band"]
    assert "definisi Dinas" in specs["PUTUS_SEKOLAH"].name
    apk = specs["APK"]
    assert (apk.direction, apk.target_lower, apk.target_upper) == ("band", 95.0, 105.0)
    # over-age enrolment is no longer better: 110 % scores (2 - 110/105) * 100 = 95.24 %, below 100 % inside the band
    assert achievement(110.0, apk.target, apk.direction, apk.target_lower, apk.target_upper, apk.scoring) == \
        pytest.approx(95.238095)
    # a school that aims at no dropouts and has none: 0 is the best a rate can be, so the maximum target met in full
    putus = specs["PUTUS_SEKOLAH"]
    assert achievement(0.0, 0.0, putus.direction, scoring=putus.scoring) == 120.0
    assert achievement(0.5, 0.0, putus.direction, scoring=putus.scoring) == 0.0


def test_pupils_cannot_outnumber_the_band_population():
    info = IndicatorInfo(code="DISDIK.APM", agency="DISDIK", name="APM", unit="percent",
                         direction="higher_is_better", level="agency")
    assert pendidikan.kinerja_validate_inputs(info, {"pupils_in_band": 11, "population_age_band": 10}) == [
        "pupils_in_band cannot exceed population_age_band"]
    assert pendidikan.kinerja_validate_inputs(info, {"pupils_in_band": 10, "population_age_band": 10}) == []
