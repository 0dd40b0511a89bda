"""The signed-in viewer (`me`): role, agency and person."""

from __future__ import annotations

from typing import Optional

import strawberry

from kinerja.graphql.agencies import Agency
from kinerja.graphql.context import Info
from kinerja.graphql.enums import Role
from kinerja.graphql.people import Person


@strawberry.type(description="Who is signed in: the role, the agency and the person the request's token stands "
                             "for.")
class Viewer:
    role: Role = strawberry.field(description="The role the token carries (a session: the role it signed in with).")
    agency_id: strawberry.Private[Optional[int]]
    person_id: strawberry.Private[Optional[int]]

    @strawberry.field(description="The agency the viewer belongs to (an EMPLOYEE's, or the one an AGENCY_ADMIN "
                                  "administers); null for ADMIN.")
    async def agency(self, info: Info) -> Optional[Agency]:
        if self.agency_id is None:
            return None
        return Agency.from_model(await info.context.loaders.agency.load(self.agency_id))

    @strawberry.field(description="The person the token stands for (a session's signed-in person, always for an "
                                  "EMPLOYEE); null for an API token made for no person.")
    async def person(self, info: Info) -> Optional[Person]:
        if self.person_id is None:
            return None
        found = await info.context.loaders.person.load(self.person_id)
        return Person.from_model(found) if found else None


@strawberry.type
class Query:
    @strawberry.field(description="The signed-in viewer: role, agency and person. Needs a token: UNAUTHENTICATED "
                                  "without one, PASSWORD_CHANGE_REQUIRED while a one-time password awaits its change.")
    def me(self, info: Info) -> Viewer:
        v = info.context.access.viewer
        return Viewer(role=Role(v.role), agency_id=v.agency_id, person_id=v.person_id)
