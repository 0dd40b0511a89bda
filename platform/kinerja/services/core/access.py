"""Who is asking (Viewer) and what they may see and do (Access): every rule of who may do what, as named
predicates, in this one module (docs/ARCHITECTURE.md, "Access"). Callers ask a predicate; they never branch on a
role themselves. A refusal is made here and nowhere else: `deny` (a read: an error with code FORBIDDEN),
`refusal` (a write: a UserError with code FORBIDDEN in the mutation's payload), `forbidden` (one item of a batch)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Mapping, Sequence

from tortoise.expressions import Q

from kinerja.services.core import clock, sql
from kinerja.services.core.errors import AccessDenied, InputError, Problem


class Role(StrEnum):
    """The roles a token or a sign-in carries; GraphQL's Role enum and the CLI's --role choices wrap this one."""

    ADMIN = "ADMIN"  # BKPSDM: sees and does everything
    AGENCY_ADMIN = "AGENCY_ADMIN"  # its own agency only
    EMPLOYEE = "EMPLOYEE"  # itself and everyone below it in the supervisor tree


ADMIN = Role.ADMIN
AGENCY_ADMIN = Role.AGENCY_ADMIN
EMPLOYEE = Role.EMPLOYEE
ROLES: tuple[str, ...] = tuple(r.value for r in Role)


@dataclass(frozen=True)
class Viewer:
    role: str
    agency_id: int | None = None
    person_id: int | None = None
    token_id: int | None = None
    actor: str = "system"
    session: bool = False  # a person's sign-in (not an API token, not the operator)
    # a session signed in with a one-time password (a reset by someone else): it may only change that password
    must_change_password: bool = False


SYSTEM = Viewer(role=ADMIN, actor="system")


def viewer_for(role: str, *, token_id: int, agency_id: int | None, person: Any | None, session: bool,
               must_change_password: bool = False) -> Viewer:
    """Who a token or a sign-in session of this role stands for. An EMPLOYEE is its person (in the agency the
    person is in now); an AGENCY_ADMIN administers the agency its session's person is in now, or the agency its
    API token was made for; ADMIN sees everything and may stand for a person (an accountable assessor). The audit
    trail names a person's session, and an EMPLOYEE, by NIP; any other token by its id."""
    held = {"session": session, "must_change_password": bool(session and must_change_password)}
    if role == EMPLOYEE:
        return Viewer(role=EMPLOYEE, agency_id=person.agency_id, person_id=person.id, token_id=token_id,
                      actor=f"nip:{person.nip}", **held)
    actor = f"nip:{person.nip}" if session and person else f"token:{token_id}"
    person_id = person.id if person else None
    if role == AGENCY_ADMIN:
        return Viewer(role=AGENCY_ADMIN, agency_id=person.agency_id if session and person else agency_id,
                      person_id=person_id, token_id=token_id, actor=actor, **held)
    return Viewer(role=ADMIN, person_id=person_id, token_id=token_id, actor=actor, **held)


def deny(message: str, params: Mapping[str, Any] | None = None) -> AccessDenied:
    """The one refusal of a read (an error with code FORBIDDEN). params: {"action": a key of core/messages.ACTIONS},
    what the viewer may not do, as Indonesian says it."""
    return AccessDenied(message, params=params)


def refusal(path: Sequence[str], message: str, params: Mapping[str, Any] | None = None) -> InputError:
    """The one refusal of a write (a UserError with code FORBIDDEN at `path` in the mutation's payload)."""
    return InputError([forbidden(path, message, params)])


PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED"


def password_change_required() -> AccessDenied:
    """The refusal of everything but changePassword (and logout) to a session signed in with a one-time password."""
    return AccessDenied("this session signed in with a one-time password: change it with changePassword first",
                        PASSWORD_CHANGE_REQUIRED)


def forbidden(path: Sequence[str], message: str, params: Mapping[str, Any] | None = None) -> Problem:
    """The refusal of one item of a batch, reported beside the batch's other problems."""
    return Problem(tuple(path), "FORBIDDEN", message, params)


async def subtree_ids(person_id: int) -> list[int]:
    """The person and everyone below them in the supervisor tree (recursive CTE, one statement)."""
    return [pid for pid, _ in await subtree_rows(person_id, None)]


