"""Every mutation of the schema appends its audit event(s), in the same transaction as its write.

The table names the events each root mutation writes; a mutation missing from the table fails the first
test, so a new write cannot land without saying (and proving) what it audits. The second test performs
every mutation once, in an order where each can succeed, and compares the new events with the table.
"""

import datetime as dt

from kinerja.graphql.schema import build_schema
from kinerja.models import AuditEvent
from kinerja.services.core import audit, clock
from kinerja.settings import Settings
from kinerja.services.auth import tokens
from world import HEAD, PRINCIPAL, TEACHER_1, TEACHER_2

TODAY = clock.today()  # the real date: the acting assignment covers it whatever the calendar says

NEW_TEACHER = "198703152010012003"
DRAFT = """code: IMUNISASI
name: Cakupan imunisasi
unit: persen
direction: higher_is_better
level: person
periods: [year]
inputs:
  diimunisasi: {type: integer, min: 0}
  sasaran: {type: integer, min: 1}
formula: diimunisasi / sasaran * 100
"""

# root mutation -> (mutation, token attribute of the world or None, variables, (action, entity) of each event)
WRITES = {
    "createAgency": ("""mutation { createAgency(input: {code: "DISHUB", name: "Dinas Perhubungan"}) {
        errors { code } } }""", "admin", {}, [("agency.create", "agency")]),
    "createUnit": ("""mutation { createUnit(input: {agency: "DISDIK", code: "SDN-002", name: "SD Negeri 002"}) {
        errors { code } } }""", "disdik_admin", {}, [("unit.create", "unit")]),
    "updateAgency": ("""mutation { updateAgency(input: {code: "DISHUB", name: "Dinas Perhubungan Kota"}) {
        errors { code } } }""", "admin", {}, [("agency.update", "agency")]),
    "updateUnit": ("""mutation { updateUnit(input: {agency: "DISDIK", code: "SDN-002", name: "SD Negeri 002 Kota",
        parent: "SDN-001"}) { errors { code } } }""", "disdik_admin", {}, [("unit.update", "unit")]),
    "upsertPeople": ("""mutation($nip: String!, $sup: String!) { upsertPeople(input: [{nip: $nip,
        name: "Hana Wijaya", employmentType: PNS, position: "Guru Kelas", agency: "DISDIK", unit: "SDN-001",
        supervisor: $sup}]) { errors { code } } }""", "disdik_admin", {"nip": NEW_TEACHER, "sup": PRINCIPAL},
                     [("person.create", "person")]),
    "createCycle": ("""mutation { createCycle(year: 2026) { errors { code } } }""", "admin", {},
                    [("cycle.create", "cycle")]),
    "reloadSpecs": ("""mutation { reloadSpecs { indicators } }""", "admin", {}, None),  # one per indicator
    "setTargets": ("""mutation($nip: String!) { setTargets(input: [{cycle: 2025,
        indicator: "DISDIK.PARTISIPASI_MASYARAKAT", nip: $nip, workResult: "Sosialisasi", value: 75}]) {
        targets { id } errors { code } } }""", "principal", {"nip": TEACHER_1}, [("target.create", "target")]),
    # the SKP (qualitative indicators: no Target rows): created, submitted, approved, revised, then submitted and
    # returned in one document (root mutations run in order)
    "saveSkp": ("""mutation($nip: String!) { saveSkp(input: {nip: $nip, cycle: 2025, items: [{kind: MAIN,
        workResult: "Administrasi kelas", indicators: [{aspect: QUALITY, text: "Tertib", expectedOutput: "Buku"}]}]})
        { errors { code } } }""", "teacher", {"nip": TEACHER_1}, [("skp.create", "skp")]),
    "submitSkp": ("""mutation($nip: String!) { submitSkp(nip: $nip, cycle: 2025, version: 1) { errors { code } } }""",
                  "teacher", {"nip": TEACHER_1}, [("skp.submit", "skp")]),
    "approveSkp": ("""mutation($nip: String!) { approveSkp(nip: $nip, cycle: 2025, version: 2) { errors { code } } }""",
                   "principal", {"nip": TEACHER_1}, [("skp.approve", "skp")]),
    "reviseSkp": ("""mutation($nip: String!) { reviseSkp(nip: $nip, cycle: 2025, version: 3) { errors { code } } }""",
                  "teacher", {"nip": TEACHER_1}, [("skp.revise", "skp")]),
    "returnSkp": ("""mutation($nip: String!) { s: submitSkp(nip: $nip, cycle: 2025, version: 4) { errors { code } }
        returnSkp(nip: $nip, cycle: 2025, version: 5, note: "Tambahkan indikator") { errors { code } } }""",
                  "principal", {"nip": TEACHER_1}, [("skp.submit", "skp"), ("skp.return", "skp")]),
    # TEACHER_1's development plan of 2025 (not gated by the cycle's status): saved, agreed by PRINCIPAL, then by
    # TEACHER_1 (AGREED) who completes its action 1 in the same document, which PRINCIPAL confirms
    "saveDevelopmentPlan": ("""mutation($nip: String!) { saveDevelopmentPlan(nip: $nip, cycle: 2025, version: 0,
        actions: [{kind: TRAINING, title: "Bimtek kurikulum", plannedHours: 24}]) { errors { code } } }""", "teacher",
                            {"nip": TEACHER_1}, [("development_plan.save", "development_plan")]),
    "agreeDevelopmentPlan": ("""mutation($nip: String!) { agreeDevelopmentPlan(nip: $nip, cycle: 2025, version: 1) {
        errors { code } } }""", "principal", {"nip": TEACHER_1}, [("development_plan.agree", "development_plan")]),
    "completeDevelopmentAction": ("""mutation($nip: String!) { a: agreeDevelopmentPlan(nip: $nip, cycle: 2025,
        version: 2) { errors { code } } completeDevelopmentAction(input: {action: "1", version: 3, hoursDone: 24,
        completedOn: "2025-06-30", evidenceNumber: "SERT/2025/001"}) { errors { code } } }""", "teacher",
                                  {"nip": TEACHER_1}, [("development_plan.agree", "development_plan"),
                                                       ("development_action.complete", "development_action")]),
    "confirmDevelopmentAction": ("""mutation { confirmDevelopmentAction(action: "1", version: 4) {
        errors { code } } }""", "principal", {}, [("development_action.confirm", "development_action")]),
    "setCycleStatus": ("""mutation { setCycleStatus(year: 2025, status: ACTIVE) { errors { code } } }""", "admin", {},
                       [("cycle.status", "cycle")]),
    "recordMeasurements": ("""mutation($t: ID!) { recordMeasurements(input: [{target: $t, period: "2025-Q1",
        inputs: {participants: 60, invited: 80}}]) { errors { code } } }""", "teacher", {},
                           [("measurement.create", "measurement")]),
    "submitFeedback": ("""mutation { submitFeedback(input: {agency: "DISDIK", unit: "SDN-001", period: "2025-Q1",
        answers: [4, 4, 3, 4, 3, 4, 4, 3, 4]}) { accepted errors { code } } }""", None, {},
                       [("survey.submit", "survey_response")]),
    "setServicePopulation": ("""mutation { setServicePopulation(agency: "DISDIK", unit: "SDN-001", population: 900) {
        errors { code } } }""", "disdik_admin", {}, [("service_population.set", "service_population")]),
    "setOrgPredikat": ("""mutation { setOrgPredikat(agency: "DISDIK", period: "2025", predikat: BAIK) {
        errors { code } } }""", "admin", {}, [("org_rating.set", "org_rating")]),
    "setUnitOrgPredikat": ("""mutation { setUnitOrgPredikat(agency: "DISDIK", unit: "SDN-001", period: "2025",
        predikat: BAIK) { errors { code } } }""", "disdik_admin", {}, [("unit_org_rating.set", "unit_org_rating")]),
    "submitSelfAssessment": ("""mutation($nip: String!) { submitSelfAssessment(input: {nip: $nip, period: "2025",
        resultRating: SESUAI_EKSPEKTASI, behaviorRating: SESUAI_EKSPEKTASI}) { errors { code } } }""", "teacher",
                             {"nip": TEACHER_1}, [("assessment.create", "assessment")]),
    # a rating of BUTUH_PERBAIKAN: it proposes development actions onto TEACHER_1's plan and requires it agreed
    "submitSupervisorAssessment": ("""mutation($nip: String!) { submitSupervisorAssessment(input: {nip: $nip,
        period: "2025", resultRating: DI_BAWAH_EKSPEKTASI, behaviorRating: SESUAI_EKSPEKTASI}) { errors { code } } }""",
                                   "principal", {"nip": TEACHER_1}, [("assessment.create", "assessment")]),
    "finalizeRating": ("""mutation($nip: String!) { finalizeRating(input: {nip: $nip, period: "2025",
        overrideReason: "Capaian belum lengkap"}) { errors { code } } }""", "principal", {"nip": TEACHER_1},
                       [("rating.finalize", "rating"), ("development_plan.propose", "development_plan")]),
    "logWork": ("""mutation($nip: String!) { logWork(input: [{nip: $nip, day: "2025-05-20", text: "Mengajar",
        minutes: 120}, {nip: $nip, day: "2025-05-21", text: "Rapat", minutes: 60}]) { errors { code } } }""",
                "teacher", {"nip": TEACHER_1}, [("work_log.create", "work_log")]),  # one event a batch
    "givePerformanceFeedback": ("""mutation($nip: String!) { givePerformanceFeedback(input: {nip: $nip,
        period: "2025-Q2", text: "Pertahankan"}) { errors { code } } }""", "principal", {"nip": TEACHER_1},
                                [("performance_feedback.give", "performance_feedback")]),
    "answerPerformanceFeedback": ("""mutation { answerPerformanceFeedback(id: "1", text: "Terima kasih") {
        errors { code } } }""", "teacher", {}, [("performance_feedback.answer", "performance_feedback")]),
    "setPassword": ("""mutation($nip: String!) { setPassword(nip: $nip, password: "kata-sandi-guru") {
        errors { code } } }""", "disdik_admin", {"nip": TEACHER_1}, [("credential.set", "person")]),
    "login": ("""mutation($nip: String!) { login(nip: $nip, password: "kata-sandi-guru") { token errors { code } } }""",
              None, {"nip": TEACHER_1}, [("session.login", "person")]),
    "changePassword": ("""mutation { changePassword(current: "kata-sandi-guru", new: "kata-sandi-guru-baru") {
        errors { code } } }""", "session", {}, [("credential.change", "person")]),
    "logout": ("""mutation { logout }""", "session", {}, [("session.logout", "api_token")]),
    # an objection to the rating finalized above: filed, a statement, decided by HEAD (PRINCIPAL's superior)
    "fileObjection": ("""mutation($nip: String!) { fileObjection(nip: $nip, period: "2025", reason: "Belum sesuai") {
        errors { code } } }""", "teacher", {"nip": TEACHER_1}, [("objection.file", "objection")]),
    "addObjectionStatement": ("""mutation { addObjectionStatement(id: "1", text: "Bukti terlampir") {
        errors { code } } }""", "teacher", {}, [("objection.statement", "objection")]),
    "decideObjection": ("""mutation { decideObjection(input: {id: "1", outcome: UPHELD, reason: "Sesuai bukti"}) {
        errors { code } } }""", "head", {}, [("objection.decide", "objection")]),
    # the reopened rating no longer requires the plan
    "reopenRating": ("""mutation($nip: String!) { reopenRating(nip: $nip, period: "2025", reason: "salah input") {
        errors { code } } }""", "admin", {"nip": TEACHER_1}, [("rating.reopen", "rating"),
                                                              ("development_plan.release", "development_plan")]),
    # posts, a transfer and an acting official (the world's head posts: 1 SEKRETARIAT, 2 SDN-001, 3 PKM-BATU10)
    "createPost": ("""mutation { createPost(input: {agency: "DISDIK", name: "Analis Kebijakan", kind: FUNGSIONAL}) {
        errors { code } } }""", "disdik_admin", {}, [("post.create", "post")]),
    # the world's head posts are 1 to 3: the functional post just created is 4
    "setPostCreditCoefficient": ("""mutation { setPostCreditCoefficient(post: "4", coefficient: 12.5) {
        errors { code } } }""", "disdik_admin", {}, [("post.coefficient", "post")]),
    "transferPerson": ("""mutation($nip: String!, $day: Date!) { transferPerson(input: {nip: $nip, effective: $day,
        unit: "SEKRETARIAT", reason: "SK 800/5/2026"}) { errors { code } } }""", "disdik_admin",
                       {"nip": TEACHER_2, "day": str(TODAY)}, [("person.transfer", "person")]),
    "appointActing": ("""mutation($nip: String!, $from: Date!, $to: Date!) { appointActing(input: {post: "2",
        nip: $nip, kind: PLH, startsOn: $from, endsOn: $to, decree: "SK 800/6/2026"}) { errors { code } } }""",
                      "disdik_admin", {"nip": TEACHER_1, "from": str(TODAY - dt.timedelta(days=30)),
                                       "to": str(TODAY + dt.timedelta(days=30))},
                      [("acting.appoint", "acting_assignment")]),
    "endActing": ("""mutation($day: Date!) { endActing(id: "1", lastDay: $day) { errors { code } } }""",
                  "disdik_admin", {"day": str(TODAY + dt.timedelta(days=1))}, [("acting.end", "acting_assignment")]),
    # leaving the service and coming back (TEACHER_2, transferred above, supervises nobody)
    "retirePerson": ("""mutation($nip: String!, $day: Date!) { retirePerson(input: {nip: $nip, reason: PENSIUN,
        date: $day, note: "SK pensiun"}) { errors { code } } }""", "disdik_admin",
                     {"nip": TEACHER_2, "day": str(TODAY)}, [("person.depart", "person")]),
    "reinstatePerson": ("""mutation($nip: String!) { reinstatePerson(nip: $nip, note: "SK dibatalkan") {
        errors { code } } }""", "disdik_admin", {"nip": TEACHER_2}, [("person.reinstate", "person")]),
    # indicator drafts (issue 18): draft 1 saved, submitted, approved, then its indicator retired; draft 2 saved,
    # submitted and rejected; draft 3 saved and discarded
    "saveIndicatorDraft": ("""mutation($y: String!) { saveIndicatorDraft(input: {agency: "DINKES", yaml: $y}) {
        errors { code } } }""", "dinkes_admin", {"y": DRAFT}, [("indicator_draft.save", "indicator_draft")]),
    "submitIndicatorDraft": ("""mutation { submitIndicatorDraft(id: 1, version: 1) { errors { code } } }""",
                             "dinkes_admin", {}, [("indicator_draft.submit", "indicator_draft")]),
    "approveIndicatorDraft": ("""mutation { approveIndicatorDraft(id: 1, version: 2) { errors { code } } }""",
                              "admin", {}, [("indicator_draft.approve", "indicator_draft"),
                                            ("indicator.create", "indicator")]),
    "retireIndicator": ("""mutation { retireIndicator(code: "DINKES.IMUNISASI", reason: "Diganti") {
        errors { code } } }""", "dinkes_admin", {}, [("indicator.retire", "indicator")]),
    "rejectIndicatorDraft": ("""mutation($y: String!) { s: saveIndicatorDraft(input: {agency: "DINKES", yaml: $y}) {
        errors { code } } u: submitIndicatorDraft(id: 2, version: 1) { errors { code } }
        rejectIndicatorDraft(id: 2, version: 2, note: "Sasaran belum jelas") { errors { code } } }""", "admin",
                             {"y": DRAFT.replace("IMUNISASI", "IMUNISASI_2")},
                             [("indicator_draft.save", "indicator_draft"), ("indicator_draft.submit", "indicator_draft"),
                              ("indicator_draft.reject", "indicator_draft")]),
    "discardIndicatorDraft": ("""mutation($y: String!) { s: saveIndicatorDraft(input: {agency: "DINKES", yaml: $y}) {
        errors { code } } discardIndicatorDraft(id: 3, version: 1) { errors { code } } }""", "dinkes_admin",
                              {"y": DRAFT.replace("IMUNISASI", "IMUNISASI_3")},
                              [("indicator_draft.save", "indicator_draft"),
                               ("indicator_draft.discard", "indicator_draft")]),
}
EVALUATION = """mutation { setCycleStatus(year: 2025, status: EVALUATION) { errors { code } } }"""


