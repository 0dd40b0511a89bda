"""The Evaluasi Kinerja Pegawai document (services/documents) through the real app: its text against the API's
answers, its scoping, the issue record and its audit event, the public verify page (valid, superseded, unknown,
tampered, rate-limited, and no more than the document shows), the agency's ZIP, and the CLI."""

from __future__ import annotations

import asyncio
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from kinerja.models import AuditEvent, Cycle, IssuedDocument, Person, Skp, SkpIndicator, SkpItem, SkpRevision
from kinerja.services.auth import tokens
from kinerja.services.documents import evaluasi, issue, verify_limit
from kinerja.services.documents.frame import Stamp
from test_result_notes import evaluation, give_skp
from world import CLERK, HEAD, PRINCIPAL, TEACHER_1, TEACHER_2

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
ABOVE, MEETS, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
KINDS = {"R1": "MAIN", "R2": "MAIN", "R3": "ADDITIONAL"}
SUBMIT = """mutation($input: AssessmentInput!) { m: submitSupervisorAssessment(input: $input) {
  errors { path code message } } }"""
FINALIZE = """mutation($nip: String!) { m: finalizeRating(input: {nip: $nip, period: "2025",
  curveJustification: "kinerja luar biasa", overrideReason: "sesuai bukti dukung"}) { rating { predikat }
  errors { path code message } } }"""
ORG = """mutation { m: setOrgPredikat(agency: "DISDIK", period: "2025", predikat: BAIK) { errors { code } } }"""
REOPEN = """mutation($nip: String!) { m: reopenRating(nip: $nip, period: "2025", reason: "salah input realisasi") {
  errors { code message } } }"""
PERSON = """query($nip: String!) { person(nip: $nip) { nip name position
  rating(period: "2025") { resultRating behaviorRating predikat } } }"""
CONTEXT = """query($nip: String!) { assessmentContext(nip: $nip, period: "2025") { rhk { key kind workResult } } }"""
RESULTS = [{"itemKey": "R1", "rating": ABOVE, "realization": "12 kelas tuntas", "feedback": "Sangat baik sekali"},
           {"itemKey": "R2", "rating": ABOVE, "realization": "Modul ajar lengkap"},
           {"itemKey": "R3", "rating": MEETS, "feedback": "Tepat waktu"}]
NOTES = [{"value": "AKUNTABEL", "note": "Disiplin mengisi jurnal kelas"},
         {"value": "KOLABORATIF", "note": "Membantu rekan guru"}]
LABELS = {ABOVE: "Di Atas Ekspektasi", MEETS: "Sesuai Ekspektasi", BELOW: "Di Bawah Ekspektasi",
          "SANGAT_BAIK": "Sangat Baik", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan"}


async def rated(api, world) -> str:
    """TEACHER_2 rated for 2025 by PRINCIPAL, result by result with behaviour notes; CLERK rated by HEAD; DISDIK's
    organisation predikat BAIK. Returns TEACHER_2's EMPLOYEE token."""
    await give_skp(TEACHER_2, KINDS)
    await evaluation(api, world)
    assert (await api.gql(ORG, token=world.admin))["m"]["errors"] == []
    entry = {"nip": TEACHER_2, "period": "2025", "resultRating": ABOVE, "behaviorRating": MEETS, "results": RESULTS,
             "behaviorNotes": NOTES}
    assert (await api.gql(SUBMIT, token=world.principal, input=entry))["m"]["errors"] == []
    assert (await api.gql(FINALIZE, token=world.principal, nip=TEACHER_2))["m"]["errors"] == []
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    clerk = {"nip": CLERK, "period": "2025", "resultRating": MEETS, "behaviorRating": MEETS}
    assert (await api.gql(SUBMIT, token=head, input=clerk))["m"]["errors"] == []
    assert (await api.gql(FINALIZE, token=head, nip=CLERK))["m"]["errors"] == []
    return await tokens.create_token("EMPLOYEE", nip=TEACHER_2)


async def pdf_of(api, token: str | None, nip: str = TEACHER_2, period: str = "2025"):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await api.client.get(f"/documents/evaluasi/{nip}/{period}.pdf", headers=headers)


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """The text with its line breaks as spaces (a table cell wraps)."""
    return re.sub(r"\s+", " ", text)


def first_page_png(content: bytes, name: str) -> None:
    """The first page as PNG under test-artifacts/ (not committed), when pdftoppm is there."""
    if shutil.which("pdftoppm") is None:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(content)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(ARTIFACTS / name)], check=True, timeout=60)
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 1000


