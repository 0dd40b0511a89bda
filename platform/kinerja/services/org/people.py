"""People: validated all-or-nothing upserts, and scoped reads (lists, lookups, the supervisor tree)."""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from tortoise.expressions import Q, Subquery
from tortoise.transactions import in_transaction

from kinerja.models import Agency, Assessment, Credential, Person, Unit
from kinerja.services.core import audit
from kinerja.services.core import rollups
from kinerja.services.core import clock, sql
from kinerja.services.org import transfers
from kinerja.services.org.departures import departed_problem
from kinerja.services.core.access import Access, forbidden, refusal
from kinerja.services.core.errors import InputError, Problem, check_name
from kinerja.services.core.nip import PNS, PPPK, InvalidNip, normalize_nip, parse_nip

MAX_BATCH = 500
EMPLOYMENT_TYPES = (PNS, PPPK)
FIELDS = ("nip", "name", "employment_type", "position", "agency", "unit", "supervisor")
EVALUATION = "EVALUATION"  # a cycle in this status: a change of supervisor of a person assessed in it is ADMIN's


class Unchanged(enum.Enum):
    """A field the caller left out: an existing person keeps what is stored, a new person has none. None (an
    explicit null or an empty CSV cell) clears the field."""

    UNCHANGED = "UNCHANGED"


UNCHANGED = Unchanged.UNCHANGED


@dataclass(frozen=True)
class PersonData:
    """One person as given by an API caller or a CSV row (codes and NIPs, not ids); `unit` and `supervisor` may be
    UNCHANGED (left out)."""

    nip: str
    name: str
    employment_type: str
    position: str
    agency: str
    unit: str | None | Unchanged = None
    supervisor: str | None | Unchanged = None


@dataclass
class _Row:
    index: int
    nip: str
    name: str
    employment_type: str
    position: str
    agency: str
    unit: str | None | Unchanged
    supervisor: str | None | Unchanged
    supervisor_changed: bool = True  # False: the stored supervisor (or none) stays, left out or named as it is

    def path(self, field: str) -> tuple[str, ...]:
        return ("input", str(self.index), field)


def _normalize(index: int, item: PersonData) -> _Row:
    unit = item.unit if item.unit is UNCHANGED else (item.unit or "").strip().upper() or None
    if item.supervisor is UNCHANGED:
        supervisor = UNCHANGED
    else:
        supervisor = normalize_nip(item.supervisor) if item.supervisor and item.supervisor.strip() else None
    return _Row(
        index=index,
        nip=normalize_nip(item.nip or ""),
        name=(item.name or "").strip(),
        employment_type=(item.employment_type or "").strip().upper(),
        position=(item.position or "").strip(),
        agency=(item.agency or "").strip().upper(),
        unit=unit,
        supervisor=supervisor,
    )


def snapshot(person: Person, agency_code: str, unit_code: str | None, supervisor_nip: str | None) -> dict:
    return {
        "nip": person.nip,
        "name": person.name,
        "employment_type": person.employment_type,
        "position": person.position,
        "agency": agency_code,
        "unit": unit_code,
        "supervisor": supervisor_nip,
    }


async def _by_nips(nips: Sequence[str]) -> dict[str, Person]:
    found: dict[str, Person] = {}
    for part in sql.chunks(list(nips)):
        for p in await Person.filter(nip__in=list(part)):
            found[p.nip] = p
    return found


@dataclass(frozen=True)
class _Links:
    supervisors: dict[str, str | None]  # nip -> supervisor nip
    agencies: dict[str, int]  # nip -> agency id


async def _ancestor_links(seed_nips: Sequence[str]) -> _Links:
    """nip -> supervisor nip (and agency) for the given people and everyone above them, from the database."""
    links: dict[int, tuple[str, int | None, int]] = {}
    conn = sql.connection()
    for part in sql.chunks(list(seed_nips)):
        rows = await sql.fetch(
            conn,
            "WITH RECURSIVE chain(id, nip, supervisor_id, agency_id) AS ("
            " SELECT id, nip, supervisor_id, agency_id FROM person WHERE nip IN "
            f"({sql.placeholders(conn, len(part))})"
            " UNION SELECT p.id, p.nip, p.supervisor_id, p.agency_id FROM person p"
            " JOIN chain c ON p.id = c.supervisor_id"
            ") SELECT id, nip, supervisor_id, agency_id FROM chain",
            part,
        )
        for r in rows:
            links[r["id"]] = (r["nip"], r["supervisor_id"], r["agency_id"])
    return _Links({nip: (links[sup][0] if sup in links else None) for nip, sup, _ in links.values()},
                  {nip: agency for nip, _, agency in links.values()})


