"""Roles over org units: who serves where, for how long, and the rules for granting them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from grassroots_contracts.roles import ORGANIZATION_ROLES as ORGANIZATION_ROLES
from grassroots_contracts.roles import Role as Role
from grassroots_kit.errors import BadUserInput, Conflict
from grassroots_kit.i18n import Text, msg

from grassroots_people.domain.ids import OrganizationId, OrgUnitId, PersonId, RoleAssignmentId
from grassroots_people.domain.org_units import OrgUnit, OrgUnitKind, kind_title

# The subtree a platform-level grant covers: everything. It is no org unit id, so the other
# services' `RoleGrant.covers` never matches it and the grant means nothing there.
EVERYWHERE = OrgUnitId("*")

_TITLES: dict[Role, Text] = {
    Role.RESIDENT: msg("RESIDENT"),
    Role.NEIGHBOR_CHIEF: msg("NEIGHBOR_CHIEF"),
    Role.GROUP_CHIEF: msg("GROUP_CHIEF"),
    Role.PIECE_CHIEF: msg("PIECE_CHIEF"),
    Role.BUILDING_CHIEF: msg("BUILDING_CHIEF"),
    Role.GRID_MEMBER: msg("GRID_MEMBER"),
    Role.GRID_CHIEF: msg("GRID_CHIEF"),
    Role.COMMUNITY_STAFF: msg("COMMUNITY_STAFF"),
    Role.COMMUNITY_SECRETARY: msg("COMMUNITY_SECRETARY"),
    Role.STREET_STAFF: msg("STREET_STAFF"),
    Role.DEPARTMENT_STAFF: msg("DEPARTMENT_STAFF"),
    Role.RED_PARTNER_MEMBER: msg("RED_PARTNER_MEMBER"),
    Role.VOLUNTEER: msg("VOLUNTEER"),
    Role.DISTRICT_ADMIN: msg("DISTRICT_ADMIN"),
    Role.PLATFORM_ADMIN: msg("PLATFORM_ADMIN"),
}


def role_title(role: Role) -> Text:
    """The role as a message names it: GRID_MEMBER in English, 网格员 in zh-CN."""
    return _TITLES[role]


# The ladder of roles: a role is granted or revoked only by someone who ranks above it over
# the unit (domain/granting.py). DEPARTMENT_STAFF handles what the district dispatches (cases
# ranks it at district level), so only a district admin grants it.
RANK: dict[Role, int] = {
    Role.RESIDENT: 0,
    Role.VOLUNTEER: 0,
    Role.RED_PARTNER_MEMBER: 0,
    Role.NEIGHBOR_CHIEF: 1,
    Role.BUILDING_CHIEF: 1,
    Role.GROUP_CHIEF: 2,
    Role.PIECE_CHIEF: 3,
    Role.GRID_MEMBER: 4,
    Role.GRID_CHIEF: 5,
    Role.COMMUNITY_STAFF: 6,
    Role.COMMUNITY_SECRETARY: 7,
    Role.STREET_STAFF: 8,
    Role.DEPARTMENT_STAFF: 9,
    Role.DISTRICT_ADMIN: 10,
    Role.PLATFORM_ADMIN: 11,
}

# The lowest rung each role may be held at; DISTRICT_ADMIN only on a district, and so on.
_HELD_AT_OR_ABOVE: dict[Role, OrgUnitKind] = {
    Role.DISTRICT_ADMIN: OrgUnitKind.DISTRICT,
    Role.STREET_STAFF: OrgUnitKind.STREET,
    Role.COMMUNITY_STAFF: OrgUnitKind.COMMUNITY,
    Role.COMMUNITY_SECRETARY: OrgUnitKind.COMMUNITY,
    Role.GRID_CHIEF: OrgUnitKind.GRID,
    Role.GRID_MEMBER: OrgUnitKind.GRID,
    Role.PIECE_CHIEF: OrgUnitKind.PIECE,
    Role.GROUP_CHIEF: OrgUnitKind.GROUP,
}
_HELD_EXACTLY_AT: dict[Role, OrgUnitKind] = {
    Role.DISTRICT_ADMIN: OrgUnitKind.DISTRICT,
    Role.NEIGHBOR_CHIEF: OrgUnitKind.NEIGHBORHOOD,
    Role.BUILDING_CHIEF: OrgUnitKind.BUILDING,
}

MIN_NEIGHBORHOOD_HOUSEHOLDS = 5
MAX_NEIGHBORHOOD_HOUSEHOLDS = 15


@dataclass(frozen=True)
class Election:
    held_on: date
    households_voting: int
    households_total: int


@dataclass(frozen=True)
class RoleAssignment:
    id: RoleAssignmentId
    person_id: PersonId
    role: Role
    org_unit_id: OrgUnitId
    org_unit_path: tuple[OrgUnitId, ...]  # ancestors and the unit itself, root first
    organization_id: OrganizationId | None
    since: datetime
    until: datetime | None
    revoked_at: datetime | None = None
    election: Election | None = None
    granted_by: PersonId | None = None  # None: bootstrapped
    revoked_by: PersonId | None = None

    def active_at(self, now: datetime) -> bool:
        return (
            self.revoked_at is None
            and self.since <= now
            and (self.until is None or now < self.until)
        )


def check_role_fits(role: Role, unit: OrgUnit, organization_id: OrganizationId | None) -> None:
    if role is Role.PLATFORM_ADMIN:
        raise BadUserInput(msg("PLATFORM_ADMIN is granted only by bootstrapping"), field="role")
    exact = _HELD_EXACTLY_AT.get(role)
    if exact is not None and unit.kind is not exact:
        raise BadUserInput(
            msg(
                "{role} is held at a {held_at}, not at a {kind}",
                role=role_title(role),
                held_at=kind_title(exact),
                kind=kind_title(unit.kind),
            ),
            field="orgUnitId",
        )
    lowest = _HELD_AT_OR_ABOVE.get(role)
    if lowest is not None and unit.kind.rank > lowest.rank:
        raise BadUserInput(
            msg(
                "{role} is held at a {held_at} or above, not at a {kind}",
                role=role_title(role),
                held_at=kind_title(lowest),
                kind=kind_title(unit.kind),
            ),
            field="orgUnitId",
        )
    if role in ORGANIZATION_ROLES and organization_id is None:
        raise BadUserInput(
            msg("{role} is held for an organization", role=role_title(role)),
            field="organizationId",
        )


def check_term(since: datetime, until: datetime | None) -> None:
    if until is not None and until <= since:
        raise BadUserInput(msg("`until` must come after `since`"), field="until")


def new_assignment(
    *,
    id: RoleAssignmentId,
    person_id: PersonId,
    role: Role,
    unit: OrgUnit,
    organization_id: OrganizationId | None,
    since: datetime,
    until: datetime | None,
    granted_by: PersonId | None,
    election: Election | None = None,
) -> RoleAssignment:
    check_role_fits(role, unit, organization_id)
    check_term(since, until)
    return RoleAssignment(
        id=id,
        person_id=person_id,
        role=role,
        org_unit_id=unit.id,
        org_unit_path=unit.path_with_self,
        organization_id=organization_id,
        since=since,
        until=until,
        election=election,
        granted_by=granted_by,
    )


def revoked(assignment: RoleAssignment, now: datetime, by: PersonId) -> RoleAssignment:
    if assignment.revoked_at is not None:
        raise Conflict(msg("this role has already been revoked"), field="roleAssignmentId")
    return replace(assignment, revoked_at=now, revoked_by=by)


def check_election(households_total: int, households_voting: int) -> Election | None:
    """The 5-15 households of a neighborhood elect its chief; a majority of them must vote."""
    if not MIN_NEIGHBORHOOD_HOUSEHOLDS <= households_total <= MAX_NEIGHBORHOOD_HOUSEHOLDS:
        raise BadUserInput(
            msg(
                "a neighborhood elects its chief from {min_households} to {max_households} "
                "households; this one has {households_total}",
                min_households=MIN_NEIGHBORHOOD_HOUSEHOLDS,
                max_households=MAX_NEIGHBORHOOD_HOUSEHOLDS,
                households_total=households_total,
            ),
            field="neighborhoodId",
        )
    if not households_total / 2 < households_voting <= households_total:
        raise BadUserInput(
            msg(
                "more than half of the {households_total} households must vote, and no "
                "more than all of them; {households_voting} did",
                households_total=households_total,
                households_voting=households_voting,
            ),
            field="householdsVoting",
        )
    return None


def election(held_on: date, households_total: int, households_voting: int) -> Election:
    check_election(households_total, households_voting)
    return Election(held_on, households_voting, households_total)


def nearest_first(
    assignments: list[RoleAssignment], path_with_self: tuple[OrgUnitId, ...]
) -> list[RoleAssignment]:
    """Who serves a unit: those at the unit first, then each rung up the ladder."""
    depth = {unit_id: i for i, unit_id in enumerate(path_with_self)}
    return sorted(
        assignments,
        key=lambda a: (-depth.get(a.org_unit_id, -1), -RANK[a.role], a.since, a.id),
    )
