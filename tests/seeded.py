"""A world with records in every agency (targets, measurements, survey answers, assessments, ratings), written
through the GraphQL mutations, and Env: one app at a time on an event loop of its own, for test modules whose
many items share a world (the access matrix, the fuzzer) instead of building one per item."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable

from tortoise import connections

from conftest import PG_URL, RUN_ID, Api, _pg_admin, _pg_url_for, start_api, stop_api
from kinerja import models
from kinerja.services.auth import tokens
from world import CLERK, DINKES_HEAD, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, World, build_world, nip

BRIDGE = nip(8)  # a DISDIK person whose supervisor is DINKES_HEAD: the supervisor tree crosses agencies
DPM = nip(21)    # the one DPMPTSP employee

DISDIK_NIPS = {HEAD, PRINCIPAL, TEACHER_1, TEACHER_2, CLERK, BRIDGE}
DINKES_NIPS = {DINKES_HEAD, NURSE}
DPMPTSP_NIPS = {DPM}
ALL_NIPS = DISDIK_NIPS | DINKES_NIPS | DPMPTSP_NIPS
NAMES = {HEAD: "Andi Pratama", PRINCIPAL: "Budi Santoso", TEACHER_1: "Citra Lestari", TEACHER_2: "Dewi Anggraini",
         CLERK: "Eko Saputra", BRIDGE: "Hadi Wibowo", DINKES_HEAD: "Fajar Hidayat", NURSE: "Gita Permata",
         DPM: "Irawan Setiadi"}
AGENCY_NAMES = {"DISDIK": "Dinas Pendidikan Kota Tanjungpinang", "DINKES": "Dinas Kesehatan Kota Tanjungpinang",
                "DPMPTSP": "Dinas Penanaman Modal dan PTSP Kota Tanjungpinang"}
UNITS = {"SEKRETARIAT": "DISDIK", "SDN-001": "DISDIK", "PKM-BATU10": "DINKES"}
UNIT_NAMES = {"Sekretariat": "DISDIK", "SD Negeri 001 Tanjungpinang": "DISDIK", "Puskesmas Batu 10": "DINKES"}
# Free text written into each agency's records: seen in an answer, it says whose records the answer holds.
CANARY = {"DISDIK": "kanari-disdik", "DINKES": "kanari-dinkes", "DPMPTSP": "kanari-dpmptsp"}

ABOVE, MEETS, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"

STATUS = "mutation($s: CycleStatus!) { m: setCycleStatus(year: 2025, status: $s) { errors { code message } } }"
UPSERT = """mutation($input: [PersonInput!]!) { m: upsertPeople(input: $input) { people { nip }
  errors { path code message } } }"""
TARGETS = """mutation($input: [TargetInput!]!) { m: setTargets(input: $input) { targets { id }
  errors { path code message } } }"""
MEASURE = """mutation($input: [MeasurementInput!]!) { m: recordMeasurements(input: $input) { measurements { id }
  errors { path code message } } }"""
FEEDBACK = """mutation($input: FeedbackInput!) { m: submitFeedback(input: $input) { accepted
  errors { path code message } } }"""
POPULATION = """mutation($agency: String!, $n: Int!) { m: setServicePopulation(agency: $agency, population: $n) {
  errors { code message } } }"""
ORG = """mutation($agency: String!, $predikat: OrgPredikat!) { m: setOrgPredikat(agency: $agency, period: "2025",
  predikat: $predikat) { errors { code message } } }"""
UNIT_ORG = """mutation($agency: String!, $unit: String!, $predikat: OrgPredikat!) { m: setUnitOrgPredikat(
  agency: $agency, unit: $unit, period: "2025", predikat: $predikat) { errors { code message } } }"""
SELF_ASSESS = """mutation($input: AssessmentInput!) { m: submitSelfAssessment(input: $input) { assessment { id }
  errors { path code message } } }"""
SUPERVISOR_ASSESS = """mutation($input: AssessmentInput!) { m: submitSupervisorAssessment(input: $input) {
  assessment { id } errors { path code message } } }"""
FINALIZE = """mutation($nip: String!, $reason: String!) { m: finalizeRating(input: {nip: $nip, period: "2025",
  overrideReason: $reason, curveJustification: $reason}) { rating { predikat } errors { path code message } } }"""
AGENCY = """mutation($code: String!, $name: String!) { m: createAgency(input: {code: $code, name: $name}) {
  errors { code message } } }"""
LOG_WORK = """mutation($input: [WorkLogInput!]!) { m: logWork(input: $input) { entries { id }
  errors { path code message } } }"""
GIVE_FEEDBACK = """mutation($input: PerformanceFeedbackInput!) { m: givePerformanceFeedback(input: $input) {
  feedback { id } errors { path code message } } }"""


FILE_OBJECTION = """mutation($nip: String!, $reason: String!) { m: fileObjection(nip: $nip, period: "2025",
  reason: $reason) { objection { id } errors { path code message } } }"""


async def ok(api: Api, query: str, token: str | None = None, **variables: Any) -> dict:
    """The payload of a mutation that must succeed (its alias is `m`)."""
    payload = (await api.gql(query, token=token, **variables))["m"]
    assert not payload.get("errors"), (query, variables, payload)
    return payload


def assessment(who: str, result: str, behavior: str, comment: str) -> dict:
    return {"nip": who, "period": "2025", "resultRating": result, "behaviorRating": behavior, "comment": comment}


@dataclass
class Seeded:
    """The evaluated world: the base world's tokens and what the seed wrote (ids for the audit trail)."""

    world: World
    dinkes_head: str    # EMPLOYEE DINKES_HEAD: supervises NURSE and (across agencies) BRIDGE
    admin_as_head: str  # ADMIN standing for HEAD: assesses DINKES_HEAD, who has no supervisor
    t1_target: str
    t2_target: str
    t1_self_assessment: str
    disdik_survey_response: str
    objections: dict[str, str] = field(default_factory=dict)  # NIP -> the id of their objection to their 2025 rating