HIDDEN = "(a person you cannot see)"


def _find_loops(access: Access, rows: list[_Row], links: _Links) -> list[Problem]:
    """Every row whose supervisor chain (this batch over the database) comes back to it; the chain names only the
    people the viewer may see (others read as HIDDEN: messages leak nothing of other agencies)."""
    batch = {r.nip: r.supervisor for r in rows}
    db_links = links.supervisors

    def shown(nip: str) -> str:
        agency = links.agencies.get(nip)
        return nip if nip in batch or agency is None or access.can_manage_agency(agency) else HIDDEN

    problems = []
    for r in rows:
        seen = {r.nip}
        current = r.supervisor
        chain = [r.nip]
        while current is not None:
            chain.append(current)
            if current in seen:
                if current == r.nip:
                    problems.append(
                        Problem(r.path("supervisor"), "SUPERVISOR_LOOP",
                                "supervisor chain loops back to this person: " + " -> ".join(map(shown, chain)))
                    )
                break
            seen.add(current)
            current = batch[current] if current in batch else db_links.get(current)
    return problems


async def upsert_people(
    access: Access,
    items: Sequence[PersonData],
    *,
    max_items: int | None = MAX_BATCH,
    progress: Callable[[int], None] | None = None,
    returning: bool = True,
) -> list[Person]:
    """Create or update people by NIP; every problem is reported, and on any problem nothing is written.
    Returns the people as stored, in input order; with returning=False (a bulk import) nothing is read back."""
    if not access.may_change_people:
        raise refusal(["input"], "only ADMIN or an agency admin may change people", params={"action": "change_people"})
    if max_items is not None and len(items) > max_items:
        raise InputError.one(["input"], "TOO_MANY", f"at most {max_items} people a call, got {len(items)}",
                             params={"limit": max_items, "count": len(items)})
    rows = [_normalize(i, item) for i, item in enumerate(items)]
    if not rows:
        return []
    problems: list[Problem] = []
    first_index: dict[str, int] = {}
    for r in rows:
        if r.employment_type not in EMPLOYMENT_TYPES:
            problems.append(Problem(r.path("employment_type"), "INVALID_EMPLOYMENT_TYPE",
                                    f"employment type must be PNS or PPPK, got {r.employment_type!r}"))
        else:
            try:
                parse_nip(r.nip, r.employment_type)
            except InvalidNip as exc:
                problems.append(Problem(r.path("nip"), "INVALID_NIP", f"NIP {r.nip!r}: {exc}", params={"value": r.nip}))
        if r.nip in first_index:
            problems.append(Problem(r.path("nip"), "DUPLICATE",
                                    f"NIP {r.nip} appears more than once in this batch"))
        else:
            first_index[r.nip] = r.index
        problems += check_name(r.name, r.path("name"))
        problems += check_name(r.position, r.path("position"), "position")
        if r.supervisor is not None and r.supervisor == r.nip:
            problems.append(Problem(r.path("supervisor"), "SELF_SUPERVISOR", "nobody supervises themselves"))

    existing = await _by_nips(list(first_index))
    stored = await _stored_relations(existing)
    for r in rows:  # a field left out: what is stored (none for a new person)
        old = existing.get(r.nip)
        if r.unit is UNCHANGED:
            r.unit = stored.unit_codes.get(old.unit_id) if old is not None else None
        now = stored.nips.get(old.supervisor_id) if old is not None else None
        if r.supervisor is UNCHANGED:
            r.supervisor = now
        r.supervisor_changed = r.supervisor != now

    agencies = {a.code: a for a in await Agency.filter(code__in=sorted({r.agency for r in rows}))}
    agency_ids = {a.id for a in agencies.values()}
    units = {(u.agency_id, u.code): u for u in await Unit.filter(agency_id__in=sorted(agency_ids),
                                                                   code__in=sorted({r.unit for r in rows if r.unit}))}
    outside_sups = await _by_nips(sorted({r.supervisor for r in rows if r.supervisor and r.supervisor not in first_index}))

    changing: list[_Row] = []  # rows that set or change a supervisor, each within the viewer's scope
    for r in rows:
        agency = agencies.get(r.agency)
        if agency is None or not access.can_see_agency(agency.id):
            problems.append(Problem(r.path("agency"), "NOT_FOUND", f"no agency with code {r.agency!r}",
                                    params={"what": "agency", "key": r.agency}))
            continue
        if not access.can_manage_agency(agency.id):
            problems.append(forbidden(r.path("agency"), f"not allowed to change people of {agency.code}",
                                      params={"action": "change_people_of_agency"}))
            continue
        old = existing.get(r.nip)
        if old is not None and not access.can_manage_agency(old.agency_id):
            # worded as for any NIP this viewer may not write: nothing tells that the NIP exists, nor where
            problems.append(forbidden(r.path("nip"), f"NIP {r.nip} cannot be written by this account",
                                      params={"action": "write_person"}))
            continue
        if r.unit and (agency.id, r.unit) not in units:
            problems.append(Problem(r.path("unit"), "NOT_FOUND", f"no unit {r.unit!r} in agency {agency.code}",
                                    params={"what": "unit", "key": r.unit, "agency": agency.code}))
        if not r.supervisor_changed or r.supervisor == r.nip:
            continue  # kept as stored, wherever the supervisor is (or SELF_SUPERVISOR, reported above)
        if r.supervisor and r.supervisor != r.nip and r.supervisor not in first_index:
            sup = outside_sups.get(r.supervisor)
            if sup is None or not access.can_manage_agency(sup.agency_id):
                problems.append(Problem(r.path("supervisor"), "NOT_FOUND",
                                        f"no person with NIP {r.supervisor!r} to be the supervisor",
                                        params={"nip": r.supervisor}))
                continue
        # nobody out of service becomes a new supervisor (services/org/departures.py)
        departed = departed_problem(r.path("supervisor"), outside_sups.get(r.supervisor) or existing.get(r.supervisor)
                                    if r.supervisor else None)
        if departed is not None:
            problems.append(departed)
            continue
        changing.append(r)
    problems += await _supervisor_change_problems(access, changing, existing, outside_sups)
    if not problems:
        seeds = sorted({r.supervisor for r in rows if r.supervisor} | set(existing))
        problems += _find_loops(access, rows, await _ancestor_links(seeds))
    if problems:
        raise InputError(problems)

    guarded = [] if access.is_admin else changing  # the supervisor rule binds everyone but ADMIN
    return await _write(access, rows, agencies, units, existing, outside_sups, progress, returning,
                        _Recheck(guarded, existing, outside_sups))


