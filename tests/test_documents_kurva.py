"""The Dokumen Kurva Distribusi Predikat Kinerja Pegawai (services/documents/kurva.py) through the real app: its text
against the API's predikat distribution report (counts, organisation predikat, the reference curve and its verdicts)
and people, the chart drawn in the PDF, a unit's document, the signer, scoping and bad inputs, the verify page (valid,
superseded by a finalization in scope, a reopened rating, a new organisation predikat; no more than the paper), and
the CLI."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import re
import subprocess
import sys

from pypdf import PdfReader

from kinerja.models import AuditEvent, IssuedDocument, Post
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.documents import issue, kurva
from kinerja.services.org import transfers
from test_documents_evaluasi import ENV, FINALIZE, REOPEN, ROOT, SUBMIT, first_page_png, flat, rated, text_of, \
    verify, visible
from world import CLERK, HEAD, PRINCIPAL, TEACHER_1, TEACHER_2

PREDIKATS = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG")
COLUMNS = ("sangatBaik", "baik", "butuhPerbaikan", "kurangMisconduct", "sangatKurang")
LABEL = {"SANGAT_BAIK": "Sangat Baik", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan",
         "KURANG_MISCONDUCT": "Kurang/Misconduct", "SANGAT_KURANG": "Sangat Kurang"}
ORG_LABEL = {"ISTIMEWA": "Istimewa", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan", "KURANG": "Kurang",
             "SANGAT_KURANG": "Sangat Kurang"}
DISTRIBUTION = """query($g: ReportGroup!) { predikatDistribution(period: "2025", groupBy: $g, agency: "DISDIK") {
  group total sangatBaik baik butuhPerbaikan kurangMisconduct sangatKurang orgPredikat
  curveReference { predikat kind percent count limit total actual breached } } }"""
PEOPLE = """{ people(filter: {agency: "DISDIK"}, first: 50) { edges { node { nip name position unit { code }
  rating(period: "2025") { predikat } } } } }"""
HEADCOUNT = """{ agency(code: "DISDIK") { headcount } }"""
HEAD_NAME = "Andi Pratama"
UNIT_ORG = """mutation($p: OrgPredikat!) { m: setUnitOrgPredikat(agency: "DISDIK", unit: "SDN-001", period: "2025",
  predikat: $p) { errors { code message } } }"""
ISTIMEWA = """mutation { m: setOrgPredikat(agency: "DISDIK", period: "2025", predikat: ISTIMEWA) {
  errors { code } } }"""
ACTUAL_FILL = "0.1843 0.4353 0.702 rg"  # the chart's "Sebaran aktual" bars (kurva.SERIES)
CHART_HEIGHT = 62.0  # mm: Frame.bar_chart's default


async def kurva_pdf(api, token: str | None, agency: str = "DISDIK", period: str = "2025", **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await api.client.get(f"/documents/kurva/{agency}/{period}.pdf", params=params, headers=headers)


def number(value: float) -> str:
    text = f"{value:.1f}".replace(".", ",")
    return text.removesuffix(",0")


def pct(part: int, whole: int) -> str:
    return f"{number(100 * part / whole)} %" if whole else "0 %"


def bound_words(b: dict) -> str:
    """A rule of the API's curveReference in the console's words (curve_labels.js boundWords)."""
    who = " + ".join(LABEL[p] for p in b["predikat"])
    if b["kind"] == "MIN_COUNT":
        return f"{who} paling sedikit {b['count']} orang"
    words = {"MAXIMUM": "paling banyak", "MINIMUM": "paling sedikit", "MORE_THAN": "lebih dari"}[b["kind"]]
    return f"{who} {words} {number(b['percent'])} %"


def verdict(b: dict) -> str:
    """The console's verdict of a rule (org_predikat_ui.js)."""
    if b["kind"] == "MAXIMUM":
        return "Melampaui acuan" if b["breached"] else "Sesuai acuan"
    if b["breached"]:
        return "Tidak dapat terpenuhi lagi"
    return "Terpenuhi" if b["actual"] >= b["limit"] else "Belum terpenuhi"


