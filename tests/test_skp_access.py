"""Who may read, save, submit, approve, return and revise an SKP; out of scope answers exactly as unknown."""

from kinerja.models import Skp
from skp_world import (APPROVE, CHANGES, MATRIX, READ, RETURN, REVISE, SUBMIT, approved_principal_skp, counts,
                       head_token, item, load_specs, qual, save, saved, skp_input, step, teacher_input)
from world import HEAD, PRINCIPAL, TEACHER_1, nip

UNKNOWN = nip(999)


def shaped(errors: list[dict], asked: str) -> list[tuple]:
    """Errors with the NIP asked for taken out of the message: what an unknown and an out-of-scope NIP share."""
    return [(e["code"], e["path"], e["message"].replace(asked, "<nip>")) for e in errors]


async def test_reads_follow_the_scope_and_out_of_scope_reads_as_unknown(api, world):
    await load_specs(api, world)
    head = await head_token()
    await approved_principal_skp(api, world, head)
    await saved(api, world.teacher, teacher_input())
    for token in (world.teacher, world.principal, head, world.disdik_admin, world.admin):
        read = (await api.gql(READ, token=token, nip=TEACHER_1, cycle=2025))["skp"]
        assert read is not None and read["nip"] == TEACHER_1, token
    for token in (world.dinkes_admin, world.nurse):
        assert (await api.gql(READ, token=token, nip=TEACHER_1, cycle=2025))["skp"] is None
        assert (await api.gql(READ, token=token, nip=UNKNOWN, cycle=2025))["skp"] is None
    # the teacher does not see the supervisor's SKP (today's scoping: oneself and below)
    assert (await api.gql(READ, token=world.teacher, nip=PRINCIPAL, cycle=2025))["skp"] is None
    assert (await api.gql(READ, token=world.principal, nip=PRINCIPAL, cycle=2025))["skp"]["status"] == "APPROVED"
    # the matrix and the comparison: NOT_FOUND for both, the same error
    for query, variables in ((MATRIX, {}), (CHANGES, {"from": 1, "to": 1})):
        hidden = await api.errors(query, token=world.nurse, nip=PRINCIPAL, **variables)
        unknown = await api.errors(query, token=world.nurse, nip=UNKNOWN, **variables)
        assert [e["extensions"]["code"] for e in hidden] == ["NOT_FOUND"]
        assert ([(e["extensions"], e["message"].replace(PRINCIPAL, "<nip>")) for e in hidden]
                == [(e["extensions"], e["message"].replace(UNKNOWN, "<nip>")) for e in unknown])
    assert (await api.gql(MATRIX, token=world.disdik_admin, nip=PRINCIPAL))["skpMatrix"][1]["contributions"]


async def test_who_may_save_and_submit(api, world):
    await load_specs(api, world)
    head = await head_token()
    await approved_principal_skp(api, world, head)
    before = await counts()
    # not the agency admin, not the supervisor's supervisor: FORBIDDEN (they see the person)
    for token in (world.disdik_admin, head):
        answer = await save(api, token, teacher_input())
        assert [(e["code"], e["path"]) for e in answer["errors"]] == [("FORBIDDEN", ["input", "nip"])], token
    # out of scope: as an unknown NIP
    for token in (world.dinkes_admin, world.nurse):
        hidden = await save(api, token, teacher_input())
        unknown_input = teacher_input()
        unknown_input["nip"] = UNKNOWN
        unknown = await save(api, token, unknown_input)
        assert shaped(hidden["errors"], TEACHER_1) == shaped(unknown["errors"], UNKNOWN)
        assert [e["code"] for e in hidden["errors"]] == ["NOT_FOUND"] and hidden["skp"] is None
    assert await counts() == before
    assert not await Skp.filter(person__nip=TEACHER_1).exists()
    # the person, the direct supervisor and ADMIN may
    version = (await saved(api, world.teacher, teacher_input()))["version"]
    version = (await saved(api, world.principal, teacher_input(), version=version))["version"]
    version = (await saved(api, world.admin, teacher_input(), version=version))["version"]
    for token in (world.disdik_admin, head):
        done = await step(api, token, SUBMIT, nip=TEACHER_1, version=version)
        assert [(e["code"], e["path"]) for e in done["errors"]] == [("FORBIDDEN", ["nip"])]
    done = await step(api, world.nurse, SUBMIT, nip=TEACHER_1, version=version)
    assert [e["code"] for e in done["errors"]] == ["NOT_FOUND"]
    done = await step(api, world.principal, SUBMIT, nip=TEACHER_1, version=version)
    assert done["errors"] == [] and done["skp"]["status"] == "SUBMITTED"


async def test_only_the_assessing_official_approves_or_returns(api, world):
    await load_specs(api, world)
    head = await head_token()
    await approved_principal_skp(api, world, head)
    await saved(api, world.teacher, teacher_input())
    await step(api, world.teacher, SUBMIT, nip=TEACHER_1, version=1)
    before = await counts()
    # the person themselves, the supervisor's supervisor, the agency admin, and ADMIN (the teacher has a supervisor)
    for token in (world.teacher, head, world.disdik_admin, world.admin):
        for document, extra in ((APPROVE, {}), (RETURN, {"note": "Perbaiki"})):
            done = await step(api, token, document, nip=TEACHER_1, version=2, **extra)
            assert [(e["code"], e["path"]) for e in done["errors"]] == [("FORBIDDEN", ["nip"])], (token, document)
    for token in (world.dinkes_admin, world.nurse):
        hidden = await step(api, token, APPROVE, nip=TEACHER_1, version=2)
        unknown = await step(api, token, APPROVE, nip=UNKNOWN, version=2)
        assert shaped(hidden["errors"], TEACHER_1) == shaped(unknown["errors"], UNKNOWN)
        assert [e["code"] for e in hidden["errors"]] == ["NOT_FOUND"]
    assert await counts() == before
    assert (await Skp.get(person__nip=TEACHER_1)).status == "SUBMITTED"
    done = await step(api, world.principal, APPROVE, nip=TEACHER_1, version=2)
    assert done["skp"]["status"] == "APPROVED"
    # revising: the person, the supervisor or ADMIN; not the agency admin
    done = await step(api, world.disdik_admin, REVISE, nip=TEACHER_1, version=3)
    assert [e["code"] for e in done["errors"]] == ["FORBIDDEN"]
    done = await step(api, world.teacher, REVISE, nip=TEACHER_1, version=3)
    assert done["skp"]["revision"] == 2


async def test_admin_decides_for_a_person_without_a_supervisor(api, world):
    await load_specs(api, world)
    head = await head_token()
    skp = await saved(api, head, skp_input(HEAD, item("Mutu pendidikan kota meningkat", qual(),
                                                      intervention="Tujuan: mutu pendidikan")))
    assert skp["items"][0]["intervention"] == "Tujuan: mutu pendidikan"
    await step(api, head, SUBMIT, nip=HEAD, version=1)
    for token in (head, world.disdik_admin, world.principal):
        done = await step(api, token, APPROVE, nip=HEAD, version=2)
        assert [e["code"] for e in done["errors"]] in (["FORBIDDEN"], ["NOT_FOUND"]), token
    # the principal cannot see HEAD: NOT_FOUND, as for an unknown NIP
    done = await step(api, world.principal, APPROVE, nip=HEAD, version=2)
    assert [e["code"] for e in done["errors"]] == ["NOT_FOUND"]
    done = await step(api, world.admin, APPROVE, nip=HEAD, version=2)
    assert done["errors"] == [] and done["skp"]["status"] == "APPROVED"
