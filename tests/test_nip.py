"""NIP rules of docs/DOMAIN.md: normalisation, the PNS form, the lenient PPPK form."""

import datetime as dt

import pytest

from kinerja.services.core.nip import PNS, PPPK, InvalidNip, Nip, normalize_nip, parse_nip

VALID = "198001012005011001"


def test_valid_pns_nip_is_parsed_into_its_parts():
    assert parse_nip(VALID) == Nip(value=VALID, birth_date=dt.date(1980, 1, 1), gender=1, sequence=1)


def test_female_pns_nip_with_high_sequence():
    parsed = parse_nip("199512312020122999", PNS)
    assert (parsed.birth_date, parsed.gender, parsed.sequence) == (dt.date(1995, 12, 31), 2, 999)


@pytest.mark.parametrize("raw", [
    "19800101 200501 1 001",
    "19800101.200501.1.001",
    " 19800101. 200501 .1.001 ",
    "1980.01.01 2005.01 1 001",
])
def test_spaces_and_dots_are_stripped(raw):
    assert normalize_nip(raw) == VALID
    assert parse_nip(raw).value == VALID


@pytest.mark.parametrize("raw, rule", [
    ("19800101200501100", "must have 18 digits, got 17"),
    ("1980010120050110011", "must have 18 digits, got 19"),
    ("", "only digits"),
    ("19800101200501100A", "only digits"),
    ("1980010120050110-1", "only digits"),
    ("198002312005011001", "not a real birth date: 19800231"),
    ("198013012005011001", "not a real birth date"),
    ("198001002005011001", "not a real birth date"),
    ("189912312005011001", "not plausible"),
    ("299901012005011001", "not plausible"),
    ("198001012005131001", "not a real appointment month: 200513"),
    ("198001012005001001", "not a real appointment month: 200500"),
    ("198001011979121001", "appointment month must come after the birth date"),
    ("198005151980051001", "appointment month must come after the birth date"),
    ("198001012005013001", "gender\\) must be 1 or 2, got 3"),
    ("198001012005010001", "gender\\) must be 1 or 2, got 0"),
    ("198001012005011000", "sequence"),
])
def test_invalid_pns_nip_names_the_broken_rule(raw, rule):
    with pytest.raises(InvalidNip, match=rule):
        parse_nip(raw, PNS)


def test_appointment_the_month_after_birth_is_accepted():
    assert parse_nip("198005151980061001").birth_date == dt.date(1980, 5, 15)


def test_pppk_lenient_form_is_valid_for_pppk_only():
    parsed = parse_nip("198507152023212001", PPPK)
    assert parsed == Nip(value="198507152023212001", birth_date=dt.date(1985, 7, 15), gender=2, sequence=1)
    with pytest.raises(InvalidNip, match="appointment month: 202321"):
        parse_nip("198507152023212001", PNS)


def test_pppk_appointment_year_must_follow_birth_year():
    with pytest.raises(InvalidNip, match="appointment year must come after the birth year"):
        parse_nip("198507151985212001", PPPK)


@pytest.mark.parametrize("raw, rule", [
    ("198507152023213001", "got 3"),
    ("198507152023212000", "sequence"),
    ("198507312023212001x", "only digits"),
    ("198502302023212001", "not a real birth date"),
])
def test_pppk_still_checks_date_gender_and_sequence(raw, rule):
    with pytest.raises(InvalidNip, match=rule):
        parse_nip(raw, PPPK)


def test_unknown_employment_type_is_rejected():
    with pytest.raises(InvalidNip, match="unknown employment type 'HONORER'"):
        parse_nip(VALID, "HONORER")


def test_default_employment_type_is_pns():
    with pytest.raises(InvalidNip, match="appointment month"):
        parse_nip("198507152023212001")


@pytest.mark.parametrize("raw", [
    "19800101200501100\u00b2",                       # superscript two: str.isdigit() but not a digit 0-9
    "\uff11\uff19\uff18\uff10\uff10\uff11\uff10\uff11\uff12\uff10\uff10\uff15\uff10\uff11\uff11\uff10\uff10\uff11",
    "\u0661\u0669\u0668\u0660\u0660\u0661\u0660\u0661\u0662\u0660\u0660\u0665\u0660\u0661\u0661\u0660\u0660\u0661",
], ids=["superscript", "fullwidth", "arabic-indic"])
def test_non_ascii_digits_are_rejected_as_invalid_nip(raw):
    # a NIP is 18 ASCII digits; anything else must be an InvalidNip (never a plain ValueError,
    # never accepted and stored as a second spelling of the same NIP)
    with pytest.raises(InvalidNip):
        parse_nip(raw)
