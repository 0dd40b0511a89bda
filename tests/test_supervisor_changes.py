"""Who may change a person's supervisor (Access.may_change_supervisor) on every path that changes one
(upsertPeople, the people import), what a field left out means, and what a finalized rating records of the
supervisor who finalized it. SECURITY.md, "Who may read and change what"."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
from pathlib import Path

import pytest

from kinerja.services.core import clock

from kinerja.models import Assessment, AuditEvent, Cycle, Person
from kinerja.services.core.access import AGENCY_ADMIN, SYSTEM, Access, Viewer
from kinerja.services.core.errors import InputError
from kinerja.services.org import importer
from seeded import table_counts
from test_cli import ENV, KINERJA
from world import CLERK, DINKES_HEAD, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, nip

UPSERT = """mutation($input: [PersonInput!]!) { upsertPeople(input: $input) {
  people { nip unit { code } supervisor { nip } } errors { path code message } } }"""
LOGIN = """mutation($nip: String!, $role: Role) { login(nip: $nip, password: "kata-sandi-yang-baik", role: $role) {
  token errors { code message } } }"""
STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }"
FINALIZE = """mutation($nip: String!) { finalizeRating(input: {nip: $nip, period: "2025"}) {
  rating { predikat } errors { path code message } } }"""

MEETS = "SESUAI_EKSPEKTASI"
NEW = nip(41, birth="19920101", appointed="201701")
UNKNOWN = nip(42, birth="19920101", appointed="201701")  # nobody has it

# the world's people as they are (name, position, unit): an upsert row that changes only what a test says
AS_IS = {
    HEAD: ("Andi Pratama", "Kepala Dinas", "SEKRETARIAT"),
    PRINCIPAL: ("Budi Santoso", "Kepala Sekolah", "SDN-001"),
    TEACHER_1: ("Citra Lestari", "Guru Kelas", "SDN-001"),
    TEACHER_2: ("Dewi Anggraini", "Guru Kelas", "SDN-001"),
    CLERK: ("Eko Saputra", "Pengadministrasi Umum", "SEKRETARIAT"),
}


def row(n: str, **fields) -> dict:
    """An upsert row of a DISDIK person as it is; `fields` replace or add (supervisor, unit, ...)."""
    name, position, unit = AS_IS.get(n, ("Pegawai Baru", "Staf", "SDN-001"))
    return {"nip": n, "name": name, "employmentType": "PNS", "position": position, "agency": "DISDIK",
            "unit": unit} | fields


async def upsert(api, token, *rows) -> dict:
    return (await api.gql(UPSERT, token=token, input=list(rows)))["upsertPeople"]


def problems(payload) -> list[tuple[list[str], str]]:
    return [(e["path"], e["code"]) for e in payload["errors"]]


async def supervisor_of(n: str) -> str | None:
    p = await Person.get(nip=n)
    return (await Person.get(id=p.supervisor_id)).nip if p.supervisor_id else None


async def session(api, world, n: str, role: str, as_role: str | None = None) -> str:
    """A sign-in session of person `n`, whose account has `role`, signed in as `as_role` (default: `role`); the
    password set as the operator sets it (not one-time)."""
    from kinerja.services.auth import sessions

    await sessions.set_password(Access(SYSTEM), n, "kata-sandi-yang-baik", role)
    signed = (await api.gql(LOGIN, nip=n, role=as_role or role))["login"]
    assert signed["errors"] == [], signed
    return signed["token"]


async def to_evaluation(api, world) -> None:
    for status in ("ACTIVE", "EVALUATION"):
        assert (await api.gql(STATUS, token=world.admin, s=status))["setCycleStatus"]["errors"] == []


async def assess(who: str, kind: str = "SUPERVISOR") -> Assessment:
    """An assessment row as the assessments service stores it, by the person's supervisor as it is now."""
    p = await Person.get(nip=who)
    cycle = await Cycle.get(year=2025)
    return await Assessment.create(kind=kind, person_id=p.id, assessor_id=p.supervisor_id or p.id,
                                   agency_id=p.agency_id, cycle_id=cycle.id, period="2025", result_rating=MEETS,
                                   behavior_rating=MEETS, recorded_by="test",
                                   updated_at=dt.datetime.now(dt.timezone.utc))


