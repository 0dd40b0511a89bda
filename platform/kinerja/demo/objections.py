"""The demo's objections (keberatan) to ratings of the closed year: three DISDIK employees two levels below the
head of DISDIK objected to their annual rating; the first is open and awaits the head (the demo sign-in), who is
their assessing official's superior; the second was upheld and the third changed the rating (its predikat through
the kinerja_predikat hook, the rollups moved). The year still in EVALUATION has two open ones (load_open_objections):
one awaits the DISDIK staff sign-in (the Sekretaris, from three levels below the head), one the head. Written as the
service writes them, with their audit events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from tortoise.transactions import in_transaction

from kinerja.demo.bulk import ACTOR
from kinerja.models import Assessment, Objection, ObjectionStatement, Person, Rating
from kinerja.services.cycles import gate
from kinerja.services.core import audit, rollups

REASONS = ("Capaian RHK utama saya sudah 100 % dan bukti dukungnya terlampir, tetapi tidak dipertimbangkan.",
           "Penilaian perilaku tidak sesuai dengan umpan balik yang saya terima selama tahun berjalan.",
           "Hasil kerja tambahan sebagai operator Dapodik tidak masuk dalam penilaian.")
OPEN_REASONS = ("Penilaian perilaku belum mempertimbangkan penugasan tambahan saya selama triwulan ini.",
                "Capaian RHK saya di atas target menurut laporan bidang, tetapi dinilai sesuai ekspektasi saja.")
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


async def load_open_objections(year: int, say: Callable[[str], None]) -> int:
    """Two open objections to ratings of `year` (in EVALUATION), each to the latest finalized rating (not above
    expectations) of someone two levels below its decider: the DISDIK staff sign-in (the head's first direct staff
    member), then the head."""
    from kinerja.demo.accounts import demo_employee

    head = await demo_employee()
    secretary = await Person.filter(supervisor_id=head.id).order_by("id").first()
    periods = list(reversed(gate.evaluation_periods_of(year, "QUARTERLY")))  # the latest first
    changes, filed = [], 0
    async with in_transaction() as conn:
        for n, decider in enumerate(d for d in (secretary, head) if d is not None):
            below = [p.id for p in await Person.filter(supervisor_id=decider.id).using_db(conn).order_by("id")]
            candidates = await Person.filter(supervisor_id__in=below).using_db(conn).order_by("id").limit(40)
            ratings = {(r.person_id, r.period): r for r in await Rating.filter(
                person_id__in=[p.id for p in candidates], period__in=periods).using_db(conn)}
            found = next(((person, ratings[(person.id, period)]) for person in candidates for period in periods
                          if (person.id, period) in ratings
                          and ratings[(person.id, period)].result_rating != "DI_ATAS_EKSPEKTASI"), None)
            if found is None:
                continue
            person, rating = found
            assessor = await Person.get(id=person.supervisor_id).using_db(conn)
            filed_at = rating.finalized_at + dt.timedelta(days=3)
            objection = await Objection.create(
                person_id=person.id, agency_id=rating.agency_id, cycle_id=rating.cycle_id, period=rating.period,
                rating_id=rating.id, assessor_id=assessor.id, decider_id=decider.id, reason=OPEN_REASONS[n],
                status="OPEN", old_result_rating=rating.result_rating, old_behavior_rating=rating.behavior_rating,
                old_predikat=rating.predikat, filed_at=filed_at, using_db=conn)
            changes.append(audit.Change("objection.file", "objection", str(objection.id), None,
                                        {"nip": person.nip, "period": rating.period, "reason": OPEN_REASONS[n],
                                         "predikat": rating.predikat, "assessor": assessor.nip,
                                         "decider": decider.nip}))
            await ObjectionStatement.create(objection_id=objection.id, author_id=person.id, role="EMPLOYEE",
                                            text=STATEMENTS[0], at=filed_at + dt.timedelta(days=1), using_db=conn)
            filed += 1
        if changes:
            await audit.append(conn, ACTOR, changes)
    say(f"cycle {year}: {filed} objections open (awaiting the DISDIK Sekretaris and the head of DISDIK)")
    return filed
