"""The SKP tests' documents and steps: the world of tests/world.py with specs loaded and SKPs saved through the API."""

from __future__ import annotations

from kinerja.services.auth import tokens
from world import HEAD, PRINCIPAL, TEACHER_1, TEACHER_2

SKP_FIELDS = """nip cycle status version revision approvedRevision
  items { key kind workResult parentKey intervention indicators { aspect indicator { code name } target text
    expectedOutput targetId measurements { id value } } }
  expectations { value text } attachments { resources accountability consequences }
  revisions { number status returnNote submittedBy submittedAt decidedBy decidedAt }"""
SAVE = ("mutation($input: SkpInput!, $version: Int) { saveSkp(input: $input, version: $version) { skp { "
        + SKP_FIELDS + " } errors { path code message } } }")
READ = "query($nip: String!, $cycle: Int!) { skp(nip: $nip, cycle: $cycle) { " + SKP_FIELDS + " } }"
SUBMIT = """mutation($nip: String!, $version: Int!) { submitSkp(nip: $nip, cycle: 2025, version: $version) {
  skp { status version revision approvedRevision } errors { path code message } } }"""
APPROVE = """mutation($nip: String!, $version: Int!) { approveSkp(nip: $nip, cycle: 2025, version: $version) {
  skp { status version revision approvedRevision } errors { path code message } } }"""
RETURN = """mutation($nip: String!, $version: Int!, $note: String!) {
  returnSkp(nip: $nip, cycle: 2025, version: $version, note: $note) {
  skp { status version revision approvedRevision } errors { path code message } } }"""
REVISE = """mutation($nip: String!, $version: Int!) { reviseSkp(nip: $nip, cycle: 2025, version: $version) {
  skp { status version revision approvedRevision } errors { path code message } } }"""
CHANGES = """query($nip: String!, $from: Int!, $to: Int!) { skpChanges(nip: $nip, cycle: 2025, from: $from, to: $to) {
  change key indicator field old new } }"""
MATRIX = """query($nip: String!) { skpMatrix(nip: $nip, cycle: 2025) { key workResult unlinked
  contributions { nip name key workResult status } } }"""
STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }"
SET_TARGETS = """mutation($input: [TargetInput!]!) { setTargets(input: $input) { targets { id value }
  errors { path code message } } }"""
RECORD = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) { measurements { id value }
  errors { path code message } } }"""

QUANT = "DISDIK.PARTISIPASI_MASYARAKAT"
OTHER = "DISDIK.KELULUSAN"


async def load_specs(api, world) -> None:
    await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)


async def head_token() -> str:
    return await tokens.create_token("EMPLOYEE", nip=HEAD)


def quant(target: float = 80, code: str = QUANT, aspect: str = "QUANTITY") -> dict:
    return {"aspect": aspect, "indicator": code, "target": target}


def qual(text: str = "Laporan diterima tepat waktu", output: str = "Laporan bulanan", aspect: str = "QUALITY"
         ) -> dict:
    return {"aspect": aspect, "text": text, "expectedOutput": output}


def item(work: str, *indicators: dict, kind: str = "MAIN", **more) -> dict:
    return {"kind": kind, "workResult": work, "indicators": list(indicators), **more}


def skp_input(nip: str, *items: dict, **more) -> dict:
    return {"nip": nip, "cycle": 2025, "items": list(items), **more}


async def save(api, token, input_: dict, version=None) -> dict:
    data = await api.gql(SAVE, token=token, input=input_, version=version)
    return data["saveSkp"]


async def saved(api, token, input_: dict, version=None) -> dict:
    answer = await save(api, token, input_, version)
    assert answer["errors"] == [], answer["errors"]
    return answer["skp"]


async def step(api, token, document: str, **variables) -> dict:
    data = await api.gql(document, token=token, **variables)
    return next(iter(data.values()))


async def approved_principal_skp(api, world, head: str) -> dict:
    """PRINCIPAL's SKP (R1 with a quantitative and a qualitative indicator, R2 qualitative) approved by HEAD."""
    skp = await saved(api, world.principal, skp_input(
        PRINCIPAL, item("Mutu pembelajaran SD meningkat", quant(90, OTHER), qual()),
        item("Partisipasi orang tua meningkat", qual("Rapat komite terlaksana", "Notulen rapat"))))
    done = await step(api, world.principal, SUBMIT, nip=PRINCIPAL, version=skp["version"])
    assert done["errors"] == [], done
    done = await step(api, head, APPROVE, nip=PRINCIPAL, version=done["skp"]["version"])
    assert done["errors"] == [], done
    return done["skp"]


def teacher_input(**more) -> dict:
    return skp_input(TEACHER_1, item("Sosialisasi program sekolah kepada orang tua", quant(75), parentKey="R2"),
                     item("Administrasi kelas tertib", qual(), kind="ADDITIONAL"), **more)


async def counts() -> dict[str, int]:
    """tests/seeded.py's table_counts and the SKP tables: what a refused SKP write must not change."""
    from kinerja.models import Skp, SkpExpectation, SkpIndicator, SkpItem, SkpRevision
    from seeded import table_counts

    found = await table_counts()
    for model in (Skp, SkpRevision, SkpItem, SkpIndicator, SkpExpectation):
        found[model.__name__] = await model.all().count()
    return found


# -- for tests/seeded.py and tests/test_access_matrix.py --------------------------------------------------------

async def seed_skps(api, world, dinkes_head: str, canary: dict[str, str]) -> None:
    """TEACHER_1's SKP approved by PRINCIPAL and NURSE's by DINKES_HEAD, each revised to a revision 2 (DRAFT) with
    another work result; qualitative indicators only (no Target rows); the texts carry the agency's canary."""
    from world import NURSE

    for nip_, token, approver, agency in ((TEACHER_1, world.teacher, world.principal, "DISDIK"),
                                          (NURSE, world.nurse, dinkes_head, "DINKES")):
        await saved(api, token, skp_input(nip_, item(f"Rencana {canary[agency]}", qual())))
        for document, bearer, version in ((SUBMIT, token, 1), (APPROVE, approver, 2), (REVISE, token, 3)):
            done = await step(api, bearer, document, nip=nip_, version=version)
            assert done["errors"] == [], done
        await saved(api, token, skp_input(nip_, item(f"Rencana baru {canary[agency]}", qual(), key="R1")), version=4)


async def _all(api, bearer: str, document: str, nips: tuple[str, ...], version: int, **more) -> None:
    for nip_ in nips:
        done = await step(api, bearer, document, nip=nip_, version=version, **more)
        assert done["errors"] == [], done


async def skp_drafts(api, w) -> dict:
    """DRAFT SKPs (version 1) of TEACHER_1, TEACHER_2 and HEAD, saved by ADMIN."""
    for nip_ in (TEACHER_1, TEACHER_2, HEAD):
        await saved(api, w.admin, skp_input(nip_, item("Rencana", qual())))
    return {}


async def skp_submitted(api, w) -> dict:
    """The drafts submitted (version 2)."""
    await skp_drafts(api, w)
    await _all(api, w.admin, SUBMIT, (TEACHER_1, TEACHER_2, HEAD), 1)
    return {}


async def skp_approved(api, w) -> dict:
    """The submitted SKPs approved (version 3): the teachers' by PRINCIPAL, HEAD's by ADMIN."""
    await skp_submitted(api, w)
    await _all(api, w.principal, APPROVE, (TEACHER_1, TEACHER_2), 2)
    await _all(api, w.admin, APPROVE, (HEAD,), 2)
    return {}
