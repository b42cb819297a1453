from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql.activity_types import Activity
from grassroots_participation.graphql.context import Context
from grassroots_participation.handlers.activities import cancel_sign_up, sign_up


@strawberry.input(description="An activity to sign yourself up for.")
class SignUpInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity.")


@strawberry.type(description="The result of signUp.")
class SignUpPayload:
    activity: Activity = strawberry.field(description="The activity with your place.")


@strawberry.input(description="An activity to give up your place in.")
class CancelSignUpInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity.")


@strawberry.type(description="The result of cancelSignUp.")
class CancelSignUpPayload:
    activity: Activity = strawberry.field(description="The activity without your place.")


async def resolve_sign_up(info: Info[Context, None], input: SignUpInput) -> SignUpPayload:
    ctx = info.context
    activity = await sign_up(ctx.activities, ctx.require_caller(), str(input.activity_id))
    return SignUpPayload(activity=Activity.from_domain(activity))


async def resolve_cancel_sign_up(
    info: Info[Context, None], input: CancelSignUpInput
) -> CancelSignUpPayload:
    ctx = info.context
    activity = await cancel_sign_up(ctx.activities, ctx.require_caller(), str(input.activity_id))
    return CancelSignUpPayload(activity=Activity.from_domain(activity))
