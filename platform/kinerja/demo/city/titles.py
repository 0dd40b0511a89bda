"""How the demo's people are titled: their jenjang from their age, the degrees their posts call for, and the
style (sex ratio, PPPK share, degrees) of a group of people."""

from __future__ import annotations

import random
from dataclasses import dataclass

LEADERS = ("head", "senior", "admin", "super", "principal")

_DEFAULT_DEGREES = ("S.E.", "S.Sos.", "S.H.", "S.IP.", "S.Kom.", "S.AP.", "S.STP.", "S.I.Kom.")
_DEFAULT_MASTERS = ("M.Si.", "M.M.", "M.H.", "M.A.P.", "M.Si.")
# posts held by men without a degree, in the demo as in most city offices
MANUAL = ("Pengemudi", "Operator Alat Berat")
_DIPLOMAS = ("A.Md.", "A.Md.", "A.Md.Kom.", "A.Md.Ak.")

# health functional posts: (degree for the 'ahli' track, degree for the 'terampil' track, share ahli)
_HEALTH = {
    "Dokter": ("dr.", None, 1.0),
    "Dokter Gigi": ("drg.", None, 1.0),
    "Perawat": ("S.Kep., Ners", "A.Md.Kep.", 0.45),
    "Bidan": ("S.Tr.Keb.", "A.Md.Keb.", 0.3),
    "Apoteker": ("S.Farm., Apt.", None, 1.0),
    "Asisten Apoteker": (None, "A.Md.Farm.", 0.0),
    "Pranata Laboratorium Kesehatan": ("S.Tr.AK.", "A.Md.AK.", 0.3),
    "Nutrisionis": ("S.Gz.", "A.Md.Gz.", 0.4),
    "Sanitarian": ("S.KM.", "A.Md.KL.", 0.4),
    "Penyuluh Kesehatan Masyarakat": ("S.KM.", None, 1.0),
    "Epidemiolog Kesehatan": ("S.KM.", "A.Md.Kes.", 0.7),
    "Perekam Medis": ("S.Tr.Kes.", "A.Md.Kes.", 0.25),
    "Radiografer": ("S.Tr.Rad.", "A.Md.Rad.", 0.3),
    "Fisioterapis": ("S.Ft.", "A.Md.Ftr.", 0.3),
    "Administrator Kesehatan": ("S.KM.", None, 1.0),
}
_SPECIALISTS = {
    "Penyakit Dalam": "Sp.PD.", "Anak": "Sp.A.", "Obstetri dan Ginekologi": "Sp.OG.", "Bedah": "Sp.B.",
    "Anestesiologi": "Sp.An.", "Radiologi": "Sp.Rad.", "Patologi Klinik": "Sp.PK.", "Saraf": "Sp.N.",
}


def _ahli(age: int, pppk: bool) -> str:
    if pppk or age < 35:
        return "Ahli Pertama"
    return "Ahli Muda" if age < 46 else "Ahli Madya"


def _terampil(age: int, pppk: bool) -> str:
    if pppk or age < 33:
        return "Terampil"
    return "Mahir" if age < 45 else "Penyelia"


def _teacher_degree(subject: str, rng: random.Random) -> str:
    if "Agama Islam" in subject:
        return rng.choice(("S.Pd.I.", "S.Ag.", "S.Pd."))
    if "Agama Kristen" in subject:
        return rng.choice(("S.Th.", "S.Pd.K."))
    if "Matematika" in subject or "Ilmu Pengetahuan Alam" in subject:
        return rng.choice(("S.Pd.", "S.Pd.", "S.Si."))
    if "Informatika" in subject:
        return rng.choice(("S.Kom.", "S.Pd."))
    if "Bahasa Inggris" in subject:
        return rng.choice(("S.Pd.", "S.S."))
    if "Kelas" in subject:
        return rng.choice(("S.Pd.", "S.Pd.", "S.Pd.SD"))
    return "S.Pd."


@dataclass(frozen=True)
class Style:
    """How one group of people is dressed: sex ratio, PPPK share and the degrees they hold."""

    female: float = 0.5
    pppk: float = 0.0
    degrees: tuple[str, ...] = _DEFAULT_DEGREES
    masters: tuple[str, ...] = _DEFAULT_MASTERS
    degree_share: float = 0.6


def dress(rng: random.Random, position: str, level: str, age: int, born: int, female: bool, pppk: bool,
           style: Style) -> tuple[str, str | None, str | None]:
    """Return the final position and the name prefix and suffix (titles) for one person.

    Position markers: '@H' health functional post, '@G' teacher, '@A' functional post on the 'ahli'
    track, '@T' functional post on the 'terampil' track.
    """
    if position.endswith("@H"):
        base = position[:-2]
        if base.startswith("Dokter Spesialis "):
            jenjang = "Ahli Muda" if age < 46 else "Ahli Madya"
            return f"{base} {jenjang}", "dr.", _SPECIALISTS[base[len('Dokter Spesialis '):]]
        ahli_degree, ter_degree, share = _HEALTH[base]
        if ter_degree is None or (ahli_degree is not None and rng.random() < share):
            title = f"{base} {_ahli(age, pppk)}"
            if ahli_degree in ("dr.", "drg."):
                return title, ahli_degree, None
            return title, None, ahli_degree
        return f"{base} {_terampil(age, pppk)}", None, ter_degree
    if position.endswith("@G"):
        base = position[:-2]
        suffix = _teacher_degree(base, rng)
        if not pppk and age >= 35 and rng.random() < 0.12:
            suffix += ", M.Pd."
        return f"{base} {_ahli(age, pppk)}", None, suffix
    if position.endswith("@A"):
        return f"{position[:-2]} {_ahli(age, pppk)}", None, rng.choice(style.degrees)
    if position.endswith("@T"):
        return f"{position[:-2]} {_terampil(age, pppk)}", None, rng.choice(_DIPLOMAS)
    if level in LEADERS:
        degree = rng.choice(style.degrees)
        master_share = {"head": 0.95, "senior": 0.9, "admin": 0.6, "super": 0.25, "principal": 0.45}[level]
        master = rng.choice(style.masters) if rng.random() < master_share else None
        if degree in ("dr.", "drg."):
            return position, degree, master
        if born <= 1971 and master and rng.random() < 0.35 and degree.startswith("S."):
            return position, "Dra." if female else "Drs.", master
        return position, None, f"{degree}, {master}" if master else degree
    if position.startswith(MANUAL):
        return position, None, None
    r = rng.random()
    if r < style.degree_share:
        degree = rng.choice(style.degrees)
        if degree in ("dr.", "drg."):
            return position, degree, None
        return position, None, degree
    if r < style.degree_share + 0.12:
        return position, None, rng.choice(_DIPLOMAS)
    return position, None, None