async def seed(api: Api) -> Seeded:
    """The base world plus, through the GraphQL mutations (cycle 2025 ends in EVALUATION):
    - DPMPTSP (spec shipped with the project) with one employee DPM; BRIDGE in DISDIK under DINKES_HEAD;
    - targets (DISDIK.PARTISIPASI_MASYARAKAT) of TEACHER_1 and TEACHER_2, DPMPTSP.IZIN_TEPAT_WAKTU of DPM, each
      measured in 2025-Q1 (DINKES has no indicators);
    - survey answers 2025-Q1: DISDIK three (SDN-001), DINKES one (PKM-BATU10); populations DISDIK 900, DINKES 400;
    - organisation predikat 2025 BAIK for DISDIK and DINKES;
    - 2025 assessments and ratings: TEACHER_1 (self too; BUTUH_PERBAIKAN) and TEACHER_2 (SANGAT_KURANG) by
      PRINCIPAL; BRIDGE (BAIK) and NURSE (self too; BUTUH_PERBAIKAN) by DINKES_HEAD; DINKES_HEAD (BAIK) by ADMIN
      standing for HEAD. DISDIK has 3 ratings, DINKES 2. Free text in each record carries its agency's CANARY;
    - a work-log entry (2025-03-03) of TEACHER_1, TEACHER_2 and NURSE, feedback 2025 on TEACHER_1 and NURSE (ADMIN's);
    - objections to their 2025 ratings by TEACHER_1 (decided by HEAD, PRINCIPAL's superior) and NURSE (DINKES_HEAD
      has no superior: ADMIN records the decision), open.
    """
    world = await build_world()
    admin = world.admin
    await ok(api, AGENCY, admin, code="DPMPTSP", name=AGENCY_NAMES["DPMPTSP"])
    await ok(api, UPSERT, admin, input=[
        {"nip": BRIDGE, "name": NAMES[BRIDGE], "employmentType": "PNS", "position": "Staf", "agency": "DISDIK",
         "supervisor": DINKES_HEAD},
        {"nip": DPM, "name": NAMES[DPM], "employmentType": "PNS", "position": "Analis Perizinan",
         "agency": "DPMPTSP"}])
    s = Seeded(world, dinkes_head=await tokens.create_token("EMPLOYEE", nip=DINKES_HEAD),
               admin_as_head=await tokens.create_token("ADMIN", nip=HEAD), t1_target="", t2_target="",
               t1_self_assessment="", disdik_survey_response="")
    assert (await api.gql("mutation { reloadSpecs { indicators } }", token=admin))["reloadSpecs"]["indicators"] > 0

    def target(indicator: str, who: str, agency: str) -> dict:
        return {"cycle": 2025, "indicator": indicator, "nip": who, "value": 75,
                "workResult": f"Sosialisasi {CANARY[agency]}"}

    created = await ok(api, TARGETS, admin, input=[
        target("DISDIK.PARTISIPASI_MASYARAKAT", TEACHER_1, "DISDIK"),
        target("DISDIK.PARTISIPASI_MASYARAKAT", TEACHER_2, "DISDIK"),
        target("DPMPTSP.IZIN_TEPAT_WAKTU", DPM, "DPMPTSP")])
    s.t1_target, s.t2_target, dpm_target = (t["id"] for t in created["targets"])

    await ok(api, STATUS, admin, s="ACTIVE")
    await ok(api, MEASURE, admin, input=[
        {"target": s.t1_target, "period": "2025-Q1", "inputs": {"participants": 60, "invited": 80},
         "evidenceUrl": f"https://{CANARY['DISDIK']}.example/bukti"},
        {"target": s.t2_target, "period": "2025-Q1", "inputs": {"participants": 30, "invited": 80}},
        {"target": dpm_target, "period": "2025-Q1", "inputs": {"on_time": 45, "issued": 50}}])
    for agency, unit, answers in [("DISDIK", "SDN-001", [4] * 9), ("DISDIK", "SDN-001", [3] * 9),
                                  ("DISDIK", "SDN-001", [2] * 9), ("DINKES", "PKM-BATU10", [4] * 9)]:
        await ok(api, FEEDBACK, input={"agency": agency, "unit": unit, "period": "2025-Q1", "answers": answers,
                                       "comment": CANARY[agency]})
    await ok(api, POPULATION, world.disdik_admin, agency="DISDIK", n=900)
    await ok(api, POPULATION, world.dinkes_admin, agency="DINKES", n=400)
    # SKPs: TEACHER_1's approved by PRINCIPAL, NURSE's by DINKES_HEAD, each with a revision 2 in DRAFT
    from skp_world import seed_skps
    await seed_skps(api, world, s.dinkes_head, CANARY)

    await ok(api, STATUS, admin, s="EVALUATION")
    for agency in ("DISDIK", "DINKES"):
        await ok(api, ORG, admin, agency=agency, predikat="BAIK")
    done = await ok(api, SELF_ASSESS, world.teacher,
                    input=assessment(TEACHER_1, MEETS, MEETS, f"self {CANARY['DISDIK']}"))
    s.t1_self_assessment = done["assessment"]["id"]
    await ok(api, SELF_ASSESS, world.nurse, input=assessment(NURSE, MEETS, ABOVE, f"self {CANARY['DINKES']}"))
    for assessor, finalizer, who, result, behavior, agency in [
        (world.principal, world.principal, TEACHER_1, BELOW, MEETS, "DISDIK"),
        (world.principal, world.principal, TEACHER_2, BELOW, BELOW, "DISDIK"),
        (s.dinkes_head, s.dinkes_head, BRIDGE, MEETS, MEETS, "DISDIK"),
        (s.dinkes_head, s.dinkes_head, NURSE, BELOW, ABOVE, "DINKES"),
        (s.admin_as_head, admin, DINKES_HEAD, MEETS, MEETS, "DINKES"),
    ]:
        await ok(api, SUPERVISOR_ASSESS, assessor, input=assessment(who, result, behavior, CANARY[agency]))
        await ok(api, FINALIZE, finalizer, nip=who, reason=f"penilaian atasan {CANARY[agency]}")
    survey = await models.SurveyResponse.filter(agency__code="DISDIK").order_by("id").first()
    s.disdik_survey_response = str(survey.id)
    # the work log (TEACHER_1, TEACHER_2, NURSE) and continuous feedback (TEACHER_1, NURSE), texts with the canaries
    await ok(api, LOG_WORK, admin, input=[
        {"nip": who, "day": "2025-03-03", "text": f"Kegiatan {CANARY[agency]}", "minutes": 60}
        for who, agency in ((TEACHER_1, "DISDIK"), (TEACHER_2, "DISDIK"), (NURSE, "DINKES"))])
    for who, agency in ((TEACHER_1, "DISDIK"), (NURSE, "DINKES")):
        await ok(api, GIVE_FEEDBACK, admin, input={"nip": who, "period": "2025", "text": f"Umpan {CANARY[agency]}"})
    for token, who, agency in ((world.teacher, TEACHER_1, "DISDIK"), (world.nurse, NURSE, "DINKES")):
        filed = await ok(api, FILE_OBJECTION, token, nip=who, reason=f"Keberatan {CANARY[agency]}")
        s.objections[who] = filed["objection"]["id"]
    # a unit's own organisation predikat (after the ratings, which it would have given curve warnings)
    await ok(api, UNIT_ORG, world.disdik_admin, agency="DISDIK", unit="SDN-001", predikat="BAIK")
    # a Plh in each agency's school or puskesmas head post, in January 2025 (over by now: no one's scope changes)
    for unit, who, agency in (("SDN-001", TEACHER_2, "DISDIK"), ("PKM-BATU10", DINKES_HEAD, "DINKES")):
        post = await models.Post.get(head_of__code=unit)
        await ok(api, APPOINT_ACTING, admin, input={"post": str(post.id), "nip": who, "kind": "PLH",
                                                   "startsOn": "2025-01-06", "endsOn": "2025-01-10",
                                                   "decree": f"SK {CANARY[agency]}"})
    return s


