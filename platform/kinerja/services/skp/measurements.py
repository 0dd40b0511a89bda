"""Measurements: inputs checked against the spec, value computed, capaian and suggested rating derived."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Mapping, Sequence

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from kinerja.models import Cycle, Indicator, Measurement
from kinerja.plugins import IndicatorInfo
from kinerja.services.core import audit
from kinerja.services.skp import measurement_store as store
from kinerja.services.core import rollups
from kinerja.services.core import sql
from kinerja.services.core.access import Access, forbidden
from kinerja.services.cycles import gate
from kinerja.services.cycles.gate import is_period_of, period_kind, periods_of
from kinerja.services.core.errors import InputError, Problem
from kinerja.specs import capaian
from kinerja.specs.capaian import Scoring
from kinerja.specs.formula import EvaluationError
from kinerja.specs.loader import IndicatorSpec

LIST_MAX = 1000  # measurements answers at most this many (GraphQL: graphql/cost.py BOUNDS)
MAX_BATCH = 500
_URL = re.compile(r"^https?://[^\s/]+")
URL_MAX = 2000
MEASURE_STATUSES = ("ACTIVE", "EVALUATION")
DEFAULT_ABOVE, DEFAULT_MEETS = 110.0, 100.0
# Ceilings of every number a measurement stores, whatever its spec declares (a spec's min/max may be tighter):
# an input and the computed value stay within +-1e15 (below 2**53, so a whole number stays exact in a double), and
# the achievement within +-1e6 percent. One achievement is then at most 1e10 in the achievement rollup's
# ten-thousandths (BIGINT, +-9.2e18): no sum of the measurements of one agency, indicator and period can overflow
# it (rollups.ACHIEVEMENT_MAX).
INPUT_MAX = 1e15
VALUE_MAX = INPUT_MAX
ACHIEVEMENT_MAX = rollups.ACHIEVEMENT_MAX
ABOVE, MEETS, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"


@dataclass(frozen=True)
class MeasurementData:
    target: int
    period: str
    inputs: Any
    evidence_url: str | None = None


def achievement(value: float, target: float, direction: str, lower: float | None = None, upper: float | None = None,
                scoring: Scoring = capaian.DEFAULT_SCORING) -> float:
    """Capaian in percent as stored, rated and reported (docs/DOMAIN.md, "Targets and achievement (capaian)"):
    realisation/target, or (2 - realisation/target) when lower is better, never below 0; a range by its nearer
    bound; then the cap (above 110 % scores 120, as does a maximum target met in full). specs/capaian.py."""
    return capaian.achievement(value, target, direction, lower, upper, scoring)


def suggested_rating(score: float, spec: IndicatorSpec) -> str:
    above = spec.rating_above if spec.rating_above is not None else DEFAULT_ABOVE
    meets = spec.rating_meets if spec.rating_meets is not None else DEFAULT_MEETS
    return ABOVE if score >= above else MEETS if score >= meets else BELOW


def check_inputs(spec: IndicatorSpec, raw: Any, path: tuple[str, ...]) -> tuple[dict[str, float], list[Problem]]:
    """The inputs as numbers, or the problems: unknown or missing names, types, min/max."""
    if not isinstance(raw, Mapping):
        return {}, [Problem(path, "INVALID_INPUT", "inputs must be an object of input names to numbers")]
    problems: list[Problem] = []
    known = {i.name: i for i in spec.inputs}
    for name in raw:
        if name not in known:
            problems.append(Problem((*path, str(name)), "UNKNOWN_INPUT",
                                    f"{spec.full_code} has no input {name!r}; inputs are: {', '.join(known)}",
                                    params={"indicator": spec.full_code, "name": name, "inputs": known}))
    values: dict[str, float] = {}
    for name, info in known.items():
        where = (*path, name)
        label = f"{name} ({info.label})" if info.label else name
        field = info.label or name  # as Indonesian names the input: the spec's label
        if name not in raw or raw[name] is None:
            if info.required:
                problems.append(Problem(where, "REQUIRED", f"{label} is required", params={"field": field}))
            continue
        value = raw[name]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(Problem(where, "INVALID_TYPE", f"{label} must be a number, got {_short(value)}",
                                    params={"field": field, "given": _short(value)}))
            continue
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem(where, "INVALID_TYPE", f"{label} must be a finite number",
                                    params={"field": field, "given": str(value)}))
            continue
        if abs(value) > INPUT_MAX:  # compared before any float(): a 400-digit int does not fit in a double
            problems.append(Problem(where, "OUT_OF_RANGE",
                                    f"{label} must be between {-INPUT_MAX:g} and {INPUT_MAX:g}",
                                    params={"field": field, "min": -INPUT_MAX, "max": INPUT_MAX}))
            continue
        if info.type == "integer" and value != int(value):
            problems.append(Problem(where, "INVALID_TYPE", f"{label} must be a whole number, got {value}",
                                    params={"field": field, "value": value}))
            continue
        if info.min is not None and value < info.min:
            problems.append(Problem(where, "OUT_OF_RANGE", f"{label} must be at least {info.min:g}, got {value:g}",
                                    params={"field": field, "min": info.min, "value": value}))
        elif info.max is not None and value > info.max:
            problems.append(Problem(where, "OUT_OF_RANGE", f"{label} must be at most {info.max:g}, got {value:g}",
                                    params={"field": field, "max": info.max, "value": value}))
        values[name] = value
    return values, problems


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:60]}... ({len(text)} characters)"


def bounded_achievement(value: float, target: float, direction: str, path: tuple[str, ...],
                        lower: float | None = None, upper: float | None = None,
                        scoring: Scoring = capaian.DEFAULT_SCORING) -> tuple[float | None, list[Problem]]:
    """The scored achievement, or OUT_OF_RANGE when the raw one (before the cap) is not a finite number within
    +-ACHIEVEMENT_MAX percent (a tiny target against a large value): checked before anything is stored or added
    to the rollups, and on the raw figure so that a cap never hides inputs or a target that are off by far."""
    try:
        raw = capaian.raw_achievement(value, target, direction, lower, upper)
    except (ZeroDivisionError, OverflowError):
        raw = math.inf
    if not math.isfinite(raw) or abs(raw) > ACHIEVEMENT_MAX:
        shown = f"{lower:.6g}-{upper:.6g}" if lower is not None and upper is not None else f"{target:.6g}"
        return None, [Problem(path, "OUT_OF_RANGE",
                              f"these inputs give a value of {value:.6g} against a target of {shown}: an "
                              f"achievement beyond {ACHIEVEMENT_MAX:g} percent, which cannot be stored; check the "
                              "inputs (and the target)")]
    return capaian.score(raw, value, target, direction, scoring, lower is not None and upper is not None), []


_INFOS: dict[tuple[str, str], IndicatorInfo] = {}


def _indicator_info(spec: IndicatorSpec) -> IndicatorInfo:
    """The plain value plugins see, built once per spec version."""
    key = (spec.full_code, spec.version)
    info = _INFOS.get(key)
    if info is None:
        info = _INFOS[key] = IndicatorInfo(code=spec.full_code, agency=spec.agency, name=spec.name, unit=spec.unit,
                                           direction=spec.direction, level=spec.level,
                                           inputs=tuple(i.name for i in spec.inputs))
    return info


def compute(catalog: Any, spec: IndicatorSpec, values: dict[str, float], path: tuple[str, ...]
            ) -> tuple[float | None, list[Problem]]:
    """Checks, the plugins' input validation, then the value by formula or calculator."""
    problems: list[Problem] = []
    for check in spec.checks:
        try:
            ok = check.evaluate(values)
        except EvaluationError as exc:
            problems.append(Problem(path, "CHECK_FAILED", f"check '{check.source}' cannot be evaluated: {exc}"))
            continue
        if not ok:
            problems.append(Problem(path, "CHECK_FAILED", f"check failed: {check.source}",
                                    params={"check": check.source}))
    info = _indicator_info(spec)
    problems += [Problem(path, "INVALID_INPUT", m) for m in catalog.input_problems(info, values)]
    if problems:
        return None, problems
    try:
        if spec.formula is not None:
            value = spec.formula.evaluate(values)
        else:
            value = catalog.calculators[spec.calculator](dict(values))
    except EvaluationError as exc:
        return None, [Problem(path, "CALCULATION_ERROR", f"{spec.full_code}: {exc}")]
    except Exception as exc:  # a plugin's calculator failed: the user gets its message, not a 500
        return None, [Problem(path, "CALCULATION_ERROR", f"calculator {spec.calculator} failed: {exc}")]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and not math.isfinite(value)):
        return None, [Problem(path, "CALCULATION_ERROR", f"{spec.full_code} gave no finite number: {_short(value)}",
                              params={"indicator": spec.full_code})]
    if abs(value) > VALUE_MAX:
        return None, [Problem(path, "OUT_OF_RANGE", f"{spec.full_code}: these inputs give a value beyond "
                                                    f"+-{VALUE_MAX:g}, which cannot be stored")]
    return float(value), []