async def test_the_document_prints_what_the_api_answers(api, world, database_url):
    await rated(api, world)
    response = await pdf_of(api, world.principal)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == f'attachment; filename="evaluasi-{TEACHER_2}-2025.pdf"'
    assert response.headers["cache-control"] == "no-store"
    assert response.content.startswith(b"%PDF-")
    text = flat(text_of(response.content))
    first_page_png(response.content, f"evaluasi-{database_url.split(':')[0]}")
    assert "EVALUASI KINERJA PEGAWAI" in text and "PERIODE: TRIWULAN IV-AKHIR" in text
    assert "1 JANUARI S.D. 31 DESEMBER 2025" in text
    for nip in (TEACHER_2, PRINCIPAL, HEAD):  # the employee, the assessing official, and theirs
        person = (await api.gql(PERSON, token=world.admin, nip=nip))["person"]
        assert person["name"] in text and nip in text, (person, text)
    person = (await api.gql(PERSON, token=world.admin, nip=TEACHER_2))["person"]
    rating = person["rating"]
    assert f"RATING HASIL KERJA: {LABELS[rating['resultRating']]}" in text
    assert f"RATING PERILAKU KERJA: {LABELS[rating['behaviorRating']]}" in text
    assert f"PREDIKAT KINERJA PEGAWAI: {LABELS[rating['predikat']]}" in text
    assert "CAPAIAN KINERJA ORGANISASI: Baik" in text
    rhk = (await api.gql(CONTEXT, token=world.principal, nip=TEACHER_2))["assessmentContext"]["rhk"]
    for item in rhk:
        assert f"{item['key']}. {item['workResult']}" in text
    assert text.index("A. UTAMA") < text.index("R2. Hasil R2") < text.index("B. TAMBAHAN") < text.index("R3.")
    for result in RESULTS:
        for field in ("realization", "feedback"):
            if result.get(field):
                assert result[field] in text
    assert text.count("Di Atas Ekspektasi") >= 3  # R1, R2 and the results rating
    for note in NOTES:
        assert note["note"] in text
    assert "Pegawai yang Dinilai" in text and "Pejabat Penilai Kinerja" in text
    assert "Atasan Pejabat Penilai Kinerja" in text
    doc = await IssuedDocument.get(nip=TEACHER_2)
    assert issue.normal_code(doc.code) == doc.code
    assert "-".join(doc.code[i:i + 4] for i in range(0, 24, 4)) in text
    assert f"http://testserver/verify/{doc.code}" in text
    assert "Halaman 1 dari" in text


