"""The access matrix: for every root Query and Mutation field and every role, what the design allows, proved with a
real request per cell.

Roles (columns): none (no token); employee (TEACHER_1, acting on itself); supervisor (PRINCIPAL, acting on its
subordinate TEACHER_1); agency_admin (DISDIK's, on DISDIK); other_agency_admin (DINKES's, on DISDIK); admin.
Cells:
- allow: the operation succeeds (a read answers what ADMIN gets; a write appends its audit events);
- scoped: a read succeeds (or names an object as NOT_FOUND) and answers exactly the part of ADMIN's answer inside
  the role's scope: itself and everyone below it (EMPLOYEE), its agency (AGENCY_ADMIN);
- hidden: a read succeeds (or names an object as NOT_FOUND) and shows nothing of ADMIN's answer: records the role
  has no part in even within its scope (an employee and its agency's indicator drafts) read as absent, not refused;
- self: `me`, the viewer itself;
- own: the viewer's own worklist (`myTasks`): a read that succeeds and shows exactly what the probe says that role's
  own tasks hold (Probe.own), whatever anyone else's hold; it can fail because the roles' tasks differ (each role's
  own answer lacks some of the others');
- deny: UNAUTHENTICATED (no token) or FORBIDDEN for a read; for a write UNAUTHENTICATED, or payload errors coded
  FORBIDDEN / NOT_FOUND only, and no table (the audit log included) gains or loses a row.
What a read answer holds is reduced to keys (NIPs, agency codes, and the agency of any unit code, agency name,
person name or per-agency canary text in it: see seeded.py), so nested edges and aliases count wherever they are.
The first test walks the live schema: a root field without a row (or a row without a field) fails it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

import pytest

from kinerja.graphql.schema import build_schema
from kinerja.services.auth import sessions
from kinerja.services.core import clock
from kinerja.services.core.access import SYSTEM, Access
from kinerja.settings import Settings
from seeded import (ABOVE, AGENCY_NAMES, ALL_NIPS, BELOW, BRIDGE, CANARY, DINKES_NIPS, DISDIK_NIPS, DPM,
                    FILE_OBJECTION, FINALIZE, MEASURE, MEETS,
                    NAMES, STATUS, SUPERVISOR_ASSESS, TARGETS, UNIT_NAMES, UNITS, Seeded, assessment, make_env, ok,
                    seed, table_counts)
from world import CLERK, DINKES_HEAD, HEAD, NURSE, PRINCIPAL, TEACHER_1, TEACHER_2, World, build_world
from skp_world import skp_approved, skp_drafts, skp_submitted

NONE, EMPLOYEE, SUPERVISOR, AGENCY_ADMIN, OTHER_ADMIN, ADMIN = ROLES = (
    "none", "employee", "supervisor", "agency_admin", "other_agency_admin", "admin")
A, S, D, H, SELF, O = "allow", "scoped", "deny", "hidden", "self", "own"

MATRIX: dict[str, tuple[str, str, str, str, str, str]] = {
    #                                none employee supervisor agency_admin other_agency_admin admin
    "Query.me":                     (D,   SELF,    SELF,      SELF,        SELF,              SELF),
    "Query.agencies":               (D,   S,       S,         S,           S,                 A),
    "Query.agency":                 (D,   S,       S,         S,           S,                 A),
    "Query.people":                 (D,   S,       S,         S,           S,                 A),
    "Query.person":                 (D,   S,       S,         S,           S,                 A),
    "Query.cycles":                 (D,   A,       A,         A,           A,                 A),
    "Query.indicators":             (D,   S,       S,         S,           S,                 A),
    "Query.plugins":                (D,   A,       A,         A,           A,                 A),
    "Query.calculators":            (D,   A,       A,         A,           A,                 A),
    "Query.specErrors":             (D,   D,       D,         A,           A,                 A),
    # a draft indicator of DISDIK: ADMIN and DISDIK's admin only (an agency drafts in its own namespace)
    "Query.checkIndicatorSpec":     (D,   D,       D,         A,           D,                 A),
    # indicator drafts: the drafting agency's admin (DISDIK's here) and ADMIN work on them; an employee reads none
    # (the list is refused, one draft and its previews read as absent); ADMIN alone approves or rejects; an
    # indicator's history is for whoever sees its agency, retiring it for its agency's admin and ADMIN
    "Query.indicatorDrafts":        (D,   D,       D,         S,           S,                 A),
    "Query.indicatorDraft":         (D,   H,       H,         S,           S,                 A),
    "Query.previewIndicator":       (D,   H,       H,         S,           S,                 A),
    "Query.previewIndicatorOnHistory": (D, H,      H,         S,           S,                 A),
    "Query.indicatorHistory":       (D,   S,       S,         S,           S,                 A),
    "Mutation.saveIndicatorDraft":  (D,   D,       D,         A,           D,                 A),
    "Mutation.submitIndicatorDraft": (D,  D,       D,         A,           D,                 A),
    "Mutation.approveIndicatorDraft": (D, D,       D,         D,           D,                 A),
    "Mutation.rejectIndicatorDraft": (D,  D,       D,         D,           D,                 A),
    "Mutation.discardIndicatorDraft": (D, D,       D,         A,           D,                 A),
    "Mutation.retireIndicator":     (D,   D,       D,         A,           D,                 A),
    "Query.measurements":           (D,   S,       S,         S,           S,                 A),
    "Query.measurementsConnection": (D,   S,       S,         S,           S,                 A),  # the same as measurements, paged
    "Query.suggestedResultRating":  (D,   S,       S,         S,           S,                 A),
    "Query.assessments":            (D,   S,       S,         S,           S,                 A),
    "Query.assessmentsConnection":  (D,   S,       S,         S,           S,                 A),  # the same as assessments, paged
    "Query.assessmentContext":      (D,   D,       S,         S,           S,                 A),
    "Query.satisfaction":           (D,   S,       S,         S,           S,                 A),
    "Query.auditTrail":             (D,   D,       D,         S,           S,                 A),
    "Query.auditTrailConnection":   (D,   D,       D,         S,           S,                 A),  # the same as auditTrail, paged
    "Query.auditEvents":            (D,   D,       D,         S,           S,                 A),
    "Query.predikatDistribution":   (D,   D,       D,         S,           S,                 A),
    "Query.indicatorAchievement":   (D,   D,       D,         S,           S,                 A),
    "Query.satisfactionByGroup":    (D,   D,       D,         S,           S,                 A),
    "Query.predikatTrend":          (D,   D,       D,         S,           S,                 A),
    "Query.followUps":              (D,   D,       D,         S,           S,                 A),
    # what a rating leads to: low predikat in a row (one agency a call) and the talent list, readers as the reports
    "Query.consecutiveLowPredikat": (D,   D,       D,         S,           S,                 A),
    "Query.talentList":             (D,   D,       D,         S,           S,                 A),
    # credit points of an agency's functional posts: readers as the reports; a post's coefficient as createPost
    "Query.creditPoints":           (D,   D,       D,         S,           S,                 A),
    "Mutation.setPostCreditCoefficient": (D, D,    D,         A,           D,                 A),
    "Mutation.createAgency":        (D,   D,       D,         D,           D,                 A),
    "Mutation.createUnit":          (D,   D,       D,         A,           D,                 A),
    # renaming an agency is ADMIN's, as creating one; a unit's edit follows createUnit (its agency's admin, ADMIN)
    "Mutation.updateAgency":        (D,   D,       D,         D,           D,                 A),
    "Mutation.updateUnit":          (D,   D,       D,         A,           D,                 A),
    "Mutation.upsertPeople":        (D,   D,       D,         A,           D,                 A),
    "Mutation.createCycle":         (D,   D,       D,         D,           D,                 A),
    "Mutation.setCycleStatus":      (D,   D,       D,         D,           D,                 A),
    "Mutation.reloadSpecs":         (D,   D,       D,         D,           D,                 A),
    "Mutation.setTargets":          (D,   D,       A,         A,           D,                 A),
    "Mutation.recordMeasurements":  (D,   A,       A,         A,           D,                 A),
    "Mutation.submitSelfAssessment": (D,  A,       D,         D,           D,                 D),
    "Mutation.submitSupervisorAssessment": (D, D,  A,         D,           D,                 D),
    "Mutation.finalizeRating":      (D,   D,       A,         D,           D,                 A),
    "Mutation.reopenRating":        (D,   D,       D,         D,           D,                 A),
    "Mutation.setOrgPredikat":      (D,   D,       D,         D,           D,                 A),
    # a unit's predikat: the level above the unit, its agency's admin (DISDIK's here) or ADMIN
    "Mutation.setUnitOrgPredikat":  (D,   D,       D,         A,           D,                 A),
    "Query.curveRules":             (D,   A,       A,         A,           A,                 A),
    "Mutation.submitFeedback":      (A,   A,       A,         A,           A,                 A),
    "Mutation.setServicePopulation": (D,  D,       D,         A,           D,                 A),
    "Query.surveyForm":             (A,   A,       A,         A,           A,                 A),
    "Mutation.login":               (A,   A,       A,         A,           A,                 A),
    "Mutation.logout":              (D,   A,       A,         A,           A,                 A),
    "Mutation.setPassword":         (D,   D,       D,         A,           D,                 A),
    "Mutation.changePassword":      (D,   A,       A,         A,           A,                 A),
    # the SKP: the person, the direct supervisor and ADMIN edit; the assessing official decides (ADMIN: for a
    # person without a supervisor, HEAD here)
    "Query.skp":                    (D,   S,       S,         S,           S,                 A),
    "Query.skpMatrix":              (D,   S,       S,         S,           S,                 A),
    "Query.skpChanges":             (D,   S,       S,         S,           S,                 A),
    "Mutation.saveSkp":             (D,   A,       A,         D,           D,                 A),
    "Mutation.submitSkp":           (D,   A,       A,         D,           D,                 A),
    "Mutation.approveSkp":          (D,   D,       A,         D,           D,                 A),
    "Mutation.returnSkp":           (D,   D,       A,         D,           D,                 A),
    "Mutation.reviseSkp":           (D,   A,       A,         D,           D,                 A),
    # development plans: read by whoever sees the person; written as the SKP is drafted (the person, the direct
    # supervisor, ADMIN); agreed by the person and the assessing official (PRINCIPAL for TEACHER_1: ADMIN only for a
    # person without a supervisor, so refused here); an action completed by the person alone and confirmed by the
    # assessing official; an agency's hours are a report (ADMIN, and an agency admin for its own agency)
    "Query.developmentPlan":        (D,   S,       S,         S,           S,                 A),
    "Query.developmentHours":       (D,   D,       D,         S,           S,                 A),
    # impact (issue 23 §3): one agency a call, readers as developmentHours (another agency's reads as NOT_FOUND)
    "Query.impact":                 (D,   D,       D,         S,           S,                 A),
    "Mutation.saveDevelopmentPlan": (D,   A,       A,         D,           D,                 A),
    "Mutation.agreeDevelopmentPlan": (D,  A,       A,         D,           D,                 D),
    "Mutation.completeDevelopmentAction": (D, A,   D,         D,           D,                 D),
    "Mutation.confirmDevelopmentAction": (D, D,    A,         D,           D,                 D),
    "Query.workLog":                (D,   S,       S,         S,           S,                 A),
    "Query.workLogConnection":      (D,   S,       S,         S,           S,                 A),  # the same as workLog, paged
    "Query.performanceFeedback":    (D,   S,       S,         S,           S,                 A),
    "Query.skpMonitoring":          (D,   S,       S,         S,           S,                 A),
    "Query.monitoringPeople":       (D,   S,       S,         S,           S,                 A),
    "Mutation.logWork":             (D,   A,       D,         D,           D,                 A),
    "Mutation.givePerformanceFeedback": (D, D,     A,         D,           D,                 A),
    "Mutation.answerPerformanceFeedback": (D, A,   D,         D,           D,                 D),
    "Query.skpParentOptions":       (D,   S,       S,         S,           S,                 A),
    "Query.today":                  (D,   A,       A,         A,           A,                 A),
    # what awaits the viewer: its own tasks only, whoever asks
    "Query.myTasks":                (D,   O,       O,         O,           O,                 O),
    # objections: the employee files; the employee and the assessing official (PRINCIPAL) add statements; the
    # assessing official's superior decides (HEAD, not a column here), ADMIN only for a superior outside the platform
    "Query.objections":             (D,   S,       S,         S,           S,                 A),
    "Query.objection":              (D,   S,       S,         S,           S,                 A),
    "Query.objectionCounts":        (D,   D,       D,         S,           S,                 A),
    "Mutation.fileObjection":       (D,   A,       D,         D,           D,                 D),
    "Mutation.addObjectionStatement": (D, A,       A,         D,           D,                 D),
    "Mutation.decideObjection":     (D,   D,       D,         D,           D,                 A),
    # posts, transfers and acting officials: ADMIN and the agency's admin (DISDIK's here)
    "Query.posts":                  (D,   D,       D,         S,           S,                 A),
    "Query.actingAssignments":      (D,   D,       D,         S,           S,                 A),
    "Mutation.createPost":          (D,   D,       D,         A,           D,                 A),
    "Mutation.transferPerson":      (D,   D,       D,         A,           D,                 A),
    "Mutation.appointActing":       (D,   D,       D,         A,           D,                 A),
    "Mutation.endActing":           (D,   D,       D,         A,           D,                 A),
    # leaving the service and coming back: ADMIN, and the person's agency admin
    "Mutation.retirePerson":        (D,   D,       D,         A,           D,                 A),
    "Mutation.reinstatePerson":     (D,   D,       D,         A,           D,                 A),
}


def cell(row: str, role: str) -> str:
    return MATRIX[row][ROLES.index(role)]


# -- what an answer holds ----------------------------------------------------------------------------------------

AGENCIES = tuple(AGENCY_NAMES)
SCOPE = {
    EMPLOYEE: {TEACHER_1, "DISDIK"},
    SUPERVISOR: {PRINCIPAL, TEACHER_1, TEACHER_2, "DISDIK"},
    AGENCY_ADMIN: DISDIK_NIPS | {"DISDIK"},
    OTHER_ADMIN: DINKES_NIPS | {"DINKES"},
}
# one's own supervisor, above one's scope, shows by identity (name, NIP, position; nothing through them: issue 19 §5,
# tests/test_people_api.py and tests/test_static_serving.py follow the edges)
IDENTITY = {EMPLOYEE: {PRINCIPAL}, SUPERVISOR: {HEAD}, AGENCY_ADMIN: set(), OTHER_ADMIN: set()}
SELF_KEYS = {EMPLOYEE: {TEACHER_1, "DISDIK"}, SUPERVISOR: {PRINCIPAL, "DISDIK"}, AGENCY_ADMIN: {"DISDIK"},
             OTHER_ADMIN: {"DINKES"}, ADMIN: set()}


def keys(data: Any) -> set[str]:
    """The people and agencies an answer shows: NIPs and names of people, agency codes and names, unit codes and
    names (as their agency), and the per-agency canary text of free-text fields (as its agency)."""
    text = json.dumps(data, ensure_ascii=False)
    found = {n for n in ALL_NIPS if n in text} | {n for n, name in NAMES.items() if name in text}
    found |= {a for a in AGENCIES if a in text or AGENCY_NAMES[a] in text or CANARY[a] in text}
    found |= {a for u, a in UNITS.items() if u in text} | {a for u, a in UNIT_NAMES.items() if u in text}
    return found


def connection_keys(data: dict) -> set[str]:
    """keys(), and a marker when totalCount counts rows the page does not show (all fit on one page here)."""
    found = keys(data)
    for conn in data.values():
        if conn is not None and conn["totalCount"] != len(conn["edges"]):
            found.add(f"totalCount {conn['totalCount']} != {len(conn['edges'])} edges")
    return found


def counted(field_: str, by_count: dict[int, set[str]]) -> Callable[[dict], set[str]]:
    """keys(), plus whose records a number adds up: respondents or ratings differ per agency in the seed."""
    def extract(data: dict) -> set[str]:
        found = keys(data)
        rows = data.get(next(iter(data), ""), None) if data else None
        for item in rows if isinstance(rows, list) else [rows] if rows else []:
            n = item
            for part in field_.split("."):
                n = n[part]
            found |= by_count.get(n, {f"{field_}={n}?"})
        return found
    return extract


def audit_keys(agency: str) -> Callable[[dict], set[str]]:
    """keys() of the events, plus the agency whose record it is when there is any event at all."""
    return lambda data: keys(data) | ({agency} if data.get("auditTrail") else set())


def audit_events_keys(agency: str) -> Callable[[dict], set[str]]:
    """audit_keys() of auditEvents' page."""
    return lambda data: keys(data) | ({agency} if (data.get("auditEvents") or {}).get("events") else set())


