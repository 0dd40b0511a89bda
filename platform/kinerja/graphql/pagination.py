"""Keyset cursors and page-size checks shared by every connection."""

from __future__ import annotations

import base64
import json
from typing import Any, Callable, Generic, Sequence, TypeVar

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


T = TypeVar("T")

# the connections' shared page arguments (people and followUps have their own)
CONNECTION_DEFAULT = 50
CONNECTION_FIRST = "Items a page, 1 to 100; null: 50. Outside that is the error BAD_PAGE_SIZE."
CONNECTION_AFTER = ("The items after this cursor (the previous page's `pageInfo.endCursor`); null: from the first. "
                    "Any other text is the error BAD_CURSOR.")


@strawberry.type(description="One item of a connection's page, with its cursor.")
class Edge(Generic[T]):
    node: T = strawberry.field(description="The item.")
    cursor: str = strawberry.field(description="This item's place in the list (opaque), to pass as `after` for the "
                                               "items after it.")


@strawberry.type(description="A keyset page of a list (the Relay connection spec, forwards): its items with their "
                             "cursors, and where the page starts and ends.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items of this page, in the list's order.")
    page_info: PageInfo = strawberry.field(description="Whether more items follow, and the cursors to ask for them.")


def forward_page(rows: Sequence[Any], first: int, after: object, node: Callable[[Any], Any],
                 key: Callable[[Any], tuple]) -> "Connection[Any]":
    """A connection of `rows` read with one more than `first` (the extra one says a next page exists); each row's
    cursor encodes `key(row)`, its keyset position; hasPreviousPage: `after` was given."""
    shown = list(rows[:first])
    edges = [Edge(node=node(r), cursor=encode_cursor(*key(r))) for r in shown]
    return Connection(edges=edges, page_info=PageInfo(
        has_next_page=len(rows) > first, has_previous_page=after is not None,
        start_cursor=edges[0].cursor if edges else None, end_cursor=edges[-1].cursor if edges else None))


def decode_cursor(cursor: str | None, shape: Sequence[type], argument: str = "after") -> tuple | None:
    """A keyset position of the given shape (e.g. (int,), (str, int, str)) from a cursor this API made, or
    BAD_CURSOR naming the argument."""
    if cursor is None:
        return None
    try:
        if len(cursor) > 1000:
            raise ValueError
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8"))
        if not isinstance(values, list) or len(values) != len(shape):
            raise ValueError
        for value, kind in zip(values, shape):
            if not isinstance(value, kind) or isinstance(value, bool):
                raise ValueError
            if kind is int and not 0 <= value <= MAX_ID:
                raise ValueError
    except (ValueError, TypeError, UnicodeDecodeError):
        raise BadArgument(argument, f"{argument} is not a cursor of this list; use a pageInfo.endCursor",
                          "BAD_CURSOR") from None
    return tuple(values)


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
