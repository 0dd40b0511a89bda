"""Default plugin: the development actions proposed after a rating of BUTUH_PERBAIKAN or worse (docs/DOMAIN.md,
"Development plans"). Coaching by the direct supervisor first, then training in the competency to improve; for a
behaviour predikat, counselling on the BerAKHLAK values. The days and hours are this platform's choice, marked as an
assumption there; an agency's plugin replaces or adds to them."""

from __future__ import annotations

from kinerja import hookimpl

from ..values import ActionKind, PersonInfo, Predikat, ProposedAction, RatingInfo

SUPERVISOR = "Atasan langsung"
BKPSDM = "Pengelola kepegawaian (BKPSDM)"

_COACHING = ProposedAction(ActionKind.COACHING, "Coaching hasil kerja bersama atasan langsung, paling sedikit sekali "
                           "sebulan", "Hasil kerja sesuai SKP", 8, 90, SUPERVISOR)
_TRAINING = ProposedAction(ActionKind.TRAINING, "Pelatihan atau bimbingan teknis pada kompetensi yang perlu "
                           "ditingkatkan", "Kompetensi teknis jabatan", 20, 180, BKPSDM)
_COUNSELLING = ProposedAction(ActionKind.COACHING, "Konseling perilaku kerja sesuai nilai BerAKHLAK",
                              "Perilaku kerja (BerAKHLAK)", 4, 30, SUPERVISOR)
_MENTORING = ProposedAction(ActionKind.MENTORING, "Mentoring terjadwal untuk hasil kerja dan perilaku kerja",
                            "Hasil kerja dan perilaku kerja", 12, 180, SUPERVISOR)

#: predikat -> the actions proposed; the predikat not listed get none
ACTIONS: dict[Predikat, tuple[ProposedAction, ...]] = {
    Predikat.BUTUH_PERBAIKAN: (_COACHING, _TRAINING),
    Predikat.KURANG_MISCONDUCT: (_COUNSELLING, _COACHING),
    Predikat.SANGAT_KURANG: (_COUNSELLING, _MENTORING, _TRAINING),
}


@hookimpl(trylast=True)
def kinerja_development_actions(person: PersonInfo, rating: RatingInfo) -> list[ProposedAction]:
    return list(ACTIONS.get(Predikat(rating.predikat), ()))