async def _rows(table: str, columns: tuple[str, ...], ids: set[int]) -> list[SimpleNamespace]:
    ids_list = sorted(i for i in ids if isinstance(i, int))
    rows: list[SimpleNamespace] = []
    conn = sql.connection()
    for part in sql.chunks(ids_list):
        found = await sql.fetch(conn, f"SELECT {', '.join(columns)} FROM {table} "
                                      f"WHERE id IN ({sql.placeholders(conn, len(part))})", part)
        rows += [SimpleNamespace(**row) for row in found]
    return rows


async def _targets_with_cycles(ids: set[int]) -> tuple[dict[int, SimpleNamespace], dict[int, SimpleNamespace]]:
    """The targets (the columns the checks need) and their cycles, read together in one statement a chunk: the
    write re-reads the cycles under a lock anyway (gate.recheck_each)."""
    ids_list = sorted(i for i in ids if isinstance(i, int))
    targets: dict[int, SimpleNamespace] = {}
    cycles: dict[int, SimpleNamespace] = {}
    conn = sql.connection()
    for part in sql.chunks(ids_list):
        found = await sql.fetch(
            conn, "SELECT t.id, t.cycle_id, t.indicator_id, t.person_id, t.agency_id, t.value, t.lower_bound, "
                  "t.upper_bound, c.year AS cycle_year, "
                  "c.status AS cycle_status, c.periodicity AS cycle_periodicity FROM target t JOIN cycle c ON "
                  f"c.id = t.cycle_id WHERE t.id IN ({sql.placeholders(conn, len(part))})", part)
        for row in found:
            targets[row["id"]] = SimpleNamespace(id=row["id"], cycle_id=row["cycle_id"],
                                                 indicator_id=row["indicator_id"], person_id=row["person_id"],
                                                 agency_id=row["agency_id"], value=row["value"],
                                                 lower=row["lower_bound"], upper=row["upper_bound"])
            cycles.setdefault(row["cycle_id"], SimpleNamespace(id=row["cycle_id"], year=row["cycle_year"],
                                                               status=row["cycle_status"],
                                                               periodicity=row["cycle_periodicity"]))
    return targets, cycles


