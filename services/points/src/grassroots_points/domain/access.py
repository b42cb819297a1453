"""Who may see and change what. Pure: decides from the caller's grants and a path."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from grassroots_contracts.roles import Role
from grassroots_kit.auth import Principal
from grassroots_kit.errors import Forbidden
from grassroots_kit.i18n import msg

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
CATALOG_ROLES: Final = frozenset({Role.COMMUNITY_STAFF, Role.COMMUNITY_SECRETARY})
ADJUSTING_ROLES: Final = frozenset({Role.COMMUNITY_STAFF, Role.COMMUNITY_SECRETARY})
# Point rules are platform-wide (one economy for every district): only a platform admin sets
# them or replays events under them; a district admin's scope is one district.
RULE_ROLES: Final = frozenset({Role.PLATFORM_ADMIN})


def may_view_account(caller: Principal, person_id: str, path: Sequence[str]) -> bool:
    """A person sees their own account; staff see the accounts within their scope."""
    return caller.person_id == person_id or (bool(path) and caller.has_any(STAFF_ROLES, path))


def require_view_account(caller: Principal, person_id: str, path: Sequence[str]) -> None:
    if not may_view_account(caller, person_id, path):
        raise Forbidden(msg("you may see only your own points and those of people in your scope"))


def require_staff_over(caller: Principal, path: Sequence[str]) -> None:
    if not (path and caller.has_any(STAFF_ROLES, path)):
        raise Forbidden(msg("only staff whose scope covers this org unit may see this"))


def require_catalog_manager(caller: Principal, path: Sequence[str]) -> None:
    if not (path and caller.has_any(CATALOG_ROLES, path)):
        raise Forbidden(msg("only the community's staff manage its catalog and redemptions"))


def require_adjuster(caller: Principal, person_id: str, path: Sequence[str]) -> None:
    if caller.person_id == person_id:
        raise Forbidden(msg("nobody may adjust their own balance"))
    if not (path and caller.has_any(ADJUSTING_ROLES, path)):
        raise Forbidden(
            msg("only community staff whose scope covers this person may adjust points")
        )


def require_rule_manager(caller: Principal) -> None:
    if not any(grant.role in RULE_ROLES for grant in caller.grants):
        raise Forbidden(
            msg("point rules are platform-wide: only a platform admin sets them or replays events")
        )
