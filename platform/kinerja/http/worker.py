"""`X-Kinerja-Worker: <process id>` on every answer, when KINERJA_WORKER_HEADER is on (tests only): a test of
`kinerja serve --workers N` tells which worker answered (tests/test_workers_see_approvals.py). Off by default: the
process id is of no use to anyone else."""

from __future__ import annotations

import os

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class WorkerHeader:
    """Pure ASGI middleware: adds the header to each HTTP answer's start (streamed answers too)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        value = str(os.getpid()).encode("ascii")  # read per answer: a forked worker has its own

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), (b"x-kinerja-worker", value)]}
            await send(message)

        await self.app(scope, receive, send_with_header)
