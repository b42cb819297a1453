"""Places on the Earth: WGS-84 points, distances, circles, boxes and map-grid cells.

Every service that places something (cases, visits, activities) stores a GeoJSON point in
WGS-84 with a 2dsphere index and asks the same questions of it, so the maths is written once,
here, pure (no I/O): validation with typed errors, GeoJSON's `[lng, lat]` order, great-circle
distance, a circle and a box as MongoDB can index them, and a fixed-degree grid for map
clustering. Chinese map SDKs draw in GCJ-02; `gcj02_to_wgs84` and `wgs84_to_gcj02` convert
(docs/places.md says why the graph stays WGS-84).

Distances use a sphere of `EARTH_RADIUS_M`, the radius MongoDB's spherical queries assume, so a
point this module puts at `radius - 1 m` is inside the `$centerSphere` the store runs and one at
`radius + 1 m` outside.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg

# MongoDB converts radians to metres with this radius (its docs: 6378.1 km); using the same one
# keeps the circle we describe and the circle it searches identical.
EARTH_RADIUS_M = 6_378_100.0
# A phone's fix is rarely worse than a few kilometres; more than this is not a place.
MAX_ACCURACY_M = 10_000.0


@dataclass(frozen=True)
class GeoPoint:
    """A WGS-84 position in degrees, with how far (metres) the true place may be from it."""

    lat: float
    lng: float
    accuracy_m: float | None = None

    def __post_init__(self) -> None:
        for name, value, limit in (("lat", self.lat, 90.0), ("lng", self.lng, 180.0)):
            if not math.isfinite(value) or not -limit <= value <= limit:
                raise BadUserInput(
                    msg(
                        "{name} must be between -{limit} and {limit} degrees",
                        name=name,
                        limit=limit,
                    ),
                    field=name,
                )
        if self.accuracy_m is not None and (
            not math.isfinite(self.accuracy_m) or not 0 <= self.accuracy_m <= MAX_ACCURACY_M
        ):
            raise BadUserInput(
                msg(
                    "accuracyMeters must be between 0 and {limit}",
                    limit=int(MAX_ACCURACY_M),
                ),
                field="accuracyMeters",
            )

    def to_geojson(self) -> dict[str, Any]:
        """A GeoJSON Point: coordinates are `[lng, lat]`, longitude first."""
        return {"type": "Point", "coordinates": [self.lng, self.lat]}

    @classmethod
    def from_geojson(cls, doc: dict[str, Any], accuracy_m: float | None = None) -> GeoPoint:
        if doc.get("type") != "Point":
            raise ValueError(f"not a GeoJSON Point: {doc.get('type')!r}")
        lng, lat = doc["coordinates"][:2]
        return cls(lat=float(lat), lng=float(lng), accuracy_m=accuracy_m)


def central_angle(a: GeoPoint, b: GeoPoint) -> float:
    """The angle (radians) between two points seen from the Earth's centre (haversine)."""
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi = phi2 - phi1
    dlmb = math.radians(b.lng - a.lng)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * math.asin(min(1.0, math.sqrt(h)))


def distance_m(a: GeoPoint, b: GeoPoint) -> float:
    """Great-circle distance in metres."""
    return central_angle(a, b) * EARTH_RADIUS_M


def destination(start: GeoPoint, bearing_deg: float, metres: float) -> GeoPoint:
    """The point `metres` away from `start` along the initial bearing (0 north, 90 east)."""
    delta = metres / EARTH_RADIUS_M
    theta = math.radians(bearing_deg)
    phi1, lmb1 = math.radians(start.lat), math.radians(start.lng)
    phi2 = math.asin(
        math.sin(phi1) * math.cos(delta) + math.cos(phi1) * math.sin(delta) * math.cos(theta)
    )
    lmb2 = lmb1 + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi1),
        math.cos(delta) - math.sin(phi1) * math.sin(phi2),
    )
    lng = (math.degrees(lmb2) + 540.0) % 360.0 - 180.0
    return GeoPoint(lat=math.degrees(phi2), lng=lng)


@dataclass(frozen=True)
class Circle:
    """Everything within `radius_m` of `centre` (on the sphere)."""

    centre: GeoPoint
    radius_m: float

    def contains(self, point: GeoPoint) -> bool:
        return distance_m(self.centre, point) <= self.radius_m

    @property
    def radians(self) -> float:
        """The radius as an angle, as `$centerSphere` takes it."""
        return self.radius_m / EARTH_RADIUS_M


