"""GraphQL shape of an SLA policy."""

from __future__ import annotations

import strawberry

from grassroots_cases.domain import sla
from grassroots_cases.graphql.enums import CaseCategory, CasePriority, SlaUnit


@strawberry.type(description="Hours to answer a case of a priority.")
class PriorityHours:
    priority: CasePriority = strawberry.field(description="The priority.")
    hours: int = strawberry.field(
        description="The count from report (or escalation) to deadline: hours, or working days "
        "when `unit` is WORKING_DAYS."
    )
    unit: SlaUnit = strawberry.field(description="What `hours` counts.")


@strawberry.type(description="Hours for a category, for one priority of it or for all.")
class CategoryHours:
    category: CaseCategory = strawberry.field(description="The category.")
    priority: CasePriority | None = strawberry.field(description="Null: every priority.")
    hours: int = strawberry.field(
        description="The count from report (or escalation) to deadline: hours, or working days "
        "when `unit` is WORKING_DAYS."
    )
    unit: SlaUnit = strawberry.field(description="What `hours` counts.")


@strawberry.type(description="The deadlines of a district.")
class SlaPolicy:
    district_id: strawberry.ID = strawberry.field(description="The district it applies to.")
    priorities: list[PriorityHours] = strawberry.field(description="Hours by priority.")
    categories: list[CategoryHours] = strawberry.field(description="Overrides by category.")

    @classmethod
    def from_domain(cls, district_id: str, policy: sla.SlaPolicy) -> SlaPolicy:
        return cls(
            district_id=strawberry.ID(district_id),
            priorities=[
                PriorityHours(priority=p, hours=h, unit=policy.unit(p))
                for p, h in policy.priority_hours.items()
            ],
            categories=[
                CategoryHours(category=o.category, priority=o.priority, hours=o.hours, unit=o.unit)
                for o in policy.overrides
            ],
        )
