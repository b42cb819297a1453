"""HTTP plumbing: request ids, request metrics, health and metrics endpoints."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Awaitable, Callable, Mapping

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from grassroots_kit import tracing
from grassroots_kit.i18n import DEFAULT_LOCALE, Locale, current_locale, negotiate
from grassroots_kit.log import request_id_var
from grassroots_kit.metrics import HTTP_LATENCY, HTTP_REQUESTS

REQUEST_ID_HEADER = "x-request-id"
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_KNOWN_PATHS = frozenset({"/graphql", "/health/live", "/health/ready", "/metrics"})


class RequestContextMiddleware:
    """Takes the caller's request id (or makes one), echoes it, and records request metrics;
    reads the locale the caller asked for (`Accept-Language`) into `i18n.current_locale`."""

    def __init__(
        self, app: ASGIApp, *, service: str, default_locale: Locale = DEFAULT_LOCALE
    ) -> None:
        self._app = app
        self._service = service
        self._default_locale = default_locale
        # The labelled children by (method, path, status): `labels()` takes a lock and builds
        # the key on every call, a measurable share of a cheap request.
        self._children: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}

    def _record(self, method: str, path: str, status: int, seconds: float) -> None:
        key = (method, path, status)
        children = self._children.get(key)
        if children is None:
            children = (
                HTTP_REQUESTS.labels(self._service, method, path, str(status)),
                HTTP_LATENCY.labels(self._service, method, path),
            )
            self._children[key] = children
        children[0].inc()
        children[1].observe(seconds)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        # 128 random bits in hex, like `uuid4().hex` without building a UUID object.
        request_id = _incoming_request_id(scope) or os.urandom(16).hex()
        token = request_id_var.set(request_id)
        locale_token = current_locale.set(
            negotiate(_header(scope, b"accept-language"), self._default_locale)
        )
        path = scope["path"] if scope["path"] in _KNOWN_PATHS else "other"
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((REQUEST_ID_HEADER.encode(), request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            with tracing.http_span(scope["method"], path, scope.get("headers", [])) as span:
                if span is not None:
                    span.set_attribute("grassroots.request_id", request_id)
                try:
                    await self._app(scope, receive, send_with_id)
                finally:
                    tracing.set_http_status(span, status)
        finally:
            self._record(scope["method"], path, status, time.perf_counter() - started)
            request_id_var.reset(token)
            current_locale.reset(locale_token)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == REQUEST_ID_HEADER.encode():
            candidate = value.decode("latin-1")
            return candidate if _SAFE_REQUEST_ID.match(candidate) else None
    return None


Probe = Callable[[], Awaitable[Mapping[str, bool]]]


def health_routes(*, live_info: Mapping[str, str], readiness: Probe) -> list[Route]:
    async def live(_: Request) -> Response:
        return JSONResponse({"status": "ok", **live_info})

    async def ready(_: Request) -> Response:
        checks = await readiness()
        ok = all(checks.values())
        return JSONResponse(
            {"status": "ok" if ok else "unavailable", "checks": dict(checks)},
            status_code=200 if ok else 503,
        )

    async def metrics(_: Request) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return [
        Route("/health/live", live, methods=["GET"]),
        Route("/health/ready", ready, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
    ]
