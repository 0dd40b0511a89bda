"""The console's other lists as files, in Chromium on the read-only demo: the objections (#/keberatan), the audit trail
with its filters (#/jejak-audit), a person's SKP targets and measurements (#/person/<nip>) and one's own work log
(#/catatan-kerja). Each button fetches /exports/<list>.csv or .xlsx with the session's bearer header (never a token
in the address); the saved file holds what the same export answers over HTTP, the XLSX in Indonesian. A list over
the limit says why in Indonesian, on the page."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from browser.console_helpers import csv_rows, no_token_in_urls, wait_rendered
from kinerja.services.reports import labels, lists

expect = pytest.importorskip("playwright.sync_api").expect


def save(page, tmp_path, button: str):
    with page.expect_download() as download:
        page.locator(button).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    return download.value.suggested_filename, saved


def sheet_rows(path) -> list[list]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    return [[c.value for c in r] for r in sheet.iter_rows()]


def exports_seen(page) -> list:
    seen: list = []
    page.on("request", lambda r: seen.append(r) if "/exports/" in r.url else None)
    return seen


def headers(name: str) -> list[str]:
    return [labels.header(name, c) for c in lists.LISTS[name].columns]


def test_objections_and_the_filtered_audit_trail_download(server, page, use_token, tmp_path):
    admin = server.token("ADMIN")
    requests = exports_seen(page)
    use_token(page, admin)
    page.goto(f"{server.url}/#/keberatan")
    wait_rendered(page)
    name, path = save(page, tmp_path, "#objections-download-xlsx")
    expect(page.locator("#objections-download-done")).to_contain_text("telah diunduh")
    expected = csv_rows(server, "/exports/objections.csv", admin)
    rows = sheet_rows(path)
    assert name.startswith("keberatan-") and name.endswith(".xlsx")
    assert rows[0] == headers("objections")
    assert len(rows) == len(expected) >= 5  # the demo's objections: three of the closed year, two open
    assert [str(r[0]) for r in rows[1:]] == [r[0] for r in expected[1:]]
    status = expected[0].index("objectionStatus")
    assert {r[status] for r in rows[1:]} == {labels.OBJECTION_STATUS[r[status]] for r in expected[1:]}
    shown = page.locator("#visible-table tbody tr").count()
    assert shown == len(expected) - 1  # the page's list is the file's

    # the audit trail, filtered on the page: the file holds every matching event, not only the page shown
    page.goto(f"{server.url}/#/jejak-audit?entity=objection")
    wait_rendered(page)
    page.locator("#audit-events tbody tr").first.wait_for()
    name, path = save(page, tmp_path, "#audit-download")
    expect(page.locator("#audit-download-done")).to_contain_text("telah diunduh")
    assert name.startswith("jejak-audit-objection") and name.endswith(".csv")
    got = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert got == csv_rows(server, "/exports/audit-events.csv", admin, entity="objection")
    assert len(got) > 5 and {r[3] for r in got[1:]} == {"objection"}
    name, path = save(page, tmp_path, "#audit-download-xlsx")
    rows = sheet_rows(path)
    assert rows[0] == headers("audit-events") and len(rows) == len(got)
    assert {r[3] for r in rows[1:]} == {"Keberatan"}  # the kind of record in Indonesian
    no_token_in_urls(requests, admin)


def test_a_person_s_measurements_and_one_s_own_work_log_download(server, page, make_page, use_token, tmp_path):
    admin = server.token("ADMIN")
    cycles = server.gql("{ cycles { year status } }", token=admin)["data"]["cycles"]
    closed = next(c["year"] for c in cycles if c["status"] == "CLOSED")
    active = next(c["year"] for c in cycles if c["status"] == "ACTIVE")
    requests = exports_seen(page)
    use_token(page, admin)

    # a person's page, the closed year: the SKP targets with every measurement (a person measured that year)
    measured = server.gql("""query($p: String!) { measurements(period: $p) { target { person { nip } } } }""",
                          {"p": f"{closed}-Q1"}, admin)["data"]["measurements"]
    nip = next(m["target"]["person"]["nip"] for m in measured if m["target"]["person"])
    page.goto(f"{server.url}/#/person/{nip}?cycle={closed}")
    wait_rendered(page)
    name, path = save(page, tmp_path, "#measurements-download-xlsx")
    expect(page.locator("#measurements-download-done")).to_contain_text("telah diunduh")
    assert name == f"capaian-{closed}-{nip}.xlsx"
    expected = csv_rows(server, "/exports/measurements.csv", admin, cycle=str(closed), nip=nip)
    rows = sheet_rows(path)
    assert rows[0] == headers("measurements") and len(rows) == len(expected) > 1
    assert {r[0] for r in rows[1:]} == {nip}
    targets = page.locator("#targets article.target").count()
    assert len({r[3] for r in expected[1:]}) == targets  # every RHK on the page is in the file
    rating = expected[0].index("suggestedRating")
    assert {r[rating] for r in rows[1:]} <= set(labels.EXPECTATION.values()) | {None}
    no_token_in_urls(requests, admin)

    # one's own work log: the cycle's year
    head = server.account("EMPLOYEE")
    token = server.token("EMPLOYEE", nip=head.nip)
    own = make_page()
    requests = exports_seen(own)
    use_token(own, token)
    own.goto(f"{server.url}/#/catatan-kerja")
    wait_rendered(own)
    own.locator("#log-export-range").select_option("tahun")
    name, path = save(own, tmp_path, "#log-download")
    assert name == f"catatan-kerja-{head.nip}-{active}-01-01-{active}-12-31.csv"
    got = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert got == csv_rows(server, "/exports/work-log.csv", token, nip=head.nip, **{
        "from": f"{active}-01-01", "to": f"{active}-12-31"})
    assert got[0] == list(lists.LISTS["work-log"].columns)
    no_token_in_urls(requests, token)


def test_a_list_over_the_limit_says_so_in_indonesian(server_factory, page, use_token, browser_errors):
    browser_errors.allow(r"status of 400 .*/exports/audit-events\.csv")  # the refusal this test asks for
    srv = server_factory(env={"KINERJA_EXPORT_MAX_ROWS": "3"})
    admin = srv.token("ADMIN")
    use_token(page, admin)
    page.goto(f"{srv.url}/#/jejak-audit")
    wait_rendered(page)
    page.locator("#audit-download").click()
    box = page.locator("#audit-export .error-box")
    expect(box).to_contain_text("Daftar berisi lebih dari 3 baris")
    assert box.get_attribute("data-code") == "EXPORT_TOO_LARGE"
