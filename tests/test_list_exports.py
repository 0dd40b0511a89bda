"""The console's lists as files (services/reports/lists.py, http/list_files.py): the objections, the audit trail, a
person's work log and the measurements, each as CSV and, the same rows, as XLSX, with each list's own scope: the rows
are what the list's query answers the same viewer, and the refusals are the same for either file.

On the seeded world (tests/seeded.py), both databases.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest

from kinerja.services.reports import audit_labels, labels, lists, xlsx
from seeded import CANARY, DPM, NAMES, make_env, seed
from world import NURSE, PRINCIPAL, TEACHER_1, TEACHER_2

ROOT = Path(__file__).resolve().parent.parent
AUDIT_JS = ROOT / "platform" / "kinerja" / "web" / "static" / "js" / "pages" / "audit.js"
DATETIMES = {"filedAt", "decidedAt", "at", "recordedAt"}
INTEGERS = {"objection", "minutes"}
NUMBERS = {"target", "targetLower", "targetUpper", "value", "achievement"}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def env(request, tmp_path_factory, sqlite_template):
    env = make_env(request, tmp_path_factory, sqlite_template, feedback_limit=1000)
    yield env
    env.close()


@pytest.fixture(name="seeded")
def seeded_world(env):
    return env.use("seeded", seed)


def get(env, api, path: str, token: str | None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return env.run(api.client.get(path, params=params, headers=headers))


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["cache-control"] == "no-store"
    return list(csv.reader(io.StringIO(response.text)))


def sheet_of(response):
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == xlsx.MEDIA_TYPE
    return openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]


def both(env, api, name: str, token: str | None, **params) -> list[list[str]]:
    """The list's CSV rows, after checking that its XLSX holds the same rows in Indonesian."""
    a = get(env, api, f"/exports/{name}.csv", token, **params)
    b = get(env, api, f"/exports/{name}.xlsx", token, **params)
    table = rows_of(a)
    same_sheet(name, table, sheet_of(b))
    assert b.headers["content-disposition"] == a.headers["content-disposition"].replace('.csv"', '.xlsx"')
    return table


def same_sheet(name: str, table: list[list[str]], sheet) -> None:
    header, *rows = table
    assert header == list(lists.LISTS[name].columns)
    assert sheet.title == labels.SHEET_TITLES[name]
    got = list(sheet.iter_rows())
    assert [c.value for c in got[0]] == [labels.header(name, c) for c in header]
    assert len(got) == len(table)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    for row, cells in zip(rows, got[1:]):
        for column, text, cell in zip(header, row, cells):
            same_cell(column, text, cell)


def same_cell(column: str, text: str, cell) -> None:
    where = (column, text, cell.value)
    if text == "":
        assert cell.value is None, where
    elif column in DATETIMES:
        at = dt.datetime.fromisoformat(text)
        assert at.utcoffset() == dt.timedelta(hours=7), where  # WIB in the CSV
        assert cell.value == at.replace(tzinfo=None) and cell.number_format == xlsx.DATETIME_FORMAT, where
    elif column == "day":
        assert cell.value.date() == dt.date.fromisoformat(text) and cell.number_format == xlsx.DATE_FORMAT, where
    elif column in labels.COLUMN_ENUMS:
        assert cell.value == labels.ENUM_LABELS[labels.COLUMN_ENUMS[column]][text], where
    elif column == "action":
        assert cell.value == audit_labels.AUDIT_ACTION[text], where
    elif column == "entity":
        assert cell.value == audit_labels.AUDIT_ENTITY[text], where
    elif column == "actor":
        assert cell.value == audit_labels.actor_label(text) and cell.value != text, where
    elif column in INTEGERS:
        assert type(cell.value) is int and cell.value == int(text), where
    elif column in NUMBERS:
        assert cell.data_type == "n" and cell.value == pytest.approx(float(text), abs=0.005), where
    else:
        assert cell.data_type == "s" and cell.value == text, where


# -- the words ---------------------------------------------------------------------------------------------------


def _js_table(text: str, name: str) -> dict[str, str]:
    block = text[text.index(f"export const {name} = {{"):]
    block = block[:block.index("};")]
    return dict(re.findall(r"^\s*'?([\w.]+)'?: '([^']*)',", block, re.M))


