"""YAML tags in spec files and the curve file: an ordinary problem with file and line, never an exception.

A scalar tagged `!!python/name:os.system` used to reach PyYAML's SafeConstructor, whose ConstructorError nobody
caught: `specs check` printed a traceback, `serve` exited 1, `reloadSpecs` answered INTERNAL, and one agency's
broken file took every other agency's specs with it. Only YAML's plain types are read; any other tag, on a value, a
key, a mapping or a list, is the file's problem, and the other files keep working.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import start_api, stop_api
from kinerja.services.evaluation.curve import CurveFileError, load_rules
from kinerja.specs.loader import load_spec_file
from kinerja.specs.yaml_reader import LOADER, InvalidNode, NodeReader
from test_add_agency_guide import SPEC
from test_cli import Server, kinerja
from world import build_world

GOOD = SPEC  # the agency guide's DINKES spec: one valid file beside the tagged one
TAGGED = GOOD.replace("DINKES", "DISDIK").replace("Dinas Kesehatan", "Dinas Pendidikan").replace(
    "    name: Rasio\n", "    name: !!python/name:os.system ''\n")
TAG_MESSAGE = "unsupported YAML tag '!!python/name:os.system': write the value without a tag"


def spec_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "dinkes.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "disdik.yaml").write_text(TAGGED, encoding="utf-8")
    return folder


def test_specs_check_reports_a_tag_with_file_and_line(tmp_path):
    folder = spec_folder(tmp_path)
    result = kinerja("specs", "check", str(folder), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.splitlines() == [f"{folder / 'disdik.yaml'}:4: indicators.0.name: {TAG_MESSAGE}"]
    assert "2 file(s), 1 valid indicator(s), 1 problem(s)" in result.stderr


@pytest.mark.slow
def test_serve_starts_with_a_tagged_spec_and_serves_the_others(database_url, tmp_path):
    folder = spec_folder(tmp_path)
    server = Server(tmp_path, "--db", database_url, "--specs-dir", str(folder))
    try:
        server.wait_until(server.healthy, timeout=30)
    finally:
        server.stop()
    assert "Traceback" not in server.log()
    assert f"{folder / 'disdik.yaml'}:4: indicators.0.name: {TAG_MESSAGE}" in server.log()


async def test_reload_specs_lists_a_tagged_file_and_keeps_the_other_agencies(database_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./indicator_specs: DISDIK is this test's own
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "dinkes.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "disdik.yaml").write_text(TAGGED.replace("!!python/name:os.system ''", "Rasio"), encoding="utf-8")
    api, handles = await start_api(database_url, specs_dirs=(folder,))
    try:
        world = await build_world()
        mine = lambda errors: [e for e in errors if e["file"].startswith(str(folder))]  # noqa: E731
        first = await api.gql("mutation { reloadSpecs { indicators errors { file } } }", token=world.admin)
        assert mine(first["reloadSpecs"]["errors"]) == []
        (folder / "disdik.yaml").write_text(TAGGED, encoding="utf-8")
        reload = await api.gql("mutation { reloadSpecs { indicators errors { file line path message } } }",
                               token=world.admin)
        expected = {"file": str(folder / "disdik.yaml"), "line": 4, "path": "indicators.0.name",
                    "message": TAG_MESSAGE}
        assert mine(reload["reloadSpecs"]["errors"]) == [expected]
        listed = (await api.gql("{ specErrors { file line path message } }", token=world.admin))["specErrors"]
        assert mine(listed) == [expected]
        codes = {i["code"] for i in (await api.gql("{ indicators { code } }", token=world.admin))["indicators"]}
        assert "DINKES.RASIO" in codes
    finally:
        await stop_api(handles)


CURVE = """\
ISTIMEWA:
  - predikat: SANGAT_BAIK
    max_percent: !!python/object/new:os.system "true"
  - predikat: !!python/name:os.system ''
    min_count: 1
"""


def test_a_tagged_curve_file_is_a_curve_file_error_naming_file_and_line(tmp_path):
    path = tmp_path / "curve.yaml"
    path.write_text(CURVE, encoding="utf-8")
    with pytest.raises(CurveFileError) as caught:
        load_rules(path)
    assert [str(e) for e in caught.value.errors if "tag" in e.message] == [
        f"{path}:3: ISTIMEWA.0.max_percent: unsupported YAML tag '!!python/object/new:os.system': "
        "write the value without a tag",
        f"{path}:4: ISTIMEWA.1.predikat: {TAG_MESSAGE}"]


def test_serve_refuses_a_tagged_curve_file_in_one_line(tmp_path):
    path = tmp_path / "curve.yaml"
    path.write_text(CURVE, encoding="utf-8")
    result = kinerja("serve", "--db", f"sqlite://{tmp_path / 'k.sqlite3'}", env={"KINERJA_CURVE_FILE": str(path)})
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{path}:3: ISTIMEWA.0.max_percent: unsupported YAML tag" in result.stderr
    assert not (tmp_path / "k.sqlite3").exists()


@pytest.mark.parametrize("text, line, path, message", [
    ("a: !!binary aGVsbG8=", 1, "a", "unsupported YAML tag '!!binary'"),
    ("a: !custom x", 1, "a", "unsupported YAML tag '!custom'"),
    ("a: !!int abc", 1, "a", "'abc' is not a valid !!int value"),
    ("a: !!float x", 1, "a", "'x' is not a valid !!float value"),
    ("a: !!timestamp nope", 1, "a", "'nope' is not a valid !!timestamp value"),
])
def test_a_tagged_scalar_is_a_collected_error(text, line, path, message):
    reader = NodeReader("x.yaml")
    root = yaml.compose(text, Loader=LOADER)
    with pytest.raises(InvalidNode):
        reader.scalar(root.value[0][1], [path])
    assert [(e.line, e.path) for e in reader.errors] == [(line, path)]
    assert reader.errors[0].message.startswith(message), reader.errors[0].message


def test_tags_on_keys_mappings_and_lists_are_errors_too(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(GOOD.replace("    unit: percent", "    !!python/name:os.system unit: percent")
                    .replace("periods: [quarter]", "periods: !!python/tuple [quarter]")
                    .replace("      a: {type", "      a: !!python/object:x {type")
                    .replace("agency: {code", "agency: !!set {code"), encoding="utf-8")
    spec, errors = load_spec_file(path)
    assert spec is None
    tagged = sorted((e.line, e.path, e.message.split(":", 1)[0]) for e in errors if "YAML tag" in e.message)
    assert tagged == [(1, "agency", "unsupported YAML tag '!!set'"),
                      (5, "indicators.0.unit", "unsupported YAML tag '!!python/name"),
                      (8, "indicators.0.periods", "unsupported YAML tag '!!python/tuple'"),
                      (10, "indicators.0.inputs.a", "unsupported YAML tag '!!python/object")], errors
