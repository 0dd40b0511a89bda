"""Sasaran Kinerja Pegawai: the SKP of one person for one cycle (a year) as the annexes of PermenPANRB 6/2022 print
it, in its two forms (docs/DOMAIN.md, "Official documents"):

- JA/JF (jabatan administrasi and fungsional, the default): HASIL KERJA with the column "RENCANA HASIL KERJA PIMPINAN
  YANG DIINTERVENSI", the supervisor's RHK each RHK names (its parentKey), or the free-text intervensi of a person
  whose supervisor's post is vacant;
- JPT (the agency head, "PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI"): without that column, a JPT's RHK
  deriving from the Perjanjian Kinerja. The form is the JPT one when, on the day the revision was approved, the
  person had no supervisor and reported to no (vacant) post: the top of the agency's tree, whose own superior is
  outside the platform (the rule save_skp, may_decide_skp and the assessing official already apply to an agency head).

Which revision: the approved revision in force (Skp.approved_revision); an SKP never approved has no document. A
revision opened since does not change it (its draft is not in force); its approval does, and supersedes the issued
paper. The FACTS are computed from the stored records through the SKP service (skp/document.revision_content,
skp/parents.supervisor_items) and the placements (org/placements: the person's post, unit and supervisor, and their
assessing official, on the approval day); the PDF is rendered from the facts alone (`render`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kinerja.models import Agency, Cycle, Indicator, IssuedDocument, Person, Skp, SkpRevision, Unit
from kinerja.plugins.values import CoreValue
from kinerja.services.core import clock, messages
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.cycles.workflow import MAX_YEAR, MIN_YEAR
from kinerja.services.documents import parts
from kinerja.services.documents.frame import Frame, Stamp
from kinerja.services.org import placements
from kinerja.services.skp import document as skp_document
from kinerja.services.skp import parents

KIND = "skp"
TITLE = "SASARAN KINERJA PEGAWAI"
JPT_TITLE = "PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI"
JPT, JA_JF = "JPT", "JA_JF"
# what the verify page says changed a superseded one's record
SUPERSEDED_WHY = "revisi SKP yang lebih baru telah disetujui, atau data yang dicetaknya telah berubah"
ASPECTS = {"QUANTITY": "Kuantitas", "QUALITY": "Kualitas", "TIME": "Waktu", "COST": "Biaya"}
UNITS = {"percent": "%", "days": "hari"}  # an indicator's unit as printed after a number (as the console shows it)
ATTACHMENTS = (("resources", "DUKUNGAN SUMBER DAYA"), ("accountability", "SKEMA PERTANGGUNGJAWABAN"),
               ("consequences", "KONSEKUENSI"))


def check_year(year: str) -> int:
    """The cycle's year from the route or the command line; BadArgument naming `year` when it is not one."""
    text = (year or "").strip()
    if not re.fullmatch(r"\d{4}", text) or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise BadArgument("year", f"year must be {MIN_YEAR}-{MAX_YEAR}, got {year!r}", "INVALID_YEAR",
                          params={"min": MIN_YEAR, "max": MAX_YEAR, "value": year})
    return int(text)


async def locate(access: Access, nip: str, year: str) -> Skp | None:
    """The SKP when the viewer may read it over the API (skp/document.get_skp: whoever can see the person), with
    `.person` set; None for an unknown NIP, a person out of scope or without an SKP of the cycle alike. BadArgument
    for a malformed year."""
    return await skp_document.get_skp(access, nip, check_year(year))


def _number(value: float) -> str:
    """A target as printed: Indonesian separators, at most four decimals ("1.234,5")."""
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


async def _placed_facts(person: Person, day: dt.date) -> tuple[dict[str, Any], placements.Placement]:
    """The person's identity as printed, in the post they held on `day`; with that placement."""
    placed = await placements.placement_at(person, day)
    unit = await Unit.get_or_none(id=placed.unit_id) if placed.unit_id else None
    agency = await Agency.get(id=placed.agency_id)
    return {"nip": person.nip, "name": person.name, "position": placed.position,
            "unit": unit.name if unit else None, "agency": agency.name}, placed


