"""What the app does once started: with the default settings, start-up objects leave the collector's
generations (gc.freeze) for the app's lifetime, and return when it stops."""

from __future__ import annotations

import gc

from conftest import start_api, stop_api
from kinerja.settings import Settings


def test_freezing_is_the_default():
    assert Settings().freeze_gc is True


async def test_start_up_objects_are_frozen_while_the_app_runs(database_url):
    gc.unfreeze()
    api, handles = await start_api(database_url, freeze_gc=True)
    try:
        assert gc.get_freeze_count() > 0
        assert (await api.client.get("/healthz")).status_code == 200
    finally:
        await stop_api(handles)
    assert gc.get_freeze_count() == 0


async def test_without_freezing_nothing_is_frozen(database_url):
    gc.unfreeze()
    api, handles = await start_api(database_url, freeze_gc=False)
    try:
        assert gc.get_freeze_count() == 0
    finally:
        await stop_api(handles)
