"""Sign-in: login (public), logout, changePassword (a session, its own), and setPassword (ADMIN, or the person's
agency admin for an employee account)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import strawberry

from kinerja.graphql.context import Info
from kinerja.graphql.enums import Role
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.graphql.people import Person
from kinerja.services.auth import sessions as service
from kinerja.services.core.access import EMPLOYEE


def uncompressed(info: Info) -> None:
    """Marks the answer to go out uncompressed: it carries a session token (http/compression.py: BREACH)."""
    response = info.context.response
    if response is not None and hasattr(response, "headers"):
        response.headers["Content-Encoding"] = "identity"


@strawberry.type(description="The answer of login: a session token with its expiry and role, or the sign-in's "
                             "problems.")
class LoginPayload:
    token: Optional[str] = strawberry.field(description="The session token, sent as `Authorization: Bearer <token>` "
                                                        "with every request; shown once. Null when sign-in failed.")
    expires_at: Optional[dt.datetime] = strawberry.field(
        description="When the session ends: KINERJA_SESSION_HOURS (default 8) after sign-in, an ISO 8601 date-time "
                    "in UTC. Null when sign-in failed.")
    role: Optional[Role] = strawberry.field(description="The role the session has.", default=None)
    must_change_password: bool = strawberry.field(description=(
        "The password was a one-time password (a reset by someone else): the session may do nothing but "
        "changePassword (every other operation answers PASSWORD_CHANGE_REQUIRED) until it is changed."),
        default=False)
    errors: list[UserError] = strawberry.field(description="Why sign-in failed (path, code, message); empty on "
                                                           "success.")


@strawberry.type(description="The answer of setPassword: the person whose password was set, or the input's "
                             "problems.")
class PasswordPayload:
    person: Optional[Person] = strawberry.field(description="The person whose password and sign-in role were set; "
                                                            "null when nothing was written.")
    errors: list[UserError] = strawberry.field(description="What is wrong with the input (path, code, message) when "
                                                           "nothing was written; empty on success.")


@strawberry.type(description="The answer of changePassword: whether the password was changed, or the problems.")
class ChangePasswordPayload:
    changed: bool = strawberry.field(description="The password was changed (and is no longer one-time).")
    errors: list[UserError] = strawberry.field(description="Why the password was not changed (path, code, message); "
                                                           "empty on success.")


@strawberry.type
class Mutation:
    @strawberry.mutation(description=(
        "Public: NIP and password give a session token; failures are slowed, then locked for a while. "
        "Codes: INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS, LOCKED, REQUIRED."))
    @handle_errors
    async def login(
        self, info: Info, nip: str, password: str,
        role: Annotated[Optional[Role], strawberry.argument(
            description="Sign in with this role: the account's own (the default) or EMPLOYEE.")] = None,
    ) -> LoginPayload:
        uncompressed(info)
        settings = info.context.settings
        policy = service.LoginPolicy(settings.session_hours, settings.login_lock_failures,
                                     settings.login_lock_seconds, settings.secret)
        session = await service.login(nip, password, info.context.client_address, policy,
                                      role.value if role else None)
        return LoginPayload(token=session.token, expires_at=session.expires_at, role=Role(session.role),
                            must_change_password=session.must_change_password, errors=[])

    @strawberry.mutation(description="Revokes the session token that made the request (false for an API token).")
    async def logout(self, info: Info) -> bool:
        return await service.logout(info.context.own_access.viewer)

    @strawberry.mutation(description=(
        "A signed-in session sets its own person's password, giving the current one (a one-time password "
        "included); the person's other sessions end, this one goes on. Codes: INVALID_CREDENTIALS (current), "
        "WEAK_PASSWORD (new), TOO_MANY_ATTEMPTS, LOCKED, REQUIRED, FORBIDDEN (an API token)."))
    @handle_errors(refusals=True)
    async def change_password(self, info: Info, current: str, new: str) -> ChangePasswordPayload:
        uncompressed(info)
        settings = info.context.settings
        policy = service.LoginPolicy(settings.session_hours, settings.login_lock_failures,
                                     settings.login_lock_seconds, settings.secret)
        await service.change_password(info.context.own_access, current, new, info.context.client_address, policy)
        return ChangePasswordPayload(changed=True, errors=[])

    @strawberry.mutation(description=(
        "Sets or resets a person's password and the role their sign-ins get (default EMPLOYEE); ends their open "
        "sessions. A password set for someone else is one-time: it must be changed at the next sign-in. ADMIN for "
        "anyone; an AGENCY_ADMIN only for an EMPLOYEE account of its agency whose person supervises nobody, role "
        "EMPLOYEE. Any other NIP is refused alike, known or not (FORBIDDEN)."))
    @handle_errors  # a refusal (AccessDenied) stays a GraphQL error: FORBIDDEN in extensions.code
    async def set_password(
        self, info: Info, nip: str, password: str,
        role: Annotated[Optional[Role], strawberry.argument(
            description="The role the person's sign-ins get; null or left out: EMPLOYEE. Only ADMIN gives another "
                        "role (FORBIDDEN otherwise).")] = None,
    ) -> PasswordPayload:
        person = await service.set_password(info.context.access, nip, password, role.value if role else EMPLOYEE)
        return PasswordPayload(person=Person.from_model(person), errors=[])
