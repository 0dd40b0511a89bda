"""The XLSX exports beside the CSV ones: GET /reports/<name>.xlsx for every report of the registry and
GET /monitoring/people.xlsx, through the real app. Each holds the CSV's rows for the same parameters, read back with
openpyxl: the headers and enum values in Indonesian by services/reports/labels.py, numbers as numbers, the header
frozen with an autofilter, formula-like text as text; the scoping and the refusals are the CSV's, byte for byte.
The mapping itself is checked against the registry, the GraphQL schema's enums and the console's own labels."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from graphql import GraphQLEnumType, GraphQLObjectType, get_named_type
from openpyxl.utils import get_column_letter

from kinerja.graphql.schema import build_schema
from kinerja.services.auth import tokens
from kinerja.services.core import messages
from kinerja.services.reports import labels, monitoring_export, registry, xlsx
from kinerja.settings import Settings
from conftest import start_api, stop_api
from test_credit_points import functional_post
from test_reports import BELOW, MEETS, ORG, ok, rate, report_data
from world import CLERK, HEAD, TEACHER_1, TEACHER_2, nip

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "platform" / "kinerja" / "web" / "static" / "js"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@")
TRANSLATED_LISTS = {"curveWarnings": lambda w: messages.translate(w, messages.ID), "curveReference": labels.bound_label,
                    "runPredikats": lambda p: labels.PREDIKAT[p], "lowHistory": labels.low_rating}


@pytest.fixture(name="api")
async def reports_api(database_url: str):
    """The real app with room for the survey answers report_data sends from one address (as test_reports')."""
    api, handles = await start_api(database_url, feedback_limit=1000)
    yield api
    await stop_api(handles)


async def get(api, path: str, token: str | None = None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await api.client.get(path, params=params, headers=headers)


def csv_table(response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    return list(csv.reader(io.StringIO(response.text)))


def workbook(response):
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX_TYPE
    assert response.headers["cache-control"] == "no-store"
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.worksheets) == 1
    sheet = book.worksheets[0]
    # nothing is a formula: no <f> element in the sheet's XML
    with zipfile.ZipFile(io.BytesIO(response.content)) as z:
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in z.namelist() if "worksheets/" in n)
    return sheet


def check_sheet(sheet, n_rows: int, n_columns: int) -> None:
    """The header row frozen, the autofilter over the header and the rows, the header bold."""
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(n_columns)}{n_rows + 1}"
    assert all(c.font.bold for c in sheet[1])


def same_cell(column: str, text: str, cell) -> None:
    """The XLSX cell holds what the CSV cell says, as a spreadsheet should: a number as a number, an enum value and a
    yes/no as its label, a list's items in Indonesian, text as text (without the CSV's neutralising apostrophe)."""
    where = (column, text, cell.value, cell.coordinate)
    if text == "":
        assert cell.value is None, where
        return
    if column in TRANSLATED_LISTS:  # a list's items in Indonesian (an enum list's too: runPredikats)
        assert cell.data_type == "s", where
        assert cell.value == " | ".join(TRANSLATED_LISTS[column](w) for w in text.split(" | ")), where
        return
    if column in labels.COLUMN_ENUMS:
        assert cell.data_type == "s" and cell.value == labels.ENUM_LABELS[labels.COLUMN_ENUMS[column]][text], where
        return
    if re.fullmatch(r"-?\d+", text) and column not in ("nip", "NIP", "group", "label", "period"):
        assert cell.data_type == "n" and type(cell.value) is int and cell.value == int(text), where
        assert cell.number_format == "0", where
        return
    if re.fullmatch(r"-?\d+\.\d+", text) and column not in ("group", "label"):
        assert cell.data_type == "n" and isinstance(cell.value, (int, float)) and cell.value == float(text), where
        assert cell.number_format == labels.NUMBER_FORMATS.get(column, "0.00"), where
        return
    if text in ("true", "false"):
        assert cell.value == {"true": "Ya", "false": "Tidak"}[text], where
        return
    assert cell.data_type == "s", where
    if text.startswith("'") and text[1:].startswith((*FORMULA_STARTS, "\t", "\r")):
        assert cell.value == text[1:] and cell.quotePrefix, where  # text, and it stays text when edited
        return
    assert cell.value == text, where


