"""The Sasaran Kinerja Pegawai document (services/documents/skp.py) through the real app: its text against the API's
answers in the JA/JF form (with the intervened RHK of the supervisor) and the JPT form (the agency head), which
revision it prints (the approved one in force, not a draft opened since; none for an SKP never approved), its
scoping as the SKP's, bad years, the verify page (valid, superseded by a later approval of it or of the supervisor's
SKP it quotes, no more than the document shows), and the CLI."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import subprocess
import sys

from kinerja.models import AuditEvent, IssuedDocument
from kinerja.services.auth import tokens
from kinerja.services.core import messages
from kinerja.services.core.clock import WIB
from kinerja.services.documents import issue
from kinerja.services.documents.evaluasi import BEHAVIOUR_TEXT
from skp_world import (APPROVE, OTHER, REVISE, SUBMIT, approved_principal_skp, head_token, item, load_specs, qual,
                       quant, saved, skp_input, step, teacher_input)
from test_documents_evaluasi import ENV, ROOT, first_page_png, flat, text_of, visible
from world import HEAD, PRINCIPAL, TEACHER_1, TEACHER_2

PERSON = "query($nip: String!) { person(nip: $nip) { nip name position } }"
SKP = """query($nip: String!) { skp(nip: $nip, cycle: 2025) { status revision approvedRevision
  items { key kind workResult parentKey intervention indicators { aspect target targetLower targetUpper text
    expectedOutput indicator { code name unit } } }
  expectations { value text } attachments { resources accountability consequences }
  revisions { number status decidedBy decidedAt } } }"""
PARENTS = """query($nip: String!) { skpParentOptions(nip: $nip, cycle: 2025) { hasSupervisor
  items { key workResult } } }"""
RANGE = {"aspect": "QUANTITY", "indicator": "DISDIK.APK", "targetLower": 97.5, "targetUpper": 102.5}
EXPECTATIONS = [{"value": "AKUNTABEL", "text": "Laporan kelas jujur dan tepat waktu"},
                {"value": "KOLABORATIF", "text": "Aktif dalam kelompok kerja guru"}]
ATTACHMENTS = {"resources": ["Ruang kelas", "Proyektor"], "accountability": ["Laporan ke kepala sekolah"],
               "consequences": ["Teguran bila laporan terlambat"]}
ASPECT = {"QUANTITY": "Kuantitas", "QUALITY": "Kualitas", "TIME": "Waktu", "COST": "Biaya"}


async def approved(api, world) -> str:
    """PRINCIPAL's SKP approved by HEAD; TEACHER_1's (R1 names PRINCIPAL's R2, with a single and a ranged target;
    R2 additional, qualitative; expectations and attachments) approved by PRINCIPAL; HEAD's (the agency head: the
    agency's goal as intervensi) approved by ADMIN. Returns HEAD's token."""
    await load_specs(api, world)
    head = await head_token()
    await approved_principal_skp(api, world, head)
    input_ = teacher_input(expectations=EXPECTATIONS, attachments=ATTACHMENTS)
    input_["items"][0]["indicators"].append(RANGE)
    skp = await saved(api, world.teacher, input_)
    done = await step(api, world.teacher, SUBMIT, nip=TEACHER_1, version=skp["version"])
    done = await step(api, world.principal, APPROVE, nip=TEACHER_1, version=done["skp"]["version"])
    assert done["errors"] == [], done
    skp = await saved(api, head, skp_input(HEAD, item("Mutu lulusan kota meningkat", quant(95, OTHER),
                                                      intervention="Meningkatnya kualitas pendidikan kota")))
    done = await step(api, head, SUBMIT, nip=HEAD, version=skp["version"])
    done = await step(api, world.admin, APPROVE, nip=HEAD, version=done["skp"]["version"])
    assert done["errors"] == [], done
    return head


async def pdf_of(api, token: str | None, nip: str = TEACHER_1, year: str = "2025", **headers):
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return await api.client.get(f"/documents/skp/{nip}/{year}.pdf", headers=headers)


def target_text(d: dict) -> str:
    """The target as the document prints it, from the API's answer."""
    unit = {"percent": "%", "days": "hari"}.get(d["indicator"]["unit"], d["indicator"]["unit"])
    number = (lambda v: f"{v:g}".replace(".", ","))
    if d["targetLower"] is not None:
        return f"{number(d['targetLower'])} - {number(d['targetUpper'])} {unit}"
    return f"{number(d['target'])} {unit}"


