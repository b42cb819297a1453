"""China's working calendar from the `chinesecalendar` package (statutory holidays, 调休 days).

The package ships the State Council's announcements as data and is updated each year once the
next year's holidays are published; a release covers up to the year it was published for, so
the pinned version must be bumped every December (docs/cases.md, "Working-day deadlines").
"""

from __future__ import annotations

from datetime import date

import chinese_calendar
from chinese_calendar import constants


class ChineseWorkingCalendar:
    def __init__(self) -> None:
        known = [*constants.holidays, *constants.workdays]
        # The package raises NotImplementedError outside its data; the years are read from the
        # data itself so a newer release widens the range with no change here.
        self._years = (min(d.year for d in known), max(d.year for d in known))

    def covered_years(self) -> tuple[int, int]:
        return self._years

    def is_working_day(self, day: date) -> bool:
        return bool(chinese_calendar.is_workday(day))
