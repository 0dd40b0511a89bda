"""auditEvents: the audit trail across entities, narrowed by filters, newest first, in pages (the console's
"Jejak Audit"); an agency admin reads its agency's events only, by auditTrail's own rule, with the same identities
hidden."""

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from kinerja.graphql.pagination import encode_cursor
from kinerja.models import AuditEvent
from kinerja.services.core import audit_trail, clock
from world import CLERK, NURSE, TEACHER_1

EVENTS = """query($agency: String, $entity: String, $entityId: String, $action: String, $actor: String,
  $from: Date, $to: Date, $first: Int, $after: String) {
  auditEvents(agency: $agency, entity: $entity, entityId: $entityId, action: $action, actor: $actor, from: $from,
              to: $to, first: $first, after: $after) {
    events { at actor action entity entityId before after hash } nextCursor } }"""
UPSERT = """mutation($input: [PersonInput!]!) { upsertPeople(input: $input) { errors { code message } } }"""


async def rename(api, token, nip, agency, unit, supervisor, name):
    data = await api.gql(UPSERT, token=token, input=[{
        "nip": nip, "name": name, "employmentType": "PNS", "position": "Staf", "agency": agency, "unit": unit,
        "supervisor": supervisor}])
    assert data["upsertPeople"]["errors"] == []


async def renamed_world(api, world):
    """Three renames: CLERK by ADMIN, CLERK by DISDIK's admin, NURSE by DINKES's admin (newest last)."""
    from world import DINKES_HEAD, HEAD
    await rename(api, world.admin, CLERK, "DISDIK", "SEKRETARIAT", HEAD, "Eko Saputra Satu")
    await rename(api, world.disdik_admin, CLERK, "DISDIK", "SEKRETARIAT", HEAD, "Eko Saputra Dua")
    await rename(api, world.dinkes_admin, NURSE, "DINKES", "PKM-BATU10", DINKES_HEAD, "Perawat Baru")


async def events(api, token, **variables):
    return (await api.gql(EVENTS, token=token, **variables))["auditEvents"]


async def every_page(api, token, first, **variables):
    """Every event over all pages, and the number of pages it took."""
    found, after, pages = [], None, 0
    while True:
        page = await events(api, token, first=first, after=after, **variables)
        found += page["events"]
        pages += 1
        assert pages < 500
        if page["nextCursor"] is None:
            return found, pages
        after = page["nextCursor"]


async def test_admin_reads_every_event_newest_first_and_filters_narrow(api, world):
    await renamed_world(api, world)
    page = await events(api, world.admin, first=100)
    stored = await AuditEvent.all().order_by("-id").limit(100)
    assert [e["hash"] for e in page["events"]] == [e.hash for e in stored]
    assert page["events"][0]["action"] == "person.update" and page["events"][0]["entityId"] == NURSE
    # each filter narrows to exactly the stored events it names
    updates = await events(api, world.admin, action="person.update", first=100)
    assert [e["hash"] for e in updates["events"]] == [
        e.hash for e in await AuditEvent.filter(action="person.update").order_by("-id")]
    assert len(updates["events"]) == 3 and updates["nextCursor"] is None
    clerk = await events(api, world.admin, entity="person", entityId=CLERK)
    assert [e["after"]["name"] for e in clerk["events"]] == ["Eko Saputra Dua", "Eko Saputra Satu", "Eko Saputra"]
    agency = await events(api, world.admin, agency="dinkes", first=100)
    assert agency["events"] and {e["entity"] for e in agency["events"]} <= set(audit_trail.AGENCY_OF)
    found = await audit_trail.agencies_of((e["entity"], e["entityId"]) for e in agency["events"])
    dinkes = (await audit_trail.agencies_of([("agency", "DINKES")]))[("agency", "DINKES")]
    assert dinkes is not None and set(found.values()) == {dinkes}
    assert NURSE in {e["entityId"] for e in agency["events"]} and CLERK not in str(agency["events"])
    actor = updates["events"][0]["actor"]  # DINKES admin's token
    by_actor = await events(api, world.admin, actor=actor, first=100)
    assert by_actor["events"] and {e["actor"] for e in by_actor["events"]} == {actor}


async def test_dates_are_days_in_wib(api, world):
    await renamed_world(api, world)
    newest = await AuditEvent.all().order_by("-id").first()
    day = newest.at.astimezone(clock.WIB).date()
    on_day = await events(api, world.admin, action="person.update", **{"from": day.isoformat(), "to": day.isoformat()})
    assert len(on_day["events"]) == 3
    after_day = day + dt.timedelta(days=1)
    assert (await events(api, world.admin, **{"from": after_day.isoformat()}))["events"] == []
    before_day = day - dt.timedelta(days=1)
    assert (await events(api, world.admin, to=before_day.isoformat()))["events"] == []


