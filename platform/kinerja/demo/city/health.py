"""The health services: the Health Office (DINKES) with its puskesmas, and the city hospital (RSUD) with its
instalasi, staffed by health functional posts."""

from __future__ import annotations

from kinerja.demo.city.builder import Builder
from kinerja.demo.city.offices import Spec, build_office
from kinerja.demo.city.records import CITY
from kinerja.demo.city.titles import Style

DINKES = Spec(
    "DINKES", f"Dinas Kesehatan {CITY}",
    bidang=[
        ("Bidang Kesehatan Masyarakat", ["Seksi Kesehatan Keluarga dan Gizi",
                                         "Seksi Promosi dan Pemberdayaan Masyarakat",
                                         "Seksi Kesehatan Lingkungan, Kesehatan Kerja dan Olahraga"]),
        ("Bidang Pencegahan dan Pengendalian Penyakit", ["Seksi Surveilans dan Imunisasi",
                                                         "Seksi Pencegahan dan Pengendalian Penyakit Menular",
                                                         "Seksi Penyakit Tidak Menular dan Kesehatan Jiwa"]),
        ("Bidang Pelayanan dan Sumber Daya Kesehatan", ["Seksi Pelayanan Kesehatan",
                                                        "Seksi Kefarmasian dan Alat Kesehatan",
                                                        "Seksi Sumber Daya Manusia Kesehatan"]),
    ],
    positions=("Administrator Kesehatan@H", "Epidemiolog Kesehatan@H", "Penyuluh Kesehatan Masyarakat@H",
               "Nutrisionis@H", "Sanitarian@H", "Apoteker@H", "Pengadministrasi Perkantoran"),
    codes={"Bidang Kesehatan Masyarakat": "BID-KESMAS", "Bidang Pencegahan dan Pengendalian Penyakit": "BID-P2P",
           "Bidang Pelayanan dan Sumber Daya Kesehatan": "BID-YANKES-SDK",
           "Seksi Pencegahan dan Pengendalian Penyakit Menular": "SEKSI-P2PM",
           "Seksi Penyakit Tidak Menular dan Kesehatan Jiwa": "SEKSI-PTM-KESWA"},
    staff=(2, 4),
    style=Style(female=0.6, degrees=("S.KM.", "S.KM.", "S.Kep.", "S.E.", "S.Farm."), masters=("M.Kes.", "M.KM."),
                pppk=0.05),
)
PUSKESMAS = ("Tanjungpinang", "Kampung Bugis", "Sei Jang", "Batu 10", "Melayu Kota Piring", "Mekar Baru",
             "Kampung Bulang")
PUSKESMAS_STAFF = (
    ("Dokter@H", (2, 4)), ("Dokter Gigi@H", (1, 1)), ("Perawat@H", (8, 12)), ("Bidan@H", (6, 10)),
    ("Apoteker@H", (1, 1)), ("Asisten Apoteker@H", (1, 2)), ("Pranata Laboratorium Kesehatan@H", (1, 2)),
    ("Nutrisionis@H", (1, 1)), ("Sanitarian@H", (1, 1)), ("Penyuluh Kesehatan Masyarakat@H", (1, 1)),
    ("Epidemiolog Kesehatan@H", (0, 1)), ("Perekam Medis@H", (1, 2)), ("Pengadministrasi Perkantoran", (1, 3)),
)
KEPALA_PUSKESMAS = Style(female=0.5, degrees=("dr.", "dr.", "dr.", "S.KM."), masters=("M.Kes.", "M.KM."))

