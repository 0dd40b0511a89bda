"""The distribution curve (SE MenPANRB 3/2023): rules per organisation predikat, a YAML file replacing them, the check.

Rules bound the share of an agency's (or a unit's) employees in one predikat or a group of predikat: a maximum
("SANGAT_BAIK at most 70 %"), a minimum ("BUTUH_PERBAIKAN at least 60 %"), "most" ("SANGAT_BAIK more than
50 %") or a minimum count ("at least one BUTUH_PERBAIKAN or KURANG_MISCONDUCT"). The defaults are
docs/DOMAIN.md's table; a YAML file (Settings.curve_file, KINERJA_CURVE_FILE) replaces them as a whole:

    ISTIMEWA:
      - {predikat: SANGAT_BAIK, more_than_percent: 50}
      - {predikat: SANGAT_BAIK, max_percent: 70}
    BAIK:
      - {predikat: BAIK, more_than_percent: 50}
      - {predikat: BAIK, max_percent: 70}
      - {predikat: [BUTUH_PERBAIKAN, KURANG_MISCONDUCT], min_count: 1}
    BUTUH_PERBAIKAN: [...]   # every organisation predikat is listed; [] means no rule
    KURANG: [...]
    SANGAT_KURANG: [...]

Counting and rounding (decided here, small agencies in mind; docs/DOMAIN.md, "The distribution curve"):
- The denominator N is the agency's headcount (people in the agency now), or the number of people rated
  when that is larger (people who moved on after being rated). Not "people rated so far": with that
  denominator the first SANGAT_BAIK of an ISTIMEWA agency would be 1 of 1, 100 %, a breach.
- A maximum of p % allows floor(p x N) people: the share then really is at most p %. In a unit under ten people
  "at most 10 %" allows none, so one SANGAT_BAIK in a BUTUH_PERBAIKAN unit of 6 (17 %) is a breach that needs its
  written justification, as the regulation's intent has it. A maximum is never below a minimum of the same
  predikat in the same rules: "most, at most 70 %" SANGAT_BAIK of one person allows that one.
- A minimum of p % needs ceil(p x N) people; "more than p %" (`more_than_percent`, the regulation's "most":
  more than half) needs floor(p x N) + 1.
- A maximum can be judged at every finalization: the count only grows. A minimum cannot until everyone
  is rated, so it is reported only once it can no longer be met: when even the people not yet rated,
  all given that predikat, would not reach it (always the case, if short, once everyone is rated).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import yaml

from kinerja.plugins import Predikat, values
from kinerja.specs.yaml_reader import LOADER, InvalidNode, NodeReader, SpecError


OrgPredikat = values.OrgPredikat  # set per agency or unit and period by the level above (plugins/values.py)


ORG_PREDIKATS = tuple(p.value for p in OrgPredikat)
PREDIKATS = tuple(p.value for p in Predikat)
RULE_KEYS = ("max_percent", "min_percent", "more_than_percent", "min_count")
# rules of one organisation predikat in a curve file: a rating's warnings (an agency's and its unit's findings) and a
# report row's reference stay within their GraphQL bounds (graphql/cost.py WARNINGS, RULES)
MAX_RULES = 10


@dataclass(frozen=True)
class Rule:
    """One bound on the predikat in `predikat` taken together; exactly one of the four limits is set."""

    predikat: tuple[str, ...]
    max_percent: float | None = None
    min_percent: float | None = None
    min_count: int | None = None
    more_than_percent: float | None = None  # a minimum: strictly more than this share ("most": 50)

    @property
    def is_maximum(self) -> bool:
        return self.max_percent is not None

    def limit(self, total: int) -> int:
        """How many people the rule allows (a maximum) or needs (a minimum) among `total`."""
        if self.max_percent is not None:
            return math.floor(self.max_percent * total / 100 + 1e-9)
        if self.min_percent is not None:
            return math.ceil(self.min_percent * total / 100 - 1e-9)
        if self.more_than_percent is not None:
            return min(total, math.floor(self.more_than_percent * total / 100 + 1e-9) + 1) if total else 0
        return int(self.min_count or 0)

    @property
    def label(self) -> str:
        return " + ".join(self.predikat)


CurveRules = Mapping[str, tuple[Rule, ...]]

_SB, _B, _BP, _KM, _SK = PREDIKATS
DEFAULT_RULES: CurveRules = {
    "ISTIMEWA": (Rule((_SB,), more_than_percent=50), Rule((_SB,), max_percent=70)),
    "BAIK": (Rule((_B,), more_than_percent=50), Rule((_B,), max_percent=70), Rule((_BP, _KM), min_count=1)),
    "BUTUH_PERBAIKAN": (Rule((_SB,), max_percent=10), Rule((_BP,), min_percent=60)),
    "KURANG": (Rule((_SB,), max_percent=10), Rule((_BP,), min_percent=10), Rule((_KM,), min_percent=60)),
    "SANGAT_KURANG": (Rule((_SB,), max_percent=0), Rule((_BP, _KM), min_percent=10), Rule((_SK,), min_percent=60)),
}


@dataclass(frozen=True)
class Finding:
    """A rule the spread does not keep; `message` says it in words."""

    rule: Rule
    org_predikat: str
    count: int
    total: int
    limit: int
    pending: int
    message: str

    @property
    def is_maximum(self) -> bool:
        return self.rule.is_maximum


def _pct(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _organisation(org: str, of: str) -> str:
    return f"{'an' if org[0] in 'AEIOU' else 'a'} {org} {of}"


@dataclass(frozen=True)
class Bound:
    """One rule of an organisation predikat applied to a spread: the people it allows (a maximum) or needs (a
    minimum) among `total`, how many there are, and whether the spread breaks it. The reference curve a report
    shows beside the actual spread."""

    rule: Rule
    limit: int
    count: int
    total: int
    pending: int
    breached: bool


def bounds(rules: CurveRules, org_predikat: str, counts: Mapping[str, int], headcount: int) -> list[Bound]:
    """Every rule of `org_predikat` with its limit for this headcount and the spread's count (see `check`)."""
    rated = sum(counts.values())
    total = max(headcount, rated)
    pending = total - rated
    chosen = rules.get(org_predikat, ())
    found: list[Bound] = []
    for rule in chosen:
        count = sum(counts.get(p, 0) for p in rule.predikat)
        limit = rule.limit(total)
        if rule.is_maximum:  # never below a minimum of the same predikat ("most, at most 70 %" of one or two)
            limit = max([limit, *(o.limit(total) for o in chosen if not o.is_maximum and o.predikat == rule.predikat)])
            breached = count > limit
        else:
            breached = count + pending < limit
        found.append(Bound(rule, limit, count, total, pending, breached))
    return found