async def test_the_ja_jf_form_prints_what_the_api_answers(api, world, database_url):
    await approved(api, world)
    response = await pdf_of(api, world.principal)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == f'attachment; filename="skp-{TEACHER_1}-2025.pdf"'
    assert response.headers["cache-control"] == "no-store"
    text = flat(text_of(response.content))
    first_page_png(response.content, f"skp-{database_url.split(':')[0]}")
    assert "SASARAN KINERJA PEGAWAI" in text and "PIMPINAN TINGGI" not in text
    assert "PENDEKATAN HASIL KERJA KUANTITATIF DAN KUALITATIF" in text  # R1 quantitative, R2 qualitative
    assert "PERIODE PENILAIAN: 1 JANUARI S.D. 31 DESEMBER 2025" in text
    for nip in (TEACHER_1, PRINCIPAL):  # the employee and the assessing official who approved it
        person = (await api.gql(PERSON, token=world.admin, nip=nip))["person"]
        assert person["name"] in text and nip in text and person["position"] in text, person
    skp = (await api.gql(SKP, token=world.admin, nip=TEACHER_1))["skp"]
    (revision,) = [r for r in skp["revisions"] if r["number"] == skp["approvedRevision"]]
    assert revision["decidedBy"] == PRINCIPAL
    day = dt.datetime.fromisoformat(revision["decidedAt"]).astimezone(WIB).date()
    assert f"Revisi ke-1, disetujui {messages.date_label(day)}" in text
    assert text.count(f"Tanjungpinang, {messages.date_label(day)}") == 2  # the form and its lampiran, signed
    assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI" in text
    options = (await api.gql(PARENTS, token=world.teacher, nip=TEACHER_1))["skpParentOptions"]
    parents = {p["key"]: p["workResult"] for p in options["items"]}
    main, extra = skp["items"]
    assert (main["kind"], main["parentKey"], extra["kind"]) == ("MAIN", "R2", "ADDITIONAL")
    assert f"{parents['R2']} R1. {main['workResult']}" in text  # the intervened RHK beside the RHK
    assert text.index("A. UTAMA") < text.index(f"R1. {main['workResult']}") < text.index("B. TAMBAHAN") < \
        text.index(f"R2. {extra['workResult']}")
    for d in main["indicators"]:
        assert f"{ASPECT[d['aspect']]} {d['indicator']['name']} {target_text(d)}" in text, d
    assert "97,5 - 102,5 %" in text and "75 %" in text
    (d,) = extra["indicators"]
    assert f"{ASPECT[d['aspect']]} {d['text']} {d['expectedOutput']}" in text
    assert "PERILAKU KERJA" in text and "EKSPEKTASI KHUSUS PIMPINAN" in text
    for value, described in BEHAVIOUR_TEXT.items():
        assert flat(described) in text, value
    for expectation in skp["expectations"]:
        assert f"{flat(BEHAVIOUR_TEXT[expectation['value']])} {expectation['text']}" in text
    assert "LAMPIRAN SASARAN KINERJA PEGAWAI" in text
    for name, heading in (("resources", "DUKUNGAN SUMBER DAYA"), ("accountability", "SKEMA PERTANGGUNGJAWABAN"),
                          ("consequences", "KONSEKUENSI")):
        assert heading in text
        for n, entry in enumerate(skp["attachments"][name], start=1):
            assert f"{n} {entry}" in text
    assert text.count("Pegawai yang Dinilai") == 2 and text.count("Pejabat Penilai Kinerja") == 2
    doc = await IssuedDocument.get(kind="skp", nip=TEACHER_1)
    assert (doc.period, doc.issued_by) == ("2025", f"nip:{PRINCIPAL}")
    assert issue.digest(doc.facts) == doc.facts_hash
    assert "-".join(doc.code[i:i + 4] for i in range(0, 24, 4)) in text
    assert f"http://testserver/verify/{doc.code}" in text
    event = await AuditEvent.get(action="document.issue", entity_id=doc.code)
    assert event.after == {"kind": "skp", "nip": TEACHER_1, "period": "2025", "facts_hash": doc.facts_hash}


