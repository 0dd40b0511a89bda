"""Default plugin: the predikat from the 3x3 matrix of PermenPANRB 6/2022 (rows results, columns behaviour)."""

from __future__ import annotations

from kinerja import hookimpl

from ..values import Expectation, Predikat

_ABOVE, _MEETS, _BELOW = Expectation.DI_ATAS_EKSPEKTASI, Expectation.SESUAI_EKSPEKTASI, Expectation.DI_BAWAH_EKSPEKTASI

#: (results rating, behaviour rating) -> predikat
PREDIKAT_MATRIX: dict[tuple[Expectation, Expectation], Predikat] = {
    (_ABOVE, _BELOW): Predikat.KURANG_MISCONDUCT,
    (_ABOVE, _MEETS): Predikat.BAIK,
    (_ABOVE, _ABOVE): Predikat.SANGAT_BAIK,
    (_MEETS, _BELOW): Predikat.KURANG_MISCONDUCT,
    (_MEETS, _MEETS): Predikat.BAIK,
    (_MEETS, _ABOVE): Predikat.BAIK,
    (_BELOW, _BELOW): Predikat.SANGAT_KURANG,
    (_BELOW, _MEETS): Predikat.BUTUH_PERBAIKAN,
    (_BELOW, _ABOVE): Predikat.BUTUH_PERBAIKAN,
}


@hookimpl(trylast=True)
def kinerja_predikat(result_rating: Expectation, behavior_rating: Expectation) -> Predikat:
    return PREDIKAT_MATRIX[(Expectation(result_rating), Expectation(behavior_rating))]
