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
from typing import Any

from kinerja.models import Agency, Assessment, Cycle, IssuedDocument, Person, Rating, Skp
from kinerja.plugins.values import CoreValue
from kinerja.services.core import clock, messages
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.cycles import gate
from kinerja.services.documents import skp as skp_form
from kinerja.services.documents.frame import Frame, Stamp
from kinerja.services.documents.parts import (BEHAVIOUR_TEXT, identity, label, official_facts, period_words,
                                              person_facts, signer)
from kinerja.services.evaluation import officials, org_ratings, result_notes
from kinerja.services.skp import document as skp_document

KIND = "evaluasi"
TITLE = "EVALUASI KINERJA PEGAWAI"


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
    skp = await Skp.get_or_none(person_id=person.id, cycle_id=cycle.id)
    # the approved SKP's form, and per RHK its indicators and targets and the leader's RHK it intervenes in, as the
    # SKP document prints them (services/documents/skp.py); none for an SKP never approved
    planned = await skp_form.facts_of(skp, person) if skp is not None else None
    form = planned["form"] if planned else skp_form.JA_JF
    plan = {r["key"]: r for r in planned["results"]} if planned else {}
    results = []
    for rhk in await result_notes.skp_items(person.id, cycle.id):
        note = notes.pop(rhk.key, {})
        entry = plan.get(rhk.key, {})
        results.append({"key": rhk.key, "kind": rhk.kind, "work_result": rhk.work_result,
                        "intervened": entry.get("intervened"), "indicators": entry.get("indicators", []),
                        "realization": note.get("realization"), "feedback": note.get("feedback"),
                        "rating": note.get("rating")})
    for key, note in notes.items():  # rated, but no longer an RHK of the revision in force
        results.append({"key": key, "kind": "MAIN", "work_result": "", "intervened": None, "indicators": [],
                        "realization": note.get("realization"), "feedback": note.get("feedback"),
                        "rating": note.get("rating")})
    expectations: dict[str, str] = {}
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
    employee = await person_facts(person.id, rating.unit_id)
    if employee is not None:
        employee["agency"] = agency.name  # as at finalization
    return {
        "kind": KIND,
        "period": period,
        "period_name": name,
        "period_span": span,
        "form": form,
        "agency": {"code": agency.code, "name": agency.name},
        "employee": employee,
        "official": await official_facts(official),
        "official_superior": await official_facts(superior),
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


async def facts_again(doc: IssuedDocument, catalog: Any = None) -> dict[str, Any] | None:
    person = await Person.get_or_none(nip=doc.nip or "")
    return await facts_of(person, doc.period) if person is not None else None


def subject(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """What the verify page shows of the document: only what the paper prints at its top."""
    employee = facts.get("employee") or {}
    return [("Jenis dokumen", "Evaluasi Kinerja Pegawai"),
            ("Periode", f"{facts['period_name']} ({facts['period_span']})"), ("Nama", employee.get("name") or "-"),
            ("NIP", employee.get("nip") or "-"), ("Predikat kinerja", label(facts.get("predikat")))]


async def audit_keys(doc: IssuedDocument) -> list[tuple[str, str]]:
    """Its rating, the supervisor assessments of the period, the person and the agency's organisation predikat."""
    keys = [("rating", f"{doc.nip}/{doc.period}"), ("person", doc.nip or "")]
    agency = (doc.facts.get("agency") or {}).get("code")
    if agency:
        keys.append(("org_rating", f"{agency}/{doc.period}"))
    person = await Person.get_or_none(nip=doc.nip or "")
    if person is not None:
        ids = await Assessment.filter(person_id=person.id, period=doc.period, kind="SUPERVISOR").values_list(
            "id", flat=True)
        keys += [("assessment", str(i)) for i in ids]
    return keys


def _indicators_text(indicators: list[dict[str, Any]]) -> str:
    """An RHK's indicators with their aspect and target, one a line: "Kuantitas: Angka kelulusan (75 %)"."""
    lines = []
    for indicator in indicators:
        aspect = skp_form.ASPECTS.get(indicator.get("aspect") or "", indicator.get("aspect") or "")
        name = indicator.get("name") or indicator.get("text") or ""
        target = skp_form.target_text(indicator)
        lines.append(f"{aspect}: {name}" + (f" ({target})" if target else ""))
    return "\n".join(lines) or "-"


def render(facts: dict[str, Any], stamp: Stamp, issued: dt.datetime, place: str) -> bytes:
    """The PDF of the facts (A4, the annex's layout), with the verification code and QR code on every page."""
    pdf = Frame(f"Evaluasi Kinerja Pegawai {facts['employee']['nip']} {facts['period']}", stamp, issued)
    pdf.title_block([TITLE, f"PERIODE: {facts['period_name']}"], [facts["agency"]["name"]])
    pdf.pair_line(facts["agency"]["name"].upper(), f"PERIODE PENILAIAN: {facts['period_span']}")
    pdf.identity("PEGAWAI YANG DINILAI", identity(facts["employee"]), "PEJABAT PENILAI KINERJA",
                 identity(facts["official"]))
    pdf.labelled("CAPAIAN KINERJA ORGANISASI", label(facts["org_predikat"]) if facts["org_predikat"] else
                 "belum ditetapkan")
    pdf.heading("HASIL KERJA")
    results = facts["results"]
    main = [r for r in results if r["kind"] != "ADDITIONAL"]
    extra = [r for r in results if r["kind"] == "ADDITIONAL"]
    jpt = facts.get("form") == skp_form.JPT  # a JPT's RHK intervene in no leader's (the SKP's JPT form)
    rows = []
    for n, r in enumerate([*main, *extra], start=1):
        row = [str(n)]
        if not jpt:
            row.append(r.get("intervened") or "-")
        row += [f"{r['key']}. {r['work_result']}".strip(), _indicators_text(r.get("indicators") or []),
                r["realization"] or "", r["feedback"] or "", label(r["rating"]) if r["rating"] else "belum dinilai"]
        rows.append(row)
    groups = {0: "A. UTAMA"} if main else {}
    if extra:
        groups[len(main)] = "B. TAMBAHAN"
    tail = ["RENCANA HASIL KERJA", "INDIKATOR KINERJA INDIVIDU DAN TARGET", "REALISASI BERDASARKAN BUKTI DUKUNG",
            "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG", "RATING"]
    if jpt:
        pdf.grid(["NO", *tail], rows, (8, 44, 40, 34, 36, 24), ("C", "L", "L", "L", "L", "L"), groups)
    else:
        pdf.grid(["NO", "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", *tail], rows, (8, 28, 32, 34, 30, 32, 22),
                 ("C", "L", "L", "L", "L", "L", "L"), groups)
    pdf.labelled("RATING HASIL KERJA", label(facts["result_rating"]))
    pdf.heading("PERILAKU KERJA")
    pdf.grid(["NO", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN", "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI "
              "DUKUNG"], [[str(n), BEHAVIOUR_TEXT.get(b["value"], label(b["value"])), b["expectation"] or "",
                            b["feedback"] or ""] for n, b in enumerate(facts["behaviours"], start=1)],
             (8, 80, 48, 50), ("C", "L", "L", "L"))
    pdf.labelled("RATING PERILAKU KERJA", label(facts["behavior_rating"]))
    pdf.labelled("PREDIKAT KINERJA PEGAWAI", label(facts["predikat"]))
    day = issued.astimezone(clock.WIB).date()  # the day in Tanjungpinang
    pdf.signatures([signer("Pegawai yang Dinilai", facts["employee"]),
                    signer("Pejabat Penilai Kinerja", facts["official"])], f"{place}, {messages.date_label(day)}")
    pdf.signatures([None, signer("Atasan Pejabat Penilai Kinerja", facts["official_superior"])], "")
    return pdf.bytes()


def filename(facts: dict[str, Any]) -> str:
    return f"evaluasi-{facts['employee']['nip']}-{facts['period']}.pdf"
