"""Documents handed out: one document of any kind (services/documents/kinds.py) as a PDF, issued to the viewer, or
all the evaluation documents of an agency (or a unit) for a period as one ZIP streamed while it is built
(docs/ARCHITECTURE.md, "Official documents"). The HTTP routes and the CLI both call here.

The ZIP: people in batches of BATCH; for each batch the facts are computed and the documents issued (one transaction,
one append to the audit chain), then rendered in a worker process (RENDERERS of them, `spawn`ed: the PDF work is
CPU-bound, and in a process of its own it neither holds the event loop nor competes with it for the interpreter),
while the next batch's facts are computed; each finished PDF goes into the ZIP (stored: a PDF is compressed already)
and the ZIP's bytes go out as they are written. Memory holds a batch or two of PDFs, never the archive.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import datetime as dt
import logging
import multiprocessing
import os
import threading
import zipfile
from dataclasses import dataclass
from typing import Any, AsyncIterator, Callable, Sequence

from kinerja.models import Agency, Person, Rating, Unit
from kinerja.services.core.access import Access
from kinerja.services.core.clock import WIB
from kinerja.services.core import clock
from kinerja.services.core.errors import BadArgument
from kinerja.services.documents import evaluasi, issue, kurva, skp, tahunan, tindak_lanjut
from kinerja.services.documents.kinds import KINDS
from kinerja.services.documents.frame import Stamp
from kinerja.services.documents.parts import Missing
from kinerja.services.evaluation import curve
from kinerja.services.reports.scope import check_period, scope_of

log = logging.getLogger("kinerja.documents")

BATCH = 40
RENDERERS = max(1, min(2, os.cpu_count() or 1))
_pool: concurrent.futures.Executor | None = None
_pool_lock = threading.Lock()


def verify_url(base: str, code: str) -> str:
    return f"{base.rstrip('/')}/verify/{code}"


def shutdown_renderers() -> None:
    """Stop the render workers, if any were made (the next render makes them again). For a host process that may
    end without running atexit (a test runner's worker), so that they do not outlive it."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True)
class Pdf:
    filename: str
    content: bytes


async def issue_pdf(access: Access, draft: issue.Draft, base_url: str, place: str, in_process: bool = False) -> Pdf:
    """Issue the document (its code, its record and audit event) and render it off the event loop: in a thread, or,
    `in_process` (a long list: a second or more of layout), in a worker process of the ZIP's, off the interpreter
    the event loop runs on too."""
    (doc,) = await issue.issue(access.viewer.actor, [draft])
    job = (draft.kind, draft.facts, doc.code, verify_url(base_url, doc.code), doc.issued_at.isoformat(), place)
    if in_process:
        (content,) = await asyncio.get_running_loop().run_in_executor(_renderers(), render_batch, [job])
    else:
        content = await asyncio.to_thread(_render_one, job)
    return Pdf(KINDS[draft.kind].filename(draft.facts), content)


def _no_rating(who: str, when: str, params: dict[str, str]) -> Missing:
    return Missing(f"{who} has no finalized rating for {when}", {"what": "finalized_rating", **params})


async def evaluasi_pdf(access: Access, nip: str, period: str, base_url: str, place: str) -> Pdf | Missing:
    """The evaluation document of the person for the period, issued to the viewer; Missing when the person is unknown
    or out of the viewer's scope, or has no finalized rating for it (all read as not found). BadArgument for a
    malformed period."""
    person = await evaluasi.locate(access, nip, period)
    facts = await evaluasi.facts_of(person, period) if person is not None else None
    if facts is None:
        return _no_rating(nip, period, {"nip": nip, "period": period})
    rating_agency = await Rating.filter(person_id=person.id, period=period).values_list("agency_id", flat=True)
    return await issue_pdf(access, issue.Draft(evaluasi.KIND, rating_agency[0], None, person.nip, period, facts),
                           base_url, place)


async def tahunan_pdf(access: Access, nip: str, year: str, base_url: str, place: str,
                      catalog: Any) -> Pdf | Missing:
    """The person's annual Dokumen Evaluasi Kinerja Pegawai for the year, issued to the viewer; Missing as for
    evaluasi_pdf (unknown, out of scope, or no finalized rating of the year). BadArgument for a malformed year."""
    person = await tahunan.locate(access, nip, year)
    facts = await tahunan.facts_of(person, year, catalog) if person is not None else None
    if facts is None:
        return _no_rating(nip, year, {"nip": nip, "period": year})
    rating_agency = await Rating.filter(person_id=person.id, period=facts["period"]).values_list("agency_id",
                                                                                                flat=True)
    return await issue_pdf(access, issue.Draft(tahunan.KIND, rating_agency[0], None, person.nip, facts["period"],
                                               facts), base_url, place)


async def skp_pdf(access: Access, nip: str, year: str, base_url: str, place: str) -> Pdf | Missing:
    """The person's SKP of the cycle (its approved revision in force), issued to the viewer; Missing when the person
    is unknown or out of the viewer's scope (as the API reads the SKP), or has no SKP of the cycle or none ever
    approved (all read as not found). BadArgument for a malformed year."""
    found = await skp.locate(access, nip, year)
    facts = await skp.facts_of(found, found.person) if found is not None else None
    if facts is None:
        return Missing(f"{nip} has no approved SKP in cycle {year}", {"what": "approved_skp", "nip": nip,
                                                                        "year": year})
    return await issue_pdf(access, issue.Draft(skp.KIND, found.agency_id, None, found.person.nip, facts["period"],
                                               facts), base_url, place)


async def kurva_pdf(access: Access, agency: str, unit: str | None, period: str, rules: curve.CurveRules,
                    base_url: str, place: str) -> Pdf | Missing:
    """The distribution-curve document of the agency (of its unit) for the period, issued to the viewer; Missing for
    an agency or unit unknown or out of scope, or no finalized rating in the period (all read as not found).
    AccessDenied for a viewer who may not read reports, BadArgument for a malformed period."""
    period = check_period(period)
    found = await kurva.locate(access, agency, unit, period)
    if isinstance(found, Missing):
        return found
    facts = await kurva.facts_of(found, period, rules)
    if facts is None:
        where = f"{found.agency.code}{'/' + found.unit.code if found.unit else ''}"
        return _no_rating(where, period, {"key": f"{where} {period}"})
    draft = issue.Draft(kurva.KIND, found.agency.id, found.unit.code if found.unit else None, None, period, facts)
    return await issue_pdf(access, draft, base_url, place, in_process=len(facts["people"]) > kurva.LONG)


async def tindak_lanjut_pdf(access: Access, agency: str, period: str, base_url: str, place: str,
                            catalog: Any) -> Pdf | Missing:
    """The agency's follow-up list for the period, issued to the viewer; Missing for an agency unknown or out of
    scope, or without a finalized rating of the period (all read as not found). AccessDenied for a viewer who may
    not read reports, BadArgument for a malformed period."""
    period = check_period(period)
    found = await tindak_lanjut.locate(access, agency)
    if isinstance(found, Missing):
        return found
    facts = await tindak_lanjut.facts_of(found, period, catalog)
    if facts is None:
        return _no_rating(found.code, period, {"key": f"{found.code} {period}"})
    draft = issue.Draft(tindak_lanjut.KIND, found.id, None, None, period, facts)
    return await issue_pdf(access, draft, base_url, place, in_process=len(facts["people"]) > tindak_lanjut.LONG)


def _render_one(job: tuple) -> bytes:
    kind, facts, code, url, issued, place = job
    return KINDS[kind].render(facts, Stamp(code, url), dt.datetime.fromisoformat(issued), place)


def render_batch(jobs: list[tuple]) -> list[bytes]:
    """Rendered in a worker process: plain values in, PDF bytes out."""
    return [_render_one(job) for job in jobs]


def _renderers() -> concurrent.futures.Executor:
    """The worker processes that render (made once per process, on first use); a thread when processes cannot be
    made."""
    global _pool
    with _pool_lock:
        if _pool is None:
            try:
                _pool = concurrent.futures.ProcessPoolExecutor(RENDERERS,
                                                               mp_context=multiprocessing.get_context("spawn"))
                atexit.register(_pool.shutdown, wait=True, cancel_futures=True)  # before the interpreter goes
            except (OSError, NotImplementedError):  # no processes here: a thread keeps the event loop free
                log.warning("documents render in a thread: worker processes cannot be made")
                _pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="documents")
        return _pool


