"""The functional posts' credit-point coefficients in Chromium (#/jabatan/<agency>, docs/DOMAIN.md "Credit points"):
DISDIK's admin opens the page from the agency page (one request), changes Guru Ahli Pertama's coefficient with a
reason and sees it saved; a coefficient out of range and one with three decimals are refused with the server's
Indonesian words at the field, nothing written; the coefficient is cleared and restored; a teacher's person page shows
the credit points of their last rated year as the API answers them."""

from __future__ import annotations

import re

import pytest

from browser.console_helpers import data, wait_rendered

expect = pytest.importorskip("playwright.sync_api").expect

POSTS = """query { posts(agency: "DISDIK", first: 1000) { id name kind creditCoefficient } }"""
CYCLES = "{ cycles { year status } }"
AGENCY_CREDIT = """query($y: Int!) { creditPoints(agency: "DISDIK", year: $y, first: 100) { edges { node { nip
  parts { post } } } } }"""
PERSON_CREDIT = """query($n: String!, $a: Int!, $b: Int!) { person(nip: $n) {
  a: creditPoints(year: $a) { year rated points percentage parts { coefficient daysHeld } }
  b: creditPoints(year: $b) { year rated points percentage parts { coefficient daysHeld } } } }"""
# what must never reach the screen: the API's English messages, its codes and enum values
LEAKS = re.compile(r"\b(must|decimal|coefficient|OUT_OF_RANGE|INVALID_VALUE|NOT_FUNCTIONAL_POST|NOT_FOUND|FORBIDDEN|"
                   r"FUNGSIONAL|STRUKTURAL|PELAKSANA|SANGAT_BAIK|true|false|undefined|null|NaN)\b")


def no_leaks(page) -> None:
    text = page.locator("main").inner_text()
    found = LEAKS.search(text)
    assert not found, f"{found.group(0)} in {text[max(0, found.start() - 200):found.end() + 100]!r}"


def coefficients(srv, token: str) -> dict[str, float | None]:
    return {p["name"]: p["creditCoefficient"] for p in data(srv, POSTS, None, token)["posts"]
            if p["kind"] == "FUNGSIONAL"}


