"""Care levels and the visit schedule each one keeps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class CareLevel(StrEnum):
    RED = "RED"
    YELLOW = "YELLOW"
    GREEN = "GREEN"
    NONE = "NONE"


@dataclass(frozen=True)
class VisitSchedule:
    """How often a household of each care level is visited: weekly, monthly, quarterly."""

    red: timedelta = timedelta(days=7)
    yellow: timedelta = timedelta(days=30)
    green: timedelta = timedelta(days=91)

    def interval(self, level: CareLevel) -> timedelta | None:
        return {
            CareLevel.RED: self.red,
            CareLevel.YELLOW: self.yellow,
            CareLevel.GREEN: self.green,
        }.get(level)

    def next_visit_due(
        self, level: CareLevel, *, last_visit_at: datetime | None, care_since: datetime
    ) -> datetime | None:
        """Due one interval after the last visit; a household never visited is due at once."""
        interval = self.interval(level)
        if interval is None:
            return None
        if last_visit_at is None:
            return care_since
        return last_visit_at + interval


def overdue_by(next_visit_due: datetime | None, now: datetime) -> timedelta | None:
    if next_visit_due is None or next_visit_due > now:
        return None
    return now - next_visit_due