@dataclass(frozen=True)
class _Recheck:
    """The supervisor changes the rule binds, asked again inside the write's transaction."""

    changing: list[_Row]
    existing: dict[str, Person]
    outside_sups: dict[str, Person]


async def _recheck_supervisors(conn: Any, access: Access, recheck: _Recheck) -> None:
    """The supervisor rule again inside the write's transaction. On PostgreSQL the moved people's rows are locked
    FOR UPDATE first (an assessment's insert takes KEY SHARE on its person through the foreign key, so it waits for
    this write, or committed before and is seen), then the cycles that are not CLOSED FOR SHARE (a cycle cannot
    enter EVALUATION until this write commits): an assessment or a move to EVALUATION that lands between the
    checks and the write cannot slip past the rule."""
    if not recheck.changing:
        return
    ids = sorted({recheck.existing[r.nip].id for r in recheck.changing if r.nip in recheck.existing})
    if sql.is_postgres(conn):
        for part in sql.chunks(ids):
            await sql.fetch(conn, f"SELECT id FROM person WHERE id IN ({sql.placeholders(conn, len(part))}) "
                                  "ORDER BY id FOR UPDATE", list(part))
        await sql.fetch(conn, "SELECT id FROM cycle WHERE status <> 'CLOSED' ORDER BY id FOR SHARE", [])
    problems = await _supervisor_change_problems(access, recheck.changing, recheck.existing, recheck.outside_sups,
                                                 conn)
    if problems:
        raise InputError(problems)


@dataclass(frozen=True)
class _Stored:
    nips: dict[int, str]  # the supervisors of the existing people: id -> NIP
    unit_codes: dict[int, str]  # their units: id -> code


