"""Posts, a transfer and an acting head in the demo (docs/DOMAIN.md, "Posts, assignments and acting officials"):

- everyone's records begin before the closed year (`assigned_since` None), and every unit whose head the supervisor
  tree names gets its head post (services/org/head_posts.py, as migration 0016 does for existing data);
- a teacher moves between two primary schools on the first day of the second half of the active year (or of its
  second quarter, or 2 January, whichever has come): the quarters before are assessed by the first principal, the
  ones after by the second;
- DISPORA's head leaves for a post in the Sekretariat Daerah two months before the platform's date (not before
  2 January), and DISPORA's secretary is appointed Plt of the vacant head post until the year's end: the head's
  direct staff report to the vacant post, and the Plt assesses them;
- teachers in functional posts with a credit-point coefficient (docs/DOMAIN.md, "Credit points"): the first teachers
  of the first primary school (not the one who moves) are Guru Ahli Pertama (12.5) since before the records, one of
  them Guru Ahli Muda (25) from the move's day of the active year, so the closed year shows their credit points.
Through the services (transfers, appointActing), audited like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from tortoise import connections

from kinerja.models import Person, Post, Unit
from kinerja.services.core import clock
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.org import transfers
from kinerja.services.org.head_posts import create_head_posts

ACTOR = "demo"
PLT_AGENCY = "DISPORA"
PLT_DECREE = "Keputusan Wali Kota Tanjungpinang Nomor 800.1.3/{n}/{year}"
MOVE_DECREE = "Keputusan Kepala Dinas Pendidikan Nomor 800.1.6/{n}/{year} tentang Mutasi Guru"


def move_day(year: int, today: dt.date) -> dt.date:
    """The teacher's move: 1 July, else 1 April, else 2 January of `year`, the latest that is not after today."""
    for day in (dt.date(year, 7, 1), dt.date(year, 4, 1)):
        if day <= today:
            return day
    return min(dt.date(year, 1, 2), today)


def vacancy_day(year: int, today: dt.date) -> dt.date:
    """The head leaves on the first of the month two months before today, not before 2 January nor after today."""
    first = dt.date(year, today.month - 2, 1) if today.month > 2 else dt.date(year, 1, 2)
    return min(max(first, dt.date(year, 1, 2)), today)


async def load_posts() -> int:
    """Everyone in place since before the records, and the head posts the supervisor tree names."""
    await Person.all().update(assigned_since=None)
    return await create_head_posts(connections.get("default"), ACTOR)


async def _teacher_and_school() -> tuple[Person, Unit] | None:
    """The last teacher (by id) of the first primary school with at least three, and the next primary school."""
    schools = await Unit.filter(agency__code="DISDIK", code__startswith="SDN-").order_by("code")
    for n, school in enumerate(schools[:-1]):
        teachers = await Person.filter(unit_id=school.id, post_id__isnull=True).order_by("id")
        if len(teachers) >= 3:
            return teachers[-1], schools[n + 1]
    return None


FUNCTIONAL_POSTS = (("Guru Ahli Pertama", 12.5), ("Guru Ahli Muda", 25))
FUNCTIONAL_TEACHERS = 3
PROMOTION_DECREE = ("Keputusan Wali Kota Tanjungpinang Nomor 800.1.3/{n}/{year} tentang Kenaikan Jenjang Jabatan "
                    "Fungsional")


async def load_functional_posts(year: int, today: dt.date, say: Callable[[str], None]) -> list[str]:
    """DISDIK's Guru Ahli Pertama and Guru Ahli Muda posts with their coefficients; the first teachers (by id) of the
    first primary school still without a post held the first since before the records (set on the person row, as
    head posts are); the first of them is promoted to the second from the move's day. Returns their NIPs."""
    access = Access(SYSTEM)
    with clock.pinned(today):
        posts = [await transfers.create_post(access, transfers.PostData(agency="DISDIK", name=name, kind="FUNGSIONAL",
                                                                        coefficient=coefficient))
                 for name, coefficient in FUNCTIONAL_POSTS]
        school = await Unit.filter(agency__code="DISDIK", code__startswith="SDN-").order_by("code").first()
        if school is None:
            return []
        teachers = await Person.filter(unit_id=school.id, post_id__isnull=True, supervisor_id__isnull=False,
                                       position__startswith="Guru").order_by("id").limit(FUNCTIONAL_TEACHERS)
        await Person.filter(id__in=[t.id for t in teachers]).update(post_id=posts[0].id)
        if teachers:
            day = move_day(year, today)
            await transfers.transfer(access, transfers.TransferData(
                nip=teachers[0].nip, effective=day, unit=school.code, post=posts[1].id,
                position=teachers[0].position, reason=PROMOTION_DECREE.format(n=422, year=year)))
            say(f"functional posts: {len(teachers)} teachers of {school.code}, {teachers[0].nip} promoted from "
                f"{day.isoformat()}")
        return [t.nip for t in teachers]


async def load_moves(year: int, today: dt.date, say: Callable[[str], None]) -> None:
    access = Access(SYSTEM)
    with clock.pinned(today):
        found = await _teacher_and_school()
        if found is not None:
            teacher, school = found
            day = move_day(year, today)
            await transfers.transfer(access, transfers.TransferData(
                nip=teacher.nip, effective=day, unit=school.code, reason=MOVE_DECREE.format(n=421, year=year)))
            say(f"moved: teacher {teacher.nip} to {school.code} from {day.isoformat()}")
        head_post = await Post.filter(agency__code=PLT_AGENCY, head_of__parent_id=None,
                                      head_of__code="PIMPINAN").first()
        if head_post is None:
            return
        head = await Person.get(post_id=head_post.id)
        secretary = await Person.filter(agency_id=head.agency_id, supervisor_id=head.id,
                                        unit__code="SEKRETARIAT").order_by("id").first()
        if secretary is None:
            return
        day = vacancy_day(year, today)
        await transfers.transfer(access, transfers.TransferData(
            nip=head.nip, effective=day, agency="SETDA", unit=None, position="Staf Ahli Wali Kota",
            reason=PLT_DECREE.format(n=17, year=year)))
        await transfers.appoint_acting(access, transfers.ActingData(
            post=head_post.id, nip=secretary.nip, kind="PLT", starts_on=day, ends_on=dt.date(year, 12, 31),
            decree=PLT_DECREE.format(n=18, year=year)))
        say(f"acting: {secretary.nip} Plt of the head of {PLT_AGENCY} from {day.isoformat()}")