def same_table(report: str | None, csv_rows: list[list[str]], sheet) -> None:
    header, *rows = csv_rows
    expected_header = [labels.header(report, c) for c in header] if report else header
    got = list(sheet.iter_rows())
    assert [c.value for c in got[0]] == expected_header
    assert len(got) == len(csv_rows), (report, len(got), len(csv_rows))
    for row, cells in zip(rows, got[1:]):
        assert len(cells) == len(row)
        for column, text, cell in zip(header, row, cells):
            same_cell(column, text, cell)
    check_sheet(sheet, len(rows), len(header))


def cases(name: str) -> list[dict]:
    """Parameters of a report, from its registry entry: its required arguments, every grouping it takes, and an
    agency where it takes one."""
    report = registry.REPORTS[name]
    base = {}
    for argument in report.required:
        if argument.field == "period":
            base["period"] = "2025-Q1" if name == "indicator-achievement" else "2025"
        elif argument.field == "from_period":
            base["from"] = "2025-Q1"
        elif argument.field == "to_period":
            base["to"] = "2025-Q4"
        elif argument.field == "agency":
            base["agency"] = "DISDIK"
        elif argument.field == "year":
            base["year"] = "2025"
    out = [base]
    if report.takes("group_by"):
        groups = labels.SATISFACTION_GROUP if name == "satisfaction-by-group" else labels.REPORT_GROUP
        out += [base | {"groupBy": g} for g in groups]
    if report.takes("agency") and "agency" not in base:
        out.append(base | {"agency": "DISDIK"})
    return out


# -- the mapping -----------------------------------------------------------------------------------------------------

def test_every_report_column_has_an_indonesian_header_and_every_report_a_sheet():
    assert registry.REPORTS
    for name, report in registry.REPORTS.items():
        headers = [labels.header(name, c) for c in report.columns]  # KeyError: a column without one
        assert all(h and h.strip() for h in headers), name
        assert len(set(headers)) == len(headers), (name, headers)  # a filter names one column
        title = labels.SHEET_TITLES[name]
        assert title == xlsx.safe_title(title), name
    # the monitoring's columns are Indonesian words already: the same header in both files
    assert all(not re.search(r"[a-z][A-Z]", c) for c in monitoring_export.COLUMNS)


def test_every_enum_an_export_holds_has_its_labels_from_the_schema():
    schema = build_schema(Settings())._schema
    enums = {name: t for name, t in schema.type_map.items() if isinstance(t, GraphQLEnumType)}
    for name, mapping in labels.ENUM_LABELS.items():
        assert name in enums, name
        assert set(mapping) == set(enums[name].values), (name, set(enums[name].values) ^ set(mapping))
        assert all(label and label != value for value, label in mapping.items() if "_" in value), name
    # every column of a report that GraphQL types as an enum anywhere has that enum's labels
    columns = {c for report in registry.REPORTS.values() for c in report.columns}
    typed = {}
    for t in schema.type_map.values():
        if isinstance(t, GraphQLObjectType) and not t.name.startswith("__"):
            for field, definition in t.fields.items():
                named = get_named_type(definition.type)
                if field in columns and isinstance(named, GraphQLEnumType):
                    typed.setdefault(field, set()).add(named.name)
    assert typed, "the schema types no report column as an enum: the walk is broken"
    for column, names in typed.items():
        assert {labels.COLUMN_ENUMS.get(column)} == names, (column, names)
    assert set(labels.COLUMN_ENUMS.values()) <= set(labels.ENUM_LABELS)