def actual_bars(content: bytes) -> list[float]:
    """The heights (mm) of the rectangles the first page fills with the chart's actual-share colour, its legend's
    swatch left out: the bars drawn in the PDF's own operators."""
    stream = PdfReader(io.BytesIO(content)).pages[0].get_contents().get_data().decode("latin-1")
    fill, heights = None, []
    for line in stream.splitlines():
        if line.endswith(" rg") or re.fullmatch(r"[\d.]+ g", line):  # a colour or a grey fill
            fill = line
        found = re.fullmatch(r"[\d.]+ [\d.]+ ([\d.]+) (-?[\d.]+) re B", line)
        if found and fill == ACTUAL_FILL:
            heights.append(round(abs(float(found.group(2))) / 72 * 25.4, 1))
    return heights


def check_against_report(text: str, row: dict, headcount: int, people: list[dict]) -> None:
    """The spread, the reference curve with its verdicts, and the people in order, as the API gives them."""
    basis = max(headcount, row["total"])
    for n, (name, column) in enumerate(zip(PREDIKATS, COLUMNS), start=1):
        count = row[column]
        assert f"{n} {LABEL[name]} {count} {pct(count, row['total'])} {pct(count, basis)}" in text, (name, text)
    assert f"Jumlah {row['total']} 100 % {pct(row['total'], basis)}" in text
    assert f"dasar perhitungan kurva: {basis} orang" in text
    assert row["curveReference"], row
    for n, b in enumerate(row["curveReference"], start=1):
        side = "paling banyak" if b["kind"] == "MAXIMUM" else "paling sedikit"
        assert b["total"] == basis
        assert (f"{n} {bound_words(b)} {side} {b['limit']} orang {b['actual']} orang ({pct(b['actual'], basis)}) "
                f"{verdict(b)}") in text, (b, text)
    order = {p: n for n, p in enumerate(PREDIKATS)}
    listed = sorted(people, key=lambda p: (order[p["rating"]["predikat"]], p["name"].casefold()))
    at = [text.index(f"{n} {p['name']} {p['nip']} {p['position']} {LABEL[p['rating']['predikat']]}")
          for n, p in enumerate(listed, start=1)]
    assert at == sorted(at)