async def test_each_result_shows_its_indicators_targets_and_the_leaders_rhk(api, world):
    """The HASIL KERJA rows carry the approved SKP's indicators with their aspect and target, and the RHK of the
    leader's SKP each one intervenes in (the SKP document's own facts: services/documents/skp.py)."""
    await rated(api, world)
    principal = await Person.get(nip=PRINCIPAL)
    cycle = await Cycle.get(year=2025)
    theirs = await Skp.create(person_id=principal.id, cycle_id=cycle.id, agency_id=principal.agency_id,
                              status="APPROVED", approved_revision=1)
    revision = await SkpRevision.create(skp_id=theirs.id, number=1, status="APPROVED")
    await SkpItem.create(revision_id=revision.id, key="R1", position=0, kind="MAIN",
                         work_result="Mutu pembelajaran sekolah meningkat")
    person = await Person.get(nip=TEACHER_2)
    r1 = await SkpItem.get(revision__skp__person_id=person.id, key="R1")
    r1.parent_key = "R1"
    await r1.save()
    await SkpIndicator.create(item_id=r1.id, position=0, aspect="QUALITY", text="Kelas tuntas belajar",
                              expected_output="Seluruh kelas tuntas")
    text = flat(text_of((await pdf_of(api, world.principal)).content))
    assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI" in text
    assert "INDIKATOR KINERJA INDIVIDU DAN TARGET" in text
    row = text[text.index("A. UTAMA"):text.index("B. TAMBAHAN")]
    assert "Mutu pembelajaran sekolah meningkat" in row
    assert "Kualitas: Kelas tuntas belajar (Seluruh kelas tuntas)" in row
    assert row.index("Mutu pembelajaran") < row.index("R1. Hasil R1") < row.index("Kualitas:")


async def test_documents_are_scoped_as_the_person(api, world):
    own = await rated(api, world)
    assert (await pdf_of(api, None)).status_code == 401
    assert (await pdf_of(api, "not-a-token")).status_code == 401
    for token in (world.dinkes_admin, world.nurse, world.teacher):  # another agency; a colleague
        response = await pdf_of(api, token)
        assert response.status_code == 404, response.text
    for token in (own, world.principal, world.disdik_admin, world.admin):
        assert (await pdf_of(api, token)).status_code == 200
    response = await pdf_of(api, world.admin, TEACHER_1)  # no finalized rating
    assert response.status_code == 404 and response.headers["x-error-code"] == "NOT_FOUND"
    response = await api.client.get(f"/documents/evaluasi/{TEACHER_2}/2025.pdf",
                                    headers={"Authorization": f"Bearer {world.admin}", "Accept-Language": "id"})
    assert response.status_code == 200
    response = await pdf_of(api, world.admin, TEACHER_2, "2025-Q9")
    assert response.status_code == 400 and response.headers["x-error-code"] == "INVALID_PERIOD"


async def test_issuing_records_the_facts_and_an_audit_event(api, world):
    await rated(api, world)
    assert (await pdf_of(api, world.principal)).status_code == 200
    doc = await IssuedDocument.get(nip=TEACHER_2)
    assert len(doc.code) == 24 and doc.kind == "evaluasi" and doc.period == "2025"
    assert doc.issued_by == f"nip:{PRINCIPAL}"
    assert issue.digest(doc.facts) == doc.facts_hash
    assert doc.facts["predikat"] and doc.facts["employee"]["nip"] == TEACHER_2
    event = await AuditEvent.get(action="document.issue", entity_id=doc.code)
    assert event.entity == "issued_document" and event.actor == f"nip:{PRINCIPAL}"
    assert event.after == {"kind": "evaluasi", "nip": TEACHER_2, "period": "2025", "facts_hash": doc.facts_hash}
    assert (await pdf_of(api, world.principal)).status_code == 200  # every download is a new issue
    assert await IssuedDocument.filter(nip=TEACHER_2).count() == 2


async def verify(api, code: str):
    return await api.client.get(f"/verify/{code}")


def visible(page: str) -> str:
    return flat(re.sub(r"<[^>]+>", " ", page))


