"""The official documents in Chromium, on a fresh copy of the demo (issuing writes): the person page's "Unduh
Evaluasi Kinerja (PDF)" saves the evaluation document of the shown period (fetched with the bearer header), whose
verification code opens the public verify page, and for the year "Unduh Dokumen Evaluasi Tahunan (PDF)" the annual
document; the agency page's "Unduh semua (ZIP)" saves every document of an
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
    # the year's period: the annual Dokumen Evaluasi Kinerja Pegawai beside it
    annual = page.locator("#evaluasi-tahunan-pdf")
    expect(annual).to_have_text("Unduh Dokumen Evaluasi Tahunan (PDF)")
    with page.expect_download() as caught:
        annual.click()
    assert caught.value.suggested_filename == f"evaluasi-tahunan-{person['nip']}-{year}.pdf"
    caught.value.save_as(tmp_path / "tahunan.pdf")
    expect(page.locator("#evaluasi-tahunan-pdf-done")).to_contain_text("telah diunduh")
    annual_text = text_of((tmp_path / "tahunan.pdf").read_bytes())
    assert "PERIODE: TAHUNAN" in annual_text and person["nip"] in annual_text
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


SKP_IN_FORCE = """query($n: String!, $r: Int) { skp(nip: $n, cycle: 2025) { approvedRevision
  items(revision: $r) { key workResult parentKey } } }"""


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_skp_pdf_downloads_from_the_skp_page(fresh_server, page, use_token, shot, tmp_path):
    server = fresh_server
    head = server.account("EMPLOYEE")  # the demo's agency head, whose staff's SKPs name the head's RHK
    token = server.token("EMPLOYEE", nip=head.nip)
    staff = data(server, "query($n: String!) { person(nip: $n) { subordinates { nip name } } }", {"n": head.nip},
                 token)["person"]["subordinates"]
    found = {p["nip"]: data(server, SKP_IN_FORCE, {"n": p["nip"], "r": None}, token)["skp"] for p in staff}
    person = next(p for p in staff if found[p["nip"]] and found[p["nip"]]["approvedRevision"])
    draft = next((p for p in staff if found[p["nip"]] and not found[p["nip"]]["approvedRevision"]), None)
    skp = data(server, SKP_IN_FORCE, {"n": person["nip"], "r": found[person["nip"]]["approvedRevision"]},
               token)["skp"]
    use_token(page, token)
    if draft is not None:  # never approved: no document to offer
        page.goto(f"{server.url}/#/skp/{draft['nip']}/2025")
        wait_rendered(page)
        expect(page.locator("#skp-pdf")).to_have_count(0)
    page.goto(f"{server.url}/#/skp/{person['nip']}/2025")
    wait_rendered(page)
    button = page.locator("#skp-pdf")
    expect(button).to_have_text("Unduh SKP (PDF)")
    with page.expect_download() as caught:
        button.click()
    download = caught.value
    assert download.suggested_filename == f"skp-{person['nip']}-2025.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    expect(page.locator("#skp-pdf-done")).to_contain_text("telah diunduh")
    text = text_of(saved.read_bytes())
    assert "SASARAN KINERJA PEGAWAI" in text and person["nip"] in text and person["name"] in text
    assert head.nip in text  # the assessing official who approved it
    for rhk in skp["items"]:
        assert f"{rhk['key']}. {rhk['workResult']}" in text, rhk
    shot(page, "skp")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_follow_up_list_downloads_from_the_agency_page(fresh_server, page, use_token, shot, tmp_path):
    """The agency page's "Unduh daftar tindak lanjut (PDF)" saves the agency's Daftar Tindak Lanjut of the chosen
    period: everyone the followUps API lists, and the count."""
    server = fresh_server
    admin = server.token("ADMIN")
    year = closed_year(server, admin)
    spread = data(server, "query($p: String!) { predikatDistribution(period: $p) { group butuhPerbaikan "
                          "kurangMisconduct sangatKurang } }", {"p": str(year)}, admin)["predikatDistribution"]
    counts = {g["group"]: g["butuhPerbaikan"] + g["kurangMisconduct"] + g["sangatKurang"] for g in spread}
    agency = min((code for code, n in counts.items() if n), key=lambda code: counts[code])
    report = data(server, """query($a: String!, $p: String!) { followUps(period: $p, agency: $a, first: 100) {
      totalCount edges { node { nip name } } } }""", {"a": agency, "p": str(year)}, admin)["followUps"]
    assert 0 < report["totalCount"] <= 100
    use_token(page, admin)
    page.goto(f"{server.url}/#/agency/{agency}")
    wait_rendered(page)
    page.select_option("#documents-period", str(year))
    button = page.locator("#tindak-lanjut-pdf")
    expect(button).to_have_text("Unduh daftar tindak lanjut (PDF)")
    with page.expect_download(timeout=120_000) as caught:
        button.click()
    assert caught.value.suggested_filename == f"tindak-lanjut-{agency}-{year}.pdf"
    saved = tmp_path / "tindak-lanjut.pdf"
    caught.value.save_as(saved)
    expect(page.locator("#tindak-lanjut-pdf-done")).to_contain_text("telah diunduh")
    text = text_of(saved.read_bytes())
    assert "DAFTAR TINDAK LANJUT HASIL EVALUASI KINERJA PEGAWAI" in text
    assert f"JUMLAH PEGAWAI YANG PERLU DITINDAKLANJUTI: {report['totalCount']} orang" in text
    for node in (e["node"] for e in report["edges"]):
        assert f"NIP {node['nip']}" in text and node["name"] in text, node
    shot(page, "agency-follow-ups")


KURVA_ROW = """query($p: String!, $a: String!) { predikatDistribution(period: $p, groupBy: AGENCY, agency: $a) {
  total sangatBaik baik butuhPerbaikan kurangMisconduct sangatKurang orgPredikat } }"""


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_distribution_curve_document_downloads_from_the_agency_page(fresh_server, page, use_token, shot,
                                                                         tmp_path):
    server = fresh_server
    admin = server.token("ADMIN")
    year = str(closed_year(server, admin))
    groups = data(server, DISTRIBUTION, {"p": year}, admin)["predikatDistribution"]
    smallest = min((g for g in groups if g["total"]), key=lambda g: g["total"])["group"]
    (row,) = data(server, KURVA_ROW, {"p": year, "a": smallest}, admin)["predikatDistribution"]
    use_token(page, admin)
    page.goto(f"{server.url}/#/agency/{smallest}?period={year}")
    wait_rendered(page)
    button = page.locator("#kurva-pdf")
    expect(button).to_have_text("Unduh dokumen kurva distribusi (PDF)")
    expect(page.locator("#kurva-unit option").first).to_have_text("Seluruh perangkat daerah")
    with page.expect_download() as caught:
        button.click()
    assert caught.value.suggested_filename == f"kurva-{smallest}-{year}.pdf"
    saved = tmp_path / "kurva.pdf"
    caught.value.save_as(saved)
    expect(page.locator("#kurva-pdf-done")).to_contain_text("telah diunduh")
    text = text_of(saved.read_bytes())
    assert "DOKUMEN KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI" in text and "PERIODE: TRIWULAN IV-AKHIR" in text
    labels = {"sangatBaik": "Sangat Baik", "baik": "Baik", "butuhPerbaikan": "Butuh Perbaikan",
              "kurangMisconduct": "Kurang/Misconduct", "sangatKurang": "Sangat Kurang"}
    for n, (column, words) in enumerate(labels.items(), start=1):
        assert f"{n} {words} {row[column]} " in text, (column, text)
    assert f"Jumlah {row['total']} 100 %" in text
    assert "C. GRAFIK KURVA ACUAN DAN SEBARAN AKTUAL" in text and "Sebaran aktual" in text
    assert "Predikat kinerja pegawai" in text and "D. DAFTAR PEGAWAI DAN PREDIKAT KINERJA" in text
    # the organisation predikat card (ADMIN) offers the same document per period of the cycle under evaluation
    page.locator("#org-set-details summary").click()
    expect(page.locator("#org-set [id^='kurva-pdf-']").first).to_have_text("Unduh dokumen kurva distribusi (PDF)")
    shot(page, "agency-kurva")
