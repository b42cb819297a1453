"""Business day, week, month and year boundaries in a DST-free zone and in a DST zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from grassroots_kit import business_time as bt
from grassroots_kit.settings import ServiceSettings

pytestmark = pytest.mark.unit

SHANGHAI = bt.zone("Asia/Shanghai")
BERLIN = bt.zone("Europe/Berlin")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def test_new_year_in_beijing_is_still_31_december_in_utc() -> None:
    at = utc(2026, 12, 31, 17, 0)
    assert bt.business_date(at, SHANGHAI) == date(2027, 1, 1)
    assert bt.business_year(at, SHANGHAI) == 2027
    assert bt.business_date(at, bt.zone("UTC")) == date(2026, 12, 31)
    assert bt.day_key(at, SHANGHAI) == "2027-01-01"
    assert bt.month_key(at, SHANGHAI) == "2027-01"


def test_one_instant_before_beijing_midnight_is_the_old_year() -> None:
    assert bt.business_year(utc(2026, 12, 31, 15, 59, 59), SHANGHAI) == 2026
    assert bt.business_year(utc(2026, 12, 31, 16, 0), SHANGHAI) == 2027


def test_beijing_day_week_month_year_bounds_are_utc_instants_at_16_00() -> None:
    at = utc(2027, 3, 10, 20, 0)  # Thursday 11 March 04:00 in Beijing
    assert bt.day_bounds(at, SHANGHAI) == (utc(2027, 3, 10, 16), utc(2027, 3, 11, 16))
    assert bt.week_bounds(at, SHANGHAI) == (utc(2027, 3, 7, 16), utc(2027, 3, 14, 16))
    assert bt.month_bounds(at, SHANGHAI) == (utc(2027, 2, 28, 16), utc(2027, 3, 31, 16))
    assert bt.year_bounds(at, SHANGHAI) == (utc(2026, 12, 31, 16), utc(2027, 12, 31, 16))


def test_december_month_ends_at_the_next_year() -> None:
    assert bt.month_bounds(utc(2026, 12, 31, 17), SHANGHAI) == (
        utc(2026, 12, 31, 16),
        utc(2027, 1, 31, 16),
    )
    assert bt.month_bounds(utc(2026, 12, 15), SHANGHAI) == (
        utc(2026, 11, 30, 16),
        utc(2026, 12, 31, 16),
    )


def test_berlin_days_are_23_and_25_hours_long_across_dst() -> None:
    spring = bt.day_bounds(utc(2027, 3, 28, 12), BERLIN)  # clocks go forward that night
    assert spring == (utc(2027, 3, 27, 23), utc(2027, 3, 28, 22))
    autumn = bt.day_bounds(utc(2027, 10, 31, 12), BERLIN)  # and back
    assert autumn == (utc(2027, 10, 30, 22), utc(2027, 10, 31, 23))


def test_berlin_month_and_year_use_the_offset_of_each_boundary() -> None:
    # March begins in winter time (UTC+1) and ends in summer time (UTC+2).
    assert bt.month_bounds(utc(2027, 3, 15), BERLIN) == (utc(2027, 2, 28, 23), utc(2027, 3, 31, 22))
    assert bt.year_bounds_of(2027, BERLIN) == (utc(2026, 12, 31, 23), utc(2027, 12, 31, 23))
    assert bt.week_bounds(utc(2027, 3, 31), BERLIN) == (utc(2027, 3, 28, 22), utc(2027, 4, 4, 22))


def test_a_naive_instant_is_read_as_utc() -> None:
    assert bt.business_date(datetime(2026, 12, 31, 17), SHANGHAI) == date(2027, 1, 1)


def test_an_unknown_zone_is_refused_at_start_up() -> None:
    with pytest.raises(ValueError, match="IANA"):
        bt.zone("Beijing/Time")
    with pytest.raises(ValueError, match="IANA"):
        ServiceSettings(business_time_zone="Beijing/Time")
    assert ServiceSettings().business_zone == SHANGHAI
    assert ServiceSettings(business_time_zone="Europe/Berlin").business_zone == BERLIN
