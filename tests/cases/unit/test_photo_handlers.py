"""Photos on cases over the fakes: attached in the case's own transaction, once, only by their
uploader, within the per-item limit; a refusal leaves the case unwritten and the upload free."""

from __future__ import annotations

import pytest
from grassroots_cases.domain.photos import PhotoPoint, placed_by_photo
from grassroots_cases.handlers.case_commands import comment_on_case
from grassroots_cases.handlers.photos import photos_of
from grassroots_cases.handlers.report_case import report_case
from grassroots_cases.handlers.transitions import Transition
from grassroots_kit.errors import BadUserInput, NotFound
from grassroots_kit.geo import GeoPoint

from tests.cases.fakes import FakeCases, FakeMedia
from tests.cases.unit.fake_area import area, new_case, who


def media_of(fakes: FakeCases) -> FakeMedia:
    media = fakes.ports.media
    assert isinstance(media, FakeMedia)
    return media


async def test_a_report_attaches_the_reporters_own_uploads() -> None:
    fakes = area()
    media_of(fakes).stored("m1", "res-1")

    reported = await report_case(fakes.ports, who("res-1"), new_case(photo_ids=("m1", "m1")))

    assert reported.case.photo_ids == ("m1",)
    assert fakes.state.media["m1"].subject == f"case:{reported.case.id}"
    assert fakes.state.cases[reported.case.id].photo_ids == ("m1",)


async def test_someone_elses_upload_fails_the_whole_report() -> None:
    fakes = area()
    media_of(fakes).stored("m1", "res-2")

    with pytest.raises(NotFound):
        await report_case(fakes.ports, who("res-1"), new_case(photo_ids=("m1",)))

    assert fakes.state.cases == {}
    assert fakes.state.media["m1"].status == "STORED"


async def test_an_attached_upload_cannot_be_attached_again() -> None:
    fakes = area()
    media_of(fakes).stored("m1", "res-1")
    await report_case(fakes.ports, who("res-1"), new_case(photo_ids=("m1",)))

    with pytest.raises(NotFound):
        await report_case(fakes.ports, who("res-1"), new_case("Another", photo_ids=("m1",)))


async def test_more_photos_than_the_limit_are_refused_before_any_write() -> None:
    fakes = area()
    for i in range(4):
        media_of(fakes).stored(f"m{i}", "res-1")

    with pytest.raises(BadUserInput):
        await report_case(fakes.ports, who("res-1"), new_case(photo_ids=("m0", "m1", "m2", "m3")))

    assert fakes.uow.runs == 0


async def test_a_comments_photos_are_on_its_timeline_entry_and_shown_to_readers_only() -> None:
    fakes = area()
    case = (await report_case(fakes.ports, who("res-1"), new_case())).case
    media_of(fakes).stored("m9", "res-1")

    changed = await comment_on_case(
        fakes.ports, who("res-1"), Transition(case.id), "Worse today", ["m9"]
    )

    assert changed.timeline[-1].photo_ids == ("m9",)
    shown = await photos_of(fakes.ports, who("res-1"), changed, ("m9",))
    assert [p.id for p in shown] == ["m9"]
    assert await photos_of(fakes.ports, who("res-2"), changed, ("m9",)) == []
    assert await photos_of(fakes.ports, None, changed, ("m9",)) == []


async def test_a_photos_point_places_the_case_unless_the_reporter_gave_one() -> None:
    fakes = area()
    unplaced = (await report_case(fakes.ports, who("res-1"), new_case())).case
    placed = (
        await report_case(
            fakes.ports, who("res-1"), new_case(location=GeoPoint(36.08, 120.36, accuracy_m=5))
        )
    ).case
    harbin_road = PhotoPoint(lat=36.0857, lng=120.3644)

    assert placed_by_photo(unplaced, harbin_road).location == GeoPoint(36.0857, 120.3644)
    assert placed_by_photo(unplaced, None).location is None
    assert placed_by_photo(placed, harbin_road).location == GeoPoint(36.08, 120.36, accuracy_m=5)
