"""myTasks ("Tugas saya", services/tasks/awaiting.py): what awaits the signed-in viewer now, through the real app on
SQLite and PostgreSQL. Each kind appears when it is due and goes when it is done; a viewer sees only its own tasks;
the assessing official of each period (acting officials, people who moved) is the services' rule, in a batch that
agrees with the one-person rule; the statements a request takes do not grow with the people."""

from __future__ import annotations

import dataclasses
import datetime as dt

from tortoise import connections

from kinerja.models import Person, Post
from kinerja.services.auth import tokens
from kinerja.services.core import clock
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.cycles import gate
from kinerja.services.evaluation import officials
from kinerja.services.org import agencies, people, placements
from kinerja.services.org.head_posts import create_head_posts
from kinerja.services.tasks import awaiting
from skp_world import APPROVE, RETURN, SUBMIT, item, qual, saved, skp_input, step
from test_assessments import entry, ok as assessed, submit, to_evaluation
from world import CLERK, DINKES_HEAD, HEAD, PRINCIPAL, TEACHER_1, TEACHER_2, nip, person

PRINCIPAL_2 = nip(21)  # Kepala SD Negeri 002, under HEAD
SK = "SK Wali Kota 800/123/2025"

TASKS = """{ myTasks { today total groups { kind period cycle count items { period cycle nip name position
  objectionId targetId workResult indicator indicatorName draftId agency agencyName } } } }"""
STATUS = """mutation($s: CycleStatus!, $r: String) { setCycleStatus(year: 2025, status: $s, reason: $r) {
  errors { code message } } }"""
FINALIZE = """mutation($nip: String!, $period: String!) { finalizeRating(input: {nip: $nip, period: $period,
  overrideReason: "uji", curveJustification: "uji"}) { errors { code message } } }"""
TARGETS = """mutation($input: [TargetInput!]!) { setTargets(input: $input) { targets { id } errors { code message } } }"""
MEASURE = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) { errors { code message } } }"""
FILE = """mutation($nip: String!) { fileObjection(nip: $nip, period: "2025", reason: "Capaian tidak dipertimbangkan") {
  objection { id } errors { code message } } }"""
DECIDE = """mutation($id: ID!, $ref: String) { decideObjection(input: {id: $id, outcome: UPHELD, reason: "Sesuai bukti",
  reference: $ref}) { errors { code message } } }"""
TRANSFER = """mutation($input: TransferInput!) { transferPerson(input: $input) { errors { path code message } } }"""
ACTING = """mutation($input: ActingInput!) { appointActing(input: $input) { acting { id } errors { path code message } } }"""
SAVE_DRAFT = """mutation($y: String!) { saveIndicatorDraft(input: {agency: "DISDIK", yaml: $y}) {
  draft { id version } errors { path code message } } }"""
SUBMIT_DRAFT = """mutation($id: Int!, $v: Int!) { submitIndicatorDraft(id: $id, version: $v) { draft { id version }
  errors { code } } }"""
REJECT_DRAFT = """mutation($id: Int!, $v: Int!) { rejectIndicatorDraft(id: $id, note: "Sasaran belum jelas", version: $v) {
  draft { id version } errors { code } } }"""
DRAFT_YAML = """code: UJI_TUGAS
name: Uji tugas
unit: persen
direction: higher_is_better
level: person
periods: [quarter, year]
inputs:
  hadir: {type: integer, min: 0}
  undangan: {type: integer, min: 1}
