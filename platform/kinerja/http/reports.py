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
from starlette.responses import Response, StreamingResponse

from kinerja.http.downloads import attachment_headers, error_text, query_values, viewer
from kinerja.services.core.errors import AccessDenied
from kinerja.services.evaluation import curve
from kinerja.services.reports import export as report_export
from kinerja.services.reports import registry, xlsx
from kinerja.services.reports.scope import require_reader

# query parameter -> report_export.Arguments field
PARAMETERS = {"period": "period", "groupBy": "group_by", "agency": "agency", "from": "from_period", "to": "to_period",
              "year": "year"}
NAMES = {field: parameter for parameter, field in PARAMETERS.items()}
MAX_VALUE = 100


async def _table(request: Request) -> report_export.Table | Response:
    """The report's table for the request (the rows computed once, by the same service for either file), or the
    refusal."""
    found = await viewer(request)
    if isinstance(found, Response):
        return found
    try:
        require_reader(found)
    except AccessDenied as exc:
        return error_text(request, 403, exc.code, str(exc), exc.params)
    name = request.path_params["name"]
    if name not in registry.REPORTS:
        return error_text(request, 404, "NOT_FOUND", f"no report {name!r}; reports are: {', '.join(registry.REPORTS)}",
                          {"what": "report", "key": name})
    values = query_values(request, PARAMETERS, MAX_VALUE)
    if isinstance(values, Response):
        return values
    args = report_export.Arguments(**{PARAMETERS[k]: v for k, v in values.items()})
    settings, catalog = request.app.state.settings, request.app.state.catalog
    try:
        return await report_export.build(found, catalog, curve.rules_for(settings.curve_file), name, args,
                                         settings.survey_min_group)
    except AccessDenied as exc:
        return error_text(request, 403, exc.code, str(exc), exc.params)
    except report_export.ExportError as exc:
        return error_text(request, 400, "BAD_ARGUMENT", exc.message(NAMES), {"field": NAMES.get(exc.field, exc.field)})


async def report_csv(request: Request) -> Response:
    table = await _table(request)
    if isinstance(table, Response):
        return table
    return StreamingResponse(report_export.csv_chunks(table), media_type="text/csv; charset=utf-8",
                             headers=attachment_headers(table.filename))


async def report_xlsx(request: Request) -> Response:
    """The same report as an XLSX file (services/reports/xlsx.py): the same checks and refusals, the same rows."""
    table = await _table(request)
    if isinstance(table, Response):
        return table
    file = await xlsx.report_file(table)
    return StreamingResponse(xlsx.chunks(file), media_type=xlsx.MEDIA_TYPE,
                             headers=attachment_headers(xlsx.filename(table.filename)))