@dataclass
class Probe:
    query: str
    variables: Callable[[Seeded], dict] | dict = field(default_factory=dict)
    extract: Callable[[dict], set[str]] = keys
    sees: set[str] | None = None  # what ADMIN's answer must include (None: anything, as long as it is not empty)
    subjects: set[str] | None = None  # what it asks for: a scoped answer shows those in scope (default: sees)
    own: dict[str, set[str]] | None = None  # an "own" row: what each role's own answer shows, exactly

    def asked(self) -> set[str]:
        return self.subjects if self.subjects is not None else self.sees or set()

    def vars(self, s: Seeded) -> dict:
        return self.variables(s) if callable(self.variables) else self.variables


PEOPLE = """query($f: PersonFilter) { people(filter: $f, first: 100) { totalCount edges { node { nip name
  agency { code } unit { code } supervisor { nip agency { code } } rating(period: "2025") { overrideReason }
  subordinates(first: 20) { nip subordinates(first: 20) { nip } } } } } }"""
PERSON = """query($n: String!) { person(nip: $n) { nip name agency { code } unit { code } supervisor { nip name }
  subordinates { nip } rating(period: "2025") { predikat overrideReason person { nip } }
  targets(cycle: 2025) { workResult indicator { code } measurements { period evidenceUrl } } } }"""
MEASUREMENTS = """query($a: String, $i: String) { measurements(period: "2025-Q1", agency: $a, indicator: $i) {
  period value achievement evidenceUrl target { workResult person { nip name } indicator { code agency { code } } } } }"""
SUGGESTION = """query($n: String!) { suggestedResultRating(nip: $n, period: "2025-Q1") { rating reason
  measurements { value target { person { nip } indicator { code } } } } }"""
ASSESSMENTS = """query($n: String) { assessments(period: "2025", nip: $n) { kind comment resultRating
  person { nip name supervisor { nip } } } }"""
CONTEXT = """query($n: String!) { assessmentContext(nip: $n, period: "2025") { person { nip } headsUnit
  selfAssessment { comment person { nip } } supervisorAssessment { comment resultRating }
  suggestion { rating reason measurements { target { person { nip } } } } unitSatisfaction { respondents }
  unitHead { unit { code name } orgPredikat basis suggestion { rating measurements { target { unit { code } } } } }
} }"""
SATISFACTION = """query($a: String, $u: String) { satisfaction(period: "2025", agency: $a, unit: $u) { period
  respondents index grade requiredSample } }"""
AUDIT = """query($e: String!, $i: String!) { auditTrail(entity: $e, id: $i) { action entity entityId actor before
  after } }"""
AUDIT_EVENTS = """query($e: String, $i: String, $a: String) { auditEvents(entity: $e, entityId: $i, agency: $a,
  first: 100) { events { action entity entityId actor before after } } }"""
DISTRIBUTION = """query($g: ReportGroup, $a: String) { predikatDistribution(period: "2025", groupBy: $g, agency: $a) {
  group label total baik butuhPerbaikan sangatKurang orgPredikat curveWarnings } }"""
ACHIEVEMENT = """query($a: String) { indicatorAchievement(period: "2025-Q1", agency: $a) { agency indicator
  measurements averageAchievement meetingTarget } }"""
BY_GROUP = """query($g: SatisfactionGroup, $a: String) { satisfactionByGroup(period: "2025", groupBy: $g, agency: $a) {
  group label respondents withheld index { respondents index } } }"""
TREND = """query($a: String) { predikatTrend(fromPeriod: "2025", toPeriod: "2025", agency: $a) { group label total
  orgPredikat curveWarnings } }"""
FOLLOW_UPS = """query($a: String) { followUps(period: "2025", agency: $a, first: 100) { totalCount edges { node {
  nip name agency { code } supervisor { nip } rating(period: "2025") { predikat recommendations } } } } }"""
LOW_RUNS = """query($a: String!) { consecutiveLowPredikat(agency: $a) { nip name position agency lowRun runLength
  runPeriods runPredikats lowHistory } }"""
TALENT_LIST = """query($a: String) { talentList(period: "2025", agency: $a, first: 100) { totalCount edges { node {
  nip name agency { code } supervisor { nip } rating(period: "2025") { predikat overrideReason } } } } }"""
WORK_LOG = """query($n: String!) { workLog(nip: $n, from: "2025-01-01", to: "2025-12-31") { nip day text } }"""
OBJECTIONS = """{ objections { reason person { nip } } }"""
OBJECTION = """query($id: ID!) { objection(id: $id) { reason person { nip } } }"""
OBJECTION_COUNTS = """{ objectionCounts(period: "2025") { agency open } }"""
POSTS = """query($a: String!) { posts(agency: $a) { name headsUnit } }"""
ACTING = """query($a: String!) { actingAssignments(agency: $a, activeOn: "2025-01-01") { decree official { nip }
  post { headsUnit } } }"""
PERF_FEEDBACK = """query($n: String!) { performanceFeedback(nip: $n, period: "2025") { nip text givenBy } }"""
MONITORING = """query($a: String) { skpMonitoring(cycle: 2025, agency: $a) { agency unit people approvedSkp
  loggedLast30Days hadFeedback } }"""
LACKING = """query($a: String, $g: MonitoringGap!) { monitoringPeople(cycle: 2025, agency: $a, missing: $g, first: 100) {
  nip name agency unit person { nip supervisor { nip } } } }"""
SKP = """query($n: String!) { skp(nip: $n, cycle: 2025) { nip status version revision approvedRevision
  items { key workResult indicators { text } } old: items(revision: 1) { workResult } revisions { number status } } }"""
SKP_MATRIX = """query($n: String!) { skpMatrix(nip: $n, cycle: 2025) { key workResult unlinked
  contributions { nip name key workResult status } } }"""
SKP_CHANGES = """query($n: String!) { skpChanges(nip: $n, cycle: 2025, from: 1, to: 2) { change key field old new } }"""
MY_TASKS = """{ myTasks { total groups { kind period cycle count items { nip name position objectionId
  workResult indicator indicatorName draftId agency agencyName } } } }"""
SKP_PARENTS = """query($n: String!) { skpParentOptions(nip: $n, cycle: 2025) { hasSupervisor items { key workResult } } }"""
DEV_PLAN = """query($n: String!) { developmentPlan(nip: $n, cycle: 2025) { nip name cycle status version requiredBy
  employeeAgreed officialAgreed plannedHours confirmedHours mayEdit mayAgree actions { position kind title competency
  plannedHours due responsible source sourcePeriod status hoursDone completedOn evidenceNumber evidenceUrl
  mayComplete mayConfirm } } }"""
DEV_PLANS = """query($a: String!, $b: String!, $c: String!) { a: developmentPlan(nip: $a, cycle: 2025) { nip version
  actions { title evidenceNumber } } b: developmentPlan(nip: $b, cycle: 2025) { name status version actions { title } }
  c: developmentPlan(nip: $c, cycle: 2025) { nip name confirmedHours actions { evidenceNumber evidenceUrl } } }"""
CREDIT_POINTS = """query($a: String!) { creditPoints(agency: $a, year: 2025, first: 100) { totalCount edges { node {
  nip name predikat points parts { post coefficient daysHeld points } } } } }"""
