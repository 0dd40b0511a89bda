"""Each bad input of an SKP write is a UserError with a code and a path, and nothing is written."""

import pytest

from kinerja.models import Skp
from skp_world import (APPROVE, RETURN, REVISE, STATUS, SUBMIT, approved_principal_skp, counts, head_token, item,
                       load_specs, qual, quant, save, saved, skp_input, step, teacher_input)
from world import HEAD, PRINCIPAL, TEACHER_1, TEACHER_2


def found(answer: dict) -> list[tuple]:
    return [(e["code"], e["path"]) for e in answer["errors"]]


async def refused(api, token, input_, version, expected, *, message: str | None = None) -> None:
    before = await counts()
    answer = await save(api, token, input_, version)
    assert found(answer) == expected, answer["errors"]
    assert answer["skp"] is None
    if message:
        assert message in answer["errors"][0]["message"], answer["errors"]
    assert await counts() == before


@pytest.fixture
async def cascade(api, world):
    """HEAD's SKP (R1, R2, R3) approved by ADMIN, PRINCIPAL's (R1, R2) approved by HEAD."""
    await load_specs(api, world)
    head = await head_token()
    skp = await saved(api, head, skp_input(HEAD, *(item(f"Sasaran {n}", qual(), intervention="Tujuan OPD")
                                                   for n in (1, 2, 3))))
    await step(api, head, SUBMIT, nip=HEAD, version=skp["version"])
    await step(api, world.admin, APPROVE, nip=HEAD, version=skp["version"] + 1)
    await approved_principal_skp(api, world, head)
    return head


async def test_an_rhk_linked_to_an_rhk_that_is_not_its_supervisors(api, world, cascade):
    # R3 is HEAD's, not the principal's (the teacher's direct supervisor): refused, with the keys it may name
    await refused(api, world.teacher, skp_input(TEACHER_1, item("Tugas", qual(), parentKey="R3")), None,
                  [("INVALID_PARENT", ["input", "items", "0", "parentKey"])], message="R1, R2")
    # intervention is for a person without a supervisor; parentKey for one with a supervisor
    await refused(api, world.teacher, skp_input(TEACHER_1, item("Tugas", qual(), intervention="Tujuan")), None,
                  [("INVALID", ["input", "items", "0", "intervention"])])
    await refused(api, cascade, skp_input(HEAD, item("Tugas", qual(), parentKey="R1")), 3,
                  [("INVALID_PARENT", ["input", "items", "0", "parentKey"])])


async def test_a_parent_key_needs_the_supervisor_to_have_an_skp(api, world):
    await load_specs(api, world)
    await refused(api, world.teacher, skp_input(TEACHER_1, item("Tugas", qual(), parentKey="R1")), None,
                  [("INVALID_PARENT", ["input", "items", "0", "parentKey"])], message="has no SKP")


async def test_an_edit_of_an_approved_revision_and_transitions_from_the_wrong_status(api, world, cascade):
    # PRINCIPAL's SKP is APPROVED at version 3
    input_ = skp_input(PRINCIPAL, item("Mutu pembelajaran SD meningkat", qual(), key="R1"))
    await refused(api, world.principal, input_, 3, [("SKP_LOCKED", ["input"])], message="reviseSkp")
    before = await counts()
    for token, document, extra, code in (
            (world.principal, SUBMIT, {}, "SKP_LOCKED"),
            (cascade, APPROVE, {}, "SKP_NOT_SUBMITTED"),
            (cascade, RETURN, {"note": "x"}, "SKP_NOT_SUBMITTED")):
        done = await step(api, token, document, nip=PRINCIPAL, version=3, **extra)
        assert found(done) == [(code, ["nip"])], (document, done)
    await saved(api, world.teacher, teacher_input())
    done = await step(api, world.teacher, REVISE, nip=TEACHER_1, version=1)
    assert found(done) == [("SKP_NOT_APPROVED", ["nip"])]
    before = await counts()
    await step(api, world.teacher, SUBMIT, nip=TEACHER_1, version=1)
    await refused(api, world.teacher, teacher_input(), 2, [("SKP_NOT_DRAFT", ["input"])])
    done = await step(api, world.teacher, SUBMIT, nip=TEACHER_1, version=2)
    assert found(done) == [("SKP_NOT_DRAFT", ["nip"])]
    assert (await Skp.get(person__nip=TEACHER_1)).version == 2 and await counts() != before


