"""Default plugin: the suggested results rating from indicator achievements (PermenPANRB 6/2022 rule)."""

from __future__ import annotations

from collections.abc import Sequence

from kinerja import hookimpl

from ..values import Achievement, Expectation


@hookimpl(trylast=True)
def kinerja_suggest_result_rating(achievements: Sequence[Achievement]) -> Expectation | None:
    """Above: most or all above and no main result below. Below: most or all below. Else meets."""
    if not achievements:
        return None
    total = len(achievements)
    above = sum(1 for a in achievements if a.rating is Expectation.DI_ATAS_EKSPEKTASI)
    below = sum(1 for a in achievements if a.rating is Expectation.DI_BAWAH_EKSPEKTASI)
    main_below = any(a.main and a.rating is Expectation.DI_BAWAH_EKSPEKTASI for a in achievements)
    if 2 * above > total and not main_below:
        return Expectation.DI_ATAS_EKSPEKTASI
    if 2 * below > total:
        return Expectation.DI_BAWAH_EKSPEKTASI
    return Expectation.SESUAI_EKSPEKTASI
