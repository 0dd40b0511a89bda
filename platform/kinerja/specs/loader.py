"""Indicator spec files: YAML read safely, validated key by key, every error with file, line and path."""

from __future__ import annotations

import hashlib
import json
import keyword
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import yaml

from kinerja.plugins.values import Calculator
from kinerja.specs import capaian
from kinerja.specs.capaian import Scoring
from kinerja.specs.formula import Compiled, FormulaError, compile_expression
from kinerja.specs.yaml_reader import LOADER, MAPPING_TAG, SCALAR_TAGS, YAML_STR, InvalidNode, NodeReader, SpecError

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")
INPUT_RE = re.compile(r"^[a-z_][a-z0-9_]{0,63}$")
RESERVED = {"min", "max", "abs", "round"}
MAX_INPUTS = 20  # inputs of one indicator: the bound of Indicator.inputs (graphql/cost.py)
DIRECTIONS = capaian.DIRECTIONS
LEVELS = ("person", "unit", "agency")
PERIOD_KINDS = ("month", "quarter", "year")
INPUT_TYPES = ("integer", "number")
SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class InputSpec:
    name: str
    type: str
    label: str | None = None
    min: float | None = None
    max: float | None = None
    required: bool = True


@dataclass(frozen=True)
class IndicatorSpec:
    agency: str
    code: str
    name: str
    unit: str
    direction: str
    level: str
    periods: tuple[str, ...]
    inputs: tuple[InputSpec, ...]
    checks: tuple[Compiled, ...]
    formula: Compiled | None
    calculator: str | None
    target: float | None  # the default target; a range's midpoint (capaian.midpoint)
    rating_above: float | None
    rating_meets: float | None
    name_en: str | None
    version: str
    file: str
    line: int | None
    target_lower: float | None = None  # a default range target (`target: {lower, upper}`)
    target_upper: float | None = None
    scoring: Scoring = capaian.DEFAULT_SCORING  # `achievement: {cap, over, best}`

    @property
    def full_code(self) -> str:
        return f"{self.agency}.{self.code}"


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    indicators: tuple[IndicatorSpec, ...]
    file: str


def _field(reader: NodeReader, fields: dict, key: str, path: list[str], parse: Callable, default: Any = None) -> Any:
    node = fields.get(key)
    if node is None:
        return default
    try:
        return parse(node, [*path, key])
    except InvalidNode:
        return default