DEV_HOURS = """query($a: String!) { developmentHours(agency: $a, year: 2025) { agency year minimum people met below
  done } }"""
IMPACT = """query($a: String!) { impact(agency: $a, from: 2024, to: 2025) { agency agencyName unit minimumHours caveat
  rows { year agency unit label respondents ikm total baik people hoursMet hoursDone plans improved notYetRated }
  transitions { year before after people } } }"""

SPEC_CHECK = """query($y: String!) { checkIndicatorSpec(input: {agency: "DISDIK", yaml: $y}) { ok
  problems { path code message } } }"""
SPEC_DRAFT = """{code: UJI_MATRIKS, name: Uji, unit: percent, direction: higher_is_better, level: unit, periods: [year],
  inputs: {x: {type: integer, min: 0}}, checks: ["x >= 0"], formula: x, target: 5}"""


def spec_check_keys(data: dict) -> set[str]:
    """keys(), and "ok" or each problem's path and code."""
    answer = data.get("checkIndicatorSpec")
    if not answer:
        return keys(data)
    return keys(data) | ({"ok"} if answer["ok"] else {f"{'.'.join(p['path'])}: {p['code']}"
                                                        for p in answer["problems"]})


# indicator drafts: the reads' world (seed_drafts) has in DISDIK and in DINKES a console indicator UJI_1
# approved from a draft, measured in 2025-Q1 (TEACHER_2's, DINKES_HEAD's target), and an open draft changing it
UJI = """code: {code}
name: Uji {name}
unit: persen
direction: higher_is_better
level: person
periods: [quarter, year]
inputs:
  hadir: {{type: integer, min: 0}}
  undangan: {{type: integer, min: 1}}
checks: ["hadir <= undangan"]
formula: hadir / undangan * 100
target: 80
rating: {{above: {above}, meets: 90}}
"""


def uji(code: str, name: str, above: int = 110) -> str:
    """An indicator entry of DISDIK's or DINKES's namespace (no spec file of DISDIK defines the UJI_ codes)."""
    return UJI.format(code=code, name=name, above=above)


DRAFTS = """query($a: String, $s: IndicatorDraftStatus) { indicatorDrafts(agency: $a, status: $s) { id fullCode status
  version yaml changesIndicator createdBy agency { code name } } }"""
DRAFT = """query($id: Int!) { indicatorDraft(id: $id) { id code fullCode status version changesIndicator baseVersion
  yaml createdBy updatedBy agency { code name } } }"""
PREVIEW = """query($id: Int!, $in: JSON!) { previewIndicator(id: $id, inputs: $in) { preview { target
  outcome { value achievement suggestedRating problems { code } } steps { expression value } }
  errors { path code } } }"""
HISTORY_PREVIEW = """query($id: Int!) { previewIndicatorOnHistory(id: $id, period: "2025-Q1") { preview { indicator
  period currentVersion total changed rows { nip personName workResult inputs storedVersion changed
  current { value achievement suggestedRating } draft { value achievement suggestedRating } } }
  errors { path code } } }"""
HISTORY = """query($c: String!) { indicatorHistory(code: $c) { code name origin active version retiredBy
  versions { version origin draftedBy approvedBy draft yaml definition current } } }"""


def previewed(agency: str) -> Callable[[dict], set[str]]:
    """For a preview on sample inputs (its answer names nobody): the agency of the draft asked about when there is
    a preview, nothing when there is none (a draft out of scope reads as NOT_FOUND in the result's errors)."""
    return lambda data: keys(data) | ({agency} if ((data or {}).get("previewIndicator") or {}).get("preview")
                                      else set())


def answered_for(*subject: str) -> Callable[[dict], set[str]]:
    """For an answer that names nobody (the supervisor's RHK options of a person): the person and agency asked
    about when the answer is there, nothing when it is absent (out of scope reads as unknown)."""
    return lambda data: set(subject) if (data or {}).get("skpParentOptions") is not None else set()

def development_hours_keys(data: dict) -> set[str]:
    """keys(), plus whose people and confirmed hours the summary's numbers add up (seed_development)."""
    return (counted("people", {6: {"DISDIK"}, 2: {"DINKES"}, 1: {"DPMPTSP"}})(data)
            | counted("done", DEVELOPMENT_HOURS)(data))


BOTH = {"DISDIK", "DINKES"}
RESPONDENTS = {3: {"DISDIK"}, 1: {"DINKES"}, 4: BOTH, 0: set()}  # the seed's 2025 survey answers
RATINGS = {3: {"DISDIK"}, 2: {"DINKES"}, 5: BOTH, 0: set()}      # the seed's 2025 ratings