def _stale(catalog: Any, indicator: Indicator) -> bool:
    """The loaded spec is not the version the database holds (only active indicators are measured)."""
    spec = catalog.indicator(indicator.full_code)
    return indicator.active and spec is not None and spec.version != indicator.version


def _period_check(catalog: Any, cycle: Cycle, indicator: Indicator, period: str
                  ) -> tuple[IndicatorSpec | None, tuple[str, str, str] | None]:
    """The spec, or the (field, code, message) of why no measurement can be recorded for this period."""
    problem = gate.cycle_problem(cycle, cycle.year, MEASURE_STATUSES, ("target",), "measurements")
    if problem:
        return None, ("target", problem.code, problem.message)
    if not indicator.active:
        return None, ("target", "INDICATOR_RETIRED", f"{indicator.full_code} is retired: it takes no new "
                                                     "measurements (its measurements so far are kept)")
    spec = catalog.indicator(indicator.full_code)
    if spec is None:
        return None, ("target", "INDICATOR_UNAVAILABLE",
                      f"the spec of {indicator.full_code} is not loaded (see specErrors)")
    if _stale(catalog, indicator):
        return None, ("target", "INDICATOR_UNAVAILABLE",
                      f"the spec file of {indicator.full_code} is version {spec.version} but version "
                      f"{indicator.version} is synced: the file changed since the last reloadSpecs; run it again")
    if not is_period_of(period, cycle.year, cycle.periodicity):
        return None, ("period", "INVALID_PERIOD", f"{period!r} is not a period of cycle {cycle.year} "
                                                  f"({', '.join(periods_of(cycle.year, cycle.periodicity))})")
    kind = period_kind(period or "")
    if kind not in spec.periods:
        return None, ("period", "INVALID_PERIOD",
                      f"{spec.full_code} is measured per {', '.join(spec.periods)}, not per {kind}")
    return spec, None


