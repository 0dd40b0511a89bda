"""The demo's objections (keberatan) to ratings of the closed year: three DISDIK employees two levels below the
head of DISDIK objected to their annual rating; the first is open and awaits the head (the demo sign-in), who is
their assessing official's superior; the second was upheld and the third changed the rating (its predikat through
the kinerja_predikat hook, the rollups moved). Written as the service writes them, with their audit events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from tortoise.transactions import in_transaction

from kinerja.demo.bulk import ACTOR
from kinerja.models import Assessment, Objection, ObjectionStatement, Person, Rating
from kinerja.services.core import audit, rollups

REASONS = ("Capaian RHK utama saya sudah 100 % dan bukti dukungnya terlampir, tetapi tidak dipertimbangkan.",
           "Penilaian perilaku tidak sesuai dengan umpan balik yang saya terima selama tahun berjalan.",
           "Hasil kerja tambahan sebagai operator Dapodik tidak masuk dalam penilaian.")
STATEMENTS = ("Bukti dukung capaian sudah diunggah pada catatan kerja.",
              "Capaian RHK 2 baru 80 % menurut laporan bidang.")


async def load_objections(catalog: Any, year: int, say: Callable[[str], None]) -> int:
    from kinerja.demo.accounts import demo_employee

    head = await demo_employee()
    below = [p.id for p in await Person.filter(supervisor_id=head.id).order_by("id")]
    people = await Person.filter(supervisor_id__in=below).order_by("id").limit(40)
    period = str(year)
    chosen = []
    for person in people:
        rating = await Rating.get_or_none(person_id=person.id, period=period)
        if rating is not None and rating.result_rating != "DI_ATAS_EKSPEKTASI":
            chosen.append((person, rating))
        if len(chosen) == 3:
            break
    async with in_transaction() as conn:
        changes = []
        for n, (person, rating) in enumerate(chosen):
            assessment = await Assessment.get(id=rating.assessment_id).using_db(conn)
            assessor = await Person.get(id=assessment.assessor_id).using_db(conn)
            filed_at = rating.finalized_at + dt.timedelta(days=5)
            objection = await Objection.create(
                person_id=person.id, agency_id=rating.agency_id, cycle_id=rating.cycle_id, period=period,
                rating_id=rating.id, assessor_id=assessor.id, decider_id=assessor.supervisor_id, reason=REASONS[n],
                status="OPEN", old_result_rating=rating.result_rating, old_behavior_rating=rating.behavior_rating,
                old_predikat=rating.predikat, filed_at=filed_at, using_db=conn)
            changes.append(audit.Change("objection.file", "objection", str(objection.id), None,
                                        {"nip": person.nip, "period": period, "reason": REASONS[n],
                                         "predikat": rating.predikat, "assessor": assessor.nip, "decider": head.nip}))
            for author, role, text in ((person, "EMPLOYEE", STATEMENTS[0]), (assessor, "ASSESSOR", STATEMENTS[1])):
                await ObjectionStatement.create(objection_id=objection.id, author_id=author.id, role=role, text=text,
                                                at=filed_at + dt.timedelta(days=2), using_db=conn)
            if n == 0:
                continue  # open: awaits the head
            decided_at = filed_at + dt.timedelta(days=10)
            objection.decided_by, objection.decided_at = head.nip, decided_at
            if n == 1:
                objection.status = "UPHELD"
                objection.decision_reason = "Penilaian pejabat penilai sesuai bukti capaian."
            else:
                result = "SESUAI_EKSPEKTASI" if rating.result_rating == "DI_BAWAH_EKSPEKTASI" else "DI_ATAS_EKSPEKTASI"
                predikat = catalog.predikat(result, rating.behavior_rating)
                before = {"result_rating": rating.result_rating, "behavior_rating": rating.behavior_rating,
                          "predikat": rating.predikat}
                if predikat != rating.predikat:
                    await rollups.add_ratings(conn, [(rating.agency_id, rating.unit_id, period, rating.predikat, -1),
                                                     (rating.agency_id, rating.unit_id, period, predikat, 1)])
                rating.result_rating, rating.predikat = result, predikat
                await rating.save(using_db=conn, update_fields=["result_rating", "predikat"])
                objection.status = "CHANGED"
                objection.new_result_rating, objection.new_behavior_rating = result, rating.behavior_rating
                objection.new_predikat = predikat
                objection.decision_reason = "Hasil kerja tambahan terbukti dan belum dinilai."
                changes.append(audit.Change("rating.change", "rating", f"{person.nip}/{period}", before,
                                            {"result_rating": result, "behavior_rating": rating.behavior_rating,
                                             "predikat": predikat, "objection": objection.id}))
            await objection.save(using_db=conn)
            changes.append(audit.Change("objection.decide", "objection", str(objection.id), {"status": "OPEN"},
                                        {"status": objection.status, "reason": objection.decision_reason,
                                         "reference": None, "nip": person.nip, "period": period}))
        await audit.append(conn, ACTOR, changes)
    say(f"cycle {year}: {len(chosen)} objections (1 open, awaiting the head of DISDIK; 1 upheld; 1 changed)")
    return len(chosen)
