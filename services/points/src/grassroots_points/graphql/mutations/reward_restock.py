from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_points.graphql.catalog_types import Reward
from grassroots_points.graphql.context import Context
from grassroots_points.handlers.catalog import restock_reward


@strawberry.input(description="Items added to a reward's stock.")
class RestockRewardInput:
    id: strawberry.ID = strawberry.field(description="The reward.")
    quantity: int = strawberry.field(description="How many items arrived (1 or more).")


@strawberry.type(description="The result of restockReward.")
class RestockRewardPayload:
    reward: Reward = strawberry.field(description="The reward with its new stock.")


async def resolve_restock_reward(
    info: Info[Context, None], input: RestockRewardInput
) -> RestockRewardPayload:
    reward = await restock_reward(
        info.context.ports, info.context.require_caller(), str(input.id), input.quantity
    )
    return RestockRewardPayload(reward=Reward.from_domain(reward))
