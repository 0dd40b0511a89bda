"""The safe formula evaluator: allowed expressions and their values, rejected constructs, guarded arithmetic."""

import ast

import pytest

from kinerja.specs.formula import Compiled, EvaluationError, FormulaError, compile_expression

AB = ["a", "b"]


def value(source, names=AB, **values):
    return compile_expression(source, names).evaluate(values)


def test_percentage_formula_and_the_names_it_uses():
    compiled = compile_expression("graduates / final_year_students * 100", ["graduates", "final_year_students", "x"])
    assert isinstance(compiled, Compiled)
    assert compiled.source == "graduates / final_year_students * 100"
    assert compiled.names == frozenset({"graduates", "final_year_students"})
    result = compiled.evaluate({"graduates": 95, "final_year_students": 100})
    assert result == 95.0 and type(result) is float


@pytest.mark.parametrize("source, expected", [
    ("a + b * 2", 11.0),
    ("(a + b) * 2", 14.0),
    ("a - b - 1", -2.0),
    ("2 ** 3 ** 2", 512.0),
    ("-a ** 2", -9.0),
    ("a / b", 0.75),
    ("a // b", 0.0),
    ("-7 // b", -2.0),
    ("7 % b", 3.0),
    ("+a", 3.0),
])
def test_arithmetic_and_precedence(source, expected):
    assert value(source, a=3, b=4) == expected


def test_conditional_expression_picks_a_branch_and_only_evaluates_that_one():
    assert value("a / b * 100 if b > 0 else 0", a=1, b=4) == 25.0
    assert value("a / b * 100 if b > 0 else 0", a=1, b=0) == 0.0


@pytest.mark.parametrize("source, values, expected", [
    ("min(a, b)", {"a": 3, "b": -4}, -4.0),
    ("max(a, b, 10)", {"a": 3, "b": -4}, 10.0),
    ("abs(b)", {"a": 3, "b": -4}, 4.0),
    ("round(a / b)", {"a": 10, "b": 4}, 2.0),  # banker's rounding, as Python
    ("round(a / b, 2)", {"a": 2, "b": 3}, 0.67),
    ("min(max(a, 0), 100)", {"a": 130, "b": 0}, 100.0),
])
def test_functions(source, values, expected):
    result = value(source, **values)
    assert result == expected and type(result) is float


@pytest.mark.parametrize("a, b, expected", [(0, 5, True), (5, 5, True), (6, 5, False), (-1, 5, False)])
def test_chained_comparison_check(a, b, expected):
    assert value("0 <= a <= b", a=a, b=b) is expected


@pytest.mark.parametrize("source, a, b, expected", [
    ("a > 0 and b > 0", 1, 1, True),
    ("a > 0 and b > 0", 1, 0, False),
    ("a > 0 or b > 0", 0, 1, True),
    ("a > 0 or b > 0", 0, 0, False),
    ("not a > b", 1, 2, True),
    ("not (a == b or a != b)", 1, 2, False),
    ("b != 0 and a / b > 1", 1, 0, False),  # short-circuit: no division by zero
])
def test_boolean_operators_give_bools(source, a, b, expected):
    assert value(source, a=a, b=b) is expected


@pytest.mark.parametrize("source, message", [
    ('__import__("os")', "calls other than min, max, abs, round are not allowed"),
    ("a.__class__", "attribute access is not allowed"),
    ("(lambda: 1)()", "lambda is not allowed"),
    ("[x for x in (1,2)]", "comprehensions are not allowed"),
    ("{1:2}", "dicts are not allowed"),
    ("a[0]", "indexing"),
    ('"s"', "strings are not allowed"),
    ('open("x")', "calls other than min, max, abs, round are not allowed: 'open'"),
    ("min(a, key=b)", "keyword arguments are not allowed in min()"),
    ("b if a else", "syntax error at column 12"),
    ("a + total", "unknown name 'total'; inputs are: a, b (column 5)"),
    ("(a := 1)", "assignment (:=) is not allowed"),
    ("x := 1", "syntax error at column 3"),
    ("True", "True is not allowed"),
    ("1j", "complex numbers are not allowed"),
    ("f'{a}'", "f-strings are not allowed"),
    ("min(*a)", "starred arguments are not allowed"),
    ("__class__", "dunder names"),
    ("a @ b", "operator '@' is not allowed"),
    ("~a", "operator '~' is not allowed"),
    ("a in b", "comparison 'in' is not allowed"),
    ("a.b()", "attribute access is not allowed"),
    ("a(1)", "calls other than min, max, abs, round are not allowed: 'a'"),
    ("max", "'max' can only be called"),
    ("abs(a, b)", "abs() takes exactly 1 argument"),
    ("round(a, 1, 2)", "round() takes 1 or 2 arguments"),
    ("min(a)", "min() needs at least 2 arguments"),
    ("None", "None is not allowed"),
    ("1e999", "number is too large"),
    ("", "empty"),
    ("   ", "empty"),
    ("a" + "+a" * 150, "too complex (301 parts; at most 200)"),
    ("a" * 1001, "too long"),
])
def test_rejected_constructs_say_what(source, message):
    with pytest.raises(FormulaError) as info:
        compile_expression(source, AB)
    assert message in str(info.value)


