"""Who may convene, run, vote on and read meetings. Pure: decides from the caller's grants,
where the caller lives and the meeting, and is the one policy every path to a meeting uses
(the root `meeting` query, `OrgUnit.meetings`, every mutation)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from grassroots_contracts.roles import Role
from grassroots_kit.auth import Principal
from grassroots_kit.errors import Forbidden, NotFound
from grassroots_kit.i18n import msg

from grassroots_participation.domain.meetings import Meeting

# Community staff convene and run the unit's meetings.
CONVENING_ROLES: Final = frozenset({Role.COMMUNITY_STAFF, Role.COMMUNITY_SECRETARY})
# Staff whose scope covers a unit read its meetings, as do the people who live or serve there.
STAFF_ROLES: Final = frozenset(
    {
        Role.GRID_MEMBER,
        Role.GRID_CHIEF,
        Role.COMMUNITY_STAFF,
        Role.COMMUNITY_SECRETARY,
        Role.STREET_STAFF,
        Role.DISTRICT_ADMIN,
    }
)


def may_convene(caller: Principal, unit_path: Sequence[str]) -> bool:
    """`unit_path`: ancestors and the unit itself."""
    return bool(unit_path) and caller.has_any(CONVENING_ROLES, unit_path)


def require_convener(caller: Principal, unit_path: Sequence[str]) -> None:
    if not may_convene(caller, unit_path):
        raise Forbidden(msg("only the community staff of this org unit may convene its meetings"))


def require_runner(caller: Principal, meeting: Meeting) -> None:
    """Agenda, attendance, decisions, minutes and closing: the unit's community staff."""
    if not may_convene(caller, meeting.org_unit_path):
        raise Forbidden(msg("only the community staff of this org unit may run its meetings"))


def may_read_unit(caller: Principal | None, home_path: Sequence[str], unit_id: str) -> bool:
    """Staff over the unit, anyone holding a role there, or someone who lives in it."""
    if caller is None:
        return False
    if any(unit_id in grant.path for grant in caller.grants):
        # A grant at the unit or below it (its path runs through the unit): they serve there.
        return True
    return unit_id in home_path


def may_read(caller: Principal | None, home_path: Sequence[str], meeting: Meeting) -> bool:
    if caller is None:
        return False
    if caller.has_any(STAFF_ROLES, meeting.org_unit_path):
        return True
    if meeting.is_invited(caller.person_id) or caller.person_id in meeting.attendance:
        return True
    return may_read_unit(caller, home_path, meeting.org_unit_id)


def listable_units(
    caller: Principal, home_path: Sequence[str], unit_path: Sequence[str]
) -> frozenset[str] | None:
    """Whose meetings in a unit's subtree the caller may list: None for all of them (staff over
    the unit), else only the meetings held at the units they live in or serve (so a resident
    listing their street sees their own community's meetings, not every community's).
    FORBIDDEN for one who neither lives in nor serves the unit."""
    if unit_path and caller.has_any(STAFF_ROLES, unit_path):
        return None
    if not unit_path or not may_read_unit(caller, home_path, unit_path[-1]):
        raise Forbidden(msg("only the people and staff of this org unit may see its meetings"))
    return frozenset(home_path) | {unit for grant in caller.grants for unit in grant.path}


def hidden(meeting_id: str) -> NotFound:
    """What one who may not see a meeting is told: the same as for one that does not exist."""
    return NotFound(msg("no meeting with id {meeting_id}", meeting_id=meeting_id), field="id")
