"""Follows the README's "Add your agency's indicators" guide literally, in temporary folders."""

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import start_api, stop_api
from world import NURSE, build_world

ROOT = Path(__file__).resolve().parent.parent


def guide_blocks() -> dict[str, list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Add your agency's indicators", 1)[1].split("\n## ", 1)[0]
    blocks: dict[str, list[str]] = {}
    for lang, body in re.findall(r"```(\w+)\n(.*?)```", section, flags=re.S):
        blocks.setdefault(lang, []).append(textwrap.dedent(body))
    return blocks


def git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout


async def test_the_guide_works_as_written(database_url, tmp_path):
    before = git_status()
    blocks = guide_blocks()
    specs, plugins = tmp_path / "specs", tmp_path / "plugins"
    specs.mkdir(), plugins.mkdir()
    (specs / "dinas-kesehatan.yaml").write_text(blocks["yaml"][0], encoding="utf-8")
    (plugins / "kesehatan.py").write_text(blocks["python"][0], encoding="utf-8")

    check = subprocess.run([sys.executable, "-m", "kinerja.cli", "specs", "check", "--specs-dir", str(specs),
                            "--plugins-dir", str(plugins), str(specs)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr

    api, handles = await start_api(database_url, specs_dirs=(specs,), plugins_dirs=(plugins,))
    try:
        world = await build_world()  # has DINKES, the nurse 198001012005012007 and cycle 2025
        reload = await api.gql("mutation { reloadSpecs { indicators errors { message } } }", token=world.admin)
        assert {"DINKES.IMUNISASI_DASAR", "DINKES.DO_DPT"} <= {
            i["code"] for i in (await api.gql("{ indicators(agency: \"DINKES\") { code } }", token=world.admin))[
                "indicators"]}, reload
        await api.gql("mutation { setCycleStatus(year: 2025, status: ACTIVE) { errors { code } } }", token=world.admin)
        use = next(b for b in blocks["graphql"] if "setTargets" in b)  # step 5's block
        set_targets, record = re.findall(r"(mutation \{.*?\} \} \})", use, flags=re.S)
        assert NURSE in set_targets
        assert (await api.gql(set_targets, token=world.admin))["setTargets"]["errors"] == []
        m = (await api.gql(record, token=world.nurse))["recordMeasurements"]
        assert m["errors"] == []
        assert (m["measurements"][0]["value"], m["measurements"][0]["achievement"],
                m["measurements"][0]["suggestedRating"]) == (95.0, 100.0, "SESUAI_EKSPEKTASI")

        # the plugin's calculator, and its refusal as a clear user error
        t = (await api.gql("""mutation { setTargets(input: [{cycle: 2025, indicator: "DINKES.DO_DPT",
              nip: "%s", workResult: "DO DPT", value: 5}]) { targets { id } errors { code } } }""" % NURSE,
                           token=world.admin))["setTargets"]["targets"][0]["id"]
        q = """mutation($i: JSON!) { recordMeasurements(input: [{target: "%s", period: "2025-Q1", inputs: $i}]) {
               measurements { value achievement } errors { path code message } } }""" % t
        ok = (await api.gql(q, token=world.nurse, i={"dpt1": 100, "dpt3": 96}))["recordMeasurements"]
        # drop-out 4 % against a target of 5 % (lower is better): (2 - 4/5) * 100 = 120
        assert ok["measurements"][0]["value"] == 4.0 and ok["measurements"][0]["achievement"] == 120.0
        bad = (await api.gql(q, token=world.nurse, i={"dpt1": 0, "dpt3": 0}))["recordMeasurements"]
        assert bad["errors"][0]["code"] == "CALCULATION_ERROR"
        assert "no infant received DPT1" in bad["errors"][0]["message"]
    finally:
        await stop_api(handles)
    assert git_status() == before


SPEC = """\
agency: {code: DINKES, name: Dinas Kesehatan}
indicators:
  - code: RASIO
    name: Rasio
    unit: percent
    direction: higher_is_better
    level: person
    periods: [quarter]
    inputs:
      a: {type: number, min: 0}
      b: {type: number, min: 0}
    formula: a / b * 100
    target: 100
"""


async def test_division_by_zero_nan_and_infinity_are_user_errors(database_url, tmp_path):
    (tmp_path / "dinkes.yaml").write_text(SPEC, encoding="utf-8")
    api, handles = await start_api(database_url, specs_dirs=(tmp_path,))
    try:
        world = await build_world()
        await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
        await api.gql("mutation { setCycleStatus(year: 2025, status: ACTIVE) { errors { code } } }", token=world.admin)
        t = (await api.gql("""mutation { setTargets(input: [{cycle: 2025, indicator: "DINKES.RASIO",
              nip: "%s", workResult: "x", value: 100}]) { targets { id } } }""" % NURSE,
                           token=world.admin))["setTargets"]["targets"][0]["id"]
        q = """mutation($i: JSON!) { recordMeasurements(input: [{target: "%s", period: "2025-Q1", inputs: $i}]) {
               measurements { value } errors { path code message } } }""" % t
        zero = (await api.gql(q, token=world.nurse, i={"a": 1, "b": 0}))["recordMeasurements"]
        assert (zero["errors"][0]["code"], zero["errors"][0]["path"]) == (
            "CALCULATION_ERROR", ["input", "0", "inputs"])
        assert "division by zero" in zero["errors"][0]["message"]
        for literal in ("NaN", "Infinity", "-Infinity"):
            body = '{"query": %s, "variables": {"i": {"a": %s, "b": 1}}}' % (json.dumps(q), literal)
            response = await api.client.post("/graphql", content=body, headers={
                "Authorization": f"Bearer {world.nurse}", "Content-Type": "application/json"})
            data = response.json()
            errors = (data.get("data") or {}).get("recordMeasurements", {}).get("errors") or data.get("errors")
            assert errors, data
            assert response.status_code < 500
            assert not (data.get("data") or {}).get("recordMeasurements", {}).get("measurements")
    finally:
        await stop_api(handles)


async def test_an_invalid_spec_file_is_reported_and_the_others_keep_working(database_url, tmp_path):
    (tmp_path / "dinkes.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(SPEC.replace("DINKES", "DISDIK").replace("level: person", "level: planet"),
                                          encoding="utf-8")
    api, handles = await start_api(database_url, specs_dirs=(tmp_path,))
    try:
        world = await build_world()
        await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
        errors = (await api.gql("{ specErrors { file line path message } }", token=world.admin))["specErrors"]
        broken = [e for e in errors if e["file"].endswith("broken.yaml")]
        assert broken == [{"file": str(tmp_path / "broken.yaml"), "line": 7, "path": "indicators.0.level",
                           "message": "must be one of person, unit, agency, got 'planet'"}]
        codes = {i["code"] for i in (await api.gql("{ indicators { code } }", token=world.admin))["indicators"]}
        assert "DINKES.RASIO" in codes and not any(c.startswith("DISDIK.RASIO") for c in codes)
    finally:
        await stop_api(handles)