@dataclass(frozen=True)
class Archive:
    filename: str
    count: int
    chunks: AsyncIterator[bytes]


async def _people(access: Access, agency: str, unit: str | None, period: str) -> tuple[Agency, Unit | None,
                                                                                        list[int]] | None:
    if not (agency or "").strip():
        raise BadArgument("agency", "agency is required (its code, e.g. agency=DISDIK)")
    period = check_period(period)
    scope = await scope_of(access, agency)  # ADMIN any agency, an agency admin its own; others are refused
    if scope.empty or scope.agency_id is None:
        return None
    found = await Agency.get(id=scope.agency_id)
    where = Rating.filter(agency_id=found.id, period=period)
    unit_row = None
    if (unit or "").strip():
        unit_row = await Unit.get_or_none(agency_id=found.id, code=unit.strip().upper())
        if unit_row is None:
            return None
        where = where.filter(unit_id=unit_row.id)
    ids = await where.order_by("person__nip").values_list("person_id", flat=True)
    return found, unit_row, list(ids)


class _Sink:
    """What zipfile writes to: the bytes, taken out as they come (not seekable: zipfile writes data descriptors)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        out, self.parts = b"".join(self.parts), []
        return out


async def evaluasi_zip(access: Access, agency: str, unit: str | None, period: str, base_url: str, place: str,
                       progress: Callable[[int, int], None] | None = None) -> Archive | None:
    """Every evaluation document of the agency (or of one of its units: the ratings given in it) for the period,
    as a ZIP streamed while it is built; None when the agency or unit is unknown or out of scope. Whoever may read
    the reports may ask (Access.may_read_reports, as the CSV exports); BadArgument for a missing agency or a
    malformed period."""
    found = await _people(access, agency, unit, period)
    if found is None:
        return None
    agency_row, unit_row, person_ids = found
    name = f"evaluasi-{agency_row.code}{'-' + unit_row.code if unit_row else ''}-{period}.zip"
    return Archive(name, len(person_ids), _chunks(access.viewer.actor, agency_row.id, person_ids, period, base_url,
                                                   place, progress))


async def _chunks(actor: str, agency_id: int, person_ids: Sequence[int], period: str, base_url: str, place: str,
                  progress: Callable[[int, int], None] | None) -> AsyncIterator[bytes]:
    loop = asyncio.get_running_loop()
    sink = _Sink()
    archive = zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED)
    total, done = len(person_ids), 0
    pending: tuple[asyncio.Future, list[str]] | None = None
    try:
        for start in range(0, total, BATCH):
            people = await Person.filter(id__in=list(person_ids[start:start + BATCH])).order_by("nip")
            drafts = []
            for person in people:
                facts = await evaluasi.facts_of(person, period)
                if facts is not None:  # reopened meanwhile: left out
                    drafts.append(issue.Draft(evaluasi.KIND, agency_id, None, person.nip, period, facts))
            rows = await issue.issue(actor, drafts)
            jobs = [(d.kind, d.facts, r.code, verify_url(base_url, r.code), r.issued_at.isoformat(), place)
                    for d, r in zip(drafts, rows)]
            job = loop.run_in_executor(_renderers(), render_batch, jobs)
            if pending is not None:
                done += await _write(archive, sink, pending)
                if progress:
                    progress(done, total)
                yield sink.take()
            pending = (job, [evaluasi.filename(d.facts) for d in drafts])
        if pending is not None:
            done += await _write(archive, sink, pending)
            if progress:
                progress(done, total)
            yield sink.take()
        archive.close()
        yield sink.take()
    finally:
        if pending is not None and not pending[0].done():
            pending[0].cancel()


async def _write(archive: zipfile.ZipFile, sink: _Sink, pending: tuple[asyncio.Future, list[str]]) -> int:
    pdfs = await pending[0]
    for filename, content in zip(pending[1], pdfs):
        info = zipfile.ZipInfo(filename, date_time=clock.now().astimezone(WIB).timetuple()[:6])
        info.compress_type = zipfile.ZIP_STORED
        archive.writestr(info, content)
    return len(pdfs)
