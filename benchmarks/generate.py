"""Benchmark data: N employees across agencies, rated for the four evaluation periods of 2024, with measurements
and survey answers, written straight into SQLite (executemany in large transactions) or PostgreSQL (COPY).

    python benchmarks/generate.py --db sqlite:///tmp/kinerja-bench/city.sqlite3 --people 15000 --fresh
    python benchmarks/generate.py --db postgres://postgres@127.0.0.1:5432/kinerja_national --people 4700000 --fresh

Run it from the repository root (the indicator specs and plugins of ./indicator_specs and ./plugins are the ones
the app loads). The database is migrated first and must hold no agency yet (`--fresh` drops and recreates a
PostgreSQL database, or deletes a SQLite file, before starting).

What it writes, deterministic from `--seed` (the same seed and sizes give the same rows, ids included):
- agencies: `--agencies` (default 35 for a city, about one per 7,580 people beyond that: 620 for 4.7 million),
  sized by weight (the education office largest); codes of a city government (SETDA, DISDIK, DPMPTSP, ...), and
  beyond the 37 offices of one city the same offices of further regions (DISDIK-001, ...);
- units: a PIMPINAN unit for the head, bidang (departments) and, under each, seksi of about 22 people;
- people with valid, unique NIPs (PNS and about 10 % PPPK among staff), the supervisor tree head -> kepala bidang
  -> kepala seksi -> staff, every agency head under the Sekretaris Daerah (the head of SETDA, the one root);
- cycle 2024 (QUARTERLY, CLOSED) and 2025 (QUARTERLY, ACTIVE, empty);
- for each evaluation period of 2024 (2024-Q1..Q3 and 2024: the last quarter is evaluated as the year, as
  `gate.evaluation_periods_of` says) and everyone who has a supervisor: the supervisor's assessment
  and the finalized rating that references it; the predikat comes from the app's `kinerja_predikat` hook (the
  3x3 matrix) for the (results, behaviour) pair, and each agency's spread keeps the distribution curve of its
  organisation predikat (org_rating rows: ISTIMEWA, BAIK or BUTUH_PERBAIKAN);
- indicators synced from the specs by the app's own catalog; one SKP target (cycle 2024) for every non-head
  person of an agency whose spec has person-level indicators, with a measurement for each period of 2024 the
  indicator is measured in, computed by the app's formulas (value, capaian, suggested rating, spec version);
- survey answers (U1..U9, 1-4) for about one seksi in ten, 10-40 respondents a quarter of 2024, with the
  service population of each surveyed unit;
- then every rollup, by the app's `kinerja.services.core.rollups.rebuild`.

Audit events are not written: this is a bulk load, like a migration from another system.

PostgreSQL: the secondary indexes, unique constraints and foreign keys of the bulk tables are dropped before
COPY and recreated after it with their exact definitions (checked against the migrated schema), then VACUUM
ANALYZE. SQLite: the CREATE INDEX indexes of the bulk tables are dropped and recreated from their own SQL,
foreign keys are checked with PRAGMA foreign_key_check at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import math
import os
import random
import sqlite3
import sys
import time
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
import results  # noqa: E402  (benchmarks/results.py)

from kinerja.demo import evaluation as demo_evaluation  # noqa: E402
from kinerja.demo.pairs import pairs_by_predikat  # noqa: E402
from kinerja.services.cycles.gate import evaluation_periods_of  # noqa: E402

YEAR = 2024
PERIODS = (f"{YEAR}-Q1", f"{YEAR}-Q2", f"{YEAR}-Q3", f"{YEAR}-Q4", str(YEAR))
QUARTERS = PERIODS[:4]
# assessed, rated and given an organisation predikat: Q4 and the year are one evaluation, stored under the year
EVALUATION_PERIODS = tuple(evaluation_periods_of(YEAR, "QUARTERLY"))
DEFAULT_SEED = 20240101
ACTOR = "generate"
CITY_AGENCIES = 35
PEOPLE_PER_AGENCY = 7_580  # 4.7 million ASN in about 620 agencies (docs/DOMAIN.md)
SEKSI_SIZE = 22  # people in a seksi, its head included, on average

ABOVE, MEETS, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
EXPECTATIONS = (ABOVE, MEETS, BELOW)
# the share of each employee predikat under each organisation predikat, the organisation predikat of the
# named offices, and the behaviour notes: the demo's own (kinerja.demo.evaluation)
ORG_FIXED, NOTE_TEXTS = demo_evaluation.ORG_PREDIKAT, demo_evaluation.NOTES
# behaviour notes as stored (JSON text): none, or one or two BerAKHLAK values with a note
NOTES = ["[]"] * 4 + [json.dumps([{"value": v, "note": NOTE_TEXTS[v]}]) for v in NOTE_TEXTS] + [
    json.dumps([{"value": a, "note": NOTE_TEXTS[a]}, {"value": b, "note": NOTE_TEXTS[b]}])
    for a, b in (("AKUNTABEL", "KOMPETEN"), ("BERORIENTASI_PELAYANAN", "HARMONIS"), ("ADAPTIF", "KOLABORATIF"))]

# (code, name, weight): the offices of one city government; the education office is the largest
OFFICES = [
    ("SETDA", "Sekretariat Daerah", 3.0),
    ("DISDIK", "Dinas Pendidikan", 30.0),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", 1.2),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 1.0),
    ("DINKES", "Dinas Kesehatan", 12.0),
    ("RSUD", "Rumah Sakit Umum Daerah", 8.0),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", 1.2),
    ("DISHUB", "Dinas Perhubungan", 1.5),
    ("SETWAN", "Sekretariat DPRD", 1.2),
    ("INSPEKTORAT", "Inspektorat", 1.0),
    ("BAPPELITBANG", "Badan Perencanaan, Penelitian dan Pengembangan", 1.0),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", 1.5),
    ("BAPENDA", "Badan Pendapatan Daerah", 1.2),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", 0.8),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", 0.6),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", 2.5),
    ("DLH", "Dinas Lingkungan Hidup", 2.5),
    ("DINSOS", "Dinas Sosial", 1.0),
    ("DISPERKIM", "Dinas Perumahan, Kawasan Permukiman dan Pertanahan", 1.2),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", 2.5),
    ("DAMKAR", "Dinas Pemadam Kebakaran dan Penyelamatan", 1.5),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", 1.0),
    ("DISBUDPAR", "Dinas Kebudayaan dan Pariwisata", 0.8),
    ("DISPORA", "Dinas Kepemudaan dan Olahraga", 0.8),
    ("DP3APM", "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Pemberdayaan Masyarakat", 0.8),
    ("DISNAKER", "Dinas Tenaga Kerja", 0.7),
    ("DKPP", "Dinas Ketahanan Pangan dan Pertanian", 1.2),
    ("DISPERDAGIN", "Dinas Perdagangan dan Perindustrian", 1.0),
    ("DKUMP", "Dinas Koperasi, Usaha Mikro dan Perdagangan", 0.7),
    ("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", 0.7),
    ("DPPKB", "Dinas Pengendalian Penduduk dan Keluarga Berencana", 0.8),
    ("DKP", "Dinas Kelautan dan Perikanan", 0.8),
    ("KEC-BUKITBESTARI", "Kecamatan Bukit Bestari", 1.0),
    ("KEC-TPBARAT", "Kecamatan Tanjungpinang Barat", 1.0),
    ("KEC-TPKOTA", "Kecamatan Tanjungpinang Kota", 0.8),
    ("KEC-TPTIMUR", "Kecamatan Tanjungpinang Timur", 1.0),
    ("BRIDA", "Badan Riset dan Inovasi Daerah", 0.6),
]
BIDANG = ("Pelayanan", "Perencanaan", "Pembinaan", "Pengawasan", "Pengembangan", "Pengelolaan Data",
          "Penataan", "Pemberdayaan", "Pengendalian", "Operasional")
STAFF_POSITIONS = {
    "DISDIK": ("Guru Kelas", "Guru Matematika", "Guru Bahasa Indonesia", "Guru Bahasa Inggris",
               "Guru Ilmu Pengetahuan Alam", "Guru Pendidikan Agama Islam", "Guru Pendidikan Jasmani",
               "Pengadministrasi Sekolah", "Pustakawan"),
    "DINKES": ("Perawat", "Bidan", "Dokter", "Apoteker", "Sanitarian", "Nutrisionis", "Pranata Laboratorium"),
    "RSUD": ("Perawat", "Bidan", "Dokter", "Dokter Spesialis", "Apoteker", "Radiografer", "Perekam Medis"),
}
GENERAL_POSITIONS = ("Analis Kebijakan", "Pengadministrasi Perkantoran", "Pengelola Keuangan", "Arsiparis",
                     "Pranata Komputer", "Analis Sumber Daya Manusia Aparatur", "Pengemudi", "Perencana",
                     "Penyusun Laporan", "Pengolah Data dan Informasi")
FIRST_M = ("Ahmad", "Muhammad", "Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irwan", "Joko", "Rudi",
           "Rizky", "Andi", "Arif", "Bambang", "Fauzi", "Hasan", "Iskandar", "Khairul", "Lukman", "Rahmat",
           "Ridwan", "Samsul", "Taufik", "Yusuf", "Zainal", "Indra", "Teguh", "Wahyu", "Surya", "Erwin",
           "Herman", "Ismail", "Reza", "Ilham", "Faisal", "Dimas", "Bayu", "Yohanes", "Daniel", "Samuel")
FIRST_F = ("Siti", "Nur", "Dewi", "Sri", "Rina", "Fitri", "Nurul", "Ratna", "Yuni", "Lina", "Maya", "Indah",
           "Putri", "Rahma", "Aisyah", "Fatimah", "Linda", "Yulia", "Desi", "Mega", "Ayu", "Novi", "Eka",
           "Dian", "Rika", "Rini", "Erni", "Halimah", "Marlina", "Suryani", "Herlina", "Azizah", "Aminah",
           "Wulan", "Tika", "Intan", "Diana", "Ratih", "Maria", "Grace", "Elisabeth")
LAST_M = ("Hidayat", "Saputra", "Pratama", "Kurniawan", "Setiawan", "Gunawan", "Santoso", "Wibowo",
          "Nugroho", "Hakim", "Effendi", "Ramadhan", "Maulana", "Firmansyah", "Syahputra", "Rahman",
          "Abdullah", "Azhar", "Akbar", "Wijaya", "Prasetyo", "Hermawan", "Sulaiman", "Harun", "Anwar")
LAST_F = ("Rahmawati", "Lestari", "Wulandari", "Handayani", "Susanti", "Puspitasari", "Anggraini", "Kartika",
          "Fitriani", "Safitri", "Permatasari", "Sari", "Utami", "Maharani", "Hasanah", "Oktaviani",
          "Ningsih", "Andriani", "Herawati", "Mulyani", "Agustina", "Wahyuni", "Damayanti", "Amalia")
FAMILY = ("Siregar", "Nasution", "Harahap", "Lubis", "Tanjung", "Simanjuntak", "Sinaga", "Panjaitan",
          "Hutapea", "Situmorang", "Sihombing", "Napitupulu")

# NIPs: a bijection of the person number onto (birth date, gender, sequence), so every NIP is distinct
_BIRTH0 = dt.date(1966, 1, 1)
_DAYS = (dt.date(1999, 12, 31) - _BIRTH0).days + 1
_NIP_SPACE = _DAYS * 2 * 999
_NIP_STEP = 1_000_003  # coprime with _NIP_SPACE: i -> i * step mod space is a permutation
assert math.gcd(_NIP_STEP, _NIP_SPACE) == 1

# bulk tables: their secondary indexes and constraints are rebuilt after loading
BULK_TABLES = ("person", "assessment", "rating", "org_rating", "target", "measurement", "survey_response")
COLUMNS = {
    "agency": ("id", "code", "name", "created_at"),
    "unit": ("id", "agency_id", "code", "name", "parent_id", "created_at"),
    "cycle": ("id", "year", "periodicity", "status", "created_at", "updated_at"),
    "person": ("id", "nip", "name", "employment_type", "position", "agency_id", "unit_id", "supervisor_id",
               "created_at", "updated_at"),
    "org_rating": ("id", "agency_id", "cycle_id", "period", "predikat", "set_by", "set_at"),
    "assessment": ("id", "kind", "person_id", "assessor_id", "agency_id", "cycle_id", "period", "result_rating",
                   "behavior_rating", "behavior_notes", "result_notes", "comment", "acted_by_admin", "version",
                   "recorded_by", "created_at", "updated_at"),
    "rating": ("id", "person_id", "agency_id", "unit_id", "cycle_id", "period", "assessment_id", "result_rating",
               "behavior_rating", "predikat", "suggested_result_rating", "suggestion_reason", "override_reason",
               "curve_justification", "curve_warnings", "finalized_by", "finalized_at"),
    "target": ("id", "cycle_id", "indicator_id", "person_id", "unit_id", "agency_id", "work_result", "value",
               "parent_id", "created_at"),
    "measurement": ("id", "target_id", "period", "inputs", "value", "achievement", "suggested_rating",
                    "spec_version", "evidence_url", "recorded_by", "recorded_at"),
    "survey_response": ("id", "agency_id", "unit_id", "cycle_id", "period", "u1", "u2", "u3", "u4", "u5", "u6",
                        "u7", "u8", "u9", "service", "served_by_id", "comment", "client_hash", "submitted_at"),
    "service_population": ("id", "agency_id", "unit_id", "population", "set_by", "set_at"),
}
ROLE_HEAD, ROLE_KABID, ROLE_KASI, ROLE_STAFF = 0, 1, 2, 3


def nip_of(number: int, seed: int, pppk: bool) -> str:
    """The NIP of person number `number` (0-based): valid by docs/DOMAIN.md's rules, distinct for every number below
    about 24.8 million, whatever the employment type."""
    k = (number * _NIP_STEP + seed) % _NIP_SPACE
    day, rest = k % _DAYS, k // _DAYS
    birth = _BIRTH0 + dt.timedelta(days=day)
    gender, sequence = 1 + rest % 2, 1 + rest // 2
    h = (k * 2654435761) & 0xFFFFFFFF
    if pppk:  # digits 9-14: the appointment year and a two-digit field
        middle = f"{min(2024, max(2019, birth.year + 20) + h % 4)}21"
    else:  # the CPNS appointment month, at least 19 years after birth
        middle = f"{min(2024, birth.year + 19 + h % 15)}{1 + (h >> 8) % 12:02d}"
    return f"{birth:%Y%m%d}{middle}{gender}{sequence:03d}"


# --- the plan: agencies, units and the shape of each agency ------------------------------------------------

@dataclass
class AgencyPlan:
    id: int
    code: str
    name: str
    size: int
    org: str  # organisation predikat of 2024
    first_person: int = 0  # person ids first_person .. first_person + size - 1
    seksi_units: list[int] = field(default_factory=list)


@dataclass
class Plan:
    seed: int
    people: int
    agencies: list[AgencyPlan]
    units: list[tuple]  # rows of the unit table, without created_at
    # per person (index = id - 1), filled while the person rows are generated
    agency_of: array = field(default_factory=lambda: array("i"))
    unit_of: array = field(default_factory=lambda: array("i"))  # 0: no unit
    supervisor_of: array = field(default_factory=lambda: array("i"))  # 0: none
    role_of: array = field(default_factory=lambda: array("b"))
    layout: dict[int, list[tuple[int, int, int, int]]] = field(default_factory=dict)


def default_agencies(people: int) -> int:
    return max(CITY_AGENCIES, round(people / PEOPLE_PER_AGENCY))


def _sizes(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split by weight (largest remainders), at least one each."""
    n = len(weights)
    if total < n:
        raise SystemExit(f"{total} people cannot fill {n} agencies: give more people or fewer agencies")
    spare = total - n
    s = sum(weights)
    exact = [spare * w / s for w in weights]
    sizes = [int(x) for x in exact]
    for i in sorted(range(n), key=lambda i: exact[i] - sizes[i], reverse=True)[:spare - sum(sizes)]:
        sizes[i] += 1
    return [1 + x for x in sizes]