checks: ["hadir <= undangan"]
formula: hadir / undangan * 100
target: 80
"""
GIVE = """mutation($input: AssessmentInput!) { submitSupervisorAssessment(input: $input) {
  errors { path code message } } }"""  # the person may be out of the assessor's scope: no Person asked back
YEAR = ("2025-Q1", "2025-Q2", "2025-Q3", "2025")  # the evaluation periods of 2025 (Q4 is folded into the year)


async def tasks(api, token: str) -> dict:
    return (await api.gql(TASKS, token=token))["myTasks"]


def listed(answer: dict, kind: str) -> dict[str, list[str]]:
    """period (or cycle) -> the keys of the items of that kind: NIPs, objection, draft or target ids."""
    found = {}
    for g in answer["groups"]:
        if g["kind"] == kind:
            key = g["period"] or (str(g["cycle"]) if g["cycle"] else "-")
            assert key not in found, f"two groups of {kind} for {key}"
            assert g["count"] == len(g["items"]) or len(g["items"]) == awaiting.ITEMS_MAX, g
            found[key] = [i["objectionId"] or (str(i["draftId"]) if i["draftId"] else None) or i["targetId"]
                          or i["nip"] for i in g["items"]]
    return found


def kinds(answer: dict) -> set[str]:
    return {g["kind"] for g in answer["groups"]}


def total_is_the_counts(answer: dict) -> None:
    assert answer["total"] == sum(g["count"] for g in answer["groups"])


async def ok_gql(api, token, query, **variables) -> dict:
    payload = next(iter((await api.gql(query, token=token, **variables)).values()))
    assert not payload.get("errors"), payload
    return payload


# -- who may ask -------------------------------------------------------------------------------------------------

async def test_unauthenticated_and_bad_requests_are_refused(api, world):
    errors = await api.errors(TASKS)
    assert [e["extensions"]["code"] for e in errors] == ["UNAUTHENTICATED"]
    errors = await api.errors(TASKS, token="not-a-token")
    assert [e["extensions"]["code"] for e in errors] == ["UNAUTHENTICATED"]
    # it takes no arguments (a viewer cannot ask for someone else's tasks)
    errors = await api.errors('{ myTasks(nip: "%s") { total } }' % TEACHER_1, token=world.principal)
    assert errors and "nip" in errors[0]["message"]
    # a session signed in with a one-time password may only change it
    from kinerja.services.auth import sessions

    reset_by_someone = Access(dataclasses.replace(SYSTEM, token_id=1))  # not the operator: a one-time password
    await sessions.set_password(reset_by_someone, TEACHER_1, "kata-sandi-sekali-pakai")
    login = await api.gql("""mutation { login(nip: "%s", password: "kata-sandi-sekali-pakai") { token
      mustChangePassword } }""" % TEACHER_1)
    assert login["login"]["mustChangePassword"] is True
    errors = await api.errors(TASKS, token=login["login"]["token"])
    assert [e["extensions"]["code"] for e in errors] == ["PASSWORD_CHANGE_REQUIRED"]


# -- my own self-assessment ----------------------------------------------------------------------------------------

async def test_self_assessment_is_due_per_open_period_and_goes_when_written_or_finalized(api, world):
    with clock.pinned("2025-11-20"):
        assert (await tasks(api, world.teacher))["groups"] == []  # PLANNING: nothing to assess
        await to_evaluation(api, world)
    with clock.pinned("2025-08-15"):  # the year's evaluation (Triwulan IV / Akhir Tahun) has not begun
        mine = await tasks(api, world.teacher)
        assert mine["today"] == "2025-08-15"
        assert listed(mine, "SELF_ASSESSMENT") == {p: [TEACHER_1] for p in ("2025-Q1", "2025-Q2", "2025-Q3")}
    with clock.pinned("2025-11-20"):
        mine = await tasks(api, world.teacher)
        assert listed(mine, "SELF_ASSESSMENT") == {p: [TEACHER_1] for p in YEAR}
        assert [g["period"] for g in mine["groups"]] == list(YEAR)  # oldest first; never 2025-Q4
        total_is_the_counts(mine)
        await assessed(api, world.teacher, "SELF", **entry(TEACHER_1, "2025-Q2"))
        # a finalized rating takes no self-assessment: Q1 goes too
        await assessed(api, world.principal, "SUPERVISOR", **entry(TEACHER_1, "2025-Q1"))
        await ok_gql(api, world.principal, FINALIZE, nip=TEACHER_1, period="2025-Q1")
        mine = await tasks(api, world.teacher)
        assert listed(mine, "SELF_ASSESSMENT") == {"2025-Q3": [TEACHER_1], "2025": [TEACHER_1]}
        assert mine["total"] == 2
        # another employee's own are untouched, and nobody else's show
        other = await tasks(api, (await tokens.create_token("EMPLOYEE", nip=TEACHER_2)))
        assert listed(other, "SELF_ASSESSMENT") == {p: [TEACHER_2] for p in YEAR}
        for token in (world.admin, world.disdik_admin, world.dinkes_admin):
            assert "SELF_ASSESSMENT" not in kinds(await tasks(api, token))
    with clock.pinned("2026-01-10"):  # back to ACTIVE: nothing to assess any more
        assert (await api.gql(STATUS, token=world.admin, s="ACTIVE", r="data belum lengkap"))[
            "setCycleStatus"]["errors"] == []
        assert "SELF_ASSESSMENT" not in kinds(await tasks(api, world.teacher))


# -- assessments to write and ratings to finalize -----------------------------------------------------------------------

async def test_assessments_to_write_then_ratings_to_finalize(api, world):
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    admin_as_head = await tokens.create_token("ADMIN", nip=HEAD)
    with clock.pinned("2025-11-20"):
        assert "ASSESSMENTS" not in kinds(await tasks(api, world.principal))  # PLANNING
        await to_evaluation(api, world)
        principal = await tasks(api, world.principal)
        # by name: Citra (TEACHER_1), Dewi (TEACHER_2); Budi (PRINCIPAL), Eko (CLERK)
        assert listed(principal, "ASSESSMENTS") == {p: [TEACHER_1, TEACHER_2] for p in YEAR}
        assert listed(await tasks(api, head), "ASSESSMENTS") == {p: [PRINCIPAL, CLERK] for p in YEAR}
        assert "ASSESSMENTS" not in kinds(await tasks(api, world.teacher))
        item = principal["groups"][4]["items"][0]
        assert item["name"] == "Citra Lestari" and item["position"] == "Guru Kelas" and item["cycle"] == 2025
        # ADMIN stands in where nobody assesses (the agency heads), never for its own person
        assert listed(await tasks(api, admin_as_head), "ASSESSMENTS") == {p: [DINKES_HEAD] for p in YEAR}
        assert "ASSESSMENTS" not in kinds(await tasks(api, world.admin))  # a token of nobody assesses nobody
        for token in (world.disdik_admin, world.dinkes_admin, world.nurse):
            assert not kinds(await tasks(api, token)) & {"ASSESSMENTS", "RATINGS_TO_FINALIZE"}

        await assessed(api, world.principal, "SUPERVISOR", **entry(TEACHER_1, "2025"))
        await assessed(api, admin_as_head, "SUPERVISOR", **entry(DINKES_HEAD, "2025"))
        principal = await tasks(api, world.principal)
        assert listed(principal, "ASSESSMENTS")["2025"] == [TEACHER_2]
        assert listed(principal, "RATINGS_TO_FINALIZE") == {"2025": [TEACHER_1]}
        for token in (world.admin, admin_as_head):  # ADMIN finalizes where it stood in, person or not
            assert listed(await tasks(api, token), "RATINGS_TO_FINALIZE") == {"2025": [DINKES_HEAD]}
        assert "RATINGS_TO_FINALIZE" not in kinds(await tasks(api, head))

        await ok_gql(api, world.principal, FINALIZE, nip=TEACHER_1, period="2025")
        await ok_gql(api, world.admin, FINALIZE, nip=DINKES_HEAD, period="2025")
        principal = await tasks(api, world.principal)
        assert "RATINGS_TO_FINALIZE" not in kinds(principal)
        assert listed(principal, "ASSESSMENTS") == {**{p: [TEACHER_1, TEACHER_2] for p in YEAR[:3]},
                                                     "2025": [TEACHER_2]}
        assert "RATINGS_TO_FINALIZE" not in kinds(await tasks(api, world.admin))
        total_is_the_counts(principal)
    with clock.pinned("2026-01-10"):  # CLOSED: nothing more can be written
        for status in ("CLOSED",):
            assert (await api.gql(STATUS, token=world.admin, s=status))["setCycleStatus"]["errors"] == []
        assert not kinds(await tasks(api, world.principal)) & {"ASSESSMENTS", "SELF_ASSESSMENT"}


async def moves(api, world) -> dict[str, str]:
    """The world with SD Negeri 002 (head PRINCIPAL_2) and a year of changes, as of 20 November 2025:
    - TEACHER_1 moved to SD Negeri 002 on 1 July (Q1, Q2 assessed by PRINCIPAL; Q3 and the year by PRINCIPAL_2);
    - PRINCIPAL moved to the Sekretariat on 1 August: TEACHER_2 reports to the vacant post, where PRINCIPAL_2 acts
      as Plt from 10 August (Q3 and the year: PRINCIPAL_2);
    - CLERK stood in for HEAD as Plh through September: Q3 of PRINCIPAL (now under HEAD) is CLERK's, CLERK's own
      Q3 stays HEAD's (nobody assesses themselves)."""
    access = Access(SYSTEM)
    await agencies.create_unit(access, "DISDIK", "SDN-002", "SD Negeri 002 Tanjungpinang", None)
    await people.upsert_people(access, [person(PRINCIPAL_2, "Hana Wijaya", "DISDIK", "SDN-002", HEAD,
                                               "Kepala Sekolah")])
    await Person.all().update(assigned_since=None)
    await create_head_posts(connections.get("default"), "test")
    sdn1 = (await Post.get(head_of__code="SDN-001")).id
    sekretariat = (await Post.get(head_of__code="SEKRETARIAT")).id
    with clock.pinned("2025-07-10"):
        await ok_gql(api, world.disdik_admin, TRANSFER, input={"nip": TEACHER_1, "effective": "2025-07-01",
                                                               "unit": "SDN-002", "reason": SK})
    with clock.pinned("2025-08-10"):
        await ok_gql(api, world.disdik_admin, TRANSFER, input={
            "nip": PRINCIPAL, "effective": "2025-08-01", "unit": "SEKRETARIAT", "position": "Analis Kebijakan",
            "reason": SK})
        await ok_gql(api, world.disdik_admin, ACTING, input={
            "post": str(sdn1), "nip": PRINCIPAL_2, "kind": "PLT", "startsOn": "2025-08-10", "endsOn": "2025-12-31",
            "decree": SK})
        await ok_gql(api, world.disdik_admin, ACTING, input={
            "post": str(sekretariat), "nip": CLERK, "kind": "PLH", "startsOn": "2025-09-01", "endsOn": "2025-09-30",
            "decree": SK})
    with clock.pinned("2025-11-20"):
        await to_evaluation(api, world)
    return {name: await tokens.create_token("EMPLOYEE", nip=who)
            for name, who in (("head", HEAD), ("clerk", CLERK), ("principal_2", PRINCIPAL_2))}


