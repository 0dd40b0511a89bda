"""The annual Dokumen Evaluasi Kinerja Pegawai (services/documents/tahunan.py) through the real app: its text against
the API's answers, its scoping and bad inputs, the verify page (valid, superseded, no more than the paper), and the
CLI."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys

from kinerja.models import AuditEvent, IssuedDocument
from test_documents_evaluasi import (ENV, LABELS, PERSON, REOPEN, ROOT, first_page_png, flat, rated, text_of, verify,
                                     visible)
from world import HEAD, PRINCIPAL, TEACHER_1, TEACHER_2

RATING = """query($nip: String!) { person(nip: $nip) { name rating(period: "2025") { predikat resultRating
  behaviorRating recommendations } } }"""


async def annual_of(api, token: str | None, nip: str = TEACHER_2, year: str = "2025", **headers):
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return await api.client.get(f"/documents/evaluasi-tahunan/{nip}/{year}.pdf", headers=headers)


async def test_the_annual_document_prints_what_the_api_answers(api, world, database_url):
    await rated(api, world)
    response = await annual_of(api, world.principal)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == \
        f'attachment; filename="evaluasi-tahunan-{TEACHER_2}-2025.pdf"'
    text = flat(text_of(response.content))
    first_page_png(response.content, f"evaluasi-tahunan-{database_url.split(':')[0]}")
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in text and "PERIODE: TAHUNAN" in text
    assert "PERIODE PENILAIAN: 1 JANUARI S.D. 31 DESEMBER 2025" in text
    for nip in (TEACHER_2, PRINCIPAL, HEAD):  # the employee, the assessing official, and theirs
        person = (await api.gql(PERSON, token=world.admin, nip=nip))["person"]
        assert person["name"] in text and nip in text, (person, text)
    rating = (await api.gql(RATING, token=world.admin, nip=TEACHER_2))["person"]["rating"]
    assert f"PREDIKAT KINERJA PEGAWAI {LABELS[rating['predikat']]}" in text
    assert "CAPAIAN KINERJA ORGANISASI Baik" in text
    assert f"Rating hasil kerja (akhir tahun) {LABELS[rating['resultRating']]}" in text
    assert f"Rating perilaku kerja (akhir tahun) {LABELS[rating['behaviorRating']]}" in text
    if rating["recommendations"]:
        for n, sentence in enumerate(rating["recommendations"], start=1):
            assert flat(f"{n}. {sentence}") in text
    else:
        assert "CATATAN/REKOMENDASI Tidak ada catatan." in text
    # the year's earlier evaluation periods, none finalized in this world
    for name in ("Triwulan I ", "Triwulan II ", "Triwulan III "):
        assert f"{name}belum difinalisasi" in text, name
    assert "Pejabat Penilai Kinerja" in text and "Halaman 1 dari" in text
    doc = await IssuedDocument.get(nip=TEACHER_2, kind="evaluasi-tahunan")
    assert doc.period == "2025" and doc.facts["predikat"] == rating["predikat"]
    assert "-".join(doc.code[i:i + 4] for i in range(0, 24, 4)) in text
    event = await AuditEvent.get(action="document.issue", entity_id=doc.code)
    assert event.after["kind"] == "evaluasi-tahunan"


async def test_the_annual_document_is_scoped_and_checks_its_year(api, world):
    own = await rated(api, world)
    assert (await annual_of(api, None)).status_code == 401
    for token in (world.dinkes_admin, world.nurse, world.teacher):  # another agency; a colleague
        assert (await annual_of(api, token)).status_code == 404
    for token in (own, world.principal, world.disdik_admin, world.admin):
        assert (await annual_of(api, token)).status_code == 200
    response = await annual_of(api, world.admin, TEACHER_1)  # no finalized rating
    assert response.status_code == 404 and response.headers["x-error-code"] == "NOT_FOUND"
    for year in ("2025-Q1", "25", "abcd"):
        response = await annual_of(api, world.admin, year=year, **{"Accept-Language": "id"})
        assert response.status_code == 400, year
        assert response.headers["x-error-code"] == "INVALID_PERIOD"
        assert year in response.text, response.text


async def test_verify_the_annual_document_then_superseded(api, world):
    await rated(api, world)
    assert (await annual_of(api, world.principal)).status_code == 200
    doc = await IssuedDocument.get(nip=TEACHER_2, kind="evaluasi-tahunan")
    response = await verify(api, doc.code)
    page = visible(response.text)
    assert "Dokumen ini sah dan masih sesuai" in page
    assert "Dokumen Evaluasi Kinerja Pegawai (tahunan)" in page and TEACHER_2 in page
    rows = re.findall(r"<th scope=\"row\">([^<]+)</th>", response.text)
    assert rows == ["Jenis dokumen", "Periode", "Nama", "NIP", "Predikat kinerja", "Diterbitkan", "Kode verifikasi"]
    for hidden in (PRINCIPAL, "REKOMENDASI", "akhir tahun", "CAPAIAN KINERJA ORGANISASI", "DISDIK"):
        assert hidden not in page, hidden
    assert (await api.gql(REOPEN, token=world.admin, nip=TEACHER_2))["m"]["errors"] == []
    page = visible((await verify(api, doc.code)).text)
    assert "sudah tidak berlaku" in page


async def test_the_command_writes_the_annual_document(api, world, database_url, tmp_path):
    await rated(api, world)
    out = tmp_path / "tahunan.pdf"
    done = await asyncio.to_thread(subprocess.run, [
        sys.executable, "-m", "kinerja.cli", "document", "tahunan", "--nip", TEACHER_2, "--year", "2025",
        "--out", str(out), "--db", database_url], capture_output=True, timeout=120, env=ENV, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "PERIODE: TAHUNAN" in text_of(out.read_bytes())
    done = await asyncio.to_thread(subprocess.run, [
        sys.executable, "-m", "kinerja.cli", "document", "tahunan", "--nip", TEACHER_1, "--year", "2025",
        "--out", str(tmp_path / "none.pdf"), "--db", database_url], capture_output=True, timeout=120, env=ENV,
        cwd=ROOT)
    assert done.returncode == 1 and b"no finalized rating" in done.stderr