def test_the_audit_words_are_the_pages():
    text = AUDIT_JS.read_text(encoding="utf-8")
    assert dict(audit_labels.AUDIT_ACTION) == _js_table(text, "ACTION_LABEL")
    assert dict(audit_labels.AUDIT_ENTITY) == _js_table(text, "ENTITY_LABEL")
    fixed = dict(re.findall(r"(\w+): '([^']*)'", text[text.index("const FIXED_ACTORS"):].split("\n")[0]))
    assert dict(audit_labels.FIXED_ACTORS) == fixed
    assert audit_labels.actor_label("nip:199001012015011001") == "NIP 199001012015011001"
    assert audit_labels.actor_label("token:12") == "Token API #12"
    assert audit_labels.actor_label("cli:root") == "Operator (baris perintah): root"
    assert audit_labels.actor_label("nip:hidden") == "Pegawai di luar akses Anda"
    assert audit_labels.actor_label("odd") == "Proses lain"
    assert audit_labels.action_label("no.such") == "Perubahan lain"


def test_every_list_column_has_a_header_and_every_list_a_sheet():
    for name, console_list in lists.LISTS.items():
        assert name in labels.SHEET_TITLES and len(labels.SHEET_TITLES[name]) <= 31
        for column in console_list.columns:
            assert labels.header(name, column), (name, column)
        assert set(console_list.required) <= set(console_list.parameters)
        assert name in lists.FILE_WORDS


# -- the rows are the list's -------------------------------------------------------------------------------------

OBJECTIONS = "{ objections(first: 100) { id period status oldPredikat newPredikat person { nip name } } }"


def test_objections_are_the_viewers_list(env, seeded):
    api, s = seeded
    w = s.world
    for token in (w.admin, w.disdik_admin, w.dinkes_admin, w.teacher, w.principal, w.nurse, s.dinkes_head):
        listed = env.run(api.gql(OBJECTIONS, token=token))["objections"]
        table = both(env, api, "objections", token)
        assert [r[0] for r in table[1:]] == [o["id"] for o in listed]
        for row, o in zip(table[1:], listed):
            assert row[1:3] == ([o["person"]["nip"], o["person"]["name"]] if o["person"] else ["", ""])
            assert (row[4], row[5], row[7]) == (o["period"], o["oldPredikat"], o["status"])
    everyone = both(env, api, "objections", w.admin)
    assert {r[1] for r in everyone[1:]} == {TEACHER_1, NURSE}
    assert [r[1] for r in both(env, api, "objections", w.disdik_admin)[1:]] == [TEACHER_1]
    assert [r[1] for r in both(env, api, "objections", w.teacher)[1:]] == [TEACHER_1]
    assert [r[1] for r in both(env, api, "objections", w.admin, agency="DINKES", status="OPEN")[1:]] == [NURSE]
    assert both(env, api, "objections", w.admin, status="UPHELD")[1:] == []


def test_the_audit_trail_is_the_pages_events(env, seeded, monkeypatch):
    api, s = seeded
    w = s.world
    monkeypatch.setattr(lists, "PAGE", 7)  # several pages
    query = """query($after: String, $agency: String) { auditEvents(first: 100, after: $after, agency: $agency) {
      events { at actor action entity entityId } nextCursor } }"""
    for token, agency in ((w.admin, None), (w.disdik_admin, None), (w.admin, "DINKES")):
        events, after = [], None
        while True:
            page = env.run(api.gql(query, token=token, after=after, agency=agency))["auditEvents"]
            events += page["events"]
            after = page["nextCursor"]
            if after is None:
                break
        table = both(env, api, "audit-events", token, **({"agency": agency} if agency else {}))
        assert len(table) - 1 == len(events) > 7
        for row, e in zip(table[1:], events):
            assert dt.datetime.fromisoformat(row[0]) == dt.datetime.fromisoformat(e["at"]).replace(microsecond=0)
            assert row[1:] == [e["actor"], e["action"], e["entity"], e["entityId"]]
    mine = both(env, api, "audit-events", w.admin, entity="objection", action="objection.file")
    assert len(mine) - 1 == 2 and {r[2] for r in mine[1:]} == {"objection.file"}
    day = both(env, api, "audit-events", w.admin, **{"from": "2000-01-01", "to": "2000-01-31"})
    assert day == [list(lists.LISTS["audit-events"].columns)]


