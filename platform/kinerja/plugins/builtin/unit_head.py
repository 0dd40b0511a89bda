"""Default plugin: the unit-head rule (SE MenPANRB 3/2023). When the person heads a unit that has an organisation
predikat for the period, the suggested results rating is the one the configured mapping gives for it
(KINERJA_UNIT_HEAD_RATINGS, handed over as ``unit_head.from_org_predikat``). Otherwise it leaves the suggestion to
the achievements rule (``suggested_rating``), which then judges the unit's achievements.

Unlike the other defaults this one is ``tryfirst``: it answers before plugins that name only ``achievements``,
written before the hook had ``unit_head``, so that they cannot overturn the rule without meaning to.
"""

from __future__ import annotations

from collections.abc import Sequence

from kinerja import hookimpl

from ..values import Achievement, Expectation, UnitHead


@hookimpl(tryfirst=True)
def kinerja_suggest_result_rating(achievements: Sequence[Achievement], unit_head: UnitHead | None
                                  ) -> Expectation | None:
    """The mapped rating of the unit's organisation predikat for its head; None for anyone else."""
    if unit_head is None:
        return None
    return unit_head.from_org_predikat
