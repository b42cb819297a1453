"""Lists of cases as the use cases ask for them: which cases (a filter), in which order, and
the position of a case in that order (its keyset). Plain data; the store turns a filter into a
query (`adapters.case_queries.filter_query`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum
from typing import Any

from grassroots_kit import geo

from grassroots_cases.domain.model import Case
from grassroots_cases.domain.vocabulary import Category, Level, Priority, Status

# A "near me" search covers a town, not a province; a map view a city. Larger asks are
# refused (BAD_USER_INPUT): they would read a district's cases for a list nobody scrolls.
MAX_NEAR_RADIUS_M = 20_000.0
MAX_BOX_SPAN_DEG = 2.0


def near(lat: float, lng: float, radius_m: float) -> geo.Circle:
    """The circle of a `near` filter, validated and capped."""
    return geo.circle(lat, lng, radius_m, max_radius_m=MAX_NEAR_RADIUS_M)


def box(south: float, west: float, north: float, east: float) -> geo.BoundingBox:
    """The box of a map-view filter, validated and capped."""
    return geo.bounding_box(south, west, north, east, max_span_deg=MAX_BOX_SPAN_DEG)


class CaseSort(StrEnum):
    CREATED = "CREATED"  # newest first
    DUE = "DUE"  # soonest deadline first
    UPDATED = "UPDATED"  # most recently changed first


@dataclass(frozen=True)
class CaseFilter:
    statuses: Sequence[Status] = ()
    categories: Sequence[Category] = ()
    priorities: Sequence[Priority] = ()
    levels: Sequence[Level] = ()
    within: str | None = None  # org unit subtree
    assignee_id: str | None = None
    organization_id: str | None = None
    reporter_id: str | None = None
    overdue: bool | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    # `domain.search.query_terms` of a search text: a case matches holding every one
    terms: Sequence[str] = ()
    near: geo.Circle | None = None  # placed within this circle
    area: geo.BoundingBox | None = None  # placed within this box (a map view)

    def matches_place(self, case: Case) -> bool:
        """The place conditions alone (a case with no point matches none), as the store's
        query applies them; the in-memory fakes use it."""
        if self.near is None and self.area is None:
            return True
        at = case.location
        if at is None:
            return False
        in_circle = self.near is None or self.near.contains(at)
        return in_circle and (self.area is None or self.area.contains(at))

    def only_within(self) -> bool:
        """Whether the filter says nothing but the subtree (`within`)."""
        return not any(
            getattr(self, f.name) not in (None, (), []) for f in fields(self) if f.name != "within"
        )


def sort_key(case: Case, sort: CaseSort) -> list[Any]:
    value = {
        CaseSort.CREATED: case.created_at,
        CaseSort.DUE: case.due_at,
        CaseSort.UPDATED: case.updated_at,
    }[sort]
    return [value.isoformat(), case.id]