async def test_an_empty_skp_is_not_submitted(api, world, cascade):
    for content, code in (([], "SKP_EMPTY"),
                          ([item("Tambahan", qual(), kind="ADDITIONAL")], "SKP_EMPTY"),
                          ([item("Utama tanpa indikator", parentKey="R1")], "SKP_INCOMPLETE")):
        existing = await Skp.get_or_none(person__nip=TEACHER_2)
        answer = await save(api, world.principal, skp_input(TEACHER_2, *content), existing and existing.version)
        assert answer["errors"] == []
        before = await counts()
        version = answer["skp"]["version"]
        done = await step(api, world.principal, SUBMIT, nip=TEACHER_2, version=version)
        assert found(done) == [(code, ["nip"])], done
        assert await counts() == before
        assert (await Skp.get(person__nip=TEACHER_2)).status == "DRAFT"


async def test_a_stale_version(api, world, cascade):
    await saved(api, world.teacher, teacher_input())
    await saved(api, world.principal, teacher_input(), version=1)  # now at version 2
    await refused(api, world.teacher, teacher_input(), 1, [("STALE_VERSION", ["version"])])
    await refused(api, world.teacher, teacher_input(), None, [("STALE_VERSION", ["version"])])
    await refused(api, world.principal, skp_input(TEACHER_2, item("Tugas", qual())), 4,
                  [("STALE_VERSION", ["version"])], message="omit version")
    before = await counts()
    for document, extra in ((SUBMIT, {}), (REVISE, {})):
        done = await step(api, world.teacher, document, nip=TEACHER_1, version=1, **extra)
        assert found(done) == [("STALE_VERSION", ["version"])]
    done = await step(api, cascade, APPROVE, nip=PRINCIPAL, version=99)
    assert found(done) == [("STALE_VERSION", ["version"])]
    assert await counts() == before


