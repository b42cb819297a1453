"""Where a new case goes: the lowest rung with someone serving its place."""

from __future__ import annotations

from grassroots_cases.domain.vocabulary import Level, lowest_level_served, roles_of
from grassroots_cases.handlers.ports import CasesPorts, RoleStore


async def route(roles: RoleStore, path: tuple[str, ...]) -> Level:
    """The lowest rung with someone serving this place; the district when nobody lower does."""
    assignments = await roles.active_over(path)
    return lowest_level_served(roles_of({a.role for a in assignments})) or Level.DISTRICT


async def level_for(ports: CasesPorts, org_unit_id: str) -> Level | None:
    unit = await ports.org_units.get(org_unit_id)
    if unit is None:
        return None
    return await route(ports.roles, unit.path_with_self)
