"""The distribution curve: docs/DOMAIN.md's rules as defaults, small-agency rounding, the words of a finding, and the YAML
file that replaces the rules, with errors naming the file, the line and the key."""

import os
import textwrap

import pytest

from kinerja.services.evaluation import curve
from kinerja.services.evaluation.curve import DEFAULT_RULES, CurveFileError, Rule, check, load_rules, rules_for

SB, B, BP, KM, SK = "SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG"


@pytest.mark.parametrize("rule, limits", [
    # a maximum: floor(p x N), the share then at most p % (a small unit may have none)
    (Rule((SB,), max_percent=70), {1: 0, 2: 1, 3: 2, 4: 2, 5: 3, 10: 7, 100: 70}),
    (Rule((SB,), max_percent=10), {1: 0, 3: 0, 9: 0, 10: 1, 19: 1, 20: 2, 35: 3}),
    (Rule((SB,), max_percent=0), {1: 0, 10: 0}),
    # "most": more than half, floor(p x N) + 1
    (Rule((SB,), more_than_percent=50), {0: 0, 1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 10: 6, 11: 6}),
    # a minimum: ceil(p x N)
    (Rule((BP,), min_percent=60), {1: 1, 3: 2, 5: 3, 10: 6, 11: 7}),
    (Rule((BP, KM), min_percent=10), {1: 1, 10: 1, 11: 2}),
    (Rule((BP, KM), min_count=1), {1: 1, 50: 1}),
])
def test_rounding_of_limits(rule, limits):
    assert {n: rule.limit(n) for n in limits} == limits


def test_a_maximum_in_words():
    findings = check(DEFAULT_RULES, "ISTIMEWA", {SB: 8, B: 2}, headcount=10)
    assert [f.message for f in findings] == [
        "SANGAT_BAIK 8 of 10 (80 %) exceeds the 70 % maximum for an ISTIMEWA agency: at most 7 of 10"]
    assert findings[0].is_maximum and (findings[0].count, findings[0].limit, findings[0].total) == (8, 7, 10)
    # a 3-person ISTIMEWA agency may have 2 SANGAT_BAIK, not 3
    assert check(DEFAULT_RULES, "ISTIMEWA", {SB: 2}, headcount=3) == []
    assert len(check(DEFAULT_RULES, "ISTIMEWA", {SB: 3}, headcount=3)) == 1


def test_the_default_rules_are_domain_tables():
    everyone = {SB: 2, B: 2, BP: 2, KM: 2, SK: 2}  # 20 % each of 10
    messages = {org: [f.message.split(" for ")[0] for f in check(DEFAULT_RULES, org, everyone, 10)]
                for org in curve.ORG_PREDIKATS}
    assert messages == {
        "ISTIMEWA": ["SANGAT_BAIK 2 of 10 (20 %) falls short of more than 50 %"],
        "BAIK": ["BAIK 2 of 10 (20 %) falls short of more than 50 %"],
        "BUTUH_PERBAIKAN": ["SANGAT_BAIK 2 of 10 (20 %) exceeds the 10 % maximum",
                            "BUTUH_PERBAIKAN 2 of 10 (20 %) falls short of the 60 % minimum"],
        "KURANG": ["SANGAT_BAIK 2 of 10 (20 %) exceeds the 10 % maximum",
                   "KURANG_MISCONDUCT 2 of 10 (20 %) falls short of the 60 % minimum"],
        "SANGAT_KURANG": ["SANGAT_BAIK 2 of 10 (20 %) exceeds the 0 % maximum",
                          "SANGAT_KURANG 2 of 10 (20 %) falls short of the 60 % minimum"],
    }
    assert [f.message for f in check(DEFAULT_RULES, "BAIK", {B: 8, SB: 2}, 10)] == [
        "BAIK 8 of 10 (80 %) exceeds the 70 % maximum for a BAIK agency: at most 7 of 10",
        "BUTUH_PERBAIKAN + KURANG_MISCONDUCT 0 of 10 (0 %) falls short of the minimum of 1 for a BAIK agency: "
        "at least 1 of 10"]
    assert [f.message for f in check(DEFAULT_RULES, "SANGAT_KURANG", {SK: 2, B: 5}, 10)] == [
        "SANGAT_KURANG 2 of 10 (20 %) falls short of the 60 % minimum for a SANGAT_KURANG agency: at least 6 of 10, "
        "and only 3 not yet rated"]
    assert check(DEFAULT_RULES, "SANGAT_KURANG", {SK: 3, B: 4}, 10) == []  # 3 unrated could still make 6


