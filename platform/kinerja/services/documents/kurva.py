"""Dokumen Kurva Distribusi Predikat Kinerja Pegawai: the distribution-curve document of an agency, or of one of its
units, for one evaluation period (PermenPANRB 6/2022 and SE MenPANRB 3/2023; docs/DOMAIN.md, "Organisation
predikat and the distribution curve" and "Official documents").

First the FACTS, plain values computed from the stored records through the services that own them:
- the finalized ratings of the period in the agency (a unit's: the ratings given in that unit itself, as the
  predikat report's unit rows and the evaluation ZIP count them), one per person, with the person's name and
  position as the records hold them;
- the organisation predikat: the agency's (evaluation/org_ratings); for a unit its own predikat when it has one
  (evaluation/unit_head.unit_predikat), else its agency's, and which of the two it is;
- the reference curve of that predikat against the spread, rule by rule (evaluation/curve.bounds with the headcount
  now, reports/predikat's wording of a rule through reports/labels.bound_label): the people each rule allows or
  needs, how many there are and whether it is met, exactly as the predikat distribution report says it;
- who signs: the head of the unit on the period's last day (the holder, or the Plt/Plh, of its head post:
  org/placements.head_at, as Unit.headAt), and for the agency the head of its top unit (`agency_head_post`).
Then the PDF, from the facts alone (`render`): the tables, a bar chart of the reference bounds beside the actual
shares (Frame.bar_chart: lines, rectangles and text), the list of employees and the signature block.

A document exists only for a period with at least one finalized rating in its scope (none: not found). The facts keep
the rules of the curve they were checked against; verifying checks the records again with those rules (the curve file
is configuration, not a record: a later change to it does not make an issued paper untrue).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kinerja.models import Agency, AuditEvent, Cycle, IssuedDocument, Post, Rating, Unit
from kinerja.models.rollup import WHOLE_AGENCY
from kinerja.services.core import clock, messages, sql
from kinerja.services.core.access import Access
from kinerja.services.documents import parts
from kinerja.services.documents.parts import Missing, label, period_words
from kinerja.services.documents.frame import Frame, Signer, Stamp
from kinerja.services.evaluation import curve, officials, org_ratings
from kinerja.services.evaluation.ratings import headcount_of
from kinerja.services.evaluation.unit_head import unit_predikat
from kinerja.services.org import placements
from kinerja.services.reports.labels import bound_label
from kinerja.services.reports.predikat import bound_text
from kinerja.services.reports.scope import check_period, scope_of

KIND = "kurva"
TITLE = "DOKUMEN KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI"
PREDIKATS = curve.PREDIKATS
RULE_LIMITS = curve.RULE_KEYS  # max_percent, min_percent, more_than_percent, min_count
# what a rule's state is called on paper (the console's words: org_predikat_ui.js verdict)
STATES = {"WITHIN": "Sesuai acuan", "EXCEEDED": "Melampaui acuan", "MET": "Terpenuhi", "UNMET": "Belum terpenuhi",
          "UNREACHABLE": "Tidak dapat terpenuhi lagi"}
# the chart's series: legend label and fill
ACTUAL, ACTUAL_OFF, MAXIMUM, MINIMUM = range(4)
SERIES = (("Sebaran aktual", (47, 111, 179)), ("Sebaran aktual di luar kurva acuan", (179, 38, 30)),
          ("Batas acuan: paling banyak", (154, 165, 177)),
          ("Batas acuan: paling sedikit atau lebih dari", (214, 220, 228)))
PERSON_EVENTS = ("person.update", "person.transfer", "person.depart", "person.reinstate")
EVENT_PAGE = 500
LONG = 200  # a longer list renders in a worker process (DISDIK's 1,205 people: 1.7 s in-process, 0.5-0.7 s there)


@dataclass(frozen=True)
class Subject:
    """What a document is of: an agency, or one of its units."""

    agency: Agency
    unit: Unit | None


async def locate(access: Access, agency: str, unit: str | None, period: str) -> Subject | Missing:
    """The agency (and unit) when the viewer may read its reports, scoped as the CSV exports (reports/scope.scope_of:
    ADMIN any agency, an agency admin its own, AccessDenied for anyone else; another agency reads as not found).
    BadArgument (INVALID_PERIOD) for a malformed period."""
    check_period(period)
    scope = await scope_of(access, agency)
    if scope.empty or scope.agency_id is None:
        return Missing(f"no agency {agency!r}", {"what": "agency", "key": agency})
    found = await Agency.get(id=scope.agency_id)
    if not (unit or "").strip():
        return Subject(found, None)
    unit_row = await Unit.get_or_none(agency_id=found.id, code=unit.strip().upper())
    if unit_row is None:
        return Missing(f"no unit {unit!r} in agency {found.code}",
                       {"what": "unit", "key": unit, "agency": found.code})
    return Subject(found, unit_row)


def _limit(key: str, value: Any) -> int | float:
    """A rule's limit in one form whatever gave it (the defaults write 50, a curve file 50.0): a percentage a float,
    a count an integer; so that the facts, and their hash, do not depend on it."""
    return int(value) if key == "min_count" else float(value)


def _rules_plain(rules: tuple[curve.Rule, ...]) -> list[dict[str, Any]]:
    return [{"predikat": list(r.predikat),
             **{k: _limit(k, getattr(r, k)) for k in RULE_LIMITS if getattr(r, k) is not None}} for r in rules]


def _rules_of(plain: list[dict[str, Any]]) -> tuple[curve.Rule, ...]:
    """The rules as the facts keep them."""
    return tuple(curve.Rule(tuple(r["predikat"]), **{k: _limit(k, r[k]) for k in RULE_LIMITS if k in r})
                 for r in plain)


def _state(b: curve.Bound) -> str:
    if b.rule.is_maximum:
        return "EXCEEDED" if b.breached else "WITHIN"
    if b.breached:
        return "UNREACHABLE"
    return "MET" if b.count >= b.limit else "UNMET"


def _bound_facts(b: curve.Bound) -> dict[str, Any]:
    """A rule applied to the spread: its words ("Sangat Baik paling banyak 10 %", the predikat report's wording in
    Indonesian), the people it allows (a maximum) or needs, those there are, its state, and the reference share in
    percent a chart draws (a number of people as a share of the basis)."""
    words = bound_label(bound_text(b)).split(": ", 1)[0]
    r = b.rule
    share = r.max_percent if r.max_percent is not None else r.min_percent if r.min_percent is not None else \
        r.more_than_percent if r.more_than_percent is not None else (100 * b.limit / b.total if b.total else 0.0)
    return {"predikat": list(r.predikat), "words": words, "maximum": r.is_maximum, "limit": b.limit,
            "count": b.count, "state": _state(b), "reference_percent": round(float(share), 4)}


async def _head(subject: Subject, day: dt.date) -> dict[str, Any] | None:
    if subject.unit is not None:
        post = await Post.filter(head_of_id=subject.unit.id).first()
    else:
        post = await placements.agency_head_post(subject.agency.id, day)
    return await parts.head_of_post(post, day)


async def facts_of(subject: Subject, period: str, rules: curve.CurveRules) -> dict[str, Any] | None:
    """The facts of the document of the agency (unit) for the period with the curve `rules` in force, or None
    when it has no finalized rating in the period."""
    agency, unit = subject.agency, subject.unit
    where = Rating.filter(agency_id=agency.id, period=period)
    if unit is not None:
        where = where.filter(unit_id=unit.id)
    rows = await where.values("predikat", "cycle_id", "person__nip", "person__name", "person__position")
    if not rows:
        return None
    order = {p: n for n, p in enumerate(PREDIKATS)}
    people = sorted(({"nip": r["person__nip"], "name": r["person__name"], "position": r["person__position"],
                      "predikat": r["predikat"]} for r in rows),
                    key=lambda p: (order.get(p["predikat"], len(order)), p["name"].casefold(), p["nip"]))
    counts = {p: 0 for p in PREDIKATS}
    for person in people:
        counts[person["predikat"]] = counts.get(person["predikat"], 0) + 1
    cycle = await Cycle.get(id=rows[0]["cycle_id"])
    headcount = await headcount_of(sql.connection(), agency.id, unit.id if unit is not None else WHOLE_AGENCY)
    own = await unit_predikat(unit.id, period) if unit is not None else None
    org = own or (await org_ratings.org_predikats([(agency.id, period)])).get((agency.id, period))
    chosen = tuple(rules.get(org, ())) if org else ()
    found = curve.bounds({org: chosen}, org, counts, headcount) if org else []
    name, span = period_words(period, cycle.periodicity)
    rated = len(people)
    return {
        "kind": KIND,
        "period": period,
        "period_name": name,
        "period_span": span,
        "agency": {"code": agency.code, "name": agency.name},
        "unit": {"code": unit.code, "name": unit.name} if unit is not None else None,
        "org_predikat": org,
        "org_predikat_of": None if org is None else "unit" if own else "agency",
        "headcount": headcount,
        "rated": rated,
        "basis": max(headcount, rated),  # the curve's N (curve.bounds)
        "counts": counts,
        "rules": _rules_plain(chosen),
        "bounds": [_bound_facts(b) for b in found],
        "people": people,
        "head": await _head(subject, officials.day_of(period)),
    }


async def facts_again(doc: IssuedDocument, catalog: Any = None) -> dict[str, Any] | None:
    """The facts again, checked against the rules the document printed (kept in its facts)."""
    agency = await Agency.get_or_none(id=doc.agency_id)
    if agency is None:
        return None
    unit = None
    if doc.unit_code:
        unit = await Unit.get_or_none(agency_id=agency.id, code=doc.unit_code)
        if unit is None:
            return None
    org = doc.facts.get("org_predikat")
    rules = {org: _rules_of(doc.facts.get("rules") or [])} if org else {}
    return await facts_of(Subject(agency, unit), doc.period, rules)


def _spread_text(facts: dict[str, Any]) -> str:
    return " · ".join(f"{label(p)} {facts['counts'].get(p, 0)}" for p in PREDIKATS)


def subject(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """What the verify page shows of the document: what the paper prints at its top."""
    rows = [("Jenis dokumen", "Dokumen Kurva Distribusi Predikat Kinerja Pegawai"),
            ("Periode", f"{facts['period_name']} ({facts['period_span']})"),
            ("Perangkat daerah", facts["agency"]["name"])]
    if facts.get("unit"):
        rows.append(("Unit kerja", facts["unit"]["name"]))
    rows += [("Predikat kinerja organisasi", _org_text(facts)),
             ("Pegawai dinilai", f"{facts['rated']} orang"),
             ("Sebaran predikat", _spread_text(facts))]
    return rows


async def _latest_rating_event(doc: IssuedDocument) -> str | None:
    """The entity id of the latest rating event of the period after the issue in the document's scope: a rating of a
    person it lists, or one finalized or reopened in its agency (unit) since (the event's record names them). Read
    newest first, a page at a time, over the period's rating events after the issue only."""
    facts = doc.facts
    agency = facts["agency"]["code"]
    unit = (facts.get("unit") or {}).get("code")
    listed = {p["nip"] for p in facts.get("people") or ()}
    query = AuditEvent.filter(entity="rating", entity_id__endswith=f"/{doc.period}", at__gt=doc.issued_at)
    offset = 0
    while True:
        page = await query.order_by("-id").offset(offset).limit(EVENT_PAGE).values("entity_id", "before", "after")
        for event in page:
            if event["entity_id"].rsplit("/", 1)[0] in listed:
                return event["entity_id"]
            for record in (event["after"], event["before"]):
                if isinstance(record, dict) and record.get("agency") == agency and (
                        unit is None or record.get("unit") == unit):
                    return event["entity_id"]
        if len(page) < EVENT_PAGE:
            return None
        offset += EVENT_PAGE


async def _latest_person_event(doc: IssuedDocument) -> str | None:
    """The NIP of the listed person (or the signer) whose record last changed after the issue (a name, a position, a
    transfer, leaving), reading the audit trail's index by NIP in chunks."""
    nips = sorted({p["nip"] for p in doc.facts.get("people") or ()} | (
        {doc.facts["head"]["nip"]} if doc.facts.get("head") else set()))
    latest: tuple[int, str] | None = None
    for part in sql.chunks(nips, EVENT_PAGE):
        event = await AuditEvent.filter(entity="person", entity_id__in=list(part), action__in=PERSON_EVENTS,
                                        at__gt=doc.issued_at).order_by("-id").only("id", "entity_id").first()
        if event is not None and (latest is None or event.id > latest[0]):
            latest = (event.id, event.entity_id)
    return latest[1] if latest else None


async def audit_keys(doc: IssuedDocument) -> list[tuple[str, str]]:
    """The organisation predikat (the agency's, and the unit's own) and the agency's (unit's) record, and, kept few
    however many people the document lists, the latest rating event of the period in its scope and the latest change to a person it prints after the
    issue (issue._events_after reads the latest event of these keys)."""
    agency = doc.facts["agency"]["code"]
    keys = [("org_rating", f"{agency}/{doc.period}"), ("agency", agency)]  # its predikat, its name
    if doc.unit_code:
        keys += [("unit_org_rating", f"{agency}/{doc.unit_code}/{doc.period}"), ("unit", f"{agency}/{doc.unit_code}")]
    rating = await _latest_rating_event(doc)
    if rating is not None:
        keys.append(("rating", rating))
    person = await _latest_person_event(doc)
    if person is not None:
        keys.append(("person", person))
    return keys


# -- the PDF ----------------------------------------------------------------------------------------------------------

def percent(part: float, whole: float) -> str:
    """A share in Indonesian: "16,7 %", "50 %"."""
    if not whole:
        return "0 %"
    return number(100 * part / whole) + " %"


def number(value: float) -> str:
    text = f"{value:.1f}".replace(".", ",")
    return text.removesuffix(",0")


def _org_text(facts: dict[str, Any]) -> str:
    org = facts.get("org_predikat")
    if not org:
        return "belum ditetapkan"
    if facts.get("unit") is None:
        return f"{label(org)} (predikat perangkat daerah)"
    if facts.get("org_predikat_of") == "unit":
        return f"{label(org)} (predikat unit kerja)"
    return f"{label(org)} (predikat perangkat daerah; unit kerja ini belum memiliki predikat sendiri)"


def _predikat_words(predikat: list[str]) -> str:
    return " + ".join(label(p) for p in predikat)


def chart_groups(facts: dict[str, Any]) -> list[tuple[str, list[tuple[int, float, str]]]]:
    """The chart's groups: each predikat, then each group of predikat a rule bounds together; in each the actual
    share of the curve's basis (red when a rule of that group is not kept) and the reference share of each rule."""
    basis = facts["basis"]
    sets = [[p] for p in PREDIKATS]
    for bound in facts["bounds"]:
        if bound["predikat"] not in sets:
            sets.append(bound["predikat"])
    groups = []
    for predikat in sets:
        count = sum(facts["counts"].get(p, 0) for p in predikat)
        own = [b for b in facts["bounds"] if b["predikat"] == predikat]
        off = any(b["state"] in ("EXCEEDED", "UNREACHABLE") for b in own)
        bars = [(ACTUAL_OFF if off else ACTUAL, 100 * count / basis if basis else 0.0, percent(count, basis))]
        for b in own:
            bars.append((MAXIMUM if b["maximum"] else MINIMUM, b["reference_percent"],
                         number(b["reference_percent"]) + " %"))
        groups.append((_predikat_words(predikat), bars))
    return groups


def _signer(facts: dict[str, Any]) -> Signer:
    return parts.head_signer(facts.get("head"), "Kepala Unit Kerja" if facts.get("unit") else "Kepala Perangkat Daerah")


def render(facts: dict[str, Any], stamp: Stamp, issued: dt.datetime, place: str) -> bytes:
    """The PDF of the facts, with the verification code and QR code on every page."""
    agency, unit = facts["agency"], facts.get("unit")
    where = f"{agency['code']}{'/' + unit['code'] if unit else ''}"
    pdf = Frame(f"Kurva Distribusi Predikat Kinerja {where} {facts['period']}", stamp, issued)
    pdf.title_block([TITLE, f"PERIODE: {facts['period_name']}"], [agency["name"], *([unit["name"]] if unit else [])])
    pdf.pair_line(agency["name"].upper(), f"PERIODE PENILAIAN: {facts['period_span']}")
    pdf.ln(1)
    pdf.labelled("PERANGKAT DAERAH", agency["name"])
    if unit:
        pdf.labelled("UNIT KERJA", unit["name"])
    pdf.labelled("PREDIKAT KINERJA ORGANISASI", _org_text(facts))
    basis = facts["basis"]
    pdf.labelled("JUMLAH PEGAWAI", f"{facts['headcount']} orang saat diterbitkan; penilaian yang sudah difinalisasi: "
                 f"{facts['rated']} orang; dasar perhitungan kurva: {basis} orang")
    pdf.ln(1)
    pdf.heading("A. SEBARAN AKTUAL PREDIKAT KINERJA PEGAWAI")
    rows = [[str(n), label(p), str(facts["counts"].get(p, 0)), percent(facts["counts"].get(p, 0), facts["rated"]),
             percent(facts["counts"].get(p, 0), basis)] for n, p in enumerate(PREDIKATS, start=1)]
    rows.append(["", "Jumlah", str(facts["rated"]), percent(facts["rated"], facts["rated"]),
                 percent(facts["rated"], basis)])
    pdf.grid(["NO", "PREDIKAT KINERJA PEGAWAI", "JUMLAH PEGAWAI", "PERSEN DARI PEGAWAI DINILAI",
              "PERSEN DARI DASAR KURVA"], rows, (8, 62, 30, 40, 40), ("C", "L", "R", "R", "R"))
    org = facts.get("org_predikat")
    pdf.heading(f"B. KURVA ACUAN PREDIKAT ORGANISASI {label(org).upper()} DAN PEMENUHANNYA" if org
                else "B. KURVA ACUAN DAN PEMENUHANNYA")
    if not org:
        pdf.lines(pdf.l_margin, pdf.epw, "Tidak ada kurva acuan: predikat kinerja organisasi periode ini belum "
                  "ditetapkan.")
        pdf.ln(1.5)
    elif not facts["bounds"]:
        pdf.lines(pdf.l_margin, pdf.epw, f"Predikat organisasi {label(org)} tanpa aturan sebaran.")
        pdf.ln(1.5)
    else:
        pdf.grid(["NO", "KURVA ACUAN", f"BATAS UNTUK {basis} PEGAWAI", "SEBARAN AKTUAL", "KETERANGAN"],
                 [[str(n), b["words"], f"{'paling banyak' if b['maximum'] else 'paling sedikit'} {b['limit']} orang",
                   f"{b['count']} orang ({percent(b['count'], basis)})", STATES[b["state"]]]
                  for n, b in enumerate(facts["bounds"], start=1)],
                 (8, 62, 40, 35, 35), ("C", "L", "L", "L", "L"))
    pdf.heading("C. GRAFIK KURVA ACUAN DAN SEBARAN AKTUAL")
    groups = chart_groups(facts)
    used = sorted({which for _, bars in groups for which, *_ in bars} | {ACTUAL})
    index = {which: n for n, which in enumerate(used)}
    pdf.bar_chart([(name, [(index[w], v, t) for w, v, t in bars]) for name, bars in groups],
                  [SERIES[w] for w in used], f"Persen dari {basis} pegawai (%)", "Predikat kinerja pegawai")
    pdf.heading("D. DAFTAR PEGAWAI DAN PREDIKAT KINERJA")
    pdf.grid(["NO", "NAMA", "NIP", "JABATAN", "PREDIKAT"],
             [[str(n), p["name"], p["nip"], p["position"] or "", label(p["predikat"])]
              for n, p in enumerate(facts["people"], start=1)],
             (10, 52, 37, 50, 31), ("C", "L", "L", "L", "L"))  # an 18-digit NIP and "Kurang/Misconduct" on one line
    day = issued.astimezone(clock.WIB).date()  # the day in Tanjungpinang
    pdf.signatures([None, _signer(facts)], f"{place}, {messages.date_label(day)}")
    return pdf.bytes()


def filename(facts: dict[str, Any]) -> str:
    unit = facts.get("unit")
    return f"kurva-{facts['agency']['code']}{'-' + unit['code'] if unit else ''}-{facts['period']}.pdf"
