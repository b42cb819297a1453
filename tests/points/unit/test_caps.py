"""Caps per person, period and kind of occasion, and awards nobody else confirmed: pure, no I/O."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from grassroots_kit.business_time import zone
from grassroots_kit.errors import BadUserInput
from grassroots_points.domain.caps import (
    DEFAULT_CAPS,
    Cap,
    check_cap,
    count_key,
    window,
    within_caps,
)
from grassroots_points.domain.ids import PersonId, RuleId
from grassroots_points.domain.occasions import Occasion
from grassroots_points.domain.rules import Award, CapPeriod, PointRule, Selector

# 2026-11-23 is a Monday; 15:30 UTC is 23:30 in Shanghai.
NOW = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)
TZ = zone("Asia/Shanghai")


def rule(event_type: str, cap: int | None = None, period: CapPeriod | None = None) -> PointRule:
    return PointRule(
        id=RuleId(f"r-{event_type}"),
        selector=Selector(event_type),
        points=5,
        met_deadline_bonus=0,
        top_rating_bonus=0,
        description="",
        updated_at=NOW,
        updated_by=None,
        max_per_period=cap,
        cap_period=period,
    )


def award(
    n: int,
    event_type: str = "visit.logged",
    *,
    person: str = "chief",
    confirmed_by: str | None = "grandma",
    at: datetime = NOW,
    of_rule: PointRule | None = None,
) -> Award:
    occasion = Occasion(
        rule_event_type=event_type,
        person_id=PersonId(person),
        source_event_id=f"e{n}",
        source_event_type=event_type,
        at=at,
        org_unit_id="n1",
        org_unit_path=("d1", "n1"),
        confirmed_by=PersonId(confirmed_by) if confirmed_by else None,
    )
    return Award(occasion, of_rule or rule(event_type), 5)


def test_a_burst_of_visits_earns_up_to_the_daily_default_and_the_rest_is_withheld():
    limit = DEFAULT_CAPS["visit.logged"].limit
    burst = [award(n) for n in range(limit + 3)]

    granted, withheld = within_caps(burst, {}, TZ)

    assert [a.occasion.source_event_id for a in granted] == [f"e{n}" for n in range(limit)]
    assert len(withheld) == 3
    assert all(w.reason.startswith(f"capped: at most {limit} visit.logged") for w in withheld)


def test_what_the_ledger_already_holds_in_the_period_counts_against_the_cap():
    first = award(1)
    key = count_key(first, TZ)
    assert key is not None

    granted, withheld = within_caps([first], {key: DEFAULT_CAPS["visit.logged"].limit}, TZ)

    assert granted == []
    assert [w.award for w in withheld] == [first]


def test_a_rules_own_cap_replaces_the_platform_default():
    weekly = rule("visit.logged", 2, CapPeriod.WEEK)
    week = [award(n, of_rule=weekly, at=NOW - timedelta(hours=n)) for n in range(4)]
    last_week = award(9, of_rule=weekly, at=NOW - timedelta(days=1))  # Sunday in Shanghai

    granted, withheld = within_caps([*week, last_week], {}, TZ)

    assert [a.occasion.source_event_id for a in granted] == ["e0", "e1", "e9"]
    assert [w.award.occasion.source_event_id for w in withheld] == ["e2", "e3"]


def test_each_person_has_their_own_cap():
    limit = DEFAULT_CAPS["commitment.fulfilled"].limit
    two_people = [award(n, "commitment.fulfilled", person=f"p{n % 2}") for n in range(limit * 2)]

    granted, withheld = within_caps(two_people, {}, TZ)

    assert (len(granted), withheld) == (limit * 2, [])


def test_cases_have_no_default_cap():
    closings = [award(n, "case.closed", confirmed_by=None) for n in range(100)]

    granted, withheld = within_caps(closings, {}, TZ)

    assert (len(granted), withheld) == (100, [])


@pytest.mark.parametrize("event_type", ["visit.logged", "commitment.fulfilled"])
def test_an_attested_occasion_nobody_confirmed_earns_nothing(event_type):
    granted, withheld = within_caps([award(1, event_type, confirmed_by=None)], {}, TZ)

    assert granted == []
    assert "not confirmed" in withheld[0].reason


@pytest.mark.parametrize("event_type", ["visit.logged", "commitment.fulfilled"])
def test_an_occasion_confirmed_by_its_earner_earns_nothing(event_type):
    granted, withheld = within_caps([award(1, event_type, confirmed_by="chief")], {}, TZ)

    assert granted == []
    assert "confirmed by the earner" in withheld[0].reason


def test_periods_follow_the_business_time_zone_not_utc():
    day = window(CapPeriod.DAY, NOW, TZ)  # 23:30 on Monday in Shanghai
    later = window(CapPeriod.DAY, NOW + timedelta(hours=1), TZ)  # 00:30 on Tuesday there

    assert day.since == datetime(2026, 11, 22, 16, 0, tzinfo=UTC)
    assert day.until == later.since == datetime(2026, 11, 23, 16, 0, tzinfo=UTC)
    assert window(CapPeriod.WEEK, NOW, TZ).since == day.since  # Monday starts the week
    month = window(CapPeriod.MONTH, NOW, TZ)
    assert (month.since, month.until) == (
        datetime(2026, 10, 31, 16, 0, tzinfo=UTC),
        datetime(2026, 11, 30, 16, 0, tzinfo=UTC),
    )


def test_a_cap_is_checked_when_a_rule_sets_one():
    assert check_cap(None, None) is None
    assert check_cap(3, None) == Cap(3, CapPeriod.DAY)
    assert check_cap(3, CapPeriod.MONTH) == Cap(3, CapPeriod.MONTH)
    with pytest.raises(BadUserInput, match="maxPerPeriod"):
        check_cap(0, None)
    with pytest.raises(BadUserInput, match="capPeriod"):
        check_cap(None, CapPeriod.WEEK)


def test_the_cap_periods_follow_whichever_zone_is_configured():
    berlin = zone("Europe/Berlin")
    day = window(CapPeriod.DAY, NOW, berlin)  # 16:30 on Monday in Berlin (winter, UTC+1)

    assert (day.since, day.until) == (
        datetime(2026, 11, 22, 23, 0, tzinfo=UTC),
        datetime(2026, 11, 23, 23, 0, tzinfo=UTC),
    )
    # the same instant is in one Shanghai day and one Berlin day, each with its own count
    assert count_key(award(1), berlin) != count_key(award(1), TZ)
