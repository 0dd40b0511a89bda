"""The four kecamatan of the city: the camat, the sekretariat and seksi of the kecamatan office, and the
kelurahan, each with its lurah, sekretaris and kepala seksi over a few staff."""

from __future__ import annotations

from kinerja.demo.city.builder import Builder
from kinerja.demo.city.offices import subbag_staff
from kinerja.demo.city.titles import Style

KECAMATAN = (
    ("KEC-TPI-BARAT", "Tanjungpinang Barat", ("Bukit Cermin", "Kampung Baru", "Kemboja", "Tanjungpinang Barat")),
    ("KEC-TPI-KOTA", "Tanjungpinang Kota", ("Kampung Bugis", "Penyengat", "Senggarang", "Tanjungpinang Kota")),
    ("KEC-TPI-TIMUR", "Tanjungpinang Timur", ("Air Raja", "Batu Sembilan", "Kampung Bulang", "Melayu Kota Piring",
                                              "Pinang Kencana")),
    ("KEC-BUKIT-BESTARI", "Bukit Bestari", ("Dompak", "Sei Jang", "Tanjung Ayun Sakti", "Tanjung Unggat",
                                            "Tanjungpinang Timur")),
)
SEKSI = ("Seksi Pemerintahan", "Seksi Ketenteraman dan Ketertiban Umum",
         "Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial", "Seksi Pelayanan Umum")
STAFF = ("Pengadministrasi Pemerintahan", "Pengelola Pelayanan Umum", "Pengadministrasi Perkantoran",
         "Fasilitator Pemberdayaan Masyarakat", "Pengelola Data Kependudukan", "Pengemudi")


def build_kecamatan(b: Builder, code: str, name: str, kelurahan: tuple[str, ...]) -> None:
    """One kecamatan (`code`, `name`) and its `kelurahan`."""
    rng = b.rng
    b.agency(code, f"Kecamatan {name}")
    lead = Style(female=0.35)
    style = Style(female=0.5, pppk=0.03, degree_share=0.5)
    pimpinan = b.unit(code, "Pimpinan", None, "PIMPINAN")
    camat = b.person(code, pimpinan, f"Camat {name}", b.sekda, "head", lead)
    sek_unit = b.unit(code, "Sekretariat Kecamatan", None, "SEKRETARIAT")
    sekcam = b.person(code, sek_unit, "Sekretaris Kecamatan", camat, "admin", lead)
    for sub in ("Sub Bagian Umum dan Kepegawaian", "Sub Bagian Perencanaan dan Keuangan"):
        sub_unit = b.unit(code, sub, sek_unit)
        kasubbag = b.person(code, sub_unit, "Kepala " + sub, sekcam, "super", lead)
        b.staff(code, sub_unit, kasubbag, subbag_staff(sub), rng.randint(1, 3), style)
    for seksi in SEKSI:
        seksi_unit = b.unit(code, seksi)
        kasi = b.person(code, seksi_unit, "Kepala " + seksi, camat, "super", lead)
        b.staff(code, seksi_unit, kasi, STAFF, rng.randint(1, 3), style)
    for kel in kelurahan:
        kel_unit = b.unit(code, f"Kelurahan {kel}")
        lurah = b.person(code, kel_unit, f"Lurah {kel}", camat, "super", lead)
        seklur = b.person(code, kel_unit, "Sekretaris Kelurahan", lurah, "super", lead)
        kasis = [seklur] + [
            b.person(code, kel_unit, position, lurah, "super", lead)
            for position in ("Kepala Seksi Pemerintahan, Ketenteraman dan Ketertiban Umum",
                             "Kepala Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial")
        ]
        for _ in range(rng.randint(2, 4)):
            b.person(code, kel_unit, rng.choice(STAFF), rng.choice(kasis), "staff", style)
