from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_points.graphql.catalog_types import Reward
from grassroots_points.graphql.context import Context
from grassroots_points.handlers.catalog import UpdateReward, update_reward


@strawberry.input(description="Changes to a reward; omitted fields stay as they are.")
class UpdateRewardInput:
    id: strawberry.ID = strawberry.field(description="The reward.")
    name: str | None = strawberry.field(default=None, description="A new name.")
    cost: int | None = strawberry.field(
        default=None, description="A new cost (redemptions made keep theirs)."
    )
    active: bool | None = strawberry.field(default=None, description="Offer it or withdraw it.")


@strawberry.type(description="The result of updateReward.")
class UpdateRewardPayload:
    reward: Reward = strawberry.field(description="The reward as changed.")


async def resolve_update_reward(
    info: Info[Context, None], input: UpdateRewardInput
) -> UpdateRewardPayload:
    reward = await update_reward(
        info.context.ports,
        info.context.require_caller(),
        UpdateReward(str(input.id), input.name, input.cost, input.active),
    )
    return UpdateRewardPayload(reward=Reward.from_domain(reward))
