"""Use cases of the org-unit tree: create, rename, move with the subtree."""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_contracts.event_types import (
    ORGUNIT_CREATED,
    ORGUNIT_MOVED,
    ORGUNIT_RENAMED,
    SOURCE_PEOPLE,
)
from grassroots_kit.auth import Principal
from grassroots_kit.i18n import msg
from grassroots_kit.messaging.envelope import new_event

from grassroots_people.domain import access
from grassroots_people.domain.ids import OrgUnitId, new_org_unit_id
from grassroots_people.domain.org_units import (
    OrgUnit,
    OrgUnitKind,
    check_can_move,
    moved,
    new_org_unit,
    renamed,
)
from grassroots_people.handlers.loading import unit_in
from grassroots_people.handlers.ports import PeoplePorts, PeopleTx


@dataclass(frozen=True)
class CreateOrgUnit:
    kind: OrgUnitKind
    name: str
    parent_id: OrgUnitId | None


@dataclass(frozen=True)
class RenameOrgUnit:
    org_unit_id: OrgUnitId
    name: str


@dataclass(frozen=True)
class MoveOrgUnit:
    org_unit_id: OrgUnitId
    new_parent_id: OrgUnitId


async def create_org_unit(
    ports: PeoplePorts, actor: Principal | None, command: CreateOrgUnit
) -> OrgUnit:
    async def work(tx: PeopleTx) -> OrgUnit:
        parent = None
        if command.parent_id is not None:
            parent = await unit_in(tx, command.parent_id, "parentId")
            access.require_manage(actor, parent.path_with_self, msg("create org units here"))
        else:
            access.require_platform_admin(actor, msg("create a district"))
        unit = new_org_unit(
            id=new_org_unit_id(),
            kind=command.kind,
            name=command.name,
            parent=parent,
            now=ports.clock(),
        )
        await tx.org_units.insert(unit)
        tx.publish(
            [
                new_event(
                    ORGUNIT_CREATED,
                    source=SOURCE_PEOPLE,
                    subject=unit.id,
                    data=unit.snapshot().to_data(),
                )
            ]
        )
        return unit

    return await ports.uow.run(work)


async def rename_org_unit(
    ports: PeoplePorts, actor: Principal | None, command: RenameOrgUnit
) -> OrgUnit:
    async def work(tx: PeopleTx) -> OrgUnit:
        unit = await unit_in(tx, command.org_unit_id)
        access.require_manage(actor, unit.path_with_self, msg("rename this org unit"))
        changed = renamed(unit, command.name)
        await tx.org_units.replace(changed)
        tx.publish(
            [
                new_event(
                    ORGUNIT_RENAMED,
                    source=SOURCE_PEOPLE,
                    subject=unit.id,
                    data=changed.snapshot().to_data(),
                )
            ]
        )
        return changed

    return await ports.uow.run(work)


async def move_org_unit(
    ports: PeoplePorts, actor: Principal | None, command: MoveOrgUnit
) -> OrgUnit:
    """The unit moves with its whole subtree; one `orgunit.moved` per unit that moved."""

    async def work(tx: PeopleTx) -> OrgUnit:
        unit = await unit_in(tx, command.org_unit_id)
        parent = await unit_in(tx, command.new_parent_id, "newParentId")
        access.require_manage(actor, unit.path_with_self, msg("move this org unit"))
        access.require_manage(actor, parent.path_with_self, msg("move org units under that parent"))
        check_can_move(unit, parent)
        new_path = parent.path_with_self
        changed = [moved(u, unit, new_path) for u in [unit, *await tx.org_units.subtree(unit.id)]]
        for each in changed:
            await tx.org_units.replace(each)
        await tx.org_units.follow_move(unit.id, new_path)
        tx.publish(
            new_event(
                ORGUNIT_MOVED, source=SOURCE_PEOPLE, subject=u.id, data=u.snapshot().to_data()
            )
            for u in changed
        )
        return changed[0]

    return await ports.uow.run(work)
