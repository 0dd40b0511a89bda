"""Safe formulas and checks: an allow-listed expression AST, compiled once, evaluated with guarded arithmetic."""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

MAX_LENGTH = 1000
MAX_NODES = 200
MAX_EXPONENT = 100
MAX_MAGNITUDE = 1e300
FUNCTIONS = ("min", "max", "abs", "round")

Value = float | bool
Evaluator = Callable[[Mapping[str, Value]], Value]


class FormulaError(ValueError):
    """The text is not an allowed formula; message says what and where (column)."""


class EvaluationError(ArithmeticError):
    """Evaluating failed for these inputs (division by zero, result too large, not finite)."""


@dataclass(frozen=True)
class Compiled:
    source: str
    names: frozenset[str]  # input names it uses
    _run: Evaluator | None = field(default=None, repr=False, compare=False)

    def evaluate(self, values: Mapping[str, float]) -> float | bool:
        """The value for these inputs: a bool for comparisons and and/or/not, otherwise a float."""
        if self._run is None:
            raise EvaluationError("this formula was not made by compile_expression")
        env: dict[str, Value] = {}
        for name in sorted(self.names):
            if name not in values:
                raise EvaluationError(f"missing input {name!r}")
            env[name] = _input(name, values[name])
        try:
            result = self._run(env)
        except ZeroDivisionError:
            raise EvaluationError("division by zero") from None
        except OverflowError:
            raise EvaluationError("result is too large") from None
        return result if isinstance(result, bool) else _checked(result)


def compile_expression(source: str, allowed_names: Iterable[str]) -> Compiled:
    """Parse and validate `source` once; the result only walks the validated tree when evaluated."""
    if not isinstance(source, str):
        raise FormulaError(f"a formula must be text, not {type(source).__name__}")
    if len(source) > MAX_LENGTH:
        raise FormulaError(f"formula is too long ({len(source)} characters; at most {MAX_LENGTH})")
    text = source.strip()
    if not text:
        raise FormulaError("formula is empty")
    lead = source[: len(source) - len(source.lstrip())]
    where = _Where(text, lead.count("\n"), len(lead) - lead.rfind("\n") - 1)
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"syntax error at {where.syntax(exc)}: {exc.msg}") from None
    except (RecursionError, MemoryError):
        raise FormulaError("formula is nested too deeply") from None
    except ValueError as exc:  # e.g. null bytes on some Python versions
        raise FormulaError(f"syntax error: {exc}") from None
    count = sum(1 for node in ast.walk(tree) if isinstance(node, ast.expr))
    if count > MAX_NODES:
        raise FormulaError(f"formula is too complex ({count} parts; at most {MAX_NODES})")
    builder = _Builder(frozenset(allowed_names), where)
    run = builder.build(tree.body)
    return Compiled(source=source, names=frozenset(builder.used), _run=run)


# --- positions -----------------------------------------------------------------------------------


class _Where:
    """Turns AST positions (1-based lines, UTF-8 byte columns) into 'column N' of the original text."""

    def __init__(self, text: str, line_shift: int, col_shift: int) -> None:
        self.lines = text.split("\n")
        self.line_shift = line_shift
        self.col_shift = col_shift

    def _at(self, line: int, column: int) -> str:
        if line == 1:
            column += self.col_shift
        line += self.line_shift
        return f"column {column}" if line == 1 else f"line {line}, column {column}"

    def node(self, node: ast.AST) -> str:
        line = getattr(node, "lineno", 1)
        raw = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        column = len(raw.encode()[: getattr(node, "col_offset", 0)].decode(errors="ignore")) + 1
        return self._at(line, column)

    def syntax(self, exc: SyntaxError) -> str:
        line = exc.lineno or 1
        raw = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        column = exc.offset if exc.offset and exc.offset > 0 else len(raw) + 1
        return self._at(line, column)


# --- validation and building ----------------------------------------------------------------------

