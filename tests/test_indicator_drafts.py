"""Indicator drafts (issue 18) through the real app: an agency drafts, BKPSDM approves, the indicator computes at
once; edits keep every version; the previews; each bad input a UserError with its code and path, nothing written.
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from kinerja.models import AuditEvent, Indicator, IndicatorDraft, IndicatorVersion, Measurement
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.core.errors import InputError
from kinerja.services.indicators import drafts as service
from kinerja.services.indicators.catalog import Catalog
from world import NURSE
from indicator_texts import IMMUNISATION

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
    # who approved (ADMIN's token, of no agency) is hidden from the agency as the audit trail hides it; who drafted
    # (the agency's own admin token) is not
    assert {v["approvedBy"] for v in history["versions"]} == {"token:hidden"}
    assert all(v["draftedBy"].startswith("token:") and v["draftedBy"] != "token:hidden" for v in history["versions"])
    as_admin = (await api.gql(HISTORY, world.admin, c="DINKES.IMUNISASI", f=draft["approvedVersion"],
                              t=second["approvedVersion"]))["indicatorHistory"]
    assert all(v["approvedBy"] != "token:hidden" for v in as_admin["versions"])
    assert {(c["path"], c["before"], c["after"]) for c in history["diff"]["changes"]} == {
        ("rating.above", 105.0, 110.0), ("rating.meets", 95.0, 101.0)}
    assert any(line.startswith("+rating") for line in history["diff"]["text"])
    assert await AuditEvent.filter(action="indicator_draft.approve").count() == 2

    # the versions as people read them (issue 19 §4): numbered in order, dated; the old measurement says 1
    stamps = await api.gql("""query($p: String!) { indicators { code version versionStamp { number since } }
      measurements(period: $p) { specVersion specVersionStamp { number since } } }""", world.dinkes_admin,
                           p="2025-Q1")
    current = next(i for i in stamps["indicators"] if i["code"] == "DINKES.IMUNISASI")
    assert current["version"] == second["approvedVersion"] and current["versionStamp"]["number"] == 2
    [measured] = [x for x in stamps["measurements"] if x["specVersion"] == draft["approvedVersion"]]
    assert measured["specVersionStamp"]["number"] == 1
    assert measured["specVersionStamp"]["since"] <= current["versionStamp"]["since"]


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


def replaced(old: str, new: str) -> str:
    assert old in IMMUNISATION
    return IMMUNISATION.replace(old, new)


CALCULATED = """code: APM_UJI
name: Angka partisipasi murni uji
unit: persen
direction: higher_is_better
level: unit
periods: [year]
inputs:
  pupils_in_band: {type: integer, min: 0}
