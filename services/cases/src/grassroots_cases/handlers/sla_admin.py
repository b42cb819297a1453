"""District administrators set the deadlines of their district."""

from __future__ import annotations

from grassroots_kit.auth import Principal
from grassroots_kit.errors import Forbidden, NotFound
from grassroots_kit.host import ServiceHost
from grassroots_kit.mongo import Session
from grassroots_kit.org_units import OrgUnitProjection

from grassroots_cases.adapters.sla_policies import SlaPolicies
from grassroots_cases.domain.sla import CategoryOverride, SlaPolicy, policy
from grassroots_cases.domain.vocabulary import Priority, Role
from grassroots_cases.handlers.access import require
from grassroots_cases.handlers.unit_of_work import Clock, utc_now


async def district_of(host: ServiceHost, org_unit_id: str) -> str:
    unit = await OrgUnitProjection(host.db).get(org_unit_id)
    if unit is None:
        raise NotFound(f"no org unit with id {org_unit_id}", field="districtId")
    return unit.path_with_self[0]


async def get_policy(host: ServiceHost, org_unit_id: str) -> tuple[str, SlaPolicy]:
    district = await district_of(host, org_unit_id)
    return district, await SlaPolicies(host.db).for_district(district)


async def set_policy(
    host: ServiceHost,
    principal: Principal | None,
    district_id: str,
    priority_hours: dict[Priority, int],
    overrides: list[CategoryOverride],
    clock: Clock = utc_now,
) -> SlaPolicy:
    caller = require(principal)
    district = await district_of(host, district_id)
    if Role.DISTRICT_ADMIN not in caller.roles_over([district]):
        raise Forbidden("only an administrator of the district can set its deadlines")
    new = policy(priority_hours, overrides)

    async def work(session: Session) -> None:
        await SlaPolicies(host.db).put(district, new, caller.person_id, clock(), session)

    await host.transaction(work)
    return new
