"""Keyset cursors and page-size checks shared by every connection."""

from __future__ import annotations

import base64
import json

import strawberry

from kinerja.services.core.errors import BadArgument

# ids are 32-bit integers in every table this paginates
MAX_ID = 2**31 - 1


@strawberry.type(description="Where a keyset page of a connection starts and ends (the Relay connection spec): "
                             "ask for the next with `after: endCursor` while `hasNextPage`, or for the one before "
                             "with `before: startCursor` and `last` while `hasPreviousPage`.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page (paging backwards: `before` "
                                                       "was given, so at least the item at it follows).")
    has_previous_page: bool = strawberry.field(description="More items come before this page (paging forwards: "
                                                           "`after` was given, so at least the item at it comes "
                                                           "before).")
    start_cursor: str | None = strawberry.field(description="The cursor of this page's first item, to pass as "
                                                            "`before`; null when the page is empty. Opaque.")
    end_cursor: str | None = strawberry.field(description="The cursor of this page's last item, to pass as `after`; "
                                                          "null when the page is empty. Opaque: send it back as it "
                                                          "is.")


def encode_cursor(*key: object) -> str:
    raw = json.dumps(list(key), separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_name_id_cursor(cursor: str | None, argument: str = "after") -> tuple[str, int] | None:
    """A (name, id) keyset position from a cursor this API made, or BadArgument naming the argument."""
    if cursor is None:
        return None
    try:
        if len(cursor) > 1000:
            raise ValueError
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, pid = json.loads(raw.decode("utf-8"))
        if not isinstance(name, str) or not isinstance(pid, int) or isinstance(pid, bool):
            raise ValueError
        if not 1 <= pid <= MAX_ID:
            raise ValueError
    except (ValueError, TypeError, UnicodeDecodeError):
        raise BadArgument(argument, f"{argument} is not a cursor of this list; use a pageInfo."
                          f"{'endCursor' if argument == 'after' else 'startCursor'}", "BAD_CURSOR") from None
    return name, pid


def check_first(first: int, cap: int, argument: str = "first") -> int:
    """A page size (`first`, or `last` paging backwards) between 1 and the cap, or BAD_PAGE_SIZE naming it."""
    if first < 1 or first > cap:
        raise BadArgument(argument, f"{argument} must be between 1 and {cap}, got {first}", "BAD_PAGE_SIZE",
                          params={"max": cap})
    return first
