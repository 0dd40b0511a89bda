"""The keyed hash of a client's address: what the public survey's and the sign-in's limits count by, so that
answers or failures of one address can be counted without the address being kept."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# the key when no secret is configured: random, made once per process
_PROCESS_KEY = secrets.token_bytes(32)


def client_hash(address: str | None, secret: str) -> str:
    """HMAC-SHA256 of the client address: answers of one address can be counted, the address not recovered.

    `secret` is the KINERJA_SECRET setting (Settings.secret); when it is empty the key is random, made once per
    process. `kinerja serve` makes a random secret shared by its workers when none is configured, so the limits
    hold across workers; a restart then forgets earlier answers for the limit. Set KINERJA_SECRET to make them
    hold across restarts too.
    """
    key = secret.encode("utf-8") if secret else _PROCESS_KEY
    return hmac.new(key, (address or "unknown").encode("utf-8"), hashlib.sha256).hexdigest()
