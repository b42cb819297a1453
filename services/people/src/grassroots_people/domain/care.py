"""Care levels, the visit schedule each one keeps, and how fully a unit keeps it.

Days are the business time zone's (`grassroots_kit.business_time`, setting BUSINESS_TIME_ZONE):
a weekly household visited at 01:00 on a Monday in Beijing (Sunday 17:00 UTC) is visited on
Monday, and is on schedule until the end of the next Monday there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from grassroots_kit.business_time import DEFAULT_ZONE, business_date, day_start
from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg


class CareLevel(StrEnum):
    RED = "RED"
    YELLOW = "YELLOW"
    GREEN = "GREEN"
    NONE = "NONE"


# The levels that keep a schedule, most urgent first.
SCHEDULED = (CareLevel.RED, CareLevel.YELLOW, CareLevel.GREEN)


@dataclass(frozen=True)
class VisitSchedule:
    """How often a household of each care level is visited: weekly, monthly, quarterly."""

    red: timedelta = timedelta(days=7)
    yellow: timedelta = timedelta(days=30)
    green: timedelta = timedelta(days=91)
    zone: ZoneInfo = DEFAULT_ZONE  # whose midnights cut the days

    def interval(self, level: CareLevel) -> timedelta | None:
        return {
            CareLevel.RED: self.red,
            CareLevel.YELLOW: self.yellow,
            CareLevel.GREEN: self.green,
        }.get(level)

    @property
    def longest(self) -> timedelta:
        return max(self.red, self.yellow, self.green)

    def next_visit_due(
        self, level: CareLevel, *, last_visit_at: datetime | None, care_since: datetime
    ) -> datetime | None:
        """When the household becomes overdue. Visited on business day D, the next visit is
        due on day D + interval, any time that day: it is overdue from the midnight that ends
        it. A household never visited is due at once (from when its level was set)."""
        interval = self.interval(level)
        if interval is None:
            return None
        if last_visit_at is None:
            return care_since
        due_day = business_date(last_visit_at, self.zone) + timedelta(days=interval.days)
        return day_start(due_day + timedelta(days=1), self.zone)

    def on_schedule(
        self,
        level: CareLevel,
        *,
        last_visit_at: datetime | None,
        care_since: datetime,
        as_of: date,
    ) -> bool:
        """Whether the household is not overdue at the end of business day `as_of`, from its
        last confirmed visit before that end; never for a level that keeps no schedule."""
        due = self.next_visit_due(level, last_visit_at=last_visit_at, care_since=care_since)
        return due is not None and due >= day_start(as_of + timedelta(days=1), self.zone)

    def visits_window(self, as_of: date) -> tuple[datetime, datetime]:
        """[since, until) in UTC: the visits that may keep any level on schedule on `as_of`."""
        first = as_of - timedelta(days=self.longest.days)
        return day_start(first, self.zone), day_start(as_of + timedelta(days=1), self.zone)


def overdue_by(next_visit_due: datetime | None, now: datetime) -> timedelta | None:
    if next_visit_due is None or next_visit_due > now:
        return None
    return now - next_visit_due


# --- coverage ---------------------------------------------------------------------------


# Coverage is asked of a day from this one up to a year ahead of today: before it there were no
# records, and a date at the calendar's ends would overflow the visits window.
FIRST_AS_OF = date(2000, 1, 1)
MAX_AS_OF_AHEAD = timedelta(days=366)


def check_as_of(as_of: date, today: date) -> date:
    last = today + MAX_AS_OF_AHEAD
    if not FIRST_AS_OF <= as_of <= last:
        raise BadUserInput(
            msg(
                "asOf must be a day from {first} to {last}",
                first=FIRST_AS_OF.isoformat(),
                last=last.isoformat(),
            ),
            field="asOf",
        )
    return as_of


@dataclass(frozen=True)
class CareRow:
    """What coverage needs of one household."""

    household_id: str
    org_unit_path: tuple[str, ...]  # its unit's ancestors and the unit itself, root first
    care_level: CareLevel
    care_since: datetime


@dataclass(frozen=True)
class LevelCoverage:
    """The households of one care level and how many are visited on schedule."""

    care_level: CareLevel
    households: int = 0
    on_schedule: int = 0

    @property
    def overdue(self) -> int:
        return self.households - self.on_schedule

    @property
    def share_on_schedule(self) -> float | None:
        """On schedule over households; None when the level has none."""
        return round(self.on_schedule / self.households, 4) if self.households else None


@dataclass(frozen=True)
class UnitCoverage:
    """Every household of a unit's subtree, by care level: none is left out. `levels` has
    RED, YELLOW and GREEN (even with no household); `without_care_level` counts NONE."""

    org_unit_id: str
    levels: tuple[LevelCoverage, ...]
    without_care_level: int = 0

    @property
    def households(self) -> int:
        return self.without_care_level + sum(level.households for level in self.levels)

    def level(self, care_level: CareLevel) -> LevelCoverage:
        return next(level for level in self.levels if level.care_level is care_level)


@dataclass(frozen=True)
class CareCoverage:
    """A unit's coverage on a business day, and each child unit's. The unit's own figures
    count the households placed directly in it too, which no child counts."""

    as_of: date
    unit: UnitCoverage
    children: tuple[UnitCoverage, ...] = field(default=())


@dataclass
class _Tally:
    households: dict[CareLevel, int] = field(default_factory=dict)
    on_schedule: dict[CareLevel, int] = field(default_factory=dict)

    def add(self, level: CareLevel, on_schedule: bool) -> None:
        self.households[level] = self.households.get(level, 0) + 1
        if on_schedule:
            self.on_schedule[level] = self.on_schedule.get(level, 0) + 1

    def coverage(self, unit_id: str) -> UnitCoverage:
        return UnitCoverage(
            org_unit_id=unit_id,
            levels=tuple(
                LevelCoverage(
                    care_level=level,
                    households=self.households.get(level, 0),
                    on_schedule=self.on_schedule.get(level, 0),
                )
                for level in SCHEDULED
            ),
            without_care_level=self.households.get(CareLevel.NONE, 0),
        )


def care_coverage(
    unit_id: str,
    child_ids: Iterable[str],
    households: Iterable[CareRow],
    last_visits: Mapping[str, datetime],
    *,
    schedule: VisitSchedule,
    as_of: date,
) -> CareCoverage:
    """Count each household of `unit_id`'s subtree once, in the unit and in the child unit
    its path goes through. `last_visits`: each household's last confirmed visit before the
    end of `as_of` (within `schedule.visits_window(as_of)` suffices). Care levels are the
    households' current ones: levels are not kept as history."""
    children = list(dict.fromkeys(child_ids))
    total = _Tally()
    by_child = {child: _Tally() for child in children}
    for row in households:
        if unit_id not in row.org_unit_path:
            continue
        kept = schedule.on_schedule(
            row.care_level,
            last_visit_at=last_visits.get(row.household_id),
            care_since=row.care_since,
            as_of=as_of,
        )
        total.add(row.care_level, kept)
        below = row.org_unit_path[row.org_unit_path.index(unit_id) + 1 :]
        if below:
            by_child.setdefault(below[0], _Tally()).add(row.care_level, kept)
            if below[0] not in children:
                children.append(below[0])
    return CareCoverage(
        as_of=as_of,
        unit=total.coverage(unit_id),
        children=tuple(by_child[child].coverage(child) for child in children),
    )
