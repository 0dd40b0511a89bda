"""The console's "Unduh Excel" beside "Unduh CSV" in Chromium, on the read-only demo: the dashboard's predikat spread
and IKM, and a monitoring list. Each click fetches the .xlsx with the session's bearer header (never a token in the
address), the file is saved under the server's name and read back with openpyxl: the CSV's rows, with the
Indonesian headers and labels of services/reports/labels.py."""

from __future__ import annotations


import openpyxl
import pytest

from browser.console_helpers import csv_rows, no_token_in_urls, wait_rendered
from kinerja.services.reports import labels

expect = pytest.importorskip("playwright.sync_api").expect

SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def closed_year(server) -> int:
    body = server.gql("{ cycles { year status } }", token=server.token("ADMIN"))
    (year,) = [c["year"] for c in body["data"]["cycles"] if c["status"] == "CLOSED"]
    return year


def downloaded(page, tmp_path, button: str, name: str):
    """Click the button, wait for its file (named `name`), and open it."""
    with page.expect_download() as download:
        page.locator(button).click()
    assert download.value.suggested_filename == name
    saved = tmp_path / name
    download.value.save_as(saved)
    return openpyxl.load_workbook(saved).worksheets[0]


def watch_exports(page) -> list:
    """Every export request the page makes (its URL and headers)."""
    seen: list = []
    page.on("request", lambda r: seen.append(r) if "/reports/" in r.url or "/monitoring/people" in r.url else None)
    return seen


@SQLITE
def test_the_dashboard_downloads_its_tables_as_excel(server, page, make_page, use_token, tmp_path):
    admin = server.token("ADMIN")
    y = closed_year(server)
    requests = watch_exports(page)
    use_token(page, admin)
    page.goto(f"{server.url}/#/dashboard?period={y}")
    wait_rendered(page)
    expect(page.locator("#distribution-download")).to_have_text("Unduh CSV")
    expect(page.locator("#distribution-download-xlsx")).to_have_text("Unduh Excel")

    sheet = downloaded(page, tmp_path, "#distribution-download-xlsx", f"predikat-distribution-{y}.xlsx")
    expect(page.locator("#distribution-download-done")).to_contain_text("telah diunduh")
    expected = csv_rows(server, "/reports/predikat-distribution.csv", admin, period=str(y))
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0] == [labels.header("predikat-distribution", c) for c in expected[0]]
    assert len(rows) == len(expected) > 1
    assert [r[0] for r in rows[1:]] == [r[0] for r in expected[1:]]  # the agencies, in the CSV's order
    assert all(isinstance(r[2], int) for r in rows[1:])  # counts as numbers
    org = expected[0].index("orgPredikat")
    assert [r[org] for r in rows[1:]] == [labels.ORG_PREDIKAT.get(r[org]) if r[org] else None for r in expected[1:]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")

    # the IKM by the respondents' sex: the grouping chosen on the page is the file's
    page.locator("#ikm-group-by").select_option("SEX")
    page.locator('#satisfaction-table[data-group-by="SEX"]').wait_for()
    with page.expect_download() as download:
        page.locator("#satisfaction-download-xlsx").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).worksheets[0]
    expected = csv_rows(server, "/reports/satisfaction-by-group.csv", admin, period=str(y), groupBy="SEX")
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][:2] == ["Kode Kelompok", "Kelompok"] and len(rows) == len(expected)
    assert [r[1] for r in rows[1:]] == [r[1] for r in expected[1:]]
    no_token_in_urls(requests, admin)

    # an agency admin's file holds its own agency only, as its table does
    own = make_page()
    use_token(own, server.token("AGENCY_ADMIN", agency="DISDIK"))
    own.goto(f"{server.url}/#/dashboard?period={y}")
    wait_rendered(own)
    sheet = downloaded(own, tmp_path, "#distribution-download-xlsx", f"predikat-distribution-{y}.xlsx")
    assert [r[0].value for r in sheet.iter_rows(min_row=2)] == ["DISDIK"]


@SQLITE
def test_a_monitoring_list_downloads_as_excel(server, page, use_token, tmp_path):
    admin = server.token("ADMIN")
    y = closed_year(server)
    requests = watch_exports(page)
    use_token(page, admin)
    page.goto(f"{server.url}/#/monitoring?cycle={y}&agency=SETDA&list=FINALIZED")
    wait_rendered(page)
    expect(page.get_by_role("button", name="Unduh CSV")).to_be_visible()
    sheet = downloaded(page, tmp_path, "#list-download-xlsx", f"pemantauan-{y}-SETDA-sudah-difinalisasi.xlsx")
    expect(page.locator("#list-download-done")).to_contain_text("telah diunduh")
    expected = csv_rows(server, "/monitoring/people.csv", admin, cycle=str(y), agency="SETDA", has="FINALIZED")
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0] == expected[0] == ["NIP", "Nama", "Jabatan", "Kode Perangkat Daerah", "Perangkat Daerah",
                                      "Kode Unit", "Unit Kerja"]
    assert len(rows) == len(expected) > 50
    assert [[v or "" for v in r] for r in rows[1:]] == expected[1:]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:G{len(rows)}"
    no_token_in_urls(requests, admin)
