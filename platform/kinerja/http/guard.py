"""The HTTP guard in front of /graphql: JSON bodies only, a body size cap, no batches, a time limit per request.

What it refuses never reaches strawberry, and each refusal is a JSON body shaped like a GraphQL error
(`{"errors": [{"message", "extensions": {"code"}}]}`):
- a POST whose Content-Type is not application/json: 415 UNSUPPORTED_MEDIA_TYPE. Forms and text/plain are what a
  page on another site can post without a CORS preflight (CSRF);
- a body over `max_body_bytes`: 413 BODY_TOO_LARGE, decided from Content-Length before reading, and while reading
  for a body without one (chunked): reading stops at the limit;
- a body that is a JSON array (a batch of operations): 400 BATCHING_NOT_SUPPORTED; anything but a JSON object:
  400 BAD_REQUEST. Nothing of it is executed;
- a body nesting arrays and objects deeper than JSON_DEPTH_MAX: 400 JSON_TOO_DEEP; a number literal of more than
  JSON_NUMBER_MAX characters (or one a double cannot hold, or NaN/Infinity): 400 NUMBER_TOO_LONG. Anywhere in the
  body: query, variables, extensions;
- a request still running after `timeout_seconds`: its work is cancelled (an open transaction rolls back) and the
  answer is 504 TIMEOUT;
- a GET whose operation is a mutation (or a subscription), or any operation over GET where GET takes none
  (production): 405 METHOD_NOT_ALLOWED with `Allow: POST`. Nothing of it is executed. A GET whose document does
  not parse or names no single operation is left to strawberry, which reports that;
- an exception escaping the GraphQL view (outside any resolver, e.g. while reading the token): 500 INTERNAL with a
  request id, logged with its traceback.
Each message is in the language of the request's Accept-Language (services/core/messages.py); the code is not.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import time
import uuid
from typing import Any, Mapping
from urllib.parse import parse_qs

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kinerja.services.core import messages

log = logging.getLogger("kinerja.http")

JSON_WHITESPACE = " \t\n\r\ufeff"


def error_response(status: int, code: str, message: str, *, params: dict[str, Any] | None = None,
                   language: str = messages.EN, **extensions: Any) -> JSONResponse:
    """The JSON error body; `message` is the English, `params` fill the Indonesian (messages.message)."""
    headers = {"X-Request-ID": extensions["requestId"]} if "requestId" in extensions else None
    text = messages.message(code, message, {**extensions, **(params or {})}, language=language)
    return JSONResponse({"errors": [{"message": text, "extensions": {"code": code, **extensions}}]},
                        status_code=status, headers=headers)


def language_of_scope(scope: Scope) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == b"accept-language":
            return messages.language_of(value.decode("latin-1"))
    return messages.EN


class _Refused(Exception):
    """A refusal: answered by `response` in the request's language."""

    def __init__(self, status: int, code: str, message: str, params: dict[str, Any] | None = None):
        self.status, self.code, self.message, self.params = status, code, message, params
        super().__init__(message)

    def response(self, language: str) -> JSONResponse:
        answer = error_response(self.status, self.code, self.message, params=self.params, language=language)
        if self.status == 405:
            answer.headers["Allow"] = "POST"
        return answer


# the most tokens the guard parses to find a GET's operation type; a longer document is left to strawberry's own
# token limit (graphql/guards.py), which refuses it before anything runs
GET_PARSE_MAX_TOKENS = 20_000


def _get_operation(scope: Scope) -> OperationType | None:
    """The type of the operation a GET asks for; None when it names none that strawberry would run (no query,
    a document that does not parse, no single operation chosen): strawberry answers those itself."""
    params = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    documents = params.get("query")
    if not documents:
        return None
    try:
        document = parse(documents[0], no_location=True, max_tokens=GET_PARSE_MAX_TOKENS)
    except GraphQLError:
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    name = (params.get("operationName") or [None])[0]
    if name:
        operations = [op for op in operations if op.name is not None and op.name.value == name]
    return operations[0].operation if len(operations) == 1 else None


def method_not_allowed(message: str, params: dict[str, Any] | None = None) -> _Refused:
    return _Refused(405, "METHOD_NOT_ALLOWED", message, params)