calculator: pendidikan.apm
"""


@pytest.mark.parametrize("agency,text,path,code", [
    ("DINKES", replaced("formula: diimunisasi / sasaran * 100", "formula: diimunisasi / bayi * 100"),
     ["input", "yaml", "formula"], "UNKNOWN_INPUT"),
    ("DINKES", replaced('checks: ["diimunisasi <= sasaran"]', 'checks: ["sasaran < 0"]'),
     ["input", "yaml", "checks", "0"], "CHECK_NEVER_HOLDS"),
    ("DINKES", replaced("formula: diimunisasi / sasaran * 100", "calculator: dinkes.tidak_ada"),
     ["input", "yaml", "calculator"], "UNKNOWN_CALCULATOR"),
    ("DISDIK", CALCULATED, ["input", "yaml", "inputs"], "MISSING_CALCULATOR_INPUTS"),
    ("DISDIK", IMMUNISATION, ["input", "agency"], "FORBIDDEN"),  # another agency's namespace
    ("DINKES", replaced("code: IMUNISASI", "code: KELULUSAN"), None, None),  # DINKES has no file KELULUSAN: fine
])
async def test_each_bad_draft_is_a_user_error_at_its_path_and_writes_nothing(api, world, agency, text, path, code):
    before = await table_counts()
    token = world.admin if (agency, code) == ("DISDIK", "MISSING_CALCULATOR_INPUTS") else world.dinkes_admin
    answer = (await api.gql(SAVE, token, a=agency, y=text))["saveIndicatorDraft"]
    if code is None:
        assert answer["errors"] == [] and answer["draft"]["fullCode"] == "DINKES.KELULUSAN"
        return
    assert answer["draft"] is None
    assert [(e["path"], e["code"]) for e in answer["errors"]] == [(path, code)], answer
    assert await table_counts() == before


async def test_a_code_a_file_defines_cannot_be_drafted(api, world):
    before = await table_counts()
    text = replaced("code: IMUNISASI", "code: KELULUSAN")
    answer = (await api.gql(SAVE, world.disdik_admin, a="DISDIK", y=text))["saveIndicatorDraft"]
    assert [(e["path"], e["code"]) for e in answer["errors"]] == [(["input", "yaml", "code"], "CODE_FROM_FILE")]
    assert await table_counts() == before


async def test_a_stale_version_is_refused_and_nothing_is_written(api, world):
    d = (await api.gql(SAVE, world.dinkes_admin, a="DINKES", y=IMMUNISATION))["saveIndicatorDraft"]["draft"]
    again = (await api.gql(SAVE, world.dinkes_admin, a="DINKES", y=replaced("target: 95", "target: 96"), id=d["id"],
                           v=d["version"]))["saveIndicatorDraft"]
    assert again["errors"] == [] and again["draft"]["version"] == d["version"] + 1
    before = await table_counts()
    for query, variables in ((SAVE, dict(a="DINKES", y=IMMUNISATION, id=d["id"], v=d["version"])),
                             (SUBMIT, dict(id=d["id"], v=d["version"])),
                             (SAVE, dict(a="DINKES", y=IMMUNISATION, id=d["id"], v=None))):
        answer = next(iter((await api.gql(query, world.dinkes_admin, **variables)).values()))
        assert [(e["path"], e["code"]) for e in answer["errors"]] in (
            [(["version"], "STALE_VERSION")], [(["version"], "REQUIRED")]), answer
    assert await table_counts() == before
    assert (await IndicatorDraft.get(id=d["id"])).yaml.count("target: 96") == 1


async def test_rejection_needs_a_note_and_sends_the_draft_back(api, world):
    d = (await api.gql(SAVE, world.dinkes_admin, a="DINKES", y=IMMUNISATION))["saveIndicatorDraft"]["draft"]
    d = (await api.gql(SUBMIT, world.dinkes_admin, id=d["id"], v=d["version"]))["submitIndicatorDraft"]["draft"]
    empty = (await api.gql(REJECT, world.admin, id=d["id"], n="  ", v=d["version"]))["rejectIndicatorDraft"]
    assert [(e["path"], e["code"]) for e in empty["errors"]] == [(["note"], "REQUIRED")]
    refused = (await api.gql(REJECT, world.dinkes_admin, id=d["id"], n="tidak", v=d["version"]))
    assert [e["code"] for e in refused["rejectIndicatorDraft"]["errors"]] == ["FORBIDDEN"]
    done = (await api.gql(REJECT, world.admin, id=d["id"], n="Sasaran tidak jelas", v=d["version"]))
    r = done["rejectIndicatorDraft"]["draft"]
    assert (r["status"], r["note"]) == ("REJECTED", "Sasaran tidak jelas")
    # changed and submitted again; nothing was approved meanwhile
    saved = (await api.gql(SAVE, world.dinkes_admin, a="DINKES", y=replaced("target: 95", "target: 90"), id=r["id"],
                           v=r["version"]))["saveIndicatorDraft"]["draft"]
    assert saved["status"] == "DRAFT"
    assert not await Indicator.filter(full_code="DINKES.IMUNISASI").exists()


async def test_an_approval_begun_on_an_older_version_is_stale(api, world):
    first = await approved(api, world)
    a = (await api.gql(SAVE, world.dinkes_admin, a="DINKES", y=replaced("target: 95", "target: 90")))
    a = a["saveIndicatorDraft"]["draft"]
    assert a["baseVersion"] == first["approvedVersion"]
    # a second open draft of the same indicator is refused: one draft an indicator at a time
    dup = (await api.gql(SAVE, world.dinkes_admin, a="DINKES", y=replaced("target: 95", "target: 91")))
    assert [(e["path"], e["code"]) for e in dup["saveIndicatorDraft"]["errors"]] == [
        (["input", "yaml", "code"], "DUPLICATE_DRAFT")]
    # the same content as the current version: nothing to approve
    same = (await api.gql(SAVE, world.dinkes_admin, a="DINKES", y=IMMUNISATION, id=a["id"], v=a["version"]))
    same = (await api.gql(SUBMIT, world.dinkes_admin, id=a["id"], v=same["saveIndicatorDraft"]["draft"]["version"]))
    s = same["submitIndicatorDraft"]["draft"]
    before = await table_counts()
    no = (await api.gql(APPROVE, world.admin, id=s["id"], v=s["version"]))["approveIndicatorDraft"]
    assert [(e["path"], e["code"]) for e in no["errors"]] == [(["id"], "NO_CHANGE")]
    # the indicator moves on meanwhile (its base is no longer current): STALE_BASE
    indicator = await Indicator.get(full_code="DINKES.IMUNISASI")
    await Indicator.filter(id=indicator.id).update(version="0" * 16)
    stale = (await api.gql(APPROVE, world.admin, id=s["id"], v=s["version"]))["approveIndicatorDraft"]
    assert [(e["path"], e["code"]) for e in stale["errors"]] == [(["id"], "STALE_BASE")]
    await Indicator.filter(id=indicator.id).update(version=indicator.version)
    assert await table_counts() == before


async def test_the_draft_limit_per_agency(api, world):
    """KINERJA_MAX_INDICATOR_DRAFTS reaches the service as `limit` (graphql/indicator_drafts.py); here it is 2."""
    texts = [replaced("code: IMUNISASI", f"code: IMUN_{n}") for n in range(3)]
    catalog = Catalog.load(api.settings)
    access = Access(SYSTEM)
    for text in texts[:2]:
        await service.save_draft(access, catalog, agency_code="DINKES", text=text, limit=2)
    before = await table_counts()
    with pytest.raises(InputError) as exc:
        await service.save_draft(access, catalog, agency_code="DINKES", text=texts[2], limit=2)
    assert [(p.path, p.code) for p in exc.value.problems] == [(("input",), "TOO_MANY_DRAFTS")]
    assert await table_counts() == before


async def test_retired_indicators_keep_their_history_and_take_no_measurements(api, world):
    await api.gql("mutation { reloadSpecs { indicators } }", world.admin)  # the files' indicators, for DISDIK's
    draft = await approved(api, world)
    target = (await api.gql(SET, world.dinkes_admin, input=[{
        "cycle": 2025, "indicator": "DINKES.IMUNISASI", "nip": NURSE, "workResult": "Imunisasi", "value": 95}]))
    target_id = target["setTargets"]["targets"][0]["id"]
    await api.gql(STATUS, world.admin, s="ACTIVE")
    retire = """mutation($c: String!, $r: String!) { retireIndicator(code: $c, reason: $r) {
      indicator { active retiredBy retireReason versions { version } } errors { path code } } }"""
    refused = (await api.gql(retire, world.nurse, c="DINKES.IMUNISASI", r="x"))["retireIndicator"]
    assert [e["code"] for e in refused["errors"]] == ["FORBIDDEN"]
    file_one = (await api.gql(retire, world.disdik_admin, c="DISDIK.KELULUSAN", r="x"))["retireIndicator"]
    assert [(e["path"], e["code"]) for e in file_one["errors"]] == [(["code"], "CODE_FROM_FILE")]
    done = (await api.gql(retire, world.dinkes_admin, c="DINKES.IMUNISASI", r="Diganti indikator baru"))
    r = done["retireIndicator"]["indicator"]
    assert (r["active"], r["retireReason"], [v["version"] for v in r["versions"]]) == (
        False, "Diganti indikator baru", [draft["approvedVersion"]])
    rec = (await api.gql(RECORD, world.nurse, input=[{"target": target_id, "period": "2025-Q1",
                                                      "inputs": {"diimunisasi": 1, "sasaran": 2}}]))
    assert [e["code"] for e in rec["recordMeasurements"]["errors"]] == ["INDICATOR_RETIRED"]
    listed = await api.gql("{ indicators(agency: \"DINKES\") { code } }", world.dinkes_admin)
    assert "DINKES.IMUNISASI" not in {i["code"] for i in listed["indicators"]}
    again = (await api.gql(retire, world.admin, c="DINKES.IMUNISASI", r="x"))["retireIndicator"]
    assert [e["code"] for e in again["errors"]] == ["ALREADY_RETIRED"]


PREVIEW = """query($id: Int!, $i: JSON!, $t: Float) { previewIndicator(id: $id, inputs: $i, target: $t) {
  preview { outcome { value achievement suggestedRating problems { path code } } steps { expression value }
  target } errors { path code } } }"""
ON_HISTORY = """query($id: Int!) { previewIndicatorOnHistory(id: $id) { preview { indicator period total changed
  rows { nip storedVersion changed current { value achievement suggestedRating } draft { value achievement
  suggestedRating } } } errors { path code } } }"""


async def test_previews_on_sample_inputs_and_on_history(api, world):
    d = (await api.gql(SAVE, world.dinkes_admin, a="DINKES", y=IMMUNISATION))["saveIndicatorDraft"]["draft"]
    p = (await api.gql(PREVIEW, world.dinkes_admin, id=d["id"], i={"diimunisasi": 180, "sasaran": 200}, t=None))
    preview = p["previewIndicator"]["preview"]
    outcome = preview["outcome"]
    assert (outcome["value"], round(outcome["achievement"], 2), outcome["suggestedRating"], outcome["problems"]) == (
        90.0, 94.74, "DI_BAWAH_EKSPEKTASI", [])
    assert preview["target"] == 95.0
    assert [s["expression"] for s in preview["steps"]] == ["diimunisasi / sasaran", "diimunisasi / sasaran * 100"]
    assert [s["value"] for s in preview["steps"]] == [0.9, 90.0]
    failing = (await api.gql(PREVIEW, world.dinkes_admin, id=d["id"], i={"diimunisasi": 300, "sasaran": 200},
                             t=100.0))["previewIndicator"]["preview"]["outcome"]
    assert [pr["code"] for pr in failing["problems"]] == ["CHECK_FAILED"]
    other = (await api.gql(PREVIEW, world.disdik_admin, id=d["id"], i={}, t=None))["previewIndicator"]
    assert other["preview"] is None and [e["code"] for e in other["errors"]] == ["NOT_FOUND"]
    new = (await api.gql(ON_HISTORY, world.dinkes_admin, id=d["id"]))["previewIndicatorOnHistory"]
    assert [e["code"] for e in new["errors"]] == ["NOT_AN_EDIT"]

    # an approved indicator with a measurement; a threshold edit previewed on that history
    await api.gql(SUBMIT, world.dinkes_admin, id=d["id"], v=d["version"])
    await api.gql(APPROVE, world.admin, id=d["id"], v=d["version"] + 1)
    target = (await api.gql(SET, world.dinkes_admin, input=[{
        "cycle": 2025, "indicator": "DINKES.IMUNISASI", "nip": NURSE, "workResult": "Imunisasi", "value": 95}]))
    await api.gql(STATUS, world.admin, s="ACTIVE")
    await api.gql(RECORD, world.nurse, input=[{"target": target["setTargets"]["targets"][0]["id"], "period": "2025-Q1",
                                               "inputs": {"diimunisasi": 196, "sasaran": 200}}])
    edit = (await api.gql(SAVE, world.dinkes_admin, a="DINKES", y=replaced("rating: {above: 105, meets: 95}",
                                                                         "rating: {above: 120, meets: 110}")))
    h = (await api.gql(ON_HISTORY, world.dinkes_admin, id=edit["saveIndicatorDraft"]["draft"]["id"]))
    h = h["previewIndicatorOnHistory"]["preview"]
    assert (h["period"], h["total"], h["changed"]) == ("2025-Q1", 1, 1)
    (row,) = h["rows"]
    assert row["nip"] == NURSE and row["changed"] == ["suggestedRating"]
    assert row["current"]["suggestedRating"] == "SESUAI_EKSPEKTASI"
    assert row["draft"]["suggestedRating"] == "DI_BAWAH_EKSPEKTASI"
    assert row["current"]["achievement"] == row["draft"]["achievement"]