_BINARY: dict[type, str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**",
}
_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Lt: lambda a, b: a < b, ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b, ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b,
}
_OPERATOR_TEXT: dict[type, str] = {
    ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>",
    ast.Invert: "~", ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in",
}
_CONSTRUCTS: dict[type, str] = {
    ast.Attribute: "attribute access is not allowed",
    ast.Subscript: "indexing and slicing are not allowed",
    ast.Slice: "indexing and slicing are not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.List: "lists are not allowed",
    ast.Tuple: "tuples are not allowed",
    ast.Set: "sets are not allowed",
    ast.Dict: "dicts are not allowed",
    ast.NamedExpr: "assignment (:=) is not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.FormattedValue: "f-strings are not allowed",
    ast.Starred: "starred arguments are not allowed",
    ast.Await: "await is not allowed",
    ast.Yield: "yield is not allowed",
    ast.YieldFrom: "yield is not allowed",
}


class _Builder:
    """Checks each node against the allow-list and turns it into a closure over its checked children."""

    def __init__(self, allowed: frozenset[str], where: _Where) -> None:
        self.allowed = allowed
        self.where = where
        self.used: set[str] = set()

    def fail(self, node: ast.AST, message: str) -> FormulaError:
        return FormulaError(f"{message} ({self.where.node(node)})")

    def build(self, node: ast.AST) -> Evaluator:
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            message = _CONSTRUCTS.get(type(node), f"{type(node).__name__} is not allowed")
            raise self.fail(node, message)
        return method(node)

    def _Constant(self, node: ast.Constant) -> Evaluator:
        value = node.value
        if isinstance(value, bool):
            raise self.fail(node, f"{value} is not allowed; write a comparison such as a > 0 instead")
        if value is None:
            raise self.fail(node, "None is not allowed")
        if isinstance(value, (str, bytes)):
            raise self.fail(node, "strings are not allowed")
        if isinstance(value, complex):
            raise self.fail(node, "complex numbers are not allowed")
        if not isinstance(value, (int, float)):
            raise self.fail(node, f"the constant {value!r} is not allowed")
        try:
            number = float(value)
        except OverflowError:
            raise self.fail(node, "number is too large") from None
        if not math.isfinite(number) or abs(number) > MAX_MAGNITUDE:
            raise self.fail(node, "number is too large")
        return lambda env: number

    def _Name(self, node: ast.Name) -> Evaluator:
        name = node.id
        if not isinstance(node.ctx, ast.Load):
            raise self.fail(node, "assignment is not allowed")
        if name.startswith("__"):
            raise self.fail(node, f"dunder names such as {name!r} are not allowed")
        if name in FUNCTIONS:
            raise self.fail(node, f"{name!r} can only be called, as in {name}(...)")
        if name not in self.allowed:
            inputs = ", ".join(sorted(n for n in self.allowed if n not in FUNCTIONS))
            hint = f"inputs are: {inputs}" if inputs else "there are no inputs"
            raise self.fail(node, f"unknown name {name!r}; {hint}")
        self.used.add(name)
        return lambda env: env[name]

    def _BinOp(self, node: ast.BinOp) -> Evaluator:
        symbol = _BINARY.get(type(node.op))
        if symbol is None:
            raise self.fail(node, f"operator {_OPERATOR_TEXT.get(type(node.op), '?')!r} is not allowed")
        left, right = self.build(node.left), self.build(node.right)
        operate = _ARITHMETIC[symbol]
        return lambda env: operate(left(env), right(env))

    def _UnaryOp(self, node: ast.UnaryOp) -> Evaluator:
        operand = self.build(node.operand)
        if isinstance(node.op, ast.Not):
            return lambda env: not operand(env)
        if isinstance(node.op, ast.USub):
            return lambda env: -float(operand(env))
        if isinstance(node.op, ast.UAdd):
            return lambda env: float(operand(env))
        raise self.fail(node, f"operator {_OPERATOR_TEXT.get(type(node.op), '?')!r} is not allowed")

    def _BoolOp(self, node: ast.BoolOp) -> Evaluator:
        parts = [self.build(value) for value in node.values]
        if isinstance(node.op, ast.And):
            return lambda env: all(part(env) for part in parts)
        return lambda env: any(part(env) for part in parts)

    def _Compare(self, node: ast.Compare) -> Evaluator:
        for op in node.ops:
            if type(op) not in _COMPARE:
                raise self.fail(node, f"comparison {_OPERATOR_TEXT.get(type(op), '?')!r} is not allowed")
        left = self.build(node.left)
        steps = [(_COMPARE[type(op)], self.build(right)) for op, right in zip(node.ops, node.comparators)]

        def compare(env: Mapping[str, Value]) -> bool:
            current = left(env)
            for test, right in steps:
                following = right(env)
                if not test(current, following):
                    return False
                current = following
            return True

        return compare

    def _IfExp(self, node: ast.IfExp) -> Evaluator:
        test, body, orelse = self.build(node.test), self.build(node.body), self.build(node.orelse)
        return lambda env: body(env) if test(env) else orelse(env)

    def _Call(self, node: ast.Call) -> Evaluator:
        func = node.func
        if type(func) in _CONSTRUCTS:  # (lambda: 1)(), a.b(), ...: name the construct itself
            raise self.fail(func, _CONSTRUCTS[type(func)])
        if not isinstance(func, ast.Name) or func.id not in FUNCTIONS:
            called = f": {func.id!r}" if isinstance(func, ast.Name) else ""
            raise self.fail(node, f"calls other than {', '.join(FUNCTIONS)} are not allowed{called}")
        name = func.id
        if node.keywords:
            raise self.fail(node, f"keyword arguments are not allowed in {name}()")
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.fail(arg, "starred arguments are not allowed")
        count = len(node.args)
        if name == "abs" and count != 1:
            raise self.fail(node, f"abs() takes exactly 1 argument ({count} given)")
        if name == "round" and count not in (1, 2):
            raise self.fail(node, f"round() takes 1 or 2 arguments ({count} given)")
        if name in ("min", "max") and count < 2:
            raise self.fail(node, f"{name}() needs at least 2 arguments ({count} given)")
        args = [self.build(arg) for arg in node.args]
        if name == "abs":
            (only,) = args
            return lambda env: abs(float(only(env)))
        if name == "round":
            return lambda env: _round(*[arg(env) for arg in args])
        choose = min if name == "min" else max
        return lambda env: choose(arg(env) for arg in args)


