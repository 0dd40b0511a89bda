"""Credit points (angka kredit, issue 23 §2): a functional post's annual coefficient scaled by the annual predikat,
prorated by the days held (services/evaluation/credit_points.py, services/org/credit_coefficients.py): the
arithmetic, the configured percentages, the agency's list as a query and as files, the annual document, who may read
it, and every bad coefficient as a typed error with nothing written."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from conftest import start_api, stop_api
from kinerja.models import AuditEvent, Person, Post
from test_development_plans import _evaluation
from test_documents_evaluasi import flat, text_of
from test_reports import ABOVE, MEETS, ok, rate
from world import CLERK, TEACHER_1, TEACHER_2, build_world

ERRORS = "errors { path code message }"
CREATE = f"""mutation($input: PostInput!) {{ m: createPost(input: $input) {{ post {{ id kind creditCoefficient }}
  {ERRORS} }} }}"""
SET = f"""mutation($p: ID!, $c: Float, $r: String) {{ m: setPostCreditCoefficient(post: $p, coefficient: $c,
  reason: $r) {{ post {{ id creditCoefficient }} {ERRORS} }} }}"""
TRANSFER = f"""mutation($n: String!, $d: Date!, $p: ID) {{ m: transferPerson(input: {{nip: $n, effective: $d,
  unit: "SDN-001", post: $p, reason: "SK 800/2025"}}) {{ {ERRORS} }} }}"""
LIST = """query($a: String!, $y: Int!, $f: Int, $after: String) { creditPoints(agency: $a, year: $y, first: $f,
  after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { nip rated predikat percentage
  daysHeld yearShare points parts { post coefficient firstDay lastDay daysHeld yearShare points } } } } }"""
PERSON = """query($n: String!) { person(nip: $n) { creditPoints(year: 2025) { nip points percentage predikat
  parts { post daysHeld } } } }"""


async def _posts(api, world) -> dict[str, str]:
    """DISDIK's Guru Ahli Pertama (12.5, made with it) and Guru Ahli Muda (set to 25 afterwards), a PELAKSANA post."""
    made = {}
    for name, kind, coefficient in (("Guru Ahli Pertama", "FUNGSIONAL", 12.5), ("Guru Ahli Muda", "FUNGSIONAL", None),
                                    ("Pengadministrasi Umum", "PELAKSANA", None)):
        post = (await ok(api, CREATE, world.disdik_admin, input={
            "agency": "DISDIK", "name": name, "kind": kind, "unit": "SDN-001",
            **({"coefficient": coefficient} if coefficient else {})}))["post"]
        made[name] = post["id"]
    assert (await ok(api, SET, world.disdik_admin, p=made["Guru Ahli Muda"], c=25, r="PermenPANRB 1/2023")
            )["post"]["creditCoefficient"] == 25
    return made


async def _placed(api, world) -> dict[str, str]:
    """TEACHER_1 a Guru Ahli Pertama all of 2025; TEACHER_2 one from January, a Guru Ahli Muda from July (181 and
    184 days); CLERK in the PELAKSANA post."""
    posts = await _posts(api, world)
    for nip, day, post in ((TEACHER_1, "2025-01-01", "Guru Ahli Pertama"), (TEACHER_2, "2025-01-01",
                                                                           "Guru Ahli Pertama"),
                           (TEACHER_2, "2025-07-01", "Guru Ahli Muda"), (CLERK, "2025-01-01", "Pengadministrasi Umum")):
        await ok(api, TRANSFER, world.disdik_admin, n=nip, d=day, p=posts[post])
    await _evaluation(api, world)
    return posts


async def functional_post(api, token: str, who: str, agency: str = "DISDIK") -> str:
    """A FUNGSIONAL post of the agency with the coefficient 12.5, held by `who` since before the records (the person
    row changed directly: a transfer would touch more than this needs)."""
    post = (await ok(api, CREATE, token, input={"agency": agency, "name": "Guru Ahli Pertama", "kind": "FUNGSIONAL",
                                                "coefficient": 12.5}))["post"]["id"]
    await Person.filter(nip=who).update(post_id=int(post), assigned_since=None)
    return post


def _nodes(found: dict) -> dict[str, dict]:
    return {e["node"]["nip"]: e["node"] for e in found["creditPoints"]["edges"]}


