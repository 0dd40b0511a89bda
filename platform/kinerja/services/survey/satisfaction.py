"""The public satisfaction survey: answers with their checks and rate limit, the IKM from SQL sums, populations."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Sequence

from tortoise.expressions import Q
from tortoise.functions import Count, Sum
from tortoise.transactions import in_transaction

from kinerja.models import Agency, Person, ServicePopulation, SurveyResponse, Unit
from kinerja.services.core import audit
from kinerja.services.core.audit_trail import RESPONDENT_PROFILE
from kinerja.services.survey import feedback_limit, ikm, profile
from kinerja.services.core import rollups
from kinerja.services.core.access import Access, deny, refusal
from kinerja.services.org.agencies import CODE_RE
from kinerja.services.core.client_hash import client_hash
from kinerja.services.cycles import gate
from kinerja.services.core.errors import BadArgument, InputError, Problem
from kinerja.services.core.nip import normalize_nip
from kinerja.services.core import sql

FEEDBACK_STATUSES = ("ACTIVE", "EVALUATION")
SERVICE_MAX = 200
COMMENT_MAX = 2000
POPULATION_MIN, POPULATION_MAX = 1, 100_000_000
PUBLIC_ACTOR = "public"
PROFILE_KEY = RESPONDENT_PROFILE  # where a survey.submit event holds the profile, shown to ADMIN only
_COLUMNS = tuple(f"u{i}" for i in range(1, ikm.ELEMENTS + 1))
# PostgreSQL advisory lock (two-int4 key space, apart from the audit chain's bigint lock and the per-address lock
# of feedback_limit): one per agency while its service population is looked up and upserted.
_PG_POPULATION_LOCK = 4_260_102
_NO_PERIOD = "{period!r} is not a period of any cycle"
# how the cycle gate's refusals of an answer read (a public form: the period's problems are one)
WORDING = gate.Wording(malformed=_NO_PERIOD, foreign=_NO_PERIOD, no_cycle=("INVALID_PERIOD", _NO_PERIOD),
                       closed="cycle {year} is CLOSED: it takes no more answers",
                       state="answers are taken while cycle {year} is {allowed}; it is {status}")


@dataclass(frozen=True)
class IndexResult:
    """The IKM of one period and scope, with the sample it rests on."""

    period: str
    respondents: int
    element_averages: tuple[float, ...]  # NRR of U1..U9 on the 1-4 scale
    index: float  # 25-100, rounded to 2 decimals; 0 without respondents
    grade: str  # A-D, "-" without respondents
    label: str
    required_sample: int | None  # Krejcie-Morgan from the service population; None when none is set
    sufficient_sample: bool  # respondents >= required_sample (False when none is set)


@dataclass(frozen=True)
class FeedbackData:
    agency: str
    period: str
    answers: Sequence[int]
    unit: str | None = None
    service: str | None = None
    served_by: str | None = None
    comment: str | None = None
    # the respondent's profile (services/survey/profile.py): each a value code, or None when not stated
    age_band: Any = None
    sex: Any = None
    education: Any = None
    occupation: Any = None


# ---- the index -------------------------------------------------------------------------------------------------

def period_filter(period: str) -> Q:
    """The answers a period covers: its own; a year (the annual period) also covers its quarters or months."""
    if gate.period_kind(period) == "year":
        return Q(period=period) | Q(period__startswith=f"{period}-")
    return Q(period=period)


def result_from_sums(period: str, sums: Sequence[int], respondents: int, population: int | None) -> IndexResult:
    """An IndexResult from raw SQL sums (integers) and the service population, if one is set."""
    score = ikm.score([int(s or 0) for s in sums], int(respondents or 0))
    required = ikm.required_sample(population) if population else None
    return IndexResult(period=period, respondents=score.respondents, element_averages=score.element_averages,
                       index=score.index, grade=score.grade, label=score.label, required_sample=required,
                       sufficient_sample=required is not None and score.respondents >= required)


async def aggregate(period: str, agency_id: int | None, unit_id: int | None = None) -> tuple[tuple[int, ...], int]:
    """(SUM(u1)..SUM(u9), COUNT(*)) of the answers of the period in one SQL aggregate; agency None: all agencies."""
    qs = SurveyResponse.filter(period_filter(period))
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    sums = {f"s{c}": Sum(c) for c in _COLUMNS}
    rows = await qs.annotate(n=Count("id"), **sums).values("n", *sums)
    row = rows[0] if rows else {}
    return tuple(int(row.get(f"s{c}") or 0) for c in _COLUMNS), int(row.get("n") or 0)


async def population_of(agency_id: int, unit_id: int | None = None) -> int | None:
    """The service population set for the unit, or for the agency as a whole when unit_id is None."""
    found = await (ServicePopulation.filter(agency_id=agency_id, unit_id=unit_id) if unit_id is not None
                   else ServicePopulation.filter(agency_id=agency_id, unit_id__isnull=True)
                   ).only("population").first()
    return found.population if found else None


async def compute_index(period: str, agency_id: int | None, unit_id: int | None = None) -> IndexResult:
    """The IKM of an agency (or one of its units; exactly that unit, not the units below it) for a period.

    No access check: callers scope first. agency_id None adds up every agency (no population, so no required
    sample). The annual period also counts the answers given for its quarters or months.
    """
    sums, respondents = await aggregate(period, agency_id, unit_id)
    population = await population_of(agency_id, unit_id) if agency_id is not None else None
    return result_from_sums(period, sums, respondents, population)


async def satisfaction(access: Access, period: str, agency: str | None = None, unit: str | None = None
                       ) -> IndexResult:
    """The IKM the viewer may see: ADMIN any agency (all together without one); everyone else its own agency."""
    period = (period or "").strip()
    if gate.period_kind(period) is None:
        raise BadArgument("period", f"period must be YYYY, YYYY-Qn or YYYY-MM, got {period!r}", "INVALID_PERIOD",
                          params={"given": period})
    agency_id: int | None = None
    if agency:
        found = await _agency(agency)
        if found is None or not access.can_see_agency(found.id):
            raise BadArgument("agency", f"no agency with code {agency!r}", "NOT_FOUND",
                              params={"what": "agency", "key": agency})
        agency_id = found.id
    elif not access.is_admin:
        agency_id = access.viewer.agency_id
    unit_id: int | None = None
    if unit:
        if agency_id is None:
            raise BadArgument("agency", f"unit codes are per agency: give the agency of unit {unit!r}", "REQUIRED")
        found_unit = await _unit(agency_id, unit)
        if found_unit is None:
            raise BadArgument("unit", f"no unit {unit!r} in this agency", "NOT_FOUND",
                              params={"what": "unit", "key": unit})
        unit_id = found_unit.id
    return await compute_index(period, agency_id, unit_id)


async def _agency(code: str) -> Agency | None:
    code = (code or "").strip().upper()
    return await Agency.get_or_none(code=code) if CODE_RE.match(code) else None


async def _unit(agency_id: int, code: str) -> Unit | None:
    code = (code or "").strip().upper()
    return await Unit.get_or_none(agency_id=agency_id, code=code) if CODE_RE.match(code) else None


# ---- answers ---------------------------------------------------------------------------------------------------

def _text(value: str | None, path: tuple[str, ...], what: str, limit: int, problems: list[Problem]) -> str | None:
    """The text as given (no trimming, no HTML processing: it is escaped where it is shown); blank is None."""
    if value is None or not value.strip():
        return None
    if len(value) > limit:
        problems.append(Problem(path, "TOO_LONG", f"{what} is {len(value)} characters; at most {limit}",
                                params={"length": len(value), "limit": limit}))
    elif "\x00" in value:
        problems.append(Problem(path, "INVALID_TEXT", f"{what} must not contain NUL characters"))
    return value


def _answers(answers: Sequence[Any], problems: list[Problem]) -> list[int]:
    if len(answers) != ikm.ELEMENTS:
        problems.append(Problem(("input", "answers"), "WRONG_COUNT",
                                f"give exactly {ikm.ELEMENTS} answers, U1..U{ikm.ELEMENTS}; got {len(answers)}",
                                params={"count": ikm.ELEMENTS}))
        return []
    for i, a in enumerate(answers):
        if isinstance(a, bool) or not isinstance(a, int) or not ikm.MIN_ANSWER <= a <= ikm.MAX_ANSWER:
            problems.append(Problem(("input", "answers", str(i)), "OUT_OF_RANGE",
                                    f"answer U{i + 1} must be {ikm.MIN_ANSWER}-{ikm.MAX_ANSWER}, got {a!r}",
                                    params={"min": ikm.MIN_ANSWER, "max": ikm.MAX_ANSWER, "value": a}))
    return list(answers)


Around = Callable[[Callable[[], Awaitable[Any]]], Awaitable[Any]]


async def submit_feedback(data: FeedbackData, client_address: str | None, limit: int, window_seconds: int,
                          secret: str = "", around: Around | None = None) -> Any:
    """Check and store one public answer set, at most `limit` submissions per client address within the window.

    Every submission counts against the limit, a refused one too (`feedback_limit`: counted before its input is
    looked at, in a transaction of its own; the answer's transaction takes the count back as the answer): probing
    the form costs its place in the limit. The address is kept only as a hash keyed with `secret` (the
    KINERJA_SECRET setting; "" a random key made once per process), never audited. An unknown `served_by` (no
    employee of the agency with that NIP, or no NIP at all) is stored as no officer, with the same answer as a
    known one: the public form does not tell who works where (SECURITY.md).

    The respondent's profile (age band, sex, education, occupation) is optional, each a code of
    services/survey/profile.py; an unknown code or one that is no text is a problem at its field, like any other.

    `around(write)`, when given, runs `write()` (inside an idempotency key's transaction) and returns the answer,
    which is then returned; it may answer without calling `write` (a replay). Without it the stored row is returned.
    """
    digest = client_hash(client_address, secret)
    await feedback_limit.admit(digest, limit, window_seconds)
    wrote = False

    async def write() -> SurveyResponse:
        nonlocal wrote
        wrote = True
        return await _store(data, digest)

    answer = await around(write) if around is not None else await write()
    if not wrote:  # a replay of the answer stored under an idempotency key: no new submission
        await feedback_limit.release(digest)
    return answer


async def _store(data: FeedbackData, digest: str) -> SurveyResponse:
    problems: list[Problem] = []
    answers = _answers(data.answers, problems)
    agency = await _agency(data.agency)
    if agency is None:
        problems.append(Problem(("input", "agency"), "NOT_FOUND", f"no agency with code {data.agency!r}",
                                params={"what": "agency", "key": data.agency}))
    unit = None
    if data.unit and data.unit.strip():
        unit = await _unit(agency.id, data.unit) if agency else None
        if agency is not None and unit is None:
            problems.append(Problem(("input", "unit"), "NOT_FOUND", f"no unit {data.unit!r} in agency {agency.code}",
                                    params={"what": "unit", "key": data.unit, "agency": agency.code}))
    period = (data.period or "").strip()
    cycle, problem = await gate.cycle_for_period(period, ("input", "period"), WORDING)
    problem = problem or gate.cycle_problem(cycle, cycle.year, FEEDBACK_STATUSES, ("input", "period"), "answers",
                                            WORDING)
    if problem:
        problems.append(problem)
    service = _text(data.service, ("input", "service"), "service", SERVICE_MAX, problems)
    comment = _text(data.comment, ("input", "comment"), "comment", COMMENT_MAX, problems)
    respondent = profile.check({d.column: getattr(data, d.column) for d in profile.DIMENSIONS}, problems)
    served_by = await _served_by(agency, data.served_by)
    if problems:
        raise InputError(problems)

    now = dt.datetime.now(dt.timezone.utc)
    async with in_transaction() as conn:
        # the status again, held until the commit: a cycle closed since the checks above takes no answer
        await gate.recheck(conn, cycle, FEEDBACK_STATUSES, ("input", "period"), "answers", WORDING)
        await feedback_limit.taken(conn, digest)  # counted by admit: an answer now, not a refusal
        row = await SurveyResponse.create(
            agency_id=agency.id, unit_id=unit.id if unit else None, cycle_id=cycle.id, period=period,
            **dict(zip(_COLUMNS, answers)), service=service, served_by_id=served_by.id if served_by else None,
            comment=comment, **respondent.columns(), client_hash=digest, submitted_at=now, using_db=conn)
        await rollups.add_survey(conn, [(row.agency_id, row.unit_id, period, answers, 1)])
        await rollups.add_survey_profiles(conn, [(row.agency_id, period, respondent.by_dimension(), answers, 1)])
        # the profile under PROFILE_KEY: the audit trail shows it to ADMIN only (services/core/audit_trail.py)
        await audit.append(conn, PUBLIC_ACTOR, [audit.Change(
            "survey.submit", "survey_response", str(row.id), None,
            {"agency": agency.code, "unit": unit.code if unit else None, "period": period, "answers": answers,
             "service": service, "served_by": served_by.nip if served_by else None, "comment": comment,
             PROFILE_KEY: respondent.columns()})])
    return row


async def _served_by(agency: Agency | None, given: str | None) -> Person | None:
    """The agency's employee with that NIP, or None, whatever else was given (another agency's NIP, an unknown
    one, anything that is no NIP): no answer of the public form tells a NIP of the agency from any other text."""
    if agency is None or not given or not given.strip():
        return None
    nip = normalize_nip(given)
    if not re.fullmatch(r"[0-9]{18}", nip):
        return None
    return await Person.get_or_none(nip=nip, agency_id=agency.id)


# ---- service population -----------------------------------------------------------------------------------------

async def populations_of_agency(access: Access, agency_id: int) -> list[tuple[str | None, int]]:
    """Every service population set in the agency, (unit code or None for the agency as a whole, N), the agency's
    first, then by unit code: for whoever sets them (ADMIN, the agency's admin); anyone else is refused."""
    if not access.can_manage_agency(agency_id):
        raise deny("service populations are read by ADMIN or the agency's admin", {"action": "read_population"})
    rows = await ServicePopulation.filter(agency_id=agency_id).values_list("unit_id", "population")
    codes = dict(await Unit.filter(id__in=[u for u, _ in rows if u is not None]).values_list("id", "code"))
    found = [(codes.get(u) if u is not None else None, n) for u, n in rows if u is None or u in codes]
    return sorted(found, key=lambda r: (r[0] is not None, r[0] or ""))


async def set_service_population(access: Access, agency: str, unit: str | None, population: int
                                 ) -> ServicePopulation:
    """Set N for an agency (unit None) or a unit: ADMIN or the agency's admin; audited."""
    found = await _agency(agency)
    if found is None or not access.can_see_agency(found.id):
        raise InputError.one(["agency"], "NOT_FOUND", f"no agency with code {agency!r}",
                             params={"what": "agency", "key": agency})
    if not access.can_manage_agency(found.id):
        raise refusal(["agency"], "service populations are set by ADMIN or the agency's admin",
                      params={"action": "set_population"})
    problems: list[Problem] = []
    unit_row = None
    if unit and unit.strip():
        unit_row = await _unit(found.id, unit)
        if unit_row is None:
            problems.append(Problem(("unit",), "NOT_FOUND", f"no unit {unit!r} in agency {found.code}",
                                    params={"what": "unit", "key": unit, "agency": found.code}))
    if not POPULATION_MIN <= population <= POPULATION_MAX:
        problems.append(Problem(("population",), "OUT_OF_RANGE",
                                f"population must be {POPULATION_MIN}-{POPULATION_MAX:,}, got {population}",
                                params={"min": POPULATION_MIN, "max": POPULATION_MAX, "value": population}))
    if problems:
        raise InputError(problems)
    unit_id = unit_row.id if unit_row else None
    entity_id = f"{found.code}/{unit_row.code}" if unit_row else found.code
    now = dt.datetime.now(dt.timezone.utc)
    async with in_transaction() as conn:
        # unique (agency, unit) does not stop two rows with a NULL unit: look up first, under a per-agency lock
        if sql.is_postgres(conn):
            await conn.execute_query("SELECT pg_advisory_xact_lock($1, $2)", [_PG_POPULATION_LOCK, found.id])
        qs = ServicePopulation.filter(agency_id=found.id).using_db(conn)
        qs = qs.filter(unit_id=unit_id) if unit_id is not None else qs.filter(unit_id__isnull=True)
        row = await qs.first()
        before = {"population": row.population, "set_by": row.set_by} if row else None
        if row is None:
            row = await ServicePopulation.create(agency_id=found.id, unit_id=unit_id, population=population,
                                                 set_by=access.viewer.actor, set_at=now, using_db=conn)
        else:
            row.population, row.set_by, row.set_at = population, access.viewer.actor, now
            await row.save(using_db=conn, update_fields=["population", "set_by", "set_at"])
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "service_population.set", "service_population", entity_id, before,
            {"population": population, "set_by": access.viewer.actor})])
    return row
