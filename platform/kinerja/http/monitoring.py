"""GET /monitoring/people.csv and /monitoring/people.xlsx: the people behind a monitoring count, or lacking one,
every page as CSV or, the same rows, as a workbook (services/reports/monitoring_export.py, services/reports/xlsx.py),
with the API's bearer tokens and the monitoring's own scope.

Query parameters, as monitoringPeople's arguments: cycle (required), period, agency, unit, and exactly one of
missing (a MonitoringGap) or has (a MonitoringFact).
401 without a valid token, 403 for a session that must change its password first, 404 for a cycle, agency or unit
unknown or out of scope (as the query's NOT_FOUND), 400 naming the parameter that is missing, unknown, repeated or
unusable (plain text in the language of Accept-Language, its code in X-Error-Code), for either file. Otherwise text/csv (or the XLSX), as an attachment. Whoever may call monitoringPeople may export: the
scope decides the rows (a supervisor: their direct subordinates).
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from kinerja.http.downloads import attachment_headers, error_text, query_values, viewer
from kinerja.services.core.errors import AccessDenied, BadArgument
from kinerja.services.reports import monitoring_export, xlsx

PARAMETERS = ("cycle", "period", "agency", "unit", "missing", "has")
MAX_VALUE = 100


def _ask(request: Request) -> monitoring_export.Ask | Response:
    values = query_values(request, PARAMETERS, MAX_VALUE)
    if isinstance(values, Response):
        return values
    year = values.pop("cycle", "").strip()
    if not year:
        return error_text(request, 400, "BAD_ARGUMENT", "cycle is required (a year, e.g. cycle=2025)",
                          {"field": "cycle"})
    if not re.fullmatch(r"\d{4}", year):
        return error_text(request, 400, "BAD_ARGUMENT", f"cycle must be a year (4 digits), got {year!r}",
                          {"field": "cycle"})
    return monitoring_export.Ask(cycle=int(year), **{k: v for k, v in values.items() if v.strip()},
                                 minimum=request.app.state.settings.min_development_hours)


async def _export(request: Request) -> monitoring_export.Export | Response:
    """The list's rows for the request (the same for either file), or the refusal."""
    access = await viewer(request)
    if isinstance(access, Response):
        return access
    ask = _ask(request)
    if isinstance(ask, Response):
        return ask
    try:
        return await monitoring_export.export(access, ask)
    except AccessDenied as exc:
        return error_text(request, 403, exc.code, str(exc), exc.params)
    except BadArgument as exc:
        status = 404 if exc.code == "NOT_FOUND" else 400
        return error_text(request, status, exc.code, str(exc), exc.params)


async def monitoring_people_csv(request: Request) -> Response:
    done = await _export(request)
    if isinstance(done, Response):
        return done
    return StreamingResponse(done.chunks, media_type="text/csv; charset=utf-8", headers=attachment_headers(done.filename))


async def monitoring_people_xlsx(request: Request) -> Response:
    """The same list as an XLSX file (services/reports/xlsx.py), with the same refusals."""
    done = await _export(request)
    if isinstance(done, Response):
        return done
    file = await xlsx.monitoring_file(done)
    return StreamingResponse(xlsx.chunks(file), media_type=xlsx.MEDIA_TYPE,
                             headers=attachment_headers(xlsx.filename(done.filename)))
