"""The official documents in Chromium, on a fresh copy of the demo (issuing writes): the person page's "Unduh
Evaluasi Kinerja (PDF)" saves the evaluation document of the shown period (fetched with the bearer header), whose
verification code opens the public verify page; the agency page's "Unduh semua (ZIP)" saves every document of an
agency for a period, showing the bytes received meanwhile."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from pypdf import PdfReader

from browser.console_helpers import data, wait_rendered

expect = pytest.importorskip("playwright.sync_api").expect

CYCLES = "{ cycles { year status } }"
RATED = """query($a: String!, $p: String!) { people(filter: {agency: $a}, first: 50) { edges { node { nip name
  rating(period: $p) { predikat } } } } }"""
DISTRIBUTION = "query($p: String!) { predikatDistribution(period: $p) { group total } }"


def closed_year(server, token: str) -> int:
    (year,) = [c["year"] for c in data(server, CYCLES, token=token)["cycles"] if c["status"] == "CLOSED"]
    return year


def text_of(content: bytes) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_evaluation_pdf_downloads_and_its_code_verifies(fresh_server, page, use_token, shot, tmp_path):
    server = fresh_server
    admin = server.token("ADMIN")
    year = closed_year(server, admin)
    people = [e["node"] for e in data(server, RATED, {"a": "DISDIK", "p": str(year)}, admin)["people"]["edges"]]
    person = next(p for p in people if p["rating"])
    use_token(page, admin)
    page.goto(f"{server.url}/#/person/{person['nip']}?cycle={year}&period={year}")
    wait_rendered(page)
    button = page.locator("#evaluasi-pdf")
    expect(button).to_have_text("Unduh Evaluasi Kinerja (PDF)")
    with page.expect_download() as caught:
        button.click()
    download = caught.value
    assert download.suggested_filename == f"evaluasi-{person['nip']}-{year}.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    expect(page.locator("#evaluasi-pdf-done")).to_contain_text("telah diunduh")
    text = text_of(saved.read_bytes())
    assert person["nip"] in text and person["name"] in text and "EVALUASI KINERJA PEGAWAI" in text
    code = re.search(r"Kode verifikasi: ([A-Z2-7]{4}(?:-[A-Z2-7]{4}){5})", text).group(1)
    shot(page, "person")
    page.goto(f"{server.url}/verify/{code}")
    expect(page.locator("h1")).to_have_text("Verifikasi Dokumen Resmi")
    expect(page.locator(".status")).to_contain_text("Dokumen ini sah")
    expect(page.locator("table.facts")).to_contain_text(person["nip"])
    expect(page.locator("table.facts")).to_contain_text(person["name"])
    assert page.evaluate("getComputedStyle(document.querySelector('.status')).fontWeight") in ("600", "bold")
    shot(page, "verify")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_agency_zip_downloads_with_its_progress(fresh_server, page, use_token, shot, tmp_path):
    server = fresh_server
    admin = server.token("ADMIN")
    year = closed_year(server, admin)
    groups = data(server, DISTRIBUTION, {"p": str(year)}, admin)["predikatDistribution"]
    smallest = min((g for g in groups if g["total"]), key=lambda g: g["total"])
    use_token(page, admin)
    page.goto(f"{server.url}/#/agency/{smallest['group']}")
    wait_rendered(page)
    page.select_option("#documents-period", str(year))
    with page.expect_download(timeout=120_000) as caught:
        page.locator("#documents-zip").click()
    saved = tmp_path / "all.zip"
    caught.value.save_as(saved)
    assert caught.value.suggested_filename == f"evaluasi-{smallest['group']}-{year}.zip"
    expect(page.locator("#documents-zip-done")).to_contain_text("telah diunduh")
    names = zipfile.ZipFile(saved).namelist()
    assert len(names) == smallest["total"]
    assert all(n.endswith(".pdf") for n in names)
    shot(page, "agency")
