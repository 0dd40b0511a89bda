"""Sign-in: login (public), logout, and setPassword (ADMIN, or the person's agency admin)."""

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


@strawberry.type
class LoginPayload:
    token: Optional[str]
    expires_at: Optional[dt.datetime]
    role: Optional[Role] = strawberry.field(description="The role the session has.", default=None)
    errors: list[UserError]


@strawberry.type
class PasswordPayload:
    person: Optional[Person]
    errors: list[UserError]


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
        settings = info.context.settings
        policy = service.LoginPolicy(settings.session_hours, settings.login_lock_failures,
                                     settings.login_lock_seconds, settings.secret)
        session = await service.login(nip, password, info.context.client_address, policy,
                                      role.value if role else None)
        return LoginPayload(token=session.token, expires_at=session.expires_at, role=Role(session.role), errors=[])

    @strawberry.mutation(description="Revokes the session token that made the request (false for an API token).")
    async def logout(self, info: Info) -> bool:
        return await service.logout(info.context.access.viewer)

    @strawberry.mutation(description=(
        "Sets or resets a person's password and the role their sign-ins get (default EMPLOYEE); ends their open "
        "sessions. ADMIN for anyone; an AGENCY_ADMIN for its agency's people, roles EMPLOYEE and AGENCY_ADMIN."))
    @handle_errors  # a refusal (AccessDenied) stays a GraphQL error: FORBIDDEN in extensions.code
    async def set_password(self, info: Info, nip: str, password: str, role: Optional[Role] = None
                           ) -> PasswordPayload:
        person = await service.set_password(info.context.access, nip, password, role.value if role else EMPLOYEE)
        return PasswordPayload(person=Person.from_model(person), errors=[])
