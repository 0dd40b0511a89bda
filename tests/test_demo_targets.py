"""The demo's SKP targets and measurements: DISDIK schools and PIMPINAN, DPMPTSP staff, 2024 and 2025."""

from __future__ import annotations

from collections import Counter

import pytest

from kinerja import db
from kinerja.demo import build_demo
from kinerja.models import Cycle, Measurement, Target
from kinerja.services.catalog import Catalog
from kinerja.services.demo_loader import DEMO_INDICATORS, demo_catalog, load_demo, plan_measurements, plan_targets
from kinerja.settings import Settings

pytestmark = pytest.mark.slow

SCHOOLS = 42  # SDN-* and SMPN-* of DISDIK
STAFF = 53  # DPMPTSP people with a supervisor
TARGETS_PER_CYCLE = SCHOOLS * 2 + 3 + STAFF * 2  # KELULUSAN + PUTUS_SEKOLAH, APK/APM/APS, the two permit ones
# 2024: KELULUSAN Q1-Q4 + year, PUTUS_SEKOLAH year, APK/APM/APS year, DPMPTSP Q1-Q4 + year; 2025: Q1-Q3 only
MEASUREMENTS = {2024: SCHOOLS * 5 + SCHOOLS + 3 + STAFF * 2 * 5, 2025: SCHOOLS * 3 + STAFF * 2 * 3}
# plausible values per indicator, and achievement bounds (lower_is_better is clamped at 0)
VALUES = {
    "DISDIK.KELULUSAN": (85, 100), "DISDIK.PUTUS_SEKOLAH": (0, 3), "DISDIK.APK": (95, 110),
    "DISDIK.APM": (85, 100), "DISDIK.APS": (90, 100), "DPMPTSP.IZIN_TEPAT_WAKTU": (80, 100),
    "DPMPTSP.RATA_HARI_PROSES": (3, 8),
}


def forget_dialect() -> None:
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    EXECUTOR_CACHE.clear()


async def load(url: str, catalog: Catalog | None = None) -> tuple[list[str], dict]:
    forget_dialect()
    await db.connect(url)
    try:
        lines: list[str] = []
        assert await load_demo(progress=lines.append, catalog=catalog or demo_catalog(Settings(database_url=url))[0])
        targets = await Target.all().prefetch_related("cycle", "indicator", "unit", "person")
        measurements = await Measurement.all().prefetch_related("target__cycle", "target__indicator")
        cycles = {c.year: c.status for c in await Cycle.all()}
        return lines, {"targets": targets, "measurements": measurements, "cycles": cycles}
    finally:
        await db.close()