async def test_verify_valid_then_superseded_by_a_reopened_rating(api, world):
    await rated(api, world)
    assert (await pdf_of(api, world.principal)).status_code == 200
    doc = await IssuedDocument.get(nip=TEACHER_2)
    response = await verify(api, doc.code)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "<script" not in response.text and "style=" not in response.text and "<style" not in response.text
    page = visible(response.text)
    assert "Dokumen ini sah dan masih sesuai" in page
    assert TEACHER_2 in page and "Dewi Anggraini" in page and "Evaluasi Kinerja Pegawai" in page
    assert "TRIWULAN IV-AKHIR" in page and LABELS[doc.facts["predikat"]] in page
    # dashes and lower case, as a person types it
    spaced = "-".join(doc.code[i:i + 4] for i in range(0, 24, 4)).lower()
    assert (await verify(api, spaced)).status_code == 200
    assert (await api.gql(REOPEN, token=world.admin, nip=TEACHER_2))["m"]["errors"] == []
    page = visible((await verify(api, doc.code)).text)
    assert "sudah tidak berlaku" in page and "dibuka kembali" in page
    assert re.search(r"pada \d{1,2} \w+ \d{4} pukul \d\d\.\d\d WIB", page), page
    assert "Dewi Anggraini" in page  # the facts as issued, still


async def test_verify_unknown_and_malformed_codes(api, world):
    for code in ("AAAAAAAAAAAAAAAAAAAAAAAA", "not-a-code", "x" * 200):
        response = await verify(api, code)
        assert response.status_code == 404
        assert "tidak dikenal" in visible(response.text)
        assert "script-src 'self'" in response.headers["content-security-policy"]


async def test_a_tampered_pdf_with_a_genuine_code_shows_other_facts_than_the_page(api, world):
    await rated(api, world)
    genuine = await pdf_of(api, world.principal)
    doc = await IssuedDocument.get(nip=TEACHER_2)
    forged_facts = {**doc.facts, "predikat": "SANGAT_BAIK",
                    "employee": {**doc.facts["employee"], "name": "Nama Palsu Sekali"}}
    forged = evaluasi.render(forged_facts, Stamp(doc.code, f"http://testserver/verify/{doc.code}"), doc.issued_at,
                             "Tanjungpinang")
    paper = flat(text_of(forged))
    assert "Nama Palsu Sekali" in paper and "PREDIKAT KINERJA PEGAWAI: Sangat Baik" in paper
    assert doc.code[:4] in paper  # the genuine code on the forged paper
    page = visible((await verify(api, doc.code)).text)
    assert "Nama Palsu Sekali" not in page and "Dewi Anggraini" in page
    assert f"Predikat kinerja {LABELS[doc.facts['predikat']]}" in page
    assert doc.facts["predikat"] != "SANGAT_BAIK"
    assert genuine.status_code == 200


async def test_the_page_shows_no_more_than_the_document(api, world):
    await rated(api, world)
    assert (await pdf_of(api, world.principal)).status_code == 200
    doc = await IssuedDocument.get(nip=TEACHER_2)
    page = visible((await verify(api, doc.code)).text)
    rows = re.findall(r"<th scope=\"row\">([^<]+)</th>", (await verify(api, doc.code)).text)
    assert rows == ["Jenis dokumen", "Periode", "Nama", "NIP", "Predikat kinerja", "Diterbitkan", "Kode verifikasi"]
    for hidden in ("Hasil R1", "12 kelas tuntas", "Sangat baik sekali", "Disiplin mengisi", "Budi Santoso",
                   PRINCIPAL, "Guru Kelas", "DISDIK", "Di Atas Ekspektasi", "Sesuai Ekspektasi"):
        assert hidden not in page, hidden


async def test_the_verify_page_is_limited_per_address(api, world, monkeypatch):
    monkeypatch.setattr(verify_limit, "LIMIT", 2)
    assert (await verify(api, "AAAAAAAAAAAAAAAAAAAAAAAA")).status_code == 404
    assert (await verify(api, "AAAAAAAAAAAAAAAAAAAAAAAA")).status_code == 404
    response = await verify(api, "AAAAAAAAAAAAAAAAAAAAAAAA")
    assert response.status_code == 429
    assert "Terlalu banyak pemeriksaan" in visible(response.text)
    assert 1 <= int(response.headers["retry-after"]) <= verify_limit.WINDOW_SECONDS


