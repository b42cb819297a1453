from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_points.graphql.catalog_types import Redemption
from grassroots_points.graphql.context import Context
from grassroots_points.handlers.redemptions import cancel_redemption


@strawberry.input(description="Cancel a redemption not yet handed over: refund and restock.")
class CancelRedemptionInput:
    id: strawberry.ID = strawberry.field(description="The redemption.")


@strawberry.type(description="The result of cancelRedemption.")
class CancelRedemptionPayload:
    redemption: Redemption = strawberry.field(description="The redemption, now CANCELLED.")


async def resolve_cancel_redemption(
    info: Info[Context, None], input: CancelRedemptionInput
) -> CancelRedemptionPayload:
    redemption = await cancel_redemption(
        info.context.ports, info.context.require_caller(), str(input.id)
    )
    return CancelRedemptionPayload(redemption=Redemption.from_domain(redemption))
