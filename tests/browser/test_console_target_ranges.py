"""Range (band) targets and the achievement cap in Chromium, on the demo data: the catalogue shows APK's band
"95–105 %" and how achievement is scored; a DISDIK employee whose SKP is a draft adds an RHK with a band target
through the SKP form (a reversed range first: refused at its field, nothing written) and one with a low target; the
SKP, the measurements page and the person page show "95–105 %"; a realisation far above the low target shows
"120 % (nilai maksimum)"; no English, codes or raw values on screen."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from browser.console_helpers import data, wait_rendered

SKP = """query($nip: String!) { skp(nip: $nip, cycle: 2025) { status version
  items { key workResult indicators { target targetLower targetUpper targetId indicator { code } } } } }"""
PERSON = "query($n: String!) { person(nip: $n) { subordinates { nip } } }"
BAND_RHK = "Terjaganya angka partisipasi kasar sekolah binaan"
CAP_RHK = "Terselenggaranya sosialisasi program sekolah"
# what must never reach the screen: the API's English messages, enum values and raw numbers
LEAKS = re.compile(r"\b(must|above|below|lower|upper|band|BAND|HIGHER_IS_BETTER|LOWER_IS_BETTER|"
                   r"INVALID_TARGET_RANGE|INVALID_VALUE|REQUIRED|RANGE|VALUE|null|undefined|NaN)\b")


def no_leaks(page, what: str) -> None:
    text = page.locator("main").inner_text()
    found = LEAKS.search(text)
    assert not found, (what, found.group(0) if found else None)


def drafter_of(srv) -> tuple[str, str]:
    """A member of the demo head's staff whose SKP is still a draft, and their token."""
    head = srv.account("EMPLOYEE")
    head_token = srv.token("EMPLOYEE", nip=head.nip)
    for p in data(srv, PERSON, {"n": head.nip}, head_token)["person"]["subordinates"]:
        if data(srv, SKP, {"nip": p["nip"]}, head_token)["skp"]["status"] == "DRAFT":
            return p["nip"], srv.token("EMPLOYEE", nip=p["nip"])
    raise AssertionError("the demo's head has a member of staff with a draft SKP")


