"""A console list longer than KINERJA_EXPORT_MAX_ROWS is refused, in the request's language, never cut short
(services/reports/lists.py); a list at the limit is whole. Its own module: the app here has its own settings, and
tests/test_list_exports.py keeps one app for its whole module."""

from __future__ import annotations

from conftest import start_api, stop_api
from test_list_exports import rows_of, sheet_of
from world import build_world


async def test_a_list_over_the_limit_is_refused_not_cut(database_url):
    api, handles = await start_api(database_url, export_max_rows=2)
    try:
        w = await build_world()
        for ending in ("csv", "xlsx"):
            r = await api.client.get(f"/exports/audit-events.{ending}", headers={
                "Authorization": f"Bearer {w.admin}", "Accept-Language": "id"})
            assert (r.status_code, r.headers["x-error-code"]) == (400, "EXPORT_TOO_LARGE"), r.text
            assert r.text.strip() == ("Daftar berisi lebih dari 2 baris; persempit dengan periode, perangkat daerah "
                                      "atau tanggal, lalu unduh kembali.")
        # two rows (the world's two agencies): at the limit, the whole list
        r = await api.client.get("/exports/audit-events.csv", params={"action": "agency.create"},
                                 headers={"Authorization": f"Bearer {w.admin}"})
        assert len(rows_of(r)) == 3
        r = await api.client.get("/exports/audit-events.xlsx", params={"action": "agency.create"},
                                 headers={"Authorization": f"Bearer {w.admin}"})
        assert sheet_of(r).max_row == 3
    finally:
        await stop_api(handles)