def make_plan(people: int, n_agencies: int, seed: int) -> Plan:
    rng = random.Random(f"{seed}:agencies")
    specs: list[tuple[str, str, float]] = []
    region = 0
    while len(specs) < n_agencies:
        factor = 1.0 if region == 0 else rng.uniform(0.5, 1.5)
        for code, name, weight in OFFICES:
            if len(specs) == n_agencies:
                break
            if region == 0:
                specs.append((code, f"{name} Kota Tanjungpinang", weight))
            else:
                specs.append((f"{code}-{region:03d}", f"{name} Wilayah {region:03d}", weight * factor))
        region += 1
    sizes = _sizes(people, [w for _, _, w in specs])
    agencies = []
    for i, ((code, name, _), size) in enumerate(zip(specs, sizes), start=1):
        org = ORG_FIXED.get(code)
        if org is None:
            r = rng.random()
            org = "ISTIMEWA" if r < 0.1 else "BUTUH_PERBAIKAN" if r < 0.15 else "BAIK"
        agencies.append(AgencyPlan(id=i, code=code, name=name[:200], size=size, org=org))
    plan = Plan(seed=seed, people=people, agencies=agencies, units=[])
    _lay_out_units(plan)
    return plan


def _lay_out_units(plan: Plan) -> None:
    """Units of each agency and how its people fill them: layout[agency id] = [(unit id, leader role, leaders'
    parent unit index, people in it)], the first entry the PIMPINAN unit with the head."""
    unit_id = 0
    person = 1
    for agency in plan.agencies:
        agency.first_person = person
        person += agency.size
        rest = agency.size - 1
        seksi = max(1, rest // SEKSI_SIZE) if rest >= 3 else 0
        bidang = max(1, math.ceil(seksi / 5)) if rest >= 1 else 0
        while bidang + seksi > rest:
            if seksi > bidang:
                seksi -= 1
            else:
                bidang -= 1
                seksi = min(seksi, bidang * 5)
        unit_id += 1
        plan.units.append((unit_id, agency.id, "PIMPINAN", "Pimpinan", None))
        layout = [(unit_id, ROLE_HEAD, -1, 1)]
        staff = rest - bidang - seksi
        bidang_units = []
        for b in range(bidang):
            unit_id += 1
            label = BIDANG[b % len(BIDANG)] + (f" {b // len(BIDANG) + 1}" if b >= len(BIDANG) else "")
            plan.units.append((unit_id, agency.id, f"BID-{b + 1:02d}", f"Bidang {label}", None))
            bidang_units.append((unit_id, label))
            layout.append((unit_id, ROLE_KABID, 0, 1))
        # seksi spread over the bidang in turn; staff spread over the seksi (or the bidang when there is none)
        holders: list[int] = []
        for s in range(seksi):
            parent_index = 1 + s % bidang
            parent_id, label = bidang_units[s % bidang]
            unit_id += 1
            number = s // bidang + 1
            plan.units.append((unit_id, agency.id, f"BID-{s % bidang + 1:02d}-S{number:02d}",
                               f"Seksi {number} Bidang {label}", parent_id))
            agency.seksi_units.append(unit_id)
            layout.append((unit_id, ROLE_KASI, parent_index, 1))
            holders.append(len(layout) - 1)
        if not holders:
            holders = list(range(1, len(layout)))
        for k in range(staff):
            index = holders[k % len(holders)]
            u, role, parent, count = layout[index]
            layout[index] = (u, role, parent, count + 1)
        plan.layout[agency.id] = layout


# --- rows ----------------------------------------------------------------------------------------------------

class Clock:
    """Datetimes as each database takes them: a datetime for asyncpg, tortoise's text for SQLite."""

    def __init__(self, postgres: bool):
        self.postgres = postgres

    def __call__(self, value: dt.datetime) -> Any:
        return value if self.postgres else value.isoformat(" ")


def _name(rng: random.Random, female: bool) -> str:
    first = rng.choice(FIRST_F if female else FIRST_M)
    r = rng.random()
    if r < 0.15:
        return f"{first} {rng.choice(FAMILY)}"
    if r < 0.25:
        return f"{first} {rng.choice(FIRST_F if female else FIRST_M)} {rng.choice(LAST_F if female else LAST_M)}"
    return f"{first} {rng.choice(LAST_F if female else LAST_M)}"


def person_rows(plan: Plan, clock: Clock) -> Iterator[tuple]:
    """The person table, agency by agency, supervisors before the people they supervise; fills the plan's
    per-person arrays on the way."""
    rng = random.Random(f"{plan.seed}:people")
    at = clock(dt.datetime(2024, 1, 2, 8, 0, tzinfo=dt.timezone.utc))
    unit_names = {u[0]: u[3] for u in plan.units}
    sekda = 0
    pid = 0
    for agency in plan.agencies:
        positions = STAFF_POSITIONS.get(agency.code.split("-")[0], GENERAL_POSITIONS)
        office = agency.name.removesuffix(" Kota Tanjungpinang")
        layout = plan.layout[agency.id]
        leaders: list[int] = []  # person id of each layout entry's leader
        for unit_id, role, parent, count in layout:
            unit_name = unit_names[unit_id]
            leader = 0
            for j in range(count):
                pid += 1
                r = role if j == 0 else ROLE_STAFF
                if r == ROLE_HEAD:
                    supervisor = sekda
                    position = "Sekretaris Daerah" if sekda == 0 else f"Kepala {office}"[:200]
                    if sekda == 0:
                        sekda = pid
                elif j == 0:
                    supervisor = leaders[parent]
                    position = f"Kepala {unit_name}"[:200]
                else:
                    supervisor = leader
                    position = rng.choice(positions)
                if j == 0:
                    leader = pid
                pppk = r == ROLE_STAFF and rng.random() < 0.1
                nip = nip_of(pid - 1, plan.seed, pppk)
                female = nip[14] == "2"
                plan.agency_of.append(agency.id)
                plan.unit_of.append(unit_id)
                plan.supervisor_of.append(supervisor)
                plan.role_of.append(r)
                yield (pid, nip, _name(rng, female), "PPPK" if pppk else "PNS", position, agency.id, unit_id,
                       supervisor or None, at, at)
            leaders.append(leader)


def period_time(period: str) -> dt.datetime:
    if "-Q" in period:
        quarter = int(period[-1])
        return dt.datetime(YEAR + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 10, 9, 0,
                           tzinfo=dt.timezone.utc)
    return dt.datetime(YEAR + 1, 1, 20, 9, 0, tzinfo=dt.timezone.utc)


@dataclass
class Evaluation:
    """Everything the assessment and rating rows need; both are generated from it in the same order, so
    rating i references assessment i (the same id)."""

    plan: Plan
    cycle_id: int
    matrix: dict[tuple[str, str], str]
    curve_rules: Any

    def choices(self) -> Iterator[tuple[int, str, int, str, str, str, str]]:
        """(id, period, person id, result, behaviour, predikat, notes) in period, agency, person order."""
        plan = self.plan
        pairs = pairs_by_predikat(self.matrix)  # the pairs drawn for each predikat: the hook's matrix inverted
        next_id = 0
        for period in EVALUATION_PERIODS:
            for agency in plan.agencies:
                rng = random.Random(f"{plan.seed}:{agency.id}:{period}")
                first = agency.first_person
                people = [p for p in range(first, first + agency.size) if plan.supervisor_of[p - 1]]
                predikats = demo_evaluation.spread_for(len(people), agency.size, agency.org, rng, self.curve_rules)
                for pid, predikat in zip(people, predikats):
                    result, behaviour = rng.choice(pairs[predikat])
                    notes = NOTES[rng.randrange(len(NOTES))]
                    next_id += 1
                    yield next_id, period, pid, result, behaviour, predikat, notes

    def assessment_rows(self, clock: Clock) -> Iterator[tuple]:
        plan = self.plan
        times = {p: clock(period_time(p)) for p in EVALUATION_PERIODS}
        for aid, period, pid, result, behaviour, _, notes in self.choices():
            at = times[period]
            yield (aid, "SUPERVISOR", pid, plan.supervisor_of[pid - 1], plan.agency_of[pid - 1], self.cycle_id,
                   period, result, behaviour, notes, "[]", None, False, 1, ACTOR, at, at)

    def rating_rows(self, clock: Clock) -> Iterator[tuple]:
        plan = self.plan
        times = {p: clock(period_time(p) + dt.timedelta(days=3)) for p in EVALUATION_PERIODS}
        matrix = self.matrix
        for aid, period, pid, result, behaviour, predikat, _ in self.choices():
            if matrix[(result, behaviour)] != predikat:  # the hook decides; the draw must agree with it
                raise RuntimeError(f"the kinerja_predikat hook gives {matrix[(result, behaviour)]} for "
                                   f"({result}, {behaviour}), the generator drew it for {predikat}")
            yield (aid, pid, plan.agency_of[pid - 1], plan.unit_of[pid - 1] or None, self.cycle_id, period, aid,
                   result, behaviour, predikat, None, None, None, None, "[]", ACTOR, times[period])


def org_rating_rows(plan: Plan, cycle_id: int, clock: Clock) -> Iterator[tuple]:
    at = clock(dt.datetime(YEAR + 1, 1, 5, 9, 0, tzinfo=dt.timezone.utc))
    n = 0
    for agency in plan.agencies:
        for period in EVALUATION_PERIODS:
            n += 1
            yield (n, agency.id, cycle_id, period, agency.org, ACTOR, at)


def _inputs_for(spec: Any, rng: random.Random) -> dict[str, int]:
    """Plausible inputs: a base count for the inputs that must be at least 1, the others a share of it (or, when
    lower is better, around the target times it)."""
    base = rng.randint(20, 200)
    values = {}
    for inp in spec.inputs:
        if inp.min is not None and inp.min >= 1:
            values[inp.name] = base
        elif spec.direction == "lower_is_better":
            values[inp.name] = round(base * (spec.target or 1) * rng.uniform(0.6, 1.4))
        else:
            values[inp.name] = round(base * rng.uniform(0.6, 1.0))
    return values


def measurement_plan(plan: Plan, catalog: Any, indicators: dict[str, int], cycle_id: int, clock: Clock
                     ) -> tuple[list[tuple], list[tuple]]:
    """Targets (one per non-head person of an agency with person-level indicators) and their measurements."""
    from kinerja.services.skp import measurements as ms

    rng = random.Random(f"{plan.seed}:measurements")
    by_code = {a.code: a for a in plan.agencies}
    created = clock(dt.datetime(YEAR, 1, 15, 9, 0, tzinfo=dt.timezone.utc))
    targets: list[tuple] = []
    rows: list[tuple] = []
    specs_by_agency: dict[str, list[Any]] = {}
    for full_code in sorted(indicators):
        spec = catalog.indicator(full_code)
        if spec is not None and spec.level == "person" and spec.agency in by_code:
            specs_by_agency.setdefault(spec.agency, []).append(spec)
    for code, specs in sorted(specs_by_agency.items()):
        agency = by_code[code]
        for k, pid in enumerate(range(agency.first_person + 1, agency.first_person + agency.size)):
            spec = specs[k % len(specs)]
            periods = [p for p in PERIODS if ("quarter" if "-Q" in p else "year") in spec.periods]
            if not periods:
                continue
            tid = len(targets) + 1
            targets.append((tid, cycle_id, indicators[spec.full_code], pid, None, agency.id,
                            f"{spec.name} ({spec.full_code})"[:500], float(spec.target or 100), None, created))
            for period in periods:
                for _ in range(10):
                    values = _inputs_for(spec, rng)
                    value, problems = ms.compute(catalog, spec, dict(values), ("input",))
                    if not problems:
                        break
                else:
                    raise RuntimeError(f"no valid inputs found for {spec.full_code}: {problems}")
                capaian = ms.achievement(value, float(spec.target or 100), spec.direction, scoring=spec.scoring)
                rows.append((len(rows) + 1, tid, period, json.dumps(values), value, capaian,
                             ms.suggested_rating(capaian, spec), spec.version, None, ACTOR,
                             clock(period_time(period) - dt.timedelta(days=5))))
    return targets, rows


def survey_rows(plan: Plan, cycle_id: int, clock: Clock, share: float, populations: list[tuple]
                ) -> Iterator[tuple]:
    """Answers for about `share` of the seksi units, 10-40 respondents a quarter; appends each surveyed unit's
    service population row to `populations`."""
    rng = random.Random(f"{plan.seed}:survey")
    set_at = clock(dt.datetime(YEAR, 1, 2, tzinfo=dt.timezone.utc))
    n = 0
    for agency in plan.agencies:
        units = agency.seksi_units or [plan.layout[agency.id][0][0]]
        for unit_id in units:
            if rng.random() >= share:
                continue
            populations.append((len(populations) + 1, agency.id, unit_id, rng.randint(500, 40000), ACTOR, set_at))
            quality = rng.uniform(2.6, 3.6)
            pool = [tuple(min(4, max(1, round(rng.gauss(quality, 0.6)))) for _ in range(9)) for _ in range(64)]
            for period in QUARTERS:
                quarter = int(period[-1])
                start = dt.datetime(YEAR, 3 * quarter - 2, 1, 8, 0, tzinfo=dt.timezone.utc)
                for _ in range(rng.randint(10, 40)):
                    n += 1
                    at = clock(start + dt.timedelta(minutes=rng.randrange(60 * 24 * 88)))
                    digest = hashlib.sha256(f"{plan.seed}:{n}".encode()).hexdigest()
                    yield (n, agency.id, unit_id, cycle_id, period, *pool[rng.randrange(64)], None, None, None,
                           digest, at)


# --- databases ------------------------------------------------------------------------------------------------

class Progress:
    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.counts: dict[str, int] = {}
        self.started = time.perf_counter()
        self.steps: list[tuple[str, float]] = []
        self._step_start = self.started

    def say(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.perf_counter() - self.started:8.1f} s] {message}", flush=True)

    def step(self, name: str) -> None:
        now = time.perf_counter()
        self.steps.append((name, now - self._step_start))
        self._step_start = now

    def counted(self, table: str, rows: Iterable[tuple], every: int = 1_000_000) -> Iterator[tuple]:
        t0 = time.perf_counter()
        n = 0
        for n, row in enumerate(rows, start=1):
            if n % every == 0:
                rate = n / (time.perf_counter() - t0)
                self.say(f"  {table}: {n:,} rows ({rate:,.0f} rows/s)")
            yield row
        self.counts[table] = self.counts.get(table, 0) + n


