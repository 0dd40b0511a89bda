"""Daftar Tindak Lanjut Hasil Evaluasi Kinerja Pegawai: the follow-up list of an agency for one evaluation period
(docs/DOMAIN.md, "Official documents"): the people rated BUTUH_PERBAIKAN or worse in the period, each with their
predikat, results and behaviour ratings and the recommended follow-up, signed by the head of the agency.

First the FACTS, plain values computed from the stored records through the services that own them:
- the rows of the follow-up report (reports/follow_ups.page: its rule of who is listed, the rating's agency deciding
  the agency, its order by name), read a page at a time as the export reads it (one query for the people and one
  for their ratings per page, whatever the agency's size), with the recommendations the plugins give
  (catalog.recommendations, through the report). The list is the agency's, the same whoever prints it: it is read
  with the system's view (every person rated in the agency), once the viewer is known to read the agency's reports;
  the recommendation texts are kept once each (`recommendations`), each person naming theirs by index;
- the names of the units the ratings were given in (as at finalization);
- who signs: the head of the agency on the period's last day (today while it runs: evaluation/officials.day_of),
  the holder, or the Plt/Plh, of the head post of its root unit (documents/kurva.agency_head_post,
  org/placements.post_authority_at).
Then the PDF, from the facts alone (`render`).

A document exists for a period with at least one finalized rating in the agency; without any follow-up it says that
nobody is to be followed up (a statement worth signing). A period nobody in the agency has been rated in yet has no
list to give (not found): "nobody to follow up" would certify what is not known yet.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kinerja.models import Agency, AuditEvent, Cycle, IssuedDocument, Rating, Unit
from kinerja.services.core import clock, messages, sql
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.documents import parts
from kinerja.services.documents.parts import Missing, label, period_words
from kinerja.services.documents.frame import Frame, Signer, Stamp
from kinerja.services.evaluation import officials
from kinerja.services.org import placements
# by name: the package's attribute `follow_ups` is the function of that name, not the module
from kinerja.services.reports.follow_ups import FOLLOW_UP_PREDIKATS, FollowUpRow, page as follow_up_page
from kinerja.services.reports.scope import scope_of

KIND = "tindak-lanjut"
TITLE = "DAFTAR TINDAK LANJUT HASIL EVALUASI KINERJA PEGAWAI"
PAGE = 500  # people per page of the follow-up report
EVENT_CHUNK = 500  # audit entity ids per query when looking for the latest change
LONG = 200  # a list longer than this is rendered in a worker process (about 2 s for 1,000 people)
SUPERSEDED_WHY = ("penilaian pegawai yang tercantum dibuka kembali atau diubah, ada pegawai lain yang kini perlu "
                  "ditindaklanjuti, atau data yang dicetaknya telah berubah")


async def locate(access: Access, agency: str) -> Agency | Missing:
    """The agency when the viewer may read its reports, scoped as the CSV exports (reports/scope.scope_of: ADMIN any
    agency, an agency admin its own, AccessDenied for anyone else; another agency reads as not found)."""
    scope = await scope_of(access, agency)
    if scope.empty or scope.agency_id is None:
        return Missing(f"no agency {agency!r}", {"what": "agency", "key": agency})
    return await Agency.get(id=scope.agency_id)


async def _rows(agency: Agency, period: str, catalog: Any) -> list[FollowUpRow]:
    """Every row of the follow-up report of the agency for the period, page by page (the system's view: the agency's
    list, not the viewer's)."""
    # imported here: the registry imports the report modules, and its Context is what a report page reads
    from kinerja.services.reports.registry import Arguments, Context

    ctx = Context(access=Access(SYSTEM), catalog=catalog)
    arguments = Arguments(period=period, agency=agency.code)
    out: list[FollowUpRow] = []
    after: tuple[str, int] | None = None
    while True:
        rows, after = await follow_up_page(ctx, arguments, PAGE, after)
        out.extend(rows)
        if after is None:
            return out


async def _unit_names(agency: Agency, codes: set[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for part in sql.chunks(sorted(codes)):
        names.update(dict(await Unit.filter(agency_id=agency.id, code__in=list(part)).values_list("code", "name")))
    return names


async def _head(agency: Agency, day: dt.date) -> dict[str, Any] | None:
    """The agency's head on `day`: who holds the authority of its head post (the holder, or the Plt/Plh)."""
    return await parts.head_of_post(await placements.agency_head_post(agency.id, day), day)


async def facts_of(agency: Agency, period: str, catalog: Any) -> dict[str, Any] | None:
    """The facts of the agency's follow-up list for the period, or None when nobody in the agency has a finalized
    rating of the period."""
    rating = await Rating.filter(agency_id=agency.id, period=period).only("cycle_id").first()
    if rating is None:
        return None
    cycle = await Cycle.get(id=rating.cycle_id)
    rows = await _rows(agency, period, catalog)
    units = await _unit_names(agency, {r.unit for r in rows if r.unit})
    texts: dict[str, int] = {}  # each recommendation once, in the order first met
    people = []
    for row in rows:
        people.append({"nip": row.nip, "name": row.name, "position": row.position,
                       "unit": units.get(row.unit, row.unit) if row.unit else None, "unit_code": row.unit,
                       "predikat": row.predikat,
                       "result_rating": row.result_rating, "behavior_rating": row.behavior_rating,
                       "recommendations": [texts.setdefault(text, len(texts)) for text in row.recommendations]})
    name, span = period_words(period, cycle.periodicity)
    return {
        "kind": KIND,
        "period": period,
        "period_name": name,
        "period_span": span,
        "agency": {"code": agency.code, "name": agency.name},
        "predikats": list(FOLLOW_UP_PREDIKATS),
        "people": people,
        "recommendations": list(texts),
        "head": await _head(agency, officials.day_of(period)),
    }


async def facts_again(doc: IssuedDocument, catalog: Any) -> dict[str, Any] | None:
    agency = await Agency.get_or_none(id=doc.agency_id)
    return await facts_of(agency, doc.period, catalog) if agency is not None else None


def subject(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """What the verify page shows: what the paper prints at its top and how many it lists (not who)."""
    return [("Jenis dokumen", "Daftar Tindak Lanjut Hasil Evaluasi Kinerja Pegawai"),
            ("Periode", f"{facts['period_name']} ({facts['period_span']})"),
            ("Perangkat daerah", facts["agency"]["name"]),
            ("Pegawai yang perlu ditindaklanjuti", f"{len(facts['people'])} orang")]


async def _latest(entity: str, ids: list[str], after: dt.datetime) -> tuple[int, str] | None:
    """The (event id, entity id) of the latest audit event about any of `ids` after `after`, reading the trail's
    (entity, entity_id) index EVENT_CHUNK ids at a time."""
    latest: tuple[int, str] | None = None
    for part in sql.chunks(sorted(set(ids)), EVENT_CHUNK):
        event = await AuditEvent.filter(entity=entity, entity_id__in=list(part), at__gt=after).order_by(
            "-id").only("id", "entity_id").first()
        if event is not None and (latest is None or event.id > latest[0]):
            latest = (event.id, event.entity_id)
    return latest


async def audit_keys(doc: IssuedDocument) -> list[tuple[str, str]]:
    """Kept few however long the list: the agency, and of each kind of record the paper rests on only the one changed
    last after the issue (issue._events_after reads the latest event of these keys): the ratings of the period of
    the people it lists and of everyone rated in the agency in it now (a rating reopened, changed by an objection,
    or finalized since, which may list someone new), the people it prints and its signer (a name, a position), and
    the units it names."""
    facts = doc.facts
    agency = facts["agency"]["code"]
    listed = [p["nip"] for p in facts.get("people") or ()]
    rated = await Rating.filter(agency_id=doc.agency_id, period=doc.period).values_list("person__nip", flat=True)
    keys = [("agency", agency)]
    rating = await _latest("rating", [f"{nip}/{doc.period}" for nip in {*listed, *rated}], doc.issued_at)
    people = [*listed, *([facts["head"]["nip"]] if facts.get("head") else [])]
    person = await _latest("person", people, doc.issued_at)
    codes = {p["unit_code"] for p in facts.get("people") or () if p.get("unit_code")}
    unit = await _latest("unit", [f"{agency}/{code}" for code in codes], doc.issued_at)
    keys += [(entity, found[1]) for entity, found in (("rating", rating), ("person", person), ("unit", unit))
             if found is not None]
    return keys


# -- the PDF ----------------------------------------------------------------------------------------------------------

def _predikat_words(predikats: list[str]) -> str:
    words = [label(p) for p in predikats]
    return ", ".join(words[:-1]) + f", atau {words[-1]}" if len(words) > 2 else " atau ".join(words)


def _signer(head: dict[str, Any] | None) -> Signer:
    return parts.head_signer(head, "Kepala Perangkat Daerah")


class _Landscape(Frame):
    """The frame on A4 landscape pages: the list's eight columns need the width (every block of the frame lays out to
    the page's width)."""

    def add_page(self, orientation: str = "", *args: Any, **kwargs: Any) -> None:
        super().add_page("L", *args, **kwargs)


def render(facts: dict[str, Any], stamp: Stamp, issued: dt.datetime, place: str) -> bytes:
    """The PDF of the facts (A4 landscape), with the verification code and QR code on every page."""
    agency = facts["agency"]
    people = facts["people"]
    texts = facts["recommendations"]
    pdf = _Landscape(f"Daftar Tindak Lanjut {agency['code']} {facts['period']}", stamp, issued)
    pdf.title_block([TITLE, f"PERIODE: {facts['period_name']}"], [agency["name"]])
    pdf.pair_line(agency["name"].upper(), f"PERIODE PENILAIAN: {facts['period_span']}")
    pdf.ln(1)
    words = _predikat_words(facts["predikats"])
    pdf.lines(pdf.l_margin, pdf.epw, f"Pegawai dengan predikat kinerja {words} pada periode ini, beserta rating hasil "
              "kerja, rating perilaku kerja, dan rekomendasi tindak lanjutnya.")
    pdf.ln(1.5)
    if people:
        rows = []
        for n, person in enumerate(people, start=1):
            chosen = [texts[i] for i in person["recommendations"]]
            advice = "\n".join(f"{k}. {text}" for k, text in enumerate(chosen, start=1)) if chosen else "-"
            rows.append([str(n), f"{person['name']}\nNIP {person['nip']}", person["position"] or "-",
                         person["unit"] or "-", label(person["predikat"]), label(person["result_rating"]),
                         label(person["behavior_rating"]), advice])
        pdf.grid(["NO", "NAMA / NIP", "JABATAN", "UNIT KERJA", "PREDIKAT", "RATING HASIL KERJA", "RATING PERILAKU",
                  "REKOMENDASI TINDAK LANJUT"], rows, (8, 46, 30, 32, 22, 24, 24, 81),
                 ("C", "L", "L", "L", "L", "L", "L", "L"))
    else:
        pdf.lines(pdf.l_margin, pdf.epw, f"Tidak ada pegawai dengan predikat kinerja {words} pada periode ini: "
                  "tidak ada pegawai yang perlu ditindaklanjuti.")
        pdf.ln(1.5)
    pdf.labelled("JUMLAH PEGAWAI YANG PERLU DITINDAKLANJUTI", f"{len(people)} orang")
    day = issued.astimezone(clock.WIB).date()  # the day in Tanjungpinang
    pdf.signatures([None, _signer(facts.get("head"))], f"{place}, {messages.date_label(day)}")
    return pdf.bytes()


def filename(facts: dict[str, Any]) -> str:
    return f"tindak-lanjut-{facts['agency']['code']}-{facts['period']}.pdf"
