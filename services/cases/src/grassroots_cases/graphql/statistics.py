"""GraphQL shape of case statistics."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from grassroots_cases.domain import comparison
from grassroots_cases.domain import statistics as stats
from grassroots_cases.graphql.context import Context
from grassroots_cases.handlers import figures


@strawberry.type(description="Durations from report to a milestone, in seconds.")
class DurationStats:
    median_seconds: float | None = strawberry.field(description="Half took at most this long.")
    p90_seconds: float | None = strawberry.field(description="90% took at most this long.")


@strawberry.type(description="Cases collected and handled in one group.")
class CaseCount:
    key: str = strawberry.field(description="The category, or the month as YYYY-MM.")
    collected: int = strawberry.field(description="Cases reported.")
    handled: int = strawberry.field(description="Of those, resolved or closed.")


@strawberry.type(description="How an area answered its residents in a period (by report date).")
class CaseStats:
    org_unit_id: strawberry.ID = strawberry.field(description="The subtree counted.")
    since: datetime = strawberry.field(name="from", description="Period start.")
    until: datetime = strawberry.field(name="to", description="Period end (excluded).")
    collected: int = strawberry.field(description="Cases reported in the period.")
    handled: int = strawberry.field(description="Of those, resolved or closed.")
    completion_rate: float | None = strawberry.field(description="handled / collected.")
    rejected: int = strawberry.field(description="Rejected as duplicate or out of scope.")
    open: int = strawberry.field(description="Still waiting for an answer.")
    overdue_now: int = strawberry.field(description="Open and past their deadline now.")
    sla_breaches: int = strawberry.field(description="Deadlines missed (each escalated).")
    average_rating: float | None = strawberry.field(description="Mean of residents' ratings.")
    ratings: int = strawberry.field(description="How many residents rated.")
    first_response: DurationStats = strawberry.field(description="Report to first response.")
    resolution: DurationStats = strawberry.field(description="Report to resolution.")
    by_category: list[CaseCount] = strawberry.field(description="Per category.")
    by_month: list[CaseCount] = strawberry.field(description="Per month of reporting.")
    figures: strawberry.Private[stats.CaseStatistics]
    comparable: strawberry.Private[bool]

    @strawberry.field(
        description="The same figures for the same dates one year earlier (29 February "
        "counts as 28 February), with the change in percent; null inside `yearOnYear` itself."
    )
    async def year_on_year(self, info: Info[Context, None]) -> YearOnYear | None:
        if not self.comparable:
            return None
        result = await figures.year_on_year(
            info.context.ports,
            info.context.caller,
            str(self.org_unit_id),
            self.since,
            self.until,
            self.figures,
        )
        return YearOnYear.from_domain(str(self.org_unit_id), result)

    @classmethod
    def from_domain(
        cls,
        org_unit_id: str,
        since: datetime,
        until: datetime,
        s: stats.CaseStatistics,
        *,
        comparable: bool = True,
    ) -> CaseStats:
        return cls(
            figures=s,
            comparable=comparable,
            org_unit_id=strawberry.ID(org_unit_id),
            since=since,
            until=until,
            collected=s.collected,
            handled=s.handled,
            completion_rate=s.completion_rate,
            rejected=s.rejected,
            open=s.open,
            overdue_now=s.overdue_now,
            sla_breaches=s.sla_breaches,
            average_rating=s.average_rating,
            ratings=s.ratings,
            first_response=DurationStats(
                median_seconds=s.first_response.median_seconds,
                p90_seconds=s.first_response.p90_seconds,
            ),
            resolution=DurationStats(
                median_seconds=s.resolution.median_seconds,
                p90_seconds=s.resolution.p90_seconds,
            ),
            by_category=[
                CaseCount(key=b.key, collected=b.collected, handled=b.handled)
                for b in s.by_category
            ],
            by_month=[
                CaseCount(key=b.key, collected=b.collected, handled=b.handled) for b in s.by_month
            ],
        )


@strawberry.type(name="FigureChange", description="A figure now and one year earlier.")
class Change:
    current: int = strawberry.field(description="In the period asked for.")
    earlier: int = strawberry.field(description="In the same period one year earlier.")
    percent: float | None = strawberry.field(
        description="(current - earlier) / earlier in percent, one decimal (-36.0: down 36%); "
        "null when earlier is 0."
    )

    @classmethod
    def from_domain(cls, c: comparison.Change) -> Change:
        return cls(current=c.current, earlier=c.earlier, percent=c.percent)


@strawberry.type(description="Cases collected in one category, now and one year earlier.")
class CategoryChange:
    key: str = strawberry.field(description="The category.")
    collected: Change = strawberry.field(description="Cases reported.")


@strawberry.type(
    name="YearOnYearStats",
    description="The period one year earlier, and how the figures changed since.",
)
class YearOnYear:
    since: datetime = strawberry.field(name="from", description="The earlier period's start.")
    until: datetime = strawberry.field(name="to", description="Its end (excluded).")
    earlier: CaseStats = strawberry.field(description="The figures of the earlier period.")
    collected: Change = strawberry.field(description="Cases reported.")
    handled: Change = strawberry.field(description="Of those, resolved or closed.")
    sla_breaches: Change = strawberry.field(description="Deadlines missed.")
    completion_rate_points: float | None = strawberry.field(
        description="Change of the completion rate in percentage points (97.4% to 98.0%: 0.6)."
    )
    by_category: list[CategoryChange] = strawberry.field(
        description="Per category present in either period."
    )

    @classmethod
    def from_domain(cls, org_unit_id: str, y: comparison.YearOnYear) -> YearOnYear:
        return cls(
            since=y.since,
            until=y.until,
            earlier=CaseStats.from_domain(
                org_unit_id, y.since, y.until, y.earlier, comparable=False
            ),
            collected=Change.from_domain(y.collected),
            handled=Change.from_domain(y.handled),
            sla_breaches=Change.from_domain(y.sla_breaches),
            completion_rate_points=y.completion_rate_points,
            by_category=[
                CategoryChange(key=k.key, collected=Change.from_domain(k.collected))
                for k in y.by_category
            ],
        )
