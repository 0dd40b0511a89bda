"""The stateless check of one unsaved indicator spec (issue 18, "checkIndicatorSpec"): the draft goes through the
real spec loader and formula evaluator, inside a one-indicator document built in memory, and every problem comes
back at its place in the indicator with a stable code. It reads the agency and the catalog; it writes nothing
and audits nothing.

On top of the loader it finds checks that can never hold: a check that is false after constant folding, and a
comparison of one input with a constant outside that input's declared range (docs/DOMAIN.md, "Targets and
achievement"; assumption: the bounds are the spec's `min`/`max`, inclusive, as measurements check them)."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import yaml

from kinerja.models import Agency
from kinerja.services.core.access import Access, deny
from kinerja.services.core.errors import BadArgument
from kinerja.specs.formula import Compiled, EvaluationError, FormulaError, compile_expression
from kinerja.specs.loader import IndicatorSpec, InputSpec, load_spec_text
from kinerja.specs.yaml_reader import LOADER, SpecError

MAX_TEXT = 20_000  # characters of one draft's YAML (graphql/limits.py measures the argument with it)
MAX_PROBLEMS = 100  # problems answered; the last one says how many more there were
NEVER_HOLDS = "CHECK_NEVER_HOLDS"
FROM_FILE = "CODE_FROM_FILE"
HEADER_LINES = 3  # the lines of the document put before the draft (see _document)

# the loader's messages by kind (reader.error(node, path, message) gives no code): the first match names it
_CODES: tuple[tuple[str, str], ...] = (
    (r"^YAML does not parse", "YAML_INVALID"),
    (r"^unsupported YAML tag", "YAML_TAG"),
    (r"^unknown key ", "UNKNOWN_KEY"),
    (r"^missing required key ", "REQUIRED"),
    (r"^missing required calculator inputs", "MISSING_CALCULATOR_INPUTS"),
    (r"^give exactly one of 'formula' and 'calculator'", "FORMULA_OR_CALCULATOR"),
    (r"^unknown calculator ", "UNKNOWN_CALCULATOR"),
    (r"^unknown name .*; (inputs are|there are no inputs)", "UNKNOWN_INPUT"),
    (r"appears twice", "DUPLICATE"),
    (r"^must be a mapping", "NOT_A_MAPPING"),
    (r"^must be a list", "NOT_A_LIST"),
    (r"^must be a single value", "NOT_A_VALUE"),
    (r"^must be non-empty text", "REQUIRED"),
    (r"^is \d+ characters; at most", "TOO_LONG"),
    (r"^at most \d+ inputs", "TOO_MANY"),
    (r"^must be a finite number|is not a valid .* value", "NOT_A_NUMBER"),
    (r"^must be one of ", "INVALID_CHOICE"),
    (r"^must name at least one of", "REQUIRED"),
    (r"^code must be|^agency code must be", "INVALID_CODE"),
    (r"^input names are", "INVALID_NAME"),
    (r"^min .* is above max", "INVALID_RANGE"),
    (r"^must be true or false", "NOT_A_BOOLEAN"),
)
# by the key the problem is at, for the messages of a part's own rules (target, rating, achievement, formulas)
_PART_CODES = {"target": "INVALID_TARGET", "rating": "INVALID_RATING", "achievement": "INVALID_ACHIEVEMENT",
               "formula": "INVALID_FORMULA", "checks": "INVALID_CHECK"}


@dataclass(frozen=True)
class SpecProblem:
    path: tuple[str, ...]  # keys from the indicator, e.g. ("inputs", "graduates", "min")
    code: str
    message: str
    line: int | None = None  # in the draft's text


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    problems: tuple[SpecProblem, ...]
    parsed: dict | None = None  # the draft as plain data, when its YAML is one mapping


async def check_indicator_spec(access: Access, agency_code: str, text: str, catalog: Any) -> CheckResult:
    """Check one draft indicator of `agency_code` (ADMIN: any agency; an agency admin: its own)."""
    agency = await drafting_agency(access, agency_code)
    if len(text) > MAX_TEXT:  # graphql/limits.py refuses it first; a direct caller gets the same answer
        return _result([SpecProblem((), "TOO_LONG", f"the spec is {len(text)} characters; at most {MAX_TEXT}")])
    result = _result(check_text(agency.code, agency.name, text, catalog.calculators, catalog.file_indicator))
    return CheckResult(result.ok, result.problems, parsed(text))


async def drafting_agency(access: Access, code: str) -> Agency:
    if not access.may_read_reports:  # ADMIN and agency admins: the people who draft indicators
        raise deny("only ADMIN and agency admins check indicator specs", params={"action": "check_indicator_spec"})
    agency = await Agency.get_or_none(code=(code or "").strip().upper())
    if agency is not None and access.can_manage_agency(agency.id):
        return agency
    if agency is None and access.is_admin:
        raise BadArgument("agency", f"no agency with code {code!r}", "NOT_FOUND",
                          params={"what": "agency", "key": code})
    raise deny("an agency admin drafts indicators of its own agency only", params={"action": "draft_other_agency"})


def check_text(agency: str, agency_name: str, text: str, calculators: Mapping[str, Callable],
               from_file: Callable[[str], IndicatorSpec | None]) -> list[SpecProblem]:
    """The problems of one indicator entry (YAML text); none when it loads and every check can hold."""
    return load_indicator(agency, agency_name, text, calculators, from_file)[1]


def load_indicator(agency: str, agency_name: str, text: str, calculators: Mapping[str, Callable],
                   from_file: Callable[[str], IndicatorSpec | None], file: str | None = None
                   ) -> tuple[IndicatorSpec | None, list[SpecProblem]]:
    """One indicator entry (YAML text) as the spec files' loader reads it, and its problems: the spec is None when
    it does not load; a spec that loads may still have problems (a file's code, a check that can never hold).
    `file` names it in the loaded spec (a console indicator: `konsol:AGENCY.CODE`)."""
    try:  # the draft alone first: its own YAML errors and line numbers, and it must be one mapping
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [SpecProblem((), "YAML_INVALID", f"YAML does not parse: {problem}",
                                  mark.line + 1 if mark else None)]
    if root is None:
        return None, [SpecProblem((), "REQUIRED", "the spec is empty")]
    if not isinstance(root, yaml.MappingNode):
        return None, [SpecProblem((), "NOT_A_MAPPING", "the spec of an indicator is a mapping of keys to values "
                                                       "(code, name, unit, ...)", root.start_mark.line + 1)]
    spec, errors = load_spec_text(_document(agency, agency_name, text), file or f"draft:{agency}", calculators)
    problems = [_problem(e) for e in errors]
    if spec is None or not spec.indicators:
        return None, problems
    (indicator,) = spec.indicators
    if from_file(indicator.full_code) is not None:
        problems.append(SpecProblem(("code",), FROM_FILE, f"{indicator.full_code} is defined in a spec file; "
                                                          "it cannot be drafted: change the file or pick another code"))
    for i, check in enumerate(indicator.checks):
        why = never_holds(check, {inp.name: inp for inp in indicator.inputs})
        if why:
            problems.append(SpecProblem(("checks", str(i)), NEVER_HOLDS, f"the check {check.source.strip()!r} "
                                                                         f"can never hold: {why}"))
    return indicator, problems


def parsed(text: str) -> dict | None:
    """The draft as plain data (what the console's form shows), or None when its YAML is not one mapping. Read with
    the loader's safe reader: no tags, no objects."""
    try:
        data = yaml.load(text, Loader=LOADER)  # noqa: S506 - LOADER is the spec files' safe loader
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    try:  # JSON-safe: a date becomes its text; NaN or infinity leave no form to show
        return json.loads(json.dumps(data, default=str, allow_nan=False))
    except ValueError:
        return None


def _document(agency: str, name: str, text: str) -> str:
    """A spec document of one agency with the draft as its only indicator, indented under the list item so that
    nothing in it can reach the document's own keys."""
    body = "\n".join("    " + line for line in text.splitlines())
    return f"agency: {{code: {json.dumps(agency)}, name: {json.dumps(name)}}}\nindicators:\n  -\n{body}\n"


def _problem(error: SpecError) -> SpecProblem:
    parts = error.path.split(".") if error.path else []
    if parts[:1] == ["indicators"]:
        parts = parts[2:]  # ["indicators", "0", ...]: the indicator's own keys
    line = error.line - HEADER_LINES if error.line and error.line > HEADER_LINES else None
    return SpecProblem(tuple(parts), _code(error.message, parts), error.message, line)


def _code(message: str, path: list[str]) -> str:
    for pattern, code in _CODES:
        if re.search(pattern, message):
            return code
    return _PART_CODES.get(path[0] if path else "", "INVALID_SPEC")


def _result(problems: list[SpecProblem]) -> CheckResult:
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS + 1
        problems = [*problems[:MAX_PROBLEMS - 1],
                    SpecProblem((), "TOO_MANY_PROBLEMS", f"{more} more problems are not shown")]
    return CheckResult(ok=not problems, problems=tuple(problems))


# --- checks that can never hold ----------------------------------------------------------------------------------

_FLIP = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE, ast.Eq: ast.Eq, ast.NotEq: ast.NotEq}


def never_holds(check: Compiled, inputs: Mapping[str, InputSpec]) -> str | None:
    """Why the check is false for every input its spec allows, or None when it may hold (or we cannot tell)."""
    if not check.names:
        value = _constant_of(check)
        if isinstance(value, str):
            return value
        return None if value else "it is false whatever the inputs"
    tree = ast.parse(check.source.strip(), mode="eval")  # compile_expression accepted this very text
    return _never(tree.body, inputs)


def _never(node: ast.expr, inputs: Mapping[str, InputSpec]) -> str | None:
    if not any(isinstance(n, ast.Name) for n in ast.walk(node)):
        value = _constant(node)
        return "a part of it is false whatever the inputs" if value is False else None
    if isinstance(node, ast.BoolOp):
        reasons = [_never(part, inputs) for part in node.values]
        if isinstance(node.op, ast.And):
            return next((r for r in reasons if r), None)
        return reasons[0] if all(reasons) else None
    if isinstance(node, ast.Compare):
        left = node.left
        for op, right in zip(node.ops, node.comparators):
            why = _pair(left, op, right, inputs)
            if why:
                return why
            left = right
    return None


def _pair(left: ast.expr, op: ast.cmpop, right: ast.expr, inputs: Mapping[str, InputSpec]) -> str | None:
    """One comparison of an input with a constant, against the input's declared range."""
    if isinstance(right, ast.Name) and not isinstance(left, ast.Name):
        left, right, op = right, left, _FLIP[type(op)]()
    if not isinstance(left, ast.Name) or left.id not in inputs or any(isinstance(n, ast.Name) for n in ast.walk(right)):
        return None
    c = _constant(right)
    if c is None or isinstance(c, bool):
        return None
    spec = inputs[left.id]
    low, high = spec.min, spec.max
    shown = f"{left.id} is declared {_range(spec)}"
    if isinstance(op, ast.Lt) and low is not None and low >= c:
        return f"{shown}, so it is never below {c:g}"
    if isinstance(op, ast.LtE) and low is not None and low > c:
        return f"{shown}, so it is never {c:g} or less"
    if isinstance(op, ast.Gt) and high is not None and high <= c:
        return f"{shown}, so it is never above {c:g}"
    if isinstance(op, ast.GtE) and high is not None and high < c:
        return f"{shown}, so it is never {c:g} or more"
    if isinstance(op, ast.Eq):
        if (low is not None and c < low) or (high is not None and c > high):
            return f"{shown}, so it is never {c:g}"
        if spec.type == "integer" and not float(c).is_integer():
            return f"{left.id} is a whole number, so it is never {c:g}"
    if isinstance(op, ast.NotEq) and low is not None and low == high == c:
        return f"{shown}, so it is always {c:g}"
    return None


def _range(spec: InputSpec) -> str:
    if spec.min is not None and spec.max is not None:
        return f"between {spec.min:g} and {spec.max:g}"
    return f"at least {spec.min:g}" if spec.min is not None else f"at most {spec.max:g}"


def _constant(node: ast.expr) -> float | bool | None:
    """The value of a part without inputs, through the real evaluator (None: it fails to evaluate)."""
    try:
        compiled = compile_expression(ast.unparse(node), ())
    except FormulaError:
        return None
    value = _constant_of(compiled)
    return None if isinstance(value, str) else value


def _constant_of(compiled: Compiled) -> float | bool | str:
    """The value of an expression without inputs, or why it cannot be evaluated (text)."""
    try:
        return compiled.evaluate({})
    except EvaluationError as exc:
        return f"it fails whatever the inputs ({exc})"
