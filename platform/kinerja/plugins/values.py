"""The plain values plugins see in hook arguments: enums and frozen dataclasses, never ORM objects."""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Mapping
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


class ActionKind(enum.Enum):
    """What a development action is (PP 17/2020's forms of competency development, as the console offers them)."""

    TRAINING = "TRAINING"  # pelatihan, bimbingan teknis, kursus
    COACHING = "COACHING"
    MENTORING = "MENTORING"
    ASSIGNMENT = "ASSIGNMENT"  # penugasan: a job assignment, a secondment, a project
    SELF_STUDY = "SELF_STUDY"  # belajar mandiri, e-learning
    OTHER = "OTHER"  # free text: a recommendation sentence (kinerja_recommendations) becomes one


@dataclass(frozen=True)
class ProposedAction:
    """A development action a plugin proposes after a rating: what (`kind`, `title`, in Indonesian), the
    `competency` it serves, the planned hours in JP (0 to 200), when it is due (`due_in_days` after the rating is
    finalized, 1 to 730; None: no date) and who is responsible (e.g. "Atasan langsung", "BKPSDM")."""

    kind: ActionKind
    title: str
    competency: str | None = None
    hours: int = 0
    due_in_days: int | None = None
    responsible: str | None = None


CALCULATOR_INPUT_TYPES = ("integer", "number")  # the spec loader's input types (specs/loader.py INPUT_TYPES)
MAX_CALCULATOR_INPUTS = 20  # a spec declares at most 20 inputs (specs/loader.py MAX_INPUTS): no more can be read


@dataclass(frozen=True)
class CalculatorInput:
    """One input a calculator reads, as a spec using it must declare it: `name` (a spec input name), `type`
    ("integer" or "number"), a `label` for the console form (Indonesian), the bounds a form may offer, and whether
    the calculator needs it (`required`: a spec that names the calculator without it is a load error)."""

    name: str
    type: str
    label: str | None = None
    min: float | None = None
    max: float | None = None
    required: bool = True

    def __post_init__(self) -> None:
        # checked here, at the plugin's own line, so a wrong contract stops start-up naming the plugin
        if not isinstance(self.name, str) or not self.name:
            raise TypeError(f"calculator input name must be a non-empty str, got {self.name!r}")
        if self.type not in CALCULATOR_INPUT_TYPES:
            raise ValueError(f"calculator input {self.name!r}: type must be one of "
                             f"{', '.join(CALCULATOR_INPUT_TYPES)}, got {self.type!r}")
        for bound in (self.min, self.max):
            if bound is not None and (isinstance(bound, bool) or not isinstance(bound, (int, float))
                                      or not math.isfinite(bound)):
                raise ValueError(f"calculator input {self.name!r}: min and max must be finite numbers or None")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"calculator input {self.name!r}: min {self.min} is above max {self.max}")


@dataclass(frozen=True)
class Calculator:
    """A calculator with its input contract, which `kinerja_calculators()` may return as a dict value instead of a
    bare function. Calling it calls `function`, so the core computes with either. `inputs` lists what the function
    reads; `description` says what it computes (for the console's calculator list, Indonesian)."""

    function: Callable[[Mapping[str, float]], float]
    inputs: tuple[CalculatorInput, ...] = ()
    description: str | None = None

    def __post_init__(self) -> None:
        if not callable(self.function):
            raise TypeError(f"Calculator.function must be callable, got {type(self.function).__name__}")
        object.__setattr__(self, "inputs", tuple(self.inputs))  # a list given is kept as a tuple (frozen, hashable)
        if len(self.inputs) > MAX_CALCULATOR_INPUTS:
            raise ValueError(f"a calculator reads at most {MAX_CALCULATOR_INPUTS} inputs, got {len(self.inputs)}")
        if self.description is not None and not isinstance(self.description, str):
            raise TypeError("Calculator.description must be a str or None")
        names = [i.name for i in self.inputs if isinstance(i, CalculatorInput)]
        if len(names) != len(self.inputs):
            raise TypeError("Calculator.inputs must be CalculatorInput values")
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"calculator input(s) {', '.join(twice)} appear twice")

    def __call__(self, inputs: Mapping[str, float]) -> float:
        return self.function(inputs)

    @property
    def required_inputs(self) -> tuple[str, ...]:
        return tuple(i.name for i in self.inputs if i.required)


__all__ = ["Achievement", "ActionKind", "Calculator", "CalculatorInput", "Expectation", "IndicatorInfo", "OrgPredikat",
           "PersonInfo", "Predikat", "ProposedAction", "RatingInfo", "UnitHead"]
