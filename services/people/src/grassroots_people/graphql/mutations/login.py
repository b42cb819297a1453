from __future__ import annotations

import strawberry
from grassroots_kit.gateway_signature import client_address
from strawberry.types import Info

from grassroots_people.graphql.context import Context
from grassroots_people.graphql.mutations._tokens import TokenPayload, token_fields
from grassroots_people.handlers.identity import login
from grassroots_people.handlers.tokens import login_issuer


@strawberry.input(description="A phone number and its password.")
class LoginInput:
    phone: str = strawberry.field(description="The mobile number registered.")
    password: str = strawberry.field(description="The password.")


@strawberry.type(description="The result of login.")
class LoginPayload(TokenPayload):
    pass


async def resolve_login(info: Info[Context, None], input: LoginInput) -> LoginPayload:
    runtime, request = info.context.runtime, info.context.request
    tokens = await login(
        runtime.ports,
        login_issuer(runtime.ports),
        input.phone,
        input.password,
        client_address(request),
    )
    return LoginPayload(**token_fields(tokens))  # type: ignore[arg-type]