# -- point 3: nobody gains rating power over a person through data they manage -----------------------------------

async def test_agency_admin_cannot_make_its_own_person_the_supervisor_of_someone(api, world):
    """The attack: CLERK administers DISDIK, names itself TEACHER_2's supervisor, signs in as EMPLOYEE and rates."""
    admin_session = await session(api, world, CLERK, AGENCY_ADMIN)
    before = await table_counts()
    out = await upsert(api, admin_session, row(TEACHER_2, supervisor=CLERK))
    assert problems(out) == [(["input", "0", "supervisor"], "FORBIDDEN")], out
    assert "ADMIN" in out["errors"][0]["message"] and out["people"] == []
    assert await table_counts() == before  # nothing written, not even an audit event
    assert await supervisor_of(TEACHER_2) == PRINCIPAL
    # a new person under itself is refused alike; so is the same change hidden in a batch of good rows
    out = await upsert(api, admin_session, row(NEW, supervisor=CLERK))
    assert problems(out) == [(["input", "0", "supervisor"], "FORBIDDEN")]
    out = await upsert(api, admin_session, row(NEW, supervisor=HEAD), row(TEACHER_1, supervisor=CLERK))
    assert problems(out) == [(["input", "1", "supervisor"], "FORBIDDEN")]
    assert await table_counts() == before
    # the rest of the attack has nothing to stand on: as EMPLOYEE, CLERK does not even see TEACHER_2
    employee = (await api.gql(LOGIN, nip=CLERK, role="EMPLOYEE"))["login"]["token"]
    await to_evaluation(api, world)
    await assess(TEACHER_2)
    refused = (await api.gql(FINALIZE, token=employee, nip=TEACHER_2))["finalizeRating"]
    assert [e["code"] for e in refused["errors"]] == ["NOT_FOUND"] and refused["rating"] is None


async def test_an_account_an_agency_admin_reset_gets_subordinates_only_from_admin(api, world):
    """The way round the rule above: DISDIK's admin resets TEACHER_1's password (no subordinates: allowed), signs
    in with the one-time password, changes it (so the admin now knows it), and would make TEACHER_1 TEACHER_2's
    supervisor to rate TEACHER_2 as TEACHER_1. Credential.set_by_agency_admin survives the change; only ADMIN may
    give such an account subordinates, until ADMIN (or the CLI) sets its password."""
    reset = """mutation($nip: String!, $password: String!) { setPassword(nip: $nip, password: $password) {
      errors { code } } }"""
    sign_in = """mutation($nip: String!, $password: String!) { login(nip: $nip, password: $password) {
      token mustChangePassword errors { code } } }"""
    change = """mutation($current: String!, $new: String!) { changePassword(current: $current, new: $new) {
      changed errors { code } } }"""
    assert (await api.gql(reset, token=world.disdik_admin, nip=TEACHER_1, password="sementara-dari-admin"))[
        "setPassword"]["errors"] == []
    one_time = (await api.gql(sign_in, nip=TEACHER_1, password="sementara-dari-admin"))["login"]
    assert one_time["mustChangePassword"] is True
    changed = (await api.gql(change, token=one_time["token"], current="sementara-dari-admin",
                             new="pilihan-sang-admin"))["changePassword"]
    assert changed == {"changed": True, "errors": []}
    before = await table_counts()
    out = await upsert(api, world.disdik_admin, row(TEACHER_2, supervisor=TEACHER_1))
    assert problems(out) == [(["input", "0", "supervisor"], "FORBIDDEN")], out
    assert "ADMIN" in out["errors"][0]["message"] and out["people"] == []
    out = await upsert(api, world.disdik_admin, row(NEW, supervisor=TEACHER_1))  # a new person alike
    assert problems(out) == [(["input", "0", "supervisor"], "FORBIDDEN")], out
    assert await table_counts() == before and await supervisor_of(TEACHER_2) == PRINCIPAL
    # other changes by the agency admin go on; ADMIN may give the account subordinates
    out = await upsert(api, world.disdik_admin, row(TEACHER_2, supervisor=HEAD))
    assert out["errors"] == [], out
    out = await upsert(api, world.admin, row(TEACHER_2, supervisor=TEACHER_1))
    assert out["errors"] == [] and await supervisor_of(TEACHER_2) == TEACHER_1
    # once ADMIN has set the password, the account is no longer one an agency admin may control
    assert (await api.gql(reset, token=world.admin, nip=TEACHER_1, password="dari-bkpsdm-langsung"))[
        "setPassword"]["errors"] == []
    out = await upsert(api, world.disdik_admin, row(NEW, supervisor=TEACHER_1))
    assert out["errors"] == [] and await supervisor_of(NEW) == TEACHER_1


