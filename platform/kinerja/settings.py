"""One Settings object, read from the environment; CLI flags override it.

Every setting is defined once, as a row of SETTINGS: the Settings attribute(s) it fills, their type and default,
the KINERJA_* variable it is read from, the CLI flag that overrides it, how its text is parsed and checked, and
what README.md's configuration table says of it (tests/test_docs.py holds the README to the table). The Settings
dataclass, Settings.from_env, Settings.validate, flag_overrides (the CLI flags) and to_environment (what `kinerja
serve` hands its workers) are all derived from the rows.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

DEFAULT_DB_FILE = "kinerja.sqlite3"
ENVIRONMENTS = ("development", "production")
DATABASE_SCHEMES = ("sqlite://", "postgres://", "postgresql://", "asyncpg://")


class SettingsError(ValueError):
    """A setting has a value Kinerja cannot use; the message names the setting."""


def default_database_url() -> str:
    return f"sqlite://{Path.cwd() / DEFAULT_DB_FILE}"


# -- reading a variable's text: (text, name of the variable or flag) -> value; unusable text is a SettingsError ----

def _text(value: str, name: str) -> str:
    return value


def _date_or_empty(value: str, name: str) -> str:
    """"" (the real date) or an ISO date YYYY-MM-DD."""
    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise SettingsError(f"{name} must be a date YYYY-MM-DD or empty, got {value!r}") from None
    return value


def _number(kind: type) -> Callable[[str, str], Any]:
    def parse(value: str, name: str) -> Any:
        try:
            return kind(value)
        except ValueError:
            raise SettingsError(f"{name} must be a number, got {value!r}") from None
    return parse


def _split_paths(value: str | None) -> tuple[Path, ...]:
    if not value:
        return ()
    return tuple(Path(part) for part in value.split(os.pathsep) if part)


def _paths(value: str, name: str) -> tuple[Path, ...]:
    return _split_paths(value)


def _path(value: str, name: str) -> Path:
    return Path(value)


def _origins(value: str, name: str) -> tuple[str, ...]:
    return tuple(o.strip() for o in value.split(",") if o.strip())


def _network(text: str) -> bool:
    try:
        ipaddress.ip_network(text, strict=False)
    except ValueError:
        return False
    return True


def _proxies(value: str, name: str) -> tuple[str, ...]:
    """Comma-separated IP addresses or networks (CIDR), e.g. "127.0.0.1,10.0.0.0/8"."""
    proxies = _origins(value, name)
    for proxy in proxies:
        if not _network(proxy):
            raise SettingsError(f"{name} takes comma-separated IP addresses or networks (CIDR, e.g. 10.0.0.0/8); "
                                f"{proxy!r} is neither")
    return proxies


def _limit(value: str, name: str) -> tuple[int, int]:
    """"COUNT/SECONDS", e.g. "10/3600": at most COUNT within SECONDS (3600 when only COUNT is given)."""
    count, _, seconds = value.partition("/")
    try:
        return int(count), int(seconds or 3600)
    except ValueError:
        raise SettingsError(f"{name} must be COUNT/SECONDS, e.g. 10/3600, got {value!r}") from None


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _bool(value: str, name: str) -> bool:
    """true/false (also 1/0, yes/no, on/off)."""
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SettingsError(f"{name} must be true or false, got {value!r}")


# the unit-head rule's default (docs/DOMAIN.md, "The unit-head rule": an assumption): a unit's organisation predikat
# -> its head's suggested results rating
UNIT_HEAD_RATINGS: tuple[tuple[str, str], ...] = (
    ("ISTIMEWA", "DI_ATAS_EKSPEKTASI"), ("BAIK", "SESUAI_EKSPEKTASI"), ("BUTUH_PERBAIKAN", "DI_BAWAH_EKSPEKTASI"),
    ("KURANG", "DI_BAWAH_EKSPEKTASI"), ("SANGAT_KURANG", "DI_BAWAH_EKSPEKTASI"))


def _unit_head_ratings(value: str, name: str) -> tuple[tuple[str, str], ...]:
    """"ORG=RATING,..." naming each of the five organisation predikat once, e.g.
    "ISTIMEWA=DI_ATAS_EKSPEKTASI,BAIK=SESUAI_EKSPEKTASI,...", in the order of the organisation predikat."""
    from kinerja.plugins.values import Expectation, OrgPredikat

    orgs, ratings = [o.value for o in OrgPredikat], [e.value for e in Expectation]
    found: dict[str, str] = {}
    for part in (x.strip() for x in value.split(",")):
        org, sep, rating = (x.strip().upper() for x in part.partition("="))
        if not sep or org not in orgs or rating not in ratings:
            raise SettingsError(f"{name} takes ORG=RATING pairs, comma-separated, ORG one of {', '.join(orgs)} and "
                                f"RATING one of {', '.join(ratings)}; {part!r} is not one")
        if org in found:
            raise SettingsError(f"{name} names {org} twice")
        found[org] = rating
    missing = [o for o in orgs if o not in found]
    if missing:
        raise SettingsError(f"{name} must name every organisation predikat; missing: {', '.join(missing)}")
    return tuple((o, found[o]) for o in orgs)


# credit points (docs/DOMAIN.md, "Credit points"): the annual predikat -> the share (%) of the functional post's
# annual coefficient it earns (PermenPANRB 1/2023's conversion)
CREDIT_POINT_PERCENTAGES: tuple[tuple[str, int], ...] = (
    ("SANGAT_BAIK", 150), ("BAIK", 100), ("BUTUH_PERBAIKAN", 75), ("KURANG_MISCONDUCT", 50), ("SANGAT_KURANG", 25))
CREDIT_PERCENT_MAX = 1000


def _credit_percentages(value: str, name: str) -> tuple[tuple[str, int], ...]:
    """"PREDIKAT=PERCENT,..." naming each of the five predikat once, e.g. "SANGAT_BAIK=150,BAIK=100,...", PERCENT a
    whole number 0-1000, in the order of the predikat."""
    from kinerja.plugins.values import Predikat

    predikats = [p.value for p in Predikat]
    found: dict[str, int] = {}
    for part in (x.strip() for x in value.split(",")):
        predikat, sep, percent = (x.strip().upper() for x in part.partition("="))
        if not sep or predikat not in predikats or not percent.isdigit() or int(percent) > CREDIT_PERCENT_MAX:
            raise SettingsError(f"{name} takes PREDIKAT=PERCENT pairs, comma-separated, PREDIKAT one of "
                                f"{', '.join(predikats)} and PERCENT a whole number 0-{CREDIT_PERCENT_MAX}; "
                                f"{part!r} is not one")
        if predikat in found:
            raise SettingsError(f"{name} names {predikat} twice")
        found[predikat] = int(percent)
    missing = [p for p in predikats if p not in found]
    if missing:
        raise SettingsError(f"{name} must name every predikat; missing: {', '.join(missing)}")
    return tuple((p, found[p]) for p in predikats)


# -- writing a value back as the variable's text (the inverse of its parse) ---------------------------------------

def _plain(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _joined_paths(paths: tuple[Path, ...]) -> str:
    return os.pathsep.join(str(p) for p in paths)


def _joined_origins(origins: tuple[str, ...]) -> str:
    return ",".join(origins)


def _pairs_text(pairs: tuple[tuple[str, str], ...]) -> str:
    return ",".join(f"{a}={b}" for a, b in pairs)


def _bool_text(value: bool) -> str:
    return "true" if value else "false"


def _limit_text(count: int, seconds: int) -> str:
    return f"{count}/{seconds}"


def _unset(values: tuple[Any, ...]) -> bool:
    return all(v is None or v == () or v == "" for v in values)


@dataclass(frozen=True)
class Setting:
    """One row of SETTINGS.

    attr, type and default name one Settings attribute, or a tuple of each for a variable that fills several
    (KINERJA_FEEDBACK_LIMIT: count and seconds); a callable default is a factory. env is the KINERJA_* variable
    (None: set in code only), flag the CLI option that overrides it (its argparse dest is the flag's name with
    `_` for `-`). parse turns the variable's or flag's text into the value (a tuple for several attributes), write
    turns it back. valid(*values) must hold, else SettingsError(error.format(*values)). The README's default
    is shown, else the default as written for the variable ("none" when unset), then the note; about is the
    README's meaning. private keeps the value out of the repr.
    """

    attr: str | tuple[str, ...]
    type: Any
    default: Any
    env: str | None = None
    flag: str | None = None
    parse: Callable[[str, str], Any] = _text
    write: Callable[..., str] = _plain
    valid: Callable[..., bool] | None = None
    error: str = ""
    shown: str | None = None
    note: str = ""
    about: str = ""
    private: bool = False

    @property
    def attrs(self) -> tuple[str, ...]:
        return self.attr if isinstance(self.attr, tuple) else (self.attr,)

    def dataclass_fields(self) -> list[tuple[str, Any, Any]]:
        """(attribute, type, dataclass field) of each attribute the row fills."""
        several = isinstance(self.attr, tuple)
        types = self.type if several else (self.type,)
        defaults = self.default if several else (self.default,)
        return [(name, kind, field(default_factory=default, repr=not self.private) if callable(default)
                 else field(default=default, repr=not self.private))
                for name, kind, default in zip(self.attrs, types, defaults)]

    @property
    def flag_dest(self) -> str | None:
        return self.flag.lstrip("-").replace("-", "_") if self.flag else None

    def values(self, settings: Any) -> tuple[Any, ...]:
        return tuple(getattr(settings, name) for name in self.attrs)

    def assign(self, value: Any) -> dict[str, Any]:
        """attribute -> value, from what parse returned."""
        return dict(zip(self.attrs, value)) if isinstance(self.attr, tuple) else {self.attr: value}

    def read(self, text: str, name: str | None = None) -> dict[str, Any]:
        return self.assign(self.parse(text, name or self.env or self.flag or self.attrs[0]))

    def problem(self, settings: Any) -> str | None:
        values = self.values(settings)
        if self.valid is None or self.valid(*values):
            return None
        return self.error.format(*values)

    def text(self, settings: Any) -> str | None:
        """The variable's text for these settings; None when the setting is unset (None, empty)."""
        values = self.values(settings)
        return None if _unset(values) else self.write(*values)

    @property
    def documented_default(self) -> str:
        """The default as README.md's configuration table writes it."""
        defaults = self.default if isinstance(self.attr, tuple) else (self.default,)
        if self.shown is not None:
            shown = self.shown
        elif _unset(defaults):
            shown = "none"
        else:
            shown = f"`{self.write(*defaults)}`"
        return f"{shown} {self.note}" if self.note else shown


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", str, default_database_url, "KINERJA_DATABASE_URL", flag="--db",
            valid=lambda url: url.startswith(DATABASE_SCHEMES),
            error="database URL must start with sqlite://, postgres:// or postgresql://, got {0!r}",
            shown=f"`sqlite://<cwd>/{DEFAULT_DB_FILE}`",
            about="`sqlite:///path/file.sqlite3` or `postgres://user:pass@host:5432/db`"),
    Setting("env", str, "development", "KINERJA_ENV", flag="--env",
            valid=lambda env: env in ENVIRONMENTS,
            error=f"KINERJA_ENV must be one of {', '.join(ENVIRONMENTS)}, got {{0!r}}",
            about="`production`: no GraphiQL, no introspection, no suggestions (\"Did you mean ...?\") in error "
                  "messages, internal errors masked (logged with a request id)"),
    Setting("trusted_documents", str, "allow", "KINERJA_TRUSTED_DOCUMENTS",
            valid=lambda mode: mode in ("allow", "only"),
            error="KINERJA_TRUSTED_DOCUMENTS must be allow or only, got {0!r}",
            about="`only`: /graphql runs the console's documents of the committed manifest only (sent by "
                  "`documentId`), refusing any other document before parsing it (`TRUSTED_DOCUMENT_REQUIRED`); "
                  "`allow`: a `documentId` or a `query`"),
    Setting("specs_dirs", tuple[Path, ...], (), "KINERJA_SPECS_DIR", flag="--specs-dir", parse=_paths,
            write=_joined_paths,
            about="extra folders of indicator specs (repeatable, or `:`-separated)"),
    Setting("plugins_dirs", tuple[Path, ...], (), "KINERJA_PLUGINS_DIR", flag="--plugins-dir", parse=_paths,
            write=_joined_paths,
            about="extra folders of agency plugins (repeatable, or `:`-separated)"),
    Setting("host", str, "127.0.0.1", "KINERJA_HOST", flag="--host",
            about="address to listen on"),
    Setting("port", int, 8000, "KINERJA_PORT", flag="--port", parse=_number(int),
            valid=lambda port: 0 < port < 65536, error="port must be 1-65535, got {0}",
            about="port"),
    # GraphQL guards (always on, whatever the environment)
    Setting("max_depth", int, 10, about="deepest query, fragments counted at each spread"),
    Setting("max_aliases", int, 30, about="most aliases in a query, fragments counted at each spread"),
    Setting("max_tokens", int, 2000, about="most tokens in a GraphQL document"),
    Setting("max_page_size", int, 100, about="largest page (`first`) of a connection"),
    Setting("export_max_rows", int, 100_000, "KINERJA_EXPORT_MAX_ROWS", parse=_number(int),
            valid=lambda n: 1 <= n <= 1_000_000, error="KINERJA_EXPORT_MAX_ROWS must be between 1 and 1000000, got {0}",
            about="most rows a console list's file holds (`/exports/<list>.csv` and `.xlsx`: objections, audit events, "
                  "work log, measurements); a longer list is refused with `EXPORT_TOO_LARGE`, never cut short"),
    Setting("max_query_cost", int, 50_000, "KINERJA_MAX_QUERY_COST", parse=_number(int),
            valid=lambda cost: cost >= 1, error="KINERJA_MAX_QUERY_COST must be at least 1, got {0}",
            about="most objects a query may resolve: its cost, each list counted at its bound (`first` or its "
                  "maximum) and nested lists multiplied, is checked before any resolver runs (over it: "
                  "`QUERY_TOO_COSTLY`); the objects resolved are counted again while it runs"),
    # HTTP guards of /graphql
    Setting("max_body_bytes", int, 512 * 1024, "KINERJA_MAX_BODY_BYTES", parse=_number(int),
            valid=lambda size: size >= 1024, error="KINERJA_MAX_BODY_BYTES must be at least 1024, got {0}",
            note="(512 KiB)",
            about="largest request body `/graphql` reads (at least 1024); a larger one, with or without "
                  "Content-Length, gets 413 `BODY_TOO_LARGE`"),
    Setting("request_timeout_seconds", float, 30.0, "KINERJA_REQUEST_TIMEOUT", parse=_number(float),
            valid=lambda seconds: 0 < seconds <= 3600,  # NaN fails this too
            error="KINERJA_REQUEST_TIMEOUT must be more than 0 and at most 3600 seconds, got {0:g}",
            about="seconds a `/graphql` request may run (more than 0, at most 3600); then its work is cancelled, "
                  "an unfinished write rolled back, and the answer is 504 `TIMEOUT`"),
    Setting("cors_origins", tuple[str, ...], (), "KINERJA_CORS_ORIGINS", parse=_origins, write=_joined_origins,
            about="comma-separated origins allowed to call the API from a browser"),
    Setting("trusted_proxies", tuple[str, ...], (), "KINERJA_TRUSTED_PROXIES", parse=_proxies,
            write=_joined_origins, valid=lambda proxies: all(_network(p) for p in proxies),
            error="KINERJA_TRUSTED_PROXIES takes IP addresses or networks (CIDR) only, got {0!r}",
            about="comma-separated addresses or networks (CIDR) of reverse proxies whose `X-Forwarded-For` and "
                  "`X-Forwarded-Proto` are believed; from any other peer (and from every peer when unset) they are "
                  "ignored and the client is the connection's address (see [Behind a reverse proxy]"
                  "(#behind-a-reverse-proxy))"),
    Setting(("feedback_limit", "feedback_window_seconds"), (int, int), (10, 3600), "KINERJA_FEEDBACK_LIMIT",
            parse=_limit, write=_limit_text,
            valid=lambda count, seconds: count >= 1 and seconds >= 1,
            error="KINERJA_FEEDBACK_LIMIT must allow at least 1 answer in at least 1 second, got {0}/{1}",
            about="public survey submissions taken from one client address per window, refused ones included: "
                  "`COUNT/SECONDS`"),
    # sign-in: failed sign-ins for one NIP are slowed after 3 and locked after the count; one client address gets
    # five times as many (an office's people share one address)
    Setting("session_hours", float, 8.0, "KINERJA_SESSION_HOURS", parse=_number(float),
            valid=lambda hours: 0 < hours <= 720,
            error="KINERJA_SESSION_HOURS must be more than 0 and at most 720, got {0:g}",
            about="how long a console sign-in (a `login` session token) lasts (more than 0, at most 720)"),
    Setting(("login_lock_failures", "login_lock_seconds"), (int, int), (10, 900), "KINERJA_LOGIN_LOCK",
            parse=_limit, write=_limit_text,
            valid=lambda failures, seconds: 4 <= failures <= 1000 and 1 <= seconds <= 86400,
            error="KINERJA_LOGIN_LOCK must lock after 4-1000 failures for 1-86400 seconds, got {0}/{1}",
            about="failed sign-ins for one NIP from one client address before that address is locked out of it, "
                  "and the lock's seconds: `COUNT/SECONDS`; one client address may fail five times as often across "
                  "NIPs; from many addresses a NIP is only slowed, never locked (see [Web console](#web-console))"),
    Setting("curve_file", Path | None, None, "KINERJA_CURVE_FILE", parse=_path,
            note="(docs/DOMAIN.md's table)",
            about="YAML file replacing the distribution-curve rules; checked at start"),
    Setting("unit_head_ratings", tuple[tuple[str, str], ...], UNIT_HEAD_RATINGS, "KINERJA_UNIT_HEAD_RATINGS",
            parse=_unit_head_ratings, write=_pairs_text,
            about="the unit-head rule: a unit's organisation predikat -> its head's suggested results rating, "
                  "`ORG=RATING` for each of the five predikat, comma-separated (an assumption, docs/DOMAIN.md)"),
    Setting("credit_point_percentages", tuple[tuple[str, int], ...], CREDIT_POINT_PERCENTAGES,
            "KINERJA_CREDIT_POINT_PERCENTAGES", parse=_credit_percentages, write=_pairs_text,
            about="credit points: the annual predikat -> the percentage of the functional post's annual coefficient "
                  "it earns, `PREDIKAT=PERCENT` for each of the five predikat, comma-separated (PermenPANRB 1/2023; "
                  "docs/DOMAIN.md, \"Credit points\")"),
    # once started, move what start-up built out of the garbage collector's generations (gc.freeze): full
    # collections under load then walk only what requests allocate. The tests, which start an app per test in one
    # process, turn it off: its gc.collect would walk their whole heap each time.
    Setting("freeze_gc", bool, True,
            about="gc.freeze what start-up built; full collections between large answers (graphql/pacing.py)"),
    # the key of the client addresses' hash (services/core/client_hash.py); "" is a random key made once per
    # process, and `kinerja serve` makes one for all its workers
    # the platform's clock (services/core/clock.py): every rule that reads today's date reads it from here
    Setting("today", str, "", "KINERJA_TODAY", parse=_date_or_empty, shown="the real date",
            about="pin the platform's date (YYYY-MM-DD) for the demo and tests; timestamps stay real"),
    Setting("objection_days", int, 14, "KINERJA_OBJECTION_DAYS", parse=_number(int),
            valid=lambda days: 1 <= days <= 365, error="KINERJA_OBJECTION_DAYS must be 1-365, got {0}",
            about="days after a rating is finalized in which the employee may object to it (PP 30/2019 art. 59)"),
    Setting("min_development_hours", int, 20, "KINERJA_MIN_DEVELOPMENT_HOURS", parse=_number(int),
            valid=lambda n: 0 <= n <= 200, error="KINERJA_MIN_DEVELOPMENT_HOURS must be 0-200, got {0}",
            about="JP (jam pelajaran) of competency development every employee is to have a year (PP 11/2017 as "
                  "amended by PP 17/2020, art. 203: at least 20); `developmentHours` counts confirmed actions "
                  "against it"),
    Setting("survey_min_group", int, 5, "KINERJA_SURVEY_MIN_GROUP", parse=_number(int),
            valid=lambda n: 1 <= n <= 1000, error="KINERJA_SURVEY_MIN_GROUP must be 1-1000, got {0}",
            about="fewest survey answers a respondent-profile group of `satisfactionByGroup` (by AGE_BAND, SEX, "
                  "EDUCATION or OCCUPATION) needs for its IKM to be shown; smaller groups are pooled into one row "
                  "without an IKM (1: show every group; see SECURITY.md)"),
    Setting("max_indicator_drafts", int, 20, "KINERJA_MAX_INDICATOR_DRAFTS", parse=_number(int),
            valid=lambda n: 1 <= n <= 1000, error="KINERJA_MAX_INDICATOR_DRAFTS must be 1-1000, got {0}",
            about="most open indicator drafts (not yet approved) one agency may have (`saveIndicatorDraft`)"),
    Setting("peer_feedback", bool, False, "KINERJA_PEER_FEEDBACK", parse=_bool, write=_bool_text,
            about="`true`: besides the direct supervisor, colleagues of the same unit may give a person continuous "
                  "performance feedback (`givePerformanceFeedback`)"),
    Setting("worker_header", bool, False, "KINERJA_WORKER_HEADER", parse=_bool, write=_bool_text,
            about="tests only: each answer carries `X-Kinerja-Worker: <process id>`"),
    # the official documents (services/documents): the address their QR code points to, and the place they are signed in
    Setting("public_url", str, "", "KINERJA_PUBLIC_URL", shown="the address the request came to",
            valid=lambda url: url == "" or url.startswith(("http://", "https://")),
            error="KINERJA_PUBLIC_URL must start with http:// or https://, got {0!r}",
            about="the platform's public address (e.g. `https://kinerja.tanjungpinangkota.go.id`): documents' QR codes "
                  "point to `<it>/verify/<code>`; unset, the address a request came to (the CLI: "
                  "`http://<KINERJA_HOST>:<KINERJA_PORT>`)"),
    Setting("document_place", str, "Tanjungpinang", "KINERJA_DOCUMENT_PLACE",
            about="the place printed before the date of the documents' signature blocks"),
    Setting("secret", str, "", "KINERJA_SECRET", private=True,
            shown="random per `kinerja serve` start",
            about="key of the hash the survey stores instead of the client address; set it to keep the limit "
                  "across restarts"),
)


