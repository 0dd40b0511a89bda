"""IKM arithmetic by hand: element averages, the 1/9 weight, rounding, grade boundaries, Krejcie-Morgan."""

from decimal import Decimal
from fractions import Fraction

import pytest

from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.reports import disclosure, registry
from kinerja.services.survey import ikm
from kinerja.settings import Settings, SettingsError

ALL_4 = (4,) * 9
ALL_3 = (3,) * 9


def crowd(*groups: tuple[int, tuple[int, ...]]) -> tuple[tuple[int, ...], int]:
    """Sums and respondents of `count` respondents giving the same nine answers, for each (count, answers)."""
    return ikm.tally(answers for count, answers in groups for _ in range(count))


def test_all_fours_give_100_and_grade_a():
    sums, n = crowd((3, ALL_4))
    s = ikm.score(sums, n)
    assert (s.respondents, s.index, s.grade, s.label) == (3, 100.0, "A", "Sangat Baik")
    assert s.element_averages == (4.0,) * 9


def test_the_printed_weight_0_11_is_not_used():
    # 25 × (0.11 × 9 × 4) = 25 × 3.96 = 99.00 with the regulation's printed weight; exactly 1/9 gives 100.00
    sums, n = crowd((1, ALL_4))
    assert ikm.score(sums, n).index == 100.0 != 25 * 0.11 * sum(sums)
    assert 25 * 0.11 * sum(sums) == pytest.approx(99.0)
    # all 1s: 25 × 1 = 25.00 (with 0.11: 24.75)
    sums, n = crowd((2, (1,) * 9))
    s = ikm.score(sums, n)
    assert (s.index, s.grade, s.label) == (25.0, "D", "Tidak Baik")


def test_element_averages_are_each_element_sum_over_respondents():
    # 4 respondents: U1 answers 4,4,3,1 -> 12/4 = 3.0; U2 4,3,3,2 -> 12/4 = 3.0; U9 1,1,1,2 -> 5/4 = 1.25
    answers = [(4, 4, 4, 4, 4, 4, 4, 4, 1), (4, 3, 4, 3, 4, 3, 4, 3, 1), (3, 3, 2, 2, 1, 1, 4, 4, 1),
               (1, 2, 3, 4, 1, 2, 3, 4, 2)]
    sums, n = ikm.tally(answers)
    assert (sums, n) == ((12, 12, 13, 13, 10, 10, 15, 15, 5), 4)
    assert ikm.element_averages(sums, n) == (3.0, 3.0, 3.25, 3.25, 2.5, 2.5, 3.75, 3.75, 1.25)
    # IKM = 25 × mean(NRR) = 25 × (105 / 4) / 9 = 2625 / 36 = 72.9166... -> 72.92, C (65.00-76.60)
    s = ikm.score(sums, n)
    assert (s.index, s.grade, s.label) == (72.92, "C", "Kurang Baik")


# With R respondents and T the total of all their answers, IKM = 25 × (T / R) / 9 = 25·T / (9·R).
# R = 300: one more point in T moves the index by 25 / 2700 = 0.00926, so every hundredth can be hit.
# T = 9537 (159 all-4, 1 with six 4s and three 3s, 140 all-3: 5724 + 33 + 3780):
#   238425 / 2700 = 88.30555... -> 88.31: A (the lowest A)
# T = 9536 (the same with 5 fours in the mixed one: 5724 + 32 + 3780):
#   238400 / 2700 = 88.29629... -> 88.30: B (the highest B)
# T = 8274 (19 all-4, 1 with three 4s and six 3s, 280 all-3: 684 + 30 + 7560):
#   206850 / 2700 = 76.6111... -> 76.61: B (the lowest B)
# T = 8273 (the mixed one with two 4s: 684 + 29 + 7560): 206825 / 2700 = 76.60185... -> 76.60: C (the highest C)
# T = 7020 = 23.4 × 300 (180 all-3, 120 all-2: 4860 + 2160): 175500 / 2700 = 65 exactly -> 65.00: C (the lowest C)
# T = 7019 (179 all-3, 1 with eight 3s and one 2, 120 all-2: 4833 + 26 + 2160): 175475 / 2700 = 64.9907... -> 64.99: D
MIXED = lambda fours, rest: (4,) * fours + (rest,) * (9 - fours)  # noqa: E731

BOUNDARIES = [
    ("88.31", "A", "Sangat Baik", ((159, ALL_4), (1, MIXED(6, 3)), (140, ALL_3)), 9537),
    ("88.30", "B", "Baik", ((159, ALL_4), (1, MIXED(5, 3)), (140, ALL_3)), 9536),
    ("76.61", "B", "Baik", ((19, ALL_4), (1, MIXED(3, 3)), (280, ALL_3)), 8274),
    ("76.60", "C", "Kurang Baik", ((19, ALL_4), (1, MIXED(2, 3)), (280, ALL_3)), 8273),
    ("65.00", "C", "Kurang Baik", ((180, ALL_3), (120, (2,) * 9)), 7020),
    ("64.99", "D", "Tidak Baik", ((179, ALL_3), (1, (3,) * 8 + (2,)), (120, (2,) * 9)), 7019),
]


