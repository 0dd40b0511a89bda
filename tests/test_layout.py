"""The package layout DESIGN.md fixes, and the settings that come from the environment."""

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja.settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parent.parent


def test_platform_folder_is_not_a_package():
    # platform/__init__.py would shadow the standard library module `platform`
    assert not (ROOT / "platform" / "__init__.py").exists()
    out = subprocess.run([sys.executable, "-c", "import platform, kinerja; print(platform.python_version())"],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ".".join(map(str, sys.version_info[:3]))


def test_layout_folders_exist():
    for folder in ("platform/kinerja/models", "platform/kinerja/migrations", "platform/kinerja/services",
                   "platform/kinerja/graphql", "platform/kinerja/plugins", "platform/kinerja/specs",
                   "plugins", "indicator_specs", "tests", "benchmarks"):
        assert (ROOT / folder).is_dir(), folder
    assert (ROOT / ".ci" / "run").stat().st_mode & 0o111


def test_plugin_authors_import_hookimpl_and_version():
    kinerja = importlib.import_module("kinerja")
    assert kinerja.__version__
    assert kinerja.hookimpl.project_name == "kinerja"


def test_settings_from_environment_and_overrides(tmp_path):
    env = {"KINERJA_DATABASE_URL": "sqlite:///x.sqlite3", "KINERJA_ENV": "production",
           "KINERJA_SPECS_DIR": f"a{':'}b", "KINERJA_PORT": "9000"}
    s = Settings.from_env(env)
    assert (s.database_url, s.env, s.production, s.port) == ("sqlite:///x.sqlite3", "production", True, 9000)
    assert s.specs_dirs == (Path("a"), Path("b"))
    s = Settings.from_env(env, database_url="postgres://u@h/db", port=8100)
    assert (s.database_url, s.port) == ("postgres://u@h/db", 8100)
    s = Settings.from_env({"KINERJA_FEEDBACK_LIMIT": "3/60", "KINERJA_CURVE_FILE": "curve.yaml"})
    assert (s.feedback_limit, s.feedback_window_seconds, s.curve_file) == (3, 60, Path("curve.yaml"))
    assert Settings.from_env({"KINERJA_FEEDBACK_LIMIT": "5"}).feedback_window_seconds == 3600


def test_default_database_is_a_sqlite_file_in_the_working_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert Settings.from_env({}).database_url == f"sqlite://{tmp_path / 'kinerja.sqlite3'}"


@pytest.mark.parametrize("env, message", [
    ({"KINERJA_ENV": "staging"}, "KINERJA_ENV"),
    ({"KINERJA_DATABASE_URL": "mysql://x"}, "database URL"),
    ({"KINERJA_PORT": "eighty"}, "KINERJA_PORT"),
    ({"KINERJA_PORT": "70000"}, "port"),
    ({"KINERJA_FEEDBACK_LIMIT": "many"}, "KINERJA_FEEDBACK_LIMIT"),
    ({"KINERJA_FEEDBACK_LIMIT": "0/60"}, "KINERJA_FEEDBACK_LIMIT"),
])
def test_bad_settings_name_the_setting(env, message):
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)
