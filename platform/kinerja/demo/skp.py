"""The demo's SKPs of the ACTIVE cycle, cascaded from the agency heads down, and the weeks of work log and feedback
of DISDIK and DPMPTSP (issue 16), all dated back from the platform's date.

- Every person has an SKP. An agency head's RHK name the agency's goals (intervensi in free text); everyone else's
  MAIN RHK name their supervisor's RHK (R1..R3), and an ADDITIONAL one stands on its own. DPMPTSP staff with permit
  targets have those as quantitative indicators (the Target rows their measurements attach to); the rest are
  qualitative. Each has two of the leader's expectations and the lampiran.
- Nearly all are APPROVED by the supervisor; a named handful (STATES: chosen among the demo sign-ins' staff, so each
  sign-in has something to do) are DRAFT, SUBMITTED or RETURNED.
- DPMPTSP's people and DISDIK's office staff and school heads logged work on the working days of the last four
  weeks (a tenth of them not in the last week, so monitoring has someone to show); supervisors left feedback on an
  RHK and on a work-log entry of each, about half answered.

Written in bulk (services/skp/bulk.py and plain INSERTs, with their audit events), as kinerja.demo.evaluation is.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from kinerja.demo.bulk import ACTOR, SEED
from kinerja.demo.data import DemoData
from kinerja.models import Agency, Cycle, Person, Target, Unit
from kinerja.services.core import audit, sql
from kinerja.services.skp.bulk import PlannedIndicator, PlannedItem, PlannedSkp, write_skps
from kinerja.services.skp.work_log import day_value, q

LOGGING_AGENCIES = ("DISDIK", "DPMPTSP")
LOG_DAYS = 28  # the work log goes back four weeks from the platform's date
SCHOOL_PREFIXES = ("SDN-", "SMPN-")

# (demo role, index among the DISDIK head's direct staff, status, note): the staff sign-in's SKP was returned, the
# next one awaits the head's approval, the third is still a draft; one DPMPTSP officer awaits approval too
DISDIK_STATES = ((0, "RETURNED", "Mohon lengkapi indikator kualitas pada RHK 2 dan lampiran sumber daya."),
                 (1, "SUBMITTED", None), (2, "DRAFT", None))
DPMPTSP_SUBMITTED = 3  # the fourth DPMPTSP person without staff of their own

GOALS = ("Meningkatnya kualitas layanan {name}", "Meningkatnya akuntabilitas kinerja {name}",
         "Meningkatnya kapasitas sumber daya aparatur {name}")
LEAD_RHK = ("Terlaksananya program {unit} sesuai rencana", "Tersusunnya laporan kinerja {unit} tepat waktu",
            "Meningkatnya kompetensi pegawai {unit}")
STAFF_RHK = ("Terlaksananya tugas {position} sesuai standar", "Tersusunnya dokumen pendukung kegiatan {unit}",
             "Tertibnya administrasi {unit}")
EXTRA_RHK = "Terlaksananya tugas tambahan dari pimpinan"
QUALITATIVE = (("QUANTITY", "Jumlah kegiatan yang terlaksana", "Laporan kegiatan"),
               ("QUALITY", "Kegiatan sesuai standar yang ditetapkan", "Dokumen terverifikasi atasan"),
               ("TIME", "Diselesaikan sesuai jadwal", "Jadwal kegiatan"))
EXPECTATIONS = (("BERORIENTASI_PELAYANAN", "Menanggapi permintaan layanan paling lambat satu hari kerja"),
                ("AKUNTABEL", "Melaporkan kemajuan pekerjaan setiap pekan"),
                ("KOMPETEN", "Berbagi pengetahuan dalam rapat bidang setiap bulan"),
                ("KOLABORATIF", "Aktif berkoordinasi dengan bidang lain"))
ATTACHMENTS = {"resources": ["Anggaran kegiatan dalam DPA", "Sarana kerja dan aplikasi perkantoran"],
               "accountability": ["Laporan bulanan kepada atasan langsung"],
               "consequences": ["Pertimbangan dalam penilaian kinerja dan pengembangan kompetensi"]}
WORK = ("Menyusun laporan kegiatan", "Rapat koordinasi bidang", "Memverifikasi berkas", "Menginput data ke aplikasi",
        "Melayani konsultasi masyarakat", "Menyiapkan bahan paparan pimpinan", "Mengarsipkan dokumen")
TEACHING = ("Mengajar dan menilai tugas siswa", "Menyusun modul ajar", "Rapat dewan guru", "Supervisi kelas",
            "Pertemuan dengan komite sekolah")
PERMITS = ("Memverifikasi berkas permohonan izin", "Menerbitkan izin usaha", "Melayani pemohon di loket",
           "Survei lapangan permohonan izin")
FEEDBACK = ("Laporan sudah baik, lengkapi dengan data pendukung.", "Pertahankan ketepatan waktunya.",
            "Koordinasikan dengan bidang lain sebelum tenggat.", "Kerja yang rapi, terima kasih.")
ANSWERS = ("Baik, akan saya lengkapi.", "Terima kasih, Pak/Bu.", "Siap, akan saya koordinasikan.")


@dataclass(frozen=True)
class SkpSummary:
    skps: int
    not_approved: dict[str, str]  # NIP -> status
    entries: int
    feedback: int


def current_period(today: dt.date) -> str:
    """The evaluation period of today: its quarter, or the year in the last quarter (the year end is one)."""
    quarter = (today.month - 1) // 3 + 1
    return str(today.year) if quarter == 4 else f"{today.year}-Q{quarter}"


async def load_skps(data: DemoData, year: int, today: dt.date, say: Callable[[str], None]) -> SkpSummary:
    rng = random.Random(SEED + year + 16)
    cycle = await Cycle.get(year=year)
    people = {p.nip: p for p in await Person.all()}
    agencies = {a.id: a for a in await Agency.all()}
    units = {u.id: u for u in await Unit.all()}
    targets: dict[int, list[Target]] = {}
    for t in await Target.filter(cycle_id=cycle.id, person_id__not_isnull=True).order_by("id"):
        targets.setdefault(t.person_id, []).append(t)
    by_id = {p.id: p for p in people.values()}
    leads = {p.supervisor_id for p in people.values()}
    states = await _states(people)
    keys_of: dict[int, dict[int, str]] = {}  # person id -> target id -> RHK key (parents of quantitative RHK)
    main_keys: dict[int, list[str]] = {}  # person id -> the keys of their MAIN RHK
    plans: list[PlannedSkp] = []
    for person in _by_depth(data, people):
        supervisor = by_id.get(person.supervisor_id)
        items, by_target = _items(person, supervisor, agencies[person.agency_id], units.get(person.unit_id),
                                  targets.get(person.id, []), keys_of.get(person.supervisor_id, {}),
                                  main_keys.get(person.supervisor_id, ["R1"]), person.id in leads, rng)
        keys_of[person.id] = by_target
        main_keys[person.id] = [i.key for i in items if i.kind == "MAIN"]
        status, note = states.get(person.nip, ("APPROVED", None))
        plans.append(PlannedSkp(
            person_id=person.id, nip=person.nip, cycle_id=cycle.id, year=year, agency_id=person.agency_id,
            status=status, items=items, expectations=rng.sample(EXPECTATIONS, 2), attachments=ATTACHMENTS,
            submitted_by=person.nip, decided_by=supervisor.nip if supervisor else ACTOR, return_note=note))
    at = dt.datetime.combine(dt.date(year, 1, 31), dt.time(9), tzinfo=dt.UTC)
    async with in_transaction() as conn:
        await write_skps(conn, plans, ACTOR, at)
    entries, feedback = 0, 0
    for code in LOGGING_AGENCIES:
        agency = next((a for a in agencies.values() if a.code == code), None)
        if agency is not None:
            written = await _work_log(agency, [p for p in plans if p.agency_id == agency.id], by_id, units, cycle,
                                      today, rng)
            entries, feedback = entries + written[0], feedback + written[1]
    not_approved = {nip: status for nip, (status, _) in states.items()}
    say(f"cycle {year}: {len(plans)} SKPs ({len(plans) - len(not_approved)} approved), {entries} work-log "
        f"entries, {feedback} feedback")
    return SkpSummary(len(plans), not_approved, entries, feedback)


def _by_depth(data: DemoData, people: dict[str, Person]) -> list[Person]:
    """Everyone, supervisors before their staff (the demo data lists them so)."""
    return [people[p.nip] for p in data.people if p.nip in people]


async def _states(people: dict[str, Person]) -> dict[str, tuple[str, str | None]]:
    """The handful of SKPs that are not approved: NIP -> (status, return note)."""
    from kinerja.demo.accounts import demo_employee

    head = await demo_employee()
    staff = sorted((p for p in people.values() if p.supervisor_id == head.id), key=lambda p: p.id)
    chosen = {staff[n].nip: (status, note) for n, status, note in DISDIK_STATES if n < len(staff)}
    supervisors = {p.supervisor_id for p in people.values()}
    dpmptsp = await Agency.get_or_none(code="DPMPTSP")
    if dpmptsp is not None:
        plain = sorted((p for p in people.values() if p.agency_id == dpmptsp.id and p.id not in supervisors
                        and p.supervisor_id is not None), key=lambda p: p.id)
        if len(plain) > DPMPTSP_SUBMITTED:
            chosen[plain[DPMPTSP_SUBMITTED].nip] = ("SUBMITTED", None)
    return chosen


def _items(person: Person, supervisor: Person | None, agency: Agency, unit: Unit | None, targets: list[Target],
           parents: dict[int, str], above: list[str], lead: bool, rng: random.Random
           ) -> tuple[list[PlannedItem], dict[int, str]]:
    """A person's RHK: `parents` maps the supervisor's targets to their RHK keys, `above` is the supervisor's MAIN
    RHK keys (each MAIN RHK here names one of them)."""
    unit_name = unit.name if unit else agency.name
    by_target: dict[int, str] = {}
    items: list[PlannedItem] = []
    head = supervisor is None or supervisor.agency_id != person.agency_id  # intervensi: the agency's goals
    if targets:  # quantitative: the person's targets, under the supervisor's RHK holding their parent target
        texts: dict[str, list[Target]] = {}
        for t in targets:
            texts.setdefault(t.work_result, []).append(t)
        for n, (text, group) in enumerate(texts.items()):
            key = f"R{n + 1}"
            parent = next((parents[t.parent_id] for t in group if t.parent_id in parents), above[n % len(above)])
            items.append(PlannedItem(
                key, "MAIN", text, parent_key=None if head else parent,
                intervention=GOALS[n % len(GOALS)].format(name=agency.name) if head else None, indicators=[
                    PlannedIndicator("QUANTITY", indicator_id=t.indicator_id, target_value=t.value, target_id=t.id,
                                     target_lower=t.lower_bound, target_upper=t.upper_bound)
                    for t in group]))
            by_target.update({t.id: key for t in group})
    elif head:
        for n, goal in enumerate(LEAD_RHK):
            items.append(PlannedItem(f"R{n + 1}", "MAIN", goal.format(unit=agency.name),
                                     intervention=GOALS[n].format(name=agency.name),
                                     indicators=_qualitative(rng, 2)))
    else:
        pool = LEAD_RHK if lead else STAFF_RHK
        first = rng.randrange(3)
        for n in range(2):
            work = pool[(first + n) % 3].format(unit=unit_name, position=person.position or "jabatan")
            items.append(PlannedItem(f"R{n + 1}", "MAIN", work, parent_key=above[(first + n) % len(above)],
                                     indicators=_qualitative(rng, 2)))
    items.append(PlannedItem(f"R{len(items) + 1}", "ADDITIONAL", EXTRA_RHK, indicators=_qualitative(rng, 1)))
    return items, by_target


def _qualitative(rng: random.Random, count: int) -> list[PlannedIndicator]:
    return [PlannedIndicator(aspect, text=text, expected_output=output)
            for aspect, text, output in rng.sample(QUALITATIVE, count)]


def _logs_work(person: Person, agency: Agency, units: dict[int, Unit]) -> bool:
    """DPMPTSP's people; DISDIK's office staff and its school heads (not every teacher: the demo stays quick)."""
    if agency.code == "DPMPTSP":
        return True
    unit = units.get(person.unit_id)
    at_school = unit is not None and unit.code.startswith(SCHOOL_PREFIXES)
    return not at_school or "Kepala" in (person.position or "")


async def _work_log(agency: Agency, plans: list[PlannedSkp], by_id: dict[int, Person], units: dict[int, Unit],
                    cycle: Cycle, today: dt.date, rng: random.Random) -> tuple[int, int]:
    """One agency's work log and feedback, in one transaction with their audit events."""
    first_day = max(dt.date(cycle.year, 1, 1), today - dt.timedelta(days=LOG_DAYS - 1))
    days = [first_day + dt.timedelta(days=n) for n in range((today - first_day).days + 1)]
    days = [d for d in days if d.weekday() < 5 and d.year == cycle.year]
    period = current_period(today)
    recorded_at = sql.db_datetime(dt.datetime.now(dt.timezone.utc))
    entries: list[tuple] = []
    loggers: list[tuple[PlannedSkp, Person]] = []
    for plan in plans:
        person = by_id[plan.person_id]
        if not _logs_work(person, agency, units):
            continue
        loggers.append((plan, person))
        quiet_week = rng.random() < 0.1  # has not logged in the last week
        unit = units.get(person.unit_id)
        pool = PERMITS if agency.code == "DPMPTSP" else TEACHING if unit and unit.code.startswith(
            SCHOOL_PREFIXES) else WORK
        for day in days:
            if (quiet_week and (today - day).days < 7) or rng.random() < 0.15:
                continue
            for _ in range(rng.choice((1, 1, 2))):
                item = rng.choice(plan.items)
                entries.append((person.id, cycle.id, agency.id, day, item.key, rng.choice(pool),
                                rng.choice((60, 90, 120, 180, 240)), None, person.nip, recorded_at))
    if not entries:
        return 0, 0
    async with in_transaction() as conn:
        columns = ("person_id", "cycle_id", "agency_id", "day", "item_key", "text", "minutes", "evidence_url",
                   "recorded_by", "recorded_at")
        await sql.insert_many(conn, "work_log_entry", columns,
                              [(*e[:3], day_value(conn, e[3]), *e[4:]) for e in entries])
        logged = await sql.fetch(conn, q(conn, "SELECT id, person_id, day, item_key FROM work_log_entry "
                                                      "WHERE agency_id = ? AND cycle_id = ? ORDER BY id"),
                                 [agency.id, cycle.id])
        last = {}
        for row in logged:
            last[row["person_id"]] = row  # each person's latest entry
        feedback = []
        given_on = day_value(conn, today)
        for plan, person in loggers:
            supervisor = by_id.get(person.supervisor_id)
            if supervisor is None or supervisor.agency_id != agency.id or rng.random() < 0.3:
                continue
            answered = rng.random() < 0.5
            answer_at = recorded_at if answered else None
            feedback.append((person.id, cycle.id, agency.id, period, plan.items[0].key, None, supervisor.id,
                             rng.choice(FEEDBACK), given_on, rng.choice(ANSWERS) if answered else None, answer_at,
                             recorded_at))
            entry = last.get(person.id)
            if entry is not None:
                feedback.append((person.id, cycle.id, agency.id, period, entry["item_key"], entry["id"],
                                 supervisor.id, rng.choice(FEEDBACK), given_on, None, None, recorded_at))
        await sql.insert_many(conn, "performance_feedback", (
            "person_id", "cycle_id", "agency_id", "period", "item_key", "work_log_entry_id", "given_by_id", "text",
            "given_on", "answer", "answered_at", "created_at"), feedback)
        await audit.append(conn, ACTOR, [
            audit.Change("work_log.create", "work_log", f"{logged[0]['id']}-{logged[-1]['id']}", None, {
                "entries": len(entries), "agency": agency.code, "from": days[0].isoformat(),
                "to": days[-1].isoformat()}),
            audit.Change("performance_feedback.give", "performance_feedback", agency.code, None, {
                "feedback": len(feedback), "period": period, "given_on": today.isoformat()})])
    return len(entries), len(feedback)
