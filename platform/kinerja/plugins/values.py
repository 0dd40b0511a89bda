"""The plain values plugins see in hook arguments: enums and frozen dataclasses, never ORM objects."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Expectation(enum.Enum):
    """A results or behaviour rating against expectation (PermenPANRB 6/2022)."""

    DI_ATAS_EKSPEKTASI = "DI_ATAS_EKSPEKTASI"
    SESUAI_EKSPEKTASI = "SESUAI_EKSPEKTASI"
    DI_BAWAH_EKSPEKTASI = "DI_BAWAH_EKSPEKTASI"


class CoreValue(enum.Enum):
    """The seven BerAKHLAK core values (SE MenPANRB 20/2021) behaviour is judged against, and the SKP's leader's
    expectations are given for (here, below the services, so that skp and evaluation share one list)."""

    BERORIENTASI_PELAYANAN = "BERORIENTASI_PELAYANAN"
    AKUNTABEL = "AKUNTABEL"
    KOMPETEN = "KOMPETEN"
    HARMONIS = "HARMONIS"
    LOYAL = "LOYAL"
    ADAPTIF = "ADAPTIF"
    KOLABORATIF = "KOLABORATIF"


class OrgPredikat(enum.Enum):
    """The predikat kinerja organisasi of an agency or a unit for a period (SE MenPANRB 3/2023), best first: set by
    the level above, it bounds its employees' spread (the distribution curve) and, for a unit, its head's results
    rating (the unit-head rule). Here, below the services, so that the curve and the plugins share one list."""

    ISTIMEWA = "ISTIMEWA"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


class Predikat(enum.Enum):
    """The final predikat kinerja pegawai, best first."""

    SANGAT_BAIK = "SANGAT_BAIK"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG_MISCONDUCT = "KURANG_MISCONDUCT"
    SANGAT_KURANG = "SANGAT_KURANG"


@dataclass(frozen=True)
class IndicatorInfo:
    """An indicator as its spec defines it; `code` is the full code, e.g. "DISDIK.KELULUSAN"."""

    code: str
    agency: str
    name: str
    unit: str
    direction: str  # "higher_is_better" | "lower_is_better" | "band"
    level: str  # "person" | "unit" | "agency"
    inputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Achievement:
    """One indicator's achievement (capaian, %) in a period and the rating its thresholds give."""

    indicator: str
    achievement: float
    rating: Expectation
    main: bool = True  # a main result (hasil kerja utama); False for an additional one


@dataclass(frozen=True)
class UnitHead:
    """The person whose results are suggested heads a unit (the unit-head rule, SE MenPANRB 3/2023): the unit's
    results are theirs. `achievements` given with it are the unit's (its unit targets' measurements of the period),
    not the person's own. `org_predikat` is the unit's organisation predikat of the period (None when none is set);
    `from_org_predikat` is the results rating the platform's configured mapping gives for it
    (KINERJA_UNIT_HEAD_RATINGS; None when no predikat is set)."""

    agency: str  # codes
    unit: str
    org_predikat: OrgPredikat | None
    from_org_predikat: Expectation | None


@dataclass(frozen=True)
class PersonInfo:
    """The person rated; `agency` and `unit` are codes."""

    nip: str
    name: str
    position: str
    agency: str
    unit: str | None


@dataclass(frozen=True)
class RatingInfo:
    """A finalized rating of one person for one period (e.g. "2025" or "2025-Q1")."""

    period: str
    result_rating: Expectation
    behavior_rating: Expectation
    predikat: Predikat


__all__ = ["Achievement", "Expectation", "IndicatorInfo", "OrgPredikat", "PersonInfo", "Predikat", "RatingInfo",
           "UnitHead"]