def test_deep_nesting_is_refused_not_crashing():
    # depending on the stack, Python's parser gives up (RecursionError) or the part count refuses it
    with pytest.raises(FormulaError, match="nested too deeply|too complex"):
        compile_expression("-" * 999 + "1", AB)


def test_error_column_points_into_the_text():
    with pytest.raises(FormulaError, match=r"attribute access is not allowed \(column 5\)"):
        compile_expression("a + b.real", AB)
    with pytest.raises(FormulaError, match=r"syntax error at column 5"):
        compile_expression("a / * b", AB)


def test_unknown_name_without_inputs():
    with pytest.raises(FormulaError, match="unknown name 'a'; there are no inputs"):
        compile_expression("a", [])


def test_huge_power_is_an_evaluation_error_not_a_hang():
    compiled = compile_expression("10**10**10", [])
    with pytest.raises(EvaluationError, match="exponent"):
        compiled.evaluate({})


@pytest.mark.parametrize("source, values", [
    ("a ** b", {"a": 2, "b": 101}),
    ("a ** b", {"a": 1e10, "b": 40}),
    ("a * b", {"a": 1e200, "b": 1e200}),
    ("a / b", {"a": 1e300, "b": 1e-300}),
])
def test_too_large_results_are_evaluation_errors(source, values):
    with pytest.raises(EvaluationError):
        value(source, **values)


def test_power_edge_cases():
    assert value("a ** b", a=2, b=10) == 1024.0
    assert value("a ** b", a=-2, b=3) == -8.0
    with pytest.raises(EvaluationError, match="fractional power"):
        value("a ** b", a=-8, b=0.5)
    with pytest.raises(EvaluationError, match="division by zero"):
        value("a ** b", a=0, b=-1)


@pytest.mark.parametrize("source", ["a / b", "a // b", "a % b"])
def test_division_by_zero(source):
    with pytest.raises(EvaluationError, match="division by zero"):
        value(source, a=1, b=0)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_inputs_are_rejected(bad):
    with pytest.raises(EvaluationError, match="input 'b' is not a finite number"):
        value("a + b", a=1, b=bad)


@pytest.mark.parametrize("bad", ["1", None, True, 10**400])
def test_inputs_must_be_plain_numbers(bad):
    with pytest.raises(EvaluationError, match="input 'a'"):
        value("a + b", a=bad, b=1)


def test_missing_input_is_named():
    with pytest.raises(EvaluationError, match="missing input 'b'"):
        compile_expression("a + b", AB).evaluate({"a": 1})


def test_only_used_inputs_are_required():
    assert compile_expression("a * 2", AB).evaluate({"a": 2}) == 4.0


def test_compiled_once_evaluate_does_not_parse(monkeypatch):
    compiled = compile_expression("0 <= a <= b and a / b * 100 > 50", AB)

    def no_parsing(*args, **kwargs):
        raise AssertionError("evaluate() must not parse")

    monkeypatch.setattr(ast, "parse", no_parsing)
    monkeypatch.setattr("builtins.compile", no_parsing)
    monkeypatch.setattr("builtins.eval", no_parsing)
    assert compiled.evaluate({"a": 3, "b": 4}) is True
    assert compiled.evaluate({"a": 1, "b": 4}) is False
    with pytest.raises(AssertionError):
        compile_expression("a + 1", AB)  # and compiling does go through ast.parse


def test_leading_whitespace_is_allowed_and_columns_count_it():
    assert value("  a + 1", a=1, b=0) == 2.0
    with pytest.raises(FormulaError, match=r"\(column 7\)"):
        compile_expression("  a + c", AB)
