"""Indicator drafts (issue 18) through the real app: an agency drafts, BKPSDM approves, the indicator computes at
once; edits keep every version; the previews; each bad input a UserError with its code and path, nothing written.
SQLite and PostgreSQL."""

from __future__ import annotations

from kinerja.models import AuditEvent, Indicator, IndicatorDraft, IndicatorVersion, Measurement
from world import NURSE

from seeded import table_counts

DRAFT_FIELDS = "id code fullCode status version changesIndicator baseVersion yaml note approvedVersion"
SAVE = f"""mutation($a: String!, $y: String!, $id: Int, $v: Int) {{
  saveIndicatorDraft(input: {{agency: $a, yaml: $y, id: $id}}, version: $v) {{
    draft {{ {DRAFT_FIELDS} }} errors {{ path code message }} }} }}"""
SUBMIT = f"""mutation($id: Int!, $v: Int) {{ submitIndicatorDraft(id: $id, version: $v) {{
  draft {{ {DRAFT_FIELDS} }} errors {{ path code message }} }} }}"""
APPROVE = f"""mutation($id: Int!, $v: Int) {{ approveIndicatorDraft(id: $id, version: $v) {{
  draft {{ {DRAFT_FIELDS} }} errors {{ path code message }} }} }}"""
REJECT = f"""mutation($id: Int!, $n: String!, $v: Int) {{ rejectIndicatorDraft(id: $id, note: $n, version: $v) {{
  draft {{ {DRAFT_FIELDS} }} errors {{ path code message }} }} }}"""
SET = """mutation($input: [TargetInput!]!) { setTargets(input: $input) {
  targets { id } errors { path code message } } }"""
RECORD = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) {
  measurements { id value achievement suggestedRating specVersion } errors { path code message } } }"""
STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }"
HISTORY = """query($c: String!, $f: String!, $t: String!) { indicatorHistory(code: $c) {
  code origin active version versions { version origin draftedBy approvedBy current yaml }
  diff(from: $f, to: $t) { changes { path before after } text } } }"""

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


async def approved(api, world, text: str = IMMUNISATION) -> dict:
    saved = (await api.gql(SAVE, world.dinkes_admin, a="DINKES", y=text))["saveIndicatorDraft"]
    assert saved["errors"] == [], saved
    d = saved["draft"]
    sub = (await api.gql(SUBMIT, world.dinkes_admin, id=d["id"], v=d["version"]))["submitIndicatorDraft"]
    assert sub["errors"] == [] and sub["draft"]["status"] == "SUBMITTED", sub
    ok = (await api.gql(APPROVE, world.admin, id=d["id"], v=sub["draft"]["version"]))["approveIndicatorDraft"]
    assert ok["errors"] == [] and ok["draft"]["status"] == "APPROVED", ok
    return ok["draft"]


async def test_a_drafted_indicator_is_approved_and_measured_at_once(api, world):
    draft = await approved(api, world)
    indicator = await Indicator.get(full_code="DINKES.IMUNISASI")
    assert (indicator.origin, indicator.active, indicator.version) == ("console", True, draft["approvedVersion"])
    target = (await api.gql(SET, world.dinkes_admin, input=[{
        "cycle": 2025, "indicator": "DINKES.IMUNISASI", "nip": NURSE, "workResult": "Imunisasi dasar lengkap",
        "value": 95}]))["setTargets"]
    assert target["errors"] == [], target
    await api.gql(STATUS, world.admin, s="ACTIVE")
    rec = (await api.gql(RECORD, world.nurse, input=[{"target": target["targets"][0]["id"], "period": "2025-Q1",
                                                      "inputs": {"diimunisasi": 190, "sasaran": 200}}]))
    m = rec["recordMeasurements"]
    assert m["errors"] == [], m
    assert (m["measurements"][0]["value"], m["measurements"][0]["achievement"],
            m["measurements"][0]["suggestedRating"]) == (95.0, 100.0, "SESUAI_EKSPEKTASI")
    assert m["measurements"][0]["specVersion"] == draft["approvedVersion"]

    # an edit of the thresholds: a new version; the old measurement keeps the version that computed it
    edited = IMMUNISATION.replace("rating: {above: 105, meets: 95}", "rating: {above: 110, meets: 101}")
    second = await approved(api, world, edited)
    assert second["changesIndicator"] is True and second["baseVersion"] == draft["approvedVersion"]
    assert (await Measurement.get(id=m["measurements"][0]["id"])).spec_version == draft["approvedVersion"]
    history = (await api.gql(HISTORY, world.dinkes_admin, c="DINKES.IMUNISASI", f=draft["approvedVersion"],
                             t=second["approvedVersion"]))["indicatorHistory"]
    assert [v["current"] for v in history["versions"]] == [False, True]
    assert {(c["path"], c["before"], c["after"]) for c in history["diff"]["changes"]} == {
        ("rating.above", 105.0, 110.0), ("rating.meets", 95.0, 101.0)}
    assert any(line.startswith("+rating") for line in history["diff"]["text"])
    assert await AuditEvent.filter(action="indicator_draft.approve").count() == 2


async def test_an_approval_by_a_non_admin_is_refused_and_writes_nothing(api, world):
    saved = (await api.gql(SAVE, world.dinkes_admin, a="DINKES", y=IMMUNISATION))["saveIndicatorDraft"]["draft"]
    sub = (await api.gql(SUBMIT, world.dinkes_admin, id=saved["id"], v=saved["version"]))["submitIndicatorDraft"]
    before = await table_counts()
    refused = (await api.gql(APPROVE, world.dinkes_admin, id=saved["id"], v=sub["draft"]["version"]))
    assert refused["approveIndicatorDraft"]["errors"] == [
        {"path": ["id"], "code": "FORBIDDEN", "message": "only ADMIN (BKPSDM) approves indicator drafts"}]
    assert await table_counts() == before
    assert await IndicatorVersion.filter(indicator__full_code="DINKES.IMUNISASI").count() == 0
    assert (await IndicatorDraft.get(id=saved["id"])).status == "SUBMITTED"
