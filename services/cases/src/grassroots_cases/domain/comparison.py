"""Year-on-year: the same period one year earlier, and how the figures changed since.

"Hotline complaints down 36%" compares a period with the same dates of the year before, on the
business clock: 1-31 March 2027 (Beijing) with 1-31 March 2026. A leap day has no twin; it maps
to 28 February, so a period that starts or ends on 29 February becomes one that starts or ends on
28 February (and the year before 1-29 February 2028 is 1-28 February 2027).

Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from grassroots_kit import business_time

from grassroots_cases.domain.statistics import CaseStatistics


def year_earlier(at: datetime, tz: ZoneInfo) -> datetime:
    """The same local date and time of day one year before `at` (29 February → 28 February)."""
    here = business_time.local(at, tz)
    day = min(here.day, 28) if (here.month, here.day) == (2, 29) else here.day
    shifted = here.replace(year=here.year - 1, day=day)
    return shifted.astimezone(at.tzinfo) if at.tzinfo is not None else shifted


def year_earlier_period(
    since: datetime, until: datetime, tz: ZoneInfo
) -> tuple[datetime, datetime]:
    return year_earlier(since, tz), year_earlier(until, tz)


def change_percent(current: float, earlier: float) -> float | None:
    """(current - earlier) / earlier in percent, to one decimal; None when earlier is 0 (a rise
    from nothing has no percentage)."""
    if earlier == 0:
        return None
    return round((current - earlier) / earlier * 100, 1)


@dataclass(frozen=True)
class Change:
    current: int
    earlier: int

    @property
    def percent(self) -> float | None:
        return change_percent(self.current, self.earlier)


@dataclass(frozen=True)
class KeyedChange:
    key: str
    collected: Change


@dataclass(frozen=True)
class YearOnYear:
    since: datetime  # the earlier period
    until: datetime
    earlier: CaseStatistics
    collected: Change
    handled: Change
    sla_breaches: Change

    completion_rate: float | None  # now
    by_category: list[KeyedChange]

    @property
    def completion_rate_points(self) -> float | None:
        """The change of the completion rate in percentage points (97.4% → 98.0%: +0.6)."""
        before = self.earlier.completion_rate
        if self.completion_rate is None or before is None:
            return None
        return round((self.completion_rate - before) * 100, 1)


def _by_key(rows: Mapping[str, int], earlier: Mapping[str, int]) -> list[KeyedChange]:
    keys = sorted(set(rows) | set(earlier))
    return [KeyedChange(k, Change(rows.get(k, 0), earlier.get(k, 0))) for k in keys]


def compare(
    current: CaseStatistics, earlier: CaseStatistics, since: datetime, until: datetime
) -> YearOnYear:
    """`current` against `earlier`, the figures of [since, until) one year before."""
    return YearOnYear(
        since=since,
        until=until,
        earlier=earlier,
        collected=Change(current.collected, earlier.collected),
        handled=Change(current.handled, earlier.handled),
        sla_breaches=Change(current.sla_breaches, earlier.sla_breaches),
        completion_rate=current.completion_rate,
        by_category=_by_key(
            {b.key: b.collected for b in current.by_category},
            {b.key: b.collected for b in earlier.by_category},
        ),
    )
