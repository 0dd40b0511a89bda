"""One Settings object, read from the environment; CLI flags override it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_DB_FILE = "kinerja.sqlite3"
ENVIRONMENTS = ("development", "production")


class SettingsError(ValueError):
    """A setting has a value Kinerja cannot use; the message names the setting."""


def default_database_url() -> str:
    return f"sqlite://{Path.cwd() / DEFAULT_DB_FILE}"


def _split_paths(value: str | None) -> tuple[Path, ...]:
    if not value:
        return ()
    return tuple(Path(part) for part in value.split(os.pathsep) if part)


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=default_database_url)
    env: str = "development"
    specs_dirs: tuple[Path, ...] = ()
    plugins_dirs: tuple[Path, ...] = ()
    host: str = "127.0.0.1"
    port: int = 8000
    # GraphQL guards (always on, whatever the environment)
    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000
    max_page_size: int = 100
    # HTTP guards of /graphql: body size cap (KINERJA_MAX_BODY_BYTES), time limit per request (KINERJA_REQUEST_TIMEOUT)
    max_body_bytes: int = 512 * 1024
    request_timeout_seconds: float = 30.0
    cors_origins: tuple[str, ...] = ()
    # public survey: answers accepted per client address within the window (KINERJA_FEEDBACK_LIMIT, e.g. "10/3600")
    feedback_limit: int = 10
    feedback_window_seconds: int = 3600
    # sign-in: a session token lasts this long (KINERJA_SESSION_HOURS); failed sign-ins for one NIP are slowed
    # after 3 and locked for login_lock_seconds after login_lock_failures (KINERJA_LOGIN_LOCK, "10/900"); one client
    # address gets five times as many (an office's people share one address)
    session_hours: float = 8.0
    login_lock_failures: int = 10
    login_lock_seconds: int = 900
    # the distribution curve's thresholds: a YAML file replacing the defaults of DOMAIN.md (KINERJA_CURVE_FILE)
    curve_file: Path | None = None
    # once started, move what start-up built out of the garbage collector's generations (gc.freeze): full
    # collections under load then walk only what requests allocate. The tests, which start an app per test in
    # one process, turn it off: its gc.collect would walk their whole heap each time.
    freeze_gc: bool = True

    @property
    def production(self) -> bool:
        return self.env == "production"

    def plugin_folders(self) -> list[Path]:
        """./plugins and ./indicator_specs of the working folder when they exist, then the named ones."""
        return _existing([Path("plugins"), Path("indicator_specs"), *self.plugins_dirs, *self.specs_dirs])

    def spec_folders(self) -> list[Path]:
        """./indicator_specs of the working folder when it exists, then the named ones."""
        return _existing([Path("indicator_specs"), *self.specs_dirs])

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> "Settings":
        """Settings from KINERJA_* variables; keyword overrides (CLI flags) win when not None."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        if env.get("KINERJA_DATABASE_URL"):
            values["database_url"] = env["KINERJA_DATABASE_URL"]
        if env.get("KINERJA_ENV"):
            values["env"] = env["KINERJA_ENV"]
        if env.get("KINERJA_SPECS_DIR"):
            values["specs_dirs"] = _split_paths(env["KINERJA_SPECS_DIR"])
        if env.get("KINERJA_PLUGINS_DIR"):
            values["plugins_dirs"] = _split_paths(env["KINERJA_PLUGINS_DIR"])
        if env.get("KINERJA_HOST"):
            values["host"] = env["KINERJA_HOST"]
        if env.get("KINERJA_PORT"):
            values["port"] = _parse_port(env["KINERJA_PORT"], "KINERJA_PORT")
        if env.get("KINERJA_CORS_ORIGINS"):
            values["cors_origins"] = tuple(o.strip() for o in env["KINERJA_CORS_ORIGINS"].split(",") if o.strip())
        if env.get("KINERJA_FEEDBACK_LIMIT"):
            values["feedback_limit"], values["feedback_window_seconds"] = _parse_limit(
                env["KINERJA_FEEDBACK_LIMIT"], "KINERJA_FEEDBACK_LIMIT")
        if env.get("KINERJA_SESSION_HOURS"):
            values["session_hours"] = _parse_number(env["KINERJA_SESSION_HOURS"], "KINERJA_SESSION_HOURS", float)
        if env.get("KINERJA_LOGIN_LOCK"):
            values["login_lock_failures"], values["login_lock_seconds"] = _parse_limit(
                env["KINERJA_LOGIN_LOCK"], "KINERJA_LOGIN_LOCK")
        if env.get("KINERJA_CURVE_FILE"):
            values["curve_file"] = Path(env["KINERJA_CURVE_FILE"])
        if env.get("KINERJA_MAX_BODY_BYTES"):
            values["max_body_bytes"] = _parse_number(env["KINERJA_MAX_BODY_BYTES"], "KINERJA_MAX_BODY_BYTES", int)
        if env.get("KINERJA_REQUEST_TIMEOUT"):
            values["request_timeout_seconds"] = _parse_number(env["KINERJA_REQUEST_TIMEOUT"], "KINERJA_REQUEST_TIMEOUT",
                                                              float)
        for key, value in overrides.items():
            if value is None or value == ():
                continue
            values[key] = value
        settings = replace(cls(), **values)
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.env not in ENVIRONMENTS:
            raise SettingsError(f"KINERJA_ENV must be one of {', '.join(ENVIRONMENTS)}, got {self.env!r}")
        if not self.database_url.startswith(("sqlite://", "postgres://", "postgresql://", "asyncpg://")):
            raise SettingsError(
                f"database URL must start with sqlite://, postgres:// or postgresql://, got {self.database_url!r}"
            )
        if not 0 < self.port < 65536:
            raise SettingsError(f"port must be 1-65535, got {self.port}")
        if self.max_body_bytes < 1024:
            raise SettingsError(f"KINERJA_MAX_BODY_BYTES must be at least 1024, got {self.max_body_bytes}")
        if not 0 < self.request_timeout_seconds <= 3600:
            raise SettingsError(f"KINERJA_REQUEST_TIMEOUT must be more than 0 and at most 3600 seconds, got "
                                f"{self.request_timeout_seconds:g}")
        if self.feedback_limit < 1 or self.feedback_window_seconds < 1:
            raise SettingsError("KINERJA_FEEDBACK_LIMIT must allow at least 1 answer in at least 1 second, got "
                                f"{self.feedback_limit}/{self.feedback_window_seconds}")
        if not 0 < self.session_hours <= 720:
            raise SettingsError(f"KINERJA_SESSION_HOURS must be more than 0 and at most 720, got {self.session_hours:g}")
        if not 4 <= self.login_lock_failures <= 1000 or not 1 <= self.login_lock_seconds <= 86400:
            raise SettingsError("KINERJA_LOGIN_LOCK must lock after 4-1000 failures for 1-86400 seconds, got "
                                f"{self.login_lock_failures}/{self.login_lock_seconds}")


def _existing(paths: list[Path]) -> list[Path]:
    seen: dict[Path, Path] = {}
    for path in paths:
        if path.exists():
            seen.setdefault(path.resolve(), path)
    return list(seen.values())


def _parse_limit(value: str, name: str) -> tuple[int, int]:
    """"COUNT/SECONDS", e.g. "10/3600": at most COUNT within SECONDS."""
    count, _, seconds = value.partition("/")
    try:
        return int(count), int(seconds or 3600)
    except ValueError:
        raise SettingsError(f"{name} must be COUNT/SECONDS, e.g. 10/3600, got {value!r}") from None


def _parse_port(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {value!r}") from None


def _parse_number(value: str, name: str, kind: type) -> Any:
    try:
        return kind(value)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {value!r}") from None