async def test_the_document_prints_what_the_api_answers(api, world, database_url):
    await rated(api, world)
    response = await kurva_pdf(api, world.disdik_admin, agency="disdik")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="kurva-DISDIK-2025.pdf"'
    assert response.headers["cache-control"] == "no-store"
    first_page_png(response.content, f"kurva-{database_url.split(':')[0]}")
    text = flat(text_of(response.content))
    assert "DOKUMEN KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI" in text and "PERIODE: TRIWULAN IV-AKHIR" in text
    assert "1 JANUARI S.D. 31 DESEMBER 2025" in text and "Dinas Pendidikan Kota Tanjungpinang" in text
    (row,) = (await api.gql(DISTRIBUTION, token=world.disdik_admin, g="AGENCY"))["predikatDistribution"]
    assert row["orgPredikat"] == "BAIK" and row["total"] == 2
    assert f"PREDIKAT KINERJA ORGANISASI: {ORG_LABEL[row['orgPredikat']]} (predikat perangkat daerah)" in text
    assert f"B. KURVA ACUAN PREDIKAT ORGANISASI {ORG_LABEL[row['orgPredikat']].upper()} DAN PEMENUHANNYA" in text
    headcount = (await api.gql(HEADCOUNT, token=world.admin))["agency"]["headcount"]
    people = [e["node"] for e in (await api.gql(PEOPLE, token=world.admin))["people"]["edges"]]
    rated_people = [p for p in people if p["rating"]]
    assert {p["nip"] for p in rated_people} == {TEACHER_2, CLERK}
    check_against_report(text, row, headcount, rated_people)
    for p in people:
        if not p["rating"] and p["nip"] != HEAD:  # the head signs; the others are not listed
            assert p["nip"] not in text, p
    # the chart: its legend and axes in words, and its bars drawn as rectangles whose heights are the shares
    assert "C. GRAFIK KURVA ACUAN DAN SEBARAN AKTUAL" in text
    for words in ("Sebaran aktual", "Batas acuan: paling banyak", "Batas acuan: paling sedikit atau lebih dari",
                  f"Persen dari {max(headcount, row['total'])} pegawai (%)", "Predikat kinerja pegawai"):
        assert words in text, words
    basis = max(headcount, row["total"])
    shares = [row[c] for c in COLUMNS if row[c]] + [row["butuhPerbaikan"] + row["kurangMisconduct"]]
    assert sorted(h for h in actual_bars(response.content) if h != 3.2) == sorted(
        round(CHART_HEIGHT * s / basis, 1) for s in shares if s)
    # signed by the head of the agency (the holder of its top unit's head post), with place and date
    assert f"Kepala Dinas {HEAD_NAME} NIP {HEAD}" in text
    assert re.search(r"Tanjungpinang, \d{1,2} \w+ \d{4}", text)
    doc = await IssuedDocument.get(kind="kurva")
    assert doc.nip is None and doc.unit_code is None and doc.period == "2025" and issue.digest(doc.facts) == \
        doc.facts_hash
    event = await AuditEvent.get(action="document.issue", entity_id=doc.code)
    assert event.after["kind"] == "kurva" and event.after["facts_hash"] == doc.facts_hash
    assert "-".join(doc.code[i:i + 4] for i in range(0, 24, 4)) in text


async def test_a_units_document_prints_its_own_predikat_or_else_its_agencys(api, world):
    await rated(api, world)
    response = await kurva_pdf(api, world.admin, unit="sdn-001")
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == 'attachment; filename="kurva-DISDIK-SDN-001-2025.pdf"'
    text = flat(text_of(response.content))
    assert "UNIT KERJA: SD Negeri 001 Tanjungpinang" in text
    assert ("PREDIKAT KINERJA ORGANISASI: Baik (predikat perangkat daerah; unit kerja ini belum memiliki predikat "
            "sendiri)") in text
    assert TEACHER_2 in text and CLERK not in text  # the ratings given in the unit only
    assert f"Kepala Sekolah Budi Santoso NIP {PRINCIPAL}" in text  # the unit's head signs
    assert (await api.gql(UNIT_ORG, token=world.disdik_admin, p="BUTUH_PERBAIKAN"))["m"]["errors"] == []
    text = flat(text_of((await kurva_pdf(api, world.admin, unit="SDN-001")).content))
    assert "PREDIKAT KINERJA ORGANISASI: Butuh Perbaikan (predikat unit kerja)" in text
    rows = (await api.gql(DISTRIBUTION, token=world.admin, g="UNIT"))["predikatDistribution"]
    (row,) = [r for r in rows if r["group"] == "DISDIK/SDN-001"]
    assert row["orgPredikat"] == "BUTUH_PERBAIKAN"
    people = [e["node"] for e in (await api.gql(PEOPLE, token=world.admin))["people"]["edges"]]
    headcount = sum(p["unit"] is not None and p["unit"]["code"] == "SDN-001" for p in people)  # the unit's own people
    check_against_report(text, row, headcount, [p for p in people if p["rating"] and p["unit"]["code"] == "SDN-001"])


