"""Attackers try to learn where residents are from cases' points: anonymously, as a resident of
another community, straight on the cases port, from the public board, and by asking for a
search so large it would read a city."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

from grassroots_kit import geo
from grassroots_kit.geo import GeoPoint

from tests.abuse._attacker import Attacker
from tests.abuse._cases import NORTH_GATE, ZHAO_MIN, report, unit_id

LIN_XIU = "13900000114"  # resident of Wangfu Road Building 1: another community
# Taohuajing's north gate, Wangcheng (WGS-84), moved a little per test so points are unique.
GATE = GeoPoint(lat=28.3612, lng=112.8190)

NEAR = """query($f: CaseFilter) { cases(filter: $f, first: 100) {
  totalCount edges { node { id location { lat lng } } } } }"""


async def _placed_case(attacker: Attacker) -> tuple[dict[str, str], GeoPoint]:
    victim = attacker.token(ZHAO_MIN)
    spot = geo.destination(GATE, uuid.uuid4().int % 360, uuid.uuid4().int % 50)
    reported = await report(
        attacker,
        victim,
        title="Loose paving stone by my door",
        category="INFRASTRUCTURE",
        orgUnitId=await unit_id(attacker, victim, NORTH_GATE),
        location={"lat": spot.lat, "lng": spot.lng, "accuracyMeters": 4.0},
    )
    return reported["case"], spot


def _near(spot: GeoPoint, radius: float = 200.0) -> dict[str, object]:
    return {"f": {"near": {"lat": spot.lat, "lng": spot.lng, "radiusMeters": radius}}}


def _carries(body: object, spot: GeoPoint) -> bool:
    text = json.dumps(body)
    return str(spot.lat) in text or str(spot.lng) in text


async def test_anonymous_caller_cannot_search_cases_near_a_point(attacker: Attacker):
    case, spot = await _placed_case(attacker)

    body = await attacker.graphql(NEAR, _near(spot))

    assert body["data"]["cases"] == {"totalCount": 0, "edges": []}
    assert case["id"] not in json.dumps(body)
    assert not _carries(body, spot)


async def test_resident_of_another_community_cannot_find_cases_or_points_near_a_home(
    attacker: Attacker,
):
    case, spot = await _placed_case(attacker)
    outsider = attacker.token(LIN_XIU)

    near = await attacker.graphql(NEAR, _near(spot), token=outsider)
    box = await attacker.graphql(
        NEAR,
        {
            "f": {
                "within": {
                    "south": spot.lat - 0.01,
                    "west": spot.lng - 0.01,
                    "north": spot.lat + 0.01,
                    "east": spot.lng + 0.01,
                }
            }
        },
        token=outsider,
    )

    for body in (near, box):
        assert "errors" not in body, body
        assert case["id"] not in json.dumps(body)
        assert not _carries(body, spot)


async def test_resident_of_another_community_cannot_read_a_point_through_entities_on_the_cases_port(
    attacker: Attacker,
):
    case, spot = await _placed_case(attacker)
    outsider = attacker.token(LIN_XIU)

    body = await attacker.graphql(
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { location { lat } } } }",
        {"r": [{"__typename": "Case", "id": case["id"]}]},
        token=outsider,
        url=attacker.subgraph_url("cases"),
    )

    assert body["data"]["_entities"] == [None]
    assert not _carries(body, spot)


async def test_the_public_board_never_carries_a_point(attacker: Attacker):
    _, spot = await _placed_case(attacker)
    victim = attacker.token(ZHAO_MIN)
    community = await unit_id(attacker, victim, "桃花井社区")
    now = datetime.now(UTC)
    # whole business months (Asia/Shanghai midnights) around now
    since = datetime(now.year, now.month, 1, tzinfo=UTC) - timedelta(hours=8)
    next_month = datetime(now.year + (now.month == 12), now.month % 12 + 1, 1, tzinfo=UTC)
    until = next_month + timedelta(days=40)
    until = datetime(until.year, until.month, 1, tzinfo=UTC) - timedelta(hours=8)

    body = await attacker.graphql(
        """query($u: ID!, $from: DateTime!, $to: DateTime!) { publicBoard(orgUnitId: $u,
          from: $from, to: $to) { cells { collected suppressed
          cell { id centre { lat lng accuracyMeters } bounds { south west north east } } } } }""",
        {"u": community, "from": since.isoformat(), "to": until.isoformat()},
    )

    assert "errors" not in body, body
    assert not _carries(body, spot)
    cells = body["data"]["publicBoard"]["cells"]
    assert cells, "the case's coarse cell is listed"
    for cell in cells:
        bounds = cell["cell"]["bounds"]
        assert bounds["north"] - bounds["south"] >= 0.05 - 1e-9  # coarse: some 5 km
        assert cell["cell"]["centre"]["accuracyMeters"] is None
        assert cell["collected"] is None or cell["collected"] >= 5


async def test_a_search_larger_than_a_town_or_a_city_map_is_refused(attacker: Attacker):
    staff = attacker.token("13800000011")  # Taohuajing's secretary: may list its cases
    huge = [
        _near(GATE, 20_001),
        _near(GATE, 1e12),
        {"f": {"within": {"south": 18.0, "west": 73.0, "north": 54.0, "east": 135.0}}},
        {"f": {"within": {"south": 28.0, "west": 112.0, "north": 28.5, "east": 114.5}}},
    ]

    for variables in huge:
        body = await attacker.graphql(NEAR, variables, token=staff)
        # refused before any case is read: no list comes back, only the typed error
        assert (body.get("data") or {}).get("cases") is None, body
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body
