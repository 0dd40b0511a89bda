"""The SKP document: finding a person's SKP of a cycle (scoped), reading a revision's content, and saving the
content of its draft (`save_skp`).

A save creates the SKP (revision 1, DRAFT) or replaces the whole content of the latest revision while it is DRAFT or
RETURNED (a RETURNED one goes back to DRAFT). RHK keys (R1, R2, ...) are assigned to new items in order and kept for
existing ones, across revisions too, so a subordinate's RHK names the supervisor's by key and two revisions compare
item by item. Quantitative indicators have a Target row their measurements attach to: until the SKP has an approved
revision, a save creates, updates and deletes (when unmeasured) those rows at once; afterwards the Targets keep the
values in force and approval writes the new ones (services/skp/approval.py). The workflow is approval.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from kinerja.models import (Cycle, Indicator, Measurement, Person, Skp, SkpExpectation, SkpIndicator, SkpItem,
                            SkpRevision, Target)
from kinerja.plugins.values import CoreValue
from kinerja.services.core import audit
from kinerja.services.core.access import Access, refusal
from kinerja.services.core.errors import InputError, Problem
from kinerja.services.core.nip import normalize_nip
from kinerja.services.cycles import gate
from kinerja.specs import capaian

STATUSES = ("DRAFT", "SUBMITTED", "APPROVED", "RETURNED")
EDITABLE = ("DRAFT", "RETURNED")
KINDS = ("MAIN", "ADDITIONAL")
ASPECTS = ("QUANTITY", "QUALITY", "TIME", "COST")
CORE_VALUES = tuple(v.value for v in CoreValue)
WRITE_STATUSES = ("PLANNING", "ACTIVE")  # the cycle statuses an SKP may change in

MAX_ITEMS = 50  # RHK a revision
MAX_INDICATORS = 10  # indicators an RHK
TEXT_MAX = 500  # work result, intervention, indicator text and expected output, an attachment's text
EXPECTATION_MAX = 1000
ATTACHMENT_LISTS = ("resources", "accountability", "consequences")  # lampiran: sumber daya, skema, konsekuensi
ATTACHMENT_ITEMS = 20
KEY_MAX = 16
NIP_MAX = 32
MAX_REVISIONS = 100  # an SKP opens at most this many revisions in a cycle

_KEY = re.compile(r"R([1-9][0-9]{0,3})")


@dataclass(frozen=True)
class IndicatorData:
    aspect: str
    indicator: str | None = None  # quantitative: an indicator code of the person's agency, with `target`
    target: float | None = None  # ... or a range: target_lower and target_upper
    text: str | None = None  # qualitative: a text, with `expected_output`
    expected_output: str | None = None
    target_lower: float | None = None
    target_upper: float | None = None

    @property
    def ranged(self) -> bool:
        return self.target_lower is not None and self.target_upper is not None

    def target_value(self) -> float:
        """The Target's value: the target, or a range's midpoint."""
        assert self.target is not None or self.ranged
        return capaian.midpoint(self.target_lower, self.target_upper) if self.ranged else float(self.target)


@dataclass(frozen=True)
class ItemData:
    kind: str
    work_result: str
    key: str | None = None
    parent_key: str | None = None
    intervention: str | None = None
    indicators: Sequence[IndicatorData] = ()


@dataclass(frozen=True)
class ExpectationData:
    value: str
    text: str


@dataclass(frozen=True)
class SkpData:
    nip: str
    cycle: int
    items: Sequence[ItemData] = ()
    expectations: Sequence[ExpectationData] = ()
    attachments: dict[str, Sequence[str]] = field(default_factory=dict)


# -- reads -----------------------------------------------------------------------------------------------------

@dataclass
class IndicatorView:
    aspect: str
    indicator_id: int | None
    target_value: float | None
    target_id: int | None
    text: str | None
    expected_output: str | None
    target_lower: float | None = None
    target_upper: float | None = None


@dataclass
class ItemView:
    key: str
    kind: str
    work_result: str
    parent_key: str | None
    intervention: str | None
    indicators: list[IndicatorView]


@dataclass
class Content:
    """One revision's content, items in order."""

    number: int
    status: str
    items: list[ItemView]
    expectations: list[tuple[str, str]]  # (value, text) in CoreValue order
    attachments: dict[str, list[str]]