async def test_the_annual_predikat_scales_the_coefficient_by_the_days_held(api, world):
    await _placed(api, world)
    await rate(api, world.principal, world.principal, TEACHER_1, "2025", ABOVE, ABOVE)  # SANGAT_BAIK: 150 %
    found = await api.gql(LIST, token=world.disdik_admin, a="DISDIK", y=2025)
    assert found["creditPoints"]["totalCount"] == 2  # CLERK's post is no functional one
    nodes = _nodes(found)
    assert nodes[TEACHER_1] == {
        "nip": TEACHER_1, "rated": True, "predikat": "SANGAT_BAIK", "percentage": 150, "daysHeld": 365,
        "yearShare": 1.0, "points": 18.75, "parts": [
            {"post": "Guru Ahli Pertama", "coefficient": 12.5, "firstDay": "2025-01-01", "lastDay": "2025-12-31",
             "daysHeld": 365, "yearShare": 1.0, "points": 18.75}]}
    # not rated yet: listed, without points (not zero)
    assert nodes[TEACHER_2]["rated"] is False and nodes[TEACHER_2]["points"] is None
    assert [(p["post"], p["daysHeld"], p["points"]) for p in nodes[TEACHER_2]["parts"]] == [
        ("Guru Ahli Pertama", 181, None), ("Guru Ahli Muda", 184, None)]
    # rated: each part prorated (12.5 x 181/365 x 150 % = 9.298; 25 x 184/365 x 150 % = 18.904), the total 28.202
    await rate(api, world.principal, world.principal, TEACHER_2, "2025", ABOVE, ABOVE)
    page = await api.gql(LIST, token=world.admin, a="disdik", y=2025, f=1)
    assert page["creditPoints"]["pageInfo"]["hasNextPage"] and list(_nodes(page)) == [TEACHER_1]  # Citra, then Dewi
    page = await api.gql(LIST, token=world.admin, a="DISDIK", y=2025, f=1,
                         after=page["creditPoints"]["pageInfo"]["endCursor"])
    second = _nodes(page)[TEACHER_2]
    assert (second["points"], [p["points"] for p in second["parts"]], second["daysHeld"]) == (
        28.202, [9.298, 18.904], 365)
    # the person themself reads theirs; another agency's admin sees no rows, an employee may not read the list
    mine = (await api.gql(PERSON, token=world.teacher, n=TEACHER_1))["person"]["creditPoints"]
    assert mine == {"nip": TEACHER_1, "points": 18.75, "percentage": 150, "predikat": "SANGAT_BAIK",
                    "parts": [{"post": "Guru Ahli Pertama", "daysHeld": 365}]}
    assert (await api.gql(PERSON, token=world.admin, n=CLERK))["person"]["creditPoints"] is None
    assert (await api.gql(LIST, token=world.dinkes_admin, a="DISDIK", y=2025))["creditPoints"]["totalCount"] == 0
    assert (await api.errors(LIST, token=world.principal, a="DISDIK", y=2025))[0]["extensions"]["code"] == "FORBIDDEN"
    assert (await api.errors(LIST, token=world.admin, a="DISDIK", y=99))[0]["extensions"]["code"] == "OUT_OF_RANGE"
    # the files: the same people; the XLSX in Indonesian
    headers = {"Authorization": f"Bearer {world.disdik_admin}"}
    got = await api.client.get("/reports/credit-points.csv", params={"year": "2025", "agency": "DISDIK"},
                               headers=headers)
    rows = list(csv.reader(io.StringIO(got.text)))
    assert rows[0] == ["nip", "name", "period", "functionalPost", "creditCoefficient", "daysHeld", "yearShare",
                       "predikat", "creditPercentage", "creditPoints", "creditPointsTotal"]
    assert rows[1:] == [  # a row a post held
        [TEACHER_1, "Citra Lestari", "2025", "Guru Ahli Pertama", "12.50", "365", "1.0000", "SANGAT_BAIK", "150",
         "18.750", "18.750"],
        [TEACHER_2, "Dewi Anggraini", "2025", "Guru Ahli Pertama", "12.50", "181", "0.4959", "SANGAT_BAIK", "150",
         "9.298", "28.202"],
        [TEACHER_2, "Dewi Anggraini", "2025", "Guru Ahli Muda", "25.00", "184", "0.5041", "SANGAT_BAIK", "150",
         "18.904", "28.202"]]
    got = await api.client.get("/reports/credit-points.xlsx", params={"year": "2025", "agency": "DISDIK"},
                               headers=headers)
    sheet = openpyxl.load_workbook(io.BytesIO(got.content)).worksheets[0]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "Angka Kredit Tahun Ini" in cells[0] and cells[1][7] == "Sangat Baik" and cells[1][4] == 12.5
    assert (await api.client.get("/reports/credit-points.csv", params={"year": "2025"}, headers=headers)
            ).status_code == 400
    # the annual document prints the conversion
    pdf = await api.client.get(f"/documents/evaluasi-tahunan/{TEACHER_1}/2025.pdf",
                               headers={"Authorization": f"Bearer {world.principal}"})
    assert pdf.status_code == 200, pdf.text
    assert "Angka kredit (jabatan fungsional) 18,750 (koefisien 12,5 × 150 %)" in flat(text_of(pdf.content))
    pdf = await api.client.get(f"/documents/evaluasi-tahunan/{TEACHER_2}/2025.pdf",
                               headers={"Authorization": f"Bearer {world.principal}"})
    assert ("28,202 (Guru Ahli Pertama: koefisien 12,5 × 181/365 hari × 150 % = 9,298; Guru Ahli Muda: koefisien 25 × "
            "184/365 hari × 150 % = 18,904)") in flat(text_of(pdf.content))