class Loader:
    """Writes rows into one database: COPY on PostgreSQL, executemany on SQLite."""

    postgres: bool

    async def copy(self, table: str, rows: Iterable[tuple]) -> None: ...
    async def execute(self, sql: str) -> None: ...
    async def fetch(self, sql: str) -> list[tuple]: ...
    async def close(self) -> None: ...


class PgLoader(Loader):
    postgres = True

    def __init__(self, conn: Any):
        self.conn = conn

    @classmethod
    async def open(cls, url: str) -> "PgLoader":
        conn = await results.pg_connect(url)
        await conn.execute("SET maintenance_work_mem = '1GB'")
        await conn.execute("SET synchronous_commit = off")
        return cls(conn)

    async def copy(self, table: str, rows: Iterable[tuple]) -> None:
        await self.conn.copy_records_to_table(table, records=rows, columns=list(COLUMNS[table]))

    async def execute(self, sql: str) -> None:
        await self.conn.execute(sql)

    async def fetch(self, sql: str) -> list[tuple]:
        return [tuple(r) for r in await self.conn.fetch(sql)]

    async def close(self) -> None:
        await self.conn.close()


class SqliteLoader(Loader):
    postgres = False

    def __init__(self, path: Path):
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA foreign_keys = OFF")  # checked at the end with foreign_key_check
        self.conn.execute("PRAGMA synchronous = OFF")
        self.conn.execute("PRAGMA cache_size = -262144")

    async def copy(self, table: str, rows: Iterable[tuple]) -> None:
        columns = COLUMNS[table]
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        self.conn.execute("BEGIN")
        try:
            self.conn.executemany(sql, rows)
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    async def execute(self, sql: str) -> None:
        self.conn.execute(sql)

    async def fetch(self, sql: str) -> list[tuple]:
        return [tuple(r) for r in self.conn.execute(sql).fetchall()]

    async def close(self) -> None:
        self.conn.close()


