from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.cost_share_types import CostSharePlan
from grassroots_participation.handlers.cost_shares import pledge


@strawberry.input(
    description="Your household's pledge to a plan (replacing its earlier pledge while the plan "
    "is open)."
)
class PledgeInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan.")
    household_id: strawberry.ID = strawberry.field(description="Your own household.")
    amount_fen: int | None = strawberry.field(
        default=None,
        description="What it pledges, in fen, more than 0; by default its share (EQUAL, BY_AREA).",
    )


@strawberry.type(description="The result of pledge.")
class PledgePayload:
    plan: CostSharePlan = strawberry.field(description="The plan as it now stands.")


async def resolve_pledge(info: Info[Context, None], input: PledgeInput) -> PledgePayload:
    found = await pledge(
        info.context.ports,
        info.context.require_caller(),
        str(input.plan_id),
        str(input.household_id),
        input.amount_fen,
    )
    return PledgePayload(plan=CostSharePlan.from_domain(*found))