@pytest.fixture
async def configured(database_url):
    """The app with BAIK at 120 % (KINERJA_CREDIT_POINT_PERCENTAGES), and the world."""
    api, handles = await start_api(database_url, credit_point_percentages=(
        ("SANGAT_BAIK", 150), ("BAIK", 120), ("BUTUH_PERBAIKAN", 75), ("KURANG_MISCONDUCT", 50), ("SANGAT_KURANG", 25)))
    try:
        yield api, await build_world()
    finally:
        await stop_api(handles)


async def test_the_percentages_are_configurable(configured):
    api, world = configured
    await _placed(api, world)
    await rate(api, world.principal, world.principal, TEACHER_1, "2025", MEETS, MEETS)  # BAIK
    node = _nodes(await api.gql(LIST, token=world.admin, a="DISDIK", y=2025))[TEACHER_1]
    assert (node["predikat"], node["percentage"], node["points"]) == ("BAIK", 120, 15.0)
    got = await api.client.get("/reports/credit-points.csv", params={"year": "2025", "agency": "DISDIK"},
                               headers={"Authorization": f"Bearer {world.admin}"})
    assert list(csv.reader(io.StringIO(got.text)))[1][-3:] == ["120", "15.000", "15.000"]


async def test_a_bad_coefficient_is_a_typed_error_and_writes_nothing(api, world):
    posts = await _posts(api, world)
    first, executor = posts["Guru Ahli Pertama"], posts["Pengadministrasi Umum"]
    events = await AuditEvent.all().count()

    async def refused(token, expected, query=SET, **variables) -> None:
        payload = (await api.gql(query, token=token, **variables))["m"]
        assert payload["post"] is None and [(".".join(e["path"]), e["code"]) for e in payload["errors"]] == expected

    for value, code in ((-1, "OUT_OF_RANGE"), (0, "OUT_OF_RANGE"), (150, "OUT_OF_RANGE"), (12.555, "INVALID_VALUE")):
        await refused(world.disdik_admin, [("coefficient", code)], p=first, c=value)
    await refused(world.disdik_admin, [("post", "NOT_FUNCTIONAL_POST")], p=executor, c=5)
    await refused(world.disdik_admin, [("post", "NOT_FOUND")], p="999", c=5)
    await refused(world.dinkes_admin, [("post", "NOT_FOUND")], p=first, c=5)  # another agency's post
    await refused(world.teacher, [("post", "FORBIDDEN")], p=first, c=5)
    await refused(world.disdik_admin, [("input.coefficient", "NOT_FUNCTIONAL_POST")], CREATE, input={
        "agency": "DISDIK", "name": "Penjaga Sekolah", "kind": "PELAKSANA", "coefficient": 5})
    await refused(world.disdik_admin, [("input.coefficient", "OUT_OF_RANGE")], CREATE, input={
        "agency": "DISDIK", "name": "Guru Ahli Utama", "kind": "FUNGSIONAL", "coefficient": -50})
    assert await AuditEvent.all().count() == events
    assert {p.name: p.credit_coefficient for p in await Post.filter(agency__code="DISDIK", head_of_id=None)} == {
        "Guru Ahli Pertama": 12.5, "Guru Ahli Muda": 25, "Pengadministrasi Umum": None}
    # in Indonesian, naming the field and the bounds
    got = await api.client.post("/graphql", json={"query": SET, "variables": {"p": first, "c": 150}}, headers={
        "Authorization": f"Bearer {world.disdik_admin}", "Accept-Language": "id"})
    assert got.json()["data"]["m"]["errors"][0]["message"] == \
        "Koefisien angka kredit harus lebih dari 0 dan paling besar 100 (diisi 150)."
    # cleared, then unchanged: one event, then none
    assert (await ok(api, SET, world.admin, p=first, c=None))["post"]["creditCoefficient"] is None
    assert (await ok(api, SET, world.admin, p=first, c=None))["post"]["creditCoefficient"] is None
    assert [e.action for e in await AuditEvent.filter(id__gt=events)] == ["post.coefficient"]