def js_map(path: Path, name: str) -> dict[str, str]:
    """`export const NAME = { KEY: 'Label', ... };` of a console module."""
    text = path.read_text(encoding="utf-8")
    body = re.search(rf"const {name} = \{{(.*?)\}};", text, re.S)
    assert body, (path, name)
    return dict(re.findall(r"([A-Z_]+): '([^']*)'", body.group(1)))


def test_the_labels_are_the_consoles_words():
    assert labels.PREDIKAT == js_map(JS / "ui.js", "PREDIKAT")
    assert labels.ORG_PREDIKAT == js_map(JS / "ui.js", "ORG_PREDIKAT")
    assert labels.EXPECTATION == js_map(JS / "ui.js", "EXPECTATION")
    assert labels.CYCLE_STATUS == js_map(JS / "ui.js", "CYCLE_STATUS")
    assert labels.OBJECTION_STATUS == js_map(JS / "objection_ui.js", "OBJECTION_STATUS")
    monitoring = (JS / "pages" / "monitoring.js").read_text(encoding="utf-8")
    gaps = dict(re.findall(r"\{ code: '([A-Z_0-9]+)', alias: '\w+', title: '([^']+)'", monitoring))
    facts = dict(re.findall(r"fact: '([A-Z_0-9]+)',(?: gap: '[A-Z_0-9]+',)?\s+title: '([^']+)'", monitoring))
    assert labels.MONITORING_GAP == gaps
    assert labels.MONITORING_FACT == facts
    groups = (JS / "satisfaction_groups.js").read_text(encoding="utf-8")
    assert labels.SATISFACTION_GROUP == dict(re.findall(r"\['([A-Z_]+)', '([^']+)'\]", groups))


def test_the_writer_types_its_cells():
    import asyncio

    sheet = xlsx.Sheet("Uji: [a/b]*?", ["Teks", "Bilangan", "Persen", "Tanggal", "Waktu", "Ya/Tidak"],
                       [None, None, '0.00" %"'])
    file = asyncio.run(xlsx.write(sheet, [
        ["=SUM(A1:A9)", 7, 62.5, dt.date(2025, 3, 1), dt.datetime(2025, 3, 1, 8, 30), True],
        ["a\x01b", None, 0.0, None, None, False]]))
    book = openpyxl.load_workbook(file)
    ws = book.active
    assert ws.title == "Uji   a b" and ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:F3"
    first, second = list(ws.iter_rows(min_row=2))
    assert (first[0].value, first[0].data_type, first[0].quotePrefix) == ("=SUM(A1:A9)", "s", True)
    assert (first[1].value, first[1].number_format) == (7, "0")
    assert (first[2].value, first[2].number_format) == (62.5, '0.00" %"')
    assert first[3].is_date and first[3].value.date() == dt.date(2025, 3, 1) and first[3].number_format == "dd/mm/yyyy"
    assert first[4].is_date and first[4].value == dt.datetime(2025, 3, 1, 8, 30)
    assert (first[5].value, second[5].value) == ("Ya", "Tidak")
    assert second[0].value == "ab" and second[1].value is None and second[2].value == 0
    assert labels.bound_label("SANGAT_BAIK more than 50 %: at least 4 of 6 (3 now)") == \
        "Sangat Baik lebih dari 50 %: perlu ≥ 4 dari 6, ada 3"
    assert labels.bound_label("BUTUH_PERBAIKAN + KURANG_MISCONDUCT at least 1: at least 1 of 5 (0 now)") == \
        "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang: perlu ≥ 1 dari 5, ada 0"
    assert labels.bound_label("something else") == "something else"


# -- the reports -----------------------------------------------------------------------------------------------------

async def clerk_low_in_a_row(api, t) -> None:
    """CLERK, KURANG_MISCONDUCT for the year 2025 in report_data, low in 2025-Q3 too: two adjacent evaluation periods
    (the third quarter, then the year), a row of consecutive-low-predikat."""
    await rate(api, t.head, t.head, CLERK, "2025-Q3", MEETS, BELOW)


