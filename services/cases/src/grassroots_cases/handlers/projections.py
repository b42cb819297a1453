"""Reactions to people's events that keep the local projections current."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

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
from grassroots_kit.business_time import DEFAULT_ZONE
from grassroots_kit.messaging.consumer import Handler, PermanentEventError, Subscription
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Database, Session
from grassroots_kit.org_units import OrgUnitProjection, org_unit_handler

from grassroots_cases.adapters.role_projection import Assignment
from grassroots_cases.adapters.stores import MongoCaseStore, MongoRoleProjectionStore
from grassroots_cases.handlers.ports import ProjectionTx

# The consumer's transaction as the projections' repositories, bound to its session.
Bind = Callable[[Session], ProjectionTx]


def mongo_binding(db: Database, tz: ZoneInfo = DEFAULT_ZONE) -> Bind:
    """`tz`: the business time zone the moved cases' rollup days are cut in."""

    def bind(session: Session) -> ProjectionTx:
        return ProjectionTx(
            cases=MongoCaseStore(db, session, tz=tz), roles=MongoRoleProjectionStore(db, session)
        )

    return bind


async def re_place(tx: ProjectionTx, unit: OrgUnitSnapshot) -> None:
    """A unit moved: its cases and the role assignments held over it move with it."""
    path = [*unit.path, unit.id]
    await tx.cases.move_org_unit(unit.id, path)
    await tx.roles.move_org_unit(unit.id, path)


def _moved(db: Database, bind: Bind) -> Handler:
    """A newer snapshot of a moved unit also re-places its cases and role assignments."""

    async def handle(event: CloudEvent, session: Session) -> None:
        try:
            unit = OrgUnitSnapshot.from_data(event.data)
        except ValueError as exc:
            raise PermanentEventError(f"{event.type} data does not match: {exc}") from None
        doc_id, version, fields = OrgUnitSnapshot.projection(event.data)
        if await OrgUnitProjection(db).apply(doc_id, version, fields, session):
            await re_place(bind(session), unit)

    return handle


async def project_role(tx: ProjectionTx, event: CloudEvent, *, revoked: bool) -> None:
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
    # The times are kept as the event wrote them (RFC 3339 text), as before the models.
    if revoked:
        await tx.roles.revoked(assignment, event.data.get("revokedAt") or "revoked")
    else:
        await tx.roles.assigned(assignment, event.data.get("since"), event.data.get("until"))


def _roles(bind: Bind, *, revoked: bool) -> Handler:
    async def handle(event: CloudEvent, session: Session) -> None:
        await project_role(bind(session), event, revoked=revoked)

    return handle


def projection_subscription(
    db: Database, bind: Bind | None = None, *, tz: ZoneInfo = DEFAULT_ZONE
) -> Subscription:
    """`bind` gives the repositories of a consumer's transaction; MongoDB's over `db` (with
    rollups cut in business zone `tz`) unless given."""
    bind = bind or mongo_binding(db, tz)
    org_units = org_unit_handler(db, OrgUnitSnapshot.projection)
    return Subscription(
        purpose="projections",
        handlers={
            ORGUNIT_CREATED: org_units,
            ORGUNIT_RENAMED: org_units,
            ORGUNIT_MOVED: _moved(db, bind),
            ROLE_ASSIGNED: _roles(bind, revoked=False),
            ROLE_REVOKED: _roles(bind, revoked=True),
        },
        producers=PRODUCERS,
    )