def three(value: float) -> str:
    """As the person page writes points: 18.75 -> "18,750"."""
    return f"{value:,.3f}".replace(",", " ").replace(".", ",").replace(" ", ".")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_agency_admin_sets_a_functional_posts_coefficient(fresh_server, page, use_token, graphql_requests):
    srv = fresh_server
    token = srv.token("AGENCY_ADMIN", agency="DISDIK")
    before = coefficients(srv, token)
    assert before == {"Guru Ahli Pertama": 12.5, "Guru Ahli Muda": 25}, before
    post = next(p for p in data(srv, POSTS, None, token)["posts"] if p["name"] == "Guru Ahli Pertama")
    key = f"#post-{post['id']}"

    use_token(page, token)
    page.goto(f"{srv.url}/#/agency/DISDIK")
    wait_rendered(page)
    sent = graphql_requests(page)
    page.locator("#functional-posts-link").click()
    wait_rendered(page)
    assert len(sent) == 1, sent.requests  # one request a load
    expect(page.locator("main h1")).to_have_text("Jabatan fungsional")
    cards = page.locator("#functional-posts article[data-post]")
    expect(cards).to_have_count(2)
    card = page.locator(key)
    expect(card.locator("h3")).to_have_text("Guru Ahli Pertama")
    expect(card.locator("[data-col=coefficient]")).to_have_text("12,5")
    expect(page.locator("#functional-posts")).to_contain_text("Koefisien angka kredit tahunan")
    coefficient = card.get_by_label("Koefisien angka kredit tahunan", exact=True)
    expect(coefficient).to_have_value("12,5")

    # out of range: the server's words at the field, nothing written
    coefficient.fill("150")
    card.locator(f"{key}-reason").fill("Uji batas")
    card.locator(f"{key}-save").click()
    expect(card.locator(f"{key}-coefficient-error")).to_have_text(
        "Koefisien angka kredit harus lebih dari 0 dan paling besar 100 (diisi 150).")
    expect(coefficient).to_have_attribute("aria-invalid", "true")
    expect(card.locator(f"{key}-errors")).to_contain_text("Koefisien belum tersimpan.")
    expect(card.locator("[data-col=coefficient]")).to_have_text("12,5")
    # three decimals: the same
    coefficient.fill("12,345")
    card.locator(f"{key}-save").click()
    expect(card.locator(f"{key}-coefficient-error")).to_contain_text("paling banyak 2 angka di belakang koma")
    # not a number: said at the field before any request
    sent.clear()
    coefficient.fill("dua belas")
    card.locator(f"{key}-save").click()
    expect(card.locator(f"{key}-coefficient-error")).to_have_text("Isi koefisien dengan angka, misalnya 12,5.")
    assert len(sent) == 0
    no_leaks(page)
    assert coefficients(srv, token) == before

    # set: saved, with the reason in the audit trail; read again on a new load
    coefficient.fill("13,75")
    card.locator(f"{key}-reason").fill("Keputusan Wali Kota Nomor 800/12/2025")
    card.locator(f"{key}-save").click()
    expect(card.locator(f"{key}-saved")).to_have_text("Koefisien tersimpan: 13,75.")
    expect(card.locator(f"{key}-coefficient-error")).to_have_count(0)
    expect(coefficient).not_to_have_attribute("aria-invalid", "true")
    expect(card.locator("[data-col=coefficient]")).to_have_text("13,75")
    assert coefficients(srv, token)["Guru Ahli Pertama"] == 13.75
    page.reload()
    wait_rendered(page)
    expect(page.locator(f"{key} [data-col=coefficient]")).to_have_text("13,75")
    card = page.locator(key)
    coefficient = card.locator(f"{key}-coefficient")

    # cleared, then restored
    card.locator(f"{key}-reason").fill("Koreksi")
    card.locator(f"{key}-clear").click()
    expect(card.locator(f"{key}-saved")).to_have_text("Koefisien dikosongkan.")
    expect(card.locator("[data-col=coefficient]")).to_have_text("Belum ditetapkan")
    assert coefficients(srv, token)["Guru Ahli Pertama"] is None
    coefficient.fill("12,5")
    card.locator(f"{key}-reason").fill("PermenPANRB 1/2023")
    card.locator(f"{key}-save").click()
    expect(card.locator(f"{key}-saved")).to_have_text("Koefisien tersimpan: 12,5.")
    assert coefficients(srv, token) == before
    no_leaks(page)

    # a teacher's person page: the credit points of the newest rated year of the two latest evaluated ones
    cycles = data(srv, CYCLES, None, token)["cycles"]
    evaluated = sorted((c["year"] for c in cycles if c["status"] in ("EVALUATION", "CLOSED")), reverse=True)
    closed = evaluated[-1]
    teachers = [e["node"] for e in data(srv, AGENCY_CREDIT, {"y": closed}, token)["creditPoints"]["edges"]]
    teacher = next(t for t in teachers if [p["post"] for p in t["parts"]] == ["Guru Ahli Pertama"])
    found = data(srv, PERSON_CREDIT, {"n": teacher["nip"], "a": evaluated[0], "b": evaluated[1]}, token)["person"]
    shown = next(c for c in (found["a"], found["b"]) if c and c["rated"])
    page.goto(f"{srv.url}/#/person/{teacher['nip']}")
    wait_rendered(page)
    facts = page.locator("#profile")
    expect(facts).to_contain_text(f"Angka kredit {shown['year']}")
    text = f"{three(shown['points'])} (koefisien 12,5 × {shown['percentage']} %"
    expect(page.locator("#credit-points")).to_contain_text(text)
    no_leaks(page)
