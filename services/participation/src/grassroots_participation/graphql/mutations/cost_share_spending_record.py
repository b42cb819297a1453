from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.cost_share_types import CostSharePlan
from grassroots_participation.handlers.cost_shares import record_spending


@strawberry.input(
    description="What a funded plan's money was spent on, as staff record it: the plan becomes "
    "SPENT."
)
class RecordSpendingInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan.")
    amount_fen: int = strawberry.field(description="What was spent, in fen, more than 0.")
    note: str = strawberry.field(default="", description="On what, e.g. the contractor's invoice.")


@strawberry.type(description="The result of recordSpending.")
class RecordSpendingPayload:
    plan: CostSharePlan = strawberry.field(description="The plan as it now stands.")


async def resolve_record_spending(
    info: Info[Context, None], input: RecordSpendingInput
) -> RecordSpendingPayload:
    found = await record_spending(
        info.context.ports,
        info.context.require_caller(),
        str(input.plan_id),
        input.amount_fen,
        input.note,
    )
    return RecordSpendingPayload(plan=CostSharePlan.from_domain(*found))