PROBES: dict[str, list[Probe]] = {
    "Query.me": [Probe("{ me { role agency { code name } person { nip name } } }", sees=set())],
    "Query.agencies": [Probe("""{ agencies { code name headcount orgPredikat(period: "2025")
      units { code name agency { code } } } }""", sees={"DISDIK", "DINKES", "DPMPTSP"})],
    "Query.agency": [
        Probe("""{ agency(code: "DISDIK") { code name headcount orgPredikat(period: "2025")
          units { code name parent { code } agency { code } orgPredikat(period: "2025") } } }""", sees={"DISDIK"}),
        Probe("""{ a: agency(code: " disdik ") { code } b: agency(code: "DINKES") { units { code } }
          c: agency(code: "DPMPTSP") { name } }""", sees={"DISDIK", "DINKES", "DPMPTSP"}),
    ],
    "Query.people": [
        Probe(PEOPLE, {}, connection_keys, ALL_NIPS),
        Probe(PEOPLE, {"f": {"agency": "DISDIK"}}, connection_keys, DISDIK_NIPS),
        Probe(PEOPLE, {"f": {"agency": "DINKES"}}, connection_keys, DINKES_NIPS),
        Probe(PEOPLE, {"f": {"supervisor": PRINCIPAL}}, connection_keys, {TEACHER_1, TEACHER_2}),
        Probe(PEOPLE, {"f": {"supervisor": DINKES_HEAD}}, connection_keys, {NURSE, BRIDGE}),
        Probe(PEOPLE, {"f": {"unit": "SDN-001"}}, connection_keys, {PRINCIPAL, TEACHER_1, TEACHER_2}),
        Probe(PEOPLE, {"f": {"search": "Citra"}}, connection_keys, {TEACHER_1}),
        Probe(PEOPLE, {"f": {"search": TEACHER_1}}, connection_keys, {TEACHER_1}),
    ],
    "Query.person": [
        Probe(PERSON, {"n": TEACHER_1}, sees={TEACHER_1, PRINCIPAL, "DISDIK"}, subjects={TEACHER_1}),
        Probe("""query($a: String!, $b: String!, $c: String!, $d: String!) { a: person(nip: $a) { nip }
          b: person(nip: $b) { nip } c: person(nip: $c) { nip } d: person(nip: $d) { nip } }""",
              {"a": TEACHER_1, "b": NURSE, "c": HEAD, "d": DPM}, sees={TEACHER_1, NURSE, HEAD, DPM}),
        Probe("""query($n: String!) { person(nip: $n) { nip supervisor { nip subordinates { nip name
          agency { code } supervisor { nip } } } } }""", {"n": NURSE},
              sees={NURSE, DINKES_HEAD, BRIDGE, "DISDIK", "DINKES"}, subjects={NURSE}),
        Probe("""query($n: String!) { person(nip: $n) { nip supervisor { nip subordinates { nip } } } }""",
              {"n": BRIDGE}, sees={BRIDGE, DINKES_HEAD, NURSE}, subjects={BRIDGE}),
        Probe("""query($n: String!) { person(nip: $n) { subordinates { nip subordinates { nip } } } }""",
              {"n": HEAD}, sees={PRINCIPAL, TEACHER_1, TEACHER_2}, subjects=set()),
    ],
    "Query.cycles": [Probe("{ cycles { year periodicity status periods } }",
                           extract=lambda d: {f"cycle {c['year']} {c['status']}" for c in d.get("cycles") or []},
                           sees={"cycle 2025 EVALUATION"})],
    "Query.indicators": [
        Probe("{ indicators { code name agency { code } inputs { name } } }", sees={"DISDIK", "DPMPTSP"}),
        Probe('{ indicators(agency: "DISDIK") { code } }', sees={"DISDIK"}),
        Probe('{ indicators(agency: "DPMPTSP") { code } }', sees={"DPMPTSP"}),
    ],
    "Query.today": [Probe("{ today }", extract=lambda d: {"a date"} if d.get("today") else set())],
    # the seed's tasks (cycle 2025 in EVALUATION, every period ended): TEACHER_1's own self-assessments of the
    # quarters and its target's measurements (its work result carries DISDIK's canary); PRINCIPAL's own
    # self-assessments and the teachers' supervisor assessments of the quarters; NURSE's objection, decided by ADMIN
    # (DINKES_HEAD has no superior); the agency admins have no draft to rework
    "Query.myTasks": [Probe(MY_TASKS, sees={NURSE}, own={
        EMPLOYEE: {TEACHER_1, "DISDIK"}, SUPERVISOR: {PRINCIPAL, TEACHER_1, TEACHER_2}, AGENCY_ADMIN: set(),
        OTHER_ADMIN: set(), ADMIN: {NURSE}})],
    "Query.curveRules": [Probe("{ curveRules { orgPredikat rules { predikat kind percent count } } }",
                               extract=lambda d: {f"{c['orgPredikat']}: {len(c['rules'])} rules"
                                                  for c in d.get("curveRules") or []},
                               sees={"ISTIMEWA: 2 rules", "BAIK: 3 rules", "BUTUH_PERBAIKAN: 2 rules"})],
    "Query.plugins": [Probe("{ plugins { name version hooks } }",
                            extract=lambda d: {p["name"] for p in d.get("plugins") or []})],
    "Query.calculators": [Probe("{ calculators { name plugin hasContract inputs { name } } }",
                                extract=lambda d: {c["name"] for c in d.get("calculators") or []},
                                sees={"pendidikan.apm"})],
    "Query.specErrors": [Probe("{ specErrors { file line path message } }",
                               extract=lambda d: {f"{e['file']}: {e['message']}" for e in d.get("specErrors") or []},
                               sees=set())],
    "Query.checkIndicatorSpec": [Probe(SPEC_CHECK, {"y": SPEC_DRAFT}, extract=spec_check_keys, sees={"ok"}),
                                 Probe(SPEC_CHECK, {"y": SPEC_DRAFT.replace("x >= 0", "x < 0")},
                                       extract=spec_check_keys, sees={"checks.0: CHECK_NEVER_HOLDS"})],
    "Query.indicatorDrafts": [
        Probe(DRAFTS, {}, sees=BOTH),
        Probe(DRAFTS, {"a": "DISDIK"}, sees={"DISDIK"}),
        Probe(DRAFTS, {"a": " dinkes "}, sees={"DINKES"}),
        Probe(DRAFTS, {"s": "APPROVED"}, sees=BOTH),
        Probe(DRAFTS, {"a": "DINKES", "s": "DRAFT"}, sees={"DINKES"}),
    ],
    "Query.indicatorDraft": [
        *(Probe(DRAFT, lambda s, a=a: {"id": s.drafts[a]}, sees={a}) for a in ("DISDIK", "DINKES")),
        Probe("""query($a: Int!, $b: Int!) { a: indicatorDraft(id: $a) { fullCode }
          b: indicatorDraft(id: $b) { yaml agency { code } } }""",
              lambda s: {"a": s.drafts["DISDIK"], "b": s.drafts["DINKES"]}, sees=BOTH),
    ],
    "Query.previewIndicator": [
        Probe(PREVIEW, lambda s, a=a: {"id": s.drafts[a], "in": {"hadir": 45, "undangan": 50}}, previewed(a), {a})
        for a in ("DISDIK", "DINKES")],
    "Query.previewIndicatorOnHistory": [
        Probe(HISTORY_PREVIEW, lambda s, a=a: {"id": s.drafts[a]}, sees={a, who})
        for a, who in (("DISDIK", TEACHER_2), ("DINKES", DINKES_HEAD))],
    "Query.indicatorHistory": [
        *(Probe(HISTORY, {"c": code}, sees={code.split(".")[0]}) for code in (
            "DISDIK.UJI_1", "DISDIK.PARTISIPASI_MASYARAKAT", "DINKES.UJI_1", "DPMPTSP.IZIN_TEPAT_WAKTU")),
        Probe("""{ a: indicatorHistory(code: " disdik.uji_1 ") { code } b: indicatorHistory(code: "DINKES.UJI_1") {
          versions { yaml } } }""", sees=BOTH),
    ],
    "Query.measurements": [
        Probe(MEASUREMENTS, {}, sees={TEACHER_1, TEACHER_2, DPM, "DISDIK", "DPMPTSP"},
              subjects={TEACHER_1, TEACHER_2, DPM}),
        Probe(MEASUREMENTS, {"a": "DISDIK"}, sees={TEACHER_1, TEACHER_2, "DISDIK"}, subjects={TEACHER_1, TEACHER_2}),
        Probe(MEASUREMENTS, {"i": "DISDIK.PARTISIPASI_MASYARAKAT"}, sees={TEACHER_1, TEACHER_2, "DISDIK"},
              subjects={TEACHER_1, TEACHER_2}),
        Probe(MEASUREMENTS, {"a": "DPMPTSP"}, sees={DPM, "DPMPTSP"}, subjects={DPM}),
    ],
    "Query.suggestedResultRating": [
        Probe(SUGGESTION, {"n": TEACHER_1}, sees={TEACHER_1, "DISDIK"}, subjects={TEACHER_1}),
        Probe(SUGGESTION, {"n": TEACHER_2}, sees={TEACHER_2, "DISDIK"}, subjects={TEACHER_2}),
        Probe(SUGGESTION, {"n": DPM}, sees={DPM, "DPMPTSP"}, subjects={DPM}),
    ],
    "Query.assessments": [
        Probe(ASSESSMENTS, {}, sees={TEACHER_1, TEACHER_2, BRIDGE, NURSE, DINKES_HEAD, "DISDIK", "DINKES"},
              subjects={TEACHER_1, TEACHER_2, BRIDGE, NURSE, DINKES_HEAD}),
        Probe(ASSESSMENTS, {"n": TEACHER_1}, sees={TEACHER_1, "DISDIK"}, subjects={TEACHER_1}),
        Probe(ASSESSMENTS, {"n": NURSE}, sees={NURSE, "DINKES"}, subjects={NURSE}),
        # the assessor: who they are is shown even out of scope; nothing reachable through them may be
        Probe("""{ assessments(period: "2025") { person { nip } assessor { agency { units(first: 20) { code } }
          supervisor { nip } subordinates(first: 20) { nip } targets(cycle: 2025, first: 20) { workResult } rating(period: "2025") {
          predikat } } } }""", sees={TEACHER_1, TEACHER_2, BRIDGE, NURSE, DINKES_HEAD, "DISDIK", "DINKES"},
              subjects={TEACHER_1, TEACHER_2, BRIDGE, NURSE, DINKES_HEAD}),
    ],
    "Query.assessmentContext": [
        Probe(CONTEXT, {"n": TEACHER_1}, sees={TEACHER_1, "DISDIK"}, subjects={TEACHER_1}),
        Probe("""query($a: String!, $b: String!) { a: assessmentContext(nip: $a, period: "2025") { person { nip } }
          b: assessmentContext(nip: $b, period: "2025") { person { nip } supervisorAssessment { comment } } }""",
              {"a": TEACHER_1, "b": NURSE}, sees={TEACHER_1, NURSE, "DINKES"}, subjects={TEACHER_1, NURSE}),
    ],
    "Query.satisfaction": [
        Probe(SATISFACTION, {}, counted("respondents", RESPONDENTS), BOTH),
        Probe(SATISFACTION, {"a": "DISDIK"}, counted("respondents", RESPONDENTS), {"DISDIK"}),
        Probe(SATISFACTION, {"a": "DISDIK", "u": "SDN-001"}, counted("respondents", RESPONDENTS), {"DISDIK"}),
        Probe(SATISFACTION, {"a": "DINKES"}, counted("respondents", RESPONDENTS), {"DINKES"}),
    ],
    "Query.auditTrail": [
        Probe(AUDIT, variables, audit_keys(agency), {agency}) for variables, agency in [
            ({"e": "person", "i": TEACHER_1}, "DISDIK"),
            ({"e": "agency", "i": "DISDIK"}, "DISDIK"),
            ({"e": "unit", "i": "DISDIK/SDN-001"}, "DISDIK"),
            ({"e": "indicator", "i": "DISDIK.PARTISIPASI_MASYARAKAT"}, "DISDIK"),
            (lambda s: {"e": "target", "i": s.t1_target}, "DISDIK"),
            (lambda s: {"e": "measurement", "i": f"{s.t1_target}/2025-Q1"}, "DISDIK"),
            (lambda s: {"e": "assessment", "i": s.t1_self_assessment}, "DISDIK"),
            ({"e": "rating", "i": f"{TEACHER_1}/2025"}, "DISDIK"),
            ({"e": "org_rating", "i": "DISDIK/2025"}, "DISDIK"),
            ({"e": "unit_org_rating", "i": "DISDIK/SDN-001/2025"}, "DISDIK"),
            ({"e": "service_population", "i": "DISDIK"}, "DISDIK"),
            (lambda s: {"e": "survey_response", "i": s.disdik_survey_response}, "DISDIK"),
            ({"e": "person", "i": NURSE}, "DINKES"),
        ]
    ],
    "Query.auditEvents": [
        Probe(AUDIT_EVENTS, variables, audit_events_keys(agency), {agency}) for variables, agency in [
            ({"e": "person", "i": TEACHER_1}, "DISDIK"),
            ({"e": "agency", "i": "DISDIK"}, "DISDIK"),
            ({"e": "unit", "i": "DISDIK/SDN-001"}, "DISDIK"),
            (lambda s: {"e": "target", "i": s.t1_target}, "DISDIK"),
            ({"e": "rating", "i": f"{TEACHER_1}/2025"}, "DISDIK"),
            ({"e": "person", "i": NURSE}, "DINKES"),
            ({"e": "org_rating", "i": "DINKES/2025"}, "DINKES"),
        ]
    ],
    "Query.predikatDistribution": [
        Probe(DISTRIBUTION, {"g": "AGENCY"}, sees=BOTH),
        Probe(DISTRIBUTION, {"g": "UNIT"}, sees=BOTH),
        Probe(DISTRIBUTION, {"a": "DISDIK"}, sees={"DISDIK"}),
        Probe(DISTRIBUTION, {"a": "DINKES", "g": "UNIT"}, sees={"DINKES"}),
    ],
    "Query.indicatorAchievement": [
        Probe(ACHIEVEMENT, {}, sees={"DISDIK", "DPMPTSP"}),
        Probe(ACHIEVEMENT, {"a": "DISDIK"}, sees={"DISDIK"}),
        Probe(ACHIEVEMENT, {"a": "DPMPTSP"}, sees={"DPMPTSP"}),
    ],
    "Query.satisfactionByGroup": [
        Probe(BY_GROUP, {"g": "AGENCY"}, sees=BOTH),
        Probe(BY_GROUP, {"g": "UNIT"}, sees=BOTH),
        Probe(BY_GROUP, {"a": "DISDIK"}, sees={"DISDIK"}),
        # by the respondent's profile: rows of no agency; whose answers they count shows in the respondents
        Probe(BY_GROUP, {"g": "SEX"}, counted("respondents", RESPONDENTS), BOTH),
        Probe(BY_GROUP, {"g": "EDUCATION", "a": "DISDIK"}, counted("respondents", RESPONDENTS), {"DISDIK"}),
        Probe(BY_GROUP, {"g": "OCCUPATION", "a": "DINKES"}, counted("respondents", RESPONDENTS), {"DINKES"}),
    ],
    "Query.predikatTrend": [
        Probe(TREND, {}, counted("total", RATINGS), BOTH),
        Probe(TREND, {"a": "DISDIK"}, counted("total", RATINGS), {"DISDIK"}),
        Probe(TREND, {"a": "DINKES"}, counted("total", RATINGS), {"DINKES"}),
    ],
    "Query.surveyForm": [
        Probe("""{ surveyForm(agency: "disdik") { agency agencyName period units { code name }
          questions { code text answers } } }""", sees={"DISDIK"}),
    ],
    "Query.workLog": [Probe(WORK_LOG, {"n": who}, sees={who, agency}, subjects={who}) for who, agency in
                      ((TEACHER_1, "DISDIK"), (TEACHER_2, "DISDIK"), (NURSE, "DINKES"))],
    "Query.performanceFeedback": [Probe(PERF_FEEDBACK, {"n": who}, sees={who, agency}, subjects={who})
                                  for who, agency in ((TEACHER_1, "DISDIK"), (NURSE, "DINKES"))],
    "Query.skpMonitoring": [
        Probe(MONITORING, {}, sees={"DISDIK", "DINKES", "DPMPTSP"}, subjects=set()),
        Probe(MONITORING, {"a": "DISDIK"}, sees={"DISDIK"}, subjects=set()),
        Probe(MONITORING, {"a": "DINKES"}, sees={"DINKES"}, subjects=set()),
    ],
    "Query.monitoringPeople": [
        Probe(LACKING, {"g": "NO_FEEDBACK"}, sees={TEACHER_2, DINKES_HEAD, DPM}, subjects={TEACHER_2}),
        Probe(LACKING, {"g": "NO_LOG_30_DAYS"}, sees={HEAD, DINKES_HEAD, DPM}, subjects=set()),
        Probe(LACKING, {"a": "DINKES", "g": "NO_LOG_7_DAYS"}, sees={NURSE, DINKES_HEAD}, subjects=set()),
    ],
    "Query.followUps": [
        Probe(FOLLOW_UPS, {}, connection_keys, {TEACHER_1, TEACHER_2, NURSE}),
        Probe(FOLLOW_UPS, {"a": "DISDIK"}, connection_keys, {TEACHER_1, TEACHER_2}),
        Probe(FOLLOW_UPS, {"a": "DINKES"}, connection_keys, {NURSE}),
    ],
    # seed_reports: TEACHER_2 (DISDIK) and NURSE (DINKES) rated low in 2025-Q3 and 2025, a run; the agency is
    # required, the other agency's code answers no rows (an agency without one, DPMPTSP, none either)
    "Query.consecutiveLowPredikat": [
        Probe(LOW_RUNS, {"a": "DISDIK"}, sees={TEACHER_2, "DISDIK"}, subjects={TEACHER_2}),
        Probe(LOW_RUNS, {"a": " dinkes "}, sees={NURSE, "DINKES"}, subjects={NURSE}),
        Probe(LOW_RUNS, {"a": "DPMPTSP"}, sees=set()),
    ],
    # seed_reports: BRIDGE (DISDIK, under DINKES_HEAD) and DINKES_HEAD rated SANGAT_BAIK for 2025
    "Query.talentList": [
        Probe(TALENT_LIST, {}, connection_keys, {BRIDGE, DINKES_HEAD, "DISDIK", "DINKES"},
              subjects={BRIDGE, DINKES_HEAD}),
        Probe(TALENT_LIST, {"a": "DISDIK"}, connection_keys, {BRIDGE, "DISDIK"}, subjects={BRIDGE}),
        Probe(TALENT_LIST, {"a": "DINKES"}, connection_keys, {DINKES_HEAD, "DINKES"}, subjects={DINKES_HEAD}),
    ],
    # seed_credit_points: BRIDGE (DISDIK, SANGAT_BAIK) and NURSE (DINKES, BUTUH_PERBAIKAN) in their agency's
    # functional post with a coefficient; one agency a call, another's code (or DPMPTSP's) answers no rows
    "Query.creditPoints": [
        Probe(CREDIT_POINTS, {"a": "DISDIK"}, connection_keys, {BRIDGE}),
        Probe(CREDIT_POINTS, {"a": " dinkes "}, connection_keys, {NURSE}),
        Probe(CREDIT_POINTS, {"a": "DPMPTSP"}, connection_keys, set()),
    ],
    # the seed's SKPs: TEACHER_1's (DISDIK) and NURSE's (DINKES), each approved and revised (who submitted and
    # decided is left out: the approver, the person's supervisor, is outside an employee's scope)
    "Query.skp": [
        Probe(SKP, {"n": TEACHER_1}, sees={TEACHER_1, "DISDIK"}),
        Probe(SKP, {"n": NURSE}, sees={NURSE, "DINKES"}),
    ],
    "Query.skpMatrix": [
        Probe(SKP_MATRIX, {"n": PRINCIPAL}, sees={TEACHER_1, "DISDIK"}, subjects=set()),
        Probe(SKP_MATRIX, {"n": DINKES_HEAD}, sees={NURSE, "DINKES"}, subjects=set()),
    ],
    "Query.skpChanges": [
        Probe(SKP_CHANGES, {"n": TEACHER_1}, sees={"DISDIK"}),
        Probe(SKP_CHANGES, {"n": NURSE}, sees={"DINKES"}),
    ],
    "Query.objections": [Probe(OBJECTIONS, {}, sees={TEACHER_1, NURSE, "DISDIK", "DINKES"})],
    "Query.objection": [Probe(OBJECTION, lambda s, who=who: {"id": s.objections[who]}, sees={who, agency})
                        for who, agency in ((TEACHER_1, "DISDIK"), (NURSE, "DINKES"))],
    "Query.objectionCounts": [Probe(OBJECTION_COUNTS, {}, sees={"DISDIK", "DINKES"}, subjects=set())],
    "Query.posts": [Probe(POSTS, {"a": a}, sees={a}) for a in ("DISDIK", "DINKES")],
    "Query.actingAssignments": [Probe(ACTING, {"a": a}, sees={a, who})
                                for a, who in (("DISDIK", TEACHER_2), ("DINKES", DINKES_HEAD))],
    "Query.skpParentOptions": [
        Probe(SKP_PARENTS, {"n": TEACHER_1}, answered_for(TEACHER_1, "DISDIK"), sees={TEACHER_1, "DISDIK"}),
        Probe(SKP_PARENTS, {"n": NURSE}, answered_for(NURSE, "DINKES"), sees={NURSE, "DINKES"}),
    ],
    # the plans of the reads' world (seed_development): TEACHER_1's and NURSE's proposed by their low ratings,
    # agreed, one action each completed (its evidence with the agency's canary) and confirmed; TEACHER_2's proposed
    # by its rating, a DRAFT; CLERK has none (an empty DRAFT at version 0)
    "Query.developmentPlan": [
        Probe(DEV_PLAN, {"n": TEACHER_1}, sees={TEACHER_1, "DISDIK"}, subjects={TEACHER_1}),
        Probe(DEV_PLAN, {"n": NURSE}, sees={NURSE, "DINKES"}, subjects={NURSE}),
        Probe(DEV_PLANS, {"a": TEACHER_2, "b": CLERK, "c": NURSE}, sees={TEACHER_2, CLERK, NURSE, "DINKES"},
              subjects={TEACHER_2, CLERK, NURSE}),
    ],
    # an agency's summary, one agency a probe: another agency's (or DPMPTSP's) reads as NOT_FOUND for an agency admin
    "Query.developmentHours": [Probe(DEV_HOURS, {"a": asked}, development_hours_keys, {a})
                               for asked, a in (("DISDIK", "DISDIK"), (" dinkes ", "DINKES"), ("DPMPTSP", "DPMPTSP"))],
    # an agency's impact, one agency a probe: its rows name its units; another agency's reads as NOT_FOUND
    "Query.impact": [Probe(IMPACT, {"a": asked}, sees={a})
                     for asked, a in (("DISDIK", "DISDIK"), (" dinkes ", "DINKES"), ("DPMPTSP", "DPMPTSP"))],
}


