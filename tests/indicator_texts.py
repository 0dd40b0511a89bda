"""Indicator drafts the tests of issue 18 share (tests/test_indicator_drafts.py, test_cli_specs.py,
test_workers_see_approvals.py): one DINKES immunisation indicator as a console draft's YAML."""

IMMUNISATION = """code: IMUNISASI
name: Cakupan imunisasi dasar lengkap
unit: persen
direction: higher_is_better
level: person
periods: [quarter, year]
inputs:
  diimunisasi: {type: integer, min: 0, label: Bayi diimunisasi lengkap}
  sasaran: {type: integer, min: 1, label: Bayi sasaran}
checks: ["diimunisasi <= sasaran"]
formula: diimunisasi / sasaran * 100
target: 95
rating: {above: 105, meets: 95}
"""
