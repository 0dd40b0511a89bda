"""The `kinerja` command: serve, migrate, token, demo, import, specs, audit."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import secrets
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Awaitable, Callable

from kinerja import __version__, db
from kinerja.plugins import PluginLoadError
from kinerja.services.core import clock
from kinerja.services.evaluation import credit_points
from kinerja.services.core.access import ADMIN, ROLES, Access, Viewer
from kinerja.services.core.errors import InputError
from kinerja.settings import Settings, SettingsError, flag_overrides, to_environment


class CliError(Exception):
    """A user error: printed as one line on stderr, exit code 1."""


def settings_from(args: argparse.Namespace) -> Settings:
    """The environment's settings with the subcommand's flags (settings.SETTINGS names each setting's flag)."""
    return Settings.from_env(**flag_overrides(args))


def cli_access() -> Access:
    return Access(Viewer(role=ADMIN, actor=f"cli:{getpass.getuser()}"))


async def _with_db(settings: Settings, work: Callable[[], Awaitable[Any]]) -> Any:
    """Apply migrations, open the database, run `work`, close."""
    try:
        await db.connect(settings.database_url, apply_migrations=True)
    except (OSError, ConnectionError) as exc:
        raise CliError(f"cannot open database {settings.database_url}: {exc}") from None
    except Exception as exc:  # drivers raise their own types for refused/unknown databases
        if type(exc).__module__.split(".")[0] in ("asyncpg", "sqlite3", "tortoise", "aiosqlite"):
            raise CliError(f"cannot open database {settings.database_url}: {exc}") from None
        raise
    try:
        with clock.pinned(settings.today):  # KINERJA_TODAY holds for commands as for the server
            with credit_points.configured(settings.credit_point_percentages):
                return await work()
    finally:
        await db.close()


# subcommands

def cmd_migrate(args: argparse.Namespace) -> int:
    settings = settings_from(args)

    async def work() -> None:
        return None

    asyncio.run(_with_db(settings, work))
    print(f"database is up to date: {settings.database_url}", file=sys.stderr)
    return 0


def cmd_token_create(args: argparse.Namespace) -> int:
    from kinerja.services.auth.tokens import create_token

    settings = settings_from(args)

    async def work() -> str:
        return await create_token(args.role, agency=args.agency, nip=args.nip, label=args.label or "cli",
                                  actor=cli_access().viewer.actor)

    print(asyncio.run(_with_db(settings, work)))
    return 0


def read_new_password(interactive: bool, stdin: Any = None) -> str:
    """The new password: asked twice at a terminal, else the first line of standard input (never an argument,
    which other users of the machine could see in the process list)."""
    if interactive:
        first = getpass.getpass("New password: ")
        if getpass.getpass("Repeat it: ") != first:
            raise CliError("the two passwords differ: nothing was changed")
        return first
    line = (stdin or sys.stdin).readline()
    if not line:
        raise CliError("no password on standard input: nothing was changed")
    return line.rstrip("\r\n")


def cmd_user_set_password(args: argparse.Namespace) -> int:
    from kinerja.services.auth.sessions import set_password

    settings = settings_from(args)
    password = read_new_password(sys.stdin.isatty() and not args.password_stdin)

    async def work() -> str:
        person = await set_password(cli_access(), args.nip, password, args.role)
        return f"password set for {person.nip} ({person.name}), role {args.role}; their open sessions are ended"

    print(asyncio.run(_with_db(settings, work)), file=sys.stderr)
    return 0


def print_accounts(accounts: list, out: Any) -> None:
    """The demo's console sign-ins, a line each: NIP, password, who."""
    for account in accounts:
        print(f"  {account.nip}  {account.password:<20} {account.name}: {account.about}", file=out)


def cmd_demo(args: argparse.Namespace) -> int:
    from kinerja.demo.loader import demo_accounts, demo_catalog, load_demo

    settings = settings_from(args)
    catalog, _ = demo_catalog(settings)  # ./indicator_specs, else the repository's

    async def work() -> tuple[bool, list]:
        loaded = await load_demo(progress=lambda msg: print(msg, file=sys.stderr), catalog=catalog)
        return loaded, (await demo_accounts() if loaded else [])

    loaded, accounts = asyncio.run(_with_db(settings, work))
    print("demo data loaded" if loaded else "database has agencies already: demo data not loaded", file=sys.stderr)
    if accounts:
        print("console sign-ins (NIP, password; demo data only):", file=sys.stderr)
        print_accounts(accounts, sys.stderr)
    return 0


def _progress_bar(label: str):
    """A progress(done, total) that redraws one line on stderr: `label [#####.....] done/total`."""

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def cmd_import_people(args: argparse.Namespace) -> int:
    from kinerja.services.org.importer import CsvError, import_people, located, read_people_csv

    settings = settings_from(args)
    path = Path(args.file)

    async def work() -> int:
        try:
            progress = None if args.quiet else _progress_bar("importing people")
            return await import_people(cli_access(), path, progress=progress)
        except InputError as exc:
            _, lines = read_people_csv(path)
            problems = located(exc, lines)
            for line in problems:
                print(f"{path}: {line}", file=sys.stderr)
            raise CliError(f"{path}: {len(problems)} problem(s); nothing imported") from None
        except CsvError as exc:
            raise CliError(str(exc)) from None

    count = asyncio.run(_with_db(settings, work))
    print(f"imported {count} people from {path}", file=sys.stderr)
    return 0


def cmd_document(args: argparse.Namespace) -> int:
    """`kinerja document evaluasi`: one person's evaluation document (--nip), or every one of an agency (--agency,
    optionally --unit) as a ZIP with a progress bar on stderr; issued as the operator, as over HTTP."""
    from kinerja.services.core.errors import BadArgument
    from kinerja.services.documents import delivery
    from kinerja.services.documents.parts import Missing

    if bool(args.nip) == bool(args.agency):
        raise CliError("give either --nip (one document) or --agency (a ZIP of all)")
    settings = settings_from(args)
    base = settings.public_url or f"http://{settings.host}:{settings.port}"
    out = Path(args.out)
    progress = None if args.quiet else _progress_bar("documents")

    async def work() -> str:
        try:
            if args.nip:
                pdf = await delivery.evaluasi_pdf(cli_access(), args.nip, args.period, base, settings.document_place)
                if isinstance(pdf, Missing):
                    raise CliError(pdf.message)
                out.write_bytes(pdf.content)
                return f"wrote {out} ({len(pdf.content)} bytes)"
            archive = await delivery.evaluasi_zip(cli_access(), args.agency, args.unit, args.period, base,
                                                  settings.document_place,
                                                  progress=progress)
            if archive is None:
                raise CliError(f"no agency {args.agency!r}" + (f" with unit {args.unit!r}" if args.unit else ""))
            if progress:
                progress(0, archive.count)
            size = 0
            with out.open("wb") as file:
                async for chunk in archive.chunks:
                    file.write(chunk)
                    size += len(chunk)
            return f"wrote {out}: {archive.count} documents ({size} bytes)"
        except BadArgument as exc:
            raise CliError(str(exc)) from None

    print(asyncio.run(_with_db(settings, work)), file=sys.stderr)
    return 0


def _write_document(args: argparse.Namespace, make) -> int:
    """One document to `--out`, issued as the operator: `make(access, settings, base_url)` is the delivery function's
    call (a Pdf, or Missing: the command fails with its message)."""
    from kinerja.services.core.errors import AccessDenied, BadArgument
    from kinerja.services.documents.parts import Missing

    settings = settings_from(args)
    base = settings.public_url or f"http://{settings.host}:{settings.port}"
    out = Path(args.out)

    async def work() -> str:
        try:
            found = await make(cli_access(), settings, base)
        except (AccessDenied, BadArgument) as exc:
            raise CliError(str(exc)) from None
        if isinstance(found, Missing):
            raise CliError(found.message)
        out.write_bytes(found.content)
        return f"wrote {out} ({len(found.content)} bytes)"

    print(asyncio.run(_with_db(settings, work)), file=sys.stderr)
    return 0


def cmd_document_tahunan(args: argparse.Namespace) -> int:
    """`kinerja document tahunan`: one person's annual Dokumen Evaluasi Kinerja Pegawai, as
    /documents/evaluasi-tahunan/<nip>/<year>.pdf gives it."""
    from kinerja.services.documents import delivery
    from kinerja.services.indicators.catalog import Catalog

    catalog = Catalog.load(settings_from(args))  # its recommendations come from the plugins
    return _write_document(args, lambda access, settings, base: delivery.tahunan_pdf(
        access, args.nip, args.year, base, settings.document_place, catalog))


def cmd_document_skp(args: argparse.Namespace) -> int:
    """`kinerja document skp`: one person's Sasaran Kinerja Pegawai of a cycle (its approved revision in force), as
    /documents/skp/<nip>/<year>.pdf gives it."""
    from kinerja.services.documents import delivery

    return _write_document(args, lambda access, settings, base: delivery.skp_pdf(
        access, args.nip, args.cycle, base, settings.document_place))


def cmd_document_kurva(args: argparse.Namespace) -> int:
    """`kinerja document kurva`: the distribution-curve document of an agency (or of one of its units, --unit) for
    a period, as /documents/kurva/<agency>/<period>.pdf gives it."""
    from kinerja.services.documents import delivery
    from kinerja.services.evaluation import curve

    def make(access, settings, base):
        try:
            rules = curve.rules_for(settings.curve_file)
        except curve.CurveFileError as exc:
            raise CliError("invalid curve file: " + "; ".join(str(e) for e in exc.errors)) from None
        return delivery.kurva_pdf(access, args.agency, args.unit, args.period, rules, base, settings.document_place)

    return _write_document(args, make)


def cmd_document_tindak_lanjut(args: argparse.Namespace) -> int:
    """`kinerja document tindak-lanjut`: the follow-up list of an agency for a period (the people rated
    BUTUH_PERBAIKAN or worse with their recommendations), as /documents/tindak-lanjut/<agency>/<period>.pdf gives
    it."""
    from kinerja.services.documents import delivery
    from kinerja.services.indicators.catalog import Catalog

    catalog = Catalog.load(settings_from(args))  # the recommendations come from the plugins, as in `kinerja report`
    return _write_document(args, lambda access, settings, base: delivery.tindak_lanjut_pdf(
        access, args.agency, args.period, base, settings.document_place, catalog))


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from kinerja.services.core.audit import verify

    settings = settings_from(args)
    result = asyncio.run(_with_db(settings, verify))
    if not result.ok:
        raise CliError(f"audit chain broken at event {result.bad_event_id}: {result.reason} "
                       f"({result.checked} events before it are intact)")
    print(f"audit chain intact: {result.checked} events", file=sys.stderr)
    return 0


# the options of `kinerja report` -> report_export.Arguments fields (to name them in errors)
REPORT_OPTIONS = {"period": "--period", "group_by": "--group-by", "agency": "--agency", "from_period": "--from",
                  "to_period": "--to", "year": "--year"}
REPORT_FORMATS = ("table", "csv")


def cmd_report(args: argparse.Namespace) -> int:
    from kinerja.services.evaluation import curve
    from kinerja.services.reports import export as report_export
    from kinerja.services.reports import registry
    from kinerja.services.indicators.catalog import Catalog

    if args.name not in registry.REPORTS:
        raise CliError(f"no report {args.name!r}; reports are: {', '.join(registry.REPORTS)}")
    if args.format not in REPORT_FORMATS:
        raise CliError(f"--format must be table or csv, got {args.format!r}")
    # each option's dest is its Arguments field
    arguments = registry.Arguments(**{a.field: getattr(args, a.field) for a in registry.ARGUMENTS})
    try:
        report_export.check_arguments(args.name, arguments)
    except report_export.ExportError as exc:
        raise CliError(exc.message(REPORT_OPTIONS)) from None
    settings = settings_from(args)
    try:
        rules = curve.rules_for(settings.curve_file)
    except curve.CurveFileError as exc:
        raise CliError("invalid curve file: " + "; ".join(str(e) for e in exc.errors)) from None
    catalog = Catalog.load(settings)  # the recommendations of follow-ups come from the plugins

    async def work() -> None:
        try:
            table = await report_export.build(cli_access(), catalog, rules, args.name, arguments,
                                              settings.survey_min_group)
        except report_export.ExportError as exc:
            raise CliError(exc.message(REPORT_OPTIONS)) from None
        if args.format == "table":
            sys.stdout.write(await report_export.aligned(table))
            sys.stdout.flush()
            return
        out = sys.stdout.buffer
        async for chunk in report_export.csv_chunks(table):
            out.write(chunk.encode("utf-8"))
        out.flush()

    asyncio.run(_with_db(settings, work))
    return 0


def cmd_rollups(args: argparse.Namespace) -> int:
    from tortoise.transactions import in_transaction

    from kinerja.services.core import rollups

    settings = settings_from(args)

    async def rebuild() -> list[str]:
        async with in_transaction() as conn:
            await rollups.rebuild(conn)
        return await rollups.check()

    if args.rollups_command == "rebuild":
        left = asyncio.run(_with_db(settings, rebuild))
        if left:
            raise CliError(f"rollups rebuilt, but {len(left)} difference(s) remain: {left[0]}")
        print("rollups rebuilt from the base tables", file=sys.stderr)
        return 0
    differences = asyncio.run(_with_db(settings, rollups.check))
    for line in differences:
        print(line)
    if differences:
        print(f"{len(differences)} difference(s) between the rollups and the base tables; "
              "`kinerja rollups rebuild` recomputes them", file=sys.stderr)
        return 1
    print("rollups agree with the base tables", file=sys.stderr)
    return 0


def cmd_specs_check(args: argparse.Namespace) -> int:
    from kinerja.plugins import PluginLoadError, calculators, create_plugin_manager
    from kinerja.specs.loader import discover, load_specs

    settings = settings_from(args)
    try:
        pm = create_plugin_manager(settings.plugin_folders())
        calcs = calculators(pm)
    except PluginLoadError as exc:
        raise CliError(str(exc)) from None
    if args.paths:
        paths = [Path(p) for p in args.paths]
        for path in paths:
            if not path.exists():
                raise CliError(f"{path}: no such file or folder")
    else:
        paths = [*settings.spec_folders(), *(Path(p) for ps in pm.hook.kinerja_spec_paths() for p in ps or ())]
    files = discover(paths)
    specs, errors = load_specs(paths, calcs)
    for error in errors:
        print(error)
    count = sum(len(s.indicators) for s in specs)
    print(f"{len(files)} file(s), {count} valid indicator(s), {len(errors)} problem(s)", file=sys.stderr)
    return 1 if errors else 0


def _spec_files_catalog(settings: Settings) -> Any:
    """The plugins' calculators and the spec files' indicators, as the server loads them (no database)."""
    from kinerja.services.indicators.catalog import Catalog

    return Catalog.load(settings)


def _print_problems(exc: Any, what: str) -> None:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    raise CliError(f"{len(exc.problems)} problem(s); {what}")


def cmd_specs_export(args: argparse.Namespace) -> int:
    from kinerja.services.indicators import files

    settings = settings_from(args)
    catalog = _spec_files_catalog(settings)

    async def work() -> Any:
        try:
            return await files.export_specs(cli_access(), catalog, Path(args.dir), args.agency)
        except files.SpecFilesError as exc:
            _print_problems(exc, "nothing written")

    result = asyncio.run(_with_db(settings, work))
    for exported in result.files:
        print(exported.path)
        print(f"{exported.path}: {len(exported.indicators)} console indicator(s) of {exported.agency}",
              file=sys.stderr)
    if not result.files:
        print("no console indicators" + (f" of {args.agency.strip().upper()}" if args.agency else "")
              + ": nothing written", file=sys.stderr)
    if result.file_indicators:
        counts = ", ".join(f"{n} of {code}" for code, n in sorted(result.file_indicators.items()))
        print(f"indicators of spec files are not exported (they are files already): {counts}", file=sys.stderr)
    return 0


def cmd_specs_import(args: argparse.Namespace) -> int:
    from kinerja.services.indicators import files

    settings = settings_from(args)
    catalog = _spec_files_catalog(settings)

    async def work() -> Any:
        try:
            return await files.import_specs(cli_access(), catalog, [Path(f) for f in args.files],
                                            limit=settings.max_indicator_drafts)
        except files.SpecFilesError as exc:
            _print_problems(exc, "nothing imported")

    result = asyncio.run(_with_db(settings, work))
    for draft in result.drafts:
        what = f"changes version {draft.base_version}" if draft.base_version else "a new indicator"
        print(f"{draft.file}: {draft.indicator}: draft {draft.draft_id} saved, version {draft.version} ({what})",
              file=sys.stderr)
    for same in result.unchanged:
        print(f"{same.file}: {same.indicator}: not drafted: it is the current version {same.version} already",
              file=sys.stderr)
    print(f"{len(result.drafts)} draft(s) saved; the agency submits them and ADMIN approves them in the console",
          file=sys.stderr)
    return 0


def cmd_plugins(args: argparse.Namespace) -> int:
    from kinerja.plugins import PluginLoadError, create_plugin_manager, plugin_infos

    settings = settings_from(args)
    try:
        pm = create_plugin_manager(settings.plugin_folders())
    except PluginLoadError as exc:
        raise CliError(str(exc)) from None
    for info in plugin_infos(pm):
        print(f"{info.name}\t{info.version or '-'}\t{', '.join(info.hooks)}")
    return 0


def cmd_trusted_documents(args: argparse.Namespace) -> int:
    """Collect the console's GraphQL documents into the trusted documents' manifest (or, with --check, say whether
    the committed one is stale): graphql/trusted_documents.py."""
    from kinerja.graphql import trusted_documents as trusted

    try:
        found = trusted.collect()
    except trusted.CollectError as exc:
        raise CliError(str(exc)) from None
    stored = trusted.MANIFEST.read_text(encoding="utf-8") if trusted.MANIFEST.exists() else ""
    if args.check:
        if stored != trusted.manifest_text(found):
            raise CliError(f"{trusted.MANIFEST} is stale: run `kinerja trusted-documents` and commit it")
        print(f"{trusted.MANIFEST}: {len(found)} documents, up to date")
        return 0
    trusted.write(found)
    print(f"wrote {len(found)} documents to {trusted.MANIFEST}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from kinerja.services.evaluation import curve

    settings = settings_from(args)
    if args.workers < 1:
        raise CliError(f"--workers must be at least 1, got {args.workers}")
    if args.workers > 1 and not db.is_postgres(settings.database_url):
        # SQLite allows one writer: processes whose transactions read, then write, would fail each other
        raise CliError(f"--workers {args.workers} needs PostgreSQL; SQLite serves one process (--workers 1)")
    from kinerja.services.indicators.catalog import Catalog

    Catalog.load(settings)  # a broken plugin stops here, with the file named, before anything starts
    try:
        curve.rules_for(settings.curve_file)  # and so does a curve file that cannot be used
    except curve.CurveFileError as exc:
        raise CliError(str(exc)) from None
    # the survey's rate limit counts answers by a keyed hash of the address: every worker needs the same key
    if not settings.secret:
        settings = replace(settings, secret=secrets.token_urlsafe(32))
    if args.demo:
        from kinerja.demo.loader import demo_accounts, demo_catalog, demo_tokens, load_demo

        # the demo's specs (./indicator_specs, else the repository's): the server is handed the same folders
        catalog, settings = demo_catalog(settings)

        async def work():
            loaded = await load_demo(progress=lambda msg: print(msg, file=sys.stderr), catalog=catalog)
            return loaded, await demo_tokens(), await demo_accounts()

        loaded, toks, accounts = asyncio.run(_with_db(settings, work))
        print(("loaded" if loaded else "using") + f" the Tanjungpinang demo data in {settings.database_url}")
        print(f"Console: http://{settings.host}:{settings.port}/  (sign in with NIP and password; demo data only)")
        print_accounts(accounts, sys.stdout)
        print(f"GraphiQL: http://{settings.host}:{settings.port}/graphql")
        print("Tokens (send as 'Authorization: Bearer <token>'):")
        print(f"  ADMIN (BKPSDM, all agencies): {toks.admin}")
        print(f"  AGENCY_ADMIN of DISDIK:       {toks.agency_admin}")
        print(f"  EMPLOYEE {toks.employee_nip} ({toks.employee_name}, supervises others): {toks.employee}")
        sys.stdout.flush()
    else:
        catalog = Catalog.load(settings)
        # migrate and sync the specs once, here, so that several workers starting together find nothing to do
        asyncio.run(_with_db(settings, catalog.sync))
        print(f"GraphQL: http://{settings.host}:{settings.port}/graphql", flush=True)
    # the worker builds its app from the environment: hand it the resolved settings that way
    os.environ.update(to_environment(settings))
    os.environ["KINERJA_MIGRATE"] = "0"  # applied above, once: workers starting together must not race
    # X-Forwarded-For is believed from KINERJA_TRUSTED_PROXIES only, and the app does that (http/proxy.py):
    # uvicorn's own handling would trust 127.0.0.1 (or $FORWARDED_ALLOW_IPS) whatever the settings say
    uvicorn.run("kinerja.app:app_from_environment", factory=True, host=settings.host, port=settings.port,
                workers=args.workers, log_level="info", proxy_headers=False, forwarded_allow_ips="")
    return 0


# parser

def report_names() -> list[str]:
    from kinerja.services.reports import registry

    return list(registry.REPORTS)


def _either(names: list[str], word: str = "or") -> str:
    """a, b or c"""
    return names[0] if len(names) < 2 else f"{', '.join(names[:-1])} {word} {names[-1]}"


def _reports_with(field: str) -> str:
    """The reports taking that argument, for its option's help: "predikat-trend", "every report but predikat-trend"."""
    from kinerja.services.reports import registry

    taking = [r.name for r in registry.REPORTS.values() if field in (a.field for a in r.arguments)]
    others = [name for name in registry.REPORTS if name not in taking]
    if not others:
        return "every report"
    if len(others) < len(taking):
        return "every report but " + _either(others, "and")
    return _either(taking)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", help="database URL (default: $KINERJA_DATABASE_URL or ./kinerja.sqlite3)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kinerja", description="Kinerja: performance management for civil servants")
    parser.add_argument("--version", action="version", version=f"kinerja {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the GraphQL server")
    _db_option(serve)
    serve.add_argument("--demo", action="store_true", help="load the Tanjungpinang demo data and print tokens")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8000)")
    serve.add_argument("--env", choices=["development", "production"])
    serve.add_argument("--workers", type=int, default=1,
                       help="server processes sharing the port (default 1); use PostgreSQL for more than one")
    serve.add_argument("--specs-dir", action="append", help="folder of indicator specs (repeatable)")
    serve.add_argument("--plugins-dir", action="append", help="folder of agency plugins (repeatable)")
    serve.set_defaults(func=cmd_serve)

    migrate = sub.add_parser("migrate", help="apply the database migrations")
    _db_option(migrate)
    migrate.set_defaults(func=cmd_migrate)

    token = sub.add_parser("token", help="API tokens").add_subparsers(dest="token_command", required=True)
    create = token.add_parser("create", help="create a token and print it alone on stdout")
    _db_option(create)
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--agency", help="agency code, for AGENCY_ADMIN")
    create.add_argument("--nip", help="NIP of the person, for EMPLOYEE; optional for ADMIN: the person the token "
                                      "stands for, the assessor when it assesses someone without a supervisor")
    create.add_argument("--label", help="what the token is for")
    create.set_defaults(func=cmd_token_create)

    user = sub.add_parser("user", help="people's sign-in").add_subparsers(dest="user_command", required=True)
    set_pw = user.add_parser(
        "set-password", help="set or reset a person's password (asked twice, or one line on stdin)",
        description="Sets the password a person signs in to the console with, and the role their sign-ins get. "
        "At a terminal the password is asked twice; otherwise it is the first line of standard input.")
    _db_option(set_pw)
    set_pw.add_argument("--nip", required=True, help="NIP of the person")
    set_pw.add_argument("--role", default="EMPLOYEE", choices=ROLES,
                        help="role of their sign-ins (default EMPLOYEE; AGENCY_ADMIN of the person's own agency)")
    set_pw.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input even at a terminal")
    set_pw.set_defaults(func=cmd_user_set_password)

    demo = sub.add_parser("demo", help="load the demo data into a database")
    _db_option(demo)
    demo.set_defaults(func=cmd_demo)

    imp = sub.add_parser("import", help="bulk imports").add_subparsers(dest="import_command", required=True)
    imp_people = imp.add_parser(
        "people",
        help="import people from a CSV file (all or nothing)",
        description="CSV with a header row; columns nip,name,employment_type,position,agency[,unit][,supervisor]. "
        "employment_type is PNS or PPPK; agency and unit are codes; supervisor is a NIP (in the file or the database).",
    )
    _db_option(imp_people)
    imp_people.add_argument("file", help="CSV file, UTF-8")
    imp_people.add_argument("--quiet", action="store_true", help="no progress bar")
    imp_people.set_defaults(func=cmd_import_people)

    specs = sub.add_parser("specs", help="indicator spec files").add_subparsers(dest="specs_command", required=True)
    check = specs.add_parser("check", help="validate spec files; print every problem, exit 1 if there is one")
    check.add_argument("paths", nargs="*", help="files or folders (default: the configured spec folders)")
    check.add_argument("--specs-dir", action="append", help="folder of indicator specs (repeatable)")
    check.add_argument("--plugins-dir", action="append", help="folder of agency plugins (repeatable)")
    check.set_defaults(func=cmd_specs_check)
    export = specs.add_parser(
        "export", help="write the database's console indicators as spec files, one per agency",
        description="Writes the indicators approved in the console (not the retired ones) into DIR, an existing "
                    "folder, as spec files in the format of indicator_specs/: one file per agency, "
                    "<agency code in lower case>.yaml, each indicator as the text of its current version (a file of "
                    "that name is replaced). Indicators of spec files are not exported: they are files already. "
                    "Each file is loaded again before anything is written and must give the database's content hash "
                    "of every indicator (use the --plugins-dir the server uses).")
    _db_option(export)
    export.add_argument("dir", metavar="DIR", help="the folder to write into (it must exist)")
    export.add_argument("--agency", metavar="CODE", help="only this agency's indicators")
    export.add_argument("--plugins-dir", action="append", help="folder of agency plugins (repeatable)")
    export.set_defaults(func=cmd_specs_export)
    imp_specs = specs.add_parser(
        "import", help="save the indicators of spec files as drafts (all or nothing)",
        description="Loads each file with the spec files' loader and saves each of its indicators as a draft of "
                    "its agency (status DRAFT: the agency submits it, ADMIN approves it), as the console's "
                    "saveIndicatorDraft does, audited as the CLI's operator. An indicator that is already its "
                    "console indicator's current version is left out. All or nothing: any problem in any file "
                    "(the loader's, a code a spec file defines, a check that can never hold, an open draft of the "
                    "same code, the drafts limit, ...) is printed with file, line and path, and nothing is saved.")
    _db_option(imp_specs)
    imp_specs.add_argument("files", nargs="+", metavar="FILE", help="spec files (YAML)")
    imp_specs.add_argument("--specs-dir", action="append",
                           help="folder of indicator specs (repeatable): their codes cannot be drafted")
    imp_specs.add_argument("--plugins-dir", action="append", help="folder of agency plugins (repeatable)")
    imp_specs.set_defaults(func=cmd_specs_import)

    plugins = sub.add_parser("plugins", help="list the loaded plugins: name, version, hooks")
    plugins.add_argument("--plugins-dir", action="append", help="folder of agency plugins (repeatable)")
    plugins.add_argument("--specs-dir", action="append", help="folder of indicator specs (repeatable)")
    plugins.set_defaults(func=cmd_plugins)

    trusted = sub.add_parser("trusted-documents",
                             help="collect the console's GraphQL documents into the trusted documents' manifest")
    trusted.add_argument("--check", action="store_true", help="only say whether the committed manifest is stale")
    trusted.set_defaults(func=cmd_trusted_documents)

    names = report_names()
    report = sub.add_parser(
        "report", help=f"print a report (as ADMIN): {', '.join(names)}",
        description="Reports as the GraphQL queries and /reports/<name>.csv give them; --format csv is byte for "
                    "byte the HTTP export.")
    _db_option(report)
    report.add_argument("name", help=_either(names))
    report.add_argument("--period", help=f"YYYY, YYYY-Qn or YYYY-MM ({_reports_with('period')})")
    report.add_argument("--agency", help="agency code: only that agency")
    report.add_argument("--group-by", dest="group_by",
                        help="AGENCY (default) or UNIT; satisfaction-by-group also AGE_BAND, SEX, EDUCATION or "
                             "OCCUPATION (the respondent's profile)")
    report.add_argument("--from", dest="from_period", metavar="PERIOD",
                        help=f"first period of {_reports_with('from_period')}")
    report.add_argument("--to", dest="to_period", metavar="PERIOD",
                        help=f"last period of {_reports_with('to_period')}")
    report.add_argument("--year", help=f"the calendar year YYYY of {_reports_with('year')}")
    report.add_argument("--format", default="table", help="table (default, aligned columns) or csv")
    report.set_defaults(func=cmd_report)

    rollup = sub.add_parser("rollups", help="the report rollups").add_subparsers(dest="rollups_command",
                                                                                required=True)
    rebuild = rollup.add_parser("rebuild", help="recompute every rollup from the base tables")
    _db_option(rebuild)
    rebuild.set_defaults(func=cmd_rollups)
    check_rollups = rollup.add_parser("check", help="compare the rollups with the base tables; print each "
                                                    "difference, exit 1 if any")
    _db_option(check_rollups)
    check_rollups.set_defaults(func=cmd_rollups)

    document = sub.add_parser("document", help="official documents as PDF").add_subparsers(
        dest="document_command", required=True)
    evaluasi = document.add_parser(
        "evaluasi", help="Evaluasi Kinerja Pegawai: one person's (--nip) or an agency's as a ZIP (--agency)",
        description="The evaluation document of a finalized rating, issued with a verification code, as "
                    "/documents/evaluasi/<nip>/<period>.pdf and /documents/evaluasi.zip give it.")
    _db_option(evaluasi)
    evaluasi.add_argument("--nip", help="the person's NIP: one PDF")
    evaluasi.add_argument("--agency", help="agency code: every document of its finalized ratings, as a ZIP")
    evaluasi.add_argument("--unit", help="with --agency: only the ratings given in this unit")
    evaluasi.add_argument("--period", required=True, help="YYYY-Qn, YYYY-MM or the year YYYY (Triwulan IV/Akhir)")
    evaluasi.add_argument("--out", required=True, help="the file to write (.pdf, or .zip with --agency)")
    evaluasi.add_argument("--quiet", action="store_true", help="no progress bar")
    evaluasi.set_defaults(func=cmd_document)
    tahunan = document.add_parser(
        "tahunan", help="Dokumen Evaluasi Kinerja Pegawai (PERIODE: TAHUNAN) of one person for a year",
        description="The annual document of a finalized rating of the year, issued with a verification code, as "
                    "/documents/evaluasi-tahunan/<nip>/<year>.pdf gives it.")
    _db_option(tahunan)
    tahunan.add_argument("--nip", required=True, help="the person's NIP")
    tahunan.add_argument("--year", required=True, help="the cycle's year, YYYY")
    tahunan.add_argument("--out", required=True, help="the PDF file to write")
    tahunan.set_defaults(func=cmd_document_tahunan)
    skp_doc = document.add_parser(
        "skp", help="Sasaran Kinerja Pegawai: one person's SKP of a cycle (its approved revision in force)",
        description="The SKP in the annex's layout (the JPT form for an agency head, else the JA/JF form), issued "
                    "with a verification code, as /documents/skp/<nip>/<year>.pdf gives it.")
    _db_option(skp_doc)
    skp_doc.add_argument("--nip", required=True, help="the person's NIP")
    skp_doc.add_argument("--cycle", required=True, help="the cycle's year, YYYY")
    skp_doc.add_argument("--out", required=True, help="the PDF file to write")
    skp_doc.set_defaults(func=cmd_document_skp)
    kurva_doc = document.add_parser(
        "kurva", help="Dokumen Kurva Distribusi Predikat Kinerja Pegawai of an agency (or a unit) for a period",
        description="The organisation predikat, the reference curve against the actual spread of the finalized "
                    "ratings (with a chart), the employees and their predikat, and the head's signature block, "
                    "issued with a verification code, as /documents/kurva/<agency>/<period>.pdf gives it.")
    _db_option(kurva_doc)
    kurva_doc.add_argument("--agency", required=True, help="agency code")
    kurva_doc.add_argument("--unit", help="unit code: the ratings given in that unit, against its curve")
    kurva_doc.add_argument("--period", required=True, help="YYYY-Qn, YYYY-MM or the year YYYY (Triwulan IV/Akhir)")
    kurva_doc.add_argument("--out", required=True, help="the PDF file to write")
    kurva_doc.set_defaults(func=cmd_document_kurva)
    tindak_doc = document.add_parser(
        "tindak-lanjut", help="Daftar Tindak Lanjut Hasil Evaluasi Kinerja Pegawai of an agency for a period",
        description="The people rated Butuh Perbaikan or worse in the period (the follow-ups report) with their "
                    "ratings and recommended follow-up, and the agency head's signature block, issued with a "
                    "verification code, as /documents/tindak-lanjut/<agency>/<period>.pdf gives it.")
    _db_option(tindak_doc)
    tindak_doc.add_argument("--agency", required=True, help="agency code")
    tindak_doc.add_argument("--period", required=True, help="YYYY-Qn, YYYY-MM or the year YYYY (Triwulan IV/Akhir)")
    tindak_doc.add_argument("--out", required=True, help="the PDF file to write")
    tindak_doc.set_defaults(func=cmd_document_tindak_lanjut)

    aud = sub.add_parser("audit", help="the audit trail").add_subparsers(dest="audit_command", required=True)
    verify = aud.add_parser("verify", help="check the hash chain; exit 1 naming the first bad event")
    _db_option(verify)
    verify.set_defaults(func=cmd_audit_verify)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (CliError, SettingsError, PluginLoadError) as exc:
        print(f"kinerja: error: {exc}", file=sys.stderr)
        return 1
    except InputError as exc:
        print(f"kinerja: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
