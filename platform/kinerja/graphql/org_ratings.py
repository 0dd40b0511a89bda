"""Organisation ratings: setOrgPredikat (Agency.orgPredikat reads them through the org_predikat loader)."""

from __future__ import annotations

from typing import Optional

import strawberry

from kinerja.graphql.agencies import Agency
from kinerja.graphql.context import Info
from kinerja.graphql.enums import OrgPredikat
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.services.evaluation import org_ratings as service


@strawberry.type
class OrgPredikatPayload:
    agency: Optional[Agency]
    errors: list[UserError]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="ADMIN only: the agency's predikat for a period of a cycle that is not CLOSED.")
    @handle_errors(refusals=True)
    async def set_org_predikat(self, info: Info, agency: str, period: str, predikat: OrgPredikat
                               ) -> OrgPredikatPayload:
        found = await service.set_org_predikat(info.context.access, agency, period, predikat.value)
        return OrgPredikatPayload(agency=Agency.from_model(found), errors=[])