def test_the_table_names_every_mutation_of_the_schema():
    live = set(build_schema(Settings())._schema.mutation_type.fields)
    assert live == set(WRITES), (f"mutations without an audit row: {sorted(live - set(WRITES))}; "
                                 f"rows without a mutation: {sorted(set(WRITES) - live)}")


async def test_every_mutation_appends_its_events(api, world):
    target = session = None
    for name, (mutation, token, variables, expected) in WRITES.items():
        if name == "submitSelfAssessment":  # assessments are written while the cycle is in EVALUATION
            assert (await api.gql(EVALUATION, token=world.admin))["setCycleStatus"]["errors"] == []
        if token == "head":  # made before `last`: creating a token is audited too
            bearer = await tokens.create_token("EMPLOYEE", nip=HEAD)
        else:
            bearer = session if token == "session" else getattr(world, token) if token else None
        last = await AuditEvent.all().order_by("-id").first()
        data = await api.gql(mutation, token=bearer, **({"t": target} if name == "recordMeasurements" else variables))
        payload = data[name]
        if name == "logout":  # a Boolean, not a payload
            assert payload is True
        else:
            assert payload.get("errors", []) == [], (name, payload)
        if name == "login":
            session = payload["token"]
        events = await AuditEvent.filter(id__gt=last.id).order_by("id")
        if expected is None:  # reloadSpecs: one indicator.create per indicator of the specs
            assert {e.action for e in events} == {"indicator.create"} and len(events) == payload["indicators"] > 0
        else:
            assert [(e.action, e.entity) for e in events] == expected, name
        assert all(e.actor for e in events), name
        if name == "setTargets":
            target = payload["targets"][0]["id"]
    assert (await audit.verify()).ok
