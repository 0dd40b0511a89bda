"""The report registry: a report added the way a new one is added (its rows and columns, as its module in
services/reports/ would have them, and one registered entry) is served by the CSV export and by `kinerja report`
with nothing else touched, and is gone again once unregistered; the registered reports agree with their GraphQL
queries (arguments, limits, row types named after the columns)."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from operator import attrgetter

import pytest
from strawberry.utils.str_converters import to_camel_case

from conftest import forget_dialect
from kinerja import cli
from kinerja.graphql import reports as graphql_reports
from kinerja.graphql.limits import LIMITS
from kinerja.graphql.schema import build_schema
from kinerja.models import Agency, Unit
from kinerja.services.reports import registry
from kinerja.services.reports.scope import check_period, scope_of
from kinerja.settings import Settings
from test_cli import with_db
from world import build_world

FIVE = ["predikat-distribution", "indicator-achievement", "satisfaction-by-group", "predikat-trend", "follow-ups",
        "consecutive-low-predikat", "talent-list", "credit-points"]  # the registered reports (once five)

# -- the dummy report: what its module in services/reports/ would hold ----------------------------------------------

NAME = "agency-units"


@dataclass(frozen=True)
class AgencyUnits:
    code: str
    name: str
    period: str
    units: int


COLUMNS = {"agency": attrgetter("code"), "name": attrgetter("name"), "period": attrgetter("period"),
           "units": attrgetter("units")}


async def rows(ctx: registry.Context, a: registry.Arguments) -> list[AgencyUnits]:
    """Each agency in the viewer's scope with its number of units."""
    scope = await scope_of(ctx.access, a.agency)
    period = check_period(a.period)
    if scope.empty:
        return []
    found = Agency.all() if scope.agency_id is None else Agency.filter(id=scope.agency_id)
    return [AgencyUnits(agency.code, agency.name, period, await Unit.filter(agency_id=agency.id).count())
            for agency in await found.order_by("code")]


@pytest.fixture
def dummy():
    """The dummy report registered (its one registry line) for the test, and unregistered after it."""
    report = registry.register(registry.Report(NAME, (registry.PERIOD,), (registry.AGENCY,), COLUMNS, rows=rows))
    try:
        yield report
    finally:
        registry.unregister(NAME)


EXPECTED = (b"agency,name,period,units\r\n"
            b"DINKES,Dinas Kesehatan Kota Tanjungpinang,2025,1\r\n"
            b"DISDIK,Dinas Pendidikan Kota Tanjungpinang,2025,2\r\n")


# -- the CSV export, through the real app ----------------------------------------------------------------------------