async def _stored_relations(existing: dict[str, Person]) -> _Stored:
    nips: dict[int, str] = {}
    for part in sql.chunks(sorted({p.supervisor_id for p in existing.values() if p.supervisor_id})):
        for pid, nip in await Person.filter(id__in=list(part)).values_list("id", "nip"):
            nips[pid] = nip
    unit_ids = sorted({p.unit_id for p in existing.values() if p.unit_id})
    codes = dict(await Unit.filter(id__in=unit_ids).values_list("id", "code")) if unit_ids else {}
    return _Stored(nips, codes)


async def _supervisor_change_problems(access: Access, changing: list[_Row], existing: dict[str, Person],
                                      outside_sups: dict[str, Person], conn: Any = None) -> list[Problem]:
    """Access.may_change_supervisor for every row that sets a new person's supervisor or changes an existing
    person's (to another person or to none); `conn`: inside the write's transaction (see _recheck_supervisors)."""
    moved = sorted(existing[r.nip].id for r in changing if r.nip in existing)
    assessed: set[int] = set()
    for part in sql.chunks(moved):
        assessed.update(await Assessment.filter(person_id__in=list(part), cycle__status=EVALUATION)
                        .using_db(conn).distinct().values_list("person_id", flat=True))
    chosen = {}
    for r in changing:
        new = (outside_sups.get(r.supervisor) or existing.get(r.supervisor)) if r.supervisor else None
        if new is not None:
            chosen[r.nip] = new
    set_by_agency_admin: set[int] = set()  # Credential.set_by_agency_admin of the new supervisors (ADMIN: not asked)
    if not access.is_admin:
        for part in sql.chunks(sorted({p.id for p in chosen.values()})):
            set_by_agency_admin.update(await Credential.filter(person_id__in=list(part), set_by_agency_admin=True)
                                       .using_db(conn).values_list("person_id", flat=True))
    problems = []
    for r in changing:
        old = existing.get(r.nip)
        new = chosen.get(r.nip)
        problem = access.supervisor_change_problem(r.path("supervisor"), new.id if new else None,
                                                   assessed_in_evaluation=old is not None and old.id in assessed,
                                                   set_by_agency_admin=new is not None and new.id in set_by_agency_admin)
        if problem:
            problems.append(problem)
    return problems


async def _write(access, rows, agencies, units, existing, outside_sups, progress, returning=True,
                 recheck: _Recheck | None = None) -> list[Person]:
    by_id_agency = {a.id: a.code for a in await Agency.filter(id__in=sorted({p.agency_id for p in existing.values()}))}
    by_id_unit = {u.id: u.code for u in await Unit.filter(id__in=sorted({p.unit_id for p in existing.values() if p.unit_id}))}
    sup_nips_by_id = {p.id: p.nip for p in outside_sups.values()}
    sup_nips_by_id.update({p.id: p.nip for p in existing.values()})
    missing = sorted({p.supervisor_id for p in existing.values() if p.supervisor_id} - set(sup_nips_by_id))
    for part in sql.chunks(missing):
        for pid, nip in await Person.filter(id__in=list(part)).values_list("id", "nip"):
            sup_nips_by_id[pid] = nip
    ids_by_nip = {p.nip: p.id for p in outside_sups.values()}
    ids_by_nip.update({p.nip: p.id for p in existing.values()})

    now = dt.datetime.now(dt.timezone.utc)
    changes: list[audit.Change] = []
    new_people: list[Person] = []
    updated: list[Person] = []
    placed_before: dict[int, dict] = {}  # where the updated people were: a move is kept as a past assignment
    for r in rows:
        agency = agencies[r.agency]
        unit_id = units[(agency.id, r.unit)].id if r.unit else None
        after = {"nip": r.nip, "name": r.name, "employment_type": r.employment_type, "position": r.position,
                 "agency": agency.code, "unit": r.unit, "supervisor": r.supervisor}
        old = existing.get(r.nip)
        if old is None:
            new_people.append(_NewPerson(r.nip, r.name, r.employment_type, r.position, agency.id, unit_id,
                                         r.supervisor))
            changes.append(audit.Change("person.create", "person", r.nip, None, after))
            continue
        before = snapshot(old, by_id_agency[old.agency_id], by_id_unit.get(old.unit_id),
                          sup_nips_by_id.get(old.supervisor_id))
        if before == after:
            continue
        placed_before[old.id] = {k: getattr(old, k) for k in _PLACEMENT}
        old.name, old.employment_type, old.position = r.name, r.employment_type, r.position
        old.agency_id, old.unit_id, old.updated_at = agency.id, unit_id, now
        updated.append(old)
        changes.append(audit.Change("person.update", "person", r.nip, before, after))

    async with in_transaction() as conn:
        if recheck is not None:
            await _recheck_supervisors(conn, access, recheck)
        # supervisors before their subordinates, so that every new row is inserted with its supervisor's id
        done = 0
        size = INSERT_ROWS_PG if sql.is_postgres(conn) else INSERT_ROWS
        for part in _in_supervisor_order(new_people, ids_by_nip, size):
            ids_by_nip.update(await _insert_people(conn, part, ids_by_nip, now))
            done += len(part)
            if progress:
                progress(done)
        moves = [(p.agency_id, p.unit_id, 1) for p in new_people]
        if updated:
            moves += await _moves(conn, updated)
            wanted = {r.nip: r.supervisor for r in rows}
            for person in updated:
                sup = wanted[person.nip]
                person.supervisor_id = ids_by_nip[sup] if sup else None
            movers = [(placed_before[p.id], p) for p in updated if transfers.moved(placed_before[p.id], p)]
            await transfers.record_upsert_moves(conn, movers, access.viewer.actor, now)
            await Person.bulk_update(updated, fields=["name", "employment_type", "position", "agency_id", "unit_id",
                                                      "supervisor_id", "post_id", "reports_to_post_id", "assigned_since",
                                                      "updated_at"],
                                     batch_size=500, using_db=conn)
        await rollups.add_people(conn, moves)
        await audit.append(conn, access.viewer.actor, changes)
    if progress and not new_people:
        progress(len(rows))
    if not returning:
        return []
    ordered = await _by_nips([r.nip for r in rows])
    return [ordered[r.nip] for r in rows]


