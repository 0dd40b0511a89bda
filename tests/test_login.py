"""Sign-in through GraphQL: setPassword, login (sessions that expire), logout, and the slowing and locking of
repeated failures per NIP and per client address."""

import asyncio
import datetime as dt
import logging

import httpx
import pytest

from conftest import Api, start_api, stop_api
from kinerja.models import ApiToken, AuditEvent, Credential, LoginThrottle
from kinerja.services.auth import login_throttle, sessions
from kinerja.services.core import clock
from kinerja.services.core.access import SYSTEM, Access
from world import CLERK, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, build_world

SET = """mutation($nip: String!, $password: String!, $role: Role) {
  setPassword(nip: $nip, password: $password, role: $role) { person { nip } errors { path code message } } }"""
LOGIN = """mutation($nip: String!, $password: String!, $role: Role) {
  login(nip: $nip, password: $password, role: $role) {
    token expiresAt role mustChangePassword errors { path code message } } }"""
ME = "{ me { role agency { code } person { nip } } }"
LOGOUT = "mutation { logout }"
PEOPLE = "{ people { edges { node { nip } } } }"
GOOD = "kata-sandi-yang-baik"


async def set_password(api: Api, token: str, nip: str, password: str = GOOD, role: str | None = None) -> dict:
    return (await api.gql(SET, token=token, nip=nip, password=password, role=role))["setPassword"]


CHANGE = """mutation($current: String!, $new: String!) {
  changePassword(current: $current, new: $new) { changed errors { path code message } } }"""


async def set_by_operator(nip: str, password: str = GOOD, role: str = "EMPLOYEE") -> None:
    """A password as the operator sets it (the CLI): not one-time, its sessions may do what the role may."""
    await sessions.set_password(Access(SYSTEM), nip, password, role)


async def login(api: Api, nip: str, password: str = GOOD, role: str | None = None) -> dict:
    return (await api.gql(LOGIN, nip=nip, password=password, role=role))["login"]


async def codes(api: Api, nip: str, password: str = GOOD) -> list[str]:
    return [e["code"] for e in (await login(api, nip, password))["errors"]]


@pytest.fixture(autouse=True)
def frozen_clock():
    """The throttle counts its waits from clock.now(): held still here, so a test's second is exactly one second
    however long the sign-ins themselves take (under load a real second could pass between two attempts)."""
    clock.freeze(dt.datetime(2025, 5, 20, 8, 0, tzinfo=dt.timezone.utc))
    yield
    clock.freeze(None)


async def time_passes(seconds: float) -> None:
    """Move the frozen clock on by `seconds`."""
    clock.freeze(clock.now() + dt.timedelta(seconds=seconds))


async def test_a_password_set_by_admin_signs_in_with_a_session_that_expires(api, world):
    assert await set_password(api, world.admin, PRINCIPAL) == {"person": {"nip": PRINCIPAL}, "errors": []}
    before = dt.datetime.now(dt.timezone.utc)
    session = await login(api, PRINCIPAL)
    assert session["errors"] == [] and session["role"] == "EMPLOYEE" and session["token"].startswith("knj_")
    expires = dt.datetime.fromisoformat(session["expiresAt"])
    assert dt.timedelta(hours=7.99) < expires - before < dt.timedelta(hours=8.01)
    # a password ADMIN set is one-time: the session changes it before anything else (tests/test_password_reset.py)
    assert session["mustChangePassword"] is True
    changed = await api.gql(CHANGE, token=session["token"], current=GOOD, new="kata-sandi-milik-sendiri")
    assert changed == {"changePassword": {"changed": True, "errors": []}}
    assert await api.gql(ME, token=session["token"]) == {"me": {"role": "EMPLOYEE", "agency": {"code": "DISDIK"},
                                                                "person": {"nip": PRINCIPAL}}}
    # what it may see is an EMPLOYEE's: the supervisor tree, not the agency
    seen = {e["node"]["nip"] for e in (await api.gql(PEOPLE, token=session["token"]))["people"]["edges"]}
    assert seen == {PRINCIPAL, TEACHER_1, TEACHER_2}
    # once expired, the token is refused
    await ApiToken.filter(session=True).update(expires_at=before - dt.timedelta(seconds=1))
    errors = await api.errors(ME, token=session["token"])
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_the_session_length_is_a_setting(database_url):
    api, handles = await start_api(database_url, session_hours=0.5)
    try:
        world = await build_world()
        await set_password(api, world.admin, PRINCIPAL)
        before = dt.datetime.now(dt.timezone.utc)
        expires = dt.datetime.fromisoformat((await login(api, PRINCIPAL))["expiresAt"])
        assert dt.timedelta(minutes=29.9) < expires - before < dt.timedelta(minutes=30.1)
    finally:
        await stop_api(handles)


