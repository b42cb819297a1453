"""Which closed cases' photos retention deletes, and the mark that they are gone."""

from __future__ import annotations

from datetime import datetime

from grassroots_kit.mongo import Database

from grassroots_cases.adapters.cases import COLLECTION
from grassroots_cases.domain.vocabulary import Status


class MongoPhotoRetention:
    def __init__(self, db: Database) -> None:
        self._cases = db[COLLECTION]

    async def closed_with_photos(self, before: datetime, limit: int) -> list[str]:
        cursor = self._cases.find(
            {"status": Status.CLOSED.value, "photosKept": True, "closedAt": {"$lte": before}},
            {"_id": 1},
            limit=limit,
        ).sort("closedAt", 1)
        return [doc["_id"] async for doc in cursor]

    async def photos_deleted(self, case_ids: list[str]) -> None:
        # Not a change of the case (no version): the photos are simply no longer kept.
        await self._cases.update_many({"_id": {"$in": case_ids}}, {"$unset": {"photosKept": ""}})
