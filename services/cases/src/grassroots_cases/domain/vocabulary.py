"""The words of the case domain: statuses, categories, priorities, levels, and the rung each
role (named in grassroots_contracts.roles) serves."""

from __future__ import annotations

from enum import StrEnum

from grassroots_contracts.roles import Role as Role


class Status(StrEnum):
    REPORTED = "REPORTED"
    ACCEPTED = "ACCEPTED"
    ASSIGNED = "ASSIGNED"
    IN_PROGRESS = "IN_PROGRESS"
    ON_ORDER_BOARD = "ON_ORDER_BOARD"
    RESOLVED = "RESOLVED"
    CLOSED = "CLOSED"
    REJECTED = "REJECTED"
    IN_DELIBERATION = "IN_DELIBERATION"


# Someone still owes the resident an answer: these count as open and can breach their SLA.
OPEN_STATUSES = frozenset(
    {Status.REPORTED, Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS, Status.ON_ORDER_BOARD}
)
HANDLED_STATUSES = frozenset({Status.RESOLVED, Status.CLOSED})
# Waiting for a meeting's decision (participation's `decision.made`): neither open (its deadline
# is paused, so the sweeper never escalates it) nor handled.
WAITING_STATUSES = frozenset({Status.IN_DELIBERATION})
# Where a case may be sent to deliberation from, and so where it resumes.
DELIBERABLE_STATUSES = frozenset({Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS})


class Category(StrEnum):
    ENVIRONMENT = "ENVIRONMENT"
    INFRASTRUCTURE = "INFRASTRUCTURE"
    SEWAGE_WATER = "SEWAGE_WATER"
    PARKING_TRAFFIC = "PARKING_TRAFFIC"
    PROPERTY_MANAGEMENT = "PROPERTY_MANAGEMENT"
    MARKET_VENDORS = "MARKET_VENDORS"
    NEIGHBOR_DISPUTE = "NEIGHBOR_DISPUTE"
    PUBLIC_SAFETY = "PUBLIC_SAFETY"
    ELDERLY_CARE = "ELDERLY_CARE"
    SUGGESTION = "SUGGESTION"
    OTHER = "OTHER"


class Channel(StrEnum):
    APP = "APP"
    HOTLINE = "HOTLINE"
    WECHAT = "WECHAT"
    VISIT = "VISIT"
    MEETING = "MEETING"


class Priority(StrEnum):
    LOW = "LOW"
    NORMAL = "NORMAL"
    HIGH = "HIGH"
    URGENT = "URGENT"


class Level(StrEnum):
    """The rung of the ladder responsible for a case, lowest first."""

    GROUP = "GROUP"
    GRID = "GRID"
    COMMUNITY = "COMMUNITY"
    STREET = "STREET"
    DISTRICT = "DISTRICT"

    @property
    def rank(self) -> int:
        return _LEVEL_ORDER.index(self)

    def above(self) -> Level | None:
        rank = self.rank
        return _LEVEL_ORDER[rank + 1] if rank + 1 < len(_LEVEL_ORDER) else None


_LEVEL_ORDER = (Level.GROUP, Level.GRID, Level.COMMUNITY, Level.STREET, Level.DISTRICT)
LEVELS = _LEVEL_ORDER


class EscalationReason(StrEnum):
    MANUAL = "MANUAL"
    SLA_BREACH = "SLA_BREACH"
    BEYOND_AUTHORITY = "BEYOND_AUTHORITY"


# The rung each handling role serves; a role serves its rung and every rung below it.
ROLE_LEVEL: dict[Role, Level] = {
    Role.NEIGHBOR_CHIEF: Level.GROUP,
    Role.GROUP_CHIEF: Level.GROUP,
    Role.PIECE_CHIEF: Level.GROUP,
    Role.BUILDING_CHIEF: Level.GROUP,
    Role.GRID_MEMBER: Level.GRID,
    Role.GRID_CHIEF: Level.GRID,
    Role.COMMUNITY_STAFF: Level.COMMUNITY,
    Role.COMMUNITY_SECRETARY: Level.COMMUNITY,
    Role.STREET_STAFF: Level.STREET,
    Role.DEPARTMENT_STAFF: Level.DISTRICT,
    Role.DISTRICT_ADMIN: Level.DISTRICT,
}
# Roles that take work from the order board or by dispatch, not by rank.
TAKER_ROLES = frozenset({Role.RED_PARTNER_MEMBER, Role.VOLUNTEER})


def roles_of(names: frozenset[str] | set[str]) -> frozenset[Role]:
    """The known roles among role names from a token or an event; unknown names are ignored."""
    return frozenset(Role(n) for n in names if n in Role.__members__)


def highest_level(roles: frozenset[Role]) -> Level | None:
    levels = [ROLE_LEVEL[r] for r in roles if r in ROLE_LEVEL]
    return max(levels, key=lambda level: level.rank) if levels else None


def lowest_level_served(roles: frozenset[Role]) -> Level | None:
    """The lowest rung someone with these roles serves (used to route a new case)."""
    levels = [ROLE_LEVEL[r] for r in roles if r in ROLE_LEVEL]
    return min(levels, key=lambda level: level.rank) if levels else None
