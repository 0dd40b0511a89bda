"""Fuzzing the GraphQL API with schemathesis: every root field, generated documents, the real app in production mode.

Schemathesis (hypothesis-graphql underneath) generates each operation from the app's own SDL (introspection is off
in production): random selections, nested fields with their arguments, random argument values. Before a document
is sent, arguments named like the API's identifiers (period, nip, agency, unit, entity, id, indicator, ...) are
steered, three times in four, to values the seeded world knows, so that the fuzzer reaches records and not only
NOT_FOUND. Each answer must show:
- no server error: a status below 500, no INTERNAL error (a masked internal error), nothing logged at ERROR;
- to a token scoped to DINKES (its agency admin, and NURSE, an employee), nothing of another agency: no NIP, name,
  unit, agency code or name, indicator name, or canary text of DISDIK or DPMPTSP (seeded.py), unless the request
  itself carried that string (an echo in an error message is no leak). Writes are fuzzed with the same token
  against a world of their own; there a string counts as sent once any earlier request of that world sent it, since
  a write may have stored it in DINKES's records. ADMIN's answers are checked for server errors only.

Budget: KINERJA_FUZZ_EXAMPLES examples per operation and token (default 12, within the suite's time budget; set
more for a deeper run), shared by the databases of the run:
with PostgreSQL configured, half on SQLite and half on PostgreSQL, each database drawing other documents (seeded, so a
run is repeatable: set KINERJA_FUZZ_SEED to explore others); no shrinking (each step would replay requests against a
database the earlier ones changed): a failure shows the document as drawn. What the fuzzer found is kept
as plain regression tests (FOUND).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import graphql
import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, given, seed as hypothesis_seed, settings
from hypothesis import strategies as st
from schemathesis.generation.feedback import NO_FEEDBACK
from schemathesis.graphql import nodes

from kinerja.graphql.pagination import encode_cursor
from kinerja.graphql.schema import build_schema
from kinerja.settings import Settings
from seeded import (AGENCY_NAMES, ALL_NIPS, CANARY, DINKES_NIPS, NAMES, UNIT_NAMES, UNITS, Seeded, make_env, seed)
from world import NURSE, TEACHER_1

EXAMPLES = int(os.environ.get("KINERJA_FUZZ_EXAMPLES", "12"))
SEED = int(os.environ.get("KINERJA_FUZZ_SEED", "0"))
DATABASES = ("sqlite", "postgres") if os.environ.get("KINERJA_TEST_DATABASE_URL") else ("sqlite",)

# -- the schema and its operations ---------------------------------------------------------------------------------

JSON_NAMES = ["participants", "invited", "graduates", "final_year_students", "on_time", "issued", "x"]
JSON_VALUE = st.one_of(st.integers(-10, 10**6).map(nodes.Int), st.floats(allow_nan=False, allow_infinity=False)
                       .map(nodes.Float), st.text(max_size=8).map(nodes.String), st.just(nodes.Null),
                       st.booleans().map(nodes.Boolean))
# the JSON scalar (measurement inputs): mostly objects of input names to numbers, sometimes anything
schemathesis.graphql.scalar("JSON", st.one_of(
    st.dictionaries(st.sampled_from(JSON_NAMES) | st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True),
                    JSON_VALUE, max_size=4).map(
        lambda d: nodes.Object([graphql.ObjectFieldNode(name=graphql.NameNode(value=k), value=v)
                                for k, v in d.items()])),
    JSON_VALUE, st.lists(JSON_VALUE, max_size=3).map(nodes.List)))

SCHEMA = schemathesis.graphql.from_file(str(build_schema(Settings())))
OPERATIONS = [result.ok().label for result in SCHEMA.get_all_operations()]
QUERIES = [label for label in OPERATIONS if label.startswith("Query.")]
MUTATIONS = [label for label in OPERATIONS if label.startswith("Mutation.")]


def operation(label: str):
    root, name = label.split(".")
    return SCHEMA[root][name]


# -- steering: arguments named like identifiers get values of the world, three times in four -------------------------

CURSORS = [encode_cursor("Citra Lestari", 3), encode_cursor("Gita Permata", 7), encode_cursor("A", 1), "x", ""]
KNOWN: dict[str, list[Any]] = {
    "period": ["2025"] * 3 + ["2025-Q1"] * 3 + ["2025-Q2", "2025-01", "2024", "2026", "2025-Q5", "25", ""],
    "nip": sorted(ALL_NIPS) + [None, None, "", "123", " " + TEACHER_1 + " "],
    "agency": ["DISDIK", "DINKES", "DPMPTSP", "disdik", " DINKES ", "NOPE", "", None, None],
    "unit": ["SDN-001", "SEKRETARIAT", "PKM-BATU10", "sdn-001", "NOPE", "", None],
    "entity": ["person", "agency", "unit", "indicator", "target", "measurement", "assessment", "rating", "org_rating",
               "service_population", "survey_response", "cycle", "api_token", "nope"],
    "id": ["1", "2", "3", TEACHER_1, NURSE, f"{TEACHER_1}/2025", f"{NURSE}/2025", "DISDIK", "DINKES", "DISDIK/SDN-001",
           "DINKES/PKM-BATU10", "DISDIK.PARTISIPASI_MASYARAKAT", "1/2025-Q1", "DISDIK/2025", "DINKES/2025", "2025"],
    "target": ["1", "2", "3", "999", "x"],
    "indicator": ["DISDIK.PARTISIPASI_MASYARAKAT", "DISDIK.KELULUSAN", "DPMPTSP.IZIN_TEPAT_WAKTU", "NOPE.X", ""],
    "code": ["DISHUB", "DISDIK", "DINKES", "X-1", "bad code", ""],
    "search": ["Citra", "Gita", "a", "%", "_", TEACHER_1, NURSE, "1980", "", None],
    "after": CURSORS + [None],
    "year": [2025, 2024, 2026, 2030, 1999],
    "first": [1, 2, 50, 100, 101, 0, -1],
    "population": [1, 900, 0, -5, 100_000_001],
}
ALIASES = {"fromPeriod": "period", "toPeriod": "period", "supervisor": "nip", "servedBy": "nip", "parent": "target",
           "cycle": "year"}


def steer(body: str, draw) -> str:
    """The document with some arguments and input fields named like identifiers set to values of the world."""
    document = graphql.parse(body)

    def value_for(name: str, node: graphql.ValueNode) -> graphql.ValueNode | None:
        values = KNOWN.get(ALIASES.get(name, name))
        if values is None or not isinstance(node, (graphql.StringValueNode, graphql.IntValueNode,
                                                   graphql.NullValueNode)) or not draw(st.integers(0, 3)):
            return None
        value = draw(st.sampled_from(values))
        if value is None:  # null where the argument takes it; a validation error where it does not
            return nodes.Null
        return nodes.Int(value) if isinstance(value, int) else nodes.String(value)

    class Steer(graphql.Visitor):
        def enter_argument(self, node, *_):
            new = value_for(node.name.value, node.value)
            return None if new is None else graphql.ArgumentNode(name=node.name, value=new)

        def enter_object_field(self, node, *_):
            new = value_for(node.name.value, node.value)
            return None if new is None else graphql.ObjectFieldNode(name=node.name, value=new)

    return graphql.print_ast(graphql.visit(document, Steer()))


# -- what another agency's data looks like -------------------------------------------------------------------------

def _indicator_names(agency: str) -> set[str]:
    specs = {"DISDIK": "dinas-pendidikan.yaml", "DPMPTSP": "dpmptsp.yaml"}
    spec = yaml.safe_load((Path(__file__).parent.parent / "indicator_specs" / specs[agency]).read_text("utf-8"))
    return {i["name"] for i in spec["indicators"]}


def _markers() -> set[str]:
    """Strings of DISDIK's and DPMPTSP's records that no DINKES record holds."""
    others = {"DISDIK", "DPMPTSP"}
    found = {n for n in ALL_NIPS - DINKES_NIPS} | {NAMES[n] for n in ALL_NIPS - DINKES_NIPS}
    found |= others | {AGENCY_NAMES[a] for a in others} | {CANARY[a] for a in others}
    found |= {u for u, a in UNITS.items() if a in others} | {u for u, a in UNIT_NAMES.items() if a in others}
    for agency in others:
        found |= _indicator_names(agency)
    return found


MARKERS = _markers()
# Public by design, for anyone: an agency's survey form names the agency and its units (what a citizen sees on its
# survey page). Their answers may show those names of another agency, never its people or their records.
PUBLIC_NAMES = {"Query.surveyForm"}
AGENCY_AND_UNIT_NAMES = {"DISDIK", "DPMPTSP"} | {AGENCY_NAMES[a] for a in ("DISDIK", "DPMPTSP")} | {
    u for u, a in UNITS.items() if a != "DINKES"} | {u for u, a in UNIT_NAMES.items() if a != "DINKES"}


def leaked(response: str, sent: str, markers: set[str] = MARKERS) -> list[str]:
    """Markers in the answer that the request (or, for writes, any earlier request) did not carry itself."""
    sent = sent.lower()
    return sorted(m for m in markers if m in response and m.lower() not in sent)


# -- the run -------------------------------------------------------------------------------------------------------

@dataclass
class World:
    seeded: Seeded
    sent: list[str] = field(default_factory=list)  # every request of this world so far (writes)


async def seeded_world(api) -> World:
    return World(await seed(api))


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def env(request, tmp_path_factory, sqlite_template):
    env = make_env(request, tmp_path_factory, sqlite_template, env="production", feedback_limit=5)
    yield env
    env.close()


def token_of(s: Seeded, who: str) -> str:
    return {"dinkes_admin": s.world.dinkes_admin, "nurse": s.world.nurse, "admin": s.world.admin}[who]


def fuzz(env, caplog, label: str, who: str, world_key: str) -> None:
    api, world = env.use(world_key, seeded_world)
    token = token_of(world.seeded, who)
    scoped = who != "admin"
    strategy = operation(label).as_strategy(feedback=NO_FEEDBACK)

    # this database's share of the budget, and a seed of its own: the databases draw different documents
    share = max(1, EXAMPLES // len(DATABASES))

    @hypothesis_seed(SEED * len(DATABASES) + DATABASES.index(env.kind))
    @settings(max_examples=share, deadline=None, database=None, print_blob=False,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
    @given(case=strategy, data=st.data())
    def run(case, data):
        document = steer(case.body, data.draw)
        caplog.clear()
        response = env.run(api.client.post("/graphql", json={"query": document},
                                           headers={"Authorization": f"Bearer {token}"}))
        text = response.text
        where = f"{label} as {who}\nrequest: {document}\nanswer ({response.status_code}): {text[:3000]}"
        assert response.status_code < 500, where
        body = response.json()
        internal = [e for e in body.get("errors") or () if (e.get("extensions") or {}).get("code") == "INTERNAL"
                    or str(e.get("message", "")).startswith("Internal error")]
        assert not internal, f"internal error: {where}"
        logged = [f"{r.name}: {r.getMessage()}\n{r.exc_text or ''}" for r in caplog.records if r.levelno >= logging.ERROR]
        assert not logged, f"logged at ERROR: {where}\n" + "\n".join(logged)
        if scoped:
            if label.startswith("Mutation."):
                world.sent.append(document)
            sent = "\n".join(world.sent + [document])
            leaks = leaked(text, sent, MARKERS - AGENCY_AND_UNIT_NAMES if label in PUBLIC_NAMES else MARKERS)
            assert not leaks, f"{who} sees another agency's {leaks}: {where}"

    run()


def test_every_operation_of_the_schema_can_be_generated():
    """Each root field is fuzzed, and schemathesis can draw a document for it (a new scalar needs a strategy)."""
    schema = build_schema(Settings())._schema
    live = {f"Query.{f}" for f in schema.query_type.fields} | {f"Mutation.{f}" for f in schema.mutation_type.fields}
    assert set(OPERATIONS) == live and len(OPERATIONS) == len(live)
    for label in OPERATIONS:
        drawn: list[str] = []

        @settings(max_examples=1, database=None, derandomize=True, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(case=operation(label).as_strategy(feedback=NO_FEEDBACK))
        def draw(case):
            drawn.append(case.body)

        draw()
        assert drawn and label.split(".")[1] in drawn[0], (label, drawn)


def test_the_leak_check_sees_another_agencys_data():
    """The oracle itself: an answer naming a DISDIK person, unit or canary is a leak unless the request named it."""
    assert leaked('{"nip": "%s"}' % TEACHER_1, "{ me { role } }") == [TEACHER_1]
    assert leaked('{"name": "Citra Lestari"}', '{ person(nip: "%s") { name } }' % TEACHER_1) == ["Citra Lestari"]
    assert leaked('{"errors": [{"message": "no agency with code \'DISDIK\'"}]}', '{ agency(code: "disdik") { code } }'
                  ) == []
    assert leaked('{"units": [{"code": "SDN-001"}]}', "{ me { role } }") == ["SDN-001"]
    assert leaked('{"comment": "x %s y"}' % CANARY["DISDIK"], "{ me { role } }") == [CANARY["DISDIK"]]
    assert leaked('{"name": "Gita Permata", "nip": "%s", "agency": "DINKES"}' % NURSE, "{ me { role } }") == []


# -- what the fuzzer found: lookups with values the database cannot hold answered INTERNAL -------------------------
# (class, the request, the token). Each must be an ordinary answer: not found, or a coded error of the argument.
T1 = TEACHER_1
FOUND = [
    # strings longer than their column reach an ORM filter: tortoise validates the length and raises
    ("nip-too-long", '{ person(nip: "0000000000000000000") { nip } }', "dinkes_admin"),
    ("nip-too-long", '{ suggestedResultRating(nip: "0000000000000000000", period: "") { reason } }', "dinkes_admin"),
    ("nip-too-long", '{ assessments(period: "2025", nip: "0000000000000000000") { id } }', "admin"),
    ("nip-too-long", '{ assessmentContext(nip: "0000000000000000000", period: "2025") { headsUnit } }', "admin"),
    ("nip-too-long", '{ people(filter: {supervisor: "0000000000000000000"}) { totalCount } }', "admin"),
    ("nip-too-long", 'mutation { finalizeRating(input: {nip: "0000000000000000000", period: "2025"}) '
                     '{ errors { code } } }', "admin"),
    ("nip-too-long", 'mutation { upsertPeople(input: [{nip: "0000000000000000000", name: "x", employmentType: PNS, '
                     'position: "x", agency: "DINKES"}]) { errors { code } } }', "dinkes_admin"),
    ("period-too-long", '{ measurements(period: "2025-Q1-extra") { id } }', "admin"),
    ("period-too-long", '{ suggestedResultRating(nip: "%s", period: "2025-Q1-extra") { reason } }' % T1, "admin"),
    ("period-too-long", '{ person(nip: "%s") { rating(period: "2025-Q1-extra") { predikat } } }' % T1, "admin"),
    ("period-too-long", '{ agencies { orgPredikat(period: "PersonInput.agency") } }', "nurse"),
    ("code-grows-on-upper", '{ agency(code: "%s") { code } }' % ("\u00df" * 20), "admin"),
    # PostgreSQL: a NUL character in a text parameter
    ("nul-character", '{ person(nip: "\\u0000") { nip } }', "admin"),
    ("nul-character", '{ people(filter: {search: "a\\u0000"}) { totalCount } }', "dinkes_admin"),
    # PostgreSQL: ids beyond int32 for integer columns
    ("id-beyond-int32", 'mutation { recordMeasurements(input: [{target: "99999999999", period: "2025-Q1", '
                        'inputs: {}}]) { errors { code } } }', "admin"),
    ("id-beyond-int32", '{ auditTrail(entity: "target", id: "99999999999") { action } }', "dinkes_admin"),
    # str.isdigit() holds for digits int() refuses ("²")
    ("digit-int-refuses", 'mutation { recordMeasurements(input: [{target: "\u00b2", period: "2025-Q1", inputs: {}}]) '
                          '{ errors { code } } }', "admin"),
    ("digit-int-refuses", '{ auditTrail(entity: "target", id: "\u00b2") { action } }', "dinkes_admin"),
]


@pytest.mark.parametrize("kind,document,who", FOUND, ids=[f"{k}-{n}" for n, (k, _, _) in enumerate(FOUND)])
def test_found_by_the_fuzzer(env, caplog, kind, document, who):
    api, world = env.use("reads", seeded_world)
    caplog.clear()
    response = env.run(api.client.post("/graphql", json={"query": document},
                                       headers={"Authorization": f"Bearer {token_of(world.seeded, who)}"}))
    assert response.status_code < 500, response.text
    codes = [(e.get("extensions") or {}).get("code") for e in response.json().get("errors") or ()]
    assert "INTERNAL" not in codes, f"{document}\n{response.text}"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


# A DINKES assessment written by ADMIN standing for HEAD (DINKES_HEAD has no supervisor): its assessor is a DISDIK
# person, shown to DINKES's admin with NIP, name, agency, and everything of that agency (units, headcount, predikat).
FOUND_LEAKS = [
    ("assessor-of-another-agency", '{ assessments(period: "2025") { person { nip } assessor { nip name '
                                   'unit { code name } agency { code name headcount orgPredikat(period: "2025") '
                                   'units(first: 20) { code name } } } } }', "dinkes_admin"),  # cost budget
]


@pytest.mark.parametrize("kind,document,who", FOUND_LEAKS, ids=[k for k, _, _ in FOUND_LEAKS])
def test_leak_found_by_the_fuzzer(env, kind, document, who):
    api, world = env.use("reads", seeded_world)
    response = env.run(api.client.post("/graphql", json={"query": document},
                                       headers={"Authorization": f"Bearer {token_of(world.seeded, who)}"}))
    assert response.status_code == 200 and NURSE in response.text, response.text  # it reads DINKES's assessments
    assert not leaked(response.text, document), response.text


READS = [(label, who) for who in ("dinkes_admin", "nurse", "admin") for label in QUERIES]
WRITES = [(label, who) for who in ("dinkes_admin", "admin") for label in MUTATIONS]


@pytest.mark.parametrize("label,who", READS, ids=[f"{label}-{who}" for label, who in READS])
def test_query(env, caplog, label, who):
    fuzz(env, caplog, label, who, "reads")  # queries write nothing: one world for all of them


@pytest.mark.parametrize("label,who", WRITES, ids=[f"{label}-{who}" for label, who in WRITES])
def test_mutation(env, caplog, label, who):
    fuzz(env, caplog, label, who, f"writes as {who}")  # a world per token: ADMIN's writes move anything anywhere
