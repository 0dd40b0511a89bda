"""Sign-in with NIP and password: setting a password, login (a session token that expires) and logout."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass, field

from tortoise.transactions import in_transaction

from kinerja.models import ApiToken, Credential, Person
from kinerja.services.core import audit
from kinerja.services.auth import login_throttle
from kinerja.services.core.access import AGENCY_ADMIN, EMPLOYEE, ROLES, Access, deny, refusal, Viewer
from kinerja.services.core.errors import InputError
from kinerja.services.core.nip import normalize_nip
from kinerja.services.auth.passwords import dummy_hash, hash_password, password_problem, verify_password
from kinerja.services.auth.tokens import hash_token, new_secret

log = logging.getLogger("kinerja.sessions")

INVALID = "wrong NIP or password"
NIP_MAX = 40


@dataclass(frozen=True)
class Session:
    token: str
    expires_at: dt.datetime
    role: str
    must_change_password: bool = False  # a one-time password: the session may only change it


@dataclass(frozen=True)
class LoginPolicy:
    session_hours: float
    lock_failures: int
    lock_seconds: int
    # the KINERJA_SECRET setting: the key of the client address's hash ("" a random key made once per process)
    address_secret: str = field(default="", repr=False)


NOT_YOURS = ("an agency admin may reset only the password of an employee of its own agency who assesses nobody; "
             "ask ADMIN (BKPSDM) for any other account")


async def set_password(access: Access, nip: str, password: str, role: str = EMPLOYEE, actor: str | None = None
                       ) -> Person:
    """Set or reset a person's password and the role their sign-ins get; revokes their open sessions.

    ADMIN (and the operator) may set any account and role. An agency admin may reset only an EMPLOYEE account of
    its own agency whose person has no subordinates, and never changes its role (Access.may_reset_password,
    may_assign_role); it is refused before anything is looked up, and a NIP it may not reset answers as an unknown
    one does. A password set for someone else than the viewer is one-time (Credential.must_change): its sessions
    may only change it. The audit event records who, for whom, the role and whether it is one-time, never the
    password or its hash."""
    role = (role or EMPLOYEE).upper()
    if role not in ROLES:
        raise InputError.one(["role"], "INVALID_ROLE", f"role must be one of {', '.join(ROLES)}, got {role!r}",
                             params={"allowed": ROLES, "value": role})
    if not access.may_reset_passwords:
        raise deny("only ADMIN or an agency admin may set someone's password; change your own with changePassword",
                   params={"action": "set_password"})
    why_not = access.may_assign_role(role)
    if why_not:
        raise deny(why_not, {"action": "assign_role"})
    person = await Person.get_or_none(nip=normalize_nip(nip)[:NIP_MAX]) if nip else None
    found_role = None
    if person is not None:
        existing = await Credential.filter(person_id=person.id).only("id", "role").first()
        found_role = existing.role if existing else None
        has_subordinates = await Person.filter(supervisor_id=person.id).exists()
        if not access.may_reset_password(person, found_role, has_subordinates):
            person = None  # out of scope: answered as an unknown NIP is
    if person is None:
        if not access.is_admin:
            raise deny(NOT_YOURS, {"action": "reset_password_of"})
        raise InputError.one(["nip"], "NOT_FOUND", f"no person with NIP {nip!r}", params={"nip": nip})
    problem = password_problem(password, person.nip)
    if problem:
        raise InputError.one(["password"], "WEAK_PASSWORD", problem)
    hashed = await asyncio.to_thread(hash_password, password)
    one_time = access.sets_one_time_password(person.id)
    by_agency_admin = not access.is_admin  # Credential.set_by_agency_admin: ADMIN's or the CLI's clears it
    now = dt.datetime.now(dt.timezone.utc)
    async with in_transaction() as conn:
        found = await Credential.filter(person_id=person.id).using_db(conn).select_for_update().first()
        before = {"role": found.role} if found else None
        if found:
            if not access.may_reset_password(person, found.role, False):  # its role changed since the check
                raise deny(NOT_YOURS, {"action": "reset_password_of"})
            await Credential.filter(id=found.id).using_db(conn).update(
                password_hash=hashed, role=role, must_change=one_time, set_by_agency_admin=by_agency_admin,
                updated_at=now)
        else:
            await Credential.create(person_id=person.id, password_hash=hashed, role=role, must_change=one_time,
                                    set_by_agency_admin=by_agency_admin, updated_at=now, using_db=conn)
        revoked = await ApiToken.filter(person_id=person.id, session=True, revoked_at=None).using_db(conn).update(
            revoked_at=now)
        await login_throttle.forget(conn, person.nip)
        after = {"role": role, "sessions_revoked": revoked}
        if one_time:
            after["one_time"] = True
        await audit.append(conn, actor or access.viewer.actor, [audit.Change(
            "credential.set", "person", person.nip, before, after)])
    return person


async def change_password(access: Access, current: str, new: str, client: str | None, policy: LoginPolicy) -> Person:
    """A signed-in person sets their own password, knowing the current one (a one-time one included): the
    password is no longer one-time, the person's other sessions end and this one goes on. A wrong current password
    counts as a failed sign-in (INVALID_CREDENTIALS, then TOO_MANY_ATTEMPTS, LOCKED)."""
    if not access.may_change_own_password:
        raise refusal([], "only a person's own sign-in session may change its password: sign in with NIP and "
                          "password first", params={"action": "change_password_here"})
    person = await Person.get(id=access.viewer.person_id)
    if not current:
        raise InputError.one(["current"], "REQUIRED", "the current password is required")
    await login_throttle.admit(person.nip, client, policy.lock_failures, policy.lock_seconds, policy.address_secret)
    credential = await Credential.filter(person_id=person.id).first()
    stored = credential.password_hash if credential else dummy_hash()
    if not await asyncio.to_thread(verify_password, current[:1024], stored) or credential is None:
        log.warning("wrong current password in a password change for NIP %s", person.nip)
        raise InputError.one(["current"], "INVALID_CREDENTIALS", "the current password is wrong",
                                 {"what": "current"})
    problem, code = password_problem(new, person.nip), "WEAK_PASSWORD"
    if problem is None and new == current:
        problem, code = "the new password must differ from the current one", "PASSWORD_UNCHANGED"
    if problem:
        async with in_transaction() as conn:  # the current password was right: not a failure
            await login_throttle.succeed(conn, person.nip, client, policy.address_secret)
        raise InputError.one(["new"], code, problem)
    hashed = await asyncio.to_thread(hash_password, new)
    now = dt.datetime.now(dt.timezone.utc)
    async with in_transaction() as conn:
        updated = await Credential.filter(id=credential.id, password_hash=credential.password_hash).using_db(
            conn).update(password_hash=hashed, must_change=False, updated_at=now)
        if not updated:  # reset meanwhile: this session has been ended
            raise InputError.one(["current"], "INVALID_CREDENTIALS", "the current password is wrong",
                                 {"what": "current"})
        revoked = await ApiToken.filter(person_id=person.id, session=True, revoked_at=None).exclude(
            id=access.viewer.token_id).using_db(conn).update(revoked_at=now)
        await login_throttle.succeed(conn, person.nip, client, policy.address_secret)
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "credential.change", "person", person.nip, {"one_time": credential.must_change},
            {"one_time": False, "sessions_revoked": revoked})])
    return person


async def login(nip: str, password: str, client: str | None, policy: LoginPolicy, role: str | None = None) -> Session:
    """A session token for a NIP and its password; InputError INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS or LOCKED.

    Each attempt is counted as a failure before the password is checked and forgiven when it matches, so that
    concurrent guesses cannot slip past the count. An unknown NIP costs the same hash as a known one."""
    nip = normalize_nip(nip or "")[:NIP_MAX]
    if not nip or not password:
        raise InputError.one(["nip" if not nip else "password"], "REQUIRED", "NIP and password are both required")
    await login_throttle.admit(nip, client, policy.lock_failures, policy.lock_seconds, policy.address_secret)
    credential = await Credential.filter(person__nip=nip).select_related("person").first()
    stored = credential.password_hash if credential else dummy_hash()
    matches = await asyncio.to_thread(verify_password, password[:1024], stored)
    if not matches or credential is None:
        log.warning("failed sign-in for NIP %s", nip)
        raise InputError.one(["nip"], "INVALID_CREDENTIALS", INVALID)
    person = credential.person
    if person.left_at is not None:  # out of service (services/org/departures.py): the password was right
        async with in_transaction() as conn:
            await login_throttle.succeed(conn, nip, client, policy.address_secret)
        raise InputError.one(["nip"], "ACCOUNT_INACTIVE",
                             f"NIP {nip} left the service on {person.left_at.isoformat()}: sign-in is closed; ask "
                             "the agency admin or BKPSDM", params={"nip": nip, "day": person.left_at.isoformat()})
    granted = credential.role
    if role is not None and role.upper() != granted:
        if role.upper() != EMPLOYEE:  # every account may sign in as the employee it is
            async with in_transaction() as conn:  # the password was right: not a failure
                await login_throttle.succeed(conn, nip, client, policy.address_secret)
            raise refusal(["role"], f"this account may sign in as {granted} or EMPLOYEE",
                          params={"action": "sign_in_as_role"})
        granted = EMPLOYEE
    secret = new_secret()
    expires = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=policy.session_hours)
    async with in_transaction() as conn:
        token = await ApiToken.create(
            token_hash=hash_token(secret), role=granted, person_id=person.id, session=True, label="session",
            agency_id=person.agency_id if granted == AGENCY_ADMIN else None, expires_at=expires, using_db=conn)
        await login_throttle.succeed(conn, nip, client, policy.address_secret)
        await audit.append(conn, f"nip:{person.nip}", [audit.Change(
            "session.login", "person", person.nip, None,
            {"role": granted, "session": token.id, "expires_at": expires.isoformat(),
             **({"one_time": True} if credential.must_change else {})})])
    return Session(secret, expires, granted, credential.must_change)


async def logout(viewer: Viewer) -> bool:
    """Revoke the session token the viewer signed in with; False for an API token (scripts keep theirs)."""
    if viewer.token_id is None:
        return False
    now = dt.datetime.now(dt.timezone.utc)
    async with in_transaction() as conn:
        revoked = await ApiToken.filter(id=viewer.token_id, session=True, revoked_at=None).using_db(conn).update(
            revoked_at=now)
        if revoked:
            await audit.append(conn, viewer.actor, [audit.Change(
                "session.logout", "api_token", str(viewer.token_id), None, {"revoked_at": now.isoformat()})])
    return bool(revoked)
