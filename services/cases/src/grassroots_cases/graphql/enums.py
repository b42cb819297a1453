"""The domain's vocabulary as GraphQL enums (registered once, used under these names)."""

from __future__ import annotations

import strawberry

from grassroots_cases.domain import listing, sla
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
strawberry.enum(
    sla.DeadlineUnit,
    name="SlaUnit",
    description="What an SLA count counts: calendar hours, or working days that end at the "
    "business closing time and skip China's statutory holidays (0 = the same working day).",
)

CaseStatus = v.Status
CaseCategory = v.Category
CaseChannel = v.Channel
CasePriority = v.Priority
CaseLevel = v.Level
EscalationReason = v.EscalationReason
CaseSort = listing.CaseSort
SlaUnit = sla.DeadlineUnit
