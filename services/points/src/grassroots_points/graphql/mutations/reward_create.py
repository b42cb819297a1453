from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_points.graphql.catalog_types import Reward
from grassroots_points.graphql.context import Context
from grassroots_points.handlers.catalog import CreateReward, create_reward


@strawberry.input(description="A new reward in a community's catalog.")
class CreateRewardInput:
    org_unit_id: strawberry.ID = strawberry.field(description="The community.")
    name: str = strawberry.field(description="Unique in the catalog, e.g. `5 kg rice`.")
    cost: int = strawberry.field(description="Points per item.")
    stock: int = strawberry.field(description="Items available.")
    active: bool = strawberry.field(default=True, description="Offered at once.")


@strawberry.type(description="The result of createReward.")
class CreateRewardPayload:
    reward: Reward = strawberry.field(description="The reward just created.")


async def resolve_create_reward(
    info: Info[Context, None], input: CreateRewardInput
) -> CreateRewardPayload:
    reward = await create_reward(
        info.context.ports,
        info.context.require_caller(),
        CreateReward(str(input.org_unit_id), input.name, input.cost, input.stock, input.active),
    )
    return CreateRewardPayload(reward=Reward.from_domain(reward))
