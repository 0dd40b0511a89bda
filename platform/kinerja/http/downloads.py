"""What every file downloaded with the API's bearer token shares (http/reports.py, http/monitoring.py,
http/documents.py): the viewer from the Authorization header only (a token in the address is never read), the query
parameters checked against the route's own list, refusals as plain text in the language of Accept-Language with
their code in the X-Error-Code header, and the headers of an attachment.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kinerja.services.auth.tokens import resolve_authorization
from kinerja.services.core import messages
from kinerja.services.core.access import Access, password_change_required

NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def attachment_headers(filename: str, **more: str) -> dict[str, str]:
    """A file saved by the browser, never cached nor sniffed."""
    return {"Content-Disposition": f'attachment; filename="{filename}"', **NO_STORE, **more}


def error_text(request: Request, status: int, code: str, message: str, params: dict | None = None,
               **headers: str) -> Response:
    """A refusal as plain text in the request's language (messages.message; `message` is the English)."""
    text = messages.message(code, message, params, language=messages.language_of(request.headers.get(
        "accept-language")))
    return PlainTextResponse(text + "\n", status_code=status,
                             headers={"Cache-Control": "no-store", "X-Error-Code": code, **headers})


async def viewer(request: Request) -> Access | Response:
    """The viewer's Access, or the refusal: 401 without a valid token, 403 for a session of a one-time password
    (it may only change it)."""
    found = await resolve_authorization(request.headers.get("authorization", ""))
    if isinstance(found, str):
        return error_text(request, 401, "UNAUTHENTICATED", found, **{"WWW-Authenticate": "Bearer"})
    access = Access(found)
    if not access.may_act:
        refused = password_change_required()
        return error_text(request, 403, refused.code, str(refused))
    return access


def query_values(request: Request, allowed: Iterable[str], max_length: int) -> dict[str, str] | Response:
    """The query parameters by name, each given once, known to the route and at most `max_length` characters; or a
    400 BAD_ARGUMENT naming the first one that is not."""
    allowed = tuple(allowed)
    values: dict[str, str] = {}
    for key in request.query_params:
        given = request.query_params.getlist(key)
        if key not in allowed:
            why = f"unknown parameter {key!r}; parameters are: {', '.join(allowed)}"
        elif len(given) > 1:
            why = f"{key} is given {len(given)} times; give it once"
        elif len(given[0]) > max_length:
            why = f"{key} is longer than {max_length} characters"
        else:
            values[key] = given[0]
            continue
        return error_text(request, 400, "BAD_ARGUMENT", why, {"field": key})
    return values
