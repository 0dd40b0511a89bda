"""API tokens: create one for a role (the secret is shown once), resolve a bearer to a Viewer."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from tortoise.transactions import in_transaction

from kinerja.models import Agency, ApiToken, Credential, Person
from kinerja.services.core import audit
from kinerja.services.core.access import ADMIN, AGENCY_ADMIN, EMPLOYEE, ROLES, Viewer, viewer_for
from kinerja.services.core.errors import InputError
from kinerja.services.core.nip import normalize_nip

PREFIX = "knj_"


def new_secret() -> str:
    """A fresh bearer secret (an API token's or a session's): only its hash is ever stored."""
    return PREFIX + secrets.token_urlsafe(32)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


async def create_token(
    role: str, *, agency: str | None = None, nip: str | None = None, label: str = "", actor: str = "system"
) -> str:
    """Store the hash of a new token and return the secret itself; the audit trail gets who it is for, never
    the secret or its hash."""
    role = role.upper()
    if role not in ROLES:
        raise InputError.one(["role"], "INVALID_ROLE", f"role must be one of {', '.join(ROLES)}, got {role!r}",
                             params={"allowed": ROLES, "value": role})
    agency_obj = person = None
    if role == AGENCY_ADMIN:
        if not agency:
            raise InputError.one(["agency"], "REQUIRED", "AGENCY_ADMIN needs --agency CODE")
        agency_obj = await Agency.get_or_none(code=agency.upper())
        if agency_obj is None:
            raise InputError.one(["agency"], "NOT_FOUND", f"no agency with code {agency!r}",
                                 params={"what": "agency", "key": agency})
    elif role == EMPLOYEE and not nip:
        raise InputError.one(["nip"], "REQUIRED", "EMPLOYEE needs --nip NIP")
    elif role == ADMIN and agency:
        raise InputError.one(["agency"], "INVALID_ROLE", "ADMIN tokens take no --agency: they see every agency")
    if role in (EMPLOYEE, ADMIN) and nip:
        # an ADMIN token may stand for a person: the accountable assessor when it assesses someone who has no
        # supervisor (an assessment names a person as its assessor)
        person = await Person.get_or_none(nip=normalize_nip(nip))
        if person is None:
            raise InputError.one(["nip"], "NOT_FOUND", f"no person with NIP {nip!r}", params={"nip": nip})
    secret = new_secret()
    async with in_transaction() as conn:
        token = await ApiToken.create(
            token_hash=hash_token(secret), role=role, agency=agency_obj, person=person, label=label[:200],
            using_db=conn,
        )
        await audit.append(conn, actor, [audit.Change("token.create", "api_token", str(token.id), None, {
            "role": role, "agency": agency_obj.code if agency_obj else None,
            "nip": person.nip if person else None, "label": token.label})])
    return secret


NO_TOKEN = "missing bearer token: send Authorization: Bearer <token>"


async def resolve_authorization(header: str) -> Viewer | str:
    """The Viewer of an Authorization header's bearer token, or why there is none (NO_TOKEN when empty)."""
    if not header:
        return NO_TOKEN
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return "Authorization header must be 'Bearer <token>'"
    viewer = await resolve_token(secret.strip())
    return viewer if viewer is not None else "invalid, expired or revoked token"


async def resolve_token(secret: str) -> Viewer | None:
    """The Viewer a bearer secret stands for, or None when it is unknown, revoked or expired."""
    if not secret or len(secret) > 200:
        return None
    token = (
        await ApiToken.filter(token_hash=hash_token(secret))
        .select_related("person")
        .first()
    )
    if token is None or token.revoked_at is not None:
        return None
    if token.person is not None and token.person.left_at is not None:  # out of service: services/org/departures.py
        return None
    if token.expires_at is not None and token.expires_at <= dt.datetime.now(dt.timezone.utc):
        return None
    must_change = False
    if token.session and token.person is not None:
        # a session of a one-time password may only change it: read at every request, so that the change
        # frees the session that made it
        must_change = await Credential.filter(person_id=token.person.id, must_change=True).exists()
    return viewer_for(token.role, token_id=token.id, agency_id=token.agency_id, person=token.person,
                      session=token.session, must_change_password=must_change)
