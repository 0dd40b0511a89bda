"""The achievement (capaian) arithmetic of specs/capaian.py against hand-worked numbers (docs/DOMAIN.md, "Targets and
achievement (capaian)"): the cap above 110 %, a maximum target met in full, a lower-is-better target of 0, range
targets by the nearer bound and a band; and which targets each direction accepts."""

import math

import pytest
from kinerja.specs.capaian import (
    BAND,
    DEFAULT_SCORING,
    HIGHER,
    LOWER,
    Scoring,
    achievement,
    raw_achievement,
    target_problems,
)

PERCENT = Scoring(best=100.0)  # a percentage that cannot exceed 100
RATE = Scoring(best=0.0)  # a rate that cannot be below 0
UNCAPPED = Scoring(cap=None)


@pytest.mark.parametrize("realisation, expected", [
    (110.0, 110.0),    # 110 % is not above 110 %: it stays
    (110.01, 120.0),   # just above: the cap (annex VI converts it to 120)
    (120.0, 120.0),
    (130.0, 120.0),    # never more than the cap
    (99.0, 99.0),
    (100.0, 100.0),
])
def test_the_cap_above_110_percent(realisation, expected):
    assert achievement(realisation, 100.0, HIGHER) == pytest.approx(expected)


def test_the_cap_is_per_spec():
    assert achievement(130.0, 100.0, HIGHER, scoring=UNCAPPED) == pytest.approx(130.0)
    # "at most 120" read as a ceiling: over 120, cap 120
    ceiling = Scoring(cap=120.0, over=120.0)
    assert [achievement(r, 100.0, HIGHER, scoring=ceiling) for r in (115.0, 120.0, 130.0)] == pytest.approx(
        [115.0, 120.0, 120.0])
    assert achievement(112.0, 100.0, HIGHER, scoring=Scoring(cap=150.0, over=111.0)) == pytest.approx(150.0)


def test_exactly_110_percent_in_floating_point_is_not_above_it():
    # lower is better, 4.5 days against 5: (2 - 0.9) * 100 is 110.00000000000001 in floating point
    assert raw_achievement(4.5, 5.0, LOWER) > 110.0
    assert achievement(4.5, 5.0, LOWER) == pytest.approx(110.0)
    assert achievement(4.0, 5.0, LOWER) == 120.0  # (2 - 0.8) * 100 = 120


@pytest.mark.parametrize("realisation, target, scoring, expected", [
    (100.0, 100.0, PERCENT, 120.0),     # the maximum target met in full scores the cap
    (99.0, 100.0, PERCENT, 99.0),       # not met in full: the formula
    (100.0, 100.0, DEFAULT_SCORING, 100.0),  # without `best` the platform cannot know 100 is the maximum
    (100.0, 95.0, PERCENT, 100 / 95 * 100),  # 105.26 %: not the maximum target, not above 110 %
    (100.0, 100.0, Scoring(cap=None, best=None), 100.0),
])
def test_a_maximum_target_met_in_full(realisation, target, scoring, expected):
    assert achievement(realisation, target, HIGHER, scoring=scoring) == pytest.approx(expected)


@pytest.mark.parametrize("realisation, scoring, expected", [
    (0.0, DEFAULT_SCORING, 100.0),  # no dropouts against a target of none: met in full
    (0.0, RATE, 120.0),             # ... and 0 is the best a rate can be: the maximum target met in full
    (0.5, DEFAULT_SCORING, 0.0),    # any dropout against a target of none: 0 (the limit of 2 - r/t as t -> 0)
    (0.5, RATE, 0.0),
    (-1.0, DEFAULT_SCORING, 100.0),  # below a target of 0: met in full (a ratio to 0 cannot say by how much)
])
def test_lower_is_better_with_a_target_of_0(realisation, scoring, expected):
    assert achievement(realisation, 0.0, LOWER, scoring=scoring) == expected


@pytest.mark.parametrize("realisation, expected", [
    (90.0, 90 / 95 * 100),            # below: against the lower bound, 94.74 %
    (95.0, 100.0),                    # at the lower bound
    (100.0, 100.0),                   # inside
    (105.0, 100.0),                   # at the upper bound
    (110.0, (2 - 110 / 105) * 100),   # above: (2 - 110/105) * 100 = 95.24 %
    (220.0, 0.0),                     # far above: never below 0
    (0.0, 0.0),
])
def test_a_band_of_95_to_105(realisation, expected):
    assert achievement(realisation, 100.0, BAND, 95.0, 105.0) == pytest.approx(expected)
    assert achievement(realisation, 100.0, BAND, 95.0, 105.0) <= 100.0  # a band is never above expectation


