from __future__ import annotations

from decimal import Decimal

import strawberry
from strawberry.types import Info

from grassroots_participation.domain import cost_shares as domain
from grassroots_participation.domain.cost_share_access import PlanView, Sight
from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.cost_share_types import CostSharePlan
from grassroots_participation.handlers.cost_shares import CreateCostSharePlan, create_plan


@strawberry.input(description="A household in a cost-sharing plan.")
class CostShareHouseholdInput:
    household_id: strawberry.ID = strawberry.field(description="The household.")
    area_m2: Decimal | None = strawberry.field(
        default=None,
        description="Its floor area in square metres, at most two decimals (BY_AREA only).",
    )


@strawberry.input(
    description="A cost-sharing plan to draw up, for a case (`caseId` and `orgUnitId`) or for a "
    "meeting's agenda item (`meetingId` and `agendaItemId`)."
)
class CreateCostSharePlanInput:
    title: str = strawberry.field(description="What it pays for.")
    total_fen: int = strawberry.field(
        description="What it costs, in fen (CNY), more than 0 and at most 2,000,000,000."
    )
    method: domain.ShareMethod = strawberry.field(
        description="EQUAL: the total split among the households (the fen left over go one "
        "each to the first listed). BY_AREA: in proportion to floor area (likewise). PLEDGED: "
        "each household pledges what it chooses."
    )
    households: list[CostShareHouseholdInput] = strawberry.field(
        description="The households in it, 1 to 300, each once."
    )
    case_id: strawberry.ID | None = strawberry.field(default=None, description="The case.")
    org_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Where a case's plan is drawn up."
    )
    meeting_id: strawberry.ID | None = strawberry.field(
        default=None, description="The meeting whose agenda item it pays for."
    )
    agenda_item_id: strawberry.ID | None = strawberry.field(
        default=None, description="The agenda item."
    )


@strawberry.type(description="The result of createCostSharePlan.")
class CreateCostSharePlanPayload:
    plan: CostSharePlan = strawberry.field(description="The plan just drawn up.")


def _id(value: strawberry.ID | None) -> str | None:
    return None if value is None else str(value)


async def resolve_create_cost_share_plan(
    info: Info[Context, None], input: CreateCostSharePlanInput
) -> CreateCostSharePlanPayload:
    command = CreateCostSharePlan(
        title=input.title,
        total_fen=input.total_fen,
        method=input.method,
        households=tuple(
            domain.HouseholdInput(str(h.household_id), domain.area_centi(h.area_m2))
            for h in input.households
        ),
        case_id=_id(input.case_id),
        org_unit_id=_id(input.org_unit_id),
        meeting_id=_id(input.meeting_id),
        agenda_item_id=_id(input.agenda_item_id),
    )
    plan = await create_plan(info.context.ports, info.context.require_caller(), command)
    # Only staff over the unit may draw a plan up: they see all of it.
    return CreateCostSharePlanPayload(plan=CostSharePlan.from_domain(plan, PlanView(Sight.ALL)))
