"""The work log (catatan kinerja): batches of entries checked all-or-nothing and bulk-inserted, and a person's
entries of a date range, newest first, in keyset pages (docs/DOMAIN.md, "Implementation and monitoring").

A batch is checked with a fixed number of statements whatever its size: its people, its cycles, the SKP item keys
of those people and the minutes already stored on the batch's days are each read once, inside the write's
transaction, where the batch's people are locked (PostgreSQL) so that two batches of one person cannot both pass the
24-hour rule."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, AsyncIterator, Iterable, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from kinerja.models import Cycle, Person, SkpItem, WorkLogEntry
from kinerja.services.core import audit, clock, sql
from kinerja.services.core.access import Access, forbidden
from kinerja.services.core.errors import BadArgument, InputError, Problem
from kinerja.services.core.nip import normalize_nip
from kinerja.services.cycles import gate

MAX_BATCH = 500
TEXT_MAX = 1000
URL_MAX = 2000
ITEM_KEY_MAX = 16
NIP_MAX = 18  # person.nip's column: a longer NIP is nobody's
MINUTES_MAX = 24 * 60  # one entry, and one person's day
RANGE_MAX_DAYS = 366
LOG_STATUSES = ("PLANNING", "ACTIVE", "EVALUATION")
_URL = re.compile(r"^https?://[^\s/]+\S*$", re.IGNORECASE)
# PostgreSQL takes a batch as one array per column (one statement); SQLite one multi-row INSERT per chunk
_COLUMNS = ("person_id", "cycle_id", "agency_id", "day", "item_key", "text", "minutes", "evidence_url",
            "recorded_by", "recorded_at")
_PG_TYPES = ("int", "int", "int", "date", "text", "text", "int", "text", "text", "timestamptz")
_SQLITE_ROWS = MAX_BATCH  # 5,000 parameters: under SQLite's limit of 32,766 (since 3.32)


@dataclass(frozen=True)
class WorkLogData:
    nip: str
    day: dt.date
    text: str
    minutes: int
    item_key: str | None = None
    evidence_url: str | None = None


@dataclass
class StoredEntry:
    """An entry as written (or read): the fields the API shows, without a model instance."""

    id: int
    person_id: int
    nip: str
    day: dt.date
    item_key: str | None
    text: str
    minutes: int
    evidence_url: str | None
    recorded_by: str
    recorded_at: dt.datetime


def q(conn: BaseDBAsyncClient, statement: str) -> str:
    """A statement written with `?` marks, in the connection's placeholder style."""
    if not sql.is_postgres(conn):
        return statement
    parts = statement.split("?")
    return "".join(f"{part}${n}" if n < len(parts) else part for n, part in enumerate(parts, start=1))


def day_value(conn: BaseDBAsyncClient, day: dt.date) -> Any:
    """A date as the driver takes it for a DATE column (SQLite keeps ISO text)."""
    return day if sql.is_postgres(conn) else day.isoformat()


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


async def skp_item_keys(conn: BaseDBAsyncClient, pairs: set[tuple[int, int]]) -> dict[tuple[int, int], set[str]]:
    """(person id, cycle id) -> the RHK keys of any revision of that person's SKP of that cycle; a pair without
    an SKP is absent. One statement (the SKP tables are read directly; their service is another's)."""
    if not pairs:
        return {}
    people = sorted({p for p, _ in pairs})
    cycles = sorted({c for _, c in pairs})
    rows = await sql.fetch(conn, q(conn,
        "SELECT s.person_id, s.cycle_id, i.key FROM skp s LEFT JOIN skp_revision r ON r.skp_id = s.id "
        "LEFT JOIN skp_item i ON i.revision_id = r.id "
        f"WHERE s.person_id IN ({', '.join('?' * len(people))}) AND s.cycle_id IN ({', '.join('?' * len(cycles))})"),
        [*people, *cycles])
    found: dict[tuple[int, int], set[str]] = {}
    for row in rows:
        pair = (row["person_id"], row["cycle_id"])
        if pair in pairs:
            keys = found.setdefault(pair, set())
            if row["key"] is not None:
                keys.add(row["key"])
    return found


async def _lock_people(conn: BaseDBAsyncClient, nips: Sequence[str]) -> dict[str, Any]:
    """The batch's people by NIP, locked against another batch of theirs until the commit (PostgreSQL)."""
    if not nips:
        return {}
    lock = " ORDER BY id FOR NO KEY UPDATE" if sql.is_postgres(conn) else ""
    rows = await sql.fetch(conn, q(conn, "SELECT id, nip, agency_id, unit_id, supervisor_id FROM person "
                                         f"WHERE nip IN ({', '.join('?' * len(nips))}){lock}"), list(nips))
    return {r["nip"]: _PersonRow(**r) for r in rows}


