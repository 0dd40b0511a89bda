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


@dataclass(frozen=True)
class LoginPolicy:
    session_hours: float
    lock_failures: int
    lock_seconds: int
    # the KINERJA_SECRET setting: the key of the client address's hash ("" a random key made once per process)
    address_secret: str = field(default="", repr=False)


async def set_password(access: Access, nip: str, password: str, role: str = EMPLOYEE, actor: str | None = None
                       ) -> Person:
    """Set or reset a person's password and the role their sign-ins get; revokes their open sessions.

    ADMIN may set any role; the AGENCY_ADMIN of the person's agency may set EMPLOYEE or AGENCY_ADMIN. The audit
    event records who, for whom and the role, never the password or its hash."""
    role = (role or EMPLOYEE).upper()
    if role not in ROLES:
        raise InputError.one(["role"], "INVALID_ROLE", f"role must be one of {', '.join(ROLES)}, got {role!r}")
    person = await Person.get_or_none(nip=normalize_nip(nip)[:NIP_MAX]) if nip else None
    if person is None:
        raise InputError.one(["nip"], "NOT_FOUND", f"no person with NIP {nip!r}")
    why_not = access.may_assign_role(role, person.agency_id)
    if why_not:
        raise deny(why_not)
    problem = password_problem(password, person.nip)
    if problem:
        raise InputError.one(["password"], "WEAK_PASSWORD", problem)
    hashed = await asyncio.to_thread(hash_password, password)
    now = dt.datetime.now(dt.timezone.utc)
    async with in_transaction() as conn:
        found = await Credential.filter(person_id=person.id).using_db(conn).select_for_update().first()
        before = {"role": found.role} if found else None
        if found:
            await Credential.filter(id=found.id).using_db(conn).update(password_hash=hashed, role=role, updated_at=now)
        else:
            await Credential.create(person_id=person.id, password_hash=hashed, role=role, updated_at=now, using_db=conn)
        revoked = await ApiToken.filter(person_id=person.id, session=True, revoked_at=None).using_db(conn).update(
            revoked_at=now)
        await login_throttle.forget(conn, person.nip)
        await audit.append(conn, actor or access.viewer.actor, [audit.Change(
            "credential.set", "person", person.nip, before, {"role": role, "sessions_revoked": revoked})])
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
    granted = credential.role
    if role is not None and role.upper() != granted:
        if role.upper() != EMPLOYEE:  # every account may sign in as the employee it is
            async with in_transaction() as conn:  # the password was right: not a failure
                await login_throttle.succeed(conn, nip, client, policy.address_secret)
            raise refusal(["role"], f"this account may sign in as {granted} or EMPLOYEE")
        granted = EMPLOYEE
    person = credential.person
    secret = new_secret()
    expires = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=policy.session_hours)
    async with in_transaction() as conn:
        token = await ApiToken.create(
            token_hash=hash_token(secret), role=granted, person_id=person.id, session=True, label="session",
            agency_id=person.agency_id if granted == AGENCY_ADMIN else None, expires_at=expires, using_db=conn)
        await login_throttle.succeed(conn, nip, client, policy.address_secret)
        await audit.append(conn, f"nip:{person.nip}", [audit.Change(
            "session.login", "person", person.nip, None,
            {"role": granted, "session": token.id, "expires_at": expires.isoformat()})])
    return Session(secret, expires, granted)


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