def _with_fields(cls: type) -> type:
    """cls as a frozen dataclass whose fields are those of SETTINGS, in order."""
    annotations: dict[str, Any] = {}
    for setting in SETTINGS:
        for name, kind, spec in setting.dataclass_fields():
            annotations[name] = kind
            setattr(cls, name, spec)
    cls.__annotations__ = annotations
    return dataclass(frozen=True)(cls)


@_with_fields
class Settings:
    """The settings of one process: a frozen dataclass with a field for each attribute of SETTINGS."""

    @property
    def production(self) -> bool:
        return self.env == "production"

    def plugin_folders(self) -> list[Path]:
        """The folders whose Python is imported as plugins: the project's bundled plugins/ (found beside the
        package, never in the working folder), then the configured ones (KINERJA_PLUGINS_DIR, --plugins-dir).
        Never a specs folder and never the working folder's ./plugins: those could hold anyone's code."""
        return _existing([*bundled_plugin_folders(), *self.plugins_dirs])

    def spec_folders(self) -> list[Path]:
        """./indicator_specs of the working folder when it exists, then the named ones."""
        return _existing([Path("indicator_specs"), *self.specs_dirs])

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> "Settings":
        """Settings from KINERJA_* variables; keyword overrides (CLI flags) win when not None."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for setting in SETTINGS:
            if setting.env and env.get(setting.env):
                values.update(setting.read(env[setting.env]))
        for key, value in overrides.items():
            if value is None or value == ():
                continue
            values[key] = value
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        for setting in SETTINGS:
            problem = setting.problem(self)
            if problem:
                raise SettingsError(problem)


def flag_overrides(args: Any) -> dict[str, object]:
    """The settings given by CLI flags in parsed arguments (an argparse Namespace), by attribute, for
    Settings.from_env. A repeatable flag's values are read as one variable's, e.g. `--specs-dir a --specs-dir b:c`
    as KINERJA_SPECS_DIR=a:b:c; a value argparse has converted already (--port) is taken as it is."""
    overrides: dict[str, object] = {}
    for setting in SETTINGS:
        value = getattr(args, setting.flag_dest, None) if setting.flag_dest else None
        if value is None:
            continue
        if isinstance(value, list):
            value = os.pathsep.join(value)
        overrides.update(setting.read(value, setting.flag) if isinstance(value, str) else setting.assign(value))
    return overrides


def to_environment(settings: Settings) -> dict[str, str]:
    """The KINERJA_* variables that give these settings back through Settings.from_env (how `kinerja serve`
    hands its resolved settings to its workers); unset settings are left out."""
    env: dict[str, str] = {}
    for setting in SETTINGS:
        text = setting.text(settings) if setting.env else None
        if text is not None:
            env[setting.env] = text  # type: ignore[index]
    return env


def bundled_plugin_folders() -> list[Path]:
    """The repository's plugins/ when the package runs from its source tree (platform/kinerja), else none."""
    package = Path(__file__).resolve().parent
    if package.parent.name != "platform":
        return []
    return [package.parent.parent / "plugins"]


def _existing(paths: list[Path]) -> list[Path]:
    seen: dict[Path, Path] = {}
    for path in paths:
        if path.exists():
            seen.setdefault(path.resolve(), path)
    return list(seen.values())
