"""A functional post's annual credit-point coefficient (koefisien angka kredit, PermenPANRB 1/2023): its check and
its write, `setPostCreditCoefficient` (docs/DOMAIN.md, "Credit points"; services/evaluation/credit_points.py reads
it). Only a FUNGSIONAL post has one; ADMIN or the post's agency admin sets or clears it, audited.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any, Sequence

from tortoise.transactions import in_transaction

from kinerja.models import Agency, Post
from kinerja.services.core import audit
from kinerja.services.core.access import Access, refusal
from kinerja.services.core.errors import InputError, Problem

FUNGSIONAL = "FUNGSIONAL"
COEFFICIENT_MAX = Decimal(100)  # the highest annual coefficient of the regulation is 50 (Ahli Utama)
PLACES = 2  # 12.5, 37.5, 3.75: the regulation's coefficients have at most two decimals
REASON_MAX = 500


def _shown(value: Decimal) -> float | str:
    return float(value) if value.is_finite() else str(value)


def check_coefficient(value: Any, path: Sequence[str]) -> tuple[Decimal | None, list[Problem]]:
    """The coefficient as a Decimal (None: none) and its problems: more than 0, at most COEFFICIENT_MAX, at most
    PLACES decimals."""
    if value is None:
        return None, []
    try:
        number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float)
                                                                   else str(value))
    except (InvalidOperation, ValueError):
        number = Decimal("NaN")
    if not number.is_finite() or (isinstance(value, float) and not math.isfinite(value)):
        return None, [Problem(tuple(path), "INVALID_VALUE", "coefficient is not valid", params={"field": path[-1]})]
    if not 0 < number <= COEFFICIENT_MAX:
        return None, [Problem(tuple(path), "OUT_OF_RANGE",
                              f"coefficient must be more than 0 and at most {COEFFICIENT_MAX}, got {number}",
                              params={"above": 0, "max": int(COEFFICIENT_MAX), "value": _shown(number)})]
    if -number.as_tuple().exponent > PLACES and number != number.quantize(Decimal(1).scaleb(-PLACES)):
        return None, [Problem(tuple(path), "INVALID_VALUE",
                              f"coefficient has at most {PLACES} decimal places, got {number}",
                              params={"places": PLACES, "value": _shown(number)})]
    return number.quantize(Decimal(1).scaleb(-PLACES)), []


def kind_problem(kind: str, name: str, path: Sequence[str]) -> Problem | None:
    if kind == FUNGSIONAL:
        return None
    return Problem(tuple(path), "NOT_FUNCTIONAL_POST",
                   f"{name} is not a functional post (FUNGSIONAL): only one has a credit-point coefficient",
                   params={"post": name})


def text(value: Decimal | None) -> str | None:
    """As the audit trail records it: "12.50", or None."""
    return None if value is None else str(value)


async def set_coefficient(access: Access, post_id: int | None, coefficient: Any, reason: str | None = None
                          ) -> Post:
    """Set (or clear, None) a FUNGSIONAL post's coefficient: ADMIN, or the post's agency admin (another agency's post
    reads as unknown). Unchanged: nothing is written."""
    if not access.may_change_people:
        raise refusal(("post",), "only ADMIN or an agency admin may set a post's credit-point coefficient",
                      params={"action": "set_credit_coefficient"})
    number, problems = check_coefficient(coefficient, ("coefficient",))
    note = (reason or "").strip() or None
    if note is not None and len(note) > REASON_MAX:
        problems.append(Problem(("reason",), "TOO_LONG", f"reason is {len(note)} characters; at most {REASON_MAX}",
                                params={"length": len(note), "limit": REASON_MAX}))
    post = await Post.get_or_none(id=post_id) if post_id is not None else None
    if post is None or not access.can_manage_agency(post.agency_id):
        raise InputError([Problem(("post",), "NOT_FOUND", f"no post with ID {post_id}",
                                  params={"what": "post", "key": post_id}), *problems])
    wrong_kind = kind_problem(post.kind, post.name, ("post",))
    if wrong_kind is not None and coefficient is not None:
        problems.insert(0, wrong_kind)
    if problems:
        raise InputError(problems)
    if post.credit_coefficient == number or (post.credit_coefficient is not None and number is not None
                                             and Decimal(str(post.credit_coefficient)) == number):
        return post
    agency = await Agency.get(id=post.agency_id)
    async with in_transaction() as conn:
        before = post.credit_coefficient
        await Post.filter(id=post.id).using_db(conn).update(credit_coefficient=number)
        await audit.append(conn, access.viewer.actor, [audit.Change(
            "post.coefficient", "post", str(post.id),
            {"agency": agency.code, "name": post.name, "coefficient": text(before)},
            {"agency": agency.code, "name": post.name, "coefficient": text(number), "reason": note})])
    return await Post.get(id=post.id)


__all__ = ["COEFFICIENT_MAX", "check_coefficient", "kind_problem", "set_coefficient"]
