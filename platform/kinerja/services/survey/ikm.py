"""IKM arithmetic (PermenPANRB 14/2017): element averages, the 25-100 index, its grade, Krejcie-Morgan samples."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Iterable, Sequence

ELEMENTS = 9  # U1..U9
MIN_ANSWER, MAX_ANSWER = 1, 4
# The lower bound of each grade on the index rounded to 2 decimals, best first; below the last: D.
GRADES = ((Decimal("88.31"), "A", "Sangat Baik"), (Decimal("76.61"), "B", "Baik"),
          (Decimal("65.00"), "C", "Kurang Baik"))
LOWEST = ("D", "Tidak Baik")
# What an empty sample gives: no index can be computed, so 0 with a grade that is no grade.
NO_RESPONDENTS = ("-", "Belum ada responden")
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Score:
    """The IKM of a sample: NRR per element (1-4), the index rounded to 2 decimals, grade and label."""

    respondents: int
    element_averages: tuple[float, ...]
    index: float
    grade: str
    label: str


def tally(answers: Iterable[Sequence[int]]) -> tuple[tuple[int, ...], int]:
    """(sum of each element, respondents) of answer sets of nine answers 1-4 each; ValueError otherwise."""
    sums = [0] * ELEMENTS
    respondents = 0
    for n, answer in enumerate(answers):
        if len(answer) != ELEMENTS or any(not MIN_ANSWER <= a <= MAX_ANSWER for a in answer):
            raise ValueError(f"answer set {n} must be {ELEMENTS} answers of {MIN_ANSWER}-{MAX_ANSWER}, got {answer!r}")
        for i, a in enumerate(answer):
            sums[i] += a
        respondents += 1
    return tuple(sums), respondents


def _check(sums: Sequence[int], respondents: int) -> None:
    if len(sums) != ELEMENTS:
        raise ValueError(f"{ELEMENTS} element sums are needed, got {len(sums)}")
    if respondents < 0:
        raise ValueError(f"respondents must not be negative, got {respondents}")
    for i, s in enumerate(sums):
        if not MIN_ANSWER * respondents <= s <= MAX_ANSWER * respondents:
            raise ValueError(f"sum of U{i + 1} is {s}, impossible for {respondents} respondents answering "
                             f"{MIN_ANSWER}-{MAX_ANSWER}")


def element_averages(sums: Sequence[int], respondents: int) -> tuple[float, ...]:
    """NRR_i = sum_i / respondents for U1..U9 (all 0.0 without respondents)."""
    _check(sums, respondents)
    if respondents == 0:
        return (0.0,) * ELEMENTS
    return tuple(s / respondents for s in sums)


def exact_index(sums: Sequence[int], respondents: int) -> Fraction:
    """25 × the mean of the nine NRR, exactly: 25 × (total of all answers) / (9 × respondents).

    The weight is exactly 1/9, never the 0.11 the regulation prints (with 0.11 all-4 answers give 99, not 100).
    """
    _check(sums, respondents)
    if respondents == 0:
        return Fraction(0)
    return Fraction(25 * sum(sums), ELEMENTS * respondents)


def round_index(value: Fraction) -> Decimal:
    """Rounded to 2 decimals, halves up, from the exact fraction (no binary float on the way)."""
    return Decimal(math.floor(value * 100 + Fraction(1, 2))).scaleb(-2)


def grade(index: Decimal | float) -> tuple[str, str]:
    """(grade, label) of an index already rounded to 2 decimals: A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, else D."""
    value = Decimal(str(index)).quantize(_CENT, rounding=ROUND_HALF_UP)
    for bound, letter, label in GRADES:
        if value >= bound:
            return letter, label
    return LOWEST


def score(sums: Sequence[int], respondents: int) -> Score:
    """The IKM of element sums over a number of respondents; no respondents: index 0, grade "-"."""
    averages = element_averages(sums, respondents)
    if respondents == 0:
        return Score(0, averages, 0.0, *NO_RESPONDENTS)
    rounded = round_index(exact_index(sums, respondents))
    return Score(respondents, averages, float(rounded), *grade(rounded))


_Z2P = Fraction("3.841") * Fraction(1, 4)  # chi-square (1 df, 95 %) × P(1-P) with P = 0.5
_D2 = Fraction("0.0025")  # margin of error 5 %, squared


def required_sample(population: int) -> int:
    """Krejcie & Morgan: S = ceil(3.841·N·0.25 / (0.0025·(N−1) + 3.841·0.25)); 100 → 80, 1,000 → 278."""
    if population < 1:
        raise ValueError(f"the service population must be at least 1, got {population}")
    return math.ceil(_Z2P * population / (_D2 * (population - 1) + _Z2P))