async def find_person(access: Access, nip: str) -> Person | None:
    """The person of this NIP when the viewer can see them; None for an unknown NIP and one out of scope alike."""
    value = normalize_nip(nip or "")
    if not value or len(value) > NIP_MAX:
        return None
    person = await Person.get_or_none(nip=value)
    if person is None or not await access.can_see_person(person.id, person.agency_id):
        return None
    return person


async def get_skp(access: Access, nip: str, year: int) -> Skp | None:
    """The SKP of the person in the cycle, if the viewer can see the person and it exists."""
    person = await find_person(access, nip)
    if person is None:
        return None
    skp = await Skp.get_or_none(person_id=person.id, cycle__year=year)
    if skp is not None:
        skp.person = person  # the caller names it by NIP
    return skp


async def skp_by_id(skp_id: int) -> Skp | None:
    return await Skp.get_or_none(id=skp_id)


async def revisions_of(skp_id: int) -> list[SkpRevision]:
    return await SkpRevision.filter(skp_id=skp_id).order_by("number")


async def revision_content(skp_id: int, number: int) -> Content | None:
    """The content of revision `number` of the SKP (None if it has no such revision): four statements."""
    revision = await SkpRevision.get_or_none(skp_id=skp_id, number=number)
    if revision is None:
        return None
    return await content_of(revision)


async def content_of(revision: SkpRevision, conn: BaseDBAsyncClient | None = None) -> Content:
    items = await SkpItem.filter(revision_id=revision.id).using_db(conn).order_by("position")
    indicators: dict[int, list[IndicatorView]] = {i.id: [] for i in items}
    if items:
        for row in await SkpIndicator.filter(item_id__in=[i.id for i in items]).using_db(conn).order_by(
                "item_id", "position"):
            indicators[row.item_id].append(IndicatorView(row.aspect, row.indicator_id, row.target_value,
                                                         row.target_id, row.text, row.expected_output,
                                                         row.target_lower, row.target_upper))
    order = {v: n for n, v in enumerate(CORE_VALUES)}
    expectations = sorted(((e.value, e.text) for e in await SkpExpectation.filter(revision_id=revision.id)
                           .using_db(conn)), key=lambda e: order.get(e[0], len(order)))
    attachments = {name: list((revision.attachments or {}).get(name, [])) for name in ATTACHMENT_LISTS}
    return Content(revision.number, revision.status,
                   [ItemView(i.key, i.kind, i.work_result, i.parent_key, i.intervention, indicators[i.id])
                    for i in items], expectations, attachments)


async def keys_in_force(person_id: int, cycle_id: int) -> set[str] | None:
    """The RHK keys of a person's SKP of the cycle: of its approved revision in force, else of its latest; None
    without an SKP. What a subordinate's parentKey is checked against."""
    skp = await Skp.get_or_none(person_id=person_id, cycle_id=cycle_id)
    if skp is None:
        return None
    number = skp.approved_revision or skp.revision
    return set(await SkpItem.filter(revision__skp_id=skp.id, revision__number=number).values_list("key", flat=True))


# -- the write's common steps (approval.py uses them too) -------------------------------------------------------

async def locate(access: Access, nip: str, year: int, nip_path: Sequence[str], cycle_path: Sequence[str]
                 ) -> tuple[Person, Cycle]:
    """The person (within the viewer's scope: NOT_FOUND otherwise, as for an unknown NIP) and the cycle."""
    person = await find_person(access, nip)
    if person is None:
        raise InputError.one(nip_path, "NOT_FOUND", f"no person with NIP {nip!r}", params={"nip": nip})
    cycle = await Cycle.get_or_none(year=year) if -9999 <= year <= 9999 else None
    if cycle is None:
        raise InputError.one(cycle_path, "NOT_FOUND", f"no cycle {year}", params={"what": "cycle", "key": year})
    return person, cycle


async def lock(conn: BaseDBAsyncClient, person_id: int, cycle_id: int) -> Skp | None:
    """The SKP row, locked until the transaction ends (FOR UPDATE on PostgreSQL; SQLite writes one at a time)."""
    return await Skp.filter(person_id=person_id, cycle_id=cycle_id).using_db(conn).select_for_update().first()