def test_a_work_log_is_its_persons(env, seeded):
    api, s = seeded
    w = s.world
    march = {"from": "2025-03-01", "to": "2025-03-31"}
    for token in (w.admin, w.disdik_admin, w.principal, w.teacher):
        table = both(env, api, "work-log", token, nip=TEACHER_1, **march)
        assert [r[:3] for r in table[1:]] == [[TEACHER_1, NAMES[TEACHER_1], "2025-03-03"]]
        assert table[1][5:7] == [f"Kegiatan {CANARY['DISDIK']}", "60"]
    assert both(env, api, "work-log", w.teacher, nip=TEACHER_1, **{"from": "2025-04-01", "to": "2025-04-30"})[1:] == []
    nurse = both(env, api, "work-log", s.dinkes_head, nip=NURSE, **march)
    assert [r[0] for r in nurse[1:]] == [NURSE]


def test_measurements_are_the_person_pages_and_the_scopes(env, seeded):
    api, s = seeded
    w = s.world
    person = """query($nip: String!) { person(nip: $nip) { targets(cycle: 2025) { workResult value
      indicator { code } measurements { period value achievement suggestedRating evidenceUrl specVersion } } } }"""
    for token in (w.admin, w.disdik_admin, w.principal, w.teacher):
        targets = env.run(api.gql(person, token=token, nip=TEACHER_1))["person"]["targets"]
        table = both(env, api, "measurements", token, cycle="2025", nip=TEACHER_1)
        expected = [(t["workResult"], t["indicator"]["code"], m["period"], m["suggestedRating"], m["evidenceUrl"] or "",
                     m["specVersion"]) for t in targets for m in t["measurements"]]
        assert [(r[3], r[4], r[10], r[13], r[14], r[15]) for r in table[1:]] == expected
        assert table[1][:3] == [TEACHER_1, NAMES[TEACHER_1], "DISDIK"]
        assert float(table[1][12]) == pytest.approx(targets[0]["measurements"][0]["achievement"], abs=0.005)
    by_scope = {"admin": {TEACHER_1, TEACHER_2, DPM}, "disdik_admin": {TEACHER_1, TEACHER_2},
                "principal": {TEACHER_1, TEACHER_2}, "teacher": {TEACHER_1}, "dinkes_admin": set()}
    for role, nips in by_scope.items():
        table = both(env, api, "measurements", getattr(w, role), cycle="2025")
        assert {r[0] for r in table[1:]} == nips, role
    admin = both(env, api, "measurements", w.admin, cycle="2025")
    assert {r[2] for r in admin[1:]} >= {"DISDIK", "DPMPTSP"}
    assert {r[10] for r in both(env, api, "measurements", w.admin, cycle="2025", period="2025-Q2")[1:]} <= {"2025-Q2"}
    disdik_only = both(env, api, "measurements", w.admin, cycle="2025", agency="DISDIK")
    assert {r[2] for r in disdik_only[1:]} == {"DISDIK"}


# -- refusals: the same for either file, nothing half-written ------------------------------------------------------

