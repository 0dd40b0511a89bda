"""The SKP document through GraphQL: save (keys, Targets created, updated and deleted), the workflow (submit, approve,
return, revise), comparing revisions, the matrix, measurements on an SKP indicator's Target, and setTargets locked."""

import asyncio

from kinerja.models import AuditEvent, Skp, SkpIndicator, Target
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.org import people
from kinerja.services.skp import matrix
from skp_world import (APPROVE, CHANGES, MATRIX, OTHER, QUANT, READ, RECORD, RETURN, REVISE, SET_TARGETS, STATUS,
                       SUBMIT, approved_principal_skp, head_token, item, load_specs, qual, quant, save, saved,
                       skp_input, step, teacher_input)
from world import PRINCIPAL, TEACHER_1, TEACHER_2, person


async def test_save_creates_the_draft_with_keys_and_targets(api, world):
    await load_specs(api, world)
    head = await head_token()
    await approved_principal_skp(api, world, head)
    skp = await saved(api, world.teacher, teacher_input(
        expectations=[{"value": "AKUNTABEL", "text": "Laporan kelas jujur dan tepat waktu"}],
        attachments={"resources": ["Ruang kelas", "Proyektor"], "accountability": ["Laporan ke kepala sekolah"]}))
    assert (skp["status"], skp["version"], skp["revision"], skp["approvedRevision"]) == ("DRAFT", 1, 1, None)
    assert [(i["key"], i["kind"], i["parentKey"]) for i in skp["items"]] == [("R1", "MAIN", "R2"),
                                                                              ("R2", "ADDITIONAL", None)]
    first = skp["items"][0]["indicators"][0]
    assert (first["aspect"], first["indicator"]["code"], first["target"]) == ("QUANTITY", QUANT, 75.0)
    assert skp["items"][1]["indicators"][0]["targetId"] is None  # qualitative: no Target
    assert skp["expectations"] == [{"value": "AKUNTABEL", "text": "Laporan kelas jujur dan tepat waktu"}]
    assert skp["attachments"] == {"resources": ["Ruang kelas", "Proyektor"],
                                  "accountability": ["Laporan ke kepala sekolah"], "consequences": []}
    target = await Target.get(id=int(first["targetId"])).prefetch_related("person", "indicator")
    assert (target.person.nip, target.indicator.full_code, target.value, target.work_result) == (
        TEACHER_1, QUANT, 75.0, "Sosialisasi program sekolah kepada orang tua")
    assert await AuditEvent.filter(action="skp.create").count() == 2  # the principal's and the teacher's

    # a second save: R1 kept (same Target, new value), R2 removed, a new RHK gets R3 (never a reused key)
    again = await saved(api, world.principal, skp_input(
        TEACHER_1, item("Sosialisasi program sekolah kepada orang tua", quant(80), key="R1", parentKey="R2"),
        item("Kelas inklusif", quant(60, OTHER), parentKey="R1")), version=1)
    assert [i["key"] for i in again["items"]] == ["R1", "R3"] and again["version"] == 2
    assert again["items"][0]["indicators"][0]["targetId"] == first["targetId"]
    assert (await Target.get(id=int(first["targetId"]))).value == 80.0
    assert await Target.filter(person__nip=TEACHER_1).count() == 2
    # the quantitative indicator of R1 removed: its unmeasured Target goes with it
    third = await saved(api, world.teacher, skp_input(
        TEACHER_1, item("Sosialisasi program sekolah kepada orang tua", qual(), key="R1"),
        item("Kelas inklusif", quant(60, OTHER), key="R3")), version=2)
    assert third["version"] == 3
    assert not await Target.filter(id=int(first["targetId"])).exists()
    assert await Target.filter(person__nip=TEACHER_1).count() == 1
    assert await AuditEvent.filter(action="target.delete", entity_id=first["targetId"]).count() == 1


