"""The platform's one clock for dates: every rule that reads today's date asks `today()`.

`KINERJA_TODAY` (settings.today) pins it, so tests and the demo see the same date whatever the calendar says and
nothing in them rots as it moves; unset, it is the real date in the platform's time zone (Asia/Jakarta, UTC+7, where
Tanjungpinang's working day is). Timestamps (audit events, sessions) stay real: they record when a thing happened.
`now()` is the instant the sign-in throttle counts its waits from; tests may freeze it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Iterator

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")  # Tanjungpinang keeps UTC+7 all year

_pinned: dt.date | None = None
_frozen: dt.datetime | None = None


def pin(date: dt.date | str | None) -> None:
    """Pin today's date (a date, an ISO text; None or "" for the real date). create_app pins settings.today."""
    global _pinned
    _pinned = dt.date.fromisoformat(date) if isinstance(date, str) and date else (date or None)


@contextlib.contextmanager
def pinned(date: dt.date | str | None) -> Iterator[None]:
    """`pin(date)` while the block runs (an app's lifetime), then the pin before it again: an app started and
    stopped inside another's lifetime (tests) leaves the outer one's date as it was."""
    before = _pinned
    pin(date)
    try:
        yield
    finally:
        pin(before)


def today() -> dt.date:
    if _pinned is not None:
        return _pinned
    return dt.datetime.now(WIB).date()


def now() -> dt.datetime:
    """The current instant (UTC) for rules that count time: the sign-in throttle's waits and locks. Real unless a
    test has frozen it (`freeze`), so that a wait of one second is one second however slow the machine is."""
    return _frozen if _frozen is not None else dt.datetime.now(dt.timezone.utc)


def freeze(moment: dt.datetime | None) -> None:
    """Tests only: hold `now()` at `moment` (aware), or let it run again (None)."""
    global _frozen
    _frozen = moment
