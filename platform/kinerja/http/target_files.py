"""SKP targets as files over HTTP (services/skp/targets_import.py), with the API's bearer tokens, for whoever may set
targets: ADMIN (anyone), agency admins (their own agency's people) and supervisors (their staff; an EMPLOYEE
supervising nobody is refused). The helpers (the token, the parameters, the cycle, the body and its limit, the
answers, refusals in the language of Accept-Language) are upload_files.py's, as for people_files.py.

POST /imports/targets/preview?cycle=YEAR   the request body is the file itself, as for /imports/people/preview
                                           (Content-Type, the name in X-Filename or ?filename=). Answers 200 with
                                           every row: {filename, format, cycle, digest, columns, ok, counts, rows:
                                           [{line, values, action (BARU | UBAH | SAMA | null), changes: [{field,
                                           before, after}], errors: [{column, code, message}]}], errors: []}. Nothing
                                           is written. The digest covers the cycle year and the file.
POST /imports/targets?cycle=YEAR           the same file again with the preview's digest in X-Preview-Digest (or
                                           ?digest=): 200 {filename, digest, cycle, ok, counts} once everything is
                                           written; 409 DIGEST_MISMATCH for another file or cycle; 422
                                           IMPORT_HAS_ERRORS with the preview's body when a row has a problem.
GET /exports/targets.csv?cycle=YEAR        the import's columns (&agency=CODE), UTF-8 CSV
GET /exports/targets.xlsx?cycle=YEAR       the same as a workbook: Indonesian headers, frozen header row, autofilter

Refusals as upload_files.py answers them; a cycle unknown is 404, a cycle that takes no targets now 400 (CYCLE_STATE,
CYCLE_CLOSED), a cycle that is no year 400 (BAD_ARGUMENT).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from kinerja.http import upload_files
from kinerja.services.skp import targets_import


async def _preview(got: upload_files.Upload) -> targets_import.Preview:
    return await targets_import.preview(got.access, got.year, got.filename, got.body, got.media_type)


async def _commit(got: upload_files.Upload) -> targets_import.Committed:
    return await targets_import.commit(got.access, got.year, got.filename, got.body, got.digest, got.media_type)


async def _export(asked: upload_files.Asked) -> targets_import.TargetsExport:
    return await targets_import.export_targets(asked.access, asked.year, asked.values.get("agency"))


async def targets_preview(request: Request) -> Response:
    return await upload_files.preview(request, ("cycle", "filename"), targets_import.require_importer, _preview,
                                      yearly=True)


async def targets_commit(request: Request) -> Response:
    return await upload_files.commit(request, ("cycle", "filename", "digest"), targets_import.require_importer,
                                     _commit, yearly=True)


async def targets_csv(request: Request) -> Response:
    return await upload_files.export(request, ("cycle", "agency"), _export, targets_import.export_csv, xlsx=False,
                                     yearly=True)


async def targets_xlsx(request: Request) -> Response:
    return await upload_files.export(request, ("cycle", "agency"), _export, targets_import.export_xlsx, xlsx=True,
                                     yearly=True)
