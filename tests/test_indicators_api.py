"""Specs synced as indicators: the indicators, plugins and specErrors queries, reloadSpecs, and the CLI check."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

INDICATORS = """query($agency: String) { indicators(agency: $agency) {
  code name unit direction level version defaultTarget defaultTargetLower defaultTargetUpper
  achievement { cap over best } periods formula calculator agency { code } inputs { name type label min max } } }"""


async def test_reload_syncs_the_shipped_specs_of_existing_agencies(api, world):
    # DISDIK exists in the world; DPMPTSP does not, so its valid spec is reported, not synced
    data = await api.gql("mutation { reloadSpecs { indicators errors { file path message } } }", token=world.admin)
    assert data["reloadSpecs"]["indicators"] == 8
    assert [e["path"] for e in data["reloadSpecs"]["errors"]] == ["agency.code"]
    assert "DPMPTSP does not exist yet" in data["reloadSpecs"]["errors"][0]["message"]
    rows = (await api.gql(INDICATORS, token=world.admin, agency="DISDIK"))["indicators"]
    by_code = {r["code"]: r for r in rows}
    assert sorted(by_code) == ["DISDIK.APK", "DISDIK.APM", "DISDIK.APS_13_15", "DISDIK.APS_16_18", "DISDIK.APS_7_12",
                               "DISDIK.KELULUSAN", "DISDIK.PARTISIPASI_MASYARAKAT", "DISDIK.PUTUS_SEKOLAH"]
    kel = by_code["DISDIK.KELULUSAN"]
    assert (kel["direction"], kel["level"], kel["defaultTarget"], kel["periods"]) == (
        "HIGHER_IS_BETTER", "UNIT", 95.0, ["year"])  # graduation is annual
    assert kel["achievement"] == {"cap": 120.0, "over": 110.0, "best": 100.0}
    assert (kel["defaultTargetLower"], kel["defaultTargetUpper"]) == (None, None)
    apk = by_code["DISDIK.APK"]  # a band around 100: over-age enrolment is not better
    assert (apk["direction"], apk["defaultTarget"], apk["defaultTargetLower"], apk["defaultTargetUpper"]) == (
        "BAND", 100.0, 95.0, 105.0)
    assert apk["achievement"] == {"cap": 120.0, "over": 110.0, "best": None}
    for band, ages in (("7_12", "7-12"), ("13_15", "13-15"), ("16_18", "16-18")):  # one APS per age band
        aps = by_code[f"DISDIK.APS_{band}"]
        assert (aps["formula"], aps["calculator"], [i["name"] for i in aps["inputs"]]) == (
            "in_school / population * 100", None, ["in_school", "population"])
        assert ages in aps["name"]
    assert [i["name"] for i in by_code["DISDIK.APM"]["inputs"]] == ["pupils_in_band", "population_age_band"]
    assert "definisi Dinas" in by_code["DISDIK.PUTUS_SEKOLAH"]["name"]
    assert kel["formula"] == "graduates / final_year_students * 100" and kel["agency"]["code"] == "DISDIK"
    assert kel["inputs"][1] == {"name": "final_year_students", "type": "integer",
                                "label": "Jumlah siswa tingkat akhir", "min": 1.0, "max": None}
    assert by_code["DISDIK.APM"]["calculator"] == "pendidikan.apm"
    assert by_code["DISDIK.PUTUS_SEKOLAH"]["direction"] == "LOWER_IS_BETTER"
    assert len(kel["version"]) == 16


async def test_indicators_are_scoped_and_reload_is_admin_only(api, world):
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    assert (await api.gql(INDICATORS, token=world.dinkes_admin))["indicators"] == []
    assert len((await api.gql(INDICATORS, token=world.disdik_admin))["indicators"]) == 8
    errors = await api.errors("mutation { reloadSpecs { indicators } }", token=world.disdik_admin)
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    errors = await api.errors("{ specErrors { message } }", token=world.teacher)
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


async def test_plugins_query_lists_defaults_and_the_education_plugin(api, world):
    plugins = (await api.gql("{ plugins { name version hooks } }", token=world.teacher))["plugins"]
    by_name = {p["name"]: p for p in plugins}
    assert "kinerja_predikat" in by_name["kinerja.builtin.predikat"]["hooks"]
    assert by_name["pendidikan"]["version"] == "1.1.0"
    assert by_name["pendidikan"]["hooks"] == ["kinerja_calculators", "kinerja_validate_inputs"]


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "kinerja.cli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=60)


def test_specs_check_passes_on_the_shipped_specs():
    out = run("specs", "check")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "10 valid indicator(s), 0 problem(s)" in out.stderr


def test_specs_check_prints_every_problem_and_exits_1(tmp_path):
    (tmp_path / "bad.yaml").write_text(
        "agency: {code: X, name: X}\nindicators:\n  - code: A\n    nmae: typo\n", encoding="utf-8")
    out = run("specs", "check", str(tmp_path))
    assert out.returncode == 1
    lines = out.stdout.strip().splitlines()
    assert any(f"{tmp_path / 'bad.yaml'}:4: indicators.0.nmae: unknown key 'nmae'" in line for line in lines), lines
    assert any("missing required key 'name'" in line for line in lines)
    assert "Traceback" not in out.stderr


def test_plugins_command_lists_name_version_hooks():
    out = run("plugins")
    assert out.returncode == 0, out.stderr
    assert any(line.startswith("pendidikan\t1.1.0\tkinerja_calculators, kinerja_validate_inputs")
               for line in out.stdout.splitlines()), out.stdout


def test_a_misspelt_hook_stops_the_cli_naming_the_file(tmp_path):
    (tmp_path / "typo.py").write_text("from kinerja import hookimpl\n\n@hookimpl\ndef kinerja_calculatorz():\n"
                                      "    return {}\n", encoding="utf-8")
    out = run("plugins", "--plugins-dir", str(tmp_path))
    assert out.returncode == 1 and "typo.py" in out.stderr and "kinerja_calculatorz" in out.stderr
    assert "Traceback" not in out.stderr