class GraphQLHttpGuard:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, timeout_seconds: float, queries_via_get: bool = True,
                 trusted: Mapping[str, str] | None = None, trusted_only: bool = False):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.timeout_seconds = timeout_seconds
        self.queries_via_get = queries_via_get
        self.trusted = trusted or {}  # documentId -> document (graphql/trusted_documents.py)
        self.trusted_only = trusted_only

    def _get_refusal(self, scope: Scope) -> _Refused | None:
        if self.trusted_only and parse_qs(scope.get("query_string", b"").decode("latin-1")).get("query"):
            return untrusted()
        operation = _get_operation(scope)
        if operation is None:
            return None
        if operation is not OperationType.QUERY:
            return method_not_allowed(f"{operation.value}s are taken over POST only: send the operation as a POST "
                                      "with Content-Type: application/json")
        if not self.queries_via_get:
            return method_not_allowed("this server takes GraphQL operations over POST only: send the query as a "
                                      "POST with Content-Type: application/json")
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        begin = time.monotonic()
        deadline = asyncio.timeout(self.timeout_seconds)
        try:
            async with deadline:
                if scope["method"] == "POST":
                    scope, receive = await self._checked_body(scope, receive)
                elif scope["method"] == "GET" and (refusal := self._get_refusal(scope)) is not None:
                    raise refusal
                await self.app(scope, receive, send_tracked)
        except _Refused as refused:
            await refused.response(language_of_scope(scope))(scope, receive, send)
        except TimeoutError:
            if not deadline.expired():
                raise
            log.warning("%s %s stopped after %.1f s (request timeout %s s)", scope["method"], scope["path"],
                        time.monotonic() - begin, self.timeout_seconds)
            if not started:
                await error_response(504, "TIMEOUT", f"the request took longer than {self.timeout_seconds:g} s and "
                                     "was stopped; a write it had not finished was rolled back",
                                     params={"seconds": self.timeout_seconds},
                                     language=language_of_scope(scope))(scope, receive, send)
        except Exception as exc:
            if started:
                raise
            request_id = uuid.uuid4().hex[:16]
            log.error("request %s: internal error in %s %s", request_id, scope["method"], scope["path"],
                      exc_info=(type(exc), exc, exc.__traceback__))
            await error_response(500, "INTERNAL", f"Internal error (request id {request_id})",
                                 language=language_of_scope(scope), requestId=request_id)(scope, receive, send)

    async def _checked_body(self, scope: Scope, receive: Receive) -> tuple[Scope, Receive]:
        """The whole body, checked; the scope with the media type spelt as strawberry expects it (it compares
        case-sensitively), and a receive that hands the body over as one message."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if media_type != "application/json":
            raise _Refused(415, "UNSUPPORTED_MEDIA_TYPE",
                           f"POST /graphql takes Content-Type: application/json only, got {media_type or 'none'!r}")
        limit = self.max_body_bytes
        too_large = _Refused(413, "BODY_TOO_LARGE", f"the request body is larger than {limit:,} bytes",
                             {"limit": limit})
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                raise _Refused(400, "BAD_REQUEST", "Content-Length is not a number")
            if int(declared) > limit:
                raise too_large
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Refused(400, "BAD_REQUEST", "the client went away while sending the body")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = self._trusted_body(b"".join(chunks))
        handed_over = False

        async def replay() -> Message:
            nonlocal handed_over
            if not handed_over:
                handed_over = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in (b"content-type", b"content-length")]
        return {**scope, "headers": [*headers, (b"content-type", b"application/json"),
                                     (b"content-length", str(len(body)).encode())]}, replay

    def _trusted_body(self, body: bytes) -> bytes:
        """The body checked (_check_shape), with a `documentId` of the manifest replaced by its document; a
        documentId the manifest lacks is PERSISTED_QUERY_NOT_FOUND, and with trusted_only any `query` is refused
        (TRUSTED_DOCUMENT_REQUIRED), before anything parses it as GraphQL."""
        parsed = _check_shape(body)
        if not isinstance(parsed, dict):
            return body  # not JSON: strawberry says so
        if "documentId" in parsed:
            if parsed.get("query") is not None:
                raise _Refused(400, "BAD_REQUEST", "send either documentId or query, not both")
            wanted = parsed.pop("documentId")
            document = self.trusted.get(wanted) if isinstance(wanted, str) else None
            if document is None:
                raise _Refused(400, "PERSISTED_QUERY_NOT_FOUND",
                               f"no trusted document has the id {str(wanted)[:80]!r}; send the document as query"
                               + (" (this server runs trusted documents only)" if self.trusted_only else ""))
            return json.dumps({**parsed, "query": document}).encode()
        if self.trusted_only and parsed.get("query") is not None:
            raise untrusted()
        return body


def untrusted() -> _Refused:
    return _Refused(400, "TRUSTED_DOCUMENT_REQUIRED", "this server runs trusted documents only: send the documentId "
                    "of a document of its manifest, not a query")


def _check_shape(body: bytes) -> Any:
    """One operation: a JSON object. A JSON array is a batch; the parse itself is strawberry's. The parsed body,
    or None when it is no valid JSON (strawberry answers that)."""
    try:
        text = body.decode(json.detect_encoding(body))
    except UnicodeDecodeError:
        raise _Refused(400, "BAD_REQUEST", "the request body is not valid JSON text") from None
    first = text.lstrip(JSON_WHITESPACE)[:1]
    if first == "[":
        raise _Refused(400, "BATCHING_NOT_SUPPORTED",
                       "batched operations are not supported: send one operation per request")
    if first != "{":
        raise _Refused(400, "BAD_REQUEST", 'the request body must be a JSON object: {"query": ..., "variables": ...}')
    return _check_json_limits(text)


# The deepest nesting of arrays and objects a body may have (the body itself is depth 1), and the most characters
# of one JSON number. Beyond them the JSON parser recurses (100k of `[` overflows its stack) or turns a
# thousands-digit literal into an int (Python refuses past 4300 digits): both were a 500. No operation of the
# schema needs either.
JSON_DEPTH_MAX = 64
JSON_NUMBER_MAX = 100


class _LiteralTooLong(ValueError):
    pass


def _number(kind: type) -> Any:
    def parse(literal: str) -> Any:
        if len(literal) > JSON_NUMBER_MAX:
            raise _LiteralTooLong(literal[:20])
        number = kind(literal)
        if kind is float and not math.isfinite(number):  # 1e999 reads as infinity
            raise _LiteralTooLong(literal)
        return number
    return parse


def _no_constant(name: str) -> Any:
    raise _LiteralTooLong(name)


def _depth(value: Any) -> int:
    """The deepest nesting of lists and dicts in a parsed body (the body itself is 1), walked without recursion,
    stopping as soon as it passes JSON_DEPTH_MAX."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list):
            continue
        if depth > deepest:
            deepest = depth
            if deepest > JSON_DEPTH_MAX:
                return deepest
        stack.extend((child, depth + 1) for child in item if isinstance(child, (list, dict)))
    return deepest


def _check_json_limits(text: str) -> Any:
    """Nesting and number literals within their limits, decided by a parse that cannot fail with a ValueError of
    int() (literals are measured first) and whose RecursionError is the answer to a body nested too deep; a body
    that is no valid JSON is left to strawberry, which says so."""
    too_deep = _Refused(400, "JSON_TOO_DEEP", f"the request body nests arrays and objects deeper than {JSON_DEPTH_MAX} "
                        "levels", {"limit": JSON_DEPTH_MAX})
    try:
        parsed = json.loads(text, parse_int=_number(int), parse_float=_number(float), parse_constant=_no_constant)
    except _LiteralTooLong:
        raise _Refused(400, "NUMBER_TOO_LONG", f"the request body holds a number of more than {JSON_NUMBER_MAX} "
                       "characters, one beyond the range of a double, or NaN or Infinity, which JSON does not have",
                       {"limit": JSON_NUMBER_MAX}) from None
    except RecursionError:
        raise too_deep from None
    except ValueError:
        return None
    if _depth(parsed) > JSON_DEPTH_MAX:
        raise too_deep
    return parsed
