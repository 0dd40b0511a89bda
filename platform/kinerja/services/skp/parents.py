"""What an SKP's intervensi may name: whether the person has a direct supervisor (then an RHK names one of the
supervisor's RHK by key) or not (an agency head: the agency's goal in free text), and the supervisor's RHK keys and
work results of the cycle (of the approved revision in force, else of the latest: as save_skp checks parentKey).

The person is found within the viewer's scope (NOT_FOUND otherwise, as for an unknown NIP); the supervisor's RHK
are then shown to whoever may draft against them (Access.may_see_parent_rhk), although the supervisor's own SKP
stays out of an employee's scope."""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.models import Skp, SkpItem
from kinerja.services.core.access import Access
from kinerja.services.core.errors import BadArgument
from kinerja.services.skp.document import MAX_ITEMS, find_person


@dataclass
class ParentOptions:
    has_supervisor: bool
    items: list[tuple[str, str]] = field(default_factory=list)  # (key, work result), by key number


def _key_number(key: str) -> int:
    digits = key[1:]
    return int(digits) if digits.isdigit() else 0


async def parent_options(access: Access, nip: str, year: int) -> ParentOptions:
    person = await find_person(access, nip)
    if person is None or not access.may_see_parent_rhk(person):
        raise BadArgument("nip", f"no person with NIP {nip!r}", "NOT_FOUND", params={"nip": nip})
    if person.supervisor_id is None:
        return ParentOptions(has_supervisor=False)
    return ParentOptions(has_supervisor=True, items=await supervisor_items(person.supervisor_id, year))


async def supervisor_items(supervisor_id: int, year: int) -> list[tuple[str, str]]:
    """The (key, work result) of a supervisor's RHK of the cycle, by key number: of their approved revision in
    force, else of their latest; empty without an SKP. What an RHK's parentKey names (the SKP document prints it as
    the intervened RHK: services/documents/skp.py)."""
    skp = await Skp.get_or_none(person_id=supervisor_id, cycle__year=year) if -9999 <= year <= 9999 else None
    if skp is None:
        return []
    number = skp.approved_revision or skp.revision
    rows = await SkpItem.filter(revision__skp_id=skp.id, revision__number=number).values_list("key", "work_result")
    return sorted(((k, w) for k, w in rows), key=lambda r: _key_number(r[0]))[:MAX_ITEMS]
