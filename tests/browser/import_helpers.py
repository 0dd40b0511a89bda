"""Shared helpers of the browser tests of the file imports (test_console_people_import.py,
test_console_targets_import.py; the pages share web/static/js/import_ui.js): a workbook to choose, the preview's
rows, saving, the export's download and the page refused to a viewer it is not for."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from browser.console_helpers import wait_rendered

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def no_leaks(page, leaks: re.Pattern) -> None:
    """Nothing of `leaks` (codes, column names, null...) shows in the page."""
    text = page.locator("main").inner_text()
    found = leaks.search(text)
    assert not found, text[max(0, found.start() - 200):found.end() + 100]


def xlsx(header, rows) -> bytes:
    book = Workbook()
    book.active.append(header)
    for r in rows:
        book.active.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def follow(page, url: str, link: str, address: str, title: str) -> None:
    """From the page at `url`, the link `link` leads to an address matching `address`, headed `title`."""
    page.goto(url)
    wait_rendered(page)
    page.locator(link).click()
    expect(page).to_have_url(re.compile(address))
    expect(page.locator("main h1")).to_have_text(title)


def choose(page, name: str, buffer: bytes, media: str = XLSX) -> None:
    page.set_input_files("#import-file", files=[{"name": name, "mimeType": media, "buffer": buffer}])


def two_rows_the_second_refused(page, nip: str, cells: dict[str, str], errors: dict[str, str]) -> None:
    """The preview of two rows: the first a new one (line 2, `nip`) without errors, the second refused with its
    `cells` (by data-col) and its `errors` (by data-column), and nothing to save."""
    expect(page.locator("#import-counts")).to_have_text(
        "2 baris: 1 baru, 0 diubah, 0 tidak berubah; 1 baris memuat kesalahan.")
    rows = page.locator("#import-preview-table tbody tr")
    expect(rows).to_have_count(2)
    first, second = rows.nth(0), rows.nth(1)
    expect(first.locator('[data-col="line"]')).to_have_text("2")
    expect(first.locator('[data-col="nip"]')).to_have_text(nip)
    expect(first.locator('[data-col="action"]')).to_have_text("Baru")
    expect(first.locator('[data-col="errors"]')).to_have_text("")
    for column, text in cells.items():
        expect(second.locator(f'[data-col="{column}"]')).to_have_text(text)
    expect(second.locator('[data-col="action"]')).to_have_text("Ditolak")
    for column, text in errors.items():
        expect(second.locator(f'[data-column="{column}"]')).to_have_text(text)
    expect(page.locator("#import-save")).to_be_disabled()
    expect(page.locator("#import-fix")).to_be_visible()


def two_new_rows(page) -> None:
    """The preview of two new rows without errors: "Simpan semua" offered."""
    expect(page.locator("#import-counts")).to_have_text(
        "2 baris: 2 baru, 0 diubah, 0 tidak berubah; tidak ada kesalahan.")
    expect(page.locator("#import-preview-table tbody tr [data-col='action']")).to_have_text(["Baru", "Baru"])
    expect(page.locator("#import-save")).to_be_enabled()


def save(page, done: str) -> None:
    """"Simpan semua": the server's count of what it wrote (`done`), nothing more to save."""
    page.locator("#import-save").click()
    expect(page.locator("#import-done")).to_have_text(done)
    expect(page.locator("#import-save")).to_be_disabled()


def export_xlsx(page, name: str) -> tuple[str, bytes]:
    """"Unduh Excel": the file's name (matching `name`) and its bytes."""
    with page.expect_download() as caught:
        page.locator("#export-xlsx").click()
    download = caught.value
    assert re.fullmatch(name, download.suggested_filename)
    expect(page.locator("#export-done")).to_have_text(f"Berkas {download.suggested_filename} telah diunduh.")
    with open(download.path(), "rb") as f:
        return download.suggested_filename, f.read()


def sheet_rows(content: bytes) -> list[list]:
    """The first sheet's rows of a workbook, as lists of values."""
    return [list(r) for r in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)]


def not_offered(page, url: str, message: str) -> None:
    """The page at `url` says `message` and offers neither the import nor the export."""
    page.goto(url)
    wait_rendered(page)
    expect(page.locator("main .error-box")).to_have_text(message)
    assert page.locator("#import-file").count() == 0 and page.locator("#export-csv").count() == 0