def test_a_band_target_and_a_capped_achievement(fresh_server, make_page, use_token, shot):
    srv = fresh_server
    nip, token = drafter_of(srv)
    page = make_page()
    use_token(page, token)

    # -- the catalogue: APK is a band, every indicator says how its achievement is scored ----------------------------
    page.goto(f"{srv.url}/#/catalogue")
    wait_rendered(page)
    apk = page.locator('article[data-indicator="DISDIK.APK"]')
    expect(apk.locator('[data-col="defaultTarget"]')).to_have_text("95–105 %")
    expect(apk.locator('[data-col="direction"]')).to_contain_text("Ideal di dalam rentang")
    expect(apk.locator('[data-col="scoring"]')).to_have_text("Capaian di atas 110 % dinilai 120 %.")
    expect(page.locator('article[data-indicator="DISDIK.KELULUSAN"] [data-col="scoring"]')).to_have_text(
        "Capaian di atas 110 % dinilai 120 %; target 100 (nilai terbaik yang mungkin) yang tercapai penuh juga "
        "dinilai 120 %.")
    no_leaks(page, "the catalogue")
    shot(page, "catalogue")

    # -- the SKP form: a band target, a reversed range refused first ----------------------------------------------
    before = data(srv, SKP, {"nip": nip}, token)["skp"]
    n = len(before["items"])
    page.goto(f"{srv.url}/#/skp/{nip}/2025")
    wait_rendered(page)
    expect(page.locator("#skp-status")).to_have_text("Draf")
    page.get_by_role("button", name="Tambah RHK utama").click()
    page.locator(f"#skp-item-{n}-workResult").fill(BAND_RHK)
    page.locator(f"#skp-item-{n}-parentKey").select_option("R1")
    page.locator(f"#skp-item-{n}-ind-0-indicator").select_option("DISDIK.APK")
    page.locator(f"#skp-item-{n}-ind-0-targetKind").select_option("RANGE")
    expect(page.locator(f"#skp-item-{n}-ind-0-target")).to_have_count(0)
    page.get_by_label("Batas bawah target").fill("105")
    page.get_by_label("Batas atas target").fill("95")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(f"#skp-item-{n}-ind-0-targetLower-error")).to_have_text(
        "Rentang target tidak valid: batas bawah tidak boleh melebihi batas atas (rentang 0 sampai 0 ditulis sebagai "
        "target 0).")
    assert data(srv, SKP, {"nip": nip}, token)["skp"] == before  # nothing written
    no_leaks(page, "the refused range")
    shot(page, "reversed-range")
    page.get_by_label("Batas bawah target").fill("95")
    page.get_by_label("Batas atas target").fill("105")
    # an additional RHK with a low target, to be exceeded far
    page.get_by_role("button", name="Tambah RHK tambahan").click()
    page.locator(f"#skp-item-{n + 1}-workResult").fill(CAP_RHK)
    page.locator(f"#skp-item-{n + 1}-ind-0-indicator").select_option("DISDIK.PARTISIPASI_MASYARAKAT")
    page.locator(f"#skp-item-{n + 1}-ind-0-target").fill("50")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("#skp-done")).to_have_text("SKP tersimpan.")
    saved = data(srv, SKP, {"nip": nip}, token)["skp"]["items"]
    band, low = saved[n]["indicators"][0], saved[n + 1]["indicators"][0]
    assert (band["indicator"]["code"], band["target"], band["targetLower"], band["targetUpper"]) == (
        "DISDIK.APK", 100.0, 95.0, 105.0)
    assert (low["target"], low["targetLower"], low["targetUpper"]) == (50.0, None, None)
    # the form shows the range it saved
    expect(page.locator(f"#skp-item-{n}-ind-0-targetKind")).to_have_value("RANGE")
    expect(page.locator(f"#skp-item-{n}-ind-0-targetLower")).to_have_value("95")
    page.get_by_role("button", name="Ajukan").click()
    expect(page.locator("#skp-status")).to_have_text("Diajukan")
    key = saved[n]["key"]
    expect(page.locator(f".skp-item[data-key='{key}'] [data-col='indicator']")).to_have_text(
        "Angka Partisipasi Kasar: target 95–105 %")
    no_leaks(page, "the submitted SKP")
    shot(page, "skp")

    # -- the measurements page: the band shown, and a capped achievement -------------------------------------------
    page.goto(f"{srv.url}/#/measurements?cycle=2025")
    band_section = page.locator(f'section[data-target="{band["targetId"]}"]')
    expect(band_section.locator('[data-col="target"]')).to_have_text("95–105 %")
    expect(band_section.locator('[data-col="scoring"]')).to_have_text("Capaian di atas 110 % dinilai 120 %.")
    band_section.get_by_label("Jumlah siswa pada jenjang (semua usia)").fill("1100")
    band_section.get_by_label("Jumlah penduduk usia jenjang").fill("1000")
    band_section.get_by_role("button", name="Simpan").click()
    # 110 against a band of 95-105: (2 - 110/105) x 100 = 95,24 %
    expect(page.locator(f'#m-{band["targetId"]}-result')).to_contain_text("Realisasi 110 %, capaian 95,24 %")
    low_section = page.locator(f'section[data-target="{low["targetId"]}"]')
    expect(low_section.locator('[data-col="target"]')).to_have_text("50 %")
    low_section.get_by_label("Jumlah peserta hadir").fill("80")
    low_section.get_by_label("Jumlah undangan").fill("80")
    low_section.get_by_role("button", name="Simpan").click()
    # 100 % against a target of 50 %: 200 % raw, above 110 %: the cap
    result = page.locator(f'#m-{low["targetId"]}-result')
    expect(result).to_contain_text("Realisasi 100 %, capaian 120 % (nilai maksimum)")
    period = result.get_attribute("data-period")
    expect(low_section.locator(f'tr[data-period="{period}"] [data-col="achievement"]')).to_have_text(
        "120 % (nilai maksimum)")
    no_leaks(page, "the measurements page")
    shot(page, "measurements")

    # -- the person page: the band among the SKP's targets ----------------------------------------------------------
    page.goto(f"{srv.url}/#/person/{nip}?cycle=2025")
    wait_rendered(page)
    expect(page.locator(f'[data-target="{band["targetId"]}"] dd[data-col="value"]')).to_have_text("95–105 %")
    no_leaks(page, "the person page")
