"""The GraphQL names of the cost-sharing enums, registered once, before any type uses them
(`Organization.pledges` in types.py filters by plan state)."""

from __future__ import annotations

import strawberry

from grassroots_participation.domain import cost_shares as domain

CostShareMethod = strawberry.enum(
    domain.ShareMethod,
    name="CostShareMethod",
    description="How a plan's shares are set: equally, by floor area, or as each pledges.",
)
CostSharePlanState = strawberry.enum(
    domain.PlanState,
    name="CostSharePlanState",
    description="Open, funded, spent or cancelled.",
)
CostShareAction = strawberry.enum(
    domain.AuditAction, name="CostShareAction", description="A change in a plan's audit trail."
)
