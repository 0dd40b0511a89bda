"""Files of rows over HTTP, the same for every import (http/people_files.py, http/target_files.py): the API's bearer
token (only the Authorization header; a token in the address is never read), the query parameters, the request body
as the file (read to sheets.MAX_FILE_BYTES and no further), the preview's and the commit's answers
(services/core/sheet_import.py), an export as an attachment, and refusals as JSON {errors: [{code, message}]} in the
language of Accept-Language: 401 without a valid token, 403 for a one-time-password session or a viewer who may not
import, 404 for something unknown or out of scope, 400 for a parameter or a file that cannot be used, 413 for a file
over the limit, 415 for a file that is neither CSV nor XLSX, 409 DIGEST_MISMATCH, 422 IMPORT_HAS_ERRORS with the
preview's body.

An import of one cycle (`yearly`) takes the cycle's year as ?cycle=YEAR, checked before the body is read.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Iterable
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kinerja.services.auth.tokens import resolve_authorization
from kinerja.services.core import messages, sheets
from kinerja.services.core.access import Access, password_change_required
from kinerja.services.core.errors import AccessDenied, BadArgument, InputError, Problem
from kinerja.services.core.sheet_import import CHANGE, NEW, SAME, Committed, ImportRefused, Preview

NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
MAX_VALUE = 300
MIN_YEAR, MAX_YEAR = 2000, 2100
# a refusal's HTTP status by its code (anything else: 400)
STATUS = {"UNAUTHENTICATED": 401, "FORBIDDEN": 403, "PASSWORD_CHANGE_REQUIRED": 403, "NOT_FOUND": 404,
          "FILE_TOO_LARGE": 413, "UNSUPPORTED_FILE_TYPE": 415, "DIGEST_MISMATCH": 409, "IMPORT_HAS_ERRORS": 422}


def language(request: Request) -> str:
    return messages.language_of(request.headers.get("accept-language"))


def _problem_json(p: Problem, language: str) -> dict[str, Any]:
    column = p.path[2] if len(p.path) > 2 and p.path[0] == "input" else None
    return {"column": column, "code": p.code,
            "message": messages.message(p.code, p.message, p.params, p.path, language)}


def refusal(request: Request, problems: Iterable[Problem], status: int | None = None,
            body: dict[str, Any] | None = None) -> JSONResponse:
    problems = list(problems)
    lang = language(request)
    errors = [{"code": p.code, "message": messages.message(p.code, p.message, p.params, p.path, lang)}
              for p in problems]
    headers = {**NO_STORE, "X-Error-Code": problems[0].code}
    if problems[0].code == "UNAUTHENTICATED":
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse({**(body or {}), "errors": errors},
                        status_code=status or STATUS.get(problems[0].code, 400), headers=headers)


def denied(request: Request, exc: AccessDenied) -> JSONResponse:
    return refusal(request, [Problem((), exc.code, str(exc), exc.params)])


def bad_argument(request: Request, exc: BadArgument) -> JSONResponse:
    return refusal(request, [Problem((exc.argument,), exc.code, str(exc), exc.params)])


async def _access(request: Request) -> Access | JSONResponse:
    found = await resolve_authorization(request.headers.get("authorization", ""))
    if isinstance(found, str):
        return refusal(request, [Problem((), "UNAUTHENTICATED", found)])
    access = Access(found)
    if not access.may_act:  # a session of a one-time password may only change it
        return denied(request, password_change_required())
    return access


def _parameters(request: Request, allowed: tuple[str, ...]) -> dict[str, str] | JSONResponse:
    values: dict[str, str] = {}
    for key in request.query_params.keys():
        if key not in allowed:
            return refusal(request, [Problem((key,), "BAD_ARGUMENT", f"unknown parameter {key!r}; parameters are: "
                                                                    f"{', '.join(allowed) or 'none'}")])
        given = request.query_params.getlist(key)
        if len(given) > 1:
            return refusal(request, [Problem((key,), "BAD_ARGUMENT", f"{key} is given {len(given)} times; give "
                                                                     "it once")])
        if len(given[0]) > MAX_VALUE:
            return refusal(request, [Problem((key,), "BAD_ARGUMENT", f"{key} is longer than {MAX_VALUE} "
                                                                     "characters")])
        values[key] = given[0]
    return values


def _year(request: Request, values: dict[str, str]) -> int | JSONResponse:
    raw = (values.get("cycle") or "").strip()
    if not raw:
        return refusal(request, [Problem(("cycle",), "REQUIRED", "cycle must not be empty")])
    if not raw.isdigit() or not MIN_YEAR <= int(raw) <= MAX_YEAR:
        return refusal(request, [Problem(("cycle",), "INVALID_YEAR", f"year must be {MIN_YEAR}-{MAX_YEAR}, got "
                                                                     f"{raw[:20]}",
                                         {"min": MIN_YEAR, "max": MAX_YEAR, "value": raw[:20]})])
    return int(raw)


def _filename(request: Request, values: dict[str, str]) -> str:
    raw = request.headers.get("x-filename") or values.get("filename") or ""
    name = unquote(raw).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()[:sheets.MAX_FILENAME]
    return name or "berkas"


async def _body(request: Request) -> bytes | None:
    """The request body, or None once it passes the limit (read no further)."""
    limit = sheets.MAX_FILE_BYTES
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(request: Request) -> JSONResponse:
    megabytes = sheets.MAX_FILE_BYTES // (1024 * 1024)
    return refusal(request, [Problem(("file",), "FILE_TOO_LARGE", f"the file is larger than {megabytes} MiB",
                                     {"megabytes": megabytes})])


def _cycle(done: Preview | Committed) -> dict[str, int]:
    return {} if done.cycle is None else {"cycle": done.cycle}


def preview_json(preview: Preview, language: str) -> dict[str, Any]:
    return {
        "filename": preview.filename, "format": preview.kind, **_cycle(preview), "digest": preview.digest,
        "columns": list(preview.columns), "ok": preview.ok,
        "counts": {"rows": len(preview.rows), "new": preview.count(NEW), "changed": preview.count(CHANGE),
                   "unchanged": preview.count(SAME), "withErrors": preview.rows_with_problems},
        "rows": [{"line": r.line, "values": r.values, "action": r.action,
                  "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in r.changes],
                  "errors": [_problem_json(p, language) for p in r.problems]} for r in preview.rows],
        "errors": [],
    }


def committed_json(done: Committed) -> dict[str, Any]:
    return {"filename": done.filename, "digest": done.digest, **_cycle(done), "ok": True,
            "counts": {"rows": done.rows, "new": done.created, "changed": done.updated, "unchanged": done.unchanged},
            "errors": []}


@dataclass(frozen=True)
class Asked:
    """A request that passed the token and the parameters: its viewer, its parameters and its cycle year (yearly)."""

    access: Access
    values: dict[str, str]
    year: int | None


@dataclass(frozen=True)
class Upload(Asked):
    """An import's request: also the file's name, the file, its Content-Type and the digest a commit names."""

    filename: str
    body: bytes
    media_type: str | None
    digest: str | None  # X-Preview-Digest, or ?digest=


async def _asked(request: Request, allowed: tuple[str, ...], yearly: bool,
                 require: Callable[[Access], Awaitable[None]] | None = None) -> Asked | Response:
    """The viewer (`require` asked of it), the parameters and the cycle year, or the refusal to answer."""
    access = await _access(request)
    if isinstance(access, Response):
        return access
    values = _parameters(request, allowed)
    if isinstance(values, Response):
        return values
    if require is not None:
        try:
            await require(access)
        except AccessDenied as exc:
            return denied(request, exc)
    year = _year(request, values) if yearly else None
    if isinstance(year, Response):
        return year
    return Asked(access, values, year)


async def _upload(request: Request, allowed: tuple[str, ...], yearly: bool,
                  require: Callable[[Access], Awaitable[None]]) -> Upload | Response:
    asked = await _asked(request, allowed, yearly, require)
    if isinstance(asked, Response):
        return asked
    body = await _body(request)
    if body is None:
        return _too_large(request)
    return Upload(asked.access, asked.values, asked.year, _filename(request, asked.values), body,
                  request.headers.get("content-type"),
                  request.headers.get("x-preview-digest") or asked.values.get("digest"))


async def _run(request: Request, run: Callable[[], Awaitable[Any]]) -> Any:
    """What run() answers, or the service's refusal as the Response to answer."""
    try:
        return await run()
    except AccessDenied as exc:
        return denied(request, exc)
    except BadArgument as exc:
        return bad_argument(request, exc)
    except ImportRefused as exc:
        return refusal(request, [exc.problem], body=preview_json(exc.preview, language(request)))
    except InputError as exc:
        return refusal(request, exc.problems)