async def _official(person: Person, revision: SkpRevision, day: dt.date,
                    placed: placements.Placement) -> dict[str, Any] | None:
    """The Pejabat Penilai Kinerja: who approved the revision (its decided_by NIP) when they were the person's
    supervisor or assessing official that day; else the assessing official that day (an approval by ADMIN standing
    in); None where there is none in the platform (an agency head)."""
    official = await placements.assessing_official(person, day)
    approver = await Person.get_or_none(nip=revision.decided_by) if revision.decided_by else None
    allowed = {placed.supervisor_id, official.person_id if official else None} - {None}
    if approver is None or approver.id not in allowed:
        approver = await Person.get_or_none(id=official.person_id) if official else None
    if approver is None:
        return None
    facts, _ = await _placed_facts(approver, day)
    acting = official.acting if official is not None and official.person_id == approver.id else None
    return {**facts, "acting": acting}


def _indicator_facts(found: skp_document.IndicatorView, catalog: dict[int, Indicator]) -> dict[str, Any]:
    if found.indicator_id is not None:  # quantitative: the agency's indicator and the revision's target
        indicator = catalog[found.indicator_id]
        return {"aspect": found.aspect, "code": indicator.full_code, "name": indicator.name, "unit": indicator.unit,
                "target": found.target_value, "target_lower": found.target_lower, "target_upper": found.target_upper}
    return {"aspect": found.aspect, "text": found.text, "expected_output": found.expected_output}


def approach(results: list[dict[str, Any]]) -> str:
    """PENDEKATAN HASIL KERJA as the indicators are: quantitative, qualitative, or both."""
    kinds = {"code" in i for r in results for i in r["indicators"]}
    if kinds == {False}:
        return "KUALITATIF"
    return "KUANTITATIF DAN KUALITATIF" if kinds == {True, False} else "KUANTITATIF"


async def facts_of(skp: Skp, person: Person) -> dict[str, Any] | None:
    """The facts of the SKP's document: its approved revision in force; None when no revision was ever approved."""
    if skp.approved_revision is None:
        return None
    revision = await SkpRevision.get(skp_id=skp.id, number=skp.approved_revision)
    content = await skp_document.content_of(revision)
    cycle = await Cycle.get(id=skp.cycle_id)
    agency = await Agency.get(id=skp.agency_id)
    approved = (revision.decided_at or revision.created_at).astimezone(clock.WIB)
    day = approved.date()
    employee, placed = await _placed_facts(person, day)
    form = JPT if placed.supervisor_id is None and placed.reports_to_post_id is None else JA_JF
    intervened = dict(await parents.supervisor_items(placed.supervisor_id, cycle.year)) if placed.supervisor_id \
        else {}
    ids = sorted({i.indicator_id for item in content.items for i in item.indicators if i.indicator_id is not None})
    catalog = {i.id: i for i in await Indicator.filter(id__in=ids)} if ids else {}
    results = []
    for item in content.items:
        entry: dict[str, Any] = {"key": item.key, "kind": item.kind, "work_result": item.work_result,
                                 "indicators": [_indicator_facts(i, catalog) for i in item.indicators]}
        if form == JA_JF:  # the intervened RHK: the supervisor's, by its key; or the free text
            entry["parent_key"] = item.parent_key
            entry["intervened"] = intervened.get(item.parent_key) if item.parent_key else item.intervention
        results.append(entry)
    expectations = dict(content.expectations)
    return {
        "kind": KIND,
        "period": str(cycle.year),
        "period_span": f"1 JANUARI S.D. 31 DESEMBER {cycle.year}",
        "form": form,
        "approach": approach(results),
        "revision": revision.number,
        "approved_on": day.isoformat(),
        "agency": {"code": agency.code, "name": agency.name},
        "employee": employee,
        "official": await _official(person, revision, day, placed),
        "results": results,
        "behaviours": [{"value": v.value, "expectation": expectations.get(v.value)} for v in CoreValue],
        "attachments": {name: list(content.attachments.get(name, [])) for name, _ in ATTACHMENTS},
    }


