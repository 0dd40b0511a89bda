"""Errors as clients see them: UserError payload entries, coded GraphQL errors, and masking.

A service says what is wrong by raising: InputError (problems of the input, each with a path and a code),
AccessDenied (a refusal: FORBIDDEN, UNAUTHENTICATED) or BadArgument (an unusable argument of a read). A mutation
reports input problems as UserErrors in its payload (`handle_errors`); everything else becomes a GraphQL error with
extensions.code (ErrorShaping). A refusal has one client form, `coded`: a mutation whose payload reports refusals
(handle_errors(refusals=True)) lists it among its errors; any other operation answers it as the GraphQL error of
the same code and message.

Messages are answered in the request's language (Context.language, from Accept-Language): a UserError's `message`
is rendered when it is resolved, a GraphQL error's by ErrorShaping, both by services/core/messages.py. The code
never changes with the language."""

from __future__ import annotations

import functools
import logging
import typing
from typing import Any, Awaitable, Callable, Iterator, Mapping, Optional, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.scalars import JSON
from strawberry.types.base import StrawberryList, StrawberryOptional

from kinerja.services.core import messages
from kinerja.services.core.errors import AccessDenied, BadArgument, InputError

log = logging.getLogger("kinerja.graphql")


def language(info: Any) -> str:
    """The language the request asked for (Context.language); English without a context."""
    return getattr(getattr(info, "context", None), "language", messages.EN)


@strawberry.type(description="A problem with the input of a mutation: nothing of that mutation was written.")
class UserError:
    path: list[str] = strawberry.field(description='Where in the input, e.g. ["input", "3", "nip"].')
    code: str = strawberry.field(description="Stable machine-readable code, e.g. INVALID_NIP, NOT_FOUND.")
    english: strawberry.Private[str]
    values: strawberry.Private[Optional[Mapping[str, Any]]] = None

    @strawberry.field(description="What is wrong, in the request's language: Bahasa Indonesia when Accept-Language "
                                  "prefers it (id, id-ID, in), English otherwise. The code is the same in both.")
    def message(self, info: strawberry.Info) -> str:
        return messages.message(self.code, self.english, self.values, self.path, language(info))

    @strawberry.field(description="The message's parameters by name, where the server gives them (dates as "
                                  "YYYY-MM-DD), e.g. OBJECTION_PERIOD_OVER's {period, finalized, days, until}; null "
                                  "otherwise.")
    def params(self) -> Optional[JSON]:
        return messages.json_params(self.values)

    @classmethod
    def of(cls, problem: Any) -> "UserError":
        """A problem (core.errors.Problem, or anything with path, code, message and params) as a UserError."""
        return cls(path=list(problem.path), code=problem.code, english=problem.message,
                   values=getattr(problem, "params", None))


def coded(exc: AccessDenied | BadArgument) -> UserError:
    """A refusal (or an unusable argument) as clients see it, in a payload or as a GraphQL error: its code and
    message, and where: the argument, or nowhere in particular ([]) for a refusal, which is about the whole
    operation."""
    return UserError(path=[exc.argument] if isinstance(exc, BadArgument) else [], code=exc.code, english=str(exc),
                     values=exc.params)


def user_errors(exc: InputError | AccessDenied) -> list[UserError]:
    """The payload errors of a mutation: each problem of an InputError, or the refusal."""
    if isinstance(exc, AccessDenied):
        return [coded(exc)]
    return [UserError.of(p) for p in exc.problems]


P = TypeVar("P")


def empty_payload(payload: type[P], errors: list[UserError], **carried: Any) -> P:
    """The mutation's payload with only its errors: every other field empty (null, [], false) unless `carried`."""
    values: dict[str, Any] = {}
    for f in payload.__strawberry_definition__.fields:
        if f.base_resolver is not None or f.python_name == "errors":
            continue
        t = f.type
        values[f.python_name] = (None if isinstance(t, StrawberryOptional) else [] if isinstance(t, StrawberryList)
                                 else False if t is bool else None)
    return payload(**{**values, **carried}, errors=errors)


Resolver = Callable[..., Awaitable[Any]]


def handle_errors(resolver: Resolver | None = None, *, refusals: bool = False,
                  carry: Callable[[Exception], dict[str, Any]] | None = None) -> Any:
    """Decorator of a mutation resolver (under @strawberry.mutation), in the manner of Saleor's
    BaseMutation.handle_errors: the resolver answers its success; an InputError it raises becomes its payload
    (the return annotation) with the error's problems as `errors` and every other field empty.

    refusals=True: an AccessDenied too becomes a payload error (`coded`), where otherwise it reaches ErrorShaping
    as a GraphQL error. carry(exc): payload fields the error itself carries (a curve breach's warnings).
    Any other exception passes unchanged, an UNAUTHENTICATED from Context.access included."""
    caught: tuple[type[Exception], ...] = (InputError, AccessDenied) if refusals else (InputError,)

    def decorate(fn: Resolver) -> Resolver:
        payload: list[type] = []  # the return annotation, read on the first error (the payload class is defined)

        @functools.wraps(fn)
        async def resolve(*args: Any, **kwargs: Any) -> Any:
            try:
                return await fn(*args, **kwargs)
            except caught as exc:
                if not payload:
                    payload.append(typing.get_type_hints(fn)["return"])
                return empty_payload(payload[0], user_errors(exc), **(carry(exc) if carry else {}))

        return resolve

    return decorate(resolver) if resolver is not None else decorate