@dataclass(frozen=True)
class _PersonRow:
    id: int
    nip: str
    agency_id: int
    unit_id: int | None
    supervisor_id: int | None


async def _day_totals(conn: BaseDBAsyncClient, pairs: set[tuple[int, dt.date]]) -> dict[tuple[int, dt.date], int]:
    """Minutes already stored per (person id, day) of the batch: one statement."""
    if not pairs:
        return {}
    people = sorted({p for p, _ in pairs})
    days = sorted({d for _, d in pairs})
    rows = await sql.fetch(conn, q(conn,
        "SELECT person_id, day, SUM(minutes) AS total FROM work_log_entry "
        f"WHERE person_id IN ({', '.join('?' * len(people))}) AND day IN ({', '.join('?' * len(days))}) "
        "GROUP BY person_id, day"), [*people, *(day_value(conn, d) for d in days)])
    return {(r["person_id"], _as_date(r["day"])): int(r["total"]) for r in rows}


def _text_problems(value: str | None, path: tuple[str, ...], what: str, limit: int) -> tuple[str, list[Problem]]:
    text = (value or "").strip()
    if not text:
        return text, [Problem(path, "REQUIRED", f"{what} must not be empty")]
    if len(text) > limit:
        return text, [Problem(path, "TOO_LONG", f"{what} is {len(text)} characters; at most {limit}",
                              params={"length": len(text), "limit": limit})]
    return text, []


def url_problems(value: str | None, path: tuple[str, ...]) -> tuple[str | None, list[Problem]]:
    if value is None or not value.strip():
        return None, []
    url = value.strip()
    if len(url) > URL_MAX:
        return url, [Problem(path, "TOO_LONG", f"evidence URL is {len(url)} characters; at most {URL_MAX}",
                             params={"length": len(url), "limit": URL_MAX})]
    if not _URL.match(url):
        return url, [Problem(path, "INVALID_URL", "evidence URL must be an http:// or https:// address")]
    return url, []


