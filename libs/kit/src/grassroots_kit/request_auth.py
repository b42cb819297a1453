"""Who is calling, read once per request from its bearer token, the same way in every subgraph.

A context is built with `authenticate(verifier, request)`; resolvers then ask `optional()`
(the caller or None when anonymous) or `required()` (the caller, or UNAUTHENTICATED with one
message everywhere). A token that does not verify is kept, not raised, when the context is
built: it fails only what asks who is calling, so a public field still answers. The module
imports no web framework, so a domain's access rules may call `required` too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from grassroots_kit.auth import Principal, TokenVerifier, bearer_token
from grassroots_kit.errors import Unauthenticated
from grassroots_kit.i18n import msg


@runtime_checkable
class HasHeaders(Protocol):
    """A request as Starlette (or any ASGI framework) gives it."""

    @property
    def headers(self) -> Mapping[str, str]: ...


NOT_SIGNED_IN = msg("sign in first: send `Authorization: Bearer <access token>`")


def required(principal: Principal | None) -> Principal:
    """The caller, or UNAUTHENTICATED when there is none: the one wording for "not signed in"."""
    if principal is None:
        raise Unauthenticated(NOT_SIGNED_IN)
    return principal


@dataclass(frozen=True)
class RequestAuth:
    """A request's caller as its token said: a principal, nobody, or a token that failed."""

    principal: Principal | None = None
    error: Unauthenticated | None = None

    def optional(self) -> Principal | None:
        """The caller, None when anonymous; a bad token raises its UNAUTHENTICATED here."""
        if self.error is not None:
            raise self.error
        return self.principal

    def required(self) -> Principal:
        return required(self.optional())


ANONYMOUS = RequestAuth()


async def authenticate(
    verifier: TokenVerifier, request_or_headers: HasHeaders | Mapping[str, str]
) -> RequestAuth:
    """Verify the request's `Authorization: Bearer` token, if it sends one (a plain mapping
    of headers has lower-case names, as ASGI gives them)."""
    # Asked this way round: a Starlette request is itself a Mapping (of its ASGI scope).
    headers = (
        request_or_headers.headers
        if isinstance(request_or_headers, HasHeaders)
        else request_or_headers
    )
    try:
        token = bearer_token(headers.get("authorization"))
        if token is None:
            return ANONYMOUS
        return RequestAuth(principal=await verifier.verify(token))
    except Unauthenticated as exc:
        return RequestAuth(error=exc)
