"""Access decisions: who may see and change what, from the caller's role grants alone."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from grassroots_kit.auth import Principal
from grassroots_kit.errors import Forbidden
from grassroots_kit.i18n import Text, msg
from grassroots_kit.request_auth import required

from grassroots_people.domain.roles import RANK, Role, role_title

# Roles that see the people within their scope: the chiefs and every kind of staff.
SEEING = frozenset(
    {
        Role.NEIGHBOR_CHIEF,
        Role.GROUP_CHIEF,
        Role.PIECE_CHIEF,
        Role.BUILDING_CHIEF,
        Role.GRID_MEMBER,
        Role.GRID_CHIEF,
        Role.COMMUNITY_STAFF,
        Role.COMMUNITY_SECRETARY,
        Role.STREET_STAFF,
        Role.DEPARTMENT_STAFF,
        Role.DISTRICT_ADMIN,
    }
)
# Roles that visit households and keep their care level: chiefs and grid staff upward.
CARING = SEEING - {Role.DEPARTMENT_STAFF}
# Staff who answer for the care of their area (coverage figures): grid members and upward,
# not the resident chiefs (who see only the households they serve) nor department staff.
STAFF_CARING = CARING - {
    Role.NEIGHBOR_CHIEF,
    Role.GROUP_CHIEF,
    Role.PIECE_CHIEF,
    Role.BUILDING_CHIEF,
}
# Community staff and above manage the tree, households, people and roles in their scope.
MANAGING = frozenset(
    {Role.COMMUNITY_STAFF, Role.COMMUNITY_SECRETARY, Role.STREET_STAFF, Role.DISTRICT_ADMIN}
)


def is_platform_admin(principal: Principal | None) -> bool:
    return principal is not None and any(
        g.role == Role.PLATFORM_ADMIN.value for g in principal.grants
    )


def _roles_over(principal: Principal | None, path_with_self: Sequence[str]) -> set[Role]:
    if principal is None:
        return set()
    known = {r.value for r in Role}
    return {Role(r) for r in principal.roles_over(path_with_self) if r in known}


def has_role_over(
    principal: Principal | None, roles: Iterable[Role], path_with_self: Sequence[str]
) -> bool:
    if is_platform_admin(principal):
        return True
    return bool(_roles_over(principal, path_with_self) & set(roles))


def can_see(principal: Principal | None, path_with_self: Sequence[str]) -> bool:
    return has_role_over(principal, SEEING, path_with_self)


def can_manage(principal: Principal | None, path_with_self: Sequence[str]) -> bool:
    return has_role_over(principal, MANAGING, path_with_self)


def require(allowed: bool, what: Text) -> None:
    if not allowed:
        raise Forbidden(msg("you may not {what}", what=what))


def require_actor(principal: Principal | None) -> Principal:
    return required(principal)


def require_role_over(
    principal: Principal | None, roles: Iterable[Role], path_with_self: Sequence[str], what: Text
) -> Principal:
    actor = require_actor(principal)
    require(has_role_over(actor, roles, path_with_self), what)
    return actor


def require_manage(principal: Principal | None, path_with_self: Sequence[str], what: Text) -> None:
    require_role_over(principal, MANAGING, path_with_self, what)


def require_platform_admin(principal: Principal | None, what: Text) -> None:
    require(is_platform_admin(require_actor(principal)), what)


def highest_rank_over(principal: Principal | None, path_with_self: Sequence[str]) -> int:
    if is_platform_admin(principal):
        return RANK[Role.PLATFORM_ADMIN]
    return max((RANK[r] for r in _roles_over(principal, path_with_self)), default=-1)


def require_can_grant(
    principal: Principal | None, role: Role, path_with_self: Sequence[str]
) -> None:
    """Community staff and above grant roles in their subtree, each ranking below their own."""
    require_manage(
        principal,
        path_with_self,
        msg("manage roles at this org unit ({role})", role=role_title(role)),
    )
    if RANK[role] >= highest_rank_over(principal, path_with_self):
        raise Forbidden(
            msg(
                "you may not grant or revoke {role} here: only someone whose role here "
                "ranks above it may; ask them",
                role=role_title(role),
            )
        )


def visible_scope(principal: Principal | None, roles: Iterable[Role]) -> list[str] | None:
    """The org units whose subtrees the caller sees with these roles; None means everything."""
    if is_platform_admin(principal):
        return None
    if principal is None:
        return []
    wanted = {r.value for r in roles}
    return sorted({g.org_unit_id for g in principal.grants if g.role in wanted})
