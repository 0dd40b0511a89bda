"""The Education Office (DISDIK): its office, and the state primary and junior secondary schools under its bidang,
each with a principal, teachers by subject and administrative staff."""

from __future__ import annotations

from kinerja.demo.city.builder import Builder
from kinerja.demo.city.offices import Spec, build_office
from kinerja.demo.city.records import CITY
from kinerja.demo.city.titles import Style

OFFICE = Spec(
    "DISDIK", f"Dinas Pendidikan {CITY}",
    bidang=[
        ("Bidang Pembinaan PAUD dan Pendidikan Nonformal",
         ["Seksi Kurikulum dan Kelembagaan PAUD", "Seksi Pendidikan Nonformal dan Kesetaraan"]),
        ("Bidang Pembinaan Sekolah Dasar",
         ["Seksi Kurikulum dan Penilaian SD", "Seksi Kelembagaan dan Sarana Prasarana SD",
          "Seksi Peserta Didik dan Pembangunan Karakter SD"]),
        ("Bidang Pembinaan Sekolah Menengah Pertama",
         ["Seksi Kurikulum dan Penilaian SMP", "Seksi Kelembagaan dan Sarana Prasarana SMP",
          "Seksi Peserta Didik dan Pembangunan Karakter SMP"]),
        ("Bidang Pendidik dan Tenaga Kependidikan",
         ["Seksi Pendidik dan Tenaga Kependidikan SD", "Seksi Pendidik dan Tenaga Kependidikan SMP"]),
    ],
    positions=("Pengawas Sekolah@A", "Penilik@A", "Analis Kurikulum", "Pengelola Data Pendidikan",
               "Analis Sarana dan Prasarana Pendidikan", "Pengadministrasi Perkantoran"),
    codes={"Bidang Pembinaan PAUD dan Pendidikan Nonformal": "BID-PAUD-PNF",
           "Bidang Pembinaan Sekolah Dasar": "BID-SD", "Bidang Pembinaan Sekolah Menengah Pertama": "BID-SMP",
           "Bidang Pendidik dan Tenaga Kependidikan": "BID-GTK",
           "Seksi Pendidik dan Tenaga Kependidikan SD": "SEKSI-GTK-SD",
           "Seksi Pendidik dan Tenaga Kependidikan SMP": "SEKSI-GTK-SMP"},
    staff=(2, 4),
    style=Style(degrees=("S.Pd.", "S.Pd.", "S.E.", "S.Sos.", "S.Kom."), masters=("M.Pd.", "M.Pd.", "M.Si."),
                pppk=0.03),
)
SD_COUNT = 30
SMP_COUNT = 12
SMP_SUBJECTS = (
    ("Guru Pendidikan Agama Islam", 2), ("Guru Pendidikan Pancasila dan Kewarganegaraan", 2),
    ("Guru Bahasa Indonesia", 3), ("Guru Matematika", 3), ("Guru Ilmu Pengetahuan Alam", 3),
    ("Guru Ilmu Pengetahuan Sosial", 2), ("Guru Bahasa Inggris", 3), ("Guru Seni Budaya", 2),
    ("Guru Pendidikan Jasmani, Olahraga dan Kesehatan", 2), ("Guru Prakarya", 1), ("Guru Informatika", 1),
    ("Guru Bimbingan dan Konseling", 2), ("Guru Muatan Lokal Budaya Melayu Riau", 1),
)
PRINCIPALS = Style(female=0.55, degrees=("S.Pd.",), masters=("M.Pd.",))
SCHOOL_ADMINS = Style(female=0.55, pppk=0.1, degree_share=0.45, degrees=("S.E.", "S.Kom.", "S.Pd."))
SD_TEACHERS = Style(female=0.78, pppk=0.35)
SMP_TEACHERS = Style(female=0.65, pppk=0.35)


def build_disdik(b: Builder) -> None:
    _, bidang = build_office(b, OFFICE)
    _primary_schools(b, *bidang["Bidang Pembinaan Sekolah Dasar"])
    _junior_secondary_schools(b, *bidang["Bidang Pembinaan Sekolah Menengah Pertama"])


def _primary_schools(b: Builder, sd_unit: str, kabid_sd: str) -> None:
    rng = b.rng
    for n in range(1, SD_COUNT + 1):
        unit = b.unit("DISDIK", f"SD Negeri {n:03d} Tanjungpinang", sd_unit, f"SDN-{n:03d}")
        head = b.person("DISDIK", unit, "Kepala Sekolah", kabid_sd, "principal", PRINCIPALS)
        posts = (["Guru Kelas@G"] * rng.randint(14, 22) + ["Guru Pendidikan Agama Islam@G"] * rng.randint(1, 2)
                 + ["Guru Pendidikan Jasmani, Olahraga dan Kesehatan@G"] * rng.randint(1, 2)
                 + ["Guru Pendidikan Agama Kristen@G"] * (rng.random() < 0.3)
                 + ["Guru Bahasa Inggris@G"] * (rng.random() < 0.5))
        for post in posts:
            b.person("DISDIK", unit, post, head, "staff", SD_TEACHERS)
        for _ in range(rng.randint(1, 2)):
            b.person("DISDIK", unit, "Tenaga Administrasi Sekolah", head, "staff", SCHOOL_ADMINS)


def _junior_secondary_schools(b: Builder, smp_unit: str, kabid_smp: str) -> None:
    rng = b.rng
    for n in range(1, SMP_COUNT + 1):
        unit = b.unit("DISDIK", f"SMP Negeri {n} Tanjungpinang", smp_unit, f"SMPN-{n}")
        head = b.person("DISDIK", unit, "Kepala Sekolah", kabid_smp, "principal", PRINCIPALS)
        for subject, usual in SMP_SUBJECTS:
            for _ in range(max(1, usual + rng.randint(-1, 1))):
                b.person("DISDIK", unit, subject + "@G", head, "staff", SMP_TEACHERS)
        for _ in range(rng.randint(2, 4)):
            b.person("DISDIK", unit, "Tenaga Administrasi Sekolah", head, "staff", SCHOOL_ADMINS)
        b.person("DISDIK", unit, "Pustakawan@T", head, "staff", SCHOOL_ADMINS)
