"""Reactions to people's events that keep the local projections current: org units (the kit's
projection, as cases and points keep it), residents (household and home) and role assignments
(so a revoked grant is refused while its token lives). Idempotent: snapshots apply only when
newer, a revocation is final."""

from __future__ import annotations

from grassroots_contracts.event_types import (
    ORGUNIT_CREATED,
    ORGUNIT_MOVED,
    ORGUNIT_RENAMED,
    PERSON_MOVED,
    PERSON_REGISTERED,
    PERSON_UPDATED,
    ROLE_ASSIGNED,
    ROLE_REVOKED,
)
from grassroots_contracts.org_units import OrgUnitSnapshot
from grassroots_contracts.payload import InvalidPayload
from grassroots_contracts.people_events import PersonSnapshot, RoleAssignment, RoleRevoked
from grassroots_contracts.producers import PRODUCERS
from grassroots_kit.messaging.consumer import Handler, PermanentEventError, Subscription
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Database, Session, upsert_if_newer
from grassroots_kit.org_units import org_unit_handler

from grassroots_participation.adapters.people_projection import (
    PEOPLE,
    PeopleProjection,
    person_projection,
    role_projection,
)

PURPOSE = "projections"
SUPPORTED_DATAVERSIONS = frozenset({"1"})


def _check(event: CloudEvent) -> None:
    if event.dataversion not in SUPPORTED_DATAVERSIONS:
        raise PermanentEventError(f"unsupported dataversion {event.dataversion!r} of {event.type}")


def _people(db: Database) -> Handler:
    async def project(event: CloudEvent, session: Session) -> None:
        _check(event)
        try:
            person_id, version, fields = person_projection(PersonSnapshot.from_data(event.data))
        except InvalidPayload as exc:
            raise PermanentEventError(
                f"{event.type} data does not match the contract: {exc}"
            ) from None
        await upsert_if_newer(db, PEOPLE, session, person_id, version, fields)

    return project


def _roles(db: Database, active: bool) -> Handler:
    async def project(event: CloudEvent, session: Session) -> None:
        _check(event)
        contract = RoleAssignment if active else RoleRevoked
        try:
            assignment_id, fields = role_projection(contract.from_data(event.data), active)
        except InvalidPayload as exc:
            raise PermanentEventError(
                f"{event.type} data does not match the contract: {exc}"
            ) from None
        await PeopleProjection(db, session).record_role(assignment_id, fields)

    return project


def projection_subscription(db: Database) -> Subscription:
    # One object for the three org-unit event types, so a batch's run of them is one bulk write.
    org_units = org_unit_handler(db, OrgUnitSnapshot.projection, check=_check)
    people = _people(db)
    handlers: dict[str, Handler] = {
        ORGUNIT_CREATED: org_units,
        ORGUNIT_MOVED: org_units,
        ORGUNIT_RENAMED: org_units,
        PERSON_REGISTERED: people,
        PERSON_MOVED: people,
        PERSON_UPDATED: people,
        ROLE_ASSIGNED: _roles(db, active=True),
        ROLE_REVOKED: _roles(db, active=False),
    }
    return Subscription(purpose=PURPOSE, handlers=handlers, producers=PRODUCERS)
