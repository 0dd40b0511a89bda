"""gzip for what the app answers (the console's files, CSV exports, large GraphQL answers), except a sign-in answer.

A sign-in answer (login, changePassword) carries a session token; compressed in the same body as text an attacker
chooses, its size would tell the token a byte at a time (BREACH). Its resolver marks the answer with
`Content-Encoding: identity` (graphql/sessions.py, `uncompressed`): starlette's GZipMiddleware leaves an answer that
names an encoding alone, and this middleware then removes the mark, so the answer goes out as it is."""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MARK = (b"content-encoding", b"identity")
MINIMUM_SIZE = 1024  # smaller answers gain little


def is_marked(name: bytes, value: bytes) -> bool:
    return name.lower() == MARK[0] and value.strip().lower() == MARK[1]


class Compression(GZipMiddleware):
    """GZipMiddleware (when the request accepts gzip, for answers of at least MINIMUM_SIZE bytes), with the mark
    above honoured and removed."""

    def __init__(self, app: ASGIApp, minimum_size: int = MINIMUM_SIZE) -> None:
        super().__init__(app, minimum_size=minimum_size, compresslevel=6)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def unmark(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", ()) if not is_marked(k, v)]
                message = {**message, "headers": headers}
            await send(message)

        await super().__call__(scope, receive, unmark)
