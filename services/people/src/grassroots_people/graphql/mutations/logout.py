from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.graphql.context import Context
from grassroots_people.handlers.identity import logout


@strawberry.input(description="End a login: its refresh tokens stop working.")
class LogoutInput:
    refresh_token: str = strawberry.field(description="Any refresh token of that login.")


@strawberry.type(description="The result of logout.")
class LogoutPayload:
    logged_out: bool = strawberry.field(description="Always true; logging out twice is fine.")


async def resolve_logout(info: Info[Context, None], input: LogoutInput) -> LogoutPayload:
    await logout(info.context.runtime.ports, input.refresh_token)
    return LogoutPayload(logged_out=True)
