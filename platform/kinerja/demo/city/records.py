"""What the demo city is made of: its agencies, their units and its people (as the services take them)."""

from __future__ import annotations

from dataclasses import dataclass

# one person as the services take it
from kinerja.services.org.people import PersonData as DemoPerson

CITY = "Kota Tanjungpinang"

__all__ = ["CITY", "DemoAgency", "DemoData", "DemoPerson", "DemoUnit"]


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