RSUD = Spec(
    "RSUD", f"Rumah Sakit Umum Daerah {CITY}", head=f"Direktur Rumah Sakit Umum Daerah {CITY}",
    sekretariat=False,
    bidang=[
        ("Bagian Tata Usaha", ["Sub Bagian Umum dan Kepegawaian", "Sub Bagian Keuangan",
                               "Sub Bagian Perencanaan dan Pelaporan"]),
        ("Bidang Pelayanan Medik dan Keperawatan", ["Seksi Pelayanan Medik", "Seksi Keperawatan"]),
        ("Bidang Penunjang Medik dan Non Medik", ["Seksi Penunjang Medik", "Seksi Penunjang Non Medik"]),
    ],
    positions=("Administrator Kesehatan@H", "Perekam Medis@H", "Pengadministrasi Perkantoran",
               "Pengelola Keuangan", "Pengemudi Ambulans", "Teknisi Elektromedis"),
    codes={"Bidang Pelayanan Medik dan Keperawatan": "BID-YANMED-KEP",
           "Bidang Penunjang Medik dan Non Medik": "BID-PENUNJANG"},
    staff=(2, 3),
    style=Style(female=0.6, degrees=("S.KM.", "S.E.", "S.Kep.", "S.Ak."), masters=("M.Kes.", "M.A.R.S."),
                pppk=0.08),
)
INSTALASI = (
    ("Instalasi Gawat Darurat", (("Dokter@H", (2, 3)), ("Perawat@H", (6, 9)))),
    ("Instalasi Rawat Jalan", (("Dokter Spesialis Penyakit Dalam@H", (1, 2)), ("Dokter Spesialis Anak@H", (1, 2)),
                               ("Dokter Spesialis Saraf@H", (0, 1)), ("Dokter Gigi@H", (1, 1)),
                               ("Perawat@H", (4, 6)), ("Perekam Medis@H", (1, 2)))),
    ("Instalasi Rawat Inap", (("Dokter@H", (2, 3)), ("Perawat@H", (10, 14)), ("Bidan@H", (3, 5)),
                              ("Nutrisionis@H", (1, 2)))),
    ("Instalasi Bedah Sentral", (("Dokter Spesialis Bedah@H", (1, 2)), ("Dokter Spesialis Anestesiologi@H", (1, 1)),
                                 ("Dokter Spesialis Obstetri dan Ginekologi@H", (1, 2)), ("Perawat@H", (4, 6)))),
    ("Instalasi Farmasi", (("Apoteker@H", (2, 3)), ("Asisten Apoteker@H", (3, 5)))),
    ("Instalasi Laboratorium dan Radiologi", (("Dokter Spesialis Patologi Klinik@H", (1, 1)),
                                              ("Dokter Spesialis Radiologi@H", (1, 1)),
                                              ("Pranata Laboratorium Kesehatan@H", (3, 5)),
                                              ("Radiografer@H", (2, 3)), ("Fisioterapis@H", (1, 2)))),
)
KEPALA_INSTALASI = Style(female=0.5, degrees=("dr.",), masters=("M.Kes.", "M.A.R.S."))


def health_style(position: str, pppk: float) -> Style:
    """How the holders of a health post are drawn; `pppk` is the share of PPPK among them."""
    if position.startswith("Bidan"):
        return Style(female=1.0, pppk=pppk)
    if position.startswith("Perawat"):
        return Style(female=0.75, pppk=pppk)
    if position.startswith("Dokter"):
        return Style(female=0.55, pppk=pppk / 2)
    if position.startswith("Pengadministrasi"):
        return Style(female=0.6, pppk=0.1, degree_share=0.4)
    return Style(female=0.65, pppk=pppk)


def build_dinkes(b: Builder) -> None:
    rng = b.rng
    head, _ = build_office(b, DINKES)
    for name in PUSKESMAS:
        unit = b.unit("DINKES", f"Puskesmas {name}")
        kapus = b.person("DINKES", unit, f"Kepala Puskesmas {name}", head, "super", KEPALA_PUSKESMAS)
        for position, (lo, hi) in PUSKESMAS_STAFF:
            for _ in range(rng.randint(lo, hi)):
                b.person("DINKES", unit, position, kapus, "staff", health_style(position, 0.3))


def build_rsud(b: Builder) -> None:
    rng = b.rng
    _, bidang = build_office(b, RSUD)
    yanmed_unit, kabid = bidang["Bidang Pelayanan Medik dan Keperawatan"]
    for name, staff in INSTALASI:
        unit = b.unit("RSUD", name, yanmed_unit)
        kains = b.person("RSUD", unit, "Kepala " + name, kabid, "super", KEPALA_INSTALASI)
        for position, (lo, hi) in staff:
            for _ in range(rng.randint(lo, hi)):
                b.person("RSUD", unit, position, kains, "staff", health_style(position, 0.2))