# the connections beside the plain lists (issue 21 §3): the same probes, each query's list as a connection's page
CONNECTION_OF = {"measurements": "measurementsConnection", "assessments": "assessmentsConnection",
                 "auditTrail": "auditTrailConnection", "workLog": "workLogConnection"}


def as_connection(query: str, old: str) -> str:
    """`old(args) { fields }` -> `oldConnection(args, first: 100) { edges { node { fields } } }` (the top field)."""
    start = query.index(old + "(")
    close = query.index(")", start)
    open_brace = query.index("{", close)
    depth, end = 0, open_brace
    for end in range(open_brace, len(query)):
        depth += {"{": 1, "}": -1}.get(query[end], 0)
        if depth == 0:
            break
    return (query[:start] + CONNECTION_OF[old] + query[start + len(old):close] + ", first: 100)"
            + " { edges { node " + query[open_brace:end + 1] + " } }" + query[end + 1:])


for _old, _new in CONNECTION_OF.items():
    PROBES[f"Query.{_new}"] = [dataclasses.replace(probe, query=as_connection(probe.query, _old))
                               for probe in PROBES[f"Query.{_old}"] if f"{_old}(" in probe.query]


# -- writes ------------------------------------------------------------------------------------------------------

@dataclass
class Write:
    """A mutation aliased `m` acting on TEACHER_1 or DISDIK; variables per role (index i), so that each allowed
    cell changes something of its own; setup brings the world to where the mutation can succeed."""

    query: str
    variables: Callable[[int, str, dict], dict]
    setup: Callable[[Any, World], Awaitable[dict]] | None = None
    # the bearer of each role, when not the world's API token of it (a signed-in session, say)
    token: Callable[[World, str, dict], str | None] | None = None


async def with_specs(api, w: World) -> dict:
    await api.gql("mutation { reloadSpecs { indicators } }", token=w.admin)
    return {}


async def active(api, w: World) -> dict:
    await ok(api, STATUS, w.admin, s="ACTIVE")
    return {}


async def with_target(api, w: World) -> dict:
    await with_specs(api, w)
    created = await ok(api, TARGETS, w.admin, input=[{"cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT",
                                                      "nip": TEACHER_1, "workResult": "Sosialisasi", "value": 75}])
    await active(api, w)
    return {"target": created["targets"][0]["id"]}


async def evaluation(api, w: World) -> dict:
    await active(api, w)
    await ok(api, STATUS, w.admin, s="EVALUATION")
    return {}


async def assessed(api, w: World) -> dict:
    await evaluation(api, w)
    for who in (TEACHER_1, TEACHER_2):
        await ok(api, SUPERVISOR_ASSESS, w.principal, input=assessment(who, MEETS, MEETS, "baik"))
    return {}


async def finalized(api, w: World) -> dict:
    await assessed(api, w)
    await ok(api, FINALIZE, w.principal, nip=TEACHER_1, reason="penilaian atasan")
    return {}


async def functional_post(api, w: World) -> dict:
    """A FUNGSIONAL post of DISDIK without a coefficient yet."""
    made = await ok(api, """mutation { m: createPost(input: {agency: "DISDIK", name: "Guru Ahli Pertama",
      kind: FUNGSIONAL}) { post { id } errors { code } } }""", w.admin)
    return {"post": made["post"]["id"]}


async def head_post(api, w: World) -> dict:
    from kinerja.models import Post

    return {"post": str((await Post.get(head_of__code="SDN-001")).id)}


async def acting(api, w: World) -> dict:
    """A Plh in SDN-001's head post from ten days ago to sixty days ahead."""
    from kinerja.models import Post
    from kinerja.services.org import transfers

    post = await Post.get(head_of__code="SDN-001")
    today = clock.today()
    row = await transfers.appoint_acting(Access(SYSTEM), transfers.ActingData(
        post=post.id, nip=TEACHER_2, kind="PLH", starts_on=today - dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=60), decree="SK uji"))
    return {"acting": str(row.id)}


async def departed(api, w: World) -> dict:
    """TEACHER_2 and CLERK left the service today."""
    from kinerja.services.org import departures

    for who in (TEACHER_2, CLERK):
        await departures.retire_person(Access(SYSTEM), who, "PENSIUN", clock.today())
    return {}


async def objected(api, w: World) -> dict:
    """TEACHER_1 objects to the rating PRINCIPAL gave (HEAD decides); PRINCIPAL to the one HEAD gave (HEAD has no
    superior: ADMIN records the decision)."""
    from kinerja.services.auth import tokens

    await finalized(api, w)
    head = await tokens.create_token("EMPLOYEE", nip=HEAD)
    await ok(api, SUPERVISOR_ASSESS, head, input=assessment(PRINCIPAL, MEETS, MEETS, "baik"))
    await ok(api, FINALIZE, head, nip=PRINCIPAL, reason="penilaian atasan")
    found = {}
    for token, who, key in ((w.teacher, TEACHER_1, "objection"), (w.principal, PRINCIPAL, "outside")):
        filed = await ok(api, FILE_OBJECTION, token, nip=who, reason="Capaian tidak dipertimbangkan")
        found[key] = filed["objection"]["id"]
    return found


PLAN_STATE = """query($n: String!) { developmentPlan(nip: $n, cycle: 2025) { version status requiredBy
  actions { id status } } }"""
PLAN_PAYLOAD = "plan { version status actions { id status } } errors { path code message }"
AGREE_PLAN = f"""mutation($n: String!, $v: Int!) {{ m: agreeDevelopmentPlan(nip: $n, cycle: 2025, version: $v) {{
  {PLAN_PAYLOAD} }} }}"""
COMPLETE_ACTION = f"""mutation($input: DevelopmentCompletionInput!) {{ m: completeDevelopmentAction(input: $input) {{
  {PLAN_PAYLOAD} }} }}"""
CONFIRM_ACTION = f"""mutation($a: ID!, $v: Int!) {{ m: confirmDevelopmentAction(action: $a, version: $v) {{
  {PLAN_PAYLOAD} }} }}"""


async def low_rated(api, w: World) -> dict:
    """TEACHER_1 rated BUTUH_PERBAIKAN for 2025 by PRINCIPAL: the rating proposes actions onto TEACHER_1's plan of
    2025 (version 1, a DRAFT) and requires it agreed. The plan's action ids."""
    await evaluation(api, w)
    await ok(api, SUPERVISOR_ASSESS, w.principal, input=assessment(TEACHER_1, BELOW, MEETS, "perlu pembinaan"))
    await ok(api, FINALIZE, w.principal, nip=TEACHER_1, reason="penilaian atasan")
    plan = (await api.gql(PLAN_STATE, token=w.admin, n=TEACHER_1))["developmentPlan"]
    assert (plan["version"], plan["status"], plan["requiredBy"]) == (1, "DRAFT", "2025") and plan["actions"], plan
    return {"actions": [a["id"] for a in plan["actions"]]}


async def agreed_plan(api, w: World) -> dict:
    """low_rated's plan agreed by TEACHER_1 (version 2), then by PRINCIPAL: AGREED at version 3."""
    found = await low_rated(api, w)
    await ok(api, AGREE_PLAN, w.teacher, n=TEACHER_1, v=1)
    plan = (await ok(api, AGREE_PLAN, w.principal, n=TEACHER_1, v=2))["plan"]
    assert (plan["version"], plan["status"]) == (3, "AGREED"), plan
    return found


async def done_action(api, w: World) -> dict:
    """agreed_plan's first action completed by TEACHER_1: DONE, the plan at version 4."""
    found = await agreed_plan(api, w)
    plan = (await ok(api, COMPLETE_ACTION, w.teacher, input={
        "action": found["actions"][0], "version": 3, "hoursDone": 8, "completedOn": "2025-06-30",
        "evidenceNumber": "SERT/2025/001"}))["plan"]
    assert plan["version"] == 4 and plan["actions"][0]["status"] == "DONE", plan
    return found


