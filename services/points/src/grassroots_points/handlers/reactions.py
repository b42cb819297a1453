"""Reactions to other services' events that award and reverse points.

Every handler runs in the consumer's transaction, which also records the event id as processed
for this queue. A payload points cannot read raises PermanentEventError: the message is parked
in `points.awards.dead` with the reason and the consumer goes on with the next one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from grassroots_contracts.event_types import (
    CASE_CLOSED,
    CASE_REOPENED,
    COMMITMENT_FULFILLED,
    ORDER_TAKEN,
    VISIT_LOGGED,
)
from grassroots_contracts.producers import PRODUCERS
from grassroots_kit.messaging.consumer import Handler, PermanentEventError, Subscription
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Database, Session

from grassroots_points.adapters.cases_seen import CasesSeen, ClosureState
from grassroots_points.adapters.received import ReceivedEvents
from grassroots_points.domain import occasions as parse
from grassroots_points.domain.occasions import MalformedEvent
from grassroots_points.handlers.awarding import award, reverse_closure

PURPOSE = "awards"

Reaction = Callable[[Database, CloudEvent, Session], Awaitable[None]]


async def on_case_closed(db: Database, event: CloudEvent, session: Session) -> None:
    await on_cases_closed(db, [(event, parse.case_closed(event.data))], session)


async def on_cases_closed(
    db: Database, closings: Sequence[tuple[CloudEvent, parse.CaseClosed]], session: Session
) -> None:
    """Closings in delivery order: each one not reopened already is remembered and awarded.
    Several at once (a consumer's batch) cost the same few round trips as one."""
    seen = CasesSeen(db)
    keys = [(closed.case_id, closed.closure) for _, closed in closings]
    states = await seen.closure_states(keys, session)
    takers = await seen.takers([case_id for case_id, _ in keys], session)
    standing = [
        (event, closed)
        for event, closed in closings
        # a closing reopened before its closing event reached us awards nothing
        if states.get((closed.case_id, closed.closure)) is not ClosureState.REOPENED
    ]
    await seen.record_closings([(c, e.id, e.time) for e, c in standing], session)
    occasions = [
        occasion
        for event, closed in standing
        for occasion in closed.occasions(
            event.id, event.time, known_taker=takers.get(closed.case_id)
        )
    ]
    await award(db, session, occasions)


class CaseClosedHandler:
    """`case.closed` as a batch handler: the consumer hands it each run of closings in a
    batch, which are read, remembered and awarded together."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def __call__(self, event: CloudEvent, session: Session) -> None:
        await self.apply_many([event], session)

    async def apply_many(self, events: Sequence[CloudEvent], session: Session) -> None:
        closings = []
        for event in events:
            try:
                parse.check_version(event.type, event.dataversion)
                closings.append((event, parse.case_closed(event.data)))
            except MalformedEvent as exc:
                raise PermanentEventError(f"{event.type}: {exc}") from None
        await ReceivedEvents(self._db).keep_many(events, session)
        await on_cases_closed(self._db, closings, session)


async def on_case_reopened(db: Database, event: CloudEvent, session: Session) -> None:
    reopened = parse.case_reopened(event.data)
    await reverse_closure(
        db,
        session,
        case_id=reopened.case_id,
        closure=reopened.closure,
        event_id=event.id,
        reason=reopened.reason,
    )


async def on_order_taken(db: Database, event: CloudEvent, session: Session) -> None:
    # Taking an order is rewarded when its case closes; remember who took it until then.
    taken = parse.order_taken(event.data)
    if taken.taker_id is not None:
        await CasesSeen(db).record_taker(taken.case_id, taken.taker_id, session)


async def on_visit_logged(db: Database, event: CloudEvent, session: Session) -> None:
    await award(db, session, [parse.visit_logged(event.id, event.data, event.time)])


async def on_commitment_fulfilled(db: Database, event: CloudEvent, session: Session) -> None:
    await award(db, session, [parse.commitment_fulfilled(event.id, event.data, event.time)])


REACTIONS: dict[str, Reaction] = {
    CASE_CLOSED: on_case_closed,
    CASE_REOPENED: on_case_reopened,
    ORDER_TAKEN: on_order_taken,
    VISIT_LOGGED: on_visit_logged,
    COMMITMENT_FULFILLED: on_commitment_fulfilled,
}


def _handler(db: Database, reaction: Reaction) -> Handler:
    async def handle(event: CloudEvent, session: Session) -> None:
        try:
            parse.check_version(event.type, event.dataversion)
            await ReceivedEvents(db).keep(event, session)
            await reaction(db, event, session)
        except MalformedEvent as exc:
            raise PermanentEventError(f"{event.type}: {exc}") from None

    return handle


def awards_subscription(db: Database) -> Subscription:
    handlers = {event_type: _handler(db, r) for event_type, r in REACTIONS.items()}
    handlers[CASE_CLOSED] = CaseClosedHandler(db)
    return Subscription(purpose=PURPOSE, handlers=handlers, producers=PRODUCERS)
