"""Monitoring pengisian (#/monitoring) and the dashboard's progress in Chromium, on the read-only demo (both
databases): the demo's closed year (2023 at KINERJA_TODAY=2025-11-20; read from the cycles) is evaluated for all
but one person of SETDA, and one DISDIK objection to it is still open. Each count links to the people behind it
(paged, switched to those lacking it, exported as CSV), and the dashboard shows how many of the headcount are
finalized and labels its percentages as of the whole headcount or of the people rated. Everything is compared with the API's own answers."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from browser.console_helpers import data, id_number, wait_rendered
from kinerja.graphql.enums import MonitoringFact, MonitoringGap

expect = pytest.importorskip("playwright.sync_api").expect

ROWS = """query($c: Int!, $a: String, $u: String, $p: String) { skpMonitoring(cycle: $c, agency: $a, unit: $u,
  period: $p) { agency unit people approvedSkp loggedLast7Days loggedLast30Days hadFeedback selfAssessed
  supervisorAssessed finalized objectionsOpen evaluationPeriod } }"""
PEOPLE = """query($c: Int!, $a: String, $m: MonitoringGap, $h: MonitoringFact, $after: String) {
  monitoringPeople(cycle: $c, agency: $a, missing: $m, has: $h, first: 100, after: $after) { nip name cursor } }"""
DISTRIBUTION = """query($p: String!) { predikatDistribution(period: $p) { group total sangatBaik baik butuhPerbaikan
  kurangMisconduct sangatKurang } }"""
COUNT_COLUMNS = ("people", "approvedSkp", "loggedLast7Days", "loggedLast30Days", "hadFeedback", "selfAssessed",
                 "supervisorAssessed", "finalized", "objectionsOpen")
PREDIKATS = ("sangatBaik", "baik", "butuhPerbaikan", "kurangMisconduct", "sangatKurang")
# what must never reach the screen: the lists' codes (from the schema's own enums), English words, empty values
RAW = {v.value for v in MonitoringGap} | {v.value for v in MonitoringFact}
LEAKS = re.compile(r"\b(" + "|".join(sorted(RAW)) + r"|must|NOT_FOUND|BAD_ARGUMENT|undefined|null|NaN)\b")


def no_leaks(page) -> None:
    text = page.locator("main").inner_text()
    found = LEAKS.search(text)
    assert not found, text[max(0, found.start() - 200):found.end() + 100]


def everyone(srv, token: str, **args) -> list[str]:
    """Every NIP of a monitoringPeople list, through its pages."""
    nips, after = [], None
    while True:
        page = data(srv, PEOPLE, {**args, "after": after}, token)["monitoringPeople"]
        nips += [p["nip"] for p in page]
        if len(page) < 100:
            return nips
        after = page[-1]["cursor"]


def fits(page, width: int) -> None:
    """Nothing wider than the viewport (a wide table scrolls inside its .table-wrap)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def shown_percent(text: str) -> float:
    """The number of a percentage as the console shows it ('98,9 %')."""
    return id_number(text.split("%")[0].strip())


def closed_year(server) -> int:
    """The demo's CLOSED cycle (evaluated in full)."""
    (year,) = [c["year"] for c in data(server, "{ cycles { year status } }", token=server.token("ADMIN"))["cycles"]
               if c["status"] == "CLOSED"]
    return year