def test_most_means_more_than_half():
    """ISTIMEWA needs most SANGAT_BAIK, BAIK most BAIK (SE MenPANRB 3/2023): one SANGAT_BAIK of ten in an ISTIMEWA
    agency is reported once nobody is left to rate; exactly half is not most."""
    (finding,) = check(DEFAULT_RULES, "ISTIMEWA", {SB: 1, B: 9}, 10)
    assert (finding.limit, finding.message) == (6, "SANGAT_BAIK 1 of 10 (10 %) falls short of more than 50 % for "
                                                   "an ISTIMEWA agency: at least 6 of 10")
    assert len(check(DEFAULT_RULES, "ISTIMEWA", {SB: 5, B: 5}, 10)) == 1  # half is not most
    assert check(DEFAULT_RULES, "ISTIMEWA", {SB: 6, B: 4}, 10) == []
    assert check(DEFAULT_RULES, "ISTIMEWA", {SB: 1, B: 4}, 10) == []  # 5 not yet rated could still make 6
    assert [f.rule.predikat for f in check(DEFAULT_RULES, "BAIK", {B: 5, BP: 5}, 10)] == [(B,)]
    assert check(DEFAULT_RULES, "BAIK", {B: 6, SB: 3, BP: 1}, 10) == []


@pytest.mark.parametrize("n, allowed", [(5, 0), (6, 0), (9, 0), (10, 1), (19, 1), (20, 2)])
def test_a_small_butuh_perbaikan_unit_may_not_round_ten_percent_up(n, allowed):
    """One SANGAT_BAIK of 5-9 is 11-20 %, over the 10 % maximum: a breach (it needs a written justification)."""
    assert check(DEFAULT_RULES, "BUTUH_PERBAIKAN", {SB: allowed, BP: n - allowed}, n) == []
    (finding,) = check(DEFAULT_RULES, "BUTUH_PERBAIKAN", {SB: allowed + 1, BP: n - allowed - 1}, n)
    assert finding.is_maximum and finding.limit == allowed


@pytest.mark.parametrize("n, most", [(1, 1), (2, 2), (3, 2), (4, 3)])
def test_in_a_tiny_istimewa_unit_most_wins_over_the_maximum(n, most):
    """"Most, at most 70 %": for one or two people the maximum (floor 0.7, 1.4) is below "more than half" (1, 2), and
    the maximum is raised to it, so the unit can keep both."""
    assert check(DEFAULT_RULES, "ISTIMEWA", {SB: most, B: n - most}, n) == []
    if most < n:
        (finding,) = check(DEFAULT_RULES, "ISTIMEWA", {SB: n}, n)
        assert finding.is_maximum


def test_minimums_wait_for_the_people_not_yet_rated():
    # 60 % of 10 BUTUH_PERBAIKAN: 6 needed; 2 so far with 4 unrated could still make it, with 3 unrated not
    assert check(DEFAULT_RULES, "BUTUH_PERBAIKAN", {BP: 2, B: 4}, 10) == []
    (finding,) = check(DEFAULT_RULES, "BUTUH_PERBAIKAN", {BP: 2, B: 5}, 10)
    assert not finding.is_maximum and finding.pending == 3
    # more rated than the headcount (people moved on): the rated are the denominator
    (finding,) = check(DEFAULT_RULES, "ISTIMEWA", {SB: 8, B: 2}, 5)
    assert finding.total == 10 and finding.limit == 7


def test_no_rules_no_findings():
    assert check({}, "ISTIMEWA", {SB: 10}, 10) == []


# -- the YAML file ------------------------------------------------------------------------------------

BASE_YAML = """\
ISTIMEWA:
  - {predikat: SANGAT_BAIK, max_percent: 70}
BAIK:
  - {predikat: BAIK, max_percent: 70}
  - {predikat: [BUTUH_PERBAIKAN, KURANG_MISCONDUCT], min_count: 1}
BUTUH_PERBAIKAN:
  - {predikat: SANGAT_BAIK, max_percent: 10}
  - {predikat: BUTUH_PERBAIKAN, min_percent: 60}
KURANG:
  - {predikat: SANGAT_BAIK, max_percent: 10}
  - {predikat: BUTUH_PERBAIKAN, min_percent: 10}
  - {predikat: KURANG_MISCONDUCT, min_percent: 60}
SANGAT_KURANG:
  - {predikat: SANGAT_BAIK, max_percent: 0}
  - {predikat: [BUTUH_PERBAIKAN, KURANG_MISCONDUCT], min_percent: 10}
  - {predikat: SANGAT_KURANG, min_percent: 60}
"""


# a valid file of the earlier rules (the error tests below count its lines), and the defaults as a file
DEFAULTS_YAML = (BASE_YAML.replace("ISTIMEWA:\n", "ISTIMEWA:\n  - {predikat: SANGAT_BAIK, more_than_percent: 50}\n")
                 .replace("BAIK:\n  - {predikat: BAIK,", "BAIK:\n  - {predikat: BAIK, more_than_percent: 50}\n"
                                                       "  - {predikat: BAIK,"))