def check_version(skp: Skp, version: int | None) -> None:
    if version is None or version != skp.version:
        raise InputError.one(("version",), "STALE_VERSION",
                             f"the SKP is at version {skp.version}, not {version}: it changed since it was read; "
                             "reload it and try again", params={"current": skp.version, "version": version})


def state(skp: Skp) -> dict[str, Any]:
    """What the audit trail records of an SKP before and after a transition."""
    return {"status": skp.status, "revision": skp.revision, "approved_revision": skp.approved_revision,
            "version": skp.version}


def actor_name(access: Access) -> str:
    """Who did a transition, as a revision records it (submitted_by, decided_by): the NIP, or the actor."""
    actor = access.viewer.actor
    return (actor[4:] if actor.startswith("nip:") else actor)[:32]


# -- save ------------------------------------------------------------------------------------------------------

def _text(value: str | None, path: tuple[str, ...], what: str, limit: int, required: bool) -> tuple[str | None,
                                                                                                     list[Problem]]:
    text = (value or "").strip()
    if not text:
        return None, ([Problem(path, "REQUIRED", f"{what} must not be empty")] if required else [])
    if len(text) > limit:
        return None, [Problem(path, "TOO_LONG", f"{what} is {len(text)} characters; at most {limit}",
                              params={"length": len(text), "limit": limit})]
    return text, []


_TARGET_FIELDS = {"value": "target", "lower": "targetLower", "upper": "targetUpper"}


def _target_problems(ind: IndicatorData, path: tuple[str, ...], direction: str) -> list[Problem]:
    """A quantitative indicator's target (a value, or a range) as capaian.target_problems judges it for the
    direction, each problem at its own field (target, targetLower, targetUpper)."""
    return [Problem((*path, _TARGET_FIELDS[p.field]), p.code, p.message) for p in capaian.target_problems(
        direction, ind.target, ind.target_lower, ind.target_upper, limit=capaian.TARGET_MAX)]


