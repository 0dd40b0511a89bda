"""The HTTP guard in front of /graphql: JSON bodies only, a body size cap, no batches, a time limit per request.

What it refuses never reaches strawberry, and each refusal is a JSON body shaped like a GraphQL error
(`{"errors": [{"message", "extensions": {"code"}}]}`):
- a POST whose Content-Type is not application/json: 415 UNSUPPORTED_MEDIA_TYPE. Forms and text/plain are what a
  page on another site can post without a CORS preflight (CSRF);
- a body over `max_body_bytes`: 413 BODY_TOO_LARGE, decided from Content-Length before reading, and while reading
  for a body without one (chunked): reading stops at the limit;
- a body that is a JSON array (a batch of operations): 400 BATCHING_NOT_SUPPORTED; anything but a JSON object:
  400 BAD_REQUEST. Nothing of it is executed;
- a request still running after `timeout_seconds`: its work is cancelled (an open transaction rolls back) and the
  answer is 504 TIMEOUT;
- an exception escaping the GraphQL view (outside any resolver, e.g. while reading the token): 500 INTERNAL with a
  request id, logged with its traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("kinerja.http")

JSON_WHITESPACE = " \t\n\r\ufeff"


def error_response(status: int, code: str, message: str, **extensions: Any) -> JSONResponse:
    headers = {"X-Request-ID": extensions["requestId"]} if "requestId" in extensions else None
    return JSONResponse({"errors": [{"message": message, "extensions": {"code": code, **extensions}}]},
                        status_code=status, headers=headers)


class _Refused(Exception):
    def __init__(self, response: JSONResponse):
        self.response = response


class GraphQLHttpGuard:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, timeout_seconds: float):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.timeout_seconds = timeout_seconds

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
                await self.app(scope, receive, send_tracked)
        except _Refused as refused:
            await refused.response(scope, receive, send)
        except TimeoutError:
            if not deadline.expired():
                raise
            log.warning("%s %s stopped after %.1f s (request timeout %s s)", scope["method"], scope["path"],
                        time.monotonic() - begin, self.timeout_seconds)
            if not started:
                await error_response(504, "TIMEOUT", f"the request took longer than {self.timeout_seconds:g} s and "
                                     "was stopped; a write it had not finished was rolled back")(scope, receive, send)
        except Exception as exc:
            if started:
                raise
            request_id = uuid.uuid4().hex[:16]
            log.error("request %s: internal error in %s %s", request_id, scope["method"], scope["path"],
                      exc_info=(type(exc), exc, exc.__traceback__))
            await error_response(500, "INTERNAL", f"Internal error (request id {request_id})",
                                 requestId=request_id)(scope, receive, send)

    async def _checked_body(self, scope: Scope, receive: Receive) -> tuple[Scope, Receive]:
        """The whole body, checked; the scope with the media type spelt as strawberry expects it (it compares
        case-sensitively), and a receive that hands the body over as one message."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if media_type != "application/json":
            raise _Refused(error_response(
                415, "UNSUPPORTED_MEDIA_TYPE",
                f"POST /graphql takes Content-Type: application/json only, got {media_type or 'none'!r}"))
        limit = self.max_body_bytes
        too_large = _Refused(error_response(413, "BODY_TOO_LARGE", f"the request body is larger than {limit:,} bytes"))
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                raise _Refused(error_response(400, "BAD_REQUEST", "Content-Length is not a number"))
            if int(declared) > limit:
                raise too_large
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Refused(error_response(400, "BAD_REQUEST", "the client went away while sending the body"))
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        _check_shape(body)
        handed_over = False

        async def replay() -> Message:
            nonlocal handed_over
            if not handed_over:
                handed_over = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-type"]
        return {**scope, "headers": [*headers, (b"content-type", b"application/json")]}, replay


def _check_shape(body: bytes) -> None:
    """One operation: a JSON object. A JSON array is a batch; the parse itself is strawberry's."""
    try:
        text = body.decode(json.detect_encoding(body))
    except UnicodeDecodeError:
        raise _Refused(error_response(400, "BAD_REQUEST", "the request body is not valid JSON text")) from None
    first = text.lstrip(JSON_WHITESPACE)[:1]
    if first == "[":
        raise _Refused(error_response(400, "BATCHING_NOT_SUPPORTED",
                                      "batched operations are not supported: send one operation per request"))
    if first != "{":
        raise _Refused(error_response(400, "BAD_REQUEST",
                                      'the request body must be a JSON object: {"query": ..., "variables": ...}'))
