"""The browser face: the console at `/` and the public survey at `/survey/<agency code>`, all files served
from the package (no runtime internet), under a Content-Security-Policy that allows only this origin."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

STATIC = Path(__file__).parents[1] / "web" / "static"

# Scripts, styles, images and requests only from this origin; no inline script or style, no framing.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def _page(name: str) -> Response:
    return FileResponse(STATIC / name, media_type="text/html; charset=utf-8",
                        headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"})


async def console(request: Request) -> Response:
    return _page("index.html")


async def survey(request: Request) -> Response:
    return _page("survey.html")


class _SecureStatic(StaticFiles):
    """Static files with the security headers; revalidated on each load (`no-cache`), so an upgrade shows."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                for name, value in {**SECURITY_HEADERS, "Cache-Control": "no-cache"}.items():
                    headers.append((name.lower().encode(), value.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await super().__call__(scope, receive, send_with_headers)


def routes() -> list:
    return [
        Route("/", console, methods=["GET", "HEAD"]),
        Route("/survey/{agency}", survey, methods=["GET", "HEAD"]),
        Mount("/static", app=_SecureStatic(directory=STATIC), name="static"),
    ]