def _shape_problems(data: SkpData) -> list[Problem]:
    """What is wrong with the input whatever the database holds: counts, texts, enums, numbers."""
    problems: list[Problem] = []
    base = ("input",)
    if len(data.items) > MAX_ITEMS:
        problems.append(Problem((*base, "items"), "TOO_MANY", f"at most {MAX_ITEMS} RHK, got {len(data.items)}",
                                params={"limit": MAX_ITEMS, "count": len(data.items)}))
        return problems
    for n, item in enumerate(data.items):
        path = (*base, "items", str(n))
        if item.kind not in KINDS:
            problems.append(Problem((*path, "kind"), "INVALID_VALUE",
                                    f"kind must be one of {', '.join(KINDS)}, got {item.kind!r}",
                                    params={"allowed": KINDS, "value": item.kind}))
        problems += _text(item.work_result, (*path, "workResult"), "work result", TEXT_MAX, True)[1]
        problems += _text(item.intervention, (*path, "intervention"), "intervention", TEXT_MAX, False)[1]
        if item.key is not None and not _KEY.fullmatch(item.key.strip()):
            problems.append(Problem((*path, "key"), "INVALID_KEY", f"an RHK key is R1, R2, ...; got {item.key!r}",
                                    params={"value": item.key}))
        if item.parent_key is not None and len(item.parent_key.strip()) > KEY_MAX:
            problems.append(Problem((*path, "parentKey"), "TOO_LONG", f"a key has at most {KEY_MAX} characters",
                                    params={"limit": KEY_MAX}))
        if len(item.indicators) > MAX_INDICATORS:
            problems.append(Problem((*path, "indicators"), "TOO_MANY",
                                    f"at most {MAX_INDICATORS} indicators an RHK, got {len(item.indicators)}",
                                    params={"limit": MAX_INDICATORS, "count": len(item.indicators)}))
            continue
        for m, ind in enumerate(item.indicators):
            ipath = (*path, "indicators", str(m))
            if ind.aspect not in ASPECTS:
                problems.append(Problem((*ipath, "aspect"), "INVALID_VALUE",
                                        f"aspect must be one of {', '.join(ASPECTS)}, got {ind.aspect!r}",
                                        params={"allowed": ASPECTS, "value": ind.aspect}))
            quantitative = (ind.indicator is not None or ind.target is not None or ind.target_lower is not None
                            or ind.target_upper is not None)
            qualitative = ind.text is not None or ind.expected_output is not None
            if quantitative == qualitative:
                problems.append(Problem(ipath, "INVALID", "give either indicator and target (quantitative) or text "
                                                          "and expectedOutput (qualitative)"))
                continue
            if quantitative:
                if not (ind.indicator or "").strip():
                    problems.append(Problem((*ipath, "indicator"), "REQUIRED", "indicator must not be empty"))
                elif len(ind.indicator.strip()) > 100:
                    problems.append(Problem((*ipath, "indicator"), "NOT_FOUND", f"no indicator {ind.indicator!r}",
                                            params={"what": "indicator", "key": ind.indicator}))
                # the shape of the target; whether 0 is allowed depends on the indicator's direction (save_skp)
                problems += _target_problems(ind, ipath, capaian.LOWER)
            else:
                problems += _text(ind.text, (*ipath, "text"), "indicator text", TEXT_MAX, True)[1]
                problems += _text(ind.expected_output, (*ipath, "expectedOutput"), "expected output", TEXT_MAX,
                                  True)[1]
    if len(data.expectations) > len(CORE_VALUES):
        problems.append(Problem((*base, "expectations"), "TOO_MANY",
                                f"at most {len(CORE_VALUES)} expectations (one a BerAKHLAK value), "
                                f"got {len(data.expectations)}",
                                params={"limit": len(CORE_VALUES), "count": len(data.expectations)}))
    else:
        seen: dict[str, int] = {}
        for n, e in enumerate(data.expectations):
            path = (*base, "expectations", str(n))
            if e.value not in CORE_VALUES:
                problems.append(Problem((*path, "value"), "INVALID_VALUE",
                                        f"value must be one of {', '.join(CORE_VALUES)}, got {e.value!r}",
                                        params={"allowed": CORE_VALUES, "value": e.value}))
            elif e.value in seen:
                problems.append(Problem((*path, "value"), "DUPLICATE",
                                        f"{e.value} has an expectation already (expectations {seen[e.value]})"))
            else:
                seen[e.value] = n
            problems += _text(e.text, (*path, "text"), "expectation", EXPECTATION_MAX, True)[1]
    for name in ATTACHMENT_LISTS:
        texts = data.attachments.get(name) or []
        path = (*base, "attachments", name)
        if len(texts) > ATTACHMENT_ITEMS:
            problems.append(Problem(path, "TOO_MANY", f"at most {ATTACHMENT_ITEMS} {name}, got {len(texts)}",
                                    params={"limit": ATTACHMENT_ITEMS, "count": len(texts)}))
            continue
        for n, text in enumerate(texts):
            problems += _text(text, (*path, str(n)), f"{name} text", TEXT_MAX, True)[1]
    return problems


@dataclass
class _Row:
    """An indicator to write: its item's index and position, and its Target (once known)."""

    item: int
    position: int
    data: IndicatorData
    indicator: Indicator | None
    target_id: int | None = None


