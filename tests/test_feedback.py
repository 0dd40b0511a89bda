"""The public survey through GraphQL: submitFeedback checks and rate limit, the satisfaction index, populations."""

import asyncio
import datetime as dt

import httpx

from conftest import Api, start_api, stop_api
from kinerja.models import AuditEvent, ServicePopulation, SurveyResponse
from world import NURSE, TEACHER_1, build_world

SUBMIT = """mutation($input: FeedbackInput!) {
  submitFeedback(input: $input) { accepted errors { path code message } } }"""
INDEX = """query($period: String!, $agency: String, $unit: String) {
  satisfaction(period: $period, agency: $agency, unit: $unit) {
    period respondents elementAverages index grade label requiredSample sufficientSample } }"""
POPULATION = """mutation($agency: String!, $unit: String, $population: Int!) {
  setServicePopulation(agency: $agency, unit: $unit, population: $population) {
    servicePopulation { agency unit population requiredSample } errors { path code message } } }"""
STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }"


def answer(answers=(4,) * 9, **fields) -> dict:
    return {"agency": "DISDIK", "period": "2025-Q1", "answers": list(answers)} | fields


async def submit(api, **fields) -> dict:
    """submitFeedback without a token."""
    return (await api.gql(SUBMIT, input=answer(**fields)))["submitFeedback"]


async def open_cycle(api, world, *statuses: str) -> None:
    for status in statuses or ("ACTIVE",):
        assert (await api.gql(STATUS, token=world.admin, s=status))["setCycleStatus"]["errors"] == []


async def index(api, token, period="2025-Q1", **where) -> dict:
    return (await api.gql(INDEX, token=token, period=period, **where))["satisfaction"]


async def test_a_public_answer_needs_no_token_and_is_stored(api, world):
    await open_cycle(api, world)
    spaced = f"{TEACHER_1[:8]} {TEACHER_1[8:14]}.{TEACHER_1[14]}.{TEACHER_1[15:]}"
    result = await submit(api, answers=[4, 3, 2, 1, 4, 3, 2, 1, 4], unit="sdn-001", service="Legalisir ijazah",
                          servedBy=spaced, comment="Pelayanan cepat.")
    assert result == {"accepted": True, "errors": []}
    row = await SurveyResponse.get().prefetch_related("agency", "unit", "cycle", "served_by")
    assert [getattr(row, f"u{i}") for i in range(1, 10)] == [4, 3, 2, 1, 4, 3, 2, 1, 4]
    assert (row.agency.code, row.unit.code, row.cycle.year, row.period) == ("DISDIK", "SDN-001", 2025, "2025-Q1")
    assert (row.service, row.served_by.nip, row.comment) == ("Legalisir ijazah", TEACHER_1, "Pelayanan cepat.")
    # the client address is kept only as a keyed hash, and the audit event holds neither
    assert len(row.client_hash) == 64 and "127.0.0.1" not in row.client_hash
    event = await AuditEvent.get(action="survey.submit")
    assert (event.actor, event.entity, event.entity_id) == ("public", "survey_response", str(row.id))
    assert event.after["answers"] == [4, 3, 2, 1, 4, 3, 2, 1, 4] and event.after["served_by"] == TEACHER_1
    assert "127.0.0.1" not in str(event.after) and row.client_hash not in str(event.after)
    # the limits themselves are accepted: 200 characters of service, 2,000 of comment
    assert (await submit(api, service="s" * 200, comment="c" * 2000))["accepted"] is True


async def test_every_bad_input_names_its_field_and_nothing_is_stored(database_url):
    api, handles = await start_api(database_url, feedback_limit=100)  # every refusal counts against the limit
    try:
        await bad_inputs(api, await build_world())
    finally:
        await stop_api(handles)


