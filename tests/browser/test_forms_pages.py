"""The console's forms in Chromium against the API's own answers: a supervisor assessing and finalizing (override
reason and curve justification), a version conflict, measurement entry with server errors, a self-assessment."""

from __future__ import annotations

import pytest
import os
import subprocess
import sys

from playwright.sync_api import expect

from kinerja.services.core import messages

from browser.console_helpers import data

PREDIKAT = {"SANGAT_BAIK": "Sangat Baik", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan",
            "KURANG_MISCONDUCT": "Kurang/Misconduct", "SANGAT_KURANG": "Sangat Kurang"}
ASSESSMENTS = """query($p: String!, $nip: String!) {
  assessments(period: $p, nip: $nip) { kind resultRating behaviorRating behaviorNotes { value note } comment version }
}"""
SUBMIT_SUPERVISOR = """mutation($i: AssessmentInput!) {
  submitSupervisorAssessment(input: $i) { assessment { version } errors { code message } }
}"""
TARGETS = """query($nip: String!) { person(nip: $nip) { targets(cycle: 2025) {
  id value indicator { code inputs { name min max } } measurements { period inputs value achievement } } } }"""


# -- API helpers -----------------------------------------------------------------------------------------------------

def mutate(srv, token: str, query: str, variables: dict | None = None) -> dict:
    """One mutation whose payload must have no user errors; its payload."""
    (payload,) = data(srv, query, variables, token).values()
    assert not payload.get("errors"), payload
    return payload


def to_evaluation(srv, admin: str) -> None:
    mutate(srv, admin, "mutation { setCycleStatus(year: 2025, status: EVALUATION) { errors { code message } } }")


def subordinate_of(srv, nip: str, admin: str) -> dict:
    people = data(srv, "query($n: String!) { person(nip: $n) { subordinates { nip name } } }", {"n": nip},
                  admin)["person"]["subordinates"]
    assert people, f"{nip} supervises nobody"
    return people[0]


def editable_subordinate(srv, nip: str, admin: str) -> dict:
    """A direct subordinate whose demo SKP of 2025 is still DRAFT or RETURNED (README, "Demo"): their targets may
    still be set directly, and their SKP saved with its version."""
    people = data(srv, "query($n: String!) { person(nip: $n) { subordinates { nip name } } }", {"n": nip},
                  admin)["person"]["subordinates"]
    for person in people:
        skp = data(srv, "query($n: String!) { skp(nip: $n, cycle: 2025) { status version } }", {"n": person["nip"]},
                   admin)["skp"]
        if skp is not None and skp["status"] in ("DRAFT", "RETURNED"):
            return {**person, "skp": skp}
    raise AssertionError(f"no subordinate of {nip} has a DRAFT or RETURNED SKP")


def own_assessment(srv, token: str, period: str, nip: str, kind: str) -> dict | None:
    found = [a for a in data(srv, ASSESSMENTS, {"p": period, "nip": nip}, token)["assessments"] if a["kind"] == kind]
    return found[0] if found else None


def set_password(srv, nip: str, password: str, role: str) -> None:
    """The account's password on this server's own database: the harness reads demo_accounts() once per demo
    template, which sets the passwords only in the database of the first server that asked."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    done = subprocess.run([sys.executable, "-m", "kinerja.cli", "user", "set-password", "--db", srv.db_url,
                           "--nip", nip, "--role", role, "--password-stdin"], input=password + "\n",
                          capture_output=True, text=True, timeout=60, env=env, cwd=srv.workdir)
    assert done.returncode == 0, done.stderr


def id_num(x: float) -> str:
    """A number as the console's num() shows it (id-ID, at most 2 decimals): 1234.5 -> '1.234,5'."""
    text = f"{round(x, 2):,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def page_requests(recorded) -> list[dict]:
    """The page's own requests: not the viewer's, which the console reads once per sign-in."""
    return [r for r in recorded.requests if "me {" not in (r["query"] or "")]


# -- tests -----------------------------------------------------------------------------------------------------------

