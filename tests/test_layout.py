"""The package layout docs/ARCHITECTURE.md describes, and the settings that come from the environment."""

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


def test_cli_flags_override_the_environment_as_the_table_says():
    from kinerja.cli import build_parser
    from kinerja.settings import flag_overrides

    args = build_parser().parse_args(["serve", "--db", "sqlite:///y.sqlite3", "--port", "9001", "--env", "production",
                                      "--specs-dir", "a:b", "--specs-dir", "c", "--host", "0.0.0.0"])
    assert flag_overrides(args) == {"database_url": "sqlite:///y.sqlite3", "env": "production", "host": "0.0.0.0",
                                    "port": 9001, "specs_dirs": (Path("a"), Path("b"), Path("c"))}
    s = Settings.from_env({"KINERJA_PORT": "9000", "KINERJA_PLUGINS_DIR": "p"}, **flag_overrides(args))
    assert (s.port, s.plugins_dirs, s.specs_dirs[-1]) == (9001, (Path("p"),), Path("c"))
    assert flag_overrides(build_parser().parse_args(["migrate"])) == {}


def test_the_environment_a_worker_gets_gives_the_same_settings():
    from kinerja.settings import to_environment

    s = Settings.from_env({"KINERJA_DATABASE_URL": "postgres://u@h/db", "KINERJA_SPECS_DIR": "a:b",
                           "KINERJA_CORS_ORIGINS": "https://x.example, https://y.example",
                           "KINERJA_FEEDBACK_LIMIT": "5", "KINERJA_SESSION_HOURS": "1.5",
                           "KINERJA_CURVE_FILE": "curve.yaml", "KINERJA_SECRET": "k"})
    env = to_environment(s)
    assert (env["KINERJA_FEEDBACK_LIMIT"], env["KINERJA_SECRET"], env["KINERJA_SESSION_HOURS"]) == (
        "5/3600", "k", "1.5")
    assert "KINERJA_PLUGINS_DIR" not in env  # unset settings stay unset
    assert Settings.from_env(env) == s


def test_the_secret_is_a_setting_kept_out_of_the_repr():
    from kinerja.services.core.client_hash import client_hash

    s = Settings.from_env({"KINERJA_SECRET": "s3cr3t-key"})
    assert s.secret == "s3cr3t-key" and "s3cr3t-key" not in repr(s)
    assert Settings().secret == ""
    assert client_hash("10.0.0.1", s.secret) == client_hash("10.0.0.1", "s3cr3t-key")
    assert client_hash("10.0.0.1", s.secret) != client_hash("10.0.0.1", "other")
    # unset: a random key made once per process
    assert client_hash("10.0.0.1", "") == client_hash("10.0.0.1", "") != client_hash("10.0.0.1", s.secret)
