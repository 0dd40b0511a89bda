"""Default plugin: the suggested results rating from indicator achievements (PermenPANRB 6/2022 rule, with MAIN and
ADDITIONAL results counted as docs/DOMAIN.md, "Suggested results rating" says).

`judge` is the rule itself on plain (rating, main) pairs, so that the per-RHK suggestion of the evaluation form
(services/evaluation/result_notes.py) applies the very same rule to the supervisor's ratings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kinerja import hookimpl

from ..values import Achievement, Expectation

ABOVE, MEETS, BELOW = Expectation.DI_ATAS_EKSPEKTASI, Expectation.SESUAI_EKSPEKTASI, Expectation.DI_BAWAH_EKSPEKTASI


def judge(results: Iterable[tuple[Expectation, bool]]) -> Expectation | None:
    """The results rating of (rating, is MAIN) pairs. The majority is judged on the MAIN results: below when most
    (more than half) of them are below; above when most of them are above and none is below. ADDITIONAL results can
    only raise: with no MAIN result below, most of all results (MAIN and ADDITIONAL) above is above as well; an
    ADDITIONAL result below or meeting never lowers anything. No MAIN result: None (nothing to judge the majority
    on). Otherwise meets."""
    pairs = list(results)
    main = [rating for rating, is_main in pairs if is_main]
    if not main:
        return None
    main_below = sum(r is BELOW for r in main)
    if 2 * main_below > len(main):
        return BELOW
    if main_below == 0 and (2 * sum(r is ABOVE for r in main) > len(main)
                            or 2 * sum(r is ABOVE for r, _ in pairs) > len(pairs)):
        return ABOVE
    return MEETS


@hookimpl(trylast=True)
def kinerja_suggest_result_rating(achievements: Sequence[Achievement]) -> Expectation | None:
    """`judge` on the achievements' ratings and kinds (Achievement.main)."""
    return judge((a.rating, a.main) for a in achievements)