async def get(api, path: str, token: str | None = None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await api.client.get(path, params=params, headers=headers)


async def test_a_registered_report_is_exported_as_csv(api, world, dummy):
    response = await get(api, f"/reports/{NAME}.csv", world.admin, period="2025")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == f'attachment; filename="{NAME}-2025.csv"'
    assert response.content == EXPECTED
    # scoped as every report: an agency admin reads its own agency; another one reads as the header alone
    response = await get(api, f"/reports/{NAME}.csv", world.disdik_admin, period="2025")
    assert list(csv.reader(io.StringIO(response.text))) == [
        ["agency", "name", "period", "units"], ["DISDIK", "Dinas Pendidikan Kota Tanjungpinang", "2025", "2"]]
    response = await get(api, f"/reports/{NAME}.csv", world.disdik_admin, period="2025", agency="DINKES")
    assert response.text == "agency,name,period,units\r\n"
    response = await get(api, f"/reports/{NAME}.csv", world.admin, period="2025", agency="disdik")
    assert response.headers["content-disposition"] == f'attachment; filename="{NAME}-2025-DISDIK.csv"'
    # its arguments: required, foreign and bad values, as the entry says
    for params, message in [({}, f"period is required for {NAME}"),
                            ({"period": "2025", "groupBy": "UNIT"}, f"groupBy does not apply to {NAME}"),
                            ({"from": "2025", "period": "2025"}, f"from does not apply to {NAME}"),
                            ({"period": "2025-Q5"}, "period must be YYYY, YYYY-Qn or YYYY-MM")]:
        response = await get(api, f"/reports/{NAME}.csv", world.admin, **params)
        assert response.status_code == 400 and message in response.text, (params, response.text)
    assert (await get(api, f"/reports/{NAME}.csv", world.nurse, period="2025")).status_code == 403
    assert (await get(api, f"/reports/{NAME}.csv", period="2025")).status_code == 401
    response = await get(api, "/reports/nope.csv", world.admin, period="2025")
    assert response.status_code == 404
    assert response.text == f"no report 'nope'; reports are: {', '.join(FIVE)}, {NAME}\n"


async def test_an_unregistered_report_is_gone(api, world):
    assert list(registry.REPORTS) == FIVE
    response = await get(api, f"/reports/{NAME}.csv", world.admin, period="2025")
    assert response.status_code == 404 and response.text == f"no report '{NAME}'; reports are: {', '.join(FIVE)}\n"


def test_register_refuses_a_taken_name_and_unregister_an_unknown_one(dummy):
    with pytest.raises(ValueError, match="registered already"):
        registry.register(registry.Report(NAME, (registry.PERIOD,), (), COLUMNS, rows=rows))
    with pytest.raises(KeyError):
        registry.unregister("nope")
    with pytest.raises(ValueError, match="rows or page"):
        registry.Report("x", (), (), COLUMNS)
    assert list(registry.REPORTS) == [*FIVE, NAME]


# -- `kinerja report` -------------------------------------------------------------------------------------------------
# In-process through cli.main, not as a subprocess (as tests/test_report_exports.py runs it): a registration made by
# this test lives in this process only.

in_db = with_db  # the CLI tests' way of running work against a database from this process


def test_kinerja_report_prints_a_registered_report(database_url, dummy, capsysbinary, monkeypatch):
    for key in [k for k in os.environ if k.startswith("KINERJA_")]:  # not a developer's settings
        monkeypatch.delenv(key)
    in_db(database_url, build_world)
    forget_dialect()
    assert cli.main(["report", NAME, "--period", "2025", "--format", "csv", "--db", database_url]) == 0
    out = capsysbinary.readouterr()
    assert out.out == EXPECTED, out
    assert cli.main(["report", NAME, "--period", "2025", "--agency", "DINKES", "--db", database_url]) == 0
    lines = capsysbinary.readouterr().out.decode().splitlines()
    assert lines[0].split() == ["agency", "name", "period", "units"] and set(lines[1]) == {"-", " "}
    assert lines[2].split() == ["DINKES", "Dinas", "Kesehatan", "Kota", "Tanjungpinang", "2025", "1"]
    assert len(lines) == 3
    # the entry's arguments, named as options
    for args, message in [([], f"--period is required for {NAME}"),
                          (["--period", "2025", "--group-by", "UNIT"], f"--group-by does not apply to {NAME}"),
                          (["--period", "2025-13"], "--period must be YYYY, YYYY-Qn or YYYY-MM")]:
        assert cli.main(["report", NAME, *args, "--db", database_url]) == 1
        out = capsysbinary.readouterr()
        assert out.out == b"" and message in out.err.decode() and len(out.err.splitlines()) == 1, (args, out)
    assert cli.main(["report", "nope", "--period", "2025", "--db", database_url]) == 1
    assert capsysbinary.readouterr().err.decode() == \
        f"kinerja: error: no report 'nope'; reports are: {', '.join(FIVE)}, {NAME}\n"
    # and its help names it
    monkeypatch.setenv("COLUMNS", "1000")  # help lines unwrapped
    with pytest.raises(SystemExit):
        cli.main(["report", "--help"])
    assert f" name {', '.join(FIVE)} or {NAME} " in " ".join(capsysbinary.readouterr().out.decode().split())
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert f"print a report (as ADMIN): {', '.join(FIVE)}, {NAME}\n" in capsysbinary.readouterr().out.decode()


# -- the registered reports and their GraphQL queries ---------------------------------------------------------------

SCHEMA = build_schema(Settings())._schema


def test_each_report_query_takes_its_entry_arguments_and_limits():
    fields = {f.python_name: f for f in graphql_reports.Query.__strawberry_definition__.fields}
    assert [f.metadata["report"].name for f in fields.values()] == FIVE
    for report in registry.REPORTS.values():
        name = report.name.replace("-", "_")  # predikat-distribution: Query.predikatDistribution
        assert fields[name].metadata["report"] is report
        query = SCHEMA.query_type.fields[to_camel_case(name)]
        assert {a.name for a in report.arguments} <= set(query.args), report.name
        for argument in report.arguments:
            key = f"Query.{to_camel_case(name)}.{argument.name}"
            assert LIMITS.get(key) == argument.max_length, key
            if argument.max_length:
                assert f"At most {argument.max_length} characters" in query.args[argument.name].description


def test_row_types_are_named_after_their_columns():
    def names(type_name: str) -> list[str]:
        return list(SCHEMA.type_map[type_name].fields)

    assert names("DistributionRow") == list(registry.PREDIKAT_DISTRIBUTION.header)
    assert registry.PREDIKAT_TREND.columns is registry.PREDIKAT_DISTRIBUTION.columns  # written once
    assert names("AchievementRow") == list(registry.INDICATOR_ACHIEVEMENT.header)
    # group, label, respondents and withheld are columns; the index is one object where the export spreads it
    satisfaction = names("SatisfactionRow")
    assert satisfaction == ["group", "label", "respondents", "withheld", "index"]
    assert set(satisfaction) - {"index"} <= set(registry.SATISFACTION_BY_GROUP.header)
