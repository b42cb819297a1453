"""Deadlines: hours by priority (DESIGN.md defaults), overridable per category.

A deadline is counted in calendar hours or in working days (`DeadlineUnit`); working days end at
the business closing time and skip China's statutory holidays (domain/working_days.py), so
"same day" is 0 working days and "3 working days" is 3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg

from grassroots_cases.domain.vocabulary import Category, Priority
from grassroots_cases.domain.working_days import WorkingTime

DEFAULT_HOURS: dict[Priority, int] = {
    Priority.URGENT: 4,
    Priority.HIGH: 24,
    Priority.NORMAL: 72,
    Priority.LOW: 7 * 24,
}
MAX_HOURS = 90 * 24
MAX_WORKING_DAYS = 60


class DeadlineUnit(StrEnum):
    HOURS = "HOURS"
    WORKING_DAYS = "WORKING_DAYS"


@dataclass(frozen=True)
class CategoryOverride:
    """A deadline for a category; for one priority of it, or for all when `priority` is None.

    `hours` is the count in `unit`: hours, or working days when the unit is WORKING_DAYS.
    """

    category: Category
    hours: int
    priority: Priority | None = None
    unit: DeadlineUnit = DeadlineUnit.HOURS


@dataclass(frozen=True)
class SlaPolicy:
    priority_hours: dict[Priority, int] = field(default_factory=lambda: dict(DEFAULT_HOURS))
    overrides: tuple[CategoryOverride, ...] = ()
    # Priorities whose `priority_hours` count working days; absent ones count hours.
    priority_units: dict[Priority, DeadlineUnit] = field(default_factory=dict)

    def unit(self, priority: Priority) -> DeadlineUnit:
        return self.priority_units.get(priority, DeadlineUnit.HOURS)

    def deadline(self, priority: Priority, category: Category) -> tuple[int, DeadlineUnit]:
        """The count and its unit for a case of this priority and category."""
        exact = [o for o in self.overrides if o.category is category and o.priority is priority]
        general = [o for o in self.overrides if o.category is category and o.priority is None]
        for found in (exact, general):
            if found:
                return found[0].hours, found[0].unit
        return self.priority_hours.get(priority, DEFAULT_HOURS[priority]), self.unit(priority)

    def hours(self, priority: Priority, category: Category) -> int:
        return self.deadline(priority, category)[0]

    def due_at(
        self, priority: Priority, category: Category, since: datetime, working: WorkingTime
    ) -> datetime:
        """The deadline from `since`; CalendarNotCovered when working days fall past the data."""
        count, unit = self.deadline(priority, category)
        if unit is DeadlineUnit.WORKING_DAYS:
            return working.end_of_working_days(since, count)
        return since + timedelta(hours=count)


def _check(count: int, unit: DeadlineUnit) -> None:
    if unit is DeadlineUnit.WORKING_DAYS:
        if not 0 <= count <= MAX_WORKING_DAYS:
            raise BadUserInput(
                msg(
                    "working days must be between 0 (the same day) and {max_days}",
                    max_days=MAX_WORKING_DAYS,
                ),
                field="hours",
            )
    elif not 1 <= count <= MAX_HOURS:
        raise BadUserInput(
            msg("hours must be between 1 and {max_hours}", max_hours=MAX_HOURS), field="hours"
        )


def policy(
    priority_hours: dict[Priority, int],
    overrides: list[CategoryOverride],
    priority_units: dict[Priority, DeadlineUnit] | None = None,
) -> SlaPolicy:
    """A policy from an administrator's input, or BadUserInput naming what is wrong."""
    units: dict[Priority, DeadlineUnit] = {
        p: u for p, u in (priority_units or {}).items() if u is DeadlineUnit.WORKING_DAYS
    }
    if set(units) - set(priority_hours):
        raise BadUserInput(msg("a unit is given only with its count"), field="priorities")
    for p, count in priority_hours.items():
        _check(count, units.get(p, DeadlineUnit.HOURS))
    for o in overrides:
        _check(o.hours, o.unit)
    keys = [(o.category, o.priority) for o in overrides]
    if len(keys) != len(set(keys)):
        raise BadUserInput(
            msg("each category (and priority) may be overridden once"), field="categories"
        )
    return SlaPolicy({**DEFAULT_HOURS, **priority_hours}, tuple(overrides), units)
