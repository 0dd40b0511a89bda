"""Which folders' Python is imported, through the real CLI in a scratch working folder.

Plugins come only from the configured folders (KINERJA_PLUGINS_DIR, --plugins-dir) and the project's bundled
plugins/ (found beside the package). A specs folder (--specs-dir, KINERJA_SPECS_DIR, ./indicator_specs) never runs
Python, and neither does the working folder's ./plugins: `kinerja` started in a folder someone else wrote to used to
import their code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.settings import Settings, bundled_plugin_folders
from test_cli import Server, kinerja

ROOT = Path(__file__).resolve().parent.parent
GOOD_PLUGIN = """\
from kinerja import hookimpl

__version__ = "2.0.0"

@hookimpl
def kinerja_calculators():
    return {"baik.satu": lambda inputs: 1.0}
"""


def planted(tmp_path: Path) -> tuple[Path, Path]:
    """The working folder with ./plugins/evil.py, ./indicator_specs/evil.py and D/evil.py, each of which would
    write the marker file when imported; returns (working folder, marker)."""
    cwd, marker = tmp_path / "work", tmp_path / "IMPORTED"
    for folder in ("plugins", "indicator_specs", "D"):
        (cwd / folder).mkdir(parents=True)
        (cwd / folder / "evil.py").write_text(
            f"from pathlib import Path\nPath({str(marker)!r}).open('a').write({folder!r} + '\\n')\n",
            encoding="utf-8")
    return cwd, marker


@pytest.mark.parametrize("args", [
    ["specs", "check"],
    ["specs", "check", "--specs-dir", "D"],
    ["specs", "check", "D"],
    ["plugins"],
    ["plugins", "--specs-dir", "D"],
])
def test_no_command_imports_the_working_folders_or_a_specs_folders_python(tmp_path, args):
    cwd, marker = planted(tmp_path)
    result = kinerja(*args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert not marker.exists(), marker.read_text()
    if args[0] == "plugins":
        names = [line.split("\t")[0] for line in result.stdout.splitlines()]
        assert "evil" not in names and "pendidikan" in names  # the bundled plugin, found beside the package


def test_specs_dir_from_the_environment_runs_no_python_either(tmp_path):
    cwd, marker = planted(tmp_path)
    result = kinerja("plugins", cwd=cwd, env={"KINERJA_SPECS_DIR": str(cwd / "D")})
    assert result.returncode == 0, result.stderr
    assert not marker.exists(), marker.read_text()


@pytest.mark.slow
def test_serve_with_a_specs_dir_imports_no_python(database_url, tmp_path):
    cwd, marker = planted(tmp_path)
    (cwd / "D" / "disdik.yaml").write_text(
        "agency: {code: DISDIK, name: Dinas Pendidikan}\nindicators:\n"
        "  - {code: X, name: X, unit: '%', direction: higher_is_better, level: person, periods: [year],\n"
        "     inputs: {a: {type: number}}, formula: a}\n", encoding="utf-8")
    server = Server(cwd, "--db", database_url, "--specs-dir", "D")
    try:
        server.wait_until(server.healthy, timeout=30)
    finally:
        server.stop()
    assert "Traceback" not in server.log()
    assert not marker.exists(), marker.read_text()


def test_a_configured_plugins_folder_is_imported(tmp_path):
    cwd, marker = planted(tmp_path)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "baik.py").write_text(GOOD_PLUGIN, encoding="utf-8")
    for how in ({"args": ["--plugins-dir", str(mine)]}, {"env": {"KINERJA_PLUGINS_DIR": str(mine)}}):
        result = kinerja("plugins", *how.get("args", []), cwd=cwd, env=how.get("env"))
        assert result.returncode == 0, result.stderr
        assert "baik\t2.0.0\tkinerja_calculators" in result.stdout.splitlines(), result.stdout
    assert not marker.exists(), marker.read_text()


def test_plugin_folders_are_the_bundled_and_the_configured_ones_only(tmp_path, monkeypatch):
    cwd, _ = planted(tmp_path)
    monkeypatch.chdir(cwd)
    mine = tmp_path / "mine"
    mine.mkdir()
    settings = Settings(specs_dirs=(Path("D"),), plugins_dirs=(mine,))
    assert bundled_plugin_folders() == [ROOT / "plugins"]
    assert [p.resolve() for p in settings.plugin_folders()] == [ROOT / "plugins", mine]
    assert [p.resolve() for p in settings.spec_folders()] == [cwd / "indicator_specs", cwd / "D"]  # YAML only