async def bad_inputs(api, world):
    await open_cycle(api, world)
    cases = [
        ({"answers": [4] * 8}, "WRONG_COUNT", ["input", "answers"]),
        ({"answers": [4] * 10}, "WRONG_COUNT", ["input", "answers"]),
        ({"answers": [4, 4, 0, 4, 4, 4, 4, 4, 4]}, "OUT_OF_RANGE", ["input", "answers", "2"]),
        ({"answers": [4, 4, 4, 4, 4, 4, 4, 4, 5]}, "OUT_OF_RANGE", ["input", "answers", "8"]),
        ({"agency": "NOPE"}, "NOT_FOUND", ["input", "agency"]),
        ({"agency": "no such agency!"}, "NOT_FOUND", ["input", "agency"]),
        ({"unit": "PKM-BATU10"}, "NOT_FOUND", ["input", "unit"]),  # a unit of another agency
        ({"period": "2025-01"}, "INVALID_PERIOD", ["input", "period"]),  # the cycle is quarterly
        ({"period": "2024-Q1"}, "INVALID_PERIOD", ["input", "period"]),  # no cycle 2024
        ({"period": "Q1"}, "INVALID_PERIOD", ["input", "period"]),
        ({"service": "s" * 201}, "TOO_LONG", ["input", "service"]),
        ({"comment": "c" * 2001}, "TOO_LONG", ["input", "comment"]),
        ({"comment": "nul \x00 byte"}, "INVALID_TEXT", ["input", "comment"]),
    ]
    for fields, code, path in cases:
        result = await submit(api, **fields)
        assert result["accepted"] is False, fields
        assert [(e["code"], e["path"]) for e in result["errors"]] == [(code, path)], (fields, result)
    # several problems are reported together
    result = await submit(api, answers=[0, 4, 4, 4, 4, 4, 4, 4, 9], servedBy=NURSE, comment="c" * 2001)
    assert [(e["code"], e["path"]) for e in result["errors"]] == [
        ("OUT_OF_RANGE", ["input", "answers", "0"]), ("OUT_OF_RANGE", ["input", "answers", "8"]),
        ("TOO_LONG", ["input", "comment"])]
    assert "U1" in result["errors"][0]["message"] and "U9" in result["errors"][1]["message"]
    assert await SurveyResponse.all().count() == 0
    assert await AuditEvent.filter(actor="public").count() == 0


async def test_answers_are_taken_only_while_the_cycle_is_active_or_in_evaluation(api, world):
    result = await submit(api)  # PLANNING
    assert [(e["code"], e["path"]) for e in result["errors"]] == [("CYCLE_STATE", ["input", "period"])]
    await open_cycle(api, world, "ACTIVE")
    assert (await submit(api))["accepted"] is True
    await open_cycle(api, world, "EVALUATION")
    assert (await submit(api, period="2025"))["accepted"] is True
    await open_cycle(api, world, "CLOSED")
    result = await submit(api)
    assert [(e["code"], e["path"]) for e in result["errors"]] == [("CYCLE_CLOSED", ["input", "period"])]
    assert await SurveyResponse.all().count() == 2


