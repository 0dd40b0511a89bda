"""The benchmark data generator at a tiny scale: rows the app's rules accept, rollups that match, the schema
the migrations made, the same rows from the same seed; and the SKP matrix benchmark's data, loaded small, giving the
matrix it is timed on. (Timings belong in benchmarks/, never here.)"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from tortoise import connections

from conftest import forget_dialect
from kinerja import db
from kinerja.services.evaluation import curve
from kinerja.services.core import rollups
from kinerja.services.core.nip import parse_nip

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import bench_skp_matrix  # noqa: E402  (benchmarks/bench_skp_matrix.py)
import generate  # noqa: E402  (benchmarks/generate.py)

A, S, B = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
# docs/DOMAIN.md's 3x3 matrix, rows results, columns behaviour
MATRIX = {
    (A, B): "KURANG_MISCONDUCT", (A, S): "BAIK", (A, A): "SANGAT_BAIK",
    (S, B): "KURANG_MISCONDUCT", (S, S): "BAIK", (S, A): "BAIK",
    (B, B): "SANGAT_KURANG", (B, S): "BUTUH_PERBAIKAN", (B, A): "BUTUH_PERBAIKAN",
}
PEOPLE, AGENCIES = 200, 12


async def rows(sql: str) -> list[dict]:
    _, found = await connections.get("default").execute_query(sql)
    return [dict(r) for r in found]


async def test_generator_writes_what_the_rules_accept(database_url):
    forget_dialect()
    summary = await generate.generate(database_url, PEOPLE, AGENCIES, seed=7, quiet=True)
    periods = set(generate.PERIODS)  # measured and surveyed
    evaluated = {"2024-Q1", "2024-Q2", "2024-Q3", "2024"}  # 2024-Q4 is evaluated as the year
    assert summary.rows["person"] == PEOPLE and summary.rows["agency"] == AGENCIES
    # everyone but the one root (the Sekretaris Daerah) is rated in each of the four evaluation periods
    assert summary.rows["assessment"] == summary.rows["rating"] == 4 * (PEOPLE - 1)
    assert summary.rows["survey_response"] > 0 and summary.rows["measurement"] > 0

    async with db.database(database_url):
        people = {r["id"]: r for r in await rows(
            "SELECT id, nip, employment_type, agency_id, unit_id, supervisor_id FROM person")}
        assert len(people) == PEOPLE
        for p in people.values():
            parse_nip(p["nip"], p["employment_type"])  # raises on an invalid NIP
        assert len({p["nip"] for p in people.values()}) == PEOPLE
        # a tree with one root: every chain of supervisors ends at it
        roots = [pid for pid, p in people.items() if p["supervisor_id"] is None]
        assert len(roots) == 1
        for pid in people:
            seen = set()
            while pid is not None:
                assert pid not in seen, f"supervisor loop through person {pid}"
                seen.add(pid)
                pid = people[pid]["supervisor_id"]

        ratings = await rows(
            "SELECT r.person_id, r.agency_id, r.unit_id, r.period, r.predikat, r.result_rating, r.behavior_rating, "
            "a.kind, a.person_id AS assessed, a.assessor_id, a.period AS a_period, a.result_rating AS a_result, "
            "a.behavior_rating AS a_behavior, c.year, c.periodicity "
            "FROM rating r JOIN assessment a ON a.id = r.assessment_id JOIN cycle c ON c.id = r.cycle_id")
        assert len(ratings) == 4 * (PEOPLE - 1)
        for r in ratings:
            person = people[r["person_id"]]
            assert r["predikat"] == MATRIX[(r["result_rating"], r["behavior_rating"])]
            assert (r["kind"], r["assessed"], r["a_period"]) == ("SUPERVISOR", r["person_id"], r["period"])
            assert (r["a_result"], r["a_behavior"]) == (r["result_rating"], r["behavior_rating"])
            assert r["assessor_id"] == person["supervisor_id"]  # the direct supervisor assessed
            assert (r["agency_id"], r["unit_id"]) == (person["agency_id"], person["unit_id"])
            assert (r["year"], r["periodicity"], r["period"] in evaluated) == (2024, "QUARTERLY", True)

        # each agency's spread keeps the default curve of its organisation predikat, in every period
        orgs = {(r["agency_id"], r["period"]): r["predikat"] for r in await rows(
            "SELECT agency_id, period, predikat FROM org_rating")}
        assert {period for _, period in orgs} == evaluated
        headcount = Counter(p["agency_id"] for p in people.values())
        spreads: dict[tuple, Counter] = {}
        for r in ratings:
            spreads.setdefault((r["agency_id"], r["period"]), Counter())[r["predikat"]] += 1
        for key, counts in spreads.items():
            assert curve.check(curve.DEFAULT_RULES, orgs[key], counts, headcount[key[0]]) == [], (key, counts)

        answers = await rows("SELECT u1, u2, u3, u4, u5, u6, u7, u8, u9, period FROM survey_response")
        assert all(1 <= r[f"u{i}"] <= 4 for r in answers for i in range(1, 10))
        assert {r["period"] for r in answers} <= periods
        measured = await rows("SELECT m.period, i.definition, i.level FROM measurement m "
                              "JOIN target t ON t.id = m.target_id JOIN indicator i ON i.id = t.indicator_id")
        assert measured and all(r["level"] == "person" and r["period"] in periods for r in measured)
        assert "2024-Q4" in {r["period"] for r in measured}  # the last quarter is measured all the same

        assert await rollups.check() == []
        agency_rows = await rows("SELECT SUM(ratings) AS n FROM rating_rollup WHERE unit_id = 0")
        assert agency_rows[0]["n"] == 4 * (PEOPLE - 1)


async def test_generator_leaves_the_migrated_schema(database_url, tmp_path):
    """Indexes and constraints are dropped for the load and rebuilt: the schema ends as the migrations made it."""
    forget_dialect()
    if generate.results.is_postgres(database_url):
        loader = await generate.PgLoader.open(database_url)
    else:
        loader = generate.SqliteLoader(generate.results.sqlite_path(database_url))
    try:
        migrated = await generate.schema_of(loader)
    finally:
        await loader.close()
    await generate.generate(database_url, 60, 5, seed=3, quiet=True)
    if generate.results.is_postgres(database_url):
        loader = await generate.PgLoader.open(database_url)
    else:
        loader = generate.SqliteLoader(generate.results.sqlite_path(database_url))
    try:
        assert await generate.schema_of(loader) == migrated
    finally:
        await loader.close()


def test_same_seed_same_rows_and_distinct_nips():
    def people(seed: int) -> list[tuple]:
        plan = generate.make_plan(500, 9, seed)
        return list(generate.person_rows(plan, generate.Clock(postgres=True)))

    first = people(11)
    assert first == people(11)
    assert first != people(12)
    # NIPs stay distinct and valid far beyond the national scale's 4.7 million (a sample across the range)
    numbers = list(range(0, 200_000)) + list(range(4_600_000, 4_800_000)) + list(range(24_000_000, 24_100_000))
    nips = [generate.nip_of(n, 20240101, n % 10 == 0) for n in numbers]
    assert len(set(nips)) == len(nips)
    for n, nip in list(zip(numbers, nips))[::997]:
        parse_nip(nip, "PPPK" if n % 10 == 0 else "PNS")


async def test_skp_matrix_benchmark_data(database_url, monkeypatch):
    """bench_skp_matrix.py's load at 12 subordinates: every SKP approved through the services, and the head's
    matrix (as the head sees it) has the rows the benchmark waits for in the browser."""
    from kinerja.models import Person, Skp
    from kinerja.services.auth import tokens
    from kinerja.services.core.access import Access
    from kinerja.services.skp import matrix

    forget_dialect()
    monkeypatch.setenv("KINERJA_TODAY", bench_skp_matrix.TODAY)
    plan = await bench_skp_matrix.load(database_url, 12, 4)
    assert (plan.sections, plan.contributions, plan.unlinked) == (5, 36, 1)
    async with db.database(database_url):
        viewer = await tokens.resolve_token(plan.token)
        head = await Person.get(nip=plan.head)
        assert (viewer.role, viewer.person_id) == ("EMPLOYEE", head.id)
        assert await Skp.filter(status="APPROVED").count() == 13
        rows = await matrix.skp_matrix(Access(viewer), plan.head, bench_skp_matrix.CYCLE)
    assert [r.key for r in rows] == ["R1", "R2", "R3", "R4", None]
    assert sum(len(r.contributions) for r in rows) == plan.contributions
    assert len(rows[-1].contributions) == plan.unlinked
    assert {c.status for r in rows for c in r.contributions} == {"APPROVED"}
