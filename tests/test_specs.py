"""Spec files: the shipped specs are valid; every bad file gives errors with file, line and key path."""

from pathlib import Path

import pytest

from kinerja.specs.loader import load_spec_file, load_specs

ROOT = Path(__file__).resolve().parent.parent
CALCULATORS = {"pendidikan.apm": lambda v: 0.0, "pendidikan.aps": lambda v: 0.0}

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
    assert {"DISDIK.KELULUSAN", "DISDIK.APK", "DISDIK.APM", "DISDIK.APS", "DISDIK.PUTUS_SEKOLAH",
            "DISDIK.PARTISIPASI_MASYARAKAT", "DPMPTSP.IZIN_TEPAT_WAKTU", "DPMPTSP.RATA_HARI_PROSES"} <= codes


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
