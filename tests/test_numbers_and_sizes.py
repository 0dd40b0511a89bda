"""Numbers and sizes through the real app: deep JSON and huge number literals refused by the HTTP guard with a
coded 400, measurement inputs and computed values bounded before anything is stored (the achievement rollup
cannot overflow), and the arguments of nested fields measured like root fields'."""

import json

from kinerja.graphql.limits import LIMITS
from kinerja.http.guard import JSON_DEPTH_MAX, JSON_NUMBER_MAX
from kinerja.models import AchievementRollup, AuditEvent, Measurement
from kinerja.services.skp.measurements import INPUT_MAX
from test_targets_measurements import RECORD, STATUS, teacher_target
from world import TEACHER_1

QUERY = "{ __typename }"


async def raw(api, body: str) -> tuple[int, dict]:
    response = await api.client.post("/graphql", content=body.encode(), headers={"Content-Type": "application/json"})
    return response.status_code, response.json()


def coded(status: int, body: dict) -> tuple[int, str]:
    assert set(body) == {"errors"} and body["errors"][0]["message"], body
    assert "Traceback" not in json.dumps(body)
    return status, body["errors"][0]["extensions"]["code"]


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# -- the HTTP guard ---------------------------------------------------------------------------------------------------

async def test_deeply_nested_json_is_a_coded_400_wherever_it_is(api):
    for place in ("variables", "extensions", "other"):
        body = f'{{"query": "{QUERY}", "{place}": {{"x": {nested(100_000)}}}}}'
        assert coded(*await raw(api, body)) == (400, "JSON_TOO_DEEP"), place
    # at the limit (the body is level 1, its object level 2, then the arrays) the request runs
    fits = f'{{"query": "{QUERY}", "extensions": {{"x": {nested(JSON_DEPTH_MAX - 2)}}}}}'
    assert (await raw(api, fits))[0] == 200
    over = f'{{"query": "{QUERY}", "extensions": {{"x": {nested(JSON_DEPTH_MAX - 1)}}}}}'
    assert coded(*await raw(api, over)) == (400, "JSON_TOO_DEEP")
    # brackets inside strings are text, not nesting
    status, body = await raw(api, json.dumps({"query": QUERY, "extensions": {"note": "[" * 10_000}}))
    assert status == 200 and body == {"data": {"__typename": "Query"}}


async def test_huge_number_literals_are_a_coded_400(api):
    for literal in ("1" * 5000, "1" * (JSON_NUMBER_MAX + 1), "-" + "9" * 400, "1." + "5" * 200, "1e999", "NaN",
                    "-Infinity"):
        for place in ("variables", "extensions"):
            body = f'{{"query": "{QUERY}", "{place}": {{"x": {literal}}}}}'
            assert coded(*await raw(api, body)) == (400, "NUMBER_TOO_LONG"), (literal[:10], place)
    fits = f'{{"query": "{QUERY}", "extensions": {{"x": {"9" * JSON_NUMBER_MAX}}}}}'
    assert (await raw(api, fits))[0] == 200


# -- measurement inputs and computed values -------------------------------------------------------------------------

async def record(api, token, target_id, inputs_literal: str) -> dict:
    """recordMeasurements with `inputs` written as a GraphQL literal (the JSON guard never sees it)."""
    query = RECORD.replace("$input: [MeasurementInput!]!", "$t: ID!").replace(
        "recordMeasurements(input: $input)",
        f'recordMeasurements(input: [{{target: $t, period: "2025-Q1", inputs: {inputs_literal}}}])')
    body = await api.post(query, {"t": target_id}, token)
    assert "errors" not in body, body["errors"]  # a UserError in the payload, never an INTERNAL error
    return body["data"]["recordMeasurements"]


async def test_an_input_beyond_the_global_ceiling_is_out_of_range_and_nothing_is_stored(api, world):
    target = await teacher_target(api, world)
    await api.gql(STATUS, token=world.admin, s="ACTIVE")
    events = await AuditEvent.all().count()
    huge = "9" * 400  # an int no double can hold: was an INTERNAL error
    for participants, invited in ((huge, huge), ("5", huge), (f"{INPUT_MAX * 2:.0f}", f"{INPUT_MAX * 4:.0f}")):
        result = await record(api, world.teacher, target["id"],
                              f"{{participants: {participants}, invited: {invited}}}")
        assert not result["measurements"]
        problems = {(tuple(e["path"]), e["code"]) for e in result["errors"]}
        assert (("input", "0", "inputs", "invited"), "OUT_OF_RANGE") in problems, result
        assert all(len(e["message"]) < 300 for e in result["errors"])  # the 400 digits are not echoed
    assert await Measurement.all().count() == 0 and await AuditEvent.all().count() == events
    ok = await record(api, world.teacher, target["id"], "{participants: 60, invited: 80}")
    assert ok["errors"] == [] and ok["measurements"][0]["achievement"] == 100.0


async def test_an_achievement_beyond_the_bound_is_refused_and_the_rollup_keeps_working(api, world):
    """A tiny target made one achievement of 1e13 %; at 9.2e14 % it filled the BIGINT rollup alone and every later
    measurement of the indicator in the agency failed with "bigint out of range"."""
    target = await teacher_target(api, world, value=1e-11)
    await api.gql(STATUS, token=world.admin, s="ACTIVE")
    events = await AuditEvent.all().count()
    result = await record(api, world.teacher, target["id"], "{participants: 80, invited: 80}")
    assert [(e["path"], e["code"]) for e in result["errors"]] == [(["input", "0", "inputs"], "OUT_OF_RANGE")], result
    assert "achievement beyond 1e+06 percent" in result["errors"][0]["message"]
    assert await Measurement.all().count() == 0 and await AuditEvent.all().count() == events
    assert await AchievementRollup.all().count() == 0
    # an ordinary target of the same indicator and agency still measures
    other = await teacher_target(api, world)
    ok = await record(api, world.teacher, other["id"], "{participants: 60, invited: 80}")
    assert ok["errors"] == [] and ok["measurements"][0]["achievement"] == 100.0
    assert [r.achievement_e4 for r in await AchievementRollup.all()] == [100 * 10_000]


# -- arguments of nested fields -----------------------------------------------------------------------------------

async def test_an_over_long_argument_of_a_nested_field_is_refused_and_not_echoed(api, world):
    long = "2" * 400_000
    for query in ('query($p: String!) { agencies { orgPredikat(period: $p) } }',
                  'query($p: String!) { person(nip: "%s") { rating(period: $p) { predikat } } }' % TEACHER_1,
                  'query($p: String!) { agencies { ...A } } fragment A on Agency { orgPredikat(period: $p) }'):
        response = await api.client.post("/graphql", json={"query": query, "variables": {"p": long}},
                                         headers={"Authorization": f"Bearer {world.admin}"})
        assert response.status_code == 200 and len(response.content) < 2000, (query, len(response.content))
        errors = response.json()["errors"]
        assert [(e["extensions"]["code"], e["extensions"]["argument"]) for e in errors] == [("TOO_LONG", "period")]
        assert f"at most {LIMITS['Agency.orgPredikat.period']}" in errors[0]["message"]
    # an inline literal is measured too
    body = await api.post('{ agencies { orgPredikat(period: "%s") } }' % ("9" * 1000), token=world.admin)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["TOO_LONG"]
    # within the limit the nested field answers as before
    data = await api.gql('query($p: String!) { agencies { orgPredikat(period: $p) } }', token=world.admin, p="2025")
    assert all(a["orgPredikat"] is None for a in data["agencies"])
