from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_points.domain.rules import CapPeriod, Selector
from grassroots_points.graphql.context import Context
from grassroots_points.graphql.types import PointRule
from grassroots_points.handlers.rules import SetPointRule, set_point_rule


@strawberry.input(
    description="A rule for an occasion; setting one for the same occasion and narrowing "
    "replaces it. The most specific matching rule applies."
)
class SetPointRuleInput:
    event_type: str = strawberry.field(
        description="case.closed, order.taken, visit.logged, commitment.fulfilled or "
        "activity.attended."
    )
    points: int = strawberry.field(description="Points per occasion, 0 to 10000.")
    category: str | None = strawberry.field(default=None, description="Only this case category.")
    priority: str | None = strawberry.field(default=None, description="Only this priority.")
    level: str | None = strawberry.field(
        default=None, description="Only cases closed at this level."
    )
    role: str | None = strawberry.field(default=None, description="Only handlers in this role.")
    care_level: str | None = strawberry.field(
        default=None, description="Only visits to households of this care level."
    )
    met_deadline_bonus: int = strawberry.field(
        default=0, description="Extra points when the deadline was met."
    )
    top_rating_bonus: int = strawberry.field(default=0, description="Extra points when rated 5.")
    description: str = strawberry.field(default="", description="What it rewards, in words.")
    max_per_period: int | None = strawberry.field(
        default=None,
        description="At most this many awards of this event type per person and period "
        "(1 to 1000); unset: the platform default (visits 12 a day, commitments 4 a month, "
        "activity attendances 2 a day).",
    )
    cap_period: CapPeriod | None = strawberry.field(
        default=None, description="The business DAY (default), WEEK or MONTH a cap counts in."
    )
    points_per_hour: int = strawberry.field(
        default=0,
        description="Extra points per whole hour served (activity.attended), 0 to 10000.",
    )


@strawberry.type(description="The result of setPointRule.")
class SetPointRulePayload:
    point_rule: PointRule = strawberry.field(description="The rule as now in force.")


async def resolve_set_point_rule(
    info: Info[Context, None], input: SetPointRuleInput
) -> SetPointRulePayload:
    command = SetPointRule(
        selector=Selector(
            event_type=input.event_type,
            category=input.category,
            priority=input.priority,
            level=input.level,
            role=input.role,
            care_level=input.care_level,
        ),
        points=input.points,
        met_deadline_bonus=input.met_deadline_bonus,
        top_rating_bonus=input.top_rating_bonus,
        description=input.description,
        max_per_period=input.max_per_period,
        cap_period=input.cap_period,
        points_per_hour=input.points_per_hour,
    )
    rule = await set_point_rule(info.context.ports, info.context.require_caller(), command)
    return SetPointRulePayload(point_rule=PointRule.from_domain(rule))
