"""What the official documents share (services/documents/kinds.py): the Indonesian words of a period and of an enum
value, the BerAKHLAK values as the annexes describe them, and a person's identity as printed, in a table and in a
signature block. Plain functions of the stored records or of the facts; no kind's own rule.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from kinerja.models import Agency, Person, Post, Unit
from kinerja.services.core import messages
from kinerja.services.cycles import gate
from kinerja.services.documents.frame import Signer
from kinerja.services.evaluation import officials
from kinerja.services.org import placements

@dataclass(frozen=True)
class Missing:
    """Why there is no such document for the viewer: the 404's English message, and the params its Indonesian one is
    chosen by (an unknown subject, one out of the viewer's scope, and one without the record the document needs all
    read alike)."""

    message: str
    params: dict[str, Any]


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


async def person_facts(person_id: int | None, day_unit: int | None = None) -> dict[str, Any] | None:
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


async def official_facts(official: officials.Official | None) -> dict[str, Any] | None:
    found = await person_facts(official.person_id) if official else None
    return {**found, "acting": official.acting} if found else None


def signer(heading: str, who: dict | None) -> Signer:
    if not who:
        return Signer(heading, "", "")
    acting = {"PLT": "Plt. ", "PLH": "Plh. "}.get(who.get("acting") or "", "")
    return Signer(heading, f"{acting}{who['name']}", who["nip"])


def identity(who: dict | None) -> list[tuple[str, str]]:
    who = who or {}
    position = who.get("position") or ""
    if who.get("acting") in ("PLT", "PLH"):
        position = f"{position} ({'Plt' if who['acting'] == 'PLT' else 'Plh'})"
    return [("NAMA", who.get("name") or ""), ("NIP", who.get("nip") or ""), ("JABATAN", position),
            ("UNIT KERJA", who.get("unit") or who.get("agency") or "")]




async def head_of_post(post: Post | None, day: dt.date) -> dict[str, Any] | None:
    """Who holds the authority of a head post on `day` (the holder, or the Plt/Plh), as a signature block prints
    them: NIP, name, the post's name and whether acting; None for no post or nobody."""
    official = await placements.post_authority_at(post.id, day) if post is not None else None
    person = await Person.get_or_none(id=official.person_id) if official is not None else None
    if person is None:
        return None
    return {"nip": person.nip, "name": person.name, "post": post.name, "acting": official.acting}


def head_signer(head: dict[str, Any] | None, fallback: str) -> Signer:
    """The head's signature block: "Plt. <post>" when acting; `fallback` names the post when nobody holds it."""
    if not head:
        return Signer(fallback, "", "")
    acting = {"PLT": "Plt. ", "PLH": "Plh. "}.get(head.get("acting") or "", "")
    return Signer(f"{acting}{head.get('post') or fallback}", head["name"], head["nip"])
