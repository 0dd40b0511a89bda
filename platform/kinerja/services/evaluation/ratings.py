"""Finalized ratings: finalize (predikat by hook, suggestion and override, curve check), reopen, and reads."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from kinerja.models import Assessment, Cycle, HeadcountRollup, Objection, OrgRating, Person, Rating
from kinerja.models.rollup import WHOLE_AGENCY
from kinerja.plugins import Expectation, PersonInfo, Predikat, RatingInfo
from kinerja.services.core import audit, clock
from kinerja.services.evaluation import assessments, curve, development_proposals, officials
from kinerja.services.evaluation import unit_head as unit_head_rule
from kinerja.services.core import rollups
from kinerja.services.core import sql
from kinerja.services.evaluation import result_notes
from kinerja.services.skp import suggestions
from kinerja.services.core.access import Access, refusal
from kinerja.services.cycles import gate
from kinerja.services.core.errors import InputError, Problem
from kinerja.services.core.nip import normalize_nip

log = logging.getLogger("kinerja.ratings")

TEXT_MAX = 2000
FINALIZE_STATUSES = ("EVALUATION",)
OPEN_STATUSES = ("PLANNING", "ACTIVE", "EVALUATION")  # any but CLOSED
# a period of a year without a cycle is an INVALID_PERIOD here (the period names no cycle)
PERIOD_WORDING = gate.Wording(no_cycle=("INVALID_PERIOD", "{period!r}: there is no cycle {year}"))
# PostgreSQL advisory lock (two-key form, apart from the audit chain's one-key lock): one finalization
# per agency at a time, so that two concurrent ones cannot each pass the curve without the other.
_PG_RATING_LOCK = 7_240_512


class CurveBreach(InputError):
    """Finalizing would break the distribution curve and no justification was given; `warnings` are every finding
    of the curve check as it would have stood, so that the one finalizing sees them before justifying."""

    def __init__(self, warnings: list[str], problems: list[Problem]):
        super().__init__(problems)
        self.warnings = warnings


@dataclass(frozen=True)
class FinalizeData:
    nip: str
    period: str
    override_reason: str | None = None
    curve_justification: str | None = None
    version: int | None = None  # the supervisor assessment's version the finalizer saw; None: as it stands


@dataclass(frozen=True)
class Finalized:
    rating: Rating
    person: PersonInfo
    warnings: list[str]


def _text(value: str | None, path: tuple[str, ...], what: str, problems: list[Problem]) -> str | None:
    text = (value or "").strip() or None
    if text is not None and len(text) > TEXT_MAX:
        problems.append(Problem(path, "TOO_LONG", f"{what} is {len(text)} characters; at most {TEXT_MAX}",
                                params={"length": len(text), "limit": TEXT_MAX}))
    return text


async def _visible_person(access: Access, nip: str, path: tuple[str, ...]) -> Person:
    person = await Person.filter(nip=normalize_nip(nip or "")).select_related("agency", "unit").first()
    if person is None or not await access.can_see_person(person.id, person.agency_id):
        raise InputError.one(path, "NOT_FOUND", f"no person with NIP {nip!r}", params={"nip": nip})
    return person


def person_info(person: Person, agency_code: str, unit_code: str | None) -> PersonInfo:
    return PersonInfo(nip=person.nip, name=person.name, position=person.position, agency=agency_code, unit=unit_code)


def rating_info(rating: Rating) -> RatingInfo:
    return RatingInfo(period=rating.period, result_rating=Expectation(rating.result_rating),
                      behavior_rating=Expectation(rating.behavior_rating), predikat=Predikat(rating.predikat))


async def spread(conn: BaseDBAsyncClient, agency_id: int, period: str, unit_id: int | None = None) -> dict[str, int]:
    """Predikat -> number of finalized ratings of the agency (or of one of its units: the ratings given in it) in the
    period (GROUP BY in SQL)."""
    qs = Rating.filter(agency_id=agency_id, period=period)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    rows = await qs.using_db(conn).group_by("predikat").annotate(n=Count("id")).values("predikat", "n")
    return {r["predikat"]: r["n"] for r in rows}


async def headcount_of(conn: BaseDBAsyncClient, agency_id: int, unit_id: int = WHOLE_AGENCY) -> int:
    """People in the agency (or in one of its units) now: its headcount rollup row (unit 0: the whole agency), kept
    exact by every write of a person."""
    row = await HeadcountRollup.filter(agency_id=agency_id, unit_id=unit_id).using_db(conn).only(
        "people").first()
    return row.people if row else 0


async def curve_findings(conn: BaseDBAsyncClient, rules: curve.CurveRules, agency_id: int, agency_code: str,
                         unit_id: int | None, unit_code: str | None, period: str
                         ) -> tuple[list[str], list[curve.Finding]]:
    """The curve checked as it stands on `conn`: the agency's spread against the agency's organisation predikat, and,
    when the unit has its own predikat, the unit's spread against it (docs/DOMAIN.md, "Organisation predikat and
    the distribution curve"). Returns the warnings (the agency's first; a unit's name the unit) and every finding."""
    org = await OrgRating.filter(agency_id=agency_id, period=period).using_db(conn).first()
    findings: list[curve.Finding] = []
    if org is None:
        warnings = [f"the distribution curve was not checked: {agency_code} has no organisation predikat for "
                    f"{period} (setOrgPredikat)"]
    else:
        findings = curve.check(rules, org.predikat, await spread(conn, agency_id, period),
                               await headcount_of(conn, agency_id))
        warnings = [f.message for f in findings]
    unit_org = await unit_head_rule.unit_predikat(unit_id, period, conn) if unit_id is not None else None
    if unit_org is not None:
        found = curve.check(rules, unit_org, await spread(conn, agency_id, period, unit_id),
                            await headcount_of(conn, agency_id, unit_id), of="unit")
        findings += found
        warnings += [f"unit {agency_code}/{unit_code}: {f.message}" for f in found]
    return warnings, findings