def unauthenticated(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "UNAUTHENTICATED"})


EXPECTED = (AccessDenied, BadArgument)


class ErrorShaping(SchemaExtension):
    """Give service errors their code; log internal errors with the request id; mask them if asked."""

    def __init__(self, *, mask: bool = False):
        self.mask = mask
        self.phase: str | None = None  # "validate" when validation failed (a failed parse: KinerjaSchema.process_errors)

    def on_validate(self) -> Iterator[None]:
        try:
            yield
        finally:
            if self.execution_context.pre_execution_errors:
                self.phase = "validate"

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if not errors:
            return
        context = self.execution_context.context
        request_id = getattr(context, "request_id", "-")
        spoken = getattr(context, "language", messages.EN)
        result.errors = [self._shape(self._coded(err, result), request_id, spoken) for err in errors]

    def _coded(self, err: GraphQLError, result: Any) -> GraphQLError:
        """A request error of graphql-core's own (a syntax error, the token limit, a validation rule, introspection
        turned off, a variable that cannot be coerced) with its extensions.code (REQUEST_CODES)."""
        own = err.original_error is None or isinstance(err.original_error, GraphQLError)  # graphql-core's, not ours
        if not own or (err.extensions or {}).get("code") or err.path:
            return err
        code = request_code(self.phase, err.message, getattr(result, "data", None) is None)
        if code is None:
            return err
        return GraphQLError(err.message, nodes=err.nodes, source=err.source, positions=err.positions,
                            original_error=err.original_error, extensions={**(err.extensions or {}), "code": code})

    def _shape(self, err: GraphQLError, request_id: str, spoken: str = messages.EN) -> GraphQLError:
        orig = err.original_error
        if isinstance(orig, EXPECTED):
            client = coded(orig)
            extensions = {"code": client.code}
            if isinstance(orig, BadArgument):
                extensions["argument"] = orig.argument
            return GraphQLError(messages.message(client.code, client.english, client.values, client.path, spoken),
                                nodes=err.nodes, source=err.source, positions=err.positions, path=err.path,
                                extensions=extensions)
        if orig is None or isinstance(orig, GraphQLError):
            return _spoken(err, spoken)
        if _cannot_hold(orig):
            # a value no row can have (a 19-digit NIP, a period of 13 characters, an id beyond the integer
            # range, a NUL character): the input is wrong, not the server, and nothing was written
            return GraphQLError(messages.message("BAD_ARGUMENT", f"no record can have this value: {orig}",
                                                 language=spoken),
                                nodes=err.nodes, source=err.source, positions=err.positions, path=err.path,
                                extensions={"code": "BAD_ARGUMENT"})
        log.error("request %s: internal error at %s", request_id, err.path,
                  exc_info=(type(orig), orig, orig.__traceback__))
        extensions = {"code": "INTERNAL", "requestId": request_id}
        message = (messages.message("INTERNAL", f"Internal error (request id {request_id})", {"requestId": request_id},
                                    language=spoken) if self.mask else err.message)
        return GraphQLError(message, nodes=err.nodes, source=err.source, positions=err.positions,
                            path=err.path, extensions=extensions)


# the codes of request errors, which a client acts on without reading the message (GraphQL over HTTP: each is a
# request error, answered without data)
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
TOO_MANY_TOKENS = "TOO_MANY_TOKENS"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"
BAD_VARIABLES = "BAD_VARIABLES"
REQUEST_CODES = (PARSE_FAILED, TOO_MANY_TOKENS, VALIDATION_FAILED, INTROSPECTION_DISABLED, BAD_VARIABLES)


def request_code(phase: str | None, message: str, no_data: bool) -> str | None:
    """The code of an uncoded error without a path: by the phase it failed in (parse, validate), else a variable
    that could not be coerced before execution (no data at all); None for anything else."""
    if phase == "parse":
        return TOO_MANY_TOKENS if "more than" in message and "tokens" in message else PARSE_FAILED
    if phase == "validate":
        return INTROSPECTION_DISABLED if "introspection has been disabled" in message else VALIDATION_FAILED
    if no_data and message.startswith("Variable '$"):
        return BAD_VARIABLES
    return None


def _spoken(err: GraphQLError, spoken: str) -> GraphQLError:
    """A coded GraphQL error of the guards, the limits or the cost budget (or UNAUTHENTICATED) in the request's
    language: its params are its other extensions (an `argument` is the field it is about). graphql-core's own
    request errors (a syntax error, an unknown field: REQUEST_CODES) keep their message, which names the place in the
    document, and have their code for a client to act on."""
    code = (err.extensions or {}).get("code")
    if spoken == messages.EN or not isinstance(code, str) or code not in messages.CATALOG or code in REQUEST_CODES:
        return err  # a request error keeps graphql-core's words: they name the place in the document exactly
    params = {("field" if k == "argument" else k): v for k, v in err.extensions.items() if k != "code"}
    return GraphQLError(messages.message(code, err.message, params, language=spoken), nodes=err.nodes,
                        source=err.source, positions=err.positions, path=err.path, original_error=err.original_error,
                        extensions=err.extensions)


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
