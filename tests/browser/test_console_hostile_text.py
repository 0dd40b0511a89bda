"""Text that people typed is shown as text: markup in a name, a position or a note never runs in the console."""

from __future__ import annotations

import pytest

from browser.console_helpers import data, wait_rendered

HOSTILE = '<img src=x onerror="window.__pwned=1">"><script>window.__pwned=2</script>'
UPSERT = """mutation($input: [PersonInput!]!) { upsertPeople(input: $input) { errors { path code message } } }"""
PERSON = "query($nip: String!) { person(nip: $nip) { nip name employmentType agency { code } unit { code } } }"
SUBORDINATES = "query($nip: String!) { person(nip: $nip) { subordinates { nip } } }"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # the page's rendering; the data path is the API's
def test_markup_in_a_name_and_a_position_is_shown_as_text(fresh_server, page, use_token, shot):
    admin = fresh_server.token("ADMIN")
    head = fresh_server.account("EMPLOYEE").nip
    nip = data(fresh_server, SUBORDINATES, {"nip": head}, admin)["person"]["subordinates"][0]["nip"]
    person = data(fresh_server, PERSON, {"nip": nip}, admin)["person"]
    answer = data(fresh_server, UPSERT, {"input": [{
        "nip": nip, "name": "Nama " + HOSTILE, "position": "Jabatan " + HOSTILE,
        "employmentType": person["employmentType"], "agency": person["agency"]["code"],
        "unit": (person["unit"] or {}).get("code"), "supervisor": head}]}, admin)
    assert answer["upsertPeople"]["errors"] == []

    use_token(page, admin)
    for route in (f"/#/person/{nip}", f"/#/person/{head}", f"/#/agency/{person['agency']['code']}"):
        page.goto(fresh_server.url + route)
        wait_rendered(page)
        if route.startswith("/#/agency"):
            page.get_by_label("Cari nama atau NIP").fill(nip)
            page.get_by_label("Cari nama atau NIP").press("Enter")
            page.locator(f'#people-table tbody tr[data-nip="{nip}"]').wait_for()
        assert page.get_by_text("Nama " + HOSTILE).first.is_visible(), route  # the characters, as typed
        assert page.evaluate("window.__pwned") is None, route
        assert page.locator("main img[src=x], main script").count() == 0, route
        shot(page, route.split("/")[2])
