"""The cost budget (graphql/cost.py): every list field has a bound, a query that could resolve more objects than
KINERJA_MAX_QUERY_COST is refused before any resolver runs, a list over its bound is an error, and the objects
resolved are capped at run time too."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import parse

from conftest import start_api, stop_api
from kinerja.graphql import cost
from kinerja.graphql.schema import build_schema
from kinerja.settings import Settings
from world import PRINCIPAL, build_world

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "platform" / "kinerja" / "web" / "static" / "js"
SCHEMA = build_schema(Settings())._schema
LIMIT = Settings().max_query_cost

ATTACK = """query($nip: String) { people(filter: {supervisor: $nip}, first: 100) { edges { node {
  supervisor { subordinates { supervisor { subordinates { supervisor { subordinates { nip } } } } } } } } } }"""
ATTACK_3 = """query($nip: String) {""" + " ".join(
    f"""a{i}: people(filter: {{supervisor: $nip}}, first: 100) {{ edges {{ node {{ supervisor {{ subordinates {{
  supervisor {{ subordinates {{ supervisor {{ subordinates {{ nip }} }} }} }} }} }} }} }} }}""" for i in range(3)) + "}"


def cost_of(document: str, max_page_size: int = 100, **variables) -> int:
    return cost.operation_cost(SCHEMA, parse(document), None, variables, max_page_size)


# -- the declared bounds ---------------------------------------------------------------------------------------------

def test_every_list_field_of_the_live_schema_declares_a_bound():
    fields = {key for key, _, _ in cost.list_fields(SCHEMA)}
    missing = sorted(fields - set(cost.BOUNDS))
    assert not missing, f"list fields without a bound in graphql/cost.py BOUNDS: {missing}"
    assert not sorted(set(cost.BOUNDS) - fields), "stale BOUNDS entries"
    for key, page in cost.BOUNDS.items():
        if isinstance(page, cost.Page) and key not in cost.CONNECTION_EDGES:
            type_name, field = key.split(".")
            argument = SCHEMA.get_type(type_name).fields[field].args[page.argument]
            assert argument.default_value == page.default, key  # the schema's default is the bound's


# -- the static estimate ---------------------------------------------------------------------------------------------

def test_fragments_inline_fragments_and_aliases_multiply():
    plain = cost_of("{ people(first: 10) { edges { node { subordinates(first: 5) { nip } } } } }")
    assert plain == 1 + 10 * (1 + 1 + 5)  # connection, 10 edges each with a node and 5 subordinates
    two_aliases = cost_of("{ a: people(first: 10) { edges { node { subordinates(first: 5) { nip } } } } "
                          "b: people(first: 10) { edges { node { subordinates(first: 5) { nip } } } } }")
    assert two_aliases == 2 * plain
    fragment = cost_of("""{ people(first: 10) { edges { node { ...P ...P } } } }
      fragment P on Person { subordinates(first: 5) { nip } }""")
    assert fragment == 1 + 10 * (1 + 1 + 2 * 5)  # the fragment counts at each spread
    inline = cost_of("{ people(first: 10) { edges { node { ... on Person { subordinates(first: 5) { "
                     "... { supervisor { nip } } } } } } } }")
    assert inline == 1 + 10 * (1 + 1 + 5 * (1 + 1))
    # variables count as sent, defaults as declared
    assert cost_of("query($n: Int) { people(first: $n) { edges { node { nip } } } }", n=7) == 1 + 7 * 2
    assert cost_of("query($n: Int = 3) { people(first: $n) { edges { node { nip } } } }") == 1 + 3 * 2
    assert cost_of("{ people { edges { node { nip } } } }") == 1 + 50 * 2  # people's default page


def test_a_chain_of_doubling_fragments_is_measured_in_linear_time():
    n = 60  # 2**60 paths: walked naively this never ends
    fragments = "\n".join(f"fragment F{i} on Person {{ ...F{i + 1} ...F{i + 1} }}" for i in range(n))
    document = f"{{ person(nip: \"x\") {{ ...F0 }} }}\n{fragments}\nfragment F{n} on Person {{ supervisor {{ nip }} }}"
    assert cost_of(document) == 1 + 2 ** n


def test_the_attack_is_over_the_budget_by_far():
    assert cost_of(ATTACK) > 1000 * LIMIT


def _js_constants(text: str) -> dict[str, str]:
    found = {}
    for name, literal in re.findall(r"(?:export\s+)?const\s+(\w+)\s*=\s*(`[^`]*`|'[^']*')", text):
        found[name] = literal[1:-1]
    return found


def console_documents() -> dict[str, str]:
    """Every GraphQL document of the console's JS: its string constants with their `${NAME}` filled in, and the
    agency page's document made for a monthly cycle (12 orgPredikat aliases, the most it sends)."""
    files = sorted(JS.rglob("*.js"))
    constants: dict[str, dict[str, str]] = {f.name: _js_constants(f.read_text()) for f in files}
    shared = {k: v for c in constants.values() for k, v in c.items()}
    variables = {"PAGE_SIZE": "25"}
    periods = 12
    variables["vars ? ', ' + vars : ''"] = ", " + ", ".join(f"$p{i}: String!" for i in range(periods))
    variables["aliases"] = " ".join(f"o{i}: orgPredikat(period: $p{i})" for i in range(periods))

    def fill(value: str, own: dict[str, str], depth: int = 0) -> str:
        def one(m: re.Match) -> str:
            key = m.group(1).strip()
            if key in variables:
                return variables[key]
            return fill(own.get(key, shared.get(key, m.group(0))), own, depth + 1)
        return re.sub(r"\$\{([^}]*)\}", one, value) if depth < 5 else value

    documents = {}
    for f in files:
        text = f.read_text()
        own = constants[f.name]
        literals = [(f"{f.name}:{name}", value) for name, value in own.items()]
        literals += [(f"{f.name}:return", m) for m in re.findall(r"return\s*`([^`]*)`", text)]
        for name, value in literals:
            filled = fill(value, own).strip()
            if not re.match(r"^(query|mutation|\{)", filled):
                continue
            try:
                parse(filled)
            except Exception:
                continue
            documents[name] = filled
    return documents


def test_every_console_document_passes_the_budget_with_room():
    documents = console_documents()
    names = set(documents)
    # the pages' documents were all found (a renamed constant would otherwise drop out unnoticed)
    for expected in ("session_documents.js:VIEWER_QUERY", "agency.js:return", "agency.js:PEOPLE", "assessment.js:CONTEXT",
                     "dashboard.js:REPORT", "person.js:PERSON", "measurements.js:TARGETS",
                     "self_assessment.js:PAGE", "catalogue.js:WITH_ERRORS", "survey_documents.js:FORM_QUERY",
                     "measurements.js:RECORD", "assessment.js:FINALIZE", "work_log.js:WEEK", "work_log.js:LOG",
                     "monitoring.js:OVERVIEW", "monitoring.js:MORE", "feedback_card.js:READ", "feedback_card.js:GIVE",
                     "feedback_card.js:ANSWER", "satisfaction_groups.js:QUERY"):
        assert expected in names, sorted(names)
    costs = {name: cost_of(document) for name, document in documents.items()}
    assert max(costs.values()) * 2 <= LIMIT, costs


def test_the_readme_queries_pass_the_budget_with_room():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```graphql\n(.*?)```", readme, re.S)
    documents = []
    for block in blocks:
        # a block holds several documents separated by blank lines
        for part in re.split(r"\n\s*\n", block):
            if part.strip():
                documents.append(part.strip())
    assert len(documents) >= 4
    for document in documents:
        assert cost_of(document) * 2 <= LIMIT, document


# -- through the API, on both databases ------------------------------------------------------------------------------

async def test_the_attack_is_refused_before_any_resolver_or_sql_runs(api, world, sql_counter):
    with sql_counter:
        await api.gql("{ __typename }", token=world.principal)
    authentication = list(sql_counter.statements)  # the bearer token's look-up, before GraphQL runs
    for document in (ATTACK, ATTACK_3):
        with sql_counter:
            errors = await api.errors(document, token=world.principal, nip=PRINCIPAL)
        assert [e["extensions"]["code"] for e in errors] == ["QUERY_TOO_COSTLY"], errors
        message = errors[0]["message"]
        assert f"exceeds the limit of {LIMIT:,}" in message and "query cost " in message
        assert errors[0]["extensions"]["cost"] == cost_of(document) > LIMIT
        # nothing beyond authenticating the token ran: no resolver, no statement
        assert len(sql_counter.statements) == len(authentication), sql_counter.statements
        # without a token not a single statement runs
        with sql_counter:
            body = await api.post(document, {"nip": PRINCIPAL})
        assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
        assert sql_counter.count == 0, sql_counter.statements


async def test_the_most_a_supervisor_may_ask_still_runs(api, world):
    # under the budget: one level of subordinates of each supervisor of the page
    data = await api.gql("""query($nip: String) { people(filter: {supervisor: $nip}, first: 100) { edges { node {
        nip supervisor { nip subordinates { nip } } } } } }""", token=world.principal, nip=PRINCIPAL)
    nodes = [e["node"] for e in data["people"]["edges"]]
    assert len(nodes) == 2 and all(len(n["supervisor"]["subordinates"]) == 2 for n in nodes)


async def test_a_list_over_its_bound_at_run_time_is_an_error_not_cut_short(api, world):
    query = "query($nip: String!, $n: Int) { person(nip: $nip) { nip subordinates(first: $n) { nip } } }"
    data = await api.gql(query, token=world.principal, nip=PRINCIPAL, n=2)
    assert len(data["person"]["subordinates"]) == 2
    body = await api.post(query, {"nip": PRINCIPAL, "n": 1}, token=world.principal)
    assert body["data"]["person"] is None  # never one of the two subordinates only
    [error] = body["errors"]
    assert error["extensions"]["code"] == "LIST_TOO_LONG"
    assert error["message"].startswith("Person.subordinates has more than 1 items")
    assert error["extensions"]["field"] == "Person.subordinates" and error["extensions"]["bound"] == 1
    errors = await api.errors(query, token=world.principal, nip=PRINCIPAL, n=1001)
    assert errors[0]["extensions"]["code"] == "BAD_PAGE_SIZE"


async def test_the_run_time_cap_stops_a_request_whose_estimate_was_wrong(database_url, monkeypatch):
    api, handles = await start_api(database_url, max_query_cost=3)
    try:
        world = await build_world()
        # a wrong estimate (say, a bound declared too small): the static check lets everything through
        monkeypatch.setattr(cost, "operation_cost", lambda *args, **kwargs: 0)
        body = await api.post("{ people { edges { node { nip subordinates { nip } } } } }", token=world.admin)
        codes = {e["extensions"]["code"] for e in body["errors"]}
        assert codes == {"QUERY_TOO_COSTLY"}, body
        assert "resolved more than 3 objects" in body["errors"][0]["message"]
        assert body["data"] is None  # the connection's edges are non-null: nothing half-answered
        small = await api.post("{ cycles { year } }", token=world.admin)
        assert "errors" not in small
    finally:
        await stop_api(handles)


def test_a_spec_with_more_inputs_than_the_bound_of_indicator_inputs_is_refused_at_load(tmp_path):
    from kinerja.specs.loader import MAX_INPUTS, load_spec_file
    from test_specs import GOOD

    assert cost.BOUNDS["Indicator.inputs"] == MAX_INPUTS
    many = "".join(f"      x{i}: {{type: integer, min: 0}}\n" for i in range(MAX_INPUTS - 2 + 1))
    path = tmp_path / "spec.yaml"
    path.write_text(GOOD.replace("      planned: {type: integer, min: 1}\n",
                                 "      planned: {type: integer, min: 1}\n" + many), encoding="utf-8")
    spec, errors = load_spec_file(path)
    assert spec is None
    assert any(e.path == "indicators.0.inputs" and f"at most {MAX_INPUTS} inputs, got {MAX_INPUTS + 1}" in e.message
               for e in errors), errors
    path.write_text(GOOD.replace("      planned: {type: integer, min: 1}\n",
                                 "      planned: {type: integer, min: 1}\n" + many.split("\n", 1)[1]),
                    encoding="utf-8")
    assert load_spec_file(path)[1] == []  # exactly MAX_INPUTS is fine
