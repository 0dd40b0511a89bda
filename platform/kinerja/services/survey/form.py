"""The public survey's form: the agency, its units, the period answers go to now, the nine IKM questions with
the answer wording of the PermenPANRB 14/2017 questionnaire (answer 1 to 4, worst to best), and the questionnaire's
optional respondent profile (PROFILE: age band, sex, education, occupation, each with its choices)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinerja.models import Agency, Cycle, Unit
from kinerja.services.core import clock
from kinerja.services.cycles.gate import periods_of
from kinerja.services.survey import profile
from kinerja.services.survey.satisfaction import FEEDBACK_STATUSES

CODE_MAX = 32

# U1..U9 in docs/DOMAIN.md's order: requirements, procedure, time, cost, product, competence, behaviour, complaints,
# facilities
QUESTIONS: tuple[tuple[str, str, tuple[str, str, str, str]], ...] = (
    ("U1", "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
     ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    ("U2", "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
     ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah")),
    ("U3", "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
     ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat")),
    ("U4", "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
     ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
    ("U5", "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
           "pelayanan dengan hasil yang diberikan?",
     ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    ("U6", "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
     ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten")),
    ("U7", "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
     ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah")),
    ("U8", "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
     ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik")),
    ("U9", "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
     ("Buruk", "Cukup", "Baik", "Sangat baik")),
)

# the respondent's profile, asked after the nine questions; every question of it may be left unanswered
PROFILE: tuple[profile.Dimension, ...] = profile.DIMENSIONS


@dataclass(frozen=True)
class SurveyForm:
    agency: str
    agency_name: str
    period: str | None
    units: list[tuple[str, str]]  # (code, name)


async def survey_form(agency: str, today: dt.date | None = None) -> SurveyForm | None:
    """The form of an agency's survey, or None for an unknown agency (public: names only, nothing else)."""
    code = (agency or "").strip().upper()
    found = await Agency.get_or_none(code=code) if code and len(code) <= CODE_MAX else None
    if found is None:
        return None
    units = await Unit.filter(agency_id=found.id).order_by("name", "code").values_list("code", "name")
    return SurveyForm(found.code, found.name, await open_period(today or clock.today()), list(units))


async def open_period(today: dt.date) -> str | None:
    """The period answers given today go to: of the latest cycle that takes answers and does not start after
    today, the quarter or month holding today, or the cycle's last one when the cycle's year is over."""
    cycle = await (Cycle.filter(status__in=FEEDBACK_STATUSES, year__lte=today.year).order_by("-year").first())
    if cycle is None:
        return None
    parts = periods_of(cycle.year, cycle.periodicity)[:-1]  # without the annual period
    if cycle.year < today.year:
        return parts[-1]
    index = (today.month - 1) // 3 if cycle.periodicity == "QUARTERLY" else today.month - 1
    return parts[index]
