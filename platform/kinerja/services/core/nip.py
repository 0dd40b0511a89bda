"""NIP (Nomor Induk Pegawai) normalisation and validation, as docs/DOMAIN.md describes it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinerja.services.core import clock

PNS = "PNS"
PPPK = "PPPK"


class InvalidNip(ValueError):
    """The NIP breaks one of the rules; the message says which."""


@dataclass(frozen=True)
class Nip:
    value: str
    birth_date: dt.date
    gender: int  # 1 male, 2 female
    sequence: int


def normalize_nip(raw: str) -> str:
    """Strip spaces and dots, the separators people write NIPs with."""
    return "".join(ch for ch in str(raw) if ch not in " .\t")


def parse_nip(raw: str, employment_type: str = PNS) -> Nip:
    """Return the parsed NIP or raise InvalidNip naming the broken rule.

    PNS: YYYYMMDD birth date, YYYYMM appointment after the birth date, gender 1 or 2,
    sequence 001-999. PPPK: digits 9-14 are the appointment year and a two-digit field, so only
    the year is checked against the birth date.
    """
    value = normalize_nip(raw)
    if not (value.isascii() and value.isdigit()):
        raise InvalidNip("NIP may contain only digits (spaces and dots are ignored)")
    if len(value) != 18:
        raise InvalidNip(f"NIP must have 18 digits, got {len(value)}")
    try:
        birth = dt.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise InvalidNip(f"NIP digits 1-8 are not a real birth date: {value[0:8]}") from None
    if birth.year < 1900 or birth > clock.today():
        raise InvalidNip(f"NIP birth date {birth.isoformat()} is not plausible")
    year = int(value[8:12])
    if employment_type == PNS:
        month = int(value[12:14])
        if not 1 <= month <= 12:
            raise InvalidNip(f"NIP digits 9-14 are not a real appointment month: {value[8:14]}")
        if (year, month) <= (birth.year, birth.month):
            raise InvalidNip("NIP appointment month must come after the birth date")
    elif employment_type == PPPK:
        if year <= birth.year:
            raise InvalidNip("NIP appointment year must come after the birth year")
    else:
        raise InvalidNip(f"unknown employment type {employment_type!r}")
    gender = int(value[14])
    if gender not in (1, 2):
        raise InvalidNip(f"NIP digit 15 (gender) must be 1 or 2, got {gender}")
    sequence = int(value[15:18])
    if sequence == 0:
        raise InvalidNip("NIP sequence (digits 16-18) must be 001-999")
    return Nip(value=value, birth_date=birth, gender=gender, sequence=sequence)