def write(tmp_path, text, name="curve.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_defaults_written_as_a_file_read_back_the_same(tmp_path):
    assert load_rules(write(tmp_path, DEFAULTS_YAML)) == DEFAULT_RULES


def test_a_file_replaces_the_defaults(tmp_path):
    path = write(tmp_path, BASE_YAML.replace("max_percent: 70}\nBAIK", "max_percent: 50}\nBAIK")
                 .replace("SANGAT_KURANG:\n  - {predikat: SANGAT_BAIK, max_percent: 0}", "SANGAT_KURANG:"))
    rules = load_rules(path)
    assert rules["ISTIMEWA"] == (Rule((SB,), max_percent=50),)
    assert rules["SANGAT_KURANG"] == DEFAULT_RULES["SANGAT_KURANG"][1:]
    assert [f.message for f in check(rules, "ISTIMEWA", {SB: 3}, 5)][0].startswith("SANGAT_BAIK 3 of 5 (60 %) exceeds")


@pytest.mark.parametrize("change, expected", [
    (("ISTIMEWA:", "ISTIMEWAA:"), ["1: ISTIMEWAA: unknown key 'ISTIMEWAA'", "1: ISTIMEWA: missing required key"]),
    (("  - {predikat: SANGAT_BAIK, max_percent: 70}", "  - {predikat: SANGAT_BAGUS, max_percent: 70}"),
     ["2: ISTIMEWA.0.predikat: must be one of SANGAT_BAIK, BAIK"]),
    (("max_percent: 70}\nBAIK", "max_percent: 170}\nBAIK"),
     ["2: ISTIMEWA.0.max_percent: must be a percentage from 0 to 100, got 170"]),
    (("min_count: 1}", "min_count: 1.5}"), ["5: BAIK.1.min_count: must be a whole number of at least 0, got 1.5"]),
    (("min_count: 1}", "min_count: 1, max_percent: 3}"),
     ["5: BAIK.1: give exactly one of max_percent, min_percent, more_than_percent, min_count, not max_percent and "
      "min_count"]),
    (("{predikat: BAIK, max_percent: 70}", "{predikat: BAIK}"),
     ["4: BAIK.0: give exactly one of max_percent, min_percent, more_than_percent, min_count"]),
    (("{predikat: BAIK, max_percent: 70}", "{predikat: BAIK, maks: 70}"), ["4: BAIK.0.maks: unknown key 'maks'",
                                                                         "4: BAIK.0: give exactly one of"]),
    (("{predikat: BAIK, max_percent: 70}", "{max_percent: 70}"), ["4: BAIK.0.predikat: missing required key"]),
    (("[BUTUH_PERBAIKAN, KURANG_MISCONDUCT], min_count", "[BUTUH_PERBAIKAN, BUTUH_PERBAIKAN], min_count"),
     ["5: BAIK.1.predikat.1: BUTUH_PERBAIKAN appears twice"]),
    (("[BUTUH_PERBAIKAN, KURANG_MISCONDUCT], min_count", "[], min_count"),
     ["5: BAIK.1.predikat: must name at least one predikat"]),
    (("KURANG:\n  - {predikat: SANGAT_BAIK, max_percent: 10}\n  - {predikat: BUTUH_PERBAIKAN, min_percent: 10}\n"
      "  - {predikat: KURANG_MISCONDUCT, min_percent: 60}", "KURANG: none"), ["9: KURANG: must be a list"]),
    (("max_percent: 70}\nBAIK", "max_percent: seventy}\nBAIK"),
     ["2: ISTIMEWA.0.max_percent: must be a percentage from 0 to 100, got 'seventy'"]),
])
def test_file_errors_name_the_file_line_and_key(tmp_path, change, expected):
    old, new = change
    assert old in BASE_YAML
    path = write(tmp_path, BASE_YAML.replace(old, new, 1))
    with pytest.raises(CurveFileError) as caught:
        load_rules(path)
    messages = [str(e) for e in caught.value.errors]
    assert len(messages) == len(expected), messages
    for message, part in zip(messages, expected):
        assert message.startswith(f"{path}:") and part in message, (message, part)
    assert str(path) in str(caught.value)


def test_unreadable_empty_and_broken_files(tmp_path):
    for text, expected in [("", "the file is empty"), ("ISTIMEWA: [\n", "YAML does not parse"),
                           ("- 1\n- 2\n", "must be a mapping")]:
        path = write(tmp_path, text)
        with pytest.raises(CurveFileError, match=expected) as caught:
            load_rules(path)
        assert str(caught.value.errors[0]).startswith(str(path))
    with pytest.raises(CurveFileError, match="cannot read"):
        load_rules(tmp_path / "missing.yaml")
    with pytest.raises(CurveFileError, match="missing.yaml: cannot read"):
        rules_for(tmp_path / "missing.yaml")


def test_rules_for_settings_reads_the_file_again_when_it_changes(tmp_path):
    assert rules_for(None) is DEFAULT_RULES
    path = write(tmp_path, DEFAULTS_YAML)
    assert rules_for(path) == DEFAULT_RULES and rules_for(path) is rules_for(path)
    path.write_text(DEFAULTS_YAML.replace("max_percent: 70}\nBAIK", "max_percent: 40}\nBAIK"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert rules_for(path)["ISTIMEWA"] == (Rule((SB,), more_than_percent=50), Rule((SB,), max_percent=40))
