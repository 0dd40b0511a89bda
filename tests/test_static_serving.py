"""How the app serves the console's files and compresses its answers (issue 19 §5): versioned vendored files kept for
a year, the app's own files revalidated by ETag (304), gzip for files, CSV exports and large answers, and never for
a sign-in answer (BREACH); plus the people search by position and unit, and one's own supervisor by identity."""

from __future__ import annotations

import gzip
import re

import pytest

from kinerja.http.web import SECURITY_HEADERS, STATIC
from test_login import GOOD, LOGIN, set_by_operator
from world import CLERK, HEAD, PRINCIPAL, TEACHER_1, TEACHER_2, build_world

GZ = {"Accept-Encoding": "gzip"}
IMMUTABLE = "public, max-age=31536000, immutable"


def vendored_files() -> list[str]:
    return sorted("/static/" + p.relative_to(STATIC).as_posix() for p in (STATIC / "vendor").rglob("*") if p.is_file())


def test_every_vendored_folder_names_its_version():
    """The long lifetime is safe only when an upgrade changes the address: vendor/<name>-<x.y.z>/."""
    folders = [p for p in (STATIC / "vendor").iterdir() if p.is_dir()]
    assert folders
    for folder in folders:
        assert re.fullmatch(r"[a-z0-9]+-\d+\.\d+\.\d+", folder.name), folder.name
    chart = STATIC / "vendor" / "chartjs-4.6.1"
    assert "Version: **4.6.1**" in (chart / "README.md").read_text(encoding="utf-8")
    loader = (STATIC / "js" / "chart_loader.js").read_text(encoding="utf-8")
    assert "'/static/vendor/chartjs-4.6.1/chart.umd.min.js'" in loader


async def test_vendored_files_are_kept_for_a_year(api):
    files = vendored_files()
    assert "/static/vendor/chartjs-4.6.1/chart.umd.min.js" in files
    for url in files:
        response = await api.client.get(url)
        assert response.status_code == 200, url
        assert response.headers["cache-control"] == IMMUTABLE, url
        assert response.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    # the old, unversioned address is gone: nothing serves a stale copy under it
    assert (await api.client.get("/static/vendor/chartjs/chart.umd.min.js")).status_code == 404


@pytest.mark.parametrize("url", ["/", "/survey/DISDIK", "/static/js/app.js", "/static/css/kinerja.css",
                                 "/static/js/pages/person.js", "/static/js/chart_loader.js"])
async def test_the_apps_own_files_are_revalidated_by_etag(api, url):
    first = await api.client.get(url)
    assert first.status_code == 200
    assert first.headers["cache-control"] == "no-cache"
    etag = first.headers["etag"]
    again = await api.client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag and again.headers["cache-control"] == "no-cache"
    # another version's tag (a changed file) gets the whole file again
    other = await api.client.get(url, headers={"If-None-Match": '"not-this-one"'})
    assert other.status_code == 200 and other.content == first.content


async def test_index_loads_no_chart_library(api):
    html = (await api.client.get("/")).text
    assert "chart" not in html.lower().split("-->")[-1]  # beyond the comment: no script of Chart.js


async def test_static_files_are_gzipped_when_asked(api):
    for url in ("/static/js/app.js", "/static/css/kinerja.css", "/static/vendor/chartjs-4.6.1/chart.umd.min.js"):
        response = await api.client.get(url, headers=GZ)
        assert response.headers.get("content-encoding") == "gzip", url
        assert "accept-encoding" in response.headers.get("vary", "").lower(), url
        if "content-length" in response.headers:  # a large file goes out in chunks, without a length
            assert int(response.headers["content-length"]) < len(response.content), url  # httpx inflated it
        plain = await api.client.get(url, headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers and plain.content == response.content, url
        assert response.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]


async def test_raw_body_is_real_gzip(api):
    async with api.client.stream("GET", "/static/js/app.js", headers=GZ) as response:
        raw = b"".join([chunk async for chunk in response.aiter_raw()])
    assert gzip.decompress(raw) == (STATIC / "js" / "app.js").read_bytes()


async def test_a_csv_export_and_a_large_answer_are_gzipped(api):
    world = await build_world()
    csv = await api.client.get("/reports/predikatDistribution.csv?period=2025",
                               headers={**GZ, "Authorization": f"Bearer {world.admin}"})
    assert csv.status_code in (200, 404)
    if csv.status_code == 200 and len(csv.content) >= 1024:
        assert csv.headers["content-encoding"] == "gzip"
    response = await api.client.post("/graphql", json={"query": "{ __schema { types { name description } } }"},
                                     headers={**GZ, "Authorization": f"Bearer {world.admin}"})
    assert response.status_code == 200 and len(response.content) > 1024
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["data"]["__schema"]["types"]
    # small answers stay as they are
    small = await api.client.post("/graphql", json={"query": "{ me { role } }"},
                                  headers={**GZ, "Authorization": f"Bearer {world.admin}"})
    assert "content-encoding" not in small.headers and small.json()["data"]["me"]["role"] == "ADMIN"


