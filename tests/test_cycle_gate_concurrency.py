"""The cycle gate under concurrency (PostgreSQL): a write that checked an open cycle, and a setCycleStatus that
shuts the write out landing inside the write's transaction. Every trial must end one of two ways: the write is
refused (CYCLE_CLOSED or CYCLE_STATE) and nothing of it is stored, or the write committed before the status
change did. A write committed after it is the race gate.recheck closes.

Commit order is read off the audit chain: audit.append takes one advisory lock held until the commit, so event
ids follow the order in which the transactions that append them commit; every write here and setCycleStatus
append their events inside their own transaction.

Each write is held just inside its transaction (BEGIN sent, nothing else: before gate.recheck and before any row)
until the trial releases it: after the status change has committed (it must then be refused), at once while the
change is on its way (the write usually takes its FOR SHARE first, and the change has to wait for its commit),
or after a small random stagger."""

from __future__ import annotations

import asyncio
import contextlib
import random
from dataclasses import dataclass, field

import pytest

from conftest import start_api, stop_api
from kinerja.models import AuditEvent, SurveyResponse, Target
from kinerja.services.core import audit
from kinerja.services.core.access import SYSTEM, Access
from kinerja.services.cycles import workflow
from kinerja.services.skp import measurements as measurements_service
from kinerja.services.skp import targets as targets_service
from kinerja.services.survey import satisfaction as satisfaction_service
from world import TEACHER_1, build_world

pytestmark = pytest.mark.parametrize("database_url", ["postgres"], indirect=True)  # skipped without PostgreSQL

TRIALS = 50
STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code message } } }"
SET_TARGETS = """mutation($input: [TargetInput!]!) { setTargets(input: $input) {
  targets { id } errors { path code message } } }"""
RECORD = """mutation($input: [MeasurementInput!]!) { recordMeasurements(input: $input) {
  errors { path code message } } }"""
FEEDBACK = """mutation($input: FeedbackInput!) { submitFeedback(input: $input) {
  accepted errors { path code message } } }"""
INDICATOR = "DISDIK.PARTISIPASI_MASYARAKAT"


def target_input(n: int) -> dict:
    return {"cycle": 2025, "indicator": INDICATOR, "nip": TEACHER_1, "workResult": f"Sosialisasi {n}", "value": 75}


@dataclass(frozen=True)
class Write:
    name: str
    module: object  # the service module whose in_transaction the trial holds
    actions: tuple[str, ...]  # the audit actions of its rows
    open_status: str  # the status the write is taken in
    shut_status: str  # the one step forward that shuts it out
    refusal: tuple[str, list[str]]  # the code and path of the refusal


WRITES = [
    Write("setTargets", targets_service, ("target.create",), "ACTIVE", "EVALUATION",
          ("CYCLE_STATE", ["input", "0", "cycle"])),
    Write("recordMeasurements", measurements_service, ("measurement.create", "measurement.replace"), "EVALUATION",
          "CLOSED", ("CYCLE_CLOSED", ["input", "0", "target"])),
    Write("submitFeedback", satisfaction_service, ("survey.submit",), "EVALUATION", "CLOSED",
          ("CYCLE_CLOSED", ["input", "period"])),
]


class Hold:
    """While armed, holds the module's next transaction just after its BEGIN until `release` is set."""

    def __init__(self, module, monkeypatch: pytest.MonkeyPatch):
        self.armed = False
        self.entered, self.release = asyncio.Event(), asyncio.Event()
        real = module.in_transaction

        @contextlib.asynccontextmanager
        async def held(*args, **kwargs):
            async with real(*args, **kwargs) as conn:
                if self.armed:
                    self.armed = False
                    self.entered.set()
                    await self.release.wait()
                yield conn

        monkeypatch.setattr(module, "in_transaction", held)

    def arm(self) -> None:
        self.armed = True
        self.entered.clear()
        self.release.clear()


@dataclass
class Tally:
    refused: list[int] = field(default_factory=list)
    before: list[int] = field(default_factory=list)  # committed before the status change committed
    after: list[int] = field(default_factory=list)  # committed after it: the race

    def __str__(self) -> str:
        return (f"{len(self.refused)} refused, {len(self.before)} committed before the change, "
                f"{len(self.after)} committed after it (violations: trials {self.after})")


