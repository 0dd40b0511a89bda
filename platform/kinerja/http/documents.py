"""The official documents over HTTP (services/documents; docs/DOMAIN.md, "Official documents").

GET /documents/evaluasi/<nip>/<period>.pdf: the person's Evaluasi Kinerja Pegawai for the period, issued to the
viewer. The bearer token as for the CSV exports (401 without a valid one, 403 for a session that must change its
password first); the person as the API reads them: ADMIN, the agency's admin, the person and those above them, or
their assessing official for the period, anyone else (and an unknown NIP, and a person without a finalized rating for
the period) 404; 400 for a malformed period.

GET /documents/evaluasi.zip?agency=CODE&period=P[&unit=CODE]: every evaluation document of the agency (of the unit)
for the period, streamed as a ZIP while it is built; scoped as the CSV exports are (ADMIN any agency, an agency
admin its own, 403 for EMPLOYEE, 404 for an agency or unit unknown or out of scope). `X-Document-Count` says how many
documents it holds.

GET /verify/<code>: the public verification page (HTML, Indonesian, under the console's CSP: no inline script or
style), limited per client address (429). It shows the document's key facts as issued and whether the record still
says the same; an unknown code gets 404.
"""

from __future__ import annotations

import html

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse

from kinerja.http.compression import MARK
from kinerja.http.reports import error_text
from kinerja.http.web import SECURITY_HEADERS
from kinerja.services.auth.tokens import resolve_authorization
from kinerja.services.core import messages
from kinerja.services.core.access import Access, password_change_required
from kinerja.services.core.clock import WIB
from kinerja.services.core.errors import AccessDenied, BadArgument
from kinerja.services.documents import delivery, issue, verify_limit
from kinerja.services.documents.frame import spaced_code

ZIP_PARAMETERS = ("agency", "period", "unit")
MAX_VALUE = 100


def _base_url(request: Request) -> str:
    return request.app.state.settings.public_url or str(request.base_url).rstrip("/")