async def test_an_admin_token_standing_for_a_person_may_make_that_person_a_supervisor(api, world):
    from kinerja.services.auth import tokens

    as_head = await tokens.create_token("ADMIN", nip=HEAD)
    out = await upsert(api, as_head, row(TEACHER_2, supervisor=HEAD))
    assert out["errors"] == [] and out["people"][0]["supervisor"] == {"nip": HEAD}
    out = await upsert(api, world.admin, row(TEACHER_1, supervisor=CLERK))
    assert out["errors"] == [] and await supervisor_of(TEACHER_1) == CLERK


async def test_agency_admin_still_changes_supervisors_between_other_people(api, world):
    admin_session = await session(api, world, CLERK, AGENCY_ADMIN)
    out = await upsert(api, admin_session, row(TEACHER_2, supervisor=HEAD), row(NEW, supervisor=PRINCIPAL))
    assert out["errors"] == [], out
    assert (await supervisor_of(TEACHER_2), await supervisor_of(NEW)) == (HEAD, PRINCIPAL)
    out = await upsert(api, world.disdik_admin, row(TEACHER_2, supervisor=PRINCIPAL), row(TEACHER_1, supervisor=None))
    assert out["errors"] == [], out
    assert (await supervisor_of(TEACHER_2), await supervisor_of(TEACHER_1)) == (PRINCIPAL, None)


async def test_an_agency_admin_who_supervises_keeps_its_staff(api, world):
    """HEAD administers DISDIK and supervises PRINCIPAL and CLERK: editing them, the supervisor stays."""
    head_admin = await session(api, world, HEAD, AGENCY_ADMIN)
    out = await upsert(api, head_admin, row(CLERK, position="Sekretaris", supervisor=HEAD), row(PRINCIPAL))
    assert out["errors"] == [], out
    assert (await supervisor_of(CLERK), await supervisor_of(PRINCIPAL)) == (HEAD, HEAD)


async def test_change_of_supervisor_of_a_person_assessed_in_evaluation_is_admins(api, world):
    await to_evaluation(api, world)
    await assess(TEACHER_2, kind="SELF")
    before = await table_counts()
    for change in ({"supervisor": HEAD}, {"supervisor": None}):
        out = await upsert(api, world.disdik_admin, row(TEACHER_1, supervisor=HEAD), row(TEACHER_2, **change))
        assert problems(out) == [(["input", "1", "supervisor"], "FORBIDDEN")], out
        assert "EVALUATION" in out["errors"][0]["message"]
        assert await table_counts() == before
    # the same person's other fields may change; one without assessments may move; ADMIN may move anyone
    out = await upsert(api, world.disdik_admin, row(TEACHER_2, position="Guru Madya"))
    assert out["errors"] == [] and out["people"][0]["supervisor"] == {"nip": PRINCIPAL}
    out = await upsert(api, world.disdik_admin, row(TEACHER_1, supervisor=HEAD))
    assert out["errors"] == [] and await supervisor_of(TEACHER_1) == HEAD
    out = await upsert(api, world.admin, row(TEACHER_2, supervisor=HEAD))
    assert out["errors"] == [] and await supervisor_of(TEACHER_2) == HEAD


