"""Cases on the map against a real mongod: the 2dsphere-indexed point, `near` and the box
return exactly the cases inside (points 1 m either side of the edge), paging still works, cells
count, the public board shows coarse cells only, and who may see a point."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from grassroots_kit import geo
from grassroots_kit.geo import GeoPoint

from tests.cases.integration.conftest import Cases, error_code

CENTRE = GeoPoint(lat=36.0869, lng=120.3640)  # Harbin Road, Shibei, Qingdao
RADIUS = 500.0

LIST = """query($filter: CaseFilter, $first: Int, $after: String) {
  cases(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { number location { lat lng accuracyMeters } } } } }"""


def _point(p: GeoPoint, accuracy: float | None = None) -> dict[str, Any]:
    return {"lat": p.lat, "lng": p.lng, "accuracyMeters": accuracy}


async def _report_ring(cases: Cases) -> tuple[set[str], set[str]]:
    """Cases 1 m inside and 1 m outside the circle, on several bearings; and one unplaced."""
    inside, outside = set(), set()
    for i, bearing in enumerate((0.0, 75.0, 150.0, 225.0, 300.0)):
        for delta, bucket in ((-1.0, inside), (1.0, outside)):
            point = geo.destination(CENTRE, bearing, RADIUS + delta)
            case = await cases.report(
                title=f"Street lamp {i} {delta:+.0f}", location=_point(point, 5.0)
            )
            bucket.add(case["number"])
    await cases.report(title="Somewhere in the building")
    return inside, outside


async def _numbers(cases: Cases, who: str, filter: dict[str, Any], first: int = 50) -> set[str]:
    found: set[str] = set()
    after = None
    while True:
        body = await cases.gql(who, LIST, {"filter": filter, "first": first, "after": after})
        assert "errors" not in body, body
        page = body["data"]["cases"]
        found |= {e["node"]["number"] for e in page["edges"]}
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


async def test_the_location_is_stored_as_a_geojson_point_under_a_2dsphere_index(cases: Cases):
    case = await cases.report(location=_point(CENTRE, 12.5))

    doc = await cases.db["cases"].find_one({"number": case["number"]})
    assert doc["location"] == {"type": "Point", "coordinates": [CENTRE.lng, CENTRE.lat]}
    assert doc["locationAccuracy"] == 12.5
    indexes = [i["key"] async for i in await cases.db["cases"].list_indexes()]
    assert {"location": "2dsphere"} in [dict(k) for k in indexes]


async def test_near_returns_exactly_the_cases_inside_the_circle(cases: Cases):
    inside, _ = await _report_ring(cases)
    near = {"lat": CENTRE.lat, "lng": CENTRE.lng, "radiusMeters": RADIUS}

    assert await _numbers(cases, "cstaff", {"near": near}) == inside


async def test_near_pages_in_the_normal_order_with_other_filters(cases: Cases):
    inside, _ = await _report_ring(cases)
    near = {"lat": CENTRE.lat, "lng": CENTRE.lng, "radiusMeters": RADIUS}

    assert await _numbers(cases, "cstaff", {"near": near}, first=2) == inside
    narrowed = {"near": near, "text": "lamp 3", "orgUnitId": "c1"}
    assert await _numbers(cases, "cstaff", narrowed) == {
        n for n in inside if n in await _numbers(cases, "cstaff", {"text": "lamp 3"})
    }


async def test_the_box_returns_exactly_the_cases_inside_it(cases: Cases):
    north = geo.destination(CENTRE, 0, 300)
    east = geo.destination(CENTRE, 90, 300)
    box = {"south": CENTRE.lat, "west": CENTRE.lng, "north": north.lat, "east": east.lng}
    just = 1e-5  # about a metre
    spots = {
        "in-middle": GeoPoint((CENTRE.lat + north.lat) / 2, (CENTRE.lng + east.lng) / 2),
        "in-south-edge": GeoPoint(CENTRE.lat + just, (CENTRE.lng + east.lng) / 2),
        "in-north-east": GeoPoint(north.lat - just, east.lng - just),
        "out-south": GeoPoint(CENTRE.lat - just, (CENTRE.lng + east.lng) / 2),
        "out-east": GeoPoint(CENTRE.lat + 0.001, east.lng + just),
        "out-north": GeoPoint(north.lat + just, CENTRE.lng + 0.001),
    }
    numbers = {}
    for name, point in spots.items():
        numbers[name] = (await cases.report(title=f"Pothole {name}", location=_point(point)))[
            "number"
        ]

    found = await _numbers(cases, "cstaff", {"within": box})

    assert found == {numbers[n] for n in spots if n.startswith("in-")}


async def test_bad_or_huge_places_are_refused_with_typed_errors(cases: Cases):
    for filter in (
        {"near": {"lat": 36.0, "lng": 120.0, "radiusMeters": 20_001}},
        {"near": {"lat": 91.0, "lng": 120.0, "radiusMeters": 10}},
        {"within": {"south": 30.0, "west": 110.0, "north": 36.0, "east": 111.0}},
        {"within": {"south": 36.0, "west": 121.0, "north": 36.5, "east": 120.0}},
    ):
        assert error_code(await cases.gql("cstaff", LIST, {"filter": filter})) == "BAD_USER_INPUT"
    bad = {"title": "x", "category": "OTHER", "orgUnitId": "b1", "location": {"lat": 0, "lng": 200}}
    body = await cases.gql(
        "res-1",
        "mutation($i: ReportCaseInput!) { reportCase(input: $i) { case { id } } }",
        {"i": bad},
    )
    assert error_code(body) == "BAD_USER_INPUT"
    assert await cases.db["cases"].count_documents({}) == 0


async def test_a_neighbour_never_gets_the_point_or_the_case(cases: Cases):
    await cases.report("res-1", location=_point(CENTRE))
    near = {"lat": CENTRE.lat, "lng": CENTRE.lng, "radiusMeters": 100}

    assert await _numbers(cases, "res-2", {"near": near}) == set()
    own = await cases.gql("res-1", LIST, {"filter": {"near": near}})
    assert own["data"]["cases"]["edges"][0]["node"]["location"]["lat"] == CENTRE.lat


CELLS = """query($unit: ID!, $p: Int!, $from: DateTime!, $to: DateTime!) {
  caseCells(orgUnitId: $unit, precision: $p, from: $from, to: $to) {
    count cell { id centre { lat lng } bounds { south west north east } } } }"""


async def test_cells_count_placed_cases_for_the_staff_of_the_area(cases: Cases):
    for i in range(3):
        await cases.report(title=f"Lamp {i}", location=_point(geo.destination(CENTRE, 45, 5 * i)))
    far = geo.destination(CENTRE, 180, 5_000)
    await cases.report(title="Far lamp", location=_point(far))
    now = datetime.now(UTC)
    period = {
        "from": (now - timedelta(days=30)).isoformat(),
        "to": (now + timedelta(days=30)).isoformat(),
    }

    body = await cases.gql("cstaff", CELLS, {"unit": "c1", "p": 7, **period})

    cells = body["data"]["caseCells"]
    assert sorted(c["count"] for c in cells) == [1, 3]
    home = geo.cell_of(CENTRE, geo.cell_size_micro(7))
    assert {"id": home.id, "count": 3} in [
        {"id": c["cell"]["id"], "count": c["count"]} for c in cells
    ]
    denied = await cases.gql("res-1", CELLS, {"unit": "c1", "p": 7, **period})
    assert error_code(denied) == "FORBIDDEN"


BOARD = """query($unit: ID!, $from: DateTime!, $to: DateTime!) {
  publicBoard(orgUnitId: $unit, from: $from, to: $to) {
    cells { collected suppressed cell { id centre { lat lng } } } } }"""


async def test_the_public_board_shows_coarse_cells_with_suppression(cases: Cases):
    for i in range(6):
        await cases.report(title=f"Lamp {i}", location=_point(geo.destination(CENTRE, 10, i)))
    now = datetime.now(UTC)
    start = datetime(now.year, now.month, 1, tzinfo=UTC)
    # a month of business time (Asia/Shanghai): midnight there is 16:00 UTC the day before
    since = start - timedelta(hours=8)
    month_after = datetime(now.year + (now.month == 12), now.month % 12 + 1, 1, tzinfo=UTC)
    until = month_after - timedelta(hours=8)
    if now >= until:
        since, until = (
            until,
            datetime(until.year + (until.month == 12), until.month % 12 + 1, 1, tzinfo=UTC)
            - timedelta(hours=8),
        )

    body = await cases.gql(
        None, BOARD, {"unit": "c1", "from": since.isoformat(), "to": until.isoformat()}
    )

    assert "errors" not in body, body
    (cell,) = body["data"]["publicBoard"]["cells"]
    assert cell["collected"] == 6
    assert cell["cell"]["id"].startswith("50000:")
    assert geo.distance_m(GeoPoint(**cell["cell"]["centre"]), CENTRE) > 10


async def test_duplicate_hints_weigh_distance_as_well_as_text(cases: Cases):
    title = "Sewage pipe broken at the back of the building"
    near_one = await cases.report(title=title, location=_point(geo.destination(CENTRE, 0, 80)))
    far_one = await cases.report(title=title, location=_point(geo.destination(CENTRE, 0, 3_000)))
    unplaced = await cases.report(title=title + " again")

    body = await cases.gql(
        "res-1",
        """mutation($input: ReportCaseInput!) { reportCase(input: $input) {
          possibleDuplicates { number } duplicateHints { number } } }""",
        {
            "input": {
                "title": title,
                "category": "SEWAGE_WATER",
                "orgUnitId": "b1",
                "location": _point(CENTRE, 10.0),
            }
        },
    )

    assert "errors" not in body, body
    numbers = [d["number"] for d in body["data"]["reportCase"]["possibleDuplicates"]]
    assert numbers == [near_one["number"], unplaced["number"]]
    assert far_one["number"] not in str(body)