async def test_every_report_as_xlsx_holds_the_csv_rows_in_indonesian(api, world):
    await clerk_low_in_a_row(api, await report_data(api, world))
    seen_enums: set[str] = set()
    for name in registry.REPORTS:
        for params in cases(name):
            csv_response = await get(api, f"/reports/{name}.csv", world.admin, **params)
            xlsx_response = await get(api, f"/reports/{name}.xlsx", world.admin, **params)
            rows = csv_table(csv_response)
            sheet = workbook(xlsx_response)
            assert sheet.title == labels.SHEET_TITLES[name]
            same_table(name, rows, sheet)
            disposition = csv_response.headers["content-disposition"]
            assert xlsx_response.headers["content-disposition"] == disposition.replace('.csv"', '.xlsx"')
            for column in labels.COLUMN_ENUMS:
                if column in rows[0]:
                    seen_enums |= {r[rows[0].index(column)] for r in rows[1:]} - {""}
    # the data has rows of every kind this test compares: predikat, organisation predikat, expectations
    assert {"BUTUH_PERBAIKAN", "SANGAT_KURANG", "ISTIMEWA", BELOW, MEETS} <= seen_enums, seen_enums

    # in words: DISDIK's curve warnings and reference in Indonesian, the predikat labelled, numbers as numbers
    sheet = workbook(await get(api, "/reports/predikat-distribution.xlsx", world.admin, period="2025"))
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Kode Perangkat Daerah/Unit", "Perangkat Daerah/Unit Kerja", "Jumlah Dinilai"]
    disdik = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "DISDIK")
    values = dict(zip(header, (c.value for c in disdik)))
    assert values["Predikat Organisasi"] == "Butuh Perbaikan" and values["Jumlah Dinilai"] == 5
    assert values["Kurva Acuan"] == ("Sangat Baik paling banyak 10 %: boleh ≤ 0 dari 5, ada 1 | "
                                     "Butuh Perbaikan paling sedikit 60 %: perlu ≥ 3 dari 5, ada 1")
    assert values["Peringatan Kurva"] and not re.search(r"\b(the|must|at least|at most)\b", values["Peringatan Kurva"])
    sheet = workbook(await get(api, "/reports/indicator-achievement.xlsx", world.admin, period="2025-Q1"))
    assert [c.value for c in sheet[2]] == ["DISDIK", "DISDIK.PARTISIPASI_MASYARAKAT", 2, 62.5, 0]
    assert sheet["D2"].number_format == '0.00" %"'
    sheet = workbook(await get(api, "/reports/follow-ups.xlsx", world.admin, period="2025"))
    first = {h.value: c.value for h, c in zip(sheet[1], sheet[2])}
    assert first["NIP"] == TEACHER_1 and first["Predikat"] == "Butuh Perbaikan"
    assert (first["Hasil Kerja"], first["Perilaku Kerja"]) == ("Di Bawah Ekspektasi", "Sesuai Ekspektasi")
    sheet = workbook(await get(api, "/reports/satisfaction-by-group.xlsx", world.admin, period="2025",
                               groupBy="UNIT"))
    row = {h.value: c.value for h, c in zip(sheet[1], sheet[2])}
    assert (row["IKM"], row["Mutu"], row["Sampel Cukup"], row["Kelompok Kecil Digabung"]) == (91.67, "A", "Tidak",
                                                                                            "Tidak")
    assert sheet["E2"].number_format == "0.00"


async def test_every_follow_up_row_when_read_a_page_at_a_time(api, world, monkeypatch):
    from kinerja.services.reports import export as report_export

    await report_data(api, world)
    whole = csv_table(await get(api, "/reports/follow-ups.csv", world.admin, period="2025"))
    monkeypatch.setattr(report_export, "MAX_PAGE", 1)
    same_table("follow-ups", whole, workbook(await get(api, "/reports/follow-ups.xlsx", world.admin, period="2025")))