async def preview(request: Request, allowed: tuple[str, ...], require: Callable[[Access], Awaitable[None]],
                  run: Callable[[Upload], Awaitable[Preview]], yearly: bool = False) -> Response:
    """POST of a file to preview: run(upload) answered as preview_json."""
    return await _posted(request, allowed, require, run, lambda found: preview_json(found, language(request)), yearly)


async def commit(request: Request, allowed: tuple[str, ...], require: Callable[[Access], Awaitable[None]],
                 run: Callable[[Upload], Awaitable[Committed]], yearly: bool = False) -> Response:
    """POST of the previewed file again: run(upload) answered as committed_json (ImportRefused: 422 with the
    preview's body)."""
    return await _posted(request, allowed, require, run, committed_json, yearly)


async def _posted(request: Request, allowed: tuple[str, ...], require: Callable[[Access], Awaitable[None]],
                  run: Callable[[Upload], Awaitable[Any]], answer: Callable[[Any], dict[str, Any]],
                  yearly: bool) -> Response:
    got = await _upload(request, allowed, yearly, require)
    if isinstance(got, Response):
        return got
    found = await _run(request, lambda: run(got))
    if isinstance(found, Response):
        return found
    return JSONResponse(answer(found), headers=NO_STORE)


def _attachment(content: bytes, media_type: str, filename: str) -> Response:
    return Response(content, media_type=media_type, headers={
        **NO_STORE, "Content-Disposition": f'attachment; filename="{filename}"'})


async def export(request: Request, allowed: tuple[str, ...], run: Callable[[Asked], Awaitable[Any]],
                 content: Callable[[Any], bytes], xlsx: bool, yearly: bool = False) -> Response:
    """GET of an export: run(asked) is the export (its `stem` the file's name without its extension), `content`
    its file: a CSV, or a workbook (`xlsx`, made in a thread)."""
    asked = await _asked(request, allowed, yearly)
    if isinstance(asked, Response):
        return asked
    found = await _run(request, lambda: run(asked))
    if isinstance(found, Response):
        return found
    if xlsx:
        return _attachment(await asyncio.to_thread(content, found), sheets.XLSX_MEDIA_TYPE, f"{found.stem}.xlsx")
    return _attachment(content(found), "text/csv; charset=utf-8", f"{found.stem}.csv")