async def test_submit_approve_revise_and_compare(api, world):
    await load_specs(api, world)
    head = await head_token()
    await approved_principal_skp(api, world, head)
    skp = await saved(api, world.teacher, teacher_input())
    target_id = skp["items"][0]["indicators"][0]["targetId"]
    done = await step(api, world.teacher, SUBMIT, nip=TEACHER_1, version=1)
    assert done["errors"] == [] and done["skp"]["status"] == "SUBMITTED" and done["skp"]["version"] == 2
    done = await step(api, world.principal, APPROVE, nip=TEACHER_1, version=2)
    assert done["skp"] == {"status": "APPROVED", "version": 3, "revision": 1, "approvedRevision": 1}
    # a revision: DRAFT, content copied with keys and Target links; revision 1 stays in force
    done = await step(api, world.teacher, REVISE, nip=TEACHER_1, version=3)
    assert done["skp"] == {"status": "DRAFT", "version": 4, "revision": 2, "approvedRevision": 1}
    read = (await api.gql(READ, token=world.teacher, nip=TEACHER_1, cycle=2025))["skp"]
    assert [i["key"] for i in read["items"]] == ["R1", "R2"]
    assert read["items"][0]["indicators"][0]["targetId"] == target_id
    # the new revision changes the target and adds an RHK: the Target keeps the value in force until approval
    rev2 = await saved(api, world.teacher, skp_input(
        TEACHER_1, item("Sosialisasi program sekolah kepada orang tua", quant(90), key="R1", parentKey="R2"),
        item("Administrasi kelas tertib", qual(), kind="ADDITIONAL", key="R2"),
        item("Kelas inklusif", quant(50, OTHER), parentKey="R1"),
        expectations=[{"value": "KOMPETEN", "text": "Ikut pelatihan kurikulum"}]), version=4)
    assert rev2["items"][2]["indicators"][0]["targetId"] is None  # new: its Target comes with approval
    assert (await Target.get(id=int(target_id))).value == 75.0
    changes = (await api.gql(CHANGES, token=world.teacher, nip=TEACHER_1, **{"from": 1, "to": 2}))["skpChanges"]
    assert {(c["change"], c["key"], c["indicator"], c["field"], c["old"], c["new"]) for c in changes} == {
        ("INDICATOR_CHANGED", "R1", 1, "target", "75", "90"),
        ("ITEM_ADDED", "R3", None, None, None, "Kelas inklusif"),
        ("EXPECTATION_ADDED", "KOMPETEN", None, "text", None, "Ikut pelatihan kurikulum"),
    }
    assert (await api.gql(CHANGES, token=world.teacher, nip=TEACHER_1, **{"from": 2, "to": 2}))["skpChanges"] == []
    await step(api, world.teacher, SUBMIT, nip=TEACHER_1, version=5)
    done = await step(api, world.principal, APPROVE, nip=TEACHER_1, version=6)
    assert done["skp"] == {"status": "APPROVED", "version": 7, "revision": 2, "approvedRevision": 2}
    assert (await Target.get(id=int(target_id))).value == 90.0
    read = (await api.gql(READ, token=world.principal, nip=TEACHER_1, cycle=2025))["skp"]
    new_target = read["items"][2]["indicators"][0]["targetId"]
    assert new_target is not None and (await Target.get(id=int(new_target))).value == 50.0
    assert [(r["number"], r["status"]) for r in read["revisions"]] == [(1, "APPROVED"), (2, "APPROVED")]
    assert read["revisions"][1]["submittedBy"] == TEACHER_1 and read["revisions"][1]["decidedBy"] == PRINCIPAL
    # the first revision is kept as it was
    old = await api.gql("""query { skp(nip: "%s", cycle: 2025) { items(revision: 1) { key indicators { target } } }
      }""" % TEACHER_1, token=world.teacher)
    assert [(i["key"], i["indicators"][0]["target"]) for i in old["skp"]["items"]] == [("R1", 75.0), ("R2", None)]
    # every transition audited with the status and revision before and after
    approvals = await AuditEvent.filter(action="skp.approve", entity_id=str((await Skp.get(
        person__nip=TEACHER_1)).id)).order_by("id")
    assert [(e.before["status"], e.after["status"], e.after["approved_revision"]) for e in approvals] == [
        ("SUBMITTED", "APPROVED", 1), ("SUBMITTED", "APPROVED", 2)]


async def test_return_with_a_note_then_save_brings_it_back_to_draft(api, world):
    await load_specs(api, world)
    head = await head_token()
    await approved_principal_skp(api, world, head)
    await saved(api, world.teacher, teacher_input())
    await step(api, world.teacher, SUBMIT, nip=TEACHER_1, version=1)
    done = await step(api, world.principal, RETURN, nip=TEACHER_1, version=2, note="Tambahkan indikator waktu")
    assert done["skp"]["status"] == "RETURNED" and done["errors"] == []
    read = (await api.gql(READ, token=world.teacher, nip=TEACHER_1, cycle=2025))["skp"]
    assert read["revisions"][0]["returnNote"] == "Tambahkan indikator waktu"
    assert read["revisions"][0]["decidedBy"] == PRINCIPAL
    input_ = teacher_input()
    input_["items"][0]["indicators"].append(qual("Selesai sebelum semester berakhir", "Jadwal", "TIME"))
    again = await saved(api, world.teacher, input_, version=3)
    assert (again["status"], again["version"], again["revisions"][0]["status"]) == ("DRAFT", 4, "DRAFT")
    done = await step(api, world.teacher, SUBMIT, nip=TEACHER_1, version=4)
    assert done["skp"]["status"] == "SUBMITTED"


async def test_measurements_attach_to_the_target_of_an_skp_indicator(api, world):
    await load_specs(api, world)
    head = await head_token()
    await approved_principal_skp(api, world, head)
    skp = await saved(api, world.teacher, teacher_input())
    target_id = skp["items"][0]["indicators"][0]["targetId"]
    await api.gql(STATUS, token=world.admin, s="ACTIVE")
    data = await api.gql(RECORD, token=world.teacher, input=[{
        "target": target_id, "period": "2025-Q1", "inputs": {"participants": 60, "invited": 80}}])
    assert data["recordMeasurements"]["errors"] == []
    read = (await api.gql(READ, token=world.principal, nip=TEACHER_1, cycle=2025))["skp"]
    assert read["items"][0]["indicators"][0]["measurements"] == [
        {"id": data["recordMeasurements"]["measurements"][0]["id"], "value": 75.0}]
    # the measured indicator cannot leave the draft, and nothing changes
    answer = await save(api, world.teacher, skp_input(TEACHER_1, item("Lain", qual())), version=1)
    assert [(e["code"], e["path"]) for e in answer["errors"]] == [("SKP_INDICATOR_MEASURED", ["input", "items"])]
    assert await Target.filter(id=int(target_id)).exists()
    assert (await Skp.get(person__nip=TEACHER_1)).version == 1


