"""The platform's one clock (services/core/clock.py): KINERJA_TODAY pins the date every date rule reads."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import start_api, stop_api
from kinerja.services.core import clock
from kinerja.services.core.nip import InvalidNip, parse_nip
from kinerja.settings import Settings, SettingsError


@pytest.fixture(autouse=True)
def real_date_after():
    yield
    clock.pin(None)


def test_unpinned_it_is_the_real_date_in_tanjungpinang():
    clock.pin(None)
    assert clock.today() == dt.datetime.now(clock.WIB).date()


def test_the_setting_is_read_and_checked():
    assert Settings.from_env({"KINERJA_TODAY": "2025-05-20"}).today == "2025-05-20"
    assert Settings.from_env({}).today == ""
    with pytest.raises(SettingsError, match="KINERJA_TODAY must be a date YYYY-MM-DD"):
        Settings.from_env({"KINERJA_TODAY": "20 Mei 2025"})


async def test_the_app_pins_the_date_its_settings_name(database_url):
    api, handles = await start_api(database_url, today="2025-05-20")
    try:
        assert clock.today() == dt.date(2025, 5, 20)
    finally:
        await stop_api(handles)


def test_a_birth_date_after_the_pinned_today_is_not_a_nip():
    born = "20250601" + "202401" + "1" + "001"  # born 1 June 2025, appointed January 2024 (impossible anyway)
    clock.pin("2025-05-20")
    with pytest.raises(InvalidNip):
        parse_nip(born)
    clock.pin("2060-01-01")
    with pytest.raises(InvalidNip, match="appointment"):  # now the birth date passes; the appointment does not
        parse_nip(born)
