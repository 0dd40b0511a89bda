"""Range targets, a lower-is-better target of 0 and the achievement cap through GraphQL, on a real database
(docs/DOMAIN.md, "Targets and achievement (capaian)"); MAIN and ADDITIONAL RHK in the indicator-based suggestion
("Suggested results rating"). Every bad target is refused with its path and writes nothing."""

from __future__ import annotations

import pytest
from kinerja.models import AuditEvent, Measurement, Skp, SkpIndicator
from seeded import table_counts
from skp_world import counts, item, qual, quant, save, saved, skp_input
from world import TEACHER_1

SET = """mutation($input: [TargetInput!]!) { setTargets(input: $input) {
  targets { id value lower upper indicator { code direction } } errors { path code message } } }"""
RECORD = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) {
  measurements { value achievement suggestedRating } errors { path code message } } }"""
STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }"
SUGGEST = """query($n: String!, $p: String!) { suggestedResultRating(nip: $n, period: $p) { rating reason } }"""
SKP = """query($n: String!) { skp(nip: $n, cycle: 2025) { items { key kind
  indicators { target targetLower targetUpper targetId indicator { code } } } } }"""
CHANGES = """query($n: String!) { skpChanges(nip: $n, cycle: 2025, from: 1, to: 2) { change key field old new } }"""
TARGETS = """query($n: String!) { person(nip: $n) { targets(cycle: 2025) { id value lower upper } } }"""


def unit_target(indicator: str, unit: str = "SDN-001", **target) -> dict:
    return {"cycle": 2025, "indicator": indicator, "unit": unit, "workResult": f"Target {indicator}", **target}


async def reload(api, world) -> None:
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)


async def test_a_band_target_scores_by_the_nearer_bound(api, world):
    await reload(api, world)
    data = (await api.gql(SET, token=world.disdik_admin, input=[
        unit_target("DISDIK.APK", "SEKRETARIAT", lower=95, upper=105)]))["setTargets"]
    assert data["errors"] == []
    target = data["targets"][0]
    assert (target["value"], target["lower"], target["upper"], target["indicator"]["direction"]) == (
        100.0, 95.0, 105.0, "BAND")
    event = await AuditEvent.filter(action="target.create").order_by("-id").first()
    assert (event.after["value"], event.after["lower"], event.after["upper"]) == (100.0, 95.0, 105.0)
    await api.gql(STATUS, token=world.admin, s="ACTIVE")
    # APK = pupils at the level / population of the band x 100, against 95-105 (hand-worked)
    for pupils, achievement, rating in (
            (900, 90 / 95 * 100, "DI_BAWAH_EKSPEKTASI"),   # 90: below the band, 94.74 %
            (950, 100.0, "SESUAI_EKSPEKTASI"),             # at the lower bound
            (1000, 100.0, "SESUAI_EKSPEKTASI"),            # inside
            (1050, 100.0, "SESUAI_EKSPEKTASI"),            # at the upper bound
            (1100, (2 - 110 / 105) * 100, "SESUAI_EKSPEKTASI"),  # 110: above, 95.24 % (over-age enrolment)
            (2200, 0.0, "DI_BAWAH_EKSPEKTASI")):           # 220: never below 0
        got = (await api.gql(RECORD, token=world.disdik_admin, input=[{
            "target": target["id"], "period": "2025", "inputs": {"pupils_at_level": pupils,
                                                                  "population_age_band": 1000}}]))["recordMeasurements"]
        assert got["errors"] == []
        m = got["measurements"][0]
        assert m["value"] == pytest.approx(pupils / 10) and m["suggestedRating"] == rating
        assert m["achievement"] == pytest.approx(achievement)


async def test_no_dropouts_as_a_target(api, world):
    await reload(api, world)
    data = (await api.gql(SET, token=world.disdik_admin, input=[
        unit_target("DISDIK.PUTUS_SEKOLAH", value=0)]))["setTargets"]
    assert data["errors"] == [] and data["targets"][0]["value"] == 0.0
    await api.gql(STATUS, token=world.admin, s="ACTIVE")

    async def record(dropouts: int) -> dict:
        got = (await api.gql(RECORD, token=world.disdik_admin, input=[{
            "target": data["targets"][0]["id"], "period": "2025",
            "inputs": {"dropouts": dropouts, "enrolment_start": 200}}]))["recordMeasurements"]
        assert got["errors"] == []
        return got["measurements"][0]

    # none of 200: the target of 0 met, and 0 is the best a rate can be (achievement: {best: 0}): the cap
    assert (await record(0))["achievement"] == 120.0
    # one of 200 (0.5 %) against a target of none: 0
    one = await record(1)
    assert (one["value"], one["achievement"], one["suggestedRating"]) == (0.5, 0.0, "DI_BAWAH_EKSPEKTASI")


async def test_the_cap_and_a_maximum_target_through_measurements(api, world):
    await reload(api, world)
    data = (await api.gql(SET, token=world.disdik_admin, input=[
        unit_target("DISDIK.KELULUSAN", value=100), unit_target("DISDIK.KELULUSAN", "SEKRETARIAT", value=80)]))
    full, low = (t["id"] for t in data["setTargets"]["targets"])
    await api.gql(STATUS, token=world.admin, s="ACTIVE")

    async def record(target: str, graduates: int) -> float:
        got = (await api.gql(RECORD, token=world.disdik_admin, input=[{
            "target": target, "period": "2025", "inputs": {"graduates": graduates,
                                                            "final_year_students": 100}}]))["recordMeasurements"]
        assert got["errors"] == []
        return got["measurements"][0]["achievement"]

    assert await record(full, 100) == 120.0  # a target of 100 %, the maximum (best: 100), met in full
    assert await record(full, 99) == pytest.approx(99.0)
    assert await record(low, 88) == pytest.approx(110.0)  # 88 of a target of 80: 110 %, not above it
    assert await record(low, 89) == 120.0  # 111.25 % raw: the cap
    # stored: the raw realisation as the value, the capped score as the achievement (what ratings and reports use)
    stored = await Measurement.get(target_id=int(low), period="2025")
    assert (stored.value, stored.achievement, stored.suggested_rating) == (89.0, 120.0, "DI_ATAS_EKSPEKTASI")


@pytest.mark.parametrize("target, expected", [
    (unit_target("DISDIK.APK", lower=105, upper=95), [("INVALID_TARGET_RANGE", ["input", "1", "lower"],
                                                       "lower bound 105 is above the upper bound 95")]),
    (unit_target("DISDIK.APK", lower=95), [("REQUIRED", ["input", "1", "upper"], "upper is missing")]),
    (unit_target("DISDIK.APK", upper=105), [("REQUIRED", ["input", "1", "lower"], "lower is missing")]),
    (unit_target("DISDIK.APK", value=100, lower=95, upper=105), [("INVALID_VALUE", ["input", "1", "value"],
                                                                  "not both")]),
    (unit_target("DISDIK.APK", value=0), [("INVALID_VALUE", ["input", "1", "value"], "band")]),
    (unit_target("DISDIK.APK"), [("REQUIRED", ["input", "1", "value"], "a value, or a range")]),
    (unit_target("DISDIK.KELULUSAN", value=0), [("INVALID_VALUE", ["input", "1", "value"],
                                                 ("DISDIK.KELULUSAN: the target value must be above 0 when higher "
                                                  "is better"))]),
    (unit_target("DISDIK.KELULUSAN", lower=0, upper=90), [("INVALID_VALUE", ["input", "1", "lower"], "above 0")]),
    (unit_target("DISDIK.PUTUS_SEKOLAH", value=-1), [("INVALID_VALUE", ["input", "1", "value"], "0 or more")]),
    (unit_target("DISDIK.PUTUS_SEKOLAH", lower=0, upper=0), [("INVALID_TARGET_RANGE", ["input", "1", "upper"],
                                                              "give value 0")]),
])
async def test_bad_targets_are_refused_and_the_batch_writes_nothing(api, world, target, expected):
    await reload(api, world)
    before = await table_counts()
    good = unit_target("DISDIK.KELULUSAN", value=95)
    data = (await api.gql(SET, token=world.disdik_admin, input=[good, target]))["setTargets"]
    assert [(e["code"], e["path"]) for e in data["errors"]] == [(c, p) for c, p, _ in expected]
    for error, (_, _, words) in zip(data["errors"], expected):
        assert words in error["message"], error
    assert data["targets"] == []
    assert await table_counts() == before


async def test_an_skp_indicator_with_a_range_and_one_of_0(api, world):
    await reload(api, world)
    before = await counts()
    bad = [
        (quant(0, "DISDIK.KELULUSAN"), [("INVALID_VALUE", "target")]),
        ({"aspect": "QUANTITY", "indicator": "DISDIK.APK", "targetLower": 105, "targetUpper": 95},
         [("INVALID_TARGET_RANGE", "targetLower")]),
        ({"aspect": "QUANTITY", "indicator": "DISDIK.APK", "targetLower": 95}, [("REQUIRED", "targetUpper")]),
        ({"aspect": "QUANTITY", "indicator": "DISDIK.APK", "target": 100, "targetLower": 95, "targetUpper": 105},
         [("INVALID_VALUE", "target")]),
        ({"aspect": "QUANTITY", "indicator": "DISDIK.PUTUS_SEKOLAH", "target": -0.5}, [("INVALID_VALUE", "target")]),
        ({"aspect": "QUANTITY", "targetLower": 95, "targetUpper": 105}, [("REQUIRED", "indicator")]),
    ]
    for indicator, expected in bad:
        answer = await save(api, world.teacher, skp_input(TEACHER_1, item("Tugas", indicator)))
        assert [(e["code"], e["path"]) for e in answer["errors"]] == [
            (code, ["input", "items", "0", "indicators", "0", field]) for code, field in expected], indicator
        assert answer["skp"] is None
    assert await counts() == before

    band = {"aspect": "QUANTITY", "indicator": "DISDIK.APK", "targetLower": 95, "targetUpper": 105}
    skp = await saved(api, world.teacher, skp_input(
        TEACHER_1, item("APK terjaga", band), item("Tanpa putus sekolah", quant(0, "DISDIK.PUTUS_SEKOLAH"))))
    read = (await api.gql(SKP, token=world.teacher, n=TEACHER_1))["skp"]["items"]
    assert [(i["indicators"][0]["target"], i["indicators"][0]["targetLower"], i["indicators"][0]["targetUpper"])
            for i in read] == [(100.0, 95.0, 105.0), (0.0, None, None)]
    # a draft's quantitative indicators are the person's targets at once (services/skp/document.py)
    targets = (await api.gql(TARGETS, token=world.teacher, n=TEACHER_1))["person"]["targets"]
    assert [(t["value"], t["lower"], t["upper"]) for t in targets] == [(100.0, 95.0, 105.0), (0.0, None, None)]
    # the range changes: the Target follows, audited with its bounds
    band2 = {**band, "targetLower": 97}
    await saved(api, world.teacher, skp_input(
        TEACHER_1, item("APK terjaga", band2, key="R1"),
        item("Tanpa putus sekolah", quant(0, "DISDIK.PUTUS_SEKOLAH"), key="R2")), skp["version"])
    targets = (await api.gql(TARGETS, token=world.teacher, n=TEACHER_1))["person"]["targets"]
    assert (targets[0]["value"], targets[0]["lower"], targets[0]["upper"]) == (101.0, 97.0, 105.0)
    event = await AuditEvent.filter(action="target.update").order_by("-id").first()
    assert (event.before["lower"], event.after["lower"], event.after["upper"]) == (95.0, 97.0, 105.0)


async def test_an_approved_revision_writes_its_range_to_the_target(api, world):
    from skp_world import APPROVE, REVISE, SUBMIT, step

    await reload(api, world)
    band = {"aspect": "QUANTITY", "indicator": "DISDIK.APK", "targetLower": 95, "targetUpper": 105}
    skp = await saved(api, world.teacher, skp_input(TEACHER_1, item("APK terjaga", band)))
    for document, token, version in ((SUBMIT, world.teacher, skp["version"]),
                                     (APPROVE, world.principal, skp["version"] + 1),
                                     (REVISE, world.teacher, skp["version"] + 2)):
        done = await step(api, token, document, nip=TEACHER_1, version=version)
        assert done["errors"] == [], done
    revised = await saved(api, world.teacher, skp_input(
        TEACHER_1, item("APK terjaga", {**band, "targetUpper": 103}, key="R1")), done["skp"]["version"])
    changes = (await api.gql(CHANGES, token=world.teacher, n=TEACHER_1))["skpChanges"]
    assert {"change": "INDICATOR_CHANGED", "key": "R1", "field": "targetUpper", "old": "105", "new": "103"} in changes
    target = (await api.gql(TARGETS, token=world.teacher, n=TEACHER_1))["person"]["targets"][0]
    assert (target["lower"], target["upper"]) == (95.0, 105.0)  # the approved revision is in force until the next
    for document, token, version in ((SUBMIT, world.teacher, revised["version"]),
                                     (APPROVE, world.principal, revised["version"] + 1)):
        done = await step(api, token, document, nip=TEACHER_1, version=version)
        assert done["errors"] == [], done
    target = (await api.gql(TARGETS, token=world.teacher, n=TEACHER_1))["person"]["targets"][0]
    assert (target["value"], target["lower"], target["upper"]) == (99.0, 95.0, 103.0)


async def test_additional_rhk_only_raise_the_suggestion(api, world):
    """TEACHER_1's SKP: R1 MAIN, R2 and R3 ADDITIONAL, each with a PARTISIPASI_MASYARAKAT target of 75."""
    await reload(api, world)
    await saved(api, world.teacher, skp_input(
        TEACHER_1, item("Sosialisasi utama", quant(75)), item("Sosialisasi tambahan 1", quant(75), kind="ADDITIONAL"),
        item("Sosialisasi tambahan 2", quant(75), kind="ADDITIONAL"), item("Laporan", qual(), kind="ADDITIONAL")))
    skp = await Skp.get(person__nip=TEACHER_1)
    ids = {key: target for key, target in await SkpIndicator.filter(
        item__revision__skp_id=skp.id, target_id__not_isnull=True).values_list("item__key", "target_id")}
    assert sorted(ids) == ["R1", "R2", "R3"]
    await api.gql(STATUS, token=world.admin, s="ACTIVE")

    async def measured(r1: int, r2: int, r3: int) -> dict:
        # participants of 80 invited against 75 %: 60 -> 100 % (meets), 80 -> 120 % (above), 30 -> 50 % (below)
        got = (await api.gql(RECORD, token=world.teacher, input=[
            {"target": str(ids[key]), "period": "2025-Q1", "inputs": {"participants": n, "invited": 80}}
            for key, n in (("R1", r1), ("R2", r2), ("R3", r3))]))["recordMeasurements"]
        assert got["errors"] == []
        return (await api.gql(SUGGEST, token=world.principal, n=TEACHER_1, p="2025-Q1"))["suggestedResultRating"]

    tipped = await measured(60, 80, 80)  # MAIN meets; two ADDITIONAL above: 2 of 3 above, no MAIN below
    assert tipped["rating"] == "DI_ATAS_EKSPEKTASI" and "(1 main, 2 additional)" in tipped["reason"]
    assert (await measured(30, 80, 80))["rating"] == "DI_BAWAH_EKSPEKTASI"  # the one MAIN below: most MAIN below
    assert (await measured(80, 30, 30))["rating"] == "DI_ATAS_EKSPEKTASI"  # ADDITIONAL below never lower
    assert (await measured(60, 60, 30))["rating"] == "SESUAI_EKSPEKTASI"
