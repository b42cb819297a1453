"""Who is on the other end of a request, for the login counters.

The gateway names the client in `x-client-address` (in production it signs its requests, so a
caller cannot pick its own address); a request without it counts against its socket peer.
"""

from __future__ import annotations

from starlette.requests import Request

HEADER = "x-client-address"
MAX_LENGTH = 64  # an IPv6 address with a zone fits; a longer value is cut, not trusted more


def client_address(request: Request) -> str:
    given = request.headers.get(HEADER, "").strip()
    if given:
        return given[:MAX_LENGTH]
    return request.client.host if request.client else "unknown"
