"""Places in the graph: one input and one output type for a WGS-84 point, shared by every
subgraph that places something (cases, visits, activities), so the supergraph has one of each.
The maths and validation are `grassroots_kit.geo`'s."""

from __future__ import annotations

import strawberry

from grassroots_kit import geo


@strawberry.input(
    description="A place in WGS-84 degrees (GPS; convert GCJ-02 map picks first: docs/places.md)."
)
class GeoPointInput:
    lat: float = strawberry.field(description="Latitude, -90 to 90.")
    lng: float = strawberry.field(description="Longitude, -180 to 180.")
    accuracy_meters: float | None = strawberry.field(
        default=None, description="How far the true place may be from the point, in metres."
    )

    def to_point(self) -> geo.GeoPoint:
        """The validated point, or BAD_USER_INPUT naming the field out of range."""
        return geo.GeoPoint(lat=self.lat, lng=self.lng, accuracy_m=self.accuracy_meters)


@strawberry.federation.type(shareable=True, description="A place in WGS-84 degrees.")
class GeoPoint:
    lat: float = strawberry.field(description="Latitude.")
    lng: float = strawberry.field(description="Longitude.")
    accuracy_meters: float | None = strawberry.field(
        description="How far the true place may be from the point, in metres; null if unknown."
    )

    @classmethod
    def from_point(cls, point: geo.GeoPoint) -> GeoPoint:
        return cls(lat=point.lat, lng=point.lng, accuracy_meters=point.accuracy_m)


def point_of(value: GeoPointInput | None) -> geo.GeoPoint | None:
    return value.to_point() if value is not None else None


def from_point(point: geo.GeoPoint | None) -> GeoPoint | None:
    return GeoPoint.from_point(point) if point is not None else None
