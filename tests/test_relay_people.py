"""`people` as a Relay connection in full (issue 21 §3): PageInfo { hasNextPage hasPreviousPage startCursor
endCursor }, forwards with first/after and backwards with last/before, a `last` without `first` not capped by
`first`'s default, and bad paging arguments refused naming the argument."""

from __future__ import annotations

from world import nip

PAGE = """query($first: Int, $after: String, $last: Int, $before: String) {
  people(first: $first, after: $after, last: $last, before: $before, filter: {includeDeparted: true}) {
    edges { cursor node { nip name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }"""


async def pages(api, token, direction: str, size: int) -> list[dict]:
    """Every page, walking forwards (first/after) or backwards (last/before)."""
    found, cursor = [], None
    while True:
        args = {"first": size, "after": cursor} if direction == "forwards" else {"last": size, "before": cursor}
        body = await api.post(PAGE, args, token)
        assert "errors" not in body, body
        page = body["data"]["people"]
        found.append(page)
        info = page["pageInfo"]
        more = info["hasNextPage"] if direction == "forwards" else info["hasPreviousPage"]
        if not more:
            return found
        cursor = info["endCursor"] if direction == "forwards" else info["startCursor"]


async def test_forwards_and_backwards_walk_the_same_list(api, world):
    everyone = (await api.post(PAGE, {"first": 100}, world.admin))["data"]["people"]
    names = [e["node"]["nip"] for e in everyone["edges"]]
    assert len(names) == everyone["totalCount"] > 6
    info = everyone["pageInfo"]
    assert info == {"hasNextPage": False, "hasPreviousPage": False, "startCursor": everyone["edges"][0]["cursor"],
                    "endCursor": everyone["edges"][-1]["cursor"]}

    forwards = await pages(api, world.admin, "forwards", 3)
    assert [e["node"]["nip"] for p in forwards for e in p["edges"]] == names
    assert [p["pageInfo"]["hasPreviousPage"] for p in forwards] == [False] + [True] * (len(forwards) - 1)
    backwards = await pages(api, world.admin, "backwards", 3)
    assert [e["node"]["nip"] for p in reversed(backwards) for e in p["edges"]] == names
    assert backwards[0]["pageInfo"]["hasNextPage"] is False  # the last page, asked without before
    assert all(p["pageInfo"]["hasNextPage"] for p in backwards[1:])
    assert backwards[-1]["pageInfo"]["hasPreviousPage"] is False
    for page in forwards + backwards:  # each page's cursors are its edges'
        edges = page["edges"]
        assert page["pageInfo"]["startCursor"] == edges[0]["cursor"]
        assert page["pageInfo"]["endCursor"] == edges[-1]["cursor"]

    # back from the middle: the people just before a cursor
    third = (await api.post(PAGE, {"last": 2, "before": everyone["edges"][4]["cursor"]}, world.admin))["data"]
    assert [e["node"]["nip"] for e in third["people"]["edges"]] == names[2:4]


async def test_last_is_not_capped_by_firsts_default(api, world):
    await api.gql("""mutation($input: [PersonInput!]!) { upsertPeople(input: $input) { people { nip } } }""",
                  token=world.admin, input=[{"nip": nip(300 + i), "name": f"Zulkifli {i:03d}", "employmentType": "PNS",
                                             "position": "Staf", "agency": "DISDIK"} for i in range(60)])
    body = await api.post(PAGE, {"last": 65}, world.admin)  # of 67
    edges = body["data"]["people"]["edges"]
    assert len(edges) == 65  # more than first's default of 50
    assert edges[-1]["node"]["name"] == "Zulkifli 059"
    assert len((await api.post(PAGE, {}, world.admin))["data"]["people"]["edges"]) == 50  # neither: 50 forwards


async def test_bad_paging_is_refused_naming_the_argument(api, world):
    cases = [({"first": 2, "last": 2}, "BAD_ARGUMENT", "last"),
             ({"after": "x", "before": "y"}, "BAD_ARGUMENT", "last"),
             ({"last": 0}, "BAD_PAGE_SIZE", "last"),
             ({"last": 101}, "BAD_PAGE_SIZE", "last"),
             ({"last": 2, "before": "not-a-cursor"}, "BAD_CURSOR", "before"),
             ({"first": 2, "after": "not-a-cursor"}, "BAD_CURSOR", "after")]
    for variables, code, argument in cases:
        body = await api.post(PAGE, variables, world.admin)
        error = body["errors"][0]
        assert error["extensions"] == {"code": code, "argument": argument}, (variables, body)
        assert body["data"] is None


async def test_paging_backwards_is_counted_by_the_cost_budget(api, world):
    costly = """{ people(last: 100) { edges { node { subordinates(first: 100) {
      targets(cycle: 2025, first: 100) { id } } } } } }"""
    body = await api.post(costly, token=world.admin)
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY", body
