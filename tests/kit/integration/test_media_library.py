"""The photo flow on a real mongod with GridFS: upload once, attach once, download while valid,
nothing kept of a refused upload, orphans swept."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, NotFound
from grassroots_kit.media.library import MediaLibrary
from grassroots_kit.media.records import MediaRecords
from grassroots_kit.media.settings import MediaSettings
from grassroots_kit.media.store import GridFSMediaStore
from PIL import Image

from tests.support.photos import photo


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def library(mongo_client: Any, db_name: str, clock: Clock) -> MediaLibrary:
    db = mongo_client[db_name]
    settings = MediaSettings(
        service_name="cases",
        media_url_secret="s" * 32,
        media_max_bytes=200_000,
        media_orphan_ttl_seconds=3600,
    )
    return MediaLibrary(
        service="cases",
        records=MediaRecords(db),
        store=GridFSMediaStore(db),
        settings=settings,
        clock=clock,
    )


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


async def test_an_upload_is_stored_attached_and_downloaded(library: MediaLibrary) -> None:
    ticket = await library.request_upload("p1", "CASE_REPORT")
    assert ticket.upload_url.startswith("/media/cases/upload/")
    info = await library.receive(token_of(ticket.upload_url), photo("JPEG", lat=45.7, lng=126.6))
    assert (info.status, info.width, info.height) == ("STORED", 64, 48)
    assert (await library.records.location(info.id)) is not None
    await library.records.attach([info.id], "p1", "case:c1", library._clock())
    links = library.links(info.id)
    full = await library.download(token_of(links.url))
    thumb = await library.download(token_of(links.thumbnail_url))
    assert full.content_type == "image/jpeg"
    with Image.open(io.BytesIO(full.data)) as kept:
        assert not kept.getexif()
    assert thumb.content_type == "image/jpeg"


async def test_an_upload_url_works_once(library: MediaLibrary) -> None:
    ticket = await library.request_upload("p1", "CASE_REPORT")
    await library.receive(token_of(ticket.upload_url), photo("PNG"))
    with pytest.raises(Conflict):
        await library.receive(token_of(ticket.upload_url), photo("PNG"))


async def test_an_expired_upload_url_stores_nothing(library: MediaLibrary, clock: Clock) -> None:
    ticket = await library.request_upload("p1", "CASE_REPORT")
    clock.now += timedelta(hours=1)
    with pytest.raises(Forbidden):
        await library.receive(token_of(ticket.upload_url), photo("PNG"))
    assert await library.store.get(ticket.media_id) is None


@pytest.mark.parametrize("body", [b"hello", photo("JPEG", size=(300, 300))[:500], b"x" * 300_000])
async def test_a_refused_upload_leaves_nothing(library: MediaLibrary, body: bytes) -> None:
    ticket = await library.request_upload("p1", "CASE_REPORT")
    with pytest.raises(BadUserInput):
        await library.receive(token_of(ticket.upload_url), body)
    assert await library.records.get_many([ticket.media_id]) == {}
    assert await library.store.get(ticket.media_id) is None


async def test_only_the_uploader_attaches_and_only_once(library: MediaLibrary) -> None:
    ticket = await library.request_upload("p1", "CASE_REPORT")
    await library.receive(token_of(ticket.upload_url), photo("PNG"))
    with pytest.raises(NotFound):
        await library.records.attach([ticket.media_id], "p2", "case:c1", library._clock())
    await library.records.attach([ticket.media_id], "p1", "case:c1", library._clock())
    with pytest.raises(NotFound):
        await library.records.attach([ticket.media_id], "p1", "case:c2", library._clock())


async def test_an_unattached_photo_cannot_be_downloaded(library: MediaLibrary) -> None:
    ticket = await library.request_upload("p1", "CASE_REPORT")
    await library.receive(token_of(ticket.upload_url), photo("PNG"))
    with pytest.raises(NotFound):
        await library.download(token_of(library.links(ticket.media_id).url))


async def test_orphans_are_swept_after_their_ttl(library: MediaLibrary, clock: Clock) -> None:
    kept = await library.request_upload("p1", "CASE_REPORT")
    await library.receive(token_of(kept.upload_url), photo("PNG"))
    await library.records.attach([kept.media_id], "p1", "case:c1", clock())
    orphan = await library.request_upload("p1", "CASE_REPORT")
    await library.receive(token_of(orphan.upload_url), photo("PNG"))
    assert await library.sweep_orphans() == 0
    clock.now += timedelta(hours=2)
    assert await library.sweep_orphans() == 1
    assert await library.store.get(orphan.media_id) is None
    assert await library.store.get(kept.media_id) is not None
    assert await library.sweep_subjects(["case:c1"]) == 1
    assert await library.store.get(kept.media_id) is None
