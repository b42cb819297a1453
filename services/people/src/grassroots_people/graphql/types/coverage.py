"""Care coverage as the graph shows it (handlers/coverage.py)."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from grassroots_people.domain import care
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.enums import CareLevel
from grassroots_people.graphql.types.org_unit import OrgUnit


def _days(schedule: care.VisitSchedule, level: care.CareLevel) -> int:
    interval = schedule.interval(level)
    return interval.days if interval else 0


@strawberry.type(description="The households of one care level and how many keep their schedule.")
class CareLevelCoverage:
    care_level: CareLevel = strawberry.field(description="RED, YELLOW or GREEN.")
    interval_days: int = strawberry.field(description="Days between visits at this level.")
    households: int = strawberry.field(description="Households at this level.")
    on_schedule: int = strawberry.field(
        description="Of them, those whose last confirmed visit keeps them on schedule at the "
        "end of the day asked about."
    )
    overdue: int = strawberry.field(description="The others: households minus onSchedule.")
    share_on_schedule: float | None = strawberry.field(
        description="onSchedule over households (0 to 1, 4 decimals); null with no household."
    )


@strawberry.type(description="Every household of an org unit's subtree, by care level.")
class UnitCareCoverage:
    org_unit_id: strawberry.ID = strawberry.field(description="The org unit.")
    households: int = strawberry.field(
        description="All households of the subtree: the levels' and withoutCareLevel together."
    )
    without_care_level: int = strawberry.field(
        description="Households of care level NONE, which keep no schedule."
    )
    levels: list[CareLevelCoverage] = strawberry.field(
        description="RED, YELLOW and GREEN, in that order, each even with no household."
    )

    @strawberry.field(description="The org unit itself.")
    async def org_unit(self, info: Info[Context, None]) -> OrgUnit | None:
        unit = await info.context.org_units.load(str(self.org_unit_id))
        return OrgUnit.from_domain(unit) if unit else None

    @classmethod
    def from_domain(cls, unit: care.UnitCoverage, schedule: care.VisitSchedule) -> UnitCareCoverage:
        return cls(
            org_unit_id=strawberry.ID(unit.org_unit_id),
            households=unit.households,
            without_care_level=unit.without_care_level,
            levels=[
                CareLevelCoverage(
                    care_level=level.care_level,
                    interval_days=_days(schedule, level.care_level),
                    households=level.households,
                    on_schedule=level.on_schedule,
                    overdue=level.overdue,
                    share_on_schedule=level.share_on_schedule,
                )
                for level in unit.levels
            ],
        )


@strawberry.type(
    description="How fully an org unit keeps its visit schedule on a business day: the unit's "
    "figures (households placed directly in it included) and each child unit's."
)
class CareCoverage:
    as_of: date = strawberry.field(description="The business day (BUSINESS_TIME_ZONE) counted.")
    unit: UnitCareCoverage = strawberry.field(description="The org unit's whole subtree.")
    children: list[UnitCareCoverage] = strawberry.field(
        description="Each child unit, by name, with none left out."
    )

    @classmethod
    def from_domain(cls, found: care.CareCoverage, schedule: care.VisitSchedule) -> CareCoverage:
        return cls(
            as_of=found.as_of,
            unit=UnitCareCoverage.from_domain(found.unit, schedule),
            children=[UnitCareCoverage.from_domain(c, schedule) for c in found.children],
        )
