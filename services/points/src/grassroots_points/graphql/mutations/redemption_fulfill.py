from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_points.graphql.catalog_types import Redemption
from grassroots_points.graphql.context import Context
from grassroots_points.handlers.redemptions import fulfill_redemption


@strawberry.input(description="Staff handed the items of a redemption over.")
class FulfillRedemptionInput:
    id: strawberry.ID = strawberry.field(description="The redemption.")


@strawberry.type(description="The result of fulfillRedemption.")
class FulfillRedemptionPayload:
    redemption: Redemption = strawberry.field(description="The redemption, now FULFILLED.")


async def resolve_fulfill_redemption(
    info: Info[Context, None], input: FulfillRedemptionInput
) -> FulfillRedemptionPayload:
    redemption = await fulfill_redemption(
        info.context.ports, info.context.require_caller(), str(input.id)
    )
    return FulfillRedemptionPayload(redemption=Redemption.from_domain(redemption))