def _attachment(filename: str, **more: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff", **more}


async def _access(request: Request) -> Access | Response:
    found = await resolve_authorization(request.headers.get("authorization", ""))
    if isinstance(found, str):
        return error_text(request, 401, "UNAUTHENTICATED", found, **{"WWW-Authenticate": "Bearer"})
    access = Access(found)
    if not access.may_act:  # a session of a one-time password may only change it
        refused = password_change_required()
        return error_text(request, 403, refused.code, str(refused))
    return access


async def evaluasi_pdf(request: Request) -> Response:
    access = await _access(request)
    if isinstance(access, Response):
        return access
    nip, period = request.path_params["nip"], request.path_params["period"]
    settings = request.app.state.settings
    try:
        pdf = await delivery.evaluasi_pdf(access, nip[:MAX_VALUE], period[:MAX_VALUE], _base_url(request),
                                          settings.document_place)
    except BadArgument as exc:
        return error_text(request, 400, exc.code, str(exc), exc.params)
    if pdf is None:
        return error_text(request, 404, "NOT_FOUND", f"{nip} has no finalized rating for {period}",
                          {"what": "finalized_rating", "nip": nip, "period": period})
    return Response(pdf.content, media_type="application/pdf", headers=_attachment(pdf.filename))


async def evaluasi_zip(request: Request) -> Response:
    access = await _access(request)
    if isinstance(access, Response):
        return access
    values: dict[str, str] = {}
    for key in request.query_params.keys():
        given = request.query_params.getlist(key)
        if key not in ZIP_PARAMETERS or len(given) > 1 or len(given[0]) > MAX_VALUE:
            return error_text(request, 400, "BAD_ARGUMENT", f"{key} cannot be used", {"field": key})
        values[key] = given[0]
    settings = request.app.state.settings
    try:
        archive = await delivery.evaluasi_zip(access, values.get("agency", ""), values.get("unit"),
                                              values.get("period", ""), _base_url(request), settings.document_place)
    except AccessDenied as exc:
        return error_text(request, 403, exc.code, str(exc), exc.params)
    except BadArgument as exc:
        return error_text(request, 400, exc.code, str(exc), exc.params)
    if archive is None:
        return error_text(request, 404, "NOT_FOUND", "no agency", {"what": "agency"})
    # identity: a ZIP of PDFs gains nothing from gzip (http/compression.py leaves it alone and drops the mark)
    return StreamingResponse(archive.chunks, media_type="application/zip", headers=_attachment(
        archive.filename, **{"X-Document-Count": str(archive.count), MARK[0].decode(): MARK[1].decode()}))


# -- the verification page -----------------------------------------------------------------------------------------

def _page(title: str, body: str, status: int, **headers: str) -> HTMLResponse:
    text = ("<!doctype html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"robots\" content=\"noindex\">\n"
            f"<title>{html.escape(title)} – Kinerja</title>\n"
            "<link rel=\"stylesheet\" href=\"/static/css/verify.css\">\n</head>\n<body>\n<main class=\"verify\">\n"
            f"<h1>{html.escape(title)}</h1>\n{body}\n</main>\n</body>\n</html>\n")
    return HTMLResponse(text, status_code=status, headers={**SECURITY_HEADERS, "Cache-Control": "no-store",
                                                           **headers})


def _moment(at) -> str:
    local = at.astimezone(WIB)
    return f"{messages.date_label(local.date())} pukul {local:%H.%M} WIB"


async def verify_page(request: Request) -> Response:
    settings = request.app.state.settings
    wait = await verify_limit.admit(request.client.host if request.client else None, settings.secret)
    if wait is not None:
        return _page("Terlalu banyak permintaan", "<p class=\"status status-bad\">Terlalu banyak pemeriksaan dari "
                     f"alamat ini. Silakan coba lagi dalam {html.escape(messages.duration_label(wait))}.</p>", 429,
                     **{"Retry-After": str(wait)})
    found = await issue.verify(request.path_params["code"][:MAX_VALUE])
    if found is None:
        return _page("Kode verifikasi tidak dikenal", "<p class=\"status status-bad\">Kode verifikasi ini tidak "
                     "dikenal: tidak ada dokumen resmi yang diterbitkan dengan kode tersebut. Periksa kembali kode "
                     "pada dokumen, atau pindai ulang kode QR-nya.</p>", 404)
    doc, shown = found.document, found.subject
    if found.current:
        status = ("<p class=\"status status-ok\">Dokumen ini sah dan masih sesuai dengan catatan penilaian saat "
                  "ini.</p>")
    else:
        when = f" pada {_moment(found.superseded_at)}" if found.superseded_at else ""
        status = ("<p class=\"status status-bad\">Dokumen ini sudah tidak berlaku: catatan penilaiannya telah "
                  f"berubah sejak dokumen diterbitkan{html.escape(when)} (penilaian dibuka kembali atau diubah "
                  "karena keberatan). Mintalah dokumen yang baru.</p>")
    rows = [("Jenis dokumen", shown["kind"]), ("Periode", shown["period"]), ("Nama", shown["name"]),
            ("NIP", shown["nip"]), ("Predikat kinerja", shown["predikat"]),
            ("Diterbitkan", _moment(doc.issued_at)), ("Kode verifikasi", spaced_code(doc.code))]
    table = "\n".join(f"<tr><th scope=\"row\">{html.escape(k)}</th><td>{html.escape(v or '-')}</td></tr>"
                      for k, v in rows)
    body = (f"{status}\n<p>Data dokumen seperti saat diterbitkan. Bandingkan dengan dokumen yang Anda pegang: bila "
            "berbeda, dokumen itu telah diubah.</p>\n"
            f"<table class=\"facts\">\n<tbody>\n{table}\n</tbody>\n</table>")
    return _page("Verifikasi Dokumen Resmi", body, 200)