def _snapshot(rating: Rating, info: PersonInfo, year: int) -> dict:
    return {"nip": info.nip, "period": rating.period, "cycle": year, "agency": info.agency, "unit": info.unit,
            "assessment": rating.assessment_id, "result_rating": rating.result_rating,
            "behavior_rating": rating.behavior_rating, "predikat": rating.predikat,
            "suggested_result_rating": rating.suggested_result_rating, "suggestion_reason": rating.suggestion_reason,
            "override_reason": rating.override_reason, "curve_justification": rating.curve_justification,
            "curve_warnings": rating.curve_warnings, "finalized_by": rating.finalized_by,
            "finalized_at": rating.finalized_at}


async def _supervisor_record(conn: BaseDBAsyncClient, person: Person) -> dict | None:
    """Who was the person's direct supervisor when the rating was finalized (as the finalizer's right was checked),
    and how they became so: the audit event that last set them (null where no event did, as for data loaded
    before the trail). None for a person without a supervisor."""
    if person.supervisor_id is None:
        return None
    nip = await Person.filter(id=person.supervisor_id).using_db(conn).first().values_list("nip", flat=True)
    event = await audit.last_setting(conn, "person", person.nip, "supervisor", nip, ("person.create", "person.update"))
    return {"nip": nip, "set_by": audit.reference(event) if event else None}


