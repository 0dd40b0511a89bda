"""The signed-in viewer (`me`): role, agency and person."""

from __future__ import annotations

from typing import Optional

import strawberry

from kinerja.graphql.agencies import Agency
from kinerja.graphql.context import Info
from kinerja.graphql.enums import Role
from kinerja.graphql.people import Person


@strawberry.type
class Viewer:
    role: Role
    agency_id: strawberry.Private[Optional[int]]
    person_id: strawberry.Private[Optional[int]]

    @strawberry.field
    async def agency(self, info: Info) -> Optional[Agency]:
        if self.agency_id is None:
            return None
        return Agency.from_model(await info.context.loaders.agency.load(self.agency_id))

    @strawberry.field
    async def person(self, info: Info) -> Optional[Person]:
        if self.person_id is None:
            return None
        found = await info.context.loaders.person.load(self.person_id)
        return Person.from_model(found) if found else None


@strawberry.type
class Query:
    @strawberry.field
    def me(self, info: Info) -> Viewer:
        v = info.context.access.viewer
        return Viewer(role=Role(v.role), agency_id=v.agency_id, person_id=v.person_id)
