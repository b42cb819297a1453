"""A small round-robin HTTP reverse proxy that puts N replicas behind one port.

Requests and responses are streamed both ways; end-to-end headers pass unchanged and the
proxy adds `X-Forwarded-For/-Host/-Proto`. A replica that refuses the connection is skipped
(the request goes to the next one) as long as no byte of the request body was sent yet.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    import httpx
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

log = logging.getLogger("grassroots.proxy")

# RFC 9110 §7.6.1 connection-specific headers, plus Host (set from the upstream URL).
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
# What httpx adds to every request unless told otherwise; a proxy must not invent them
# (an added Accept-Encoding would hand gzip to a client that never asked for it).
_CLIENT_DEFAULTS = ("accept", "accept-encoding", "connection", "user-agent")
_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def end_to_end(raw: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """`raw` headers without hop-by-hop ones, nor those the Connection header names."""
    pairs = list(raw)
    named = {
        token.strip().lower()
        for key, value in pairs
        if key.lower() == b"connection"
        for token in value.decode("latin-1").split(",")
    }
    drop = HOP_BY_HOP | named
    return [(k, v) for k, v in pairs if k.decode("latin-1").lower() not in drop]


def request_headers(
    raw: Iterable[tuple[bytes, bytes]], *, client: str | None, scheme: str
) -> list[tuple[bytes, bytes]]:
    """Headers to send upstream: end-to-end ones, Host moved to X-Forwarded-Host."""
    pairs = end_to_end(raw)
    host = next((v for k, v in pairs if k.lower() == b"host"), None)
    out = [(k, v) for k, v in pairs if k.lower() not in (b"host", b"x-forwarded-for")]
    previous = [v.decode("latin-1") for k, v in pairs if k.lower() == b"x-forwarded-for"]
    chain = ", ".join([*previous, *([client] if client else [])])
    if chain:
        out.append((b"x-forwarded-for", chain.encode("latin-1")))
    if host is not None and not any(k.lower() == b"x-forwarded-host" for k, _ in out):
        out.append((b"x-forwarded-host", host))
    if not any(k.lower() == b"x-forwarded-proto" for k, _ in out):
        out.append((b"x-forwarded-proto", scheme.encode()))
    return out


def upstream_target(scope: Mapping[str, Any]) -> str:
    """Path and query of the incoming request, exactly as the client encoded them."""
    raw_path = scope.get("raw_path")
    path = raw_path.decode("latin-1") if raw_path else quote(scope["path"])
    query = scope.get("query_string", b"").decode("latin-1")
    return f"{path}?{query}" if query else path


class RoundRobin:
    """Hands out upstreams in turn; each request may try every one once."""

    def __init__(self, upstreams: Sequence[str]) -> None:
        if not upstreams:
            raise ValueError("at least one upstream is needed")
        self.upstreams = [u.rstrip("/") for u in upstreams]
        self._next = itertools.cycle(range(len(self.upstreams)))

    def attempts(self) -> list[str]:
        first = next(self._next)
        n = len(self.upstreams)
        return [self.upstreams[(first + i) % n] for i in range(n)]


def create_app(
    upstreams: Sequence[str], transport: httpx.AsyncBaseTransport | None = None
) -> Starlette:
    import httpx
    from starlette.applications import Starlette
    from starlette.background import BackgroundTask
    from starlette.responses import PlainTextResponse, StreamingResponse
    from starlette.routing import Route

    balancer = RoundRobin(upstreams)
    state: dict[str, httpx.AsyncClient] = {}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with httpx.AsyncClient(
            timeout=httpx.Timeout(300.0, connect=2.0),
            limits=httpx.Limits(max_connections=256, max_keepalive_connections=64),
            trust_env=False,
            transport=transport,
        ) as client:
            state["client"] = client
            yield

    async def forward(request: Request) -> Response:
        client = state["client"]
        has_body = "content-length" in request.headers or "transfer-encoding" in request.headers
        body_started = False

        async def body() -> AsyncIterator[bytes]:
            nonlocal body_started
            body_started = True
            async for chunk in request.stream():
                if chunk:
                    yield chunk

        headers = request_headers(
            request.headers.raw,
            client=request.client.host if request.client else None,
            scheme=request.url.scheme,
        )
        target = upstream_target(request.scope)
        started = time.perf_counter()
        for upstream in balancer.attempts():
            outgoing = client.build_request(
                request.method,
                upstream + target,
                headers=headers,
                content=body() if has_body else None,
            )
            sent = {k.lower() for k, _ in headers}
            for name in _CLIENT_DEFAULTS:
                if name.encode() not in sent:
                    outgoing.headers.pop(name, None)
            try:
                upstream_response = await client.send(outgoing, stream=True)
            except httpx.ConnectError as exc:
                log.warning("%s unreachable: %s", upstream, exc)
                if body_started:
                    break
                continue
            except httpx.HTTPError as exc:
                log.warning("%s %s -> %s failed: %s", request.method, target, upstream, exc)
                return PlainTextResponse(f"upstream error: {exc}\n", status_code=502)
            log.info(
                "%s %s -> %s %d %.0f ms",
                request.method,
                target,
                upstream,
                upstream_response.status_code,
                (time.perf_counter() - started) * 1000,
            )
            response = StreamingResponse(
                upstream_response.aiter_raw(),
                status_code=upstream_response.status_code,
                background=BackgroundTask(upstream_response.aclose),
            )
            response.raw_headers = end_to_end(upstream_response.headers.raw)
            return response
        return PlainTextResponse("no upstream available\n", status_code=502)

    return Starlette(
        routes=[Route("/{path:path}", forward, methods=_METHODS)],
        lifespan=lifespan,
    )


def serve(port: int, upstreams: Sequence[str], host: str = "127.0.0.1") -> None:
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # we log each request ourselves
    log.info("proxy on %s:%d -> %s", host, port, ", ".join(upstreams))
    uvicorn.run(
        create_app(upstreams),
        host=host,
        port=port,
        access_log=False,
        log_level="info",
        # The upstream's own Date and Server headers pass through; do not add a second pair.
        server_header=False,
        date_header=False,
    )
