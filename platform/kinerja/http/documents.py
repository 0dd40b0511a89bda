"""The official documents over HTTP (services/documents; docs/DOMAIN.md, "Official documents").

GET /documents/evaluasi/<nip>/<period>.pdf: the person's Evaluasi Kinerja Pegawai for the period, issued to the
viewer. The bearer token as for the CSV exports (401 without a valid one, 403 for a session that must change its
password first); the person as the API reads them: ADMIN, the agency's admin, the person and those above them, or
their assessing official for the period, anyone else (and an unknown NIP, and a person without a finalized rating for
the period) 404; 400 for a malformed period.

GET /documents/evaluasi-tahunan/<nip>/<year>.pdf: the person's annual Dokumen Evaluasi Kinerja Pegawai (PERIODE:
TAHUNAN) for a finalized rating of the year, read as the periodic one; 400 for a malformed year.

GET /documents/skp/<nip>/<year>.pdf: the person's Sasaran Kinerja Pegawai of the cycle, its approved revision in
force, for whoever may read that SKP over the API (skp/document.get_skp); an SKP never approved, like an unknown NIP
or a person out of scope, 404; 400 for a malformed year.

GET /documents/evaluasi.zip?agency=CODE&period=P[&unit=CODE]: every evaluation document of the agency (of the unit)
for the period, streamed as a ZIP while it is built; scoped as the CSV exports are (ADMIN any agency, an agency
admin its own, 403 for EMPLOYEE, 404 for an agency or unit unknown or out of scope). `X-Document-Count` says how many
documents it holds.

GET /documents/kurva/<agency>/<period>.pdf[?unit=CODE]: the Dokumen Kurva Distribusi Predikat Kinerja Pegawai of the
agency (of one of its units) for the period, issued to the viewer; scoped as the CSV exports (ADMIN any agency, an
agency admin its own, 403 for EMPLOYEE, 404 for an agency or unit unknown or out of scope, and for a period without a
finalized rating there); 400 for a malformed period or an unknown parameter.

GET /documents/tindak-lanjut/<agency>/<period>.pdf: the Daftar Tindak Lanjut Hasil Evaluasi Kinerja Pegawai of the
agency for the period (the follow-up report's people with their recommendations, signed by the agency's head), issued
to the viewer; scoped as the CSV exports (ADMIN any agency, an agency admin its own, 403 for EMPLOYEE, 404 for an
agency unknown or out of scope, and for a period without a finalized rating there); 400 for a malformed period or any
query parameter.

GET /verify/<code>: the public verification page (HTML, Indonesian, under the console's CSP: no inline script or
style), limited per client address (429). It shows the document's key facts as issued and whether the record still
says the same; an unknown code gets 404.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse

from kinerja.http.compression import MARK
from kinerja.http.downloads import attachment_headers, error_text, query_values, viewer
from kinerja.http.web import SECURITY_HEADERS
from kinerja.services.core import messages
from kinerja.services.core.clock import WIB
from kinerja.services.core.errors import AccessDenied, BadArgument
from kinerja.services.core.access import Access
from kinerja.services.documents import delivery, issue, verify_limit
from kinerja.services.documents.frame import spaced_code
from kinerja.services.documents.parts import Missing
from kinerja.services.documents.kinds import KINDS
from kinerja.services.evaluation import curve

ZIP_PARAMETERS = ("agency", "period", "unit")
KURVA_PARAMETERS = ("unit",)
MAX_VALUE = 100


def _base_url(request: Request) -> str:
    return request.app.state.settings.public_url or str(request.base_url).rstrip("/")


async def _one_pdf(request: Request, make: Callable[[Access, dict[str, str], str, Any], Awaitable[Any]],
                   parameters: tuple[str, ...] = ()) -> Response:
    """One document for the request: the viewer and the query `parameters` checked, then `make(access, values,
    base_url, settings)` (a delivery function's Pdf or Missing); its refusals as the CSV exports give theirs."""
    access = await viewer(request)
    if isinstance(access, Response):
        return access
    values = query_values(request, parameters, MAX_VALUE)
    if isinstance(values, Response):
        return values
    try:
        found = await make(access, values, _base_url(request), request.app.state.settings)
    except AccessDenied as exc:
        return error_text(request, 403, exc.code, str(exc), exc.params)
    except BadArgument as exc:
        return error_text(request, 400, exc.code, str(exc), exc.params)
    if isinstance(found, Missing):
        return error_text(request, 404, "NOT_FOUND", found.message, found.params)
    return Response(found.content, media_type="application/pdf", headers=attachment_headers(found.filename))


def _path(request: Request, *names: str) -> list[str]:
    return [request.path_params[name][:MAX_VALUE] for name in names]


async def evaluasi_pdf(request: Request) -> Response:
    nip, period = _path(request, "nip", "period")
    return await _one_pdf(request, lambda access, _, base, settings: delivery.evaluasi_pdf(
        access, nip, period, base, settings.document_place))


async def tahunan_pdf(request: Request) -> Response:
    nip, year = _path(request, "nip", "year")
    return await _one_pdf(request, lambda access, _, base, settings: delivery.tahunan_pdf(
        access, nip, year, base, settings.document_place, request.app.state.catalog))


async def skp_pdf(request: Request) -> Response:
    nip, year = _path(request, "nip", "year")
    return await _one_pdf(request, lambda access, _, base, settings: delivery.skp_pdf(
        access, nip, year, base, settings.document_place))


async def kurva_pdf(request: Request) -> Response:
    agency, period = _path(request, "agency", "period")
    return await _one_pdf(request, lambda access, values, base, settings: delivery.kurva_pdf(
        access, agency, values.get("unit"), period, curve.rules_for(settings.curve_file), base,
        settings.document_place), KURVA_PARAMETERS)


async def tindak_lanjut_pdf(request: Request) -> Response:
    agency, period = _path(request, "agency", "period")
    return await _one_pdf(request, lambda access, _, base, settings: delivery.tindak_lanjut_pdf(
        access, agency, period, base, settings.document_place, request.app.state.catalog))


async def evaluasi_zip(request: Request) -> Response:
    access = await viewer(request)
    if isinstance(access, Response):
        return access
    values = query_values(request, ZIP_PARAMETERS, MAX_VALUE)
    if isinstance(values, Response):
        return values
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
    return StreamingResponse(archive.chunks, media_type="application/zip", headers=attachment_headers(
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
    found = await issue.verify(request.path_params["code"][:MAX_VALUE], request.app.state.catalog)
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
        # what changes such a record, as its kind says it (SUPERSEDED_WHY), else an evaluation's
        why = getattr(KINDS[doc.kind], "SUPERSEDED_WHY", "penilaian dibuka kembali atau diubah karena keberatan")
        status = ("<p class=\"status status-bad\">Dokumen ini sudah tidak berlaku: catatan penilaiannya telah "
                  f"berubah sejak dokumen diterbitkan{html.escape(when)} ({html.escape(why)}). Mintalah dokumen "
                  "yang baru.</p>")
    rows = [*shown, ("Diterbitkan", _moment(doc.issued_at)), ("Kode verifikasi", spaced_code(doc.code))]
    table = "\n".join(f"<tr><th scope=\"row\">{html.escape(k)}</th><td>{html.escape(v or '-')}</td></tr>"
                      for k, v in rows)
    body = (f"{status}\n<p>Data dokumen seperti saat diterbitkan. Bandingkan dengan dokumen yang Anda pegang: bila "
            "berbeda, dokumen itu telah diubah.</p>\n"
            f"<table class=\"facts\">\n<tbody>\n{table}\n</tbody>\n</table>")
    return _page("Verifikasi Dokumen Resmi", body, 200)
