"""Ledger arithmetic, periods and access decisions: pure."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, Forbidden
from grassroots_points.domain import access
from grassroots_points.domain.ledger import (
    check_adjustment,
    clean_reason,
    reversal_amount,
)
from grassroots_points.domain.periods import PeriodKind, period, year_period

from tests.support.tokens import grant

NOW = datetime(2026, 11, 25, 15, 30, tzinfo=UTC)  # a Wednesday
UTC_ZONE = ZoneInfo("UTC")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_reversal_takes_back_at_most_the_balance():
    assert reversal_amount(10, 50) == (10, 0)
    assert reversal_amount(10, 3) == (3, 7)
    assert reversal_amount(10, 0) == (0, 10)


def test_an_adjustment_changes_something_within_bounds_and_has_a_reason():
    check_adjustment(-5)
    for bad in (0, 100_001, -100_001):
        with pytest.raises(BadUserInput):
            check_adjustment(bad)
    assert clean_reason("  flood \n drill ") == "flood drill"
    with pytest.raises(BadUserInput):
        clean_reason(" ")


def test_calendar_periods_around_now_in_utc():
    week = period(PeriodKind.WEEK, now=NOW, tz=UTC_ZONE)
    month = period(PeriodKind.MONTH, now=NOW, tz=UTC_ZONE)
    december = period(PeriodKind.MONTH, now=datetime(2026, 12, 31, tzinfo=UTC), tz=UTC_ZONE)

    assert (week.since, week.until) == (
        datetime(2026, 11, 23, tzinfo=UTC),
        datetime(2026, 11, 30, tzinfo=UTC),
    )
    assert (month.since, month.until) == (
        datetime(2026, 11, 1, tzinfo=UTC),
        datetime(2026, 12, 1, tzinfo=UTC),
    )
    assert december.until == datetime(2027, 1, 1, tzinfo=UTC)
    assert period(PeriodKind.YEAR, now=NOW, tz=UTC_ZONE) == year_period(2026, UTC_ZONE)
    assert period(PeriodKind.ALL_TIME, now=NOW, tz=UTC_ZONE).since is None


def test_calendar_periods_are_cut_at_beijing_midnight():
    new_year = datetime(2026, 12, 31, 17, tzinfo=UTC)  # 01:00 on 1 January in Beijing

    year = period(PeriodKind.YEAR, now=new_year, tz=SHANGHAI)
    month = period(PeriodKind.MONTH, now=new_year, tz=SHANGHAI)
    week = period(PeriodKind.WEEK, now=NOW, tz=SHANGHAI)  # 23:30 on Wednesday there

    assert year == year_period(2027, SHANGHAI)
    assert (year.since, year.until) == (
        datetime(2026, 12, 31, 16, tzinfo=UTC),
        datetime(2027, 12, 31, 16, tzinfo=UTC),
    )
    assert (month.since, month.until) == (
        datetime(2026, 12, 31, 16, tzinfo=UTC),
        datetime(2027, 1, 31, 16, tzinfo=UTC),
    )
    assert (week.since, week.until) == (
        datetime(2026, 11, 22, 16, tzinfo=UTC),
        datetime(2026, 11, 29, 16, tzinfo=UTC),
    )


def test_a_custom_period_must_run_forwards():
    with pytest.raises(BadUserInput):
        period(PeriodKind.CUSTOM, now=NOW, tz=SHANGHAI, since=NOW, until=NOW)
    with pytest.raises(BadUserInput):
        period(PeriodKind.WEEK, now=NOW, tz=SHANGHAI, since=NOW)


PATH = ("d1", "s1", "c1", "g1")


def test_a_person_sees_their_own_account_and_staff_those_in_scope():
    resident = Principal("p1", ())
    grid = Principal("g", (grant("GRID_MEMBER", "d1", "s1", "c1", "g1"),))
    elsewhere = Principal("e", (grant("COMMUNITY_STAFF", "d1", "s1", "c2"),))

    assert access.may_view_account(resident, "p1", PATH)
    assert not access.may_view_account(resident, "p2", PATH)
    assert access.may_view_account(grid, "p2", PATH)
    assert not access.may_view_account(elsewhere, "p2", PATH)
    assert not access.may_view_account(grid, "p2", ())  # an account nobody has placed yet


def test_only_community_staff_adjust_and_never_their_own():
    staff = Principal("s", (grant("COMMUNITY_STAFF", "d1", "s1", "c1"),))
    grid = Principal("g", (grant("GRID_CHIEF", "d1", "s1", "c1", "g1"),))

    access.require_adjuster(staff, "p1", PATH)
    with pytest.raises(Forbidden):
        access.require_adjuster(staff, "s", PATH)
    with pytest.raises(Forbidden):
        access.require_adjuster(grid, "p1", PATH)


def test_only_platform_admins_manage_rules():
    access.require_rule_manager(Principal("a", (grant("PLATFORM_ADMIN", "*"),)))
    with pytest.raises(Forbidden):
        access.require_rule_manager(Principal("d", (grant("DISTRICT_ADMIN", "d1"),)))
    with pytest.raises(Forbidden):
        access.require_rule_manager(Principal("s", (grant("STREET_STAFF", "d1", "s1"),)))
