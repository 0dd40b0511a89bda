"""Dokumen Evaluasi Kinerja Pegawai, PERIODE: TAHUNAN: the annual document of one person for one year (PermenPANRB
6/2022, its annex "DOKUMEN EVALUASI KINERJA PEGAWAI ... PERIODE: TAHUNAN"; docs/DOMAIN.md, "Official documents").

It summarises the year: the identity of the employee, of the assessing official and of theirs; EVALUASI KINERJA: the
organisation's achievement (the agency's organisation predikat for the year), the employee's annual predikat (the
finalized rating of the year's period, the fourth quarter's evaluation: docs/DOMAIN.md, "The year end"), the
predikat of each evaluation period before it, and CATATAN/REKOMENDASI (every plugin's kinerja_recommendations for the
rating, as the follow-up report gives them); then the assessing official's signature block. A document exists for a
finalized annual rating only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kinerja.models import Agency, Cycle, IssuedDocument, Person, Rating
from kinerja.services.core import clock, messages
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.cycles import gate
from kinerja.services.documents import evaluasi, parts
from kinerja.services.documents.frame import Frame, Stamp
from kinerja.services.evaluation import credit_points, officials, org_ratings
from kinerja.services.evaluation.ratings import info_of_loaded, rating_info, ratings_by_keys

KIND = "evaluasi-tahunan"
TITLE = "DOKUMEN EVALUASI KINERJA PEGAWAI"


def check_year(year: str) -> str:
    """The year as a period ("2025"); BadArgument naming `year` otherwise."""
    text = (year or "").strip()
    if not (len(text) == 4 and text.isdigit()):
        raise BadArgument("year", f"year must be four digits (e.g. 2025), got {year!r}", "INVALID_PERIOD",
                          params={"given": year})
    return text


async def locate(access: Access, nip: str, year: str) -> Person | None:
    """The person when the viewer may read their annual evaluation (as the periodic one: evaluasi.locate, for the
    year's period); None otherwise, as for an unknown NIP. BadArgument for a malformed year."""
    return await evaluasi.locate(access, nip, check_year(year))


async def facts_of(person: Person, year: str, catalog: Any) -> dict[str, Any] | None:
    """The facts of the person's annual document, or None without a finalized rating of the year. `catalog`: the
    plugin catalog, for the recommendations."""
    period = check_year(year)
    rating = (await ratings_by_keys([(person.id, period)])).get((person.id, period))
    if rating is None:
        return None
    cycle = await Cycle.get(id=rating.cycle_id)
    agency = await Agency.get(id=rating.agency_id)
    official = await officials.of_period(person, period)
    official_person = await Person.get_or_none(id=official.person_id) if official else None
    superior = await officials.of_period(official_person, period) if official_person else None
    org = await org_ratings.org_predikats([(agency.id, period)])
    employee = await parts.person_facts(person.id, rating.unit_id)
    if employee is not None:
        employee["agency"] = agency.name  # as at finalization
    # the evaluation periods of the year before its end, with the predikat finalized for each (None: not rated)
    earlier = gate.evaluation_periods_of(cycle.year, cycle.periodicity)[:-1]
    finalized = dict(await Rating.filter(person_id=person.id, period__in=earlier).values_list("period", "predikat"))
    recommendations = catalog.recommendations(info_of_loaded(rating), rating_info(rating)) if catalog else []
    points = (await credit_points.compute([person.id], int(period))).get(person.id)
    return {
        "kind": KIND,
        "period": period,
        "period_span": f"1 JANUARI S.D. 31 DESEMBER {period}",
        "agency": {"code": agency.code, "name": agency.name},
        "employee": employee,
        "official": await parts.official_facts(official),
        "official_superior": await parts.official_facts(superior),
        "org_predikat": org.get((agency.id, period)),
        "predikat": rating.predikat,
        "result_rating": rating.result_rating,
        "behavior_rating": rating.behavior_rating,
        "periods": [{"period": p, "name": parts.period_words(p, cycle.periodicity)[0],
                     "predikat": finalized.get(p)} for p in earlier],
        "recommendations": [str(r) for r in recommendations],
        "finalized_on": rating.finalized_at.astimezone(dt.timezone.utc).date().isoformat(),
        # only with a functional post with a coefficient held in the year: the facts of earlier issues stay as they were
        **({"credit_points": _credit_facts(points)} if points is not None and points.rated else {}),
    }


def _credit_facts(found: credit_points.CreditPoints) -> dict[str, Any]:
    return {"points": str(found.points), "percentage": found.percentage, "year_days": credit_points.days_in(found.year),
            "parts": [{"post": p.post, "coefficient": str(p.coefficient), "days": p.days, "points": str(p.points)}
                      for p in found.parts]}


def _comma(text: str) -> str:
    return text.replace(".", ",")


def credit_line(facts: dict[str, Any]) -> str:
    """"18,750 (koefisien 12,5 × 150 %)"; a post held part of the year, or several: each with its days."""
    year_days = facts["year_days"]
    parts = [f"{p['post']}: koefisien {_comma(p['coefficient'])} × {p['days']}/{year_days} hari × "
             f"{facts['percentage']} % = {_comma(p['points'])}" if p["days"] != year_days
             else f"koefisien {_comma(p['coefficient'])} × {facts['percentage']} %" for p in facts["parts"]]
    return f"{_comma(facts['points'])} ({'; '.join(parts)})"


async def facts_again(doc: IssuedDocument, catalog: Any) -> dict[str, Any] | None:
    person = await Person.get_or_none(nip=doc.nip or "")
    return await facts_of(person, doc.period, catalog) if person is not None else None


def subject(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """What the verify page shows: what the paper prints at its top and its predikat."""
    employee = facts.get("employee") or {}
    return [("Jenis dokumen", "Dokumen Evaluasi Kinerja Pegawai (tahunan)"),
            ("Periode", f"Tahunan ({facts['period_span']})"), ("Nama", employee.get("name") or "-"),
            ("NIP", employee.get("nip") or "-"), ("Predikat kinerja", parts.label(facts.get("predikat")))]


async def audit_keys(doc: IssuedDocument) -> list[tuple[str, str]]:
    """As the periodic document's (the year's rating, its assessments, the person, the organisation predikat), and
    the ratings of the year's other periods, whose predikat it lists."""
    keys = await evaluasi.audit_keys(doc)
    for entry in doc.facts.get("periods") or ():
        keys.append(("rating", f"{doc.nip}/{entry['period']}"))
    return keys


def _words(name: str) -> str:
    """"TRIWULAN II" as "Triwulan II", "BULAN MARET" as "Bulan Maret": roman numerals stay as they are."""
    return " ".join(w if set(w) <= set("IVX") else w.capitalize() for w in name.split())


def render(facts: dict[str, Any], stamp: Stamp, issued: dt.datetime, place: str) -> bytes:
    """The PDF of the facts (A4, the annex's layout), with the verification code and QR code on every page."""
    label = parts.label
    pdf = Frame(f"Dokumen Evaluasi Kinerja Pegawai {facts['employee']['nip']} {facts['period']}", stamp, issued)
    pdf.title_block([TITLE, "PERIODE: TAHUNAN"], [facts["agency"]["name"]])
    pdf.pair_line(facts["agency"]["name"].upper(), f"PERIODE PENILAIAN: {facts['period_span']}")
    pdf.identity("PEGAWAI YANG DINILAI", parts.identity(facts["employee"]), "PEJABAT PENILAI KINERJA",
                 parts.identity(facts["official"]))
    pdf.identity_single("ATASAN PEJABAT PENILAI KINERJA", parts.identity(facts["official_superior"]))
    pdf.heading("EVALUASI KINERJA")
    org = label(facts["org_predikat"]) if facts["org_predikat"] else "belum ditetapkan"
    recommendations = facts["recommendations"]
    notes = "\n".join(f"{n}. {text}" for n, text in enumerate(recommendations, start=1)) if recommendations \
        else "Tidak ada catatan."
    pdf.grid(["NO", "EVALUASI KINERJA", "NILAI"],
             [["1", "CAPAIAN KINERJA ORGANISASI", org],
              ["2", "PREDIKAT KINERJA PEGAWAI", label(facts["predikat"])],
              ["3", "CATATAN/REKOMENDASI", notes]], (9, 70, 107), ("C", "L", "L"))
    pdf.heading("RINCIAN")
    rows = [[_words(p["name"]), label(p["predikat"]) if p["predikat"] else "belum difinalisasi"]
            for p in facts["periods"]]
    rows += [["Rating hasil kerja (akhir tahun)", label(facts["result_rating"])],
             ["Rating perilaku kerja (akhir tahun)", label(facts["behavior_rating"])]]
    if facts.get("credit_points"):  # a functional post with a coefficient (docs/DOMAIN.md, "Credit points")
        rows.append(["Angka kredit (jabatan fungsional)", credit_line(facts["credit_points"])])
    pdf.grid(["PERIODE / RATING", "PREDIKAT / NILAI"], rows, (79, 107), ("L", "L"))
    day = issued.astimezone(clock.WIB).date()  # the day in Tanjungpinang
    pdf.signatures([None, parts.signer("Pejabat Penilai Kinerja", facts["official"])],
                   f"{place}, {messages.date_label(day)}")
    return pdf.bytes()


def filename(facts: dict[str, Any]) -> str:
    return f"evaluasi-tahunan-{facts['employee']['nip']}-{facts['period']}.pdf"
