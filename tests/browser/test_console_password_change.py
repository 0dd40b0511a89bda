"""A password ADMIN reset is one-time: the sign-in page leads its person through "Ganti kata sandi", then home."""

from __future__ import annotations

import re

from browser.console_helpers import data, wait_rendered

SET = """mutation($nip: String!, $password: String!) {
  setPassword(nip: $nip, password: $password) { person { nip } errors { code } } }"""
ONE_TIME = "sementara-dari-admin"
OWN = "kata-sandi-pilihan-saya"
ENGLISH = re.compile(r"\b(password|the|must|characters|FORBIDDEN|WEAK_PASSWORD|PASSWORD_CHANGE_REQUIRED)\b")


def test_an_admin_reset_leads_the_person_through_the_change_then_home(fresh_server, page, shot):
    server = fresh_server
    person = server.account("EMPLOYEE")
    answer = data(server, SET, {"nip": person.nip, "password": ONE_TIME}, token=server.token("ADMIN"))
    assert answer["setPassword"]["errors"] == []

    page.goto(server.url + "/#/login")
    page.get_by_label("NIP", exact=True).fill(person.nip)
    page.get_by_label("Kata sandi", exact=True).fill(ONE_TIME)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_role("heading", name="Ganti kata sandi").wait_for()
    assert page.evaluate("sessionStorage.getItem('kinerja.token')") is None  # no session before the change
    assert page.get_by_role("navigation", name="Navigasi utama").is_hidden()
    fresh = page.get_by_label("Kata sandi baru", exact=True)
    again = page.get_by_label("Ulangi kata sandi baru", exact=True)
    assert fresh.get_attribute("type") == "password" and fresh.get_attribute("autocomplete") == "new-password"

    # the two entries differ: said in Indonesian, nothing sent
    fresh.fill(OWN)
    again.fill(OWN + "x")
    page.get_by_role("button", name="Simpan kata sandi").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "tidak sama" in alert.inner_text() and not ENGLISH.search(alert.inner_text())
    # the server refuses the one-time password as the new one: said in Indonesian only
    fresh.fill(ONE_TIME)
    again.fill(ONE_TIME)
    page.get_by_role("button", name="Simpan kata sandi").click()
    page.get_by_role("alert").filter(has_text="berbeda dari kata sandi sementara").wait_for()
    assert not ENGLISH.search(page.get_by_role("alert").inner_text())
    shot(page, "password-change-refused")

    fresh.fill(OWN)
    again.fill(OWN)
    again.press("Enter")
    page.wait_for_url(re.compile(r".*#/person/.*"))
    wait_rendered(page)
    token = page.evaluate("sessionStorage.getItem('kinerja.token')")
    assert data(server, "{ me { person { nip } } }", token=token)["me"]["person"]["nip"] == person.nip
    page.get_by_role("navigation", name="Navigasi utama").wait_for()
    shot(page, "home-after-password-change")
    # the own password signs in now, the one-time one no more
    login = """mutation($n: String!, $p: String!) {
      login(nip: $n, password: $p) { mustChangePassword errors { code } } }"""
    assert data(server, login, {"n": person.nip, "p": OWN})["login"] == {"mustChangePassword": False, "errors": []}
    assert data(server, login, {"n": person.nip, "p": ONE_TIME})["login"]["errors"] == [
        {"code": "INVALID_CREDENTIALS"}]
