"""An indicator's history: every version it has had (from its file, or approved in the console, with who drafted
and who approved it, and when), and what changed between any two of them, field by field and, for console
versions, line by line."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Iterator

from kinerja.models import Indicator, IndicatorVersion
from kinerja.services.core.access import Access
from kinerja.services.core.errors import InputError

DIFF_LINES_MAX = 400  # lines of a text difference answered


@dataclass(frozen=True)
class Change:
    path: str  # e.g. "rating.above", "inputs.peserta.max", "formula"
    before: Any
    after: Any


async def indicator_with_versions(access: Access, code: str) -> tuple[Indicator, list[IndicatorVersion]]:
    """The indicator (retired ones too) and its versions, oldest first, for anyone who may see its agency."""
    full_code = (code or "").strip().upper()
    indicator = await Indicator.get_or_none(full_code=full_code)
    if indicator is None or not access.can_see_agency(indicator.agency_id):
        raise InputError.one(("code",), "NOT_FOUND", f"no indicator {full_code}",
                             params={"what": "indicator", "key": full_code})
    versions = await IndicatorVersion.filter(indicator_id=indicator.id).order_by("created_at", "id")
    return indicator, versions


def _version(versions: list[IndicatorVersion], version: str, path: str) -> IndicatorVersion:
    for v in versions:
        if v.version == version:
            return v
    raise InputError.one((path,), "NOT_FOUND", f"no version {version!r} of this indicator",
                         params={"what": "version", "key": version})


def changes(versions: list[IndicatorVersion], old: str, new: str) -> list[Change]:
    """What differs between two versions' definitions, field by field (an input by its name)."""
    before = dict(_flat(_comparable(_version(versions, old, "from").definition)))
    after = dict(_flat(_comparable(_version(versions, new, "to").definition)))
    return [Change(key, before.get(key), after.get(key)) for key in sorted(before.keys() | after.keys())
            if before.get(key) != after.get(key)]


def text_diff(versions: list[IndicatorVersion], old: str, new: str) -> list[str]:
    """The unified difference of two console versions' YAML text (empty when either came from a file)."""
    a, b = _version(versions, old, "from"), _version(versions, new, "to")
    if a.yaml is None or b.yaml is None:
        return []
    lines = list(difflib.unified_diff(a.yaml.splitlines(), b.yaml.splitlines(), f"versi {old}", f"versi {new}",
                                      lineterm=""))
    return lines[:DIFF_LINES_MAX]


def _comparable(definition: dict) -> dict:
    d = {k: v for k, v in definition.items() if k != "file"}  # where it was read from is not its content
    d["inputs"] = {i["name"]: {k: v for k, v in i.items() if k != "name"} for i in d.get("inputs") or []}
    return d


def _flat(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flat(item, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, value


@dataclass(frozen=True)
class Stamp:
    number: int  # 1 for an indicator's first version, in the order they were synced or approved
    since: Any  # datetime: when that version was first synced or approved


async def version_stamps(hashes: list[str]) -> dict[str, Stamp]:
    """Each version hash as people read it, by its number among its indicator's versions and its date (issue 19
    §4: versions as dates and numbers, not hashes). Two queries for any number of hashes; an unknown hash is
    absent."""
    ids = await IndicatorVersion.filter(version__in=sorted(set(hashes))).values_list("indicator_id", flat=True)
    rows = await IndicatorVersion.filter(indicator_id__in=sorted(set(ids))).order_by(
        "indicator_id", "created_at", "id").values("indicator_id", "version", "created_at")
    found: dict[str, Stamp] = {}
    number: dict[int, int] = {}
    for r in rows:
        number[r["indicator_id"]] = number.get(r["indicator_id"], 0) + 1
        found.setdefault(r["version"], Stamp(number[r["indicator_id"]], r["created_at"]))
    return found
