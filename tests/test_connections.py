"""The long lists as connections beside the old plain lists (issue 21 §3): measurementsConnection,
assessmentsConnection, auditTrailConnection and workLogConnection page through exactly what the old fields answer
the same viewer, in the same order, with Relay's pageInfo; the old fields stay, deprecated with a reason. On the
seeded world (tests/seeded.py), both databases."""

from __future__ import annotations

import pytest

from seeded import make_env, seed
from world import TEACHER_1

CASES = {
    # name: (old field's query, connection's query, its arguments, the node's key fields)
    "measurements": ("query { old: measurements(period: \"2025-Q1\") { id period value } }",
                     "measurementsConnection(period: \"2025-Q1\", first: $first, after: $after)",
                     "id period value"),
    "assessments": ("query { old: assessments(period: \"2025\") { id kind } }",
                    "assessmentsConnection(period: \"2025\", first: $first, after: $after)", "id kind"),
    "auditTrail": ("query { old: auditTrail(entity: \"cycle\", id: \"2025\") { at action } }",
                   "auditTrailConnection(entity: \"cycle\", id: \"2025\", first: $first, after: $after)",
                   "at action"),
    "workLog": (f"query {{ old: workLog(nip: \"{TEACHER_1}\", from: \"2025-01-01\", to: \"2025-12-31\") {{ id day }} }}",
                f"workLogConnection(nip: \"{TEACHER_1}\", from: \"2025-01-01\", to: \"2025-12-31\", first: $first, "
                "after: $after)", "id day"),
}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def env(request, tmp_path_factory, sqlite_template):
    env = make_env(request, tmp_path_factory, sqlite_template, feedback_limit=1000)
    yield env
    env.close()


async def walk(api, token, field: str, keys: str, size: int) -> list[dict]:
    query = f"""query($first: Int, $after: String) {{ c: {field} {{ edges {{ cursor node {{ {keys} }} }}
      pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} }} }}"""
    pages, after = [], None
    while True:
        body = await api.post(query, {"first": size, "after": after}, token)
        assert "errors" not in body, body
        page = body["data"]["c"]
        pages.append(page)
        info = page["pageInfo"]
        assert info["hasPreviousPage"] is (after is not None)
        if page["edges"]:
            assert (info["startCursor"], info["endCursor"]) == (page["edges"][0]["cursor"], page["edges"][-1]["cursor"])
        if not info["hasNextPage"]:
            return pages
        after = info["endCursor"]


@pytest.mark.parametrize("name", CASES)
def test_a_connection_pages_through_the_old_list(env, name):
    api, s = env.use("seeded", seed)
    w = s.world
    # more entries for the work log, so that it has pages
    if name == "workLog":
        env.run(api.gql("""mutation($input: [WorkLogInput!]!) { logWork(input: $input) { entries { id } } }""",
                        token=w.admin, input=[{"nip": TEACHER_1, "day": f"2025-02-{d:02d}", "text": f"Kegiatan {d}",
                                               "minutes": 30} for d in range(3, 8)]))
    old_query, field, keys = CASES[name]
    for token in (w.admin, w.disdik_admin, w.principal, w.teacher):
        old = env.run(api.post(old_query, token=token))
        if old.get("errors"):  # a viewer the list is not for: the connection refuses the same way
            codes = {e["extensions"]["code"] for e in old["errors"]}
            body = env.run(api.post(f"query($first: Int, $after: String) {{ c: {field} {{ edges {{ cursor }} }} }}",
                                    {"first": 2}, token))
            assert {e["extensions"]["code"] for e in body["errors"]} == codes, (name, body)
            continue
        expected = old["data"]["old"]
        for size in (1, 2, 100):
            pages = env.run(walk(api, token, field, keys, size))
            got = [e["node"] for p in pages for e in p["edges"]]
            assert got == expected, (name, size)
            assert len(pages) == max(1, -(-len(expected) // size)), (name, size, len(pages))  # no empty last page
    assert len(env.run(api.post(old_query, token=w.admin))["data"]["old"]) >= 2, name


@pytest.mark.parametrize("name", CASES)
def test_bad_pages_are_refused_naming_the_argument(env, name):
    api, s = env.use("seeded", seed)
    _, field, _ = CASES[name]
    query = f"query($first: Int, $after: String) {{ c: {field} {{ edges {{ cursor }} }} }}"
    for variables, code, argument in (({"first": 0}, "BAD_PAGE_SIZE", "first"),
                                      ({"first": 101}, "BAD_PAGE_SIZE", "first"),
                                      ({"after": "bm90IGEgY3Vyc29y"}, "BAD_CURSOR", "after"),
                                      ({"after": "x" * 2000}, None, None)):
        body = env.run(api.post(query, variables, s.world.admin))
        error = body["errors"][0]
        if code is None:  # over the argument's length limit: refused before it runs
            assert error["extensions"]["code"] in ("TOO_LONG", "BAD_CURSOR"), body
            continue
        assert (error["extensions"]["code"], error["extensions"].get("argument")) == (code, argument), (name, body)


def test_the_old_lists_are_deprecated_with_a_reason():
    from test_schema_descriptions import live_schema

    fields = live_schema().query_type.fields
    for old, new in (("measurements", "measurementsConnection"), ("assessments", "assessmentsConnection"),
                     ("auditTrail", "auditTrailConnection"), ("workLog", "workLogConnection")):
        assert new in fields and new in (fields[old].deprecation_reason or ""), old
        assert fields[new].deprecation_reason is None