async def save_skp(access: Access, data: SkpData, version: int | None) -> Skp:
    """Create the SKP or replace the content of its latest revision (DRAFT or RETURNED): all or nothing."""
    problems = _shape_problems(data)
    try:
        person, cycle = await locate(access, data.nip, data.cycle, ("input", "nip"), ("input", "cycle"))
    except InputError as exc:  # every problem of the input at once
        raise InputError([*exc.problems, *problems]) from None
    if not access.may_edit_skp(person):
        raise refusal(("input", "nip"), "an SKP is drafted by the person, their direct supervisor or ADMIN",
                      params={"action": "draft_skp"})
    problem = gate.cycle_problem(cycle, cycle.year, WRITE_STATUSES, ("input", "cycle"), "the SKP")
    if problem:
        problems.append(problem)
    # indicators of the person's agency, active, as setTargets accepts them
    codes = sorted({(i.indicator or "").strip().upper() for item in data.items[:MAX_ITEMS]
                    for i in item.indicators[:MAX_INDICATORS] if i.indicator})
    indicators = {i.full_code: i for i in await Indicator.filter(full_code__in=codes, active=True)} if codes else {}
    parent_keys = (await keys_in_force(person.supervisor_id, cycle.id)) if person.supervisor_id else None
    rows: list[_Row] = []
    for n, item in enumerate(data.items[:MAX_ITEMS]):
        path = ("input", "items", str(n))
        parent = (item.parent_key or "").strip() or None
        if person.supervisor_id is None:
            if parent is not None:
                problems.append(Problem((*path, "parentKey"), "INVALID_PARENT",
                                        "this person has no supervisor: give the agency's goal as intervention"))
        else:
            if (item.intervention or "").strip():
                problems.append(Problem((*path, "intervention"), "INVALID",
                                        "intervention is for a person without a supervisor; give parentKey, the "
                                        "key of the supervisor's RHK"))
            if parent is not None and parent_keys is None:
                problems.append(Problem((*path, "parentKey"), "INVALID_PARENT",
                                        f"the direct supervisor has no SKP in cycle {cycle.year}"))
            elif parent is not None and parent not in parent_keys:
                problems.append(Problem((*path, "parentKey"), "INVALID_PARENT",
                                        f"{parent!r} is not an RHK of the direct supervisor's SKP of cycle "
                                        f"{cycle.year} (its keys: {', '.join(sorted(parent_keys)) or 'none'})"))
        for m, ind in enumerate(item.indicators[:MAX_INDICATORS]):
            found = None
            if ind.indicator and ind.text is None and ind.expected_output is None:
                code = ind.indicator.strip().upper()
                found = indicators.get(code)
                ipath = (*path, "indicators", str(m), "indicator")
                if found is None:
                    if len(code) <= 100:
                        problems.append(Problem(ipath, "NOT_FOUND", f"no active indicator {ind.indicator!r}",
                                                params={"what": "active_indicator", "key": ind.indicator}))
                elif found.agency_id != person.agency_id:
                    problems.append(Problem(ipath, "WRONG_AGENCY",
                                            f"indicator {found.full_code} belongs to another agency",
                                            params={"indicator": found.full_code}))
                elif not _target_problems(ind, ipath[:-1], capaian.LOWER):  # its shape is right: now its direction
                    problems += [Problem(p.path, p.code, f"{found.full_code}: {p.message}")
                                 for p in _target_problems(ind, ipath[:-1], found.direction)]
            rows.append(_Row(n, m, ind, found))
    if problems:
        raise InputError(problems)
    try:
        async with in_transaction() as conn:
            await gate.recheck(conn, cycle, WRITE_STATUSES, ("input", "cycle"), "the SKP")
            skp = await _write(conn, access, person, cycle, data, version, rows)
        skp.person = person  # the caller names it by NIP
    except IntegrityError as exc:  # two first saves at once: (person, cycle) is unique
        if await Skp.filter(person_id=person.id, cycle_id=cycle.id).exists():
            raise InputError.one(("version",), "STALE_VERSION",
                                 "the SKP was created meanwhile: reload it and try again") from exc
        raise
    return skp


async def _write(conn: BaseDBAsyncClient, access: Access, person: Person, cycle: Cycle, data: SkpData,
                 version: int | None, rows: list[_Row]) -> Skp:
    skp = await lock(conn, person.id, cycle.id)
    changes: list[audit.Change] = []
    if skp is None:
        if version is not None:
            raise InputError.one(("version",), "STALE_VERSION",
                                 f"{person.nip} has no SKP in cycle {cycle.year} yet: omit version to create it")
        before = None
        skp = await Skp.create(person_id=person.id, cycle_id=cycle.id, agency_id=person.agency_id, status="DRAFT",
                               version=1, revision=1, using_db=conn)
        revision = await SkpRevision.create(skp_id=skp.id, number=1, status="DRAFT", attachments={}, using_db=conn)
        old: Content | None = None
        used_keys: list[str] = []
    else:
        if version is None:
            raise InputError.one(("version",), "STALE_VERSION",
                                 f"{person.nip} has an SKP in cycle {cycle.year} (version {skp.version}): give the "
                                 "version you read")
        check_version(skp, version)
        if skp.status == "APPROVED":
            raise InputError.one(("input",), "SKP_LOCKED",
                                 f"revision {skp.revision} is APPROVED and locked: open a new revision with reviseSkp")
        if skp.status not in EDITABLE:
            raise InputError.one(("input",), "SKP_NOT_DRAFT",
                                 f"the SKP is {skp.status}: only a DRAFT or RETURNED SKP can be saved")
        before = state(skp)
        revision = await SkpRevision.filter(skp_id=skp.id, number=skp.revision).using_db(conn).first()
        old = await content_of(revision, conn)
        used_keys = list(await SkpItem.filter(revision__skp_id=skp.id).using_db(conn).values_list("key", flat=True))
    keys = _assign_keys(data, old, used_keys)
    changes += await _sync_targets(conn, skp, cycle, person, data, keys, old, rows)
    await _replace_content(conn, revision, data, keys, rows)
    revision.status = "DRAFT"
    revision.attachments = {name: [t.strip() for t in (data.attachments.get(name) or [])] for name in ATTACHMENT_LISTS}
    await revision.save(using_db=conn, update_fields=["status", "attachments"])
    if before is not None:
        skp.status = "DRAFT"
        skp.version += 1
        await skp.save(using_db=conn, update_fields=["status", "version", "updated_at"])
    changes.append(audit.Change("skp.create" if before is None else "skp.save", "skp", str(skp.id), before,
                                {**state(skp), "nip": person.nip, "cycle": cycle.year, "items": keys}))
    await audit.append(conn, access.viewer.actor, changes)
    return skp