@pytest.mark.pg_smoke
def test_supervisor_assesses_and_finalizes(fresh_server, page, sign_in, graphql_requests, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    head = srv.account("EMPLOYEE")  # the demo's head of DISDIK, who supervises others
    sub = editable_subordinate(srv, head.nip, admin)  # an approved SKP would hold the targets (SKP_LOCKED)
    period = "2025-Q2"
    # a person-level target of the subordinate measured at exactly its target (achievement 100 %), then the cycle
    # to EVALUATION and an organisation predikat whose curve allows no SANGAT_BAIK: the page must ask for both
    # the override reason (if the suggestion differs from the rating given) and a curve justification
    indicator = next(i for i in data(srv, '{ indicators(agency: "DISDIK") { code level periods inputs { name } } }',
                                     token=admin)["indicators"]
                     if i["level"] == "PERSON" and "quarter" in i["periods"] and len(i["inputs"]) == 2)
    assert indicator["code"] == "DISDIK.PARTISIPASI_MASYARAKAT"  # its formula is inputs[0] / inputs[1] * 100
    target = mutate(srv, admin, """mutation($i: [TargetInput!]!) { setTargets(input: $i) { targets { id }
        errors { code message } } }""", {"i": [{"cycle": 2025, "indicator": indicator["code"], "value": 75,
                                                "workResult": "Sosialisasi program", "nip": sub["nip"]}]})
    target_id = target["targets"][0]["id"]
    first, second = (i["name"] for i in indicator["inputs"])
    mutate(srv, admin, """mutation($i: [MeasurementInput!]!) { recordMeasurements(input: $i) {
        errors { code message } } }""", {"i": [{"target": target_id, "period": period,
                                                "inputs": {first: 30, second: 40}}]})
    to_evaluation(srv, admin)
    mutate(srv, admin, """mutation($p: String!) { setOrgPredikat(agency: "DISDIK", period: $p,
        predikat: SANGAT_KURANG) { errors { code message } } }""", {"p": period})
    suggested = data(srv, "query($n: String!, $p: String!) { suggestedResultRating(nip: $n, period: $p) { rating } }",
                     {"n": sub["nip"], "p": period}, admin)["suggestedResultRating"]["rating"]
    assert suggested == "SESUAI_EKSPEKTASI"

    set_password(srv, head.nip, head.password, "EMPLOYEE")
    sign_in(page, srv, head.nip, head.password)
    page.goto(f"{srv.url}/#/assess/{sub['nip']}/{period}")
    expect(page.locator("main h1")).to_contain_text(sub["name"])
    recorded = graphql_requests(page)
    page.reload()  # a fresh load of the page alone: what it needs to show itself
    expect(page.locator("#assess-save")).to_be_visible()
    assert 1 <= len(page_requests(recorded)) <= 3
    expect(page.locator("#assess-person")).to_contain_text(sub["nip"])
    expect(page.locator("#assess-self")).to_contain_text("Belum ada penilaian diri")
    assert page.locator("#assess-suggestion").get_attribute("data-rating") == suggested
    expect(page.locator("#assess-suggestion")).to_contain_text("100 %")  # the measurement's achievement
    # the suggestion is preselected when creating
    expect(page.locator(f"#assess-result-{suggested}")).to_be_checked()
    shot(page, "loaded")

    page.locator("#assess-result-DI_ATAS_EKSPEKTASI").check()  # results rating: above the suggestion
    page.locator("#assess-behavior-DI_ATAS_EKSPEKTASI").check()
    page.get_by_label("Akuntabel").fill("Laporan selalu tepat waktu.")
    page.get_by_label("Kolaboratif").fill("Aktif membantu tim lain.")
    page.get_by_label("Komentar").fill("Pertahankan.")
    expect(page.locator("#final-override-field")).to_be_visible()  # differs from the suggestion
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.locator("#assess-saved")).to_contain_text("versi 1")
    shot(page, "saved")

    page.get_by_role("button", name="Finalisasi").click()
    expect(page.locator("#final-override-error")).to_be_visible()  # required before anything is sent
    page.get_by_label("Alasan berbeda dari saran").fill("Kegiatan tambahan di luar target.")
    page.get_by_role("button", name="Finalisasi").click()
    page.get_by_role("button", name="Ya, tetapkan").click()  # the confirmation (test_console_page_fixes.py)
    warning = page.locator("#final-curve-warning")
    expect(warning).to_contain_text("Sangat Baik 1 dari 1205")  # the server's breach, in Indonesian
    assert warning.get_attribute("data-code") == "CURVE_JUSTIFICATION_REQUIRED"
    assert data(srv, "query($n: String!, $p: String!) { person(nip: $n) { rating(period: $p) { predikat } } }",
                {"n": sub["nip"], "p": period}, admin)["person"]["rating"] is None
    shot(page, "curve-justification")
    page.get_by_label("Justifikasi kurva").fill("Capaian program prioritas jauh di atas rencana.")
    page.get_by_role("button", name="Finalisasi").click()
    page.get_by_role("button", name="Ya, tetapkan").click()
    result = page.locator("#final-result")
    expect(result).to_be_visible()
    shot(page, "finalized")

    stored = data(srv, """query($n: String!, $p: String!) { person(nip: $n) { rating(period: $p) {
        predikat resultRating behaviorRating overrideReason curveJustification curveWarnings recommendations } } }""",
                  {"n": sub["nip"], "p": period}, admin)["person"]["rating"]
    assert stored["predikat"] == "SANGAT_BAIK"
    assert (stored["resultRating"], stored["behaviorRating"]) == ("DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI")
    assert stored["overrideReason"] == "Kegiatan tambahan di luar target."
    assert stored["curveJustification"] == "Capaian program prioritas jauh di atas rencana."
    assert result.get_attribute("data-predikat") == stored["predikat"]
    expect(page.locator("#final-predikat")).to_have_text(PREDIKAT[stored["predikat"]])
    for warning_text in stored["curveWarnings"]:  # the API's English, as the console reads it (Indonesian)
        expect(page.locator("#final-warnings")).to_contain_text(messages.translate(warning_text, messages.ID))
    for item in stored["recommendations"]:
        expect(page.locator("#final-recommendations")).to_contain_text(item)
    assessment = own_assessment(srv, admin, period, sub["nip"], "SUPERVISOR")
    assert {n["value"]: n["note"] for n in assessment["behaviorNotes"]} == {
        "AKUNTABEL": "Laporan selalu tepat waktu.", "KOLABORATIF": "Aktif membantu tim lain."}
    assert assessment["comment"] == "Pertahankan."
    # finalized: the form is closed, the way back is offered
    expect(page.locator("#assess-save")).to_be_disabled()
    page.locator("#final-back").click()
    page.wait_for_url(f"**/#/person/{sub['nip']}")


