"""Migration 0012: a person's targets of a cycle become their SKP (services/skp/from_targets.py). Rows as an earlier
version wrote them (person targets, no SKP) are converted once: one RHK per work result, the targets its indicators
with their measurements, the supervisor's RHK as intervensi, APPROVED past planning, audited."""

from __future__ import annotations

import importlib

from tortoise.transactions import in_transaction

from kinerja.models import AuditEvent, Skp
from kinerja.services.core import audit
from kinerja.services.skp import from_targets
from skp_world import (QUANT, READ, RECORD, SET_TARGETS, STATUS, approved_principal_skp, head_token, load_specs)
from world import PRINCIPAL, TEACHER_1, TEACHER_2

OTHER_QUANT = "DISDIK.KELULUSAN"


def target(nip: str, work: str, value: float, code: str = QUANT, parent: int | None = None) -> dict:
    return {"cycle": 2025, "indicator": code, "workResult": work, "value": value, "nip": nip, "parent": parent}


async def set_targets(api, token, *items: dict) -> list[int]:
    data = (await api.gql(SET_TARGETS, token=token, input=list(items)))["setTargets"]
    assert data["errors"] == [], data["errors"]
    return [t["id"] for t in data["targets"]]


async def convert():
    async with in_transaction() as conn:
        return await from_targets.convert(conn)


async def test_targets_become_approved_skps_with_their_measurements_and_parents(api, world):
    await load_specs(api, world)
    head = await head_token()
    (p1, p2) = await set_targets(api, head, target(PRINCIPAL, "Partisipasi orang tua meningkat", 80),
                                 target(PRINCIPAL, "Partisipasi orang tua meningkat", 90, code=OTHER_QUANT))
    (t1, t2) = await set_targets(api, world.principal,
                                 target(TEACHER_1, "Orang tua hadir di pertemuan kelas", 75, parent=p1),
                                 target(TEACHER_1, "Siswa kelas 6 lulus", 95, code=OTHER_QUANT, parent=p2))
    assert (await api.gql(STATUS, token=world.admin, s="ACTIVE"))["setCycleStatus"]["errors"] == []
    recorded = (await api.gql(RECORD, token=world.teacher, input=[{
        "target": t1, "period": "2025-Q1", "inputs": {"participants": 60, "invited": 80}}]))["recordMeasurements"]
    assert recorded["errors"] == []

    done = await convert()
    assert (done.skps, done.approved, done.items, done.indicators) == (2, 2, 3, 4)
    principal = (await api.gql(READ, token=world.principal, nip=PRINCIPAL, cycle=2025))["skp"]
    assert (principal["status"], principal["revision"], principal["approvedRevision"]) == ("APPROVED", 1, 1)
    assert [(i["key"], i["kind"], i["workResult"], [(x["aspect"], x["indicator"]["code"], x["target"], x["targetId"])
                                                    for x in i["indicators"]]) for i in principal["items"]] == [
        ("R1", "MAIN", "Partisipasi orang tua meningkat",
         [("QUANTITY", QUANT, 80.0, p1), ("QUANTITY", OTHER_QUANT, 90.0, p2)])]
    teacher = (await api.gql(READ, token=world.teacher, nip=TEACHER_1, cycle=2025))["skp"]
    assert [(i["key"], i["parentKey"], i["indicators"][0]["targetId"]) for i in teacher["items"]] == [
        ("R1", "R1", t1), ("R2", "R1", t2)]
    # the measurement is the SKP indicator's
    assert teacher["items"][0]["indicators"][0]["measurements"] == [
        {"id": recorded["measurements"][0]["id"], "value": 75.0}]
    # the approved SKP now holds the targets: setTargets refuses them
    refused = (await api.gql(SET_TARGETS, token=world.principal,
                             input=[target(TEACHER_1, "Lagi", 70)]))["setTargets"]
    assert [(e["code"], e["path"]) for e in refused["errors"]] == [("SKP_LOCKED", ["input", "0", "nip"])]
    # audited, the chain whole; a second run finds nothing to do
    events = await AuditEvent.filter(action="skp.migrate").order_by("id")
    assert [(e.after["nip"], e.after["status"], e.after["items"]) for e in events] == [
        (PRINCIPAL, "APPROVED", ["R1"]), (TEACHER_1, "APPROVED", ["R1", "R2"])]
    assert events[0].actor == from_targets.ACTOR
    assert (await audit.verify()).ok
    again = await convert()
    assert again.skps == 0 and await Skp.all().count() == 2


async def test_in_planning_the_skp_is_a_draft_and_targets_still_change(api, world):
    await load_specs(api, world)
    await set_targets(api, world.principal, target(TEACHER_2, "Laporan kelas tepat waktu", 80))
    done = await convert()
    assert (done.skps, done.approved) == (1, 0)
    skp = (await api.gql(READ, token=world.principal, nip=TEACHER_2, cycle=2025))["skp"]
    assert (skp["status"], skp["approvedRevision"], skp["revisions"][0]["submittedBy"]) == ("DRAFT", None, None)
    await set_targets(api, world.principal, target(TEACHER_2, "Rapor terbit tepat waktu", 90))  # not locked


async def test_a_parent_in_the_supervisors_existing_skp_gives_its_key(api, world):
    """The principal already drafted an SKP (and approved) before the migration; the teacher's old targets
    point to the target of its R1."""
    await load_specs(api, world)
    await approved_principal_skp(api, world, await head_token())
    principal = (await api.gql(READ, token=world.principal, nip=PRINCIPAL, cycle=2025))["skp"]
    parent = principal["items"][0]["indicators"][0]["targetId"]
    assert parent is not None and principal["items"][0]["indicators"][0]["indicator"]["code"] == OTHER_QUANT
    await set_targets(api, world.principal, target(TEACHER_1, "Orang tua hadir", 75, code=OTHER_QUANT, parent=parent),
                      target(TEACHER_1, "Kegiatan lain", 3))
    assert (await convert()).skps == 1
    teacher = (await api.gql(READ, token=world.teacher, nip=TEACHER_1, cycle=2025))["skp"]
    assert [(i["workResult"], i["parentKey"]) for i in teacher["items"]] == [
        ("Orang tua hadir", principal["items"][0]["key"]), ("Kegiatan lain", None)]


async def test_unit_targets_stay_unit_targets(api, world):
    await load_specs(api, world)
    unit = {"cycle": 2025, "indicator": QUANT, "workResult": "Partisipasi sekolah", "value": 80, "unit": "SDN-001"}
    await set_targets(api, world.disdik_admin, unit)
    assert (await convert()).skps == 0


def test_the_migration_runs_the_conversion():
    module = importlib.import_module("kinerja.migrations.0012_skp_from_targets")
    assert module.Migration.dependencies == [("models", "0011_assessment_result_notes")]
    assert [type(op).__name__ for op in module.Migration.operations] == ["RunPython"]