async def test_a_cycle_entering_evaluation_after_the_checks_is_seen_inside_the_write(api, world, monkeypatch):
    """The EVALUATION rule is asked again inside the write's transaction (people rows FOR UPDATE, open cycles FOR
    SHARE on PostgreSQL): a cycle that enters EVALUATION between the checks and the write refuses the move of a
    person assessed in it, and nothing is written."""
    from kinerja.services.org import people as people_service

    await to_evaluation(api, world)
    await assess(TEACHER_2, kind="SELF")
    await Cycle.filter(year=2025).update(status="ACTIVE")  # the checks before the write find no EVALUATION cycle
    original = people_service._supervisor_change_problems

    async def check_then_evaluate(*args, **kwargs):
        found = await original(*args, **kwargs)
        if len(args) < 5 and kwargs.get("conn") is None:  # the checks before the write, not the re-check
            await Cycle.filter(year=2025).update(status="EVALUATION")
        return found

    monkeypatch.setattr(people_service, "_supervisor_change_problems", check_then_evaluate)
    before = await table_counts()
    events = await AuditEvent.all().count()
    out = await upsert(api, world.disdik_admin, row(TEACHER_2, supervisor=HEAD))
    assert problems(out) == [(["input", "0", "supervisor"], "FORBIDDEN")], out
    assert "EVALUATION" in out["errors"][0]["message"]
    assert await table_counts() == before and await AuditEvent.all().count() == events
    assert await supervisor_of(TEACHER_2) == PRINCIPAL


