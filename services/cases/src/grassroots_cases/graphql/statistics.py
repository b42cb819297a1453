"""GraphQL shape of case statistics."""

from __future__ import annotations

from datetime import datetime

import strawberry

from grassroots_cases.domain import statistics as stats


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

    @classmethod
    def from_domain(
        cls, org_unit_id: str, since: datetime, until: datetime, s: stats.CaseStatistics
    ) -> CaseStats:
        return cls(
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
