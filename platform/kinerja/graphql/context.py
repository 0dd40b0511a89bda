"""The per-request GraphQL context: settings, the viewer's Access, loaders, a request id and the language."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from strawberry.types import Info as _Info

from kinerja.graphql.errors import unauthenticated
from kinerja.graphql.loaders import Loaders
from kinerja.services.core import messages
from kinerja.services.core.access import Access, password_change_required
from kinerja.services.auth.tokens import NO_TOKEN, resolve_authorization
from kinerja.settings import Settings


@dataclass
class Context:
    settings: Settings
    catalog: Any = None  # kinerja.services.indicators.catalog.Catalog
    request: Any = None
    response: Any = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    _access: Access | None = None
    _auth_problem: str = NO_TOKEN
    _loaders: Loaders | None = None
    objects_resolved: int = 0  # items of object lists so far (graphql/cost.py: the run-time cap)
    query_cost: int = 0  # the operation's cost estimate (graphql/cost.py), once measured
    language: str = messages.EN  # of the answer's messages: Accept-Language's (messages.language_of)
    data_generation: tuple[int, str] | None = None  # read once by graphql/answer_cache.py for a report-only query

    @property
    def access(self) -> Access:
        """The signed-in viewer's scope; an UNAUTHENTICATED error when there is none, PASSWORD_CHANGE_REQUIRED for
        a session signed in with a one-time password (it may only change it: `own_access`)."""
        found = self.own_access
        if not found.may_act:
            raise password_change_required()
        return found

    @property
    def own_access(self) -> Access:
        """The signed-in viewer's scope even while its one-time password awaits its change: for changePassword and
        logout only."""
        if self._access is None:
            raise unauthenticated(self._auth_problem)
        return self._access

    @property
    def loaders(self) -> Loaders:
        """Every DataLoader of the request, scoped by the viewer (made on first use: public operations need none)."""
        if self._loaders is None:
            self._loaders = Loaders(self.access)
        return self._loaders

    @property
    def client_address(self) -> str | None:
        """The address of the client, as the server saw it (what rate limits count by, hashed)."""
        client = getattr(self.request, "client", None) if self.request is not None else None
        return client.host if client else None


Info = _Info[Context, None]


async def build_context(settings: Settings, catalog: Any, request: Any, response: Any) -> Context:
    ctx = Context(settings=settings, catalog=catalog, request=request, response=response)
    if request is not None:
        ctx.language = messages.language_of(request.headers.get("accept-language"))
    header = request.headers.get("authorization", "") if request is not None else ""
    if header:
        found = await resolve_authorization(header)
        if isinstance(found, str):
            ctx._auth_problem = found
        else:
            ctx._access = Access(found)
    return ctx