APPOINT_ACTING = """mutation($input: ActingInput!) { m: appointActing(input: $input) { acting { id }
  errors { path code message } } }"""


# -- Env: one app at a time, on an event loop that lives as long as the test module ---------------------------------

class Env:
    """A module's database and app, on one asyncio.Runner: `use(key, build)` answers the app with the world of
    `key`; for another key it empties every table (as a fresh migration leaves them) and calls `build(api)`. One
    app for the whole module: tortoise has one global context, so two live apps would share (and close) it."""

    def __init__(self, kind: str, tmp: Path, sqlite_template: Path, pg_template: str | None, **settings: Any):
        self.kind, self.tmp, self.sqlite_template, self.pg_template = kind, tmp, sqlite_template, pg_template
        self.settings = settings
        self.runner = asyncio.Runner()
        self.key: object = None
        self.api: Api | None = None
        self.data: Any = None
        self._handles: tuple | None = None
        self._database: str | None = None

    def run(self, coro: Awaitable[Any]) -> Any:
        return self.runner.run(coro)

    def use(self, key: object, build: Callable[[Api], Awaitable[Any]]) -> tuple[Api, Any]:
        if key != self.key:
            self.key = None
            if self.api is None:
                url = self._new_database()
                self.api, self._handles = self.run(start_api(url, **self.settings))
            else:  # as freshly migrated: much faster than another database and app (above all on PostgreSQL)
                self.run(empty_tables())
            self.data = self.run(build(self.api))
            self.key = key
        return self.api, self.data

    def _new_database(self) -> str:
        name = f"kinerja_t{RUN_ID}_e{uuid.uuid4().hex[:8]}"
        if self.kind == "sqlite":
            path = self.tmp / f"{name}.sqlite3"
            shutil.copy(self.sqlite_template, path)
            self._database = str(path)
            return f"sqlite://{path}"
        self.run(_pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.pg_template}"'))
        self._database = name
        return _pg_url_for(name)

    def close(self) -> None:
        try:
            if self._handles is not None:
                handles, self._handles, self.api = self._handles, None, None
                self.run(stop_api(handles))
            if self._database is not None:
                if self.kind == "sqlite":
                    Path(self._database).unlink(missing_ok=True)
                else:
                    self.run(_pg_admin(f'DROP DATABASE IF EXISTS "{self._database}" WITH (FORCE)'))
        finally:
            self.runner.close()