def test_version_conflict_shows_the_newer_assessment(fresh_server, page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    head = srv.account("EMPLOYEE")
    sub = subordinate_of(srv, head.nip, admin)
    period = "2025-Q3"
    to_evaluation(srv, admin)
    token = srv.token("EMPLOYEE", nip=head.nip)
    use_token(page, token)
    page.goto(f"{srv.url}/#/assess/{sub['nip']}/{period}")
    page.locator("#assess-result-SESUAI_EKSPEKTASI").check()  # no measurements: nothing is preselected
    page.locator("#assess-behavior-SESUAI_EKSPEKTASI").check()
    page.get_by_label("Komentar").fill("Versi dari halaman.")
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.locator("#assess-saved")).to_contain_text("versi 1")

    # meanwhile, someone else (the same supervisor in another tab) saves from version 1
    mutate(srv, token, SUBMIT_SUPERVISOR, {"i": {
        "nip": sub["nip"], "period": period, "resultRating": "DI_BAWAH_EKSPEKTASI",
        "behaviorRating": "DI_ATAS_EKSPEKTASI", "behaviorNotes": [{"value": "LOYAL", "note": "Dari tab lain."}],
        "comment": "Versi dari API.", "version": 1}})
    page.get_by_label("Komentar").fill("Perubahan kedua dari halaman.")
    page.get_by_role("button", name="Simpan penilaian").click()
    message = page.locator("#assess-conflict-message")
    expect(message).to_contain_text("sudah diubah oleh orang lain")
    newer = page.locator("#assess-newer")
    expect(newer).to_contain_text("Dari tab lain.")
    expect(newer).to_contain_text("Versi dari API.")
    expect(newer.locator('[data-field="resultRating"]')).to_have_text("Di Bawah Ekspektasi")
    assert newer.get_attribute("data-version") == "2"
    assert own_assessment(srv, token, period, sub["nip"], "SUPERVISOR")["comment"] == "Versi dari API."
    shot(page, "conflict")

    # take the newer data into the form, change it, save: it is stored on top of version 2
    page.locator("#assess-use-newer").click()
    expect(page.locator("#assess-result-DI_BAWAH_EKSPEKTASI")).to_be_checked()
    expect(page.get_by_label("Loyal")).to_have_value("Dari tab lain.")
    page.get_by_label("Komentar").fill("Digabung setelah konflik.")
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.locator("#assess-saved")).to_contain_text("versi 3")
    expect(page.locator("#assess-conflict")).to_be_hidden()
    stored = own_assessment(srv, token, period, sub["nip"], "SUPERVISOR")
    assert (stored["version"], stored["comment"], stored["resultRating"]) == (
        3, "Digabung setelah konflik.", "DI_BAWAH_EKSPEKTASI")
    assert stored["behaviorNotes"] == [{"value": "LOYAL", "note": "Dari tab lain."}]


