"""Only the gateway's requests reach a subgraph's GraphQL endpoint (DESIGN.md §8, "Boundaries").

The gateway signs every subgraph request (gateway/src/subgraph-signature.ts) with a secret it
shares with the subgraphs: HMAC-SHA256 over

    "v1\\n" + timestamp + "\\n" + authorization + "\\n" + x-client-address + "\\n" + body

sent as `x-gateway-timestamp: <unix seconds>` and `x-gateway-signature: v1=<hex>`. With a
secret configured (required in production) a request to /graphql without a valid, fresh
signature is refused before its body is parsed, so a caller who reaches a subgraph port directly
skips none of the gateway's limits and cannot claim a client address. Every request body is
bounded too, signed or not.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Literal

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from grassroots_kit.graphql.operations import introspection_allowed

TIMESTAMP_HEADER = b"x-gateway-timestamp"
SIGNATURE_HEADER = b"x-gateway-signature"
CLIENT_ADDRESS_HEADER = b"x-client-address"
# How far a signature's timestamp may be from this process's clock: the gateway signs just
# before sending, so this is clock skew between pods plus queueing. A captured request cannot be
# replayed after it.
MAX_SKEW_SECONDS = 60
_GUARDED_PATHS = frozenset({"/graphql"})
# A service that keeps photos serves their upload and download under this prefix
# (grassroots_kit.media.http), guarded the same way with its own size cap.
MEDIA_PREFIX = "/media/"

Refusal = Literal["missing", "malformed", "stale", "bad"]


def sign(
    secret: bytes, timestamp: str, authorization: str, client_address: str, body: bytes
) -> str:
    """The `x-gateway-signature` value the gateway sends for these values."""
    mac = hmac.new(secret, digestmod=hashlib.sha256)
    mac.update(f"v1\n{timestamp}\n{authorization}\n{client_address}\n".encode())
    mac.update(body)
    return f"v1={mac.hexdigest()}"


def check_timestamp(timestamp: str | None, now: float) -> Refusal | None:
    """Why the timestamp is refused, or None; checked before the body is read."""
    if timestamp is None:
        return "missing"
    if not timestamp.isdigit() or len(timestamp) > 12:
        return "malformed"
    if abs(now - int(timestamp)) > MAX_SKEW_SECONDS:
        return "stale"
    return None


def check_signature(
    secret: bytes,
    *,
    timestamp: str,
    signature: str,
    authorization: str,
    client_address: str,
    body: bytes,
) -> Refusal | None:
    expected = sign(secret, timestamp, authorization, client_address, body)
    if hmac.compare_digest(expected.encode(), signature.encode()):
        return None
    return "bad"


_MESSAGES: dict[Refusal, str] = {
    "missing": "this endpoint serves the gateway only: send the request through the gateway",
    "malformed": "the gateway signature is malformed: send the request through the gateway",
    "stale": "the gateway signature has expired: send the request through the gateway again",
    "bad": "the gateway signature does not verify: send the request through the gateway",
}


@dataclass(frozen=True)
class _Answer:
    status: int
    code: str
    message: str

    async def send(self, send: Send) -> None:
        body = json.dumps(
            {"data": None, "errors": [{"message": self.message, "extensions": {"code": self.code}}]}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": self.status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _refused(refusal: Refusal) -> _Answer:
    # No signature at all: who is asking is unknown (401). A signature that is there but wrong,
    # old or malformed: someone tried to pass as the gateway (403).
    if refusal == "missing":
        return _Answer(401, "UNAUTHENTICATED", _MESSAGES[refusal])
    return _Answer(403, "FORBIDDEN", _MESSAGES[refusal])


class GatewaySignatureMiddleware:
    """Bounds every /graphql body; with a secret, verifies the gateway's signature over it.

    Also turns introspection off for the request when `introspection` is False (production):
    the gateway composes its supergraph offline (scripts/export_schemas.py) and never asks.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        secret: bytes | None,
        max_body_bytes: int,
        introspection: bool,
        media_max_body_bytes: int | None = None,
    ) -> None:
        self._app = app
        self._secret = secret
        self._max_body_bytes = max_body_bytes
        self._introspection = introspection
        self._media_max_body_bytes = media_max_body_bytes

    def _limit_for(self, path: str) -> int | None:
        """The body cap of a guarded path; None for a path this middleware lets through."""
        if path in _GUARDED_PATHS:
            return self._max_body_bytes
        if self._media_max_body_bytes is not None and path.startswith(MEDIA_PREFIX):
            return self._media_max_body_bytes
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self._limit_for(scope["path"]) if scope["type"] == "http" else None
        if limit is None:
            await self._app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._too_large(send, limit)
            return
        timestamp = _text(headers.get(TIMESTAMP_HEADER))
        signature = _text(headers.get(SIGNATURE_HEADER))
        if self._secret is not None:
            refusal = check_timestamp(timestamp, time.time()) if signature else "missing"
            if refusal is not None:
                await _refused(refusal).send(send)
                return
        body = await self._read(receive, limit)
        if body is None:
            await self._too_large(send, limit)
            return
        if self._secret is not None:
            assert timestamp is not None
            assert signature is not None
            refusal = check_signature(
                self._secret,
                timestamp=timestamp,
                signature=signature,
                authorization=_text(headers.get(b"authorization")) or "",
                client_address=_text(headers.get(CLIENT_ADDRESS_HEADER)) or "",
                body=body,
            )
            if refusal is not None:
                await _refused(refusal).send(send)
                return
        scope.setdefault("state", {})["client_address"] = _client_address(scope, headers)
        token = introspection_allowed.set(self._introspection)
        try:
            await self._app(scope, _replay(body, receive), send)
        finally:
            introspection_allowed.reset(token)

    async def _read(self, receive: Receive, limit: int) -> bytes | None:
        """The whole body, or None as soon as it grows past the limit."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    async def _too_large(self, send: Send, limit: int) -> None:
        await _Answer(413, "PAYLOAD_TOO_LARGE", f"the request body is over {limit} bytes").send(
            send
        )


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode("latin-1")


# An IPv6 address with a zone fits; a longer value is cut, so a caller cannot grow the
# throttle's keys (docs/security.md).
MAX_CLIENT_ADDRESS_CHARS = 64


def _client_address(scope: Scope, headers: dict[bytes, bytes]) -> str:
    """The gateway's word for who the client is (covered by its signature when a secret is
    set; taken on trust in development), else the TCP peer."""
    forwarded = (_text(headers.get(CLIENT_ADDRESS_HEADER)) or "").strip()
    if forwarded:
        return forwarded[:MAX_CLIENT_ADDRESS_CHARS]
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def client_address(request: HTTPConnection) -> str:
    """The address of the client behind the gateway, for per-address limits (login throttle)."""
    state = request.scope.get("state") or {}
    address = state.get("client_address")
    if isinstance(address, str):
        return address
    return _client_address(request.scope, dict(request.scope.get("headers", [])))


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # http.disconnect, when the client goes away

    return replay
