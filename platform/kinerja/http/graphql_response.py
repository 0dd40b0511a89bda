"""GraphQL over HTTP's two answer types (https://graphql.github.io/graphql-over-http/draft/): which one a request
asks for, and how an answer is shaped in it.

- `application/graphql-response+json`, when the Accept header prefers it to `application/json` (a tie goes to it):
  a request error (the document does not parse or validate, a variable cannot be coerced, a limit refuses it before
  anything runs: no data at all, and no error with a path) is answered 400 with no `data` key; anything executed is
  200 with its data (null included) and its errors.
- `application/json`, for `application/json`, `*/*`, `application/*` or no Accept at all: the answers as before, 200
  with `"data": null` for a request error (the spec allows this while clients move over; SECURITY.md lists it).
"""

from __future__ import annotations

import contextvars
from typing import Any

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"

# what the current request asked for and whether its answer is a request error, from process_result to
# create_response (strawberry calls both for one request, in one task, and gives the second no request)
_wanted: contextvars.ContextVar[str] = contextvars.ContextVar("graphql_answer_type", default=JSON)
_request_error: contextvars.ContextVar[bool] = contextvars.ContextVar("graphql_request_error", default=False)


def preferred(accept: str | None) -> str:
    """The answer type for an Accept header: GRAPHQL_RESPONSE when it names it with a q at least that of
    application/json (and of `*/*` or `application/*` standing for it), JSON otherwise."""
    best_json, best_graphql = -1.0, -1.0
    for part in (accept or "")[:2000].split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        q = 1.0
        for piece in pieces[1:]:
            name, _, value = piece.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if not 0 < q <= 1:
            continue
        if media == GRAPHQL_RESPONSE:
            best_graphql = max(best_graphql, q)
        elif media in (JSON, "*/*", "application/*"):
            best_json = max(best_json, q)
    return GRAPHQL_RESPONSE if best_graphql >= 0 and best_graphql >= best_json else JSON


def is_request_error(result: Any) -> bool:
    """Nothing was executed: no data, and errors none of which is a field's (a field's error has a path)."""
    errors = getattr(result, "errors", None)
    return bool(errors) and getattr(result, "data", None) is None and all(not e.path for e in errors)


def note(accept: str | None, result: Any) -> str:
    """Remember, for this request, the answer type and whether the result is a request error; the type."""
    wanted = preferred(accept)
    _wanted.set(wanted)
    _request_error.set(is_request_error(result))
    return wanted


def shape(body: dict) -> dict:
    """The body in the answer type noted: a request error in graphql-response+json has no `data` key."""
    if _wanted.get() == GRAPHQL_RESPONSE and _request_error.get():
        return {k: v for k, v in body.items() if k != "data"}
    return body


def status_and_type() -> tuple[int | None, str]:
    """The status (None: the view's own) and the media type of the answer noted; the note is then forgotten, so that
    a later request run in the same task (an in-process client) starts from the defaults."""
    wanted, request_error = _wanted.get(), _request_error.get()
    _wanted.set(JSON)
    _request_error.set(False)
    if wanted == GRAPHQL_RESPONSE:
        return (400 if request_error else None), GRAPHQL_RESPONSE
    return None, JSON
