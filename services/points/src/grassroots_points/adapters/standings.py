"""Leaderboards: points earned in an org-unit subtree over a period, by one aggregation over
the ledger's (orgUnitPath, earnedAt, personId, earned) index."""

from __future__ import annotations

from collections.abc import Iterable

from grassroots_kit.mongo import Database, Document

from grassroots_points.adapters.ledger import COLLECTION
from grassroots_points.domain.periods import Period
from grassroots_points.domain.standings import Standing, ranked


def _match(org_unit_id: str, period: Period) -> Document:
    match: Document = {"orgUnitPath": org_unit_id}
    window: Document = {}
    if period.since is not None:
        window["$gte"] = period.since
    if period.until is not None:
        window["$lt"] = period.until
    if window:
        match["earnedAt"] = window
    return match


class Standings:
    def __init__(self, db: Database) -> None:
        self._entries = db[COLLECTION]

    async def top(
        self,
        org_unit_id: str,
        period: Period,
        first: int,
        among: Iterable[str] | None = None,
    ) -> list[Standing]:
        """The top earners; ties share a rank (1, 2, 2, 4)."""
        match = _match(org_unit_id, period)
        if among is not None:
            match["personId"] = {"$in": sorted(set(among))}
        pipeline: list[Document] = [
            {"$match": match},
            {"$group": {"_id": "$personId", "points": {"$sum": "$earned"}}},
            {"$match": {"points": {"$gt": 0}}},
            {"$sort": {"points": -1, "_id": 1}},
            {"$limit": first},
        ]
        rows = [row async for row in await self._entries.aggregate(pipeline)]
        return ranked((row["_id"], int(row["points"])) for row in rows)

    async def earned(self, person_id: str, org_unit_id: str, period: Period) -> int:
        match = {**_match(org_unit_id, period), "personId": person_id}
        pipeline: list[Document] = [
            {"$match": match},
            {"$group": {"_id": None, "points": {"$sum": "$earned"}}},
        ]
        rows = [row async for row in await self._entries.aggregate(pipeline)]
        return int(rows[0]["points"]) if rows else 0

    async def rank(self, person_id: str, org_unit_id: str, period: Period) -> int | None:
        """1 + how many earned more than this person in the subtree; None if they earned none."""
        mine = await self.earned(person_id, org_unit_id, period)
        if mine <= 0:
            return None
        pipeline: list[Document] = [
            {"$match": _match(org_unit_id, period)},
            {"$group": {"_id": "$personId", "points": {"$sum": "$earned"}}},
            {"$match": {"points": {"$gt": mine}}},
            {"$count": "ahead"},
        ]
        rows = [row async for row in await self._entries.aggregate(pipeline)]
        return 1 + (int(rows[0]["ahead"]) if rows else 0)