async def test_targets_and_measurements_of_2024_and_2025(database_url):
    lines, found = await load(database_url)
    assert found["cycles"] == {2024: "CLOSED", 2025: "ACTIVE"}
    assert f"cycle 2024: {TARGETS_PER_CYCLE} targets, {MEASUREMENTS[2024]} measurements " \
           "(2024-Q1, 2024-Q2, 2024-Q3, 2024-Q4, 2024)" in lines, lines
    assert f"cycle 2025: {TARGETS_PER_CYCLE} targets, {MEASUREMENTS[2025]} measurements " \
           "(2025-Q1, 2025-Q2, 2025-Q3)" in lines, lines

    targets = found["targets"]
    per_cycle = Counter((t.cycle.year, t.indicator.full_code) for t in targets)
    for year in (2024, 2025):
        assert per_cycle[(year, "DISDIK.KELULUSAN")] == SCHOOLS
        assert per_cycle[(year, "DISDIK.PUTUS_SEKOLAH")] == SCHOOLS
        for code in ("DISDIK.APK", "DISDIK.APM", "DISDIK.APS"):
            assert per_cycle[(year, code)] == 1
        assert per_cycle[(year, "DPMPTSP.IZIN_TEPAT_WAKTU")] == STAFF
        assert per_cycle[(year, "DPMPTSP.RATA_HARI_PROSES")] == STAFF
    assert len(targets) == 2 * TARGETS_PER_CYCLE
    for t in targets:
        if t.indicator.full_code.startswith("DISDIK."):
            assert t.person is None and t.unit is not None
            assert t.unit.code.startswith(("SDN-", "SMPN-")) or (
                t.unit.code == "PIMPINAN" and t.indicator.level == "agency"), (t.unit.code, t.indicator.full_code)
        else:
            assert t.unit is None and t.person is not None and t.person.supervisor_id is not None
    # the same targets in both years; staff targets hang under their supervisor's of the same indicator
    assert Counter((t.indicator.full_code, t.work_result, t.value) for t in targets if t.cycle.year == 2024) == \
        Counter((t.indicator.full_code, t.work_result, t.value) for t in targets if t.cycle.year == 2025)
    by_id = {t.id: t for t in targets}
    children = [t for t in targets if t.parent_id]
    assert len(children) == 2 * (STAFF - 1) * 2  # all but the head, two indicators, two years
    for t in children:
        parent = by_id[t.parent_id]
        assert parent.person_id == t.person.supervisor_id
        assert (parent.cycle_id, parent.indicator_id) == (t.cycle_id, t.indicator_id)

    measurements = found["measurements"]
    assert len(measurements) == MEASUREMENTS[2024] + MEASUREMENTS[2025]
    periods = Counter(m.period for m in measurements)
    assert sorted(periods) == ["2024", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3"]
    assert periods["2024"] == SCHOOLS * 2 + 3 + STAFF * 2
    for q in ("Q1", "Q2", "Q3"):
        assert periods[f"2024-{q}"] == periods[f"2025-{q}"] == SCHOOLS + STAFF * 2
    for m in measurements:
        code = m.target.indicator.full_code
        assert m.period.startswith(str(m.target.cycle.year))
        low, high = VALUES[code]
        assert low <= m.value <= high, (code, m.period, m.value)
        assert 0 <= m.achievement <= 200, (code, m.period, m.achievement)
        ratio = m.value / m.target.value * 100
        expected = max(0.0, 200 - ratio) if m.target.indicator.direction == "lower_is_better" else ratio
        assert m.achievement == pytest.approx(expected), (code, m.period)
        if m.target.indicator.direction == "higher_is_better":  # lower_is_better spans 0-200 %
            assert 75 <= m.achievement <= 140, (code, m.period, m.achievement)
        assert m.recorded_by == "system"
    # annual figures are the sums of the quarters
    quarters = {(m.target_id, m.period): m.inputs for m in measurements}
    for m in measurements:
        if m.period == "2024" and m.target.indicator.full_code in (
                "DISDIK.KELULUSAN", "DPMPTSP.IZIN_TEPAT_WAKTU", "DPMPTSP.RATA_HARI_PROSES"):
            for name, total in m.inputs.items():
                assert total == sum(quarters[(m.target_id, f"2024-Q{q}")][name] for q in range(1, 5))
    # a spread of ratings, not one
    ratings = Counter(m.suggested_rating for m in measurements)
    assert set(ratings) == {"DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"}, ratings


def test_figures_are_deterministic():
    data = build_demo()
    available = set(DEMO_INDICATORS)
    first = plan_targets(data, 2024, available)
    assert first == plan_targets(data, 2024, available)
    assert [p.data.value for p in first] == [p.data.value for p in plan_targets(data, 2025, available)]
    ids = {p.key: n for n, p in enumerate(first, 1)}
    quarters = ("Q1", "Q2", "Q3", "Q4")
    assert plan_measurements(data, 2024, quarters, True, ids) == plan_measurements(data, 2024, quarters, True, ids)
    assert plan_measurements(data, 2024, quarters, True, ids) != plan_measurements(data, 2025, quarters, True, ids)


async def test_without_specs_the_targets_are_skipped(database_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./indicator_specs, no ./plugins
    lines, found = await load(database_url, catalog=Catalog.load(Settings(database_url=database_url)))
    assert any("demo targets skipped" in line for line in lines), lines
    assert found["targets"] == [] and found["measurements"] == []
    assert found["cycles"] == {2024: "CLOSED", 2025: "ACTIVE"}