@dataclass(frozen=True)
class _NewPerson:
    nip: str
    name: str
    employment_type: str
    position: str
    agency_id: int
    unit_id: int | None
    supervisor: str | None  # NIP


INSERT_ROWS = 500  # SQLite: 10 parameters a row, well under its limit
INSERT_ROWS_PG = 20_000  # PostgreSQL: people a statement takes as arrays (a level of a 100,000-row import: 5 statements)
_PERSON_COLUMNS = ("nip", "name", "employment_type", "position", "agency_id", "unit_id", "supervisor_id",
                   "assigned_since", "created_at", "updated_at")
_PG_TYPES = ("text", "text", "text", "text", "int", "int", "int", "date", "timestamptz", "timestamptz")
# ids follow the input's order (ORDER BY the array position), as the multi-row INSERT gives them
_INSERT_PG = (f"INSERT INTO person ({', '.join(_PERSON_COLUMNS)}) SELECT {', '.join(_PERSON_COLUMNS)} FROM unnest("
              f"{', '.join(f'${n}::{t}[]' for n, t in enumerate(_PG_TYPES, start=1))}) WITH ORDINALITY "
              f"AS p({', '.join(_PERSON_COLUMNS)}, ord) ORDER BY ord RETURNING id, nip")
# where a person is (docs/DOMAIN.md, "Posts, assignments and acting officials"): a change is kept as a past assignment
_PLACEMENT = ("agency_id", "unit_id", "post_id", "position", "supervisor_id", "reports_to_post_id", "assigned_since")


def _in_supervisor_order(new: list[_NewPerson], known: dict[str, int], size: int = INSERT_ROWS
                         ) -> list[list[_NewPerson]]:
    """Chunks of at most `size` new people in which each one's supervisor is known already or in an earlier chunk
    (the batch has no loops: checked before), each one statement of _insert_people: no ORM models, as a model costs
    tens of microseconds."""
    level: dict[str, int] = {}  # 0: supervisor known already (or none); n: n new supervisors above
    by_nip = {p.nip: p for p in new}
    for p in new:
        chain = []
        while p.nip not in level and p.supervisor in by_nip and p.supervisor not in known:
            chain.append(p)
            p = by_nip[p.supervisor]
        base = level.setdefault(p.nip, 0)
        for n, q in enumerate(reversed(chain), 1):
            level[q.nip] = base + n
    chunks: list[list[_NewPerson]] = []
    for _, group in itertools.groupby(sorted(new, key=lambda p: level[p.nip]), key=lambda p: level[p.nip]):
        same = list(group)
        chunks += [same[i:i + size] for i in range(0, len(same), size)]
    return chunks


