"""Resetting a password (setPassword) and changing one's own (changePassword), and the sign-in throttle's locks:

- an agency admin resets only EMPLOYEE accounts of its agency whose person supervises nobody, never changes a
  role, never touches an ADMIN's or an agency admin's account (security issue point 2);
- a password set by someone else is one-time: its session may only change it (PASSWORD_CHANGE_REQUIRED);
- setPassword answers an unknown NIP and one out of scope alike, and refuses an EMPLOYEE before any look-up
  (point 8a);
- wrong passwords from one address lock only that address out of the account (point 14)."""

from __future__ import annotations

import httpx

from conftest import Api, start_api, stop_api
from kinerja.models import ApiToken, AuditEvent, Credential, LoginThrottle, Person
from kinerja.services.auth import login_throttle, sessions
from kinerja.services.core.access import SYSTEM, Access
from test_cli import with_db
from test_cli_user import PERSON, POLICY, with_person
from test_cli_user import set_password as cli_set_password
from world import CLERK, DINKES_HEAD, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, build_world

SET = """mutation($nip: String!, $password: String!, $role: Role) {
  setPassword(nip: $nip, password: $password, role: $role) { person { nip } errors { path code message } } }"""
LOGIN = """mutation($nip: String!, $password: String!) {
  login(nip: $nip, password: $password) { token role mustChangePassword errors { path code message } } }"""
CHANGE = """mutation($current: String!, $new: String!) {
  changePassword(current: $current, new: $new) { changed errors { path code message } } }"""
ME = "{ me { role person { nip } } }"
OLD = "kata-sandi-lama-sekali"
TAKEN = "kata-sandi-perampas"
MINE = "kata-sandi-milik-sendiri"
UNKNOWN = "199901012020011999"


async def operator_sets(nip: str, password: str = OLD, role: str = "EMPLOYEE") -> None:
    await sessions.set_password(Access(SYSTEM), nip, password, role)


async def login(api: Api, nip: str, password: str) -> dict:
    return (await api.gql(LOGIN, nip=nip, password=password))["login"]


def refusal(body: dict) -> tuple[str, str] | None:
    """The (code, message) of a setPassword answer's refusal, from the GraphQL errors or the payload."""
    for e in body.get("errors") or []:
        return e["extensions"]["code"], e["message"]
    for e in ((body.get("data") or {}).get("setPassword") or {}).get("errors") or []:
        return e["code"], e["message"]
    return None


async def credential_events() -> int:
    return await AuditEvent.filter(action="credential.set").count()


# -- point 2: an agency admin cannot take over an account it should not -------------------------------------------