async def test_the_plh_of_the_agency_heads_post_signs_on_the_periods_last_day(api, world, monkeypatch):
    monkeypatch.setattr(kurva, "LONG", 1)  # two people: a long list, rendered in a worker process
    await rated(api, world)
    post = await Post.get(head_of__code="SEKRETARIAT")
    await transfers.appoint_acting(Access(SYSTEM), transfers.ActingData(
        post=post.id, nip=CLERK, kind="PLH", starts_on=dt.date(2025, 12, 1), ends_on=dt.date(2025, 12, 31),
        decree="800/PLH/2025"))
    text = flat(text_of((await kurva_pdf(api, world.admin)).content))
    assert f"Plh. Kepala Dinas Eko Saputra NIP {CLERK}" in text
    assert HEAD not in text


async def test_who_may_have_it_and_bad_inputs(api, world):
    await rated(api, world)
    assert (await kurva_pdf(api, None)).status_code == 401
    assert (await kurva_pdf(api, "not-a-token")).status_code == 401
    assert (await kurva_pdf(api, world.principal)).status_code == 403  # an EMPLOYEE reads no reports
    assert (await kurva_pdf(api, world.dinkes_admin)).status_code == 404  # another agency reads as unknown
    for token in (world.admin, world.disdik_admin):
        assert (await kurva_pdf(api, token)).status_code == 200
    for agency, params in (("NOPE", {}), ("DISDIK", {"unit": "NOPE"}), ("DINKES", {"unit": "SDN-001"})):
        response = await kurva_pdf(api, world.admin, agency=agency, **params)
        assert response.status_code == 404 and response.headers["x-error-code"] == "NOT_FOUND", (agency, params)
    response = await api.client.get("/documents/kurva/DISDIK/2025-Q1.pdf", headers={
        "Authorization": f"Bearer {world.admin}", "Accept-Language": "id"})  # no finalized rating in that period
    assert response.status_code == 404
    assert response.text.strip() == "Penilaian yang sudah difinalisasi DISDIK 2025-Q1 tidak ditemukan."
    response = await kurva_pdf(api, world.admin, period="2025-Q9")
    assert response.status_code == 400 and response.headers["x-error-code"] == "INVALID_PERIOD"
    response = await kurva_pdf(api, world.admin, extra="1")
    assert response.status_code == 400 and response.headers["x-error-code"] == "BAD_ARGUMENT"
    assert await IssuedDocument.filter(kind="kurva").count() == 2  # the two that were given


