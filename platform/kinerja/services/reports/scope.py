"""Who may read the reports, which agencies a request covers, and the checks of their common arguments.

ADMIN reads every agency; an AGENCY_ADMIN its own only: naming another agency reads as no rows, exactly as an
unknown code does (so the answer does not tell which codes exist). EMPLOYEE is refused (FORBIDDEN); a request
without a valid token never gets this far (UNAUTHENTICATED).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from kinerja.models import Agency
from kinerja.services.core.access import Access, deny
from kinerja.services.org.agencies import CODE_RE
from kinerja.services.core.errors import BadArgument
from kinerja.services.cycles.gate import period_kind
from kinerja.services.core import sql

AGENCY, UNIT = "AGENCY", "UNIT"
GROUPS = (AGENCY, UNIT)


def require_reader(access: Access) -> None:
    if not access.may_read_reports:
        raise deny("reports are for ADMIN and agency admins", params={"action": "read_reports"})


def check_period(value: str | None, argument: str = "period") -> str:
    """A period as the cycles name them: YYYY, YYYY-Qn or YYYY-MM; BadArgument (INVALID_PERIOD) otherwise."""
    period = (value or "").strip()
    if period_kind(period) is None:
        raise BadArgument(argument, f"{argument} must be YYYY, YYYY-Qn or YYYY-MM, got {value!r}", "INVALID_PERIOD",
                          params={"given": value})
    return period


def check_group(value: str | None, groups: Sequence[str] = GROUPS) -> str:
    """One of `groups` (AGENCY when none is given); BadArgument naming them otherwise."""
    group = (value or AGENCY).strip().upper()
    if group not in groups:
        names = " or ".join(groups) if len(groups) <= 2 else f"{', '.join(groups[:-1])} or {groups[-1]}"
        raise BadArgument("groupBy", f"groupBy must be {names}, got {value!r}")
    return group


@dataclass(frozen=True)
class Scope:
    """The agencies a report covers: one (agency_id), all (agency_id None), or none (empty)."""

    agency_id: int | None = None
    empty: bool = False


NOTHING = Scope(empty=True)


async def scope_of(access: Access, agency: str | None) -> Scope:
    """The viewer's agencies, narrowed to `agency` when one is named (blank: not named)."""
    require_reader(access)
    code = (agency or "").strip().upper()
    if code:
        found = await Agency.filter(code=code).only("id").first() if CODE_RE.match(code) else None
        if found is None or not access.can_see_agency(found.id):
            return NOTHING
        return Scope(found.id)
    if access.is_admin:
        return Scope()
    return Scope(access.viewer.agency_id)


Params = sql.Params  # services/core/sql.py: the reports name it here