@pytest.mark.parametrize("expected, grade, label, groups, total", BOUNDARIES, ids=[b[0] for b in BOUNDARIES])
def test_grade_boundaries_on_the_rounded_index(expected, grade, label, groups, total):
    sums, n = crowd(*groups)
    assert (n, sum(sums)) == (300, total)
    assert ikm.exact_index(sums, n) == Fraction(25 * total, 2700)
    s = ikm.score(sums, n)
    assert (s.index, s.grade, s.label) == (float(expected), grade, label)
    assert ikm.grade(Decimal(expected)) == (grade, label)


def test_grade_of_rounded_values_and_rounding_half_up():
    assert [ikm.grade(v)[0] for v in (100, 88.31, 88.30, 76.61, 76.60, 65.0, 64.99, 25)] == list("AABBCCDD")
    # R = 200, T = 5949: 25 × 5949 / 1800 = 82.625 exactly; half up gives 82.63 (float round() would give 82.62)
    assert ikm.exact_index([661] * 8 + [661], 200) == Fraction(82625, 1000)
    assert ikm.round_index(Fraction(82625, 1000)) == Decimal("82.63")
    assert ikm.score([661] * 9, 200).index == 82.63


def test_float_drift_cannot_move_a_boundary():
    # 1/9 as a float times sums drifts (e.g. 0.1 + 0.2); the sums stay integers and the division is exact
    sums, n = crowd((180, ALL_3), (120, (2,) * 9))
    assert ikm.round_index(ikm.exact_index(sums, n)) == Decimal("65.00")


def test_no_respondents():
    s = ikm.score((0,) * 9, 0)
    assert (s.respondents, s.index, s.grade, s.label, s.element_averages) == (
        0, 0.0, "-", "Belum ada responden", (0.0,) * 9)


def test_impossible_sums_are_refused():
    with pytest.raises(ValueError, match="9 element sums"):
        ikm.score((4,) * 8, 1)
    with pytest.raises(ValueError, match="U3"):
        ikm.score((4, 4, 5, 4, 4, 4, 4, 4, 4), 1)
    with pytest.raises(ValueError, match="answer set 1"):
        ikm.tally([ALL_4, (4,) * 8])
    with pytest.raises(ValueError, match="answer set 0"):
        ikm.tally([(0,) * 9])


@pytest.mark.parametrize("population, sample", [(1, 1), (10, 10), (100, 80), (1_000, 278), (10_000, 370),
                                                (100_000_000, 385)])
def test_krejcie_morgan(population, sample):
    # 100: 96.025 / (0.2475 + 0.96025) = 79.51 -> 80; 1,000: 960.25 / 3.45775 = 277.7 -> 278;
    # 10,000: 9602.5 / 25.95775 = 369.9 -> 370; 10: 9.6025 / 0.98275 = 9.77 -> 10; 1: 0.96025 / 0.96025 = 1
    assert ikm.required_sample(population) == sample


def test_krejcie_morgan_needs_a_population():
    with pytest.raises(ValueError):
        ikm.required_sample(0)


# -- the small-group rule of the profile breakdowns (services/reports/disclosure.py) ---------------------------------

@pytest.mark.parametrize("groups, minimum, hidden", [
    ([("A", 5), ("B", 5)], 5, set()),                  # both at the minimum: shown
    ([("A", 5), ("B", 4)], 5, {"A", "B"}),             # B one short; alone it is the total minus A: A goes too
    ([("A", 4)], 5, {"A"}),                            # everything small: one pooled row
    ([("A", 10), ("B", 6), ("C", 1)], 5, {"B", "C"}),  # C pooled with the smallest shown (B), 7 together
    ([("A", 10), ("B", 3), ("C", 3)], 5, {"B", "C"}),  # the small ones hold 6 together: nothing more
    ([("A", 6), ("B", 6), ("C", 2)], 5, {"A", "C"}),   # a tie: the first in the dimension's order goes
    ([("A", 9), ("B", 0), ("C", 1)], 1, set()),        # a minimum of 1 withholds nothing; empty groups never count
    ([("A", 9), ("B", 0)], 10, {"A"}),
    ([], 5, set()),
])
def test_small_groups_are_withheld_with_their_complement(groups, minimum, hidden):
    assert disclosure.withheld(groups, minimum) == hidden


def test_the_minimum_is_at_least_one_and_its_default_is_the_setting():
    with pytest.raises(ValueError):
        disclosure.withheld([("A", 3)], 0)
    assert Settings().survey_min_group == disclosure.DEFAULT_MIN_GROUP == 5
    assert registry.Context(Access(SYSTEM)).survey_min_group == disclosure.DEFAULT_MIN_GROUP
    for bad in ("0", "1001", "lima"):
        with pytest.raises(SettingsError, match="KINERJA_SURVEY_MIN_GROUP"):
            Settings.from_env({"KINERJA_SURVEY_MIN_GROUP": bad}).validate()
    assert Settings.from_env({"KINERJA_SURVEY_MIN_GROUP": "1"}).survey_min_group == 1