async def facts_again(doc: IssuedDocument, catalog: Any = None) -> dict[str, Any] | None:
    person = await Person.get_or_none(nip=doc.nip or "")
    skp = await Skp.get_or_none(person_id=person.id, cycle__year=int(doc.period)) if person is not None else None
    return await facts_of(skp, person) if skp is not None else None


def _revision_words(facts: dict[str, Any]) -> str:
    return (f"Revisi ke-{facts['revision']}, disetujui "
            f"{messages.date_label(dt.date.fromisoformat(facts['approved_on']))}")


def subject(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """What the verify page shows of the document: only what the paper prints at its top."""
    employee = facts.get("employee") or {}
    name = "Sasaran Kinerja Pegawai" + (" (Pejabat Pimpinan Tinggi)" if facts.get("form") == JPT else "")
    return [("Jenis dokumen", name), ("Periode", f"Tahunan {facts['period']} ({facts['period_span']})"),
            ("Nama", employee.get("name") or "-"), ("NIP", employee.get("nip") or "-"),
            ("Revisi", _revision_words(facts))]


async def audit_keys(doc: IssuedDocument) -> list[tuple[str, str]]:
    """The SKP (every transition of it: a later approval supersedes), the person and the assessing official (a
    name corrected), the agency, the indicators it names, and the supervisor's SKP whose RHK it prints."""
    facts = doc.facts or {}
    keys = [("person", doc.nip or "")]
    official = (facts.get("official") or {}).get("nip")
    if official:
        keys.append(("person", official))
    agency = (facts.get("agency") or {}).get("code")
    if agency:
        keys.append(("agency", agency))
    keys += sorted({("indicator", i["code"]) for r in facts.get("results") or () for i in r["indicators"]
                    if i.get("code")})
    person = await Person.get_or_none(nip=doc.nip or "")
    if person is None or not (doc.period or "").isdigit():
        return keys
    skp = await Skp.get_or_none(person_id=person.id, cycle__year=int(doc.period))
    if skp is not None:
        keys.append(("skp", str(skp.id)))
    if facts.get("approved_on"):
        placed = await placements.placement_at(person, dt.date.fromisoformat(facts["approved_on"]))
        if placed.supervisor_id is not None:
            theirs = await Skp.get_or_none(person_id=placed.supervisor_id, cycle__year=int(doc.period))
            if theirs is not None:
                keys.append(("skp", str(theirs.id)))
    return keys


# -- the PDF -----------------------------------------------------------------------------------------------------

def target_text(indicator: dict[str, Any]) -> str:
    """TARGET as printed: "80 %", a range "70 - 90 %"; a qualitative indicator's expected output."""
    if "code" not in indicator:
        return indicator.get("expected_output") or ""
    unit = UNITS.get(indicator.get("unit") or "", indicator.get("unit") or "")
    if indicator.get("target_lower") is not None and indicator.get("target_upper") is not None:
        shown = f"{_number(indicator['target_lower'])} - {_number(indicator['target_upper'])}"
    else:
        shown = _number(indicator["target"]) if indicator.get("target") is not None else "-"
    return f"{shown} {unit}".strip()


def _result_rows(results: list[dict[str, Any]], jpt: bool) -> tuple[list[list[str]], dict[int, str]]:
    """HASIL KERJA's rows, an indicator a row (the RHK's own cells on its first), and the group headings."""
    rows: list[list[str]] = []
    groups: dict[int, str] = {}
    main = [r for r in results if r["kind"] != "ADDITIONAL"]
    extra = [r for r in results if r["kind"] == "ADDITIONAL"]
    number = 0
    for heading, part in (("A. UTAMA", main), ("B. TAMBAHAN", extra)):
        groups[len(rows)] = heading
        if not part:
            rows.append(["", "Tidak ada.", "", "", ""] if jpt else ["", "", "Tidak ada.", "", "", ""])
            continue
        for result in part:
            number += 1
            own = [str(number)]
            if not jpt:
                if result.get("parent_key") and not result.get("intervened"):
                    own.append(f"RHK atasan {result['parent_key']}")
                else:
                    own.append(result.get("intervened") or "-")
            own.append(f"{result['key']}. {result['work_result']}")
            indicators = result["indicators"] or [{}]
            for n, indicator in enumerate(indicators):
                cells = own if n == 0 else [""] * len(own)
                if not indicator:
                    rows.append(cells + ["", "-", "-"])
                    continue
                rows.append(cells + [ASPECTS.get(indicator["aspect"], indicator["aspect"]),
                                     indicator.get("name") or indicator.get("text") or "", target_text(indicator)])
    return rows, groups


def _signatures(pdf: Frame, facts: dict[str, Any], place: str) -> None:
    day = dt.date.fromisoformat(facts["approved_on"])
    pdf.signatures([parts.signer("Pegawai yang Dinilai", facts["employee"]),
                    parts.signer("Pejabat Penilai Kinerja", facts["official"])],
                   f"{place}, {messages.date_label(day)}")


def render(facts: dict[str, Any], stamp: Stamp, issued: dt.datetime, place: str) -> bytes:
    """The PDF of the facts (A4, the annex's layout), with the verification code and QR code on every page."""
    jpt = facts["form"] == JPT
    employee = facts["employee"]
    pdf = Frame(f"Sasaran Kinerja Pegawai {employee['nip']} {facts['period']}", stamp, issued)
    pdf.title_block([TITLE, *([JPT_TITLE] if jpt else []), f"PENDEKATAN HASIL KERJA {facts['approach']}"],
                    [facts["agency"]["name"], _revision_words(facts)])
    pdf.pair_line(facts["agency"]["name"].upper(), f"PERIODE PENILAIAN: {facts['period_span']}")
    pdf.identity("PEGAWAI YANG DINILAI", parts.identity(employee), "PEJABAT PENILAI KINERJA",
                 parts.identity(facts["official"]))
    pdf.heading("HASIL KERJA")
    rows, groups = _result_rows(facts["results"], jpt)
    if jpt:
        pdf.grid(["NO", "RENCANA HASIL KERJA", "ASPEK", "INDIKATOR KINERJA INDIVIDU", "TARGET"], rows,
                 (8, 62, 18, 62, 30), ("C", "L", "L", "L", "L"), groups)
    else:
        pdf.grid(["NO", "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", "RENCANA HASIL KERJA", "ASPEK",
                  "INDIKATOR KINERJA INDIVIDU", "TARGET"], rows, (8, 40, 42, 18, 46, 26),
                 ("C", "L", "L", "L", "L", "L"), groups)
    pdf.heading("PERILAKU KERJA")
    pdf.grid(["NO", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN"],
             [[str(n), parts.BEHAVIOUR_TEXT.get(b["value"], b["value"]), b["expectation"] or "-"]
              for n, b in enumerate(facts["behaviours"], start=1)], (8, 100, 78), ("C", "L", "L"))
    page = pdf.page_no()
    _signatures(pdf, facts, place)
    # the annex's second sheet: the attachments, signed again; on the page the signatures went on to, if they did
    if pdf.page_no() == page:
        pdf.add_page()
    else:
        pdf.ln(8)
    pdf.title_block(["LAMPIRAN SASARAN KINERJA PEGAWAI"], [facts["agency"]["name"]])
    pdf.pair_line(facts["agency"]["name"].upper(), f"PERIODE PENILAIAN: {facts['period_span']}")
    pdf.labelled("PEGAWAI YANG DINILAI", f"{employee['name']}, NIP {employee['nip']}")
    pdf.ln(1)
    for name, heading in ATTACHMENTS:
        pdf.grid(["NO", heading], [[str(n), text] for n, text in enumerate(facts["attachments"][name], start=1)],
                 (8, 178), ("C", "L"))
    _signatures(pdf, facts, place)
    return pdf.bytes()


def filename(facts: dict[str, Any]) -> str:
    return f"skp-{facts['employee']['nip']}-{facts['period']}.pdf"
