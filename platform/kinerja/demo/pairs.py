"""The predikat matrix inverted: which (results rating, behaviour rating) pairs give each predikat.

The matrix is read from the kinerja_predikat hook over all nine pairs (the default plugin's 3x3 matrix of
PermenPANRB 6/2022, kinerja.plugins.builtin.predikat, unless a plugin answers first), never copied: the demo
draws a pair for the predikat it wants, and the pair gives that predikat under whatever matrix is in force."""

from __future__ import annotations

from collections.abc import Callable
from itertools import product

from kinerja.plugins import Expectation

EXPECTATIONS = tuple(e.value for e in Expectation)
MEETS = Expectation.SESUAI_EKSPEKTASI.value
# How often a pair is drawn against the other pairs of its predikat: most staff meet expectations on both counts.
WEIGHTS = {(MEETS, MEETS): 2}

Matrix = dict[tuple[str, str], str]


def predikat_matrix(predikat_of: Callable[[str, str], str]) -> Matrix:
    """(results rating, behaviour rating) -> predikat, for all nine pairs, as `predikat_of` gives them."""
    return {(result, behavior): predikat_of(result, behavior) for result, behavior in product(EXPECTATIONS, repeat=2)}


def pairs_by_predikat(matrix: Matrix) -> dict[str, list[tuple[str, str]]]:
    """predikat -> the pairs that give it, the most usual first (nearest to meeting expectations on both; of two
    as near, the one whose behaviour meets them), each repeated by its weight (WEIGHTS, else once)."""
    pairs: dict[str, list[tuple[str, str]]] = {}
    for pair in sorted(matrix, key=_usual_first):
        pairs.setdefault(matrix[pair], []).extend([pair] * WEIGHTS.get(pair, 1))
    return pairs


def _usual_first(pair: tuple[str, str]) -> tuple[int, int]:
    result_off, behavior_off = pair[0] != MEETS, pair[1] != MEETS
    return result_off + behavior_off, behavior_off