PASSWORD = "kata-sandi-uji"
# a person signing in as each role: sessions, which logout revokes (the world's API tokens are not sessions)
SIGN_IN = {EMPLOYEE: (TEACHER_1, "EMPLOYEE"), SUPERVISOR: (PRINCIPAL, "EMPLOYEE"), AGENCY_ADMIN: (HEAD, "AGENCY_ADMIN"),
           OTHER_ADMIN: (DINKES_HEAD, "AGENCY_ADMIN"), ADMIN: (NURSE, "ADMIN")}


async def with_password(api, w: World) -> dict:
    await sessions.set_password(Access(SYSTEM), TEACHER_1, PASSWORD)
    return {}


async def signed_in(api, w: World) -> dict:
    policy = sessions.LoginPolicy(session_hours=1, lock_failures=10, lock_seconds=60)
    found = {}
    for role, (nip, grants) in SIGN_IN.items():
        await sessions.set_password(Access(SYSTEM), nip, PASSWORD, grants)
        found[role] = (await sessions.login(nip, PASSWORD, "127.0.0.1", policy)).token
    return found


async def with_feedback(api, w: World) -> dict:
    given = await ok(api, """mutation($n: String!) { m: givePerformanceFeedback(input: {nip: $n, period: "2025",
      text: "Pertahankan"}) { feedback { id } errors { code } } }""", w.admin, n=TEACHER_1)
    return {"feedback": given["feedback"]["id"]}


SAVE_DRAFT = """mutation($a: String!, $y: String!) { m: saveIndicatorDraft(input: {agency: $a, yaml: $y}) {
  draft { id version } errors { path code message } } }"""
SUBMIT_DRAFT = """mutation($id: Int!, $v: Int!) { m: submitIndicatorDraft(id: $id, version: $v) { draft { id version }
  errors { path code message } } }"""
APPROVE_DRAFT = """mutation($id: Int!, $v: Int!) { m: approveIndicatorDraft(id: $id, version: $v) { draft { id version }
  errors { path code message } } }"""


async def drafted(api, token: str, agency: str, text: str, submit: bool = False, approver: str | None = None) -> int:
    """A draft saved by `token` (an agency admin), submitted by it and approved by `approver` when asked: its id."""
    d = (await ok(api, SAVE_DRAFT, token, a=agency, y=text))["draft"]
    if submit or approver:
        d = (await ok(api, SUBMIT_DRAFT, token, id=d["id"], v=d["version"]))["draft"]
    if approver:
        d = (await ok(api, APPROVE_DRAFT, approver, id=d["id"], v=d["version"]))["draft"]
    return d["id"]


async def disdik_drafts(api, w: World, submit: bool = False, approve: bool = False) -> dict:
    """A draft of DISDIK.UJI_<i> per role index i, by DISDIK's admin: saved (version 1), submitted (version 2) or
    approved (the indicator DISDIK.UJI_<i> in the catalog)."""
    await with_specs(api, w)
    return {"drafts": [await drafted(api, w.disdik_admin, "DISDIK", uji(f"UJI_{i}", f"matriks {i}"), submit,
                                     w.admin if approve else None) for i in range(len(ROLES))]}


async def saved_drafts(api, w: World) -> dict:
    return await disdik_drafts(api, w)


async def submitted_drafts(api, w: World) -> dict:
    return await disdik_drafts(api, w, submit=True)


async def console_indicators(api, w: World) -> dict:
    return await disdik_drafts(api, w, approve=True)


ERRORS = "errors { path code message }"
ASSESS_INPUT = lambda i, r, c: {"input": assessment(TEACHER_1, MEETS, BELOW, f"catatan {i}")}  # noqa: E731

