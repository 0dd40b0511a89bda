"""People as files over HTTP (services/org/people_import.py), with the API's bearer tokens, for ADMIN (any agency)
and agency admins (their own agency: a row of another agency is a row's problem, an export of another agency
reads as not found).

POST /imports/people/preview   the request body is the file itself (at most people_import.MAX_FILE_BYTES):
                               Content-Type text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
                               (application/octet-stream: by the name's extension; a zip is always read as XLSX); the
                               file's name in the X-Filename header (percent-encoded UTF-8) or ?filename=. Answers
                               200 with every row: {filename, format, digest, columns, ok, counts, rows: [{line,
                               values, action (BARU | UBAH | SAMA | null), changes: [{field, before, after}], errors:
                               [{column, code, message}]}], errors: []}. Nothing is written.
POST /imports/people           the same file again, with the preview's digest in X-Preview-Digest (or ?digest=):
                               200 {filename, digest, ok, counts} once everything is written; 409 DIGEST_MISMATCH for
                               another file; 422 IMPORT_HAS_ERRORS with the preview's body (every row and its errors)
                               when a row has a problem, nothing written.
GET /exports/people.csv        the import's columns (?agency=CODE), UTF-8 CSV with the CLI importer's header
GET /exports/people.xlsx       the same as a workbook: Indonesian headers, frozen header row, autofilter

Refusals are JSON {errors: [{code, message}]} in the language of Accept-Language: 401 without a valid token, 403 for
a one-time-password session or an EMPLOYEE, 404 for an agency unknown or out of scope, 400 for a parameter or a file
that cannot be used, 413 for a file over the limit, 415 for a file that is neither CSV nor XLSX. A token in the
address is never read: only the Authorization header. The token, the parameters, the body, the answers and the
refusals are upload_files.py's, the same for every import.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from kinerja.http import upload_files
from kinerja.services.core.access import Access
from kinerja.services.org import people_import


async def _may_import(access: Access) -> None:
    people_import.require_importer(access)


async def _preview(got: upload_files.Upload) -> people_import.Preview:
    return await people_import.preview(got.access, got.filename, got.body, got.media_type)


async def _commit(got: upload_files.Upload) -> people_import.Committed:
    return await people_import.commit(got.access, got.filename, got.body, got.digest, got.media_type)


async def _export(asked: upload_files.Asked) -> people_import.PeopleExport:
    return await people_import.export_people(asked.access, asked.values.get("agency"))


async def people_preview(request: Request) -> Response:
    return await upload_files.preview(request, ("filename",), _may_import, _preview)


async def people_commit(request: Request) -> Response:
    return await upload_files.commit(request, ("filename", "digest"), _may_import, _commit)


async def people_csv(request: Request) -> Response:
    return await upload_files.export(request, ("agency",), _export, people_import.export_csv, xlsx=False)


async def people_xlsx(request: Request) -> Response:
    return await upload_files.export(request, ("agency",), _export, people_import.export_xlsx, xlsx=True)
