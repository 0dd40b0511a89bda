"""The report exports: GET /reports/<name>.csv through the real app (tokens, scoping, status codes, CSV and its
formula neutralising, every follow-up row), and `kinerja report` / `kinerja rollups` as real subprocesses."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from kinerja.models import RatingRollup
from kinerja.services.reports import export as report_export
from kinerja.services.auth import tokens
from test_reports import BELOW, MEETS, ORG, api, ok, rate, report_data  # noqa: F401 (api: the fixture)
from world import CLERK, HEAD, NURSE, TEACHER_1, TEACHER_2, nip

ROOT = Path(__file__).resolve().parent.parent
KINERJA = [sys.executable, "-m", "kinerja.cli"]
ENV = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")} | {"PYTHONUNBUFFERED": "1"}
DISTRIBUTION_HEADER = ["group", "label", "total", "sangatBaik", "baik", "butuhPerbaikan", "kurangMisconduct",
                       "sangatKurang", "orgPredikat", "curveWarnings", "curveReference"]


async def get(api, path: str, token: str | None = None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await api.client.get(path, params=params, headers=headers)


def table(response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    return list(csv.reader(io.StringIO(response.text)))


async def kinerja(*args: str, db_url: str) -> subprocess.CompletedProcess:
    """The command as a subprocess (bytes out: the CSV is compared byte for byte)."""
    return await asyncio.to_thread(subprocess.run, [*KINERJA, *args, "--db", db_url], capture_output=True,
                                   timeout=120, env=ENV, cwd=ROOT)


def one_line_error(result, *words: str) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    err = result.stderr.decode()
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert result.stdout == b""
    for word in words:
        assert word in err, (word, err)
    return err


# -- HTTP ------------------------------------------------------------------------------------------------------------

async def test_csv_exports_give_the_report_rows(api, world):
    t = await report_data(api, world)
    response = await get(api, "/reports/predikat-distribution.csv", world.admin, period="2025")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="predikat-distribution-2025.csv"'
    assert response.headers["cache-control"] == "no-store"
    assert response.text.endswith("\r\n")
    assert table(response) == [
        DISTRIBUTION_HEADER,
        ["DINKES", "Dinas Kesehatan Kota Tanjungpinang", "2", "0", "1", "1", "0", "0", "", "", ""],
        ["DISDIK", "Dinas Pendidikan Kota Tanjungpinang", "5", "1", "1", "1", "1", "1", "BUTUH_PERBAIKAN",
         " | ".join(t.last_disdik_warnings),  # a list in one cell, joined
         # the reference curve of BUTUH_PERBAIKAN for 5 people: floor(10 % x 5) = 0, ceil(60 % x 5) = 3
         "SANGAT_BAIK at most 10 %: at most 0 of 5 (1 now) | BUTUH_PERBAIKAN at least 60 %: at least 3 of 5 (1 now)"],
    ]
    response = await get(api, "/reports/predikat-distribution.csv", world.admin, period="2025", groupBy="UNIT",
                         agency="disdik")
    assert response.headers["content-disposition"] == \
        'attachment; filename="predikat-distribution-2025-DISDIK-unit.csv"'
    assert [r[:3] for r in table(response)[1:]] == [["DISDIK/SDN-001", "SD Negeri 001 Tanjungpinang", "3"],
                                                    ["DISDIK/SEKRETARIAT", "Sekretariat", "2"]]
    response = await get(api, "/reports/predikat-trend.csv", world.admin, agency="DISDIK", **{"from": "2025-Q1",
                                                                                                "to": "2025-Q4"})
    assert response.headers["content-disposition"] == \
        'attachment; filename="predikat-trend-2025-Q1-2025-Q4-DISDIK.csv"'
    assert [(r[0], r[2], r[8]) for r in table(response)[1:]] == [
        ("2025-Q1", "1", "ISTIMEWA"), ("2025-Q2", "1", ""), ("2025-Q3", "0", "BAIK"), ("2025-Q4", "0", "")]
    response = await get(api, "/reports/indicator-achievement.csv", world.admin, period="2025-Q1")
    assert table(response) == [
        ["agency", "indicator", "measurements", "averageAchievement", "meetingTarget"],
        ["DISDIK", "DISDIK.PARTISIPASI_MASYARAKAT", "2", "62.50", "0"],
        ["DPMPTSP", "DPMPTSP.IZIN_TEPAT_WAKTU", "1", "100.00", "1"],
    ]
    response = await get(api, "/reports/satisfaction-by-group.csv", world.admin, period="2025", groupBy="UNIT")
    assert table(response) == [
        ["group", "label", "period", "respondents", "index", "grade", "gradeLabel", "requiredSample",
         "sufficientSample", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "withheld"],
        ["DINKES/PKM-BATU10", "Puskesmas Batu 10", "2025", "1", "91.67", "A", "Sangat Baik", "", "false",
         *["4.00"] * 8, "1.00", "false"],
        ["DISDIK/SDN-001", "SD Negeri 001 Tanjungpinang", "2025", "2", "87.50", "B", "Baik", "2", "true",
         *["3.50"] * 9, "false"],
    ]
    response = await get(api, "/reports/follow-ups.csv", world.admin, period="2025")
    rows = table(response)
    assert rows[0] == ["nip", "name", "position", "agency", "unit", "period", "predikat", "resultRating",
                       "behaviorRating", "recommendations"]
    assert [(r[0], r[3], r[4], r[6]) for r in rows[1:]] == [
        (TEACHER_1, "DISDIK", "SDN-001", "BUTUH_PERBAIKAN"), (TEACHER_2, "DISDIK", "SDN-001", "SANGAT_KURANG"),
        (CLERK, "DISDIK", "SEKRETARIAT", "KURANG_MISCONDUCT"), (NURSE, "DINKES", "PKM-BATU10", "BUTUH_PERBAIKAN")]
    assert rows[1][1:3] == ["Citra Lestari", "Guru Kelas"] and rows[1][7:9] == [BELOW, MEETS]
    assert rows[1][9].startswith("Susun rencana pengembangan kinerja") and rows[1][9].count(" | ") == 2


async def test_follow_ups_export_every_row_a_page_at_a_time(api, world, monkeypatch):
    await report_data(api, world)
    whole = table(await get(api, "/reports/follow-ups.csv", world.admin, period="2025"))
    monkeypatch.setattr(report_export, "MAX_PAGE", 1)  # four pages of one
    paged = table(await get(api, "/reports/follow-ups.csv", world.admin, period="2025"))
    assert paged == whole and len(paged) == 5
    paged = table(await get(api, "/reports/follow-ups.csv", world.disdik_admin, period="2025"))
    assert [r[0] for r in paged[1:]] == [TEACHER_1, TEACHER_2, CLERK]


async def test_csv_exports_are_scoped_and_refused_as_the_queries_are(api, world):
    t = await report_data(api, world)
    names = ["predikat-distribution", "indicator-achievement", "satisfaction-by-group", "predikat-trend", "follow-ups"]

    def params(name, **extra):
        return ({"from": "2025", "to": "2025"} if name == "predikat-trend" else
                {"period": "2025-Q1" if name == "indicator-achievement" else "2025"}) | extra

    for name in names:
        path = f"/reports/{name}.csv"
        # each agency admin: its own rows; another agency or an unknown code: the header alone
        own = table(await get(api, path, world.disdik_admin, **params(name)))
        assert len(own) > 1 and all("DINKES" not in ",".join(r) for r in own), (name, own)
        for agency in ("DINKES", "NOPE"):
            assert len(table(await get(api, path, world.disdik_admin, **params(name, agency=agency)))) == 1
        assert "DISDIK" not in (await get(api, path, world.dinkes_admin, **params(name))).text
        # no token, a bad one, a malformed header: 401; EMPLOYEE: 403
        for headers in ({}, {"Authorization": "Bearer knj_nope"}, {"Authorization": world.admin},
                        {"Authorization": "Basic dXNlcjpwdw=="}):
            response = await api.client.get(path, params=params(name), headers=headers)
            assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer", response.text
            assert "DISDIK" not in response.text
        for token in (world.principal, t.head, world.nurse):
            response = await get(api, path, token, **params(name))
            assert response.status_code == 403 and "ADMIN" in response.text, response.text
    response = await get(api, "/reports/headcount.csv", world.admin, period="2025")
    assert response.status_code == 404 and "predikat-distribution" in response.text
    assert (await get(api, "/reports/headcount.csv", period="2025")).status_code == 401
    assert (await api.client.post("/reports/follow-ups.csv?period=2025",
                                  headers={"Authorization": f"Bearer {world.admin}"})).status_code == 405


async def test_bad_csv_parameters_are_400_naming_the_parameter(api, world):
    admin = world.admin
    cases = [
        ("predikat-distribution", {}, "period is required"),
        ("predikat-distribution", {"period": "2025-Q5"}, "period must be YYYY, YYYY-Qn or YYYY-MM"),
        ("predikat-distribution", {"period": "2025", "groupBy": "REGION"}, "groupBy must be AGENCY or UNIT"),
        ("predikat-distribution", {"period": "2025", "group_by": "UNIT"}, "unknown parameter 'group_by'"),
        ("predikat-distribution", {"period": "2025", "from": "2025"}, "from does not apply to predikat-distribution"),
        ("indicator-achievement", {"period": "2025", "groupBy": "UNIT"}, "groupBy does not apply"),
        ("follow-ups", {"period": "2025", "groupBy": "AGENCY"}, "groupBy does not apply to follow-ups"),
        ("follow-ups", {"period": "x" * 101}, "period is longer than 100"),
        ("predikat-trend", {"from": "2025"}, "to is required"),
        ("predikat-trend", {"period": "2025", "from": "2025", "to": "2025"}, "period does not apply"),
        ("predikat-trend", {"from": "2025", "to": "2025-Q1"}, "to must be the same kind of period as from"),
        ("predikat-trend", {"from": "2025-Q3", "to": "2025-Q1"}, "from 2025-Q3 is after to 2025-Q1"),
        ("predikat-trend", {"from": "2025-13", "to": "2025-12"}, "from must be YYYY"),
        ("satisfaction-by-group", {"period": ""}, "period is required"),
    ]
    for name, params, message in cases:
        response = await get(api, f"/reports/{name}.csv", admin, **params)
        assert response.status_code == 400, (name, params, response.text)
        assert response.headers["content-type"].startswith("text/plain")
        assert message in response.text, (name, params, response.text)
    response = await api.client.get("/reports/follow-ups.csv?period=2025&period=2024",
                                    headers={"Authorization": f"Bearer {admin}"})
    assert response.status_code == 400 and "period is given 2 times" in response.text


async def test_formula_like_text_is_neutralised(api, world):
    admin = world.admin
    await ok(api, """mutation { createUnit(input: {agency: "DISDIK", code: "FORMULA",
      name: "=HYPERLINK(\\"http://x\\")"}) { unit { code } errors { code message } } }""", admin)
    await ok(api, """mutation { createAgency(input: {code: "AT", name: "@SUM(A1:A9)"}) {
      agency { code } errors { code } } }""", admin)
    await ok(api, """mutation($nip: String!) { upsertPeople(input: [{nip: $nip, name: "-2+3", employmentType: PNS,
      position: "+Staf", agency: "DISDIK", unit: "FORMULA", supervisor: "%s"}]) { people { nip } errors { code } } }"""
             % HEAD, admin, nip=nip(8))
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    for status in ("ACTIVE", "EVALUATION"):
        await ok(api, "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }",
                 admin, s=status)
    await rate(api, head, head, nip(8), "2025", BELOW, MEETS)
    await ok(api, ORG, admin, agency="AT", period="2025", predikat="BAIK")

    rows = table(await get(api, "/reports/predikat-distribution.csv", admin, period="2025", groupBy="UNIT"))
    assert rows[1][:3] == ["DISDIK/FORMULA", "'=HYPERLINK(\"http://x\")", "1"]
    rows = table(await get(api, "/reports/predikat-distribution.csv", admin, period="2025"))
    assert rows[1][:3] == ["AT", "'@SUM(A1:A9)", "0"] and rows[1][8] == "BAIK"
    rows = table(await get(api, "/reports/follow-ups.csv", admin, period="2025"))
    assert rows[1][1:3] == ["'-2+3", "'+Staf"]
    # the GraphQL answer is the data as stored: neutralising is the CSV's business
    data = await api.gql("""{ followUps(period: "2025") { edges { node { name } } } }""", token=admin)
    assert data["followUps"]["edges"] == [{"node": {"name": "-2+3"}}]
    assert report_export.csv_cell("\tcmd") == "'\tcmd" and report_export.csv_cell("\rx") == "'\rx"
    assert report_export.csv_cell(-5) == "-5" and report_export.csv_cell("Baik") == "Baik"


# -- the command line ------------------------------------------------------------------------------------------------

async def test_cli_report_prints_tables_and_the_same_csv_as_http(api, world, database_url):
    await report_data(api, world)
    for args, params in [
        (["predikat-distribution", "--period", "2025"], {"period": "2025"}),
        (["predikat-distribution", "--period", "2025", "--group-by", "UNIT", "--agency", "DISDIK"],
         {"period": "2025", "groupBy": "UNIT", "agency": "DISDIK"}),
        (["indicator-achievement", "--period", "2025-Q1"], {"period": "2025-Q1"}),
        (["satisfaction-by-group", "--period", "2025", "--group-by", "unit"], {"period": "2025", "groupBy": "unit"}),
        (["predikat-trend", "--from", "2025-Q1", "--to", "2025-Q4", "--agency", "DISDIK"],
         {"from": "2025-Q1", "to": "2025-Q4", "agency": "DISDIK"}),
        (["follow-ups", "--period", "2025"], {"period": "2025"}),
    ]:
        result = await kinerja("report", *args, "--format", "csv", db_url=database_url)
        assert result.returncode == 0, result.stderr
        response = await get(api, f"/reports/{args[0]}.csv", world.admin, **params)
        assert result.stdout == response.content, (args, result.stdout, response.content)

    result = await kinerja("report", "predikat-distribution", "--period", "2025", db_url=database_url)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[0].split() == DISTRIBUTION_HEADER and set(lines[1]) == {"-", " "}
    assert lines[2].startswith("DINKES  ") and lines[3].startswith("DISDIK  ")
    # aligned: every column starts where its header does; numbers end where theirs does
    total = lines[0].index("total")
    assert lines[2][total:total + 5] == "    2" and lines[3][total:total + 5] == "    5"
    assert lines[2].index("Dinas") == lines[3].index("Dinas") == lines[0].index("label")
    result = await kinerja("report", "follow-ups", "--period", "2025", "--agency", "DINKES", db_url=database_url)
    assert [line.split()[0] for line in result.stdout.decode().splitlines()[2:]] == [NURSE]


async def test_cli_report_bad_arguments_are_one_line_errors(api, world, database_url):
    cases = [
        (["report", "headcount", "--period", "2025"], "no report 'headcount'"),
        (["report", "predikat-distribution"], "--period is required for predikat-distribution"),
        (["report", "predikat-distribution", "--period", "2025-Q9"], "--period must be YYYY, YYYY-Qn or YYYY-MM"),
        (["report", "predikat-distribution", "--period", "2025", "--group-by", "REGION"],
         "--group-by must be AGENCY or UNIT"),
        (["report", "predikat-distribution", "--period", "2025", "--format", "xml"], "--format must be table or csv"),
        (["report", "follow-ups", "--period", "2025", "--group-by", "UNIT"], "--group-by does not apply"),
        (["report", "predikat-trend", "--from", "2025"], "--to is required"),
        (["report", "predikat-trend", "--from", "2025", "--to", "2025-Q2"],
         "--to must be the same kind of period as --from"),
        (["report", "predikat-trend", "--from", "2025-02", "--to", "2025-01"], "--from 2025-02 is after --to 2025-01"),
    ]
    for args, message in cases:
        one_line_error(await kinerja(*args, db_url=database_url), message)


async def test_cli_rollups_check_and_rebuild(api, world, database_url):
    await report_data(api, world)
    result = await kinerja("rollups", "check", db_url=database_url)
    assert result.returncode == 0 and result.stdout == b"", result.stderr
    assert b"agree" in result.stderr
    # a rollup row gone wrong (as a bulk loader writing base rows directly would leave it)
    row = await RatingRollup.get(period="2025", unit_id=0, predikat="BAIK", agency__code="DISDIK")
    row.ratings += 3
    await row.save(update_fields=["ratings"])
    result = await kinerja("rollups", "check", db_url=database_url)
    assert result.returncode == 1 and b"rating_rollup" in result.stdout and b"'predikat': 'BAIK'" in result.stdout
    assert b"1 difference" in result.stderr and b"rollups rebuild" in result.stderr
    wrong = (await kinerja("report", "predikat-distribution", "--period", "2025", "--agency", "DISDIK",
                           "--format", "csv", db_url=database_url)).stdout
    assert wrong.splitlines()[1].split(b",")[2:5] == [b"8", b"1", b"4"]  # the report reads the rollup
    result = await kinerja("rollups", "rebuild", db_url=database_url)
    assert result.returncode == 0 and b"rebuilt" in result.stderr, result.stderr
    assert (await kinerja("rollups", "check", db_url=database_url)).returncode == 0
    fixed = (await kinerja("report", "predikat-distribution", "--period", "2025", "--agency", "DISDIK",
                           "--format", "csv", db_url=database_url)).stdout
    assert fixed.splitlines()[1].split(b",")[2:5] == [b"5", b"1", b"1"]
    assert (await RatingRollup.get(period="2025", unit_id=0, predikat="BAIK", agency__code="DISDIK")).ratings == 1
