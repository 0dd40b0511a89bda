"""Query.today: the platform's date (KINERJA_TODAY when pinned), which the console's work-log week starts from;
signed-in only, like every other field."""

from __future__ import annotations

import pytest

from conftest import start_api, stop_api


@pytest.fixture
async def api(database_url):
    api, handles = await start_api(database_url, today="2025-05-20")
    yield api
    await stop_api(handles)


async def test_today_is_the_pinned_date_for_every_role(api, world):
    for token in (world.admin, world.teacher):
        assert (await api.gql("{ today }", token=token)) == {"today": "2025-05-20"}


async def test_today_needs_a_session(api, world):
    body = await api.post("{ today }", {}, None)
    assert "data" not in body or not body.get("data"), body
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
