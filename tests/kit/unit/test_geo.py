"""The kit's place maths: points, distances, circles, boxes, grid cells and GCJ-02."""

from __future__ import annotations

import math

import pytest
from grassroots_kit import geo
from grassroots_kit.errors import BadUserInput
from grassroots_kit.geo import GeoPoint
from hypothesis import given, settings
from hypothesis import strategies as st

LUKOU = GeoPoint(lat=27.5897, lng=113.1432)  # Lukou town, Zhuzhou (WGS-84)
HARBIN_ROAD = GeoPoint(lat=36.0869, lng=120.3640)  # Harbin Road, Shibei, Qingdao


def test_geojson_is_longitude_first():
    assert LUKOU.to_geojson() == {"type": "Point", "coordinates": [113.1432, 27.5897]}
    assert GeoPoint.from_geojson(LUKOU.to_geojson(), 12.0) == GeoPoint(27.5897, 113.1432, 12.0)


@pytest.mark.parametrize(
    ("lat", "lng", "accuracy", "field"),
    [
        (90.0001, 0.0, None, "lat"),
        (-91.0, 0.0, None, "lat"),
        (0.0, 180.5, None, "lng"),
        (math.nan, 0.0, None, "lat"),
        (0.0, math.inf, None, "lng"),
        (0.0, 0.0, -1.0, "accuracyMeters"),
        (0.0, 0.0, 10_001.0, "accuracyMeters"),
    ],
)
def test_out_of_range_points_are_refused_naming_the_field(lat, lng, accuracy, field):
    with pytest.raises(BadUserInput) as refused:
        GeoPoint(lat=lat, lng=lng, accuracy_m=accuracy)
    assert refused.value.extensions["field"] == field


def test_distance_of_known_cities():
    # One degree along a meridian is R * pi / 180 on MongoDB's sphere.
    a, b = GeoPoint(lat=30.0, lng=112.0), GeoPoint(lat=31.0, lng=112.0)
    assert geo.distance_m(a, b) == pytest.approx(111_318.85, abs=0.01)
    # Changsha to Qingdao: about 1,119 km.
    changsha = GeoPoint(lat=28.2282, lng=112.9388)
    qingdao = GeoPoint(lat=36.0671, lng=120.3826)
    assert 1_110_000 < geo.distance_m(changsha, qingdao) < 1_125_000
    assert geo.distance_m(LUKOU, LUKOU) == 0.0


@pytest.mark.parametrize("bearing", [0.0, 45.0, 90.0, 180.0, 270.0, 333.0])
@pytest.mark.parametrize("radius", [50.0, 500.0, 5_000.0])
def test_points_one_metre_either_side_of_the_radius(bearing, radius):
    around = geo.circle(HARBIN_ROAD.lat, HARBIN_ROAD.lng, radius, max_radius_m=50_000)
    inside = geo.destination(HARBIN_ROAD, bearing, radius - 1)
    outside = geo.destination(HARBIN_ROAD, bearing, radius + 1)
    assert around.contains(inside)
    assert not around.contains(outside)
    assert geo.distance_m(HARBIN_ROAD, inside) == pytest.approx(radius - 1, abs=1e-6)


@pytest.mark.parametrize("radius", [0.0, -5.0, 50_001.0, math.nan])
def test_a_radius_beyond_the_cap_is_refused(radius):
    with pytest.raises(BadUserInput) as refused:
        geo.circle(0, 0, radius, max_radius_m=50_000)
    assert refused.value.extensions["field"] == "radiusMeters"


def test_boxes_are_validated_and_capped():
    box = geo.bounding_box(36.0, 120.3, 36.1, 120.4, max_span_deg=2)
    assert box.contains(HARBIN_ROAD)
    assert not box.contains(LUKOU)
    for corners in [(36.1, 120.3, 36.0, 120.4), (36.0, 120.4, 36.1, 120.3), (0, 0, 3, 1)]:
        with pytest.raises(BadUserInput):
            geo.bounding_box(*corners, max_span_deg=2)