async def test_agency_admin_reads_its_agency_only_with_identities_hidden(api, world):
    await renamed_world(api, world)
    admin_actor = (await events(api, world.admin, entity="person", entityId=CLERK))["events"][1]["actor"]
    own, pages = await every_page(api, world.disdik_admin, 100)
    assert own and NURSE not in str(own) and "DINKES" not in str(own)
    found = await audit_trail.agencies_of((e["entity"], e["entityId"]) for e in own)
    disdik = {a for a in found.values()}
    assert len(disdik) == 1 and None not in disdik
    # the same events as ADMIN's agency filter, the ADMIN's token hidden
    admins, _ = await every_page(api, world.admin, 100, agency="DISDIK")
    assert [e["hash"] for e in own] == [e["hash"] for e in admins]
    assert admin_actor in str(admins) and admin_actor not in str(own) and "token:hidden" in str(own)
    # the entity trail reads the same as auditTrail; another agency's reads as having none
    assert (await events(api, world.disdik_admin, entity="person", entityId=NURSE))["events"] == []
    assert (await events(api, world.dinkes_admin, entity="person", entityId=CLERK))["events"] == []
    assert (await events(api, world.disdik_admin, entity="cycle"))["events"] == []
    assert (await events(api, world.admin, entity="cycle"))["events"]
    # an actor it may not see reads as having done nothing; ADMIN's filter finds the event
    assert (await events(api, world.disdik_admin, actor=admin_actor))["events"] == []
    assert (await events(api, world.admin, actor=admin_actor, entity="person", entityId=CLERK))["events"]
    # its own agency's code is fine, another agency's is not found
    assert len((await events(api, world.disdik_admin, agency="DISDIK", first=100))["events"]) == min(100, len(own))
    errors = await api.errors(EVENTS, token=world.disdik_admin, agency="DINKES")
    assert errors[0]["extensions"]["code"] == "NOT_FOUND" and errors[0]["path"] == ["auditEvents"]


async def test_pages_follow_each_other_without_gaps(api, world):
    await renamed_world(api, world)
    whole = (await events(api, world.admin, first=100))["events"]
    paged, pages = await every_page(api, world.admin, 3)
    assert [e["hash"] for e in paged] == [e["hash"] for e in whole] and pages >= len(whole) // 3


@pytest.mark.parametrize("token", ["admin", "disdik_admin"])
async def test_a_window_of_events_per_page_misses_none(api, world, monkeypatch, token):
    await renamed_world(api, world)
    whole, _ = await every_page(api, getattr(world, token), 100)
    monkeypatch.setattr(audit_trail, "WINDOW", 4)
    monkeypatch.setattr(audit_trail, "AGENCY_WINDOW", 4)
    monkeypatch.setattr(audit_trail, "AGENCY_BATCH", 2)
    windowed, pages = await every_page(api, getattr(world, token), 50)
    assert [e["hash"] for e in windowed] == [e["hash"] for e in whole]
    assert pages >= await AuditEvent.all().count() // 4  # each page examined 4 events at most
    # a page of a filter that matches few events may be empty and still go on
    first = await events(api, getattr(world, token), action="person.create", first=50)
    assert first["events"] == [] and first["nextCursor"] is not None


async def test_bad_arguments_name_what_is_wrong(api, world):
    for variables, code, argument in [
        ({"first": 0}, "BAD_PAGE_SIZE", "first"), ({"first": 101}, "BAD_PAGE_SIZE", "first"),
        ({"from": "2025-02-01", "to": "2025-01-31"}, "INVALID_RANGE", "to"),
        ({"agency": "NOPE"}, "NOT_FOUND", "agency"),
        ({"after": "not-a-cursor"}, "BAD_CURSOR", "after"),
        ({"after": encode_cursor("Budi", 5)}, "BAD_CURSOR", "after"),
    ]:
        errors = await api.errors(EVENTS, token=world.admin, **variables)
        assert errors[0]["extensions"]["code"] == code, (variables, errors)
        assert argument in errors[0]["message"] or code in ("BAD_PAGE_SIZE", "INVALID_RANGE"), errors
    errors = await api.errors(EVENTS, token=world.admin, action="x" * 65)
    assert errors[0]["extensions"]["code"] == "TOO_LONG" and "action" in errors[0]["message"]


