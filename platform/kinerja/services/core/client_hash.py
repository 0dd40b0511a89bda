"""The keyed hash of a client's address: what the public survey's and the sign-in's limits count by, so that
answers or failures of one address can be counted without the address being kept."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

_SECRET: bytes | None = None


def _secret() -> bytes:
    """KINERJA_SECRET, else a random key made once per process.

    `kinerja serve` sets a random KINERJA_SECRET shared by its workers when none is configured, so the limit
    holds across workers; a restart then forgets earlier answers for the limit. Set KINERJA_SECRET yourself to
    make the limit hold across restarts too.
    """
    global _SECRET
    if _SECRET is None:
        configured = os.environ.get("KINERJA_SECRET", "")
        _SECRET = configured.encode("utf-8") if configured else secrets.token_bytes(32)
    return _SECRET


def client_hash(address: str | None) -> str:
    """HMAC-SHA256 of the client address: answers of one address can be counted, the address not recovered."""
    return hmac.new(_secret(), (address or "unknown").encode("utf-8"), hashlib.sha256).hexdigest()