async def subtree_rows(person_id: int, day: dt.date | None) -> list[tuple[int, int]]:
    """(id, how): the person (0), with `day` the staff of the head posts they act in that day as Plt or Plh
    (1: the people who report to the post's holder or to the vacant post; docs/DOMAIN.md, "Posts, assignments and
    acting officials"), and everyone below them all (2). One statement."""
    conn = sql.connection()
    mark = "$" if sql.is_postgres(conn) else "?"  # numbered: each is used more than once
    me, on = f"{mark}1", f"{mark}2"
    seed = f"SELECT id, 0 AS how FROM person WHERE id = {me}"
    params: list = [person_id]
    if day is not None:  # driven from the viewer's acting assignments (indexed), so it costs nothing without one
        acting = (f"FROM acting_assignment a WHERE a.person_id = {me} AND a.starts_on <= {on} "
                  f"AND a.ends_on >= {on}")
        seed = (f"SELECT * FROM ({seed}"
                f" UNION SELECT p.id, 1 FROM person p JOIN (SELECT a.post_id {acting}) x"
                f" ON p.reports_to_post_id = x.post_id WHERE p.id <> {me}"
                f" UNION SELECT p.id, 1 FROM person p JOIN person h ON p.supervisor_id = h.id"
                f" JOIN (SELECT a.post_id {acting}) x ON h.post_id = x.post_id WHERE p.id <> {me}) seed")
        params.append(sql.db_date(conn, day))
    rows = await sql.fetch(
        conn,
        f"WITH RECURSIVE sub(id, how) AS ({seed}"
        " UNION SELECT p.id, 2 FROM person p JOIN sub s ON p.supervisor_id = s.id"
        ") SELECT id, MIN(how) AS how FROM sub GROUP BY id",
        params,
    )
    return [(r["id"], r["how"]) for r in rows]


