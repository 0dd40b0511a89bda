"""The demo's development plans (rencana pengembangan kompetensi) in the year in EVALUATION: five DISDIK employees
rated BUTUH_PERBAIKAN or worse, their plans proposed by the rating's hooks (development_proposals.proposals, the
default plugin and the recommendations), one in each state: a DRAFT nobody has agreed to yet (it is required: the
person's next rating waits for it), one the employee has agreed to, an AGREED one with an action done and awaiting
confirmation, an AGREED one whose confirmed hours meet the year's minimum, and one whose confirmed hours fall short.
The agreed plans go to people the head of DISDIK or its first staff member (the demo sign-ins) assess, so that they
find an action to confirm on their "Tugas saya"; the two not yet agreed to others (an unagreed plan holds back the
person's next rating). Written as the services write them, with their audit events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from tortoise.transactions import in_transaction

from kinerja.demo.bulk import ACTOR
from kinerja.models import Agency, Cycle, DevelopmentAction, DevelopmentPlan, Person, Rating, Unit
from kinerja.services.core import audit
from kinerja.services.cycles import gate
from kinerja.services.evaluation import development, development_proposals
from kinerja.services.evaluation.ratings import person_info, rating_info

STATES = ("DRAFT", "EMPLOYEE_AGREED", "DONE_AWAITING", "HOURS_MET", "HOURS_SHORT")
CERTIFICATE = "https://bpsdm.kepriprov.go.id/sertifikat/{n:04d}"


async def _candidates(year: int) -> list[tuple[Person, Rating]]:
    """Low ratings of `year` in DISDIK, one per person (the latest), in STATES' order: the plans not yet agreed go to
    people the demo sign-ins do not assess (an unagreed plan holds back the person's next rating, and the sign-ins
    finalize their own people's), the agreed ones to people they assess first (their "Tugas saya": an action to
    confirm)."""
    from kinerja.demo.accounts import demo_employee

    head = await demo_employee()
    staff = await Person.filter(supervisor_id=head.id).order_by("id").first()
    assessors = {p.id for p in (head, staff) if p is not None}
    periods = gate.evaluation_periods_of(year, "QUARTERLY")
    ratings = await Rating.filter(agency__code="DISDIK", period__in=periods,
                                  predikat__in=development_proposals.LOW).select_related("person")
    order = {p: n for n, p in enumerate(periods)}
    latest: dict[int, Rating] = {}
    for r in sorted(ratings, key=lambda r: order[r.period]):
        latest[r.person_id] = r
    theirs = sorted((r for r in latest.values() if r.person.supervisor_id in assessors), key=lambda r: r.person_id)
    others = sorted((r for r in latest.values() if r.person.supervisor_id not in assessors),
                    key=lambda r: r.person_id)
    unagreed = [*others, *theirs][:2]  # others first; theirs only where there are no others
    agreed = [r for r in [*theirs, *others] if r not in unagreed][:len(STATES) - 2]
    return [(r.person, r) for r in [*unagreed, *agreed]]


async def load_development(catalog: Any, year: int, today: dt.date, say: Callable[[str], None]) -> int:
    cycle = await Cycle.get(year=year)
    chosen = await _candidates(year)
    codes = {a.id: a.code for a in await Agency.all()}
    units = {u.id: u.code for u in await Unit.filter(agency__code="DISDIK")}
    made = 0
    async with in_transaction() as conn:
        changes: list[audit.Change] = []
        for n, ((person, rating), state) in enumerate(zip(chosen, STATES)):
            info = person_info(person, codes[person.agency_id], units.get(person.unit_id))
            proposed = development_proposals.proposals(catalog, info, rating_info(rating), rating.finalized_at.date())
            plan = await DevelopmentPlan.create(person_id=person.id, cycle_id=cycle.id, agency_id=person.agency_id,
                                                status="DRAFT", version=1, required_period=rating.period,
                                                using_db=conn)
            actions = [await DevelopmentAction.create(
                plan_id=plan.id, position=i, kind=data.kind, title=data.title, competency=data.competency,
                planned_hours=data.planned_hours, due=data.due, responsible=data.responsible, source=source,
                source_period=rating.period, status="PLANNED", using_db=conn)
                for i, (data, source) in enumerate(proposed, start=1)]
            changes.append(audit.Change("development_plan.propose", "development_plan", f"{person.nip}/{year}", None,
                                        {**development.state(plan), "period": rating.period,
                                         "actions": [development.action_state(a) for a in actions]}))
            agreed_at = dt.datetime.combine(min(today, dt.date(year, 12, 31)), dt.time(9),
                                            tzinfo=dt.timezone.utc) - dt.timedelta(days=60)
            if state != "DRAFT":
                plan.employee_agreed_at = agreed_at
                plan.version += 1
            if state not in ("DRAFT", "EMPLOYEE_AGREED"):
                plan.official_agreed_at, plan.official_agreed_by = agreed_at, f"nip:{person.nip}"
                if person.supervisor_id:
                    supervisor = await Person.get(id=person.supervisor_id).using_db(conn)
                    plan.official_agreed_by = f"nip:{supervisor.nip}"
                plan.status = "AGREED"
                plan.version += 1
            await plan.save(using_db=conn)
            if plan.version > 1:
                changes.append(audit.Change("development_plan.agree", "development_plan", f"{person.nip}/{year}",
                                            None, development.state(plan)))
            done = {"DONE_AWAITING": [(0, 6, False)], "HOURS_MET": [(0, 8, True), (1, 16, True)],
                    "HOURS_SHORT": [(0, 8, True)]}.get(state, [])
            for index, hours, confirmed in done:
                if index >= len(actions):
                    continue
                action = actions[index]
                before = development.action_state(action)
                action.status = "CONFIRMED" if confirmed else "DONE"
                action.hours_done = hours
                action.completed_on = (agreed_at + dt.timedelta(days=20 + 10 * index)).date()
                action.evidence_number = f"SERT/{year}/{n + 1:02d}{index + 1}"
                action.evidence_url = CERTIFICATE.format(n=100 * (n + 1) + index)
                if confirmed:
                    action.confirmed_at = agreed_at + dt.timedelta(days=35 + 10 * index)
                    action.confirmed_by = plan.official_agreed_by
                await action.save(using_db=conn)
                plan.version += 1
                entity_id = f"{person.nip}/{action.id}"
                changes.append(audit.Change("development_action.complete", "development_action", entity_id,
                                            before, {**development.action_state(action), "nip": person.nip}))
                if confirmed:
                    plan.version += 1
                    changes.append(audit.Change("development_action.confirm", "development_action", entity_id,
                                                {**development.action_state(action), "status": "DONE"},
                                                {**development.action_state(action), "nip": person.nip}))
            await plan.save(using_db=conn)
            made += 1
        if changes:
            await audit.append(conn, ACTOR, changes)
    say(f"cycle {year}: {made} development plans ({', '.join(s.lower() for s in STATES[:made])})")
    return made


# -- the training that the impact report shows (issue 23 §3) ----------------------------------------------------------

# DPMPTSP's permit service (the surveyed BID-PPNP and its two sections): every officer trained in service excellence in
# the year in evaluation, the hours confirmed; its IKM rises the year after (kinerja.demo.survey.AFTER_TRAINING)
TRAINED_AGENCY = "DPMPTSP"
TRAINED_UNITS = ("BID-PPNP", "SEKSI-PERIZINAN-USAHA", "SEKSI-PERIZINAN-NON-USAHA")
TRAINING_HOURS = 24
TRAINING = "Pelatihan pelayanan prima bagi petugas perizinan"


async def load_training(year: int, say: Callable[[str], None]) -> int:
    """A plan of `year` for each officer of TRAINED_UNITS, written by the supervisor and agreed, with one TRAINING
    action done in August and confirmed a week later (no low rating requires these plans); audited as the services
    write them."""
    people = await Person.filter(agency__code=TRAINED_AGENCY, unit__code__in=TRAINED_UNITS,
                                 supervisor_id__isnull=False).order_by("id")
    if not people:
        return 0
    cycle = await Cycle.get(year=year)
    supervisors = {p.id: p.nip for p in await Person.filter(id__in=[p.supervisor_id for p in people])}
    agreed = dt.datetime(year, 3, 4, 9, tzinfo=dt.timezone.utc)
    done_on, confirmed = dt.date(year, 8, 16), dt.datetime(year, 8, 23, 9, tzinfo=dt.timezone.utc)
    changes: list[audit.Change] = []
    async with in_transaction() as conn:
        for n, person in enumerate(people):
            official = f"nip:{supervisors[person.supervisor_id]}"
            plan = await DevelopmentPlan.create(person_id=person.id, cycle_id=cycle.id, agency_id=person.agency_id,
                                                status="DRAFT", version=1, using_db=conn)
            action = await DevelopmentAction.create(
                plan_id=plan.id, position=1, kind="TRAINING", title=TRAINING, competency="Pelayanan publik",
                planned_hours=TRAINING_HOURS, due=dt.date(year, 9, 30), responsible="BKPSDM", source="WRITTEN",
                status="PLANNED", using_db=conn)
            entity = f"{person.nip}/{year}"
            changes.append(audit.Change("development_plan.save", "development_plan", entity, None,
                                        {**development.state(plan), "actions": [development.action_state(action)],
                                         "removed": []}))
            before = development.state(plan)
            plan.status, plan.version = "AGREED", 3
            plan.employee_agreed_at, plan.official_agreed_at, plan.official_agreed_by = agreed, agreed, official
            changes.append(audit.Change("development_plan.agree", "development_plan", entity, before,
                                        development.state(plan)))
            planned = development.action_state(action)
            action.status, action.hours_done, action.completed_on = "DONE", TRAINING_HOURS, done_on
            action.evidence_number = f"SERT/{year}/PP-{n + 1:02d}"
            action.evidence_url = CERTIFICATE.format(n=900 + n)
            changes.append(audit.Change("development_action.complete", "development_action",
                                        f"{person.nip}/{action.id}", planned,
                                        {**development.action_state(action), "nip": person.nip}))
            action.status, action.confirmed_at, action.confirmed_by = "CONFIRMED", confirmed, official
            await action.save(using_db=conn)
            plan.version = 5
            await plan.save(using_db=conn)
            changes.append(audit.Change("development_action.confirm", "development_action",
                                        f"{person.nip}/{action.id}",
                                        {**development.action_state(action), "status": "DONE"},
                                        {**development.action_state(action), "nip": person.nip}))
        await audit.append(conn, ACTOR, changes)
    say(f"cycle {year}: {len(people)} {TRAINED_AGENCY} officers trained ({TRAINING_HOURS} JP each, confirmed)")
    return len(people)