async def test_the_official_of_each_period_assesses_acting_and_moved_people_included(api, world):
    extra = await moves(api, world)
    with clock.pinned("2025-11-20"):
        assert listed(await tasks(api, world.principal), "ASSESSMENTS") == {
            "2025-Q1": [TEACHER_1, TEACHER_2], "2025-Q2": [TEACHER_1, TEACHER_2]}
        assert listed(await tasks(api, extra["principal_2"]), "ASSESSMENTS") == {
            "2025-Q3": [TEACHER_1, TEACHER_2], "2025": [TEACHER_1, TEACHER_2]}
        # the Plh held HEAD's authority on Q3's last day: over everyone under HEAD but themselves
        assert listed(await tasks(api, extra["clerk"]), "ASSESSMENTS") == {"2025-Q3": [PRINCIPAL, PRINCIPAL_2]}
        # by name: Budi (PRINCIPAL), Eko (CLERK), Hana (PRINCIPAL_2)
        assert listed(await tasks(api, extra["head"]), "ASSESSMENTS") == {
            "2025-Q1": [PRINCIPAL, CLERK, PRINCIPAL_2], "2025-Q2": [PRINCIPAL, CLERK, PRINCIPAL_2],
            "2025-Q3": [CLERK], "2025": [PRINCIPAL, CLERK, PRINCIPAL_2]}
        # what the list says is what the services let each do: the Plt writes TEACHER_2's Q3, PRINCIPAL does not
        assert (await submit(api, extra["principal_2"], "SUPERVISOR", **entry(TEACHER_2, "2025-Q3")))["errors"] == []
        refused = await submit(api, world.principal, "SUPERVISOR", **entry(TEACHER_2, "2025"))
        assert [e["code"] for e in refused["errors"]] in (["FORBIDDEN"], ["NOT_FOUND"])
        assert listed(await tasks(api, extra["principal_2"]), "ASSESSMENTS")["2025-Q3"] == [TEACHER_1]
        assert listed(await tasks(api, extra["principal_2"]), "RATINGS_TO_FINALIZE") == {"2025-Q3": [TEACHER_2]}
        # the former principal still assesses the quarters the teachers spent under them
        given = await api.gql(GIVE, token=world.principal, input=entry(TEACHER_1, "2025-Q2"))
        assert given["submitSupervisorAssessment"]["errors"] == []
        assert listed(await tasks(api, world.principal), "RATINGS_TO_FINALIZE") == {"2025-Q2": [TEACHER_1]}
        await ok_gql(api, world.principal, FINALIZE, nip=TEACHER_1, period="2025-Q2")
        assert "RATINGS_TO_FINALIZE" not in kinds(await tasks(api, world.principal))


