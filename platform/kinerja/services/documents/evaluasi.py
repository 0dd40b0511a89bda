"""Evaluasi Kinerja Pegawai: the evaluation form of one person for one period (PermenPANRB 6/2022, its annex
"EVALUASI KINERJA PEGAWAI ... PERIODE: TRIWULAN I / II / III / IV-AKHIR"; docs/DOMAIN.md, "Official documents").

First the FACTS, plain values computed from the stored records through the services that own them: the finalized
rating (evaluation/ratings), the supervisor assessment it was finalized from with its result by result notes
(evaluation/result_notes: realisation, feedback and rating per RHK of the SKP's revision in force), the behaviour
notes, the leader's expectations of the SKP (skp/document), the assessing official of the period and theirs
(evaluation/officials), the agency's organisation predikat (evaluation/org_ratings). Then the PDF, from the facts
alone (`render`). The facts are what the verification hash covers (services/documents/issue.py): a document exists
for a finalized rating only.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kinerja.models import Agency, Assessment, Cycle, Person, Rating, Skp, Unit
from kinerja.plugins.values import CoreValue
from kinerja.services.core import clock, messages
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.cycles import gate
from kinerja.services.documents.frame import Frame, Signer, Stamp
from kinerja.services.evaluation import officials, org_ratings, result_notes
from kinerja.services.skp import document as skp_document

KIND = "evaluasi"
TITLE = "EVALUASI KINERJA PEGAWAI"
ROMAN = ("I", "II", "III", "IV")
MONTHS = ("JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI", "JULI", "AGUSTUS", "SEPTEMBER", "OKTOBER",
          "NOVEMBER", "DESEMBER")
# the BerAKHLAK values as the annex's behaviour table describes them
BEHAVIOUR_TEXT = {
    "BERORIENTASI_PELAYANAN": "Berorientasi Pelayanan: memahami dan memenuhi kebutuhan masyarakat; ramah, cekatan, "
                              "solutif, dan dapat diandalkan; melakukan perbaikan tiada henti",
    "AKUNTABEL": "Akuntabel: melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas "
                 "tinggi; menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan "
                 "efisien; tidak menyalahgunakan kewenangan jabatan",
    "KOMPETEN": "Kompeten: meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah; membantu orang "
                "lain belajar; melaksanakan tugas dengan kualitas terbaik",
    "HARMONIS": "Harmonis: menghargai setiap orang apa pun latar belakangnya; suka menolong orang lain; membangun "
                "lingkungan kerja yang kondusif",
    "LOYAL": "Loyal: memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah; "
             "menjaga nama baik sesama ASN, pimpinan, instansi, dan negara; menjaga rahasia jabatan dan negara",
    "ADAPTIF": "Adaptif: cepat menyesuaikan diri menghadapi perubahan; terus berinovasi dan mengembangkan "
               "kreativitas; bertindak proaktif",
    "KOLABORATIF": "Kolaboratif: memberi kesempatan kepada berbagai pihak untuk berkontribusi; terbuka dalam bekerja "
                   "sama untuk menghasilkan nilai tambah; menggerakkan pemanfaatan berbagai sumber daya untuk tujuan "
                   "bersama",
}


def label(value: str | None) -> str:
    """An enum value (rating, predikat) in Indonesian, as the console shows it."""
    return messages.VALUE_LABELS.get(value or "", value or "-")


def period_words(period: str, periodicity: str) -> tuple[str, str]:
    """(the form's PERIODE line, the assessed span): ("TRIWULAN II", "1 APRIL S.D. 30 JUNI 2025"); the year is the
    last quarter's (or month's) evaluation too (docs/DOMAIN.md, "The year end"), "TRIWULAN IV-AKHIR"."""
    year = int(period[:4])
    end = gate.last_day(period)
    if re.fullmatch(r"\d{4}", period):
        start = dt.date(year, 1, 1)
        name = "TRIWULAN IV-AKHIR" if periodicity != "MONTHLY" else "DESEMBER-AKHIR"
    elif "-Q" in period:
        quarter = int(period[-1])
        start = dt.date(year, 3 * quarter - 2, 1)
        name = f"TRIWULAN {ROMAN[quarter - 1]}"
    else:
        month = int(period[5:7])
        start = dt.date(year, month, 1)
        name = f"BULAN {MONTHS[month - 1]}"
    return name, f"{start.day} {MONTHS[start.month - 1]} S.D. {end.day} {MONTHS[end.month - 1]} {year}"


async def _person_facts(person_id: int | None, day_unit: int | None = None) -> dict[str, Any] | None:
    if person_id is None:
        return None
    person = await Person.get_or_none(id=person_id)
    if person is None:
        return None
    unit = await Unit.get_or_none(id=day_unit if day_unit is not None else person.unit_id) if (
        day_unit or person.unit_id) else None
    agency = await Agency.get(id=person.agency_id)
    return {"nip": person.nip, "name": person.name, "position": person.position,
            "unit": unit.name if unit else None, "agency": agency.name}


async def _official_facts(official: officials.Official | None) -> dict[str, Any] | None:
    found = await _person_facts(official.person_id) if official else None
    return {**found, "acting": official.acting} if found else None


async def facts_of(person: Person, period: str) -> dict[str, Any] | None:
    """The facts of the person's evaluation document for the period, or None without a finalized rating. The
    caller has checked that the viewer may read the person (`locate`)."""
    rating = await Rating.get_or_none(person_id=person.id, period=period)
    if rating is None:
        return None
    cycle = await Cycle.get(id=rating.cycle_id)
    agency = await Agency.get(id=rating.agency_id)
    assessment = await Assessment.get(id=rating.assessment_id)
    notes = {n.get("item"): n for n in assessment.result_notes or ()}
    results = []
    for rhk in await result_notes.skp_items(person.id, cycle.id):
        note = notes.pop(rhk.key, {})
        results.append({"key": rhk.key, "kind": rhk.kind, "work_result": rhk.work_result,
                        "realization": note.get("realization"), "feedback": note.get("feedback"),
                        "rating": note.get("rating")})
    for key, note in notes.items():  # rated, but no longer an RHK of the revision in force
        results.append({"key": key, "kind": "MAIN", "work_result": "", "realization": note.get("realization"),
                        "feedback": note.get("feedback"), "rating": note.get("rating")})
    expectations: dict[str, str] = {}
    skp = await Skp.get_or_none(person_id=person.id, cycle_id=cycle.id)
    if skp is not None:
        content = await skp_document.revision_content(skp.id, skp.approved_revision or skp.revision)
        expectations = dict(content.expectations) if content else {}
    behaviour_notes = {n.get("value"): n.get("note") for n in assessment.behavior_notes or ()}
    behaviours = [{"value": v.value, "expectation": expectations.get(v.value), "feedback": behaviour_notes.get(v.value)}
                  for v in CoreValue]
    official = await officials.of_period(person, period)
    official_person = await Person.get_or_none(id=official.person_id) if official else None
    superior = await officials.of_period(official_person, period) if official_person else None
    org = await org_ratings.org_predikats([(agency.id, period)])
    name, span = period_words(period, cycle.periodicity)
    employee = await _person_facts(person.id, rating.unit_id)
    if employee is not None:
        employee["agency"] = agency.name  # as at finalization
    return {
        "kind": KIND,
        "period": period,
        "period_name": name,
        "period_span": span,
        "agency": {"code": agency.code, "name": agency.name},
        "employee": employee,
        "official": await _official_facts(official),
        "official_superior": await _official_facts(superior),
        "results": results,
        "behaviours": behaviours,
        "result_rating": rating.result_rating,
        "behavior_rating": rating.behavior_rating,
        "predikat": rating.predikat,
        "org_predikat": org.get((agency.id, period)),
        "finalized_on": rating.finalized_at.astimezone(dt.timezone.utc).date().isoformat(),
    }


async def locate(access: Access, nip: str, period: str) -> Person | None:
    """The person when the viewer may read their evaluation: whoever sees them (Access.can_see_person: ADMIN, the
    agency's admin, the person and those above them), or their assessing official for the period
    (officials.person_for); None otherwise, as for an unknown NIP. BadArgument for a malformed period."""
    if gate.period_kind(period or "") is None:
        raise BadArgument("period", f"period must be YYYY, YYYY-Qn or YYYY-MM, got {period!r}", "INVALID_PERIOD",
                          params={"given": period})
    person, _ = await officials.person_for(access, nip, period)
    return person


def subject(facts: dict[str, Any]) -> dict[str, Any]:
    """What the verify page shows of the document: only what the paper prints at its top."""
    employee = facts.get("employee") or {}
    return {"kind": "Evaluasi Kinerja Pegawai", "period": f"{facts['period_name']} ({facts['period_span']})",
            "name": employee.get("name"), "nip": employee.get("nip"), "predikat": label(facts.get("predikat"))}


def _signer(heading: str, who: dict | None) -> Signer:
    if not who:
        return Signer(heading, "", "")
    acting = {"PLT": "Plt. ", "PLH": "Plh. "}.get(who.get("acting") or "", "")
    return Signer(heading, f"{acting}{who['name']}", who["nip"])


def _identity(who: dict | None) -> list[tuple[str, str]]:
    who = who or {}
    position = who.get("position") or ""
    if who.get("acting") in ("PLT", "PLH"):
        position = f"{position} ({'Plt' if who['acting'] == 'PLT' else 'Plh'})"
    return [("NAMA", who.get("name") or ""), ("NIP", who.get("nip") or ""), ("JABATAN", position),
            ("UNIT KERJA", who.get("unit") or who.get("agency") or "")]


def render(facts: dict[str, Any], stamp: Stamp, issued: dt.datetime, place: str) -> bytes:
    """The PDF of the facts (A4, the annex's layout), with the verification code and QR code on every page."""
    pdf = Frame(f"Evaluasi Kinerja Pegawai {facts['employee']['nip']} {facts['period']}", stamp, issued)
    pdf.title_block([TITLE, f"PERIODE: {facts['period_name']}"], [facts["agency"]["name"]])
    pdf.pair_line(facts["agency"]["name"].upper(), f"PERIODE PENILAIAN: {facts['period_span']}")
    pdf.identity("PEGAWAI YANG DINILAI", _identity(facts["employee"]), "PEJABAT PENILAI KINERJA",
                 _identity(facts["official"]))
    pdf.labelled("CAPAIAN KINERJA ORGANISASI", label(facts["org_predikat"]) if facts["org_predikat"] else
                 "belum ditetapkan")
    pdf.heading("HASIL KERJA")
    results = facts["results"]
    main = [r for r in results if r["kind"] != "ADDITIONAL"]
    extra = [r for r in results if r["kind"] == "ADDITIONAL"]
    rows = [[str(n), f"{r['key']}. {r['work_result']}".strip(), r["realization"] or "", r["feedback"] or "",
             label(r["rating"]) if r["rating"] else "belum dinilai"]
            for n, r in enumerate([*main, *extra], start=1)]
    groups = {0: "A. UTAMA"} if main else {}
    if extra:
        groups[len(main)] = "B. TAMBAHAN"
    pdf.grid(["NO", "RENCANA HASIL KERJA", "REALISASI BERDASARKAN BUKTI DUKUNG",
              "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG", "RATING"], rows, (8, 62, 45, 45, 26),
             ("C", "L", "L", "L", "L"), groups)
    pdf.labelled("RATING HASIL KERJA", label(facts["result_rating"]))
    pdf.heading("PERILAKU KERJA")
    pdf.grid(["NO", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN", "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI "
              "DUKUNG"], [[str(n), BEHAVIOUR_TEXT.get(b["value"], label(b["value"])), b["expectation"] or "",
                            b["feedback"] or ""] for n, b in enumerate(facts["behaviours"], start=1)],
             (8, 80, 48, 50), ("C", "L", "L", "L"))
    pdf.labelled("RATING PERILAKU KERJA", label(facts["behavior_rating"]))
    pdf.labelled("PREDIKAT KINERJA PEGAWAI", label(facts["predikat"]))
    day = issued.astimezone(clock.WIB).date()  # the day in Tanjungpinang
    pdf.signatures([_signer("Pegawai yang Dinilai", facts["employee"]),
                    _signer("Pejabat Penilai Kinerja", facts["official"])], f"{place}, {messages.date_label(day)}")
    pdf.signatures([None, _signer("Atasan Pejabat Penilai Kinerja", facts["official_superior"])], "")
    return pdf.bytes()


def filename(facts: dict[str, Any]) -> str:
    return f"evaluasi-{facts['employee']['nip']}-{facts['period']}.pdf"