def test_measurement_entry_shows_server_errors_then_stores(fresh_server, page, use_token, graphql_requests, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    # the demo's EMPLOYEE accounts (DISDIK) have no person-level targets: an employee of DPMPTSP who has
    people = data(srv, """{ people(filter: {agency: "DPMPTSP"}, first: 50) { edges { node { nip
        targets(cycle: 2025) { id indicator { code } } } } } }""", token=admin)["people"]["edges"]
    nip = next(e["node"]["nip"] for e in people
               if any(t["indicator"]["code"] == "DPMPTSP.IZIN_TEPAT_WAKTU" for t in e["node"]["targets"]))
    token = srv.token("EMPLOYEE", nip=nip)
    target = next(t for t in data(srv, TARGETS, {"nip": nip}, token)["person"]["targets"]
                  if t["indicator"]["code"] == "DPMPTSP.IZIN_TEPAT_WAKTU")
    cycle = next(c for c in data(srv, "{ cycles { year periods } }", token=token)["cycles"] if c["year"] == 2025)
    measured = {m["period"] for m in target["measurements"]}
    free = next(p for p in cycle["periods"] if p not in measured)  # the form's default period
    use_token(page, token)
    recorded = graphql_requests(page)
    page.goto(f"{srv.url}/#/measurements")
    section = page.locator(f'section[data-target="{target["id"]}"]')
    expect(section.get_by_role("button", name="Simpan")).to_be_visible()
    assert len(page_requests(recorded)) <= 3
    prefix = f"#m-{target['id']}"
    expect(page.locator(f"{prefix}-period")).to_have_value(free)
    for m in target["measurements"]:
        expect(page.locator(f'{prefix}-table tr[data-period="{m["period"]}"]')).to_contain_text(
            id_num(m["achievement"]))
    shot(page, "loaded")

    on_time = section.get_by_label("Jumlah izin terbit sesuai standar pelayanan")
    issued = page.locator(f"{prefix}-in-issued")
    on_time.fill("-3")  # under the spec's min 0: the browser would refuse it, the form is novalidate
    issued.fill("40")
    section.get_by_role("button", name="Simpan").click()
    error = page.locator(f"{prefix}-in-on_time-error")
    expect(error).to_contain_text("paling kecil 0 (diisi -3)")  # the server's own message (Indonesian), at the field
    expect(on_time).to_have_attribute("aria-invalid", "true")
    shot(page, "input-error")
    on_time.fill("45")  # more on time than issued: the spec's check fails, shown for the whole form
    section.get_by_role("button", name="Simpan").click()
    expect(page.locator(f"{prefix}-errors")).to_contain_text("on_time <= issued")
    expect(error).to_have_count(0)
    after = data(srv, TARGETS, {"nip": nip}, token)["person"]["targets"]
    assert {m["period"] for t in after if t["id"] == target["id"] for m in t["measurements"]} == measured

    on_time.fill("36")
    section.get_by_label("Tautan bukti").fill("https://dpmptsp.example/laporan")
    section.get_by_role("button", name="Simpan").click()
    expect(page.locator(f"{prefix}-result")).to_be_visible()
    stored = next(m for t in data(srv, TARGETS, {"nip": nip}, token)["person"]["targets"] if t["id"] == target["id"]
                  for m in t["measurements"] if m["period"] == free)
    assert stored["inputs"] == {"on_time": 36, "issued": 40}
    assert stored["value"] == 90.0
    expect(page.locator(f"{prefix}-result")).to_contain_text(f"capaian {id_num(stored['achievement'])} %")
    expect(page.locator(f'{prefix}-table tr[data-period="{free}"]')).to_contain_text(id_num(stored["achievement"]))
    shot(page, "stored")


def test_self_assessment_create_then_update(fresh_server, page, use_token, shot):
    srv = fresh_server
    admin = srv.token("ADMIN")
    staff = [a for a in srv.accounts if a.role == "EMPLOYEE"][-1]  # the demo's staff member of DISDIK
    to_evaluation(srv, admin)
    token = srv.token("EMPLOYEE", nip=staff.nip)
    use_token(page, token)
    page.goto(f"{srv.url}/#/self/2025")
    page.get_by_label("Periode", exact=True).select_option("2025-Q2")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url("**/#/self/2025-Q2")
    expect(page.locator("#self-version")).to_contain_text("belum pernah disimpan")
    page.get_by_role("button", name="Simpan penilaian diri").click()  # nothing chosen: asked before sending
    expect(page.locator("#self-result-error")).to_be_visible()
    page.locator("#self-result-SESUAI_EKSPEKTASI").check()
    page.locator("#self-behavior-DI_ATAS_EKSPEKTASI").check()
    page.get_by_label("Berorientasi Pelayanan").fill("Melayani dengan ramah.")
    page.get_by_role("button", name="Simpan penilaian diri").click()
    expect(page.locator("#self-saved")).to_contain_text("versi 1")
    stored = own_assessment(srv, token, "2025-Q2", staff.nip, "SELF")
    assert (stored["version"], stored["resultRating"], stored["behaviorRating"]) == (
        1, "SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI")
    shot(page, "created")

    page.reload()  # the stored version is read again and fills the form
    expect(page.get_by_label("Berorientasi Pelayanan")).to_have_value("Melayani dengan ramah.")
    expect(page.locator("#self-result-SESUAI_EKSPEKTASI")).to_be_checked()
    page.locator("#self-result-DI_ATAS_EKSPEKTASI").check()
    page.get_by_label("Komentar").fill("Target triwulan terlampaui.")
    page.get_by_role("button", name="Simpan penilaian diri").click()
    expect(page.locator("#self-saved")).to_contain_text("versi 2")
    stored = own_assessment(srv, token, "2025-Q2", staff.nip, "SELF")
    assert (stored["version"], stored["resultRating"], stored["comment"]) == (
        2, "DI_ATAS_EKSPEKTASI", "Target triwulan terlampaui.")
    assert stored["behaviorNotes"] == [{"value": "BERORIENTASI_PELAYANAN", "note": "Melayani dengan ramah."}]
    shot(page, "updated")