async def test_the_batch_rule_agrees_with_the_one_person_rule(api, world):
    await moves(api, world)
    with clock.pinned("2025-11-20"):
        everyone = await Person.all().order_by("id")
        periods = gate.evaluation_periods_of(2025, "QUARTERLY")
        days = [officials.day_of(p) for p in periods] + [dt.date(2025, 1, 1), dt.date(2025, 8, 9),
                                                         dt.date(2025, 8, 10), dt.date(2025, 9, 30)]
        batch = await placements.assessing_officials([(p, day) for p in everyone for day in days])
        for p in everyone:
            for day in days:
                assert batch[(p.id, day)] == await placements.assessing_official(p, day), (p.nip, day)
        # and the candidates hold everyone each official assesses, and whoever has none
        of = {(p.id, period): await officials.of_period(p, period) for p in everyone for period in periods}
        for official in [None, *everyone]:
            found = await officials.assessed_by(official.id if official else None, periods)
            for period in periods:
                expected = sorted(p.nip for p in everyone if (
                    of[(p.id, period)] is None if official is None
                    else of[(p.id, period)] is not None and of[(p.id, period)].person_id == official.id))
                assert sorted(p.nip for p in found[period]) == expected, (official and official.nip, period)
        assert any(found for found in of.values() if found and found.acting)  # the acting officials were there


