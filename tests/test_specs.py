"""Spec files: the shipped specs are valid; every bad file gives errors with file, line and key path."""

from pathlib import Path

import pytest

from kinerja.specs.loader import load_spec_file, load_specs

ROOT = Path(__file__).resolve().parent.parent
CALCULATORS = {"pendidikan.apm": lambda v: 0.0}

GOOD = """\
agency: {code: DEMO, name: Dinas Contoh}
indicators:
  - code: RATE
    name: Rate
    unit: percent
    direction: higher_is_better
    level: person
    periods: [quarter, year]
    inputs:
      done: {type: integer, min: 0}
      planned: {type: integer, min: 1}
    checks: ["done <= planned"]
    formula: done / planned * 100
    target: 90
    rating: {above: 105, meets: 95}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_specs_are_valid():
    specs, errors = load_specs([ROOT / "indicator_specs"], CALCULATORS)
    assert errors == []
    codes = {i.full_code for s in specs for i in s.indicators}
    assert {"DISDIK.KELULUSAN", "DISDIK.APK", "DISDIK.APM", "DISDIK.APS_7_12", "DISDIK.APS_13_15",
            "DISDIK.APS_16_18", "DISDIK.PUTUS_SEKOLAH", "DISDIK.PARTISIPASI_MASYARAKAT", "DPMPTSP.IZIN_TEPAT_WAKTU",
            "DPMPTSP.RATA_HARI_PROSES"} <= codes
    assert "DISDIK.APS" not in codes  # never pooled across age bands


def test_good_spec_compiles_formula_and_checks_once(tmp_path):
    spec, errors = load_spec_file(write(tmp_path, GOOD))
    assert errors == []
    rate = spec.indicators[0]
    assert rate.formula.evaluate({"done": 19, "planned": 20}) == 95.0
    assert rate.checks[0].evaluate({"done": 21, "planned": 20}) is False
    assert (rate.periods, rate.line) == (("quarter", "year"), 3)


def test_version_is_a_content_hash(tmp_path):
    v1 = load_spec_file(write(tmp_path, GOOD))[0].indicators[0].version
    assert load_spec_file(write(tmp_path, GOOD + "\n# a comment\n"))[0].indicators[0].version == v1
    v2 = load_spec_file(write(tmp_path, GOOD.replace("target: 90", "target: 91")))[0].indicators[0].version
    assert v2 != v1


@pytest.mark.parametrize("change, line, path, message", [
    (("    name: Rate\n", "    name: Rate\n    nmae: typo\n"), 5, "indicators.0.nmae", "unknown key 'nmae'"),
    (("  - code: RATE\n", "  - cod: RATE\n"), 3, "indicators.0.cod", "unknown key"),
    (("    direction: higher_is_better", "    direction: up"), 6, "indicators.0.direction", "must be one of"),
    (("formula: done / planned * 100", "formula: done / * planned"), 13, "indicators.0.formula", "syntax"),
    (("formula: done / planned * 100", "formula: done / total"), 13, "indicators.0.formula", "unknown name 'total'"),
    (("formula: done / planned * 100", "formula: __import__('os')"), 13, "indicators.0.formula", "not allowed"),
    (("formula: done / planned * 100", "formula: done.real"), 13, "indicators.0.formula", "attribute"),
    (("formula: done / planned * 100", "formula: '(lambda: 1)()'"), 13, "indicators.0.formula", "not allowed"),
    (("formula: done / planned * 100", "formula: '[x for x in (1, 2)]'"), 13, "indicators.0.formula", "not allowed"),
    (("formula: done / planned * 100", "calculator: nope.nothing"), 13, "indicators.0.calculator",
     "unknown calculator 'nope.nothing'"),
    (("    checks: [\"done <= planned\"]\n", "    checks: [\"done <=\"]\n"), 12, "indicators.0.checks.0", "syntax"),
    (("      done: {type: integer, min: 0}", "      done: {type: text, min: 0}"), 10, "indicators.0.inputs.done.type",
     "must be one of integer, number"),
    (("    target: 90", "    target: .nan"), 14, "indicators.0.target", "finite number"),
])
def test_each_bad_spec_names_file_line_and_path(tmp_path, change, line, path, message):
    old, new = change
    assert old in GOOD
    file = write(tmp_path, GOOD.replace(old, new))
    spec, errors = load_spec_file(file)
    assert spec is None
    match = [e for e in errors if e.path == path and message in e.message]
    assert match, errors
    assert match[0].line == line and match[0].file == str(file)


def test_missing_code_and_duplicate_code(tmp_path):
    spec, errors = load_spec_file(write(tmp_path, GOOD.replace("  - code: RATE\n    name", "  - name")))
    assert spec is None and any(e.path == "indicators.0.code" and "missing required key" in e.message for e in errors)
    twice = GOOD + GOOD.split("indicators:\n", 1)[1]
    spec, errors = load_spec_file(write(tmp_path, twice))
    assert spec is None and any("duplicate indicator code 'RATE'" in e.message and e.line == 16 for e in errors)


def test_yaml_that_does_not_parse_shows_the_line(tmp_path):
    spec, errors = load_spec_file(write(tmp_path, GOOD.replace("    unit: percent", "    unit: [percent")))
    assert spec is None and len(errors) == 1
    assert "YAML does not parse" in errors[0].message and errors[0].line is not None


def test_formula_and_calculator_are_exclusive(tmp_path):
    spec, errors = load_spec_file(write(tmp_path, GOOD.replace("    target: 90", "    calculator: x\n    target: 90")))
    assert spec is None and any("exactly one of 'formula' and 'calculator'" in e.message for e in errors)


def test_an_invalid_file_is_left_out_and_the_others_kept(tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "bad.yaml").write_text(GOOD.replace("DEMO", "OTHER").replace("level: person", "level: planet"))
    specs, errors = load_specs([tmp_path])
    assert [s.code for s in specs] == ["DEMO"]
    assert len(errors) == 1 and errors[0].file.endswith("bad.yaml") and errors[0].path == "indicators.0.level"


# -- targets, bands and the achievement cap (specs/capaian.py) ------------------------------------------------------

def test_a_band_with_a_range_target_and_the_default_cap(tmp_path):
    text = GOOD.replace("direction: higher_is_better", "direction: band").replace(
        "    target: 90", "    target: {lower: 95, upper: 105}")
    rate = load_spec_file(write(tmp_path, text))[0].indicators[0]
    assert (rate.direction, rate.target, rate.target_lower, rate.target_upper) == ("band", 100.0, 95.0, 105.0)
    assert (rate.scoring.cap, rate.scoring.over, rate.scoring.best) == (120.0, 110.0, None)


def test_a_range_target_of_a_higher_is_better_indicator_and_a_lower_is_better_target_of_0(tmp_path):
    rate = load_spec_file(write(tmp_path, GOOD.replace("    target: 90", "    target: {lower: 80, upper: 90}")))[0]
    assert (rate.indicators[0].target_lower, rate.indicators[0].target_upper) == (80.0, 90.0)
    zero = GOOD.replace("direction: higher_is_better", "direction: lower_is_better").replace(
        "    target: 90", "    target: 0\n    achievement: {best: 0}")
    spec = load_spec_file(write(tmp_path, zero))[0].indicators[0]
    assert (spec.target, spec.scoring.best) == (0.0, 0.0)


def test_achievement_settings(tmp_path):
    def scoring(line: str):
        spec, errors = load_spec_file(write(tmp_path, GOOD + f"    achievement: {line}\n"))
        assert errors == [], errors
        return spec.indicators[0].scoring

    assert (scoring("{cap: null}").cap, scoring("{cap: ~}").cap) == (None, None)  # uncapped
    found = scoring("{cap: 150, over: 120, best: 100}")
    assert (found.cap, found.over, found.best) == (150.0, 120.0, 100.0)
    assert (scoring("{over: 120, cap: 120}").over, scoring("{}").cap) == (120.0, 120.0)


def test_the_cap_changes_the_version(tmp_path):
    v1 = load_spec_file(write(tmp_path, GOOD))[0].indicators[0].version
    assert load_spec_file(write(tmp_path, GOOD + "    achievement: {cap: 120}\n"))[0].indicators[0].version == v1
    assert load_spec_file(write(tmp_path, GOOD + "    achievement: {cap: 130}\n"))[0].indicators[0].version != v1
    band = GOOD.replace("    target: 90", "    target: {lower: 85, upper: 95}")
    assert load_spec_file(write(tmp_path, band))[0].indicators[0].version != v1


@pytest.mark.parametrize("change, path, message", [
    # a band's bounds
    (("    target: 90", "    target: {lower: 105, upper: 95}"), "indicators.0.target.lower",
     "the lower bound 105 is above the upper bound 95"),
    (("    target: 90", "    target: {lower: 95}"), "indicators.0.target.upper", "missing required key 'upper'"),
    (("    target: 90", "    target: {upper: 95}"), "indicators.0.target.lower", "missing required key 'lower'"),
    (("    target: 90", "    target: {lower: 95, upper: 105, mid: 100}"), "indicators.0.target.mid",
     "unknown key 'mid'"),
    (("    target: 90", "    target: {lower: low, upper: 105}"), "indicators.0.target.lower", "finite number"),
    (("    target: 90", "    target: {lower: 0, upper: 105}"), "indicators.0.target.lower", "must be above 0"),
    (("    target: 90", "    target: [95, 105]"), "indicators.0.target", "must be a single value"),
    # a target of 0 only when lower is better
    (("    target: 90", "    target: 0"), "indicators.0.target", "must be above 0 when higher is better"),
    (("    target: 90", "    target: -1"), "indicators.0.target", "must be above 0"),
    # the cap
    (("    target: 90", "    target: 90\n    achievement: {cap: 105}"), "indicators.0.achievement.cap",
     "cap must be between over (110) and 1000, got 105"),
    (("    target: 90", "    target: 90\n    achievement: {cap: 2000}"), "indicators.0.achievement.cap",
     "cap must be between over (110) and 1000, got 2000"),
    (("    target: 90", "    target: 90\n    achievement: {over: 90}"), "indicators.0.achievement.over",
     "over must be between 100 and 1000"),
    (("    target: 90", "    target: 90\n    achievement: {cap: many}"), "indicators.0.achievement.cap",
     "finite number"),
    (("    target: 90", "    target: 90\n    achievement: {cap: null, best: 100}"), "indicators.0.achievement.best",
     "cap is null (uncapped): best has no effect"),
    (("    target: 90", "    target: 90\n    achievement: {best: 80}"), "indicators.0.achievement.best",
     "the target 90 is above the best value 80"),
    (("    target: 90", "    target: 90\n    achievement: {cap: 120, top: 1}"), "indicators.0.achievement.top",
     "unknown key 'top'"),
    (("    target: 90", "    target: 90\n    achievement: 120"), "indicators.0.achievement",
     "must be a mapping"),
])
def test_bad_targets_and_caps_name_their_path(tmp_path, change, path, message):
    old, new = change
    assert old in GOOD
    file = write(tmp_path, GOOD.replace(old, new))
    spec, errors = load_spec_file(file)
    assert spec is None
    match = [e for e in errors if e.path == path and message in e.message]
    assert match, errors
    assert match[0].line is not None and match[0].file == str(file)


def test_a_band_has_no_best_value_and_lower_is_better_may_not_have_a_target_below_it(tmp_path):
    band = GOOD.replace("direction: higher_is_better", "direction: band") + "    achievement: {best: 100}\n"
    spec, errors = load_spec_file(write(tmp_path, band))
    assert spec is None and [(e.path, e.message) for e in errors] == [
        ("indicators.0.achievement.best", "a band has no best value: its ideal is between the bounds")]
    lower = GOOD.replace("direction: higher_is_better", "direction: lower_is_better").replace(
        "    target: 90", "    target: {lower: 1, upper: 3}\n    achievement: {best: 2}")
    spec, errors = load_spec_file(write(tmp_path, lower))
    assert spec is None and "the target 1 is below the best value 2" in errors[0].message
