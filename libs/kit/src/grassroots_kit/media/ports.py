"""What a service's handlers need of its photos, as ports (the library and its records fulfil
them; in-memory fakes may too), and the one way photos are shown to a reader."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg
from grassroots_kit.media.images import GeoPoint
from grassroots_kit.media.library import PhotoLinks, UploadTicket
from grassroots_kit.media.records import MediaInfo


class MediaAttachments(Protocol):
    """The service's photo records, as a write sees them (grassroots_kit.media.records)."""

    async def attach(
        self, media_ids: Sequence[str], owner: str, subject: str, now: datetime
    ) -> list[MediaInfo]:
        """Mark the owner's stored uploads as the subject's, all or none: NOT_FOUND for an id
        that is not the owner's, not stored, or already attached."""
        ...

    async def location(self, media_id: str) -> GeoPoint | None:
        """The EXIF GPS point read at upload: the service's to use, never shown."""
        ...


class Media(Protocol):
    """Photos outside a transaction: upload and download URLs, records, clean-up."""

    @property
    def max_per_item(self) -> int: ...
    async def request_upload(self, owner: str, purpose: str) -> UploadTicket: ...
    def links(self, media_id: str) -> PhotoLinks:
        """Signed download URLs: only for a viewer who may see the photo."""
        ...

    async def infos(self, media_ids: Iterable[str]) -> dict[str, MediaInfo]: ...
    async def sweep_orphans(self, limit: int = 500) -> int: ...
    async def sweep_subjects(self, subjects: Sequence[str], limit: int = 500) -> int: ...


@dataclass(frozen=True)
class PhotoView:
    id: str
    content_type: str
    width: int
    height: int
    url: str
    thumbnail_url: str
    expires_at: datetime
    taken_at: datetime | None


def no_photos() -> BadUserInput:
    return BadUserInput(msg("this service keeps no photos"), field="mediaIds")


def wanted_ids(given: Sequence[str] | None, limit: int) -> tuple[str, ...]:
    """The media ids once each, in order; BadUserInput above `limit`."""
    ids = tuple(dict.fromkeys(str(i).strip() for i in (given or ()) if str(i).strip()))
    if len(ids) > limit:
        raise BadUserInput(
            msg("attach at most {limit} photos at a time", limit=limit), field="mediaIds"
        )
    return ids


async def photo_views(media: Media, ids: Sequence[str], subject: str) -> list[PhotoView]:
    """The photos `ids` of `subject` with fresh download URLs. Call it only for a reader the
    service's own policy lets see the subject."""
    if not ids:
        return []
    infos = await media.infos(ids)
    views: list[PhotoView] = []
    for media_id in ids:
        info = infos.get(media_id)
        if info is None or info.subject != subject or info.content_type is None:
            continue  # swept by retention, or never this subject's
        links = media.links(media_id)
        views.append(
            PhotoView(
                id=media_id,
                content_type=info.content_type,
                width=info.width or 0,
                height=info.height or 0,
                url=links.url,
                thumbnail_url=links.thumbnail_url,
                expires_at=links.expires_at,
                taken_at=info.taken_at,
            )
        )
    return views