def circle(lat: float, lng: float, radius_m: float, *, max_radius_m: float) -> Circle:
    """A validated circle: a real centre and 0 < radius <= `max_radius_m`, else BadUserInput."""
    centre = GeoPoint(lat=lat, lng=lng)
    if not math.isfinite(radius_m) or not 0 < radius_m <= max_radius_m:
        raise BadUserInput(
            msg(
                "radiusMeters must be more than 0 and at most {limit}",
                limit=int(max_radius_m),
            ),
            field="radiusMeters",
        )
    return Circle(centre, radius_m)


@dataclass(frozen=True)
class BoundingBox:
    """A box between two parallels and two meridians, as a map view shows it (no wrap at 180°)."""

    south: float
    west: float
    north: float
    east: float

    def contains(self, point: GeoPoint) -> bool:
        return self.south <= point.lat <= self.north and self.west <= point.lng <= self.east

    @property
    def centre(self) -> GeoPoint:
        return GeoPoint(lat=(self.south + self.north) / 2, lng=(self.west + self.east) / 2)

    def covering_polygon(self) -> dict[str, Any]:
        """A GeoJSON polygon that holds the whole box, for a 2dsphere index to narrow by.

        A polygon's edges are great circles, and a great circle between two corners on the
        same parallel bends towards the pole: the box's own corners would cut off a sliver along
        its equator-side edge. Pushing both parallels out by the largest such bend keeps every
        point of the box inside; the store then checks the exact box (`$box`) on what is left.
        """
        # The bend is largest for an edge at 45 degrees; padding by that bounds every edge.
        half_span = math.radians(self.east - self.west) / 2
        bend = math.degrees(math.atan(1 / math.cos(half_span)) - math.pi / 4)
        pad = bend + 1e-6
        s, n = max(-90.0, self.south - pad), min(90.0, self.north + pad)
        w, e = self.west, self.east
        return {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}


def bounding_box(
    south: float, west: float, north: float, east: float, *, max_span_deg: float
) -> BoundingBox:
    """A validated box: real corners, south <= north, west <= east (no antimeridian wrap), and
    neither side longer than `max_span_deg` degrees; else BadUserInput."""
    GeoPoint(lat=south, lng=west)
    GeoPoint(lat=north, lng=east)
    if south > north or west > east:
        raise BadUserInput(
            msg("a box needs south <= north and west <= east (it may not cross 180°)"),
            field="within",
        )
    if north - south > max_span_deg or east - west > max_span_deg:
        raise BadUserInput(
            msg("a box may span at most {limit} degrees each way", limit=max_span_deg),
            field="within",
        )
    return BoundingBox(south=south, west=west, north=north, east=east)


# ---------------------------------------------------------------------------------------------
# Map grid: fixed-degree cells, one size per precision. Sizes are whole micro-degrees so a cell
# id is exact and a point's cell is the same in Python and in a MongoDB aggregation.
MICRO = 1_000_000
CELL_SIZES_MICRO: tuple[int, ...] = (
    1_000_000,  # 1   ~ 111 km: a province's cities
    500_000,  # 2
    200_000,  # 3   ~ 22 km: a city's districts
    100_000,  # 4
    50_000,  # 5   ~ 5.5 km: a district's streets
    20_000,  # 6
    10_000,  # 7   ~ 1.1 km: a street's communities
    5_000,  # 8
    2_000,  # 9   ~ 220 m: a community's grids
    1_000,  # 10  ~ 110 m
)
MIN_PRECISION, MAX_PRECISION = 1, len(CELL_SIZES_MICRO)


def cell_size_micro(precision: int) -> int:
    if not MIN_PRECISION <= precision <= MAX_PRECISION:
        raise BadUserInput(
            msg(
                "precision must be between {low} and {high}",
                low=MIN_PRECISION,
                high=MAX_PRECISION,
            ),
            field="precision",
        )
    return CELL_SIZES_MICRO[precision - 1]


@dataclass(frozen=True)
class Cell:
    """One square of the grid: `row` counts cells north of 90°S, `col` east of 180°W."""

    size_micro: int
    row: int
    col: int

    @property
    def id(self) -> str:
        return f"{self.size_micro}:{self.row}:{self.col}"

    @property
    def bounds(self) -> BoundingBox:
        # in whole micro-degrees first, so an edge is exactly the value a point is binned by
        south = self.row * self.size_micro - 90 * MICRO
        west = self.col * self.size_micro - 180 * MICRO
        north = min(90 * MICRO, south + self.size_micro)
        east = min(180 * MICRO, west + self.size_micro)
        return BoundingBox(
            south=south / MICRO, west=west / MICRO, north=north / MICRO, east=east / MICRO
        )

    @property
    def centre(self) -> GeoPoint:
        return self.bounds.centre

    @classmethod
    def parse(cls, cell_id: str) -> Cell:
        try:
            size, row, col = (int(part) for part in cell_id.split(":"))
        except ValueError as error:
            raise BadUserInput(msg("not a cell id: {cell}", cell=cell_id), field="cell") from error
        if size not in CELL_SIZES_MICRO:
            raise BadUserInput(msg("not a cell id: {cell}", cell=cell_id), field="cell")
        return cls(size, row, col)


