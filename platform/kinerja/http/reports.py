"""GET /reports/<name>.csv and /reports/<name>.xlsx: the report exports over HTTP, with the API's bearer tokens and scoping.

The reports and what each takes are the registry's (kinerja.services.reports.registry); this module names their
arguments as query parameters.

Query parameters: period, groupBy (AGENCY or UNIT; satisfaction-by-group also AGE_BAND, SEX, EDUCATION or
OCCUPATION), agency, from, to (the trend's fromPeriod and toPeriod).
401 without a valid token, 403 for EMPLOYEE, 404 for an unknown report, 400 naming the parameter that is
missing, foreign to the report, repeated, or unusable (plain text, in the language of Accept-Language, with its code
in the X-Error-Code header). Otherwise text/csv, as an attachment; the .xlsx the same rows as a workbook
(services/reports/xlsx.py: Indonesian headers and labels, services/reports/labels.py), with the same refusals.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from kinerja.services.evaluation import curve
from kinerja.services.reports import export as report_export
from kinerja.services.reports import registry, xlsx
from kinerja.services.reports.scope import require_reader
from kinerja.services.core import messages
from kinerja.services.core.access import Access, password_change_required
from kinerja.services.core.errors import AccessDenied
from kinerja.services.auth.tokens import resolve_authorization

# query parameter -> report_export.Arguments field
PARAMETERS = {"period": "period", "groupBy": "group_by", "agency": "agency", "from": "from_period", "to": "to_period"}
NAMES = {field: parameter for parameter, field in PARAMETERS.items()}
MAX_VALUE = 100


def error_text(request: Request, status: int, code: str, message: str, params: dict | None = None,
               **headers: str) -> Response:
    """A refusal as plain text in the request's language (messages.message; `message` is the English)."""
    text = messages.message(code, message, params, language=messages.language_of(request.headers.get(
        "accept-language")))
    return PlainTextResponse(text + "\n", status_code=status,
                             headers={"Cache-Control": "no-store", "X-Error-Code": code, **headers})


async def _access(request: Request) -> Access | str:
    """The viewer's Access, or why there is none."""
    found = await resolve_authorization(request.headers.get("authorization", ""))
    return found if isinstance(found, str) else Access(found)


def _arguments(request: Request) -> report_export.Arguments | tuple[str, str]:
    """The arguments, or the parameter that cannot be used and why (in English)."""
    values: dict[str, str] = {}
    for key in request.query_params.keys():
        if key not in PARAMETERS:
            return key, f"unknown parameter {key!r}; parameters are: {', '.join(PARAMETERS)}"
        given = request.query_params.getlist(key)
        if len(given) > 1:
            return key, f"{key} is given {len(given)} times; give it once"
        if len(given[0]) > MAX_VALUE:
            return key, f"{key} is longer than {MAX_VALUE} characters"
        values[PARAMETERS[key]] = given[0]
    return report_export.Arguments(**values)


async def _table(request: Request) -> report_export.Table | Response:
    """The report's table for the request (the rows computed once, by the same service for either file), or the
    refusal."""
    found = await _access(request)
    if isinstance(found, str):
        return error_text(request, 401, "UNAUTHENTICATED", found, **{"WWW-Authenticate": "Bearer"})
    if not found.may_act:  # a session of a one-time password may only change it
        refused = password_change_required()
        return error_text(request, 403, refused.code, str(refused))
    try:
        require_reader(found)
    except AccessDenied as exc:
        return error_text(request, 403, exc.code, str(exc), exc.params)
    name = request.path_params["name"]
    if name not in registry.REPORTS:
        return error_text(request, 404, "NOT_FOUND", f"no report {name!r}; reports are: {', '.join(registry.REPORTS)}",
                          {"what": "report", "key": name})
    args = _arguments(request)
    if isinstance(args, tuple):
        key, why = args
        return error_text(request, 400, "BAD_ARGUMENT", why, {"field": key})
    settings, catalog = request.app.state.settings, request.app.state.catalog
    try:
        return await report_export.build(found, catalog, curve.rules_for(settings.curve_file), name, args,
                                         settings.survey_min_group)
    except AccessDenied as exc:
        return error_text(request, 403, exc.code, str(exc), exc.params)
    except report_export.ExportError as exc:
        return error_text(request, 400, "BAD_ARGUMENT", exc.message(NAMES), {"field": NAMES.get(exc.field, exc.field)})


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff"}


async def report_csv(request: Request) -> Response:
    table = await _table(request)
    if isinstance(table, Response):
        return table
    return StreamingResponse(report_export.csv_chunks(table), media_type="text/csv; charset=utf-8",
                             headers=_attachment(table.filename))


async def report_xlsx(request: Request) -> Response:
    """The same report as an XLSX file (services/reports/xlsx.py): the same checks and refusals, the same rows."""
    table = await _table(request)
    if isinstance(table, Response):
        return table
    file = await xlsx.report_file(table)
    return StreamingResponse(xlsx.chunks(file), media_type=xlsx.MEDIA_TYPE,
                             headers=_attachment(xlsx.filename(table.filename)))