def check(rules: CurveRules, org_predikat: str, counts: Mapping[str, int], headcount: int, of: str = "agency"
          ) -> list[Finding]:
    """The rules of `org_predikat` that the spread `counts` (predikat -> people rated) breaks; `of` names what has
    the predikat in the messages ("agency", or "unit" for a unit's own curve)."""
    findings: list[Finding] = []
    for b in bounds(rules, org_predikat, counts, headcount):
        if not b.breached:
            continue
        rule, count, total, limit, pending = b.rule, b.count, b.total, b.limit, b.pending
        share = _pct(100 * count / total) if total else "0"
        if rule.is_maximum:
            message = (f"{rule.label} {count} of {total} ({share} %) exceeds the {_pct(rule.max_percent)} % maximum "
                       f"for {_organisation(org_predikat, of)}: at most {limit} of {total}")
        else:
            bound = (f"the {_pct(rule.min_percent)} % minimum" if rule.min_percent is not None
                     else f"more than {_pct(rule.more_than_percent)} %" if rule.more_than_percent is not None
                     else f"the minimum of {limit}")
            message = (f"{rule.label} {count} of {total} ({share} %) falls short of {bound} for "
                       f"{_organisation(org_predikat, of)}: at least {limit} of {total}"
                       + (f", and only {pending} not yet rated" if pending else ""))
        findings.append(Finding(rule, org_predikat, count, total, limit, pending, message))
    return findings