async def test_a_wrong_password_and_an_unknown_nip_get_the_same_answer(api, world):
    await set_password(api, world.admin, PRINCIPAL)
    wrong = await login(api, PRINCIPAL, "salah-sekali-ini")
    unknown = await login(api, "199901012020011999", GOOD)
    no_password = await login(api, TEACHER_1, GOOD)  # a person without a password
    for answer in (wrong, unknown, no_password):
        assert answer == {"token": None, "expiresAt": None, "role": None, "mustChangePassword": False, "errors": [
            {"path": ["nip"], "code": "INVALID_CREDENTIALS", "message": "wrong NIP or password"}]}
    assert await ApiToken.filter(session=True).count() == 0


@pytest.mark.parametrize("nip, password, path", [("", GOOD, ["nip"]), (PRINCIPAL, "", ["password"]),
                                                 ("  ", GOOD, ["nip"])])
async def test_nip_and_password_are_required(api, world, nip, password, path):
    answer = await login(api, nip, password)
    assert answer["token"] is None and [(e["path"], e["code"]) for e in answer["errors"]] == [(path, "REQUIRED")]


async def test_failures_for_one_nip_are_slowed_then_locked(database_url):
    api, handles = await start_api(database_url, login_lock_failures=5, login_lock_seconds=600)
    try:
        world = await build_world()
        await set_password(api, world.admin, PRINCIPAL)
        for _ in range(login_throttle.SLOW_AFTER):
            assert await codes(api, PRINCIPAL, "salah-sekali-ini") == ["INVALID_CREDENTIALS"]
        # slowed: even the right password is not checked until the wait (1 s after the third failure) is over
        slowed = (await login(api, PRINCIPAL))["errors"]
        assert slowed[0]["code"] == "TOO_MANY_ATTEMPTS" and "this NIP" in slowed[0]["message"]
        await time_passes(1)
        assert await codes(api, PRINCIPAL, "salah-sekali-ini") == ["INVALID_CREDENTIALS"]  # the 4th failure
        assert await codes(api, PRINCIPAL) == ["TOO_MANY_ATTEMPTS"]  # now 2 s
        await time_passes(1)
        assert await codes(api, PRINCIPAL) == ["TOO_MANY_ATTEMPTS"]
        await time_passes(1)
        assert await codes(api, PRINCIPAL, "salah-sekali-ini") == ["INVALID_CREDENTIALS"]  # the 5th: locked
        await time_passes(60)
        locked = (await login(api, PRINCIPAL))["errors"]
        assert locked[0]["code"] == "LOCKED" and "try again in 9 minutes" in locked[0]["message"], locked
        await time_passes(600)
        right = await login(api, PRINCIPAL)
        assert right["errors"] == [] and right["token"]
        # a right password starts the NIP's count again
        assert await LoginThrottle.filter(key=f"nip:{PRINCIPAL}").count() == 0
        assert await codes(api, PRINCIPAL, "salah-sekali-ini") == ["INVALID_CREDENTIALS"]
    finally:
        await stop_api(handles)


