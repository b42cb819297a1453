"""Working-day arithmetic: pure, behind a `WorkingCalendar` port that knows which days are worked.

China's statutory holidays move every year and are announced by the State Council late in the
year before, with weekend days "adjusted" into working days (调休). The calendar is therefore
data, not a rule: an adapter reads it from a maintained package, and a calendar that does not
cover a year says so (`CalendarNotCovered`) instead of guessing weekends-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg

# The default business time zone; the service passes the BUSINESS_TIME_ZONE setting
# (grassroots_kit.business_time) as `WorkingTime.zone`, so days are cut where it says.
BUSINESS_TIME_ZONE = ZoneInfo("Asia/Shanghai")
DEFAULT_CLOSING_TIME = time(18, 0)


class CalendarNotCovered(BadUserInput):
    """A deadline would fall in a year whose holidays the working calendar does not know."""

    def __init__(self, year: int, covered: tuple[int, int]) -> None:
        first, last = covered
        super().__init__(
            msg(
                "the working calendar has no holiday data for {year} (it covers {first}-{last}): "
                "a deadline in working days cannot be computed until the calendar is updated; "
                "use a deadline in hours meanwhile",
                year=year,
                first=first,
                last=last,
            ),
            field="workingDays",
            year=year,
        )


class WorkingCalendar(Protocol):
    """Which days are worked: statutory holidays off, adjusted weekend days on."""

    def covered_years(self) -> tuple[int, int]:
        """The first and last year the calendar has data for, inclusive."""
        ...

    def is_working_day(self, day: date) -> bool:
        """Whether `day` is worked; only called for a day within `covered_years`."""
        ...


@dataclass(frozen=True)
class WorkingTime:
    """A calendar and the hour a working day ends, in the business time zone."""

    calendar: WorkingCalendar
    closing: time = DEFAULT_CLOSING_TIME
    zone: ZoneInfo = BUSINESS_TIME_ZONE

    def _works(self, day: date) -> bool:
        first, last = self.calendar.covered_years()
        if not first <= day.year <= last:
            raise CalendarNotCovered(day.year, (first, last))
        return self.calendar.is_working_day(day)

    def _next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self._works(day):
            day += timedelta(days=1)
        return day

    def end_of_working_days(self, since: datetime, days: int) -> datetime:
        """The close of the `days`-th working day after `since` (0: the same working day).

        A case reported on a working day before closing time counts that day as its first; one
        reported after closing, on a weekend or in a holiday starts on the next working day.
        The result is an aware UTC datetime, as every stored instant is.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        local = since.astimezone(self.zone)
        day = local.date()
        if not self._works(day) or local.time() >= self.closing:
            day = self._next_working_day(day)
        for _ in range(days):
            day = self._next_working_day(day)
        end = datetime.combine(day, self.closing, tzinfo=self.zone)
        return end.astimezone(since.tzinfo or BUSINESS_TIME_ZONE)


class InMemoryCalendar:
    """A calendar from explicit lists: weekends off unless adjusted, listed holidays off.

    For tests and for a deployment that keeps its own calendar; covers the years it is given.
    """

    def __init__(
        self,
        years: tuple[int, int],
        holidays: frozenset[date] = frozenset(),
        adjusted_working_days: frozenset[date] = frozenset(),
    ) -> None:
        self._years = years
        self._holidays = holidays
        self._working = adjusted_working_days

    def covered_years(self) -> tuple[int, int]:
        return self._years

    def is_working_day(self, day: date) -> bool:
        if day in self._working:
            return True
        return day.weekday() < 5 and day not in self._holidays
