"""Cases on the map over the fakes: points stored, place filters, duplicates by distance, map
cells and the public board's coarse cells."""

from __future__ import annotations

from datetime import timedelta

import pytest
from grassroots_cases.domain import listing, places
from grassroots_cases.domain.duplicates import likely_duplicates
from grassroots_cases.domain.ids import CaseId
from grassroots_cases.domain.listing import CaseFilter, CaseSort
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.places import CellCount
from grassroots_cases.handlers.reading import case_cells, list_cases
from grassroots_cases.handlers.report_case import report_case
from grassroots_kit import geo
from grassroots_kit.errors import BadUserInput, Forbidden
from grassroots_kit.geo import GeoPoint

from tests.cases.unit import builders
from tests.cases.unit.fake_area import NOW, area, new_case, who

HARBIN_ROAD = GeoPoint(lat=36.0869, lng=120.3640, accuracy_m=8.0)


async def test_a_reported_point_is_stored_with_the_case():
    fakes = area()

    reported = await report_case(fakes.ports, who("res-1"), new_case(location=HARBIN_ROAD))

    assert fakes.state.cases[reported.case.id].location == HARBIN_ROAD


async def test_near_lists_exactly_the_cases_within_the_radius():
    fakes = area()
    radius = 400.0
    inside = [geo.destination(HARBIN_ROAD, b, radius - 1) for b in (0, 120, 240)]
    outside = [geo.destination(HARBIN_ROAD, b, radius + 1) for b in (60, 180)]
    expected = set()
    for i, point in enumerate([*inside, *outside]):
        case = (
            await report_case(fakes.ports, who("res-1"), new_case(f"Lamp {i} out", location=point))
        ).case
        if i < len(inside):
            expected.add(case.id)
    await report_case(fakes.ports, who("res-1"), new_case("No place given"))
    where = CaseFilter(near=listing.near(HARBIN_ROAD.lat, HARBIN_ROAD.lng, radius))

    page = await list_cases(fakes.ports, who("cstaff"), where, CaseSort.CREATED, 20, None)

    assert {c.id for c in page.items} == expected


def test_a_radius_or_box_beyond_the_caps_is_refused():
    with pytest.raises(BadUserInput):
        listing.near(36.0, 120.0, listing.MAX_NEAR_RADIUS_M + 1)
    with pytest.raises(BadUserInput):
        listing.box(30.0, 110.0, 33.0, 111.0)


def _case(title: str, at: GeoPoint | None, minutes: int = 0) -> Case:
    return builders.case(
        id=CaseId(f"c-{title}-{minutes}"),
        title=title,
        location=at,
        created_at=NOW - timedelta(minutes=minutes),
    )


def test_a_nearby_similar_report_ranks_first_and_a_far_one_is_no_duplicate():
    title = "Sewage pipe broken at the back of the building"
    near = _case(title + " again", geo.destination(HARBIN_ROAD, 90, 120), minutes=5)
    unplaced = _case(title, None, minutes=10)
    far = _case(title, geo.destination(HARBIN_ROAD, 90, 3_000), minutes=1)

    found = likely_duplicates(title, [far, unplaced, near], HARBIN_ROAD)

    assert found == [near, unplaced]


def test_without_a_point_duplicates_are_judged_by_text_alone():
    title = "Sewage pipe broken at the back of the building"
    far = _case(title, geo.destination(HARBIN_ROAD, 90, 3_000))

    assert likely_duplicates(title, [far]) == [far]


async def test_cells_count_placed_cases_for_staff_only():
    fakes = area()
    for i in range(3):
        point = geo.destination(HARBIN_ROAD, 45, 10.0 * i)
        await report_case(fakes.ports, who("res-1"), new_case(f"Lamp {i}", location=point))
    since, until = NOW - timedelta(days=1), NOW + timedelta(days=1)

    cells = await case_cells(fakes.ports, who("cstaff"), "c1", 7, since, until)

    assert [c.count for c in cells] == [3]
    assert cells[0].cell.bounds.contains(HARBIN_ROAD)
    with pytest.raises(Forbidden):
        await case_cells(fakes.ports, who("res-1"), "c1", 7, since, until)
    with pytest.raises(BadUserInput):
        await case_cells(fakes.ports, who("cstaff"), "c1", 11, since, until)


def _counts(*counts: int) -> list[CellCount]:
    return [CellCount(geo.Cell(50_000, 2000, 6000 + i), n) for i, n in enumerate(counts)]


def test_public_cells_withhold_small_counts_and_one_more_when_one_alone_would_show():
    shown = places.public_cells(_counts(12, 3, 7, 0))

    assert [(c.count, c.suppressed) for c in shown] == [(12, False), (None, True), (None, True)]


def test_public_cells_with_two_small_counts_withhold_only_those():
    shown = places.public_cells(_counts(2, 9, 4))

    assert [c.count for c in shown] == [None, 9, None]