def micro_degrees(degrees: float) -> int:
    """A coordinate in whole micro-degrees (about 0.1 m), the unit cells are binned in."""
    return round(degrees * MICRO)


def cell_of(point: GeoPoint, size_micro: int) -> Cell:
    """The cell of the grid with this size that holds `point`, binned by its coordinates in
    whole micro-degrees (a store's aggregation bins the same way); the north and east edges of
    the world fold into the last row and column."""
    rows = 180 * MICRO // size_micro
    cols = 360 * MICRO // size_micro
    row = min(rows - 1, (micro_degrees(point.lat) + 90 * MICRO) // size_micro)
    col = min(cols - 1, (micro_degrees(point.lng) + 180 * MICRO) // size_micro)
    return Cell(size_micro, row, col)


# ---------------------------------------------------------------------------------------------
# GCJ-02, the obfuscated datum mainland Chinese maps (AMap, Tencent, and Baidu before its own
# BD-09 step) are drawn in. The published forward transform: WGS-84 offsets on the Krasovsky
# ellipsoid, applied only inside mainland China's rough rectangle. It has no closed-form inverse,
# so `gcj02_to_wgs84` iterates the forward transform to a fixed point.
_KRASOVSKY_A = 6378245.0
_KRASOVSKY_EE = 0.00669342162296594323
_CHINA = BoundingBox(south=0.8293, west=72.004, north=55.8271, east=137.8347)


def in_china(lat: float, lng: float) -> bool:
    """Inside the rectangle where GCJ-02 differs from WGS-84 (outside, the two are equal)."""
    return _CHINA.south <= lat <= _CHINA.north and _CHINA.west <= lng <= _CHINA.east


def _offset_lat(x: float, y: float) -> float:
    out = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    out += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    out += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    out += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return out


def _offset_lng(x: float, y: float) -> float:
    out = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    out += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    out += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    out += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return out


def _forward(lat: float, lng: float) -> tuple[float, float]:
    x, y = lng - 105.0, lat - 35.0
    dlat, dlng = _offset_lat(x, y), _offset_lng(x, y)
    rad = math.radians(lat)
    magic = 1 - _KRASOVSKY_EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_KRASOVSKY_A * (1 - _KRASOVSKY_EE)) / (magic * sqrt_magic) * math.pi)
    dlng = (dlng * 180.0) / (_KRASOVSKY_A / sqrt_magic * math.cos(rad) * math.pi)
    return lat + dlat, lng + dlng


def wgs84_to_gcj02(point: GeoPoint) -> GeoPoint:
    """Where a GCJ-02 map draws the WGS-84 `point` (unchanged outside China)."""
    if not in_china(point.lat, point.lng):
        return point
    lat, lng = _forward(point.lat, point.lng)
    return GeoPoint(lat=lat, lng=lng, accuracy_m=point.accuracy_m)


# The offset varies slowly (a few hundred metres over the country), so each step of the fixed
# point iteration gains several digits; 1e-9 degrees is about 0.1 mm.
_INVERSE_TOLERANCE_DEG = 1e-9
_INVERSE_MAX_STEPS = 30


def gcj02_to_wgs84(point: GeoPoint) -> GeoPoint:
    """The WGS-84 point a GCJ-02 map shows at `point` (unchanged outside China)."""
    if not in_china(point.lat, point.lng):
        return point
    lat, lng = point.lat, point.lng
    for _ in range(_INVERSE_MAX_STEPS):
        if not in_china(lat, lng):
            break
        fwd_lat, fwd_lng = _forward(lat, lng)
        err_lat, err_lng = fwd_lat - point.lat, fwd_lng - point.lng
        lat, lng = lat - err_lat, lng - err_lng
        if abs(err_lat) < _INVERSE_TOLERANCE_DEG and abs(err_lng) < _INVERSE_TOLERANCE_DEG:
            break
    return GeoPoint(lat=lat, lng=lng, accuracy_m=point.accuracy_m)