async def test_caps_texts_and_values(api, world, cascade):
    long = "x" * 501
    await api.gql("""mutation { createAgency(input: {code: "DPMPTSP", name: "DPMPTSP"}) { errors { code } } }""",
                  token=world.admin)
    await load_specs(api, world)  # now with another agency's indicators
    cases = [
        (skp_input(TEACHER_1, *[item(f"Tugas {n}", qual()) for n in range(51)]), [("TOO_MANY", ["input", "items"])]),
        (skp_input(TEACHER_1, item("Tugas", *[qual() for _ in range(11)])),
         [("TOO_MANY", ["input", "items", "0", "indicators"])]),
        (skp_input(TEACHER_1, item(long, qual())), [("TOO_LONG", ["input", "items", "0", "workResult"])]),
        (skp_input(TEACHER_1, item("  ", qual())), [("REQUIRED", ["input", "items", "0", "workResult"])]),
        (skp_input(TEACHER_1, item("Tugas", qual(text=long))),
         [("TOO_LONG", ["input", "items", "0", "indicators", "0", "text"])]),
        (skp_input(TEACHER_1, item("Tugas", {"aspect": "QUALITY", "text": "Teks"})),
         [("REQUIRED", ["input", "items", "0", "indicators", "0", "expectedOutput"])]),
        (skp_input(TEACHER_1, item("Tugas", {"aspect": "QUALITY", "text": "T", "expectedOutput": "O",
                                             "indicator": "DISDIK.KELULUSAN", "target": 1})),
         [("INVALID", ["input", "items", "0", "indicators", "0"])]),
        (skp_input(TEACHER_1, item("Tugas", {"aspect": "TIME"})), [("INVALID", ["input", "items", "0", "indicators", "0"])]),
        (skp_input(TEACHER_1, item("Tugas", quant(0))), [("INVALID_VALUE", ["input", "items", "0", "indicators", "0", "target"])]),
        (skp_input(TEACHER_1, item("Tugas", quant(-5))), [("INVALID_VALUE", ["input", "items", "0", "indicators", "0", "target"])]),
        (skp_input(TEACHER_1, item("Tugas", quant(1e13))), [("INVALID_VALUE", ["input", "items", "0", "indicators", "0", "target"])]),
        (skp_input(TEACHER_1, item("Tugas", {"aspect": "QUANTITY", "indicator": "DISDIK.KELULUSAN"})),
         [("REQUIRED", ["input", "items", "0", "indicators", "0", "target"])]),
        (skp_input(TEACHER_1, item("Tugas", quant(5, "DISDIK.TIDAK_ADA"))),
         [("NOT_FOUND", ["input", "items", "0", "indicators", "0", "indicator"])]),
        (skp_input(TEACHER_1, item("Tugas", quant(5, "DPMPTSP.IZIN_TEPAT_WAKTU"))),
         [("WRONG_AGENCY", ["input", "items", "0", "indicators", "0", "indicator"])]),
        (skp_input(TEACHER_1, item("Tugas", qual(), key="X1")), [("INVALID_KEY", ["input", "items", "0", "key"])]),
        (skp_input(TEACHER_1, item("Tugas", qual(), key="R7")), [("NOT_FOUND", ["input", "items", "0", "key"])]),
        (skp_input(TEACHER_1, item("Tugas", qual()), expectations=[{"value": "JUJUR", "text": "x"}]),
         [("INVALID_VALUE", ["input", "expectations", "0", "value"])]),
        (skp_input(TEACHER_1, item("Tugas", qual()), expectations=[{"value": "LOYAL", "text": "a"},
                                                                   {"value": "LOYAL", "text": "b"}]),
         [("DUPLICATE", ["input", "expectations", "1", "value"])]),
        (skp_input(TEACHER_1, item("Tugas", qual()), expectations=[{"value": "LOYAL", "text": "x" * 1001}]),
         [("TOO_LONG", ["input", "expectations", "0", "text"])]),
        (skp_input(TEACHER_1, item("Tugas", qual()), expectations=[{"value": "LOYAL", "text": "x"}] * 8),
         [("TOO_MANY", ["input", "expectations"])]),
        (skp_input(TEACHER_1, item("Tugas", qual()), attachments={"resources": ["a"] * 21}),
         [("TOO_MANY", ["input", "attachments", "resources"])]),
        (skp_input(TEACHER_1, item("Tugas", qual()), attachments={"consequences": ["ok", long]}),
         [("TOO_LONG", ["input", "attachments", "consequences", "1"])]),
        (skp_input(TEACHER_1, item("Tugas", qual()), cycle=2031), [("NOT_FOUND", ["input", "cycle"])]),
        # several problems at once: each named
        (skp_input(TEACHER_1, item(long, quant(0)), item("Tugas", qual(), parentKey="R9")),
         [("TOO_LONG", ["input", "items", "0", "workResult"]),
          ("INVALID_VALUE", ["input", "items", "0", "indicators", "0", "target"]),
          ("INVALID_PARENT", ["input", "items", "1", "parentKey"])]),
    ]
    for input_, expected in cases:
        await refused(api, world.teacher, input_, None, expected)
    # on an existing SKP too: a key given twice
    await saved(api, world.teacher, teacher_input())
    await refused(api, world.teacher, skp_input(TEACHER_1, item("A", qual(), key="R1"), item("B", qual(), key="R1")),
                  1, [("DUPLICATE", ["input", "items", "1", "key"])])
    # an enum outside its values: refused by the schema, nothing written
    before = await counts()
    errors = await api.errors("""mutation($input: SkpInput!) { saveSkp(input: $input) { errors { code } } }""",
                              token=world.teacher, input=skp_input(TEACHER_1, item("Tugas", qual(), kind="OTHER")))
    assert "RhkKind" in errors[0]["message"]
    assert await counts() == before


async def test_a_return_needs_a_note_and_writes_only_in_planning_or_active(api, world, cascade):
    await saved(api, world.teacher, teacher_input())
    await step(api, world.teacher, SUBMIT, nip=TEACHER_1, version=1)
    before = await counts()
    for note, code in (("  ", "REQUIRED"), ("x" * 1001, "TOO_LONG")):
        done = await step(api, world.principal, RETURN, nip=TEACHER_1, version=2, note=note)
        assert found(done) == [(code, ["note"])]
    assert await counts() == before
    for status in ("ACTIVE", "EVALUATION"):
        assert (await api.gql(STATUS, token=world.admin, s=status))["setCycleStatus"]["errors"] == []
    before = await counts()
    done = await step(api, world.principal, APPROVE, nip=TEACHER_1, version=2)
    assert found(done) == [("CYCLE_STATE", ["cycle"])]
    await refused(api, world.principal, skp_input(TEACHER_2, item("Tugas", qual())), None,
                  [("CYCLE_STATE", ["input", "cycle"])])
    assert await counts() == before
