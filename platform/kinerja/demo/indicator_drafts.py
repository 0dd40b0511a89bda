"""The demo's indicator drafts (issue 18): Dinas Kesehatan has drafted complete basic immunisation in the console and
submitted it, so BKPSDM's admin finds it awaiting approval; a second draft, the DPT drop-out rate, is still being
written. Dinas Pendidikan's draft of teachers' certification was submitted and returned by BKPSDM with a note, so
the DISDIK admin finds it to rework. Saved, submitted and rejected through the service, with their audit events."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kinerja.demo.bulk import ACTOR
from kinerja.models import Agency
from kinerja.services.core.access import ADMIN, AGENCY_ADMIN, Access, Viewer
from kinerja.services.indicators import drafts

IMMUNISATION = """code: IMUNISASI_DASAR
name: Cakupan imunisasi dasar lengkap
unit: persen
direction: higher_is_better
level: person
periods: [quarter, year]
inputs:
  diimunisasi: {type: integer, min: 0, label: Bayi 0-11 bulan diimunisasi lengkap}
  sasaran: {type: integer, min: 1, label: Bayi sasaran}
checks: ["diimunisasi <= sasaran"]
formula: diimunisasi / sasaran * 100
target: 95
rating: {above: 105, meets: 95}
achievement: {best: 100}
"""
DROP_OUT = """code: DO_DPT
name: Angka drop out DPT1-DPT3
unit: persen
direction: lower_is_better
level: person
periods: [quarter, year]
inputs:
  dpt1: {type: integer, min: 0, label: Bayi mendapat DPT1}
  dpt3: {type: integer, min: 0, label: Bayi mendapat DPT3}
checks: ["dpt3 <= dpt1"]
formula: (dpt1 - dpt3) / dpt1 * 100
target: 5
"""
CERTIFIED = """code: GURU_SERTIFIKASI
name: Persentase guru bersertifikat pendidik
unit: persen
direction: higher_is_better
level: person
periods: [year]
inputs:
  bersertifikat: {type: integer, min: 0, label: Guru bersertifikat pendidik}
  guru: {type: integer, min: 1, label: Jumlah guru}
checks: ["bersertifikat <= guru"]
formula: bersertifikat / guru * 100
target: 80
"""
REJECTION = ("Tingkat indikator sebaiknya unit (sekolah), bukan orang; lengkapi juga batas penilaian (rating) dan "
             "capaian terbaik 100 %.")


async def load_indicator_drafts(catalog: Any, say: Callable[[str], None]) -> int:
    agency = await Agency.get_or_none(code="DINKES")
    if agency is None:
        return 0
    access = Access(Viewer(role=AGENCY_ADMIN, agency_id=agency.id, actor=ACTOR))
    submitted = await drafts.save_draft(access, catalog, agency_code="DINKES", text=IMMUNISATION)
    await drafts.submit_draft(access, catalog, submitted.id, submitted.revision)
    await drafts.save_draft(access, catalog, agency_code="DINKES", text=DROP_OUT)
    written = 2
    disdik = await Agency.get_or_none(code="DISDIK")
    if disdik is not None:
        officer = Access(Viewer(role=AGENCY_ADMIN, agency_id=disdik.id, actor=ACTOR))
        draft = await drafts.save_draft(officer, catalog, agency_code="DISDIK", text=CERTIFIED)
        draft = await drafts.submit_draft(officer, catalog, draft.id, draft.revision)
        await drafts.reject_draft(Access(Viewer(role=ADMIN, actor=ACTOR)), draft.id, REJECTION, draft.revision)
        written += 1
    say("indicator drafts: DINKES.IMUNISASI_DASAR submitted for approval, DINKES.DO_DPT being drafted"
        + (", DISDIK.GURU_SERTIFIKASI returned to DISDIK to rework" if disdik is not None else ""))
    return written
