from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.cost_share_types import CostSharePlan
from grassroots_participation.handlers.cost_shares import cover_shortfall


@strawberry.input(
    description="An organization (a red partner) covering what a plan still misses: recorded by "
    "staff or by the organization's member."
)
class CoverShortfallInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan.")
    organization_id: strawberry.ID = strawberry.field(description="The organization.")
    amount_fen: int | None = strawberry.field(
        default=None,
        description="What it covers, in fen, at most the shortfall; by default all of it.",
    )


@strawberry.type(description="The result of coverShortfall.")
class CoverShortfallPayload:
    plan: CostSharePlan = strawberry.field(description="The plan as it now stands.")


async def resolve_cover_shortfall(
    info: Info[Context, None], input: CoverShortfallInput
) -> CoverShortfallPayload:
    found = await cover_shortfall(
        info.context.ports,
        info.context.require_caller(),
        str(input.plan_id),
        str(input.organization_id),
        input.amount_fen,
    )
    return CoverShortfallPayload(plan=CostSharePlan.from_domain(*found))
