"""The indicators approved in the console, read from the database into a process's catalog.

Each active console indicator's current version keeps the approved draft's YAML text; it is loaded here by the
same loader as a spec file (services/indicators/check.py `load_indicator`), so a console indicator computes exactly
as the same entry in a file would, and has the same content hash (its `version`)."""

from __future__ import annotations

from typing import Callable, Mapping

from kinerja.services.core import sql
from kinerja.services.indicators.check import load_indicator
from kinerja.services.indicators.sync import CONSOLE
from kinerja.specs.loader import IndicatorSpec
from kinerja.specs.yaml_reader import SpecError



def console_file(full_code: str) -> str:
    """How a console indicator is named where a spec file would be (spec errors, IndicatorSpec.file)."""
    return f"konsol:{full_code}"


async def load(calculators: Mapping[str, Callable]
               ) -> tuple[dict[str, IndicatorSpec], frozenset[str], list[SpecError]]:
    """(the active console indicators' specs by full code, every console indicator's code, the ones that no longer
    load: e.g. their calculator's plugin is gone). One statement."""
    conn = sql.connection()
    rows = await sql.fetch(
        conn, "SELECT i.full_code, i.version, i.active, a.code AS agency, a.name AS agency_name, v.yaml "
              "FROM indicator i JOIN agency a ON a.id = i.agency_id LEFT JOIN indicator_version v "
              "ON v.indicator_id = i.id AND v.version = i.version "
              f"WHERE i.origin = {sql.placeholders(conn, 1)}", [CONSOLE])
    specs: dict[str, IndicatorSpec] = {}
    errors: list[SpecError] = []
    for row in rows:
        if not row["active"]:
            continue
        name = console_file(row["full_code"])
        if row["yaml"] is None:
            errors.append(SpecError(name, None, None, f"version {row['version']} has no text"))
            continue
        spec, problems = load_indicator(row["agency"], row["agency_name"], row["yaml"], calculators,
                                        lambda code: None, file=name)
        loaded = spec is not None and not [p for p in problems if p.code != "CHECK_NEVER_HOLDS"]
        if not loaded:
            errors += [SpecError(name, p.line, ".".join(p.path) or None, p.message) for p in problems]
            continue
        if spec.version != row["version"]:  # the loader or a calculator's contract changed how it reads
            errors.append(SpecError(name, None, None, f"loads as version {spec.version}, not the approved "
                                                      f"{row['version']}"))
            continue
        specs[row["full_code"]] = spec
    return specs, frozenset(r["full_code"] for r in rows), errors
