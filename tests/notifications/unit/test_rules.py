"""The pure rules: who is told, quiet hours in Beijing time, the rate limit, back-off."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from grassroots_kit.errors import BadUserInput
from grassroots_notifications.domain.deliveries import Delivery, DeliveryState, RetryPolicy
from grassroots_notifications.domain.limits import RateLimit
from grassroots_notifications.domain.notices import Channel, NoticeKind, Recipient, notice_id
from grassroots_notifications.domain.preferences import Preferences, QuietHours, checked
from grassroots_notifications.domain.recipients import (
    AREA_ROLES,
    CaseFacts,
    CaseMove,
    Holder,
    Move,
    closest,
    recipients,
)

BEIJING = ZoneInfo("Asia/Shanghai")
PATH = ("d1", "s1", "c1", "g1", "n1")


def beijing(hour: int, minute: int = 0, day: int = 8) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=BEIJING).astimezone(UTC)


def move(kind: Move, assignee: str | None = None) -> CaseMove:
    return CaseMove(kind, "case1", "WC-2026-000001", PATH, assignee_id=assignee)


def test_a_new_case_goes_to_the_closest_holders_of_its_area_only():
    holders = [
        Holder("grid-member", "GRID_MEMBER", "g1"),
        Holder("neighbor-chief", "NEIGHBOR_CHIEF", "n1"),
        Holder("staff", "COMMUNITY_STAFF", "c1"),
        Holder("elsewhere", "NEIGHBOR_CHIEF", "n2"),
    ]
    assert closest(PATH, holders, AREA_ROLES) == ["neighbor-chief"]
    told = recipients(move(Move.REPORTED), None, holders, 10)
    assert told == [Recipient("neighbor-chief", NoticeKind.CASE_REPORTED_IN_AREA)]


def test_the_reporter_is_not_told_of_a_new_case_in_their_own_area():
    facts = CaseFacts("case1", "WC-2026-000001", PATH, reporter_id="chief")
    told = recipients(move(Move.REPORTED), facts, [Holder("chief", "NEIGHBOR_CHIEF", "n1")], 10)
    assert told == []


def test_assigning_tells_the_assignee_once_then_the_reporter_and_followers():
    facts = CaseFacts(
        "case1", "WC-2026-000001", PATH, reporter_id="resident", followers=frozenset({"f1", "w"})
    )
    told = recipients(move(Move.ASSIGNED, assignee="w"), facts, [], 10)
    assert told == [
        Recipient("w", NoticeKind.CASE_ASSIGNED_TO_YOU),
        Recipient("resident", NoticeKind.CASE_ASSIGNED),
        Recipient("f1", NoticeKind.CASE_ASSIGNED),
    ]


@pytest.mark.parametrize(
    ("kind", "notice"),
    [
        (Move.ESCALATED, NoticeKind.CASE_ESCALATED),
        (Move.RESOLVED, NoticeKind.CASE_RESOLVED),
        (Move.CLOSED, NoticeKind.CASE_CLOSED),
    ],
)
def test_the_reporter_learns_their_case_moved(kind: Move, notice: NoticeKind):
    facts = CaseFacts("case1", "WC-2026-000001", PATH, reporter_id="resident")
    assert recipients(move(kind), facts, [], 10) == [Recipient("resident", notice)]


def test_a_reopened_case_tells_whoever_answers_for_it():
    facts = CaseFacts("case1", "WC-2026-000001", PATH, reporter_id="r", assignee_id="w")
    assert recipients(move(Move.REOPENED), facts, [], 10) == [
        Recipient("w", NoticeKind.CASE_REOPENED)
    ]


def test_an_anonymous_case_tells_no_reporter():
    facts = CaseFacts("case1", "WC-2026-000001", PATH, reporter_id=None)
    assert recipients(move(Move.CLOSED), facts, [], 10) == []


def test_an_order_tells_takers_whose_area_covers_it_up_to_the_limit():
    holders = [
        Holder("v-community", "VOLUNTEER", "c1"),
        Holder("v-grid", "VOLUNTEER", "g1"),
        Holder("partner", "RED_PARTNER_MEMBER", "s1"),
        Holder("v-other", "VOLUNTEER", "c2"),
        Holder("chief", "NEIGHBOR_CHIEF", "n1"),
    ]
    told = recipients(move(Move.ORDER_POSTED), None, holders, 10)
    assert [r.person_id for r in told] == ["partner", "v-community", "v-grid"]
    assert len(recipients(move(Move.ORDER_POSTED), None, holders, 2)) == 2


def test_a_notice_id_is_one_per_event_and_recipient():
    assert notice_id("e1", "p1") == notice_id("e1", "p1")
    assert notice_id("e1", "p1") != notice_id("e1", "p2")
    assert notice_id("e1", "p1") != notice_id("e2", "p1")


def test_quiet_hours_within_one_day():
    quiet = QuietHours(time(13, 0), time(14, 30))
    assert quiet.holds(beijing(13, 0), BEIJING)
    assert quiet.holds(beijing(14, 29), BEIJING)
    assert not quiet.holds(beijing(14, 30), BEIJING)
    assert not quiet.holds(beijing(12, 59), BEIJING)
    assert quiet.ends_after(beijing(13, 10), BEIJING) == beijing(14, 30)


def test_quiet_hours_across_midnight_in_beijing_time():
    quiet = QuietHours(time(22, 0), time(7, 0))
    assert quiet.holds(beijing(23, 30), BEIJING)
    assert quiet.holds(beijing(0, 10), BEIJING)
    assert quiet.holds(beijing(6, 59), BEIJING)
    assert not quiet.holds(beijing(7, 0), BEIJING)
    assert not quiet.holds(beijing(21, 59), BEIJING)
    # 23:30 on the 8th waits until 07:00 on the 9th; 00:10 on the 9th until 07:00 that day.
    assert quiet.ends_after(beijing(23, 30), BEIJING) == beijing(7, 0, day=9)
    assert quiet.ends_after(beijing(0, 10, day=9), BEIJING) == beijing(7, 0, day=9)


def test_quiet_hours_read_the_clock_in_beijing_not_utc():
    quiet = QuietHours(time(22, 0), time(7, 0))
    # 15:00 UTC is 23:00 in Beijing: quiet, though 15:00 is not within 22:00-07:00.
    at = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)
    assert quiet.holds(at, BEIJING)
    prefs = Preferences("p", quiet_hours=quiet)
    assert prefs.not_before(at, BEIJING) == datetime(2026, 12, 8, 23, 0, tzinfo=UTC)
    assert Preferences("p").not_before(at, BEIJING) == at


def test_quiet_hours_must_not_be_empty():
    with pytest.raises(BadUserInput):
        QuietHours(time(7, 0), time(7, 0))


def test_the_rate_limit_admits_up_to_its_count_in_the_window():
    limit = RateLimit(3, timedelta(hours=1))
    assert limit.admits(2)
    assert not limit.admits(3)
    assert limit.since(beijing(12)) == beijing(11)


def test_back_off_doubles_and_the_last_attempt_is_dead():
    policy = RetryPolicy(3, timedelta(seconds=30))
    at = beijing(12)
    d = Delivery("d", "n", "p", Channel.EMAIL, "a@b.cn", "en", at, at)
    once = policy.failed(d, "refused", at)
    assert (once.attempts, once.next_attempt_at, once.state) == (
        1,
        at + timedelta(seconds=30),
        DeliveryState.PENDING,
    )
    twice = policy.failed(once, "refused", at)
    assert twice.next_attempt_at == at + timedelta(seconds=60)
    dead = policy.failed(twice, "refused again", at)
    assert dead.state is DeliveryState.DEAD
    assert dead.last_error == "refused again"


def test_a_channel_needs_an_address_and_addresses_must_be_usable():
    with pytest.raises(BadUserInput):
        checked(Preferences("p", channels=frozenset({Channel.EMAIL})))
    with pytest.raises(BadUserInput):
        checked(Preferences("p", email="not an address"))
    with pytest.raises(BadUserInput):
        checked(Preferences("p", phone="12ab"))
    ok = checked(Preferences("p", channels=frozenset({Channel.EMAIL}), email="li@example.cn"))
    assert ok.outbound(frozenset({Channel.EMAIL})) == [(Channel.EMAIL, "li@example.cn")]
    # A channel this deployment has not configured is not used.
    assert ok.outbound(frozenset()) == []