# -- the YAML file --------------------------------------------------------------------------------

class CurveFileError(ValueError):
    """The curve file cannot be used; `errors` name the file, the line and the key of each problem."""

    def __init__(self, errors: Sequence[SpecError]):
        self.errors = list(errors)
        super().__init__("invalid curve file:\n" + "\n".join(f"  {e}" for e in self.errors))


def _rule(reader: NodeReader, node: yaml.Node, path: list[str]) -> Rule | None:
    fields = reader.mapping(node, path, ["predikat"], RULE_KEYS)
    if fields is None:
        return None
    ok = True
    names: list[str] = []
    try:
        target = fields.get("predikat")
        if target is None:
            raise InvalidNode  # reported as missing already
        items = reader.sequence(target, [*path, "predikat"]) if isinstance(target, yaml.SequenceNode) else [target]
        for n, item in enumerate(items):
            where = [*path, "predikat", str(n)] if isinstance(target, yaml.SequenceNode) else [*path, "predikat"]
            name = reader.choice(item, where, PREDIKATS)
            if name in names:
                reader.error(item, where, f"{name} appears twice")
                ok = False
            names.append(name)
        if not items:
            reader.error(target, [*path, "predikat"], "must name at least one predikat")
            ok = False
    except InvalidNode:
        ok = False
    limits = [key for key in RULE_KEYS if key in fields]
    if len(limits) != 1:
        reader.error(node, path, f"give exactly one of {', '.join(RULE_KEYS)}"
                                 + (f", not {' and '.join(limits)}" if limits else ""))
        return None
    key = limits[0]
    try:
        value = reader.scalar(fields[key], [*path, key])
    except InvalidNode:
        return None
    if key == "min_count":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            reader.error(fields[key], [*path, key], f"must be a whole number of at least 0, got {value!r}")
            return None
    elif (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
          or not 0 <= value <= 100):
        reader.error(fields[key], [*path, key], f"must be a percentage from 0 to 100, got {value!r}")
        return None
    if not ok:
        return None
    return Rule(tuple(names), **{key: value if key == "min_count" else float(value)})


def load_rules(path: Path) -> CurveRules:
    """The rules of a curve file, replacing the defaults; CurveFileError lists every problem."""
    reader = NodeReader(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CurveFileError([SpecError(str(path), None, None, f"cannot read: {exc}")]) from None
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise CurveFileError([SpecError(str(path), mark.line + 1 if mark else None, None,
                                        f"YAML does not parse: {problem}")]) from None
    if root is None:
        raise CurveFileError([SpecError(str(path), None, None, "the file is empty")])
    top = reader.mapping(root, [], ORG_PREDIKATS, [])
    rules: dict[str, tuple[Rule, ...]] = {}
    for org, node in (top or {}).items():
        try:
            items = reader.sequence(node, [org]) if not _is_null(node) else []
        except InvalidNode:
            continue
        if len(items) > MAX_RULES:
            reader.error(node, [org], f"has {len(items)} rules; at most {MAX_RULES}")
        parsed = [_rule(reader, item, [org, str(n)]) for n, item in enumerate(items)]
        rules[org] = tuple(r for r in parsed if r is not None)
    if reader.errors:
        raise CurveFileError(reader.errors)
    return {org: rules[org] for org in ORG_PREDIKATS}


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


_LOADED: dict[tuple[str, int], CurveRules] = {}


def rules_for(path: Path | None) -> CurveRules:
    """The defaults, or the rules of the curve file (read again when the file changes)."""
    if path is None:
        return DEFAULT_RULES
    try:
        key = (str(Path(path).resolve()), os.stat(path).st_mtime_ns)
    except OSError:
        return load_rules(Path(path))  # raises CurveFileError naming the file
    found = _LOADED.get(key)
    if found is None:
        found = _LOADED[key] = load_rules(Path(path))
    return found