def _assign_keys(data: SkpData, old: Content | None, used: list[str]) -> list[str]:
    """Each item's key: the given one (an item of the latest revision), else the next unused R<n>."""
    existing = {i.key for i in old.items} if old else set()
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for n, item in enumerate(data.items):
        key = (item.key or "").strip()
        if not key:
            continue
        path = ("input", "items", str(n), "key")
        if key not in existing:
            problems.append(Problem(path, "NOT_FOUND", f"the SKP has no RHK {key}: leave key out for a new RHK",
                                    params={"what": "rhk", "key": key}))
        elif key in seen:
            problems.append(Problem(path, "DUPLICATE", f"{key} is given twice (items {seen[key]} and {n})"))
        else:
            seen[key] = n
    if problems:
        raise InputError(problems)
    top = max((int(m.group(1)) for k in used if (m := _KEY.fullmatch(k))), default=0)
    keys: list[str] = []
    for item in data.items:
        key = (item.key or "").strip()
        if not key:
            top += 1
            key = f"R{top}"
        keys.append(key)
    return keys


async def _sync_targets(conn: BaseDBAsyncClient, skp: Skp, cycle: Cycle, person: Person, data: SkpData,
                        keys: list[str], old: Content | None, rows: list[_Row]) -> list[audit.Change]:
    """Give every quantitative indicator its Target (row.target_id). Before the first approval the Targets follow
    the draft: matched by (RHK key, indicator) they are updated, new ones created, removed ones deleted unless
    measured (SKP_INDICATOR_MEASURED). After it, the indicators in force keep their Targets and values; new
    ones get theirs when the revision is approved."""
    changes: list[audit.Change] = []
    if skp.approved_revision is not None:
        in_force = await content_of(await SkpRevision.get(skp_id=skp.id, number=skp.approved_revision)
                                  .using_db(conn), conn)
        pool = _target_pool(in_force)
        for row in rows:
            if row.indicator is not None:
                ids = pool.get((keys[row.item], row.indicator.id))
                row.target_id = ids.pop(0) if ids else None
        return changes
    pool = _target_pool(old) if old else {}
    targets = {t.id: t for t in await Target.filter(
        id__in=sorted({t for ids in pool.values() for t in ids})).using_db(conn)} if pool else {}
    for row in rows:
        if row.indicator is None:
            continue
        work_result = data.items[row.item].work_result.strip()
        ids = pool.get((keys[row.item], row.indicator.id))
        if ids:
            target = targets[ids.pop(0)]
            wanted = target_fields(row.data.target_value(), row.data.target_lower, row.data.target_upper)
            if target_fields(target.value, target.lower_bound, target.upper_bound) != wanted or \
                    target.work_result != work_result:
                before = {"work_result": target.work_result, **target_fields(target.value, target.lower_bound,
                                                                             target.upper_bound)}
                target.value, target.lower_bound, target.upper_bound = (wanted["value"], wanted["lower"],
                                                                        wanted["upper"])
                target.work_result = work_result
                await target.save(using_db=conn, update_fields=["value", "lower_bound", "upper_bound", "work_result"])
                changes.append(audit.Change("target.update", "target", str(target.id), before,
                                            {"work_result": work_result, **wanted, "skp": skp.id}))
        else:
            target = await Target.create(cycle_id=cycle.id, indicator_id=row.indicator.id, person_id=person.id,
                                         agency_id=person.agency_id, work_result=work_result,
                                         value=row.data.target_value(), lower_bound=row.data.target_lower,
                                         upper_bound=row.data.target_upper, using_db=conn)
            changes.append(audit.Change("target.create", "target", str(target.id), None, {
                "cycle": cycle.year, "indicator": row.indicator.full_code, "nip": person.nip,
                "work_result": work_result, **target_fields(target.value, target.lower_bound, target.upper_bound),
                "skp": skp.id}))
        row.target_id = target.id
    removed = [(key, t) for (key, _), ids in pool.items() for t in ids]
    if removed:
        measured = set(await Measurement.filter(target_id__in=[t for _, t in removed]).using_db(conn)
                       .distinct().values_list("target_id", flat=True))
        problems = []
        for key, target_id in removed:
            if target_id in measured:
                where = keys.index(key) if key in keys else None
                path = ("input", "items", str(where), "indicators") if where is not None else ("input", "items")
                problems.append(Problem(path, "SKP_INDICATOR_MEASURED",
                                        f"an indicator of {key} ({targets[target_id].work_result!r}) has "
                                        "measurements: it cannot be removed"))
        if problems:
            raise InputError(problems)
        gone = [t for _, t in removed]
        await SkpIndicator.filter(target_id__in=gone).using_db(conn).update(target_id=None)
        await Target.filter(id__in=gone).using_db(conn).delete()
        changes += [audit.Change("target.delete", "target", str(t), {"work_result": targets[t].work_result,
                                                                     "value": targets[t].value, "skp": skp.id}, None)
                    for t in gone]
    return changes


