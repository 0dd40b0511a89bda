"""Indicators: sync the loaded agency specs into the database, and read them within scope.

Each process keeps the specs it loaded (compiled formulas, calculators). A sync that changes the database
raises the shared `specs_generation` counter in the same transaction, so another process (a worker of
`kinerja serve --workers N`) can tell that its specs are older than the database's and read them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from tortoise.transactions import in_transaction

from kinerja.models import Agency, Indicator, IndicatorVersion
from kinerja.services.core import audit
from kinerja.services.core import sql
from kinerja.services.core.access import Access
from kinerja.specs.loader import AgencySpec, IndicatorSpec, SpecError

CONSOLE = "console"  # Indicator.origin of an approved draft (services/indicators/drafts.py)


def definition(spec: IndicatorSpec) -> dict:
    """The spec of one indicator as plain data (what a version stands for)."""
    return {
        "name_en": spec.name_en,
        "periods": list(spec.periods),
        "inputs": [
            {"name": i.name, "type": i.type, "label": i.label, "min": i.min, "max": i.max, "required": i.required}
            for i in spec.inputs
        ],
        "checks": [c.source for c in spec.checks],
        "formula": spec.formula.source if spec.formula else None,
        "calculator": spec.calculator,
        "target": spec.target,  # a range's midpoint; the range in target_lower / target_upper
        "target_lower": spec.target_lower,
        "target_upper": spec.target_upper,
        "rating": {"above": spec.rating_above, "meets": spec.rating_meets},
        "achievement": {"cap": spec.scoring.cap, "over": spec.scoring.over, "best": spec.scoring.best},
        "file": spec.file,
    }


SPECS_GENERATION = "specs_generation"


async def specs_generation() -> int:
    """The shared counter of spec syncs that changed the database (0 before the first)."""
    rows = await sql.fetch(None, f"SELECT value FROM shared_state WHERE key = {sql.placeholders(sql.connection(), 1)}",
                           [SPECS_GENERATION])
    return int(rows[0]["value"]) if rows else 0


async def bump_generation(conn) -> None:
    """Raise the shared counter in `conn`'s transaction: every process reads its specs again on its next use."""
    mark = sql.placeholders(conn, 1)
    await conn.execute_query(f"INSERT INTO shared_state (key, value) VALUES ({mark}, 1) ON CONFLICT (key) "
                             "DO UPDATE SET value = shared_state.value + 1", [SPECS_GENERATION])


async def unsynced(specs: Sequence[AgencySpec]) -> list[SpecError]:
    """The valid specs a sync would leave out (no such agency), read without writing anything."""
    codes = {a.code for a in await Agency.filter(code__in=[s.code for s in specs]).only("id", "code")}
    return [_missing_agency(s) for s in specs if s.code not in codes]


def _missing_agency(spec: AgencySpec) -> SpecError:
    return SpecError(spec.file, None, "agency.code",
                     f"agency {spec.code} does not exist yet: create it, then reloadSpecs")


@dataclass(frozen=True)
class SyncResult:
    indicators: int
    created: int
    changed: int
    retired: int


async def sync_specs(specs: Sequence[AgencySpec], actor: str = "system") -> tuple[SyncResult, list[SpecError]]:
    """Make the database's file indicators match the valid specs; agencies without a valid spec are untouched, and
    so are the indicators approved in the console (a file naming one of their codes is reported, not synced).

    A spec for an agency that does not exist yet is reported, not synced: agencies are created by
    an ADMIN (then reloadSpecs), never implicitly by a file.
    """
    total = created = changed = retired = 0
    missing: list[SpecError] = []
    async with in_transaction() as conn:
        changes: list[audit.Change] = []
        for agency_spec in specs:
            agency = await Agency.get_or_none(code=agency_spec.code).using_db(conn)
            if agency is None:
                missing.append(_missing_agency(agency_spec))
                continue
            existing = {i.code: i for i in await Indicator.filter(agency_id=agency.id).using_db(conn)}
            console = {code for code, i in existing.items() if i.origin == CONSOLE}
            existing = {code: i for code, i in existing.items() if code not in console}  # a file's, only
            for spec in agency_spec.indicators:
                if spec.code in console:
                    missing.append(SpecError(spec.file, spec.line, None, f"{spec.full_code} is an indicator of the "
                                             "console (an approved draft); a file cannot define it too: give it "
                                             "another code in the file"))
                    continue
                total += 1
                fields = dict(name=spec.name, unit=spec.unit, direction=spec.direction, level=spec.level,
                              version=spec.version, definition=definition(spec), active=True)
                row = existing.pop(spec.code, None)
                if row is None:
                    row = await Indicator.create(agency_id=agency.id, code=spec.code, full_code=spec.full_code,
                                                 using_db=conn, **fields)
                    created += 1
                    changes.append(audit.Change("indicator.create", "indicator", spec.full_code, None,
                                                {"version": spec.version}))
                elif row.version != spec.version or not row.active:
                    before = {"version": row.version, "active": row.active}
                    for key, value in fields.items():
                        setattr(row, key, value)
                    await row.save(using_db=conn)
                    changed += 1
                    changes.append(audit.Change("indicator.update", "indicator", spec.full_code, before,
                                                {"version": spec.version, "active": True}))
                else:
                    continue
                if not await IndicatorVersion.filter(indicator_id=row.id, version=spec.version).using_db(conn).exists():
                    await IndicatorVersion.create(indicator_id=row.id, version=spec.version,
                                                  definition=fields["definition"], using_db=conn)
            for gone in existing.values():
                if gone.active:
                    gone.active = False
                    await gone.save(using_db=conn, update_fields=["active", "updated_at"])
                    retired += 1
                    changes.append(audit.Change("indicator.retire", "indicator", gone.full_code,
                                                {"active": True}, {"active": False}))
        await audit.append(conn, actor, changes)
        if changes:
            await bump_generation(conn)
    return SyncResult(total, created, changed, retired), missing


async def list_indicators(access: Access, agency_code: str | None = None) -> list[Indicator]:
    """Active indicators of the agencies the viewer can see (an unknown agency gives none)."""
    qs = Indicator.filter(active=True)
    if not access.is_admin:
        qs = qs.filter(agency_id=access.viewer.agency_id)
    if agency_code:
        qs = qs.filter(agency__code=agency_code.strip().upper())
    return await qs.order_by("full_code")


async def indicators_by_ids(ids: Sequence[int]) -> dict[int, Indicator]:
    return {i.id: i for i in await Indicator.filter(id__in=sorted(set(ids)))}