async def test_rate_limit_per_client_address(database_url):
    api, handles = await start_api(database_url, feedback_limit=2, feedback_window_seconds=600)
    try:
        world = await build_world()
        await open_cycle(api, world)
        assert (await submit(api, comment="satu"))["accepted"] is True
        assert (await submit(api, comment="dua"))["accepted"] is True
        result = await submit(api, comment="tiga")
        assert result["accepted"] is False
        [error] = result["errors"]
        assert (error["code"], error["path"]) == ("RATE_LIMITED", ["input"])
        assert "try again in 10 minutes" in error["message"] and "Thank you" in error["message"]
        assert sorted(r.comment for r in await SurveyResponse.all()) == ["dua", "satu"]
        # another address has its own allowance
        app = handles[0]._transport.app
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("10.1.2.3", 40000)),
                                     base_url="http://testserver") as other_client:
            other = Api(other_client, api.settings)
            assert (await submit(other, comment="lain"))["accepted"] is True
            # answers sent at the same moment are counted one at a time: still at most the limit
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("10.9.9.9", 40001)),
                                         base_url="http://testserver") as third_client:
                third = Api(third_client, api.settings)
                results = await asyncio.gather(*(submit(third, comment="serentak") for _ in range(5)))
            assert sorted(r["accepted"] for r in results) == [False, False, False, True, True]
            assert await SurveyResponse.filter(comment="serentak").count() == 2
        hashes = {r.comment: r.client_hash for r in await SurveyResponse.all()}
        assert hashes["satu"] == hashes["dua"] != hashes["lain"]
        # answers older than the window no longer count
        await SurveyResponse.filter(comment="satu").update(
            submitted_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=601))
        assert (await submit(api, comment="empat"))["accepted"] is True
        assert (await submit(api, comment="lima"))["errors"][0]["code"] == "RATE_LIMITED"
        assert await SurveyResponse.filter(comment__in=["satu", "dua", "empat", "lima"]).count() == 3
    finally:
        await stop_api(handles)


KEYED = """mutation($input: FeedbackInput!, $key: String) {
  submitFeedback(input: $input, idempotencyKey: $key) { accepted errors { path code message } } }"""


async def test_refused_submissions_count_against_the_limit(database_url):
    """Probing the form costs its place in the limit: a refused submission is counted like an accepted one (in a
    transaction of its own, so an idempotency key's rolled-back transaction does not take the count with it), and
    past the limit a submission's input is not even looked at."""
    from kinerja.models import LoginThrottle

    api, handles = await start_api(database_url, feedback_limit=3, feedback_window_seconds=600)
    try:
        world = await build_world()
        await open_cycle(api, world)
        refused = [{"answers": [5] * 9}, {"agency": "NOPE"}, {"period": "2024-Q1"}]
        for fields in refused:
            result = await submit(api, **fields)
            assert result["accepted"] is False and result["errors"][0]["code"] != "RATE_LIMITED", result
        for fields in [{}, {"agency": "NOPE"}, {"servedBy": NURSE}]:  # a good answer, and more probes
            [error] = (await submit(api, **fields))["errors"]
            assert (error["code"], error["path"]) == ("RATE_LIMITED", ["input"]), fields
            assert "try again in 10 minutes" in error["message"]
        assert await SurveyResponse.all().count() == 0 and await AuditEvent.filter(actor="public").count() == 0
        [row] = await LoginThrottle.filter(key__startswith="survey:")
        assert row.failures == 3 and "127.0.0.1" not in row.key
        # the refusals leave the window together, once the last one is older than the window
        await LoginThrottle.filter(id=row.id).update(
            last_failure_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=601))
        assert (await submit(api, comment="lagi"))["accepted"] is True

        app = handles[0]._transport.app
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("10.4.4.4", 40000)),
                                     base_url="http://testserver") as keyed_client:
            # an idempotency key per probe: its transaction rolls back, the count stays
            keyed = Api(keyed_client, api.settings)
            codes = []
            for n in range(5):
                data = await keyed.gql(KEYED, input=answer(agency="NOPE"), key=f"probe-key-{n:04d}")
                codes.append(data["submitFeedback"]["errors"][0]["code"])
            assert codes == ["NOT_FOUND"] * 3 + ["RATE_LIMITED"] * 2
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("10.5.5.5", 40000)),
                                     base_url="http://testserver") as other_client:
            # refusals sent at the same moment are counted one at a time: at most the limit get an answer
            other = Api(other_client, api.settings)
            results = await asyncio.gather(*(submit(other, agency="NOPE") for _ in range(6)))
            assert sorted(r["errors"][0]["code"] for r in results) == ["NOT_FOUND"] * 3 + ["RATE_LIMITED"] * 3
            # a replay of a stored answer is no new submission; the address's own answers and refusals still add up
            data = await other.gql(KEYED, input=answer(), key="replayed-key")
            assert data["submitFeedback"]["errors"][0]["code"] == "RATE_LIMITED"
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("10.6.6.6", 40000)),
                                     base_url="http://testserver") as replay_client:
            replaying = Api(replay_client, api.settings)
            first = await replaying.gql(KEYED, input=answer(comment="sekali"), key="replayed-key")
            for _ in range(4):
                assert await replaying.gql(KEYED, input=answer(comment="sekali"), key="replayed-key") == first
            assert first["submitFeedback"] == {"accepted": True, "errors": []}
            assert (await submit(replaying, comment="dua"))["accepted"] is True
            assert (await submit(replaying, comment="tiga"))["accepted"] is True
            assert (await submit(replaying, comment="empat"))["errors"][0]["code"] == "RATE_LIMITED"
        assert await SurveyResponse.filter(comment__in=["sekali", "dua", "tiga"]).count() == 3
    finally:
        await stop_api(handles)


