"""The builder of the demo city: agencies, units with unique codes, and people with valid NIPs, drawn from one
random.Random in call order (the same calls give the same city)."""

from __future__ import annotations

import datetime as dt
import random

from kinerja.demo.city.names import full_name, plain_name
from kinerja.demo.city.records import DemoAgency, DemoPerson, DemoUnit
from kinerja.demo.city.titles import LEADERS, MANUAL, Style, dress
from kinerja.demo.city.unit_codes import long_code, unit_code
from kinerja.services.core.nip import PNS, PPPK

# Ages, jenjang and appointment dates are worked out against this year, never against the clock.
REFERENCE_YEAR = 2025
LAST_APPOINTMENT = (2024, 12)
# level -> birth years (PNS)
BIRTH_YEARS = {
    "head": (1966, 1975),
    "senior": (1967, 1977),
    "admin": (1968, 1982),
    "super": (1970, 1989),
    "principal": (1967, 1983),
    "staff": (1967, 2000),
}


class Builder:
    """Collects the city as it is built; `sekda` is the NIP of the Sekretaris Daerah, every agency head's
    supervisor."""

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
        base = code or unit_code(name)
        if base in used and code is None:
            base = long_code(name)
        code, n = base, 2
        while code in used:
            code = f"{base[:29]}-{n}"
            n += 1
        used[code] = name
        self.units.append(DemoUnit(agency=agency, code=code, name=name, parent=parent))
        return code

    def person(self, agency: str, unit: str, position: str, supervisor: str | None, level: str = "staff",
               style: Style | None = None) -> str:
        rng = self.rng
        style = style or Style()
        female = rng.random() < style.female and not position.startswith(MANUAL)
        pppk = level not in LEADERS and rng.random() < style.pppk
        lo, hi = BIRTH_YEARS[level]
        if pppk:
            lo, hi = max(lo, 1975), min(hi, 1998)
        year = rng.randint(lo, hi)
        birth = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(366 if year % 4 == 0 else 365))
        age = REFERENCE_YEAR - year
        position, prefix, suffix = dress(rng, position, level, age, year, female, pppk, style)
        name = full_name(plain_name(rng, female), prefix, suffix)
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
              style: Style) -> None:
        for _ in range(count):
            self.person(agency, unit, self.rng.choice(positions), supervisor, "staff", style)