# -- my own measurements ---------------------------------------------------------------------------------------------

async def test_measurements_are_due_once_their_period_ended(api, world):
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    created = (await ok_gql(api, world.admin, TARGETS, input=[
        {"cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "nip": TEACHER_1, "workResult": "Sosialisasi",
         "value": 75},
        {"cycle": 2025, "indicator": "DISDIK.KELULUSAN", "nip": TEACHER_1, "workResult": "Kelulusan", "value": 95},
        {"cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "nip": TEACHER_2, "workResult": "Sosialisasi",
         "value": 75}]))["targets"]
    quarterly, yearly, other = (t["id"] for t in created)
    with clock.pinned("2025-03-31"):
        assert (await tasks(api, world.teacher))["groups"] == []  # PLANNING takes no measurements
        assert (await api.gql(STATUS, token=world.admin, s="ACTIVE"))["setCycleStatus"]["errors"] == []
        assert "MEASUREMENTS" not in kinds(await tasks(api, world.teacher))  # Q1 ends today
    with clock.pinned("2025-04-01"):
        mine = await tasks(api, world.teacher)
        assert listed(mine, "MEASUREMENTS") == {"2025-Q1": [quarterly]}  # KELULUSAN is measured per year only
        (line,) = mine["groups"][0]["items"]
        assert line["workResult"] == "Sosialisasi" and line["indicator"] == "DISDIK.PARTISIPASI_MASYARAKAT"
        assert line["indicatorName"] and line["cycle"] == 2025
        # the supervisor and the agency admin do not get the teacher's own measurements
        for token in (world.principal, world.disdik_admin, world.admin):
            assert "MEASUREMENTS" not in kinds(await tasks(api, token))
        await ok_gql(api, world.teacher, MEASURE, input=[{"target": quarterly, "period": "2025-Q1",
                                                          "inputs": {"participants": 60, "invited": 80}}])
        assert "MEASUREMENTS" not in kinds(await tasks(api, world.teacher))
    with clock.pinned("2026-01-05"):
        mine = await tasks(api, world.teacher)
        assert listed(mine, "MEASUREMENTS") == {"2025-Q2": [quarterly], "2025-Q3": [quarterly],
                                                "2025-Q4": [quarterly], "2025": [quarterly, yearly]}
        assert listed(await tasks(api, await tokens.create_token("EMPLOYEE", nip=TEACHER_2)), "MEASUREMENTS") == {
            p: [other] for p in ("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2025")}
        total_is_the_counts(mine)
        for status in ("EVALUATION", "CLOSED"):
            assert (await api.gql(STATUS, token=world.admin, s=status))["setCycleStatus"]["errors"] == []
        assert "MEASUREMENTS" not in kinds(await tasks(api, world.teacher))  # CLOSED takes none