async def test_the_agency_head_gets_the_jpt_form(api, world):
    head = await approved(api, world)
    response = await pdf_of(api, head, HEAD)
    assert response.status_code == 200, response.text
    text = flat(text_of(response.content))
    assert "SASARAN KINERJA PEGAWAI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI" in text
    assert "PENDEKATAN HASIL KERJA KUANTITATIF" in text
    assert "YANG DIINTERVENSI" not in text and "Meningkatnya kualitas pendidikan kota" not in text
    skp = (await api.gql(SKP, token=head, nip=HEAD))["skp"]
    (rhk,) = skp["items"]
    (d,) = rhk["indicators"]
    assert f"R1. {rhk['workResult']} {ASPECT[d['aspect']]} {d['indicator']['name']} {target_text(d)}" in text
    person = (await api.gql(PERSON, token=head, nip=HEAD))["person"]
    assert person["name"] in text and HEAD in text
    # approved by ADMIN standing in: the assessing official is outside the platform, left blank (its identity row,
    # and the NIP line of both signature blocks)
    assert text.count("NIP -") == 3
    # PRINCIPAL heads a unit with no parent unit, but has a supervisor: the JA/JF form
    text = flat(text_of((await pdf_of(api, world.principal, PRINCIPAL)).content))
    assert "PIMPINAN TINGGI" not in text and "YANG DIINTERVENSI" in text
    assert "Andi Pratama" in text  # HEAD, who approved it


async def test_the_revision_in_force_and_a_later_approval_supersedes(api, world):
    await approved(api, world)
    assert (await pdf_of(api, world.principal)).status_code == 200
    doc = await IssuedDocument.get(kind="skp", nip=TEACHER_1)
    # a revision opened and changed: still a draft, the document and its verification stay as approved
    done = await step(api, world.teacher, REVISE, nip=TEACHER_1, version=3)
    assert done["errors"] == [], done
    changed = teacher_input()
    changed["items"][0].update(key="R1", workResult="Sosialisasi program sekolah kepada komite")
    changed["items"][1]["key"] = "R2"
    await saved(api, world.teacher, changed, version=4)
    text = flat(text_of((await pdf_of(api, world.teacher)).content))
    assert "Sosialisasi program sekolah kepada orang tua" in text and "kepada komite" not in text
    assert "Revisi ke-1" in text
    page = visible((await api.client.get(f"/verify/{doc.code}")).text)
    assert "Dokumen ini sah dan masih sesuai" in page
    # approved: the paper of revision 1 is superseded, a new one prints revision 2
    done = await step(api, world.teacher, SUBMIT, nip=TEACHER_1, version=5)
    done = await step(api, world.principal, APPROVE, nip=TEACHER_1, version=done["skp"]["version"])
    assert done["errors"] == [] and done["skp"]["approvedRevision"] == 2, done
    page = visible((await api.client.get(f"/verify/{doc.code}")).text)
    assert "sudah tidak berlaku" in page and "revisi SKP yang lebih baru telah disetujui" in page
    assert "keberatan" not in page
    assert re.search(r"pada \d{1,2} \w+ \d{4} pukul \d\d\.\d\d WIB", page), page
    assert "Revisi ke-1" in page  # the facts as issued, still
    text = flat(text_of((await pdf_of(api, world.teacher)).content))
    assert "Sosialisasi program sekolah kepada komite" in text and "Revisi ke-2" in text


async def test_a_change_to_the_supervisors_rhk_it_quotes_supersedes(api, world):
    head = await approved(api, world)
    assert (await pdf_of(api, world.teacher)).status_code == 200
    doc = await IssuedDocument.get(kind="skp", nip=TEACHER_1)
    done = await step(api, world.principal, REVISE, nip=PRINCIPAL, version=3)
    assert done["errors"] == [], done
    await saved(api, world.principal, skp_input(
        PRINCIPAL, item("Mutu pembelajaran SD meningkat", quant(90, OTHER), qual(), key="R1"),
        item("Keterlibatan orang tua dan komite meningkat", qual("Rapat komite terlaksana", "Notulen rapat"),
             key="R2")), version=4)
    done = await step(api, world.principal, SUBMIT, nip=PRINCIPAL, version=5)
    done = await step(api, head, APPROVE, nip=PRINCIPAL, version=done["skp"]["version"])
    assert done["errors"] == [], done
    page = visible((await api.client.get(f"/verify/{doc.code}")).text)
    assert "sudah tidak berlaku" in page and "pukul" in page
    text = flat(text_of((await pdf_of(api, world.teacher)).content))
    assert "Keterlibatan orang tua dan komite meningkat R1." in text


