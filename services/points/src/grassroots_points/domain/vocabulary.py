"""The values other services use in their events, as points reads and validates them."""

from __future__ import annotations

from typing import Final

from grassroots_contracts import case_events, org_units
from grassroots_contracts.event_types import (
    ACTIVITY_ATTENDED,
    CASE_CLOSED,
    COMMITMENT_FULFILLED,
    ORDER_TAKEN,
    VISIT_LOGGED,
)
from grassroots_contracts.roles import UNIT_ROLES, Role

CATEGORIES: Final = frozenset(case_events.CATEGORIES)
PRIORITIES: Final = frozenset(case_events.PRIORITIES)
# A rule's level is matched against a closed case's level, a rung of the ladder: a case in a
# TOWN stands on the STREET rung and one in a VILLAGE on the COMMUNITY rung, so TOWN and VILLAGE
# are not levels of their own (a rule naming them would never fire).
LEVELS: Final = frozenset(
    {"DISTRICT", "STREET", "COMMUNITY", "GRID", "PIECE", "GROUP", "NEIGHBORHOOD", "BUILDING"}
)
# A catalog belongs to a unit on the community rung: a community or a village.
COMMUNITY_RUNG: Final = org_units.COMMUNITY_RUNG
CARE_LEVELS: Final = frozenset({"RED", "YELLOW", "GREEN", "NONE"})
# The roles a rule may select: those held on an org unit.
ROLES: Final = frozenset(role.value for role in UNIT_ROLES)

# The occasions a rule can reward. Taking an order is rewarded when its case closes.
RULE_EVENT_TYPES: Final = (
    CASE_CLOSED,
    ORDER_TAKEN,
    VISIT_LOGGED,
    COMMITMENT_FULFILLED,
    ACTIVITY_ATTENDED,
)

NEIGHBOR_CHIEF: Final = Role.NEIGHBOR_CHIEF.value
RED_PARTNER_MEMBER: Final = Role.RED_PARTNER_MEMBER.value
