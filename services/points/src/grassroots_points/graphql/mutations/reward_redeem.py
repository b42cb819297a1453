from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_points.graphql.catalog_types import Redemption
from grassroots_points.graphql.context import Context
from grassroots_points.handlers.redemptions import RedeemReward, redeem_reward


@strawberry.input(description="Exchange your points for a reward.")
class RedeemRewardInput:
    reward_id: strawberry.ID = strawberry.field(description="The reward.")
    quantity: int = strawberry.field(default=1, description="How many items, 1 to 100.")


@strawberry.type(description="The result of redeemReward.")
class RedeemRewardPayload:
    redemption: Redemption = strawberry.field(
        description="The redemption, REQUESTED until staff hand the items over."
    )


async def resolve_redeem_reward(
    info: Info[Context, None], input: RedeemRewardInput
) -> RedeemRewardPayload:
    redemption = await redeem_reward(
        info.context.ports,
        info.context.require_caller(),
        RedeemReward(str(input.reward_id), input.quantity),
    )
    return RedeemRewardPayload(redemption=Redemption.from_domain(redemption))