async def test_served_by_tells_nobody_who_works_where(database_url):
    """A NIP of the agency, of another agency, an unknown NIP and text that is no NIP get the same answer; only the
    agency's own officer is stored, the rest as no officer."""
    api, handles = await start_api(database_url, feedback_limit=100)
    try:
        world = await build_world()
        await open_cycle(api, world)
        others = [NURSE, "199001012015011999", "12345", "bukan NIP <b>", "1" * 40]
        answers = {given: await submit(api, servedBy=given, comment=given) for given in [TEACHER_1, *others]}
        assert all(a == {"accepted": True, "errors": []} for a in answers.values()), answers
        stored = {r.comment: r.served_by_id for r in await SurveyResponse.all()}
        teacher = await SurveyResponse.get(comment=TEACHER_1).prefetch_related("served_by")
        assert teacher.served_by.nip == TEACHER_1
        assert [stored[given] for given in others] == [None] * len(others)
        # beside another problem too, the answer does not depend on the NIP
        refused = {given: await submit(api, servedBy=given, answers=[5] * 9) for given in [TEACHER_1, *others]}
        assert len({str(r) for r in refused.values()}) == 1, refused
        assert [e["path"] for e in refused[NURSE]["errors"]] == [["input", "answers", str(i)] for i in range(9)]
    finally:
        await stop_api(handles)


async def submit_sample(api, world):
    """Hand-worked sample: DISDIK 2025-Q1 four answer sets (three at SDN-001), Q2 one, DINKES Q1 one."""
    await open_cycle(api, world)
    for answers, unit in [((4,) * 9, "SDN-001"), ((3,) * 9, "SDN-001"), ((4, 3, 2, 1, 4, 3, 2, 1, 4), "SDN-001"),
                          ((2,) * 9, None)]:
        assert (await submit(api, answers=answers, unit=unit))["accepted"] is True
    assert (await submit(api, answers=(1,) * 9, period="2025-Q2"))["accepted"] is True
    assert (await submit(api, answers=(2,) * 9, agency="DINKES"))["accepted"] is True


# DISDIK 2025-Q1, 4 respondents. Element sums: U1 4+3+4+2 = 13, U2 4+3+3+2 = 12, U3 4+3+2+2 = 11, U4 4+3+1+2 = 10,
# then U5-U8 repeat U1-U4 and U9 = 13: total 105. NRR = sum / 4. IKM = 25 × 105 / (9 × 4) = 72.916... -> 72.92, C.
DISDIK_Q1 = {"period": "2025-Q1", "respondents": 4, "index": 72.92, "grade": "C", "label": "Kurang Baik",
             "elementAverages": [3.25, 3.0, 2.75, 2.5, 3.25, 3.0, 2.75, 2.5, 3.25],
             "requiredSample": None, "sufficientSample": False}
# SDN-001 only: 3 respondents, sums 11 10 9 8 11 10 9 8 11 = 87; IKM = 25 × 87 / 27 = 80.555... -> 80.56, B.
SDN_Q1 = {"respondents": 3, "index": 80.56, "grade": "B", "label": "Baik",
          "elementAverages": [11 / 3, 10 / 3, 3.0, 8 / 3, 11 / 3, 10 / 3, 3.0, 8 / 3, 11 / 3]}
