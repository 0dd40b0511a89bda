"""Default plugin: empty answers for the hooks the core needs nothing from (calculators, specs, checks, events)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from kinerja import hookimpl

from ..values import IndicatorInfo, PersonInfo, RatingInfo


@hookimpl(trylast=True)
def kinerja_calculators() -> dict[str, Callable[[Mapping[str, float]], float]]:
    return {}


@hookimpl(trylast=True)
def kinerja_spec_paths() -> list[Path]:
    return []


@hookimpl(trylast=True)
def kinerja_validate_inputs(indicator: IndicatorInfo, inputs: Mapping[str, float]) -> list[str]:
    return []


@hookimpl(trylast=True)
def kinerja_rating_finalized(person: PersonInfo, rating: RatingInfo) -> None:
    return None