@pytest.mark.pg_smoke
def test_a_count_opens_the_people_behind_it_paged_and_exported(server, page, use_token, shot, tmp_path):
    admin = server.token("ADMIN")
    y = closed_year(server)
    rows = data(server, ROWS, {"c": y}, admin)["skpMonitoring"]
    by_agency = {r["agency"]: r for r in rows}
    setda, disdik = by_agency["SETDA"], by_agency["DISDIK"]
    assert (disdik["objectionsOpen"], setda["people"] - setda["finalized"]) == (1, 1)  # the demo, as described
    assert setda["evaluationPeriod"] == str(y) and setda["finalized"] > 50  # more than one page of the list

    use_token(page, admin)
    page.goto(f"{server.url}/#/monitoring?cycle={y}")
    table = page.locator("#monitoring-table")
    expect(table.locator("tbody tr")).to_have_count(len(rows))
    expect(table.locator("caption")).to_contain_text(f"penilaian Triwulan IV / Akhir Tahun {y}")
    for r in rows:
        row = table.locator(f'tbody tr[data-agency="{r["agency"]}"]')
        for key in COUNT_COLUMNS:
            cell = row.locator(f'[data-col="{key}"]')
            expect(cell).to_have_attribute("data-value", str(r[key]))
    # each count with its percentage of the headcount
    finalized = table.locator('tr[data-agency="SETDA"] [data-col="finalized"]')
    assert id_number(finalized.get_by_role("link").inner_text()) == setda["finalized"]
    assert abs(shown_percent(finalized.locator("[data-pct]").inner_text().strip("() ")) -
               100 * setda["finalized"] / setda["people"]) < 0.051
    no_leaks(page)
    shot(page, "counts")

    # DISDIK's open objection: the count opens the one person
    objector = everyone(server, admin, c=y, a="DISDIK", h="OBJECTION_OPEN")
    assert len(objector) == 1
    table.locator('tr[data-agency="DISDIK"] [data-col="objectionsOpen"] a').click()
    page.wait_for_url(f"**/#/monitoring?cycle={y}&agency=DISDIK&list=OBJECTION_OPEN")
    expect(page.locator("main h1")).to_have_text("Keberatannya belum diputuskan")
    expect(page.locator("#list-scope")).to_contain_text("Dinas Pendidikan")
    expect(page.locator("#list-table tbody tr")).to_have_count(1)
    expect(page.locator(f'#list-table tbody tr[data-nip="{objector[0]}"]')).to_have_count(1)
    expect(page.locator("#list-count")).to_have_text("Menampilkan 1 dari 1 orang.")
    expect(page.locator("#list-other")).to_have_count(0)  # an open objection has no "not yet" side
    no_leaks(page)

    # its link back leads to DISDIK's counts; the browser's back to all agencies
    expect(page.locator("#list-back")).to_have_text("← Kembali ke rekap Dinas Pendidikan Kota Tanjungpinang")
    page.locator("#list-back").click()
    page.wait_for_url(f"**/#/monitoring?cycle={y}&agency=DISDIK")
    expect(page.locator('#monitoring-table tbody tr[data-unit=""] [data-col="objectionsOpen"]')).to_have_attribute(
        "data-value", "1")
    page.go_back()
    page.go_back()
    page.wait_for_url(f"**/#/monitoring?cycle={y}")
    # SETDA's finalized: a page of 50, then the rest
    page.locator('#monitoring-table tr[data-agency="SETDA"] [data-col="finalized"] a').click()
    page.wait_for_url(f"**/#/monitoring?cycle={y}&agency=SETDA&list=FINALIZED")
    wait_rendered(page)
    behind = everyone(server, admin, c=y, a="SETDA", h="FINALIZED")
    assert len(behind) == setda["finalized"]
    listed = page.locator("#list-table tbody tr")
    expect(listed).to_have_count(50)
    expect(page.locator("#list-count")).to_have_text(f"Menampilkan 50 dari {setda['finalized']} orang.")
    page.get_by_role("button", name="Muat lebih banyak").click()
    expect(listed).to_have_count(setda["finalized"])
    expect(listed.nth(50).get_by_role("link")).to_be_focused()  # the first of the new ones
    assert listed.evaluate_all("rows => rows.map(r => r.dataset.nip)") == behind
    expect(page.get_by_role("button", name="Muat lebih banyak")).to_be_hidden()
    shot(page, "finalized")

    # the other side: who is not finalized yet, and its CSV
    lacking = everyone(server, admin, c=y, a="SETDA", m="NOT_FINALIZED")
    assert len(lacking) == 1
    page.locator("#list-other").click()
    page.wait_for_url(f"**/#/monitoring?cycle={y}&agency=SETDA&gap=NOT_FINALIZED")
    expect(page.locator("main h1")).to_have_text("Penilaiannya belum difinalisasi")
    expect(page.locator("#list-table tbody tr")).to_have_count(1)
    expect(page.locator(f'#list-table tbody tr[data-nip="{lacking[0]}"]')).to_have_count(1)
    expect(page.locator("#list-other")).to_have_text(f"Tampilkan yang sudah ({setda['finalized']} orang)")
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh CSV").click()
    assert download.value.suggested_filename == f"pemantauan-{y}-SETDA-belum-difinalisasi.csv"
    saved = tmp_path / "list.csv"
    download.value.save_as(saved)
    exported = list(csv.reader(io.StringIO(Path(saved).read_text(encoding="utf-8"))))
    assert exported[0][:2] == ["NIP", "Nama"] and [r[0] for r in exported[1:]] == lacking
    expect(page.locator("#list-download-done")).to_contain_text("telah diunduh")
    no_leaks(page)

    # a person of the list opens their page
    name = page.locator("#list-table tbody tr a").first.inner_text()
    page.locator("#list-table tbody tr a").first.click()
    expect(page.locator("main h1")).to_have_text(name)