def test_refusals_name_the_problem(env, seeded):
    api, s = seeded
    w = s.world
    cases = [
        ("objections", None, {}, 401, "UNAUTHENTICATED"),
        ("objections", "not-a-token", {}, 401, "UNAUTHENTICATED"),
        ("nothing", w.admin, {}, 404, "NOT_FOUND"),
        ("objections", w.admin, {"nip": TEACHER_1}, 400, "BAD_ARGUMENT"),
        ("objections", w.admin, {"status": "NOPE"}, 400, "BAD_ARGUMENT"),
        ("objections", w.dinkes_admin, {"agency": "DISDIK"}, 404, "NOT_FOUND"),
        ("audit-events", w.teacher, {}, 403, "FORBIDDEN"),
        ("audit-events", w.principal, {}, 403, "FORBIDDEN"),
        ("audit-events", w.admin, {"from": "2025-13-01"}, 400, "BAD_ARGUMENT"),
        ("audit-events", w.admin, {"from": "2025-03-02", "to": "2025-03-01"}, 400, "INVALID_RANGE"),
        ("audit-events", w.disdik_admin, {"agency": "DINKES"}, 404, "NOT_FOUND"),
        ("work-log", w.admin, {"from": "2025-03-01", "to": "2025-03-31"}, 400, "REQUIRED"),
        ("work-log", w.admin, {"nip": TEACHER_1, "to": "2025-03-31"}, 400, "REQUIRED"),
        ("work-log", w.admin, {"nip": TEACHER_1, "from": "3 Maret", "to": "2025-03-31"}, 400, "BAD_ARGUMENT"),
        ("work-log", w.admin, {"nip": TEACHER_1, "from": "2024-01-01", "to": "2025-12-31"}, 400, "RANGE_TOO_LONG"),
        ("work-log", w.dinkes_admin, {"nip": TEACHER_1, "from": "2025-03-01", "to": "2025-03-31"}, 404, "NOT_FOUND"),
        ("work-log", w.teacher, {"nip": TEACHER_2, "from": "2025-03-01", "to": "2025-03-31"}, 404, "NOT_FOUND"),
        ("work-log", w.admin, {"nip": "1" * 30, "from": "2025-03-01", "to": "2025-03-31"}, 404, "NOT_FOUND"),
        ("measurements", w.admin, {}, 400, "REQUIRED"),
        ("measurements", w.admin, {"cycle": "dua ribu"}, 400, "BAD_ARGUMENT"),
        ("measurements", w.admin, {"cycle": "2031"}, 404, "NOT_FOUND"),
        ("measurements", w.admin, {"cycle": "2025", "period": "2025-Q9"}, 400, "INVALID_PERIOD"),
        ("measurements", w.teacher, {"cycle": "2025", "nip": TEACHER_2}, 404, "NOT_FOUND"),
        ("measurements", w.dinkes_admin, {"cycle": "2025", "nip": TEACHER_1}, 404, "NOT_FOUND"),
        ("measurements", w.disdik_admin, {"cycle": "2025", "agency": "DINKES"}, 404, "NOT_FOUND"),
        ("measurements", w.admin, {"cycle": "2025", "cycle2": "x"}, 400, "BAD_ARGUMENT"),
    ]
    for name, token, params, status, code in cases:
        a = get(env, api, f"/exports/{name}.csv", token, **params)
        b = get(env, api, f"/exports/{name}.xlsx", token, **params)
        where = (name, params, a.status_code, a.text)
        assert (a.status_code, a.headers.get("x-error-code")) == (status, code), where
        assert (b.status_code, b.text) == (a.status_code, a.text), where
        assert a.headers["content-type"].startswith("text/plain") and "content-disposition" not in a.headers
    # in Indonesian when asked
    said = env.run(api.client.get("/exports/work-log.csv", params={"from": "2025-03-01", "to": "2025-03-31"},
                                  headers={"Authorization": f"Bearer {w.admin}", "Accept-Language": "id"}))
    assert said.text.strip() == "NIP wajib diisi."
    # a repeated parameter
    twice = env.run(api.client.get("/exports/measurements.csv?cycle=2025&cycle=2026",
                                   headers={"Authorization": f"Bearer {w.admin}"}))
    assert (twice.status_code, twice.headers["x-error-code"]) == (400, "BAD_ARGUMENT")


def test_formula_like_text_stays_text(env, seeded):
    api, s = seeded
    w = s.world
    done = env.run(api.gql("""mutation($input: [WorkLogInput!]!) { logWork(input: $input) { entries { id }
      errors { code message } } }""", token=w.admin, input=[
        {"nip": PRINCIPAL, "day": "2025-03-04", "text": "=HYPERLINK(\"http://x\")", "minutes": 30},
        {"nip": PRINCIPAL, "day": "2025-03-05", "text": "+62 rapat", "minutes": 15}]))
    assert not done["logWork"]["errors"], done
    a = get(env, api, "/exports/work-log.csv", w.admin, nip=PRINCIPAL, **{"from": "2025-03-01", "to": "2025-03-31"})
    texts = [r[5] for r in rows_of(a)[1:]]
    assert texts == ["'+62 rapat", "'=HYPERLINK(\"http://x\")"]
    sheet = sheet_of(get(env, api, "/exports/work-log.xlsx", w.admin, nip=PRINCIPAL,
                         **{"from": "2025-03-01", "to": "2025-03-31"}))
    cells = [row[5] for row in sheet.iter_rows(min_row=2)]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
        ("+62 rapat", "s", True), ("=HYPERLINK(\"http://x\")", "s", True)]
