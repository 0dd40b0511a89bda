"""What a draft indicator would compute (issue 18, "Preview"), writing nothing:
- on sample inputs: the value with the formula's steps, the achievement against a target and the suggested rating,
  by the very functions a measurement uses (services/skp/measurements.py);
- on history: for a draft that changes an existing indicator, the stored inputs of one period's measurements run
  through the indicator's current version and the draft side by side, with what would change per target.
It lives with the measurements (skp) because it reads them; the drafts themselves are services/indicators."""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from typing import Any, Mapping

from kinerja.models import Indicator
from kinerja.services.core import sql
from kinerja.services.core.access import Access
from kinerja.services.core.errors import InputError, Problem
from kinerja.services.indicators import drafts
from kinerja.services.skp.measurements import bounded_achievement, check_inputs, compute, suggested_rating
from kinerja.specs.formula import EvaluationError, FormulaError, compile_expression
from kinerja.specs.loader import IndicatorSpec

STEPS_MAX = 50  # steps of a formula shown
HISTORY_ROWS_MAX = 200  # measurements compared on history; `total` says how many there were
PROBLEMS_MAX = 20  # problems of one outcome answered; the last one then says how many more there were


@dataclass(frozen=True)
class Step:
    expression: str
    value: float | bool | None
    problem: str | None = None


@dataclass(frozen=True)
class Outcome:
    value: float | None
    achievement: float | None
    suggested_rating: str | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Preview:
    outcome: Outcome
    steps: tuple[Step, ...]
    target: float | None
    target_lower: float | None
    target_upper: float | None


@dataclass(frozen=True)
class HistoryRow:
    target_id: int
    work_result: str
    nip: str | None
    person_name: str | None
    inputs: dict
    stored_version: str
    current: Outcome
    draft: Outcome
    changed: tuple[str, ...]  # "value", "achievement", "suggestedRating"


@dataclass(frozen=True)
class HistoryPreview:
    indicator: str
    period: str | None
    current_version: str
    rows: tuple[HistoryRow, ...]
    total: int

    @property
    def changed(self) -> int:
        return sum(1 for r in self.rows if r.changed)


async def _draft_spec(access: Access, catalog: Any, draft_id: int) -> tuple[Any, IndicatorSpec]:
    draft = await drafts.get_draft(access, draft_id)
    spec, problems = await drafts.load_draft(catalog, draft)
    if spec is None or problems:
        raise InputError([Problem(("id", *p.path), p.code, p.message) for p in problems])
    return draft, spec


def _bounded(problems: list[Problem]) -> tuple[Problem, ...]:
    if len(problems) <= PROBLEMS_MAX:
        return tuple(problems)
    more = len(problems) - PROBLEMS_MAX + 1
    return (*problems[:PROBLEMS_MAX - 1], Problem((), "TOO_MANY_PROBLEMS", f"{more} more problems are not shown",
                                                  params={"count": more}))


def outcome(catalog: Any, spec: IndicatorSpec, inputs: Any, target: float | None, lower: float | None = None,
            upper: float | None = None, path: tuple[str, ...] = ("inputs",)) -> tuple[Outcome, dict[str, float]]:
    """The value, achievement and suggested rating one measurement of these inputs would store (no target: the
    value only), or its problems (at most PROBLEMS_MAX)."""
    values, problems = check_inputs(spec, inputs, path)
    if problems:
        return Outcome(None, None, None, _bounded(problems)), values
    value, problems = compute(catalog, spec, values, path)
    if problems:
        return Outcome(None, None, None, _bounded(problems)), values
    if target is None:
        return Outcome(value, None, None), values
    score, problems = bounded_achievement(value, target, spec.direction, path, lower, upper, spec.scoring)
    if problems:
        return Outcome(value, None, None, tuple(problems)), values
    return Outcome(value, score, suggested_rating(score, spec)), values


async def preview(access: Access, catalog: Any, draft_id: int, inputs: Any, target: float | None = None,
                  target_lower: float | None = None, target_upper: float | None = None) -> Preview:
    """The draft on sample inputs; the target is the one given, else the draft's default target."""
    _, spec = await _draft_spec(access, catalog, draft_id)
    if (target_lower is None) != (target_upper is None):
        raise InputError.one(("targetLower" if target_lower is None else "targetUpper",), "REQUIRED",
                             "a range target gives both bounds")
    if target is None and target_lower is None:
        target, target_lower, target_upper = spec.target, spec.target_lower, spec.target_upper
    elif target_lower is not None:
        target = (target_lower + target_upper) / 2
    result, values = outcome(catalog, spec, inputs, target, target_lower, target_upper)
    steps = formula_steps(spec, values) if spec.formula is not None and not result.problems else ()
    if spec.calculator is not None and result.value is not None:
        steps = (Step(f"{spec.calculator}({', '.join(sorted(values))})", result.value),)
    return Preview(result, tuple(steps), target, target_lower, target_upper)