# -- SKPs to approve -------------------------------------------------------------------------------------------------

async def test_submitted_skps_await_whoever_decides_them(api, world):
    with clock.pinned("2025-05-20"):
        for who in (TEACHER_1, TEACHER_2, HEAD, CLERK):
            await saved(api, world.admin, skp_input(who, item("Rencana", qual())))
        for who in (TEACHER_1, TEACHER_2, HEAD):  # CLERK's stays a draft
            assert (await step(api, world.admin, SUBMIT, nip=who, version=1))["errors"] == []
        assert listed(await tasks(api, world.principal), "SKPS_TO_APPROVE") == {"2025": [TEACHER_1, TEACHER_2]}
        assert listed(await tasks(api, world.admin), "SKPS_TO_APPROVE") == {"2025": [HEAD]}  # no supervisor
        head = await tokens.create_token("EMPLOYEE", nip=HEAD)
        for token in (head, world.teacher, world.disdik_admin, world.dinkes_admin):
            assert "SKPS_TO_APPROVE" not in kinds(await tasks(api, token))
        # a Plh in the school's head post decides its staff's SKPs while the decree runs
        sdn1 = (await Post.get(head_of__code="SDN-001")).id
        await ok_gql(api, world.disdik_admin, ACTING, input={
            "post": str(sdn1), "nip": CLERK, "kind": "PLH", "startsOn": "2025-05-19", "endsOn": "2025-05-21",
            "decree": SK})
        clerk = await tokens.create_token("EMPLOYEE", nip=CLERK)
        assert listed(await tasks(api, clerk), "SKPS_TO_APPROVE") == {"2025": [TEACHER_1, TEACHER_2]}
        assert (await step(api, world.principal, APPROVE, nip=TEACHER_1, version=2))["errors"] == []
        assert (await step(api, clerk, RETURN, nip=TEACHER_2, version=2, note="Lengkapi"))["errors"] == []
        assert "SKPS_TO_APPROVE" not in kinds(await tasks(api, world.principal))
        assert "SKPS_TO_APPROVE" not in kinds(await tasks(api, clerk))
    with clock.pinned("2025-05-22"):  # the decree over: the Plh decides nothing any more
        assert (await step(api, world.admin, SUBMIT, nip=CLERK, version=1))["errors"] == []
        await saved(api, world.admin, skp_input(TEACHER_2, item("Rencana lengkap", qual())), version=3)
        assert (await step(api, world.admin, SUBMIT, nip=TEACHER_2, version=4))["errors"] == []
        assert listed(await tasks(api, head), "SKPS_TO_APPROVE") == {"2025": [CLERK]}
        assert listed(await tasks(api, world.principal), "SKPS_TO_APPROVE") == {"2025": [TEACHER_2]}
        assert "SKPS_TO_APPROVE" not in kinds(await tasks(api, clerk))
        await to_evaluation(api, world)  # an SKP is decided while the cycle is PLANNING or ACTIVE only
        assert "SKPS_TO_APPROVE" not in kinds(await tasks(api, head))
        assert "SKPS_TO_APPROVE" not in kinds(await tasks(api, world.admin))