def test_a_supervisor_drills_into_their_direct_subordinates_on_a_phone(server, narrow_page, use_token):
    page = narrow_page
    head = server.account("EMPLOYEE")  # the head of DISDIK
    token = server.token("EMPLOYEE", nip=head.nip)
    y = closed_year(server)
    rows = data(server, ROWS, {"c": y}, token)["skpMonitoring"]
    assert len(rows) == 1 and rows[0]["finalized"] > 0
    behind = everyone(server, token, c=y, h="FINALIZED")
    assert len(behind) == rows[0]["finalized"]

    use_token(page, token)
    page.goto(f"{server.url}/#/monitoring?cycle={y}")
    expect(page.locator("main")).to_contain_text("Anda melihat bawahan langsung Anda.")
    cell = page.locator('#monitoring-table tbody [data-col="finalized"]')
    expect(cell).to_have_attribute("data-value", str(rows[0]["finalized"]))
    cell.get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text("Penilaiannya sudah difinalisasi")
    listed = page.locator("#list-table tbody tr")
    expect(listed).to_have_count(min(50, len(behind)))
    assert listed.evaluate_all("rows => rows.map(r => r.dataset.nip)") == behind[:50]
    fits(page, 360)
    # the evaluation's gaps of a closed year are listed below the counts
    page.locator("#list-back").click()
    expect(page.locator("#gap-NOT_FINALIZED")).to_contain_text("Tidak ada pegawai.")
    expect(page.locator("#gap-NOT_FINALIZED-more")).to_be_hidden()
    fits(page, 360)
    no_leaks(page)


def test_the_dashboard_shows_progress_and_labels_its_percentages(server, page, make_page, use_token, shot):
    admin = server.token("ADMIN")
    y = closed_year(server)
    distribution = {r["group"]: r for r in data(server, DISTRIBUTION, {"p": str(y)}, admin)["predikatDistribution"]}
    headcount = {r["agency"]: r for r in data(server, ROWS, {"c": y, "p": str(y)}, admin)["skpMonitoring"]}
    # an agency whose headcount is not its people rated: the two percentages differ
    odd = next(code for code, r in distribution.items() if headcount[code]["people"] != r["total"])

    use_token(page, admin)
    page.goto(f"{server.url}/#/dashboard?period={y}")
    wait_rendered(page)
    table = page.locator("#distribution-table")
    table.wait_for()
    progress = table.locator(f'tr[data-agency="{odd}"] [data-col="progress"]')
    h = headcount[odd]
    expect(progress).to_have_attribute("data-value", str(h["finalized"]))
    expect(progress).to_have_attribute("data-people", str(h["people"]))
    expect(progress).to_contain_text(f"{h['finalized']} dari {h['people']} pegawai difinalisasi")
    assert progress.locator("progress").get_attribute("value") == str(h["finalized"])
    everyone_ = sum(r["people"] for r in headcount.values())
    done = sum(r["finalized"] for r in headcount.values())
    expect(page.locator("#distribution-progress")).to_contain_text(
        f"{done:,} dari {everyone_:,} pegawai difinalisasi".replace(",", "."))

    def check(basis: str, words: str, whole: int) -> None:
        expect(table.locator("caption")).to_contain_text(f"persen {words}")
        expect(page.locator("#distribution-chart")).to_have_attribute("data-basis", basis)
        for col in PREDIKATS:
            cell = table.locator(f'tr[data-agency="{odd}"] [data-pct="{col}"]')
            expect(cell).to_have_attribute("data-basis", basis)
            text = cell.text_content()
            assert text.endswith(words), text
            count = distribution[odd][col]
            assert abs(shown_percent(text) - 100 * count / whole) < 0.051, (col, text)

    # by default of the whole headcount, then of the people rated
    expect(page.get_by_role("radio", name="dari seluruh pegawai")).to_be_checked()
    expect(page.locator("#distribution-basis")).to_contain_text("termasuk yang penilaiannya belum difinalisasi")
    check("headcount", "dari seluruh pegawai", h["people"])
    shot(page, "headcount")
    page.get_by_role("radio", name="dari pegawai dinilai").check()
    expect(page.locator("#distribution-basis")).to_contain_text("dari pegawai dinilai saja")
    check("rated", "dari pegawai dinilai", distribution[odd]["total"])
    page.get_by_role("radio", name="dari seluruh pegawai").check()
    check("headcount", "dari seluruh pegawai", h["people"])
    no_leaks(page)

    # an agency admin: its own agency's progress, the same numbers
    own = make_page()
    use_token(own, server.token("AGENCY_ADMIN", agency="DISDIK"))
    own.goto(f"{server.url}/#/dashboard?period={y}")
    wait_rendered(own)
    disdik = headcount["DISDIK"]
    expect(own.locator("#distribution-table tbody tr")).to_have_count(1)
    expect(own.locator('#distribution-table tr[data-agency="DISDIK"] [data-col="progress"]')).to_contain_text(
        f"{disdik['finalized']:,} dari {disdik['people']:,} pegawai difinalisasi".replace(",", "."))
    expect(own.locator("#distribution-progress")).to_contain_text(
        f"{disdik['finalized']:,} dari {disdik['people']:,} pegawai".replace(",", "."))

    # the active year: nothing finalized yet, and the dashboard says how far it is
    page.goto(f"{server.url}/#/dashboard?period=2025")
    wait_rendered(page)
    expect(page.locator("#distribution-empty")).to_be_visible()
    expect(page.locator("#distribution-progress")).to_contain_text(
        f"0 dari {everyone_:,} pegawai difinalisasi".replace(",", "."))
