"""The assessing official of a period (docs/DOMAIN.md, "Posts, assignments and acting officials"): the person's
supervisor, or the acting official in the supervisor's head post, on the period's last day (today while the period
runs). They write the supervisor assessment and finalize the rating of that period, even after the person (or they)
moved on; nobody else but ADMIN, who stands in where there is none."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kinerja.models import Person
from kinerja.services.core import clock
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.core.nip import normalize_nip
from kinerja.services.cycles import gate
from kinerja.services.org import placements
from kinerja.services.org.placements import Official


def day_of(period: str) -> dt.date:
    """The day whose officials assess the period: its last day, or today while it runs."""
    return min(gate.last_day(period), clock.today())


async def of_period(person: Any, period: str) -> Official | None:
    """The person's assessing official for the period (a well-formed period), or None: ADMIN stands in."""
    return await placements.assessing_official(person, day_of(period))


def is_viewer(access: Access, official: Official | None) -> bool:
    """The viewer is that official, signed in as an employee."""
    return (official is not None and access.is_employee and access.viewer.person_id is not None
            and official.person_id == access.viewer.person_id)


async def person_for(access: Access, nip: str, period: str, *, with_official: bool = True
                     ) -> tuple[Person | None, Official | None]:
    """The person by NIP when the viewer may see them, or is their assessing official for the period (a former
    supervisor still assesses the period they were in post for); with that official when the period is
    well-formed (else today's, so that the period is the one thing reported wrong)."""
    person = await Person.get_or_none(nip=normalize_nip(nip or ""))
    if person is None:
        return None, None
    official = None
    if with_official:  # a self-assessment needs none: the person writes it
        day = day_of(period) if gate.period_kind(period or "") else clock.today()  # a bad period is reported apart
        official = await placements.assessing_official(person, day)
    if await access.can_see_person(person.id, person.agency_id) or is_viewer(access, official):
        return person, official
    return None, None


async def of_period_by_id(person_id: int, period: str) -> Official | None:
    """of_period for a person the caller already sees; BadArgument for a malformed period."""
    if not gate.period_kind(period or ""):
        raise BadArgument("period", f"period must be YYYY, YYYY-Qn or YYYY-MM, got {period!r}")
    return await of_period(await Person.get(id=person_id), period)


async def assessed_by(official_id: int | None, periods: list[str]) -> dict[str, list[Person]]:
    """Period -> the people whose assessing official for it (of_period) is this person, or, with official_id None,
    who have none (ADMIN stands in). Well-formed periods only; a fixed number of statements whatever the number of
    people and periods (placements.assessed_candidates, then placements.assessing_officials)."""
    days = {period: day_of(period) for period in periods}
    if not days:
        return {}
    candidates = await placements.assessed_candidates(official_id, set(days.values()))
    found = await placements.assessing_officials([(c, day) for c in candidates for day in set(days.values())])

    def assessed(person: Person, day: dt.date) -> bool:
        official = found[(person.id, day)]
        return official is None if official_id is None else (official is not None
                                                             and official.person_id == official_id)

    return {period: [c for c in candidates if assessed(c, day)] for period, day in days.items()}