def _write_csv(path: Path, rows: list[dict], fields: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _csv_row(n: str, supervisor: str = "", **fields) -> dict:
    name, position, unit = AS_IS[n]
    return {"nip": n, "name": name, "employment_type": "PNS", "position": position, "agency": "DISDIK",
            "unit": unit, "supervisor": supervisor} | fields


FIELDS = ["nip", "name", "employment_type", "position", "agency", "unit", "supervisor"]


async def test_people_import_enforces_the_rule_for_any_access_but_admin(api, world, tmp_path):
    clerk = await Person.get(nip=CLERK)
    as_clerk = Access(Viewer(role=AGENCY_ADMIN, agency_id=clerk.agency_id, person_id=clerk.id, actor=f"nip:{CLERK}"))
    before = await table_counts()
    path = _write_csv(tmp_path / "people.csv", [_csv_row(TEACHER_2, CLERK)], FIELDS)
    with pytest.raises(InputError) as refused:
        await importer.import_people(as_clerk, path)
    assert [(p.path, p.code) for p in refused.value.problems] == [(("input", "0", "supervisor"), "FORBIDDEN")]
    assert importer.located(refused.value, [2]) == [f"line 2, column supervisor: {refused.value.problems[0].message} "
                                                   "[FORBIDDEN]"]
    await to_evaluation(api, world)
    await assess(TEACHER_1)
    path = _write_csv(tmp_path / "move.csv", [_csv_row(TEACHER_1, HEAD)], FIELDS)
    as_admin = Access(Viewer(role=AGENCY_ADMIN, agency_id=clerk.agency_id, actor="token:1"))
    with pytest.raises(InputError) as refused:
        await importer.import_people(as_admin, path)
    assert [p.code for p in refused.value.problems] == ["FORBIDDEN"]
    assert "EVALUATION" in refused.value.problems[0].message
    assert (await table_counts())["AuditEvent"] == before["AuditEvent"] + 2  # the two status changes only
    assert await supervisor_of(TEACHER_1) == PRINCIPAL and await supervisor_of(TEACHER_2) == PRINCIPAL


async def test_the_cli_import_runs_as_admin_and_may_move_an_assessed_person(api, world, database_url, tmp_path):
    """The CLI's operator is ADMIN-equivalent (cli.cli_access): the rule lets it do what ADMIN may."""
    await to_evaluation(api, world)
    await assess(TEACHER_1)
    path = _write_csv(tmp_path / "move.csv", [_csv_row(TEACHER_1, HEAD)], FIELDS)
    result = await asyncio.to_thread(
        __import__("subprocess").run, [*KINERJA, "import", "people", str(path), "--quiet", "--db", database_url],
        capture_output=True, text=True, timeout=120, env=ENV)
    assert result.returncode == 0, result.stderr
    assert await supervisor_of(TEACHER_1) == HEAD
    event = await AuditEvent.filter(entity="person", entity_id=TEACHER_1).order_by("-id").first()
    assert event.actor.startswith("cli:") and (event.before["supervisor"], event.after["supervisor"]) == (
        PRINCIPAL, HEAD)


async def test_finalized_rating_records_its_supervisor_and_how_they_became_so(api, world):
    with clock.pinned("2025-06-01"):  # the move (effective today) within 2025: CLERK assesses the year
        await _records_its_supervisor(api, world)


async def _records_its_supervisor(api, world):
    out = await upsert(api, world.admin, row(TEACHER_2, supervisor=CLERK))
    assert out["errors"] == []
    moved = await AuditEvent.filter(entity="person", entity_id=TEACHER_2, action="person.update").order_by("-id").first()
    assert moved.after["supervisor"] == CLERK
    # later edits that keep the supervisor do not hide the event that set them
    assert (await upsert(api, world.admin, row(TEACHER_2, position="Guru Madya")))["errors"] == []
    clerk = (await session(api, world, CLERK, "EMPLOYEE"))
    principal = (await session(api, world, PRINCIPAL, "EMPLOYEE"))
    await to_evaluation(api, world)
    for who, token in ((TEACHER_2, clerk), (TEACHER_1, principal)):
        await assess(who)
        done = (await api.gql(FINALIZE, token=token, nip=who))["finalizeRating"]
        assert done["errors"] == [], done
    by_admin = await AuditEvent.get(action="rating.finalize", entity_id=f"{TEACHER_2}/2025")
    assert by_admin.after["supervisor"] == {"nip": CLERK, "set_by": {
        "event": moved.id, "action": "person.update", "actor": moved.actor,
        "at": moved.at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")}}
    assert moved.actor.startswith("token:")
    created = await AuditEvent.get(action="person.create", entity_id=TEACHER_1)
    from_start = await AuditEvent.get(action="rating.finalize", entity_id=f"{TEACHER_1}/2025")
    assert from_start.after["supervisor"]["nip"] == PRINCIPAL
    assert from_start.after["supervisor"]["set_by"]["event"] == created.id
    assert from_start.after["supervisor"]["set_by"]["actor"] == "system"


# -- point 8b: a NIP out of the viewer's scope answers as an unknown one -------------------------------------------

async def test_out_of_scope_and_unknown_nips_answer_alike(api, world):
    # as a supervisor: the same code and message, the NIP aside
    outside = await upsert(api, world.disdik_admin, row(NEW, supervisor=DINKES_HEAD))
    unknown = await upsert(api, world.disdik_admin, row(NEW, supervisor=UNKNOWN))
    assert problems(outside) == problems(unknown) == [(["input", "0", "supervisor"], "NOT_FOUND")]
    assert (outside["errors"][0]["message"].replace(DINKES_HEAD, "?")
            == unknown["errors"][0]["message"].replace(UNKNOWN, "?"))
    # as the person written: refused without a word of where the NIP is
    taken = await upsert(api, world.disdik_admin, row(NURSE, name="Gita Permata"))
    assert problems(taken) == [(["input", "0", "nip"], "FORBIDDEN")]
    message = taken["errors"][0]["message"]
    assert "agency" not in message.lower() and "DINKES" not in message and "exist" not in message
    assert message == f"NIP {NURSE} cannot be written by this account"


async def test_a_supervisor_loop_through_another_agency_names_no_one_there(api, world):
    # ADMIN: DINKES_HEAD under HEAD, NEW (DISDIK) under DINKES_HEAD; HEAD under NEW would close a circle
    out = await upsert(api, world.admin, row(NEW, supervisor=DINKES_HEAD),
                       {"nip": DINKES_HEAD, "name": "Fajar Hidayat", "employmentType": "PNS",
                        "position": "Kepala Dinas", "agency": "DINKES", "unit": None, "supervisor": HEAD})
    assert out["errors"] == [], out
    loop = await upsert(api, world.disdik_admin, row(HEAD, supervisor=NEW))
    assert problems(loop) == [(["input", "0", "supervisor"], "SUPERVISOR_LOOP")]
    message = loop["errors"][0]["message"]
    assert DINKES_HEAD not in message and HEAD in message and NEW in message, message
    # ADMIN sees the whole chain
    loop = await upsert(api, world.admin, row(HEAD, supervisor=NEW))
    assert f"{HEAD} -> {NEW} -> {DINKES_HEAD} -> {HEAD}" in loop["errors"][0]["message"]


# -- point 9: a field left out is unchanged; null clears it ------------------------------------------------------

async def test_agency_admin_keeps_an_out_of_agency_supervisor_by_leaving_the_field_out(api, world):
    assert (await upsert(api, world.admin, row(HEAD, supervisor=DINKES_HEAD)))["errors"] == []
    edit = row(HEAD, position="Kepala Dinas Pendidikan")
    del edit["unit"]  # and no "supervisor" either
    out = await upsert(api, world.disdik_admin, edit)
    assert out["errors"] == [], out
    assert await supervisor_of(HEAD) == DINKES_HEAD
    head = await Person.get(nip=HEAD).prefetch_related("unit")
    assert (head.position, head.unit.code) == ("Kepala Dinas Pendidikan", "SEKRETARIAT")
    # naming the supervisor as it is keeps it too; another person of DINKES stays out of reach
    assert (await upsert(api, world.disdik_admin, row(HEAD, supervisor=DINKES_HEAD)))["errors"] == []
    assert problems(await upsert(api, world.disdik_admin, row(HEAD, supervisor=NURSE))) == [
        (["input", "0", "supervisor"], "NOT_FOUND")]
    assert await supervisor_of(HEAD) == DINKES_HEAD
    # an explicit null clears it (the caller may: no assessments in EVALUATION); unit too
    out = await upsert(api, world.disdik_admin, row(HEAD, supervisor=None, unit=None))
    assert out["errors"] == [] and out["people"][0] == {"nip": HEAD, "unit": None, "supervisor": None}


async def test_a_new_person_with_fields_left_out_has_no_unit_and_no_supervisor(api, world):
    out = await upsert(api, world.disdik_admin, {"nip": NEW, "name": "Pegawai Baru", "employmentType": "PNS",
                                                 "position": "Staf", "agency": "DISDIK"})
    assert out["errors"] == [] and out["people"][0] == {"nip": NEW, "unit": None, "supervisor": None}


async def test_import_without_a_supervisor_column_keeps_supervisors_and_an_empty_cell_clears(api, world, tmp_path):
    access = Access(SYSTEM)
    assert (await upsert(api, world.admin, row(HEAD, supervisor=DINKES_HEAD)))["errors"] == []
    path = _write_csv(tmp_path / "no-column.csv", [_csv_row(HEAD, position="Kepala Dinas Pendidikan")],
                      [f for f in FIELDS if f not in ("supervisor", "unit")])
    assert await importer.import_people(access, path) == 1
    head = await Person.get(nip=HEAD).prefetch_related("unit")
    assert (head.position, head.unit.code, await supervisor_of(HEAD)) == (
        "Kepala Dinas Pendidikan", "SEKRETARIAT", DINKES_HEAD)
    path = _write_csv(tmp_path / "empty.csv", [_csv_row(HEAD, supervisor="", unit="")], FIELDS)
    assert await importer.import_people(access, path) == 1
    head = await Person.get(nip=HEAD)
    assert (head.unit_id, head.supervisor_id) == (None, None)