async def test_employees_and_anonymous_callers_are_refused(api, world):
    errors = await api.errors(EVENTS, token=world.teacher, entity="person", entityId=TEACHER_1)
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    errors = await api.errors(EVENTS)
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_agencies_of_reads_each_entity_as_the_trail_does(api, world):
    await renamed_world(api, world)
    pairs = [("agency", " disdik "), ("unit", "DISDIK/SDN-001"), ("indicator", "DISDIK.X"), ("person", CLERK),
             ("rating", f"{CLERK}/2025"), ("org_rating", "DINKES/2025"), ("unit_org_rating", "DINKES/PKM/2025"),
             ("service_population", "DISDIK"), ("cycle", "2025"), ("person", "000"), ("unit", "DISDIK"),
             ("target", "99999999999"), ("assessment", "x")]
    found = await audit_trail.agencies_of(pairs)
    disdik, dinkes = found[("agency", " disdik ")], found[("org_rating", "DINKES/2025")]
    assert disdik and dinkes and disdik != dinkes
    assert [found[p] for p in pairs] == [disdik] * 5 + [dinkes] * 2 + [disdik] + [None] * 5


# -- the console's labels: every action the code writes has its Indonesian label --------------------------------

PACKAGE = Path(__file__).resolve().parents[1] / "platform" / "kinerja"
AUDIT_JS = PACKAGE / "web" / "static" / "js" / "pages" / "audit.js"
# actions written with a computed part: the pattern (each {} a computed part) and every action it makes
COMPUTED = {
    "skp.{}": {"skp.submit", "skp.approve", "skp.return", "skp.revise"},  # skp/approval.py's transitions
    "{}.archive": {"rating.archive", "assessment.archive", "org_rating.archive"},  # evaluation/year_end.py
    "{}.fold": {"rating.fold", "assessment.fold", "org_rating.fold"},
    "assessment.{}": {"assessment.create", "assessment.update"},
}


def written_actions() -> tuple[set[str], set[str]]:
    """The actions the package writes (audit.Change's first argument): its literal texts, and the patterns of the
    computed ones; an argument that is a variable counts every "<entity>.<word>" text of the package."""
    literal, patterns, variable_entities = set(), set(), set()
    trees = [ast.parse(p.read_text()) for p in PACKAGE.rglob("*.py")]
    for tree in trees:
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Change"
                    and getattr(node.func.value, "id", None) == "audit"):
                continue  # not an audit change (history's and revision_diff's Change are their own)
            action, entity = node.args[0], node.args[1]
            if isinstance(action, ast.Name):
                assert isinstance(entity, ast.Constant), ast.unparse(node)
                variable_entities.add(entity.value)
                continue
            pieces = {id(v) for part in ast.walk(action) if isinstance(part, ast.JoinedStr) for v in ast.walk(part)}
            for part in ast.walk(action):
                if isinstance(part, ast.JoinedStr):
                    patterns.add("".join(v.value if isinstance(v, ast.Constant) else "{}" for v in part.values))
                elif isinstance(part, ast.Constant) and isinstance(part.value, str) and id(part) not in pieces:
                    literal.add(part.value)
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(
                    rf"({'|'.join(variable_entities)})\.[a-z_]+", node.value):
                literal.add(node.value)
    return literal, patterns


def test_every_action_the_code_writes_has_an_indonesian_label():
    literal, patterns = written_actions()
    assert patterns == set(COMPUTED), "a computed action: list what it makes in COMPUTED, and label each"
    actions = literal | set().union(*COMPUTED.values())
    assert {"rating.reopen", "credential.set", "indicator_draft.submit", "skp.migrate"} <= actions
    labels = dict(re.findall(r"^\s+'([a-z_]+\.[a-z_]+)': '([^']+)',$", AUDIT_JS.read_text(), re.MULTILINE))
    assert sorted(actions - set(labels)) == []
    for action, label in labels.items():
        assert label and not re.search(r"[a-z]+\.[a-z]+|_", label), (action, label)


def test_every_kind_of_record_the_code_writes_has_an_indonesian_label():
    entities = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Change"
                    and getattr(node.func.value, "id", None) == "audit" and isinstance(node.args[1], ast.Constant)):
                entities.add(node.args[1].value)
    entities |= {"rating", "assessment", "org_rating"}  # evaluation/year_end.py's computed ones
    text = AUDIT_JS.read_text()
    block = text[text.index("export const ENTITY_LABEL"):]
    labels = set(re.findall(r"^  ([a-z_]+): '", block[:block.index("};")], re.MULTILINE))
    assert "rating" in labels and sorted(entities - labels) == []