async def record_measurements(access: Access, catalog: Any, items: Sequence[MeasurementData]
                              ) -> list[store.StoredMeasurement]:
    if len(items) > MAX_BATCH:
        raise InputError.one(["input"], "TOO_MANY", f"at most {MAX_BATCH} measurements a call, got {len(items)}",
                             params={"limit": MAX_BATCH, "count": len(items)})
    # Plain rows, not models: only the columns the checks need (models cost tens of microseconds each).
    targets, cycles = await _targets_with_cycles({i.target for i in items})
    indicators = {i.id: i for i in await Indicator.filter(id__in=sorted({t.indicator_id for t in targets.values()}))}
    if any(i.active and (catalog.indicator(i.full_code) is None or _stale(catalog, i)) for i in indicators.values()):
        await catalog.refresh()  # another process synced other specs (reloadSpecs): read the files again
    people = {p.id: p for p in await _rows("person", ("id", "agency_id", "supervisor_id"),
                                           {t.person_id for t in targets.values() if t.person_id})}
    problems: list[Problem] = []
    prepared: list[tuple[Any, str, dict, float, float, str, str, str | None]] = []
    uses: list[tuple[Cycle, tuple[str, ...]]] = []  # the cycle of each prepared item, and the item's path to it
    seen: set[tuple[int, str]] = set()
    by_kind: dict[tuple[int, int, str], tuple[IndicatorSpec | None, tuple[str, str, str] | None]] = {}
    for n, item in enumerate(items):
        path = ("input", str(n))
        target = targets.get(item.target)
        person = people.get(target.person_id) if target and target.person_id else None
        if target is None or not (await access.can_see_person(person.id, person.agency_id) if person
                                  else access.can_see_agency(target.agency_id)):
            problems.append(Problem((*path, "target"), "NOT_FOUND", f"no target {item.target}",
                                    params={"what": "target", "key": str(item.target)}))
            continue
        if not access.may_record(target.agency_id, person):
            problems.append(forbidden((*path, "target"), "measurements are recorded by the person, "
                                    "their supervisor, the agency's admin or ADMIN",
                                      params={"action": "record_measurement"}))
            continue
        key = (target.cycle_id, target.indicator_id, item.period)
        checked = by_kind.get(key)
        if checked is None:  # the same for every item of this cycle, indicator and period: checked once
            checked = by_kind[key] = _period_check(catalog, cycles[target.cycle_id],
                                                   indicators[target.indicator_id], item.period)
        spec, problem = checked
        if problem:
            field, code, message = problem
            problems.append(Problem((*path, field), code, message))
            continue
        if (target.id, item.period) in seen:
            problems.append(Problem(path, "DUPLICATE", f"target {target.id} period {item.period} appears twice"))
            continue
        seen.add((target.id, item.period))
        url = (item.evidence_url or "").strip() or None
        url_ok = url is None or (_URL.match(url) is not None and len(url) <= URL_MAX)
        if not url_ok:
            problems.append(Problem((*path, "evidenceUrl"), "INVALID_URL",
                                    f"evidence URL must be an http(s) address of at most {URL_MAX} characters",
                                    params={"limit": URL_MAX}))
        values, found = check_inputs(spec, item.inputs, (*path, "inputs"))
        if not found:
            value, found = compute(catalog, spec, values, (*path, "inputs"))
        if not found:
            score, found = bounded_achievement(value, target.value, spec.direction, (*path, "inputs"),
                                               target.lower, target.upper, spec.scoring)
        problems += found
        if found or not url_ok:
            continue
        prepared.append((target, item.period, values, value, score, suggested_rating(score, spec),
                         spec.version, url))
        uses.append((cycles[target.cycle_id], (*path, "target")))
    if problems:
        raise InputError(problems)

    try:
        return await _write(access.viewer.actor, prepared, uses)
    except IntegrityError:
        # Another request stored the same (target, period) between our read and our insert.
        raise InputError.one(["input"], "CONFLICT", "a measurement of one of these targets and periods was "
                             "recorded at the same time by another request; send the batch again") from None