async def test_matrix_links_subordinate_rhk_to_the_supervisors_and_flags_the_rest(api, world, sql_counter):
    await load_specs(api, world)
    head = await head_token()
    await approved_principal_skp(api, world, head)
    await saved(api, world.teacher, teacher_input())
    await saved(api, world.principal, skp_input(TEACHER_2, item("Perpustakaan kelas", qual())))
    rows = (await api.gql(MATRIX, token=world.principal, nip=PRINCIPAL))["skpMatrix"]
    assert [(r["key"], r["unlinked"], [(c["nip"], c["key"], c["status"]) for c in r["contributions"]])
            for r in rows] == [
        ("R1", False, []),
        ("R2", False, [(TEACHER_1, "R1", "DRAFT")]),
        (None, True, [(TEACHER_1, "R2", "DRAFT"), (TEACHER_2, "R1", "DRAFT")]),
    ]
    assert rows[1]["workResult"] == "Partisipasi orang tua meningkat"
    # three statements, however many subordinates
    access = Access(SYSTEM)
    with sql_counter:
        await matrix.skp_matrix(access, PRINCIPAL, 2025)
    assert sql_counter.count == 3, sql_counter.statements
    await people.upsert_people(access, [person(f"19800101200501100{n}", f"Guru {n}", "DISDIK", "SDN-001", PRINCIPAL)
                                        for n in (8, 9)])
    for n in (8, 9):
        await saved(api, world.principal, skp_input(f"19800101200501100{n}", item("Tugas", qual(), parentKey="R1")))
    with sql_counter:
        rows = await matrix.skp_matrix(access, PRINCIPAL, 2025)
    assert sql_counter.count == 3, sql_counter.statements
    assert len(rows[0].contributions) == 2


async def test_set_targets_is_refused_once_the_skp_is_submitted(api, world):
    await load_specs(api, world)
    head = await head_token()
    await approved_principal_skp(api, world, head)
    one = {"cycle": 2025, "indicator": QUANT, "nip": TEACHER_1, "workResult": "Sosialisasi", "value": 70}
    await saved(api, world.teacher, teacher_input())
    data = await api.gql(SET_TARGETS, token=world.principal, input=[one])  # DRAFT: setTargets still works
    assert data["setTargets"]["errors"] == []
    await step(api, world.teacher, SUBMIT, nip=TEACHER_1, version=1)
    before = await Target.all().count()
    data = await api.gql(SET_TARGETS, token=world.principal, input=[one])
    [error] = data["setTargets"]["errors"]
    assert (error["code"], error["path"]) == ("SKP_LOCKED", ["input", "0", "nip"])
    assert "SUBMITTED" in error["message"] and "saveSkp / reviseSkp" in error["message"]
    assert await Target.all().count() == before
    # still locked once approved and revised (an approved revision is in force); another person's are not
    await step(api, world.principal, APPROVE, nip=TEACHER_1, version=2)
    await step(api, world.teacher, REVISE, nip=TEACHER_1, version=3)
    data = await api.gql(SET_TARGETS, token=world.principal, input=[one, {**one, "nip": TEACHER_2}])
    assert [(e["code"], e["path"]) for e in data["setTargets"]["errors"]] == [("SKP_LOCKED", ["input", "0", "nip"])]
    data = await api.gql(SET_TARGETS, token=world.principal, input=[{**one, "nip": TEACHER_2}])
    assert data["setTargets"]["errors"] == []
    assert await SkpIndicator.all().count() > 0


async def test_two_writes_with_the_same_version_one_wins(api, world):
    await saved(api, world.teacher, skp_input(TEACHER_1, item("Awal", qual())))
    for round_, document in ((1, None), (2, SUBMIT)):
        if document is None:  # two saves at once, each with version 1
            answers = await asyncio.gather(*(save(api, token, skp_input(TEACHER_1, item(f"Ubah {n}", qual())), 1)
                                             for n, token in enumerate((world.teacher, world.principal))))
        else:  # two submits at once, each with version 2
            answers = await asyncio.gather(*(step(api, token, SUBMIT, nip=TEACHER_1, version=2)
                                             for token in (world.teacher, world.principal)))
        assert sorted(tuple(e["code"] for e in a["errors"]) for a in answers) == [(), ("STALE_VERSION",)], answers
        assert (await Skp.get(person__nip=TEACHER_1)).version == round_ + 1
    assert await AuditEvent.filter(action__in=["skp.save", "skp.submit"]).count() == 2