def _great_circle_lat(a_lng: float, b_lng: float, lat: float, lng: float) -> float:
    """Latitude at `lng` of the great circle through (a_lng, lat) and (b_lng, lat)."""
    mid, half = math.radians(a_lng + b_lng) / 2, math.radians(b_lng - a_lng) / 2
    slope = math.tan(math.radians(lat)) / math.cos(half)
    return math.degrees(math.atan(slope * math.cos(math.radians(lng) - mid)))


@settings(max_examples=300, deadline=None)
@given(
    south=st.floats(-60, 58),
    west=st.floats(-170, 168),
    height=st.floats(0.0001, 2),
    width=st.floats(0.0001, 2),
    fx=st.floats(0, 1),
)
def test_the_covering_polygon_holds_both_parallel_edges(south, west, height, width, fx):
    """The polygon's edges are great circles that bend poleward; every point on the box's own
    south and north edges still lies between them."""
    box = geo.BoundingBox(south, west, south + height, west + width)
    ring = box.covering_polygon()["coordinates"][0]
    lng = west + fx * width
    poly_south = _great_circle_lat(ring[0][0], ring[1][0], ring[0][1], lng)
    poly_north = _great_circle_lat(ring[3][0], ring[2][0], ring[2][1], lng)
    assert poly_south <= box.south
    assert poly_north >= box.north


def test_cells_hold_their_points_and_parse_back():
    size = geo.cell_size_micro(7)
    cell = geo.cell_of(HARBIN_ROAD, size)
    assert cell.bounds.contains(HARBIN_ROAD)
    assert geo.Cell.parse(cell.id) == cell
    assert geo.distance_m(cell.centre, HARBIN_ROAD) < 1_000
    with pytest.raises(BadUserInput):
        geo.cell_size_micro(11)
    with pytest.raises(BadUserInput):
        geo.Cell.parse("7:1:2")


def test_the_last_row_and_column_take_the_world_edges():
    size = geo.cell_size_micro(1)
    assert geo.cell_of(GeoPoint(90.0, 180.0), size) == geo.Cell(size, 179, 359)
    assert geo.cell_of(GeoPoint(-90.0, -180.0), size) == geo.Cell(size, 0, 0)


@settings(max_examples=300, deadline=None)
@given(lat=st.floats(-89.9, 89.9), lng=st.floats(-179.9, 179.9), precision=st.integers(1, 10))
def test_every_point_is_in_its_cell(lat, lng, precision):
    point = GeoPoint(lat, lng)
    binned = GeoPoint(geo.micro_degrees(lat) / geo.MICRO, geo.micro_degrees(lng) / geo.MICRO)
    cell = geo.cell_of(point, geo.cell_size_micro(precision))
    assert cell.bounds.contains(binned)


# GCJ-02 -------------------------------------------------------------------------------------


def test_gcj02_shifts_points_in_china_by_hundreds_of_metres():
    shifted = geo.wgs84_to_gcj02(HARBIN_ROAD)
    assert 100 < geo.distance_m(HARBIN_ROAD, shifted) < 1_000


def test_outside_china_there_is_no_offset():
    tokyo = GeoPoint(lat=35.6762, lng=139.6503)
    paris = GeoPoint(lat=48.8566, lng=2.3522)
    for point in (tokyo, paris):
        assert geo.wgs84_to_gcj02(point) == point
        assert geo.gcj02_to_wgs84(point) == point


def test_accuracy_survives_the_conversion():
    assert geo.gcj02_to_wgs84(GeoPoint(36.0, 120.0, 15.0)).accuracy_m == 15.0


@settings(max_examples=500, deadline=None)
@given(lat=st.floats(18.0, 53.5), lng=st.floats(73.5, 134.8))
def test_gcj02_round_trips_within_a_metre_over_china(lat, lng):
    wgs = GeoPoint(lat, lng)
    back = geo.gcj02_to_wgs84(geo.wgs84_to_gcj02(wgs))
    assert geo.distance_m(wgs, back) < 1.0
