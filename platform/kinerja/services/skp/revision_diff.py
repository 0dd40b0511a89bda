"""Comparing two revisions of an SKP: what changed from one to the other, item by item (RHK keys stay the same
across revisions), indicator by indicator (by position within the RHK), expectation by expectation (by BerAKHLAK
value) and attachment list by list."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kinerja.models import Indicator, Skp
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.skp import document

ITEM_FIELDS = (("kind", "kind"), ("work_result", "workResult"), ("parent_key", "parentKey"),
               ("intervention", "intervention"))
INDICATOR_FIELDS = ("aspect", "indicator", "target", "targetLower", "targetUpper", "text", "expectedOutput")
# the most changes two revisions can differ by: every RHK changed in each field and each indicator field, every
# expectation and every attachment list
MAX_CHANGES = (document.MAX_ITEMS * (len(ITEM_FIELDS) + document.MAX_INDICATORS * len(INDICATOR_FIELDS))
               + len(document.CORE_VALUES) + len(document.ATTACHMENT_LISTS))


@dataclass(frozen=True)
class Change:
    """One difference. change: ITEM_ADDED | ITEM_REMOVED | ITEM_CHANGED | INDICATOR_ADDED | INDICATOR_REMOVED |
    INDICATOR_CHANGED | EXPECTATION_ADDED | EXPECTATION_REMOVED | EXPECTATION_CHANGED | ATTACHMENT_CHANGED.
    key: the RHK key (an expectation's value, an attachment list's name); indicator: its position, from 1; field:
    the changed field (camelCase as the API names it); old and new as text (JSON for lists)."""

    change: str
    key: str
    field: str | None = None
    old: str | None = None
    new: str | None = None
    indicator: int | None = None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _indicator_fields(ind: document.IndicatorView, codes: dict[int, str]) -> dict[str, Any]:
    return {"aspect": ind.aspect, "indicator": codes.get(ind.indicator_id) if ind.indicator_id else None,
            "target": ind.target_value, "targetLower": ind.target_lower, "targetUpper": ind.target_upper,
            "text": ind.text, "expectedOutput": ind.expected_output}


async def skp_changes(access: Access, nip: str, year: int, from_revision: int, to_revision: int) -> list[Change]:
    """The changes from revision `from_revision` to `to_revision` of the person's SKP. An unknown NIP, one out of
    the viewer's scope, a person without an SKP and an unknown revision each answer NOT_FOUND."""
    skp = await document.get_skp(access, nip, year)
    if skp is None:
        raise BadArgument("nip", f"no SKP of {nip!r} in cycle {year}", "NOT_FOUND",
                          params={"what": "skp", "nip": nip, "year": year})
    old = await _revision(skp, from_revision, "from")
    new = await _revision(skp, to_revision, "to")
    ids = {i.indicator_id for c in (old, new) for item in c.items for i in item.indicators if i.indicator_id}
    codes = dict(await Indicator.filter(id__in=sorted(ids)).values_list("id", "full_code")) if ids else {}
    return diff(old, new, codes)


async def _revision(skp: Skp, number: int, argument: str) -> document.Content:
    content = await document.revision_content(skp.id, number) if 1 <= number <= skp.revision else None
    if content is None:
        raise BadArgument(argument, f"the SKP has no revision {number} (revisions 1 to {skp.revision})", "NOT_FOUND",
                          params={"what": "revision", "key": str(number)})
    return content


def diff(old: document.Content, new: document.Content, codes: dict[int, str]) -> list[Change]:
    changes: list[Change] = []
    before = {i.key: i for i in old.items}
    after = {i.key: i for i in new.items}
    for item in old.items:
        if item.key not in after:
            changes.append(Change("ITEM_REMOVED", item.key, old=item.work_result))
    for item in new.items:
        was = before.get(item.key)
        if was is None:
            changes.append(Change("ITEM_ADDED", item.key, new=item.work_result))
            continue
        for attr, name in ITEM_FIELDS:
            if getattr(was, attr) != getattr(item, attr):
                changes.append(Change("ITEM_CHANGED", item.key, name, _text(getattr(was, attr)),
                                      _text(getattr(item, attr))))
        for n in range(max(len(was.indicators), len(item.indicators))):
            a = _indicator_fields(was.indicators[n], codes) if n < len(was.indicators) else None
            b = _indicator_fields(item.indicators[n], codes) if n < len(item.indicators) else None
            if a is None:
                changes.append(Change("INDICATOR_ADDED", item.key, new=_text(b["indicator"] or b["text"]),
                                      indicator=n + 1))
            elif b is None:
                changes.append(Change("INDICATOR_REMOVED", item.key, old=_text(a["indicator"] or a["text"]),
                                      indicator=n + 1))
            else:
                changes += [Change("INDICATOR_CHANGED", item.key, f, _text(a[f]), _text(b[f]), n + 1)
                            for f in INDICATOR_FIELDS if a[f] != b[f]]
    was_expected, expected = dict(old.expectations), dict(new.expectations)
    for value in document.CORE_VALUES:
        a, b = was_expected.get(value), expected.get(value)
        if a == b:
            continue
        kind = "EXPECTATION_ADDED" if a is None else "EXPECTATION_REMOVED" if b is None else "EXPECTATION_CHANGED"
        changes.append(Change(kind, value, "text", a, b))
    for name in document.ATTACHMENT_LISTS:
        a, b = old.attachments.get(name, []), new.attachments.get(name, [])
        if a != b:
            changes.append(Change("ATTACHMENT_CHANGED", name, name, _text(a), _text(b)))
    return changes
