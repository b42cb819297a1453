"""`setSlaPolicy`: a district administrator sets the district's deadlines."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.domain.sla import CategoryOverride
from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.enums import CaseCategory, CasePriority, SlaUnit
from grassroots_cases.graphql.sla import SlaPolicy
from grassroots_cases.handlers.sla_admin import district_of, set_policy


@strawberry.input(description="Hours for a priority.")
class PriorityHoursInput:
    priority: CasePriority = strawberry.field(description="The priority.")
    hours: int = strawberry.field(
        description="The count to the deadline: hours, or working days when `unit` is "
        "WORKING_DAYS (0 = the end of the same working day)."
    )
    unit: SlaUnit = strawberry.field(
        default=SlaUnit.HOURS, description="What `hours` counts; hours when omitted."
    )


@strawberry.input(description="Hours for a category (and optionally one priority of it).")
class CategoryHoursInput:
    category: CaseCategory = strawberry.field(description="The category.")
    hours: int = strawberry.field(
        description="The count to the deadline: hours, or working days when `unit` is "
        "WORKING_DAYS (0 = the end of the same working day)."
    )
    unit: SlaUnit = strawberry.field(
        default=SlaUnit.HOURS, description="What `hours` counts; hours when omitted."
    )
    priority: CasePriority | None = strawberry.field(
        default=None, description="Only for this priority; every priority when omitted."
    )


@strawberry.input(description="A district's deadlines; omitted priorities keep the defaults.")
class SetSlaPolicyInput:
    district_id: strawberry.ID = strawberry.field(description="The district (or a unit in it).")
    priorities: list[PriorityHoursInput] = strawberry.field(
        default_factory=list, description="Hours by priority."
    )
    categories: list[CategoryHoursInput] = strawberry.field(
        default_factory=list, description="Overrides by category."
    )


@strawberry.type(description="The result of setSlaPolicy.")
class SetSlaPolicyPayload:
    sla_policy: SlaPolicy = strawberry.field(description="The policy now in force.")


async def resolve_sla_policy_set(
    info: Info[Context, None], input: SetSlaPolicyInput
) -> SetSlaPolicyPayload:
    policy = await set_policy(
        info.context.ports,
        info.context.caller,
        str(input.district_id),
        {p.priority: p.hours for p in input.priorities},
        [CategoryOverride(c.category, c.hours, c.priority, c.unit) for c in input.categories],
        {p.priority: p.unit for p in input.priorities},
    )
    district = await district_of(info.context.ports, str(input.district_id))
    return SetSlaPolicyPayload(sla_policy=SlaPolicy.from_domain(district, policy))
