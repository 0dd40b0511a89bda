"""Deterministic demo data for Kota Tanjungpinang: agencies, their unit trees and about 3,000 ASN with valid NIPs.

build_demo puts the city together from its parts in kinerja.demo.city, in a fixed order: the same seed gives the
same data on every run and machine."""

from __future__ import annotations

from kinerja.demo.city.builder import Builder
from kinerja.demo.city.health import build_dinkes, build_rsud
from kinerja.demo.city.kecamatan import KECAMATAN, build_kecamatan
from kinerja.demo.city.office_table import OFFICES
from kinerja.demo.city.offices import build_office
from kinerja.demo.city.records import CITY, DemoAgency, DemoData, DemoPerson, DemoUnit
from kinerja.demo.city.schools import build_disdik
from kinerja.demo.city.setda import build_setda

__all__ = ["CITY", "DemoAgency", "DemoData", "DemoPerson", "DemoUnit", "build_demo"]

# the offices built before DISDIK and DINKES; the rest of OFFICES follow them
FIRST_OFFICES = ("SETWAN", "INSPEKTORAT", "BAPPELITBANG", "BPKAD", "BAPENDA", "BKPSDM", "BPBD", "KESBANGPOL")


def build_demo(seed: int = 2025) -> DemoData:
    """Build the demo city: the same seed gives the same data on every run and machine."""
    b = Builder(seed)
    build_setda(b)
    specs = {spec.code: spec for spec in OFFICES}
    for code in FIRST_OFFICES:
        build_office(b, specs.pop(code))
    build_disdik(b)
    build_dinkes(b)
    for spec in specs.values():
        build_office(b, spec)
    build_rsud(b)
    for code, name, kelurahan in KECAMATAN:
        build_kecamatan(b, code, name, kelurahan)
    return DemoData(agencies=b.agencies, units=b.units, people=b.people)
