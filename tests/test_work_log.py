"""The work log (catatan kinerja): logWork all or nothing (day, cycle, RHK key, 24 hours, who), one audit event a
batch, a fixed number of statements whatever the batch's size; workLog's range, order, pages and scope."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import start_api, stop_api
from kinerja.models import AuditEvent, WorkLogEntry
from work_log_helpers import LOG, TODAY, activate, counts, entry, give_skp, problems
from world import CLERK, HEAD, NURSE, TEACHER_1, TEACHER_2, nip

UNKNOWN = nip(99, birth="19900101", appointed="201501")
READ = """query($nip: String!, $from: Date!, $to: Date!, $first: Int, $after: String) {
  workLog(nip: $nip, from: $from, to: $to, first: $first, after: $after) { id day text minutes cursor } }"""


@pytest.fixture
async def api(database_url):
    api, handles = await start_api(database_url, today=TODAY)
    yield api
    await stop_api(handles)


async def log(api, token, *entries) -> dict:
    return (await api.gql(LOG, token=token, input=list(entries)))["logWork"]


async def test_the_person_logs_their_own_work_in_one_batch_with_one_audit_event(api, world):
    await give_skp(TEACHER_1, [["R1"], ["R1", "R2"]])  # two revisions: any revision's keys count
    events = await AuditEvent.all().count()
    done = await log(api, world.teacher,
                     entry(TEACHER_1, "2025-05-19", "Mengajar kelas 4", 240, itemKey="r2",
                           evidenceUrl="https://example.org/foto/1"),
                     entry(TEACHER_1, "2025-05-20", "Rapat guru", 90, itemKey="R1"),
                     entry(TEACHER_1, "2025-01-02", "Piket", 30))
    assert done["errors"] == []
    assert [(e["day"], e["itemKey"], e["minutes"]) for e in done["entries"]] == [
        ("2025-05-19", "R2", 240), ("2025-05-20", "R1", 90), ("2025-01-02", None, 30)]
    assert all(e["recordedBy"] == f"nip:{TEACHER_1}" for e in done["entries"])
    stored = await WorkLogEntry.all().order_by("id")
    assert [str(r.id) for r in stored] == [e["id"] for e in done["entries"]]
    assert [r.day for r in stored] == [dt.date(2025, 5, 19), dt.date(2025, 5, 20), dt.date(2025, 1, 2)]
    assert stored[0].evidence_url == "https://example.org/foto/1"
    assert await AuditEvent.all().count() == events + 1
    event = await AuditEvent.all().order_by("-id").first()
    assert (event.action, event.after["entries"], event.after["minutes"]) == ("work_log.create", 3, 360)


async def test_admin_logs_for_anyone_in_every_open_status(api, world):
    assert (await log(api, world.admin, entry(NURSE), entry(HEAD)))["errors"] == []  # PLANNING
    await activate(api, world, "EVALUATION")
    assert (await log(api, world.admin, entry(NURSE, "2025-05-19")))["errors"] == []
    assert [(r.person_id, r.recorded_by) for r in await WorkLogEntry.all().order_by("id")][-1][1].startswith("token:")
    assert await WorkLogEntry.all().count() == 3


async def test_every_bad_entry_is_named_and_nothing_is_written(api, world):
    await give_skp(TEACHER_1, [["R1"]])
    assert (await log(api, world.teacher, entry(TEACHER_1, "2025-05-18", minutes=1400)))["errors"] == []
    before = await counts()
    done = await log(api, world.teacher,
                     entry(TEACHER_1, "2025-05-21"),                       # 0: tomorrow
                     entry(TEACHER_1, "2024-12-31"),                       # 1: no cycle 2024
                     entry(TEACHER_1, minutes=0),                          # 2
                     entry(TEACHER_1, minutes=1441),                       # 3
                     entry(TEACHER_1, text="   "),                         # 4
                     entry(TEACHER_1, text="x" * 1001),                    # 5
                     entry(TEACHER_1, evidenceUrl="ftp://example.org/a"),  # 6
                     entry(TEACHER_1, evidenceUrl="https://" + "a" * 1995),  # 7: 2003 characters
                     entry(TEACHER_1, itemKey="R9"),                       # 8: not in the SKP
                     entry(TEACHER_1, "2025-05-18", minutes=41),           # 9: 1400 stored + 41
                     entry(UNKNOWN),                                       # 10
                     entry(TEACHER_1, "2025-05-17", minutes=1000),         # 11 and 12: together over 24 hours
                     entry(TEACHER_1, "2025-05-17", minutes=441))
    assert problems(done) == [
        (["input", "0", "day"], "DAY_IN_FUTURE"),
        (["input", "1", "day"], "OUTSIDE_CYCLE"),
        (["input", "2", "minutes"], "OUT_OF_RANGE"),
        (["input", "3", "minutes"], "OUT_OF_RANGE"),
        (["input", "4", "text"], "REQUIRED"),
        (["input", "5", "text"], "TOO_LONG"),
        (["input", "6", "evidenceUrl"], "INVALID_URL"),
        (["input", "7", "evidenceUrl"], "TOO_LONG"),
        (["input", "10", "nip"], "NOT_FOUND"),
        (["input", "8", "itemKey"], "NOT_FOUND"),
        (["input", "9", "minutes"], "DAY_OVER_24_HOURS"),
        (["input", "12", "minutes"], "DAY_OVER_24_HOURS"),
    ]
    assert "1441 minutes" in done["errors"][10]["message"] and "1400 stored" in done["errors"][10]["message"]
    assert done["entries"] == []
    assert await counts() == before


async def test_an_item_key_needs_an_skp_and_the_batch_size_is_capped(api, world):
    before = await counts()
    done = await log(api, world.teacher, entry(TEACHER_1, itemKey="R1"))
    assert problems(done) == [(["input", "0", "itemKey"], "NO_SKP")]
    done = await log(api, world.admin, *[entry(TEACHER_1, minutes=1)] * 501)
    assert problems(done) == [(["input"], "TOO_MANY")]
    done = await log(api, world.admin)
    assert problems(done) == [(["input"], "REQUIRED")]
    assert await counts() == before


async def test_a_closed_cycle_takes_no_log(api, world):
    await activate(api, world, "CLOSED")
    before = await counts()
    done = await log(api, world.admin, entry(TEACHER_1))
    assert problems(done) == [(["input", "0", "day"], "CYCLE_CLOSED")]
    assert await counts() == before


async def test_only_the_person_or_admin_logs_and_out_of_scope_reads_as_unknown(api, world):
    before = await counts()
    unknown = (await log(api, world.teacher, entry(UNKNOWN)))["errors"]
    out_of_scope = (await log(api, world.teacher, entry(TEACHER_2)))["errors"]  # a colleague: not in the teacher's scope
    other_agency = (await log(api, world.nurse, entry(TEACHER_1)))["errors"]
    assert [(e["path"], e["code"], e["message"].replace(TEACHER_2, UNKNOWN)) for e in out_of_scope] == \
           [(e["path"], e["code"], e["message"]) for e in unknown]
    assert [(e["code"], e["message"].replace(TEACHER_1, UNKNOWN)) for e in other_agency] == \
           [(e["code"], e["message"]) for e in unknown]
    assert unknown[0]["code"] == "NOT_FOUND"
    # those who see the person but do not keep their log: refused by name
    assert problems(await log(api, world.principal, entry(TEACHER_1))) == [(["input", "0", "nip"], "FORBIDDEN")]
    assert problems(await log(api, world.disdik_admin, entry(TEACHER_1))) == [(["input", "0", "nip"], "FORBIDDEN")]
    assert problems(await log(api, world.dinkes_admin, entry(TEACHER_1))) == [(["input", "0", "nip"], "NOT_FOUND")]
    assert await counts() == before


async def test_a_batch_of_500_takes_as_many_statements_as_a_batch_of_5(api, world, sql_counter):
    await give_skp(TEACHER_1, [["R1", "R2"]])
    await give_skp(NURSE, [["R1"]])
    people = [TEACHER_1, TEACHER_2, NURSE, CLERK, HEAD]

    def batch(size: int, start: dt.date) -> list[dict]:
        return [entry(people[n % 5], (start - dt.timedelta(days=n // 5)).isoformat(), f"Kegiatan {n}", 5,
                      itemKey="R1" if people[n % 5] in (TEACHER_1, NURSE) else None) for n in range(size)]

    async def statements(entries: list[dict]) -> int:
        with sql_counter:
            done = await log(api, world.admin, *entries)
        assert done["errors"] == [] and len(done["entries"]) == len(entries)
        return sql_counter.count

    small = await statements(batch(5, dt.date(2025, 5, 20)))
    large = await statements(batch(500, dt.date(2025, 5, 19)))
    assert large == small
    assert await WorkLogEntry.all().count() == 505


async def test_work_log_reads_newest_first_in_pages_within_scope(api, world):
    await log(api, world.teacher, *[entry(TEACHER_1, f"2025-05-{d:02d}", f"Hari {d}", 30) for d in range(1, 16)])
    await log(api, world.teacher, entry(TEACHER_1, "2025-05-15", "Sore", 30))
    args = dict(nip=TEACHER_1, **{"from": "2025-05-01", "to": "2025-05-15"})
    first = (await api.gql(READ, token=world.teacher, first=4, **args))["workLog"]
    assert [(e["day"], e["text"]) for e in first] == [("2025-05-15", "Sore"), ("2025-05-15", "Hari 15"),
                                                      ("2025-05-14", "Hari 14"), ("2025-05-13", "Hari 13")]
    second = (await api.gql(READ, token=world.teacher, first=4, after=first[-1]["cursor"], **args))["workLog"]
    assert [e["text"] for e in second] == ["Hari 12", "Hari 11", "Hari 10", "Hari 9"]
    narrow = (await api.gql(READ, token=world.teacher, nip=TEACHER_1, **{"from": "2025-05-02", "to": "2025-05-03"}))
    assert [e["text"] for e in narrow["workLog"]] == ["Hari 3", "Hari 2"]
    for token in (world.principal, world.disdik_admin, world.admin):  # the supervisor, the agency admin, ADMIN
        assert len((await api.gql(READ, token=token, **args))["workLog"]) == 16
    for token, who in ((world.nurse, TEACHER_1), (world.dinkes_admin, TEACHER_1), (world.teacher, TEACHER_2),
                       (world.principal, HEAD), (world.admin, UNKNOWN)):
        errors = await api.errors(READ, token=token, nip=who, **{"from": "2025-05-01", "to": "2025-05-15"})
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"
        assert errors[0]["message"] == f"no person with NIP {who!r}"


async def test_work_log_range_and_page_arguments_are_checked(api, world):
    cases = [({"from": "2025-05-10", "to": "2025-05-09"}, "INVALID_RANGE"),
             ({"from": "2024-01-01", "to": "2025-01-01"}, "RANGE_TOO_LONG"),
             ({"from": "2025-01-01", "to": "2025-01-31", "first": 0}, "BAD_PAGE_SIZE"),
             ({"from": "2025-01-01", "to": "2025-01-31", "first": 101}, "BAD_PAGE_SIZE"),
             ({"from": "2025-01-01", "to": "2025-01-31", "after": "not-a-cursor"}, "BAD_CURSOR")]
    for args, code in cases:
        errors = await api.errors(READ, token=world.teacher, nip=TEACHER_1, **args)
        assert errors[0]["extensions"]["code"] == code, (args, errors)
    # a whole leap year is 366 days: allowed
    assert (await api.gql(READ, token=world.teacher, nip=TEACHER_1, **{"from": "2024-01-01", "to": "2024-12-31"}))


async def test_two_batches_at_once_cannot_both_pass_the_24_hours(api, world):
    import asyncio

    # each fits the day alone; together they would be 1,600 minutes: the person is locked while a batch checks
    first, second = await asyncio.gather(log(api, world.admin, entry(TEACHER_1, minutes=800, text="Pagi")),
                                         log(api, world.teacher, entry(TEACHER_1, minutes=800, text="Sore")))
    assert sorted(problems(first) + problems(second)) == [(["input", "0", "minutes"], "DAY_OVER_24_HOURS")]
    assert sum(r.minutes for r in await WorkLogEntry.filter(day=dt.date(2025, 5, 20))) == 800
