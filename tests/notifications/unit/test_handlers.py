"""The use cases over in-memory fakes: reactions, the inbox, preferences and the worker."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta

import pytest
from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput
from grassroots_kit.messaging.consumer import PermanentEventError
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_notifications.domain.deliveries import DeliveryState
from grassroots_notifications.domain.notices import Channel, NoticeKind
from grassroots_notifications.domain.outbound import Outbound
from grassroots_notifications.domain.preferences import Preferences
from grassroots_notifications.domain.recipients import Holder
from grassroots_notifications.handlers import inbox
from grassroots_notifications.handlers.delivery import deliver_due
from grassroots_notifications.handlers.ports import NotificationsPorts, NotificationsTx
from grassroots_notifications.handlers.reactions import react

from tests.notifications.events import (
    case_assigned,
    case_followed,
    case_reported,
    case_resolved,
    case_unfollowed,
    order_posted,
)
from tests.notifications.fakes import Clock, RecordingSender, State, make_ports

# 10:00 in Beijing.
NOON = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)


def caller(person: str) -> Principal:
    return Principal(person_id=person, grants=())


async def handle(ports: NotificationsPorts, event: CloudEvent) -> None:
    async def work(tx: NotificationsTx) -> None:
        await react(ports, tx, event)

    await ports.uow.run(work)


async def test_assigning_puts_one_notice_in_the_assignee_inbox_even_when_redelivered():
    ports, uow = make_ports()
    event = case_assigned("case1", "worker")
    await handle(ports, event)
    await handle(ports, event)
    page = await inbox.inbox(ports, caller("worker"), False, 10, None)
    assert [n.kind for n in page.items] == [NoticeKind.CASE_ASSIGNED_TO_YOU]
    assert uow.published_types() == ["notice.created"]
    assert uow.published[0].data["recipientId"] == "worker"


async def test_the_reporter_known_from_the_report_hears_of_each_move():
    ports, _ = make_ports()
    await handle(ports, case_reported("case1", "resident"))
    await handle(ports, case_assigned("case1", "worker"))
    await handle(ports, case_resolved("case1"))
    page = await inbox.inbox(ports, caller("resident"), False, 10, None)
    assert [n.kind for n in page.items] == [NoticeKind.CASE_RESOLVED, NoticeKind.CASE_ASSIGNED]
    text = page.items[0].render("en")
    assert "WC-2026-000001" in text
    assert page.items[0].render("zh-CN") != text


async def test_chiefs_and_takers_hear_of_what_comes_to_their_area():
    state = State(
        holders=[Holder("chief", "GRID_MEMBER", "g1"), Holder("volunteer", "VOLUNTEER", "c1")]
    )
    ports, _ = make_ports(state)
    await handle(ports, case_reported("case1", "resident"))
    await handle(ports, order_posted("case2"))
    assert [n.kind for n in (await inbox.inbox(ports, caller("chief"), False, 10, None)).items] == [
        NoticeKind.CASE_REPORTED_IN_AREA
    ]
    volunteer = await inbox.inbox(ports, caller("volunteer"), False, 10, None)
    assert [n.kind for n in volunteer.items] == [NoticeKind.ORDER_POSTED_NEARBY]


async def test_a_muted_kind_is_not_put_in_the_inbox():
    state = State(
        preferences={
            "worker": Preferences("worker", muted=frozenset({NoticeKind.CASE_ASSIGNED_TO_YOU}))
        }
    )
    ports, _ = make_ports(state)
    await handle(ports, case_assigned("case1", "worker"))
    assert await inbox.unread_count(ports, caller("worker")) == 0


async def test_the_rate_limit_drops_the_excess_with_a_record():
    state = State()
    ports, uow = make_ports(state, limit=2)
    for i in range(4):
        await handle(ports, case_assigned(f"case{i}", "worker"))
    assert await inbox.unread_count(ports, caller("worker")) == 2
    assert len(state.suppressed) == 2
    assert uow.published_types() == ["notice.created", "notice.created"]


async def test_a_contract_breaking_event_is_refused_for_parking():
    ports, _ = make_ports()
    bad = case_assigned("case1", "worker")
    broken = CloudEvent(
        id=bad.id,
        type=bad.type,
        source=bad.source,
        subject=bad.subject,
        time=bad.time,
        data={**bad.data, "orgUnitPath": []},
    )
    with pytest.raises(PermanentEventError):
        await handle(ports, broken)


async def test_one_sees_and_marks_only_their_own_notices():
    ports, _ = make_ports()
    await handle(ports, case_assigned("case1", "alice"))
    await handle(ports, case_assigned("case2", "bob"))
    bobs = (await inbox.inbox(ports, caller("bob"), False, 10, None)).items
    assert all(n.recipient_id == "bob" for n in bobs)
    # Alice names Bob's notice: nothing happens to it.
    assert await inbox.mark_read(ports, caller("alice"), [bobs[0].id], False) == 0
    assert await inbox.unread_count(ports, caller("bob")) == 1
    assert await inbox.mark_read(ports, caller("alice"), None, True) == 1
    assert await inbox.unread_count(ports, caller("alice")) == 0
    assert await inbox.unread_count(ports, caller("bob")) == 1
    with pytest.raises(BadUserInput):
        await inbox.mark_read(ports, caller("alice"), None, False)


async def test_the_inbox_pages_newest_first_and_filters_unread():
    clock = Clock(NOON)
    ports, _ = make_ports(clock=clock)
    for i in range(3):
        await handle(ports, case_assigned(f"case{i}", "worker"))
        clock.advance(timedelta(minutes=1))
    first = await inbox.inbox(ports, caller("worker"), False, 2, None)
    assert [n.about_id for n in first.items] == ["case2", "case1"]
    assert first.has_next
    assert first.total_count == 3
    last = first.items[-1]
    rest = await inbox.inbox(
        ports, caller("worker"), False, 2, (last.created_at.isoformat(), last.id)
    )
    assert [n.about_id for n in rest.items] == ["case0"]
    await inbox.mark_read(ports, caller("worker"), [first.items[0].id], False)
    unread = await inbox.inbox(ports, caller("worker"), True, 10, None)
    assert [n.about_id for n in unread.items] == ["case1", "case0"]


async def opted_in(ports: NotificationsPorts, person: str, quiet: tuple[time, time] | None = None):
    await inbox.set_preferences(
        ports,
        caller(person),
        muted=frozenset(),
        channels=frozenset({Channel.EMAIL}),
        email=f"{person}@example.cn",
        phone=None,
        wechat_open_id=None,
        quiet=quiet,
        locale="en",
    )


async def test_an_email_goes_out_for_a_person_who_opted_in():
    email = RecordingSender()
    ports, _ = make_ports(clock=Clock(NOON), senders={Channel.EMAIL: email})
    await opted_in(ports, "worker")
    await handle(ports, case_assigned("case1", "worker"))
    ended = await deliver_due(ports)
    assert [d.state for d in ended] == [DeliveryState.SENT]
    assert [(m.address, m.locale) for m in email.sent] == [("worker@example.cn", "en")]
    assert "WC-2026-000001" in email.sent[0].text
    assert await deliver_due(ports) == []


async def test_quiet_hours_hold_an_email_until_they_end():
    clock = Clock(NOON)  # 10:00 in Beijing
    email = RecordingSender()
    ports, _ = make_ports(clock=clock, senders={Channel.EMAIL: email})
    await opted_in(ports, "worker", quiet=(time(9, 0), time(11, 0)))
    await handle(ports, case_assigned("case1", "worker"))
    # The inbox has it at once; the email waits.
    assert await inbox.unread_count(ports, caller("worker")) == 1
    assert await deliver_due(ports) == []
    clock.advance(timedelta(minutes=59))
    assert await deliver_due(ports) == []
    clock.advance(timedelta(minutes=1))  # 11:00 in Beijing
    assert [d.state for d in await deliver_due(ports)] == [DeliveryState.SENT]
    assert len(email.sent) == 1


async def test_failed_deliveries_back_off_then_go_dead():
    clock = Clock(NOON)
    email = RecordingSender(failures=10)
    state = State()
    ports, _ = make_ports(state, clock=clock, senders={Channel.EMAIL: email}, max_attempts=3)
    await opted_in(ports, "worker")
    await handle(ports, case_assigned("case1", "worker"))
    assert [d.attempts for d in await deliver_due(ports)] == [1]
    assert await deliver_due(ports) == []  # not due again for 30 s
    clock.advance(timedelta(seconds=30))
    assert [d.attempts for d in await deliver_due(ports)] == [2]
    clock.advance(timedelta(seconds=59))
    assert await deliver_due(ports) == []
    clock.advance(timedelta(seconds=1))
    [dead] = await deliver_due(ports)
    assert dead.state is DeliveryState.DEAD
    assert dead.last_error is not None
    assert "refused" in dead.last_error
    clock.advance(timedelta(hours=2))
    assert await deliver_due(ports) == []


class HangingSender:
    async def send(self, message: Outbound) -> None:
        await asyncio.Event().wait()


async def test_a_hanging_channel_times_out_without_holding_the_others():
    clock = Clock(NOON)
    sms = RecordingSender()
    ports, _ = make_ports(clock=clock, senders={Channel.EMAIL: HangingSender(), Channel.SMS: sms})
    ports = NotificationsPorts(**{**ports.__dict__, "send_timeout": 0.05})
    await inbox.set_preferences(
        ports,
        caller("worker"),
        muted=frozenset(),
        channels=frozenset({Channel.EMAIL, Channel.SMS}),
        email="worker@example.cn",
        phone="+8613800000000",
        wechat_open_id=None,
        quiet=None,
        locale=None,
    )
    await handle(ports, case_assigned("case1", "worker"))
    ended = {d.channel: d for d in await deliver_due(ports)}
    assert ended[Channel.SMS].state is DeliveryState.SENT
    assert ended[Channel.EMAIL].state is DeliveryState.PENDING
    assert ended[Channel.EMAIL].last_error is not None
    assert "timed out" in ended[Channel.EMAIL].last_error


async def test_followers_hear_of_the_case_until_they_unfollow():
    ports, _ = make_ports()
    await handle(ports, case_followed("case1", "neighbour", me_too=True))
    await handle(ports, case_reported("case1", "resident"))
    await handle(ports, case_resolved("case1"))
    kinds = [n.kind for n in (await inbox.inbox(ports, caller("neighbour"), False, 10, None)).items]
    assert kinds == [NoticeKind.CASE_RESOLVED]
    await handle(ports, case_unfollowed("case1", "neighbour"))
    await handle(ports, case_assigned("case1", "worker"))
    assert await inbox.unread_count(ports, caller("neighbour")) == 1
    assert await inbox.unread_count(ports, caller("resident")) == 2