# --- guarded arithmetic ---------------------------------------------------------------------------


def _input(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise EvaluationError(f"input {name!r} must be a number, not {type(value).__name__}")
    try:
        number = float(value)
    except OverflowError:
        raise EvaluationError(f"input {name!r} is too large") from None
    if not math.isfinite(number):
        raise EvaluationError(f"input {name!r} is not a finite number")
    if abs(number) > MAX_MAGNITUDE:
        raise EvaluationError(f"input {name!r} is too large")
    return number


def _checked(value: Value) -> float:
    number = float(value)
    if math.isnan(number):
        raise EvaluationError("result is not a finite number")
    if abs(number) > MAX_MAGNITUDE:  # also inf, which float arithmetic gives on overflow
        raise EvaluationError("result is too large")
    return number


def _divide(a: Value, b: Value, operate: Callable[[float, float], float]) -> float:
    if b == 0:
        raise EvaluationError("division by zero")
    return _checked(operate(float(a), float(b)))


def _power(base: Value, exponent: Value) -> float:
    b, e = float(base), float(exponent)
    if abs(e) > MAX_EXPONENT:
        raise EvaluationError(f"exponent {e:g} is too large (at most {MAX_EXPONENT} either way)")
    if b == 0:
        if e < 0:
            raise EvaluationError("division by zero")
        return 1.0 if e == 0 else 0.0
    if b < 0 and not e.is_integer():
        raise EvaluationError("a negative number cannot be raised to a fractional power")
    if e * math.log10(abs(b)) > math.log10(MAX_MAGNITUDE):
        raise EvaluationError("result is too large")
    try:
        return _checked(b**e)
    except (OverflowError, ZeroDivisionError):
        raise EvaluationError("result is too large") from None


def _round(value: Value, digits: Value | None = None) -> float:
    number = float(value)
    if digits is None:
        return _checked(round(number))
    places = float(digits)
    if not places.is_integer():
        raise EvaluationError("round() needs a whole number of digits")
    return _checked(round(number, int(max(-400.0, min(400.0, places)))))


_ARITHMETIC: dict[str, Callable[[Value, Value], float]] = {
    "+": lambda a, b: _checked(float(a) + float(b)),
    "-": lambda a, b: _checked(float(a) - float(b)),
    "*": lambda a, b: _checked(float(a) * float(b)),
    "/": lambda a, b: _divide(a, b, lambda x, y: x / y),
    "//": lambda a, b: _divide(a, b, lambda x, y: x // y),
    "%": lambda a, b: _divide(a, b, lambda x, y: x % y),
    "**": _power,
}