# The year 2025 counts Q1 and Q2: 5 respondents, 105 + 9 = 114; IKM = 25 × 114 / 45 = 63.333... -> 63.33, D.
DISDIK_2025 = {"respondents": 5, "index": 63.33, "grade": "D", "label": "Tidak Baik"}
# All agencies in Q1: DISDIK's 4 plus DINKES's all-2: 5 respondents, 105 + 18 = 123; 25 × 123 / 45 = 68.333 -> 68.33, C.
ALL_Q1 = {"respondents": 5, "index": 68.33, "grade": "C"}
# DINKES Q1: one all-2: 25 × 18 / 9 = 50.00, D.
DINKES_Q1 = {"respondents": 1, "index": 50.0, "grade": "D", "elementAverages": [2.0] * 9}


def part(found: dict, expected: dict) -> dict:
    return {k: found[k] for k in expected}


async def test_index_equals_the_hand_worked_numbers(api, world, sql_counter):
    await submit_sample(api, world)
    assert await index(api, world.admin, agency="DISDIK") == DISDIK_Q1
    found = await index(api, world.admin, agency="DISDIK", unit="SDN-001")
    assert part(found, SDN_Q1) == SDN_Q1
    assert part(await index(api, world.admin, "2025", agency="DISDIK"), DISDIK_2025) == DISDIK_2025
    assert part(await index(api, world.admin), ALL_Q1) == ALL_Q1
    assert part(await index(api, world.admin, agency="DINKES"), DINKES_Q1) == DINKES_Q1
    empty = await index(api, world.admin, "2025-Q3", agency="DISDIK")
    assert (empty["respondents"], empty["index"], empty["grade"], empty["label"], empty["sufficientSample"]) == (
        0, 0.0, "-", "Belum ada responden", False)
    # one SQL aggregate, whatever the number of answers
    with sql_counter:
        await index(api, world.admin, agency="DISDIK")
    before = sql_counter.count
    assert sum("SUM(" in s and "COUNT(" in s for s in sql_counter.statements) == 1
    for _ in range(4):  # the default limit is 10 answers an hour from one address: 6 so far
        assert (await submit(api))["accepted"] is True
    with sql_counter:
        assert (await index(api, world.admin, agency="DISDIK"))["respondents"] == 8
    assert sql_counter.count == before


async def test_index_is_scoped_per_role(api, world):
    await submit_sample(api, world)
    # AGENCY_ADMIN and EMPLOYEE: their own agency, also without naming it
    for token in (world.disdik_admin, world.teacher, world.principal):
        assert await index(api, token) == DISDIK_Q1
        assert await index(api, token, agency="disdik") == DISDIK_Q1
        assert part(await index(api, token, unit="SDN-001"), SDN_Q1) == SDN_Q1
        errors = await api.errors(INDEX, token=token, period="2025-Q1", agency="DINKES")
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert part(await index(api, world.nurse), DINKES_Q1) == DINKES_Q1
    assert part(await index(api, world.dinkes_admin), DINKES_Q1) == DINKES_Q1
    errors = await api.errors(INDEX, token=world.nurse, period="2025-Q1", agency="DISDIK", unit="SDN-001")
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    # bad arguments and no token
    for where, code in [({"agency": "DISDIK", "unit": "NOPE"}, "NOT_FOUND"), ({"unit": "SDN-001"}, "REQUIRED")]:
        errors = await api.errors(INDEX, token=world.admin, period="2025-Q1", **where)
        assert errors[0]["extensions"]["code"] == code, where
    errors = await api.errors(INDEX, token=world.admin, period="kuartal 1")
    assert errors[0]["extensions"]["code"] == "INVALID_PERIOD"
    errors = await api.errors(INDEX, period="2025-Q1")
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"


