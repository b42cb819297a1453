"""Use cases of the org-unit tree: create, rename, move with the subtree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from grassroots_contracts.event_types import (
    ORGUNIT_CREATED,
    ORGUNIT_MOVED,
    ORGUNIT_RENAMED,
    SOURCE_PEOPLE,
)
from grassroots_kit.auth import Principal
from grassroots_kit.errors import NotFound
from grassroots_kit.messaging.envelope import new_event
from grassroots_kit.mongo import Session

from grassroots_people.adapters.org_units import OrgUnitStore
from grassroots_people.adapters.relocation import follow_move
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
from grassroots_people.handlers.runtime import Runtime


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


async def load_unit(
    store: OrgUnitStore, unit_id: str, session: Session | None, field: str = "orgUnitId"
) -> OrgUnit:
    unit = await store.get(unit_id, session)
    if unit is None:
        raise NotFound(f"no org unit with id {unit_id}", field=field)
    return unit


async def create_org_unit(
    runtime: Runtime, actor: Principal | None, command: CreateOrgUnit
) -> OrgUnit:
    store = OrgUnitStore(runtime.host.db)

    async def work(session: Session) -> OrgUnit:
        parent = None
        if command.parent_id is not None:
            parent = await load_unit(store, command.parent_id, session, "parentId")
            access.require_manage(actor, parent.path_with_self, "create org units here")
        else:
            access.require_platform_admin(actor, "create a district")
        unit = new_org_unit(
            id=new_org_unit_id(),
            kind=command.kind,
            name=command.name,
            parent=parent,
            now=datetime.now(UTC),
        )
        await store.insert(unit, session)
        event = new_event(
            ORGUNIT_CREATED, source=SOURCE_PEOPLE, subject=unit.id, data=unit.snapshot().to_data()
        )
        await runtime.publish(session, [event])
        return unit

    return await runtime.host.transaction(work)


async def rename_org_unit(
    runtime: Runtime, actor: Principal | None, command: RenameOrgUnit
) -> OrgUnit:
    store = OrgUnitStore(runtime.host.db)

    async def work(session: Session) -> OrgUnit:
        unit = await load_unit(store, command.org_unit_id, session)
        access.require_manage(actor, unit.path_with_self, "rename this org unit")
        changed = renamed(unit, command.name)
        await store.replace(changed, session)
        event = new_event(
            ORGUNIT_RENAMED,
            source=SOURCE_PEOPLE,
            subject=unit.id,
            data=changed.snapshot().to_data(),
        )
        await runtime.publish(session, [event])
        return changed

    return await runtime.host.transaction(work)


async def move_org_unit(runtime: Runtime, actor: Principal | None, command: MoveOrgUnit) -> OrgUnit:
    """The unit moves with its whole subtree; one `orgunit.moved` per unit that moved."""
    store = OrgUnitStore(runtime.host.db)

    async def work(session: Session) -> OrgUnit:
        unit = await load_unit(store, command.org_unit_id, session)
        parent = await load_unit(store, command.new_parent_id, session, "newParentId")
        access.require_manage(actor, unit.path_with_self, "move this org unit")
        access.require_manage(actor, parent.path_with_self, "move org units under that parent")
        check_can_move(unit, parent)
        new_path = parent.path_with_self
        changed = [moved(u, unit, new_path) for u in [unit, *await store.subtree(unit.id, session)]]
        for each in changed:
            await store.replace(each, session)
        await follow_move(runtime.host.db, unit.id, new_path, session)
        events = [
            new_event(
                ORGUNIT_MOVED, source=SOURCE_PEOPLE, subject=u.id, data=u.snapshot().to_data()
            )
            for u in changed
        ]
        await runtime.publish(session, events)
        return changed[0]

    return await runtime.host.transaction(work)
