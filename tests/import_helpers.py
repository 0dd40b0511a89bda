"""Shared helpers of the file import tests (tests/test_people_import.py, tests/test_targets_import.py): a file of
rows as CSV or XLSX, the requests of an import (`Importer`: send, preview, commit), an export's GET, and a
preview's errors by line."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

ID = {"Accept-Language": "id"}


def csv_file(rows, header, delimiter=",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_file(rows, header) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    book.create_sheet("Lain").append(["tidak", "dibaca"])  # only the first sheet is read
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class Importer:
    """The requests of one import: POST `path`/preview and `path`, the file named `filename` unless told, with the
    query parameters `fixed` unless told (a parameter given as None is left out)."""

    def __init__(self, path: str, filename: str, **fixed):
        self.path, self.filename, self.fixed = path, filename, fixed

    async def send(self, api, path, token, data, media="text/csv", filename=None, headers=None, **params):
        head = {"Content-Type": media, **ID, **(headers or {})}
        if token:
            head["Authorization"] = f"Bearer {token}"
        query = {"filename": self.filename if filename is None else filename,
                 **{k: v for k, v in {**self.fixed, **params}.items() if v is not None}}
        return await api.client.post(path, content=data, headers=head, params=query)

    async def preview(self, api, token, data, media="text/csv", filename=None, **kw):
        return await self.send(api, f"{self.path}/preview", token, data, media, filename, **kw)

    async def commit(self, api, token, data, digest, media="text/csv", filename=None, **kw):
        return await self.send(api, self.path, token, data, media, filename, digest=digest, **kw)

    async def previewed(self, api, token, data, media="text/csv", filename=None) -> dict:
        response = await self.preview(api, token, data, media, filename)
        assert response.status_code == 200, response.text
        assert response.headers["cache-control"] == "no-store"
        return response.json()

    async def refuses_strangers(self, api, path, data, employee, admin, forbidden: str) -> None:
        """`path` refuses a request without a token (401), `employee`'s (403: `forbidden`), and one with `admin`'s
        token in the address only (401: it is never read)."""
        response = await self.send(api, path, None, data)
        assert response.status_code == 401 and response.json()["errors"][0]["code"] == "UNAUTHENTICATED"
        assert response.headers["www-authenticate"] == "Bearer"
        response = await self.send(api, path, employee, data)
        assert response.status_code == 403
        assert response.json()["errors"] == [{"code": "FORBIDDEN", "message": forbidden}]
        assert (await self.send(api, path, None, data, access_token=admin)).status_code == 401

    async def mismatched(self, api, token, cases) -> None:
        """Each commit of `cases` (file, digest, query parameters; no digest: none sent) is refused: the file differs
        from the previewed one (DIGEST_MISMATCH, 409)."""
        for data, given, params in cases:
            response = await (self.commit(api, token, data, given, **params) if given else
                              self.send(api, self.path, token, data))
            assert response.status_code == 409, response.text
            assert response.json()["errors"] == [{"code": "DIGEST_MISMATCH", "message": "Berkas berbeda dari berkas "
                                                  "yang dipratinjau; pratinjau ulang sebelum menyimpan."}]

    async def refused_alike(self, api, token, data, preview: dict, errors: dict[int, list[tuple]], line: int,
                            english: list[tuple]) -> None:
        """A previewed file with errors: its preview without Accept-Language (and without a file name) has `line`'s
        errors in English, and its commit is refused with the same rows' errors as the preview's."""
        response = await api.client.post(f"{self.path}/preview", content=data, params=self.fixed, headers={
            "Content-Type": "text/csv", "Authorization": f"Bearer {token}"})
        assert errors_of(response.json())[line] == english
        response = await self.commit(api, token, data, preview["digest"])
        assert response.status_code == 422
        refused = response.json()
        count = preview["counts"]["withErrors"]
        assert refused["errors"] == [{"code": "IMPORT_HAS_ERRORS", "message": f"{count} baris masih memuat kesalahan; "
                                      "tidak ada data yang disimpan. Perbaiki berkas lalu pratinjau ulang."}]
        assert errors_of(refused) == errors and refused["ok"] is False


async def export_refuses_strangers(api, path, params, employee, admin, agency_admin, forbidden: str) -> None:
    """The export at `path` (with `params`) refuses a request without a token or with `admin`'s in the address only
    (401), `employee`'s (403, its message naming `forbidden`), and `agency_admin`'s of another agency, DINKES (404)."""
    assert (await api.client.get(path, params=params)).status_code == 401
    assert (await api.client.get(path, params={**params, "token": admin})).status_code == 401
    response = await api.client.get(path, params=params, headers={"Authorization": f"Bearer {employee}", **ID})
    assert response.status_code == 403 and forbidden in response.json()["errors"][0]["message"]
    response = await api.client.get(path, params={**params, "agency": "DINKES"},
                                    headers={"Authorization": f"Bearer {agency_admin}", **ID})
    assert response.status_code == 404
    assert response.json()["errors"] == [{"code": "NOT_FOUND", "message": "Perangkat daerah DINKES tidak ditemukan."}]


def errors_of(body) -> dict[int, list[tuple]]:
    return {r["line"]: [(e["column"], e["code"], e["message"]) for e in r["errors"]] for r in body["rows"]
            if r["errors"]}


async def get(api, path, token, **params):
    response = await api.client.get(path, params=params, headers={"Authorization": f"Bearer {token}", **ID})
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    return response
