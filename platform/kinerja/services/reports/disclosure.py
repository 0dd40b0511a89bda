"""The small-group rule of the survey's profile breakdowns: which groups' IKM a report withholds.

Why: a group of one (the one PEREMPUAN S3 respondent of an agency in a quarter) would show that person's nine
answers next to their profile, and its element averages are those answers exactly. So:
- primary: a group with fewer than `minimum` respondents (KINERJA_SURVEY_MIN_GROUP, default 5) is withheld;
- complementary: the withheld groups together must hold at least `minimum` respondents too, or the rows shown,
  subtracted from the total of the same scope and period (which satisfactionByGroup by AGENCY shows), would give
  the withheld group's sums; while they hold fewer, the smallest group still shown is withheld as well (ties: the
  first in the dimension's order).
The report names no withheld group: they are one pooled row, its respondents counted, its IKM never shown
(services/reports/satisfaction.py). The rule does not stop differencing across reports (a year against its
quarters, all agencies against one): SECURITY.md says so.
"""

from __future__ import annotations

from collections.abc import Sequence

DEFAULT_MIN_GROUP = 5  # settings.py's default of KINERJA_SURVEY_MIN_GROUP (tests/test_ikm.py holds them equal)
MIN_GROUP_MIN, MIN_GROUP_MAX = 1, 1000  # the setting's range; 1 withholds nothing


def withheld(groups: Sequence[tuple[str, int]], minimum: int) -> set[str]:
    """The keys of the groups ((key, respondents), in the dimension's order) whose IKM is withheld."""
    if minimum < MIN_GROUP_MIN:
        raise ValueError(f"the smallest group shown must be at least {MIN_GROUP_MIN}, got {minimum}")
    hidden = {key for key, n in groups if 0 < n < minimum}
    pooled = sum(n for key, n in groups if key in hidden)
    shown = sorted((n, i, key) for i, (key, n) in enumerate(groups) if n > 0 and key not in hidden)
    while 0 < pooled < minimum and shown:
        n, _, key = shown.pop(0)
        hidden.add(key)
        pooled += n
    return hidden
