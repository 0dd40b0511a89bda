"""skpParentOptions: what a person's RHK may name as intervensi (the direct supervisor's RHK keys and work results,
also for an employee who may not read the supervisor's SKP itself), scoped like the person."""

from skp_world import READ, REVISE, approved_principal_skp, head_token, item, load_specs, qual, saved, skp_input, step
from world import DINKES_HEAD, HEAD, PRINCIPAL, TEACHER_1

OPTIONS = """query($nip: String!, $cycle: Int!) { skpParentOptions(nip: $nip, cycle: $cycle) {
  hasSupervisor items { key workResult } } }"""


async def options(api, token, nip, cycle=2025):
    return await api.gql(OPTIONS, token=token, nip=nip, cycle=cycle)


async def test_the_teacher_sees_the_principals_rhk_though_not_the_principals_skp(api, world):
    await load_specs(api, world)
    # no SKP of the principal yet: a supervisor, and nothing to name
    assert (await options(api, world.teacher, TEACHER_1))["skpParentOptions"] == {"hasSupervisor": True, "items": []}
    head = await head_token()
    await approved_principal_skp(api, world, head)
    assert (await api.gql(READ, token=world.teacher, nip=PRINCIPAL, cycle=2025))["skp"] is None  # out of scope
    found = (await options(api, world.teacher, TEACHER_1))["skpParentOptions"]
    assert found == {"hasSupervisor": True, "items": [
        {"key": "R1", "workResult": "Mutu pembelajaran SD meningkat"},
        {"key": "R2", "workResult": "Partisipasi orang tua meningkat"}]}
    # the principal's supervisor (HEAD) reads the same for the principal's subordinate
    assert (await options(api, world.principal, TEACHER_1))["skpParentOptions"] == found
    # a revision in progress does not change what is in force (the approved revision's RHK)
    done = await step(api, world.principal, REVISE, nip=PRINCIPAL, version=3)
    assert done["errors"] == []
    await saved(api, world.principal, skp_input(PRINCIPAL, item("Mutu baru", qual())), version=done["skp"]["version"])
    assert (await options(api, world.teacher, TEACHER_1))["skpParentOptions"] == found
    # another cycle: no SKP of the supervisor there
    assert (await options(api, world.teacher, TEACHER_1, 2024))["skpParentOptions"]["items"] == []


async def test_a_person_without_supervisor_names_the_agency_goal(api, world):
    assert (await options(api, world.admin, DINKES_HEAD))["skpParentOptions"] == {"hasSupervisor": False, "items": []}
    assert (await options(api, world.admin, HEAD))["skpParentOptions"]["hasSupervisor"] is False


async def test_out_of_scope_and_unknown_answer_alike(api, world):
    answers = [await api.errors(OPTIONS, token=world.teacher, nip=nip, cycle=2025)
               for nip in (PRINCIPAL, DINKES_HEAD, "199999999999999999")]
    assert [[e["extensions"]["code"] for e in errors] for errors in answers] == [["NOT_FOUND"]] * 3
    assert len({errors[0]["message"].replace(nip, "") for errors, nip in zip(
        answers, (PRINCIPAL, DINKES_HEAD, "199999999999999999"))}) == 1
    # the agency admin of another agency does not see DISDIK's people either
    other = await api.errors(OPTIONS, token=world.dinkes_admin, nip=TEACHER_1, cycle=2025)
    assert other[0]["extensions"]["code"] == "NOT_FOUND"