async def empty_tables() -> None:
    """Every table as a fresh migration leaves it: empty, ids from 1 (the migration records stay)."""
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        rows = await conn.execute_query_dict(
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'tortoise_migrations'")
        await conn.execute_script(f"TRUNCATE {', '.join(chr(34) + r['name'] + chr(34) for r in rows)} "
                                  "RESTART IDENTITY CASCADE")
        return
    rows = await conn.execute_query_dict("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT IN ('tortoise_migrations', 'sqlite_sequence')")
    await conn.execute_script("PRAGMA foreign_keys = OFF; " + "".join(f'DELETE FROM "{r["name"]}"; ' for r in rows)
                              + "DELETE FROM sqlite_sequence WHERE name <> 'tortoise_migrations'; "
                              "PRAGMA foreign_keys = ON;")


def make_env(request: Any, tmp_path_factory: Any, sqlite_template: Path, **settings: Any) -> Env:
    """For a module-scoped fixture parametrized by database kind ("sqlite", "postgres")."""
    import pytest

    kind = request.param
    if kind == "postgres" and not PG_URL:
        pytest.skip("KINERJA_TEST_DATABASE_URL is not set")
    pg_template = request.getfixturevalue("pg_template") if kind == "postgres" else None
    return Env(kind, tmp_path_factory.mktemp(f"env-{kind}"), sqlite_template, pg_template, **settings)


async def table_counts() -> dict[str, int]:
    """Rows of every domain table and of the audit log, in one statement: what a refused mutation must not change."""
    names = ["Agency", "Unit", "Person", "Cycle", "Indicator", "Target", "Measurement", "Assessment", "Rating",
             "OrgRating", "SurveyResponse", "ServicePopulation", "Credential", "ApiToken", "AuditEvent"]
    tables = {n: getattr(models, n)._meta.db_table for n in names}
    sql = "SELECT " + ", ".join(f'(SELECT COUNT(*) FROM "{t}") AS "{n}"' for n, t in tables.items())
    rows = await connections.get("default").execute_query_dict(sql)
    return {k: int(v) for k, v in rows[0].items()}
