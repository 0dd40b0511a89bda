"""The generic office of a city agency (dinas, badan, sekretariat DPRD, inspektorat, ...): a head, a sekretariat
with its sub bagian, and bidang with their seksi or sub bidang, each led by one person over a few staff."""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.demo.city.builder import Builder
from kinerja.demo.city.records import CITY
from kinerja.demo.city.titles import Style

SUBBAGS = ("Sub Bagian Umum dan Kepegawaian", "Sub Bagian Keuangan", "Sub Bagian Perencanaan dan Pelaporan")
SUBBAG_STAFF = {
    "Sub Bagian Umum dan Kepegawaian": ("Analis Sumber Daya Manusia Aparatur@A", "Pengadministrasi Perkantoran",
                                        "Arsiparis@T", "Pengelola Barang Milik Daerah", "Pengemudi",
                                        "Pranata Komputer@T", "Pengadministrasi Umum"),
    "Sub Bagian Keuangan": ("Bendahara Pengeluaran", "Pengelola Keuangan", "Analis Keuangan",
                            "Penata Laporan Keuangan", "Verifikator Keuangan"),
    "Sub Bagian Perencanaan dan Pelaporan": ("Perencana@A", "Analis Perencanaan",
                                             "Penyusun Program Anggaran dan Pelaporan",
                                             "Pengolah Data dan Informasi"),
}
LEADER_OVERRIDES = {
    "Sekretariat": "Sekretaris",
    **{f"Inspektorat Pembantu Wilayah {n}": f"Inspektur Pembantu Wilayah {n}" for n in ("I", "II", "III", "IV")},
}


@dataclass(frozen=True)
class Spec:
    """One agency's office: its bidang (name, [seksi or sub bidang]; none: staff straight under the kabid), the
    posts its staff hold, how many staff a unit has, and unit codes that override the derived ones."""

    code: str
    name: str
    bidang: list[tuple[str, list[str]]]
    positions: tuple[str, ...]
    head: str | None = None
    staff: tuple[int, int] = (2, 4)
    direct: tuple[int, int] = (0, 1)
    subbags: tuple[str, ...] = SUBBAGS
    sekretariat: bool = True
    style: Style = field(default_factory=Style)
    codes: dict[str, str] = field(default_factory=dict)

    @property
    def head_position(self) -> str:
        return self.head or "Kepala " + self.name.removesuffix(" " + CITY)


def subbag_staff(name: str) -> tuple[str, ...]:
    if "Keuangan" in name and "Perencanaan" not in name:
        return SUBBAG_STAFF["Sub Bagian Keuangan"]
    if "Perencanaan" in name or "Program" in name:
        return SUBBAG_STAFF["Sub Bagian Perencanaan dan Pelaporan"]
    return SUBBAG_STAFF["Sub Bagian Umum dan Kepegawaian"]


def leader_position(unit_name: str) -> str:
    return LEADER_OVERRIDES.get(unit_name, "Kepala " + unit_name)


def leader_style(style: Style) -> Style:
    return Style(female=0.35, pppk=0.0, degrees=style.degrees, masters=style.masters)


def build_office(b: Builder, spec: Spec) -> tuple[str, dict[str, tuple[str, str]]]:
    """Build one agency's offices; return the head's NIP and bidang name -> (unit code, leader NIP)."""
    rng = b.rng
    code = b.agency(spec.code, spec.name)
    lead = leader_style(spec.style)
    pimpinan = b.unit(code, "Pimpinan", None, "PIMPINAN")
    head = b.person(code, pimpinan, spec.head_position, b.sekda, "head", lead)
    if spec.sekretariat:
        sek_unit = b.unit(code, "Sekretariat")
        sekretaris = b.person(code, sek_unit, "Sekretaris", head, "admin", lead)
        for sub in spec.subbags:
            sub_unit = b.unit(code, sub, sek_unit, spec.codes.get(sub))
            kasubbag = b.person(code, sub_unit, "Kepala " + sub, sekretaris, "super", lead)
            b.staff(code, sub_unit, kasubbag, subbag_staff(sub), rng.randint(*spec.staff),
                    spec.style)
    bidang: dict[str, tuple[str, str]] = {}
    for name, children in spec.bidang:
        bid_unit = b.unit(code, name, None, spec.codes.get(name))
        kabid = b.person(code, bid_unit, leader_position(name), head, "admin", lead)
        bidang[name] = (bid_unit, kabid)
        if not children:
            lo, hi = spec.staff
            b.staff(code, bid_unit, kabid, spec.positions, rng.randint(2 * lo, 2 * hi), spec.style)
            continue
        b.staff(code, bid_unit, kabid, spec.positions, rng.randint(*spec.direct), spec.style)
        for child in children:
            child_unit = b.unit(code, child, bid_unit, spec.codes.get(child))
            kasi = b.person(code, child_unit, leader_position(child), kabid, "super", lead)
            b.staff(code, child_unit, kasi, spec.positions, rng.randint(*spec.staff), spec.style)
    return head, bidang