# -- objections to decide ------------------------------------------------------------------------------------------

async def test_open_objections_await_the_superior_or_admin(api, world):
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    with clock.pinned("2025-11-20"):
        await to_evaluation(api, world)
        for assessor, who in ((world.principal, TEACHER_1), (head, PRINCIPAL)):
            await assessed(api, assessor, "SUPERVISOR", **entry(who, "2025"))
            await ok_gql(api, assessor, FINALIZE, nip=who, period="2025")
        assert "OBJECTIONS_TO_DECIDE" not in kinds(await tasks(api, head))  # none filed yet
        teacher = (await ok_gql(api, world.teacher, FILE, nip=TEACHER_1))["objection"]["id"]
        principal = (await ok_gql(api, world.principal, FILE, nip=PRINCIPAL))["objection"]["id"]
        # TEACHER_1's: assessed by PRINCIPAL, whose superior HEAD decides; PRINCIPAL's: HEAD has no superior
        mine = await tasks(api, head)
        assert listed(mine, "OBJECTIONS_TO_DECIDE") == {"2025": [teacher]}
        (line,) = [g for g in mine["groups"] if g["kind"] == "OBJECTIONS_TO_DECIDE"][0]["items"]
        assert line["nip"] == TEACHER_1 and line["name"] == "Citra Lestari"
        assert listed(await tasks(api, world.admin), "OBJECTIONS_TO_DECIDE") == {"2025": [principal]}
        for token in (world.principal, world.teacher, world.disdik_admin, world.dinkes_admin):
            assert "OBJECTIONS_TO_DECIDE" not in kinds(await tasks(api, token))
        await ok_gql(api, head, DECIDE, id=teacher)
        await ok_gql(api, world.admin, DECIDE, id=principal, ref="800/1/BKPSDM")
        assert "OBJECTIONS_TO_DECIDE" not in kinds(await tasks(api, head))
        assert "OBJECTIONS_TO_DECIDE" not in kinds(await tasks(api, world.admin))


# -- indicator drafts ------------------------------------------------------------------------------------------------

async def test_indicator_drafts_await_admin_then_the_agency_when_rejected(api, world):
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
    draft = (await ok_gql(api, world.disdik_admin, SAVE_DRAFT, y=DRAFT_YAML))["draft"]
    assert not kinds(await tasks(api, world.admin))  # a draft not submitted awaits nobody
    draft = (await ok_gql(api, world.disdik_admin, SUBMIT_DRAFT, id=draft["id"], v=draft["version"]))["draft"]
    mine = await tasks(api, world.admin)
    assert listed(mine, "INDICATOR_DRAFTS_TO_APPROVE") == {"-": [str(draft["id"])]}
    (line,) = mine["groups"][0]["items"]
    assert (line["indicator"], line["agency"]) == ("DISDIK.UJI_TUGAS", "DISDIK")
    assert line["agencyName"] == "Dinas Pendidikan Kota Tanjungpinang"
    assert mine["groups"][0]["period"] is None and mine["groups"][0]["cycle"] is None
    for token in (world.disdik_admin, world.dinkes_admin, world.principal):
        assert not kinds(await tasks(api, token)) & {"INDICATOR_DRAFTS_TO_APPROVE", "INDICATOR_DRAFTS_TO_REWORK"}
    draft = (await ok_gql(api, world.admin, REJECT_DRAFT, id=draft["id"], v=draft["version"]))["draft"]
    assert not kinds(await tasks(api, world.admin))
    assert listed(await tasks(api, world.disdik_admin), "INDICATOR_DRAFTS_TO_REWORK") == {"-": [str(draft["id"])]}
    assert not kinds(await tasks(api, world.dinkes_admin))  # another agency's draft is not its task
    await ok_gql(api, world.disdik_admin, SUBMIT_DRAFT, id=draft["id"], v=draft["version"])
    assert not kinds(await tasks(api, world.disdik_admin))
    assert listed(await tasks(api, world.admin), "INDICATOR_DRAFTS_TO_APPROVE") == {"-": [str(draft["id"])]}