def formula_steps(spec: IndicatorSpec, values: Mapping[str, float]) -> tuple[Step, ...]:
    """Each part of the formula with its value, innermost first (the last step is the formula itself)."""
    names = [i.name for i in spec.inputs]
    tree = ast.parse(spec.formula.source.strip(), mode="eval")
    steps: list[Step] = []
    seen: set[str] = set()
    for node in _post_order(tree.body):
        if isinstance(node, (ast.Name, ast.Constant)) or (
                isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant)):
            continue
        text = ast.unparse(node)
        if text in seen:
            continue
        seen.add(text)
        try:
            steps.append(Step(text, compile_expression(text, names).evaluate(values)))
        except (EvaluationError, FormulaError) as exc:
            steps.append(Step(text, None, str(exc)))
    return tuple(steps[-STEPS_MAX:])


def _post_order(node: ast.AST) -> list[ast.AST]:
    out: list[ast.AST] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.expr):
            out += _post_order(child)
    out.append(node)
    return out


async def preview_on_history(access: Access, catalog: Any, draft_id: int, period: str | None = None
                             ) -> HistoryPreview:
    """The stored inputs of one period (the most recently measured one when not given) through the indicator's
    current version and through the draft."""
    draft, spec = await _draft_spec(access, catalog, draft_id)
    indicator = await Indicator.get_or_none(id=draft.indicator_id) if draft.indicator_id else None
    if indicator is None:
        raise InputError.one(("id",), "NOT_AN_EDIT", f"draft {draft.id} drafts a new indicator: it has no history "
                                                     "to run; preview it on sample inputs")
    await catalog.ensure_current()
    current = catalog.indicator(indicator.full_code)
    if current is None or current.version != indicator.version:
        await catalog.refresh()
        current = catalog.indicator(indicator.full_code)
    if current is None:
        raise InputError.one(("id",), "INDICATOR_UNAVAILABLE", f"the current version of {indicator.full_code} "
                                                               "does not load (see specErrors)")
    conn = sql.connection()
    if period is None:
        found = await sql.fetch(conn, "SELECT m.period FROM measurement m JOIN target t ON t.id = m.target_id "
                                      f"WHERE t.indicator_id = {sql.placeholders(conn, 1)} "
                                      "ORDER BY m.recorded_at DESC, m.id DESC LIMIT 1", [indicator.id])
        if not found:
            return HistoryPreview(indicator.full_code, None, indicator.version, (), 0)
        period = found[0]["period"]
    period = period.strip()
    first, second = sql.placeholders(conn, 2).split(", ")
    where = f"WHERE t.indicator_id = {first} AND m.period = {second}"
    total = (await sql.fetch(conn, f"SELECT COUNT(*) AS n FROM measurement m JOIN target t ON t.id = m.target_id "
                                   f"{where}", [indicator.id, period]))[0]["n"]
    rows = await sql.fetch(
        conn, "SELECT m.inputs, m.spec_version, t.id AS target_id, t.work_result, t.value, t.lower_bound, "
              "t.upper_bound, p.nip, p.name FROM measurement m JOIN target t ON t.id = m.target_id "
              f"LEFT JOIN person p ON p.id = t.person_id {where} ORDER BY t.id LIMIT {HISTORY_ROWS_MAX}",
        [indicator.id, period])
    out: list[HistoryRow] = []
    for row in rows:
        inputs = row["inputs"]
        if isinstance(inputs, str):  # SQLite and asyncpg give JSON text
            inputs = json.loads(inputs)
        before, _ = outcome(catalog, current, inputs, row["value"], row["lower_bound"], row["upper_bound"])
        after, _ = outcome(catalog, spec, inputs, row["value"], row["lower_bound"], row["upper_bound"])
        changed = tuple(name for name, a, b in (("value", before.value, after.value),
                                                ("achievement", before.achievement, after.achievement),
                                                ("suggestedRating", before.suggested_rating, after.suggested_rating))
                        if a != b)
        if bool(before.problems) != bool(after.problems) and "value" not in changed:
            changed = ("value", *changed)
        out.append(HistoryRow(row["target_id"], row["work_result"], row["nip"], row["name"], inputs,
                              row["spec_version"], before, after, changed))
    return HistoryPreview(indicator.full_code, period, indicator.version, tuple(out), int(total))