async def log_work(access: Access, entries: Sequence[WorkLogData]) -> list[StoredEntry]:
    """Record a batch of work-log entries, all or nothing (at most MAX_BATCH). Each entry is the person's own
    (an EMPLOYEE token of that person) or ADMIN's; its day is at most today (clock.today()) and falls in a cycle
    that is PLANNING, ACTIVE or EVALUATION; its item key, when given, is an RHK of any revision of the person's
    SKP of that cycle; a person's day holds at most 24 hours, counting what is stored."""
    if not entries:
        raise InputError.one(["input"], "REQUIRED", "give at least one work-log entry")
    if len(entries) > MAX_BATCH:
        raise InputError.one(["input"], "TOO_MANY", f"at most {MAX_BATCH} entries a call, got {len(entries)}",
                             params={"limit": MAX_BATCH, "count": len(entries)})
    today = clock.today()
    normal = {raw: normalize_nip(raw) for raw in {e.nip for e in entries if e.nip}}
    nips = sorted(set(normal.values()))
    years = sorted({e.day.year for e in entries})
    async with in_transaction() as conn:
        people = await _lock_people(conn, nips)
        cycles = {c.year: c for c in await Cycle.filter(year__in=years).using_db(conn)}
        problems: list[Problem] = []
        checked: list[tuple[int, WorkLogData, Any, Cycle, str, str | None, str | None]] = []
        refused_people: dict[str, Problem] = {}
        for n, entry in enumerate(entries):
            path = ("input", str(n))
            found: list[Problem] = []
            nip = normal.get(entry.nip, "")
            person = people.get(nip)
            if person is not None and not access.may_log_work_for(person):
                if nip not in refused_people:
                    refused_people[nip] = (forbidden((*path, "nip"), "a work log is written by the person themselves or ADMIN",
                                                     params={"action": "write_work_log"})
                                           if await access.can_see_person(person.id, person.agency_id) else None)
                denial = refused_people[nip]
                found.append(Problem((*path, "nip"), denial.code, denial.message) if denial else
                             Problem((*path, "nip"), "NOT_FOUND", f"no person with NIP {entry.nip!r}",
                                     params={"nip": entry.nip}))
                person = None
            elif person is None:
                found.append(Problem((*path, "nip"), "NOT_FOUND", f"no person with NIP {entry.nip!r}",
                                     params={"nip": entry.nip}))
            cycle = cycles.get(entry.day.year)
            if entry.day > today:
                found.append(Problem((*path, "day"), "DAY_IN_FUTURE",
                                     f"{entry.day.isoformat()} is after today ({today.isoformat()})",
                                     params={"day": entry.day.isoformat(), "today": today.isoformat()}))
                cycle = None
            elif cycle is None:
                found.append(Problem((*path, "day"), "OUTSIDE_CYCLE",
                                     f"{entry.day.isoformat()} is in no cycle: there is no cycle {entry.day.year}",
                                     params={"day": entry.day.isoformat(), "year": entry.day.year}))
            else:
                problem = gate.cycle_problem(cycle, cycle.year, LOG_STATUSES, (*path, "day"), "the work log")
                if problem:
                    found.append(problem)
                    cycle = None
            text, text_found = _text_problems(entry.text, (*path, "text"), "text", TEXT_MAX)
            found += text_found
            minutes = entry.minutes
            if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MINUTES_MAX:
                found.append(Problem((*path, "minutes"), "OUT_OF_RANGE",
                                     f"minutes must be a whole number from 1 to {MINUTES_MAX}, got {minutes}",
                                     params={"min": 1, "max": MINUTES_MAX, "value": minutes}))
            url, url_found = url_problems(entry.evidence_url, (*path, "evidenceUrl"))
            found += url_found
            key = entry.item_key.strip().upper() if entry.item_key and entry.item_key.strip() else None
            if key is not None and len(key) > ITEM_KEY_MAX:
                found.append(Problem((*path, "itemKey"), "TOO_LONG",
                                     f"item key is {len(key)} characters; at most {ITEM_KEY_MAX}",
                                     params={"length": len(key), "limit": ITEM_KEY_MAX}))
                key = None
            problems += found
            if person is not None and cycle is not None:
                checked.append((n, entry, person, cycle, text, url if not url_found else None, key))
        keys = await skp_item_keys(conn, {(p.id, c.id) for _, _, p, c, *_ in checked})
        for n, _, person, cycle, _, _, key in checked:
            if key is None:
                continue
            held = keys.get((person.id, cycle.id))
            if held is None:
                problems.append(Problem(("input", str(n), "itemKey"), "NO_SKP",
                                        f"NIP {person.nip} has no SKP in cycle {cycle.year} yet: leave itemKey empty"))
            elif key not in held:
                problems.append(Problem(("input", str(n), "itemKey"), "NOT_FOUND",
                                        f"no RHK {key!r} in the SKP of NIP {person.nip} for cycle {cycle.year}",
                                        params={"what": "rhk", "key": key}))
        totals = await _day_totals(conn, {(p.id, e.day) for _, e, p, *_ in checked})
        added: dict[tuple[int, dt.date], int] = {}
        for n, entry, person, *_ in checked:
            if isinstance(entry.minutes, int) and 1 <= entry.minutes <= MINUTES_MAX:
                day = (person.id, entry.day)
                added[day] = added.get(day, 0) + entry.minutes
                total = totals.get(day, 0) + added[day]
                if total > MINUTES_MAX:
                    problems.append(Problem(("input", str(n), "minutes"), "DAY_OVER_24_HOURS",
                                            f"NIP {person.nip} would have {total} minutes on "
                                            f"{entry.day.isoformat()} (with {totals.get(day, 0)} stored): at most "
                                            f"{MINUTES_MAX} a day",
                                            params={"nip": person.nip, "total": total, "day": entry.day,
                                                    "limit": MINUTES_MAX}))
        if problems:
            raise InputError(problems)
        # the cycles' statuses again, held until the commit: a cycle closed since they were read refuses the batch
        await gate.recheck_each(conn, [(c, ("input", str(n), "day")) for n, _, _, c, *_ in checked],
                                LOG_STATUSES, "the work log")
        at = dt.datetime.now(dt.timezone.utc)
        actor = access.viewer.actor
        rows = [StoredEntry(0, person.id, person.nip, entry.day, key, text, entry.minutes, url, actor, at)
                for _, entry, person, _, text, url, key in checked]
        agencies = {person.id: person.agency_id for _, _, person, *_ in checked}
        cycle_ids = [c.id for _, _, _, c, *_ in checked]
        await _insert(conn, rows, cycle_ids, agencies)
        await audit.append(conn, actor, [audit.Change(
            "work_log.create", "work_log", f"{rows[0].id}-{rows[-1].id}", None,
            {"entries": len(rows), "people": sorted({r.nip for r in rows}),
             "from": min(r.day for r in rows).isoformat(), "to": max(r.day for r in rows).isoformat(),
             "minutes": sum(r.minutes for r in rows)})])
    return rows


