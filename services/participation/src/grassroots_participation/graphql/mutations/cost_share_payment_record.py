from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.cost_share_types import CostSharePlan
from grassroots_participation.handlers.cost_shares import record_payment


@strawberry.input(
    description="A payment a household made towards a plan, as staff record it (no money moves "
    "here)."
)
class RecordPaymentInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan.")
    household_id: strawberry.ID = strawberry.field(description="The household that paid.")
    amount_fen: int = strawberry.field(description="What it paid, in fen, more than 0.")
    note: str = strawberry.field(default="", description="A receipt number or remark.")


@strawberry.type(description="The result of recordPayment.")
class RecordPaymentPayload:
    plan: CostSharePlan = strawberry.field(description="The plan as it now stands.")


async def resolve_record_payment(
    info: Info[Context, None], input: RecordPaymentInput
) -> RecordPaymentPayload:
    found = await record_payment(
        info.context.ports,
        info.context.require_caller(),
        str(input.plan_id),
        str(input.household_id),
        input.amount_fen,
        input.note,
    )
    return RecordPaymentPayload(plan=CostSharePlan.from_domain(*found))