async def _insert_people(conn, part: list[_NewPerson], ids_by_nip: dict[str, int], now: dt.datetime
                         ) -> dict[str, int]:
    at = Person._meta.fields_map["created_at"].to_db_value(now, Person)
    since = Person._meta.fields_map["assigned_since"].to_db_value(clock.today(), Person)  # the records begin today
    rows = [(p.nip, p.name, p.employment_type, p.position, p.agency_id, p.unit_id,
             ids_by_nip[p.supervisor] if p.supervisor else None, since, at, at) for p in part]
    if sql.is_postgres(conn):
        # one set-based statement for the whole part: each column one array (a bulk import's level of the
        # supervisor tree is one statement, however many people it holds)
        found = await conn.execute_query_dict(_INSERT_PG, [list(column) for column in zip(*rows)])
    else:
        groups = sql.value_groups(conn, len(part), len(_PERSON_COLUMNS))
        found = await conn.execute_query_dict(
            f"INSERT INTO person ({', '.join(_PERSON_COLUMNS)}) VALUES {groups} RETURNING id, nip",
            [value for row in rows for value in row])
    return {r["nip"]: r["id"] for r in found}


async def _moves(conn, updated: list[Person]) -> list[tuple[int, int | None, int]]:
    """The headcount changes of updating these people: their agency and unit as stored now, read again inside
    the transaction (and locked on PostgreSQL, so that a concurrent move of the same person waits and then sees
    this one), -1 there and +1 where they go, for those whose agency or unit changes."""
    going = {p.id: (p.agency_id, p.unit_id) for p in updated}
    lock = " ORDER BY id FOR UPDATE" if sql.is_postgres(conn) else ""
    moves: list[tuple[int, int | None, int]] = []
    for part in sql.chunks(sorted(going)):
        for row in await sql.fetch(conn, f"SELECT id, agency_id, unit_id FROM person WHERE id IN "
                                         f"({sql.placeholders(conn, len(part))}){lock}", part):
            now, then = (row["agency_id"], row["unit_id"]), going[row["id"]]
            if now != then:
                moves += [(*now, -1), (*then, 1)]
    return moves


# Reads, always within the viewer's scope: what it may not see reads as absent.

@dataclass(frozen=True)
class PeopleFilter:
    agency: str | None = None
    unit: str | None = None
    search: str | None = None
    supervisor: str | None = None
    include_departed: bool = False  # people who left the service (services/org/departures.py) are left out


@dataclass(frozen=True)
class PeoplePage:
    people: list[Person]
    has_next: bool
    has_previous: bool = False


async def people_queryset(access: Access, flt: PeopleFilter | None):
    """The scoped, filtered queryset, or None when a filter names something the viewer cannot see."""
    flt = flt or PeopleFilter()
    qs = Person.filter(await access.people_filter())
    if not flt.include_departed:
        qs = qs.filter(left_at__isnull=True)
    agency_id = None
    if flt.agency:
        agency = await Agency.get_or_none(code=flt.agency.strip().upper())
        if agency is None:
            return None
        agency_id = agency.id
        qs = qs.filter(agency_id=agency.id)
    if flt.unit:
        units = Unit.filter(code=flt.unit.strip().upper())
        if agency_id is not None:
            units = units.filter(agency_id=agency_id)
        unit_ids = await units.values_list("id", flat=True)
        if not unit_ids:
            return None
        qs = qs.filter(unit_id__in=list(unit_ids))
    if flt.supervisor:
        sup = await Person.get_or_none(nip=normalize_nip(flt.supervisor))
        if sup is None:
            return None
        qs = qs.filter(supervisor_id=sup.id)
    if flt.search and flt.search.strip():
        qs = qs.filter(await _search(flt.search.strip(), access.agency_filter(), agency_id))
    return qs


SEARCH_WORDS = 5  # words of a search that count; more are ignored
SEARCH_UNITS = 1000  # at most this many units match one word (a city has a few hundred)


