"""Reads of posts, assignments and acting officials as plain rows (codes and names, officials as name, NIP and
position): what GraphQL and the console show (docs/DOMAIN.md, "Posts, assignments and acting officials")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Sequence

from kinerja.models import ActingAssignment, Agency, Assignment, Person, Post, SkpRevision, Unit
from kinerja.services.core import clock
from kinerja.services.core.access import Access, deny
from kinerja.services.core.errors import BadArgument
from kinerja.services.org.placements import Official


@dataclass(frozen=True)
class PostRow:
    id: int
    name: str
    kind: str
    agency_code: str
    unit_code: str | None
    heads_unit: str | None
    credit_coefficient: Decimal | None = None  # a FUNGSIONAL post's annual credit-point coefficient


@dataclass(frozen=True)
class HistoryRow:
    since: dt.date | None
    until: dt.date | None
    agency_code: str
    unit_code: str | None
    unit_name: str | None
    post: PostRow | None
    position: str
    supervisor: dict | None
    reports_to_post: PostRow | None
    reason: str | None
    skp_revision: int | None = None


@dataclass(frozen=True)
class ActingRow:
    id: int
    kind: str
    post: PostRow
    official: dict
    starts_on: dt.date
    ends_on: dt.date
    decree: str


@dataclass(frozen=True)
class AuthorityView:
    official: dict
    post: PostRow | None


def _official(p: Any) -> dict:
    return {"nip": p.nip, "name": p.name, "position": p.position}


async def _post_rows(ids: Sequence[int | None]) -> dict[int, PostRow]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    posts = await Post.filter(id__in=wanted)
    agencies = dict(await Agency.filter(id__in=sorted({p.agency_id for p in posts})).values_list("id", "code"))
    unit_ids = sorted({u for p in posts for u in (p.unit_id, p.head_of_id) if u})
    units = dict(await Unit.filter(id__in=unit_ids).values_list("id", "code")) if unit_ids else {}
    return {p.id: PostRow(p.id, p.name, p.kind, agencies[p.agency_id], units.get(p.unit_id),
                          units.get(p.head_of_id), p.credit_coefficient) for p in posts}


async def head_post_row(unit_id: int) -> PostRow | None:
    post_id = await Post.filter(head_of_id=unit_id).first().values_list("id", flat=True)
    return (await _post_rows([post_id]))[post_id] if post_id is not None else None


async def post_row(post_id: int) -> PostRow:
    return (await _post_rows([post_id]))[post_id]


async def history(person_id: int, first: int) -> list[HistoryRow]:
    """The person's assignments, today's first, then back in time: at most `first` (the caller sees the person)."""
    person = await Person.get(id=person_id)
    past = await Assignment.filter(person_id=person_id).order_by("-ends_on", "-id").limit(max(first - 1, 0))
    items: list[Any] = [person, *past]
    agencies = dict(await Agency.filter(id__in=sorted({i.agency_id for i in items})).values_list("id", "code"))
    unit_ids = sorted({i.unit_id for i in items if i.unit_id})
    units = {u.id: u for u in await Unit.filter(id__in=unit_ids)} if unit_ids else {}
    posts = await _post_rows([x for i in items for x in (i.post_id, i.reports_to_post_id)])
    revision_ids = sorted({r.skp_revision_id for r in past if r.skp_revision_id})
    revisions = dict(await SkpRevision.filter(id__in=revision_ids).values_list("id", "number")) if revision_ids else {}
    sup_ids = sorted({i.supervisor_id for i in items if i.supervisor_id})
    sups = {p.id: _official(p) for p in await Person.filter(id__in=sup_ids)} if sup_ids else {}
    rows = []
    for n, i in enumerate(items):
        unit = units.get(i.unit_id)
        rows.append(HistoryRow(
            since=i.assigned_since if n == 0 else i.starts_on, until=None if n == 0 else i.ends_on,
            agency_code=agencies[i.agency_id], unit_code=unit.code if unit else None,
            unit_name=unit.name if unit else None, post=posts.get(i.post_id), position=i.position,
            supervisor=sups.get(i.supervisor_id), reports_to_post=posts.get(i.reports_to_post_id),
            reason=None if n == 0 else i.reason, skp_revision=revisions.get(getattr(i, "skp_revision_id", None))))
    return rows


async def authority_view(held: Official) -> AuthorityView:
    person = await Person.get(id=held.person_id)
    return AuthorityView(_official(person), (await _post_rows([held.post_id])).get(held.post_id))


async def _agency(access: Access, code: str) -> Agency:
    if not access.may_change_people:
        raise deny("posts and acting assignments are read by ADMIN and agency admins",
                   params={"action": "read_assignments"})
    agency = await Agency.get_or_none(code=(code or "").strip().upper())
    if agency is None or not access.can_manage_agency(agency.id):
        raise BadArgument("agency", f"no agency with code {code!r}", "NOT_FOUND",
                          params={"what": "agency", "key": code})
    return agency


async def posts(access: Access, agency_code: str, first: int) -> list[PostRow]:
    """The agency's posts, head posts first then by name: at most `first` + 1 (the list guard reports more)."""
    agency = await _agency(access, agency_code)
    ids = list(await Post.filter(agency_id=agency.id, head_of_id__isnull=False).order_by("name", "id").limit(
        first + 1).values_list("id", flat=True))
    if len(ids) <= first:
        ids += await Post.filter(agency_id=agency.id, head_of_id__isnull=True).order_by("name", "id").limit(
            first + 1 - len(ids)).values_list("id", flat=True)
    rows = await _post_rows(ids)
    return [rows[i] for i in ids]


async def _acting_rows(found: Sequence[ActingAssignment]) -> list[ActingRow]:
    posts_ = await _post_rows([a.post_id for a in found])
    people = {p.id: p for p in await Person.filter(id__in=sorted({a.person_id for a in found}))} if found else {}
    return [ActingRow(a.id, a.kind, posts_[a.post_id], _official(people[a.person_id]), a.starts_on, a.ends_on,
                      a.decree) for a in found]


async def acting_assignments(access: Access, agency_code: str, active_on: dt.date | None, first: int
                             ) -> list[ActingRow]:
    """The agency's acting assignments that end on or after `active_on` (today), soonest first."""
    agency = await _agency(access, agency_code)
    day = active_on or clock.today()
    found = await ActingAssignment.filter(agency_id=agency.id, ends_on__gte=day).order_by(
        "starts_on", "id").limit(first + 1)
    return await _acting_rows(found)


async def acting_row(acting_id: int) -> ActingRow:
    return (await _acting_rows([await ActingAssignment.get(id=acting_id)]))[0]
