"""The safe formula evaluator: an allow-listed expression tree, compiled once, evaluated per measurement."""

from __future__ import annotations

import ast
import math
import operator
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

MAX_LENGTH = 1000
MAX_NODES = 200
MAX_EXPONENT = 100
MAX_MAGNITUDE = 1e300
FUNCTIONS: dict[str, Callable[..., Any]] = {"min": min, "max": max, "abs": abs, "round": round}


class FormulaError(ValueError):
    """The text is not an allowed formula; the message says what and where (column)."""


class EvaluationError(ArithmeticError):
    """Evaluating failed for these inputs (division by zero, a result too large or not finite)."""


def _power(base: float, exponent: float) -> float:
    if abs(exponent) > MAX_EXPONENT:
        raise EvaluationError(f"exponent {exponent:g} is too large (at most {MAX_EXPONENT})")
    if base != 0 and exponent > 0 and exponent * math.log10(abs(base)) > 300:
        raise EvaluationError("result of ** is too large")
    if base == 0 and exponent < 0:
        raise EvaluationError("division by zero")
    return base**exponent


def _divide(op: Callable[[float, float], float]) -> Callable[[float, float], float]:
    def apply(a: float, b: float) -> float:
        if b == 0:
            raise EvaluationError("division by zero")
        return op(a, b)

    return apply


BINARY = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: _divide(operator.truediv),
    ast.FloorDiv: _divide(operator.floordiv), ast.Mod: _divide(operator.mod), ast.Pow: _power,
}
UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Not: operator.not_}
COMPARE = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
           ast.Eq: operator.eq, ast.NotEq: operator.ne}

NAMED = {
    ast.Attribute: "attribute access", ast.Subscript: "indexing", ast.Lambda: "lambda",
    ast.ListComp: "a comprehension", ast.SetComp: "a comprehension", ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a comprehension", ast.NamedExpr: "assignment (:=)", ast.JoinedStr: "an f-string",
    ast.List: "a list", ast.Tuple: "a tuple", ast.Dict: "a dict", ast.Set: "a set", ast.Starred: "unpacking",
    ast.Await: "await", ast.Yield: "yield", ast.YieldFrom: "yield",
}

Node = Callable[[Mapping[str, float]], Any]


def _fail(node: ast.AST, message: str) -> FormulaError:
    column = getattr(node, "col_offset", None)
    return FormulaError(f"{message} (at column {column + 1})" if column is not None else message)


def _check(value: Any) -> Any:
    if isinstance(value, float) and (not math.isfinite(value) or abs(value) > MAX_MAGNITUDE):
        raise EvaluationError("result is not a finite number")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_MAGNITUDE:
        raise EvaluationError("result is too large")
    return value


class _Builder:
    """Turns a validated AST into nested closures: evaluation never parses or calls eval()."""

    def __init__(self, allowed: set[str]):
        self.allowed = allowed
        self.names: set[str] = set()

    def build(self, node: ast.AST) -> Node:
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise _fail(node, f"only numbers may appear as constants, not {value!r}")
            return lambda _values: value
        if isinstance(node, ast.Name):
            if node.id in FUNCTIONS:
                raise _fail(node, f"{node.id} may only be called")
            if node.id not in self.allowed:
                inputs = ", ".join(sorted(self.allowed)) or "none"
                raise _fail(node, f"unknown name {node.id!r}; inputs are: {inputs}")
            name = node.id
            self.names.add(name)
            return lambda values: values[name]
        if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
            op, left, right = BINARY[type(node.op)], self.build(node.left), self.build(node.right)
            return lambda values: _check(op(left(values), right(values)))
        if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY:
            op, operand = UNARY[type(node.op)], self.build(node.operand)
            return lambda values: op(operand(values))
        if isinstance(node, ast.BoolOp):
            parts = [self.build(v) for v in node.values]
            if isinstance(node.op, ast.And):
                return lambda values: all(bool(p(values)) for p in parts)
            return lambda values: any(bool(p(values)) for p in parts)
        if isinstance(node, ast.Compare):
            if not all(type(op) in COMPARE for op in node.ops):
                raise _fail(node, "only <, <=, >, >=, == and != comparisons are allowed")
            first = self.build(node.left)
            rest = [(COMPARE[type(op)], self.build(c)) for op, c in zip(node.ops, node.comparators)]

            def compare(values: Mapping[str, float]) -> bool:
                left = first(values)
                for op, right_node in rest:
                    right = right_node(values)
                    if not op(left, right):
                        return False
                    left = right
                return True

            return compare
        if isinstance(node, ast.IfExp):
            test, body, orelse = self.build(node.test), self.build(node.body), self.build(node.orelse)
            return lambda values: body(values) if test(values) else orelse(values)
        if isinstance(node, ast.Call):
            return self._call(node)
        what = NAMED.get(type(node), type(node).__name__)
        raise _fail(node, f"{what} is not allowed")

    def _call(self, node: ast.Call) -> Node:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise _fail(node, "calls other than min, max, abs, round are not allowed")
        name = node.func.id
        if node.keywords:
            raise _fail(node, f"{name}() takes no keyword arguments")
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise _fail(node, "unpacking is not allowed")
        count = len(node.args)
        if (name in ("min", "max") and count < 2) or (name == "abs" and count != 1) or (
                name == "round" and count not in (1, 2)):
            raise _fail(node, f"{name}() got {count} argument(s)")
        fn, args = FUNCTIONS[name], [self.build(a) for a in node.args]
        if name == "round" and count == 2:
            def call_round(values: Mapping[str, float]) -> Any:
                digits = args[1](values)
                if digits != int(digits):
                    raise EvaluationError("round() digits must be a whole number")
                return round(args[0](values), int(digits))

            return call_round
        return lambda values: fn(*(a(values) for a in args))


@dataclass(frozen=True)
class Compiled:
    source: str
    names: frozenset[str]
    _run: Node = field(repr=False, compare=False)

    def evaluate(self, values: Mapping[str, float]) -> float | bool:
        clean: dict[str, float] = {}
        for name in self.names:
            if name not in values:
                raise EvaluationError(f"input {name!r} is missing")
            value = values[name]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise EvaluationError(f"input {name!r} must be a number")
            if not math.isfinite(value):
                raise EvaluationError(f"input {name!r} must be a finite number")
            clean[name] = value
        try:
            result = self._run(clean)
        except (OverflowError, ValueError) as exc:
            raise EvaluationError(str(exc)) from None
        if isinstance(result, bool):
            return result
        return float(_check(result))


def compile_expression(source: str, allowed_names: Iterable[str]) -> Compiled:
    """Parse and validate once; the result evaluates without parsing again."""
    text = (source or "").strip()
    if not text:
        raise FormulaError("the formula is empty")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"the formula is {len(text)} characters; at most {MAX_LENGTH}")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"syntax error at column {exc.offset or 0}: {exc.msg}") from None
    count = sum(1 for _ in ast.walk(tree))
    if count > MAX_NODES:
        raise FormulaError(f"the formula is too complex ({count} parts; at most {MAX_NODES})")
    builder = _Builder(set(allowed_names))
    run = builder.build(tree.body)
    return Compiled(source=text, names=frozenset(builder.names), _run=run)