async def schema_of(loader: Loader) -> list[tuple]:
    """Every index and constraint definition (PostgreSQL) or schema object (SQLite), sorted."""
    if loader.postgres:
        rows = await loader.fetch("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")
        rows += await loader.fetch("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                                   "FROM pg_constraint WHERE connamespace = 'public'::regnamespace")
        rows += await loader.fetch("SELECT table_name, column_name, data_type || coalesce(column_default, '') "
                                   "|| is_nullable FROM information_schema.columns WHERE table_schema = 'public'")
    else:
        rows = await loader.fetch("SELECT type, name, coalesce(sql, '') FROM sqlite_master")
    return sorted(rows)


async def drop_secondary(loader: Loader) -> list[str]:
    """Drop what slows the bulk load down on the bulk tables; returns the statements that recreate it."""
    tables = ", ".join(f"'{t}'" for t in BULK_TABLES)
    recreate: list[str] = []
    if loader.postgres:
        constraints = await loader.fetch(
            "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            f"WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text IN ({tables}) "
            "AND contype IN ('f', 'u') ORDER BY contype DESC, 1, 2")  # unique before foreign keys
        owned = {name for _, name, _, _ in constraints}
        indexes = await loader.fetch(
            f"SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            f"AND tablename IN ({tables}) AND indexname NOT LIKE '%\\_pkey' ORDER BY 1, 2")
        for table, name, kind, definition in sorted(constraints, key=lambda c: c[2]):  # foreign keys first
            await loader.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for table, name, definition in indexes:
            if name not in owned:
                await loader.execute(f'DROP INDEX "{name}"')
                recreate.append(definition)
        recreate += [f'ALTER TABLE {t} ADD CONSTRAINT "{n}" {d}' for t, n, k, d in constraints]
    else:
        indexes = await loader.fetch(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                     f"AND tbl_name IN ({tables}) AND sql IS NOT NULL ORDER BY name")
        for name, definition in indexes:
            await loader.execute(f'DROP INDEX "{name}"')
            recreate.append(definition)
    return recreate


# --- the run ----------------------------------------------------------------------------------------------

@dataclass
class Summary:
    url: str
    people: int
    agencies: int
    seed: int
    rows: dict[str, int]
    steps: list[tuple[str, float]]
    seconds: float
    size_bytes: int

    def text(self) -> str:
        lines = [f"generated {self.people:,} people in {self.agencies} agencies (seed {self.seed}) into "
                 f"{results.safe_url(self.url)} in {self.seconds:.1f} s; database size {self.size_bytes / 2**20:,.1f} MiB"]
        lines += ["rows:"] + [f"  {table:20s} {n:>12,}" for table, n in self.rows.items()]
        lines += ["seconds:"] + [f"  {name:40s} {s:>8.1f}" for name, s in self.steps]
        return "\n".join(lines)


async def prepare(url: str, fresh: bool) -> None:
    from kinerja import db

    if results.is_postgres(url):
        if fresh:  # refuses the names of databases that are not the benchmarks' own
            await results.pg_recreate(url)
        elif not await results.pg_exists(url):
            results.pg_check_allowed(url)
            await results.pg_admin(url, f'CREATE DATABASE "{results.pg_name(url)}"')
    else:
        path = results.sqlite_path(url)
        if fresh:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
    await db.migrate(url)
    await db.close()


async def generate(url: str, people: int, agencies: int | None = None, seed: int = DEFAULT_SEED,
                   fresh: bool = False, quiet: bool = False, survey_share: float = 0.1,
                   repo: Path = results.REPO) -> Summary:
    """Fill the database at `url` (migrated here; it must hold no agency yet) and return the summary."""
    from tortoise import connections
    from tortoise.transactions import in_transaction

    from kinerja import db
    from kinerja.plugins import Expectation
    from kinerja.services.evaluation import curve
    from kinerja.services.indicators.catalog import Catalog
    from kinerja.settings import Settings

    progress = Progress(quiet)
    n_agencies = agencies or default_agencies(people)
    postgres = results.is_postgres(url)
    progress.say(f"generating {people:,} people in {n_agencies} agencies into {results.safe_url(url)}")
    await prepare(url, fresh)
    progress.step("migrate")

    settings = Settings(database_url=url, specs_dirs=(repo / "indicator_specs",), plugins_dirs=(repo / "plugins",))
    catalog = Catalog.load(settings)
    matrix = {}
    for r in EXPECTATIONS:
        for b in EXPECTATIONS:
            value = catalog.pm.hook.kinerja_predikat(result_rating=Expectation(r), behavior_rating=Expectation(b))
            matrix[(r, b)] = getattr(value, "value", value)
    rules = curve.rules_for(settings.curve_file)

    plan = make_plan(people, n_agencies, seed)
    clock = Clock(postgres)
    loader: Loader = await PgLoader.open(url) if postgres else SqliteLoader(results.sqlite_path(url))
    try:
        if (await loader.fetch("SELECT COUNT(*) FROM agency"))[0][0]:
            raise SystemExit(f"{results.safe_url(url)} holds agencies already: give an empty database or --fresh")
        schema_before = await schema_of(loader)
        recreate = await drop_secondary(loader)
        progress.say(f"dropped {len(recreate)} indexes and constraints of the bulk tables for the load")
        progress.step("drop indexes")

        now = clock(dt.datetime(2024, 1, 2, 8, 0, tzinfo=dt.timezone.utc))
        await loader.copy("agency", progress.counted("agency", ((a.id, a.code, a.name, now) for a in plan.agencies)))
        await loader.copy("unit", progress.counted("unit", ((*u, now) for u in plan.units)))
        await loader.copy("cycle", progress.counted("cycle", [(1, YEAR, "QUARTERLY", "CLOSED", now, now),
                                                               (2, YEAR + 1, "QUARTERLY", "ACTIVE", now, now)]))
        await loader.copy("person", progress.counted("person", person_rows(plan, clock), every=500_000))
        progress.say(f"agencies, {len(plan.units):,} units, {people:,} people written")
        progress.step("agencies, units, people")

        await loader.copy("org_rating", progress.counted("org_rating", org_rating_rows(plan, 1, clock)))
        evaluation = Evaluation(plan, 1, matrix, rules)
        await loader.copy("assessment", progress.counted("assessment", evaluation.assessment_rows(clock)))
        progress.say(f"{progress.counts['assessment']:,} assessments written")
        progress.step("assessments")
        await loader.copy("rating", progress.counted("rating", evaluation.rating_rows(clock)))
        progress.say(f"{progress.counts['rating']:,} ratings written")
        progress.step("ratings")

        populations: list[tuple] = []
        await loader.copy("survey_response", progress.counted(
            "survey_response", survey_rows(plan, 1, clock, survey_share, populations)))
        await loader.copy("service_population", progress.counted("service_population", populations))
        progress.say(f"{progress.counts['survey_response']:,} survey answers written")
        progress.step("survey answers")

        if postgres:  # the ids were given: move each sequence past them
            for table in COLUMNS:
                await loader.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                     f"GREATEST((SELECT MAX(id) FROM {table}), 1))")
        # indicators, by the app's own sync (it needs the agencies), then targets and measurements
        await db.connect(url)
        try:
            await catalog.sync(actor=ACTOR)
            conn = connections.get("default")
            _, rows = await conn.execute_query("SELECT id, full_code FROM indicator WHERE active")
            indicators = {r["full_code"]: r["id"] for r in rows}
        finally:
            await db.close()
        targets, measurements = measurement_plan(plan, catalog, indicators, 1, clock)
        await loader.copy("target", progress.counted("target", targets))
        await loader.copy("measurement", progress.counted("measurement", measurements))
        if postgres:
            for table in ("target", "measurement"):
                await loader.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                     f"GREATEST((SELECT MAX(id) FROM {table}), 1))")
        progress.say(f"{len(indicators)} indicators synced, {len(targets):,} targets, "
                     f"{len(measurements):,} measurements written")
        progress.step("indicators, targets, measurements")

        for n, statement in enumerate(recreate, start=1):
            t0 = time.perf_counter()
            await loader.execute(statement)
            progress.say(f"  [{n}/{len(recreate)}] {time.perf_counter() - t0:6.1f} s {statement[:110]}")
        if not postgres:
            bad = await loader.fetch("PRAGMA foreign_key_check")
            if bad:
                raise RuntimeError(f"foreign keys broken: {bad[:10]}")
        if await schema_of(loader) != schema_before:
            raise RuntimeError("the schema after loading differs from the migrated one")
        progress.say("indexes and constraints rebuilt; the schema is the migrated one")
        progress.step("indexes and constraints")
    finally:
        await loader.close()

    await db.connect(url)
    try:
        from kinerja.services.core import rollups

        async with in_transaction() as conn:
            await rollups.rebuild(conn)
        rollup_counts = {}
        for table in ("headcount_rollup", "rating_rollup", "survey_rollup", "achievement_rollup"):
            _, rows = await connections.get("default").execute_query(f"SELECT COUNT(*) AS n FROM {table}")
            rollup_counts[table] = rows[0]["n"]
    finally:
        await db.close()
    progress.say("rollups rebuilt: " + ", ".join(f"{k} {v:,}" for k, v in rollup_counts.items()))
    progress.step("rollups.rebuild")

    if postgres:
        conn = await results.pg_connect(url)
        try:
            await conn.execute("SET maintenance_work_mem = '1GB'")
            for table in (*BULK_TABLES, "agency", "unit", "cycle", "indicator", *rollup_counts):
                await conn.execute(f"VACUUM (ANALYZE) {table}")
            size = await conn.fetchval("SELECT pg_database_size(current_database())")
        finally:
            await conn.close()
        progress.say("VACUUM ANALYZE done")
        progress.step("vacuum analyze")
    else:
        path = results.sqlite_path(url)
        with sqlite3.connect(path) as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = sum(Path(f"{path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{path}{s}").exists())

    counts = dict(progress.counts)
    counts.update(rollup_counts)
    counts["indicator"] = len(indicators)
    summary = Summary(url=url, people=people, agencies=n_agencies, seed=seed, rows=counts, steps=progress.steps,
                      seconds=time.perf_counter() - progress.started, size_bytes=size)
    return summary