WRITES: dict[str, Write] = {
    "Mutation.createAgency": Write(
        f"mutation($c: String!) {{ m: createAgency(input: {{code: $c, name: \"Dinas Uji\"}}) {{ {ERRORS} }} }}",
        lambda i, r, c: {"c": f"AG{i}"}),
    "Mutation.createUnit": Write(
        f"""mutation($c: String!) {{ m: createUnit(input: {{agency: "DISDIK", code: $c, name: "Unit Uji"}}) {{
          {ERRORS} }} }}""", lambda i, r, c: {"c": f"UNIT-{i}"}),
    "Mutation.updateAgency": Write(
        f"""mutation($n: String!) {{ m: updateAgency(input: {{code: "DISDIK", name: $n}}) {{ {ERRORS} }} }}""",
        lambda i, r, c: {"n": f"Dinas Pendidikan Uji {i}"}),
    "Mutation.updateUnit": Write(  # a new name and a parent per role: each allowed cell changes the unit
        f"""mutation($n: String!) {{ m: updateUnit(input: {{agency: "DISDIK", code: "SDN-001", name: $n,
          parent: "SEKRETARIAT"}}) {{ {ERRORS} }} }}""", lambda i, r, c: {"n": f"SD Negeri 001 Uji {i}"}),
    "Mutation.upsertPeople": Write(
        f"mutation($input: [PersonInput!]!) {{ m: upsertPeople(input: $input) {{ {ERRORS} }} }}",
        lambda i, r, c: {"input": [{"nip": TEACHER_1, "name": "Citra Lestari", "employmentType": "PNS",
                                    "position": f"Guru Kelas {i}", "agency": "DISDIK", "unit": "SDN-001",
                                    "supervisor": PRINCIPAL}]}),
    "Mutation.createCycle": Write(f"mutation($y: Int!) {{ m: createCycle(year: $y) {{ {ERRORS} }} }}",
                                  lambda i, r, c: {"y": 2030 + i}),
    "Mutation.setCycleStatus": Write(
        f"mutation {{ m: setCycleStatus(year: 2025, status: ACTIVE) {{ {ERRORS} }} }}", lambda i, r, c: {}),
    "Mutation.reloadSpecs": Write("mutation { m: reloadSpecs { indicators errors { file message } } }",
                                  lambda i, r, c: {}),
    "Mutation.setTargets": Write(
        f"mutation($input: [TargetInput!]!) {{ m: setTargets(input: $input) {{ {ERRORS} }} }}",
        lambda i, r, c: {"input": [{"cycle": 2025, "indicator": "DISDIK.PARTISIPASI_MASYARAKAT", "nip": TEACHER_1,
                                    "workResult": f"Sosialisasi {i}", "value": 75}]}, with_specs),
    "Mutation.recordMeasurements": Write(
        f"mutation($input: [MeasurementInput!]!) {{ m: recordMeasurements(input: $input) {{ {ERRORS} }} }}",
        lambda i, r, c: {"input": [{"target": c["target"], "period": "2025-Q1",
                                    "inputs": {"participants": 10 + i, "invited": 80}}]}, with_target),
    "Mutation.submitSelfAssessment": Write(
        f"mutation($input: AssessmentInput!) {{ m: submitSelfAssessment(input: $input) {{ {ERRORS} }} }}",
        ASSESS_INPUT, evaluation),
    "Mutation.submitSupervisorAssessment": Write(
        f"mutation($input: AssessmentInput!) {{ m: submitSupervisorAssessment(input: $input) {{ {ERRORS} }} }}",
        ASSESS_INPUT, evaluation),
    "Mutation.finalizeRating": Write(  # ADMIN finalizes TEACHER_2: TEACHER_1's is the supervisor's by then
        f"""mutation($n: String!) {{ m: finalizeRating(input: {{nip: $n, period: "2025"}}) {{ {ERRORS} }} }}""",
        lambda i, r, c: {"n": TEACHER_2 if r == ADMIN else TEACHER_1}, assessed),
    "Mutation.reopenRating": Write(
        f"""mutation($n: String!) {{ m: reopenRating(nip: $n, period: "2025", reason: "salah input") {{
          {ERRORS} }} }}""", lambda i, r, c: {"n": TEACHER_1}, finalized),
    "Mutation.setOrgPredikat": Write(
        f"""mutation {{ m: setOrgPredikat(agency: "DISDIK", period: "2025", predikat: ISTIMEWA) {{ {ERRORS} }} }}""",
        lambda i, r, c: {}),
    "Mutation.setUnitOrgPredikat": Write(  # a different predikat per role, so that each allowed cell writes
        f"""mutation($p: OrgPredikat!) {{ m: setUnitOrgPredikat(agency: "DISDIK", unit: "SDN-001", period: "2025",
          predikat: $p) {{ {ERRORS} }} }}""", lambda i, r, c: {"p": ("ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG",
                                                                      "SANGAT_KURANG", "ISTIMEWA")[i]}),
    "Mutation.submitFeedback": Write(
        f"""mutation {{ m: submitFeedback(input: {{agency: "DISDIK", unit: "SDN-001", period: "2025-Q1",
          answers: [3, 3, 3, 3, 3, 3, 3, 3, 3]}}) {{ accepted {ERRORS} }} }}""", lambda i, r, c: {}, active),
    "Mutation.login": Write(
        f"""mutation($n: String!, $p: String!) {{ m: login(nip: $n, password: $p) {{ token {ERRORS} }} }}""",
        lambda i, r, c: {"n": TEACHER_1, "p": PASSWORD}, with_password),
    "Mutation.logout": Write("mutation { m: logout }", lambda i, r, c: {}, signed_in,
                             token=lambda w, role, c: c.get(role)),
    "Mutation.changePassword": Write(
        f"""mutation($c: String!, $n: String!) {{ m: changePassword(current: $c, new: $n) {{ {ERRORS} }} }}""",
        lambda i, r, c: {"c": PASSWORD, "n": f"kata-sandi-{i}-baru"}, signed_in, token=lambda w, role, c: c.get(role)),
    "Mutation.logWork": Write(
        f"mutation($input: [WorkLogInput!]!) {{ m: logWork(input: $input) {{ {ERRORS} }} }}",
        lambda i, r, c: {"input": [{"nip": TEACHER_1, "day": "2025-05-20", "text": f"Kegiatan {i}", "minutes": 30}]}),
    "Mutation.givePerformanceFeedback": Write(
        f"mutation($input: PerformanceFeedbackInput!) {{ m: givePerformanceFeedback(input: $input) {{ {ERRORS} }} }}",
        lambda i, r, c: {"input": {"nip": TEACHER_1, "period": "2025", "text": f"Umpan balik {i}"}}),
    "Mutation.answerPerformanceFeedback": Write(
        f"mutation($id: ID!, $t: String!) {{ m: answerPerformanceFeedback(id: $id, text: $t) {{ {ERRORS} }} }}",
        lambda i, r, c: {"id": c["feedback"], "t": f"Terima kasih {i}"}, with_feedback),
    "Mutation.setPassword": Write(
        f"""mutation($p: String!) {{ m: setPassword(nip: "{TEACHER_1}", password: $p) {{ {ERRORS} }} }}""",
        lambda i, r, c: {"p": f"kata-sandi-{i}-baru"}),
    "Mutation.saveSkp": Write(
        f"mutation($input: SkpInput!, $v: Int) {{ m: saveSkp(input: $input, version: $v) {{ {ERRORS} }} }}",
        lambda i, r, c: {"input": {"nip": TEACHER_1, "cycle": 2025, "items": [{
            "kind": "MAIN", "workResult": f"Rencana {i}", "indicators": [{"aspect": "QUALITY", "text": "Tertib",
                                                                           "expectedOutput": "Buku"}]}]},
            "v": {SUPERVISOR: 1, ADMIN: 2}.get(r)}),
    "Mutation.submitSkp": Write(
        f"mutation($n: String!) {{ m: submitSkp(nip: $n, cycle: 2025, version: 1) {{ {ERRORS} }} }}",
        lambda i, r, c: {"n": {SUPERVISOR: TEACHER_2, ADMIN: HEAD}.get(r, TEACHER_1)}, skp_drafts),
    "Mutation.approveSkp": Write(
        f"mutation($n: String!) {{ m: approveSkp(nip: $n, cycle: 2025, version: 2) {{ {ERRORS} }} }}",
        lambda i, r, c: {"n": HEAD if r == ADMIN else TEACHER_1}, skp_submitted),
    "Mutation.returnSkp": Write(
        f"""mutation($n: String!) {{ m: returnSkp(nip: $n, cycle: 2025, version: 2, note: "Perbaiki") {{
          {ERRORS} }} }}""", lambda i, r, c: {"n": HEAD if r == ADMIN else TEACHER_1}, skp_submitted),
    "Mutation.reviseSkp": Write(
        f"mutation($n: String!) {{ m: reviseSkp(nip: $n, cycle: 2025, version: 3) {{ {ERRORS} }} }}",
        lambda i, r, c: {"n": {SUPERVISOR: TEACHER_2, ADMIN: HEAD}.get(r, TEACHER_1)}, skp_approved),
    "Mutation.fileObjection": Write(
        f"""mutation($r: String!) {{ m: fileObjection(nip: "{TEACHER_1}", period: "2025", reason: $r) {{
          {ERRORS} }} }}""", lambda i, r, c: {"r": f"Keberatan {i}"}, finalized),
    "Mutation.addObjectionStatement": Write(
        f"mutation($id: ID!, $t: String!) {{ m: addObjectionStatement(id: $id, text: $t) {{ {ERRORS} }} }}",
        lambda i, r, c: {"id": c["objection"], "t": f"Keterangan {i}"}, objected),
    "Mutation.decideObjection": Write(  # ADMIN decides PRINCIPAL's (assessed by HEAD, who has no superior)
        f"""mutation($id: ID!) {{ m: decideObjection(input: {{id: $id, outcome: UPHELD, reason: "Sesuai bukti",
          reference: "800/1/BKPSDM"}}) {{ {ERRORS} }} }}""",
        lambda i, r, c: {"id": c["outside"] if r == ADMIN else c["objection"]}, objected),
    "Mutation.createPost": Write(
        f"""mutation($n: String!) {{ m: createPost(input: {{agency: "DISDIK", name: $n, kind: PELAKSANA}}) {{
          {ERRORS} }} }}""", lambda i, r, c: {"n": f"Jabatan Uji {i}"}),
    "Mutation.setPostCreditCoefficient": Write(  # a new coefficient each time
        f"""mutation($p: ID!, $c: Float) {{ m: setPostCreditCoefficient(post: $p, coefficient: $c) {{ {ERRORS} }} }}""",
        lambda i, r, c: {"p": c["post"], "c": 10 + i}, functional_post),
    "Mutation.transferPerson": Write(  # a new position each time, effective today
        f"""mutation($p: String!, $d: Date!) {{ m: transferPerson(input: {{nip: "{TEACHER_1}", effective: $d,
          unit: "SDN-001", position: $p, reason: "SK uji"}}) {{ {ERRORS} }} }}""",
        lambda i, r, c: {"p": f"Guru Kelas {i}", "d": str(clock.today())}),
    "Mutation.appointActing": Write(  # a Plh in SDN-001's head post, one day each
        f"""mutation($post: ID!, $d: Date!) {{ m: appointActing(input: {{post: $post, nip: "{TEACHER_2}", kind: PLH,
          startsOn: $d, endsOn: $d, decree: "SK uji"}}) {{ {ERRORS} }} }}""",
        lambda i, r, c: {"post": c["post"], "d": f"2025-03-{10 + i}"}, head_post),
    "Mutation.endActing": Write(  # an earlier last day each time, within the range
        f"""mutation($id: ID!, $d: Date!) {{ m: endActing(id: $id, lastDay: $d) {{ {ERRORS} }} }}""",
        lambda i, r, c: {"id": c["acting"], "d": str(clock.today() + dt.timedelta(days=30 - i))}, acting),
    "Mutation.retirePerson": Write(  # people who supervise nobody: DISDIK's admin TEACHER_2, ADMIN CLERK
        f"""mutation($n: String!, $d: Date!) {{ m: retirePerson(input: {{nip: $n, reason: PENSIUN, date: $d}}) {{
          {ERRORS} }} }}""",
        lambda i, r, c: {"n": {AGENCY_ADMIN: TEACHER_2, ADMIN: CLERK}.get(r, TEACHER_1), "d": str(clock.today())}),
    "Mutation.reinstatePerson": Write(  # TEACHER_2 and CLERK left; DISDIK's admin brings TEACHER_2 back, ADMIN CLERK
        f"""mutation($n: String!) {{ m: reinstatePerson(nip: $n) {{ {ERRORS} }} }}""",
        lambda i, r, c: {"n": CLERK if r == ADMIN else TEACHER_2}, departed),
    # development plans of TEACHER_1, 2025: a new plan saved by each allowed role in turn (versions 0, 1, 2); the
    # plan a low rating proposed (version 1) agreed by TEACHER_1, then by PRINCIPAL (version 2); an action of the
    # agreed plan (version 3) completed; the DONE action (version 4) confirmed
    "Mutation.saveDevelopmentPlan": Write(
        f"""mutation($v: Int!, $a: [DevelopmentActionInput!]!) {{ m: saveDevelopmentPlan(nip: "{TEACHER_1}",
          cycle: 2025, version: $v, actions: $a) {{ {ERRORS} }} }}""",
        lambda i, r, c: {"v": {SUPERVISOR: 1, ADMIN: 2}.get(r, 0), "a": [
            {"kind": "TRAINING", "title": f"Bimtek {i}", "plannedHours": 8 + i, "responsible": "BKPSDM"}]}),
    "Mutation.agreeDevelopmentPlan": Write(
        f"""mutation($v: Int!) {{ m: agreeDevelopmentPlan(nip: "{TEACHER_1}", cycle: 2025, version: $v) {{
          {ERRORS} }} }}""", lambda i, r, c: {"v": 2 if r == SUPERVISOR else 1}, low_rated),
    "Mutation.completeDevelopmentAction": Write(
        f"""mutation($input: DevelopmentCompletionInput!) {{ m: completeDevelopmentAction(input: $input) {{
          {ERRORS} }} }}""",
        lambda i, r, c: {"input": {"action": c["actions"][0], "version": 3, "hoursDone": 8 + i,
                                   "completedOn": "2025-06-30", "evidenceNumber": f"SERT/2025/{i}"}}, agreed_plan),
    "Mutation.confirmDevelopmentAction": Write(
        f"mutation($a: ID!) {{ m: confirmDevelopmentAction(action: $a, version: 4) {{ {ERRORS} }} }}",
        lambda i, r, c: {"a": c["actions"][0]}, done_action),
    "Mutation.setServicePopulation": Write(
        f"""mutation($n: Int!) {{ m: setServicePopulation(agency: "DISDIK", population: $n) {{ {ERRORS} }} }}""",
        lambda i, r, c: {"n": 100 + i}),
    # indicator drafts of DISDIK: a new one per role (UJI_<i>); each role's own DISDIK draft, in the state its step
    # needs, for the others; retiring each role's own console indicator DISDIK.UJI_<i>
    "Mutation.saveIndicatorDraft": Write(
        f"""mutation($y: String!, $id: Int, $v: Int) {{ m: saveIndicatorDraft(input: {{agency: "DISDIK", yaml: $y,
          id: $id}}, version: $v) {{ {ERRORS} }} }}""", lambda i, r, c: {"y": uji(f"UJI_{i}", f"baru {i}")},
        with_specs),
    "Mutation.submitIndicatorDraft": Write(
        f"mutation($id: Int!) {{ m: submitIndicatorDraft(id: $id, version: 1) {{ {ERRORS} }} }}",
        lambda i, r, c: {"id": c["drafts"][i]}, saved_drafts),
    "Mutation.approveIndicatorDraft": Write(
        f"mutation($id: Int!) {{ m: approveIndicatorDraft(id: $id, version: 2) {{ {ERRORS} }} }}",
        lambda i, r, c: {"id": c["drafts"][i]}, submitted_drafts),
    "Mutation.rejectIndicatorDraft": Write(
        f"""mutation($id: Int!, $n: String!) {{ m: rejectIndicatorDraft(id: $id, note: $n, version: 2) {{
          {ERRORS} }} }}""", lambda i, r, c: {"id": c["drafts"][i], "n": f"Sasaran belum jelas {i}"},
        submitted_drafts),
    "Mutation.discardIndicatorDraft": Write(
        f"mutation($id: Int!) {{ m: discardIndicatorDraft(id: $id, version: 1) {{ {ERRORS} }} }}",
        lambda i, r, c: {"id": c["drafts"][i]}, saved_drafts),
    "Mutation.retireIndicator": Write(
        f"""mutation($c: String!, $r: String!) {{ m: retireIndicator(code: $c, reason: $r) {{ {ERRORS} }} }}""",
        lambda i, r, c: {"c": f"DISDIK.UJI_{i}", "r": f"Diganti {i}"}, console_indicators),
}


# -- the tests ---------------------------------------------------------------------------------------------------

def test_the_matrix_names_every_root_field_of_the_schema():
    schema = build_schema(Settings())._schema
    live = {f"Query.{f}" for f in schema.query_type.fields} | {f"Mutation.{f}" for f in schema.mutation_type.fields}
    assert live == set(MATRIX), (f"root fields without a row: {sorted(live - set(MATRIX))}; "
                                 f"rows without a root field: {sorted(set(MATRIX) - live)}")
    assert set(PROBES) | set(WRITES) == set(MATRIX) and not set(PROBES) & set(WRITES)
    assert all(value in (A, S, D, H, SELF, O) for row in MATRIX.values() for value in row)
    assert all(not {SELF, S, H, O} & set(MATRIX[w]) for w in WRITES), "a write is allowed or denied"
    assert all(PROBES[row][0].own is not None for row in MATRIX if O in MATRIX[row]), "an own row names each answer"


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def env(request, tmp_path_factory, sqlite_template):
    env = make_env(request, tmp_path_factory, sqlite_template, feedback_limit=1000)
    yield env
    env.close()


def token_of(world: World, role: str) -> str | None:
    return {NONE: None, EMPLOYEE: world.teacher, SUPERVISOR: world.principal, AGENCY_ADMIN: world.disdik_admin,
            OTHER_ADMIN: world.dinkes_admin, ADMIN: world.admin}[role]


def codes_of(errors: list[dict]) -> list[str]:
    return [(e.get("extensions") or {}).get("code") for e in errors]


async def reference(api, s: Seeded, cache: dict, row: str, n: int) -> set[str]:
    """What ADMIN's answer to probe n of the row holds (checked against the probe's `sees`), once per world."""
    if (row, n) not in cache:
        probe = PROBES[row][n]
        body = await api.post(probe.query, probe.vars(s), s.world.admin)
        assert not body.get("errors"), (row, n, body)
        found = probe.extract(body["data"])
        assert found >= probe.sees if probe.sees is not None else found, (
            f"{row} probe {n}: ADMIN's answer should show {probe.sees}, shows {found}: {body}")
        cache[(row, n)] = found
    return cache[(row, n)]


