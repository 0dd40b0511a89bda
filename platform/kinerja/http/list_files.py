"""GET /exports/<list>.csv and /exports/<list>.xlsx: the console's lists as files (services/reports/lists.py), with the
API's bearer tokens and each list's own scope: whoever sees the list on its page may export it, with the same rows.

    /exports/objections.csv      ?period= &agency= &status=     the objections the viewer may see (#/keberatan)
    /exports/audit-events.csv    ?agency= &entity= &entityId= &action= &actor= &from= &to=
                                                                 the audit trail's events (#/jejak-audit)
    /exports/work-log.csv        ?nip= &from= &to= (required)   a person's work log (#/catatan-kerja)
    /exports/measurements.csv    ?cycle= (required) &nip= &period= &agency=
                                                                 a person's SKP targets and their measurements
                                                                 (#/person/<nip>), or every measurement in scope
    /exports/impact.csv          ?agency= &from= &to= (required, years) &unit=
                                                                 an agency's impact per year and unit (#/dampak/<agency>)

401 without a valid token, 403 for a session that must change its password first or a viewer the list is not for
(the audit trail: ADMIN and agency admins), 404 for a list unknown or for a person, agency or cycle unknown or out
of scope (as the queries' NOT_FOUND), 400 naming the parameter that is missing, unknown, repeated or unusable, or
EXPORT_TOO_LARGE for a list of more rows than KINERJA_EXPORT_MAX_ROWS (100,000) (plain text in the language of Accept-Language, its
code in X-Error-Code), for either file. Otherwise the file, as an attachment, written whole before it is sent.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from kinerja.http.downloads import attachment_headers, error_text, query_values, viewer
from kinerja.services.core.errors import AccessDenied, BadArgument
from kinerja.services.reports import lists, xlsx


async def _export(request: Request, as_xlsx: bool) -> Response:
    access = await viewer(request)
    if isinstance(access, Response):
        return access
    name = request.path_params["name"]
    if name not in lists.LISTS:
        return error_text(request, 404, "NOT_FOUND", f"no list {name!r}; lists are: {', '.join(lists.LISTS)}",
                          {"what": "list", "key": name})
    values = query_values(request, lists.LISTS[name].parameters, lists.MAX_VALUE)
    if isinstance(values, Response):
        return values
    try:
        settings = request.app.state.settings
        done = await lists.write(access, name, values, as_xlsx, settings.export_max_rows,
                                 minimum_hours=settings.min_development_hours)
    except AccessDenied as exc:
        return error_text(request, 403, exc.code, str(exc), exc.params)
    except BadArgument as exc:
        status = 404 if exc.code == "NOT_FOUND" else 400
        return error_text(request, status, exc.code, str(exc), {"field": exc.argument, **(exc.params or {})})
    media_type = xlsx.MEDIA_TYPE if as_xlsx else "text/csv; charset=utf-8"
    return StreamingResponse(xlsx.chunks(done.file), media_type=media_type,
                             headers=attachment_headers(done.filename))


async def list_csv(request: Request) -> Response:
    return await _export(request, as_xlsx=False)


async def list_xlsx(request: Request) -> Response:
    return await _export(request, as_xlsx=True)
