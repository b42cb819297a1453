"""Follows and "me too"s of cases in MongoDB: one document per (case, person), counted per case
when a list of cases asks (one aggregation for the page)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from grassroots_kit.mongo import Database, Indexes, Session
from pymongo import ASCENDING, IndexModel

from grassroots_cases.domain.following import Follow, FollowCounts

COLLECTION = "case_follows"
INDEXES = Indexes(COLLECTION, (IndexModel([("caseId", ASCENDING), ("following", ASCENDING)]),))


def _id(case_id: str, person_id: str) -> str:
    return f"{case_id}:{person_id}"


def _follow(doc: dict[str, Any]) -> Follow:
    return Follow(
        case_id=doc["caseId"],
        person_id=doc["personId"],
        following=bool(doc.get("following")),
        me_too=bool(doc.get("meToo")),
        since=doc.get("since"),
        me_too_at=doc.get("meTooAt"),
    )


class MongoFollowStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._follows = db[COLLECTION]
        self._session = session

    async def get(self, case_id: str, person_id: str) -> Follow | None:
        doc = await self._follows.find_one({"_id": _id(case_id, person_id)}, session=self._session)
        return _follow(doc) if doc else None

    async def save(self, follow: Follow) -> None:
        doc = {
            "caseId": follow.case_id,
            "personId": follow.person_id,
            "following": follow.following,
            "meToo": follow.me_too,
            "since": follow.since,
            "meTooAt": follow.me_too_at,
        }
        await self._follows.replace_one(
            {"_id": _id(follow.case_id, follow.person_id)}, doc, upsert=True, session=self._session
        )

    async def counts(self, case_ids: Sequence[str], viewer: str | None) -> dict[str, FollowCounts]:
        ids = list(set(case_ids))
        pipeline: list[dict[str, Any]] = [
            {"$match": {"caseId": {"$in": ids}}},
            {
                "$group": {
                    "_id": "$caseId",
                    "followers": {"$sum": {"$cond": ["$following", 1, 0]}},
                    "meToo": {"$sum": {"$cond": ["$meToo", 1, 0]}},
                }
            },
        ]
        totals = {
            d["_id"]: d
            async for d in await self._follows.aggregate(pipeline, session=self._session)
        }
        mine: dict[str, Follow] = {}
        if viewer is not None:
            query = {"_id": {"$in": [_id(c, viewer) for c in ids]}}
            mine = {
                d["caseId"]: _follow(d)
                async for d in self._follows.find(query, session=self._session)
            }
        counts = {}
        for case_id in ids:
            total = totals.get(case_id, {})
            own = mine.get(case_id)
            counts[case_id] = FollowCounts(
                followers=int(total.get("followers", 0)),
                me_too=int(total.get("meToo", 0)),
                followed_by_me=bool(own and own.following),
                me_too_by_me=bool(own and own.me_too),
            )
        return counts
