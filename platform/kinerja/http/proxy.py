"""Which peers' X-Forwarded-For / X-Forwarded-Proto are believed: those of KINERJA_TRUSTED_PROXIES, nobody else.

The client's address is what the survey's rate limit and the sign-in throttle count by (graphql/context.py reads
`request.client`). With no trusted proxy the headers are ignored and the client is the connection's peer, so a
client cannot pass for a new address by sending a new header. `kinerja serve` turns uvicorn's own handling of the
headers off (uvicorn would trust 127.0.0.1 by default, and FORWARDED_ALLOW_IPS): this middleware is the only place
that reads them, whatever server runs the app.
"""

from __future__ import annotations

import ipaddress
from typing import Sequence

from starlette.middleware import Middleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware


def trusted_networks(proxies: Sequence[str]) -> list[str]:
    """The proxies as networks (`127.0.0.1` -> `127.0.0.1/32`, `10.0.0.1/8` -> `10.0.0.0/8`)."""
    return [str(ipaddress.ip_network(proxy, strict=False)) for proxy in proxies]


def forwarded_headers(proxies: Sequence[str]) -> list[Middleware]:
    """The middleware that takes the client's address and scheme from the headers a trusted proxy sets: the
    nearest address in X-Forwarded-For that is not a trusted proxy. None (an empty list) when no proxy is trusted."""
    if not proxies:
        return []
    return [Middleware(ProxyHeadersMiddleware, trusted_hosts=trusted_networks(proxies))]
