"""The Tanjungpinang demo data: deterministic, well-formed, and loadable in list order."""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest

from kinerja.demo.data import DemoData, build_demo
from kinerja.services.core.nip import parse_nip

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}$")
NAMED_CODES = {"DISDIK", "DINKES", "DISDUKCAPIL", "DPMPTSP", "BKPSDM", "BAPPELITBANG", "DPUPR", "DINSOS", "DISHUB",
               "SATPOLPP"}
PUSKESMAS = {"Puskesmas Tanjungpinang", "Puskesmas Kampung Bugis", "Puskesmas Sei Jang", "Puskesmas Batu 10",
             "Puskesmas Melayu Kota Piring", "Puskesmas Mekar Baru", "Puskesmas Kampung Bulang"}


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return build_demo()


@pytest.fixture(scope="module")
def by_nip(demo):
    return {p.nip: p for p in demo.people}


@pytest.fixture(scope="module")
def sekda(demo):
    roots = [p for p in demo.people if p.supervisor is None]
    assert len(roots) == 1, f"expected exactly one person without a supervisor, got {len(roots)}"
    return roots[0]


def test_deterministic_for_a_seed():
    assert build_demo() == build_demo()
    assert build_demo(7) == build_demo(7)
    assert build_demo(2025) == build_demo()


def test_a_different_seed_gives_different_people():
    assert build_demo(2025).people != build_demo(2026).people


def test_fast():
    start = time.perf_counter()
    build_demo(11)
    assert time.perf_counter() - start < 1.0


def test_agencies(demo):
    codes = [a.code for a in demo.agencies]
    assert len(codes) >= 25
    assert len(set(codes)) == len(codes)
    assert NAMED_CODES <= set(codes)
    assert "SETDA" in codes
    for agency in demo.agencies:
        assert CODE_RE.match(agency.code), agency.code
        assert agency.name.strip() and len(agency.name) <= 200
    names = {a.code: a.name for a in demo.agencies}
    assert names["DISDIK"] == "Dinas Pendidikan Kota Tanjungpinang"
    assert names["DINKES"].startswith("Dinas Kesehatan")
    assert names["DISDUKCAPIL"].startswith("Dinas Kependudukan dan Pencatatan Sipil")
    assert names["DPMPTSP"].startswith("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu")
    assert names["BKPSDM"].startswith("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia")


def test_units_form_a_tree_per_agency(demo):
    agencies = {a.code for a in demo.agencies}
    seen: set[tuple[str, str]] = set()
    for unit in demo.units:
        assert unit.agency in agencies
        assert CODE_RE.match(unit.code), unit.code
        assert unit.name.strip() and len(unit.name) <= 200
        assert (unit.agency, unit.code) not in seen, f"duplicate unit {unit.agency}/{unit.code}"
        if unit.parent is not None:
            assert (unit.agency, unit.parent) in seen, f"{unit.agency}/{unit.code}: parent {unit.parent} not earlier"
        seen.add((unit.agency, unit.code))
    assert {a for a, _ in seen} == agencies, "every agency has units"


def test_schools_and_puskesmas(demo):
    disdik = [u for u in demo.units if u.agency == "DISDIK"]
    sd = [u for u in disdik if u.name.startswith("SD Negeri ")]
    smp = [u for u in disdik if u.name.startswith("SMP Negeri ")]
    assert sd and smp
    assert 35 <= len(sd) + len(smp) <= 50
    assert "SDN-001" in {u.code for u in sd} and "SMPN-1" in {u.code for u in smp}
    assert PUSKESMAS <= {u.name for u in demo.units if u.agency == "DINKES"}


def test_people_belong_to_existing_agencies_and_units(demo):
    agencies = {a.code for a in demo.agencies}
    units = {(u.agency, u.code) for u in demo.units}
    for p in demo.people:
        assert p.agency in agencies
        assert p.unit is not None, p
        assert (p.agency, p.unit) in units, p
        assert p.name.strip() and len(p.name) <= 200
        assert p.position.strip() and len(p.position) <= 200
        assert p.employment_type in ("PNS", "PPPK")


def test_nips_unique_and_valid(demo):
    nips = [p.nip for p in demo.people]
    assert len(set(nips)) == len(nips)
    for p in demo.people:
        parsed = parse_nip(p.nip, p.employment_type)
        assert parsed.value == p.nip and len(p.nip) == 18
        assert 1965 <= parsed.birth_date.year <= 2000, p
        assert 1 <= parsed.sequence <= 999
        if p.employment_type == "PNS":
            year, month = int(p.nip[8:12]), int(p.nip[12:14])
            assert (year, month) <= (2024, 12), p
            assert 20 <= year - parsed.birth_date.year <= 35, p
        else:
            assert 2019 <= int(p.nip[8:12]) <= 2024, p
            assert p.nip[12:14] == "21", p


