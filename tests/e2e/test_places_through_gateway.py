"""Places through the gateway: a resident reports a case with a point, staff find it with
`near` and with a map box, and the point comes back as it was given."""

from __future__ import annotations

import uuid

from grassroots_kit import geo
from grassroots_kit.geo import GeoPoint

from tests.cases.e2e_area import make_area
from tests.support.stack import Stack

FIND = """query($f: CaseFilter) { cases(filter: $f, first: 50) {
  totalCount edges { node { number location { lat lng accuracyMeters } } } } }"""


async def test_a_case_reported_with_a_point_is_found_near_it_and_in_a_box(
    stack: Stack, stack_cleanup: None
):
    area = make_area(f"{stack.gateway.url}/graphql")
    # somewhere of our own, so other tests' cases never fall in the circle
    here = GeoPoint(lat=30.0 + uuid.uuid4().int % 1000 / 1000, lng=114.0)
    far = geo.destination(here, 90, 2_000)
    point = {"lat": here.lat, "lng": here.lng, "accuracyMeters": 10.0}
    mine = area.report("Manhole cover missing", location=point)
    other = area.report("Manhole cover missing too", location={"lat": far.lat, "lng": far.lng})

    near = area.act(
        "staff", FIND, {"f": {"near": {"lat": here.lat, "lng": here.lng, "radiusMeters": 500}}}
    )
    box = area.act(
        "staff",
        FIND,
        {
            "f": {
                "within": {
                    "south": here.lat - 0.001,
                    "west": here.lng - 0.001,
                    "north": here.lat + 0.001,
                    "east": here.lng + 0.001,
                }
            }
        },
    )

    for found in (near, box):
        nodes = [e["node"] for e in found["cases"]["edges"]]
        assert [n["number"] for n in nodes] == [mine["number"]]
        assert nodes[0]["location"] == point
    assert other["number"] not in str(near)
