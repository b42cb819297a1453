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
from grassroots_contracts.payload import InvalidPayload
from grassroots_contracts.people_events import RoleAssignment, RoleRevoked
from grassroots_contracts.producers import PRODUCERS
from grassroots_kit.messaging.consumer import Handler, PermanentEventError, Subscription
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.messaging.projection import versioned_projection
from grassroots_kit.mongo import Database, Session, upsert_if_newer

from grassroots_cases.adapters import org_unit_projection
from grassroots_cases.adapters.cases import CaseRepository
from grassroots_cases.adapters.role_projection import Assignment, RoleProjection


def _moved(db: Database) -> Handler:
    """A newer snapshot of a moved unit also re-places its cases and role assignments."""

    async def handle(event: CloudEvent, session: Session) -> None:
        try:
            unit = OrgUnitSnapshot.from_data(event.data)
        except ValueError as exc:
            raise PermanentEventError(f"{event.type} data does not match: {exc}") from None
        doc_id, version, fields = OrgUnitSnapshot.projection(event.data)
        applied = await upsert_if_newer(
            db, org_unit_projection.COLLECTION, session, doc_id, version, fields
        )
        if applied:
            path = [*unit.path, unit.id]
            await CaseRepository(db).move_org_unit(unit.id, path, session)
            await RoleProjection(db).move_org_unit(unit.id, path, session)

    return handle


def _roles(db: Database, *, revoked: bool) -> Handler:
    async def handle(event: CloudEvent, session: Session) -> None:
        try:
            role = (RoleRevoked if revoked else RoleAssignment).from_data(event.data)
        except InvalidPayload as exc:
            raise PermanentEventError(f"{event.type} data does not match: {exc}") from None
        assignment = Assignment(
            id=role.id,
            person_id=role.person_id,
            role=role.role,
            org_unit_id=role.org_unit_id,
            org_unit_path=role.org_unit_path,
            organization_id=role.organization_id,
        )
        roles = RoleProjection(db)
        if revoked:
            await roles.revoked(assignment, event.data, session)
        else:
            await roles.assigned(assignment, event.data, session)

    return handle


def projection_subscription(db: Database) -> Subscription:
    org_units = versioned_projection(db, org_unit_projection.COLLECTION, OrgUnitSnapshot.projection)
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