async def test_xlsx_reports_are_scoped_and_refused_as_the_csv(api, world):
    t = await report_data(api, world)
    await clerk_low_in_a_row(api, t)
    await functional_post(api, world.admin, TEACHER_1)  # credit-points: TEACHER_1 (rated) in a post with a coefficient
    for name in registry.REPORTS:
        params = cases(name)[0]
        csv_path, xlsx_path = f"/reports/{name}.csv", f"/reports/{name}.xlsx"
        # an agency admin: its own rows, as in the CSV; another agency's code: the header alone
        for token in (world.disdik_admin, world.dinkes_admin):
            rows = csv_table(await get(api, csv_path, token, **params))
            sheet = workbook(await get(api, xlsx_path, token, **params))
            same_table(name, rows, sheet)
        own = [[c.value for c in r] for r in workbook(await get(api, xlsx_path, world.disdik_admin,
                                                                **params)).iter_rows(min_row=2)]
        assert own and "DINKES" not in repr(own), (name, own)
        assert workbook(await get(api, xlsx_path, world.disdik_admin, **(params | {"agency": "DINKES"}))).max_row == 1
        # refusals: the same status, body and headers as the CSV's
        refusals = [({}, None), ({"Authorization": "Bearer knj_nope"}, None), ({}, t.head), ({}, world.nurse)]
        for headers, token in refusals:
            if token:
                headers = {"Authorization": f"Bearer {token}"}
            a = await api.client.get(csv_path, params=params, headers=headers)
            b = await api.client.get(xlsx_path, params=params, headers=headers)
            assert a.status_code == b.status_code and a.status_code in (401, 403), (name, a.status_code, b.status_code)
            assert a.text == b.text and "DISDIK" not in b.text
            assert a.headers.get("www-authenticate") == b.headers.get("www-authenticate")
            assert b.headers["content-type"].startswith("text/plain")
    bad = [
        ("predikat-distribution", {}),
        ("predikat-distribution", {"period": "2025-Q5"}),
        ("predikat-distribution", {"period": "2025", "groupBy": "REGION"}),
        ("predikat-distribution", {"period": "2025", "group_by": "UNIT"}),
        ("follow-ups", {"period": "2025", "groupBy": "AGENCY"}),
        ("predikat-trend", {"from": "2025-Q3", "to": "2025-Q1"}),
        ("satisfaction-by-group", {"period": "2025", "groupBy": "HEIGHT"}),
        ("headcount", {"period": "2025"}),
    ]
    for name, params in bad:
        for language in ("en", "id"):
            headers = {"Authorization": f"Bearer {world.admin}", "Accept-Language": language}
            a = await api.client.get(f"/reports/{name}.csv", params=params, headers=headers)
            b = await api.client.get(f"/reports/{name}.xlsx", params=params, headers=headers)
            assert (b.status_code, b.text, b.headers["x-error-code"]) == (
                a.status_code, a.text, a.headers["x-error-code"]), (name, params)
            assert b.status_code in (400, 404)
    assert (await api.client.post("/reports/follow-ups.xlsx?period=2025",
                                  headers={"Authorization": f"Bearer {world.admin}"})).status_code == 405


async def test_formula_like_text_stays_text_in_the_xlsx(api, world):
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

    for name, params, cell, value in [
            ("predikat-distribution", {"period": "2025", "groupBy": "UNIT"}, "B2", '=HYPERLINK("http://x")'),
            ("predikat-distribution", {"period": "2025"}, "B2", "@SUM(A1:A9)"),
            ("follow-ups", {"period": "2025"}, "B2", "-2+3"),
            ("follow-ups", {"period": "2025"}, "C2", "+Staf")]:
        csv_rows = csv_table(await get(api, f"/reports/{name}.csv", admin, **params))
        sheet = workbook(await get(api, f"/reports/{name}.xlsx", admin, **params))
        same_table(name, csv_rows, sheet)
        assert (sheet[cell].value, sheet[cell].data_type, sheet[cell].quotePrefix) == (value, "s", True), (name, cell)


