"""Reactions to people's events that keep the local projections current."""

from __future__ import annotations

from grassroots_contracts.event_types import (
    ORGUNIT_CREATED,
    ORGUNIT_MOVED,
    ORGUNIT_RENAMED,
    ROLE_ASSIGNED,
    ROLE_REVOKED,
)
from grassroots_contracts.org_units import OrgUnitSnapshot
from grassroots_contracts.producers import PRODUCERS
from grassroots_kit.messaging.consumer import Handler, PermanentEventError, Subscription
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Database, Session
from grassroots_kit.org_units import OrgUnitProjection, org_unit_handler

from grassroots_cases.adapters.cases import CaseRepository
from grassroots_cases.adapters.role_projection import RoleProjection, parse_assignment


def _moved(db: Database) -> Handler:
    """A newer snapshot of a moved unit also re-places its cases and role assignments."""

    async def handle(event: CloudEvent, session: Session) -> None:
        try:
            unit = OrgUnitSnapshot.from_data(event.data)
        except ValueError as exc:
            raise PermanentEventError(f"{event.type} data does not match: {exc}") from None
        doc_id, version, fields = OrgUnitSnapshot.projection(event.data)
        if await OrgUnitProjection(db).apply(doc_id, version, fields, session):
            path = [*unit.path, unit.id]
            await CaseRepository(db).move_org_unit(unit.id, path, session)
            await RoleProjection(db).move_org_unit(unit.id, path, session)

    return handle


def _roles(db: Database, *, revoked: bool) -> Handler:
    async def handle(event: CloudEvent, session: Session) -> None:
        try:
            assignment = parse_assignment(event.data)
        except ValueError as exc:
            raise PermanentEventError(f"{event.type} data does not match: {exc}") from None
        roles = RoleProjection(db)
        if revoked:
            await roles.revoked(assignment, event.data, session)
        else:
            await roles.assigned(assignment, event.data, session)

    return handle


def projection_subscription(db: Database) -> Subscription:
    org_units = org_unit_handler(db, OrgUnitSnapshot.projection)
    return Subscription(
        purpose="projections",
        handlers={
            ORGUNIT_CREATED: org_units,
            ORGUNIT_RENAMED: org_units,
            ORGUNIT_MOVED: _moved(db),
            ROLE_ASSIGNED: _roles(db, revoked=False),
            ROLE_REVOKED: _roles(db, revoked=True),
        },
        producers=PRODUCERS,
    )