async def test_the_verify_page_shows_no_more_than_the_document(api, world):
    await approved(api, world)
    assert (await pdf_of(api, world.principal)).status_code == 200
    doc = await IssuedDocument.get(kind="skp", nip=TEACHER_1)
    response = await api.client.get(f"/verify/{doc.code}")
    assert response.status_code == 200
    rows = re.findall(r"<th scope=\"row\">([^<]+)</th>", response.text)
    assert rows == ["Jenis dokumen", "Periode", "Nama", "NIP", "Revisi", "Diterbitkan", "Kode verifikasi"]
    page = visible(response.text)
    assert "Dokumen ini sah dan masih sesuai" in page
    assert "Sasaran Kinerja Pegawai" in page and "Citra Lestari" in page and TEACHER_1 in page
    assert "Tahunan 2025 (1 JANUARI S.D. 31 DESEMBER 2025)" in page
    for hidden in ("Sosialisasi program", "Partisipasi orang tua", "Laporan kelas jujur", "Proyektor",
                   "Budi Santoso", PRINCIPAL, "Guru Kelas", "Angka Partisipasi", "Kuantitas"):
        assert hidden not in page, hidden


async def test_only_who_may_read_the_skp_gets_it(api, world):
    head = await approved(api, world)
    assert (await pdf_of(api, None)).status_code == 401
    assert (await pdf_of(api, "not-a-token")).status_code == 401
    colleague = await tokens.create_token("EMPLOYEE", nip=TEACHER_2)
    for token in (world.dinkes_admin, world.nurse, colleague):  # another agency; a colleague
        response = await pdf_of(api, token)
        assert response.status_code == 404 and response.headers["x-error-code"] == "NOT_FOUND", response.text
    for token in (world.teacher, world.principal, head, world.disdik_admin, world.admin):
        assert (await pdf_of(api, token)).status_code == 200
    assert (await pdf_of(api, world.teacher, PRINCIPAL)).status_code == 404  # the supervisor's SKP: not theirs
    # a draft never approved, and no SKP at all: nothing to print
    await saved(api, colleague, skp_input(TEACHER_2, item("Rencana belum disetujui", qual())))
    for nip in (TEACHER_2, "198001012005011099"):
        response = await pdf_of(api, world.admin, nip, **{"Accept-Language": "id"})
        assert response.status_code == 404, response.text
    assert "SKP yang sudah disetujui" in (await pdf_of(api, world.admin, TEACHER_2,
                                                       **{"Accept-Language": "id"})).text
    assert (await pdf_of(api, world.admin, TEACHER_1, "2024")).status_code == 404  # no SKP in that cycle
    assert not await IssuedDocument.filter(nip=TEACHER_2).exists()
    for year in ("20x5", "1999", "02025"):
        response = await pdf_of(api, world.admin, TEACHER_1, year, **{"Accept-Language": "id"})
        assert response.status_code == 400 and response.headers["x-error-code"] == "INVALID_YEAR", year
        assert "Tahun harus antara 2000 dan 2100" in response.text


async def test_the_command_writes_the_document(api, world, database_url, tmp_path):
    await approved(api, world)
    out = tmp_path / "skp.pdf"
    done = await asyncio.to_thread(subprocess.run, [
        sys.executable, "-m", "kinerja.cli", "document", "skp", "--nip", TEACHER_1, "--cycle", "2025",
        "--out", str(out), "--db", database_url], capture_output=True, timeout=120, env=ENV, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    text = flat(text_of(out.read_bytes()))
    assert TEACHER_1 in text and "SASARAN KINERJA PEGAWAI" in text
    assert (await IssuedDocument.get(kind="skp", nip=TEACHER_1)).issued_by.startswith("cli:")
