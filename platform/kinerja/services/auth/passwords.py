"""Password hashing with scrypt (memory-hard, in the standard library) and the rules a new password must meet."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

# scrypt with N=2**14, r=8: 16 MiB of memory and about 50 ms a hash, each guess costing an attacker the same
N, R, P = 2**14, 8, 1
SALT_BYTES, KEY_BYTES = 16, 32
MAX_MEMORY = 64 * 1024 * 1024
MIN_LENGTH, MAX_LENGTH = 10, 128
SCHEME = "scrypt"


def hash_password(password: str) -> str:
    """`scrypt$N$r$p$salt$key`, both base64: the parameters travel with the hash, so they can be raised later."""
    salt = os.urandom(SALT_BYTES)
    key = _scrypt(password, salt, N, R, P)
    return "$".join([SCHEME, str(N), str(R), str(P), _b64(salt), _b64(key)])


def verify_password(password: str, stored: str) -> bool:
    """Whether the password matches a stored hash; False for a hash this module did not write."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(key)
        found = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(found, expected)


def dummy_hash() -> str:
    """A hash no password matches (random key): an unknown NIP is checked against it, so that a sign-in costs the
    same time whether the NIP has a password or not."""
    return "$".join([SCHEME, str(N), str(R), str(P), _b64(os.urandom(SALT_BYTES)), _b64(os.urandom(KEY_BYTES))])


def password_problem(password: str, nip: str) -> str | None:
    """Why a new password cannot be used, or None."""
    if len(password) < MIN_LENGTH:
        return f"a password needs at least {MIN_LENGTH} characters, got {len(password)}"
    if len(password) > MAX_LENGTH:
        return f"a password has at most {MAX_LENGTH} characters, got {len(password)}"
    if password.strip() != password:
        return "a password must not start or end with spaces"
    if "\x00" in password:
        return "a password must not contain NUL characters"
    if nip and nip in password:
        return "a password must not contain the NIP"
    if len(set(password)) < 4:
        return "a password needs at least 4 different characters"
    return None


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=MAX_MEMORY, dklen=KEY_BYTES)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
