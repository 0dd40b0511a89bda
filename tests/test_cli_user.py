"""`kinerja user set-password`, run as a real subprocess: the password comes from standard input, never an argument."""

from __future__ import annotations

import subprocess

from kinerja.models import AuditEvent, Credential
from kinerja.services.auth import sessions
from test_cli import ENV, KINERJA, assert_user_error, make_agencies, with_db
from world import nip

PERSON = nip(1, birth="19850101", appointed="201001")
POLICY = sessions.LoginPolicy(session_hours=1, lock_failures=10, lock_seconds=60)


def set_password(db_url: str, stdin: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*KINERJA, "user", "set-password", *args, "--db", db_url], input=stdin,
                          capture_output=True, text=True, timeout=120, env=ENV)


def with_person(db_url: str) -> None:
    from kinerja.services.org import people
    from kinerja.services.core.access import SYSTEM, Access

    make_agencies(db_url)

    async def work():
        await people.upsert_people(Access(SYSTEM), [people.PersonData(
            nip=PERSON, name="Rina Marlina", employment_type="PNS", position="Analis SDM", agency="DISDIK",
            unit=None, supervisor=None)])

    with_db(db_url, work)


def test_set_password_from_stdin_then_sign_in(database_url):
    with_person(database_url)
    result = set_password(database_url, "kata-sandi-dari-stdin\n", "--nip", PERSON, "--role", "ADMIN")
    assert result.returncode == 0, result.stderr
    assert f"password set for {PERSON} (Rina Marlina), role ADMIN" in result.stderr and result.stdout == ""
    assert "kata-sandi-dari-stdin" not in result.stderr

    async def sign_in():
        session = await sessions.login(PERSON, "kata-sandi-dari-stdin", "127.0.0.1", POLICY)
        events = [(e.action, e.actor) for e in await AuditEvent.filter(action="credential.set")]
        return session.role, events

    role, events = with_db(database_url, sign_in)
    assert role == "ADMIN" and events[0][0] == "credential.set" and events[0][1].startswith("cli:")


def test_bad_input_is_named_and_changes_nothing(database_url):
    with_person(database_url)
    assert_user_error(set_password(database_url, "pendek\n", "--nip", PERSON), "password", "at least 10 characters")
    assert_user_error(set_password(database_url, "", "--nip", PERSON), "no password on standard input")
    assert_user_error(set_password(database_url, "kata-sandi-dari-stdin\n", "--nip", "199901012020011999"),
                      "nip", "no person with NIP")

    async def count():
        return await Credential.all().count(), await AuditEvent.filter(action="credential.set").count()

    assert with_db(database_url, count) == (0, 0)