async def _insert(conn: BaseDBAsyncClient, rows: list[StoredEntry], cycle_ids: list[int],
                  agencies: dict[int, int]) -> None:
    """Insert the entries (in their order) and set their ids."""
    at = sql.db_datetime(rows[0].recorded_at)

    def values(r: StoredEntry, cycle_id: int) -> list[Any]:
        return [r.person_id, cycle_id, agencies[r.person_id], day_value(conn, r.day), r.item_key, r.text,
                r.minutes, r.evidence_url, r.recorded_by, at]

    if sql.is_postgres(conn):
        columns = [list(c) for c in zip(*(values(r, c) for r, c in zip(rows, cycle_ids)))]
        arrays = ", ".join(f"${n}::{t}[]" for n, t in enumerate(_PG_TYPES, start=1))
        names = ", ".join(_COLUMNS)
        statement = (f"INSERT INTO work_log_entry ({names}) SELECT {names} FROM unnest({arrays}) WITH ORDINALITY "
                     f"AS v({names}, n) ORDER BY n RETURNING id")
        ids = sorted(r["id"] for r in await conn.execute_query_dict(statement, columns))
    else:
        ids = []
        for start in range(0, len(rows), _SQLITE_ROWS):
            chunk = list(zip(rows, cycle_ids))[start:start + _SQLITE_ROWS]
            groups = ", ".join(f"({', '.join('?' * len(_COLUMNS))})" for _ in chunk)
            statement = f"INSERT INTO work_log_entry ({', '.join(_COLUMNS)}) VALUES {groups} RETURNING id"
            found = await conn.execute_query_dict(statement, [v for r, c in chunk for v in values(r, c)])
            ids += sorted(r["id"] for r in found)
    assert len(ids) == len(rows), (len(ids), len(rows))
    for row, new_id in zip(rows, ids):
        row.id = new_id


# -- reading -------------------------------------------------------------------------------------------------------

async def person_in_reach(access: Access, nip: str, argument: str = "nip") -> Person:
    """The person whose work this viewer may follow (may_follow_work_of); NOT_FOUND, exactly as for an unknown NIP,
    otherwise."""
    wanted = normalize_nip(nip or "")
    person = await Person.get_or_none(nip=wanted) if 0 < len(wanted) <= NIP_MAX else None
    if person is None or not access.may_follow_work_of(person):
        raise BadArgument(argument, f"no person with NIP {nip!r}", "NOT_FOUND", params={"nip": nip})
    return person


async def work_log(access: Access, nip: str, start: dt.date, end: dt.date, first: int,
                   after: tuple[str, int] | None = None) -> list[StoredEntry]:
    """A person's entries from `start` to `end` (at most RANGE_MAX_DAYS days), newest first (day, then id), at
    most first + 1 of them after the keyset position `after` (day ISO text, id): the caller pages with the extra
    one. Scoped by may_follow_work_of."""
    if end < start:
        raise BadArgument("to", f"to ({end.isoformat()}) is before from ({start.isoformat()})", "INVALID_RANGE",
                          params={"end": end.isoformat(), "start": start.isoformat()})
    if (end - start).days + 1 > RANGE_MAX_DAYS:
        raise BadArgument("to", f"a range is at most {RANGE_MAX_DAYS} days; this one is {(end - start).days + 1}",
                          "RANGE_TOO_LONG", params={"limit": RANGE_MAX_DAYS, "days": (end - start).days + 1})
    person = await person_in_reach(access, nip)
    query = WorkLogEntry.filter(person_id=person.id, day__gte=start, day__lte=end)
    if after is not None:
        try:
            day = dt.date.fromisoformat(after[0])
        except ValueError:
            raise BadArgument("after", "after is not a cursor of this list; use a cursor it gave", "BAD_CURSOR") from None
        from tortoise.expressions import Q
        query = query.filter(Q(day__lt=day) | Q(day=day, id__lt=after[1]))
    rows = await query.order_by("-day", "-id").limit(first + 1)
    return [StoredEntry(r.id, person.id, person.nip, r.day, r.item_key, r.text, r.minutes, r.evidence_url,
                        r.recorded_by, r.recorded_at) for r in rows]


async def item_results(person_id: int, years: Iterable[int]) -> dict[tuple[int, str], str]:
    """(cycle year, RHK key) -> the RHK's work result as the latest revision of the person's SKP that holds the key
    says it: what an entry's item key names (the work log's export). One statement."""
    wanted = sorted(set(years))
    if not wanted:
        return {}
    rows = await SkpItem.filter(revision__skp__person_id=person_id, revision__skp__cycle__year__in=wanted).order_by(
        "revision__number").values("key", "work_result", "revision__skp__cycle__year")
    return {(r["revision__skp__cycle__year"], r["key"]): r["work_result"] for r in rows}  # the latest wins


async def work_log_pages(access: Access, nip: str, start: dt.date, end: dt.date, page: int
                         ) -> AsyncIterator[list[StoredEntry]]:
    """Every entry of `work_log`'s range, newest first, `page` at a time (its checks, before the first page)."""
    after: tuple[str, int] | None = None
    while True:
        rows = await work_log(access, nip, start, end, page, after)
        yield rows[:page]
        if len(rows) <= page:
            return
        last = rows[page - 1]
        after = (last.day.isoformat(), last.id)