async def finalize_rating(access: Access, catalog: Any, rules: curve.CurveRules, data: FinalizeData,
                          mapping: Mapping[str, str] = unit_head_rule.DEFAULT_MAPPING) -> Finalized:
    """Store the rating of the supervisor's assessment; the curve's warnings come back, a breach needs a reason.
    `mapping`: the unit-head rule's organisation predikat -> results rating (KINERJA_UNIT_HEAD_RATINGS)."""
    problems: list[Problem] = []
    override = _text(data.override_reason, ("input", "overrideReason"), "override reason", problems)
    justification = _text(data.curve_justification, ("input", "curveJustification"), "curve justification",
                          problems)
    if data.version is not None and data.version < 1:
        problems.append(Problem(("input", "version"), "INVALID_VERSION",
                                f"version starts at 1, got {data.version}; omit it to finalize the assessment as "
                                "it stands"))
    if problems:
        raise InputError(problems)
    person, official = await officials.person_for(access, data.nip, data.period or "")
    if person is None:
        raise InputError.one(("input", "nip"), "NOT_FOUND", f"no person with NIP {data.nip!r}",
                             params={"nip": data.nip})
    person = await Person.filter(id=person.id).select_related("agency", "unit").first()
    if not (access.is_admin or officials.is_viewer(access, official)):
        raise refusal(("input", "nip"), "a rating is finalized by the person's assessing official for the period "
                                        "(their direct supervisor on its last day, or the acting official then) or "
                                        "ADMIN", params={"action": "finalize_rating"})
    period = data.period
    cycle, problem = await gate.cycle_for_period(period, ("input", "period"), PERIOD_WORDING, evaluation=True)
    problem = problem or gate.cycle_problem(cycle, cycle.year, FINALIZE_STATUSES, ("input", "period"), "ratings")
    if problem:
        raise InputError([problem])
    required = await development_proposals.required_plan_problem(person.id, period, ("input", "nip"))
    if required:
        raise InputError([required])
    if await Rating.exists(person_id=person.id, period=period):
        raise InputError.one(("input", "nip"), "ALREADY_FINALIZED",
                             f"the rating of {person.nip} for {period} is finalized already; ADMIN may reopen it",
                             params={"nip": person.nip, "period": period})
    assessment = await Assessment.get_or_none(person_id=person.id, period=period, kind="SUPERVISOR")
    if assessment is None:
        raise InputError.one(("input", "nip"), "ASSESSMENT_REQUIRED",
                             f"{person.nip} has no supervisor assessment for {period}: submit it first",
                             params={"nip": person.nip, "period": period})
    kinds = await result_notes.skp_item_kinds(person.id, cycle.id)
    suggestion = await suggestions.suggest_result_rating(access, catalog, person.nip, period)
    head = await assessments.unit_head_suggestion(catalog, person, period, mapping)
    unit_rule = head is not None and head.rating is not None
    if unit_rule:  # the unit's results are the head's
        suggestion = head.suggestion
    _check_assessment(assessment, data.version, with_results(assessment, kinds, suggestion, unit_rule),
                      override)  # early answer; decided again under the lock
    info = person_info(person, person.agency.code, person.unit.code if person.unit_id else None)
    try:
        rating, warnings = await _store(access, catalog, rules, person, info, cycle, period, data.version,
                                        suggestion, override, justification, kinds, unit_rule)
    except IntegrityError:
        # the unique (person, period) held against a request that finalized the same rating at the same time
        raise InputError.one(("input", "nip"), "ALREADY_FINALIZED",
                             f"the rating of {person.nip} for {period} was finalized at the same time by another "
                             "request") from None
    try:
        catalog.rating_finalized(info, rating_info(rating))
    except Exception:  # the rating is committed: a failing listener cannot undo it, nor fail the request
        log.exception("a kinerja_rating_finalized hook failed for %s/%s (the rating is stored)", person.nip, period)
    return Finalized(rating, info, warnings)


def with_results(assessment: Assessment, kinds: dict[str, str],
                 from_indicators: suggestions.Suggestion | None, unit_rule: bool = False
                 ) -> suggestions.Suggestion | None:
    """The suggestion a rating is checked against: for a unit head whose unit gives one, the unit-head rule's
    (`unit_rule`: the unit's results are the head's); else from the supervisor's per-RHK ratings when the
    assessment has them (result_notes.suggest: the rule of the evaluation form), else from the indicators'
    achievement."""
    if unit_rule:
        return from_indicators
    found = result_notes.suggest(assessment.result_notes or (), kinds)
    if found is None:
        return from_indicators
    return suggestions.Suggestion(found.rating, found.reason,
                                  from_indicators.measurements if from_indicators else [])


def _check_assessment(assessment: Assessment, version: int | None, suggestion: suggestions.Suggestion | None,
                      override: str | None) -> None:
    """The assessment is at the version the finalizer saw (when given), and an override of the suggestion has a
    reason."""
    if version is not None and assessment.version != version:
        raise InputError.one(("input", "version"), "CONFLICT",
                             f"the supervisor assessment is at version {assessment.version}, not {version}: it "
                             f"changed since it was read; read it again and send version {assessment.version}",
                             params={"current": assessment.version, "version": version})
    suggested = suggestion.rating if suggestion else None
    if suggested is not None and suggested != assessment.result_rating and override is None:
        raise InputError.one(("input", "overrideReason"), "OVERRIDE_REASON_REQUIRED",
                             f"the supervisor's results rating {assessment.result_rating} differs from the suggested "
                             f"{suggested} ({suggestion.reason}): say why in overrideReason",
                             params={"rating": assessment.result_rating, "suggested": suggested})