# -- the monitoring list ---------------------------------------------------------------------------------------------

async def test_the_monitoring_list_as_xlsx_holds_the_csv_rows(api, world):
    await report_data(api, world)
    await ok(api, """mutation($nip: String!) { upsertPeople(input: [{nip: $nip, name: "=HYPERLINK(\\"x\\") Sumarni",
      employmentType: PNS, position: "+Guru", agency: "DISDIK", unit: "SDN-001", supervisor: "%s"}]) {
      people { nip } errors { code } } }""" % HEAD, world.admin, nip=nip(9))
    lists = [{"has": "PEOPLE"}, {"has": "FINALIZED"}, {"missing": "NOT_FINALIZED"}, {"missing": "NO_FEEDBACK"},
             {"has": "PEOPLE", "agency": "DISDIK", "unit": "SDN-001"}, {"has": "FINALIZED", "period": "2025-Q1"}]
    for extra in lists:
        params = {"cycle": "2025", **extra}
        for token in (world.admin, world.disdik_admin, world.principal):
            a = await get(api, "/monitoring/people.csv", token, **params)
            b = await get(api, "/monitoring/people.xlsx", token, **params)
            rows = csv_table(a)
            sheet = workbook(b)
            assert sheet.title == labels.MONITORING_SHEET
            same_table(None, rows, sheet)
            assert b.headers["content-disposition"] == a.headers["content-disposition"].replace('.csv"', '.xlsx"')
            side = extra.get("missing") or extra.get("has")
            title = (labels.MONITORING_GAP if "missing" in extra else labels.MONITORING_FACT)[side]
            assert sheet.parent.properties.title == title
    everyone = csv_table(await get(api, "/monitoring/people.csv", world.admin, cycle="2025", has="PEOPLE"))
    assert len(everyone) > 5
    sheet = workbook(await get(api, "/monitoring/people.xlsx", world.admin, cycle="2025", has="PEOPLE"))
    odd = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == nip(9))
    assert (odd[1].value, odd[1].data_type, odd[2].value) == ('=HYPERLINK("x") Sumarni', "s", "+Guru")
    # a supervisor: their direct subordinates, as in the CSV
    mine = workbook(await get(api, "/monitoring/people.xlsx", world.principal, cycle="2025", has="PEOPLE"))
    assert [r[0].value for r in mine.iter_rows(min_row=2)] == [TEACHER_1, TEACHER_2]


async def test_the_monitoring_xlsx_is_refused_as_the_csv(api, world):
    await report_data(api, world)
    for params, token in (
            ({"cycle": "2025", "has": "PEOPLE"}, None),
            ({"cycle": "2025", "has": "PEOPLE"}, "not-a-token"),
            ({"has": "PEOPLE"}, world.admin),
            ({"cycle": "2025"}, world.admin),
            ({"cycle": "2025", "has": "NOPE"}, world.admin),
            ({"cycle": "2025", "has": "PEOPLE", "nip": "x"}, world.admin),
            ({"cycle": "2031", "has": "PEOPLE"}, world.admin),
            ({"cycle": "2025", "has": "PEOPLE", "agency": "DISDIK"}, world.dinkes_admin)):
        a = await get(api, "/monitoring/people.csv", token, **params)
        b = await get(api, "/monitoring/people.xlsx", token, **params)
        assert (b.status_code, b.text) == (a.status_code, a.text), params
        assert b.status_code in (400, 401, 404) and b.headers["content-type"].startswith("text/plain")
        assert a.headers.get("www-authenticate") == b.headers.get("www-authenticate")