async def test_an_agency_admin_cannot_take_over_the_admin_account(api, world):
    await operator_sets(NURSE, role="ADMIN")  # DINKES's nurse holds BKPSDM's ADMIN account
    session = (await login(api, NURSE, OLD))["token"]
    events = await credential_events()
    for role in ("AGENCY_ADMIN", "EMPLOYEE", "ADMIN", None):
        body = await api.post(SET, {"nip": NURSE, "password": TAKEN, "role": role}, world.dinkes_admin)
        assert refusal(body)[0] == "FORBIDDEN", (role, body)
    # nothing changed: the old password signs in, the open session goes on, the new one does not work
    assert (await api.gql(ME, token=session))["me"]["role"] == "ADMIN"
    assert (await login(api, NURSE, TAKEN))["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert (await login(api, NURSE, OLD))["role"] == "ADMIN"
    assert (await Credential.get(person__nip=NURSE)).role == "ADMIN"
    assert await credential_events() == events


async def test_an_agency_admin_cannot_reset_an_agency_admin_a_head_or_a_supervisor(api, world):
    await operator_sets(CLERK, role="AGENCY_ADMIN")
    await operator_sets(HEAD)  # the agency head: an EMPLOYEE account, with the power to rate its subordinates
    await operator_sets(PRINCIPAL)
    await operator_sets(DINKES_HEAD)
    events = await credential_events()
    for token, nip in [(world.disdik_admin, CLERK), (world.disdik_admin, HEAD), (world.disdik_admin, PRINCIPAL),
                       (world.dinkes_admin, DINKES_HEAD)]:
        body = await api.post(SET, {"nip": nip, "password": TAKEN}, token)
        assert refusal(body)[0] == "FORBIDDEN", (nip, body)
        assert (await login(api, nip, TAKEN))["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert await credential_events() == events
    # ADMIN may reset each of them (one-time)
    for nip in (CLERK, HEAD, PRINCIPAL):
        assert (await api.gql(SET, token=world.admin, nip=nip, password=TAKEN))["setPassword"]["errors"] == []


async def test_an_agency_admin_resets_an_employee_without_changing_the_role(api, world):
    body = await api.post(SET, {"nip": TEACHER_1, "password": TAKEN, "role": "AGENCY_ADMIN"}, world.disdik_admin)
    assert refusal(body) == ("FORBIDDEN", "only ADMIN may give a sign-in role other than EMPLOYEE")
    assert await Credential.filter(person__nip=TEACHER_1).count() == 0
    done = await api.gql(SET, token=world.disdik_admin, nip=TEACHER_2, password=TAKEN)
    assert done == {"setPassword": {"person": {"nip": TEACHER_2}, "errors": []}}
    stored = await Credential.get(person__nip=TEACHER_2)
    assert stored.role == "EMPLOYEE" and stored.must_change is True


async def test_access_predicates_for_resets():
    class P:
        agency_id = 1

    disdik = Access(SYSTEM.__class__(role="AGENCY_ADMIN", agency_id=1, token_id=9))
    other = Access(SYSTEM.__class__(role="AGENCY_ADMIN", agency_id=2, token_id=9))
    employee = Access(SYSTEM.__class__(role="EMPLOYEE", agency_id=1, person_id=5, token_id=9))
    admin = Access(SYSTEM.__class__(role="ADMIN", token_id=9))
    assert disdik.may_reset_password(P, None, False) and disdik.may_reset_password(P, "EMPLOYEE", False)
    for role, subordinates in [("ADMIN", False), ("AGENCY_ADMIN", False), ("EMPLOYEE", True)]:
        assert not disdik.may_reset_password(P, role, subordinates)
    assert not other.may_reset_password(P, None, False) and not employee.may_reset_password(P, None, False)
    assert admin.may_reset_password(P, "ADMIN", True)
    assert disdik.may_assign_role("EMPLOYEE") is None and disdik.may_assign_role("AGENCY_ADMIN")
    assert admin.may_assign_role("ADMIN") is None and employee.may_assign_role("EMPLOYEE")
    assert not employee.may_reset_passwords and disdik.may_reset_passwords
    assert admin.sets_one_time_password(5) and not Access(SYSTEM).sets_one_time_password(5)


# -- a reset by someone else is a one-time password -----------------------------------------------------------------

async def test_a_reset_by_someone_else_must_be_changed_before_anything_else(api, world):
    await operator_sets(TEACHER_1)
    before = (await login(api, TEACHER_1, OLD))
    assert before["mustChangePassword"] is False and before["errors"] == []
    assert (await api.gql(SET, token=world.disdik_admin, nip=TEACHER_1, password=TAKEN))["setPassword"][
        "errors"] == []
    # the reset ended the person's sessions and the old password
    assert (await api.errors(ME, token=before["token"]))[0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await login(api, TEACHER_1, OLD))["errors"][0]["code"] == "INVALID_CREDENTIALS"
    session = await login(api, TEACHER_1, TAKEN)
    assert session["errors"] == [] and session["mustChangePassword"] is True
    token = session["token"]
    # the session may do nothing else: reads, writes, reports
    for query in (ME, "{ people { edges { node { nip } } } }", "{ cycles { year } }"):
        errors = await api.errors(query, token=token)
        assert {e["extensions"]["code"] for e in errors} == {"PASSWORD_CHANGE_REQUIRED"}, query
    body = await api.post(SET, {"nip": TEACHER_2, "password": TAKEN}, token)
    assert refusal(body)[0] == "PASSWORD_CHANGE_REQUIRED"
    csv = await api.client.get("/reports/predikat-distribution.csv", params={"period": "2025"},
                               headers={"Authorization": f"Bearer {token}"})
    assert csv.status_code == 403 and "one-time password" in csv.text
    # the change: the current password is checked, the new one must be good and another one
    wrong = await api.gql(CHANGE, token=token, current="bukan-kata-sandinya", new=MINE)
    assert wrong["changePassword"] == {"changed": False, "errors": [
        {"path": ["current"], "code": "INVALID_CREDENTIALS", "message": "the current password is wrong"}]}
    for new, code in (("pendek", "WEAK_PASSWORD"), (TAKEN, "PASSWORD_UNCHANGED")):
        weak = (await api.gql(CHANGE, token=token, current=TAKEN, new=new))["changePassword"]
        assert weak["changed"] is False and [(e["path"], e["code"]) for e in weak["errors"]] == [
            (["new"], code)]
    other = (await login(api, TEACHER_1, TAKEN))["token"]
    assert (await api.gql(CHANGE, token=token, current=TAKEN, new=MINE))["changePassword"] == {
        "changed": True, "errors": []}
    # this session goes on, now free; the other one ended; the next sign-in is an ordinary one
    assert (await api.gql(ME, token=token))["me"] == {"role": "EMPLOYEE", "person": {"nip": TEACHER_1}}
    assert (await api.errors(ME, token=other))[0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await login(api, TEACHER_1, TAKEN))["errors"][0]["code"] == "INVALID_CREDENTIALS"
    again = await login(api, TEACHER_1, MINE)
    assert again["errors"] == [] and again["mustChangePassword"] is False
    assert (await Credential.get(person__nip=TEACHER_1)).must_change is False
    events = [(e.action, e.actor, e.after) for e in await AuditEvent.filter(
        action__in=["credential.set", "credential.change"]).order_by("id")]
    assert events[-2:] == [
        ("credential.set", f"token:{(await ApiToken.get(role='AGENCY_ADMIN', agency__code='DISDIK')).id}",
         {"role": "EMPLOYEE", "sessions_revoked": 1, "one_time": True}),
        ("credential.change", f"nip:{TEACHER_1}", {"one_time": False, "sessions_revoked": 1})]
    everything = " ".join(str(e.before) + str(e.after) for e in await AuditEvent.all())
    assert TAKEN not in everything and MINE not in everything


async def test_change_password_is_for_a_signed_in_session_only(api, world):
    await operator_sets(TEACHER_1)
    body = await api.post(CHANGE, {"current": OLD, "new": MINE}, world.teacher)  # an API token: no session
    assert body["data"]["changePassword"]["errors"][0]["code"] == "FORBIDDEN"
    body = await api.post(CHANGE, {"current": OLD, "new": MINE})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    token = (await login(api, TEACHER_1, OLD))["token"]
    assert (await api.gql(CHANGE, token=token, current=OLD, new=MINE))["changePassword"]["changed"] is True
    assert (await login(api, TEACHER_1, MINE))["mustChangePassword"] is False


async def test_a_session_of_a_one_time_password_may_log_out(api, world):
    await api.gql(SET, token=world.admin, nip=TEACHER_1, password=TAKEN)
    token = (await login(api, TEACHER_1, TAKEN))["token"]
    assert await api.gql("mutation { logout }", token=token) == {"logout": True}


def test_the_cli_sets_an_ordinary_password(database_url):
    """The operator's reset (`kinerja user set-password`) is not one-time: SECURITY.md, "Sign-in"."""
    with_person(database_url)
    assert cli_set_password(database_url, OLD + "\n", "--nip", PERSON).returncode == 0

    async def sign_in():
        session = await sessions.login(PERSON, OLD, "127.0.0.1", POLICY)
        return session.must_change_password, (await Credential.get(person__nip=PERSON)).must_change

    assert with_db(database_url, sign_in) == (False, False)


# -- point 8a: unknown and out-of-scope NIPs answer alike ------------------------------------------------------------

async def test_set_password_answers_unknown_and_out_of_scope_nips_alike(api, world, monkeypatch):
    await operator_sets(NURSE, role="ADMIN")
    for token, nips in [(world.disdik_admin, [UNKNOWN, NURSE, DINKES_HEAD, PRINCIPAL, HEAD]),
                        (world.dinkes_admin, [UNKNOWN, NURSE, TEACHER_1, DINKES_HEAD]),
                        (world.teacher, [UNKNOWN, TEACHER_1, PRINCIPAL, NURSE])]:
        answers = {nip: refusal(await api.post(SET, {"nip": nip, "password": TAKEN}, token)) for nip in nips}
        assert len(set(answers.values())) == 1 and answers[UNKNOWN][0] == "FORBIDDEN", answers
    assert await credential_events() == 1  # the operator's only

    # an EMPLOYEE is refused before anything is looked up
    def looked_up(*args, **kwargs):
        raise AssertionError("a person was looked up")

    monkeypatch.setattr(Person, "get_or_none", looked_up)
    monkeypatch.setattr(Person, "filter", looked_up)
    for token in (world.teacher, world.principal):
        body = await api.post(SET, {"nip": TEACHER_1, "password": TAKEN}, token)
        assert refusal(body)[0] == "FORBIDDEN", body


# -- point 14: a stranger cannot lock a person out of their own account ----------------------------------------------

def client_at(api: Api, address: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=api.client._transport.app, client=(address, 4000)),
                             base_url="http://testserver")


async def login_from(api: Api, address: str, nip: str, password: str) -> dict:
    async with client_at(api, address) as client:
        response = await client.post("/graphql", json={"query": LOGIN, "variables": {"nip": nip,
                                                                                     "password": password}})
    return response.json()["data"]["login"]


async def start_with_recorded_holds(database_url, monkeypatch) -> tuple:
    """The app with a lock after 5 failures, and the slow-downs the throttle asks for recorded instead of waited."""
    api, handles = await start_api(database_url, login_lock_failures=5, login_lock_seconds=600)
    held: list[float] = []

    async def hold(seconds: float) -> None:
        held.append(seconds)

    monkeypatch.setattr(login_throttle, "hold", hold, raising=False)
    return api, handles, held


async def test_wrong_passwords_from_one_address_do_not_lock_the_person_out(database_url, monkeypatch):
    api, handles, held = await start_with_recorded_holds(database_url, monkeypatch)
    try:
        await build_world()
        await operator_sets(NURSE, role="ADMIN")
        stranger = "10.1.1.1"
        for _ in range(5):  # the lock limit: the stranger's address is locked out of the account
            await LoginThrottle.filter().update(last_failure_at=None)  # as if the stranger waited each time
            assert [e["code"] for e in (await login_from(api, stranger, NURSE, TAKEN))["errors"]] == [
                "INVALID_CREDENTIALS"]
        locked = (await login_from(api, stranger, NURSE, OLD))["errors"]
        assert locked[0]["code"] == "LOCKED" and "this address" in locked[0]["message"], locked
        # the person, at their own address, signs in
        own = await login_from(api, "10.2.2.2", NURSE, OLD)
        assert own["errors"] == [] and own["role"] == "ADMIN"
        # the NIP's five failures only slow its sign-ins: the person waited half a second
        assert held == [login_throttle.NIP_DELAY_STEP]
    finally:
        await stop_api(handles)


async def test_guesses_from_many_addresses_are_slowed_per_nip_never_locked(database_url, monkeypatch):
    api, handles, held = await start_with_recorded_holds(database_url, monkeypatch)
    try:
        await build_world()
        await operator_sets(NURSE, role="ADMIN")
        for i in range(12):  # two guesses from each of six addresses: no address nor pair is slowed
            assert [e["code"] for e in (await login_from(api, f"10.3.0.{i // 2}", NURSE, TAKEN))["errors"]] == [
                "INVALID_CREDENTIALS"]
        # from the sixth failure on each guess was held, doubling, never more than the bound
        assert held == [min(login_throttle.NIP_MAX_DELAY, login_throttle.NIP_DELAY_STEP * 2 ** n)
                        for n in range(12 - 5)]
        assert max(held) == login_throttle.NIP_MAX_DELAY
        # the person is held too, but gets in
        own = await login_from(api, "10.4.4.4", NURSE, OLD)
        assert own["errors"] == [] and held[-1] == login_throttle.NIP_MAX_DELAY and len(held) == 8
        assert await LoginThrottle.filter(key=f"nip:{NURSE}").count() == 0
    finally:
        await stop_api(handles)
