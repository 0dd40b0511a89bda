"""The Daftar Tindak Lanjut Hasil Evaluasi Kinerja Pegawai (services/documents/tindak_lanjut.py) through the real app:
its text against the followUps API's answers (names, NIPs, positions, units, predikat, ratings, recommendations, the
count and the agency head who signs), an empty list, its scoping and bad inputs, the issue record, the verify page
(valid, superseded by a listed rating reopened and by a rating newly listed through an objection, no more than the
paper), and the CLI."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys

from kinerja.models import Agency, AuditEvent, IssuedDocument
from kinerja.services.auth import tokens
from kinerja.services.documents import tindak_lanjut
from kinerja.services.indicators.catalog import Catalog
from test_documents_evaluasi import (ENV, FINALIZE, LABELS, REOPEN, ROOT, SUBMIT, first_page_png, flat, rated,
                                     text_of, verify, visible)
from world import CLERK, HEAD, PRINCIPAL, TEACHER_1, TEACHER_2

MEETS, BELOW = "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
LABELS = {**LABELS, BELOW: "Di Bawah Ekspektasi", "SANGAT_KURANG": "Sangat Kurang",
          "KURANG_MISCONDUCT": "Kurang/Misconduct"}
FOLLOW_UPS = """query($agency: String) { followUps(period: "2025", agency: $agency, first: 50) { totalCount
  edges { node { nip name position unit { name }
    rating(period: "2025") { predikat resultRating behaviorRating recommendations } } } } }"""
PERSON = """query($nip: String!) { person(nip: $nip) { nip name position } }"""
FILE = """mutation($nip: String!) { m: fileObjection(nip: $nip, period: "2025", reason: "Capaian belum dihitung") {
  objection { id } errors { code message } } }"""
DECIDE = """mutation($input: ObjectionDecisionInput!) { m: decideObjection(input: $input) {
  objection { newPredikat } errors { code message } } }"""
COUNT_LINE = "JUMLAH PEGAWAI YANG PERLU DITINDAKLANJUTI: {} orang"


async def listed(api, world) -> None:
    """`rated` (TEACHER_2 and CLERK rated well), then TEACHER_1 rated below expectations in results by PRINCIPAL
    (Butuh Perbaikan) and PRINCIPAL below in both by HEAD (Sangat Kurang): two people to follow up in DISDIK."""
    await rated(api, world)
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    for token, nip, result, behavior in ((world.principal, TEACHER_1, BELOW, MEETS), (head, PRINCIPAL, BELOW, BELOW)):
        entry = {"nip": nip, "period": "2025", "resultRating": result, "behaviorRating": behavior}
        assert (await api.gql(SUBMIT, token=token, input=entry))["m"]["errors"] == []
        assert (await api.gql(FINALIZE, token=token, nip=nip))["m"]["errors"] == []


async def clerk_objects(api, world) -> None:
    """CLERK (Baik, not listed) objects and the rating is changed to Butuh Perbaikan: HEAD, who rated, has no
    superior here, so ADMIN records the decision (a `rating.change` event)."""
    clerk = await tokens.create_token("EMPLOYEE", nip=CLERK)
    filed = (await api.gql(FILE, token=clerk, nip=CLERK))["m"]
    assert filed["errors"] == [], filed
    decided = (await api.gql(DECIDE, token=world.admin, input={
        "id": filed["objection"]["id"], "outcome": "CHANGED", "resultRating": BELOW, "reason": "dinilai ulang",
        "reference": "800/1/BKPSDM/2026"}))["m"]
    assert decided["errors"] == [] and decided["objection"]["newPredikat"] == "BUTUH_PERBAIKAN", decided


async def list_of(api, token: str | None, agency: str = "DISDIK", period: str = "2025", **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await api.client.get(f"/documents/tindak-lanjut/{agency}/{period}.pdf", params=params, headers=headers)


async def test_the_list_prints_what_the_follow_up_report_answers(api, world, database_url):
    await listed(api, world)
    response = await list_of(api, world.disdik_admin)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="tindak-lanjut-DISDIK-2025.pdf"'
    assert response.headers["cache-control"] == "no-store"
    text = flat(text_of(response.content))
    first_page_png(response.content, f"tindak-lanjut-{database_url.split(':')[0]}")
    assert "DAFTAR TINDAK LANJUT HASIL EVALUASI KINERJA PEGAWAI" in text and "PERIODE: TRIWULAN IV-AKHIR" in text
    assert "Dinas Pendidikan Kota Tanjungpinang" in text and "1 JANUARI S.D. 31 DESEMBER 2025" in text
    for heading in ("NO", "NAMA / NIP", "JABATAN", "UNIT KERJA", "PREDIKAT", "RATING HASIL KERJA",
                    "RATING PERILAKU", "REKOMENDASI TINDAK LANJUT"):
        assert heading in text, heading
    report = (await api.gql(FOLLOW_UPS, token=world.disdik_admin, agency="DISDIK"))["followUps"]
    people = [e["node"] for e in report["edges"]]
    assert report["totalCount"] == 2 and {p["nip"] for p in people} == {TEACHER_1, PRINCIPAL}
    places = []
    for n, person in enumerate(people, start=1):
        rating = person["rating"]
        assert rating["recommendations"], person  # the built-in plugin's plan for these predikat
        advice = " ".join(f"{k}. {sentence}" for k, sentence in enumerate(rating["recommendations"], start=1))
        # a row's cells are drawn left to right, each line by line: the row reads as one run of text
        row = (f"{n} {person['name']} NIP {person['nip']} {person['position']} {person['unit']['name']} "
               f"{LABELS[rating['predikat']]} {LABELS[rating['resultRating']]} {LABELS[rating['behaviorRating']]} "
               f"{advice}")
        assert row in text, (row, text)
        places.append(text.index(person["nip"]))
    assert places == sorted(places)  # in the report's order
    assert LABELS["SANGAT_KURANG"] in text and LABELS["BUTUH_PERBAIKAN"] in text
    assert "Di Bawah Ekspektasi" in text
    for name in ("Dewi Anggraini", "Eko Saputra", TEACHER_2, CLERK):  # rated well: not listed
        assert name not in text, name
    assert COUNT_LINE.format(2) in text
    head = (await api.gql(PERSON, token=world.admin, nip=HEAD))["person"]
    assert head["name"] in text and f"NIP {HEAD}" in text  # the agency's head signs
    doc = await IssuedDocument.get(kind="tindak-lanjut")
    disdik = await Agency.get(code="DISDIK")
    assert (doc.period, doc.nip, doc.unit_code, doc.agency_id) == ("2025", None, None, disdik.id)
    assert doc.facts["head"]["nip"] == HEAD
    assert [p["nip"] for p in doc.facts["people"]] == [p["nip"] for p in people]
    assert "-".join(doc.code[i:i + 4] for i in range(0, 24, 4)) in text
    assert f"http://testserver/verify/{doc.code}" in text and "Halaman 1 dari" in text
    event = await AuditEvent.get(action="document.issue", entity_id=doc.code)
    assert event.after["kind"] == "tindak-lanjut" and event.after["facts_hash"] == doc.facts_hash
    assert event.actor == doc.issued_by


async def test_an_empty_list_says_nobody_is_to_be_followed_up(api, world):
    await rated(api, world)  # rated, but nobody below Baik
    assert (await api.gql(FOLLOW_UPS, token=world.admin, agency="DISDIK"))["followUps"]["totalCount"] == 0
    response = await list_of(api, world.admin)
    assert response.status_code == 200, response.text
    text = flat(text_of(response.content))
    assert "tidak ada pegawai yang perlu ditindaklanjuti" in text and COUNT_LINE.format(0) in text
    assert "NAMA / NIP" not in text and HEAD in text
    # a period nobody in the agency has a finalized rating of: no list to give
    response = await list_of(api, world.admin, period="2025-Q1")
    assert response.status_code == 404 and response.headers["x-error-code"] == "NOT_FOUND"
    response = await list_of(api, world.admin, agency="DINKES")
    assert response.status_code == 404


async def test_the_list_is_scoped_as_the_reports(api, world):
    await listed(api, world)
    assert (await list_of(api, None)).status_code == 401
    assert (await list_of(api, "not-a-token")).status_code == 401
    for token in (world.principal, world.teacher):  # employees, even the one who rated
        response = await list_of(api, token)
        assert response.status_code == 403 and response.headers["x-error-code"] == "FORBIDDEN"
    response = await list_of(api, world.dinkes_admin)  # another agency: as unknown
    assert response.status_code == 404 and response.headers["x-error-code"] == "NOT_FOUND"
    assert (await list_of(api, world.admin, agency="NOPE")).status_code == 404
    for token in (world.admin, world.disdik_admin):
        assert (await list_of(api, token, agency="disdik")).status_code == 200
    assert await IssuedDocument.filter(kind="tindak-lanjut").count() == 2
    for period in ("2025-Q9", "25", "abcd"):
        response = await api.client.get(f"/documents/tindak-lanjut/DISDIK/{period}.pdf", headers={
            "Authorization": f"Bearer {world.admin}", "Accept-Language": "id"})
        assert response.status_code == 400 and response.headers["x-error-code"] == "INVALID_PERIOD", period
        assert period in response.text
    response = await list_of(api, world.admin, unit="SDN-001")
    assert response.status_code == 400 and response.headers["x-error-code"] == "BAD_ARGUMENT"
    assert await IssuedDocument.filter(kind="tindak-lanjut").count() == 2


async def test_verify_valid_then_superseded_by_a_listed_rating_reopened(api, world):
    await listed(api, world)
    assert (await list_of(api, world.admin)).status_code == 200
    doc = await IssuedDocument.get(kind="tindak-lanjut")
    response = await verify(api, doc.code)
    assert response.status_code == 200
    page = visible(response.text)
    assert "Dokumen ini sah dan masih sesuai" in page
    assert "Daftar Tindak Lanjut Hasil Evaluasi Kinerja Pegawai" in page and "TRIWULAN IV-AKHIR" in page
    assert "Dinas Pendidikan Kota Tanjungpinang" in page and "2 orang" in page
    rows = re.findall(r"<th scope=\"row\">([^<]+)</th>", response.text)
    assert rows == ["Jenis dokumen", "Periode", "Perangkat daerah", "Pegawai yang perlu ditindaklanjuti",
                    "Diterbitkan", "Kode verifikasi"]
    for hidden in ("Citra Lestari", "Budi Santoso", TEACHER_1, PRINCIPAL, "Andi Pratama", "Guru Kelas",
                   "Butuh Perbaikan", "Sangat Kurang", "Di Bawah Ekspektasi", "pengembangan"):
        assert hidden not in page, hidden
    assert (await api.gql(REOPEN, token=world.admin, nip=TEACHER_1))["m"]["errors"] == []
    page = visible((await verify(api, doc.code)).text)
    assert "sudah tidak berlaku" in page
    assert "ada pegawai lain yang kini perlu ditindaklanjuti" in page  # the kind's own words
    assert re.search(r"pada \d{1,2} \w+ \d{4} pukul \d\d\.\d\d WIB", page), page
    assert "2 orang" in page  # the facts as issued, still
    keys = await tindak_lanjut.audit_keys(doc)
    assert ("rating", f"{TEACHER_1}/2025") in keys and len(keys) <= 4


async def test_superseded_by_a_rating_newly_listed_through_an_objection(api, world):
    await listed(api, world)
    assert (await list_of(api, world.disdik_admin)).status_code == 200
    doc = await IssuedDocument.get(kind="tindak-lanjut")
    assert "Dokumen ini sah" in visible((await verify(api, doc.code)).text)
    await clerk_objects(api, world)
    page = visible((await verify(api, doc.code)).text)
    assert "sudah tidak berlaku" in page
    assert re.search(r"pada \d{1,2} \w+ \d{4} pukul \d\d\.\d\d WIB", page), page
    # the rating.change event names neither agency nor unit: found among the agency's rated people
    change = await AuditEvent.get(action="rating.change")
    assert "agency" not in (change.after or {})
    assert ("rating", f"{CLERK}/2025") in await tindak_lanjut.audit_keys(doc)
    response = await list_of(api, world.disdik_admin)
    text = flat(text_of(response.content))
    assert CLERK in text and COUNT_LINE.format(3) in text


async def test_read_in_pages_without_a_statement_per_person(api, world, sql_counter, monkeypatch):
    await listed(api, world)
    agency = await Agency.get(code="DISDIK")
    catalog = Catalog.load(api.settings)
    whole = await tindak_lanjut.facts_of(agency, "2025", catalog)
    assert [p["nip"] for p in whole["people"]] == [PRINCIPAL, TEACHER_1]
    monkeypatch.setattr(tindak_lanjut, "PAGE", 1)  # a page per person: the same list
    assert await tindak_lanjut.facts_of(agency, "2025", catalog) == whole
    monkeypatch.undo()
    with sql_counter:
        await tindak_lanjut.facts_of(agency, "2025", catalog)
    two = sql_counter.count
    await clerk_objects(api, world)
    with sql_counter:
        three = await tindak_lanjut.facts_of(agency, "2025", catalog)
    assert len(three["people"]) == 3 and sql_counter.count == two, sql_counter.statements
    # each recommendation text once in the facts, whoever it is for
    assert len(three["recommendations"]) == len(set(three["recommendations"])) == 6
    # a long list is rendered in a worker process: the same paper
    monkeypatch.setattr(tindak_lanjut, "LONG", 1)
    response = await list_of(api, world.admin)
    assert response.status_code == 200, response.text
    text = flat(text_of(response.content))
    assert all(nip in text for nip in (PRINCIPAL, TEACHER_1, CLERK)) and COUNT_LINE.format(3) in text


async def test_the_command_writes_the_list(api, world, database_url, tmp_path):
    await listed(api, world)
    out = tmp_path / "tindak-lanjut.pdf"
    done = await asyncio.to_thread(subprocess.run, [
        sys.executable, "-m", "kinerja.cli", "document", "tindak-lanjut", "--agency", "DISDIK", "--period", "2025",
        "--out", str(out), "--db", database_url], capture_output=True, timeout=120, env=ENV, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    text = flat(text_of(out.read_bytes()))
    assert TEACHER_1 in text and PRINCIPAL in text and COUNT_LINE.format(2) in text
    assert "Susun rencana pengembangan kinerja" in text  # the plugins' recommendations, as `kinerja report`
    done = await asyncio.to_thread(subprocess.run, [
        sys.executable, "-m", "kinerja.cli", "document", "tindak-lanjut", "--agency", "DISDIK", "--period",
        "2025-Q1", "--out", str(tmp_path / "none.pdf"), "--db", database_url], capture_output=True, timeout=120,
        env=ENV, cwd=ROOT)
    assert done.returncode == 1 and b"no finalized rating" in done.stderr
