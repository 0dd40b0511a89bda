"""Continuous performance feedback: given by the direct supervisor (peers only with KINERJA_PEER_FEEDBACK), ADMIN;
on an RHK or a work-log entry of a period; answered once by the person; read with the work log's scope."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import start_api, stop_api
from kinerja.models import AuditEvent, PerformanceFeedback, Person
from work_log_helpers import ANSWER, GIVE, LOG, TODAY, activate, counts, entry, give_skp, problems
from world import CLERK, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, nip

UNKNOWN = nip(99, birth="19900101", appointed="201501")
READ = """query($nip: String!, $period: String!, $first: Int) { performanceFeedback(nip: $nip, period: $period,
  first: $first) { id period itemKey givenBy text answer } }"""


@pytest.fixture
async def api(database_url):
    api, handles = await start_api(database_url, today=TODAY)
    yield api
    await stop_api(handles)


async def give(api, token, **fields) -> dict:
    return (await api.gql(GIVE, token=token, input={"nip": TEACHER_1, "period": "2025-Q2",
                                                     "text": "Laporan tepat waktu, pertahankan.", **fields}))[
        "givePerformanceFeedback"]


async def answer(api, token, feedback_id, text="Terima kasih, Pak.") -> dict:
    return (await api.gql(ANSWER, token=token, id=feedback_id, text=text))["answerPerformanceFeedback"]


async def test_the_supervisor_gives_feedback_on_an_rhk_and_the_person_answers_once(api, world):
    await give_skp(TEACHER_1, [["R1", "R2"]])
    done = await give(api, world.principal, itemKey="r2")
    assert done["errors"] == []
    feedback = done["feedback"]
    assert (feedback["nip"], feedback["period"], feedback["itemKey"], feedback["givenBy"], feedback["givenByName"],
            feedback["givenOn"], feedback["answer"]) == (TEACHER_1, "2025-Q2", "R2", PRINCIPAL, "Budi Santoso",
                                                         TODAY, None)
    stored = await PerformanceFeedback.get(id=int(feedback["id"]))
    assert stored.given_on == dt.date(2025, 5, 20) and stored.given_by_id == (await Person.get(nip=PRINCIPAL)).id
    event = await AuditEvent.all().order_by("-id").first()
    assert event.action == "performance_feedback.give" and event.entity_id == feedback["id"]

    # the principal may not answer for the teacher; the nurse does not see it at all
    before = await counts()
    assert problems(await answer(api, world.principal, feedback["id"])) == [(["id"], "FORBIDDEN")]
    assert problems(await answer(api, world.nurse, feedback["id"])) == [(["id"], "NOT_FOUND")]
    assert problems(await answer(api, world.teacher, feedback["id"], "  ")) == [(["text"], "REQUIRED")]
    assert problems(await answer(api, world.teacher, "999999")) == [(["id"], "NOT_FOUND")]
    assert await counts() == before
    answered = await answer(api, world.teacher, feedback["id"])
    assert answered["errors"] == [] and answered["feedback"]["answer"] == "Terima kasih, Pak."
    again = await answer(api, world.teacher, feedback["id"], "Sekali lagi")
    assert problems(again) == [(["id"], "ALREADY_ANSWERED")]
    assert (await PerformanceFeedback.get(id=int(feedback["id"]))).answer == "Terima kasih, Pak."


async def test_feedback_on_a_work_log_entry_takes_its_rhk(api, world):
    await give_skp(TEACHER_1, [["R1"]])
    logged = (await api.gql(LOG, token=world.teacher, input=[entry(TEACHER_1, itemKey="R1")]))["logWork"]
    entry_id = logged["entries"][0]["id"]
    done = await give(api, world.principal, workLogEntry=entry_id)
    assert done["errors"] == [] and done["feedback"]["workLogEntry"] == entry_id
    assert done["feedback"]["itemKey"] == "R1"
    # ADMIN gives feedback too (an API token: no person behind it)
    by_admin = await give(api, world.admin, period="2025")
    assert by_admin["errors"] == [] and by_admin["feedback"]["givenBy"] is None


async def test_every_bad_input_is_named_and_nothing_is_written(api, world):
    await give_skp(TEACHER_1, [["R1", "R2"]])
    theirs = (await api.gql(LOG, token=world.admin, input=[entry(TEACHER_2)]))["logWork"]["entries"][0]["id"]
    mine = (await api.gql(LOG, token=world.teacher, input=[entry(TEACHER_1, itemKey="R1")]))["logWork"]
    before = await counts()
    cases = [
        ({"period": "2025-Q5"}, [(["input", "period"], "INVALID_PERIOD")]),
        ({"period": "2025-05"}, [(["input", "period"], "INVALID_PERIOD")]),  # a QUARTERLY cycle has no months
        ({"period": "2024"}, [(["input", "period"], "NOT_FOUND")]),
        ({"text": " "}, [(["input", "text"], "REQUIRED")]),
        ({"text": "x" * 2001}, [(["input", "text"], "TOO_LONG")]),
        ({"itemKey": "R7"}, [(["input", "itemKey"], "NOT_FOUND")]),
        ({"workLogEntry": theirs}, [(["input", "workLogEntry"], "NOT_FOUND")]),  # another person's entry
        ({"workLogEntry": "12345678901234"}, [(["input", "workLogEntry"], "NOT_FOUND")]),
        ({"workLogEntry": mine["entries"][0]["id"], "itemKey": "R2"}, [(["input", "itemKey"], "ITEM_MISMATCH")]),
        ({"nip": UNKNOWN}, [(["input", "nip"], "NOT_FOUND")]),
    ]
    for fields, expected in cases:
        assert problems(await give(api, world.principal, **fields)) == expected, fields
    assert await counts() == before


async def test_feedback_outside_ones_reach_reads_as_an_unknown_person(api, world):
    head = await start_token(HEAD)
    before = await counts()
    unknown = (await give(api, world.principal, nip=UNKNOWN))["errors"]
    for token, who in ((world.nurse, TEACHER_1), (world.teacher, TEACHER_2), (world.dinkes_admin, TEACHER_1),
                       (world.principal, NURSE)):
        errors = (await give(api, token, nip=who))["errors"]
        assert [(e["path"], e["code"], e["message"].replace(who, UNKNOWN)) for e in errors] == \
               [(e["path"], e["code"], e["message"]) for e in unknown], (who, errors)
    # those who see the person without being their supervisor: refused by name
    for token in (world.teacher, world.disdik_admin):
        assert problems(await give(api, token)) == [(["input", "nip"], "FORBIDDEN")]  # oneself; the agency admin
    assert problems(await give(api, head)) == [(["input", "nip"], "FORBIDDEN")]  # HEAD: not the direct supervisor
    assert await counts() == before


async def start_token(n: str) -> str:
    from kinerja.services.auth import tokens

    return await tokens.create_token("EMPLOYEE", nip=n)


async def test_a_closed_cycle_takes_no_feedback_and_no_answer(api, world):
    feedback = (await give(api, world.principal))["feedback"]
    await activate(api, world, "CLOSED")
    before = await counts()
    assert problems(await give(api, world.principal)) == [(["input", "period"], "CYCLE_CLOSED")]
    assert problems(await answer(api, world.teacher, feedback["id"])) == [(["id"], "CYCLE_CLOSED")]
    assert await counts() == before
    assert (await PerformanceFeedback.get(id=int(feedback["id"]))).answer is None


async def test_feedback_is_read_with_the_work_logs_scope(api, world):
    for text in ("Pertama", "Kedua"):
        assert (await give(api, world.principal, text=text))["errors"] == []
    assert (await give(api, world.principal, period="2025-Q1"))["errors"] == []
    for token in (world.teacher, world.principal, world.disdik_admin, world.admin):
        rows = (await api.gql(READ, token=token, nip=TEACHER_1, period="2025-Q2"))["performanceFeedback"]
        assert [r["text"] for r in rows] == ["Pertama", "Kedua"]
    for token, who in ((world.nurse, TEACHER_1), (world.dinkes_admin, TEACHER_1), (world.teacher, TEACHER_2),
                       (world.admin, UNKNOWN)):
        errors = await api.errors(READ, token=token, nip=who, period="2025-Q2")
        assert (errors[0]["extensions"]["code"], errors[0]["message"]) == ("NOT_FOUND", f"no person with NIP {who!r}")
    errors = await api.errors(READ, token=world.teacher, nip=TEACHER_1, period="Q2")
    assert errors[0]["extensions"]["code"] == "INVALID_PERIOD"
    errors = await api.errors(READ, token=world.teacher, nip=TEACHER_1, period="2025-Q2", first=1)
    assert errors[0]["extensions"]["code"] == "LIST_TOO_LONG"  # two of them: never cut short


async def test_peers_of_the_unit_give_feedback_only_when_the_setting_allows(database_url):
    from world import build_world

    for allowed in (False, True):
        api, handles = await start_api(database_url, today=TODAY, peer_feedback=allowed)
        try:
            if not allowed:
                world = await build_world()
            before = await counts()
            done = await give(api, world.teacher, nip=TEACHER_2)  # the same unit, SDN-001
            if allowed:
                assert done["errors"] == [] and done["feedback"]["givenBy"] == TEACHER_1
                # never oneself, and never someone of another unit
                assert problems(await give(api, world.teacher, nip=TEACHER_1)) == [(["input", "nip"], "FORBIDDEN")]
                assert problems(await give(api, world.teacher, nip=CLERK)) == [(["input", "nip"], "NOT_FOUND")]
            else:
                assert problems(done) == [(["input", "nip"], "NOT_FOUND")]
                assert await counts() == before
        finally:
            await stop_api(handles)
