"""How a unit's activities are listed: the filter and the order a page continues in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from grassroots_participation.domain.activities import Activity, ActivityKind


@dataclass(frozen=True)
class ActivityQuery:
    within: str
    """An org unit: its activities and those of the units below it."""
    kinds: tuple[ActivityKind, ...] = ()
    occurs_from: datetime | None = None
    occurs_before: datetime | None = None
    """With both bounds: only activities with an occurrence starting in [from, before). Exact for
    a window of at most a week (a weekly activity occurs once in every week from its first to its
    last occurrence), e.g. the business week a `week` filter names."""
    held_at: frozenset[str] | None = None
    """Only activities held at these units (what a resident may list), None for any."""


class StaleActivity(Exception):
    """The activity or team changed since it was read (another writer's version is stored)."""


def activity_key(activity: Activity) -> tuple[str, str]:
    return (activity.starts_at.isoformat(), activity.id)


def occurs_within(activity: Activity, query: ActivityQuery) -> bool:
    """The same test the store runs, for the in-memory use."""
    if query.occurs_before is not None and activity.starts_at >= query.occurs_before:
        return False
    last = activity.last_starts_at
    return query.occurs_from is None or last is None or last >= query.occurs_from
