"""The local copy of people's org units, kept from their events, for subtree questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from grassroots_kit.mongo import Database, Indexes, Session
from pymongo import ASCENDING, IndexModel

COLLECTION = "org_units"
INDEXES = Indexes(COLLECTION, (IndexModel([("path", ASCENDING)]),))


@dataclass(frozen=True)
class KnownUnit:
    id: str
    kind: str
    name: str
    path_with_self: tuple[str, ...]


class OrgUnitProjection:
    def __init__(self, db: Database) -> None:
        self._units = db[COLLECTION]

    async def get(self, unit_id: str, session: Session | None = None) -> KnownUnit | None:
        doc = await self._units.find_one({"_id": unit_id}, session=session)
        if doc is None:
            return None
        return KnownUnit(doc["_id"], doc["kind"], doc["name"], (*doc["path"], doc["_id"]))

    async def community_in(self, path: Sequence[str]) -> KnownUnit | None:
        """The community (or village) a path runs through, if the projection knows it."""
        doc = await self._units.find_one({"_id": {"$in": list(path)}, "kind": "COMMUNITY"})
        if doc is None:
            return None
        return KnownUnit(doc["_id"], doc["kind"], doc["name"], (*doc["path"], doc["_id"]))
