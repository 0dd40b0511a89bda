"""The browser face: the console at `/`, the public survey at `/survey/<agency code>` and, in development, GraphiQL at
`/graphql`, all files served from the package (no runtime internet), under a Content-Security-Policy that allows only
this origin."""

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


# Caching without a build step (docs/ARCHITECTURE.md, "The console's files"): a vendored library lives in a folder
# named with its version (vendor/chartjs-4.6.1/), so its address changes with every upgrade and a browser may keep it
# for a year without asking; the app's own files (index.html, js/, css/) keep their addresses, so a browser
# revalidates them on every load (no-cache) against their ETag and gets 304 Not Modified while they are unchanged.
REVALIDATE = "no-cache"
IMMUTABLE = "public, max-age=31536000, immutable"
VENDOR = "vendor/"


def cache_control(relative: str) -> str:
    """The Cache-Control of a file under /static, by its path relative to the static folder."""
    return IMMUTABLE if relative.startswith(VENDOR) else REVALIDATE


def _page(request: Request, name: str) -> Response:
    """A page (index.html, survey.html) under the security headers, revalidated against its ETag on every load."""
    path = STATIC / name
    page = FileResponse(path, media_type="text/html; charset=utf-8", stat_result=path.stat(),
                        headers={**SECURITY_HEADERS, "Cache-Control": REVALIDATE})
    wanted = request.headers.get("if-none-match")
    if wanted and page.headers["etag"] in [t.strip().removeprefix("W/") for t in wanted.split(",")]:
        return Response(status_code=304, headers={**SECURITY_HEADERS, "Cache-Control": REVALIDATE,
                                                  "ETag": page.headers["etag"]})
    return page


async def console(request: Request) -> Response:
    return _page(request, "index.html")


async def survey(request: Request) -> Response:
    return _page(request, "survey.html")


def graphiql(request: Request) -> Response:
    """GraphiQL (development only; production serves no IDE): its files are the package's own (vendor/graphiql-*,
    vendor/react-*), so it works without internet, under the same headers as the console."""
    return _page(request, "graphiql.html")


class _SecureStatic(StaticFiles):
    """Static files with the security headers and their cache rule (cache_control): the vendored, versioned files
    for a year, the app's own revalidated on each load (ETag, 304), so an upgrade shows at once."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        caching = cache_control(self.get_path(scope))

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                for name, value in {**SECURITY_HEADERS, "Cache-Control": caching}.items():
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
