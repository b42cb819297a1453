from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.cost_share_types import CostSharePlan
from grassroots_participation.handlers.cost_shares import cancel_plan


@strawberry.input(description="Cancel an open or funded plan, with the reason.")
class CancelCostSharePlanInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan.")
    reason: str = strawberry.field(description="Why it is cancelled.")


@strawberry.type(description="The result of cancelCostSharePlan.")
class CancelCostSharePlanPayload:
    plan: CostSharePlan = strawberry.field(description="The plan as it now stands.")


async def resolve_cancel_cost_share_plan(
    info: Info[Context, None], input: CancelCostSharePlanInput
) -> CancelCostSharePlanPayload:
    found = await cancel_plan(
        info.context.ports,
        info.context.require_caller(),
        str(input.plan_id),
        input.reason,
    )
    return CancelCostSharePlanPayload(plan=CostSharePlan.from_domain(*found))
