"""Deadlines: hours by priority (DESIGN.md defaults), overridable per category."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from grassroots_kit.errors import BadUserInput

from grassroots_cases.domain.vocabulary import Category, Priority

DEFAULT_HOURS: dict[Priority, int] = {
    Priority.URGENT: 4,
    Priority.HIGH: 24,
    Priority.NORMAL: 72,
    Priority.LOW: 7 * 24,
}
MAX_HOURS = 90 * 24


@dataclass(frozen=True)
class CategoryOverride:
    """Hours for a category; for one priority of it, or for all when `priority` is None."""

    category: Category
    hours: int
    priority: Priority | None = None


@dataclass(frozen=True)
class SlaPolicy:
    priority_hours: dict[Priority, int] = field(default_factory=lambda: dict(DEFAULT_HOURS))
    overrides: tuple[CategoryOverride, ...] = ()

    def hours(self, priority: Priority, category: Category) -> int:
        exact = [o for o in self.overrides if o.category is category and o.priority is priority]
        general = [o for o in self.overrides if o.category is category and o.priority is None]
        for found in (exact, general):
            if found:
                return found[0].hours
        return self.priority_hours.get(priority, DEFAULT_HOURS[priority])

    def due_at(self, priority: Priority, category: Category, since: datetime) -> datetime:
        return since + timedelta(hours=self.hours(priority, category))


def policy(priority_hours: dict[Priority, int], overrides: list[CategoryOverride]) -> SlaPolicy:
    """A policy from an administrator's input, or BadUserInput naming what is wrong."""
    for hours in [*priority_hours.values(), *(o.hours for o in overrides)]:
        if not 1 <= hours <= MAX_HOURS:
            raise BadUserInput(f"hours must be between 1 and {MAX_HOURS}", field="hours")
    keys = [(o.category, o.priority) for o in overrides]
    if len(keys) != len(set(keys)):
        raise BadUserInput(
            "each category (and priority) may be overridden once", field="categories"
        )
    return SlaPolicy({**DEFAULT_HOURS, **priority_hours}, tuple(overrides))
