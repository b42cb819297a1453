from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.graphql.context import Context
from grassroots_people.graphql.mutations._tokens import TokenPayload, token_fields
from grassroots_people.handlers.identity import refresh


@strawberry.input(description="A refresh token, used once.")
class RefreshTokenInput:
    refresh_token: str = strawberry.field(description="From login or the last refresh.")


@strawberry.type(description="The result of refreshToken: a new pair.")
class RefreshTokenPayload(TokenPayload):
    pass


async def resolve_refresh_token(
    info: Info[Context, None], input: RefreshTokenInput
) -> RefreshTokenPayload:
    tokens = await refresh(info.context.runtime.ports, input.refresh_token)
    return RefreshTokenPayload(**token_fields(tokens))  # type: ignore[arg-type]