async def test_verify_valid_then_superseded_and_no_more_than_the_paper(api, world):
    await rated(api, world)
    assert (await kurva_pdf(api, world.admin)).status_code == 200
    assert (await kurva_pdf(api, world.admin, unit="SDN-001")).status_code == 200
    agency_doc = await IssuedDocument.get(kind="kurva", unit_code=None)
    unit_doc = await IssuedDocument.get(kind="kurva", unit_code="SDN-001")
    response = await verify(api, agency_doc.code)
    assert response.status_code == 200
    page = visible(response.text)
    assert "Dokumen ini sah dan masih sesuai" in page
    rows = re.findall(r"<th scope=\"row\">([^<]+)</th>", response.text)
    assert rows == ["Jenis dokumen", "Periode", "Perangkat daerah", "Predikat kinerja organisasi", "Pegawai dinilai",
                    "Sebaran predikat", "Diterbitkan", "Kode verifikasi"]
    assert "Dokumen Kurva Distribusi Predikat Kinerja Pegawai" in page and "TRIWULAN IV-AKHIR" in page
    assert "Baik (predikat perangkat daerah)" in page and "2 orang" in page
    for hidden in (TEACHER_2, CLERK, HEAD, "Dewi Anggraini", "Eko Saputra", HEAD_NAME, "Guru Kelas"):
        assert hidden not in page, hidden
    unit_page = await verify(api, unit_doc.code)
    assert "Unit kerja" in re.findall(r"<th scope=\"row\">([^<]+)</th>", unit_page.text)
    assert "SD Negeri 001 Tanjungpinang" in visible(unit_page.text)
    # a rating finalized in the scope since: both superseded, though the person was not listed
    teacher = {"nip": TEACHER_1, "period": "2025", "resultRating": "SESUAI_EKSPEKTASI",
               "behaviorRating": "SESUAI_EKSPEKTASI"}
    assert (await api.gql(SUBMIT, token=world.principal, input=teacher))["m"]["errors"] == []
    assert (await api.gql(FINALIZE, token=world.principal, nip=TEACHER_1))["m"]["errors"] == []
    for doc in (agency_doc, unit_doc):
        found = await issue.verify(doc.code, None)
        assert not found.current and found.superseded_at is not None
        assert ("rating", f"{TEACHER_1}/2025") in await kurva.audit_keys(doc)
    page = visible((await verify(api, agency_doc.code)).text)
    assert "sudah tidak berlaku" in page and re.search(r"pada \d{1,2} \w+ \d{4} pukul \d\d\.\d\d WIB", page)
    # a reopened rating
    assert (await kurva_pdf(api, world.admin)).status_code == 200
    second = await IssuedDocument.filter(kind="kurva", unit_code=None).order_by("-id").first()
    assert (await issue.verify(second.code, None)).current
    assert (await api.gql(REOPEN, token=world.admin, nip=TEACHER_2))["m"]["errors"] == []
    found = await issue.verify(second.code, None)
    assert not found.current and found.superseded_at is not None
    keys = await kurva.audit_keys(second)
    assert ("rating", f"{TEACHER_2}/2025") in keys and len(keys) <= 4  # bounded, however many are listed
    # a new organisation predikat
    assert (await kurva_pdf(api, world.admin)).status_code == 200
    third = await IssuedDocument.filter(kind="kurva", unit_code=None).order_by("-id").first()
    assert (await api.gql(ISTIMEWA, token=world.admin))["m"]["errors"] == []
    found = await issue.verify(third.code, None)
    assert not found.current and found.superseded_at is not None
    assert "Baik (predikat perangkat daerah)" in visible((await verify(api, third.code)).text)  # as issued


async def test_the_command_writes_the_document(api, world, database_url, tmp_path):
    await rated(api, world)
    out = tmp_path / "kurva.pdf"
    done = await asyncio.to_thread(subprocess.run, [
        sys.executable, "-m", "kinerja.cli", "document", "kurva", "--agency", "DISDIK", "--unit", "SDN-001",
        "--period", "2025", "--out", str(out), "--db", database_url], capture_output=True, timeout=120, env=ENV,
        cwd=ROOT)
    assert done.returncode == 0, done.stderr
    text = flat(text_of(out.read_bytes()))
    assert "DOKUMEN KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI" in text and TEACHER_2 in text
    assert (await IssuedDocument.get(kind="kurva")).issued_by.startswith("cli:")


def test_percent_words_and_the_charts_groups():
    assert kurva.percent(1, 6) == "16,7 %" and kurva.percent(3, 6) == "50 %" and kurva.percent(0, 0) == "0 %"
    facts = {"basis": 10, "counts": {"SANGAT_BAIK": 2, "BAIK": 6, "BUTUH_PERBAIKAN": 1, "KURANG_MISCONDUCT": 1,
                                     "SANGAT_KURANG": 0},
             "bounds": [{"predikat": ["SANGAT_BAIK"], "maximum": True, "reference_percent": 10.0,
                         "state": "EXCEEDED"},
                        {"predikat": ["BUTUH_PERBAIKAN", "KURANG_MISCONDUCT"], "maximum": False,
                         "reference_percent": 10.0, "state": "MET"}]}
    groups = dict(kurva.chart_groups(facts))
    assert groups["Sangat Baik"] == [(kurva.ACTUAL_OFF, 20.0, "20 %"), (kurva.MAXIMUM, 10.0, "10 %")]
    assert groups["Baik"] == [(kurva.ACTUAL, 60.0, "60 %")]
    assert groups["Butuh Perbaikan + Kurang/Misconduct"] == [(kurva.ACTUAL, 20.0, "20 %"), (kurva.MINIMUM, 10.0,
                                                                                            "10 %")]
