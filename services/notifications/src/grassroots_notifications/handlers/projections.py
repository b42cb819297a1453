"""Reactions to people's role events that keep the role holders current: who serves an area
(chiefs, grid members) and who takes orders there (volunteers, red-partner members), and which
assignments were revoked (so a revoked grant is refused while its token lives). Idempotent: a
revocation is final, an assignment only inserted once."""

from __future__ import annotations

from grassroots_contracts.event_types import ROLE_ASSIGNED, ROLE_REVOKED
from grassroots_contracts.payload import InvalidPayload
from grassroots_contracts.people_events import RoleAssignment, RoleRevoked
from grassroots_contracts.producers import PRODUCERS
from grassroots_kit.messaging.consumer import Handler, PermanentEventError, Subscription
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Database, Session

from grassroots_notifications.adapters.directory import DirectoryStore, role_projection

PURPOSE = "projections"
SUPPORTED_DATAVERSIONS = frozenset({"1"})


def _roles(db: Database, active: bool) -> Handler:
    async def project(event: CloudEvent, session: Session) -> None:
        if event.dataversion not in SUPPORTED_DATAVERSIONS:
            raise PermanentEventError(
                f"unsupported dataversion {event.dataversion!r} of {event.type}"
            )
        contract = RoleAssignment if active else RoleRevoked
        try:
            assignment_id, fields = role_projection(contract.from_data(event.data), active)
        except InvalidPayload as exc:
            raise PermanentEventError(
                f"{event.type} data does not match the contract: {exc}"
            ) from None
        await DirectoryStore(db, session).record_role(assignment_id, fields)

    return project


def projection_subscription(db: Database) -> Subscription:
    handlers: dict[str, Handler] = {
        ROLE_ASSIGNED: _roles(db, active=True),
        ROLE_REVOKED: _roles(db, active=False),
    }
    return Subscription(purpose=PURPOSE, handlers=handlers, producers=PRODUCERS)