async def _search(text: str, agencies: Q, agency_id: int | None) -> Q:
    """People with every word of `text` in their name, position or unit's name (case-insensitive; a word of digits
    also in the NIP), or with the whole text's digits in their NIP ("1985 0101" finds 198501...). A word's units
    are read first (a short list of ids, of the agency asked for or those the viewer sees: `agencies`), so the
    people's filter stays one statement on the person table, beside the scope and the other filters."""
    cond = Q()
    for word in text.split()[:SEARCH_WORDS]:
        either = Q(name__icontains=word) | Q(position__icontains=word)
        units = Unit.filter(name__icontains=word)
        units = (units.filter(agency_id=agency_id) if agency_id is not None
                 else units.filter(agency_id__in=Subquery(Agency.filter(agencies).values("id"))))
        unit_ids = await units.limit(SEARCH_UNITS).values_list("id", flat=True)
        if unit_ids:
            either |= Q(unit_id__in=sorted(unit_ids))
        if word.isdigit():
            either |= Q(nip__contains=word)
        cond &= either
    digits = normalize_nip(text)
    if digits.isdigit():
        cond |= Q(nip__contains=digits)
    return cond


async def list_people(access: Access, qs, first: int, after: tuple[str, int] | None) -> PeoplePage:
    """One keyset page ordered by (name, id); `after` is the (name, id) of the last row seen."""
    if qs is None:
        return PeoplePage([], False)
    if after is not None:
        name, pid = after
        qs = qs.filter(Q(name__gt=name) | Q(name=name, id__gt=pid))
    rows = await qs.order_by("name", "id").limit(first + 1)
    has_next = len(rows) > first
    rows = rows[:first]
    return PeoplePage(rows, has_next)


# the columns a Person answer needs: no timestamps (nothing shows them, and parsing them is costly)
PERSON_COLUMNS = ("id", "agency_id", "unit_id", "supervisor_id", "nip", "name", "employment_type", "position",
                  "left_at", "left_reason")


async def list_people_rows(access: Access, qs, first: int, after: tuple[str, int] | None) -> PeoplePage:
    """list_people as plain rows (dicts of PERSON_COLUMNS) instead of ORM models: same scope, order and keyset."""
    if qs is None:
        return PeoplePage([], False)
    if after is not None:
        name, pid = after
        qs = qs.filter(Q(name__gt=name) | Q(name=name, id__gt=pid))
    rows = await qs.order_by("name", "id").limit(first + 1).values(*PERSON_COLUMNS)
    has_next = len(rows) > first
    return PeoplePage(rows[:first], has_next)


async def list_people_rows_before(access: Access, qs, last: int, before: tuple[str, int] | None) -> PeoplePage:
    """The `last` people before the keyset position `before` (the end of the list without one), in the list's
    order (name, id): paging backwards. has_previous: more come before them; has_next: `before` was given."""
    if qs is None:
        return PeoplePage([], False)
    if before is not None:
        name, pid = before
        qs = qs.filter(Q(name__lt=name) | Q(name=name, id__lt=pid))
    rows = await qs.order_by("-name", "-id").limit(last + 1).values(*PERSON_COLUMNS)
    return PeoplePage(list(reversed(rows[:last])), has_next=before is not None, has_previous=len(rows) > last)


async def people_rows_by_ids(access: Access, ids: Sequence[int]) -> dict[int, dict]:
    """people_by_ids as plain rows (dicts of PERSON_COLUMNS): people outside the viewer's scope are absent."""
    found: dict[int, dict] = {}
    scope = await access.people_filter()
    for part in sql.chunks(sorted(set(ids))):
        for r in await Person.filter(scope, id__in=list(part)).values(*PERSON_COLUMNS):
            found[r["id"]] = r
    return found


async def count_people(qs) -> int:
    return 0 if qs is None else await qs.count()


async def get_person(access: Access, nip: str) -> Person | None:
    person = await Person.get_or_none(nip=normalize_nip(nip or ""))
    if person is None or not await access.can_see_person(person.id, person.agency_id):
        return None
    return person


async def people_by_ids(access: Access, ids: Sequence[int]) -> dict[int, Person]:
    found: dict[int, Person] = {}
    scope = await access.people_filter()
    for part in sql.chunks(sorted(set(ids))):
        for p in await Person.filter(scope, id__in=list(part)):
            found[p.id] = p
    return found


async def subordinates_of(access: Access, ids: Sequence[int]) -> dict[int, list[Person]]:
    """Each supervisor's staff in service, as the viewer may see them (someone who left the service keeps their last
    supervisor on record but is no longer their staff: services/org/departures.py)."""
    grouped: dict[int, list[Person]] = defaultdict(list)
    scope = await access.people_filter()
    for part in sql.chunks(sorted(set(ids))):
        for p in await Person.filter(scope, supervisor_id__in=list(part), left_at__isnull=True).order_by("name", "id"):
            grouped[p.supervisor_id].append(p)
    return grouped
