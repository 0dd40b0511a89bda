"""checkIndicatorSpec (issue 18): one draft indicator through the real spec loader, each problem at its path with
its code, checks that can never hold, who may ask, and nothing written. Through the real app, SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from seeded import table_counts

CHECK = """query($a: String!, $y: String!) { checkIndicatorSpec(input: {agency: $a, yaml: $y}) {
  ok problems { path code message line } } }"""

VALID = """code: IMUNISASI_TEST
name: Cakupan imunisasi uji
unit: percent
direction: higher_is_better
level: unit
periods: [year]
inputs:
  graduates: {type: integer, min: 0, label: Jumlah}
  total: {type: integer, min: 1, max: 100, label: Sasaran}
checks: ["graduates <= total"]
formula: graduates / total * 100
target: 95
rating: {above: 105, meets: 95}
"""


def draft(**replace: str) -> str:
    """VALID with some of its lines (by key) replaced, or added at the end; a value of "" drops the line."""
    lines = []
    for line in VALID.splitlines():
        key = line.split(":")[0]
        if key in replace:
            if replace[key]:
                lines.append(f"{key}: {replace[key]}")
        else:
            lines.append(line)
    present = {line.split(":")[0] for line in VALID.splitlines()}
    lines += [f"{key}: {value}" for key, value in replace.items() if key not in present]
    return "\n".join(lines) + "\n"


async def check(api, token: str, text: str, agency: str = "DISDIK") -> dict:
    return (await api.gql(CHECK, token, a=agency, y=text))["checkIndicatorSpec"]


def found(answer: dict) -> set[tuple[tuple[str, ...], str]]:
    return {(tuple(p["path"]), p["code"]) for p in answer["problems"]}


async def test_a_valid_draft_is_ok_and_nothing_is_written(api, world):
    before = await table_counts()
    answer = await check(api, world.disdik_admin, VALID)
    assert answer == {"ok": True, "problems": []}
    assert (await check(api, world.admin, VALID, "DINKES"))["ok"] is True
    bad = await check(api, world.admin, draft(formula="graduates / nobody"))
    assert bad["ok"] is False
    assert await table_counts() == before  # no row anywhere, no audit event


@pytest.mark.parametrize("text,where", [
    ("code: [", ((), "YAML_INVALID")),
    ("- a\n- b", ((), "NOT_A_MAPPING")),
    (draft(formula="graduates / pupils * 100"), (("formula",), "UNKNOWN_INPUT")),
    (draft(checks='["graduates <= pupils"]'), (("checks", "0"), "UNKNOWN_INPUT")),
    (draft(formula="", calculator="pendidikan.tidak_ada"), (("calculator",), "UNKNOWN_CALCULATOR")),
    (draft(direction="more_is_better"), (("direction",), "INVALID_CHOICE")),
    (draft(target="-5"), (("target",), "INVALID_TARGET")),
    (draft(target="{lower: 10, upper: 5}"), (("target", "lower"), "INVALID_TARGET")),
    (draft(colour="red"), (("colour",), "UNKNOWN_KEY")),
    (draft(unit=""), (("unit",), "REQUIRED")),
    (draft(formula="__import__('os').system('true')"), (("formula",), "INVALID_FORMULA")),
    (draft(code="IMUNISASI TEST"), (("code",), "INVALID_CODE")),
    (draft(code="KELULUSAN"), (("code",), "CODE_FROM_FILE")),
])
async def test_each_bad_draft_is_reported_at_its_path_with_its_code(api, world, text, where):
    answer = await check(api, world.disdik_admin, text)
    assert answer["ok"] is False
    assert where in found(answer), answer
    assert all(p["message"] for p in answer["problems"])


async def test_a_file_code_of_another_agency_is_no_file_code_here(api, world):
    # KELULUSAN is DISDIK's file indicator; DINKES may draft its own KELULUSAN
    assert (await check(api, world.admin, draft(code="KELULUSAN"), "DINKES"))["ok"] is True


async def test_the_line_is_the_drafts_own(api, world):
    answer = await check(api, world.disdik_admin, draft(formula="graduates / pupils"))
    (problem,) = answer["problems"]
    assert problem["line"] == VALID.splitlines().index("formula: graduates / total * 100") + 1


@pytest.mark.parametrize("checks,never", [
    # min 0: "x < 0" never holds, "x <= 0" can (x = 0)
    ('["graduates < 0"]', True),
    ('["graduates <= 0"]', False),
    ('["0 > graduates"]', True),
    ('["0 >= graduates"]', False),
    # max 100: "x > 100" never holds, "x >= 100" can; "x > 150" never
    ('["total > 100"]', True),
    ('["total >= 100"]', False),
    ('["total > 150"]', True),
    ('["total >= 100.5"]', True),
    ('["total == 101"]', True),
    ('["total == 100"]', False),
    ('["total == 2.5"]', True),  # an integer input
    ('["1 <= total <= 100"]', False),
    ('["1 <= total < 1"]', True),
    # constant folding
    ('["1 > 2"]', True),
    ('["2 > 1"]', False),
    ('["graduates >= 0 and 1 > 2"]', True),
    ('["graduates >= 0 or 1 > 2"]', False),
    ('["graduates < 0 or total > 100"]', True),
    ('["graduates <= total"]', False),
])
async def test_a_check_that_can_never_hold(api, world, checks, never):
    answer = await check(api, world.disdik_admin, draft(checks=checks))
    assert found(answer) == ({(("checks", "0"), "CHECK_NEVER_HOLDS")} if never else set()), answer


async def test_the_index_of_the_check_that_never_holds(api, world):
    answer = await check(api, world.disdik_admin, draft(checks='["graduates <= total", "graduates < 0"]'))
    assert found(answer) == {(("checks", "1"), "CHECK_NEVER_HOLDS")}


async def test_who_may_check(api, world):
    before = await table_counts()
    for token in (world.teacher, world.principal):
        errors = await api.errors(CHECK, token, a="DISDIK", y=VALID)
        assert [e["extensions"]["code"] for e in errors] == ["FORBIDDEN"]
    errors = await api.errors(CHECK, world.dinkes_admin, a="DISDIK", y=VALID)  # another agency's namespace
    assert [e["extensions"]["code"] for e in errors] == ["FORBIDDEN"]
    errors = await api.errors(CHECK, world.dinkes_admin, a="NOPE", y=VALID)  # no hint whether it exists
    assert [e["extensions"]["code"] for e in errors] == ["FORBIDDEN"]
    errors = await api.errors(CHECK, world.admin, a="NOPE", y=VALID)
    assert [e["extensions"]["code"] for e in errors] == ["NOT_FOUND"]
    errors = await api.errors(CHECK, None, a="DISDIK", y=VALID)
    assert [e["extensions"]["code"] for e in errors] == ["UNAUTHENTICATED"]
    assert await table_counts() == before


async def test_the_size_limit(api, world):
    padding = "# " + "x" * 98 + "\n"
    text = VALID + padding * ((20_000 - len(VALID)) // len(padding))
    text += "#" * (20_000 - len(text) - 1) + "\n"
    assert len(text) == 20_000
    assert (await check(api, world.disdik_admin, text))["ok"] is True
    errors = await api.errors(CHECK, world.disdik_admin, a="DISDIK", y=text + "#")
    assert [e["extensions"]["code"] for e in errors] == ["TOO_LONG"]


async def test_no_python_from_the_yaml(api, world):
    answer = await check(api, world.disdik_admin, "!!python/object/apply:os.system ['true']")
    assert answer["ok"] is False and found(answer) == {((), "NOT_A_MAPPING")}
    answer = await check(api, world.disdik_admin, draft(name="!!python/name:os.system"))
    assert found(answer) == {(("name",), "YAML_TAG")}
