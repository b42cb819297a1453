"""The record of each photo, in the service's own database (collection `media`).

`{_id, owner, purpose, status, createdAt, uploadExpiresAt, contentType, width, height, bytes,
thumbnailType, takenAt, location, subject, attachedAt}`. `status` moves PENDING (URL issued) →
RECEIVING (the one PUT the URL allows has begun) → STORED (bytes checked and stored) → ATTACHED
(referenced by `subject`, e.g. `case:<id>`, once and for good). `location` is the EXIF GPS point
read at upload: private to the service, never in what `MediaInfo` shows others.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pymongo import ASCENDING, IndexModel, ReturnDocument

from grassroots_kit.errors import Conflict, NotFound
from grassroots_kit.i18n import msg
from grassroots_kit.media.images import GeoPoint, PreparedImage
from grassroots_kit.mongo import Database, Document, Indexes, Session

COLLECTION = "media"
INDEXES = Indexes(
    COLLECTION,
    (
        # The orphan sweeper: unreferenced records by age.
        IndexModel([("status", ASCENDING), ("createdAt", ASCENDING)]),
        # Retention: the photos of a subject.
        IndexModel([("subject", ASCENDING)], sparse=True),
    ),
)

Status = Literal["PENDING", "RECEIVING", "STORED", "ATTACHED"]


@dataclass(frozen=True)
class MediaInfo:
    """What may be shown of a stored photo (no location)."""

    id: str
    owner: str
    purpose: str
    status: Status
    content_type: str | None
    width: int | None
    height: int | None
    size: int | None
    taken_at: datetime | None
    subject: str | None


def _info(doc: Document) -> MediaInfo:
    return MediaInfo(
        id=doc["_id"],
        owner=doc["owner"],
        purpose=doc["purpose"],
        status=doc["status"],
        content_type=doc.get("contentType"),
        width=doc.get("width"),
        height=doc.get("height"),
        size=doc.get("bytes"),
        taken_at=doc.get("takenAt"),
        subject=doc.get("subject"),
    )


def not_yours(media_id: str) -> NotFound:
    # The same answer whether the photo is someone else's, already used or never existed.
    return NotFound(
        msg("no uploaded photo with id {media_id} is yours to attach", media_id=media_id),
        field="mediaIds",
    )


class MediaRecords:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._media = db[COLLECTION]
        self._session = session

    def bound(self, session: Session) -> MediaRecords:
        """The same records, written inside `session`'s transaction."""
        records = MediaRecords.__new__(MediaRecords)
        records._media = self._media
        records._session = session
        return records

    async def create(
        self, media_id: str, owner: str, purpose: str, now: datetime, expires_at: datetime
    ) -> None:
        await self._media.insert_one(
            {
                "_id": media_id,
                "owner": owner,
                "purpose": purpose,
                "status": "PENDING",
                "createdAt": now,
                "uploadExpiresAt": expires_at,
            },
            session=self._session,
        )

    async def claim_upload(self, media_id: str, now: datetime) -> bool:
        """Start the one upload a URL allows: True for the first caller before it expires."""
        found = await self._media.find_one_and_update(
            {"_id": media_id, "status": "PENDING", "uploadExpiresAt": {"$gt": now}},
            {"$set": {"status": "RECEIVING", "receivedAt": now}},
            session=self._session,
        )
        return found is not None

    async def stored(self, media_id: str, image: PreparedImage) -> MediaInfo:
        doc = await self._media.find_one_and_update(
            {"_id": media_id, "status": "RECEIVING"},
            {
                "$set": {
                    "status": "STORED",
                    "contentType": image.content_type,
                    "width": image.width,
                    "height": image.height,
                    "bytes": len(image.data),
                    "thumbnailType": image.thumbnail_type,
                    "takenAt": image.taken_at,
                    "location": (
                        {"lat": image.location.lat, "lng": image.location.lng}
                        if image.location
                        else None
                    ),
                }
            },
            return_document=ReturnDocument.AFTER,
            session=self._session,
        )
        if doc is None:
            raise Conflict(msg("this upload was cancelled while it was received"))
        return _info(doc)

    async def forget(self, media_id: str) -> None:
        await self._media.delete_one({"_id": media_id}, session=self._session)

    async def get_many(self, ids: Iterable[str]) -> dict[str, MediaInfo]:
        cursor = self._media.find({"_id": {"$in": list(set(ids))}}, session=self._session)
        return {doc["_id"]: _info(doc) async for doc in cursor}

    async def attach(
        self, media_ids: Sequence[str], owner: str, subject: str, now: datetime
    ) -> list[MediaInfo]:
        """Mark stored photos of `owner` as `subject`'s, all or none (run in a transaction)."""
        wanted = list(dict.fromkeys(media_ids))
        found = {
            doc["_id"]: doc
            async for doc in self._media.find(
                {"_id": {"$in": wanted}, "status": "STORED", "owner": owner},
                session=self._session,
            )
        }
        for media_id in wanted:
            if media_id not in found:
                raise not_yours(media_id)
        result = await self._media.update_many(
            {"_id": {"$in": wanted}, "status": "STORED", "owner": owner},
            {"$set": {"status": "ATTACHED", "subject": subject, "attachedAt": now}},
            session=self._session,
        )
        if result.modified_count != len(wanted):
            raise Conflict(msg("a photo was attached elsewhere at the same time; try again"))
        return [_info({**found[m], "status": "ATTACHED", "subject": subject}) for m in wanted]

    async def location(self, media_id: str) -> GeoPoint | None:
        """The EXIF GPS point read at upload: for the service's own use (a case's location
        when its reporter agrees), never shown with the photo."""
        doc = await self._media.find_one({"_id": media_id}, {"location": 1}, session=self._session)
        point = doc.get("location") if doc else None
        return GeoPoint(lat=point["lat"], lng=point["lng"]) if point else None

    async def orphans(self, created_before: datetime, limit: int) -> list[str]:
        """Records never attached and older than `created_before`."""
        cursor = self._media.find(
            {"status": {"$ne": "ATTACHED"}, "createdAt": {"$lt": created_before}},
            {"_id": 1},
            limit=limit,
            session=self._session,
        )
        return [doc["_id"] async for doc in cursor]

    async def of_subjects(self, subjects: Sequence[str], limit: int) -> list[str]:
        cursor = self._media.find(
            {"subject": {"$in": list(subjects)}}, {"_id": 1}, limit=limit, session=self._session
        )
        return [doc["_id"] async for doc in cursor]
