"""Errors services raise: input problems (each with a path and a stable code) and access refusals.

Each carries its English message and, optionally, `params`: the values its code's Indonesian text names
(core/messages.py; docs/ARCHITECTURE.md, "Messages"). The message stays as the raise site built it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

NAME_MAX = 200  # a name, a position: the one text check's default limit


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input; `path` points into it, e.g. ("input", "3", "nip")."""

    path: tuple[str, ...]
    code: str
    message: str
    params: Mapping[str, Any] | None = field(default=None, compare=False)


class InputError(Exception):
    """The input has problems; nothing was written."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__("; ".join(f"{'.'.join(p.path)}: {p.message}" for p in self.problems))

    @classmethod
    def one(cls, path: Sequence[str], code: str, message: str,
            params: Mapping[str, Any] | None = None) -> "InputError":
        return cls([Problem(tuple(path), code, message, params)])


class AccessDenied(Exception):
    """The viewer may not do this (code FORBIDDEN) or is not signed in (UNAUTHENTICATED)."""

    def __init__(self, message: str, code: str = "FORBIDDEN", params: Mapping[str, Any] | None = None):
        self.code = code
        self.params = params
        super().__init__(message)


class BadArgument(Exception):
    """An argument of a read is unusable (a malformed cursor, a page size over the cap)."""

    def __init__(self, argument: str, message: str, code: str = "BAD_ARGUMENT",
                 params: Mapping[str, Any] | None = None):
        self.argument = argument
        self.code = code
        self.params = params
        super().__init__(message)


def check_name(value: str, path: Sequence[str], what: str = "name", limit: int = NAME_MAX) -> list[Problem]:
    """A required one-line text (a name, a position): its problems, none when it is fine."""
    text = (value or "").strip()
    if not text:
        return [Problem(tuple(path), "REQUIRED", f"{what} must not be empty")]
    if len(text) > limit:
        return [Problem(tuple(path), "TOO_LONG", f"{what} is {len(text)} characters; at most {limit}",
                        {"length": len(text), "limit": limit})]
    return []
