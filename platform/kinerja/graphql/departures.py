"""Leaving the service: retirePerson and reinstatePerson (services/org/departures.py; docs/DOMAIN.md, "Leaving the
service"). Person.departed, leftAt and leftReason are in graphql/people.py."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import strawberry

from kinerja.graphql.context import Info
from kinerja.graphql.enums import DepartureReason
from kinerja.graphql.errors import UserError, handle_errors
from kinerja.graphql.people import Person
from kinerja.services.org import departures


@strawberry.input(description="A person leaving the service.")
class RetireInput:
    nip: str
    reason: DepartureReason = strawberry.field(description="Why the person leaves the service.")
    date: dt.date = strawberry.field(description="The first day out of service: today or earlier, and not before the "
                                                 "person's current assignment began.")
    note: Optional[str] = strawberry.field(default=None, description="A note (the decree's number, say).")


@strawberry.type(description="The answer of retirePerson and reinstatePerson: the person as stored after the change, "
                             "or the input's problems.")
class DeparturePayload:
    person: Optional[Person] = strawberry.field(description="The person after the change (`departed`, `leftAt`, "
                                                            "`leftReason` set by retirePerson, cleared by "
                                                            "reinstatePerson); null when nothing was written.")
    errors: list[UserError] = strawberry.field(description="What is wrong with the input (path, code, message) when "
                                                           "nothing was written; empty on success.")


@strawberry.type
class Mutation:
    @strawberry.mutation(description=(
        "Record that a person leaves the service (ADMIN, the person's agency admin): their sessions end, they cannot "
        "sign in, they leave the people list, monitoring and others' tasks; their records stay. Refused while they "
        "supervise anyone in service (STILL_SUPERVISES) or act as Plt/Plh (STILL_ACTING); audited."))
    @handle_errors(refusals=True)
    async def retire_person(
        self, info: Info,
        input: Annotated[RetireInput, strawberry.argument(description="Who leaves, why, from which day.")],
    ) -> DeparturePayload:
        person = await departures.retire_person(info.context.access, input.nip, input.reason.value, input.date,
                                                input.note)
        return DeparturePayload(person=Person.from_model(person), errors=[])

    @strawberry.mutation(description="A person who left the service is back where they were (ADMIN, the person's "
                                     "agency admin); audited.")
    @handle_errors(refusals=True)
    async def reinstate_person(self, info: Info, nip: str, note: Optional[str] = None) -> DeparturePayload:
        person = await departures.reinstate_person(info.context.access, nip, note)
        return DeparturePayload(person=Person.from_model(person), errors=[])


__all__ = ["Mutation"]
