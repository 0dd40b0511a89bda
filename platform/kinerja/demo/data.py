"""Deterministic demo data for Kota Tanjungpinang: agencies, their unit trees and about 3,000 ASN with valid NIPs."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from kinerja.services.core.nip import PNS, PPPK
from kinerja.services.org.people import PersonData as DemoPerson  # one person as the services take it

# Ages, jenjang and appointment dates are worked out against this year, never against the clock.
REFERENCE_YEAR = 2025
LAST_APPOINTMENT = (2024, 12)
CITY = "Kota Tanjungpinang"


@dataclass(frozen=True)
class DemoAgency:
    code: str
    name: str


@dataclass(frozen=True)
class DemoUnit:
    agency: str
    code: str
    name: str
    parent: str | None  # code of a unit in the same agency


@dataclass(frozen=True)
class DemoData:
    agencies: list[DemoAgency]
    units: list[DemoUnit]
    people: list[DemoPerson]


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

_FIRST_M = (
    "Ahmad", "Muhammad", "Abdul", "Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irwan", "Joko",
    "Rudi", "Syahrul", "Zulkifli", "Rizky", "Andi", "Arif", "Bambang", "Darmawan", "Fauzi", "Hamdan",
    "Hasan", "Iskandar", "Jefri", "Khairul", "Lukman", "Mahmud", "Nasrul", "Rahmat", "Ridwan",
    "Samsul", "Taufik", "Yusuf", "Zainal", "Azman", "Firdaus", "Hafiz", "Indra", "Kamal", "Roni",
    "Syafrizal", "Teguh", "Wahyu", "Yudi", "Surya", "Fadli", "Erwin", "Herman", "Amri", "Ismail",
    "Riki", "Dodi", "Heru", "Aris", "Junaidi", "Mulyadi", "Hairul", "Azwar", "Reza", "Ilham",
    "Faisal", "Hanafi", "Saiful", "Zakaria", "Jamaluddin", "Nurdin", "Syamsul", "Ferry", "Afrizal",
    "Rusli", "Edi", "Yoga", "Bayu", "Dimas", "Gilang", "Rahmadi", "Hery", "Ardiansyah", "Firman",
)
_FIRST_F = (
    "Siti", "Nur", "Dewi", "Sri", "Rina", "Fitri", "Nurul", "Ratna", "Yuni", "Lina", "Maya", "Indah",
    "Putri", "Rahma", "Aisyah", "Fatimah", "Zainab", "Nurhayati", "Linda", "Yulia", "Desi", "Mega",
    "Ayu", "Novi", "Eka", "Dian", "Rika", "Rini", "Tuti", "Erni", "Evi", "Hasnah", "Halimah",
    "Juliana", "Marlina", "Mariani", "Rosmawati", "Zuraidah", "Norma", "Suryani", "Ernawati",
    "Herlina", "Yusnita", "Syarifah", "Nurbaiti", "Rosnah", "Azizah", "Aminah", "Khadijah", "Salmah",
    "Wulan", "Tika", "Vivi", "Ani", "Nining", "Dwi", "Susi", "Yanti", "Lisa", "Nova", "Intan",
    "Diana", "Ratih", "Nurlela", "Asmah", "Mardiana", "Sarimah", "Nurasiah", "Elvi", "Yessi",
)
_LAST_M = (
    "Hidayat", "Saputra", "Pratama", "Kurniawan", "Setiawan", "Gunawan", "Susanto", "Santoso",
    "Wibowo", "Nugroho", "Purnomo", "Hakim", "Effendi", "Ramadhan", "Maulana", "Firmansyah",
    "Hendrawan", "Syahputra", "Hamzah", "Rahman", "Hasan", "Ismail", "Yusuf", "Abdullah", "Hamid",
    "Zulkarnain", "Kamaruddin", "Azhar", "Syahrial", "Iskandar", "Fadillah", "Akbar", "Wijaya",
    "Prasetyo", "Hermawan", "Sulaiman", "Bakar", "Harun", "Idris", "Usman", "Rasyid", "Anwar",
)
_LAST_F = (
    "Rahmawati", "Lestari", "Wulandari", "Handayani", "Susanti", "Puspitasari", "Anggraini",
    "Kartika", "Fitriani", "Novitasari", "Yulianti", "Safitri", "Permatasari", "Sari", "Utami",
    "Maharani", "Hasanah", "Aryani", "Oktaviani", "Sulastri", "Ningsih", "Purnamasari", "Andriani",
    "Rosita", "Marliana", "Herawati", "Mulyani", "Nurjanah", "Syafitri", "Ramadhani", "Agustina",
    "Zulaikha", "Wahyuni", "Damayanti", "Kurniasih", "Fauziah", "Amalia", "Nurhasanah",
)
# Mandailing and Malay family names worn by Muslims of either sex.
_FAMILY = ("Siregar", "Nasution", "Harahap", "Lubis", "Daulay", "Pulungan", "Batubara", "Tanjung")
_BATAK = ("Simanjuntak", "Sitompul", "Sinaga", "Manurung", "Panjaitan", "Tambunan", "Hutapea",
          "Situmorang", "Simatupang", "Pardede", "Silalahi", "Sihombing", "Napitupulu", "Hutagalung")
_CHRISTIAN_M = ("Yohanes", "Robert", "Daniel", "Samuel", "Jonathan", "Benny", "Fernando", "Ricky",
                "Paulus", "Markus", "Hotman", "Parlindungan", "Togar", "Martin")
_CHRISTIAN_F = ("Maria", "Yohana", "Elisabeth", "Debora", "Ruth", "Grace", "Lusiana", "Rosdiana",
                "Kristina", "Veronika", "Sondang", "Tiurma", "Rotua", "Agnes")
_JAVANESE_M = ("Sutrisno", "Suyanto", "Sugiarto", "Supriyadi", "Slamet", "Suparman", "Sumarno",
               "Widodo", "Sukirman", "Paijo")
_JAVANESE_F = ("Sumiati", "Suwarni", "Sulistyowati", "Sukarsih", "Painem", "Tumini", "Sriyati")


def _plain_name(rng: random.Random, female: bool) -> str:
    r = rng.random()
    if r < 0.09:
        first = rng.choice(_CHRISTIAN_F if female else _CHRISTIAN_M)
        return f"{first} {rng.choice(_BATAK)}"
    if r < 0.13:
        return rng.choice(_JAVANESE_F if female else _JAVANESE_M)
    first = rng.choice(_FIRST_F if female else _FIRST_M)
    if r < 0.21:  # Riau Malay nobility and sayyid families
        noble = rng.choice(("Raja", "Raja", "Tengku", "Wan")) if not female or rng.random() < 0.7 else "Syarifah"
        if noble == "Syarifah" and first == "Syarifah":
            first = rng.choice(_FIRST_F[:20])
        return f"{noble} {first}" + ("" if rng.random() < 0.4 else f" {rng.choice(_LAST_F if female else _LAST_M)}")
    if not female and first != "Muhammad" and rng.random() < 0.12:
        first = f"Muhammad {first}"
    elif female and first == "Nur" and rng.random() < 0.6:
        first = f"Nur {rng.choice(('Aini', 'Hidayah', 'Azizah', 'Fadilah', 'Jannah'))}"
    if rng.random() < 0.12:
        last = rng.choice(_FAMILY)
    else:
        last = rng.choice(_LAST_F if female else _LAST_M)
    return f"{first} {last}"


def _full_name(plain: str, prefix: str | None, suffix: str | None) -> str:
    name = f"{prefix} {plain}" if prefix else plain
    return f"{name}, {suffix}" if suffix else name


# --------------------------------------------------------------------------------------------
# Positions, degrees and jenjang
# --------------------------------------------------------------------------------------------

# level -> birth years (PNS)
_BIRTH_YEARS = {
    "head": (1966, 1975),
    "senior": (1967, 1977),
    "admin": (1968, 1982),
    "super": (1970, 1989),
    "principal": (1967, 1983),
    "staff": (1967, 2000),
}
_LEADERS = ("head", "senior", "admin", "super", "principal")

_DEFAULT_DEGREES = ("S.E.", "S.Sos.", "S.H.", "S.IP.", "S.Kom.", "S.AP.", "S.STP.", "S.I.Kom.")
_DEFAULT_MASTERS = ("M.Si.", "M.M.", "M.H.", "M.A.P.", "M.Si.")
# posts held by men without a degree, in the demo as in most city offices
_MANUAL = ("Pengemudi", "Operator Alat Berat")
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


@dataclass
class _Style:
    """How one group of people is dressed: sex ratio, PPPK share and the degrees they hold."""

    female: float = 0.5
    pppk: float = 0.0
    degrees: tuple[str, ...] = _DEFAULT_DEGREES
    masters: tuple[str, ...] = _DEFAULT_MASTERS
    degree_share: float = 0.6


def _dress(rng: random.Random, position: str, level: str, age: int, born: int, female: bool, pppk: bool,
           style: _Style) -> tuple[str, str | None, str | None]:
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
    if level in _LEADERS:
        degree = rng.choice(style.degrees)
        master_share = {"head": 0.95, "senior": 0.9, "admin": 0.6, "super": 0.25, "principal": 0.45}[level]
        master = rng.choice(style.masters) if rng.random() < master_share else None
        if degree in ("dr.", "drg."):
            return position, degree, master
        if born <= 1971 and master and rng.random() < 0.35 and degree.startswith("S."):
            return position, "Dra." if female else "Drs.", master
        return position, None, f"{degree}, {master}" if master else degree
    if position.startswith(_MANUAL):
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


# --------------------------------------------------------------------------------------------
# Unit codes
# --------------------------------------------------------------------------------------------

_CODE_PREFIXES = (
    ("Sub Bagian ", "SUBBAG"), ("Sub Bidang ", "SUBBID"), ("Seksi ", "SEKSI"), ("Bidang ", "BID"),
    ("Bagian ", "BAG"), ("Instalasi ", "INST"),
)
_WHOLE_PREFIXES = (("Kelurahan ", "KEL"), ("Puskesmas ", "PKM"))
_STOPWORDS = {"dan", "pada", "di", "dari", "yang", "serta"}
_CODE_OVERRIDES = {
    "Sekretariat": "SEKRETARIAT",
    "Sub Bagian Umum dan Kepegawaian": "SUBBAG-UMPEG",
    "Sub Bagian Keuangan": "SUBBAG-KEU",
    "Sub Bagian Perencanaan dan Pelaporan": "SUBBAG-PROGRAM",
}


def _split_name(name: str) -> tuple[str | None, list[str]]:
    short, rest = None, name
    for prefix, candidate in _CODE_PREFIXES:
        if name.startswith(prefix):
            short, rest = candidate, name[len(prefix):]
            break
    return short, [w for w in re.split(r"[\s,/]+", rest) if w and w.lower() not in _STOPWORDS]


def _long_code(name: str) -> str:
    """The fallback when the short code is taken: the significant words spelled out."""
    short, words = _split_name(name)
    body = re.sub(r"[^A-Z0-9-]", "", "-".join(words).upper())
    code = f"{short}-{body}" if short else body
    return code[:32].rstrip("-")


def _unit_code(name: str) -> str:
    if name in _CODE_OVERRIDES:
        return _CODE_OVERRIDES[name]
    for prefix, short in _WHOLE_PREFIXES:
        if name.startswith(prefix):
            body = re.sub(r"[^A-Z0-9]", "", name[len(prefix):].upper())
            return f"{short}-{body}"[:32]
    short, words = _split_name(name)
    if len(words) == 1:
        body = words[0].upper()
    else:
        acronyms = [w for w in words if len(w) > 1 and w.isupper()]
        initials = "".join(w[0] for w in words if w not in acronyms)
        body = "-".join(([initials] if initials else []) + acronyms).upper()
    body = re.sub(r"[^A-Z0-9-]", "", body)
    code = f"{short}-{body}" if short else body
    return code[:32].rstrip("-")


# --------------------------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.agencies: list[DemoAgency] = []
        self.units: list[DemoUnit] = []
        self.people: list[DemoPerson] = []
        self._unit_codes: dict[str, dict[str, str]] = {}
        self._nips: set[str] = set()
        self.sekda: str | None = None

    def agency(self, code: str, name: str) -> str:
        self.agencies.append(DemoAgency(code=code, name=name))
        self._unit_codes[code] = {}
        return code

    def unit(self, agency: str, name: str, parent: str | None = None, code: str | None = None) -> str:
        used = self._unit_codes[agency]
        base = code or _unit_code(name)
        if base in used and code is None:
            base = _long_code(name)
        code, n = base, 2
        while code in used:
            code = f"{base[:29]}-{n}"
            n += 1
        used[code] = name
        self.units.append(DemoUnit(agency=agency, code=code, name=name, parent=parent))
        return code

    def person(self, agency: str, unit: str, position: str, supervisor: str | None, level: str = "staff",
               style: _Style | None = None) -> str:
        rng = self.rng
        style = style or _Style()
        female = rng.random() < style.female and not position.startswith(_MANUAL)
        pppk = level not in _LEADERS and rng.random() < style.pppk
        lo, hi = _BIRTH_YEARS[level]
        if pppk:
            lo, hi = max(lo, 1975), min(hi, 1998)
        year = rng.randint(lo, hi)
        birth = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(366 if year % 4 == 0 else 365))
        age = REFERENCE_YEAR - year
        position, prefix, suffix = _dress(rng, position, level, age, year, female, pppk, style)
        name = _full_name(_plain_name(rng, female), prefix, suffix)
        nip = self._nip(birth, pppk, female, level)
        self.people.append(DemoPerson(nip=nip, name=name, employment_type=PPPK if pppk else PNS,
                                      position=position, agency=agency, unit=unit, supervisor=supervisor))
        return nip

    def _nip(self, birth: dt.date, pppk: bool, female: bool, level: str) -> str:
        rng = self.rng
        if pppk:
            middle = f"{rng.randint(max(2019, birth.year + 1), 2024)}21"
        else:
            lo, hi = (21, 30) if level in ("head", "senior", "admin") else (20, 35)
            hi = min(hi, LAST_APPOINTMENT[0] - birth.year)
            lo = min(lo, hi)
            year = birth.year + rng.randint(lo, hi)
            month = rng.choice((1, 1, 3, 3, 4, 12, 12, 2, 5, 6, 7, 8, 9, 10, 11))
            middle = f"{year}{month:02d}"
        stem = f"{birth:%Y%m%d}{middle}{2 if female else 1}"
        seq = rng.randint(1, 4)
        while f"{stem}{seq:03d}" in self._nips:
            seq += 1
        if seq > 999:  # pragma: no cover - cannot happen with a few thousand people
            raise RuntimeError(f"no free NIP sequence for {stem}")
        nip = f"{stem}{seq:03d}"
        self._nips.add(nip)
        return nip

    def staff(self, agency: str, unit: str, supervisor: str, positions: tuple[str, ...], count: int,
              style: _Style) -> None:
        for _ in range(count):
            self.person(agency, unit, self.rng.choice(positions), supervisor, "staff", style)


# --------------------------------------------------------------------------------------------
# Generic offices (dinas, badan, sekretariat DPRD, inspektorat, ...)
# --------------------------------------------------------------------------------------------

_SUBBAGS = ("Sub Bagian Umum dan Kepegawaian", "Sub Bagian Keuangan", "Sub Bagian Perencanaan dan Pelaporan")
_SUBBAG_STAFF = {
    "Sub Bagian Umum dan Kepegawaian": ("Analis Sumber Daya Manusia Aparatur@A", "Pengadministrasi Perkantoran",
                                        "Arsiparis@T", "Pengelola Barang Milik Daerah", "Pengemudi",
                                        "Pranata Komputer@T", "Pengadministrasi Umum"),
    "Sub Bagian Keuangan": ("Bendahara Pengeluaran", "Pengelola Keuangan", "Analis Keuangan",
                            "Penata Laporan Keuangan", "Verifikator Keuangan"),
    "Sub Bagian Perencanaan dan Pelaporan": ("Perencana@A", "Analis Perencanaan",
                                             "Penyusun Program Anggaran dan Pelaporan",
                                             "Pengolah Data dan Informasi"),
}
_LEADER_OVERRIDES = {
    "Sekretariat": "Sekretaris",
    **{f"Inspektorat Pembantu Wilayah {n}": f"Inspektur Pembantu Wilayah {n}" for n in ("I", "II", "III", "IV")},
}


@dataclass
class _Spec:
    code: str
    name: str
    bidang: list[tuple[str, list[str]]]
    positions: tuple[str, ...]
    head: str | None = None
    staff: tuple[int, int] = (2, 4)
    direct: tuple[int, int] = (0, 1)
    subbags: tuple[str, ...] = _SUBBAGS
    sekretariat: bool = True
    style: _Style = field(default_factory=_Style)
    codes: dict[str, str] = field(default_factory=dict)

    @property
    def head_position(self) -> str:
        return self.head or "Kepala " + self.name.removesuffix(" " + CITY)


def _subbag_staff(name: str) -> tuple[str, ...]:
    if "Keuangan" in name and "Perencanaan" not in name:
        return _SUBBAG_STAFF["Sub Bagian Keuangan"]
    if "Perencanaan" in name or "Program" in name:
        return _SUBBAG_STAFF["Sub Bagian Perencanaan dan Pelaporan"]
    return _SUBBAG_STAFF["Sub Bagian Umum dan Kepegawaian"]


def _leader_position(unit_name: str) -> str:
    return _LEADER_OVERRIDES.get(unit_name, "Kepala " + unit_name)


def _leader_style(style: _Style) -> _Style:
    return _Style(female=0.35, pppk=0.0, degrees=style.degrees, masters=style.masters)


def _office(b: _Builder, spec: _Spec) -> tuple[str, dict[str, tuple[str, str]]]:
    """Build one agency's offices; return the head's NIP and bidang name -> (unit code, leader NIP)."""
    rng = b.rng
    code = b.agency(spec.code, spec.name)
    lead = _leader_style(spec.style)
    pimpinan = b.unit(code, "Pimpinan", None, "PIMPINAN")
    head = b.person(code, pimpinan, spec.head_position, b.sekda, "head", lead)
    if spec.sekretariat:
        sek_unit = b.unit(code, "Sekretariat")
        sekretaris = b.person(code, sek_unit, "Sekretaris", head, "admin", lead)
        for sub in spec.subbags:
            sub_unit = b.unit(code, sub, sek_unit, spec.codes.get(sub))
            kasubbag = b.person(code, sub_unit, "Kepala " + sub, sekretaris, "super", lead)
            b.staff(code, sub_unit, kasubbag, _subbag_staff(sub), rng.randint(*spec.staff),
                    spec.style)
    bidang: dict[str, tuple[str, str]] = {}
    for name, children in spec.bidang:
        bid_unit = b.unit(code, name, None, spec.codes.get(name))
        kabid = b.person(code, bid_unit, _leader_position(name), head, "admin", lead)
        bidang[name] = (bid_unit, kabid)
        if not children:
            lo, hi = spec.staff
            b.staff(code, bid_unit, kabid, spec.positions, rng.randint(2 * lo, 2 * hi), spec.style)
            continue
        b.staff(code, bid_unit, kabid, spec.positions, rng.randint(*spec.direct), spec.style)
        for child in children:
            child_unit = b.unit(code, child, bid_unit, spec.codes.get(child))
            kasi = b.person(code, child_unit, _leader_position(child), kabid, "super", lead)
            b.staff(code, child_unit, kasi, spec.positions, rng.randint(*spec.staff), spec.style)
    return head, bidang


def _specs() -> list[_Spec]:
    tech = _Style(female=0.3, degrees=("S.T.", "S.T.", "A.Md.T.", "S.E.", "S.Ars."), masters=("M.T.", "M.Si.", "M.M."),
                  pppk=0.03)
    return [
        _Spec(
            "SETWAN", f"Sekretariat Dewan Perwakilan Rakyat Daerah {CITY}", head="Sekretaris DPRD",
            sekretariat=False,
            bidang=[
                ("Bagian Umum dan Keuangan", ["Sub Bagian Tata Usaha dan Kepegawaian", "Sub Bagian Keuangan",
                                              "Sub Bagian Rumah Tangga dan Perlengkapan"]),
                ("Bagian Persidangan dan Perundang-undangan", ["Sub Bagian Rapat dan Risalah",
                                                               "Sub Bagian Perundang-undangan"]),
                ("Bagian Fasilitasi Penganggaran dan Pengawasan", ["Sub Bagian Fasilitasi Penganggaran",
                                                                   "Sub Bagian Fasilitasi Pengawasan",
                                                                   "Sub Bagian Hubungan Masyarakat dan Protokol"]),
            ],
            positions=("Analis Persidangan", "Pengadministrasi Persidangan", "Perancang Peraturan Perundang-undangan@A",
                       "Pranata Hubungan Masyarakat@A", "Pengadministrasi Perkantoran", "Pengemudi",
                       "Pengelola Keuangan"),
            staff=(2, 4),
        ),
        _Spec(
            "INSPEKTORAT", f"Inspektorat Daerah {CITY}", head="Inspektur",
            subbags=("Sub Bagian Perencanaan", "Sub Bagian Evaluasi dan Pelaporan", "Sub Bagian Administrasi dan Umum"),
            bidang=[(f"Inspektorat Pembantu Wilayah {n}", []) for n in ("I", "II", "III", "IV")],
            codes={f"Inspektorat Pembantu Wilayah {n}": f"IRBAN-{i}"
                   for i, n in enumerate(("I", "II", "III", "IV"), 1)},
            positions=("Auditor@A", "Auditor@A", "Auditor@T",
                       "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah@A", "Analis Pengaduan Masyarakat"),
            staff=(3, 4),
            style=_Style(degrees=("S.E., Ak.", "S.E.", "S.Ak.", "S.H.", "S.T."), masters=("M.Ak.", "M.Si.", "M.M."),
                         degree_share=0.85),
        ),
        _Spec(
            "BAPPELITBANG", f"Badan Perencanaan, Penelitian dan Pengembangan Daerah {CITY}",
            bidang=[
                ("Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
                 ["Sub Bidang Perencanaan dan Pendanaan", "Sub Bidang Pengendalian dan Evaluasi"]),
                ("Bidang Pemerintahan dan Pembangunan Manusia",
                 ["Sub Bidang Pemerintahan", "Sub Bidang Pembangunan Manusia"]),
                ("Bidang Perekonomian dan Sumber Daya Alam",
                 ["Sub Bidang Perekonomian", "Sub Bidang Sumber Daya Alam"]),
                ("Bidang Infrastruktur dan Kewilayahan",
                 ["Sub Bidang Infrastruktur", "Sub Bidang Kewilayahan"]),
                ("Bidang Penelitian dan Pengembangan",
                 ["Sub Bidang Penelitian", "Sub Bidang Inovasi dan Teknologi"]),
            ],
            positions=("Perencana@A", "Perencana@A", "Peneliti@A", "Analis Perencanaan", "Pengolah Data dan Informasi",
                       "Pengadministrasi Perencanaan"),
            staff=(1, 3),
        ),
        _Spec(
            "BPKAD", f"Badan Pengelolaan Keuangan dan Aset Daerah {CITY}",
            bidang=[
                ("Bidang Anggaran", ["Sub Bidang Penyusunan Anggaran", "Sub Bidang Pengendalian Anggaran"]),
                ("Bidang Perbendaharaan", ["Sub Bidang Pengelolaan Kas Daerah", "Sub Bidang Belanja"]),
                ("Bidang Akuntansi", ["Sub Bidang Akuntansi dan Pelaporan", "Sub Bidang Verifikasi"]),
                ("Bidang Aset", ["Sub Bidang Penatausahaan Aset", "Sub Bidang Pemanfaatan dan Penghapusan Aset"]),
            ],
            positions=("Analis Keuangan Pusat dan Daerah@A", "Penata Laporan Keuangan", "Pengelola Barang Milik Daerah",
                       "Analis Akuntansi", "Bendahara", "Verifikator Keuangan", "Pengadministrasi Keuangan"),
            codes={"Sub Bidang Penyusunan Anggaran": "SUBBID-PENYUSUNAN-ANGGARAN",
                   "Sub Bidang Pengendalian Anggaran": "SUBBID-PENGENDALIAN-ANGGARAN"},
            staff=(2, 4),
            style=_Style(degrees=("S.E.", "S.Ak.", "S.E.", "S.H."), masters=("M.Ak.", "M.Si.", "M.M.")),
        ),
        _Spec(
            "BAPENDA", f"Badan Pendapatan Daerah {CITY}",
            bidang=[
                ("Bidang Pendataan dan Penetapan", ["Sub Bidang Pendataan dan Pendaftaran", "Sub Bidang Penetapan"]),
                ("Bidang Pajak Bumi dan Bangunan dan BPHTB", ["Sub Bidang Pelayanan PBB", "Sub Bidang Penilaian PBB"]),
                ("Bidang Penagihan dan Keberatan", ["Sub Bidang Penagihan", "Sub Bidang Keberatan dan Pengurangan"]),
                ("Bidang Pengembangan dan Pengendalian Pendapatan",
                 ["Sub Bidang Pengembangan Pendapatan", "Sub Bidang Pengendalian dan Evaluasi Pendapatan"]),
            ],
            positions=("Penilai Pajak Bumi dan Bangunan", "Pemeriksa Pajak Daerah", "Operator Pajak Daerah",
                       "Analis Pendapatan Daerah", "Juru Tagih Pajak Daerah", "Pengadministrasi Pendapatan"),
            staff=(2, 4),
            style=_Style(degrees=("S.E.", "S.Ak.", "S.E.", "S.Sos.", "S.H."), masters=("M.Si.", "M.M.", "M.Ak.")),
        ),
        _Spec(
            "BKPSDM", f"Badan Kepegawaian dan Pengembangan Sumber Daya Manusia {CITY}",
            bidang=[
                ("Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
                 ["Sub Bidang Pengadaan dan Pemberhentian", "Sub Bidang Data dan Informasi Kepegawaian"]),
                ("Bidang Mutasi dan Promosi", ["Sub Bidang Mutasi", "Sub Bidang Kepangkatan dan Jabatan"]),
                ("Bidang Pengembangan Kompetensi Aparatur",
                 ["Sub Bidang Pengembangan Kompetensi Teknis", "Sub Bidang Pengembangan Kompetensi Manajerial"]),
                ("Bidang Penilaian Kinerja Aparatur dan Penghargaan",
                 ["Sub Bidang Penilaian Kinerja", "Sub Bidang Disiplin dan Penghargaan"]),
            ],
            positions=("Analis Sumber Daya Manusia Aparatur@A", "Analis Sumber Daya Manusia Aparatur@A",
                       "Pranata Sumber Daya Manusia Aparatur@T", "Pranata Komputer@T", "Pengelola Data Kepegawaian",
                       "Widyaiswara@A"),
            codes={"Sub Bidang Pengembangan Kompetensi Teknis": "SUBBID-KOMPETENSI-TEKNIS",
                   "Sub Bidang Pengembangan Kompetensi Manajerial": "SUBBID-KOMPETENSI-MANAJERIAL"},
            staff=(2, 4),
            style=_Style(degrees=("S.Psi.", "S.E.", "S.Sos.", "S.Kom.", "S.AP.", "S.STP.")),
        ),
        _Spec(
            "BPBD", f"Badan Penanggulangan Bencana Daerah {CITY}",
            head="Kepala Pelaksana Badan Penanggulangan Bencana Daerah",
            bidang=[
                ("Bidang Pencegahan dan Kesiapsiagaan", ["Seksi Pencegahan", "Seksi Kesiapsiagaan"]),
                ("Bidang Kedaruratan dan Logistik", ["Seksi Kedaruratan", "Seksi Logistik"]),
                ("Bidang Rehabilitasi dan Rekonstruksi", ["Seksi Rehabilitasi", "Seksi Rekonstruksi"]),
            ],
            positions=("Analis Bencana@A", "Petugas Pusat Pengendalian Operasi", "Pengelola Logistik Kebencanaan",
                       "Petugas Tim Reaksi Cepat", "Pengemudi"),
            staff=(2, 4),
            style=_Style(female=0.3, degree_share=0.4),
        ),
        _Spec(
            "KESBANGPOL", f"Badan Kesatuan Bangsa dan Politik {CITY}",
            bidang=[
                ("Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa",
                 ["Sub Bidang Ideologi dan Wawasan Kebangsaan", "Sub Bidang Karakter Bangsa"]),
                ("Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
                 ["Sub Bidang Politik Dalam Negeri", "Sub Bidang Organisasi Kemasyarakatan"]),
                ("Bidang Kewaspadaan Nasional dan Penanganan Konflik",
                 ["Sub Bidang Kewaspadaan Nasional", "Sub Bidang Penanganan Konflik"]),
            ],
            positions=("Analis Kebijakan@A", "Analis Politik Dalam Negeri", "Pengelola Data Organisasi Kemasyarakatan",
                       "Pengadministrasi Umum"),
            subbags=("Sub Bagian Umum dan Kepegawaian", "Sub Bagian Keuangan"),
            staff=(1, 3),
        ),
        _Spec(
            "DISDUKCAPIL", f"Dinas Kependudukan dan Pencatatan Sipil {CITY}",
            bidang=[
                ("Bidang Pelayanan Pendaftaran Penduduk",
                 ["Seksi Identitas Penduduk", "Seksi Pindah Datang Penduduk", "Seksi Pendataan Penduduk"]),
                ("Bidang Pelayanan Pencatatan Sipil",
                 ["Seksi Kelahiran", "Seksi Perkawinan dan Perceraian",
                  "Seksi Perubahan Status Anak, Pewarganegaraan dan Kematian"]),
                ("Bidang Pengelolaan Informasi Administrasi Kependudukan",
                 ["Seksi Sistem Informasi Administrasi Kependudukan",
                  "Seksi Pengolahan dan Penyajian Data Kependudukan"]),
                ("Bidang Pemanfaatan Data dan Inovasi Pelayanan", ["Seksi Kerja Sama", "Seksi Inovasi Pelayanan"]),
            ],
            positions=("Administrator Database Kependudukan@A", "Operator Pencatatan Sipil",
                       "Pengadministrasi Kependudukan", "Verifikator Data Kependudukan",
                       "Petugas Pelayanan Perekaman KTP-el",
                       "Pranata Komputer@T"),
            staff=(3, 5),
        ),
        _Spec(
            "DPMPTSP", f"Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu {CITY}",
            bidang=[
                ("Bidang Perencanaan dan Pengembangan Iklim Penanaman Modal",
                 ["Seksi Perencanaan Penanaman Modal", "Seksi Pengembangan Iklim Penanaman Modal"]),
                ("Bidang Promosi Penanaman Modal", ["Seksi Promosi", "Seksi Kerja Sama Penanaman Modal"]),
                ("Bidang Pelayanan Perizinan dan Non Perizinan",
                 ["Seksi Pelayanan Perizinan Usaha", "Seksi Pelayanan Perizinan Non Usaha"]),
                ("Bidang Pengendalian Pelaksanaan Penanaman Modal dan Pengaduan",
                 ["Seksi Pengendalian Pelaksanaan Penanaman Modal", "Seksi Pengaduan dan Informasi"]),
            ],
            positions=("Analis Perizinan", "Pengelola Perizinan", "Petugas Front Office", "Analis Penanaman Modal",
                       "Penata Perizinan@A", "Pengadministrasi Perizinan"),
            codes={"Seksi Pelayanan Perizinan Usaha": "SEKSI-PERIZINAN-USAHA",
                   "Seksi Pelayanan Perizinan Non Usaha": "SEKSI-PERIZINAN-NON-USAHA"},
            staff=(2, 4),
        ),
        _Spec(
            "DPUPR", f"Dinas Pekerjaan Umum dan Penataan Ruang {CITY}",
            bidang=[
                ("Bidang Bina Marga", ["Seksi Pembangunan Jalan dan Jembatan",
                                       "Seksi Pemeliharaan Jalan dan Jembatan"]),
                ("Bidang Sumber Daya Air", ["Seksi Drainase", "Seksi Pengendalian Banjir dan Air Baku"]),
                ("Bidang Cipta Karya", ["Seksi Bangunan Gedung", "Seksi Air Minum dan Sanitasi"]),
                ("Bidang Penataan Ruang", ["Seksi Perencanaan Tata Ruang", "Seksi Pemanfaatan dan Pengendalian Ruang"]),
                ("Bidang Jasa Konstruksi", ["Seksi Pembinaan Jasa Konstruksi", "Seksi Pengawasan Jasa Konstruksi"]),
            ],
            positions=("Teknik Jalan dan Jembatan@A", "Teknik Pengairan@A", "Penata Ruang@A",
                       "Teknik Tata Bangunan dan Perumahan@A",
                       "Pengawas Lapangan", "Juru Ukur", "Operator Alat Berat", "Pengemudi"),
            codes={"Seksi Pembangunan Jalan dan Jembatan": "SEKSI-PEMBANGUNAN-JALAN",
                   "Seksi Pemeliharaan Jalan dan Jembatan": "SEKSI-PEMELIHARAAN-JALAN",
                   "Seksi Pembinaan Jasa Konstruksi": "SEKSI-PEMBINAAN-JAKON",
                   "Seksi Pengawasan Jasa Konstruksi": "SEKSI-PENGAWASAN-JAKON"},
            staff=(2, 4),
            style=tech,
        ),
        _Spec(
            "DISPERKIM", f"Dinas Perumahan Rakyat, Kawasan Permukiman dan Pertanahan {CITY}",
            bidang=[
                ("Bidang Perumahan", ["Seksi Pendataan dan Perencanaan Perumahan", "Seksi Pembangunan Perumahan"]),
                ("Bidang Kawasan Permukiman", ["Seksi Peningkatan Kualitas Permukiman",
                                               "Seksi Prasarana dan Utilitas"]),
                ("Bidang Pertanahan", ["Seksi Pengadaan Tanah", "Seksi Penyelesaian Sengketa Tanah"]),
                ("Bidang Pertamanan dan Pemakaman", ["Seksi Pertamanan dan Penerangan Jalan", "Seksi Pemakaman"]),
            ],
            positions=("Penata Kawasan Permukiman", "Teknik Penyehatan Lingkungan@A", "Analis Pertanahan",
                       "Pengelola Pertamanan", "Pengawas Bangunan", "Petugas Penerangan Jalan Umum"),
            staff=(2, 3),
            style=tech,
        ),
        _Spec(
            "DINSOS", f"Dinas Sosial {CITY}",
            bidang=[
                ("Bidang Rehabilitasi Sosial", ["Seksi Rehabilitasi Sosial Anak dan Lanjut Usia",
                                                "Seksi Rehabilitasi Sosial Penyandang Disabilitas"]),
                ("Bidang Perlindungan dan Jaminan Sosial", ["Seksi Perlindungan Sosial Korban Bencana",
                                                            "Seksi Jaminan Sosial Keluarga"]),
                ("Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
                 ["Seksi Pemberdayaan Sosial", "Seksi Penanganan Fakir Miskin"]),
            ],
            positions=("Pekerja Sosial@A", "Penyuluh Sosial@A", "Pengelola Data Kesejahteraan Sosial",
                       "Pendamping Rehabilitasi Sosial", "Pengadministrasi Umum"),
            staff=(2, 4),
            style=_Style(female=0.6, degrees=("S.Sos.", "S.Tr.Sos.", "S.Sos.", "S.E.", "S.Psi."), pppk=0.05),
        ),
        _Spec(
            "DISHUB", f"Dinas Perhubungan {CITY}",
            bidang=[
                ("Bidang Lalu Lintas dan Angkutan Jalan", ["Seksi Manajemen dan Rekayasa Lalu Lintas",
                                                           "Seksi Angkutan"]),
                ("Bidang Sarana dan Prasarana", ["Seksi Pengujian Kendaraan Bermotor", "Seksi Perparkiran"]),
                ("Bidang Pelayaran", ["Seksi Angkutan Laut dan Penyeberangan", "Seksi Kepelabuhanan"]),
                ("Bidang Pengendalian dan Operasional", ["Seksi Pengendalian dan Ketertiban",
                                                         "Seksi Keselamatan Transportasi"]),
            ],
            positions=("Penguji Kendaraan Bermotor@T", "Petugas Pengatur Lalu Lintas", "Pengelola Perparkiran",
                       "Pengelola Sarana dan Prasarana Perhubungan", "Petugas Terminal", "Petugas Pelabuhan"),
            codes={"Seksi Angkutan Laut dan Penyeberangan": "SEKSI-ANGKUTAN-LAUT"},
            staff=(3, 5),
            style=_Style(female=0.2, degree_share=0.35, pppk=0.04),
        ),
        _Spec(
            "SATPOLPP", f"Satuan Polisi Pamong Praja {CITY}", head="Kepala Satuan Polisi Pamong Praja",
            bidang=[
                ("Bidang Penegakan Peraturan Daerah", ["Seksi Pembinaan, Pengawasan dan Penyuluhan",
                                                       "Seksi Penyelidikan dan Penyidikan"]),
                ("Bidang Ketertiban Umum dan Ketenteraman Masyarakat", ["Seksi Operasi dan Pengendalian",
                                                                        "Seksi Kerja Sama"]),
                ("Bidang Perlindungan Masyarakat", ["Seksi Satuan Perlindungan Masyarakat",
                                                    "Seksi Bina Potensi Masyarakat"]),
                ("Bidang Pemadam Kebakaran dan Penyelamatan", ["Seksi Operasi Pemadaman dan Penyelamatan",
                                                               "Seksi Sarana dan Prasarana Pemadam Kebakaran"]),
            ],
            positions=("Polisi Pamong Praja@T", "Polisi Pamong Praja@T", "Polisi Pamong Praja@T",
                       "Penyidik Pegawai Negeri Sipil", "Pemadam Kebakaran@T", "Pengemudi"),
            staff=(4, 6),
            style=_Style(female=0.2, degree_share=0.3, pppk=0.05),
        ),
        _Spec(
            "DLH", f"Dinas Lingkungan Hidup {CITY}",
            bidang=[
                ("Bidang Tata Lingkungan", ["Seksi Perencanaan dan Kajian Dampak Lingkungan",
                                            "Seksi Pemeliharaan Lingkungan Hidup"]),
                ("Bidang Pengelolaan Sampah dan Limbah B3", ["Seksi Pengurangan Sampah", "Seksi Penanganan Sampah",
                                                             "Seksi Limbah B3"]),
                ("Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan",
                 ["Seksi Pemantauan Lingkungan", "Seksi Pengendalian Pencemaran"]),
            ],
            positions=("Pengendali Dampak Lingkungan@A", "Pengawas Lingkungan Hidup@A", "Pengelola Persampahan",
                       "Pengemudi", "Petugas Tempat Pemrosesan Akhir", "Pengelola Bank Sampah"),
            staff=(3, 5),
            style=_Style(female=0.3, degrees=("S.T.", "S.Si.", "S.KM.", "S.E.", "S.Sos."), degree_share=0.4,
                         pppk=0.04),
        ),
        _Spec(
            "DP3APM", f"Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Pemberdayaan Masyarakat {CITY}",
            bidang=[
                ("Bidang Pemberdayaan Perempuan", ["Seksi Kualitas Hidup Perempuan", "Seksi Pengarusutamaan Gender"]),
                ("Bidang Perlindungan Anak", ["Seksi Pemenuhan Hak Anak", "Seksi Perlindungan Khusus Anak"]),
                ("Bidang Pemberdayaan Masyarakat dan Kelurahan", ["Seksi Kelembagaan Masyarakat",
                                                                  "Seksi Pemberdayaan Ekonomi Masyarakat"]),
            ],
            positions=("Analis Perlindungan Perempuan dan Anak", "Pendamping Korban Kekerasan",
                       "Fasilitator Pemberdayaan Masyarakat", "Penyuluh Keluarga Berencana@A", "Pengadministrasi Umum"),
            staff=(2, 3),
            style=_Style(female=0.65, degrees=("S.Sos.", "S.Psi.", "S.H.", "S.E.", "S.KM.")),
        ),
        _Spec(
            "DISNAKER", f"Dinas Tenaga Kerja {CITY}",
            bidang=[
                ("Bidang Penempatan dan Perluasan Kesempatan Kerja",
                 ["Seksi Penempatan Tenaga Kerja", "Seksi Perluasan Kesempatan Kerja"]),
                ("Bidang Pelatihan dan Produktivitas Tenaga Kerja", ["Seksi Pelatihan", "Seksi Produktivitas"]),
                ("Bidang Hubungan Industrial dan Jaminan Sosial Tenaga Kerja",
                 ["Seksi Hubungan Industrial", "Seksi Jaminan Sosial Tenaga Kerja"]),
            ],
            positions=("Mediator Hubungan Industrial@A", "Pengantar Kerja@A", "Instruktur@T",
                       "Pengelola Informasi Pasar Kerja", "Pengadministrasi Umum"),
            staff=(2, 3),
        ),
        _Spec(
            "DISPERDAGIN", f"Dinas Perdagangan dan Perindustrian {CITY}",
            bidang=[
                ("Bidang Perdagangan", ["Seksi Perdagangan Dalam Negeri", "Seksi Perlindungan Konsumen"]),
                ("Bidang Perindustrian", ["Seksi Industri Kecil dan Menengah", "Seksi Sarana Industri"]),
                ("Bidang Pengelolaan Pasar", ["Seksi Pengelolaan Pasar Rakyat",
                                              "Seksi Kebersihan dan Ketertiban Pasar"]),
                ("Bidang Metrologi Legal", ["Seksi Pelayanan Tera dan Tera Ulang"]),
            ],
            positions=("Penera@T", "Pengawas Perdagangan@A", "Penyuluh Perindustrian dan Perdagangan@A",
                       "Pengelola Pasar", "Petugas Retribusi Pasar", "Pengadministrasi Umum"),
            codes={"Seksi Perdagangan Dalam Negeri": "SEKSI-PDN", "Seksi Industri Kecil dan Menengah": "SEKSI-IKM"},
            staff=(2, 4),
        ),
        _Spec(
            "DKP", f"Dinas Pertanian, Pangan dan Perikanan {CITY}",
            bidang=[
                ("Bidang Ketahanan Pangan", ["Seksi Ketersediaan dan Distribusi Pangan",
                                             "Seksi Konsumsi dan Keamanan Pangan"]),
                ("Bidang Pertanian", ["Seksi Tanaman Pangan dan Hortikultura", "Seksi Peternakan dan Kesehatan Hewan"]),
                ("Bidang Perikanan", ["Seksi Perikanan Tangkap", "Seksi Perikanan Budidaya"]),
            ],
            positions=("Penyuluh Pertanian@A", "Penyuluh Perikanan@A", "Pengawas Mutu Hasil Pertanian@T",
                       "Analis Ketahanan Pangan", "Paramedik Veteriner@T", "Pengelola Tempat Pelelangan Ikan"),
            staff=(2, 4),
            style=_Style(degrees=("S.P.", "S.Pi.", "S.Pt.", "S.TP.", "S.E."), masters=("M.Si.", "M.P.", "M.M.")),
        ),
        _Spec(
            "DISBUDPAR", f"Dinas Kebudayaan dan Pariwisata {CITY}",
            bidang=[
                ("Bidang Kebudayaan", ["Seksi Cagar Budaya dan Permuseuman", "Seksi Kesenian dan Tradisi"]),
                ("Bidang Destinasi Pariwisata", ["Seksi Pengembangan Destinasi", "Seksi Sumber Daya Pariwisata"]),
                ("Bidang Pemasaran Pariwisata dan Ekonomi Kreatif", ["Seksi Pemasaran", "Seksi Ekonomi Kreatif"]),
            ],
            positions=("Pamong Budaya@A", "Analis Pariwisata", "Pengelola Cagar Budaya", "Pemandu Museum",
                       "Pengadministrasi Umum"),
            staff=(2, 3),
            style=_Style(degrees=("S.Sos.", "S.Par.", "S.S.", "S.E.", "S.Sn.")),
        ),
        _Spec(
            "DISPORA", f"Dinas Pemuda dan Olahraga {CITY}",
            bidang=[
                ("Bidang Kepemudaan", ["Seksi Pemberdayaan Pemuda", "Seksi Pengembangan Pemuda"]),
                ("Bidang Olahraga", ["Seksi Olahraga Prestasi", "Seksi Olahraga Rekreasi dan Masyarakat"]),
                ("Bidang Sarana dan Prasarana", ["Seksi Pengelolaan Sarana Olahraga"]),
            ],
            positions=("Analis Kepemudaan", "Pelatih Olahraga", "Pengelola Sarana Olahraga", "Pengadministrasi Umum"),
            codes={"Seksi Pemberdayaan Pemuda": "SEKSI-PEMBERDAYAAN-PEMUDA",
                   "Seksi Pengembangan Pemuda": "SEKSI-PENGEMBANGAN-PEMUDA"},
            staff=(1, 3),
            style=_Style(female=0.35, degrees=("S.Or.", "S.Pd.", "S.Sos.", "S.E.")),
        ),
        _Spec(
            "DISKOMINFO", f"Dinas Komunikasi dan Informatika {CITY}",
            bidang=[
                ("Bidang Informasi dan Komunikasi Publik", ["Seksi Pengelolaan Informasi Publik",
                                                            "Seksi Komunikasi Publik"]),
                ("Bidang Aplikasi Informatika", ["Seksi Pengembangan Aplikasi", "Seksi Layanan E-Government"]),
                ("Bidang Infrastruktur Teknologi Informasi", ["Seksi Jaringan dan Infrastruktur",
                                                              "Seksi Keamanan Informasi"]),
                ("Bidang Persandian dan Statistik", ["Seksi Persandian", "Seksi Statistik Sektoral"]),
            ],
            positions=("Pranata Komputer@A", "Pranata Komputer@T", "Pranata Hubungan Masyarakat@A", "Statistisi@A",
                       "Sandiman@T", "Manggala Informatika@A"),
            staff=(2, 3),
            style=_Style(female=0.4, degrees=("S.Kom.", "S.I.Kom.", "S.T.", "S.Kom."), masters=("M.Kom.", "M.Si.")),
        ),
        _Spec(
            "DISPUSIP", f"Dinas Perpustakaan dan Kearsipan {CITY}",
            bidang=[
                ("Bidang Perpustakaan", ["Seksi Layanan dan Otomasi Perpustakaan",
                                         "Seksi Pembinaan dan Pengembangan Perpustakaan"]),
                ("Bidang Kearsipan", ["Seksi Pengelolaan Arsip", "Seksi Pembinaan Kearsipan"]),
            ],
            positions=("Pustakawan@A", "Pustakawan@T", "Arsiparis@A", "Arsiparis@T", "Pengadministrasi Umum"),
            staff=(2, 4),
            style=_Style(female=0.6, degrees=("S.IP.", "S.Hum.", "S.Sos.", "S.E.")),
        ),
    ]


# --------------------------------------------------------------------------------------------
# Special agencies
# --------------------------------------------------------------------------------------------

_SETDA_ASISTEN = (
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
_SETDA_STAFF = ("Analis Hukum@A", "Perancang Peraturan Perundang-undangan@A", "Analis Kebijakan@A",
                "Analis Tata Laksana", "Pengelola Pengadaan Barang/Jasa@A", "Pranata Hubungan Masyarakat@A",
                "Pengadministrasi Perkantoran", "Pengemudi", "Analis Pemerintahan", "Pengelola Keuangan",
                "Protokol", "Pramu Tamu")


def _setda(b: _Builder) -> None:
    code = b.agency("SETDA", f"Sekretariat Daerah {CITY}")
    lead = _Style(female=0.35)
    style = _Style(pppk=0.03)
    pimpinan = b.unit(code, "Pimpinan", None, "PIMPINAN")
    b.sekda = b.person(code, pimpinan, "Sekretaris Daerah", None, "head", lead)
    for asisten_code, asisten_name, bagians in _SETDA_ASISTEN:
        asisten_unit = b.unit(code, asisten_name, None, asisten_code)
        asisten = b.person(code, asisten_unit, asisten_name, b.sekda, "senior", lead)
        for bagian_name, subbags in bagians:
            bagian_unit = b.unit(code, bagian_name, asisten_unit)
            kabag = b.person(code, bagian_unit, "Kepala " + bagian_name, asisten, "admin", lead)
            for sub in subbags:
                sub_unit = b.unit(code, sub, bagian_unit)
                kasubbag = b.person(code, sub_unit, "Kepala " + sub, kabag, "super", lead)
                b.staff(code, sub_unit, kasubbag, _SETDA_STAFF, b.rng.randint(2, 4), style)


_SD_COUNT = 30
_SMP_COUNT = 12
_SMP_SUBJECTS = (
    ("Guru Pendidikan Agama Islam", 2), ("Guru Pendidikan Pancasila dan Kewarganegaraan", 2),
    ("Guru Bahasa Indonesia", 3), ("Guru Matematika", 3), ("Guru Ilmu Pengetahuan Alam", 3),
    ("Guru Ilmu Pengetahuan Sosial", 2), ("Guru Bahasa Inggris", 3), ("Guru Seni Budaya", 2),
    ("Guru Pendidikan Jasmani, Olahraga dan Kesehatan", 2), ("Guru Prakarya", 1), ("Guru Informatika", 1),
    ("Guru Bimbingan dan Konseling", 2), ("Guru Muatan Lokal Budaya Melayu Riau", 1),
)


def _disdik(b: _Builder) -> None:
    rng = b.rng
    office = _Style(degrees=("S.Pd.", "S.Pd.", "S.E.", "S.Sos.", "S.Kom."), masters=("M.Pd.", "M.Pd.", "M.Si."),
                    pppk=0.03)
    spec = _Spec(
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
        style=office,
    )
    _, bidang = _office(b, spec)
    principal_style = _Style(female=0.55, degrees=("S.Pd.",), masters=("M.Pd.",))
    admin_style = _Style(female=0.55, pppk=0.1, degree_share=0.45, degrees=("S.E.", "S.Kom.", "S.Pd."))

    sd_unit, kabid_sd = bidang["Bidang Pembinaan Sekolah Dasar"]
    sd_teachers = _Style(female=0.78, pppk=0.35)
    for n in range(1, _SD_COUNT + 1):
        unit = b.unit("DISDIK", f"SD Negeri {n:03d} Tanjungpinang", sd_unit, f"SDN-{n:03d}")
        head = b.person("DISDIK", unit, "Kepala Sekolah", kabid_sd, "principal", principal_style)
        posts = (["Guru Kelas@G"] * rng.randint(14, 22) + ["Guru Pendidikan Agama Islam@G"] * rng.randint(1, 2)
                 + ["Guru Pendidikan Jasmani, Olahraga dan Kesehatan@G"] * rng.randint(1, 2)
                 + ["Guru Pendidikan Agama Kristen@G"] * (rng.random() < 0.3)
                 + ["Guru Bahasa Inggris@G"] * (rng.random() < 0.5))
        for post in posts:
            b.person("DISDIK", unit, post, head, "staff", sd_teachers)
        for _ in range(rng.randint(1, 2)):
            b.person("DISDIK", unit, "Tenaga Administrasi Sekolah", head, "staff", admin_style)

    smp_unit, kabid_smp = bidang["Bidang Pembinaan Sekolah Menengah Pertama"]
    smp_teachers = _Style(female=0.65, pppk=0.35)
    for n in range(1, _SMP_COUNT + 1):
        unit = b.unit("DISDIK", f"SMP Negeri {n} Tanjungpinang", smp_unit, f"SMPN-{n}")
        head = b.person("DISDIK", unit, "Kepala Sekolah", kabid_smp, "principal", principal_style)
        for subject, usual in _SMP_SUBJECTS:
            for _ in range(max(1, usual + rng.randint(-1, 1))):
                b.person("DISDIK", unit, subject + "@G", head, "staff", smp_teachers)
        for _ in range(rng.randint(2, 4)):
            b.person("DISDIK", unit, "Tenaga Administrasi Sekolah", head, "staff", admin_style)
        b.person("DISDIK", unit, "Pustakawan@T", head, "staff", admin_style)


_PUSKESMAS = ("Tanjungpinang", "Kampung Bugis", "Sei Jang", "Batu 10", "Melayu Kota Piring", "Mekar Baru",
              "Kampung Bulang")
_PUSKESMAS_STAFF = (
    ("Dokter@H", (2, 4)), ("Dokter Gigi@H", (1, 1)), ("Perawat@H", (8, 12)), ("Bidan@H", (6, 10)),
    ("Apoteker@H", (1, 1)), ("Asisten Apoteker@H", (1, 2)), ("Pranata Laboratorium Kesehatan@H", (1, 2)),
    ("Nutrisionis@H", (1, 1)), ("Sanitarian@H", (1, 1)), ("Penyuluh Kesehatan Masyarakat@H", (1, 1)),
    ("Epidemiolog Kesehatan@H", (0, 1)), ("Perekam Medis@H", (1, 2)), ("Pengadministrasi Perkantoran", (1, 3)),
)


def _health_style(position: str, pppk: float) -> _Style:
    if position.startswith("Bidan"):
        return _Style(female=1.0, pppk=pppk)
    if position.startswith("Perawat"):
        return _Style(female=0.75, pppk=pppk)
    if position.startswith("Dokter"):
        return _Style(female=0.55, pppk=pppk / 2)
    if position.startswith("Pengadministrasi"):
        return _Style(female=0.6, pppk=0.1, degree_share=0.4)
    return _Style(female=0.65, pppk=pppk)


def _dinkes(b: _Builder) -> None:
    rng = b.rng
    spec = _Spec(
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
        style=_Style(female=0.6, degrees=("S.KM.", "S.KM.", "S.Kep.", "S.E.", "S.Farm."), masters=("M.Kes.", "M.KM."),
                     pppk=0.05),
    )
    head, _ = _office(b, spec)
    kapus_style = _Style(female=0.5, degrees=("dr.", "dr.", "dr.", "S.KM."), masters=("M.Kes.", "M.KM."))
    for name in _PUSKESMAS:
        unit = b.unit("DINKES", f"Puskesmas {name}")
        kapus = b.person("DINKES", unit, f"Kepala Puskesmas {name}", head, "super", kapus_style)
        for position, (lo, hi) in _PUSKESMAS_STAFF:
            for _ in range(rng.randint(lo, hi)):
                b.person("DINKES", unit, position, kapus, "staff", _health_style(position, 0.3))


_RSUD_INSTALASI = (
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


def _rsud(b: _Builder) -> None:
    rng = b.rng
    spec = _Spec(
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
        style=_Style(female=0.6, degrees=("S.KM.", "S.E.", "S.Kep.", "S.Ak."), masters=("M.Kes.", "M.A.R.S."),
                     pppk=0.08),
    )
    _, bidang = _office(b, spec)
    yanmed_unit, kabid = bidang["Bidang Pelayanan Medik dan Keperawatan"]
    kains_style = _Style(female=0.5, degrees=("dr.",), masters=("M.Kes.", "M.A.R.S."))
    for name, staff in _RSUD_INSTALASI:
        unit = b.unit("RSUD", name, yanmed_unit)
        kains = b.person("RSUD", unit, "Kepala " + name, kabid, "super", kains_style)
        for position, (lo, hi) in staff:
            for _ in range(rng.randint(lo, hi)):
                b.person("RSUD", unit, position, kains, "staff", _health_style(position, 0.2))


_KECAMATAN = (
    ("KEC-TPI-BARAT", "Tanjungpinang Barat", ("Bukit Cermin", "Kampung Baru", "Kemboja", "Tanjungpinang Barat")),
    ("KEC-TPI-KOTA", "Tanjungpinang Kota", ("Kampung Bugis", "Penyengat", "Senggarang", "Tanjungpinang Kota")),
    ("KEC-TPI-TIMUR", "Tanjungpinang Timur", ("Air Raja", "Batu Sembilan", "Kampung Bulang", "Melayu Kota Piring",
                                              "Pinang Kencana")),
    ("KEC-BUKIT-BESTARI", "Bukit Bestari", ("Dompak", "Sei Jang", "Tanjung Ayun Sakti", "Tanjung Unggat",
                                            "Tanjungpinang Timur")),
)
_KECAMATAN_SEKSI = ("Seksi Pemerintahan", "Seksi Ketenteraman dan Ketertiban Umum",
                    "Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial", "Seksi Pelayanan Umum")
_KECAMATAN_STAFF = ("Pengadministrasi Pemerintahan", "Pengelola Pelayanan Umum", "Pengadministrasi Perkantoran",
                    "Fasilitator Pemberdayaan Masyarakat", "Pengelola Data Kependudukan", "Pengemudi")


def _kecamatan(b: _Builder, code: str, name: str, kelurahan: tuple[str, ...]) -> None:
    rng = b.rng
    b.agency(code, f"Kecamatan {name}")
    lead = _Style(female=0.35)
    style = _Style(female=0.5, pppk=0.03, degree_share=0.5)
    pimpinan = b.unit(code, "Pimpinan", None, "PIMPINAN")
    camat = b.person(code, pimpinan, f"Camat {name}", b.sekda, "head", lead)
    sek_unit = b.unit(code, "Sekretariat Kecamatan", None, "SEKRETARIAT")
    sekcam = b.person(code, sek_unit, "Sekretaris Kecamatan", camat, "admin", lead)
    for sub in ("Sub Bagian Umum dan Kepegawaian", "Sub Bagian Perencanaan dan Keuangan"):
        sub_unit = b.unit(code, sub, sek_unit)
        kasubbag = b.person(code, sub_unit, "Kepala " + sub, sekcam, "super", lead)
        b.staff(code, sub_unit, kasubbag, _subbag_staff(sub), rng.randint(1, 3), style)
    for seksi in _KECAMATAN_SEKSI:
        seksi_unit = b.unit(code, seksi)
        kasi = b.person(code, seksi_unit, "Kepala " + seksi, camat, "super", lead)
        b.staff(code, seksi_unit, kasi, _KECAMATAN_STAFF, rng.randint(1, 3), style)
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
            b.person(code, kel_unit, rng.choice(_KECAMATAN_STAFF), rng.choice(kasis), "staff", style)


def build_demo(seed: int = 2025) -> DemoData:
    """Build the demo city: the same seed gives the same data on every run and machine."""
    b = _Builder(seed)
    _setda(b)
    specs = {spec.code: spec for spec in _specs()}
    for code in ("SETWAN", "INSPEKTORAT", "BAPPELITBANG", "BPKAD", "BAPENDA", "BKPSDM", "BPBD", "KESBANGPOL"):
        _office(b, specs.pop(code))
    _disdik(b)
    _dinkes(b)
    for spec in specs.values():
        _office(b, spec)
    _rsud(b)
    for code, name, kelurahan in _KECAMATAN:
        _kecamatan(b, code, name, kelurahan)
    return DemoData(agencies=b.agencies, units=b.units, people=b.people)