async def _store(access: Access, catalog: Any, rules: curve.CurveRules, person: Person, info: PersonInfo,
                 cycle: Cycle, period: str, version: int | None, suggestion: suggestions.Suggestion | None,
                 override: str | None, justification: str | None, kinds: dict[str, str], unit_rule: bool = False
                 ) -> tuple[Rating, list[str]]:
    async with in_transaction() as conn:
        if sql.is_postgres(conn):
            await conn.execute_query("SELECT pg_advisory_xact_lock($1, $2)", [_PG_RATING_LOCK, person.agency_id])
        await gate.recheck(conn, cycle, FINALIZE_STATUSES, ("input", "period"), "ratings")
        assessment = await assessments.locked_supervisor_assessment(conn, person.id, period)
        if assessment is None:  # cannot be deleted today; kept for the invariant
            raise InputError.one(("input", "nip"), "ASSESSMENT_REQUIRED",
                                 f"{person.nip} has no supervisor assessment for {period}: submit it first",
                                 params={"nip": person.nip, "period": period})
        suggestion = with_results(assessment, kinds, suggestion, unit_rule)  # from the assessment as it stands now
        _check_assessment(assessment, version, suggestion, override)
        predikat = catalog.predikat(assessment.result_rating, assessment.behavior_rating)
        # inserted first: a rating finalized meanwhile by another request fails here on the unique
        # (person, period), before the curve is judged; the spread below then includes this rating
        rating = await Rating.create(
            person_id=person.id, agency_id=person.agency_id, unit_id=person.unit_id, cycle_id=cycle.id, period=period,
            assessment_id=assessment.id, result_rating=assessment.result_rating,
            behavior_rating=assessment.behavior_rating, predikat=predikat,
            suggested_result_rating=suggestion.rating if suggestion else None,
            suggestion_reason=suggestion.reason if suggestion else None, override_reason=override,
            curve_justification=justification, curve_warnings=[], finalized_by=access.viewer.actor,
            finalized_at=dt.datetime.now(dt.timezone.utc), using_db=conn)
        await rollups.add_ratings(conn, [(rating.agency_id, rating.unit_id, period, predikat, 1)])
        # the agency's curve, and the unit's against its own predikat (a breach of either needs the justification)
        warnings, findings = await curve_findings(conn, rules, person.agency_id, info.agency, person.unit_id,
                                                  info.unit, period)
        breaches = [w for f, w in zip(findings, _finding_warnings(warnings, findings))
                    if f.is_maximum and predikat in f.rule.predikat]
        if breaches and justification is None:  # rolls the insert back: nothing is stored
            raise CurveBreach(warnings, [Problem(
                ("input", "curveJustification"), "CURVE_JUSTIFICATION_REQUIRED",
                f"{predikat} for {person.nip} breaks the distribution curve: "
                + "; ".join(breaches) + ". Give curveJustification", {"predikat": predikat, "nip": person.nip})])
        if warnings:
            rating.curve_warnings = warnings
            await rating.save(using_db=conn, update_fields=["curve_warnings"])
        # the development actions it proposes, on the person's plan of the cycle (development_proposals.py)
        proposed = await development_proposals.propose(conn, access.viewer.actor, catalog, person, info, rating,
                                                       rating_info(rating), cycle, clock.today())
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "rating.finalize", "rating", f"{person.nip}/{period}", None,
            {**_snapshot(rating, info, cycle.year), "supervisor": await _supervisor_record(conn, person)}),
            *proposed])
    return rating, warnings


def _finding_warnings(warnings: list[str], findings: list[curve.Finding]) -> list[str]:
    """The warning of each finding, in the order of the findings (the warnings of curve_findings end with them)."""
    return warnings[len(warnings) - len(findings):]


