"""Reactions to cases' events: who must know, a notice each in their inbox, and the outbound
deliveries their preferences ask for.

Idempotent twice over: the consumer records each event as processed in the same transaction,
and a notice's id is derived from (event id, recipient), so an event handled again (a replay, a
second purpose) adds nothing. Delivery is only written here, as durable jobs; the worker
(handlers/delivery.py) sends them, so a slow channel never holds up a consumer.
"""

from __future__ import annotations

from dataclasses import replace

from grassroots_contracts import case_events as contract
from grassroots_contracts import event_types as t
from grassroots_contracts.payload import InvalidPayload
from grassroots_kit.messaging.consumer import PermanentEventError
from grassroots_kit.messaging.envelope import CloudEvent

from grassroots_notifications.domain.deliveries import Delivery, delivery_id
from grassroots_notifications.domain.notices import Notice, Recipient, Suppressed, notice_id
from grassroots_notifications.domain.preferences import defaults
from grassroots_notifications.domain.recipients import (
    AREA_ROLES,
    TAKER_ROLES,
    CaseFacts,
    CaseMove,
    Move,
    recipients,
)
from grassroots_notifications.handlers.ports import NotificationsPorts, NotificationsTx
from grassroots_notifications.handlers.publishing import notice_created

PURPOSE = "notices"
SUPPORTED_DATAVERSIONS = frozenset({"1"})
CASE_EVENTS = (
    t.CASE_REPORTED,
    t.CASE_ASSIGNED,
    t.CASE_ESCALATED,
    t.CASE_RESOLVED,
    t.CASE_CLOSED,
    t.CASE_REOPENED,
    t.ORDER_POSTED,
)
FOLLOW_EVENTS = (t.CASE_FOLLOWED, t.CASE_UNFOLLOWED)


def read_move(event: CloudEvent) -> tuple[CaseMove, str | None]:
    """The event as a move of its case, and the reporter when the event names one."""
    if event.dataversion not in SUPPORTED_DATAVERSIONS:
        raise PermanentEventError(f"unsupported dataversion {event.dataversion!r} of {event.type}")
    try:
        match event.type:
            case t.CASE_REPORTED:
                reported = contract.CaseReported.from_data(event.data)
                return _move(Move.REPORTED, reported), reported.reporter_id
            case t.CASE_ASSIGNED:
                assigned = contract.CaseAssigned.from_data(event.data)
                move = replace(_move(Move.ASSIGNED, assigned), assignee_id=assigned.assignee_id)
                return move, None
            case t.CASE_ESCALATED:
                return _move(Move.ESCALATED, contract.CaseEscalated.from_data(event.data)), None
            case t.CASE_RESOLVED:
                return _move(Move.RESOLVED, contract.CaseResolved.from_data(event.data)), None
            case t.CASE_CLOSED:
                closed = contract.CaseClosed.from_data(event.data)
                return _move(Move.CLOSED, closed), closed.reporter_id
            case t.CASE_REOPENED:
                return _move(Move.REOPENED, contract.CaseReopened.from_data(event.data)), None
            case t.ORDER_POSTED:
                return _move(Move.ORDER_POSTED, contract.OrderEvent.from_data(event.data)), None
    except InvalidPayload as exc:
        raise PermanentEventError(f"{event.type} data does not match the contract: {exc}") from None
    raise PermanentEventError(f"no notices for {event.type}")


def _move(
    move: Move,
    data: contract.CaseReported
    | contract.CaseAssigned
    | contract.CaseEscalated
    | contract.CaseResolved
    | contract.CaseClosed
    | contract.CaseReopened
    | contract.OrderEvent,
) -> CaseMove:
    return CaseMove(move, data.case_id, data.number, tuple(data.org_unit_path))


async def follow(tx: NotificationsTx, event: CloudEvent) -> None:
    """Keep a case's followers from `case.followed` / `case.unfollowed` (idempotent: a set)."""
    if event.dataversion not in SUPPORTED_DATAVERSIONS:
        raise PermanentEventError(f"unsupported dataversion {event.dataversion!r} of {event.type}")
    try:
        if event.type == t.CASE_FOLLOWED:
            followed = contract.CaseFollowed.from_data(event.data)
            await tx.directory.set_follower(followed.case_id, followed.person_id, True)
        else:
            gone = contract.CaseUnfollowed.from_data(event.data)
            await tx.directory.set_follower(gone.case_id, gone.person_id, False)
    except InvalidPayload as exc:
        raise PermanentEventError(f"{event.type} data does not match the contract: {exc}") from None


async def react(ports: NotificationsPorts, tx: NotificationsTx, event: CloudEvent) -> list[Notice]:
    """Handle one case event inside `tx`; returns the notices it added (none when replayed)."""
    if event.type in FOLLOW_EVENTS:
        await follow(tx, event)
        return []
    move, reporter = read_move(event)
    known = await tx.directory.case(move.case_id)
    facts = known or CaseFacts(move.case_id, move.number, move.org_unit_path)
    facts = replace(
        facts,
        number=move.number,
        org_unit_path=move.org_unit_path,
        reporter_id=reporter or facts.reporter_id,
        assignee_id=move.assignee_id if move.move is Move.ASSIGNED else facts.assignee_id,
    )
    if facts != known:
        await tx.directory.save_case(facts)
    roles = AREA_ROLES if move.move is Move.REPORTED else frozenset()
    if move.move is Move.ORDER_POSTED:
        roles = TAKER_ROLES
    holders = await tx.directory.holders(move.org_unit_path, roles) if roles else []
    added = []
    for recipient in recipients(move, facts, holders, ports.max_recipients):
        notice = await _notify(ports, tx, event, move, recipient)
        if notice is not None:
            added.append(notice)
    return added


async def _notify(
    ports: NotificationsPorts,
    tx: NotificationsTx,
    event: CloudEvent,
    move: CaseMove,
    recipient: Recipient,
) -> Notice | None:
    person = recipient.person_id
    prefs = await tx.preferences.get(person) or defaults(person)
    if not prefs.wants(recipient.kind):
        return None
    nid = notice_id(event.id, person)
    if await tx.notices.exists(nid):
        return None
    now = ports.clock()
    recent = await tx.notices.count_since(person, ports.rate_limit.since(now))
    if not ports.rate_limit.admits(recent):
        await tx.suppressions.add(Suppressed(nid, person, recipient.kind, event.id, now))
        return None
    notice = Notice(
        id=nid,
        recipient_id=person,
        kind=recipient.kind,
        params={"number": move.number},
        about_id=move.case_id,
        event_id=event.id,
        created_at=now,
    )
    await tx.notices.add(notice)
    tx.publish([notice_created(notice)])
    go_at = prefs.not_before(now, ports.business_zone)
    for channel, address in prefs.outbound(ports.channels):
        await tx.deliveries.add(
            Delivery(
                id=delivery_id(nid, channel),
                notice_id=nid,
                recipient_id=person,
                channel=channel,
                address=address,
                locale=prefs.locale,
                created_at=now,
                next_attempt_at=go_at,
            )
        )
    return notice