async def set_population(api, token, agency, population, unit=None) -> dict:
    data = await api.gql(POPULATION, token=token, agency=agency, unit=unit, population=population)
    return data["setServicePopulation"]


async def test_service_population_permissions_and_the_sufficient_sample(api, world):
    await submit_sample(api, world)
    # who may set it
    for token, agency, code in [(world.teacher, "DISDIK", "FORBIDDEN"), (world.principal, "DISDIK", "FORBIDDEN"),
                                (world.dinkes_admin, "DISDIK", "NOT_FOUND"),
                                (world.disdik_admin, "NOPE", "NOT_FOUND")]:
        result = await set_population(api, token, agency, 100)
        assert (result["servicePopulation"], [(e["code"], e["path"]) for e in result["errors"]]) == (
            None, [(code, ["agency"])]), token
    errors = await api.errors(POPULATION, agency="DISDIK", population=100)
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    for population, unit, path in [(0, None, "population"), (100_000_001, None, "population"), (10, "NOPE", "unit")]:
        result = await set_population(api, world.disdik_admin, "DISDIK", population, unit)
        assert [(e["code"], e["path"]) for e in result["errors"]] == [
            ("OUT_OF_RANGE" if path == "population" else "NOT_FOUND", [path])]
    assert await ServicePopulation.all().count() == 0

    # N = 4: S = ceil(3.841 × 4 × 0.25 / (0.0025 × 3 + 0.96025)) = ceil(3.841 / 0.96775) = ceil(3.97) = 4
    result = await set_population(api, world.disdik_admin, "DISDIK", 4)
    assert result == {"servicePopulation": {"agency": "DISDIK", "unit": None, "population": 4, "requiredSample": 4},
                      "errors": []}
    found = await index(api, world.teacher)
    assert (found["respondents"], found["requiredSample"], found["sufficientSample"]) == (4, 4, True)
    # the unit has its own population: N = 100 needs 80, it has 3 answers
    result = await set_population(api, world.admin, "DISDIK", 100, "SDN-001")
    assert result["servicePopulation"]["requiredSample"] == 80
    found = await index(api, world.teacher, unit="SDN-001")
    assert (found["respondents"], found["requiredSample"], found["sufficientSample"]) == (3, 80, False)
    # an agency without a population: no required sample, never sufficient
    found = await index(api, world.nurse)
    assert (found["requiredSample"], found["sufficientSample"]) == (None, False)
    # all agencies together have no population
    assert (await index(api, world.admin))["requiredSample"] is None
    # setting it again replaces it (one row per agency, also with a NULL unit), audited with the old value
    result = await set_population(api, world.admin, "DISDIK", 1000)
    assert result["servicePopulation"]["requiredSample"] == 278
    found = await index(api, world.teacher)
    assert (found["requiredSample"], found["sufficientSample"]) == (278, False)
    assert await ServicePopulation.filter(agency__code="DISDIK", unit_id__isnull=True).count() == 1
    assert await ServicePopulation.all().count() == 2
    events = await AuditEvent.filter(action="service_population.set", entity_id="DISDIK").order_by("id")
    assert [(e.before and e.before["population"], e.after["population"]) for e in events] == [(None, 4), (4, 1000)]
    unit_event = await AuditEvent.get(action="service_population.set", entity_id="DISDIK/SDN-001")
    assert unit_event.after["population"] == 100


async def test_a_comment_with_html_is_stored_verbatim(api, world):
    await open_cycle(api, world)
    comment = '  <script>alert("x")</script> &amp; <b>ramah</b>\n\'OK\'  '
    service = "<i>Surat</i> & izin"
    assert (await submit(api, comment=comment, service=service))["accepted"] is True
    row = await SurveyResponse.get()
    assert (row.comment, row.service) == (comment, service)
    event = await AuditEvent.get(action="survey.submit")
    assert (event.after["comment"], event.after["service"]) == (comment, service)
