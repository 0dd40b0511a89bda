"""Errors services raise: input problems (each with a path and a stable code) and access refusals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input; `path` points into it, e.g. ("input", "3", "nip")."""

    path: tuple[str, ...]
    code: str
    message: str


class InputError(Exception):
    """The input has problems; nothing was written."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__("; ".join(f"{'.'.join(p.path)}: {p.message}" for p in self.problems))

    @classmethod
    def one(cls, path: Sequence[str], code: str, message: str) -> "InputError":
        return cls([Problem(tuple(path), code, message)])


class AccessDenied(Exception):
    """The viewer may not do this (code FORBIDDEN) or is not signed in (UNAUTHENTICATED)."""

    def __init__(self, message: str, code: str = "FORBIDDEN"):
        self.code = code
        super().__init__(message)


class BadArgument(Exception):
    """An argument of a read is unusable (a malformed cursor, a page size over the cap)."""

    def __init__(self, argument: str, message: str, code: str = "BAD_ARGUMENT"):
        self.argument = argument
        self.code = code
        super().__init__(message)
