"""Who is asking (Viewer) and what they may see (Access): the one place scoping rules live."""

from __future__ import annotations

from dataclasses import dataclass, field

from tortoise.expressions import Q

from kinerja.services.core.errors import AccessDenied

ADMIN = "ADMIN"
AGENCY_ADMIN = "AGENCY_ADMIN"
EMPLOYEE = "EMPLOYEE"
ROLES = (ADMIN, AGENCY_ADMIN, EMPLOYEE)


@dataclass(frozen=True)
class Viewer:
    role: str
    agency_id: int | None = None
    person_id: int | None = None
    token_id: int | None = None
    actor: str = "system"


SYSTEM = Viewer(role=ADMIN, actor="system")


@dataclass
class Access:
    """Per-request scope of one viewer; caches the supervisor subtree of an EMPLOYEE."""

    viewer: Viewer
    _subtree: frozenset[int] | None = field(default=None, repr=False)

    @property
    def is_admin(self) -> bool:
        return self.viewer.role == ADMIN

    def require_admin(self, what: str) -> None:
        if not self.is_admin:
            raise AccessDenied(f"only ADMIN may {what}")

    def require_manager_of(self, agency_id: int, what: str) -> None:
        """ADMIN, or the AGENCY_ADMIN of that agency."""
        v = self.viewer
        if v.role == ADMIN or (v.role == AGENCY_ADMIN and v.agency_id == agency_id):
            return
        raise AccessDenied(f"not allowed to {what}")

    def can_manage_agency(self, agency_id: int) -> bool:
        v = self.viewer
        return v.role == ADMIN or (v.role == AGENCY_ADMIN and v.agency_id == agency_id)

    def agency_filter(self) -> Q:
        """Agencies this viewer can see: all (ADMIN) or its own."""
        if self.is_admin:
            return Q()
        return Q(id=self.viewer.agency_id)

    def can_see_agency(self, agency_id: int) -> bool:
        return self.is_admin or agency_id == self.viewer.agency_id

    async def people_filter(self) -> Q:
        """People this viewer can see: all, its agency's, or itself and everyone below it."""
        v = self.viewer
        if v.role == ADMIN:
            return Q()
        if v.role == AGENCY_ADMIN:
            return Q(agency_id=v.agency_id)
        return Q(id__in=sorted(await self.subtree()))

    async def subtree(self) -> frozenset[int]:
        if self._subtree is None:
            from kinerja.services.org.people import subtree_ids

            self._subtree = (
                frozenset(await subtree_ids(self.viewer.person_id)) if self.viewer.person_id else frozenset()
            )
        return self._subtree

    async def can_see_person(self, person_id: int, agency_id: int) -> bool:
        v = self.viewer
        if v.role == ADMIN:
            return True
        if v.role == AGENCY_ADMIN:
            return agency_id == v.agency_id
        return person_id in await self.subtree()
