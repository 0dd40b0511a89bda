"""`kinerja specs export` and `kinerja specs import` (issue 18, "Files and the database together"), run as real
subprocesses on SQLite and PostgreSQL: the database's console indicators as spec files, spec files as drafts, the
round trip giving the same content hashes, and each bad input refused with nothing written."""

from __future__ import annotations

import getpass
import shutil
from pathlib import Path

import pytest

from kinerja.models import Agency, AuditEvent, Indicator, IndicatorDraft, IndicatorVersion
from kinerja.services.core.access import ADMIN, Access, Viewer
from kinerja.services.indicators import drafts
from kinerja.services.indicators.catalog import Catalog
from kinerja.services.org import agencies
from kinerja.settings import Settings
from kinerja.specs.loader import load_spec_file
from test_cli import kinerja, with_db
from world import build_world
from indicator_texts import IMMUNISATION

REPO = Path(__file__).resolve().parent.parent
ACCESS = Access(Viewer(role=ADMIN, actor="test:bkpsdm"))

# a comment first, a comment inside, a range target, non-ASCII text
VISITS = """# kunjungan ibu hamil: K1 sampai K6 (buku KIA)
code: KUNJUNGAN
name: Rasio kunjungan antenatal — K6
unit: persen
direction: band
level: unit
periods: [year]
inputs:
  kunjungan: {type: integer, min: 0, label: Kunjungan K6 tercatat}
  ibu_hamil: {type: integer, min: 1, label: Ibu hamil sasaran}
formula: kunjungan / ibu_hamil * 100  # rasio, bukan jumlah
target: {lower: 90, upper: 110}
rating: {above: 105, meets: 95}
"""
RETIRED = IMMUNISATION.replace("code: IMUNISASI", "code: LAMA").replace("dasar lengkap", "lama")
# a calculator of the bundled Education Office plugin, with its input contract
APM = """code: APM_SWASTA
name: Angka Partisipasi Murni sekolah swasta
unit: percent
direction: higher_is_better
level: agency
periods: [year]
inputs:
  pupils_in_band: {type: integer, min: 0, label: Jumlah siswa pada jenjang yang berusia sesuai jenjang}
  population_age_band: {type: integer, min: 1, label: Jumlah penduduk usia jenjang}
calculator: pendidikan.apm
target: 60
rating: {above: 105, meets: 95}
"""


# helpers

def catalog() -> Catalog:
    """The catalog of this (test) process: the bundled plugin, and the repository's indicator_specs (the cwd's)."""
    return Catalog.load(Settings(specs_dirs=(REPO / "indicator_specs",)))


async def approve(cat: Catalog, agency: str, text: str) -> str:
    """Save, submit and approve a draft through the services; its approved version."""
    draft = await drafts.save_draft(ACCESS, cat, agency_code=agency, text=text)
    draft = await drafts.submit_draft(ACCESS, cat, draft.id, draft.revision)
    return (await drafts.approve_draft(ACCESS, cat, draft.id, draft.revision)).approved_version


def world_with_console_indicators(url: str) -> dict[str, str]:
    """The test world, DISDIK's spec files synced, four console indicators approved and one of them retired:
    {full code: version} of the active console indicators."""
    async def work():
        await build_world()
        cat = catalog()
        await cat.sync()  # DISDIK's indicators of indicator_specs/ (origin file)
        versions = {"DINKES.IMUNISASI": await approve(cat, "DINKES", IMMUNISATION),
                    "DINKES.KUNJUNGAN": await approve(cat, "DINKES", VISITS),
                    "DISDIK.APM_SWASTA": await approve(cat, "DISDIK", APM)}
        await approve(cat, "DINKES", RETIRED)
        await drafts.retire_indicator(ACCESS, cat, "DINKES.LAMA", "diganti")
        return versions

    return with_db(url, work)


def console_versions(url: str) -> dict[str, str]:
    async def work():
        return {i.full_code: i.version for i in await Indicator.filter(origin="console", active=True)}

    return with_db(url, work)


def counts(url: str) -> tuple[int, int, int]:
    async def work():
        return (await IndicatorDraft.all().count(), await AuditEvent.all().count(), await Indicator.all().count())

    return with_db(url, work)