@pytest.fixture
async def env(database_url):
    """The app (feedback limit out of the way: every answer here comes from one address), the world, the specs."""
    api, handles = await start_api(database_url, feedback_limit=1_000_000)
    try:
        world = await build_world()
        await api.gql("mutation { reloadSpecs { indicators } }", token=world.admin)
        yield api, world
    finally:
        await stop_api(handles)


async def move(status: str, reason: str | None = None) -> None:
    await workflow.set_cycle_status(Access(SYSTEM), 2025, status, reason)


async def last_event_id() -> int:
    last = await AuditEvent.all().order_by("-id").only("id").first()
    return last.id if last else 0


@pytest.mark.parametrize("write", WRITES, ids=[w.name for w in WRITES])
async def test_no_write_commits_after_the_cycle_shuts_it_out(env, write, monkeypatch):
    api, world = env
    await move("ACTIVE")
    # recordMeasurements measures one target, set up while targets are taken
    made = await api.gql(SET_TARGETS, token=world.principal, input=[target_input(0)])
    target = made["setTargets"]["targets"][0]["id"]
    if write.open_status == "EVALUATION":
        await move("EVALUATION")

    def request(n: int) -> tuple[str, dict, str | None]:
        if write.name == "setTargets":
            return SET_TARGETS, {"input": [target_input(n)]}, world.principal
        if write.name == "recordMeasurements":
            return RECORD, {"input": [{"target": target, "period": "2025-Q1",
                                       "inputs": {"participants": 1 + n, "invited": 80}}]}, world.teacher
        return FEEDBACK, {"input": {"agency": "DISDIK", "unit": "SDN-001", "period": "2025-Q1",
                                    "answers": [1 + n % 4] * 9, "comment": f"trial {n}"}}, None

    hold = Hold(write.module, monkeypatch)
    rng = random.Random(20250)
    tally = Tally()
    for n in range(1, TRIALS + 1):
        rows = (await Target.all().count(), await SurveyResponse.all().count())
        start = await last_event_id()
        hold.arm()
        query, variables, token = request(n)
        writing = asyncio.create_task(api.post(query, variables, token))
        entered = asyncio.create_task(hold.entered.wait())
        await asyncio.wait([writing, entered], return_when=asyncio.FIRST_COMPLETED, timeout=30)
        entered.cancel()
        assert hold.entered.is_set(), f"trial {n}: the write did not reach its transaction: {await writing}"
        # the write has checked the cycle (open) and begun its transaction: now the status change
        shutting = asyncio.create_task(api.post(STATUS, {"s": write.shut_status}, world.admin))
        mode = n % 3
        if mode == 0:
            await shutting  # committed inside the write's transaction, before the write reads anything
        elif mode == 2:
            await asyncio.sleep(rng.uniform(0, 0.02))
        hold.release.set()
        body, changed = await asyncio.wait_for(asyncio.gather(writing, shutting), 30)
        assert changed == {"data": {"setCycleStatus": {"errors": []}}}, (n, changed)

        events = await AuditEvent.filter(id__gt=start).order_by("id")
        [change] = [e.id for e in events if e.action == "cycle.status" and e.after["status"] == write.shut_status]
        written = [e.id for e in events if e.action in write.actions]
        assert "errors" not in body, (n, body)  # a user error in the payload, never a GraphQL (500-like) error
        payload = next(iter(body["data"].values()))
        if payload["errors"]:
            assert [(e["code"], e["path"]) for e in payload["errors"]] == [write.refusal], (n, payload)
            assert written == [] and rows == (await Target.all().count(), await SurveyResponse.all().count()), n
            tally.refused.append(n)
        else:
            assert written, (n, payload)
            (tally.before if max(written) < change else tally.after).append(n)
        await move(write.open_status, f"trial {n} is over")

    print(f"\n{write.name}: {TRIALS} trials: {tally}")
    assert tally.after == [], f"{write.name}: {len(tally.after)} of {TRIALS} writes committed after the change: {tally}"
    # both ways the gate answers were taken: the change waited for a write, and a write saw the change
    assert tally.refused and tally.before, f"{write.name}: {tally}"
    assert (await audit.verify()).ok
