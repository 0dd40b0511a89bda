"""Official: a person named in their office (an assessing official, a supervisor, a head, an acting official, the
superior deciding an objection) by name, NIP and position only, never as a Person with its edges, so that reading
who assesses you gives no way into their records."""

from __future__ import annotations

from typing import Optional

import strawberry


@strawberry.type(description="An official (assessing official, supervisor, head, acting official, deciding "
                             "superior), named by name, NIP and position only.")
class Official:
    nip: str = strawberry.field(description="The official's NIP, 18 digits.")
    name: str = strawberry.field(description="The official's name as recorded today.")
    position: Optional[str] = strawberry.field(description="The official's position (jabatan) as recorded today, not "
                                                           "the one they held then; null when none is known.")
