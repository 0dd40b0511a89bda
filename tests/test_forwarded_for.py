"""X-Forwarded-For through the real `kinerja serve`: believed only from KINERJA_TRUSTED_PROXIES.

uvicorn trusts forwarding headers from 127.0.0.1 by default; a client on the server's own machine (or behind a
proxy that passes the header on) then chose its own address with each request, and the survey's rate limit and the
sign-in throttle, which count by the address, let every request through. These tests send from 127.0.0.1 with a new
X-Forwarded-For each time.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx
import pytest

from conftest import start_api, stop_api
from kinerja.models import SurveyResponse
from kinerja.settings import Settings, SettingsError
from test_cli import ENV, KINERJA, Server, with_db
from world import build_world

pytestmark = pytest.mark.slow

STATUS = 'mutation { setCycleStatus(year: 2025, status: ACTIVE) { errors { code } } }'
SUBMIT = """mutation($input: FeedbackInput!) { submitFeedback(input: $input) { accepted errors { code } } }"""
LOGIN = """mutation($nip: String!, $password: String!) { login(nip: $nip, password: $password) {
  token errors { code message } } }"""
STRANGER = "199001012015011999"  # no such person: a failed sign-in all the same


class ServerWith(Server):
    """`kinerja serve` with extra environment variables."""

    def __init__(self, tmp_path: Path, env: dict[str, str], *args: str):
        import threading

        from test_cli import free_port

        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp_path / "serve.log"
        self._log = self.log_path.open("w")
        self.proc = subprocess.Popen([*KINERJA, "serve", "--port", str(self.port), *args], stdout=subprocess.PIPE,
                                     stderr=self._log, text=True, env=ENV | env, cwd=tmp_path)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def post(self, query: str, forwarded_for: str, **variables) -> dict:
        response = httpx.post(f"{self.base}/graphql", json={"query": query, "variables": variables},
                              headers={"X-Forwarded-For": forwarded_for}, timeout=30)
        assert response.status_code == 200, response.text
        return response.json()


def serve(database_url: str, tmp_path: Path, **env: str) -> tuple[ServerWith, str]:
    """A world, its cycle 2025 ACTIVE, served with a survey limit of one answer an hour per address."""
    world = with_db(database_url, build_world)
    server = ServerWith(tmp_path, {"KINERJA_FEEDBACK_LIMIT": "1/3600", **env}, "--db", database_url)
    server.wait_until(server.healthy, timeout=30)
    assert server.graphql(STATUS, world.admin)["data"]["setCycleStatus"]["errors"] == []
    return server, world.admin


def survey_answers(server: ServerWith, count: int) -> list[object]:
    """What `count` answers each from a new X-Forwarded-For get: True (accepted) or the error code."""
    found = []
    for i in range(count):
        answer = {"agency": "DISDIK", "period": "2025-Q1", "answers": [4] * 9}
        result = server.post(SUBMIT, f"203.0.113.{i + 1}", input=answer)["data"]["submitFeedback"]
        found.append(True if result["accepted"] else result["errors"][0]["code"])
    return found


def sign_ins(server: ServerWith, count: int) -> list[str]:
    """The first error code of `count` wrong sign-ins for one NIP, each from a new X-Forwarded-For."""
    return [server.post(LOGIN, f"198.51.100.{i + 1}", nip=STRANGER, password="salah-tebak")["data"]["login"][
        "errors"][0]["code"] for i in range(count)]


def test_a_rotating_forwarded_for_does_not_pass_the_survey_limit(database_url, tmp_path):
    server, _ = serve(database_url, tmp_path)
    try:
        # one address (the connection's), whatever the header says: the second answer is over the limit
        assert survey_answers(server, 3) == [True, "RATE_LIMITED", "RATE_LIMITED"]
    finally:
        server.stop()
    assert "Traceback" not in server.log()


def test_a_rotating_forwarded_for_does_not_pass_the_sign_in_throttle(database_url, tmp_path):
    server, _ = serve(database_url, tmp_path)
    try:
        # three failures for the NIP from this address, then the pair is slowed
        found = sign_ins(server, 5)
        assert found[:3] == ["INVALID_CREDENTIALS"] * 3 and set(found[3:]) == {"TOO_MANY_ATTEMPTS"}, found
    finally:
        server.stop()
    assert "Traceback" not in server.log()


async def test_the_app_itself_ignores_forwarded_for_unless_its_peer_is_trusted(database_url):
    """The app, under any server: the header counts only when the connection comes from a trusted proxy."""
    answer = {"agency": "DISDIK", "period": "2025-Q1", "answers": [4] * 9}

    async def accepted(api, peer: str, forwarded_for: str) -> bool:
        transport = httpx.ASGITransport(app=api.client._transport.app, client=(peer, 4000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            response = await client.post("/graphql", json={"query": SUBMIT, "variables": {"input": answer}},
                                         headers={"X-Forwarded-For": forwarded_for})
        return response.json()["data"]["submitFeedback"]["accepted"]

    for trusted, expected in (((), [True, False, True, False]), (("10.1.0.0/16",), [True, True, True, False])):
        api, handles = await start_api(database_url, feedback_limit=1, trusted_proxies=trusted)
        try:
            if not trusted:
                world = await build_world()
                await api.gql(STATUS, token=world.admin)
            await SurveyResponse.all().delete()  # each round starts with no answers
            # two from the proxy 10.1.2.3 (trusted in the second round), then two from 192.0.2.9 (never trusted):
            # its header, naming an address that has answered already and then a new one, is ignored
            found = [await accepted(api, "10.1.2.3", "203.0.113.1"), await accepted(api, "10.1.2.3", "203.0.113.2"),
                     await accepted(api, "192.0.2.9", "203.0.113.1"), await accepted(api, "192.0.2.9", "203.0.113.4")]
            assert found == expected, (trusted, found)
        finally:
            await stop_api(handles)


def test_forwarded_for_is_believed_from_a_trusted_proxy(database_url, tmp_path):
    server, _ = serve(database_url, tmp_path, KINERJA_TRUSTED_PROXIES="127.0.0.1")
    try:
        # behind the proxy each header is its own client: each has its own limit
        assert survey_answers(server, 3) == [True, True, True]
        assert sign_ins(server, 5) == ["INVALID_CREDENTIALS"] * 5
        # one client behind the proxy still gets one answer an hour, and its forged entries to the left of what the
        # proxy appended are not believed
        again = {"agency": "DISDIK", "period": "2025-Q1", "answers": [4] * 9}
        forged = server.post(SUBMIT, "192.0.2.77, 203.0.113.1", input=again)["data"]["submitFeedback"]
        assert forged["errors"][0]["code"] == "RATE_LIMITED", forged
    finally:
        server.stop()
    assert "Traceback" not in server.log()


def test_a_trusted_network_other_than_loopback_leaves_loopback_untrusted(database_url, tmp_path):
    server, _ = serve(database_url, tmp_path, KINERJA_TRUSTED_PROXIES="10.0.0.0/8")
    try:
        assert survey_answers(server, 2) == [True, "RATE_LIMITED"]
    finally:
        server.stop()


@pytest.mark.parametrize("value, words", [("127.0.0.1,*", "'*' is neither"), ("proxy.local", "'proxy.local'"),
                                          ("10.0.0.0/33", "'10.0.0.0/33'")])
def test_trusted_proxies_takes_addresses_and_networks_only(value, words):
    with pytest.raises(SettingsError, match="KINERJA_TRUSTED_PROXIES") as raised:
        Settings.from_env({"KINERJA_TRUSTED_PROXIES": value})
    assert words in str(raised.value)
    assert Settings.from_env({"KINERJA_TRUSTED_PROXIES": " 127.0.0.1, ::1,10.0.0.0/8"}).trusted_proxies == (
        "127.0.0.1", "::1", "10.0.0.0/8")