def problems_of(result) -> list[str]:
    """Exit 1, no traceback, nothing on stdout: the problem lines (the last line of stderr is the summary)."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("kinerja: error: "), result.stderr
    return lines[:-1]


@pytest.fixture
def second_database(request: pytest.FixtureRequest, database_url: str, tmp_path: Path) -> str:
    """Another fresh database of the same kind as database_url."""
    if database_url.startswith("sqlite"):  # a copy of the migrated template (a fresh migration: tests/test_cli.py)
        shutil.copy(request.getfixturevalue("sqlite_template"), tmp_path / "second.sqlite3")
        yield f"sqlite://{tmp_path / 'second.sqlite3'}"
        return
    from conftest import _pg_url_for

    databases = request.getfixturevalue("pg_databases")
    name = databases.take()
    yield _pg_url_for(name)
    databases.drop(name)


# export, import, approve: the same content hashes

def test_export_then_import_then_approve_gives_the_same_content_hash(database_url, second_database, tmp_path):
    versions = world_with_console_indicators(database_url)
    out = tmp_path / "out"
    out.mkdir()
    done = kinerja("specs", "export", str(out), db_url=database_url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(out / "dinkes.yaml"), str(out / "disdik.yaml")]
    assert sorted(p.name for p in out.iterdir()) == ["dinkes.yaml", "disdik.yaml"]
    disdik_files = with_db(database_url, lambda: Indicator.filter(origin="file", active=True).count())
    assert disdik_files > 0
    assert (f"indicators of spec files are not exported (they are files already): {disdik_files} of DISDIK"
            in done.stderr), done.stderr

    # the files load with the spec files' loader and give the database's hashes; the retired one is not there
    cat = catalog()
    loaded = {}
    for name in ("dinkes.yaml", "disdik.yaml"):
        spec, errors = load_spec_file(out / name, cat.calculators)
        assert errors == [] and spec is not None, errors
        loaded |= {s.full_code: s.version for s in spec.indicators}
    assert loaded == versions
    text = (out / "dinkes.yaml").read_text(encoding="utf-8")
    assert "agency: {code: \"DINKES\", name: \"Dinas Kesehatan Kota Tanjungpinang\"}" in text
    assert "  - # kunjungan ibu hamil" not in text and "    formula: kunjungan / ibu_hamil * 100  # rasio" in text
    assert "LAMA" not in text

    # a second database with the agencies only: the files become drafts, not indicators
    async def agencies_only():
        await agencies.create_agency(ACCESS, "DINKES", "Dinas Kesehatan Kota Tanjungpinang")
        await agencies.create_agency(ACCESS, "DISDIK", "Dinas Pendidikan Kota Tanjungpinang")

    assert kinerja("migrate", db_url=second_database, cwd=tmp_path).returncode == 0
    with_db(second_database, agencies_only)
    imported = kinerja("specs", "import", str(out / "dinkes.yaml"), str(out / "disdik.yaml"),
                       db_url=second_database, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "3 draft(s) saved" in imported.stderr
    assert f"DINKES.KUNJUNGAN: draft 2 saved, version {versions['DINKES.KUNJUNGAN']} (a new indicator)" \
        in imported.stderr

    async def saved():
        return [(d.code, d.status, d.yaml, d.created_by) for d in await IndicatorDraft.all().order_by("id")]

    rows = with_db(second_database, saved)
    assert [(code, status) for code, status, *_ in rows] == [
        ("IMUNISASI", "DRAFT"), ("KUNJUNGAN", "DRAFT"), ("APM_SWASTA", "DRAFT")]
    assert {r[3] for r in rows} == {f"cli:{getpass.getuser()}"}
    assert (rows[0][2], rows[1][2], rows[2][2]) == (IMMUNISATION, VISITS, APM)  # the texts, comments kept
    assert with_db(second_database, lambda: Indicator.all().count()) == 0

    async def approve_imported():
        cat = catalog()
        await cat.sync()
        for draft in await IndicatorDraft.all().order_by("id"):
            submitted = await drafts.submit_draft(ACCESS, cat, draft.id, draft.revision)
            await drafts.approve_draft(ACCESS, cat, submitted.id, submitted.revision)

    with_db(second_database, approve_imported)
    assert console_versions(second_database) == versions

    # importing the same files again drafts nothing: each is its indicator's current version
    again = kinerja("specs", "import", str(out / "dinkes.yaml"), db_url=second_database, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "0 draft(s) saved" in again.stderr
    assert f"DINKES.IMUNISASI: not drafted: it is the current version {versions['DINKES.IMUNISASI']}" in again.stderr
    assert with_db(second_database, lambda: IndicatorDraft.filter(status="DRAFT").count()) == 0

    # and the second database exports the same files, byte for byte
    out2 = tmp_path / "out2"
    out2.mkdir()
    assert kinerja("specs", "export", str(out2), db_url=second_database, cwd=tmp_path).returncode == 0
    for name in ("dinkes.yaml", "disdik.yaml"):
        assert (out2 / name).read_bytes() == (out / name).read_bytes()


def test_an_edited_export_imports_as_a_draft_that_changes_the_indicator(database_url, tmp_path):
    versions = world_with_console_indicators(database_url)
    done = kinerja("specs", "export", "--agency", "dinkes", str(tmp_path), db_url=database_url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == ["dinkes.yaml"]  # --agency: that agency only
    assert "not exported" not in done.stderr  # DINKES has no indicators of spec files
    path = tmp_path / "dinkes.yaml"
    text = path.read_text(encoding="utf-8")
    before = "    rating: {above: 105, meets: 95}\n  -\n    # kunjungan"  # IMUNISASI's thresholds, KUNJUNGAN next
    assert text.count(before) == 1, text
    path.write_text(text.replace(before, before.replace("above: 105, meets: 95", "above: 110, meets: 101")),
                    encoding="utf-8")
    imported = kinerja("specs", "import", str(path), db_url=database_url, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "DINKES.IMUNISASI: draft 5 saved" in imported.stderr
    assert f"(changes version {versions['DINKES.IMUNISASI']})" in imported.stderr
    assert "DINKES.KUNJUNGAN: not drafted" in imported.stderr
    assert "1 draft(s) saved" in imported.stderr

    async def drafted():
        d = await IndicatorDraft.get(id=5)
        return d.code, d.status, d.base_version, "above: 110" in d.yaml

    assert with_db(database_url, drafted) == ("IMUNISASI", "DRAFT", versions["DINKES.IMUNISASI"], True)
    assert console_versions(database_url) == versions  # a draft changes nothing until it is approved


# bad inputs: every problem named, nothing written

DINKES_FILE = "agency: {code: DINKES, name: Dinas Kesehatan}\nindicators:\n" + "".join(
    ("  - " if i == 0 else "    ") + line + "\n" for i, line in enumerate(IMMUNISATION.splitlines()))
NEVER = DINKES_FILE.replace('checks: ["diimunisasi <= sasaran"]', 'checks: ["sasaran < 0"]')
UNKNOWN_AGENCY = DINKES_FILE.replace("code: DINKES", "code: DINSOS")
NOT_YAML = "agency: {code: DINKES, name: Dinas Kesehatan}\nindicators:\n  - code: [IMUNISASI\n    name: x\n"
FROM_FILE = DINKES_FILE.replace("code: DINKES", "code: DISDIK").replace("code: IMUNISASI", "code: KELULUSAN")
BAD_FORMULA = DINKES_FILE.replace("formula: diimunisasi / sasaran * 100", "formula: diimunisasi / bayi * 100")


@pytest.mark.parametrize("content, expected", [
    (UNKNOWN_AGENCY, "{f}:1: agency.code: no agency with code 'DINSOS' (NOT_FOUND)"),
    (NOT_YAML, "{f}:4: YAML does not parse: did not find expected ',' or ']'"),
    (FROM_FILE, "{f}:3: DISDIK.KELULUSAN: indicators.0.code: DISDIK.KELULUSAN is defined in a spec file; it cannot "
                "be drafted: change the file or pick another code (CODE_FROM_FILE)"),
    (NEVER, "{f}:12: DINKES.IMUNISASI: indicators.0.checks.0: the check 'sasaran < 0' can never hold: sasaran is "
            "declared at least 1, so it is never below 0 (CHECK_NEVER_HOLDS)"),
    (BAD_FORMULA, "{f}:13: indicators.0.formula: unknown name 'bayi'; inputs are: diimunisasi, sasaran (column 15)"),
], ids=["unknown-agency", "not-yaml", "code-of-a-file", "check-never-holds", "unknown-input"])
def test_import_refuses_a_bad_file_and_writes_nothing(database_url, tmp_path, content, expected):
    with_db(database_url, build_world)
    before = counts(database_url)
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    result = kinerja("specs", "import", "--specs-dir", str(REPO / "indicator_specs"), str(path),
                     db_url=database_url, cwd=tmp_path)
    lines = problems_of(result)
    assert lines == [expected.format(f=path)], result.stderr
    assert result.stderr.strip().splitlines()[-1] == "kinerja: error: 1 problem(s); nothing imported"
    assert counts(database_url) == before


def test_import_names_every_problem_of_every_file_and_writes_nothing(database_url, tmp_path):
    with_db(database_url, build_world)
    before = counts(database_url)
    files = {"good.yaml": DINKES_FILE, "again.yaml": DINKES_FILE, "never.yaml": NEVER.replace("IMUNISASI", "K2"),
             "nope.yaml": UNKNOWN_AGENCY, "broken.yaml": NOT_YAML}
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    result = kinerja("specs", "import", *(str(tmp_path / n) for n in files), str(missing), str(tmp_path),
                     db_url=database_url, cwd=tmp_path)
    lines = problems_of(result)
    # the files that do not load first, then each loaded file's indicators in order; good.yaml's draft was saved
    # and rolled back: again.yaml, which drafts the same code, is told of it
    assert lines == [
        f"{tmp_path / 'broken.yaml'}:4: YAML does not parse: did not find expected ',' or ']'",
        f"{missing}: no such file (NOT_FOUND)",
        f"{tmp_path}: not a file (NOT_FOUND)",
        f"{tmp_path / 'again.yaml'}:3: DINKES.IMUNISASI: indicators.0.code: draft 1 already drafts DINKES.IMUNISASI; "
        "open that one (DUPLICATE_DRAFT)",
        f"{tmp_path / 'never.yaml'}:12: DINKES.K2: indicators.0.checks.0: the check 'sasaran < 0' can never hold: "
        "sasaran is declared at least 1, so it is never below 0 (CHECK_NEVER_HOLDS)",
        f"{tmp_path / 'nope.yaml'}:1: agency.code: no agency with code 'DINSOS' (NOT_FOUND)",
    ], result.stderr
    assert result.stderr.strip().splitlines()[-1] == "kinerja: error: 6 problem(s); nothing imported"
    assert counts(database_url) == before

    # the good file alone is saved
    good = kinerja("specs", "import", str(tmp_path / "good.yaml"), db_url=database_url, cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    assert "DINKES.IMUNISASI: draft" in good.stderr and "(a new indicator)" in good.stderr
    assert with_db(database_url, lambda: IndicatorDraft.filter(code="IMUNISASI", status="DRAFT").count()) == 1


def test_import_keeps_the_drafts_limit(database_url, tmp_path):
    with_db(database_url, build_world)
    content = "agency: {code: DINKES, name: Dinas Kesehatan}\nindicators:\n" + "".join(
        "  - " + IMMUNISATION.replace("IMUNISASI", f"I{n}").replace("\n", "\n    ").rstrip() + "\n" for n in range(3))
    path = tmp_path / "three.yaml"
    path.write_text(content, encoding="utf-8")
    before = counts(database_url)
    result = kinerja("specs", "import", str(path), db_url=database_url, cwd=tmp_path,
                     env={"KINERJA_MAX_INDICATOR_DRAFTS": "2"})
    assert problems_of(result) == [
        f"{path}:29: DINKES.I2: indicators.2: DINKES has 2 open drafts, the most an agency may have; submit or "
        "discard one first (TOO_MANY_DRAFTS)"], result.stderr
    assert counts(database_url) == before
    assert kinerja("specs", "import", str(path), db_url=database_url, cwd=tmp_path).returncode == 0
    assert counts(database_url)[0] == 3


def test_export_bad_inputs(database_url, tmp_path):
    with_db(database_url, build_world)
    missing = tmp_path / "missing"
    result = kinerja("specs", "export", str(missing), db_url=database_url, cwd=tmp_path)
    assert problems_of(result) == [f"{missing}: no such folder (create it first) (NOT_FOUND)"]
    assert not missing.exists()
    a_file = tmp_path / "a.txt"
    a_file.write_text("x")
    assert problems_of(kinerja("specs", "export", str(a_file), db_url=database_url, cwd=tmp_path)) == [
        f"{a_file}: not a folder (NOT_FOUND)"]
    out = tmp_path / "out"
    out.mkdir()
    unknown = kinerja("specs", "export", "--agency", "DINSOS", str(out), db_url=database_url, cwd=tmp_path)
    assert problems_of(unknown) == ["--agency: no agency DINSOS (NOT_FOUND)"]
    # no console indicators: nothing written, and said so
    none = kinerja("specs", "export", "--agency", "DINKES", str(out), db_url=database_url, cwd=tmp_path)
    assert none.returncode == 0, none.stderr
    assert none.stdout == "" and "no console indicators of DINKES: nothing written" in none.stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("broken", ["no-text", "other-hash"])
def test_export_refuses_an_indicator_that_does_not_load_as_its_version_and_writes_nothing(database_url, tmp_path,
                                                                                           broken):
    """A console indicator whose stored text is gone, or loads here as another version than the database's (e.g.
    its calculator's plugin is not installed where the command runs): nothing is written."""
    versions = world_with_console_indicators(database_url)
    fake = "0000000000000000"

    async def tamper():
        indicator = await Indicator.get(full_code="DISDIK.APM_SWASTA")
        if broken == "other-hash":
            await IndicatorVersion.filter(indicator_id=indicator.id).update(version=fake)
        await Indicator.filter(id=indicator.id).update(version=fake)

    with_db(database_url, tamper)
    out = tmp_path / "out"
    out.mkdir()
    result = kinerja("specs", "export", str(out), db_url=database_url, cwd=tmp_path)
    why = {"no-text": f"version {fake} has no stored text (NO_TEXT)",
           "other-hash": f"loads as version {versions['DISDIK.APM_SWASTA']}, not the database's {fake} (a "
                         "calculator's plugin may be missing here) (VERSION_DIFFERS)"}[broken]
    assert problems_of(result) == [f"{out / 'disdik.yaml'}: DISDIK.APM_SWASTA: {why}"], result.stderr
    assert list(out.iterdir()) == []  # DINKES's file, which is fine, is not written either