# -- many people: the first twenty, every one counted, and a fixed number of statements ----------------------------------

async def test_a_long_list_shows_its_first_twenty_and_the_statements_do_not_grow(api, world, sql_counter):
    extra = await moves(api, world)
    admin_as_head = await tokens.create_token("ADMIN", nip=HEAD)
    viewers = {"teacher": world.teacher, "principal": world.principal, "admin": admin_as_head, **extra}

    async def statements() -> dict[str, int]:
        counted = {}
        with clock.pinned("2025-11-20"):
            for name, token in viewers.items():
                await tasks(api, token)  # the token is known (its first use is counted apart)
                with sql_counter:
                    await tasks(api, token)
                counted[name] = sql_counter.count
        return counted

    few = await statements()
    newcomers = [nip(100 + n, birth="19910101", appointed="201601") for n in range(30)]
    await people.upsert_people(Access(SYSTEM), [
        person(who, f"Guru {n:02d}", "DISDIK", "SDN-002", PRINCIPAL_2, "Guru Kelas") for n, who in enumerate(newcomers)])
    await Person.filter(nip__in=newcomers).update(assigned_since=None)  # there since before the year
    many = await statements()
    assert many == few, (few, many)
    assert max(many.values()) <= 30, many
    with clock.pinned("2025-11-20"):
        mine = await tasks(api, extra["principal_2"])
    groups = {g["period"]: g for g in mine["groups"] if g["kind"] == "ASSESSMENTS"}
    assert set(groups) == {"2025-Q1", "2025-Q2", "2025-Q3", "2025"}
    assert groups["2025-Q1"]["count"] == 30 and groups["2025"]["count"] == 32
    names = [i["name"] for i in groups["2025"]["items"]]
    assert len(names) == awaiting.ITEMS_MAX and names == sorted(names, key=str.casefold)
    assert names[0] == "Citra Lestari" and "Dewi Anggraini" in names  # by name among the newcomers
    total_is_the_counts(mine)


def test_periods_open_as_their_first_day_comes():
    from types import SimpleNamespace

    cycle = SimpleNamespace(year=2025, periodicity="QUARTERLY", status="EVALUATION")
    assert awaiting.open_evaluation_periods(cycle, dt.date(2025, 3, 31)) == ["2025-Q1"]
    assert awaiting.open_evaluation_periods(cycle, dt.date(2025, 9, 30)) == ["2025-Q1", "2025-Q2", "2025-Q3"]
    assert awaiting.open_evaluation_periods(cycle, dt.date(2025, 10, 1)) == list(YEAR)
    assert awaiting.open_evaluation_periods(SimpleNamespace(**{**vars(cycle), "status": "ACTIVE"}),
                                            dt.date(2026, 1, 1)) == []
    monthly = SimpleNamespace(year=2025, periodicity="MONTHLY", status="EVALUATION")
    assert awaiting.open_evaluation_periods(monthly, dt.date(2025, 11, 30))[-1] == "2025-11"
    assert awaiting.open_evaluation_periods(monthly, dt.date(2025, 12, 1))[-1] == "2025"
    active = SimpleNamespace(year=2025, periodicity="QUARTERLY", status="ACTIVE")
    assert awaiting.ended_periods(active, dt.date(2025, 3, 31)) == []
    assert awaiting.ended_periods(active, dt.date(2025, 4, 1)) == ["2025-Q1"]
    assert awaiting.ended_periods(active, dt.date(2026, 1, 1)) == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2025"]
    assert awaiting.ended_periods(SimpleNamespace(**{**vars(active), "status": "PLANNING"}), dt.date(2026, 1, 1)) == []
