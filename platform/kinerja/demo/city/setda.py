"""The Sekretariat Daerah: the Sekretaris Daerah (every agency head reports to them), three asisten, their bagian
and sub bagian."""

from __future__ import annotations

from kinerja.demo.city.builder import Builder
from kinerja.demo.city.records import CITY
from kinerja.demo.city.titles import Style

ASISTEN = (
    ("ASISTEN-1", "Asisten Pemerintahan dan Kesejahteraan Rakyat", (
        ("Bagian Tata Pemerintahan", ("Sub Bagian Pemerintahan Umum", "Sub Bagian Otonomi Daerah",
                                      "Sub Bagian Kerja Sama")),
        ("Bagian Hukum", ("Sub Bagian Perundang-undangan", "Sub Bagian Bantuan Hukum",
                          "Sub Bagian Dokumentasi dan Informasi Hukum")),
        ("Bagian Kesejahteraan Rakyat", ("Sub Bagian Bina Mental dan Spiritual", "Sub Bagian Kesejahteraan Sosial")),
    )),
    ("ASISTEN-2", "Asisten Perekonomian dan Pembangunan", (
        ("Bagian Perekonomian dan Sumber Daya Alam", ("Sub Bagian Perekonomian", "Sub Bagian Sumber Daya Alam")),
        ("Bagian Administrasi Pembangunan", ("Sub Bagian Pengendalian Program", "Sub Bagian Evaluasi dan Pelaporan")),
        ("Bagian Pengadaan Barang dan Jasa", ("Sub Bagian Pengelolaan Pengadaan Barang dan Jasa",
                                              "Sub Bagian Layanan Pengadaan Secara Elektronik")),
    )),
    ("ASISTEN-3", "Asisten Administrasi Umum", (
        ("Bagian Umum", ("Sub Bagian Tata Usaha Pimpinan", "Sub Bagian Rumah Tangga", "Sub Bagian Keuangan")),
        ("Bagian Organisasi", ("Sub Bagian Kelembagaan dan Analisis Jabatan",
                               "Sub Bagian Reformasi Birokrasi dan Akuntabilitas Kinerja", "Sub Bagian Tata Laksana")),
        ("Bagian Protokol dan Komunikasi Pimpinan", ("Sub Bagian Protokol", "Sub Bagian Komunikasi Pimpinan",
                                                     "Sub Bagian Dokumentasi Pimpinan")),
    )),
)
STAFF = ("Analis Hukum@A", "Perancang Peraturan Perundang-undangan@A", "Analis Kebijakan@A",
         "Analis Tata Laksana", "Pengelola Pengadaan Barang/Jasa@A", "Pranata Hubungan Masyarakat@A",
         "Pengadministrasi Perkantoran", "Pengemudi", "Analis Pemerintahan", "Pengelola Keuangan",
         "Protokol", "Pramu Tamu")


def build_setda(b: Builder) -> None:
    """SETDA, first: it sets b.sekda."""
    code = b.agency("SETDA", f"Sekretariat Daerah {CITY}")
    lead = Style(female=0.35)
    style = Style(pppk=0.03)
    pimpinan = b.unit(code, "Pimpinan", None, "PIMPINAN")
    b.sekda = b.person(code, pimpinan, "Sekretaris Daerah", None, "head", lead)
    for asisten_code, asisten_name, bagians in ASISTEN:
        asisten_unit = b.unit(code, asisten_name, None, asisten_code)
        asisten = b.person(code, asisten_unit, asisten_name, b.sekda, "senior", lead)
        for bagian_name, subbags in bagians:
            bagian_unit = b.unit(code, bagian_name, asisten_unit)
            kabag = b.person(code, bagian_unit, "Kepala " + bagian_name, asisten, "admin", lead)
            for sub in subbags:
                sub_unit = b.unit(code, sub, bagian_unit)
                kasubbag = b.person(code, sub_unit, "Kepala " + sub, kabag, "super", lead)
                b.staff(code, sub_unit, kasubbag, STAFF, b.rng.randint(2, 4), style)
