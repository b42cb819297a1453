from __future__ import annotations

from datetime import datetime

import strawberry

from grassroots_people.handlers.tokens import Tokens


@strawberry.interface(description="An access token and the refresh token that renews it.")
class TokenPayload:
    access_token: str = strawberry.field(description="RS256 JWT; send as `Bearer <token>`.")
    access_token_expires_at: datetime = strawberry.field(description="When it expires.")
    refresh_token: str = strawberry.field(
        description="Opaque; works once, for refreshToken, or for logout."
    )
    refresh_token_expires_at: datetime = strawberry.field(description="When it expires.")
    person_id: strawberry.ID = strawberry.field(description="Whose tokens these are.")


def token_fields(tokens: Tokens) -> dict[str, object]:
    return {
        "access_token": tokens.access_token,
        "access_token_expires_at": tokens.access_expires_at,
        "refresh_token": tokens.refresh_token,
        "refresh_token_expires_at": tokens.refresh_expires_at,
        "person_id": strawberry.ID(tokens.person_id),
    }
