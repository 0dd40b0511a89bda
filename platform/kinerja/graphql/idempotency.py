"""Keyed mutations in GraphQL: the key (argument or Idempotency-Key header), the caller, the normalized input."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any, Awaitable, Callable, Optional

from kinerja.graphql.context import Info
from kinerja.services.core import idempotency
from kinerja.services.core.errors import InputError

HEADER = "idempotency-key"
DESCRIPTION = ("Retry safety: a replay with the same key and input by the same caller within 24 hours has no "
               "second effect and returns the first answer; the same key with another input is the error "
               "IDEMPOTENCY_KEY_REUSED. 8-128 characters of A-Z a-z 0-9 _ -. The Idempotency-Key header does "
               "the same.")


def key_of(info: Info, argument: Optional[str]) -> Optional[str]:
    """The request's key: the argument, else the Idempotency-Key header; both given must agree."""
    request = info.context.request
    header = request.headers.get(HEADER) if request is not None else None
    if argument is not None and header is not None and argument != header:
        raise InputError.one(idempotency.PATH, "INVALID_IDEMPOTENCY_KEY",
                             "the idempotencyKey argument and the Idempotency-Key header differ",
                             {"header": "Idempotency-Key"})
    return argument if argument is not None else header


def plain(value: Any) -> Any:
    """Input objects as JSON values (omitted optional fields as null, enums by value), for the input's hash."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


async def keyed(info: Info, caller: str, mutation: str, argument: Optional[str], request: Any,
                run: Callable[[], Awaitable[Any]]) -> Any:
    """`run()` once per (caller, mutation, key) when a key is given; its answer, or the stored first answer."""
    return await idempotency.once(caller, mutation, key_of(info, argument), plain(request), run)


def token_caller(info: Info) -> str:
    return f"token:{info.context.access.viewer.token_id}"
