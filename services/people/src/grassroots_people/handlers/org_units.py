"""Use cases of the org-unit tree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from grassroots_contracts.event_types import ORGUNIT_CREATED, SOURCE_PEOPLE
from grassroots_kit.errors import NotFound
from grassroots_kit.host import ServiceHost
from grassroots_kit.messaging.envelope import new_event
from grassroots_kit.messaging.outbox import add_to_outbox
from grassroots_kit.mongo import Session

from grassroots_people.adapters.org_units import OrgUnitStore
from grassroots_people.domain.ids import OrgUnitId, new_org_unit_id
from grassroots_people.domain.org_units import OrgUnit, OrgUnitKind, new_org_unit


@dataclass(frozen=True)
class CreateOrgUnit:
    kind: OrgUnitKind
    name: str
    parent_id: OrgUnitId | None


async def create_org_unit(host: ServiceHost, command: CreateOrgUnit) -> OrgUnit:
    store = OrgUnitStore(host.db)

    async def work(session: Session) -> OrgUnit:
        parent = None
        if command.parent_id is not None:
            parent = await store.get(command.parent_id, session)
            if parent is None:
                raise NotFound(f"no org unit with id {command.parent_id}", field="parentId")
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
        await add_to_outbox(host.db, session, [event])
        return unit

    return await host.transaction(work)
