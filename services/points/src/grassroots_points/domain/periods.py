"""Leaderboard periods: the week, month or year around a moment, or any custom range.

Weeks, months and years are the business time zone's (`grassroots_kit.business_time`): in
Beijing the year 2027 begins at 2026-12-31T16:00Z, not at UTC midnight.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from grassroots_kit import business_time
from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg


class PeriodKind(StrEnum):
    WEEK = "WEEK"
    MONTH = "MONTH"
    YEAR = "YEAR"
    ALL_TIME = "ALL_TIME"
    CUSTOM = "CUSTOM"


@dataclass(frozen=True)
class Period:
    since: datetime | None
    until: datetime | None  # excluded


def period(
    kind: PeriodKind,
    *,
    now: datetime,
    tz: ZoneInfo,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Period:
    """The calendar period of business zone `tz` that contains `now` (its bounds in UTC), or
    the custom range given."""
    if kind is PeriodKind.CUSTOM:
        if since is not None and until is not None and until <= since:
            raise BadUserInput(msg("`to` must be after `from`"), field="to")
        return Period(since, until)
    if since is not None or until is not None:
        raise BadUserInput(msg("`from` and `to` are only for a CUSTOM period"), field="from")
    if kind is PeriodKind.ALL_TIME:
        return Period(None, None)
    if kind is PeriodKind.WEEK:
        return Period(*business_time.week_bounds(now, tz))
    if kind is PeriodKind.MONTH:
        return Period(*business_time.month_bounds(now, tz))
    return year_period(business_time.business_year(now, tz), tz)


def year_period(year: int, tz: ZoneInfo) -> Period:
    """Business year `year` of zone `tz`, as UTC instants."""
    if not 2000 <= year <= 2100:
        raise BadUserInput(msg("the year must be between 2000 and 2100"), field="year")
    return Period(*business_time.year_bounds_of(year, tz))