async def test_failures_from_one_address_are_slowed_across_nips(api, world):
    for n in (PRINCIPAL, TEACHER_1, CLERK, NURSE):
        await set_password(api, world.admin, n)
    guesses = [f"19990101202001{i:04d}" for i in range(login_throttle.SLOW_AFTER * login_throttle.ADDRESS_FACTOR)]
    for guess in guesses:  # one failure each: no NIP is slowed, the address is
        assert await codes(api, guess) == ["INVALID_CREDENTIALS"]
    slowed = (await login(api, PRINCIPAL))["errors"]
    assert slowed[0]["code"] == "TOO_MANY_ATTEMPTS" and "this address" in slowed[0]["message"]
    # another address is not slowed by this one's failures
    other = httpx.AsyncClient(transport=httpx.ASGITransport(app=api.client._transport.app, client=("10.9.8.7", 4000)),
                              base_url="http://testserver")
    async with other:
        response = await other.post("/graphql", json={"query": LOGIN, "variables": {"nip": PRINCIPAL,
                                                                                     "password": GOOD}})
    assert response.json()["data"]["login"]["errors"] == []


async def test_concurrent_guesses_cannot_slip_past_the_count(api, world):
    await set_password(api, world.admin, PRINCIPAL)
    answers = await asyncio.gather(*(login(api, PRINCIPAL, f"tebakan-{i:02d}") for i in range(10)))
    found = sorted(e["code"] for a in answers for e in a["errors"])
    # each attempt is counted before its password is checked: only SLOW_AFTER of them were checked at all
    assert found.count("INVALID_CREDENTIALS") == login_throttle.SLOW_AFTER
    assert found.count("TOO_MANY_ATTEMPTS") == 10 - login_throttle.SLOW_AFTER


async def test_logout_revokes_the_session_and_only_a_session(api, world):
    await set_by_operator(PRINCIPAL)
    first, second = (await login(api, PRINCIPAL))["token"], (await login(api, PRINCIPAL))["token"]
    assert await api.gql(LOGOUT, token=first) == {"logout": True}
    assert (await api.errors(ME, token=first))[0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await api.gql(ME, token=second))["me"]["role"] == "EMPLOYEE"  # the other sign-in goes on
    # an API token made for a script is not a session: logout leaves it working
    assert await api.gql(LOGOUT, token=world.principal) == {"logout": False}
    assert (await api.gql(ME, token=world.principal))["me"]["role"] == "EMPLOYEE"
    assert (await api.errors(LOGOUT))[0]["extensions"]["code"] == "UNAUTHENTICATED"
    events = await AuditEvent.filter(action__in=["session.login", "session.logout"]).order_by("id")
    assert [(e.action, e.actor) for e in events] == [("session.login", f"nip:{PRINCIPAL}"),
                                                     ("session.login", f"nip:{PRINCIPAL}"),
                                                     ("session.logout", f"nip:{PRINCIPAL}")]


async def test_an_agency_admin_account_signs_in_as_agency_admin_or_as_the_employee_it_is(api, world):
    await set_by_operator(CLERK, role="AGENCY_ADMIN")
    admin = await login(api, CLERK)
    assert admin["role"] == "AGENCY_ADMIN"
    assert await api.gql(ME, token=admin["token"]) == {"me": {"role": "AGENCY_ADMIN", "agency": {"code": "DISDIK"},
                                                              "person": {"nip": CLERK}}}
    assert (await api.gql("{ agency(code: \"DISDIK\") { code } other: agency(code: \"DINKES\") { code } }",
                          token=admin["token"])) == {"agency": {"code": "DISDIK"}, "other": None}
    as_employee = await login(api, CLERK, role="EMPLOYEE")
    assert (await api.gql(ME, token=as_employee["token"]))["me"]["role"] == "EMPLOYEE"
    refused = await login(api, CLERK, role="ADMIN")
    assert refused["token"] is None and refused["errors"][0]["code"] == "FORBIDDEN"
    assert await LoginThrottle.filter(key=f"nip:{CLERK}").count() == 0  # a right password is no failure


@pytest.mark.parametrize("password, problem", [
    ("pendek", "at least 10 characters"), ("x" * 129, "at most 128"), (" spasi-di-depan", "spaces"),
    ("aaaaaaaaaaaa", "4 different"), (f"abc{PRINCIPAL}", "must not contain the NIP")])