async def test_a_sign_in_answer_is_never_compressed(api):
    await build_world()
    await set_by_operator(CLERK)
    padding = "x" * 4000  # attacker-chosen text beside the token would make the answer large enough to compress
    query = LOGIN.replace("mutation(", "mutation Pad(").replace("} } }", "} } } # " + padding)
    for password in (GOOD, "salah-sekali-bukan-ini"):
        response = await api.client.post("/graphql", json={"query": query, "variables": {
            "nip": CLERK, "password": password, "role": None}}, headers=GZ)
        assert response.status_code == 200
        assert "content-encoding" not in response.headers, response.headers
        body = response.json()["data"]["login"]
        assert bool(body["token"]) == (password == GOOD)
    # the same request asked with an alias beside a large field: still not compressed
    big = ("mutation($nip: String!, $password: String!) { a: login(nip: $nip, password: $password) { token } }")
    response = await api.client.post("/graphql", json={"query": big, "variables": {"nip": CLERK, "password": GOOD}},
                                      headers=GZ)
    assert "content-encoding" not in response.headers and response.json()["data"]["a"]["token"]


# -- the people search and one's own supervisor (graphql/people.py, services/org/people.py) --------------------------

SEARCH = """query($s: String!) { people(filter: {search: $s}, first: 50) { totalCount edges { node { nip } } } }"""


@pytest.mark.parametrize("text, expected", [
    ("guru", [TEACHER_1, TEACHER_2]),                     # position
    ("GURU kelas", [TEACHER_1, TEACHER_2]),               # every word, any case
    ("guru citra", [TEACHER_1]),                          # position and name
    ("sekretariat", [HEAD, CLERK]),                       # the unit's name
    ("negeri 001", [PRINCIPAL, TEACHER_1, TEACHER_2]),    # the unit's name, a word of digits
    ("kepala sekolah", [PRINCIPAL]),
    ("guru perawat", []),                                 # nobody is both
    ("%", []), ("_", []),
])
async def test_people_search_by_position_and_unit(api, text, expected):
    world = await build_world()
    found = (await api.gql(SEARCH, token=world.admin, s=text))["people"]
    assert [e["node"]["nip"] for e in found["edges"]] == expected
    assert found["totalCount"] == len(expected)


async def test_people_search_stays_in_scope(api):
    world = await build_world()
    # another agency's unit name finds nobody for an agency admin, the teachers' own unit only theirs for the principal
    assert (await api.gql(SEARCH, token=world.disdik_admin, s="puskesmas"))["people"]["totalCount"] == 0
    assert [e["node"]["nip"] for e in (await api.gql(SEARCH, token=world.principal, s="sekretariat"))["people"]
            ["edges"]] == []
    assert [e["node"]["nip"] for e in (await api.gql(SEARCH, token=world.teacher, s="guru"))["people"]
            ["edges"]] == [TEACHER_1]


OWN = """{ me { person { nip supervisor { nip name position identityOnly agency { code } unit { name }
  supervisor { nip } subordinates { nip } targets(cycle: 2025) { id } rating(period: "2025") { predikat }
  assignments { since } } } } }"""


async def test_ones_own_supervisor_is_shown_by_identity_only(api):
    world = await build_world()
    sup = (await api.gql(OWN, token=world.teacher))["me"]["person"]["supervisor"]
    assert (sup["nip"], sup["position"], sup["identityOnly"]) == (PRINCIPAL, "Kepala Sekolah", True)
    assert sup["agency"]["code"] == "DISDIK" and sup["unit"]["name"] == "SD Negeri 001 Tanjungpinang"
    # nothing through them: not their supervisor, subordinates, targets, rating or history
    assert (sup["supervisor"], sup["subordinates"], sup["targets"], sup["rating"], sup["assignments"]) == (
        None, [], [], None, [])
    # the page of that supervisor stays out of scope
    assert (await api.gql('query($n: String!) { person(nip: $n) { nip } }', token=world.teacher, n=PRINCIPAL))[
        "person"] is None
    # through the list too (preloaded supervisors)
    listed = await api.gql("{ people { edges { node { nip supervisor { nip identityOnly } } } } }", token=world.teacher)
    assert listed["people"]["edges"] == [{"node": {"nip": TEACHER_1, "supervisor": {"nip": PRINCIPAL,
                                                                                    "identityOnly": True}}}]
    # a supervisor sees their subordinate's supervisor (themselves) in full
    below = await api.gql('query($n: String!) { person(nip: $n) { supervisor { nip identityOnly } } }',
                          token=world.principal, n=TEACHER_1)
    assert below["person"]["supervisor"] == {"nip": PRINCIPAL, "identityOnly": False}
    # someone else's supervisor above the viewer stays hidden: the principal sees HEAD only as its own supervisor
    own = (await api.gql(OWN, token=world.principal))["me"]["person"]["supervisor"]
    assert (own["nip"], own["identityOnly"]) == (HEAD, True)
