"""The photo flow of one service: upload URLs, receiving the bytes, attaching, download URLs
and clean-up. Generic: a service names what a photo belongs to (`subject`) and who may see it."""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import SecretStr

from grassroots_kit.errors import Conflict, NotFound
from grassroots_kit.i18n import msg
from grassroots_kit.media import tokens
from grassroots_kit.media.images import ImageLimits, PreparedImage, prepare
from grassroots_kit.media.records import MediaInfo, MediaRecords
from grassroots_kit.media.settings import MediaSettings
from grassroots_kit.media.store import GridFSMediaStore, MediaStore
from grassroots_kit.media.tokens import Claims, Variant
from grassroots_kit.mongo import Database

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class UploadTicket:
    media_id: str
    upload_url: str
    expires_at: datetime


@dataclass(frozen=True)
class PhotoLinks:
    url: str
    thumbnail_url: str
    expires_at: datetime


@dataclass(frozen=True)
class Download:
    data: bytes
    content_type: str


def thumbnail_key(media_id: str) -> str:
    return f"{media_id}.thumb"


class MediaLibrary:
    def __init__(
        self,
        *,
        service: str,
        records: MediaRecords,
        store: MediaStore,
        settings: MediaSettings,
        clock: Clock = _utc_now,
    ) -> None:
        self.service = service
        self.records = records
        self.store = store
        self.settings = settings
        self._clock = clock
        self._secret = settings.media_url_key() or secrets.token_bytes(32)
        self.limits = ImageLimits(
            max_bytes=settings.media_max_bytes,
            max_pixels=settings.media_max_pixels,
            thumbnail_pixels=settings.media_thumbnail_pixels,
        )
        self._base = f"{settings.media_public_base_url.rstrip('/')}/media/{service}"

    @property
    def max_per_item(self) -> int:
        return self.settings.media_max_per_item

    async def request_upload(self, owner: str, purpose: str) -> UploadTicket:
        now = self._clock()
        expires_at = now + timedelta(seconds=self.settings.media_upload_url_seconds)
        media_id = uuid.uuid4().hex
        await self.records.create(media_id, owner, purpose, now, expires_at)
        token = tokens.issue(
            self._secret, Claims("up", media_id, "full", int(expires_at.timestamp()))
        )
        return UploadTicket(media_id, f"{self._base}/upload/{token}", expires_at)

    async def receive(self, token: str, data: bytes) -> MediaInfo:
        """Check, clean, thumbnail and store an upload; nothing is kept when it is refused."""
        claims = tokens.verify(self._secret, token, "up", self._clock().timestamp())
        if not await self.records.claim_upload(claims.media_id, self._clock()):
            raise Conflict(
                msg("this upload URL was already used or has expired: ask for a new one"),
                reason="USED",
            )
        try:
            image: PreparedImage = prepare(data, self.limits)
        except Exception:
            await self.records.forget(claims.media_id)
            raise
        try:
            await self.store.put(claims.media_id, image.data, image.content_type)
            await self.store.put(
                thumbnail_key(claims.media_id), image.thumbnail, image.thumbnail_type
            )
            return await self.records.stored(claims.media_id, image)
        except BaseException:
            await self._delete(claims.media_id)
            raise

    async def infos(self, media_ids: Iterable[str]) -> dict[str, MediaInfo]:
        return await self.records.get_many(media_ids)

    def links(self, media_id: str) -> PhotoLinks:
        """Download URLs of both sizes: give them only to a viewer who may see the photo."""
        expires_at = self._clock() + timedelta(seconds=self.settings.media_download_url_seconds)
        stamp = int(expires_at.timestamp())

        def url(variant: Variant) -> str:
            token = tokens.issue(self._secret, Claims("get", media_id, variant, stamp))
            return f"{self._base}/file/{token}"

        return PhotoLinks(url("full"), url("thumb"), expires_at)

    async def download(self, token: str) -> Download:
        claims = tokens.verify(self._secret, token, "get", self._clock().timestamp())
        info = (await self.records.get_many([claims.media_id])).get(claims.media_id)
        if info is None or info.status != "ATTACHED" or info.content_type is None:
            raise _gone()
        if claims.variant == "thumb":
            data = await self.store.get(thumbnail_key(claims.media_id))
            content_type = "image/jpeg"
        else:
            data = await self.store.get(claims.media_id)
            content_type = info.content_type
        if data is None:
            raise _gone()
        return Download(data, content_type)

    async def _delete(self, media_id: str) -> None:
        await self.store.delete(media_id)
        await self.store.delete(thumbnail_key(media_id))
        await self.records.forget(media_id)

    async def delete(self, media_ids: Sequence[str]) -> int:
        for media_id in media_ids:
            await self._delete(media_id)
        return len(media_ids)

    async def sweep_orphans(self, limit: int = 500) -> int:
        """Delete uploads never attached within the orphan TTL (bytes first, then the record)."""
        before = self._clock() - timedelta(seconds=self.settings.media_orphan_ttl_seconds)
        return await self.delete(await self.records.orphans(before, limit))

    async def sweep_subjects(self, subjects: Sequence[str], limit: int = 500) -> int:
        """Delete the photos of these subjects (retention)."""
        if not subjects:
            return 0
        return await self.delete(await self.records.of_subjects(subjects, limit))


def media_library(db: Database, settings: MediaSettings) -> MediaLibrary:
    """The service's library over the store its settings choose (GridFS unless `s3`)."""
    store: MediaStore
    if settings.media_backend == "s3":
        from grassroots_kit.media.s3 import S3MediaStore

        def secret(value: SecretStr | None) -> str | None:
            return value.get_secret_value() if value is not None else None

        store = S3MediaStore(
            bucket=settings.media_s3_bucket,
            prefix=settings.service_name,
            endpoint_url=settings.media_s3_endpoint_url,
            region=settings.media_s3_region,
            access_key_id=secret(settings.media_s3_access_key_id),
            secret_access_key=secret(settings.media_s3_secret_access_key),
        )
    else:
        store = GridFSMediaStore(db)
    return MediaLibrary(
        service=settings.service_name, records=MediaRecords(db), store=store, settings=settings
    )


def _gone() -> NotFound:
    return NotFound(msg("this photo is not available"))
