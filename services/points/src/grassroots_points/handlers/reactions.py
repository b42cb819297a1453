"""Reactions to other services' events that award and reverse points.

Every handler runs in the consumer's transaction, which also records the event id as processed
for this queue; the reactions see only a `PointsTx` bound to it, so the fast lane runs them over
in-memory fakes (`receive`, `receive_closings`). A payload points cannot read raises
PermanentEventError: the message is parked in `points.awards.dead` with the reason and the
consumer goes on with the next one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from grassroots_contracts.event_types import (
    ACTIVITY_ATTENDED,
    CASE_CLOSED,
    CASE_REOPENED,
    COMMITMENT_FULFILLED,
    ORDER_TAKEN,
    VISIT_LOGGED,
)
from grassroots_contracts.producers import PRODUCERS
from grassroots_kit.messaging.consumer import Handler, PermanentEventError, Subscription
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Session

from grassroots_points.domain import occasions as parse
from grassroots_points.domain.closures import ClosureState
from grassroots_points.domain.occasions import MalformedEvent
from grassroots_points.handlers.awarding import award, reverse_closure
from grassroots_points.handlers.ports import InConsumerTransaction, PointsTx

PURPOSE = "awards"

Reaction = Callable[[PointsTx, CloudEvent], Awaitable[None]]


async def on_case_closed(tx: PointsTx, event: CloudEvent) -> None:
    await on_cases_closed(tx, [(event, parse.case_closed(event.data))])


async def on_cases_closed(
    tx: PointsTx, closings: Sequence[tuple[CloudEvent, parse.CaseClosed]]
) -> None:
    """Closings in delivery order: each one not reopened already is remembered and awarded.
    Several at once (a consumer's batch) cost the same few round trips as one."""
    seen = tx.cases_seen
    keys = [(closed.case_id, closed.closure) for _, closed in closings]
    states = await seen.closure_states(keys)
    takers = await seen.takers([case_id for case_id, _ in keys])
    standing = [
        (event, closed)
        for event, closed in closings
        # a closing reopened before its closing event reached us awards nothing
        if states.get((closed.case_id, closed.closure)) is not ClosureState.REOPENED
    ]
    await seen.record_closings([(c, e.id, e.time) for e, c in standing])
    occasions = [
        occasion
        for event, closed in standing
        for occasion in closed.occasions(
            event.id, event.time, known_taker=takers.get(closed.case_id)
        )
    ]
    await award(tx, occasions)


def _closings(events: Sequence[CloudEvent]) -> list[tuple[CloudEvent, parse.CaseClosed]]:
    closings = []
    for event in events:
        try:
            parse.check_version(event.type, event.dataversion)
            closings.append((event, parse.case_closed(event.data)))
        except MalformedEvent as exc:
            raise PermanentEventError(f"{event.type}: {exc}") from None
    return closings


async def receive_closings(tx: PointsTx, events: Sequence[CloudEvent]) -> None:
    """A run of `case.closed` events as the consumer hands them over: kept, remembered and
    awarded together."""
    closings = _closings(events)
    await tx.received.keep_many(events)
    await on_cases_closed(tx, closings)


class CaseClosedHandler:
    """`case.closed` as a batch handler: the consumer hands it each run of closings in a
    batch, which are read, remembered and awarded together."""

    def __init__(self, uow: InConsumerTransaction) -> None:
        self._uow = uow

    async def __call__(self, event: CloudEvent, session: Session) -> None:
        await self.apply_many([event], session)

    async def apply_many(self, events: Sequence[CloudEvent], session: Session) -> None:
        async def work(tx: PointsTx) -> None:
            await receive_closings(tx, events)

        await self._uow.within(session, work)


async def on_case_reopened(tx: PointsTx, event: CloudEvent) -> None:
    reopened = parse.case_reopened(event.data)
    await reverse_closure(
        tx,
        case_id=reopened.case_id,
        closure=reopened.closure,
        event_id=event.id,
        reason=reopened.reason,
    )


async def on_order_taken(tx: PointsTx, event: CloudEvent) -> None:
    # Taking an order is rewarded when its case closes; remember who took it until then.
    taken = parse.order_taken(event.data)
    if taken.taker_id is not None:
        await tx.cases_seen.record_taker(taken.case_id, taken.taker_id)


async def on_visit_logged(tx: PointsTx, event: CloudEvent) -> None:
    await award(tx, [parse.visit_logged(event.id, event.data, event.time)])


async def on_commitment_fulfilled(tx: PointsTx, event: CloudEvent) -> None:
    await award(tx, [parse.commitment_fulfilled(event.id, event.data, event.time)])


async def on_activity_attended(tx: PointsTx, event: CloudEvent) -> None:
    # Awarded once per event and person (the ledger's awarded check); participation publishes
    # one event per attendance, so a redelivery or a replay earns nothing more.
    await award(tx, [parse.activity_attended(event.id, event.data, event.time)])


REACTIONS: dict[str, Reaction] = {
    CASE_CLOSED: on_case_closed,
    CASE_REOPENED: on_case_reopened,
    ORDER_TAKEN: on_order_taken,
    VISIT_LOGGED: on_visit_logged,
    COMMITMENT_FULFILLED: on_commitment_fulfilled,
    ACTIVITY_ATTENDED: on_activity_attended,
}


async def receive(tx: PointsTx, event: CloudEvent) -> None:
    """One awarding event as the consumer hands it over: checked, kept and reacted to."""
    try:
        parse.check_version(event.type, event.dataversion)
        await tx.received.keep_many([event])
        await REACTIONS[event.type](tx, event)
    except MalformedEvent as exc:
        raise PermanentEventError(f"{event.type}: {exc}") from None


def _handler(uow: InConsumerTransaction) -> Handler:
    async def handle(event: CloudEvent, session: Session) -> None:
        async def work(tx: PointsTx) -> None:
            await receive(tx, event)

        await uow.within(session, work)

    return handle


def awards_subscription(uow: InConsumerTransaction) -> Subscription:
    handlers = {event_type: _handler(uow) for event_type in REACTIONS}
    handlers[CASE_CLOSED] = CaseClosedHandler(uow)
    return Subscription(purpose=PURPOSE, handlers=handlers, producers=PRODUCERS)
