"""MongoDB reads over the points ledger used by the graph."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from grassroots_kit.mongo import Database, Document, Indexes
from pymongo import ASCENDING, IndexModel

COLLECTION = "ledger"
INDEXES = Indexes(
    COLLECTION,
    (
        # Leaderboards group a subtree's entries in a period by person.
        IndexModel([("orgUnitPath", ASCENDING), ("at", ASCENDING), ("personId", ASCENDING)]),
    ),
)


@dataclass(frozen=True)
class Standing:
    person_id: str
    points: int
    rank: int


async def leaderboard(
    db: Database, org_unit_id: str, since: datetime | None, until: datetime | None, first: int
) -> list[Standing]:
    match: Document = {"orgUnitPath": org_unit_id}
    period: Document = {}
    if since is not None:
        period["$gte"] = since
    if until is not None:
        period["$lt"] = until
    if period:
        match["at"] = period
    pipeline: list[Document] = [
        {"$match": match},
        {"$group": {"_id": "$personId", "points": {"$sum": "$delta"}}},
        {"$match": {"points": {"$gt": 0}}},
        {"$sort": {"points": -1, "_id": 1}},
        {"$limit": first},
    ]
    rows = [row async for row in await db[COLLECTION].aggregate(pipeline)]
    return [Standing(r["_id"], r["points"], rank) for rank, r in enumerate(rows, start=1)]
