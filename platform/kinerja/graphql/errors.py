"""Errors as clients see them: UserError payload entries, coded GraphQL errors, and masking."""

from __future__ import annotations

import logging
from typing import Iterator

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from kinerja.services.core.errors import AccessDenied, BadArgument, InputError

log = logging.getLogger("kinerja.graphql")


@strawberry.type(description="A problem with the input of a mutation: nothing of that mutation was written.")
class UserError:
    path: list[str] = strawberry.field(description='Where in the input, e.g. ["input", "3", "nip"].')
    code: str = strawberry.field(description="Stable machine-readable code, e.g. INVALID_NIP, NOT_FOUND.")
    message: str


def user_errors(exc: InputError) -> list[UserError]:
    return [UserError(path=list(p.path), code=p.code, message=p.message) for p in exc.problems]


def unauthenticated(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "UNAUTHENTICATED"})


EXPECTED = (AccessDenied, BadArgument)


class ErrorShaping(SchemaExtension):
    """Give service errors their code; log internal errors with the request id; mask them if asked."""

    def __init__(self, *, mask: bool = False):
        self.mask = mask

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if not errors:
            return
        request_id = getattr(self.execution_context.context, "request_id", "-")
        result.errors = [self._shape(err, request_id) for err in errors]

    def _shape(self, err: GraphQLError, request_id: str) -> GraphQLError:
        orig = err.original_error
        if isinstance(orig, EXPECTED):
            extensions = {"code": orig.code}
            if isinstance(orig, BadArgument):
                extensions["argument"] = orig.argument
            return GraphQLError(str(orig), nodes=err.nodes, source=err.source, positions=err.positions,
                                path=err.path, extensions=extensions)
        if orig is None or isinstance(orig, GraphQLError):
            return err
        if _cannot_hold(orig):
            # a value no row can have (a 19-digit NIP, a period of 13 characters, an id beyond the integer
            # range, a NUL character): the input is wrong, not the server, and nothing was written
            return GraphQLError(f"no record can have this value: {orig}", nodes=err.nodes, source=err.source,
                                positions=err.positions, path=err.path, extensions={"code": "BAD_ARGUMENT"})
        log.error("request %s: internal error at %s", request_id, err.path,
                  exc_info=(type(orig), orig, orig.__traceback__))
        extensions = {"code": "INTERNAL", "requestId": request_id}
        message = f"Internal error (request id {request_id})" if self.mask else err.message
        return GraphQLError(message, nodes=err.nodes, source=err.source, positions=err.positions,
                            path=err.path, extensions=extensions)


def _cannot_hold(exc: BaseException) -> bool:
    """The ORM's length check of a filter value, or the database refusing a value for its column type."""
    from tortoise.exceptions import ValidationError

    if isinstance(exc, ValidationError):
        return True
    try:
        from asyncpg.exceptions import CharacterNotInRepertoireError, NumericValueOutOfRangeError
    except ImportError:  # pragma: no cover - asyncpg is a dependency
        return False
    seen = exc
    for _ in range(3):  # tortoise wraps driver errors (OperationalError, IntegrityError) once
        if isinstance(seen, (CharacterNotInRepertoireError, NumericValueOutOfRangeError)):
            return True
        seen = seen.__cause__ or seen.__context__
        if seen is None:
            return False
    return False
