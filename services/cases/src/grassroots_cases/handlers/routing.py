"""Where a new case goes: the lowest rung with someone serving its place."""

from __future__ import annotations

from grassroots_kit.host import ServiceHost
from grassroots_kit.org_units import OrgUnitProjection

from grassroots_cases.adapters.role_projection import RoleProjection
from grassroots_cases.domain.vocabulary import Level, lowest_level_served, roles_of


async def route(roles: RoleProjection, path: tuple[str, ...]) -> Level:
    """The lowest rung with someone serving this place; the district when nobody lower does."""
    assignments = await roles.active_over(path)
    return lowest_level_served(roles_of({a.role for a in assignments})) or Level.DISTRICT


async def level_for(host: ServiceHost, org_unit_id: str) -> Level | None:
    unit = await OrgUnitProjection(host.db).get(org_unit_id)
    if unit is None:
        return None
    return await route(RoleProjection(host.db), unit.path_with_self)
