"""GET /monitoring/people.csv and /monitoring/people.xlsx: the people behind a monitoring count, or lacking one,
every page as CSV or, the same rows, as a workbook (services/reports/monitoring_export.py, services/reports/xlsx.py),
with the API's bearer tokens and the monitoring's own scope.

Query parameters, as monitoringPeople's arguments: cycle (required), period, agency, unit, and exactly one of
missing (a MonitoringGap) or has (a MonitoringFact).
401 without a valid token, 403 for a session that must change its password first, 404 for a cycle, agency or unit
unknown or out of scope (as the query's NOT_FOUND), 400 naming the parameter that is missing, unknown, repeated or
unusable (plain text), for either file. Otherwise text/csv (or the XLSX), as an attachment. Whoever may call monitoringPeople may export: the
scope decides the rows (a supervisor: their direct subordinates).
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from kinerja.services.auth.tokens import resolve_authorization
from kinerja.services.core.access import Access, password_change_required
from kinerja.services.core.errors import AccessDenied, BadArgument
from kinerja.services.reports import monitoring_export, xlsx

PARAMETERS = ("cycle", "period", "agency", "unit", "missing", "has")
MAX_VALUE = 100


def _text(status: int, message: str, **headers: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers={"Cache-Control": "no-store", **headers})


def _ask(request: Request) -> monitoring_export.Ask | str:
    values: dict[str, str] = {}
    for key in request.query_params.keys():
        if key not in PARAMETERS:
            return f"unknown parameter {key!r}; parameters are: {', '.join(PARAMETERS)}"
        given = request.query_params.getlist(key)
        if len(given) > 1:
            return f"{key} is given {len(given)} times; give it once"
        if len(given[0]) > MAX_VALUE:
            return f"{key} is longer than {MAX_VALUE} characters"
        values[key] = given[0]
    year = values.pop("cycle", "").strip()
    if not year:
        return "cycle is required (a year, e.g. cycle=2025)"
    if not re.fullmatch(r"\d{4}", year):
        return f"cycle must be a year (4 digits), got {year!r}"
    return monitoring_export.Ask(cycle=int(year), **{k: v for k, v in values.items() if v.strip()})


async def _export(request: Request) -> monitoring_export.Export | Response:
    """The list's rows for the request (the same for either file), or the refusal."""
    found = await resolve_authorization(request.headers.get("authorization", ""))
    if isinstance(found, str):
        return _text(401, found, **{"WWW-Authenticate": "Bearer"})
    access = Access(found)
    if not access.may_act:  # a session of a one-time password may only change it
        return _text(403, str(password_change_required()))
    ask = _ask(request)
    if isinstance(ask, str):
        return _text(400, ask)
    try:
        return await monitoring_export.export(access, ask)
    except AccessDenied as exc:
        return _text(403, str(exc))
    except BadArgument as exc:
        return _text(404 if exc.code == "NOT_FOUND" else 400, str(exc))


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff"}


async def monitoring_people_csv(request: Request) -> Response:
    done = await _export(request)
    if isinstance(done, Response):
        return done
    return StreamingResponse(done.chunks, media_type="text/csv; charset=utf-8", headers=_attachment(done.filename))


async def monitoring_people_xlsx(request: Request) -> Response:
    """The same list as an XLSX file (services/reports/xlsx.py), with the same refusals."""
    done = await _export(request)
    if isinstance(done, Response):
        return done
    file = await xlsx.monitoring_file(done)
    return StreamingResponse(xlsx.chunks(file), media_type=xlsx.MEDIA_TYPE,
                             headers=_attachment(xlsx.filename(done.filename)))