def _version(agency: str, content: Mapping[str, Any]) -> str:
    raw = json.dumps({"agency": agency, **content}, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def _inputs(reader: NodeReader, node: yaml.Node, path: list[str]) -> tuple[InputSpec, ...]:
    if not isinstance(node, yaml.MappingNode) or not node.value:
        reader.error(node, path, "must be a mapping of input names to {type, min, max, label}")
        return ()
    if reader.unknown_tag(node, path, MAPPING_TAG):
        return ()
    if len(node.value) > MAX_INPUTS:
        reader.error(node, path, f"at most {MAX_INPUTS} inputs, got {len(node.value)}")
        return ()
    out = []
    for key_node, value_node in node.value:
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        ipath = [*path, str(name)]
        if name and key_node.tag not in SCALAR_TAGS:  # a tagged key: the error names its tag
            reader.unknown_tag(key_node, ipath, YAML_STR)
            continue
        if not isinstance(name, str) or not INPUT_RE.match(name) or keyword.iskeyword(name) or name in RESERVED:
            reader.error(key_node, ipath, "input names are lower-case identifiers (a-z, 0-9, _), "
                                          "not a Python keyword nor min/max/abs/round")
            continue
        if any(i.name == name for i in out):
            reader.error(key_node, ipath, f"input {name!r} appears twice")
            continue
        fields = reader.mapping(value_node, ipath, ["type"], ["min", "max", "label", "required"])
        if fields is None:
            continue
        kind = _field(reader, fields, "type", ipath, lambda n, p: reader.choice(n, p, INPUT_TYPES))
        low = _field(reader, fields, "min", ipath, reader.number)
        high = _field(reader, fields, "max", ipath, reader.number)
        label = _field(reader, fields, "label", ipath, reader.text)
        required = _field(reader, fields, "required", ipath, reader.scalar, True)
        if not isinstance(required, bool):
            reader.error(fields["required"], [*ipath, "required"], "must be true or false")
        if low is not None and high is not None and low > high:
            reader.error(fields["min"], [*ipath, "min"], f"min {low} is above max {high}")
        if kind:
            out.append(InputSpec(name, kind, label, low, high, bool(required)))
    return tuple(out)


INDICATOR_REQUIRED = ("code", "name", "unit", "direction", "level", "periods", "inputs")
INDICATOR_OPTIONAL = ("name_en", "checks", "formula", "calculator", "target", "rating", "achievement")


def _indicator(reader: NodeReader, agency: str, node: yaml.Node, path: list[str],
               calculators: Mapping[str, Callable]) -> IndicatorSpec | None:
    before = len(reader.errors)
    fields = reader.mapping(node, path, INDICATOR_REQUIRED, INDICATOR_OPTIONAL)
    if fields is None:
        return None
    code = _field(reader, fields, "code", path, reader.text)
    if code is not None and not CODE_RE.match(code):
        reader.error(fields["code"], [*path, "code"], f"code must be A-Z, 0-9, '-' or '_' (1-32), got {code!r}")
    name = _field(reader, fields, "name", path, reader.text)
    name_en = _field(reader, fields, "name_en", path, reader.text)
    unit = _field(reader, fields, "unit", path, reader.text)
    direction = _field(reader, fields, "direction", path, lambda n, p: reader.choice(n, p, DIRECTIONS))
    level = _field(reader, fields, "level", path, lambda n, p: reader.choice(n, p, LEVELS))
    periods: list[str] = []
    if "periods" in fields:
        try:
            for i, item in enumerate(reader.sequence(fields["periods"], [*path, "periods"])):
                try:
                    kind = reader.choice(item, [*path, "periods", str(i)], PERIOD_KINDS)
                except InvalidNode:
                    continue
                if kind in periods:
                    reader.error(item, [*path, "periods", str(i)], f"period {kind!r} appears twice")
                periods.append(kind)
            if not periods and not reader.errors[before:]:
                reader.error(fields["periods"], [*path, "periods"], "must name at least one of month, quarter, year")
        except InvalidNode:
            pass
    before_inputs = len(reader.errors)
    inputs = _inputs(reader, fields["inputs"], [*path, "inputs"]) if "inputs" in fields else ()
    inputs_valid = len(reader.errors) == before_inputs
    names = [i.name for i in inputs]

    def expression(node: yaml.Node, p: Sequence[str]) -> Compiled:
        text = reader.text(node, p, limit=1000)
        try:
            return compile_expression(text, names)
        except FormulaError as exc:
            reader.error(node, p, str(exc))
            raise InvalidNode from None

    checks: list[Compiled] = []
    if "checks" in fields:
        try:
            for i, item in enumerate(reader.sequence(fields["checks"], [*path, "checks"])):
                try:
                    checks.append(expression(item, [*path, "checks", str(i)]))
                except InvalidNode:
                    pass
        except InvalidNode:
            pass
    formula = _field(reader, fields, "formula", path, expression)
    calculator = _field(reader, fields, "calculator", path, reader.text)
    if ("formula" in fields) == ("calculator" in fields):
        reader.error(node, path, "give exactly one of 'formula' and 'calculator'")
    elif calculator is not None and calculator not in calculators:
        known = ", ".join(sorted(calculators)) or "none are installed"
        reader.error(fields["calculator"], [*path, "calculator"],
                     f"unknown calculator {calculator!r} (known: {known})")
    elif calculator is not None and inputs and inputs_valid:
        _calculator_contract(reader, fields["inputs"], [*path, "inputs"], calculator, calculators[calculator], names)
    target, lower, upper = _target(reader, fields.get("target"), [*path, "target"], direction)
    scoring = _scoring(reader, fields.get("achievement"), [*path, "achievement"], direction, target, lower, upper)
    above = meets = None
    if "rating" in fields:
        rating = reader.mapping(fields["rating"], [*path, "rating"], ["above", "meets"], [])
        if rating:
            above = _field(reader, rating, "above", [*path, "rating"], reader.number)
            meets = _field(reader, rating, "meets", [*path, "rating"], reader.number)
            if above is not None and meets is not None and above < meets:
                reader.error(rating["above"], [*path, "rating", "above"], f"above ({above}) is below meets ({meets})")
    if len(reader.errors) > before or None in (code, name, unit, direction, level) or not inputs:
        return None
    content = {
        "code": code, "name": name, "name_en": name_en, "unit": unit, "direction": direction, "level": level,
        "periods": periods, "inputs": [vars(i) for i in inputs], "checks": [c.source for c in checks],
        "formula": formula.source if formula else None, "calculator": calculator,
        "target": {"lower": lower, "upper": upper} if lower is not None else target,
        "rating": [above, meets], "achievement": [scoring.over, scoring.cap, scoring.best],
    }
    return IndicatorSpec(
        agency=agency, code=code, name=name, unit=unit, direction=direction, level=level, periods=tuple(periods),
        inputs=inputs, checks=tuple(checks), formula=formula, calculator=calculator, target=target,
        rating_above=above, rating_meets=meets, name_en=name_en, version=_version(agency, content),
        file=reader.file, line=node.start_mark.line + 1, target_lower=lower, target_upper=upper, scoring=scoring,
    )


def _calculator_contract(reader: NodeReader, node: yaml.Node, path: list[str], name: str, calculator: Callable,
                         names: Sequence[str]) -> None:
    """A calculator with a contract (a plugin's `Calculator`) reads its required inputs: a spec naming it must declare
    each one, or a measurement would fail at the calculator. A bare function has no contract and is not checked."""
    if not isinstance(calculator, Calculator):
        return
    missing = [n for n in calculator.required_inputs if n not in names]
    if missing:
        reader.error(node, path, f"missing required calculator inputs of {name}: {', '.join(missing)}")


def _target(reader: NodeReader, node: yaml.Node | None, path: list[str], direction: str | None
            ) -> tuple[float | None, float | None, float | None]:
    """The default target (value, lower, upper): a number, or a range `{lower: L, upper: U}` whose value is its
    midpoint; checked as the services check every target (capaian.target_problems)."""
    if node is None:
        return None, None, None
    value = lower = upper = None
    if isinstance(node, yaml.MappingNode):
        bounds = reader.mapping(node, path, ["lower", "upper"], [])
        if bounds is None or len(bounds) < 2:
            return None, None, None
        lower = _field(reader, bounds, "lower", path, reader.number)
        upper = _field(reader, bounds, "upper", path, reader.number)
        if lower is None or upper is None:
            return None, None, None
    else:
        try:
            value = reader.number(node, path)
        except InvalidNode:
            return None, None, None
    if direction is None:
        return None, None, None
    problems = capaian.target_problems(direction, value, lower, upper, limit=capaian.TARGET_MAX)
    for problem in problems:
        where = path if problem.field == "value" else [*path, problem.field]
        reader.error(node, where, problem.message)
    if problems:
        return None, None, None
    if lower is not None and upper is not None:
        return capaian.midpoint(lower, upper), lower, upper
    return value, None, None


def _scoring(reader: NodeReader, node: yaml.Node | None, path: list[str], direction: str | None,
             target: float | None, lower: float | None, upper: float | None) -> Scoring:
    """`achievement: {cap, over, best}`: an achievement above `over` (default 110) scores `cap` (default 120; null:
    uncapped), and a target equal to `best` met in full scores `cap`."""
    if node is None:
        return capaian.DEFAULT_SCORING
    fields = reader.mapping(node, path, [], ["cap", "over", "best"])
    if fields is None:
        return capaian.DEFAULT_SCORING
    before = len(reader.errors)
    cap: float | None = capaian.DEFAULT_CAP
    if "cap" in fields:  # a number, or null for uncapped
        try:
            uncapped = reader.scalar(fields["cap"], [*path, "cap"]) is None
            cap = None if uncapped else reader.number(fields["cap"], [*path, "cap"])
        except InvalidNode:
            pass
    over = _field(reader, fields, "over", path, reader.number, capaian.DEFAULT_OVER)
    best = _field(reader, fields, "best", path, reader.number)
    if reader.errors[before:]:
        return capaian.DEFAULT_SCORING
    if cap is None:
        for key in ("over", "best"):
            if key in fields:
                reader.error(fields[key], [*path, key], f"cap is null (uncapped): {key} has no effect; leave it out "
                                                        "or give a cap")
    else:
        if not 100 <= over <= capaian.CAP_MAX:
            where = fields.get("over", node)
            reader.error(where, [*path, "over"], f"over must be between 100 and {capaian.CAP_MAX:g} (the cap rewards "
                                                 f"exceeding the target), got {over:g}")
        elif not over <= cap <= capaian.CAP_MAX:
            reader.error(fields["cap"], [*path, "cap"], f"cap must be between over ({over:g}) and "
                                                        f"{capaian.CAP_MAX:g}, got {cap:g}")
    if best is not None and cap is not None:
        if direction == capaian.BAND:
            reader.error(fields["best"], [*path, "best"], "a band has no best value: its ideal is between the bounds")
        elif direction is not None:
            beyond = [v for v in (target, lower, upper) if v is not None and (
                v > best if direction == capaian.HIGHER else v < best)]
            if beyond:
                side = "above" if direction == capaian.HIGHER else "below"
                reader.error(fields["best"], [*path, "best"], f"the target {beyond[0]:g} is {side} the best value "
                                                              f"{best:g} the realisation can take")
    if reader.errors[before:]:
        return capaian.DEFAULT_SCORING
    return Scoring(cap=cap, over=over, best=best)


def load_spec_file(path: Path, calculators: Mapping[str, Callable] | None = None
                   ) -> tuple[AgencySpec | None, list[SpecError]]:
    """Parse and validate one file. On any error the agency spec is None and every error is listed."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [SpecError(str(path), None, None, f"cannot read: {exc}")]
    return load_spec_text(text, str(path), calculators)


def load_spec_text(text: str, file: str, calculators: Mapping[str, Callable] | None = None
                   ) -> tuple[AgencySpec | None, list[SpecError]]:
    """The same check of a spec document held in memory (`file` names it in errors): a draft checked by
    services/indicators/check.py goes through exactly what a file does."""
    reader = NodeReader(file)
    path = file
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [SpecError(str(path), mark.line + 1 if mark else None, None, f"YAML does not parse: {problem}")]
    if root is None:
        return None, [SpecError(str(path), None, None, "the file is empty")]
    top = reader.mapping(root, [], ["agency", "indicators"], [])
    if top is None or reader.errors:
        return None, reader.errors
    agency = reader.mapping(top["agency"], ["agency"], ["code", "name"], [])
    code = name = None
    if agency:
        code = _field(reader, agency, "code", ["agency"], reader.text)
        name = _field(reader, agency, "name", ["agency"], reader.text)
        if code is not None and not CODE_RE.match(code):
            reader.error(agency["code"], ["agency", "code"], f"agency code must be A-Z, 0-9, '-' or '_', got {code!r}")
    indicators: list[IndicatorSpec] = []
    seen: dict[str, int] = {}
    try:
        nodes = reader.sequence(top["indicators"], ["indicators"])
    except InvalidNode:
        nodes = []
    for i, node in enumerate(nodes):
        spec = _indicator(reader, code or "?", node, ["indicators", str(i)], calculators or {})
        if spec is None:
            continue
        if spec.code in seen:
            reader.error(node, ["indicators", str(i), "code"],
                         f"duplicate indicator code {spec.code!r} (also at indicators.{seen[spec.code]})")
            continue
        seen[spec.code] = i
        indicators.append(spec)
    if not nodes and not reader.errors:
        reader.error(top["indicators"], ["indicators"], "must list at least one indicator")
    if reader.errors or code is None or name is None:
        return None, reader.errors
    return AgencySpec(code=code, name=name, indicators=tuple(indicators), file=str(path)), []


def discover(paths: Iterable[Path]) -> list[Path]:
    """Spec files named directly, and every *.yaml / *.yml inside named folders, sorted, once each."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file())
        elif path.suffix in SUFFIXES:
            found.append(path)
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(p.resolve(), p)
    return list(unique.values())


def load_specs(paths: Iterable[Path], calculators: Mapping[str, Callable] | None = None
               ) -> tuple[list[AgencySpec], list[SpecError]]:
    """Every valid agency spec and every error; an invalid file is left out, the others kept."""
    specs: list[AgencySpec] = []
    errors: list[SpecError] = []
    by_agency: dict[str, str] = {}
    for path in discover(paths):
        spec, problems = load_spec_file(path, calculators)
        errors += problems
        if spec is None:
            continue
        if spec.code in by_agency:
            errors.append(SpecError(str(path), None, "agency.code",
                                    f"agency {spec.code} is defined in {by_agency[spec.code]} already"))
            continue
        by_agency[spec.code] = str(path)
        specs.append(spec)
    return specs, errors
