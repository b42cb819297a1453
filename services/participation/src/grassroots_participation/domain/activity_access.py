"""Who may organize, join, check in and read activities and volunteer teams. Pure: the one
policy every path to an activity uses (the root `activity` query, `OrgUnit.activities`,
`Person.serviceRecord`, every mutation).

- Organize (create an activity, confirm attendance): community staff over the unit, or the
  leader of the volunteer team that runs the activity. Never for one's own attendance.
- Create a team: community staff over the unit; add members: they or the team's leader.
- Sign up and cancel: oneself only, if one lives in or serves the unit, or belongs to the team.
- Read: staff over the unit, those signed up, the team's members, the people of the unit.
"""

from __future__ import annotations

from collections.abc import Sequence

from grassroots_kit.auth import Principal
from grassroots_kit.errors import Forbidden, NotFound
from grassroots_kit.i18n import msg

from grassroots_participation.domain.access import CONVENING_ROLES, STAFF_ROLES, may_read_unit
from grassroots_participation.domain.activities import Activity, VolunteerTeam


def is_unit_staff(caller: Principal, unit_path: Sequence[str]) -> bool:
    return bool(unit_path) and caller.has_any(CONVENING_ROLES, unit_path)


def leads(caller: Principal, team: VolunteerTeam | None) -> bool:
    return team is not None and team.leader_id == caller.person_id


def require_organizer_at(
    caller: Principal, unit_path: Sequence[str], team: VolunteerTeam | None
) -> None:
    """Creating an activity: the unit's community staff, or the leader of the team running it."""
    if not (is_unit_staff(caller, unit_path) or leads(caller, team)):
        raise Forbidden(
            msg(
                "only the community staff of this org unit or the leader of the volunteer team "
                "may organize its activities"
            )
        )


def require_organizer(caller: Principal, activity: Activity, team: VolunteerTeam | None) -> None:
    require_organizer_at(caller, activity.org_unit_path, team)


def require_team_manager(caller: Principal, team: VolunteerTeam) -> None:
    if not (is_unit_staff(caller, team.org_unit_path) or leads(caller, team)):
        raise Forbidden(
            msg("only the community staff of this org unit or the team's leader may add members")
        )


def require_team_founder(caller: Principal, unit_path: Sequence[str]) -> None:
    if not is_unit_staff(caller, unit_path):
        raise Forbidden(msg("only the community staff of this org unit may form volunteer teams"))


def may_join(
    caller: Principal, home_path: Sequence[str], activity: Activity, team: VolunteerTeam | None
) -> bool:
    """Signing up: who lives in or serves the unit, or a member of the team running it."""
    if team is not None and team.is_member(caller.person_id):
        return True
    return may_read_unit(caller, home_path, activity.org_unit_id)


def require_joiner(
    caller: Principal, home_path: Sequence[str], activity: Activity, team: VolunteerTeam | None
) -> None:
    if not may_join(caller, home_path, activity, team):
        raise Forbidden(
            msg(
                "only the people of this org unit and the members of its volunteer team may "
                "sign up for this activity"
            )
        )


def may_read(
    caller: Principal | None,
    home_path: Sequence[str],
    activity: Activity,
    team: VolunteerTeam | None,
) -> bool:
    if caller is None:
        return False
    if caller.has_any(STAFF_ROLES, activity.org_unit_path):
        return True
    if caller.person_id in activity.signed_up or caller.person_id == activity.organizer_id:
        return True
    return may_join(caller, home_path, activity, team)


def may_read_team(caller: Principal | None, home_path: Sequence[str], team: VolunteerTeam) -> bool:
    if caller is None:
        return False
    if caller.has_any(STAFF_ROLES, team.org_unit_path) or team.is_member(caller.person_id):
        return True
    return may_read_unit(caller, home_path, team.org_unit_id)


def listable_units(
    caller: Principal, home_path: Sequence[str], unit_path: Sequence[str]
) -> frozenset[str] | None:
    """Whose activities in a unit's subtree the caller may list: None for all (staff over the
    unit), else those held at the units they live in or serve. FORBIDDEN for one who neither
    lives in nor serves the unit."""
    if unit_path and caller.has_any(STAFF_ROLES, unit_path):
        return None
    if not unit_path or not may_read_unit(caller, home_path, unit_path[-1]):
        raise Forbidden(msg("only the people and staff of this org unit may see its activities"))
    return frozenset(home_path) | {unit for grant in caller.grants for unit in grant.path}


def may_read_service_record(
    caller: Principal | None, person_id: str, person_home: Sequence[str]
) -> bool:
    """One's own record, or staff over where the person lives."""
    if caller is None:
        return False
    if caller.person_id == person_id:
        return True
    return bool(person_home) and caller.has_any(STAFF_ROLES, person_home)


def hidden_activity(activity_id: str) -> NotFound:
    return NotFound(msg("no activity with id {activity_id}", activity_id=activity_id), field="id")


def hidden_team(team_id: str) -> NotFound:
    return NotFound(msg("no volunteer team with id {team_id}", team_id=team_id), field="teamId")