async def zip_of(api, token: str | None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await api.client.get("/documents/evaluasi.zip", params=params, headers=headers)


async def test_the_agency_zip_holds_every_document(api, world):
    await rated(api, world)
    response = await zip_of(api, world.disdik_admin, agency="disdik", period="2025")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == 'attachment; filename="evaluasi-DISDIK-2025.zip"'
    assert response.headers["x-document-count"] == "2"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted([f"evaluasi-{CLERK}-2025.pdf", f"evaluasi-{TEACHER_2}-2025.pdf"])
    for name in archive.namelist():
        content = archive.read(name)
        assert content.startswith(b"%PDF-")
        assert name.split("-")[1] in text_of(content)
    assert await IssuedDocument.filter(agency__code="DISDIK").count() == 2
    assert await AuditEvent.filter(action="document.issue").count() == 2
    unit = await zip_of(api, world.admin, agency="DISDIK", unit="SDN-001", period="2025")
    assert zipfile.ZipFile(io.BytesIO(unit.content)).namelist() == [f"evaluasi-{TEACHER_2}-2025.pdf"]
    assert (await zip_of(api, world.dinkes_admin, agency="DISDIK", period="2025")).status_code == 404
    assert (await zip_of(api, world.admin, agency="DISDIK", unit="NOPE", period="2025")).status_code == 404
    assert (await zip_of(api, world.principal, agency="DISDIK", period="2025")).status_code == 403
    assert (await zip_of(api, None, agency="DISDIK", period="2025")).status_code == 401
    assert (await zip_of(api, world.admin, period="2025")).status_code == 400
    assert (await zip_of(api, world.admin, agency="DISDIK", period="2025", extra="1")).status_code == 400


ENV = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")} | {"PYTHONUNBUFFERED": "1"}


async def test_the_command_writes_a_document_and_a_zip(api, world, database_url, tmp_path):
    await rated(api, world)
    one = tmp_path / "one.pdf"
    done = await asyncio.to_thread(subprocess.run, [
        sys.executable, "-m", "kinerja.cli", "document", "evaluasi", "--nip", TEACHER_2, "--period", "2025",
        "--out", str(one), "--db", database_url], capture_output=True, timeout=120, env=ENV, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert TEACHER_2 in text_of(one.read_bytes())
    whole = tmp_path / "all.zip"
    done = await asyncio.to_thread(subprocess.run, [
        sys.executable, "-m", "kinerja.cli", "document", "evaluasi", "--agency", "DISDIK", "--period", "2025",
        "--out", str(whole), "--db", database_url], capture_output=True, timeout=120, env=ENV, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "documents [" in done.stderr.decode() and "2/2" in done.stderr.decode()
    assert len(zipfile.ZipFile(whole).namelist()) == 2
    done = await asyncio.to_thread(subprocess.run, [
        sys.executable, "-m", "kinerja.cli", "document", "evaluasi", "--nip", TEACHER_1, "--period", "2025",
        "--out", str(tmp_path / "none.pdf"), "--db", database_url], capture_output=True, timeout=120, env=ENV,
        cwd=ROOT)
    assert done.returncode == 1 and b"no finalized rating" in done.stderr


@pytest.mark.parametrize("period, name, span", [
    ("2025-Q1", "TRIWULAN I", "1 JANUARI S.D. 31 MARET 2025"),
    ("2025-Q3", "TRIWULAN III", "1 JULI S.D. 30 SEPTEMBER 2025"),
    ("2025", "TRIWULAN IV-AKHIR", "1 JANUARI S.D. 31 DESEMBER 2025"),
    ("2025-02", "BULAN FEBRUARI", "1 FEBRUARI S.D. 28 FEBRUARI 2025"),
])
def test_period_words(period, name, span):
    assert evaluasi.period_words(period, "MONTHLY" if "-0" in period else "QUARTERLY") == (name, span)
