"""Leaderboard periods: the week, month or year around a moment, or any custom range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from grassroots_kit.errors import BadUserInput


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
    since: datetime | None = None,
    until: datetime | None = None,
) -> Period:
    """The calendar period (UTC) that contains `now`, or the custom range given."""
    now = now.astimezone(UTC)
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if kind is PeriodKind.CUSTOM:
        if since is not None and until is not None and until <= since:
            raise BadUserInput("`to` must be after `from`", field="to")
        return Period(since, until)
    if since is not None or until is not None:
        raise BadUserInput("`from` and `to` are only for a CUSTOM period", field="from")
    if kind is PeriodKind.ALL_TIME:
        return Period(None, None)
    if kind is PeriodKind.WEEK:
        start = day - timedelta(days=day.weekday())
        return Period(start, start + timedelta(days=7))
    if kind is PeriodKind.MONTH:
        start = day.replace(day=1)
        following = (
            start.replace(year=start.year + 1, month=1)
            if start.month == 12
            else (start.replace(month=start.month + 1))
        )
        return Period(start, following)
    return year_period(now.year)


def year_period(year: int) -> Period:
    if not 2000 <= year <= 2100:
        raise BadUserInput("the year must be between 2000 and 2100", field="year")
    return Period(datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC))
