"""The values other services use in their events, as points reads and validates them."""

from __future__ import annotations

from typing import Final

from grassroots_contracts.event_types import (
    CASE_CLOSED,
    COMMITMENT_FULFILLED,
    ORDER_TAKEN,
    VISIT_LOGGED,
)

CATEGORIES: Final = frozenset(
    {
        "ENVIRONMENT",
        "INFRASTRUCTURE",
        "SEWAGE_WATER",
        "PARKING_TRAFFIC",
        "PROPERTY_MANAGEMENT",
        "MARKET_VENDORS",
        "NEIGHBOR_DISPUTE",
        "PUBLIC_SAFETY",
        "ELDERLY_CARE",
        "SUGGESTION",
        "OTHER",
    }
)
PRIORITIES: Final = frozenset({"LOW", "NORMAL", "HIGH", "URGENT"})
LEVELS: Final = frozenset(
    {"DISTRICT", "STREET", "COMMUNITY", "GRID", "PIECE", "GROUP", "NEIGHBORHOOD", "BUILDING"}
)
CARE_LEVELS: Final = frozenset({"RED", "YELLOW", "GREEN", "NONE"})
ROLES: Final = frozenset(
    {
        "RESIDENT",
        "NEIGHBOR_CHIEF",
        "GROUP_CHIEF",
        "PIECE_CHIEF",
        "BUILDING_CHIEF",
        "GRID_MEMBER",
        "GRID_CHIEF",
        "COMMUNITY_STAFF",
        "COMMUNITY_SECRETARY",
        "STREET_STAFF",
        "DEPARTMENT_STAFF",
        "RED_PARTNER_MEMBER",
        "VOLUNTEER",
        "DISTRICT_ADMIN",
    }
)

# The occasions a rule can reward. Taking an order is rewarded when its case closes.
RULE_EVENT_TYPES: Final = (CASE_CLOSED, ORDER_TAKEN, VISIT_LOGGED, COMMITMENT_FULFILLED)

NEIGHBOR_CHIEF: Final = "NEIGHBOR_CHIEF"
RED_PARTNER_MEMBER: Final = "RED_PARTNER_MEMBER"
