"""The respondent's profile of the PermenPANRB 14/2017 questionnaire: age band, sex, education and occupation.

Each is optional (a respondent may skip any: it is then stored as NULL, "not stated") and a closed set of value
codes, so that answers can be grouped and counted. The sets are docs/DOMAIN.md's ("Public satisfaction (IKM)",
the respondent's profile): the regulation's form asks the age in years, which is kept only as its band, never as a
number. Labels are the Indonesian words the public form and the console show; codes are what the API, the database
and the CSV exports carry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kinerja.models.survey import NOT_STATED, PROFILE_COLUMNS, PROFILE_VALUE_MAX
from kinerja.services.core.errors import Problem


@dataclass(frozen=True)
class Dimension:
    """One question of the profile: its code (as the reports group by it), the input field that answers it, its
    Indonesian label, and its values (code, Indonesian label) in the form's order."""

    code: str
    field: str
    label: str
    values: tuple[tuple[str, str], ...]

    @property
    def column(self) -> str:
        return PROFILE_COLUMNS[self.code]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.values)

    def label_of(self, code: str) -> str:
        """The Indonesian label of a value code (NOT_STATED included)."""
        return dict(self.values).get(code, NOT_STATED_LABEL if code == NOT_STATED else code)


# Assumption (docs/DOMAIN.md): bands of ten years or so, with the young respondents (pupils, students) apart.
AGE_BAND = Dimension("AGE_BAND", "ageBand", "Usia", (
    ("AGE_UNDER_17", "Di bawah 17 tahun"), ("AGE_17_25", "17–25 tahun"), ("AGE_26_35", "26–35 tahun"),
    ("AGE_36_45", "36–45 tahun"), ("AGE_46_55", "46–55 tahun"), ("AGE_OVER_55", "Di atas 55 tahun")))
SEX = Dimension("SEX", "sex", "Jenis kelamin", (("LAKI_LAKI", "Laki-laki"), ("PEREMPUAN", "Perempuan")))
EDUCATION = Dimension("EDUCATION", "education", "Pendidikan terakhir", (
    ("SD", "SD/sederajat atau di bawahnya"), ("SMP", "SMP/sederajat"), ("SMA", "SMA/SMK/sederajat"),
    ("D1_D3", "Diploma (D1–D3)"), ("D4_S1", "D4/S1"), ("S2", "S2"), ("S3", "S3")))
OCCUPATION = Dimension("OCCUPATION", "occupation", "Pekerjaan", (
    ("PNS", "PNS/ASN"), ("TNI_POLRI", "TNI/Polri"), ("SWASTA", "Pegawai swasta"), ("WIRAUSAHA", "Wirausaha"),
    ("PELAJAR_MAHASISWA", "Pelajar/mahasiswa"), ("LAINNYA", "Lainnya")))
DIMENSIONS = (AGE_BAND, SEX, EDUCATION, OCCUPATION)
BY_CODE = {d.code: d for d in DIMENSIONS}
NOT_STATED_LABEL = "Tidak disebutkan"

if tuple(BY_CODE) != tuple(PROFILE_COLUMNS) or any(len(c) > PROFILE_VALUE_MAX for d in DIMENSIONS for c in d.codes):
    raise RuntimeError("profile.DIMENSIONS and models.survey.PROFILE_COLUMNS disagree")


@dataclass(frozen=True)
class Profile:
    """A respondent's profile: a value code per dimension, None where it was not stated."""

    age_band: str | None = None
    sex: str | None = None
    education: str | None = None
    occupation: str | None = None

    def by_dimension(self) -> dict[str, str | None]:
        """{AGE_BAND: code or None, ...}: what the rollup counts (kinerja.services.core.rollups)."""
        return {d.code: getattr(self, d.column) for d in DIMENSIONS}

    def columns(self) -> dict[str, str | None]:
        """{age_band: code or None, ...}: the survey_response columns."""
        return {d.column: getattr(self, d.column) for d in DIMENSIONS}


def check(given: Mapping[str, Any], problems: list[Problem], path: tuple[str, ...] = ("input",)) -> Profile:
    """The profile of `given` ({column: value}, e.g. {"sex": "PEREMPUAN"}); a missing, None or blank value is not
    stated. A value that is no text (INVALID_TYPE) or not one of the dimension's codes (UNKNOWN_VALUE) adds a
    problem at path + (the input field,), naming the field and the codes it takes; codes are read trimmed and in
    any case."""
    found: dict[str, str | None] = {}
    for d in DIMENSIONS:
        value = given.get(d.column)
        where = (*path, d.field)
        allowed = ", ".join(d.codes)
        if value is None or (isinstance(value, str) and not value.strip()):
            found[d.column] = None
        elif not isinstance(value, str):
            problems.append(Problem(where, "INVALID_TYPE",
                                    f"{d.field} must be one of {allowed} (text) or left out, got {value!r}"))
        elif (code := value.strip().upper()) not in d.codes:
            problems.append(Problem(where, "UNKNOWN_VALUE",
                                    f"{d.field} must be one of {allowed} or left out, got {value[:40]!r}"))
        else:
            found[d.column] = code
    return Profile(**found)
