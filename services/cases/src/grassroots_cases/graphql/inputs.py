"""Inputs shared by the queries and the contributed list fields."""

from __future__ import annotations

from datetime import datetime

import strawberry

from grassroots_cases.domain import listing
from grassroots_cases.domain.listing import CaseFilter as DomainFilter
from grassroots_cases.domain.search import query_terms
from grassroots_cases.graphql.enums import CaseCategory, CaseLevel, CasePriority, CaseStatus


@strawberry.input(description="Within a distance of a point (WGS-84).")
class NearInput:
    lat: float = strawberry.field(description="Latitude of the centre.")
    lng: float = strawberry.field(description="Longitude of the centre.")
    radius_meters: float = strawberry.field(
        description=f"Up to {int(listing.MAX_NEAR_RADIUS_M)} metres."
    )


@strawberry.input(description="A map view: between two parallels and two meridians (WGS-84).")
class BoxInput:
    south: float = strawberry.field(description="Southern edge (latitude).")
    west: float = strawberry.field(description="Western edge (longitude).")
    north: float = strawberry.field(description="Northern edge (latitude).")
    east: float = strawberry.field(
        description=f"Eastern edge (longitude); at most {listing.MAX_BOX_SPAN_DEG:g} degrees "
        "from the western one, and not across 180°."
    )


@strawberry.input(description="Narrows a list of cases; all given conditions apply.")
class CaseFilter:
    status: list[CaseStatus] | None = strawberry.field(default=None, description="Any of these.")
    category: list[CaseCategory] | None = strawberry.field(
        default=None, description="Any of these categories."
    )
    priority: list[CasePriority] | None = strawberry.field(
        default=None, description="Any of these priorities."
    )
    level: list[CaseLevel] | None = strawberry.field(
        default=None, description="At any of these rungs."
    )
    org_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Raised in this org unit's subtree (the unit included)."
    )
    assignee_id: strawberry.ID | None = strawberry.field(
        default=None, description="Assigned to this person."
    )
    organization_id: strawberry.ID | None = strawberry.field(
        default=None, description="Dispatched to or taken by this organization."
    )
    reporter_id: strawberry.ID | None = strawberry.field(
        default=None, description="Reported by this person."
    )
    overdue: bool | None = strawberry.field(
        default=None, description="Open and past their deadline (true) or not (false)."
    )
    created_from: datetime | None = strawberry.field(
        default=None, description="Reported at or after this time."
    )
    created_to: datetime | None = strawberry.field(
        default=None, description="Reported before this time."
    )
    text: str | None = strawberry.field(
        default=None,
        description="Whose title or description holds every word of this text: Latin words "
        "whole (case-insensitive), Chinese as overlapping pairs of characters (`下水道`: 下水 "
        "and 水道; one character alone matches it anywhere); Chinese digits match Arabic ones. "
        "At most 100 characters.",
    )

    near: NearInput | None = strawberry.field(
        default=None,
        description="Placed within this distance of a point; cases without a point never match.",
    )
    within: BoxInput | None = strawberry.field(
        default=None,
        description="Placed within this box (a map view); cases without a point never match.",
    )

    def to_domain(self) -> DomainFilter:
        return DomainFilter(
            statuses=tuple(self.status or ()),
            categories=tuple(self.category or ()),
            priorities=tuple(self.priority or ()),
            levels=tuple(self.level or ()),
            within=str(self.org_unit_id) if self.org_unit_id else None,
            assignee_id=str(self.assignee_id) if self.assignee_id else None,
            organization_id=str(self.organization_id) if self.organization_id else None,
            reporter_id=str(self.reporter_id) if self.reporter_id else None,
            overdue=self.overdue,
            created_from=self.created_from,
            created_to=self.created_to,
            terms=query_terms(self.text) if self.text is not None else (),
            near=(
                listing.near(self.near.lat, self.near.lng, self.near.radius_meters)
                if self.near
                else None
            ),
            area=(
                listing.box(
                    self.within.south, self.within.west, self.within.north, self.within.east
                )
                if self.within
                else None
            ),
        )