def test_the_agency_name_is_the_databases(database_url, tmp_path):
    world_with_console_indicators(database_url)

    async def rename():
        await Agency.filter(code="DINKES").update(name='Dinas "Kesehatan" — Kota')

    with_db(database_url, rename)
    assert kinerja("specs", "export", "--agency", "DINKES", str(tmp_path), db_url=database_url,
                   cwd=tmp_path).returncode == 0
    spec, errors = load_spec_file(tmp_path / "dinkes.yaml", catalog().calculators)
    assert errors == [] and spec.name == 'Dinas "Kesehatan" — Kota'
    assert {s.full_code: s.version for s in spec.indicators} == {
        k: v for k, v in console_versions(database_url).items() if k.startswith("DINKES.")}


def test_an_entry_using_an_alias_of_another_is_drafted_written_out(database_url, tmp_path):
    """An entry cannot be cut out of its file when it uses a YAML alias of another entry: it is drafted as the
    loader reads it (the alias written out), with the file's content hash."""
    with_db(database_url, build_world)
    second = IMMUNISATION.replace("IMUNISASI", "IMUNISASI_LANJUT").replace(
        "inputs:\n  diimunisasi: {type: integer, min: 0, label: Bayi diimunisasi lengkap}\n"
        "  sasaran: {type: integer, min: 1, label: Bayi sasaran}\n", "inputs: *masukan\n")
    first = IMMUNISATION.replace("inputs:\n", "inputs: &masukan\n")
    path = tmp_path / "alias.yaml"
    path.write_text("agency: {code: DINKES, name: Dinas Kesehatan}\nindicators:\n" + "".join(
        "  - " + text.replace("\n", "\n    ").rstrip() + "\n" for text in (first, second)), encoding="utf-8")
    assert "inputs: *masukan" in path.read_text(encoding="utf-8")
    result = kinerja("specs", "import", str(path), db_url=database_url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    spec, errors = load_spec_file(path, catalog().calculators)
    assert errors == []

    async def drafted():
        return {d.code: d.yaml for d in await IndicatorDraft.all()}

    texts = with_db(database_url, drafted)
    assert "inputs: &masukan" in texts["IMUNISASI"] and "*masukan" not in texts["IMUNISASI_LANJUT"]
    assert "diimunisasi: {type: integer, min: 0, label: Bayi diimunisasi lengkap}" in texts["IMUNISASI_LANJUT"]
    for s in spec.indicators:
        assert f"{s.full_code}: draft" in result.stderr and f"version {s.version} (a new indicator)" in result.stderr
