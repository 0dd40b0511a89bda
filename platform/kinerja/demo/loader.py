"""Loads the deterministic Tanjungpinang demo data (kinerja.demo.data) through the services: agencies, units,
people, three cycles dated from the platform's date (clock.today()): two years before it (CLOSED, evaluated in full),
the year before it (EVALUATION, evaluated in part: kinerja.demo.evaluation.PARTIAL) and its year (ACTIVE, measured up
to the last quarter that has ended, a few officers' last quarter still due), the head posts, a teacher's move and an
acting head (kinerja.demo.moves), SKP targets with their measurements for the DISDIK schools and the DPMPTSP staff
(kinerja.demo.targets, .measurements); the evaluations (kinerja.demo.evaluation) with three objections to the closed
year and two open ones to the year in evaluation (kinerja.demo.objections), development plans in every state in the
year in evaluation and the training of DPMPTSP's permit officers whose IKM rises the year after
(kinerja.demo.development), the active year's SKPs, work log and
feedback (kinerja.demo.skp), the survey answers (kinerja.demo.survey) and the indicator drafts. The people are the
same whatever the date; each demo sign-in (kinerja.demo.accounts) finds something on its "Tugas saya".

The CLI's entry point: it also hands on the demo's catalog and sign-ins (kinerja.demo.catalog, .accounts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from kinerja.demo import evaluation as demo_evaluation
from kinerja.demo.accounts import DemoAccount, DemoTokens, agency_head, demo_accounts, demo_employee, demo_tokens
from kinerja.demo.catalog import demo_catalog
from kinerja.demo.development import load_development, load_training
from kinerja.demo.data import DemoData, build_demo
from kinerja.demo.measurements import plan_measurements, record
from kinerja.demo.moves import load_functional_posts, load_moves, load_posts
from kinerja.demo.indicator_drafts import load_indicator_drafts
from kinerja.demo.objections import load_objections, load_open_objections
from kinerja.demo.skp import load_skps
from kinerja.demo.survey import load_survey
from kinerja.demo.targets import BATCH, DEMO_INDICATORS, plan_targets, set_planned_targets
from kinerja.demo.unit_predikat import rate_schools_of_active_year
from kinerja.models import Agency, Person
from kinerja.services.core import clock
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.cycles import workflow as cycles
from kinerja.services.indicators.catalog import Catalog
from kinerja.services.org import agencies, people
from kinerja.settings import Settings

__all__ = ["DEMO_INDICATORS", "DemoAccount", "DemoTokens", "agency_head", "demo_accounts", "demo_catalog",
           "demo_employee", "demo_tokens", "load_demo", "plan_measurements", "plan_targets"]

QUARTERS = ("Q1", "Q2", "Q3", "Q4")


def demo_years(today: dt.date) -> tuple[tuple[int, Sequence[str], bool, Sequence[str]], ...]:
    """(year, quarters measured, annual period measured, statuses after ACTIVE), oldest first: two years before
    `today` CLOSED, the year before in EVALUATION (both fully measured), `today`'s year ACTIVE with the quarters
    that have ended."""
    ended = QUARTERS[:(today.month - 1) // 3]
    return ((today.year - 2, QUARTERS, True, ("EVALUATION", "CLOSED")),
            (today.year - 1, QUARTERS, True, ("EVALUATION",)),
            (today.year, ended, False, ()))


async def load_demo(progress: Callable[[str], None] | None = None, catalog: Catalog | None = None,
                    settings: Settings | None = None, today: dt.date | None = None) -> bool:
    """Load the demo data into an empty database; returns False (and does nothing) if it has agencies.
    Its cycles and dates count from `today` (else the platform's clock).

    `catalog` (else one loaded by demo_catalog(settings)) supplies the indicators of the targets;
    without the DISDIK/DPMPTSP specs the people and cycles are loaded, the targets skipped."""
    if await Agency.exists():
        return False
    say = progress or (lambda _msg: None)
    access = Access(SYSTEM)
    data = build_demo()
    if catalog is None:
        catalog, _ = demo_catalog(settings)
    today = today or clock.today()
    years = demo_years(today)
    await _load_city(access, data, say)
    say(f"head posts: {await load_posts()}")
    available = await _sync_indicators(catalog, say)
    waiting = await _sign_ins_waiting()
    for year, quarters, annual, then in years:
        await _load_cycle(access, catalog, data, available, year, quarters, annual, then, today, waiting, say)
    (closed, *_), (evaluating, *_), (active, measured, *_) = years
    ended = cycles.evaluation_periods_of(active, "QUARTERLY")[:len(measured)]  # the quarters that have ended
    await load_moves(active, today, say)
    await load_functional_posts(active, today, say)
    await rate_schools_of_active_year(catalog, active, ended, say)
    await load_skps(data, active, today, say)
    await load_objections(catalog, closed, say)
    await load_open_objections(evaluating, say)
    await load_development(catalog, evaluating, today, say)
    await load_training(evaluating, say)
    await load_survey({closed: QUARTERS, evaluating: QUARTERS, active: measured}, say)
    await load_indicator_drafts(catalog, say)
    say(f"cycles: {closed} CLOSED, {evaluating} EVALUATION, {active} ACTIVE (the platform's date: {today.isoformat()})")
    return True


async def _load_city(access: Access, data: DemoData, say: Callable[[str], None]) -> None:
    for a in data.agencies:
        await agencies.create_agency(access, a.code, a.name)
    for u in data.units:
        await agencies.create_unit(access, u.agency, u.code, u.name, u.parent)
    say(f"{len(data.agencies)} agencies, {len(data.units)} units")
    items = data.people
    for start in range(0, len(items), BATCH):
        await people.upsert_people(access, items[start:start + BATCH])
        say(f"people: {min(start + BATCH, len(items))}/{len(items)}")


async def _sign_ins_waiting() -> list[int]:
    """The people of the EMPLOYEE sign-ins (the head of DISDIK and their first staff member): in the year in
    evaluation they have not yet self-assessed its last period, nor been assessed in it."""
    head = await demo_employee()
    staff = await Person.filter(supervisor_id=head.id).order_by("id").first()
    return [head.id, *([staff.id] if staff else [])]


async def _sync_indicators(catalog: Catalog, say: Callable[[str], None]) -> set[str]:
    """Syncs the catalog; returns the demo's indicators it has."""
    result = await catalog.sync()
    available = {code for code in DEMO_INDICATORS if catalog.indicator(code) is not None}
    if not available:
        say("indicator specs of DISDIK and DPMPTSP not found (no ./indicator_specs): demo targets skipped")
    else:
        say(f"indicators: {result.indicators} synced")
        missing = sorted(set(DEMO_INDICATORS) - available)
        if missing:
            say(f"indicators not loaded, their demo targets skipped: {', '.join(missing)}")
    return available


async def _load_cycle(access: Access, catalog: Catalog, data: DemoData, available: set[str], year: int,
                      quarters: Sequence[str], annual: bool, then: Sequence[str], today: dt.date,
                      waiting: Sequence[int], say: Callable[[str], None]) -> None:
    """One cycle: created, its targets set, ACTIVE, measured; then its later statuses: evaluated in full before it
    closes, in part where it stays in EVALUATION (`waiting`: nothing of its last period yet)."""
    await cycles.create_cycle(access, year, "QUARTERLY")
    ids = await set_planned_targets(access, plan_targets(data, year, available)) if available else {}
    await cycles.set_cycle_status(access, year, "ACTIVE")
    measured = plan_measurements(data, year, quarters, annual, ids, due=not then)
    await record(access, catalog, measured)
    # the last quarter is evaluated as the year (gate.evaluation_periods_of)
    periods = cycles.evaluation_periods_of(year, "QUARTERLY")
    for status in then:
        await cycles.set_cycle_status(access, year, status)
        if status != "EVALUATION":
            continue
        if "CLOSED" in then:  # evaluated in full before it closes
            await demo_evaluation.load_evaluation(catalog, data, year, periods, say)
        else:  # under way: dated a week before the platform's date at the latest
            at = min(dt.datetime(year + 1, 1, 20, 9, 0, tzinfo=dt.UTC),
                     dt.datetime.combine(today - dt.timedelta(days=7), dt.time(9), tzinfo=dt.UTC))
            await demo_evaluation.load_evaluation(catalog, data, year, periods, say, partial=True,
                                                  waiting=waiting, at=at)
    if available:
        periods = [*(f"{year}-{q}" for q in quarters), *([str(year)] if annual else [])]
        say(f"cycle {year}: {len(ids)} targets, {len(measured)} measurements ({', '.join(periods)})")
