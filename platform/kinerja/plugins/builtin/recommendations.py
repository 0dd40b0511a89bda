"""Default plugin: the development follow-up (tindak lanjut) for BUTUH_PERBAIKAN and worse."""

from __future__ import annotations

from kinerja import hookimpl

from ..values import PersonInfo, Predikat, RatingInfo

#: predikat -> development plan, in Indonesian; the predikat not listed get none
DEVELOPMENT_PLANS: dict[Predikat, tuple[str, ...]] = {
    Predikat.BUTUH_PERBAIKAN: (
        "Susun rencana pengembangan kinerja bersama atasan langsung untuk periode berikutnya, "
        "dengan target hasil kerja yang terukur.",
        "Ikuti pelatihan atau bimbingan teknis sesuai kompetensi yang perlu ditingkatkan.",
        "Atasan langsung memberikan coaching dan umpan balik berkala, paling sedikit sekali sebulan.",
    ),
    Predikat.KURANG_MISCONDUCT: (
        "Atasan langsung melakukan konseling tentang perilaku kerja sesuai nilai BerAKHLAK.",
        "Susun rencana perbaikan perilaku kerja dengan ekspektasi yang jelas dan dipantau setiap bulan.",
        "Ikuti pembinaan integritas dan disiplin; bila ada dugaan pelanggaran disiplin, "
        "tindak lanjuti sesuai ketentuan disiplin PNS.",
    ),
    Predikat.SANGAT_KURANG: (
        "Atasan langsung dan pengelola kepegawaian menyusun rencana perbaikan kinerja dan perilaku kerja "
        "yang menyeluruh, dengan pemantauan setiap bulan.",
        "Ikuti pelatihan, coaching dan mentoring yang terjadwal untuk hasil kerja maupun perilaku kerja.",
        "Lakukan konseling perilaku kerja; bila ada dugaan pelanggaran disiplin, "
        "tindak lanjuti sesuai ketentuan disiplin PNS.",
    ),
}


@hookimpl(trylast=True)
def kinerja_recommendations(person: PersonInfo, rating: RatingInfo) -> list[str]:
    return list(DEVELOPMENT_PLANS.get(Predikat(rating.predikat), ()))