@dataclass
class Access:
    """Per-request scope of one viewer; caches the supervisor subtree of an EMPLOYEE."""

    viewer: Viewer
    _subtree: frozenset[int] | None = field(default=None, repr=False)
    _acting_staff: frozenset[int] = field(default=frozenset(), repr=False)  # loaded with the subtree

    # -- who the viewer is -------------------------------------------------------------------------------------

    @property
    def is_admin(self) -> bool:
        return self.viewer.role == ADMIN

    @property
    def is_agency_admin(self) -> bool:
        return self.viewer.role == AGENCY_ADMIN

    @property
    def is_employee(self) -> bool:
        return self.viewer.role == EMPLOYEE

    def is_person(self, person_id: int | None) -> bool:
        """An EMPLOYEE viewer that is this person."""
        return self.is_employee and person_id is not None and self.viewer.person_id == person_id

    def supervises(self, person: Any) -> bool:
        """An EMPLOYEE viewer that is this person's direct supervisor, or acts today (Plt, Plh) in the head post
        the person reports to (known once the viewer's subtree is loaded: `can_see_person` and the lists load it)."""
        return (self.is_employee and self.viewer.person_id is not None
                and (getattr(person, "supervisor_id", None) == self.viewer.person_id
                     or getattr(person, "id", None) in self._acting_staff))

    def require_admin(self, what: str) -> None:
        if not self.is_admin:
            raise deny(f"only ADMIN may {what}", {"action": "admin_only"})

    # -- agencies ----------------------------------------------------------------------------------------------

    def can_manage_agency(self, agency_id: int) -> bool:
        """ADMIN, or the AGENCY_ADMIN of that agency."""
        v = self.viewer
        return v.role == ADMIN or (v.role == AGENCY_ADMIN and v.agency_id == agency_id)

    def can_see_agency(self, agency_id: int) -> bool:
        return self.is_admin or agency_id == self.viewer.agency_id

    def agency_filter(self) -> Q:
        """Agencies this viewer can see: all (ADMIN) or its own."""
        if self.is_admin:
            return Q()
        return Q(id=self.viewer.agency_id)

    @property
    def may_read_reports(self) -> bool:
        """Cross-agency reports, their exports, spec errors and audit trails: ADMIN and agency admins."""
        return self.viewer.role in (ADMIN, AGENCY_ADMIN)

    @property
    def may_change_people(self) -> bool:
        """Creating, moving and retiring people: ADMIN and agency admins (each within what it manages)."""
        return self.viewer.role in (ADMIN, AGENCY_ADMIN)

    # -- people ------------------------------------------------------------------------------------------------

    async def subtree(self) -> frozenset[int]:
        if self._subtree is None:
            rows = await subtree_rows(self.viewer.person_id, clock.today()) if self.viewer.person_id else []
            self._subtree = frozenset(pid for pid, _ in rows)
            self._acting_staff = frozenset(pid for pid, how in rows if how == 1)
        return self._subtree

    async def acting_staff(self) -> frozenset[int]:
        """The people an EMPLOYEE viewer supervises today as an acting official (Plt, Plh) of their head post
        (loaded with the subtree): with the direct subordinates, those `supervises` answers for."""
        await self.subtree()
        return self._acting_staff

    async def list_scope(self, agency_field: str = "agency_id", person_field: str = "id") -> Q:
        """The rows a list shows this viewer: all (ADMIN), its agency's (AGENCY_ADMIN), or those of itself and
        everyone below it (EMPLOYEE); the fields name where a row keeps its agency and its person."""
        v = self.viewer
        if v.role == ADMIN:
            return Q()
        if v.role == AGENCY_ADMIN:
            return Q(**{agency_field: v.agency_id})
        return Q(**{f"{person_field}__in": sorted(await self.subtree())})

    async def people_filter(self) -> Q:
        """People this viewer can see: all, its agency's, or itself and everyone below it."""
        return await self.list_scope()

    async def can_see_person(self, person_id: int, agency_id: int) -> bool:
        v = self.viewer
        if v.role == ADMIN:
            return True
        if v.role == AGENCY_ADMIN:
            return agency_id == v.agency_id
        return person_id in await self.subtree()

    # -- the year's writes -------------------------------------------------------------------------------------

    def may_set_target_for(self, person: Any) -> bool:
        """A person's SKP targets: ADMIN, the agency's admin, or the person's direct supervisor."""
        return self.can_manage_agency(person.agency_id) or self.supervises(person)

    def may_set_unit_target(self, agency_id: int) -> bool:
        """A unit's targets: ADMIN or the agency's admin."""
        return self.can_manage_agency(agency_id)

    def may_set_org_predikat(self) -> bool:
        """An agency's organisation predikat: ADMIN, the level above the agencies."""
        return self.is_admin

    def may_set_unit_org_predikat(self, agency_id: int, works_in_unit: bool) -> bool:
        """A unit's organisation predikat: the level above the unit, which is its agency: the agency's admin, or
        ADMIN. (The agency head is an EMPLOYEE like any other: no role names them, so they act through the agency
        admin.) Not an agency admin signed in as a person of that very unit (`works_in_unit`): the predikat sets its
        head's suggested results rating, and nobody sets their own unit's (SECURITY.md: no power through data one
        manages oneself); ADMIN does."""
        return self.is_admin or (self.can_manage_agency(agency_id) and not works_in_unit)

    def may_record(self, agency_id: int, person: Any | None) -> bool:
        """A measurement of a target of this agency (and of this person, for a person's target): ADMIN, the
        agency's admin, the person themselves or their direct supervisor."""
        if self.can_manage_agency(agency_id):
            return True
        return person is not None and (self.is_person(person.id) or self.supervises(person))

    def may_log_work_for(self, person: Any) -> bool:
        """A person's work log (catatan kinerja): the person themselves, or ADMIN (and the operator)."""
        return self.is_admin or self.is_person(person.id)

    def may_follow_work_of(self, person: Any) -> bool:
        """Reading a person's work log and the feedback they received: the person, their direct supervisor, the
        admin of their agency, ADMIN."""
        return self.is_person(person.id) or self.supervises(person) or self.can_manage_agency(person.agency_id)

    def may_give_feedback_to(self, person: Any, giver: Any | None, peers_allowed: bool) -> bool:
        """Continuous feedback (umpan balik berkelanjutan) on a person: their direct supervisor, ADMIN, and, when
        settings.peer_feedback is on, a peer: another EMPLOYEE of the same unit (`giver`: the viewer's person)."""
        if self.is_admin or self.supervises(person):
            return True
        return (peers_allowed and self.is_employee and giver is not None and not self.is_person(person.id)
                and person.unit_id is not None and giver.unit_id == person.unit_id)

    def may_answer_feedback(self, person: Any) -> bool:
        """The answer to feedback: only the person it is about."""
        return self.is_person(person.id)

    def monitors_subordinates_only(self) -> bool:
        """Monitoring (who has an approved SKP, who logs work, who had feedback): ADMIN any agency, an agency admin
        its agency (can_manage_agency), an EMPLOYEE only its direct subordinates."""
        return self.is_employee

    def may_stand_in_for_supervisor(self, person: Any) -> bool:
        """ADMIN writes the supervisor assessment of a person who has no supervisor (an agency head)."""
        return self.is_admin and getattr(person, "supervisor_id", None) is None

    def may_finalize(self, person: Any) -> bool:
        """A person's rating: ADMIN, or the person's direct supervisor."""
        return self.is_admin or self.supervises(person)

    def may_edit_skp(self, person: Any) -> bool:
        """A person's SKP while it is DRAFT or RETURNED (save, submit, and opening a revision): ADMIN, the person
        themselves, or their direct supervisor (who drafts it for them). An agency admin reads it, never edits it."""
        return self.is_admin or self.is_person(person.id) or self.supervises(person)

    def may_see_parent_rhk(self, person: Any) -> bool:
        """The keys and work results of a person's direct supervisor's RHK (what the person's intervensi names):
        everyone who can see the person, the person included, though the supervisor's SKP itself stays out of an
        employee's scope (the caller has checked that the viewer sees the person)."""
        return person is not None

    def may_decide_skp(self, person: Any) -> bool:
        """Approving or returning a person's submitted SKP: the assessing official, who is the person's direct
        supervisor, or ADMIN for a person with no supervisor (an agency head). Nobody else, ADMIN included."""
        return self.supervises(person) or self.may_stand_in_for_supervisor(person)

    def may_see_assessment_context(self, person: Any) -> bool:
        """The assessor's view of a person (their self-assessment, suggestion, IKM): everyone who can see the
        person except the person themselves."""
        return not self.is_person(person.id)

    def stands_for(self, person_id: int | None) -> bool:
        """The person this viewer's token or sign-in session stands for (any role): an account it controls."""
        return person_id is not None and self.viewer.person_id == person_id

    def may_change_supervisor(self, new_supervisor_id: int | None, *, assessed_in_evaluation: bool,
                              set_by_agency_admin: bool = False) -> str | None:
        """Why this viewer may not set a person's direct supervisor to `new_supervisor_id` (None: no supervisor),
        or None when it may; asked for every change of a supervisor (a new person's too) on every path (upsertPeople,
        the CSV import), after the scope checks. Nobody gains rating power over a person through data they manage
        themselves (SECURITY.md): making the person this viewer stands for someone's supervisor is ADMIN's, so is
        making someone a supervisor whose password an agency admin set (`set_by_agency_admin`: an account an
        agency admin may control, Credential.set_by_agency_admin), and so is any change of supervisor of a person
        assessed in a cycle in EVALUATION (it decides who finalizes)."""
        if self.is_admin:
            return None
        if self.stands_for(new_supervisor_id):
            return ("only ADMIN may make the person this account stands for someone's supervisor: nobody gains "
                    "rating power through data they manage")
        if new_supervisor_id is not None and set_by_agency_admin:
            return ("only ADMIN may make this person someone's supervisor: an agency admin set their password, so "
                    "the account may be one an agency admin controls")
        if assessed_in_evaluation:
            return ("this person has assessments in a cycle in EVALUATION: only ADMIN may change their supervisor "
                    "now")
        return None

    def supervisor_change_problem(self, path: Sequence[str], new_supervisor_id: int | None, *,
                                  assessed_in_evaluation: bool, set_by_agency_admin: bool = False) -> Problem | None:
        """The refusal (one item of a batch) of a change of supervisor that may_change_supervisor forbids."""
        why_not = self.may_change_supervisor(new_supervisor_id, assessed_in_evaluation=assessed_in_evaluation,
                                             set_by_agency_admin=set_by_agency_admin)
        return forbidden(path, why_not, {"action": "change_supervisor"}) if why_not else None

    # -- passwords ---------------------------------------------------------------------------------------------

    @property
    def is_operator(self) -> bool:
        """The operator: the CLI or the demo loader, with no token (every request's viewer has one)."""
        return self.viewer.token_id is None and self.viewer.role == ADMIN

    @property
    def may_act(self) -> bool:
        """Anything but changing its own password: every viewer except a session signed in with a one-time
        password."""
        return not self.viewer.must_change_password

    @property
    def may_reset_passwords(self) -> bool:
        """Resetting someone's password at all: ADMIN and agency admins (asked before any look-up)."""
        return self.viewer.role in (ADMIN, AGENCY_ADMIN)

    def may_assign_role(self, role: str) -> str | None:
        """Why this viewer may not give an account this sign-in role, or None when it may. Only ADMIN (and the
        operator) give or change a role: an agency admin's reset keeps an EMPLOYEE account an EMPLOYEE's."""
        if self.is_admin:
            return None
        if self.is_agency_admin and role == EMPLOYEE:
            return None
        return "only ADMIN may give a sign-in role other than EMPLOYEE"

    def may_reset_password(self, person: Any, credential_role: str | None, has_subordinates: bool) -> bool:
        """ADMIN resets any account. An agency admin resets only an EMPLOYEE account (none yet, or one whose role is
        EMPLOYEE) of a person of its own agency who assesses nobody (has no subordinates): never an ADMIN's or an
        agency admin's, never a supervisor's, whose sign-in would carry the power to rate."""
        if self.is_admin:
            return True
        return (self.is_agency_admin and person.agency_id == self.viewer.agency_id
                and credential_role in (None, EMPLOYEE) and not has_subordinates)

    def sets_one_time_password(self, person_id: int) -> bool:
        """A password set for someone else is one-time (changed at the next sign-in); the operator's (CLI, demo)
        and one's own are not."""
        return not self.is_operator and self.viewer.person_id != person_id

    @property
    def may_change_own_password(self) -> bool:
        """changePassword: a person's own sign-in session (an API token is not a person signing in)."""
        return self.viewer.session and self.viewer.person_id is not None
