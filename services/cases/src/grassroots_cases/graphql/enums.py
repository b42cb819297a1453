"""The domain's vocabulary as GraphQL enums (registered once, used under these names)."""

from __future__ import annotations

import strawberry

from grassroots_cases.domain import listing
from grassroots_cases.domain import vocabulary as v

strawberry.enum(v.Status, name="CaseStatus", description="Where a case stands.")
strawberry.enum(v.Category, name="CaseCategory", description="What a case is about.")
strawberry.enum(v.Channel, name="CaseChannel", description="How a case came in.")
strawberry.enum(v.Priority, name="CasePriority", description="How urgent a case is.")
strawberry.enum(v.Level, name="CaseLevel", description="A rung of the ladder, lowest first.")
strawberry.enum(
    v.EscalationReason, name="EscalationReason", description="Why a case climbed the ladder."
)
strawberry.enum(listing.CaseSort, name="CaseSort", description="Order of a list of cases.")

CaseStatus = v.Status
CaseCategory = v.Category
CaseChannel = v.Channel
CasePriority = v.Priority
CaseLevel = v.Level
EscalationReason = v.EscalationReason
CaseSort = listing.CaseSort
