"""Per-request context: the service host, who is calling and the ports."""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_kit.auth import Principal, TokenVerifier
from grassroots_kit.host import ServiceHost
from grassroots_kit.request_auth import ANONYMOUS, RequestAuth, authenticate
from starlette.requests import Request

from grassroots_notifications.handlers.ports import NotificationsPorts


@dataclass
class Context:
    host: ServiceHost
    request: Request
    ports: NotificationsPorts
    auth: RequestAuth = ANONYMOUS
    verifier: TokenVerifier | None = None

    @property
    def caller(self) -> Principal | None:
        """The verified caller, None when anonymous; a bad token fails where it is used."""
        return self.auth.optional()

    def require_caller(self) -> Principal:
        return self.auth.required()

    async def recheck_caller(self) -> None:
        """Verify the request's token again (expiry, revocation): a live subscription calls it
        while it runs; UNAUTHENTICATED ends the subscription."""
        if self.verifier is not None:
            (await authenticate(self.verifier, self.request)).required()


async def build_context(
    host: ServiceHost, verifier: TokenVerifier, ports: NotificationsPorts, request: Request
) -> Context:
    auth = await authenticate(verifier, request)
    return Context(host=host, request=request, ports=ports, auth=auth, verifier=verifier)