async def _write(actor: str, prepared: list[tuple], uses: list[tuple[Cycle, tuple[str, ...]]]
                 ) -> list[store.StoredMeasurement]:
    """Insert new rows and replace existing ones in bulk, in one transaction with their audit events, once the
    cycles (`uses`: each prepared item's, with its path) are seen to take measurements still."""
    now = dt.datetime.now(dt.timezone.utc)
    saved: list[store.StoredMeasurement] = []
    changes: list[audit.Change] = []
    async with in_transaction() as conn:
        # the statuses again, held until the commit: a cycle closed since the checks refuses the batch
        await gate.recheck_each(conn, uses, MEASURE_STATUSES, "measurements")
        old_rows = await store.existing(conn, {(p[0].id, p[1]) for p in prepared})
        new_rows: list[store.StoredMeasurement] = []
        replaced: list[store.StoredMeasurement] = []
        counted: list[tuple[int, int, str, float, int]] = []  # the achievement rollup's deltas
        for target, period, values, value, score, rating, version, url in prepared:
            old = old_rows.get((target.id, period))
            counted.append((target.agency_id, target.indicator_id, period, score, 1))
            if old:
                counted.append((target.agency_id, target.indicator_id, period, old["achievement"], -1))
            row = store.StoredMeasurement(id=old["id"] if old else 0, target_id=target.id, period=period,
                                          inputs=values, value=value, achievement=score, suggested_rating=rating,
                                          spec_version=version, evidence_url=url, recorded_by=actor,
                                          recorded_at=now)
            (replaced if old else new_rows).append(row)
            saved.append(row)
            before = {k: old[k] for k in store.OLD_FIELDS} if old else None
            changes.append(audit.Change("measurement.replace" if old else "measurement.create", "measurement",
                                        f"{target.id}/{period}", before,
                                        {"inputs": values, "value": value, "achievement": score,
                                         "spec_version": version, "evidence_url": url}))
        await store.insert(conn, new_rows)
        await store.update(conn, replaced)
        await rollups.add_achievements(conn, counted)
        await audit.append(conn, actor, changes)
    return saved


async def list_measurements(access: Access, period: str, agency: str | None = None,
                            indicator: str | None = None, limit: int = LIST_MAX,
                            after_id: int | None = None) -> list[Measurement]:
    """Measurements of a period within the viewer's scope, optionally of one agency or indicator, by id (after
    `after_id` when given: a keyset page): at most `limit`, and one more when there are more, so that the caller
    reports an over-long list (GraphQL: LIST_TOO_LONG) or a next page instead of cutting it short."""
    qs = Measurement.filter(period=period)
    if after_id is not None:
        qs = qs.filter(id__gt=after_id)
    qs = qs.filter(await access.list_scope("target__agency_id", "target__person_id"))
    if agency:
        qs = qs.filter(target__agency__code=agency.strip().upper())
    if indicator:
        qs = qs.filter(target__indicator__full_code=indicator.strip().upper())
    return await qs.order_by("id").limit(limit + 1)


async def measurements_of_targets(target_ids: Sequence[int]) -> dict[int, list[Measurement]]:
    grouped: dict[int, list[Measurement]] = {}
    for m in await Measurement.filter(target_id__in=sorted(set(target_ids))).order_by("period"):
        grouped.setdefault(m.target_id, []).append(m)
    return grouped
