"""District administrators set the deadlines of their district."""

from __future__ import annotations

from grassroots_kit.auth import Principal
from grassroots_kit.errors import Forbidden, NotFound
from grassroots_kit.i18n import msg

from grassroots_cases.domain.sla import CategoryOverride, DeadlineUnit, SlaPolicy, policy
from grassroots_cases.domain.vocabulary import Priority, Role
from grassroots_cases.handlers.access import require
from grassroots_cases.handlers.ports import CasesPorts, CasesTx


async def district_of(ports: CasesPorts, org_unit_id: str) -> str:
    unit = await ports.org_units.get(org_unit_id)
    if unit is None:
        raise NotFound(
            msg("no org unit with id {org_unit_id}", org_unit_id=org_unit_id), field="districtId"
        )
    return unit.path_with_self[0]


async def get_policy(ports: CasesPorts, org_unit_id: str) -> tuple[str, SlaPolicy]:
    district = await district_of(ports, org_unit_id)
    return district, await ports.sla_policies.for_district(district)


async def set_policy(
    ports: CasesPorts,
    principal: Principal | None,
    district_id: str,
    priority_hours: dict[Priority, int],
    overrides: list[CategoryOverride],
    priority_units: dict[Priority, DeadlineUnit] | None = None,
) -> SlaPolicy:
    caller = require(principal)
    district = await district_of(ports, district_id)
    if Role.DISTRICT_ADMIN not in caller.roles_over([district]):
        raise Forbidden(msg("only an administrator of the district can set its deadlines"))
    new = policy(priority_hours, overrides, priority_units)

    async def work(tx: CasesTx) -> None:
        await tx.sla_policies.put(district, new, caller.person_id, ports.clock())

    await ports.uow.run(work)
    return new
