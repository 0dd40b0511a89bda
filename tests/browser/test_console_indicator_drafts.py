"""Issue 18 in Chromium, on both databases: the DINKES agency admin builds two indicators in the console's editor from
nothing (a formula one, with a problem shown in Indonesian at its field while typing, then fixed and previewed; and
one on a test plugin's calculator, chosen from the installed ones, its contract filling the inputs), submits them;
the ADMIN approves both on #/indikator/draf; the supervisor of a DINKES employee (whose 2025 SKP the demo approved)
sets a target with one through the SKP, on the console's SKP page: opens a revision, adds an RHK under the
supervisor's R1 with the new quantitative indicator and target 95, submits it and approves it (the supervisor is the
assessing official), and the approval gives the indicator its Target; the employee sees it on #/measurements,
records a measurement and sees the achievement and the version. Then the agency edits the thresholds from the
catalogue, previews the change on history (the row that changes), submits; the ADMIN approves; the old measurement
still shows its old version and a new one the new version; the history page compares the two versions. No spec file
is written and the server is never restarted.

The test plugin (tests/plugins_dinkes) is loaded through KINERJA_PLUGINS_DIR (server_factory's env)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from browser.console_helpers import data, wait_rendered

REPO = Path(__file__).resolve().parents[2]
PLUGINS = REPO / "tests" / "plugins_dinkes"
SPEC_FOLDERS = [REPO / "indicator_specs", REPO / "plugins"]

PEOPLE = """{ people(filter: {agency: "DINKES"}, first: 50) { edges { node { nip supervisor { nip } } } } }"""
SKP = """query($nip: String!) { skp(nip: $nip, cycle: 2025) { status revision approvedRevision
  items { key workResult indicators { target indicator { code } } } } }"""
TARGETS = """query($nip: String!) { person(nip: $nip) { targets(cycle: 2025) { id workResult value
  indicator { code } } } }"""
WORK = "Imunisasi dasar lengkap di wilayah kerja"
HISTORY = """query($c: String!) { indicatorHistory(code: $c) { origin version versions { version current approvedBy } } }"""
CALCULATORS = "{ calculators { name hasContract inputs { name } } }"
# what must never reach the screen: the API's English messages, codes and enum values
LEAKS = re.compile(r"\b(unknown|input|names|must|UNKNOWN_\w+|REQUIRED|STALE_\w+|SUBMITTED|APPROVED|DRAFT|CONSOLE|FILE|"
                   r"SESUAI_EKSPEKTASI|DI_BAWAH_EKSPEKTASI|DI_ATAS_EKSPEKTASI|higher_is_better|undefined|null)\b")


def spec_files() -> dict[str, tuple[int, int]]:
    """Every file under the spec and plugin folders with its size and modification time."""
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for folder in SPEC_FOLDERS for p in folder.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def no_leaks(page) -> None:
    text = page.locator("main").inner_text()
    found = LEAKS.search(text)
    assert not found, f"{found.group(0)!r} on screen"


def as_role(make_page, use_token, srv, token: str, route: str):
    page = make_page(1280, 900)
    use_token(page, token)
    page.goto(srv.url + "/#" + route)
    wait_rendered(page)
    return page


def wait_checked(page, ok: bool) -> None:
    expect(page.locator("#d-check-state")).to_have_attribute("data-ok", "yes" if ok else "no")


def add_input(page, name: str, minimum: str, label: str) -> None:
    page.locator("#f-input-add").click()
    row = page.locator("#f-inputs tbody tr").last
    row.locator('[data-part="name"]').fill(name)
    row.locator('[data-part="min"]').fill(minimum)
    row.locator('[data-part="label"]').fill(label)


def fill_basics(page, name: str, code: str, periods: list[str]) -> None:
    page.locator("#f-name").fill(name)
    page.locator("#f-code").fill(code)
    page.locator("#f-unit").fill("persen")
    page.locator("#f-direction").select_option("higher_is_better")
    page.locator("#f-level").select_option("person")
    for p in periods:
        page.locator(f"#f-period-{p}").check()


def approve(page, codes: list[str]) -> None:
    """On #/indikator/draf as ADMIN: approve the submitted drafts of these indicators, confirming each (the demo
    has submitted drafts of its own, left alone)."""
    for code in codes:
        card = page.locator(f'#to-decide article[data-code="{code}"]')
        card.get_by_role("button", name="Setujui", exact=True).click()
        card.get_by_role("button", name="Ya, setujui").click()
        expect(page.locator(f'#to-decide article[data-code="{code}"]')).to_have_count(0)
        expect(page.locator(f'#drafts-table tr[data-code="{code}"][data-status="APPROVED"]')).not_to_have_count(0)


def record(page, target_id: str, period: str, values: dict[str, str]):
    section = page.locator(f"#target-{target_id}")
    section.locator(f"#m-{target_id}-period").select_option(period)
    for name, value in values.items():
        section.locator(f'input[data-input="{name}"]').fill(value)
    section.get_by_role("button", name="Simpan").click()
    result = section.locator(f"#m-{target_id}-result")
    expect(result).to_have_attribute("data-period", period)
    return section, result


def test_an_agency_builds_two_indicators_bkpsdm_approves_and_an_edit_keeps_the_old_version(
        server_factory, make_page, use_token, shot):
    before = spec_files()
    srv = server_factory(env={"KINERJA_PLUGINS_DIR": str(PLUGINS)})
    pid = srv.process.pid
    assert "dinkes.hb0" in {c["name"] for c in data(srv, CALCULATORS, token=srv.token("ADMIN"))["calculators"]}
    agency = srv.token("AGENCY_ADMIN", agency="DINKES")
    admin = srv.token("ADMIN")
    # a DINKES employee with an approved 2025 SKP whose supervisor has one too (its RHK are the parents offered)
    people = [e["node"] for e in data(srv, PEOPLE, token=admin)["people"]["edges"]]
    skps = {}

    def skp_of(nip: str) -> dict | None:
        if nip not in skps:
            skps[nip] = data(srv, SKP, {"nip": nip}, admin)["skp"]
        return skps[nip]

    employee = next((p for p in people if p["supervisor"] and (skp_of(p["nip"]) or {}).get("status") == "APPROVED"
                     and (skp_of(p["supervisor"]["nip"]) or {}).get("status") == "APPROVED"), None)
    assert employee, "the demo has a DINKES employee and supervisor with approved 2025 SKPs"
    nip, boss_nip = employee["nip"], employee["supervisor"]["nip"]
    before_skp = skp_of(nip)
    parent = next(i for i in skp_of(boss_nip)["items"] if i["key"] == "R1")
    assert not any(d["indicator"] and d["indicator"]["code"].startswith("DINKES.")
                   for i in before_skp["items"] for d in i["indicators"]), before_skp
    supervisor = srv.token("EMPLOYEE", nip=boss_nip)
    worker = srv.token("EMPLOYEE", nip=nip)

    def imunisasi_targets() -> list[dict]:
        found = data(srv, TARGETS, {"nip": nip}, admin)["person"]["targets"]
        return [t for t in found if t["indicator"]["code"] == "DINKES.IMUNISASI"]

    # -- the agency admin: a formula indicator from nothing, from the catalogue's "Indikator baru" -----------------
    page = as_role(make_page, use_token, srv, agency, "/catalogue")
    expect(page.locator("#catalogue-summary")).to_have_attribute("data-total", "0")  # DINKES has no indicator yet
    page.locator("#catalogue-new").click()
    expect(page.locator("main h1")).to_have_text("Indikator baru")
    fill_basics(page, "Cakupan imunisasi dasar lengkap", "IMUNISASI", ["quarter", "year"])
    add_input(page, "diimunisasi", "0", "Bayi diimunisasi lengkap")
    add_input(page, "sasaran", "1", "Bayi sasaran")
    page.locator("#f-formula").fill("diimunisasi / bayi * 100")  # no input "bayi"
    page.locator("#f-target").fill("95")
    page.locator("#f-rating-above").fill("105")
    page.locator("#f-rating-meets").fill("95")
    wait_checked(page, ok=False)
    formula = page.locator("#f-formula")
    expect(formula).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#f-formula-error")).to_have_text("Menyebut isian yang tidak dinyatakan.")
    assert "f-formula-error" in formula.get_attribute("aria-describedby")
    expect(page.locator("#spec-problem-list li")).to_have_text(["Rumus: Menyebut isian yang tidak dinyatakan."])
    assert "bayi" in page.locator("#d-yaml").input_value()  # the form wrote the YAML
    no_leaks(page)
    shot(page, "problem-at-its-field")
    formula.fill("diimunisasi / sasaran * 100")
    wait_checked(page, ok=True)
    expect(formula).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#spec-problems")).to_be_hidden()
    page.locator("#d-check-state").wait_for()

    # the preview on sample inputs saves the draft first
    page.locator("#d-preview").click()
    page.locator("#p-in-diimunisasi").fill("190")
    page.locator("#p-in-sasaran").fill("200")
    page.locator("#p-run").click()
    outcome = page.locator("#p-outcome")
    expect(outcome.locator('[data-col="value"]')).to_have_text("95 persen")
    expect(outcome.locator('[data-col="achievement"]')).to_have_text("100 %")
    expect(outcome.locator('[data-col="rating"]')).to_have_text("Sesuai Ekspektasi")
    expect(page.locator("#p-steps tbody tr").first).to_be_visible()
    assert page.locator("#p-steps tbody tr").count() >= 2
    expect(page.locator("#d-draft-status .badge")).to_have_text("Draf")
    shot(page, "formula-preview")
    page.locator("#d-submit").click()
    expect(page.locator("#d-submitted")).to_be_visible()
    expect(page.locator("#d-draft-status .badge")).to_have_text("Diajukan")
    expect(page.locator("#d-save")).to_be_disabled()
    no_leaks(page)

    # -- a calculator indicator: the contract fills the inputs; a YAML edit fills the form ---------------------------
    page.goto(srv.url + "/#/indikator/draf/baru")
    expect(page.locator("main h1")).to_have_text("Indikator baru")
    fill_basics(page, "Cakupan imunisasi HB-0", "HB0", ["year"])
    page.locator("#f-compute-calculator").check()
    page.locator("#f-calculator").select_option("dinkes.hb0")
    expect(page.locator("#f-calculator-info")).to_contain_text("Cakupan imunisasi HB-0: bayi yang mendapat HB-0")
    expect(page.locator('#f-inputs tbody [data-part="name"]')).to_have_count(2)
    assert [page.locator('#f-inputs tbody [data-part="name"]').nth(i).input_value() for i in range(2)] == [
        "bayi_hb0", "lahir_hidup"]
    page.locator("#f-target").fill("90")
    page.locator("#f-rating-above").fill("105")
    page.locator("#f-rating-meets").fill("95")
    wait_checked(page, ok=True)
    text = page.locator("#d-yaml").input_value()
    assert "calculator: dinkes.hb0" in text and "formula" not in text, text
    page.locator("#d-yaml").fill(text.replace("target: 90", "target: 92"))
    expect(page.locator("#f-target")).to_have_value("92")
    wait_checked(page, ok=True)
    shot(page, "calculator-form")
    page.locator("#d-save").click()
    expect(page.locator("#d-saved")).to_have_text("Draf tersimpan.")
    page.locator("#d-submit").click()
    expect(page.locator("#d-submitted")).to_be_visible()

    page.goto(srv.url + "/#/indikator/draf")
    wait_rendered(page)
    for code in ("DINKES.IMUNISASI", "DINKES.HB0"):
        expect(page.locator(f'#drafts-table tr[data-code="{code}"] [data-col="status"] .badge')).to_have_text("Diajukan")
    no_leaks(page)

    # -- the ADMIN approves both ---------------------------------------------------------------------------------
    boss = as_role(make_page, use_token, srv, admin, "/catalogue")
    expect(boss.locator('article[data-origin="FILE"] [data-col="origin"]').first).to_have_text("(dari berkas)")
    expect(boss.locator('article[data-origin="FILE"] [data-action="edit"]')).to_have_count(0)
    expect(boss.locator('article[data-origin="FILE"] [data-action="history"]').first).to_be_visible()
    boss.goto(srv.url + "/#/indikator/draf")
    wait_rendered(boss)
    expect(boss.locator('#to-decide article[data-code="DINKES.HB0"] [data-col="yaml"]')).to_contain_text(
        "calculator: dinkes.hb0")
    shot(boss, "to-decide")
    approve(boss, ["DINKES.IMUNISASI", "DINKES.HB0"])
    first = data(srv, HISTORY, {"c": "DINKES.IMUNISASI"}, admin)["indicatorHistory"]
    assert first["origin"] == "CONSOLE" and len(first["versions"]) == 1
    assert data(srv, HISTORY, {"c": "DINKES.HB0"}, admin)["indicatorHistory"]["origin"] == "CONSOLE"
    v1 = first["version"]

    # -- the supervisor sets the target through the SKP: a revision with an RHK on the new indicator, approved -
    lead = as_role(make_page, use_token, srv, supervisor, f"/skp/{nip}/2025")
    expect(lead.locator("#skp-status")).to_have_text("Disetujui")
    lead.get_by_role("button", name="Buat revisi").click()
    expect(lead.locator("#skp-status")).to_have_text("Draf")
    revision = before_skp["revision"] + 1
    expect(lead.locator("#skp-revision")).to_have_text(str(revision))
    n = len(before_skp["items"])  # the new RHK's place in the form
    lead.get_by_role("button", name="Tambah RHK utama").click()
    lead.locator(f"#skp-item-{n}-workResult").fill(WORK)
    lead.locator(f"#skp-item-{n}-parentKey").select_option("R1")
    choice = lead.locator(f"#skp-item-{n}-ind-0-indicator")
    expect(choice.locator('option[value="DINKES.IMUNISASI"]')).to_contain_text("Cakupan imunisasi dasar lengkap")
    expect(choice.locator('option[value="DINKES.HB0"]')).to_contain_text("Cakupan imunisasi HB-0")
    choice.select_option("DINKES.IMUNISASI")
    lead.locator(f"#skp-item-{n}-ind-0-target").fill("95")
    lead.get_by_role("button", name="Ajukan").click()  # saves, then submits
    expect(lead.locator("#skp-status")).to_have_text("Diajukan")
    assert imunisasi_targets() == []  # targets in force change only on approval
    lead.get_by_role("button", name="Setujui").click()
    expect(lead.locator("#skp-status")).to_have_text("Disetujui")
    expect(lead.locator("#skp-revision")).to_have_text(str(revision))
    added = data(srv, SKP, {"nip": nip}, admin)["skp"]
    assert (added["status"], added["approvedRevision"]) == ("APPROVED", revision), added
    new_item = added["items"][n]
    key = new_item["key"]
    assert [i["key"] for i in added["items"][:n]] == [i["key"] for i in before_skp["items"]] and key not in {
        i["key"] for i in before_skp["items"]}
    assert new_item["indicators"] == [{"target": 95.0, "indicator": {"code": "DINKES.IMUNISASI"}}], new_item
    item = lead.locator(f".skp-item[data-key='{key}']")
    expect(item.locator("h3")).to_have_text(f"{key} · {WORK}")
    expect(item.locator("[data-col='parent']")).to_have_text(f"R1 · {parent['workResult']}")
    expect(item.locator("td[data-col='indicator']")).to_have_text("Cakupan imunisasi dasar lengkap: target 95 persen")
    no_leaks(lead)
    shot(lead, "skp-target")
    made = imunisasi_targets()  # the approval gave the new indicator its Target
    assert [(t["workResult"], t["value"]) for t in made] == [(WORK, 95.0)], made
    target_id = made[0]["id"]

    # -- the employee sees the target and records a measurement in the console ----------------------------------
    staff = as_role(make_page, use_token, srv, worker, "/measurements?cycle=2025")
    shown = staff.locator(f"#target-{target_id}")
    expect(shown.locator("h2")).to_have_text(WORK)
    expect(shown.locator(".code")).to_have_text("DINKES.IMUNISASI")
    expect(shown.locator('[data-col="target"]')).to_have_text("95 persen")
    section, result = record(staff, target_id, "2025-Q1", {"diimunisasi": "190", "sasaran": "200"})
    expect(result).to_contain_text("capaian 100 %")
    expect(result).to_contain_text("Versi indikator 1 (")
    expect(section.locator('tr[data-period="2025-Q1"] [data-col="specVersion"]')).to_have_attribute("title", v1)

    # -- the agency edits the thresholds from the catalogue, previews on history, submits --------------------------
    page.goto(srv.url + "/#/catalogue")
    wait_rendered(page)
    card = page.locator('article[data-indicator="DINKES.IMUNISASI"]')
    expect(card.locator('[data-col="origin"]')).to_have_text("(dari konsol)")
    card.locator('[data-action="edit"]').click()
    expect(page.locator("main h1")).to_have_text("Ubah indikator Cakupan imunisasi dasar lengkap")
    expect(page.locator("#f-name")).to_have_value("Cakupan imunisasi dasar lengkap")
    expect(page.locator("#f-rating-meets")).to_have_value("95")
    page.locator("#f-rating-above").fill("110")
    page.locator("#f-rating-meets").fill("101")
    wait_checked(page, ok=True)
    page.locator("#d-history").click()
    row = page.locator(f'.history-rows tr[data-target="{target_id}"]')
    expect(row).to_have_attribute("data-changed", "yes")
    expect(row.locator('[data-col="current-rating"]')).to_have_text("Sesuai Ekspektasi")
    expect(row.locator('[data-col="draft-rating"]')).to_have_text("Di Bawah Ekspektasi")
    expect(page.locator(".history-preview .lead")).to_have_attribute("data-changed", "1")
    no_leaks(page)
    shot(page, "history-preview")
    page.locator("#d-submit").click()
    expect(page.locator("#d-submitted")).to_be_visible()

    boss.reload()  # still on #/indikator/draf
    wait_rendered(boss)
    expect(boss.locator(f'#to-decide .history-rows tr[data-target="{target_id}"]')).to_have_attribute(
        "data-changed", "yes")
    approve(boss, ["DINKES.IMUNISASI"])
    second = data(srv, HISTORY, {"c": "DINKES.IMUNISASI"}, admin)["indicatorHistory"]
    v2 = second["version"]
    assert v2 != v1 and [v["current"] for v in second["versions"]] == [False, True]

    # -- the old measurement keeps its version; a new one gets the new version ---------------------------------------
    staff.reload()  # still on #/measurements?cycle=2025
    wait_rendered(staff)
    section, result = record(staff, target_id, "2025-Q2", {"diimunisasi": "190", "sasaran": "200"})
    # versions by number and date, the hash only in the cell's title (issue 19 §4)
    expect(result).to_contain_text("Versi indikator 2 (")
    expect(result.locator(".badge")).to_have_text("Di Bawah Ekspektasi")
    for period, number, version in (("2025-Q1", 1, v1), ("2025-Q2", 2, v2)):
        cell = section.locator(f'tr[data-period="{period}"] [data-col="specVersion"]')
        expect(cell).to_have_text(re.compile(rf"^Versi {number} \(\d+ \w+ \d{{4}}\)$"))
        expect(cell).to_have_attribute("title", version)
    shot(staff, "versions-kept")

    # -- the history page: who and when, the current version marked, the two compared ---------------------------------
    page.goto(srv.url + "/#/indikator/DINKES.IMUNISASI/riwayat")
    wait_rendered(page)
    expect(page.locator("#versions tbody tr")).to_have_count(2)
    expect(page.locator('#versions tr[data-current="yes"]')).to_have_attribute("data-version", v2)
    page.locator("#diff-go").click()
    paths = page.locator('#diff-changes [data-col="path"]')
    expect(paths).to_have_text(["Ambang penilaian, di atas ekspektasi", "Ambang penilaian, sesuai ekspektasi"])
    expect(page.locator("#diff-text")).to_contain_text("rating")
    no_leaks(page)
    shot(page, "history")

    # no spec file written, the same server process all along
    assert srv.process.poll() is None and srv.process.pid == pid
    assert spec_files() == before
