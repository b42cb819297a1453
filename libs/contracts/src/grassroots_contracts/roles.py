"""The roles people grants, by the names that tokens and role events carry.

Every service reads these names; what a role may do is each service's own business and stays
in its domain package.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Role(StrEnum):
    RESIDENT = "RESIDENT"
    NEIGHBOR_CHIEF = "NEIGHBOR_CHIEF"
    GROUP_CHIEF = "GROUP_CHIEF"
    PIECE_CHIEF = "PIECE_CHIEF"
    BUILDING_CHIEF = "BUILDING_CHIEF"
    GRID_MEMBER = "GRID_MEMBER"
    GRID_CHIEF = "GRID_CHIEF"
    COMMUNITY_STAFF = "COMMUNITY_STAFF"
    COMMUNITY_SECRETARY = "COMMUNITY_SECRETARY"
    STREET_STAFF = "STREET_STAFF"
    DEPARTMENT_STAFF = "DEPARTMENT_STAFF"
    RED_PARTNER_MEMBER = "RED_PARTNER_MEMBER"
    VOLUNTEER = "VOLUNTEER"
    DISTRICT_ADMIN = "DISTRICT_ADMIN"
    PLATFORM_ADMIN = "PLATFORM_ADMIN"


# Roles held on an org unit, the ones `role.assigned` and `role.revoked` carry. PLATFORM_ADMIN
# is granted by bootstrapping over everything, never on a unit, and no event announces it.
UNIT_ROLES: Final = frozenset(Role) - {Role.PLATFORM_ADMIN}

# Roles held on behalf of an organization (a red partner or a city department).
ORGANIZATION_ROLES: Final = frozenset({Role.DEPARTMENT_STAFF, Role.RED_PARTNER_MEMBER})