async def test_a_weak_password_is_refused_and_nothing_changes(api, world, password, problem):
    await set_password(api, world.admin, PRINCIPAL)
    answer = await set_password(api, world.admin, PRINCIPAL, password)
    assert answer["person"] is None and answer["errors"][0]["path"] == ["password"]
    assert answer["errors"][0]["code"] in ("WEAK_PASSWORD", "TOO_LONG") and (
        problem in answer["errors"][0]["message"] or answer["errors"][0]["code"] == "TOO_LONG")
    assert (await login(api, PRINCIPAL))["errors"] == []  # the old password still works


async def test_who_may_set_a_password(api, world):
    def codes_of(answer):
        return [e["code"] for e in answer.get("errors", [])]

    # an agency admin resets only employees of its agency who supervise nobody, and gives no other role
    forbidden = [(world.dinkes_admin, PRINCIPAL, None), (world.disdik_admin, PRINCIPAL, "ADMIN"),
                 (world.disdik_admin, PRINCIPAL, None), (world.disdik_admin, TEACHER_1, "AGENCY_ADMIN"),
                 (world.principal, TEACHER_1, None), (world.teacher, TEACHER_1, None)]
    for token, nip, role in forbidden:
        errors = await api.errors(SET, token=token, nip=nip, password=GOOD, role=role)
        assert errors[0]["extensions"]["code"] == "FORBIDDEN", (nip, role)
    assert (await api.errors(SET, nip=PRINCIPAL, password=GOOD))[0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert await Credential.all().count() == 0
    assert codes_of(await set_password(api, world.disdik_admin, TEACHER_1)) == []
    assert codes_of(await set_password(api, world.admin, "199901012020011999")) == ["NOT_FOUND"]


async def test_a_reset_ends_open_sessions_and_is_audited_without_the_password(api, world, caplog):
    caplog.set_level(logging.DEBUG)
    await set_by_operator(TEACHER_1)
    session = (await login(api, TEACHER_1))["token"]
    await set_password(api, world.disdik_admin, TEACHER_1, "kata-sandi-yang-baru")
    assert (await api.errors(ME, token=session))[0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await login(api, TEACHER_1))["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert (await login(api, TEACHER_1, "kata-sandi-yang-baru"))["errors"] == []
    stored = (await Credential.get(person__nip=TEACHER_1)).password_hash
    assert stored.startswith("scrypt$16384$8$1$") and "kata-sandi" not in stored
    events = await AuditEvent.filter(action="credential.set").order_by("id")
    # the agency admin's reset is one-time (tests/test_password_reset.py)
    assert [e.after for e in events] == [{"role": "EMPLOYEE", "sessions_revoked": 0},
                                         {"role": "EMPLOYEE", "sessions_revoked": 1, "one_time": True}]
    everything = " ".join(str(e.before) + str(e.after) for e in await AuditEvent.all())
    assert GOOD not in everything and "kata-sandi-yang-baru" not in everything and stored not in everything
    # nor in any log line of the requests, SQL statements and their parameters included
    assert caplog.records and GOOD not in caplog.text and "kata-sandi-yang-baru" not in caplog.text


async def test_an_agency_admin_session_follows_its_person_to_another_agency(api, world):
    await set_by_operator(CLERK, role="AGENCY_ADMIN")
    session = (await login(api, CLERK))["token"]
    assert (await api.gql(ME, token=session))["me"]["agency"] == {"code": "DISDIK"}
    moved = await api.gql("""mutation($input: [PersonInput!]!) { upsertPeople(input: $input) { errors { code } } }""",
                          token=world.admin, input=[{"nip": CLERK, "name": "Eko Saputra", "employmentType": "PNS",
                                                     "position": "Pengadministrasi Umum", "agency": "DINKES",
                                                     "unit": None}])
    assert moved["upsertPeople"]["errors"] == []
    # the open session now administers the agency its person is in, not the one it signed in from
    assert (await api.gql(ME, token=session))["me"]["agency"] == {"code": "DINKES"}
    seen = await api.gql('{ a: agency(code: "DISDIK") { code } b: agency(code: "DINKES") { code } }', token=session)
    assert seen == {"a": None, "b": {"code": "DINKES"}}
