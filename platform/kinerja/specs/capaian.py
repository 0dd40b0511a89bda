"""Achievement (capaian) arithmetic of PermenPANRB 8/2021, annex chapter VI (docs/DOMAIN.md, "Targets and achievement
(capaian)"): the two formulas, range targets by the nearer bound, a band whose ideal lies between two bounds, a
lower-is-better target of 0, and the score above 110 % (the cap). Also what makes a target valid for a direction.

Here, below the services, because the spec loader checks a spec's default target and its `achievement` settings
with the same rules the services apply to every target they store and every measurement they score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

HIGHER, LOWER, BAND = "higher_is_better", "lower_is_better", "band"
DIRECTIONS = (HIGHER, LOWER, BAND)
DEFAULT_OVER = 110.0  # an achievement above this ...
DEFAULT_CAP = 120.0  # ... scores this (annex VI: "lebih besar dari 110% ... dikonversi menjadi 120")
CAP_MAX = 1000.0  # a spec's cap or threshold is at most this many percent
TARGET_MAX = 1e12  # a target value or bound is at most this (well inside a double's exact range)
MET = 100.0  # a target met exactly, or a realisation inside a range
# the raw achievement is compared with `over` at this many decimals: (2 - 4.5/5) * 100 is 110.00000000000001 in
# floating point, and a realisation of exactly 110 % must not score the cap
COMPARE_DECIMALS = 9


@dataclass(frozen=True)
class Scoring:
    """How an indicator's raw achievement becomes its score: above `over` percent it scores `cap`, and a target equal
    to `best` (the best value the realisation can take: 100 for a percentage of a whole, 0 for a rate that cannot be
    negative) met in full scores `cap` as well. `cap` None: uncapped (the raw achievement is the score)."""

    cap: float | None = DEFAULT_CAP
    over: float = DEFAULT_OVER
    best: float | None = None


DEFAULT_SCORING = Scoring()


def raw_achievement(realisation: float, target: float, direction: str, lower: float | None = None,
                    upper: float | None = None) -> float:
    """The achievement in percent before the cap. With a range (lower and upper), the nearer bound is the target:
    inside the range 100; below it realisation/lower (higher is better, band) or (2 - realisation/lower) (lower is
    better); above it realisation/upper (higher is better) or (2 - realisation/upper), never below 0 (lower is better,
    band). A single target is the range [target, target]. A lower-is-better bound of 0: a realisation above it
    scores 0 (the limit of 2 - r/t as t falls to 0), one at or below it 100 (met in full). Divides only by a
    non-zero bound; a tiny bound can still give an infinite or huge number, which the caller bounds."""
    low, high = (lower, upper) if lower is not None and upper is not None else (target, target)
    if direction == LOWER:
        if realisation > high:
            return 0.0 if high == 0 else max(0.0, (2 - realisation / high) * 100)
        if realisation < low and low != 0:
            return (2 - realisation / low) * 100
        return MET
    if realisation < low:
        return realisation / low * 100
    if realisation > high:
        if direction == BAND:
            return max(0.0, (2 - realisation / high) * 100)
        return realisation / high * 100
    return MET


def score(raw: float, realisation: float, target: float, direction: str, scoring: Scoring = DEFAULT_SCORING,
          ranged: bool = False) -> float:
    """The achievement stored and rated: the cap when the raw achievement is above `scoring.over`, or when a single
    target equal to `scoring.best` is met in full (annex VI: a maximum target met in full scores 120); otherwise
    the raw achievement."""
    if scoring.cap is None:
        return raw
    if round(raw, COMPARE_DECIMALS) > scoring.over:
        return scoring.cap
    if not ranged and scoring.best is not None and target == scoring.best and direction != BAND and (
            realisation >= target if direction == HIGHER else realisation <= target):
        return scoring.cap
    return raw


def achievement(realisation: float, target: float, direction: str, lower: float | None = None,
                upper: float | None = None, scoring: Scoring = DEFAULT_SCORING) -> float:
    """The scored achievement of a realisation against a target (or a range): raw_achievement, then score."""
    raw = raw_achievement(realisation, target, direction, lower, upper)
    return score(raw, realisation, target, direction, scoring, lower is not None and upper is not None)


@dataclass(frozen=True)
class TargetProblem:
    field: str  # "value" | "lower" | "upper": which part of the target is wrong
    code: str  # REQUIRED | INVALID_VALUE | INVALID_TARGET_RANGE (lower above upper, or 0 to 0)
    message: str


def target_problems(direction: str, value: float | None, lower: float | None, upper: float | None,
                    limit: float = TARGET_MAX) -> list[TargetProblem]:
    """What is wrong with a target for an indicator of this direction: a value, or a range of lower and upper
    (never both). Higher is better and band: every number above 0 (achievement divides by it). Lower is better: 0
    allowed ("no dropouts"), a range's upper bound above 0. A range: lower at most upper. Numbers finite, within
    +-limit."""
    problems: list[TargetProblem] = []
    ranged = lower is not None or upper is not None
    if value is not None and ranged:
        return [TargetProblem("value", "INVALID_VALUE", "give either a target value or a range (lower and upper), "
                                                        "not both")]
    if not ranged:
        if value is None:
            return [TargetProblem("value", "REQUIRED", "a target needs a value, or a range of lower and upper")]
        return _number_problems("value", "target value", value, direction, limit)
    for name in ("lower", "upper"):
        if (lower if name == "lower" else upper) is None:
            problems.append(TargetProblem(name, "REQUIRED", f"a range target needs both lower and upper; {name} is "
                                                            "missing"))
    if problems:
        return problems
    assert lower is not None and upper is not None
    problems += _number_problems("lower", "lower bound", lower, direction, limit)
    problems += _number_problems("upper", "upper bound", upper, direction, limit)
    if problems:
        return problems
    if lower > upper:
        return [TargetProblem("lower", "INVALID_TARGET_RANGE",
                              f"the lower bound {lower:g} is above the upper bound {upper:g}")]
    if direction == LOWER and upper == 0:
        return [TargetProblem("upper", "INVALID_TARGET_RANGE", "a range from 0 to 0 is the target 0: give value 0")]
    return []


def _number_problems(name: str, what: str, number: float, direction: str, limit: float) -> list[TargetProblem]:
    if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number) or \
            abs(number) > limit:
        return [TargetProblem(name, "INVALID_VALUE", f"the {what} must be a finite number of at most {limit:g}, "
                                                     f"got {number}")]
    if direction == LOWER:
        if number < 0:
            return [TargetProblem(name, "INVALID_VALUE", f"the {what} must be 0 or more, got {number:g}")]
        return []
    if number <= 0:
        when = "higher is better" if direction == HIGHER else "the ideal is a band"
        return [TargetProblem(name, "INVALID_VALUE", f"the {what} must be above 0 when {when} (achievement divides "
                                                     f"by it; only a lower-is-better target may be 0), got {number:g}")]
    return []


def midpoint(lower: float, upper: float) -> float:
    """A range target's value: the middle of its bounds (shown to clients that read only a value; achievement uses
    the bounds)."""
    return (lower + upper) / 2