def test_gender_digit_matches_obvious_names(demo):
    for p in demo.people:
        gender = int(p.nip[14])
        if p.position.startswith("Bidan") or " Siti " in f" {p.name} " or "Syarifah" in p.name:
            assert gender == 2, p
        if p.name.startswith("Drs. ") or p.name.startswith("Muhammad ") or p.position.startswith("Pengemudi"):
            assert gender == 1, p


def test_supervisors_exist_earlier_without_loops(demo, by_nip):
    position = {p.nip: i for i, p in enumerate(demo.people)}
    for i, p in enumerate(demo.people):
        assert p.supervisor != p.nip, p
        if p.supervisor is not None:
            assert p.supervisor in by_nip, p
            assert position[p.supervisor] < i, f"{p.nip} listed before its supervisor"
    for p in demo.people:
        seen = {p.nip}
        current = p.supervisor
        while current is not None:
            assert current not in seen, f"loop through {p.nip}"
            seen.add(current)
            current = by_nip[current].supervisor


def test_loadable_in_batches_of_500(demo):
    known: set[str] = set()
    for start in range(0, len(demo.people), 500):
        batch = demo.people[start:start + 500]
        in_batch = {p.nip for p in batch}
        for p in batch:
            assert p.supervisor is None or p.supervisor in known or p.supervisor in in_batch
        known |= in_batch


def test_one_head_per_agency_under_the_sekda(demo, by_nip, sekda):
    assert sekda.agency == "SETDA"
    assert sekda.position == "Sekretaris Daerah"
    assert demo.people[0] == sekda
    for agency in demo.agencies:
        people = [p for p in demo.people if p.agency == agency.code]
        if agency.code == "SETDA":
            outside = [p for p in people if p.supervisor is not None and by_nip[p.supervisor].agency != "SETDA"]
            assert outside == []
            continue
        heads = [p for p in people if p.supervisor is None or by_nip[p.supervisor].agency != agency.code]
        assert len(heads) == 1, f"{agency.code}: {len(heads)} people report outside the agency"
        assert heads[0].supervisor == sekda.nip, agency.code


def test_teachers_report_to_their_principal(demo, by_nip):
    teachers = [p for p in demo.people if p.agency == "DISDIK" and p.position.startswith("Guru")]
    assert len(teachers) > 800
    for t in teachers:
        head = by_nip[t.supervisor]
        assert head.position.startswith("Kepala Sekolah"), t
        assert head.unit == t.unit and head.agency == "DISDIK", t
    principals = [p for p in demo.people if p.agency == "DISDIK" and p.position.startswith("Kepala Sekolah")]
    school_units = {u.code for u in demo.units
                    if u.agency == "DISDIK" and u.name.startswith(("SD Negeri", "SMP Negeri"))}
    assert sorted(p.unit for p in principals) == sorted(school_units), "one principal per school"
    for p in principals:
        boss = by_nip[p.supervisor]
        assert boss.agency == "DISDIK" and boss.position.startswith("Kepala Bidang"), p


def test_puskesmas_staff_report_to_the_kepala_puskesmas(demo, by_nip):
    units = {u.code for u in demo.units if u.agency == "DINKES" and u.name.startswith("Puskesmas ")}
    staff = [p for p in demo.people if p.agency == "DINKES" and p.unit in units]
    assert staff
    for p in staff:
        if p.position.startswith("Kepala Puskesmas"):
            assert by_nip[p.supervisor].agency == "DINKES"
            continue
        boss = by_nip[p.supervisor]
        assert boss.position.startswith("Kepala Puskesmas") and boss.unit == p.unit, p


def test_sizes_and_shares(demo):
    assert 2800 <= len(demo.people) <= 3200
    counts = Counter(p.agency for p in demo.people)
    (largest, size), (_, second) = counts.most_common(2)
    assert largest == "DISDIK"
    assert 1000 <= size <= 1400
    assert size > 2 * second
    pns = sum(p.employment_type == "PNS" for p in demo.people) / len(demo.people)
    assert 0.75 <= pns <= 0.95


@pytest.mark.parametrize("seed", [1, 99, 31337])
def test_other_seeds_keep_the_rules(seed):
    data = build_demo(seed)
    assert 2800 <= len(data.people) <= 3200
    nips = [p.nip for p in data.people]
    assert len(set(nips)) == len(nips)
    for p in data.people:
        parse_nip(p.nip, p.employment_type)
    seen: set[str] = set()
    for p in data.people:
        assert p.supervisor is None or p.supervisor in seen
        seen.add(p.nip)
