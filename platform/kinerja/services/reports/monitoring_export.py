"""The people behind a monitoring count, or lacking one (services/skp/monitoring.py monitoring_people), as a table:
every page, read PAGE people at a time by the same keyset, written by the reports' CSV writer
(services/reports/export.py csv_line: RFC 4180, UTF-8, formula-like text neutralised) or, the same rows, by the
XLSX writer (services/reports/xlsx.py).

Not a registry report (services/reports/registry.py): those are for ADMIN and agency admins only, while the
monitoring is also a supervisor's (their direct subordinates), and its arguments (cycle, unit, the list) are not the
reports'. The scope and every check are monitoring_people's, so the export answers exactly what the query pages
through. The header and the file name are Indonesian: the file is read by the people who act on the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, AsyncIterator, Callable, Mapping, Sequence

from kinerja.services.core.access import Access
from kinerja.services.reports import labels
from kinerja.services.reports.export import csv_line
from kinerja.services.skp import monitoring

PAGE = 1000  # people a statement reads

COLUMNS: Mapping[str, Callable[[monitoring.MonitoredPerson], Any]] = {
    "NIP": lambda p: p.nip,
    "Nama": lambda p: p.name,
    "Jabatan": lambda p: p.position,
    "Kode Perangkat Daerah": lambda p: p.agency,
    "Perangkat Daerah": lambda p: p.agency_name,
    "Kode Unit": lambda p: p.unit,
    "Unit Kerja": lambda p: p.unit_name,
}

# the file name's word for each list (has: a fact or everyone; missing: a gap)
HAS_WORDS = {
    monitoring.EVERYONE: "pegawai", "APPROVED_SKP": "skp-disetujui", "LOGGED_LAST_7_DAYS": "mencatat-7-hari",
    "LOGGED_LAST_30_DAYS": "mencatat-30-hari", "HAD_FEEDBACK": "mendapat-umpan-balik",
    "SELF_ASSESSED": "sudah-menilai-diri", "SUPERVISOR_ASSESSED": "sudah-dinilai-atasan",
    "FINALIZED": "sudah-difinalisasi", "OBJECTION_OPEN": "keberatan-terbuka",
    "DEVELOPMENT_HOURS_MET": "jp-pengembangan-terpenuhi",
}
MISSING_WORDS = {
    "SKP_NOT_APPROVED": "skp-belum-disetujui", "NO_LOG_7_DAYS": "tanpa-catatan-7-hari",
    "NO_LOG_30_DAYS": "tanpa-catatan-30-hari", "NO_FEEDBACK": "tanpa-umpan-balik",
    "NOT_SELF_ASSESSED": "belum-menilai-diri", "NOT_ASSESSED": "belum-dinilai-atasan",
    "NOT_FINALIZED": "belum-difinalisasi", "OBJECTION_OPEN": "keberatan-terbuka",
    "DEVELOPMENT_HOURS_BELOW": "jp-pengembangan-kurang",
}
if set(HAS_WORDS) != {monitoring.EVERYONE, *monitoring.FACTS} or set(MISSING_WORDS) != set(monitoring.GAPS):
    raise RuntimeError("monitoring_export names a list monitoring does not have, or misses one")


@dataclass(frozen=True)
class Ask:
    """What is exported: monitoring_people's arguments."""

    cycle: int
    agency: str | None = None
    unit: str | None = None
    period: str | None = None
    missing: str | None = None
    has: str | None = None
    minimum: int = monitoring.DEFAULT_MIN_HOURS  # KINERJA_MIN_DEVELOPMENT_HOURS


@dataclass
class Export:
    filename: str  # the CSV's; the XLSX's is the same with .xlsx
    rows: AsyncIterator[list[Any]]  # every person's cells, in COLUMNS' order, read a page at a time
    title: str = ""  # the list's Indonesian name (services/reports/labels.py), the XLSX's document title

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(COLUMNS)

    @property
    def chunks(self) -> AsyncIterator[str]:
        """The CSV text: the header, then the rows a page at a time."""
        return _chunks(self.rows)


async def export(access: Access, ask: Ask) -> Export:
    """The list's rows (for either writer). The first page is read here, so a bad argument or one out of scope is
    BadArgument (as from the query) before anything is written; the others as the file is written."""
    pages = monitoring.monitoring_people_pages(access, ask.agency, ask.unit, ask.cycle, ask.missing, PAGE,
                                               ask.period, ask.has, ask.minimum)
    first = await anext(pages)
    return Export(filename(ask), _rows(first, pages), title(ask))


def title(ask: Ask) -> str:
    """The list's name as the console says it, e.g. "Penilaiannya belum difinalisasi"."""
    if ask.missing:
        return labels.MONITORING_GAP.get(ask.missing, "")
    return labels.MONITORING_FACT.get(ask.has or monitoring.EVERYONE, "")


async def _rows(first: Sequence[monitoring.MonitoredPerson],
                pages: AsyncIterator[Sequence[monitoring.MonitoredPerson]]) -> AsyncIterator[list[Any]]:
    for p in first:
        yield [value(p) for value in COLUMNS.values()]
    async for rows in pages:
        for p in rows:
            yield [value(p) for value in COLUMNS.values()]


async def _chunks(rows: AsyncIterator[list[Any]], per_chunk: int = PAGE) -> AsyncIterator[str]:
    yield csv_line(tuple(COLUMNS), header=True)
    buffer: list[str] = []
    async for row in rows:
        buffer.append(csv_line(row))
        if len(buffer) >= per_chunk:
            yield "".join(buffer)
            buffer = []
    if buffer:
        yield "".join(buffer)


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def filename(ask: Ask) -> str:
    """e.g. pemantauan-2025-DISDIK-SDN-001-belum-difinalisasi.csv, pemantauan-2025-2025-Q1-keberatan-terbuka.csv:
    the cycle, the period, the agency and unit as given (only [A-Za-z0-9._-]), the list's words."""
    words = MISSING_WORDS.get(ask.missing or "") or HAS_WORDS.get(ask.has or "", "")
    parts = ["pemantauan", str(ask.cycle), ask.period or "", (ask.agency or "").upper(), (ask.unit or "").upper(),
             words]
    return "-".join(p for p in (_SAFE.sub("", part.strip()) for part in parts) if p) + ".csv"