def test_a_band_with_one_value_is_the_band_of_that_value():
    assert [achievement(r, 100.0, BAND) for r in (90.0, 100.0, 110.0)] == pytest.approx([90.0, 100.0, 90.0])


@pytest.mark.parametrize("direction, realisation, lower, upper, expected", [
    # PermenPANRB 8/2021 annex VI's own examples: a target of 80-90 %, realisation 70 % -> 70/80 = 87.5 %
    (HIGHER, 70.0, 80.0, 90.0, 87.5),
    (HIGHER, 92.0, 80.0, 90.0, 92 / 90 * 100),    # above the upper bound: against it, 102.22 %
    (HIGHER, 85.0, 80.0, 90.0, 100.0),            # inside (our rule)
    (HIGHER, 100.0, 80.0, 90.0, 120.0),           # 111.1 % raw: the cap
    # a target of 7-8 months, lower is better: 6.5 -> (2 - 6.5/7) = 107.14 %; 9 -> (2 - 9/8) = 87.5 %
    (LOWER, 6.5, 7.0, 8.0, (2 - 6.5 / 7) * 100),
    (LOWER, 9.0, 7.0, 8.0, 87.5),
    (LOWER, 7.5, 7.0, 8.0, 100.0),
    (LOWER, 1.0, 0.0, 2.0, 100.0),                # a range from 0: inside
    (LOWER, 3.0, 0.0, 2.0, 50.0),                 # (2 - 3/2) * 100
])
def test_range_targets_use_the_nearer_bound(direction, realisation, lower, upper, expected):
    assert achievement(realisation, (lower + upper) / 2, direction, lower, upper) == pytest.approx(expected)


def test_a_range_is_never_a_maximum_target():
    # a range ending at the best value met at it is inside the range: 100, not the cap
    assert achievement(100.0, 97.5, HIGHER, 95.0, 100.0, PERCENT) == 100.0


@pytest.mark.parametrize("direction, value, lower, upper, expected", [
    (HIGHER, 0.0, None, None, [("value", "INVALID_VALUE", "must be above 0 when higher is better")]),
    (BAND, 0.0, None, None, [("value", "INVALID_VALUE", "must be above 0 when the ideal is a band")]),
    (LOWER, 0.0, None, None, []),  # "no dropouts"
    (LOWER, -1.0, None, None, [("value", "INVALID_VALUE", "must be 0 or more")]),
    (HIGHER, math.nan, None, None, [("value", "INVALID_VALUE", "finite number")]),
    (HIGHER, math.inf, None, None, [("value", "INVALID_VALUE", "finite number")]),
    (HIGHER, 1e13, None, None, [("value", "INVALID_VALUE", "at most 1e+12")]),
    (HIGHER, None, None, None, [("value", "REQUIRED", "a value, or a range")]),
    (HIGHER, 90.0, 80.0, 95.0, [("value", "INVALID_VALUE", "not both")]),
    (BAND, None, 95.0, None, [("upper", "REQUIRED", "upper is missing")]),
    (BAND, None, None, 105.0, [("lower", "REQUIRED", "lower is missing")]),
    (BAND, None, 105.0, 95.0, [("lower", "INVALID_TARGET_RANGE", "the lower bound 105 is above the upper bound 95")]),
    (BAND, None, 0.0, 105.0, [("lower", "INVALID_VALUE", "must be above 0")]),
    (LOWER, None, 0.0, 0.0, [("upper", "INVALID_TARGET_RANGE", "give value 0")]),
    (LOWER, None, 0.0, 2.0, []),
    (BAND, None, 95.0, 95.0, []),  # a band of one value
    (HIGHER, None, 80.0, 90.0, []),
])
def test_which_targets_a_direction_takes(direction, value, lower, upper, expected):
    found = target_problems(direction, value, lower, upper)
    assert [(p.field, p.code) for p in found] == [(f, c) for f, c, _ in expected]
    for problem, (_, _, words) in zip(found, expected):
        assert words in problem.message, problem.message
