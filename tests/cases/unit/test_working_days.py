"""Working-day deadlines: China's holidays and adjusted working days, same day, uncovered years."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from grassroots_cases.adapters.working_calendar import ChineseWorkingCalendar
from grassroots_cases.domain.sla import CategoryOverride, DeadlineUnit, policy
from grassroots_cases.domain.vocabulary import Category, Priority
from grassroots_cases.domain.working_days import (
    BUSINESS_TIME_ZONE,
    CalendarNotCovered,
    InMemoryCalendar,
    WorkingTime,
)
from grassroots_cases.handlers.report_case import report_case
from grassroots_cases.handlers.sla_admin import set_policy
from grassroots_cases.handlers.sweeper import Sweeper
from grassroots_kit.errors import BadUserInput

from tests.cases.unit.fake_area import NOW, area, clock, new_case, who

CHINA = WorkingTime(ChineseWorkingCalendar())
WD = DeadlineUnit.WORKING_DAYS


def beijing(*args: int) -> datetime:
    return datetime(*args, tzinfo=BUSINESS_TIME_ZONE)  # type: ignore[misc]


def test_the_package_data_covers_this_year_and_says_where_it_ends():
    first, last = ChineseWorkingCalendar().covered_years()
    assert first <= 2026 <= last


@pytest.mark.parametrize(
    ("since", "days", "due"),
    [
        # National Day 2026: 1-7 October off, Saturday 10 October worked (adjusted).
        (beijing(2026, 9, 30, 10), 3, beijing(2026, 10, 10, 18)),
        # Spring Festival 2026: 15-23 February off, Saturday 14 February worked.
        (beijing(2026, 2, 13, 10), 3, beijing(2026, 2, 25, 18)),
        # Reported in the holiday: the first working day after it is the case's first day.
        (beijing(2026, 10, 3, 12), 0, beijing(2026, 10, 8, 18)),
    ],
)
def test_working_days_skip_statutory_holidays_and_count_adjusted_weekends(
    since: datetime, days: int, due: datetime
):
    assert CHINA.end_of_working_days(since.astimezone(UTC), days) == due


@pytest.mark.parametrize(
    ("since", "due"),
    [
        (beijing(2026, 11, 2, 10), beijing(2026, 11, 2, 18)),  # Monday morning: today
        (beijing(2026, 11, 2, 18), beijing(2026, 11, 3, 18)),  # at closing: tomorrow
        (beijing(2026, 11, 6, 23, 30), beijing(2026, 11, 9, 18)),  # Friday night: Monday
        (beijing(2026, 11, 7, 9), beijing(2026, 11, 9, 18)),  # Saturday: Monday
    ],
)
def test_same_day_is_the_end_of_the_working_day(since: datetime, due: datetime):
    assert CHINA.end_of_working_days(since, 0) == due


def test_the_day_is_cut_in_beijing_time_not_utc():
    # 01:00 UTC on Monday is 09:00 in Beijing, and 11:00 UTC is 19:00, after closing.
    assert CHINA.end_of_working_days(datetime(2026, 11, 2, 1, tzinfo=UTC), 0) == beijing(
        2026, 11, 2, 18
    )
    assert CHINA.end_of_working_days(datetime(2026, 11, 2, 11, tzinfo=UTC), 0) == beijing(
        2026, 11, 3, 18
    )


def test_a_deadline_past_the_data_is_refused_not_guessed():
    _, last = ChineseWorkingCalendar().covered_years()
    with pytest.raises(CalendarNotCovered, match=f"no holiday data for {last + 1}") as refused:
        CHINA.end_of_working_days(beijing(last, 12, 30, 10), 3)
    assert isinstance(refused.value, BadUserInput)


def test_an_in_memory_calendar_moves_a_deadline_over_the_2027_spring_festival():
    # The package does not cover 2027 yet (its 1.11.0 data ends in 2026); the arithmetic is
    # the same with any calendar, here the holiday as a ministry might announce it.
    festival = frozenset(date(2027, 2, 6) + timedelta(days=i) for i in range(9))
    working = WorkingTime(
        InMemoryCalendar((2027, 2027), festival, frozenset({date(2027, 2, 20)})),
        closing=time(17, 30),
    )
    due = working.end_of_working_days(beijing(2027, 2, 4, 9), 3)
    assert due == beijing(2027, 2, 16, 17, 30)  # Fri 5th, Mon 15th, Tue 16th


def test_a_policy_counts_hours_or_working_days_per_priority_and_category():
    rules = policy(
        {Priority.NORMAL: 3, Priority.URGENT: 0},
        [CategoryOverride(Category.SEWAGE_WATER, 12, Priority.NORMAL)],
        {Priority.NORMAL: WD, Priority.URGENT: WD},
    )
    monday = beijing(2026, 11, 2, 10)
    assert rules.due_at(Priority.NORMAL, Category.OTHER, monday, CHINA) == beijing(2026, 11, 5, 18)
    assert rules.due_at(Priority.URGENT, Category.OTHER, monday, CHINA) == beijing(2026, 11, 2, 18)
    assert rules.due_at(Priority.NORMAL, Category.SEWAGE_WATER, monday, CHINA) == monday + (
        timedelta(hours=12)
    )
    assert rules.due_at(Priority.HIGH, Category.OTHER, monday, CHINA) == monday + timedelta(
        hours=24
    )


@pytest.mark.parametrize(
    ("hours", "unit"),
    [(0, DeadlineUnit.HOURS), (-1, WD), (61, WD)],
)
def test_a_count_out_of_range_for_its_unit_is_refused(hours: int, unit: DeadlineUnit):
    with pytest.raises(BadUserInput):
        policy({Priority.NORMAL: hours}, [], {Priority.NORMAL: unit})
    with pytest.raises(BadUserInput):
        policy({}, [CategoryOverride(Category.OTHER, hours, None, unit)])


def test_a_unit_without_its_count_is_refused():
    with pytest.raises(BadUserInput, match="unit"):
        policy({}, [], {Priority.NORMAL: WD})


# --- through the handlers (fakes) ---------------------------------------------------------


async def test_a_report_gets_a_working_day_deadline_and_the_sweeper_agrees():
    fakes = area()  # NOW is Monday 2 November 2026, 17:00 in Beijing
    await set_policy(
        fakes.ports, who("admin"), "d1", {Priority.NORMAL: 3}, [], {Priority.NORMAL: WD}
    )

    case = (await report_case(fakes.ports, who("res-1"), new_case())).case

    assert case.due_at == beijing(2026, 11, 5, 18)
    clock(fakes).advance(hours=(beijing(2026, 11, 5, 18) - NOW).total_seconds() / 3600 - 1)
    assert (await Sweeper(fakes.ports).sweep_once()).escalated == 0
    clock(fakes).advance(hours=2)  # Thursday 19:00, after closing: Friday is the first day
    assert (await Sweeper(fakes.ports).sweep_once()).escalated == 1
    assert fakes.state.cases[case.id].due_at == beijing(2026, 11, 11, 18)  # Mon, Tue, Wed


async def test_a_report_whose_deadline_falls_past_the_data_is_refused_and_nothing_stored():
    fakes = area()
    _, last = ChineseWorkingCalendar().covered_years()
    await set_policy(
        fakes.ports, who("admin"), "d1", {Priority.NORMAL: 3}, [], {Priority.NORMAL: WD}
    )
    clock(fakes).advance(hours=(beijing(last, 12, 30, 10) - NOW).total_seconds() / 3600)

    with pytest.raises(CalendarNotCovered):
        await report_case(fakes.ports, who("res-1"), new_case())
    assert fakes.state.cases == {}


async def test_the_sweeper_leaves_a_case_overdue_rather_than_guess_a_new_deadline():
    fakes = area()
    _, last = ChineseWorkingCalendar().covered_years()
    case = (await report_case(fakes.ports, who("res-1"), new_case())).case
    await set_policy(
        fakes.ports, who("admin"), "d1", {Priority.NORMAL: 3}, [], {Priority.NORMAL: WD}
    )
    clock(fakes).advance(hours=(beijing(last, 12, 30, 10) - NOW).total_seconds() / 3600)

    assert (await Sweeper(fakes.ports).sweep_once()).escalated == 0
    assert fakes.state.cases[case.id].due_at == case.due_at