def target_fields(value: float, lower: float | None, upper: float | None) -> dict[str, float | None]:
    """A Target's value and bounds as compared and audited (approval.py too)."""
    return {"value": float(value), "lower": None if lower is None else float(lower),
            "upper": None if upper is None else float(upper)}


def _target_pool(content: Content | None) -> dict[tuple[str, int], list[int]]:
    pool: dict[tuple[str, int], list[int]] = {}
    for item in content.items if content else []:
        for ind in item.indicators:
            if ind.indicator_id is not None and ind.target_id is not None:
                pool.setdefault((item.key, ind.indicator_id), []).append(ind.target_id)
    return pool


async def _replace_content(conn: BaseDBAsyncClient, revision: SkpRevision, data: SkpData, keys: list[str],
                           rows: list[_Row]) -> None:
    item_ids = list(await SkpItem.filter(revision_id=revision.id).using_db(conn).values_list("id", flat=True))
    if item_ids:
        await SkpIndicator.filter(item_id__in=item_ids).using_db(conn).delete()
        await SkpItem.filter(revision_id=revision.id).using_db(conn).delete()
    await SkpExpectation.filter(revision_id=revision.id).using_db(conn).delete()
    created: list[SkpItem] = []
    for n, item in enumerate(data.items):
        created.append(await SkpItem.create(
            revision_id=revision.id, key=keys[n], position=n, kind=item.kind, work_result=item.work_result.strip(),
            parent_key=(item.parent_key or "").strip() or None,
            intervention=(item.intervention or "").strip() or None, using_db=conn))
    indicators = [SkpIndicator(
        item_id=created[row.item].id, position=row.position, aspect=row.data.aspect,
        indicator_id=row.indicator.id if row.indicator else None,
        target_value=row.data.target_value() if row.indicator else None, target_id=row.target_id,
        target_lower=row.data.target_lower if row.indicator else None,
        target_upper=row.data.target_upper if row.indicator else None,
        text=(row.data.text or "").strip() or None, expected_output=(row.data.expected_output or "").strip() or None)
        for row in rows]
    if indicators:
        await SkpIndicator.bulk_create(indicators, using_db=conn)
    if data.expectations:
        await SkpExpectation.bulk_create([SkpExpectation(revision_id=revision.id, value=e.value, text=e.text.strip())
                                          for e in data.expectations], using_db=conn)