async def check_read(api, data: tuple[Seeded, dict], row: str, role: str) -> None:
    s, cache = data
    outcome = cell(row, role)
    problems: list[str] = []
    reaches_out_of_scope = False
    for n, probe in enumerate(PROBES[row]):
        ref = await reference(api, s, cache, row, n)
        body = await api.post(probe.query, probe.vars(s), token_of(s.world, role))
        codes = codes_of(body.get("errors") or [])
        found = probe.extract(body.get("data") or {})
        if outcome == D:
            want = "UNAUTHENTICATED" if role == NONE else "FORBIDDEN"
            bad = not codes or set(codes) != {want} or found
            expected = f"a {want} error and nothing shown"
        elif outcome == A:
            bad, expected = codes or found != ref, f"no error and what ADMIN sees: {sorted(ref)}"
        elif outcome == SELF:
            bad, expected = codes or found != SELF_KEYS[role], f"itself: {sorted(SELF_KEYS[role])}"
        elif outcome == O:
            mine = probe.own[role]
            reaches_out_of_scope |= bool(set().union(*probe.own.values()) - mine)
            bad, expected = codes or found != mine, f"its own tasks, exactly: {sorted(mine)}"
        elif outcome == H:
            reaches_out_of_scope |= bool(ref)
            bad = any(c != "NOT_FOUND" for c in codes) or found
            expected = f"nothing of ADMIN's answer {sorted(ref)} (no error but NOT_FOUND)"
        else:
            want_keys = ref & SCOPE[role]
            reaches_out_of_scope |= bool(ref - SCOPE[role] - IDENTITY[role])
            want_keys |= ref & IDENTITY[role]
            # nothing outside the scope, and what the probe asks for inside it (nested records of ADMIN's answer
            # may hang off records out of scope: those need not show)
            missing = probe.asked() & SCOPE[role] - found
            bad = any(c != "NOT_FOUND" for c in codes) or found - want_keys or missing
            expected = (f"at most its scope of ADMIN's answer {sorted(want_keys)}, "
                        f"at least {sorted(probe.asked() & SCOPE[role])}")
        if bad:
            problems.append(f"probe {n} {json.dumps(probe.vars(s))}: expected {expected}; shows {sorted(found)}, "
                            f"error codes {codes}\n  answer: {json.dumps(body, ensure_ascii=False)[:1500]}")
    assert not problems, f"{row} as {role} ({outcome}):\n" + "\n".join(problems)
    if outcome in (S, H, O):
        assert reaches_out_of_scope, f"{row} as {role}: no probe reaches records outside the scope: cannot fail"


async def check_write(api, data: tuple[World, dict], row: str, role: str) -> None:
    w, context = data
    outcome, write = cell(row, role), WRITES[row]
    before = await counts()
    bearer = write.token(w, role, context) if write.token else token_of(w, role)
    body = await api.post(write.query, write.variables(ROLES.index(role), role, context), bearer)
    after = await counts()
    payload = (body.get("data") or {}).get("m") or {}
    if not isinstance(payload, dict):  # a Boolean answer (logout): true when it did something
        payload = {} if payload else {"errors": [{"code": "NOTHING_DONE"}]}
    codes = codes_of(body.get("errors") or []) + [e["code"] for e in payload.get("errors") or () if "code" in e]
    answer = json.dumps(body, ensure_ascii=False)[:1500]
    if outcome == A:
        assert not codes, f"{row} as {role} should succeed: {answer}"
        assert after["AuditEvent"] > before["AuditEvent"], f"{row} as {role} answered without writing: {answer}"
    else:
        want = {"UNAUTHENTICATED"} if role == NONE else {"FORBIDDEN", "NOT_FOUND"}
        assert codes and set(codes) <= want, f"{row} as {role} should be refused with {sorted(want)}: {answer}"
        changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        assert not changed, f"{row} as {role} was refused but wrote (rows before, after): {changed}"


async def counts() -> dict[str, int]:
    """tests/seeded.py's table_counts, the indicator drafts' and the development plans' tables: what a refused write
    must not change."""
    from kinerja.models import DevelopmentAction, DevelopmentPlan, IndicatorDraft, IndicatorVersion

    found = await table_counts()
    for model in (IndicatorDraft, IndicatorVersion, DevelopmentPlan, DevelopmentAction):
        found[model.__name__] = await model.all().count()
    return found


READ_CELLS = [(row, role) for row in PROBES for role in ROLES]
# within a row, the refused cells first: each checks that nothing was written, and the allowed ones write
WRITE_CELLS = [(row, role) for row in WRITES for role in sorted(ROLES, key=lambda r: cell(row, r) == A)]


@dataclass
class SeededWithDrafts(Seeded):
    drafts: dict[str, int] = field(default_factory=dict)  # agency -> its open draft changing AGENCY.UJI_1


async def seeded_with_cache(api) -> tuple[Seeded, dict]:
    s = await seed(api)
    s = SeededWithDrafts(**{f.name: getattr(s, f.name) for f in dataclasses.fields(s)})
    await seed_drafts(api, s)
    await seed_development(api, s)
    await seed_reports(api, s)
    await seed_credit_points(api, s)
    return s, {}


async def seed_credit_points(api, s: Seeded) -> None:
    """BRIDGE (DISDIK) and NURSE (DINKES) in a functional post of their agency with a coefficient, since before the
    records (the person row set directly: a transfer would open SKP revisions other probes count)."""
    from kinerja.models import Person

    for who, agency in ((BRIDGE, "DISDIK"), (NURSE, "DINKES")):
        made = await ok(api, """mutation($a: String!) { m: createPost(input: {agency: $a, name: "Ahli Pertama",
          kind: FUNGSIONAL, coefficient: 12.5}) { post { id } errors { code } } }""", s.world.admin, a=agency)
        await Person.filter(nip=who).update(post_id=int(made["post"]["id"]))


REOPEN = """mutation { m: setCycleStatus(year: 2025, status: ACTIVE, reason: "data indikator uji") {
  errors { code message } } }"""


async def seed_drafts(api, s: SeededWithDrafts) -> None:
    """In DISDIK and in DINKES: a console indicator UJI_1 approved from its agency admin's draft; a 2025 target on it
    (TEACHER_2's, DINKES_HEAD's, who have no SKP; the cycle back in ACTIVE for it, then in EVALUATION again) measured
    in 2025-Q1; an open draft changing it. Texts carry the agency's canary."""
    w = s.world
    admins = {"DISDIK": w.disdik_admin, "DINKES": w.dinkes_admin}
    for agency, token in admins.items():
        await drafted(api, token, agency, uji("UJI_1", CANARY[agency]), approver=w.admin)
    await ok(api, REOPEN, w.admin)
    created = await ok(api, TARGETS, w.admin, input=[
        {"cycle": 2025, "indicator": f"{agency}.UJI_1", "nip": who, "value": 80, "workResult": f"Uji {CANARY[agency]}"}
        for agency, who in (("DISDIK", TEACHER_2), ("DINKES", DINKES_HEAD))])
    await ok(api, MEASURE, w.admin, input=[{"target": t["id"], "period": "2025-Q1",
                                            "inputs": {"hadir": 45, "undangan": 50}} for t in created["targets"]])
    await ok(api, STATUS, w.admin, s="EVALUATION")
    for agency, token in admins.items():
        s.drafts[agency] = await drafted(api, token, agency, uji("UJI_1", f"ubah {CANARY[agency]}", above=120))


# the confirmed development hours of 2025 in each agency after seed_development (DPMPTSP has none)
DEVELOPMENT_HOURS = {24: {"DISDIK"}, 30: {"DINKES"}, 0: set()}


async def seed_development(api, s: Seeded) -> None:
    """TEACHER_1's and NURSE's plans (proposed by their BUTUH_PERBAIKAN ratings of 2025) agreed by the person and
    the assessing official (PRINCIPAL, DINKES_HEAD), their first action completed with evidence carrying the
    agency's canary and confirmed: 24 JP in DISDIK, 30 in DINKES."""
    w = s.world
    for who, person, official, agency, hours in ((TEACHER_1, w.teacher, w.principal, "DISDIK", 24),
                                                 (NURSE, w.nurse, s.dinkes_head, "DINKES", 30)):
        plan = (await api.gql(PLAN_STATE, token=w.admin, n=who))["developmentPlan"]
        assert plan["requiredBy"] == "2025" and plan["actions"], plan
        version, first = plan["version"], plan["actions"][0]["id"]
        for token in (person, official):
            version = (await ok(api, AGREE_PLAN, token, n=who, v=version))["plan"]["version"]
        version = (await ok(api, COMPLETE_ACTION, person, input={
            "action": first, "version": version, "hoursDone": hours, "completedOn": "2025-06-30",
            "evidenceNumber": f"SERT {CANARY[agency]}",
            "evidenceUrl": f"https://{CANARY[agency]}.example/sertifikat"}))["plan"]["version"]
        done = (await ok(api, CONFIRM_ACTION, official, a=first, v=version))["plan"]
        assert done["status"] == "AGREED" and done["actions"][0]["status"] == "CONFIRMED", done


FINALIZE_PERIOD = """mutation($nip: String!, $p: String!, $reason: String!) { m: finalizeRating(input: {nip: $nip,
  period: $p, overrideReason: $reason, curveJustification: $reason}) { rating { predikat } errors { path code message }
  } }"""
REOPEN_RATING = """mutation($n: String!, $r: String!) { m: reopenRating(nip: $n, period: "2025", reason: $r) {
  errors { path code message } } }"""


async def seed_reports(api, s: Seeded) -> None:
    """For the registry reports, counted by no other probe (no 2025 rating more or less, nothing in 2025-Q1):
    - low predikat in a row: TEACHER_2 (SANGAT_KURANG for 2025) rated SANGAT_KURANG for 2025-Q3 by PRINCIPAL, NURSE
      (BUTUH_PERBAIKAN) BUTUH_PERBAIKAN by DINKES_HEAD: the third quarter and the year are adjacent periods (a rating
      of an earlier-ending period is not held up by the plan the year's requires). NURSE's rating proposes actions
      onto its agreed plan: agreed again by NURSE and DINKES_HEAD, as seed_development left it;
    - the talent list: BRIDGE's (DISDIK) and DINKES_HEAD's BAIK ratings of 2025 reopened by ADMIN and finalized
      again from updated assessments, above expectation in both: SANGAT_BAIK."""
    w = s.world
    for assessor, who, behavior, agency, predikat in (
            (w.principal, TEACHER_2, BELOW, "DISDIK", "SANGAT_KURANG"),
            (s.dinkes_head, NURSE, MEETS, "DINKES", "BUTUH_PERBAIKAN")):
        await ok(api, SUPERVISOR_ASSESS, assessor, input={
            **assessment(who, BELOW, behavior, f"triwulan {CANARY[agency]}"), "period": "2025-Q3"})
        done = await ok(api, FINALIZE_PERIOD, assessor, nip=who, p="2025-Q3", reason=f"triwulan {CANARY[agency]}")
        assert done["rating"]["predikat"] == predikat, done
    plan = (await api.gql(PLAN_STATE, token=w.admin, n=NURSE))["developmentPlan"]
    version = plan["version"]
    if plan["status"] != "AGREED":
        for token in (w.nurse, s.dinkes_head):
            version = (await ok(api, AGREE_PLAN, token, n=NURSE, v=version))["plan"]["version"]
    plan = (await api.gql(PLAN_STATE, token=w.admin, n=NURSE))["developmentPlan"]
    assert plan["status"] == "AGREED" and plan["actions"][0]["status"] == "CONFIRMED", plan
    for assessor, finalizer, who, agency in ((s.dinkes_head, s.dinkes_head, BRIDGE, "DISDIK"),
                                             (s.admin_as_head, w.admin, DINKES_HEAD, "DINKES")):
        await ok(api, REOPEN_RATING, w.admin, n=who, r=f"talenta {CANARY[agency]}")
        await ok(api, SUPERVISOR_ASSESS, assessor, input={
            **assessment(who, ABOVE, ABOVE, CANARY[agency]), "version": 1})
        done = await ok(api, FINALIZE, finalizer, nip=who, reason=f"penilaian atasan {CANARY[agency]}")
        assert done["rating"]["predikat"] == "SANGAT_BAIK", done


@pytest.mark.parametrize("row,role", READ_CELLS, ids=[f"{r.split('.')[1]}-{role}" for r, role in READ_CELLS])
def test_read(env, row, role):
    api, data = env.use("reads", seeded_with_cache)
    env.run(check_read(api, data, row, role))


@pytest.mark.parametrize("row,role", WRITE_CELLS, ids=[f"{r.split('.')[1]}-{role}" for r, role in WRITE_CELLS])
def test_write(env, row, role):
    setup = WRITES[row].setup

    async def build(api) -> tuple[World, dict]:
        w = await build_world()
        return w, (await setup(api, w) if setup else {})

    api, data = env.use(("write", row), build)
    env.run(check_write(api, data, row, role))