async def reopen_rating(access: Access, nip: str, period: str, reason: str) -> None:
    """ADMIN deletes a finalized rating, with a reason, so that it can be finalized again; the trail keeps it."""
    if not access.is_admin:
        raise refusal(("nip",), "only ADMIN may reopen a finalized rating", params={"action": "reopen_rating"})
    person = await _visible_person(access, nip, ("nip",))
    cycle, problem = await gate.cycle_for_period(period, ("period",), PERIOD_WORDING, evaluation=True)
    problem = problem or gate.cycle_problem(cycle, cycle.year, OPEN_STATUSES, ("period",), "ratings")
    if problem:
        raise InputError([problem])
    reason = (reason or "").strip()
    if not reason:
        raise InputError.one(("reason",), "REASON_REQUIRED", "say why the rating is reopened")
    if len(reason) > TEXT_MAX:
        raise InputError.one(("reason",), "TOO_LONG", f"reason is {len(reason)} characters; at most {TEXT_MAX}",
                             params={"length": len(reason), "limit": TEXT_MAX})
    missing = InputError.one(("nip",), "NOT_FOUND", f"{person.nip} has no finalized rating for {period}",
                             params={"what": "finalized_rating", "nip": person.nip, "period": period})
    if await Objection.filter(person_id=person.id, period=period, status="OPEN").exists():
        raise InputError.one(("nip",), "OBJECTION_OPEN", f"{person.nip} has an open objection to the rating of "
                                                         f"{period}: it is decided first (decideObjection)",
                             params={"nip": person.nip, "period": period})
    async with in_transaction() as conn:
        await gate.recheck(conn, cycle, OPEN_STATUSES, ("period",), "ratings")
        rating = await Rating.filter(person_id=person.id, period=period).using_db(conn).select_related(
            "agency", "unit").first()
        if rating is None:
            raise missing
        info = person_info(person, rating.agency.code, rating.unit.code if rating.unit_id else None)
        if await Rating.filter(id=rating.id).using_db(conn).delete() == 0:
            raise missing  # deleted by a concurrent reopen
        await rollups.add_ratings(conn, [(rating.agency_id, rating.unit_id, rating.period, rating.predikat, -1)])
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "rating.reopen", "rating", f"{person.nip}/{period}", _snapshot(rating, info, cycle.year),
            {"reason": reason}), *await development_proposals.release(conn, person.id, period)])


# -- reads (the GraphQL loaders) -------------------------------------------------------------------

async def ratings_by_keys(keys: Sequence[tuple[int, str]]) -> dict[tuple[int, str], Rating]:
    """Finalized ratings by (person id, period), with person, agency and unit loaded, in one statement."""
    wanted = set(keys)
    periods = sorted({k[1] for k in wanted})
    found: dict[tuple[int, str], Rating] = {}
    for part in sql.chunks(sorted({k[0] for k in wanted}), sql.CHUNK - len(periods)):
        rows = await Rating.filter(person_id__in=list(part), period__in=periods).select_related(
            "person", "agency", "unit")
        for r in rows:
            if (r.person_id, r.period) in wanted:
                found[(r.person_id, r.period)] = r
    return found


RATING_COLUMNS = ("person_id", "period", "result_rating", "behavior_rating", "predikat", "suggested_result_rating",
                  "suggestion_reason", "override_reason", "curve_justification", "curve_warnings", "finalized_at")


async def rating_rows_of_people(person_ids: Sequence[int], period: str) -> dict[int, dict]:
    """The finalized ratings of these people in one period as plain rows (no ORM models), person id -> row of
    RATING_COLUMNS plus person_nip, person_name, person_position, agency_code and unit_code (as at
    finalization): the rows ratings_by_keys reads, in one statement per CHUNK - 1 people."""
    found: dict[int, dict] = {}
    for part in sql.chunks(sorted(set(person_ids)), sql.CHUNK - 1):
        rows = await Rating.filter(person_id__in=list(part), period=period).values(
            *RATING_COLUMNS, person_nip="person__nip", person_name="person__name",
            person_position="person__position", agency_code="agency__code", unit_code="unit__code")
        for r in rows:
            found[r["person_id"]] = r
    return found


def info_of_loaded(rating: Rating) -> PersonInfo:
    """The PersonInfo of a rating read by ratings_by_keys: agency and unit as they were at finalization."""
    return person_info(rating.person, rating.agency.code, rating.unit.code if rating.unit_id else None)