async def count_rows(url: str) -> dict[str, int]:
    """Rows per table of a generated database (to reuse it, or to check it)."""
    tables = ("agency", "unit", "person", "assessment", "rating", "org_rating", "survey_response", "target",
              "measurement", "rating_rollup")
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {t}" for t in tables)
    if results.is_postgres(url):
        conn = await results.pg_connect(url)
        try:
            return {r[0]: r[1] for r in await conn.fetch(sql)}
        finally:
            await conn.close()
    with sqlite3.connect(results.sqlite_path(url)) as c:
        return {r[0]: r[1] for r in c.execute(sql)}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="sqlite:///path/file.sqlite3 or postgres://user@host:port/name")
    parser.add_argument("--people", type=int, required=True, help="employees to generate (15000: a city)")
    parser.add_argument("--agencies", type=int, help="agencies (default: 35, or one per 7,580 people beyond that)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--survey-share", type=float, default=0.1, help="share of seksi units surveyed (0.1)")
    parser.add_argument("--fresh", action="store_true",
                        help="drop and recreate the PostgreSQL database, or delete the SQLite file, first")
    parser.add_argument("--quiet", action="store_true", help="only the closing summary")
    parser.add_argument("--no-write", action="store_true", help="leave benchmarks/RESULTS.md alone")
    parser.add_argument("--suite", help=argparse.SUPPRESS)  # the run.py command that started this one
    args = parser.parse_args(argv)
    if not (results.REPO / "indicator_specs").is_dir():
        raise SystemExit(f"{results.REPO / 'indicator_specs'} is missing")
    if results.is_postgres(args.db):
        results.pg_check_allowed(args.db)
    os.chdir(results.REPO)
    summary = asyncio.run(generate(args.db, args.people, args.agencies, args.seed, args.fresh, args.quiet,
                                   args.survey_share))
    print(summary.text())
    if not args.no_write:
        kind = f"{results.db_kind(args.db)}, {args.people:,} people"
        results.write_results(SECTION, kind, render(summary, kind, args.suite))
        print(f"written to {results.RESULTS}")


SECTION = "## Generated data (benchmarks/generate.py)"


def render(summary: Summary, kind: str, suite: str | None = None) -> str:
    rows = summary.rows
    lines = [f"### {kind}", "", *results.header(summary.url, suite=suite),
             f"- {summary.people:,} people in {summary.agencies} agencies, seed {summary.seed}: "
             f"**{summary.seconds:,.0f} s** in all; database size **{summary.size_bytes / 2**30:,.2f} GiB**",
             "- rows: " + ", ".join(f"{t} {n:,}" for t, n in rows.items()),
             "- seconds by step: " + ", ".join(f"{name} {s:,.1f}" for name, s in summary.steps)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
